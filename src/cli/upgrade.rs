//! `qualplan upgrade`: top-ups and upgrades from what a learner holds.

use super::course::{course_failure, figures_table, heading};
use super::output::{Doc, Format, Table, json};
use super::{Context, Failure, UpgradeArgs, money};
use qualplan::planner::{Course, all_upgrades};
use serde::Serialize;

/// `upgrade --format json` (docs/cli.md): the course, with `to` kept from
/// the first version of the contract.
#[derive(Serialize)]
struct UpgradeJson<'a> {
    to: &'a str,
    #[serde(flatten)]
    course: &'a Course,
}

impl<'a> From<&'a Course> for UpgradeJson<'a> {
    fn from(course: &'a Course) -> UpgradeJson<'a> {
        UpgradeJson {
            to: &course.qualification,
            course,
        }
    }
}

pub fn run(ctx: &Context, a: UpgradeArgs) -> Result<String, Failure> {
    let holding = ctx.holding(&a.holding)?;
    if holding.qualifications.is_empty() {
        return Err(Failure::Usage(
            "say what the learner holds: --from QUALIFICATION (repeatable), with --unit CODE for single units".into(),
        ));
    }
    match a.to {
        Some(to) => {
            let target = ctx.qualification(&to)?;
            let course = ctx.course(&target.id, &holding)?;
            Ok(match ctx.format {
                Format::Json => json(&UpgradeJson::from(&course)),
                format => one(&course).render(format),
            })
        }
        None => {
            let courses = all_upgrades(&ctx.catalogue, &holding).map_err(course_failure)?;
            if ctx.format == Format::Json {
                return Ok(json(
                    &courses.iter().map(UpgradeJson::from).collect::<Vec<_>>(),
                ));
            }
            if courses.is_empty() {
                return Err(Failure::Domain(format!(
                    "no upgrade is open from {holding}: nothing else at the same level is a top-up or carries over a unit"
                )));
            }
            Ok(many(&courses).render(ctx.format))
        }
    }
}

fn one(course: &Course) -> Doc {
    let mut doc = Doc::default();
    doc.heading(heading(course));
    doc.table(figures_table(course));
    for n in &course.notes {
        doc.para(format!("{n}."));
    }
    doc
}

fn many(courses: &[Course]) -> Doc {
    let mut doc = Doc::default();
    doc.heading("Every upgrade, cheapest first");
    let mut t = Table::new(&[
        "to", "kind", "credits", "practice", "ex VAT", "inc VAT", "time",
    ])
    .right_align(&[2, 3, 4, 5]);
    for x in courses {
        t.row(vec![
            x.qualification.clone(),
            x.kind.to_string(),
            x.credits_to_take.to_string(),
            x.practice_hours_to_take.to_string(),
            money::cell(x.fee.map(|f| f.ex_vat)),
            money::cell(x.fee.map(|f| f.inc_vat)),
            x.suggested_months.map_or("-".into(), |m| m.to_string()),
        ]);
    }
    doc.table(t);
    let units: Vec<String> = courses
        .iter()
        .map(|x| {
            format!(
                "{}: take {}; carried over {}.",
                x.qualification,
                list_or(&x.units_to_take, "nothing"),
                list_or(&x.units_carried, "nothing (no unit held counts)")
            )
        })
        .collect();
    doc.para(units.join("\n"));
    doc.para("Credits and practice hours are what is still to do. `qualplan upgrade --from ... --to ID` shows one upgrade in full, with how its fee is worked out.");
    doc
}

fn list_or(codes: &[String], none: &str) -> String {
    if codes.is_empty() {
        none.to_string()
    } else {
        codes.join(", ")
    }
}
