//! The log and the crash path. qualplan logs to a file in the state
//! directory (never to the terminal, where it would draw over the screen):
//! what went wrong always, what it does only in the app or with
//! `--verbose`, and nothing at all (not even the file) when all is well,
//! and a panic anywhere ends with the terminal restored (the TUI's own
//! hook runs first), the details in the log, and a short apology saying
//! where the log is and how to report it.

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// The log's name in the state directory.
pub const LOG_FILE: &str = "qualplan.log";
/// A log larger than this is moved to `qualplan.log.old` at start-up.
const ROTATE_AT: u64 = 1 << 20;

/// `~/.local/state/qualplan` on Linux (the local data directory elsewhere).
pub fn state_dir() -> Option<PathBuf> {
    crate::files::Dirs::of_user().map(|d| d.state)
}

/// How much goes into the log.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogDetail {
    /// Only what went wrong (warnings, errors, a crash): a command that
    /// works leaves no trace on the disk.
    Problems,
    /// What qualplan does as well: the app, and commands run with
    /// `--verbose`.
    Everything,
}

/// The log file, opened (and its folder made) only when the first line is
/// written, so that logging nothing touches nothing.
struct LazyLog {
    dir: Option<PathBuf>,
    file: Mutex<Option<std::io::Result<File>>>,
}

impl LazyLog {
    fn write(&self, bytes: &[u8]) -> std::io::Result<()> {
        let mut file = self.file.lock().unwrap_or_else(|e| e.into_inner());
        let file = file.get_or_insert_with(|| match &self.dir {
            Some(dir) => open_log(dir),
            None => Err(std::io::Error::other("no state directory")),
        });
        match file {
            Ok(f) => f.write_all(bytes),
            Err(e) => Err(std::io::Error::new(e.kind(), e.to_string())),
        }
    }

    /// Whether the log has been written to.
    fn written(&self) -> bool {
        matches!(
            *self.file.lock().unwrap_or_else(|e| e.into_inner()),
            Some(Ok(_))
        )
    }
}

/// One line's writer: a handle on the shared log.
struct LogLine(Arc<LazyLog>);

impl Write for LogLine {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.write(bytes).map(|()| bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Starts logging to `dir/qualplan.log` (at `detail`) and installs the
/// panic hook. The file is opened only when there is something to write;
/// if it cannot be, qualplan runs without a log and the apology says so.
pub fn install(dir: Option<&Path>, detail: LogDetail) {
    let log = Arc::new(LazyLog {
        dir: dir.map(Path::to_path_buf),
        file: Mutex::new(None),
    });
    let writer = Arc::clone(&log);
    let _ = tracing_subscriber::fmt()
        .with_writer(move || LogLine(Arc::clone(&writer)))
        .with_max_level(match detail {
            LogDetail::Problems => tracing::Level::WARN,
            LogDetail::Everything => tracing::Level::INFO,
        })
        .with_ansi(false)
        .with_target(false)
        .try_init();
    let path = dir.map(|d| d.join(LOG_FILE));
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
        let shown = path.as_deref().filter(|_| log.written());
        crate::text::report(&apology(&message, &location, shown));
    }));
    tracing::info!(version = env!("CARGO_PKG_VERSION"), "qualplan started");
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
fn open_log(dir: &Path) -> std::io::Result<File> {
    crate::files::private_dir(dir)?;
    let path = dir.join(LOG_FILE);
    if fs::symlink_metadata(&path).is_ok_and(|m| m.is_file() && m.len() > ROTATE_AT) {
        fs::rename(&path, dir.join(format!("{LOG_FILE}.old")))?;
    }
    crate::files::open_append(&path)
}
