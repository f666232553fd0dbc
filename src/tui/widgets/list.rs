//! A list with a cursor that keeps itself in view, "more" markers for the
//! rows above and below, clicks and the wheel, and (when filterable)
//! type-to-filter: `f` opens a filter field on the list's bottom border,
//! and every word typed must appear in a row's text for the row to stay.
//! The rows themselves are the owner's: the list holds positions into
//! them, and the owner draws a row when asked.

use super::text_field::{self, Edit, TextField};
use super::{Seen, marked};
use crate::tui::keys::{Binding, Key, KeyGroup, KeyHelp, Keymap, MOTION, Motion, bind};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use std::cell::Cell;

/// What a key did to the list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListEvent {
    /// Not the list's key.
    Unused,
    /// The cursor moved (or a click chose a row).
    Moved,
    /// Enter, or a click on the row under the cursor: open it.
    Open,
    /// The filter changed (or opened, or closed).
    Filtered,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Do {
    Filter,
}

/// The list's own key, besides moving: a filter, for a list longer than
/// the rows it was last drawn in (or already filtered).
const KEYS: &[Binding<FilterList, Do>] = &[bind(
    "list.filter",
    Do::Filter,
    &[Key::Char('f')],
    "filter",
    "filter the list: type words a row must contain",
)
.when(|l| {
    l.filterable
        && !l.filtering
        && (l.haystacks.len() > l.seen.page() || !l.filter.value().is_empty())
})];

/// The most characters a filter takes.
const FILTER_CHARS: usize = 60;

/// How a list is drawn: whether it has the focus (its border is
/// highlighted), in the app's styles.
#[derive(Clone, Copy, Debug)]
pub struct Look {
    pub focused: bool,
    pub theme: Theme,
}

#[derive(Debug)]
pub struct FilterList {
    /// Each row's text for filtering, lower case.
    haystacks: Vec<String>,
    filterable: bool,
    filter: TextField,
    /// The filter field has focus: printable keys are typed into it.
    filtering: bool,
    /// The rows that pass the filter, in order.
    shown: Vec<usize>,
    /// Position in `shown`.
    cursor: usize,
    /// The rows' area in the last frame, and its first row.
    seen: Seen,
    first: Cell<usize>,
}

impl FilterList {
    /// A list of `len` rows, without a filter.
    pub fn new(len: usize) -> FilterList {
        FilterList {
            haystacks: vec![String::new(); len],
            filterable: false,
            filter: TextField::new("", FILTER_CHARS),
            filtering: false,
            shown: (0..len).collect(),
            cursor: 0,
            seen: Seen::default(),
            first: Cell::new(0),
        }
    }

    /// A list whose rows can be filtered by typing; `haystacks` holds each
    /// row's text (its id, title, ...).
    pub fn filterable(haystacks: Vec<String>) -> FilterList {
        let mut list = FilterList::new(haystacks.len());
        list.filterable = true;
        list.haystacks = haystacks.into_iter().map(|h| h.to_lowercase()).collect();
        list
    }

    /// The rows changed (`len` of them, or these haystacks): the filter is
    /// applied again and the cursor stays on its row where it can.
    pub fn set_rows(&mut self, haystacks: Vec<String>) {
        let was = self.selected();
        self.haystacks = haystacks.into_iter().map(|h| h.to_lowercase()).collect();
        self.refilter(was);
    }

    /// The row under the cursor (`None` when nothing is shown).
    pub fn selected(&self) -> Option<usize> {
        self.shown.get(self.cursor).copied()
    }

    /// Puts the cursor on `row`, if it is shown.
    pub fn select(&mut self, row: usize) {
        if let Some(at) = self.shown.iter().position(|r| *r == row) {
            self.cursor = at;
        }
    }

    /// The rows shown, in order.
    pub fn shown(&self) -> &[usize] {
        &self.shown
    }

    /// The filter field has focus.
    pub fn typing(&self) -> bool {
        self.filtering
    }

    pub fn filter(&self) -> &str {
        self.filter.value()
    }

    /// Sets the filter (a screen whose search box is the list's filter).
    pub fn set_filter(&mut self, filter: &str) {
        self.filter.set(filter);
        let was = self.selected();
        self.refilter(was);
    }

    fn refilter(&mut self, keep: Option<usize>) {
        let words: Vec<String> = self
            .filter
            .value()
            .split_whitespace()
            .map(str::to_lowercase)
            .collect();
        self.shown = (0..self.haystacks.len())
            .filter(|&i| words.iter().all(|w| self.haystacks[i].contains(w.as_str())))
            .collect();
        self.cursor = keep
            .and_then(|row| self.shown.iter().position(|r| *r == row))
            .unwrap_or(0);
    }

    /// Handles a key: moving, a click or the wheel, `f` to filter, and
    /// typing into the filter while it is open (Enter then opens the row).
    pub fn update(&mut self, key: Key, keymap: &Keymap) -> ListEvent {
        if let Key::Click { column, row } = key {
            return self.click(column, row);
        }
        if key.position().is_some() && !self.contains(key) {
            return ListEvent::Unused;
        }
        if let Some(m) = Motion::of(key, keymap, self.filtering) {
            self.cursor = m.apply(self.cursor, self.shown.len(), self.seen.page());
            return ListEvent::Moved;
        }
        if self.filtering {
            if key == Key::Enter {
                self.filtering = false;
                return ListEvent::Open;
            }
            return match self.filter.update(key, keymap) {
                Edit::Changed => {
                    let was = self.selected();
                    self.refilter(was);
                    ListEvent::Filtered
                }
                Edit::Moved | Edit::Full => ListEvent::Filtered,
                Edit::Unused => ListEvent::Unused,
            };
        }
        match keymap.action(KEYS, self, key, false) {
            Some(Do::Filter) => {
                self.filtering = true;
                ListEvent::Filtered
            }
            None => ListEvent::Unused,
        }
    }

    /// Esc: closes the filter and shows every row again; `false` when
    /// there was no filter to clear.
    pub fn back(&mut self) -> bool {
        if !self.filtering && self.filter.value().is_empty() {
            return false;
        }
        self.filtering = false;
        self.set_filter("");
        true
    }

    /// Pastes into the open filter; `false` when it is not open.
    pub fn paste(&mut self, text: &str) -> bool {
        if !self.filtering {
            return false;
        }
        self.filter.paste(text);
        let was = self.selected();
        self.refilter(was);
        true
    }

    /// Whether a mouse report is over the rows as last drawn.
    pub fn contains(&self, key: Key) -> bool {
        key.position()
            .is_some_and(|(column, row)| self.seen.area().contains((column, row).into()))
    }

    fn click(&mut self, column: u16, row: u16) -> ListEvent {
        let area = self.seen.area();
        if !area.contains((column, row).into()) {
            return ListEvent::Unused;
        }
        let at = self.first.get() + usize::from(row - area.y);
        if at >= self.shown.len() {
            return ListEvent::Moved;
        }
        if at == self.cursor {
            ListEvent::Open
        } else {
            self.cursor = at;
            ListEvent::Moved
        }
    }

    /// Draws the list in `block`: `header` (if any) on its first row, then
    /// the rows in view, each drawn by `row(index, under the cursor)`.
    pub fn render<'a>(
        &self,
        frame: &mut Frame,
        area: Rect,
        block: Block<'a>,
        header: Option<Line<'a>>,
        look: Look,
        row: impl Fn(usize, bool) -> Line<'a>,
    ) {
        let Look { focused, theme } = look;
        let inner = block.inner(area);
        let head = u16::from(header.is_some()).min(inner.height);
        let rows = Rect {
            y: inner.y + head,
            height: inner.height - head,
            ..inner
        };
        let height = usize::from(rows.height);
        let first = first_visible(self.cursor, self.shown.len(), height);
        let below = self.shown.len().saturating_sub(first + height);
        self.first.set(first);
        self.seen.record(rows, 0, height);
        let mut block = marked(block, area, first, below, focused, theme);
        if self.filtering || !self.filter.value().is_empty() {
            let width = usize::from(area.width.saturating_sub(24)).clamp(1, 40);
            let mut spans = vec![Span::styled(" filter: ", theme.key())];
            spans.extend(self.filter.spans(width, self.filtering, theme));
            spans.push(Span::raw(" "));
            block = block.title_bottom(Line::from(spans));
        }
        let mut lines: Vec<Line> = header.into_iter().collect();
        lines.extend(
            self.shown
                .iter()
                .enumerate()
                .skip(first)
                .take(height)
                .map(|(at, &i)| row(i, at == self.cursor)),
        );
        if self.shown.is_empty() && !self.haystacks.is_empty() {
            lines.push(Line::styled(
                format!(
                    "Nothing matches \"{}\"; Esc shows every row again.",
                    self.filter.value()
                ),
                theme.quiet(),
            ));
        }
        frame.render_widget(Paragraph::new(lines).block(block), area);
    }

    /// The list's keys, for the key bar and the help: moving, and the
    /// filter's (the editing keys while it is open).
    pub fn keys(&self, keymap: &Keymap, title: &str) -> KeyGroup {
        let mut keys: Vec<KeyHelp> = keymap.help(MOTION, &(), self.filtering);
        for k in keys.iter_mut().take(2) {
            k.bar = "move";
        }
        keys.extend(keymap.help(KEYS, self, false));
        if self.filtering {
            keys.push(KeyHelp {
                keys: vec![Key::Enter],
                bar: "done",
                help: "close the filter, keeping it, and open the row",
            });
            keys.extend(text_field::keys(keymap, "").keys);
        }
        KeyGroup {
            title: title.to_string(),
            keys,
        }
    }
}

/// First visible row of a list of `len` rows in `height` rows, keeping
/// `selected` in view.
pub fn first_visible(selected: usize, len: usize, height: usize) -> usize {
    if height == 0 || len <= height || selected < height {
        0
    } else {
        (selected + 1 - height).min(len - height)
    }
}

/// This table's actions by name, for checking a keymap.
pub fn key_names() -> Vec<(&'static str, &'static [Key])> {
    crate::tui::keys::names(KEYS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_keep_the_selection_visible() {
        assert_eq!(first_visible(0, 100, 10), 0);
        assert_eq!(first_visible(9, 100, 10), 0);
        assert_eq!(first_visible(10, 100, 10), 1);
        assert_eq!(first_visible(99, 100, 10), 90);
        assert_eq!(first_visible(5, 3, 10), 0);
        assert_eq!(first_visible(5, 10, 0), 0);
    }

    #[test]
    fn typing_filters_by_every_word() {
        let map = Keymap::default();
        let mut rows: Vec<String> = vec![
            "l3-award-coaching ILM Level 3 Award in Coaching".into(),
            "l5-cert-cm ILM Level 5 Certificate in Coaching and Mentoring".into(),
            "l5-dip-cm ILM Level 5 Diploma in Coaching and Mentoring".into(),
        ];
        // Longer than the rows shown (ten, before the first frame).
        rows.extend(
            ("abcdefghij")
                .chars()
                .map(|c| format!("old-{c} ILM Award in Mentoring")),
        );
        let mut list = FilterList::filterable(rows.clone());
        list.update(Key::Down, &map);
        assert_eq!(list.selected(), Some(1));
        // j moves; after f it is a letter of the filter.
        assert_eq!(list.update(Key::Char('f'), &map), ListEvent::Filtered);
        assert!(list.typing());
        for c in "level 5 DIP".chars() {
            list.update(Key::Char(c), &map);
        }
        assert_eq!(list.shown(), [2]);
        assert_eq!(list.selected(), Some(2));
        list.update(Key::Ctrl('w'), &map);
        assert_eq!(list.shown(), [1, 2], "the filter edits like any field");
        assert_eq!(list.update(Key::Enter, &map), ListEvent::Open);
        assert!(!list.typing() && list.filter() == "level 5 ");
        assert!(list.back());
        assert_eq!(list.shown().len(), 13);
        assert!(!list.back(), "nothing more to clear");
        // A list that is not filterable takes no f, nor one that shows
        // all its rows.
        let mut plain = FilterList::new(13);
        assert_eq!(plain.update(Key::Char('f'), &map), ListEvent::Unused);
        let mut short = FilterList::filterable(rows[..3].to_vec());
        assert_eq!(short.update(Key::Char('f'), &map), ListEvent::Unused);
    }
}
