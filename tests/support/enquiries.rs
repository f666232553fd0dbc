//! Enquiries the tests share: a fixed clock, one caller with personal data
//! in every field a deletion must erase, and the id an output names.

#![allow(dead_code)]

use chrono::NaiveDateTime;
use qualplan::enquiry::Enquiry;

/// A moment written as `2026-12-01 10:00:00`.
pub fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
}

/// Jane Smith's enquiry, taken on 1 December 2026 at 10:00, with her
/// name, e-mail, phone and a private note.
pub fn jane(id: &str) -> Enquiry {
    let mut e = Enquiry::new(id.into(), at("2026-12-01 10:00:00"));
    e.caller.name = "Jane Smith".into();
    e.caller.email = "jane.smith@example.org".into();
    e.caller.phone = "01225 000000".into();
    e.notes = "Private notes about Jane".into();
    e
}

/// The id of the first enquiry `out` names (`enq-…`), without the
/// punctuation after it.
pub fn enquiry_id(out: &str) -> &str {
    out.split_whitespace()
        .find(|w| w.starts_with("enq-"))
        .unwrap_or_else(|| panic!("no enquiry id in: {out}"))
        .trim_end_matches([':', ';', '.', ',', ')'])
}
