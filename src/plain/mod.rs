//! The plain mode (`qualplan --plain`, `QUALPLAN_PLAIN=1`, `TERM=dumb`):
//! the app as numbered questions and plain lines, for screen readers,
//! braille displays and dumb terminals. No alternate screen, no cursor
//! movement, no box drawing, no colour: each part writes lines to the
//! output and reads answers from the input, one line each.
//!
//! Every figure comes from the same planner calls as the app and the
//! command line (`Course`, `qualification_facts`, `recommend`, `compare`),
//! laid out as "label: value" lines; nothing is worked out here.

mod choices;
mod compare;
mod console;
mod enquiry;
mod form;
mod pay;
mod routes;
mod show;
mod upgrade;

use crate::catalogue::Catalogue;
use crate::files::Dirs;
use crate::planner::DevelopmentRoute;
use chrono::NaiveDate;
use console::Console;
use form::{Choice, Form, Outcome, Question};
use std::io::{self, BufRead, Write};

/// Whether the environment asks for the plain mode: `QUALPLAN_PLAIN` set
/// to anything but empty or `0`, or `TERM=dumb` (a terminal that cannot
/// draw the app).
pub fn wanted(plain: Option<&str>, term: Option<&str>) -> bool {
    plain.is_some_and(|v| !v.is_empty() && v != "0") || term == Some("dumb")
}

/// What a part of the plain mode asks for next.
#[derive(Debug, PartialEq, Eq)]
pub enum Flow {
    /// Back to the menu.
    Menu,
    /// Leave qualplan (`quit`, or the end of input).
    Leave,
}

/// What every part shares: the catalogue, today, the console, and the
/// enquiry being captured.
pub struct Session<'a, R, W> {
    pub catalogue: &'a Catalogue,
    pub today: NaiveDate,
    pub console: Console<R, W>,
    pub enquiry: enquiry::Capture,
}

impl<R: BufRead, W: Write> Session<'_, R, W> {
    /// Records a route's answers in the open enquiry, if there is one.
    pub fn record_profile(&mut self, p: &crate::planner::LearnerProfile) -> io::Result<()> {
        self.enquiry.record_profile(&mut self.console, p)
    }
}

/// The parts, as the menu lists them.
#[derive(Clone, Copy)]
enum Part {
    Route(DevelopmentRoute),
    Compare,
    Show,
    Upgrade,
    Pay,
    Enquiry,
    Quit,
}

fn parts() -> Vec<(Part, Choice)> {
    let mut parts: Vec<(Part, Choice)> = DevelopmentRoute::ALL
        .iter()
        .map(|r| {
            let label = format!("Route {}: {}", r.number(), r.title());
            (Part::Route(*r), Choice::named(label, &[]))
        })
        .collect();
    parts.extend([
        (
            Part::Compare,
            Choice::named("Compare qualifications", &["compare"]),
        ),
        (
            Part::Show,
            Choice::named("One qualification in full", &["show"]),
        ),
        (
            Part::Upgrade,
            Choice::named(
                "Upgrade from a qualification you hold",
                &["upgrade", "top-up"],
            ),
        ),
        (Part::Pay, Choice::named("Plan and pay", &["plan", "pay"])),
        (
            Part::Enquiry,
            Choice::named("Capture an enquiry (for advisors)", &["enquiry"]),
        ),
        (Part::Quit, Choice::named("Quit", &[])),
    ]);
    parts
}

/// Runs the plain mode until `quit` or the end of input. `echo` writes each
/// answer after its prompt (for input that is not a terminal); `dirs` is
/// where enquiries are saved, in the store `setup` chooses. An error is one of reading or writing.
pub fn run<R: BufRead, W: Write>(
    catalogue: &Catalogue,
    today: NaiveDate,
    dirs: Option<Dirs>,
    setup: crate::enquiry::StoreSetup,
    input: R,
    output: W,
    echo: bool,
) -> io::Result<()> {
    let mut s = Session {
        catalogue,
        today,
        console: Console::new(input, output, echo),
        enquiry: enquiry::Capture::new(dirs, setup),
    };
    let result = menu(&mut s);
    // Whatever ended the session, the enquiry is saved, and said to be.
    let finished = s.enquiry.finish(&mut s.console);
    result.and(finished)?;
    s.console.say("Goodbye.")
}

fn menu<R: BufRead, W: Write>(s: &mut Session<R, W>) -> io::Result<()> {
    s.console.say("qualplan: choose, compare, plan and pay for the ILM Coaching and Mentoring qualifications.")?;
    s.console.say(form::HELP)?;
    loop {
        let (kinds, options): (Vec<Part>, Vec<Choice>) = parts().into_iter().unzip();
        let mut form = Form::new(
            "Menu",
            vec![Question::choice(
                "Part",
                "What would you like to do?",
                options,
            )],
        );
        match form.run(&mut s.console, 0, &mut |_, _| Ok(()))? {
            Outcome::Done => {}
            Outcome::Back => continue,
            Outcome::Leave => return Ok(()),
        }
        let Some(part) = form.answers.choice(0).and_then(|n| kinds.get(n).copied()) else {
            return Ok(());
        };
        let flow = match part {
            Part::Route(r) => routes::run(s, r)?,
            Part::Compare => compare::run(s)?,
            Part::Show => show::run(s)?,
            Part::Upgrade => upgrade::run(s)?,
            Part::Pay => pay::run(s)?,
            Part::Enquiry => enquiry::run(s)?,
            Part::Quit => Flow::Leave,
        };
        if flow == Flow::Leave {
            return Ok(());
        }
    }
}
