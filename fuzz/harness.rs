//! The fuzzing harness: inputs made by mutating the corpus under
//! `fuzz/corpus/<target>/` (proptest picks a file and a list of byte-level
//! mutations, and shrinks a failure to the fewest mutations), fed to the
//! catalogue loader and validator or the enquiry loader. Each input must
//! load or be refused with an inert message: no panic, no hang (a watchdog
//! aborts on a case that runs over `HANG_AFTER`), and bounded memory (inputs
//! stay under `MAX_INPUT`; the run reports its peak).
//!
//! Used by `tests/fuzz.rs` (a short run in CI) and `examples/fuzz.rs` (the
//! long runs of docs/reliability.md).

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestError, TestRunner};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// What is fuzzed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    Catalogue,
    Enquiry,
}

impl Target {
    pub fn name(self) -> &'static str {
        match self {
            Target::Catalogue => "catalogue",
            Target::Enquiry => "enquiry",
        }
    }

    pub fn parse(name: &str) -> Option<Target> {
        [Target::Catalogue, Target::Enquiry]
            .into_iter()
            .find(|t| t.name() == name)
    }
}

/// No mutated input grows past this.
pub const MAX_INPUT: usize = 1 << 20;
/// A case running longer than this is a hang.
pub const HANG_AFTER: Duration = Duration::from_secs(10);

/// Pieces of RON and of qualplan's formats that mutations splice in.
const DICTIONARY: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "Some(",
    "None",
    "true",
    "false",
    "0",
    "-1",
    "18446744073709551615",
    "99999999999999999999",
    "1e308",
    "'",
    "r#\"",
    "\"#",
    "/*",
    "*/",
    "//",
    "\n",
    "\\u{1b}",
    "\\u{202e}",
    "\u{1b}[2J",
    "\u{202e}",
    "\u{200b}",
    "\u{feff}",
    "\\",
    "value:",
    "source:",
    "(doc: \"pack\", at: \"x\")",
    "code:",
    "id:",
    "credits:",
    "price:",
    "rules:",
    "mandatory:",
    "optional_groups:",
    "upgrades:",
    "to:",
    "level:",
    "size:",
    "Award",
    "Certificate",
    "Diploma",
    "Current",
    "Older",
    "units:",
    "qualifications:",
    "caller:",
    "name:",
    "revision:",
    "created:",
    "\"2026-11-22T10:00:00\"",
    "shortlist:",
    "payment:",
    "instalments:",
    "start:",
    "\"2026-02-30\"",
];

/// One change to an input's bytes; positions wrap around its length.
#[derive(Clone, Debug)]
pub enum Mutation {
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Word(usize, usize),
    Delete(usize, usize),
    Duplicate(usize, usize, usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        4 => (any::<usize>(), 1..=255u8).prop_map(|(i, x)| Mutation::Flip(i, x)),
        2 => (any::<usize>(), proptest::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(i, b)| Mutation::Insert(i, b)),
        4 => (any::<usize>(), 0..DICTIONARY.len()).prop_map(|(i, w)| Mutation::Word(i, w)),
        3 => (any::<usize>(), 1..64usize).prop_map(|(i, n)| Mutation::Delete(i, n)),
        1 => (any::<usize>(), 1..4096usize, any::<usize>())
            .prop_map(|(i, n, at)| Mutation::Duplicate(i, n, at)),
        1 => any::<usize>().prop_map(Mutation::Truncate),
    ]
}

/// `seed` with `mutations` applied in order.
pub fn mutate(seed: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut b = seed.to_vec();
    for m in mutations {
        let at = |i: usize, len: usize| if len == 0 { 0 } else { i % (len + 1) };
        match m {
            Mutation::Flip(i, x) if !b.is_empty() => {
                let i = i % b.len();
                b[i] ^= x;
            }
            Mutation::Flip(..) => {}
            Mutation::Insert(i, bytes) => {
                let i = at(*i, b.len());
                b.splice(i..i, bytes.iter().copied());
            }
            Mutation::Word(i, w) => {
                let i = at(*i, b.len());
                b.splice(i..i, DICTIONARY[*w].bytes());
            }
            Mutation::Delete(i, n) => {
                let i = at(*i, b.len());
                let end = (i + n).min(b.len());
                b.drain(i..end);
            }
            Mutation::Duplicate(i, n, to) => {
                let i = at(*i, b.len());
                let end = (i + n).min(b.len());
                let piece = b[i..end].to_vec();
                let to = at(*to, b.len());
                if b.len() + piece.len() <= MAX_INPUT {
                    b.splice(to..to, piece);
                }
            }
            Mutation::Truncate(i) => {
                let i = at(*i, b.len());
                b.truncate(i);
            }
        }
    }
    b.truncate(MAX_INPUT);
    b
}

/// The seed inputs of `target`: every file under `fuzz/corpus/<target>/`,
/// and for catalogues the built-in one.
pub fn corpus(target: Target) -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target.name());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("a corpus entry").path())
        .collect();
    files.sort();
    let mut seeds: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).expect("a corpus file"))
        })
        .collect();
    if target == Target::Catalogue {
        seeds.push((
            "built-in catalogue.ron".to_string(),
            qualplan::catalogue::EMBEDDED_CATALOGUE.as_bytes().to_vec(),
        ));
    }
    seeds
}

/// Feeds one input to `target`; an error names what is wrong.
pub fn check(target: Target, input: &[u8], scratch: &Path) -> Result<(), String> {
    match target {
        Target::Catalogue => check_catalogue(input),
        Target::Enquiry => check_enquiry(input, scratch),
    }
}

fn inert(message: &str) -> Result<(), String> {
    match message
        .chars()
        .find(|c| qualplan::text::hazard(*c).is_some())
    {
        Some(c) => Err(format!(
            "U+{:04X} would reach the terminal in: {message}",
            c as u32
        )),
        None => Ok(()),
    }
}

fn check_catalogue(input: &[u8]) -> Result<(), String> {
    let Ok(text) = std::str::from_utf8(input) else {
        // The loader refuses it before parsing (tests/hostile_input.rs).
        return Ok(());
    };
    match qualplan::catalogue::parse(text, "fuzz.ron") {
        Err(e) => inert(&e.to_string()),
        Ok(c) => {
            // A catalogue that passes validation must also plan and search.
            use qualplan::planner;
            let index = planner::SearchIndex::new(&c);
            index.search("coach 5", 10);
            for q in &c.qualifications {
                let _ = q.routes(&c);
                let _ = planner::all_upgrades(&c, &planner::Holding::one(&q.id, true));
            }
            Ok(())
        }
    }
}

fn check_enquiry(input: &[u8], scratch: &Path) -> Result<(), String> {
    use qualplan::enquiry::EnquiryStore;
    let path = scratch.join("enq-fuzz.ron");
    std::fs::write(&path, input).map_err(|e| e.to_string())?;
    let store = EnquiryStore::open(scratch).map_err(|e| e.to_string())?;
    let result = match store.load("enq-fuzz") {
        Err(e) => inert(&e.to_string()),
        Ok(mut e) => {
            // What loads shows inert, and saves again.
            for text in [&e.caller.name, &e.notes, &e.id] {
                inert(text)?;
            }
            e.id = "enq-fuzz".to_string();
            store
                .save(&mut e)
                .map_err(|x| format!("reloaded enquiry would not save: {x}"))
        }
    };
    let _ = std::fs::remove_file(&path);
    result
}

/// The case being run: when it started, and its input.
type Running = (Instant, Vec<u8>);

/// A run's outcome.
pub struct Report {
    pub cases: u32,
    pub elapsed: Duration,
}

/// Runs `cases` mutated inputs through `target`. A failure comes back as
/// the smallest failing input found, written under `fuzz/crashes/`.
pub fn run(target: Target, cases: u32, seed: u64) -> Result<Report, String> {
    let seeds = Arc::new(corpus(target));
    let scratch = tempfile::tempdir().map_err(|e| e.to_string())?;
    let config = Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 2_000,
        rng_seed: proptest::test_runner::RngSeed::Fixed(seed),
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let strategy = (0..seeds.len(), proptest::collection::vec(mutation(), 0..12));
    let current: Arc<Mutex<Option<Running>>> = Arc::new(Mutex::new(None));
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let watchdog = {
        let (current, done) = (current.clone(), done.clone());
        std::thread::spawn(move || {
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                std::thread::sleep(Duration::from_millis(200));
                let guard = current.lock().unwrap();
                if let Some((started, input)) = guard.as_ref()
                    && started.elapsed() > HANG_AFTER
                {
                    let path = save_crash(target, "hang", input);
                    eprintln!("a case ran over {HANG_AFTER:?}: input in {path}");
                    std::process::abort();
                }
            }
        })
    };
    let started = Instant::now();
    let seeds_for_cases = seeds.clone();
    let outcome = runner.run(&strategy, |(which, mutations)| {
        let input = mutate(&seeds_for_cases[which].1, &mutations);
        *current.lock().unwrap() = Some((Instant::now(), input.clone()));
        let result = check(target, &input, scratch.path());
        *current.lock().unwrap() = None;
        result.map_err(TestCaseError::fail)
    });
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    watchdog
        .join()
        .map_err(|_| "the watchdog failed".to_string())?;
    match outcome {
        Ok(()) => Ok(Report {
            cases,
            elapsed: started.elapsed(),
        }),
        Err(TestError::Fail(why, (which, mutations))) => {
            let input = mutate(&seeds[which].1, &mutations);
            let path = save_crash(target, "fail", &input);
            Err(format!(
                "{}: {why}\nseed {}, mutations {mutations:?}\ninput saved in {path}",
                target.name(),
                seeds[which].0
            ))
        }
        Err(TestError::Abort(why)) => Err(format!("{}: aborted: {why}", target.name())),
    }
}

fn save_crash(target: Target, kind: &str, input: &[u8]) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/crashes");
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join(format!(
        "{}-{kind}-{:016x}",
        target.name(),
        xxhash_rust::xxh3::xxh3_64(input)
    ));
    let _ = std::fs::write(&path, input);
    path.display().to_string()
}

/// Peak resident memory of this process, in KiB.
pub fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
