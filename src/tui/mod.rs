//! The interactive advisor: a full-screen terminal app over the planner.
//! All computing is the planner's; the TUI presents, asks and navigates.

mod app;
mod keys;
mod screens;
mod terminal;
mod theme;

// The app without a terminal, for tests and benchmarks: build an `App`,
// drive it with `Action`s, draw it into any ratatui backend, and read the
// Plan & pay screen's state (what it charges) off the top of `App::stack`.
pub use app::{App, Ctx, Notice};
pub use keys::Action;
pub use screens::Screen;
pub use screens::plan::Plan;
pub use theme::Theme;

use app::Msg;

use crate::catalogue::Catalogue;
use crate::planner::SearchIndex;
use ratatui::crossterm::event::{self, Event};
use std::io::IsTerminal;
use std::process::ExitCode;
use std::sync::{Arc, OnceLock, mpsc};

/// Runs the app until the user quits; the terminal is restored on every
/// way out.
pub fn run(catalogue: Catalogue) -> ExitCode {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        eprintln!(
            "qualplan: the interactive app needs a terminal, and {} is not one.\n\
             Use a subcommand instead, e.g. `qualplan list`, `qualplan compare` or `qualplan --help`.",
            if std::io::stdout().is_terminal() {
                "standard input"
            } else {
                "standard output"
            }
        );
        return ExitCode::from(2);
    }
    let today = chrono::Local::now().date_naive();
    let mut app = App::new(Ctx::new(catalogue, today, Theme::from_env()));
    let mut guard = match terminal::TerminalGuard::enter() {
        Ok(g) => g,
        Err(e) => {
            eprintln!("qualplan: cannot take over the terminal: {e}");
            return ExitCode::from(1);
        }
    };
    let (tx, rx) = mpsc::channel();
    spawn_event_reader(tx.clone());
    app.searcher = Some(spawn_searcher(
        Arc::clone(&app.ctx.catalogue),
        Arc::clone(&app.ctx.index),
        tx.clone(),
    ));
    if let Err(e) = spawn_signal_watcher(tx) {
        drop(guard);
        eprintln!("qualplan: cannot watch for signals: {e}");
        return ExitCode::from(1);
    }
    let result = (|| -> std::io::Result<()> {
        loop {
            let size = guard.terminal.size()?;
            app.size = (size.width, size.height);
            guard.terminal.draw(|frame| app.view(frame))?;
            // A hidden trigger for the end-to-end tests of the crash path;
            // compiled into debug builds only.
            #[cfg(debug_assertions)]
            if std::env::var_os("QUALPLAN_TEST_PANIC").is_some() {
                panic!("test panic requested by QUALPLAN_TEST_PANIC");
            }
            // Block until something happens: idle means idle.
            let Ok(msg) = rx.recv() else { return Ok(()) };
            app.update(msg);
            // Handle whatever else is already queued before drawing again.
            while let Ok(msg) = rx.try_recv() {
                app.update(msg);
            }
            if app.quit {
                return Ok(());
            }
        }
    })();
    drop(guard);
    tracing::info!(signal = ?app.signal, error = ?result.as_ref().err(), "the app ended");
    match result {
        // Ended by a signal: 128 + its number, as shells expect.
        Ok(()) => app
            .signal
            .map_or(ExitCode::SUCCESS, |s| ExitCode::from((128 + s) as u8)),
        Err(e) => {
            eprintln!("qualplan: the terminal failed: {e}");
            ExitCode::from(1)
        }
    }
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
                Err(_) => Msg::Terminate(None),
            };
            if tx.send(msg).is_err() {
                return;
            }
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

/// SIGINT, SIGTERM and SIGHUP end the app through the normal way out.
fn spawn_signal_watcher(tx: mpsc::Sender<Msg>) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            let _ = tx.send(Msg::Terminate(Some(signal)));
        }
    });
    Ok(())
}
#[cfg(test)]
mod tests;
