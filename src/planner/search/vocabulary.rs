//! Every distinct word of a catalogue's texts, once, with where each word
//! occurs. Finding a query word inside any text is then one scan of this
//! short list of words rather than one search per text: a query word holds
//! no spaces, so it can only ever occur inside a single word of a text.

use super::Word;
use rustc_hash::FxHashMap;

/// Which text of an entry a word occurs in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Place {
    Key(usize),
    Title,
    Outcome(usize),
}

/// One occurrence of a vocabulary word.
#[derive(Clone, Copy)]
pub(super) struct Posting {
    pub entry: u32,
    pub place: Place,
    /// The word begins its text.
    pub first: bool,
}

/// Where in a vocabulary word a query word was found: its start, the start
/// of a word within it (after punctuation, as "302" in "8578-302"), or
/// inside a word.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Start {
    Inside,
    Word,
    Token,
}

#[derive(Default)]
pub(super) struct Vocabulary {
    /// The distinct words, each followed by a line break.
    text: String,
    /// Byte offset in `text` where each word starts.
    starts: Vec<usize>,
    postings: Vec<Vec<Posting>>,
    /// Word ids while the vocabulary is built.
    ids: FxHashMap<String, usize>,
}

impl Vocabulary {
    /// Adds the words of `lower`, a lower-cased text of `entry` at `place`.
    pub fn add(&mut self, lower: &str, entry: u32, place: Place) {
        let leading = !lower.starts_with(char::is_whitespace);
        for (k, word) in lower.split_whitespace().enumerate() {
            let id = match self.ids.get(word) {
                Some(&id) => id,
                None => {
                    let id = self.starts.len();
                    self.starts.push(self.text.len());
                    self.text.push_str(word);
                    self.text.push('\n');
                    self.postings.push(Vec::new());
                    self.ids.insert(word.to_string(), id);
                    id
                }
            };
            self.postings[id].push(Posting {
                entry,
                place,
                first: k == 0 && leading,
            });
        }
    }

    /// Drops what only building needed.
    pub fn finish(&mut self) {
        self.ids = FxHashMap::default();
        self.text.shrink_to_fit();
        self.starts.shrink_to_fit();
        self.postings.shrink_to_fit();
    }

    /// Calls `f` with every occurrence of a vocabulary word containing
    /// `word`, where in that word it was best found, and whether the
    /// vocabulary word is `word` itself.
    pub fn each_match(&self, word: &Word, mut f: impl FnMut(&Posting, Start, bool)) {
        let mut current: Option<(usize, Start)> = None;
        let mut t = 0;
        let mut flush = |found: Option<(usize, Start)>| {
            if let Some((t, start)) = found {
                let whole = self.word(t).len() == word.text.len();
                for p in &self.postings[t] {
                    f(p, start, whole);
                }
            }
        };
        for byte in word.finder.find_iter(self.text.as_bytes()) {
            while self.starts.get(t + 1).is_some_and(|&s| s <= byte) {
                t += 1;
            }
            let before = &self.text[self.starts[t]..byte];
            let start = match before.chars().next_back() {
                None => Start::Token,
                Some(c) if !c.is_alphanumeric() => Start::Word,
                Some(_) => Start::Inside,
            };
            match current {
                Some((ct, cs)) if ct == t => current = Some((t, cs.max(start))),
                _ => {
                    flush(current);
                    current = Some((t, start));
                }
            }
        }
        flush(current);
    }

    fn word(&self, t: usize) -> &str {
        let end = self.starts.get(t + 1).map_or(self.text.len(), |&s| s) - 1;
        &self.text[self.starts[t]..end]
    }
}
