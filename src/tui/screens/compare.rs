//! Compare: a table of qualifications to filter by level, stream and size
//! and sort by any column; mark two to four for a side-by-side view, or see
//! price, credits and hours as bar charts.

use super::{
    Component, Screen,
    detail::Detail,
    plan::{Learner, Plan},
};
use crate::catalogue::{Edition, Size, Stream};
use crate::planner::{ComparisonRow, Course, CourseKind, Filter, Holding, SortKey, compare};
use crate::tui::ctx::Ctx;
use crate::tui::effect::{Effect, Event, Outcome};
use crate::tui::keys::{Binding, Key, KeyGroup, bind};
use crate::tui::status::Notice;
use crate::tui::theme::Theme;
use crate::tui::widgets::{FilterList, ListEvent, Look, ScrollPane, clip, scroll};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use std::cell::{Cell, RefCell};

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
/// readily it is dropped when the terminal is narrow (higher goes first; 0
/// never: the id, the title, the level and the price inc VAT, what a learner
/// compares first, always show). Which columns show depends on the width
/// alone, never on the sort, so sorting never moves a column.
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
    // The title takes the room the other columns leave (at least this,
    // in its brief form where the whole does not fit).
    Column {
        header: "title",
        width: 20,
        key: SortKey::Title,
        cell: |r| super::short_title(&r.title).to_string(),
        drop_order: 0,
    },
    Column {
        header: "L",
        width: 1,
        key: SortKey::Level,
        cell: |r| r.level.to_string(),
        drop_order: 0,
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
    // Credits times ten: gives way before the other figures.
    Column {
        header: "TQT",
        width: 3,
        key: SortKey::Tqt,
        cell: |r| r.tqt_hours.to_string(),
        drop_order: 5,
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
        drop_order: 3,
    },
    Column {
        header: "inc VAT",
        width: 10,
        key: SortKey::PriceIncVat,
        cell: |r| money(r.price.map(|p| p.inc_vat)),
        drop_order: 0,
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

/// The mark on a side-by-side figure that differs between the qualifications.
pub const DIFFERS: &str = "≠ ";

/// Whether the cells of a side-by-side figure differ.
fn differ(texts: &[String]) -> bool {
    texts.windows(2).any(|w| w[0] != w[1])
}

/// The side-by-side view's figures, in order (the titles go above them).
const FIGURES: [Figure; 15] = [
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

#[derive(Debug)]
pub struct Compare {
    pub filter: Filter,
    /// Index into the columns of the one sorted by.
    pub sort: usize,
    pub desc: bool,
    pub rows: Vec<ComparisonRow>,
    /// The table's cursor and its type-to-filter, over `rows`.
    pub list: FilterList,
    /// Ids marked for the side-by-side view (two to four).
    pub marked: Vec<String>,
    pub mode: Mode,
    /// The side-by-side view and the charts, which can outgrow the screen.
    pub pane: ScrollPane,
    /// Only these qualifications (the recommendations sent here), when
    /// not empty; `x` shows every one again.
    pub pool: Vec<String>,
    /// The learner whose recommendations these are (what they hold, their
    /// hours a week), for the plan and detail opened from here; nobody's
    /// when Compare was opened from the home screen.
    pub learner: Learner,
    /// The table's inner width in the last frame: ←→ sort by the columns
    /// that width shows.
    width: Cell<u16>,
    /// The bar chart's lines as last drawn, so that a frame over 10,000
    /// qualifications does not build 10,000 lines again; dropped when the
    /// rows change.
    drawn_chart: RefCell<Option<DrawnChart>>,
}

/// A bar chart's lines and what they were drawn for.
#[derive(Debug)]
struct DrawnChart {
    metric: Metric,
    width: u16,
    marked: Vec<String>,
    theme: Theme,
    lines: Vec<Line<'static>>,
}

const MAX_MARKED: usize = 4;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Do {
    Open,
    Sort(bool),
    Reverse,
    Mark,
    SideBySide,
    Chart,
    Level(u8),
    Stream,
    Size,
    Older,
    Clear,
    Plan,
    Shortlist,
    NextChart,
    Table,
}

fn table(c: &Compare) -> bool {
    c.mode == Mode::Table
}

fn chart(c: &Compare) -> bool {
    matches!(c.mode, Mode::Chart(_))
}

const KEYS: &[Binding<Compare, Do>] = &[
    bind(
        "compare.open",
        Do::Open,
        &[Key::Enter],
        "detail",
        "open the chosen qualification (a click on it too)",
    )
    .when(table),
    bind(
        "compare.sort_previous",
        Do::Sort(false),
        &[Key::Left, Key::Char('h')],
        "sort",
        "sort by the column to the left",
    )
    .when(table),
    bind(
        "compare.sort_next",
        Do::Sort(true),
        &[Key::Right, Key::Char('l')],
        "sort",
        "sort by the column to the right",
    )
    .when(table),
    bind(
        "compare.reverse",
        Do::Reverse,
        &[Key::Char('r')],
        "reverse",
        "reverse the sort",
    )
    .when(table),
    bind(
        "compare.mark",
        Do::Mark,
        &[Key::Char(' ')],
        "mark",
        "mark or unmark for side by side (two to four)",
    )
    .when(table),
    bind(
        "compare.side_by_side",
        Do::SideBySide,
        &[Key::Char('v')],
        "side by side",
        "the marked ones side by side",
    )
    .when(table),
    bind(
        "compare.chart",
        Do::Chart,
        &[Key::Char('c')],
        "chart",
        "bar charts of price, credits and hours",
    )
    .when(table),
    bind(
        "compare.plan",
        Do::Plan,
        &[Key::Char('p')],
        "plan & pay",
        "plan and pay for the chosen one",
    )
    .when(table),
    bind(
        "compare.shortlist",
        Do::Shortlist,
        &[Key::Char('a')],
        "shortlist",
        "add the chosen one to the enquiry's shortlist (again: take it off)",
    )
    .when(table),
    bind(
        "compare.level_3",
        Do::Level(3),
        &[Key::Char('3')],
        "",
        "only Level 3 (again: every level)",
    )
    .when(table),
    bind(
        "compare.level_5",
        Do::Level(5),
        &[Key::Char('5')],
        "",
        "only Level 5 (again: every level)",
    )
    .when(table),
    bind(
        "compare.level_7",
        Do::Level(7),
        &[Key::Char('7')],
        "",
        "only Level 7 (again: every level)",
    )
    .when(table),
    bind(
        "compare.level_2",
        Do::Level(2),
        &[Key::Char('2')],
        "",
        "only Level 2, an older edition (again: every level)",
    )
    .when(table),
    bind(
        "compare.stream",
        Do::Stream,
        &[Key::Char('t')],
        "",
        "cycle the stream filter",
    )
    .when(table),
    bind(
        "compare.size",
        Do::Size,
        &[Key::Char('z')],
        "",
        "cycle the size filter",
    )
    .when(table),
    bind(
        "compare.older",
        Do::Older,
        &[Key::Char('o')],
        "",
        "include the older (D-coded) edition",
    )
    .when(table),
    bind(
        "compare.clear",
        Do::Clear,
        &[Key::Char('x')],
        "",
        "clear the filters (and show every qualification, not only those sent here)",
    )
    .when(table),
    bind(
        "compare.next_chart",
        Do::NextChart,
        &[Key::Right, Key::Left, Key::Char('c')],
        "next chart",
        "the next chart: price, credits, hours",
    )
    .when(chart),
    bind(
        "compare.table",
        Do::Table,
        &[Key::Char('v')],
        "table",
        "back to the table (Esc too)",
    )
    .when(|c| !table(c)),
];

impl Compare {
    pub fn new(ctx: &Ctx) -> Compare {
        let mut c = Compare {
            filter: Filter {
                edition: Some(Edition::Current),
                ..Filter::default()
            },
            sort: 2,
            desc: false,
            rows: Vec::new(),
            drawn_chart: RefCell::new(None),
            list: FilterList::filterable(Vec::new()),
            marked: Vec::new(),
            mode: Mode::Table,
            pane: ScrollPane::default(),
            pool: Vec::new(),
            learner: Learner::default(),
            width: Cell::new(0),
        };
        c.refresh(ctx);
        c
    }

    /// Compare with only `ids` (the recommendations, best first): the first
    /// four marked and side by side when there are two or more. Plan & pay
    /// opened from here is for `learner`.
    pub fn only(ctx: &Ctx, ids: &[String], learner: Learner) -> Compare {
        let mut c = Compare::new(ctx);
        c.pool = ids.to_vec();
        c.learner = learner;
        // Named qualifications are compared whatever their edition, as the
        // command line's `compare NAME...` does.
        c.filter.edition = None;
        c.refresh(ctx);
        c.marked = c
            .pool
            .iter()
            .filter(|id| c.rows.iter().any(|r| r.id == **id))
            .take(MAX_MARKED)
            .cloned()
            .collect();
        if c.marked.len() >= 2 {
            c.mode = Mode::SideBySide;
        }
        c
    }

    /// The rows again, after the sort or a filter changed: the columns stay
    /// where they are and the cursor stays on its qualification.
    fn refresh(&mut self, ctx: &Ctx) {
        *self.drawn_chart.get_mut() = None;
        let was = self.selected().map(|r| r.id.clone());
        let pool: Vec<_> = self
            .pool
            .iter()
            .filter_map(|id| ctx.catalogue.qualification(id))
            .collect();
        self.rows = compare(
            &ctx.catalogue,
            &pool,
            &self.filter,
            COLUMNS[self.sort].key,
            self.desc,
        );
        self.list.set_rows(
            self.rows
                .iter()
                .map(|r| format!("{} {}", r.id, r.title))
                .collect(),
        );
        if let Some(at) = was.and_then(|id| self.rows.iter().position(|r| r.id == id)) {
            self.list.select(at);
        }
    }

    /// The row under the cursor.
    pub fn selected(&self) -> Option<&ComparisonRow> {
        self.list.selected().and_then(|i| self.rows.get(i))
    }

    /// Columns that fit `width`, with their widths: the same whatever the
    /// sort; the title takes what the others leave.
    fn columns(width: u16) -> Vec<(usize, u16)> {
        let mut shown: Vec<usize> = (0..COLUMNS.len()).collect();
        let total = |cols: &[usize]| cols.iter().map(|&i| COLUMNS[i].width + 1).sum::<u16>() + 2;
        while total(&shown) > width {
            let drop = shown
                .iter()
                .copied()
                .filter(|&i| COLUMNS[i].drop_order > 0)
                .max_by_key(|&i| (COLUMNS[i].drop_order, i));
            match drop {
                Some(i) => shown.retain(|&c| c != i),
                None => break,
            }
        }
        let spare = width.saturating_sub(total(&shown));
        shown
            .into_iter()
            .map(|i| {
                let extra = if COLUMNS[i].key == SortKey::Title {
                    spare
                } else {
                    0
                };
                (i, COLUMNS[i].width + extra)
            })
            .collect()
    }

    /// The column to the right (or left) of the sorted one, among those the
    /// last frame showed: a column the width leaves out is not sorted by
    /// unseen (its figure is on the line under the table).
    fn next_sort(&self, right: bool) -> usize {
        let shown: Vec<usize> = match self.width.get() {
            0 => (0..COLUMNS.len()).collect(),
            width => Compare::columns(width)
                .into_iter()
                .map(|(i, _)| i)
                .collect(),
        };
        let next = if right {
            shown.iter().copied().find(|&i| i > self.sort)
        } else {
            shown.iter().rev().copied().find(|&i| i < self.sort)
        };
        next.unwrap_or(self.sort)
    }

    fn toggle_mark(&mut self) -> Outcome {
        let Some(id) = self.selected().map(|r| r.id.clone()) else {
            return Outcome::done();
        };
        if let Some(pos) = self.marked.iter().position(|m| *m == id) {
            self.marked.remove(pos);
        } else if self.marked.len() < MAX_MARKED {
            self.marked.push(id);
        } else {
            return Outcome::with(Effect::Say(Notice::Warning(format!(
                "At most {MAX_MARKED} can be compared side by side; unmark one first."
            ))));
        }
        Outcome::done()
    }

    fn cycle<T: Copy + PartialEq>(current: Option<T>, all: &[T]) -> Option<T> {
        match current.and_then(|c| all.iter().position(|x| *x == c)) {
            None => all.first().copied(),
            Some(i) if i + 1 < all.len() => Some(all[i + 1]),
            Some(_) => None,
        }
    }

    fn key(&mut self, key: Key, ctx: &Ctx) -> Outcome {
        if self.mode == Mode::Table {
            match self.list.update(key, &ctx.keymap) {
                ListEvent::Open => return self.act(Do::Open, ctx),
                ListEvent::Moved | ListEvent::Filtered => return Outcome::done(),
                ListEvent::Unused => {}
            }
        } else if self.pane.update(key, &ctx.keymap, false) {
            return Outcome::done();
        }
        match ctx.keymap.action(KEYS, self, key, self.typing()) {
            Some(action) => self.act(action, ctx),
            None => Outcome::Ignored,
        }
    }

    fn act(&mut self, action: Do, ctx: &Ctx) -> Outcome {
        match action {
            Do::Open => {
                return match self.selected() {
                    Some(row) => Outcome::open(Screen::Detail(
                        Detail::qualification(ctx, &row.id).for_learner(self.learner.clone()),
                    )),
                    None => Outcome::done(),
                };
            }
            Do::Plan => {
                return match self.selected() {
                    Some(row) if row.edition == Edition::Current => Outcome::open(Screen::Plan(
                        Box::new(Plan::for_learner(ctx, &row.id, &self.learner)),
                    )),
                    Some(row) => Outcome::with(Effect::Say(Notice::Info(format!(
                        "{} is an older edition, not on sale: there is nothing to plan or pay.",
                        row.id
                    )))),
                    None => Outcome::done(),
                };
            }
            Do::Shortlist => {
                return match self.selected() {
                    Some(row) => Outcome::with(Effect::Shortlist(row.id.clone())),
                    None => Outcome::done(),
                };
            }
            Do::Mark => return self.toggle_mark(),
            Do::SideBySide if self.marked.len() < 2 => {
                return Outcome::with(Effect::Say(Notice::Info(
                    "Mark two to four qualifications with Space first.".into(),
                )));
            }
            Do::SideBySide => {
                self.mode = Mode::SideBySide;
                self.pane.reset();
            }
            Do::Chart => {
                self.mode = Mode::Chart(Metric::Price);
                self.pane.reset();
            }
            Do::NextChart => {
                if let Mode::Chart(m) = self.mode {
                    self.mode = Mode::Chart(m.next());
                }
            }
            Do::Table => self.mode = Mode::Table,
            Do::Sort(right) => {
                self.sort = self.next_sort(right);
                self.refresh(ctx);
            }
            Do::Reverse => {
                self.desc = !self.desc;
                self.refresh(ctx);
            }
            Do::Level(level) => {
                self.filter.level = if self.filter.level == Some(level) {
                    None
                } else {
                    Some(level)
                };
                self.refresh(ctx);
            }
            Do::Stream => {
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
            Do::Size => {
                self.filter.size = Self::cycle(
                    self.filter.size,
                    &[Size::Award, Size::Certificate, Size::Diploma],
                );
                self.refresh(ctx);
            }
            Do::Older => {
                self.filter.edition = if self.filter.edition.is_some() {
                    None
                } else {
                    Some(Edition::Current)
                };
                self.refresh(ctx);
            }
            Do::Clear => {
                self.filter = Filter {
                    edition: Some(Edition::Current),
                    ..Filter::default()
                };
                self.pool.clear();
                self.refresh(ctx);
            }
        }
        Outcome::done()
    }

    fn table(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        self.width.set(area.width.saturating_sub(2));
        let columns = Compare::columns(area.width.saturating_sub(2));
        let arrow = if self.desc { "▼" } else { "▲" };
        let unseen = if columns.iter().any(|&(i, _)| i == self.sort) {
            ""
        } else {
            ", on the line below"
        };
        let block = Block::bordered().title(format!(
            " {} qualifications, sorted by {} {arrow}{unseen} ",
            self.rows.len(),
            sort_name(COLUMNS[self.sort].key),
        ));
        let pad = |text: &str, c: &Column, width: u16| {
            if right_aligned(c) {
                format!("{text:>w$} ", w = usize::from(width))
            } else {
                format!("{text:<w$} ", w = usize::from(width))
            }
        };
        let mut header = vec![Span::raw("  ")];
        for &(i, width) in &columns {
            let c = &COLUMNS[i];
            // The sorted column's arrow goes after its header, in the space
            // between the columns where the header fills its own: no
            // header moves off its column.
            let style = if i == self.sort {
                theme.key()
            } else {
                theme.heading()
            };
            let label = if i != self.sort {
                pad(c.header, c, width)
            } else if !right_aligned(c) && c.header.chars().count() < usize::from(width) {
                pad(&format!("{}{arrow}", c.header), c, width)
            } else {
                let mut label = pad(c.header, c, width);
                label.pop();
                label + arrow
            };
            header.push(Span::styled(label, style));
        }
        let empty = if self.rows.is_empty() {
            Some("  No qualification matches these filters: x clears them.")
        } else {
            None
        };
        self.list.render(
            frame,
            area,
            block,
            Some(Line::from(header)),
            Look {
                focused: true,
                theme,
            },
            |n, chosen| {
                let row = &self.rows[n];
                let marked = self.marked.contains(&row.id);
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
                for &(i, width) in &columns {
                    let c = &COLUMNS[i];
                    let text = if c.key == SortKey::Title {
                        brief_title(&row.title, usize::from(width))
                    } else {
                        clip(&(c.cell)(row), usize::from(width))
                    };
                    cells.push_str(&pad(&text, c, width));
                }
                Line::styled(cells, style)
            },
        );
        if let Some(text) = empty {
            let inner = Block::bordered().inner(area);
            if inner.height > 1 {
                frame.render_widget(
                    Paragraph::new(text),
                    Rect {
                        y: inner.y + 1,
                        height: 1,
                        ..inner
                    },
                );
            }
        }
    }

    /// The marked qualifications' figures.
    fn marked_rows(&self, ctx: &Ctx) -> Vec<ComparisonRow> {
        self.marked
            .iter()
            .filter_map(|id| ctx.catalogue.qualification(id))
            .map(|q| ComparisonRow::new(&ctx.catalogue, q))
            .collect()
    }

    /// The side-by-side view in `width` columns: the titles (wrapped), then
    /// every figure, those that differ marked "≠" and in bold (the mark
    /// carries it without colour), then the top-ups between them.
    pub fn side_by_side_lines(&self, ctx: &Ctx, width: u16) -> Vec<Line<'static>> {
        let theme = ctx.theme;
        let rows = self.marked_rows(ctx);
        let label_width = 21usize;
        // Wide enough to read, narrow enough to read across.
        let col = (usize::from(width).saturating_sub(label_width) / rows.len().max(1)).clamp(8, 48);
        let cells = |texts: Vec<String>, style: Style| -> Vec<Span<'static>> {
            texts
                .iter()
                .map(|t| Span::styled(format!("{:<col$}", clip(t, col - 1)), style))
                .collect()
        };
        let mut lines = vec![Line::from(
            std::iter::once(Span::raw(" ".repeat(label_width)))
                .chain(cells(
                    rows.iter().map(|r| r.id.clone()).collect(),
                    theme.heading(),
                ))
                .collect::<Vec<_>>(),
        )];
        let titles: Vec<Vec<String>> = rows
            .iter()
            .map(|r| crate::text::wrap(r.title.trim_start_matches("ILM "), col - 1))
            .collect();
        let title_lines = titles.iter().map(Vec::len).max().unwrap_or(0);
        for n in 0..title_lines {
            let label = if n == 0 { "  Title" } else { "" };
            let texts = titles
                .iter()
                .map(|t| t.get(n).cloned().unwrap_or_default())
                .collect();
            lines.push(Line::from(
                std::iter::once(Span::raw(format!("{label:<label_width$}")))
                    .chain(cells(texts, Style::new()))
                    .collect::<Vec<_>>(),
            ));
        }
        for (name, value) in FIGURES {
            let texts: Vec<String> = rows.iter().map(value).collect();
            let (mark, style) = if differ(&texts) {
                (DIFFERS, theme.heading())
            } else {
                ("  ", Style::new())
            };
            lines.push(Line::from(
                std::iter::once(Span::styled(
                    format!("{mark}{name:<w$}", w = label_width - 2),
                    style,
                ))
                .chain(cells(texts, style))
                .collect::<Vec<_>>(),
            ));
        }
        lines.push(Line::raw(""));
        lines.extend(self.top_up_lines(ctx));
        lines
    }

    /// Each marked qualification that is a top-up of another marked one:
    /// its balance and what is left to take, as `planner::Course` works
    /// them out for a learner who holds the other.
    fn top_up_lines(&self, ctx: &Ctx) -> Vec<Line<'static>> {
        let theme = ctx.theme;
        let courses: Vec<crate::planner::Course> = self
            .marked
            .iter()
            .flat_map(|from| self.marked.iter().map(move |to| (from, to)))
            .filter(|(from, to)| from != to)
            .filter_map(|(from, to)| {
                Course::new(&ctx.catalogue, to, &Holding::one(from, true)).ok()
            })
            .filter(|course| course.kind == CourseKind::TopUp)
            .collect();
        if courses.is_empty() {
            return vec![Line::styled(
                "Top-up: none of these is a top-up of another.",
                theme.quiet(),
            )];
        }
        let mut lines = Vec::new();
        for course in &courses {
            lines.push(Line::styled(
                format!(
                    "Top-up, for a learner who completed {} with this provider:",
                    course.from.as_deref().unwrap_or_default()
                ),
                theme.heading(),
            ));
            lines.extend(super::upgrade::plan_lines(ctx, course));
            lines.push(Line::raw(""));
        }
        lines
    }

    fn side_by_side(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let lines = self.side_by_side_lines(ctx, area.width.saturating_sub(2));
        self.pane.render(
            frame,
            area,
            Block::bordered().title(" Side by side "),
            &lines,
            true,
            ctx.theme,
        );
    }

    fn chart(&self, frame: &mut Frame, area: Rect, ctx: &Ctx, metric: Metric) {
        let width = area.width.saturating_sub(2);
        let mut drawn = self.drawn_chart.borrow_mut();
        let fresh = drawn.as_ref().is_some_and(|d| {
            d.metric == metric
                && d.width == width
                && d.marked == self.marked
                && d.theme == ctx.theme
        });
        if !fresh {
            *drawn = Some(DrawnChart {
                metric,
                width,
                marked: self.marked.clone(),
                theme: ctx.theme,
                lines: self.chart_lines(metric, width, ctx.theme),
            });
        }
        let lines = drawn.as_ref().map_or(&[][..], |d| &d.lines[..]);
        self.pane.render(
            frame,
            area,
            Block::bordered().title(format!(" {} ", metric.name())),
            lines,
            true,
            ctx.theme,
        );
    }

    /// One bar a qualification (the marked ones, when two or more are),
    /// scaled to the largest figure in `width` columns.
    fn chart_lines(&self, metric: Metric, width: u16, theme: Theme) -> Vec<Line<'static>> {
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
        let bar_room = usize::from(width).saturating_sub(19 + 12);
        rows.into_iter()
            .map(|r| {
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
                Line::from(vec![
                    Span::styled(format!("{:<18} ", clip(&r.id, 18)), theme.heading()),
                    Span::raw(bar),
                    Span::raw(format!(" {text}")),
                ])
            })
            .collect()
    }
}

/// The chosen row's title in full and the figures the table may leave out
/// (the size, the stream, the total hours, the price's VAT and the price
/// a credit), so that 80 columns hide none.
fn detail_lines(row: &ComparisonRow, theme: Theme) -> Vec<Line<'static>> {
    let clients = row.min_clients.map_or(String::new(), |c| {
        format!(", at least {c} client{}", if c.max == 1 { "" } else { "s" })
    });
    let price = match row.price {
        Some(p) => format!(
            "{} ex VAT + {} VAT = {} inc VAT; {} a credit ex VAT",
            p.ex_vat,
            p.vat,
            p.inc_vat,
            row.price_per_credit.map_or("-".into(), |c| c.to_string())
        ),
        None => "Price on request".into(),
    };
    vec![
        Line::from(vec![
            Span::styled(format!("{}  ", row.id), theme.heading()),
            Span::raw(row.title.clone()),
        ]),
        Line::raw(format!(
            "{}, {}: {} credits, {} h in all{clients}",
            row.size, row.stream, row.credits, row.tqt_hours
        )),
        Line::styled(price, theme.money()),
    ]
}

/// A title in `width` characters: without the awarding body and level,
/// then with the words learners know shortened ("Cert", "Dip", "&"), so
/// that l3-cert-coaching and l3-cert-cm still read apart at 80 columns.
fn brief_title(title: &str, width: usize) -> String {
    let short = super::short_title(title);
    if short.chars().count() <= width {
        return short.to_string();
    }
    let brief = short
        .replace("Certificate in ", "Cert ")
        .replace("Diploma in ", "Dip ")
        .replace("Award in ", "Award ")
        .replace("Executive ", "Exec ")
        .replace(" and ", " & ");
    clip(&brief, width)
}

impl Component for Compare {
    fn title(&self) -> String {
        "Compare".to_string()
    }

    fn update(&mut self, event: Event, ctx: &Ctx) -> Outcome {
        match event {
            Event::Key(key) => self.key(key, ctx),
            Event::Back if self.mode != Mode::Table => {
                self.mode = Mode::Table;
                Outcome::done()
            }
            Event::Back => Outcome::used(self.list.back()),
            Event::Paste(text) => Outcome::used(self.list.paste(&text)),
            _ => Outcome::Ignored,
        }
    }

    fn view(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        let [filters, main, status] = areas(area);
        let (main, detail) = match (self.mode, self.selected()) {
            (Mode::Table, Some(row)) => {
                let [table, detail] =
                    Layout::vertical([Constraint::Min(4), Constraint::Length(3)]).areas(main);
                (table, Some((detail, row)))
            }
            _ => (main, None),
        };
        if let Some((area, row)) = detail {
            frame.render_widget(Paragraph::new(detail_lines(row, theme)), area);
        }
        // After the "Level " heading: "Level 5", not "Level Level 5".
        let level = self.filter.level.map_or("all".into(), |l| l.to_string());
        let stream = self.filter.stream.map_or("all".into(), |s| s.to_string());
        let size = self.filter.size.map_or("all".into(), |s| s.to_string());
        let edition = if !self.pool.is_empty() {
            format!("{} sent here (x: all)", self.pool.len())
        } else if self.filter.edition.is_some() {
            "on sale (o)".into()
        } else {
            "all editions (o)".into()
        };
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled("Level ", theme.heading()),
                Span::raw(format!("{level} (3 5 7)  ")),
                Span::styled("Stream ", theme.heading()),
                Span::raw(format!("{stream} (t)  ")),
                Span::styled("Size ", theme.heading()),
                Span::raw(format!("{size} (z)  ")),
                Span::raw(format!("{edition}  {} marked", self.marked.len())),
            ])),
            filters,
        );
        match self.mode {
            Mode::Table => self.table(frame, main, ctx),
            Mode::SideBySide => self.side_by_side(frame, main, ctx),
            Mode::Chart(metric) => self.chart(frame, main, ctx, metric),
        }
        let text: String = match self.mode {
            Mode::Table => legend(self.width.get()),
            Mode::SideBySide => "≠ and bold: the figures that differ.  Esc or v: the table".into(),
            Mode::Chart(_) => {
                "Bar chart: ←→ next chart (price, credits, hours); Esc back to the table".into()
            }
        };
        frame.render_widget(Paragraph::new(Line::styled(text, theme.quiet())), status);
    }

    fn keys(&self, ctx: &Ctx) -> Vec<KeyGroup> {
        let k = &ctx.keymap;
        let widget = match self.mode {
            Mode::Table => self.list.keys(k, "In the table"),
            Mode::SideBySide => scroll::keys(k, "In the view", false),
            Mode::Chart(_) => scroll::keys(k, "In the chart", false),
        };
        vec![widget, k.group("On Compare", KEYS, self, self.typing())]
    }

    fn typing(&self) -> bool {
        self.mode == Mode::Table && self.list.typing()
    }

    /// The chosen qualification's facts, as on its own page.
    fn summary(&self, ctx: &Ctx) -> Option<super::Summary> {
        let id = &self.selected()?.id;
        let q = ctx.catalogue.qualification(id)?;
        Some(super::Summary {
            what: format!("the facts of {id}"),
            text: crate::summary::qualification(&ctx.catalogue, q).join("\n"),
        })
    }
}

/// The sort in words, for the table's title.
fn sort_name(key: SortKey) -> &'static str {
    match key {
        SortKey::Level => "level",
        SortKey::Credits => "credits",
        SortKey::Glh => "guided hours",
        SortKey::Tqt => "total hours",
        SortKey::Practice => "practice hours",
        SortKey::PriceExVat => "price ex VAT",
        SortKey::PriceIncVat => "price inc VAT",
        SortKey::PricePerCredit => "price a credit",
        _ => COLUMNS
            .iter()
            .find(|c| c.key == key)
            .map_or("", |c| c.header),
    }
}

/// Figures line up on the right; names and times on the left.
fn right_aligned(c: &Column) -> bool {
    !matches!(
        c.key,
        SortKey::Id | SortKey::Title | SortKey::Size | SortKey::Stream | SortKey::TargetTime
    )
}

/// What the shortened headers of the columns a table `width` wide mean.
fn legend(width: u16) -> String {
    const MEANING: [(SortKey, &str); 6] = [
        (SortKey::Level, "L level"),
        (SortKey::Credits, "Cr credits"),
        (SortKey::Glh, "GLH guided h (* stated)"),
        (SortKey::Tqt, "TQT total h"),
        (SortKey::Practice, "Prac practice h"),
        (SortKey::PricePerCredit, "£/cr ex VAT"),
    ];
    let shown: Vec<SortKey> = Compare::columns(width)
        .into_iter()
        .map(|(i, _)| COLUMNS[i].key)
        .collect();
    MEANING
        .iter()
        .filter(|(key, _)| shown.contains(key))
        .map(|(_, text)| *text)
        .collect::<Vec<_>>()
        .join("  ")
}

fn areas(area: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area)
}

/// This table's actions by name, for checking a keymap.
pub fn key_names() -> Vec<(&'static str, &'static [Key])> {
    crate::tui::keys::names(KEYS)
}
