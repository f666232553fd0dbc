//! Plain-text helpers shared by the command line and the quotes.

/// Splits text into lines of at most `width` characters, at spaces where
/// possible.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split(' ') {
            let mut word = word.to_string();
            while char_count(&word) > width {
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                let head: String = word.chars().take(width).collect();
                word = word.chars().skip(width).collect();
                lines.push(head);
            }
            if line.is_empty() {
                line = word;
            } else if char_count(&line) + 1 + char_count(&word) <= width {
                line.push(' ');
                line.push_str(&word);
            } else {
                lines.push(std::mem::replace(&mut line, word));
            }
        }
        lines.push(line);
    }
    lines
}

/// A whole number with thousands separators: `20,000`.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    grouped
}

fn char_count(s: &str) -> usize {
    s.chars().count()
}

/// The text with its first letter a capital, as a sentence starts
/// ("the instalments ..." from an error message becomes "The instalments").
pub fn capitalised(text: &str) -> String {
    let mut c = text.chars();
    c.next()
        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}

/// Why a character must not reach a terminal as it is: it controls the
/// terminal (escape sequences, C1 controls), reorders the text around it
/// (bidirectional controls: "Trojan Source"), breaks lines where none
/// shows, or cannot be seen at all. `None` for every other character, and
/// for the line feed, which text may hold.
///
/// The set is derived from the Unicode Character Database (through ICU4X's
/// `icu_properties`, the Unicode Consortium's own library, whose data
/// follows each Unicode release), not listed by hand:
/// - General_Category Cc (control) and Cf (format);
/// - General_Category Zl and Zp (U+2028 LINE and U+2029 PARAGRAPH SEPARATOR);
/// - Bidi_Control;
/// - Default_Ignorable_Code_Point: every character a renderer shows as
///   nothing when it does not support it (zero-width characters, tag
///   characters U+E0000-E007F, variation selectors, Hangul fillers,
///   U+180E, the reserved ranges kept for more of them);
/// - Noncharacter_Code_Point (U+FDD0-FDEF, U+xxFFFE-xxFFFF).
pub fn hazard(c: char) -> Option<&'static str> {
    // The characters almost every text and frame is made of need no
    // look-up; a test checks every one of them against the properties.
    if c == '\n' || SAFE.iter().any(|r| r.contains(&c)) {
        return None;
    }
    look_up(c)
}

/// Blocks that hold no hazardous character (checked against the Unicode
/// properties by `the_safe_blocks_hold_no_hazard`): printable ASCII, Latin-1
/// and Latin Extended letters, general punctuation, currency signs, and the
/// symbols, arrows and box drawing the screens are drawn with.
const SAFE: [std::ops::RangeInclusive<char>; 6] = [
    ' '..='~',
    '\u{a0}'..='\u{ac}',
    '\u{ae}'..='\u{2ff}',
    '\u{2010}'..='\u{2027}',
    '\u{2030}'..='\u{205e}',
    '\u{20a0}'..='\u{2bff}',
];

/// `hazard` from the properties themselves.
fn look_up(c: char) -> Option<&'static str> {
    use icu_properties::props::{
        BidiControl, DefaultIgnorableCodePoint, GeneralCategory, NoncharacterCodePoint,
    };
    use icu_properties::{CodePointMapData, CodePointSetData};
    if CodePointSetData::new::<BidiControl>().contains(c) {
        return Some("bidirectional control");
    }
    let category = CodePointMapData::<GeneralCategory>::new().get(c);
    if category == GeneralCategory::Control {
        return Some("control character");
    }
    if matches!(
        category,
        GeneralCategory::LineSeparator | GeneralCategory::ParagraphSeparator
    ) {
        return Some("line or paragraph separator");
    }
    if CodePointSetData::new::<DefaultIgnorableCodePoint>().contains(c) {
        return Some("invisible character");
    }
    if category == GeneralCategory::Format {
        return Some("format character");
    }
    if CodePointSetData::new::<NoncharacterCodePoint>().contains(c) {
        return Some("noncharacter");
    }
    None
}

/// Writes a message on standard error, neutralised (`neutralise`): a name,
/// path or argument echoed in it is shown, never acted on by the terminal.
/// A standard error that is gone (the terminal closed) is no panic: the
/// message is dropped.
pub fn report(message: &str) {
    use std::io::Write;
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{}", neutralise(message.trim_end_matches('\n')));
}

/// `text` safe to print: every hazardous character (see `hazard`) shown
/// as its code, e.g. `<U+001B>`, so that it is visible and inert.
pub fn neutralise(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| hazard(c).is_some()) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| match hazard(c) {
                Some(_) => format!("<U+{:04X}>", c as u32),
                None => c.to_string(),
            })
            .collect(),
    )
}

/// `text` with every hazardous character replaced by U+FFFD, the
/// replacement character: for data kept and shown, such as enquiries.
pub fn scrub(text: &mut String) -> usize {
    let hazards = text.chars().filter(|c| hazard(*c).is_some()).count();
    if hazards > 0 {
        *text = text
            .chars()
            .map(|c| if hazard(c).is_some() { '\u{FFFD}' } else { c })
            .collect();
    }
    hazards
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hazards_are_shown_as_codes_and_scrubbed() {
        let hostile = "Jane\u{1b}]0;pwned\u{7} \u{202E}evil\u{200B}";
        assert_eq!(
            neutralise(hostile),
            "Jane<U+001B>]0;pwned<U+0007> <U+202E>evil<U+200B>"
        );
        assert_eq!(neutralise("Café\nline two"), "Café\nline two");
        let mut text = hostile.to_string();
        assert_eq!(scrub(&mut text), 4);
        assert_eq!(text, "Jane\u{FFFD}]0;pwned\u{FFFD} \u{FFFD}evil\u{FFFD}");
    }

    /// Characters the hand-made list of the first round let through, each
    /// found by its Unicode property now; and ordinary text of many
    /// scripts, which must pass untouched.
    #[test]
    fn the_hazard_set_follows_unicode() {
        for (c, what) in [
            ('\u{1b}', "control character"),
            ('\u{85}', "control character"),
            ('\u{9b}', "control character"),
            ('\t', "control character"),
            ('\u{202e}', "bidirectional control"),
            ('\u{2067}', "bidirectional control"),
            ('\u{200e}', "bidirectional control"),
            ('\u{61c}', "bidirectional control"),
            ('\u{2028}', "line or paragraph separator"),
            ('\u{2029}', "line or paragraph separator"),
            ('\u{200b}', "invisible character"),
            ('\u{feff}', "invisible character"),
            ('\u{ad}', "invisible character"),
            ('\u{180e}', "invisible character"),
            ('\u{e0001}', "invisible character"),
            ('\u{e0041}', "invisible character"),
            ('\u{e007f}', "invisible character"),
            ('\u{115f}', "invisible character"),
            ('\u{1160}', "invisible character"),
            ('\u{3164}', "invisible character"),
            ('\u{ffa0}', "invisible character"),
            ('\u{fe0f}', "invisible character"),
            ('\u{e0100}', "invisible character"),
            ('\u{34f}', "invisible character"),
            ('\u{600}', "format character"),
            ('\u{fff9}', "format character"),
            ('\u{fdd0}', "noncharacter"),
            ('\u{10ffff}', "noncharacter"),
        ] {
            assert_eq!(hazard(c), Some(what), "U+{:04X}", c as u32);
        }
        let ordinary =
            "Zoë O'Neill-Smith, Ωμέγα Ltd, Łódź, 東京, مرحبا, שלום, हिन्दी, 👍 £1,695.00 (20%)\n";
        assert_eq!(ordinary.chars().find(|c| hazard(*c).is_some()), None);
    }

    #[test]
    fn the_safe_blocks_hold_no_hazard() {
        for block in SAFE {
            for c in block {
                assert_eq!(look_up(c), None, "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn wraps_at_spaces_and_splits_long_words() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 5), [""]);
    }
}
