//! Upgrade planner: pick what the learner holds, see every top-up and
//! upgrade at the same level, cheapest first, with carried and remaining
//! units, the fee ex and inc VAT and how it is worked out, practice still
//! needed and time for the rest. The holding goes whole into Plan & pay.

use super::{Nav, Screen, clicked, first_visible, moved, plan::Plan};
use crate::planner::{Course, CourseKind, Holding, all_upgrades};
use crate::tui::app::Ctx;
use crate::tui::keys::Action;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pane {
    Held,
    Upgrades,
}

pub struct Upgrade {
    /// Every qualification, current edition first, to pick holdings from.
    pub choices: Vec<String>,
    pub held: Vec<String>,
    /// The held qualifications were completed with another provider.
    pub elsewhere: bool,
    pub pane: Pane,
    pub cursor: usize,
    pub selected: usize,
    pub plans: Vec<Course>,
}

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
        Upgrade {
            choices,
            held: Vec::new(),
            elsewhere: false,
            pane: Pane::Held,
            cursor: 0,
            selected: 0,
            plans: Vec::new(),
        }
    }

    /// The planner opened for someone holding `id`.
    pub fn for_holder(ctx: &Ctx, id: &str) -> Upgrade {
        let mut u = Upgrade::new(ctx);
        u.cursor = u.choices.iter().position(|c| c == id).unwrap_or(0);
        u.held.push(id.to_string());
        u.refresh(ctx);
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
        self.selected = self.selected.min(self.plans.len().saturating_sub(1));
    }

    fn toggle_held(&mut self, ctx: &Ctx) {
        let id = self.choices[self.cursor].clone();
        match self.held.iter().position(|h| *h == id) {
            Some(i) => {
                self.held.remove(i);
            }
            None => self.held.push(id),
        }
        self.refresh(ctx);
    }

    /// Plan & pay for the chosen course, with the whole holding.
    fn open_plan(&self, ctx: &Ctx) -> Nav {
        match self.plans.get(self.selected) {
            Some(p) => Nav::push(Screen::Plan(Box::new(Plan::new(
                ctx,
                &p.qualification,
                self.holding(),
            )))),
            None => Nav::Handled,
        }
    }

    pub fn handle(&mut self, action: Action, ctx: &Ctx, area: Rect) -> Nav {
        let [left, right] = panes(area);
        let list_height = usize::from(left.height.saturating_sub(2));
        match (self.pane, action) {
            (_, Action::NextPane | Action::PrevPane) => {
                self.pane = if self.pane == Pane::Held {
                    Pane::Upgrades
                } else {
                    Pane::Held
                };
                return Nav::Handled;
            }
            (_, Action::Char('e')) => {
                self.elsewhere = !self.elsewhere;
                self.refresh(ctx);
                return Nav::Handled;
            }
            (_, Action::Click { column, row }) => {
                if left.contains((column, row).into()) {
                    self.pane = Pane::Held;
                    let first = first_visible(self.cursor, self.choices.len(), list_height);
                    if let Some(i) = clicked(
                        row,
                        left.y + 1,
                        left.height.saturating_sub(2),
                        first,
                        self.choices.len(),
                    ) {
                        self.cursor = i;
                        self.toggle_held(ctx);
                    }
                } else if right.contains((column, row).into()) {
                    self.pane = Pane::Upgrades;
                    let [list, _] = right_areas(right);
                    if let Some(i) = clicked(
                        row,
                        list.y + 2,
                        list.height.saturating_sub(3),
                        0,
                        self.plans.len(),
                    ) {
                        if i == self.selected {
                            return self.open_plan(ctx);
                        }
                        self.selected = i;
                    }
                }
                return Nav::Handled;
            }
            _ => {}
        }
        match self.pane {
            Pane::Held => {
                if let Some(i) = moved(self.cursor, self.choices.len(), action, list_height) {
                    self.cursor = i;
                    return Nav::Handled;
                }
                match action {
                    Action::Toggle | Action::Enter => {
                        self.toggle_held(ctx);
                        if action == Action::Enter && !self.plans.is_empty() {
                            self.pane = Pane::Upgrades;
                        }
                        Nav::Handled
                    }
                    _ => Nav::Stay,
                }
            }
            Pane::Upgrades => {
                if let Some(i) = moved(self.selected, self.plans.len(), action, 5) {
                    self.selected = i;
                    return Nav::Handled;
                }
                match action {
                    Action::Enter | Action::Char('p') => self.open_plan(ctx),
                    _ => Nav::Stay,
                }
            }
        }
    }

    pub fn view(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        let [left, right] = panes(area);
        let focus = |pane: Pane| {
            if self.pane == pane {
                theme.key()
            } else {
                Style::new()
            }
        };
        let height = usize::from(left.height.saturating_sub(2));
        let first = first_visible(self.cursor, self.choices.len(), height);
        let items: Vec<Line> = self
            .choices
            .iter()
            .enumerate()
            .skip(first)
            .take(height)
            .map(|(i, id)| {
                let mark = if self.held.contains(id) { "[x]" } else { "[ ]" };
                let style = if i == self.cursor && self.pane == Pane::Held {
                    theme.selected()
                } else {
                    Style::new()
                };
                Line::styled(format!("{mark} {id}"), style)
            })
            .collect();
        frame.render_widget(
            Paragraph::new(items).block(
                Block::bordered()
                    .title(" Holds (Space) ")
                    .border_style(focus(Pane::Held)),
            ),
            left,
        );
        let [list, detail] = right_areas(right);
        let provider = if self.elsewhere {
            "Held with another provider: full price (e)"
        } else {
            "Held with this provider: top-up fees (e)"
        };
        let mut rows: Vec<Line> = vec![Line::styled(provider, theme.dim())];
        if self.held.is_empty() {
            rows.push(Line::raw("Mark what the learner holds on the left."));
        } else if self.plans.is_empty() {
            rows.push(Line::raw(
                "No upgrade: nothing else at this level is a top-up or carries these units.",
            ));
        }
        for (i, p) in self.plans.iter().enumerate() {
            let kind = match p.kind {
                CourseKind::TopUp => "top-up",
                CourseKind::NewRegistration => "full price",
                CourseKind::Upgrade => "upgrade",
            };
            let ex = p
                .fee
                .map_or("on request".to_string(), |f| f.ex_vat.to_string());
            let style = if i == self.selected && self.pane == Pane::Upgrades {
                theme.selected()
            } else {
                Style::new()
            };
            rows.push(Line::styled(
                format!("{:<18}{kind:<11}{ex:>10}", p.qualification),
                style,
            ));
        }
        frame.render_widget(
            Paragraph::new(rows).block(
                Block::bordered()
                    .title(" Upgrades, cheapest first (fee ex VAT) ")
                    .border_style(focus(Pane::Upgrades)),
            ),
            list,
        );
        let lines = match self.plans.get(self.selected) {
            Some(p) => plan_lines(ctx, p),
            None => vec![Line::raw("")],
        };
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .block(Block::bordered().title(" The upgrade ")),
            detail,
        );
    }

    pub fn title(&self) -> String {
        "Upgrade".to_string()
    }

    pub fn hints(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("Space", "holds"),
            ("Tab", "pane"),
            ("e", "elsewhere"),
            ("Enter", "plan & pay"),
        ]
    }

    pub fn help(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("↑↓ j k", "move in the pane"),
            ("Space", "mark or unmark a qualification held (a click too)"),
            ("Tab", "switch between holdings and upgrades"),
            ("e", "held with another provider: full price, not a top-up"),
            ("Enter p", "plan and pay for the chosen upgrade"),
        ]
    }
}

fn panes(area: Rect) -> [Rect; 2] {
    Layout::horizontal([Constraint::Length(30), Constraint::Min(20)]).areas(area)
}

fn right_areas(right: Rect) -> [Rect; 2] {
    Layout::vertical([Constraint::Length(7), Constraint::Min(3)]).areas(right)
}

fn plan_lines(ctx: &Ctx, p: &Course) -> Vec<Line<'static>> {
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
        lines.push(Line::styled(format!("{n}."), theme.dim()));
    }
    lines
}
