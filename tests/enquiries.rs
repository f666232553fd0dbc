//! Enquiries on disk and the quotes made from them: round trips, an
//! interrupted save, permissions, unreadable files, golden quotes in every
//! format, and the CLI over them.

use chrono::{NaiveDate, NaiveDateTime};
use qualplan::catalogue::{self, Catalogue, CatalogueOrigin};
use qualplan::enquiry::{Caller, Enquiry, EnquiryStore, PaymentChoice, StoreError, UpgradeChoice};
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
    assert_eq!(new.revision, old.revision, "a failed save is no revision");
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
    assert_eq!(
        s.moved_to,
        Some(dir.path().join("enq-broken.ron.unreadable"))
    );
    assert!(s.problem.starts_with("line 1, column"), "{}", s.problem);
    assert_eq!(
        std::fs::read_to_string(s.moved_to.as_ref().unwrap()).unwrap(),
        "(id: \"enq-broken\", oops"
    );
    // A second broken file of the same name does not overwrite the first.
    std::fs::write(&bad, "nonsense").unwrap();
    let again = store.load_all().unwrap();
    assert_eq!(
        again.set_aside[0].moved_to,
        Some(dir.path().join("enq-broken.ron.unreadable-2"))
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

/// A caller weighing two shortlisted options, none chosen yet: the quote
/// has a section for each, with its own figures from the seeds, and a
/// table of their totals.
#[test]
fn a_quote_of_two_shortlisted_options() {
    let c = catalogue();
    let mut e = Enquiry::new("enq-20261201-120000".into(), at("2026-12-01 12:00:00"));
    e.caller.name = "Sam Okafor".into();
    e.shortlist = vec!["l5-cert-cm".into(), "l5-dip-cm".into()];
    assert_eq!(quote::options(&e), ["l5-cert-cm", "l5-dip-cm"]);
    let quotes = quote::build_all(&c, &e, &quote::options(&e), day("2026-12-01")).unwrap();
    let fees: Vec<(i64, i64)> = quotes
        .iter()
        .map(|q| (q.fee.ex_vat.0, q.fee.inc_vat.0))
        .collect();
    // The Level 5 Certificate £1,695 + VAT, the Diploma £2,225 + VAT.
    assert_eq!(fees, [(169_500, 203_400), (222_500, 267_000)]);
    let md = quote::markdown_all(&quotes);
    for line in [
        "# Quote: 2 options",
        "| 1 | ILM Level 5 Certificate in Coaching and Mentoring | l5-cert-cm | £1,695.00 | £2,034.00 |",
        "| 2 | ILM Level 5 Diploma in Coaching and Mentoring | l5-dip-cm | £2,225.00 | £2,670.00 |",
        "## Option 1: ILM Level 5 Certificate in Coaching and Mentoring (l5-cert-cm)",
        "## Option 2: ILM Level 5 Diploma in Coaching and Mentoring (l5-dip-cm)",
        "| **Total** | | **£1,695.00** | **£339.00** | **£2,034.00** |",
        "| **Total** | | **£2,225.00** | **£445.00** | **£2,670.00** |",
    ] {
        assert!(md.lines().any(|l| l == line), "no {line:?} in\n{md}");
    }
    // Each section is that option's single quote, a heading level down.
    for q in &quotes {
        let one = quote::markdown(q);
        let body = one
            .split("## What it takes")
            .nth(1)
            .and_then(|b| b.split("## The price includes").next())
            .unwrap();
        assert!(
            md.contains(&body.replace("## ", "### ")),
            "{}",
            q.qualification
        );
    }
    // What the price includes, the terms and the reference come once.
    assert_eq!(md.matches("## Terms").count(), 1);
    golden("quote-two-options.md", &md);
    // With a qualification chosen, the quote is of that one alone.
    e.chosen = Some("l5-dip-cm".into());
    assert_eq!(quote::options(&e), ["l5-dip-cm"]);
    // And with nothing shortlisted, nothing to quote.
    e.chosen = None;
    e.shortlist.clear();
    let none = quote::build_all(&c, &e, &quote::options(&e), day("2026-12-01"));
    assert!(matches!(none, Err(quote::QuoteError::NothingChosen { .. })));
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
    assert_eq!(q.course.holding.units, ["8577-304"]);
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

#[path = "support/home.rs"]
mod support;

mod cli {
    use super::*;
    use support::qualplan;

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
                "enq-20261201-100000  2026-12-01 10:00  Jane Smith, Wessex Water & Co <Ltd>  l5-dip-cm"
            ),
            "one row a line into a pipe: {text}"
        );
        assert!(
            text.find("enq-20261201-110000") < text.find("enq-20261201-100000"),
            "newest first: {text}"
        );
        let err = String::from_utf8(out.stderr).unwrap();
        assert!(err.contains("enq-bad.ron could not be read"), "{err}");
        assert!(store.dir().join("enq-bad.ron.unreadable").exists());

        let out = qualplan(home.path(), &["enquiries", "list", "--format", "json"]);
        let listed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(listed["schema_version"], 1);
        assert_eq!(listed["enquiries"][0]["enquiry"], "enq-20261201-110000");
        assert_eq!(listed["enquiries"][1]["qualification"], "l5-dip-cm");

        let out = qualplan(
            home.path(),
            &[
                "enquiries",
                "show",
                "enq-20261201-100000",
                "--format",
                "json",
            ],
        );
        let shown: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(shown["caller"]["name"], "Jane Smith");
        assert_eq!(shown["qualification"], "l5-dip-cm");
        assert_eq!(
            shown["holding"],
            serde_json::json!({"qualifications": ["l5-cert-cm"], "units": [], "with_provider": true})
        );
        assert_eq!(shown["payment"]["instalment_pence"], 15_000);
        assert_eq!(shown["payment"]["instalment"], "£150.00");

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
        // Named by the enquiry, never by the caller.
        assert!(
            path.ends_with(".json")
                && path.contains("/data/qualplan/quotes/quote-enq-20261201-100000-")
                && !path.to_lowercase().contains("jane"),
            "{path}"
        );
        // A second quote the same day never replaces the first.
        let out = qualplan(
            home.path(),
            &["quote", "enq-20261201-100000", "--format", "json"],
        );
        let second = String::from_utf8(out.stdout).unwrap();
        let second = second.trim().rsplit(" to ").next().unwrap();
        assert_ne!(second, path);
        assert!(second.ends_with("-2.json"), "{second}");
        assert!(std::fs::read_to_string(path).is_ok());
        let q: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        assert_eq!(q["schema_version"], 1);
        assert_eq!(q["fee"]["ex_vat_pence"], 53_000);
        assert_eq!(q["fee"]["vat_pence"], 10_600);
        assert_eq!(q["fee"]["inc_vat_pence"], 63_600);
        assert_eq!(q["top_up"]["from_qualification"], "l5-cert-cm");

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

        // Deleting asks first; without a terminal to ask at, --yes.
        let out = qualplan(home.path(), &["enquiries", "delete", "enq-20261201-110000"]);
        assert_eq!(out.status.code(), Some(2));
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("add --yes"),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(store.dir().join("enq-20261201-110000.ron").exists());
        let out = qualplan(
            home.path(),
            &["enquiries", "delete", "enq-20261201-110000", "--yes"],
        );
        assert!(out.status.success());
        assert!(!store.dir().join("enq-20261201-110000.ron").exists());
        let out = qualplan(home.path(), &["enquiries", "show", "enq-20261201-110000"]);
        assert_eq!(out.status.code(), Some(3));
        let out = qualplan(home.path(), &["quote", "nope"]);
        assert_eq!(out.status.code(), Some(3));
    }

    /// Two shortlisted, none chosen: the command line quotes the first and
    /// says so, naming the other; --option quotes the other; an id that
    /// is not an option is refused with the ones that are.
    #[test]
    fn quoting_one_of_several_shortlisted_says_which() {
        let home = tempfile::tempdir().unwrap();
        let store = EnquiryStore::open(home.path().join("data/qualplan/enquiries")).unwrap();
        let mut e = Enquiry::new("enq-20261201-120000".into(), at("2026-12-01 12:00:00"));
        e.caller.name = "Sam \u{1b}[31mOkafor".into();
        e.shortlist = vec!["l5-cert-cm".into(), "l5-dip-cm".into()];
        store.save(&mut e).unwrap();
        let fee = |out: &std::process::Output| -> i64 {
            let q: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            q["fee"]["ex_vat_pence"].as_i64().unwrap()
        };
        let json = ["--format", "json", "--stdout"];

        let out = qualplan(home.path(), &[&["quote", &e.id][..], &json].concat());
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        // The Level 5 Certificate, £1,695 ex VAT.
        assert_eq!(fee(&out), 169_500);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(
                "2 qualifications shortlisted and none chosen: quoting the first, l5-cert-cm"
            ) && err.contains("--option ID quotes another (l5-dip-cm)"),
            "{err}"
        );
        assert!(
            !err.contains('\u{1b}'),
            "the caller's name is shown inert: {err:?}"
        );

        let out = qualplan(
            home.path(),
            &[&["quote", &e.id, "--option", "l5-dip-cm"][..], &json].concat(),
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        // The Level 5 Diploma, £2,225 ex VAT, and nothing to say.
        assert_eq!(fee(&out), 222_500);
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );

        let out = qualplan(
            home.path(),
            &[&["quote", &e.id, "--option", "l7-dip-ecm"][..], &json].concat(),
        );
        assert_eq!(out.status.code(), Some(1));
        assert!(out.stdout.is_empty());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("l7-dip-ecm is not an option of enquiry enq-20261201-120000: it can quote l5-cert-cm, l5-dip-cm"),
            "{err}"
        );

        // A quote that cannot be written says why, and nothing of which
        // option it would have been.
        let nowhere = home.path().join("no-such-folder/quote.md");
        let out = qualplan(
            home.path(),
            &["quote", &e.id, "--output", nowhere.to_str().unwrap()],
        );
        assert_eq!(out.status.code(), Some(5));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("does not exist") && !err.contains("note:"),
            "{err}"
        );

        // A name is read as everywhere else on the command line.
        let out = qualplan(
            home.path(),
            &[&["quote", &e.id, "--option", "level 5 diploma"][..], &json].concat(),
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(fee(&out), 222_500);
        // A typo names nothing (exit 3) and is told the closest; an empty
        // name is a wrong command line (exit 2).
        let out = qualplan(
            home.path(),
            &[&["quote", &e.id, "--option", "l5-dip-cmm"][..], &json].concat(),
        );
        assert_eq!(out.status.code(), Some(3));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("no qualification matches `l5-dip-cmm`")
                && err.contains("    l5-dip-cm   ILM Level 5 Diploma in Coaching and Mentoring"),
            "{err}"
        );
        let out = qualplan(
            home.path(),
            &[&["quote", &e.id, "--option", " "][..], &json].concat(),
        );
        assert_eq!(out.status.code(), Some(2));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("--option needs a qualification's id or title"),
            "{err}"
        );
    }

    /// On an 80-column terminal, a caller known by a long e-mail address
    /// wraps in its own column: the id (typed next, into `quote` or
    /// `show`), the date and the qualification are never broken.
    #[test]
    fn a_long_caller_never_breaks_the_id_at_80_columns() {
        let home = tempfile::tempdir().unwrap();
        let store = EnquiryStore::open(home.path().join("data/qualplan/enquiries")).unwrap();
        let mut e = Enquiry::new("enq-20261201-120000".into(), at("2026-12-01 12:00:00"));
        e.caller.email = "samuel.okafor-whitfield@wessex-water.example.org".into();
        e.shortlist = vec!["l7-dip-ecm".into()];
        store.save(&mut e).unwrap();

        let out = support::command(home.path())
            .env("COLUMNS", "80")
            .args(["enquiries", "list"])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
        assert!(
            text.lines().any(|l| l.starts_with(
                "enq-20261201-120000  2026-12-01 12:00  samuel.okafor-whi  l7-dip-ecm"
            )),
            "{text}"
        );
    }

    /// With a qualification chosen on Plan & pay (or upgraded to), that
    /// one is what a quote covers: --option naming another on the
    /// shortlist is refused saying which was chosen and how to quote the
    /// other, never told to shortlist what is already shortlisted.
    #[test]
    fn an_option_other_than_the_one_chosen_is_refused_saying_why() {
        let home = tempfile::tempdir().unwrap();
        let store = EnquiryStore::open(home.path().join("data/qualplan/enquiries")).unwrap();
        let mut e = Enquiry::new("enq-20261201-120000".into(), at("2026-12-01 12:00:00"));
        e.shortlist = vec!["l5-cert-cm".into(), "l5-dip-cm".into()];
        e.chosen = Some("l5-dip-cm".into());
        store.save(&mut e).unwrap();

        let out = qualplan(
            home.path(),
            &["quote", &e.id, "--option", "l5-cert-cm", "--stdout"],
        );
        assert_eq!(out.status.code(), Some(1));
        assert!(out.stdout.is_empty());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(
                "enquiry enq-20261201-120000 has l5-dip-cm chosen on Plan & pay: a quote is for that one, not l5-cert-cm"
            ) && err.contains("help: to quote l5-cert-cm, choose it on Plan & pay in the app")
                && !err.contains("add it to the shortlist"),
            "{err}"
        );

        // The one chosen may be named, and is quoted without a note.
        let out = qualplan(
            home.path(),
            &["quote", &e.id, "--option", "l5-dip-cm", "--stdout"],
        );
        assert!(out.status.success() && out.stderr.is_empty(), "{out:?}");
    }

    /// A quote goes only where asked: into a folder that exists, or one
    /// made with --mkdir; never both printed and written.
    #[test]
    fn quote_output_needs_its_folder() {
        let home = tempfile::tempdir().unwrap();
        let store = EnquiryStore::open(home.path().join("data/qualplan/enquiries")).unwrap();
        let mut e = top_up_enquiry();
        store.save(&mut e).unwrap();
        let missing = home.path().join("typo/dir/q.md");
        let target = missing.to_str().unwrap();
        let out = qualplan(home.path(), &["quote", &e.id, "--output", target]);
        assert_eq!(out.status.code(), Some(5));
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("does not exist") && err.contains("--mkdir"),
            "{err}"
        );
        assert!(!home.path().join("typo").exists(), "no folder made");
        let out = qualplan(
            home.path(),
            &["quote", &e.id, "--output", target, "--mkdir"],
        );
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            std::fs::read_to_string(&missing)
                .unwrap()
                .starts_with("# Quote: ")
        );
        for args in [
            vec!["quote", e.id.as_str(), "--stdout", "--output", target],
            vec!["quote", e.id.as_str(), "--mkdir"],
        ] {
            let out = qualplan(home.path(), &args);
            assert_eq!(out.status.code(), Some(2), "{args:?}");
        }
    }

    /// Reading enquiries when none was ever saved creates nothing.
    #[test]
    fn listing_nothing_creates_nothing() {
        let home = tempfile::tempdir().unwrap();
        let out = qualplan(home.path(), &["enquiries", "list"]);
        assert!(out.status.success());
        assert_eq!(String::from_utf8_lossy(&out.stdout), "No enquiries yet.\n");
        let out = qualplan(home.path(), &["enquiries", "list", "--format", "csv"]);
        assert!(
            String::from_utf8_lossy(&out.stdout).starts_with("enquiry,created,updated,caller,"),
            "a header even with no rows"
        );
        assert_eq!(std::fs::read_dir(home.path()).unwrap().count(), 0);
    }
}

/// Caller text in a quote is text: a name holding Markdown is not a link,
/// an image or HTML in the Markdown quote, nor markup in the HTML one.
#[test]
fn caller_text_is_escaped_in_markdown_and_html() {
    use pulldown_cmark::{Event, Options, Parser, Tag};
    let c = catalogue();
    let mut e = top_up_enquiry();
    let name = "[click](https://evil.example) ![x](https://evil.example/x.png) <img src=x onerror=alert(1)> **bold** `code` ~~gone~~ | pipe";
    e.caller.name = name.into();
    e.caller.organisation = "&#x1b; & <b>Co</b>".into();
    e.caller.email = "<https://evil.example>".into();
    let q = quote::build(&c, &e, day("2026-12-01")).unwrap();
    let md = quote::markdown(&q);
    let mut in_prepared = false;
    let mut prepared = String::new();
    for event in Parser::new_ext(&md, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH) {
        match &event {
            Event::Start(Tag::Link { .. } | Tag::Image { .. } | Tag::Strikethrough)
            | Event::Html(_)
            | Event::InlineHtml(_)
            | Event::Code(_) => panic!("caller text became markup: {event:?}\n{md}"),
            Event::Start(Tag::Paragraph) => in_prepared = false,
            Event::Text(t) if t.starts_with("Prepared ") => {
                in_prepared = true;
                prepared.push_str(t);
            }
            Event::Text(t) if in_prepared => prepared.push_str(t),
            Event::Start(Tag::Emphasis | Tag::Strong) if in_prepared => {
                panic!("caller text became emphasis:\n{md}")
            }
            _ => {}
        }
    }
    assert_eq!(
        prepared,
        format!(
            "Prepared 2026-12-01 by inspired2learn for {name}, &#x1b; & <b>Co</b> (<https://evil.example>)."
        )
    );
    let html = quote::html(&q);
    assert!(!html.contains("<img") && !html.contains("<b>"), "{html}");
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("&amp;#x1b; &amp; &lt;b&gt;Co&lt;/b&gt;"));
}

/// An enquiry deleted (here: by another store, as `qualplan enquiries
/// delete` would) stays deleted: a later save from a copy loaded before is
/// refused, and writes nothing.
#[test]
fn a_deleted_enquiry_is_not_recreated_by_a_later_save() {
    let dir = tempfile::tempdir().unwrap();
    let store = EnquiryStore::open(dir.path()).unwrap();
    let mut e = top_up_enquiry();
    store.save(&mut e).unwrap();
    EnquiryStore::open(dir.path())
        .unwrap()
        .delete(&e.id)
        .unwrap();
    e.notes = "typed after the deletion".into();
    match store.save(&mut e) {
        Err(StoreError::Deleted { id }) => assert_eq!(id, e.id),
        other => panic!("{other:?}"),
    }
    assert!(!dir.path().join(format!("{}.ron", e.id)).exists());
    // Saving it as new again is a choice (the app asks first).
    e.revision = 0;
    store.save(&mut e).unwrap();
    assert_eq!(store.load(&e.id).unwrap().notes, "typed after the deletion");
}

/// Another enquiry made under a deleted one's id is not overwritten by a
/// stale copy of the first, even at the same revision.
#[test]
fn a_new_enquiry_under_an_old_id_is_a_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let store = EnquiryStore::open(dir.path()).unwrap();
    let mut old = top_up_enquiry();
    store.save(&mut old).unwrap();
    store.delete(&old.id).unwrap();
    let mut new = instalments_enquiry();
    new.id = old.id.clone();
    store.save(&mut new).unwrap();
    assert_eq!(new.revision, old.revision);
    assert!(matches!(store.save(&mut old), Err(StoreError::Conflict(_))));
    assert_eq!(store.load(&old.id).unwrap(), new);
}

/// An enquiry that would be larger than one can be read back is refused,
/// and the file keeps its last save.
#[test]
fn an_enquiry_too_large_to_read_back_is_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let store = EnquiryStore::open(dir.path()).unwrap();
    let mut e = top_up_enquiry();
    store.save(&mut e).unwrap();
    let saved = e.clone();
    e.notes = "x".repeat(2 << 20);
    let err = store.save(&mut e).unwrap_err();
    assert!(matches!(err, StoreError::TooLarge { .. }), "{err}");
    assert!(err.to_string().contains("more than the 1 MiB"), "{err}");
    assert_eq!(store.load(&e.id).unwrap(), saved);
}

/// Held qualifications, and every other text an enquiry file holds, are
/// scrubbed on loading: nothing hostile reaches a screen from them.
#[test]
fn every_text_of_an_enquiry_is_scrubbed() {
    let mut e = top_up_enquiry();
    e.answers.held = vec!["l5-cert-cm\u{1b}]0;x\u{7}\u{9b}2J\u{202e}".into()];
    e.shortlist = vec!["\u{e0041}x".into()];
    e.upgrade.as_mut().unwrap().held = vec!["a\u{2028}b".into()];
    e.upgrade.as_mut().unwrap().units = vec!["5017\u{200b}".into()];
    assert_eq!(e.scrub(), 7);
    assert_eq!(
        e.answers.held,
        ["l5-cert-cm\u{FFFD}]0;x\u{FFFD}\u{FFFD}2J\u{FFFD}"]
    );
    assert_eq!(e.shortlist, ["\u{FFFD}x"]);
    let u = e.upgrade.unwrap();
    assert_eq!(
        (u.held, u.units),
        (
            vec!["a\u{FFFD}b".to_string()],
            vec!["5017\u{FFFD}".to_string()]
        )
    );
}

/// Numbers in an enquiry file lie in the documented ranges, or the file is
/// set aside with a message saying which: a payment count of four billion
/// never reaches the planner (it once aborted on allocation).
#[test]
fn enquiry_numbers_out_of_range_are_refused_on_loading() {
    let dir = tempfile::tempdir().unwrap();
    let store = EnquiryStore::open(dir.path()).unwrap();
    let mut e = instalments_enquiry();
    store.save(&mut e).unwrap();
    let path = dir.path().join(format!("{}.ron", e.id));
    let text = std::fs::read_to_string(&path).unwrap();
    for (from, to, message) in [
        (
            "monthly_payments: 3",
            "monthly_payments: 4294967294",
            "payment.monthly_payments is 4294967294; it must be from 0 to 120",
        ),
        (
            "instalment: 15000",
            "instalment: 9223372036854775807",
            "payment.instalment is £92,233,720,368,547,758.07; it must be from £0.00 to £1,000,000.00",
        ),
        (
            "start: \"2027-01-31\"",
            "start: \"+262000-01-31\"",
            "payment.start is +262000-01-31; it must be from 2000-01-01 to 2100-12-31",
        ),
    ] {
        assert!(text.contains(from), "{from} in {text}");
        std::fs::write(&path, text.replace(from, to)).unwrap();
        match store.load(&e.id) {
            Err(StoreError::Unreadable { problem, .. }) => assert_eq!(problem, message),
            other => panic!("{to}: {other:?}"),
        }
    }
}

#[cfg(unix)]
mod files {
    use super::*;
    use std::os::unix::fs::{PermissionsExt, symlink};

    fn mode(p: &std::path::Path) -> u32 {
        std::fs::symlink_metadata(p).unwrap().permissions().mode() & 0o777
    }

    /// A link planted at `enquiries/.lock` is never opened: its target is
    /// neither truncated nor written.
    #[test]
    fn a_planted_lock_link_is_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let enquiries = dir.path().join("enquiries");
        std::fs::create_dir(&enquiries).unwrap();
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "precious").unwrap();
        symlink(&victim, enquiries.join(".lock")).unwrap();
        let store = EnquiryStore::open(&enquiries).unwrap();
        let err = store.save(&mut top_up_enquiry()).unwrap_err().to_string();
        assert!(err.contains("link"), "{err}");
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    }

    /// An enquiries folder that is a link is reported, and the folder it
    /// points at keeps its mode.
    #[test]
    fn a_linked_enquiries_folder_is_reported_not_adopted() {
        let dir = tempfile::tempdir().unwrap();
        let elsewhere = dir.path().join("elsewhere");
        std::fs::create_dir(&elsewhere).unwrap();
        std::fs::set_permissions(&elsewhere, std::fs::Permissions::from_mode(0o755)).unwrap();
        let link = dir.path().join("enquiries");
        symlink(&elsewhere, &link).unwrap();
        let err = match EnquiryStore::open(&link) {
            Err(e) => e.to_string(),
            Ok(_) => panic!("a linked folder was adopted"),
        };
        assert!(err.contains("is a link to"), "{err}");
        assert_eq!(mode(&elsewhere), 0o755);
        // Nor is a folder qualplan did not make re-permissioned.
        EnquiryStore::open(&elsewhere).unwrap();
        assert_eq!(mode(&elsewhere), 0o755);
    }

    /// A FIFO or a link in place of an enquiry is refused at once (it
    /// used to hang the app), set aside like any unreadable file.
    #[test]
    fn special_files_in_place_of_enquiries_are_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let store = EnquiryStore::open(dir.path()).unwrap();
        let fifo = dir.path().join("enq-fifo.ron");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        symlink("/dev/zero", dir.path().join("enq-zero.ron")).unwrap();
        let err = store.load("enq-fifo").unwrap_err().to_string();
        assert!(err.contains("FIFO"), "{err}");
        let err = store.load("enq-zero").unwrap_err().to_string();
        assert!(err.contains("link"), "{err}");
        let report = store.load_all().unwrap();
        assert_eq!(report.set_aside.len(), 2, "{:?}", report.set_aside);
    }

    /// Everything qualplan creates for enquiries and quotes is private.
    #[test]
    fn quotes_are_private_and_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let c = catalogue();
        let q = quote::build(&c, &top_up_enquiry(), day("2026-12-01")).unwrap();
        let quotes = dir.path().join("data/quotes");
        let first = quote::save(&q, &quotes, "md", "one").unwrap();
        let second = quote::save(&q, &quotes, "md", "two").unwrap();
        assert_eq!(
            first.file_name().unwrap(),
            "quote-enq-20261201-100000-2026-12-01.md"
        );
        assert_eq!(
            second.file_name().unwrap(),
            "quote-enq-20261201-100000-2026-12-01-2.md"
        );
        assert_eq!(std::fs::read_to_string(&first).unwrap(), "one");
        assert_eq!(
            (mode(&dir.path().join("data")), mode(&quotes)),
            (0o700, 0o700)
        );
        assert_eq!((mode(&first), mode(&second)), (0o600, 0o600));
        // A link planted where the next quote goes is left alone.
        let victim = dir.path().join("victim");
        std::fs::write(&victim, "precious").unwrap();
        symlink(
            &victim,
            quotes.join("quote-enq-20261201-100000-2026-12-01-3.md"),
        )
        .unwrap();
        let third = quote::save(&q, &quotes, "md", "three").unwrap();
        assert!(third.ends_with("quote-enq-20261201-100000-2026-12-01-4.md"));
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    }
}
