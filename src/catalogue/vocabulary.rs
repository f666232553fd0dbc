//! Every distinct word of some fields, once, with where each occurs: the
//! search index. Finding a query word inside any field is then one scan of
//! this short list of words rather than of every field: a query word holds
//! no spaces, so it can only ever occur inside a single word of a field.
//!
//! The vocabulary is built with the search texts and kept with them in the
//! compiled copy in the cache; a one-shot search reads the list of words
//! and then only the occurrences of the words that matched.

use super::cache::StoredText;
use super::texts::Reader;
use memchr::memmem::Finder;
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::ops::Range;

/// A posting packs the field with two flags.
const FIRST: u32 = 1;
const ONLY: u32 = 2;
const FIELD_SHIFT: u32 = 2;
/// Stored postings this many bytes apart or closer are read in one go.
const NEAR: usize = 16 << 10;

/// One occurrence of a vocabulary word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Posting {
    pub field: usize,
    /// The word is the first of its field...
    pub first: bool,
    /// ...and the only one.
    pub only: bool,
}

/// Where a query word was found in a vocabulary word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Within {
    /// At its start (at least once).
    pub at_start: bool,
    /// The query word is the vocabulary word.
    pub whole: bool,
}

/// The vocabulary words holding a query word, and whether it starts them.
pub struct LookedUp<'a> {
    word: &'a [u8],
    found: Vec<(usize, bool)>,
}

/// Where a vocabulary's postings are.
enum Kept {
    Held(Vec<u32>),
    /// In the compiled copy, from this posting on.
    Stored {
        text: StoredText,
        base: usize,
    },
}

/// The occurrences of one vocabulary word.
pub struct Postings<'a>(&'a [u32]);

impl Iterator for Postings<'_> {
    type Item = Posting;

    fn next(&mut self) -> Option<Posting> {
        let (&posting, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(Posting {
            field: (posting >> FIELD_SHIFT) as usize,
            first: posting & FIRST != 0,
            only: posting & ONLY != 0,
        })
    }
}

pub struct Vocabulary {
    /// The distinct words, each followed by a line break.
    words: Vec<u8>,
    /// Where each word starts in `words`, and the end.
    starts: Vec<u32>,
    /// Where each word's postings start, and the end.
    posted: Vec<u32>,
    postings: Kept,
    /// The fields the vocabulary was made of.
    fields: Range<usize>,
}

impl Vocabulary {
    /// The words of `fields`, each given as its folded text by `folded`,
    /// keeping each word's id in order while it is built (as much memory
    /// again as the postings, and quicker: the app's index in memory).
    pub(super) fn new<'a>(
        fields: Range<usize>,
        folded: impl Fn(usize) -> Cow<'a, str>,
    ) -> Vocabulary {
        Vocabulary::build(fields, folded, true)
    }

    /// `new`, looking each word up again instead of keeping its id: for
    /// writing the compiled copy beside a whole catalogue in memory.
    pub(super) fn lean<'a>(
        fields: Range<usize>,
        folded: impl Fn(usize) -> Cow<'a, str>,
    ) -> Vocabulary {
        Vocabulary::build(fields, folded, false)
    }

    fn build<'a>(
        fields: Range<usize>,
        folded: impl Fn(usize) -> Cow<'a, str>,
        keep_ids: bool,
    ) -> Vocabulary {
        assert!(
            fields.end < 1 << (32 - FIELD_SHIFT),
            "fewer than a billion fields"
        );
        // Each word is kept once (the fields may be folded as they are
        // read, not held), with how many times it occurs.
        let mut ids: FxHashMap<Box<str>, u32> = FxHashMap::default();
        let mut words = Vec::new();
        let mut starts = Vec::new();
        let mut posted: Vec<u32> = vec![0];
        // Each word of the text, by id, in order, if kept.
        let mut tokens: Vec<u32> = Vec::new();
        for f in fields.clone() {
            for word in folded(f).split(' ').filter(|w| !w.is_empty()) {
                let id = match ids.get(word) {
                    Some(&id) => id,
                    None => {
                        let id = starts.len() as u32;
                        starts.push(words.len() as u32);
                        words.extend_from_slice(word.as_bytes());
                        words.push(b'\n');
                        ids.insert(word.into(), id);
                        posted.push(0);
                        id
                    }
                };
                posted[id as usize + 1] += 1;
                if keep_ids {
                    tokens.push(id);
                }
            }
        }
        starts.push(words.len() as u32);
        for i in 1..posted.len() {
            posted[i] += posted[i - 1];
        }
        // Postings grouped by word, each word's in the order of the text.
        let mut next = posted.clone();
        let mut postings = vec![0; posted[posted.len() - 1] as usize];
        let mut kept = tokens.iter();
        for f in fields.clone() {
            let text = folded(f);
            let mut words = text.split(' ').filter(|w| !w.is_empty());
            let count = words.clone().count();
            let posting = |k: usize| {
                let mut posting = (f as u32) << FIELD_SHIFT;
                if k == 0 {
                    posting |= FIRST;
                }
                if count == 1 {
                    posting |= ONLY;
                }
                posting
            };
            for k in 0..count {
                let id = if keep_ids {
                    kept.next()
                } else {
                    words.next().and_then(|word| ids.get(word))
                };
                let Some(&id) = id else { break };
                postings[next[id as usize] as usize] = posting(k);
                next[id as usize] += 1;
            }
        }
        words.shrink_to_fit();
        Vocabulary {
            words,
            starts,
            posted,
            postings: Kept::Held(postings),
            fields,
        }
    }

    /// Calls `f` with the occurrences of each vocabulary word containing
    /// `word` (found by `finder`), and where in that word it was best
    /// found. `false` (and the vocabulary `damaged`) if stored postings
    /// could not be read.
    pub fn find(&self, word: &[u8], finder: &Finder, f: impl FnMut(Within, Postings)) -> bool {
        self.postings_of(&self.look_up(word, finder), f)
    }

    /// The vocabulary words holding `word` (found by `finder`).
    pub fn look_up<'a>(&self, word: &'a [u8], finder: &Finder) -> LookedUp<'a> {
        let mut found: Vec<(usize, bool)> = Vec::new();
        let mut t = 0;
        for byte in finder.find_iter(&self.words) {
            while self.starts[t + 1] as usize <= byte {
                t += 1;
            }
            let at_start = byte == self.starts[t] as usize;
            match found.last_mut() {
                Some((last, starts)) if *last == t => *starts |= at_start,
                _ => found.push((t, at_start)),
            }
        }
        LookedUp { word, found }
    }

    /// How many places the words `looked_up` are in.
    pub fn count(&self, looked_up: &LookedUp) -> usize {
        let posted = |t: usize| (self.posted[t + 1] - self.posted[t]) as usize;
        looked_up.found.iter().map(|&(t, _)| posted(t)).sum()
    }

    /// `find`, for words already `looked_up`.
    pub fn postings_of(&self, looked_up: &LookedUp, mut f: impl FnMut(Within, Postings)) -> bool {
        let (word, found) = (looked_up.word, &looked_up.found);
        let within = |t: usize, at_start: bool| Within {
            at_start,
            whole: at_start && self.len(t) == word.len(),
        };
        let posted = |t: usize| self.posted[t] as usize..self.posted[t + 1] as usize;
        match &self.postings {
            Kept::Held(postings) => {
                for &(t, at_start) in found {
                    f(within(t, at_start), Postings(&postings[posted(t)]));
                }
                true
            }
            Kept::Stored { text, base } => {
                // Postings close together are read together.
                let mut buffer = Vec::new();
                let mut read = Vec::new();
                let mut rest = &found[..];
                while let [(first, _), ..] = rest {
                    let start = posted(*first).start;
                    let mut end = posted(*first).end;
                    let mut n = 1;
                    while let Some(&(t, _)) = rest.get(n)
                        && (posted(t).start - end) * 4 <= NEAR
                    {
                        end = posted(t).end;
                        n += 1;
                    }
                    let bytes = (base + start) * 4..(base + end) * 4;
                    let Some(at) = text.read(bytes, &mut buffer) else {
                        return false;
                    };
                    read.clear();
                    read.extend(
                        buffer[at]
                            .chunks_exact(4)
                            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]])),
                    );
                    // Only fields the vocabulary was made of.
                    if !read
                        .iter()
                        .all(|&p| self.fields.contains(&((p >> FIELD_SHIFT) as usize)))
                    {
                        text.mark_damaged();
                        return false;
                    }
                    for &(t, at_start) in &rest[..n] {
                        let range = posted(t);
                        f(
                            within(t, at_start),
                            Postings(&read[range.start - start..range.end - start]),
                        );
                    }
                    rest = &rest[n..];
                }
                true
            }
        }
    }

    /// The fields the vocabulary was made of.
    pub(super) fn fields(&self) -> Range<usize> {
        self.fields.clone()
    }

    /// Whether stored postings failed to read.
    pub fn damaged(&self) -> bool {
        matches!(&self.postings, Kept::Stored { text, .. } if text.damaged())
    }

    fn len(&self, t: usize) -> usize {
        (self.starts[t + 1] - self.starts[t]) as usize - 1
    }

    /// How many postings there are.
    pub(super) fn posting_count(&self) -> usize {
        self.posted[self.posted.len() - 1] as usize
    }

    /// The vocabulary's words and where its postings are, for the compiled
    /// copy; the postings themselves go with `write_postings`.
    pub(super) fn append_to(&self, bytes: &mut Vec<u8>) {
        let mut put = |n: u32| bytes.extend_from_slice(&n.to_le_bytes());
        put(self.fields.start as u32);
        put(self.fields.end as u32);
        put((self.starts.len() - 1) as u32);
        put(self.words.len() as u32);
        for &n in self.starts.iter().chain(&self.posted) {
            put(n);
        }
        bytes.extend_from_slice(&self.words);
    }

    /// The postings, for the compiled copy.
    pub(super) fn write_postings(&self, out: &mut impl std::io::Write) -> std::io::Result<()> {
        if let Kept::Held(postings) = &self.postings {
            for p in postings {
                out.write_all(&p.to_le_bytes())?;
            }
        }
        Ok(())
    }

    /// A vocabulary written by `append_to`, its postings in `postings` from
    /// posting `base` on; `None` unless it holds together.
    pub(super) fn read(
        reader: &mut Reader,
        postings: StoredText,
        base: usize,
    ) -> Option<Vocabulary> {
        let fields = reader.number()?..reader.number()?;
        let count = reader.number()?;
        let words_len = reader.number()?;
        let starts = reader.numbers(count.checked_add(1)?)?;
        let posted = reader.numbers(count + 1)?;
        let words = reader.take(words_len)?.to_vec();
        let end = base.checked_add(posted[count] as usize)?;
        let fits = starts[0] == 0
            && starts[count] as usize == words.len()
            && starts.windows(2).all(|w| w[0] < w[1])
            && starts[1..].iter().all(|&s| words[s as usize - 1] == b'\n')
            && posted[0] == 0
            && posted.windows(2).all(|w| w[0] <= w[1])
            && end.checked_mul(4)? <= postings.len();
        fits.then(|| Vocabulary {
            words,
            starts,
            posted,
            postings: Kept::Stored {
                text: postings,
                base,
            },
            fields,
        })
    }
}
