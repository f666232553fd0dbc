//! A short fuzz run on every `cargo test`: mutated catalogues and enquiries
//! from `fuzz/corpus/` must load or be refused cleanly. The long runs (a
//! million inputs each) are `cargo run --release --example fuzz`; their
//! figures are in docs/reliability.md.

#[allow(dead_code)] // its reporting is for the long runs (examples/fuzz.rs)
#[path = "../fuzz/harness.rs"]
mod harness;

use harness::Target;

/// Enough to catch a regression on every run, quick in a debug build.
const CASES: u32 = 2_000;

fn short_run(target: Target) {
    let report = harness::run(target, CASES, 2026).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report.cases, CASES);
}

#[test]
fn mutated_catalogues_load_or_are_refused_cleanly() {
    short_run(Target::Catalogue);
}

#[test]
fn mutated_enquiries_load_or_are_refused_cleanly() {
    short_run(Target::Enquiry);
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
}
