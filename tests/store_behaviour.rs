//! The promises every enquiry store keeps, checked against each: the
//! advisor's own folder and a shared PostgreSQL store (a throwaway server,
//! tests/support/postgres.rs). Each case gets two handles on one store,
//! as two qualplans (or two advisors) would have.

mod support {
    pub mod enquiries;
    pub mod postgres;
}

use qualplan::enquiry::{Enquiry, EnquiryStore, Store, StoreError, keep_both};
use support::enquiries::at;
use support::postgres;

/// Jane's enquiry with a shortlist, notes no encoding may spoil, and
/// the advisor who took it.
fn jane(id: &str) -> Enquiry {
    let mut e = support::enquiries::jane(id);
    e.shortlist = vec!["l5-cert-cm".into(), "l5-dip-cm".into()];
    e.notes = "Wants to start in January; «quotes» and emoji 🎓 survive.".into();
    e.advisor = "Sam Patel".into();
    e
}

/// Two handles on one store, and what keeps it alive.
struct Pair {
    one: Box<dyn Store>,
    two: Box<dyn Store>,
    _keep: Vec<tempfile::TempDir>,
}

fn local() -> Pair {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("enquiries");
    Pair {
        one: Box::new(EnquiryStore::open(&path).unwrap()),
        two: Box::new(EnquiryStore::open(&path).unwrap()),
        _keep: vec![dir],
    }
}

fn shared(test: &str) -> Option<Pair> {
    let (server, url) = postgres::fresh_database(test)?;
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let one = postgres::open_store(&url, "Sam Patel", a.path());
    let two = postgres::open_store(&url, "Alex Jones", b.path());
    assert!(
        one.offline().is_none(),
        "{:?}\n{}",
        one.offline(),
        server.log()
    );
    Some(Pair {
        one: Box::new(one),
        two: Box::new(two),
        _keep: vec![a, b],
    })
}

/// Runs a case against the local folder and against the shared store.
macro_rules! both {
    ($($name:ident),* $(,)?) => {
        mod local_folder {
            $(#[test] fn $name() { super::$name(super::local()) })*
        }
        mod shared_postgres {
            $(#[test] fn $name() {
                if let Some(pair) = super::shared(concat!("shared_postgres::", stringify!($name))) {
                    super::$name(pair)
                }
            })*
        }
    };
}

both!(
    saves_and_loads_what_it_was_given,
    each_save_is_the_next_revision,
    a_save_from_an_older_revision_is_a_conflict,
    both_are_kept_when_two_save_one_enquiry,
    a_new_enquiry_never_takes_a_used_id,
    a_deletion_is_for_good,
    a_save_after_a_deletion_elsewhere_is_refused,
    the_list_is_newest_first,
    ids_that_could_not_be_made_are_refused,
    an_enquiry_too_large_to_read_back_is_refused,
    new_ids_are_unique,
);

fn saves_and_loads_what_it_was_given(mut p: Pair) {
    let mut e = jane("enq-20261201-100000");
    p.one.save(&mut e).unwrap();
    assert_eq!(e.revision, 1);
    assert_eq!(p.two.load(&e.id).unwrap(), e);
    assert_eq!(p.two.load_all().unwrap().enquiries, vec![e.clone()]);
    // The advisor is what the enquiry says, as given.
    assert_eq!(p.two.load(&e.id).unwrap().advisor, "Sam Patel");
}

fn each_save_is_the_next_revision(mut p: Pair) {
    let mut e = jane("enq-20261201-100000");
    for n in 1..=5 {
        e.notes = format!("call {n}");
        p.one.save(&mut e).unwrap();
        assert_eq!(e.revision, n);
    }
    let there = p.two.load(&e.id).unwrap();
    assert_eq!((there.revision, there.notes.as_str()), (5, "call 5"));
}

fn a_save_from_an_older_revision_is_a_conflict(mut p: Pair) {
    let mut mine = jane("enq-20261201-100000");
    p.one.save(&mut mine).unwrap();
    let mut theirs = p.two.load(&mine.id).unwrap();
    theirs.notes = "Called back by Alex".into();
    p.two.save(&mut theirs).unwrap();
    mine.notes = "Sam's note".into();
    match p.one.save(&mut mine) {
        Err(StoreError::Conflict(c)) => assert_eq!((c.on_disk, c.yours), (2, 1)),
        other => panic!("{other:?}"),
    }
    // Nothing was overwritten, and the refused copy is as it was.
    assert_eq!(mine.revision, 1);
    assert_eq!(p.one.load(&mine.id).unwrap().notes, "Called back by Alex");
}

fn both_are_kept_when_two_save_one_enquiry(mut p: Pair) {
    let mut mine = jane("enq-20261201-100000");
    p.one.save(&mut mine).unwrap();
    let mut theirs = p.two.load(&mine.id).unwrap();
    theirs.notes = "Alex's".into();
    p.two.save(&mut theirs).unwrap();
    mine.notes = "Sam's".into();
    assert!(matches!(
        p.one.save(&mut mine),
        Err(StoreError::Conflict(_))
    ));
    let copy = keep_both(p.one.as_mut(), &mut mine).unwrap();
    assert_eq!(copy, "enq-20261201-100000-copy-2");
    let all: Vec<(String, String)> = p
        .two
        .load_all()
        .unwrap()
        .enquiries
        .into_iter()
        .map(|e| (e.id, e.notes))
        .collect();
    assert!(
        all.contains(&("enq-20261201-100000".into(), "Alex's".into())),
        "{all:?}"
    );
    assert!(all.contains(&(copy.clone(), "Sam's".into())), "{all:?}");
    // A second conflict on the same enquiry makes the next copy.
    let mut again = p.two.load("enq-20261201-100000").unwrap();
    again.revision = 1;
    assert!(matches!(
        p.two.save(&mut again),
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(
        keep_both(p.two.as_mut(), &mut again).unwrap(),
        "enq-20261201-100000-copy-3"
    );
}

fn a_new_enquiry_never_takes_a_used_id(mut p: Pair) {
    let mut first = jane("enq-20261201-100000");
    p.one.save(&mut first).unwrap();
    let mut second = jane("enq-20261201-100000");
    second.caller.name = "Ravi Patel".into();
    assert!(matches!(
        p.two.save(&mut second),
        Err(StoreError::Conflict(_))
    ));
    assert_eq!(
        keep_both(p.two.as_mut(), &mut second).unwrap(),
        "enq-20261201-100000-2"
    );
    assert_eq!(
        p.one.load("enq-20261201-100000").unwrap().caller.name,
        "Jane Smith"
    );
    assert_eq!(
        p.one.load("enq-20261201-100000-2").unwrap().caller.name,
        "Ravi Patel"
    );
}

fn a_deletion_is_for_good(mut p: Pair) {
    let mut e = jane("enq-20261201-100000");
    p.one.save(&mut e).unwrap();
    p.two.delete(&e.id).unwrap();
    assert!(matches!(
        p.one.load(&e.id),
        Err(StoreError::NotFound { .. })
    ));
    assert!(p.one.load_all().unwrap().enquiries.is_empty());
    assert!(matches!(
        p.two.delete(&e.id),
        Err(StoreError::NotFound { .. })
    ));
}

fn a_save_after_a_deletion_elsewhere_is_refused(mut p: Pair) {
    let mut e = jane("enq-20261201-100000");
    p.one.save(&mut e).unwrap();
    p.two.delete(&e.id).unwrap();
    e.notes = "typed after the deletion".into();
    match p.one.save(&mut e) {
        Err(StoreError::Deleted { id }) => assert_eq!(id, e.id),
        other => panic!("{other:?}"),
    }
    assert!(matches!(
        p.two.load(&e.id),
        Err(StoreError::NotFound { .. })
    ));
    // Restoring is a choice: saved as new.
    e.revision = 0;
    p.one.save(&mut e).unwrap();
    assert_eq!(p.two.load(&e.id).unwrap().notes, "typed after the deletion");
}

fn the_list_is_newest_first(mut p: Pair) {
    for (id, updated) in [
        ("enq-a", "2026-12-01 09:00:00"),
        ("enq-c", "2026-12-03 09:00:00"),
        ("enq-b", "2026-12-02 09:00:00"),
    ] {
        let mut e = jane(id);
        e.updated = at(updated);
        p.one.save(&mut e).unwrap();
    }
    let ids: Vec<String> = p
        .two
        .load_all()
        .unwrap()
        .enquiries
        .into_iter()
        .map(|e| e.id)
        .collect();
    assert_eq!(ids, ["enq-c", "enq-b", "enq-a"]);
}

fn ids_that_could_not_be_made_are_refused(mut p: Pair) {
    for id in ["../../etc/passwd", "", "Enq 1", "enq/1"] {
        let mut e = jane(id);
        assert!(
            matches!(p.one.save(&mut e), Err(StoreError::BadId(_))),
            "{id}"
        );
        assert!(p.one.load(id).is_err(), "{id}");
    }
}

fn an_enquiry_too_large_to_read_back_is_refused(mut p: Pair) {
    let mut e = jane("enq-20261201-100000");
    e.notes = "x".repeat(qualplan::enquiry::MAX_ENQUIRY_BYTES as usize + 1);
    assert!(matches!(
        p.one.save(&mut e),
        Err(StoreError::TooLarge { .. })
    ));
    assert!(p.two.load_all().unwrap().enquiries.is_empty());
}

fn new_ids_are_unique(mut p: Pair) {
    let now = at("2026-12-01 10:00:00");
    let first = p.one.new_id(now);
    assert_eq!(first, "enq-20261201-100000");
    p.one.save(&mut jane(&first)).unwrap();
    assert_eq!(p.two.new_id(now), "enq-20261201-100000-2");
}
