//! Upgrades (top-ups): from what a learner holds to a larger qualification
//! at the same level, unit by unit, with the fee and the time for the rest.

use crate::catalogue::{Catalogue, Edition, MonthRange, Qualification, Route, Unit};
use crate::money::{Pence, VatBreakdown};
use crate::pricing::top_up_balance;
use serde::Serialize;
use std::collections::HashSet;
use std::fmt;

/// What the learner already holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Holding {
    /// Qualification ids.
    pub qualifications: Vec<String>,
    /// Single units held on their own (any of their codes).
    pub units: Vec<String>,
    /// Whether the qualifications were completed with this provider, which
    /// makes a further one at the same level a top-up at the balance fee.
    pub with_provider: bool,
}

impl Holding {
    /// One qualification held, nothing else.
    pub fn one(id: &str, with_provider: bool) -> Holding {
        Holding {
            qualifications: vec![id.to_string()],
            units: Vec::new(),
            with_provider,
        }
    }
}

/// Top-up (balance fee) or a new registration (full price).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum UpgradeKind {
    TopUp,
    NewRegistration,
}

impl fmt::Display for UpgradeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            UpgradeKind::TopUp => "top-up",
            UpgradeKind::NewRegistration => "new registration",
        })
    }
}

/// One upgrade, worked out unit by unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UpgradePlan {
    /// The held qualification the upgrade starts from.
    pub from: String,
    pub to: String,
    pub kind: UpgradeKind,
    /// Units that count towards the target, in the target's own codes.
    pub units_carried: Vec<String>,
    pub units_to_take: Vec<String>,
    /// The optional group chosen, when the target has groups.
    pub group: Option<String>,
    pub credits_carried: u32,
    pub credits_to_take: u32,
    /// Guided learning hours still to do, where every unit has a figure.
    pub glh_to_take: Option<u32>,
    pub practice_hours_to_take: u32,
    pub min_clients: Option<u32>,
    /// The fee ex VAT, VAT and inc VAT; `None` when the price is on request.
    pub fee: Option<VatBreakdown>,
    /// The target's suggested time scaled to the credits still to take.
    pub suggested_months: Option<MonthRange>,
    /// Plain-words explanation of the figures.
    pub notes: Vec<String>,
}

/// Why an upgrade cannot be planned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UpgradeError {
    NothingHeld,
    UnknownQualification(String),
    UnknownUnit(String),
    AlreadyHeld(String),
    NotOnSale(String),
    DifferentLevel {
        from: String,
        from_level: u8,
        to: String,
        to_level: u8,
    },
    Downgrade {
        from: String,
        from_credits: u32,
        to: String,
        to_credits: u32,
    },
    NothingCarries {
        from: String,
        to: String,
    },
}

impl fmt::Display for UpgradeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UpgradeError::NothingHeld => {
                write!(f, "say what the learner holds: --from QUALIFICATION")
            }
            UpgradeError::UnknownQualification(id) => {
                write!(f, "`{id}` is not a qualification in the catalogue")
            }
            UpgradeError::UnknownUnit(code) => write!(f, "`{code}` is not a unit in the catalogue"),
            UpgradeError::AlreadyHeld(id) => {
                write!(f, "`{id}` is already held: there is nothing to upgrade to")
            }
            UpgradeError::NotOnSale(id) => write!(
                f,
                "`{id}` belongs to the older edition and is not on sale; choose a current qualification"
            ),
            UpgradeError::DifferentLevel {
                from,
                from_level,
                to,
                to_level,
            } => write!(
                f,
                "`{from}` is Level {from_level} and `{to}` is Level {to_level}: an upgrade stays at the same level; `qualplan plan --qualification {to}` plans it as a new qualification"
            ),
            UpgradeError::Downgrade {
                from,
                from_credits,
                to,
                to_credits,
            } => write!(
                f,
                "`{to}` ({to_credits} credits) is not larger than `{from}` ({from_credits} credits): that would be a downgrade"
            ),
            UpgradeError::NothingCarries { from, to } => write!(
                f,
                "no unit of `{from}` counts towards `{to}`, so there is no upgrade route; it would be a new registration at the full price"
            ),
        }
    }
}

impl std::error::Error for UpgradeError {}

/// The best upgrade from anything held to `to`: the held qualification that
/// gives the lowest fee (then the least left to do).
pub fn plan_upgrade(
    c: &Catalogue,
    holding: &Holding,
    to: &str,
) -> Result<UpgradePlan, UpgradeError> {
    let held = held_qualifications(c, holding)?;
    plan_from(c, holding, &held, &held_units(c, holding), to)
}

/// `plan_upgrade` with what the learner holds already looked up, so that
/// planning many targets looks it up once.
fn plan_from(
    c: &Catalogue,
    holding: &Holding,
    held: &[&Qualification],
    held_units: &HashSet<&str>,
    to: &str,
) -> Result<UpgradePlan, UpgradeError> {
    let target = c
        .qualification(to)
        .ok_or_else(|| UpgradeError::UnknownQualification(to.to_string()))?;
    if held.iter().any(|q| q.id == target.id) {
        return Err(UpgradeError::AlreadyHeld(target.id.clone()));
    }
    if !target.is_on_sale() && held.iter().all(|q| q.edition == Edition::Current) {
        return Err(UpgradeError::NotOnSale(target.id.clone()));
    }
    let mut first_error = None;
    let mut plans = Vec::new();
    for from in held {
        match check_route(c, from, target, held_units) {
            Ok(()) => plans.push(work_out(c, holding, held_units, from, target)),
            Err(e) => {
                first_error.get_or_insert(e);
            }
        }
    }
    plans.sort_by(cheapest_first);
    plans
        .into_iter()
        .next()
        .ok_or_else(|| first_error.expect("at least one held qualification"))
}

/// Every upgrade open to the learner, cheapest first (price on request last).
pub fn all_upgrades(c: &Catalogue, holding: &Holding) -> Result<Vec<UpgradePlan>, UpgradeError> {
    let held = held_qualifications(c, holding)?;
    let held_ids: HashSet<&str> = held.iter().map(|q| q.id.as_str()).collect();
    let mut targets: Vec<&str> = held
        .iter()
        .flat_map(|q| q.upgrades.iter().map(|u| u.to.as_str()))
        .filter(|id| !held_ids.contains(id))
        .collect();
    targets.sort_unstable();
    targets.dedup();
    let units = held_units(c, holding);
    let mut plans: Vec<UpgradePlan> = targets
        .into_iter()
        .filter_map(|to| plan_from(c, holding, &held, &units, to).ok())
        .collect();
    plans.sort_by(cheapest_first);
    Ok(plans)
}

fn cheapest_first(a: &UpgradePlan, b: &UpgradePlan) -> std::cmp::Ordering {
    let fee = |p: &UpgradePlan| p.fee.map_or(i64::MAX, |f| f.ex_vat.0);
    fee(a)
        .cmp(&fee(b))
        .then(a.credits_to_take.cmp(&b.credits_to_take))
        .then(a.to.cmp(&b.to))
}

fn held_qualifications<'a>(
    c: &'a Catalogue,
    holding: &Holding,
) -> Result<Vec<&'a Qualification>, UpgradeError> {
    if holding.qualifications.is_empty() {
        return Err(UpgradeError::NothingHeld);
    }
    for code in &holding.units {
        c.unit(code)
            .ok_or_else(|| UpgradeError::UnknownUnit(code.clone()))?;
    }
    holding
        .qualifications
        .iter()
        .map(|id| {
            c.qualification(id)
                .ok_or_else(|| UpgradeError::UnknownQualification(id.clone()))
        })
        .collect()
}

/// A route is open when it stays at the same level, grows, and carries at
/// least one unit; the catalogue's upgrade routes are exactly those.
fn check_route(
    c: &Catalogue,
    from: &Qualification,
    to: &Qualification,
    held: &HashSet<&str>,
) -> Result<(), UpgradeError> {
    if from.level != to.level {
        return Err(UpgradeError::DifferentLevel {
            from: from.id.clone(),
            from_level: from.level,
            to: to.id.clone(),
            to_level: to.level,
        });
    }
    if to.credits.value <= from.credits.value {
        return Err(UpgradeError::Downgrade {
            from: from.id.clone(),
            from_credits: from.credits.value,
            to: to.id.clone(),
            to_credits: to.credits.value,
        });
    }
    if !to
        .unit_codes()
        .filter_map(|code| c.unit(code))
        .any(|u| held.contains(u.code.as_str()))
    {
        return Err(UpgradeError::NothingCarries {
            from: from.id.clone(),
            to: to.id.clone(),
        });
    }
    Ok(())
}

/// Units the learner is known to hold: for each held qualification its
/// mandatory units (all its units when it has a single route), and the
/// single units named. Units shared across streams count wherever they
/// appear.
fn held_units<'a>(c: &'a Catalogue, holding: &Holding) -> HashSet<&'a str> {
    let mut units = HashSet::new();
    for q in holding
        .qualifications
        .iter()
        .filter_map(|id| c.qualification(id))
    {
        let routes = q.routes(c);
        if routes.len() == 1 {
            units.extend(routes[0].units.iter().map(|u| u.code.as_str()));
        } else {
            units.extend(
                q.rules
                    .mandatory
                    .iter()
                    .filter_map(|code| c.unit(code))
                    .map(|u| u.code.as_str()),
            );
        }
    }
    units.extend(
        holding
            .units
            .iter()
            .filter_map(|code| c.unit(code))
            .map(|u| u.code.as_str()),
    );
    units
}

fn work_out<'a>(
    c: &'a Catalogue,
    holding: &Holding,
    held: &HashSet<&str>,
    from: &'a Qualification,
    to: &'a Qualification,
) -> UpgradePlan {
    let routes = to.routes(c);
    let remaining = |r: &Route<'a>| -> Vec<&'a Unit> {
        r.units
            .iter()
            .copied()
            .filter(|u| !held.contains(u.code.as_str()))
            .collect()
    };
    let credits = |units: &[&Unit]| -> u32 { units.iter().map(|u| u.credits.value).sum() };
    let practice = |units: &[&Unit]| -> u32 { units.iter().map(|u| u.practice_hours()).sum() };
    // The route that needs least: fewest credits, then least practice.
    let route = routes
        .iter()
        .min_by_key(|r| {
            let left = remaining(r);
            (credits(&left), practice(&left))
        })
        .expect("a valid qualification has a route");
    let to_take = remaining(route);
    let carried: Vec<&Unit> = route
        .units
        .iter()
        .copied()
        .filter(|u| held.contains(u.code.as_str()))
        .collect();
    let code_in_target = |u: &Unit| -> String {
        to.unit_codes()
            .find(|code| u.has_code(code))
            .unwrap_or(&u.code)
            .to_string()
    };
    let credits_to_take = credits(&to_take);
    let top_up = holding.with_provider
        && from.is_on_sale()
        && from.upgrades.iter().any(|u| u.to == to.id)
        && from.price.is_some()
        && to.price.is_some();
    let vat = c.vat_rate();
    let mut notes = Vec::new();
    let (kind, fee) = match (&from.price, &to.price) {
        (Some(held_price), Some(target_price)) if top_up => {
            let balance =
                top_up_balance(held_price.value, target_price.value).unwrap_or(Pence::ZERO);
            notes.push(format!(
                "Top-up: only the balance is due, {} ({}) less {} already paid for {}",
                target_price.value, to.id, held_price.value, from.id
            ));
            (UpgradeKind::TopUp, Some(vat.breakdown(balance)))
        }
        (_, Some(target_price)) => {
            notes.push(if !holding.with_provider {
                format!(
                    "New registration at the full price: {} was not completed with this provider",
                    from.id
                )
            } else {
                format!(
                    "New registration at the full price: {} is not one of {}'s top-up routes",
                    to.id, from.id
                )
            });
            (
                UpgradeKind::NewRegistration,
                Some(vat.breakdown(target_price.value)),
            )
        }
        (_, None) => {
            notes.push(format!("{} is price on request", to.id));
            (UpgradeKind::NewRegistration, None)
        }
    };
    for q in holding
        .qualifications
        .iter()
        .filter_map(|id| c.qualification(id))
    {
        if q.routes(c).len() > 1 {
            notes.push(format!(
                "Only the mandatory units of {} are counted as held; name any optional units held with --unit",
                q.id
            ));
        }
    }
    let glh_to_take: Option<u32> = to_take
        .iter()
        .map(|u| u.glh.as_ref().map(|g| g.value))
        .sum();
    let suggested_months = to.target_months.as_ref().map(|t| {
        let scale = |months: u32| (months * credits_to_take).div_ceil(to.credits.value).max(1);
        MonthRange {
            min: scale(t.value.min),
            max: scale(t.value.max),
        }
    });
    if let (Some(m), Some(t)) = (suggested_months, &to.target_months) {
        notes.push(format!(
            "Suggested time for the rest: {m}, the {} suggested for {} scaled to the {credits_to_take} of its {} credits still to take",
            t.value, to.id, to.credits.value
        ));
    }
    UpgradePlan {
        from: from.id.clone(),
        to: to.id.clone(),
        kind,
        units_carried: carried.iter().map(|u| code_in_target(u)).collect(),
        units_to_take: to_take.iter().map(|u| code_in_target(u)).collect(),
        group: route.group.map(str::to_string),
        credits_carried: credits(&carried),
        credits_to_take,
        glh_to_take,
        practice_hours_to_take: practice(&to_take),
        min_clients: to_take.iter().filter_map(|u| u.min_clients()).max(),
        fee,
        suggested_months,
        notes,
    }
}
