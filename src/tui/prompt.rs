//! Questions the app must ask before it goes on, so that nothing is lost or
//! undone without the advisor saying so: an enquiry deleted elsewhere while
//! it is open here, and leaving (or starting another enquiry) with edits
//! that could not be saved. A prompt takes every key until it is answered.

use super::keys::{Binding, GLOBAL, Global, Key, KeyGroup, Keymap, bind};
use super::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

/// A question waiting for its answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Prompt {
    /// The active enquiry was deleted (in another qualplan, or on the
    /// command line) while open here: saving again would undo the deletion.
    Deleted { id: String },
    /// The active enquiry has edits that are not on disk (`why`: the last
    /// save's error), and the advisor asked for `then`.
    Unsaved { id: String, why: String, then: Then },
}

/// What the advisor asked for when a prompt came in between.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Then {
    Quit,
    NewEnquiry,
    Open(String),
    /// End the call: the active enquiry closed.
    EndCall,
}

/// What the advisor answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Answer {
    /// Save the enquiry again, as it is here (undoing the deletion).
    Restore,
    /// Leave it deleted; the edits here are let go.
    KeepDeleted,
    /// Try saving again, then go on if that worked.
    SaveAgain,
    /// Go on without the edits that are not saved.
    Discard,
    /// Go back to where things were.
    Stay,
}

fn deleted(p: &Prompt) -> bool {
    matches!(p, Prompt::Deleted { .. })
}

fn unsaved(p: &Prompt) -> bool {
    matches!(p, Prompt::Unsaved { .. })
}

/// The answers, as keys: the prompt and the key bar are drawn from these.
const KEYS: &[Binding<Prompt, Answer>] = &[
    bind(
        "prompt.restore",
        Answer::Restore,
        &[Key::Char('r')],
        "restore",
        "restore it with these edits",
    )
    .when(deleted),
    bind(
        "prompt.keep_deleted",
        Answer::KeepDeleted,
        &[Key::Char('d'), Key::Esc],
        "keep deleted",
        "keep it deleted, let the edits go",
    )
    .when(deleted),
    bind(
        "prompt.save_again",
        Answer::SaveAgain,
        &[Key::Char('s')],
        "save again",
        "try saving again, then go on",
    )
    .when(unsaved),
    bind(
        "prompt.discard",
        Answer::Discard,
        &[Key::Char('d')],
        "go on",
        "go on without them",
    )
    .when(unsaved),
    bind("prompt.stay", Answer::Stay, &[Key::Esc], "stay", "stay").when(unsaved),
];

impl Prompt {
    /// The answer a key gives, if it gives one (other keys are ignored
    /// while the question is open). Ctrl-C answers the way that leaves.
    pub fn answer(&self, key: Key, keymap: &Keymap) -> Option<Answer> {
        if keymap.action(GLOBAL, &(), key, false) == Some(Global::ForceQuit) {
            return Some(match self {
                Prompt::Deleted { .. } => Answer::KeepDeleted,
                Prompt::Unsaved { .. } => Answer::Discard,
            });
        }
        keymap.action(KEYS, self, key, false)
    }

    fn title(&self) -> &'static str {
        match self {
            Prompt::Deleted { .. } => " Enquiry deleted elsewhere ",
            Prompt::Unsaved { .. } => " Edits not saved ",
        }
    }

    fn text(&self) -> String {
        match self {
            Prompt::Deleted { id } => format!(
                "Enquiry {id} was deleted while it was open here (in another qualplan, or with `qualplan enquiries delete`). Nothing more has been saved to it."
            ),
            Prompt::Unsaved { id, why, then } => format!(
                "The latest edits to enquiry {id} are not saved: {why}. {}",
                match then {
                    Then::Quit => "Quitting now would lose them.",
                    Then::NewEnquiry | Then::Open(_) => {
                        "Opening another enquiry now would lose them."
                    }
                    Then::EndCall => "Ending the call now would lose them.",
                }
            ),
        }
    }

    /// The answers' keys, as shown in the prompt and the key bar.
    pub fn keys(&self, keymap: &Keymap) -> KeyGroup {
        keymap.group("Answers", KEYS, self, false)
    }

    /// Draws the question over the middle of `body`.
    pub fn view(&self, frame: &mut Frame, body: Rect, theme: Theme, keymap: &Keymap) {
        let mut lines = vec![Line::raw(self.text()), Line::raw("")];
        for k in self.keys(keymap).keys {
            let keys: Vec<String> = k.keys.iter().map(|k| k.label()).collect();
            lines.push(Line::from(vec![
                Span::styled(format!("{:>6}  ", keys.join(" ")), theme.key()),
                Span::raw(k.help),
            ]));
        }
        let inner = usize::from(OVERLAY_WIDTH.min(body.width).saturating_sub(2)).max(1);
        let wrapped = crate::text::wrap(&self.text(), inner).len();
        overlay(
            frame,
            body,
            Block::bordered().title(self.title()).style(theme.bad()),
            lines,
            wrapped,
        );
    }
}

/// Draws `lines` in a box over the middle of `body`, tall enough for them
/// (`extra` more rows for lines that wrap), cut to the body's height.
fn overlay(frame: &mut Frame, body: Rect, block: Block, lines: Vec<Line>, extra: usize) {
    let height = lines.len().saturating_add(extra).saturating_add(2);
    let area = super::overlay::centered(body, OVERLAY_WIDTH, height);
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}

/// How wide a question is, at most.
const OVERLAY_WIDTH: u16 = 66;

/// This table's actions by name, for checking a keymap.
pub fn key_names() -> Vec<(&'static str, &'static [Key])> {
    crate::tui::keys::names(KEYS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers() {
        let map = Keymap::default();
        let deleted = Prompt::Deleted { id: "enq-1".into() };
        let answer = |p: &Prompt, k: Key| p.answer(k, &map);
        assert_eq!(answer(&deleted, Key::Char('r')), Some(Answer::Restore));
        assert_eq!(answer(&deleted, Key::Esc), Some(Answer::KeepDeleted));
        assert_eq!(answer(&deleted, Key::Ctrl('c')), Some(Answer::KeepDeleted));
        assert_eq!(answer(&deleted, Key::Char('x')), None);
        assert_eq!(answer(&deleted, Key::Char('q')), None);
        let unsaved = Prompt::Unsaved {
            id: "enq-1".into(),
            why: "No space left on device".into(),
            then: Then::Quit,
        };
        assert_eq!(answer(&unsaved, Key::Char('s')), Some(Answer::SaveAgain));
        assert_eq!(answer(&unsaved, Key::Char('d')), Some(Answer::Discard));
        assert_eq!(answer(&unsaved, Key::Ctrl('c')), Some(Answer::Discard));
        assert_eq!(answer(&unsaved, Key::Esc), Some(Answer::Stay));
        assert_eq!(answer(&unsaved, Key::Char('q')), None);
    }
}
