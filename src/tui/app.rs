//! The application state, the messages that change it, the update function
//! and the top-level view (The Elm Architecture). Screens keep their own
//! state in `screens::*`; this file routes messages and draws the frame
//! around them: header, footer, help overlay, and the too-small notice.

use super::keys::{self, Action};
use super::screens::enquiries::{Enquiries, Request};
use super::screens::enquiry::EnquiryForm;
use super::screens::{Nav, Screen, home::Home, search};
use super::theme::Theme;
use crate::catalogue::Catalogue;
use crate::enquiry::{Conflict, Enquiry, EnquiryStore, PaymentChoice};
use crate::planner::{SearchIndex, SearchResults};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyEvent, MouseEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};
use std::sync::{Arc, OnceLock, mpsc};

/// The smallest terminal the screens are laid out for.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// What every screen may read: the catalogue, its search index, today and
/// the styles.
pub struct Ctx {
    pub catalogue: Arc<Catalogue>,
    /// Built on first use (by the background searcher as the app starts),
    /// so that a large catalogue's index never delays the first frame.
    pub index: Arc<OnceLock<SearchIndex>>,
    pub today: NaiveDate,
    pub theme: Theme,
}

impl Ctx {
    pub fn new(catalogue: Catalogue, today: NaiveDate, theme: Theme) -> Ctx {
        Ctx {
            catalogue: Arc::new(catalogue),
            index: Arc::new(OnceLock::new()),
            today,
            theme,
        }
    }
}

/// What the status line says. Typed, so that the app can tell a failed
/// save (which the next good save clears) from any other news.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// Saving the enquiry failed; it is kept in memory meanwhile.
    SaveFailed(String),
    /// The quote was written to this file.
    QuoteWritten(std::path::PathBuf),
    /// Anything else worth saying.
    Info(String),
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Notice::SaveFailed(text) | Notice::Info(text) => f.write_str(text),
            Notice::QuoteWritten(path) => write!(f, "Quote written to {}", path.display()),
        }
    }
}

/// Everything that can happen to the app.
#[derive(Clone, Debug)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    /// Text pasted into the terminal (bracketed paste).
    Paste(String),
    Resize,
    /// SIGINT, SIGTERM or SIGHUP (its number), or the terminal gone: leave
    /// now, restoring the terminal.
    Terminate(Option<i32>),
    /// The background searcher's results for a query.
    Found(String, SearchResults),
}

/// The one application state.
pub struct App {
    pub ctx: Ctx,
    /// Screens opened, the current one last; Esc goes back one.
    pub stack: Vec<Screen>,
    pub help: bool,
    pub quit: bool,
    /// Size of the last frame, for mapping mouse clicks.
    pub size: (u16, u16),
    /// Where enquiries are kept (`None` until first needed, or when the data
    /// directory cannot be found).
    pub store: Option<EnquiryStore>,
    /// The enquiry being captured, saved after every change.
    pub enquiry: Option<Enquiry>,
    /// A message for the status line (a save that failed, say).
    pub notice: Option<Notice>,
    /// The signal that ended the app, for the conventional exit code.
    pub signal: Option<i32>,
    /// Where search queries go to be run off the main thread; `None`
    /// searches inline (tests, benchmarks).
    pub searcher: Option<mpsc::Sender<String>>,
}

impl App {
    pub fn new(ctx: Ctx) -> App {
        App {
            ctx,
            stack: vec![Screen::Home(Home::default())],
            help: false,
            quit: false,
            size: (MIN_WIDTH, MIN_HEIGHT),
            store: None,
            enquiry: None,
            notice: None,
            signal: None,
            searcher: None,
        }
    }

    pub fn screen(&self) -> &Screen {
        self.stack.last().expect("the home screen is never popped")
    }

    /// Handles one message.
    pub fn update(&mut self, msg: Msg) {
        let action = match msg {
            Msg::Terminate(signal) => {
                self.quit = true;
                self.signal = signal;
                return;
            }
            Msg::Resize => return,
            Msg::Found(query, results) => {
                if let Some(Screen::Search(search)) = self.stack.last_mut() {
                    search.found(&query, results);
                }
                return;
            }
            Msg::Paste(text) => {
                // Pasted text goes in as typed characters; line breaks become spaces.
                if self.screen().text_mode() {
                    let safe = |c: &char| crate::text::hazard(*c).is_none();
                    for c in text.chars().filter(safe) {
                        self.act(Action::Char(if c == '\n' { ' ' } else { c }));
                    }
                }
                return;
            }
            Msg::Key(key) => keys::from_key(key, self.screen().text_mode() && !self.help),
            Msg::Mouse(mouse) => keys::from_mouse(mouse),
        };
        match action {
            // A typed control, bidirectional or invisible character never
            // enters a text (the terminal gives most only when pasted).
            Some(Action::Char(c)) if crate::text::hazard(c).is_some() => {}
            Some(action) => self.act(action),
            None => {}
        }
    }

    /// Handles one action; tests drive the app through this too.
    pub fn act(&mut self, action: Action) {
        if self.help {
            // Any key closes the help overlay; quitting still works.
            match action {
                Action::ForceQuit | Action::Quit => self.quit = true,
                _ => self.help = false,
            }
            return;
        }
        let (width, height) = self.size;
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            if matches!(action, Action::Quit | Action::ForceQuit | Action::Back) {
                self.quit = true;
            }
            return;
        }
        let body = body_area(Rect::new(0, 0, width, height));
        let action = match action {
            Action::Click { column, row } if !body.contains((column, row).into()) => return,
            other => other,
        };
        let nav = match self.stack.last_mut().expect("a screen") {
            Screen::Enquiry(form) => match self.enquiry.as_mut() {
                Some(e) => {
                    let (nav, changed) = form.handle(action, e);
                    if changed {
                        self.save();
                    }
                    nav
                }
                None => Nav::Stay,
            },
            Screen::Enquiries(list) => match list.handle(action) {
                Request::None => Nav::Handled,
                Request::Unhandled => Nav::Stay,
                Request::Open(id) => {
                    self.reopen(&id);
                    Nav::Handled
                }
                Request::Delete(id) => {
                    self.delete(&id);
                    Nav::Handled
                }
            },
            screen => screen.handle(action, &self.ctx, body),
        };
        match nav {
            Nav::Stay => self.global(action),
            Nav::Handled => {}
            Nav::Push(screen) => self.stack.push(*screen),
        }
        self.run_search();
        self.record();
    }

    /// Runs the search screen's new query: on the searcher thread when
    /// there is one, so that keys are read and echoed however long a search
    /// over a large catalogue takes.
    fn run_search(&mut self) {
        let Some(Screen::Search(search)) = self.stack.last_mut() else {
            return;
        };
        let Some(query) = search.take_request() else {
            return;
        };
        match &self.searcher {
            Some(tx) if tx.send(query.clone()).is_ok() => {}
            _ => {
                let results = self
                    .ctx
                    .index
                    .get_or_init(|| SearchIndex::new(&self.ctx.catalogue))
                    .search(&query, search::LIMIT);
                search.found(&query, results);
            }
        }
    }

    /// Keys that mean the same on every screen, when the screen did not use them.
    fn global(&mut self, action: Action) {
        match action {
            Action::ForceQuit | Action::Quit => self.quit = true,
            Action::Back => self.back(),
            Action::Help => self.help = true,
            Action::Search if !matches!(self.screen(), Screen::Search(_)) => {
                self.stack.push(Screen::Search(Default::default()));
            }
            Action::Char('n') | Action::NewEnquiry => self.new_enquiry(),
            Action::WriteQuote => self.write_quote(),
            Action::Char('e') => self.open_enquiries(),
            Action::Char('a') => self.shortlist_on_screen(),
            _ => {}
        }
    }

    fn back(&mut self) {
        if self.stack.len() > 1 {
            self.stack.pop();
        }
    }

    /// The enquiry store, opened on first use.
    fn store(&mut self) -> Option<&EnquiryStore> {
        if self.store.is_none() {
            match EnquiryStore::default_dir().map(EnquiryStore::open) {
                Some(Ok(store)) => self.store = Some(store),
                Some(Err(e)) => {
                    self.notice = Some(Notice::Info(format!(
                        "Cannot open the enquiries folder: {e}"
                    )))
                }
                None => {
                    self.notice = Some(Notice::Info(
                        "No data directory for enquiries (is HOME set?)".to_string(),
                    ))
                }
            }
        }
        self.store.as_ref()
    }

    /// Starts a new enquiry and opens its form.
    fn new_enquiry(&mut self) {
        let now = chrono::Local::now().naive_local();
        let Some(store) = self.store() else { return };
        self.enquiry = Some(Enquiry::new(store.new_id(now), now));
        self.save();
        let form = EnquiryForm::new(self.enquiry.as_ref().expect("just made"));
        self.stack.push(Screen::Enquiry(form));
    }

    fn open_enquiries(&mut self) {
        let Some(store) = self.store() else { return };
        match store.load_all() {
            Ok(report) => self.stack.push(Screen::Enquiries(Enquiries::new(report))),
            Err(e) => self.notice = Some(Notice::Info(format!("Cannot read the enquiries: {e}"))),
        }
    }

    fn reopen(&mut self, id: &str) {
        let Some(store) = self.store() else { return };
        match store.load(id) {
            Ok(e) => {
                let form = EnquiryForm::new(&e);
                self.enquiry = Some(e);
                self.notice = None;
                self.stack.push(Screen::Enquiry(form));
            }
            Err(e) => self.notice = Some(Notice::Info(e.to_string())),
        }
    }

    fn delete(&mut self, id: &str) {
        let Some(store) = self.store() else { return };
        let result = store.delete(id).and_then(|()| store.load_all());
        match result {
            Ok(report) => {
                if self.enquiry.as_ref().is_some_and(|e| e.id == id) {
                    self.enquiry = None;
                }
                self.notice = Some(Notice::Info(format!("Deleted enquiry {id}")));
                if let Some(Screen::Enquiries(list)) = self.stack.last_mut() {
                    *list = Enquiries::new(report);
                }
            }
            Err(e) => self.notice = Some(Notice::Info(format!("Could not delete {id}: {e}"))),
        }
    }

    /// Writes the active enquiry's quote (Markdown) into the quotes folder.
    fn write_quote(&mut self) {
        let (Some(store), Some(e)) = (self.store.as_ref(), self.enquiry.as_ref()) else {
            self.notice = Some(Notice::Info(
                "Start an enquiry with n and choose a qualification first.".to_string(),
            ));
            return;
        };
        self.notice = Some(
            match crate::quote::build(&self.ctx.catalogue, e, self.ctx.today) {
                Ok(q) => match crate::quote::save_markdown(&q, &store.quotes_dir()) {
                    Ok(path) => Notice::QuoteWritten(path),
                    Err(x) => Notice::Info(format!("Could not write the quote: {x}")),
                },
                Err(x) => Notice::Info(format!("No quote yet: {x}")),
            },
        );
    }

    /// Adds (or removes) the qualification on screen to the enquiry's shortlist.
    fn shortlist_on_screen(&mut self) {
        let id = match self.screen() {
            Screen::Detail(d) => match &d.subject {
                super::screens::detail::Subject::Qualification(id) => Some(id.clone()),
                super::screens::detail::Subject::Unit(_) => None,
            },
            Screen::Compare(c) => c.rows.get(c.selected).map(|r| r.id.clone()),
            Screen::Results(r) => r.options.get(r.selected).and_then(|o| match &o.candidate {
                crate::planner::Candidate::Qualification(id)
                | crate::planner::Candidate::Upgrade(id) => Some(id.clone()),
                crate::planner::Candidate::Unit(_) => None,
            }),
            _ => None,
        };
        let (Some(id), Some(e)) = (id, self.enquiry.as_mut()) else {
            if self.enquiry.is_none() {
                self.notice = Some(Notice::Info(
                    "Start an enquiry with n first; a adds to its shortlist.".to_string(),
                ));
            }
            return;
        };
        match e.shortlist.iter().position(|x| *x == id) {
            Some(i) => {
                e.shortlist.remove(i);
                self.notice = Some(Notice::Info(format!("Removed {id} from the shortlist")));
            }
            None => {
                e.shortlist.push(id.clone());
                self.notice = Some(Notice::Info(format!("Added {id} to the shortlist")));
            }
        }
        self.save();
    }

    /// Copies what the screen on top has settled (the questionnaire's
    /// answers, a plan's payment choice, an upgrade) into the enquiry.
    fn record(&mut self) {
        let Some(e) = self.enquiry.as_ref() else {
            return;
        };
        let mut next = e.clone();
        match self.stack.last() {
            Some(Screen::Results(r)) => {
                let p = &r.profile;
                next.route = p.route;
                next.role = p.role.or(next.role);
                next.interest = p.interest.or(next.interest);
                next.answers.level = p.level;
                next.answers.hours_per_week = p.hours_per_week;
                next.answers.budget_inc_vat = p.budget_inc_vat;
                next.answers.target_date = p.target_date;
                next.answers.held = p.held.clone();
            }
            Some(Screen::Plan(p)) => {
                next.choose(&p.id, &p.holding);
                next.payment = Some(PaymentChoice {
                    instalments: p.instalments,
                    start: p.start,
                    instalment: p.terms.instalment,
                    monthly_payments: p.terms.monthly_payments,
                    final_payment_on_completion: p.terms.final_on_completion,
                });
            }
            _ => return,
        }
        if next != *e {
            self.enquiry = Some(next);
            self.save();
        }
    }

    /// Saves the active enquiry at once (atomically); a failure is shown,
    /// and the enquiry stays in memory to be saved at the next change.
    fn save(&mut self) {
        let now = chrono::Local::now().naive_local();
        if let Some(e) = self.enquiry.as_mut() {
            e.updated = now;
        }
        let outcome = match (self.store.as_ref(), self.enquiry.as_mut()) {
            (Some(store), Some(e)) => match store.save(e) {
                Ok(()) => None,
                Err(x) if Conflict::of(&x).is_some() => {
                    tracing::warn!("{x}; keeping both");
                    Some(keep_both(store, e))
                }
                Err(x) => {
                    tracing::warn!("saving enquiry {} failed: {x}", e.id);
                    Some(Notice::SaveFailed(format!(
                        "Could not save enquiry {}: {x}",
                        e.id
                    )))
                }
            },
            _ => None,
        };
        match outcome {
            // A save that works clears the news of one that did not.
            None if matches!(self.notice, Some(Notice::SaveFailed(_))) => self.notice = None,
            None => {}
            Some(notice) => self.notice = Some(notice),
        }
    }

    /// Draws the whole frame from the state.
    pub fn view(&self, frame: &mut Frame) {
        let area = frame.area();
        let theme = self.ctx.theme;
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            let text = format!(
                "qualplan needs a terminal of at least {MIN_WIDTH}x{MIN_HEIGHT}; this one is {}x{}. Make the window larger, or press q to quit.",
                area.width, area.height
            );
            frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
            return;
        }
        let [header, body, footer] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let screen = self.screen();
        let trail: Vec<String> = self.stack.iter().map(Screen::title).collect();
        let status = match (&self.notice, &self.enquiry) {
            (Some(n), _) => n.to_string(),
            (None, Some(e)) => format!("Enquiry: {} (saved)", e.label()),
            (None, None) => "n new enquiry  e enquiries".to_string(),
        };
        // The status gets what the breadcrumb trail leaves.
        let trail_width = 10 + trail.join(" > ").chars().count() as u16;
        let status_width =
            (status.chars().count() as u16 + 1).min(header.width.saturating_sub(trail_width));
        let [left, right] =
            Layout::horizontal([Constraint::Min(1), Constraint::Length(status_width)])
                .areas(header);
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(" qualplan ", theme.title()),
                Span::raw(trail.join(" > ")),
            ])),
            left,
        );
        frame.render_widget(
            Paragraph::new(Line::styled(status, theme.dim()))
                .alignment(ratatui::layout::Alignment::Right),
            right,
        );
        match (screen, &self.enquiry) {
            (Screen::Enquiry(form), Some(e)) => form.view(
                frame,
                body,
                &self.ctx,
                e,
                &format!(
                    "Saved as you type in {}.",
                    self.store
                        .as_ref()
                        .map_or("memory".to_string(), |s| s.dir().display().to_string())
                ),
            ),
            (Screen::Enquiries(list), _) => list.view(frame, body, &self.ctx),
            _ => screen.view(frame, body, &self.ctx),
        }
        frame.render_widget(
            Paragraph::new(footer_line(screen.hints(), theme, footer.width)),
            footer,
        );
        if self.help {
            self.help_overlay(frame, body);
        }
    }

    fn help_overlay(&self, frame: &mut Frame, body: Rect) {
        let theme = self.ctx.theme;
        let screen = self.screen();
        let mut lines = vec![Line::styled(
            format!("Keys on {}", screen.title()),
            theme.heading(),
        )];
        for (key, what) in screen.help() {
            lines.push(Line::from(vec![
                Span::styled(format!("{key:>12}  "), theme.key()),
                Span::raw(*what),
            ]));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled("Everywhere", theme.heading()));
        for (key, what) in GLOBAL_KEYS {
            lines.push(Line::from(vec![
                Span::styled(format!("{key:>12}  "), theme.key()),
                Span::raw(*what),
            ]));
        }
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "Press any key to close this help.",
            theme.dim(),
        ));
        let height = (lines.len() as u16 + 2).min(body.height);
        let width = 66.min(body.width);
        let area = Rect::new(
            body.x + (body.width - width) / 2,
            body.y + (body.height - height) / 2,
            width,
            height,
        );
        frame.render_widget(Clear, area);
        frame.render_widget(
            Paragraph::new(lines)
                .block(Block::bordered().title(" Help "))
                .wrap(Wrap { trim: false }),
            area,
        );
    }
}

/// The screen's key hints, as many as fit, then always help and quit.
fn footer_line(hints: &[(&'static str, &'static str)], theme: Theme, width: u16) -> Line<'static> {
    const ALWAYS: [(&str, &str); 2] = [("?", "help"), ("q", "quit")];
    let cost = |(key, what): &(&str, &str)| key.chars().count() + what.chars().count() + 3;
    let mut room = usize::from(width).saturating_sub(ALWAYS.iter().map(cost).sum());
    let mut spans = Vec::new();
    let shown = hints.iter().take_while(|h| {
        let fits = cost(h) <= room;
        room = room.saturating_sub(cost(h));
        fits
    });
    for (key, what) in shown.chain(ALWAYS.iter()) {
        spans.push(Span::styled(format!(" {key}"), theme.key()));
        spans.push(Span::raw(format!(" {what} ")));
    }
    Line::from(spans)
}

/// Keys every screen shares, for the help overlay.
const GLOBAL_KEYS: &[(&str, &str)] = &[
    (
        "arrows hjkl",
        "move; the mouse wheel scrolls, a click selects",
    ),
    ("Tab S-Tab", "next or previous pane"),
    ("Enter", "open or choose"),
    ("Esc", "back"),
    ("/", "search qualifications and units"),
    ("n F2", "start a new enquiry (F2 even in a text field)"),
    ("F3", "write the active enquiry's quote"),
    ("e", "saved enquiries"),
    ("a", "add what is on screen to the enquiry's shortlist"),
    ("?", "this help"),
    ("q Ctrl-C", "quit"),
];

/// Where screens draw: everything but the header and footer lines.
pub fn body_area(area: Rect) -> Rect {
    Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(2),
    )
}

/// Another qualplan saved this enquiry meanwhile: save these edits as a
/// new enquiry beside it, so that neither update is lost, and say so.
fn keep_both(store: &EnquiryStore, e: &mut Enquiry) -> Notice {
    let theirs = e.id.clone();
    let mut n = 2;
    while store.dir().join(format!("{theirs}-copy-{n}.ron")).exists() {
        n += 1;
    }
    e.id = format!("{theirs}-copy-{n}");
    e.revision = 0;
    match store.save(e) {
        Ok(()) => Notice::Info(format!(
            "Enquiry {theirs} was changed in another qualplan meanwhile: both kept, these edits as {}",
            e.id
        )),
        Err(x) => Notice::SaveFailed(format!("Could not save enquiry {}: {x}", e.id)),
    }
}
