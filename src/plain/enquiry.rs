//! Enquiry capture: the caller's details, saved after every answer, so
//! that the end of input (or a closed terminal) loses nothing. While an
//! enquiry is open, a route's answers and a plan's choice are recorded in
//! it as the app records them.

use super::choices::{self, INTERESTS};
use super::console::Console;
use super::form::{Answer, Answers, Choice, Form, Outcome, Question, Value};
use super::{Flow, Session};
use crate::bounds::enquiry as limit;
use crate::enquiry::{Enquiry, EnquiryStore, PaymentChoice};
use crate::files::Dirs;
use crate::planner::{Holding, LearnerProfile, Role};
use std::io::{self, BufRead, Write};

/// The enquiry being captured, and where it is saved.
pub struct Capture {
    dirs: Option<Dirs>,
    store: Option<EnquiryStore>,
    active: Option<Enquiry>,
    /// Why the last save failed, while the latest edits are not on disk.
    unsaved: Option<String>,
}

impl Capture {
    pub fn new(dirs: Option<Dirs>) -> Capture {
        Capture {
            dirs,
            store: None,
            active: None,
            unsaved: None,
        }
    }

    /// The store, opened on first use; what is wrong when it cannot be.
    fn store(&mut self) -> Result<&EnquiryStore, String> {
        if self.store.is_none() {
            let dirs = self
                .dirs
                .as_ref()
                .ok_or("there is no data folder for enquiries (is HOME set?)")?;
            let store = EnquiryStore::open_in(dirs)
                .map_err(|e| format!("cannot open the enquiries folder: {e}"))?;
            self.store = Some(store);
        }
        Ok(self.store.as_ref().expect("just opened"))
    }

    /// Saves the open enquiry now; says so only when it fails.
    fn save<R: BufRead, W: Write>(&mut self, c: &mut Console<R, W>) -> io::Result<()> {
        let now = chrono::Local::now().naive_local();
        let result = match (self.store.as_ref(), self.active.as_mut()) {
            (Some(store), Some(e)) => {
                e.updated = now;
                store.save(e).map_err(|x| x.to_string())
            }
            _ => return Ok(()),
        };
        match result {
            Ok(()) => self.unsaved = None,
            Err(why) => {
                let id = self.active.as_ref().map_or("", |e| e.id.as_str());
                c.say(&format!(
                    "Could not save enquiry {id}: {why}. It is tried again with the next answer, and as qualplan ends."
                ))?;
                self.unsaved = Some(why);
            }
        }
        Ok(())
    }

    /// Changes the open enquiry (if any) and saves it when it changed.
    fn change<R: BufRead, W: Write>(
        &mut self,
        c: &mut Console<R, W>,
        edit: impl FnOnce(&mut Enquiry),
    ) -> io::Result<()> {
        let Some(e) = self.active.as_mut() else {
            return Ok(());
        };
        let before = e.clone();
        edit(e);
        if *e != before || self.unsaved.is_some() {
            let id = e.id.clone();
            self.save(c)?;
            if self.unsaved.is_none() {
                c.say(&format!("Recorded in enquiry {id}."))?;
            }
        }
        Ok(())
    }

    /// A route's answers, as the app records its questionnaire's.
    pub fn record_profile<R: BufRead, W: Write>(
        &mut self,
        c: &mut Console<R, W>,
        p: &LearnerProfile,
    ) -> io::Result<()> {
        self.change(c, |e| {
            e.route = p.route;
            e.role = p.role.or(e.role);
            e.interest = p.interest.or(e.interest);
            e.answers.level = p.level;
            // Enquiries keep whole hours, rounded up.
            e.answers.hours_per_week = p.hours_per_week.map(|h| h.tenths.div_ceil(10));
            e.answers.budget_inc_vat = p.budget_inc_vat;
            e.answers.target_date = p.target_date;
            e.answers.held = p.held.clone();
        })
    }

    /// The qualification chosen on Plan and pay, and how it is paid.
    pub fn record_choice<R: BufRead, W: Write>(
        &mut self,
        c: &mut Console<R, W>,
        target: &str,
        holding: &Holding,
        payment: PaymentChoice,
    ) -> io::Result<()> {
        self.change(c, |e| {
            e.choose(target, holding);
            e.payment = Some(payment);
        })
    }

    /// As the session ends: a last save if the latest edits are not on
    /// disk, and where the enquiry is.
    pub fn finish<R: BufRead, W: Write>(&mut self, c: &mut Console<R, W>) -> io::Result<()> {
        if self.unsaved.is_some() {
            self.save(c)?;
        }
        let Some(e) = &self.active else {
            return Ok(());
        };
        let id = e.id.clone();
        match &self.unsaved {
            None => c.say(&format!(
                "Enquiry {id} is saved; `qualplan enquiries show {id}` shows it, `qualplan quote {id}` writes its quote."
            )),
            Some(why) => c.say(&format!(
                "Enquiry {id} could not be saved ({why}); its latest answers are lost."
            )),
        }
    }
}

// Question numbers.
const NAME: usize = 0;
const EMAIL: usize = 1;
const PHONE: usize = 2;
const ORGANISATION: usize = 3;
const ROLE: usize = 4;
const INTEREST: usize = 5;
const NOTES: usize = 6;

/// A text of at most `most` characters; empty leaves it empty.
fn text(topic: &'static str, question: &str, most: usize) -> Question<'static> {
    Question::typed(
        topic,
        question,
        Box::new(move |s| match s.chars().count() {
            n if n > most => Err(format!(
                "That is {n} characters; {} takes at most {most}",
                topic.to_lowercase()
            )),
            _ => Ok(Value::Text(s.to_string())),
        }),
        Some(Answer {
            value: Value::Text(String::new()),
            shown: "left empty".into(),
        }),
    )
}

fn not_given() -> Choice {
    Choice::named("Not given", &["none", "skip"])
}

fn questions() -> Vec<Question<'static>> {
    vec![
        text("Caller", "The caller's name?", limit::NAME_CHARS),
        text("Email", "Their email address?", limit::EMAIL_CHARS),
        text("Phone", "Their phone number?", limit::PHONE_CHARS),
        text(
            "Organisation",
            "Their organisation?",
            limit::ORGANISATION_CHARS,
        ),
        Question::choice(
            "Role",
            "Their role?",
            std::iter::once(not_given())
                .chain(choices::roles())
                .collect(),
        ),
        Question::choice(
            "Interest",
            "Coaching, mentoring, or both?",
            std::iter::once(not_given())
                .chain(choices::interests())
                .collect(),
        ),
        text(
            "Notes",
            "Notes on the call, on one line?",
            limit::NOTES_CHARS,
        ),
    ]
}

/// The answers already in an enquiry, so that Enter keeps each.
fn answers_of(e: &Enquiry) -> Answers {
    let text = |t: &str| {
        Some(Answer {
            value: Value::Text(t.to_string()),
            shown: if t.is_empty() {
                "left empty".into()
            } else {
                t.to_string()
            },
        })
    };
    let choice = |n: usize, shown: String| {
        Some(Answer {
            value: Value::Choice(n),
            shown,
        })
    };
    let role = e.role.and_then(|r| Role::ALL.iter().position(|x| *x == r));
    let interest = e
        .interest
        .and_then(|i| INTERESTS.iter().position(|x| *x == i));
    Answers(vec![
        text(&e.caller.name),
        text(&e.caller.email),
        text(&e.caller.phone),
        text(&e.caller.organisation),
        role.map_or_else(
            || choice(0, "Not given".into()),
            |n| choice(n + 1, crate::text::capitalised(&Role::ALL[n].to_string())),
        ),
        interest.map_or_else(
            || choice(0, "Not given".into()),
            |n| choice(n + 1, crate::text::capitalised(&INTERESTS[n].to_string())),
        ),
        text(&e.notes),
    ])
}

/// Copies the answers into the enquiry.
fn apply(a: &Answers, e: &mut Enquiry) {
    let text = |i: usize, field: &mut String| {
        if let Some(Value::Text(t)) = a.value(i) {
            field.clone_from(t);
        }
    };
    text(NAME, &mut e.caller.name);
    text(EMAIL, &mut e.caller.email);
    text(PHONE, &mut e.caller.phone);
    text(ORGANISATION, &mut e.caller.organisation);
    text(NOTES, &mut e.notes);
    if let Some(n) = a.choice(ROLE) {
        e.role = n.checked_sub(1).and_then(|n| Role::ALL.get(n).copied());
    }
    if let Some(n) = a.choice(INTEREST) {
        e.interest = n.checked_sub(1).and_then(|n| INTERESTS.get(n).copied());
    }
}

/// Captures a new enquiry, or goes on with the open one.
pub fn run<R: BufRead, W: Write>(s: &mut Session<R, W>) -> io::Result<Flow> {
    let c = &mut s.console;
    let cap = &mut s.enquiry;
    let mut form = Form::new("Enquiry", questions());
    match &cap.active {
        Some(e) => {
            c.gap()?;
            c.say(&format!(
                "Going on with enquiry {}; Enter keeps each answer.",
                e.id
            ))?;
            form.answers = answers_of(e);
        }
        None => {
            let now = chrono::Local::now().naive_local();
            let id = match cap.store() {
                Ok(store) => store.new_id(now),
                Err(why) => {
                    c.say(&format!("Enquiries cannot be saved: {why}."))?;
                    return Ok(Flow::Menu);
                }
            };
            cap.active = Some(Enquiry::new(id.clone(), now));
            cap.save(c)?;
            c.gap()?;
            c.say(&format!(
                "New enquiry {id}: saved after every answer. The routes and Plan and pay record what the caller chooses in it."
            ))?;
        }
    }
    let outcome = form.run(c, 0, &mut |answers, c| cap.change_quietly(c, answers))?;
    Ok(match outcome {
        Outcome::Leave => Flow::Leave,
        Outcome::Back | Outcome::Done => {
            if let Some(e) = &cap.active {
                c.say(&format!("Enquiry {} is saved.", e.id))?;
            }
            Flow::Menu
        }
    })
}

impl Capture {
    /// The caller's details as answered so far, saved at once.
    fn change_quietly<R: BufRead, W: Write>(
        &mut self,
        c: &mut Console<R, W>,
        answers: &Answers,
    ) -> io::Result<()> {
        if let Some(e) = self.active.as_mut() {
            apply(answers, e);
            self.save(c)?;
        }
        Ok(())
    }
}
