//! A one-line text field that edits the same way everywhere it is used (a
//! search box, a filter, a wizard answer, a caller's details): ← → move,
//! Home End (or Ctrl-A Ctrl-E) jump, Backspace and Delete delete a
//! character, Ctrl-W (or Alt-Backspace) a word, Ctrl-U to the start and
//! Ctrl-K to the end; a paste goes in as one edit, cut to the field's limit.

use crate::tui::keys::{Binding, Key, KeyGroup, Keymap, bind};
use crate::tui::theme::Theme;
use ratatui::text::Span;
use tui_input::{Input, InputRequest};
use unicode_width::UnicodeWidthChar;

/// What a key did to the field.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    /// The text changed.
    Changed,
    /// Only the cursor moved.
    Moved,
    /// A character was refused: the field holds its most already.
    Full,
    /// Not an editing key (or a character the field does not take).
    Unused,
}

/// What a paste did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pasted {
    /// Characters that went in.
    pub taken: usize,
    /// Some of the paste did not fit.
    pub cut: bool,
}

/// An editing action, shared with the multi-line `TextArea` so that both
/// answer to the same (rebindable) keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Do {
    Left,
    Right,
    Start,
    End,
    DeletePrev,
    DeleteNext,
    DeleteWord,
    DeleteToStart,
    DeleteToEnd,
}

/// The editing keys, for every text field and text area.
pub(super) const KEYS: &[Binding<(), Do>] = &[
    bind(
        "text.left",
        Do::Left,
        &[Key::Left],
        "",
        "move the cursor left",
    ),
    bind(
        "text.right",
        Do::Right,
        &[Key::Right],
        "",
        "move the cursor right",
    ),
    bind(
        "text.start",
        Do::Start,
        &[Key::Home, Key::Ctrl('a')],
        "",
        "to the start",
    ),
    bind(
        "text.end",
        Do::End,
        &[Key::End, Key::Ctrl('e')],
        "",
        "to the end",
    ),
    bind(
        "text.delete_back",
        Do::DeletePrev,
        &[Key::Backspace],
        "",
        "delete the character before the cursor",
    ),
    bind(
        "text.delete",
        Do::DeleteNext,
        &[Key::Delete],
        "",
        "delete the character under the cursor",
    ),
    bind(
        "text.delete_word",
        Do::DeleteWord,
        &[Key::Ctrl('w'), Key::AltBackspace],
        "",
        "delete the word before the cursor",
    ),
    bind(
        "text.delete_to_start",
        Do::DeleteToStart,
        &[Key::Ctrl('u')],
        "",
        "delete to the start",
    ),
    bind(
        "text.delete_to_end",
        Do::DeleteToEnd,
        &[Key::Ctrl('k')],
        "",
        "delete to the end",
    ),
];

/// The editing keys under `title`, for the key bar and the help.
pub fn keys(keymap: &Keymap, title: &str) -> KeyGroup {
    keymap.group(title, KEYS, &(), true)
}

/// A field's text and cursor, with the most characters it takes and which
/// characters it takes at all.
#[derive(Clone, Debug)]
pub struct TextField {
    input: Input,
    max_chars: usize,
    accepts: fn(char) -> bool,
}

fn any(_: char) -> bool {
    true
}

impl TextField {
    /// A field holding `value` (cut to `max_chars`), the cursor at its end.
    pub fn new(value: &str, max_chars: usize) -> TextField {
        TextField {
            input: Input::new(value.chars().take(max_chars).collect()),
            max_chars,
            accepts: any,
        }
    }

    /// The same field, taking only the characters `accepts` lets in (typed
    /// or pasted).
    pub fn accepting(self, accepts: fn(char) -> bool) -> TextField {
        TextField { accepts, ..self }
    }

    pub fn value(&self) -> &str {
        self.input.value()
    }

    pub fn max_chars(&self) -> usize {
        self.max_chars
    }

    /// Replaces the text, the cursor at its end.
    pub fn set(&mut self, value: &str) {
        self.input = Input::new(value.chars().take(self.max_chars).collect());
    }

    fn len(&self) -> usize {
        self.input.value().chars().count()
    }

    /// Handles a key: a printable character is typed, an editing key edits.
    pub fn update(&mut self, key: Key, keymap: &Keymap) -> Edit {
        let request = match key {
            Key::Char(c) if !(self.accepts)(c) || crate::text::hazard(c).is_some() => {
                return Edit::Unused;
            }
            Key::Char(_) if self.len() >= self.max_chars => return Edit::Full,
            Key::Char(c) => InputRequest::InsertChar(c),
            _ => match keymap.action(KEYS, &(), key, true) {
                Some(Do::Left) => InputRequest::GoToPrevChar,
                Some(Do::Right) => InputRequest::GoToNextChar,
                Some(Do::Start) => InputRequest::GoToStart,
                Some(Do::End) => InputRequest::GoToEnd,
                Some(Do::DeletePrev) => InputRequest::DeletePrevChar,
                Some(Do::DeleteNext) => InputRequest::DeleteNextChar,
                Some(Do::DeleteWord) => InputRequest::DeletePrevWord,
                Some(Do::DeleteToStart) => InputRequest::DeleteFromStart,
                Some(Do::DeleteToEnd) => InputRequest::DeleteTillEnd,
                None => return Edit::Unused,
            },
        };
        match self.input.handle(request) {
            Some(c) if c.value => Edit::Changed,
            // An editing key at the end of the text still belongs here.
            _ => Edit::Moved,
        }
    }

    /// Pastes `text` at the cursor as one edit: line breaks and tabs become
    /// spaces, characters that could act on a terminal or hide themselves
    /// are dropped, and what does not fit is cut off.
    pub fn paste(&mut self, text: &str) -> Pasted {
        let value: Vec<char> = self.input.value().chars().collect();
        let room = self.max_chars.saturating_sub(value.len());
        let accepts = self.accepts;
        let mut incoming = one_line(text).filter(|c| accepts(*c));
        let taken: Vec<char> = incoming.by_ref().take(room).collect();
        let cut = incoming.next().is_some();
        if !taken.is_empty() {
            let at = self.input.cursor().min(value.len());
            let joined: String = value[..at]
                .iter()
                .chain(&taken)
                .chain(&value[at..])
                .collect();
            self.input = Input::new(joined).with_cursor(at + taken.len());
        }
        Pasted {
            taken: taken.len(),
            cut,
        }
    }

    /// The part of the text that fits `width` columns, keeping the cursor
    /// in view; with `focused`, the cursor is drawn as a reversed cell.
    pub fn spans(&self, width: usize, focused: bool, theme: Theme) -> Vec<Span<'static>> {
        let chars: Vec<char> = self.input.value().chars().collect();
        let cursor = self.input.cursor().min(chars.len());
        let w = |c: &char| c.width().unwrap_or(0);
        // The first character shown: as early as still shows the cursor
        // (and one cell for it).
        let mut first = 0;
        let mut before: usize = chars[..cursor].iter().map(w).sum();
        while first < cursor && before + 1 > width {
            before -= w(&chars[first]);
            first += 1;
        }
        let mut room = width;
        let mut shown = String::new();
        let mut at = String::new();
        let mut after = String::new();
        for (i, c) in chars.iter().enumerate().skip(first) {
            if w(c) > room {
                break;
            }
            room -= w(c);
            match i.cmp(&cursor) {
                std::cmp::Ordering::Less => shown.push(*c),
                std::cmp::Ordering::Equal if focused => at.push(*c),
                _ => after.push(*c),
            }
        }
        if !focused {
            shown.push_str(&after);
            return vec![Span::raw(shown)];
        }
        if at.is_empty() {
            at.push(' ');
        }
        vec![
            Span::raw(shown),
            Span::styled(at, theme.selected()),
            Span::raw(after),
        ]
    }
}

/// Pasted text as it goes into a one-line field: as into a text area
/// (`lines`), its line breaks then spaces.
pub fn one_line(text: &str) -> impl Iterator<Item = char> + '_ {
    lines(text).map(|c| if c == '\n' { ' ' } else { c })
}

/// Text as it goes into a text area: `\r\n` and a lone `\r` as `\n`, a
/// tab as a space, characters that could act on a terminal or hide
/// themselves dropped.
pub(super) fn lines(text: &str) -> impl Iterator<Item = char> + '_ {
    let mut after_cr = false;
    text.chars().filter_map(move |c| {
        let was_cr = std::mem::replace(&mut after_cr, c == '\r');
        match c {
            '\n' if was_cr => None,
            '\r' | '\n' => Some('\n'),
            '\t' => Some(' '),
            c if crate::text::hazard(c).is_some() => None,
            c => Some(c),
        }
    })
}

/// This table's actions by name, for checking a keymap.
pub fn key_names() -> Vec<(&'static str, &'static [Key])> {
    crate::tui::keys::names(KEYS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(field: &mut TextField, keys: &[Key]) {
        let map = Keymap::default();
        for k in keys {
            field.update(*k, &map);
        }
    }

    fn text(spans: &[Span]) -> String {
        spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn edits_as_people_expect() {
        let mut f = TextField::new("", 50);
        for c in "Jane Smyth".chars() {
            typed(&mut f, &[Key::Char(c)]);
        }
        typed(&mut f, &[Key::Ctrl('w')]);
        assert_eq!(f.value(), "Jane ");
        typed(
            &mut f,
            &[Key::Home, Key::Char('>'), Key::End, Key::Char('S')],
        );
        assert_eq!(f.value(), ">Jane S");
        typed(&mut f, &[Key::Left, Key::Left, Key::Ctrl('u')]);
        assert_eq!(f.value(), " S");
        typed(&mut f, &[Key::Ctrl('k')]);
        assert_eq!(f.value(), "");
        typed(&mut f, &[Key::Char('a'), Key::AltBackspace]);
        assert_eq!(f.value(), "");
    }

    #[test]
    fn limits_and_filters_hold_for_typing_and_pasting() {
        let mut f = TextField::new("", 5).accepting(|c| c.is_ascii_digit());
        let map = Keymap::default();
        assert_eq!(f.update(Key::Char('x'), &map), Edit::Unused);
        assert_eq!(f.update(Key::Char('\u{1b}'), &map), Edit::Unused);
        assert_eq!(
            f.paste("12\n3x45678"),
            Pasted {
                taken: 5,
                cut: true
            }
        );
        assert_eq!(f.value(), "12345");
        assert_eq!(f.update(Key::Char('9'), &map), Edit::Full);
        let mut notes = TextField::new("ab", 100);
        typed(&mut notes, &[Key::Left]);
        notes.paste("one\r\ntwo\tthree\u{202e}");
        assert_eq!(notes.value(), "aone two threeb");
    }

    #[test]
    fn a_long_text_shows_the_part_around_the_cursor() {
        let f = TextField::new("abcdefghij", 20);
        let theme = Theme::Monochrome;
        // The cursor at the end: the tail and a cell for the cursor.
        assert_eq!(text(&f.spans(5, true, theme)), "ghij ");
        assert_eq!(text(&f.spans(20, false, theme)), "abcdefghij");
        let mut g = f.clone();
        typed(&mut g, &[Key::Home]);
        assert_eq!(text(&g.spans(5, true, theme)), "abcde");
        // Wide characters count their two columns.
        let wide = TextField::new("日本語", 20);
        assert_eq!(text(&wide.spans(5, true, theme)), "本語 ");
    }
}
