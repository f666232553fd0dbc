//! Keystroke-to-screen latency of the real binary in a pseudo-terminal:
//! from writing a key to the screen showing its effect, over a few hundred
//! keys on the compare table and on the search screen. Reports p50 and p99.
//! Run with `cargo bench --bench latency`; docs/performance.md has figures.

#[path = "../tests/e2e/harness.rs"]
mod harness;

use harness::{Tui, key};
use std::time::Duration;

const KEYS: usize = 300;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i]
}

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    println!(
        "{name:<28} keys {:>4}  p50 {:>8.2?}  p99 {:>8.2?}  max {:>8.2?}",
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

fn main() {
    let home = tempfile::tempdir().unwrap();
    let mut t = Tui::start(home.path(), 100, 30, &[]);
    t.wait_for("How would you like to develop?");
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
    let compare = measure(&mut t, moves);
    t.send(key::ESC);
    t.wait_for("How would you like to develop?");
    t.send("/");
    t.wait_for("Search: ids");
    // Type a query and delete it again, over and over.
    let word = "reflecting";
    let typing = (0..KEYS).map(|i| {
        let pos = i % (2 * word.len());
        if pos < word.len() {
            word[pos..pos + 1].to_string()
        } else {
            "\x7f".to_string()
        }
    });
    let search = measure(&mut t, typing);
    t.send(key::CTRL_C);
    t.wait_exit();
    println!(
        "qualplan keystroke-to-screen latency ({} profile binary, 100x30 pty)",
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
    report("compare table (up/down)", compare);
    report("search (type/backspace)", search);
}
