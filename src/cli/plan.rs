//! `qualplan plan`: dates and weekly hours from a start date.

use super::course::explain;
use super::names::Given;
use super::output::{Doc, Format, Table, csv, json};
use super::{Context, Failure, PlanArgs};
use chrono::NaiveDate;
use qualplan::bounds;
use qualplan::catalogue::Qualification;
use qualplan::planner::{Course, HoursPerWeek, Timeline};
use serde::Serialize;

/// `plan --format json` (docs/schema/plan.schema.json): the same fields
/// whatever the qualification; a single suggested time has equal min and
/// max.
#[derive(Serialize)]
struct PlanJson<'a> {
    qualification: &'a str,
    start: NaiveDate,
    suggested_completion_min: Option<NaiveDate>,
    suggested_completion_max: Option<NaiveDate>,
    registration_expires: Option<NaiveDate>,
    /// The learner's own date (`--target-date`).
    target_date: Option<NaiveDate>,
    /// What the weekly hours are planned against: the target date, else
    /// the end of the suggested time.
    deadline: Option<NaiveDate>,
    total_hours: u32,
    practice_hours: u32,
    hours_per_week_needed: Option<HoursPerWeek>,
    practice_hours_per_week_needed: Option<HoursPerWeek>,
    hours_per_week: Option<HoursPerWeek>,
    projected_finish: Option<NaiveDate>,
    warnings: &'a [String],
    course: &'a Course,
}

/// The qualification, named as an argument or (as before) with
/// --qualification.
fn target<'a>(ctx: &'a Context, a: &PlanArgs) -> Result<&'a Qualification, Failure> {
    match (&a.qualification, a.name.is_empty()) {
        (Some(_), false) => Err(Failure::usage(
            "name the qualification once: `qualplan plan l5-dip-cm`",
        )),
        (Some(name), true) => ctx.qualification(name, Given::Option("--qualification")),
        (None, _) => ctx.named_qualification(&a.name, "plan"),
    }
}

/// A target date must leave time to do the hours at no more than
/// `bounds::HOURS_PER_WEEK` a week.
fn check_target(start: NaiveDate, target: NaiveDate, t: &Timeline) -> Result<(), Failure> {
    if target <= start {
        return Err(Failure::usage(format!(
            "--target-date {target} is not after the start, {start}: give a later date"
        )));
    }
    let most = *bounds::HOURS_PER_WEEK.end();
    if let Some(needed) = t.hours_per_week_needed.filter(|h| h.tenths > most * 10) {
        // The first day on which the hours fit at the most a week.
        let days = (u64::from(t.total_hours) * 7).div_ceil(u64::from(most));
        let earliest = start
            .checked_add_days(chrono::Days::new(days))
            .unwrap_or(NaiveDate::MAX);
        return Err(Failure::usage(format!(
            "--target-date {target} leaves {needed} hours a week for the {} hours, more than the {most} a week qualplan plans with: give a date from {earliest}",
            t.total_hours
        )));
    }
    Ok(())
}

pub fn run(ctx: &Context, a: PlanArgs) -> Result<String, Failure> {
    let q = target(ctx, &a)?;
    let holding = ctx.holding(&a.holding)?;
    let course = ctx.course(&q.id, &holding)?;
    let start = a.start.unwrap_or(ctx.today);
    let t = course
        .timeline(start, a.hours_per_week, a.target_date)
        .map_err(|e| Failure::refused(e.to_string()))?;
    if let Some(target) = a.target_date {
        check_target(start, target, &t)?;
    }
    let plan = PlanJson {
        qualification: &q.id,
        start: t.start,
        suggested_completion_min: t.target.map(|(a, _)| a),
        suggested_completion_max: t.target.map(|(_, b)| b),
        registration_expires: t.registration_expires,
        target_date: a.target_date,
        deadline: t.deadline,
        total_hours: t.total_hours,
        practice_hours: t.practice_hours,
        hours_per_week_needed: t.hours_per_week_needed,
        practice_hours_per_week_needed: t.practice_per_week_needed,
        hours_per_week: a.hours_per_week,
        projected_finish: t.projected_finish,
        warnings: &t.warnings,
        course: &course,
    };
    Ok(match a.out.format {
        Format::Json => json(&plan),
        Format::Csv => csv(&[plan], || None),
        people => ctx.people(people, &document(&course, &t, a.hours_per_week)),
    })
}

fn document(course: &Course, t: &Timeline, hours_per_week: Option<HoursPerWeek>) -> Doc {
    let mut doc = Doc::default();
    let (title, id) = (&course.title, &course.qualification);
    if course.units_carried.is_empty() {
        doc.heading(format!("Plan for {title} ({id})"));
    } else {
        doc.heading(format!(
            "Plan for the rest of {title} ({id}), holding {}",
            course.holding
        ));
    }
    let mut table = Table::new(&["", "date or hours"]);
    table.row(vec!["Start".into(), t.start.to_string()]);
    match t.target {
        Some((a, b)) if a == b => table.row(vec!["Suggested completion".into(), a.to_string()]),
        Some((a, b)) => table.row(vec!["Suggested completion".into(), format!("{a} to {b}")]),
        None => table.row(vec![
            "Suggested completion".into(),
            "no suggested time".into(),
        ]),
    }
    if let Some(e) = t.registration_expires {
        table.row(vec!["Registration expires".into(), e.to_string()]);
    }
    table.row(vec![
        "Hours of learning".into(),
        format!("{} (practice {})", t.total_hours, t.practice_hours),
    ]);
    if let (Some(d), Some(h)) = (t.deadline, t.hours_per_week_needed) {
        let practice = t
            .practice_per_week_needed
            .map_or(String::new(), |p| format!(", {p} of them practice"));
        table.row(vec![
            format!("Weekly hours to finish by {d}"),
            format!("{h}{practice}"),
        ]);
    }
    if let (Some(h), Some(f)) = (hours_per_week, t.projected_finish) {
        table.row(vec![format!("Finish at {h} hours a week"), f.to_string()]);
    }
    doc.table(table);
    explain(&mut doc, course);
    for w in &t.warnings {
        doc.para(format!("Warning: {w}."));
    }
    doc
}
