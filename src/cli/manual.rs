//! Shell completions and manual pages, generated from the clap definitions
//! so that they always name the commands and options qualplan really has.

use super::{Cli, Failure};
use clap::CommandFactory;
use clap_complete::Shell;
use clap_mangen::roff;
use std::path::Path;

/// The completion script for `shell`, to be sourced by that shell.
pub fn completions(shell: Shell) -> String {
    let mut command = Cli::command();
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut command, "qualplan", &mut script);
    String::from_utf8_lossy(&script).into_owned()
}

/// One manual page: its file name (`qualplan-list.1`) and its roff text.
struct Page {
    file_name: String,
    roff: Vec<u8>,
}

/// qualplan(1) and a page for every visible subcommand (qualplan-list(1),
/// qualplan-enquiries-list(1), ...), which qualplan(1) refers to by name.
fn pages(date: &str) -> Vec<Page> {
    let mut pages = Vec::new();
    let mut pending = vec![root()];
    while let Some(command) = pending.pop() {
        pending.extend(
            command
                .get_subcommands()
                .filter(|s| !s.is_hide_set())
                .cloned(),
        );
        pages.push(render(command, date));
    }
    pages.sort_by(|a, b| a.file_name.cmp(&b.file_name));
    pages
}

/// The command line as the pages describe it, built so that every
/// subcommand knows its display name (`qualplan-enquiries`), as
/// clap_mangen's own `generate_to` does; clap's `help` subcommand aside.
fn root() -> clap::Command {
    let mut root = Cli::command().disable_help_subcommand(true);
    root.build();
    root
}

/// One command's page: clap_mangen's sections, then the command's
/// after-help text as EXAMPLES.
fn render(command: clap::Command, date: &str) -> Page {
    let examples = command
        .get_after_long_help()
        .or_else(|| command.get_after_help())
        .map(|text| text.to_string());
    // The version goes in the page's footer instead of a VERSION section
    // that would come between the options and the examples.
    let command = command
        .after_help(None::<&str>)
        .after_long_help(None::<&str>)
        .version(None::<&str>);
    let title = command
        .get_display_name()
        .unwrap_or_else(|| command.get_name())
        .to_uppercase();
    let man = clap_mangen::Man::new(command)
        .title(title)
        .date(date)
        .source(format!("qualplan {}", env!("CARGO_PKG_VERSION")))
        .manual("qualplan manual");
    let mut roff = Vec::new();
    man.render(&mut roff)
        .expect("rendering into memory cannot fail");
    if let Some(text) = examples {
        examples_section(&text)
            .to_writer(&mut roff)
            .expect("rendering into memory cannot fail");
    }
    Page {
        file_name: man.get_filename(),
        roff,
    }
}

/// After-help text as an EXAMPLES section: each indented line an example
/// (a command in bold, with what it does where the line has it after two
/// spaces), other lines paragraphs. Its own "Examples:" heading is dropped.
fn examples_section(text: &str) -> roff::Roff {
    let mut section = roff::Roff::new();
    // Left-aligned: a long command wraps without stretched spaces.
    section.control("SH", ["EXAMPLES"]).control("ad", ["l"]);
    let mut paragraph = false;
    for line in text.lines() {
        if line.trim().eq_ignore_ascii_case("examples:") {
            continue;
        }
        if line.trim().is_empty() {
            paragraph = false;
        } else if line.starts_with(' ') {
            let line = line.trim();
            let (command, what) = line.split_once("  ").unwrap_or((line, ""));
            section.control("TP", []).text([roff::bold(command)]);
            section.text([roff::roman(what.trim())]);
            paragraph = false;
        } else {
            if !paragraph {
                section.control("PP", []);
                paragraph = true;
            }
            section.text([roff::roman(line)]);
        }
    }
    section
}

/// qualplan(1) as roff, for `qualplan man | man -l -`.
pub fn page() -> Result<String, Failure> {
    let page = render(root(), &date()?);
    Ok(String::from_utf8_lossy(&page.roff).into_owned())
}

/// Writes every page into `dir` (created if need be), each replaced whole
/// (never half-written; a link in its place is refused, never written
/// through or replaced), and lists the files written.
pub fn write_pages(dir: &Path) -> Result<String, Failure> {
    let fail = |e: std::io::Error| {
        Failure::file(format!(
            "cannot write the manual pages into {}: {e}",
            dir.display()
        ))
    };
    let date = date()?;
    std::fs::create_dir_all(dir).map_err(fail)?;
    let mut written = String::new();
    for page in pages(&date) {
        let path = dir.join(&page.file_name);
        qualplan::files::write_public(&path, &page.roff).map_err(fail)?;
        written.push_str(&format!("{}\n", path.display()));
    }
    Ok(written)
}

/// The pages' date (YYYY-MM-DD): that of `SOURCE_DATE_EPOCH` where it is
/// set, as package builds do for pages that are the same on every build,
/// else today's.
fn date() -> Result<String, Failure> {
    let Some(epoch) = std::env::var_os("SOURCE_DATE_EPOCH") else {
        return Ok(chrono::Local::now().format("%Y-%m-%d").to_string());
    };
    epoch
        .to_str()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|seconds| chrono::DateTime::from_timestamp(seconds, 0))
        .map(|when| when.format("%Y-%m-%d").to_string())
        .ok_or_else(|| {
            Failure::usage(format!(
                "SOURCE_DATE_EPOCH is `{}`, not a number of seconds since 1970-01-01: \
                 set it to one (e.g. `git log -1 --format=%ct`) or unset it",
                epoch.to_string_lossy()
            ))
        })
}
