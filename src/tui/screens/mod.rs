//! One module per screen. Each keeps its own state, turns actions into a
//! navigation step (`handle`) and draws itself from that state (`view`).

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

use super::app::Ctx;
use super::keys::Action;
use ratatui::Frame;
use ratatui::layout::Rect;

/// What a screen asks the app to do after an action.
pub enum Nav {
    /// Not used here: the app applies its global meaning (Esc, q, ?, /).
    Stay,
    /// Used; nothing more to do.
    Handled,
    Push(Box<Screen>),
}

impl Nav {
    pub fn push(screen: Screen) -> Nav {
        Nav::Push(Box::new(screen))
    }
}

/// Every screen, with its state.
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
    /// The active enquiry's form; the app owns the enquiry it edits.
    Enquiry(enquiry::EnquiryForm),
    Enquiries(enquiries::Enquiries),
}

macro_rules! each_screen {
    ($self:expr, $s:ident => $body:expr, $other:expr) => {
        match $self {
            Screen::Home($s) => $body,
            Screen::Wizard($s) => $body,
            Screen::Results($s) => $body,
            Screen::Compare($s) => $body,
            Screen::Detail($s) => $body,
            Screen::Search($s) => $body,
            Screen::Upgrade($s) => $body,
            Screen::Plan($s) => $body,
            Screen::Enquiry(_) | Screen::Enquiries(_) => $other,
        }
    };
}

impl Screen {
    /// Handles an action; the enquiry screens are handled by the app,
    /// which owns the enquiries.
    pub fn handle(&mut self, action: Action, ctx: &Ctx, area: Rect) -> Nav {
        each_screen!(self, s => s.handle(action, ctx, area), Nav::Stay)
    }

    /// Draws the screen; the enquiry screens are drawn by the app.
    pub fn view(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        each_screen!(self, s => s.view(frame, area, ctx), ())
    }

    pub fn title(&self) -> String {
        match self {
            Screen::Enquiry(_) => "Enquiry".to_string(),
            Screen::Enquiries(_) => "Enquiries".to_string(),
            _ => each_screen!(self, s => s.title(), String::new()),
        }
    }

    /// The few keys that matter now, for the footer.
    pub fn hints(&self) -> &'static [(&'static str, &'static str)] {
        match self {
            Screen::Enquiry(f) => f.hints(),
            Screen::Enquiries(l) => l.hints(),
            _ => each_screen!(self, s => s.hints(), &[]),
        }
    }

    /// Every key of the screen, for the help overlay.
    pub fn help(&self) -> &'static [(&'static str, &'static str)] {
        match self {
            Screen::Enquiry(f) => f.help(),
            Screen::Enquiries(l) => l.help(),
            _ => each_screen!(self, s => s.help(), &[]),
        }
    }

    /// Whether letters typed are text (a search box, a number field).
    pub fn text_mode(&self) -> bool {
        match self {
            Screen::Search(_) | Screen::Enquiries(_) => true,
            Screen::Wizard(w) => w.text_mode(),
            Screen::Enquiry(f) => f.text_mode(),
            _ => false,
        }
    }
}

/// First visible row of a list of `len` rows in `height` rows, keeping
/// `selected` in view.
pub fn first_visible(selected: usize, len: usize, height: usize) -> usize {
    if height == 0 || len <= height || selected < height {
        0
    } else {
        (selected + 1 - height).min(len - height)
    }
}

/// Moves a selection by an action within `len` items; `None` if the action
/// is not a movement.
pub fn moved(selected: usize, len: usize, action: Action, page: usize) -> Option<usize> {
    if len == 0 {
        return None;
    }
    let last = len - 1;
    Some(match action {
        Action::Up => selected.saturating_sub(1),
        Action::Down => (selected + 1).min(last),
        Action::PageUp => selected.saturating_sub(page.max(1)),
        Action::PageDown => (selected + page.max(1)).min(last),
        Action::First => 0,
        Action::Last => last,
        _ => return None,
    })
}

/// What a click on a list row did: the first click selects the row, a
/// second click on the selected row opens it.
pub enum ListClick {
    Open,
    Selected,
    Missed,
}

/// Applies a click that hit list row `hit` (if any) to `selected`.
pub fn click_list(selected: &mut usize, hit: Option<usize>) -> ListClick {
    match hit {
        Some(i) if i == *selected => ListClick::Open,
        Some(i) => {
            *selected = i;
            ListClick::Selected
        }
        None => ListClick::Missed,
    }
}

/// The list row under a click, for a list drawn from `top` with its first
/// visible item `first`.
pub fn clicked(row: u16, top: u16, height: u16, first: usize, len: usize) -> Option<usize> {
    if row < top || row >= top + height {
        return None;
    }
    let index = first + usize::from(row - top);
    (index < len).then_some(index)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_keep_the_selection_visible() {
        assert_eq!(first_visible(0, 100, 10), 0);
        assert_eq!(first_visible(9, 100, 10), 0);
        assert_eq!(first_visible(10, 100, 10), 1);
        assert_eq!(first_visible(99, 100, 10), 90);
        assert_eq!(first_visible(5, 3, 10), 0);
        assert_eq!(first_visible(5, 10, 0), 0);
    }

    #[test]
    fn movement_stays_in_bounds() {
        assert_eq!(moved(0, 5, Action::Up, 3), Some(0));
        assert_eq!(moved(4, 5, Action::Down, 3), Some(4));
        assert_eq!(moved(1, 5, Action::PageDown, 3), Some(4));
        assert_eq!(moved(1, 0, Action::Down, 3), None);
        assert_eq!(moved(1, 5, Action::Enter, 3), None);
    }

    #[test]
    fn clicks_map_to_rows() {
        assert_eq!(clicked(5, 3, 10, 0, 20), Some(2));
        assert_eq!(clicked(2, 3, 10, 0, 20), None);
        assert_eq!(clicked(5, 3, 10, 18, 20), None);
    }
}
