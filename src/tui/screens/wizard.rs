//! Route wizard: a short questionnaire for the chosen route. Every step can
//! be skipped (Tab) or gone back to (Shift-Tab); after the last one a
//! review lists every answer, any of which can be changed, and opens the
//! ranked recommendations. Every answer is recorded as it is given, so
//! leaving keeps them: opening the questionnaire again fills them in and
//! starts at the review.

use super::{Component, Screen, results::Results};
use crate::money::Pence;
use crate::planner::{DevelopmentRoute, Interest, LearnerProfile, Role};
use crate::tui::ctx::Ctx;
use crate::tui::effect::{Effect, Event, Outcome, Record};
use crate::tui::keys::{Binding, Key, KeyGroup, bind};
use crate::tui::widgets::{Edit, FilterList, ListEvent, Look, TextField, text_field};
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// One question.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Role,
    Interest,
    Level,
    Hours,
    Budget,
    TargetDate,
    Held,
}

impl Step {
    fn question(self) -> &'static str {
        match self {
            Step::Role => "What is your role?",
            Step::Interest => "Are you interested in coaching, mentoring, or both?",
            Step::Level => {
                "Which level? Choose 'advise me' to let qualplan suggest one from your role."
            }
            Step::Hours => "How many hours a week can you give to study and practice?",
            Step::Budget => "What is your budget, in pounds including VAT?",
            Step::TargetDate => "By when would you like to finish? (YYYY-MM-DD)",
            Step::Held => "Do you already hold an ILM coaching or mentoring qualification?",
        }
    }

    /// The answer's name on the review.
    fn label(self) -> &'static str {
        match self {
            Step::Role => "Role",
            Step::Interest => "Interest",
            Step::Level => "Level",
            Step::Hours => "Hours a week",
            Step::Budget => "Budget",
            Step::TargetDate => "Finish by",
            Step::Held => "Already hold",
        }
    }

    fn is_text(self) -> bool {
        matches!(self, Step::Hours | Step::Budget | Step::TargetDate)
    }
}

/// What the answers so far say.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answers {
    pub role: Option<Role>,
    pub interest: Option<Interest>,
    pub level: Option<u8>,
    pub hours_per_week: Option<u32>,
    pub budget: Option<Pence>,
    pub target_date: Option<NaiveDate>,
    pub held: Option<String>,
}

impl Answers {
    /// The answers given before: the active enquiry's (when it has any),
    /// else, with no enquiry, the last ones given; `None` when there are
    /// none to fill in.
    fn known(ctx: &Ctx) -> Option<Answers> {
        let answers = match &ctx.enquiry {
            Some(e) => Answers {
                role: e.role,
                interest: e.interest,
                level: e.answers.level,
                hours_per_week: e.answers.hours_per_week,
                budget: e.answers.budget_inc_vat,
                target_date: e.answers.target_date,
                held: e.answers.held.first().cloned(),
            },
            None => {
                let p = ctx.answers.as_ref()?;
                Answers {
                    role: p.role,
                    interest: p.interest,
                    level: p.level,
                    hours_per_week: p.hours_per_week.map(|h| h.tenths.div_ceil(10)),
                    budget: p.budget_inc_vat,
                    target_date: p.target_date,
                    held: p.held.first().cloned(),
                }
            }
        };
        (answers != Answers::default()).then_some(answers)
    }
}

/// A budget as it is typed: "2000", "1695.50".
fn money_text(p: Pence) -> String {
    if p.0 % 100 == 0 {
        (p.0 / 100).to_string()
    } else {
        format!("{}.{:02}", p.0 / 100, p.0 % 100)
    }
}

#[derive(Debug)]
pub struct Wizard {
    pub route: DevelopmentRoute,
    pub steps: Vec<Step>,
    pub step: usize,
    /// The options of a choice step.
    pub list: FilterList,
    /// The answer typed in a text step.
    pub field: TextField,
    pub error: Option<String>,
    pub answers: Answers,
    /// Every answer is listed, to change any or go on (`list` holds the
    /// rows: one an answer, then "See the recommendations").
    pub reviewing: bool,
    /// A step opened from the review goes back to it when answered.
    back_to_review: bool,
    /// An answer that was questioned (a budget of £2, a date gone by):
    /// Enter on the same text again keeps it.
    doubted: Option<String>,
    /// Qualification ids offered for "already hold".
    held_options: Vec<String>,
}

const INTERESTS: [Interest; 3] = [Interest::Coaching, Interest::Mentoring, Interest::Both];
const LEVELS: [Option<u8>; 4] = [Some(3), Some(5), Some(7), None];
/// The longest typed answer (hours, a budget, a date).
const ANSWER_CHARS: usize = 20;

/// What a typed answer may hold: numbers, dates and amounts.
fn answer_char(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, '-' | '.' | '£' | ',' | 'k' | 'K')
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Do {
    Answer,
    Skip,
    Previous,
    Change,
}

fn asking(w: &Wizard) -> bool {
    !w.reviewing
}

const KEYS: &[Binding<Wizard, Do>] = &[
    bind(
        "wizard.answer",
        Do::Answer,
        &[Key::Enter],
        "answer",
        "answer and go on; after the last question, the review of every answer",
    )
    .when(asking),
    bind(
        "wizard.skip",
        Do::Skip,
        &[Key::Tab],
        "skip",
        "skip this question (an answer given before is kept)",
    )
    .when(asking),
    bind(
        "wizard.previous",
        Do::Previous,
        &[Key::BackTab],
        "back a step",
        "back to the previous question",
    )
    .when(|w| w.reviewing || w.step > 0),
    bind(
        "wizard.change",
        Do::Change,
        &[Key::Enter],
        "change / go on",
        "change the chosen answer; on the last row, see the recommendations",
    )
    .when(|w| w.reviewing),
];

impl Wizard {
    pub fn new(route: DevelopmentRoute, ctx: &Ctx) -> Wizard {
        let steps = match route {
            DevelopmentRoute::UpdateKnowledge | DevelopmentRoute::UnitCertificate => {
                vec![Step::Role, Step::Interest, Step::Level, Step::Hours]
            }
            _ => vec![
                Step::Role,
                Step::Interest,
                Step::Level,
                Step::Hours,
                Step::Budget,
                Step::TargetDate,
                Step::Held,
            ],
        };
        let mut w = Wizard {
            route,
            steps,
            step: 0,
            list: FilterList::new(0),
            field: TextField::new("", ANSWER_CHARS).accepting(answer_char),
            error: None,
            answers: Answers::default(),
            reviewing: false,
            back_to_review: false,
            doubted: None,
            held_options: ctx
                .catalogue
                .qualifications
                .iter()
                .map(|q| q.id.clone())
                .collect(),
        };
        // Answers given before (the active enquiry's, else the last ones
        // given) are filled in, and shown for review.
        if let Some(answers) = Answers::known(ctx) {
            w.answers = answers;
            w.reviewing = true;
        }
        w.load_step(ctx);
        w
    }

    /// The question asked (the one last asked while reviewing).
    pub fn current(&self) -> Step {
        self.steps[self.step]
    }

    /// Whether a text field has the keys.
    fn on_text(&self) -> bool {
        !self.reviewing && self.current().is_text()
    }

    /// The review's rows: an answer a row, then the way on.
    fn review_rows(&self, ctx: &Ctx) -> Vec<String> {
        let a = &self.answers;
        let skipped = || "(skipped)".to_string();
        let mut rows: Vec<String> = self
            .steps
            .iter()
            .map(|step| {
                let value = match step {
                    Step::Role => a.role.map_or_else(skipped, |r| capitalise(&r.to_string())),
                    Step::Interest => a
                        .interest
                        .map_or_else(skipped, |i| capitalise(&i.to_string())),
                    Step::Level => match (a.level, a.role) {
                        (Some(n), _) => format!("Level {n}"),
                        (None, Some(r)) => {
                            format!("Advise me (Level {})", r.suggested_level().0)
                        }
                        (None, None) => "Advise me".to_string(),
                    },
                    Step::Hours => a.hours_per_week.map_or_else(skipped, |h| format!("{h}")),
                    Step::Budget => a.budget.map_or_else(skipped, |b| format!("{b} inc VAT")),
                    Step::TargetDate => a.target_date.map_or_else(skipped, |d| d.to_string()),
                    Step::Held => match &a.held {
                        None => "Nothing yet".to_string(),
                        Some(id) => ctx
                            .catalogue
                            .qualification(id)
                            .map_or_else(|| id.clone(), |q| format!("{} ({id})", q.title)),
                    },
                };
                format!("{:<13} {value}", step.label())
            })
            .collect();
        rows.push("See the recommendations".to_string());
        rows
    }

    /// The options of a choice step, as shown.
    fn options(&self, ctx: &Ctx) -> Vec<String> {
        if self.reviewing {
            return self.review_rows(ctx);
        }
        match self.current() {
            Step::Role => Role::ALL
                .iter()
                .map(|r| capitalise(&r.to_string()))
                .collect(),
            Step::Interest => INTERESTS
                .iter()
                .map(|i| capitalise(&i.to_string()))
                .collect(),
            Step::Level => LEVELS
                .iter()
                .map(|l| match l {
                    Some(n) => format!("Level {n} ({})", ctx.catalogue.equivalents(*n).join(", ")),
                    None => "Advise me".to_string(),
                })
                .collect(),
            Step::Held => std::iter::once("Nothing yet".to_string())
                .chain(self.held_options.iter().map(|id| {
                    let q = ctx
                        .catalogue
                        .qualification(id)
                        .expect("listed from the catalogue");
                    format!("{} ({id})", q.title)
                }))
                .collect(),
            Step::Hours | Step::Budget | Step::TargetDate => Vec::new(),
        }
    }

    /// The learner profile the answers make.
    pub fn profile(&self, ctx: &Ctx) -> LearnerProfile {
        LearnerProfile {
            role: self.answers.role,
            interest: self.answers.interest,
            route: Some(self.route),
            level: self.answers.level,
            size: None,
            hours_per_week: self
                .answers
                .hours_per_week
                .and_then(crate::planner::HoursPerWeek::whole),
            budget_inc_vat: self.answers.budget,
            start: ctx.today,
            target_date: self.answers.target_date,
            held: self.answers.held.iter().cloned().collect(),
            held_with_provider: true,
            asked_about: Vec::new(),
        }
    }

    /// Records the current step's answer; `Err` explains a bad entry.
    fn accept(&mut self, today: NaiveDate) -> Result<(), String> {
        let text = self.field.value().trim().to_string();
        let choice = self.list.selected();
        if !self.current().is_text() && choice.is_none() {
            return Err("Nothing matches the filter: Esc shows every answer again.".to_string());
        }
        let choice = choice.unwrap_or(0);
        match self.current() {
            Step::Role => self.answers.role = Role::ALL.get(choice).copied(),
            Step::Interest => self.answers.interest = INTERESTS.get(choice).copied(),
            Step::Level => self.answers.level = LEVELS.get(choice).copied().flatten(),
            Step::Held => {
                self.answers.held = choice
                    .checked_sub(1)
                    .and_then(|i| self.held_options.get(i).cloned())
            }
            Step::Hours if text.is_empty() => self.answers.hours_per_week = None,
            Step::Hours => match text.parse::<u32>() {
                Ok(h @ 1..=80) => self.answers.hours_per_week = Some(h),
                _ => {
                    let hours = &crate::bounds::HOURS_PER_WEEK;
                    return Err(format!(
                        "`{text}` is not a whole number of hours from {} to {}, e.g. 3",
                        hours.start(),
                        hours.end()
                    ));
                }
            },
            Step::Budget if text.is_empty() => self.answers.budget = None,
            Step::Budget => {
                let budget: crate::money::Pence = text.parse()?;
                let budget = crate::bounds::check("A budget", budget, &crate::bounds::MONEY)
                    .map_err(|e| e.to_string())?;
                self.question(&text, crate::bounds::budget_doubt(budget))?;
                self.answers.budget = Some(budget);
            }
            Step::TargetDate if text.is_empty() => self.answers.target_date = None,
            Step::TargetDate => match NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
                Ok(d) => {
                    let d = crate::bounds::check_date("The date", d).map_err(|e| e.to_string())?;
                    let doubt = (d <= today).then(|| {
                        format!("{d} is not after today ({today}): is that the date you meant?")
                    });
                    self.question(&text, doubt)?;
                    self.answers.target_date = Some(d);
                }
                Err(_) => {
                    return Err(format!(
                        "`{text}` is not a date: write it as YYYY-MM-DD, e.g. 2028-06-30"
                    ));
                }
            },
        }
        Ok(())
    }

    /// Questions an answer once: `doubt` says why it may not be meant;
    /// the same `text` entered again is kept.
    fn question(&mut self, text: &str, doubt: Option<String>) -> Result<(), String> {
        match doubt {
            Some(why) if self.doubted.as_deref() != Some(text) => {
                self.doubted = Some(text.to_string());
                Err(format!("{why} Enter again to keep it, or change it."))
            }
            _ => Ok(()),
        }
    }

    /// Shows the step: its options with the current answer chosen, or its
    /// field holding the current answer (the review: its rows).
    fn load_step(&mut self, ctx: &Ctx) {
        self.error = None;
        self.doubted = None;
        if self.reviewing {
            // Back from a change, the cursor stays on the answer changed;
            // else it waits on the way on.
            let row = if self.back_to_review {
                self.step
            } else {
                self.steps.len()
            };
            self.list = FilterList::new(self.steps.len() + 1);
            self.list.select(row);
            self.back_to_review = false;
            return;
        }
        let a = &self.answers;
        let text = match self.current() {
            Step::Hours => a.hours_per_week.map_or(String::new(), |h| h.to_string()),
            Step::Budget => a.budget.map_or(String::new(), money_text),
            Step::TargetDate => a.target_date.map_or(String::new(), |d| d.to_string()),
            _ => String::new(),
        };
        let choice = match self.current() {
            Step::Role => a
                .role
                .and_then(|r| Role::ALL.iter().position(|x| *x == r))
                .unwrap_or(0),
            Step::Interest => a
                .interest
                .and_then(|i| INTERESTS.iter().position(|x| *x == i))
                .unwrap_or(0),
            // An answered level, else the level suggested for the role.
            Step::Level => a
                .level
                .or(a.role.map(|r| r.suggested_level().0))
                .and_then(|level| LEVELS.iter().position(|l| *l == Some(level)))
                .unwrap_or(0),
            Step::Held => a
                .held
                .as_ref()
                .and_then(|h| self.held_options.iter().position(|x| x == h))
                .map_or(0, |i| i + 1),
            _ => 0,
        };
        self.field.set(&text);
        self.list = FilterList::filterable(self.options(ctx));
        self.list.select(choice);
    }

    fn forward(&mut self, ctx: &Ctx) -> Outcome {
        if self.back_to_review || self.step + 1 == self.steps.len() {
            self.reviewing = true;
        } else {
            self.step += 1;
        }
        self.load_step(ctx);
        Outcome::done()
    }

    /// The answers so far, for the enquiry and for the next time.
    fn record(&self, ctx: &Ctx) -> Effect {
        Effect::Record(Record::Answers(Box::new(self.profile(ctx))))
    }

    /// On the review: change the chosen answer, or go on.
    fn change(&mut self, ctx: &Ctx) -> Outcome {
        match self.list.selected() {
            Some(i) if i < self.steps.len() => {
                self.step = i;
                self.reviewing = false;
                self.load_step(ctx);
                self.back_to_review = true;
                Outcome::done()
            }
            _ => Outcome::open(Screen::Results(Results::new(ctx, self.profile(ctx)))),
        }
    }

    fn answer(&mut self, ctx: &Ctx) -> Outcome {
        match self.accept(ctx.today) {
            Ok(()) => {
                let record = self.record(ctx);
                let mut effects = vec![record];
                if let Outcome::Done(more) = self.forward(ctx) {
                    effects.extend(more);
                }
                Outcome::Done(effects)
            }
            Err(e) => {
                self.error = Some(e);
                Outcome::done()
            }
        }
    }

    fn key(&mut self, key: Key, ctx: &Ctx) -> Outcome {
        if self.reviewing {
            match self.list.update(key, &ctx.keymap) {
                ListEvent::Open => return self.change(ctx),
                ListEvent::Moved | ListEvent::Filtered => return Outcome::done(),
                ListEvent::Unused => {}
            }
        } else if self.current().is_text() {
            match self.field.update(key, &ctx.keymap) {
                Edit::Changed => {
                    self.error = None;
                    return Outcome::done();
                }
                Edit::Moved | Edit::Full => return Outcome::done(),
                Edit::Unused => {}
            }
        } else {
            match self.list.update(key, &ctx.keymap) {
                ListEvent::Open => return self.answer(ctx),
                ListEvent::Moved | ListEvent::Filtered => return Outcome::done(),
                ListEvent::Unused => {}
            }
        }
        match ctx.keymap.action(KEYS, self, key, self.typing()) {
            Some(Do::Answer) => self.answer(ctx),
            Some(Do::Skip) => self.forward(ctx),
            Some(Do::Previous) => {
                if self.reviewing {
                    self.reviewing = false;
                    self.step = self.steps.len() - 1;
                } else {
                    self.step = self.step.saturating_sub(1);
                }
                self.back_to_review = false;
                self.load_step(ctx);
                Outcome::done()
            }
            Some(Do::Change) => self.change(ctx),
            None => Outcome::Ignored,
        }
    }

    fn summary(&self) -> String {
        let a = &self.answers;
        let mut parts = Vec::new();
        if let Some(r) = a.role {
            parts.push(r.to_string());
        }
        if let Some(i) = a.interest {
            parts.push(i.to_string());
        }
        if let Some(l) = a.level {
            parts.push(format!("Level {l}"));
        }
        if let Some(h) = a.hours_per_week {
            parts.push(format!("{h} h/week"));
        }
        if let Some(b) = a.budget {
            parts.push(format!("budget {b}"));
        }
        if let Some(d) = a.target_date {
            parts.push(format!("by {d}"));
        }
        if let Some(h) = &a.held {
            parts.push(format!("holds {h}"));
        }
        if parts.is_empty() {
            "nothing yet".to_string()
        } else {
            parts.join(", ")
        }
    }
}

impl Component for Wizard {
    fn title(&self) -> String {
        format!("Route {}", self.route.number())
    }

    fn update(&mut self, event: Event, ctx: &Ctx) -> Outcome {
        match event {
            Event::Key(key) => self.key(key, ctx),
            Event::Back => Outcome::used(!self.on_text() && self.list.back()),
            Event::Paste(text) if self.on_text() => {
                self.field.paste(&text);
                Outcome::done()
            }
            Event::Paste(text) => Outcome::used(self.list.paste(&text)),
            _ => Outcome::Ignored,
        }
    }

    fn view(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        let [head, body, foot] = areas(area);
        if self.reviewing {
            self.view_review(frame, [head, body, foot], ctx);
            return;
        }
        let step = self.current();
        frame.render_widget(
            Paragraph::new(vec![
                Line::styled(
                    format!(
                        "{}: question {} of {}",
                        self.route,
                        self.step + 1,
                        self.steps.len()
                    ),
                    theme.title(),
                ),
                Line::styled(step.question(), theme.heading()),
            ])
            .wrap(Wrap { trim: true }),
            head,
        );
        if step.is_text() {
            let width = usize::from(body.width.saturating_sub(4));
            let mut answer = vec![Span::raw("> ")];
            answer.extend(self.field.spans(width, true, theme));
            let mut lines = vec![Line::from(answer), Line::raw("")];
            lines.push(Line::styled(
                "Type, then Enter. Leave it empty, or press Tab, to skip.",
                theme.quiet(),
            ));
            if let Some(e) = &self.error {
                lines.push(Line::styled(format!("! {e}"), theme.bad()));
            }
            frame.render_widget(
                Paragraph::new(lines)
                    .wrap(Wrap { trim: false })
                    .block(Block::bordered()),
                body,
            );
        } else {
            let options = self.options(ctx);
            let block = match &self.error {
                Some(e) => {
                    Block::bordered().title_bottom(Line::styled(format!(" ! {e} "), theme.bad()))
                }
                None => Block::bordered(),
            };
            self.list.render(
                frame,
                body,
                block,
                None,
                Look {
                    focused: true,
                    theme,
                },
                |i, chosen| {
                    Line::styled(
                        format!("{} {}", if chosen { ">" } else { " " }, options[i]),
                        if chosen {
                            theme.selected()
                        } else {
                            Style::new()
                        },
                    )
                },
            );
        }
        let answered = self.summary();
        frame.render_widget(
            Paragraph::new(Line::styled(format!("So far: {answered}"), theme.quiet()))
                .wrap(Wrap { trim: true }),
            foot,
        );
    }

    fn keys(&self, ctx: &Ctx) -> Vec<KeyGroup> {
        let k = &ctx.keymap;
        let widget = if self.reviewing {
            self.list.keys(k, "In the answers")
        } else if self.current().is_text() {
            text_field::keys(k, "In the answer")
        } else {
            self.list.keys(k, "In the answers")
        };
        vec![
            widget,
            k.group("In the questions", KEYS, self, self.typing()),
        ]
    }

    fn typing(&self) -> bool {
        self.on_text() || self.list.typing()
    }
}

impl Wizard {
    /// The review: every answer, a row each, and the level "advise me"
    /// chose, with why.
    fn view_review(&self, frame: &mut Frame, [head, body, foot]: [Rect; 3], ctx: &Ctx) {
        let theme = ctx.theme;
        frame.render_widget(
            Paragraph::new(vec![
                Line::styled(format!("{}: your answers", self.route), theme.title()),
                Line::styled(
                    "Enter on an answer changes it; on the last row, the recommendations.",
                    theme.heading(),
                ),
            ])
            .wrap(Wrap { trim: true }),
            head,
        );
        let rows = self.review_rows(ctx);
        self.list.render(
            frame,
            body,
            Block::bordered(),
            None,
            Look {
                focused: true,
                theme,
            },
            |i, chosen| {
                let style = if chosen {
                    theme.selected()
                } else if i == self.steps.len() {
                    theme.key()
                } else {
                    Style::new()
                };
                Line::styled(
                    format!("{} {}", if chosen { ">" } else { " " }, rows[i]),
                    style,
                )
            },
        );
        let advice = self.profile(ctx).advice().unwrap_or_default();
        frame.render_widget(
            Paragraph::new(Line::styled(advice, theme.quiet())).wrap(Wrap { trim: true }),
            foot,
        );
    }
}

fn areas(area: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(3),
        Constraint::Min(3),
        Constraint::Length(2),
    ])
    .areas(area)
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}

/// This table's actions by name, for checking a keymap.
pub fn key_names() -> Vec<(&'static str, &'static [Key])> {
    crate::tui::keys::names(KEYS)
}
