//! Ranked recommendations at the end of the wizard, each with its reasons;
//! Enter opens the option's detail, p its plan. Reaching them records the
//! answers into the active enquiry.

use super::{
    Component, Screen,
    compare::Compare,
    cycle,
    detail::Detail,
    plan::{Learner, Plan},
    short_title,
    upgrade::Upgrade,
};
use crate::planner::{Candidate, Fit, LearnerProfile, ReasonKind, Recommendation, recommend};
use crate::tui::ctx::Ctx;
use crate::tui::effect::{Effect, Event, Outcome, Record};
use crate::tui::keys::{Binding, Key, KeyGroup, bind};
use crate::tui::widgets::{FilterList, ListEvent, Look, ScrollPane, clip, scroll, target};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;
use std::collections::HashSet;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Options,
    Why,
}

#[derive(Debug)]
pub struct Results {
    pub profile: LearnerProfile,
    pub options: Vec<Recommendation>,
    pub list: FilterList,
    pub why: ScrollPane,
    pub focus: Focus,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Do {
    Open,
    Plan,
    Shortlist,
    Compare,
    Pane(bool),
}

const KEYS: &[Binding<Results, Do>] = &[
    bind(
        "results.open",
        Do::Open,
        &[Key::Enter],
        "detail",
        "open the chosen option (a click on it too)",
    ),
    bind(
        "results.plan",
        Do::Plan,
        &[Key::Char('p')],
        "plan & pay",
        "plan and pay for it, with what the caller holds",
    )
    .when(|r| r.qualification().is_some()),
    bind(
        "results.shortlist",
        Do::Shortlist,
        &[Key::Char('a')],
        "shortlist",
        "add it to the enquiry's shortlist (again: take it off)",
    )
    .when(|r| r.qualification().is_some()),
    bind(
        "results.compare",
        Do::Compare,
        &[Key::Char('c')],
        "compare",
        "the recommended qualifications side by side, on Compare",
    )
    // Whatever is compared, there are two to compare when two different
    // qualifications are recommended at all.
    .when(|r| r.recommended(true).nth(1).is_some()),
    bind(
        "results.next_pane",
        Do::Pane(true),
        &[Key::Tab],
        "why",
        "between the options and the reasons",
    )
    .when(|r| r.focus == Focus::Options),
    bind(
        "results.options_pane",
        Do::Pane(false),
        &[Key::Tab, Key::BackTab],
        "options",
        "back to the options",
    )
    .when(|r| r.focus == Focus::Why),
];

impl Results {
    pub fn new(ctx: &Ctx, profile: LearnerProfile) -> Results {
        let options = recommend(&ctx.catalogue, &profile);
        let list = FilterList::filterable(
            options
                .iter()
                .map(|o| format!("{} {} {}", o.candidate.id(), o.title, o.fit))
                .collect(),
        );
        Results {
            profile,
            options,
            list,
            why: ScrollPane::default(),
            focus: Focus::Options,
        }
    }

    fn selected(&self) -> Option<&Recommendation> {
        self.list.selected().and_then(|i| self.options.get(i))
    }

    /// The chosen option's qualification (a top-up's target too).
    fn qualification(&self) -> Option<&str> {
        match &self.selected()?.candidate {
            Candidate::Qualification(id) | Candidate::Upgrade(id) => Some(id),
            Candidate::Unit(_) => None,
        }
    }

    /// What `c` sends to Compare: the qualifications recommended (a
    /// top-up's target too), best first, each once; those rated a poor fit
    /// only when fewer than two others are left.
    fn compared(&self) -> Vec<String> {
        let fitting: Vec<String> = self.recommended(false).map(str::to_string).collect();
        if fitting.len() >= 2 {
            fitting
        } else {
            self.recommended(true).map(str::to_string).collect()
        }
    }

    /// The qualifications recommended (a top-up's target too), best first,
    /// each once; with `poor`, those rated a poor fit too. Lazy, and linear
    /// in the options: the key bar asks on every frame whether there are
    /// two, and a large catalogue recommends thousands.
    fn recommended(&self, poor: bool) -> impl Iterator<Item = &str> {
        let mut seen = HashSet::new();
        self.options
            .iter()
            .filter(move |o| poor || o.fit != Fit::Poor)
            .filter_map(|o| match &o.candidate {
                Candidate::Qualification(id) | Candidate::Upgrade(id) => Some(id.as_str()),
                Candidate::Unit(_) => None,
            })
            .filter(move |id| seen.insert(*id))
    }

    fn open(&self, ctx: &Ctx) -> Outcome {
        match self.selected().map(|o| &o.candidate) {
            Some(Candidate::Qualification(id)) => Outcome::open(Screen::Detail(
                Detail::qualification(ctx, id).for_learner(self.learner()),
            )),
            Some(Candidate::Unit(code)) => Outcome::open(Screen::Detail(Detail::unit(ctx, code))),
            Some(Candidate::Upgrade(id)) if !self.profile.held.is_empty() => Outcome::open(
                Screen::Plan(Box::new(Plan::for_learner(ctx, id, &self.learner()))),
            ),
            Some(Candidate::Upgrade(_)) => Outcome::open(Screen::Upgrade(Upgrade::new(ctx))),
            None => Outcome::done(),
        }
    }

    /// What the learner answered that Plan & pay starts from, wherever it
    /// is opened from here (directly, from the detail or from Compare).
    fn learner(&self) -> Learner {
        Learner::from_profile(&self.profile)
    }

    /// Plan & pay for the chosen option: the holding the ranking priced
    /// and the hours it reasoned with go with it, so a top-up promised
    /// here is what Plan & pay charges.
    fn plan(&self, ctx: &Ctx) -> Outcome {
        match self.qualification() {
            Some(id)
                if ctx
                    .catalogue
                    .qualification(id)
                    .is_some_and(|q| q.is_on_sale()) =>
            {
                Outcome::open(Screen::Plan(Box::new(Plan::for_learner(
                    ctx,
                    id,
                    &self.learner(),
                ))))
            }
            Some(id) => Outcome::with(Effect::Say(crate::tui::status::Notice::Info(format!(
                "{id} is not on sale: there is nothing to plan or pay."
            )))),
            None => Outcome::done(),
        }
    }

    fn key(&mut self, key: Key, ctx: &Ctx) -> Outcome {
        let on = target(
            key,
            &mut self.focus,
            &[(Focus::Options, &self.list), (Focus::Why, &self.why)],
        );
        match on {
            Focus::Why => {
                if self.why.update(key, &ctx.keymap, false) || key.position().is_some() {
                    return Outcome::done();
                }
            }
            Focus::Options => match self.list.update(key, &ctx.keymap) {
                ListEvent::Open => return self.open(ctx),
                ListEvent::Moved | ListEvent::Filtered => {
                    self.why.reset();
                    return Outcome::done();
                }
                ListEvent::Unused => {}
            },
        }
        match ctx.keymap.action(KEYS, self, key, self.typing()) {
            Some(Do::Open) => self.open(ctx),
            Some(Do::Plan) => self.plan(ctx),
            Some(Do::Shortlist) => match self.qualification() {
                Some(id) => Outcome::with(Effect::Shortlist(id.to_string())),
                None => Outcome::done(),
            },
            Some(Do::Compare) => {
                let ids = self.compared();
                let open = Effect::Open(Box::new(Screen::Compare(Compare::only(
                    ctx,
                    &ids,
                    self.learner(),
                ))));
                if ids.len() > 4 {
                    Outcome::Done(vec![
                        open,
                        Effect::Say(crate::tui::status::Notice::Info(format!(
                            "The best four of the {} recommended are side by side; Esc: all {} in the table.",
                            ids.len(),
                            ids.len()
                        ))),
                    ])
                } else {
                    Outcome::with(open)
                }
            }
            Some(Do::Pane(forward)) => {
                self.focus = cycle(self.focus, &[Focus::Options, Focus::Why], forward);
                Outcome::done()
            }
            None => Outcome::Ignored,
        }
    }

    fn why_lines(&self, ctx: &Ctx) -> Vec<Line<'static>> {
        let theme = ctx.theme;
        let Some(o) = self.selected() else {
            return Vec::new();
        };
        let mut why = vec![Line::styled(
            format!("{}: {}", o.title, o.fit),
            theme.heading(),
        )];
        // The level the ranking weighed, when the learner asked for advice.
        if let Some(advice) = self.profile.advice() {
            why.push(Line::styled(format!("* {advice}"), theme.quiet()));
        }
        for r in &o.reasons {
            let (mark, style) = match r.kind {
                ReasonKind::For => ("+ ", theme.good()),
                ReasonKind::Against => ("- ", theme.bad()),
                ReasonKind::Note => ("* ", Style::new()),
            };
            why.push(Line::from(vec![
                Span::styled(mark, style),
                Span::raw(r.text.clone()),
            ]));
        }
        why
    }
}

impl Component for Results {
    fn title(&self) -> String {
        "Recommendations".to_string()
    }

    fn update(&mut self, event: Event, ctx: &Ctx) -> Outcome {
        match event {
            // Reaching the recommendations records the answers given.
            Event::Shown => Outcome::with(Effect::Record(Record::Answers(Box::new(
                self.profile.clone(),
            )))),
            Event::Key(key) => self.key(key, ctx),
            Event::Back => Outcome::used(self.list.back()),
            Event::Paste(text) => Outcome::used(self.list.paste(&text)),
            _ => Outcome::Ignored,
        }
    }

    fn view(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        let [list, reasons] = areas(area, self.options.len());
        // The title takes whatever the border and the other columns leave.
        let title_width = usize::from(list.width).saturating_sub(2 + 50);
        // Fees inc VAT, as the budget was asked and is weighed.
        let heading = match self.profile.budget_inc_vat {
            Some(b) => format!(" Best first; fees inc VAT; budget {b} inc VAT "),
            None => " Recommended, best first (fees inc VAT) ".to_string(),
        };
        self.list.render(
            frame,
            list,
            Block::bordered().title(heading),
            None,
            Look {
                focused: self.focus == Focus::Options,
                theme,
            },
            |i, chosen| {
                let o = &self.options[i];
                let fee = o
                    .fee_inc_vat
                    .map_or("on request".to_string(), |f| f.to_string());
                let text = format!(
                    "{} {:>2}. {:<10} {:<20} {:>10}  {}",
                    if chosen { ">" } else { " " },
                    i + 1,
                    o.fit.to_string(),
                    o.candidate.id(),
                    fee,
                    clip(short_title(&o.title), title_width.max(1))
                );
                Line::styled(
                    text,
                    if chosen {
                        theme.selected()
                    } else {
                        Style::new()
                    },
                )
            },
        );
        let why = if self.options.is_empty() {
            vec![Line::raw(
                "Nothing fits these answers; go back (Esc) and skip a question or two.",
            )]
        } else {
            self.why_lines(ctx)
        };
        self.why.render(
            frame,
            reasons,
            Block::bordered().title(" Why (+ for, - against, * note) "),
            &why,
            self.focus == Focus::Why,
            theme,
        );
    }

    fn keys(&self, ctx: &Ctx) -> Vec<KeyGroup> {
        let k = &ctx.keymap;
        let widget = match self.focus {
            Focus::Options => self.list.keys(k, "In the options"),
            Focus::Why => scroll::keys(k, "In the reasons", false),
        };
        vec![
            widget,
            k.group("On Recommendations", KEYS, self, self.typing()),
        ]
    }

    fn typing(&self) -> bool {
        self.list.typing()
    }

    fn summary(&self, _ctx: &Ctx) -> Option<super::Summary> {
        let r = self.selected()?;
        Some(super::Summary {
            what: format!("the recommendation of {}", r.candidate.id()),
            text: crate::summary::recommendation(r).join("\n"),
        })
    }
}

/// The options, then the reasons; a tall terminal gives the options the
/// rows they need and the reasons the rest.
fn areas(area: Rect, options: usize) -> [Rect; 2] {
    let wanted = u16::try_from(options.max(1) + 2).unwrap_or(u16::MAX);
    let list = wanted.min(area.height.saturating_mul(45) / 100);
    Layout::vertical([Constraint::Length(list), Constraint::Min(3)]).areas(area)
}

/// This table's actions by name, for checking a keymap.
pub fn key_names() -> Vec<(&'static str, &'static [Key])> {
    crate::tui::keys::names(KEYS)
}
