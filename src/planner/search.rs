//! Fuzzy search over qualifications and units: ids, codes, titles and
//! learning outcomes. Each word of the query must match; hits are ranked,
//! with the matched character positions so a UI can highlight them.

use crate::catalogue::{Catalogue, Edition};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use serde::Serialize;

/// Whether a hit is a qualification or a unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum HitKind {
    Qualification,
    Unit,
}

/// One search result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SearchHit {
    pub kind: HitKind,
    /// Qualification id, or the unit's code that matched (else its primary code).
    pub key: String,
    pub title: String,
    pub score: i64,
    /// Character positions matched in `key`.
    pub key_positions: Vec<usize>,
    /// Character positions matched in `title`.
    pub title_positions: Vec<usize>,
    /// A learning outcome or criterion that matched, when the match was there.
    pub matched_outcome: Option<String>,
}

/// What one catalogue entry offers to match against.
struct Entry {
    kind: HitKind,
    keys: Vec<String>,
    title: String,
    outcomes: Vec<String>,
    older: bool,
}

/// A search index over one catalogue, built once and queried per keystroke.
pub struct SearchIndex {
    entries: Vec<Entry>,
    matcher: SkimMatcherV2,
}

/// Weights: a code or id matters most, then the title, then outcomes.
const KEY_WEIGHT: i64 = 3;
const TITLE_WEIGHT: i64 = 2;
const OUTCOME_WEIGHT: i64 = 1;
/// Added when a word is a whole code or id, so "8578-302" finds its unit first.
const EXACT_BONUS: i64 = 1_000;
/// Taken off older-edition entries so the qualification on sale ranks first.
const OLDER_PENALTY: i64 = 5;

impl SearchIndex {
    pub fn new(c: &Catalogue) -> SearchIndex {
        let qualifications = c.qualifications.iter().map(|q| Entry {
            kind: HitKind::Qualification,
            keys: vec![q.id.clone()],
            title: q.title.clone(),
            outcomes: Vec::new(),
            older: q.edition == Edition::Older,
        });
        let units = c.units.iter().map(|u| Entry {
            kind: HitKind::Unit,
            keys: u.codes().map(str::to_string).collect(),
            title: u.title.clone(),
            outcomes: u
                .outcomes
                .iter()
                .flat_map(|o| {
                    std::iter::once(o.text.clone()).chain(o.criteria.iter().map(|c| c.text.clone()))
                })
                .collect(),
            older: u.edition == Edition::Older,
        });
        SearchIndex {
            entries: qualifications.chain(units).collect(),
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }

    /// Hits for `query`, best first; an empty query finds nothing.
    pub fn search(&self, query: &str) -> Vec<SearchHit> {
        let words: Vec<&str> = query.split_whitespace().collect();
        if words.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<SearchHit> = self
            .entries
            .iter()
            .filter_map(|e| self.score(e, &words))
            .collect();
        hits.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then(a.kind.cmp(&b.kind))
                .then(a.key.cmp(&b.key))
        });
        hits
    }

    fn score(&self, e: &Entry, words: &[&str]) -> Option<SearchHit> {
        let mut total = 0;
        let mut key_index = 0;
        let mut key_positions = Vec::new();
        let mut title_positions = Vec::new();
        let mut matched_outcome = None;
        for word in words {
            let best_key = e
                .keys
                .iter()
                .enumerate()
                .filter_map(|(i, k)| {
                    let exact = if k.eq_ignore_ascii_case(word) {
                        EXACT_BONUS
                    } else {
                        0
                    };
                    self.matcher
                        .fuzzy_indices(k, word)
                        .map(|(s, pos)| (s * KEY_WEIGHT + exact, i, pos))
                })
                .max_by_key(|(s, _, _)| *s);
            let title = self
                .matcher
                .fuzzy_indices(&e.title, word)
                .map(|(s, pos)| (s * TITLE_WEIGHT, pos));
            let key_score = best_key.as_ref().map_or(i64::MIN, |k| k.0);
            let title_score = title.as_ref().map_or(i64::MIN, |t| t.0);
            if best_key.is_none() && title.is_none() {
                let (s, text) = e
                    .outcomes
                    .iter()
                    .filter_map(|o| {
                        self.matcher
                            .fuzzy_match(o, word)
                            .map(|s| (s * OUTCOME_WEIGHT, o))
                    })
                    .max_by_key(|(s, _)| *s)?;
                total += s;
                matched_outcome.get_or_insert_with(|| text.clone());
            } else if key_score >= title_score {
                let (s, i, pos) = best_key.expect("key matched");
                total += s;
                if i != key_index {
                    key_positions.clear();
                    key_index = i;
                }
                key_positions.extend(pos);
            } else {
                let (s, pos) = title.expect("title matched");
                total += s;
                title_positions.extend(pos);
            }
        }
        for positions in [&mut key_positions, &mut title_positions] {
            positions.sort_unstable();
            positions.dedup();
        }
        if e.older {
            total -= OLDER_PENALTY;
        }
        Some(SearchHit {
            kind: e.kind,
            key: e.keys[key_index].clone(),
            title: e.title.clone(),
            score: total,
            key_positions,
            title_positions,
            matched_outcome,
        })
    }
}
