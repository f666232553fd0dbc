//! Where enquiries are kept, behind one interface: the advisor's own folder
//! (`EnquiryStore`, the default: nothing to set up) or a team's shared
//! PostgreSQL database (`SharedStore`). Both keep the same promises, which
//! the behaviour suite in `tests/store_behaviour.rs` checks against each:
//!
//! - a save is the next revision, or refused: `Conflict` when someone saved
//!   the enquiry meanwhile, `Deleted` when it was deleted meanwhile, never a
//!   silent overwrite;
//! - a deletion is for good, and an editor still holding the enquiry is told
//!   when it next saves (and, on a shared store, as soon as it hears);
//! - an enquiry loaded is checked and scrubbed, whoever wrote it.

use super::{Enquiry, LoadReport, StoreError};
use chrono::NaiveDateTime;

/// A place enquiries are kept.
pub trait Store {
    /// Where, in words for the advisor: a folder's path, or
    /// `the shared store qualplan@db.example:5432/qualplan`.
    fn place(&self) -> String;

    /// A new id, from the time, unique among the enquiries this store knows.
    fn new_id(&mut self, now: NaiveDateTime) -> String;

    /// Saves `enquiry` as its next revision (and sets its `revision`), or
    /// says why not. A shared store that cannot be reached keeps the save
    /// on this computer and says so in `offline`; that is still `Ok`.
    fn save(&mut self, enquiry: &mut Enquiry) -> Result<(), StoreError>;

    /// One enquiry by id.
    fn load(&mut self, id: &str) -> Result<Enquiry, StoreError>;

    /// Every enquiry, newest first, and what could not be read.
    fn load_all(&mut self) -> Result<LoadReport, StoreError>;

    /// Deletes an enquiry for good: its personal data is gone.
    fn delete(&mut self, id: &str) -> Result<(), StoreError>;

    /// What changed since the last call: other advisors' saves and
    /// deletions, and edits kept offline that have now reached the shared
    /// store. The local folder has no one else to hear from.
    fn changes(&mut self) -> Vec<Change> {
        Vec::new()
    }

    /// While the shared store cannot be reached: why, and how many edits
    /// wait on this computer. `None` for the local folder, always.
    fn offline(&self) -> Option<Offline> {
        None
    }

    /// Lets go of the edits kept offline for `id`: the advisor chose to
    /// leave it deleted. Nothing to do for the local folder.
    fn let_go(&mut self, _id: &str) {}
}

/// Something that happened in the store that the app should show.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// Another advisor (or another qualplan) saved this enquiry.
    Saved { id: String, advisor: String },
    /// Someone deleted this enquiry.
    Deleted { id: String, advisor: String },
    /// Edits kept offline reached the shared store: the enquiry `id` is now
    /// at `revision` (it was at `base` when edited).
    Pushed {
        id: String,
        base: u64,
        revision: u64,
    },
    /// Edits kept offline found the enquiry changed meanwhile: both kept,
    /// the offline edits as the new enquiry `copy` (at `revision`).
    KeptBoth {
        id: String,
        base: u64,
        copy: String,
        revision: u64,
    },
    /// Edits kept offline found the enquiry deleted meanwhile: they wait on
    /// this computer until the advisor restores it or lets them go.
    DeletedMeanwhile { enquiry: Box<Enquiry> },
    /// The shared store can be reached again (everything may have changed).
    Reconnected,
    /// The shared store could not be reached: why.
    Disconnected { why: String },
}

/// A shared store out of reach.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Offline {
    /// Why, without secrets: "connection refused".
    pub why: String,
    /// Edits waiting on this computer to be sent.
    pub waiting: usize,
}

impl std::fmt::Display for Offline {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Offline ({}): ", self.why)?;
        match self.waiting {
            0 => write!(f, "nothing waiting to be sent"),
            1 => write!(f, "1 edit kept on this computer, sent when it is back"),
            n => write!(f, "{n} edits kept on this computer, sent when it is back"),
        }
    }
}

/// Someone saved `e` meanwhile (`Conflict`): saves these edits as a new
/// enquiry beside it, `<id>-copy-<n>`, so that neither update is lost.
/// Returns the new id. A new enquiry whose id was taken in the meantime is
/// simply given the next free id (`<id>-2`, ...).
pub fn keep_both(store: &mut dyn Store, e: &mut Enquiry) -> Result<String, StoreError> {
    let theirs = e.id.clone();
    let started = e.revision;
    let new = started == 0;
    e.revision = 0;
    for n in 2..=MAX_COPIES {
        e.id = if new {
            format!("{theirs}-{n}")
        } else {
            format!("{theirs}-copy-{n}")
        };
        match store.save(e) {
            Ok(()) => return Ok(e.id.clone()),
            // That name is taken too: try the next.
            Err(StoreError::Conflict(_)) => continue,
            Err(x) => {
                e.id = theirs;
                e.revision = started;
                return Err(x);
            }
        }
    }
    e.id = theirs.clone();
    e.revision = started;
    Err(StoreError::Io(std::io::Error::other(format!(
        "enquiry {theirs} already has {MAX_COPIES} copies; these edits were not saved"
    ))))
}

/// How many copies of one enquiry `keep_both` makes before giving up.
const MAX_COPIES: u32 = 1000;

/// Which store to use: `--store`, else the config file's, else the
/// advisor's own folder.
#[derive(Clone, Debug)]
pub enum StoreChoice {
    Local,
    Shared {
        target: Box<super::shared::Target>,
        /// The config file's password, when the store is the config file's.
        password: Option<crate::config::Secret>,
    },
}

impl StoreChoice {
    /// From `--store` (`local`, or a connection string) and the config
    /// file. A password in a connection string is refused.
    pub fn from(
        argument: Option<&str>,
        config: &crate::config::Config,
    ) -> Result<StoreChoice, super::shared::ConnectError> {
        let configured = config.store.as_ref();
        let url = match argument {
            Some("local") => return Ok(StoreChoice::Local),
            Some(url) => url,
            None => match configured {
                Some(s) => s.url.as_str(),
                None => return Ok(StoreChoice::Local),
            },
        };
        let target = Box::new(super::shared::Target::parse(url)?);
        // The config file's password is for the config file's store.
        let password = configured
            .filter(|s| s.url == url)
            .and_then(|s| s.password.clone());
        Ok(StoreChoice::Shared { target, password })
    }

    /// Opens the store. A shared store that cannot be reached still opens
    /// (its `offline` says why); a folder that cannot be used does not.
    pub fn open(
        &self,
        dirs: &crate::files::Dirs,
        advisor: &str,
    ) -> Result<Box<dyn Store>, StoreError> {
        Ok(match self {
            StoreChoice::Local => Box::new(super::EnquiryStore::open_in(dirs)?),
            StoreChoice::Shared { target, password } => {
                // Each folder on the way checked: a link planted where one
                // goes is refused, never followed.
                let outboxes = dirs.data.join("outbox");
                for dir in [&dirs.data, &outboxes] {
                    crate::files::private_dir(dir).map_err(|error| StoreError::Folder {
                        dir: dir.clone(),
                        error,
                    })?;
                }
                Box::new(super::SharedStore::open(super::shared::Settings {
                    target: (**target).clone(),
                    password: password.clone(),
                    advisor: advisor.to_string(),
                    outbox: outboxes.join(target.key()),
                })?)
            }
        })
    }
}

/// Which store, and who is using it: what the command line hands the app.
#[derive(Clone, Debug)]
pub struct StoreSetup {
    pub choice: StoreChoice,
    /// Recorded with every change.
    pub advisor: String,
}

impl StoreSetup {
    /// The advisor's own folder, named by the computer's user name.
    pub fn local() -> StoreSetup {
        StoreSetup {
            choice: StoreChoice::Local,
            advisor: crate::config::advisor(&Default::default()),
        }
    }
}
