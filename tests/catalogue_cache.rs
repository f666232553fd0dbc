//! The compiled-catalogue cache: a second load gives the same catalogue,
//! an edited file is never served from a stale copy, and a damaged or
//! unwritable cache only means parsing the text again.

use qualplan::catalogue::{self, CatalogueOrigin, EMBEDDED_CATALOGUE, load_cached};
use qualplan::money::Pence;
use std::fs;
use std::path::{Path, PathBuf};

fn setup(text: &str) -> (tempfile::TempDir, CatalogueOrigin, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("catalogue.ron");
    fs::write(&file, text).unwrap();
    let cache = dir.path().join("cache");
    (dir, CatalogueOrigin::Argument(file), cache)
}

fn copies(cache: &Path) -> Vec<PathBuf> {
    fs::read_dir(cache)
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default()
}

fn price(c: &catalogue::Catalogue, id: &str) -> Pence {
    c.qualification(id).unwrap().price.as_ref().unwrap().value
}

#[test]
fn a_second_load_comes_from_the_cache_and_is_the_same() {
    let (_dir, origin, cache) = setup(EMBEDDED_CATALOGUE);
    let first = load_cached(&origin, Some(&cache)).unwrap();
    assert_eq!(copies(&cache).len(), 1);
    let again = load_cached(&origin, Some(&cache)).unwrap();
    let ron = |c: &catalogue::Catalogue| ron::to_string(c).unwrap();
    assert_eq!(ron(&first), ron(&again));
    assert_eq!(price(&again, "l5-dip-cm"), Pence(222_500));
    assert_eq!(again.unit("8578-302").unwrap().credits.value, 7);
}

#[test]
fn an_edited_file_is_parsed_again_not_served_stale() {
    let (_dir, origin, cache) = setup(EMBEDDED_CATALOGUE);
    load_cached(&origin, Some(&cache)).unwrap();
    let CatalogueOrigin::Argument(file) = &origin else {
        unreachable!()
    };
    let edited = EMBEDDED_CATALOGUE.replacen("value: 222500", "value: 222600", 1);
    assert_ne!(edited, EMBEDDED_CATALOGUE);
    fs::write(file, &edited).unwrap();
    let c = load_cached(&origin, Some(&cache));
    // The validator insists the top-up example still adds up, so the edit is
    // rejected with its line: proof that the text was parsed, not the copy.
    let message = c.unwrap_err().to_string();
    assert!(message.contains("catalogue.ron:"), "{message}");
}

#[test]
fn a_damaged_copy_is_ignored() {
    let (_dir, origin, cache) = setup(EMBEDDED_CATALOGUE);
    load_cached(&origin, Some(&cache)).unwrap();
    let copy = copies(&cache).remove(0);
    let mut bytes = fs::read(&copy).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    fs::write(&copy, &bytes).unwrap();
    let c = load_cached(&origin, Some(&cache)).unwrap();
    assert_eq!(price(&c, "l5-dip-cm"), Pence(222_500));
    // Truncated to nothing: the same.
    fs::write(&copy, b"").unwrap();
    let c = load_cached(&origin, Some(&cache)).unwrap();
    assert_eq!(price(&c, "l5-dip-cm"), Pence(222_500));
}

#[test]
fn an_unwritable_cache_still_loads() {
    let (dir, origin, _) = setup(EMBEDDED_CATALOGUE);
    // A file where the cache directory should be: nothing can be written.
    let blocked = dir.path().join("blocked");
    fs::write(&blocked, "not a directory").unwrap();
    let c = load_cached(&origin, Some(&blocked)).unwrap();
    assert_eq!(price(&c, "l5-dip-cm"), Pence(222_500));
}

/// A cache copy that is a link (to `/dev/zero`, which would grow memory
/// without bound; or anywhere) or a FIFO (which would hang) is never read:
/// the text is parsed as usual, at once.
#[cfg(unix)]
#[test]
fn a_planted_cache_copy_is_never_read() {
    let (_dir, origin, cache) = setup(EMBEDDED_CATALOGUE);
    load_cached(&origin, Some(&cache)).unwrap();
    let copy = copies(&cache).remove(0);
    fs::remove_file(&copy).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &copy).unwrap();
    let c = load_cached(&origin, Some(&cache)).unwrap();
    assert_eq!(price(&c, "l5-dip-cm"), Pence(222_500));
    fs::remove_file(&copy).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &copy).unwrap();
    assert_eq!(search(&origin, &cache, "8578-302").hits[0].key, "8578-302");
    fs::remove_file(&copy).unwrap();
    let name = std::ffi::CString::new(copy.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
    let c = load_cached(&origin, Some(&cache)).unwrap();
    assert_eq!(price(&c, "l5-dip-cm"), Pence(222_500));
    assert_eq!(search(&origin, &cache, "8578-302").hits[0].key, "8578-302");
}

/// The cache folder and its copies are private: they show what catalogue
/// an advisor uses.
#[cfg(unix)]
#[test]
fn the_cache_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let (_dir, origin, cache) = setup(EMBEDDED_CATALOGUE);
    load_cached(&origin, Some(&cache)).unwrap();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&cache), 0o700);
    assert_eq!(mode(&copies(&cache)[0]), 0o600);
}

fn search(origin: &CatalogueOrigin, cache: &Path, query: &str) -> qualplan::planner::SearchResults {
    catalogue::with_search_texts_cached(origin, Some(cache), |texts| {
        qualplan::planner::search_once(texts, query, 20)
    })
    .unwrap()
}

#[test]
fn a_search_from_the_copy_finds_what_the_catalogue_does() {
    let (_dir, origin, cache) = setup(EMBEDDED_CATALOGUE);
    let c = load_cached(&origin, Some(&cache)).unwrap();
    let index = qualplan::planner::SearchIndex::new(&c);
    for query in [
        "reflecting mentoring",
        "8578-302",
        "l5 dip",
        "emotional intelligence",
        "rflctng",
        "zzzq",
    ] {
        assert_eq!(
            search(&origin, &cache, query),
            index.search(query, 20),
            "`{query}`"
        );
    }
    assert_eq!(copies(&cache).len(), 1);
}

#[test]
fn an_edited_file_is_searched_afresh() {
    let (_dir, origin, cache) = setup(EMBEDDED_CATALOGUE);
    let hit = |query| {
        search(&origin, &cache, query)
            .hits
            .first()
            .map(|h| h.title.clone())
    };
    assert_eq!(hit("Sandcastles").as_deref(), None);
    let CatalogueOrigin::Argument(file) = &origin else {
        unreachable!()
    };
    let title = "Reflecting on Workplace Mentoring Skills";
    let edited = EMBEDDED_CATALOGUE.replacen(title, "Reflecting on Mentoring Sandcastles", 1);
    assert_ne!(edited, EMBEDDED_CATALOGUE);
    fs::write(file, &edited).unwrap();
    assert_eq!(
        hit("Sandcastles").as_deref(),
        Some("Reflecting on Mentoring Sandcastles")
    );
    // The same length, one letter changed: still seen.
    fs::write(file, edited.replacen("Sandcastles", "Sandcastlez", 1)).unwrap();
    assert_ne!(
        hit("Sandcastles").as_deref(),
        Some("Reflecting on Mentoring Sandcastles")
    );
    assert_eq!(
        hit("Sandcastlez").as_deref(),
        Some("Reflecting on Mentoring Sandcastlez")
    );
}

#[test]
fn a_damaged_copy_is_searched_as_the_catalogue() {
    let (_dir, origin, cache) = setup(EMBEDDED_CATALOGUE);
    let expected = search(&origin, &cache, "reflecting mentoring");
    let copy = copies(&cache).remove(0);
    let bytes = fs::read(&copy).unwrap();
    // A byte changed in turn through the whole copy, the copy written again
    // each time: every search finds what the catalogue holds.
    for at in (0..bytes.len()).step_by(bytes.len() / 23) {
        let mut damaged = bytes.clone();
        damaged[at] ^= 0x01;
        fs::write(&copy, &damaged).unwrap();
        assert_eq!(
            search(&origin, &cache, "reflecting mentoring"),
            expected,
            "byte {at}"
        );
        assert_eq!(
            price(&load_cached(&origin, Some(&cache)).unwrap(), "l5-dip-cm"),
            Pence(222_500)
        );
    }
}
