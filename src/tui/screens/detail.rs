//! Detail of a qualification (units, rules of combination, practice,
//! assessment, entry requirements, RQF equivalents, progression and
//! upgrades, every figure with its source) or of a unit (its learning
//! outcomes and assessment criteria).

use super::{
    Component, Screen,
    plan::{Learner, Plan},
    upgrade::Upgrade,
};
use crate::catalogue::{Catalogue, Cite, Qualification, Unit};
use crate::planner::{self, Fact};
use crate::tui::ctx::Ctx;
use crate::tui::effect::{Effect, Event, Outcome};
use crate::tui::keys::{Binding, Key, KeyGroup, bind};
use crate::tui::status::Notice;
use crate::tui::theme::Theme;
use crate::tui::widgets::{ScrollPane, scroll};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Block;

/// What the detail shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    Qualification(String),
    Unit(String),
}

#[derive(Debug)]
pub struct Detail {
    pub subject: Subject,
    pub pane: ScrollPane,
    lines: Vec<Line<'static>>,
    /// Whom Plan & pay opened from here is for (nobody's answers unless
    /// the detail was opened from a learner's recommendations).
    learner: Learner,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Do {
    Plan,
    Upgrades,
    Shortlist,
}

fn qualification(d: &Detail) -> bool {
    matches!(d.subject, Subject::Qualification(_))
}

const KEYS: &[Binding<Detail, Do>] = &[
    bind(
        "detail.plan",
        Do::Plan,
        &[Key::Char('p')],
        "plan & pay",
        "plan and pay for this qualification",
    )
    .when(qualification),
    bind(
        "detail.upgrades",
        Do::Upgrades,
        &[Key::Char('u')],
        "upgrades",
        "upgrades for someone who holds it",
    )
    .when(qualification),
    bind(
        "detail.shortlist",
        Do::Shortlist,
        &[Key::Char('a')],
        "shortlist",
        "add it to the enquiry's shortlist (again: take it off)",
    )
    .when(qualification),
];

impl Detail {
    pub fn qualification(ctx: &Ctx, id: &str) -> Detail {
        let lines = ctx.catalogue.qualification(id).map_or_else(Vec::new, |q| {
            qualification_lines(&ctx.catalogue, ctx.theme, q)
        });
        Detail {
            subject: Subject::Qualification(id.to_string()),
            pane: ScrollPane::default(),
            lines,
            learner: Learner::default(),
        }
    }

    /// The same detail, its Plan & pay for `learner` (what they hold,
    /// their hours a week).
    pub fn for_learner(self, learner: Learner) -> Detail {
        Detail { learner, ..self }
    }

    pub fn unit(ctx: &Ctx, code: &str) -> Detail {
        let lines = ctx
            .catalogue
            .unit(code)
            .map_or_else(Vec::new, |u| unit_lines(&ctx.catalogue, ctx.theme, u));
        Detail {
            subject: Subject::Unit(code.to_string()),
            pane: ScrollPane::default(),
            lines,
            learner: Learner::default(),
        }
    }

    /// Draws the detail in `area`; a preview's pane shows when it has the
    /// focus.
    pub fn render(&self, frame: &mut Frame, area: Rect, ctx: &Ctx, focused: bool) {
        let title = match &self.subject {
            Subject::Qualification(id) => format!(" {id} "),
            Subject::Unit(code) => format!(" unit {code} "),
        };
        self.pane.render(
            frame,
            area,
            Block::bordered().title(title),
            &self.lines,
            focused,
            ctx.theme,
        );
    }

    fn act(&self, action: Do, ctx: &Ctx) -> Outcome {
        let Subject::Qualification(id) = &self.subject else {
            return Outcome::done();
        };
        match action {
            Do::Plan
                if ctx
                    .catalogue
                    .qualification(id)
                    .is_some_and(|q| q.is_on_sale()) =>
            {
                Outcome::open(Screen::Plan(Box::new(Plan::for_learner(
                    ctx,
                    id,
                    &self.learner,
                ))))
            }
            Do::Plan => Outcome::with(Effect::Say(Notice::Info(format!(
                "{id} is an older edition, not on sale: there is nothing to plan or pay."
            )))),
            Do::Upgrades => Outcome::open(Screen::Upgrade(Upgrade::for_holder(ctx, id))),
            Do::Shortlist => Outcome::with(Effect::Shortlist(id.clone())),
        }
    }
}

impl Component for Detail {
    fn title(&self) -> String {
        match &self.subject {
            Subject::Qualification(id) => id.clone(),
            Subject::Unit(code) => format!("unit {code}"),
        }
    }

    fn update(&mut self, event: Event, ctx: &Ctx) -> Outcome {
        let Event::Key(key) = event else {
            return Outcome::Ignored;
        };
        if self.pane.update(key, &ctx.keymap, false) {
            return Outcome::done();
        }
        match ctx.keymap.action(KEYS, self, key, false) {
            Some(action) => self.act(action, ctx),
            None => Outcome::Ignored,
        }
    }

    fn view(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        self.render(frame, area, ctx, false);
    }

    fn keys(&self, ctx: &Ctx) -> Vec<KeyGroup> {
        let k = &ctx.keymap;
        vec![
            scroll::keys(k, "In the detail", false),
            k.group("On the detail", KEYS, self, false),
        ]
    }

    fn typing(&self) -> bool {
        false
    }

    /// The key facts, each with its source, as `qualplan show` lists them.
    fn summary(&self, ctx: &Ctx) -> Option<super::Summary> {
        let c = &ctx.catalogue;
        let (what, lines) = match &self.subject {
            Subject::Qualification(id) => {
                let q = c.qualification(id)?;
                (id.clone(), crate::summary::qualification(c, q))
            }
            Subject::Unit(code) => {
                let u = c.unit(code)?;
                (format!("unit {code}"), crate::summary::unit(u))
            }
        };
        Some(super::Summary {
            what: format!("the facts of {what}"),
            text: lines.join("\n"),
        })
    }
}

fn cite(c: &Cite) -> String {
    format!("[{c}]")
}

/// Facts: label, value, and the source dimmed after it.
fn facts_lines(theme: Theme, facts: &[Fact]) -> Vec<Line<'static>> {
    facts
        .iter()
        .map(|f| {
            Line::from(vec![
                Span::styled(format!("{:<26}", f.label), theme.heading()),
                Span::raw(f.value.clone()),
                Span::raw("  "),
                Span::styled(format!("[{}]", f.source), theme.quiet()),
            ])
        })
        .collect()
}

fn section(theme: Theme, title: &str) -> [Line<'static>; 2] {
    [
        Line::raw(""),
        Line::styled(title.to_string(), theme.title()),
    ]
}

fn qualification_lines(c: &Catalogue, theme: Theme, q: &Qualification) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::styled(q.title.clone(), theme.title()),
        Line::raw(format!(
            "Level {} {} · {} · {} · {}",
            q.level,
            q.size,
            q.stream,
            c.awarding_body,
            if q.is_on_sale() {
                "on sale"
            } else {
                "older edition, not on sale"
            }
        )),
    ];
    lines.extend(section(theme, "Figures"));
    lines.extend(facts_lines(theme, &planner::qualification_facts(c, q)));

    lines.extend(section(theme, "Units"));
    lines.push(Line::styled(
        format!(
            "{:<16}{:>8}{:>6}{:>10}  title",
            "", "credits", "GLH", "practice"
        ),
        theme.quiet(),
    ));
    let unit_line = |label: &str, code: &str| -> Option<Line<'static>> {
        let u = c.unit(code)?;
        Some(Line::raw(format!(
            "{:<16}{:>8}{:>6}{:>10}  {} {}",
            label,
            u.credits.value,
            u.glh.as_ref().map_or("-".into(), |g| g.value.to_string()),
            if u.practice_hours() == 0 {
                "-".to_string()
            } else {
                format!("{} h", u.practice_hours())
            },
            code,
            u.title
        )))
    };
    for code in &q.rules.mandatory {
        lines.extend(unit_line("mandatory", code));
    }
    for g in &q.rules.optional_groups {
        lines.push(Line::styled(
            format!("{} (reach {} credits)", g.name, g.min_credits),
            theme.heading(),
        ));
        for code in &g.units {
            lines.extend(unit_line("  optional", code));
        }
    }
    let rule = if q.rules.optional_groups.is_empty() {
        "Every unit above is mandatory.".to_string()
    } else {
        "Complete every mandatory unit and ONE optional group.".to_string()
    };
    lines.push(Line::from(vec![
        Span::raw(rule + "  "),
        Span::styled(cite(&q.rules.source), theme.quiet()),
    ]));

    let texts = [
        ("Who it suits", &q.audience),
        ("Entry requirements", &q.entry_requirements),
    ];
    for (label, text) in texts {
        lines.extend(section(theme, label));
        match text {
            Some(t) => lines.push(Line::from(vec![
                Span::raw(t.value.clone() + "  "),
                Span::styled(cite(&t.source), theme.quiet()),
            ])),
            None => lines.push(Line::raw("None stated in the sources.")),
        }
    }
    lines.extend(section(theme, "Assessment"));
    for a in &q.assessment {
        lines.push(Line::from(vec![
            Span::raw(format!("• {}  ", a.value)),
            Span::styled(cite(&a.source), theme.quiet()),
        ]));
    }
    if !q.progression.is_empty() {
        lines.extend(section(theme, "Progression"));
        for p in &q.progression {
            let id = p.to.as_ref().map_or(String::new(), |id| format!(" ({id})"));
            lines.push(Line::from(vec![
                Span::raw(format!("• {}{id}  ", p.text)),
                Span::styled(cite(&p.source), theme.quiet()),
            ]));
        }
    }
    lines.extend(section(
        theme,
        "Top-ups and upgrades, completed with this provider",
    ));
    let onward = planner::onward_facts(c, q);
    if onward.is_empty() {
        lines.push(Line::raw(
            "None: nothing else at this level is a top-up or carries its units.",
        ));
    }
    for f in &onward {
        lines.push(Line::from(vec![
            Span::raw(format!("→ {}: {}  ", f.label, f.value)),
            Span::styled(format!("[{}]", f.source), theme.quiet()),
        ]));
    }
    if !q.notes.is_empty() {
        lines.extend(section(theme, "Notes"));
        for n in &q.notes {
            lines.push(Line::from(vec![
                Span::raw(format!("• {}  ", n.value)),
                Span::styled(cite(&n.source), theme.quiet()),
            ]));
        }
    }
    lines.extend(section(theme, "Sources"));
    for s in &c.sources {
        lines.push(Line::raw(s.to_string()));
    }
    lines
}

fn unit_lines(c: &Catalogue, theme: Theme, u: &Unit) -> Vec<Line<'static>> {
    let aka: Vec<&str> = u.codes().skip(1).collect();
    let mut lines = vec![
        Line::styled(format!("{} ({})", u.title, u.code), theme.title()),
        Line::raw(format!(
            "Level {} unit, {} edition{}",
            u.level,
            u.edition,
            if aka.is_empty() {
                String::new()
            } else {
                format!("; also numbered {}", aka.join(", "))
            }
        )),
    ];
    lines.extend(section(theme, "Figures"));
    lines.extend(facts_lines(theme, &planner::unit_facts(u)));
    lines.extend(section(theme, "Used in"));
    for q in &c.qualifications {
        if q.unit_codes().any(|code| u.has_code(code)) {
            lines.push(Line::raw(format!("• {} ({})", q.title, q.id)));
        }
    }
    lines.extend(section(
        theme,
        "Learning outcomes (the learner will) and assessment criteria (the learner can)",
    ));
    if u.outcomes.is_empty() {
        lines.push(Line::raw("No source gives this unit's learning outcomes."));
    }
    for o in &u.outcomes {
        lines.push(Line::styled(
            format!("{}  {}", o.number, o.text),
            theme.heading(),
        ));
        for crit in &o.criteria {
            lines.push(Line::raw(format!("   {}  {}", crit.number, crit.text)));
        }
    }
    if let Some(s) = &u.outcomes_source {
        lines.push(Line::styled(cite(s), theme.quiet()));
    }
    lines
}

/// This table's actions by name, for checking a keymap.
pub fn key_names() -> Vec<(&'static str, &'static [Key])> {
    crate::tui::keys::names(KEYS)
}
