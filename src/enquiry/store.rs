//! Enquiries on disk: one RON file each in the user's data directory,
//! written atomically through `files` (a private temporary file, synced,
//! renamed) so that a crash, a kill or a full disk leaves the old file or
//! the new one, never a broken one. The folder is private (0700 when
//! qualplan creates it) and files 0600: they hold personal data. A file
//! that cannot be read is set aside, never overwritten or deleted; a
//! read-only folder can still be listed, shown and quoted from.

use super::Enquiry;
use crate::files::{self, Links};
use chrono::NaiveDateTime;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// The enquiries directory.
pub struct EnquiryStore {
    dir: PathBuf,
}

/// A file that could not be read, and where it was moved (`None` when it
/// could not be moved either, e.g. in a read-only folder).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetAside {
    pub file: PathBuf,
    pub moved_to: Option<PathBuf>,
    pub problem: String,
    /// Why it was left where it is, when it was (`moved_to` is `None`).
    pub left_because: &'static str,
}

impl fmt::Display for SetAside {
    /// What the user is told, the same in the app and on the command line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} could not be read ({}); ",
            self.file.display(),
            self.problem
        )?;
        match &self.moved_to {
            Some(to) => write!(f, "it was moved to {} and left untouched", to.display()),
            None => write!(f, "it was left where it is ({})", self.left_because),
        }
    }
}

/// Every enquiry that loaded, newest first, and the files set aside.
#[derive(Debug, Default)]
pub struct LoadReport {
    pub enquiries: Vec<Enquiry>,
    pub set_aside: Vec<SetAside>,
}

/// Held while saving, so that saves from several qualplans take turns.
const LOCK_FILE: &str = ".lock";

/// A save refused because another qualplan saved the enquiry meanwhile:
/// writing would lose that update.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub id: String,
    /// The revision in the file now.
    pub on_disk: u64,
    /// The revision the refused save started from.
    pub yours: u64,
}

impl fmt::Display for Conflict {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "enquiry {} was saved by another qualplan meanwhile (revision {}; this copy started from {})",
            self.id, self.on_disk, self.yours
        )
    }
}

/// Why the store could not do what was asked.
#[derive(Debug)]
pub enum StoreError {
    /// The enquiries folder cannot be used (cannot be created, is a link,
    /// is a file).
    Folder { dir: PathBuf, error: io::Error },
    /// No enquiry has this id.
    NotFound { id: String, place: String },
    /// The id could not be a file name of the store's.
    BadId(String),
    /// The enquiry's file is there but is not a readable enquiry; it was not
    /// overwritten.
    Unreadable { path: PathBuf, problem: String },
    /// Someone else saved the enquiry meanwhile.
    Conflict(Conflict),
    /// The enquiry was deleted (by another qualplan, or on the command
    /// line) since this copy was loaded or saved: saving would undo that.
    Deleted { id: String },
    /// The enquiry would be larger than an enquiry file may be.
    TooLarge { id: String, bytes: usize },
    /// The shared store cannot be reached (why, without secrets).
    Unreachable(String),
    /// The shared store refused what was asked (why, without secrets).
    Database(String),
    /// Reading, writing or locking failed.
    Io(io::Error),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Folder { dir, error } => {
                write!(
                    f,
                    "cannot use the enquiries folder {}: {error}",
                    dir.display()
                )
            }
            StoreError::NotFound { id, place } => write!(f, "no enquiry `{id}` in {place}"),
            StoreError::BadId(id) => write!(f, "`{id}` is not an enquiry id"),
            StoreError::Unreadable { path, problem } => write!(
                f,
                "{} cannot be read ({problem}), so it was not overwritten",
                path.display()
            ),
            StoreError::Conflict(c) => c.fmt(f),
            StoreError::Deleted { id } => write!(
                f,
                "enquiry {id} was deleted meanwhile (in another qualplan or on the command line)"
            ),
            StoreError::TooLarge { id, bytes } => write!(
                f,
                "enquiry {id} would take {} KiB, more than the {} an enquiry may be",
                bytes.div_ceil(1024),
                files::bytes_text(MAX_ENQUIRY_BYTES)
            ),
            StoreError::Unreachable(why) => write!(f, "the shared store cannot be reached: {why}"),
            StoreError::Database(why) => write!(f, "the shared store refused: {why}"),
            StoreError::Io(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for StoreError {}

impl From<io::Error> for StoreError {
    fn from(e: io::Error) -> StoreError {
        StoreError::Io(e)
    }
}

const EXTENSION: &str = "ron";
const SET_ASIDE_SUFFIX: &str = "unreadable";

impl EnquiryStore {
    /// The user's enquiries (`~/.local/share/qualplan/enquiries`), the data
    /// folder checked first: a link there is reported, not adopted.
    pub fn open_in(dirs: &files::Dirs) -> Result<EnquiryStore, StoreError> {
        files::private_dir(&dirs.data).map_err(|error| StoreError::Folder {
            dir: dirs.data.clone(),
            error,
        })?;
        EnquiryStore::open(dirs.enquiries())
    }

    /// Opens the folder (creating it if needed, mode 0700; an existing one
    /// keeps its mode, and a link is refused), and clears away temporary
    /// files left by a save that was killed midway (the enquiry itself is
    /// untouched: the rename never happened). A folder that cannot be
    /// written still opens, for reading.
    pub fn open(dir: impl Into<PathBuf>) -> Result<EnquiryStore, StoreError> {
        let dir = dir.into();
        files::private_dir(&dir).map_err(|error| StoreError::Folder {
            dir: dir.clone(),
            error,
        })?;
        let store = EnquiryStore { dir };
        if let Err(e) = store.remove_leftovers() {
            tracing::info!("no leftovers cleared in the enquiries folder: {e}");
        }
        Ok(store)
    }

    /// Removes `.*.tmp` files, holding the save lock so that no save in
    /// progress loses its temporary file.
    fn remove_leftovers(&self) -> io::Result<()> {
        let _lock = files::lock(&self.dir.join(LOCK_FILE))?;
        for entry in fs::read_dir(&self.dir)? {
            let name = entry?.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') && name.ends_with(files::TEMPORARY_SUFFIX) {
                let _ = fs::remove_file(self.dir.join(&*name));
            }
        }
        Ok(())
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file of an enquiry, for an id that can safely name one.
    fn path(&self, id: &str) -> Result<PathBuf, StoreError> {
        if id.is_empty() || crate::enquiry::slug(id) != id.to_lowercase() {
            return Err(StoreError::BadId(id.to_string()));
        }
        Ok(self.dir.join(format!("{id}.{EXTENSION}")))
    }

    /// A new id from the time, unique in the directory.
    pub fn new_id(&self, now: NaiveDateTime) -> String {
        let base = format!("enq-{}", now.format("%Y%m%d-%H%M%S"));
        let taken =
            |id: &str| fs::symlink_metadata(self.dir.join(format!("{id}.{EXTENSION}"))).is_ok();
        let mut id = base.clone();
        let mut n: u32 = 2;
        while taken(&id) {
            id = format!("{base}-{n}");
            n = n.saturating_add(1);
        }
        id
    }

    /// Saves atomically, as the next revision. Refused when the file was
    /// saved meanwhile by someone else (`Conflict`), deleted meanwhile
    /// (`Deleted`), cannot be read (`Unreadable`), or the enquiry would be
    /// too large to read back (`TooLarge`).
    pub fn save(&self, enquiry: &mut Enquiry) -> Result<(), StoreError> {
        self.save_with(enquiry, || Ok(()))
    }

    /// `save`, calling `before_rename` between writing the temporary file
    /// and renaming it into place (tests inject failures there).
    pub fn save_with(
        &self,
        enquiry: &mut Enquiry,
        before_rename: impl FnOnce() -> io::Result<()>,
    ) -> Result<(), StoreError> {
        let path = self.path(&enquiry.id)?;
        let mut next = enquiry.clone();
        next.revision = enquiry.revision.checked_add(1).ok_or_else(|| {
            StoreError::Io(io::Error::new(
                io::ErrorKind::InvalidData,
                "the enquiry's revision number is at its largest",
            ))
        })?;
        let mut text = ron::ser::to_string_pretty(&next, ron::ser::PrettyConfig::default())
            .map_err(|e| StoreError::Io(io::Error::new(io::ErrorKind::InvalidData, e)))?;
        text.push('\n');
        if text.len() as u64 > MAX_ENQUIRY_BYTES {
            return Err(StoreError::TooLarge {
                id: enquiry.id.clone(),
                bytes: text.len(),
            });
        }
        // One save at a time across every qualplan, from the revision check
        // to the rename; the lock goes with the process, however it ends.
        let _lock = files::lock(&self.dir.join(LOCK_FILE))?;
        self.check_unchanged(&path, enquiry)?;
        files::write_atomically_with(&path, text.as_bytes(), before_rename)?;
        enquiry.revision = next.revision;
        Ok(())
    }

    /// The file holds the revision this copy started from: the one it was
    /// loaded or last saved as (none at all for a new enquiry).
    fn check_unchanged(&self, path: &Path, enquiry: &Enquiry) -> Result<(), StoreError> {
        let on_disk = match read(path) {
            Err(Problem::Missing) if enquiry.revision == 0 => return Ok(()),
            Err(Problem::Missing) => {
                return Err(StoreError::Deleted {
                    id: enquiry.id.clone(),
                });
            }
            Err(Problem::Bad(problem)) => {
                return Err(StoreError::Unreadable {
                    path: path.to_path_buf(),
                    problem,
                });
            }
            Ok(e) => e,
        };
        // Another enquiry made under the same id after this one was deleted
        // has its own creation time.
        if on_disk.revision != enquiry.revision || on_disk.created != enquiry.created {
            return Err(StoreError::Conflict(Conflict {
                id: enquiry.id.clone(),
                on_disk: on_disk.revision,
                yours: enquiry.revision,
            }));
        }
        Ok(())
    }

    /// Loads one enquiry by id.
    pub fn load(&self, id: &str) -> Result<Enquiry, StoreError> {
        let path = self.path(id).map_err(|_| StoreError::NotFound {
            id: id.to_string(),
            place: self.dir.display().to_string(),
        })?;
        read(&path).map_err(|problem| match problem {
            Problem::Missing => StoreError::NotFound {
                id: id.to_string(),
                place: self.dir.display().to_string(),
            },
            Problem::Bad(problem) => StoreError::Unreadable { path, problem },
        })
    }

    /// Loads every enquiry, newest first; files that cannot be read are
    /// moved aside (renamed `*.ron.unreadable`) when the folder can be
    /// written, and reported either way.
    pub fn load_all(&self) -> Result<LoadReport, StoreError> {
        let mut report = LoadReport::default();
        for entry in fs::read_dir(&self.dir)? {
            let path = entry?.path();
            if path.extension().and_then(|e| e.to_str()) != Some(EXTENSION) {
                continue;
            }
            match read(&path) {
                Ok(e) => report.enquiries.push(e),
                // Gone since the folder was listed (deleted meanwhile).
                Err(Problem::Missing) => {}
                Err(Problem::Bad(problem)) => {
                    let moved_to = set_aside_path(&path);
                    let moved_to = match fs::rename(&path, &moved_to) {
                        Ok(()) => Some(moved_to),
                        Err(e) => {
                            tracing::warn!("cannot set aside an unreadable enquiry: {e}");
                            None
                        }
                    };
                    report.set_aside.push(SetAside {
                        file: path,
                        moved_to,
                        problem,
                        left_because: "the folder cannot be written",
                    });
                }
            }
        }
        report
            .enquiries
            .sort_by(|a, b| b.updated.cmp(&a.updated).then(b.id.cmp(&a.id)));
        Ok(report)
    }

    /// Deletes an enquiry for good (it must exist and be readable).
    pub fn delete(&self, id: &str) -> Result<(), StoreError> {
        self.load(id)?;
        let path = self.path(id)?;
        let _lock = files::lock(&self.dir.join(LOCK_FILE))?;
        fs::remove_file(path)?;
        files::sync_dir(&self.dir)?;
        Ok(())
    }
}

/// The largest enquiry file read or written; a real one is a few kilobytes.
pub const MAX_ENQUIRY_BYTES: u64 = 1 << 20;

/// How deeply brackets may nest in an enquiry file.
const MAX_NESTING: usize = 16;

/// Why an enquiry file did not load.
enum Problem {
    /// Nothing there.
    Missing,
    /// Something there that is not a readable enquiry: what is wrong.
    Bad(String),
}

/// Reads, parses and checks an enquiry file: never through a link, never a
/// special file, never more than `MAX_ENQUIRY_BYTES`.
fn read(path: &Path) -> Result<Enquiry, Problem> {
    let bytes = files::read_limited(path, MAX_ENQUIRY_BYTES, Links::Refuse).map_err(|e| match e
        .kind()
    {
        io::ErrorKind::NotFound if fs::symlink_metadata(path).is_err() => Problem::Missing,
        io::ErrorKind::FileTooLarge => Problem::Bad(format!(
            "larger than {}, which no enquiry is",
            files::bytes_text(MAX_ENQUIRY_BYTES)
        )),
        _ => Problem::Bad(e.to_string()),
    })?;
    let text = String::from_utf8(bytes).map_err(|_| Problem::Bad("not UTF-8 text".into()))?;
    parse(&text).map_err(Problem::Bad)
}

fn parse(text: &str) -> Result<Enquiry, String> {
    let options = ron::Options::default().with_recursion_limit(MAX_NESTING);
    let mut enquiry: Enquiry = options.from_str(text).map_err(|e| {
        format!(
            "line {}, column {}: {}",
            e.span.start.line,
            e.span.start.col,
            crate::text::neutralise(&e.code.to_string())
        )
    })?;
    enquiry.check().map_err(|e| e.to_string())?;
    enquiry.scrub();
    Ok(enquiry)
}

/// `x.ron` -> `x.ron.unreadable` (or `.unreadable-2`, ...), never an existing file.
fn set_aside_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut candidate = path.with_file_name(format!("{name}.{SET_ASIDE_SUFFIX}"));
    let mut n: u32 = 2;
    while fs::symlink_metadata(&candidate).is_ok() {
        candidate = path.with_file_name(format!("{name}.{SET_ASIDE_SUFFIX}-{n}"));
        n = n.saturating_add(1);
    }
    candidate
}

impl super::Store for EnquiryStore {
    fn place(&self) -> String {
        self.dir.display().to_string()
    }

    fn new_id(&mut self, now: NaiveDateTime) -> String {
        EnquiryStore::new_id(self, now)
    }

    fn save(&mut self, enquiry: &mut Enquiry) -> Result<(), StoreError> {
        EnquiryStore::save(self, enquiry)
    }

    fn load(&mut self, id: &str) -> Result<Enquiry, StoreError> {
        EnquiryStore::load(self, id)
    }

    fn load_all(&mut self) -> Result<LoadReport, StoreError> {
        EnquiryStore::load_all(self)
    }

    fn delete(&mut self, id: &str) -> Result<(), StoreError> {
        EnquiryStore::delete(self, id)
    }
}
