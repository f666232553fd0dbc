//! Plain-text summaries, a fact a line: a plan and its payments, and a
//! qualification's key facts. The plain mode says them; `y` in the app
//! copies them to the clipboard. One home, so both say the same.

use crate::catalogue::{Catalogue, Qualification};
use crate::planner::{
    Course, Due, HoursPerWeek, PaymentKind, PaymentPlan, ReasonKind, Recommendation, Timeline,
    onward_facts, qualification_facts,
};

/// The timeline, as `qualplan plan` lists it: what is planned, the dates,
/// the hours (the course's own figures, for an upgrade, and the warnings
/// are the caller's).
pub fn plan(course: &Course, t: &Timeline, hours: Option<HoursPerWeek>) -> Vec<String> {
    let (title, id) = (&course.title, &course.qualification);
    let mut lines = vec![if course.units_carried.is_empty() {
        format!("Plan for {title} ({id})")
    } else {
        format!(
            "Plan for the rest of {title} ({id}), holding {}",
            course.holding
        )
    }];
    lines.push(format!("Start: {}", t.start));
    lines.push(match t.target {
        Some((a, b)) if a == b => format!("Suggested completion: {a}"),
        Some((a, b)) => format!("Suggested completion: {a} to {b}"),
        None => "Suggested completion: no suggested time".to_string(),
    });
    if let Some(e) = t.registration_expires {
        lines.push(format!("Registration expires: {e}"));
    }
    lines.push(format!(
        "Hours of learning: {} (practice {})",
        t.total_hours, t.practice_hours
    ));
    if let (Some(d), Some(h)) = (t.deadline, t.hours_per_week_needed) {
        let practice = t
            .practice_per_week_needed
            .map_or(String::new(), |p| format!(", {p} of them practice"));
        lines.push(format!("Weekly hours to finish by {d}: {h}{practice}"));
    }
    if let (Some(h), Some(f)) = (hours, t.projected_finish) {
        lines.push(format!("Finish at {}: {f}", h.a_week()));
    }
    lines
}

/// The payments, one a line, and their total, as `qualplan pay` lists them.
pub fn payments(catalogue: &Catalogue, plan: &PaymentPlan, vat_percent: u32) -> Vec<String> {
    let mut lines = vec![
        match plan.kind {
            PaymentKind::InFull => "Paying in full:",
            PaymentKind::Instalments => "Paying by instalments:",
        }
        .to_string(),
    ];
    for p in &plan.payments {
        let due = match p.due {
            Due::On(d) => format!("due {d}"),
            Due::OnCompletion(Some(d)) => format!("due on completion, expected by {d}"),
            Due::OnCompletion(None) => "due on completion".to_string(),
        };
        let a = &p.amount;
        lines.push(format!(
            "{}, {due}: {} ex VAT, VAT {vat_percent}% {}, {} inc VAT",
            p.label, a.ex_vat, a.vat, a.inc_vat
        ));
    }
    let t = &plan.total;
    lines.push(format!(
        "Total: {} ex VAT, VAT {vat_percent}% {}, {} inc VAT",
        t.ex_vat, t.vat, t.inc_vat
    ));
    if plan.kind == PaymentKind::Instalments {
        lines.push(format!(
            "The instalment plan adds a {} premium, paid with the first payment; terms and conditions apply. qualplan generalises the provider's one worked example ({}).",
            plan.premium_ex_vat,
            catalogue.cite_in_full(&catalogue.pricing.instalments.example.source)
        ));
    }
    lines.push("Prices exclude VAT; VAT is worked out on each payment.".to_string());
    lines
}

/// The course in a line, its figures one a line ("Fee ex VAT: £530.00"),
/// then how they were worked out.
pub fn course(course: &Course) -> Vec<String> {
    let mut lines = vec![format!("{}.", course.summary())];
    lines.extend(
        course
            .figures()
            .into_iter()
            .map(|f| format!("{}: {}", f.label, f.value)),
    );
    lines.extend(course.notes.iter().map(|n| format!("{n}.")));
    lines
}

/// A fact and where it comes from: "Credits: 37 (source: ...)".
fn fact(f: &crate::planner::Fact) -> String {
    format!("{}: {} (source: {})", f.label, f.value, f.source)
}

/// A unit's title and its facts with their sources.
pub fn unit(u: &crate::catalogue::Unit) -> Vec<String> {
    let mut lines = vec![format!("{} ({})", u.title, u.code)];
    lines.extend(crate::planner::unit_facts(u).iter().map(fact));
    lines
}

/// A qualification's title, what it is, and its facts with their sources,
/// as `qualplan show` lists them; then what it leads on to.
pub fn qualification(catalogue: &Catalogue, q: &Qualification) -> Vec<String> {
    let mut lines = vec![
        format!("{} ({})", q.title, q.id),
        format!(
            "Level {}, {}, {}, {} edition.",
            q.level, q.size, q.stream, q.edition
        ),
    ];
    lines.extend(qualification_facts(catalogue, q).iter().map(fact));
    let onward = onward_facts(catalogue, q);
    if !onward.is_empty() {
        lines.push(String::new());
        lines.push("Onward:".to_string());
        lines.extend(onward.iter().map(fact));
    }
    lines
}

/// A recommended option and why, as `qualplan recommend` gives it:
/// "Title (id): good fit, £1,695.00 ex VAT (£2,034.00 inc VAT)", then a
/// line for each reason ("For: ...", "Against: ...", "Note: ...").
pub fn recommendation(r: &Recommendation) -> Vec<String> {
    let fee = match (r.fee_ex_vat, r.fee_inc_vat) {
        (Some(ex), Some(inc)) => format!("{ex} ex VAT ({inc} inc VAT)"),
        (Some(ex), None) => format!("{ex} ex VAT"),
        _ => "price on request".to_string(),
    };
    let mut lines = vec![format!(
        "{} ({}): {}, {fee}",
        r.title,
        r.candidate.id(),
        r.fit
    )];
    lines.extend(r.reasons.iter().map(|reason| {
        let kind = match reason.kind {
            ReasonKind::For => "For",
            ReasonKind::Against => "Against",
            ReasonKind::Note => "Note",
        };
        format!("{kind}: {}", reason.text)
    }));
    lines
}
