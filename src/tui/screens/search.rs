//! Units and search: fuzzy search as you type over qualifications and
//! units, matched letters highlighted, and a preview of the chosen result
//! (its figures, where it is used, its outcomes); Enter opens its detail.

use super::{Component, Screen, cycle, detail::Detail};
use crate::planner::{HitKind, SearchHit, SearchResults};
use crate::tui::ctx::Ctx;
use crate::tui::effect::{Effect, Event, Outcome};
use crate::tui::keys::{Binding, Key, KeyGroup, bind};
use crate::tui::theme::Theme;
use crate::tui::widgets::{
    Edit, FilterList, ListEvent, Look, TextField, scroll, target, text_field,
};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// The most hits a search lists; the status line says how many matched.
pub const LIMIT: usize = 500;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Results,
    Preview,
}

#[derive(Debug)]
pub struct Search {
    pub query: TextField,
    /// The best hits for `shown_query`, and the cursor over them.
    pub hits: Vec<SearchHit>,
    pub list: FilterList,
    /// How many matched in all.
    pub total: usize,
    /// The chosen hit, as its detail shows it.
    pub preview: Option<Detail>,
    pub focus: Focus,
    /// The query the hits are for; behind the query while a search runs.
    shown_query: String,
}

impl Default for Search {
    fn default() -> Search {
        Search {
            query: TextField::new("", crate::bounds::QUERY_CHARS),
            hits: Vec::new(),
            list: FilterList::new(0),
            total: 0,
            preview: None,
            focus: Focus::Results,
            shown_query: String::new(),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Do {
    Open,
    Pane(bool),
}

const KEYS: &[Binding<Search, Do>] = &[
    bind(
        "search.open",
        Do::Open,
        &[Key::Enter],
        "open",
        "open the chosen result: a unit shows its learning outcomes",
    ),
    bind(
        "search.preview",
        Do::Pane(true),
        &[Key::Tab],
        "preview",
        "between the results and the preview (↑↓ then scroll it)",
    )
    .when(|s| s.focus == Focus::Results),
    bind(
        "search.results",
        Do::Pane(false),
        &[Key::Tab, Key::BackTab],
        "results",
        "back to the results",
    )
    .when(|s| s.focus == Focus::Preview),
];

impl Search {
    /// Results for `query`; those for a query since changed are dropped.
    fn found(&mut self, query: &str, results: SearchResults, ctx: &Ctx) {
        if query != self.query.value() {
            return;
        }
        self.hits = results.hits;
        self.total = results.total;
        self.shown_query = query.to_string();
        self.list = FilterList::new(self.hits.len());
        self.show_preview(ctx);
    }

    fn searching(&self) -> bool {
        self.shown_query != self.query.value()
    }

    fn selected(&self) -> Option<&SearchHit> {
        self.list.selected().and_then(|i| self.hits.get(i))
    }

    fn detail(&self, ctx: &Ctx) -> Option<Detail> {
        self.selected().map(|h| match h.kind {
            HitKind::Qualification => Detail::qualification(ctx, &h.key),
            HitKind::Unit => Detail::unit(ctx, &h.key),
        })
    }

    fn show_preview(&mut self, ctx: &Ctx) {
        self.preview = self.detail(ctx);
    }

    /// The query changed: ask for its results.
    fn searched(&self) -> Outcome {
        Outcome::with(Effect::Search(self.query.value().to_string()))
    }

    fn key(&mut self, key: Key, ctx: &Ctx) -> Outcome {
        match self.query.update(key, &ctx.keymap) {
            Edit::Changed => return self.searched(),
            Edit::Moved | Edit::Full => return Outcome::done(),
            Edit::Unused => {}
        }
        let preview = self.preview.as_ref().map(|d| &d.pane);
        let on = match preview {
            Some(p) => target(
                key,
                &mut self.focus,
                &[(Focus::Results, &self.list), (Focus::Preview, p)],
            ),
            None => Focus::Results,
        };
        match on {
            Focus::Preview => {
                if let Some(d) = self.preview.as_mut()
                    && (d.pane.update(key, &ctx.keymap, true) || key.position().is_some())
                {
                    return Outcome::done();
                }
            }
            Focus::Results => match self.list.update(key, &ctx.keymap) {
                ListEvent::Open => return self.open(ctx),
                ListEvent::Moved | ListEvent::Filtered => {
                    self.show_preview(ctx);
                    return Outcome::done();
                }
                ListEvent::Unused => {}
            },
        }
        match ctx.keymap.action(KEYS, self, key, true) {
            Some(Do::Open) => self.open(ctx),
            Some(Do::Pane(forward)) => {
                self.focus = cycle(self.focus, &[Focus::Results, Focus::Preview], forward);
                Outcome::done()
            }
            None => Outcome::Ignored,
        }
    }

    fn open(&self, ctx: &Ctx) -> Outcome {
        match self.detail(ctx) {
            Some(d) => Outcome::open(Screen::Detail(d)),
            None => Outcome::done(),
        }
    }

    fn status(&self) -> String {
        if self.query.value().trim().is_empty() {
            "Type to search, e.g. \"l5 dip\", \"reflecting mentoring\" or \"8578-302\".".to_string()
        } else if self.searching() {
            "Searching…".to_string()
        } else if self.hits.is_empty() {
            format!(
                "Nothing matches \"{}\": try fewer or shorter words.",
                self.query.value()
            )
        } else {
            let count = if self.total > self.hits.len() {
                format!(
                    "{} results, the best {} listed",
                    self.total,
                    self.hits.len()
                )
            } else {
                format!("{} results", self.total)
            };
            match self.selected().and_then(|h| h.matched_outcome.clone()) {
                Some(o) => format!("{count}; matched in an outcome: {o}"),
                None => format!("{count}; Enter opens the selected one."),
            }
        }
    }
}

impl Component for Search {
    fn title(&self) -> String {
        "Search".to_string()
    }

    fn update(&mut self, event: Event, ctx: &Ctx) -> Outcome {
        match event {
            Event::Key(key) => self.key(key, ctx),
            Event::Paste(text) => {
                let before = self.query.value().to_string();
                self.query.paste(&text);
                if self.query.value() == before {
                    Outcome::done()
                } else {
                    self.searched()
                }
            }
            Event::Found(query, results) => {
                self.found(&query, results, ctx);
                Outcome::done()
            }
            _ => Outcome::Ignored,
        }
    }

    fn view(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        let [input, main, status] = Layout::vertical([
            Constraint::Length(3),
            Constraint::Min(2),
            Constraint::Length(1),
        ])
        .areas(area);
        let field = Block::bordered().title(" Search: ids, codes, titles, learning outcomes ");
        let width = usize::from(field.inner(input).width);
        frame.render_widget(
            Paragraph::new(Line::from(self.query.spans(width, true, theme))).block(field),
            input,
        );
        // Wide terminals show the preview beside the results, others below.
        let [list, preview] = if main.width >= 120 {
            Layout::horizontal([Constraint::Percentage(50), Constraint::Percentage(50)]).areas(main)
        } else {
            Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(main)
        };
        let key_width = self
            .hits
            .iter()
            .map(|h| h.key.chars().count())
            .max()
            .unwrap_or(0)
            .min(24);
        self.list.render(
            frame,
            list,
            Block::bordered().title(" Results "),
            None,
            Look {
                focused: self.focus == Focus::Results,
                theme,
            },
            |i, chosen| hit_line(theme, &self.hits[i], key_width, chosen),
        );
        match &self.preview {
            Some(d) => d.render(frame, preview, ctx, self.focus == Focus::Preview),
            None => frame.render_widget(Block::bordered().title(" Preview "), preview),
        }
        frame.render_widget(
            Paragraph::new(Line::styled(self.status(), theme.quiet())),
            status,
        );
    }

    fn keys(&self, ctx: &Ctx) -> Vec<KeyGroup> {
        let k = &ctx.keymap;
        let pane = match self.focus {
            Focus::Results => self.list.keys(k, "In the results"),
            Focus::Preview => scroll::keys(k, "In the preview", true),
        };
        vec![
            text_field::keys(k, "In the search box"),
            pane,
            k.group("On Search", KEYS, self, true),
        ]
    }

    /// The search box always has the focus: letters are the query.
    fn typing(&self) -> bool {
        true
    }
}

/// "unit  8577-307  Reflecting on ..." with the matched letters marked.
/// A result: its kind, its id or code in a column `key_width` wide (the
/// longest among the results, so the titles line up), and its title.
fn hit_line(theme: Theme, h: &SearchHit, key_width: usize, selected: bool) -> Line<'static> {
    let base = if selected {
        theme.selected()
    } else {
        Style::new()
    };
    let kind = match h.kind {
        HitKind::Qualification => "qualification",
        HitKind::Unit => "unit",
    };
    let mut spans = vec![Span::styled(
        format!("{} {kind:<13} ", if selected { ">" } else { " " }),
        base,
    )];
    spans.extend(highlight(
        &format!("{:<key_width$}", h.key),
        &h.key_positions,
        base,
        theme,
    ));
    spans.push(Span::styled(" ", base));
    spans.extend(highlight(&h.title, &h.title_positions, base, theme));
    Line::from(spans)
}

fn highlight(text: &str, positions: &[usize], base: Style, theme: Theme) -> Vec<Span<'static>> {
    text.chars()
        .enumerate()
        .map(|(i, ch)| {
            let style = if positions.contains(&i) {
                base.patch(theme.matched())
            } else {
                base
            };
            Span::styled(ch.to_string(), style)
        })
        .collect()
}

/// This table's actions by name, for checking a keymap.
pub fn key_names() -> Vec<(&'static str, &'static [Key])> {
    crate::tui::keys::names(KEYS)
}
