//! Turning what a person types ("l5-dip-cm", "5017", "level 5 diploma")
//! into the qualification or unit they mean.

use crate::catalogue::{Catalogue, Qualification, Unit};
use std::fmt;

/// What a name resolved to.
#[derive(Clone, Copy, Debug)]
pub enum Found<'a> {
    Qualification(&'a Qualification),
    Unit(&'a Unit),
}

/// A qualification or unit offered in an error: its id or code and title.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    pub name: String,
    pub title: String,
    /// Of the current edition (a qualification on sale, or one of its units).
    pub current: bool,
}

impl Suggestion {
    fn of_qualification(q: &Qualification) -> Suggestion {
        Suggestion {
            name: q.id.clone(),
            title: q.title.clone(),
            current: q.is_on_sale(),
        }
    }

    fn of_unit(u: &Unit) -> Suggestion {
        Suggestion {
            name: u.code.clone(),
            title: u.title.clone(),
            current: u.edition == crate::catalogue::Edition::Current,
        }
    }
}

/// "l5-dip-cm (ILM Level 5 Diploma in Coaching and Mentoring)".
impl fmt::Display for Suggestion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.name, self.title)
    }
}

/// Why a name did not resolve to exactly one thing of the kind wanted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResolveError {
    /// Nothing matches; `suggestions` are the closest names, those on
    /// sale first.
    NotFound {
        name: String,
        suggestions: Vec<Suggestion>,
    },
    Ambiguous {
        name: String,
        candidates: Vec<Suggestion>,
    },
    /// The name is a unit where a qualification is wanted.
    IsUnit { name: String, unit: Suggestion },
    /// The name is a qualification where a unit is wanted.
    IsQualification {
        name: String,
        qualification: Suggestion,
    },
    /// Longer than any name (`bounds::QUERY_CHARS`): matching it would
    /// take time quadratic in its length, for nothing.
    TooLong { chars: usize },
}

impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let list = |items: &[Suggestion]| {
            items
                .iter()
                .map(Suggestion::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            ResolveError::NotFound { name, suggestions } => {
                write!(f, "no qualification or unit matches `{name}`")?;
                if !suggestions.is_empty() {
                    write!(f, "; did you mean {}?", list(suggestions))?;
                }
                Ok(())
            }
            ResolveError::Ambiguous { name, candidates } => write!(
                f,
                "`{name}` could mean any of: {}; use one of these ids",
                list(candidates)
            ),
            ResolveError::IsUnit { name, unit } if unit.name == *name => {
                write!(
                    f,
                    "`{name}` is a unit ({}), not a qualification",
                    unit.title
                )
            }
            ResolveError::IsUnit { name, unit } => {
                write!(f, "`{name}` is the unit {unit}, not a qualification")
            }
            ResolveError::IsQualification {
                name,
                qualification: q,
            } if q.name == *name => {
                write!(f, "`{name}` is a qualification ({}), not a unit", q.title)
            }
            ResolveError::IsQualification {
                name,
                qualification,
            } => write!(
                f,
                "`{name}` is the qualification {qualification}, not a unit"
            ),
            ResolveError::TooLong { chars } => write!(
                f,
                "a name or query may be at most {} characters, and this one has {chars}",
                crate::bounds::QUERY_CHARS
            ),
        }
    }
}

impl std::error::Error for ResolveError {}

/// A name no longer than `bounds::QUERY_CHARS`.
pub fn check_length(name: &str) -> Result<(), ResolveError> {
    match name.chars().count() {
        chars if chars > crate::bounds::QUERY_CHARS => Err(ResolveError::TooLong { chars }),
        _ => Ok(()),
    }
}

/// Resolves a qualification by id, by title, or by words of its title
/// ("level 5 diploma"). Words that fit several qualifications pick the one
/// on sale if exactly one is; otherwise the name is ambiguous.
pub fn resolve_qualification<'a>(
    c: &'a Catalogue,
    name: &str,
) -> Result<&'a Qualification, ResolveError> {
    check_length(name)?;
    let key = name.trim().to_lowercase();
    if let Some(q) = c.qualifications.iter().find(|q| q.id == key) {
        return Ok(q);
    }
    if let Some(q) = c
        .qualifications
        .iter()
        .find(|q| q.title.to_lowercase() == key)
    {
        return Ok(q);
    }
    let words = words_of(&key);
    let matching: Vec<&Qualification> = c
        .qualifications
        .iter()
        .filter(|q| !words.is_empty() && words_match(&words, &haystack(q)))
        .collect();
    let on_sale: Vec<&Qualification> = matching
        .iter()
        .copied()
        .filter(|q| q.is_on_sale())
        .collect();
    match (matching.as_slice(), on_sale.as_slice()) {
        ([only], _) | (_, [only]) => Ok(only),
        ([], _) => match unit_by_code(c, name.trim()) {
            Some(u) => Err(ResolveError::IsUnit {
                name: name.to_string(),
                unit: Suggestion::of_unit(u),
            }),
            None => Err(ResolveError::NotFound {
                name: name.to_string(),
                suggestions: suggestions(c, &key, false),
            }),
        },
        (all, []) => Err(ambiguous(name, all)),
        (_, current) => Err(ambiguous(name, current)),
    }
}

/// Resolves a unit by any of its codes (in any case).
pub fn resolve_unit<'a>(c: &'a Catalogue, name: &str) -> Result<&'a Unit, ResolveError> {
    let key = name.trim();
    if let Some(u) = unit_by_code(c, key) {
        return Ok(u);
    }
    match resolve_qualification(c, name) {
        Ok(q) => Err(ResolveError::IsQualification {
            name: name.to_string(),
            qualification: Suggestion::of_qualification(q),
        }),
        Err(_) => Err(ResolveError::NotFound {
            name: name.to_string(),
            suggestions: unit_suggestions(c, &key.to_lowercase()),
        }),
    }
}

/// A unit by any of its codes, as typed or in capitals ("d5.04").
fn unit_by_code<'a>(c: &'a Catalogue, code: &str) -> Option<&'a Unit> {
    c.unit(code).or_else(|| c.unit(&code.to_uppercase()))
}

/// Resolves a qualification (as above) or a unit by any of its codes.
pub fn resolve<'a>(c: &'a Catalogue, name: &str) -> Result<Found<'a>, ResolveError> {
    check_length(name)?;
    let key = name.trim();
    if let Some(u) = unit_by_code(c, key)
        && c.qualification(&key.to_lowercase()).is_none()
    {
        return Ok(Found::Unit(u));
    }
    match resolve_qualification(c, name) {
        Ok(q) => Ok(Found::Qualification(q)),
        Err(ResolveError::NotFound { .. } | ResolveError::IsUnit { .. }) => {
            let lower = key.to_lowercase();
            let words = words_of(&lower);
            let units: Vec<&Unit> = c
                .units
                .iter()
                .filter(|u| !words.is_empty() && words_match(&words, &u.title.to_lowercase()))
                .collect();
            match units.as_slice() {
                [only] => Ok(Found::Unit(only)),
                [] => Err(ResolveError::NotFound {
                    name: name.to_string(),
                    suggestions: suggestions(c, &lower, true),
                }),
                many => Err(ResolveError::Ambiguous {
                    name: name.to_string(),
                    candidates: many.iter().copied().map(Suggestion::of_unit).collect(),
                }),
            }
        }
        Err(e) => Err(e),
    }
}

fn ambiguous(name: &str, qs: &[&Qualification]) -> ResolveError {
    ResolveError::Ambiguous {
        name: name.to_string(),
        candidates: qs
            .iter()
            .copied()
            .map(Suggestion::of_qualification)
            .collect(),
    }
}

fn haystack(q: &Qualification) -> String {
    format!("{} {} level {}", q.id, q.title, q.level).to_lowercase()
}

/// Lower-case words, with "l5" also read as "level 5" and common short
/// forms expanded.
fn words_of(key: &str) -> Vec<String> {
    key.split(|ch: char| ch.is_whitespace() || ch == '-')
        .filter(|w| !w.is_empty())
        .map(|w| match w {
            "cert" => "certificate".to_string(),
            "dip" => "diploma".to_string(),
            "cm" | "c&m" => "coaching".to_string(),
            w if w.len() == 2
                && w.starts_with('l')
                && w[1..].chars().all(|c| c.is_ascii_digit()) =>
            {
                format!("level {}", &w[1..])
            }
            w => w.to_string(),
        })
        .collect()
}

fn words_match(words: &[String], haystack: &str) -> bool {
    words.iter().all(|w| haystack.contains(w.as_str()))
}

/// How many suggestions an error offers at most.
const SUGGESTIONS: usize = 4;

/// The qualifications (and, with `units`, the units) within a few typing
/// mistakes of what was typed: on sale first, then closest first.
fn suggestions(c: &Catalogue, key: &str, units: bool) -> Vec<Suggestion> {
    let words = words_of(key);
    let mut scored: Vec<(bool, usize, usize, Suggestion)> = Vec::new();
    for (i, q) in c.qualifications.iter().enumerate() {
        if let Some(d) = closeness(key, &words, &q.id, &haystack(q)) {
            scored.push((!q.is_on_sale(), d, i, Suggestion::of_qualification(q)));
        }
    }
    if units {
        let first = c.qualifications.len();
        for (i, u) in c.units.iter().enumerate() {
            let d = u
                .codes()
                .filter_map(|code| {
                    closeness(key, &words, &code.to_lowercase(), &u.title.to_lowercase())
                })
                .min();
            if let Some(d) = d {
                let s = Suggestion::of_unit(u);
                scored.push((!s.current, d, first + i, s));
            }
        }
    }
    scored.sort_by_key(|s| (s.0, s.1, s.2));
    scored
        .into_iter()
        .take(SUGGESTIONS)
        .map(|(.., s)| s)
        .collect()
}

/// The units within a few typing mistakes of a code or title.
fn unit_suggestions(c: &Catalogue, key: &str) -> Vec<Suggestion> {
    let mut all = suggestions(c, key, true);
    all.retain(|s| c.unit(&s.name).is_some());
    all
}

/// How far `key` is from a name (`id`), or from the words of its
/// `haystack`: the fewest typing mistakes (a letter wrong, missing, extra,
/// or two letters swapped), if few enough to suggest it.
fn closeness(key: &str, words: &[String], id: &str, haystack: &str) -> Option<usize> {
    // A third of what was typed may be wrong, never all of it.
    let typed = key.chars().count();
    let limit = (typed / 3).max(1);
    let whole = Some(strsim::osa_distance(id, key)).filter(|d| *d <= limit && *d < typed);
    let said: Vec<&str> = haystack
        .split(|ch: char| ch.is_whitespace() || ch == '-')
        .filter(|w| !w.is_empty())
        .collect();
    let by_words = (!words.is_empty())
        .then(|| {
            words.iter().try_fold(0, |sum, w| {
                if w.contains(' ') && haystack.contains(w.as_str()) {
                    // An expansion such as "level 5".
                    return Some(sum);
                }
                let allowed = match w.chars().count() {
                    0..=3 => 0,
                    4..=7 => 1,
                    _ => 2,
                };
                let best = said
                    .iter()
                    .map(|s| {
                        if s.starts_with(w.as_str()) {
                            0
                        } else {
                            strsim::osa_distance(s, w)
                        }
                    })
                    .min()?;
                (best <= allowed).then_some(sum + best)
            })
        })
        .flatten();
    match (whole, by_words) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{self, CatalogueOrigin};

    fn names(e: ResolveError) -> Vec<String> {
        match e {
            ResolveError::NotFound { suggestions, .. } => {
                suggestions.into_iter().map(|s| s.name).collect()
            }
            e => panic!("{e}"),
        }
    }

    #[test]
    fn misspellings_suggest_what_is_on_sale_first() {
        let c = catalogue::load(&CatalogueOrigin::Embedded).unwrap();
        let dipolma = names(resolve(&c, "dipolma").unwrap_err());
        assert_eq!(dipolma[..2], ["l5-dip-cm", "l7-dip-ecm"], "{dipolma:?}");
        let diplomma = names(resolve(&c, "level 5 diplomma").unwrap_err());
        assert_eq!(diplomma[0], "l5-dip-cm", "{diplomma:?}");
        assert!(!diplomma.contains(&"l7-dip-ecm".to_string()));
        let typo = names(resolve_qualification(&c, "l5-dipp").unwrap_err());
        assert_eq!(typo[0], "l5-dip-cm");
        let unit = names(resolve_unit(&c, "8577-3000").unwrap_err());
        assert_eq!(unit[0], "8577-300", "{unit:?}");
        assert!(names(resolve(&c, "zzzzqqqwww").unwrap_err()).is_empty());
    }

    #[test]
    fn a_unit_where_a_qualification_is_wanted_is_named() {
        let c = catalogue::load(&CatalogueOrigin::Embedded).unwrap();
        let e = resolve_qualification(&c, "5017").unwrap_err();
        assert_eq!(
            e.to_string(),
            "`5017` is a unit (Undertaking an Extended Period of Management Coaching or Mentoring in the Workplace), not a qualification"
        );
        let e = resolve_unit(&c, "l5-cert-cm").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("`l5-cert-cm` is a qualification (ILM Level 5 Certificate"),
            "{e}"
        );
        assert_eq!(resolve_unit(&c, "d5.04").unwrap().code, "D5.04");
    }
}
