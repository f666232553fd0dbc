//! One qualification in full: its facts, each with its source, as
//! `qualplan show` lists them (`planner::qualification_facts`).

use super::choices;
use super::form::{Form, Outcome, Question};
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
    match form.run(&mut s.console, 0, &mut |_, _| Ok(()))? {
        Outcome::Back => return Ok(Flow::Menu),
        Outcome::Leave => return Ok(Flow::Leave),
        Outcome::Done => {}
    }
    let Some(q) = form.answers.choice(0).and_then(|n| all.get(n)) else {
        return Ok(Flow::Menu);
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
