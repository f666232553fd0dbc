//! A team's shared store: enquiries in a PostgreSQL database, with the
//! same promises as the local folder (revisions, conflicts kept both ways,
//! deletions for good) and two more: every change names the advisor who
//! made it, in an audit trail that outlives a deletion without holding any
//! personal data; and the database going away never loses an edit. Edits
//! made while it cannot be reached are kept on this computer (`outbox`)
//! and sent when it is back, meeting conflicts as any save does.
//!
//! Changes by others are heard through `LISTEN`/`NOTIFY`: each save and
//! deletion notifies, in its transaction, and `changes` reads what has
//! arrived without waiting.

pub mod connect;
mod outbox;
pub mod schema;

use super::stores::{Change, Offline, Store, keep_both};
use super::{Conflict, Enquiry, LoadReport, MAX_ENQUIRY_BYTES, SetAside, StoreError};
use crate::config::Secret;
use chrono::NaiveDateTime;
pub use connect::{ConnectError, Target};
use outbox::Outbox;
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// How long after failing to reach the database qualplan tries again.
const RETRY: Duration = Duration::from_secs(2);

/// How long `changes` waits for news that is on its way.
const LISTEN_WAIT: Duration = Duration::from_millis(15);

/// The channel saves and deletions are announced on.
const CHANNEL: &str = "qualplan_enquiries";

/// What a shared store needs to open.
pub struct Settings {
    pub target: Target,
    /// The config file's password, if it holds one.
    pub password: Option<Secret>,
    /// Who is making the changes, for the audit trail.
    pub advisor: String,
    /// Where edits wait while the database cannot be reached.
    pub outbox: PathBuf,
}

pub struct SharedStore {
    target: Target,
    password: Option<Secret>,
    advisor: String,
    client: Option<postgres::Client>,
    /// Why the database cannot be reached, while it cannot.
    offline: Option<String>,
    /// When to try reaching it again.
    next_try: Instant,
    outbox: Outbox,
    /// The enquiries as last listed, shown while offline.
    last_list: Vec<Enquiry>,
    /// Enquiries deleted meanwhile whose offline edits the advisor has been
    /// told about (once is enough).
    told: HashSet<String>,
    /// Changes noticed during other calls, for the next `changes`.
    noticed: Vec<Change>,
    /// Saves whose connection broke before the database answered, by id:
    /// each may or may not have gone through.
    in_doubt: HashMap<String, Enquiry>,
}

impl SharedStore {
    /// Opens the store and tries to reach the database once: a database
    /// that cannot be reached is not an error (see `offline`), a
    /// connection string or outbox folder that cannot be used is.
    pub fn open(settings: Settings) -> Result<SharedStore, StoreError> {
        let outbox = Outbox::open(settings.outbox.clone()).map_err(|error| StoreError::Folder {
            dir: settings.outbox,
            error,
        })?;
        let mut store = SharedStore {
            target: settings.target,
            password: settings.password,
            advisor: settings.advisor,
            client: None,
            offline: None,
            next_try: Instant::now(),
            outbox,
            last_list: Vec::new(),
            told: HashSet::new(),
            noticed: Vec::new(),
            in_doubt: HashMap::new(),
        };
        let _ = store.connect();
        Ok(store)
    }

    pub fn target(&self) -> &Target {
        &self.target
    }

    /// How many enquiries' edits wait on this computer to be sent.
    pub fn waiting(&self) -> usize {
        self.outbox.len()
    }

    /// Where this store's offline edits wait.
    pub fn outbox_dir(&self) -> &std::path::Path {
        self.outbox.dir()
    }

    /// Sends the edits kept offline, now (the command line does this as
    /// it opens the store; the app, as it hears the database is back).
    pub fn send_waiting(&mut self) -> Vec<Change> {
        let mut out = Vec::new();
        if self.client.is_none() {
            return out;
        }
        for p in self.outbox.all() {
            if self.outbox.writer_running(&p) {
                continue;
            }
            let id = p.enquiry.id.clone();
            let base = p.base;
            let mut e = p.enquiry.clone();
            match self.save_online(&mut e) {
                Ok(()) => {
                    self.outbox.remove(&id, Some((p.writer, base)));
                    out.push(Change::Pushed {
                        id,
                        base,
                        revision: e.revision,
                    });
                }
                Err(StoreError::Conflict(_)) if self.already_there(&p) => {
                    // The save went through just as the connection broke.
                    self.outbox.remove(&id, Some((p.writer, base)));
                    out.push(Change::Pushed {
                        id,
                        base,
                        revision: base.saturating_add(1),
                    });
                }
                Err(StoreError::Conflict(_)) => {
                    let mut copy = p.enquiry.clone();
                    match keep_both(self, &mut copy) {
                        Ok(new_id) => {
                            self.outbox.remove(&id, Some((p.writer, base)));
                            out.push(Change::KeptBoth {
                                id,
                                base,
                                copy: new_id,
                                revision: copy.revision,
                            });
                        }
                        Err(x) => {
                            tracing::warn!("offline edits to {id} not sent yet: {x}");
                            break;
                        }
                    }
                }
                Err(StoreError::Deleted { .. }) => {
                    if self.told.insert(id.clone()) {
                        let _ = self.outbox.adopt(&id);
                        out.push(Change::DeletedMeanwhile {
                            enquiry: Box::new(p.enquiry),
                        });
                    }
                }
                Err(StoreError::Unreachable(_)) => break,
                Err(x) => tracing::warn!("offline edits to {id} not sent: {x}"),
            }
        }
        out
    }

    /// Whether the shared store holds exactly what `p` would have saved.
    fn already_there(&mut self, p: &outbox::Pending) -> bool {
        match self.load_online(&p.enquiry.id) {
            Ok(there) => {
                let mut mine = p.enquiry.clone();
                mine.revision = p.base.saturating_add(1);
                there.revision == mine.revision && there == mine
            }
            Err(_) => false,
        }
    }

    /// Connects if not connected (at most every `RETRY` after a failure),
    /// bringing the tables up to date and listening for changes.
    fn connect(&mut self) -> Result<(), StoreError> {
        if self.client.as_ref().is_some_and(|c| !c.is_closed()) {
            return Ok(());
        }
        self.client = None;
        if let Some(why) = &self.offline
            && Instant::now() < self.next_try
        {
            return Err(StoreError::Unreachable(why.clone()));
        }
        let tls = match self.target.tls() {
            Ok(tls) => tls,
            Err(why) => return Err(self.went_offline(why)),
        };
        let config = self.target.config_with_password(self.password.as_ref());
        let mut client = match config.connect(tls) {
            Ok(c) => c,
            Err(e) => {
                let (why, _) = connect::explain(&e, &self.target);
                return Err(self.went_offline(why));
            }
        };
        let ready = schema::migrate(&mut client)
            .map_err(|e| match e {
                schema::SchemaError::Db(e) => connect::explain(&e, &self.target).0,
                other => other.to_string(),
            })
            .and_then(|()| {
                client
                    .batch_execute(&format!("LISTEN {CHANNEL}"))
                    .map_err(|e| connect::explain(&e, &self.target).0)
            });
        if let Err(why) = ready {
            return Err(self.went_offline(why));
        }
        self.client = Some(client);
        if self.offline.take().is_some() {
            tracing::info!("shared store {} reached again", self.target);
            self.noticed.push(Change::Reconnected);
        }
        Ok(())
    }

    fn went_offline(&mut self, why: String) -> StoreError {
        if self.offline.as_deref() != Some(why.as_str()) {
            tracing::warn!("shared store out of reach: {why}");
            self.noticed.push(Change::Disconnected { why: why.clone() });
        }
        self.client = None;
        self.offline = Some(why.clone());
        self.next_try = Instant::now() + RETRY;
        StoreError::Unreachable(why)
    }

    /// A failed call: the database gone (offline) or refusing.
    fn failed(&mut self, e: postgres::Error) -> StoreError {
        let (why, unreachable) = connect::explain(&e, &self.target);
        if unreachable || self.client.as_ref().is_none_or(|c| c.is_closed()) {
            self.went_offline(why)
        } else {
            StoreError::Database(why)
        }
    }

    fn client(&mut self) -> Result<&mut postgres::Client, StoreError> {
        self.connect()?;
        Ok(self.client.as_mut().expect("connected"))
    }

    /// Saves to the database; `Unreachable` when it cannot be reached. A
    /// conflict with this computer's own save, one that went through as
    /// the connection broke, is no conflict: these edits follow it.
    fn save_online(&mut self, e: &mut Enquiry) -> Result<(), StoreError> {
        match self.try_save_online(e) {
            Err(StoreError::Conflict(c)) if self.went_through(&c) => {
                e.revision = c.on_disk;
                self.try_save_online(e)
            }
            other => other,
        }
    }

    /// Whether the revision `c` met is this computer's own save, the one
    /// in doubt since the connection broke.
    fn went_through(&mut self, c: &Conflict) -> bool {
        let Some(doubt) = self.in_doubt.get(&c.id) else {
            return false;
        };
        if doubt.revision != c.on_disk || c.yours.checked_add(1) != Some(c.on_disk) {
            return false;
        }
        let doubt = doubt.clone();
        self.load_online(&c.id).is_ok_and(|there| there == doubt)
    }

    fn try_save_online(&mut self, e: &mut Enquiry) -> Result<(), StoreError> {
        let next = e.revision.checked_add(1).ok_or_else(|| {
            StoreError::Database("the enquiry's revision number is at its largest".into())
        })?;
        let revision = i64::try_from(next)
            .map_err(|_| StoreError::Database("the revision is too large".into()))?;
        let mut stored = e.clone();
        stored.revision = next;
        let body = serde_json::to_string(&stored)
            .map_err(|x| StoreError::Database(format!("the enquiry cannot be written: {x}")))?;
        if body.len() as u64 > MAX_ENQUIRY_BYTES {
            return Err(StoreError::TooLarge {
                id: e.id.clone(),
                bytes: body.len(),
            });
        }
        if crate::enquiry::slug(&e.id) != e.id.to_lowercase() || e.id.is_empty() {
            return Err(StoreError::BadId(e.id.clone()));
        }
        let advisor = self.advisor.clone();
        let payload = notice("saved", self.outbox.writer, &e.id, &advisor);
        let id = e.id.clone();
        let base = e.revision;
        let result = (|| -> Result<Result<(), StoreError>, postgres::Error> {
            let client = self.client.as_mut().expect("connected");
            let mut tx = client.transaction()?;
            let changed = if base == 0 {
                tx.execute(
                    "INSERT INTO enquiries (id, created, updated, revision, advisor, body)
                     VALUES ($1, $2, $3, $4, $5, $6::text::jsonb) ON CONFLICT (id) DO NOTHING",
                    &[
                        &id,
                        &stored.created,
                        &stored.updated,
                        &revision,
                        &stored.advisor,
                        &body,
                    ],
                )?
            } else {
                let previous = i64::try_from(base).unwrap_or(i64::MAX);
                tx.execute(
                    "UPDATE enquiries SET updated = $3, revision = $4, advisor = $5, body = $6::text::jsonb
                     WHERE id = $1 AND revision = $7 AND created = $2",
                    &[&id, &stored.created, &stored.updated, &revision, &stored.advisor, &body, &previous],
                )?
            };
            if changed == 0 {
                let there = tx.query_opt("SELECT revision FROM enquiries WHERE id = $1", &[&id])?;
                tx.rollback()?;
                return Ok(Err(match there {
                    None => StoreError::Deleted { id: id.clone() },
                    Some(row) => StoreError::Conflict(Conflict {
                        id: id.clone(),
                        on_disk: u64::try_from(row.get::<_, i64>(0)).unwrap_or(0),
                        yours: base,
                    }),
                }));
            }
            tx.execute(
                "INSERT INTO audit (enquiry, revision, action, advisor) VALUES ($1, $2, 'saved', $3)",
                &[&id, &revision, &advisor],
            )?;
            tx.execute("SELECT pg_notify($1, $2)", &[&CHANNEL, &payload])?;
            tx.commit()?;
            Ok(Ok(()))
        })();
        match result {
            Ok(Ok(())) => {
                self.in_doubt.remove(&id);
                e.revision = next;
                Ok(())
            }
            Ok(Err(x)) => Err(x),
            Err(x) => {
                let failed = self.failed(x);
                if matches!(failed, StoreError::Unreachable(_)) {
                    self.in_doubt.insert(id, stored);
                }
                Err(failed)
            }
        }
    }

    fn load_online(&mut self, id: &str) -> Result<Enquiry, StoreError> {
        let client = self.client()?;
        let row = client.query_opt(
            "SELECT revision, body::text FROM enquiries WHERE id = $1",
            &[&id],
        );
        match row {
            Ok(Some(row)) => parse_row(id, row.get(0), row.get(1)).map_err(|problem| {
                StoreError::Database(format!("enquiry {id} cannot be read ({problem})"))
            }),
            Ok(None) => Err(StoreError::NotFound {
                id: id.to_string(),
                place: self.place(),
            }),
            Err(e) => Err(self.failed(e)),
        }
    }

    fn exists(&mut self, id: &str) -> bool {
        if self.outbox.get(id).is_some() {
            return true;
        }
        let Ok(client) = self.client() else {
            return false;
        };
        client
            .query_opt("SELECT 1 FROM enquiries WHERE id = $1", &[&id])
            .is_ok_and(|r| r.is_some())
    }
}

/// A notification's payload: what happened, which qualplan run did it,
/// the enquiry and the advisor, tab-separated.
fn notice(what: &str, writer: u64, id: &str, advisor: &str) -> String {
    format!("{what}\t{writer:016x}\t{id}\t{advisor}")
}

/// An enquiry from its row: the body checked and scrubbed like a file, the
/// revision from its column.
fn parse_row(id: &str, revision: i64, body: String) -> Result<Enquiry, String> {
    let mut e: Enquiry = serde_json::from_str(&body).map_err(|x| x.to_string())?;
    e.check().map_err(|x| x.to_string())?;
    e.scrub();
    if e.id != id {
        return Err(format!("it holds enquiry {}", e.id));
    }
    e.revision = u64::try_from(revision).map_err(|_| "a negative revision".to_string())?;
    Ok(e)
}

impl Store for SharedStore {
    fn place(&self) -> String {
        format!("the shared store {}", self.target)
    }

    fn new_id(&mut self, now: NaiveDateTime) -> String {
        let base = format!("enq-{}", now.format("%Y%m%d-%H%M%S"));
        let mut id = base.clone();
        let mut n: u32 = 2;
        while self.exists(&id) {
            id = format!("{base}-{n}");
            n = n.saturating_add(1);
        }
        id
    }

    fn save(&mut self, e: &mut Enquiry) -> Result<(), StoreError> {
        let base = e.revision;
        let online = match self.connect() {
            Ok(()) => self.save_online(e),
            Err(x) => Err(x),
        };
        match online {
            Ok(()) => {
                // These edits supersede any this run kept offline.
                self.outbox.remove(&e.id, Some((self.outbox.writer, base)));
                Ok(())
            }
            Err(StoreError::Unreachable(_)) => {
                // Keep the sent-or-not state of `e` as it was: its revision
                // is still the shared one it started from.
                self.outbox.put(e)
            }
            Err(x) => Err(x),
        }
    }

    fn load(&mut self, id: &str) -> Result<Enquiry, StoreError> {
        // Edits kept offline are the newest this computer has.
        if let Some(p) = self.outbox.get(id)
            && (self.offline.is_some() || p.writer == self.outbox.writer)
        {
            return Ok(p.enquiry);
        }
        self.load_online(id)
    }

    fn load_all(&mut self) -> Result<LoadReport, StoreError> {
        let place = self.place();
        let rows = match self.client() {
            Ok(client) => client
                .query(
                    "SELECT id, revision, body::text FROM enquiries ORDER BY updated DESC, id DESC",
                    &[],
                )
                .map_err(Some),
            Err(_) => Err(None),
        };
        let mut report = LoadReport::default();
        match rows {
            Ok(rows) => {
                for row in rows {
                    let id: String = row.get(0);
                    match parse_row(&id, row.get(1), row.get(2)) {
                        Ok(e) => report.enquiries.push(e),
                        Err(problem) => report.set_aside.push(SetAside {
                            file: PathBuf::from(format!("enquiry {id} in {place}")),
                            moved_to: None,
                            problem,
                            left_because: "it stays in the database untouched",
                        }),
                    }
                }
                self.last_list = report.enquiries.clone();
            }
            Err(Some(e)) => {
                let x = self.failed(e);
                if self.offline.is_none() {
                    return Err(x);
                }
                report.enquiries = self.last_list.clone();
            }
            Err(None) => report.enquiries = self.last_list.clone(),
        }
        // What waits offline is shown as the advisor left it.
        for p in self.outbox.all() {
            report.enquiries.retain(|e| e.id != p.enquiry.id);
            report.enquiries.push(p.enquiry);
        }
        report
            .enquiries
            .sort_by(|a, b| b.updated.cmp(&a.updated).then(b.id.cmp(&a.id)));
        Ok(report)
    }

    fn delete(&mut self, id: &str) -> Result<(), StoreError> {
        let advisor = self.advisor.clone();
        let payload = notice("deleted", self.outbox.writer, id, &advisor);
        let place = self.place();
        let client = self.client()?;
        let result = (|| -> Result<Option<i64>, postgres::Error> {
            let mut tx = client.transaction()?;
            let Some(row) = tx.query_opt(
                "DELETE FROM enquiries WHERE id = $1 RETURNING revision",
                &[&id],
            )?
            else {
                return Ok(None);
            };
            let revision: i64 = row.get(0);
            tx.execute(
                "INSERT INTO audit (enquiry, revision, action, advisor) VALUES ($1, $2, 'deleted', $3)",
                &[&id, &revision, &advisor],
            )?;
            tx.execute("SELECT pg_notify($1, $2)", &[&CHANNEL, &payload])?;
            tx.commit()?;
            Ok(Some(revision))
        })();
        match result {
            Ok(Some(_)) => {
                // Edits this run kept offline for it go with it.
                if self
                    .outbox
                    .get(id)
                    .is_some_and(|p| p.writer == self.outbox.writer)
                {
                    self.outbox.remove(id, None);
                }
                self.last_list.retain(|e| e.id != id);
                Ok(())
            }
            Ok(None) => Err(StoreError::NotFound {
                id: id.to_string(),
                place,
            }),
            Err(e) => Err(self.failed(e)),
        }
    }

    fn changes(&mut self) -> Vec<Change> {
        let _ = self.connect();
        let mut out = std::mem::take(&mut self.noticed);
        if self.client.is_none() {
            return out;
        }
        let own = format!("{:016x}", self.outbox.writer);
        let mut heard = Vec::new();
        let mut broken = None;
        {
            let client = self.client.as_mut().expect("connected");
            let mut notifications = client.notifications();
            // A short wait, not none: the driver reads the socket only
            // while it waits.
            let mut iter = notifications.timeout_iter(LISTEN_WAIT);
            loop {
                match postgres::fallible_iterator::FallibleIterator::next(&mut iter) {
                    Ok(Some(n)) => heard.push(n.payload().to_string()),
                    Ok(None) => break,
                    Err(e) => {
                        broken = Some(e);
                        break;
                    }
                }
            }
        }
        for payload in heard {
            let mut parts = payload.splitn(4, '\t');
            let (Some(what), Some(writer), Some(id), Some(advisor)) =
                (parts.next(), parts.next(), parts.next(), parts.next())
            else {
                continue;
            };
            if writer == own {
                continue;
            }
            let (id, advisor) = (
                id.to_string(),
                crate::text::neutralise(advisor).into_owned(),
            );
            out.push(match what {
                "deleted" => Change::Deleted { id, advisor },
                _ => Change::Saved { id, advisor },
            });
        }
        if let Some(e) = broken {
            let _ = self.failed(e);
            out.append(&mut self.noticed);
            return out;
        }
        out.extend(self.send_waiting());
        out.append(&mut self.noticed);
        out
    }

    fn offline(&self) -> Option<Offline> {
        self.offline.as_ref().map(|why| Offline {
            why: why.clone(),
            waiting: self.outbox.len(),
        })
    }

    fn let_go(&mut self, id: &str) {
        self.outbox.remove(id, None);
        self.told.remove(id);
    }
}
