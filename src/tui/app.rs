//! The application state, the messages that change it, the update function
//! and the top-level view (The Elm Architecture). Screens keep their own
//! state in `screens::*`; this file routes messages and draws the frame
//! around them: header, footer, help overlay, and the too-small notice.

use super::keys::{self, Action};
use super::prompt::{Answer, Prompt, Then};
use super::screens::enquiries::{Enquiries, Request};
use super::screens::enquiry::EnquiryForm;
use super::screens::{Nav, Screen, home::Home, search};
use super::theme::Theme;
use crate::catalogue::Catalogue;
use crate::enquiry::{Enquiry, EnquiryStore, PaymentChoice, StoreError};
use crate::files::Dirs;
use crate::planner::{SearchIndex, SearchResults};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::crossterm::event::{KeyEvent, MouseEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};
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

/// What the status line says, besides a failed save (`App::save_error`,
/// which the next good save clears).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Notice {
    /// The quote was written to this file.
    QuoteWritten(std::path::PathBuf),
    /// Anything else worth saying.
    Info(String),
}

impl std::fmt::Display for Notice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Notice::Info(text) => f.write_str(text),
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
    /// SIGINT, SIGTERM, SIGHUP or SIGQUIT (its number), or the terminal
    /// gone (hung up, end of file): save what can be saved and leave now,
    /// restoring the terminal.
    Terminate(Option<i32>),
    /// SIGTSTP from outside (Ctrl-Z itself arrives as a key): suspend.
    Suspend,
    /// SIGCONT: back from being stopped; take the terminal again and redraw.
    Resumed,
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
    /// The user's folders (`None` without a home); enquiries and quotes
    /// live under `data`.
    pub dirs: Option<Dirs>,
    /// Where enquiries are kept (`None` until first needed, or when the data
    /// directory cannot be found).
    pub store: Option<EnquiryStore>,
    /// The enquiry being captured, saved after every change.
    pub enquiry: Option<Enquiry>,
    /// The active enquiry has changes that are not on disk yet.
    pub dirty: bool,
    /// Why the last save failed ("No space left on device"), while
    /// its edits are not on disk.
    pub save_error: Option<String>,
    /// A question that must be answered before anything else.
    pub prompt: Option<Prompt>,
    /// A message for the status line.
    pub notice: Option<Notice>,
    /// The signal that ended the app, for the conventional exit code.
    pub signal: Option<i32>,
    /// Asked to suspend (Ctrl-Z); the runtime does it and clears this.
    pub suspend: bool,
    /// Said on the ordinary screen after the app has left (edits that could
    /// not be saved before a signal ended it, say).
    pub exit_note: Option<String>,
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
            dirs: Dirs::of_user(),
            store: None,
            enquiry: None,
            dirty: false,
            save_error: None,
            prompt: None,
            notice: None,
            signal: None,
            suspend: false,
            exit_note: None,
            searcher: None,
        }
    }

    pub fn screen(&self) -> &Screen {
        self.stack.last().expect("the home screen is never popped")
    }

    /// Handles one message. Changes to the enquiry are saved by `flush`,
    /// which the runtime calls once the messages waiting have been handled
    /// (a burst of keys is one save, not one per key).
    pub fn update(&mut self, msg: Msg) {
        let action = match msg {
            Msg::Terminate(signal) => {
                self.terminate(signal);
                return;
            }
            Msg::Suspend => {
                self.suspend = true;
                return;
            }
            Msg::Resize | Msg::Resumed => return,
            Msg::Found(query, results) => {
                if let Some(Screen::Search(search)) = self.stack.last_mut() {
                    search.found(&query, results);
                }
                return;
            }
            Msg::Paste(text) => {
                self.paste(&text);
                return;
            }
            Msg::Key(key) => keys::from_key(
                key,
                self.screen().text_mode() && !self.help && self.prompt.is_none(),
            ),
            Msg::Mouse(mouse) => keys::from_mouse(mouse),
        };
        match action {
            // A typed control, bidirectional or invisible character never
            // enters a text (the terminal gives most only when pasted).
            Some(Action::Char(c)) if crate::text::hazard(c).is_some() => {}
            Some(action) => self.apply(action),
            None => {}
        }
    }

    /// Handles one action and saves what it changed; tests drive the app
    /// through this.
    pub fn act(&mut self, action: Action) {
        self.apply(action);
        self.flush();
    }

    /// Pasted text (bracketed paste): into an enquiry's field as one edit
    /// (and so one save), cut to the field's limit; elsewhere as typed
    /// characters, no more than a search box takes. Line breaks and tabs
    /// become spaces; hazardous characters are dropped.
    fn paste(&mut self, text: &str) {
        if self.help || self.prompt.is_some() || !self.screen().text_mode() {
            return;
        }
        if let (Some(Screen::Enquiry(form)), Some(e)) =
            (self.stack.last_mut(), self.enquiry.as_mut())
        {
            if form.paste(text, e) {
                self.dirty = true;
            }
            return;
        }
        let typed: Vec<char> = super::screens::enquiry::pasted(text)
            .take(crate::bounds::QUERY_CHARS)
            .collect();
        for c in typed {
            self.apply(Action::Char(c));
        }
    }

    /// Saves the active enquiry if it has changed (and no question about
    /// it is open).
    pub fn flush(&mut self) {
        if self.dirty && self.prompt.is_none() {
            self.save();
        }
    }

    /// Ended from outside: save what can be saved, and leave. Edits that
    /// could not be saved are said on leaving and in the log: there is no
    /// one to ask.
    fn terminate(&mut self, signal: Option<i32>) {
        self.flush();
        if self.dirty
            && let Some(e) = &self.enquiry
        {
            let why = self
                .save_error
                .clone()
                .unwrap_or_else(|| "it was deleted elsewhere".to_string());
            tracing::warn!("ended with the latest edits to enquiry {} not saved", e.id);
            self.exit_note = Some(format!(
                "qualplan: the latest edits to enquiry {} could not be saved before it ended ({why}).",
                e.id
            ));
        }
        self.quit = true;
        self.signal = signal;
    }

    /// Quit, unless there are edits that are not saved: then one more
    /// try, and if that fails too, ask.
    fn leave(&mut self) {
        self.go_on(Then::Quit);
    }

    /// Does `then`, which replaces the active enquiry (or ends the app),
    /// once its edits are saved or the advisor has said to let them go.
    fn go_on(&mut self, then: Then) {
        if self.dirty && self.prompt.is_none() {
            self.save();
        }
        if self.prompt.is_some() {
            return;
        }
        if self.dirty
            && let Some(e) = &self.enquiry
        {
            self.prompt = Some(Prompt::Unsaved {
                id: e.id.clone(),
                why: self
                    .save_error
                    .clone()
                    .unwrap_or_else(|| "the last save failed".to_string()),
                then,
            });
            return;
        }
        match then {
            Then::Quit => self.quit = true,
            Then::NewEnquiry => self.new_enquiry(),
            Then::Open(id) => self.reopen(&id),
        }
    }

    /// The advisor's answer to the open question.
    fn answer(&mut self, action: Action) {
        let Some(prompt) = self.prompt.clone() else {
            return;
        };
        let Some(answer) = prompt.answer(action) else {
            return;
        };
        self.prompt = None;
        match (answer, prompt) {
            (Answer::Restore, _) => {
                if let Some(e) = self.enquiry.as_mut() {
                    // Saved as new: the deletion is undone, by choice.
                    e.revision = 0;
                }
                self.save();
            }
            (Answer::KeepDeleted, Prompt::Deleted { id }) => {
                self.drop_enquiry();
                self.notice = Some(Notice::Info(format!(
                    "Enquiry {id} stays deleted; the edits made here were let go."
                )));
                if action == Action::ForceQuit {
                    self.quit = true;
                }
            }
            (Answer::SaveAgain, Prompt::Unsaved { then, .. }) => self.go_on(then),
            (Answer::Discard, Prompt::Unsaved { id, why, then }) => {
                tracing::warn!("the latest edits to enquiry {id} were let go unsaved");
                if then == Then::Quit {
                    self.exit_note = Some(format!(
                        "qualplan: left without saving the latest edits to enquiry {id} ({why})."
                    ));
                }
                self.dirty = false;
                self.save_error = None;
                self.go_on(then);
            }
            _ => {}
        }
    }

    /// Lets the active enquiry go (deleted, or edits discarded): its form
    /// closes wherever it is in the stack.
    fn drop_enquiry(&mut self) {
        self.enquiry = None;
        self.dirty = false;
        self.save_error = None;
        self.stack.retain(|s| !matches!(s, Screen::Enquiry(_)));
        // A list of enquiries underneath shows what is on disk now.
        if matches!(self.stack.last(), Some(Screen::Enquiries(_)))
            && let Some(Ok(report)) = self.store.as_ref().map(EnquiryStore::load_all)
            && let Some(Screen::Enquiries(list)) = self.stack.last_mut()
        {
            *list = Enquiries::new(report);
        }
    }

    /// Handles one action, without saving.
    fn apply(&mut self, action: Action) {
        if action == Action::Suspend {
            self.suspend = true;
            return;
        }
        if self.prompt.is_some() {
            self.answer(action);
            return;
        }
        if self.help {
            // Any key closes the help overlay; quitting still works.
            match action {
                Action::ForceQuit | Action::Quit => self.leave(),
                _ => self.help = false,
            }
            return;
        }
        let (width, height) = self.size;
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            if matches!(action, Action::Quit | Action::ForceQuit | Action::Back) {
                self.leave();
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
                    self.dirty |= changed;
                    nav
                }
                None => Nav::Stay,
            },
            Screen::Enquiries(list) => match list.handle(action) {
                Request::None => Nav::Handled,
                Request::Unhandled => Nav::Stay,
                Request::Open(id) => {
                    if self.enquiry.as_ref().is_some_and(|e| e.id == id) {
                        self.reopen(&id);
                    } else {
                        self.go_on(Then::Open(id));
                    }
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
            Action::ForceQuit | Action::Quit => self.leave(),
            Action::Back => self.back(),
            Action::Help => self.help = true,
            Action::Search if !matches!(self.screen(), Screen::Search(_)) => {
                self.stack.push(Screen::Search(Default::default()));
            }
            Action::Char('n') | Action::NewEnquiry => self.go_on(Then::NewEnquiry),
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
            match self.dirs.as_ref().map(EnquiryStore::open_in) {
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
        self.dirty = true;
        self.save_error = None;
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

    /// Opens a saved enquiry as the active one; the active one itself
    /// opens as it is in memory, unsaved edits and all.
    fn reopen(&mut self, id: &str) {
        if let Some(e) = self.enquiry.as_ref().filter(|e| e.id == id) {
            let form = EnquiryForm::new(e);
            self.stack.push(Screen::Enquiry(form));
            return;
        }
        let Some(store) = self.store() else { return };
        match store.load(id) {
            Ok(e) => {
                let form = EnquiryForm::new(&e);
                self.enquiry = Some(e);
                self.dirty = false;
                self.save_error = None;
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
                    self.drop_enquiry();
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
        let (Some(dirs), Some(e)) = (self.dirs.as_ref(), self.enquiry.as_ref()) else {
            self.notice = Some(Notice::Info(
                "Start an enquiry with n and choose a qualification first.".to_string(),
            ));
            return;
        };
        self.notice = Some(
            match crate::quote::build(&self.ctx.catalogue, e, self.ctx.today) {
                Ok(q) => {
                    let text = crate::quote::markdown(&q);
                    match crate::quote::save(&q, &dirs.quotes(), "md", &text) {
                        Ok(path) => Notice::QuoteWritten(path),
                        Err(x) => Notice::Info(format!("Could not write the quote: {x}")),
                    }
                }
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
            None if e.shortlist.len() >= crate::bounds::enquiry::LIST_ENTRIES => {
                self.notice = Some(Notice::Info(format!(
                    "The shortlist holds at most {} qualifications; remove one first.",
                    crate::bounds::enquiry::LIST_ENTRIES
                )));
                return;
            }
            None => {
                e.shortlist.push(id.clone());
                self.notice = Some(Notice::Info(format!("Added {id} to the shortlist")));
            }
        }
        self.dirty = true;
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
                // The wizard asks for whole hours.
                next.answers.hours_per_week = p.hours_per_week.map(|h| h.tenths.div_ceil(10));
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
            self.dirty = true;
        }
    }

    /// Saves the active enquiry now (atomically). A failure is shown and
    /// the enquiry stays in memory, to be saved at the next change; an
    /// enquiry deleted elsewhere is not saved again unless the advisor says
    /// so; one saved by another qualplan meanwhile is saved beside it.
    fn save(&mut self) {
        let now = chrono::Local::now().naive_local();
        let (Some(store), Some(e)) = (self.store.as_ref(), self.enquiry.as_mut()) else {
            return;
        };
        e.updated = now;
        let result = match store.save(e) {
            Err(StoreError::Conflict(c)) => {
                tracing::warn!("{c}; keeping both");
                keep_both(store, e)
            }
            Err(StoreError::Deleted { id }) => {
                tracing::warn!("enquiry {id} was deleted elsewhere while open; asking");
                self.prompt = Some(Prompt::Deleted { id });
                return;
            }
            other => other.map(|()| None).map_err(|x| {
                tracing::warn!("saving enquiry {} failed: {x}", e.id);
                x.to_string()
            }),
        };
        match result {
            Ok(notice) => {
                self.dirty = false;
                self.save_error = None;
                if notice.is_some() {
                    self.notice = notice;
                }
            }
            Err(message) => self.save_error = Some(message),
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
        let status = match (&self.save_error, &self.notice, &self.enquiry) {
            (Some(error), _, Some(e)) => format!("Could not save enquiry {}: {error}", e.id),
            (_, Some(n), _) => n.to_string(),
            (_, None, Some(e)) if self.dirty => format!("Enquiry: {} (not saved)", e.label()),
            (_, None, Some(e)) => format!("Enquiry: {} (saved)", e.label()),
            (_, None, None) => "n new enquiry  e enquiries".to_string(),
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
        // While a question is open, its keys are the only ones that work.
        let (hints, always) = match &self.prompt {
            Some(p) => (p.keys(), &[][..]),
            None => (screen.hints(), &ALWAYS[..]),
        };
        frame.render_widget(
            Paragraph::new(footer_line(hints, always, theme, footer.width)),
            footer,
        );
        if self.help {
            self.help_overlay(frame, body);
        }
        if let Some(p) = &self.prompt {
            p.view(frame, body, theme);
        }
        inert(frame.buffer_mut());
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
        super::prompt::overlay(frame, body, Block::bordered().title(" Help "), lines, 0);
    }
}

/// The screen's key hints, as many as fit, then always help and quit.
/// Help and quit, at the end of every footer but a question's.
const ALWAYS: [(&str, &str); 2] = [("?", "help"), ("q", "quit")];

fn footer_line(
    hints: &[(&'static str, &'static str)],
    always: &[(&'static str, &'static str)],
    theme: Theme,
    width: u16,
) -> Line<'static> {
    let cost = |(key, what): &(&str, &str)| key.chars().count() + what.chars().count() + 3;
    let mut room = usize::from(width).saturating_sub(always.iter().map(cost).sum());
    let mut spans = Vec::new();
    let shown = hints.iter().take_while(|h| {
        let fits = cost(h) <= room;
        room = room.saturating_sub(cost(h));
        fits
    });
    for (key, what) in shown.chain(always.iter()) {
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
fn keep_both(store: &EnquiryStore, e: &mut Enquiry) -> Result<Option<Notice>, String> {
    let theirs = e.id.clone();
    let taken = |id: &str| store.dir().join(format!("{id}.ron")).exists();
    let mut n: u32 = 2;
    while taken(&format!("{theirs}-copy-{n}")) {
        n = n.saturating_add(1);
    }
    e.id = format!("{theirs}-copy-{n}");
    e.revision = 0;
    match store.save(e) {
        Ok(()) => Ok(Some(Notice::Info(format!(
            "Enquiry {theirs} was changed in another qualplan meanwhile: both kept, these edits as {}",
            e.id
        )))),
        Err(x) => Err(x.to_string()),
    }
}

/// The frame made inert, the one boundary between what the app draws and
/// the terminal: any cell holding a character that could act on a terminal
/// or hide itself (`text::hazard`; from a file, an enquiry, an error
/// message or a path) shows U+FFFD instead. Texts are scrubbed or refused
/// where they come in; this makes sure of it for everything drawn.
fn inert(buffer: &mut ratatui::buffer::Buffer) {
    for cell in buffer.content.iter_mut() {
        let symbol = cell.symbol();
        // Most cells are one printable ASCII character: nothing to look up.
        if let [b' '..=b'~'] = symbol.as_bytes() {
            continue;
        }
        if symbol.chars().any(|c| crate::text::hazard(c).is_some()) {
            cell.set_symbol("\u{FFFD}");
        }
    }
}
