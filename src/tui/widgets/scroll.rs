//! A pane of text that scrolls when it does not fit, and says so: "▲ 3
//! more" on its top border when lines are above, "▼ 12 more" on its bottom
//! border when lines are below. Every pane whose text can outgrow it is one
//! of these, so that no figure is ever cut off without a sign and a way to
//! reach it.

use super::Seen;
use crate::tui::keys::{Key, KeyGroup, KeyHelp, Keymap, MOTION, Motion};
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, Paragraph, Wrap};

/// How far a pane is scrolled. The text itself is the owner's, given to
/// `render` each frame.
#[derive(Debug, Default)]
pub struct ScrollPane {
    offset: usize,
    /// What the last frame showed: how far the text can scroll, a page and
    /// where the pane was (for the wheel).
    seen: Seen,
    /// The text's wrapped height at a width, with the width and the text's
    /// hash: wrapping every line each frame to place the markers cost
    /// milliseconds on a page of thousands of lines.
    wrapped: std::cell::Cell<Option<(u16, u64, usize)>>,
}

impl ScrollPane {
    /// Back to the top (the pane shows something else now).
    pub fn reset(&mut self) {
        self.offset = 0;
    }

    /// Scrolls for a movement key, Space (a page) or the wheel over the
    /// pane; returns whether the key was one of these.
    pub fn update(&mut self, key: Key, keymap: &Keymap, typing: bool) -> bool {
        if let Some((column, row)) = key.position() {
            let over = self.seen.area().contains((column, row).into());
            if !over || matches!(key, Key::Click { .. }) {
                return false;
            }
        }
        let motion = match key {
            Key::Char(' ') if !typing => Motion::PageDown,
            _ => match Motion::of(key, keymap, typing) {
                Some(m) => m,
                None => return false,
            },
        };
        let max = self.seen.max();
        let offset = self.offset.min(max);
        self.offset = motion.apply(offset, max.saturating_add(1), self.seen.page());
        true
    }

    /// Whether a mouse report is over the pane as last drawn.
    pub fn contains(&self, key: Key) -> bool {
        key.position()
            .is_some_and(|(column, row)| self.seen.area().contains((column, row).into()))
    }

    /// Draws `text` in `block`, wrapped, from the scrolled line, with the
    /// markers for what is above and below; a focused pane's border is
    /// highlighted.
    pub fn render(
        &self,
        frame: &mut Frame,
        area: Rect,
        block: Block,
        text: Vec<Line>,
        focused: bool,
        theme: Theme,
    ) {
        let inner = block.inner(area);
        let total = self.wrapped_height(&text, inner.width);
        let paragraph = Paragraph::new(text).wrap(Wrap { trim: false });
        let height = usize::from(inner.height);
        let max = total.saturating_sub(height);
        let offset = self.offset.min(max);
        self.seen.record(area, max, height);
        let block = super::marked(block, area, offset, max - offset, focused, theme);
        frame.render_widget(
            paragraph
                .scroll((u16::try_from(offset).unwrap_or(u16::MAX), 0))
                .block(block),
            area,
        );
    }
}

impl ScrollPane {
    /// How many rows `text` takes wrapped at `width`, worked out again only
    /// when the width or the text has changed since the last frame.
    fn wrapped_height(&self, text: &[Line], width: u16) -> usize {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::collections::hash_map::DefaultHasher::new();
        text.hash(&mut hasher);
        let hash = hasher.finish();
        match self.wrapped.get() {
            Some((w, h, rows)) if w == width && h == hash => rows,
            _ => {
                let rows = Paragraph::new(text.to_vec())
                    .wrap(Wrap { trim: false })
                    .line_count(width);
                self.wrapped.set(Some((width, hash, rows)));
                rows
            }
        }
    }
}

/// The keys of a scrolling pane, under `title`, for the key bar and the
/// help.
pub fn keys(keymap: &Keymap, title: &str, typing: bool) -> KeyGroup {
    let mut keys = keymap.help(MOTION, &(), typing);
    if let Some(first) = keys.first_mut() {
        first.bar = "scroll";
    }
    if let Some(second) = keys.get_mut(1) {
        second.bar = "scroll";
    }
    if !typing {
        keys.push(KeyHelp {
            keys: vec![Key::Char(' ')],
            bar: "",
            help: "down a page",
        });
    }
    KeyGroup {
        title: title.to_string(),
        keys,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;

    fn draw(pane: &ScrollPane, lines: usize, height: u16) -> Vec<String> {
        let mut t = Terminal::new(TestBackend::new(30, height)).unwrap();
        let text: Vec<Line> = (1..=lines)
            .map(|i| Line::raw(format!("line {i}")))
            .collect();
        t.draw(|f| {
            pane.render(
                f,
                f.area(),
                Block::bordered(),
                text,
                false,
                Theme::Monochrome,
            )
        })
        .unwrap();
        let b = t.backend().buffer();
        (0..height)
            .map(|y| (0..30).map(|x| b[(x, y)].symbol().to_string()).collect())
            .collect()
    }

    #[test]
    fn what_does_not_fit_is_marked_and_reachable() {
        let mut pane = ScrollPane::default();
        let rows = draw(&pane, 10, 6);
        assert!(rows[5].contains("▼ 6 more"), "{rows:#?}");
        assert!(!rows[0].contains("more"), "{rows:#?}");
        let map = Keymap::default();
        // Far past the end stops at the last line, at once.
        for _ in 0..50 {
            pane.update(Key::Down, &map, false);
        }
        let rows = draw(&pane, 10, 6);
        assert!(rows[4].contains("line 10"), "{rows:#?}");
        assert!(rows[0].contains("▲ 6 more"), "{rows:#?}");
        assert!(!rows[5].contains("more"), "{rows:#?}");
        pane.update(Key::Up, &map, false);
        let rows = draw(&pane, 10, 6);
        assert!(rows[0].contains("▲ 5 more") && rows[5].contains("▼ 1 more"));
        // Text that fits has no markers and does not move.
        let mut small = ScrollPane::default();
        draw(&small, 3, 6);
        small.update(Key::PageDown, &map, false);
        let rows = draw(&small, 3, 6);
        assert!(rows[1].contains("line 1") && !rows.concat().contains("more"));
    }
}
