//! The widgets every screen builds on, so that the same thing works the
//! same way everywhere: a text field (`TextField`) and a text of several
//! lines (`TextArea`) that edit alike, a pane that scrolls
//! with "more" markers (`ScrollPane`), and a list with a cursor, markers
//! and type-to-filter (`FilterList`).
//!
//! A widget's state belongs to its screen; the screen gives each key to
//! its focused widget in `update` and draws the widget in `view`. What a
//! widget needs from the last frame (its size, for a page or a click) it
//! notes while drawing (`Seen`), so that update and view never work out the
//! same layout twice.

pub mod list;
pub mod scroll;
pub mod text_area;
pub mod text_field;

pub use list::{FilterList, ListEvent, Look};
pub use scroll::ScrollPane;
pub use text_area::TextArea;
pub use text_field::{Edit, TextField};

use super::keys::Key;
use super::theme::Theme;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;
use std::cell::Cell;

/// What a widget showed in the last frame: where it was, how far it can
/// scroll, and a page's length. Before the first frame nothing is known:
/// no click lands, and scrolling is held only by the next frame.
#[derive(Debug)]
struct Seen(Cell<(Rect, usize, usize)>);

impl Default for Seen {
    fn default() -> Seen {
        Seen(Cell::new((Rect::ZERO, usize::MAX, 10)))
    }
}

impl Seen {
    fn record(&self, area: Rect, max: usize, page: usize) {
        self.0.set((area, max, page));
    }

    fn area(&self) -> Rect {
        self.0.get().0
    }

    fn max(&self) -> usize {
        self.0.get().1
    }

    fn page(&self) -> usize {
        self.0.get().2.max(1)
    }
}

/// `block` with "▲ N more" on its top border and "▼ N more" on its bottom
/// border for what is above and below (where it has those borders), and a
/// highlighted border when focused.
fn marked<'a>(
    block: Block<'a>,
    area: Rect,
    above: usize,
    below: usize,
    focused: bool,
    theme: Theme,
) -> Block<'a> {
    let inner = block.inner(area);
    let mut block = if focused {
        block.border_style(theme.key())
    } else {
        block
    };
    if above > 0 && inner.y > area.y {
        block = block.title_top(
            Line::from(Span::styled(format!(" ▲ {above} more "), theme.key())).right_aligned(),
        );
    }
    if below > 0 && inner.bottom() < area.bottom() {
        block = block.title_bottom(
            Line::from(Span::styled(format!(" ▼ {below} more "), theme.key())).right_aligned(),
        );
    }
    block
}

/// A widget as last drawn, for the mouse.
pub trait Drawn {
    /// Whether a mouse report is over the widget.
    fn contains(&self, key: Key) -> bool;
}

impl Drawn for ScrollPane {
    fn contains(&self, key: Key) -> bool {
        ScrollPane::contains(self, key)
    }
}

impl Drawn for FilterList {
    fn contains(&self, key: Key) -> bool {
        FilterList::contains(self, key)
    }
}

/// Which of a screen's panes a key is for: the one under the mouse for a
/// mouse report (a click also moves the focus there), else the focused
/// one.
pub fn target<P: Copy>(key: Key, focus: &mut P, panes: &[(P, &dyn Drawn)]) -> P {
    match panes.iter().find(|(_, w)| w.contains(key)) {
        Some((pane, _)) => {
            if let Key::Click { .. } = key {
                *focus = *pane;
            }
            *pane
        }
        None => *focus,
    }
}

/// `text` cut to `width` characters, with "…" where it was cut.
pub fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        text.chars()
            .take(width.saturating_sub(1))
            .chain(std::iter::once('…'))
            .collect()
    }
}
