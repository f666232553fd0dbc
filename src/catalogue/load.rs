//! Where the catalogue comes from and how it is read: the embedded default,
//! a user's copy in the config directory, or a file named on the command
//! line, in rising order of precedence.

use super::Catalogue;
use super::cache;
use super::locate::locate;
use super::problem::{CatalogueError, Problem};
use super::reading;
use super::texts::{FieldSource, SearchTexts};
use super::validate::validate;
use std::fmt;
use std::path::{Path, PathBuf};

/// The catalogue built into the binary, so the app works from any directory.
pub const EMBEDDED_CATALOGUE: &str = include_str!("../../catalogue.ron");

/// The largest catalogue file qualplan reads.
pub const MAX_CATALOGUE_BYTES: usize = 64 << 20;

/// How deeply brackets may nest; a valid catalogue nests 7 deep.
pub const MAX_NESTING: usize = 32;

/// File name of a user's catalogue in the config directory.
pub const CONFIG_FILE_NAME: &str = "catalogue.ron";

/// Which catalogue is in use, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CatalogueOrigin {
    Embedded,
    /// `catalogue.ron` in the user's config directory.
    ConfigDir(PathBuf),
    /// Named with `--catalogue`.
    Argument(PathBuf),
}

impl CatalogueOrigin {
    /// How problems name the file.
    pub fn file_name(&self) -> String {
        match self {
            CatalogueOrigin::Embedded => "<built-in catalogue.ron>".to_string(),
            CatalogueOrigin::ConfigDir(p) | CatalogueOrigin::Argument(p) => p.display().to_string(),
        }
    }
}

impl fmt::Display for CatalogueOrigin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CatalogueOrigin::Embedded => write!(f, "built-in catalogue (embedded in qualplan)"),
            CatalogueOrigin::ConfigDir(p) => {
                write!(f, "{} (from the config directory)", p.display())
            }
            CatalogueOrigin::Argument(p) => write!(f, "{} (from --catalogue)", p.display()),
        }
    }
}

/// `--catalogue PATH` wins; otherwise a `catalogue.ron` in the config
/// directory, if there is one; otherwise the embedded catalogue.
pub fn resolve_origin(argument: Option<&Path>, config_dir: Option<&Path>) -> CatalogueOrigin {
    if let Some(path) = argument {
        return CatalogueOrigin::Argument(path.to_path_buf());
    }
    if let Some(dir) = config_dir {
        let path = dir.join(CONFIG_FILE_NAME);
        // One that cannot even be looked at (a directory without
        // permission, a file where a directory should be), or a link that
        // leads nowhere, is reported when loading, not silently passed over
        // for the built-in one.
        let there = match std::fs::symlink_metadata(&path) {
            Ok(_) => true,
            Err(e) => e.kind() != std::io::ErrorKind::NotFound,
        };
        if there {
            return CatalogueOrigin::ConfigDir(path);
        }
    }
    CatalogueOrigin::Embedded
}

/// Why a catalogue could not be loaded.
#[derive(Debug)]
pub enum LoadError {
    Read {
        origin: CatalogueOrigin,
        error: std::io::Error,
    },
    Invalid(CatalogueError),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadError::Read { origin, error } => {
                writeln!(
                    f,
                    "error: cannot read the catalogue {}: {error}",
                    crate::text::neutralise(&origin.file_name())
                )?;
                match origin {
                    CatalogueOrigin::ConfigDir(_) => write!(
                        f,
                        "  help: fix the file's permissions, or move it away to use the built-in catalogue"
                    ),
                    _ => write!(
                        f,
                        "  help: check the path, or leave out --catalogue to use the built-in catalogue"
                    ),
                }
            }
            LoadError::Invalid(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for LoadError {}

/// Reads, parses and validates the catalogue from `origin`, or takes its
/// compiled copy from the cache when a catalogue file has been loaded
/// before.
pub fn load(origin: &CatalogueOrigin) -> Result<Catalogue, LoadError> {
    load_cached(origin, cache_dir(origin).as_deref())
}

/// Where compiled copies of the catalogue from `origin` are kept: none for
/// the built-in catalogue, which is small enough to parse in milliseconds,
/// so that commands that use it write nothing to the disk.
fn cache_dir(origin: &CatalogueOrigin) -> Option<std::path::PathBuf> {
    match origin {
        CatalogueOrigin::Embedded => None,
        CatalogueOrigin::ConfigDir(_) | CatalogueOrigin::Argument(_) => cache::default_dir(),
    }
}

/// `load`, keeping compiled copies in `cache_dir` (none: no cache).
pub fn load_cached(
    origin: &CatalogueOrigin,
    cache_dir: Option<&Path>,
) -> Result<Catalogue, LoadError> {
    match from_cache(origin, cache_dir, cache::Copy::catalogue) {
        Some(catalogue) => Ok(catalogue),
        None => compile(origin, cache_dir),
    }
}

/// Calls `search` with the search texts of the catalogue from `origin` (all
/// a one-shot search needs): read from its compiled copy when it has been
/// loaded before, without loading the catalogue itself; else, or if the
/// copy turns out damaged part way, taken from the catalogue.
pub fn with_search_texts<T>(
    origin: &CatalogueOrigin,
    search: impl Fn(&dyn FieldSource) -> T,
) -> Result<T, LoadError> {
    with_search_texts_cached(origin, cache_dir(origin).as_deref(), search)
}

/// `with_search_texts`, keeping compiled copies in `cache_dir`.
pub fn with_search_texts_cached<T>(
    origin: &CatalogueOrigin,
    cache_dir: Option<&Path>,
    search: impl Fn(&dyn FieldSource) -> T,
) -> Result<T, LoadError> {
    let stored = || {
        from_cache(origin, cache_dir, |copy| {
            let texts = copy.texts()?;
            let found = search(&texts);
            (!texts.damaged()).then_some(found)
        })
    };
    if let Some(found) = stored() {
        return Ok(found);
    }
    let catalogue = compile(origin, cache_dir)?;
    // The copy just made is searched as every later search will be: the
    // texts are never all in memory beside the catalogue.
    match stored() {
        Some(found) => Ok(found),
        None => Ok(search(&SearchTexts::new(&catalogue))),
    }
}

/// A section of the compiled copy of `origin`, if the copy was made from the
/// text `origin` holds now. The text is hashed on a thread of its own while
/// the section is read, so a large catalogue costs the longer of the two,
/// not both.
fn from_cache<T>(
    origin: &CatalogueOrigin,
    cache_dir: Option<&Path>,
    section: impl FnOnce(&mut cache::Copy) -> Option<T>,
) -> Option<T> {
    let mut copy = cache::Copy::open(cache_dir?, &identity(origin)?)?;
    let source = match origin {
        CatalogueOrigin::Embedded => {
            let source = cache::fingerprint(EMBEDDED_CATALOGUE.as_bytes());
            return (source == copy.source())
                .then(|| section(&mut copy))
                .flatten();
        }
        CatalogueOrigin::ConfigDir(path) | CatalogueOrigin::Argument(path) => path,
    };
    let len = copy.source_len();
    let source_now = open(source).and_then(|f| f.metadata()).ok()?;
    if !source_now.is_file() || source_now.len() != len {
        return None;
    }
    std::thread::scope(|s| {
        let hashing = s.spawn(|| cache::fingerprint_file(|| open(source), len));
        let value = section(&mut copy);
        let fresh = hashing.join().ok()?.is_some_and(|h| h == copy.source());
        fresh.then_some(value).flatten()
    })
}

/// What names a catalogue in the cache: its file's full path.
fn identity(origin: &CatalogueOrigin) -> Option<Vec<u8>> {
    match origin {
        CatalogueOrigin::Embedded => Some(b"<built-in>".to_vec()),
        CatalogueOrigin::ConfigDir(path) | CatalogueOrigin::Argument(path) => {
            let full = std::fs::canonicalize(path).ok()?;
            Some(full.into_os_string().into_encoded_bytes())
        }
    }
}

/// Parses and validates the text of `origin`, and keeps a compiled copy of
/// it with its search texts. A catalogue file is mapped into memory, not
/// read, and let go of as it is parsed (`reading`), so that the text and
/// the catalogue are never both held whole.
fn compile(origin: &CatalogueOrigin, cache_dir: Option<&Path>) -> Result<Catalogue, LoadError> {
    let file = origin.file_name();
    let path = match origin {
        CatalogueOrigin::Embedded => {
            return parse(EMBEDDED_CATALOGUE, &file).map_err(LoadError::Invalid);
        }
        CatalogueOrigin::ConfigDir(path) | CatalogueOrigin::Argument(path) => path,
    };
    let read_error = |error| LoadError::Read {
        origin: origin.clone(),
        error,
    };
    let (opened, map) = map_limited(path).map_err(read_error)?;
    let text =
        std::str::from_utf8(&map).map_err(|e| LoadError::Invalid(not_utf8(origin, &map, &e)))?;
    // Hashed now, while the whole text has just been read.
    let source = (cache::fingerprint(&map), map.len());
    let mut catalogue =
        reading::following(&map, || parse(text, &file)).map_err(LoadError::Invalid)?;
    drop(map);
    // A file changed while it was parsed may have been read part old and
    // part new: no copy is kept of that.
    let unchanged = opened.metadata().ok().is_some_and(|now| {
        let before = &opened.metadata;
        now.len() == before.len() && now.modified().ok() == before.modified().ok()
    });
    if let (Some(dir), Some(identity), true) = (cache_dir, identity(origin), unchanged) {
        // The lookups the validator built are made again when needed:
        // the copy is written with as little else in memory as can be.
        catalogue.reindex();
        // Best effort: without a copy, the next load parses the text again.
        let _ = cache::write(dir, &identity, source, &catalogue);
    }
    Ok(catalogue)
}

/// Opens a catalogue file for reading: a regular file, opened without
/// blocking (a FIFO is refused at once).
fn open(path: &Path) -> std::io::Result<std::fs::File> {
    crate::files::open_regular(path, crate::files::Links::Follow)
}

/// A catalogue file opened, and how it was when opened.
struct Opened {
    file: std::fs::File,
    metadata: std::fs::Metadata,
}

impl Opened {
    fn metadata(&self) -> std::io::Result<std::fs::Metadata> {
        self.file.metadata()
    }
}

/// Maps at most `MAX_CATALOGUE_BYTES` of a catalogue file into memory, so
/// that a huge file is refused rather than filling memory; a FIFO, device
/// or socket is refused without blocking, and a link that leads nowhere
/// says so.
fn map_limited(path: &Path) -> std::io::Result<(Opened, memmap2::Mmap)> {
    let file = open(path)?;
    let metadata = file.metadata()?;
    if metadata.len() > MAX_CATALOGUE_BYTES as u64 {
        return Err(std::io::Error::new(
            std::io::ErrorKind::FileTooLarge,
            format!(
                "the file is larger than {} MiB, the most a catalogue may be (10,000 qualifications take about 50 MiB)",
                MAX_CATALOGUE_BYTES >> 20
            ),
        ));
    }
    // SAFETY: the map is only ever read. A file changed in place while it
    // is parsed can give a text part old and part new (as reading it
    // could), of which no copy is kept (`compile`); one cut shorter while
    // it is parsed would end the process, which saving a file by replacing
    // it (as editors do) never does.
    let map = unsafe { memmap2::Mmap::map(&file)? };
    Ok((Opened { file, metadata }, map))
}

fn not_utf8(origin: &CatalogueOrigin, bytes: &[u8], e: &std::str::Utf8Error) -> CatalogueError {
    let valid = &bytes[..e.valid_up_to()];
    let text = String::from_utf8_lossy(valid);
    let line = text.matches('\n').count() + 1;
    let column = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    CatalogueError {
        file: origin.file_name(),
        problems: vec![Problem {
            line,
            column,
            item: "catalogue".to_string(),
            message: "the file is not valid UTF-8 text".to_string(),
            help: "save the catalogue as UTF-8".to_string(),
        }],
    }
}

/// Parses and validates catalogue text; `file` names it in problems.
pub fn parse(text: &str, file: &str) -> Result<Catalogue, CatalogueError> {
    if text.len() > MAX_CATALOGUE_BYTES {
        return Err(CatalogueError {
            file: file.to_string(),
            problems: vec![Problem {
                line: 1,
                column: 1,
                item: "catalogue".to_string(),
                message: format!(
                    "the catalogue is larger than {} MiB",
                    MAX_CATALOGUE_BYTES >> 20
                ),
                help: "split it, or remove what no learner needs; 10,000 qualifications take about 50 MiB".to_string(),
            }],
        });
    }
    let options = ron::Options::default().with_recursion_limit(MAX_NESTING);
    let catalogue: Catalogue = options.from_str(text).map_err(|e| CatalogueError {
        file: file.to_string(),
        problems: vec![Problem {
            line: e.span.start.line,
            column: e.span.start.col,
            item: "catalogue".to_string(),
            message: e.code.to_string(),
            help: parse_help(&e.code).to_string(),
        }],
    })?;
    let findings = validate(&catalogue);
    if findings.is_empty() {
        return Ok(catalogue);
    }
    let problems = findings
        .into_iter()
        .map(|f| {
            let (line, column) = locate(text, &f.item, f.occurrence, &f.fields);
            Problem {
                line,
                column,
                item: f.item.to_string(),
                message: f.message,
                help: f.help,
            }
        })
        .collect();
    Err(CatalogueError {
        file: file.to_string(),
        problems,
    })
}

fn parse_help(code: &ron::Error) -> &'static str {
    use ron::Error as E;
    match code {
        E::NoSuchStructField { .. } => {
            "check the field's spelling against docs/catalogue.md (`qualplan catalogue export` shows a complete example)"
        }
        E::MissingStructField { .. } => {
            "add the missing field; docs/catalogue.md says what it holds"
        }
        E::DuplicateStructField { .. } => "give the field once",
        E::NoSuchEnumVariant { .. } => "use one of the values listed",
        E::ExpectedInteger | E::IntegerOutOfBounds | E::InvalidIntegerDigit { .. } => {
            "figures (credits, hours, months, prices in pence) are whole numbers and cannot be negative"
        }
        E::ExpectedOption => "wrap an optional value in Some(...), or write None",
        E::ExpectedString | E::ExpectedStringEnd => "put text in double quotes",
        E::ExceededRecursionLimit => {
            "brackets nest deeper than any catalogue needs (32 levels); check for unbalanced or repeated brackets"
        }
        _ => "fix the syntax at this position; docs/catalogue.md describes the format",
    }
}
