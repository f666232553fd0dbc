//! How command output is written: four formats (a table for people, JSON,
//! CSV and Markdown for other tools), fitted to 80 columns, with optional
//! bold headings that `NO_COLOR` and pipes switch off.

use clap::ValueEnum;
pub use qualplan::text::wrap;
use serde::Serialize;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

/// Output format of every subcommand.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
    Markdown,
    /// Plain text (quotes; elsewhere the same as table).
    Text,
    /// A self-contained page (quotes only).
    Html,
}

/// Width that table output is fitted to.
pub const WIDTH: usize = 80;

/// Whether to use bold text: only on a terminal, and never with NO_COLOR.
pub fn use_style() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
}

/// Bold on and off: the only control sequences qualplan writes itself.
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// A heading, bold when styling is on.
pub fn heading(text: &str) -> String {
    if use_style() {
        format!("{BOLD}{text}{RESET}")
    } else {
        text.to_string()
    }
}

/// Everything written to standard output, neutralised (`text::neutralise`)
/// but for the bold on and off of headings when styling is on: whatever a
/// file, an enquiry or an argument put in it is shown, never acted on.
pub fn inert(text: &str) -> String {
    use qualplan::text::neutralise;
    if !use_style() {
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

/// Rows of cells under headers; numbers align right.
#[derive(Clone, Debug, Default)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub right: Vec<bool>,
}

impl Table {
    pub fn new(headers: &[&str]) -> Table {
        Table {
            headers: headers.iter().map(|h| h.to_string()).collect(),
            rows: Vec::new(),
            right: vec![false; headers.len()],
        }
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

    /// Plain text fitted to `WIDTH`: the widest left-aligned column wraps.
    pub fn plain(&self) -> String {
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
        // Narrow the widest left-aligned column (the later one on a tie)
        // one character at a time until the table fits; wrapped cells then
        // take more lines.
        const MIN: usize = 12;
        while total(&widths) > WIDTH {
            let widest = (0..n)
                .filter(|i| !self.right[*i] && widths[*i] > MIN)
                .max_by_key(|i| (widths[*i], *i));
            match widest {
                Some(i) => widths[i] -= 1,
                None => break,
            }
        }
        let mut out = String::new();
        let header: Vec<String> = self.headers.clone();
        for line in self.lines(&header, &widths) {
            out.push_str(&heading(line.trim_end()));
            out.push('\n');
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
        let wrapped: Vec<Vec<String>> =
            cells.iter().zip(widths).map(|(c, w)| wrap(c, *w)).collect();
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

    pub fn csv(&self) -> String {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(&self.headers).expect("writing to memory");
        for row in &self.rows {
            w.write_record(row).expect("writing to memory");
        }
        String::from_utf8(w.into_inner().expect("writing to memory"))
            .expect("CSV of UTF-8 is UTF-8")
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

    /// The table in a non-JSON format.
    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Csv => self.csv(),
            Format::Markdown => self.markdown(),
            Format::Table | Format::Json | Format::Text | Format::Html => self.plain(),
        }
    }
}

fn chars(s: &str) -> usize {
    s.chars().count()
}

/// Pretty JSON with a final newline. A character that could act on a
/// terminal or hide itself is written as a `\\u` escape: the same string
/// to a JSON reader, inert on a terminal.
pub fn json<T: Serialize>(value: &T) -> String {
    let text = serde_json::to_string_pretty(value).unwrap_or_else(|e| {
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

/// Writes to stdout, neutralised (`inert`); a closed pipe (`qualplan list |
/// head -1`) ends quietly.
pub fn emit(text: &str) -> ExitCode {
    let text = inert(text);
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            qualplan::text::report(&format!("error: cannot write the output: {e}"));
            ExitCode::from(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_fits_eighty_columns() {
        let mut t = Table::new(&["id", "title", "price"]).right_align(&[2]);
        t.row(vec![
            "l5-dip-cm".into(),
            "word ".repeat(40),
            "£2,225.00".into(),
        ]);
        let text = t.plain();
        assert!(text.lines().all(|l| l.chars().count() <= WIDTH), "{text}");
        assert!(text.lines().count() > 2);
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
        assert_eq!(inert("a\u{1b}[2Jb\u{85}c\n"), "a<U+001B>[2Jb<U+0085>c\n");
    }

    #[test]
    fn csv_and_markdown_escape() {
        let mut t = Table::new(&["a", "b"]);
        t.row(vec!["x, y".into(), "p|q".into()]);
        assert_eq!(t.csv(), "a,b\n\"x, y\",p|q\n");
        assert_eq!(t.markdown(), "| a | b |\n| --- | --- |\n| x, y | p\\|q |\n");
    }
}

/// A document of headings, paragraphs and tables, rendered as plain text
/// or Markdown (CSV takes its tables only).
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

    pub fn render(&self, format: Format) -> String {
        let mut out = String::new();
        for (i, block) in self.blocks.iter().enumerate() {
            let text = match (block, format) {
                (Block::Heading(h), Format::Markdown) => format!("## {h}\n"),
                (Block::Heading(h), _) => {
                    let lines: Vec<String> = wrap(h, WIDTH).iter().map(|l| heading(l)).collect();
                    format!("{}\n", lines.join("\n"))
                }
                (Block::Para(p), Format::Markdown) => format!("{p}\n"),
                (Block::Para(p), _) => {
                    let mut s = wrap(p, WIDTH).join("\n");
                    s.push('\n');
                    s
                }
                (Block::Table(t), Format::Markdown) => t.markdown(),
                (Block::Table(t), _) => t.plain(),
            };
            if format == Format::Csv {
                if let Block::Table(t) = block {
                    if !out.is_empty() {
                        out.push('\n');
                    }
                    out.push_str(&t.csv());
                }
                continue;
            }
            // A heading sits directly on what it heads.
            out.push_str(&text);
            if !matches!(block, Block::Heading(_)) && i + 1 < self.blocks.len() {
                out.push('\n');
            }
        }
        out
    }
}
