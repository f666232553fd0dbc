//! Enquiries: every saved enquiry, newest first, with its phone, how far
//! it got (`Stage`) and its last change; found by typing (every
//! word must appear in its name, phone, e-mail, organisation, notes, id or
//! advisor; a phone number matches however it is spaced), with a preview
//! of the chosen one; Enter reopens it, Ctrl-D deletes it after a
//! confirmation (Delete, like every other editing key, edits the search).

use super::{Component, cycle, short_title};
use crate::enquiry::{Enquiry, LoadReport, Stage};
use crate::tui::ctx::Ctx;
use crate::tui::effect::{Effect, Event, Outcome};
use crate::tui::keys::{Binding, GLOBAL, Global, Key, KeyGroup, bind};
use crate::tui::widgets::{
    Edit, FilterList, ListEvent, Look, ScrollPane, TextField, clip, scroll, target, text_field,
};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    List,
    Preview,
}

#[derive(Debug)]
pub struct Enquiries {
    pub all: Vec<Enquiry>,
    /// Files set aside on loading, reported once.
    pub set_aside: Vec<String>,
    pub query: TextField,
    /// The cursor over `all`, filtered by the query.
    pub list: FilterList,
    pub preview: ScrollPane,
    pub focus: Focus,
    /// Waiting for Enter to confirm deleting the chosen enquiry.
    pub confirm: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Do {
    Open,
    Delete,
    Pane(bool),
}

const KEYS: &[Binding<Enquiries, Do>] = &[
    bind(
        "enquiries.open",
        Do::Open,
        &[Key::Enter],
        "reopen",
        "reopen the chosen enquiry as the active one",
    ),
    bind(
        "enquiries.delete",
        Do::Delete,
        &[Key::Ctrl('d')],
        "delete",
        "delete it (Enter confirms; any other key keeps it)",
    ),
    bind(
        "enquiries.preview",
        Do::Pane(true),
        &[Key::Tab],
        "preview",
        "between the list and the preview (↑↓ then scroll it)",
    )
    .when(|l| l.focus == Focus::List),
    bind(
        "enquiries.list",
        Do::Pane(false),
        &[Key::Tab, Key::BackTab],
        "list",
        "back to the list",
    )
    .when(|l| l.focus == Focus::Preview),
];

/// What the search looks in (an advisor's name finds theirs). The phone
/// is there as typed and as its digits alone, so "07700900123" finds
/// "07700 900 123" and "+44 7700 900123" finds itself.
fn haystack(e: &Enquiry) -> String {
    let c = &e.caller;
    let digits: String = c.phone.chars().filter(char::is_ascii_digit).collect();
    format!(
        "{} {} {} {digits} {} {} {} {}",
        c.name, c.email, c.phone, c.organisation, e.notes, e.id, e.advisor
    )
}

/// The widths of the list's columns that do not stretch.
const CHANGED_WIDTH: usize = 12;
const PHONE_WIDTH: usize = 16;
const STATUS_WIDTH: usize = Stage::SHORT_CHARS;
const ADVISOR_WIDTH: usize = 12;

/// "22 Nov 21:30" this year, "22 Nov 2025" before: when it last changed,
/// in the width of its column.
fn changed(e: &Enquiry, today: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    if e.updated.date().year() == today.year() {
        e.updated.format("%d %b %H:%M").to_string()
    } else {
        e.updated.format("%d %b %Y").to_string()
    }
}

impl Enquiries {
    pub fn new(report: LoadReport) -> Enquiries {
        let mut list = FilterList::new(0);
        list.set_rows(report.enquiries.iter().map(haystack).collect());
        Enquiries {
            all: report.enquiries,
            set_aside: report.set_aside.iter().map(|s| s.to_string()).collect(),
            query: TextField::new("", crate::bounds::QUERY_CHARS),
            list,
            preview: ScrollPane::default(),
            focus: Focus::List,
            confirm: false,
        }
    }

    /// The enquiries matching the search, newest first.
    pub fn shown(&self) -> Vec<&Enquiry> {
        self.list.shown().iter().map(|&i| &self.all[i]).collect()
    }

    fn selected(&self) -> Option<&Enquiry> {
        self.list.selected().and_then(|i| self.all.get(i))
    }

    /// The saved enquiries, read again: the search and the cursor stay.
    fn reload(&mut self, report: LoadReport) {
        self.all = report.enquiries;
        self.set_aside = report.set_aside.iter().map(|s| s.to_string()).collect();
        self.list.set_rows(self.all.iter().map(haystack).collect());
        self.preview.reset();
    }

    fn open(&self) -> Outcome {
        match self.selected() {
            Some(e) => Outcome::with(Effect::OpenEnquiry(e.id.clone())),
            None => Outcome::done(),
        }
    }

    fn key(&mut self, key: Key, ctx: &Ctx) -> Outcome {
        if std::mem::take(&mut self.confirm) {
            return match (key, self.selected()) {
                (Key::Enter, Some(e)) => Outcome::with(Effect::DeleteEnquiry(e.id.clone())),
                _ => Outcome::done(),
            };
        }
        match self.query.update(key, &ctx.keymap) {
            Edit::Changed => {
                self.list.set_filter(self.query.value());
                self.preview.reset();
                return Outcome::done();
            }
            Edit::Moved | Edit::Full => return Outcome::done(),
            Edit::Unused => {}
        }
        let on = target(
            key,
            &mut self.focus,
            &[(Focus::List, &self.list), (Focus::Preview, &self.preview)],
        );
        match on {
            Focus::Preview => {
                if self.preview.update(key, &ctx.keymap, true) || key.position().is_some() {
                    return Outcome::done();
                }
            }
            Focus::List => match self.list.update(key, &ctx.keymap) {
                ListEvent::Open => return self.open(),
                ListEvent::Moved | ListEvent::Filtered => {
                    self.preview.reset();
                    return Outcome::done();
                }
                ListEvent::Unused => {}
            },
        }
        match ctx.keymap.action(KEYS, self, key, true) {
            Some(Do::Open) => self.open(),
            Some(Do::Delete) => {
                self.confirm = self.selected().is_some();
                Outcome::done()
            }
            Some(Do::Pane(forward)) => {
                self.focus = cycle(self.focus, &[Focus::List, Focus::Preview], forward);
                Outcome::done()
            }
            None => Outcome::Ignored,
        }
    }

    fn preview_lines(&self, ctx: &Ctx, e: &Enquiry) -> Vec<Line<'static>> {
        let theme = ctx.theme;
        let title = |id: &str| {
            ctx.catalogue.qualification(id).map_or(id.to_string(), |q| {
                format!("{id} ({})", short_title(&q.title))
            })
        };
        let c = &e.caller;
        let mut rows: Vec<(&str, String)> = vec![
            ("Caller", c.name.clone()),
            ("Email", c.email.clone()),
            ("Phone", c.phone.clone()),
            ("Organisation", c.organisation.clone()),
            ("Role", e.role.map_or(String::new(), |r| r.to_string())),
            (
                "Interest",
                e.interest.map_or(String::new(), |i| i.to_string()),
            ),
        ];
        for (label, value) in e.captured() {
            let value = match label {
                "Shortlist" => e
                    .shortlist
                    .iter()
                    .map(|id| title(id))
                    .collect::<Vec<_>>()
                    .join(", "),
                "Chosen" => e.chosen.as_deref().map_or(String::new(), title),
                _ => value,
            };
            rows.push((label, value));
        }
        rows.push(("Status", Stage::of(e).words().to_string()));
        rows.push(("Notes", e.notes.clone()));
        rows.push((
            "Last change",
            match e.advisor.as_str() {
                "" => e.updated.format("%Y-%m-%d %H:%M").to_string(),
                by => format!("{} by {by}", e.updated.format("%Y-%m-%d %H:%M")),
            },
        ));
        let mut lines = vec![Line::styled(e.label(), theme.title())];
        // A value of several lines (the notes) keeps them, under its
        // first.
        lines.extend(
            rows.into_iter()
                .filter(|(_, v)| !v.is_empty())
                .flat_map(|(label, value)| {
                    let mut label = Some(label);
                    value
                        .split('\n')
                        .map(|line| {
                            let label = label.take().unwrap_or("");
                            Line::from(vec![
                                Span::styled(format!("{label:<14}"), theme.heading()),
                                Span::raw(line.to_string()),
                            ])
                        })
                        .collect::<Vec<_>>()
                }),
        );
        lines
    }
}

impl Component for Enquiries {
    fn title(&self) -> String {
        "Enquiries".to_string()
    }

    fn update(&mut self, event: Event, ctx: &Ctx) -> Outcome {
        match event {
            Event::Key(key) => self.key(key, ctx),
            Event::Back if self.confirm => {
                self.confirm = false;
                Outcome::done()
            }
            Event::Paste(text) => {
                self.query.paste(&text);
                self.list.set_filter(self.query.value());
                Outcome::done()
            }
            Event::Enquiries(report) => {
                self.reload(report);
                Outcome::done()
            }
            _ => Outcome::Ignored,
        }
    }

    fn view(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        let [search, main, status] = Layout::vertical([
            Constraint::Length(3),
            Constraint::Min(2),
            Constraint::Length(2),
        ])
        .areas(area);
        let field = Block::bordered()
            .title(" Search by name, phone, e-mail, organisation, notes or advisor ");
        let width = usize::from(field.inner(search).width);
        frame.render_widget(
            Paragraph::new(Line::from(self.query.spans(width, true, theme))).block(field),
            search,
        );
        let [list, preview] = if main.width >= 120 {
            Layout::horizontal([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(main)
        } else {
            Layout::vertical([Constraint::Percentage(55), Constraint::Percentage(45)]).areas(main)
        };
        // Name stretches; the advisor shows where there is room.
        let inner = usize::from(list.width.saturating_sub(2));
        let fixed = 2 + CHANGED_WIDTH + 2 + 1 + PHONE_WIDTH + 1 + STATUS_WIDTH;
        let advisor_width = if inner >= fixed + 16 + 1 + ADVISOR_WIDTH {
            ADVISOR_WIDTH
        } else {
            0
        };
        let label_width = inner
            .saturating_sub(fixed + advisor_width + usize::from(advisor_width > 0))
            .max(10);
        let columns = |changed: &str, label: &str, phone: &str, status: &str, advisor: &str| {
            let mut row = format!(
                "{changed:<CHANGED_WIDTH$}  {:<label_width$} {:<PHONE_WIDTH$} {:<STATUS_WIDTH$}",
                clip(label, label_width),
                clip(phone, PHONE_WIDTH),
                clip(status, STATUS_WIDTH),
            );
            if advisor_width > 0 {
                row.push(' ');
                row.push_str(&clip(advisor, advisor_width));
            }
            row
        };
        let header = Line::styled(
            format!(
                "  {}",
                columns("Last change", "Caller", "Phone", "Status", "Advisor")
            ),
            theme.heading(),
        );
        let count = self.all.len();
        self.list.render(
            frame,
            list,
            Block::bordered().title(format!(
                " {count} {}, newest first ",
                if count == 1 { "enquiry" } else { "enquiries" }
            )),
            Some(header),
            Look {
                focused: self.focus == Focus::List,
                theme,
            },
            |i, chosen| {
                let e = &self.all[i];
                Line::styled(
                    format!(
                        "{} {}",
                        if chosen { ">" } else { " " },
                        columns(
                            &changed(e, ctx.today),
                            &e.label(),
                            &e.caller.phone,
                            Stage::of(e).short(),
                            &e.advisor
                        )
                    ),
                    if chosen {
                        theme.selected()
                    } else {
                        Style::new()
                    },
                )
            },
        );
        if self.all.is_empty() {
            // Under the columns' header, not over it.
            let inner = Block::bordered().inner(list);
            let below = Rect {
                y: inner.y.saturating_add(1),
                height: inner.height.saturating_sub(1),
                ..inner
            };
            frame.render_widget(Paragraph::new(empty_note(ctx)), below);
        }
        let lines = self
            .selected()
            .map_or_else(Vec::new, |e| self.preview_lines(ctx, e));
        self.preview.render(
            frame,
            preview,
            Block::bordered().title(" The enquiry "),
            &lines,
            self.focus == Focus::Preview,
            theme,
        );
        let text = if self.confirm {
            "Delete this enquiry for good? Enter deletes it; any other key keeps it.".to_string()
        } else if let Some(s) = self.set_aside.first() {
            s.clone()
        } else {
            "Enter reopens the enquiry; Ctrl-D deletes it (after a confirmation).".to_string()
        };
        let style = if self.confirm || !self.set_aside.is_empty() {
            theme.bad()
        } else {
            theme.quiet()
        };
        frame.render_widget(
            Paragraph::new(Line::styled(text, style)).wrap(Wrap { trim: true }),
            status,
        );
    }

    fn keys(&self, ctx: &Ctx) -> Vec<KeyGroup> {
        let k = &ctx.keymap;
        let pane = match self.focus {
            Focus::List => self.list.keys(k, "In the list"),
            Focus::Preview => scroll::keys(k, "In the preview", true),
        };
        vec![
            text_field::keys(k, "In the search box"),
            pane,
            k.group("On Enquiries", KEYS, self, true),
        ]
    }

    /// The search box always has the focus: letters are the search.
    fn typing(&self) -> bool {
        true
    }
}

/// What the empty list says: the key that starts an enquiry from here,
/// where letters go into the search (F2, or whatever it is remapped to).
fn empty_note(ctx: &Ctx) -> String {
    let key = GLOBAL
        .iter()
        .find(|b| b.action == Global::NewEnquiry)
        .and_then(|b| ctx.keymap.keys(b).iter().find(|k| !k.is_text()));
    match key {
        Some(key) => format!("No enquiries yet: {} starts one.", key.label()),
        None => "No enquiries yet.".to_string(),
    }
}

/// This table's actions by name, for checking a keymap.
pub fn key_names() -> Vec<(&'static str, &'static [Key])> {
    crate::tui::keys::names(KEYS)
}
