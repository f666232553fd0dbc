//! One qualification in full: its facts, each with its source, as
//! `qualplan show` lists them (`planner::qualification_facts`).

use super::choices;
use super::form::{Form, Question, Refusal};
use super::{Flow, Session};
use std::io::{self, BufRead, Write};

pub fn run<R: BufRead, W: Write>(s: &mut Session<R, W>) -> io::Result<Flow> {
    let all = choices::qualifications(s.catalogue, false);
    let options = all.iter().map(|q| choices::qualification(q)).collect();
    let mut form = Form::new(
        "One qualification",
        vec![
            Question::choice("Qualification", "Which qualification?", options)
                .resolving(choices::resolver(s.catalogue, &all, 0)),
        ],
    );
    let chosen = form.ask_until(&mut s.console, |a| {
        a.choice(0)
            .and_then(|n| all.get(n))
            .ok_or_else(|| Refusal::new("choose a qualification", 0))
    })?;
    let q = match chosen {
        Ok(q) => q,
        Err(left) => return Ok(left),
    };
    let c = &mut s.console;
    c.gap()?;
    for line in crate::summary::qualification(s.catalogue, q) {
        if line.is_empty() {
            c.gap()?;
        } else {
            c.say(&line)?;
        }
    }
    Ok(Flow::Menu)
}
