//! The application state, the messages that change it, the update function
//! and the top-level view (The Elm Architecture). Screens keep their own
//! state (`screens::*`) and answer to one signature (`Component`): the app
//! hands the top screen each event, then does the effects it returns
//! (opening screens, recording into the enquiry, saving, searching,
//! writing quotes). It also owns the keys that work everywhere, the
//! questions that must be answered first (`prompt`), the help and the
//! message log (`overlay`), and the frame around the screens (`chrome`).

use super::chrome;
use super::ctx::Ctx;
use super::effect::{Effect, Event, Outcome, Record};
use super::keys::{self, GLOBAL, Global, Key, KeyGroup};
use super::overlay::{self, Kind, Overlay, Reply};
use super::prompt::{Answer, Prompt, Then};
use super::quote_choice::{Chosen, QuoteChoice};
use super::screens::enquiries::Enquiries;
use super::screens::enquiry::EnquiryForm;
use super::screens::{Component, Screen, home::Home, search};
use super::status::{Notice, Status};
use super::terminal::Output;
use crate::enquiry::{Change, Enquiry, Offline, Saved, Store, StoreSetup, save_enquiry};
use crate::files::Dirs;
use crate::planner::{SearchIndex, SearchResults};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyEvent, MouseEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::widgets::{Paragraph, Wrap};
use std::sync::mpsc;
use std::time::Instant;

/// The smallest terminal the screens are laid out for: 80x24 under a
/// one-line status bar (tmux, screen).
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 23;

/// Everything that can happen to the app.
#[derive(Clone, Debug)]
pub enum Msg {
    Key(KeyEvent),
    Mouse(MouseEvent),
    /// Text pasted into the terminal (bracketed paste).
    Paste(String),
    Resize,
    /// Time has passed: a message on the status line may be due to go.
    Tick(Instant),
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
    /// Time to ask a shared store what others changed.
    Poll,
}

/// The one application state.
pub struct App {
    pub ctx: Ctx,
    /// Screens opened, the current one last; Esc goes back one.
    pub stack: Vec<Screen>,
    /// The help or the message log, over the screen.
    pub overlay: Option<Overlay>,
    pub quit: bool,
    /// Size of the last frame, for mapping mouse clicks.
    pub size: (u16, u16),
    /// The user's folders (`None` without a home); enquiries and quotes
    /// live under `data`.
    pub dirs: Option<Dirs>,
    /// Which store to use, and the advisor recorded with every change.
    pub setup: StoreSetup,
    /// Where enquiries are kept (`None` until first needed, or when the data
    /// directory cannot be found).
    pub store: Option<Box<dyn Store>>,
    /// The active enquiry (`ctx.enquiry`) has changes that are not on disk
    /// yet.
    pub dirty: bool,
    /// Why the last save failed ("No space left on device"), while
    /// its edits are not on disk.
    pub save_error: Option<String>,
    /// A question that must be answered before anything else.
    pub prompt: Option<Prompt>,
    /// Which shortlisted option F3 is to quote, while asked.
    pub quote_choice: Option<QuoteChoice>,
    /// The status line's message and the log of recent ones.
    pub status: Status,
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
    /// Whether the app takes mouse reports (else the terminal selects).
    pub mouse: bool,
    /// What is to be written to the terminal itself before the next frame
    /// (the clipboard, the mouse); the runtime does it.
    pub output: Vec<Output>,
}

impl App {
    pub fn new(ctx: Ctx) -> App {
        App {
            ctx,
            stack: vec![Screen::Home(Home::default())],
            overlay: None,
            quit: false,
            size: (MIN_WIDTH, MIN_HEIGHT),
            dirs: Dirs::of_user(),
            setup: StoreSetup::local(),
            store: None,
            dirty: false,
            save_error: None,
            prompt: None,
            quote_choice: None,
            status: Status::default(),
            signal: None,
            suspend: false,
            exit_note: None,
            searcher: None,
            mouse: true,
            output: Vec::new(),
        }
    }

    pub fn screen(&self) -> &Screen {
        self.stack.last().expect("the home screen is never popped")
    }

    /// The message on the status line, if any.
    pub fn notice(&self) -> Option<&Notice> {
        self.status.current()
    }

    /// When the runtime should next wake without a message: the status
    /// line's message is due to go.
    pub fn deadline(&self) -> Option<Instant> {
        self.status.deadline()
    }

    /// Handles one message. Changes to the enquiry are saved by `flush`,
    /// which the runtime calls once the messages waiting have been handled
    /// (a burst of keys is one save, not one per key).
    pub fn update(&mut self, msg: Msg) {
        match msg {
            Msg::Terminate(signal) => self.terminate(signal),
            Msg::Suspend => self.suspend = true,
            Msg::Resize | Msg::Resumed => {}
            Msg::Tick(now) => self.status.expire(now),
            Msg::Poll => self.hear_changes(),
            Msg::Found(query, results) => self.deliver(Event::Found(query, results)),
            Msg::Paste(text) => self.paste(text),
            Msg::Key(key) => {
                if let Some(key) = keys::from_event(key) {
                    self.key(key);
                }
            }
            Msg::Mouse(mouse) => {
                if let Some(key) = keys::from_mouse(mouse) {
                    self.key(key);
                }
            }
        }
    }

    /// Handles one key and saves what it changed; tests drive the app
    /// through this.
    pub fn act(&mut self, key: Key) {
        self.key(key);
        self.flush();
    }

    /// Whether printable keys are text now (a text field has the focus).
    fn typing(&self) -> bool {
        self.prompt.is_none()
            && self.quote_choice.is_none()
            && self.overlay.is_none()
            && self.screen().typing()
    }

    /// Handles one key, without saving.
    fn key(&mut self, key: Key) {
        // A typed control, bidirectional or invisible character never
        // enters a text (the terminal gives most only when pasted).
        if let Key::Char(c) = key
            && crate::text::hazard(c).is_some()
        {
            return;
        }
        let global = self.ctx.keymap.action(GLOBAL, &(), key, self.typing());
        if global == Some(Global::Suspend) {
            self.suspend = true;
            return;
        }
        if self.prompt.is_some() {
            self.answer(key);
            return;
        }
        if let Some(c) = self.quote_choice.as_mut() {
            match c.update(key, &self.ctx.keymap) {
                Chosen::Choosing => {}
                Chosen::Quote(ids) => {
                    self.quote_choice = None;
                    self.write_quote_of(&ids);
                }
                Chosen::Cancel => {
                    self.quote_choice = None;
                    self.say(Notice::Info("No quote written.".to_string()));
                }
                Chosen::Global(Global::Suspend) => self.suspend = true,
                Chosen::Global(_) => {
                    self.quote_choice = None;
                    self.leave();
                }
            }
            return;
        }
        if let Some(o) = self.overlay.as_mut() {
            match o.update(key, &self.ctx.keymap) {
                Reply::Scrolled => {}
                Reply::Closed => self.overlay = None,
                Reply::Global(Global::Suspend) => self.suspend = true,
                Reply::Global(_) => self.leave(),
            }
            return;
        }
        let (width, height) = self.size;
        if width < MIN_WIDTH || height < MIN_HEIGHT {
            if matches!(
                global,
                Some(Global::Quit | Global::ForceQuit | Global::Back)
            ) {
                self.leave();
            }
            return;
        }
        if let Some((column, row)) = key.position()
            && !body_area(Rect::new(0, 0, width, height)).contains((column, row).into())
        {
            return;
        }
        // The quote's path while its message shows: `y` copies it.
        let quote = match self.status.current() {
            Some(Notice::QuoteWritten { path, .. }) => Some(path.clone()),
            _ => None,
        };
        // The message has been read.
        self.status.clear();
        if global == Some(Global::Copy) {
            self.copy(quote);
            return;
        }
        match global {
            Some(g) => self.global(g),
            None => self.deliver(Event::Key(key)),
        }
    }

    /// Gives the top screen an event, and does what it asks.
    fn deliver(&mut self, event: Event) {
        let screen = self.stack.last_mut().expect("a screen");
        let outcome = screen.update(event, &self.ctx);
        self.perform(outcome);
    }

    /// Does a screen's effects, in order.
    fn perform(&mut self, outcome: Outcome) {
        let Outcome::Done(effects) = outcome else {
            return;
        };
        for effect in effects {
            match effect {
                Effect::Open(screen) => self.open(*screen),
                Effect::Say(notice) => self.say(notice),
                Effect::Record(record) => {
                    if let Record::Answers(p) = &record {
                        self.ctx.answers = Some(p.as_ref().clone());
                    }
                    if let Some(e) = self.ctx.enquiry.as_mut()
                        && record.apply(e)
                    {
                        self.dirty = true;
                    }
                }
                Effect::Shortlist(id) => self.shortlist(id),
                Effect::Search(query) => self.search(query),
                Effect::OpenEnquiry(id) => {
                    if self.ctx.enquiry.as_ref().is_some_and(|e| e.id == id) {
                        self.reopen(&id);
                    } else {
                        self.go_on(Then::Open(id));
                    }
                }
                Effect::DeleteEnquiry(id) => self.delete(&id),
            }
        }
    }

    fn say(&mut self, notice: Notice) {
        self.status.say(notice, Instant::now());
    }

    /// Opens `screen` on top, and tells it it is shown.
    fn open(&mut self, screen: Screen) {
        self.stack.push(screen);
        self.deliver(Event::Shown);
    }

    /// Pasted text (bracketed paste) goes to the focused text field, as one
    /// edit (and so one save).
    fn paste(&mut self, text: String) {
        if self.typing() {
            self.deliver(Event::Paste(text));
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
            && let Some(e) = &self.ctx.enquiry
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
            && let Some(e) = &self.ctx.enquiry
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
            Then::EndCall => self.end_call(),
        }
    }

    /// The advisor's answer to the open question.
    fn answer(&mut self, key: Key) {
        let Some(prompt) = self.prompt.clone() else {
            return;
        };
        let Some(answer) = prompt.answer(key, &self.ctx.keymap) else {
            return;
        };
        self.prompt = None;
        match (answer, prompt) {
            (Answer::Restore, _) => {
                if let Some(e) = self.ctx.enquiry.as_mut() {
                    // Saved as new: the deletion is undone, by choice.
                    e.revision = 0;
                    if let Some(store) = self.store.as_mut() {
                        store.let_go(&e.id);
                    }
                }
                self.save();
            }
            (Answer::KeepDeleted, Prompt::Deleted { id }) => {
                if let Some(store) = self.store.as_mut() {
                    store.let_go(&id);
                }
                self.drop_enquiry();
                self.say(Notice::Info(format!(
                    "Enquiry {id} stays deleted; the edits made here were let go."
                )));
                if self.ctx.keymap.action(GLOBAL, &(), key, false) == Some(Global::ForceQuit) {
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
        self.ctx.enquiry = None;
        self.dirty = false;
        self.save_error = None;
        self.stack.retain(|s| !matches!(s, Screen::Enquiry(_)));
        // A list of enquiries underneath shows what is on disk now.
        self.reload_list();
    }

    /// The list of enquiries on top, if it is, told what is on disk now.
    fn reload_list(&mut self) {
        if matches!(self.stack.last(), Some(Screen::Enquiries(_)))
            && let Some(Ok(report)) = self.store.as_mut().map(|s| s.load_all())
        {
            self.deliver(Event::Enquiries(report));
        }
    }

    /// What others changed (and what became of edits kept offline), taken
    /// in: the list read again, the active enquiry brought up to date or
    /// its deletion asked about, and the advisor told.
    pub fn hear_changes(&mut self) {
        let Some(store) = self.store.as_mut() else {
            return;
        };
        let changes = store.changes();
        if changes.is_empty() {
            return;
        }
        for change in changes {
            self.take_in(change);
        }
        self.reload_list();
    }

    /// Reopens the active enquiry's form, wherever it is in the stack, on
    /// the enquiry as it is now.
    fn reshow_enquiry(&mut self) {
        for i in 0..self.stack.len() {
            if matches!(self.stack[i], Screen::Enquiry(_)) {
                self.stack[i] = Screen::Enquiry(EnquiryForm::new(&self.ctx));
            }
        }
    }

    fn take_in(&mut self, change: Change) {
        let active = |app: &App, id: &str| app.ctx.enquiry.as_ref().is_some_and(|e| e.id == id);
        match change {
            Change::Saved { id, advisor } if active(self, &id) => {
                if self.dirty || self.prompt.is_some() {
                    self.say(Notice::Info(format!(
                        "Also changed by {advisor}: your edits will be kept beside theirs"
                    )));
                } else if let Some(Ok(theirs)) = self.store.as_mut().map(|s| s.load(&id)) {
                    self.ctx.enquiry = Some(theirs);
                    self.reshow_enquiry();
                    self.say(Notice::Info(format!(
                        "Changed by {advisor}: showing their version"
                    )));
                }
            }
            Change::Deleted { id, advisor } if active(self, &id) && self.prompt.is_none() => {
                tracing::warn!("enquiry {id} was deleted by {advisor} while open here; asking");
                self.prompt = Some(Prompt::Deleted { id });
            }
            Change::Pushed { id, base, revision } => {
                if let Some(e) = self
                    .ctx
                    .enquiry
                    .as_mut()
                    .filter(|e| e.id == id && e.revision == base)
                {
                    e.revision = revision;
                }
                self.say(Notice::Info(format!(
                    "Offline edits to {id} are now in the shared store"
                )));
            }
            Change::KeptBoth {
                id,
                base,
                copy,
                revision,
            } => {
                if let Some(e) = self
                    .ctx
                    .enquiry
                    .as_mut()
                    .filter(|e| e.id == id && e.revision == base)
                {
                    e.id = copy.clone();
                    e.revision = revision;
                    self.reshow_enquiry();
                }
                self.say(Notice::Warning(format!(
                    "Changed meanwhile: both kept, your offline edits as {copy}"
                )));
            }
            Change::DeletedMeanwhile { enquiry } => {
                // Asked about as the active enquiry, once nothing else is.
                if self.prompt.is_none() && !self.dirty {
                    let id = enquiry.id.clone();
                    self.ctx.enquiry = Some(*enquiry);
                    self.stack.retain(|s| !matches!(s, Screen::Enquiry(_)));
                    let form = EnquiryForm::new(&self.ctx);
                    self.stack.push(Screen::Enquiry(form));
                    self.prompt = Some(Prompt::Deleted { id });
                } else {
                    self.say(Notice::Warning(format!(
                        "{} deleted elsewhere: your offline edits are kept here",
                        enquiry.id
                    )));
                }
            }
            Change::Reconnected => self.say(Notice::Info("The shared store is back".to_string())),
            Change::Disconnected { why } => self.say(Notice::Warning(format!(
                "Shared store unreachable: edits kept here, sent when it is back ({why})"
            ))),
            Change::Saved { .. } | Change::Deleted { .. } => {}
        }
    }

    /// Runs a search: on the searcher thread when there is one, so that
    /// keys are read and echoed however long a search over a large
    /// catalogue takes; its results come back as `Msg::Found`.
    fn search(&mut self, query: String) {
        match &self.searcher {
            Some(tx) if tx.send(query.clone()).is_ok() => {}
            _ => {
                let results = self
                    .ctx
                    .index
                    .get_or_init(|| SearchIndex::new(&self.ctx.catalogue))
                    .search(&query, search::LIMIT);
                self.deliver(Event::Found(query, results));
            }
        }
    }

    /// The keys that work everywhere.
    fn global(&mut self, action: Global) {
        match action {
            Global::ForceQuit | Global::Quit => self.leave(),
            Global::Back => self.back(),
            Global::Help => self.overlay = Some(Overlay::new(Kind::Help)),
            Global::Messages => self.overlay = Some(Overlay::new(Kind::Messages)),
            Global::Search => {
                if !matches!(self.screen(), Screen::Search(_)) {
                    self.open(Screen::Search(Default::default()));
                }
            }
            Global::NewEnquiry => self.go_on(Then::NewEnquiry),
            Global::Quote => self.write_quote(),
            Global::EndCall => self.go_on(Then::EndCall),
            Global::Enquiries => self.open_enquiries(),
            Global::Suspend => self.suspend = true,
            Global::Copy => self.copy(None),
            Global::Mouse => {
                self.mouse = !self.mouse;
                self.output.push(Output::Mouse(self.mouse));
                self.say(Notice::Info(if self.mouse {
                    "Mouse on: click and scroll in the app (M: off, to select text)".to_string()
                } else {
                    "Mouse off: the terminal selects text (M: on again)".to_string()
                }));
            }
        }
    }

    /// Puts the quote's path (just written), or else the screen's summary,
    /// on the clipboard, and says what was copied.
    fn copy(&mut self, quote: Option<std::path::PathBuf>) {
        let summary = match quote {
            Some(path) => Some(super::screens::Summary {
                what: "the quote's path".to_string(),
                text: path.display().to_string(),
            }),
            None => self.screen().summary(&self.ctx),
        };
        let Some(s) = summary else {
            self.say(Notice::Info(
                "Nothing to copy here (y copies a plan, an upgrade, an option or facts)"
                    .to_string(),
            ));
            return;
        };
        self.output.push(Output::Clipboard(s.text));
        self.say(Notice::Info(format!("Copied to the clipboard: {}", s.what)));
    }

    /// Esc: the screen closes what it has open, or the app closes the
    /// screen.
    fn back(&mut self) {
        let screen = self.stack.last_mut().expect("a screen");
        match screen.update(Event::Back, &self.ctx) {
            Outcome::Ignored if self.stack.len() > 1 => {
                self.stack.pop();
                self.deliver(Event::Shown);
            }
            outcome => self.perform(outcome),
        }
    }

    /// The enquiry store, opened on first use.
    pub fn store(&mut self) -> Option<&mut Box<dyn Store>> {
        if self.store.is_none() {
            let advisor = self.setup.advisor.clone();
            match self
                .dirs
                .as_ref()
                .map(|d| self.setup.choice.open(d, &advisor))
            {
                Some(Ok(store)) => self.store = Some(store),
                Some(Err(e)) => {
                    self.say(Notice::Warning(format!(
                        "Cannot open the enquiries folder: {e}"
                    )));
                }
                None => self.say(Notice::Warning(
                    "No data directory for enquiries (is HOME set?)".to_string(),
                )),
            }
        }
        self.store.as_mut()
    }

    /// Starts a new enquiry and opens its form.
    fn new_enquiry(&mut self) {
        let now = chrono::Local::now().naive_local();
        let Some(store) = self.store() else { return };
        let e = Enquiry::new(store.new_id(now), now);
        let said = format!(
            "New enquiry: kept once something is typed, then saved as you type, in {}.",
            store.place()
        );
        self.ctx.enquiry = Some(e);
        self.dirty = false;
        self.save_error = None;
        self.say(Notice::Info(said));
        let form = EnquiryForm::new(&self.ctx);
        self.open(Screen::Enquiry(form));
    }

    /// F5: the call is over. The active enquiry (saved: `go_on` saw to
    /// that) is closed, and the status line says what it captured.
    fn end_call(&mut self) {
        let Some(e) = self.ctx.enquiry.as_ref() else {
            self.say(Notice::Info(
                "No call to end: n (F2 while typing) starts an enquiry.".to_string(),
            ));
            return;
        };
        let said = if e.is_blank() && e.revision == 0 {
            "Call ended: nothing was typed, so no enquiry was kept.".to_string()
        } else {
            format!("Call ended: {} — {}", e.label(), e.outcome())
        };
        self.drop_enquiry();
        self.say(Notice::Info(said));
    }

    fn open_enquiries(&mut self) {
        let Some(store) = self.store() else { return };
        match store.load_all() {
            Ok(report) => self.open(Screen::Enquiries(Enquiries::new(report))),
            Err(e) => self.say(Notice::Warning(format!("Cannot read the enquiries: {e}"))),
        }
    }

    /// Opens a saved enquiry as the active one; the active one itself
    /// opens as it is in memory, unsaved edits and all.
    fn reopen(&mut self, id: &str) {
        if self.ctx.enquiry.as_ref().is_some_and(|e| e.id == id) {
            let form = EnquiryForm::new(&self.ctx);
            self.open(Screen::Enquiry(form));
            return;
        }
        let Some(store) = self.store() else { return };
        match store.load(id) {
            Ok(e) => {
                self.ctx.enquiry = Some(e);
                self.dirty = false;
                self.save_error = None;
                self.status.clear();
                let form = EnquiryForm::new(&self.ctx);
                self.open(Screen::Enquiry(form));
            }
            Err(e) => self.say(Notice::Warning(e.to_string())),
        }
    }

    fn delete(&mut self, id: &str) {
        let Some(store) = self.store() else { return };
        let result = store.delete(id).and_then(|()| store.load_all());
        match result {
            Ok(report) => {
                if self.ctx.enquiry.as_ref().is_some_and(|e| e.id == id) {
                    self.drop_enquiry();
                }
                self.say(Notice::Info(format!("Deleted enquiry {id}")));
                if matches!(self.stack.last(), Some(Screen::Enquiries(_))) {
                    self.deliver(Event::Enquiries(report));
                }
            }
            Err(e) => self.say(Notice::Warning(format!("Could not delete {id}: {e}"))),
        }
    }

    /// F3: the active enquiry's quote, of the qualification chosen or the
    /// one shortlisted; with two or more shortlisted and none chosen, asks
    /// which (or all).
    fn write_quote(&mut self) {
        let Some(e) = self.ctx.enquiry.as_ref().filter(|_| self.dirs.is_some()) else {
            self.say(Notice::Info(
                "Start an enquiry first (n, or F2 while typing) and choose a qualification."
                    .to_string(),
            ));
            return;
        };
        let options = crate::quote::options(e);
        if options.len() < 2 {
            let ids: Vec<String> = options.iter().map(|id| id.to_string()).collect();
            self.write_quote_of(&ids);
            return;
        }
        let catalogue = &self.ctx.catalogue;
        let titled = options
            .iter()
            .map(|id| {
                let title = catalogue.qualification(id).map_or("", |q| q.title.as_str());
                (id.to_string(), title.to_string())
            })
            .collect();
        self.quote_choice = Some(QuoteChoice::new(titled));
    }

    /// Writes the active enquiry's quote of `ids` (Markdown, one section
    /// each when several) into the quotes folder, and says what it quoted.
    fn write_quote_of(&mut self, ids: &[String]) {
        let (Some(dirs), Some(e)) = (self.dirs.as_ref(), self.ctx.enquiry.as_ref()) else {
            return;
        };
        let targets: Vec<&str> = ids.iter().map(String::as_str).collect();
        let built = crate::quote::build_all(&self.ctx.catalogue, e, &targets, self.ctx.today);
        let notice = match built {
            Ok(quotes) => {
                let text = crate::quote::markdown_all(&quotes);
                match crate::quote::save(&quotes[0], &dirs.quotes(), "md", &text) {
                    Ok(path) => {
                        if let Some(e) = self.ctx.enquiry.as_mut() {
                            e.quoted = Some(chrono::Local::now().naive_local());
                            self.dirty = true;
                        }
                        let what = match ids {
                            [one] => one.clone(),
                            many => format!("{} options ({})", many.len(), many.join(", ")),
                        };
                        Notice::QuoteWritten { what, path }
                    }
                    Err(x) => Notice::Warning(format!("Could not write the quote: {x}")),
                }
            }
            Err(x) => Notice::Warning(format!("No quote yet: {x}")),
        };
        self.say(notice);
    }

    /// Adds (or removes) a qualification to the enquiry's shortlist.
    fn shortlist(&mut self, id: String) {
        let Some(e) = self.ctx.enquiry.as_mut() else {
            self.say(Notice::Info(
                "Start an enquiry first (n, or F2 while typing); a adds to its shortlist."
                    .to_string(),
            ));
            return;
        };
        let notice = match e.shortlist.iter().position(|x| *x == id) {
            Some(i) => {
                e.shortlist.remove(i);
                Notice::Info(format!("Removed {id} from the shortlist"))
            }
            None if e.shortlist.len() >= crate::bounds::enquiry::LIST_ENTRIES => {
                let notice = Notice::Warning(format!(
                    "The shortlist holds at most {} qualifications; remove one first.",
                    crate::bounds::enquiry::LIST_ENTRIES
                ));
                self.say(notice);
                return;
            }
            None => {
                e.shortlist.push(id.clone());
                Notice::Info(format!("Added {id} to the shortlist"))
            }
        };
        self.dirty = true;
        self.say(notice);
    }

    /// Saves the active enquiry now (atomically). A failure is shown and
    /// the enquiry stays in memory, to be saved at the next change; an
    /// enquiry deleted elsewhere is not saved again unless the advisor says
    /// so; one saved by another qualplan meanwhile is saved beside it.
    fn save(&mut self) {
        let now = chrono::Local::now().naive_local();
        let (Some(store), Some(e)) = (self.store.as_mut(), self.ctx.enquiry.as_mut()) else {
            return;
        };
        match save_enquiry(store.as_mut(), e, &self.setup.advisor, now) {
            Ok(Saved::DeletedElsewhere { id }) => {
                tracing::warn!("enquiry {id} was deleted elsewhere while open; asking");
                self.prompt = Some(Prompt::Deleted { id });
            }
            Ok(saved) => {
                self.dirty = false;
                self.save_error = None;
                if let Some(notice) = saved.notice() {
                    tracing::warn!("{notice}");
                    self.say(Notice::Info(notice));
                }
            }
            Err(x) => {
                tracing::warn!("saving enquiry {} failed: {x}", e.id);
                self.save_error = Some(x.to_string());
            }
        }
    }

    /// Draws the whole frame from the state.
    pub fn view(&self, frame: &mut Frame) {
        let area = frame.area();
        let theme = self.ctx.theme;
        // The theme's own background and text colour under everything.
        frame.render_widget(ratatui::widgets::Block::new().style(theme.base()), area);
        if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
            let text = format!(
                "qualplan needs a terminal of at least {MIN_WIDTH}x{MIN_HEIGHT}; this one is {}x{}. Make the window larger, or press q to quit.",
                area.width, area.height
            );
            frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
            return;
        }
        let [header, body, status, bar] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Min(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(area);
        let screen = self.screen();
        let trail: Vec<String> = self.stack.iter().map(Screen::title).collect();
        let label = self.ctx.enquiry.as_ref().map(Enquiry::label);
        let enquiry = label.as_deref().map(|l| (l, !self.dirty));
        chrome::header(frame, header, &trail.join(" > "), enquiry, theme);
        screen.view(frame, body, &self.ctx);
        let offline = self.store.as_ref().and_then(|s| s.offline());
        let said = match (self.notice(), &self.save_error, &self.ctx.enquiry) {
            (Some(n), _, _) => Some((n.to_string(), n.is_warning())),
            (None, Some(error), Some(e)) => {
                Some((format!("Could not save enquiry {}: {error}", e.id), true))
            }
            _ => offline.as_ref().map(|o| (offline_status(o), true)),
        };
        let typing = self.typing();
        chrome::status_line(
            frame,
            status,
            said,
            &self.global_key(Global::Messages, typing),
            theme,
        );
        let keymap = &self.ctx.keymap;
        let mut global = keymap.group("Everywhere", GLOBAL, &(), typing);
        if self.stack.len() == 1 {
            // Nothing to go back to.
            global.keys.retain(|k| k.bar != "back");
        }
        if self.ctx.enquiry.is_none() {
            // No call to end.
            global.keys.retain(|k| k.bar != "end call");
        }
        let (groups, global): (Vec<KeyGroup>, KeyGroup) = match (&self.prompt, &self.overlay) {
            // While a question is open, its keys are the only ones that work.
            (Some(p), _) => (vec![p.keys(keymap)], KeyGroup::default()),
            (None, _) if self.quote_choice.is_some() => (
                self.quote_choice.iter().map(|c| c.keys(keymap)).collect(),
                KeyGroup::default(),
            ),
            (None, Some(_)) => {
                global.keys.retain(|k| k.bar == "quit");
                global.keys.insert(
                    0,
                    keys::KeyHelp {
                        keys: vec![Key::Esc],
                        bar: "close",
                        help: "close",
                    },
                );
                (
                    vec![super::widgets::scroll::keys(keymap, "", false)],
                    global,
                )
            }
            (None, None) => (screen.keys(&self.ctx), global),
        };
        chrome::key_bar(frame, bar, &groups, &global, theme);
        if let Some(o) = &self.overlay {
            let lines = match o.kind {
                Kind::Help => overlay::help_lines(
                    &screen.title(),
                    screen.keys(&self.ctx),
                    keymap,
                    screen.typing(),
                    theme,
                ),
                Kind::Messages => overlay::message_lines(&self.status, theme),
            };
            o.view(frame, body, lines, theme);
        }
        if let Some(c) = &self.quote_choice {
            c.view(frame, body, theme);
        }
        if let Some(p) = &self.prompt {
            p.view(frame, body, theme, keymap);
        }
        inert(frame.buffer_mut());
    }

    /// The first key bound to a global action that works now.
    fn global_key(&self, action: Global, typing: bool) -> String {
        GLOBAL
            .iter()
            .filter(|b| b.action == action)
            .flat_map(|b| self.ctx.keymap.keys(b))
            .find(|k| !(typing && k.is_text()))
            .map_or(String::new(), |k| k.label())
    }
}

/// Where screens draw: everything but the header, the status line and the
/// key bar.
pub fn body_area(area: Rect) -> Rect {
    Rect::new(
        area.x,
        area.y + 1,
        area.width,
        area.height.saturating_sub(3),
    )
}

/// The status line while the shared store cannot be reached: what
/// matters first, since 80 columns cut the rest (the message log has the
/// reason in full).
fn offline_status(o: &Offline) -> String {
    match o.waiting {
        0 => format!("Offline: edits will be kept on this computer ({})", o.why),
        1 => format!(
            "Offline: 1 edit kept here, sent when the store is back ({})",
            o.why
        ),
        n => format!(
            "Offline: {n} edits kept here, sent when the store is back ({})",
            o.why
        ),
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
