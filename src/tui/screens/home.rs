//! Home: the four development routes, each in one sentence with who it
//! suits, and direct entries to Compare, Search and Upgrade.

use super::{
    ListClick, Nav, Screen, click_list, clicked, compare::Compare, moved, search::Search,
    upgrade::Upgrade, wizard::Wizard,
};
use crate::planner::DevelopmentRoute;
use crate::tui::app::Ctx;
use crate::tui::keys::Action;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// An entry on the home screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Entry {
    Route(DevelopmentRoute),
    Compare,
    Search,
    Upgrade,
}

pub const ENTRIES: [Entry; 7] = [
    Entry::Route(DevelopmentRoute::UpdateKnowledge),
    Entry::Route(DevelopmentRoute::UnitCertificate),
    Entry::Route(DevelopmentRoute::FullQualification),
    Entry::Route(DevelopmentRoute::Upgrade),
    Entry::Compare,
    Entry::Search,
    Entry::Upgrade,
];

#[derive(Default)]
pub struct Home {
    pub selected: usize,
}

impl Entry {
    fn key(self) -> char {
        match self {
            Entry::Route(r) => char::from(b'0' + r.number()),
            Entry::Compare => 'c',
            Entry::Search => 's',
            Entry::Upgrade => 'u',
        }
    }

    fn title(self) -> String {
        match self {
            Entry::Route(r) => r.title().to_string(),
            Entry::Compare => "Compare qualifications".to_string(),
            Entry::Search => "Search qualifications and units".to_string(),
            Entry::Upgrade => "Upgrade planner".to_string(),
        }
    }

    /// Who it suits, in a few words for the list.
    fn short(self) -> &'static str {
        match self {
            Entry::Route(DevelopmentRoute::UpdateKnowledge) => "knowledge, no qualification",
            Entry::Route(DevelopmentRoute::UnitCertificate) => "one unit, certified",
            Entry::Route(DevelopmentRoute::FullQualification) => "an Award, Certificate or Diploma",
            Entry::Route(DevelopmentRoute::Upgrade) => "for holders of an ILM qualification",
            Entry::Compare => "side by side, sorted, charted",
            Entry::Search => "by id, code, title or outcome",
            Entry::Upgrade => "top-ups and balance fees",
        }
    }

    /// The full description shown for the chosen entry.
    fn describe(self) -> Vec<(&'static str, String)> {
        match self {
            Entry::Route(r) => vec![
                ("Who it suits", format!("{}.", r.suits())),
                ("qualplan offers", format!("{}.", r.offers())),
                ("It asks", format!("{}.", r.needs().join("; "))),
            ],
            Entry::Compare => vec![(
                "Compare",
                "Every qualification side by side: credits, guided learning, total time, practice, price ex and inc VAT, price per credit and suggested time. Filter by level, stream and size, sort by any column, mark two to four for a side-by-side view, or see them as bar charts.".to_string(),
            )],
            Entry::Search => vec![(
                "Search",
                "Type to find a qualification or unit by its id, code, title or learning outcomes; matched letters are highlighted. A unit opens with its learning outcomes and assessment criteria.".to_string(),
            )],
            Entry::Upgrade => vec![(
                "Upgrade planner",
                "Pick what the learner holds: every larger qualification at the same level, cheapest first, with the units carried over and still to take, the balance fee ex and inc VAT, the practice still needed and the suggested time for the rest.".to_string(),
            )],
        }
    }

    fn open(self, ctx: &Ctx) -> Screen {
        match self {
            Entry::Route(DevelopmentRoute::Upgrade) | Entry::Upgrade => {
                Screen::Upgrade(Upgrade::new(ctx))
            }
            Entry::Route(route) => Screen::Wizard(Wizard::new(route, ctx)),
            Entry::Compare => Screen::Compare(Compare::new(ctx)),
            Entry::Search => Screen::Search(Search::default()),
        }
    }
}

/// Intro lines, then one line per entry, then the chosen entry described.
fn areas(area: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(3),
        Constraint::Length(ENTRIES.len() as u16 + 1),
        Constraint::Min(1),
    ])
    .areas(area)
}

impl Home {
    pub fn handle(&mut self, action: Action, ctx: &Ctx, area: Rect) -> Nav {
        if let Some(i) = moved(self.selected, ENTRIES.len(), action, 3) {
            self.selected = i;
            return Nav::Handled;
        }
        match action {
            Action::Enter => Nav::push(ENTRIES[self.selected].open(ctx)),
            Action::Char(c) => match ENTRIES.iter().find(|e| e.key() == c) {
                Some(e) => Nav::push(e.open(ctx)),
                None => Nav::Stay,
            },
            Action::Click { row, .. } => {
                let [_, list, _] = areas(area);
                match click_list(
                    &mut self.selected,
                    clicked(row, list.y, list.height, 0, ENTRIES.len()),
                ) {
                    ListClick::Open => Nav::push(ENTRIES[self.selected].open(ctx)),
                    ListClick::Selected | ListClick::Missed => Nav::Handled,
                }
            }
            _ => Nav::Stay,
        }
    }

    pub fn view(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        let [intro, list, detail] = areas(area);
        let on_sale = ctx.catalogue.on_sale().count();
        frame.render_widget(
            Paragraph::new(vec![
                Line::styled("How would you like to develop?", theme.heading()),
                Line::raw(format!(
                    "{on_sale} ILM coaching and mentoring qualifications on sale, Level 3 to Level 7."
                )),
            ])
            .wrap(Wrap { trim: true }),
            intro,
        );
        let lines: Vec<Line> = ENTRIES
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let chosen = i == self.selected;
                let marker = if chosen { ">" } else { " " };
                let text = format!("{marker} {}  {:<34} {}", e.key(), e.title(), e.short());
                Line::styled(
                    text,
                    if chosen {
                        theme.selected()
                    } else {
                        ratatui::style::Style::new()
                    },
                )
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), list);
        let mut about: Vec<Line> = Vec::new();
        for (label, text) in ENTRIES[self.selected].describe() {
            about.push(Line::from(vec![
                Span::styled(format!("{label}: "), theme.heading()),
                Span::raw(text),
            ]));
        }
        frame.render_widget(
            Paragraph::new(about)
                .wrap(Wrap { trim: true })
                .block(Block::bordered().title(format!(" {} ", ENTRIES[self.selected].title()))),
            detail,
        );
    }

    pub fn title(&self) -> String {
        "Home".to_string()
    }

    pub fn hints(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("↑↓", "choose"),
            ("Enter", "open"),
            ("1-4 c s u", "go straight there"),
            ("/", "search"),
        ]
    }

    pub fn help(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("↑↓ j k", "choose an entry"),
            ("Enter", "open it (a click on the chosen entry too)"),
            ("1 2 3 4", "open a development route directly"),
            ("c", "compare qualifications"),
            ("s", "search qualifications and units"),
            ("u", "upgrade planner"),
        ]
    }
}
