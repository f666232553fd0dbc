//! The active enquiry: the caller's details and notes, edited in place with
//! the editing keys people expect, saved as the advisor types.

use super::Nav;
use crate::enquiry::Enquiry;
use crate::planner::{Interest, Role};
use crate::tui::app::Ctx;
use crate::tui::keys::Action;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
use tui_input::{Input, InputRequest};

/// The fields, top to bottom.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Name,
    Email,
    Phone,
    Organisation,
    Role,
    Interest,
    Notes,
}

pub const FIELDS: [Field; 7] = [
    Field::Name,
    Field::Email,
    Field::Phone,
    Field::Organisation,
    Field::Role,
    Field::Interest,
    Field::Notes,
];

impl Field {
    fn label(self) -> &'static str {
        match self {
            Field::Name => "Caller",
            Field::Email => "Email",
            Field::Phone => "Phone",
            Field::Organisation => "Organisation",
            Field::Role => "Role",
            Field::Interest => "Interest",
            Field::Notes => "Notes",
        }
    }

    fn is_text(self) -> bool {
        !matches!(self, Field::Role | Field::Interest)
    }
}

/// Editing state for the enquiry screen; the enquiry itself is the app's.
pub struct EnquiryForm {
    pub focus: usize,
    pub input: Input,
}

impl EnquiryForm {
    pub fn new(e: &Enquiry) -> EnquiryForm {
        let mut form = EnquiryForm {
            focus: 0,
            input: Input::default(),
        };
        form.load(e);
        form
    }

    pub fn field(&self) -> Field {
        FIELDS[self.focus]
    }

    pub fn text_mode(&self) -> bool {
        self.field().is_text()
    }

    fn value(e: &Enquiry, f: Field) -> String {
        match f {
            Field::Name => e.caller.name.clone(),
            Field::Email => e.caller.email.clone(),
            Field::Phone => e.caller.phone.clone(),
            Field::Organisation => e.caller.organisation.clone(),
            Field::Notes => e.notes.clone(),
            Field::Role => e.role.map_or("not given".into(), |r| r.to_string()),
            Field::Interest => e.interest.map_or("not given".into(), |i| i.to_string()),
        }
    }

    fn load(&mut self, e: &Enquiry) {
        self.input = Input::new(Self::value(e, self.field()));
    }

    fn store(&self, e: &mut Enquiry) {
        let v = self.input.value().to_string();
        match self.field() {
            Field::Name => e.caller.name = v,
            Field::Email => e.caller.email = v,
            Field::Phone => e.caller.phone = v,
            Field::Organisation => e.caller.organisation = v,
            Field::Notes => e.notes = v,
            Field::Role | Field::Interest => {}
        }
    }

    /// Handles an action against the active enquiry; returns whether the
    /// enquiry changed (and so needs saving).
    pub fn handle(&mut self, action: Action, e: &mut Enquiry) -> (Nav, bool) {
        let moved = match action {
            Action::Up | Action::PrevPane => Some(self.focus.saturating_sub(1)),
            Action::Down | Action::NextPane | Action::Enter => {
                Some((self.focus + 1).min(FIELDS.len() - 1))
            }
            _ => None,
        };
        if let Some(f) = moved {
            self.focus = f;
            self.load(e);
            return (Nav::Handled, false);
        }
        if !self.field().is_text() {
            let mut step = |forward: bool| -> bool {
                match self.field() {
                    Field::Role => e.role = cycle(e.role, &Role::ALL, forward),
                    Field::Interest => {
                        e.interest = cycle(
                            e.interest,
                            &[Interest::Coaching, Interest::Mentoring, Interest::Both],
                            forward,
                        )
                    }
                    _ => {}
                }
                true
            };
            return match action {
                Action::Right | Action::Toggle => (Nav::Handled, step(true)),
                Action::Left => (Nav::Handled, step(false)),
                _ => (Nav::Stay, false),
            };
        }
        let request = match action {
            Action::Char(c) => InputRequest::InsertChar(c),
            Action::Left => InputRequest::GoToPrevChar,
            Action::Right => InputRequest::GoToNextChar,
            Action::First => InputRequest::GoToStart,
            Action::Last => InputRequest::GoToEnd,
            Action::Backspace => InputRequest::DeletePrevChar,
            Action::Delete => InputRequest::DeleteNextChar,
            Action::DeleteWord => InputRequest::DeletePrevWord,
            Action::DeleteToStart => InputRequest::DeleteFromStart,
            _ => return (Nav::Stay, false),
        };
        let changed = self.input.handle(request).is_some_and(|c| c.value);
        if changed {
            self.store(e);
        }
        (Nav::Handled, changed)
    }

    pub fn view(&self, frame: &mut Frame, area: Rect, ctx: &Ctx, e: &Enquiry, status: &str) {
        let theme = ctx.theme;
        let [form, summary] = Layout::vertical([
            Constraint::Length(FIELDS.len() as u16 + 4),
            Constraint::Min(3),
        ])
        .areas(area);
        let width = usize::from(form.width.saturating_sub(18));
        let mut lines = Vec::new();
        for (i, f) in FIELDS.iter().enumerate() {
            let chosen = i == self.focus;
            let label = Span::styled(
                format!("{}{:<14}", if chosen { ">" } else { " " }, f.label()),
                if chosen {
                    theme.selected()
                } else {
                    theme.heading()
                },
            );
            let value = if chosen && f.is_text() {
                let scroll = self.input.visual_scroll(width);
                let text: String = self.input.value().chars().skip(scroll).collect();
                let cursor = self.input.visual_cursor().saturating_sub(scroll);
                let before: String = text.chars().take(cursor).collect();
                let at: String = text.chars().skip(cursor).take(1).collect();
                let after: String = text.chars().skip(cursor + 1).collect();
                vec![
                    Span::raw(format!(" {before}")),
                    Span::styled(
                        if at.is_empty() { " ".to_string() } else { at },
                        theme.selected(),
                    ),
                    Span::raw(after),
                ]
            } else if !f.is_text() {
                vec![Span::raw(format!(" ‹ {} ›", Self::value(e, *f)))]
            } else {
                vec![Span::raw(format!(" {}", Self::value(e, *f)))]
            };
            let mut spans = vec![label];
            spans.extend(value);
            lines.push(Line::from(spans));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(status.to_string(), theme.dim()));
        frame.render_widget(
            Paragraph::new(lines).block(Block::bordered().title(format!(" Enquiry {} ", e.id))),
            form,
        );
        let mut s = vec![Line::styled("Captured as you work", theme.heading())];
        for (label, value) in e.captured() {
            if !value.is_empty() {
                s.push(Line::from(vec![
                    Span::styled(format!("{label:<14}"), theme.heading()),
                    Span::raw(value),
                ]));
            }
        }
        s.push(Line::styled(
            "a adds what is on screen to the shortlist; plans and upgrades you open are recorded; F3 writes the quote.",
            Style::new(),
        ));
        frame.render_widget(
            Paragraph::new(s)
                .wrap(Wrap { trim: true })
                .block(Block::bordered()),
            summary,
        );
    }

    pub fn hints(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("↑↓ Tab", "field"),
            ("type", "edit"),
            ("←→", "cursor or choice"),
            ("Esc", "back"),
        ]
    }

    pub fn help(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("↑↓ Tab Enter", "next or previous field"),
            ("← → Home End", "move the cursor (or change a choice)"),
            ("Backspace Del", "delete a character"),
            ("Ctrl-W", "delete the word before the cursor"),
            ("Ctrl-U", "delete to the start of the field"),
            ("paste", "paste text into the field"),
            ("F3", "write the quote (Markdown) into the quotes folder"),
            ("Esc", "back; everything is saved as you type"),
        ]
    }
}

fn cycle<T: Copy + PartialEq>(current: Option<T>, all: &[T], forward: bool) -> Option<T> {
    let pos = current.and_then(|c| all.iter().position(|x| *x == c));
    match (pos, forward) {
        (None, true) => all.first().copied(),
        (None, false) => all.last().copied(),
        (Some(i), true) => all.get(i + 1).copied(),
        (Some(0), false) => None,
        (Some(i), false) => all.get(i - 1).copied(),
    }
}
