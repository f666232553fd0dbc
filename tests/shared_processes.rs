//! Several qualplans at once on one shared store, each a process of its
//! own (this test binary started again as a worker), against a throwaway
//! PostgreSQL server:
//!
//! - two processes editing one enquiry: every edit is kept, in the enquiry
//!   or in a copy beside it, and nothing else is made;
//! - 8 processes saving 1,000 times each: every save is a revision, none
//!   lost, and the new enquiries they make all have ids of their own;
//! - the server stopped and started again while 4 processes save: the
//!   edits made meanwhile wait on each computer and reach the store, with
//!   no copy made of an edit that went through as the connection broke.
//!
//! A plain program (no test harness), so that the same binary can be both
//! the test and its workers; a filter given to `cargo test` still picks
//! the cases by name.

mod support {
    pub mod enquiries;
    pub mod postgres;
}

use qualplan::enquiry::{Change, Enquiry, SharedStore, Store, StoreError, keep_both};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use support::enquiries::{at, jane};
use support::postgres::{self, open_store as open};

/// The first argument that makes this binary a worker.
const WORKER: &str = "--qualplan-worker";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some(WORKER) {
        worker(&args[1..]);
        return;
    }
    let filters: Vec<&String> = args.iter().filter(|a| !a.starts_with('-')).collect();
    let cases: [(&str, fn()); 3] = [
        (
            "two_processes_editing_one_enquiry_keep_every_edit",
            two_processes_editing_one_enquiry_keep_every_edit,
        ),
        (
            "eight_processes_saving_a_thousand_times_lose_nothing",
            eight_processes_saving_a_thousand_times_lose_nothing,
        ),
        (
            "the_server_stopped_and_started_during_saves_loses_nothing",
            the_server_stopped_and_started_during_saves_loses_nothing,
        ),
    ];
    for (name, case) in cases {
        if !filters.is_empty() && !filters.iter().any(|f| name.contains(f.as_str())) {
            continue;
        }
        let started = Instant::now();
        case();
        println!(
            "test {name} ... ok ({:.1} s)",
            started.elapsed().as_secs_f64()
        );
    }
}

/// Workers started and waiting for `go` to appear, so that they all start
/// together.
struct Workers {
    children: Vec<Child>,
    go: PathBuf,
    _dir: tempfile::TempDir,
}

impl Workers {
    /// `n` workers doing `job` on the store at `url`, each with a home of
    /// its own, and told their number.
    fn start(n: usize, job: &str, url: &str, extra: &str) -> Workers {
        let dir = tempfile::tempdir().unwrap();
        let go = dir.path().join("go");
        let children = (0..n)
            .map(|i| {
                let home = dir.path().join(format!("home-{i}"));
                std::fs::create_dir(&home).unwrap();
                Command::new(std::env::current_exe().unwrap())
                    .args([WORKER, job, url, &i.to_string(), extra])
                    .arg(&home)
                    .arg(&go)
                    .stdout(Stdio::piped())
                    .stderr(Stdio::inherit())
                    .spawn()
                    .unwrap()
            })
            .collect();
        Workers {
            children,
            go,
            _dir: dir,
        }
    }

    fn go(&self) {
        std::fs::write(&self.go, "").unwrap();
    }

    /// Each worker's report: its last line on standard output.
    fn reports(self) -> Vec<String> {
        self.children
            .into_iter()
            .map(|c| {
                let out = c.wait_with_output().unwrap();
                let text = String::from_utf8(out.stdout).unwrap();
                assert!(out.status.success(), "a worker failed: {text}");
                text.lines().last().unwrap_or_default().to_string()
            })
            .collect()
    }
}

/// Runs as a worker: `job url number extra home go`.
fn worker(args: &[String]) {
    let [job, url, number, extra, home, go] = args else {
        panic!("worker arguments: {args:?}");
    };
    let number: usize = number.parse().unwrap();
    let mut store = open(url, &format!("advisor {number}"), Path::new(home));
    let started = Instant::now();
    while !Path::new(go).exists() {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "never told to go"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    let report = match job.as_str() {
        "edit" => edit(&mut store, number, extra.parse().unwrap()),
        "hammer" => hammer(&mut store, number, extra.parse().unwrap()),
        "through-restart" => through_restart(&mut store, number, extra.parse().unwrap()),
        other => panic!("no job {other}"),
    };
    println!("{report}");
}

/// What an advisor's app does, `times` times: take the enquiry as it is
/// now, add to its notes, save; when someone saved it meanwhile, keep both.
/// Reports how many saves went into the enquiry and the copies made.
fn edit(store: &mut SharedStore, number: usize, times: usize) -> String {
    let (mut direct, mut copies) = (0, Vec::new());
    for i in 0..times {
        let mut e = store.load("enq-shared").unwrap();
        e.notes.push_str(&format!("[{number}.{i}]"));
        match store.save(&mut e) {
            Ok(()) => direct += 1,
            Err(StoreError::Conflict(_)) => copies.push(keep_both(store, &mut e).unwrap()),
            Err(x) => panic!("{x}"),
        }
    }
    format!("{direct} {}", copies.join(" "))
}

/// Saves an enquiry of its own `times` times, and every hundredth save
/// makes a new enquiry too, all at one moment (ids from the time clash).
/// Reports the new enquiries' ids.
fn hammer(store: &mut SharedStore, number: usize, times: usize) -> String {
    let mut own = jane(&format!("enq-own-{number}"));
    let mut made = Vec::new();
    for i in 1..=times {
        own.notes = format!("save {i} by {number}");
        store.save(&mut own).unwrap();
        assert_eq!(own.revision, i as u64);
        if i % 100 == 0 {
            let now = at("2026-12-02 09:00:00");
            let mut e = Enquiry::new(store.new_id(now), now);
            e.notes = format!("new {i} by {number}");
            match store.save(&mut e) {
                Ok(()) => {}
                Err(StoreError::Conflict(_)) => {
                    keep_both(store, &mut e).unwrap();
                }
                Err(x) => panic!("{x}"),
            }
            made.push(e.id);
        }
    }
    assert!(store.offline().is_none());
    made.join(" ")
}

/// Saves an enquiry of its own `times` times, a few milliseconds apart,
/// whether the store can be reached or not; then waits until what was
/// kept offline has been sent. Reports the enquiry's final notes.
fn through_restart(store: &mut SharedStore, number: usize, times: usize) -> String {
    let mut own = jane(&format!("enq-restart-{number}"));
    for i in 1..=times {
        own.notes = format!("save {i} by {number}");
        match store.save(&mut own) {
            Ok(()) => {}
            Err(x) => panic!("save {i}: {x}"),
        }
        take_in(store.changes(), &mut own);
        std::thread::sleep(Duration::from_millis(10));
    }
    let started = Instant::now();
    while store.offline().is_some() || store.waiting() > 0 {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "still waiting after 60 s: {:?}",
            store.offline()
        );
        take_in(store.changes(), &mut own);
        std::thread::sleep(Duration::from_millis(50));
    }
    own.notes
}

/// What the app does with the news of edits sent: the enquiry open is now
/// at the revision they made. No edit of this computer's own may have
/// needed a copy.
fn take_in(changes: Vec<Change>, own: &mut Enquiry) {
    for change in changes {
        match change {
            Change::Pushed { id, base, revision } if id == own.id && base == own.revision => {
                own.revision = revision
            }
            Change::KeptBoth { .. } | Change::DeletedMeanwhile { .. } => panic!("{change:?}"),
            _ => {}
        }
    }
}

/// Every enquiry in the store, by id.
fn everything(url: &str) -> BTreeMap<String, Enquiry> {
    let home = tempfile::tempdir().unwrap();
    let mut store = open(url, "checker", home.path());
    let report = store.load_all().unwrap();
    assert!(report.set_aside.is_empty(), "{:?}", report.set_aside);
    report
        .enquiries
        .into_iter()
        .map(|e| (e.id.clone(), e))
        .collect()
}

fn two_processes_editing_one_enquiry_keep_every_edit() {
    let test = "two_processes_editing_one_enquiry_keep_every_edit";
    let Some(server) = postgres::own_or_skip(test, &[]) else {
        return;
    };
    let url = server.url(&server.database("edit"));
    let home = tempfile::tempdir().unwrap();
    open(&url, "Sam", home.path())
        .save(&mut jane("enq-shared"))
        .unwrap();
    const TIMES: usize = 150;
    let workers = Workers::start(2, "edit", &url, &TIMES.to_string());
    workers.go();
    let reports = workers.reports();
    let mut direct = 0;
    let mut copies = Vec::new();
    for r in &reports {
        let mut words = r.split_whitespace();
        direct += words.next().unwrap().parse::<u64>().unwrap();
        copies.extend(words.map(str::to_string));
    }
    let all = everything(&url);
    // The enquiry took every save that was not a conflict; each conflict
    // made one copy; nothing else was made.
    assert_eq!(all["enq-shared"].revision, 1 + direct);
    assert_eq!(all.len(), 1 + copies.len(), "{copies:?}");
    assert!(direct + copies.len() as u64 == 2 * TIMES as u64);
    // Every edit is somewhere.
    for n in 0..2 {
        for i in 0..TIMES {
            let mark = format!("[{n}.{i}]");
            assert!(
                all.values().any(|e| e.notes.contains(&mark)),
                "edit {mark} is lost"
            );
        }
    }
    // The two really did meet (else this tested nothing shared).
    assert!(
        !copies.is_empty(),
        "two processes saving {TIMES} times each never clashed"
    );
}

fn eight_processes_saving_a_thousand_times_lose_nothing() {
    let test = "eight_processes_saving_a_thousand_times_lose_nothing";
    let Some(server) = postgres::own_or_skip(test, &[]) else {
        return;
    };
    let db = server.database("hammer");
    let url = server.url(&db);
    const TIMES: u64 = 1000;
    let workers = Workers::start(8, "hammer", &url, &TIMES.to_string());
    workers.go();
    let made: Vec<String> = workers
        .reports()
        .iter()
        .flat_map(|r| r.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .collect();
    let all = everything(&url);
    for n in 0..8 {
        let own = &all[&format!("enq-own-{n}")];
        assert_eq!(own.revision, TIMES);
        assert_eq!(own.notes, format!("save {TIMES} by {n}"));
    }
    // 10 new enquiries each, all at one moment: 80 ids, 80 enquiries.
    assert_eq!(made.len(), 80);
    let distinct: std::collections::BTreeSet<_> = made.iter().collect();
    assert_eq!(distinct.len(), 80, "{made:?}");
    for id in &made {
        assert!(all[id].notes.starts_with("new "), "{id}: {:?}", all[id]);
    }
    assert_eq!(all.len(), 8 + 80);
    // Every save left its audit line, with the advisor who made it.
    let mut admin = server.admin(&db);
    let lines: i64 = admin
        .query_one(
            "SELECT count(*) FROM audit WHERE action = 'saved' AND enquiry LIKE 'enq-own-%'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(lines, 8 * TIMES as i64);
    let advisors: i64 = admin
        .query_one(
            "SELECT count(DISTINCT advisor) FROM audit WHERE enquiry LIKE 'enq-own-%'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(advisors, 8);
}

fn the_server_stopped_and_started_during_saves_loses_nothing() {
    let test = "the_server_stopped_and_started_during_saves_loses_nothing";
    let Some(server) = postgres::own_or_skip(test, &[]) else {
        return;
    };
    let url = server.url(&server.database("restart"));
    const TIMES: usize = 200;
    let workers = Workers::start(4, "through-restart", &url, &TIMES.to_string());
    workers.go();
    // Mid-way through the saves, the server goes, and comes back.
    std::thread::sleep(Duration::from_millis(800));
    server.stop();
    std::thread::sleep(Duration::from_millis(1500));
    server.start_again().unwrap();
    let reports = workers.reports();
    let all = everything(&url);
    for (n, report) in reports.iter().enumerate() {
        let last = format!("save {TIMES} by {n}");
        assert_eq!(report, &last);
        assert_eq!(all[&format!("enq-restart-{n}")].notes, last);
    }
    assert_eq!(all.len(), 4, "{:?}", all.keys());
}
