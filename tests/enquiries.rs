//! Enquiries on disk and the quotes made from them: round trips, an
//! interrupted save, permissions, unreadable files, golden quotes in every
//! format, and the CLI over them.

use chrono::{NaiveDate, NaiveDateTime};
use qualplan::catalogue::{self, Catalogue, CatalogueOrigin};
use qualplan::enquiry::{Caller, Enquiry, EnquiryStore, PaymentChoice, UpgradeChoice};
use qualplan::money::Pence;
use qualplan::quote;

fn at(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn catalogue() -> Catalogue {
    catalogue::load(&CatalogueOrigin::Embedded).unwrap()
}

/// A caller topping up from the Level 5 Certificate to the Diploma, paying in full.
fn top_up_enquiry() -> Enquiry {
    let mut e = Enquiry::new("enq-20261201-100000".into(), at("2026-12-01 10:00:00"));
    e.caller = Caller {
        name: "Jane Smith".into(),
        email: "jane@example.org".into(),
        phone: "01225 000000".into(),
        organisation: "Wessex Water & Co <Ltd>".into(),
    };
    e.upgrade = Some(UpgradeChoice {
        to: "l5-dip-cm".into(),
        held: vec!["l5-cert-cm".into()],
        units: Vec::new(),
        elsewhere: false,
    });
    e.payment = Some(PaymentChoice {
        instalments: false,
        start: day("2027-01-04"),
        instalment: Pence::pounds(150),
        monthly_payments: 3,
        final_payment_on_completion: true,
    });
    e.notes = "Wants to start in January.".into();
    e
}

/// A new registration for the Level 3 Award in Coaching by instalments.
fn instalments_enquiry() -> Enquiry {
    let mut e = Enquiry::new("enq-20261201-110000".into(), at("2026-12-01 11:00:00"));
    e.caller.name = "Ravi Patel".into();
    e.shortlist = vec!["l3-award-coaching".into(), "l3-cert-coaching".into()];
    e.chosen = Some("l3-award-coaching".into());
    e.payment = Some(PaymentChoice {
        instalments: true,
        start: day("2027-01-31"),
        instalment: Pence::pounds(150),
        monthly_payments: 3,
        final_payment_on_completion: true,
    });
    e
}

#[test]
fn round_trip() {
    let dir = tempfile::tempdir().unwrap();
    let store = EnquiryStore::open(dir.path().join("enquiries")).unwrap();
    let mut e = top_up_enquiry();
    store.save(&mut e).unwrap();
    assert_eq!(store.load(&e.id).unwrap(), e);
    let report = store.load_all().unwrap();
    assert_eq!(report.enquiries, vec![e]);
    assert!(report.set_aside.is_empty());
}

#[test]
fn newest_first_and_unique_ids() {
    let dir = tempfile::tempdir().unwrap();
    let store = EnquiryStore::open(dir.path()).unwrap();
    let mut a = top_up_enquiry();
    a.updated = at("2026-12-02 09:00:00");
    let mut b = instalments_enquiry();
    store.save(&mut a).unwrap();
    store.save(&mut b).unwrap();
    let ids: Vec<String> = store
        .load_all()
        .unwrap()
        .enquiries
        .into_iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(ids, [a.id.clone(), b.id.clone()]);
    assert_eq!(
        store.new_id(at("2026-12-01 10:00:00")),
        "enq-20261201-100000-2"
    );
    assert_eq!(
        store.new_id(at("2026-12-01 10:00:01")),
        "enq-20261201-100001"
    );
}

#[test]
fn an_interrupted_save_leaves_the_previous_version() {
    let dir = tempfile::tempdir().unwrap();
    let store = EnquiryStore::open(dir.path()).unwrap();
    let mut old = top_up_enquiry();
    store.save(&mut old).unwrap();
    let mut new = old.clone();
    new.notes = "Changed my mind.".into();
    let err = store
        .save_with(&mut new, || Err(std::io::Error::other("disk full")))
        .unwrap_err();
    assert_eq!(err.to_string(), "disk full");
    assert_eq!(store.load(&old.id).unwrap(), old);
    // No temporary file is left behind (only the enquiry and the lock).
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, [".lock".to_string(), format!("{}.ron", old.id)]);
}

#[cfg(unix)]
#[test]
fn private_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("data").join("enquiries");
    let store = EnquiryStore::open(&path).unwrap();
    let mut e = top_up_enquiry();
    store.save(&mut e).unwrap();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&path), 0o700);
    assert_eq!(mode(&path.join(format!("{}.ron", e.id))), 0o600);
}

#[test]
fn unreadable_files_are_set_aside_not_lost() {
    let dir = tempfile::tempdir().unwrap();
    let store = EnquiryStore::open(dir.path()).unwrap();
    let mut good = top_up_enquiry();
    store.save(&mut good).unwrap();
    let bad = dir.path().join("enq-broken.ron");
    std::fs::write(&bad, "(id: \"enq-broken\", oops").unwrap();
    let report = store.load_all().unwrap();
    assert_eq!(report.enquiries, vec![good]);
    assert_eq!(report.set_aside.len(), 1);
    let s = &report.set_aside[0];
    assert_eq!(s.file, bad);
    assert_eq!(s.moved_to, dir.path().join("enq-broken.ron.unreadable"));
    assert!(s.problem.starts_with("line 1, column"), "{}", s.problem);
    assert_eq!(
        std::fs::read_to_string(&s.moved_to).unwrap(),
        "(id: \"enq-broken\", oops"
    );
    // A second broken file of the same name does not overwrite the first.
    std::fs::write(&bad, "nonsense").unwrap();
    let again = store.load_all().unwrap();
    assert_eq!(
        again.set_aside[0].moved_to,
        dir.path().join("enq-broken.ron.unreadable-2")
    );
}

#[test]
fn unsafe_ids_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let store = EnquiryStore::open(dir.path()).unwrap();
    let mut e = top_up_enquiry();
    e.id = "../escape".into();
    assert!(store.save(&mut e).is_err());
    assert!(store.load("../escape").is_err());
}

/// Compares with tests/golden/NAME, or writes it with UPDATE_GOLDEN=1.
fn golden(name: &str, actual: &str) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing {name}; UPDATE_GOLDEN=1 writes it"));
    assert_eq!(
        actual, expected,
        "{name} differs (UPDATE_GOLDEN=1 rewrites it)"
    );
}

#[test]
fn top_up_quote_in_every_format() {
    let c = catalogue();
    let q = quote::build(&c, &top_up_enquiry(), day("2026-12-01")).unwrap();
    assert_eq!(
        (q.fee.ex_vat.0, q.fee.vat.0, q.fee.inc_vat.0),
        (53_000, 10_600, 63_600)
    );
    assert_eq!(q.top_up.as_ref().unwrap().units_carried, ["5015", "5018"]);
    assert_eq!(quote::file_name(&q, "md"), "quote-jane-smith-2026-12-01.md");
    golden("quote-top-up.md", &quote::markdown(&q));
    golden("quote-top-up.txt", &quote::text(&q));
    golden("quote-top-up.html", &quote::html(&q));
    golden("quote-top-up.json", &quote::json(&q));
    let html = quote::html(&q);
    assert!(html.contains("Wessex Water &amp; Co &lt;Ltd&gt;"));
    assert!(!html.contains("<Ltd>"));
}

#[test]
fn instalments_quote_in_every_format() {
    let c = catalogue();
    let q = quote::build(&c, &instalments_enquiry(), day("2026-12-01")).unwrap();
    assert_eq!(q.payments.len(), 5);
    assert_eq!(q.payments[0].amount.ex_vat.0, 42_000);
    assert_eq!(q.total.inc_vat.0, 122_400);
    golden("quote-instalments.md", &quote::markdown(&q));
    golden("quote-instalments.txt", &quote::text(&q));
    golden("quote-instalments.html", &quote::html(&q));
    golden("quote-instalments.json", &quote::json(&q));
}

/// An enquiry saved before the holding was kept whole: `upgrade: (from,
/// to, elsewhere)`. It still loads, as the same holding, and quotes as it
/// did.
#[test]
fn an_enquiry_in_the_first_upgrade_shape_still_loads() {
    let dir = tempfile::tempdir().unwrap();
    let store = EnquiryStore::open(dir.path()).unwrap();
    let text = r#"(
    id: "enq-20261201-090000",
    created: "2026-12-01T09:00:00",
    updated: "2026-12-01T09:05:00",
    caller: (name: "Old Format", email: "", phone: "", organisation: ""),
    upgrade: Some((from: "l5-cert-cm", to: "l5-dip-cm", elsewhere: true)),
    revision: 1,
)"#;
    std::fs::write(dir.path().join("enq-20261201-090000.ron"), text).unwrap();
    let e = store.load("enq-20261201-090000").unwrap();
    let u = e.upgrade.as_ref().unwrap();
    assert_eq!(
        u,
        &UpgradeChoice {
            to: "l5-dip-cm".into(),
            held: vec!["l5-cert-cm".into()],
            units: Vec::new(),
            elsewhere: true,
        }
    );
    assert_eq!(u.to_string(), "l5-cert-cm to l5-dip-cm (held elsewhere)");
    // Held elsewhere: the full price, never the £530 top-up.
    let q = quote::build(&catalogue(), &e, day("2026-12-01")).unwrap();
    assert_eq!(q.fee.ex_vat, Pence::pounds(2_225));
    assert_eq!(q.units.len(), 1, "only 5017 is left to take");
    // Saved again, it takes today's shape, and loads back the same.
    let mut again = e.clone();
    store.save(&mut again).unwrap();
    let written = std::fs::read_to_string(dir.path().join("enq-20261201-090000.ron")).unwrap();
    assert!(written.contains("held: ["), "{written}");
    assert!(!written.contains("from:"), "{written}");
    assert_eq!(store.load(&e.id).unwrap().upgrade, e.upgrade);
    // A misspelt field is still refused, as everywhere in the file.
    let typo = text.replace("elsewhere: true", "elswhere: true");
    std::fs::write(dir.path().join("enq-20261201-090001.ron"), typo).unwrap();
    assert!(store.load("enq-20261201-090001").is_err());
}

/// The holding travels whole: qualifications and units held, and where.
#[test]
fn the_quote_prices_the_whole_holding() {
    let c = catalogue();
    let mut e = top_up_enquiry();
    e.choose(
        "l3-cert-cm",
        &qualplan::planner::Holding {
            qualifications: vec!["l3-award-coaching".into()],
            units: vec!["8577-304".into()],
            with_provider: true,
        },
    );
    let q = quote::build(&c, &e, day("2026-12-01")).unwrap();
    // The Award in Coaching (£995) towards the C&M Certificate (£1,695):
    // the £700 balance; 300, 303 and the single unit 304 carry over.
    assert_eq!(q.fee.ex_vat, Pence::pounds(700));
    let codes: Vec<&str> = q.units.iter().map(|u| u.code.as_str()).collect();
    assert_eq!(codes, ["8578-302"]);
    assert_eq!(q.course.units_carried, ["8578-300", "8578-304", "8578-303"]);
    assert_eq!(q.holding.units, ["8577-304"]);
    // Held elsewhere, the same units count, at the full price.
    e.upgrade.as_mut().unwrap().elsewhere = true;
    let q = quote::build(&c, &e, day("2026-12-01")).unwrap();
    assert_eq!(q.fee.ex_vat, Pence::pounds(1_695));
    assert_eq!(q.units.len(), 1);
    assert!(
        quote::markdown(&q).contains("**New registration** at the full price, holding ILM Level 3 Award in Coaching (l3-award-coaching)"),
        "{}",
        quote::markdown(&q)
    );
}

/// Level 3 Award in Mentoring to Certificate in Coaching: the balance, and
/// the quote says plainly that every unit is still to take.
#[test]
fn a_top_up_across_streams_quotes_the_balance_and_every_unit() {
    let c = catalogue();
    let mut e = top_up_enquiry();
    e.choose(
        "l3-cert-coaching",
        &qualplan::planner::Holding::one("l3-award-mentoring", true),
    );
    let q = quote::build(&c, &e, day("2026-12-01")).unwrap();
    assert_eq!(
        (q.fee.ex_vat.0, q.fee.vat.0, q.fee.inc_vat.0),
        (50_000, 10_000, 60_000)
    );
    let codes: Vec<&str> = q.units.iter().map(|u| u.code.as_str()).collect();
    assert_eq!(codes, ["8577-300", "8577-302", "8577-303"]);
    let md = quote::markdown(&q);
    assert!(
        md.contains("**Top-up** from ILM Level 3 Award in Mentoring (l3-award-mentoring): none of the units held count towards it, so every unit below is still to take."),
        "{md}"
    );
    assert!(md.contains("| **Total** | **£600.00** |"), "{md}");
}

#[test]
fn nothing_chosen_means_no_quote() {
    let c = catalogue();
    let e = Enquiry::new("enq-x".into(), at("2026-12-01 10:00:00"));
    let err = quote::build(&c, &e, day("2026-12-01")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "enquiry enq-x has no qualification chosen or shortlisted: choose one before quoting"
    );
}

mod cli {
    use super::*;
    use assert_cmd::Command;

    fn qualplan(home: &std::path::Path, args: &[&str]) -> std::process::Output {
        Command::cargo_bin("qualplan")
            .unwrap()
            .env("HOME", home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .args(args)
            .output()
            .unwrap()
    }

    #[test]
    fn list_show_quote_delete() {
        let home = tempfile::tempdir().unwrap();
        let store = EnquiryStore::open(home.path().join("data/qualplan/enquiries")).unwrap();
        store.save(&mut top_up_enquiry()).unwrap();
        store.save(&mut instalments_enquiry()).unwrap();
        std::fs::write(store.dir().join("enq-bad.ron"), "garbage").unwrap();

        let out = qualplan(home.path(), &["enquiries", "list"]);
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains(
                "enq-20261201-100000  2026-12-01 10:00  Jane Smith, Wessex      l5-dip-cm"
            ),
            "{text}"
        );
        assert!(
            text.find("enq-20261201-110000") < text.find("enq-20261201-100000"),
            "newest first: {text}"
        );
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("enq-bad.ron could not be read"), "{err}");
        assert!(store.dir().join("enq-bad.ron.unreadable").exists());

        let out = qualplan(
            home.path(),
            &[
                "enquiries",
                "show",
                "enq-20261201-110000",
                "--format",
                "json",
            ],
        );
        let shown: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(shown["caller"]["name"], "Ravi Patel");

        // The quote file carries the planner's balance and VAT.
        let out = qualplan(
            home.path(),
            &["quote", "enq-20261201-100000", "--format", "json"],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let written = String::from_utf8(out.stdout).unwrap();
        let path = written.trim().rsplit(" to ").next().unwrap();
        assert!(
            path.ends_with(".json") && path.contains("/data/qualplan/quotes/quote-jane-smith-"),
            "{path}"
        );
        let q: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        assert_eq!(q["fee"]["ex_vat_pence"], 53_000);
        assert_eq!(q["fee"]["vat_pence"], 10_600);
        assert_eq!(q["fee"]["inc_vat_pence"], 63_600);

        let out = qualplan(
            home.path(),
            &[
                "quote",
                "enq-20261201-110000",
                "--format",
                "text",
                "--stdout",
            ],
        );
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.starts_with("QUOTE: ILM Level 3 Award in Coaching"),
            "{text}"
        );

        let out = qualplan(home.path(), &["enquiries", "delete", "enq-20261201-110000"]);
        assert!(out.status.success());
        let out = qualplan(home.path(), &["enquiries", "show", "enq-20261201-110000"]);
        assert_eq!(out.status.code(), Some(2));
        let out = qualplan(home.path(), &["quote", "nope"]);
        assert_eq!(out.status.code(), Some(2));
    }
}
