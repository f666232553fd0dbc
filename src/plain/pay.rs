//! Plan and pay: dates and weekly hours from a start date, then what to
//! pay and when, in full or by instalments: the figures `qualplan plan`
//! and `qualplan pay` give (`Course::timeline`, `Course::payments`).

use super::choices;
use super::console::Console;
use super::form::{Answer, Choice, Form, Outcome, Question, Value};
use super::{Flow, Session};
use crate::enquiry::PaymentChoice;
use crate::planner::{Course, Due, Holding, PaymentKind, PaymentPlan, Timeline};
use crate::pricing::InstalmentTerms;
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
    let mut start_at = 0;
    loop {
        match form.run(&mut s.console, start_at, &mut |_, _| Ok(()))? {
            Outcome::Back => return Ok(Flow::Menu),
            Outcome::Leave => return Ok(Flow::Leave),
            Outcome::Done => {}
        }
        let a = &form.answers;
        let Some(q) = a.choice(QUALIFICATION).and_then(|n| on_sale.get(n)) else {
            return Ok(Flow::Menu);
        };
        let holding = match a
            .choice(HELD)
            .and_then(|n| n.checked_sub(1))
            .and_then(|n| all.get(n))
        {
            Some(h) => Holding::one(&h.id, a.choice(WITH_PROVIDER) != Some(1)),
            None => Holding::none(),
        };
        let start = match a.value(START) {
            Some(Value::Date(d)) => *d,
            _ => s.today,
        };
        let hours = match a.value(HOURS) {
            Some(Value::Hours(h)) => Some(*h),
            _ => None,
        };
        let terms = (a.choice(HOW) == Some(1)).then(|| InstalmentTerms {
            instalment: match a.value(INSTALMENT) {
                Some(Value::Money(p)) => *p,
                _ => defaults.instalment,
            },
            monthly_payments: match a.value(MONTHS) {
                Some(Value::Text(t)) => t.parse().unwrap_or(defaults.monthly_payments),
                _ => defaults.monthly_payments,
            },
            ..defaults
        });
        let c = &mut s.console;
        let course = match Course::new(s.catalogue, &q.id, &holding) {
            Ok(course) => course,
            Err(e) => {
                c.gap()?;
                c.say(&format!(
                    "{}. Choose again.",
                    crate::text::capitalised(&e.to_string())
                ))?;
                start_at = QUALIFICATION;
                continue;
            }
        };
        let worked = course
            .timeline(start, hours, None)
            .map_err(|e| (e.to_string(), START))
            .and_then(|t| {
                course
                    .payments(terms.as_ref(), start)
                    .map(|p| (t, p))
                    .map_err(|e| {
                        (
                            e.to_string(),
                            if terms.is_some() {
                                INSTALMENT
                            } else {
                                QUALIFICATION
                            },
                        )
                    })
            });
        let (timeline, plan) = match worked {
            Ok(w) => w,
            Err((why, at)) => {
                c.gap()?;
                c.say(&format!(
                    "{}. Change that answer.",
                    crate::text::capitalised(&why)
                ))?;
                start_at = at;
                continue;
            }
        };
        say_plan(c, &course, &timeline, hours)?;
        say_payments(c, s.catalogue, &plan, course.vat_percent)?;
        let choice = PaymentChoice {
            instalments: terms.is_some(),
            start,
            instalment: terms.map_or(defaults.instalment, |t| t.instalment),
            monthly_payments: terms.map_or(defaults.monthly_payments, |t| t.monthly_payments),
            final_payment_on_completion: defaults.final_on_completion,
        };
        s.enquiry
            .record_choice(&mut s.console, &q.id, &holding, choice)?;
        return Ok(Flow::Menu);
    }
}

/// The timeline, as `qualplan plan` lists it.
fn say_plan<R: BufRead, W: Write>(
    c: &mut Console<R, W>,
    course: &Course,
    t: &Timeline,
    hours: Option<crate::planner::HoursPerWeek>,
) -> io::Result<()> {
    let (title, id) = (&course.title, &course.qualification);
    c.gap()?;
    if course.units_carried.is_empty() {
        c.say(&format!("Plan for {title} ({id})"))?;
    } else {
        c.say(&format!(
            "Plan for the rest of {title} ({id}), holding {}",
            course.holding
        ))?;
    }
    c.say(&format!("Start: {}", t.start))?;
    c.say(&match t.target {
        Some((a, b)) if a == b => format!("Suggested completion: {a}"),
        Some((a, b)) => format!("Suggested completion: {a} to {b}"),
        None => "Suggested completion: no suggested time".to_string(),
    })?;
    if let Some(e) = t.registration_expires {
        c.say(&format!("Registration expires: {e}"))?;
    }
    c.say(&format!(
        "Hours of learning: {} (practice {})",
        t.total_hours, t.practice_hours
    ))?;
    if let (Some(d), Some(h)) = (t.deadline, t.hours_per_week_needed) {
        let practice = t
            .practice_per_week_needed
            .map_or(String::new(), |p| format!(", {p} of them practice"));
        c.say(&format!("Weekly hours to finish by {d}: {h}{practice}"))?;
    }
    if let (Some(h), Some(f)) = (hours, t.projected_finish) {
        c.say(&format!("Finish at {h} hours a week: {f}"))?;
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
    c.say(match plan.kind {
        PaymentKind::InFull => "Paying in full:",
        PaymentKind::Instalments => "Paying by instalments:",
    })?;
    for p in &plan.payments {
        let due = match p.due {
            Due::On(d) => format!("due {d}"),
            Due::OnCompletion(Some(d)) => format!("due on completion, expected by {d}"),
            Due::OnCompletion(None) => "due on completion".to_string(),
        };
        let a = &p.amount;
        c.say(&format!(
            "{}, {due}: {} ex VAT, VAT {vat_percent}% {}, {} inc VAT",
            p.label, a.ex_vat, a.vat, a.inc_vat
        ))?;
    }
    let t = &plan.total;
    c.say(&format!(
        "Total: {} ex VAT, VAT {vat_percent}% {}, {} inc VAT",
        t.ex_vat, t.vat, t.inc_vat
    ))?;
    if plan.kind == PaymentKind::Instalments {
        c.say(&format!(
            "The instalment plan adds a {} premium, paid with the first payment; terms and conditions apply. qualplan generalises the provider's one worked example ({}).",
            plan.premium_ex_vat,
            catalogue.cite_in_full(&catalogue.pricing.instalments.example.source)
        ))?;
    }
    c.say("Prices exclude VAT; VAT is worked out on each payment.")
}
