//! Plan and pay: a start date and hours per week give a timeline (start,
//! suggested completion, registration expiry, practice), and the payment
//! options (in full, or instalments with their schedule), all adjustable.

use super::{Component, cycle};
use crate::enquiry::PaymentChoice;
use crate::money::Pence;
use crate::planner::{
    Course, CourseError, Due, Holding, HoursPerWeek, LearnerProfile, PayError, PaymentPlan,
    Timeline, add_months,
};
use crate::pricing::InstalmentTerms;
use crate::tui::ctx::Ctx;
use crate::tui::effect::{Effect, Event, Outcome, Record};
use crate::tui::keys::{Binding, Key, KeyGroup, MOTION, Motion, bind};
use crate::tui::widgets::{ScrollPane, scroll, target};
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

/// What has the focus: the fields, or one of the panes that can outgrow
/// the screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Fields,
    Timeline,
    Payments,
}

const PANES: [Focus; 3] = [Focus::Fields, Focus::Timeline, Focus::Payments];

/// What Plan & pay starts from besides the qualification: what the
/// learner holds and the hours a week they said they can give. It goes
/// with the learner from the recommendations through Compare and the
/// detail, so that the top-up and the hours the recommendations reasoned
/// with are what Plan & pay shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Learner {
    pub holding: Holding,
    pub hours_per_week: Option<HoursPerWeek>,
}

impl Learner {
    /// The questionnaire's answers that bear on a plan.
    pub fn from_profile(profile: &LearnerProfile) -> Learner {
        Learner {
            holding: profile.holding(),
            hours_per_week: profile.hours_per_week,
        }
    }

    /// The hours a week as Plan & pay steps them: whole hours, the nearest
    /// to the answer (2.5 is 3), within `bounds::HOURS_PER_WEEK`; `None`
    /// when the question was skipped or answered 0.
    fn whole_hours(&self) -> Option<u32> {
        let tenths = self.hours_per_week.filter(|h| h.tenths > 0)?.tenths;
        let hours = &crate::bounds::HOURS_PER_WEEK;
        Some((tenths.saturating_add(5) / 10).clamp(*hours.start(), *hours.end()))
    }
}

#[derive(Debug)]
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
    /// The field chosen (an index into `FIELDS`).
    pub field: usize,
    pub focus: Focus,
    /// What is worked out from the fields (`None` when there is no course).
    pub timeline: Option<Timeline>,
    pub payments: Option<Result<PaymentPlan, PayError>>,
    pub timeline_pane: ScrollPane,
    pub payments_pane: ScrollPane,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Do {
    Change(bool),
    Instalments,
    Today,
    Shortlist,
    Pane(bool),
}

fn on_fields(p: &Plan) -> bool {
    p.focus == Focus::Fields
}

const KEYS: &[Binding<Plan, Do>] = &[
    bind(
        "plan.less",
        Do::Change(false),
        &[Key::Left, Key::Char('-'), Key::Char('h')],
        "change",
        "change the field down: start a month earlier, an hour less, £5 less",
    )
    .when(on_fields),
    bind(
        "plan.more",
        Do::Change(true),
        &[Key::Right, Key::Char('+'), Key::Char('l')],
        "change",
        "change the field up: start a month later, an hour more, £5 more",
    )
    .when(on_fields),
    bind(
        "plan.instalments",
        Do::Instalments,
        &[Key::Char('i'), Key::Char(' ')],
        "instalments",
        "switch between paying in full and by instalments",
    ),
    bind(
        "plan.today",
        Do::Today,
        &[Key::Char('t')],
        "today",
        "start today",
    ),
    bind(
        "plan.shortlist",
        Do::Shortlist,
        &[Key::Char('a')],
        "",
        "add it to the enquiry's shortlist (again: take it off)",
    ),
    bind(
        "plan.next_pane",
        Do::Pane(true),
        &[Key::Tab],
        "pane",
        "to the next pane: fields, timeline, payments",
    ),
    bind(
        "plan.previous_pane",
        Do::Pane(false),
        &[Key::BackTab],
        "",
        "to the previous pane",
    ),
];

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
            field: 0,
            focus: Focus::Fields,
            timeline: None,
            payments: None,
            timeline_pane: ScrollPane::default(),
            payments_pane: ScrollPane::default(),
        };
        p.refresh();
        p
    }

    /// Plan & pay for a learner who answered the questionnaire: what they
    /// hold prices the course, and their hours a week set the timeline.
    pub fn for_learner(ctx: &Ctx, id: &str, learner: &Learner) -> Plan {
        let mut p = Plan::new(ctx, id, learner.holding.clone());
        if let Some(h) = learner.whole_hours() {
            p.hours_per_week = h;
            p.refresh();
        }
        p
    }

    /// Plan & pay as an enquiry recorded it: the same course and holding,
    /// start, hours and way of paying, so that a reopened enquiry can go
    /// back into it with the same choices.
    pub fn restored(
        ctx: &Ctx,
        id: &str,
        holding: Holding,
        payment: Option<&crate::enquiry::PaymentChoice>,
        hours_per_week: Option<u32>,
    ) -> Plan {
        let mut p = Plan::new(ctx, id, holding);
        if let Some(pay) = payment {
            p.start = pay.start;
            p.instalments = pay.instalments;
            if pay.instalments {
                p.terms.instalment = pay.instalment;
                p.terms.monthly_payments = pay.monthly_payments;
                p.terms.final_on_completion = pay.final_payment_on_completion;
            }
        }
        if let Some(h) = hours_per_week.filter(|h| *h > 0) {
            p.hours_per_week = h;
        }
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
        match FIELDS[self.field] {
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
                let hours = &crate::bounds::HOURS_PER_WEEK;
                self.hours_per_week = if up {
                    self.hours_per_week.saturating_add(1).min(*hours.end())
                } else {
                    self.hours_per_week.saturating_sub(1).max(*hours.start())
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
                let months = &crate::bounds::MONTHLY_PAYMENTS;
                self.terms.monthly_payments = if up {
                    self.terms
                        .monthly_payments
                        .saturating_add(1)
                        .min(*months.end())
                } else {
                    self.terms
                        .monthly_payments
                        .saturating_sub(1)
                        .max(*months.start())
                };
            }
        }
    }

    /// Steps a field, stopping at its limit: a change that would make the
    /// instalments unpayable (more than the price, or none at all) is not
    /// made. Returns whether the field changed.
    fn step(&mut self, up: bool) -> bool {
        let before = (
            self.start,
            self.hours_per_week,
            self.instalments,
            self.terms,
        );
        self.adjust(up);
        let fee = self
            .course
            .as_ref()
            .ok()
            .and_then(|c| c.fee)
            .map(|f| f.ex_vat);
        let payable = |t: &InstalmentTerms| fee.is_none_or(|f| t.schedule(f).is_ok());
        if payable(&before.3) && !payable(&self.terms) {
            self.terms = before.3;
        }
        before
            != (
                self.start,
                self.hours_per_week,
                self.instalments,
                self.terms,
            )
    }

    /// What Plan & pay has settled, for the enquiry: the qualification,
    /// the holding its figures were worked out from, and the payment.
    fn record(&self) -> Effect {
        Effect::Record(Record::Plan {
            id: self.id.clone(),
            holding: self.holding.clone(),
            payment: PaymentChoice {
                instalments: self.instalments,
                start: self.start,
                instalment: self.terms.instalment,
                monthly_payments: self.terms.monthly_payments,
                final_payment_on_completion: self.terms.final_on_completion,
            },
        })
    }

    fn key(&mut self, key: Key, ctx: &Ctx) -> Outcome {
        let on = target(
            key,
            &mut self.focus,
            &[
                (Focus::Timeline, &self.timeline_pane),
                (Focus::Payments, &self.payments_pane),
            ],
        );
        match on {
            Focus::Timeline if self.timeline_pane.update(key, &ctx.keymap, false) => {
                return Outcome::done();
            }
            Focus::Payments if self.payments_pane.update(key, &ctx.keymap, false) => {
                return Outcome::done();
            }
            Focus::Fields => {
                if let Some(m) = Motion::of(key, &ctx.keymap, false) {
                    self.field = m.apply(self.field, FIELDS.len(), 1);
                    return Outcome::done();
                }
            }
            _ => {}
        }
        if key.position().is_some() {
            return Outcome::done();
        }
        match ctx.keymap.action(KEYS, self, key, false) {
            Some(Do::Change(up)) => {
                if !self.step(up) {
                    return Outcome::with(Effect::Say(crate::tui::status::Notice::Info(format!(
                        "{} is at its limit.",
                        self.field_name()
                    ))));
                }
                if FIELDS[self.field] == Field::Start
                    && let Some(past) = self.past_start(ctx)
                {
                    self.refresh();
                    return Outcome::Done(vec![
                        self.record(),
                        Effect::Say(crate::tui::status::Notice::Info(past)),
                    ]);
                }
            }
            Some(Do::Instalments) => self.instalments = !self.instalments,
            Some(Do::Today) => self.start = ctx.today,
            Some(Do::Shortlist) => return Outcome::with(Effect::Shortlist(self.id.clone())),
            Some(Do::Pane(forward)) => {
                self.focus = cycle(self.focus, &PANES, forward);
                return Outcome::done();
            }
            None => return Outcome::Ignored,
        }
        self.refresh();
        Outcome::with(self.record())
    }

    fn payments_lines(&self, ctx: &Ctx) -> Vec<Line<'static>> {
        let theme = ctx.theme;
        let past = self
            .past_start(ctx)
            .map(|p| Line::styled(format!("! {p}"), theme.bad()));
        let mut below: Vec<Line<'static>> = past.into_iter().collect();
        below.extend(match &self.course {
            Ok(course) => vec![Line::styled(course.summary(), theme.heading())],
            Err(e) => vec![Line::styled(
                format!("{}.", crate::text::capitalised(&e.to_string())),
                theme.bad(),
            )],
        });
        match &self.payments {
            Some(Ok(plan)) => {
                below.extend(payment_lines(ctx, plan));
                below.extend(self.derivation(ctx, plan));
            }
            Some(Err(e)) => below.push(Line::raw(format!(
                "{}.",
                crate::text::capitalised(&e.to_string())
            ))),
            None => {}
        }
        // How the fee is worked out.
        if let Ok(course) = &self.course {
            below.extend(
                course
                    .notes
                    .iter()
                    .map(|n| Line::styled(format!("{n}."), theme.quiet())),
            );
            below.extend(super::unit_lines(
                ctx,
                "Units to take",
                &course.units_to_take,
            ));
            below.extend(super::unit_lines(
                ctx,
                "Units carried over",
                &course.units_carried,
            ));
        }
        below
    }

    /// How the payments shown are worked out, in the figures shown: the
    /// first payment from the price, the later payments and the premium,
    /// and where the premium comes from.
    fn derivation(&self, ctx: &Ctx, plan: &PaymentPlan) -> Vec<Line<'static>> {
        let quiet = ctx.theme.quiet();
        let (Some(first), later) = (plan.payments.first(), plan.payments.len().saturating_sub(1))
        else {
            return Vec::new();
        };
        if !self.instalments {
            return vec![Line::styled(
                format!(
                    "Paid in full: the price, {}, before you begin.",
                    plan.price_ex_vat
                ),
                quiet,
            )];
        }
        let premium = &ctx.catalogue.pricing.instalments.premium;
        let mut lines = vec![
            Line::styled(
                format!(
                    "First payment {} = price {} - {later} later payments of {} + {} premium (ex VAT).",
                    first.amount.ex_vat,
                    plan.price_ex_vat,
                    self.terms.instalment,
                    plan.premium_ex_vat
                ),
                quiet,
            ),
            Line::styled(
                format!(
                    "The {} premium is the provider's charge for paying by instalments ({}).",
                    plan.premium_ex_vat, premium.source
                ),
                quiet,
            ),
        ];
        if self.terms.final_on_completion {
            lines.push(Line::styled(
                format!(
                    "The final {} falls due when you complete{}.",
                    self.terms.instalment,
                    self.timeline
                        .as_ref()
                        .and_then(|t| t.projected_finish)
                        .map_or(String::new(), |d| format!(" (at your pace, about {d})"))
                ),
                quiet,
            ));
        }
        lines
    }

    fn field_name(&self) -> &'static str {
        match FIELDS[self.field] {
            Field::Start => "The start",
            Field::Hours => "Hours a week",
            Field::Payment => "Payment",
            Field::Instalment => "The instalment",
            Field::Months => "The monthly payments",
        }
    }

    fn field_lines(&self, ctx: &Ctx) -> Vec<Line<'static>> {
        let theme = ctx.theme;
        let field = |i: usize, label: &str, value: String| {
            let chosen = i == self.field;
            Line::from(vec![
                Span::styled(
                    format!("{}{label:<14}", if chosen { ">" } else { " " }),
                    if chosen && self.focus == Focus::Fields {
                        theme.selected()
                    } else {
                        theme.heading()
                    },
                ),
                Span::raw(format!(" ‹ {value} ›")),
            ])
        };
        vec![
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
        ]
    }

    /// A start gone by is questioned, not refused (a course may have
    /// begun already).
    fn past_start(&self, ctx: &Ctx) -> Option<String> {
        (self.start < ctx.today).then(|| {
            format!(
                "The start, {}, is before today ({}): is that right? t starts today.",
                self.start, ctx.today
            )
        })
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
            theme.quiet(),
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
        // What the bars and the hours mean, from the figures above.
        lines.push(Line::styled(
            "─ registration: the time to finish in; ░ before and █ within the provider's suggested finish; ▓ at your hours a week",
            theme.quiet(),
        ));
        if let Ok(course) = &self.course {
            let glh = match course.glh_to_take {
                Some(g) => format!(
                    "; {g} of them (GLH) are guided learning hours, with a tutor or assessor"
                ),
                None => "; the source states no guided learning hours".to_string(),
            };
            lines.push(Line::styled(
                format!(
                    "{} h of learning is all the time its {} credits take: study, practice, assessment{glh}.",
                    t.total_hours, course.credits_to_take
                ),
                theme.quiet(),
            ));
        }
        lines
    }
}

impl Component for Plan {
    fn title(&self) -> String {
        "Plan & pay".to_string()
    }

    fn update(&mut self, event: Event, ctx: &Ctx) -> Outcome {
        match event {
            // Opening Plan & pay records its choice into the enquiry.
            Event::Shown => Outcome::with(self.record()),
            Event::Key(key) => self.key(key, ctx),
            _ => Outcome::Ignored,
        }
    }

    fn view(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        let chart_width = area.width.saturating_sub(34);
        let chart = self.chart_lines(ctx, chart_width.saturating_sub(2));
        // The timeline gets the rows it needs where the terminal has them.
        let needed = Paragraph::new(chart.clone())
            .wrap(Wrap { trim: false })
            .line_count(chart_width.saturating_sub(2));
        let top_height = u16::try_from(needed + 2)
            .unwrap_or(u16::MAX)
            .clamp(7, (area.height / 2).max(7));
        let [top, bottom] =
            Layout::vertical([Constraint::Length(top_height), Constraint::Min(4)]).areas(area);
        let [fields, timeline] =
            Layout::horizontal([Constraint::Length(34), Constraint::Min(20)]).areas(top);
        let block = Block::bordered().title(format!(" {} ", self.id));
        let block = if self.focus == Focus::Fields {
            block.border_style(theme.key())
        } else {
            block
        };
        frame.render_widget(Paragraph::new(self.field_lines(ctx)).block(block), fields);
        self.timeline_pane.render(
            frame,
            timeline,
            Block::bordered().title(" Timeline "),
            &chart,
            self.focus == Focus::Timeline,
            theme,
        );
        self.payments_pane.render(
            frame,
            bottom,
            Block::bordered().title(if self.instalments {
                " Payments: instalments "
            } else {
                " Payments: in full "
            }),
            &self.payments_lines(ctx),
            self.focus == Focus::Payments,
            theme,
        );
    }

    fn keys(&self, ctx: &Ctx) -> Vec<KeyGroup> {
        let k = &ctx.keymap;
        let widget = match self.focus {
            Focus::Fields => {
                let mut keys = k.help(&MOTION[..2], &(), false);
                for key in &mut keys {
                    key.bar = "field";
                }
                KeyGroup {
                    title: "In the fields".to_string(),
                    keys,
                }
            }
            Focus::Timeline => scroll::keys(k, "In the timeline", false),
            Focus::Payments => scroll::keys(k, "In the payments", false),
        };
        vec![widget, k.group("On Plan & pay", KEYS, self, false)]
    }

    fn typing(&self) -> bool {
        false
    }

    /// The plan as the plain mode says it: dates, hours, every payment and
    /// the total inc VAT.
    fn summary(&self, ctx: &Ctx) -> Option<super::Summary> {
        let course = self.course.as_ref().ok()?;
        let mut lines = match &self.timeline {
            Some(t) => crate::summary::plan(
                course,
                t,
                crate::planner::HoursPerWeek::whole(self.hours_per_week),
            ),
            None => vec![format!(
                "Plan for {} ({})",
                course.title, course.qualification
            )],
        };
        if !course.holding.is_empty() {
            lines.extend(crate::summary::course(course));
        }
        if let Some(Ok(plan)) = &self.payments {
            lines.extend(crate::summary::payments(
                &ctx.catalogue,
                plan,
                course.vat_percent,
            ));
        }
        Some(super::Summary {
            what: format!("the plan for {}", self.id),
            text: lines.join("\n"),
        })
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

/// This table's actions by name, for checking a keymap.
pub fn key_names() -> Vec<(&'static str, &'static [Key])> {
    crate::tui::keys::names(KEYS)
}
