//! Enquiries: every saved enquiry, newest first, searchable by name,
//! organisation and notes; Enter reopens one, Delete removes one after a
//! confirmation.

use super::{first_visible, moved};
use crate::enquiry::{Enquiry, LoadReport};
use crate::tui::app::Ctx;
use crate::tui::keys::Action;
use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// What the list asks the app to do.
pub enum Request {
    None,
    Unhandled,
    Open(String),
    Delete(String),
}

pub struct Enquiries {
    pub all: Vec<Enquiry>,
    /// Files set aside on loading, reported once.
    pub set_aside: Vec<String>,
    pub query: String,
    pub selected: usize,
    /// Waiting for Enter to confirm deleting the selected enquiry.
    pub confirm: bool,
}

impl Enquiries {
    pub fn new(report: LoadReport) -> Enquiries {
        Enquiries {
            all: report.enquiries,
            set_aside: report.set_aside.iter().map(|s| s.to_string()).collect(),
            query: String::new(),
            selected: 0,
            confirm: false,
        }
    }

    /// The enquiries matching the search, best first (newest first without one).
    pub fn shown(&self) -> Vec<&Enquiry> {
        if self.query.trim().is_empty() {
            return self.all.iter().collect();
        }
        let matcher = SkimMatcherV2::default().ignore_case();
        let mut scored: Vec<(i64, &Enquiry)> = self
            .all
            .iter()
            .filter_map(|e| {
                let hay = format!(
                    "{} {} {} {}",
                    e.caller.name, e.caller.organisation, e.notes, e.id
                );
                matcher.fuzzy_match(&hay, self.query.trim()).map(|s| (s, e))
            })
            .collect();
        scored.sort_by_key(|s| std::cmp::Reverse(s.0));
        scored.into_iter().map(|(_, e)| e).collect()
    }

    pub fn handle(&mut self, action: Action) -> Request {
        let shown_len = self.shown().len();
        if self.confirm {
            self.confirm = false;
            return match action {
                Action::Enter => self
                    .shown()
                    .get(self.selected)
                    .map_or(Request::None, |e| Request::Delete(e.id.clone())),
                _ => Request::None,
            };
        }
        if let Some(i) = moved(self.selected, shown_len, action, 10) {
            self.selected = i;
            return Request::None;
        }
        match action {
            Action::Enter => self
                .shown()
                .get(self.selected)
                .map_or(Request::None, |e| Request::Open(e.id.clone())),
            Action::Delete if shown_len > 0 => {
                self.confirm = true;
                Request::None
            }
            Action::Char(c) => {
                if self.query.chars().count() < crate::bounds::QUERY_CHARS {
                    self.query.push(c);
                    self.selected = 0;
                }
                Request::None
            }
            Action::Backspace => {
                self.query.pop();
                self.selected = 0;
                Request::None
            }
            _ => Request::Unhandled,
        }
    }

    pub fn view(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        let [search, list, status] = Layout::vertical([
            Constraint::Length(3),
            Constraint::Min(3),
            Constraint::Length(2),
        ])
        .areas(area);
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::raw(self.query.clone()),
                Span::styled("_", theme.key()),
            ]))
            .block(Block::bordered().title(" Search by name, organisation or notes ")),
            search,
        );
        let shown = self.shown();
        let height = usize::from(list.height.saturating_sub(2));
        let first = first_visible(self.selected, shown.len(), height);
        let mut lines: Vec<Line> = shown
            .iter()
            .enumerate()
            .skip(first)
            .take(height)
            .map(|(i, e)| {
                let chosen = i == self.selected;
                let what = e
                    .chosen
                    .clone()
                    .or(e.upgrade.as_ref().map(|u| u.to.clone()))
                    .unwrap_or_default();
                Line::styled(
                    format!(
                        "{} {}  {:<30} {}",
                        if chosen { ">" } else { " " },
                        e.updated.format("%Y-%m-%d %H:%M"),
                        e.label(),
                        what
                    ),
                    if chosen {
                        theme.selected()
                    } else {
                        Style::new()
                    },
                )
            })
            .collect();
        if shown.is_empty() {
            lines.push(Line::raw(if self.all.is_empty() {
                "No enquiries yet: n starts one."
            } else {
                "No enquiry matches the search."
            }));
        }
        frame.render_widget(
            Paragraph::new(lines).block(Block::bordered().title(format!(
                " {} {}, newest first ",
                self.all.len(),
                if self.all.len() == 1 {
                    "enquiry"
                } else {
                    "enquiries"
                }
            ))),
            list,
        );
        let text = if self.confirm {
            "Delete this enquiry for good? Enter deletes it; any other key keeps it.".to_string()
        } else if let Some(s) = self.set_aside.first() {
            s.clone()
        } else {
            "Enter reopens the enquiry; Delete removes it (after a confirmation).".to_string()
        };
        let style = if self.confirm || !self.set_aside.is_empty() {
            theme.bad()
        } else {
            theme.dim()
        };
        frame.render_widget(
            Paragraph::new(Line::styled(text, style)).wrap(Wrap { trim: true }),
            status,
        );
    }

    pub fn hints(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("type", "search"),
            ("Enter", "reopen"),
            ("Del", "delete"),
            ("Esc", "back"),
        ]
    }

    pub fn help(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("letters", "search by name, organisation or notes"),
            ("↑↓", "choose an enquiry"),
            ("Enter", "reopen it as the active enquiry"),
            ("Delete", "delete it (Enter confirms)"),
            ("Esc", "back"),
        ]
    }
}
