//! Compare: a table of qualifications to filter by level, stream and size
//! and sort by any column; mark two to four for a side-by-side view, or see
//! price, credits and hours as bar charts.

use super::{Component, Screen, detail::Detail, plan::Plan};
use crate::catalogue::{Edition, Size, Stream};
use crate::planner::{ComparisonRow, Filter, SortKey, compare};
use crate::tui::ctx::Ctx;
use crate::tui::effect::{Effect, Event, Outcome};
use crate::tui::keys::{Binding, Key, KeyGroup, bind};
use crate::tui::status::Notice;
use crate::tui::widgets::{FilterList, ListEvent, Look, ScrollPane, clip, scroll};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};

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
    // The title takes the room the other columns leave (at least this).
    Column {
        header: "title",
        width: 16,
        key: SortKey::Title,
        cell: |r| super::short_title(&r.title).to_string(),
        drop_order: 3,
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
    // Credits times ten: the first figure to give way to the title.
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
        "clear the filters",
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
            list: FilterList::filterable(Vec::new()),
            marked: Vec::new(),
            mode: Mode::Table,
            pane: ScrollPane::default(),
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
        self.list.set_rows(
            self.rows
                .iter()
                .map(|r| format!("{} {}", r.id, r.title))
                .collect(),
        );
    }

    /// The row under the cursor.
    pub fn selected(&self) -> Option<&ComparisonRow> {
        self.list.selected().and_then(|i| self.rows.get(i))
    }

    /// Columns that fit `width`, with their widths, keeping the id and the
    /// sorted column; the title takes what the others leave.
    fn columns(&self, width: u16) -> Vec<(usize, u16)> {
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
                    Some(row) => Outcome::open(Screen::Detail(Detail::qualification(ctx, &row.id))),
                    None => Outcome::done(),
                };
            }
            Do::Plan => {
                return match self.selected() {
                    Some(row) if row.edition == Edition::Current => Outcome::open(Screen::Plan(
                        Box::new(Plan::new(ctx, &row.id, crate::planner::Holding::none())),
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
            // Every column can be sorted by; a narrow table shows the sorted
            // one in place of a column it drops.
            Do::Sort(right) => {
                self.sort = if right {
                    (self.sort + 1).min(COLUMNS.len() - 1)
                } else {
                    self.sort.saturating_sub(1)
                };
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
                self.refresh(ctx);
            }
        }
        Outcome::done()
    }

    fn table(&self, frame: &mut Frame, area: Rect, ctx: &Ctx) {
        let theme = ctx.theme;
        let block = Block::bordered().title(format!(
            " {} qualifications, sorted by {} {} ",
            self.rows.len(),
            COLUMNS[self.sort].header,
            if self.desc { "▼" } else { "▲" }
        ));
        let columns = self.columns(area.width.saturating_sub(2));
        let pad = |text: &str, c: &Column, width: u16| {
            let right = !matches!(
                c.key,
                SortKey::Id
                    | SortKey::Title
                    | SortKey::Size
                    | SortKey::Stream
                    | SortKey::TargetTime
            );
            if right {
                format!("{text:>w$} ", w = usize::from(width))
            } else {
                format!("{text:<w$} ", w = usize::from(width))
            }
        };
        let mut header = vec![Span::raw("  ")];
        for &(i, width) in &columns {
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
            header.push(Span::styled(pad(&label, c, width), style));
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
                    let text = clip(&(c.cell)(row), usize::from(width));
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
        self.pane.render(
            frame,
            area,
            Block::bordered().title(" Side by side "),
            lines,
            true,
            theme,
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
        self.pane.render(
            frame,
            area,
            Block::bordered().title(format!(" {} ", metric.name())),
            lines,
            true,
            ctx.theme,
        );
    }
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
        let text = match self.mode {
            Mode::Table => {
                "Cr credits  GLH guided h (* stated)  TQT total h  Prac practice h  £/cr ex VAT"
            }
            Mode::SideBySide => "Side by side: Esc or v back to the table",
            Mode::Chart(_) => {
                "Bar chart: ←→ next chart (price, credits, hours); Esc back to the table"
            }
        };
        frame.render_widget(Paragraph::new(Line::styled(text, theme.dim())), status);
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
}

fn areas(area: Rect) -> [Rect; 3] {
    Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
    ])
    .areas(area)
}
