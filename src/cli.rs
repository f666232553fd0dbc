//! Command-line interface: arguments, dispatch and exit codes.
//!
//! Exit codes: 0 success (or a valid catalogue), 1 an invalid catalogue or
//! another domain error, 2 a usage error or a file that cannot be read.

use clap::{CommandFactory, Parser, Subcommand};
use qualplan::catalogue::{self, CatalogueOrigin, LoadError};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  qualplan validate                     check the catalogue in use
  qualplan validate my-catalogue.ron    check an edited catalogue
  qualplan catalogue path               which catalogue is in use, and why
  qualplan catalogue export > catalogue.ron
                                        start your own copy of the catalogue

A catalogue.ron in the config directory overrides the built-in one, and
--catalogue PATH overrides both. See docs/catalogue.md for the format.";

/// Choose, compare, plan and pay for the ILM Coaching and Mentoring
/// qualifications.
#[derive(Parser, Debug)]
#[command(name = "qualplan", version, about, after_help = EXAMPLES)]
struct Cli {
    /// Use this catalogue instead of the config directory's or the built-in one.
    #[arg(long, global = true, value_name = "PATH")]
    catalogue: Option<PathBuf>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check a catalogue and report every problem with its line and column.
    Validate {
        /// The catalogue to check (default: the one in use).
        path: Option<PathBuf>,
    },
    /// Where the catalogue in use comes from, or export the built-in one.
    #[command(subcommand)]
    Catalogue(CatalogueCommand),
}

#[derive(Subcommand, Debug)]
enum CatalogueCommand {
    /// Say which catalogue is in use and why.
    Path,
    /// Print the built-in catalogue, to start an edited copy.
    Export,
}

pub fn run() -> ExitCode {
    let cli = Cli::parse();
    let config_dir = config_dir();
    let origin = catalogue::resolve_origin(cli.catalogue.as_deref(), config_dir.as_deref());
    match cli.command {
        None => {
            let help = Cli::command().render_long_help().to_string();
            emit(&help)
        }
        Some(Command::Validate { path }) => {
            let origin = match path {
                Some(p) => CatalogueOrigin::Argument(p),
                None => origin,
            };
            validate(&origin)
        }
        Some(Command::Catalogue(CatalogueCommand::Path)) => {
            emit(&describe_origin(&origin, config_dir.as_deref()))
        }
        Some(Command::Catalogue(CatalogueCommand::Export)) => emit(catalogue::EMBEDDED_CATALOGUE),
    }
}

/// The user's config directory for qualplan (e.g. `~/.config/qualplan`).
fn config_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "qualplan").map(|d| d.config_dir().to_path_buf())
}

fn validate(origin: &CatalogueOrigin) -> ExitCode {
    match catalogue::load(origin) {
        Ok(c) => {
            let on_sale = c.on_sale().count();
            emit(&format!(
                "{}: valid: {} qualifications ({} on sale, {} older edition), {} units\n",
                origin.file_name(),
                c.qualifications.len(),
                on_sale,
                c.qualifications.len() - on_sale,
                c.units.len()
            ))
        }
        Err(e) => {
            eprintln!("{e}");
            match e {
                LoadError::Read { .. } => ExitCode::from(2),
                LoadError::Invalid(_) => ExitCode::from(1),
            }
        }
    }
}

fn describe_origin(origin: &CatalogueOrigin, config_dir: Option<&Path>) -> String {
    let mut text = format!("{origin}\n");
    if let Some(dir) = config_dir {
        let file = dir.join(catalogue::CONFIG_FILE_NAME);
        match origin {
            CatalogueOrigin::Embedded => text.push_str(&format!(
                "A catalogue at {} would override it; --catalogue PATH overrides both.\n",
                file.display()
            )),
            CatalogueOrigin::ConfigDir(_) => text
                .push_str("It overrides the built-in catalogue; --catalogue PATH overrides it.\n"),
            CatalogueOrigin::Argument(_) => {}
        }
    }
    text
}

/// Writes to stdout; a closed pipe (`qualplan ... | head -1`) ends quietly.
fn emit(text: &str) -> ExitCode {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write the output: {e}");
            ExitCode::from(1)
        }
    }
}
