//! One frame of each main screen at 200x60, drawn into ratatui's
//! TestBackend, with the bundled catalogue and with the 10k synthetic one.
//! `cargo bench --bench screens`; figures in docs/performance.md.

// Only the catalogue, not its text, is needed here.
#[allow(dead_code)]
#[path = "../tests/support/synthetic.rs"]
mod synthetic;

use chrono::NaiveDate;
use qualplan::catalogue::{self, Catalogue, CatalogueOrigin};
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
];

static EMBEDDED: LazyLock<Catalogue> =
    LazyLock::new(|| catalogue::load(&CatalogueOrigin::Embedded).expect("valid"));
static SYNTHETIC_10K: LazyLock<Catalogue> = LazyLock::new(|| synthetic::catalogue(10_000));

fn app_on(catalogue: &Catalogue, screen: &str) -> App {
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date");
    let mut app = App::new(Ctx::new(catalogue.clone(), today, Theme::Dark));
    app.size = (200, 60);
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
    assert!(
        text.contains(shows),
        "the keys for {screen} no longer open it"
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
