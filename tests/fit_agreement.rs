//! The command line and the app give the same fit label, fee and rank for
//! the same answers: both come from the planner's one rule
//! (`planner::recommend::fit`), and the budget is weighed inc VAT in both.

use qualplan::catalogue::{self, CatalogueOrigin};
use qualplan::tui::{App, Ctx, Key, Screen, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use serde_json::Value;

#[path = "support/home.rs"]
mod support;

fn press(app: &mut App, keys: &[Key]) {
    for k in keys {
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        terminal.draw(|frame| app.view(frame)).unwrap();
        app.act(*k);
    }
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        press(app, &[Key::Char(c)]);
    }
}

/// (id, fit, fee inc VAT) of every option, as the app ranks them after
/// the questionnaire: route 3, a middle manager, both, "advise me",
/// 3 hours a week, a budget typed as "2k", no date, nothing held.
fn app_options() -> Vec<(String, String, Option<i64>)> {
    let c = catalogue::load(&CatalogueOrigin::Embedded).unwrap();
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let mut app = App::new(Ctx::new(c, today, Theme::Monochrome));
    app.size = (80, 24);
    app.dirs = None;
    use Key::*;
    // Middle manager is the second role; "advise me" the last level.
    press(&mut app, &[Char('3'), Down, Enter, End, Enter, End, Enter]);
    typed(&mut app, "3");
    press(&mut app, &[Enter]);
    typed(&mut app, "2k");
    press(&mut app, &[Enter, Tab, Enter]);
    // The review, then the recommendations.
    press(&mut app, &[Enter]);
    let Screen::Results(r) = app.screen() else {
        panic!("on the recommendations")
    };
    assert_eq!(
        r.profile.budget_inc_vat,
        Some(qualplan::money::Pence(200_000))
    );
    assert_eq!(r.profile.level, None);
    r.options
        .iter()
        .map(|o| {
            (
                o.candidate.id().to_string(),
                o.fit.to_string(),
                o.fee_inc_vat.map(|p| p.0),
            )
        })
        .collect()
}

#[test]
fn the_command_line_and_the_app_give_the_same_fit() {
    let home = tempfile::tempdir().unwrap();
    let out = support::qualplan(
        home.path(),
        &[
            "recommend",
            "--route",
            "3",
            "--role",
            "middle-manager",
            "--interest",
            "both",
            "--hours-per-week",
            "3",
            "--budget",
            "2k",
            "--start",
            "2026-12-01",
            "--limit",
            "100",
            "--format",
            "json",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    let cli: Vec<(String, String, Option<i64>)> = doc["options"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            let fit = match o["fit"].as_str().unwrap() {
                "good" => "good fit",
                "possible" => "possible",
                "poor" => "poor fit",
                other => panic!("fit {other}"),
            };
            (
                o["qualification"].as_str().unwrap().to_string(),
                fit.to_string(),
                o["fee_inc_vat_pence"].as_i64(),
            )
        })
        .collect();
    let app = app_options();
    assert_eq!(cli, app);
    // The Diploma, £670 over the £2,000 budget, is no good fit in either.
    let dip = app.iter().find(|o| o.0 == "l5-dip-cm").unwrap();
    assert_eq!(dip.1, "possible");
    assert_eq!(dip.2, Some(267_000));
}
