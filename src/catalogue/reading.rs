//! Parsing a large catalogue file without holding all of its text: the
//! file is mapped into memory rather than read into it, and as the parser
//! passes each unit and qualification, the pages of text behind it are let
//! go. The system reads a page again from the file if it is ever looked at
//! (as it is to place an error), so letting one go early costs time, never
//! a figure. Parsing a 50 MB catalogue then holds little more than the
//! catalogue it builds, not the text and the catalogue both.
//!
//! Where the parser is comes from what it has just read: a unit's code or
//! a qualification's id, found in the text, is behind the parser once the
//! unit or qualification has been read.

use super::{Qualification, Unit};
use memchr::memmem;
use memmap2::Mmap;
use serde::de::{Deserialize, Deserializer, SeqAccess, Visitor};
use std::cell::RefCell;
use std::marker::PhantomData;

/// Pages are let go this much at a time, at this alignment (a multiple of
/// every page size in use).
const STEP: usize = 1 << 20;
const ALIGN: usize = 64 << 10;
/// How far past the last key found the next one is looked for.
const LOOK_AHEAD: usize = 1 << 20;

/// An item of one of the catalogue's long lists, known by a key written
/// in the text as a string.
pub(super) trait Keyed {
    fn key(&self) -> &str;
}

impl Keyed for Unit {
    fn key(&self) -> &str {
        &self.code
    }
}

impl Keyed for Qualification {
    fn key(&self) -> &str {
        &self.id
    }
}

/// The text being parsed on this thread, and how far through it is known
/// to be.
struct Progress {
    map: *const Mmap,
    /// Where the last key was found.
    found: usize,
    /// The pages before this are let go.
    released: usize,
}

thread_local! {
    static PROGRESS: RefCell<Option<Progress>> = const { RefCell::new(None) };
}

/// Calls `parse`, which parses the text in `map` on this thread, letting
/// go of the text behind the parser as it goes.
pub(super) fn following<T>(map: &Mmap, parse: impl FnOnce() -> T) -> T {
    struct Done;
    impl Drop for Done {
        fn drop(&mut self) {
            PROGRESS.with(|p| *p.borrow_mut() = None);
        }
    }
    PROGRESS.with(|p| {
        *p.borrow_mut() = Some(Progress {
            map,
            found: 0,
            released: 0,
        })
    });
    let _done = Done;
    parse()
}

/// The item known by `key` has been parsed.
fn passed(key: &str) {
    PROGRESS.with(|p| {
        let mut p = p.borrow_mut();
        let Some(p) = p.as_mut() else { return };
        // SAFETY: `following` clears the progress before `map` can go.
        let map = unsafe { &*p.map };
        let end = p.found.saturating_add(LOOK_AHEAD).min(map.len());
        let mut quoted = Vec::with_capacity(key.len() + 2);
        quoted.push(b'"');
        quoted.extend_from_slice(key.as_bytes());
        quoted.push(b'"');
        // Not found nearby (written with escapes, say): nothing let go.
        let Some(at) = memmem::find(&map[p.found..end], &quoted) else {
            return;
        };
        p.found += at;
        let behind = p.found / ALIGN * ALIGN;
        if behind >= p.released + STEP {
            release(map, p.released..behind);
            p.released = behind;
        }
    });
}

#[cfg(unix)]
fn release(map: &Mmap, range: std::ops::Range<usize>) {
    // SAFETY: the map is read-only and private, so its pages are never
    // changed and are read again from the file when next looked at;
    // letting them go changes no byte the parser sees.
    let _ = unsafe {
        map.unchecked_advise_range(memmap2::UncheckedAdvice::DontNeed, range.start, range.len())
    };
}

#[cfg(not(unix))]
fn release(_: &Mmap, _: std::ops::Range<usize>) {}

/// Deserializes a list of units or qualifications, telling the parser's
/// progress after each (when a catalogue file is being followed).
pub(super) fn list<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Keyed,
{
    struct List<T>(PhantomData<T>);

    impl<'de, T: Deserialize<'de> + Keyed> Visitor<'de> for List<T> {
        type Value = Vec<T>;

        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a sequence")
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<T>, A::Error> {
            let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
            while let Some(item) = seq.next_element::<T>()? {
                passed(item.key());
                items.push(item);
            }
            Ok(items)
        }
    }

    deserializer.deserialize_seq(List(PhantomData))
}
