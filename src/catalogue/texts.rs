//! The words of every qualification and unit as search reads them: ids and
//! codes, titles, and learning outcomes with their assessment criteria.
//!
//! Each of those texts is a *field*. The fields are kept twice, in two long
//! texts: as written, for showing, and folded (lower case, every character
//! that is not a letter or a digit a space), for matching; each field is
//! followed by a line break. Folding maps each character to exactly one
//! character, so a character's position is the same in both. A
//! `TextLayout` says where each field is.
//!
//! The texts are held in memory (`SearchTexts`, for the app's search as
//! you type) or read from the compiled copy in the cache a piece at a time
//! (`StoredTexts`, for a one-shot search, which then touches little memory
//! and never loads the catalogue itself). Search reads either through
//! `FieldSource`.

use super::Catalogue;
use super::cache::StoredText;
use super::vocabulary::Vocabulary;
use std::borrow::Cow;
use std::ops::Range;

/// A qualification or a unit, as search sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TextEntry {
    pub unit: bool,
    /// In the edition on sale (not the older one).
    pub current: bool,
    /// Its id (or codes, primary first) are fields `names..names + keys`,
    /// and its title is field `names + keys`.
    names: u32,
    keys: u32,
    /// Its outcomes and criteria are fields `outcomes..outcomes + outcome_count`.
    outcomes: u32,
    outcome_count: u32,
}

impl TextEntry {
    /// The fields holding its id or codes.
    pub fn keys(&self) -> Range<usize> {
        self.names as usize..(self.names + self.keys) as usize
    }

    pub fn title(&self) -> usize {
        (self.names + self.keys) as usize
    }

    /// The fields holding its learning outcomes and criteria.
    pub fn outcomes(&self) -> Range<usize> {
        self.outcomes as usize..(self.outcomes + self.outcome_count) as usize
    }

    /// All its fields: codes or id, title, outcomes.
    pub fn fields(&self) -> impl Iterator<Item = usize> {
        self.keys().chain([self.title()]).chain(self.outcomes())
    }
}

/// What a field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldKind {
    Key,
    Title,
    Outcome,
}

/// Where every field is, and whose it is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TextLayout {
    /// Qualifications by id, then units by code: the order ties are listed in.
    entries: Vec<TextEntry>,
    /// Where each field starts in the folded text, and its end. The codes,
    /// ids and titles of all entries come first, then all outcomes.
    folded_at: Vec<u32>,
    /// Where each field starts in the shown text; `None` when every text is
    /// ASCII, so that the shown text's fields are where the folded text's are.
    shown_at: Option<Vec<u32>>,
    /// Each field's characters, when not every text is ASCII.
    chars: Option<Vec<u32>>,
    /// The first outcome field: fields before it are codes, ids and titles.
    names_end: u32,
    pub(super) shown_len: u32,
    /// The entry each field belongs to (worked out, not stored).
    owner: Vec<u32>,
}

/// Folds `text` for matching: lower case, one character for each.
pub fn fold(text: &str) -> String {
    let mut folded = String::with_capacity(text.len());
    fold_into(text, &mut folded);
    folded
}

/// What a character folds to: lower case if a letter or a digit, else a
/// space.
fn fold_char(c: char) -> char {
    if c.is_alphanumeric() {
        c.to_lowercase().next().unwrap_or(c)
    } else {
        ' '
    }
}

fn fold_into(text: &str, out: &mut String) {
    if text.is_ascii() {
        out.extend(text.bytes().map(|b| {
            if b.is_ascii_alphanumeric() {
                char::from(b.to_ascii_lowercase())
            } else {
                ' '
            }
        }));
    } else {
        out.extend(text.chars().map(fold_char));
    }
}

fn offset(n: usize) -> u32 {
    u32::try_from(n).expect("a catalogue's texts fit in 4 GiB")
}

impl TextLayout {
    pub fn entries(&self) -> &[TextEntry] {
        &self.entries
    }

    pub fn field_count(&self) -> usize {
        self.owner.len()
    }

    /// The first outcome field; fields before it are codes, ids and titles.
    pub fn names_end(&self) -> usize {
        self.names_end as usize
    }

    /// Where field `f` starts in the folded text.
    pub fn folded_start(&self, f: usize) -> usize {
        self.folded_at[f] as usize
    }

    /// Field `f`'s bytes in the folded text, without its line break.
    pub fn folded_range(&self, f: usize) -> Range<usize> {
        self.folded_at[f] as usize..self.folded_at[f + 1] as usize - 1
    }

    /// Field `f`'s bytes in the shown text, without its line break.
    pub fn shown_range(&self, f: usize) -> Range<usize> {
        let at = self.shown_at.as_ref().unwrap_or(&self.folded_at);
        at[f] as usize..at[f + 1] as usize - 1
    }

    /// The field that holds byte `at` of the folded text, looking no
    /// earlier than field `from`: by strides doubling from there, as the
    /// next match is most often close by.
    pub fn field_at(&self, at: usize, from: usize) -> usize {
        let starts = &self.folded_at[from + 1..];
        let mut stride = 1;
        while stride < starts.len() && starts[stride - 1] as usize <= at {
            stride *= 2;
        }
        let known = stride / 2;
        let end = stride.min(starts.len());
        from + known + starts[known..end].partition_point(|&start| start as usize <= at)
    }

    /// The entry field `f` belongs to.
    pub fn owner(&self, f: usize) -> usize {
        self.owner[f] as usize
    }

    pub fn kind(&self, f: usize) -> FieldKind {
        if f >= self.names_end as usize {
            FieldKind::Outcome
        } else if f == self.entries[self.owner[f] as usize].title() {
            FieldKind::Title
        } else {
            FieldKind::Key
        }
    }

    /// Whether every text is ASCII, so that a character is a byte.
    pub fn ascii(&self) -> bool {
        self.chars.is_none()
    }

    /// How many characters field `f` has.
    pub fn chars(&self, f: usize) -> usize {
        match &self.chars {
            Some(chars) => chars[f] as usize,
            None => self.folded_range(f).len(),
        }
    }

    pub(super) fn folded_len(&self) -> usize {
        self.folded_at[self.folded_at.len() - 1] as usize
    }

    /// Works out what is derived from the rest.
    fn finish(&mut self) {
        let mut owner = vec![0; self.folded_at.len() - 1];
        for (i, e) in self.entries.iter().enumerate() {
            owner[e.keys().start..=e.title()].fill(i as u32);
            owner[e.outcomes()].fill(i as u32);
        }
        self.owner = owner;
    }

    /// The layout as bytes, for the compiled copy in the cache.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = Vec::new();
        let mut put = |n: u32| bytes.extend_from_slice(&n.to_le_bytes());
        let fields = self.field_count();
        put(offset(self.entries.len()));
        put(offset(fields));
        put(self.names_end);
        put(self.shown_len);
        put(u32::from(self.shown_at.is_some()));
        for e in &self.entries {
            put(u32::from(e.unit) | u32::from(e.current) << 1);
            put(e.names);
            put(e.keys);
            put(e.outcomes);
            put(e.outcome_count);
        }
        let extra = self.shown_at.iter().chain(&self.chars);
        for &n in self.folded_at.iter().chain(extra.flatten()) {
            put(n);
        }
        bytes
    }

    /// A layout written by `to_bytes`; `None` unless every range holds, so
    /// that nothing read back can make a later lookup fail.
    pub fn from_bytes(bytes: &[u8]) -> Option<TextLayout> {
        let mut reader = Reader { bytes };
        let entry_count = reader.number()?;
        let field_count = reader.number()?;
        let names_end = reader.u32()?;
        let shown_len = reader.u32()?;
        let unicode = match reader.u32()? {
            0 => false,
            1 => true,
            _ => return None,
        };
        let mut entries = Vec::with_capacity(entry_count.min(bytes.len() / 20));
        for _ in 0..entry_count {
            let flags = reader.u32()?;
            entries.push(TextEntry {
                unit: flags & 1 != 0,
                current: flags & 2 != 0,
                names: reader.u32()?,
                keys: reader.u32()?,
                outcomes: reader.u32()?,
                outcome_count: reader.u32()?,
            });
        }
        let folded_at = reader.numbers(field_count.checked_add(1)?)?;
        let (shown_at, chars) = if unicode {
            (
                Some(reader.numbers(field_count + 1)?),
                Some(reader.numbers(field_count)?),
            )
        } else {
            (None, None)
        };
        if !reader.bytes.is_empty() {
            return None;
        }
        let mut layout = TextLayout {
            entries,
            folded_at,
            shown_at,
            chars,
            names_end,
            shown_len,
            owner: Vec::new(),
        };
        layout.holds_together().then(|| {
            layout.finish();
            layout
        })
    }

    /// Whether the layout is as `SearchTexts::new` makes it: every field at
    /// least its line break long, within its text; the entries' names, then
    /// their outcomes, covering the fields in turn.
    fn holds_together(&self) -> bool {
        let fields = self.folded_at.len() - 1;
        let in_order = |at: &[u32], len: u32| {
            at[0] == 0 && at[fields] == len && at.windows(2).all(|w| w[0] < w[1])
        };
        let shown_ok = match &self.shown_at {
            Some(at) => at.len() == fields + 1 && in_order(at, self.shown_len),
            None => self.shown_len == *self.folded_at.last().unwrap_or(&0),
        };
        let chars_ok = self.chars.as_ref().is_none_or(|c| c.len() == fields);
        let mut names = 0u32;
        let mut outcomes = self.names_end;
        let covered = self.entries.iter().all(|e| {
            let title = e.names.checked_add(e.keys);
            let fits = e.names == names
                && e.keys >= 1
                && title.is_some_and(|t| t < self.names_end)
                && e.outcomes == outcomes
                && e.outcomes
                    .checked_add(e.outcome_count)
                    .is_some_and(|n| n as usize <= fields);
            names = title.map_or(u32::MAX, |t| t.saturating_add(1));
            outcomes = outcomes.saturating_add(e.outcome_count);
            fits
        });
        in_order(&self.folded_at, self.folded_at[fields])
            && shown_ok
            && chars_ok
            && covered
            && names == self.names_end
            && outcomes as usize == fields
    }
}

/// Reads little-endian numbers off the front of a slice.
pub(super) struct Reader<'a> {
    pub bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.bytes.split_at_checked(n)?;
        self.bytes = rest;
        Some(head)
    }

    pub fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }

    pub fn number(&mut self) -> Option<usize> {
        self.u32().map(|n| n as usize)
    }

    pub fn numbers(&mut self, n: usize) -> Option<Vec<u32>> {
        let bytes = self.take(n.checked_mul(4)?)?;
        Some(
            bytes
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                .collect(),
        )
    }
}

/// How search reads fields, wherever they are kept.
pub trait FieldSource {
    fn layout(&self) -> &TextLayout;

    /// Calls `visit` with runs of whole fields from `fields`, in order,
    /// folded, each followed by its line break: the run's first field and
    /// its bytes (UTF-8 for a source that is not damaged).
    fn scan(&self, fields: Range<usize>, visit: &mut dyn FnMut(usize, &[u8]));

    /// Field `f`, folded.
    fn folded(&self, f: usize) -> Cow<'_, str>;

    /// Field `f` as written.
    fn shown(&self, f: usize) -> Cow<'_, str>;

    /// The words of the codes, ids and titles.
    fn names(&self) -> &Vocabulary;

    /// The words of the learning outcomes and criteria.
    fn outcomes(&self) -> &Vocabulary;
}

/// The texts of a whole catalogue and their vocabularies, in memory.
pub struct SearchTexts {
    layout: TextLayout,
    folded: String,
    shown: String,
    names: Vocabulary,
    outcomes: Vocabulary,
}

impl SearchTexts {
    pub fn new(c: &Catalogue) -> SearchTexts {
        let fields = Fields::new(c);
        // Room for every text, once, so that building never holds two
        // copies of the longest.
        let mut folded = String::with_capacity(fields.layout.folded_len());
        let mut shown = String::with_capacity(fields.layout.shown_len as usize);
        fields.each(|text| {
            fold_into(text, &mut folded);
            folded.push('\n');
            shown.push_str(text);
            shown.push('\n');
        });
        let layout = fields.layout;
        let field = |f: usize| Cow::Borrowed(&folded[layout.folded_range(f)]);
        let names = Vocabulary::new(0..layout.names_end(), field);
        let outcomes = Vocabulary::new(layout.names_end()..layout.field_count(), field);
        SearchTexts {
            names,
            outcomes,
            layout,
            folded,
            shown,
        }
    }

    pub fn layout(&self) -> &TextLayout {
        &self.layout
    }

    /// Field `f`, folded.
    pub fn folded(&self, f: usize) -> &str {
        &self.folded[self.layout.folded_range(f)]
    }

    /// Field `f` as written.
    pub fn shown(&self, f: usize) -> &str {
        &self.shown[self.layout.shown_range(f)]
    }
}

/// Every field of a catalogue in the order search lays them out (each
/// entry's names, then every entry's outcomes), and where each is: what
/// `SearchTexts` are made of, and what the compiled copy is written from a
/// field at a time, without the texts whole in memory.
pub(super) struct Fields<'a> {
    catalogue: &'a Catalogue,
    /// Each entry's qualification or unit.
    items: Vec<Item>,
    layout: TextLayout,
}

/// A qualification or a unit, by its place in the catalogue's list.
#[derive(Clone, Copy)]
struct Item {
    unit: bool,
    index: u32,
}

impl<'a> Fields<'a> {
    pub(super) fn new(c: &'a Catalogue) -> Fields<'a> {
        let qualifications = (0..c.qualifications.len()).map(|i| Item {
            unit: false,
            index: offset(i),
        });
        let units = (0..c.units.len()).map(|i| Item {
            unit: true,
            index: offset(i),
        });
        let mut fields = Fields {
            catalogue: c,
            items: qualifications.chain(units).collect(),
            layout: TextLayout::default(),
        };
        let mut keyed: Vec<(&str, Item)> = std::mem::take(&mut fields.items)
            .into_iter()
            .map(|item| (fields.keys(item).next().unwrap_or_default(), item))
            .collect();
        keyed.sort_by(|(a_key, a), (b_key, b)| a.unit.cmp(&b.unit).then(a_key.cmp(b_key)));
        let items: Vec<Item> = keyed.into_iter().map(|(_, item)| item).collect();
        let mut entries = Vec::with_capacity(items.len());
        let mut names = 0;
        for &item in &items {
            let keys = offset(fields.keys(item).count());
            entries.push(TextEntry {
                unit: item.unit,
                current: fields.current(item),
                names,
                keys,
                outcomes: 0,
                outcome_count: offset(fields.outcomes(item).count()),
            });
            names += keys + 1;
        }
        let mut outcomes = names;
        for e in &mut entries {
            e.outcomes = outcomes;
            outcomes += e.outcome_count;
        }
        fields.items = items;
        let count = outcomes as usize;
        let mut layout = TextLayout {
            entries,
            names_end: names,
            ..TextLayout::default()
        };
        layout.folded_at.reserve_exact(count + 1);
        let mut shown_at = Vec::with_capacity(count + 1);
        let mut chars = Vec::with_capacity(count);
        let (mut folded, mut shown, mut ascii) = (0, 0, true);
        fields.each(|text| {
            layout.folded_at.push(offset(folded));
            shown_at.push(offset(shown));
            let (bytes, count) = if text.is_ascii() {
                (text.len(), text.len())
            } else {
                ascii = false;
                let folded: usize = text.chars().map(|c| fold_char(c).len_utf8()).sum();
                (folded, text.chars().count())
            };
            chars.push(offset(count));
            folded += bytes + 1;
            shown += text.len() + 1;
        });
        layout.folded_at.push(offset(folded));
        shown_at.push(offset(shown));
        layout.shown_len = offset(shown);
        if !ascii {
            layout.shown_at = Some(shown_at);
            layout.chars = Some(chars);
        }
        layout.finish();
        fields.layout = layout;
        fields
    }

    /// An entry's id, or its codes (the primary one first).
    fn keys(&self, item: Item) -> impl Iterator<Item = &'a str> + use<'a> {
        let c = self.catalogue;
        let (id, codes) = if item.unit {
            (None, Some(c.units[item.index as usize].codes()))
        } else {
            let id = c.qualifications[item.index as usize].id.as_str();
            (Some(id), None)
        };
        id.into_iter().chain(codes.into_iter().flatten())
    }

    fn title(&self, item: Item) -> &'a str {
        let c = self.catalogue;
        if item.unit {
            &c.units[item.index as usize].title
        } else {
            &c.qualifications[item.index as usize].title
        }
    }

    fn current(&self, item: Item) -> bool {
        let c = self.catalogue;
        if item.unit {
            c.units[item.index as usize].edition == super::Edition::Current
        } else {
            c.qualifications[item.index as usize].is_on_sale()
        }
    }

    /// A unit's learning outcomes, each followed by its criteria.
    fn outcomes(&self, item: Item) -> impl Iterator<Item = &'a str> + use<'a> {
        let c = self.catalogue;
        let outcomes = if item.unit {
            c.units[item.index as usize].outcomes.as_slice()
        } else {
            &[]
        };
        outcomes.iter().flat_map(|o| {
            std::iter::once(o.text.as_str()).chain(o.criteria.iter().map(|c| c.text.as_str()))
        })
    }

    /// Calls `visit` with every field's text, in order.
    pub(super) fn each(&self, mut visit: impl FnMut(&'a str)) {
        for &item in &self.items {
            self.keys(item).for_each(&mut visit);
            visit(self.title(item));
        }
        for &item in &self.items {
            self.outcomes(item).for_each(&mut visit);
        }
    }

    pub(super) fn layout(&self) -> &TextLayout {
        &self.layout
    }

    /// Field `f` as written.
    pub(super) fn shown(&self, f: usize) -> &'a str {
        let e = self.layout.owner(f);
        let (entry, item) = (self.layout.entries[e], self.items[e]);
        let text = if f == entry.title() {
            Some(self.title(item))
        } else if f < entry.title() {
            self.keys(item).nth(f - entry.keys().start)
        } else {
            self.outcomes(item).nth(f - entry.outcomes().start)
        };
        text.unwrap_or_default()
    }

    /// Field `f`, folded.
    pub(super) fn folded(&self, f: usize) -> Cow<'a, str> {
        Cow::Owned(fold(self.shown(f)))
    }

    /// The vocabularies of the names and of the outcomes, folding each
    /// field as it is read.
    pub(super) fn vocabularies(&self) -> [Vocabulary; 2] {
        let layout = &self.layout;
        let field = |f: usize| self.folded(f);
        [
            Vocabulary::lean(0..layout.names_end(), field),
            Vocabulary::lean(layout.names_end()..layout.field_count(), field),
        ]
    }
}

impl FieldSource for SearchTexts {
    fn layout(&self) -> &TextLayout {
        &self.layout
    }

    fn scan(&self, fields: Range<usize>, visit: &mut dyn FnMut(usize, &[u8])) {
        if !fields.is_empty() {
            let bytes = self.layout.folded_at[fields.start] as usize
                ..self.layout.folded_at[fields.end] as usize;
            visit(fields.start, &self.folded.as_bytes()[bytes]);
        }
    }

    fn folded(&self, f: usize) -> Cow<'_, str> {
        Cow::Borrowed(SearchTexts::folded(self, f))
    }

    fn shown(&self, f: usize) -> Cow<'_, str> {
        Cow::Borrowed(SearchTexts::shown(self, f))
    }

    fn names(&self) -> &Vocabulary {
        &self.names
    }

    fn outcomes(&self) -> &Vocabulary {
        &self.outcomes
    }
}

/// The texts of a catalogue in its compiled copy in the cache, read a
/// piece at a time. A piece that fails its checksum, or cannot be read,
/// reads as empty and marks the texts `damaged`; whoever searched them
/// should then search texts taken from the catalogue instead.
pub struct StoredTexts {
    layout: TextLayout,
    folded: StoredText,
    shown: StoredText,
    names: Vocabulary,
    outcomes: Vocabulary,
}

/// How much of the folded text a scan reads at a time.
const SCAN_PIECE: usize = 64 << 10;

impl StoredTexts {
    /// The texts whose `layout` was read, stored in `folded` and `shown`,
    /// with the vocabularies in `words` (their postings in `postings`, read
    /// twice over); `None` unless it all agrees.
    pub(super) fn new(
        layout: TextLayout,
        folded: StoredText,
        shown: StoredText,
        words: &[u8],
        postings: [StoredText; 2],
    ) -> Option<Self> {
        let [names_postings, outcomes_postings] = postings;
        let mut reader = Reader { bytes: words };
        let names = Vocabulary::read(&mut reader, names_postings, 0)?;
        let base = names.posting_count();
        let outcomes = Vocabulary::read(&mut reader, outcomes_postings, base)?;
        let agree = reader.bytes.is_empty()
            && folded.len() == layout.folded_len()
            && shown.len() == layout.shown_len as usize
            && names.fields() == (0..layout.names_end())
            && outcomes.fields() == (layout.names_end()..layout.field_count());
        agree.then_some(StoredTexts {
            layout,
            folded,
            shown,
            names,
            outcomes,
        })
    }

    /// Whether a piece failed to read: what was searched is incomplete.
    pub fn damaged(&self) -> bool {
        self.folded.damaged()
            || self.shown.damaged()
            || self.names.damaged()
            || self.outcomes.damaged()
    }

    fn read(stored: &StoredText, range: Range<usize>) -> Cow<'_, str> {
        let mut buffer = Vec::new();
        let text = stored
            .read(range, &mut buffer)
            .and_then(|at| String::from_utf8(buffer[at].to_vec()).ok());
        match text {
            Some(text) => Cow::Owned(text),
            None => {
                stored.mark_damaged();
                Cow::Borrowed("")
            }
        }
    }
}

impl FieldSource for StoredTexts {
    fn layout(&self) -> &TextLayout {
        &self.layout
    }

    fn scan(&self, fields: Range<usize>, visit: &mut dyn FnMut(usize, &[u8])) {
        let mut buffer = Vec::new();
        let mut first = fields.start;
        while first < fields.end {
            // Whole fields, as many as fit in a piece (at least one).
            let start = self.layout.folded_at[first];
            let limit = start.saturating_add(SCAN_PIECE as u32);
            let fit =
                self.layout.folded_at[first + 1..=fields.end].partition_point(|&e| e <= limit);
            let end = first + fit.max(1);
            let bytes = start as usize..self.layout.folded_at[end] as usize;
            let Some(at) = self.folded.read(bytes, &mut buffer) else {
                return;
            };
            visit(first, &buffer[at]);
            first = end;
        }
    }

    fn folded(&self, f: usize) -> Cow<'_, str> {
        StoredTexts::read(&self.folded, self.layout.folded_range(f))
    }

    fn shown(&self, f: usize) -> Cow<'_, str> {
        StoredTexts::read(&self.shown, self.layout.shown_range(f))
    }

    fn names(&self) -> &Vocabulary {
        &self.names
    }

    fn outcomes(&self) -> &Vocabulary {
        &self.outcomes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{self, CatalogueOrigin};

    fn texts() -> SearchTexts {
        SearchTexts::new(&catalogue::load_cached(&CatalogueOrigin::Embedded, None).unwrap())
    }

    #[test]
    fn folding_keeps_one_character_for_each() {
        assert_eq!(fold("8578-302"), "8578 302");
        assert_eq!(fold("Skills, Principles"), "skills  principles");
        assert_eq!(fold("Évaluer l’Équipe"), "évaluer l équipe");
        for text in ["Évaluer l’Équipe", "İstanbul ﬁ", "D7.04"] {
            assert_eq!(fold(text).chars().count(), text.chars().count(), "{text}");
        }
    }

    #[test]
    fn fields_are_laid_out_by_entry() {
        let t = texts();
        let layout = t.layout();
        let first = layout.entries()[0];
        assert!(!first.unit);
        assert_eq!(t.shown(first.keys().start), "l3-award-coaching");
        assert_eq!(layout.kind(first.title()), FieldKind::Title);
        assert_eq!(t.shown(first.title()), "ILM Level 3 Award in Coaching");
        let unit = layout
            .entries()
            .iter()
            .find(|e| e.unit && t.shown(e.keys().start) == "8577-302")
            .unwrap();
        let codes: Vec<&str> = unit.keys().map(|f| t.shown(f)).collect();
        assert_eq!(codes, ["8577-302", "8578-302", "302", "3055"]);
        assert_eq!(layout.kind(unit.keys().start + 1), FieldKind::Key);
        let outcome = unit.outcomes().start;
        assert_eq!(layout.kind(outcome), FieldKind::Outcome);
        assert_eq!(t.folded(outcome), fold(t.shown(outcome)));
        assert_eq!(layout.owner(outcome), layout.owner(unit.title()));
        assert_eq!(
            layout.chars(unit.title()),
            t.shown(unit.title()).chars().count()
        );
        let byte = layout.folded_start(outcome) + 3;
        assert_eq!(layout.field_at(byte, 0), outcome);
        assert_eq!(layout.field_at(byte, outcome), outcome);
    }

    #[test]
    fn the_layout_reads_back_the_same() {
        let t = texts();
        let bytes = t.layout().to_bytes();
        assert_eq!(TextLayout::from_bytes(&bytes).as_ref(), Some(t.layout()));
        // Anything cut short, or with a stray byte, is refused.
        assert_eq!(TextLayout::from_bytes(&bytes[..bytes.len() - 1]), None);
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(TextLayout::from_bytes(&longer), None);
        assert_eq!(TextLayout::from_bytes(&[]), None);
    }

    #[test]
    fn a_damaged_layout_is_refused_not_trusted() {
        let t = texts();
        let bytes = t.layout().to_bytes();
        // Bytes changed in turn: each is refused or reads back as a layout
        // whose every lookup works.
        for i in (0..bytes.len()).step_by(7) {
            let mut damaged = bytes.clone();
            damaged[i] = damaged[i].wrapping_add(0x41);
            if let Some(read) = TextLayout::from_bytes(&damaged) {
                for f in 0..read.field_count() {
                    let _ = (read.folded_range(f), read.shown_range(f), read.kind(f));
                    let _ = (read.chars(f), read.owner(f), read.field_at(0, f));
                }
            }
        }
    }

    #[test]
    fn texts_that_are_not_ascii_keep_their_own_offsets() {
        let mut c = catalogue::load_cached(&CatalogueOrigin::Embedded, None).unwrap();
        c.units[0].title = "Évaluer l’Équipe".to_string();
        let code = c.units[0].code.clone();
        let t = SearchTexts::new(&c);
        let layout = t.layout();
        let e = layout
            .entries()
            .iter()
            .find(|e| e.unit && t.shown(e.keys().start) == code)
            .unwrap();
        assert_eq!(t.shown(e.title()), "Évaluer l’Équipe");
        assert_eq!(t.folded(e.title()), "évaluer l équipe");
        assert_eq!(layout.chars(e.title()), 16);
        assert_eq!(
            TextLayout::from_bytes(&layout.to_bytes()).as_ref(),
            Some(layout)
        );
    }
}
