//! Figures computed from units rather than typed twice: a qualification's
//! routes through its units, and the credits, guided learning hours and
//! practice each route needs.

use super::{Catalogue, OptionalGroup, Qualification, Unit};
use std::fmt;

/// Largest optional group whose unit choices are enumerated; the validator
/// rejects bigger groups.
pub(crate) const MAX_GROUP_UNITS: usize = 16;

/// One way through a qualification: every mandatory unit plus a minimal
/// choice of units from one optional group.
#[derive(Clone, Debug)]
pub struct Route<'a> {
    /// The optional group this route completes, if the qualification has any.
    pub group: Option<&'a str>,
    pub units: Vec<&'a Unit>,
}

impl Route<'_> {
    pub fn credits(&self) -> u32 {
        super::total(self.units.iter().map(|u| u.credits.value))
    }

    /// Guided learning hours of the units, or `None` when a source gives no
    /// figure for one of them.
    pub fn glh(&self) -> Option<u32> {
        let hours: Option<Vec<u32>> = self
            .units
            .iter()
            .map(|u| u.glh.as_ref().map(|g| g.value))
            .collect();
        hours.map(super::total)
    }

    pub fn practice_hours(&self) -> u32 {
        super::total(self.units.iter().map(|u| u.practice_hours()))
    }

    /// The most clients any one unit asks for, where a source states one.
    pub fn min_clients(&self) -> Option<u32> {
        self.units.iter().filter_map(|u| u.min_clients()).max()
    }
}

/// The smallest and largest value of a figure across a qualification's
/// routes; equal when every route agrees.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range<T> {
    pub min: T,
    pub max: T,
}

/// Guided learning hours of a whole qualification, and where they come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Glh {
    pub hours: Range<u32>,
    /// As a source states them for the whole qualification (`stated_glh`),
    /// rather than the sum of its units' hours.
    pub stated: bool,
}

/// "45", "36-40"; a stated figure is marked "45*" (see `STATED_MARK`).
impl fmt::Display for Glh {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mark = if self.stated { STATED_MARK } else { "" };
        f.pad(&format!("{}{mark}", self.hours))
    }
}

/// Marks a figure stated by a source for the whole qualification.
pub const STATED_MARK: &str = "*";

impl<T: Copy + Ord> Range<T> {
    fn over(values: impl IntoIterator<Item = T>) -> Option<Range<T>> {
        values.into_iter().fold(None, |acc, v| {
            Some(match acc {
                None => Range { min: v, max: v },
                Some(r) => Range {
                    min: r.min.min(v),
                    max: r.max.max(v),
                },
            })
        })
    }
}

impl<T: fmt::Display + PartialEq> fmt::Display for Range<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = if self.min == self.max {
            self.min.to_string()
        } else {
            format!("{}-{}", self.min, self.max)
        };
        f.pad(&text)
    }
}

impl Qualification {
    /// Every unit code the rules of combination name, mandatory first.
    pub fn unit_codes(&self) -> impl Iterator<Item = &str> {
        self.rules.mandatory.iter().map(String::as_str).chain(
            self.rules
                .optional_groups
                .iter()
                .flat_map(|g| g.units.iter().map(String::as_str)),
        )
    }

    /// The routes through the units; codes that do not resolve are skipped
    /// (the validator reports them).
    pub fn routes<'a>(&'a self, catalogue: &'a Catalogue) -> Vec<Route<'a>> {
        let mandatory: Vec<&Unit> = resolve(catalogue, &self.rules.mandatory);
        if self.rules.optional_groups.is_empty() {
            return vec![Route {
                group: None,
                units: mandatory,
            }];
        }
        let mut routes = Vec::new();
        for group in &self.rules.optional_groups {
            for choice in minimal_choices(catalogue, group) {
                let mut units = mandatory.clone();
                units.extend(choice);
                routes.push(Route {
                    group: Some(group.name.as_str()),
                    units,
                });
            }
        }
        routes
    }

    /// The qualification's guided learning hours as qualplan shows them
    /// everywhere: the figure a source states for the whole qualification
    /// where there is one (it may count induction and tutorials too), else
    /// the sum of the units' hours across routes, else `None`.
    pub fn glh(&self, catalogue: &Catalogue) -> Option<Glh> {
        match &self.stated_glh {
            Some(s) => Some(Glh {
                hours: Range {
                    min: s.value,
                    max: s.value,
                },
                stated: true,
            }),
            None => self.glh_range(catalogue).map(|hours| Glh {
                hours,
                stated: false,
            }),
        }
    }

    /// Guided learning hours of the units across routes, when every unit has
    /// a figure.
    pub fn glh_range(&self, catalogue: &Catalogue) -> Option<Range<u32>> {
        let routes = self.routes(catalogue);
        let hours: Option<Vec<u32>> = routes.iter().map(Route::glh).collect();
        Range::over(hours?)
    }

    pub fn practice_hours_range(&self, catalogue: &Catalogue) -> Range<u32> {
        Range::over(self.routes(catalogue).iter().map(Route::practice_hours))
            .unwrap_or(Range { min: 0, max: 0 })
    }

    /// Minimum number of clients across routes, where the sources state one.
    pub fn min_clients_range(&self, catalogue: &Catalogue) -> Option<Range<u32>> {
        let clients: Option<Vec<u32>> = self
            .routes(catalogue)
            .iter()
            .map(Route::min_clients)
            .collect();
        Range::over(clients?)
    }
}

fn resolve<'a>(catalogue: &'a Catalogue, codes: &[String]) -> Vec<&'a Unit> {
    codes.iter().filter_map(|c| catalogue.unit(c)).collect()
}

/// Choices of units from a group that reach its credits and from which no
/// unit could be dropped.
fn minimal_choices<'a>(catalogue: &'a Catalogue, group: &OptionalGroup) -> Vec<Vec<&'a Unit>> {
    let units = resolve(catalogue, &group.units);
    if units.len() > MAX_GROUP_UNITS {
        return Vec::new();
    }
    let credits_of = |mask: u32| -> u32 {
        super::total(
            (0..units.len())
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| units[i].credits.value),
        )
    };
    let mut choices = Vec::new();
    for mask in 1u32..(1 << units.len()) {
        let credits = credits_of(mask);
        let reaches = credits >= group.min_credits;
        let minimal = (0..units.len())
            .filter(|i| mask & (1 << i) != 0)
            .all(|i| credits.saturating_sub(units[i].credits.value) < group.min_credits);
        if reaches && minimal {
            choices.push(
                (0..units.len())
                    .filter(|i| mask & (1 << i) != 0)
                    .map(|i| units[i])
                    .collect(),
            );
        }
    }
    choices
}
