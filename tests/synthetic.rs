//! Large catalogues: the synthetic generator writes valid catalogues that
//! load, validate and answer questions.

#[path = "support/synthetic.rs"]
mod synthetic;

#[test]
fn a_thousand_synthetic_qualifications_load_and_validate() {
    let text = synthetic::text(1_000);
    let c = qualplan::catalogue::parse(&text, "synthetic.ron").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(c.qualifications.len(), 18 + 1_000);
    // The 33 real units, 9 shared core units, 5 own units per family of 3,
    // and 1 for the lone Award that makes the thousandth qualification.
    assert_eq!(c.units.len(), 33 + 9 + 333 * 5 + 1);
    let q = c.qualification("syn-00999").unwrap();
    assert_eq!(q.routes(&c)[0].credits(), q.credits.value);
    // An Award upgrades within its family, carrying the core unit over.
    let holding = qualplan::planner::Holding::one("syn-00300", true);
    let upgrades = qualplan::planner::all_upgrades(&c, &holding).unwrap();
    // Under the pack's reading every dearer qualification at the same level
    // is a top-up; the Award's own family is among them, carrying units.
    let award = c.qualification("syn-00300").unwrap();
    for family in ["syn-00301", "syn-00302"] {
        let x = upgrades
            .iter()
            .find(|x| x.qualification == family)
            .unwrap_or_else(|| panic!("{family} is not listed"));
        assert_eq!(x.kind, qualplan::planner::CourseKind::TopUp);
        assert!(x.credits_carried > 0, "{family} carries nothing");
    }
    for x in &upgrades {
        let q = c.qualification(&x.qualification).unwrap();
        assert_eq!(q.level, award.level);
        assert!(x.kind == qualplan::planner::CourseKind::TopUp || x.credits_carried > 0);
    }
    let hits = qualplan::planner::SearchIndex::new(&c)
        .search("syn-00999", 10)
        .hits;
    assert_eq!(hits[0].key, "syn-00999");
}
