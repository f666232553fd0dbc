//! The catalogue at three sizes: load + validate, search per keystroke and
//! every upgrade from a holding. `cargo bench --bench catalogue`; the
//! figures and the machine are in docs/performance.md.

#[path = "../tests/support/synthetic.rs"]
mod synthetic;

use qualplan::catalogue::{self, Catalogue, EMBEDDED_CATALOGUE};
use qualplan::planner::{Holding, SearchIndex, all_upgrades};
use std::sync::LazyLock;

fn main() {
    divan::main();
}

static TEXT_1K: LazyLock<String> = LazyLock::new(|| synthetic::text(1_000));
static TEXT_10K: LazyLock<String> = LazyLock::new(|| synthetic::text(10_000));
static CATALOGUE_10K: LazyLock<Catalogue> =
    LazyLock::new(|| catalogue::parse(&TEXT_10K, "10k.ron").expect("valid"));
static INDEX_10K: LazyLock<SearchIndex> = LazyLock::new(|| SearchIndex::new(&CATALOGUE_10K));

mod load_and_validate {
    use super::*;

    #[divan::bench]
    fn embedded() -> Catalogue {
        catalogue::parse(divan::black_box(EMBEDDED_CATALOGUE), "catalogue.ron").expect("valid")
    }

    #[divan::bench(sample_count = 20)]
    fn synthetic_1k(bencher: divan::Bencher) {
        let text = TEXT_1K.as_str();
        bencher.bench(|| catalogue::parse(divan::black_box(text), "1k.ron").expect("valid"));
    }

    #[divan::bench(sample_count = 10, sample_size = 1)]
    fn synthetic_10k(bencher: divan::Bencher) {
        let text = TEXT_10K.as_str();
        bencher.bench(|| catalogue::parse(divan::black_box(text), "10k.ron").expect("valid"));
    }
}

/// The query after each keystroke of typing "reflective" and of a unit code,
/// over every qualification and unit of the 10k catalogue.
#[divan::bench(args = ["r", "re", "ref", "refl", "reflective", "reflective prac", "S0234", "S02345-3", "S0456"])]
fn search_10k(bencher: divan::Bencher, query: &str) {
    let index = &*INDEX_10K;
    bencher.bench(|| index.search(divan::black_box(query), 500));
}

/// Building the search index once, when the catalogue is loaded.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn search_index_10k(bencher: divan::Bencher) {
    let c = &*CATALOGUE_10K;
    bencher.bench(|| SearchIndex::new(c));
}

/// Every upgrade open to a learner holding an Award, and to one holding a
/// hundred qualifications, in the 10k catalogue.
#[divan::bench(args = [1, 100], sample_count = 30)]
fn upgrades_10k(bencher: divan::Bencher, held: usize) {
    let c = &*CATALOGUE_10K;
    let holding = Holding {
        qualifications: (0..held).map(|i| format!("syn-{:05}", i * 30)).collect(),
        units: Vec::new(),
        with_provider: true,
    };
    bencher.bench(|| all_upgrades(c, divan::black_box(&holding)).expect("held"));
}
