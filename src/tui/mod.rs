//! The interactive advisor: a full-screen terminal app over the planner.
//! All computing is the planner's; the TUI presents, asks and navigates.

mod app;
mod chrome;
mod ctx;
mod effect;
mod keys;
mod overlay;
mod prompt;
mod quote_choice;
mod screens;
mod status;
mod terminal;
mod theme;
mod widgets;

// The app without a terminal, for tests and benchmarks: build an `App`,
// drive it with `Key`s, draw it into any ratatui backend, and read the
// Plan & pay screen's state (what it charges) off the top of `App::stack`.
pub use app::App;
pub use ctx::Ctx;
pub use keys::Key;
pub use keys::Keymap;
pub use screens::Screen;
pub use screens::plan::Plan;
pub use status::Notice;
pub use theme::{Theme, ThemeChoice};

/// How the user set the app up (the command line over the config file).
#[derive(Clone, Debug)]
pub struct Settings {
    pub theme: ThemeChoice,
    /// Whether the app takes the mouse (clicks, the wheel) as it starts;
    /// without it the terminal selects text as usual. `M` switches.
    pub mouse: bool,
    /// The keys, with the config file's remappings.
    pub keymap: Keymap,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            theme: ThemeChoice::Auto,
            mouse: true,
            keymap: Keymap::default(),
        }
    }
}

use app::Msg;

use crate::catalogue::Catalogue;
use crate::planner::SearchIndex;
use ratatui::crossterm::event::{self, Event};
use signal_hook::consts::SIGHUP;
use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::{Arc, OnceLock, mpsc};
use std::time::{Duration, Instant};

/// Set to exactly this, `QUALPLAN_TEST_PANIC` makes the app panic after
/// its first frame: the end-to-end tests of the crash path use it, in debug
/// and release builds alike. No other value does anything, so it is not
/// set by accident.
pub const TEST_PANIC: &str = "panic-now-to-test-the-crash-path";

/// Names the day the app takes as today (YYYY-MM-DD) instead of the
/// clock's: the captures in docs/screens, taken through a pseudo-terminal,
/// then show the same dates whenever they are taken.
pub const TODAY_VAR: &str = "QUALPLAN_TODAY";

/// The day the app takes as today: the clock's, or the one `TODAY_VAR`
/// names; a value that is not a date within `bounds::YEARS` is an error
/// that says what to do.
fn today(named: Option<std::ffi::OsString>) -> Result<chrono::NaiveDate, String> {
    let Some(named) = named else {
        return Ok(chrono::Local::now().date_naive());
    };
    let text = named.to_string_lossy();
    chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d")
        .ok()
        .filter(|d| crate::bounds::date_in_range(*d))
        .ok_or_else(|| {
            let years = &crate::bounds::YEARS;
            format!(
                "qualplan: {TODAY_VAR} is `{text}`, not a date as YYYY-MM-DD from {} to {}.\n\
                 Unset it to take today's date from the clock, or set it to a day such as 2026-12-01.",
                years.start(),
                years.end()
            )
        })
}

/// How long the app handles messages waiting in a burst (a flood of keys)
/// before it saves and draws again.
const BURST: Duration = Duration::from_millis(50);

/// Runs the app until the user quits; the terminal is restored on every
/// way out.
pub fn run(
    catalogue: Catalogue,
    setup: crate::enquiry::StoreSetup,
    settings: Settings,
) -> ExitCode {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        crate::text::report(&format!(
            "qualplan: the interactive app needs a terminal, and {} is not one.\n\
             Use a subcommand instead, e.g. `qualplan list`, `qualplan compare` or `qualplan --help`.",
            if std::io::stdout().is_terminal() {
                "standard input"
            } else {
                "standard output"
            }
        ));
        return ExitCode::from(2);
    }
    let today = match today(std::env::var_os(TODAY_VAR)) {
        Ok(d) => d,
        Err(message) => {
            crate::text::report(&message);
            return ExitCode::from(2);
        }
    };
    // Asked before the event reader starts, so the answer is not read as keys.
    let theme = settings
        .theme
        .resolve(theme::no_color(), terminal::ask_background);
    let mut ctx = Ctx::new(catalogue, today, theme);
    ctx.keymap = settings.keymap;
    let mut app = App::new(ctx);
    app.mouse = settings.mouse;
    let shared = matches!(setup.choice, crate::enquiry::StoreChoice::Shared { .. });
    app.setup = setup;
    let mut guard = match terminal::TerminalGuard::enter(app.mouse) {
        Ok(g) => g,
        Err(e) => {
            crate::text::report(&format!("qualplan: cannot take over the terminal: {e}"));
            return ExitCode::from(1);
        }
    };
    let (tx, rx) = mpsc::channel();
    spawn_event_reader(tx.clone());
    spawn_hang_up_watcher(tx.clone());
    app.searcher = Some(spawn_searcher(
        Arc::clone(&app.ctx.catalogue),
        Arc::clone(&app.ctx.index),
        tx.clone(),
    ));
    if shared {
        spawn_poller(tx.clone());
    }
    if let Err(e) = spawn_signal_watcher(tx) {
        drop(guard);
        crate::text::report(&format!("qualplan: cannot watch for signals: {e}"));
        return ExitCode::from(1);
    }
    let test_panic = std::env::var("QUALPLAN_TEST_PANIC").is_ok_and(|v| v == TEST_PANIC);
    let mut open_pending = shared;
    let result = (|| -> std::io::Result<()> {
        loop {
            let size = guard.terminal.size()?;
            app.size = (size.width, size.height);
            // What the app asked of the terminal itself (the clipboard, the
            // mouse), written between frames, never in the middle of one.
            for out in app.output.drain(..) {
                guard.send(&out)?;
            }
            guard.terminal.draw(|frame| app.view(frame))?;
            // A shared store is opened once the first frame is up, so that
            // a slow network never holds the screen; its state shows at once.
            if open_pending {
                open_pending = false;
                app.store();
                continue;
            }
            if test_panic {
                panic!("test panic requested by QUALPLAN_TEST_PANIC");
            }
            // Block until something happens, or a message on the status
            // line is due to go: idle means idle.
            let msg = match app.deadline() {
                Some(due) => match rx.recv_timeout(due.saturating_duration_since(Instant::now())) {
                    Ok(msg) => msg,
                    Err(mpsc::RecvTimeoutError::Timeout) => Msg::Tick(Instant::now()),
                    Err(mpsc::RecvTimeoutError::Disconnected) => return Ok(()),
                },
                None => match rx.recv() {
                    Ok(msg) => msg,
                    Err(_) => return Ok(()),
                },
            };
            let resumed = matches!(msg, Msg::Resumed);
            app.update(msg);
            // Handle whatever else is already queued, for a while, then
            // save once and draw again: a burst never holds the screen.
            let burst = Instant::now();
            while !app.quit && !app.suspend && burst.elapsed() < BURST {
                match rx.try_recv() {
                    Ok(msg) => app.update(msg),
                    Err(_) => break,
                }
            }
            app.flush();
            if app.quit {
                return Ok(());
            }
            if app.suspend {
                app.suspend = false;
                guard.suspend()?;
            } else if resumed {
                guard.resume()?;
            }
        }
    })();
    // However the loop ended (a terminal that failed too), the enquiry is
    // saved if it can be before anything else.
    app.flush();
    drop(guard);
    let hung_up = result.as_ref().is_err_and(is_hang_up);
    tracing::info!(signal = ?app.signal, error = ?result.as_ref().err(), "the app ended");
    if let Some(note) = &app.exit_note {
        crate::text::report(note);
    }
    match result {
        // Ended by a signal: 128 + its number, as shells expect.
        Ok(()) => app
            .signal
            .map_or(ExitCode::SUCCESS, |s| ExitCode::from(exit_code(s))),
        Err(_) if hung_up => ExitCode::from(exit_code(SIGHUP)),
        Err(e) => {
            crate::text::report(&format!("qualplan: the terminal failed: {e}"));
            ExitCode::from(1)
        }
    }
}

/// 128 + the signal's number, as shells expect.
fn exit_code(signal: i32) -> u8 {
    u8::try_from(signal.saturating_add(128)).unwrap_or(u8::MAX)
}

/// Whether an error means the terminal has gone (hung up).
fn is_hang_up(e: &std::io::Error) -> bool {
    e.raw_os_error() == Some(libc::EIO) || e.kind() == std::io::ErrorKind::BrokenPipe
}

/// Reads terminal events on a thread of its own, so the main loop can wait
/// on one channel for keys and signals alike.
fn spawn_event_reader(tx: mpsc::Sender<Msg>) {
    std::thread::spawn(move || {
        loop {
            let msg = match event::read() {
                Ok(Event::Key(k)) => Msg::Key(k),
                Ok(Event::Mouse(m)) => Msg::Mouse(m),
                Ok(Event::Resize(..)) => Msg::Resize,
                Ok(Event::Paste(text)) => Msg::Paste(text),
                Ok(_) => continue,
                Err(_) => {
                    let _ = tx.send(Msg::Terminate(None));
                    return;
                }
            };
            if tx.send(msg).is_err() {
                return;
            }
        }
    });
}

/// Watches the terminal for a hang-up (the window closed, the connection
/// dropped), which the event reader cannot report: on end of file or EIO
/// it reads again and again without returning. `poll` with no events asked
/// for sleeps until the terminal is hung up or in error, so this costs
/// nothing while the terminal is there; then the app saves and ends, even
/// when SIGHUP is ignored (`nohup`).
fn spawn_hang_up_watcher(tx: mpsc::Sender<Msg>) {
    std::thread::spawn(move || {
        let mut fd = libc::pollfd {
            fd: libc::STDIN_FILENO,
            events: 0,
            revents: 0,
        };
        loop {
            // SAFETY: one valid pollfd, for the length of the call.
            let n = unsafe { libc::poll(&mut fd, 1, -1) };
            let gone = libc::POLLHUP | libc::POLLERR | libc::POLLNVAL;
            if n > 0 && fd.revents & gone != 0 {
                let _ = tx.send(Msg::Terminate(Some(SIGHUP)));
                return;
            }
            if n < 0 && std::io::Error::last_os_error().kind() != std::io::ErrorKind::Interrupted {
                return;
            }
        }
    });
}

/// How often the app asks a shared store what others changed.
const POLL: Duration = Duration::from_secs(1);

/// Sends `Msg::Poll` every `POLL`, for a shared store's news.
fn spawn_poller(tx: mpsc::Sender<Msg>) {
    std::thread::spawn(move || {
        while tx.send(Msg::Poll).is_ok() {
            std::thread::sleep(POLL);
        }
    });
}

/// Runs searches on a thread of its own, so that typing stays prompt over
/// a catalogue of any size. Queries typed while one runs are skipped to the
/// latest; results go back to the main loop as `Msg::Found`.
fn spawn_searcher(
    catalogue: Arc<Catalogue>,
    index: Arc<OnceLock<SearchIndex>>,
    tx: mpsc::Sender<Msg>,
) -> mpsc::Sender<String> {
    let (queries, rx) = mpsc::channel::<String>();
    std::thread::spawn(move || {
        // Build the index now, while the user reads the home screen.
        let index = index.get_or_init(|| SearchIndex::new(&catalogue));
        while let Ok(mut query) = rx.recv() {
            while let Ok(newer) = rx.try_recv() {
                query = newer;
            }
            let results = index.search(&query, screens::search::LIMIT);
            if tx.send(Msg::Found(query, results)).is_err() {
                return;
            }
        }
    });
    queries
}

/// SIGINT, SIGTERM, SIGHUP and SIGQUIT end the app through the normal way
/// out (SIGHUP only if it was not ignored when qualplan started: `nohup`
/// means carry on, and the hang-up watcher ends the app when the terminal is
/// gone); SIGTSTP suspends it; SIGCONT takes the terminal again.
fn spawn_signal_watcher(tx: mpsc::Sender<Msg>) -> std::io::Result<()> {
    use signal_hook::consts::{SIGCONT, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    let mut wanted = vec![SIGINT, SIGTERM, SIGQUIT, SIGTSTP, SIGCONT];
    if !ignored(SIGHUP) {
        wanted.push(SIGHUP);
    }
    let mut signals = signal_hook::iterator::Signals::new(wanted)?;
    std::thread::spawn(move || {
        for signal in signals.forever() {
            let msg = match signal {
                SIGTSTP => Msg::Suspend,
                SIGCONT => Msg::Resumed,
                s => Msg::Terminate(Some(s)),
            };
            if tx.send(msg).is_err() {
                return;
            }
        }
    });
    Ok(())
}

/// Whether `signal` was set to be ignored when qualplan started.
fn ignored(signal: i32) -> bool {
    // SAFETY: reads the current action only (a null new action).
    unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        libc::sigaction(signal, std::ptr::null(), &mut old) == 0
            && old.sa_sigaction == libc::SIG_IGN
    }
}

#[cfg(test)]
mod tests;
