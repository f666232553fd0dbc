//! Hostile input: catalogues and enquiries holding terminal escape
//! sequences, bidirectional overrides, invisible characters, a 1 MB line,
//! deep nesting, invalid UTF-8 or 100 MB. Each is refused with a clear
//! message or shown neutralised, never written raw, never a hang.

use qualplan::catalogue::{EMBEDDED_CATALOGUE, parse};
use qualplan::enquiry::{Enquiry, EnquiryStore};
use std::path::Path;

#[path = "support/home.rs"]
mod support;
use support::qualplan;

/// What `qualplan validate` says of a catalogue file holding `bytes`; it
/// must fail, and print nothing that acts on a terminal.
fn refused(bytes: &[u8]) -> String {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("hostile.ron");
    std::fs::write(&file, bytes).unwrap();
    let out = qualplan(
        home.path(),
        &["--catalogue", file.to_str().unwrap(), "validate"],
    );
    assert_eq!(out.status.code(), Some(4), "an invalid catalogue");
    let stderr = String::from_utf8(out.stderr).expect("messages are UTF-8");
    assert_inert(&stderr);
    assert!(out.stdout.is_empty());
    stderr
}

/// No escape, bell, bidirectional or invisible character.
fn assert_inert(text: &str) {
    if let Some(c) = text.chars().find(|c| qualplan::text::hazard(*c).is_some()) {
        panic!("U+{:04X} written raw in: {text}", c as u32);
    }
}

const TITLE: &str = "title: \"ILM Level 5 Diploma in Coaching and Mentoring\"";

fn with_title(title: &str) -> String {
    assert!(EMBEDDED_CATALOGUE.contains(TITLE));
    EMBEDDED_CATALOGUE.replacen(TITLE, &format!("title: \"{title}\""), 1)
}

#[test]
fn escape_sequences_are_refused_and_shown_inert() {
    let message = refused(with_title("Diploma\u{1b}]0;pwned\u{7}\u{1b}[2J").as_bytes());
    assert!(
        message.contains("qualification `l5-dip-cm`: the text holds the control character U+001B"),
        "{message}"
    );
    // In an id the validator quotes it back: made visible, not obeyed.
    let text = EMBEDDED_CATALOGUE.replace("\"l5-dip-cm\"", "\"l5-dip\u{1b}[31m\"");
    let message = refused(text.as_bytes());
    assert!(message.contains("l5-dip<U+001B>[31m"), "{message}");
}

#[test]
fn bidirectional_overrides_and_invisible_characters_are_refused() {
    let message = refused(with_title("Diploma \u{202E}gnihcaoC").as_bytes());
    assert!(
        message.contains("the bidirectional control U+202E"),
        "{message}"
    );
    let message = refused(with_title("Dip\u{200B}loma").as_bytes());
    assert!(
        message.contains("the invisible character U+200B"),
        "{message}"
    );
}

#[test]
fn a_one_megabyte_line_is_refused_with_its_position() {
    let long = "x".repeat(1 << 20);
    let message = refused(with_title(&long).as_bytes());
    assert!(
        message.contains("the text is 1048576 characters long, more than the 10000 allowed"),
        "{message}"
    );
    // The whole catalogue on one line still loads: no limit on lines.
    let one_line: String = EMBEDDED_CATALOGUE
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join(" ");
    let c = parse(&one_line, "one-line.ron").unwrap();
    assert_eq!(c.qualifications.len(), 18);
}

#[test]
fn deep_nesting_is_refused_without_exhausting_the_stack() {
    let deep = format!("{}{}", "(".repeat(100_000), ")".repeat(100_000));
    let message = refused(deep.as_bytes());
    assert!(
        message.contains("hostile.ron:1:2: catalogue: Expected identifier"),
        "{message}"
    );
    let deep = format!(
        "(awarding_body: \"x\", sources: {}{}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    // The catalogue's types bound its nesting: the first bracket where a
    // field's value should be is reported, at once.
    let message = refused(deep.as_bytes());
    assert!(
        message.contains(
            "hostile.ron:1:32: catalogue: Expected opening `(` for struct `SourceDocument`"
        ),
        "{message}"
    );
}

#[test]
fn invalid_utf8_is_refused_with_its_position() {
    let mut bytes = EMBEDDED_CATALOGUE.as_bytes()[..200].to_vec();
    bytes.extend_from_slice(&[0xff, 0xfe, b'\n']);
    let message = refused(&bytes);
    assert!(message.contains("hostile.ron:"), "{message}");
    assert!(
        message.contains("the file is not valid UTF-8 text"),
        "{message}"
    );
}

#[test]
fn a_hundred_megabyte_file_is_refused_unread() {
    let home = tempfile::tempdir().unwrap();
    let file = home.path().join("huge.ron");
    std::fs::File::create(&file)
        .unwrap()
        .set_len(100 << 20)
        .unwrap();
    let out = qualplan(
        home.path(),
        &["--catalogue", file.to_str().unwrap(), "list"],
    );
    assert_eq!(out.status.code(), Some(5), "a file that cannot be read");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("the file is larger than 64 MiB, the most a catalogue may be"),
        "{stderr}"
    );
}

/// A device that never ends, or a pipe nobody writes to, is refused at
/// once as not a file: nothing of it is read, nothing waits on it.
#[test]
fn a_file_that_never_ends_is_refused() {
    let home = tempfile::tempdir().unwrap();
    let out = qualplan(home.path(), &["--catalogue", "/dev/zero", "list"]);
    assert_eq!(out.status.code(), Some(5), "a file that cannot be read");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("cannot read the catalogue /dev/zero: it is a device, not a regular file"),
        "{stderr}"
    );
}

/// An enquiry file as a person (or an attacker) might have edited it.
fn hostile_enquiry(home: &Path, name: &str) -> EnquiryStore {
    let store = EnquiryStore::open(home.join("data/qualplan/enquiries")).unwrap();
    let mut e = Enquiry::new(
        "enq-20261122-100000".into(),
        chrono::NaiveDateTime::parse_from_str("2026-11-22 10:00:00", "%Y-%m-%d %H:%M:%S").unwrap(),
    );
    e.caller.name = "Placeholder".into();
    e.notes = "Notes".into();
    e.chosen = Some("l5-dip-cm".into());
    store.save(&mut e).unwrap();
    let path = store.dir().join("enq-20261122-100000.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("\"Placeholder\"", &format!("\"{name}\""))
            .replace("\"Notes\"", "\"Line one\\nline two\\u{202E}\""),
    )
    .unwrap();
    store
}

#[test]
fn an_enquiry_holding_escapes_loads_scrubbed_and_prints_inert() {
    let home = tempfile::tempdir().unwrap();
    let store = hostile_enquiry(home.path(), "Jane\\u{1b}]0;pwned\\u{7}\\u{202E}htimS");
    let e = store.load("enq-20261122-100000").unwrap();
    assert_eq!(e.caller.name, "Jane\u{FFFD}]0;pwned\u{FFFD}\u{FFFD}htimS");
    assert_eq!(e.notes, "Line one\nline two\u{FFFD}");
    for args in [
        &["enquiries", "list"][..],
        &["enquiries", "show", "enq-20261122-100000"],
        &["quote", "enq-20261122-100000", "--format", "text"],
    ] {
        let out = qualplan(home.path(), args);
        assert!(out.status.success(), "{args:?}");
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert_inert(&stdout);
        assert!(
            stdout.contains("Jane\u{FFFD}]0;pwned"),
            "{args:?}: {stdout}"
        );
    }
}

#[test]
fn oversized_or_deeply_nested_enquiries_are_set_aside_not_lost() {
    let home = tempfile::tempdir().unwrap();
    let store = hostile_enquiry(home.path(), "Jane");
    let big = store.dir().join("enq-big.ron");
    std::fs::write(&big, format!("(id: \"{}\")", "x".repeat(2 << 20))).unwrap();
    let deep = store.dir().join("enq-deep.ron");
    std::fs::write(&deep, "[".repeat(100_000)).unwrap();
    let report = store.load_all().unwrap();
    assert_eq!(report.enquiries.len(), 1);
    let mut problems: Vec<&str> = report
        .set_aside
        .iter()
        .map(|s| s.problem.as_str())
        .collect();
    problems.sort();
    assert!(problems[0].contains("larger than 1 MiB"), "{problems:?}");
    assert!(
        problems[1].contains("line 1, column 1: Expected opening `(`"),
        "{problems:?}"
    );
    // Set aside, byte for byte: nothing is deleted.
    for s in &report.set_aside {
        assert!(s.moved_to.as_ref().unwrap().exists() && !s.file.exists());
    }
}

/// What `qualplan ARGS` writes on both streams, and its exit code.
fn run(args: &[&str]) -> (Option<i32>, String, String) {
    let home = tempfile::tempdir().unwrap();
    let out = qualplan(home.path(), args);
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// Arguments echoed in messages (by qualplan or by clap) are shown as
/// codes, never written raw: escapes, C1 controls, bidi and tag characters.
#[test]
fn arguments_echoed_in_messages_are_inert() {
    let hostile = "l5\u{1b}]0;pwned\u{7}\u{9b}2J\u{202e}\u{e0041}";
    // A name that matches nothing exits 3, a bad option value 2
    // (docs/cli.md, "Exit codes").
    for (args, expected) in [
        (vec!["show", hostile], 3),
        (vec!["pay", hostile], 3),
        (vec!["upgrade", "--from", hostile], 3),
        (vec!["compare", "--sort", hostile], 2),
        (vec!["list", "--format", hostile], 2),
        (vec!["enquiries", "show", hostile], 3),
        (vec!["pay", "l5-dip-cm", "--start", hostile], 2),
    ] {
        let (code, stdout, stderr) = run(&args);
        assert_eq!(code, Some(expected), "{args:?}: {stderr}");
        assert_inert(&stdout);
        assert_inert(&stderr);
        // (clap drops what looks like an escape sequence itself; the rest
        // is shown by code.)
        assert!(
            stderr.contains("<U+009B>2J<U+202E><U+E0041>"),
            "{args:?}: {stderr}"
        );
    }
}

/// Options bounded to their documented ranges: a payment count of four
/// billion (which once aborted on allocation, leaving the terminal raw),
/// instalments whose total wraps, dates past the calendar, huge limits and
/// names are refused with the range, at once.
#[test]
fn options_outside_their_ranges_are_refused() {
    for (args, message) in [
        (
            vec![
                "pay",
                "l5-dip-cm",
                "--instalments",
                "--months",
                "4294967294",
            ],
            "invalid value '4294967294' for '--months <MONTHS>': 4294967294 is out of range: give from 0 to 120",
        ),
        (
            vec![
                "pay",
                "l5-dip-cm",
                "--instalments",
                "--instalment",
                "30744573456182586.03",
            ],
            "(£1,000,000.00 at most)",
        ),
        (
            vec![
                "plan",
                "--qualification",
                "l5-dip-cm",
                "--start",
                "+262000-01-01",
            ],
            "write the date as YYYY-MM-DD",
        ),
        (
            vec![
                "plan",
                "--qualification",
                "l5-dip-cm",
                "--start",
                "2999-01-01",
            ],
            "dates from 2000 to 2100",
        ),
        (
            vec![
                "plan",
                "--qualification",
                "l5-dip-cm",
                "--hours-per-week",
                "4294967295",
            ],
            "give from 1 to 80 hours",
        ),
        (
            vec!["search", "coach", "--limit", "18446744073709551615"],
            "give from 1 to 500",
        ),
        (
            vec!["compare", "--level", "9"],
            "levels are numbers from 1 to 8",
        ),
        (
            vec!["recommend", "--budget", "99999999999999"],
            "(£1,000,000.00 at most)",
        ),
    ] {
        let (code, stdout, stderr) = run(&args);
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert!(stdout.is_empty(), "{args:?}");
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
    let long = "coach ".repeat(2_000);
    let (code, _, stderr) = run(&["search", &long]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("a name or query has at most 200"),
        "{stderr}"
    );
    // The value is echoed only as far as it fits on a screen.
    assert!(stderr.len() < 400, "{stderr}");
    let words: Vec<&str> = std::iter::repeat_n("coaching", 100).collect();
    let mut args = vec!["show"];
    args.extend(words);
    let (code, _, stderr) = run(&args);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains("a name or query may be at most 200 characters, and this one has 899"),
        "{stderr}"
    );
}

/// The largest instalments inside the range still add up exactly: their
/// total is compared with the price, never wrapped past it.
#[test]
fn the_largest_instalments_are_compared_not_wrapped() {
    let (code, _, stderr) = run(&[
        "pay",
        "l5-dip-cm",
        "--instalments",
        "--instalment",
        "1000000",
        "--months",
        "120",
    ]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("the instalments after the first add up to £121,000,000.00, more than the price of £2,225.00"),
        "{stderr}"
    );
}
