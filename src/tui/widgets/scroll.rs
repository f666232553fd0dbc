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
use std::cell::RefCell;

/// How far a pane is scrolled. The text itself is the owner's, given to
/// `render` each frame.
#[derive(Debug, Default)]
pub struct ScrollPane {
    offset: usize,
    /// What the last frame showed: how far the text can scroll, a page and
    /// where the pane was (for the wheel).
    seen: Seen,
    /// Where each line of the text starts once wrapped, kept from frame to
    /// frame: wrapping every line of a page of thousands each frame, to
    /// place the markers and the first line shown, cost milliseconds.
    wrapped: RefCell<Wrapped>,
}

/// The rows each line of a text starts on when wrapped at `width`, and
/// the row after the last, with the words they were worked out for
/// (styles never change where a line wraps): each span's text, then
/// `SPAN_END`, and `LINE_END` after each line. The words are kept whole,
/// not hashed: a quick hash can be made to collide (FxHash by lines in
/// the Thue-Morse order), and comparing is no slower than hashing.
#[derive(Debug, Default)]
struct Wrapped {
    width: Option<u16>,
    words: Vec<u8>,
    starts: Vec<usize>,
}

/// Never part of UTF-8 text: the end of a span and of a line in
/// `Wrapped::words`.
const SPAN_END: u8 = 0xfe;
const LINE_END: u8 = 0xff;

impl Wrapped {
    /// Whether the rows kept are those of `text` at `width`.
    fn holds(&self, text: &[Line], width: u16) -> bool {
        if self.width != Some(width) || self.starts.len() != text.len() + 1 {
            return false;
        }
        let mut rest = self.words.as_slice();
        for line in text {
            for span in &line.spans {
                match rest
                    .strip_prefix(span.content.as_bytes())
                    .and_then(|r| r.strip_prefix(&[SPAN_END]))
                {
                    Some(r) => rest = r,
                    None => return false,
                }
            }
            match rest.strip_prefix(&[LINE_END]) {
                Some(r) => rest = r,
                None => return false,
            }
        }
        rest.is_empty()
    }
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
    /// highlighted. Only the lines in view are laid out.
    pub fn render(
        &self,
        frame: &mut Frame,
        area: Rect,
        block: Block,
        text: &[Line],
        focused: bool,
        theme: Theme,
    ) {
        let inner = block.inner(area);
        let wrapped = self.wrapped_rows(text, inner.width);
        let total = wrapped.starts.last().copied().unwrap_or(0);
        let height = usize::from(inner.height);
        let max = total.saturating_sub(height);
        let offset = self.offset.min(max);
        self.seen.record(area, max, height);
        // The line holding the top row shown, and every line starting
        // before the bottom of the pane.
        let first = wrapped
            .starts
            .partition_point(|&row| row <= offset)
            .saturating_sub(1)
            .min(text.len());
        let end = wrapped
            .starts
            .partition_point(|&row| row < offset.saturating_add(height))
            .clamp(first, text.len());
        let above = offset.saturating_sub(wrapped.starts.get(first).copied().unwrap_or(0));
        let paragraph = Paragraph::new(text[first..end].to_vec()).wrap(Wrap { trim: false });
        drop(wrapped);
        let block = super::marked(block, area, offset, max - offset, focused, theme);
        frame.render_widget(
            paragraph
                .scroll((u16::try_from(above).unwrap_or(u16::MAX), 0))
                .block(block),
            area,
        );
    }

    /// Where each line of `text` starts wrapped at `width`, worked out
    /// again only when the width or the words have changed since the last
    /// frame.
    fn wrapped_rows(&self, text: &[Line], width: u16) -> std::cell::Ref<'_, Wrapped> {
        if !self.wrapped.borrow().holds(text, width) {
            let mut wrapped = self.wrapped.borrow_mut();
            wrapped.width = Some(width);
            wrapped.words.clear();
            wrapped.starts.clear();
            let mut row = 0usize;
            wrapped.starts.push(row);
            for line in text {
                for span in &line.spans {
                    wrapped.words.extend_from_slice(span.content.as_bytes());
                    wrapped.words.push(SPAN_END);
                }
                wrapped.words.push(LINE_END);
                row = row.saturating_add(
                    Paragraph::new(line.clone())
                        .wrap(Wrap { trim: false })
                        .line_count(width),
                );
                wrapped.starts.push(row);
            }
        }
        self.wrapped.borrow()
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
    use ratatui::style::Style;
    use ratatui::text::Span;

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
                &text,
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

    /// Every row the pane shows, scrolled anywhere, is the row the whole
    /// text wrapped and scrolled there shows: laying out only the lines
    /// in view changes nothing.
    #[test]
    fn only_the_lines_in_view_are_laid_out_and_they_read_as_the_whole() {
        let text: Vec<Line> = (1..=40)
            .map(|i| match i % 4 {
                0 => Line::raw(""),
                1 => Line::raw(format!("{i} short")),
                2 => Line::from(vec![
                    Span::raw(format!("{i} a line long enough ")),
                    Span::styled("to wrap over two or three rows ", Style::new().bold()),
                    Span::raw("of the pane"),
                ]),
                _ => Line::raw(format!("{i} unbroken-{}", "x".repeat(60))),
            })
            .collect();
        let whole = Paragraph::new(text.clone()).wrap(Wrap { trim: false });
        let total = whole.line_count(28);
        let (width, height) = (30, 8);
        let mut pane = ScrollPane::default();
        let map = Keymap::default();
        for offset in 0..total {
            let mut pane_view = Terminal::new(TestBackend::new(width, height)).unwrap();
            pane_view
                .draw(|f| {
                    pane.render(
                        f,
                        f.area(),
                        Block::bordered(),
                        &text,
                        false,
                        Theme::Monochrome,
                    )
                })
                .unwrap();
            let expected_offset = offset.min(total - usize::from(height - 2));
            let mut plain = Terminal::new(TestBackend::new(width, height)).unwrap();
            plain
                .draw(|f| {
                    let inner = Block::bordered().inner(f.area());
                    f.render_widget(whole.clone().scroll((expected_offset as u16, 0)), inner);
                })
                .unwrap();
            let rows = |t: &Terminal<TestBackend>, y: u16| -> String {
                (1..width - 1)
                    .map(|x| t.backend().buffer()[(x, y)].symbol().to_string())
                    .collect()
            };
            for y in 1..height - 1 {
                assert_eq!(
                    rows(&pane_view, y),
                    rows(&plain, y),
                    "offset {offset}, row {y}"
                );
            }
            pane.update(Key::Down, &map, false);
        }
        // The markers count wrapped rows, not lines.
        let rows = draw_text(&ScrollPane::default(), &text, width, height);
        let below = total - usize::from(height - 2);
        assert!(rows[7].contains(&format!("▼ {below} more")), "{rows:#?}");
    }

    fn draw_text(pane: &ScrollPane, text: &[Line], width: u16, height: u16) -> Vec<String> {
        let mut t = Terminal::new(TestBackend::new(width, height)).unwrap();
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
            .map(|y| (0..width).map(|x| b[(x, y)].symbol().to_string()).collect())
            .collect()
    }

    /// Two texts of the same lines in another order: 512 lines, each
    /// "a" or one that wraps over two rows, in the Thue-Morse order and
    /// its opposite. A quick hash of the words cannot tell these apart
    /// (FxHash is a polynomial hash modulo 2^64), so rows kept from the
    /// first would place the second's lines wrongly: the pane must show
    /// what a fresh one shows.
    #[test]
    fn a_text_that_changed_is_always_wrapped_again() {
        let short = Line::raw("a");
        let long = Line::raw("b ".repeat(20));
        let text = |flip: bool| -> Vec<Line> {
            (0..512usize)
                .map(|i| match (i.count_ones() % 2 == 1) != flip {
                    true => long.clone(),
                    false => short.clone(),
                })
                .collect()
        };
        let (width, height) = (30, 8);
        let map = Keymap::default();
        let mut kept = ScrollPane::default();
        let mut fresh = ScrollPane::default();
        // The first rows: the second is already wrong if rows are kept.
        for row in 0..40 {
            draw_text(&kept, &text(false), width, height);
            assert_eq!(
                draw_text(&kept, &text(true), width, height),
                draw_text(&fresh, &text(true), width, height),
                "scrolled {row} rows"
            );
            kept.update(Key::Down, &map, false);
            fresh.update(Key::Down, &map, false);
        }
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
