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
/// terminal (escape sequences and the like), reorders text around it
/// (bidirectional overrides: "Trojan Source"), or cannot be seen.
pub fn hazard(c: char) -> Option<&'static str> {
    match c {
        '\n' => None,
        c if c.is_control() => Some("control character"),
        '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{061C}' => Some("bidirectional control"),
        '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}' | '\u{00AD}' => {
            Some("invisible character")
        }
        _ => None,
    }
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

    #[test]
    fn wraps_at_spaces_and_splits_long_words() {
        assert_eq!(wrap("one two three", 7), ["one two", "three"]);
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 5), [""]);
    }
}
