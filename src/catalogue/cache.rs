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

use super::Catalogue;
use crate::files::{self, Links};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::LazyLock;
use xxhash_rust::xxh3::xxh3_128;

/// Marks a qualplan catalogue cache file, and its layout.
const MAGIC: &[u8; 8] = b"QPCACHE1";
/// How many compiled catalogues are kept; the oldest go first.
const KEEP: usize = 8;

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
    ];
    xxh3_128(parts.join("\u{0}").as_bytes())
});

/// The cache directory for compiled catalogues, when the system has one.
pub fn default_dir() -> Option<PathBuf> {
    files::Dirs::of_user().map(|d| d.catalogue_cache())
}

/// The largest compiled copy read: a copy is smaller than the text it was
/// made from, so anything larger is not one (a link to `/dev/zero`, say,
/// is refused before reading anyway).
const MAX_COPY_BYTES: u64 = super::MAX_CATALOGUE_BYTES as u64 + 64;

fn path_for(dir: &Path, source: u128) -> PathBuf {
    dir.join(format!("{source:032x}.bin"))
}

/// The compiled copy of `text`, if there is a good one.
pub fn read(dir: &Path, text: &[u8]) -> Option<Catalogue> {
    let source = xxh3_128(text);
    let bytes = files::read_limited(&path_for(dir, source), MAX_COPY_BYTES, Links::Refuse).ok()?;
    let (header, payload) = bytes.split_at_checked(MAGIC.len() + 3 * 16)?;
    let (magic, hashes) = header.split_at(MAGIC.len());
    let hash = |i: usize| {
        let mut h = [0u8; 16];
        h.copy_from_slice(&hashes[i * 16..(i + 1) * 16]);
        u128::from_le_bytes(h)
    };
    let fresh =
        magic == MAGIC && hash(0) == *BUILD && hash(1) == source && hash(2) == xxh3_128(payload);
    if !fresh {
        return None;
    }
    postcard::from_bytes(payload).ok()
}

/// Keeps a compiled copy of `catalogue`, which is `text` validated. Best
/// effort: a failure only means the next load parses the text again.
pub fn write(dir: &Path, text: &[u8], catalogue: &Catalogue) -> io::Result<()> {
    let source = xxh3_128(text);
    let payload = postcard::to_stdvec(catalogue).map_err(io::Error::other)?;
    let mut bytes = Vec::with_capacity(MAGIC.len() + 48 + payload.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&BUILD.to_le_bytes());
    bytes.extend_from_slice(&source.to_le_bytes());
    bytes.extend_from_slice(&xxh3_128(&payload).to_le_bytes());
    bytes.extend_from_slice(&payload);
    if bytes.len() as u64 > MAX_COPY_BYTES {
        return Ok(());
    }
    files::private_dir(dir)?;
    files::write_atomically(&path_for(dir, source), &bytes)?;
    prune(dir)
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
