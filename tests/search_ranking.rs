//! Search ranks as a person expects: queries a learner or an advisor would
//! type, over the built-in catalogue, with the first result each should
//! give. Every query is run both ways a search runs: over the index held
//! in memory (the app) and over the index stored in the compiled copy in
//! the cache (`qualplan search`). The rules are in docs/guide.md.

use qualplan::catalogue::{self, CatalogueOrigin};
use qualplan::planner::{HitKind, SearchIndex, SearchResults, search_once};

use HitKind::{Qualification as Q, Unit as U};

/// A query, and the kind and key of the hit it should find first.
const FIRST: &[(&str, HitKind, &str)] = &[
    // Codes and ids: the whole code wins outright, even another code of a
    // unit; the start of a code beats the inside of one.
    ("8577-306", U, "8577-306"),
    ("8578-302", U, "8578-302"),
    ("5017", U, "5017"),
    ("D7.04", U, "D7.04"),
    ("d3.07", U, "D3.07"),
    ("3055", U, "3055"),
    ("7004", U, "7004"),
    ("8581-70", U, "8581-700"),
    ("l5-dip-cm", Q, "l5-dip-cm"),
    ("old-l5-dip-cm", Q, "old-l5-dip-cm"),
    // Level and size words, as ids shorten them and as titles spell them.
    ("l5 dip", Q, "l5-dip-cm"),
    ("l7 dip", Q, "l7-dip-ecm"),
    ("l5 cert", Q, "l5-cert-cm"),
    ("l3 cert cm", Q, "l3-cert-cm"),
    ("l3 award", Q, "l3-award-coaching"),
    ("level 5 diploma", Q, "l5-dip-cm"),
    ("level 7 certificate", Q, "l7-cert-ecm"),
    ("level 3 award in coaching", Q, "l3-award-coaching"),
    (
        "ILM Level 3 Certificate in Mentoring",
        Q,
        "l3-cert-mentoring",
    ),
    ("diploma", Q, "l5-dip-cm"),
    ("certificate coaching", Q, "l3-cert-coaching"),
    ("award mentoring", Q, "l3-award-mentoring"),
    // Whole titles and phrases from them: the whole phrase beats the same
    // words apart (5017 also holds "extended period ... mentoring").
    ("extended period of mentoring", U, "8577-306"),
    ("extended period of coaching", U, "8577-302"),
    ("undertaking coaching in the workplace", U, "8577-301"),
    ("reflecting on workplace mentoring skills", U, "8577-307"),
    ("executive coaching and mentoring", Q, "l7-dip-ecm"),
    ("strategic business environment", U, "8581-700"),
    ("senior and strategic level", U, "8581-701"),
    ("management coaching", U, "5016"),
    ("young learners", Q, "old-l2-award-mentoring"),
    ("team leaders", Q, "old-l3-award-coaching"),
    // The same title in both editions: the one on sale first.
    (
        "reviewing own ability as a management coach or mentor",
        U,
        "5018",
    ),
    ("good practice in workplace coaching", U, "8577-300"),
    // A phrase in a current title beats the older unit named by it.
    ("supervised coaching", U, "8581-702"),
    // Partial titles, as typed so far: words in order and close together
    // beat the same words in any order, which beat words far apart.
    ("reflect ment", U, "8577-307"),
    ("extended period mentoring", U, "8577-306"),
    ("mentoring extended period", U, "8577-306"),
    // Outcome phrases reach their unit.
    ("emotional intelligence", U, "8581-703"),
    ("ethical and moral values", U, "8581-703"),
    // Typos: nothing matches as written, so letters in order do.
    ("reflectng", U, "8577-303"),
    ("mentring", Q, "l3-award-mentoring"),
    ("extnded period", U, "8577-302"),
    ("supervison", U, "8581-702"),
    // A word one typing mistake away: two letters swapped, one doubled.
    ("dipolma", Q, "l5-dip-cm"),
    ("level 5 diplomma", Q, "l5-dip-cm"),
    ("mentroing reflecting", U, "8577-307"),
    // Single words that name qualifications.
    ("coaching", Q, "l3-cert-coaching"),
    ("mentoring", Q, "l3-cert-mentoring"),
    ("cert", Q, "l3-cert-cm"),
];

fn first(results: &SearchResults) -> (HitKind, &str) {
    let hit = &results.hits[0];
    (hit.kind, hit.key.as_str())
}

/// Searches over the index stored in a compiled copy (made by the first
/// call, so every later one reads the copy).
fn stored(cache: &std::path::Path, query: &str) -> SearchResults {
    catalogue::with_search_texts_cached(&CatalogueOrigin::Embedded, Some(cache), |texts| {
        search_once(texts, query, 10)
    })
    .unwrap()
}

#[test]
fn each_query_finds_what_a_person_expects_first() {
    assert!(FIRST.len() >= 40);
    let c = catalogue::load_cached(&CatalogueOrigin::Embedded, None).unwrap();
    let index = SearchIndex::new(&c);
    let cache = tempfile::tempdir().unwrap();
    stored(cache.path(), "warm");
    let mut wrong = Vec::new();
    for &(query, kind, key) in FIRST {
        let held = index.search(query, 10);
        assert_eq!(
            held,
            stored(cache.path(), query),
            "`{query}`: held and stored"
        );
        if first(&held) != (kind, key) {
            wrong.push(format!("`{query}`: {:?} first, not {key}", first(&held)));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The issue's own example: the unit whose title is the phrase beats the
/// one with the same words apart, and both beat a title with fewer of them.
#[test]
fn the_whole_phrase_beats_the_words_apart() {
    let c = catalogue::load_cached(&CatalogueOrigin::Embedded, None).unwrap();
    let hits = SearchIndex::new(&c)
        .search("extended period of mentoring", 10)
        .hits;
    let keys: Vec<&str> = hits.iter().map(|h| h.key.as_str()).collect();
    assert_eq!(keys[..2], ["8577-306", "5017"]);
    // The phrase is marked as one run in the title.
    let title: Vec<char> = hits[0].title.chars().collect();
    let marked: String = hits[0].title_positions.iter().map(|&i| title[i]).collect();
    assert_eq!(marked, "Extended Period of Mentoring");
}

/// A title match beats an outcome match: "skills" is in titles and in
/// outcomes, and every title match comes first.
#[test]
fn a_title_beats_an_outcome() {
    let c = catalogue::load_cached(&CatalogueOrigin::Embedded, None).unwrap();
    let hits = SearchIndex::new(&c).search("skills", 100).hits;
    let in_title = hits
        .iter()
        .take_while(|h| h.matched_outcome.is_none())
        .count();
    assert!(in_title >= 2, "{hits:?}");
    assert!(hits[in_title..].iter().all(|h| h.matched_outcome.is_some()));
    assert!(
        hits[..in_title]
            .iter()
            .all(|h| h.title.to_lowercase().contains("skills"))
    );
    assert!(hits.len() > in_title, "outcomes hold `skills` too");
}
