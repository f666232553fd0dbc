//! The real binary in a pseudo-terminal, as a person meets it: start-up to
//! the first frame, keystroke-to-screen latency on the compare table and
//! the search screen, peak memory, and typing into search over the 10k
//! synthetic catalogue. Reports medians (p50) and p99.
//! Run with `cargo bench --bench latency`; docs/performance.md has figures.

#[path = "../tests/e2e/harness.rs"]
mod harness;
#[allow(dead_code)] // only the catalogue text is needed here
#[path = "../tests/support/synthetic.rs"]
mod synthetic;

use harness::{Tui, key};
use std::path::Path;
use std::time::{Duration, Instant};

const KEYS: usize = 300;
const LAUNCHES: usize = 20;
const HOME_SCREEN: &str = "How would you like to develop?";

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    println!(
        "{name:<40} n {:>4}  p50 {:>9.2?}  p99 {:>9.2?}  max {:>9.2?}",
        samples.len(),
        percentile(&samples, 0.50),
        percentile(&samples, 0.99),
        samples[samples.len() - 1]
    );
}

/// Sends `keys` one at a time, timing each until the screen changes.
fn measure(t: &mut Tui, keys: impl Iterator<Item = String>) -> Vec<Duration> {
    keys.map(|k| {
        let before = t.screen();
        t.send(&k);
        let latency = t.wait_change(&before);
        // Let the rest of the frame arrive before the next key.
        t.wait_quiet(Duration::from_millis(3));
        latency
    })
    .collect()
}

/// Time from starting the process to its first frame, `LAUNCHES` times
/// (the first launch also writes the catalogue's compiled copy).
fn start_up(home: &Path) -> Vec<Duration> {
    (0..LAUNCHES)
        .map(|_| {
            let started = Instant::now();
            let mut t = Tui::start(home, 100, 30, &[]);
            t.wait_for(HOME_SCREEN);
            let took = started.elapsed();
            t.send(key::CTRL_C);
            t.wait_exit();
            took
        })
        .collect()
}

/// Peak resident memory of a running process, and of what it holds now
/// how much is its own (anonymous) memory and how much is mapped from
/// files (the program's code, which grows with the binary), from /proc:
/// KiB each.
fn memory_kib(pid: u32) -> Option<[u64; 3]> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        line.split_whitespace().nth(1)?.parse().ok()
    };
    Some([field("VmHWM:")?, field("RssAnon:")?, field("RssFile:")?])
}

/// Type a word and delete it again, over and over.
fn typing(word: &'static str) -> impl Iterator<Item = String> {
    (0..KEYS).map(move |i| {
        let pos = i % (2 * word.len());
        if pos < word.len() {
            word[pos..pos + 1].to_string()
        } else {
            "\x7f".to_string()
        }
    })
}

fn main() {
    let mode = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    println!("qualplan in a 100x30 pseudo-terminal ({mode} profile binary)");

    let home = tempfile::tempdir().unwrap();
    report("start-up to first frame (built-in)", start_up(home.path()));

    let mut t = Tui::start(home.path(), 100, 30, &[]);
    t.wait_for(HOME_SCREEN);
    t.send("c");
    t.wait_for("qualifications, sorted by");
    // Down to the bottom and back up: every key moves the selection.
    let moves = (0..KEYS).map(|i| {
        if (i / 8) % 2 == 0 {
            key::DOWN.to_string()
        } else {
            key::UP.to_string()
        }
    });
    report("compare table (up/down)", measure(&mut t, moves));
    t.send(key::ESC);
    t.wait_for(HOME_SCREEN);
    t.send("/");
    t.wait_for("Search: ids");
    report(
        "search (type/backspace)",
        measure(&mut t, typing("reflecting")),
    );
    if let Some([peak, own, files]) = memory_kib(t.pid()) {
        let mib = |kib: u64| kib as f64 / 1024.0;
        println!(
            "{:<40} {:.1} MiB (now {:.1} MiB its own, {:.1} MiB mapped from files)",
            "peak memory (built-in)",
            mib(peak),
            mib(own),
            mib(files)
        );
    }
    t.send(key::CTRL_C);
    t.wait_exit();

    // The 10k catalogue, as a provider's catalogue in the config directory.
    let big = tempfile::tempdir().unwrap();
    let config = big.path().join("config").join("qualplan");
    std::fs::create_dir_all(&config).unwrap();
    std::fs::write(config.join("catalogue.ron"), synthetic::text(10_000)).unwrap();
    for run in ["first (parsed)", "again (compiled copy)"] {
        let started = Instant::now();
        let mut t = Tui::start(big.path(), 100, 30, &[]);
        t.wait_for(HOME_SCREEN);
        println!(
            "{:<40} {:.2?}",
            format!("start-up, 10k catalogue, {run}"),
            started.elapsed()
        );
        t.send(key::CTRL_C);
        t.wait_exit();
    }
    let mut t = Tui::start(big.path(), 100, 30, &[]);
    t.wait_for(HOME_SCREEN);
    t.send("/");
    t.wait_for("Search: ids");
    // Each key's echo in the search box: searches run off the UI thread.
    report(
        "search, 10k catalogue (type/backspace)",
        measure(&mut t, typing("reflective")),
    );
    t.send(key::CTRL_C);
    t.wait_exit();
}
