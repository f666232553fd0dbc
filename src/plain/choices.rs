//! The choices several parts offer, each option answering to its number,
//! its label and the spelling the command line gives it.

use super::form::{Answer, Choice, Parser, Value};
use crate::catalogue::{Catalogue, Qualification};
use crate::planner::{Interest, Role};
use chrono::NaiveDate;

/// The roles, as `--role` spells them too.
pub fn roles() -> Vec<Choice> {
    let flags = [
        "first-line-manager",
        "middle-manager",
        "senior-leader",
        "hr-ld",
        "new-to-hr-ld",
    ];
    Role::ALL
        .iter()
        .zip(flags)
        .map(|(r, flag)| Choice::named(crate::text::capitalised(&r.to_string()), &[flag]))
        .collect()
}

pub const INTERESTS: [Interest; 3] = [Interest::Coaching, Interest::Mentoring, Interest::Both];

pub fn interests() -> Vec<Choice> {
    INTERESTS
        .iter()
        .map(|i| {
            let names: &[&str] = if *i == Interest::Both { &["both"] } else { &[] };
            Choice::named(crate::text::capitalised(&i.to_string()), names)
        })
        .collect()
}

/// "Level 5 Diploma in Coaching and Mentoring (l5-dip-cm)", answering to
/// its id and its title.
pub fn qualification(q: &Qualification) -> Choice {
    Choice::named(
        format!("{} ({})", q.title, q.id),
        &[q.id.as_str(), q.title.as_str()],
    )
}

/// Every qualification in the catalogue, or those on sale.
pub fn qualifications(c: &Catalogue, on_sale_only: bool) -> Vec<&Qualification> {
    c.qualifications
        .iter()
        .filter(|q| !on_sale_only || q.is_on_sale())
        .collect()
}

/// A name read as the command line reads it (`resolve_qualification`:
/// words of a title, the one on sale first), as the option of `list` it
/// names; `before` counts the options listed ahead of them.
pub fn resolver<'a>(
    c: &'a Catalogue,
    list: &[&Qualification],
    before: usize,
) -> impl Fn(&str) -> Option<usize> + 'a {
    let ids: Vec<String> = list.iter().map(|q| q.id.clone()).collect();
    move |name| {
        let q = crate::planner::resolve_qualification(c, name).ok()?;
        ids.iter().position(|id| *id == q.id).map(|i| i + before)
    }
}

pub fn yes_no() -> Vec<Choice> {
    vec![Choice::named("Yes", &["y"]), Choice::named("No", &["n"])]
}

/// An empty answer that skips the question.
pub fn skip(shown: &str) -> Option<Answer> {
    Some(Answer {
        value: Value::Skipped,
        shown: shown.to_string(),
    })
}

/// A date (YYYY-MM-DD) after `after`.
pub fn date_after(after: NaiveDate, what: &'static str) -> Parser<'static> {
    Box::new(move |s| {
        let d = crate::parse::date(s)?;
        if d <= after {
            return Err(format!(
                "{what} {d} is not after {after}: give a later date"
            ));
        }
        Ok(Value::Date(d))
    })
}

pub fn hours() -> Parser<'static> {
    Box::new(|s| crate::parse::hours_per_week(s).map(Value::Hours))
}

pub fn pounds() -> Parser<'static> {
    Box::new(|s| crate::parse::pounds(s).map(Value::Money))
}
