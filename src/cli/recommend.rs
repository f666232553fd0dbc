//! `qualplan recommend`: ranked options for a learner profile.

use super::args::LevelArg;
use super::output::{Doc, Format, Table, json};
use super::{Context, Failure, RecommendArgs, money};
use qualplan::planner::{
    Candidate, DevelopmentRoute, LearnerProfile, ReasonKind, Recommendation, recommend,
};
use serde::Serialize;

/// One option of `recommend --format json` (a stable contract: docs/cli.md).
#[derive(Serialize)]
struct OptionJson<'a> {
    rank: usize,
    #[serde(rename = "type")]
    kind: &'static str,
    id: &'a str,
    title: &'a str,
    fit: qualplan::planner::Fit,
    score: i32,
    fee_ex_vat_pence: Option<i64>,
    fee_ex_vat: Option<String>,
    asked_about: bool,
    reasons: &'a [qualplan::planner::Reason],
}

fn kind(c: &Candidate) -> &'static str {
    match c {
        Candidate::Qualification(_) => "qualification",
        Candidate::Unit(_) => "unit",
        Candidate::Upgrade(_) => "upgrade",
    }
}

pub fn run(ctx: &Context, a: RecommendArgs) -> Result<String, Failure> {
    let route = a.route.and_then(DevelopmentRoute::from_number);
    let resolve_all = |names: &[String]| -> Result<Vec<String>, Failure> {
        names
            .iter()
            .map(|n| Ok(ctx.qualification(n)?.id.clone()))
            .collect()
    };
    let held = resolve_all(&a.holds)?;
    if route == Some(DevelopmentRoute::Upgrade) && held.is_empty() {
        return Err(Failure::Usage(
            "route 4 (upgrade) needs what the learner holds: --holds QUALIFICATION".into(),
        ));
    }
    let profile = LearnerProfile {
        role: a.role.map(Into::into),
        interest: a.interest.map(Into::into),
        route,
        level: match a.level {
            Some(LevelArg::Level(n)) => Some(n),
            Some(LevelArg::Advise) | None => None,
        },
        size: a.size.map(Into::into),
        hours_per_week: a.hours_per_week,
        budget_inc_vat: a.budget,
        start: a.start.unwrap_or(ctx.today),
        target_date: a.target_date,
        held,
        held_with_provider: !a.elsewhere,
        asked_about: resolve_all(&a.ask)?,
    };
    let all = recommend(&ctx.catalogue, &profile);
    let shown: Vec<(usize, &Recommendation)> = all
        .iter()
        .enumerate()
        .filter(|(i, r)| *i < a.limit || r.asked_about)
        .map(|(i, r)| (i + 1, r))
        .collect();
    if ctx.format == Format::Json {
        let options: Vec<OptionJson> = shown
            .iter()
            .map(|(rank, r)| OptionJson {
                rank: *rank,
                kind: kind(&r.candidate),
                id: r.candidate.id(),
                title: &r.title,
                fit: r.fit,
                score: r.score,
                fee_ex_vat_pence: money::pence(r.fee_ex_vat),
                fee_ex_vat: money::text(r.fee_ex_vat),
                asked_about: r.asked_about,
                reasons: &r.reasons,
            })
            .collect();
        return Ok(json(&options));
    }
    if shown.is_empty() {
        return Err(Failure::Domain(
            "nothing in the catalogue fits this profile; try fewer constraints".into(),
        ));
    }
    if ctx.format == Format::Csv {
        let mut t = Table::new(&[
            "rank",
            "type",
            "id",
            "title",
            "fit",
            "score",
            "fee ex VAT",
            "reasons",
        ]);
        for (rank, r) in &shown {
            let reasons: Vec<String> = r
                .reasons
                .iter()
                .map(|x| format!("{}{}", mark(x.kind), x.text))
                .collect();
            t.row(vec![
                rank.to_string(),
                kind(&r.candidate).into(),
                r.candidate.id().into(),
                r.title.clone(),
                r.fit.to_string(),
                r.score.to_string(),
                money::cell(r.fee_ex_vat),
                reasons.join("; "),
            ]);
        }
        return Ok(t.csv());
    }
    let mut doc = Doc::default();
    for (rank, r) in &shown {
        let fee = r
            .fee_ex_vat
            .map_or("price on request".to_string(), |f| format!("{f} ex VAT"));
        doc.heading(format!(
            "{rank}. {} ({}): {}, {fee}",
            r.title,
            r.candidate.id(),
            r.fit
        ));
        let lines: Vec<String> = r
            .reasons
            .iter()
            .map(|x| match ctx.format {
                Format::Markdown => format!("- {}{}", md_mark(x.kind), x.text),
                _ => format!("{}{}", mark(x.kind), x.text),
            })
            .collect();
        doc.para(lines.join("\n"));
    }
    if all.len() > shown.len() {
        doc.para(format!(
            "{} more with --limit {}. Key: + for, - against, * note.",
            all.len() - shown.len(),
            all.len()
        ));
    } else {
        doc.para("Key: + for, - against, * note.");
    }
    Ok(doc.render(ctx.format))
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
