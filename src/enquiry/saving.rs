//! Saving an enquiry the one way every front end saves it (the app, the
//! plain mode): stamped with the time (to the second) and the advisor; no file for a new
//! enquiry with nothing typed yet; two saves of one enquiry both kept; an
//! enquiry deleted elsewhere never brought back by a save.

use super::{Enquiry, Store, StoreError, keep_both};
use chrono::NaiveDateTime;

/// What became of a save that did not fail.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Saved {
    /// A new enquiry with nothing typed in it yet: an enquiry exists once
    /// something is typed, so there is no file until then.
    NothingTyped,
    /// Saved. (A new enquiry whose id was taken meanwhile was quietly
    /// given the next free one.)
    Done,
    /// Someone saved this enquiry meanwhile: theirs stays as `theirs`,
    /// these edits are a new enquiry beside it, `copy`.
    BothKept { theirs: String, copy: String },
    /// The enquiry was deleted elsewhere: a deletion is an erasure, so
    /// nothing was saved; the front end asks the advisor or says so.
    DeletedElsewhere { id: String },
}

impl Saved {
    /// What the advisor must be told, when anything: the fact first, and
    /// short enough for an 80-column status line (the enquiry it is about
    /// is the one open).
    pub fn notice(&self) -> Option<String> {
        match self {
            Saved::BothKept { copy, .. } => {
                Some(format!("Changed elsewhere: both kept, yours as {copy}"))
            }
            Saved::DeletedElsewhere { id } => Some(format!(
                "Enquiry {id} was deleted in another qualplan, so these edits are not saved in it"
            )),
            Saved::NothingTyped | Saved::Done => None,
        }
    }
}

/// Saves `e` at `now` as `advisor`'s change, with the rule above. An
/// error is a save that failed outright (the disk full, say): the edits
/// are still only in `e`.
pub fn save_enquiry(
    store: &mut dyn Store,
    e: &mut Enquiry,
    advisor: &str,
    now: NaiveDateTime,
) -> Result<Saved, StoreError> {
    if e.is_blank() && e.revision == 0 {
        return Ok(Saved::NothingTyped);
    }
    e.updated = super::whole_seconds(now);
    // The quote's time is stamped where a quote is written; to the
    // second, as every time an enquiry holds.
    e.quoted = e.quoted.map(super::whole_seconds);
    e.advisor = advisor.to_string();
    match store.save(e) {
        Ok(()) => Ok(Saved::Done),
        Err(StoreError::Conflict(c)) => {
            let theirs = e.id.clone();
            let copy = keep_both(store, e)?;
            Ok(if c.yours == 0 {
                Saved::Done
            } else {
                Saved::BothKept { theirs, copy }
            })
        }
        Err(StoreError::Deleted { id }) => Ok(Saved::DeletedElsewhere { id }),
        Err(x) => Err(x),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enquiry::EnquiryStore;

    fn at(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    fn two_handles() -> (tempfile::TempDir, EnquiryStore, EnquiryStore) {
        let dir = tempfile::tempdir().unwrap();
        let one = EnquiryStore::open(dir.path().join("e")).unwrap();
        let two = EnquiryStore::open(dir.path().join("e")).unwrap();
        (dir, one, two)
    }

    #[test]
    fn a_new_enquiry_with_nothing_typed_makes_no_file() {
        let (_dir, mut one, _) = two_handles();
        let mut e = Enquiry::new("enq-20261201-100000".into(), at("2026-12-01 10:00:00"));
        let saved = save_enquiry(&mut one, &mut e, "Sam", at("2026-12-01 10:01:00"));
        assert_eq!(saved.unwrap(), Saved::NothingTyped);
        assert!(one.load_all().unwrap().enquiries.is_empty());
        assert_eq!(e.revision, 0);
    }

    #[test]
    fn a_save_is_stamped_with_the_time_and_the_advisor() {
        let (_dir, mut one, two) = two_handles();
        let mut e = Enquiry::new("enq-20261201-100000".into(), at("2026-12-01 10:00:00"));
        e.caller.name = "Jane Smith".into();
        let now = at("2026-12-01 10:05:00");
        assert_eq!(
            save_enquiry(&mut one, &mut e, "Sam Patel", now).unwrap(),
            Saved::Done
        );
        let back = two.load(&e.id).unwrap();
        assert_eq!((back.updated, back.advisor.as_str()), (now, "Sam Patel"));
        assert_eq!(back.revision, 1);
    }

    #[test]
    fn times_are_stamped_to_the_second() {
        let (_dir, mut one, _) = two_handles();
        let now = at("2026-12-01 10:05:00") + chrono::Duration::nanoseconds(123_456_789);
        let mut e = Enquiry::new("enq-20261201-100000".into(), now);
        assert_eq!(e.created, at("2026-12-01 10:05:00"));
        e.caller.name = "Jane Smith".into();
        e.quoted = Some(now);
        save_enquiry(&mut one, &mut e, "Sam", now).unwrap();
        let back = one.load(&e.id).unwrap();
        assert_eq!(back.updated, at("2026-12-01 10:05:00"));
        assert_eq!(back.quoted, Some(at("2026-12-01 10:05:00")));
    }

    #[test]
    fn two_saves_of_one_enquiry_are_both_kept_and_said() {
        let (_dir, mut one, mut two) = two_handles();
        let now = at("2026-12-01 10:05:00");
        let mut e = Enquiry::new("enq-20261201-100000".into(), at("2026-12-01 10:00:00"));
        e.caller.name = "Jane Smith".into();
        save_enquiry(&mut one, &mut e, "Sam", now).unwrap();
        let mut theirs = two.load(&e.id).unwrap();
        theirs.notes = "Alex's note".into();
        save_enquiry(&mut two, &mut theirs, "Alex", now).unwrap();
        e.notes = "Sam's note".into();
        let saved = save_enquiry(&mut one, &mut e, "Sam", now).unwrap();
        assert_eq!(
            saved,
            Saved::BothKept {
                theirs: "enq-20261201-100000".into(),
                copy: "enq-20261201-100000-copy-2".into()
            }
        );
        assert_eq!(
            saved.notice().unwrap(),
            "Changed elsewhere: both kept, yours as enq-20261201-100000-copy-2"
        );
        assert_eq!(
            two.load("enq-20261201-100000").unwrap().notes,
            "Alex's note"
        );
        assert_eq!(
            two.load("enq-20261201-100000-copy-2").unwrap().notes,
            "Sam's note"
        );
        assert_eq!(e.id, "enq-20261201-100000-copy-2");
    }

    #[test]
    fn a_new_enquiry_whose_id_was_taken_just_takes_the_next() {
        let (_dir, mut one, mut two) = two_handles();
        let now = at("2026-12-01 10:05:00");
        let mut first = Enquiry::new("enq-20261201-100000".into(), now);
        first.caller.name = "Ann".into();
        let mut second = first.clone();
        second.caller.name = "Bob".into();
        save_enquiry(&mut one, &mut first, "Sam", now).unwrap();
        assert_eq!(
            save_enquiry(&mut two, &mut second, "Alex", now).unwrap(),
            Saved::Done
        );
        assert_eq!(second.id, "enq-20261201-100000-2");
    }

    #[test]
    fn an_enquiry_deleted_elsewhere_is_not_brought_back() {
        let (_dir, mut one, two) = two_handles();
        let now = at("2026-12-01 10:05:00");
        let mut e = Enquiry::new("enq-20261201-100000".into(), now);
        e.caller.name = "Jane Smith".into();
        save_enquiry(&mut one, &mut e, "Sam", now).unwrap();
        two.delete(&e.id).unwrap();
        e.notes = "more".into();
        let saved = save_enquiry(&mut one, &mut e, "Sam", now).unwrap();
        assert_eq!(saved, Saved::DeletedElsewhere { id: e.id.clone() });
        assert!(two.load_all().unwrap().enquiries.is_empty());
    }
}
