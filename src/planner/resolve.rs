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

/// Why a name did not resolve to exactly one thing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ResolveError {
    NotFound {
        name: String,
        suggestions: Vec<String>,
    },
    Ambiguous {
        name: String,
        candidates: Vec<String>,
    },
    /// Longer than any name (`bounds::QUERY_CHARS`): matching it would
    /// take time quadratic in its length, for nothing.
    TooLong { chars: usize },
}

impl fmt::Display for ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResolveError::NotFound { name, suggestions } => {
                write!(f, "no qualification or unit matches `{name}`")?;
                if !suggestions.is_empty() {
                    write!(f, "; did you mean {}?", suggestions.join(", "))?;
                }
                Ok(())
            }
            ResolveError::Ambiguous { name, candidates } => write!(
                f,
                "`{name}` could mean any of: {}; use one of these ids",
                candidates.join(", ")
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
        ([], _) => Err(ResolveError::NotFound {
            name: name.to_string(),
            suggestions: suggestions(c, &key),
        }),
        (all, []) => Err(ambiguous(name, all)),
        (_, current) => Err(ambiguous(name, current)),
    }
}

/// Resolves a qualification (as above) or a unit by any of its codes.
pub fn resolve<'a>(c: &'a Catalogue, name: &str) -> Result<Found<'a>, ResolveError> {
    check_length(name)?;
    let key = name.trim();
    if let Some(u) = c.unit(key).or_else(|| c.unit(&key.to_uppercase()))
        && c.qualification(&key.to_lowercase()).is_none()
    {
        return Ok(Found::Unit(u));
    }
    match resolve_qualification(c, name) {
        Ok(q) => Ok(Found::Qualification(q)),
        Err(ResolveError::NotFound { .. }) => {
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
                    suggestions: suggestions(c, &lower),
                }),
                many => Err(ResolveError::Ambiguous {
                    name: name.to_string(),
                    candidates: many
                        .iter()
                        .map(|u| format!("{} ({})", u.code, u.title))
                        .collect(),
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
            .map(|q| format!("{} ({})", q.id, q.title))
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

/// Ids within a few typing mistakes of what was typed, closest first.
fn suggestions(c: &Catalogue, key: &str) -> Vec<String> {
    let limit = (key.chars().count() / 3).max(3);
    let mut scored: Vec<(usize, &str)> = c
        .qualifications
        .iter()
        .map(|q| (edit_distance(&q.id, key), q.id.as_str()))
        .filter(|(d, _)| *d <= limit)
        .collect();
    scored.sort();
    scored
        .into_iter()
        .take(3)
        .map(|(_, id)| id.to_string())
        .collect()
}

/// Levenshtein distance: insertions, deletions and substitutions.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = if ca == *cb {
                diagonal
            } else {
                1 + diagonal.min(above).min(row[j])
            };
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    #[test]
    fn edit_distance_counts_mistakes() {
        assert_eq!(super::edit_distance("l5-dip-cm", "l5-dipp"), 3);
        assert_eq!(super::edit_distance("l5-dip-cm", "l5-dip-cm"), 0);
        assert_eq!(super::edit_distance("", "abc"), 3);
        assert_eq!(super::edit_distance("kitten", "sitting"), 3);
    }
}
