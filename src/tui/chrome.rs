//! The frame around every screen: the header (where you are, and the
//! active enquiry), the status line (the latest message) and the key bar
//! (the keys that work now). Each has its own line, so none overwrites
//! another.

use super::keys::{KeyGroup, KeyHelp};
use super::theme::Theme;
use super::widgets::clip;
use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// " qualplan Home > Compare > ..." on the left, the active enquiry on the
/// right. The enquiry comes first: the trail gives way to it, losing its
/// oldest steps ("…> Compare > Plan & pay").
pub fn header(frame: &mut Frame, area: Rect, trail: &str, enquiry: Option<&str>, theme: Theme) {
    let width = usize::from(area.width);
    let brand = " qualplan ";
    let enquiry = enquiry.map(|e| {
        // Room for the brand and a little of the trail, whatever the name.
        clip(e, width.saturating_sub(brand.len() + 8))
    });
    let taken = brand.len() + enquiry.as_ref().map_or(0, |e| e.chars().count() + 2);
    let room = width.saturating_sub(taken);
    let count = trail.chars().count();
    let trail = if count <= room {
        trail.to_string()
    } else {
        let tail: String = trail.chars().skip(count - room.saturating_sub(1)).collect();
        format!("…{tail}")
    };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(brand, theme.title()),
            Span::raw(trail),
        ])),
        area,
    );
    if let Some(e) = enquiry {
        frame.render_widget(
            Paragraph::new(Line::styled(format!("{e} "), theme.heading()))
                .alignment(Alignment::Right),
            area,
        );
    }
}

/// The latest message, or what stays true until mended (a failed save).
/// A message too long for the line says where to read it whole.
pub fn status_line(
    frame: &mut Frame,
    area: Rect,
    text: Option<(String, bool)>,
    full: &str,
    theme: Theme,
) {
    let Some((text, warning)) = text else {
        return;
    };
    let width = usize::from(area.width);
    let text = if text.chars().count() + 1 > width {
        let more = format!(" ({full}: in full)");
        format!(
            " {}{more}",
            clip(&text, width.saturating_sub(more.chars().count() + 1))
        )
    } else {
        format!(" {text}")
    };
    let style = if warning { theme.bad() } else { theme.dim() };
    frame.render_widget(Paragraph::new(Line::styled(text, style)), area);
}

/// One key in the bar: its key (or keys, "↑↓") and its words.
type Item = (String, &'static str);

/// The bar's items: each action with a word for the bar, under the first
/// key bound to it; neighbours with the same word share it ("←→ sort").
fn items(keys: &[KeyHelp]) -> Vec<Item> {
    let arrows = |s: &str| s.chars().all(|c| "↑↓←→".contains(c));
    let mut items: Vec<Item> = Vec::new();
    for k in keys.iter().filter(|k| !k.bar.is_empty()) {
        let Some(first) = k.keys.first() else {
            continue;
        };
        let key = first.label();
        if let Some(last) = items.last_mut()
            && last.1 == k.bar
        {
            if arrows(&key) && arrows(&last.0) && !last.0.contains(&key) {
                last.0.push_str(&key);
            }
            continue;
        }
        items.push((key, k.bar));
    }
    items
}

/// The keys that work now: the screen's (its focused widget's first),
/// then Esc, and always help and quit at the end. What does not fit is
/// left to the help.
pub fn key_bar(
    frame: &mut Frame,
    area: Rect,
    screen: &[KeyGroup],
    global: &KeyGroup,
    theme: Theme,
) {
    let cost = |(key, what): &Item| key.chars().count() + what.chars().count() + 3;
    let global = items(&global.keys);
    let (reserved, other): (Vec<Item>, Vec<Item>) = global
        .into_iter()
        .partition(|(_, what)| matches!(*what, "help" | "quit"));
    let wanted: Vec<KeyHelp> = screen.iter().flat_map(|g| g.keys.clone()).collect();
    let mut room = usize::from(area.width).saturating_sub(reserved.iter().map(cost).sum());
    let mut shown = Vec::new();
    for item in items(&wanted).into_iter().chain(other) {
        if cost(&item) > room {
            break;
        }
        room -= cost(&item);
        shown.push(item);
    }
    let mut spans = Vec::new();
    for (key, what) in shown.iter().chain(reserved.iter()) {
        spans.push(Span::styled(format!(" {key}"), theme.key()));
        spans.push(Span::raw(format!(" {what} ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::keys::Key;

    fn help(keys: &[Key], bar: &'static str) -> KeyHelp {
        KeyHelp {
            keys: keys.to_vec(),
            bar,
            help: "",
        }
    }

    #[test]
    fn neighbours_with_one_word_share_it() {
        let items = items(&[
            help(&[Key::Up, Key::Char('k')], "move"),
            help(&[Key::Down], "move"),
            help(&[Key::PageUp], ""),
            help(&[Key::Char('q')], "quit"),
            help(&[Key::Ctrl('c')], "quit"),
        ]);
        assert_eq!(
            items,
            [("↑↓".to_string(), "move"), ("q".to_string(), "quit")]
        );
    }
}
