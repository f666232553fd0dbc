//! An enquiry: what an advisor captures while a prospective learner is on
//! the phone, kept so that nothing typed is lost and a quote can follow.

pub mod exchange;
mod saving;
pub mod shared;
mod store;
mod stores;

pub use saving::{Saved, save_enquiry};
pub use shared::SharedStore;
pub use store::{Conflict, EnquiryStore, LoadReport, MAX_ENQUIRY_BYTES, SetAside, StoreError};
pub use stores::{Change, Offline, Store, StoreChoice, StoreSetup, keep_both};

use crate::bounds::OutOfRange;
use crate::money::Pence;
use crate::planner::{DevelopmentRoute, Holding, Interest, Role};
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// Who is calling.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Caller {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub organisation: String,
}

/// The questionnaire's answers, as far as the caller gave them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answers {
    #[serde(default)]
    pub level: Option<u8>,
    #[serde(default)]
    pub hours_per_week: Option<u32>,
    #[serde(default)]
    pub budget_inc_vat: Option<Pence>,
    #[serde(default)]
    pub target_date: Option<NaiveDate>,
    #[serde(default)]
    pub held: Vec<String>,
}

/// A qualification chosen for a caller who holds others: the target and the
/// whole holding it was worked out from, so that a quote prices exactly
/// what the screen showed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "StoredUpgradeChoice")]
pub struct UpgradeChoice {
    pub to: String,
    /// Qualification ids held.
    pub held: Vec<String>,
    /// Single units held on their own.
    pub units: Vec<String>,
    /// What is held was completed with another provider.
    pub elsewhere: bool,
}

impl UpgradeChoice {
    /// The holding as the planner takes it.
    pub fn holding(&self) -> Holding {
        Holding {
            qualifications: self.held.clone(),
            units: self.units.clone(),
            with_provider: !self.elsewhere,
        }
    }
}

/// An upgrade choice as files hold it: today's shape, or the first one,
/// `(from: ID, to: ID, elsewhere: BOOL)`, which held one qualification.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StoredUpgradeChoice {
    /// The first shape's one qualification held.
    #[serde(default)]
    from: String,
    to: String,
    #[serde(default)]
    held: Vec<String>,
    #[serde(default)]
    units: Vec<String>,
    #[serde(default)]
    elsewhere: bool,
}

impl From<StoredUpgradeChoice> for UpgradeChoice {
    fn from(s: StoredUpgradeChoice) -> UpgradeChoice {
        let mut held = s.held;
        if !s.from.is_empty() && !held.contains(&s.from) {
            held.insert(0, s.from);
        }
        UpgradeChoice {
            to: s.to,
            held,
            units: s.units,
            elsewhere: s.elsewhere,
        }
    }
}

/// How the caller means to pay.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PaymentChoice {
    pub instalments: bool,
    pub start: NaiveDate,
    pub instalment: Pence,
    pub monthly_payments: u32,
    pub final_payment_on_completion: bool,
}

/// "l5-cert-cm to l5-dip-cm (held elsewhere)"; "l3-award-coaching, unit
/// 8577-304 to l3-cert-cm".
impl std::fmt::Display for UpgradeChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut held: Vec<String> = self.held.clone();
        held.extend(self.units.iter().map(|u| format!("unit {u}")));
        write!(f, "{} to {}", held.join(", "), self.to)?;
        if self.elsewhere {
            write!(f, " (held elsewhere)")?;
        }
        Ok(())
    }
}

/// "instalments from 2027-01-04".
impl std::fmt::Display for PaymentChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let how = if self.instalments {
            "instalments"
        } else {
            "in full"
        };
        write!(f, "{how} from {}", self.start)
    }
}

/// How far an enquiry got, from first call to quote: one rule for the
/// list's status column and a CRM's lead status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    New,
    Shortlisted,
    Chosen,
    PaymentPlanned,
    Quoted,
}

impl Stage {
    pub fn of(e: &Enquiry) -> Stage {
        let chosen = e.chosen.is_some() || e.upgrade.is_some();
        if e.quoted.is_some() {
            Stage::Quoted
        } else if chosen && e.payment.is_some() {
            Stage::PaymentPlanned
        } else if chosen {
            Stage::Chosen
        } else if !e.shortlist.is_empty() {
            Stage::Shortlisted
        } else {
            Stage::New
        }
    }

    /// In full, as exports write it.
    pub fn words(self) -> &'static str {
        match self {
            Stage::New => "new",
            Stage::Shortlisted => "shortlisted",
            Stage::Chosen => "qualification chosen",
            Stage::PaymentPlanned => "payment planned",
            Stage::Quoted => "quoted",
        }
    }

    /// In a word or two, for a list's column (at most `SHORT_CHARS`).
    pub fn short(self) -> &'static str {
        match self {
            Stage::Chosen => "chosen",
            Stage::PaymentPlanned => "plan made",
            other => other.words(),
        }
    }

    pub const SHORT_CHARS: usize = 11;
}

/// `t` to the second. Every time on an enquiry is stamped so: it is all a
/// person reads, and the CSV's dates are then plain ISO 8601
/// (`2026-12-01T10:00:00`), which a CRM takes as it is.
pub fn whole_seconds(t: NaiveDateTime) -> NaiveDateTime {
    use chrono::Timelike;
    t.with_nanosecond(0).unwrap_or(t)
}

/// One enquiry, saved as one RON file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Enquiry {
    /// Stable id and file name stem, e.g. `enq-20261122-213000`.
    pub id: String,
    pub created: NaiveDateTime,
    pub updated: NaiveDateTime,
    pub caller: Caller,
    #[serde(default)]
    pub role: Option<Role>,
    #[serde(default)]
    pub interest: Option<Interest>,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub route: Option<DevelopmentRoute>,
    #[serde(default)]
    pub answers: Answers,
    /// Qualification ids the caller is considering.
    #[serde(default)]
    pub shortlist: Vec<String>,
    /// The qualification the caller chose.
    #[serde(default)]
    pub chosen: Option<String>,
    #[serde(default)]
    pub upgrade: Option<UpgradeChoice>,
    #[serde(default)]
    pub payment: Option<PaymentChoice>,
    /// How many times the enquiry has been saved: a save from an older
    /// revision than the file's is refused, so that two qualplans editing
    /// one enquiry never silently overwrite each other.
    #[serde(default)]
    pub revision: u64,
    /// The advisor who saved it last (from the config file, else the
    /// computer's user name); empty in files from before advisors were
    /// recorded.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub advisor: String,
    /// When a quote was last written from it (left out until one is), so
    /// that a list can say which callers have theirs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quoted: Option<NaiveDateTime>,
}

impl Enquiry {
    /// Replaces every character that could act on a terminal or hide
    /// itself (see `text::hazard`) with U+FFFD, in every text of the
    /// enquiry; returns how many there were. Applied on load, so that a
    /// hand-edited file can never write escape sequences to the screen.
    pub fn scrub(&mut self) -> usize {
        self.texts_mut().into_iter().map(crate::text::scrub).sum()
    }

    /// Every text the enquiry holds: what `scrub` cleans. (A new text field
    /// belongs here, or it could reach the terminal raw.)
    fn texts_mut(&mut self) -> Vec<&mut String> {
        let Enquiry {
            id,
            created: _,
            updated: _,
            caller,
            role: _,
            interest: _,
            notes,
            route: _,
            answers,
            shortlist,
            chosen,
            upgrade,
            payment: _,
            revision: _,
            advisor,
            quoted: _,
        } = self;
        let mut texts = vec![
            id,
            &mut caller.name,
            &mut caller.email,
            &mut caller.phone,
            &mut caller.organisation,
            notes,
            advisor,
        ];
        texts.extend(shortlist.iter_mut());
        texts.extend(answers.held.iter_mut());
        texts.extend(chosen.as_mut());
        if let Some(u) = upgrade.as_mut() {
            texts.push(&mut u.to);
            texts.extend(u.held.iter_mut());
            texts.extend(u.units.iter_mut());
        }
        texts
    }

    /// Every number and list within its range (`bounds`): an enquiry file
    /// edited by hand to hold a payment count of four billion, or a date in
    /// the year 200,000, is refused on loading, before anything works with
    /// it.
    pub fn check(&self) -> Result<(), OutOfRange> {
        use crate::bounds::{self, check, check_date, enquiry::LIST_ENTRIES};
        let a = &self.answers;
        if let Some(level) = a.level {
            check("answers.level", level, &bounds::LEVEL)?;
        }
        if let Some(h) = a.hours_per_week {
            check("answers.hours_per_week", h, &bounds::HOURS_PER_WEEK)?;
        }
        if let Some(b) = a.budget_inc_vat {
            check("answers.budget_inc_vat", b, &bounds::MONEY)?;
        }
        if let Some(d) = a.target_date {
            check_date("answers.target_date", d)?;
        }
        if let Some(q) = self.quoted {
            check_date("quoted", q.date())?;
        }
        if let Some(p) = &self.payment {
            check_date("payment.start", p.start)?;
            check("payment.instalment", p.instalment, &bounds::MONEY)?;
            check(
                "payment.monthly_payments",
                p.monthly_payments,
                &bounds::MONTHLY_PAYMENTS,
            )?;
        }
        check("revision", self.revision, &bounds::REVISIONS)?;
        let none = Vec::new();
        let upgrade = self.upgrade.as_ref();
        for (what, list) in [
            ("shortlist", &self.shortlist),
            ("answers.held", &a.held),
            ("upgrade.held", upgrade.map_or(&none, |u| &u.held)),
            ("upgrade.units", upgrade.map_or(&none, |u| &u.units)),
        ] {
            check(
                &format!("the number of entries in {what}"),
                list.len(),
                &(0..=LIST_ENTRIES),
            )?;
        }
        Ok(())
    }

    /// What the app recorded as the call went on, labelled for display:
    /// route, shortlist, choice, upgrade and payment (empty when not yet).
    pub fn captured(&self) -> [(&'static str, String); 5] {
        [
            ("Route", self.route.map_or(String::new(), |r| r.to_string())),
            ("Shortlist", self.shortlist.join(", ")),
            ("Chosen", self.chosen.clone().unwrap_or_default()),
            (
                "Upgrade",
                self.upgrade
                    .as_ref()
                    .map_or(String::new(), |u| u.to_string()),
            ),
            (
                "Payment",
                self.payment
                    .as_ref()
                    .map_or(String::new(), |p| p.to_string()),
            ),
        ]
    }

    pub fn new(id: String, now: NaiveDateTime) -> Enquiry {
        let now = whole_seconds(now);
        Enquiry {
            id,
            created: now,
            updated: now,
            caller: Caller::default(),
            role: None,
            interest: None,
            notes: String::new(),
            route: None,
            answers: Answers::default(),
            shortlist: Vec::new(),
            chosen: None,
            upgrade: None,
            payment: None,
            revision: 0,
            advisor: String::new(),
            quoted: None,
        }
    }

    /// Nothing typed or recorded yet: an enquiry like this is not worth a
    /// file (an advisor's `n` by mistake, or a call that never started).
    pub fn is_blank(&self) -> bool {
        let Enquiry {
            id: _,
            created: _,
            updated: _,
            caller,
            role,
            interest,
            notes,
            route,
            answers,
            shortlist,
            chosen,
            upgrade,
            payment,
            revision: _,
            advisor: _,
            quoted,
        } = self;
        [
            &caller.name,
            &caller.email,
            &caller.phone,
            &caller.organisation,
            notes,
        ]
        .iter()
        .all(|t| t.trim().is_empty())
            && role.is_none()
            && interest.is_none()
            && route.is_none()
            && *answers == Answers::default()
            && shortlist.is_empty()
            && chosen.is_none()
            && upgrade.is_none()
            && payment.is_none()
            && quoted.is_none()
    }

    /// What the call captured, in a few words for the status line when it
    /// ends: "2 shortlisted, l5-dip-cm chosen, instalments, quote written"
    /// ("caller's details only" when it captured nothing more).
    pub fn outcome(&self) -> String {
        let mut said = Vec::new();
        match self.shortlist.len() {
            0 => {}
            n => said.push(format!("{n} shortlisted")),
        }
        if let Some(target) = self.target_chosen() {
            said.push(format!("{target} chosen"));
        }
        if let Some(p) = &self.payment {
            said.push(
                if p.instalments {
                    "paying by instalments"
                } else {
                    "paying in full"
                }
                .to_string(),
            );
        }
        if self.quoted.is_some() {
            said.push("quote written".to_string());
        }
        if said.is_empty() {
            "caller's details only".to_string()
        } else {
            said.join(", ")
        }
    }

    /// The qualification a quote is for: the one chosen on Plan & pay (with
    /// what the caller holds), else the one chosen, else the first on the
    /// shortlist.
    pub fn target(&self) -> Option<&str> {
        self.target_chosen()
            .or(self.shortlist.first().map(String::as_str))
    }

    /// The qualification chosen on Plan & pay (or upgraded to), if one
    /// was: unlike `target`, never a shortlist's guess.
    pub fn target_chosen(&self) -> Option<&str> {
        self.upgrade
            .as_ref()
            .map(|u| u.to.as_str())
            .or(self.chosen.as_deref())
    }

    /// What the caller holds, as recorded with the qualification chosen.
    pub fn holding(&self) -> Holding {
        self.upgrade
            .as_ref()
            .map_or_else(Holding::none, UpgradeChoice::holding)
    }

    /// Records a questionnaire's answers, as the app and the plain mode
    /// both do. Enquiries keep whole hours a week, rounded up.
    pub fn record_answers(&mut self, p: &crate::planner::LearnerProfile) {
        self.route = p.route;
        self.role = p.role.or(self.role);
        self.interest = p.interest.or(self.interest);
        self.answers.level = p.level;
        self.answers.hours_per_week = p.hours_per_week.map(|h| h.tenths.div_ceil(10));
        self.answers.budget_inc_vat = p.budget_inc_vat;
        self.answers.target_date = p.target_date;
        self.answers.held = p.held.clone();
    }

    /// Records the qualification chosen on Plan and pay, the holding its
    /// figures were worked out from, and how it is paid.
    pub fn record_plan(&mut self, target: &str, holding: &Holding, payment: PaymentChoice) {
        self.choose(target, holding);
        self.payment = Some(payment);
    }

    /// Records the qualification chosen and the holding its figures were
    /// worked out from.
    pub fn choose(&mut self, target: &str, holding: &Holding) {
        self.chosen = Some(target.to_string());
        self.upgrade = (!holding.is_empty()).then(|| UpgradeChoice {
            to: target.to_string(),
            held: holding.qualifications.clone(),
            units: holding.units.clone(),
            elsewhere: !holding.with_provider,
        });
    }

    /// How the enquiry is named in lists: the caller or their organisation,
    /// else how to reach them, else its id.
    pub fn label(&self) -> String {
        match (self.caller.name.trim(), self.caller.organisation.trim()) {
            // Someone who gave only an e-mail address or a telephone number
            // is known by it, before the enquiry's id.
            ("", "") => [self.caller.email.trim(), self.caller.phone.trim()]
                .into_iter()
                .find(|contact| !contact.is_empty())
                .map_or_else(|| self.id.clone(), str::to_string),
            (name, "") => name.to_string(),
            ("", org) => org.to_string(),
            (name, org) => format!("{name}, {org}"),
        }
    }
}

/// Lower-case letters, digits and single hyphens from any text, for file
/// names made from what a caller said (never a path taken raw from input).
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for ch in text.chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    trimmed
        .chars()
        .take(40)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::{Enquiry, slug};

    /// An enquiry is listed by who called: their name and organisation,
    /// else the e-mail or telephone number they left, and only when
    /// nothing at all was taken, by its id.
    #[test]
    fn an_enquiry_is_known_by_whatever_the_caller_left() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
            .and_then(|d| d.and_hms_opt(10, 0, 0))
            .unwrap();
        let mut e = Enquiry::new("enq-20261201-100000".into(), at);
        assert_eq!(e.label(), "enq-20261201-100000");
        e.caller.phone = " 01632 960000 ".into();
        assert_eq!(e.label(), "01632 960000");
        e.caller.email = "sam@example.org".into();
        assert_eq!(e.label(), "sam@example.org");
        e.caller.organisation = "Wessex Water".into();
        assert_eq!(e.label(), "Wessex Water");
        e.caller.name = "Sam Okafor".into();
        assert_eq!(e.label(), "Sam Okafor, Wessex Water");
        e.caller.organisation = " ".into();
        assert_eq!(e.label(), "Sam Okafor");
    }

    /// What a call ended with names the qualification its quote is for:
    /// the upgrade's target, even where an older record says otherwise.
    #[test]
    fn a_call_ends_naming_what_the_quote_is_for() {
        let at = chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
            .and_then(|d| d.and_hms_opt(10, 0, 0))
            .unwrap();
        let mut e = Enquiry::new("enq-20261201-100000".into(), at);
        assert_eq!(e.outcome(), "caller's details only");
        e.shortlist = vec!["l5-cert-cm".into(), "l5-dip-cm".into()];
        e.chosen = Some("l5-cert-cm".into());
        e.upgrade = Some(super::UpgradeChoice {
            to: "l5-dip-cm".into(),
            held: vec!["l5-cert-cm".into()],
            units: Vec::new(),
            elsewhere: false,
        });
        assert_eq!(e.outcome(), "2 shortlisted, l5-dip-cm chosen");
    }

    #[test]
    fn slugs_are_safe_file_names() {
        assert_eq!(slug("Jane O'Neill-Smith"), "jane-o-neill-smith");
        assert_eq!(slug("../../etc/passwd"), "etc-passwd");
        assert_eq!(slug("  Zoë  Ward "), "zo-ward");
        assert_eq!(slug("\u{1b}[2J"), "2j");
        assert_eq!(slug("///"), "");
    }
}
