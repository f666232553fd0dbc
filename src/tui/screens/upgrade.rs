//! Upgrade planner: pick what the learner holds, see every top-up and
//! upgrade at the same level, cheapest first, with carried and remaining
//! units, the fee ex and inc VAT and how it is worked out, practice still
//! needed and time for the rest. The holding goes whole into Plan & pay.

use super::{Component, Screen, cycle, plan::Plan, short_title};
use crate::planner::{Course, CourseKind, Holding, all_upgrades};
use crate::tui::ctx::Ctx;
use crate::tui::effect::{Effect, Event, Outcome};
use crate::tui::keys::{Binding, Key, KeyGroup, bind};
use crate::tui::widgets::{FilterList, ListEvent, Look, ScrollPane, clip, scroll, target};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    Held,
    Upgrades,
    Detail,
}

const PANES: [Pane; 3] = [Pane::Held, Pane::Upgrades, Pane::Detail];

#[derive(Debug)]
pub struct Upgrade {
    /// Every qualification, current edition first, to pick holdings from.
    pub choices: Vec<String>,
    pub held: Vec<String>,
    /// The held qualifications were completed with another provider.
    pub elsewhere: bool,
    pub pane: Pane,
    /// The cursor over `choices`, with type-to-filter.
    pub held_list: FilterList,
    /// The cursor over `plans`.
    pub upgrades: FilterList,
    /// The chosen upgrade, worked out.
    pub detail: ScrollPane,
    pub plans: Vec<Course>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Do {
    Hold,
    HoldAndGo,
    Plan,
    Shortlist,
    Elsewhere,
    Pane(bool),
}

fn on_upgrades(u: &Upgrade) -> bool {
    u.pane != Pane::Held && !u.plans.is_empty()
}

const KEYS: &[Binding<Upgrade, Do>] = &[
    bind(
        "upgrade.hold",
        Do::Hold,
        &[Key::Char(' ')],
        "holds",
        "mark or unmark a qualification held (a second click too)",
    )
    .when(|u| u.pane == Pane::Held),
    bind(
        "upgrade.hold_and_go",
        Do::HoldAndGo,
        &[Key::Enter],
        "",
        "mark or unmark it, and go to the upgrades",
    )
    .when(|u| u.pane == Pane::Held),
    bind(
        "upgrade.plan",
        Do::Plan,
        &[Key::Enter, Key::Char('p')],
        "plan & pay",
        "plan and pay for the chosen upgrade, with the whole holding",
    )
    .when(on_upgrades),
    bind(
        "upgrade.shortlist",
        Do::Shortlist,
        &[Key::Char('a')],
        "shortlist",
        "add the chosen upgrade to the enquiry's shortlist (again: take it off)",
    )
    .when(on_upgrades),
    bind(
        "upgrade.elsewhere",
        Do::Elsewhere,
        &[Key::Char('o')],
        "other provider",
        "held with another provider: the full price, not a top-up (again: this provider)",
    ),
    bind(
        "upgrade.next_pane",
        Do::Pane(true),
        &[Key::Tab],
        "pane",
        "to the next pane: holdings, upgrades, the upgrade",
    ),
    bind(
        "upgrade.previous_pane",
        Do::Pane(false),
        &[Key::BackTab],
        "",
        "to the previous pane",
    ),
];

impl Upgrade {
    pub fn new(ctx: &Ctx) -> Upgrade {
        let mut choices: Vec<String> = ctx.catalogue.on_sale().map(|q| q.id.clone()).collect();
        choices.extend(
            ctx.catalogue
                .qualifications
                .iter()
                .filter(|q| !q.is_on_sale())
                .map(|q| q.id.clone()),
        );
        let held_list = FilterList::filterable(
            choices
                .iter()
                .map(|id| format!("{id} {}", title(ctx, id)))
                .collect(),
        );
        Upgrade {
            choices,
            held: Vec::new(),
            elsewhere: false,
            pane: Pane::Held,
            held_list,
            upgrades: FilterList::new(0),
            detail: ScrollPane::default(),
            plans: Vec::new(),
        }
    }

    /// The planner opened for someone holding `id`.
    pub fn for_holder(ctx: &Ctx, id: &str) -> Upgrade {
        let mut u = Upgrade::new(ctx);
        if let Some(at) = u.choices.iter().position(|c| c == id) {
            u.held_list.select(at);
        }
        u.held.push(id.to_string());
        u.refresh(ctx);
        u.pane = Pane::Upgrades;
        u
    }

    /// The planner as an enquiry left it: the holding recorded, the
    /// upgrade chosen under the cursor (reopening an enquiry leads back
    /// here).
    pub fn for_choice(ctx: &Ctx, choice: &crate::enquiry::UpgradeChoice) -> Upgrade {
        let mut u = Upgrade::new(ctx);
        u.held = choice
            .held
            .iter()
            .filter(|id| u.choices.contains(id))
            .cloned()
            .collect();
        u.elsewhere = choice.elsewhere;
        u.refresh(ctx);
        if let Some(at) = u.plans.iter().position(|c| c.qualification == choice.to) {
            u.upgrades.select(at);
        }
        u.pane = Pane::Upgrades;
        u
    }

    /// What the learner holds, as marked.
    pub fn holding(&self) -> Holding {
        Holding {
            qualifications: self.held.clone(),
            units: Vec::new(),
            with_provider: !self.elsewhere,
        }
    }

    fn refresh(&mut self, ctx: &Ctx) {
        self.plans = all_upgrades(&ctx.catalogue, &self.holding()).unwrap_or_default();
        self.upgrades
            .set_rows(vec![String::new(); self.plans.len()]);
        self.detail.reset();
    }

    fn selected(&self) -> Option<&Course> {
        self.upgrades.selected().and_then(|i| self.plans.get(i))
    }

    fn toggle_held(&mut self, ctx: &Ctx) {
        let Some(id) = self.held_list.selected().map(|i| self.choices[i].clone()) else {
            return;
        };
        match self.held.iter().position(|h| *h == id) {
            Some(i) => {
                self.held.remove(i);
            }
            None => self.held.push(id),
        }
        self.refresh(ctx);
    }

    /// Plan & pay for the chosen course, with the whole holding.
    fn open_plan(&self, ctx: &Ctx) -> Outcome {
        match self.selected() {
            Some(p) => Outcome::open(Screen::Plan(Box::new(Plan::new(
                ctx,
                &p.qualification,
                self.holding(),
            )))),
            None => Outcome::done(),
        }
    }

    fn key(&mut self, key: Key, ctx: &Ctx) -> Outcome {
        let on = target(
            key,
            &mut self.pane,
            &[
                (Pane::Held, &self.held_list),
                (Pane::Upgrades, &self.upgrades),
                (Pane::Detail, &self.detail),
            ],
        );
        match on {
            Pane::Held => match self.held_list.update(key, &ctx.keymap) {
                ListEvent::Open => {
                    self.toggle_held(ctx);
                    return Outcome::done();
                }
                ListEvent::Moved | ListEvent::Filtered => return Outcome::done(),
                ListEvent::Unused => {}
            },
            Pane::Upgrades => match self.upgrades.update(key, &ctx.keymap) {
                ListEvent::Open => return self.open_plan(ctx),
                ListEvent::Moved | ListEvent::Filtered => {
                    self.detail.reset();
                    return Outcome::done();
                }
                ListEvent::Unused => {}
            },
            Pane::Detail => {
                if self.detail.update(key, &ctx.keymap, false) || key.position().is_some() {
                    return Outcome::done();
                }
            }
        }
        match ctx.keymap.action(KEYS, self, key, self.typing()) {
            Some(Do::Hold) => self.toggle_held(ctx),
            Some(Do::HoldAndGo) => {
                self.toggle_held(ctx);
                if !self.plans.is_empty() {
                    self.pane = Pane::Upgrades;
                }
            }
            Some(Do::Plan) => return self.open_plan(ctx),
            Some(Do::Shortlist) => {
                if let Some(p) = self.selected() {
                    return Outcome::with(Effect::Shortlist(p.qualification.clone()));
                }
            }
            Some(Do::Elsewhere) => {
                self.elsewhere = !self.elsewhere;
                self.refresh(ctx);
            }
            Some(Do::Pane(forward)) => self.pane = cycle(self.pane, &PANES, forward),
            None => return Outcome::Ignored,
        }
        Outcome::done()
    }
}

impl Component for Upgrade {
    fn title(&self) -> String {
        "Upgrade".to_string()
    }

    fn update(&mut self, event: Event, ctx: &Ctx) -> Outcome {
        match event {
            Event::Key(key) => self.key(key, ctx),
            Event::Back => Outcome::used(self.held_list.back()),
            Event::Paste(text) => Outcome::used(self.held_list.paste(&text)),
            _ => Outcome::Ignored,
        }
    }

    fn view(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        let [held, list, detail] = panes(area);
        let width = usize::from(held.width.saturating_sub(2));
        self.held_list.render(
            frame,
            held,
            Block::bordered().title(" Holds (Space) "),
            None,
            Look {
                focused: self.pane == Pane::Held,
                theme,
            },
            |i, chosen| {
                let id = &self.choices[i];
                let mark = if self.held.contains(id) { "[x]" } else { "[ ]" };
                let style = if chosen && self.pane == Pane::Held {
                    theme.selected()
                } else {
                    Style::new()
                };
                let text = format!("{mark} {id:<22} {}", title(ctx, id));
                Line::styled(clip(&text, width), style)
            },
        );
        let list_width = usize::from(list.width.saturating_sub(2));
        let header = if self.held.is_empty() {
            "Mark what the learner holds."
        } else if self.plans.is_empty() {
            "No upgrade: nothing else at this level is a top-up or carries these units."
        } else if self.elsewhere {
            "Another provider: full price (o)"
        } else {
            "This provider: top-up fees (o)"
        };
        let id_width = self
            .plans
            .iter()
            .map(|p| p.qualification.chars().count())
            .max()
            .unwrap_or(0);
        self.upgrades.render(
            frame,
            list,
            Block::bordered().title(if list.width >= 38 {
                " Upgrades, cheapest first, ex VAT "
            } else {
                " Upgrades, ex VAT "
            }),
            Some(Line::styled(clip(header, list_width), theme.quiet())),
            Look {
                focused: self.pane == Pane::Upgrades,
                theme,
            },
            |i, chosen| {
                let p = &self.plans[i];
                let kind = match p.kind {
                    CourseKind::TopUp => "top-up",
                    CourseKind::NewRegistration => "full price",
                    CourseKind::Upgrade => "upgrade",
                };
                let ex = p
                    .fee
                    .map_or("on request".to_string(), |f| f.ex_vat.to_string());
                let style = if chosen && self.pane != Pane::Held {
                    theme.selected()
                } else {
                    Style::new()
                };
                // The fee (ex VAT) before the title: a narrow pane cuts the
                // title, never a figure.
                let text = format!(
                    "{:<id_width$} {kind:<10} {ex:>10}  {}",
                    p.qualification,
                    short_title(&p.title)
                );
                Line::styled(clip(&text, list_width), style)
            },
        );
        let lines = match self.selected() {
            Some(p) => plan_lines(ctx, p),
            None => vec![Line::raw("")],
        };
        self.detail.render(
            frame,
            detail,
            Block::bordered().title(" The upgrade "),
            &lines,
            self.pane == Pane::Detail,
            theme,
        );
    }

    fn keys(&self, ctx: &Ctx) -> Vec<KeyGroup> {
        let k = &ctx.keymap;
        let widget = match self.pane {
            Pane::Held => self.held_list.keys(k, "In the holdings"),
            Pane::Upgrades => self.upgrades.keys(k, "In the upgrades"),
            Pane::Detail => scroll::keys(k, "In the upgrade", false),
        };
        vec![widget, k.group("On Upgrade", KEYS, self, self.typing())]
    }

    fn typing(&self) -> bool {
        self.held_list.typing()
    }

    fn summary(&self, _ctx: &Ctx) -> Option<super::Summary> {
        let course = self.selected()?;
        let what = match &course.from {
            Some(from) => format!("the upgrade from {from} to {}", course.qualification),
            None => format!("the figures for {}", course.qualification),
        };
        Some(super::Summary {
            what,
            text: crate::summary::course(course).join("\n"),
        })
    }
}

/// A qualification's title, or nothing for an id the catalogue lacks.
fn title<'a>(ctx: &'a Ctx, id: &str) -> &'a str {
    ctx.catalogue
        .qualification(id)
        .map_or("", |q| q.title.as_str())
}

/// The holdings, the upgrades and the chosen upgrade: side by side on a
/// wide terminal; else the holdings (with their titles) across the top.
fn panes(area: Rect) -> [Rect; 3] {
    if area.width >= 120 {
        let [left, right] =
            Layout::horizontal([Constraint::Percentage(45), Constraint::Percentage(55)])
                .areas(area);
        let [list, detail] =
            Layout::vertical([Constraint::Length(8), Constraint::Min(3)]).areas(right);
        [left, list, detail]
    } else {
        let [top, bottom] =
            Layout::vertical([Constraint::Percentage(40), Constraint::Percentage(60)]).areas(area);
        let [list, detail] =
            Layout::horizontal([Constraint::Percentage(42), Constraint::Percentage(58)])
                .areas(bottom);
        [top, list, detail]
    }
}

/// A course's figures, the notes that explain them and its units by title
/// (Compare's side by side shows a top-up between two the same way).
pub fn plan_lines(ctx: &Ctx, p: &Course) -> Vec<Line<'static>> {
    let theme = ctx.theme;
    let title = match &p.from {
        Some(from) => format!("{from} → {}: {}", p.qualification, p.kind),
        None => format!("{}: {}", p.qualification, p.kind),
    };
    let mut lines = vec![Line::styled(title, theme.title())];
    let figures = p.figures();
    let width = figures
        .iter()
        .map(|f| f.label.chars().count())
        .max()
        .unwrap_or(0)
        + 1;
    for f in figures {
        let style = if f.total { theme.money() } else { Style::new() };
        lines.push(Line::from(vec![
            Span::styled(format!("{:<width$}", f.label), theme.heading()),
            Span::styled(f.value, style),
        ]));
    }
    for n in &p.notes {
        lines.push(Line::styled(format!("{n}."), theme.quiet()));
    }
    lines.extend(super::unit_lines(ctx, "Units to take", &p.units_to_take));
    lines.extend(super::unit_lines(
        ctx,
        "Units carried over",
        &p.units_carried,
    ));
    lines
}

/// This table's actions by name, for checking a keymap.
pub fn key_names() -> Vec<(&'static str, &'static [Key])> {
    crate::tui::keys::names(KEYS)
}
