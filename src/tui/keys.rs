//! Keys: what the terminal sends, named as the app names it (`Key`), and
//! the tables that bind keys to named actions: one table per screen, one
//! per shared widget and one for the keys that work everywhere
//! (`Binding`). The key bar and the help overlay are both drawn from these
//! tables, so they cannot drift from what the keys do; `Keymap` is the one
//! place a binding's keys are looked up, so a keymap file can rebind any
//! action by its name without touching a screen.

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use std::collections::HashMap;

/// A key press (or a mouse report), independent of how the terminal
/// encoded it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    /// A printable character (Shift included), or Space.
    Char(char),
    /// A letter with Ctrl held (lower case).
    Ctrl(char),
    /// A function key, F1 to F12.
    F(u8),
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    Enter,
    Esc,
    Tab,
    /// Shift-Tab.
    BackTab,
    Backspace,
    /// Alt-Backspace or Ctrl-Backspace: delete a word.
    AltBackspace,
    Delete,
    /// The left button pressed at a cell.
    Click {
        column: u16,
        row: u16,
    },
    /// The wheel turned up over a cell.
    WheelUp {
        column: u16,
        row: u16,
    },
    /// The wheel turned down over a cell.
    WheelDown {
        column: u16,
        row: u16,
    },
}

impl Key {
    /// Whether the key types a character when a text field has focus (a
    /// letter, a digit, a sign, Space): such keys mean nothing else then.
    pub fn is_text(self) -> bool {
        matches!(self, Key::Char(_))
    }

    /// How the key is written in the key bar and the help.
    pub fn label(self) -> String {
        match self {
            Key::Char(' ') => "Space".to_string(),
            Key::Char(c) => c.to_string(),
            Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
            Key::F(n) => format!("F{n}"),
            Key::Up => "↑".to_string(),
            Key::Down => "↓".to_string(),
            Key::Left => "←".to_string(),
            Key::Right => "→".to_string(),
            Key::PageUp => "PgUp".to_string(),
            Key::PageDown => "PgDn".to_string(),
            Key::Home => "Home".to_string(),
            Key::End => "End".to_string(),
            Key::Enter => "Enter".to_string(),
            Key::Esc => "Esc".to_string(),
            Key::Tab => "Tab".to_string(),
            Key::BackTab => "S-Tab".to_string(),
            Key::Backspace => "Backspace".to_string(),
            Key::AltBackspace => "Alt-Backspace".to_string(),
            Key::Delete => "Del".to_string(),
            Key::Click { .. } => "click".to_string(),
            Key::WheelUp { .. } | Key::WheelDown { .. } => "wheel".to_string(),
        }
    }

    /// The key a config file names: a character ("x", "?"), "Space",
    /// "F1" to "F12", "Ctrl-x", or a named key ("Enter", "Esc", "Tab",
    /// "S-Tab", "Backspace", "Del", "Up", "Down", "Left", "Right",
    /// "PgUp", "PgDn", "Home", "End"); names in any case.
    pub fn from_name(name: &str) -> Option<Key> {
        let mut chars = name.chars();
        if let (Some(c), None) = (chars.next(), chars.next()) {
            return (!c.is_whitespace() && !c.is_control()).then_some(Key::Char(c));
        }
        let lower = name.to_ascii_lowercase();
        if let Some(rest) = lower.strip_prefix("ctrl-") {
            let mut chars = rest.chars();
            return match (chars.next(), chars.next()) {
                (Some(c @ 'a'..='z'), None) => Some(Key::Ctrl(c)),
                _ => None,
            };
        }
        if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
            return (1..=12).contains(&n).then_some(Key::F(n));
        }
        Some(match lower.as_str() {
            "space" => Key::Char(' '),
            "enter" | "return" => Key::Enter,
            "esc" | "escape" => Key::Esc,
            "tab" => Key::Tab,
            "s-tab" | "shift-tab" | "backtab" => Key::BackTab,
            "backspace" => Key::Backspace,
            "del" | "delete" => Key::Delete,
            "up" => Key::Up,
            "down" => Key::Down,
            "left" => Key::Left,
            "right" => Key::Right,
            "pgup" | "pageup" => Key::PageUp,
            "pgdn" | "pagedown" => Key::PageDown,
            "home" => Key::Home,
            "end" => Key::End,
            _ => return None,
        })
    }

    /// Where a mouse report happened (`None` for keys).
    pub fn position(self) -> Option<(u16, u16)> {
        match self {
            Key::Click { column, row }
            | Key::WheelUp { column, row }
            | Key::WheelDown { column, row } => Some((column, row)),
            _ => None,
        }
    }
}

/// Names a key press. Alt with a letter is no key at all (it would
/// otherwise type its letter into a field); releases are ignored.
pub fn from_event(key: KeyEvent) -> Option<Key> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    Some(match key.code {
        KeyCode::Char(c) if ctrl && !alt => Key::Ctrl(c.to_ascii_lowercase()),
        KeyCode::Char(_) if ctrl || alt => return None,
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Backspace if ctrl || alt => Key::AltBackspace,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::F(n) => Key::F(n),
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        KeyCode::Tab => Key::Tab,
        KeyCode::BackTab => Key::BackTab,
        KeyCode::Delete => Key::Delete,
        _ => return None,
    })
}

/// Names a mouse report: a left click, or the wheel.
pub fn from_mouse(mouse: MouseEvent) -> Option<Key> {
    let (column, row) = (mouse.column, mouse.row);
    match mouse.kind {
        MouseEventKind::Down(MouseButton::Left) => Some(Key::Click { column, row }),
        MouseEventKind::ScrollUp => Some(Key::WheelUp { column, row }),
        MouseEventKind::ScrollDown => Some(Key::WheelDown { column, row }),
        _ => None,
    }
}

/// One action of a screen or widget, the keys bound to it by default and
/// how the key bar and the help describe it. `S` is the state that says
/// whether the action is open now (`when`); `A` names the action for the
/// code that performs it.
pub struct Binding<S: 'static, A: 'static> {
    /// Stable and unique across the app ("compare.mark"): what a keymap
    /// file names to rebind it.
    pub name: &'static str,
    pub action: A,
    /// The default keys, the first one shown in the key bar.
    pub keys: &'static [Key],
    /// A word or two for the key bar; empty for the help only.
    pub bar: &'static str,
    /// A line for the help overlay.
    pub help: &'static str,
    /// Whether the action is open in this state (shown, and bound).
    pub when: fn(&S) -> bool,
}

fn always<S>(_: &S) -> bool {
    true
}

/// A binding open in every state of `S`.
pub const fn bind<S, A>(
    name: &'static str,
    action: A,
    keys: &'static [Key],
    bar: &'static str,
    help: &'static str,
) -> Binding<S, A> {
    Binding {
        name,
        action,
        keys,
        bar,
        help,
        when: always::<S>,
    }
}

// Copy whatever the state: a binding holds only references, a function
// and its (copyable) action.
impl<S, A: Copy> Clone for Binding<S, A> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<S, A: Copy> Copy for Binding<S, A> {}

impl<S, A: Copy> Binding<S, A> {
    /// The same binding, open only when `when` holds.
    pub const fn when(self, when: fn(&S) -> bool) -> Binding<S, A> {
        Binding { when, ..self }
    }
}

/// An action as the key bar and the help show it: the keys bound to it
/// now, and its words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyHelp {
    pub keys: Vec<Key>,
    pub bar: &'static str,
    pub help: &'static str,
}

/// Actions under one heading of the help ("In the list", "Everywhere").
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct KeyGroup {
    pub title: String,
    pub keys: Vec<KeyHelp>,
}

/// Which keys are bound to which named action. Every lookup goes through
/// here, so rebinding an action by name changes what the key does, the key
/// bar and the help at once.
#[derive(Clone, Debug, Default)]
pub struct Keymap {
    rebound: HashMap<String, Vec<Key>>,
}

impl Keymap {
    /// The same keymap with the action `name` bound to `keys` instead of its
    /// default keys (for a keymap file; names are `Binding::name`).
    pub fn rebind(mut self, name: &str, keys: Vec<Key>) -> Keymap {
        self.rebound.insert(name.to_string(), keys);
        self
    }

    /// The keys bound to a binding now.
    pub fn keys<'a, S, A>(&'a self, b: &'a Binding<S, A>) -> &'a [Key] {
        self.rebound.get(b.name).map_or(b.keys, Vec::as_slice)
    }

    /// The action `key` asks for in `table`, if one is open in `state`.
    /// While `typing`, printable keys are text and bind nothing.
    pub fn action<S, A: Copy>(
        &self,
        table: &[Binding<S, A>],
        state: &S,
        key: Key,
        typing: bool,
    ) -> Option<A> {
        if typing && key.is_text() {
            return None;
        }
        table
            .iter()
            .find(|b| (b.when)(state) && self.keys(b).contains(&key))
            .map(|b| b.action)
    }

    /// The actions of `table` open in `state`, with the keys that work for
    /// them now (printable keys left out while `typing`).
    pub fn help<S, A>(&self, table: &[Binding<S, A>], state: &S, typing: bool) -> Vec<KeyHelp> {
        table
            .iter()
            .filter(|b| (b.when)(state))
            .filter_map(|b| {
                let keys: Vec<Key> = self
                    .keys(b)
                    .iter()
                    .copied()
                    .filter(|k| !(typing && k.is_text()))
                    .collect();
                (!keys.is_empty()).then_some(KeyHelp {
                    keys,
                    bar: b.bar,
                    help: b.help,
                })
            })
            .collect()
    }

    /// `help` under a heading.
    pub fn group<S, A>(
        &self,
        title: impl Into<String>,
        table: &[Binding<S, A>],
        state: &S,
        typing: bool,
    ) -> KeyGroup {
        KeyGroup {
            title: title.into(),
            keys: self.help(table, state, typing),
        }
    }
}

/// A table's bindings by name and default keys, whatever its state and
/// actions: what a keymap is checked against.
pub fn names<S, A>(table: &[Binding<S, A>]) -> Vec<(&'static str, &'static [Key])> {
    table.iter().map(|b| (b.name, b.keys)).collect()
}

/// One key table and where its keys work.
struct Table {
    /// The screen it belongs to; `None` for the tables that work on every
    /// screen (the app's, moving, text fields, lists, questions).
    screen: Option<&'static str>,
    bindings: Vec<(&'static str, &'static [Key])>,
}

/// Every key table in the app.
fn tables() -> Vec<Table> {
    use super::screens::{
        compare, detail, enquiries, enquiry, home, plan, results, search, upgrade, wizard,
    };
    let everywhere = |bindings| Table {
        screen: None,
        bindings,
    };
    let on = |screen, bindings| Table {
        screen: Some(screen),
        bindings,
    };
    vec![
        everywhere(names(GLOBAL)),
        everywhere(names(MOTION)),
        everywhere(super::widgets::text_field::key_names()),
        everywhere(super::widgets::list::key_names()),
        everywhere(super::prompt::key_names()),
        on("Home", home::key_names()),
        on("the questionnaire", wizard::key_names()),
        on("Recommendations", results::key_names()),
        on("Compare", compare::key_names()),
        on("a qualification's page", detail::key_names()),
        on("Search", search::key_names()),
        on("Upgrade", upgrade::key_names()),
        on("Plan & pay", plan::key_names()),
        on("the enquiry form", enquiry::key_names()),
        // The notes are the one text area.
        on("the enquiry form", super::widgets::text_area::key_names()),
        on("Enquiries", enquiries::key_names()),
        on(
            "the which-to-quote question",
            super::quote_choice::key_names(),
        ),
    ]
}

/// A remapping in a config file that cannot be used: the action as the
/// file names it, what is wrong and what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyProblem {
    pub action: String,
    pub message: String,
    pub help: String,
}

impl Keymap {
    /// The keymap a config file's `keys` asks for: each action (a name from
    /// the key tables, "app." left out for the keys that work everywhere:
    /// "quit", "help") to one or more keys, separated by spaces ("x F8").
    /// Every problem is returned: an unknown action or key, Ctrl-C (which
    /// always quits), and a clash: a key that would mean two things on one
    /// screen (a text field's editing keys included).
    pub fn from_config<'a>(
        entries: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Keymap, Vec<KeyProblem>> {
        let tables = tables();
        let mut map = Keymap::default();
        let mut problems = Vec::new();
        let mut remapped: Vec<(&'a str, String)> = Vec::new();
        for (written, keys) in entries {
            let name = if written.contains('.') {
                written.to_string()
            } else {
                format!("app.{written}")
            };
            let problem = |message: String, help: &str| KeyProblem {
                action: written.to_string(),
                message,
                help: help.to_string(),
            };
            if !tables
                .iter()
                .any(|t| t.bindings.iter().any(|(n, _)| *n == name))
            {
                problems.push(problem(
                    format!("there is no action named \"{written}\""),
                    "the actions are listed in the guide (docs/guide.md, Keys) and in the help (?), e.g. \"quit\", \"help\", \"compare.mark\"",
                ));
                continue;
            }
            if name == "app.force_quit" {
                problems.push(problem(
                    "Ctrl-C always quits; it cannot be remapped".to_string(),
                    "remap \"quit\" instead",
                ));
                continue;
            }
            let parsed: Result<Vec<Key>, &str> = keys
                .split_whitespace()
                .map(|k| Key::from_name(k).ok_or(k))
                .collect();
            match parsed {
                Ok(parsed) if parsed.is_empty() => problems.push(problem(
                    format!("no key given for \"{written}\""),
                    "give a key, e.g. \"x\", \"F8\" or \"Ctrl-x\"; several separated by spaces",
                )),
                Ok(parsed) => {
                    map.rebound.insert(name.clone(), parsed);
                    remapped.push((written, name));
                }
                Err(bad) => problems.push(problem(
                    format!("\"{bad}\" is not a key qualplan knows"),
                    "write a character (\"x\"), \"Space\", \"F1\" to \"F12\", \"Ctrl-x\" or a key's name (\"Enter\", \"Tab\", \"PgDn\", \"Home\" ...)",
                )),
            }
        }
        let mut seen: Vec<(String, String, Key)> = Vec::new();
        for (written, name) in &remapped {
            let Some(home) = tables
                .iter()
                .find(|t| t.bindings.iter().any(|(n, _)| n == name))
            else {
                continue;
            };
            for key in &map.rebound[name] {
                for other in tables.iter().filter(|t| {
                    t.screen.is_none() || home.screen.is_none() || t.screen == home.screen
                }) {
                    for (them, defaults) in &other.bindings {
                        let theirs = map.rebound.get(*them).map_or(*defaults, Vec::as_slice);
                        let pair = (
                            name.min(&them.to_string()).clone(),
                            name.max(&them.to_string()).clone(),
                            *key,
                        );
                        if *them == name || !theirs.contains(key) || seen.contains(&pair) {
                            continue;
                        }
                        seen.push(pair);
                        let place = other
                            .screen
                            .or(home.screen)
                            .map_or("every screen".to_string(), |s| s.to_string());
                        let what = if them.starts_with("text.") {
                            format!("a text field needs {} ({them})", key.label())
                        } else {
                            format!("{} is already {them} on {place}", key.label())
                        };
                        problems.push(KeyProblem {
                            action: written.to_string(),
                            message: format!("\"{written}\" cannot have {}: {what}", key.label()),
                            help: format!("choose another key, or remap {them} too"),
                        });
                    }
                }
            }
        }
        if problems.is_empty() {
            Ok(map)
        } else {
            Err(problems)
        }
    }
}

/// Moving in a list or a pane, the same everywhere.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Motion {
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
}

/// The movement keys, shared by every list and scrolling pane.
pub const MOTION: &[Binding<(), Motion>] = &[
    bind(
        "move.up",
        Motion::Up,
        &[Key::Up, Key::Char('k'), Key::Ctrl('p')],
        "",
        "up one",
    ),
    bind(
        "move.down",
        Motion::Down,
        &[Key::Down, Key::Char('j'), Key::Ctrl('n')],
        "",
        "down one",
    ),
    bind(
        "move.page_up",
        Motion::PageUp,
        &[Key::PageUp],
        "",
        "up a page",
    ),
    bind(
        "move.page_down",
        Motion::PageDown,
        &[Key::PageDown],
        "",
        "down a page",
    ),
    bind(
        "move.first",
        Motion::First,
        &[Key::Home, Key::Char('g')],
        "",
        "to the top",
    ),
    bind(
        "move.last",
        Motion::Last,
        &[Key::End, Key::Char('G')],
        "",
        "to the bottom",
    ),
];

impl Motion {
    /// The motion a key asks for (the wheel moves too).
    pub fn of(key: Key, keymap: &Keymap, typing: bool) -> Option<Motion> {
        match key {
            Key::WheelUp { .. } => Some(Motion::Up),
            Key::WheelDown { .. } => Some(Motion::Down),
            _ => keymap.action(MOTION, &(), key, typing),
        }
    }

    /// Where a position `at` of `len` goes, `page` positions to a page.
    pub fn apply(self, at: usize, len: usize, page: usize) -> usize {
        let last = len.saturating_sub(1);
        match self {
            Motion::Up => at.saturating_sub(1),
            Motion::Down => at.saturating_add(1).min(last),
            Motion::PageUp => at.saturating_sub(page.max(1)),
            Motion::PageDown => at.saturating_add(page.max(1)).min(last),
            Motion::First => 0,
            Motion::Last => last,
        }
    }
}

/// The actions that work on every screen: the app performs them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Global {
    Help,
    Messages,
    Back,
    Search,
    NewEnquiry,
    Quote,
    EndCall,
    Enquiries,
    Quit,
    ForceQuit,
    Suspend,
    Copy,
    Mouse,
}

/// The keys that work everywhere. No screen or widget binds any of them to
/// anything else (a test holds every table to that).
pub const GLOBAL: &[Binding<(), Global>] = &[
    bind(
        "app.help",
        Global::Help,
        &[Key::Char('?'), Key::F(1)],
        "help",
        "this help (F1 even while typing)",
    ),
    bind(
        "app.back",
        Global::Back,
        &[Key::Esc],
        "back",
        "back: clear a filter, close a view, or leave the screen",
    ),
    bind(
        "app.search",
        Global::Search,
        &[Key::Char('/')],
        "search",
        "search qualifications and units",
    ),
    bind(
        "app.new_enquiry",
        Global::NewEnquiry,
        &[Key::Char('n'), Key::F(2)],
        "new enquiry",
        "start a new enquiry (F2 even while typing)",
    ),
    bind(
        "app.quote",
        Global::Quote,
        &[Key::F(3)],
        "",
        "write the active enquiry's quote",
    ),
    bind(
        "app.end_call",
        Global::EndCall,
        &[Key::F(5)],
        "end call",
        "end the call: close the active enquiry and say what it captured",
    ),
    bind(
        "app.enquiries",
        Global::Enquiries,
        &[Key::Char('e')],
        "enquiries",
        "saved enquiries",
    ),
    bind(
        "app.messages",
        Global::Messages,
        &[Key::Char('m'), Key::F(4)],
        "",
        "recent messages in full (F4 even while typing)",
    ),
    bind(
        "app.copy",
        Global::Copy,
        &[Key::Char('y')],
        "",
        "copy the figures shown; after F3, the quote's path",
    ),
    bind(
        "app.mouse",
        Global::Mouse,
        &[Key::Char('M')],
        "",
        "mouse on or off (off: the terminal selects text)",
    ),
    bind("app.quit", Global::Quit, &[Key::Char('q')], "quit", "quit"),
    bind(
        "app.force_quit",
        Global::ForceQuit,
        &[Key::Ctrl('c')],
        "quit",
        "quit, even while typing",
    ),
    bind(
        "app.suspend",
        Global::Suspend,
        &[Key::Ctrl('z')],
        "",
        "suspend; the shell's fg brings qualplan back",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> Option<Key> {
        from_event(KeyEvent::new(code, modifiers))
    }

    #[test]
    fn key_presses_are_named() {
        let none = KeyModifiers::NONE;
        assert_eq!(key(KeyCode::Char('j'), none), Some(Key::Char('j')));
        assert_eq!(
            key(KeyCode::Char('C'), KeyModifiers::CONTROL),
            Some(Key::Ctrl('c'))
        );
        // Alt with a letter types nothing.
        assert_eq!(key(KeyCode::Char('d'), KeyModifiers::ALT), None);
        assert_eq!(
            key(KeyCode::Backspace, KeyModifiers::ALT),
            Some(Key::AltBackspace)
        );
        assert_eq!(key(KeyCode::F(1), none), Some(Key::F(1)));
        assert_eq!(
            from_event(KeyEvent::new_with_kind(
                KeyCode::Char('x'),
                none,
                KeyEventKind::Release
            )),
            None
        );
    }

    #[test]
    fn printable_keys_are_text_while_typing() {
        let map = Keymap::default();
        assert_eq!(
            map.action(MOTION, &(), Key::Char('j'), false),
            Some(Motion::Down)
        );
        assert_eq!(map.action(MOTION, &(), Key::Char('j'), true), None);
        assert_eq!(map.action(MOTION, &(), Key::Down, true), Some(Motion::Down));
        assert_eq!(map.action(GLOBAL, &(), Key::Char('q'), true), None);
        assert_eq!(map.action(GLOBAL, &(), Key::F(1), true), Some(Global::Help));
        let help = map.help(GLOBAL, &(), true);
        let quit = help.iter().find(|h| h.help == "quit").map(|h| &h.keys);
        assert_eq!(quit, None, "q is a letter while typing");
    }

    #[test]
    fn a_rebound_action_answers_to_its_new_keys_only() {
        let map = Keymap::default().rebind("move.down", vec![Key::Char('s')]);
        assert_eq!(
            map.action(MOTION, &(), Key::Char('s'), false),
            Some(Motion::Down)
        );
        assert_eq!(map.action(MOTION, &(), Key::Char('j'), false), None);
        let help = map.help(MOTION, &(), false);
        assert_eq!(help[1].keys, [Key::Char('s')], "the help says so too");
    }

    #[test]
    fn keys_are_named_as_a_config_file_writes_them() {
        for (name, key) in [
            ("x", Key::Char('x')),
            ("?", Key::Char('?')),
            ("Space", Key::Char(' ')),
            ("F2", Key::F(2)),
            ("f12", Key::F(12)),
            ("Ctrl-X", Key::Ctrl('x')),
            ("PgDn", Key::PageDown),
            ("S-Tab", Key::BackTab),
            ("esc", Key::Esc),
        ] {
            assert_eq!(Key::from_name(name), Some(key), "{name}");
        }
        for bad in ["", "F13", "F0", "Ctrl-1", "Ctrl-", "Shift", "xy", " "] {
            assert_eq!(Key::from_name(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn a_config_remaps_keys_and_the_help_shows_them() {
        let map = Keymap::from_config([("quit", "Q"), ("compare.mark", "Space F6")])
            .unwrap_or_else(|p| panic!("{p:?}"));
        assert_eq!(
            map.action(GLOBAL, &(), Key::Char('Q'), false),
            Some(Global::Quit)
        );
        assert_eq!(map.action(GLOBAL, &(), Key::Char('q'), false), None);
        let help = map.help(GLOBAL, &(), false);
        let quit = help.iter().find(|h| h.help == "quit").unwrap();
        assert_eq!(quit.keys, [Key::Char('Q')]);
        // The help overlay's "Everywhere" and the key bar read the same.
        assert_eq!(map.group("Everywhere", GLOBAL, &(), false).keys, help);
    }

    #[test]
    fn a_clash_or_a_bad_name_is_refused_with_the_action_it_is_on() {
        let problems = |entries: &[(&str, &str)]| {
            Keymap::from_config(entries.iter().copied()).expect_err("refused")
        };
        // F2 starts a new enquiry everywhere.
        let p = problems(&[("help", "F2")]);
        assert_eq!(p.len(), 1, "{p:?}");
        assert_eq!(p[0].action, "help");
        assert_eq!(
            p[0].message,
            "\"help\" cannot have F2: F2 is already app.new_enquiry on every screen"
        );
        // Unless new enquiry moves too.
        assert!(Keymap::from_config([("help", "F2"), ("new_enquiry", "F8")]).is_ok());
        // c opens Compare on Home; p plans on a qualification's page.
        let p = problems(&[("detail.upgrades", "p")]);
        assert!(
            p[0].message
                .contains("detail.plan on a qualification's page"),
            "{p:?}"
        );
        // The same letter on two screens is no clash.
        assert!(Keymap::from_config([("detail.upgrades", "i")]).is_ok());
        // A text field's keys.
        let p = problems(&[("quit", "Backspace")]);
        assert!(
            p[0].message.contains("a text field needs Backspace"),
            "{p:?}"
        );
        // Names and keys that do not exist; Ctrl-C.
        let p = problems(&[
            ("qiut", "x"),
            ("help", "F13"),
            ("force_quit", "x"),
            ("back", ""),
        ]);
        let messages: Vec<&str> = p.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "there is no action named \"qiut\"",
                "\"F13\" is not a key qualplan knows",
                "Ctrl-C always quits; it cannot be remapped",
                "no key given for \"back\"",
            ]
        );
        // x clears Compare's filters; v is two of Compare's actions.
        let p = problems(&[("quit", "x")]);
        assert_eq!(
            p[0].message,
            "\"quit\" cannot have x: x is already compare.clear on Compare"
        );
        assert_eq!(problems(&[("compare.mark", "v")]).len(), 2);
        // Two actions remapped onto one key: one report, not two.
        let p = problems(&[("quit", "F8"), ("search", "F8")]);
        assert_eq!(p.len(), 1, "{p:?}");
    }

    #[test]
    fn motions_stay_in_bounds() {
        assert_eq!(Motion::Up.apply(0, 5, 3), 0);
        assert_eq!(Motion::Down.apply(4, 5, 3), 4);
        assert_eq!(Motion::PageDown.apply(1, 5, 3), 4);
        assert_eq!(Motion::Last.apply(1, 0, 3), 0);
    }
}
