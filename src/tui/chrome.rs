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

/// " qualplan Home > Compare > ..." on the left, the active enquiry (its
/// label, and whether it is saved) on the right. The enquiry comes first:
/// the trail gives way to it, losing its oldest steps ("…> Compare > Plan
/// & pay"); then the enquiry loses its "Enquiry:" and its state; its label
/// is cut only when it is longer than the whole line.
pub fn header(
    frame: &mut Frame,
    area: Rect,
    trail: &str,
    enquiry: Option<(&str, bool)>,
    theme: Theme,
) {
    let width = usize::from(area.width);
    let brand = " qualplan ";
    let enquiry = enquiry.map(|(label, saved)| {
        let state = if saved { "saved" } else { "not saved" };
        let full = format!("Enquiry: {label} ({state})");
        let short = format!("{label} ({state})");
        // With a little of the trail if it can be had, else with none.
        let with_trail = width.saturating_sub(brand.len() + 8);
        let alone = width.saturating_sub(brand.len() + 2);
        [
            (&full, with_trail),
            (&short, with_trail),
            (&full, alone),
            (&short, alone),
            (&label.to_string(), alone),
        ]
        .into_iter()
        .find(|(e, room)| e.chars().count() <= *room)
        .map_or_else(|| clip(label, alone), |(e, _)| e.clone())
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
    let style = if warning { theme.bad() } else { theme.quiet() };
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
/// then Esc, and always help, quit and (on a call) end call at the end. What does not fit is
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
        .partition(|(_, what)| matches!(*what, "help" | "quit" | "end call"));
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

    fn header_at(width: u16, trail: &str, enquiry: (&str, bool)) -> String {
        let mut t = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, 1)).unwrap();
        t.draw(|f| header(f, f.area(), trail, Some(enquiry), Theme::Monochrome))
            .unwrap();
        let b = t.backend().buffer();
        (0..width).map(|x| b[(x, 0)].symbol()).collect()
    }

    #[test]
    fn the_enquiry_name_is_never_cut_for_the_trail() {
        let trail = "Home > Compare > l5-dip-cm > Plan & pay";
        assert_eq!(
            header_at(80, trail, ("Jane Smith", true)),
            " qualplan Home > Compare > l5-dip-cm > Plan & pay   Enquiry: Jane Smith (saved) "
        );
        assert_eq!(
            header_at(70, trail, ("Jane Smith", true)),
            " qualplan …mpare > l5-dip-cm > Plan & pay Enquiry: Jane Smith (saved) "
        );
        // A long name keeps every letter: the trail and then the words
        // around the name give way.
        let long = "Bartholomew Fitzwilliam-Montgomery-Smythe, Ashby Ltd";
        let line = header_at(80, trail, (long, false));
        assert!(line.ends_with(&format!(" {long} (not saved) ")), "{line}");
        let longer = format!("{long} and Partners");
        let line = header_at(80, trail, (&longer, false));
        assert!(line.ends_with(&format!(" {longer} ")), "{line}");
        // Only a name longer than the whole line is cut, and says so.
        let line = header_at(80, trail, (&long.repeat(2), true));
        assert!(
            line.starts_with(" qualplan ") && line.ends_with("… "),
            "{line}"
        );
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
