//! Plan and pay: dates and weekly hours from a start date, then what to
//! pay and when, in full or by instalments: the figures `qualplan plan`
//! and `qualplan pay` give (`Course::timeline`, `Course::payments`).

use super::choices;
use super::console::Console;
use super::form::{Answer, Choice, Form, Question, Refusal, Value};
use super::{Flow, Session};
use crate::enquiry::PaymentChoice;
use crate::planner::{Course, Holding, PaymentPlan, Timeline};
use crate::pricing::InstalmentTerms;
use crate::summary;
use std::io::{self, BufRead, Write};

const QUALIFICATION: usize = 0;
const HELD: usize = 1;
const WITH_PROVIDER: usize = 2;
const START: usize = 3;
const HOURS: usize = 4;
const HOW: usize = 5;
const INSTALMENT: usize = 6;
const MONTHS: usize = 7;

fn questions<'a>(
    s: &Session<'a, impl BufRead, impl Write>,
    defaults: &InstalmentTerms,
) -> Vec<Question<'a>> {
    let on_sale = choices::qualifications(s.catalogue, true);
    let all = choices::qualifications(s.catalogue, false);
    let today = s.today;
    let instalments = |a: &super::form::Answers| a.choice(HOW) == Some(1);
    let months = &crate::bounds::MONTHLY_PAYMENTS;
    vec![
        Question::choice(
            "Qualification",
            "Which qualification?",
            on_sale.iter().map(|q| choices::qualification(q)).collect(),
        )
        .resolving(choices::resolver(s.catalogue, &on_sale, 0)),
        Question::choice(
            "Held",
            "Do you hold a qualification already? Only what is left is planned and paid for.",
            std::iter::once(Choice::named("Nothing yet", &["nothing", "none"]))
                .chain(all.iter().map(|q| choices::qualification(q)))
                .collect(),
        )
        .resolving(choices::resolver(s.catalogue, &all, 1)),
        Question::choice(
            "With this provider",
            "Did you complete it with this provider? (A top-up fee applies only then.)",
            choices::yes_no(),
        )
        .only_when(|a| a.choice(HELD).is_some_and(|n| n > 0)),
        Question::typed(
            "Start",
            "When do you start? (YYYY-MM-DD)",
            Box::new(|s| crate::parse::date(s).map(Value::Date)),
            Some(Answer {
                value: Value::Date(today),
                shown: format!("today, {today}"),
            }),
        ),
        Question::typed(
            "Hours a week",
            "How many hours a week can you give? (1 to 80, e.g. 3 or 2.5; it gives the date you would finish)",
            choices::hours(),
            choices::skip("not given"),
        ),
        Question::choice(
            "Payment",
            "Pay in full, or by instalments?",
            vec![
                Choice::named("In full", &["full"]),
                Choice::named("By instalments", &["instalments"]),
            ],
        ),
        Question::typed(
            "Instalment",
            "Each instalment after the first, in pounds?",
            Box::new(|s| crate::parse::instalment(s).map(Value::Money)),
            Some(Answer {
                value: Value::Money(defaults.instalment),
                shown: format!("{}, the provider's", defaults.instalment),
            }),
        )
        .only_when(instalments),
        Question::typed(
            "Monthly instalments",
            format!(
                "How many monthly instalments after the first? ({} to {})",
                months.start(),
                months.end()
            ),
            Box::new(|s| {
                crate::parse::whole(s, &crate::bounds::MONTHLY_PAYMENTS, "3")
                    .map(|n| Value::Text(n.to_string()))
            }),
            Some(Answer {
                value: Value::Text(defaults.monthly_payments.to_string()),
                shown: format!("{}, the provider's", defaults.monthly_payments),
            }),
        )
        .only_when(instalments),
    ]
}

pub fn run<R: BufRead, W: Write>(s: &mut Session<R, W>) -> io::Result<Flow> {
    let defaults = InstalmentTerms::from(&s.catalogue.pricing.instalments);
    let on_sale = choices::qualifications(s.catalogue, true);
    let all = choices::qualifications(s.catalogue, false);
    let mut form = Form::new("Plan and pay", questions(s, &defaults));
    let (catalogue, today) = (s.catalogue, s.today);
    let worked = form.ask_until(&mut s.console, |a| {
        let q = a
            .choice(QUALIFICATION)
            .and_then(|n| on_sale.get(n))
            .ok_or_else(|| Refusal::new("choose a qualification", QUALIFICATION))?;
        let holding = match a
            .choice(HELD)
            .and_then(|n| n.checked_sub(1))
            .and_then(|n| all.get(n))
        {
            Some(h) => Holding::one(&h.id, a.choice(WITH_PROVIDER) != Some(1)),
            None => Holding::none(),
        };
        let start = a.date(START).unwrap_or(today);
        let hours = a.hours(HOURS);
        let terms = (a.choice(HOW) == Some(1)).then(|| InstalmentTerms {
            instalment: a.money(INSTALMENT).unwrap_or(defaults.instalment),
            monthly_payments: match a.value(MONTHS) {
                Some(Value::Text(t)) => t.parse().unwrap_or(defaults.monthly_payments),
                _ => defaults.monthly_payments,
            },
            ..defaults
        });
        let course =
            Course::new(catalogue, &q.id, &holding).map_err(|e| Refusal::new(e, QUALIFICATION))?;
        let timeline = course
            .timeline(start, hours, None)
            .map_err(|e| Refusal::new(e, START))?;
        let plan = course.payments(terms.as_ref(), start).map_err(|e| {
            Refusal::new(
                e,
                if terms.is_some() {
                    INSTALMENT
                } else {
                    QUALIFICATION
                },
            )
        })?;
        Ok((course, timeline, plan, holding, start, hours, terms))
    })?;
    let (course, timeline, plan, holding, start, hours, terms) = match worked {
        Ok(w) => w,
        Err(left) => return Ok(left),
    };
    let c = &mut s.console;
    say_plan(c, &course, &timeline, hours)?;
    say_payments(c, s.catalogue, &plan, course.vat_percent)?;
    let choice = PaymentChoice {
        instalments: terms.is_some(),
        start,
        instalment: terms.map_or(defaults.instalment, |t| t.instalment),
        monthly_payments: terms.map_or(defaults.monthly_payments, |t| t.monthly_payments),
        final_payment_on_completion: defaults.final_on_completion,
    };
    let id = course.qualification.clone();
    s.enquiry
        .record_choice(&mut s.console, &id, &holding, choice)?;
    Ok(Flow::Menu)
}

/// The timeline, as `qualplan plan` lists it, then for an upgrade the
/// course's figures, then any warnings.
fn say_plan<R: BufRead, W: Write>(
    c: &mut Console<R, W>,
    course: &Course,
    t: &Timeline,
    hours: Option<crate::planner::HoursPerWeek>,
) -> io::Result<()> {
    c.gap()?;
    for line in summary::plan(course, t, hours) {
        c.say(&line)?;
    }
    if !course.holding.is_empty() {
        super::upgrade::say_course(c, course)?;
    }
    for w in &t.warnings {
        c.say(&format!("Warning: {w}."))?;
    }
    Ok(())
}

/// The payments, one a line, and their total, as `qualplan pay` lists them.
fn say_payments<R: BufRead, W: Write>(
    c: &mut Console<R, W>,
    catalogue: &crate::catalogue::Catalogue,
    plan: &PaymentPlan,
    vat_percent: u32,
) -> io::Result<()> {
    c.gap()?;
    for line in summary::payments(catalogue, plan, vat_percent) {
        c.say(&line)?;
    }
    Ok(())
}
