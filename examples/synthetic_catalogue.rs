//! Writes a valid synthetic catalogue of N extra qualifications to stdout:
//! `cargo run --release --example synthetic_catalogue -- 10000 > big.ron`,
//! then `qualplan --catalogue big.ron ...`. With `--titles`, writes instead
//! one line per qualification and unit, "id-or-code title", for comparing
//! search tools on the same entries (benches/search_vs_fzf.py).

#[path = "../tests/support/synthetic.rs"]
mod synthetic;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n = args.iter().find_map(|a| a.parse().ok()).unwrap_or(1_000);
    if args.iter().any(|a| a == "--titles") {
        let c = synthetic::catalogue(n);
        let quals = c.qualifications.iter().map(|q| (&q.id, &q.title));
        let units = c.units.iter().map(|u| (&u.code, &u.title));
        for (key, title) in quals.chain(units) {
            println!("{key} {title}");
        }
    } else {
        print!("{}", synthetic::text(n));
    }
}
