//! Finds where in the catalogue text an item or field is, so that a
//! validation problem (found on the parsed data) can name a line and column.
//!
//! RON's parser does not keep spans for values, so items are found by their
//! key (`id: "..."` for qualifications, `code: "..."` for units) within their
//! section, and fields by name within the item. Comments are masked first so
//! that commented-out text never matches.

use super::problem::Item;

/// 1-based line and column of an item's field (or of the item, or of the
/// catalogue's start when nothing more precise can be found).
pub(crate) fn locate(
    text: &str,
    item: &Item,
    occurrence: usize,
    fields: &[&str],
) -> (usize, usize) {
    let masked = mask_comments(text);
    let offset = locate_offset(&masked, item, occurrence, fields).unwrap_or(0);
    line_column(text, offset)
}

fn locate_offset(masked: &str, item: &Item, occurrence: usize, fields: &[&str]) -> Option<usize> {
    let (start, end) = match item {
        Item::Catalogue => (0, masked.len()),
        Item::Source(id) => item_span(masked, "sources", "id", id, occurrence)?,
        Item::Unit(code) => item_span(masked, "units", "code", code, occurrence)?,
        Item::Qualification(id) => item_span(masked, "qualifications", "id", id, occurrence)?,
    };
    let mut at = start;
    for field in fields {
        match find_key(masked, at, end, field) {
            Some(found) => at = found,
            None => break,
        }
    }
    Some(at)
}

/// Byte span of the `occurrence`-th item whose `key` is `value` inside
/// `section`: from its key to the next item's key.
fn item_span(
    masked: &str,
    section: &str,
    key: &str,
    value: &str,
    occurrence: usize,
) -> Option<(usize, usize)> {
    let section_start = find_key(masked, 0, masked.len(), section)?;
    let literal = format!("\"{value}\"");
    let mut from = section_start;
    let mut seen = 0;
    loop {
        let at = find_key(masked, from, masked.len(), key)?;
        let after_colon = masked[at..].find(':')? + at + 1;
        let rest = masked[after_colon..].trim_start();
        if rest.starts_with(&literal) {
            if seen == occurrence {
                let end = find_key(masked, after_colon, masked.len(), key).unwrap_or(masked.len());
                return Some((at, end));
            }
            seen += 1;
        }
        from = after_colon;
    }
}

/// Offset of `key` used as a field name (`key:`) in `[from, end)`.
fn find_key(masked: &str, from: usize, end: usize, key: &str) -> Option<usize> {
    let hay = &masked[from..end];
    let mut search = 0;
    while let Some(pos) = hay[search..].find(key) {
        let at = search + pos;
        let before_ok = hay[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        let after = hay[at + key.len()..].trim_start();
        if before_ok && after.starts_with(':') {
            return Some(from + at);
        }
        search = at + key.len();
    }
    None
}

/// The text with comments blanked out (same byte length, newlines kept),
/// leaving string literals alone.
fn mask_comments(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = bytes.to_vec();
    let mut i = 0;
    let mut in_string = false;
    while i < bytes.len() {
        let b = bytes[i];
        if in_string {
            if b == b'\\' {
                i += 2;
                continue;
            }
            if b == b'"' {
                in_string = false;
            }
            i += 1;
        } else if b == b'"' {
            in_string = true;
            i += 1;
        } else if bytes[i..].starts_with(b"//") {
            while i < bytes.len() && bytes[i] != b'\n' {
                out[i] = b' ';
                i += 1;
            }
        } else if bytes[i..].starts_with(b"/*") {
            while i < bytes.len() && !bytes[i..].starts_with(b"*/") {
                if bytes[i] != b'\n' {
                    out[i] = b' ';
                }
                i += 1;
            }
            for _ in 0..2.min(bytes.len() - i) {
                out[i] = b' ';
                i += 1;
            }
        } else {
            i += 1;
        }
    }
    // Only ASCII bytes outside strings were replaced with ASCII spaces, but a
    // comment may have held multi-byte characters: replace any resulting
    // invalid sequences byte for byte so offsets stay the same.
    String::from_utf8(out).unwrap_or_else(|e| {
        e.into_bytes()
            .into_iter()
            .map(|b| if b.is_ascii() { b as char } else { ' ' })
            .collect()
    })
}

fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |p| p + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "(\n  sources: [(id: \"a\")],\n  units: [\n    // code: \"x\"\n    (code: \"x\", credits: 1),\n    (code: \"y\",\n      credits: 2),\n  ],\n  qualifications: [(id: \"a\", credits: 3), (id: \"a\", credits: 4)],\n)";

    #[test]
    fn finds_items_and_fields_past_comments() {
        assert_eq!(locate(TEXT, &Item::Unit("x".into()), 0, &[]), (5, 6));
        assert_eq!(
            locate(TEXT, &Item::Unit("y".into()), 0, &["credits"]),
            (7, 7)
        );
        assert_eq!(locate(TEXT, &Item::Source("a".into()), 0, &[]), (2, 14));
    }

    #[test]
    fn duplicates_are_found_by_occurrence() {
        assert_eq!(
            locate(TEXT, &Item::Qualification("a".into()), 0, &["credits"]),
            (9, 30)
        );
        assert_eq!(
            locate(TEXT, &Item::Qualification("a".into()), 1, &["credits"]),
            (9, 53)
        );
    }

    #[test]
    fn unknown_items_fall_back_to_the_start() {
        assert_eq!(locate(TEXT, &Item::Unit("zz".into()), 0, &[]), (1, 1));
    }
}
