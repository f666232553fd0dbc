//! The log and the crash path. qualplan logs to a file in the state
//! directory (never to the terminal, where it would draw over the screen),
//! and a panic anywhere ends with the terminal restored (the TUI's own
//! hook runs first), the details in the log, and a short apology saying
//! where the log is and how to report it.

use std::fs::{self, File, OpenOptions};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// The log's name in the state directory.
pub const LOG_FILE: &str = "qualplan.log";
/// A log larger than this is moved to `qualplan.log.old` at start-up.
const ROTATE_AT: u64 = 1 << 20;

/// `~/.local/state/qualplan` on Linux (the local data directory elsewhere).
pub fn state_dir() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "qualplan")?;
    Some(
        dirs.state_dir()
            .unwrap_or_else(|| dirs.data_local_dir())
            .to_path_buf(),
    )
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
        eprintln!("{}", apology(&message, &location, shown.as_deref()));
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

fn open_log(dir: &Path) -> std::io::Result<(File, PathBuf)> {
    fs::create_dir_all(dir)?;
    let path = dir.join(LOG_FILE);
    if fs::metadata(&path).is_ok_and(|m| m.len() > ROTATE_AT) {
        fs::rename(&path, dir.join(format!("{LOG_FILE}.old")))?;
    }
    let file = OpenOptions::new().create(true).append(true).open(&path)?;
    Ok((file, path))
}
