//! A compiled copy of each validated catalogue, so that a catalogue of
//! thousands of qualifications loads in milliseconds after its first load
//! rather than being parsed and validated again every time.
//!
//! A copy is used only when it was made from exactly the same text by a
//! qualplan whose catalogue format and validation rules are the same as
//! this one's, and its contents check out; anything else (missing, stale,
//! damaged, unreadable, a cache directory that cannot be written) quietly
//! means parsing the text as usual. The cache is never the only copy of
//! anything: deleting it is always safe.
//!
//! Each catalogue file (by its full path) has one copy, named by the path's
//! hash, so that the copy can be opened while the text is still being read
//! and hashed. A copy holds the catalogue and its search texts (all a
//! one-shot search needs) in sections read on their own, each checked: the
//! catalogue and the texts' layout whole, the texts themselves block by
//! block as they are read.

use super::Catalogue;
use super::texts::{Fields, StoredTexts, TextLayout};
use crate::files::{self, Links};
use std::fs::{self, File};
use std::io::{self, Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use std::sync::atomic::{AtomicBool, Ordering};
use xxhash_rust::xxh3::{Xxh3, xxh3_64, xxh3_128};

/// Marks a qualplan catalogue cache file, and its layout.
const MAGIC: &[u8; 8] = b"QPCACHE2";
/// How many compiled catalogues are kept; the oldest go first.
const KEEP: usize = 8;
/// The sections of a copy, in order: the catalogue, and its search texts:
/// their layout, the texts folded and as written, their vocabularies'
/// words and the vocabularies' postings.
const SECTIONS: usize = 6;
const CATALOGUE: usize = 0;
const LAYOUT: usize = 1;
const FOLDED: usize = 2;
const SHOWN: usize = 3;
const WORDS: usize = 4;
const POSTINGS: usize = 5;
/// The magic, the build, the source's hash and length, then each section's
/// length and checksum.
const HEADER: usize = MAGIC.len() + 16 + 16 + 8 + SECTIONS * 24;
/// A stored text is checked in blocks of this many bytes: a one-shot search
/// reads a few fields of it, never the whole.
const BLOCK: usize = 4096;
/// Reads of the text to hash it are this big: small enough to stay in the
/// processor's cache between the read and the hash.
const CHUNK: usize = 64 << 10;
/// A catalogue's text is hashed in parts of this size, each on its own, so
/// that several threads can share the work.
const PART: usize = 4 << 20;
/// How many threads hash a catalogue's text.
const HASHERS: usize = 2;

/// What a compiled copy depends on besides the text: the catalogue's types
/// (how the copy is laid out) and the validation rules (what "valid" means),
/// by their source, and the version.
static BUILD: LazyLock<u128> = LazyLock::new(|| {
    let parts = [
        env!("CARGO_PKG_VERSION"),
        include_str!("model.rs"),
        include_str!("validate.rs"),
        include_str!("../money.rs"),
        // The validator's rules for text.
        include_str!("../text.rs"),
        // What the search texts hold, how they are folded, and how they
        // and their vocabulary are laid out in a copy.
        include_str!("texts.rs"),
        include_str!("vocabulary.rs"),
        include_str!("cache.rs"),
    ];
    xxh3_128(parts.join("\u{0}").as_bytes())
});

/// The cache directory for compiled catalogues, when the system has one.
pub fn default_dir() -> Option<PathBuf> {
    files::Dirs::of_user().map(|d| d.catalogue_cache())
}

/// Which catalogue a copy is of: `identity` names it (its full path).
fn path_for(dir: &Path, identity: &[u8]) -> PathBuf {
    dir.join(format!("{:032x}.bin", xxh3_128(identity)))
}

/// The hash of a catalogue's text that its copy must match: of the hashes
/// of its parts.
pub fn fingerprint(text: &[u8]) -> u128 {
    combine(text.len(), text.chunks(PART).map(xxh3_128))
}

fn combine(len: usize, parts: impl Iterator<Item = u128>) -> u128 {
    let mut hasher = Xxh3::new();
    hasher.update(&(len as u64).to_le_bytes());
    for part in parts {
        hasher.update(&part.to_le_bytes());
    }
    hasher.digest128()
}

/// `fingerprint` of the file `open` opens, which should be `len` bytes
/// long: read a little at a time, on several threads, so that a large
/// catalogue is neither held in memory nor slow to check. `None` if it is
/// not that long or cannot be read.
pub fn fingerprint_file(open: impl Fn() -> io::Result<File> + Sync, len: u64) -> Option<u128> {
    let len = usize::try_from(len).ok()?;
    let parts = len.div_ceil(PART);
    let hash_parts = |first: usize| -> Option<Vec<(usize, u128)>> {
        let mut file = open().ok()?;
        let mut chunk = vec![0; CHUNK];
        let mut hashes = Vec::new();
        for part in (first..parts).step_by(HASHERS) {
            let start = part * PART;
            let end = (start + PART).min(len);
            file.seek(SeekFrom::Start(start as u64)).ok()?;
            let mut hasher = Xxh3::new();
            let mut at = start;
            while at < end {
                let n = (end - at).min(CHUNK);
                file.read_exact(&mut chunk[..n]).ok()?;
                hasher.update(&chunk[..n]);
                at += n;
            }
            hashes.push((part, hasher.digest128()));
        }
        Some(hashes)
    };
    let mut hashes = std::thread::scope(|s| {
        let others: Vec<_> = (1..HASHERS)
            .map(|t| s.spawn(move || hash_parts(t)))
            .collect();
        let mut hashes = hash_parts(0)?;
        for other in others {
            hashes.extend(other.join().ok()??);
        }
        Some(hashes)
    })?;
    // Nothing past the end: the file has not grown.
    let mut file = open().ok()?;
    file.seek(SeekFrom::Start(len as u64)).ok()?;
    if file.read(&mut [0u8; 1]).ok()? != 0 {
        return None;
    }
    hashes.sort_unstable();
    Some(combine(len, hashes.into_iter().map(|(_, h)| h)))
}

/// A compiled copy in the cache, its header read and checked, its sections
/// read only when asked for.
pub struct Copy {
    file: File,
    source: u128,
    source_len: u64,
    /// Each section's offset in the file, length and checksum.
    sections: [(u64, u64, u128); SECTIONS],
}

impl Copy {
    /// The copy of the catalogue named `identity`, if there is one made by
    /// this build.
    pub fn open(dir: &Path, identity: &[u8]) -> Option<Copy> {
        // Never a link (to `/dev/zero`, say) nor a FIFO: a planted copy
        // is not read.
        let mut file = files::open_regular(&path_for(dir, identity), Links::Refuse).ok()?;
        let size = file.metadata().ok()?.len();
        let mut header = [0u8; HEADER];
        file.read_exact(&mut header).ok()?;
        let (magic, rest) = header.split_at(MAGIC.len());
        let number = |i: usize, width: usize| {
            let mut n = [0u8; 16];
            n[..width].copy_from_slice(&rest[i..i + width]);
            u128::from_le_bytes(n)
        };
        if magic != MAGIC || number(0, 16) != *BUILD {
            return None;
        }
        let mut sections = [(0, 0, 0); SECTIONS];
        let mut offset = HEADER as u64;
        for (i, section) in sections.iter_mut().enumerate() {
            let len = u64::try_from(number(40 + 24 * i, 8)).ok()?;
            *section = (offset, len, number(48 + 24 * i, 16));
            offset = offset.checked_add(len)?;
        }
        (offset == size).then_some(Copy {
            file,
            source: number(16, 16),
            source_len: u64::try_from(number(32, 8)).ok()?,
            sections,
        })
    }

    /// The `fingerprint` of the text the copy was made from.
    pub fn source(&self) -> u128 {
        self.source
    }

    /// The length of the text the copy was made from.
    pub fn source_len(&self) -> u64 {
        self.source_len
    }

    pub fn catalogue(&mut self) -> Option<Catalogue> {
        postcard::from_bytes(&self.section(CATALOGUE)?).ok()
    }

    /// The search texts: their layout and vocabularies' words read, the
    /// texts and postings left in the file until they are needed.
    pub fn texts(&mut self) -> Option<StoredTexts> {
        let layout = TextLayout::from_bytes(&self.section(LAYOUT)?)?;
        let words = self.section(WORDS)?;
        let folded = self.stored_text(FOLDED)?;
        let shown = self.stored_text(SHOWN)?;
        let postings = [self.stored_text(POSTINGS)?, self.stored_text(POSTINGS)?];
        StoredTexts::new(layout, folded, shown, &words, postings)
    }

    /// A section's bytes, if its checksum holds.
    fn section(&mut self, i: usize) -> Option<Vec<u8>> {
        let (offset, len, checksum) = self.sections[i];
        self.file.seek(SeekFrom::Start(offset)).ok()?;
        let mut bytes = vec![0; usize::try_from(len).ok()?];
        self.file.read_exact(&mut bytes).ok()?;
        (xxh3_128(&bytes) == checksum).then_some(bytes)
    }

    /// A text section: its length, the text, then its blocks' checksums
    /// (the length and the checksums checked as a whole, like any section;
    /// the text block by block as it is read).
    fn stored_text(&mut self, i: usize) -> Option<StoredText> {
        let (offset, len, checksum) = self.sections[i];
        self.file.seek(SeekFrom::Start(offset)).ok()?;
        let mut length = [0u8; 8];
        self.file.read_exact(&mut length).ok()?;
        let text_len = usize::try_from(u64::from_le_bytes(length)).ok()?;
        let sums_len = text_len.div_ceil(BLOCK).checked_mul(8)?;
        let whole = (8 + sums_len as u64).checked_add(text_len as u64)? == len;
        if !whole {
            return None;
        }
        let start = offset + 8;
        self.file
            .seek(SeekFrom::Start(start + text_len as u64))
            .ok()?;
        let mut sums = vec![0u8; sums_len];
        self.file.read_exact(&mut sums).ok()?;
        let mut hasher = Xxh3::new();
        hasher.update(&length);
        hasher.update(&sums);
        (hasher.digest128() == checksum).then(|| StoredText {
            file: self.file.try_clone().ok(),
            start,
            len: text_len,
            sums: sums
                .chunks_exact(8)
                .map(|c| u64::from_le_bytes(c.try_into().unwrap_or_default()))
                .collect(),
            damaged: AtomicBool::new(false),
        })
    }
}

/// A text in a compiled copy, read a piece at a time, each block of it
/// checked as it is read.
pub struct StoredText {
    /// `None` if the file could not be opened again for it.
    file: Option<File>,
    /// Where the text starts in the file.
    start: u64,
    len: usize,
    /// Each block's checksum.
    sums: Vec<u64>,
    damaged: AtomicBool,
}

impl StoredText {
    pub fn len(&self) -> usize {
        self.len
    }

    /// Reads the blocks holding bytes `range` of the text into `buffer`,
    /// checking each: where in `buffer` the range is, or `None` (and marked
    /// damaged) if they cannot be read or do not check out.
    pub fn read(&self, range: Range<usize>, buffer: &mut Vec<u8>) -> Option<Range<usize>> {
        let mut read = || {
            let mut file = self.file.as_ref()?;
            let first = range.start / BLOCK;
            let end = range.end.div_ceil(BLOCK).checked_mul(BLOCK)?.min(self.len);
            if range.start > range.end || range.end > self.len {
                return None;
            }
            let from = first * BLOCK;
            buffer.resize(end - from, 0);
            file.seek(SeekFrom::Start(self.start + from as u64)).ok()?;
            file.read_exact(buffer).ok()?;
            let intact = buffer
                .chunks(BLOCK)
                .zip(&self.sums[first..])
                .all(|(block, &sum)| xxh3_64(block) == sum);
            intact.then(|| range.start - from..range.end - from)
        };
        let at = read();
        if at.is_none() {
            self.mark_damaged();
        }
        at
    }

    pub fn damaged(&self) -> bool {
        self.damaged.load(Ordering::Relaxed)
    }

    pub fn mark_damaged(&self) {
        self.damaged.store(true, Ordering::Relaxed);
    }
}

/// Keeps a compiled copy of `catalogue` and its search texts, made from a
/// text of `source_len` bytes whose `fingerprint` is `source`, for the
/// catalogue named `identity`. Written a section at a time, and the texts
/// a field at a time as they are folded, never whole in memory: writing
/// the copy of a large catalogue takes little more memory than the
/// catalogue itself. Best effort: a failure only means the next load
/// parses the text again.
pub fn write(
    dir: &Path,
    identity: &[u8],
    (source, source_len): (u128, usize),
    catalogue: &Catalogue,
) -> io::Result<()> {
    let fields = Fields::new(catalogue);
    files::return_freed_memory();
    let layout = fields.layout();
    let [names, outcomes] = fields.vocabularies();
    let count = layout.field_count();
    files::private_dir(dir)?;
    files::write_atomically_by(&path_for(dir, identity), |file| {
        let mut out = Checked::new(io::BufWriter::with_capacity(CHUNK, file));
        out.write_all(&[0; HEADER])?;
        let mut sections = [(0, 0); SECTIONS];
        let mut section =
            |out: &mut Checked<_>, i: usize, write: &dyn Fn(&mut Checked<_>) -> io::Result<()>| {
                let start = out.len;
                out.restart();
                write(out)?;
                sections[i] = (out.len - start, out.hasher.digest128());
                Ok::<(), io::Error>(())
            };
        section(&mut out, CATALOGUE, &|out| {
            postcard::to_io(catalogue, out)
                .map(drop)
                .map_err(io::Error::other)
        })?;
        section(&mut out, LAYOUT, &|out| out.write_all(&layout.to_bytes()))?;
        section(&mut out, FOLDED, &|out| {
            stored(out, layout.folded_len(), &mut |text| {
                let mut folded = String::new();
                for f in 0..count {
                    folded.clear();
                    folded.push_str(&fields.folded(f));
                    folded.push('\n');
                    text.write_all(folded.as_bytes())?;
                }
                Ok(())
            })
        })?;
        section(&mut out, SHOWN, &|out| {
            stored(out, layout.shown_len as usize, &mut |text| {
                for f in 0..count {
                    text.write_all(fields.shown(f).as_bytes())?;
                    text.write_all(b"\n")?;
                }
                Ok(())
            })
        })?;
        section(&mut out, WORDS, &|out| {
            let mut words = Vec::new();
            names.append_to(&mut words);
            outcomes.append_to(&mut words);
            out.write_all(&words)
        })?;
        section(&mut out, POSTINGS, &|out| {
            let len = (names.posting_count() + outcomes.posting_count()) * 4;
            stored(out, len, &mut |text| {
                names.write_postings(text)?;
                outcomes.write_postings(text)
            })
        })?;
        let mut header = Vec::with_capacity(HEADER);
        header.extend_from_slice(MAGIC);
        header.extend_from_slice(&BUILD.to_le_bytes());
        header.extend_from_slice(&source.to_le_bytes());
        header.extend_from_slice(&(source_len as u64).to_le_bytes());
        for (len, checksum) in sections {
            header.extend_from_slice(&len.to_le_bytes());
            header.extend_from_slice(&checksum.to_le_bytes());
        }
        let file = out.inner.into_inner().map_err(|e| e.into_error())?;
        file.seek(SeekFrom::Start(0))?;
        file.write_all(&header)
    })?;
    prune(dir)
}

/// A text section of `len` bytes, written by `write` as it goes: its
/// length, the text, then its blocks' checksums (all the section's own
/// checksum covers; each block is checked when it is read).
fn stored<W: Write>(
    out: &mut Checked<W>,
    len: usize,
    write: &mut dyn FnMut(&mut Blocks<'_, W>) -> io::Result<()>,
) -> io::Result<()> {
    out.write_all(&(len as u64).to_le_bytes())?;
    let mut blocks = Blocks {
        out,
        block: Vec::with_capacity(BLOCK),
        sums: Vec::with_capacity(len.div_ceil(BLOCK) * 8),
        len: 0,
    };
    write(&mut blocks)?;
    blocks.end_block()?;
    let Blocks {
        out,
        sums,
        len: written,
        ..
    } = blocks;
    if written != len {
        return Err(io::Error::other(
            "a text's length changed while it was written",
        ));
    }
    out.write_all(&sums)
}

/// Writes a text outside the checksum, a block at a time, keeping each
/// block's checksum.
struct Blocks<'a, W> {
    out: &'a mut Checked<W>,
    block: Vec<u8>,
    sums: Vec<u8>,
    len: usize,
}

impl<W: Write> Blocks<'_, W> {
    fn end_block(&mut self) -> io::Result<()> {
        if !self.block.is_empty() {
            self.sums
                .extend_from_slice(&xxh3_64(&self.block).to_le_bytes());
            self.out.unchecked(&self.block)?;
            self.block.clear();
        }
        Ok(())
    }
}

impl<W: Write> Write for Blocks<'_, W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let n = bytes.len().min(BLOCK - self.block.len());
        self.block.extend_from_slice(&bytes[..n]);
        self.len += n;
        if self.block.len() == BLOCK {
            self.end_block()?;
        }
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Counts and checksums what is written through it.
struct Checked<W> {
    inner: W,
    hasher: Xxh3,
    len: u64,
}

impl<W: Write> Checked<W> {
    fn new(inner: W) -> Self {
        Checked {
            inner,
            hasher: Xxh3::new(),
            len: 0,
        }
    }

    /// Starts a new checksum.
    fn restart(&mut self) {
        self.hasher = Xxh3::new();
    }

    /// Writes `bytes`, counted but outside the checksum.
    fn unchecked(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.inner.write_all(bytes)?;
        self.len += bytes.len() as u64;
        Ok(())
    }
}

impl<W: Write> Write for Checked<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(bytes)?;
        self.hasher.update(&bytes[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Removes all but the `KEEP` most recently written copies.
fn prune(dir: &Path) -> io::Result<()> {
    let mut copies: Vec<(std::time::SystemTime, PathBuf)> = fs::read_dir(dir)?
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "bin"))
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .collect();
    copies.sort_by_key(|c| std::cmp::Reverse(c.0));
    for (_, path) in copies.into_iter().skip(KEEP) {
        let _ = fs::remove_file(path);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::texts::{FieldSource, SearchTexts};
    use crate::catalogue::{self, CatalogueOrigin, EMBEDDED_CATALOGUE};
    use memchr::memmem::Finder;

    const IDENTITY: &[u8] = b"test";

    /// A copy of the built-in catalogue (with a title beyond ASCII) in a
    /// new cache directory, and its texts as the app builds them in memory
    /// (the copy's are written a field at a time: they must agree).
    fn copy() -> (tempfile::TempDir, SearchTexts) {
        let mut c = catalogue::load_cached(&CatalogueOrigin::Embedded, None).unwrap();
        c.units[0].title = "Évaluer l’Équipe".to_string();
        let texts = SearchTexts::new(&c);
        let dir = tempfile::tempdir().unwrap();
        let source = EMBEDDED_CATALOGUE.as_bytes();
        write(
            dir.path(),
            IDENTITY,
            (fingerprint(source), source.len()),
            &c,
        )
        .unwrap();
        (dir, texts)
    }

    /// Everything search reads from a source, for comparing two.
    fn everything(texts: &dyn FieldSource) -> Vec<String> {
        let layout = texts.layout();
        let mut seen = Vec::new();
        for f in 0..layout.field_count() {
            seen.push(format!("{f}: {} | {}", texts.folded(f), texts.shown(f)));
        }
        texts.scan(0..layout.field_count(), &mut |first, run| {
            seen.push(format!("{first}: {}", String::from_utf8_lossy(run)));
        });
        for word in ["r", "coach", "8578", "évaluer", "the", "skills", "zzz"] {
            let finder = Finder::new(word);
            for v in [texts.names(), texts.outcomes()] {
                let mut postings = Vec::new();
                let intact = v.find(word.as_bytes(), &finder, |w, p| {
                    postings.push((w, p.collect::<Vec<_>>()))
                });
                seen.push(format!("{word}: {intact} {postings:?}"));
            }
        }
        seen
    }

    #[test]
    fn stored_texts_read_as_the_texts_they_were_made_from() {
        let (dir, texts) = copy();
        let mut copy = Copy::open(dir.path(), IDENTITY).unwrap();
        assert_eq!(copy.source(), fingerprint(EMBEDDED_CATALOGUE.as_bytes()));
        let stored = copy.texts().unwrap();
        assert_eq!(stored.layout(), texts.layout());
        assert_eq!(everything(&stored), everything(&texts));
        assert!(!stored.damaged());
        let c = copy.catalogue().unwrap();
        assert_eq!(c.units[0].title, "Évaluer l’Équipe");
    }

    #[test]
    fn a_change_anywhere_in_a_copy_is_noticed() {
        let (dir, texts) = copy();
        let path = path_for(dir.path(), IDENTITY);
        let bytes = fs::read(&path).unwrap();
        let whole = everything(&texts);
        // A byte changed in turn at points through every section: each
        // change is refused when its section is read.
        let (mut catalogues, mut texts_refused, mut texts_damaged) = (0, 0, 0);
        for at in (HEADER..bytes.len()).step_by(bytes.len() / 41) {
            let mut damaged = bytes.clone();
            damaged[at] ^= 0x20;
            fs::write(&path, &damaged).unwrap();
            let mut copy = Copy::open(dir.path(), IDENTITY).unwrap();
            match copy.catalogue() {
                Some(c) => assert_eq!(c.units.len(), 33, "byte {at}"),
                None => catalogues += 1,
            }
            match copy.texts() {
                Some(stored) => {
                    let read = everything(&stored);
                    assert!(read == whole || stored.damaged(), "byte {at} read as good");
                    texts_damaged += usize::from(stored.damaged());
                }
                None => texts_refused += 1,
            }
        }
        assert!(catalogues > 0 && texts_refused > 0 && texts_damaged > 0);
        // Cut short, or with a byte more: not a copy at all.
        fs::write(&path, &bytes[..bytes.len() - 1]).unwrap();
        assert!(Copy::open(dir.path(), IDENTITY).is_none());
        fs::write(&path, [&bytes[..], b"!"].concat()).unwrap();
        assert!(Copy::open(dir.path(), IDENTITY).is_none());
    }

    #[test]
    fn the_fingerprint_of_a_file_is_that_of_its_text() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("text");
        // Several parts, the last one short.
        let text: Vec<u8> = (0..PART * 2 + 12_345).map(|i| (i % 251) as u8).collect();
        fs::write(&file, &text).unwrap();
        let open = || File::open(&file);
        assert_eq!(
            fingerprint_file(open, text.len() as u64),
            Some(fingerprint(&text))
        );
        // A file longer or shorter than expected is not the text.
        assert_eq!(fingerprint_file(open, text.len() as u64 - 1), None);
        assert_eq!(fingerprint_file(open, text.len() as u64 + 1), None);
        assert_ne!(fingerprint(&text[1..]), fingerprint(&text));
        fs::write(&file, b"").unwrap();
        assert_eq!(fingerprint_file(open, 0), Some(fingerprint(b"")));
    }
}
