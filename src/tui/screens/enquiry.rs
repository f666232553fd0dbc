//! The active enquiry: the caller's details and notes, edited in place with
//! the editing keys people expect, saved as the advisor types. The notes
//! take several lines (Enter starts one; Tab and Shift-Tab leave them).

use super::plan::Plan;
use super::upgrade::Upgrade;
use super::{Component, Screen};
use crate::enquiry::Enquiry;
use crate::planner::{Interest, Role};
use crate::tui::ctx::Ctx;
use crate::tui::effect::{Effect, Event, Outcome, Record};
use crate::tui::keys::{Binding, Key, KeyGroup, MOTION, Motion, bind};
use crate::tui::widgets::{Edit, ScrollPane, TextArea, TextField, scroll, text_area, text_field};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

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

/// Where the notes are in `FIELDS`: last, below the one-line fields.
const NOTES: usize = 6;

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

/// Editing state for the enquiry screen; the enquiry itself is in the
/// context, changed by the app from the records this form returns.
#[derive(Debug)]
pub struct EnquiryForm {
    /// The field chosen (an index into `FIELDS`).
    pub focus: usize,
    /// The chosen one-line field, as being edited.
    pub input: TextField,
    /// The notes, shown whichever field is chosen and edited when they
    /// are.
    pub notes: TextArea,
    /// Said under the fields: a limit reached, a paste cut short.
    pub note: Option<String>,
    /// What the call has captured so far (PgUp and PgDn scroll it).
    pub summary: ScrollPane,
    /// The enquiry records a qualification chosen: F6 goes back into its
    /// Plan & pay.
    pub can_plan: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Do {
    Next,
    Previous,
    Change(bool),
    Plan,
}

fn on_choice(f: &EnquiryForm) -> bool {
    !f.field().is_text()
}

const KEYS: &[Binding<EnquiryForm, Do>] = &[
    bind(
        "enquiry.next_field",
        Do::Next,
        &[Key::Tab, Key::Enter],
        "next field",
        "the next field (↓ too)",
    ),
    bind(
        "enquiry.previous_field",
        Do::Previous,
        &[Key::BackTab],
        "",
        "the previous field (↑ too)",
    ),
    bind(
        "enquiry.previous_choice",
        Do::Change(false),
        &[Key::Left, Key::Char('h')],
        "change",
        "the previous choice",
    )
    .when(on_choice),
    bind(
        "enquiry.next_choice",
        Do::Change(true),
        &[Key::Right, Key::Char('l'), Key::Char(' ')],
        "change",
        "the next choice",
    )
    .when(on_choice),
    bind(
        "enquiry.plan",
        Do::Plan,
        &[Key::F(6)],
        "plan & pay",
        "back into Plan & pay (and the upgrade) with the choices recorded",
    )
    .when(|f| f.can_plan),
];

impl EnquiryForm {
    pub fn new(ctx: &Ctx) -> EnquiryForm {
        let mut form = EnquiryForm {
            focus: 0,
            input: TextField::new("", 0),
            notes: TextArea::new("", Field::Notes.max_chars()),
            note: None,
            summary: ScrollPane::default(),
            can_plan: false,
        };
        form.load(ctx);
        form
    }

    pub fn field(&self) -> Field {
        FIELDS[self.focus]
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

    /// Puts the chosen field's value into the editor.
    fn load(&mut self, ctx: &Ctx) {
        self.can_plan = ctx
            .enquiry
            .as_ref()
            .is_some_and(|e| e.target_chosen().is_some());
        let value = ctx
            .enquiry
            .as_ref()
            .map_or(String::new(), |e| Self::value(e, self.field()));
        self.input = TextField::new(&value, self.field().max_chars());
        let notes = ctx.enquiry.as_ref().map_or("", |e| e.notes.as_str());
        // The same notes keep their cursor (and where they were drawn).
        if self.notes.value() != notes {
            self.notes = TextArea::new(notes, Field::Notes.max_chars());
        }
    }

    /// The edited text, as a record for the enquiry.
    fn record(&self) -> Effect {
        if self.field() == Field::Notes {
            return Effect::Record(Record::Notes(self.notes.value()));
        }
        let v = self.input.value().to_string();
        Effect::Record(match self.field() {
            Field::Name => Record::Name(v),
            Field::Email => Record::Email(v),
            Field::Phone => Record::Phone(v),
            Field::Organisation => Record::Organisation(v),
            Field::Notes | Field::Role | Field::Interest => {
                unreachable!("not a one-line text field")
            }
        })
    }

    fn limit_note(&self) -> String {
        format!(
            "{} takes at most {} characters.",
            self.field().label(),
            crate::text::thousands(self.field().max_chars() as u64)
        )
    }

    fn go_to(&mut self, focus: usize, ctx: &Ctx) -> Outcome {
        self.focus = focus.min(FIELDS.len() - 1);
        self.note = None;
        self.load(ctx);
        Outcome::done()
    }

    /// Steps a choice field (role, interest) forward or back.
    fn change(&self, e: &Enquiry, forward: bool) -> Option<Record> {
        match self.field() {
            Field::Role => Some(Record::Role(step(e.role, &Role::ALL, forward))),
            Field::Interest => Some(Record::Interest(step(
                e.interest,
                &[Interest::Coaching, Interest::Mentoring, Interest::Both],
                forward,
            ))),
            _ => None,
        }
    }

    fn key(&mut self, key: Key, ctx: &Ctx) -> Outcome {
        let Some(e) = ctx.enquiry.as_ref() else {
            return Outcome::Ignored;
        };
        // The summary scrolls with PgUp, PgDn and the wheel over it.
        if matches!(key, Key::PageUp | Key::PageDown) || self.summary.contains(key) {
            return Outcome::used(self.summary.update(key, &ctx.keymap, true));
        }
        // A click in the notes chooses them, at the place clicked.
        if let Key::Click { .. } = key
            && self.notes.contains(key)
        {
            self.focus = NOTES;
            self.note = None;
        }
        // The notes take their keys first: Enter is a new line there, and
        // ↑ ↓ leave them only from their first and last rows.
        if self.field() == Field::Notes {
            match self.notes.update(key, &ctx.keymap) {
                Edit::Unused => {}
                edit => return self.edited(edit),
            }
        }
        match Motion::of(key, &ctx.keymap, self.typing()) {
            Some(Motion::Up) => return self.go_to(self.focus.saturating_sub(1), ctx),
            Some(Motion::Down) => return self.go_to(self.focus + 1, ctx),
            _ => {}
        }
        if self.field().is_text() && self.field() != Field::Notes {
            match self.input.update(key, &ctx.keymap) {
                Edit::Unused => {}
                edit => return self.edited(edit),
            }
        }
        match ctx.keymap.action(KEYS, self, key, self.typing()) {
            Some(Do::Next) => self.go_to(self.focus + 1, ctx),
            Some(Do::Previous) => self.go_to(self.focus.saturating_sub(1), ctx),
            Some(Do::Change(forward)) => match self.change(e, forward) {
                Some(r) => Outcome::with(Effect::Record(r)),
                None => Outcome::done(),
            },
            Some(Do::Plan) => plan_again(ctx, e),
            None => Outcome::Ignored,
        }
    }

    /// What an edit of the chosen field comes to: a save, or a note that
    /// the field is full.
    fn edited(&mut self, edit: Edit) -> Outcome {
        match edit {
            Edit::Changed => {
                self.note = None;
                Outcome::with(self.record())
            }
            Edit::Full => {
                self.note = Some(self.limit_note());
                Outcome::done()
            }
            Edit::Moved | Edit::Unused => Outcome::done(),
        }
    }

    /// Pastes `text` at the cursor as one edit (and so one save), cut to
    /// the field's limit, and says when it was cut. The notes keep a
    /// paste's lines; a one-line field makes them spaces.
    fn paste(&mut self, text: &str) -> Outcome {
        if !self.field().is_text() {
            return Outcome::Ignored;
        }
        let pasted = if self.field() == Field::Notes {
            self.notes.paste(text)
        } else {
            self.input.paste(text)
        };
        self.note = pasted.cut.then(|| {
            format!(
                "Pasted the first {} characters; {}",
                crate::text::thousands(pasted.taken as u64),
                self.limit_note()
            )
        });
        if pasted.taken == 0 {
            return Outcome::done();
        }
        Outcome::with(self.record())
    }

    fn field_lines(&self, ctx: &Ctx, e: &Enquiry, width: usize) -> Vec<Line<'static>> {
        let theme = ctx.theme;
        let mut lines = Vec::new();
        for (i, f) in FIELDS.iter().enumerate().take(NOTES) {
            let chosen = i == self.focus;
            let label = Span::styled(
                format!("{}{:<14}", if chosen { ">" } else { " " }, f.label()),
                if chosen {
                    theme.selected()
                } else {
                    theme.heading()
                },
            );
            let mut spans = vec![label, Span::raw(" ")];
            if chosen && f.is_text() {
                spans.extend(self.input.spans(width, true, theme));
            } else if f.is_text() {
                let value = Self::value(e, *f);
                spans.push(Span::raw(crate::tui::widgets::clip(&value, width)));
            } else {
                spans.push(Span::raw(format!("‹ {} ›", Self::value(e, *f))));
            }
            lines.push(Line::from(spans));
        }
        lines.push(match &self.note {
            Some(note) => Line::styled(note.clone(), theme.bad()),
            None => Line::styled("Saved as you type.", theme.quiet()),
        });
        lines
    }

    fn summary_lines(&self, ctx: &Ctx, e: &Enquiry) -> Vec<Line<'static>> {
        let theme = ctx.theme;
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
            "a adds what is on screen to the shortlist; plans and upgrades you open are recorded; F3 writes the quote; F5 ends the call.",
            Style::new(),
        ));
        s
    }
}

impl Component for EnquiryForm {
    fn title(&self) -> String {
        "Enquiry".to_string()
    }

    fn update(&mut self, event: Event, ctx: &Ctx) -> Outcome {
        match event {
            Event::Key(key) => self.key(key, ctx),
            Event::Paste(text) => self.paste(&text),
            // Shown again (back from another screen, or the enquiry
            // replaced): the editor holds what the enquiry holds now.
            Event::Shown => {
                self.load(ctx);
                Outcome::done()
            }
            _ => Outcome::Ignored,
        }
    }

    fn view(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let Some(e) = ctx.enquiry.as_ref() else {
            return;
        };
        let theme = ctx.theme;
        // The fields above the notes, their borders and the note under them.
        let fields = NOTES as u16 + 3;
        // Being typed in, the notes have the room the summary of what is
        // captured (it scrolls) can spare; otherwise the summary (the
        // shortlist, the upgrade, the plan) has what it needs and the notes
        // the rest, at least three rows.
        let rest = area.height.saturating_sub(fields);
        let summary_lines = self.summary_lines(ctx, e);
        let summary_height = if self.field() == Field::Notes {
            (rest * 2 / 5).clamp(4, 11)
        } else {
            let inner = usize::from(area.width.saturating_sub(2)).max(1);
            let rows: usize = summary_lines
                .iter()
                .map(|l| l.width().div_ceil(inner).max(1))
                .sum();
            u16::try_from(rows + 2)
                .unwrap_or(u16::MAX)
                .min(rest.saturating_sub(5))
                .max(4)
        };
        let [form, notes, summary] = Layout::vertical([
            Constraint::Length(fields),
            Constraint::Min(3),
            Constraint::Length(summary_height),
        ])
        .areas(area);
        let width = usize::from(form.width.saturating_sub(19));
        let block = Block::bordered().title(format!(" Enquiry {} ", e.id));
        frame.render_widget(
            Paragraph::new(self.field_lines(ctx, e, width)).block(block),
            form,
        );
        let chosen = self.field() == Field::Notes;
        let title = Span::styled(
            if chosen { ">Notes " } else { " Notes " },
            if chosen {
                theme.selected()
            } else {
                theme.heading()
            },
        );
        self.notes
            .render(frame, notes, Block::bordered().title(title), chosen, theme);
        self.summary.render(
            frame,
            summary,
            Block::bordered(),
            &summary_lines,
            false,
            theme,
        );
    }

    fn keys(&self, ctx: &Ctx) -> Vec<KeyGroup> {
        let k = &ctx.keymap;
        let mut moves = k.help(&MOTION[..2], &(), self.typing());
        for m in &mut moves {
            // In the notes ↑ ↓ move between rows first: the bar says Tab.
            m.bar = if self.field() == Field::Notes {
                ""
            } else {
                "field"
            };
        }
        let mut groups = Vec::new();
        // The focused widget's keys first: it takes them before the form.
        if self.field() == Field::Notes {
            groups.push(text_area::keys(k, "In the notes"));
        } else if self.field().is_text() {
            groups.push(text_field::keys(k, "In a field"));
        }
        groups.push(KeyGroup {
            title: "Between the fields".to_string(),
            keys: moves,
        });
        groups.push(k.group("On the enquiry", KEYS, self, self.typing()));
        let mut summary = scroll::keys(k, "In the summary", true);
        summary.keys.retain(|h| {
            h.keys
                .iter()
                .any(|k| matches!(k, Key::PageUp | Key::PageDown))
        });
        groups.push(summary);
        shadowed(groups)
    }

    fn typing(&self) -> bool {
        self.field().is_text()
    }
}

/// The upgrade (when the caller holds something) and Plan & pay over it,
/// as the enquiry recorded them.
fn plan_again(ctx: &Ctx, e: &Enquiry) -> Outcome {
    let Some(target) = e.target_chosen() else {
        return Outcome::done();
    };
    let mut effects = Vec::new();
    if let Some(u) = &e.upgrade {
        effects.push(Effect::Open(Box::new(Screen::Upgrade(
            Upgrade::for_choice(ctx, u),
        ))));
    }
    let plan = Plan::restored(
        ctx,
        target,
        e.holding(),
        e.payment.as_ref(),
        e.answers.hours_per_week,
    );
    effects.push(Effect::Open(Box::new(Screen::Plan(Box::new(plan)))));
    Outcome::Done(effects)
}

/// `groups` as they work: a key listed in a group is left out of the
/// groups after it (the focused widget takes it first), and an action
/// left with no key is not listed.
fn shadowed(groups: Vec<KeyGroup>) -> Vec<KeyGroup> {
    let mut taken: Vec<Key> = Vec::new();
    groups
        .into_iter()
        .map(|mut g| {
            let before = taken.len();
            for h in &mut g.keys {
                h.keys.retain(|k| !taken[..before].contains(k));
                taken.extend(h.keys.iter().copied());
            }
            g.keys.retain(|h| !h.keys.is_empty());
            g
        })
        .collect()
}

/// The next (or previous) of `all` after `current`, through "not given".
fn step<T: Copy + PartialEq>(current: Option<T>, all: &[T], forward: bool) -> Option<T> {
    let pos = current.and_then(|c| all.iter().position(|x| *x == c));
    match (pos, forward) {
        (None, true) => all.first().copied(),
        (None, false) => all.last().copied(),
        (Some(i), true) => all.get(i + 1).copied(),
        (Some(0), false) => None,
        (Some(i), false) => all.get(i - 1).copied(),
    }
}

/// This table's actions by name, for checking a keymap.
pub fn key_names() -> Vec<(&'static str, &'static [Key])> {
    crate::tui::keys::names(KEYS)
}
