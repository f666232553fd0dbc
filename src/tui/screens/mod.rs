//! One module per screen. Each keeps its own state (a struct), turns an
//! event into what it wants done (`update`, returning effects) and draws
//! itself from its state (`view`): every screen answers to the one
//! signature of `Component`.

pub mod compare;
pub mod detail;
pub mod enquiries;
pub mod enquiry;
pub mod home;
pub mod plan;
pub mod results;
pub mod search;
pub mod upgrade;
pub mod wizard;

use super::ctx::Ctx;
use super::effect::{Event, Outcome};
use super::keys::KeyGroup;
use ratatui::Frame;
use ratatui::layout::Rect;

/// What every screen is: the one signature the app drives them through.
pub trait Component {
    /// The screen's name in the breadcrumb.
    fn title(&self) -> String;

    /// Handles one event and says what is to be done: the app does the
    /// effects (opening screens, saving, searching), never the screen.
    fn update(&mut self, event: Event, ctx: &Ctx) -> Outcome;

    /// Draws the screen from its state.
    fn view(&self, frame: &mut Frame, area: Rect, ctx: &Ctx);

    /// The keys that work now, the focused widget's first: the key bar and
    /// the help overlay are both drawn from these, so neither can promise
    /// a key that does something else.
    fn keys(&self, ctx: &Ctx) -> Vec<KeyGroup>;

    /// Whether a text field has focus: printable keys are then text (`?`,
    /// `q` and the other letters included), and only F1, Esc, Ctrl-C and
    /// the other non-printing keys keep their meaning.
    fn typing(&self) -> bool;

    /// What `y` copies here: plain text to paste into an e-mail or a CRM,
    /// and a few words for the status line ("the plan for ..."). `None`
    /// where nothing on the screen is worth copying.
    fn summary(&self, _ctx: &Ctx) -> Option<Summary> {
        None
    }
}

/// What a screen gives to be copied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// What it is, for the status line: "the plan for l5-cert-cm".
    pub what: String,
    /// The text itself, a line for each fact.
    pub text: String,
}

/// Every screen, with its state.
#[derive(Debug)]
pub enum Screen {
    Home(home::Home),
    Wizard(wizard::Wizard),
    Results(results::Results),
    Compare(compare::Compare),
    Detail(detail::Detail),
    Search(search::Search),
    Upgrade(upgrade::Upgrade),
    /// Boxed: it carries a whole course.
    Plan(Box<plan::Plan>),
    /// The active enquiry's form.
    Enquiry(enquiry::EnquiryForm),
    Enquiries(enquiries::Enquiries),
}

impl Screen {
    fn component(&self) -> &dyn Component {
        match self {
            Screen::Home(s) => s,
            Screen::Wizard(s) => s,
            Screen::Results(s) => s,
            Screen::Compare(s) => s,
            Screen::Detail(s) => s,
            Screen::Search(s) => s,
            Screen::Upgrade(s) => s,
            Screen::Plan(s) => s.as_ref(),
            Screen::Enquiry(s) => s,
            Screen::Enquiries(s) => s,
        }
    }

    fn component_mut(&mut self) -> &mut dyn Component {
        match self {
            Screen::Home(s) => s,
            Screen::Wizard(s) => s,
            Screen::Results(s) => s,
            Screen::Compare(s) => s,
            Screen::Detail(s) => s,
            Screen::Search(s) => s,
            Screen::Upgrade(s) => s,
            Screen::Plan(s) => s.as_mut(),
            Screen::Enquiry(s) => s,
            Screen::Enquiries(s) => s,
        }
    }
}

impl Component for Screen {
    fn title(&self) -> String {
        self.component().title()
    }

    fn update(&mut self, event: Event, ctx: &Ctx) -> Outcome {
        self.component_mut().update(event, ctx)
    }

    fn view(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        self.component().view(frame, area, ctx);
    }

    fn keys(&self, ctx: &Ctx) -> Vec<KeyGroup> {
        self.component().keys(ctx)
    }

    fn typing(&self) -> bool {
        self.component().typing()
    }

    fn summary(&self, ctx: &Ctx) -> Option<Summary> {
        self.component().summary(ctx)
    }
}

/// A qualification's title without the awarding body and the level, which
/// lists show in columns of their own: "Certificate in Coaching and
/// Mentoring".
pub fn short_title(title: &str) -> &str {
    let t = title.strip_prefix("ILM ").unwrap_or(title);
    match t.strip_prefix("Level ") {
        Some(rest) => rest
            .split_once(' ')
            .filter(|(n, _)| n.chars().all(|c| c.is_ascii_digit()))
            .map_or(t, |(_, rest)| rest),
        None => t,
    }
}

/// A course's units by code and title, under `heading`: "Units to take",
/// then "  5017  Reflecting on Workplace Coaching (29 credits)" a line.
/// Nothing when there are none.
pub fn unit_lines(ctx: &Ctx, heading: &str, codes: &[String]) -> Vec<ratatui::text::Line<'static>> {
    use ratatui::text::Line;
    if codes.is_empty() {
        return Vec::new();
    }
    let mut lines = vec![Line::styled(heading.to_string(), ctx.theme.heading())];
    for code in codes {
        lines.push(Line::raw(match ctx.catalogue.unit(code) {
            Some(u) => format!("  {code}  {} ({} credits)", u.title, u.credits.value),
            None => format!("  {code}"),
        }));
    }
    lines
}

/// Tab and Shift-Tab between a screen's panes: the next (or previous) of
/// `all` after `now`.
pub fn cycle<T: Copy + PartialEq>(now: T, all: &[T], forward: bool) -> T {
    let at = all.iter().position(|p| *p == now).unwrap_or(0);
    let n = all.len().max(1);
    let next = if forward { at + 1 } else { at + n - 1 };
    all.get(next % n).copied().unwrap_or(now)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_titles_drop_the_body_and_the_level() {
        assert_eq!(
            short_title("ILM Level 5 Certificate in Coaching and Mentoring"),
            "Certificate in Coaching and Mentoring"
        );
        assert_eq!(short_title("Level 3 Award"), "Award");
        assert_eq!(short_title("Levelling up"), "Levelling up");
        assert_eq!(cycle(2, &[1, 2, 3], true), 3);
        assert_eq!(cycle(3, &[1, 2, 3], true), 1);
        assert_eq!(cycle(1, &[1, 2, 3], false), 3);
    }
}
