//! Terminal events turned into the actions screens understand.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};

/// What the user asked for, independent of which key they pressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    First,
    Last,
    Enter,
    Back,
    NextPane,
    PrevPane,
    Toggle,
    Backspace,
    /// Delete the character under the cursor.
    Delete,
    /// Ctrl-W or Alt-Backspace: delete the word before the cursor.
    DeleteWord,
    /// Ctrl-U: delete to the start of the field.
    DeleteToStart,
    Char(char),
    /// F2: start a new enquiry, whatever the screen (n does too, outside text fields).
    NewEnquiry,
    /// F3: write the active enquiry's quote.
    WriteQuote,
    Help,
    Search,
    Quit,
    ForceQuit,
    /// Ctrl-Z: give the terminal back to the shell until `fg`.
    Suspend,
    Click {
        column: u16,
        row: u16,
    },
}

/// Maps a key press. In text mode, letters and digits are text; only
/// editing and navigation keys keep their meaning.
pub fn from_key(key: KeyEvent, text_mode: bool) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    Some(match key.code {
        KeyCode::Char('c') if ctrl => Action::ForceQuit,
        KeyCode::Char('z') if ctrl => Action::Suspend,
        KeyCode::Char('w') if ctrl => Action::DeleteWord,
        KeyCode::Backspace if ctrl || key.modifiers.contains(KeyModifiers::ALT) => {
            Action::DeleteWord
        }
        KeyCode::Char('u') if ctrl => Action::DeleteToStart,
        KeyCode::Delete => Action::Delete,
        KeyCode::F(2) => Action::NewEnquiry,
        KeyCode::F(3) => Action::WriteQuote,
        KeyCode::Char('n') if ctrl => Action::Down,
        KeyCode::Char('p') if ctrl => Action::Up,
        KeyCode::Up => Action::Up,
        KeyCode::Down => Action::Down,
        KeyCode::Left => Action::Left,
        KeyCode::Right => Action::Right,
        KeyCode::PageUp => Action::PageUp,
        KeyCode::PageDown => Action::PageDown,
        KeyCode::Home => Action::First,
        KeyCode::End => Action::Last,
        KeyCode::Enter => Action::Enter,
        KeyCode::Esc => Action::Back,
        KeyCode::Tab => Action::NextPane,
        KeyCode::BackTab => Action::PrevPane,
        KeyCode::Backspace => Action::Backspace,
        // A letter with Ctrl or Alt is a command, never text (Ctrl-D, Ctrl-J
        // and the like would otherwise type their letter into a field).
        KeyCode::Char(_) if ctrl || key.modifiers.contains(KeyModifiers::ALT) => return None,
        KeyCode::Char(c) if text_mode => Action::Char(c),
        KeyCode::Char('j') => Action::Down,
        KeyCode::Char('k') => Action::Up,
        KeyCode::Char('h') => Action::Left,
        KeyCode::Char('l') => Action::Right,
        KeyCode::Char('g') => Action::First,
        KeyCode::Char('G') => Action::Last,
        KeyCode::Char(' ') => Action::Toggle,
        KeyCode::Char('?') => Action::Help,
        KeyCode::Char('/') => Action::Search,
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Char(c) => Action::Char(c),
        _ => return None,
    })
}

/// Clicks select; the wheel scrolls.
pub fn from_mouse(mouse: MouseEvent) -> Option<Action> {
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
            column: mouse.column,
            row: mouse.row,
        }),
        MouseEventKind::ScrollUp => Some(Action::Up),
        MouseEventKind::ScrollDown => Some(Action::Down),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn vim_keys_navigate_outside_text_fields() {
        assert_eq!(from_key(key(KeyCode::Char('j')), false), Some(Action::Down));
        assert_eq!(
            from_key(key(KeyCode::Char('j')), true),
            Some(Action::Char('j'))
        );
        assert_eq!(
            from_key(key(KeyCode::Char('q')), true),
            Some(Action::Char('q'))
        );
        assert_eq!(
            from_key(
                KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
                true
            ),
            Some(Action::ForceQuit)
        );
        assert_eq!(from_key(key(KeyCode::Esc), true), Some(Action::Back));
        // Ctrl or Alt with a letter types nothing.
        for m in [KeyModifiers::CONTROL, KeyModifiers::ALT] {
            assert_eq!(from_key(KeyEvent::new(KeyCode::Char('d'), m), true), None);
        }
        assert_eq!(
            from_key(
                KeyEvent::new(KeyCode::Char('z'), KeyModifiers::CONTROL),
                true
            ),
            Some(Action::Suspend)
        );
    }
}
