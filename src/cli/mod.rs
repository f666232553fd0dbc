//! Command-line interface: arguments, dispatch and exit codes.
//!
//! The clap definitions below are the one description of the command line:
//! `--help`, the completions and the manual page are generated from them.

mod args;
mod browse;
mod catalogue_cmd;
mod compare;
mod course;
mod enquiries;
mod exit;
mod manual;
mod money;
mod names;
mod output;
mod pay;
mod plan;
mod recommend;
mod upgrade;

use args::{InterestArg, LevelArg, RoleArg, SizeArg, StreamArg};
use chrono::NaiveDate;
use clap::{Args, CommandFactory, FromArgMatches, Parser, Subcommand};
pub use exit::{Failure, Kind};
use output::{ColorChoice, Doc, Format, Layout, ReportFormat};
use qualplan::catalogue::{self, Catalogue, CatalogueOrigin, LoadError};
use qualplan::crash::LogDetail;
use qualplan::money::Pence;
use qualplan::planner::HoursPerWeek;
use std::path::PathBuf;
use std::process::ExitCode;

const EXAMPLES: &str = "\
Examples:
  qualplan list                                 qualifications on sale
  qualplan show l5-dip-cm                       one qualification, with sources
  qualplan recommend --role middle-manager --interest both --hours-per-week 3
  qualplan compare --level 5 --sort price-per-credit
  qualplan upgrade --from l5-cert-cm --to l5-dip-cm
  qualplan plan l5-dip-cm --start 2027-01-04 --hours-per-week 4
  qualplan pay l3-award-coaching --instalments
  qualplan search reflecting mentoring
  qualplan catalogue export > my-catalogue.ron   start your own catalogue
  qualplan validate my-catalogue.ron

Wherever a qualification is named, its id, a unit code or words of its
title (\"level 5 diploma\") will do. --format json gives the stable
contract described in docs/cli.md, with a JSON Schema for each command in
docs/schema.";

/// Choose, compare, plan and pay for the ILM Coaching and Mentoring
/// qualifications.
#[derive(Parser, Debug)]
#[command(
    name = "qualplan",
    version,
    max_term_width = 80,
    about,
    after_help = EXAMPLES,
    after_long_help = format!("{EXAMPLES}\n\n{}", exit::exit_status())
)]
struct Cli {
    /// Use this catalogue file instead of the usual one.
    #[arg(long, global = true, value_name = "PATH")]
    catalogue: Option<PathBuf>,

    /// When to use bold text: auto (on a terminal, unless NO_COLOR is set
    /// or TERM is dumb), always or never.
    #[arg(long, global = true, value_enum, default_value_t, value_name = "WHEN")]
    color: ColorChoice,

    /// Also record what the command does in the log
    /// (~/.local/state/qualplan/qualplan.log on Linux); without it, only
    /// problems are logged.
    #[arg(long, short, global = true)]
    verbose: bool,

    /// Run the app as numbered questions and plain lines, for screen
    /// readers and braille displays (also chosen by QUALPLAN_PLAIN=1 and
    /// TERM=dumb). Answer by number or name; `back`, `review`, `help`.
    #[arg(long)]
    plain: bool,

    /// Where enquiries are kept: `local` (your own folder, the default) or
    /// a team's shared store, postgres://USER@HOST/DATABASE, never with a
    /// password in it (see docs/team.md).
    #[arg(long, global = true, value_name = "STORE", value_parser = args::parse_text)]
    store: Option<String>,

    /// The app's colours: auto (light or dark as the terminal's background
    /// is; monochrome under NO_COLOR), dark, light, high-contrast or
    /// monochrome. Overrides `theme` in the config file. The plain mode
    /// has no colours, so it refuses --theme.
    #[arg(long, value_enum, value_name = "THEME")]
    theme: Option<qualplan::tui::ThemeChoice>,

    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// List the qualifications (or units) in the catalogue.
    List(ListArgs),
    /// One qualification or unit in full, with the source of each figure.
    Show(ShowArgs),
    /// The four development routes and who each suits.
    Routes(FormatArg),
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
    /// Search qualifications and units, forgiving typing mistakes.
    Search(SearchArgs),
    /// Saved enquiries: list, show, delete, export or import.
    #[command(subcommand)]
    Enquiries(EnquiriesCommand),
    /// Write a quote for an enquiry (markdown, text, html or json).
    Quote(QuoteArgs),
    /// Check a catalogue: every problem, with its line and column.
    Validate(ValidateArgs),
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
        /// The shell to complete for.
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

/// `--format` for the commands that answer with data.
#[derive(Args, Debug, Default)]
pub struct FormatArg {
    /// How to write the answer.
    #[arg(long, value_enum, default_value_t)]
    pub format: Format,
}

/// `--format` for the commands that report.
#[derive(Args, Debug, Default)]
pub struct ReportFormatArg {
    /// How to write the answer.
    #[arg(long, value_enum, default_value_t)]
    pub format: ReportFormat,
}

#[derive(Args, Debug)]
pub struct ListArgs {
    /// Include the older edition (not on sale).
    #[arg(long)]
    all: bool,
    /// List units instead of qualifications.
    #[arg(long)]
    units: bool,
    #[command(flatten)]
    out: FormatArg,
}

#[derive(Args, Debug)]
pub struct ShowArgs {
    /// Qualification id, unit code, or words of a title.
    #[arg(required = true, value_name = "NAME", value_parser = args::parse_text)]
    name: Vec<String>,
    #[command(flatten)]
    out: FormatArg,
}

#[derive(Args, Debug)]
pub struct SearchArgs {
    /// Words to look for: ids, codes, titles, learning outcomes.
    #[arg(required = true, value_name = "WORDS", value_parser = args::parse_text)]
    query: Vec<String>,
    /// Show at most this many hits (1 to 500).
    #[arg(long, default_value_t = 10, value_parser = args::parse_search_limit, allow_negative_numbers = true)]
    limit: usize,
    #[command(flatten)]
    out: FormatArg,
}

#[derive(Subcommand, Debug)]
enum EnquiriesCommand {
    /// Every saved enquiry, newest first.
    List(FormatArg),
    /// One enquiry in full.
    Show {
        /// The enquiry id (`qualplan enquiries list`).
        #[arg(value_name = "ENQUIRY", value_parser = args::parse_text)]
        id: String,
        #[command(flatten)]
        out: ReportFormatArg,
    },
    /// Delete an enquiry for good, after asking.
    Delete {
        /// The enquiry id (`qualplan enquiries list`).
        #[arg(value_name = "ENQUIRY", value_parser = args::parse_text)]
        id: String,
        /// Delete without asking (needed when not at a terminal).
        #[arg(long, short)]
        yes: bool,
        #[command(flatten)]
        out: ReportFormatArg,
    },
    /// Write every enquiry out: csv (a CRM), json or vcard.
    Export(ExportArgs),
    /// Read enquiries from a csv or json export.
    Import {
        /// The file to read.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[command(flatten)]
        out: ReportFormatArg,
    },
}

#[derive(Args, Debug)]
pub struct ExportArgs {
    /// csv (for a CRM), json (to move enquiries to another store) or vcard
    /// (contact cards).
    #[arg(long, value_enum)]
    format: enquiries::ExportFormat,
    /// Write here (a private file) instead of standard output; its folder
    /// must exist (or add --mkdir).
    #[arg(long, value_name = "PATH")]
    output: Option<PathBuf>,
    /// Create the --output file's folder if it does not exist.
    #[arg(long)]
    mkdir: bool,
}

#[derive(Args, Debug)]
pub struct QuoteArgs {
    /// The enquiry id (`qualplan enquiries list`).
    #[arg(value_name = "ENQUIRY", value_parser = args::parse_text)]
    id: String,
    /// Write here instead of the data directory's quotes folder; its folder
    /// must exist (or add --mkdir).
    #[arg(long, value_name = "PATH")]
    output: Option<PathBuf>,
    /// Create the --output file's folder if it does not exist.
    #[arg(long)]
    mkdir: bool,
    /// Print the quote instead of writing a file.
    #[arg(long)]
    stdout: bool,
    /// Which shortlisted qualification to quote, when several are
    /// shortlisted and none was chosen (default: the first).
    #[arg(long, value_name = "ID", value_parser = args::parse_text)]
    option: Option<String>,
    /// Price it for this holding instead of the one the enquiry recorded.
    #[command(flatten)]
    holding: HoldingArgs,
    /// How to write the quote.
    #[arg(long, value_enum, default_value_t)]
    format: enquiries::QuoteFormat,
}

#[derive(Args, Debug)]
pub struct ValidateArgs {
    /// The catalogue to check (default: the one in use).
    path: Option<PathBuf>,
    #[command(flatten)]
    out: ReportFormatArg,
}

#[derive(Subcommand, Debug)]
enum CatalogueCommand {
    /// Say which catalogue is in use and why.
    Path(ReportFormatArg),
    /// Print the built-in catalogue, to start an edited copy.
    Export,
}

#[derive(Args, Debug)]
pub struct RecommendArgs {
    /// The learner's role, which suggests a level.
    #[arg(long, value_enum)]
    role: Option<RoleArg>,
    /// Coaching, mentoring or both.
    #[arg(long, value_enum)]
    interest: Option<InterestArg>,
    /// Development route 1-4 (see `qualplan routes`).
    #[arg(long, value_parser = args::parse_route, allow_negative_numbers = true)]
    route: Option<u8>,
    /// The level wanted (3, 5 or 7 for what is on sale), or `advise` to let
    /// qualplan suggest one.
    #[arg(long, value_parser = args::parse_level, allow_negative_numbers = true)]
    level: Option<LevelArg>,
    /// Award, certificate or diploma.
    #[arg(long, value_enum)]
    size: Option<SizeArg>,
    /// Hours a week the learner can give (1 to 80, e.g. 2.5).
    #[arg(long, value_name = "HOURS", value_parser = args::parse_hours_per_week, allow_negative_numbers = true)]
    hours_per_week: Option<HoursPerWeek>,
    /// Budget in pounds, including VAT.
    #[arg(long, value_parser = args::parse_pounds, value_name = "POUNDS", allow_negative_numbers = true)]
    budget: Option<Pence>,
    /// Date to finish by (YYYY-MM-DD); needs --hours-per-week.
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
    /// Show at most this many options, 1 to 100 (those asked about are always shown).
    #[arg(long, default_value_t = 5, value_parser = args::parse_recommend_limit, allow_negative_numbers = true)]
    limit: usize,
    #[command(flatten)]
    out: FormatArg,
}

#[derive(Args, Debug)]
pub struct CompareArgs {
    /// Qualifications to compare (default: all on sale that pass the filters).
    #[arg(value_name = "QUALIFICATION", value_parser = args::parse_text)]
    names: Vec<String>,
    /// Only qualifications at this level (3, 5 or 7 for what is on sale).
    #[arg(long, value_parser = args::parse_level_number, allow_negative_numbers = true)]
    level: Option<u8>,
    /// Only this stream.
    #[arg(long, value_enum)]
    stream: Option<StreamArg>,
    /// Only this size.
    #[arg(long, value_enum)]
    size: Option<SizeArg>,
    /// Sort by: id, title, level, size, stream, credits, glh, tqt, practice, clients,
    /// price, vat, price-inc-vat, price-per-credit, time, registration, entry.
    #[arg(long, default_value = "level", value_parser = |s: &str| s.parse::<qualplan::planner::SortKey>())]
    sort: qualplan::planner::SortKey,
    /// Sort in descending order.
    #[arg(long)]
    desc: bool,
    /// Include the older edition (when no names are given).
    #[arg(long)]
    all: bool,
    #[command(flatten)]
    out: FormatArg,
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
    /// The qualification to upgrade to (default: list every possible upgrade).
    #[arg(value_name = "QUALIFICATION", value_parser = args::parse_text)]
    target: Vec<String>,
    #[command(flatten)]
    holding: HoldingArgs,
    /// The qualification to upgrade to, as an option.
    #[arg(long, value_name = "QUALIFICATION", value_parser = args::parse_text)]
    to: Option<String>,
    #[command(flatten)]
    out: FormatArg,
}

#[derive(Args, Debug)]
pub struct PlanArgs {
    /// The qualification to plan: id, unit code or words of its title.
    #[arg(value_name = "QUALIFICATION", value_parser = args::parse_text)]
    name: Vec<String>,
    /// The qualification, as an option (the first way of naming it).
    #[arg(long, value_name = "QUALIFICATION", value_parser = args::parse_text, hide = true)]
    qualification: Option<String>,
    /// Start date (YYYY-MM-DD, default today).
    #[arg(long, value_name = "DATE", value_parser = args::parse_date)]
    start: Option<NaiveDate>,
    /// Hours a week the learner can give (1 to 80, e.g. 2.5): when they would finish.
    #[arg(long, value_name = "HOURS", value_parser = args::parse_hours_per_week, allow_negative_numbers = true)]
    hours_per_week: Option<HoursPerWeek>,
    /// Date to finish by (YYYY-MM-DD, default the end of the suggested time).
    #[arg(long, value_name = "DATE", value_parser = args::parse_date)]
    target_date: Option<NaiveDate>,
    /// What is held: only what is left is planned.
    #[command(flatten)]
    holding: HoldingArgs,
    #[command(flatten)]
    out: FormatArg,
}

#[derive(Args, Debug)]
pub struct PayArgs {
    /// The qualification to pay for: id or words of its title.
    #[arg(value_name = "QUALIFICATION", value_parser = args::parse_text)]
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
    /// With --instalments: the premium in pounds (default from the catalogue).
    #[arg(long, value_parser = args::parse_pounds, value_name = "POUNDS", allow_negative_numbers = true)]
    premium: Option<Pence>,
    /// With --instalments: each instalment after the first, in pounds (default from the catalogue).
    #[arg(long, value_parser = args::parse_instalment, value_name = "POUNDS", allow_negative_numbers = true)]
    instalment: Option<Pence>,
    /// With --instalments: monthly instalments after the first, 0 to 120 (default from the catalogue).
    #[arg(long, value_parser = args::parse_monthly_payments, allow_negative_numbers = true)]
    months: Option<u32>,
    /// With --instalments: no final instalment on completion.
    #[arg(long)]
    no_final_payment: bool,
    #[command(flatten)]
    out: FormatArg,
}

/// What every command needs: the catalogue, where its output goes, and
/// today.
pub struct Context {
    pub catalogue: Catalogue,
    pub layout: Layout,
    pub today: NaiveDate,
}

impl Context {
    /// A people's document in `format` (table or Markdown).
    pub fn people(&self, format: Format, doc: &Doc) -> String {
        doc.render(format == Format::Markdown, &self.layout)
    }
}

/// `--color` as given, before the rest is parsed, so that clap's own help
/// and errors follow it too.
fn color_asked() -> ColorChoice {
    // As text where it is any: an argument that is not UTF-8 is clap's to
    // refuse, not a panic here.
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let value = args.iter().enumerate().find_map(|(i, a)| {
        a.strip_prefix("--color=")
            .map(str::to_string)
            .or_else(|| (a == "--color").then(|| args.get(i + 1).cloned().unwrap_or_default()))
    });
    match value.as_deref() {
        Some("always") => ColorChoice::Always,
        Some("never") => ColorChoice::Never,
        _ => ColorChoice::Auto,
    }
}

/// Parses the command line, or reports why not and how clap exits.
fn parse() -> Result<Cli, ExitCode> {
    let color = color_asked();
    let command = Cli::command().color(match color {
        ColorChoice::Always => clap::ColorChoice::Always,
        ColorChoice::Never => clap::ColorChoice::Never,
        ColorChoice::Auto => clap::ColorChoice::Auto,
    });
    let parsed = command
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m));
    parsed.map_err(|e| {
        use clap::error::ErrorKind;
        let code = ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        let shown = matches!(
            e.kind(),
            ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        );
        if shown {
            // Help and the version hold only qualplan's own text; a closed
            // pipe (`qualplan --help | head`) ends quietly.
            if let Err(x) = e.print()
                && x.kind() != std::io::ErrorKind::BrokenPipe
            {
                print_error(&format!("cannot write the help: {x}"), color);
            }
            return code;
        }
        let message = match e.kind() {
            ErrorKind::UnknownArgument => unknown_option(&e),
            _ => shorten_echoed_value(&e),
        };
        print_error(message.trim_end(), color);
        code
    })
}

/// The longest value echoed whole in an error; a longer one (a pasted page)
/// is cut, so the message stays on the screen.
const ECHO_LIMIT: usize = 60;

/// Clap's message with a very long value cut to its start.
fn shorten_echoed_value(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue};
    let message = e.to_string();
    match e.get(ContextKind::InvalidValue) {
        Some(ContextValue::String(value)) if value.chars().count() > ECHO_LIMIT => {
            let start: String = value.chars().take(ECHO_LIMIT).collect();
            message.replace(value.as_str(), &format!("{start}…"))
        }
        _ => message,
    }
}

/// An option the command does not have, said plainly (clap's own message
/// suggests `-- OPTION`, which only makes it a name to look up).
fn unknown_option(e: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue};
    let value = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => v.first().cloned(),
        _ => None,
    };
    let Some(option) = value(ContextKind::InvalidArg) else {
        return e.to_string();
    };
    let (command, takes) = command_path();
    let long = option.split(['=', ' ']).next().unwrap_or(&option);
    let belongs_here = long
        .strip_prefix("--")
        .is_some_and(|name| takes.get_arguments().any(|a| a.get_long() == Some(name)));
    if belongs_here {
        // `qualplan --format json list`: the command has the option, but
        // it was written before the command's name.
        return format!(
            "error: {long} goes after the command's name: `{command} {long} …`\n  \
             help: `{command} --help` lists its options\n"
        );
    }
    let mut message = format!("error: `{command}` has no option {option}\n");
    if let Some(similar) = value(ContextKind::SuggestedArg) {
        message.push_str(&format!("  help: did you mean {similar}?\n"));
    }
    message.push_str(&format!("  help: `{command} --help` lists its options\n"));
    message
}

/// "qualplan pay", "qualplan enquiries delete": the command as typed, and
/// its definition.
fn command_path() -> (String, clap::Command) {
    let mut path = vec!["qualplan".to_string()];
    let mut cmd = Cli::command();
    for arg in std::env::args_os().skip(1) {
        let arg = arg.to_string_lossy().into_owned();
        // Only the current command's own subcommands match, so option
        // values and names are passed over.
        if let Some(sub) = cmd.find_subcommand(&arg) {
            path.push(arg);
            cmd = sub.clone();
        }
    }
    (path.join(" "), cmd)
}

pub fn run() -> ExitCode {
    let cli = match parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    let detail = if cli.verbose || cli.command.is_none() {
        LogDetail::Everything
    } else {
        LogDetail::Problems
    };
    qualplan::crash::install(qualplan::crash::state_dir().as_deref(), detail);
    let config_dir = config_dir();
    let origin = catalogue::resolve_origin(cli.catalogue.as_deref(), config_dir.as_deref());
    tracing::info!(catalogue = %origin, "command line read");
    let layout = Layout::of_stdout(cli.color);
    let needs_store = matches!(
        cli.command,
        None | Some(Command::Enquiries(_)) | Some(Command::Quote(_))
    );
    let setup = match needs_store {
        true => match stores(cli.store.as_deref(), config_dir.as_deref()) {
            Ok(setup) => Some(setup),
            Err(f) => {
                report(&f, cli.color);
                return f.kind.exit_code();
            }
        },
        false => None,
    };
    let result = match cli.command {
        Some(_) if cli.plain => Err(Failure::usage(
            "--plain runs the app as numbered questions; a command already writes plain lines: leave out --plain, or run `qualplan --plain` on its own",
        )),
        Some(_) if cli.theme.is_some() => Err(Failure::usage(
            "--theme sets the app's colours; a command has none: leave out --theme, or run `qualplan --theme NAME` on its own",
        )),
        // Refused, not ignored: a look asked for that never comes would
        // leave the person wondering, and a screen reader hears no colour.
        None if cli.theme.is_some() && (cli.plain || plain_wanted()) => Err(Failure::usage(
            "--theme sets the app's colours, and the plain mode (--plain, QUALPLAN_PLAIN=1 or TERM=dumb) has none, since it writes plain text for screen readers: leave out --theme",
        )),
        None if cli.plain || plain_wanted() => {
            let (setup, _) = setup.expect("read for the app");
            load(&origin).and_then(|catalogue| plain(&catalogue, setup))
        }
        None => match load(&origin) {
            Ok(catalogue) => {
                let (setup, config) = setup.expect("read for the app");
                let settings = qualplan::config::app_settings(&config.config, cli.theme);
                return qualplan::tui::run(catalogue, setup, settings);
            }
            Err(f) => Err(f),
        },
        Some(Command::Validate(a)) => {
            let origin = a.path.map_or(origin, CatalogueOrigin::Argument);
            catalogue_cmd::validate(&origin, a.out.format)
        }
        Some(Command::Catalogue(CatalogueCommand::Path(a))) => Ok(catalogue_cmd::path(
            &origin,
            config_dir.as_deref(),
            a.format,
        )),
        Some(Command::Catalogue(CatalogueCommand::Export)) => {
            Ok(catalogue::EMBEDDED_CATALOGUE.to_string())
        }
        Some(Command::Completions { shell }) => Ok(manual::completions(shell)),
        Some(Command::Man { dir: None }) => manual::page(),
        Some(Command::Man { dir: Some(dir) }) => manual::write_pages(&dir),
        // Search needs only the catalogue's texts, which load far quicker.
        Some(Command::Search(a)) => browse::search(&origin, &layout, &a),
        Some(command) => load(&origin).and_then(|catalogue| {
            let ctx = Context {
                catalogue,
                layout,
                today: chrono::Local::now().date_naive(),
            };
            dispatch(&ctx, setup.as_ref().map(|(s, _)| s), command)
        }),
    };
    let result = result.and_then(|text| {
        output::emit(&text, layout.bold)
            .map_err(|e| Failure::file(format!("cannot write the output: {e}")))
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(f) => {
            report(&f, cli.color);
            f.kind.exit_code()
        }
    }
}

/// Whether the environment asks for the plain mode (`QUALPLAN_PLAIN`,
/// `TERM=dumb`).
fn plain_wanted() -> bool {
    let var = |name| std::env::var(name).ok();
    qualplan::plain::wanted(var("QUALPLAN_PLAIN").as_deref(), var("TERM").as_deref())
}

/// Runs the plain mode on standard input and output. It writes as it
/// goes, so there is nothing left to print; a closed output ends it
/// quietly, as a closed pipe ends a command.
fn plain(catalogue: &Catalogue, setup: qualplan::enquiry::StoreSetup) -> Result<String, Failure> {
    use std::io::IsTerminal;
    let stdin = std::io::stdin();
    let echo = !stdin.is_terminal();
    let today = chrono::Local::now().date_naive();
    let dirs = qualplan::files::Dirs::of_user();
    match qualplan::plain::run(
        catalogue,
        today,
        dirs,
        setup,
        stdin.lock(),
        std::io::stdout().lock(),
        echo,
    ) {
        Ok(()) => Ok(String::new()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(String::new()),
        Err(e) => Err(Failure::file(format!(
            "cannot read the answers or write the questions: {e}"
        ))),
    }
}

/// Tells the user why the command failed, on standard error, and logs
/// what went wrong (not a mistake on the command line).
fn report(f: &Failure, color: ColorChoice) {
    if f.message.is_empty() {
        return;
    }
    if matches!(f.kind, Kind::File | Kind::InvalidCatalogue) {
        tracing::warn!(exit = f.kind.code(), "{}", f.message);
    }
    print_error(&f.message, color);
}

/// "error:" (in bold red where colour is allowed) and the message, shown
/// inert, since it may echo what was typed or read from a file, and
/// wrapped to a terminal's width.
fn print_error(message: &str, color: ColorChoice) {
    use std::io::{IsTerminal, Write};
    let terminal = std::io::stderr().is_terminal();
    let label = if color.styles(terminal) {
        "\x1b[1;31merror:\x1b[0m"
    } else {
        "error:"
    };
    let message = qualplan::text::neutralise(message);
    let message = message.strip_prefix("error: ").unwrap_or(&message);
    let text = format!("error: {message}");
    let text = match Layout::of_stderr().width {
        Some(width) if terminal => output::wrap_hanging(&text, width),
        _ => text,
    };
    // A standard error that is gone (the terminal closed) is no panic.
    let _ = writeln!(
        std::io::stderr().lock(),
        "{label}{}",
        &text["error:".len()..]
    );
}

/// The store chosen (`--store`, else the config file's) and the advisor's
/// name, from the config file in `config_dir`, with the file itself (the
/// app reads its settings from it). A config file that cannot
/// be used, or a connection string holding a password, is a usage error.
fn stores(
    argument: Option<&str>,
    config_dir: Option<&std::path::Path>,
) -> Result<(qualplan::enquiry::StoreSetup, qualplan::config::Loaded), Failure> {
    let config = match config_dir {
        Some(dir) => qualplan::config::load(dir).map_err(|e| Failure::usage(e.to_string()))?,
        None => Default::default(),
    };
    let choice = qualplan::enquiry::StoreChoice::from(argument, &config.config).map_err(|e| {
        Failure::usage(match (argument, &config.path) {
            (None, Some(path)) => format!("the store in {}: {e}", path.display()),
            _ => format!("--store: {e}"),
        })
    })?;
    let setup = qualplan::enquiry::StoreSetup {
        choice,
        advisor: qualplan::config::advisor(&config.config),
    };
    Ok((setup, config))
}

fn dispatch(
    ctx: &Context,
    setup: Option<&qualplan::enquiry::StoreSetup>,
    command: Command,
) -> Result<String, Failure> {
    let setup = || setup.expect("read for enquiry commands");
    match command {
        Command::Enquiries(EnquiriesCommand::List(a)) => enquiries::list(ctx, setup(), a.format),
        Command::Enquiries(EnquiriesCommand::Show { id, out }) => {
            enquiries::show(ctx, setup(), &id, out.format)
        }
        Command::Enquiries(EnquiriesCommand::Delete { id, yes, out }) => {
            enquiries::delete(setup(), &id, yes, out.format)
        }
        Command::Enquiries(EnquiriesCommand::Export(a)) => enquiries::export(ctx, setup(), a),
        Command::Enquiries(EnquiriesCommand::Import { file, out }) => {
            enquiries::import(setup(), &file, out.format)
        }
        Command::Quote(a) => enquiries::quote(ctx, setup(), a),
        Command::List(a) => Ok(browse::list(ctx, &a)),
        Command::Show(a) => browse::show(ctx, &a),
        Command::Routes(a) => Ok(browse::routes(ctx, a.format)),
        Command::Recommend(a) => recommend::run(ctx, a),
        Command::Compare(a) => compare::run(ctx, a),
        Command::Upgrade(a) => upgrade::run(ctx, a),
        Command::Plan(a) => plan::run(ctx, a),
        Command::Pay(a) => pay::run(ctx, a),
        Command::Validate(_)
        | Command::Search(_)
        | Command::Catalogue(_)
        | Command::Completions { .. }
        | Command::Man { .. } => unreachable!("handled before loading"),
    }
}

/// Loads the catalogue; an unreadable file and an invalid catalogue are
/// failures of their own kinds.
fn load(origin: &CatalogueOrigin) -> Result<Catalogue, Failure> {
    catalogue::load(origin).map_err(load_failure)
}

/// A catalogue that could not be loaded, as a failure of its kind.
fn load_failure(e: LoadError) -> Failure {
    match e {
        LoadError::Read { .. } => Failure::file(e.to_string()),
        LoadError::Invalid(_) => Failure::invalid_catalogue(e.to_string()),
    }
}

/// The user's config directory for qualplan (e.g. `~/.config/qualplan`).
fn config_dir() -> Option<PathBuf> {
    qualplan::files::Dirs::of_user().map(|d| d.config)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every command, subcommand and option says what it is for.
    #[test]
    fn every_option_has_help() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if matches!(id, "help" | "version") {
                    continue;
                }
                if arg
                    .get_help()
                    .is_none_or(|h| h.to_string().trim().is_empty())
                {
                    missing.push(format!("{path} {id}"));
                }
            }
            for sub in cmd.get_subcommands() {
                let path = format!("{path} {}", sub.get_name());
                if sub.get_about().is_none() {
                    missing.push(path.clone());
                }
                walk(sub, &path, missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Cli::command(), "qualplan", &mut missing);
        assert!(missing.is_empty(), "no help text: {missing:?}");
        Cli::command().debug_assert();
    }

    /// `--format` offers what each command can write, no more.
    #[test]
    fn formats_are_per_command() {
        let cmd = Cli::command();
        let formats = |path: &[&str]| -> Vec<String> {
            let mut c = &cmd;
            for name in path {
                c = c.find_subcommand(name).unwrap();
            }
            c.get_arguments()
                .find(|a| a.get_id() == "format")
                .map(|a| {
                    a.get_possible_values()
                        .iter()
                        .map(|v| v.get_name().to_string())
                        .collect()
                })
                .unwrap_or_default()
        };
        assert_eq!(formats(&["list"]), ["table", "json", "csv", "markdown"]);
        assert_eq!(formats(&["quote"]), ["markdown", "text", "html", "json"]);
        assert_eq!(formats(&["validate"]), ["table", "json"]);
        assert!(formats(&["catalogue", "export"]).is_empty());
    }
}
