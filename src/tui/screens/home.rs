//! Home: the four development routes, each in one sentence with who it
//! suits, and direct entries to Compare, Search and Upgrade.

use super::{
    Component, Screen, compare::Compare, cycle, search::Search, upgrade::Upgrade, wizard::Wizard,
};
use crate::planner::DevelopmentRoute;
use crate::tui::ctx::Ctx;
use crate::tui::effect::{Event, Outcome};
use crate::tui::keys::{Binding, Key, KeyGroup, bind};
use crate::tui::widgets::{FilterList, ListEvent, Look, ScrollPane, scroll, target};
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

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Entries,
    About,
}

#[derive(Debug)]
pub struct Home {
    pub list: FilterList,
    pub about: ScrollPane,
    pub focus: Focus,
}

impl Default for Home {
    fn default() -> Home {
        Home {
            list: FilterList::new(ENTRIES.len()),
            about: ScrollPane::default(),
            focus: Focus::Entries,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Do {
    Open,
    Go(usize),
    Pane(bool),
}

/// Home's keys: the entries' own keys follow ENTRIES, in order.
const KEYS: &[Binding<Home, Do>] = &[
    bind(
        "home.open",
        Do::Open,
        &[Key::Enter],
        "open",
        "open the chosen entry (a click on it too)",
    ),
    bind(
        "home.route_1",
        Do::Go(0),
        &[Key::Char('1')],
        "",
        "route 1: update your knowledge",
    ),
    bind(
        "home.route_2",
        Do::Go(1),
        &[Key::Char('2')],
        "",
        "route 2: a unit certificate",
    ),
    bind(
        "home.route_3",
        Do::Go(2),
        &[Key::Char('3')],
        "",
        "route 3: a full qualification",
    ),
    bind(
        "home.route_4",
        Do::Go(3),
        &[Key::Char('4')],
        "",
        "route 4: upgrade a qualification you hold",
    ),
    bind(
        "home.compare",
        Do::Go(4),
        &[Key::Char('c')],
        "",
        "compare qualifications",
    ),
    bind(
        "home.search",
        Do::Go(5),
        &[Key::Char('s')],
        "",
        "search qualifications and units",
    ),
    bind(
        "home.upgrade",
        Do::Go(6),
        &[Key::Char('u')],
        "",
        "upgrade planner",
    ),
    bind(
        "home.next_pane",
        Do::Pane(true),
        &[Key::Tab],
        "",
        "between the entries and the description",
    ),
    bind(
        "home.previous_pane",
        Do::Pane(false),
        &[Key::BackTab],
        "",
        "the same, backwards",
    ),
];

impl Entry {
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
    fn chosen(&self) -> Entry {
        ENTRIES[self.list.selected().unwrap_or(0)]
    }

    fn key(&mut self, key: Key, ctx: &Ctx) -> Outcome {
        let on = target(
            key,
            &mut self.focus,
            &[(Focus::About, &self.about), (Focus::Entries, &self.list)],
        );
        match on {
            Focus::About => {
                if self.about.update(key, &ctx.keymap, false) || key.position().is_some() {
                    return Outcome::done();
                }
            }
            Focus::Entries => match self.list.update(key, &ctx.keymap) {
                ListEvent::Open => return Outcome::open(self.chosen().open(ctx)),
                ListEvent::Moved | ListEvent::Filtered => {
                    self.about.reset();
                    return Outcome::done();
                }
                ListEvent::Unused => {}
            },
        }
        match ctx.keymap.action(KEYS, self, key, false) {
            Some(Do::Open) => Outcome::open(self.chosen().open(ctx)),
            Some(Do::Go(i)) => Outcome::open(ENTRIES[i].open(ctx)),
            Some(Do::Pane(forward)) => {
                self.focus = cycle(self.focus, &[Focus::Entries, Focus::About], forward);
                Outcome::done()
            }
            None => Outcome::Ignored,
        }
    }
}

impl Component for Home {
    fn title(&self) -> String {
        "Home".to_string()
    }

    fn update(&mut self, event: Event, ctx: &Ctx) -> Outcome {
        match event {
            Event::Key(key) => self.key(key, ctx),
            _ => Outcome::Ignored,
        }
    }

    fn view(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
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
        // Each entry shows the key bound to it now.
        let key_of = |i: usize| {
            ctx.keymap
                .keys(&KEYS[i + 1])
                .first()
                .map_or(String::new(), |k| k.label())
        };
        self.list.render(
            frame,
            list,
            Block::new(),
            None,
            Look {
                focused: self.focus == Focus::Entries,
                theme,
            },
            |i, chosen| {
                let e = ENTRIES[i];
                let marker = if chosen { ">" } else { " " };
                Line::styled(
                    format!("{marker} {}  {:<34} {}", key_of(i), e.title(), e.short()),
                    if chosen {
                        theme.selected()
                    } else {
                        ratatui::style::Style::new()
                    },
                )
            },
        );
        let mut about: Vec<Line> = Vec::new();
        for (label, text) in self.chosen().describe() {
            about.push(Line::from(vec![
                Span::styled(format!("{label}: "), theme.heading()),
                Span::raw(text),
            ]));
        }
        self.about.render(
            frame,
            detail,
            Block::bordered().title(format!(" {} ", self.chosen().title())),
            &about,
            self.focus == Focus::About,
            theme,
        );
    }

    fn keys(&self, ctx: &Ctx) -> Vec<KeyGroup> {
        let widget = match self.focus {
            Focus::Entries => self.list.keys(&ctx.keymap, "In the list"),
            Focus::About => scroll::keys(&ctx.keymap, "In the description", false),
        };
        vec![widget, ctx.keymap.group("On Home", KEYS, self, false)]
    }

    fn typing(&self) -> bool {
        false
    }
}

/// This table's actions by name, for checking a keymap.
pub fn key_names() -> Vec<(&'static str, &'static [Key])> {
    crate::tui::keys::names(KEYS)
}
