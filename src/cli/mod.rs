//! Command-line interface: arguments, dispatch and exit codes.
//!
//! Exit codes: 0 success (or a valid catalogue), 1 a domain error (no such
//! upgrade, an invalid catalogue), 2 a usage error (a bad argument, a name
//! that matches nothing or several things, a file that cannot be read).

mod args;
mod browse;
mod catalogue_cmd;
mod compare;
mod course;
mod enquiries;
mod manual;
mod money;
mod output;
mod pay;
mod plan;
mod recommend;
mod upgrade;

use args::{InterestArg, LevelArg, RoleArg, SizeArg, StreamArg};
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};
use output::{Format, emit};
use qualplan::catalogue::{self, Catalogue, CatalogueOrigin, LoadError, Qualification};
use qualplan::money::Pence;
use qualplan::planner::{self, ResolveError};
use std::path::PathBuf;
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  qualplan list                                 qualifications on sale
  qualplan show l5-dip-cm                       one qualification, with sources
  qualplan recommend --role middle-manager --interest both --hours-per-week 3
  qualplan compare --level 5 --sort price-per-credit
  qualplan upgrade --from l5-cert-cm --to l5-dip-cm
  qualplan plan --qualification l5-dip-cm --start 2027-01-04 --hours-per-week 4
  qualplan pay l3-award-coaching --instalments
  qualplan search reflecting mentoring
  qualplan catalogue export > my-catalogue.ron   start your own catalogue
  qualplan validate my-catalogue.ron

Wherever a qualification is named, its id, a unit code or words of its
title (\"level 5 diploma\") will do. --format json gives the stable
contract described in docs/cli.md.";

/// Choose, compare, plan and pay for the ILM Coaching and Mentoring
/// qualifications.
#[derive(Parser, Debug)]
#[command(name = "qualplan", version, about, after_help = EXAMPLES)]
struct Cli {
    /// Use this catalogue file instead of the usual one.
    #[arg(long, global = true, value_name = "PATH")]
    catalogue: Option<PathBuf>,

    /// table, json, csv, markdown (quotes: text, html)
    #[arg(long, global = true, value_enum, default_value_t = Format::Table, hide_possible_values = true, hide_default_value = true)]
    format: Format,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// List the qualifications (or units) in the catalogue.
    List {
        /// Include the older edition (not on sale).
        #[arg(long)]
        all: bool,
        /// List units instead of qualifications.
        #[arg(long)]
        units: bool,
    },
    /// One qualification or unit in full, with the source of each figure.
    Show {
        /// Qualification id, unit code, or words of a title.
        #[arg(value_parser = args::parse_text)]
        name: Vec<String>,
    },
    /// The four development routes and who each suits.
    Routes,
    /// Ranked options for a learner, each with its reasons.
    Recommend(RecommendArgs),
    /// Compare qualifications side by side, filtered and sorted.
    Compare(CompareArgs),
    /// Plan an upgrade (top-up) from what a learner holds.
    Upgrade(UpgradeArgs),
    /// Dates and weekly hours for a qualification from a start date.
    Plan(PlanArgs),
    /// What to pay and when: in full, or by instalments.
    Pay(PayArgs),
    /// Fuzzy search over qualifications and units.
    Search {
        /// Words to look for: ids, codes, titles, learning outcomes.
        #[arg(required = true, value_parser = args::parse_text)]
        query: Vec<String>,
        /// Show at most this many hits.
        #[arg(long, default_value_t = 10, value_parser = args::parse_search_limit)]
        limit: usize,
    },
    /// Saved enquiries: list, show or delete.
    #[command(subcommand)]
    Enquiries(EnquiriesCommand),
    /// Write a quote for an enquiry (markdown, text, html or json).
    Quote {
        /// The enquiry id (`qualplan enquiries list`).
        #[arg(value_parser = args::parse_text)]
        id: String,
        /// Write here instead of the data directory's quotes folder.
        #[arg(long, value_name = "PATH")]
        output: Option<PathBuf>,
        /// Print the quote instead of writing a file.
        #[arg(long)]
        stdout: bool,
        /// Price it for this holding instead of the one the enquiry recorded.
        #[command(flatten)]
        holding: HoldingArgs,
    },
    /// Check a catalogue: every problem, with its line and column.
    Validate {
        /// The catalogue to check (default: the one in use).
        path: Option<PathBuf>,
    },
    /// Where the catalogue in use comes from, or export the built-in one.
    #[command(subcommand)]
    Catalogue(CatalogueCommand),
    /// Print the completion script for bash, zsh, fish or powershell
    ///
    /// Tab then completes qualplan's commands, options and their values.
    /// To load the script in every new shell, add a line to its start-up file:
    ///
    ///   bash: ~/.bashrc    source <(qualplan completions bash)
    ///   zsh: ~/.zshrc      source <(qualplan completions zsh)
    ///                      (after the line that runs compinit)
    ///   fish: ~/.config/fish/config.fish
    ///                      qualplan completions fish | source
    ///   powershell: $PROFILE
    ///                      qualplan completions powershell |
    ///                        Out-String | Invoke-Expression
    ///
    /// The Debian package installs the bash, zsh and fish scripts itself.
    #[command(verbatim_doc_comment)]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual: qualplan(1), or every page into a folder
    ///
    /// `qualplan man | man -l -` reads it at once. After `cargo install`,
    ///
    ///   qualplan man --dir ~/.cargo/share/man/man1
    ///
    /// installs qualplan(1) and a page for each subcommand (qualplan-list(1),
    /// ...) where `man qualplan` finds them. The Debian package installs them
    /// itself.
    #[command(verbatim_doc_comment)]
    Man {
        /// Write qualplan.1 and a page for each subcommand into this folder.
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
}

#[derive(Subcommand, Debug)]
enum EnquiriesCommand {
    /// Every saved enquiry, newest first.
    List,
    /// One enquiry in full.
    Show {
        #[arg(value_parser = args::parse_text)]
        id: String,
    },
    /// Delete an enquiry for good.
    Delete {
        #[arg(value_parser = args::parse_text)]
        id: String,
    },
}

#[derive(Subcommand, Debug)]
enum CatalogueCommand {
    /// Say which catalogue is in use and why.
    Path,
    /// Print the built-in catalogue, to start an edited copy.
    Export,
}

#[derive(Args, Debug)]
pub struct RecommendArgs {
    #[arg(long, value_enum)]
    role: Option<RoleArg>,
    #[arg(long, value_enum)]
    interest: Option<InterestArg>,
    /// Development route 1-4 (see `qualplan routes`).
    #[arg(long, value_parser = clap::value_parser!(u8).range(1..=4))]
    route: Option<u8>,
    /// Level 1-8, or `advise` to let qualplan suggest one.
    #[arg(long, value_parser = args::parse_level)]
    level: Option<LevelArg>,
    #[arg(long, value_enum)]
    size: Option<SizeArg>,
    #[arg(long, value_name = "HOURS", value_parser = args::parse_hours_per_week)]
    hours_per_week: Option<u32>,
    /// Budget in pounds, including VAT.
    #[arg(long, value_parser = args::parse_pounds, value_name = "POUNDS")]
    budget: Option<Pence>,
    /// Date to finish by (YYYY-MM-DD).
    #[arg(long, value_name = "DATE", value_parser = args::parse_date)]
    target_date: Option<NaiveDate>,
    /// Start date (YYYY-MM-DD, default today).
    #[arg(long, value_name = "DATE", value_parser = args::parse_date)]
    start: Option<NaiveDate>,
    /// A qualification already held (repeatable).
    #[arg(long = "holds", value_name = "QUALIFICATION", value_parser = args::parse_text)]
    holds: Vec<String>,
    /// The held qualifications were completed with another provider (no top-up fee).
    #[arg(long)]
    elsewhere: bool,
    /// A qualification to include whatever its rank (repeatable).
    #[arg(long = "ask", value_name = "QUALIFICATION", value_parser = args::parse_text)]
    ask: Vec<String>,
    /// Show at most this many options (those asked about are always shown).
    #[arg(long, default_value_t = 5, value_parser = args::parse_recommend_limit)]
    limit: usize,
}

#[derive(Args, Debug)]
pub struct CompareArgs {
    /// Qualifications to compare (default: all on sale that pass the filters).
    #[arg(value_parser = args::parse_text)]
    names: Vec<String>,
    #[arg(long, value_parser = args::parse_level_number)]
    level: Option<u8>,
    #[arg(long, value_enum)]
    stream: Option<StreamArg>,
    #[arg(long, value_enum)]
    size: Option<SizeArg>,
    /// Sort by: id, title, level, size, stream, credits, glh, tqt, practice, clients,
    /// price, vat, price-inc-vat, price-per-credit, time, registration, entry.
    #[arg(long, default_value = "level", value_parser = |s: &str| s.parse::<planner::SortKey>())]
    sort: planner::SortKey,
    /// Sort in descending order.
    #[arg(long)]
    desc: bool,
    /// Include the older edition when no names are given.
    #[arg(long)]
    all: bool,
}

/// What the learner holds: the same options, with the same meaning, on
/// `upgrade`, `plan`, `pay` and `quote`.
#[derive(Args, Debug, Default)]
pub struct HoldingArgs {
    /// A qualification held (repeatable).
    #[arg(long = "from", value_name = "QUALIFICATION", value_parser = args::parse_text)]
    from: Vec<String>,
    /// A single unit held as well (repeatable).
    #[arg(long = "unit", value_name = "CODE", value_parser = args::parse_text)]
    units: Vec<String>,
    /// The qualifications held were completed with another provider (no top-up fee).
    #[arg(long)]
    elsewhere: bool,
}

impl HoldingArgs {
    /// Whether any holding option was given.
    fn given(&self) -> bool {
        !self.from.is_empty() || !self.units.is_empty() || self.elsewhere
    }
}

#[derive(Args, Debug)]
pub struct UpgradeArgs {
    #[command(flatten)]
    holding: HoldingArgs,
    /// Target qualification (default: list every possible upgrade).
    #[arg(long, value_name = "QUALIFICATION", value_parser = args::parse_text)]
    to: Option<String>,
}

#[derive(Args, Debug)]
pub struct PlanArgs {
    #[arg(long, value_name = "QUALIFICATION", value_parser = args::parse_text)]
    qualification: String,
    /// Start date (YYYY-MM-DD, default today).
    #[arg(long, value_name = "DATE", value_parser = args::parse_date)]
    start: Option<NaiveDate>,
    #[arg(long, value_name = "HOURS", value_parser = args::parse_hours_per_week)]
    hours_per_week: Option<u32>,
    /// Date to finish by (YYYY-MM-DD, default the end of the suggested time).
    #[arg(long, value_name = "DATE", value_parser = args::parse_date)]
    target_date: Option<NaiveDate>,
    /// What is held: only what is left is planned.
    #[command(flatten)]
    holding: HoldingArgs,
}

#[derive(Args, Debug)]
pub struct PayArgs {
    #[arg(value_parser = args::parse_text)]
    qualification: Vec<String>,
    /// Pay by the provider's instalment plan instead of in full.
    #[arg(long)]
    instalments: bool,
    /// What is held: a top-up pays only the balance.
    #[command(flatten)]
    holding: HoldingArgs,
    /// Start date: the first payment is due then (default today).
    #[arg(long, value_name = "DATE", value_parser = args::parse_date)]
    start: Option<NaiveDate>,
    /// Instalment premium in pounds (default from the catalogue).
    #[arg(long, value_parser = args::parse_pounds, value_name = "POUNDS")]
    premium: Option<Pence>,
    /// Each instalment after the first, in pounds (default from the catalogue).
    #[arg(long, value_parser = args::parse_pounds, value_name = "POUNDS")]
    instalment: Option<Pence>,
    /// Number of monthly instalments after the first (default from the catalogue).
    #[arg(long, value_parser = args::parse_monthly_payments)]
    months: Option<u32>,
    /// No final instalment on completion.
    #[arg(long)]
    no_final_payment: bool,
}

/// Why a command failed, which decides the exit code.
pub enum Failure {
    /// Exit 2: the command line asked for something that does not make sense.
    Usage(String),
    /// Exit 1: a well-formed request the domain refuses.
    Domain(String),
    /// Already reported in full (e.g. catalogue problems).
    Reported(ExitCode),
}

impl From<ResolveError> for Failure {
    fn from(e: ResolveError) -> Failure {
        Failure::Usage(match e {
            ResolveError::NotFound { .. } => format!("{e} (`qualplan list` shows every id)"),
            ResolveError::Ambiguous { .. } | ResolveError::TooLong { .. } => e.to_string(),
        })
    }
}

/// What every command needs: the catalogue, the format and today.
pub struct Context {
    pub catalogue: Catalogue,
    pub format: Format,
    pub today: NaiveDate,
}

impl Context {
    pub fn qualification(&self, name: &str) -> Result<&Qualification, Failure> {
        Ok(planner::resolve_qualification(&self.catalogue, name)?)
    }
}

pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return clap_error(&e),
    };
    let config_dir = qualplan::files::Dirs::of_user().map(|d| d.config);
    let origin = catalogue::resolve_origin(cli.catalogue.as_deref(), config_dir.as_deref());
    tracing::info!(catalogue = %origin, "command line read");
    let format = cli.format;
    let result = match cli.command {
        None => match load(&origin) {
            Ok(catalogue) => Err(Failure::Reported(qualplan::tui::run(catalogue))),
            Err(code) => Err(Failure::Reported(code)),
        },
        Some(Command::Validate { path }) => {
            let origin = path.map_or(origin, CatalogueOrigin::Argument);
            catalogue_cmd::validate(&origin, format)
        }
        Some(Command::Catalogue(CatalogueCommand::Path)) => {
            Ok(catalogue_cmd::path(&origin, config_dir.as_deref(), format))
        }
        Some(Command::Catalogue(CatalogueCommand::Export)) => {
            Ok(catalogue::EMBEDDED_CATALOGUE.to_string())
        }
        Some(Command::Completions { shell }) => Ok(manual::completions(shell)),
        Some(Command::Man { dir: None }) => manual::page(),
        Some(Command::Man { dir: Some(dir) }) => manual::write_pages(&dir),
        Some(command) => match load(&origin) {
            Ok(catalogue) => {
                let ctx = Context {
                    catalogue,
                    format,
                    today: chrono::Local::now().date_naive(),
                };
                dispatch(&ctx, command)
            }
            Err(code) => Err(Failure::Reported(code)),
        },
    };
    match result {
        Ok(text) => emit(&text),
        Err(Failure::Usage(message)) => {
            report(&format!("error: {message}"));
            ExitCode::from(2)
        }
        Err(Failure::Domain(message)) => {
            report(&format!("error: {message}"));
            ExitCode::from(1)
        }
        Err(Failure::Reported(code)) => code,
    }
}

use qualplan::text::report;

/// A warning on standard error, neutralised like `report`.
pub fn warn(message: &str) {
    report(&format!("warning: {message}"));
}

/// clap's own messages: help and the version as they are (they hold only
/// qualplan's text), errors neutralised (they echo what was typed).
fn clap_error(e: &clap::Error) -> ExitCode {
    use clap::error::ErrorKind;
    if !matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        report(&e.to_string());
    } else if let Err(x) = e.print()
        && x.kind() != std::io::ErrorKind::BrokenPipe
    {
        report(&format!("error: cannot write the help: {x}"));
    }
    ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2))
}

fn dispatch(ctx: &Context, command: Command) -> Result<String, Failure> {
    if ctx.format == Format::Html && !matches!(command, Command::Quote { .. }) {
        return Err(Failure::Usage("--format html is for quotes only".into()));
    }
    match command {
        Command::Enquiries(EnquiriesCommand::List) => enquiries::list(ctx),
        Command::Enquiries(EnquiriesCommand::Show { id }) => enquiries::show(ctx, &id),
        Command::Enquiries(EnquiriesCommand::Delete { id }) => enquiries::delete(&id),
        Command::Quote {
            id,
            output,
            stdout,
            holding,
        } => enquiries::quote(ctx, &id, output, stdout, &holding),
        Command::List { all, units } => Ok(browse::list(ctx, all, units)),
        Command::Show { name } => browse::show(ctx, &name.join(" ")),
        Command::Routes => Ok(browse::routes(ctx)),
        Command::Search { query, limit } => {
            let query = query.join(" ");
            planner::check_length(&query)?;
            Ok(browse::search(ctx, &query, limit))
        }
        Command::Recommend(a) => recommend::run(ctx, a),
        Command::Compare(a) => compare::run(ctx, a),
        Command::Upgrade(a) => upgrade::run(ctx, a),
        Command::Plan(a) => plan::run(ctx, a),
        Command::Pay(a) => pay::run(ctx, a),
        Command::Validate { .. }
        | Command::Catalogue(_)
        | Command::Completions { .. }
        | Command::Man { .. } => unreachable!("handled before loading"),
    }
}

/// Loads the catalogue, reporting problems on stderr: exit 1 if invalid,
/// 2 if it cannot be read.
fn load(origin: &CatalogueOrigin) -> Result<Catalogue, ExitCode> {
    catalogue::load(origin).map_err(|e| {
        report(&e.to_string());
        match e {
            LoadError::Read { .. } => ExitCode::from(2),
            LoadError::Invalid(_) => ExitCode::from(1),
        }
    })
}
