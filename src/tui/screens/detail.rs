//! Detail of a qualification (units, rules of combination, practice,
//! assessment, entry requirements, RQF equivalents, progression and
//! upgrades, every figure with its source) or of a unit (its learning
//! outcomes and assessment criteria).

use super::{Nav, Screen, plan::Plan, upgrade::Upgrade};
use crate::catalogue::{Catalogue, Cite, Qualification, Unit};
use crate::planner::{self, Fact, Holding};
use crate::tui::app::Ctx;
use crate::tui::keys::Action;
use crate::tui::theme::Theme;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// What the detail shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Subject {
    Qualification(String),
    Unit(String),
}

pub struct Detail {
    pub subject: Subject,
    pub scroll: u16,
    lines: Vec<Line<'static>>,
}

impl Detail {
    pub fn qualification(ctx: &Ctx, id: &str) -> Detail {
        let lines = ctx.catalogue.qualification(id).map_or_else(Vec::new, |q| {
            qualification_lines(&ctx.catalogue, ctx.theme, q)
        });
        Detail {
            subject: Subject::Qualification(id.to_string()),
            scroll: 0,
            lines,
        }
    }

    pub fn unit(ctx: &Ctx, code: &str) -> Detail {
        let lines = ctx
            .catalogue
            .unit(code)
            .map_or_else(Vec::new, |u| unit_lines(&ctx.catalogue, ctx.theme, u));
        Detail {
            subject: Subject::Unit(code.to_string()),
            scroll: 0,
            lines,
        }
    }

    pub fn handle(&mut self, action: Action, ctx: &Ctx, area: Rect) -> Nav {
        let page = area.height.saturating_sub(3).max(1);
        let last = u16::try_from(self.lines.len())
            .unwrap_or(u16::MAX)
            .saturating_sub(1);
        let scroll = match action {
            Action::Up => self.scroll.saturating_sub(1),
            Action::Down => (self.scroll + 1).min(last),
            Action::PageUp => self.scroll.saturating_sub(page),
            Action::PageDown | Action::Toggle => (self.scroll + page).min(last),
            Action::First => 0,
            Action::Last => last,
            Action::Char('p') => {
                return match &self.subject {
                    Subject::Qualification(id)
                        if ctx
                            .catalogue
                            .qualification(id)
                            .is_some_and(|q| q.is_on_sale()) =>
                    {
                        Nav::push(Screen::Plan(Box::new(Plan::new(ctx, id, Holding::none()))))
                    }
                    _ => Nav::Handled,
                };
            }
            Action::Char('u') => {
                return match &self.subject {
                    Subject::Qualification(id) => {
                        Nav::push(Screen::Upgrade(Upgrade::for_holder(ctx, id)))
                    }
                    Subject::Unit(_) => Nav::Handled,
                };
            }
            _ => return Nav::Stay,
        };
        self.scroll = scroll;
        Nav::Handled
    }

    pub fn view(&self, frame: &mut Frame, area: Rect, _ctx: &Ctx) {
        let title = match &self.subject {
            Subject::Qualification(id) => format!(" {id} "),
            Subject::Unit(code) => format!(" unit {code} "),
        };
        frame.render_widget(
            Paragraph::new(self.lines.clone())
                .wrap(Wrap { trim: false })
                .scroll((self.scroll, 0))
                .block(Block::bordered().title(title)),
            area,
        );
    }

    pub fn title(&self) -> String {
        match &self.subject {
            Subject::Qualification(id) => id.clone(),
            Subject::Unit(code) => format!("unit {code}"),
        }
    }

    pub fn hints(&self) -> &'static [(&'static str, &'static str)] {
        match self.subject {
            Subject::Qualification(_) => &[
                ("↑↓ PgDn", "scroll"),
                ("p", "plan & pay"),
                ("u", "upgrades"),
                ("Esc", "back"),
            ],
            Subject::Unit(_) => &[("↑↓ PgDn", "scroll"), ("Esc", "back")],
        }
    }

    pub fn help(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("↑↓ j k", "scroll a line"),
            ("PgUp PgDn Space", "scroll a page"),
            ("g G", "top, bottom"),
            ("p", "plan and pay for this qualification"),
            ("u", "upgrades for someone who holds it"),
            ("Esc", "back"),
        ]
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
                Span::styled(format!("[{}]", f.source), theme.dim()),
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
        theme.dim(),
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
        Span::styled(cite(&q.rules.source), theme.dim()),
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
                Span::styled(cite(&t.source), theme.dim()),
            ])),
            None => lines.push(Line::raw("None stated in the sources.")),
        }
    }
    lines.extend(section(theme, "Assessment"));
    for a in &q.assessment {
        lines.push(Line::from(vec![
            Span::raw(format!("• {}  ", a.value)),
            Span::styled(cite(&a.source), theme.dim()),
        ]));
    }
    if !q.progression.is_empty() {
        lines.extend(section(theme, "Progression"));
        for p in &q.progression {
            let id = p.to.as_ref().map_or(String::new(), |id| format!(" ({id})"));
            lines.push(Line::from(vec![
                Span::raw(format!("• {}{id}  ", p.text)),
                Span::styled(cite(&p.source), theme.dim()),
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
            Span::styled(format!("[{}]", f.source), theme.dim()),
        ]));
    }
    if !q.notes.is_empty() {
        lines.extend(section(theme, "Notes"));
        for n in &q.notes {
            lines.push(Line::from(vec![
                Span::raw(format!("• {}  ", n.value)),
                Span::styled(cite(&n.source), theme.dim()),
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
        lines.push(Line::styled(cite(s), theme.dim()));
    }
    lines
}
