//! Plan and pay: a start date and hours per week give a timeline (start,
//! suggested completion, registration expiry, practice), and the payment
//! options (in full, or instalments with their schedule), all adjustable.

use super::{Nav, moved};
use crate::money::Pence;
use crate::planner::{
    Course, CourseError, Due, Holding, PayError, PaymentPlan, Timeline, add_months,
};
use crate::pricing::InstalmentTerms;
use crate::tui::app::Ctx;
use crate::tui::keys::Action;
use chrono::NaiveDate;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// The adjustable fields, top to bottom.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Field {
    Start,
    Hours,
    Payment,
    Instalment,
    Months,
}

const FIELDS: [Field; 5] = [
    Field::Start,
    Field::Hours,
    Field::Payment,
    Field::Instalment,
    Field::Months,
];

/// Steps for adjusting the instalment amount.
const INSTALMENT_STEP: Pence = Pence(500);

pub struct Plan {
    pub id: String,
    /// What the learner holds: the course is what is left after it.
    pub holding: Holding,
    /// What is left to take and pay, worked out once by the planner.
    pub course: Result<Course, CourseError>,
    pub start: NaiveDate,
    pub hours_per_week: u32,
    pub instalments: bool,
    pub terms: InstalmentTerms,
    pub focus: usize,
    /// What is worked out from the fields (`None` when there is no course).
    pub timeline: Option<Timeline>,
    pub payments: Option<Result<PaymentPlan, PayError>>,
}

impl Plan {
    pub fn new(ctx: &Ctx, id: &str, holding: Holding) -> Plan {
        let mut p = Plan {
            id: id.to_string(),
            course: Course::new(&ctx.catalogue, id, &holding),
            holding,
            start: ctx.today,
            hours_per_week: 3,
            instalments: false,
            terms: InstalmentTerms::from(&ctx.catalogue.pricing.instalments),
            focus: 0,
            timeline: None,
            payments: None,
        };
        p.refresh();
        p
    }

    /// Recomputes the timeline and payments from the fields.
    fn refresh(&mut self) {
        let Ok(course) = &self.course else {
            return;
        };
        // No timeline for dates past the calendar's end (the start stays
        // within `bounds::YEARS`, so never in practice).
        self.timeline = course
            .timeline(
                self.start,
                crate::planner::HoursPerWeek::whole(self.hours_per_week),
                None,
            )
            .ok();
        let terms = self.instalments.then_some(&self.terms);
        self.payments = Some(course.payments(terms, self.start));
    }

    fn adjust(&mut self, up: bool) {
        match FIELDS[self.focus] {
            Field::Start => {
                let next = if up {
                    add_months(self.start, 1)
                } else {
                    self.start.checked_sub_months(chrono::Months::new(1))
                };
                if let Some(d) = next.filter(|d| crate::bounds::date_in_range(*d)) {
                    self.start = d;
                }
            }
            Field::Hours => {
                self.hours_per_week = if up {
                    (self.hours_per_week + 1).min(60)
                } else {
                    self.hours_per_week.saturating_sub(1).max(1)
                };
            }
            Field::Payment => self.instalments = !self.instalments,
            Field::Instalment => {
                let next = if up {
                    self.terms.instalment.checked_add(INSTALMENT_STEP)
                } else {
                    self.terms.instalment.checked_sub(INSTALMENT_STEP)
                };
                if let Some(p) =
                    next.filter(|p| *p >= INSTALMENT_STEP && crate::bounds::MONEY.contains(p))
                {
                    self.terms.instalment = p;
                }
            }
            Field::Months => {
                self.terms.monthly_payments = if up {
                    (self.terms.monthly_payments + 1).min(36)
                } else {
                    self.terms.monthly_payments.saturating_sub(1)
                };
            }
        }
    }

    pub fn handle(&mut self, action: Action, ctx: &Ctx, _area: Rect) -> Nav {
        if let Some(i) = moved(self.focus, FIELDS.len(), action, 1) {
            self.focus = i;
            return Nav::Handled;
        }
        match action {
            Action::NextPane => self.focus = (self.focus + 1) % FIELDS.len(),
            Action::PrevPane => self.focus = (self.focus + FIELDS.len() - 1) % FIELDS.len(),
            Action::Right | Action::Char('+') => self.adjust(true),
            Action::Left | Action::Char('-') => self.adjust(false),
            Action::Toggle | Action::Char('i') => self.instalments = !self.instalments,
            Action::Char('t') => self.start = ctx.today,
            _ => return Nav::Stay,
        }
        self.refresh();
        Nav::Handled
    }

    pub fn view(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        let [top, bottom] =
            Layout::vertical([Constraint::Length(9), Constraint::Min(4)]).areas(area);
        let [fields, chart] =
            Layout::horizontal([Constraint::Length(34), Constraint::Min(20)]).areas(top);
        let field = |i: usize, label: &str, value: String| {
            let chosen = i == self.focus;
            Line::from(vec![
                Span::styled(
                    format!("{}{label:<14}", if chosen { ">" } else { " " }),
                    if chosen {
                        theme.selected()
                    } else {
                        theme.heading()
                    },
                ),
                Span::raw(format!(" ‹ {value} ›")),
            ])
        };
        let lines = vec![
            field(0, "Start", self.start.to_string()),
            field(1, "Hours a week", self.hours_per_week.to_string()),
            field(
                2,
                "Payment",
                if self.instalments {
                    "instalments".into()
                } else {
                    "in full".into()
                },
            ),
            field(3, "Instalment", self.terms.instalment.to_string()),
            field(
                4,
                "Monthly",
                format!(
                    "{} + {}",
                    self.terms.monthly_payments,
                    if self.terms.final_on_completion {
                        "final"
                    } else {
                        "none"
                    }
                ),
            ),
            Line::raw(""),
            Line::styled("↑↓ field  ←→ change", theme.dim()),
        ];
        frame.render_widget(
            Paragraph::new(lines).block(Block::bordered().title(format!(" {} ", self.id))),
            fields,
        );
        frame.render_widget(
            Paragraph::new(self.chart_lines(ctx, chart.width.saturating_sub(2)))
                .wrap(Wrap { trim: false })
                .block(Block::bordered().title(" Timeline ")),
            chart,
        );
        let mut below = match &self.course {
            Ok(course) => vec![Line::styled(course.summary(), theme.heading())],
            Err(e) => vec![Line::styled(
                format!("{}.", crate::text::capitalised(&e.to_string())),
                theme.bad(),
            )],
        };
        match &self.payments {
            Some(Ok(plan)) => below.extend(payment_lines(ctx, plan)),
            Some(Err(e)) => below.push(Line::raw(format!(
                "{}.",
                crate::text::capitalised(&e.to_string())
            ))),
            None => {}
        }
        // How the fee is worked out, where the room allows.
        if let Ok(course) = &self.course {
            below.extend(
                course
                    .notes
                    .iter()
                    .map(|n| Line::styled(format!("{n}."), theme.dim())),
            );
        }
        frame.render_widget(
            Paragraph::new(below)
                .wrap(Wrap { trim: false })
                .block(Block::bordered().title(if self.instalments {
                    " Payments: instalments "
                } else {
                    " Payments: in full "
                })),
            bottom,
        );
    }

    /// Bars from the start date: registration, suggested completion, and
    /// the learner's own pace.
    fn chart_lines(&self, ctx: &Ctx, width: u16) -> Vec<Line<'static>> {
        let theme = ctx.theme;
        let Some(t) = &self.timeline else {
            return vec![];
        };
        let end = [
            t.registration_expires,
            t.projected_finish,
            t.target.map(|(_, b)| b),
        ]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(t.start);
        let span_days = (end - t.start).num_days().max(1) as usize;
        let label_width = 13usize;
        // Room for the bars, leaving space for a date after the longest one.
        let room = usize::from(width).saturating_sub(label_width + 12).max(1);
        let at =
            |d: NaiveDate| ((d - t.start).num_days().max(0) as usize * room / span_days).min(room);
        let bar = |from: usize, to: usize, fill: &str| {
            format!(
                "{}{}",
                " ".repeat(from),
                fill.repeat(to.saturating_sub(from).max(1))
            )
        };
        let mut lines = vec![Line::styled(
            format!("{:<label_width$}{} to {end}", "", t.start),
            theme.dim(),
        )];
        if let Some(expiry) = t.registration_expires {
            lines.push(Line::from(vec![
                Span::styled(format!("{:<label_width$}", "Registration"), theme.heading()),
                Span::raw(bar(0, at(expiry), "─")),
                Span::raw(format!(" {expiry}")),
            ]));
        }
        if let Some((a, b)) = t.target {
            lines.push(Line::from(vec![
                Span::styled(format!("{:<label_width$}", "Suggested"), theme.heading()),
                Span::raw(bar(0, at(a), "░")),
                Span::raw("█".repeat(at(b).saturating_sub(at(a)).max(1))),
                Span::raw(format!(" {b}")),
            ]));
        }
        if let Some(f) = t.projected_finish {
            lines.push(Line::from(vec![
                Span::styled(
                    format!(
                        "{:<label_width$}",
                        format!("At {} h/week", self.hours_per_week)
                    ),
                    theme.heading(),
                ),
                Span::raw(bar(0, at(f), "▓")),
                Span::raw(format!(" {f}")),
            ]));
        }
        let needed = t.hours_per_week_needed.map_or(String::new(), |h| {
            format!(
                "{h} h/week needed by {}",
                t.deadline.map_or(String::new(), |d| d.to_string())
            )
        });
        lines.push(Line::raw(format!(
            "{} h of learning, {} h practice; {needed}",
            t.total_hours, t.practice_hours
        )));
        for w in &t.warnings {
            lines.push(Line::styled(format!("! {w}"), theme.bad()));
        }
        lines
    }

    pub fn title(&self) -> String {
        "Plan & pay".to_string()
    }

    pub fn hints(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("↑↓", "field"),
            ("←→", "change"),
            ("i", "instalments"),
            ("t", "today"),
            ("Esc", "back"),
        ]
    }

    pub fn help(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("↑↓ Tab", "choose a field"),
            (
                "← → - +",
                "change it: start by a month, hours by one, instalment by £5",
            ),
            ("i Space", "switch between paying in full and instalments"),
            ("t", "start today"),
            ("Esc", "back"),
        ]
    }
}

fn payment_lines(ctx: &Ctx, plan: &PaymentPlan) -> Vec<Line<'static>> {
    let theme = ctx.theme;
    let mut lines = vec![Line::styled(
        format!(
            "{:<36}{:<13}{:>10}{:>9}{:>10}",
            "payment", "due", "ex VAT", "VAT", "inc VAT"
        ),
        theme.heading(),
    )];
    for p in &plan.payments {
        let due = match p.due {
            Due::On(d) => d.to_string(),
            Due::OnCompletion(_) => "on completion".to_string(),
        };
        lines.push(Line::raw(format!(
            "{:<36}{:<13}{:>10}{:>9}{:>10}",
            p.label,
            due,
            p.amount.ex_vat.to_string(),
            p.amount.vat.to_string(),
            p.amount.inc_vat.to_string()
        )));
    }
    lines.push(Line::styled(
        format!(
            "{:<49}{:>10}{:>9}{:>10}",
            "Total",
            plan.total.ex_vat.to_string(),
            plan.total.vat.to_string(),
            plan.total.inc_vat.to_string()
        ),
        theme.money(),
    ));
    lines.push(Line::styled(
        format!(
            "Prices exclude VAT; VAT at {}% on each payment.",
            ctx.catalogue.vat_rate().percent
        ),
        Style::new(),
    ));
    lines
}
