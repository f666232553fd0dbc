//! The four development routes: what each suits and offers, then its
//! questions (those the app's questionnaire asks), then the options the
//! recommendation engine ranks for the answers.

use super::choices::{self, INTERESTS};
use super::form::{Answers, Choice, Form, Question};
use super::{Flow, Session};
use crate::catalogue::Catalogue;
use crate::planner::{DevelopmentRoute, LearnerProfile, Recommendation, Role, recommend};
use chrono::NaiveDate;
use std::io::{self, BufRead, Write};

/// The options listed before "N more".
const SHOWN: usize = 5;

/// The levels offered, or "advise me".
fn levels(catalogue: &Catalogue) -> Vec<Option<u8>> {
    let mut on_sale: Vec<u8> = catalogue.on_sale().map(|q| q.level).collect();
    on_sale.sort_unstable();
    on_sale.dedup();
    on_sale.into_iter().map(Some).chain([None]).collect()
}

// Question numbers, in the order asked.
const ROLE: usize = 0;
const INTEREST: usize = 1;
const LEVEL: usize = 2;
const HOURS: usize = 3;
const BUDGET: usize = 4;
const TARGET: usize = 5;
const HELD: usize = 6;

fn questions<'a>(
    s: &Session<'a, impl BufRead, impl Write>,
    route: DevelopmentRoute,
) -> Vec<Question<'a>> {
    let level_choices = levels(s.catalogue)
        .into_iter()
        .map(|l| match l {
            Some(n) => {
                let equivalents = s.catalogue.equivalents(n).join(", ");
                let label = if equivalents.is_empty() {
                    format!("Level {n}")
                } else {
                    format!("Level {n} ({equivalents})")
                };
                Choice::named(label, &[&format!("l{n}")])
            }
            None => Choice::named("Advise me from my role", &["advise"]),
        })
        .collect();
    let mut q = vec![
        Question::choice("Role", "What is your role?", choices::roles()),
        Question::choice(
            "Interest",
            "Are you interested in coaching, mentoring, or both?",
            choices::interests(),
        ),
        Question::choice("Level", "Which level?", level_choices),
        Question::typed(
            "Hours a week",
            "How many hours a week can you give to study and practice? (1 to 80, e.g. 3 or 2.5)",
            choices::hours(),
            choices::skip("not given"),
        ),
    ];
    if matches!(
        route,
        DevelopmentRoute::FullQualification | DevelopmentRoute::Upgrade
    ) {
        let all = choices::qualifications(s.catalogue, false);
        let held = std::iter::once(Choice::named("Nothing yet", &["nothing", "none"]))
            .chain(
                choices::qualifications(s.catalogue, false)
                    .into_iter()
                    .map(choices::qualification),
            )
            .collect();
        q.extend([
            Question::typed(
                "Budget",
                "What is your budget, in pounds including VAT? (e.g. 2500)",
                choices::pounds(),
                choices::skip("no budget given"),
            ),
            Question::typed(
                "Finish by",
                "By when would you like to finish? (YYYY-MM-DD)",
                choices::date_after(s.today, "The date"),
                choices::skip("no date given"),
            )
            // The date is weighed against the weekly hours.
            .only_when(|a| a.hours(HOURS).is_some()),
            Question::choice(
                "Held",
                "Do you already hold an ILM coaching or mentoring qualification?",
                held,
            )
            .resolving(choices::resolver(s.catalogue, &all, 1)),
        ]);
    }
    q
}

/// The learner profile the answers make, as `qualplan recommend` takes it.
fn profile(
    catalogue: &Catalogue,
    today: NaiveDate,
    route: DevelopmentRoute,
    a: &Answers,
) -> LearnerProfile {
    let held = a.choice(HELD).and_then(|n| n.checked_sub(1)).and_then(|n| {
        choices::qualifications(catalogue, false)
            .get(n)
            .map(|q| q.id.clone())
    });
    LearnerProfile {
        role: a.choice(ROLE).and_then(|n| Role::ALL.get(n).copied()),
        interest: a.choice(INTEREST).and_then(|n| INTERESTS.get(n).copied()),
        route: Some(route),
        level: a
            .choice(LEVEL)
            .and_then(|n| levels(catalogue).get(n).copied().flatten()),
        size: None,
        hours_per_week: a.hours(HOURS),
        budget_inc_vat: a.money(BUDGET),
        start: today,
        target_date: a.date(TARGET),
        held: held.into_iter().collect(),
        held_with_provider: true,
        asked_about: Vec::new(),
    }
}

/// A route: what it is, its questions, and the options for the answers.
pub fn run<R: BufRead, W: Write>(
    s: &mut Session<R, W>,
    route: DevelopmentRoute,
) -> io::Result<Flow> {
    let c = &mut s.console;
    c.gap()?;
    c.say(&format!("Route {}: {}", route.number(), route.title()))?;
    c.say(&format!("Suits: {}.", route.suits()))?;
    c.say(&format!("qualplan offers: {}.", route.offers()))?;
    let mut form = Form::new(format!("Route {}", route.number()), questions(s, route));
    let p = match form.ask_until(&mut s.console, |a| {
        Ok(profile(s.catalogue, s.today, route, a))
    })? {
        Ok(p) => p,
        Err(left) => return Ok(left),
    };
    let options = recommend(s.catalogue, &p);
    show(s, &options)?;
    s.record_profile(&p)?;
    Ok(Flow::Menu)
}

/// The ranked options, each with its reasons, as `qualplan recommend`
/// gives them: "1. Title (id): good fit, £1,695.00 ex VAT (£2,034.00 inc VAT)".
fn show<R: BufRead, W: Write>(s: &mut Session<R, W>, options: &[Recommendation]) -> io::Result<()> {
    let c = &mut s.console;
    c.gap()?;
    if options.is_empty() {
        return c
            .say("Nothing in the catalogue fits these answers; try answering fewer questions.");
    }
    c.say(&format!(
        "Options for you, best first ({} of {}):",
        options.len().min(SHOWN),
        options.len()
    ))?;
    for (rank, r) in options.iter().take(SHOWN).enumerate() {
        c.gap()?;
        let lines = crate::summary::recommendation(r);
        c.say(&format!("{}. {}", rank + 1, lines[0]))?;
        for line in &lines[1..] {
            c.say(line)?;
        }
    }
    if options.len() > SHOWN {
        c.gap()?;
        c.say(&format!(
            "{} more ranked lower; `qualplan recommend --limit {}` lists them all.",
            options.len() - SHOWN,
            options.len().min(*crate::bounds::RECOMMENDATIONS.end())
        ))?;
    }
    Ok(())
}
