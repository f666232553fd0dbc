//! The TUI without a terminal: snapshots of every screen in its main
//! states (ratatui's TestBackend), key sequences through the state machine,
//! and every size from 1x1 to 250x80 drawn without a panic.

use super::app::App;
use super::ctx::Ctx;
use super::keys::Key;
use super::screens::Screen;
use super::status::Notice;
use super::terminal::Output;
use super::theme::Theme;
use crate::catalogue::{self, CatalogueOrigin};
use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

fn app() -> App {
    let catalogue = catalogue::load(&CatalogueOrigin::Embedded).unwrap();
    let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let mut app = App::new(Ctx::new(catalogue, today, Theme::Monochrome));
    app.size = (80, 24);
    // Never the real home's folders.
    app.dirs = None;
    app
}

/// The screen as text, one line per row.
fn render(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| app.view(frame)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| {
            let line: String = (0..width)
                .map(|x| buffer[(x, y)].symbol().to_string())
                .collect();
            line.trim_end().to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Presses `actions` in turn, each after a frame drawn at the app's size,
/// as the runtime does (widgets learn their size from the last frame).
fn keys(app: &mut App, actions: &[Key]) {
    for a in actions {
        frame(app);
        app.act(*a);
    }
}

/// Draws a frame at the app's size, as the runtime does before a key.
fn frame(app: &App) {
    let (width, height) = app.size;
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| app.view(frame)).unwrap();
}

/// What the Plan & pay screen on top charges in all, ex VAT, in pence.
fn plan_total_ex_vat(app: &App) -> i64 {
    let Screen::Plan(p) = app.screen() else {
        panic!("on plan & pay")
    };
    let plan = p.payments.as_ref().unwrap().as_ref().unwrap();
    plan.total.ex_vat.0
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        keys(app, &[Key::Char(c)]);
    }
}

use Key::*;

#[test]
fn home() {
    let app = app();
    insta::assert_snapshot!(render(&app, 80, 24));
}

#[test]
fn home_large() {
    let app = app();
    insta::assert_snapshot!(render(&app, 120, 40));
}

#[test]
fn help_overlay() {
    let mut app = app();
    keys(&mut app, &[Char('?')]);
    insta::assert_snapshot!(render(&app, 80, 24));
    // The arrows scroll it; any other key closes it.
    keys(&mut app, &[Down]);
    assert!(app.overlay.is_some());
    keys(&mut app, &[Char('x')]);
    assert!(app.overlay.is_none());
}

#[test]
fn too_small() {
    let mut app = app();
    app.size = (60, 20);
    insta::assert_snapshot!(render(&app, 60, 20));
}

#[test]
fn wizard_steps() {
    let mut app = app();
    keys(&mut app, &[Char('3')]);
    insta::assert_snapshot!("wizard_role", render(&app, 80, 24));
    keys(&mut app, &[Down, Enter, End, Enter]);
    insta::assert_snapshot!("wizard_level_suggested", render(&app, 80, 24));
    keys(&mut app, &[Enter]);
    typed(&mut app, "x99");
    keys(&mut app, &[Enter]);
    let Screen::Wizard(w) = app.screen() else {
        panic!("still in the wizard")
    };
    assert_eq!(
        w.current(),
        super::screens::wizard::Step::Hours,
        "99 hours a week is refused"
    );
    assert_eq!(
        w.field.value(),
        "99",
        "letters are not typed into a number field"
    );
    insta::assert_snapshot!("wizard_bad_hours", render(&app, 80, 24));
}

#[test]
fn wizard_to_recommendations_and_detail() {
    let mut app = app();
    // Route 3: middle manager, both, Level 5 (suggested), 3 hours, £3,000, no date, nothing held.
    keys(&mut app, &[Char('3'), Down, Enter, End, Enter, Enter]);
    typed(&mut app, "3");
    keys(&mut app, &[Enter]);
    typed(&mut app, "3000");
    keys(&mut app, &[Enter, Tab, Enter]);
    // The review lists every answer, and waits on the way on.
    insta::assert_snapshot!("review", render(&app, 80, 23));
    keys(&mut app, &[Enter]);
    insta::assert_snapshot!("recommendations", render(&app, 80, 24));
    let Screen::Results(r) = app.screen() else {
        panic!("on the results")
    };
    assert_eq!(r.options[0].candidate.id(), "l5-cert-cm");
    keys(&mut app, &[Down, Enter]);
    insta::assert_snapshot!("detail_l5_dip", render(&app, 80, 24));
    // Esc to the results, then to the review, then back a step to the
    // last question.
    keys(&mut app, &[Esc, Esc]);
    let Screen::Wizard(w) = app.screen() else {
        panic!("in the wizard")
    };
    assert!(w.reviewing);
    keys(&mut app, &[BackTab]);
    let Screen::Wizard(w) = app.screen() else {
        panic!("in the wizard")
    };
    assert_eq!(w.current(), super::screens::wizard::Step::Held);
}

/// Route 3 to the recommendations: a middle manager after both, Level 5,
/// `hours` a week, £3,000, no target date, holding the Level 5 Certificate
/// (the sixth qualification in the catalogue).
fn route_3_holding_l5_cert(app: &mut App, hours: &str) {
    keys(app, &[Char('3'), Down, Enter, End, Enter, Enter]);
    typed(app, hours);
    keys(app, &[Enter]);
    typed(app, "3000");
    keys(app, &[Enter, Tab]);
    keys(app, &[Down, Down, Down, Down, Down, Down, Enter, Enter]);
}

/// A recommendation's top-up fee is what Plan & pay charges: the holding
/// the questionnaire gave goes with it.
#[test]
fn a_recommended_top_up_is_what_plan_and_pay_charges() {
    let mut app = app();
    route_3_holding_l5_cert(&mut app, "3");
    let Screen::Results(r) = app.screen() else {
        panic!("on the results")
    };
    let at = r
        .options
        .iter()
        .position(|o| o.candidate.id() == "l5-dip-cm")
        .unwrap();
    let dip = &r.options[at];
    assert_eq!(dip.fee_ex_vat, Some(crate::money::Pence(53_000)));
    assert!(
        dip.reasons
            .iter()
            .any(|x| x.text == "You hold l5-cert-cm: a top-up, £530.00 ex VAT instead of £2,225.00"),
        "{:#?}",
        dip.reasons
    );
    for _ in 0..at {
        keys(&mut app, &[Down]);
    }
    keys(&mut app, &[Char('p')]);
    let Screen::Plan(p) = app.screen() else {
        panic!("on plan & pay")
    };
    assert_eq!(p.holding.qualifications, ["l5-cert-cm"]);
    assert_eq!(plan_total_ex_vat(&app), 53_000);
}

/// The questionnaire's holding and hours go with the recommendations
/// into Compare and the detail: Plan & pay opened from either charges the
/// top-up the recommendations promised and plans at the learner's hours
/// (it used to charge the full £2,225.00 at 3 hours a week).
#[test]
fn plan_and_pay_from_compare_or_the_detail_is_for_the_learner() {
    let mut app = app();
    route_3_holding_l5_cert(&mut app, "5");
    let on_plan = |app: &App| {
        let Screen::Plan(p) = app.screen() else {
            panic!("on plan & pay")
        };
        assert_eq!(p.id, "l5-dip-cm");
        assert_eq!(p.holding.qualifications, ["l5-cert-cm"]);
        assert_eq!(p.hours_per_week, 5);
        assert_eq!(plan_total_ex_vat(app), 53_000);
    };
    // From Compare's table.
    keys(&mut app, &[Char('c'), Esc]);
    let Screen::Compare(c) = app.screen() else {
        panic!("on compare")
    };
    let at = c.rows.iter().position(|r| r.id == "l5-dip-cm").unwrap();
    keys(&mut app, &[Home]);
    keys(&mut app, &vec![Down; at]);
    keys(&mut app, &[Char('p')]);
    on_plan(&app);
    // From the detail opened on Compare.
    keys(&mut app, &[Esc, Enter, Char('p')]);
    on_plan(&app);
    // From the detail opened on the recommendations.
    keys(&mut app, &[Esc, Esc, Esc]);
    let Screen::Results(r) = app.screen() else {
        panic!("on the recommendations")
    };
    let at = r
        .options
        .iter()
        .position(|o| o.candidate.id() == "l5-dip-cm")
        .unwrap();
    keys(&mut app, &vec![Down; at]);
    keys(&mut app, &[Enter, Char('p')]);
    on_plan(&app);
    // Compare from the home screen is nobody's: the full price.
    let mut app = self::app();
    keys(&mut app, &[Char('c')]);
    let Screen::Compare(c) = app.screen() else {
        panic!("on compare")
    };
    let at = c.rows.iter().position(|r| r.id == "l5-dip-cm").unwrap();
    keys(&mut app, &vec![Down; at]);
    keys(&mut app, &[Char('p')]);
    assert_eq!(plan_total_ex_vat(&app), 222_500);
}

/// Hours a week as Plan & pay steps them: the nearest whole hour to the
/// answer, within the bounds; none for a skipped or zero answer.
#[test]
fn a_learners_hours_become_whole_hours_for_plan_and_pay() {
    use super::screens::plan::{Learner, Plan};
    use crate::planner::HoursPerWeek;
    let ctx = app().ctx;
    let hours = |text: &str| {
        let learner = Learner {
            hours_per_week: Some(text.parse::<HoursPerWeek>().unwrap()),
            ..Learner::default()
        };
        Plan::for_learner(&ctx, "l3-award-coaching", &learner).hours_per_week
    };
    assert_eq!(hours("2.5"), 3);
    assert_eq!(hours("2.4"), 2);
    assert_eq!(hours("0.2"), 1);
    assert_eq!(hours("500"), *crate::bounds::HOURS_PER_WEEK.end());
    let default = Plan::new(&ctx, "l3-award-coaching", Default::default()).hours_per_week;
    assert_eq!(hours("0"), default);
    assert_eq!(
        Plan::for_learner(&ctx, "l3-award-coaching", &Learner::default()).hours_per_week,
        default
    );
}

/// The questionnaire takes whole hours a week, and says so when given a
/// fraction (it said "`2.5` is not a number of hours from 1 to 80").
#[test]
fn the_questionnaire_asks_for_whole_hours() {
    let mut app = app();
    keys(&mut app, &[Char('3'), Down, Enter, End, Enter, Enter]);
    typed(&mut app, "2.5");
    keys(&mut app, &[Enter]);
    let text = render(&app, 80, 24);
    assert!(
        text.contains("`2.5` is not a whole number of hours from 1 to 80, e.g. 3"),
        "{text}"
    );
    assert_eq!(wizard(&app).answers.hours_per_week, None);
}

/// The questionnaire's answers as the wizard on top holds them.
fn wizard(app: &App) -> &super::screens::wizard::Wizard {
    let Screen::Wizard(w) = app.screen() else {
        panic!("in the questionnaire")
    };
    w
}

/// Steppers stop at their limits (the hours a week at
/// `bounds::HOURS_PER_WEEK`'s end, the monthly payments where the
/// instalments would pay more than the price), and a start before today is
/// questioned, not refused.
#[test]
fn steppers_stop_at_their_limits_and_a_past_start_is_questioned() {
    let mut app = app();
    // The Level 3 Award (£995) by instalments: 3 monthly payments of £150
    // and a final one; 5 more would be £1,050 of instalments.
    keys(&mut app, &[Char('c'), Home, Enter, Char('p'), Char('i')]);
    let Screen::Plan(p) = app.screen() else {
        panic!("on plan & pay")
    };
    assert_eq!(p.id, "l3-award-coaching");
    keys(&mut app, &[Down, Down, Down, Down]);
    keys(&mut app, &[Right; 10]);
    let Screen::Plan(p) = app.screen() else {
        panic!("on plan & pay")
    };
    assert_eq!(
        p.terms.monthly_payments, 5,
        "6 x £150 = £900 of £995; 7 would be more"
    );
    assert!(matches!(p.payments, Some(Ok(_))));
    assert!(render(&app, 80, 24).contains("The monthly payments is at its limit."));
    keys(&mut app, &[Up, Up, Up]);
    keys(&mut app, &[Right; 100]);
    let Screen::Plan(p) = app.screen() else {
        panic!("on plan & pay")
    };
    assert_eq!(p.hours_per_week, *crate::bounds::HOURS_PER_WEEK.end());
    keys(&mut app, &[Up, Left]);
    let screen = render(&app, 80, 23);
    assert!(
        screen.contains("! The start, 2026-11-01, is before today (2026-12-01): is that"),
        "{screen}"
    );
    insta::assert_snapshot!("plan_past_start", screen);
}

/// Route 3 answered up to the budget, which is typed as `budget`.
fn to_budget(app: &mut App, budget: &str) {
    keys(app, &[Char('3'), Down, Enter, End, Enter, Enter]);
    typed(app, "3");
    keys(app, &[Enter]);
    typed(app, budget);
    keys(app, &[Enter]);
}

/// "2k" is £2,000 (it was £2.00); "£2,000.50" is exact; £2 is questioned
/// before it is kept, and so is £200,000.
#[test]
fn budgets_are_read_as_people_write_them() {
    use crate::money::Pence;
    let mut app = app();
    to_budget(&mut app, "2k");
    assert_eq!(wizard(&app).answers.budget, Some(Pence(200_000)));
    let mut app = app_with_budget("£2,000.50");
    assert_eq!(wizard(&app).answers.budget, Some(Pence(200_050)));
    keys(&mut app, &[BackTab]);
    keys(&mut app, &[Ctrl('u')]);
    typed(&mut app, "2");
    keys(&mut app, &[Enter]);
    let w = wizard(&app);
    assert_eq!(w.current(), super::screens::wizard::Step::Budget);
    assert_eq!(w.answers.budget, Some(Pence(200_050)), "not taken yet");
    assert_eq!(
        w.error.as_deref(),
        Some(
            "£2.00 is less than any qualification costs (under £50.00): is that right? Enter again to keep it, or change it."
        )
    );
    insta::assert_snapshot!("budget_questioned", render(&app, 80, 23));
    keys(&mut app, &[Enter]);
    let w = wizard(&app);
    assert_eq!(w.current(), super::screens::wizard::Step::TargetDate);
    assert_eq!(w.answers.budget, Some(Pence(200)), "kept when confirmed");
}

fn app_with_budget(budget: &str) -> App {
    let mut app = app();
    to_budget(&mut app, budget);
    app
}

/// The review lists every answer; Enter on one changes it and comes back
/// to the review; leaving the questionnaire (Esc from the review, Esc
/// again from the questions) keeps every answer, and opening the route
/// again shows them for review.
#[test]
fn answers_are_reviewed_changed_and_kept() {
    use crate::money::Pence;
    let mut app = app_with_budget("3000");
    keys(&mut app, &[Tab, Enter]);
    assert!(wizard(&app).reviewing);
    // The budget is the fifth answer: change it to £2,500.
    keys(&mut app, &[Home, Down, Down, Down, Down, Enter]);
    assert_eq!(wizard(&app).current(), super::screens::wizard::Step::Budget);
    keys(&mut app, &[Ctrl('u')]);
    typed(&mut app, "2.5k");
    keys(&mut app, &[Enter]);
    let w = wizard(&app);
    assert!(w.reviewing, "back to the review");
    assert_eq!(w.answers.budget, Some(Pence(250_000)));
    assert_eq!(w.list.selected(), Some(4), "on the answer changed");
    // Leave to Home, and come back.
    keys(&mut app, &[Esc]);
    assert!(matches!(app.screen(), Screen::Home(_)));
    keys(&mut app, &[Char('3')]);
    let w = wizard(&app);
    assert!(w.reviewing, "opens on the review");
    assert_eq!(w.answers.budget, Some(Pence(250_000)));
    assert_eq!(w.answers.hours_per_week, Some(3));
    assert_eq!(w.answers.role, Some(crate::planner::Role::MiddleManager));
    insta::assert_snapshot!("review_kept", render(&app, 80, 23));
}

#[test]
fn every_step_can_be_skipped() {
    let mut app = app();
    keys(&mut app, &[Char('3')]);
    for _ in 0..7 {
        keys(&mut app, &[Tab]);
    }
    keys(&mut app, &[Enter]);
    let Screen::Results(r) = app.screen() else {
        panic!("on the results")
    };
    assert_eq!(
        r.options.len(),
        9,
        "every qualification on sale, nothing known"
    );
}

#[test]
fn route_1_lists_units() {
    let mut app = app();
    keys(&mut app, &[Char('1'), Tab, Down, Enter, Enter, Tab, Enter]);
    let Screen::Results(r) = app.screen() else {
        panic!("on the results")
    };
    assert!(
        r.options
            .iter()
            .all(|o| matches!(o.candidate, crate::planner::Candidate::Unit(_)))
    );
    insta::assert_snapshot!("route_1_units", render(&app, 80, 24));
}

#[test]
fn compare_views() {
    let mut app = app();
    keys(&mut app, &[Char('c')]);
    insta::assert_snapshot!("compare_table", render(&app, 80, 24));
    insta::assert_snapshot!("compare_table_wide", render(&app, 160, 30));
    // Sort by price inc VAT (four columns to the right at 80), descending.
    keys(&mut app, &[Right, Right, Right, Right, Char('r')]);
    let Screen::Compare(c) = app.screen() else {
        panic!()
    };
    assert_eq!(c.rows[0].id, "l7-dip-ecm");
    assert!(render(&app, 80, 24).contains("sorted by price inc VAT ▼"));
    keys(&mut app, &[Char('5')]);
    let Screen::Compare(c) = app.screen() else {
        panic!()
    };
    assert_eq!(
        c.rows.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(),
        ["l5-dip-cm", "l5-cert-cm"]
    );
    keys(&mut app, &[Char(' '), Down, Char(' '), Char('v')]);
    insta::assert_snapshot!("compare_side_by_side", render(&app, 80, 24));
    keys(&mut app, &[Esc, Char('x'), Char('c')]);
    insta::assert_snapshot!("compare_chart_price", render(&app, 80, 24));
    keys(&mut app, &[Right, Right]);
    insta::assert_snapshot!("compare_chart_hours", render(&app, 80, 24));
}

/// The ids the bar chart draws a bar for, top to bottom, and the longest
/// bar's length.
fn chart_bars(app: &App, width: u16, height: u16) -> (Vec<String>, usize) {
    let screen = render(app, width, height);
    let bars: Vec<(String, usize)> = screen
        .lines()
        .filter_map(|l| l.strip_prefix('│'))
        .filter(|l| l.contains('█'))
        .map(|l| {
            let id = l.split_whitespace().next().unwrap_or_default().to_string();
            (id, l.chars().filter(|&c| c == '█').count())
        })
        .collect();
    let longest = bars.iter().map(|(_, n)| *n).max().unwrap_or(0);
    (bars.into_iter().map(|(id, _)| id).collect(), longest)
}

#[test]
fn the_bar_chart_follows_the_filters_the_marks_and_the_width() {
    let mut app = app();
    app.size = (80, 40);
    keys(&mut app, &[Char('c'), Char('c')]);
    let (all, longest) = chart_bars(&app, 80, 40);
    assert_eq!(all.len(), 9, "every qualification on sale: {all:?}");
    assert!(all.contains(&"l7-dip-ecm".to_string()));
    assert_eq!(longest, 80 - 2 - 19 - 12);
    // Drawn wider, the bars are longer: what was drawn at 80 is not kept.
    assert_eq!(chart_bars(&app, 120, 40).1, 120 - 2 - 19 - 12);
    // Level 5 only: the chart drawn before the filter is not shown again.
    keys(&mut app, &[Esc, Char('5'), Char('c')]);
    assert_eq!(chart_bars(&app, 80, 40).0, ["l5-cert-cm", "l5-dip-cm"]);
    // Every level again, two marked: only those two.
    keys(
        &mut app,
        &[Esc, Char('5'), Home, Char(' '), Down, Char(' '), Char('c')],
    );
    assert_eq!(chart_bars(&app, 80, 40).0.len(), 2);
    // The next chart measures credits: the price chart is not kept.
    let price = render(&app, 80, 40);
    keys(&mut app, &[Right]);
    let credits = render(&app, 80, 40);
    assert!(price.contains("Price ex VAT") && price.contains('£'));
    assert!(credits.contains("Credits") && !credits.contains('£'));
}

/// The compare table's header row with the sort's arrow blanked out.
fn compare_header(app: &App, width: u16, height: u16) -> String {
    render(app, width, height)
        .lines()
        .nth(3)
        .unwrap()
        .replace(['▲', '▼'], " ")
}

fn compare_selected(app: &App) -> String {
    let Screen::Compare(c) = app.screen() else {
        panic!("on compare")
    };
    c.selected().unwrap().id.clone()
}

/// Sorting by each column in turn, and reversing, moves no column and
/// keeps the cursor on its qualification, at 80 columns and at 200.
#[test]
fn compare_columns_stay_put_and_the_cursor_follows_the_sort() {
    for (width, height, columns) in [(80, 23, 8), (200, 60, 13)] {
        let mut app = app();
        app.size = (width, height);
        keys(&mut app, &[Char('c'), Down, Down, Down, Down, Down]);
        assert_eq!(compare_selected(&app), "l5-cert-cm");
        let header = compare_header(&app, width, height);
        let mut sorts = Vec::new();
        keys(&mut app, &[Left; 13]);
        assert_eq!(compare_selected(&app), "l5-cert-cm");
        for _ in 0..14 {
            let Screen::Compare(c) = app.screen() else {
                panic!()
            };
            let rows: Vec<String> = c.rows.iter().map(|r| r.id.clone()).collect();
            sorts.push(c.sort);
            assert_eq!(compare_header(&app, width, height), header, "{width}");
            keys(&mut app, &[Char('r')]);
            assert_eq!(compare_header(&app, width, height), header, "{width}");
            let Screen::Compare(c) = app.screen() else {
                panic!()
            };
            let selected = c.selected().unwrap().id.clone();
            let at = c.list.selected().unwrap();
            assert_eq!(c.rows[at].id, selected);
            keys(&mut app, &[Char('r'), Right]);
            let Screen::Compare(c) = app.screen() else {
                panic!()
            };
            assert_eq!(c.selected().unwrap().id, selected, "sort {:?}", rows);
        }
        sorts.dedup();
        assert_eq!(sorts.len(), columns, "every shown column sorts: {sorts:?}");
    }
    // The cursor follows l5-cert-cm from its place by level to its place
    // by price inc VAT, descending (below the three dearer ones and
    // l3-cert-cm, the same price, which sorts ahead by id).
    let mut app = app();
    app.size = (80, 23);
    keys(&mut app, &[Char('c'), Down, Down, Down, Down, Down]);
    keys(&mut app, &[Right, Right, Right, Right, Char('r')]);
    let Screen::Compare(c) = app.screen() else {
        panic!()
    };
    assert_eq!(compare_selected(&app), "l5-cert-cm");
    assert_eq!(c.list.selected(), Some(4), "{:?}", c.rows);
    insta::assert_snapshot!("compare_table_80x23", render(&app, 80, 23));
    app.size = (200, 60);
    insta::assert_snapshot!("compare_table_200x60", render(&app, 200, 60));
}

/// The side-by-side text of the marked qualifications at `width`.
fn side_by_side(app: &App, width: u16) -> Vec<ratatui::text::Line<'static>> {
    let Screen::Compare(c) = app.screen() else {
        panic!("on compare")
    };
    c.side_by_side_lines(&app.ctx, width)
}

fn text_of(line: &ratatui::text::Line) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

/// l5-cert-cm beside l5-dip-cm: the figures that differ are marked and
/// bold, those alike are not, and the Diploma is a top-up of the
/// Certificate at the catalogue's balance, £2,225.00 less £1,695.00.
#[test]
fn side_by_side_marks_differences_and_shows_the_top_up() {
    use crate::planner::{Course, Holding};
    use ratatui::style::Modifier;
    let mut app = app();
    keys(
        &mut app,
        &[Char('c'), Char('5'), Char(' '), Down, Char(' '), Char('v')],
    );
    let lines = side_by_side(&app, 78);
    let line = |label: &str| {
        lines
            .iter()
            .find(|l| {
                let t: String = text_of(l).chars().skip(2).collect();
                t.starts_with(&format!("{label} "))
            })
            .unwrap_or_else(|| panic!("{label}"))
    };
    let inc = line("Price inc VAT");
    assert_eq!(
        text_of(inc).split_whitespace().collect::<Vec<_>>(),
        ["≠", "Price", "inc", "VAT", "£2,034.00", "£2,670.00"]
    );
    assert!(
        inc.spans
            .iter()
            .all(|s| s.style.add_modifier.contains(Modifier::BOLD))
    );
    for same in ["Level", "Stream", "Registration", "Entry requirements"] {
        let l = line(same);
        assert!(text_of(l).starts_with("  "), "{same}: {}", text_of(l));
        assert!(
            l.spans
                .iter()
                .all(|s| !s.style.add_modifier.contains(Modifier::BOLD))
        );
    }
    for differs in ["Size", "Credits", "Practice h", "Price ex VAT", "VAT"] {
        assert!(text_of(line(differs)).starts_with("≠ "), "{differs}");
    }
    let text: Vec<String> = lines.iter().map(text_of).collect();
    let course = Course::new(
        &app.ctx.catalogue,
        "l5-dip-cm",
        &Holding::one("l5-cert-cm", true),
    )
    .unwrap();
    let fee = course.fee.unwrap();
    assert_eq!((fee.ex_vat.0, fee.inc_vat.0), (53_000, 63_600));
    for want in [
        "Top-up, for a learner who completed l5-cert-cm with this provider:".to_string(),
        "l5-cert-cm → l5-dip-cm: top-up".to_string(),
        format!("Fee ex VAT            {}", fee.ex_vat),
        format!("Fee inc VAT           {}", fee.inc_vat),
        "Units to take         5017 (29 credits)".to_string(),
    ] {
        assert!(text.contains(&want), "{want}\n{}", text.join("\n"));
    }
    // Only one way round: the Certificate is no top-up of the Diploma.
    assert_eq!(text.iter().filter(|t| t.starts_with("Top-up, ")).count(), 1);
    insta::assert_snapshot!("compare_top_up_80x23", render(&app, 80, 23));
    app.size = (200, 60);
    insta::assert_snapshot!("compare_top_up_200x60", render(&app, 200, 60));
    // Two of different levels: nothing to top up.
    let mut app = self::app();
    keys(&mut app, &[Char('c'), Char(' '), End, Char(' '), Char('v')]);
    let text: Vec<String> = side_by_side(&app, 78).iter().map(text_of).collect();
    assert!(text.contains(&"Top-up: none of these is a top-up of another.".to_string()));
}

/// `c` on the recommendations opens Compare with the recommended
/// qualifications only, the first (up to four) side by side.
#[test]
fn recommendations_go_to_compare() {
    let mut app = app();
    app.size = (80, 23);
    // Route 3 as in `over_budget`, with 5 hours a week and £3,000.
    keys(&mut app, &[Char('3'), Enter, Down, Down, Enter, Enter]);
    typed(&mut app, "5");
    keys(&mut app, &[Enter]);
    typed(&mut app, "3000");
    keys(&mut app, &[Enter]);
    typed(&mut app, "2027-06-01");
    // The last answer, then on from the review.
    keys(&mut app, &[Enter, Enter, Enter]);
    let Screen::Results(r) = app.screen() else {
        panic!("on the recommendations")
    };
    // Those not rated a poor fit, best first.
    let mut ids: Vec<String> = Vec::new();
    for o in &r.options {
        if let crate::planner::Candidate::Qualification(id) = &o.candidate
            && o.fit != crate::planner::Fit::Poor
            && !ids.contains(id)
        {
            ids.push(id.clone());
        }
    }
    assert!(ids.len() >= 2, "{ids:?}");
    keys(&mut app, &[Char('c')]);
    let Screen::Compare(c) = app.screen() else {
        panic!("on compare")
    };
    assert_eq!(c.pool, ids);
    assert_eq!(c.marked, ids.iter().take(4).cloned().collect::<Vec<_>>());
    assert_eq!(c.mode, super::screens::compare::Mode::SideBySide);
    insta::assert_snapshot!("compare_recommended_80x23", render(&app, 80, 23));
    // Back to the table: only the recommended ones, until x shows all.
    keys(&mut app, &[Esc]);
    let Screen::Compare(c) = app.screen() else {
        panic!("on compare")
    };
    let mut shown: Vec<String> = c.rows.iter().map(|r| r.id.clone()).collect();
    shown.sort();
    ids.sort();
    assert_eq!(shown, ids);
    app.size = (200, 60);
    insta::assert_snapshot!("compare_recommended_table_200x60", render(&app, 200, 60));
    keys(&mut app, &[Char('x')]);
    let Screen::Compare(c) = app.screen() else {
        panic!("on compare")
    };
    assert_eq!(c.rows.len(), 9);
}

#[test]
fn compare_refuses_a_fifth_mark() {
    let mut app = app();
    keys(
        &mut app,
        &[
            Char('c'),
            Char(' '),
            Down,
            Char(' '),
            Down,
            Char(' '),
            Down,
            Char(' '),
            Down,
            Char(' '),
        ],
    );
    let Screen::Compare(c) = app.screen() else {
        panic!()
    };
    assert_eq!(c.marked.len(), 4);
    assert!(
        app.notice().unwrap().to_string().starts_with("At most 4"),
        "{:?}",
        app.notice()
    );
}

#[test]
fn search_as_you_type() {
    let mut app = app();
    keys(&mut app, &[Char('/')]);
    insta::assert_snapshot!("search_empty", render(&app, 80, 24));
    typed(&mut app, "reflecting mentoring");
    insta::assert_snapshot!("search_results", render(&app, 80, 24));
    keys(&mut app, &[Enter]);
    insta::assert_snapshot!("unit_detail", render(&app, 80, 24));
    // q is text in the search box, not quit.
    keys(&mut app, &[Esc]);
    typed(&mut app, "q");
    assert!(!app.quit);
}

#[test]
fn upgrade_from_level_5_certificate_shows_the_balance() {
    let mut app = app();
    // Home -> route 4 -> pick the held Level 5 Certificate -> the Diploma top-up.
    keys(
        &mut app,
        &[Char('4'), Down, Down, Down, Down, Down, Char(' ')],
    );
    let text = render(&app, 80, 24);
    insta::assert_snapshot!("upgrade_l5", text);
    assert!(text.contains("l5-dip-cm top-up        £530.00"), "{text}");
    assert!(text.contains("Fee ex VAT            £530.00"), "{text}");
    assert!(text.contains("VAT (20%)             £106.00"), "{text}");
    assert!(text.contains("Fee inc VAT           £636.00"), "{text}");
    keys(&mut app, &[Char('o')]);
    let text = render(&app, 80, 24);
    assert!(text.contains("Fee ex VAT            £2,225.00"), "{text}");
    // Held elsewhere, Plan & pay charges what the screen showed: the full
    // price, never the £530 top-up.
    keys(&mut app, &[Tab, Enter]);
    let Screen::Plan(p) = app.screen() else {
        panic!("on plan & pay")
    };
    assert!(!p.holding.with_provider);
    assert_eq!(plan_total_ex_vat(&app), 222_500);
    assert!(
        render(&app, 80, 24).contains("Full price, l5-cert-cm held elsewhere: take 5017"),
        "{}",
        render(&app, 80, 24)
    );
    keys(&mut app, &[Esc, Char('o'), Enter]);
    assert_eq!(plan_total_ex_vat(&app), 53_000);
    insta::assert_snapshot!("plan_top_up", render(&app, 80, 24));
}

#[test]
fn plan_and_pay_adjusts() {
    let mut app = app();
    keys(&mut app, &[Char('c'), Enter, Char('p')]);
    let Screen::Plan(p) = app.screen() else {
        panic!("on plan & pay")
    };
    assert_eq!(p.id, "l3-award-coaching");
    // Instalments: the pack's worked example with dates from 1 December 2026.
    keys(&mut app, &[Char('i')]);
    insta::assert_snapshot!("plan_instalments", render(&app, 80, 24));
    let Screen::Plan(p) = app.screen() else {
        panic!()
    };
    let plan = p.payments.as_ref().unwrap().as_ref().unwrap();
    assert_eq!(plan.payments[0].amount.ex_vat.0, 42_000);
    assert_eq!(plan.total.inc_vat.0, 122_400);
    // Start a month later, 6 hours a week, £100 instalments.
    keys(
        &mut app,
        &[
            Right, Down, Right, Right, Right, Down, Down, Left, Left, Left, Left, Left, Left, Left,
            Left, Left, Left,
        ],
    );
    let Screen::Plan(p) = app.screen() else {
        panic!()
    };
    assert_eq!(p.start, NaiveDate::from_ymd_opt(2027, 1, 1).unwrap());
    assert_eq!(p.hours_per_week, 6);
    assert_eq!(p.terms.instalment.0, 10_000);
    assert_eq!(
        p.payments.as_ref().unwrap().as_ref().unwrap().payments[0]
            .amount
            .ex_vat
            .0,
        62_000
    );
    insta::assert_snapshot!("plan_adjusted_large", render(&app, 120, 36));
}

#[test]
fn escape_goes_back_and_q_quits() {
    let mut app = app();
    keys(&mut app, &[Char('c'), Enter]);
    assert_eq!(app.stack.len(), 3);
    keys(&mut app, &[Esc, Esc, Esc]);
    assert_eq!(app.stack.len(), 1);
    assert!(!app.quit);
    keys(&mut app, &[Char('q')]);
    assert!(app.quit);
}

#[test]
fn mouse_clicks_select_and_open() {
    let mut app = app();
    // Home: the list starts at row 4 (header, two intro lines, a blank).
    keys(&mut app, &[Click { column: 10, row: 8 }]);
    let Screen::Home(h) = app.screen() else {
        panic!()
    };
    assert_eq!(h.list.selected(), Some(4));
    keys(&mut app, &[Click { column: 10, row: 8 }]);
    assert!(matches!(app.screen(), Screen::Compare(_)));
    // Compare: rows start under the filter line, the border and the header.
    keys(&mut app, &[Click { column: 10, row: 6 }]);
    let Screen::Compare(c) = app.screen() else {
        panic!()
    };
    assert_eq!(c.list.selected(), Some(2));
    keys(&mut app, &[Click { column: 10, row: 6 }]);
    assert!(matches!(app.screen(), Screen::Detail(_)));
}

/// Draws the app after `actions` at every size from 1x1 to 250x80.
fn draw_at_every_size(states: &[&[Key]]) {
    let mut terminal = Terminal::new(TestBackend::new(1, 1)).unwrap();
    for actions in states {
        let mut app = app();
        keys(&mut app, actions);
        for width in 1..=250u16 {
            for height in 1..=80u16 {
                app.size = (width, height);
                terminal.backend_mut().resize(width, height);
                terminal.draw(|frame| app.view(frame)).unwrap();
            }
        }
    }
}

// Every screen at every size, split in three so the tests run in parallel.

#[test]
fn every_size_home_help_wizard() {
    draw_at_every_size(&[&[], &[Char('?')], &[Char('3')], &[Char('3'), Tab, Tab, Tab]]);
}

#[test]
fn every_size_results_compare_detail() {
    draw_at_every_size(&[
        &[Char('3'), Tab, Tab, Tab, Tab, Tab, Tab, Tab],
        &[Char('c')],
        &[Char('c'), Char(' '), Down, Char(' '), Char('v')],
        &[Char('c'), Char('c')],
        &[Char('c'), Enter],
    ]);
}

#[test]
fn every_size_search_upgrade_plan() {
    draw_at_every_size(&[
        &[Char('/'), Char('m'), Char('e'), Char('n')],
        &[Char('/'), Char('3'), Char('0'), Char('6'), Char('0'), Enter],
        &[Char('4'), Down, Down, Down, Down, Down, Char(' ')],
        &[Char('c'), Enter, Char('p'), Char('i')],
    ]);
}

/// An app whose enquiries live in a fresh temporary directory.
fn app_with_store() -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().unwrap();
    let mut app = app();
    app.dirs = Some(crate::files::Dirs {
        data: dir.path().to_path_buf(),
        config: dir.path().join("config"),
        state: dir.path().join("state"),
        cache: dir.path().join("cache"),
    });
    app.store = Some(Box::new(
        crate::enquiry::EnquiryStore::open(dir.path().join("enquiries")).unwrap(),
    ));
    (app, dir)
}

fn saved(app: &mut App) -> crate::enquiry::Enquiry {
    let id = app
        .ctx
        .enquiry
        .as_ref()
        .expect("an active enquiry")
        .id
        .clone();
    app.store.as_mut().unwrap().load(&id).unwrap()
}

#[test]
fn an_enquiry_is_captured_and_saved_as_the_advisor_types() {
    let (mut app, _dir) = app_with_store();
    keys(&mut app, &[Char('n')]);
    assert!(matches!(app.screen(), Screen::Enquiry(_)));
    // Typing, a deleted word, a paste: every change is saved at once.
    typed(&mut app, "Jane Smyth");
    keys(&mut app, &[Ctrl('w')]);
    app.update(super::app::Msg::Paste("Smith".into()));
    app.flush();
    assert_eq!(saved(&mut app).caller.name, "Jane Smith");
    keys(&mut app, &[Down]);
    typed(&mut app, "jane@example.org");
    keys(&mut app, &[Down, Down]);
    typed(&mut app, "Wessex Water");
    keys(&mut app, &[Down, Right, Right, Down, Right, Right, Right]);
    let e = saved(&mut app);
    assert_eq!(e.caller.email, "jane@example.org");
    assert_eq!(e.caller.organisation, "Wessex Water");
    assert_eq!(e.role, Some(crate::planner::Role::MiddleManager));
    assert_eq!(e.interest, Some(crate::planner::Interest::Both));
    let text = render(&app, 80, 24);
    assert!(
        text.contains("Enquiry: Jane Smith, Wessex Water (saved)"),
        "{text}"
    );
    // q is a letter in a text field; quitting needs Ctrl-C there.
    keys(&mut app, &[Down]);
    typed(&mut app, "quiet");
    assert!(!app.quit);
    assert_eq!(saved(&mut app).notes, "quiet");
    // F2 starts another enquiry even from a search box.
    let first = app.ctx.enquiry.as_ref().unwrap().id.clone();
    keys(&mut app, &[Char('/')]);
    typed(&mut app, "l5");
    keys(&mut app, &[F(2)]);
    assert!(matches!(app.screen(), Screen::Enquiry(_)));
    assert_ne!(app.ctx.enquiry.as_ref().unwrap().id, first);
}

#[test]
fn the_enquiry_records_the_shortlist_the_upgrade_and_the_payment() {
    let (mut app, _dir) = app_with_store();
    keys(&mut app, &[Char('n')]);
    typed(&mut app, "Jane Smith");
    keys(&mut app, &[Esc, Esc]);
    // Shortlist from the compare table.
    keys(&mut app, &[Char('c'), Char('a'), Down, Char('a'), Esc]);
    assert_eq!(
        saved(&mut app).shortlist,
        ["l3-award-coaching", "l3-award-mentoring"]
    );
    // Route 4: the Level 5 Certificate held, the Diploma top-up, by instalments of £100.
    keys(
        &mut app,
        &[
            Char('4'),
            Down,
            Down,
            Down,
            Down,
            Down,
            Char(' '),
            Tab,
            Enter,
            Down,
            Down,
            Right,
            Down,
            Left,
            Left,
            Left,
            Left,
            Left,
            Left,
            Left,
            Left,
            Left,
            Left,
        ],
    );
    let e = saved(&mut app);
    let u = e.upgrade.as_ref().unwrap();
    assert_eq!(
        (u.held.as_slice(), u.to.as_str()),
        (&["l5-cert-cm".to_string()][..], "l5-dip-cm")
    );
    assert!(!u.elsewhere);
    let p = e.payment.as_ref().unwrap();
    assert!(p.instalments);
    assert_eq!(p.instalment.0, 10_000);
    // The quote from the saved enquiry carries the same balance.
    let q = crate::quote::build(&app.ctx.catalogue, &e, app.ctx.today).unwrap();
    assert_eq!(
        (q.fee.ex_vat.0, q.fee.vat.0, q.fee.inc_vat.0),
        (53_000, 10_600, 63_600)
    );
    // F3 writes it from inside the app.
    keys(&mut app, &[F(3)]);
    let Some(Notice::QuoteWritten { what, path }) = app.notice().cloned() else {
        panic!("{:?}", app.notice())
    };
    assert_eq!(what, "l5-dip-cm", "the one chosen, said");
    // While its message shows, y copies the quote's path.
    keys(&mut app, &[Char('y')]);
    assert_eq!(
        app.output.last(),
        Some(&Output::Clipboard(path.display().to_string()))
    );
    assert_eq!(
        app.notice().map(ToString::to_string).as_deref(),
        Some("Copied to the clipboard: the quote's path")
    );
    // Named by the enquiry, not the caller; private.
    let id = &e.id;
    assert!(
        path.ends_with(format!("quotes/quote-{id}-2026-12-01.md")),
        "{}",
        path.display()
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!((mode(path.parent().unwrap()), mode(&path)), (0o700, 0o600));
    }
    // A second quote the same day is a second file, never over the first.
    keys(&mut app, &[F(3)]);
    assert!(
        matches!(app.notice(), Some(Notice::QuoteWritten { path: second, .. })
            if second.ends_with(format!("quote-{id}-2026-12-01-2.md"))),
        "{:?}",
        app.notice()
    );
    assert!(
        std::fs::read_to_string(path)
            .unwrap()
            .contains("| **Total** | **£636.00** |")
    );
}

#[test]
fn enquiries_are_listed_reopened_and_deleted_with_confirmation() {
    let (mut app, dir) = app_with_store();
    keys(&mut app, &[Char('n')]);
    typed(&mut app, "Jane Smith");
    let jane = app.ctx.enquiry.as_ref().unwrap().id.clone();
    keys(&mut app, &[Esc]);
    // A second enquiry a second later, so the ids differ.
    let store = app.store.as_mut().unwrap();
    let mut ravi = crate::enquiry::Enquiry::new(
        "enq-20300101-000000".into(),
        chrono::NaiveDateTime::parse_from_str("2030-01-01 00:00:00", "%Y-%m-%d %H:%M:%S").unwrap(),
    );
    ravi.caller.name = "Ravi Patel".into();
    ravi.notes = "prefers mentoring".into();
    store.save(&mut ravi).unwrap();
    std::fs::write(dir.path().join("enquiries").join("enq-bad.ron"), "oops").unwrap();
    keys(&mut app, &[Char('e')]);
    let text = render(&app, 80, 24);
    assert!(text.contains("2 enquiries, newest first"), "{text}");
    assert!(text.contains("enq-bad.ron could not be read"), "{text}");
    // Searching by notes finds Ravi; Enter reopens him.
    typed(&mut app, "mentoring");
    let Screen::Enquiries(list) = app.screen() else {
        panic!()
    };
    assert_eq!(list.shown().len(), 1);
    keys(&mut app, &[Enter]);
    assert_eq!(app.ctx.enquiry.as_ref().unwrap().caller.name, "Ravi Patel");
    // Delete Jane: Ctrl-D asks, Esc keeps, Ctrl-D then Enter deletes.
    keys(&mut app, &[Esc]);
    for _ in 0.."mentoring".len() {
        keys(&mut app, &[Backspace]);
    }
    keys(&mut app, &[Down, Ctrl('d'), Esc]);
    assert!(app.store.as_mut().unwrap().load(&jane).is_ok());
    keys(&mut app, &[Ctrl('d')]);
    assert!(render(&app, 80, 24).contains("Delete this enquiry for good?"));
    keys(&mut app, &[Enter]);
    assert!(app.store.as_mut().unwrap().load(&jane).is_err());
    assert!(
        dir.path()
            .join("enquiries")
            .join("enq-bad.ron.unreadable")
            .exists()
    );
}

/// Two qualplans editing one enquiry: the second to save does not
/// overwrite the first; both versions are kept and the advisor is told.
#[test]
fn two_instances_editing_one_enquiry_keep_both_updates() {
    let (mut app, dir) = app_with_store();
    keys(&mut app, &[Char('n')]);
    typed(&mut app, "Jane Smith");
    let id = app.ctx.enquiry.as_ref().unwrap().id.clone();
    // Another qualplan opens the same enquiry and saves a change.
    let other = crate::enquiry::EnquiryStore::open(dir.path().join("enquiries")).unwrap();
    let mut theirs = other.load(&id).unwrap();
    theirs.notes = "Called back on Tuesday".into();
    other.save(&mut theirs).unwrap();
    // This one goes on typing: the first key saved says what happened.
    typed(&mut app, "-");
    let said = Notice::Info(format!(
        "Changed elsewhere: both kept, yours as {id}-copy-2"
    ));
    assert_eq!(app.notice(), Some(&said));
    // Whole on the status line of an 80-column terminal, the copy's id
    // included.
    let screen = render(&app, 80, 24);
    assert!(screen.contains(&said.to_string()), "{screen}");
    typed(&mut app, "Jones");
    assert_eq!(app.notice(), None, "gone at the next key");
    assert!(
        app.status.log().any(|(_, n)| *n == said),
        "kept in the message log"
    );
    let store = app.store.as_mut().unwrap();
    let kept = store.load(&id).unwrap();
    assert_eq!(
        (kept.caller.name.as_str(), kept.notes.as_str()),
        ("Jane Smith", "Called back on Tuesday")
    );
    let copy = store.load(&format!("{id}-copy-2")).unwrap();
    assert_eq!(copy.caller.name, "Jane Smith-Jones");
    // Later edits go on into the copy, with no further complaint.
    typed(&mut app, "!");
    assert_eq!(saved(&mut app).caller.name, "Jane Smith-Jones!");
}

/// The open enquiry deleted elsewhere: the next change is not saved (it
/// would recreate the file); the app asks; "restore" saves it again with
/// the edits, as a choice.
#[test]
fn an_enquiry_deleted_elsewhere_asks_before_it_is_saved_again() {
    let (mut app, dir) = app_with_store();
    keys(&mut app, &[Char('n')]);
    typed(&mut app, "Jane");
    let id = app.ctx.enquiry.as_ref().unwrap().id.clone();
    let file = dir.path().join("enquiries").join(format!("{id}.ron"));
    crate::enquiry::EnquiryStore::open(dir.path().join("enquiries"))
        .unwrap()
        .delete(&id)
        .unwrap();
    typed(&mut app, " Smith");
    assert!(!file.exists(), "the deleted enquiry came back");
    assert!(matches!(
        app.prompt,
        Some(super::prompt::Prompt::Deleted { .. })
    ));
    let text = render(&app, 80, 24);
    assert!(text.contains("Enquiry deleted elsewhere"), "{text}");
    assert!(text.contains("r  restore it with these edits"), "{text}");
    // Other keys do nothing while the question is open.
    keys(&mut app, &[Char('x'), Char('q')]);
    assert!(!app.quit && !file.exists());
    keys(&mut app, &[Char('r')]);
    assert!(app.prompt.is_none());
    // The keys typed while the question was open did nothing.
    assert_eq!(saved(&mut app).caller.name, "Jane ");
}

/// "Keep it deleted" lets the edits go, closes the form, and nothing is
/// written.
#[test]
fn keeping_a_deleted_enquiry_deleted_closes_it() {
    let (mut app, dir) = app_with_store();
    keys(&mut app, &[Char('n')]);
    typed(&mut app, "Jane");
    let id = app.ctx.enquiry.as_ref().unwrap().id.clone();
    app.store.as_mut().unwrap().delete(&id).unwrap();
    typed(&mut app, "!");
    keys(&mut app, &[Esc]);
    assert!(app.ctx.enquiry.is_none() && !app.dirty);
    assert!(!matches!(app.screen(), Screen::Enquiry(_)));
    assert!(app.notice().unwrap().to_string().contains("stays deleted"));
    assert!(
        !dir.path()
            .join("enquiries")
            .join(format!("{id}.ron"))
            .exists()
    );
}

/// A new enquiry for Jane, saved once; then its file is replaced by a
/// folder, so that no save can write over it. Returns its id, its file and
/// the file's last save.
fn jane_whose_saves_fail(
    app: &mut App,
    dir: &tempfile::TempDir,
) -> (String, std::path::PathBuf, Vec<u8>) {
    keys(app, &[Key::Char('n')]);
    typed(app, "Jane");
    let id = app.ctx.enquiry.as_ref().unwrap().id.clone();
    let file = dir.path().join("enquiries").join(format!("{id}.ron"));
    let last_save = std::fs::read(&file).unwrap();
    std::fs::remove_file(&file).unwrap();
    std::fs::create_dir(&file).unwrap();
    (id, file, last_save)
}

/// A save that fails (the file replaced by a folder, so it cannot be
/// written over) leaves the edits in memory, says so, and leaving or
/// starting another enquiry asks first.
#[test]
fn unsaved_edits_are_never_let_go_without_asking() {
    let (mut app, dir) = app_with_store();
    let (id, file, last_save) = jane_whose_saves_fail(&mut app, &dir);
    typed(&mut app, " Smith");
    assert!(app.dirty);
    let text = render(&app, 80, 24);
    assert!(text.contains("Could not save enquiry"), "{text}");
    // Ctrl-C asks; Esc stays.
    keys(&mut app, &[Ctrl('c')]);
    assert!(!app.quit);
    assert!(render(&app, 80, 24).contains("Edits not saved"));
    keys(&mut app, &[Esc]);
    assert!(app.prompt.is_none() && !app.quit);
    // F2 asks too; "save again" fails again and asks again.
    keys(&mut app, &[F(2)]);
    assert!(matches!(
        app.prompt,
        Some(super::prompt::Prompt::Unsaved { .. })
    ));
    keys(&mut app, &[Char('s')]);
    assert!(app.prompt.is_some());
    // Once the file can be written again, "save again" saves and goes on.
    std::fs::remove_dir(&file).unwrap();
    std::fs::write(&file, last_save).unwrap();
    keys(&mut app, &[Char('s')]);
    assert!(app.prompt.is_none(), "{:?}", app.prompt);
    assert_ne!(app.ctx.enquiry.as_ref().unwrap().id, id, "a new enquiry");
    let store = app.store.as_mut().unwrap();
    assert_eq!(store.load(&id).unwrap().caller.name, "Jane Smith");
    keys(&mut app, &[Ctrl('c')]);
    assert!(app.quit, "nothing unsaved: quits at once");
    assert!(app.exit_note.is_none());
}

/// Discarding on the way out is said after the app has left.
#[test]
fn leaving_without_saving_is_said() {
    let (mut app, dir) = app_with_store();
    let (id, _, _) = jane_whose_saves_fail(&mut app, &dir);
    typed(&mut app, "!");
    keys(&mut app, &[Ctrl('c'), Char('d')]);
    assert!(app.quit);
    let note = app.exit_note.clone().unwrap();
    assert!(
        note.starts_with(&format!(
            "qualplan: left without saving the latest edits to enquiry {id}"
        )),
        "{note}"
    );
}

/// Every field takes at most its limit as the advisor types, and says so.
#[test]
fn fields_stop_at_their_limits_as_the_advisor_types() {
    let (mut app, _dir) = app_with_store();
    keys(&mut app, &[Char('n')]);
    typed(
        &mut app,
        &"a".repeat(crate::bounds::enquiry::NAME_CHARS + 5),
    );
    assert_eq!(
        saved(&mut app).caller.name.chars().count(),
        crate::bounds::enquiry::NAME_CHARS
    );
    let text = render(&app, 80, 24);
    assert!(
        text.contains("Caller takes at most 200 characters."),
        "{text}"
    );
    // Deleting is always allowed; the note goes with the next edit.
    keys(&mut app, &[Backspace]);
    assert!(!render(&app, 80, 24).contains("takes at most"));
}

/// A paste is one edit and one save, cut to the field's limit; the notes
/// keep its line breaks (one kind of them), a tab is a space and hazards
/// are dropped.
#[test]
fn a_paste_is_one_edit_and_one_save() {
    let (mut app, _dir) = app_with_store();
    keys(&mut app, &[Char('n')]);
    keys(&mut app, &[Down, Down, Down, Down, Down, Down]);
    // Nothing typed yet: nothing saved yet.
    let before = 0;
    let text = "line one\r\nline\ttwo\u{1b}[2J\u{202e}\n".repeat(2_000);
    app.update(super::app::Msg::Paste(text));
    app.flush();
    let e = saved(&mut app);
    assert_eq!(e.revision, before + 1, "one save");
    assert_eq!(e.notes.chars().count(), crate::bounds::enquiry::NOTES_CHARS);
    assert!(
        e.notes.starts_with("line one\nline two[2J\nline one"),
        "{}",
        &e.notes[..40]
    );
    assert!(render(&app, 80, 24).contains("Pasted the first 20,000 characters"));
    // A paste at the limit changes nothing and saves nothing.
    app.update(super::app::Msg::Paste("more".into()));
    app.flush();
    assert_eq!(saved(&mut app).revision, before + 1);
}

/// Whatever a screen draws, a hazardous character never reaches the
/// terminal: a notice quoting a path with invisible characters in it (tag
/// characters and a combining grapheme joiner, which ratatui keeps with
/// the letter before them) shows U+FFFD instead.
#[test]
fn the_frame_is_inert() {
    let mut app = app();
    app.status.say(
        Notice::Info("Cannot open /home/x\u{e0041}\u{e0042}y\u{34f}z\u{1b}]0;t\u{7}/e".into()),
        std::time::Instant::now(),
    );
    let text = render(&app, 100, 24);
    assert_eq!(
        text.chars()
            .find(|c| crate::text::hazard(*c).is_some() && *c != '\n'),
        None,
        "{text:?}"
    );
    assert!(text.contains("/home/\u{FFFD}\u{FFFD}z"), "{text}");
}

/// The states the issue found cut off at 80x24, each reached as a person
/// would at a given size, then a key figure, and the keys that bring it
/// into view when the screen is too small to show it at once.
struct Hidden {
    name: &'static str,
    reach: fn(&mut App),
    /// Gives the pane holding the figures the focus; ↓ then scrolls it.
    focus: &'static [Key],
    figures: &'static [&'static str],
}

fn over_budget(app: &mut App) {
    // Route 3: first-line manager, both, Level 3, 1 hour a week, £1,000,
    // by 1 June 2027, nothing held.
    keys(app, &[Char('3'), Enter, Down, Down, Enter, Enter]);
    typed(app, "1");
    keys(app, &[Enter]);
    typed(app, "1000");
    keys(app, &[Enter]);
    typed(app, "2027-06-01");
    // The last answer, then on from the review.
    keys(app, &[Enter, Enter, Enter]);
}

fn ten_payments(app: &mut App) {
    // The Level 5 Diploma by instalments, 10 monthly payments.
    keys(app, &[Char('c'), End, Up, Up, Enter, Char('p'), Char('i')]);
    keys(app, &[Down, Down, Down, Down]);
    keys(app, &[Right; 7]);
}

fn low_hours(app: &mut App) {
    ten_payments(app);
    keys(app, &[Up, Up, Up, Left, Left]);
}

fn upgrade_fee(app: &mut App) {
    keys(app, &[Char('4'), Down, Down, Down, Down, Down, Char(' ')]);
}

fn compare_help(app: &mut App) {
    keys(app, &[Char('c'), Char('?')]);
}

const HIDDEN: &[Hidden] = &[
    Hidden {
        name: "why_over_budget",
        reach: over_budget,
        focus: &[Tab],
        figures: &["£1,034.00 over your £1,000.00", "£1,344.00 inc VAT"],
    },
    Hidden {
        name: "plan_ten_payments",
        reach: ten_payments,
        focus: &[Tab, Tab],
        figures: &[
            "Monthly payment 10 of 10            2027-10-01      £150.00   £30.00   £180.00",
            "Final payment, on completion        on completion   £150.00   £30.00   £180.00",
            "Total                                             £2,250.00  £450.00 £2,700.00",
            "VAT at 20% on each payment",
            // How the first payment is worked out, and the premium's source.
            "First payment £600.00 = price £2,225.00 - 11 later payments of £150.00 +",
            "The £25.00 premium is the provider's charge",
            "(pack:",
            "The final £150.00 falls due when you complete",
        ],
    },
    Hidden {
        name: "timeline_explained",
        reach: ten_payments,
        focus: &[Tab],
        figures: &[
            "─ registration:",
            "370 h of learning is all the",
            "37 credits",
            "(GLH)",
        ],
    },
    Hidden {
        name: "low_hours",
        reach: low_hours,
        focus: &[Tab],
        figures: &[
            "At 1 hour a week the 370 hours take",
            "registration expires",
        ],
    },
    Hidden {
        name: "upgrade_fee",
        reach: upgrade_fee,
        focus: &[Tab, Tab],
        figures: &[
            "less £1,695.00",
            "5017  Undertaking an Extended",
            "(29 credits)",
        ],
    },
    Hidden {
        name: "compare_help",
        reach: compare_help,
        focus: &[],
        figures: &["Ctrl-Z  suspend"],
    },
];

/// Every figure of these states can be reached at 80x24 and 80x23 (and
/// shows at once on larger screens); each size is snapshotted.
#[test]
fn nothing_is_hidden_at_any_size() {
    for h in HIDDEN {
        for (width, height) in [(80, 23), (80, 24), (100, 30), (200, 60)] {
            let mut app = app();
            app.size = (width, height);
            (h.reach)(&mut app);
            let first = render(&app, width, height);
            if (width, height) != (80, 24) {
                insta::assert_snapshot!(format!("{}_{width}x{height}", h.name), first);
            }
            if width == 200 {
                for f in h.figures {
                    assert!(first.contains(f), "{}: {f} at once\n{first}", h.name);
                }
                continue;
            }
            let unseen: Vec<&str> = h
                .figures
                .iter()
                .copied()
                .filter(|f| !first.contains(f))
                .collect();
            if !unseen.is_empty() {
                assert!(first.contains("▼ "), "{}: no sign of more\n{first}", h.name);
            }
            // Line by line to the end, noting every figure that shows.
            keys(&mut app, h.focus);
            let mut seen = render(&app, width, height);
            for _ in 0..60 {
                keys(&mut app, &[Down]);
                seen.push_str(&render(&app, width, height));
            }
            for f in unseen {
                assert!(seen.contains(f), "{}: {f} unreachable\n{seen}", h.name);
            }
        }
    }
}

/// No key means one thing everywhere and another on one screen: in every
/// screen's states, the keys it offers (which are the keys it binds) are
/// none of the keys that work everywhere, save the printable ones while a
/// text field has the focus (they are text then, not commands).
#[test]
fn no_screen_rebinds_a_key_that_works_everywhere() {
    use super::keys::GLOBAL;
    use super::screens::Component;
    let (mut store_app, _dir) = app_with_store();
    keys(&mut store_app, &[Char('n')]);
    typed(&mut store_app, "Jane");
    let mut states: Vec<App> = vec![store_app];
    let (mut list_app, _dir2) = app_with_store();
    keys(&mut list_app, &[Char('n'), Esc, Char('e')]);
    states.push(list_app);
    let walks: &[&[Key]] = &[
        &[],
        &[Char('3')],
        &[Char('3'), Tab, Tab, Tab],
        &[Char('3'), Tab, Tab, Tab, Tab, Tab, Tab, Tab],
        &[Char('3'), Tab, Tab, Tab, Tab, Tab, Tab, Tab, Tab],
        &[Char('1'), Tab, Tab, Tab],
        &[Char('c')],
        &[Char('c'), Char('f')],
        &[Char('c'), Char(' '), Down, Char(' '), Char('v')],
        &[Char('c'), Char('c')],
        &[Char('c'), Enter],
        &[Char('c'), Enter, Char('p'), Char('i')],
        &[Char('c'), Enter, Char('p'), Tab],
        &[Char('c'), Enter, Char('p'), Tab, Tab],
        &[Char('/'), Char('m'), Char('e'), Char('n')],
        &[Char('/'), Char('m'), Char('e'), Char('n'), Tab],
        &[Char('/'), Char('3'), Char('0'), Char('6'), Char('0'), Enter],
        &[Char('4')],
        &[Char('4'), Down, Down, Down, Down, Down, Char(' '), Tab],
        &[Char('4'), Down, Down, Down, Down, Down, Char(' '), Tab, Tab],
    ];
    for walk in walks {
        let mut app = app();
        keys(&mut app, walk);
        states.push(app);
    }
    for app in &states {
        frame(app);
        let screen = app.screen();
        let typing = screen.typing();
        let global: Vec<Key> = GLOBAL
            .iter()
            .flat_map(|b| app.ctx.keymap.keys(b).iter().copied())
            .filter(|k| *k != Esc && !(typing && k.is_text()))
            .collect();
        for group in screen.keys(&app.ctx) {
            for k in &group.keys {
                for key in &k.keys {
                    assert!(
                        !global.contains(key),
                        "{}: {} is {:?} there, but works everywhere",
                        screen.title(),
                        key.label(),
                        k.help
                    );
                }
            }
        }
    }
}
/// The advisor's own folder, hearing what the test says others did, and
/// perhaps out of reach: the app's side of a shared store, without one.
struct Told {
    folder: crate::enquiry::EnquiryStore,
    voice: Voice,
}

/// What the test tells a `Told` store: the news for the next `changes`,
/// and whether it is out of reach.
#[derive(Clone, Default)]
struct Voice {
    news: std::rc::Rc<std::cell::RefCell<Vec<crate::enquiry::Change>>>,
    offline: std::rc::Rc<std::cell::RefCell<Option<crate::enquiry::Offline>>>,
}

impl Voice {
    fn news(&self, news: Vec<crate::enquiry::Change>) {
        *self.news.borrow_mut() = news;
    }
    fn offline(&self, offline: Option<crate::enquiry::Offline>) {
        *self.offline.borrow_mut() = offline;
    }
}

impl crate::enquiry::Store for Told {
    fn place(&self) -> String {
        "the shared store sam@db.example.org:5432/qualplan".into()
    }
    fn new_id(&mut self, now: chrono::NaiveDateTime) -> String {
        self.folder.new_id(now)
    }
    fn save(&mut self, e: &mut crate::enquiry::Enquiry) -> Result<(), crate::enquiry::StoreError> {
        self.folder.save(e)
    }
    fn load(&mut self, id: &str) -> Result<crate::enquiry::Enquiry, crate::enquiry::StoreError> {
        self.folder.load(id)
    }
    fn load_all(&mut self) -> Result<crate::enquiry::LoadReport, crate::enquiry::StoreError> {
        self.folder.load_all()
    }
    fn delete(&mut self, id: &str) -> Result<(), crate::enquiry::StoreError> {
        self.folder.delete(id)
    }
    fn changes(&mut self) -> Vec<crate::enquiry::Change> {
        std::mem::take(&mut self.voice.news.borrow_mut())
    }
    fn offline(&self) -> Option<crate::enquiry::Offline> {
        self.voice.offline.borrow().clone()
    }
}

/// An app over a `Told` store in a fresh folder, and a second handle on
/// the folder: another advisor.
fn app_told() -> (App, Voice, crate::enquiry::EnquiryStore, tempfile::TempDir) {
    let (mut app, dir) = app_with_store();
    let folder = dir.path().join("enquiries");
    let voice = Voice::default();
    app.store = Some(Box::new(Told {
        folder: crate::enquiry::EnquiryStore::open(&folder).unwrap(),
        voice: voice.clone(),
    }));
    let other = crate::enquiry::EnquiryStore::open(&folder).unwrap();
    (app, voice, other, dir)
}

fn at(s: &str) -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
}

/// The list shows who changed each enquiry last, and takes in what
/// another advisor saved or deleted without being reopened.
#[test]
fn the_enquiry_list_shows_the_advisor_and_follows_the_others() {
    use crate::enquiry::Change;
    let (mut app, voice, other, _dir) = app_told();
    let mut jane =
        crate::enquiry::Enquiry::new("enq-20261201-100000".into(), at("2026-12-01 10:00:00"));
    jane.caller.name = "Jane Smith".into();
    jane.advisor = "Sam Patel".into();
    other.save(&mut jane).unwrap();
    keys(&mut app, &[Char('e')]);
    let text = render(&app, 80, 24);
    assert!(text.contains("1 enquiry, newest first"), "{text}");
    assert!(
        text.contains("Jane Smith") && text.contains("Sam Patel"),
        "{text}"
    );
    // Alex saves a new one, and changes Jane's.
    let mut ravi =
        crate::enquiry::Enquiry::new("enq-20261202-090000".into(), at("2026-12-02 09:00:00"));
    ravi.caller.name = "Ravi Patel".into();
    ravi.advisor = "Alex Jones".into();
    other.save(&mut ravi).unwrap();
    voice.news(vec![Change::Saved {
        id: ravi.id.clone(),
        advisor: "Alex Jones".into(),
    }]);
    app.update(super::app::Msg::Poll);
    let text = render(&app, 80, 24);
    assert!(text.contains("2 enquiries, newest first"), "{text}");
    let row = text
        .lines()
        .find(|l| l.contains("Ravi Patel"))
        .expect(&text);
    assert!(row.contains("Alex Jones"), "{row}");
    // Searching by the advisor's name finds theirs; a refresh keeps the
    // search.
    typed(&mut app, "alex");
    voice.news(vec![Change::Deleted {
        id: jane.id.clone(),
        advisor: "Alex Jones".into(),
    }]);
    other.delete(&jane.id).unwrap();
    app.update(super::app::Msg::Poll);
    let Screen::Enquiries(list) = app.screen() else {
        panic!()
    };
    assert_eq!(list.shown().len(), 1);
    assert_eq!(list.shown()[0].caller.name, "Ravi Patel");
    // Nothing heard, nothing read again.
    app.update(super::app::Msg::Poll);
    assert!(matches!(app.screen(), Screen::Enquiries(_)));
}

/// Out of reach: the status line says so, and how many edits wait, at 80
/// columns and larger.
#[test]
fn the_status_line_says_when_the_shared_store_is_out_of_reach() {
    let (mut app, voice, _other, _dir) = app_told();
    voice.offline(Some(crate::enquiry::Offline {
        why: "connection refused".into(),
        waiting: 0,
    }));
    let text = render(&app, 80, 24);
    assert!(
        text.contains("Offline: edits will be kept on this computer (connection refused)"),
        "{text}"
    );
    keys(&mut app, &[Char('n')]);
    typed(&mut app, "Jane");
    voice.offline(Some(crate::enquiry::Offline {
        why: "connection refused".into(),
        waiting: 2,
    }));
    // Once the message about the new enquiry has gone.
    let later = std::time::Instant::now() + super::status::SHOWN_FOR * 2;
    app.update(super::app::Msg::Tick(later));
    for (w, h) in [(80, 24), (80, 23), (120, 40)] {
        let text = render(&app, w, h);
        assert!(
            text.contains("Offline: 2 edits kept here, sent when the store is back"),
            "{text}"
        );
    }
    // Back: said, and the offline line goes.
    voice.offline(None);
    voice.news(vec![crate::enquiry::Change::Reconnected]);
    app.update(super::app::Msg::Poll);
    let text = render(&app, 80, 24);
    assert!(text.contains("The shared store is back"), "{text}");
    app.update(super::app::Msg::Tick(later + super::status::SHOWN_FOR * 2));
    assert!(!render(&app, 80, 24).contains("Offline"));
}

/// What the shared store reports reaches the status line whole at 80
/// columns: the fact first, the copy's id never cut, a long reason
/// cut last (m shows it in full).
#[test]
fn the_shared_stores_news_fits_an_80_column_status_line() {
    use crate::enquiry::Change;
    let id = "enq-20261201-100000".to_string();
    for (change, said) in [
        (
            Change::Pushed {
                id: id.clone(),
                base: 1,
                revision: 2,
            },
            "Offline edits to enq-20261201-100000 are now in the shared store",
        ),
        (
            Change::KeptBoth {
                id: id.clone(),
                base: 1,
                copy: "enq-20261201-100000-copy-2".into(),
                revision: 1,
            },
            "Changed meanwhile: both kept, your offline edits as enq-20261201-100000-copy-2",
        ),
        (
            Change::Disconnected {
                why: "connection refused".into(),
            },
            "Shared store unreachable: edits kept here, sent when it is back (… (m: in full)",
        ),
    ] {
        let (mut app, voice, _other, _dir) = app_told();
        voice.news(vec![change]);
        app.update(super::app::Msg::Poll);
        let text = render(&app, 80, 24);
        assert!(text.contains(said), "{said} in {text}");
    }
}

/// Another advisor's save of the enquiry open here: shown, when nothing
/// here waits to be saved; their deletion: asked about at once.
#[test]
fn an_open_enquiry_follows_another_advisors_save_and_deletion() {
    use crate::enquiry::Change;
    let (mut app, voice, other, _dir) = app_told();
    keys(&mut app, &[Char('n')]);
    typed(&mut app, "Jane");
    app.flush();
    let id = app.ctx.enquiry.as_ref().unwrap().id.clone();
    let mut theirs = other.load(&id).unwrap();
    theirs.caller.name = "Jane Smith-Jones".into();
    other.save(&mut theirs).unwrap();
    voice.news(vec![Change::Saved {
        id: id.clone(),
        advisor: "Alex Jones".into(),
    }]);
    app.update(super::app::Msg::Poll);
    assert_eq!(
        app.ctx.enquiry.as_ref().unwrap().caller.name,
        "Jane Smith-Jones"
    );
    assert!(render(&app, 80, 24).contains("Changed by Alex Jones: showing their version"));
    // Typing goes on from their version, as the next revision.
    typed(&mut app, "!");
    app.flush();
    assert_eq!(other.load(&id).unwrap().caller.name, "Jane Smith-Jones!");
    other.delete(&id).unwrap();
    voice.news(vec![Change::Deleted {
        id,
        advisor: "Alex Jones".into(),
    }]);
    app.update(super::app::Msg::Poll);
    assert!(render(&app, 80, 24).contains("Enquiry deleted elsewhere"));
}

/// `y` on Plan & pay puts the plan on the clipboard as the plain mode says
/// it: every payment and the total inc VAT, from the pack's figures.
#[test]
fn y_copies_the_plan_and_says_so() {
    let mut app = app();
    keys(
        &mut app,
        &[Char('c'), Enter, Char('p'), Char('i'), Char('y')],
    );
    let Some(Output::Clipboard(text)) = app.output.last() else {
        panic!("{:?}", app.output)
    };
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        "Plan for ILM Level 3 Award in Coaching (l3-award-coaching)"
    );
    assert!(lines.contains(&"Start: 2026-12-01"), "{text}");
    assert!(lines.contains(&"Paying by instalments:"), "{text}");
    assert!(
        lines.contains(&"Total: £1,020.00 ex VAT, VAT 20% £204.00, £1,224.00 inc VAT"),
        "{text}"
    );
    assert_eq!(
        app.notice().map(ToString::to_string).as_deref(),
        Some("Copied to the clipboard: the plan for l3-award-coaching")
    );
    // Where there is nothing to copy, it says so and copies nothing.
    let mut home = self::app();
    keys(&mut home, &[Char('y')]);
    assert!(home.output.is_empty());
    assert!(
        home.notice()
            .unwrap()
            .to_string()
            .starts_with("Nothing to copy here")
    );
}

/// `y` on a qualification's page copies its facts with their sources.
#[test]
fn y_copies_a_qualifications_facts() {
    let mut app = app();
    keys(&mut app, &[Char('c'), Enter, Char('y')]);
    let Some(Output::Clipboard(text)) = app.output.last() else {
        panic!("{:?}", app.output)
    };
    let expected = crate::summary::qualification(
        &app.ctx.catalogue,
        app.ctx
            .catalogue
            .qualification("l3-award-coaching")
            .unwrap(),
    );
    assert_eq!(text, &expected.join("\n"));
    assert!(text.contains("(source: "), "{text}");
    // On Compare, the chosen row's: the same text.
    let mut app = self::app();
    keys(&mut app, &[Char('c'), Char('y')]);
    assert_eq!(
        app.output.last(),
        Some(&Output::Clipboard(expected.join("\n")))
    );
}

/// `y` on Upgrade copies the chosen upgrade's figures (the £530 + VAT
/// top-up from the Level 5 Certificate), and on Recommendations the
/// chosen option with its fee both ways and its reasons.
#[test]
fn y_copies_an_upgrade_and_a_recommendation() {
    let mut app = app();
    keys(
        &mut app,
        &[
            Char('4'),
            Down,
            Down,
            Down,
            Down,
            Down,
            Char(' '),
            Tab,
            Char('y'),
        ],
    );
    let Some(Output::Clipboard(text)) = app.output.last() else {
        panic!("{:?}", app.output)
    };
    let lines: Vec<&str> = text.lines().collect();
    for line in [
        "Fee ex VAT: £530.00",
        "VAT (20%): £106.00",
        "Fee inc VAT: £636.00",
    ] {
        assert!(lines.contains(&line), "{line} in {text}");
    }
    assert_eq!(
        app.notice().map(ToString::to_string).as_deref(),
        Some("Copied to the clipboard: the upgrade from l5-cert-cm to l5-dip-cm")
    );

    let mut app = app_with_budget("3000");
    keys(&mut app, &[Tab, Enter, Enter, Char('y')]);
    let Some(Output::Clipboard(text)) = app.output.last() else {
        panic!("{:?}", app.output)
    };
    let first = text.lines().next().unwrap();
    assert!(
        first.starts_with("ILM Level 5 Certificate in Coaching and Mentoring (l5-cert-cm): ")
            && first.ends_with(", £1,695.00 ex VAT (£2,034.00 inc VAT)"),
        "{text}"
    );
    assert!(
        text.lines().skip(1).all(|l| l.starts_with("For: ")
            || l.starts_with("Against: ")
            || l.starts_with("Note: ")),
        "{text}"
    );
    assert!(text.lines().count() > 1, "{text}");
    assert_eq!(
        app.notice().map(ToString::to_string).as_deref(),
        Some("Copied to the clipboard: the recommendation of l5-cert-cm")
    );
}

/// `M` lets the mouse go (the terminal selects text) and takes it back,
/// and says which is on.
#[test]
fn m_switches_the_mouse_and_says_which_is_on() {
    let mut app = app();
    keys(&mut app, &[Char('M')]);
    assert!(!app.mouse);
    assert_eq!(app.output, [Output::Mouse(false)]);
    assert!(app.notice().unwrap().to_string().starts_with("Mouse off"));
    keys(&mut app, &[Char('M')]);
    assert!(app.mouse);
    assert_eq!(app.output, [Output::Mouse(false), Output::Mouse(true)]);
    assert!(app.notice().unwrap().to_string().starts_with("Mouse on"));
}

/// Home at 80x24 in every theme, styles and all: the buffer's debug form
/// lists each run of colour and modifiers beside the text.
#[test]
fn every_theme_draws_home() {
    for (name, theme) in [
        ("dark", Theme::Dark),
        ("light", Theme::Light),
        ("high_contrast", Theme::HighContrast),
        ("monochrome", Theme::Monochrome),
    ] {
        let mut app = app();
        app.ctx.theme = theme;
        let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
        terminal.draw(|frame| app.view(frame)).unwrap();
        let buffer = terminal.backend().buffer();
        assert!(
            buffer
                .content
                .iter()
                .all(|c| !c.modifier.contains(ratatui::style::Modifier::DIM)),
            "{name}: nothing is faint"
        );
        insta::assert_debug_snapshot!(format!("theme_{name}"), buffer);
    }
}

/// `n` by mistake leaves nothing behind: an enquiry is kept once
/// something is typed, and ending a call that captured nothing says so.
#[test]
fn an_enquiry_is_kept_only_once_something_is_typed() {
    let (mut app, _dir) = app_with_store();
    keys(&mut app, &[Char('n')]);
    assert!(render(&app, 80, 24).contains("New enquiry: kept once something is typed"));
    keys(&mut app, &[F(2), F(2)]);
    let stored = || app_store_count(&mut app_with_dir(&_dir));
    assert_eq!(stored(), 0, "three n's, nothing typed: no file");
    keys(&mut app, &[F(5)]);
    assert!(app.ctx.enquiry.is_none());
    assert!(!matches!(app.screen(), Screen::Enquiry(_)));
    let text = render(&app, 80, 24);
    assert!(
        text.contains("Call ended: nothing was typed, so no enquiry was kept."),
        "{text}"
    );
    // Typing one letter keeps it; rubbing it out again does not delete it.
    keys(&mut app, &[Char('n')]);
    typed(&mut app, "J");
    assert_eq!(stored(), 1);
    keys(&mut app, &[Backspace]);
    assert_eq!(saved(&mut app).caller.name, "");
    // F5 with no enquiry says there is no call, and the bar offers no F5.
    keys(&mut app, &[F(5), F(5)]);
    let text = render(&app, 80, 24);
    assert!(text.contains("No call to end"), "{text}");
    assert!(!text.contains("F5 end call"), "{text}");
}

fn app_with_dir(dir: &tempfile::TempDir) -> crate::enquiry::EnquiryStore {
    crate::enquiry::EnquiryStore::open(dir.path().join("enquiries")).unwrap()
}

fn app_store_count(store: &mut crate::enquiry::EnquiryStore) -> usize {
    use crate::enquiry::Store;
    store.load_all().unwrap().enquiries.len()
}

/// F5 ends the call: the enquiry saved and closed, and the status line says
/// who it was and what was captured.
#[test]
fn ending_a_call_says_what_was_captured() {
    let (mut app, _dir) = app_with_store();
    keys(&mut app, &[Char('n')]);
    typed(&mut app, "Jane Smith");
    assert!(render(&app, 80, 24).contains("F5 end call"));
    let e = app.ctx.enquiry.as_mut().unwrap();
    e.shortlist = vec!["l5-cert-cm".into(), "l5-dip-cm".into()];
    app.dirty = true;
    keys(&mut app, &[F(3), Enter]);
    let id = app.ctx.enquiry.as_ref().unwrap().id.clone();
    keys(&mut app, &[F(5)]);
    assert!(app.ctx.enquiry.is_none());
    assert!(!matches!(app.screen(), Screen::Enquiry(_)));
    let text = render(&app, 80, 24);
    assert!(
        text.contains("Call ended: Jane Smith — 2 shortlisted, quote written"),
        "{text}"
    );
    let e = app.store.as_mut().unwrap().load(&id).unwrap();
    assert!(e.quoted.is_some(), "the quote is on the enquiry");
    assert_eq!(crate::enquiry::exchange::status(&e), "quoted");
}

/// Three enquiries saved at known times, for the list's snapshots.
fn three_callers(app: &mut App) {
    let store = app.store.as_mut().unwrap();
    for mut e in callers::three() {
        store.save(&mut e).unwrap();
    }
}

/// The three callers, shared with the pty captures.
#[path = "../../tests/support/callers.rs"]
mod callers;
use crate::enquiry::Enquiry;

#[test]
fn an_empty_enquiries_list_names_a_key_that_works_there() {
    let (mut app, _dir) = app_with_store();
    keys(&mut app, &[Char('e')]);
    let text = render(&app, 80, 24);
    let rows: Vec<&str> = text.lines().collect();
    let header = rows
        .iter()
        .position(|r| r.contains("Last change   Caller"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(
        rows[header + 1].contains("No enquiries yet: F2 starts one."),
        "{text}"
    );
    // F2 does start one from here, and n is a letter of the search.
    keys(&mut app, &[Char('n')]);
    assert!(matches!(app.screen(), Screen::Enquiries(_)));
    keys(&mut app, &[F(2)]);
    assert!(
        matches!(app.screen(), Screen::Enquiry(_)),
        "{}",
        render(&app, 80, 24)
    );
}

#[test]
fn the_enquiries_list_shows_phone_status_and_last_change() {
    let (mut app, _dir) = app_with_store();
    three_callers(&mut app);
    keys(&mut app, &[Char('e')]);
    insta::assert_snapshot!("enquiries_list_80x24", render(&app, 80, 24));
    insta::assert_snapshot!("enquiries_list_80x23", render(&app, 80, 23));
    insta::assert_snapshot!("enquiries_list_200x60", render(&app, 200, 60));
    let shown = |app: &App| {
        let Screen::Enquiries(list) = app.screen() else {
            panic!()
        };
        list.shown()
            .iter()
            .map(|e| e.caller.name.clone())
            .collect::<Vec<_>>()
    };
    // The phone however it is spaced, the e-mail, a word of the notes.
    for (query, found) in [
        ("07700900123", "Jane Smith"),
        ("900 123", "Jane Smith"),
        ("jane@example", "Jane Smith"),
        ("2079460000", "Ravi Patel"),
        ("4pm", "Ravi Patel"),
    ] {
        typed(&mut app, query);
        assert_eq!(shown(&app), [found], "{query}");
        keys(&mut app, &[Ctrl('u')]);
    }
    typed(&mut app, "kim@");
    assert_eq!(shown(&app), [""]);
    insta::assert_snapshot!("enquiries_found_by_email_80x24", render(&app, 80, 24));
}

/// QUALPLAN_TODAY names the day taken as today (for captures whose dates
/// must stay put); anything but a date in range is refused, saying what
/// to do, and without it the clock's day is taken.
#[test]
fn today_can_be_named_and_a_bad_name_is_refused() {
    use super::today;
    let named = |v: &str| today(Some(v.into()));
    assert_eq!(
        named("2026-12-01"),
        Ok(NaiveDate::from_ymd_opt(2026, 12, 1).unwrap())
    );
    for bad in ["1 Dec 2026", "2026-02-30", "1999-12-31", "2101-01-01", ""] {
        let e = named(bad).unwrap_err();
        assert!(
            e.starts_with(&format!(
                "qualplan: QUALPLAN_TODAY is `{bad}`, not a date as YYYY-MM-DD from 2000 to 2100."
            )) && e.contains("Unset it"),
            "{e}"
        );
    }
    let clock = chrono::Local::now().date_naive();
    let taken = today(None).unwrap();
    assert!(taken == clock || taken.pred_opt() == Some(clock));
}

/// The notes take several lines: Enter starts one, they are saved as
/// typed and reopen intact; Tab leaves them; the area scrolls with its
/// "more" markers at 80x23 and gives its room to the text when larger.
#[test]
fn the_notes_take_several_lines() {
    let (mut app, _dir) = app_with_store();
    app.size = (80, 23);
    open_jane(&mut app, &[]);
    keys(&mut app, &[Tab, Tab, Tab, Tab, Tab, Tab]);
    let notes = [
        "Called about the Level 5 Certificate.",
        "Manager pays; wants to start in January.",
        "",
        "Holds the Level 3 Certificate (2019): ask whether any units carry over to the Diploma, and what the top-up would cost.",
        "Prefers mentoring.",
        "Call back after 4pm.",
        "Send the quote by e-mail.",
    ];
    for (i, line) in notes.iter().enumerate() {
        if i > 0 {
            keys(&mut app, &[Enter]);
        }
        typed(&mut app, line);
    }
    let e = saved(&mut app);
    assert_eq!(e.notes, notes.join("\n"), "saved as typed");
    insta::assert_snapshot!("notes_80x23", render(&app, 80, 23));
    let text = render(&app, 80, 23);
    assert!(text.contains("▲ 3 more"), "{text}");
    assert!(
        text.contains("Enter new line"),
        "the key bar says so: {text}"
    );
    insta::assert_snapshot!("notes_100x30", render(&app, 100, 30));
    insta::assert_snapshot!("notes_200x60", render(&app, 200, 60));
    // ↑ goes up a row as drawn, keeping its column (25, past the two
    // shorter rows); Ctrl-U deletes to the start of the line.
    keys(&mut app, &[Up, Up, Up, Ctrl('u')]);
    assert_eq!(
        saved(&mut app).notes,
        notes.join("\n").replace(
            "Holds the Level 3 Certificate (2019): ask whether any units carry over to the Diploma, and what the top-up would cost.",
            "-up would cost."
        )
    );
    // Tab leaves the notes (for the first field again); reopened, they are
    // intact.
    keys(&mut app, &[BackTab]);
    let Screen::Enquiry(form) = app.screen() else {
        panic!("on the enquiry")
    };
    assert_eq!(form.field(), super::screens::enquiry::Field::Interest);
    let id = saved(&mut app).id;
    keys(&mut app, &[F(5), Char('e'), Enter]);
    assert_eq!(app.ctx.enquiry.as_ref().map(|e| e.id.clone()), Some(id));
    let on_disk = saved(&mut app).notes;
    let Screen::Enquiry(form) = app.screen() else {
        panic!("reopened: {}", render(&app, 80, 24))
    };
    assert_eq!(form.notes.value(), on_disk);
    assert!(
        form.notes
            .value()
            .contains("Prefers mentoring.\nCall back after 4pm.")
    );
}

/// Saves Jane Smith's enquiry (of a known id, so that snapshots hold
/// still) with `shortlist`, and reopens it from the list.
fn open_jane(app: &mut App, shortlist: &[&str]) {
    let mut jane = crate::enquiry::Enquiry::new(
        "enq-20261201-093000".into(),
        NaiveDate::from_ymd_opt(2026, 12, 1)
            .unwrap()
            .and_hms_opt(9, 30, 0)
            .unwrap(),
    );
    jane.caller.name = "Jane Smith".into();
    jane.shortlist = shortlist.iter().map(|s| s.to_string()).collect();
    app.store.as_mut().unwrap().save(&mut jane).unwrap();
    keys(app, &[Char('e'), Enter]);
    assert!(matches!(app.screen(), Screen::Enquiry(_)));
}

/// F3 with two options shortlisted and none chosen asks which to quote:
/// each option by id and title, or all of them, one section each; the
/// status line says what was quoted. Esc writes nothing.
#[test]
fn f3_asks_which_shortlisted_option_to_quote() {
    let (mut app, dir) = app_with_store();
    app.size = (80, 23);
    open_jane(&mut app, &["l5-cert-cm", "l5-dip-cm"]);
    let quotes = dir.path().join("quotes");
    let written = || std::fs::read_dir(&quotes).map_or(0, |d| d.count());
    keys(&mut app, &[F(3)]);
    insta::assert_snapshot!("which_to_quote_80x23", render(&app, 80, 23));
    insta::assert_snapshot!("which_to_quote_100x30", render(&app, 100, 30));
    insta::assert_snapshot!("which_to_quote_200x60", render(&app, 200, 60));
    // Esc lets the question go and writes nothing.
    keys(&mut app, &[Esc]);
    assert!(app.quote_choice.is_none());
    assert_eq!(written(), 0);
    assert_eq!(
        app.notice().map(ToString::to_string).as_deref(),
        Some("No quote written.")
    );
    // All of them: one quote, a section each, with the seeds' figures.
    keys(&mut app, &[F(3), Enter]);
    let Some(Notice::QuoteWritten { what, path }) = app.notice().cloned() else {
        panic!("{:?}", app.notice())
    };
    assert_eq!(what, "2 options (l5-cert-cm, l5-dip-cm)");
    let status = render(&app, 200, 60);
    assert!(
        status.contains(&format!(
            "Quote written: 2 options (l5-cert-cm, l5-dip-cm) → {}",
            path.display()
        )),
        "{status}"
    );
    let md = std::fs::read_to_string(&path).unwrap();
    assert!(md.starts_with("# Quote: 2 options\n"), "{md}");
    for line in [
        "## Option 1: ILM Level 5 Certificate in Coaching and Mentoring (l5-cert-cm)",
        "## Option 2: ILM Level 5 Diploma in Coaching and Mentoring (l5-dip-cm)",
        "| **Total** | | **£1,695.00** | **£339.00** | **£2,034.00** |",
        "| **Total** | | **£2,225.00** | **£445.00** | **£2,670.00** |",
    ] {
        assert!(md.lines().any(|l| l == line), "no {line:?} in {md}");
    }
    assert!(saved(&mut app).quoted.is_some());
    // One of them: ↑ from "all" is the Diploma.
    keys(&mut app, &[F(3), Up, Enter]);
    let Some(Notice::QuoteWritten { what, path }) = app.notice().cloned() else {
        panic!("{:?}", app.notice())
    };
    assert_eq!(what, "l5-dip-cm");
    let md = std::fs::read_to_string(&path).unwrap();
    assert!(md.starts_with("# Quote: ILM Level 5 Diploma in Coaching and Mentoring\n"));
    assert!(!md.contains("l5-cert-cm"), "{md}");
    assert_eq!(written(), 2);
}

/// F3 quotes a single shortlisted option at once, and says which; with
/// nothing shortlisted or chosen it says what to do, and writes nothing.
#[test]
fn f3_quotes_a_single_option_and_refuses_an_empty_shortlist() {
    let (mut app, _dir) = app_with_store();
    open_jane(&mut app, &[]);
    keys(&mut app, &[F(3)]);
    assert!(app.quote_choice.is_none());
    assert_eq!(
        app.notice().map(ToString::to_string).as_deref(),
        Some(
            "No quote yet: enquiry enq-20261201-093000 has no qualification chosen or shortlisted: choose one before quoting"
        )
    );
    let (mut app, _dir) = app_with_store();
    open_jane(&mut app, &["l3-award-coaching"]);
    keys(&mut app, &[F(3)]);
    assert!(
        matches!(app.notice(), Some(Notice::QuoteWritten { what, .. }) if what == "l3-award-coaching"),
        "{:?}",
        app.notice()
    );
}
