//! Tested as a person would: the real binary in a pseudo-terminal, keys
//! typed, the screen read through a terminal emulator.

#[path = "support/callers.rs"]
mod callers;
#[path = "e2e/harness.rs"]
mod harness;
#[path = "support/home.rs"]
mod support;
#[allow(dead_code)] // only the catalogue text is needed here
#[path = "support/synthetic.rs"]
mod synthetic;
use qualplan::enquiry::Enquiry;

use harness::{Tui, key, sets_colour, sgr_sequences};

fn home() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// The screen once the frame being drawn is complete.
fn whole_frame(t: &Tui) -> String {
    t.wait_quiet(std::time::Duration::from_millis(100));
    t.screen()
}

/// Escape must reach the app on its own, or it reads as Alt and a key.
fn escape(t: &mut Tui, then_shows: &str) {
    t.send(key::ESC);
    t.wait_for(then_shows);
}

/// Route 3 up to the level question: a middle manager interested in both.
fn route_3_to_level(t: &mut Tui) {
    t.send("3");
    t.wait_for("What is your role?");
    t.send(&format!("{}{}", key::DOWN, key::ENTER));
    t.wait_for("coaching, mentoring, or both?");
    t.send(&format!("{}{}{}", key::DOWN, key::DOWN, key::ENTER));
    t.wait_for("Which level?");
}

/// From the level question: the suggested Level 5, 3 hours a week, the
/// rest skipped, to the review of the answers and on to the
/// recommendations.
fn level_to_recommendations(t: &mut Tui) {
    t.send(key::ENTER);
    t.wait_for("How many hours a week");
    t.send(&format!(
        "3{}{}{}{}",
        key::ENTER,
        key::TAB,
        key::TAB,
        key::TAB
    ));
    t.wait_for("your answers");
    t.send(key::ENTER);
    t.wait_for("Recommended, best first");
}

/// 1. A learner takes route 3, answers the questions, compares two options
///    side by side, opens one and quits.
#[test]
fn learner_route_3_compare_detail_quit() {
    let h = home();
    let mut t = Tui::start(h.path(), 100, 30, &[]);
    t.wait_for("How would you like to develop?");
    route_3_to_level(&mut t);
    level_to_recommendations(&mut t);
    // Waited for, not read at once: a frame can arrive in pieces.
    t.wait_for("+ Covers both coaching and mentoring");
    let s = whole_frame(&t);
    assert!(s.contains("l5-cert-cm") && s.contains("£2,034.00"), "{s}");
    escape(&mut t, "your answers");
    escape(&mut t, "How would you like to develop?");
    t.send("c");
    t.wait_for("qualifications, sorted by");
    t.send(&format!(" {} v", key::DOWN));
    t.wait_for("Side by side");
    t.wait_for("Suggested time");
    let s = whole_frame(&t);
    assert!(
        s.contains("£995.00") && s.contains("£1,194.00") && s.contains("9 months"),
        "{s}"
    );
    escape(&mut t, "qualifications, sorted by");
    t.send(key::ENTER);
    t.wait_for("Figures");
    // (Waited for, not read at once: a frame can arrive in pieces.)
    t.wait_for("[pack: 8. Our prices]");
    t.send("q");
    assert_eq!(t.wait_exit(), Some(0));
    t.restored().unwrap();
}

/// 2. An advisor takes a call: an enquiry, a fuzzy unit search, the top-up
///    from a held Level 5 Certificate, then the same held elsewhere, and a
///    quote with the figures the screen showed last.
#[test]
fn advisor_enquiry_search_top_up_quote() {
    let h = home();
    let mut t = Tui::start(h.path(), 100, 30, &[]);
    t.wait_for("How would you like to develop?");
    t.send("n");
    t.wait_for("Enquiry enq-");
    t.send("Jane Smith");
    t.wait_for("Enquiry: Jane Smith (saved)");
    t.send(key::DOWN);
    t.send("jane@example.org");
    t.wait_for("jane@example.org");
    escape(&mut t, "How would you like to develop?");
    t.send("/");
    t.wait_for("Search: ids, codes");
    t.send("reflectng mentring");
    t.wait_for("Reflecting on Workplace Mentoring Skills");
    escape(&mut t, "How would you like to develop?");
    t.send("u");
    t.wait_for("Holds (Space)");
    t.send(&format!("{0}{0}{0}{0}{0} ", key::DOWN));
    t.wait_for("£530.00");
    let s = whole_frame(&t);
    assert!(
        s.contains("VAT (20%)             £106.00") && s.contains("Fee inc VAT           £636.00"),
        "{s}"
    );
    t.send(&format!("{}{}", key::TAB, key::ENTER));
    t.wait_for("Payments: in full");
    t.wait_for("Top-up from l5-cert-cm: take 5017");
    // Held with another provider: the screen says the full price, and so
    // do Plan & pay and the quote (never the £530 top-up).
    escape(&mut t, "Upgrades, cheapest first");
    t.send("o");
    t.wait_for("Fee ex VAT            £2,225.00");
    t.send(key::ENTER);
    t.wait_for("Full price, l5-cert-cm held elsewhere");
    let s = whole_frame(&t);
    assert!(s.contains("£2,225.00") && !s.contains("£530.00"), "{s}");
    t.send("q");
    assert_eq!(t.wait_exit(), Some(0));

    let run = |args: &[&str]| {
        let out = support::std_command(h.path()).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let list: serde_json::Value =
        serde_json::from_str(&run(&["enquiries", "list", "--format", "json"])).unwrap();
    let first = &list["enquiries"][0];
    let id = first["enquiry"].as_str().unwrap().to_string();
    assert_eq!(first["caller"], "Jane Smith");
    let written = run(&["quote", &id, "--format", "json"]);
    let path = written.trim().rsplit(" to ").next().unwrap().to_string();
    let quote: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert_eq!(quote["qualification"], "l5-dip-cm");
    assert_eq!(quote["course"]["holding"]["with_provider"], false);
    assert_eq!(quote["fee"]["ex_vat_pence"], 222_500);
    assert_eq!(quote["fee"]["inc_vat_pence"], 267_000);
    // Priced for the holding with this provider instead: the top-up.
    let written = run(&[
        "quote",
        &id,
        "--from",
        "l5-cert-cm",
        "--format",
        "json",
        "--stdout",
    ]);
    let quote: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_eq!(quote["fee"]["ex_vat_pence"], 53_000);
    assert_eq!(quote["fee"]["vat_pence"], 10_600);
    assert_eq!(quote["fee"]["inc_vat_pence"], 63_600);
}

/// 3. The enquiry survives SIGKILL mid-session.
#[test]
fn enquiry_survives_sigkill() {
    let h = home();
    let mut t = Tui::start(h.path(), 100, 30, &[]);
    t.wait_for("How would you like to develop?");
    t.send("n");
    t.wait_for("Enquiry enq-");
    t.send("Kill Test");
    t.wait_for("Enquiry: Kill Test (saved)");
    t.signal("KILL");
    assert_eq!(t.wait_exit(), Some(1), "killed by a signal");
    drop(t);
    let mut t = Tui::start(h.path(), 100, 30, &[]);
    t.wait_for("How would you like to develop?");
    t.send("e");
    t.wait_for("1 enquiry, newest first");
    t.wait_for("Kill Test");
    // The search box takes letters; Ctrl-C always quits.
    t.send(key::CTRL_C);
    assert_eq!(t.wait_exit(), Some(0));
}

/// 4. Resizes mid-session: no panic, the screen recovers.
#[test]
fn resize_from_large_to_tiny_and_back() {
    let h = home();
    let mut t = Tui::start(h.path(), 200, 60, &[]);
    t.wait_for("How would you like to develop?");
    t.send("c");
    t.wait_for("size        stream");
    t.resize(80, 24);
    t.wait_for("title                L▲ Cr GLH Prac    inc VAT time");
    t.resize(30, 10);
    t.wait_for("at least 80x23");
    t.resize(200, 60);
    t.wait_for("size        stream");
    t.send("q");
    assert_eq!(t.wait_exit(), Some(0));
    t.restored().unwrap();
}

/// 5. Ctrl-C, SIGTERM and a panic each leave the terminal restored.
#[test]
fn ctrl_c_restores_the_terminal() {
    let h = home();
    let mut t = Tui::start(h.path(), 100, 30, &[]);
    t.wait_for("How would you like to develop?");
    t.send(key::CTRL_C);
    assert_eq!(t.wait_exit(), Some(0));
    t.restored().unwrap();
}

#[test]
fn sigterm_restores_the_terminal() {
    let h = home();
    let mut t = Tui::start(h.path(), 100, 30, &[]);
    t.wait_for("How would you like to develop?");
    t.signal("TERM");
    assert_eq!(t.wait_exit(), Some(143), "128 + SIGTERM");
    t.restored().unwrap();
}

/// The crash path, triggered the same way in debug and release builds (and
/// only by its exact value: any other does nothing).
#[test]
fn a_panic_restores_the_terminal() {
    let h = home();
    let mut t = Tui::start(
        h.path(),
        100,
        30,
        &[("QUALPLAN_TEST_PANIC", qualplan::tui::TEST_PANIC)],
    );
    assert_ne!(t.wait_exit(), Some(0));
    t.restored().unwrap();
    // A short apology, on the restored screen, saying where the log is.
    let log = h.path().join("state/qualplan/qualplan.log");
    let screen = t.screen();
    for expected in [
        "qualplan stopped because of a bug, sorry.",
        "What went wrong: test panic requested by QUALPLAN_TEST_PANIC",
        &format!("The details are in {}.", log.display()),
        "Please report it",
    ] {
        assert!(screen.contains(expected), "{expected}: {screen}");
    }
    assert!(!screen.contains("RUST_BACKTRACE"), "{screen}");
    // The log has the panic and its backtrace; nothing of it was drawn
    // over the app's screen (all of it is after leaving the alternate one).
    let text = std::fs::read_to_string(&log).unwrap();
    assert!(text.contains("panic at src/tui/mod.rs"), "{text}");
    assert!(text.contains("qualplan started"), "{text}");
    let raw = String::from_utf8_lossy(&t.raw()).into_owned();
    let left = raw
        .find("\u{1b}[?1049l")
        .expect("left the alternate screen");
    assert!(raw.find("qualplan stopped").unwrap() > left);
}

/// 6. NO_COLOR: no colour escape sequences at all.
#[test]
fn no_color_means_no_colour() {
    let h = home();
    let mut t = Tui::start(h.path(), 100, 30, &[("NO_COLOR", "1")]);
    t.wait_for("How would you like to develop?");
    t.send("c");
    t.wait_for("qualifications, sorted by");
    t.send("q");
    t.wait_exit();
    let colours: Vec<String> = sgr_sequences(&t.raw())
        .into_iter()
        .filter(|p| sets_colour(p))
        .collect();
    assert!(colours.is_empty(), "colour sequences: {colours:?}");
    // Without NO_COLOR there is colour, so the check above can fail.
    let mut t = Tui::start(h.path(), 100, 30, &[]);
    t.wait_for("How would you like to develop?");
    t.send("q");
    t.wait_exit();
    assert!(sgr_sequences(&t.raw()).iter().any(|p| sets_colour(p)));
}

/// 7. Not a terminal: a clear message and exit code 2.
#[test]
fn not_a_terminal() {
    let h = home();
    let out_file = h.path().join("out.txt");
    let out = support::std_command(h.path())
        .stdin(std::process::Stdio::null())
        .stdout(std::fs::File::create(&out_file).unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.starts_with(
            "qualplan: the interactive app needs a terminal, and standard output is not one."
        ),
        "{err}"
    );
    assert!(err.contains("qualplan list"));
    assert_eq!(std::fs::read_to_string(out_file).unwrap(), "");
}

/// The three callers of the enquiries list's snapshots, saved in `home`.
fn three_callers(home: &std::path::Path) {
    let store =
        qualplan::enquiry::EnquiryStore::open(home.join("data/qualplan/enquiries")).unwrap();
    for mut e in callers::three() {
        store.save(&mut e).unwrap();
    }
}

/// Plain-text captures of the main screens in docs/screens/, taken through
/// the pseudo-terminal at 80x24 on a named day (QUALPLAN_TODAY), so that
/// their dates stay put. `UPDATE_SCREENS=1 cargo test --test e2e screens`
/// regenerates them; otherwise they must match what the app draws.
#[test]
fn screens_for_the_docs() {
    let h = home();
    three_callers(h.path());
    let mut t = Tui::start(h.path(), 80, 24, &[("QUALPLAN_TODAY", "2026-12-01")]);
    let mut captures: Vec<(&str, String)> = Vec::new();
    t.wait_for("How would you like to develop?");
    captures.push(("home", whole_frame(&t)));
    route_3_to_level(&mut t);
    captures.push(("wizard", whole_frame(&t)));
    // Level 5, 5 hours a week, a budget of "2k", no target date, nothing
    // held: the review of the answers.
    t.send(key::ENTER);
    t.wait_for("How many hours a week");
    t.send(&format!("5{}", key::ENTER));
    t.wait_for("What is your budget");
    t.send(&format!("2k{}", key::ENTER));
    t.wait_for("By when would you like to finish?");
    t.send(key::TAB);
    t.wait_for("Do you already hold");
    t.send(key::ENTER);
    t.wait_for("Budget        £2,000.00 inc VAT");
    captures.push(("review", whole_frame(&t)));
    // The recommendations, the Diploma chosen: the Why pane's over-budget
    // line.
    t.send(key::ENTER);
    t.wait_for("Best first; fees inc VAT");
    t.send(key::DOWN);
    t.wait_for("Diploma in Coaching and Mentoring: possible");
    t.wait_for("£670.00 over your £2,000.00 budget");
    captures.push(("recommendations", whole_frame(&t)));
    t.send(key::ENTER);
    t.wait_for("Figures");
    captures.push(("detail", whole_frame(&t)));
    // Plan & pay for it by instalments, at the learner's 5 hours a week.
    t.send("p");
    t.wait_for("Payments: in full");
    t.send("i");
    t.wait_for("Payments: instalments");
    t.wait_for("Prices exclude VAT");
    captures.push(("plan-instalments", whole_frame(&t)));
    escape(&mut t, "Figures");
    escape(&mut t, "Best first; fees inc VAT");
    escape(&mut t, "your answers");
    escape(&mut t, "How would you like to develop?");
    t.send("c");
    t.wait_for("qualifications, sorted by");
    captures.push(("compare", whole_frame(&t)));
    t.send("?");
    t.wait_for("Keys on Compare");
    captures.push(("help", whole_frame(&t)));
    escape(&mut t, "qualifications, sorted by");
    t.send(&format!(" {0} {0} v", key::DOWN));
    t.wait_for("Side by side");
    captures.push(("side-by-side", whole_frame(&t)));
    escape(&mut t, "qualifications, sorted by");
    t.send("c");
    t.wait_for("Price ex VAT ─");
    captures.push(("chart", whole_frame(&t)));
    escape(&mut t, "qualifications, sorted by");
    escape(&mut t, "How would you like to develop?");
    t.send("/");
    t.wait_for("Search: ids");
    t.send("reflecting mentoring");
    // The final query's count: earlier letters' results may show first.
    t.wait_for("3 results; Enter opens");
    captures.push(("search", whole_frame(&t)));
    escape(&mut t, "How would you like to develop?");
    t.send("u");
    t.wait_for("Holds (Space)");
    t.send(&format!("{0}{0}{0}{0}{0} ", key::DOWN));
    t.wait_for("£530.00");
    captures.push(("upgrade", whole_frame(&t)));
    escape(&mut t, "How would you like to develop?");
    t.send("e");
    t.wait_for("3 enquiries, newest first");
    t.wait_for("Ravi Patel");
    captures.push(("enquiries", whole_frame(&t)));
    t.send(key::CTRL_C);
    t.wait_exit();

    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/screens");
    let update = std::env::var_os("UPDATE_SCREENS").is_some();
    if update {
        std::fs::create_dir_all(&dir).unwrap();
    }
    for (name, screen) in captures {
        let text: String = screen
            .lines()
            .map(|l| format!("{}\n", l.trim_end()))
            .collect();
        let path = dir.join(format!("{name}.txt"));
        if update {
            std::fs::write(&path, &text).unwrap();
        } else {
            let on_disk = std::fs::read_to_string(&path).unwrap_or_default();
            assert_eq!(
                text, on_disk,
                "docs/screens/{name}.txt is out of date (UPDATE_SCREENS=1 regenerates it)"
            );
        }
    }
}

/// Mouse reports: a click selects, a second click opens, the wheel scrolls.
#[test]
fn mouse_clicks_and_wheel() {
    let h = home();
    let mut t = Tui::start(h.path(), 100, 30, &[]);
    t.wait_for("How would you like to develop?");
    // SGR mouse reports, 1-based: row 9 is the fifth entry, Compare.
    let click = "\x1b[<0;6;9M\x1b[<0;6;9m";
    t.send(click);
    t.wait_for("> c  Compare qualifications");
    t.send(click);
    t.wait_for("qualifications, sorted by");
    // The wheel moves the selection down two rows.
    t.send("\x1b[<65;10;10M\x1b[<65;10;10M");
    t.wait_for("> l3-cert-coaching");
    t.send("q");
    assert_eq!(t.wait_exit(), Some(0));
}

/// A burst of typing into search over a large provider catalogue: every
/// key is read (searches run off the UI thread, so none is lost or
/// delayed behind a search), and the results are the final query's.
/// (The 10k figures are in docs/performance.md: `cargo bench --bench latency`.)
#[test]
fn typing_fast_into_search_over_a_large_catalogue() {
    let home = home();
    let config = home.path().join("config").join("qualplan");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("catalogue.ron"), synthetic::text(1_000)).unwrap();
    let mut t = Tui::start(home.path(), 100, 30, &[]);
    t.wait_for("How would you like to develop?");
    t.send("/");
    t.wait_for("Search: ids");
    // All at once, as fast as the terminal delivers it.
    t.send("reflective practice syn-0072");
    t.wait_for("│reflective practice syn-0072 ");
    t.wait_for("results; Enter opens");
    let screen = whole_frame(&t);
    assert!(
        screen.contains("syn-00726") && screen.contains("3 results"),
        "{screen}"
    );
    assert!(!screen.contains("Searching"), "{screen}");
    t.send(key::CTRL_C);
    t.wait_exit();
}

/// Every enquiry file in `home` loads, and its caller's name is a prefix
/// of `typed`: the content of one complete save, never a torn one.
fn every_enquiry_is_whole(home: &std::path::Path, typed: &str) -> usize {
    let store =
        qualplan::enquiry::EnquiryStore::open(home.join("data/qualplan/enquiries")).unwrap();
    let report = store.load_all().unwrap();
    assert!(report.set_aside.is_empty(), "{:?}", report.set_aside);
    for e in &report.enquiries {
        assert!(typed.starts_with(&e.caller.name), "{:?}", e.caller.name);
    }
    report.enquiries.len()
}

/// SIGKILL at random moments while the app saves as the advisor types:
/// every enquiry loads afterwards, holding one complete save. 20 kills
/// here; `QUALPLAN_KILLS=500 cargo test --release --test e2e sigkill_loop`
/// is the run in docs/reliability.md.
#[test]
fn sigkill_loop_during_saves() {
    let kills: usize = std::env::var("QUALPLAN_KILLS")
        .ok()
        .and_then(|k| k.parse().ok())
        .unwrap_or(20);
    let h = home();
    let typed = "Abcdefghij Klmnopqrst Uvwxyz";
    // A cheap, seeded generator: the moments are random but repeatable.
    let mut state: u64 = 0x2026_1122;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for round in 0..kills {
        let mut t = Tui::start(h.path(), 100, 30, &[]);
        t.wait_for("How would you like to develop?");
        t.send(key::F2);
        t.wait_for("Enquiry enq-");
        // Type, and kill after a random number of keys (each key is a save).
        let keys = (next() % typed.len() as u64) as usize;
        for c in typed.chars().take(keys) {
            t.send(&c.to_string());
        }
        // Every other round, once the keys are read: under load a kill can
        // otherwise land before the first key is read, and an enquiry
        // exists only once something is typed.
        if round % 2 == 0 && keys > 0 {
            t.wait_for(&typed[..keys]);
        }
        std::thread::sleep(std::time::Duration::from_micros(next() % 3_000));
        t.signal("KILL");
        t.wait_exit();
    }
    let files = every_enquiry_is_whole(h.path(), typed);
    assert!(files >= 1 && files <= kills, "{files} enquiries");
    println!("{kills} kills, {files} enquiries, all whole");
}

/// SIGINT, SIGTERM and SIGHUP while saving: the app finishes the save it
/// is in, restores the terminal and exits 128 + the signal.
#[test]
fn signals_during_saves_lose_nothing() {
    for (signal, code) in [("INT", 130), ("TERM", 143), ("HUP", 129)] {
        let h = home();
        let mut t = Tui::start(h.path(), 100, 30, &[]);
        t.wait_for("How would you like to develop?");
        t.send(key::F2);
        t.wait_for("Enquiry enq-");
        t.send("Signal Test");
        // An enquiry exists once something is typed: signal once the app
        // has read the keys (else, under load, the signal can arrive
        // first and there is rightly nothing to save).
        t.wait_for("Signal Test");
        t.signal(signal);
        assert_eq!(t.wait_exit(), Some(code), "SIG{signal}");
        t.restored().unwrap();
        assert_eq!(every_enquiry_is_whole(h.path(), "Signal Test"), 1);
    }
}

/// A data directory that cannot be used: the app says so and goes on.
#[test]
fn an_unusable_data_directory_is_reported_not_fatal() {
    let h = home();
    // A file where the data directory should be.
    let data = h.path().join("data");
    std::fs::write(&data, "not a directory").unwrap();
    let mut t = Tui::start(h.path(), 100, 30, &[]);
    t.wait_for("How would you like to develop?");
    t.send(key::F2);
    t.wait_for("Cannot open the enquiries folder");
    t.send("c");
    t.wait_for("qualifications, sorted by");
    t.send("q");
    assert_eq!(t.wait_exit(), Some(0));
    assert_eq!(std::fs::read_to_string(&data).unwrap(), "not a directory");
}

/// The catalogue file removed while the app runs: it carries on with the
/// catalogue it loaded.
#[test]
fn the_catalogue_removed_while_running() {
    let h = home();
    let config = h.path().join("config/qualplan");
    std::fs::create_dir_all(&config).unwrap();
    let file = config.join("catalogue.ron");
    std::fs::write(&file, qualplan::catalogue::EMBEDDED_CATALOGUE).unwrap();
    let mut t = Tui::start(h.path(), 100, 30, &[]);
    t.wait_for("How would you like to develop?");
    std::fs::remove_file(&file).unwrap();
    t.send("c");
    t.wait_for("qualifications, sorted by");
    t.send(key::ENTER);
    t.wait_for("Figures");
    escape(&mut t, "qualifications, sorted by");
    escape(&mut t, "How would you like to develop?");
    t.send("q");
    assert_eq!(t.wait_exit(), Some(0));
}

/// An enquiry file edited to hold escape sequences and a bidi override is
/// shown scrubbed: nothing of it reaches the terminal raw.
#[test]
fn a_hostile_enquiry_never_reaches_the_terminal_raw() {
    let h = home();
    let dir = h.path().join("data/qualplan/enquiries");
    let store = qualplan::enquiry::EnquiryStore::open(&dir).unwrap();
    let now =
        chrono::NaiveDateTime::parse_from_str("2026-11-22 10:00:00", "%Y-%m-%d %H:%M:%S").unwrap();
    let mut e = qualplan::enquiry::Enquiry::new("enq-20261122-100000".into(), now);
    e.caller.name = "Placeholder".into();
    store.save(&mut e).unwrap();
    let path = dir.join("enq-20261122-100000.ron");
    let text = std::fs::read_to_string(&path).unwrap();
    let hostile = "Jane\\u{1b}]0;pwned\\u{7}\\u{1b}[2J\\u{202e}htimS";
    std::fs::write(
        &path,
        text.replace("\"Placeholder\"", &format!("\"{hostile}\"")),
    )
    .unwrap();
    let mut t = Tui::start(h.path(), 100, 30, &[]);
    t.wait_for("How would you like to develop?");
    t.send("e");
    t.wait_for("1 enquiry, newest first");
    t.wait_for("Jane");
    t.send(key::ENTER);
    t.wait_for("htimS");
    t.send(key::CTRL_C);
    t.wait_exit();
    let raw = t.raw();
    let contains = |needle: &[u8]| raw.windows(needle.len()).any(|w| w == needle);
    assert!(
        !contains(b"\x1b]0;pwned"),
        "the title-setting escape was written"
    );
    assert!(
        !contains("\u{202e}".as_bytes()),
        "the bidi override was written"
    );
    assert!(contains("Jane\u{FFFD}]0;pwned".as_bytes()));
}

/// The test panic needs its exact value: anything else is an ordinary run.
#[test]
fn the_test_panic_needs_its_exact_value() {
    let h = home();
    let mut t = Tui::start(h.path(), 100, 30, &[("QUALPLAN_TEST_PANIC", "1")]);
    t.wait_for("How would you like to develop?");
    t.send("q");
    assert_eq!(t.wait_exit(), Some(0));
}

/// Types a caller's name into a new enquiry and waits for it to be saved.
fn new_enquiry_named(t: &mut Tui, name: &str) {
    t.send(key::F2);
    t.wait_for("Enquiry enq-");
    t.send(name);
    t.wait_for(&format!("Enquiry: {name} (saved)"));
}

/// The app at 100x30 in a fresh home, on its home screen.
fn started() -> (tempfile::TempDir, Tui) {
    let h = home();
    let t = Tui::start(h.path(), 100, 30, &[]);
    t.wait_for("How would you like to develop?");
    (h, t)
}

/// Quits with q: exit 0, the terminal as it was.
fn quit_restored(t: &mut Tui) {
    t.send("q");
    assert_eq!(t.wait_exit(), Some(0));
    t.restored().unwrap();
}

/// The one enquiry file in `dir`.
fn the_enquiry_file(dir: &std::path::Path) -> std::path::PathBuf {
    std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "ron"))
        .unwrap()
}

/// The log, which holds any panic.
fn log(home: &std::path::Path) -> String {
    std::fs::read_to_string(home.join("state/qualplan/qualplan.log")).unwrap_or_default()
}

/// Closing the terminal (a pty hang-up): the app saves, ends with 128 +
/// SIGHUP, and does not panic on the way out (ratatui's drop used to, on
/// the dead terminal).
#[test]
fn a_hang_up_saves_and_ends_without_a_panic() {
    let (h, mut t) = started();
    new_enquiry_named(&mut t, "Hang Up");
    t.hang_up();
    assert_eq!(t.wait_exit(), Some(129));
    let log = log(h.path());
    assert!(!log.contains("panic"), "{log}");
    assert!(log.contains("the app ended"), "{log}");
    assert_eq!(every_enquiry_is_whole(h.path(), "Hang Up"), 1);
}

/// With SIGHUP ignored (`nohup`), a terminal that is gone reads as end of
/// file or EIO for ever: the app notices, saves and ends (it used to spin
/// at full CPU, never ending).
#[test]
fn with_sighup_ignored_a_dead_terminal_still_ends_the_app() {
    let h = home();
    let mut t = Tui::start_ignoring_hang_up(h.path(), 100, 30);
    t.wait_for("How would you like to develop?");
    new_enquiry_named(&mut t, "No Hup");
    t.hang_up();
    assert_eq!(t.wait_exit(), Some(129));
    assert!(!log(h.path()).contains("panic"));
    assert_eq!(every_enquiry_is_whole(h.path(), "No Hup"), 1);
}

/// SIGQUIT (Ctrl-\\ elsewhere) leaves through the same door as SIGTERM:
/// terminal restored, 128 + 3.
#[test]
fn sigquit_restores_the_terminal() {
    let (h, mut t) = started();
    new_enquiry_named(&mut t, "Quit Signal");
    t.signal("QUIT");
    assert_eq!(t.wait_exit(), Some(131));
    t.restored().unwrap();
    assert_eq!(every_enquiry_is_whole(h.path(), "Quit Signal"), 1);
}

/// Ctrl-Z gives the terminal back and stops, as other full-screen
/// programs do; continued (`fg` sends SIGCONT), the app takes the terminal
/// again and redraws the screen it was on.
#[test]
fn ctrl_z_suspends_and_continuing_redraws() {
    let (_h, mut t) = started();
    t.send("c");
    t.wait_for("qualifications, sorted by");
    t.send(key::CTRL_Z);
    t.wait_until("suspending", |t| t.stopped());
    t.wait_until("leaving the alternate screen", |t| !t.on_alternate_screen());
    t.restored().unwrap();
    t.signal("CONT");
    t.wait_until("taking the terminal again", |t| t.on_alternate_screen());
    t.wait_for("qualifications, sorted by");
    quit_restored(&mut t);
}

/// A 200,000-character paste into the notes is one edit and one save, cut
/// to the field's limit with a word on screen; the app answers at once
/// and a SIGTERM right after ends it promptly (it used to be 200,000
/// saves with fsync, twelve minutes, SIGTERM held back).
#[test]
fn a_huge_paste_is_one_edit_and_one_save() {
    let (h, mut t) = started();
    new_enquiry_named(&mut t, "Paste");
    // Down to the notes.
    t.send(&key::DOWN.repeat(6));
    t.wait_for(">Notes");
    let text = "word ".repeat(40_000);
    t.send(&format!("\x1b[200~{text}\x1b[201~"));
    t.wait_for("Pasted the first 20,000 characters");
    t.signal("TERM");
    assert_eq!(t.wait_exit(), Some(143));
    let store =
        qualplan::enquiry::EnquiryStore::open(h.path().join("data/qualplan/enquiries")).unwrap();
    let e = store.load_all().unwrap().enquiries.remove(0);
    assert_eq!(e.notes.chars().count(), 20_000);
    assert_eq!(e.caller.name, "Paste");
    // One save for the new enquiry, one per letter of "Paste" at most,
    // and one for the paste.
    assert!(e.revision <= 7, "{} saves", e.revision);
}

/// An enquiry deleted on the command line while it is open in the app:
/// the next keystroke does not bring it back; the app asks, and "keep it
/// deleted" leaves nothing on disk.
#[test]
fn an_enquiry_deleted_elsewhere_stays_deleted() {
    let (h, mut t) = started();
    new_enquiry_named(&mut t, "Erase Me");
    let dir = h.path().join("data/qualplan/enquiries");
    let file = the_enquiry_file(&dir);
    let id = file.file_stem().unwrap().to_str().unwrap().to_string();
    let out = support::std_command(h.path())
        .args(["enquiries", "delete", &id, "--yes"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    t.send("x");
    t.wait_for("Enquiry deleted elsewhere");
    assert!(!dir.join(format!("{id}.ron")).exists(), "recreated");
    t.send("d");
    t.wait_for("stays deleted");
    t.send(key::CTRL_C);
    assert_eq!(t.wait_exit(), Some(0));
    assert!(!dir.join(format!("{id}.ron")).exists(), "recreated");
}

/// Edits that cannot be saved (here the file was replaced by a folder, so
/// nothing can be written over it) are not lost silently: quitting asks,
/// and leaving anyway says so on the way out.
#[test]
fn quitting_with_unsaved_edits_asks() {
    let (h, mut t) = started();
    new_enquiry_named(&mut t, "Unsaved");
    let file = the_enquiry_file(&h.path().join("data/qualplan/enquiries"));
    std::fs::remove_file(&file).unwrap();
    std::fs::create_dir(&file).unwrap();
    t.send(" Edits");
    t.wait_for("Could not save enquiry");
    t.send(key::CTRL_C);
    t.wait_for("Edits not saved");
    t.send(key::ESC);
    t.wait_until("staying", |t| !t.screen().contains("Edits not saved"));
    assert!(t.screen().contains("Unsaved Edits"));
    t.send(key::CTRL_C);
    t.wait_for("Edits not saved");
    t.send("d");
    assert_eq!(t.wait_exit(), Some(0));
    t.wait_for("left without saving the latest edits to enquiry");
    t.restored().unwrap();
}

/// The command line at a terminal: tables fit its width (and a wider one
/// is used), headings are bold unless NO_COLOR or TERM=dumb says not.
#[test]
fn commands_fit_the_terminal_they_run_in() {
    let h = home();
    for cols in [60u16, 80, 200] {
        let mut t = Tui::run(h.path(), cols, 60, &["list"], &[]);
        assert_eq!(t.wait_exit(), Some(0));
        let screen = t.screen();
        let widest = screen.lines().map(|l| l.trim_end().chars().count()).max();
        assert!(widest <= Some(usize::from(cols)), "{cols}:\n{screen}");
        let title = "ILM Level 7 Diploma in Executive Coaching and Mentoring";
        // A row is wrapped only when the terminal is too narrow for it.
        assert_eq!(screen.contains(title), cols > 80, "{cols}:\n{screen}");
        assert!(
            String::from_utf8_lossy(&t.raw()).contains("\x1b[1mid"),
            "bold headings at a terminal"
        );
    }
    for env in [[("NO_COLOR", "1")], [("TERM", "dumb")]] {
        let mut t = Tui::run(h.path(), 80, 24, &["list"], &env);
        assert_eq!(t.wait_exit(), Some(0));
        assert!(sgr_sequences(&t.raw()).is_empty(), "{env:?}");
    }
    assert!(
        std::fs::read_dir(h.path()).unwrap().next().is_none(),
        "nothing written"
    );
}

/// `enquiries delete` asks at a terminal; only yes deletes.
#[test]
fn deleting_an_enquiry_asks_first() {
    let h = home();
    let store =
        qualplan::enquiry::EnquiryStore::open(h.path().join("data/qualplan/enquiries")).unwrap();
    let now = chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
        .unwrap()
        .and_hms_opt(9, 0, 0)
        .unwrap();
    let mut e = qualplan::enquiry::Enquiry::new("enq-20261201-090000".into(), now);
    e.caller.name = "Jane Smith".into();
    store.save(&mut e).unwrap();
    let file = store.dir().join("enq-20261201-090000.ron");
    let mut t = Tui::run(h.path(), 80, 24, &["enquiries", "delete", &e.id], &[]);
    t.wait_for("Delete enquiry enq-20261201-090000 (Jane Smith) for good? [y/N]");
    t.send("n\r");
    assert_eq!(t.wait_exit(), Some(1));
    assert!(t.screen().contains("nothing deleted"), "{}", t.screen());
    assert!(file.exists());
    let mut t = Tui::run(h.path(), 80, 24, &["enquiries", "delete", &e.id], &[]);
    t.wait_for("[y/N]");
    t.send("y\r");
    assert_eq!(t.wait_exit(), Some(0));
    assert!(
        t.screen()
            .contains("Deleted enquiry enq-20261201-090000 (Jane Smith).")
    );
    assert!(!file.exists());
}

/// Standard base64 (RFC 4648) decoded, for reading an OSC 52 payload.
fn from_base64(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut bits: u32 = 0;
    let mut held = 0;
    let mut out = Vec::new();
    for c in text.bytes().filter(|&c| c != b'=') {
        let v = ALPHABET.iter().position(|&a| a == c).expect("base64") as u32;
        bits = (bits << 6) | v;
        held += 6;
        if held >= 8 {
            held -= 8;
            out.push((bits >> held) as u8);
        }
    }
    out
}

/// `y` on Plan & pay writes the plan to the clipboard by OSC 52: the
/// plain mode's lines, the pack's figures, and the status line says so.
/// `M` lets the mouse go and takes it back, saying which is on.
#[test]
fn y_copies_the_plan_by_osc_52_and_m_lets_the_mouse_go() {
    let h = home();
    let mut t = Tui::start(h.path(), 100, 30, &[]);
    t.wait_for("How would you like to develop?");
    t.send("c");
    t.wait_for("l3-award-coaching");
    t.send(key::ENTER);
    t.wait_for("plan & pay");
    t.send("p");
    t.wait_for("Hours a week");
    t.send("y");
    t.wait_for("Copied to the clipboard: the plan for l3-award-coaching");
    let raw = String::from_utf8_lossy(&t.raw()).into_owned();
    let start = raw.find("\x1b]52;c;").expect("an OSC 52 sequence") + 7;
    let end = start + raw[start..].find("\x1b\\").expect("ended by ST");
    let text = String::from_utf8(from_base64(&raw[start..end])).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "Plan for ILM Level 3 Award in Coaching (l3-award-coaching)"
    );
    assert!(lines.contains(&"Paying in full:"), "{text}");
    assert!(
        lines.contains(&"Total: £995.00 ex VAT, VAT 20% £199.00, £1,194.00 inc VAT"),
        "{text}"
    );
    // Mouse reports off (?1000l), then on again (?1000h).
    let before = t.raw().len();
    t.send("M");
    t.wait_for("Mouse off");
    let raw = t.raw();
    assert!(String::from_utf8_lossy(&raw[before..]).contains("\x1b[?1000l"));
    t.send("M");
    t.wait_for("Mouse on");
    t.send("q");
    t.wait_exit();
}

/// Every file under `dir` whose name starts with `prefix`.
fn files_named(dir: &std::path::Path, prefix: &str) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else if entry.file_name().to_string_lossy().starts_with(prefix) {
                found.push(path);
            }
        }
    }
    found
}

/// An advisor's call at 80x24, start to finish: the caller's name and
/// phone captured, the upgrade from the Level 5 Certificate found (the
/// £530 + VAT top-up, £636.00), Plan & pay opened, the quote written, the
/// call ended; then the enquiry found again by typing its phone number
/// and reopened, its upgrade and plan still there.
#[test]
fn an_advisors_call_start_to_finish() {
    let h = home();
    let mut t = Tui::start(h.path(), 80, 24, &[]);
    t.wait_for("How would you like to develop?");
    t.send("n");
    t.wait_for("New enquiry: kept once something is typed");
    assert!(
        files_named(h.path(), "enq-").is_empty(),
        "nothing typed, nothing saved"
    );
    t.send("Jane Smith");
    t.wait_for("Enquiry: Jane Smith (saved)");
    t.send(&format!("{0}{0}07700 900123", key::DOWN));
    t.wait_for("07700 900123");
    escape(&mut t, "How would you like to develop?");
    // The upgrade: holding the Level 5 Certificate with this provider.
    t.send("u");
    t.wait_for("Holds (Space)");
    t.send(&format!("{0}{0}{0}{0}{0} ", key::DOWN));
    t.wait_for("£530.00");
    let s = whole_frame(&t);
    assert!(s.contains("£106.00") && s.contains("£636.00"), "{s}");
    t.send(&format!("{}{}", key::TAB, key::ENTER));
    t.wait_for("Payments: in full");
    let s = whole_frame(&t);
    assert!(s.contains("Top-up from l5-cert-cm"), "{s}");
    // The quote, then the end of the call.
    t.send(key::F3);
    t.wait_for("Quote written");
    let quotes = files_named(h.path(), "quote-");
    assert_eq!(quotes.len(), 1, "{quotes:?}");
    let quote = std::fs::read_to_string(&quotes[0]).unwrap();
    assert!(
        quote.contains("Jane Smith") && quote.contains("£636.00"),
        "{quote}"
    );
    t.send(key::F5);
    t.wait_for("Call ended: Jane Smith");
    let s = whole_frame(&t);
    assert!(
        s.contains("Call ended: Jane Smith — l5-dip-cm chosen, paying in full,"),
        "{s}"
    );
    assert!(!s.contains("Enquiry: Jane Smith"), "no active enquiry: {s}");
    // Found again by the phone number as typed without spaces.
    t.send("e");
    t.wait_for("1 enquiry, newest first");
    t.send("07700900123");
    t.wait_for("filter: 07700900123");
    let s = whole_frame(&t);
    let row = s
        .lines()
        .find(|l| l.contains("Jane Smith") && l.contains("07700 900123"))
        .unwrap_or_else(|| panic!("{s}"));
    assert!(row.contains("quoted"), "{row}");
    t.send(key::ENTER);
    t.wait_for("Enquiry: Jane Smith (saved)");
    let s = whole_frame(&t);
    assert!(s.contains("l5-cert-cm to l5-dip-cm"), "{s}");
    // F6: back into Plan & pay with the same choices, the upgrade under it.
    t.send(key::F6);
    t.wait_for("Payments: in full");
    let s = whole_frame(&t);
    assert!(
        s.contains("Top-up from l5-cert-cm") && s.contains("£636.00"),
        "{s}"
    );
    escape(&mut t, "l5-cert-cm → l5-dip-cm");
    t.send(key::CTRL_C);
    assert_eq!(t.wait_exit(), Some(0));
    t.restored().unwrap();
}

/// Pence as the screens write pounds: £2,670.00.
fn pounds(pence: i64) -> String {
    let whole = (pence / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("£{grouped}.{:02}", pence % 100)
}

/// The text inside the box whose top border carries `title`, its rows
/// joined by spaces, so that a sentence wrapped over rows reads whole.
fn pane_text(screen: &str, title: &str) -> String {
    let mut rows = screen
        .lines()
        .skip_while(|l| !(l.contains('┌') && l.contains(title)));
    assert!(rows.next().is_some(), "no pane titled {title}:\n{screen}");
    rows.take_while(|l| !l.contains('└'))
        .map(|l| l.trim_matches(|c| c == '│' || c == ' '))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The words after `label` on the row that has it (a row of a table, a
/// field and its value), or `None` when no row on screen has it.
fn row_after(screen: &str, label: &str) -> Option<Vec<String>> {
    screen.lines().find_map(|l| {
        let at = l.find(label)?;
        let rest = &l[at + label.len()..];
        rest.starts_with(' ').then(|| {
            rest.split_whitespace()
                .filter(|w| *w != "│")
                .map(|w| w.trim_end_matches('│').to_string())
                .collect()
        })
    })
}

/// A learner's evening at 80x24, start to finish: route 3 answered (the
/// budget typed as "2k"), the answers reviewed and one changed, the
/// recommendations with their fit labels and inc-VAT fees and the Why
/// pane's over-budget line, back out and in again with the answers kept,
/// the two recommended sent to Compare side by side (the differences and
/// the top-up between them), and Plan & pay by instalments: every payment,
/// the total and the VAT note, scrolled to where the pane scrolls. Every
/// figure is worked out here from the catalogue (which matches the pack).
#[test]
fn a_learners_evening_start_to_finish() {
    use qualplan::catalogue::{CatalogueOrigin, Stream, load};
    let cat = load(&CatalogueOrigin::Embedded).unwrap();
    let rate = i64::from(cat.pricing.vat_rate_percent.value);
    let vat = |ex: i64| {
        assert_eq!(ex * rate % 100, 0, "whole pence: no rounding to agree on");
        ex * rate / 100
    };
    let inc = |ex: i64| ex + vat(ex);
    let price = |id: &str| {
        cat.qualification(id)
            .and_then(|q| q.price.as_ref())
            .map(|p| p.value.0)
            .unwrap()
    };
    let terms = &cat.pricing.instalments;
    let premium = terms.premium.value.0;
    let instalment = terms.instalment.value.0;
    let final_payment = i64::from(terms.final_payment_on_completion.value);
    // By instalments, the first payment is what the later ones leave of
    // the price and the premium (the pack: £995 is £420 then 4 x £150).
    let first_payment =
        |id: &str, monthly: i64| price(id) + premium - instalment * (monthly + final_payment);
    let budget: i64 = 200_000;
    let (cert, dip) = ("l5-cert-cm", "l5-dip-cm");

    let h = home();
    let mut t = Tui::start(h.path(), 80, 24, &[]);
    t.wait_for("How would you like to develop?");
    route_3_to_level(&mut t);
    t.wait_for("> Level 5");
    t.send(key::ENTER);
    t.wait_for("How many hours a week");
    t.send(&format!("3{}", key::ENTER));
    t.wait_for("What is your budget, in pounds including VAT?");
    t.send(&format!("2k{}", key::ENTER));
    t.wait_for("By when would you like to finish?");
    // "2k" is two thousand pounds, not £2.00.
    t.wait_for(&pounds(budget));
    t.send(key::TAB);
    t.wait_for("Do you already hold");
    t.send(key::ENTER);

    // The review: every answer, and one changed from it.
    t.wait_for("your answers");
    t.wait_for(&format!("Budget        {} inc VAT", pounds(budget)));
    let s = whole_frame(&t);
    assert_eq!(row_after(&s, "Hours a week").unwrap(), ["3"], "{s}");
    assert_eq!(row_after(&s, "Already hold").unwrap(), ["Nothing", "yet"]);
    t.send(&format!("{0}{0}{0}{0}{1}", key::UP, key::ENTER));
    t.wait_for("How many hours a week");
    t.wait_for("> 3");
    t.send(&format!("{}5{}", key::CTRL_U, key::ENTER));
    t.wait_for("your answers");
    t.wait_for("Hours a week  5");
    t.send(&format!("{0}{0}{0}{0}{1}", key::DOWN, key::ENTER));

    // The recommendations: fees inc VAT beside an inc-VAT budget, each
    // fit label as the reasons have it (the Level 5 options are what was
    // asked for but over budget, so "possible", never "good fit").
    let title = format!(
        "Best first; fees inc VAT; budget {} inc VAT",
        pounds(budget)
    );
    t.wait_for(&title);
    t.wait_for("▼ 2 more");
    let mut rows = whole_frame(&t);
    t.send(key::END);
    t.wait_for("l7-dip-ecm");
    rows.push_str(&whole_frame(&t));
    let on_sale: Vec<_> = cat.on_sale().collect();
    assert_eq!(on_sale.len(), 9);
    for q in &on_sale {
        let wanted = q.level == 5 && q.stream == Stream::CoachingAndMentoring;
        let fee = inc(price(&q.id));
        let label = if wanted {
            assert!(
                fee > budget,
                "{}: the labels below assume over budget",
                q.id
            );
            "possible"
        } else {
            "poor fit"
        };
        let row = rows
            .lines()
            .find(|l| l.contains(&format!(" {} ", q.id)))
            .unwrap_or_else(|| panic!("{}: {rows}", q.id));
        assert!(
            row.contains(&format!(" {label} ")) && row.contains(&pounds(fee)),
            "{}: {row}",
            q.id
        );
    }
    // The Why pane: the hours as changed, and the over-budget line, for
    // each of the two.
    t.send(key::HOME);
    for (id, title) in [
        (
            cert,
            "ILM Level 5 Certificate in Coaching and Mentoring: possible",
        ),
        (
            dip,
            "ILM Level 5 Diploma in Coaching and Mentoring: possible",
        ),
    ] {
        t.wait_for(title);
        t.wait_for("budget; by instalments");
        let why = pane_text(&whole_frame(&t), "Why");
        let fee = inc(price(id));
        let over = format!(
            "- {} inc VAT is {} over your {} budget; by instalments the first payment is {} inc VAT",
            pounds(fee),
            pounds(fee - budget),
            pounds(budget),
            pounds(inc(first_payment(
                id,
                i64::from(terms.monthly_payments.value)
            ))),
        );
        assert!(why.contains(&over), "{over}\n{why}");
        assert!(why.contains("at 5 hours a week"), "{why}");
        t.send(key::DOWN);
    }

    // Back out and in again: the answers are kept, the review pre-filled.
    escape(&mut t, "your answers");
    let s = whole_frame(&t);
    assert_eq!(row_after(&s, "Hours a week").unwrap(), ["5"], "{s}");
    escape(&mut t, "How would you like to develop?");
    t.send("3");
    t.wait_for("your answers");
    t.wait_for(&format!("Budget        {} inc VAT", pounds(budget)));
    let s = whole_frame(&t);
    assert_eq!(row_after(&s, "Hours a week").unwrap(), ["5"], "{s}");
    assert!(s.contains("> See the recommendations"), "{s}");
    t.send(key::ENTER);
    t.wait_for(&title);

    // Sent to Compare: the two not rated a poor fit, marked, side by side.
    t.send("c");
    t.wait_for("Side by side");
    t.wait_for("2 marked");
    let s = whole_frame(&t);
    assert!(s.contains("2 sent here"), "{s}");
    let header = s.lines().find(|l| l.contains(cert)).unwrap();
    assert!(header.find(cert) < header.find(dip), "{header}");
    let (a, b) = (
        cat.qualification(cert).unwrap(),
        cat.qualification(dip).unwrap(),
    );
    // A row of the side by side: whether it is marked as differing, and
    // its two values.
    let side_row = |label: &str| {
        let row = s
            .lines()
            .find(|l| {
                l.starts_with(&format!("│  {label} ")) || l.starts_with(&format!("│≠ {label} "))
            })
            .unwrap_or_else(|| panic!("no row {label}: {s}"));
        (row.starts_with("│≠"), row_after(row, label).unwrap())
    };
    let same = |label: &str, value: &str| {
        assert_eq!(side_row(label), (false, vec![value.to_string(); 2]));
    };
    let differ = |label: &str, x: String, y: String| {
        assert_eq!(side_row(label), (true, vec![x, y]));
    };
    same("Level", &a.level.to_string());
    assert_eq!(a.level, b.level);
    differ(
        "Credits",
        a.credits.value.to_string(),
        b.credits.value.to_string(),
    );
    differ("Price ex VAT", pounds(price(cert)), pounds(price(dip)));
    differ("VAT", pounds(vat(price(cert))), pounds(vat(price(dip))));
    differ(
        "Price inc VAT",
        pounds(inc(price(cert))),
        pounds(inc(price(dip))),
    );
    assert!(s.contains("more ┘"), "the pane says there is more: {s}");
    // Further down, the top-up from one to the other: the balance, which
    // is the pack's own example.
    t.send(key::PAGE_DOWN);
    t.wait_for(&format!(
        "Top-up, for a learner who completed {cert} with this provider:"
    ));
    t.wait_for("Fee inc VAT");
    let s = whole_frame(&t);
    let top_up = price(dip) - price(cert);
    assert_eq!(top_up, cat.pricing.top_up.example.fee_ex_vat.0);
    assert_eq!(row_after(&s, "Fee ex VAT").unwrap(), [pounds(top_up)]);
    assert_eq!(
        row_after(&s, &format!("VAT ({rate}%)")).unwrap(),
        [pounds(vat(top_up))]
    );
    assert_eq!(row_after(&s, "Fee inc VAT").unwrap(), [pounds(inc(top_up))]);
    assert!(
        s.contains("┌ Side by side ─") && s.contains(" more ┐"),
        "{s}"
    );

    // The table: the two marked; Plan & pay for the Diploma.
    t.send("v");
    t.wait_for("2 qualifications, sorted by");
    t.wait_for(&format!(" *{dip} "));
    t.send(key::DOWN);
    t.wait_for(&format!(">*{dip} "));
    t.send("p");
    t.wait_for(&format!("┌ {dip} "));
    t.wait_for("Payments: in full");
    t.wait_for("Prices exclude VAT");
    let s = whole_frame(&t);
    // The hours as the learner changed them, not the default.
    assert_eq!(row_after(&s, "Hours a week").unwrap()[..3], ["‹", "5", "›"]);
    let start = row_after(&s, "Start").unwrap()[1].clone();
    let start = chrono::NaiveDate::parse_from_str(&start, "%Y-%m-%d").unwrap();
    let today = chrono::Local::now().date_naive();
    assert!(
        start == today || start.succ_opt() == Some(today),
        "starts today: {start}"
    );
    let p = price(dip);
    let due = |months: u32| {
        start
            .checked_add_months(chrono::Months::new(months))
            .unwrap()
            .to_string()
    };
    let payment = |ex: i64| vec![pounds(ex), pounds(vat(ex)), pounds(inc(ex))];
    let with_due = |date: String, ex: i64| [vec![date], payment(ex)].concat();
    assert_eq!(
        row_after(&s, "Payment in full").unwrap(),
        with_due(due(0), p)
    );

    // By instalments, at the pack's terms: every payment, the total and
    // the VAT note on the one screen.
    t.send("i");
    t.wait_for("Payments: instalments");
    t.wait_for("Prices exclude VAT");
    let s = whole_frame(&t);
    let premium_label = format!("First payment, incl. {} premium", pounds(premium));
    let monthly = terms.monthly_payments.value;
    let expect = |s: &str, monthly: u32, from: u32, to: u32| {
        let first = first_payment(dip, i64::from(monthly));
        if from == 1 {
            assert_eq!(
                row_after(s, &premium_label).unwrap(),
                with_due(due(0), first),
                "{s}"
            );
        }
        for k in from..=to {
            assert_eq!(
                row_after(s, &format!("Monthly payment {k} of {monthly}")).unwrap(),
                with_due(due(k), instalment),
                "{s}"
            );
        }
    };
    let total = |s: &str| {
        assert_eq!(
            row_after(s, "Final payment, on completion").unwrap(),
            [
                vec!["on".to_string(), "completion".to_string()],
                payment(instalment)
            ]
            .concat(),
            "{s}"
        );
        assert_eq!(row_after(s, "Total").unwrap(), payment(p + premium), "{s}");
        assert!(
            s.contains(&format!(
                "Prices exclude VAT; VAT at {rate}% on each payment."
            )),
            "{s}"
        );
    };
    expect(&s, monthly, 1, monthly);
    total(&s);
    assert!(s.contains("more ┘"), "{s}");

    // Ten monthly payments outgrow the pane at 80x24: it says so, and
    // scrolls to the final payment, the total, the VAT note and how the
    // first payment was worked out.
    t.send(&key::DOWN.repeat(4));
    t.send(&key::RIGHT.repeat(7));
    t.wait_for("‹ 10 + final ›");
    t.wait_for("Monthly payment 6 of 10");
    let s = whole_frame(&t);
    expect(&s, 10, 1, 6);
    assert!(row_after(&s, "Total").is_none(), "not yet in sight: {s}");
    assert!(s.contains("more ┘"), "{s}");
    t.send(&format!("{0}{0}{1}", key::TAB, key::PAGE_DOWN));
    t.wait_for("Monthly payment 10 of 10");
    t.wait_for("premium (ex VAT).");
    let s = whole_frame(&t);
    expect(&s, 10, 7, 10);
    total(&s);
    assert!(s.contains("┌ Payments: instalments ─") && s.contains(" more ┐"));
    let why = pane_text(&s, "Payments: instalments");
    let derivation = format!(
        "First payment {} = price {} - {} later payments of {} + {} premium (ex VAT).",
        pounds(first_payment(dip, 10)),
        pounds(p),
        10 + final_payment,
        pounds(instalment),
        pounds(premium)
    );
    assert!(why.contains(&derivation), "{derivation}\n{why}");
    t.send("q");
    assert_eq!(t.wait_exit(), Some(0));
    t.restored().unwrap();
}
