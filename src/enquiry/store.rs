//! Enquiries on disk: one RON file each in the user's data directory,
//! written atomically (temporary file, flush and sync, rename) so that a
//! crash, a kill or a full disk leaves the old file or the new one, never a
//! broken one. The directory is private (0700) and files 0600: they hold
//! personal data. A file that cannot be read is set aside, never
//! overwritten or deleted.

use super::Enquiry;
use chrono::NaiveDateTime;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// The enquiries directory.
pub struct EnquiryStore {
    dir: PathBuf,
}

/// A file that could not be read, and where it was moved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SetAside {
    pub file: PathBuf,
    pub moved_to: PathBuf,
    pub problem: String,
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

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "enquiry {} was saved by another qualplan meanwhile (revision {}; this copy started from {})",
            self.id, self.on_disk, self.yours
        )
    }
}

impl std::error::Error for Conflict {}

impl Conflict {
    /// The conflict behind a failed save, if that is why it failed.
    pub fn of(error: &io::Error) -> Option<&Conflict> {
        error.get_ref()?.downcast_ref::<Conflict>()
    }
}

const EXTENSION: &str = "ron";
const SET_ASIDE_SUFFIX: &str = "unreadable";

impl EnquiryStore {
    /// `<data dir>/qualplan/enquiries`, e.g. `~/.local/share/qualplan/enquiries`.
    pub fn default_dir() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "qualplan").map(|d| d.data_dir().join("enquiries"))
    }

    /// Opens (creating if needed, mode 0700) the directory, and clears
    /// away temporary files left by a save that was killed midway (the
    /// enquiry itself is untouched: the rename never happened).
    pub fn open(dir: impl Into<PathBuf>) -> io::Result<EnquiryStore> {
        let dir = dir.into();
        fs::create_dir_all(&dir)?;
        set_mode(&dir, 0o700)?;
        let store = EnquiryStore { dir };
        store.remove_leftovers()?;
        Ok(store)
    }

    /// Removes `.*.tmp` files, holding the save lock so that no save in
    /// progress loses its temporary file.
    fn remove_leftovers(&self) -> io::Result<()> {
        let lock = File::create(self.dir.join(LOCK_FILE))?;
        lock.lock()?;
        for entry in fs::read_dir(&self.dir)? {
            let name = entry?.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') && name.ends_with(".tmp") {
                let _ = fs::remove_file(self.dir.join(&*name));
            }
        }
        Ok(())
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{id}.{EXTENSION}"))
    }

    /// A new id from the time, unique in the directory.
    pub fn new_id(&self, now: NaiveDateTime) -> String {
        let base = format!("enq-{}", now.format("%Y%m%d-%H%M%S"));
        let mut id = base.clone();
        let mut n = 2;
        while self.path(&id).exists() {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }

    /// Saves atomically, as the next revision. Refused (see `Conflict`)
    /// when the file was saved meanwhile by someone else, or cannot be read.
    pub fn save(&self, enquiry: &mut Enquiry) -> io::Result<()> {
        self.save_with(enquiry, || Ok(()))
    }

    /// `save`, calling `before_rename` between writing the temporary file
    /// and renaming it into place (tests inject failures there).
    pub fn save_with(
        &self,
        enquiry: &mut Enquiry,
        before_rename: impl FnOnce() -> io::Result<()>,
    ) -> io::Result<()> {
        if crate::enquiry::slug(&enquiry.id) != enquiry.id.to_lowercase() || enquiry.id.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("`{}` is not a safe enquiry id", enquiry.id),
            ));
        }
        let path = self.path(&enquiry.id);
        // One save at a time across every qualplan, from the revision check
        // to the rename; the lock goes with the process, however it ends.
        let lock = File::create(self.dir.join(LOCK_FILE))?;
        lock.lock()?;
        if path.exists() {
            let on_disk = read_limited(&path)
                .and_then(|text| parse(&text))
                .map_err(|problem| {
                    io::Error::other(format!(
                        "{} cannot be read ({problem}), so it was not overwritten",
                        path.display()
                    ))
                })?;
            if on_disk.revision != enquiry.revision {
                return Err(io::Error::other(Conflict {
                    id: enquiry.id.clone(),
                    on_disk: on_disk.revision,
                    yours: enquiry.revision,
                }));
            }
        }
        let mut next = enquiry.clone();
        next.revision += 1;
        let mut text = ron::ser::to_string_pretty(&next, ron::ser::PrettyConfig::default())
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        text.push('\n');
        write_atomically_with(&path, text.as_bytes(), before_rename)?;
        enquiry.revision = next.revision;
        Ok(())
    }

    /// Where quotes are written by default: `quotes/` beside `enquiries/`.
    pub fn quotes_dir(&self) -> PathBuf {
        self.dir.parent().unwrap_or(&self.dir).join("quotes")
    }

    /// Loads one enquiry by id.
    pub fn load(&self, id: &str) -> io::Result<Enquiry> {
        if crate::enquiry::slug(id) != id.to_lowercase() || id.is_empty() {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!("no enquiry `{id}`"),
            ));
        }
        let path = self.path(id);
        if !path.exists() {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!("no enquiry `{id}` in {}", self.dir.display()),
            ));
        }
        read_limited(&path)
            .and_then(|text| parse(&text))
            .map_err(|problem| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!("{}: {problem}", path.display()),
                )
            })
    }

    /// Loads every enquiry, newest first; files that cannot be read are
    /// moved aside (renamed `*.ron.unreadable`) and reported.
    pub fn load_all(&self) -> io::Result<LoadReport> {
        let mut report = LoadReport::default();
        for entry in fs::read_dir(&self.dir)? {
            let path = entry?.path();
            if path.extension().and_then(|e| e.to_str()) != Some(EXTENSION) || !path.is_file() {
                continue;
            }
            let loaded = read_limited(&path).and_then(|text| parse(&text));
            match loaded {
                Ok(e) => report.enquiries.push(e),
                Err(problem) => {
                    let moved_to = set_aside_path(&path);
                    fs::rename(&path, &moved_to)?;
                    report.set_aside.push(SetAside {
                        file: path,
                        moved_to,
                        problem,
                    });
                }
            }
        }
        report
            .enquiries
            .sort_by(|a, b| b.updated.cmp(&a.updated).then(b.id.cmp(&a.id)));
        Ok(report)
    }

    pub fn delete(&self, id: &str) -> io::Result<()> {
        self.load(id)?;
        fs::remove_file(self.path(id))?;
        sync_dir(&self.dir)
    }
}

/// Writes a private file (0600) so that a crash, a kill or a full disk
/// leaves the old content or the new, never a mix: a temporary file in the
/// same directory, flushed and synced, then renamed into place.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomically_with(path, bytes, || Ok(()))
}

/// As `write_atomically`, calling `before_rename` between writing the
/// temporary file and renaming it (tests inject failures there).
fn write_atomically_with(
    path: &Path,
    bytes: &[u8],
    before_rename: impl FnOnce() -> io::Result<()>,
) -> io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    // A name of its own, so that two writers never share a temporary file.
    static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let temp = dir.join(format!(".{name}.{}-{n}.tmp", std::process::id()));
    let result = (|| {
        let mut file = create_private(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        before_rename()?;
        fs::rename(&temp, path)?;
        sync_dir(dir)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

/// The largest enquiry file read; a real one is a few kilobytes.
pub const MAX_ENQUIRY_BYTES: u64 = 1 << 20;

/// How deeply brackets may nest in an enquiry file.
const MAX_NESTING: usize = 16;

/// Reads an enquiry file, refusing one larger than `MAX_ENQUIRY_BYTES`.
fn read_limited(path: &Path) -> Result<String, String> {
    use std::io::Read;
    let mut bytes = Vec::new();
    File::open(path)
        .and_then(|f| f.take(MAX_ENQUIRY_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| e.to_string())?;
    if bytes.len() as u64 > MAX_ENQUIRY_BYTES {
        return Err(format!(
            "larger than {} KiB, which no enquiry is",
            MAX_ENQUIRY_BYTES >> 10
        ));
    }
    String::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_string())
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
    let mut n = 2;
    while candidate.exists() {
        candidate = path.with_file_name(format!("{name}.{SET_ASIDE_SUFFIX}-{n}"));
        n += 1;
    }
    candidate
}

#[cfg(unix)]
fn create_private(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)
}

#[cfg(not(unix))]
fn create_private(path: &Path) -> io::Result<File> {
    OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .open(path)
}

#[cfg(unix)]
fn set_mode(path: &Path, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_mode(_: &Path, _: u32) -> io::Result<()> {
    Ok(())
}

/// Makes a rename durable.
fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    File::open(dir)?.sync_all()?;
    Ok(())
}
