//! Units and search: fuzzy search as you type over qualifications and
//! units, matched letters highlighted; Enter opens the detail (a unit's
//! learning outcomes and assessment criteria).

use super::{ListClick, Nav, Screen, click_list, clicked, detail::Detail, first_visible, moved};
use crate::planner::{HitKind, SearchHit, SearchResults};
use crate::tui::app::Ctx;
use crate::tui::keys::Action;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

/// The most hits a search lists; the status line says how many matched.
pub const LIMIT: usize = 500;

#[derive(Default)]
pub struct Search {
    pub query: String,
    pub selected: usize,
    /// The best hits for `shown_query`.
    pub hits: Vec<SearchHit>,
    /// How many matched in all.
    pub total: usize,
    /// The query the hits are for; behind `query` while a search runs.
    shown_query: String,
    /// A query typed but not yet sent to be searched.
    request: Option<String>,
}

fn areas(area: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(1),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// Results list inside its border.
fn list_inner(area: Rect) -> Rect {
    let [_, list, _] = areas(area);
    Block::bordered().inner(list)
}

impl Search {
    fn set_query(&mut self, query: String) {
        self.request = Some(query.clone());
        self.query = query;
    }

    /// The query to search for, once per change.
    pub fn take_request(&mut self) -> Option<String> {
        self.request.take()
    }

    /// Results for `query`; those for a query since changed are dropped.
    pub fn found(&mut self, query: &str, results: SearchResults) {
        if query != self.query {
            return;
        }
        self.hits = results.hits;
        self.total = results.total;
        self.shown_query = query.to_string();
        self.selected = 0;
    }

    fn searching(&self) -> bool {
        self.shown_query != self.query
    }

    fn open(&self, ctx: &Ctx) -> Nav {
        match self.hits.get(self.selected) {
            Some(h) if h.kind == HitKind::Qualification => {
                Nav::push(Screen::Detail(Detail::qualification(ctx, &h.key)))
            }
            Some(h) => Nav::push(Screen::Detail(Detail::unit(ctx, &h.key))),
            None => Nav::Handled,
        }
    }

    pub fn handle(&mut self, action: Action, ctx: &Ctx, area: Rect) -> Nav {
        let inner = list_inner(area);
        if let Some(i) = moved(
            self.selected,
            self.hits.len(),
            action,
            usize::from(inner.height),
        ) {
            self.selected = i;
            return Nav::Handled;
        }
        match action {
            // A query is at most `bounds::QUERY_CHARS` long.
            Action::Char(_) if self.query.chars().count() >= crate::bounds::QUERY_CHARS => {
                Nav::Handled
            }
            Action::Char(c) => {
                let mut q = self.query.clone();
                q.push(c);
                self.set_query(q);
                Nav::Handled
            }
            Action::Backspace => {
                let mut q = self.query.clone();
                q.pop();
                self.set_query(q);
                Nav::Handled
            }
            Action::Enter => self.open(ctx),
            Action::Click { row, .. } => {
                let first =
                    first_visible(self.selected, self.hits.len(), usize::from(inner.height));
                match click_list(
                    &mut self.selected,
                    clicked(row, inner.y, inner.height, first, self.hits.len()),
                ) {
                    ListClick::Open => self.open(ctx),
                    ListClick::Selected | ListClick::Missed => Nav::Handled,
                }
            }
            _ => Nav::Stay,
        }
    }

    pub fn view(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        let [input, list, status] = areas(area);
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::raw(self.query.clone()),
                Span::styled("_", theme.key()),
            ]))
            .block(Block::bordered().title(" Search: ids, codes, titles, learning outcomes ")),
            input,
        );
        let inner = list_inner(area);
        let first = first_visible(self.selected, self.hits.len(), usize::from(inner.height));
        let lines: Vec<Line> = self
            .hits
            .iter()
            .enumerate()
            .skip(first)
            .take(usize::from(inner.height))
            .map(|(i, h)| hit_line(theme, h, i == self.selected))
            .collect();
        frame.render_widget(
            Paragraph::new(lines).block(Block::bordered().title(" Results ")),
            list,
        );
        let text = if self.query.trim().is_empty() {
            "Type to search, e.g. \"l5 dip\", \"reflecting mentoring\" or \"8578-302\".".to_string()
        } else if self.searching() {
            "Searching…".to_string()
        } else if self.hits.is_empty() {
            format!(
                "Nothing matches \"{}\": try fewer or shorter words.",
                self.query
            )
        } else {
            let detail = self
                .hits
                .get(self.selected)
                .and_then(|h| h.matched_outcome.clone());
            let count = if self.total > self.hits.len() {
                format!(
                    "{} results, the best {} listed",
                    self.total,
                    self.hits.len()
                )
            } else {
                format!("{} results", self.total)
            };
            match detail {
                Some(o) => format!("{count}; matched in an outcome: {o}"),
                None => format!("{count}; Enter opens the selected one."),
            }
        };
        frame.render_widget(Paragraph::new(Line::styled(text, theme.dim())), status);
    }

    pub fn title(&self) -> String {
        "Search".to_string()
    }

    pub fn hints(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("type", "search"),
            ("↑↓", "choose"),
            ("Enter", "open"),
            ("Esc", "back"),
        ]
    }

    pub fn help(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("letters", "type the search; every word must match"),
            ("Backspace", "delete a letter"),
            ("↑↓ PgUp PgDn", "choose a result"),
            ("Enter", "open it: a unit shows its learning outcomes"),
            ("Esc", "back"),
        ]
    }
}

/// "Q l5-dip-cm  ILM Level 5 Diploma ..." with the matched letters marked.
fn hit_line(theme: Theme, h: &SearchHit, selected: bool) -> Line<'static> {
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
        &format!("{:<14}", h.key),
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
