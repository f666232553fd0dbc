//! `qualplan upgrade`: top-ups and upgrades from what a learner holds.

use super::course::{course_failure, figures_table, heading};
use super::names::Given;
use super::output::{Doc, Format, Table, csv, json};
use super::{Context, Failure, UpgradeArgs, money};
use qualplan::planner::{Course, Holding, all_upgrades};
use serde::Serialize;

/// `upgrade --format json`: what is held, and the courses open from it
/// (the one asked for, or every one, cheapest first).
#[derive(Serialize)]
struct UpgradeJson<'a> {
    holding: &'a Holding,
    courses: &'a [Course],
}

pub fn run(ctx: &Context, a: UpgradeArgs) -> Result<String, Failure> {
    let target = match (a.target.is_empty(), &a.to) {
        (false, Some(_)) => {
            return Err(Failure::usage(
                "name the qualification to upgrade to once: as an argument (`qualplan upgrade l5-dip-cm --from l5-cert-cm`) or with --to",
            ));
        }
        (false, None) => Some(ctx.named_qualification(&a.target, "upgrade")?),
        (true, Some(to)) => Some(ctx.qualification(to, Given::Option("--to"))?),
        (true, None) => None,
    };
    let holding = ctx.holding(&a.holding)?;
    if holding.qualifications.is_empty() {
        return Err(Failure::usage(
            "say what the learner holds: --from QUALIFICATION (repeatable), with --unit CODE for single units, e.g. `qualplan upgrade --from l5-cert-cm`",
        ));
    }
    let courses = match target {
        Some(q) => vec![ctx.course(&q.id, &holding)?],
        None => all_upgrades(&ctx.catalogue, &holding).map_err(course_failure)?,
    };
    Ok(match a.out.format {
        Format::Json => json(&UpgradeJson {
            holding: &holding,
            courses: &courses,
        }),
        Format::Csv => csv(&courses, || {
            let c = &ctx.catalogue;
            c.on_sale()
                .find_map(|q| Course::new(c, &q.id, &Holding::none()).ok())
        }),
        people => {
            let doc = match (target, courses.as_slice()) {
                (Some(_), [course]) => one(course),
                (_, []) => {
                    let mut doc = Doc::default();
                    doc.para(format!(
                        "No upgrade is open from {holding}: nothing else at the same level is a top-up or carries over a unit."
                    ));
                    doc
                }
                (_, courses) => many(courses),
            };
            ctx.people(people, &doc)
        }
    })
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
