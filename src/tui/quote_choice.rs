//! Which of a shortlist F3 quotes, asked when two or more qualifications
//! are shortlisted and none is chosen: each option by id and title, or all
//! of them in one quote. A small box over the screen; it takes every key
//! until it is answered or let go (Esc).

use super::keys::{Binding, GLOBAL, Global, Key, KeyGroup, KeyHelp, Keymap, MOTION, bind};
use super::theme::Theme;
use super::widgets::{FilterList, ListEvent, Look, clip};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear};

/// The question: the options shortlisted, by id and title, in order.
#[derive(Debug)]
pub struct QuoteChoice {
    options: Vec<(String, String)>,
    /// A row per option, then "all N".
    list: FilterList,
}

/// The advisor's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Chosen {
    /// Quote these (one option, or all of them), in shortlist order.
    Quote(Vec<String>),
    /// Write no quote.
    Cancel,
    /// Still choosing (the cursor moved, or the key meant nothing here).
    Choosing,
    /// Quit or suspend: the app's to do.
    Global(Global),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Do {
    Write,
    Cancel,
}

const KEYS: &[Binding<(), Do>] = &[
    bind(
        "quote_choice.write",
        Do::Write,
        &[Key::Enter],
        "quote",
        "write the quote of the option chosen (or of all of them)",
    ),
    bind(
        "quote_choice.cancel",
        Do::Cancel,
        &[Key::Esc],
        "cancel",
        "write no quote",
    ),
];

impl QuoteChoice {
    /// Asks which of `options` (id, title) to quote; the cursor starts on
    /// "all of them".
    pub fn new(options: Vec<(String, String)>) -> QuoteChoice {
        let mut list = FilterList::new(options.len() + 1);
        list.select(options.len());
        QuoteChoice { options, list }
    }

    /// The answer a key gives.
    pub fn update(&mut self, key: Key, keymap: &Keymap) -> Chosen {
        if let Some(g @ (Global::ForceQuit | Global::Suspend)) =
            keymap.action(GLOBAL, &(), key, false)
        {
            return Chosen::Global(g);
        }
        let open = match self.list.update(key, keymap) {
            ListEvent::Open => true,
            ListEvent::Moved | ListEvent::Filtered => return Chosen::Choosing,
            ListEvent::Unused => false,
        };
        match (open, keymap.action(KEYS, &(), key, false)) {
            (true, _) | (_, Some(Do::Write)) => Chosen::Quote(self.chosen()),
            (_, Some(Do::Cancel)) => Chosen::Cancel,
            _ => Chosen::Choosing,
        }
    }

    /// The ids under the cursor: one option, or every one.
    fn chosen(&self) -> Vec<String> {
        match self.options.get(self.list.selected().unwrap_or(usize::MAX)) {
            Some((id, _)) => vec![id.clone()],
            None => self.options.iter().map(|(id, _)| id.clone()).collect(),
        }
    }

    /// The keys that work while it is open, for the key bar.
    pub fn keys(&self, keymap: &Keymap) -> KeyGroup {
        let mut keys: Vec<KeyHelp> = keymap.help(&MOTION[..2], &(), false);
        for k in &mut keys {
            k.bar = "choose";
        }
        keys.extend(keymap.help(KEYS, &(), false));
        KeyGroup {
            title: "Which to quote".to_string(),
            keys,
        }
    }

    /// Draws the question over the middle of `body`.
    pub fn view(&self, frame: &mut Frame, body: Rect, theme: Theme) {
        let rows = self.options.len() + 1;
        // The border, the question, the rows between two rules: as many
        // as fit (the rules say how many more there are).
        // As wide as the longest title needs, within reason.
        let longest = self
            .options
            .iter()
            .map(|(_, title)| title.chars().count() + 21)
            .max()
            .unwrap_or(0);
        let width = u16::try_from(longest + 4)
            .unwrap_or(u16::MAX)
            .clamp(76, 120);
        let area = super::overlay::centered(body, width, rows.saturating_add(5));
        frame.render_widget(Clear, area);
        let width = usize::from(area.width.saturating_sub(2));
        let all = format!(
            "All {} shortlisted options (one section each)",
            self.options.len()
        );
        let block = Block::bordered()
            .title(" Which to quote? ")
            .style(theme.base());
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let [question, list] = ratatui::layout::Layout::vertical([
            ratatui::layout::Constraint::Length(1),
            ratatui::layout::Constraint::Min(1),
        ])
        .areas(inner);
        frame.render_widget(
            Line::styled(
                "No qualification is chosen yet: quote which shortlisted option?",
                theme.heading(),
            ),
            question,
        );
        self.list.render(
            frame,
            list,
            Block::new()
                .borders(ratatui::widgets::Borders::TOP | ratatui::widgets::Borders::BOTTOM),
            None,
            Look {
                focused: true,
                theme,
            },
            |i, under| {
                let mark = if under { '>' } else { ' ' };
                let text = match self.options.get(i) {
                    Some((id, title)) => format!("{mark} {id:<18} {title}"),
                    None => format!("{mark} {all}"),
                };
                let style = if under {
                    theme.selected()
                } else {
                    ratatui::style::Style::new()
                };
                Line::from(Span::styled(clip(&text, width), style))
            },
        );
    }
}

/// This table's actions by name, for checking a keymap.
pub fn key_names() -> Vec<(&'static str, &'static [Key])> {
    crate::tui::keys::names(KEYS)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn choice() -> QuoteChoice {
        QuoteChoice::new(vec![
            ("l5-cert-cm".into(), "Certificate".into()),
            ("l5-dip-cm".into(), "Diploma".into()),
        ])
    }

    #[test]
    fn enter_quotes_the_row_under_the_cursor_and_esc_lets_go() {
        let map = Keymap::default();
        let mut c = choice();
        assert_eq!(
            c.update(Key::Enter, &map),
            Chosen::Quote(vec!["l5-cert-cm".into(), "l5-dip-cm".into()]),
            "all of them, first"
        );
        assert_eq!(c.update(Key::Up, &map), Chosen::Choosing);
        assert_eq!(
            c.update(Key::Enter, &map),
            Chosen::Quote(vec!["l5-dip-cm".into()])
        );
        assert_eq!(c.update(Key::Char('q'), &map), Chosen::Choosing);
        assert_eq!(c.update(Key::Esc, &map), Chosen::Cancel);
        assert_eq!(
            c.update(Key::Ctrl('c'), &map),
            Chosen::Global(Global::ForceQuit)
        );
    }
}
