//! The contract between the screens and the app. A screen's `update` gets
//! an `Event` and hands back an `Outcome`: whether it used the event, and
//! the `Effect`s it wants done (open a screen, say something, record into
//! the enquiry, shortlist, search, open or delete an enquiry). The app does
//! them after the update: every save, search and store call is the app's,
//! and no screen ever touches a file or the enquiry itself.

use super::keys::Key;
use super::screens::Screen;
use super::status::Notice;
use crate::enquiry::{Enquiry, LoadReport, PaymentChoice};
use crate::planner::{Holding, Interest, LearnerProfile, Role, SearchResults};

/// What happens to a screen.
#[derive(Debug)]
pub enum Event {
    /// The screen is on top: just opened, or uncovered by Esc.
    Shown,
    /// A key or a mouse report (never one of the keys that work
    /// everywhere: the app has those).
    Key(Key),
    /// Esc: close what is open on the screen (a filter, a view); ignored,
    /// the app leaves the screen.
    Back,
    /// Text pasted into the terminal, for a focused text field.
    Paste(String),
    /// The results of the screen's `Effect::Search`.
    Found(String, SearchResults),
    /// The saved enquiries, read again (after a deletion).
    Enquiries(LoadReport),
}

/// What a screen did with an event.
#[must_use]
#[derive(Debug)]
pub enum Outcome {
    /// Not the screen's: nothing happened.
    Ignored,
    /// Used; the app does these effects, in order.
    Done(Vec<Effect>),
}

impl Outcome {
    /// Used, with nothing more to do.
    pub fn done() -> Outcome {
        Outcome::Done(Vec::new())
    }

    /// Used, with one effect.
    pub fn with(effect: Effect) -> Outcome {
        Outcome::Done(vec![effect])
    }

    /// Used: open `screen` on top.
    pub fn open(screen: Screen) -> Outcome {
        Outcome::with(Effect::Open(Box::new(screen)))
    }

    /// Used when `used`, else ignored.
    pub fn used(used: bool) -> Outcome {
        if used {
            Outcome::done()
        } else {
            Outcome::Ignored
        }
    }
}

/// Something a screen wants done, which only the app can do.
#[derive(Debug)]
pub enum Effect {
    /// Open this screen on top.
    Open(Box<Screen>),
    /// Say this on the status line (and keep it in the message log).
    Say(Notice),
    /// Record this into the active enquiry, if there is one.
    Record(Record),
    /// Add this qualification to the active enquiry's shortlist, or take it
    /// off.
    Shortlist(String),
    /// Search for this; the results come back as `Event::Found`.
    Search(String),
    /// Make this saved enquiry the active one, and open its form.
    OpenEnquiry(String),
    /// Delete this saved enquiry; the list comes back as
    /// `Event::Enquiries`.
    DeleteEnquiry(String),
}

/// What a screen settled with the caller, for the enquiry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Record {
    /// The questionnaire's answers, as far as they were given.
    Answers(Box<LearnerProfile>),
    /// The qualification chosen on Plan & pay, the holding its figures were
    /// worked out from, and how it is paid.
    Plan {
        id: String,
        holding: Holding,
        payment: PaymentChoice,
    },
    Name(String),
    Email(String),
    Phone(String),
    Organisation(String),
    Notes(String),
    Role(Option<Role>),
    Interest(Option<Interest>),
}

impl Record {
    /// Writes the record into `e`; returns whether anything changed.
    pub fn apply(self, e: &mut Enquiry) -> bool {
        let before = e.clone();
        match self {
            Record::Answers(p) => e.record_answers(&p),
            Record::Plan {
                id,
                holding,
                payment,
            } => e.record_plan(&id, &holding, payment),
            Record::Name(v) => e.caller.name = v,
            Record::Email(v) => e.caller.email = v,
            Record::Phone(v) => e.caller.phone = v,
            Record::Organisation(v) => e.caller.organisation = v,
            Record::Notes(v) => e.notes = v,
            Record::Role(v) => e.role = v,
            Record::Interest(v) => e.interest = v,
        }
        *e != before
    }
}
