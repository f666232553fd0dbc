//! Writes a valid synthetic catalogue of N extra qualifications to stdout:
//! `cargo run --release --example synthetic_catalogue -- 10000 > big.ron`,
//! then `qualplan --catalogue big.ron ...`.

#[path = "../tests/support/synthetic.rs"]
mod synthetic;

fn main() {
    let n = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000);
    print!("{}", synthetic::text(n));
}
