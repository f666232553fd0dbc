//! `qualplan recommend`: ranked options for a learner profile.

use super::args::LevelArg;
use super::compare::check_level;
use super::names::Given;
use super::output::{Doc, Format, csv, json};
use super::{Context, Failure, RecommendArgs, money};
use qualplan::planner::{
    Candidate, DevelopmentRoute, Fit, LearnerProfile, Reason, ReasonKind, Recommendation, recommend,
};
use serde::Serialize;

/// One option of `recommend --format json`.
#[derive(Serialize)]
struct OptionJson<'a> {
    rank: usize,
    kind: &'static str,
    qualification: Option<&'a str>,
    unit: Option<&'a str>,
    title: &'a str,
    fit: Fit,
    score: i32,
    fee_ex_vat_pence: Option<i64>,
    fee_ex_vat: Option<String>,
    /// The fee as a budget (inc VAT) is weighed against it.
    fee_inc_vat_pence: Option<i64>,
    fee_inc_vat: Option<String>,
    asked_about: bool,
    reasons: &'a [Reason],
}

impl<'a> OptionJson<'a> {
    fn new(rank: usize, r: &'a Recommendation) -> OptionJson<'a> {
        let (kind, qualification, unit) = match &r.candidate {
            Candidate::Qualification(id) => ("qualification", Some(id.as_str()), None),
            Candidate::Upgrade(id) => ("upgrade", Some(id.as_str()), None),
            Candidate::Unit(code) => ("unit", None, Some(code.as_str())),
        };
        OptionJson {
            rank,
            kind,
            qualification,
            unit,
            title: &r.title,
            fit: r.fit,
            score: r.score,
            fee_ex_vat_pence: money::pence(r.fee_ex_vat),
            fee_ex_vat: money::text(r.fee_ex_vat),
            fee_inc_vat_pence: money::pence(r.fee_inc_vat),
            fee_inc_vat: money::text(r.fee_inc_vat),
            asked_about: r.asked_about,
            reasons: &r.reasons,
        }
    }
}

/// Refuses options that would do nothing as given.
fn check(a: &RecommendArgs, start: chrono::NaiveDate) -> Result<(), Failure> {
    if let Some(target) = a.target_date {
        if a.hours_per_week.is_none() {
            return Err(Failure::usage(
                "--target-date is weighed against the hours a week the learner can give: add --hours-per-week, e.g. --hours-per-week 3",
            ));
        }
        if target <= start {
            return Err(Failure::usage(format!(
                "--target-date {target} is not after the start, {start}: give a later date"
            )));
        }
    }
    if a.elsewhere && a.holds.is_empty() {
        return Err(Failure::usage(
            "--elsewhere says where the qualifications held were completed: name them with --holds, e.g. --holds l5-cert-cm --elsewhere",
        ));
    }
    Ok(())
}

pub fn run(ctx: &Context, a: RecommendArgs) -> Result<String, Failure> {
    let start = a.start.unwrap_or(ctx.today);
    check(&a, start)?;
    let route = a.route.and_then(DevelopmentRoute::from_number);
    let resolve_all = |names: &[String], option: &str| -> Result<Vec<String>, Failure> {
        let mut ids: Vec<String> = Vec::new();
        for name in names {
            let id = ctx.qualification(name, Given::Option(option))?.id.clone();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        Ok(ids)
    };
    let held = resolve_all(&a.holds, "--holds")?;
    if route == Some(DevelopmentRoute::Upgrade) && held.is_empty() {
        return Err(Failure::usage(
            "route 4 (upgrade) needs what the learner holds: add --holds, e.g. --holds l5-cert-cm",
        ));
    }
    let level = match a.level {
        Some(LevelArg::Level(n)) => {
            check_level(ctx, n, false)?;
            Some(n)
        }
        Some(LevelArg::Advise) | None => None,
    };
    let profile = LearnerProfile {
        role: a.role.map(Into::into),
        interest: a.interest.map(Into::into),
        route,
        level,
        size: a.size.map(Into::into),
        hours_per_week: a.hours_per_week,
        budget_inc_vat: a.budget,
        start,
        target_date: a.target_date,
        held,
        held_with_provider: !a.elsewhere,
        asked_about: resolve_all(&a.ask, "--ask")?,
    };
    let all = recommend(&ctx.catalogue, &profile);
    let shown: Vec<OptionJson> = all
        .iter()
        .enumerate()
        .filter(|(i, r)| *i < a.limit || r.asked_about)
        .map(|(i, r)| OptionJson::new(i + 1, r))
        .collect();
    let more = all.len() - shown.len();
    #[derive(Serialize)]
    struct Recommend<'a> {
        options: Vec<OptionJson<'a>>,
        /// Options ranked but not shown (raise --limit to see them).
        more: usize,
    }
    Ok(match a.out.format {
        Format::Json => json(&Recommend {
            options: shown,
            more,
        }),
        Format::Csv => csv(&shown, || None),
        Format::Table if shown.is_empty() => {
            "Nothing in the catalogue fits this profile; try fewer options.\n".into()
        }
        people => ctx.people(people, &document(&shown, more, all.len(), people)),
    })
}

fn document(shown: &[OptionJson], more: usize, total: usize, format: Format) -> Doc {
    let mut doc = Doc::default();
    for o in shown {
        let fee = match (&o.fee_inc_vat, &o.fee_ex_vat) {
            (Some(inc), Some(ex)) => format!("{inc} inc VAT ({ex} ex VAT)"),
            _ => "price on request".to_string(),
        };
        let id = o.qualification.or(o.unit).unwrap_or_default();
        doc.heading(format!("{}. {} ({id}): {}, {fee}", o.rank, o.title, o.fit));
        let lines: Vec<String> = o
            .reasons
            .iter()
            .map(|x| match format {
                Format::Markdown => format!("- {}{}", md_mark(x.kind), x.text),
                _ => format!("{}{}", mark(x.kind), x.text),
            })
            .collect();
        doc.para(lines.join("\n"));
    }
    if more > 0 {
        doc.para(format!(
            "{more} more with --limit {}. Key: + for, - against, * note.",
            total.min(*qualplan::bounds::RECOMMENDATIONS.end())
        ));
    } else {
        doc.para("Key: + for, - against, * note.");
    }
    doc
}

fn md_mark(kind: ReasonKind) -> &'static str {
    match kind {
        ReasonKind::For => "**for:** ",
        ReasonKind::Against => "**against:** ",
        ReasonKind::Note => "",
    }
}

fn mark(kind: ReasonKind) -> &'static str {
    match kind {
        ReasonKind::For => "+ ",
        ReasonKind::Against => "- ",
        ReasonKind::Note => "* ",
    }
}
