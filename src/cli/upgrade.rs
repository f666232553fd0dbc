//! `qualplan upgrade`: top-ups from what a learner holds.

use super::output::{Doc, Format, Table, json};
use super::{Context, Failure, UpgradeArgs, money};
use qualplan::planner::{Holding, UpgradePlan, all_upgrades, plan_upgrade};
use serde::Serialize;

/// `upgrade --format json` (a stable contract: docs/cli.md).
#[derive(Serialize)]
struct PlanJson<'a> {
    from: &'a str,
    to: &'a str,
    kind: String,
    units_carried: &'a [String],
    units_to_take: &'a [String],
    optional_group: Option<&'a str>,
    credits_carried: u32,
    credits_to_take: u32,
    glh_to_take: Option<u32>,
    practice_hours_to_take: u32,
    min_clients: Option<u32>,
    fee_ex_vat_pence: Option<i64>,
    vat_pence: Option<i64>,
    fee_inc_vat_pence: Option<i64>,
    fee_ex_vat: Option<String>,
    vat: Option<String>,
    fee_inc_vat: Option<String>,
    suggested_months_min: Option<u32>,
    suggested_months_max: Option<u32>,
    notes: &'a [String],
}

impl<'a> From<&'a UpgradePlan> for PlanJson<'a> {
    fn from(p: &'a UpgradePlan) -> PlanJson<'a> {
        PlanJson {
            from: &p.from,
            to: &p.to,
            kind: p.kind.to_string().replace(' ', "-"),
            units_carried: &p.units_carried,
            units_to_take: &p.units_to_take,
            optional_group: p.group.as_deref(),
            credits_carried: p.credits_carried,
            credits_to_take: p.credits_to_take,
            glh_to_take: p.glh_to_take,
            practice_hours_to_take: p.practice_hours_to_take,
            min_clients: p.min_clients,
            fee_ex_vat_pence: money::pence(p.fee.map(|f| f.ex_vat)),
            vat_pence: money::pence(p.fee.map(|f| f.vat)),
            fee_inc_vat_pence: money::pence(p.fee.map(|f| f.inc_vat)),
            fee_ex_vat: money::text(p.fee.map(|f| f.ex_vat)),
            vat: money::text(p.fee.map(|f| f.vat)),
            fee_inc_vat: money::text(p.fee.map(|f| f.inc_vat)),
            suggested_months_min: p.suggested_months.map(|m| m.min),
            suggested_months_max: p.suggested_months.map(|m| m.max),
            notes: &p.notes,
        }
    }
}

pub fn run(ctx: &Context, a: UpgradeArgs) -> Result<String, Failure> {
    let c = &ctx.catalogue;
    let mut holding = Holding {
        qualifications: Vec::new(),
        units: Vec::new(),
        with_provider: !a.elsewhere,
    };
    for name in &a.from {
        holding
            .qualifications
            .push(ctx.qualification(name)?.id.clone());
    }
    for code in &a.units {
        let unit = c
            .unit(code)
            .or_else(|| c.unit(&code.to_uppercase()))
            .ok_or_else(|| {
                Failure::Usage(format!(
                    "`{code}` is not a unit code (`qualplan list --units` lists them)"
                ))
            })?;
        holding.units.push(unit.code.clone());
    }
    let vat_percent = c.vat_rate().percent;
    match a.to {
        Some(to) => {
            let target = ctx.qualification(&to)?;
            let plan = plan_upgrade(c, &holding, &target.id)
                .map_err(|e| Failure::Domain(e.to_string()))?;
            Ok(match ctx.format {
                Format::Json => json(&PlanJson::from(&plan)),
                format => one(&plan, vat_percent).render(format),
            })
        }
        None => {
            let plans = all_upgrades(c, &holding).map_err(|e| Failure::Domain(e.to_string()))?;
            if ctx.format == Format::Json {
                return Ok(json(&plans.iter().map(PlanJson::from).collect::<Vec<_>>()));
            }
            if plans.is_empty() {
                return Err(Failure::Domain(format!(
                    "no upgrade is open from {}: nothing larger at the same level carries over any unit",
                    holding.qualifications.join(", ")
                )));
            }
            Ok(many(&plans).render(ctx.format))
        }
    }
}

fn units_text(codes: &[String], credits: u32) -> String {
    if codes.is_empty() {
        "none".to_string()
    } else {
        format!("{} ({credits} credits)", codes.join(", "))
    }
}

fn one(p: &UpgradePlan, vat_percent: u32) -> Doc {
    let mut doc = Doc::default();
    doc.heading(format!("Upgrade from {} to {}: {}", p.from, p.to, p.kind));
    let mut t = Table::new(&["figure", "value"]);
    t.row(vec![
        "Units carried over".into(),
        units_text(&p.units_carried, p.credits_carried),
    ]);
    t.row(vec![
        "Units to take".into(),
        units_text(&p.units_to_take, p.credits_to_take),
    ]);
    if let Some(g) = &p.group {
        t.row(vec!["Optional group".into(), g.clone()]);
    }
    t.row(vec![
        "Guided learning to do".into(),
        p.glh_to_take
            .map_or("not stated".into(), |g| format!("{g} hours")),
    ]);
    let clients = p.min_clients.map_or(String::new(), |n| {
        format!(", at least {n} client{}", if n == 1 { "" } else { "s" })
    });
    t.row(vec![
        "Practice still needed".into(),
        format!("{} hours{clients}", p.practice_hours_to_take),
    ]);
    t.row(vec![
        "Fee ex VAT".into(),
        money::cell(p.fee.map(|f| f.ex_vat)),
    ]);
    t.row(vec![
        format!("VAT ({vat_percent}%)"),
        money::cell(p.fee.map(|f| f.vat)),
    ]);
    t.row(vec![
        "Fee inc VAT".into(),
        money::cell(p.fee.map(|f| f.inc_vat)),
    ]);
    t.row(vec![
        "Suggested time for the rest".into(),
        p.suggested_months.map_or("-".into(), |m| m.to_string()),
    ]);
    doc.table(t);
    for n in &p.notes {
        doc.para(format!("{n}."));
    }
    doc
}

fn many(plans: &[UpgradePlan]) -> Doc {
    let mut doc = Doc::default();
    doc.heading("Every upgrade, cheapest first");
    let mut t = Table::new(&[
        "to", "kind", "credits", "practice", "ex VAT", "inc VAT", "time",
    ])
    .right_align(&[2, 3, 4, 5]);
    for p in plans {
        t.row(vec![
            p.to.clone(),
            p.kind.to_string(),
            p.credits_to_take.to_string(),
            p.practice_hours_to_take.to_string(),
            money::cell(p.fee.map(|f| f.ex_vat)),
            money::cell(p.fee.map(|f| f.inc_vat)),
            p.suggested_months.map_or("-".into(), |m| m.to_string()),
        ]);
    }
    doc.table(t);
    let units: Vec<String> = plans
        .iter()
        .map(|p| {
            format!(
                "{}: take {}; carried over {}.",
                p.to,
                list_or_none(&p.units_to_take),
                list_or_none(&p.units_carried)
            )
        })
        .collect();
    doc.para(units.join("\n"));
    doc.para("Credits and practice hours are what is still to do. `qualplan upgrade --from ... --to ID` shows one upgrade in full.");
    doc
}

fn list_or_none(codes: &[String]) -> String {
    if codes.is_empty() {
        "nothing".to_string()
    } else {
        codes.join(", ")
    }
}
