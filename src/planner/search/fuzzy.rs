//! The fallback when nothing holds every word as written: a word may then
//! match fuzzily in a code, id or title (its letters in order, with gaps;
//! or a word of the text a typing mistake away, so "dipolma" finds
//! Diploma), so that a typo still finds something.

use super::matches::Matches;
use super::{Candidate, NO_FIELD, Word};
use crate::catalogue::{FieldKind, FieldSource};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::ops::Range;

/// A fuzzy match in a code or id counts this many times its score...
const KEY_WEIGHT: i64 = 3;
/// ...and in a title this many.
const TITLE_WEIGHT: i64 = 2;
/// A word a typing mistake away scores as a word found as written would
/// (this much a letter, and the bonuses below), less a letter's worth per
/// mistake: closer than letters scattered through the text.
const PER_LETTER: i64 = 16;
const WORD_START_BONUS: i64 = 24;
const TEXT_START_BONUS: i64 = 8;

// Bits of a fuzzy rank, from the lowest: the title's length (shorter
// first), the edition, the fuzzy score, then how many words were found as
// written.
const LENGTH_BITS: u32 = 14;
const CURRENT_AT: u32 = LENGTH_BITS;
const SCORE_AT: u32 = CURRENT_AT + 1;
const SCORE_BITS: u32 = 32;
const WRITTEN_AT: u32 = SCORE_AT + SCORE_BITS;

/// Each entry's best fuzzy match of each word not found in it as written,
/// where there is one.
pub(super) struct Fuzzy {
    pub best: Vec<Vec<Option<FuzzyMatch>>>,
    matcher: SkimMatcherV2,
}

/// A word's fuzzy match in a field.
#[derive(Clone, Copy)]
pub(super) struct FuzzyMatch {
    /// Weighted: higher is better.
    score: i64,
    pub field: u32,
    /// The bytes of the word of the field it is a typing mistake away
    /// from; `None` for letters in order.
    mistyped: Option<(usize, usize)>,
}

impl Fuzzy {
    /// Matches each word fuzzily in the codes, ids and titles of the
    /// entries that do not hold it as written.
    pub fn find(texts: &dyn FieldSource, words: &[Word], matches: &[Matches]) -> Fuzzy {
        let layout = texts.layout();
        let matcher = SkimMatcherV2::default().ignore_case();
        let mut best = vec![vec![None; layout.entries().len()]; words.len()];
        texts.scan(0..layout.names_end(), &mut |first, run| {
            let base = layout.folded_start(first);
            let mut f = first;
            while f < layout.names_end() && layout.folded_start(f) < base + run.len() {
                let range = layout.folded_range(f);
                let field = run
                    .get(range.start - base..range.end - base)
                    .unwrap_or_default();
                let e = layout.owner(f);
                let weight = match layout.kind(f) {
                    FieldKind::Title => TITLE_WEIGHT,
                    _ => KEY_WEIGHT,
                };
                for (k, (word, m)) in words.iter().zip(matches).enumerate() {
                    if m.found(e) {
                        continue;
                    }
                    let scattered = in_order(field, word.text.as_bytes())
                        .then(|| std::str::from_utf8(field).ok())
                        .flatten()
                        .and_then(|field| matcher.fuzzy_match(field, &word.text))
                        .map(|score| FuzzyMatch {
                            score: score * weight / 2,
                            field: f as u32,
                            mistyped: None,
                        });
                    let mistyped = mistyped(field, word).map(|(mistakes, at)| {
                        let bonus = if at.start == 0 { TEXT_START_BONUS } else { 0 };
                        let letters = word.text.chars().count() - mistakes;
                        FuzzyMatch {
                            score: (PER_LETTER * letters as i64 + WORD_START_BONUS + bonus)
                                * weight,
                            field: f as u32,
                            mistyped: Some((at.start, at.end)),
                        }
                    });
                    let slot = &mut best[k][e];
                    for found in [scattered, mistyped].into_iter().flatten() {
                        if slot.is_none_or(|s: FuzzyMatch| found.score > s.score) {
                            *slot = Some(found);
                        }
                    }
                }
                f += 1;
            }
        });
        Fuzzy { best, matcher }
    }

    /// The characters of `text`, the folded field of `found`, that `word`
    /// matched: the word mistyped, or its letters in order.
    pub fn positions(&self, text: &str, word: &Word, found: FuzzyMatch) -> Vec<usize> {
        match found.mistyped {
            Some((start, end)) => {
                let first = text.get(..start).map_or(0, |t| t.chars().count());
                let len = text.get(start..end).map_or(0, |t| t.chars().count());
                (first..first + len).collect()
            }
            None => self
                .matcher
                .fuzzy_indices(text, &word.text)
                .map(|(_, p)| p)
                .unwrap_or_default(),
        }
    }

    /// Every entry that holds each word as written or fuzzily, ranked by
    /// how many words were found as written, then the fuzzy matches'
    /// scores, then the edition on sale, then the shorter title.
    pub fn candidates(&self, texts: &dyn FieldSource, matches: &[Matches]) -> Vec<Candidate> {
        let layout = texts.layout();
        let mut candidates = Vec::new();
        'entries: for (e, entry) in layout.entries().iter().enumerate() {
            let mut written = 0u64;
            let mut score = 0i64;
            for (k, m) in matches.iter().enumerate() {
                if m.found(e) {
                    written += 1;
                } else if let Some(found) = self.best[k][e] {
                    score += found.score;
                } else {
                    continue 'entries;
                }
            }
            let length = layout.chars(entry.title()).min((1 << LENGTH_BITS) - 1) as u64;
            let score = score.clamp(0, (1 << SCORE_BITS) - 1) as u64;
            candidates.push(Candidate {
                entry: e as u32,
                rank: ((1 << LENGTH_BITS) - 1 - length)
                    | u64::from(entry.current) << CURRENT_AT
                    | score << SCORE_AT
                    | written << WRITTEN_AT,
                field: NO_FIELD,
            });
        }
        candidates
    }
}

/// The word of `text`, a folded field, that `word` is a typing mistake
/// away from (a letter wrong, missing or extra, or two letters swapped:
/// "dipolma" for "diploma"), the closest first: how many mistakes, and its
/// bytes. One mistake in words of four to seven letters, two in longer
/// ones; none in shorter ones, which would match too much.
fn mistyped(text: &[u8], word: &Word) -> Option<(usize, Range<usize>)> {
    let letters = word.text.chars().count();
    let allowed = match letters {
        0..=3 => return None,
        4..=7 => 1,
        _ => 2,
    };
    let mut best: Option<(usize, Range<usize>)> = None;
    let mut at = 0;
    for w in text.split(|&b| b == b' ') {
        let range = at..at + w.len();
        at = range.end + 1;
        // A word too much longer or shorter is too many mistakes away.
        if w.is_empty() || w.len().abs_diff(word.text.len()) > allowed {
            continue;
        }
        let Ok(w) = std::str::from_utf8(w) else {
            continue;
        };
        let d = strsim::osa_distance(w, &word.text);
        if d <= allowed && best.as_ref().is_none_or(|(b, _)| d < *b) {
            best = Some((d, range));
        }
    }
    best
}

/// Whether the bytes of `word` all occur in `text` in order: the quick
/// test before the fuzzy matcher's scoring.
fn in_order(text: &[u8], word: &[u8]) -> bool {
    let mut rest = text;
    for c in word {
        match memchr::memchr(*c, rest) {
            Some(i) => rest = &rest[i + 1..],
            None => return false,
        }
    }
    true
}
