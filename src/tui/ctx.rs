//! What every screen may read, on every update and every frame: the
//! catalogue and its search index, today, the styles, the keymap, and the
//! active enquiry. Screens never change it; they ask the app to, with the
//! effects they return (`effect::Effect`).

use super::keys::Keymap;
use super::theme::Theme;
use crate::catalogue::Catalogue;
use crate::enquiry::Enquiry;
use crate::planner::{LearnerProfile, SearchIndex};
use chrono::NaiveDate;
use std::sync::{Arc, OnceLock};

pub struct Ctx {
    pub catalogue: Arc<Catalogue>,
    /// Built on first use (by the background searcher as the app starts),
    /// so that a large catalogue's index never delays the first frame.
    pub index: Arc<OnceLock<SearchIndex>>,
    pub today: NaiveDate,
    pub theme: Theme,
    /// Which keys are bound to which action.
    pub keymap: Keymap,
    /// The enquiry being captured: the app saves it and changes it (from
    /// the screens' `Effect::Record`s); screens read it.
    pub enquiry: Option<Enquiry>,
    /// The questionnaire's answers as last given (the app keeps them from
    /// the screens' `Record::Answers`): leaving the questionnaire never
    /// throws them away, and opening it again without an enquiry fills
    /// them in.
    pub answers: Option<LearnerProfile>,
}

impl Ctx {
    pub fn new(catalogue: Catalogue, today: NaiveDate, theme: Theme) -> Ctx {
        Ctx {
            catalogue: Arc::new(catalogue),
            index: Arc::new(OnceLock::new()),
            today,
            theme,
            keymap: Keymap::default(),
            enquiry: None,
            answers: None,
        }
    }
}
