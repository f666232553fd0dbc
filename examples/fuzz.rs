//! The long fuzz runs of docs/reliability.md:
//! `cargo run --release --example fuzz -- catalogue 1000000 [SEED]` (or
//! `enquiry`, or `arguments` after `cargo build --release`). Prints the
//! inputs run, the time and the peak memory; a failing input is shrunk and
//! saved under `fuzz/crashes/`.

#[path = "../fuzz/harness.rs"]
mod harness;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(target) = args.first().and_then(|a| harness::Target::parse(a)) else {
        eprintln!("usage: fuzz catalogue|enquiry|arguments [CASES] [SEED]");
        std::process::exit(2);
    };
    let cases = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let seed = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(1);
    match harness::run(target, cases, seed) {
        Ok(report) => println!(
            "{}: {} inputs, seed {seed}, {:.1?}, no failure; peak memory {} KiB",
            target.name(),
            report.cases,
            report.elapsed,
            harness::peak_memory_kib().unwrap_or(0)
        ),
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    }
}
