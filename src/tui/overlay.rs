//! Boxes drawn over the screen: the help (F1 or `?`), built from the same
//! key tables as the key bar, and the log of recent messages (F4 or `m`).
//! Both scroll; any key that does not scroll closes them.

use super::keys::{GLOBAL, Global, Key, KeyGroup, Keymap};
use super::status::Status;
use super::theme::Theme;
use super::widgets::ScrollPane;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

/// Which box is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Help,
    Messages,
}

#[derive(Debug)]
pub struct Overlay {
    pub kind: Kind,
    pane: ScrollPane,
}

/// What a key did to an open overlay.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reply {
    /// It scrolled; the overlay stays.
    Scrolled,
    /// The overlay is closed.
    Closed,
    /// Quit (q, Ctrl-C), or suspend (Ctrl-Z): the app's to do.
    Global(Global),
}

impl Overlay {
    pub fn new(kind: Kind) -> Overlay {
        Overlay {
            kind,
            pane: ScrollPane::default(),
        }
    }

    pub fn update(&mut self, key: Key, keymap: &Keymap) -> Reply {
        match keymap.action(GLOBAL, &(), key, false) {
            Some(g @ (Global::Quit | Global::ForceQuit | Global::Suspend)) => Reply::Global(g),
            _ if self.pane.update(key, keymap, false) => Reply::Scrolled,
            _ => Reply::Closed,
        }
    }

    /// Draws `lines` in a box over the middle of `body`, as tall as they
    /// need and the body allows; the rest scrolls.
    pub fn view(&self, frame: &mut Frame, body: Rect, lines: Vec<Line>, theme: Theme) {
        let title = match self.kind {
            Kind::Help => " Help ",
            Kind::Messages => " Messages, newest first ",
        };
        let longest = lines.iter().map(Line::width).max().unwrap_or(0);
        let width = u16::try_from(longest + 4)
            .unwrap_or(u16::MAX)
            .clamp(66, 100);
        let inner = width.min(body.width).saturating_sub(2);
        let rows = Paragraph::new(lines.clone())
            .wrap(Wrap { trim: false })
            .line_count(inner);
        let area = centered(body, width, rows.saturating_add(2));
        frame.render_widget(Clear, area);
        self.pane.render(
            frame,
            area,
            Block::bordered().title(title),
            &lines,
            true,
            theme,
        );
    }
}

/// A `width` x `height` box in the middle of `body`, cut to fit it.
pub fn centered(body: Rect, width: u16, height: usize) -> Rect {
    let width = width.min(body.width);
    let height = u16::try_from(height).unwrap_or(u16::MAX).min(body.height);
    Rect::new(
        body.x + (body.width - width) / 2,
        body.y + (body.height - height) / 2,
        width,
        height,
    )
}

/// The help: the screen's keys (the focused widget's first), then those
/// that work everywhere.
pub fn help_lines(
    screen: &str,
    groups: Vec<KeyGroup>,
    keymap: &Keymap,
    typing: bool,
    theme: Theme,
) -> Vec<Line<'static>> {
    let mut groups = groups;
    groups.push(keymap.group("Everywhere", GLOBAL, &(), typing));
    let labels = |k: &super::keys::KeyHelp| -> String {
        k.keys
            .iter()
            .map(|k| k.label())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let width = groups
        .iter()
        .flat_map(|g| g.keys.iter().map(|k| labels(k).chars().count()))
        .max()
        .unwrap_or(0)
        .min(22);
    let mut lines = vec![Line::styled(format!("Keys on {screen}"), theme.title())];
    for g in groups.into_iter().filter(|g| !g.keys.is_empty()) {
        lines.push(Line::raw(""));
        lines.push(Line::styled(g.title, theme.heading()));
        for k in &g.keys {
            lines.push(Line::from(vec![
                Span::styled(format!("{:>width$}  ", labels(k)), theme.key()),
                Span::raw(k.help),
            ]));
        }
    }
    lines.push(Line::raw(""));
    if typing {
        lines.push(Line::styled(
            "A text field has the focus: letters, digits and signs are typed into it.",
            theme.quiet(),
        ));
    }
    lines.push(Line::styled(
        "The mouse: a click chooses, a second click opens; the wheel scrolls what is under it.",
        theme.quiet(),
    ));
    lines.push(Line::styled(
        "↑↓ PgUp PgDn scroll this help; any other key closes it.",
        theme.quiet(),
    ));
    lines
}

/// The message log, newest first.
pub fn message_lines(status: &Status, theme: Theme) -> Vec<Line<'static>> {
    let mut lines: Vec<Line> = status
        .log()
        .rev()
        .map(|(at, notice)| {
            Line::from(vec![
                Span::styled(format!("{} ", at.format("%H:%M:%S")), theme.quiet()),
                Span::styled(
                    notice.to_string(),
                    if notice.is_warning() {
                        theme.bad()
                    } else {
                        ratatui::style::Style::new()
                    },
                ),
            ])
        })
        .collect();
    if lines.is_empty() {
        lines.push(Line::raw("Nothing has been said yet."));
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled(
        "↑↓ PgUp PgDn scroll; any other key closes this.",
        theme.quiet(),
    ));
    lines
}
