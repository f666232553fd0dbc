//! The course: what a learner still has to take, and to pay, for one
//! qualification given what they already hold. The one place where the
//! provider's top-up rule, credit for the units held and the time for the
//! rest are worked out; the command line, every screen and the quote read
//! their figures from a `Course` and work out none of their own.

use super::{PaymentPlan, Timeline, add_months, pay_by_instalments, pay_in_full, timeline};
use crate::bounds::Overflow;
use crate::catalogue::{
    Catalogue, Edition, HOURS_PER_CREDIT, MonthRange, Qualification, Route, TopUpReading, Unit,
};
use crate::money::{Pence, VatBreakdown, VatRate};
use crate::pricing::{InstalmentTerms, PricingError};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::HashSet;
use std::fmt;

/// What a learner already holds: whole qualifications, single units, and
/// whether the qualifications were completed with this provider.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Holding {
    /// Qualification ids.
    pub qualifications: Vec<String>,
    /// Single units held on their own (any of their codes).
    pub units: Vec<String>,
    /// Completed with this provider, whose top-up rule then applies.
    pub with_provider: bool,
}

impl Default for Holding {
    fn default() -> Holding {
        Holding::none()
    }
}

impl Holding {
    /// Nothing held: the course is the whole qualification at its price.
    pub fn none() -> Holding {
        Holding {
            qualifications: Vec::new(),
            units: Vec::new(),
            with_provider: true,
        }
    }

    /// One qualification held, nothing else.
    pub fn one(id: &str, with_provider: bool) -> Holding {
        Holding {
            qualifications: vec![id.to_string()],
            units: Vec::new(),
            with_provider,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.qualifications.is_empty() && self.units.is_empty()
    }
}

/// "l5-cert-cm and unit 8577-304, held elsewhere"; "nothing held".
impl fmt::Display for Holding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_empty() {
            return f.write_str("nothing held");
        }
        let mut parts: Vec<String> = self.qualifications.clone();
        parts.extend(self.units.iter().map(|u| format!("unit {u}")));
        f.write_str(&parts.join(" and "))?;
        if !self.with_provider && !self.qualifications.is_empty() {
            f.write_str(", held elsewhere")?;
        }
        Ok(())
    }
}

/// A new registration at the full price, a top-up at the balance, or an
/// upgrade route of the older edition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CourseKind {
    NewRegistration,
    TopUp,
    Upgrade,
}

impl fmt::Display for CourseKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            CourseKind::NewRegistration => "new registration",
            CourseKind::TopUp => "top-up",
            CourseKind::Upgrade => "upgrade",
        })
    }
}

/// Why the fee is what it is, in terms a test (and a note) can name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Basis {
    /// Nothing is held: the full price.
    FullPrice,
    /// The pack's top-up rule: only the balance over what `from` cost.
    Balance {
        from: String,
        held_price: Pence,
        target_price: Pence,
    },
    /// An upgrade route of the older edition (suite overview); the provider
    /// lists no price for it.
    OlderUpgradeRoute { from: String },
    /// The qualification at this level was completed with another provider.
    HeldElsewhere { from: String },
    /// Nothing held is at the target's level.
    OtherLevel { level: u8 },
    /// The target costs no more than `from` did: the balance rule leaves
    /// nothing to credit, so the full price applies.
    NotDearer {
        from: String,
        held_price: Pence,
        target_price: Pence,
    },
    /// `from` has no price in the provider's list, so there is no balance.
    HeldNotPriced { from: String },
    /// The catalogue reads the rule strictly and none of `from`'s units
    /// count towards the target.
    NoUnitCarries { from: String },
    /// The target itself has no listed price.
    PriceOnRequest,
}

impl Basis {
    fn kind(&self) -> CourseKind {
        match self {
            Basis::Balance { .. } => CourseKind::TopUp,
            Basis::OlderUpgradeRoute { .. } => CourseKind::Upgrade,
            _ => CourseKind::NewRegistration,
        }
    }

    /// The held qualification the fee was weighed against.
    fn from(&self) -> Option<&str> {
        match self {
            Basis::Balance { from, .. }
            | Basis::OlderUpgradeRoute { from }
            | Basis::HeldElsewhere { from }
            | Basis::NotDearer { from, .. }
            | Basis::HeldNotPriced { from }
            | Basis::NoUnitCarries { from } => Some(from),
            Basis::FullPrice | Basis::OtherLevel { .. } | Basis::PriceOnRequest => None,
        }
    }

    /// The basis in plain words, for the notes; `None` when there is nothing
    /// to explain (the full price of a qualification with nothing held).
    fn note(&self, to: &Qualification) -> Option<String> {
        let to_id = &to.id;
        Some(match self {
            Basis::FullPrice => return None,
            Basis::Balance {
                from,
                held_price,
                target_price,
            } => format!(
                "Top-up: only the balance is due, {target_price} ({to_id}) less {held_price} already paid for {from}"
            ),
            Basis::OlderUpgradeRoute { from } => format!(
                "Upgrade route of the older edition from {from}: the provider's price list does not cover the older edition, so the fee is on request"
            ),
            Basis::HeldElsewhere { from } => format!(
                "New registration at the full price: {from} was not completed with this provider, and only progressing with this provider earns the top-up fee"
            ),
            Basis::OtherLevel { level } => format!(
                "New registration at the full price: the top-up fee covers a further qualification at the same level, and nothing held is at Level {level}"
            ),
            Basis::NotDearer {
                from,
                held_price,
                target_price,
            } => format!(
                "New registration at the full price: {to_id} costs {target_price}, no more than the {held_price} paid for {from}, so the top-up rule leaves no balance to pay"
            ),
            Basis::HeldNotPriced { from } => format!(
                "New registration at the full price: {from} has no price in the provider's list, so no balance can be worked out"
            ),
            Basis::NoUnitCarries { from } => format!(
                "New registration at the full price: this catalogue gives the top-up fee only where units carry over, and no unit of {from} counts towards {to_id}"
            ),
            Basis::PriceOnRequest => format!("{to_id} is price on request"),
        })
    }
}

/// Everything left to take and pay for one qualification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Course {
    /// The qualification to take (or finish).
    pub qualification: String,
    pub title: String,
    /// What the course was worked out from.
    pub holding: Holding,
    pub kind: CourseKind,
    pub basis: Basis,
    /// The held qualification the fee was weighed against, if any.
    pub from: Option<String>,
    /// Units that count towards the target, in the target's own codes.
    pub units_carried: Vec<String>,
    /// Units still to take, in the target's own codes.
    pub units_to_take: Vec<String>,
    /// The optional group chosen, when the target has groups.
    pub optional_group: Option<String>,
    pub credits_carried: u32,
    pub credits_to_take: u32,
    /// Total qualification time still to do: credits x 10 hours.
    pub hours_to_take: u32,
    /// Guided learning hours still to do, where the sources allow a figure.
    pub glh_to_take: Option<u32>,
    /// `glh_to_take` is the figure a source states for the whole
    /// qualification rather than a sum of units' hours.
    pub glh_stated: bool,
    pub practice_hours_to_take: u32,
    /// The most clients any unit still to take asks for.
    pub min_clients: Option<u32>,
    /// The target's suggested time, scaled to the credits still to take.
    pub suggested_months: Option<MonthRange>,
    pub registration_months: Option<u32>,
    /// The target's listed price ex VAT (`None`: on request or not on sale).
    pub list_price: Option<Pence>,
    pub vat_percent: u32,
    /// What is due: ex VAT, VAT, inc VAT; `None` when on request.
    pub fee: Option<VatBreakdown>,
    /// The figures explained in plain words.
    pub notes: Vec<String>,
}

/// One figure of a course, as the upgrade views list them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figure {
    pub label: String,
    pub value: String,
    /// The amount the learner pays in all, for emphasis.
    pub total: bool,
}

impl Figure {
    fn new(label: impl Into<String>, value: impl Into<String>) -> Figure {
        Figure {
            label: label.into(),
            value: value.into(),
            total: false,
        }
    }
}

/// Why a course cannot be worked out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CourseError {
    UnknownQualification(String),
    UnknownUnit(String),
    /// The target is already held: nothing is left to take.
    AlreadyHeld(String),
    /// An older-edition qualification that nothing held leads to.
    NotOnSale(String),
    /// The rules of combination give no way through the units.
    NoRoute(String),
    /// A figure is too large to work out (a corrupt or hostile catalogue).
    TooLarge {
        qualification: String,
        figure: &'static str,
    },
}

impl fmt::Display for CourseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CourseError::UnknownQualification(id) => {
                write!(f, "`{id}` is not a qualification in the catalogue")
            }
            CourseError::UnknownUnit(code) => write!(f, "`{code}` is not a unit in the catalogue"),
            CourseError::AlreadyHeld(id) => {
                write!(f, "`{id}` is already held: nothing is left to take")
            }
            CourseError::NotOnSale(id) => write!(
                f,
                "`{id}` belongs to the older edition and is not on sale; only someone holding a qualification with an upgrade route to it can still finish it"
            ),
            CourseError::NoRoute(id) => write!(
                f,
                "the rules of combination of `{id}` give no way through its units"
            ),
            CourseError::TooLarge {
                qualification,
                figure,
            } => write!(
                f,
                "the {figure} of `{qualification}` are too large to work out; check the catalogue's figures"
            ),
        }
    }
}

impl std::error::Error for CourseError {}

/// Why a course cannot be paid for as asked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PayError {
    /// There is no price to schedule.
    OnRequest {
        qualification: String,
        kind: CourseKind,
    },
    Pricing(PricingError),
}

impl fmt::Display for PayError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PayError::OnRequest {
                qualification,
                kind: CourseKind::Upgrade,
            } => write!(
                f,
                "the fee for the upgrade to {qualification} is on request: there is nothing to schedule"
            ),
            PayError::OnRequest { qualification, .. } => write!(
                f,
                "{qualification} is price on request: there is nothing to schedule"
            ),
            PayError::Pricing(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for PayError {}

impl From<PricingError> for PayError {
    fn from(e: PricingError) -> PayError {
        PayError::Pricing(e)
    }
}

/// What is held, looked up once for any number of targets.
struct Held<'a> {
    holding: &'a Holding,
    qualifications: Vec<&'a Qualification>,
    /// Primary codes of every unit known to be held.
    units: HashSet<&'a str>,
    /// Held qualifications of which only the mandatory units are known.
    mandatory_only: Vec<&'a str>,
}

impl<'a> Held<'a> {
    fn new(c: &'a Catalogue, holding: &'a Holding) -> Result<Held<'a>, CourseError> {
        let qualifications = holding
            .qualifications
            .iter()
            .map(|id| {
                c.qualification(id)
                    .ok_or_else(|| CourseError::UnknownQualification(id.clone()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut units = HashSet::new();
        let mut mandatory_only = Vec::new();
        for q in &qualifications {
            let (held, all) = units_held_from(c, q);
            units.extend(held.into_iter().map(|u| u.code.as_str()));
            if !all {
                mandatory_only.push(q.id.as_str());
            }
        }
        for code in &holding.units {
            let u = c
                .unit(code)
                .ok_or_else(|| CourseError::UnknownUnit(code.clone()))?;
            units.insert(u.code.as_str());
        }
        Ok(Held {
            holding,
            qualifications,
            units,
            mandatory_only,
        })
    }

    fn holds(&self, id: &str) -> bool {
        self.qualifications.iter().any(|q| q.id == id)
    }
}

/// The units a completed qualification is known to include: all of them
/// when it has a single route, else only its mandatory units (and `false`).
fn units_held_from<'a>(c: &'a Catalogue, q: &'a Qualification) -> (Vec<&'a Unit>, bool) {
    let routes = q.routes(c);
    if routes.len() == 1 {
        let units = routes.into_iter().next().map_or_else(Vec::new, |r| r.units);
        (units, true)
    } else {
        let mandatory = q
            .rules
            .mandatory
            .iter()
            .filter_map(|code| c.unit(code))
            .collect();
        (mandatory, false)
    }
}

impl Course {
    /// The course for `target` given `holding` (`Holding::none()` for the
    /// whole qualification).
    pub fn new(c: &Catalogue, target: &str, holding: &Holding) -> Result<Course, CourseError> {
        let held = Held::new(c, holding)?;
        Course::for_held(c, target, &held)
    }

    fn for_held(c: &Catalogue, target: &str, held: &Held) -> Result<Course, CourseError> {
        let to = c
            .qualification(target)
            .ok_or_else(|| CourseError::UnknownQualification(target.to_string()))?;
        if held.holds(&to.id) {
            return Err(CourseError::AlreadyHeld(to.id.clone()));
        }
        let too_large = |figure: &'static str| CourseError::TooLarge {
            qualification: to.id.clone(),
            figure,
        };
        let units = Units::work_out(c, to, &held.units).map_err(|e| match e {
            UnitsError::NoRoute => CourseError::NoRoute(to.id.clone()),
            UnitsError::TooLarge(figure) => too_large(figure),
        })?;
        let basis = basis(c, to, held)?;
        let vat = c.vat_rate();
        let fee_ex_vat = match &basis {
            Basis::Balance {
                held_price,
                target_price,
                ..
            } => Some(
                target_price
                    .0
                    .checked_sub(held_price.0)
                    .map(Pence)
                    .ok_or_else(|| too_large("prices"))?,
            ),
            Basis::OlderUpgradeRoute { .. } | Basis::PriceOnRequest => None,
            _ => to.price.as_ref().map(|p| p.value),
        };
        let fee = fee_ex_vat
            .map(|ex| vat.breakdown(ex).ok_or_else(|| too_large("prices")))
            .transpose()?;
        let hours_to_take = units
            .credits_to_take
            .checked_mul(HOURS_PER_CREDIT)
            .ok_or_else(|| too_large("credits"))?;
        let whole = units.units_carried.is_empty();
        let (glh_to_take, glh_stated) = match (&to.stated_glh, whole) {
            (Some(stated), true) => (Some(stated.value), true),
            _ => (units.glh_to_take, false),
        };
        // Nothing left to take has no time to suggest.
        let suggested_months = to
            .target_months
            .as_ref()
            .filter(|_| units.credits_to_take > 0)
            .map(|t| scale_months(t.value, units.credits_to_take, to.credits.value, whole))
            .transpose()
            .map_err(|()| too_large("months"))?;
        let mut course = Course {
            qualification: to.id.clone(),
            title: to.title.clone(),
            holding: held.holding.clone(),
            kind: basis.kind(),
            from: basis.from().map(str::to_string),
            basis,
            units_carried: units.units_carried,
            units_to_take: units.units_to_take,
            optional_group: units.group,
            credits_carried: units.credits_carried,
            credits_to_take: units.credits_to_take,
            hours_to_take,
            glh_to_take,
            glh_stated,
            practice_hours_to_take: units.practice_hours_to_take,
            min_clients: units.min_clients,
            suggested_months,
            registration_months: to.registration_months.as_ref().map(|r| r.value),
            list_price: to.price.as_ref().map(|p| p.value),
            vat_percent: vat.percent,
            fee,
            notes: Vec::new(),
        };
        course.notes = course.explain(to, held);
        Ok(course)
    }

    /// The notes: the basis of the fee, what the held units are worth here,
    /// and how the suggested time was scaled.
    fn explain(&self, to: &Qualification, held: &Held) -> Vec<String> {
        let mut notes: Vec<String> = self.basis.note(to).into_iter().collect();
        if !held.holding.is_empty() {
            if self.units_to_take.is_empty() {
                notes.push(format!(
                    "Every unit {} needs is already held: nothing is left to take",
                    to.id
                ));
            } else if let (None, Some(units)) = (self.carried(), self.to_take()) {
                notes.push(format!(
                    "None of the units held count towards {}, so all of its units are still to take: {units}",
                    to.id,
                ));
            }
        }
        for id in &held.mandatory_only {
            notes.push(format!(
                "Only the mandatory units of {id} are counted as held; optional units held can be added as single units"
            ));
        }
        if let (Some(m), Some(t)) = (self.suggested_months, &to.target_months)
            && !self.units_carried.is_empty()
        {
            notes.push(format!(
                "Suggested time for the rest: {m}, the {} suggested for {} scaled to the {} of its {} credits still to take",
                t.value, to.id, self.credits_to_take, to.credits.value
            ));
        }
        notes
    }

    /// "5017 (29 credits)"; `None` when nothing is left to take.
    pub fn to_take(&self) -> Option<String> {
        units_and_credits(&self.units_to_take, self.credits_to_take)
    }

    /// "5015, 5018 (8 credits)"; `None` when no unit held counts.
    pub fn carried(&self) -> Option<String> {
        units_and_credits(&self.units_carried, self.credits_carried)
    }

    /// The course's figures, in the order the upgrade views list them.
    pub fn figures(&self) -> Vec<Figure> {
        let none = || "none".to_string();
        let mut rows = vec![
            Figure::new("Units carried over", self.carried().unwrap_or_else(none)),
            Figure::new("Units to take", self.to_take().unwrap_or_else(none)),
        ];
        if let Some(g) = &self.optional_group {
            rows.push(Figure::new("Optional group", g.clone()));
        }
        let glh = match (self.glh_to_take, self.glh_stated) {
            (Some(g), true) => format!("{g} hours (stated)"),
            (Some(g), false) => format!("{g} hours"),
            (None, _) => "not stated".to_string(),
        };
        rows.push(Figure::new("Guided learning to do", glh));
        let clients = self.min_clients.map_or(String::new(), |n| {
            format!(", at least {n} client{}", if n == 1 { "" } else { "s" })
        });
        rows.push(Figure::new(
            "Practice still needed",
            format!("{} hours{clients}", self.practice_hours_to_take),
        ));
        match self.fee {
            Some(f) => {
                rows.push(Figure::new("Fee ex VAT", f.ex_vat.to_string()));
                rows.push(Figure::new(
                    format!("VAT ({}%)", self.vat_percent),
                    f.vat.to_string(),
                ));
                rows.push(Figure {
                    total: true,
                    ..Figure::new("Fee inc VAT", f.inc_vat.to_string())
                });
            }
            None => rows.push(Figure::new("Fee", "on request")),
        }
        rows.push(Figure::new(
            if self.units_carried.is_empty() {
                "Suggested time"
            } else {
                "Time for the rest"
            },
            self.suggested_months.map_or("-".into(), |m| m.to_string()),
        ));
        rows
    }

    /// The course in one line: what kind it is, what is left, what is due.
    pub fn summary(&self) -> String {
        let what = match (&self.basis, self.from.as_deref()) {
            (Basis::Balance { .. }, Some(from)) => format!("Top-up from {from}"),
            (Basis::OlderUpgradeRoute { .. }, Some(from)) => format!("Upgrade from {from}"),
            (Basis::HeldElsewhere { from }, _) => {
                format!("Full price, {from} held elsewhere")
            }
            (Basis::NotDearer { from, .. }, _) => {
                format!("Full price, no balance over {from}")
            }
            (Basis::HeldNotPriced { from }, _) | (Basis::NoUnitCarries { from }, _) => {
                format!("Full price, no top-up from {from}")
            }
            (Basis::OtherLevel { level }, _) => {
                format!("Full price, nothing held at Level {level}")
            }
            _ => "New registration".to_string(),
        };
        let n = self.units_to_take.len();
        let take = match self.to_take() {
            None => "nothing left to take".to_string(),
            Some(_) if self.holding.is_empty() => format!(
                "all {n} unit{} ({} credits)",
                if n == 1 { "" } else { "s" },
                self.credits_to_take
            ),
            Some(units) => format!("take {units}"),
        };
        let due = self.fee.map_or("fee on request".to_string(), |f| {
            format!("{} + VAT", f.ex_vat)
        });
        format!("{what}: {take}; {due}")
    }

    /// Dates and weekly hours for the course from `start`; an error only
    /// for dates past the calendar's end.
    pub fn timeline(
        &self,
        start: NaiveDate,
        hours_per_week: Option<super::HoursPerWeek>,
        target_date: Option<NaiveDate>,
    ) -> Result<Timeline, Overflow> {
        timeline(
            start,
            self.hours_to_take,
            self.practice_hours_to_take,
            self.suggested_months,
            self.registration_months,
            hours_per_week,
            target_date,
        )
    }

    /// When the course is expected to end: the end of its suggested time.
    pub fn expected_completion(&self, start: NaiveDate) -> Option<NaiveDate> {
        self.suggested_months.and_then(|m| add_months(start, m.max))
    }

    /// The payments for the fee from `start`: in full, or by instalments
    /// on the given terms.
    pub fn payments(
        &self,
        instalments: Option<&InstalmentTerms>,
        start: NaiveDate,
    ) -> Result<PaymentPlan, PayError> {
        let vat = VatRate {
            percent: self.vat_percent,
        };
        let price = self.fee.map(|f| f.ex_vat).ok_or(PayError::OnRequest {
            qualification: self.qualification.clone(),
            kind: self.kind,
        })?;
        Ok(match instalments {
            Some(terms) => {
                pay_by_instalments(vat, terms, price, start, self.expected_completion(start))?
            }
            None => pay_in_full(vat, price, start)?,
        })
    }
}

/// "5015, 5018 (8 credits)"; `None` for no units.
fn units_and_credits(codes: &[String], credits: u32) -> Option<String> {
    (!codes.is_empty()).then(|| format!("{} ({credits} credits)", codes.join(", ")))
}

/// The suggested time scaled to the credits still to take (at least a
/// month); the whole time when nothing carries over.
fn scale_months(t: MonthRange, to_take: u32, total: u32, whole: bool) -> Result<MonthRange, ()> {
    if whole || total == 0 {
        return Ok(t);
    }
    let scale = |months: u32| -> Result<u32, ()> {
        let scaled = (u64::from(months) * u64::from(to_take)).div_ceil(u64::from(total));
        u32::try_from(scaled.max(1)).map_err(|_| ())
    };
    Ok(MonthRange {
        min: scale(t.min)?,
        max: scale(t.max)?,
    })
}

/// Which fee applies: the one home of the provider's top-up rule.
fn basis(c: &Catalogue, to: &Qualification, held: &Held) -> Result<Basis, CourseError> {
    if to.edition == Edition::Older {
        // The suite overview's upgrade routes are the only way to an older
        // qualification now.
        return held
            .qualifications
            .iter()
            .find(|q| q.upgrades.iter().any(|u| u.to == to.id))
            .map(|q| Basis::OlderUpgradeRoute { from: q.id.clone() })
            .ok_or_else(|| CourseError::NotOnSale(to.id.clone()));
    }
    let Some(target_price) = to.price.as_ref().map(|p| p.value) else {
        return Ok(Basis::PriceOnRequest);
    };
    let same_level: Vec<&Qualification> = held
        .qualifications
        .iter()
        .copied()
        .filter(|q| q.level == to.level)
        .collect();
    if same_level.is_empty() {
        return Ok(if held.qualifications.is_empty() {
            Basis::FullPrice
        } else {
            Basis::OtherLevel { level: to.level }
        });
    }
    if !held.holding.with_provider {
        let from = same_level
            .iter()
            .find(|q| carries(c, q, to))
            .unwrap_or(&same_level[0]);
        return Ok(Basis::HeldElsewhere {
            from: from.id.clone(),
        });
    }
    let reading = c.pricing.top_up.reading;
    let options: Vec<Basis> = same_level
        .iter()
        .map(|q| match q.price.as_ref().map(|p| p.value) {
            None => Basis::HeldNotPriced { from: q.id.clone() },
            Some(held_price) if target_price <= held_price => Basis::NotDearer {
                from: q.id.clone(),
                held_price,
                target_price,
            },
            Some(_) if reading == TopUpReading::UnitsCarryOver && !carries(c, q, to) => {
                Basis::NoUnitCarries { from: q.id.clone() }
            }
            Some(held_price) => Basis::Balance {
                from: q.id.clone(),
                held_price,
                target_price,
            },
        })
        .collect();
    // The lowest balance is the one the learner pays: the dearest held
    // qualification counts. Otherwise say why the first one does not.
    let best = options
        .iter()
        .filter_map(|b| match b {
            Basis::Balance { held_price, .. } => Some((held_price, b)),
            _ => None,
        })
        .min_by_key(|(held_price, _)| std::cmp::Reverse(**held_price))
        .map(|(_, b)| b);
    Ok(best.unwrap_or(&options[0]).clone())
}

/// Whether any unit of `from` counts towards `to`.
fn carries(c: &Catalogue, from: &Qualification, to: &Qualification) -> bool {
    let theirs: HashSet<&str> = units_held_from(c, from)
        .0
        .into_iter()
        .map(|u| u.code.as_str())
        .collect();
    to.unit_codes()
        .filter_map(|code| c.unit(code))
        .any(|u| theirs.contains(u.code.as_str()))
}

/// The unit-by-unit part of a course.
struct Units {
    group: Option<String>,
    units_carried: Vec<String>,
    units_to_take: Vec<String>,
    credits_carried: u32,
    credits_to_take: u32,
    glh_to_take: Option<u32>,
    practice_hours_to_take: u32,
    min_clients: Option<u32>,
}

enum UnitsError {
    NoRoute,
    TooLarge(&'static str),
}

/// Checked sums of a figure over units; `None` on overflow.
fn total(units: &[&Unit], figure: impl Fn(&Unit) -> u32) -> Option<u32> {
    units
        .iter()
        .try_fold(0u32, |sum, u| sum.checked_add(figure(u)))
}

impl Units {
    /// Through the target's route that leaves least to do (fewest credits,
    /// then least practice), with the held units counted.
    fn work_out(
        c: &Catalogue,
        to: &Qualification,
        held: &HashSet<&str>,
    ) -> Result<Units, UnitsError> {
        let credits = |u: &Unit| u.credits.value;
        let practice = |u: &Unit| u.practice_hours();
        let mut best: Option<(u32, u32, Route)> = None;
        for route in to.routes(c) {
            let left: Vec<&Unit> = route
                .units
                .iter()
                .copied()
                .filter(|u| !held.contains(u.code.as_str()))
                .collect();
            let need = (
                total(&left, credits).ok_or(UnitsError::TooLarge("credits"))?,
                total(&left, practice).ok_or(UnitsError::TooLarge("practice hours"))?,
            );
            if best
                .as_ref()
                .is_none_or(|(fewest, least, _)| need < (*fewest, *least))
            {
                best = Some((need.0, need.1, route));
            }
        }
        let (credits_to_take, practice_hours_to_take, route) = best.ok_or(UnitsError::NoRoute)?;
        let (carried, to_take): (Vec<&Unit>, Vec<&Unit>) = route
            .units
            .iter()
            .copied()
            .partition(|u| held.contains(u.code.as_str()));
        let code_in_target = |u: &&Unit| -> String {
            to.unit_codes()
                .find(|code| u.has_code(code))
                .unwrap_or(&u.code)
                .to_string()
        };
        let glh_to_take = to_take
            .iter()
            .map(|u| u.glh.as_ref().map(|g| g.value))
            .try_fold(0u32, |sum, g| sum.checked_add(g?));
        Ok(Units {
            group: route.group.map(str::to_string),
            units_carried: carried.iter().map(code_in_target).collect(),
            units_to_take: to_take.iter().map(code_in_target).collect(),
            credits_carried: total(&carried, credits).ok_or(UnitsError::TooLarge("credits"))?,
            credits_to_take,
            glh_to_take,
            practice_hours_to_take,
            min_clients: to_take.iter().filter_map(|u| u.min_clients()).max(),
        })
    }
}

/// Every further qualification open to someone holding `holding`, cheapest
/// first (a fee on request last): each top-up and older-edition upgrade
/// route, and each larger qualification at the same level that the held
/// units count towards.
pub fn all_upgrades(c: &Catalogue, holding: &Holding) -> Result<Vec<Course>, CourseError> {
    let held = Held::new(c, holding)?;
    let mut courses = Vec::new();
    for to in &c.qualifications {
        let Some(smallest_held) = held
            .qualifications
            .iter()
            .filter(|q| q.level == to.level && q.id != to.id)
            .map(|q| q.credits.value)
            .min()
        else {
            continue;
        };
        if held.holds(&to.id) {
            continue;
        }
        let course = match Course::for_held(c, &to.id, &held) {
            Ok(course) => course,
            Err(CourseError::NotOnSale(_) | CourseError::NoRoute(_)) => continue,
            Err(e) => return Err(e),
        };
        let open = match course.kind {
            CourseKind::TopUp | CourseKind::Upgrade => true,
            CourseKind::NewRegistration => {
                course.credits_carried > 0 && to.credits.value > smallest_held
            }
        };
        if open {
            courses.push(course);
        }
    }
    courses.sort_by(cheapest_first);
    Ok(courses)
}

fn cheapest_first(a: &Course, b: &Course) -> std::cmp::Ordering {
    let fee = |x: &Course| x.fee.map_or(i64::MAX, |f| f.ex_vat.0);
    fee(a)
        .cmp(&fee(b))
        .then(a.credits_to_take.cmp(&b.credits_to_take))
        .then(a.qualification.cmp(&b.qualification))
}

/// In JSON (docs/cli.md, docs/schema/common.schema.json): every figure
/// flat, money as integer pence beside the same amount formatted, the same
/// object in `upgrade`, `plan`, `pay` and the quote.
impl Serialize for Course {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let fee = |part: fn(&VatBreakdown) -> Pence| self.fee.as_ref().map(part);
        let mut st = s.serialize_struct("Course", 29)?;
        st.serialize_field("qualification", &self.qualification)?;
        st.serialize_field("title", &self.title)?;
        st.serialize_field("holding", &self.holding)?;
        st.serialize_field("kind", &self.kind)?;
        st.serialize_field("from_qualification", &self.from)?;
        st.serialize_field("units_carried", &self.units_carried)?;
        st.serialize_field("units_to_take", &self.units_to_take)?;
        st.serialize_field("optional_group", &self.optional_group)?;
        st.serialize_field("credits_carried", &self.credits_carried)?;
        st.serialize_field("credits_to_take", &self.credits_to_take)?;
        st.serialize_field("hours_to_take", &self.hours_to_take)?;
        st.serialize_field("glh_to_take", &self.glh_to_take)?;
        st.serialize_field("glh_stated", &self.glh_stated)?;
        st.serialize_field("practice_hours_to_take", &self.practice_hours_to_take)?;
        st.serialize_field("min_clients", &self.min_clients)?;
        st.serialize_field(
            "suggested_months_min",
            &self.suggested_months.map(|m| m.min),
        )?;
        st.serialize_field(
            "suggested_months_max",
            &self.suggested_months.map(|m| m.max),
        )?;
        st.serialize_field("registration_months", &self.registration_months)?;
        let money = [
            (
                "list_price_ex_vat_pence",
                "list_price_ex_vat",
                self.list_price,
            ),
            ("fee_ex_vat_pence", "fee_ex_vat", fee(|f| f.ex_vat)),
            ("vat_pence", "vat", fee(|f| f.vat)),
            ("fee_inc_vat_pence", "fee_inc_vat", fee(|f| f.inc_vat)),
        ];
        for (pence, formatted, amount) in money {
            crate::money::serialize_amount(&mut st, pence, formatted, amount)?;
        }
        st.serialize_field("vat_percent", &self.vat_percent)?;
        st.serialize_field("notes", &self.notes)?;
        st.end()
    }
}
