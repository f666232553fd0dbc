//! Numbered questions, one at a time, with Back and Review: the one way
//! every part of the plain mode asks.
//!
//! A choice is answered by its number or by its name ("2", "mentoring",
//! "l5-dip-cm", "level 5 diploma"); a typed answer (a date, pounds, a
//! name) is checked by the question's own parser. At any question `back`
//! (`b`) goes to the previous one, `review` (`r`) lists every answer so far
//! and lets one be changed, `help` (`?`) says all this, and `quit` (`q`) or
//! the end of input leaves.

use super::Flow;
use super::console::{Console, Line};
use crate::money::Pence;
use crate::planner::HoursPerWeek;
use chrono::NaiveDate;
use std::io::{self, BufRead, Write};

/// A checked answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// The option chosen, counted from 0.
    Choice(usize),
    Money(Pence),
    Hours(HoursPerWeek),
    Date(NaiveDate),
    Text(String),
    /// Left empty where that is allowed.
    Skipped,
}

/// An answer and how it reads back in a review.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    pub value: Value,
    pub shown: String,
}

/// One option of a choice: how it is listed, and other names it answers
/// to (an id, an option's spelling on the command line).
#[derive(Clone, Debug)]
pub struct Choice {
    pub label: String,
    pub names: Vec<String>,
}

impl Choice {
    pub fn new(label: impl Into<String>) -> Choice {
        Choice {
            label: label.into(),
            names: Vec::new(),
        }
    }

    pub fn named(label: impl Into<String>, names: &[&str]) -> Choice {
        Choice {
            label: label.into(),
            names: names.iter().map(|n| n.to_string()).collect(),
        }
    }
}

/// Checks a typed answer: the value, or what is wrong and what to type.
pub type Parser<'a> = Box<dyn Fn(&str) -> Result<Value, String> + 'a>;

/// What a question takes.
pub enum Kind<'a> {
    Choice {
        options: Vec<Choice>,
        /// Names the options do not spell out (a qualification's title
        /// words, as `planner::resolve_qualification` reads them).
        resolve: Option<Resolver<'a>>,
    },
    Typed {
        parse: Parser<'a>,
        /// What an empty answer means (`None`: one is needed).
        empty: Option<Answer>,
    },
}

/// Whether a question is asked, from the answers before it.
pub type When<'a> = Box<dyn Fn(&Answers) -> bool + 'a>;

/// The option a name stands for, where `pick` cannot tell.
pub type Resolver<'a> = Box<dyn Fn(&str) -> Option<usize> + 'a>;

pub struct Question<'a> {
    /// What the question is about, for the review ("Role").
    pub topic: &'static str,
    pub text: String,
    pub kind: Kind<'a>,
    pub when: Option<When<'a>>,
}

impl<'a> Question<'a> {
    pub fn choice(
        topic: &'static str,
        text: impl Into<String>,
        options: Vec<Choice>,
    ) -> Question<'a> {
        Question {
            topic,
            text: text.into(),
            kind: Kind::Choice {
                options,
                resolve: None,
            },
            when: None,
        }
    }

    /// A typed answer; `empty` is what an empty answer stands for.
    pub fn typed(
        topic: &'static str,
        text: impl Into<String>,
        parse: Parser<'a>,
        empty: Option<Answer>,
    ) -> Question<'a> {
        Question {
            topic,
            text: text.into(),
            kind: Kind::Typed { parse, empty },
            when: None,
        }
    }

    /// A choice that also takes names `resolve` understands.
    pub fn resolving(mut self, by: impl Fn(&str) -> Option<usize> + 'a) -> Question<'a> {
        if let Kind::Choice { resolve, .. } = &mut self.kind {
            *resolve = Some(Box::new(by));
        }
        self
    }

    /// Asked only when `when` holds for the answers so far.
    pub fn only_when(mut self, when: impl Fn(&Answers) -> bool + 'a) -> Question<'a> {
        self.when = Some(Box::new(when));
        self
    }
}

/// The answers so far, one slot per question.
#[derive(Clone, Debug, Default)]
pub struct Answers(pub Vec<Option<Answer>>);

impl Answers {
    pub fn value(&self, i: usize) -> Option<&Value> {
        self.0.get(i).and_then(Option::as_ref).map(|a| &a.value)
    }

    /// The option chosen at question `i`.
    pub fn choice(&self, i: usize) -> Option<usize> {
        match self.value(i) {
            Some(Value::Choice(n)) => Some(*n),
            _ => None,
        }
    }

    /// The amount given at question `i` (`None`: skipped or not asked).
    pub fn money(&self, i: usize) -> Option<Pence> {
        match self.value(i) {
            Some(Value::Money(p)) => Some(*p),
            _ => None,
        }
    }

    /// The weekly hours given at question `i`.
    pub fn hours(&self, i: usize) -> Option<HoursPerWeek> {
        match self.value(i) {
            Some(Value::Hours(h)) => Some(*h),
            _ => None,
        }
    }

    /// The date given at question `i`.
    pub fn date(&self, i: usize) -> Option<NaiveDate> {
        match self.value(i) {
            Some(Value::Date(d)) => Some(*d),
            _ => None,
        }
    }
}

/// Why answers that each passed their own question do not work together
/// (no top-up from that holding, a date the plan cannot meet), and the
/// question to ask again from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub why: String,
    pub ask_again: usize,
}

impl Refusal {
    pub fn new(why: impl std::fmt::Display, ask_again: usize) -> Refusal {
        Refusal {
            why: why.to_string(),
            ask_again,
        }
    }
}

/// Called with the answers each time one is given.
pub type AfterAnswer<'a, R, W> = dyn FnMut(&Answers, &mut Console<R, W>) -> io::Result<()> + 'a;

/// How a form ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Every question asked was answered.
    Done,
    /// Back from the first question.
    Back,
    /// `quit`, or the end of input.
    Leave,
}

/// Words that steer rather than answer.
enum Command {
    Back,
    Review,
    Help,
    Quit,
}

fn command(text: &str) -> Option<Command> {
    match text.trim().to_lowercase().as_str() {
        "b" | "back" => Some(Command::Back),
        "r" | "review" => Some(Command::Review),
        "?" | "help" => Some(Command::Help),
        "q" | "quit" | "exit" => Some(Command::Quit),
        _ => None,
    }
}

pub const HELP: &str = "Answer with the number of a choice or its name. At any question: back (or b) goes to the previous question; review (or r) lists your answers so far and lets you change one; quit (or q) leaves; help (or ?) says this again. Where a question says so, an empty answer skips it or keeps what is shown.";

/// Questions asked in order, and their answers.
pub struct Form<'a> {
    pub title: String,
    pub questions: Vec<Question<'a>>,
    pub answers: Answers,
}

impl<'a> Form<'a> {
    pub fn new(title: impl Into<String>, questions: Vec<Question<'a>>) -> Form<'a> {
        let n = questions.len();
        Form {
            title: title.into(),
            questions,
            answers: Answers(vec![None; n]),
        }
    }

    fn asked(&self, i: usize) -> bool {
        self.questions[i]
            .when
            .as_ref()
            .is_none_or(|when| when(&self.answers))
    }

    /// The questions that are asked, given the answers so far.
    fn asked_indices(&self) -> Vec<usize> {
        (0..self.questions.len())
            .filter(|i| self.asked(*i))
            .collect()
    }

    /// Asks from question `start` to the end; `after` is called with the
    /// answers each time one is given (to save them as they come).
    pub fn run<R: BufRead, W: Write>(
        &mut self,
        c: &mut Console<R, W>,
        start: usize,
        after: &mut AfterAnswer<'_, R, W>,
    ) -> io::Result<Outcome> {
        let mut i = start;
        // Where to go on from after an answer changed through Review.
        let mut resume: Option<usize> = None;
        let mut back = false;
        loop {
            if i >= self.questions.len() {
                match resume.take() {
                    Some(r) if r < self.questions.len() => {
                        i = r;
                        continue;
                    }
                    _ => return Ok(Outcome::Done),
                }
            }
            if !self.asked(i) {
                self.answers.0[i] = None;
                match (back, i) {
                    (true, 0) => return Ok(Outcome::Back),
                    (true, _) => i -= 1,
                    (false, _) => i += 1,
                }
                continue;
            }
            back = false;
            match self.ask(c, i)? {
                Step::Answered(a) => {
                    self.answers.0[i] = Some(a);
                    after(&self.answers, c)?;
                    // After a change made through Review: any question it
                    // newly calls for, then back to where the review began.
                    i = match resume.take() {
                        Some(r) if r > i => match (i + 1..r)
                            .find(|j| self.asked(*j) && self.answers.0[*j].is_none())
                        {
                            Some(j) => {
                                resume = Some(r);
                                j
                            }
                            None => r,
                        },
                        _ => i + 1,
                    };
                }
                Step::Back if i == 0 => return Ok(Outcome::Back),
                Step::Back => {
                    back = true;
                    i -= 1;
                }
                Step::Review => {
                    if let Some(j) = self.review(c)? {
                        resume = Some(resume.unwrap_or(i).max(i));
                        i = j;
                    }
                }
                Step::Leave => return Ok(Outcome::Leave),
            }
        }
    }

    /// Asks every question, then works the answers with `work`. Where
    /// `work` refuses them, says why and asks again from the question at
    /// fault, keeping every other answer, until they work. `Err` is where
    /// to go when the person leaves instead: the menu (`back` at the first
    /// question) or out (`quit`, the end of input).
    pub fn ask_until<R: BufRead, W: Write, T>(
        &mut self,
        c: &mut Console<R, W>,
        mut work: impl FnMut(&Answers) -> Result<T, Refusal>,
    ) -> io::Result<Result<T, Flow>> {
        let mut start = 0;
        loop {
            match self.run(c, start, &mut |_, _| Ok(()))? {
                Outcome::Back => return Ok(Err(Flow::Menu)),
                Outcome::Leave => return Ok(Err(Flow::Leave)),
                Outcome::Done => {}
            }
            match work(&self.answers) {
                Ok(worked) => return Ok(Ok(worked)),
                Err(refused) => {
                    c.gap()?;
                    c.say(&format!(
                        "{}. Change that answer.",
                        crate::text::capitalised(refused.why.trim_end_matches('.'))
                    ))?;
                    start = refused
                        .ask_again
                        .min(self.questions.len().saturating_sub(1));
                }
            }
        }
    }

    /// "Question 2 of 4" counts the questions asked, given the answers.
    fn position(&self, i: usize) -> String {
        let asked = self.asked_indices();
        let n = asked.iter().position(|x| *x == i).map_or(i + 1, |p| p + 1);
        if asked.len() == 1 {
            return self.title.clone();
        }
        format!("{}, question {n} of {}", self.title, asked.len())
    }

    fn ask<R: BufRead, W: Write>(&self, c: &mut Console<R, W>, i: usize) -> io::Result<Step> {
        let q = &self.questions[i];
        let now = self.answers.0[i].clone();
        c.gap()?;
        c.say(&self.position(i))?;
        c.say(&q.text)?;
        if let Kind::Choice { options, .. } = &q.kind {
            for (n, o) in options.iter().enumerate() {
                c.say(&format!("{}. {}", n + 1, o.label))?;
            }
        }
        let keep = match (&now, &q.kind) {
            (Some(a), _) => Some(format!("Enter keeps {}", a.shown)),
            (None, Kind::Typed { empty: Some(e), .. }) if e.value == Value::Text(String::new()) => {
                Some("Enter leaves it empty".to_string())
            }
            (None, Kind::Typed { empty: Some(e), .. }) => Some(format!("Enter for {}", e.shown)),
            _ => None,
        };
        let prompt = match (&q.kind, keep) {
            (Kind::Choice { options: o, .. }, Some(k)) => {
                format!("Number or name, 1 to {} ({k}):", o.len())
            }
            (Kind::Choice { options: o, .. }, None) => format!("Number or name, 1 to {}:", o.len()),
            (Kind::Typed { .. }, Some(k)) => format!("Answer ({k}):"),
            (Kind::Typed { .. }, None) => "Answer:".to_string(),
        };
        loop {
            let text = match c.ask(&prompt)? {
                Line::End => return Ok(Step::Leave),
                Line::TooLong => {
                    c.say(&format!(
                        "That answer is too long: qualplan reads at most {} characters a line. Try again.",
                        crate::text::thousands(super::console::MAX_ANSWER_BYTES as u64)
                    ))?;
                    continue;
                }
                Line::Text(t) => t,
            };
            match command(&text) {
                Some(Command::Back) => return Ok(Step::Back),
                Some(Command::Review) => return Ok(Step::Review),
                Some(Command::Quit) => return Ok(Step::Leave),
                Some(Command::Help) => {
                    c.say(HELP)?;
                    continue;
                }
                None => {}
            }
            let empty = text.trim().is_empty();
            let answer = match (&q.kind, empty, &now) {
                (_, true, Some(a)) => Ok(a.clone()),
                (Kind::Typed { empty: Some(e), .. }, true, None) => Ok(e.clone()),
                (Kind::Choice { options, resolve }, _, _) => pick(options, &text)
                    .or_else(|e| resolve.as_ref().and_then(|r| r(&text)).ok_or(e))
                    .map(|n| Answer {
                        value: Value::Choice(n),
                        shown: options[n].label.clone(),
                    }),
                (Kind::Typed { parse, .. }, _, _) => parse(text.trim()).map(|value| Answer {
                    shown: shown(&value, text.trim()),
                    value,
                }),
            };
            match answer {
                Ok(a) => return Ok(Step::Answered(a)),
                Err(e) => c.say(&format!(
                    "{}. Try again, or type help.",
                    e.trim_end_matches('.')
                ))?,
            }
        }
    }

    /// Lists the answers so far; the question to change, if one is chosen.
    fn review<R: BufRead, W: Write>(&self, c: &mut Console<R, W>) -> io::Result<Option<usize>> {
        let asked: Vec<usize> = self.asked_indices();
        c.gap()?;
        c.say(&format!("{}: your answers so far", self.title))?;
        let options: Vec<Choice> = asked
            .iter()
            .map(|i| {
                let q = &self.questions[*i];
                let a = self.answers.0[*i]
                    .as_ref()
                    .map_or("not answered yet".to_string(), |a| a.shown.clone());
                Choice::named(format!("{}: {a}", q.topic), &[q.topic])
            })
            .collect();
        for (n, o) in options.iter().enumerate() {
            c.say(&format!("{}. {}", n + 1, o.label))?;
        }
        loop {
            let prompt = format!(
                "Which answer to change? Number or name, 1 to {} (Enter goes on):",
                options.len()
            );
            let text = match c.ask(&prompt)? {
                Line::End => return Ok(None),
                Line::TooLong => continue,
                Line::Text(t) => t,
            };
            if text.trim().is_empty() || matches!(command(&text), Some(Command::Back)) {
                return Ok(None);
            }
            match pick(&options, &text) {
                Ok(n) => return Ok(Some(asked[n])),
                Err(e) => c.say(&format!("{e}. Try again, or press Enter to go on."))?,
            }
        }
    }
}

enum Step {
    Answered(Answer),
    Back,
    Review,
    Leave,
}

/// How a typed answer reads back: the value as qualplan writes it.
fn shown(value: &Value, typed: &str) -> String {
    match value {
        Value::Money(p) => p.to_string(),
        Value::Hours(h) => format!("{h} hours a week"),
        Value::Date(d) => d.to_string(),
        Value::Skipped => "not given".to_string(),
        Value::Text(t) if t.is_empty() => "left empty".to_string(),
        Value::Text(t) => t.clone(),
        Value::Choice(_) => typed.to_string(),
    }
}

/// Words of a name, lower case, without punctuation: "Level 5 (RQF)" is
/// `["level", "5", "rqf"]`.
fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The option an answer names: its number; a name or label in full; or
/// words that begin words of exactly one option ("first line", "l5 dip").
pub fn pick(options: &[Choice], text: &str) -> Result<usize, String> {
    let t = text.trim().trim_end_matches('.');
    let count = options.len();
    // "-1", "2.5", "1,000": a number, never words of a name.
    let numeric = t.chars().any(|c| c.is_ascii_digit())
        && t.chars().all(|c| c.is_ascii_digit() || "+-.,".contains(c));
    if numeric {
        return match t.parse::<usize>() {
            Ok(n) if (1..=count).contains(&n) => Ok(n - 1),
            _ => Err(format!(
                "There is no choice {t}: give a number from 1 to {count}"
            )),
        };
    }
    let typed = words(t);
    if typed.is_empty() {
        return Err(format!("Give a number from 1 to {count}, or a name"));
    }
    let names = |o: &Choice| -> Vec<Vec<String>> {
        std::iter::once(&o.label)
            .chain(&o.names)
            .map(|n| words(n))
            .collect()
    };
    let exact: Vec<usize> = (0..count)
        .filter(|i| names(&options[*i]).contains(&typed))
        .collect();
    if let [only] = exact.as_slice() {
        return Ok(*only);
    }
    let fits: Vec<usize> = (0..count)
        .filter(|i| {
            names(&options[*i]).iter().any(|name| {
                typed
                    .iter()
                    .all(|w| name.iter().any(|n| n.starts_with(w.as_str())))
            })
        })
        .collect();
    let echo = crate::text::neutralise(t);
    match fits.as_slice() {
        [only] => Ok(*only),
        [] => Err(format!(
            "`{echo}` is none of the choices: give a number from 1 to {count}, or a name"
        )),
        several => Err(format!(
            "`{echo}` fits {} choices ({}): give the number",
            several.len(),
            several
                .iter()
                .map(|i| format!("{} {}", i + 1, options[*i].label))
                .collect::<Vec<_>>()
                .join("; ")
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options() -> Vec<Choice> {
        vec![
            Choice::named("First-line manager", &["first-line-manager"]),
            Choice::named("Middle manager", &["middle-manager"]),
            Choice::named("Level 5 Diploma in Coaching and Mentoring", &["l5-dip-cm"]),
            Choice::named(
                "Level 5 Certificate in Coaching and Mentoring",
                &["l5-cert-cm"],
            ),
        ]
    }

    #[test]
    fn a_choice_is_named_by_number_or_name() {
        let o = options();
        assert_eq!(pick(&o, "2"), Ok(1));
        assert_eq!(pick(&o, " 2. "), Ok(1));
        assert_eq!(pick(&o, "MIDDLE MANAGER"), Ok(1));
        assert_eq!(pick(&o, "first-line-manager"), Ok(0));
        assert_eq!(pick(&o, "first line"), Ok(0));
        assert_eq!(pick(&o, "l5-dip-cm"), Ok(2));
        assert_eq!(pick(&o, "level 5 dip"), Ok(2));
        assert_eq!(
            pick(&o, "-5"),
            Err("There is no choice -5: give a number from 1 to 4".into())
        );
        assert_eq!(
            pick(&o, "9"),
            Err("There is no choice 9: give a number from 1 to 4".into())
        );
        assert_eq!(
            pick(&o, "99999999999999999999999"),
            Err("There is no choice 99999999999999999999999: give a number from 1 to 4".into())
        );
        assert_eq!(
            pick(&o, "level 5"),
            Err("`level 5` fits 2 choices (3 Level 5 Diploma in Coaching and Mentoring; 4 Level 5 Certificate in Coaching and Mentoring): give the number".into())
        );
        assert_eq!(
            pick(&o, "senior\u{1b}"),
            Err(
                "`senior<U+001B>` is none of the choices: give a number from 1 to 4, or a name"
                    .into()
            )
        );
    }

    fn run(form: &mut Form, input: &str) -> (Outcome, String) {
        let mut c = Console::new(input.as_bytes(), Vec::new(), true);
        let outcome = form.run(&mut c, 0, &mut |_, _| Ok(())).unwrap();
        let (_, out) = c.into_parts();
        (outcome, String::from_utf8(out).unwrap())
    }

    fn form() -> Form<'static> {
        Form::new(
            "Test",
            vec![
                Question::choice("Role", "What is your role?", options()),
                Question::typed(
                    "Budget",
                    "Budget in pounds?",
                    Box::new(|s| crate::parse::pounds(s).map(Value::Money)),
                    Some(Answer {
                        value: Value::Skipped,
                        shown: "no budget".into(),
                    }),
                ),
                Question::typed(
                    "Date",
                    "When?",
                    Box::new(|s| crate::parse::date(s).map(Value::Date)),
                    None,
                )
                .only_when(|a| a.value(1) != Some(&Value::Skipped)),
            ],
        )
    }

    #[test]
    fn back_and_review_change_answers() {
        let mut f = form();
        let (outcome, out) = run(
            &mut f,
            "2\n1500\nback\n2000\nreview\n1\nfirst\n2027-01-04\n",
        );
        assert_eq!(outcome, Outcome::Done);
        assert_eq!(f.answers.choice(0), Some(0));
        assert_eq!(f.answers.value(1), Some(&Value::Money(Pence(200_000))));
        assert_eq!(
            f.answers.value(2),
            Some(&Value::Date(NaiveDate::from_ymd_opt(2027, 1, 4).unwrap()))
        );
        assert!(
            out.contains(
                "1. Role: Middle manager\n2. Budget: £2,000.00\n3. Date: not answered yet\n"
            ),
            "{out}"
        );
        assert!(
            out.contains("Answer (Enter keeps £1,500.00): 2000\n"),
            "{out}"
        );
    }

    #[test]
    fn a_skipped_answer_skips_what_depends_on_it() {
        let mut f = form();
        let (outcome, out) = run(&mut f, "1\n\n");
        assert_eq!(outcome, Outcome::Done);
        assert_eq!(f.answers.value(1), Some(&Value::Skipped));
        assert_eq!(f.answers.value(2), None);
        assert!(out.contains("Test, question 2 of 3"), "{out}");
        assert!(!out.contains("When?"), "{out}");
    }

    #[test]
    fn bad_answers_are_asked_again_and_the_end_leaves() {
        let mut f = form();
        let (outcome, out) = run(&mut f, "senior\n1\n-5\n");
        assert_eq!(outcome, Outcome::Leave);
        assert!(out.contains("`senior` is none of the choices"), "{out}");
        assert!(out.contains("an amount cannot be negative: write e.g. 2500 or 1695.50. Try again, or type help.\n"), "{out}");
        let (outcome, _) = run(&mut form(), "back\n");
        assert_eq!(outcome, Outcome::Back);
        let (outcome, _) = run(&mut form(), "q\n");
        assert_eq!(outcome, Outcome::Leave);
    }
}
