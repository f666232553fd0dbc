//! A text of several lines (a call's notes) that edits the way the one-line
//! `TextField` does: the same editing keys, from the same table (so a
//! keymap that rebinds one rebinds both), plus Enter for a new line and
//! ↑ ↓ between the rows as drawn. Home, End, Ctrl-U and Ctrl-K work on the
//! line the cursor is in. Long lines wrap at a space (mid-word when a word
//! is wider than the area); the area scrolls to keep the cursor in view,
//! with "▲ N more" and "▼ N more" on its borders. The text is kept as
//! typed, line breaks included; a paste keeps its lines.

use super::text_field::{self, Do, Edit, Pasted, lines};
use super::{Seen, marked};
use crate::tui::keys::{Binding, Key, KeyGroup, Keymap, bind};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use std::cell::Cell;
use std::ops::Range;
use unicode_width::UnicodeWidthChar;

/// What the area's own keys do, besides the editing keys every text takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Lines {
    NewLine,
    Up,
    Down,
}

const KEYS: &[Binding<(), Lines>] = &[
    bind(
        "text.new_line",
        Lines::NewLine,
        &[Key::Enter],
        "new line",
        "start a new line",
    ),
    bind(
        "text.line_up",
        Lines::Up,
        &[Key::Up],
        "",
        "the row above (from the first row: the field above)",
    ),
    bind(
        "text.line_down",
        Lines::Down,
        &[Key::Down],
        "",
        "the row below (from the last row: the field below)",
    ),
];

/// The area's keys under `title`, for the key bar and the help: its own
/// first (Enter makes a new line here), then the editing keys.
pub fn keys(keymap: &Keymap, title: &str) -> KeyGroup {
    let mut group = keymap.group(title, KEYS, &(), true);
    let mut editing = text_field::keys(keymap, "").keys;
    // One entry per binding, in the table's order (no editing key is a
    // printable one, so none is left out while typing).
    for (help, binding) in editing.iter_mut().zip(text_field::KEYS) {
        help.help = match binding.action {
            Do::Start => "to the start of the line",
            Do::End => "to the end of the line",
            Do::DeleteToStart => "delete to the start of the line",
            Do::DeleteToEnd => "delete to the end of the line",
            _ => help.help,
        };
    }
    group.keys.extend(editing);
    group
}

/// This table's actions by name, for checking a keymap.
pub fn key_names() -> Vec<(&'static str, &'static [Key])> {
    crate::tui::keys::names(KEYS)
}

/// A text of several lines, its cursor, and the most characters it takes
/// (a line break counts as one).
#[derive(Debug)]
pub struct TextArea {
    text: Vec<char>,
    /// A position in `text`, 0 to its length.
    cursor: usize,
    max_chars: usize,
    /// The column ↑ and ↓ aim for, kept while they pass shorter rows.
    goal: Option<usize>,
    /// The first row shown in the last frame.
    first: Cell<usize>,
    /// Where the text was drawn (inside the border) in the last frame.
    seen: Seen,
}

impl TextArea {
    /// An area holding `value` (its line ends made `\n`, cut to
    /// `max_chars`), the cursor at its end.
    pub fn new(value: &str, max_chars: usize) -> TextArea {
        let text: Vec<char> = lines(value).take(max_chars).collect();
        TextArea {
            cursor: text.len(),
            text,
            max_chars,
            goal: None,
            first: Cell::new(0),
            seen: Seen::default(),
        }
    }

    pub fn value(&self) -> String {
        self.text.iter().collect()
    }

    /// Handles a key: a printable character is typed, Enter starts a new
    /// line, an editing key edits. ↑ on the first row and ↓ on the last
    /// are `Unused`: the owner moves on.
    pub fn update(&mut self, key: Key, keymap: &Keymap) -> Edit {
        match key {
            Key::Click { column, row } => return self.click(column, row),
            // The wheel over the text moves the cursor a row (and no
            // further than the text).
            Key::WheelUp { .. } | Key::WheelDown { .. } if self.contains(key) => {
                self.vertical(matches!(key, Key::WheelDown { .. }));
                return Edit::Moved;
            }
            _ => {}
        }
        let lines = keymap.action(KEYS, &(), key, true);
        if !matches!(lines, Some(Lines::Up | Lines::Down)) {
            self.goal = None;
        }
        match key {
            Key::Char(c) if crate::text::hazard(c).is_some() || c == '\t' => return Edit::Unused,
            Key::Char(c) => return self.insert(c),
            _ => {}
        }
        match lines {
            Some(Lines::NewLine) => return self.insert('\n'),
            Some(Lines::Up) => return self.vertical(false),
            Some(Lines::Down) => return self.vertical(true),
            None => {}
        }
        let (start, end) = (self.line_start(), self.line_end());
        let at = self.cursor;
        match keymap.action(text_field::KEYS, &(), key, true) {
            Some(Do::Left) => self.moved(at.saturating_sub(1)),
            Some(Do::Right) => self.moved((at + 1).min(self.text.len())),
            Some(Do::Start) => self.moved(start),
            Some(Do::End) => self.moved(end),
            Some(Do::DeletePrev) => self.delete(at.saturating_sub(1)..at),
            Some(Do::DeleteNext) => self.delete(at..(at + 1).min(self.text.len())),
            Some(Do::DeleteWord) => self.delete(self.word_start()..at),
            Some(Do::DeleteToStart) => self.delete(start..at),
            Some(Do::DeleteToEnd) => self.delete(at..end),
            None => Edit::Unused,
        }
    }

    /// Pastes `text` at the cursor as one edit, its lines kept (a Windows
    /// or old Mac line end as one break, a tab as a space, characters that
    /// could act on a terminal or hide themselves dropped), cut to the
    /// area's limit.
    pub fn paste(&mut self, text: &str) -> Pasted {
        let room = self.max_chars.saturating_sub(self.text.len());
        let mut incoming = lines(text);
        let taken: Vec<char> = incoming.by_ref().take(room).collect();
        let cut = incoming.next().is_some();
        let n = taken.len();
        self.text.splice(self.cursor..self.cursor, taken);
        self.cursor += n;
        self.goal = None;
        Pasted { taken: n, cut }
    }

    fn insert(&mut self, c: char) -> Edit {
        if self.text.len() >= self.max_chars {
            return Edit::Full;
        }
        self.text.insert(self.cursor, c);
        self.cursor += 1;
        Edit::Changed
    }

    fn moved(&mut self, to: usize) -> Edit {
        self.cursor = to;
        Edit::Moved
    }

    fn delete(&mut self, range: Range<usize>) -> Edit {
        if range.is_empty() {
            return Edit::Moved;
        }
        self.cursor = range.start;
        self.text.drain(range);
        Edit::Changed
    }

    fn line_start(&self) -> usize {
        self.text[..self.cursor]
            .iter()
            .rposition(|c| *c == '\n')
            .map_or(0, |p| p + 1)
    }

    fn line_end(&self) -> usize {
        self.text[self.cursor..]
            .iter()
            .position(|c| *c == '\n')
            .map_or(self.text.len(), |p| self.cursor + p)
    }

    /// Where Ctrl-W deletes back to: the spaces before the cursor and the
    /// word before them; at the start of a line, its line break.
    fn word_start(&self) -> usize {
        let mut i = self.cursor;
        while i > 0 && self.text[i - 1] == ' ' {
            i -= 1;
        }
        while i > 0 && !self.text[i - 1].is_whitespace() {
            i -= 1;
        }
        if i == self.cursor {
            self.cursor.saturating_sub(1)
        } else {
            i
        }
    }

    /// The columns the text wraps at, as last drawn (one column is kept
    /// for the cursor at a row's end); before the first frame, none.
    fn width(&self) -> usize {
        match usize::from(self.seen.area().width) {
            0 => usize::MAX,
            w => w.saturating_sub(1).max(1),
        }
    }

    /// ↑ or ↓: to the column aimed for in the row above or below.
    fn vertical(&mut self, down: bool) -> Edit {
        let rows = rows(&self.text, self.width());
        let (row, column) = position(&self.text, &rows, self.cursor);
        let to = if down {
            row + 1
        } else if let Some(r) = row.checked_sub(1) {
            r
        } else {
            return Edit::Unused;
        };
        if to >= rows.len() {
            return Edit::Unused;
        }
        let goal = *self.goal.get_or_insert(column);
        self.cursor = at_column(&self.text, &rows, to, goal);
        Edit::Moved
    }

    /// A click puts the cursor where it lands.
    fn click(&mut self, column: u16, row: u16) -> Edit {
        let area = self.seen.area();
        if !area.contains((column, row).into()) {
            return Edit::Unused;
        }
        let rows = rows(&self.text, self.width());
        let to = (self.first.get() + usize::from(row - area.y)).min(rows.len() - 1);
        self.goal = None;
        self.cursor = at_column(&self.text, &rows, to, usize::from(column - area.x));
        Edit::Moved
    }

    /// Whether a mouse report is over the text as last drawn.
    pub fn contains(&self, key: Key) -> bool {
        key.position()
            .is_some_and(|(column, row)| self.seen.area().contains((column, row).into()))
    }

    /// Draws the text in `block`; `focused`, with its cursor (kept in view)
    /// and a highlighted border, else from its first row. "▲ N more" and
    /// "▼ N more" on the borders count the rows above and below.
    pub fn render(&self, frame: &mut Frame, area: Rect, block: Block, focused: bool, theme: Theme) {
        let inner = block.inner(area);
        self.seen.record(inner, 0, usize::from(inner.height));
        let rows = rows(&self.text, self.width());
        let height = usize::from(inner.height).max(1);
        let (row, _) = position(&self.text, &rows, self.cursor);
        let first = if focused {
            let first = self.first.get().min(row);
            let first = first.min(rows.len().saturating_sub(height));
            first.max((row + 1).saturating_sub(height))
        } else {
            0
        };
        self.first.set(first);
        let below = rows.len().saturating_sub(first + height);
        let block = marked(block, area, first, below, focused, theme);
        let lines: Vec<Line> = rows
            .iter()
            .enumerate()
            .skip(first)
            .take(height)
            .map(|(i, r)| {
                let shown: String = self.text[r.clone()].iter().collect();
                if !(focused && i == row) {
                    return Line::raw(shown);
                }
                let before: String = self.text[r.start..self.cursor].iter().collect();
                let under = match self.text.get(self.cursor) {
                    Some(c) if self.cursor < r.end => *c,
                    _ => ' ',
                };
                let after: String = self.text[(self.cursor + 1).min(r.end)..r.end]
                    .iter()
                    .collect();
                Line::from(vec![
                    Span::raw(before),
                    Span::styled(under.to_string(), theme.selected()),
                    Span::raw(after),
                ])
            })
            .collect();
        frame.render_widget(Paragraph::new(lines).block(block), area);
    }
}

fn char_width(c: &char) -> usize {
    c.width().unwrap_or(0)
}

/// The rows `text` is drawn in, `width` columns wide, as ranges of its
/// positions: a line break ends a row (and is not drawn); a longer line
/// breaks after its last space that fits, or mid-word when none does.
/// There is always a row, if an empty one.
fn rows(text: &[char], width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    let mut rows = Vec::new();
    let mut start = 0;
    loop {
        let end = text[start..]
            .iter()
            .position(|c| *c == '\n')
            .map_or(text.len(), |p| start + p);
        let mut s = start;
        loop {
            let (mut used, mut i, mut space) = (0, s, None);
            while i < end && used + char_width(&text[i]) <= width {
                used += char_width(&text[i]);
                if text[i] == ' ' {
                    space = Some(i);
                }
                i += 1;
            }
            if i == end {
                rows.push(s..end);
                break;
            }
            // A space where the row is full trails it unseen (in the
            // cursor's column); else the row ends after its last space.
            let at = match space {
                _ if text[i] == ' ' => i + 1,
                Some(sp) => sp + 1,
                None => i.max(s + 1),
            };
            rows.push(s..at);
            s = at;
        }
        if end == text.len() {
            return rows;
        }
        start = end + 1;
    }
}

/// The row and column of position `at`. At a row's soft break the
/// position begins the next row.
fn position(text: &[char], rows: &[Range<usize>], at: usize) -> (usize, usize) {
    let row = rows.iter().rposition(|r| r.start <= at).unwrap_or(0);
    let column = text[rows[row].start..at].iter().map(char_width).sum();
    (row, column)
}

/// The position in `row` nearest `column` without passing it (and
/// without passing the row's end: on a row broken softly, its last
/// character).
fn at_column(text: &[char], rows: &[Range<usize>], row: usize, column: usize) -> usize {
    let r = &rows[row];
    let soft = rows.get(row + 1).is_some_and(|next| next.start == r.end);
    let last = if soft { r.end - 1 } else { r.end };
    let mut used = 0;
    let mut at = r.start;
    while at < last && used + char_width(&text[at]) <= column {
        used += char_width(&text[at]);
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(area: &mut TextArea, keys: &[Key]) {
        let map = Keymap::default();
        for k in keys {
            area.update(*k, &map);
        }
    }

    fn chars(s: &str) -> Vec<Key> {
        s.chars()
            .map(|c| if c == '\n' { Key::Enter } else { Key::Char(c) })
            .collect()
    }

    fn shown(text: &str, width: usize) -> Vec<String> {
        let t: Vec<char> = text.chars().collect();
        rows(&t, width)
            .into_iter()
            .map(|r| t[r].iter().collect())
            .collect()
    }

    #[test]
    fn rows_wrap_at_spaces_and_keep_line_breaks() {
        assert_eq!(shown("", 10), [""]);
        assert_eq!(shown("one\n\ntwo\n", 10), ["one", "", "two", ""]);
        assert_eq!(
            shown("Wants the diploma by June", 10),
            ["Wants the ", "diploma by ", "June"]
        );
        // A word longer than the row breaks mid-word.
        assert_eq!(shown("abcdefghijkl", 5), ["abcde", "fghij", "kl"]);
        // Wide characters count their two columns.
        assert_eq!(shown("日本語です", 4), ["日本", "語で", "す"]);
    }

    #[test]
    fn enter_makes_lines_and_the_editing_keys_work_on_the_line() {
        let mut a = TextArea::new("", 100);
        typed(&mut a, &chars("Called Monday\nwants L5"));
        assert_eq!(a.value(), "Called Monday\nwants L5");
        // Home and Ctrl-U work on the cursor's line only.
        typed(
            &mut a,
            &[Key::Home, Key::Char('>'), Key::End, Key::Ctrl('u')],
        );
        assert_eq!(a.value(), "Called Monday\n");
        // Backspace at a line's start joins it to the line above.
        typed(&mut a, &chars("x"));
        typed(&mut a, &[Key::Home, Key::Backspace]);
        assert_eq!(a.value(), "Called Mondayx");
        typed(&mut a, &[Key::End, Key::Ctrl('w')]);
        assert_eq!(a.value(), "Called ");
        typed(&mut a, &[Key::Home, Key::Ctrl('k')]);
        assert_eq!(a.value(), "");
        // Delete takes the line break under the cursor.
        let mut b = TextArea::new("a\nb", 100);
        typed(&mut b, &[Key::Up, Key::End, Key::Delete]);
        assert_eq!(b.value(), "ab");
    }

    #[test]
    fn up_and_down_go_between_rows_and_off_the_ends() {
        let map = Keymap::default();
        let mut a = TextArea::new("first line\nsecond\nthird line", 100);
        // The cursor at the end of "third line" (column 10).
        assert_eq!(a.update(Key::Up, &map), Edit::Moved);
        assert_eq!(a.cursor, "first line\nsecond".len(), "clamped to the row");
        assert_eq!(a.update(Key::Up, &map), Edit::Moved);
        assert_eq!(a.cursor, "first line".len(), "the column aimed for is kept");
        assert_eq!(a.update(Key::Up, &map), Edit::Unused, "off the top");
        a.update(Key::Down, &map);
        a.update(Key::Down, &map);
        assert_eq!(a.update(Key::Down, &map), Edit::Unused, "off the bottom");
    }

    #[test]
    fn limits_and_hazards_hold_for_typing_and_pasting() {
        let map = Keymap::default();
        let mut a = TextArea::new("", 8);
        assert_eq!(a.update(Key::Char('\u{1b}'), &map), Edit::Unused);
        assert_eq!(a.update(Key::Char('\u{202e}'), &map), Edit::Unused);
        assert_eq!(
            a.paste("one\r\ntwo\rthree\t\u{1b}[31m"),
            Pasted {
                taken: 8,
                cut: true
            }
        );
        assert_eq!(a.value(), "one\ntwo\n");
        assert_eq!(a.update(Key::Char('x'), &map), Edit::Full);
        assert_eq!(a.update(Key::Enter, &map), Edit::Full);
        // Loaded text is kept to the limit, its line ends made one kind.
        assert_eq!(TextArea::new("a\r\nb\u{7}c", 100).value(), "a\nbc");
    }

    #[test]
    fn the_cursor_is_kept_in_view_and_the_rest_is_counted() {
        use ratatui::{Terminal, backend::TestBackend};
        let text: String = (1..=12).map(|n| format!("line {n}\n")).collect();
        let a = TextArea::new(text.trim_end(), 1_000);
        let mut terminal = Terminal::new(TestBackend::new(30, 6)).unwrap();
        let draw = |t: &mut Terminal<TestBackend>, a: &TextArea, focused: bool| {
            t.draw(|f| a.render(f, f.area(), Block::bordered(), focused, Theme::Monochrome))
                .unwrap();
            let b = t.backend().buffer().clone();
            (0..6)
                .map(|y| (0..30).map(|x| b[(x, y)].symbol()).collect::<String>())
                .collect::<Vec<_>>()
        };
        let screen = draw(&mut terminal, &a, true);
        assert!(screen[0].contains("▲ 8 more"), "{screen:#?}");
        assert!(screen[4].starts_with("│line 12"), "{screen:#?}");
        // A click lands where it points: "line 9", its fourth column.
        let mut a = a;
        let map = Keymap::default();
        assert_eq!(
            a.update(Key::Click { column: 4, row: 1 }, &map),
            Edit::Moved
        );
        a.update(Key::Char('X'), &map);
        assert!(a.value().contains("\nlinXe 9\n"), "{}", a.value());
        let screen = draw(&mut terminal, &a, false);
        assert!(screen[1].starts_with("│line 1 "), "{screen:#?}");
        assert!(screen[5].contains("▼ 8 more"), "{screen:#?}");
    }
}
