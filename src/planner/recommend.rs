//! Ranked options for a learner profile, each with its reasons in plain
//! words. Scoring is a simple, documented sum (docs/cli.md): every reason
//! that helps or hurts is shown, so a learner can see why an option ranks
//! where it does. An option the learner asked about is never dropped.

use super::{
    Course, CourseKind, DevelopmentRoute, Interest, LearnerProfile, Role, add_months, add_weeks,
    all_upgrades,
};
use crate::catalogue::{Catalogue, Edition, Qualification, Stream, Unit};
use crate::money::Pence;
use crate::pricing::InstalmentTerms;
use serde::Serialize;

/// What is being recommended.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", content = "id", rename_all = "kebab-case")]
pub enum Candidate {
    Qualification(String),
    Unit(String),
    /// An upgrade from a held qualification to the given one.
    Upgrade(String),
}

impl Candidate {
    /// The qualification id or unit code.
    pub fn id(&self) -> &str {
        match self {
            Candidate::Qualification(id) | Candidate::Unit(id) | Candidate::Upgrade(id) => id,
        }
    }
}

/// How well an option fits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Fit {
    Good,
    Possible,
    Poor,
}

impl std::fmt::Display for Fit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(match self {
            Fit::Good => "good fit",
            Fit::Possible => "possible",
            Fit::Poor => "poor fit",
        })
    }
}

/// Whether a reason speaks for or against an option, or only informs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReasonKind {
    For,
    Against,
    Note,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reason {
    pub kind: ReasonKind,
    pub text: String,
}

/// One ranked option.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Recommendation {
    pub candidate: Candidate,
    pub title: String,
    pub score: i32,
    pub fit: Fit,
    /// What the learner would pay ex VAT (a top-up's balance where one
    /// applies); `None` when the price is on request.
    pub fee_ex_vat: Option<Pence>,
    /// The same fee with VAT: what a budget (asked inc VAT) is weighed
    /// against and what lists show beside it.
    pub fee_inc_vat: Option<Pence>,
    pub asked_about: bool,
    pub reasons: Vec<Reason>,
}

const BASE_SCORE: i32 = 100;
const GOOD_FROM: i32 = 125;
const POSSIBLE_FROM: i32 = 85;

/// Scores accumulate here with their reasons.
struct Assessment {
    score: i32,
    reasons: Vec<Reason>,
}

impl Assessment {
    fn new() -> Assessment {
        Assessment {
            score: BASE_SCORE,
            reasons: Vec::new(),
        }
    }
    fn plus(&mut self, points: i32, text: String) {
        self.score = self.score.saturating_add(points);
        self.reasons.push(Reason {
            kind: ReasonKind::For,
            text,
        });
    }
    fn minus(&mut self, points: i32, text: String) {
        self.score = self.score.saturating_sub(points);
        self.reasons.push(Reason {
            kind: ReasonKind::Against,
            text,
        });
    }
    fn note(&mut self, text: String) {
        self.reasons.push(Reason {
            kind: ReasonKind::Note,
            text,
        });
    }
    fn fit(&self) -> Fit {
        fit(self.score, &self.reasons)
    }
}

/// The label an option's score and reasons earn: the one rule, so that a
/// label never contradicts the reasons shown under it. A good fit has a
/// score of `GOOD_FROM` or more and no reason against it (an option over
/// budget, at another level or in another stream is at best possible); a
/// poor fit scores under `POSSIBLE_FROM`.
pub fn fit(score: i32, reasons: &[Reason]) -> Fit {
    let against = reasons.iter().any(|r| r.kind == ReasonKind::Against);
    if score >= GOOD_FROM && !against {
        Fit::Good
    } else if score >= POSSIBLE_FROM {
        Fit::Possible
    } else {
        Fit::Poor
    }
}

/// A fee with VAT at the catalogue's rate (`None` on request, or if it
/// would not fit).
fn inc_vat(c: &Catalogue, fee: Option<Pence>) -> Option<Pence> {
    fee.and_then(|f| c.vat_rate().breakdown(f))
        .map(|b| b.inc_vat)
}

/// Ranked options for the profile, best first.
pub fn recommend(c: &Catalogue, p: &LearnerProfile) -> Vec<Recommendation> {
    let mut options = match p.route {
        Some(DevelopmentRoute::UpdateKnowledge | DevelopmentRoute::UnitCertificate) => {
            unit_options(c, p)
        }
        Some(DevelopmentRoute::Upgrade) => upgrade_options(c, p),
        Some(DevelopmentRoute::FullQualification) | None => c
            .on_sale()
            .map(|q| assess_qualification(c, p, q, TopUpReason::Give))
            .collect(),
    };
    for id in &p.asked_about {
        let listed = options
            .iter_mut()
            .find(|o| matches!(&o.candidate, Candidate::Qualification(x) | Candidate::Upgrade(x) if x == id));
        match listed {
            Some(o) => o.asked_about = true,
            None => {
                if let Some(q) = c.qualification(id) {
                    options.push(assess_qualification(c, p, q, TopUpReason::Give));
                }
            }
        }
    }
    options.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(
                a.fee_ex_vat
                    .map_or(i64::MAX, |f| f.0)
                    .cmp(&b.fee_ex_vat.map_or(i64::MAX, |f| f.0)),
            )
            .then(a.candidate.id().cmp(b.candidate.id()))
    });
    options
}

/// Whether an assessment gives the top-up as a reason of its own (an
/// upgrade option states it in its own words instead).
#[derive(Clone, Copy, PartialEq, Eq)]
enum TopUpReason {
    Give,
    Leave,
}

fn assess_qualification(
    c: &Catalogue,
    p: &LearnerProfile,
    q: &Qualification,
    top_up: TopUpReason,
) -> Recommendation {
    let mut a = Assessment::new();
    let asked = p.asked_about.contains(&q.id);
    if asked {
        a.note("You asked about this qualification".to_string());
    }
    if q.edition == Edition::Older {
        a.minus(
            100,
            "Older edition, no longer on sale: kept so an advisor can look it up".to_string(),
        );
    }
    assess_level(&mut a, p, q.level);
    assess_stream(&mut a, p.interest, q.stream);
    if let Some(size) = p.size {
        if q.size == size {
            a.plus(15, format!("A {size}, as asked"));
        } else {
            a.minus(20, format!("A {}, not the {size} asked for", q.size));
        }
    }
    if q.level >= 7 && p.role != Some(Role::SeniorLeader) {
        a.minus(
            25,
            "Level 7 normally expects a practising senior manager with an ILM Level 5 qualification in Management, or higher"
                .to_string(),
        );
    }
    // What is left to take and pay, as Plan & pay will show it; none for a
    // qualification already held or no longer on sale.
    let course = Course::new(c, &q.id, &p.holding()).ok();
    let fee = assess_holdings(c, &mut a, p, q, course.as_ref(), top_up);
    if let Some(course) = &course {
        assess_time(&mut a, p, course);
    }
    assess_budget(&mut a, c, p, fee);
    Recommendation {
        candidate: Candidate::Qualification(q.id.clone()),
        title: q.title.clone(),
        score: a.score,
        fit: a.fit(),
        fee_ex_vat: fee,
        fee_inc_vat: inc_vat(c, fee),
        asked_about: asked,
        reasons: a.reasons,
    }
}

fn assess_level(a: &mut Assessment, p: &LearnerProfile, level: u8) {
    match (p.level, p.role) {
        (Some(wanted), _) if wanted == level => a.plus(30, format!("Level {level}, as asked")),
        (Some(wanted), _) => a.minus(
            60,
            format!("Level {level}, not the Level {wanted} asked for"),
        ),
        (None, Some(role)) => {
            let (suggested, why) = role.suggested_level();
            let gap = suggested.abs_diff(level);
            if gap == 0 {
                a.plus(25, format!("{why} (you are a {role})"));
            } else {
                a.minus(
                    i32::from(gap) * 12,
                    format!("Level {level}: for a {role} qualplan suggests Level {suggested}"),
                );
            }
        }
        (None, None) => {}
    }
}

fn assess_stream(a: &mut Assessment, interest: Option<Interest>, stream: Stream) {
    match (interest, stream) {
        (None, _) => {}
        (Some(Interest::Both), Stream::CoachingAndMentoring) => {
            a.plus(20, "Covers both coaching and mentoring".to_string())
        }
        (Some(Interest::Both), s) => {
            a.minus(15, format!("Covers {} only", s.to_string().to_lowercase()))
        }
        (Some(Interest::Coaching), Stream::Coaching)
        | (Some(Interest::Mentoring), Stream::Mentoring) => a.plus(
            20,
            format!(
                "A {} qualification, as you are interested in {}",
                stream.to_string().to_lowercase(),
                interest.unwrap()
            ),
        ),
        (Some(i), Stream::CoachingAndMentoring) => a.plus(
            10,
            format!("Covers {i}, with mentoring or coaching alongside"),
        ),
        (Some(i), s) => a.minus(
            40,
            format!(
                "A {} qualification, and you are interested in {i}",
                s.to_string().to_lowercase()
            ),
        ),
    }
}

/// Weighs what is already held; returns the fee the learner would pay,
/// which is the course's fee (a top-up's balance where one applies).
fn assess_holdings(
    c: &Catalogue,
    a: &mut Assessment,
    p: &LearnerProfile,
    q: &Qualification,
    course: Option<&Course>,
    top_up: TopUpReason,
) -> Option<Pence> {
    let top_up_from = course
        .filter(|x| x.kind == CourseKind::TopUp)
        .and_then(|x| x.from.as_deref());
    for held in p.held.iter().filter_map(|id| c.qualification(id)) {
        if held.id == q.id {
            a.minus(100, "You already hold this qualification".to_string());
        } else if top_up_from == Some(held.id.as_str()) {
            if let (TopUpReason::Give, Some(x)) = (top_up, course)
                && let (Some(fee), Some(list)) = (x.fee, x.list_price)
            {
                a.plus(
                    20,
                    format!(
                        "You hold {}: a top-up, {} ex VAT instead of {list}",
                        held.id, fee.ex_vat
                    ),
                );
            }
        } else if held.level == q.level && held.credits.value >= q.credits.value {
            a.minus(
                40,
                format!(
                    "You already hold {}, as large or larger at this level",
                    held.title
                ),
            );
        } else if held.level > q.level {
            a.minus(
                20,
                format!("Below the Level {} you already hold", held.level),
            );
        }
    }
    match course {
        Some(x) => x.fee.map(|f| f.ex_vat),
        None => q.price.as_ref().map(|pr| pr.value),
    }
}

/// Weeks in whole months, rounded up (a u32 of weeks times 12 fits a u64).
fn months_for_weeks(weeks: u32) -> u64 {
    (u64::from(weeks) * 12).div_ceil(52)
}

/// "1 month", "8 months".
fn months(n: u64) -> String {
    if n == 1 {
        "1 month".to_string()
    } else {
        format!("{n} months")
    }
}

/// Weighs the time the course takes at the learner's pace: what is left to
/// do (for a top-up, only the rest), against the registration, the target
/// date and the provider's suggested time.
fn assess_time(a: &mut Assessment, p: &LearnerProfile, course: &Course) {
    let practice = course.practice_hours_to_take;
    let hours = p.hours_per_week.filter(|h| h.tenths > 0);
    if practice > 0 {
        let mut text = format!("Needs {practice} hours of practice");
        if let Some(n) = course.min_clients {
            text.push_str(&format!(
                " with at least {n} client{}",
                if n == 1 { "" } else { "s" }
            ));
        }
        if let (Some(h), Some(weekly)) = (hours, p.hours_per_week)
            && let Some(weeks) = h.weeks_for(practice)
        {
            text.push_str(&format!(
                "; at {} that is {} of practice alone",
                weekly.a_week(),
                months(months_for_weeks(weeks))
            ));
        }
        a.note(text);
    }
    let tqt = course.hours_to_take;
    let whole = course.units_carried.is_empty();
    let Some(weekly) = p.hours_per_week.filter(|h| h.tenths > 0) else {
        a.note(format!(
            "{tqt} hours of learning {} ({} credits x 10)",
            if whole { "in all" } else { "still to do" },
            course.credits_to_take
        ));
        return;
    };
    let a_week = weekly.a_week();
    let its = if whole {
        format!("its {tqt} hours")
    } else {
        format!("the {tqt} hours still to do")
    };
    // Dates past the calendar's end (a start or figures far outside
    // `bounds`) are noted, not guessed at.
    let Some((weeks, finish)) = weekly
        .weeks_for(tqt)
        .and_then(|w| Some((w, add_weeks(p.start, w)?)))
    else {
        a.note(format!(
            "At {a_week} {its} take longer than qualplan can plan"
        ));
        return;
    };
    let months = months(months_for_weeks(weeks));
    // Past the calendar's end counts as later than any date.
    let after = |months: u32| add_months(p.start, months).is_none_or(|end| finish > end);
    if let Some(reg) = course.registration_months
        && after(reg)
    {
        a.minus(
            50,
            format!(
                "At {a_week} {its} take about {months}, longer than the {reg}-month registration"
            ),
        );
    } else if let Some(target) = p.target_date {
        if finish > target {
            a.minus(
                30,
                format!("At {a_week} {its} take about {months}, past your target date of {target}"),
            );
        } else {
            a.plus(
                10,
                format!("At {a_week} {its} fit before your target date of {target}"),
            );
        }
    } else if let Some(t) = course.suggested_months {
        if after(t.max) {
            a.minus(
                10,
                format!("At {a_week} {its} take about {months}, beyond the suggested {t}"),
            );
        } else {
            a.plus(
                5,
                format!("At {a_week} {its} take about {months}, within the suggested {t}"),
            );
        }
    }
    if let (Some(target), Some(t)) = (p.target_date, course.suggested_months)
        && add_months(p.start, t.min).is_none_or(|d| d > target)
    {
        a.minus(
            15,
            format!("The provider suggests {t} to complete; your target date is {target}"),
        );
    }
}

fn assess_budget(a: &mut Assessment, c: &Catalogue, p: &LearnerProfile, fee: Option<Pence>) {
    let Some(fee) = fee else {
        a.minus(5, "Price on request".to_string());
        return;
    };
    let vat = c.vat_rate();
    let (Some(budget), Some(inc)) = (p.budget_inc_vat, inc_vat(c, Some(fee))) else {
        return;
    };
    if inc <= budget {
        a.plus(15, format!("{inc} inc VAT is within your {budget} budget"));
    } else {
        let mut text = match inc.checked_sub(budget) {
            Some(over) => format!("{inc} inc VAT is {over} over your {budget} budget"),
            None => format!("{inc} inc VAT is over your {budget} budget"),
        };
        if let Ok(s) = InstalmentTerms::from(&c.pricing.instalments).schedule(fee)
            && let Some(first) = vat.breakdown(s.initial)
        {
            text.push_str(&format!(
                "; by instalments the first payment is {} inc VAT",
                first.inc_vat
            ));
        }
        a.minus(30, text);
    }
}

/// Route 4: every upgrade from what is held, cheapest first.
fn upgrade_options(c: &Catalogue, p: &LearnerProfile) -> Vec<Recommendation> {
    let Ok(courses) = all_upgrades(c, &p.holding()) else {
        return Vec::new();
    };
    courses
        .into_iter()
        .enumerate()
        .map(|(rank, course)| {
            let q = c
                .qualification(&course.qualification)
                .expect("upgrade targets exist");
            let mut a = assess_qualification(c, p, q, TopUpReason::Leave);
            // Cheapest first: rank order is the fee order.
            a.score = a
                .score
                .max(BASE_SCORE)
                .saturating_sub(i32::try_from(rank).unwrap_or(i32::MAX));
            a.candidate = Candidate::Upgrade(course.qualification.clone());
            let from = course
                .from
                .clone()
                .unwrap_or_else(|| course.holding.to_string());
            let mut reasons = vec![Reason {
                kind: ReasonKind::For,
                text: format!(
                    "From {from}: {} units carried ({} credits), {} to take ({} credits, {} hours of practice)",
                    course.units_carried.len(),
                    course.credits_carried,
                    course.units_to_take.len(),
                    course.credits_to_take,
                    course.practice_hours_to_take
                ),
            }];
            reasons.extend(course.notes.iter().map(|n| Reason {
                kind: ReasonKind::Note,
                text: n.clone(),
            }));
            reasons.extend(a.reasons);
            a.reasons = reasons;
            a.fee_ex_vat = course.fee.map(|f| f.ex_vat);
            a.fee_inc_vat = inc_vat(c, a.fee_ex_vat);
            a.fit = fit(a.score, &a.reasons);
            a
        })
        .collect()
}

/// Routes 1 and 2: units at the learner's level in their interest.
fn unit_options(c: &Catalogue, p: &LearnerProfile) -> Vec<Recommendation> {
    let level = p.level.or(p.role.map(|r| r.suggested_level().0));
    c.units
        .iter()
        .filter(|u| u.edition == Edition::Current)
        .filter(|u| level.is_none_or(|l| u.level == l))
        .filter(|u| interest_fits_unit(p.interest, u))
        .map(|u| assess_unit(p, u))
        .collect()
}

fn interest_fits_unit(interest: Option<Interest>, u: &Unit) -> bool {
    let t = u.title.to_lowercase();
    match interest {
        None | Some(Interest::Both) => true,
        Some(Interest::Coaching) => t.contains("coach") || !t.contains("mentor"),
        Some(Interest::Mentoring) => t.contains("mentor") || !t.contains("coach"),
    }
}

fn assess_unit(p: &LearnerProfile, u: &Unit) -> Recommendation {
    let mut a = Assessment::new();
    let glh = u
        .glh
        .as_ref()
        .map_or("no stated".to_string(), |g| g.value.to_string());
    a.note(format!(
        "Level {} unit: {} credits ({} hours of learning), {glh} guided learning hours",
        u.level,
        u.credits.value,
        u.tqt_hours()
    ));
    if p.level.is_some_and(|l| l == u.level) {
        a.plus(30, format!("Level {}, as asked", u.level));
    }
    match (p.route, u.practice_hours()) {
        (Some(DevelopmentRoute::UpdateKnowledge), 0) => a.plus(
            20,
            "Knowledge only: no workplace practice needed".to_string(),
        ),
        (Some(DevelopmentRoute::UpdateKnowledge), h) => {
            a.minus(20, format!("Needs {h} hours of workplace practice"))
        }
        (_, 0) => {}
        (_, h) => a.note(format!(
            "Needs {h} hours of workplace practice{}",
            u.min_clients().map_or(String::new(), |n| format!(
                " with at least {n} client{}",
                if n == 1 { "" } else { "s" }
            ))
        )),
    }
    if let Some(weekly) = p.hours_per_week.filter(|h| h.tenths > 0)
        && let Some(weeks) = weekly.weeks_for(u.tqt_hours())
    {
        a.note(format!(
            "At {}: about {}",
            weekly.a_week(),
            months(months_for_weeks(weeks))
        ));
    }
    a.note("Price on request: the provider's price list covers whole qualifications".to_string());
    Recommendation {
        candidate: Candidate::Unit(u.code.clone()),
        title: u.title.clone(),
        score: a.score,
        fit: a.fit(),
        fee_ex_vat: None,
        fee_inc_vat: None,
        asked_about: false,
        reasons: a.reasons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{self, CatalogueOrigin};
    use chrono::NaiveDate;

    fn middle_manager(budget: Pence) -> (Catalogue, LearnerProfile) {
        let c = catalogue::load(&CatalogueOrigin::Embedded).unwrap();
        let mut p = LearnerProfile::starting(NaiveDate::from_ymd_opt(2026, 1, 5).unwrap());
        p.route = Some(DevelopmentRoute::FullQualification);
        p.role = Some(Role::MiddleManager);
        p.interest = Some(Interest::Both);
        p.hours_per_week = super::super::HoursPerWeek::whole(3);
        p.budget_inc_vat = Some(budget);
        (c, p)
    }

    fn option<'a>(all: &'a [Recommendation], id: &str) -> &'a Recommendation {
        all.iter().find(|o| o.candidate.id() == id).unwrap()
    }

    /// The Level 5 Diploma (£2,225 ex VAT, £2,670 inc VAT) is £670 over a
    /// £2,000 budget: whatever else speaks for it, it is not a good fit.
    #[test]
    fn an_option_over_budget_is_never_a_good_fit() {
        let (c, p) = middle_manager(Pence::pounds(2_000));
        let all = recommend(&c, &p);
        let dip = option(&all, "l5-dip-cm");
        assert_eq!(dip.fee_ex_vat, Some(Pence::pounds(2_225)));
        assert_eq!(dip.fee_inc_vat, Some(Pence::pounds(2_670)));
        assert!(dip.reasons.iter().any(|r| {
            r.kind == ReasonKind::Against
                && r.text
                    .starts_with("£2,670.00 inc VAT is £670.00 over your £2,000.00 budget")
        }));
        assert_eq!(dip.fit, Fit::Possible);
        // Within a £3,000 budget the same option is a good fit.
        let (c, p) = middle_manager(Pence::pounds(3_000));
        let all = recommend(&c, &p);
        let dip = option(&all, "l5-dip-cm");
        assert!(dip.reasons.iter().all(|r| r.kind != ReasonKind::Against));
        assert_eq!(dip.fit, Fit::Good);
    }

    /// Every label agrees with its reasons, for every option of every
    /// route and role: no good fit with a reason against it.
    #[test]
    fn labels_follow_their_reasons() {
        for budget in [500, 1_200, 2_000, 2_700] {
            for role in Role::ALL {
                for route in [1, 2, 3, 4] {
                    let (c, mut p) = middle_manager(Pence::pounds(budget));
                    p.role = Some(role);
                    p.route = DevelopmentRoute::from_number(route);
                    p.held = vec!["l3-award-coaching".to_string()];
                    for o in recommend(&c, &p) {
                        assert_eq!(o.fit, fit(o.score, &o.reasons), "{o:?}");
                        if o.fit == Fit::Good {
                            assert!(o.reasons.iter().all(|r| r.kind != ReasonKind::Against));
                        }
                    }
                }
            }
        }
    }
}
