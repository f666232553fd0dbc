//! `qualplan plan`: dates and weekly hours from a start date.

use super::course::explain;
use super::output::{Doc, Format, Table, json};
use super::{Context, Failure, PlanArgs};
use chrono::NaiveDate;
use qualplan::planner::{Course, Holding, HoursPerWeek, Timeline};
use serde::Serialize;

/// `plan --format json` (a stable contract: docs/cli.md).
#[derive(Serialize)]
struct PlanJson<'a> {
    qualification: &'a str,
    /// The held qualification the course builds on, if any.
    from: Option<&'a str>,
    holding: &'a Holding,
    start: NaiveDate,
    #[serde(skip_serializing_if = "Option::is_none")]
    target_date: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    target_date_min: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    target_date_max: Option<NaiveDate>,
    registration_expires: Option<NaiveDate>,
    deadline: Option<NaiveDate>,
    total_hours: u32,
    practice_hours: u32,
    hours_per_week_needed: Option<HoursPerWeek>,
    practice_hours_per_week_needed: Option<HoursPerWeek>,
    hours_per_week: Option<u32>,
    projected_finish: Option<NaiveDate>,
    warnings: &'a [String],
    course: &'a Course,
}

pub fn run(ctx: &Context, a: PlanArgs) -> Result<String, Failure> {
    let q = ctx.qualification(&a.qualification)?;
    let holding = ctx.holding(&a.holding)?;
    let course = ctx.course(&q.id, &holding)?;
    let start = a.start.unwrap_or(ctx.today);
    let t = course
        .timeline(start, a.hours_per_week, a.target_date)
        .map_err(|e| Failure::Domain(e.to_string()))?;
    if ctx.format == Format::Json {
        let single = t.target.filter(|(a, b)| a == b).map(|(a, _)| a);
        let range = t.target.filter(|(a, b)| a != b);
        return Ok(json(&PlanJson {
            qualification: &q.id,
            from: course.from.as_deref(),
            holding: &course.holding,
            start: t.start,
            target_date: single,
            target_date_min: range.map(|r| r.0),
            target_date_max: range.map(|r| r.1),
            registration_expires: t.registration_expires,
            deadline: t.deadline,
            total_hours: t.total_hours,
            practice_hours: t.practice_hours,
            hours_per_week_needed: t.hours_per_week_needed,
            practice_hours_per_week_needed: t.practice_per_week_needed,
            hours_per_week: a.hours_per_week,
            projected_finish: t.projected_finish,
            warnings: &t.warnings,
            course: &course,
        }));
    }
    Ok(document(&course, &t, a.hours_per_week).render(ctx.format))
}

fn document(course: &Course, t: &Timeline, hours_per_week: Option<u32>) -> Doc {
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
