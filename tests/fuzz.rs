//! A short fuzz run on every `cargo test`: mutated catalogues, enquiries
//! and command lines from `fuzz/corpus/` must load (or run) or be refused
//! cleanly. The long runs (a
//! million inputs each) are `cargo run --release --example fuzz`; their
//! figures are in docs/reliability.md.

#[allow(dead_code)] // its reporting is for the long runs (examples/fuzz.rs)
#[path = "../fuzz/harness.rs"]
mod harness;

use harness::Target;

/// Enough to catch a regression on every run, quick in a debug build.
const CASES: u32 = 2_000;

/// Each command line is a process of its own: fewer of them.
const COMMAND_LINES: u32 = 1_000;

fn short_run(target: Target, cases: u32) {
    let report = harness::run(target, cases, 2026).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.cases, cases);
}

#[test]
fn mutated_catalogues_load_or_are_refused_cleanly() {
    short_run(Target::Catalogue, CASES);
}

#[test]
fn mutated_enquiries_load_or_are_refused_cleanly() {
    short_run(Target::Enquiry, CASES);
}

#[test]
fn mutated_command_lines_run_or_are_refused_cleanly() {
    short_run(Target::Arguments, COMMAND_LINES);
}

/// The mutations themselves: positions wrap, and nothing grows past the cap.
#[test]
fn mutations_stay_in_bounds() {
    use harness::Mutation::*;
    let seed = b"(id: \"x\")";
    assert_eq!(harness::mutate(seed, &[Delete(3, 2)]), b"(id\"x\")");
    assert_eq!(
        harness::mutate(seed, &[Flip(usize::MAX, 1)]).len(),
        seed.len()
    );
    assert_eq!(harness::mutate(seed, &[Truncate(4)]), b"(id:");
    let mut grown = seed.to_vec();
    for _ in 0..20 {
        grown = harness::mutate(&grown, &[Duplicate(0, 4096, 0)]);
    }
    assert!(grown.len() <= harness::MAX_INPUT);
    // A number mutation replaces the digits at or after its position.
    let payment = b"monthly_payments: 3,";
    assert_eq!(
        harness::mutate(payment, &[Number(0, 4)]),
        b"monthly_payments: 4294967294,"
    );
}
