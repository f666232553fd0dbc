//! What the query's words matched, entry by entry: each word alone
//! (`Matches`, looked up in the vocabularies) and all the words in one
//! field (`together`, fitted to the fields that hold every word).

use super::Word;
use super::rank::{
    Closeness, Fit, Fitter, KeyMatch, LAST_FIELD, Place, Position, Quality, Rank, alone,
};
use crate::catalogue::{FieldKind, FieldSource, LookedUp, Postings, TextLayout, Within};

/// What a field gives the rank of a word found in it, wherever in the
/// field: worked out once per field for an index held in memory.
#[derive(Clone, Copy, Debug)]
pub(super) struct FieldFacts {
    /// The packed rank of a word alone found inside a word of the field.
    rank: u64,
    /// The entry the field belongs to.
    entry: u32,
    /// The field's bit in `Matches::fields`.
    bit: u8,
    key: bool,
}

/// The facts of field `f`.
pub(super) fn facts(layout: &TextLayout, f: usize) -> FieldFacts {
    let e = layout.owner(f);
    let kind = layout.kind(f);
    let alone = Fit {
        closeness: Closeness::Phrase,
        position: Position::Elsewhere,
        quality: Quality::Inside as u32,
        span: 1,
    };
    let current = layout.entries()[e].current;
    let bit = field_bit(layout, e, f);
    let rank = Rank::new(&alone, Place::from(kind), current, layout.chars(f)).pack();
    FieldFacts {
        rank: Rank::at_field(rank, bit as usize),
        entry: e as u32,
        bit: bit as u8,
        key: kind == FieldKind::Key,
    }
}

/// The facts of every field, for an index held in memory.
pub(super) struct AllFacts(Vec<FieldFacts>);

impl AllFacts {
    pub fn new(layout: &TextLayout) -> AllFacts {
        AllFacts(
            (0..layout.field_count())
                .map(|f| facts(layout, f))
                .collect(),
        )
    }

    pub fn get(&self, f: usize) -> FieldFacts {
        self.0[f]
    }
}

/// What one query word matched in each entry.
pub(super) struct Matches {
    /// Each entry's best match, as a packed `Rank` of the word alone, at
    /// its field (`Rank::at_field`); 0 where the word was not found.
    pub best: Vec<u64>,
    /// The fields of each entry holding the word, a bit for each in the
    /// entry's order (codes, title, outcomes); the 64th and later share
    /// the last bit.
    pub fields: Vec<u64>,
    /// How the word matches a code or id of each entry.
    pub key: Vec<KeyMatch>,
    /// Whether `fields` is kept: only several words need it.
    several: bool,
}

impl Matches {
    /// Matches to fill in, for one of `several` words or the only one.
    pub fn new(layout: &TextLayout, several: bool) -> Matches {
        let n = layout.entries().len();
        Matches {
            best: vec![0; n],
            fields: vec![0; if several { n } else { 0 }],
            key: vec![KeyMatch::None; n],
            several,
        }
    }

    /// Notes the word found in a field whose `facts` those are, where and
    /// how whole.
    pub fn add(&mut self, facts: FieldFacts, position: Position, quality: Quality) {
        let e = facts.entry as usize;
        let rank = Rank::with_word(facts.rank, position, quality);
        self.best[e] = self.best[e].max(rank);
        if self.several {
            self.fields[e] |= 1 << facts.bit;
        }
        if facts.key {
            let fit = Fit {
                closeness: Closeness::Phrase,
                position,
                quality: quality as u32,
                span: 1,
            };
            self.key[e] = self.key[e].max(KeyMatch::of(&fit));
        }
    }

    /// Keeps `fit` in field `f` of entry `e` if it is the entry's best.
    #[cfg(test)]
    pub fn best_of(&mut self, layout: &TextLayout, e: usize, f: usize, fit: &Fit) {
        let kind = layout.kind(f);
        let current = layout.entries()[e].current;
        let rank = Rank::new(fit, Place::from(kind), current, layout.chars(f)).pack();
        let rank = Rank::at_field(rank, field_bit(layout, e, f) as usize);
        self.best[e] = self.best[e].max(rank);
        if kind == FieldKind::Key {
            self.key[e] = self.key[e].max(KeyMatch::of(fit));
        }
    }

    pub fn found(&self, e: usize) -> bool {
        self.best[e] != 0
    }

    /// The field of entry `e` where `word` (these are its matches) is best
    /// found, of those it is found in.
    pub fn field(&self, texts: &dyn FieldSource, e: usize, word: &Word) -> usize {
        let layout = texts.layout();
        let entry = &layout.entries()[e];
        let local = Rank::field(self.best[e]);
        let mut fields = entry.fields().skip(local);
        if local < LAST_FIELD as usize {
            return fields.next().unwrap_or(entry.title());
        }
        // Past the fields a rank tells apart: the best of those later ones.
        let mut fitter = Fitter::default();
        fields
            .filter(|&f| layout.kind(f) != FieldKind::Outcome || word.in_outcomes)
            .filter_map(|f| {
                let fit = fitter.fit(&texts.folded(f), std::slice::from_ref(word), None)?;
                let kind = Place::from(layout.kind(f));
                Some((
                    Rank::new(&fit, kind, entry.current, layout.chars(f)).pack(),
                    f,
                ))
            })
            .reduce(|best, next| if next.0 > best.0 { next } else { best })
            .map_or(entry.title(), |(_, f)| f)
    }
}

/// The bit of `Matches::fields` that stands for field `f` of entry `e`.
pub(super) fn field_bit(layout: &TextLayout, e: usize, f: usize) -> u32 {
    let entry = &layout.entries()[e];
    let names = entry.title() + 1 - entry.keys().start;
    let local = if f < layout.names_end() {
        f - entry.keys().start
    } else {
        names + f - entry.outcomes().start
    };
    local.min(63) as u32
}

/// A query word looked up in the vocabularies of the fields that may hold
/// it, and how many places it is in.
pub(super) struct LookUp<'a> {
    names: LookedUp<'a>,
    outcomes: Option<LookedUp<'a>>,
    pub count: usize,
}

pub(super) fn look_up<'a>(texts: &dyn FieldSource, word: &'a Word) -> LookUp<'a> {
    let bytes = word.text.as_bytes();
    let names = texts.names().look_up(bytes, &word.finder);
    let outcomes = word
        .in_outcomes
        .then(|| texts.outcomes().look_up(bytes, &word.finder));
    let count =
        texts.names().count(&names) + outcomes.as_ref().map_or(0, |o| texts.outcomes().count(o));
    LookUp {
        names,
        outcomes,
        count,
    }
}

/// Looking through a posting costs about this many times less than
/// fitting a word to a field.
const POSTINGS_PER_FIELD: usize = 20;

/// Fields this few are searched one by one for a short word, which is in
/// too many places to be worth looking up.
const FEW_FIELDS: usize = 4096;

/// Every place `word` (`looked_up`, if it has been), one of `several`
/// words, is found in the entries that hold all the `earlier` ones
/// (`facts` gives each field's facts); `None` if the vocabularies could
/// not be read.
pub(super) fn find(
    texts: &dyn FieldSource,
    word: &Word,
    looked_up: Option<&LookUp>,
    several: bool,
    earlier: &[Matches],
    facts: &impl Fn(usize) -> FieldFacts,
) -> Option<Matches> {
    let layout = texts.layout();
    if let [first, ..] = earlier {
        // Few fields left: fitting the word to them is quicker than
        // looking through every place it is in.
        let most = looked_up.map_or(FEW_FIELDS, |l| l.count / POSTINGS_PER_FIELD);
        let mut left = Vec::new();
        let mut fields = 0;
        for e in (0..first.best.len()).filter(|&e| earlier.iter().all(|m| m.found(e))) {
            let entry = &layout.entries()[e];
            fields += entry.keys().len() + 1;
            if word.in_outcomes {
                fields += entry.outcomes().len();
            }
            if fields > most {
                break;
            }
            left.push(e);
        }
        if fields <= most {
            return Some(find_in(texts, word, &left, facts));
        }
    }
    let looked_up_now;
    let looked_up = match looked_up {
        Some(l) => l,
        None => {
            looked_up_now = look_up(texts, word);
            &looked_up_now
        }
    };
    let mut matches = Matches::new(layout, several);
    let mut add = |within: Within, postings: Postings| {
        let quality = if within.whole {
            Quality::Whole
        } else {
            Quality::of(within.at_start, false)
        };
        for posting in postings {
            let facts = facts(posting.field);
            if !earlier.iter().all(|m| m.found(facts.entry as usize)) {
                continue;
            }
            let first = posting.first && within.at_start;
            let position = if first && within.whole && posting.only {
                Position::Whole
            } else if first {
                Position::Start
            } else {
                Position::Elsewhere
            };
            matches.add(facts, position, quality);
        }
    };
    let mut intact = texts.names().postings_of(&looked_up.names, &mut add);
    if let Some(outcomes) = &looked_up.outcomes {
        intact &= texts.outcomes().postings_of(outcomes, &mut add);
    }
    intact.then_some(matches)
}

/// `find` in `entries` alone, one of several words: by fitting `word` to
/// each of their fields.
fn find_in(
    texts: &dyn FieldSource,
    word: &Word,
    entries: &[usize],
    facts: &impl Fn(usize) -> FieldFacts,
) -> Matches {
    let layout = texts.layout();
    let mut matches = Matches::new(layout, true);
    for &e in entries {
        for f in layout.entries()[e].fields() {
            if layout.kind(f) == FieldKind::Outcome && !word.in_outcomes {
                break;
            }
            if let Some((position, quality, _)) = alone(&texts.folded(f), word) {
                matches.add(facts(f), position, quality);
            }
        }
    }
    matches
}

/// The best field of entry `e` holding every one of several words, all
/// of which it holds: the packed rank there (without `key`), the field,
/// and how the words match a code of the entry. `None` if no one field
/// holds them all.
pub(super) fn together(
    texts: &dyn FieldSource,
    words: &[Word],
    matches: &[Matches],
    e: usize,
    fitter: &mut Fitter,
) -> Option<(u64, usize, KeyMatch)> {
    let layout = texts.layout();
    let entry = &layout.entries()[e];
    let held = matches.iter().fold(u64::MAX, |all, m| all & m.fields[e]);
    let in_outcomes = words.iter().all(|w| w.in_outcomes);
    let mut best: Option<(u64, usize)> = None;
    let mut key = KeyMatch::None;
    for f in entry.fields() {
        let kind = layout.kind(f);
        // An outcome never beats a code or title holding the phrase.
        if kind == FieldKind::Outcome
            && (!in_outcomes || best.is_some_and(|(rank, _)| rank >= phrase_in_a_title()))
        {
            break;
        }
        if held & 1 << field_bit(layout, e, f) == 0 {
            continue;
        }
        let Some(fit) = fitter.fit(&texts.folded(f), words, None) else {
            continue;
        };
        if kind == FieldKind::Key {
            key = key.max(KeyMatch::of(&fit));
        }
        let current = entry.current;
        let rank = Rank::new(&fit, Place::from(kind), current, layout.chars(f)).pack();
        // Of equal fits, the entry's first field.
        if best.is_none_or(|(b, _)| rank > b) {
            best = Some((rank, f));
        }
    }
    best.map(|(rank, f)| (rank, f, key))
}

/// The lowest packed rank of a phrase in a title.
fn phrase_in_a_title() -> u64 {
    Rank {
        key: KeyMatch::None,
        closeness: Closeness::Phrase,
        place: Place::Title,
        position: Position::Elsewhere,
        quality: 0,
        current: false,
        span: std::cmp::Reverse(u32::MAX),
        length: std::cmp::Reverse(u32::MAX),
    }
    .pack()
}
