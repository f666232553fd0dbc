//! Route wizard: a short questionnaire for the chosen route. Every step can
//! be skipped (Tab) or gone back to (Shift-Tab); the last step opens the
//! ranked recommendations.

use super::{ListClick, Nav, Screen, click_list, clicked, first_visible, moved, results::Results};
use crate::money::Pence;
use crate::planner::{DevelopmentRoute, Interest, LearnerProfile, Role};
use crate::tui::app::Ctx;
use crate::tui::keys::Action;
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

pub struct Wizard {
    pub route: DevelopmentRoute,
    pub steps: Vec<Step>,
    pub step: usize,
    /// Selected option of a choice step.
    pub choice: usize,
    /// Text typed in a text step.
    pub input: String,
    pub error: Option<String>,
    pub answers: Answers,
    /// Qualification ids offered for "already hold".
    held_options: Vec<String>,
}

const INTERESTS: [Interest; 3] = [Interest::Coaching, Interest::Mentoring, Interest::Both];
const LEVELS: [Option<u8>; 4] = [Some(3), Some(5), Some(7), None];
/// The longest typed answer (hours, a budget, a date).
const ANSWER_CHARS: usize = 20;

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
        Wizard {
            route,
            steps,
            step: 0,
            choice: 0,
            input: String::new(),
            error: None,
            answers: Answers::default(),
            held_options: ctx
                .catalogue
                .qualifications
                .iter()
                .map(|q| q.id.clone())
                .collect(),
        }
    }

    pub fn current(&self) -> Step {
        self.steps[self.step]
    }

    pub fn text_mode(&self) -> bool {
        self.current().is_text()
    }

    /// The options of a choice step, as shown.
    fn options(&self, ctx: &Ctx) -> Vec<String> {
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
    fn accept(&mut self) -> Result<(), String> {
        let text = self.input.trim().to_string();
        match self.current() {
            Step::Role => self.answers.role = Role::ALL.get(self.choice).copied(),
            Step::Interest => self.answers.interest = INTERESTS.get(self.choice).copied(),
            Step::Level => self.answers.level = LEVELS.get(self.choice).copied().flatten(),
            Step::Held => {
                self.answers.held = self
                    .choice
                    .checked_sub(1)
                    .and_then(|i| self.held_options.get(i).cloned())
            }
            Step::Hours if text.is_empty() => self.answers.hours_per_week = None,
            Step::Hours => match text.parse::<u32>() {
                Ok(h @ 1..=80) => self.answers.hours_per_week = Some(h),
                _ => return Err(format!("`{text}` is not a number of hours from 1 to 80")),
            },
            Step::Budget if text.is_empty() => self.answers.budget = None,
            Step::Budget => {
                let budget: crate::money::Pence = text.parse()?;
                let budget = crate::bounds::check("A budget", budget, &crate::bounds::MONEY)
                    .map_err(|e| e.to_string())?;
                self.answers.budget = Some(budget);
            }
            Step::TargetDate if text.is_empty() => self.answers.target_date = None,
            Step::TargetDate => match NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
                Ok(d) => {
                    let d = crate::bounds::check_date("The date", d).map_err(|e| e.to_string())?;
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

    /// Shows the step's current answer in its field.
    fn load_step(&mut self) {
        self.error = None;
        let a = &self.answers;
        self.input = match self.current() {
            Step::Hours => a.hours_per_week.map_or(String::new(), |h| h.to_string()),
            Step::Budget => a.budget.map_or(String::new(), |b| (b.0 / 100).to_string()),
            Step::TargetDate => a.target_date.map_or(String::new(), |d| d.to_string()),
            _ => String::new(),
        };
        self.choice = match self.current() {
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
    }

    fn forward(&mut self, ctx: &Ctx) -> Nav {
        if self.step + 1 < self.steps.len() {
            self.step += 1;
            self.load_step();
            Nav::Handled
        } else {
            Nav::push(Screen::Results(Results::new(ctx, self.profile(ctx))))
        }
    }

    pub fn handle(&mut self, action: Action, ctx: &Ctx, area: Rect) -> Nav {
        let step = self.current();
        let options = self.options(ctx);
        let [_, list, _] = areas(area);
        let height = usize::from(list.height.saturating_sub(2));
        if !step.is_text()
            && let Some(i) = moved(self.choice, options.len(), action, height)
        {
            self.choice = i;
            return Nav::Handled;
        }
        match action {
            Action::Enter => match self.accept() {
                Ok(()) => self.forward(ctx),
                Err(e) => {
                    self.error = Some(e);
                    Nav::Handled
                }
            },
            Action::NextPane => self.forward(ctx),
            Action::PrevPane | Action::Left
                if self.step > 0 && !(step.is_text() && action == Action::Left) =>
            {
                self.step -= 1;
                self.load_step();
                Nav::Handled
            }
            Action::Char(c) if step.is_text() => {
                // Numbers and dates are short; more is a stray paste.
                if (c.is_ascii_digit() || matches!(c, '-' | '.' | '£' | ','))
                    && self.input.chars().count() < ANSWER_CHARS
                {
                    self.input.push(c);
                    self.error = None;
                }
                Nav::Handled
            }
            Action::Backspace if step.is_text() => {
                self.input.pop();
                Nav::Handled
            }
            Action::Click { row, .. } if !step.is_text() => {
                let first = first_visible(self.choice, options.len(), height);
                let hit = clicked(
                    row,
                    list.y + 1,
                    list.height.saturating_sub(2),
                    first,
                    options.len(),
                );
                match click_list(&mut self.choice, hit) {
                    ListClick::Open => {
                        let _ = self.accept();
                        self.forward(ctx)
                    }
                    ListClick::Selected | ListClick::Missed => Nav::Handled,
                }
            }
            _ => Nav::Stay,
        }
    }

    pub fn view(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        let [head, body, foot] = areas(area);
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
            let mut lines = vec![Line::from(vec![
                Span::raw(format!("> {}", self.input)),
                Span::styled("_", theme.key()),
            ])];
            lines.push(Line::raw(""));
            lines.push(Line::styled(
                "Type, then Enter. Leave it empty, or press Tab, to skip.",
                theme.dim(),
            ));
            if let Some(e) = &self.error {
                lines.push(Line::styled(format!("! {e}"), theme.bad()));
            }
            frame.render_widget(Paragraph::new(lines).block(Block::bordered()), body);
        } else {
            let options = self.options(ctx);
            let height = usize::from(body.height.saturating_sub(2));
            let first = first_visible(self.choice, options.len(), height);
            let lines: Vec<Line> = options
                .iter()
                .enumerate()
                .skip(first)
                .take(height)
                .map(|(i, o)| {
                    let chosen = i == self.choice;
                    Line::styled(
                        format!("{} {o}", if chosen { ">" } else { " " }),
                        if chosen {
                            theme.selected()
                        } else {
                            Style::new()
                        },
                    )
                })
                .collect();
            frame.render_widget(Paragraph::new(lines).block(Block::bordered()), body);
        }
        let answered = self.summary();
        frame.render_widget(
            Paragraph::new(Line::styled(format!("So far: {answered}"), theme.dim()))
                .wrap(Wrap { trim: true }),
            foot,
        );
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

    pub fn title(&self) -> String {
        format!("Route {}", self.route.number())
    }

    pub fn hints(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("Enter", "answer"),
            ("Tab", "skip"),
            ("S-Tab", "back a step"),
            ("Esc", "leave"),
        ]
    }

    pub fn help(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("↑↓ j k", "choose an answer (a click too)"),
            ("Enter", "answer and go on; after the last: recommendations"),
            ("Tab", "skip this question"),
            ("Shift-Tab ←", "back to the previous question"),
            ("digits", "type hours, pounds or a date (YYYY-MM-DD)"),
            ("Esc", "leave the questionnaire"),
        ]
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
