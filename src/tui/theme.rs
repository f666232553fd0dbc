//! The app's looks: dark, light, high-contrast and monochrome. In every
//! theme meaning is carried by text, signs and modifiers (bold, reversed,
//! underline) and colour only adds to it: a reason for an option starts
//! "+", one against "-", a warning says what went wrong; no two things
//! differ by red against green alone, and nothing is faint (DIM, which
//! some terminals draw nearly invisible). `auto` follows the terminal's
//! background when the terminal says what it is (`background`).

use ratatui::style::{Color, Modifier, Style};

/// A look for the whole app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// Colours that read on a dark background.
    Dark,
    /// Colours that read on a light background.
    Light,
    /// White on black, with bright yellow for titles and keys, whatever the
    /// terminal's own colours.
    HighContrast,
    /// No colour at all (`NO_COLOR`): bold, underline and reversed only.
    Monochrome,
}

/// The theme asked for (`--theme`, or `theme` in the config file).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ThemeChoice {
    /// Monochrome under `NO_COLOR`; else light or dark as the terminal's
    /// background is (dark when the terminal does not say).
    #[default]
    Auto,
    Dark,
    Light,
    HighContrast,
    Monochrome,
}

impl ThemeChoice {
    /// The names the command line and the config file take.
    pub const NAMES: &[&str] = &["auto", "dark", "light", "high-contrast", "monochrome"];

    /// The choice a name stands for (`NAMES`).
    pub fn from_name(name: &str) -> Option<ThemeChoice> {
        Some(match name {
            "auto" => ThemeChoice::Auto,
            "dark" => ThemeChoice::Dark,
            "light" => ThemeChoice::Light,
            "high-contrast" => ThemeChoice::HighContrast,
            "monochrome" => ThemeChoice::Monochrome,
            _ => return None,
        })
    }

    /// The theme chosen: a named one as it is; `Auto` from `NO_COLOR` and
    /// the terminal's background (`ask` asks the terminal; it is called
    /// only when `NO_COLOR` is not set).
    pub fn resolve(self, no_color: bool, ask: impl FnOnce() -> Option<Background>) -> Theme {
        match self {
            ThemeChoice::Dark => Theme::Dark,
            ThemeChoice::Light => Theme::Light,
            ThemeChoice::HighContrast => Theme::HighContrast,
            ThemeChoice::Monochrome => Theme::Monochrome,
            ThemeChoice::Auto if no_color => Theme::Monochrome,
            ThemeChoice::Auto => match ask() {
                Some(Background::Light) => Theme::Light,
                // A dark background, or none said: most terminals are dark.
                Some(Background::Dark) | None => Theme::Dark,
            },
        }
    }
}

/// Whether `NO_COLOR` is set (to anything but the empty string).
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// A terminal's background, as it answers the OSC 11 query.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Background {
    Dark,
    Light,
}

impl Background {
    /// Reads a terminal's answer to OSC 11 (`ESC ] 11 ; rgb:RRRR/GGGG/BBBB`
    /// then BEL or ST; each part one to four hex digits): light when its
    /// luminance is above half.
    pub fn from_reply(reply: &[u8]) -> Option<Background> {
        let text = std::str::from_utf8(reply).ok()?;
        let start = text.find("]11;")? + 4;
        let rest = text[start..].strip_prefix("rgb:")?;
        let end = rest.find(['\x07', '\x1b']).unwrap_or(rest.len());
        let mut parts = rest[..end].split('/').map(channel);
        let (r, g, b) = (parts.next()??, parts.next()??, parts.next()??);
        if parts.next().is_some() {
            return None;
        }
        // Rec. 709 luminance, in parts per 10,000 of full scale.
        let luminance = 2126 * r + 7152 * g + 722 * b;
        Some(if luminance > 5_000 * 10_000 {
            Background::Light
        } else {
            Background::Dark
        })
    }
}

/// One colour channel of an `rgb:` reply as parts per 10,000.
fn channel(hex: &str) -> Option<u64> {
    if hex.is_empty() || hex.len() > 4 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    let value = u64::from_str_radix(hex, 16).ok()?;
    let full = (1u64 << (4 * hex.len())) - 1;
    Some(value * 10_000 / full)
}

impl Theme {
    /// Whether the theme uses colour at all.
    pub fn colored(self) -> bool {
        self != Theme::Monochrome
    }

    fn fg(self, style: Style, dark: Color, light: Color, high: Color) -> Style {
        match self {
            Theme::Dark => style.fg(dark),
            Theme::Light => style.fg(light),
            Theme::HighContrast => style.fg(high),
            Theme::Monochrome => style,
        }
    }

    /// Under everything: the high-contrast theme's white on black; the
    /// terminal's own colours in the others.
    pub fn base(self) -> Style {
        match self {
            Theme::HighContrast => Style::new().fg(Color::White).bg(Color::Black),
            _ => Style::new(),
        }
    }

    pub fn title(self) -> Style {
        self.fg(
            Style::new().add_modifier(Modifier::BOLD),
            Color::Cyan,
            Color::Blue,
            Color::LightYellow,
        )
    }

    pub fn heading(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// The selected row: reversed video works on any background.
    pub fn selected(self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    /// Matched letters in search results: bold and underlined in every
    /// theme, so that no colour is needed to see them.
    pub fn matched(self) -> Style {
        let style = Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
        match self {
            Theme::HighContrast => style.fg(Color::Black).bg(Color::LightYellow),
            _ => self.fg(style, Color::Yellow, Color::Magenta, Color::LightYellow),
        }
    }

    pub fn key(self) -> Style {
        self.title()
    }

    /// Less important text (sources, counts, hints): quieter by colour
    /// where the theme has one, never faint.
    pub fn quiet(self) -> Style {
        match self {
            Theme::Dark => Style::new().fg(Color::Gray),
            Theme::Light | Theme::HighContrast | Theme::Monochrome => Style::new(),
        }
    }

    /// A reason for an option ("+ ..."): the sign carries the meaning,
    /// the colour (blue or cyan, never green) only adds to it.
    pub fn good(self) -> Style {
        self.fg(
            Style::new(),
            Color::LightCyan,
            Color::Blue,
            Color::LightCyan,
        )
    }

    /// A reason against an option ("- ..."), or a warning (which says
    /// what is wrong in words).
    pub fn bad(self) -> Style {
        match self {
            Theme::Monochrome => Style::new().add_modifier(Modifier::BOLD),
            Theme::HighContrast => Style::new()
                .fg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
            _ => self.fg(Style::new(), Color::LightRed, Color::Red, Color::LightRed),
        }
    }

    pub fn money(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_terminals_reply_says_light_or_dark() {
        let light = b"\x1b]11;rgb:ffff/ffff/ffff\x1b\\";
        assert_eq!(Background::from_reply(light), Some(Background::Light));
        let dark = b"\x1b]11;rgb:0000/0000/0000\x07";
        assert_eq!(Background::from_reply(dark), Some(Background::Dark));
        // Solarized light's base3, two hex digits a channel.
        let cream = b"\x1b]11;rgb:fd/f6/e3\x07";
        assert_eq!(Background::from_reply(cream), Some(Background::Light));
        // Solarized dark's base03.
        let navy = b"\x1b]11;rgb:0000/2b2b/3636\x1b\\";
        assert_eq!(Background::from_reply(navy), Some(Background::Dark));
        for bad in [
            &b""[..],
            b"\x1b[?62;22c",
            b"\x1b]11;rgb:ffff/ffff\x07",
            b"\x1b]11;rgb:fffff/0/0\x07",
            b"\x1b]11;rgb:zz/00/00\x07",
            b"\x1b]11;rgba:ff/ff/ff/ff\x07",
        ] {
            assert_eq!(Background::from_reply(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn auto_follows_no_color_then_the_background_then_dark() {
        let never = || -> Option<Background> { panic!("NO_COLOR: the terminal is not asked") };
        assert_eq!(ThemeChoice::Auto.resolve(true, never), Theme::Monochrome);
        let light = || Some(Background::Light);
        assert_eq!(ThemeChoice::Auto.resolve(false, light), Theme::Light);
        assert_eq!(
            ThemeChoice::Auto.resolve(false, || Some(Background::Dark)),
            Theme::Dark
        );
        // No answer in time: the safe default.
        assert_eq!(ThemeChoice::Auto.resolve(false, || None), Theme::Dark);
        // A theme named is used as named, NO_COLOR or not.
        assert_eq!(ThemeChoice::Light.resolve(true, never), Theme::Light);
        for name in ThemeChoice::NAMES {
            assert!(ThemeChoice::from_name(name).is_some(), "{name}");
        }
        assert_eq!(ThemeChoice::from_name("Dark"), None);
    }

    #[test]
    fn no_theme_is_faint_or_tells_good_from_bad_by_red_and_green() {
        for theme in [
            Theme::Dark,
            Theme::Light,
            Theme::HighContrast,
            Theme::Monochrome,
        ] {
            for style in [
                theme.title(),
                theme.heading(),
                theme.matched(),
                theme.key(),
                theme.quiet(),
                theme.good(),
                theme.bad(),
                theme.money(),
                theme.base(),
            ] {
                assert!(!style.add_modifier.contains(Modifier::DIM), "{theme:?}");
            }
            let green = [Some(Color::Green), Some(Color::LightGreen)];
            assert!(!green.contains(&theme.good().fg), "{theme:?}");
            assert_ne!(theme.good(), theme.bad(), "{theme:?}");
            assert_eq!(theme.colored(), theme.title().fg.is_some());
        }
    }
}
