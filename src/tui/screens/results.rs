//! Ranked recommendations at the end of the wizard, each with its reasons;
//! Enter opens the option's detail.

use super::{
    ListClick, Nav, Screen, click_list, clicked, detail::Detail, first_visible, moved, plan::Plan,
    upgrade::Upgrade,
};
use crate::planner::{Candidate, LearnerProfile, ReasonKind, Recommendation, recommend};
use crate::tui::app::Ctx;
use crate::tui::keys::Action;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

pub struct Results {
    pub profile: LearnerProfile,
    pub options: Vec<Recommendation>,
    pub selected: usize,
}

impl Results {
    pub fn new(ctx: &Ctx, profile: LearnerProfile) -> Results {
        let options = recommend(&ctx.catalogue, &profile);
        Results {
            profile,
            options,
            selected: 0,
        }
    }

    fn open(&self, ctx: &Ctx) -> Nav {
        match self.options.get(self.selected).map(|o| &o.candidate) {
            Some(Candidate::Qualification(id)) => {
                Nav::push(Screen::Detail(Detail::qualification(ctx, id)))
            }
            Some(Candidate::Unit(code)) => Nav::push(Screen::Detail(Detail::unit(ctx, code))),
            Some(Candidate::Upgrade(id)) if !self.profile.held.is_empty() => Nav::push(
                Screen::Plan(Box::new(Plan::new(ctx, id, self.profile.holding()))),
            ),
            Some(Candidate::Upgrade(_)) => Nav::push(Screen::Upgrade(Upgrade::new(ctx))),
            None => Nav::Handled,
        }
    }

    pub fn handle(&mut self, action: Action, ctx: &Ctx, area: Rect) -> Nav {
        let [list, _] = areas(area);
        let height = usize::from(list.height.saturating_sub(2));
        if let Some(i) = moved(self.selected, self.options.len(), action, height) {
            self.selected = i;
            return Nav::Handled;
        }
        match action {
            Action::Enter => self.open(ctx),
            Action::Char('p') => match self.options.get(self.selected).map(|o| &o.candidate) {
                // The holding the ranking priced goes with it: a top-up
                // promised here is what Plan & pay charges.
                Some(Candidate::Qualification(id) | Candidate::Upgrade(id))
                    if ctx
                        .catalogue
                        .qualification(id)
                        .is_some_and(|q| q.is_on_sale()) =>
                {
                    Nav::push(Screen::Plan(Box::new(Plan::new(
                        ctx,
                        id,
                        self.profile.holding(),
                    ))))
                }
                _ => Nav::Handled,
            },
            Action::Click { row, .. } => {
                let first = first_visible(self.selected, self.options.len(), height);
                match click_list(
                    &mut self.selected,
                    clicked(
                        row,
                        list.y + 1,
                        list.height.saturating_sub(2),
                        first,
                        self.options.len(),
                    ),
                ) {
                    ListClick::Open => self.open(ctx),
                    ListClick::Selected | ListClick::Missed => Nav::Handled,
                }
            }
            _ => Nav::Stay,
        }
    }

    pub fn view(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        let [list, reasons] = areas(area);
        let height = usize::from(list.height.saturating_sub(2));
        let first = first_visible(self.selected, self.options.len(), height);
        let lines: Vec<Line> = self
            .options
            .iter()
            .enumerate()
            .skip(first)
            .take(height)
            .map(|(i, o)| {
                let chosen = i == self.selected;
                let fee = o
                    .fee_ex_vat
                    .map_or("on request".to_string(), |f| f.to_string());
                let text = format!(
                    "{} {:>2}. {:<10} {:<20} {:>10}  {}",
                    if chosen { ">" } else { " " },
                    i + 1,
                    o.fit.to_string(),
                    o.candidate.id(),
                    fee,
                    o.title
                );
                Line::styled(
                    text,
                    if chosen {
                        theme.selected()
                    } else {
                        Style::new()
                    },
                )
            })
            .collect();
        let body = if self.options.is_empty() {
            vec![Line::raw(
                "Nothing fits these answers; go back (Esc) and skip a question or two.",
            )]
        } else {
            lines
        };
        frame.render_widget(
            Paragraph::new(body)
                .block(Block::bordered().title(" Recommended, best first (fee ex VAT) ")),
            list,
        );
        let mut why = Vec::new();
        if let Some(o) = self.options.get(self.selected) {
            why.push(Line::styled(
                format!("{}: {}", o.title, o.fit),
                theme.heading(),
            ));
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
        }
        frame.render_widget(
            Paragraph::new(why)
                .wrap(Wrap { trim: false })
                .block(Block::bordered().title(" Why (+ for, - against, * note) ")),
            reasons,
        );
    }

    pub fn title(&self) -> String {
        "Recommendations".to_string()
    }

    pub fn hints(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("↑↓", "choose"),
            ("Enter", "detail"),
            ("p", "plan & pay"),
            ("Esc", "back to questions"),
        ]
    }

    pub fn help(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("↑↓ j k", "choose an option (a click too)"),
            ("Enter", "open it"),
            ("p", "plan and pay for it"),
            ("Esc", "back to the questions"),
        ]
    }
}

fn areas(area: Rect) -> [Rect; 2] {
    Layout::vertical([Constraint::Percentage(45), Constraint::Percentage(55)]).areas(area)
}
