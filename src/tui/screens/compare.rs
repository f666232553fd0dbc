//! Compare: a table of qualifications to filter by level, stream and size
//! and sort by any column; mark two to four for a side-by-side view, or see
//! price, credits and hours as bar charts.

use super::{ListClick, Nav, Screen, click_list, clicked, detail::Detail, first_visible, moved};
use crate::catalogue::{Edition, Size, Stream};
use crate::planner::{ComparisonRow, Filter, SortKey, compare};
use crate::tui::app::Ctx;
use crate::tui::keys::Action;
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

/// How the qualifications are shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Table,
    SideBySide,
    Chart(Metric),
}

/// What a bar chart measures.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metric {
    Price,
    Credits,
    Hours,
}

impl Metric {
    fn next(self) -> Metric {
        match self {
            Metric::Price => Metric::Credits,
            Metric::Credits => Metric::Hours,
            Metric::Hours => Metric::Price,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Metric::Price => "Price ex VAT",
            Metric::Credits => "Credits",
            Metric::Hours => "Total qualification time (hours)",
        }
    }
}

/// A table column: header, width, the figure it sorts by, its cell, and how
/// readily it is dropped when the terminal is narrow (higher goes first).
struct Column {
    header: &'static str,
    width: u16,
    key: SortKey,
    cell: fn(&ComparisonRow) -> String,
    drop_order: u8,
}

fn money(p: Option<crate::money::Pence>) -> String {
    p.map_or_else(|| "on request".into(), |p| p.to_string())
}

const COLUMNS: &[Column] = &[
    Column {
        header: "id",
        width: 18,
        key: SortKey::Id,
        cell: |r| r.id.clone(),
        drop_order: 0,
    },
    Column {
        header: "L",
        width: 1,
        key: SortKey::Level,
        cell: |r| r.level.to_string(),
        drop_order: 2,
    },
    Column {
        header: "size",
        width: 11,
        key: SortKey::Size,
        cell: |r| r.size.to_string(),
        drop_order: 6,
    },
    Column {
        header: "stream",
        width: 22,
        key: SortKey::Stream,
        cell: |r| r.stream.to_string(),
        drop_order: 7,
    },
    Column {
        header: "Cr",
        width: 3,
        key: SortKey::Credits,
        cell: |r| r.credits.to_string(),
        drop_order: 1,
    },
    Column {
        header: "GLH",
        width: 3,
        key: SortKey::Glh,
        cell: |r| r.glh.map_or("-".into(), |g| g.to_string()),
        drop_order: 2,
    },
    Column {
        header: "TQT",
        width: 3,
        key: SortKey::Tqt,
        cell: |r| r.tqt_hours.to_string(),
        drop_order: 2,
    },
    Column {
        header: "Prac",
        width: 4,
        key: SortKey::Practice,
        cell: |r| r.practice_hours.to_string(),
        drop_order: 1,
    },
    Column {
        header: "ex VAT",
        width: 10,
        key: SortKey::PriceExVat,
        cell: |r| money(r.price.map(|p| p.ex_vat)),
        drop_order: 1,
    },
    Column {
        header: "inc VAT",
        width: 10,
        key: SortKey::PriceIncVat,
        cell: |r| money(r.price.map(|p| p.inc_vat)),
        drop_order: 3,
    },
    Column {
        header: "£/cr",
        width: 7,
        key: SortKey::PricePerCredit,
        cell: |r| r.price_per_credit.map_or("-".into(), |p| p.to_string()),
        drop_order: 4,
    },
    Column {
        header: "time",
        width: 9,
        key: SortKey::TargetTime,
        cell: |r| r.target_months.map_or("-".into(), |t| t.to_string()),
        drop_order: 1,
    },
];

/// A row of the side-by-side view: its label and its cell.
type Figure = (&'static str, fn(&ComparisonRow) -> String);

pub struct Compare {
    pub filter: Filter,
    /// Index into the columns of the one sorted by.
    pub sort: usize,
    pub desc: bool,
    pub rows: Vec<ComparisonRow>,
    pub selected: usize,
    /// Ids marked for the side-by-side view (two to four).
    pub marked: Vec<String>,
    pub mode: Mode,
    pub message: Option<String>,
}

const MAX_MARKED: usize = 4;

impl Compare {
    pub fn new(ctx: &Ctx) -> Compare {
        let mut c = Compare {
            filter: Filter {
                edition: Some(Edition::Current),
                ..Filter::default()
            },
            sort: 1,
            desc: false,
            rows: Vec::new(),
            selected: 0,
            marked: Vec::new(),
            mode: Mode::Table,
            message: None,
        };
        c.refresh(ctx);
        c
    }

    fn refresh(&mut self, ctx: &Ctx) {
        self.rows = compare(
            &ctx.catalogue,
            &[],
            &self.filter,
            COLUMNS[self.sort].key,
            self.desc,
        );
        self.selected = self.selected.min(self.rows.len().saturating_sub(1));
    }

    /// Columns that fit `width`, keeping the id and the sorted column.
    fn columns(&self, width: u16) -> Vec<usize> {
        let mut shown: Vec<usize> = (0..COLUMNS.len()).collect();
        let total = |cols: &[usize]| cols.iter().map(|&i| COLUMNS[i].width + 1).sum::<u16>() + 2;
        while total(&shown) > width {
            let drop = shown
                .iter()
                .copied()
                .filter(|&i| i != 0 && i != self.sort)
                .max_by_key(|&i| (COLUMNS[i].drop_order, i));
            match drop {
                Some(i) => shown.retain(|&c| c != i),
                None => break,
            }
        }
        shown
    }

    fn toggle_mark(&mut self) {
        let Some(row) = self.rows.get(self.selected) else {
            return;
        };
        if let Some(pos) = self.marked.iter().position(|id| *id == row.id) {
            self.marked.remove(pos);
            self.message = None;
        } else if self.marked.len() < MAX_MARKED {
            self.marked.push(row.id.clone());
            self.message = None;
        } else {
            self.message = Some(format!(
                "At most {MAX_MARKED} can be compared side by side; unmark one first."
            ));
        }
    }

    fn cycle<T: Copy + PartialEq>(current: Option<T>, all: &[T]) -> Option<T> {
        match current.and_then(|c| all.iter().position(|x| *x == c)) {
            None => all.first().copied(),
            Some(i) if i + 1 < all.len() => Some(all[i + 1]),
            Some(_) => None,
        }
    }

    pub fn handle(&mut self, action: Action, ctx: &Ctx, area: Rect) -> Nav {
        if self.mode != Mode::Table {
            return match (action, self.mode) {
                (Action::Back, _) => {
                    self.mode = Mode::Table;
                    Nav::Handled
                }
                (
                    Action::Left | Action::Right | Action::NextPane | Action::Char('c'),
                    Mode::Chart(m),
                ) => {
                    self.mode = Mode::Chart(m.next());
                    Nav::Handled
                }
                (Action::Char('v'), _) => {
                    self.mode = Mode::Table;
                    Nav::Handled
                }
                _ => Nav::Stay,
            };
        }
        let [_, table, _] = areas(area);
        let visible = usize::from(table.height.saturating_sub(3));
        if let Some(i) = moved(self.selected, self.rows.len(), action, visible) {
            self.selected = i;
            return Nav::Handled;
        }
        match action {
            // Every column can be sorted by; a narrow table shows the sorted
            // one in place of a column it drops.
            Action::Left | Action::Right => {
                self.sort = if action == Action::Left {
                    self.sort.saturating_sub(1)
                } else {
                    (self.sort + 1).min(COLUMNS.len() - 1)
                };
                self.refresh(ctx);
            }
            Action::Char('r') => {
                self.desc = !self.desc;
                self.refresh(ctx);
            }
            Action::Toggle => self.toggle_mark(),
            Action::Char('v') => {
                if self.marked.len() >= 2 {
                    self.mode = Mode::SideBySide;
                } else {
                    self.message = Some("Mark two to four qualifications with Space first.".into());
                }
            }
            Action::Char('c') => self.mode = Mode::Chart(Metric::Price),
            Action::Char(c @ ('3' | '5' | '7' | '2')) => {
                let level = c.to_digit(10).map(|d| d as u8);
                self.filter.level = if self.filter.level == level {
                    None
                } else {
                    level
                };
                self.refresh(ctx);
            }
            Action::Char('t') => {
                self.filter.stream = Self::cycle(
                    self.filter.stream,
                    &[
                        Stream::Coaching,
                        Stream::Mentoring,
                        Stream::CoachingAndMentoring,
                    ],
                );
                self.refresh(ctx);
            }
            Action::Char('z') => {
                self.filter.size = Self::cycle(
                    self.filter.size,
                    &[Size::Award, Size::Certificate, Size::Diploma],
                );
                self.refresh(ctx);
            }
            Action::Char('o') => {
                self.filter.edition = if self.filter.edition.is_some() {
                    None
                } else {
                    Some(Edition::Current)
                };
                self.refresh(ctx);
            }
            Action::Char('x') => {
                self.filter = Filter {
                    edition: Some(Edition::Current),
                    ..Filter::default()
                };
                self.refresh(ctx);
            }
            Action::Char('p') => {
                if let Some(row) = self.rows.get(self.selected)
                    && row.edition == Edition::Current
                {
                    return Nav::push(Screen::Plan(Box::new(super::plan::Plan::new(
                        ctx,
                        &row.id,
                        crate::planner::Holding::none(),
                    ))));
                }
            }
            Action::Enter => {
                if let Some(row) = self.rows.get(self.selected) {
                    return Nav::push(Screen::Detail(Detail::qualification(ctx, &row.id)));
                }
            }
            Action::Click { row, .. } => {
                let body = Block::bordered().inner(table);
                let first = first_visible(self.selected, self.rows.len(), visible);
                let top = body.y + 1;
                let hit = clicked(
                    row,
                    top,
                    body.height.saturating_sub(1),
                    first,
                    self.rows.len(),
                );
                if let ListClick::Open = click_list(&mut self.selected, hit) {
                    return Nav::push(Screen::Detail(Detail::qualification(
                        ctx,
                        &self.rows[self.selected].id,
                    )));
                }
            }
            _ => return Nav::Stay,
        }
        Nav::Handled
    }

    pub fn view(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        let [filters, main, status] = areas(area);
        let level = self
            .filter
            .level
            .map_or("all".into(), |l| format!("Level {l}"));
        let stream = self.filter.stream.map_or("all".into(), |s| s.to_string());
        let size = self.filter.size.map_or("all".into(), |s| s.to_string());
        let edition = if self.filter.edition.is_some() {
            "on sale"
        } else {
            "all editions"
        };
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled("Level ", theme.heading()),
                Span::raw(format!("{level} (3 5 7)  ")),
                Span::styled("Stream ", theme.heading()),
                Span::raw(format!("{stream} (t)  ")),
                Span::styled("Size ", theme.heading()),
                Span::raw(format!("{size} (z)  ")),
                Span::raw(format!("{edition} (o)  {} marked", self.marked.len())),
            ])),
            filters,
        );
        match self.mode {
            Mode::Table => self.table(frame, main, ctx),
            Mode::SideBySide => self.side_by_side(frame, main, ctx),
            Mode::Chart(metric) => self.chart(frame, main, ctx, metric),
        }
        let text = self.message.clone().unwrap_or_else(|| match self.mode {
            Mode::Table => {
                "Cr credits  GLH guided h (* stated)  TQT total h  Prac practice h  £/cr ex VAT"
                    .into()
            }
            Mode::SideBySide => "Side by side: Esc or v back to the table".into(),
            Mode::Chart(_) => {
                "Bar chart: ←→ next chart (price, credits, hours); Esc back to the table".into()
            }
        });
        frame.render_widget(Paragraph::new(Line::styled(text, theme.dim())), status);
    }

    fn table(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        let block = Block::bordered().title(format!(
            " {} qualifications, sorted by {} {} ",
            self.rows.len(),
            COLUMNS[self.sort].header,
            if self.desc { "▼" } else { "▲" }
        ));
        let inner = block.inner(area);
        frame.render_widget(block, area);
        let columns = self.columns(area.width.saturating_sub(2));
        let pad = |text: &str, c: &Column| {
            let right = c.key != SortKey::Id
                && c.key != SortKey::Size
                && c.key != SortKey::Stream
                && c.key != SortKey::TargetTime;
            if right {
                format!("{text:>w$} ", w = usize::from(c.width))
            } else {
                format!("{text:<w$} ", w = usize::from(c.width))
            }
        };
        let mut header = vec![Span::raw("  ")];
        for &i in &columns {
            let c = &COLUMNS[i];
            let label = if i == self.sort {
                format!("{}{}", c.header, if self.desc { "▼" } else { "▲" })
            } else {
                c.header.to_string()
            };
            let style = if i == self.sort {
                theme.key()
            } else {
                theme.heading()
            };
            header.push(Span::styled(pad(&label, c), style));
        }
        let mut lines = vec![Line::from(header)];
        let visible = usize::from(inner.height.saturating_sub(1));
        let first = first_visible(self.selected, self.rows.len(), visible);
        for (n, row) in self.rows.iter().enumerate().skip(first).take(visible) {
            let marked = self.marked.contains(&row.id);
            let chosen = n == self.selected;
            let style = if chosen {
                theme.selected()
            } else {
                Style::new()
            };
            let mut cells = format!(
                "{}{}",
                if chosen { ">" } else { " " },
                if marked { "*" } else { " " }
            );
            for &i in &columns {
                let c = &COLUMNS[i];
                let mut text = (c.cell)(row);
                text = text.chars().take(usize::from(c.width)).collect();
                cells.push_str(&pad(&text, c));
            }
            lines.push(Line::styled(cells, style));
        }
        if self.rows.is_empty() {
            lines.push(Line::raw(
                "  No qualification matches these filters: x clears them.",
            ));
        }
        frame.render_widget(Paragraph::new(lines), inner);
    }

    fn side_by_side(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        let rows: Vec<ComparisonRow> = self
            .marked
            .iter()
            .filter_map(|id| ctx.catalogue.qualification(id))
            .map(|q| ComparisonRow::new(&ctx.catalogue, q))
            .collect();
        let label_width = 20usize;
        let col = (usize::from(area.width.saturating_sub(2)).saturating_sub(label_width)
            / rows.len().max(1))
        .max(8);
        let figures: [Figure; 16] = [
            ("Title", |r| r.title.trim_start_matches("ILM ").to_string()),
            ("Level", |r| r.level.to_string()),
            ("Size", |r| r.size.to_string()),
            ("Stream", |r| r.stream.to_string()),
            ("Credits", |r| r.credits.to_string()),
            ("Guided learning h", |r| {
                r.glh.map_or("-".into(), |g| g.to_string())
            }),
            ("Total time h", |r| r.tqt_hours.to_string()),
            ("Practice h", |r| r.practice_hours.to_string()),
            ("Min clients", |r| {
                r.min_clients.map_or("-".into(), |c| c.to_string())
            }),
            ("Price ex VAT", |r| money(r.price.map(|p| p.ex_vat))),
            ("VAT", |r| money(r.price.map(|p| p.vat))),
            ("Price inc VAT", |r| money(r.price.map(|p| p.inc_vat))),
            ("Per credit ex VAT", |r| {
                r.price_per_credit.map_or("-".into(), |p| p.to_string())
            }),
            ("Suggested time", |r| {
                r.target_months.map_or("-".into(), |t| t.to_string())
            }),
            ("Registration", |r| {
                r.registration_months
                    .map_or("-".into(), |m| format!("{m} months"))
            }),
            ("Entry requirements", |r| {
                if r.entry_requirements.is_some() {
                    "see detail".into()
                } else {
                    "none stated".into()
                }
            }),
        ];
        let mut lines = vec![Line::from(
            std::iter::once(Span::raw(format!("{:<label_width$}", "")))
                .chain(rows.iter().map(|r| {
                    Span::styled(format!("{:<col$}", clip(&r.id, col - 1)), theme.heading())
                }))
                .collect::<Vec<_>>(),
        )];
        for (name, value) in figures {
            let mut text = format!("{name:<label_width$}");
            for r in &rows {
                text.push_str(&format!("{:<col$}", clip(&value(r), col - 1)));
            }
            lines.push(Line::raw(text));
        }
        frame.render_widget(
            Paragraph::new(lines).block(Block::bordered().title(" Side by side ")),
            area,
        );
    }

    fn chart(&self, frame: &mut Frame, area: Rect, ctx: &Ctx, metric: Metric) {
        let rows: Vec<&ComparisonRow> = if self.marked.len() >= 2 {
            self.rows
                .iter()
                .filter(|r| self.marked.contains(&r.id))
                .collect()
        } else {
            self.rows.iter().collect()
        };
        let value = |r: &ComparisonRow| -> Option<(u64, String)> {
            match metric {
                Metric::Price => r
                    .price
                    .map(|p| (p.ex_vat.0.max(0) as u64, p.ex_vat.to_string())),
                Metric::Credits => Some((u64::from(r.credits), r.credits.to_string())),
                Metric::Hours => Some((u64::from(r.tqt_hours), format!("{} h", r.tqt_hours))),
            }
        };
        let max = rows
            .iter()
            .filter_map(|r| value(r))
            .map(|(v, _)| v)
            .max()
            .unwrap_or(1)
            .max(1);
        let inner_width = usize::from(area.width.saturating_sub(2));
        let bar_room = inner_width.saturating_sub(19 + 12);
        let mut lines = Vec::new();
        for r in rows {
            let (bar, text) = match value(r) {
                Some((v, t)) => (
                    // In u128, where a u64 figure times a width always fits.
                    "█".repeat(
                        usize::try_from(
                            (u128::from(v) * bar_room as u128).div_ceil(u128::from(max)),
                        )
                        .unwrap_or(bar_room)
                        .min(bar_room),
                    ),
                    t,
                ),
                None => (String::new(), "on request".into()),
            };
            lines.push(Line::from(vec![
                Span::styled(format!("{:<18} ", clip(&r.id, 18)), ctx.theme.heading()),
                Span::raw(bar),
                Span::raw(format!(" {text}")),
            ]));
        }
        frame.render_widget(
            Paragraph::new(lines)
                .wrap(Wrap { trim: false })
                .block(Block::bordered().title(format!(" {} ", metric.name()))),
            area,
        );
    }

    pub fn title(&self) -> String {
        "Compare".to_string()
    }

    pub fn hints(&self) -> &'static [(&'static str, &'static str)] {
        match self.mode {
            Mode::Table => &[
                ("←→", "sort"),
                ("r", "reverse"),
                ("Space", "mark"),
                ("v", "side by side"),
                ("c", "chart"),
                ("Enter", "detail"),
            ],
            Mode::SideBySide => &[("Esc v", "table")],
            Mode::Chart(_) => &[("←→", "next chart"), ("Esc", "table")],
        }
    }

    pub fn help(&self) -> &'static [(&'static str, &'static str)] {
        &[
            ("↑↓ j k", "choose a qualification (a click too)"),
            ("← →", "sort by the previous or next column"),
            ("r", "reverse the sort"),
            ("3 5 7", "show only that level (again: all levels)"),
            ("t", "cycle the stream filter"),
            ("z", "cycle the size filter"),
            ("o", "include the older (D-coded) edition"),
            ("x", "clear the filters"),
            ("Space", "mark or unmark (two to four)"),
            ("v", "side by side of the marked ones"),
            ("c", "bar charts of price, credits and hours"),
            ("p", "plan and pay for the chosen one"),
            ("Enter", "open the chosen one"),
        ]
    }
}

fn areas(area: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area)
}

fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        text.to_string()
    } else {
        text.chars()
            .take(width.saturating_sub(1))
            .collect::<String>()
            + "…"
    }
}
