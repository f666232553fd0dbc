//! Three enquiries at known times by known advisors, for the enquiries
//! list's snapshots (src/tui/tests.rs) and its capture in docs/screens
//! (tests/e2e.rs). The including module has `Enquiry` in scope.

use super::Enquiry;

/// Jane (shortlisted two, quoted), Ravi (chose one; notes over two lines)
/// and a caller of a year before with only an e-mail address.
pub fn three() -> Vec<Enquiry> {
    let at = |s: &str| chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M").unwrap();
    let mut jane = Enquiry::new("enq-20261130-101500".into(), at("2026-11-30 10:15"));
    jane.caller.name = "Jane Smith".into();
    jane.caller.phone = "07700 900123".into();
    jane.caller.email = "jane@example.org".into();
    jane.shortlist = vec!["l5-cert-cm".into(), "l5-dip-cm".into()];
    jane.quoted = Some(at("2026-11-30 10:40"));
    jane.advisor = "Alex Jones".into();
    let mut ravi = Enquiry::new("enq-20261201-091000".into(), at("2026-12-01 09:10"));
    ravi.caller.name = "Ravi Patel".into();
    ravi.caller.organisation = "Northwind Trading".into();
    ravi.caller.phone = "+44 20 7946 0000".into();
    ravi.chosen = Some("l3-cert-cm".into());
    ravi.notes = "Prefers mentoring.\nCall back after 4pm.".into();
    ravi.advisor = "Sam Lee".into();
    let mut old = Enquiry::new("enq-20251103-160000".into(), at("2025-11-03 16:00"));
    old.caller.email = "kim@example.com".into();
    vec![jane, ravi, old]
}
