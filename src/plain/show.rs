//! One qualification in full: its facts, each with its source, as
//! `qualplan show` lists them (`planner::qualification_facts`).

use super::choices;
use super::form::{Form, Outcome, Question};
use super::{Flow, Session};
use crate::planner::{Fact, onward_facts, qualification_facts};
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
    c.say(&format!("{} ({})", q.title, q.id))?;
    c.say(&format!(
        "Level {}, {}, {}, {} edition.",
        q.level, q.size, q.stream, q.edition
    ))?;
    say_facts(c, &qualification_facts(s.catalogue, q))?;
    let onward = onward_facts(s.catalogue, q);
    if !onward.is_empty() {
        c.gap()?;
        c.say("Onward:")?;
        say_facts(c, &onward)?;
    }
    Ok(Flow::Menu)
}

/// "Credits: 37 (source: pack: 3. Credits)", one fact a line.
fn say_facts<R: BufRead, W: Write>(
    c: &mut super::console::Console<R, W>,
    facts: &[Fact],
) -> io::Result<()> {
    for f in facts {
        c.say(&format!("{}: {} (source: {})", f.label, f.value, f.source))?;
    }
    Ok(())
}
