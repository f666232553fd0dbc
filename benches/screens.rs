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

/// The main screens and the keys from the home screen that open them.
const SCREENS: &[(&str, &[Key])] = &[
    ("home", &[]),
    ("wizard", &[Char('3'), Tab, Tab]),
    (
        "recommendations",
        &[Char('3'), Tab, Tab, Tab, Tab, Tab, Tab, Tab],
    ),
    ("compare", &[Char('c')]),
    (
        "compare side by side",
        &[Char('c'), Char(' '), Down, Char(' '), Char('v')],
    ),
    ("detail", &[Char('c'), Enter]),
    ("search", &[Char('/'), Char('r'), Char('e'), Char('f')]),
    (
        "upgrade",
        &[Char('4'), Down, Down, Down, Down, Down, Char(' ')],
    ),
    ("plan and pay", &[Char('c'), Enter, Char('p'), Char('i')]),
];

static EMBEDDED: LazyLock<Catalogue> =
    LazyLock::new(|| catalogue::load(&CatalogueOrigin::Embedded).expect("valid"));
static SYNTHETIC_10K: LazyLock<Catalogue> = LazyLock::new(|| synthetic::catalogue(10_000));

fn app_on(catalogue: &Catalogue, screen: &str) -> App {
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).expect("a date");
    let mut app = App::new(Ctx::new(catalogue.clone(), today, Theme::Dark));
    app.size = (200, 60);
    let (_, actions) = SCREENS
        .iter()
        .find(|(name, _)| *name == screen)
        .expect("a listed screen");
    for a in *actions {
        app.act(*a);
    }
    app
}

fn draw(bencher: divan::Bencher, app: App) {
    let mut terminal = Terminal::new(TestBackend::new(200, 60)).expect("a test terminal");
    bencher.bench_local(|| {
        terminal.draw(|frame| app.view(frame)).expect("drawn");
    });
}

#[divan::bench(args = SCREENS.iter().map(|(name, _)| *name))]
fn frame_embedded(bencher: divan::Bencher, screen: &str) {
    draw(bencher, app_on(&EMBEDDED, screen));
}

#[divan::bench(args = SCREENS.iter().map(|(name, _)| *name))]
fn frame_10k(bencher: divan::Bencher, screen: &str) {
    draw(bencher, app_on(&SYNTHETIC_10K, screen));
}
