//! Styles that read on dark and light terminals: meaning is carried by
//! text and modifiers (bold, reversed, underline); colour only adds to it,
//! and `NO_COLOR` turns colour off entirely.

use ratatui::style::{Color, Modifier, Style};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set (to anything but the empty string).
    pub fn from_env() -> Theme {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    fn fg(self, style: Style, color: Color) -> Style {
        if self.color { style.fg(color) } else { style }
    }

    pub fn title(self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Cyan)
    }

    pub fn heading(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// The selected row: reversed video works on any background.
    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// Matched letters in search results.
    pub fn matched(self) -> Style {
        self.fg(
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            Color::Yellow,
        )
    }

    pub fn key(self) -> Style {
        self.fg(Style::new().add_modifier(Modifier::BOLD), Color::Cyan)
    }

    pub fn dim(self) -> Style {
        Style::new().add_modifier(Modifier::DIM)
    }

    /// A reason for an option ("+ ..."): the sign carries the meaning.
    pub fn good(self) -> Style {
        self.fg(Style::new(), Color::Green)
    }

    /// A reason against an option ("- ...").
    pub fn bad(self) -> Style {
        self.fg(Style::new(), Color::Red)
    }

    pub fn money(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
}
