//! Edits made while the shared store could not be reached, kept on this
//! computer until they can be sent: one private file per enquiry in
//! `~/.local/share/qualplan/outbox/<store>/`, written atomically like the
//! local store's, each holding the enquiry as the advisor left it and the
//! shared revision it started from.
//!
//! Several qualplans of one user may be offline at once. Each running one
//! holds a lock file of its own (`writers/<token>.lock`); an edit it kept
//! is never overwritten by another's (that is a conflict, and both are
//! kept), and another qualplan sends it only once its writer has ended.

use crate::enquiry::{Conflict, Enquiry, MAX_ENQUIRY_BYTES, StoreError};
use crate::files::{self, Links};
use serde::{Deserialize, Serialize};
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

/// One enquiry's edits waiting to be sent.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pending {
    /// The shared revision the edits started from (0: a new enquiry).
    pub base: u64,
    /// The qualplan run that kept them.
    pub writer: u64,
    pub enquiry: Enquiry,
}

pub struct Outbox {
    dir: PathBuf,
    /// This run's token, and the lock that says it is running.
    pub writer: u64,
    _alive: File,
}

const LOCK_FILE: &str = ".lock";
const WRITERS: &str = "writers";

impl Outbox {
    /// Opens (creating, 0700) the outbox folder for one store.
    pub fn open(dir: PathBuf) -> io::Result<Outbox> {
        files::private_dir(&dir)?;
        let writers = dir.join(WRITERS);
        files::private_dir(&writers)?;
        let writer = new_token();
        let alive = files::lock(&writers.join(format!("{writer:016x}.lock")))?;
        Ok(Outbox {
            dir,
            writer,
            _alive: alive,
        })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn path(&self, id: &str) -> Result<PathBuf, StoreError> {
        if id.is_empty() || crate::enquiry::slug(id) != id.to_lowercase() {
            return Err(StoreError::BadId(id.to_string()));
        }
        Ok(self.dir.join(format!("{id}.ron")))
    }

    /// Keeps `e` (at the shared revision it started from) until it can be
    /// sent. Refused as a conflict when another running qualplan kept
    /// other edits to the same enquiry.
    pub fn put(&self, e: &Enquiry) -> Result<(), StoreError> {
        let path = self.path(&e.id)?;
        let _lock = files::lock(&self.dir.join(LOCK_FILE))?;
        if let Some(there) = read(&path)
            && there.writer != self.writer
            && there.enquiry != *e
        {
            return Err(StoreError::Conflict(Conflict {
                id: e.id.clone(),
                on_disk: there.base,
                yours: e.revision,
            }));
        }
        let pending = Pending {
            base: e.revision,
            writer: self.writer,
            enquiry: e.clone(),
        };
        let mut text = ron::ser::to_string_pretty(&pending, ron::ser::PrettyConfig::default())
            .map_err(|x| StoreError::Io(io::Error::new(io::ErrorKind::InvalidData, x)))?;
        text.push('\n');
        if text.len() as u64 > MAX_ENQUIRY_BYTES {
            return Err(StoreError::TooLarge {
                id: e.id.clone(),
                bytes: text.len(),
            });
        }
        files::write_atomically(&path, text.as_bytes())?;
        Ok(())
    }

    /// The edits kept for `id`, if any.
    pub fn get(&self, id: &str) -> Option<Pending> {
        read(&self.path(id).ok()?)
    }

    /// Every edit waiting, oldest enquiry first.
    pub fn all(&self) -> Vec<Pending> {
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return Vec::new();
        };
        let mut all: Vec<Pending> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "ron"))
            .filter_map(|p| read(&p))
            .collect();
        all.sort_by_key(|p| p.enquiry.created);
        all
    }

    pub fn len(&self) -> usize {
        fs::read_dir(&self.dir).map_or(0, |entries| {
            entries
                .filter_map(Result::ok)
                .filter(|e| e.path().extension().is_some_and(|x| x == "ron"))
                .count()
        })
    }

    /// Whether the qualplan that kept `p` is still running (it will send
    /// them itself, and may still be editing).
    pub fn writer_running(&self, p: &Pending) -> bool {
        if p.writer == self.writer {
            return false;
        }
        let path = self
            .dir
            .join(WRITERS)
            .join(format!("{:016x}.lock", p.writer));
        match files::open_lock_file(&path) {
            Ok(file) => match file.try_lock() {
                Ok(()) => {
                    let _ = fs::remove_file(&path);
                    false
                }
                Err(_) => true,
            },
            Err(_) => false,
        }
    }

    /// Takes the edits for `id` over as this run's (the advisor is being
    /// asked about them here).
    pub fn adopt(&self, id: &str) -> Result<(), StoreError> {
        let path = self.path(id)?;
        let _lock = files::lock(&self.dir.join(LOCK_FILE))?;
        if let Some(mut p) = read(&path) {
            p.writer = self.writer;
            let mut text = ron::ser::to_string_pretty(&p, ron::ser::PrettyConfig::default())
                .map_err(|x| StoreError::Io(io::Error::new(io::ErrorKind::InvalidData, x)))?;
            text.push('\n');
            files::write_atomically(&path, text.as_bytes())?;
        }
        Ok(())
    }

    /// Removes the edits kept for `id`: all of them (`writer` None), or
    /// only if they are still the ones `writer` kept from `base`.
    pub fn remove(&self, id: &str, only: Option<(u64, u64)>) {
        let Ok(path) = self.path(id) else { return };
        let Ok(_lock) = files::lock(&self.dir.join(LOCK_FILE)) else {
            return;
        };
        let remove = match (read(&path), only) {
            (None, _) => false,
            (Some(_), None) => true,
            (Some(p), Some((writer, base))) => p.writer == writer && p.base == base,
        };
        if remove {
            if let Err(e) = fs::remove_file(&path) {
                tracing::warn!("cannot remove the sent edits of {id} from the outbox: {e}");
            }
            let _ = files::sync_dir(&self.dir);
        }
    }
}

/// A token for this run: unpredictable enough that two runs never share one.
fn new_token() -> u64 {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let here = &now as *const u128 as usize;
    xxhash_rust::xxh3::xxh3_64(format!("{now}-{}-{here}", std::process::id()).as_bytes())
}

/// An outbox file, checked and scrubbed like an enquiry file; `None` when
/// missing or unreadable (an unreadable one is left where it is, and
/// logged).
fn read(path: &Path) -> Option<Pending> {
    let bytes = match files::read_limited(path, MAX_ENQUIRY_BYTES, Links::Refuse) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return None,
        Err(e) => {
            tracing::warn!("an outbox file cannot be read ({}): {e}", path.display());
            return None;
        }
    };
    let text = String::from_utf8(bytes).ok()?;
    let options = ron::Options::default().with_recursion_limit(16);
    match options.from_str::<Pending>(&text) {
        Ok(mut p) if p.enquiry.check().is_ok() => {
            p.enquiry.scrub();
            Some(p)
        }
        _ => {
            tracing::warn!(
                "an outbox file is not a readable enquiry: {}",
                path.display()
            );
            None
        }
    }
}
