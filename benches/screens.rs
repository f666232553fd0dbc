//! One frame of each screen and overlay at 200x60, drawn into ratatui's
//! TestBackend, with the bundled catalogue and with the 10k synthetic one;
//! the app keeps its enquiries (`ENQUIRIES` of them) in a temporary folder.
//! `cargo bench --bench screens`; figures in docs/performance.md.

// Only the catalogue, not its text, is needed here.
#[allow(dead_code)]
#[path = "../tests/support/synthetic.rs"]
mod synthetic;

use chrono::NaiveDate;
use qualplan::catalogue::{self, Catalogue, CatalogueOrigin};
use qualplan::enquiry::{Enquiry, EnquiryStore};
use qualplan::files::Dirs;
use qualplan::tui::{App, Ctx, Key, Key::*, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::sync::LazyLock;

fn main() {
    divan::main();
}

/// The main screens, the keys from the home screen that open them, and
/// words that screen shows (checked before timing, so that a bench never
/// times the wrong screen after a change of keys).
const SCREENS: &[(&str, &[Key], &str)] = &[
    ("home", &[], "How would you like to develop?"),
    ("wizard", &[Char('3'), Tab, Tab], "question 3 of 7"),
    (
        "recommendations",
        &[Char('3'), Tab, Tab, Tab, Tab, Tab, Tab, Tab, Enter],
        "Recommended, best first",
    ),
    ("compare", &[Char('c')], "qualifications, sorted by"),
    (
        "compare side by side",
        &[Char('c'), Char(' '), Down, Char(' '), Char('v')],
        "Side by side",
    ),
    ("detail", &[Char('c'), Enter], "Compare > l3-award-coaching"),
    (
        "search",
        &[Char('/'), Char('r'), Char('e'), Char('f')],
        "Search: ids",
    ),
    (
        "upgrade",
        &[Char('4'), Down, Down, Down, Down, Down, Char(' ')],
        "[x] l5-cert-cm",
    ),
    (
        "plan and pay",
        &[Char('c'), Enter, Char('p'), Char('i')],
        "> Plan & pay",
    ),
    // The overlays, views and panes the main screens open.
    ("help", &[Char('c'), Char('?')], "Keys on Compare"),
    ("messages", &[Char('c'), Char('y'), Char('m')], "Copied"),
    (
        "wizard review",
        &[Char('3'), Tab, Tab, Tab, Tab, Tab, Tab, Tab],
        "your answers",
    ),
    (
        "recommendations why",
        &[Char('3'), Tab, Tab, Tab, Tab, Tab, Tab, Tab, Enter, Tab],
        "Recommended, best first",
    ),
    (
        "recommendations compared",
        &[
            Char('3'),
            Tab,
            Tab,
            Tab,
            Tab,
            Tab,
            Tab,
            Tab,
            Enter,
            Char('c'),
        ],
        "sent here",
    ),
    (
        "compare filtered",
        &[Char('c'), Char('5'), Char('t'), Char('z')],
        "Level 5",
    ),
    (
        "compare sorted",
        &[
            Char('c'),
            Right,
            Right,
            Right,
            Right,
            Right,
            Right,
            Right,
            Right,
        ],
        "sorted by price inc VAT",
    ),
    ("compare chart", &[Char('c'), Char('c')], "Price ex VAT"),
    (
        "compare chart marked",
        &[
            Char('c'),
            Char(' '),
            Down,
            Char(' '),
            Down,
            Char(' '),
            Char('c'),
        ],
        "Price ex VAT",
    ),
    (
        "search preview",
        &[Char('/'), Char('r'), Char('e'), Char('f'), Tab],
        "Search: ids",
    ),
    (
        "detail upgrades",
        &[Char('c'), Enter, Char('u')],
        "Upgrades, cheapest first",
    ),
    (
        "upgrade held 4",
        &[
            Char('4'),
            Char(' '),
            Down,
            Char(' '),
            Down,
            Char(' '),
            Down,
            Char(' '),
        ],
        "Upgrades, cheapest first",
    ),
    (
        "upgrade list",
        &[
            Char('4'),
            Down,
            Down,
            Down,
            Down,
            Down,
            Char(' '),
            Tab,
            Down,
        ],
        "[x] l5-cert-cm",
    ),
    (
        "upgrade detail",
        &[Char('4'), Down, Down, Down, Down, Down, Char(' '), Tab, Tab],
        "[x] l5-cert-cm",
    ),
    (
        "plan and pay changed",
        &[
            Char('c'),
            Enter,
            Char('p'),
            Right,
            Right,
            Tab,
            Right,
            Char('i'),
        ],
        "> Plan & pay",
    ),
    ("new enquiry", &[Char('n')], "New enquiry"),
    ("enquiries", &[Char('e')], "enquiries"),
    ("enquiry", &[Char('e'), Enter], "Jane Smith"),
    ("quote choice", &[Char('e'), Enter, F(3)], "Which to quote?"),
];

/// How many enquiries the app's folder holds, each with a shortlist.
const ENQUIRIES: usize = 300;

/// The enquiries' folder, filled once.
static HOME: LazyLock<tempfile::TempDir> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let store = EnquiryStore::open(dir.path().join("enquiries")).expect("a store");
    let at = NaiveDate::from_ymd_opt(2026, 12, 1)
        .and_then(|d| d.and_hms_opt(10, 0, 0))
        .expect("a time");
    for n in 0..ENQUIRIES {
        let mut e = Enquiry::new(format!("enq-bench-{n:04}"), at);
        e.caller.name = "Jane Smith".into();
        e.notes = format!("Caller {n}, asked about coaching");
        e.shortlist = vec![
            "l5-cert-cm".into(),
            "l5-dip-cm".into(),
            "l3-award-coaching".into(),
        ];
        store.save(&mut e).expect("saved");
    }
    dir
});

static EMBEDDED: LazyLock<Catalogue> =
    LazyLock::new(|| catalogue::load(&CatalogueOrigin::Embedded).expect("valid"));
static SYNTHETIC_10K: LazyLock<Catalogue> = LazyLock::new(|| synthetic::catalogue(10_000));

fn app_on(catalogue: &Catalogue, screen: &str) -> App {
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date");
    let mut app = App::new(Ctx::new(catalogue.clone(), today, Theme::Dark));
    app.size = (200, 60);
    let home = HOME.path();
    app.dirs = Some(Dirs {
        data: home.to_path_buf(),
        config: home.join("config"),
        state: home.join("state"),
        cache: home.join("cache"),
    });
    app.store = Some(Box::new(
        EnquiryStore::open(home.join("enquiries")).expect("the enquiries"),
    ));
    let (_, actions, shows) = SCREENS
        .iter()
        .find(|(name, _, _)| *name == screen)
        .expect("a listed screen");
    for a in *actions {
        app.act(*a);
    }
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("a test terminal");
    terminal.draw(|frame| app.view(frame)).expect("drawn");
    let buffer = terminal.backend().buffer();
    let text: String = buffer.content().iter().map(|cell| cell.symbol()).collect();
    let rows: Vec<String> = text
        .chars()
        .collect::<Vec<_>>()
        .chunks(200)
        .map(|row| row.iter().collect())
        .collect();
    assert!(
        text.contains(shows),
        "the keys for {screen} no longer open it; it shows:\n{}",
        rows.join("\n")
    );
    app
}

fn draw(bencher: divan::Bencher, app: App) {
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("a test terminal");
    bencher.bench_local(|| {
        terminal.draw(|frame| app.view(frame)).expect("drawn");
    });
}

#[divan::bench(args = SCREENS.iter().map(|(name, _, _)| *name))]
fn frame_embedded(bencher: divan::Bencher, screen: &str) {
    draw(bencher, app_on(&EMBEDDED, screen));
}

#[divan::bench(args = SCREENS.iter().map(|(name, _, _)| *name))]
fn frame_10k(bencher: divan::Bencher, screen: &str) {
    draw(bencher, app_on(&SYNTHETIC_10K, screen));
}
