//! Search over qualifications and units: ids, codes, titles and learning
//! outcomes. Each word of the query must be found as written (ignoring
//! case and punctuation) in a code, id or title, or (for words of three
//! letters or more) in a learning outcome. Only when no entry holds every
//! word that way does the search fall back to fuzzy matching on codes, ids
//! and titles (letters in order, with gaps; else a word one typing mistake
//! away, so "dipolma" finds Diploma), so a typo still finds something
//! while a short query is not buried under weak matches. Hits
//! are ranked by the rules in `rank.rs` and carry the matched character
//! positions so a UI can highlight them.
//!
//! Words are looked up in the catalogue's vocabulary (every distinct word,
//! once) rather than in every text, and only the hits asked for are built.
//! The texts and vocabulary are held in memory (`SearchIndex`, for the
//! app's search as you type) or read a piece at a time from the compiled
//! copy in the cache (`search_once` over `StoredTexts`, for a one-shot
//! search that then never loads the catalogue).

mod fuzzy;
mod matches;
mod rank;

use crate::catalogue::{Catalogue, FieldKind, FieldSource, SearchTexts, fold};
use fuzzy::Fuzzy;
use matches::{AllFacts, Matches};
use memchr::memmem;
use rank::{Closeness, KeyMatch, Place, Position, Rank};
use rank::{Fitter, LAST_FIELD};
use serde::Serialize;
use std::ops::Range;

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
    /// Higher ranks first (never lower than a hit after it); comparable
    /// only within one search. At most 2^53, so that a JSON reader that
    /// holds numbers as doubles reads it exactly.
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

/// Outcomes are searched for words of at least this many letters: a
/// shorter word is in nearly every outcome, which tells the reader nothing.
const OUTCOME_MIN_CHARS: usize = 3;

/// A query word, folded as the texts are, with its substring finder
/// prepared once.
struct Word {
    text: String,
    finder: memmem::Finder<'static>,
    /// Whether learning outcomes are searched for it.
    in_outcomes: bool,
}

impl Word {
    fn new(text: &str) -> Word {
        Word {
            in_outcomes: text.chars().count() >= OUTCOME_MIN_CHARS,
            finder: memmem::Finder::new(text.as_bytes()).into_owned(),
            text: text.to_string(),
        }
    }
}

/// The words of a query: runs of letters and digits.
fn words(query: &str) -> Vec<Word> {
    // Matching is quadratic in a word's length: only the first
    // `bounds::QUERY_CHARS` characters of a query are looked for.
    let query = match query.char_indices().nth(crate::bounds::QUERY_CHARS) {
        Some((end, _)) => &query[..end],
        None => query,
    };
    fold(query)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(Word::new)
        .collect()
}

/// The bits of a hit's score.
const SCORE_BITS: u32 = f64::MANTISSA_DIGITS;

/// An entry that matched every word, before its hit is built.
struct Candidate {
    /// Higher ranks first.
    rank: u64,
    entry: u32,
    /// The field that holds every word, at its best; `NO_FIELD` when no
    /// one field does, or for one word (`hit` finds where it is best).
    field: u32,
}

const NO_FIELD: u32 = u32::MAX;

/// A search index over one catalogue, built once and queried per keystroke.
pub struct SearchIndex {
    texts: SearchTexts,
    facts: AllFacts,
}

impl SearchIndex {
    pub fn new(c: &Catalogue) -> SearchIndex {
        let texts = SearchTexts::new(c);
        SearchIndex {
            facts: AllFacts::new(texts.layout()),
            texts,
        }
    }

    /// The best `limit` hits for `query`, best first, and how many matched
    /// in all; an empty query finds nothing.
    pub fn search(&self, query: &str, limit: usize) -> SearchResults {
        run(&self.texts, query, limit, &|f| self.facts.get(f))
    }
}

/// `SearchIndex::search` over any texts: held in memory, or stored in the
/// cache (for those, see `StoredTexts::damaged` afterwards).
pub fn search_once(texts: &dyn FieldSource, query: &str, limit: usize) -> SearchResults {
    run(texts, query, limit, &|f| matches::facts(texts.layout(), f))
}

/// A search, with each field's facts from `facts`.
fn run(
    texts: &dyn FieldSource,
    query: &str,
    limit: usize,
    facts: &impl Fn(usize) -> matches::FieldFacts,
) -> SearchResults {
    let words = words(query);
    if words.is_empty() {
        return SearchResults::default();
    }
    // The rarest word first, and each later word only in the entries
    // that hold the words before it. A word too short to look for in
    // outcomes is in so many places that it goes last, and is looked up
    // only if many entries are left by then.
    let looked_up: Vec<_> = (words.iter())
        .map(|w| w.in_outcomes.then(|| matches::look_up(texts, w)))
        .collect();
    let mut order: Vec<usize> = (0..words.len()).collect();
    order.sort_by_key(|&k| {
        let count = looked_up[k].as_ref().map_or(usize::MAX, |l| l.count);
        (count, std::cmp::Reverse(words[k].text.len()))
    });
    let several = words.len() > 1;
    let mut found: Vec<Matches> = Vec::with_capacity(words.len());
    for &k in &order {
        let l = looked_up[k].as_ref();
        let Some(m) = matches::find(texts, &words[k], l, several, &found, facts) else {
            return SearchResults::default();
        };
        found.push(m);
    }
    let mut matches: Vec<Option<Matches>> = (0..words.len()).map(|_| None).collect();
    for (&k, m) in order.iter().zip(found) {
        matches[k] = Some(m);
    }
    let mut matches: Vec<Matches> = matches.into_iter().flatten().collect();
    let (mut best, mut total) = best(as_written(texts, &words, &matches), limit);
    // Nothing holds every word as written: let words match fuzzily, each
    // word's matches now in every entry.
    let mut fuzzy = None;
    if total == 0 {
        if several {
            let every = (words.iter().zip(&looked_up))
                .map(|(w, l)| matches::find(texts, w, l.as_ref(), true, &[], facts));
            let Some(every) = every.collect() else {
                return SearchResults::default();
            };
            matches = every;
        }
        let found = Fuzzy::find(texts, &words, &matches);
        (best, total) = self::best(found.candidates(texts, &matches).into_iter(), limit);
        fuzzy = Some(found);
    }
    let mut fitter = Fitter::default();
    let hits = best
        .iter()
        .map(|c| hit(texts, &words, &matches, fuzzy.as_ref(), c, &mut fitter))
        .collect();
    SearchResults { hits, total }
}

/// The best `limit` of `candidates`, best first (ties in entry order), and
/// how many there were.
fn best(candidates: impl Iterator<Item = Candidate>, limit: usize) -> (Vec<Candidate>, usize) {
    let mut candidates: Vec<Candidate> = candidates.collect();
    let total = candidates.len();
    let order = |a: &Candidate, b: &Candidate| b.rank.cmp(&a.rank).then(a.entry.cmp(&b.entry));
    if candidates.len() > limit && limit > 0 {
        candidates.select_nth_unstable_by(limit - 1, order);
    }
    candidates.truncate(limit);
    candidates.sort_unstable_by(order);
    (candidates, total)
}

/// Every entry that holds each word as written, ranked: at its best field
/// holding them all, else spread over its fields.
fn as_written<'a>(
    texts: &'a dyn FieldSource,
    words: &'a [Word],
    matches: &'a [Matches],
) -> impl Iterator<Item = Candidate> + 'a {
    let mut fitter = Fitter::default();
    (0..texts.layout().entries().len())
        .filter(|&e| matches.iter().all(|m| m.found(e)))
        .map(move |e| {
            let best = match matches {
                // One word: where it is best found, as `hit` works out.
                [only] => Some((only.best[e] & !LAST_FIELD, NO_FIELD, only.key[e])),
                _ => matches::together(texts, words, matches, e, &mut fitter)
                    .map(|(rank, f, key)| (rank, f as u32, key)),
            };
            match best {
                Some((rank, field, key)) => Candidate {
                    entry: e as u32,
                    rank: Rank::with_key(rank, key),
                    field,
                },
                None => Candidate {
                    entry: e as u32,
                    rank: spread(texts, matches, e),
                    field: NO_FIELD,
                },
            }
        })
}

/// The rank of entry `e` whose words are spread over several fields: as
/// good as its weakest word's field, its words' points, and its title's
/// length.
fn spread(texts: &dyn FieldSource, matches: &[Matches], e: usize) -> u64 {
    let layout = texts.layout();
    let entry = &layout.entries()[e];
    let bests = matches.iter().map(|m| Rank::place_and_quality(m.best[e]));
    let place = bests
        .clone()
        .map(|(p, _)| p)
        .min()
        .unwrap_or(Place::Outcome);
    Rank {
        key: KeyMatch::None,
        closeness: Closeness::Spread,
        place,
        position: Position::Elsewhere,
        quality: bests.map(|(_, q)| q).sum(),
        current: entry.current,
        span: std::cmp::Reverse(u32::MAX),
        length: std::cmp::Reverse(layout.chars(entry.title()) as u32),
    }
    .pack()
}

/// The hit for a candidate, with what matched where.
fn hit(
    texts: &dyn FieldSource,
    words: &[Word],
    matches: &[Matches],
    fuzzy: Option<&Fuzzy>,
    c: &Candidate,
    fitter: &mut Fitter,
) -> SearchHit {
    let layout = texts.layout();
    let e = c.entry as usize;
    let entry = &layout.entries()[e];
    let mut marks = Marks::default();
    match c.field {
        // Each word where it is best found.
        NO_FIELD => {
            for (k, (word, m)) in words.iter().zip(matches).enumerate() {
                if m.found(e) {
                    let f = m.field(texts, e, word);
                    marks.fit(texts, f, std::slice::from_ref(word), fitter);
                } else if let Some(fuzzy) = fuzzy
                    && let Some(found) = fuzzy.best[k][e]
                {
                    let f = found.field as usize;
                    let positions = fuzzy.positions(&texts.folded(f), word, found);
                    marks.positions(layout.kind(f), f, positions);
                }
            }
        }
        // Every word in one field: mark them there.
        f => marks.fit(texts, f as usize, words, fitter),
    }
    let key = marks.key.unwrap_or(entry.keys().start);
    let mut key_positions = marks.key_positions;
    let mut title_positions = marks.title_positions;
    for positions in [&mut key_positions, &mut title_positions] {
        positions.sort_unstable();
        positions.dedup();
    }
    SearchHit {
        kind: if entry.unit {
            HitKind::Unit
        } else {
            HitKind::Qualification
        },
        key: texts.shown(key).into_owned(),
        title: texts.shown(entry.title()).into_owned(),
        // The rank's top 53 bits: what is dropped only breaks ties, and
        // the hits are in order already.
        score: (c.rank >> (u64::BITS - SCORE_BITS)) as i64,
        key_positions,
        title_positions,
        matched_outcome: marks.outcome.map(|f| texts.shown(f).into_owned()),
    }
}

/// What a hit highlights: character positions in one code and the title,
/// and the outcome that matched.
#[derive(Default)]
struct Marks {
    key: Option<usize>,
    key_positions: Vec<usize>,
    title_positions: Vec<usize>,
    outcome: Option<usize>,
}

impl Marks {
    /// Marks where `words` fit in field `f`.
    fn fit(&mut self, texts: &dyn FieldSource, f: usize, words: &[Word], fitter: &mut Fitter) {
        let text = texts.folded(f);
        let mut ranges: Vec<Range<usize>> = Vec::new();
        if fitter.fit(&text, words, Some(&mut ranges)).is_none() {
            return;
        }
        // Folding keeps one character for each, so ASCII bytes are them.
        let ascii = texts.layout().ascii();
        let positions = ranges.into_iter().flat_map(|r| {
            if ascii {
                return r;
            }
            let start = text[..r.start].chars().count();
            start..start + text[r].chars().count()
        });
        self.positions(texts.layout().kind(f), f, positions.collect());
    }

    /// Marks character `positions` of field `f`.
    fn positions(&mut self, kind: FieldKind, f: usize, positions: Vec<usize>) {
        match kind {
            FieldKind::Key => {
                // One code is shown: the first that matched.
                if self.key.is_none_or(|k| k == f) {
                    self.key = Some(f);
                    self.key_positions.extend(positions);
                }
            }
            FieldKind::Title => self.title_positions.extend(positions),
            FieldKind::Outcome => {
                self.outcome.get_or_insert(f);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{self, CatalogueOrigin};

    /// A word with two letters swapped is marked where the word it meant
    /// is: "Diploma" in the title, whole.
    #[test]
    fn a_mistyped_word_marks_the_word_meant() {
        let c = catalogue::load(&CatalogueOrigin::Embedded).unwrap();
        let hit = &SearchIndex::new(&c).search("dipolma", 1).hits[0];
        assert_eq!(hit.key, "l5-dip-cm");
        assert_eq!(hit.title_positions, (12..19).collect::<Vec<_>>());
    }

    /// The built-in catalogue, with texts that are harder to match: letters
    /// beyond ASCII, leading punctuation, a word twice, a one-word title.
    fn texts() -> SearchTexts {
        let mut c = catalogue::load_cached(&CatalogueOrigin::Embedded, None).unwrap();
        c.units[0].title = "Évaluer l’Équipe: Évaluer".to_string();
        c.units[1].title = "(Level 3) Coaching, coaching".to_string();
        c.units[2].title = "Mentoring".to_string();
        c.units[3].outcomes[0].text = " — coach the coach".to_string();
        SearchTexts::new(&c)
    }

    /// What `matches::find` should find for one word, worked out by fitting
    /// the word to every field of every entry.
    fn by_hand(texts: &SearchTexts, word: &Word) -> Matches {
        let layout = texts.layout();
        let mut m = Matches::new(layout, true);
        for (e, entry) in layout.entries().iter().enumerate() {
            for f in entry.fields() {
                if layout.kind(f) == FieldKind::Outcome && !word.in_outcomes {
                    continue;
                }
                if let Some(fit) =
                    Fitter::default().fit(texts.folded(f), std::slice::from_ref(word), None)
                {
                    m.best_of(layout, e, f, &fit);
                    m.fields[e] |= 1 << matches::field_bit(layout, e, f);
                }
            }
        }
        m
    }

    #[test]
    fn the_vocabulary_finds_what_fitting_every_field_finds() {
        let texts = texts();
        let queries = [
            "r",
            "re",
            "ref",
            "reflecting",
            "8578",
            "302",
            "8578-302",
            "l5",
            "coach",
            "co",
            "évaluer",
            "équipe",
            "é",
            "the",
            "ilm",
            "d7",
            "04",
            "e",
            "values",
            "skills",
            "supervised",
            "7",
            "mentoring",
            "level",
            "3",
            "ing",
            "ship",
        ];
        for query in queries {
            for word in words(query) {
                let facts = |f| matches::facts(texts.layout(), f);
                let fast = matches::find(&texts, &word, None, true, &[], &facts).unwrap();
                let slow = by_hand(&texts, &word);
                assert!(
                    slow.best.iter().any(|&b| b != 0),
                    "`{query}` finds something"
                );
                assert_eq!(fast.best, slow.best, "`{query}`");
                assert_eq!(fast.fields, slow.fields, "`{query}`");
                assert_eq!(fast.key, slow.key, "`{query}`");
            }
        }
    }

    #[test]
    fn several_words_are_fitted_to_every_field_that_holds_them_all() {
        let texts = texts();
        let layout = texts.layout();
        let queries = [
            "reflecting mentoring",
            "coaching coaching",
            "level 3 coaching",
            "coach the",
            "l5 dip",
            "extended period of mentoring",
            "evaluer equipe",
            "évaluer équipe",
            "mentoring skills practice",
            "8578 302",
        ];
        for query in queries {
            let words = words(query);
            let matches: Vec<Matches> = words.iter().map(|w| by_hand(&texts, w)).collect();
            let mut fitter = Fitter::default();
            let mut fast = Matches::new(layout, true);
            for e in (0..layout.entries().len()).filter(|&e| matches.iter().all(|m| m.found(e))) {
                if let Some((rank, f, key)) =
                    matches::together(&texts, &words, &matches, e, &mut fitter)
                {
                    fast.best[e] = Rank::at_field(rank, matches::field_bit(layout, e, f) as usize);
                    fast.key[e] = key;
                }
            }
            let mut slow = Matches::new(layout, true);
            for (e, entry) in layout.entries().iter().enumerate() {
                if !matches.iter().all(|m| m.found(e)) {
                    continue;
                }
                for f in entry.fields() {
                    let outcome = layout.kind(f) == FieldKind::Outcome;
                    if outcome && !words.iter().all(|w| w.in_outcomes) {
                        continue;
                    }
                    if let Some(fit) = Fitter::default().fit(texts.folded(f), &words, None) {
                        slow.best_of(layout, e, f, &fit);
                    }
                }
            }
            assert_eq!(fast.best, slow.best, "`{query}`");
            assert_eq!(fast.key, slow.key, "`{query}`");
        }
    }

    #[test]
    fn an_empty_query_or_one_of_punctuation_finds_nothing() {
        let texts = texts();
        for query in ["", "   ", "-", "—", "..."] {
            assert_eq!(search_once(&texts, query, 10), SearchResults::default());
        }
    }

    #[test]
    fn positions_are_characters_of_texts_beyond_ascii() {
        let texts = texts();
        let hit = search_once(&texts, "equipe", 1).hits.remove(0);
        assert_eq!(hit.title, "Évaluer l’Équipe: Évaluer");
        // Nothing holds "equipe" as written (É is not E): letters in order.
        let hits = search_once(&texts, "équipe", 1).hits;
        assert_eq!(hits[0].title_positions, (10..16).collect::<Vec<_>>());
    }
}
