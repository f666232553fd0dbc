//! The log and the crash path. qualplan logs to a file in the state
//! directory (never to the terminal, where it would draw over the screen),
//! and a panic anywhere ends with the terminal restored (the TUI's own
//! hook runs first), the details in the log, and a short apology saying
//! where the log is and how to report it.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The log's name in the state directory.
pub const LOG_FILE: &str = "qualplan.log";
/// A log larger than this is moved to `qualplan.log.old` at start-up.
const ROTATE_AT: u64 = 1 << 20;

/// `~/.local/state/qualplan` on Linux (the local data directory elsewhere).
pub fn state_dir() -> Option<PathBuf> {
    crate::files::Dirs::of_user().map(|d| d.state)
}

/// Starts logging to `dir/qualplan.log` and installs the panic hook.
/// Returns the log's path, or `None` when it cannot be opened (qualplan
/// then runs without a log; the apology says so).
pub fn install(dir: Option<&Path>) -> Option<PathBuf> {
    let log = dir.and_then(|dir| open_log(dir).ok());
    if let Some((file, _)) = &log
        && let Ok(file) = file.try_clone()
    {
        let _ = tracing_subscriber::fmt()
            .with_writer(Mutex::new(file))
            .with_ansi(false)
            .with_target(false)
            .try_init();
    }
    let path = log.map(|(_, path)| path);
    let shown = path.clone();
    std::panic::set_hook(Box::new(move |info| {
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".to_string());
        let backtrace = std::backtrace::Backtrace::force_capture();
        tracing::error!("panic at {location}: {message}\n{backtrace}");
        crate::text::report(&apology(&message, &location, shown.as_deref()));
    }));
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "qualplan started");
    path
}

/// What the user reads after a crash.
pub fn apology(message: &str, location: &str, log: Option<&Path>) -> String {
    let details = match log {
        Some(path) => format!("The details are in {}.", path.display()),
        None => "No log could be written (the state directory is not writable).".to_string(),
    };
    format!(
        "qualplan stopped because of a bug, sorry. Enquiries are saved as you type, so \
         nothing saved before this moment is lost.\n\
         What went wrong: {} ({location})\n\
         {details}\n\
         Please report it (README.md, \"Reporting a problem\"), attaching that file and \
         saying what you were doing.",
        crate::text::neutralise(message)
    )
}

/// The log, private (0600, in a 0700 folder when qualplan makes it), never
/// opened through a link or as a special file.
fn open_log(dir: &Path) -> std::io::Result<(File, PathBuf)> {
    crate::files::private_dir(dir)?;
    let path = dir.join(LOG_FILE);
    if fs::symlink_metadata(&path).is_ok_and(|m| m.is_file() && m.len() > ROTATE_AT) {
        fs::rename(&path, dir.join(format!("{LOG_FILE}.old")))?;
    }
    let file = crate::files::open_append(&path)?;
    Ok((file, path))
}
