//! What only a shared store does, against a throwaway PostgreSQL server:
//! hearing other advisors' changes, the audit trail a deletion leaves
//! (without personal data), edits kept offline and sent when the database
//! is back (conflicts and deletions meanwhile included), an unreachable
//! server at start, migrations run by many qualplans at once, and TLS.

mod support {
    pub mod enquiries;
    pub mod postgres;
}

use qualplan::config::Secret;
use qualplan::enquiry::shared::{Settings, Target};
use qualplan::enquiry::{Change, SharedStore, Store};
use std::path::Path;
use std::time::{Duration, Instant};
use support::enquiries::jane;
use support::postgres::{self, fresh_database as database, open_store as open};

/// Asks `store` for changes until `wanted` holds of what it said (the
/// notification travels through the server), for at most 10 s.
fn hear(store: &mut dyn Store, wanted: impl Fn(&[Change]) -> bool) -> Vec<Change> {
    let started = Instant::now();
    let mut heard = Vec::new();
    while started.elapsed() < Duration::from_secs(10) {
        heard.extend(store.changes());
        if wanted(&heard) {
            return heard;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    panic!("not heard in 10 s; heard {heard:?}");
}

#[test]
fn other_advisors_changes_are_heard_with_their_names() {
    let Some((_server, url)) = database("other_advisors_changes_are_heard_with_their_names") else {
        return;
    };
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut sam = open(&url, "Sam Patel", a.path());
    let mut alex = open(&url, "Alex Jones", b.path());
    let _ = sam.changes();
    let mut e = jane("enq-20261201-100000");
    alex.save(&mut e).unwrap();
    let heard = hear(&mut sam, |h| !h.is_empty());
    assert_eq!(
        heard,
        [Change::Saved {
            id: e.id.clone(),
            advisor: "Alex Jones".into()
        }]
    );
    // Its own changes are not news to the one who made them.
    assert!(alex.changes().is_empty());
    alex.delete(&e.id).unwrap();
    let heard = hear(&mut sam, |h| !h.is_empty());
    assert_eq!(
        heard,
        [Change::Deleted {
            id: e.id,
            advisor: "Alex Jones".into()
        }]
    );
}

#[test]
fn a_deletion_erases_the_personal_data_and_leaves_an_audit_line() {
    let Some((server, url)) =
        database("a_deletion_erases_the_personal_data_and_leaves_an_audit_line")
    else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    let mut sam = open(&url, "Sam Patel", home.path());
    let mut e = jane("enq-20261201-100000");
    sam.save(&mut e).unwrap();
    e.notes.push_str(", called back");
    sam.save(&mut e).unwrap();
    sam.delete(&e.id).unwrap();
    let db = url.rsplit('/').next().unwrap().split('?').next().unwrap();
    let mut admin = server.admin(db);
    let audit: Vec<(String, i64, String, String)> = admin
        .query(
            "SELECT enquiry, revision, action, advisor FROM audit ORDER BY seq",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
        .collect();
    let line = |rev: i64, action: &str| {
        (
            e.id.clone(),
            rev,
            action.to_string(),
            "Sam Patel".to_string(),
        )
    };
    assert_eq!(
        audit,
        [line(1, "saved"), line(2, "saved"), line(2, "deleted")]
    );
    // Nothing anywhere in the database's tables holds the caller's details.
    let tables: Vec<String> = admin
        .query(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert!(tables.contains(&"audit".to_string()), "{tables:?}");
    for table in tables {
        let text: String = admin
            .query_one(
                &format!("SELECT coalesce(string_agg(t::text, ' '), '') FROM \"{table}\" t"),
                &[],
            )
            .unwrap()
            .get(0);
        for personal in ["Jane", "jane.smith@example.org", "01225", "Private notes"] {
            assert!(
                !text.contains(personal),
                "{table} still holds {personal}: {text}"
            );
        }
    }
}

#[test]
fn edits_made_offline_are_kept_and_sent_when_the_database_is_back() {
    let Some(server) = postgres::own_or_skip(
        "edits_made_offline_are_kept_and_sent_when_the_database_is_back",
        &[],
    ) else {
        return;
    };
    let url = server.url(&server.database("offline"));
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let mut sam = open(&url, "Sam Patel", a.path());
    // Three enquiries, saved while all is well.
    let mut kept = jane("enq-kept");
    let mut clash = jane("enq-clash");
    let mut gone = jane("enq-gone");
    for e in [&mut kept, &mut clash, &mut gone] {
        sam.save(e).unwrap();
    }
    server.stop();
    // The database goes away mid-call: every edit is still taken.
    kept.notes = "typed while offline".into();
    sam.save(&mut kept).unwrap();
    clash.notes = "Sam, offline".into();
    sam.save(&mut clash).unwrap();
    gone.notes = "Sam, offline, about a deleted enquiry".into();
    sam.save(&mut gone).unwrap();
    let mut new = jane("enq-new");
    sam.save(&mut new).unwrap();
    let offline = sam.offline().expect("says it is offline");
    assert_eq!(offline.waiting, 4, "{offline:?}");
    assert_eq!(
        kept.revision, 1,
        "still the shared revision it started from"
    );
    // The list shows what waits, as the advisor left it.
    let listed = sam.load_all().unwrap().enquiries;
    assert!(
        listed
            .iter()
            .any(|e| e.id == "enq-kept" && e.notes == "typed while offline")
    );
    assert_eq!(sam.load("enq-new").unwrap().caller.name, "Jane Smith");
    // Meanwhile (the database back for another advisor first), Alex
    // changes one and deletes another.
    server.start_again().unwrap();
    let mut alex = open(&url, "Alex Jones", b.path());
    let mut theirs = alex.load("enq-clash").unwrap();
    theirs.notes = "Alex, online".into();
    alex.save(&mut theirs).unwrap();
    alex.delete("enq-gone").unwrap();
    // Sam's qualplan hears the database is back and sends what waited.
    let heard = hear(&mut sam, |h| {
        h.iter()
            .any(|c| matches!(c, Change::DeletedMeanwhile { .. }))
    });
    assert!(heard.contains(&Change::Reconnected), "{heard:?}");
    assert!(
        heard.contains(&Change::Pushed {
            id: "enq-kept".into(),
            base: 1,
            revision: 2
        }),
        "{heard:?}"
    );
    assert!(
        heard.contains(&Change::Pushed {
            id: "enq-new".into(),
            base: 0,
            revision: 1
        }),
        "{heard:?}"
    );
    assert!(
        heard.contains(&Change::KeptBoth {
            id: "enq-clash".into(),
            base: 1,
            copy: "enq-clash-copy-2".into(),
            revision: 1
        }),
        "{heard:?}"
    );
    assert!(sam.offline().is_none());
    assert_eq!(alex.load("enq-kept").unwrap().notes, "typed while offline");
    assert_eq!(alex.load("enq-new").unwrap().revision, 1);
    assert_eq!(alex.load("enq-clash").unwrap().notes, "Alex, online");
    assert_eq!(alex.load("enq-clash-copy-2").unwrap().notes, "Sam, offline");
    // The deletion stands until Sam says otherwise; the edits wait.
    assert!(alex.load("enq-gone").is_err());
    let deleted = heard
        .iter()
        .find_map(|c| match c {
            Change::DeletedMeanwhile { enquiry } => Some(enquiry.clone()),
            _ => None,
        })
        .unwrap();
    assert_eq!(deleted.notes, "Sam, offline, about a deleted enquiry");
    assert!(sam.changes().is_empty(), "told once");
    sam.let_go("enq-gone");
    assert!(sam.load("enq-gone").is_err());
    assert!(
        std::fs::read_dir(a.path().join("outbox"))
            .unwrap()
            .filter_map(|e| e.ok())
            .all(|e| !e.file_name().to_string_lossy().ends_with(".ron"))
    );
}

#[test]
fn an_unreachable_server_at_start_is_not_an_error() {
    let Some(server) = postgres::own_or_skip("an_unreachable_server_at_start_is_not_an_error", &[])
    else {
        return;
    };
    let url = server.url(&server.database("later"));
    server.stop();
    let home = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let mut sam = open(&url, "Sam Patel", home.path());
    assert!(
        started.elapsed() < Duration::from_secs(6),
        "{:?}",
        started.elapsed()
    );
    let offline = sam.offline().expect("offline from the start");
    assert!(offline.why.contains("127.0.0.1"), "{}", offline.why);
    assert!(
        offline.why.to_lowercase().contains("refused"),
        "{}",
        offline.why
    );
    let mut e = jane("enq-20261201-100000");
    sam.save(&mut e).unwrap();
    assert_eq!(sam.offline().unwrap().waiting, 1);
    server.start_again().unwrap();
    let heard = hear(&mut sam, |h| {
        h.iter().any(|c| matches!(c, Change::Pushed { .. }))
    });
    assert!(heard.contains(&Change::Reconnected), "{heard:?}");
    let fresh = tempfile::tempdir().unwrap();
    assert_eq!(
        open(&url, "Alex", fresh.path())
            .load(&e.id)
            .unwrap()
            .caller
            .name,
        "Jane Smith"
    );
}

#[test]
fn many_qualplans_starting_at_once_migrate_once() {
    let Some((server, url)) = database("many_qualplans_starting_at_once_migrate_once") else {
        return;
    };
    let homes: Vec<_> = (0..8).map(|_| tempfile::tempdir().unwrap()).collect();
    std::thread::scope(|s| {
        for (i, home) in homes.iter().enumerate() {
            let url = url.clone();
            s.spawn(move || {
                let mut store = open(&url, &format!("advisor {i}"), home.path());
                assert!(store.offline().is_none(), "{:?}", store.offline());
                store.save(&mut jane(&format!("enq-{i}"))).unwrap();
            });
        }
    });
    let db = url.rsplit('/').next().unwrap().split('?').next().unwrap();
    let mut admin = server.admin(db);
    let versions: Vec<i32> = admin
        .query("SELECT version FROM qualplan_migrations", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(versions, [1]);
    let n: i64 = admin
        .query_one("SELECT count(*) FROM enquiries", &[])
        .unwrap()
        .get(0);
    assert_eq!(n, 8);
}

#[test]
fn a_database_set_up_by_a_newer_qualplan_is_refused_by_name() {
    let Some((server, url)) = database("a_database_set_up_by_a_newer_qualplan_is_refused_by_name")
    else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    drop(open(&url, "Sam", home.path()));
    let db = url.rsplit('/').next().unwrap().split('?').next().unwrap();
    server
        .admin(db)
        .batch_execute(
            "INSERT INTO qualplan_migrations (version, name, checksum) VALUES (99, 'future', 0)",
        )
        .unwrap();
    let store = open(&url, "Sam", home.path());
    let why = store.offline().expect("not used").why;
    assert!(
        why.contains("version 99") && why.contains("update qualplan"),
        "{why}"
    );
}

#[test]
fn a_wrong_password_is_said_without_the_password() {
    let Some((_server, url)) = database("a_wrong_password_is_said_without_the_password") else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    let store = SharedStore::open(Settings {
        target: Target::parse(&url).unwrap(),
        password: Some(Secret::new("not-the-password-91c2")),
        advisor: "Sam".into(),
        outbox: home.path().join("outbox"),
    })
    .unwrap();
    let why = store.offline().expect("refused").why;
    assert!(why.contains("refused the login"), "{why}");
    assert!(why.contains("PGPASSWORD"), "{why}");
    assert!(!why.contains("not-the-password-91c2"), "{why}");
}

/// An authority's certificate, and a server certificate for `localhost`
/// it signed (with its key), made with openssl.
fn certificates(
    dir: &Path,
) -> Option<(std::path::PathBuf, std::path::PathBuf, std::path::PathBuf)> {
    let p = |name: &str| dir.join(name);
    let run = |args: &[&str]| {
        std::process::Command::new("openssl")
            .current_dir(dir)
            .args(args)
            .output()
            .is_ok_and(|o| o.status.success())
    };
    std::fs::write(
        p("ext"),
        "subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\n",
    )
    .ok()?;
    let ok = run(&[
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "2",
        "-subj",
        "/CN=qualplan test CA",
        "-keyout",
        "ca.key",
        "-out",
        "ca.crt",
    ]) && run(&[
        "req",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-subj",
        "/CN=localhost",
        "-keyout",
        "server.key",
        "-out",
        "server.csr",
    ]) && run(&[
        "x509",
        "-req",
        "-in",
        "server.csr",
        "-CA",
        "ca.crt",
        "-CAkey",
        "ca.key",
        "-CAcreateserial",
        "-days",
        "2",
        "-extfile",
        "ext",
        "-out",
        "server.crt",
    ]);
    ok.then(|| (p("ca.crt"), p("server.crt"), p("server.key")))
}

#[test]
fn tls_as_the_connection_string_asks() {
    let test = "tls_as_the_connection_string_asks";
    let Some(plain) = postgres::own_or_skip(test, &[]) else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    // sslmode=require against a server without TLS: a clear refusal.
    let url = plain
        .url(&plain.database("tls"))
        .replace("sslmode=disable", "sslmode=require");
    let why = open(&url, "Sam", home.path())
        .offline()
        .expect("refused")
        .why;
    assert!(
        why.contains("does not offer TLS") && why.contains("sslmode=require"),
        "{why}"
    );
    drop(plain);
    // A server with a self-signed certificate.
    let certs = tempfile::tempdir().unwrap();
    let Some((ca, cert, key)) = certificates(certs.path()) else {
        postgres::skip(test, "openssl could not make a certificate");
        return;
    };
    let Some(tls) = postgres::own_or_skip(
        test,
        &[
            "ssl=on",
            &format!("ssl_cert_file={}", tls_file(&cert)),
            &format!("ssl_key_file={}", tls_file(&key)),
        ],
    ) else {
        return;
    };
    let db = tls.database("tls");
    let base = format!("postgres://{}@localhost:{}/{db}", postgres::USER, tls.port);
    let encrypted = |store: &mut SharedStore| {
        let _ = store.changes();
        store.offline().is_none()
    };
    // require: encrypted, the certificate taken as it comes.
    let mut s = open(&format!("{base}?sslmode=require"), "Sam", home.path());
    assert!(encrypted(&mut s), "{:?}", s.offline());
    let mut admin = tls.admin(&db);
    let ssl_used: i64 = admin
        .query_one(
            "SELECT count(*) FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid) WHERE a.application_name = 'qualplan' AND s.ssl",
            &[],
        )
        .unwrap()
        .get(0);
    assert!(ssl_used >= 1, "qualplan's connection is not encrypted");
    drop(s);
    // verify-full, with the authority that signed it: trusted.
    let root = format!("sslrootcert={}", ca.display());
    let mut s = open(
        &format!("{base}?sslmode=verify-full&{root}"),
        "Sam",
        home.path(),
    );
    assert!(encrypted(&mut s), "{:?}", s.offline());
    // verify-full naming the host by another name than the certificate's.
    let other = base.replace("localhost", "127.0.0.1");
    let s = open(
        &format!("{other}?sslmode=verify-full&{root}"),
        "Sam",
        home.path(),
    );
    let why = s.offline().expect("refused").why;
    assert!(why.contains("TLS handshake"), "{why}");
    // verify-ca does not mind the name.
    let mut s = open(
        &format!("{other}?sslmode=verify-ca&{root}"),
        "Sam",
        home.path(),
    );
    assert!(encrypted(&mut s), "{:?}", s.offline());
    // verify-full against the system's authorities: not trusted.
    let s = open(
        &format!("{base}?sslmode=verify-full&sslrootcert=system"),
        "Sam",
        home.path(),
    );
    let why = s.offline().expect("refused").why;
    assert!(why.contains("TLS handshake"), "{why}");
}

/// A copy of a certificate file the server's user can read.
fn tls_file(path: &Path) -> String {
    use std::os::unix::fs::PermissionsExt;
    let copy = std::env::temp_dir().join(format!(
        "qualplan-tls-{}-{}",
        std::process::id(),
        path.file_name().unwrap().to_string_lossy()
    ));
    std::fs::copy(path, &copy).unwrap();
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o600)).unwrap();
    // The server runs as postgres when the tests run as root.
    let _ = std::process::Command::new("chown")
        .arg("postgres")
        .arg(&copy)
        .status();
    copy.display().to_string()
}
