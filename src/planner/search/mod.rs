//! Search over qualifications and units: ids, codes, titles and learning
//! outcomes. Each word of the query must match, as written (ignoring case)
//! in a code, id or title, or (for words of three letters or more) in a
//! learning outcome. Only when no entry matches that way does the search
//! fall back to fuzzy matching on codes, ids and titles (letters in order,
//! with gaps; else a word one typing mistake away, so "dipolma" finds
//! Diploma), so a typo still finds something while a short query is not
//! buried under weak matches. Hits carry the matched character positions
//! so a UI can highlight them.
//!
//! Built for catalogues of thousands of entries: a word is looked up in the
//! catalogue's vocabulary (every distinct word, once) rather than in every
//! text, and only the hits asked for are built.

mod vocabulary;

use crate::catalogue::{Catalogue, Edition};
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use memchr::memmem;
use serde::Serialize;
use vocabulary::{Place, Start, Vocabulary};

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

/// The best hits for a query, and how many there were in all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchResults {
    pub hits: Vec<SearchHit>,
    /// Every entry that matched, including those beyond the limit.
    pub total: usize,
}

/// A text as shown, and lower-cased character for character (so that
/// character positions agree) for matching.
struct Field {
    text: String,
    lower: String,
}

impl Field {
    fn new(text: &str) -> Field {
        Field {
            text: text.to_string(),
            lower: lower(text),
        }
    }
}

/// Lower-cases each character to one character, keeping positions.
fn lower(text: &str) -> String {
    let mut lowered = String::with_capacity(text.len());
    lower_into(text, &mut lowered);
    lowered
}

/// `lower`, into a buffer that is reused.
fn lower_into(text: &str, buffer: &mut String) {
    buffer.clear();
    if text.is_ascii() {
        buffer.push_str(text);
        buffer.make_ascii_lowercase();
    } else {
        buffer.extend(text.chars().map(|c| c.to_lowercase().next().unwrap_or(c)));
    }
}

/// What one catalogue entry offers to match against.
struct Entry {
    kind: HitKind,
    keys: Vec<Field>,
    title: Field,
    /// Learning outcomes and assessment criteria, as written.
    outcomes: Vec<String>,
    older: bool,
}

/// A query word, lower-cased, with its substring finder prepared once.
struct Word {
    text: String,
    chars: usize,
    finder: memmem::Finder<'static>,
}

impl Word {
    fn new(word: &str) -> Word {
        let text = lower(word);
        Word {
            chars: text.chars().count(),
            finder: memmem::Finder::new(text.as_bytes()).into_owned(),
            text,
        }
    }
}

impl Entry {
    /// The lower-cased codes or id, then the title, with where each is.
    fn names(&self) -> impl Iterator<Item = (Place, &str)> {
        self.keys
            .iter()
            .enumerate()
            .map(|(k, key)| (Place::Key(k), key.lower.as_str()))
            .chain([(Place::Title, self.title.lower.as_str())])
    }
}

/// A search index over one catalogue, built once and queried per keystroke.
pub struct SearchIndex {
    entries: Vec<Entry>,
    /// The words of codes, ids and titles.
    names: Vocabulary,
    /// The words of learning outcomes and criteria.
    outcomes: Vocabulary,
    matcher: SkimMatcherV2,
}

/// Weights: a code or id matters most, then the title, then outcomes.
const KEY_WEIGHT: i64 = 3;
const TITLE_WEIGHT: i64 = 2;
const OUTCOME_WEIGHT: i64 = 1;
/// A word found as written scores this much per character...
const PER_CHARACTER: i64 = 16;
/// ...more when it starts a word of the text...
const WORD_START_BONUS: i64 = 24;
/// ...and more again when it starts the text.
const TEXT_START_BONUS: i64 = 8;
/// A fuzzy match's score is divided by this, so found-as-written ranks first.
const FUZZY_DIVISOR: i64 = 2;
/// Added when a word is a whole code or id, so "8578-302" finds its unit first.
const EXACT_BONUS: i64 = 1_000;
/// Taken off older-edition entries so the qualification on sale ranks first.
const OLDER_PENALTY: i64 = 5;

/// No score: the word is not in the entry.
const NONE: i64 = i64::MIN;

/// Outcomes are searched for words of at least this many letters: a
/// shorter word is in nearly every outcome, which tells the reader nothing.
const OUTCOME_MIN_CHARS: usize = 3;

/// A word's best match in an entry: its score and where.
#[derive(Clone, Copy)]
struct WordMatch {
    score: i64,
    place: Place,
    /// Character position of a match found as written; `None` for fuzzy.
    at: Option<usize>,
}

/// An entry that matched every word, before its hit is built.
struct Candidate {
    entry: usize,
    score: i64,
}

impl SearchIndex {
    pub fn new(c: &Catalogue) -> SearchIndex {
        let qualifications = c.qualifications.iter().map(|q| Entry {
            kind: HitKind::Qualification,
            keys: vec![Field::new(&q.id)],
            title: Field::new(&q.title),
            outcomes: Vec::new(),
            older: q.edition == Edition::Older,
        });
        let units = c.units.iter().map(|u| Entry {
            kind: HitKind::Unit,
            keys: u.codes().map(Field::new).collect(),
            title: Field::new(&u.title),
            outcomes: u
                .outcomes
                .iter()
                .flat_map(|o| std::iter::once(&o.text).chain(o.criteria.iter().map(|c| &c.text)))
                .cloned()
                .collect(),
            older: u.edition == Edition::Older,
        });
        // In the order ties are listed in: qualifications, then units, by key.
        let mut entries: Vec<Entry> = qualifications.chain(units).collect();
        entries.sort_by(|a, b| {
            a.kind
                .cmp(&b.kind)
                .then(a.keys[0].text.cmp(&b.keys[0].text))
        });
        let mut names = Vocabulary::default();
        let mut outcomes = Vocabulary::default();
        let mut buffer = String::new();
        for (i, e) in entries.iter().enumerate() {
            let i = u32::try_from(i).expect("fewer than 4 billion entries");
            for (k, key) in e.keys.iter().enumerate() {
                names.add(&key.lower, i, Place::Key(k));
            }
            names.add(&e.title.lower, i, Place::Title);
            for (k, o) in e.outcomes.iter().enumerate() {
                lower_into(o, &mut buffer);
                outcomes.add(&buffer, i, Place::Outcome(k));
            }
        }
        names.finish();
        outcomes.finish();
        SearchIndex {
            entries,
            names,
            outcomes,
            matcher: SkimMatcherV2::default().ignore_case(),
        }
    }

    /// The best `limit` hits for `query`, best first, and how many matched
    /// in all; an empty query finds nothing.
    pub fn search(&self, query: &str, limit: usize) -> SearchResults {
        // Matching is quadratic in a word's length: only the first
        // `bounds::QUERY_CHARS` characters of a query are looked for.
        let query = match query.char_indices().nth(crate::bounds::QUERY_CHARS) {
            Some((end, _)) => &query[..end],
            None => query,
        };
        let words: Vec<Word> = query.split_whitespace().map(Word::new).collect();
        if words.is_empty() {
            return SearchResults::default();
        }
        let per_word: Vec<Vec<i64>> = words.iter().map(|w| self.as_written_scores(w)).collect();
        let mut candidates = self.combine(&per_word, |_, _| None);
        // Nothing holds every word as written: let words match fuzzily.
        let fuzzy = candidates.is_empty();
        if fuzzy {
            candidates = self.combine(&per_word, |e, w| {
                self.fuzzy_match(&self.entries[e], &words[w])
                    .map(|m| m.score)
            });
        }
        let total = candidates.len();
        // Best first; ties in entry order.
        let order =
            |a: &Candidate, b: &Candidate| b.score.cmp(&a.score).then(a.entry.cmp(&b.entry));
        if candidates.len() > limit && limit > 0 {
            candidates.select_nth_unstable_by(limit - 1, order);
        }
        candidates.truncate(limit);
        candidates.sort_unstable_by(order);
        let hits = candidates
            .iter()
            .map(|c| self.hit(&self.entries[c.entry], &words, c.score, fuzzy))
            .collect();
        SearchResults { hits, total }
    }

    /// Each entry's best score for `word` as written; `NONE` where absent.
    fn as_written_scores(&self, word: &Word) -> Vec<i64> {
        let mut best = vec![NONE; self.entries.len()];
        let mut score = |p: &vocabulary::Posting, start: Start, whole: bool| {
            let e = p.entry as usize;
            let word_start = start != Start::Inside;
            let text_start = start == Start::Token && p.first;
            let mut s = as_written(word, word_start, text_start).saturating_mul(weight(p.place));
            if let Place::Key(k) = p.place
                && whole
                && p.first
                && self.entries[e].keys[k].lower == word.text
            {
                s = s.saturating_add(EXACT_BONUS);
            }
            best[e] = best[e].max(s);
        };
        self.names.each_match(word, &mut score);
        if word.chars >= OUTCOME_MIN_CHARS {
            self.outcomes.each_match(word, &mut score);
        }
        best
    }

    /// The entries with a score for every word (from `per_word`, else from
    /// `otherwise(entry, word)`), with their totals.
    fn combine(
        &self,
        per_word: &[Vec<i64>],
        otherwise: impl Fn(usize, usize) -> Option<i64>,
    ) -> Vec<Candidate> {
        (0..self.entries.len())
            .filter_map(|e| {
                let total =
                    total(
                        per_word
                            .iter()
                            .enumerate()
                            .map(|(w, scores)| match scores[e] {
                                NONE => otherwise(e, w),
                                score => Some(score),
                            }),
                    )?;
                let older = if self.entries[e].older {
                    OLDER_PENALTY
                } else {
                    0
                };
                Some(Candidate {
                    entry: e,
                    score: total.saturating_sub(older),
                })
            })
            .collect()
    }

    /// The best place `word` matches in `e`: as written in a key, the
    /// title or an outcome, else (when `fuzzy`) fuzzily in a key or the
    /// title. Scores agree with `as_written_scores`.
    fn best_match(&self, e: &Entry, word: &Word, fuzzy: bool) -> Option<WordMatch> {
        let mut best: Option<WordMatch> = None;
        let consider = |best: &mut Option<WordMatch>, m: WordMatch| {
            if best.is_none_or(|b| m.score > b.score) {
                *best = Some(m);
            }
        };
        for (place, text) in e.names() {
            if let Some(m) = as_written_in(text, word, place) {
                consider(&mut best, m);
            }
        }
        // A word in a code or title always outscores one in an outcome.
        if best.is_none() && word.chars >= OUTCOME_MIN_CHARS {
            for (k, o) in e.outcomes.iter().enumerate() {
                if let Some(m) = as_written_in(&lower(o), word, Place::Outcome(k)) {
                    consider(&mut best, m);
                }
            }
        }
        if best.is_some() || !fuzzy {
            return best;
        }
        self.fuzzy_match(e, word)
    }

    /// The best fuzzy match of `word` in a key or the title of `e`: its
    /// letters in order, or a word of the text a typing mistake away.
    fn fuzzy_match(&self, e: &Entry, word: &Word) -> Option<WordMatch> {
        let in_order = e
            .names()
            .filter(|(_, text)| in_order(text, &word.text))
            .filter_map(|(place, text)| {
                let score = self.matcher.fuzzy_match(text, &word.text)?;
                Some(WordMatch {
                    score: score.saturating_mul(weight(place)) / FUZZY_DIVISOR,
                    place,
                    at: None,
                })
            });
        let mistyped = e
            .names()
            .filter_map(|(place, text)| mistyped(text, word, place));
        in_order
            .chain(mistyped)
            .reduce(|best, m| if m.score > best.score { m } else { best })
    }

    /// The full hit for an entry that matched, with positions to highlight.
    fn hit(&self, e: &Entry, words: &[Word], score: i64, fuzzy: bool) -> SearchHit {
        let mut key_index = None;
        let mut key_positions = Vec::new();
        let mut title_positions = Vec::new();
        let mut matched_outcome = None;
        for word in words {
            let Some(m) = self.best_match(e, word, fuzzy) else {
                continue;
            };
            let positions = |field: &Field| match m.at {
                Some(at) => (at..at + word.chars).collect(),
                None => self
                    .matcher
                    .fuzzy_indices(&field.lower, &word.text)
                    .map(|(_, p)| p)
                    .unwrap_or_default(),
            };
            match m.place {
                Place::Key(i) => {
                    if key_index != Some(i) {
                        key_positions.clear();
                        key_index = Some(i);
                    }
                    key_positions.extend(positions(&e.keys[i]));
                }
                Place::Title => title_positions.extend(positions(&e.title)),
                Place::Outcome(i) => {
                    matched_outcome.get_or_insert_with(|| e.outcomes[i].clone());
                }
            }
        }
        for positions in [&mut key_positions, &mut title_positions] {
            positions.sort_unstable();
            positions.dedup();
        }
        SearchHit {
            kind: e.kind,
            key: e.keys[key_index.unwrap_or(0)].text.clone(),
            title: e.title.text.clone(),
            score,
            key_positions,
            title_positions,
            matched_outcome,
        }
    }
}

/// Where `word` occurs in `text` as written, preferring the start of a word:
/// the character position, and whether a word starts there.
fn found(text: &str, word: &Word) -> Option<(usize, bool)> {
    let mut first = None;
    for byte in word.finder.find_iter(text.as_bytes()) {
        let word_start = text[..byte]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        if word_start {
            return Some((char_index(text, byte), true));
        }
        first.get_or_insert(byte);
    }
    first.map(|byte| (char_index(text, byte), false))
}

/// The match of `word` as written in `text`, the lower-cased text at `place`.
fn as_written_in(text: &str, word: &Word, place: Place) -> Option<WordMatch> {
    let (at, word_start) = found(text, word)?;
    let mut score = as_written(word, word_start, at == 0).saturating_mul(weight(place));
    if matches!(place, Place::Key(_)) && text == word.text {
        score = score.saturating_add(EXACT_BONUS);
    }
    Some(WordMatch {
        score,
        place,
        at: Some(at),
    })
}

/// A word of `text` that `word` is a typing mistake away from (a letter
/// wrong, missing or extra, or two letters swapped: "dipolma" for
/// "diploma"), scored as a fuzzy match of the word: one mistake in words of
/// four to seven letters, two in longer ones. Only the fuzzy fallback
/// looks for these.
fn mistyped(text: &str, word: &Word, place: Place) -> Option<WordMatch> {
    let allowed = match word.chars {
        0..=3 => return None,
        4..=7 => 1,
        _ => 2,
    };
    let mut at = 0;
    let mut best: Option<(usize, usize)> = None;
    for w in text.split(' ') {
        let d = strsim::osa_distance(w, &word.text);
        if d <= allowed && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, at));
        }
        at += w.chars().count() + 1;
    }
    let (mistakes, at) = best?;
    // Closer than letters scattered through the text: scored as the word
    // found as written, less a letter's worth per mistake.
    let close = as_written(word, true, at == 0) - PER_CHARACTER * mistakes as i64;
    Some(WordMatch {
        score: close * weight(place),
        place,
        at: Some(at),
    })
}

fn weight(place: Place) -> i64 {
    match place {
        Place::Key(_) => KEY_WEIGHT,
        Place::Title => TITLE_WEIGHT,
        Place::Outcome(_) => OUTCOME_WEIGHT,
    }
}

/// Whether the characters of `word` all occur in `text` in order: the
/// quick test before the fuzzy matcher's scoring.
fn in_order(text: &str, word: &str) -> bool {
    let mut rest = text.as_bytes();
    for c in word.as_bytes() {
        match memchr::memchr(*c, rest) {
            Some(i) => rest = &rest[i + 1..],
            None => return false,
        }
    }
    true
}

fn char_index(text: &str, byte: usize) -> usize {
    if text.is_ascii() {
        byte
    } else {
        text[..byte].chars().count()
    }
}

/// The score of a word found as written.
fn as_written(word: &Word, word_start: bool, text_start: bool) -> i64 {
    let mut score = PER_CHARACTER.saturating_mul(i64::try_from(word.chars).unwrap_or(i64::MAX));
    if word_start {
        score = score.saturating_add(WORD_START_BONUS);
    }
    if text_start {
        score = score.saturating_add(TEXT_START_BONUS);
    }
    score
}

/// The total of a hit's word scores, `None` if a word has none. Scores
/// only rank hits: a total that would overflow stops at the largest
/// score rather than wrap to a low one.
fn total(scores: impl Iterator<Item = Option<i64>>) -> Option<i64> {
    scores
        .into_iter()
        .try_fold(0i64, |sum, score| Some(sum.saturating_add(score?)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{self, CatalogueOrigin};

    /// A word with two letters swapped, or one missing or doubled, still
    /// finds what it means.
    #[test]
    fn typing_mistakes_find_the_word_meant() {
        let c = catalogue::load(&CatalogueOrigin::Embedded).unwrap();
        let index = SearchIndex::new(&c);
        let first = |q: &str| index.search(q, 5).hits[0].key.clone();
        assert_eq!(first("dipolma"), "l5-dip-cm");
        assert_eq!(first("level 5 diplomma"), "l5-dip-cm");
        assert_eq!(first("mentroing reflecting"), "8577-307");
        let hit = &index.search("dipolma", 1).hits[0];
        assert_eq!(hit.title_positions, (12..19).collect::<Vec<_>>());
    }

    /// The vocabulary finds exactly what a search of every text finds, with
    /// the same scores.
    #[test]
    fn the_vocabulary_agrees_with_searching_every_text() {
        let c = catalogue::load(&CatalogueOrigin::Embedded).unwrap();
        let index = SearchIndex::new(&c);
        let queries = [
            "r",
            "re",
            "ref",
            "reflecting mentoring",
            "8578",
            "8578-302",
            "302",
            "l5 dip",
            "coach",
            "co",
            "8578-30",
            "emotional intelligence",
            "the",
            "ILM",
            "d7.04",
            "-",
            "e",
            "values,",
            "skills",
            "supervised practice",
            "7",
        ];
        for query in queries {
            let words: Vec<Word> = query.split_whitespace().map(Word::new).collect();
            let per_word: Vec<Vec<i64>> =
                words.iter().map(|w| index.as_written_scores(w)).collect();
            let fast: Vec<(usize, i64)> = index
                .combine(&per_word, |_, _| None)
                .iter()
                .map(|c| (c.entry, c.score))
                .collect();
            let slow: Vec<(usize, i64)> = index
                .entries
                .iter()
                .enumerate()
                .filter_map(|(i, e)| {
                    let score = total(
                        words
                            .iter()
                            .map(|w| index.best_match(e, w, false).map(|m| m.score)),
                    )?;
                    Some((i, score - if e.older { OLDER_PENALTY } else { 0 }))
                })
                .collect();
            assert!(!slow.is_empty(), "`{query}` finds something");
            assert_eq!(fast, slow, "`{query}`");
        }
    }
}
