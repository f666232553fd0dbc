//! Questions the app must ask before it goes on, so that nothing is lost or
//! undone without the advisor saying so: an enquiry deleted elsewhere while
//! it is open here, and leaving (or starting another enquiry) with edits
//! that could not be saved. A prompt takes every key until it is answered.

use super::keys::Action;
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

impl Prompt {
    /// The answer an action gives, if it gives one (other keys are ignored
    /// while the question is open). Ctrl-C answers the way that leaves.
    pub fn answer(&self, action: Action) -> Option<Answer> {
        match (self, action) {
            (Prompt::Deleted { .. }, Action::Char('r')) => Some(Answer::Restore),
            (Prompt::Deleted { .. }, Action::Char('d') | Action::Back | Action::ForceQuit) => {
                Some(Answer::KeepDeleted)
            }
            (Prompt::Unsaved { .. }, Action::Char('s')) => Some(Answer::SaveAgain),
            (Prompt::Unsaved { .. }, Action::Char('d') | Action::ForceQuit) => {
                Some(Answer::Discard)
            }
            (Prompt::Unsaved { .. }, Action::Back) => Some(Answer::Stay),
            _ => None,
        }
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
                }
            ),
        }
    }

    /// The keys, as shown in the prompt and the footer.
    pub fn keys(&self) -> &'static [(&'static str, &'static str)] {
        match self {
            Prompt::Deleted { .. } => &[
                ("r", "restore it with these edits"),
                ("d Esc", "keep it deleted, let the edits go"),
            ],
            Prompt::Unsaved { then, .. } => match then {
                Then::Quit => &[
                    ("s", "try saving again, then quit"),
                    ("d", "quit without saving them"),
                    ("Esc", "stay"),
                ],
                Then::NewEnquiry | Then::Open(_) => &[
                    ("s", "try saving again, then go on"),
                    ("d", "go on without them"),
                    ("Esc", "stay"),
                ],
            },
        }
    }

    /// Draws the question over the middle of `body`.
    pub fn view(&self, frame: &mut Frame, body: Rect, theme: Theme) {
        let mut lines = vec![Line::raw(self.text()), Line::raw("")];
        for (key, what) in self.keys() {
            lines.push(Line::from(vec![
                Span::styled(format!("{key:>6}  "), theme.key()),
                Span::raw(*what),
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

/// How wide an overlay (help, a question) is, at most.
const OVERLAY_WIDTH: u16 = 66;

/// Draws `lines` in a box over the middle of `body`, tall enough for them
/// (`extra` more rows for lines that wrap), cut to the body's height.
pub fn overlay(frame: &mut Frame, body: Rect, block: Block, lines: Vec<Line>, extra: usize) {
    let width = OVERLAY_WIDTH.min(body.width);
    let height = u16::try_from(lines.len().saturating_add(extra).saturating_add(2))
        .unwrap_or(u16::MAX)
        .min(body.height);
    let area = Rect::new(
        body.x + (body.width - width) / 2,
        body.y + (body.height - height) / 2,
        width,
        height,
    );
    frame.render_widget(Clear, area);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}

impl Prompt {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers() {
        let deleted = Prompt::Deleted { id: "enq-1".into() };
        assert_eq!(deleted.answer(Action::Char('r')), Some(Answer::Restore));
        assert_eq!(deleted.answer(Action::Back), Some(Answer::KeepDeleted));
        assert_eq!(deleted.answer(Action::Char('x')), None);
        assert_eq!(deleted.answer(Action::Quit), None);
        let unsaved = Prompt::Unsaved {
            id: "enq-1".into(),
            why: "No space left on device".into(),
            then: Then::Quit,
        };
        assert_eq!(unsaved.answer(Action::Char('s')), Some(Answer::SaveAgain));
        assert_eq!(unsaved.answer(Action::Char('d')), Some(Answer::Discard));
        assert_eq!(unsaved.answer(Action::ForceQuit), Some(Answer::Discard));
        assert_eq!(unsaved.answer(Action::Back), Some(Answer::Stay));
        assert_eq!(unsaved.answer(Action::Quit), None);
    }
}
