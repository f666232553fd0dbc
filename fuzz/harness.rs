//! The fuzzing harness: inputs made by mutating the corpus under
//! `fuzz/corpus/<target>/` (proptest picks a file and a list of byte-level
//! mutations, and shrinks a failure to the fewest mutations), fed to the
//! catalogue loader and validator, the enquiry loader (and, for an enquiry
//! that loads, its quote and payment plan), or the `qualplan` command
//! itself as its arguments (one a line). Each input must load or be
//! refused with an inert message: no panic, no hang (a watchdog aborts on a
//! case that runs over `HANG_AFTER`), and bounded memory (inputs stay under
//! `MAX_INPUT`; the run reports its peak; the command runs with its address
//! space limited to `COMMAND_MEMORY`).
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
    /// The command line: one argument a line.
    Arguments,
}

impl Target {
    pub fn name(self) -> &'static str {
        match self {
            Target::Catalogue => "catalogue",
            Target::Enquiry => "enquiry",
            Target::Arguments => "arguments",
        }
    }

    pub fn parse(name: &str) -> Option<Target> {
        [Target::Catalogue, Target::Enquiry, Target::Arguments]
            .into_iter()
            .find(|t| t.name() == name)
    }
}

/// The most address space the command may take while fuzzed: far more than
/// any command needs (a few MiB), far less than an allocation that a bad
/// count or length would ask for.
pub const COMMAND_MEMORY: u64 = 1 << 30;

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
    // Enquiry payment fields and the numbers that once wrapped or aborted.
    "monthly_payments:",
    "instalment:",
    "final_payment_on_completion:",
    "budget_inc_vat:",
    "hours_per_week:",
    "target_date:",
    "held:",
    "upgrade:",
    "Some((from: \"l5-cert-cm\", to: \"l5-dip-cm\"))",
    "4294967294",
    "4294967295",
    "9223372036854775807",
    "-9223372036854775808",
    "3074457345618258603",
    "\"+262000-01-01\"",
    "\"2100-12-31\"",
    // Command-line words (one argument a line).
    "\n--months\n",
    "\n--instalment\n",
    "\n--premium\n",
    "\n--instalments",
    "\n--start\n",
    "\n--target-date\n",
    "\n--hours-per-week\n",
    "\n--budget\n",
    "\n--limit\n",
    "\n--format\njson",
    "\n--format\nhtml",
    "\n--from\n",
    "\n--unit\n",
    "\n--to\n",
    "\n--elsewhere",
    "\n--stdout",
    "\n--catalogue\n/dev/zero",
    "\n--output\nout.md",
    "\n92233720368547758.07",
    "\n18446744073709551616",
    "\n+262000-01-01",
    "\nl5-dip-cm",
    "\u{9b}",
    "\u{e0041}",
];

/// One change to an input's bytes; positions wrap around its length.
#[derive(Clone, Debug)]
pub enum Mutation {
    /// The number (a run of digits) at or after a position replaced by one
    /// of `NUMBERS`: every figure, payment fields included, meets its
    /// extremes.
    Number(usize, usize),
    Flip(usize, u8),
    Insert(usize, Vec<u8>),
    Word(usize, usize),
    Delete(usize, usize),
    Duplicate(usize, usize, usize),
    Truncate(usize),
}

/// What `Mutation::Number` puts in place of a number.
const NUMBERS: &[&str] = &[
    "0",
    "1",
    "120",
    "121",
    "4294967294",
    "4294967296",
    "9223372036854775807",
    "-9223372036854775808",
    "99999999999999999999999",
    "100000001",
];

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => (any::<usize>(), 0..NUMBERS.len()).prop_map(|(i, n)| Mutation::Number(i, n)),
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
            Mutation::Number(i, n) => {
                let from = at(*i, b.len());
                if let Some(start) = b[from..].iter().position(u8::is_ascii_digit) {
                    let start = from + start;
                    let end = b[start..]
                        .iter()
                        .position(|c| !c.is_ascii_digit())
                        .map_or(b.len(), |e| start + e);
                    b.splice(start..end, NUMBERS[*n].bytes());
                }
            }
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
        Target::Arguments => check_arguments(input, scratch),
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
            // What loads shows inert, quotes (its payment plan worked out,
            // whatever its payment fields hold) or is refused inertly, and
            // saves again.
            let shown = serde_json::to_string(&e).map_err(|x| x.to_string())?;
            inert(&shown.replace("\\n", " "))?;
            match qualplan::quote::build(catalogue(), &e, chrono::NaiveDate::MIN) {
                Ok(q) => {
                    inert(&qualplan::quote::text(&q).replace('\n', " "))?;
                    if q.payments.len() > 2 + *qualplan::bounds::MONTHLY_PAYMENTS.end() as usize {
                        return Err(format!("{} payments in a quote", q.payments.len()));
                    }
                }
                Err(x) => inert(&x.to_string())?,
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

/// The built-in catalogue, loaded once.
fn catalogue() -> &'static qualplan::catalogue::Catalogue {
    static C: std::sync::OnceLock<qualplan::catalogue::Catalogue> = std::sync::OnceLock::new();
    C.get_or_init(|| {
        qualplan::catalogue::load_cached(&qualplan::catalogue::CatalogueOrigin::Embedded, None)
            .expect("the built-in catalogue loads")
    })
}

/// The `qualplan` binary: Cargo's, for tests; beside the examples folder,
/// for the long runs (`cargo build --release` first).
fn binary() -> PathBuf {
    match option_env!("CARGO_BIN_EXE_qualplan") {
        Some(path) => PathBuf::from(path),
        None => std::env::current_exe()
            .ok()
            .and_then(|p| Some(p.parent()?.parent()?.join("qualplan")))
            .unwrap_or_else(|| PathBuf::from("qualplan")),
    }
}

/// Runs `qualplan` with the input's lines as its arguments, in `scratch`
/// (its home, data and working directory, holding one enquiry to quote),
/// with its address space limited: it must end with 0, 1 or 2 (never a
/// panic or a signal), and write nothing that could act on a terminal.
fn check_arguments(input: &[u8], scratch: &Path) -> Result<(), String> {
    use std::os::unix::ffi::OsStrExt;
    use std::os::unix::process::CommandExt;
    let home = scratch.join("home");
    let enquiries = home.join("data/qualplan/enquiries");
    if !enquiries.exists() {
        std::fs::create_dir_all(&enquiries).map_err(|e| e.to_string())?;
        let seed =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/enquiry/instalments.ron");
        std::fs::copy(seed, enquiries.join("enq-20261201-110000.ron"))
            .map_err(|e| e.to_string())?;
    }
    // An argument cannot hold a NUL byte (the system ends it there).
    let args: Vec<Vec<u8>> = input
        .split(|b| *b == b'\n')
        .take(64)
        .map(|a| a.iter().copied().filter(|b| *b != 0).collect())
        .collect();
    let args: Vec<&std::ffi::OsStr> = args
        .iter()
        .map(|a| std::ffi::OsStr::from_bytes(a))
        .collect();
    let mut command = std::process::Command::new(binary());
    command
        .args(&args)
        .current_dir(&home)
        .env_clear()
        .env("HOME", &home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .stdin(std::process::Stdio::null());
    // SAFETY: setrlimit is async-signal-safe; nothing else runs here.
    unsafe {
        command.pre_exec(|| {
            let limit = libc::rlimit {
                rlim_cur: COMMAND_MEMORY,
                rlim_max: COMMAND_MEMORY,
            };
            if libc::setrlimit(libc::RLIMIT_AS, &limit) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let out = command.output().map_err(|e| e.to_string())?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    match out.status.code() {
        // The exit codes docs/cli.md lists; 101 (a panic) and a signal fail.
        Some(0..=5) => {}
        code => {
            return Err(format!(
                "`qualplan {args:?}` ended with {code:?} ({:?}): {stderr}",
                std::os::unix::process::ExitStatusExt::signal(&out.status)
            ));
        }
    }
    inert(&stdout.replace(['\n', '\t'], " "))?;
    inert(&stderr.replace('\n', " "))
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
