//! How command output is written: tables, Markdown and prose for people,
//! JSON and CSV for other tools.
//!
//! People's output fits the terminal's width when it goes to a terminal
//! and is never wrapped when it does not (one row a line, so `grep` finds
//! every row), and it is bold only where `--color`, `NO_COLOR` and `TERM`
//! allow. JSON and CSV are made from the same rows: CSV is each JSON row
//! flattened, so the two can never disagree about a column.

use clap::ValueEnum;
use qualplan::text::wrap;
use serde::Serialize;
use serde_json::Value;
use std::io::{IsTerminal, Write};

/// The formats of the commands that answer with data.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Aligned columns and prose, for people.
    #[default]
    Table,
    /// The stable contract of docs/cli.md (a schema per command in docs/schema).
    Json,
    /// One table, every column the JSON has, money in pence beside the formatted amount.
    Csv,
    /// Headings, prose and tables for documents.
    Markdown,
}

/// The formats of commands that report rather than list (validate,
/// catalogue path, enquiries delete).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// A sentence or two, for people.
    #[default]
    Table,
    /// The stable contract of docs/cli.md.
    Json,
}

/// Whether people's output may be bold.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set or TERM is dumb.
    #[default]
    Auto,
    /// Always, even into a pipe.
    Always,
    /// Never.
    Never,
}

impl ColorChoice {
    /// Whether to style text written to a stream that is (or is not) a
    /// terminal, given the environment.
    pub fn styles(self, terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                terminal
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
            }
        }
    }
}

/// Where people's output goes: how wide it may be and whether it may be
/// bold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Layout {
    /// `None`: never wrap (not a terminal).
    pub width: Option<usize>,
    pub bold: bool,
}

/// Narrower than this, wrapping helps no one: tables are laid out for it.
const MIN_WIDTH: usize = 40;
/// Prose is wrapped at most this wide, however wide the terminal: longer
/// lines are hard to read (tables use the whole width).
const PROSE_WIDTH: usize = 100;

impl Layout {
    /// For standard output: `COLUMNS` if set, else the terminal's width;
    /// into a pipe or a file, no wrapping at all.
    pub fn of_stdout(color: ColorChoice) -> Layout {
        let terminal = std::io::stdout().is_terminal();
        Layout {
            width: terminal_width(terminal),
            bold: color.styles(terminal),
        }
    }

    /// For standard error: the terminal's width (or `COLUMNS`), no style.
    pub fn of_stderr() -> Layout {
        Layout {
            width: terminal_width(std::io::stderr().is_terminal()),
            bold: false,
        }
    }

    /// A plain layout of the given width, for tests.
    #[cfg(test)]
    pub fn plain(width: Option<usize>) -> Layout {
        Layout { width, bold: false }
    }

    /// Text in bold when styling is on.
    pub fn heading(&self, text: &str) -> String {
        if self.bold {
            format!("{BOLD}{text}{RESET}")
        } else {
            text.to_string()
        }
    }

    /// Prose as lines of the layout's width, at most `PROSE_WIDTH` (or as
    /// it is, into a pipe).
    fn lines(&self, text: &str) -> Vec<String> {
        match self.width {
            Some(w) => wrap(text, w.min(PROSE_WIDTH)),
            None => text.split('\n').map(str::to_string).collect(),
        }
    }
}

/// Bold on and off: the only control sequences qualplan writes itself.
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// Everything written to standard output, neutralised (`text::neutralise`)
/// but for the bold on and off of headings when styling is on and CRLF
/// line endings (a vCard's, by its standard): whatever a file, an enquiry
/// or an argument put in it is shown, never acted on.
pub fn inert(text: &str, bold: bool) -> String {
    text.split("\r\n")
        .map(|line| inert_line(line, bold))
        .collect::<Vec<_>>()
        .join("\r\n")
}

fn inert_line(text: &str, bold: bool) -> String {
    use qualplan::text::neutralise;
    if !bold {
        return neutralise(text).into_owned();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some((at, marker)) = [BOLD, RESET]
        .into_iter()
        .filter_map(|m| rest.find(m).map(|at| (at, m)))
        .min()
    {
        out.push_str(&neutralise(&rest[..at]));
        out.push_str(marker);
        rest = &rest[at + marker.len()..];
    }
    out.push_str(&neutralise(rest));
    out
}

/// `COLUMNS` if set, else the width of the terminal the stream is (if it
/// is one); at least `MIN_WIDTH`.
fn terminal_width(terminal: bool) -> Option<usize> {
    let columns = std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse::<usize>().ok())
        .filter(|c| *c > 0);
    let width = columns.or_else(|| {
        terminal
            .then(|| ratatui::crossterm::terminal::size().ok())
            .flatten()
            .map(|(w, _)| usize::from(w))
            .filter(|w| *w > 0)
    });
    width.map(|w| w.max(MIN_WIDTH))
}

/// Text whose long lines are wrapped to `width`, each continuation
/// indented under the line's text (after a leading name column, such as
/// "    l5-dip-cm   ", when it has one).
pub fn wrap_hanging(text: &str, width: usize) -> String {
    let mut out = Vec::new();
    for line in text.split('\n') {
        if chars(line) <= width {
            out.push(line.to_string());
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let column = line[lead..]
            .find("  ")
            .map(|gap| {
                let after = &line[lead + gap..];
                lead + gap + (after.len() - after.trim_start().len())
            })
            .filter(|c| *c < width / 2);
        let (head, rest, indent) = match column {
            Some(c) => (&line[..c], &line[c..], c),
            None => (&line[..lead], &line[lead..], lead + 2),
        };
        for (i, l) in wrap(rest, width.saturating_sub(indent).max(MIN))
            .into_iter()
            .enumerate()
        {
            let prefix = if i == 0 {
                head.to_string()
            } else {
                " ".repeat(indent)
            };
            out.push(format!("{prefix}{l}"));
        }
    }
    out.join("\n")
}

/// The narrowest a wrapped column gets.
const MIN: usize = 12;

/// Rows of cells under headers; numbers align right.
#[derive(Clone, Debug, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub right: Vec<bool>,
    /// Columns never narrowed to fit: ids and dates to be read or typed
    /// whole.
    pub whole: Vec<bool>,
}

impl Table {
    pub fn new(headers: &[&str]) -> Table {
        Table {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
            right: vec![false; headers.len()],
            whole: vec![false; headers.len()],
        }
    }

    /// Marks columns (by index) as never wrapped: what is typed next,
    /// such as an id, must not be broken across lines.
    pub fn keep_whole(mut self, columns: &[usize]) -> Table {
        for &c in columns {
            self.whole[c] = true;
        }
        self
    }

    /// Marks columns (by index) as right-aligned.
    pub fn right_align(mut self, columns: &[usize]) -> Table {
        for &c in columns {
            self.right[c] = true;
        }
        self
    }

    pub fn row(&mut self, cells: Vec<String>) {
        debug_assert_eq!(cells.len(), self.headers.len());
        self.rows.push(cells);
    }

    /// Aligned columns, fitted to the layout's width by wrapping the widest
    /// left-aligned column not kept whole (one line a row when there is no
    /// width).
    pub fn plain(&self, layout: &Layout) -> String {
        let n = self.headers.len();
        let mut widths: Vec<usize> = (0..n)
            .map(|i| {
                self.rows
                    .iter()
                    .map(|r| chars(&r[i]))
                    .chain(std::iter::once(chars(&self.headers[i])))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let total = |w: &[usize]| w.iter().sum::<usize>() + 2 * w.len().saturating_sub(1);
        // Narrow the widest left-aligned column not kept whole (the later
        // one on a tie) one character at a time until the table fits;
        // wrapped cells then take more lines.
        if let Some(width) = layout.width {
            while total(&widths) > width {
                let widest = (0..n)
                    .filter(|i| !self.right[*i] && !self.whole[*i] && widths[*i] > MIN)
                    .max_by_key(|i| (widths[*i], *i));
                match widest {
                    Some(i) => widths[i] -= 1,
                    None => break,
                }
            }
        }
        let mut out = String::new();
        if self.headers.iter().any(|h| !h.is_empty()) {
            for line in self.lines(&self.headers, &widths) {
                out.push_str(&layout.heading(line.trim_end()));
                out.push('\n');
            }
        }
        for row in &self.rows {
            for line in self.lines(row, &widths) {
                out.push_str(line.trim_end());
                out.push('\n');
            }
        }
        out
    }

    /// One logical row as physical lines, wrapping cells to their widths.
    fn lines(&self, cells: &[String], widths: &[usize]) -> Vec<String> {
        let wrapped: Vec<Vec<String>> = cells
            .iter()
            .zip(widths)
            .map(|(c, w)| {
                if chars(c) <= *w && !c.contains('\n') {
                    vec![c.clone()]
                } else {
                    wrap(c, *w)
                }
            })
            .collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        (0..height)
            .map(|line| {
                let parts: Vec<String> = wrapped
                    .iter()
                    .enumerate()
                    .map(|(i, cell)| {
                        let text = cell.get(line).map_or("", String::as_str);
                        let pad = widths[i].saturating_sub(chars(text));
                        if self.right[i] {
                            format!("{}{text}", " ".repeat(pad))
                        } else {
                            format!("{text}{}", " ".repeat(pad))
                        }
                    })
                    .collect();
                parts.join("  ")
            })
            .collect()
    }

    pub fn markdown(&self) -> String {
        let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
        let mut out = format!(
            "| {} |\n",
            self.headers
                .iter()
                .map(|h| cell(h))
                .collect::<Vec<_>>()
                .join(" | ")
        );
        let rule: Vec<&str> = self
            .right
            .iter()
            .map(|r| if *r { "---:" } else { "---" })
            .collect();
        out.push_str(&format!("| {} |\n", rule.join(" | ")));
        for row in &self.rows {
            out.push_str(&format!(
                "| {} |\n",
                row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")
            ));
        }
        out
    }
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// A document of headings, paragraphs and tables for people, as plain
/// text or Markdown.
#[derive(Default)]
pub struct Doc {
    blocks: Vec<Block>,
}

enum Block {
    Heading(String),
    Para(String),
    Table(Table),
}

impl Doc {
    pub fn heading(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Heading(text.into()));
    }

    pub fn para(&mut self, text: impl Into<String>) {
        self.blocks.push(Block::Para(text.into()));
    }

    pub fn table(&mut self, table: Table) {
        self.blocks.push(Block::Table(table));
    }

    /// As Markdown, or else as plain text in `layout`.
    pub fn render(&self, markdown: bool, layout: &Layout) -> String {
        let mut out = String::new();
        for (i, block) in self.blocks.iter().enumerate() {
            let text = match (block, markdown) {
                (Block::Heading(h), true) => format!("## {h}\n"),
                (Block::Heading(h), false) => {
                    let lines: Vec<String> =
                        layout.lines(h).iter().map(|l| layout.heading(l)).collect();
                    format!("{}\n", lines.join("\n"))
                }
                (Block::Para(p), true) => format!("{p}\n"),
                (Block::Para(p), false) => format!("{}\n", layout.lines(p).join("\n")),
                (Block::Table(t), true) => t.markdown(),
                (Block::Table(t), false) => t.plain(layout),
            };
            // A heading sits directly on what it heads.
            out.push_str(&text);
            if !matches!(block, Block::Heading(_)) && i + 1 < self.blocks.len() {
                out.push('\n');
            }
        }
        out
    }
}

/// Pretty JSON of a command's answer, `schema_version` first, with a final
/// newline. A character that could act on a terminal or hide itself is
/// written as a `\\u` escape: the same string to a JSON reader, inert on a
/// terminal.
pub fn json<T: Serialize>(body: &T) -> String {
    #[derive(Serialize)]
    struct Versioned<'a, T> {
        schema_version: u32,
        #[serde(flatten)]
        body: &'a T,
    }
    let text = serde_json::to_string_pretty(&Versioned {
        schema_version: qualplan::JSON_SCHEMA_VERSION,
        body,
    })
    .unwrap_or_else(|e| {
        // Plain data always serialises; say so rather than panic if not.
        format!("{{\"error\": {:?}}}", e.to_string())
    });
    let mut out = String::with_capacity(text.len() + 1);
    for c in text.chars() {
        if qualplan::text::hazard(c).is_some() {
            // Outside JSON's strings there is only ASCII punctuation,
            // digits, letters and plain spaces and newlines, none of them
            // hazards: every hazard here is inside a string.
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    out.push('\n');
    out
}

/// One CSV table of `rows`, each row the JSON object flattened: nested
/// objects give `outer.inner` columns, lists are joined with "; ", `null`
/// is an empty cell, and no cell holds a line break. The header comes
/// from the first row, or from `template` when there are none, so that it
/// is always there (a catalogue with nothing to make one from aside).
pub fn csv<T: Serialize>(rows: &[T], template: impl FnOnce() -> Option<T>) -> String {
    let flat: Vec<Vec<(String, String)>> = rows.iter().map(flatten_row).collect();
    let header: Vec<String> = match flat.first() {
        Some(first) => first.iter().map(|(k, _)| k.clone()).collect(),
        None => template()
            .map(|t| flatten_row(&t).into_iter().map(|(k, _)| k).collect())
            .unwrap_or_default(),
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&header).expect("writing to memory");
    for row in &flat {
        debug_assert_eq!(row.len(), header.len(), "rows of one shape");
        w.write_record(row.iter().map(|(_, v)| v))
            .expect("writing to memory");
    }
    String::from_utf8(w.into_inner().expect("writing to memory")).expect("CSV of UTF-8 is UTF-8")
}

fn flatten_row<T: Serialize>(row: &T) -> Vec<(String, String)> {
    let value = serde_json::to_value(row).expect("plain data serialises");
    let mut cells = Vec::new();
    flatten("", &value, &mut cells);
    cells
}

fn flatten(prefix: &str, value: &Value, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(fields) => {
            for (k, v) in fields {
                let name = if prefix.is_empty() {
                    k.clone()
                } else {
                    format!("{prefix}.{k}")
                };
                flatten(&name, v, out);
            }
        }
        other => out.push((prefix.to_string(), cell(other))),
    }
}

/// A value as one CSV cell. Text a spreadsheet would take for a formula
/// (starting `=`, `+`, `-` or `@`: a caller's name, say) starts with `'`
/// instead, so that opening the file never runs it.
fn cell(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => {
            let flat = s.replace(['\r', '\n'], " ");
            if flat.starts_with(['=', '+', '-', '@']) {
                format!("'{flat}")
            } else {
                flat
            }
        }
        Value::Array(items) => items.iter().map(cell).collect::<Vec<_>>().join("; "),
        // An object in a list (a reason, say): its values, "for: text".
        Value::Object(fields) => fields.values().map(cell).collect::<Vec<_>>().join(": "),
        other => other.to_string(),
    }
}

/// Writes to stdout, inert (`inert`, keeping bold where `bold`); a closed
/// pipe (`qualplan list | head -1`) ends quietly.
pub fn emit(text: &str, bold: bool) -> std::io::Result<()> {
    let text = inert(text, bold);
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> Table {
        let mut t = Table::new(&["id", "title", "price"]).right_align(&[2]);
        t.row(vec![
            "l5-dip-cm".into(),
            "word ".repeat(40).trim_end().to_string(),
            "£2,225.00".into(),
        ]);
        t
    }

    #[test]
    fn tables_fit_the_width_given() {
        for width in [40, 80, 120] {
            let text = table().plain(&Layout::plain(Some(width)));
            assert!(text.lines().all(|l| l.chars().count() <= width), "{text}");
            assert!(text.lines().count() > 2);
        }
    }

    #[test]
    fn without_a_width_a_row_is_one_line() {
        let text = table().plain(&Layout::plain(None));
        assert_eq!(text.lines().count(), 2, "{text}");
        assert!(text.lines().nth(1).unwrap().ends_with("word  £2,225.00"));
    }

    #[test]
    fn long_lines_wrap_under_their_text() {
        let line = "    l5-dip-cm   ILM Level 5 Diploma in Coaching and Mentoring, a long title";
        assert_eq!(
            wrap_hanging(line, 50),
            "    l5-dip-cm   ILM Level 5 Diploma in Coaching\n                and Mentoring, a long title"
        );
        assert_eq!(
            wrap_hanging("error: a b c d e f g h i j k l m n o p", 20),
            "error: a b c d e f\n  g h i j k l m n o\n  p"
        );
        assert_eq!(wrap_hanging("short\nlines", 20), "short\nlines");
    }

    #[test]
    fn colour_follows_the_choice_and_the_terminal() {
        assert!(ColorChoice::Always.styles(false));
        assert!(!ColorChoice::Never.styles(true));
        assert!(!ColorChoice::Auto.styles(false));
    }

    #[test]
    fn csv_flattens_the_json_rows() {
        #[derive(Serialize)]
        struct Row {
            id: &'static str,
            price_pence: Option<i64>,
            price: Option<&'static str>,
            units: Vec<&'static str>,
            holding: Held,
            note: &'static str,
        }
        #[derive(Serialize)]
        struct Held {
            with_provider: bool,
        }
        let row = |id, pence: Option<i64>| Row {
            id,
            price_pence: pence,
            price: pence.map(|_| "£1,695.00"),
            units: vec!["5015", "5018"],
            holding: Held {
                with_provider: true,
            },
            note: "two\nlines",
        };
        assert_eq!(
            csv(&[row("a, b", Some(169_500)), row("c", None)], || None),
            "id,price_pence,price,units,holding.with_provider,note\n\
             \"a, b\",169500,\"£1,695.00\",5015; 5018,true,two lines\n\
             c,,,5015; 5018,true,two lines\n"
        );
        let mut formula = row("=HYPERLINK(\"x\")", None);
        formula.note = "@SUM(A1)";
        assert!(
            csv(&[formula], || None)
                .ends_with("\n\"'=HYPERLINK(\"\"x\"\")\",,,5015; 5018,true,'@SUM(A1)\n"),
            "formulas are never run"
        );
        let empty: Vec<Row> = Vec::new();
        assert_eq!(
            csv(&empty, || Some(row("", None)))
                .lines()
                .collect::<Vec<_>>(),
            ["id,price_pence,price,units,holding.with_provider,note"]
        );
    }

    #[test]
    fn json_escapes_hazards_losslessly() {
        let text = json(&serde_json::json!({"name": "Jane\u{1b}]0;x\u{7}\u{202e}\u{e0041}"}));
        assert!(
            text.contains(r#""Jane\u001b]0;x\u0007\u202e\udb40\udc41""#),
            "{text}"
        );
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back["name"], "Jane\u{1b}]0;x\u{7}\u{202e}\u{e0041}");
        assert!(
            !text
                .chars()
                .any(|c| qualplan::text::hazard(c).is_some() && c != '\n')
        );
    }

    #[test]
    fn output_is_inert() {
        assert_eq!(
            inert("a\u{1b}[2Jb\u{85}c\n", false),
            "a<U+001B>[2Jb<U+0085>c\n"
        );
        // CRLF ends a line (a vCard's); a carriage return alone is shown.
        assert_eq!(
            inert("V:4.0\r\nFN:a\rb\r\n", false),
            "V:4.0\r\nFN:a<U+000D>b\r\n"
        );
        assert_eq!(
            inert("\u{1b}[1mid\u{1b}[0m \u{1b}[2J", true),
            "\u{1b}[1mid\u{1b}[0m <U+001B>[2J"
        );
    }

    #[test]
    fn markdown_escapes() {
        let mut t = Table::new(&["a", "b"]);
        t.row(vec!["x, y".into(), "p|q".into()]);
        assert_eq!(t.markdown(), "| a | b |\n| --- | --- |\n| x, y | p\\|q |\n");
    }

    #[test]
    fn json_starts_with_the_schema_version() {
        #[derive(Serialize)]
        struct Body {
            qualifications: Vec<u8>,
        }
        assert_eq!(
            json(&Body {
                qualifications: vec![]
            }),
            "{\n  \"schema_version\": 1,\n  \"qualifications\": []\n}\n"
        );
    }
}
