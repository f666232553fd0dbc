//! `qualplan pay`: what to pay and when.

use super::course::{explain, pay_failure};
use super::output::{Doc, Format, Table, json};
use super::{Context, Failure, PayArgs, money};
use qualplan::planner::{Course, Due, Holding, PaymentKind, PaymentPlan};
use qualplan::pricing::InstalmentTerms;
use serde::Serialize;

/// `pay --format json` (a stable contract: docs/cli.md).
#[derive(Serialize)]
struct PayJson<'a> {
    qualification: &'a str,
    /// The held qualification the course builds on, if any.
    from: Option<&'a str>,
    holding: &'a Holding,
    kind: PaymentKind,
    price_ex_vat_pence: i64,
    premium_ex_vat_pence: i64,
    total_ex_vat_pence: i64,
    total_vat_pence: i64,
    total_inc_vat_pence: i64,
    total_ex_vat: String,
    total_vat: String,
    total_inc_vat: String,
    payments: Vec<PaymentJson>,
    course: &'a Course,
}

#[derive(Serialize)]
struct PaymentJson {
    label: String,
    /// A date (YYYY-MM-DD), or "on-completion".
    due: String,
    /// For a payment on completion: the expected date, if known.
    expected: Option<String>,
    amount_ex_vat_pence: i64,
    vat_pence: i64,
    amount_inc_vat_pence: i64,
    amount_ex_vat: String,
    vat: String,
    amount_inc_vat: String,
}

pub fn run(ctx: &Context, a: PayArgs) -> Result<String, Failure> {
    let c = &ctx.catalogue;
    let name = a.qualification.join(" ");
    if name.trim().is_empty() {
        return Err(Failure::Usage(
            "name the qualification to pay for: `qualplan pay l5-dip-cm`".into(),
        ));
    }
    let q = ctx.qualification(&name)?;
    let holding = ctx.holding(&a.holding)?;
    let course = ctx.course(&q.id, &holding)?;
    let start = a.start.unwrap_or(ctx.today);
    let terms = a.instalments.then(|| {
        let defaults = InstalmentTerms::from(&c.pricing.instalments);
        InstalmentTerms {
            premium: a.premium.unwrap_or(defaults.premium),
            instalment: a.instalment.unwrap_or(defaults.instalment),
            monthly_payments: a.months.unwrap_or(defaults.monthly_payments),
            final_on_completion: defaults.final_on_completion && !a.no_final_payment,
        }
    });
    let plan = course.payments(terms.as_ref(), start).map_err(|e| {
        let later = terms.map_or(0, |t| {
            i64::from(t.monthly_payments) + i64::from(t.final_on_completion)
        });
        pay_failure(e, course.fee.map(|f| f.ex_vat), later)
    })?;
    if ctx.format == Format::Json {
        return Ok(json(&to_json(&course, &plan)));
    }
    let mut doc = Doc::default();
    let what = match (&course.from, course.kind) {
        (Some(held), qualplan::planner::CourseKind::TopUp) => {
            format!("the top-up from {held} to {}", q.id)
        }
        _ => format!("{} ({})", q.title, q.id),
    };
    let how = match plan.kind {
        PaymentKind::InFull => "in full",
        PaymentKind::Instalments => "by instalments",
    };
    doc.heading(format!("Paying for {what} {how}"));
    doc.table(table(&plan, c.vat_rate().percent));
    explain(&mut doc, &course);
    if let Some(Due::OnCompletion(Some(d))) = plan.payments.last().map(|p| p.due) {
        doc.para(format!(
            "The final payment falls due on successful completion, expected by {d} (the end of the suggested time)."
        ));
    }
    if plan.kind == PaymentKind::Instalments {
        doc.para(format!(
            "The instalment plan adds a {} premium, paid with the first payment; terms and conditions apply. qualplan generalises the provider's one worked example (docs/sources.md).",
            plan.premium_ex_vat
        ));
    }
    doc.para("Prices exclude VAT; VAT is worked out on each payment.");
    Ok(doc.render(ctx.format))
}

fn table(plan: &PaymentPlan, vat_percent: u32) -> Table {
    let vat_header = format!("VAT {vat_percent}%");
    let mut t =
        Table::new(&["payment", "due", "ex VAT", &vat_header, "inc VAT"]).right_align(&[2, 3, 4]);
    for p in &plan.payments {
        let due = match p.due {
            Due::On(d) => d.to_string(),
            Due::OnCompletion(_) => "on completion".to_string(),
        };
        t.row(vec![
            p.label.clone(),
            due,
            p.amount.ex_vat.to_string(),
            p.amount.vat.to_string(),
            p.amount.inc_vat.to_string(),
        ]);
    }
    t.row(vec![
        "Total".into(),
        String::new(),
        plan.total.ex_vat.to_string(),
        plan.total.vat.to_string(),
        plan.total.inc_vat.to_string(),
    ]);
    t
}

fn to_json<'a>(course: &'a Course, plan: &PaymentPlan) -> PayJson<'a> {
    PayJson {
        qualification: &course.qualification,
        from: course.from.as_deref(),
        holding: &course.holding,
        kind: plan.kind,
        price_ex_vat_pence: plan.price_ex_vat.0,
        premium_ex_vat_pence: plan.premium_ex_vat.0,
        total_ex_vat_pence: plan.total.ex_vat.0,
        total_vat_pence: plan.total.vat.0,
        total_inc_vat_pence: plan.total.inc_vat.0,
        total_ex_vat: plan.total.ex_vat.to_string(),
        total_vat: plan.total.vat.to_string(),
        total_inc_vat: plan.total.inc_vat.to_string(),
        course,
        payments: plan
            .payments
            .iter()
            .map(|p| PaymentJson {
                label: p.label.clone(),
                due: match p.due {
                    Due::On(d) => d.to_string(),
                    Due::OnCompletion(_) => "on-completion".into(),
                },
                expected: match p.due {
                    Due::OnCompletion(Some(d)) => Some(d.to_string()),
                    _ => None,
                },
                amount_ex_vat_pence: p.amount.ex_vat.0,
                vat_pence: p.amount.vat.0,
                amount_inc_vat_pence: p.amount.inc_vat.0,
                amount_ex_vat: money::text(Some(p.amount.ex_vat)).unwrap_or_default(),
                vat: money::text(Some(p.amount.vat)).unwrap_or_default(),
                amount_inc_vat: money::text(Some(p.amount.inc_vat)).unwrap_or_default(),
            })
            .collect(),
    }
}
