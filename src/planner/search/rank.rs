//! How hits are ranked: the one home of the rules docs/guide.md states.
//!
//! An entry's rank compares, in turn (each only breaking ties of those
//! before it):
//!
//! 1. how the query matches a code or id: the whole code, its start, or
//!    inside it;
//! 2. how close the words are in the best field: the whole phrase, all in
//!    order and close together, close together in any order, anywhere in the
//!    one field, or spread over several fields;
//! 3. which field that is: a code or id, the title, or a learning outcome;
//! 4. where the phrase is in the field: the whole field, its start, or
//!    elsewhere;
//! 5. how whole the words are: a whole word, the start of one, or inside one;
//! 6. the edition on sale before the older one;
//! 7. the tighter match (fewer words from the first to the last), then the
//!    shorter field;
//! 8. qualifications before units, by id or code.
//!
//! A rank packs into a `u64` that compares the same way, so that the best
//! of thousands of entries is kept with one integer comparison each.

use super::Word;
use crate::catalogue::FieldKind;
use std::ops::Range;

/// How the query matches a code or id.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum KeyMatch {
    None,
    Inside,
    Start,
    Whole,
}

/// How close together the query's words are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Closeness {
    /// Over several fields: no one field holds every word.
    Spread,
    /// All in one field, far apart.
    Scattered,
    /// Within a few words of each other, in any order.
    Close,
    /// In the order typed, within a few words of each other.
    InOrder,
    /// One after another, as typed.
    Phrase,
}

/// Which field matched, weakest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Place {
    Outcome,
    Title,
    Key,
}

impl From<FieldKind> for Place {
    fn from(kind: FieldKind) -> Place {
        match kind {
            FieldKind::Key => Place::Key,
            FieldKind::Title => Place::Title,
            FieldKind::Outcome => Place::Outcome,
        }
    }
}

/// Where in its field a phrase is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Position {
    Elsewhere,
    /// It starts the field.
    Start,
    /// It is the whole field.
    Whole,
}

/// How a query word sits in the word of the text it was found in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Quality {
    Inside,
    Start,
    Whole,
}

impl Quality {
    pub fn of(at_start: bool, at_end: bool) -> Quality {
        match (at_start, at_end) {
            (true, true) => Quality::Whole,
            (true, false) => Quality::Start,
            _ => Quality::Inside,
        }
    }

    fn points(self) -> u32 {
        self as u32
    }
}

impl KeyMatch {
    /// What a fit in a code or id says about the query as a code.
    pub fn of(fit: &Fit) -> KeyMatch {
        match (fit.closeness, fit.position) {
            (Closeness::Phrase, Position::Whole) => KeyMatch::Whole,
            (Closeness::Phrase, Position::Start) => KeyMatch::Start,
            (Closeness::Phrase, Position::Elsewhere) => KeyMatch::Inside,
            _ => KeyMatch::None,
        }
    }
}

/// How the query's words sit in one field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Fit {
    pub closeness: Closeness,
    pub position: Position,
    /// Two points for each whole word, one for each word start.
    pub quality: u32,
    /// Words from the first matched to the last.
    pub span: u32,
}

/// An entry's rank, in the order the rules compare (see the module).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct Rank {
    pub key: KeyMatch,
    pub closeness: Closeness,
    pub place: Place,
    pub position: Position,
    pub quality: u32,
    pub current: bool,
    pub span: std::cmp::Reverse<u32>,
    pub length: std::cmp::Reverse<u32>,
}

/// Words may be this many words apart in all and still be close together.
const CLOSE_EXTRA: usize = 3;

// Bits of the packed rank, from the lowest. The lowest say which field of
// its entry a rank is of (its place among the entry's fields, the 64th and
// later sharing the last): they break no ties between entries, and between
// fields of one entry favour the first.
const FIELD_BITS: u32 = 6;
const LENGTH_BITS: u32 = 14;
const SPAN_BITS: u32 = 12;
const QUALITY_BITS: u32 = 8;
const LENGTH_AT: u32 = FIELD_BITS;
const SPAN_AT: u32 = LENGTH_AT + LENGTH_BITS;
const CURRENT_AT: u32 = SPAN_AT + SPAN_BITS;
const QUALITY_AT: u32 = CURRENT_AT + 1;
const POSITION_AT: u32 = QUALITY_AT + QUALITY_BITS;
const PLACE_AT: u32 = POSITION_AT + 2;
const CLOSENESS_AT: u32 = PLACE_AT + 2;
const KEY_AT: u32 = CLOSENESS_AT + 3;

/// The last field a packed rank tells apart from later ones.
pub(super) const LAST_FIELD: u64 = (1 << FIELD_BITS) - 1;

fn capped(value: u32, bits: u32) -> u64 {
    u64::from(value.min((1 << bits) - 1))
}

impl Rank {
    /// The rank of `fit` in a field of `place` and `length` characters.
    pub fn new(fit: &Fit, place: Place, current: bool, length: usize) -> Rank {
        Rank {
            key: KeyMatch::None,
            closeness: fit.closeness,
            place,
            position: fit.position,
            quality: fit.quality,
            current,
            span: std::cmp::Reverse(fit.span),
            length: std::cmp::Reverse(u32::try_from(length).unwrap_or(u32::MAX)),
        }
    }

    /// Packs the rank into an integer that orders as the rank does. Very
    /// long spans and fields count as the longest that fit; no real field
    /// comes near (a text is at most 10,000 characters).
    pub fn pack(&self) -> u64 {
        let length = (1 << LENGTH_BITS) - 1 - capped(self.length.0, LENGTH_BITS);
        let span = (1 << SPAN_BITS) - 1 - capped(self.span.0, SPAN_BITS);
        length << LENGTH_AT
            | span << SPAN_AT
            | u64::from(self.current) << CURRENT_AT
            | capped(self.quality, QUALITY_BITS) << QUALITY_AT
            | (self.position as u64) << POSITION_AT
            | (self.place as u64) << PLACE_AT
            | (self.closeness as u64) << CLOSENESS_AT
            | (self.key as u64) << KEY_AT
    }

    /// `packed`, the rank of a word found inside a word of its field, for
    /// the word found at `position` with `quality` instead.
    pub fn with_word(packed: u64, position: Position, quality: Quality) -> u64 {
        packed + ((position as u64) << POSITION_AT) + ((quality as u64) << QUALITY_AT)
    }

    /// A packed rank of the field at place `local` among its entry's.
    pub fn at_field(packed: u64, local: usize) -> u64 {
        packed | (LAST_FIELD - local.min(LAST_FIELD as usize) as u64)
    }

    /// The place among its entry's fields of the field a packed rank is of
    /// (`LAST_FIELD` for that and any later one).
    pub fn field(packed: u64) -> usize {
        (LAST_FIELD - (packed & LAST_FIELD)) as usize
    }

    /// A packed rank with `key` for how the query matches a code.
    pub fn with_key(packed: u64, key: KeyMatch) -> u64 {
        packed & !(3 << KEY_AT) | (key as u64) << KEY_AT
    }

    /// The field and word points of a packed rank.
    pub fn place_and_quality(packed: u64) -> (Place, u32) {
        let place = match (packed >> PLACE_AT) & 3 {
            0 => Place::Outcome,
            1 => Place::Title,
            _ => Place::Key,
        };
        (
            place,
            ((packed >> QUALITY_AT) & ((1 << QUALITY_BITS) - 1)) as u32,
        )
    }
}

/// The words of a folded field: their byte ranges.
fn tokens(text: &str, into: &mut Vec<Range<usize>>) {
    into.clear();
    let mut start = None;
    for (i, &b) in text.as_bytes().iter().enumerate() {
        match (b == b' ', start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                into.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        into.push(s..text.len());
    }
}

/// A query word found in a word of a field.
#[derive(Clone, Copy, Debug)]
struct Found {
    token: usize,
    /// How whole it is, at its best in that word.
    quality: Quality,
    /// Bytes of the field where it is first found in that word.
    at: (usize, usize),
}

/// Fits the query's words to fields, with room to work kept from one
/// field to the next.
#[derive(Default)]
pub(super) struct Fitter {
    tokens: Vec<Range<usize>>,
    found: Vec<Found>,
    bounds: Vec<usize>,
    /// Words of the text and the query words they hold, for `window`.
    holding: Vec<(usize, usize)>,
    counts: Vec<usize>,
}

impl Fitter {
    /// How every word of the query sits in `text`, a folded field; `None`
    /// unless every word is in it. With `marks`, also the byte ranges of
    /// the text that matched, to highlight.
    pub fn fit(
        &mut self,
        text: &str,
        words: &[Word],
        marks: Option<&mut Vec<Range<usize>>>,
    ) -> Option<Fit> {
        if let [word] = words {
            let (position, quality, range) = alone(text, word)?;
            if let Some(marks) = marks {
                marks.push(range);
            }
            return Some(Fit {
                closeness: Closeness::Phrase,
                position,
                quality: quality.points(),
                span: 1,
            });
        }
        if let Some((position, quality, range)) = phrase(text, words) {
            if let Some(marks) = marks {
                marks.push(range);
            }
            return Some(Fit {
                closeness: Closeness::Phrase,
                position,
                quality,
                span: words.len() as u32,
            });
        }
        let Fitter {
            tokens: token_ranges,
            found,
            bounds,
            ..
        } = self;
        tokens(text, token_ranges);
        // Where each word was found, word by word, in the order of the text.
        found.clear();
        bounds.clear();
        bounds.push(0);
        for word in words {
            let mut token = 0;
            let first = found.len();
            for at in word.finder.find_iter(text.as_bytes()) {
                while token_ranges[token].end <= at {
                    token += 1;
                }
                let t = &token_ranges[token];
                let end = at + word.text.len();
                let quality = Quality::of(at == t.start, end == t.end);
                let again = found.len() > first;
                match found.last_mut() {
                    // Found again in the same word: at its best there.
                    Some(f) if again && f.token == token => f.quality = f.quality.max(quality),
                    _ => found.push(Found {
                        token,
                        quality,
                        at: (at, end),
                    }),
                }
            }
            if found.len() == first {
                return None;
            }
            bounds.push(found.len());
        }
        let (found, bounds) = (&*found, &*bounds);
        let n = words.len();
        let group = |k: usize| &found[bounds[k]..bounds[k + 1]];
        let best = |k: usize| {
            group(k)
                .iter()
                .reduce(|best, f| if f.quality > best.quality { f } else { best })
                .copied()
        };
        let quality = (0..n).filter_map(best).map(|f| f.quality.points()).sum();
        let close = n + CLOSE_EXTRA;
        let (closeness, span, chosen) = match in_order(&group, n) {
            Some((span, chosen)) if span <= close => (Closeness::InOrder, span, chosen),
            _ => {
                let window = window(found, bounds, &mut self.holding, &mut self.counts);
                let closeness = if window <= close {
                    Closeness::Close
                } else {
                    Closeness::Scattered
                };
                (closeness, window, (0..n).filter_map(best).collect())
            }
        };
        if let Some(marks) = marks {
            marks.extend(chosen.iter().map(|f| f.at.0..f.at.1));
        }
        Some(Fit {
            closeness,
            position: Position::Elsewhere,
            quality,
            span: span as u32,
        })
    }
}

/// The query's words as a whole phrase in `text`, at its best place: where
/// it is, its points and bytes. Each word after the first starts a word of
/// the text straight after the one before; each before the last ends one.
fn phrase(text: &str, words: &[Word]) -> Option<(Position, u32, Range<usize>)> {
    let bytes = text.as_bytes();
    let space = |at: usize| bytes.get(at).is_none_or(|&b| b == b' ');
    let mut best: Option<(Position, u32, Range<usize>)> = None;
    for at in words[0].finder.find_iter(bytes) {
        let mut end = at + words[0].text.len();
        if !space(end) {
            continue;
        }
        let first_whole = at == 0 || bytes[at - 1] == b' ';
        let mut quality = if first_whole { 2 } else { 0 };
        let mut whole = true;
        for (k, word) in words.iter().enumerate().skip(1) {
            let start = end + bytes[end..].iter().take_while(|&&b| b == b' ').count();
            if start == end || !bytes[start..].starts_with(word.text.as_bytes()) {
                whole = false;
                break;
            }
            end = start + word.text.len();
            let ends = space(end);
            if !ends && k < words.len() - 1 {
                whole = false;
                break;
            }
            quality += if ends { 2 } else { 1 };
        }
        if !whole {
            continue;
        }
        let starts = first_whole && bytes[..at].iter().all(|&b| b == b' ');
        let position = if starts && bytes[end..].iter().all(|&b| b == b' ') {
            Position::Whole
        } else if starts {
            Position::Start
        } else {
            Position::Elsewhere
        };
        if best
            .as_ref()
            .is_none_or(|(p, q, _)| (position, quality) > (*p, *q))
        {
            best = Some((position, quality, at..end));
        }
    }
    best
}

/// Where one query word is best found in `text`, a folded field (the whole
/// field, its start, elsewhere; then how whole), and its bytes: the fit of
/// a query of one word, which needs no words of the text worked out.
pub(super) fn alone(text: &str, word: &Word) -> Option<(Position, Quality, Range<usize>)> {
    let bytes = text.as_bytes();
    let mut best: Option<(Position, Quality, Range<usize>)> = None;
    for at in word.finder.find_iter(bytes) {
        let end = at + word.text.len();
        let at_start = at == 0 || bytes[at - 1] == b' ';
        let at_end = end == bytes.len() || bytes[end] == b' ';
        let first = at_start && bytes[..at].iter().all(|&b| b == b' ');
        let position = if first && at_end && bytes[end..].iter().all(|&b| b == b' ') {
            Position::Whole
        } else if first {
            Position::Start
        } else {
            Position::Elsewhere
        };
        let quality = Quality::of(at_start, at_end);
        if best
            .as_ref()
            .is_none_or(|(p, q, _)| (position, quality) > (*p, *q))
        {
            best = Some((position, quality, at..end));
        }
    }
    best
}

/// The fewest words from first to last that hold the query's words in
/// order, each in a later word of the text than the one before; and where.
fn in_order<'a>(group: &impl Fn(usize) -> &'a [Found], n: usize) -> Option<(usize, Vec<Found>)> {
    let mut best: Option<(usize, Vec<Found>)> = None;
    let mut chosen = Vec::with_capacity(n);
    for first in group(0) {
        chosen.clear();
        chosen.push(*first);
        for k in 1..n {
            let after = chosen[k - 1].token;
            match group(k).iter().find(|f| f.token > after) {
                Some(f) => chosen.push(*f),
                None => break,
            }
        }
        if chosen.len() < n {
            // No later start can do better.
            break;
        }
        let span = chosen[n - 1].token - first.token + 1;
        if best.as_ref().is_none_or(|(s, _)| span < *s) {
            best = Some((span, chosen.clone()));
        }
    }
    best
}

/// The fewest words in a row of the text that hold every query word, in
/// any order.
fn window(
    found: &[Found],
    bounds: &[usize],
    holding: &mut Vec<(usize, usize)>,
    counts: &mut Vec<usize>,
) -> usize {
    let n = bounds.len() - 1;
    // Each word of the text with a query word it holds, in the text's order.
    holding.clear();
    for (k, w) in bounds.windows(2).enumerate() {
        holding.extend(found[w[0]..w[1]].iter().map(|f| (f.token, k)));
    }
    holding.sort_unstable();
    // Slide a window along them, as short as it can be at each end.
    counts.clear();
    counts.resize(n, 0);
    let mut held = 0;
    let mut best = usize::MAX;
    let mut left = 0;
    for &(token, k) in holding.iter() {
        counts[k] += 1;
        if counts[k] == 1 {
            held += 1;
        }
        while held == n {
            let (first, gone) = holding[left];
            best = best.min(token - first + 1);
            counts[gone] -= 1;
            if counts[gone] == 0 {
                held -= 1;
            }
            left += 1;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::fold;

    fn words(query: &str) -> Vec<Word> {
        super::super::words(query)
    }

    fn fit_of(text: &str, query: &str) -> Option<Fit> {
        Fitter::default().fit(&fold(text), &words(query), None)
    }

    fn closeness(text: &str, query: &str) -> Option<Closeness> {
        fit_of(text, query).map(|f| f.closeness)
    }

    #[test]
    fn closeness_runs_from_the_phrase_to_scattered_words() {
        let title = "Undertaking an Extended Period of Management Coaching or Mentoring";
        assert_eq!(
            closeness(title, "period of management"),
            Some(Closeness::Phrase)
        );
        // Ends and starts of words join a phrase: "xtended peri".
        assert_eq!(closeness(title, "xtended peri"), Some(Closeness::Phrase));
        // ...but a word inside another does not.
        assert_eq!(closeness(title, "tende peri"), Some(Closeness::InOrder));
        assert_eq!(
            closeness(title, "extended management"),
            Some(Closeness::InOrder)
        );
        assert_eq!(
            closeness(title, "management extended"),
            Some(Closeness::Close)
        );
        assert_eq!(
            closeness(title, "undertaking mentoring"),
            Some(Closeness::Scattered)
        );
        assert_eq!(
            closeness(title, "mentoring undertaking"),
            Some(Closeness::Scattered)
        );
        assert_eq!(closeness(title, "undertaking supervised"), None);
        // Punctuation separates words as a space does.
        assert_eq!(closeness("8578-302", "8578 302"), Some(Closeness::Phrase));
        assert_eq!(
            closeness("Skills, Principles", "skills principles"),
            Some(Closeness::Phrase)
        );
    }

    #[test]
    fn a_phrase_knows_where_it_is_and_how_whole_its_words_are() {
        let at = |text: &str, query: &str| {
            let f = fit_of(text, query).unwrap();
            (f.position, f.quality, f.span)
        };
        assert_eq!(at("8578-302", "8578-302"), (Position::Whole, 4, 2));
        assert_eq!(at("8578-302", "8578-30"), (Position::Start, 3, 2));
        assert_eq!(at("old-l5-dip-cm", "l5 dip"), (Position::Elsewhere, 4, 2));
        assert_eq!(at("Coaching Skills", "coach"), (Position::Start, 1, 1));
        assert_eq!(
            at("Reflecting on Skills", "flect"),
            (Position::Elsewhere, 0, 1)
        );
        // Of two places, the better: here the whole word, later.
        assert_eq!(at("Coaching for a coach", "coach"), (Position::Start, 1, 1));
        assert_eq!(
            at("For a coach, coaching", "coach"),
            (Position::Elsewhere, 2, 1)
        );
        // Words apart: each word's best, and the fewest words spanned.
        let f = fit_of(
            "Planning and Reviewing Own Mentoring Practice",
            "planning practice",
        )
        .unwrap();
        assert_eq!(
            (f.closeness, f.quality, f.span),
            (Closeness::Scattered, 4, 6)
        );
        let f = fit_of("Coaching and Mentoring", "mentoring coach").unwrap();
        assert_eq!((f.closeness, f.quality, f.span), (Closeness::Close, 3, 3));
    }

    #[test]
    fn marks_cover_the_phrase_or_each_word() {
        fn marked<'a>(text: &'a str, query: &str) -> Vec<&'a str> {
            let folded = fold(text);
            let mut marks = Vec::new();
            Fitter::default()
                .fit(&folded, &words(query), Some(&mut marks))
                .unwrap();
            marks.iter().map(|r| &text[r.clone()]).collect()
        }
        assert_eq!(
            marked("Extended Period of Mentoring", "period of ment"),
            ["Period of Ment"]
        );
        assert_eq!(marked("l5-dip-cm", "l5 dip"), ["l5-dip"]);
        assert_eq!(
            marked("Reflecting on Workplace Mentoring", "reflect mentor"),
            ["Reflect", "Mentor"]
        );
    }

    #[test]
    fn a_packed_rank_orders_as_the_rank_does() {
        use std::cmp::Reverse;
        let keys = [
            KeyMatch::None,
            KeyMatch::Inside,
            KeyMatch::Start,
            KeyMatch::Whole,
        ];
        let closeness = [
            Closeness::Spread,
            Closeness::Scattered,
            Closeness::Close,
            Closeness::InOrder,
            Closeness::Phrase,
        ];
        let places = [Place::Outcome, Place::Title, Place::Key];
        let positions = [Position::Elsewhere, Position::Start, Position::Whole];
        let mut ranks = Vec::new();
        for key in keys {
            for closeness in closeness {
                for place in places {
                    for position in positions {
                        for quality in [0, 1, 7] {
                            for current in [false, true] {
                                for span in [1, 4, 4095] {
                                    for length in [1, 60, 16_383] {
                                        ranks.push(Rank {
                                            key,
                                            closeness,
                                            place,
                                            position,
                                            quality,
                                            current,
                                            span: Reverse(span),
                                            length: Reverse(length),
                                        });
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        ranks.sort();
        for pair in ranks.windows(2) {
            assert!(
                pair[0].pack() < pair[1].pack(),
                "{:?} {:?}",
                pair[0],
                pair[1]
            );
        }
        // Spans and lengths past what the bits hold count as the longest.
        let rank = ranks[ranks.len() / 3];
        let longer = Rank {
            span: Reverse(5000),
            length: Reverse(20_000),
            ..rank
        };
        let longest = Rank {
            span: Reverse(4095),
            length: Reverse(16_383),
            ..rank
        };
        assert_eq!(longer.pack(), longest.pack());
        assert_eq!(
            Rank::place_and_quality(rank.pack()),
            (rank.place, rank.quality)
        );
        assert_eq!(
            Rank::with_key(rank.pack(), KeyMatch::Start) >> KEY_AT,
            KeyMatch::Start as u64
        );
    }
}
