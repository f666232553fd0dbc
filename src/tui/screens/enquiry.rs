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

    /// The most characters the field takes as the advisor types or pastes
    /// (`bounds::enquiry`), so that no enquiry outgrows what can be read
    /// back.
    pub fn max_chars(self) -> usize {
        use crate::bounds::enquiry::*;
        match self {
            Field::Name => NAME_CHARS,
            Field::Email => EMAIL_CHARS,
            Field::Phone => PHONE_CHARS,
            Field::Organisation => ORGANISATION_CHARS,
            Field::Notes => NOTES_CHARS,
            Field::Role | Field::Interest => 0,
        }
    }
}

/// Editing state for the enquiry screen; the enquiry itself is the app's.
pub struct EnquiryForm {
    pub focus: usize,
    pub input: Input,
    /// Said under the fields: a limit reached, a paste cut short.
    pub note: Option<String>,
}

/// Pasted text as it goes into a one-line field: line breaks and tabs as
/// spaces (a Windows line end as one), characters that could act on a
/// terminal or hide themselves dropped.
pub fn pasted(text: &str) -> impl Iterator<Item = char> + '_ {
    let mut after_cr = false;
    text.chars().filter_map(move |c| {
        let was_cr = std::mem::replace(&mut after_cr, c == '\r');
        match c {
            '\n' if was_cr => None,
            '\n' | '\r' | '\t' => Some(' '),
            c if crate::text::hazard(c).is_some() => None,
            c => Some(c),
        }
    })
}

impl EnquiryForm {
    pub fn new(e: &Enquiry) -> EnquiryForm {
        let mut form = EnquiryForm {
            focus: 0,
            input: Input::default(),
            note: None,
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
            self.note = None;
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
            Action::Char(_) if self.input.value().chars().count() >= self.field().max_chars() => {
                self.note = Some(self.limit_note());
                return (Nav::Handled, false);
            }
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
            self.note = None;
            self.store(e);
        }
        (Nav::Handled, changed)
    }

    fn limit_note(&self) -> String {
        format!(
            "{} takes at most {} characters.",
            self.field().label(),
            crate::text::thousands(self.field().max_chars() as u64)
        )
    }

    /// Pastes `text` at the cursor as one edit, cut to the field's limit;
    /// returns whether the enquiry changed.
    pub fn paste(&mut self, text: &str, e: &mut Enquiry) -> bool {
        if !self.field().is_text() {
            return false;
        }
        let value: Vec<char> = self.input.value().chars().collect();
        let room = self.field().max_chars().saturating_sub(value.len());
        let mut incoming = pasted(text);
        let taken: Vec<char> = incoming.by_ref().take(room).collect();
        let cut = incoming.next().is_some();
        self.note = cut.then(|| {
            format!(
                "Pasted the first {} characters; {}",
                crate::text::thousands(taken.len() as u64),
                self.limit_note()
            )
        });
        if taken.is_empty() {
            return false;
        }
        let at = self.input.cursor().min(value.len());
        let joined: String = value[..at]
            .iter()
            .chain(&taken)
            .chain(&value[at..])
            .collect();
        self.input = Input::new(joined).with_cursor(at + taken.len());
        self.store(e);
        true
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
        lines.push(match &self.note {
            Some(note) => Line::styled(note.clone(), theme.bad()),
            None => Line::styled(status.to_string(), theme.dim()),
        });
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
