//! Upgrade: from a qualification held to a larger one, or every upgrade
//! open from it, with the figures `qualplan upgrade` gives
//! (`planner::Course`).

use super::choices;
use super::console::Console;
use super::form::{Choice, Form, Question, Refusal};
use super::{Flow, Session};
use crate::planner::{Course, Holding, all_upgrades};
use std::io::{self, BufRead, Write};

const HELD: usize = 0;
const WITH_PROVIDER: usize = 1;
const TARGET: usize = 2;

pub fn run<R: BufRead, W: Write>(s: &mut Session<R, W>) -> io::Result<Flow> {
    let all = choices::qualifications(s.catalogue, false);
    let on_sale = choices::qualifications(s.catalogue, true);
    let targets = std::iter::once(Choice::named("Every upgrade open to me", &["every", "all"]))
        .chain(on_sale.iter().map(|q| choices::qualification(q)))
        .collect();
    let mut form = Form::new(
        "Upgrade",
        vec![
            Question::choice(
                "Held",
                "Which ILM coaching or mentoring qualification do you hold?",
                all.iter().map(|q| choices::qualification(q)).collect(),
            )
            .resolving(choices::resolver(s.catalogue, &all, 0)),
            Question::choice(
                "With this provider",
                "Did you complete it with this provider? (A top-up fee applies only then.)",
                choices::yes_no(),
            ),
            Question::choice("Upgrade to", "Which qualification do you want?", targets)
                .resolving(choices::resolver(s.catalogue, &on_sale, 1)),
        ],
    );
    let catalogue = s.catalogue;
    let worked = form.ask_until(&mut s.console, |a| {
        let (Some(held), Some(with), Some(to)) = (
            a.choice(HELD).and_then(|n| all.get(n)),
            a.choice(WITH_PROVIDER),
            a.choice(TARGET),
        ) else {
            return Err(Refusal::new("answer every question", HELD));
        };
        let holding = Holding::one(&held.id, with == 0);
        let courses = match to.checked_sub(1).and_then(|n| on_sale.get(n)) {
            Some(q) => Course::new(catalogue, &q.id, &holding).map(|c| vec![c]),
            None => all_upgrades(catalogue, &holding),
        };
        courses
            .map(|courses| (holding, courses))
            .map_err(|e| Refusal::new(e, TARGET))
    })?;
    let (holding, courses) = match worked {
        Ok(w) => w,
        Err(left) => return Ok(left),
    };
    let c = &mut s.console;
    c.gap()?;
    if courses.is_empty() {
        c.say(&format!(
            "No upgrade is open from {holding}: nothing else at the same level is a top-up or carries over a unit."
        ))?;
        return Ok(Flow::Menu);
    }
    if courses.len() > 1 {
        c.say(&format!("{} upgrades, cheapest first:", courses.len()))?;
    }
    for (n, course) in courses.iter().enumerate() {
        if courses.len() > 1 {
            c.gap()?;
            c.say(&format!(
                "{}. {} ({})",
                n + 1,
                course.title,
                course.qualification
            ))?;
        }
        say_course(c, course)?;
    }
    Ok(Flow::Menu)
}

/// The course in a line, its figures one a line ("Fee ex VAT: £530.00"),
/// then how they were worked out.
pub fn say_course<R: BufRead, W: Write>(c: &mut Console<R, W>, course: &Course) -> io::Result<()> {
    for line in crate::summary::course(course) {
        c.say(&line)?;
    }
    Ok(())
}
