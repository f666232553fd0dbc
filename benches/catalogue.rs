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

    /// The RON parsing alone, without validation: the floor for `embedded`.
    #[divan::bench]
    fn embedded_parse_only() -> Catalogue {
        ron::from_str(divan::black_box(EMBEDDED_CATALOGUE)).expect("parses")
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

/// Loading a catalogue qualplan has loaded before: its compiled copy from
/// the cache (the file is still read and hashed to check the copy is of it).
mod load_again {
    use super::*;
    use catalogue::CatalogueOrigin;

    fn warm(text: &str) -> (tempfile::TempDir, CatalogueOrigin) {
        let dir = tempfile::tempdir().expect("a temporary directory");
        let file = dir.path().join("catalogue.ron");
        std::fs::write(&file, text).expect("written");
        let origin = CatalogueOrigin::Argument(file);
        catalogue::load_cached(&origin, Some(dir.path())).expect("valid");
        (dir, origin)
    }

    fn bench(bencher: divan::Bencher, text: &str) {
        let (dir, origin) = warm(text);
        bencher.bench(|| catalogue::load_cached(&origin, Some(dir.path())).expect("valid"));
    }

    #[divan::bench]
    fn embedded(bencher: divan::Bencher) {
        bench(bencher, EMBEDDED_CATALOGUE);
    }

    #[divan::bench(sample_count = 20)]
    fn synthetic_1k(bencher: divan::Bencher) {
        bench(bencher, &TEXT_1K);
    }

    #[divan::bench(sample_count = 20)]
    fn synthetic_10k(bencher: divan::Bencher) {
        bench(bencher, &TEXT_10K);
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
