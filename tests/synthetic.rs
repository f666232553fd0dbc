//! Large catalogues: the synthetic generator writes valid catalogues that
//! load, validate and answer questions.

#[path = "support/synthetic.rs"]
mod synthetic;

#[test]
fn a_thousand_synthetic_qualifications_load_and_validate() {
    let text = synthetic::text(1_000);
    let c = qualplan::catalogue::parse(&text, "synthetic.ron").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(c.qualifications.len(), 18 + 1_000);
    assert!(c.units.len() > 4_000);
    let q = c.qualification("syn-00999").unwrap();
    assert_eq!(q.routes(&c)[0].credits(), q.credits.value);
    let hits = qualplan::planner::SearchIndex::new(&c).search("syn-00999");
    assert_eq!(hits[0].key, "syn-00999");
}
