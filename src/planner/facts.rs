//! The facts of a qualification or unit as a person reads them: a label, a
//! value and where it comes from. Built once here; `qualplan show` and the
//! detail screen only lay them out, so the two can never tell a different
//! story.

use super::{ComparisonRow, CourseKind, Holding, all_upgrades};
use crate::catalogue::{Catalogue, Cite, Qualification, Unit};
use std::fmt;

/// Where a fact comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FactSource {
    /// A figure taken from a source document.
    Cited(Cite),
    /// Worked out by qualplan, and how.
    Derived(&'static str),
    /// No source gives it.
    NotGiven,
    /// Why there is no figure, in words.
    Why(&'static str),
}

/// "pack: 8. Our prices", "derived: credits x 10 hours", "no source gives it".
impl fmt::Display for FactSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FactSource::Cited(c) => c.fmt(f),
            FactSource::Derived(how) => write!(f, "derived: {how}"),
            FactSource::NotGiven => f.write_str("no source gives it"),
            FactSource::Why(why) => f.write_str(why),
        }
    }
}

/// One row of facts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fact {
    pub label: String,
    pub value: String,
    pub source: FactSource,
}

fn fact(label: impl Into<String>, value: impl Into<String>, source: FactSource) -> Fact {
    Fact {
        label: label.into(),
        value: value.into(),
        source,
    }
}

/// "1 hour", "36 hours".
fn hours(n: u32) -> String {
    format!("{n} hour{}", if n == 1 { "" } else { "s" })
}

/// "at least 6 clients"
fn clients(n: u32) -> String {
    format!("at least {n} client{}", if n == 1 { "" } else { "s" })
}

/// "3 years", "18 months".
fn years_or_months(months: u32) -> String {
    if months.is_multiple_of(12) {
        let y = months / 12;
        format!("{y} year{}", if y == 1 { "" } else { "s" })
    } else {
        format!("{months} months")
    }
}

/// The figures of a qualification, each with its source.
pub fn qualification_facts(c: &Catalogue, q: &Qualification) -> Vec<Fact> {
    let cited = |s: &Cite| FactSource::Cited(s.clone());
    let mut facts = Vec::new();
    if let Some(n) = &q.qualification_number {
        facts.push(fact(
            "Qualification number",
            n.value.clone(),
            cited(&n.source),
        ));
    }
    facts.push(fact(
        "Credits",
        q.credits.value.to_string(),
        cited(&q.credits.source),
    ));
    facts.push(fact(
        "Total qualification time",
        format!("{} hours", q.tqt_hours()),
        FactSource::Derived("credits x 10 hours"),
    ));
    let units_glh = q.glh_range(c);
    match (&q.stated_glh, units_glh) {
        (Some(stated), units) => {
            facts.push(fact(
                "Guided learning",
                format!("{} (stated)", hours(stated.value)),
                cited(&stated.source),
            ));
            if let Some(u) = units.filter(|u| u.min != stated.value || u.max != stated.value) {
                facts.push(fact(
                    "Guided learning, units",
                    format!("{u} hours"),
                    FactSource::Derived("sum of the units' GLH"),
                ));
            }
        }
        (None, Some(u)) => facts.push(fact(
            "Guided learning",
            format!("{u} hours"),
            FactSource::Derived("sum of the units' GLH"),
        )),
        (None, None) => facts.push(fact("Guided learning", "not stated", FactSource::NotGiven)),
    }
    if let Some(h) = &q.induction_hours {
        facts.push(fact(
            "Induction",
            format!("at least {}", hours(h.value)),
            cited(&h.source),
        ));
    }
    if let Some(h) = &q.tutorial_hours {
        facts.push(fact(
            "Tutorial support",
            format!("at least {}", hours(h.value)),
            cited(&h.source),
        ));
    }
    let practice = q.practice_hours_range(c);
    let with_clients = q
        .min_clients_range(c)
        .map_or(String::new(), |r| format!(", {}", clients(r.max)));
    facts.push(fact(
        "Workplace practice",
        format!("{practice} hours{with_clients}"),
        FactSource::Derived("the units' practice"),
    ));
    if let Some(r) = &q.registration_months {
        facts.push(fact(
            "Registration valid",
            years_or_months(r.value),
            cited(&r.source),
        ));
    }
    if let Some(t) = &q.target_months {
        facts.push(fact(
            "Suggested time",
            t.value.to_string(),
            cited(&t.source),
        ));
    }
    let vat = c.vat_rate();
    // A price whose VAT would not fit (never in a valid catalogue) is
    // shown as on request rather than wrong.
    match q
        .price
        .as_ref()
        .and_then(|p| Some((p, vat.breakdown(p.value)?)))
    {
        Some((p, b)) => {
            facts.push(fact("Price ex VAT", b.ex_vat.to_string(), cited(&p.source)));
            facts.push(fact(
                format!("VAT ({}%)", vat.percent),
                b.vat.to_string(),
                cited(&c.pricing.vat_rate_percent.source),
            ));
            facts.push(fact(
                "Price inc VAT",
                b.inc_vat.to_string(),
                FactSource::Derived("price + VAT"),
            ));
            if let Some(per) = ComparisonRow::new(c, q).price_per_credit {
                facts.push(fact(
                    "Price per credit ex VAT",
                    per.to_string(),
                    FactSource::Derived("price / credits"),
                ));
            }
        }
        None if q.is_on_sale() => facts.push(fact(
            "Price",
            "on request",
            FactSource::Why("no price in the sources"),
        )),
        None => facts.push(fact(
            "Price",
            "not on sale",
            FactSource::Why("the price list covers the current edition only"),
        )),
    }
    if let Some(l) = c.levels.iter().find(|l| l.level == q.level) {
        facts.push(fact(
            format!("RQF Level {} is like", q.level),
            l.equivalents.join(", "),
            cited(&l.source),
        ));
    }
    facts
}

/// Where someone who holds `q` (with this provider) can go at the same
/// level, with the course's fee: "l5-dip-cm" / "top-up, £530.00 ex VAT;
/// take 5017 (29 credits)", cited to the upgrade route or the top-up rule.
pub fn onward_facts(c: &Catalogue, q: &Qualification) -> Vec<Fact> {
    let Ok(courses) = all_upgrades(c, &Holding::one(&q.id, true)) else {
        return Vec::new();
    };
    courses
        .iter()
        .map(|x| {
            let fee = match (x.kind, x.fee) {
                (CourseKind::TopUp, Some(f)) => format!("top-up, {} ex VAT", f.ex_vat),
                (_, Some(f)) => format!("{}, {} ex VAT", x.kind, f.ex_vat),
                (_, None) => format!("{}, fee on request", x.kind),
            };
            let take = x
                .to_take()
                .map_or("nothing left to take".to_string(), |u| format!("take {u}"));
            let source = q
                .upgrades
                .iter()
                .find(|u| u.to == x.qualification)
                .map_or(&c.pricing.top_up.rule.source, |u| &u.source);
            fact(
                x.qualification.clone(),
                format!("{fee}; {take}"),
                FactSource::Cited(source.clone()),
            )
        })
        .collect()
}

/// The figures of a unit, each with its source.
pub fn unit_facts(u: &Unit) -> Vec<Fact> {
    let cited = |s: &Cite| FactSource::Cited(s.clone());
    let mut facts = vec![
        fact(
            "Credits",
            u.credits.value.to_string(),
            cited(&u.credits.source),
        ),
        fact(
            "Total unit time",
            format!("{} hours", u.tqt_hours()),
            FactSource::Derived("credits x 10 hours"),
        ),
        match &u.glh {
            Some(g) => fact("Guided learning", hours(g.value), cited(&g.source)),
            None => fact("Guided learning", "not stated", FactSource::NotGiven),
        },
    ];
    if let Some(p) = &u.practice {
        facts.push(fact(
            "Workplace practice",
            hours(p.hours.value),
            cited(&p.hours.source),
        ));
        if let Some(m) = &p.min_clients {
            facts.push(fact(
                "Minimum clients",
                m.value.to_string(),
                cited(&m.source),
            ));
        }
    }
    facts
}
