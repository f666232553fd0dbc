//! Enquiry capture: the caller's details, saved after every answer, so
//! that the end of input (or a closed terminal) loses nothing. While an
//! enquiry is open, a route's answers and a plan's choice are recorded in
//! it as the app records them.

use super::choices::{self, INTERESTS};
use super::console::Console;
use super::form::{Answer, Answers, Choice, Form, Outcome, Question, Value};
use super::{Flow, Session};
use crate::bounds::enquiry as limit;
use crate::enquiry::{Enquiry, PaymentChoice, Saved, Store, StoreSetup, save_enquiry};
use crate::files::Dirs;
use crate::planner::{Holding, LearnerProfile, Role};
use std::io::{self, BufRead, Write};

/// The enquiry being captured, and where it is saved: the store chosen
/// with `--store` or in the config file, as the app's.
pub struct Capture {
    dirs: Option<Dirs>,
    setup: StoreSetup,
    store: Option<Box<dyn Store>>,
    active: Option<Enquiry>,
    /// Why the last save failed, while the latest edits are not on disk.
    unsaved: Option<String>,
    /// The shared store's state last said (offline, and why), so that it
    /// is said once, not after every answer.
    offline_said: Option<String>,
}

impl Capture {
    pub fn new(dirs: Option<Dirs>, setup: StoreSetup) -> Capture {
        Capture {
            dirs,
            setup,
            store: None,
            active: None,
            unsaved: None,
            offline_said: None,
        }
    }

    /// The store, opened on first use; what is wrong when it cannot be.
    fn store(&mut self) -> Result<&mut Box<dyn Store>, String> {
        if self.store.is_none() {
            let dirs = self
                .dirs
                .as_ref()
                .ok_or("there is no data folder for enquiries (is HOME set?)")?;
            let store = self
                .setup
                .choice
                .open(dirs, &self.setup.advisor)
                .map_err(|e| format!("cannot open the enquiries store: {e}"))?;
            self.store = Some(store);
        }
        Ok(self.store.as_mut().expect("just opened"))
    }

    /// Saves the open enquiry now; says so only when it fails, when
    /// another advisor's save meant keeping both, or when a shared store is
    /// out of reach (the edits wait on this computer).
    fn save<R: BufRead, W: Write>(&mut self, c: &mut Console<R, W>) -> io::Result<()> {
        let now = chrono::Local::now().naive_local();
        let (Some(store), Some(e)) = (self.store.as_mut(), self.active.as_mut()) else {
            return Ok(());
        };
        let result = match save_enquiry(store.as_mut(), e, &self.setup.advisor, now) {
            Ok(deleted @ Saved::DeletedElsewhere { .. }) => {
                // A deletion is an erasure: it is not undone by saving
                // again; the advisor starts a new enquiry if the caller
                // wants one.
                self.active = None;
                self.unsaved = None;
                let said = deleted.notice().unwrap_or_default();
                return c.say(&format!(
                    "{said}; choose \"Capture an enquiry\" to start a new one."
                ));
            }
            Ok(saved) => Ok(saved.notice().map(|n| format!("{n}."))),
            Err(x) => Err(x.to_string()),
        };
        let offline = store.offline();
        let why = offline.as_ref().map(|o| o.why.clone());
        if why != self.offline_said {
            match &offline {
                Some(o) => c.say(&format!("{o}."))?,
                None if self.offline_said.is_some() => {
                    c.say("The shared store is back; the edits kept here were sent.")?
                }
                None => {}
            }
            self.offline_said = why;
        }
        match result {
            Ok(said) => {
                self.unsaved = None;
                if let Some(said) = said {
                    c.say(&said)?;
                }
            }
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
        self.change(c, |e| e.record_answers(p))
    }

    /// The qualification chosen on Plan and pay, and how it is paid.
    pub fn record_choice<R: BufRead, W: Write>(
        &mut self,
        c: &mut Console<R, W>,
        target: &str,
        holding: &Holding,
        payment: PaymentChoice,
    ) -> io::Result<()> {
        self.change(c, |e| e.record_plan(target, holding, payment))
    }

    /// As the session ends: a last save if the latest edits are not on
    /// disk, and where the enquiry is.
    pub fn finish<R: BufRead, W: Write>(&mut self, c: &mut Console<R, W>) -> io::Result<()> {
        if self.unsaved.is_some() {
            self.save(c)?;
        }
        if self.let_go_if_nothing_typed(c)? {
            return Ok(());
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
            c.gap()?;
            c.say(&format!(
                "New enquiry {id}: saved from the first answer typed, then after every answer. The routes and Plan and pay record what the caller chooses in it."
            ))?;
        }
    }
    let outcome = form.run(c, 0, &mut |answers, c| cap.change_quietly(c, answers))?;
    Ok(match outcome {
        Outcome::Leave => Flow::Leave,
        Outcome::Back | Outcome::Done => {
            if !cap.let_go_if_nothing_typed(c)?
                && let Some(e) = &cap.active
            {
                c.say(&format!("Enquiry {} is saved.", e.id))?;
            }
            Flow::Menu
        }
    })
}

impl Capture {
    /// An enquiry exists once something is typed: a new one left with
    /// nothing in it is let go, with no file made, and the advisor told.
    /// Whether it was.
    fn let_go_if_nothing_typed<R: BufRead, W: Write>(
        &mut self,
        c: &mut Console<R, W>,
    ) -> io::Result<bool> {
        match &self.active {
            Some(e) if e.is_blank() && e.revision == 0 => {
                let id = e.id.clone();
                self.active = None;
                c.say(&format!(
                    "Nothing was typed, so no enquiry was saved (no file was made for {id})."
                ))?;
                Ok(true)
            }
            _ => Ok(false),
        }
    }

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
