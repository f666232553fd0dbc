//! The shared store's tables, and the versioned migrations that make them,
//! applied when qualplan connects.
//!
//! A small table of applied versions rather than a migration crate: every
//! qualplan of a team connects and migrates at start, often at the same
//! moment, so the run takes a PostgreSQL advisory lock and applies each
//! migration in a transaction with its version row, and a database a newer
//! qualplan has migrated is refused by name rather than half-used. The
//! migrations are only ever added to, never edited: a changed one is
//! caught by its checksum.

/// Each migration: its version (1, 2, ...: the position in this list), a
/// name and the SQL. Add new ones at the end; never change one that has
/// shipped.
pub const MIGRATIONS: &[(&str, &str)] = &[(
    "enquiries and their audit trail",
    "
    CREATE TABLE enquiries (
        id text PRIMARY KEY,
        created timestamp NOT NULL,
        updated timestamp NOT NULL,
        revision bigint NOT NULL CHECK (revision > 0),
        -- The advisor who saved it last.
        advisor text NOT NULL,
        -- The whole enquiry as JSON: the personal data lives here only.
        body jsonb NOT NULL
    );
    CREATE INDEX enquiries_updated ON enquiries (updated DESC);
    -- One line per change, kept after a deletion: never personal data.
    CREATE TABLE audit (
        seq bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        enquiry text NOT NULL,
        revision bigint NOT NULL,
        action text NOT NULL CHECK (action IN ('saved', 'deleted')),
        advisor text NOT NULL
    );
    CREATE INDEX audit_enquiry ON audit (enquiry);
    ",
)];

/// The lock every qualplan takes while it migrates ("qualplan" as a number).
const LOCK_KEY: i64 = 0x7175_616c_706c_616e;

/// Why the schema could not be brought up to date.
#[derive(Debug)]
pub enum SchemaError {
    /// A newer qualplan has migrated this database.
    TooNew {
        found: i32,
        known: usize,
    },
    /// An applied migration is not the one this qualplan has.
    Changed {
        version: i32,
        name: String,
    },
    Db(postgres::Error),
}

impl std::fmt::Display for SchemaError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SchemaError::TooNew { found, known } => write!(
                f,
                "the shared store's tables are at version {found}, set up by a newer qualplan (this one knows up to {known}): update qualplan"
            ),
            SchemaError::Changed { version, name } => write!(
                f,
                "the shared store's migration {version} ({name}) differs from this qualplan's: the database was changed by hand, or by another program"
            ),
            SchemaError::Db(e) => e.fmt(f),
        }
    }
}

impl From<postgres::Error> for SchemaError {
    fn from(e: postgres::Error) -> SchemaError {
        SchemaError::Db(e)
    }
}

fn checksum(sql: &str) -> i64 {
    i64::from_ne_bytes(xxhash_rust::xxh3::xxh3_64(sql.as_bytes()).to_ne_bytes())
}

/// Brings the tables up to date, one migration per transaction, holding
/// the advisory lock so that qualplans starting together take turns.
pub fn migrate(client: &mut postgres::Client) -> Result<(), SchemaError> {
    client.execute("SELECT pg_advisory_lock($1)", &[&LOCK_KEY])?;
    let result = migrate_locked(client);
    // Released with the session anyway; explicitly, so that others go on.
    let unlocked = client.execute("SELECT pg_advisory_unlock($1)", &[&LOCK_KEY]);
    result?;
    unlocked?;
    Ok(())
}

fn migrate_locked(client: &mut postgres::Client) -> Result<(), SchemaError> {
    client.batch_execute(
        "CREATE TABLE IF NOT EXISTS qualplan_migrations (
            version integer PRIMARY KEY,
            name text NOT NULL,
            checksum bigint NOT NULL,
            applied timestamptz NOT NULL DEFAULT now()
        )",
    )?;
    let applied = client.query(
        "SELECT version, name, checksum FROM qualplan_migrations ORDER BY version",
        &[],
    )?;
    for row in &applied {
        let version: i32 = row.get(0);
        let name: String = row.get(1);
        let sum: i64 = row.get(2);
        let known = usize::try_from(version)
            .ok()
            .and_then(|v| v.checked_sub(1))
            .and_then(|i| MIGRATIONS.get(i));
        match known {
            None => {
                return Err(SchemaError::TooNew {
                    found: version,
                    known: MIGRATIONS.len(),
                });
            }
            Some((_, sql)) if checksum(sql) != sum => {
                return Err(SchemaError::Changed { version, name });
            }
            Some(_) => {}
        }
    }
    for (i, (name, sql)) in MIGRATIONS.iter().enumerate().skip(applied.len()) {
        let version = i32::try_from(i + 1).expect("fewer than 2^31 migrations");
        let mut tx = client.transaction()?;
        tx.batch_execute(sql)?;
        tx.execute(
            "INSERT INTO qualplan_migrations (version, name, checksum) VALUES ($1, $2, $3)",
            &[&version, name, &checksum(sql)],
        )?;
        tx.commit()?;
        tracing::info!("shared store: applied migration {version} ({name})");
    }
    Ok(())
}
