//! The catalogue of qualifications and units: its model, loading,
//! validation and the figures derived from it.

mod cache;
mod derived;
mod load;
mod locate;
mod model;
mod problem;
mod reading;
mod texts;
mod validate;
mod vocabulary;

pub use derived::{Glh, Range, Route, STATED_MARK};
pub use load::{
    CONFIG_FILE_NAME, CatalogueOrigin, EMBEDDED_CATALOGUE, LoadError, MAX_CATALOGUE_BYTES,
    MAX_NESTING, load, load_cached, parse, resolve_origin, with_search_texts,
    with_search_texts_cached,
};
pub use model::*;
pub use problem::{CatalogueError, Problem};
pub use texts::{FieldKind, FieldSource, SearchTexts, StoredTexts, TextEntry, TextLayout, fold};
pub use validate::MAX_TEXT_CHARS;
pub use vocabulary::{LookedUp, Posting, Postings, Vocabulary, Within};

use crate::money::VatRate;
use std::collections::HashMap;

/// Notional learning hours per credit ("one credit is equivalent to a
/// nominal ten hours of learning time").
pub const HOURS_PER_CREDIT: u32 = 10;

/// The total of a catalogue figure (credits, hours, clients) over units.
/// It stops at `u32::MAX` rather than wrap: the validator keeps every
/// figure and count within `bounds`, where the largest total is 10^6, so
/// on a catalogue qualplan accepts it is always the exact sum; on one it
/// refuses (the validator itself sums with it) a total at the maximum is
/// reported as over the limit, never as a small wrapped number.
pub fn total(figures: impl IntoIterator<Item = u32>) -> u32 {
    figures.into_iter().fold(0, u32::saturating_add)
}

/// Where each unit code and qualification id sits in the catalogue's lists,
/// so that lookups stay constant-time in a catalogue of thousands.
#[derive(Clone, Debug, Default)]
pub(crate) struct Index {
    units: HashMap<String, usize>,
    qualifications: HashMap<String, usize>,
}

impl Index {
    fn new(c: &Catalogue) -> Index {
        let mut index = Index::default();
        for (i, u) in c.units.iter().enumerate() {
            for code in u.codes() {
                // The first unit with a code wins, as a scan would find it.
                index.units.entry(code.to_string()).or_insert(i);
            }
        }
        for (i, q) in c.qualifications.iter().enumerate() {
            index.qualifications.entry(q.id.clone()).or_insert(i);
        }
        index
    }
}

impl Catalogue {
    /// The unit known by `code`, whichever of its codes is used.
    pub fn unit(&self, code: &str) -> Option<&Unit> {
        let index = self.index.get_or_init(|| Index::new(self));
        index
            .units
            .get(code)
            .and_then(|&i| self.units.get(i))
            .filter(|u| u.has_code(code))
            // The lists were changed after the index was built.
            .or_else(|| self.units.iter().find(|u| u.has_code(code)))
    }

    pub fn qualification(&self, id: &str) -> Option<&Qualification> {
        let index = self.index.get_or_init(|| Index::new(self));
        index
            .qualifications
            .get(id)
            .and_then(|&i| self.qualifications.get(i))
            .filter(|q| q.id == id)
            .or_else(|| self.qualifications.iter().find(|q| q.id == id))
    }

    /// Call after adding, removing or recoding units or qualifications in
    /// place, so that lookups see the change without a scan.
    pub fn reindex(&mut self) {
        self.index = std::sync::OnceLock::new();
    }

    pub fn source(&self, id: &str) -> Option<&SourceDocument> {
        self.sources.iter().find(|s| s.id == id)
    }

    /// A citation in full, as a reader would look it up: "Self Study
    /// Information Pack; inspired2learn; updated July 2016; section "8. Our
    /// prices"".
    pub fn cite_in_full(&self, cite: &Cite) -> String {
        match self.source(&cite.doc) {
            Some(d) => format!(
                "{}; {}; {}; section \"{}\"",
                d.title, d.publisher, d.date, cite.at
            ),
            // The validator refuses citations of unknown documents.
            None => cite.to_string(),
        }
    }

    /// The documents that `cites` name, each once, in the catalogue's order.
    pub fn documents_cited<'a>(
        &'a self,
        cites: impl IntoIterator<Item = &'a Cite>,
    ) -> Vec<&'a SourceDocument> {
        let named: std::collections::HashSet<&str> =
            cites.into_iter().map(|c| c.doc.as_str()).collect();
        self.sources
            .iter()
            .filter(|s| named.contains(s.id.as_str()))
            .collect()
    }

    /// Academic equivalents of a level, where the sources give them.
    pub fn equivalents(&self, level: u8) -> &[String] {
        self.levels
            .iter()
            .find(|l| l.level == level)
            .map(|l| l.equivalents.as_slice())
            .unwrap_or(&[])
    }

    pub fn vat_rate(&self) -> VatRate {
        VatRate {
            percent: self.pricing.vat_rate_percent.value,
        }
    }

    /// The qualifications a learner can register for now.
    pub fn on_sale(&self) -> impl Iterator<Item = &Qualification> {
        self.qualifications
            .iter()
            .filter(|q| q.edition == Edition::Current)
    }
}

impl Unit {
    pub fn has_code(&self, code: &str) -> bool {
        self.code == code || self.other_codes.iter().any(|c| c.value == code)
    }

    /// Every code the unit is known by, the primary one first.
    pub fn codes(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.code.as_str()).chain(self.other_codes.iter().map(|c| c.value.as_str()))
    }

    /// Total qualification time: credits x 10 hours (see `total` on why it
    /// cannot wrap).
    pub fn tqt_hours(&self) -> u32 {
        self.credits.value.saturating_mul(HOURS_PER_CREDIT)
    }

    pub fn practice_hours(&self) -> u32 {
        self.practice.as_ref().map_or(0, |p| p.hours.value)
    }

    pub fn min_clients(&self) -> Option<u32> {
        self.practice
            .as_ref()
            .and_then(|p| p.min_clients.as_ref())
            .map(|c| c.value)
    }
}

impl Qualification {
    /// Total qualification time: credits x 10 hours (see `total` on why it
    /// cannot wrap).
    pub fn tqt_hours(&self) -> u32 {
        self.credits.value.saturating_mul(HOURS_PER_CREDIT)
    }

    pub fn is_on_sale(&self) -> bool {
        self.edition == Edition::Current
    }
}

/// "pack: 8. Our prices": a document by its short id and the section, for
/// tables of figures followed by the documents they cite
/// (`SourceDocument`'s own display).
impl std::fmt::Display for Cite {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.doc, self.at)
    }
}

/// "pack = Self Study Information Pack; inspired2learn; updated July 2016".
impl std::fmt::Display for SourceDocument {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} = {}; {}; {}",
            self.id, self.title, self.publisher, self.date
        )
    }
}

impl std::fmt::Display for Size {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(match self {
            Size::Award => "Award",
            Size::Certificate => "Certificate",
            Size::Diploma => "Diploma",
        })
    }
}

impl std::fmt::Display for Stream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(match self {
            Stream::Coaching => "Coaching",
            Stream::Mentoring => "Mentoring",
            Stream::CoachingAndMentoring => "Coaching and Mentoring",
        })
    }
}

impl std::fmt::Display for Edition {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(match self {
            Edition::Current => "current",
            Edition::Older => "older",
        })
    }
}

impl std::fmt::Display for MonthRange {
    /// "9 months", "18 months", "2-3 years".
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = if self.min == self.max {
            months_text(self.min)
        } else if self.min.is_multiple_of(12) && self.max.is_multiple_of(12) {
            format!("{}-{} years", self.min / 12, self.max / 12)
        } else {
            format!("{}-{} months", self.min, self.max)
        };
        f.pad(&text)
    }
}

fn months_text(months: u32) -> String {
    match months {
        1 => "1 month".to_string(),
        m => format!("{m} months"),
    }
}
