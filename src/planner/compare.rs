//! Side-by-side figures of any set of qualifications, filtered and sorted
//! by any figure.

use crate::catalogue::{Catalogue, Edition, Glh, MonthRange, Qualification, Range, Size, Stream};
use crate::money::{Pence, VatBreakdown};
use std::cmp::Ordering;
use std::str::FromStr;

/// Every figure of one qualification that a comparison shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ComparisonRow {
    pub id: String,
    pub title: String,
    pub level: u8,
    pub size: Size,
    pub stream: Stream,
    pub edition: Edition,
    pub credits: u32,
    /// Guided learning hours: as stated for the qualification, else the
    /// units' (across routes), where known.
    pub glh: Option<Glh>,
    pub induction_hours: Option<u32>,
    pub tutorial_hours: Option<u32>,
    pub tqt_hours: u32,
    pub practice_hours: Range<u32>,
    pub min_clients: Option<Range<u32>>,
    /// `None`: price on request.
    pub price: Option<VatBreakdown>,
    /// Price ex VAT per credit, to the nearest penny.
    pub price_per_credit: Option<Pence>,
    pub target_months: Option<MonthRange>,
    pub registration_months: Option<u32>,
    pub entry_requirements: Option<String>,
}

impl ComparisonRow {
    pub fn new(c: &Catalogue, q: &Qualification) -> ComparisonRow {
        // A price whose VAT would not fit (far outside `bounds::MONEY`, so
        // never in a valid catalogue) is not shown rather than shown wrong.
        let price = q
            .price
            .as_ref()
            .and_then(|p| c.vat_rate().breakdown(p.value));
        ComparisonRow {
            id: q.id.clone(),
            title: q.title.clone(),
            level: q.level,
            size: q.size,
            stream: q.stream,
            edition: q.edition,
            credits: q.credits.value,
            glh: q.glh(c),
            induction_hours: q.induction_hours.as_ref().map(|h| h.value),
            tutorial_hours: q.tutorial_hours.as_ref().map(|h| h.value),
            tqt_hours: q.tqt_hours(),
            practice_hours: q.practice_hours_range(c),
            min_clients: q.min_clients_range(c),
            price,
            price_per_credit: price.and_then(|p| per_credit(p.ex_vat, q.credits.value)),
            target_months: q.target_months.as_ref().map(|t| t.value),
            registration_months: q.registration_months.as_ref().map(|r| r.value),
            entry_requirements: q.entry_requirements.as_ref().map(|e| e.value.clone()),
        }
    }
}

/// Price divided by credits, rounded half up to the penny; `None` if it
/// would not fit.
fn per_credit(price: Pence, credits: u32) -> Option<Pence> {
    let credits = i64::from(credits.max(1));
    // credits * 2 always fits: a u32 doubled fits in an i64.
    let twice = price.0.checked_mul(2)?.checked_add(credits)?;
    Some(Pence(twice / (credits * 2)))
}

/// Which qualifications to include. Empty fields include everything.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub level: Option<u8>,
    pub stream: Option<Stream>,
    pub size: Option<Size>,
    pub edition: Option<Edition>,
}

impl Filter {
    pub fn admits(&self, q: &Qualification) -> bool {
        self.level.is_none_or(|l| q.level == l)
            && self.stream.is_none_or(|s| q.stream == s)
            && self.size.is_none_or(|s| q.size == s)
            && self.edition.is_none_or(|e| q.edition == e)
    }
}

/// A figure to sort by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortKey {
    Id,
    Title,
    Level,
    Size,
    Stream,
    Credits,
    Glh,
    Tqt,
    Practice,
    Clients,
    PriceExVat,
    Vat,
    PriceIncVat,
    PricePerCredit,
    TargetTime,
    Registration,
    EntryRequirements,
}

impl SortKey {
    pub const ALL: [(&'static str, SortKey); 17] = [
        ("id", SortKey::Id),
        ("title", SortKey::Title),
        ("level", SortKey::Level),
        ("size", SortKey::Size),
        ("stream", SortKey::Stream),
        ("credits", SortKey::Credits),
        ("glh", SortKey::Glh),
        ("tqt", SortKey::Tqt),
        ("practice", SortKey::Practice),
        ("clients", SortKey::Clients),
        ("price", SortKey::PriceExVat),
        ("vat", SortKey::Vat),
        ("price-inc-vat", SortKey::PriceIncVat),
        ("price-per-credit", SortKey::PricePerCredit),
        ("time", SortKey::TargetTime),
        ("registration", SortKey::Registration),
        ("entry", SortKey::EntryRequirements),
    ];

    pub fn name(self) -> &'static str {
        SortKey::ALL
            .iter()
            .find(|(_, k)| *k == self)
            .map_or("id", |(n, _)| n)
    }

    /// Whether the row has this figure (a price on request has no price).
    pub fn is_known(self, row: &ComparisonRow) -> bool {
        match self {
            SortKey::Glh => row.glh.is_some(),
            SortKey::Clients => row.min_clients.is_some(),
            SortKey::PriceExVat | SortKey::Vat | SortKey::PriceIncVat => row.price.is_some(),
            SortKey::PricePerCredit => row.price_per_credit.is_some(),
            SortKey::TargetTime => row.target_months.is_some(),
            SortKey::Registration => row.registration_months.is_some(),
            SortKey::EntryRequirements => row.entry_requirements.is_some(),
            _ => true,
        }
    }

    /// Orders two rows by this figure; unknown figures sort last.
    pub fn compare(self, a: &ComparisonRow, b: &ComparisonRow) -> Ordering {
        fn opt<T: Ord>(a: Option<T>, b: Option<T>) -> Ordering {
            match (a, b) {
                (Some(a), Some(b)) => a.cmp(&b),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            }
        }
        match self {
            SortKey::Id => a.id.cmp(&b.id),
            SortKey::Title => a.title.cmp(&b.title),
            SortKey::Level => a.level.cmp(&b.level),
            SortKey::Size => a.size.cmp(&b.size),
            SortKey::Stream => a.stream.cmp(&b.stream),
            SortKey::Credits => a.credits.cmp(&b.credits),
            SortKey::Glh => opt(a.glh.map(|g| g.hours.min), b.glh.map(|g| g.hours.min)),
            SortKey::Tqt => a.tqt_hours.cmp(&b.tqt_hours),
            SortKey::Practice => a.practice_hours.min.cmp(&b.practice_hours.min),
            SortKey::Clients => opt(a.min_clients.map(|c| c.min), b.min_clients.map(|c| c.min)),
            SortKey::PriceExVat => opt(a.price.map(|p| p.ex_vat), b.price.map(|p| p.ex_vat)),
            SortKey::Vat => opt(a.price.map(|p| p.vat), b.price.map(|p| p.vat)),
            SortKey::PriceIncVat => opt(a.price.map(|p| p.inc_vat), b.price.map(|p| p.inc_vat)),
            SortKey::PricePerCredit => opt(a.price_per_credit, b.price_per_credit),
            SortKey::TargetTime => opt(
                a.target_months.map(|t| (t.min, t.max)),
                b.target_months.map(|t| (t.min, t.max)),
            ),
            SortKey::Registration => opt(a.registration_months, b.registration_months),
            SortKey::EntryRequirements => {
                opt(a.entry_requirements.as_ref(), b.entry_requirements.as_ref())
            }
        }
    }
}

impl FromStr for SortKey {
    type Err = String;
    fn from_str(s: &str) -> Result<SortKey, String> {
        let key = s.trim().to_lowercase();
        SortKey::ALL
            .iter()
            .find(|(name, _)| *name == key)
            .map(|(_, k)| *k)
            .ok_or_else(|| {
                let names: Vec<&str> = SortKey::ALL.iter().map(|(n, _)| *n).collect();
                format!("unknown sort key `{s}`; use one of: {}", names.join(", "))
            })
    }
}

/// Rows for `chosen` (or, when empty, every qualification in the
/// catalogue) that the filter admits, sorted by `sort` (ties: level, then
/// credits, then id).
pub fn compare(
    c: &Catalogue,
    chosen: &[&Qualification],
    filter: &Filter,
    sort: SortKey,
    descending: bool,
) -> Vec<ComparisonRow> {
    let pool: Vec<&Qualification> = if chosen.is_empty() {
        c.qualifications.iter().collect()
    } else {
        chosen.to_vec()
    };
    let mut rows: Vec<ComparisonRow> = pool
        .into_iter()
        .filter(|q| filter.admits(q))
        .map(|q| ComparisonRow::new(c, q))
        .collect();
    rows.sort_by(|a, b| {
        let primary = sort.compare(a, b);
        // Unknown figures stay last in either direction.
        let primary = if descending && sort.is_known(a) == sort.is_known(b) {
            primary.reverse()
        } else {
            primary
        };
        primary
            .then(a.level.cmp(&b.level))
            .then(a.credits.cmp(&b.credits))
            .then(a.id.cmp(&b.id))
    });
    rows
}
