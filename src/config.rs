//! The config file: `config.ron` in the config folder
//! (`~/.config/qualplan/config.ron`), beside a provider's own catalogue.
//! Everything in it is optional and no file at all is the usual case: the
//! enquiries stay in the advisor's own folder and the advisor is named by
//! their user name on this computer.
//!
//! ```ron
//! (
//!     advisor: "Sam Patel",
//!     store: (
//!         url: "postgres://sam@db.example.org/qualplan?sslmode=verify-full",
//!         password: "only in a file no one else can read",
//!     ),
//! )
//! ```
//!
//! The file is checked as strictly as the catalogue: an unknown or
//! misspelt setting is an error naming the file, line and column. A file
//! that holds a password must be readable by its owner alone (mode 0600),
//! as `~/.pgpass` must; and no message ever shows the password.
//!
//! New sections (the app's colours, key bindings and mouse) go in `Config`
//! as fields of their own, each `#[serde(default)]`, so that every file
//! written before them still loads.

use crate::files::{self, Links};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

/// The config file's name in the config folder.
pub const FILE_NAME: &str = "config.ron";

/// The largest config file read; a real one is a few hundred bytes.
const MAX_BYTES: u64 = 64 << 10;

/// Every setting, each optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The advisor's name, recorded with every change they make to an
    /// enquiry (default: the user name on this computer).
    #[serde(default)]
    pub advisor: Option<String>,
    /// Where enquiries are kept (default: the advisor's own folder).
    #[serde(default)]
    pub store: Option<StoreSetting>,
    /// The app's colours: "auto" (the default), "dark", "light",
    /// "high-contrast" or "monochrome"; `--theme` overrides it.
    #[serde(default)]
    pub theme: Option<String>,
    /// Keys remapped, an action's name to its keys: `{ "quit": "x" }`
    /// (docs/guide.md lists the actions).
    #[serde(default)]
    pub keys: BTreeMap<String, String>,
    /// Whether the app takes the mouse as it starts (default: yes); off,
    /// the terminal selects text. `M` in the app switches.
    #[serde(default)]
    pub mouse: Option<bool>,
}

/// A shared store: its connection string, and perhaps its password.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StoreSetting {
    /// `postgres://USER@HOST:PORT/DATABASE?sslmode=...`, without a password.
    pub url: String,
    /// The database password (the file must then be mode 0600).
    #[serde(default)]
    pub password: Option<Secret>,
}

/// A password: never shown, not even in debugging output.
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(text: impl Into<String>) -> Secret {
        Secret(text.into())
    }

    /// The password itself, for the database's handshake only.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(********)")
    }
}

/// The config file as read: its settings and where it was.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Loaded {
    pub config: Config,
    /// `None` when there is no config file.
    pub path: Option<PathBuf>,
}

/// A config file that cannot be used: where, what is wrong and what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    pub file: PathBuf,
    /// 1-based; 0 when the problem is the file as a whole.
    pub line: usize,
    pub column: usize,
    pub message: String,
    pub help: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::text::neutralise;
        let file = self.file.display().to_string();
        if self.line == 0 {
            write!(
                f,
                "error: {}: {}",
                neutralise(&file),
                neutralise(&self.message)
            )?;
        } else {
            write!(
                f,
                "error: {}:{}:{}: {}",
                neutralise(&file),
                self.line,
                self.column,
                neutralise(&self.message)
            )?;
        }
        write!(f, "\n  help: {}", self.help)
    }
}

impl std::error::Error for ConfigError {}

/// Reads `config.ron` from `dir`; no file is no settings.
pub fn load(dir: &Path) -> Result<Loaded, ConfigError> {
    let path = dir.join(FILE_NAME);
    let whole = |message: String, help: &str| ConfigError {
        file: path.clone(),
        line: 0,
        column: 0,
        message,
        help: help.to_string(),
    };
    let bytes = match files::read_limited(&path, MAX_BYTES, Links::Follow) {
        Ok(bytes) => bytes,
        Err(e)
            if e.kind() == std::io::ErrorKind::NotFound
                && std::fs::symlink_metadata(&path).is_err() =>
        {
            return Ok(Loaded::default());
        }
        Err(e) => {
            return Err(whole(
                format!("cannot read the config file: {e}"),
                "fix its permissions or move it away (qualplan then uses its defaults)",
            ));
        }
    };
    let text = String::from_utf8(bytes).map_err(|_| {
        whole(
            "the config file is not UTF-8 text".into(),
            "save it as UTF-8",
        )
    })?;
    let config = parse(&text).map_err(|(line, column, message, help)| ConfigError {
        file: path.clone(),
        line,
        column,
        message,
        help,
    })?;
    if config.store.as_ref().is_some_and(|s| s.password.is_some()) {
        check_private(&path, &text)?;
    }
    Ok(Loaded {
        config,
        path: Some(path),
    })
}

/// Line, column, message and help of a problem in the text.
type Problem = (usize, usize, String, String);

/// Parses the text (`Some(...)` may be left out around optional values).
pub fn parse(text: &str) -> Result<Config, Problem> {
    let options = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_recursion_limit(8);
    let config: Config = options.from_str(text).map_err(|e| {
        let (line, column) = (e.span.start.line, e.span.start.col);
        // The parser quotes what it found; on a password's line that could
        // be the password, so it is described instead.
        let message = if password_line(text, line) {
            "the password is not written as text in double quotes".to_string()
        } else {
            e.code.to_string()
        };
        (line, column, message, help_for(&e.code).to_string())
    })?;
    if let Some(store) = &config.store
        && store.url.trim().is_empty()
    {
        let (line, column) = position_of(text, "url");
        return Err((
            line,
            column,
            "the store's url is empty".into(),
            "write the connection string, e.g. url: \"postgres://sam@db.example.org/qualplan\", or leave out `store` to keep enquiries in your own folder".into(),
        ));
    }
    if let Some(advisor) = &config.advisor
        && (advisor.trim().is_empty()
            || advisor.chars().count() > crate::bounds::enquiry::NAME_CHARS
            || advisor.chars().any(|c| crate::text::hazard(c).is_some()))
    {
        let (line, column) = position_of(text, "advisor");
        return Err((
            line,
            column,
            "the advisor's name must be plain text of 1 to 200 characters".into(),
            "write it as people should see it in the enquiry list, e.g. advisor: \"Sam Patel\""
                .into(),
        ));
    }
    if let Some(theme) = &config.theme
        && crate::tui::ThemeChoice::from_name(theme).is_none()
    {
        let (line, column) = position_of(text, "theme");
        return Err((
            line,
            column,
            format!(
                "there is no theme named \"{}\"",
                crate::text::neutralise(theme)
            ),
            format!(
                "write one of {}, e.g. theme: \"light\"",
                crate::tui::ThemeChoice::NAMES.join(", ")
            ),
        ));
    }
    if let Err(problems) =
        crate::tui::Keymap::from_config(config.keys.iter().map(|(a, k)| (a.as_str(), k.as_str())))
    {
        // The first problem in the file; the message says how many more.
        let first = problems
            .iter()
            .map(|p| (position_of_quoted(text, &p.action), p))
            .min_by_key(|(at, _)| *at);
        if let Some(((line, column), p)) = first {
            let more = match problems.len() - 1 {
                0 => String::new(),
                n => format!(
                    " ({n} more problem{} with keys)",
                    if n == 1 { "" } else { "s" }
                ),
            };
            return Err((
                line,
                column,
                format!("{}{more}", crate::text::neutralise(&p.message)),
                p.help.clone(),
            ));
        }
    }
    Ok(config)
}

/// The app's settings from the config file, the command line's theme
/// (`--theme`) over the file's. `parse` has checked every value.
pub fn app_settings(
    config: &Config,
    theme: Option<crate::tui::ThemeChoice>,
) -> crate::tui::Settings {
    let keymap =
        crate::tui::Keymap::from_config(config.keys.iter().map(|(a, k)| (a.as_str(), k.as_str())))
            .unwrap_or_default();
    crate::tui::Settings {
        theme: theme
            .or_else(|| {
                config
                    .theme
                    .as_deref()
                    .and_then(crate::tui::ThemeChoice::from_name)
            })
            .unwrap_or_default(),
        mouse: config.mouse.unwrap_or(true),
        keymap,
    }
}

/// Where `"name"` (in double quotes, as a map's key) first appears after
/// `keys:` (line and column, 1-based); the start of `keys` otherwise.
fn position_of_quoted(text: &str, name: &str) -> (usize, usize) {
    let needle = format!("\"{name}\"");
    let (from_line, _) = position_of(text, "keys");
    for (i, l) in text.lines().enumerate().skip(from_line.saturating_sub(1)) {
        if let Some(at) = l.find(&needle) {
            return (i + 1, l[..at].chars().count() + 1);
        }
    }
    position_of(text, "keys")
}

/// Whether line `line` (1-based) of the text names the password.
fn password_line(text: &str, line: usize) -> bool {
    line >= 1
        && text
            .lines()
            .nth(line - 1)
            .is_some_and(|l| l.contains("password"))
}

/// Where a setting's name first appears (line and column, 1-based).
fn position_of(text: &str, key: &str) -> (usize, usize) {
    let needle = format!("{key}:");
    for (i, l) in text.lines().enumerate() {
        if let Some(at) = l.find(&needle) {
            return (i + 1, l[..at].chars().count() + 1);
        }
    }
    (1, 1)
}

fn help_for(code: &ron::Error) -> &'static str {
    use ron::Error as E;
    match code {
        E::NoSuchStructField { .. } => {
            "check the setting's spelling: the settings are advisor, store (url, password), theme, keys and mouse; docs/team.md and docs/guide.md have examples"
        }
        E::DuplicateStructField { .. } => "give the setting once",
        E::MissingStructField { .. } => "a store needs its url",
        E::ExpectedString | E::ExpectedStringEnd => "put text in double quotes",
        _ => "fix the syntax at this position; docs/team.md has an example of the file",
    }
}

/// A password may only sit in a file no one else can read, and that is
/// the user's own (not a file someone else planted, or a link to one).
fn check_private(path: &Path, text: &str) -> Result<(), ConfigError> {
    #[cfg(unix)]
    {
        // SAFETY: geteuid has no preconditions.
        let me = unsafe { libc::geteuid() };
        if let Some(message) = not_private(path, me) {
            let (line, column) = position_of(text, "password");
            return Err(ConfigError {
                file: path.to_path_buf(),
                line,
                column,
                message,
                help: format!(
                    "make it your own and private (`chmod 600 {}`), or take the password out and use PGPASSWORD or ~/.pgpass",
                    path.display()
                ),
            });
        }
    }
    #[cfg(not(unix))]
    let _ = (path, text);
    Ok(())
}

/// What is wrong with `path` (followed through links) as a place for a
/// password of the user `me`'s.
#[cfg(unix)]
fn not_private(path: &Path, me: u32) -> Option<String> {
    use std::os::unix::fs::MetadataExt;
    let Ok(meta) = std::fs::metadata(path) else {
        return Some("the file holds a password but its permissions cannot be read".into());
    };
    let mode = meta.mode() & 0o777;
    if meta.uid() != me {
        Some(format!(
            "the file holds a password but belongs to another user (uid {})",
            meta.uid()
        ))
    } else if mode & 0o077 != 0 {
        Some(format!(
            "the file holds a password but others may read it (mode {mode:04o})"
        ))
    } else {
        None
    }
}

/// The advisor's name: the config file's, else the user name on this
/// computer (`USER`, `LOGNAME`, then the account database).
pub fn advisor(config: &Config) -> String {
    if let Some(name) = &config.advisor {
        return name.trim().to_string();
    }
    let from_env = ["USER", "LOGNAME"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .map(|v| v.trim().to_string())
        .find(|v| !v.is_empty() && !v.chars().any(|c| crate::text::hazard(c).is_some()));
    from_env
        .or_else(account_name)
        .unwrap_or_else(|| "unknown advisor".to_string())
}

/// The name of the account this process runs as.
fn account_name() -> Option<String> {
    #[cfg(unix)]
    {
        let mut buf = vec![0 as libc::c_char; 4096];
        // SAFETY: zeroed plain C struct, filled by getpwuid_r.
        let mut pwd: libc::passwd = unsafe { std::mem::zeroed() };
        let mut result: *mut libc::passwd = std::ptr::null_mut();
        // SAFETY: every pointer is valid for the call; buf's length is given.
        let rc = unsafe {
            libc::getpwuid_r(
                libc::getuid(),
                &mut pwd,
                buf.as_mut_ptr(),
                buf.len(),
                &mut result,
            )
        };
        if rc != 0 || result.is_null() || pwd.pw_name.is_null() {
            return None;
        }
        // SAFETY: getpwuid_r succeeded: pw_name is a NUL-terminated string in buf.
        let name = unsafe { std::ffi::CStr::from_ptr(pwd.pw_name) };
        Some(name.to_string_lossy().into_owned())
    }
    #[cfg(not(unix))]
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_documented_example_loads() {
        let c = parse(
            r#"(
                advisor: "Sam Patel",
                store: (
                    url: "postgres://sam@db.example.org/qualplan?sslmode=verify-full",
                    password: "hunter2",
                ),
            )"#,
        )
        .unwrap();
        assert_eq!(c.advisor.as_deref(), Some("Sam Patel"));
        let store = c.store.unwrap();
        assert_eq!(
            store.url,
            "postgres://sam@db.example.org/qualplan?sslmode=verify-full"
        );
        assert_eq!(store.password.unwrap().expose(), "hunter2");
        // Some(...) written out is fine too, and an empty file is no settings.
        assert_eq!(
            parse("(advisor: Some(\"Jo\"))").unwrap().advisor.as_deref(),
            Some("Jo")
        );
        assert_eq!(parse("()").unwrap(), Config::default());
    }

    #[test]
    fn a_misspelt_setting_is_named_with_its_line_and_column() {
        let (line, column, message, help) = parse("(\n    advisr: \"Sam\",\n)").unwrap_err();
        assert_eq!((line, column), (2, 5));
        assert!(message.contains("advisr"), "{message}");
        assert!(help.contains("advisor, store"), "{help}");
    }

    #[test]
    fn a_password_is_never_quoted_in_an_error() {
        for text in [
            "(store: (url: \"postgres://h/db\", password: hunter2))",
            "(store: (url: \"postgres://h/db\", password: 123456789))",
            "(store: (url: \"postgres://h/db\", password: \"hunter2\", pasword: \"hunter2\"))",
        ] {
            let (_, _, message, help) = parse(text).unwrap_err();
            assert!(
                !message.contains("hunter2") && !message.contains("123456789"),
                "{message}"
            );
            assert!(!help.contains("hunter2"), "{help}");
        }
        assert!(!format!("{:?}", Secret::new("hunter2")).contains("hunter2"));
    }

    #[test]
    fn a_password_needs_a_private_file() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        std::fs::write(
            &path,
            "(\n  store: (\n    url: \"postgres://sam@h/db\",\n    password: \"hunter2\",\n  ),\n)\n",
        )
        .unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let e = load(dir.path()).unwrap_err();
        assert_eq!((e.line, e.column), (4, 5));
        let shown = e.to_string();
        assert!(
            shown.contains("mode 0644") && shown.contains("chmod 600"),
            "{shown}"
        );
        assert!(!shown.contains("hunter2"), "{shown}");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert!(load(dir.path()).is_ok());
        // A private file of someone else's (a link to it planted here, say)
        // is not the user's to trust.
        let mine = std::os::unix::fs::MetadataExt::uid(&std::fs::metadata(&path).unwrap());
        let shown = not_private(&path, mine.wrapping_add(1)).unwrap();
        assert!(shown.contains("another user"), "{shown}");
        assert_eq!(not_private(&path, mine), None);
        // Without a password, any mode will do.
        std::fs::write(&path, "(advisor: \"Sam\")").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert_eq!(
            load(dir.path()).unwrap().config.advisor.as_deref(),
            Some("Sam")
        );
    }

    #[test]
    fn the_apps_settings_are_read_and_checked_with_line_and_column() {
        let c = parse(
            "(\n  theme: \"light\",\n  mouse: false,\n  keys: { \"quit\": \"Q\", \"help\": \"F8\" },\n)",
        )
        .unwrap();
        let s = app_settings(&c, None);
        assert_eq!(s.theme, crate::tui::ThemeChoice::Light);
        assert!(!s.mouse);
        // --theme wins over the file.
        let s = app_settings(&c, Some(crate::tui::ThemeChoice::HighContrast));
        assert_eq!(s.theme, crate::tui::ThemeChoice::HighContrast);
        assert_eq!(
            app_settings(&Config::default(), None).theme,
            crate::tui::ThemeChoice::Auto
        );
        assert!(app_settings(&Config::default(), None).mouse);

        let (line, column, message, help) = parse("(\n  theme: \"solarized\",\n)").unwrap_err();
        assert_eq!((line, column), (2, 3));
        assert_eq!(message, "there is no theme named \"solarized\"");
        assert!(help.contains("high-contrast"), "{help}");

        // F2 starts a new enquiry on every screen: a clash, at its action.
        let text = "(\n  keys: {\n    \"quit\": \"Q\",\n    \"help\": \"F2\",\n  },\n)";
        let (line, column, message, help) = parse(text).unwrap_err();
        assert_eq!((line, column), (4, 5));
        assert_eq!(
            message,
            "\"help\" cannot have F2: F2 is already app.new_enquiry on every screen"
        );
        assert!(help.contains("another key"), "{help}");
        // Two problems: the first in the file is shown, the other counted.
        let text = "(keys: { \"qiut\": \"Q\", \"help\": \"F13\" })";
        let (_, column, message, _) = parse(text).unwrap_err();
        assert_eq!(column, 10);
        assert_eq!(
            message,
            "there is no action named \"qiut\" (1 more problem with keys)"
        );
        // A misspelt setting beside them is still named.
        let (_, _, message, _) = parse("(mose: false)").unwrap_err();
        assert!(message.contains("mose"), "{message}");
    }

    #[test]
    fn no_file_is_no_settings() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()).unwrap(), Loaded::default());
    }

    #[test]
    fn an_advisor_name_must_be_plain_text() {
        for bad in ["\"\"", "\"  \"", "\"Sam\\u{202E}\""] {
            let text = format!("(advisor: {bad})");
            let (_, _, message, _) = parse(&text).unwrap_err();
            assert!(message.contains("advisor"), "{text}: {message}");
        }
    }
}
