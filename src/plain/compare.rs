//! Compare: the qualifications on sale that pass the filters chosen, one
//! block each, with the figures `qualplan compare` gives
//! (`planner::compare`).

use super::form::{Choice, Form, Question};
use super::{Flow, Session};
use crate::catalogue::{Edition, Size, Stream};
use crate::planner::{ComparisonRow, Filter, SortKey, compare};
use std::io::{self, BufRead, Write};

const STREAMS: [Stream; 3] = [
    Stream::Coaching,
    Stream::Mentoring,
    Stream::CoachingAndMentoring,
];
const SIZES: [Size; 3] = [Size::Award, Size::Certificate, Size::Diploma];
const SORTS: [(&str, SortKey); 5] = [
    ("Level", SortKey::Level),
    ("Price", SortKey::PriceExVat),
    ("Price per credit", SortKey::PricePerCredit),
    ("Credits", SortKey::Credits),
    ("Suggested time", SortKey::TargetTime),
];

/// "Any", then each value.
fn any_of(values: impl IntoIterator<Item = String>) -> Vec<Choice> {
    std::iter::once(Choice::named("Any", &["all"]))
        .chain(values.into_iter().map(Choice::new))
        .collect()
}

pub fn run<R: BufRead, W: Write>(s: &mut Session<R, W>) -> io::Result<Flow> {
    let mut levels: Vec<u8> = s.catalogue.on_sale().map(|q| q.level).collect();
    levels.sort_unstable();
    levels.dedup();
    let mut form = Form::new(
        "Compare",
        vec![
            Question::choice(
                "Level",
                "Which level?",
                any_of(levels.iter().map(|l| format!("Level {l}"))),
            ),
            Question::choice(
                "Stream",
                "Coaching, mentoring, or both?",
                any_of(
                    STREAMS
                        .iter()
                        .map(|x| crate::text::capitalised(&x.to_string())),
                ),
            ),
            Question::choice(
                "Size",
                "Award, certificate or diploma?",
                any_of(
                    SIZES
                        .iter()
                        .map(|x| crate::text::capitalised(&x.to_string())),
                ),
            ),
            Question::choice(
                "Sort",
                "Sort by?",
                SORTS.iter().map(|(label, _)| Choice::new(*label)).collect(),
            ),
        ],
    );
    if let Err(left) = form.ask_until(&mut s.console, |_| Ok(()))? {
        return Ok(left);
    }
    let a = &form.answers;
    let nth = |i: usize| a.choice(i).and_then(|n| n.checked_sub(1));
    let filter = Filter {
        level: nth(0).and_then(|n| levels.get(n).copied()),
        stream: nth(1).and_then(|n| STREAMS.get(n).copied()),
        size: nth(2).and_then(|n| SIZES.get(n).copied()),
        edition: Some(Edition::Current),
    };
    let sort = a
        .choice(3)
        .and_then(|n| SORTS.get(n))
        .map_or(SortKey::Level, |(_, k)| *k);
    let rows = compare(s.catalogue, &[], &filter, sort, false);
    let c = &mut s.console;
    c.gap()?;
    if rows.is_empty() {
        return c
            .say("No qualification on sale passes these filters; choose Any for one of them.")
            .map(|()| Flow::Menu);
    }
    c.say(&format!("{} qualifications:", rows.len()))?;
    for (n, r) in rows.iter().enumerate() {
        c.gap()?;
        for line in block(n + 1, r) {
            c.say(&line)?;
        }
    }
    Ok(Flow::Menu)
}

/// One qualification's figures, one a line.
fn block(n: usize, r: &ComparisonRow) -> Vec<String> {
    let mut lines = vec![
        format!("{n}. {} ({})", r.title, r.id),
        format!("Level {}, {}, {}", r.level, r.size, r.stream),
        format!("Credits: {}", r.credits),
    ];
    if let Some(g) = r.glh {
        let stated = if g.stated { " (stated)" } else { "" };
        lines.push(format!("Guided learning: {} hours{stated}", g.hours));
    }
    lines.push(format!("Total qualification time: {} hours", r.tqt_hours));
    lines.push(format!("Practice: {} hours", r.practice_hours));
    if let Some(clients) = r.min_clients {
        lines.push(format!("Clients: at least {clients}"));
    }
    lines.push(match r.price {
        Some(p) => format!(
            "Price: {} ex VAT, VAT {}, {} inc VAT",
            p.ex_vat, p.vat, p.inc_vat
        ),
        None => "Price: on request".to_string(),
    });
    if let Some(p) = r.price_per_credit {
        lines.push(format!("Price per credit: {p} ex VAT"));
    }
    if let Some(t) = r.target_months {
        lines.push(format!("Suggested time: {t}"));
    }
    if let Some(m) = r.registration_months {
        lines.push(format!("Registration: {m} months"));
    }
    if let Some(e) = &r.entry_requirements {
        lines.push(format!("Entry: {e}"));
    }
    lines
}
