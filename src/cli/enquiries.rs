//! `qualplan enquiries list|show|delete|export|import` and `qualplan
//! quote`, over whichever store is chosen (`--store`, the config file, or
//! the advisor's own folder).

use super::args::{InterestArg, RoleArg, flag_name};
use super::names::Given;
use super::output::{Doc, Format, ReportFormat, Table, csv, json};
use super::{Context, ExportArgs, Failure, QuoteArgs};
use chrono::NaiveDate;
use clap::ValueEnum;
use qualplan::enquiry::{Change, Enquiry, Store, StoreChoice, StoreError, StoreSetup, exchange};
use qualplan::files::{self, Dirs};
use qualplan::planner::Holding;
use qualplan::quote;
use qualplan::text::neutralise;
use serde::Serialize;
use std::io::{IsTerminal, Write};
use std::path::Path;

/// The formats a quote is written in.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum QuoteFormat {
    /// A Markdown document.
    #[default]
    Markdown,
    /// Plain text, 80 columns wide.
    Text,
    /// A self-contained page to print.
    Html,
    /// The stable contract of docs/cli.md.
    Json,
}

/// The user's folders.
fn dirs() -> Result<Dirs, Failure> {
    Dirs::of_user()
        .ok_or_else(|| Failure::file("cannot find a data directory for enquiries (is HOME set?)"))
}

/// The store, if there is one to read: the shared store, or the advisor's
/// folder if an enquiry was ever saved there (a command that only reads
/// never creates it).
fn existing_store(setup: &StoreSetup, dirs: &Dirs) -> Result<Option<Box<dyn Store>>, Failure> {
    if matches!(setup.choice, StoreChoice::Local) && !dirs.enquiries().exists() {
        return Ok(None);
    }
    open(setup, dirs).map(Some)
}

/// Opens the store. A shared store must be reachable (the command line
/// has no one to keep edits for); edits an app kept offline are sent
/// first, and what became of them is said.
fn open(setup: &StoreSetup, dirs: &Dirs) -> Result<Box<dyn Store>, Failure> {
    let mut store = setup
        .choice
        .open(dirs, &setup.advisor)
        .map_err(store_failure)?;
    for change in store.changes() {
        let said = match change {
            Change::Pushed { id, .. } => format!("sent the edits to {id} kept while offline"),
            Change::KeptBoth { id, copy, .. } => format!(
                "{id} was changed by someone else while edits to it waited offline: both kept, those edits as {copy}"
            ),
            Change::DeletedMeanwhile { enquiry } => format!(
                "{} was deleted while edits to it waited offline; they wait on this computer until the app asks whether to restore it",
                enquiry.id
            ),
            _ => continue,
        };
        qualplan::text::report(&format!("warning: {said}"));
    }
    if let Some(offline) = store.offline() {
        let mut message = format!("{} cannot be reached: {}", store.place(), offline.why);
        if offline.waiting > 0 {
            message.push_str(&format!(
                "\n  note: {} edit{} made in the app while offline wait on this computer, to be sent when it is back",
                offline.waiting,
                if offline.waiting == 1 { "" } else { "s" }
            ));
        }
        return Err(Failure::unreachable(message));
    }
    Ok(store)
}

/// The store's error as the command line tells it.
fn store_failure(e: StoreError) -> Failure {
    match e {
        StoreError::NotFound { .. } | StoreError::BadId(_) => {
            Failure::not_found(format!("{e}\n  help: `qualplan enquiries list` shows them"))
        }
        StoreError::Unreachable(_) => Failure::unreachable(e.to_string()),
        StoreError::Conflict(_) | StoreError::Deleted { .. } | StoreError::TooLarge { .. } => {
            Failure::refused(e.to_string())
        }
        e => Failure::file(e.to_string()),
    }
}

/// The store and the enquiry `id` in it.
fn load(setup: &StoreSetup, dirs: &Dirs, id: &str) -> Result<(Box<dyn Store>, Enquiry), Failure> {
    let mut store = existing_store(setup, dirs)?.ok_or_else(|| {
        Failure::not_found(format!(
            "no enquiry `{id}`: none is saved yet\n  help: enquiries are captured in the app (`qualplan`, then n)"
        ))
    })?;
    let e = store.load(id).map_err(store_failure)?;
    Ok((store, e))
}

/// Every enquiry in the store (none if there is none yet), warning of any
/// that could not be read.
fn load_all(setup: &StoreSetup, dirs: &Dirs) -> Result<Vec<Enquiry>, Failure> {
    let Some(mut store) = existing_store(setup, dirs)? else {
        return Ok(Vec::new());
    };
    let report = store.load_all().map_err(store_failure)?;
    for s in &report.set_aside {
        qualplan::text::report(&format!("warning: {s}"));
    }
    Ok(report.enquiries)
}

/// One enquiry in `enquiries list`.
#[derive(Serialize)]
struct Line<'a> {
    enquiry: &'a str,
    created: String,
    updated: String,
    caller: &'a str,
    organisation: &'a str,
    email: &'a str,
    phone: &'a str,
    /// The qualification a quote would be for.
    qualification: Option<&'a str>,
    shortlist: &'a [String],
    /// Who saved it last (empty before advisors were recorded).
    advisor: &'a str,
}

impl<'a> From<&'a Enquiry> for Line<'a> {
    fn from(e: &'a Enquiry) -> Line<'a> {
        Line {
            enquiry: &e.id,
            created: e.created.format("%Y-%m-%dT%H:%M:%S").to_string(),
            updated: e.updated.format("%Y-%m-%dT%H:%M:%S").to_string(),
            caller: &e.caller.name,
            organisation: &e.caller.organisation,
            email: &e.caller.email,
            phone: &e.caller.phone,
            qualification: e.target(),
            shortlist: &e.shortlist,
            advisor: &e.advisor,
        }
    }
}

pub fn list(ctx: &Context, setup: &StoreSetup, format: Format) -> Result<String, Failure> {
    let enquiries = load_all(setup, &dirs()?)?;
    let lines: Vec<Line> = enquiries.iter().map(Line::from).collect();
    #[derive(Serialize)]
    struct Enquiries<'a> {
        enquiries: Vec<Line<'a>>,
    }
    let empty = Enquiry::new(String::new(), chrono::NaiveDateTime::MIN);
    Ok(match format {
        Format::Json => json(&Enquiries { enquiries: lines }),
        Format::Csv => csv(&lines, || Some(Line::from(&empty))),
        Format::Table if lines.is_empty() => "No enquiries yet.\n".into(),
        people => {
            let mut t = Table::new(&["id", "updated", "caller", "qualification", "advisor"])
                .keep_whole(&[0, 1, 3]);
            for (l, e) in lines.iter().zip(&enquiries) {
                t.row(vec![
                    l.enquiry.to_string(),
                    e.updated.format("%Y-%m-%d %H:%M").to_string(),
                    e.label(),
                    l.qualification.unwrap_or("-").to_string(),
                    if e.advisor.is_empty() {
                        "-"
                    } else {
                        &e.advisor
                    }
                    .to_string(),
                ]);
            }
            let mut doc = Doc::default();
            doc.table(t);
            ctx.people(people, &doc)
        }
    })
}

#[derive(Serialize)]
struct CallerJson<'a> {
    name: &'a str,
    email: &'a str,
    phone: &'a str,
    organisation: &'a str,
}

#[derive(Serialize)]
struct AnswersJson<'a> {
    level: Option<u8>,
    hours_per_week: Option<u32>,
    budget_inc_vat_pence: Option<i64>,
    budget_inc_vat: Option<String>,
    target_date: Option<NaiveDate>,
    held: &'a [String],
}

#[derive(Serialize)]
struct PaymentJson {
    instalments: bool,
    start: NaiveDate,
    instalment_pence: i64,
    instalment: String,
    monthly_payments: u32,
    final_payment_on_completion: bool,
}

/// `enquiries show --format json`: the enquiry, every value spelled as the
/// options spell it.
#[derive(Serialize)]
struct EnquiryJson<'a> {
    enquiry: &'a str,
    created: String,
    updated: String,
    caller: CallerJson<'a>,
    role: Option<String>,
    interest: Option<String>,
    route: Option<u8>,
    answers: AnswersJson<'a>,
    notes: &'a str,
    shortlist: &'a [String],
    /// The qualification a quote would be for.
    qualification: Option<&'a str>,
    /// What the caller holds, as recorded with the qualification chosen.
    holding: Holding,
    payment: Option<PaymentJson>,
    revision: u64,
    /// Who saved it last (empty before advisors were recorded).
    advisor: &'a str,
}

impl<'a> From<&'a Enquiry> for EnquiryJson<'a> {
    fn from(e: &'a Enquiry) -> EnquiryJson<'a> {
        let a = &e.answers;
        EnquiryJson {
            enquiry: &e.id,
            created: e.created.format("%Y-%m-%dT%H:%M:%S").to_string(),
            updated: e.updated.format("%Y-%m-%dT%H:%M:%S").to_string(),
            caller: CallerJson {
                name: &e.caller.name,
                email: &e.caller.email,
                phone: &e.caller.phone,
                organisation: &e.caller.organisation,
            },
            role: e.role.map(flag_name::<RoleArg, _>),
            interest: e.interest.map(flag_name::<InterestArg, _>),
            route: e.route.map(|r| r.number()),
            answers: AnswersJson {
                level: a.level,
                hours_per_week: a.hours_per_week,
                budget_inc_vat_pence: a.budget_inc_vat.map(|p| p.0),
                budget_inc_vat: a.budget_inc_vat.map(|p| p.to_string()),
                target_date: a.target_date,
                held: &a.held,
            },
            notes: &e.notes,
            shortlist: &e.shortlist,
            qualification: e.target(),
            holding: e.holding(),
            payment: e.payment.as_ref().map(|p| PaymentJson {
                instalments: p.instalments,
                start: p.start,
                instalment_pence: p.instalment.0,
                instalment: p.instalment.to_string(),
                monthly_payments: p.monthly_payments,
                final_payment_on_completion: p.final_payment_on_completion,
            }),
            revision: e.revision,
            advisor: &e.advisor,
        }
    }
}

pub fn show(
    ctx: &Context,
    setup: &StoreSetup,
    id: &str,
    format: ReportFormat,
) -> Result<String, Failure> {
    let (_, e) = load(setup, &dirs()?, id)?;
    if format == ReportFormat::Json {
        return Ok(json(&EnquiryJson::from(&e)));
    }
    let mut t = Table::new(&["", ""]);
    let mut add = |k: &str, v: String| t.row(vec![k.to_string(), v]);
    add("Enquiry", e.id.clone());
    add("Created", e.created.format("%Y-%m-%d %H:%M").to_string());
    add("Updated", e.updated.format("%Y-%m-%d %H:%M").to_string());
    add("Caller", e.caller.name.clone());
    add("Email", e.caller.email.clone());
    add("Phone", e.caller.phone.clone());
    add("Organisation", e.caller.organisation.clone());
    add("Role", e.role.map_or(String::new(), |r| r.to_string()));
    add(
        "Interest",
        e.interest.map_or(String::new(), |i| i.to_string()),
    );
    for (label, value) in e.captured() {
        add(label, value);
    }
    add("Notes", e.notes.clone());
    add("Advisor", e.advisor.clone());
    let mut doc = Doc::default();
    doc.table(t);
    Ok(ctx.people(Format::Table, &doc))
}

/// Whether the user, asked at the terminal, says yes.
fn confirmed(question: &str) -> bool {
    let mut err = std::io::stderr().lock();
    let _ = write!(err, "{} [y/N] ", neutralise(question)).and_then(|()| err.flush());
    drop(err);
    let mut answer = String::new();
    std::io::stdin().read_line(&mut answer).is_ok()
        && matches!(answer.trim().to_lowercase().as_str(), "y" | "yes")
}

pub fn delete(
    setup: &StoreSetup,
    id: &str,
    yes: bool,
    format: ReportFormat,
) -> Result<String, Failure> {
    let (mut store, e) = load(setup, &dirs()?, id)?;
    if !yes {
        if !std::io::stdin().is_terminal() {
            return Err(Failure::usage(format!(
                "deleting asks first, and there is no terminal to ask at: add --yes, e.g. `qualplan enquiries delete {} --yes`",
                e.id
            )));
        }
        if !confirmed(&format!(
            "Delete enquiry {} ({}) for good?",
            e.id,
            e.label()
        )) {
            return Err(Failure::refused(format!(
                "nothing deleted: enquiry {} is kept",
                e.id
            )));
        }
    }
    store.delete(id).map_err(store_failure)?;
    #[derive(Serialize)]
    struct Deleted<'a> {
        enquiry: &'a str,
        caller: &'a str,
        deleted: bool,
    }
    Ok(match format {
        ReportFormat::Json => json(&Deleted {
            enquiry: &e.id,
            caller: &e.caller.name,
            deleted: true,
        }),
        ReportFormat::Table => format!("Deleted enquiry {} ({}).\n", e.id, e.label()),
    })
}

/// Refuses quote options that contradict each other or do nothing.
fn check(a: &QuoteArgs) -> Result<(), Failure> {
    if a.stdout && a.output.is_some() {
        return Err(Failure::usage(
            "--stdout prints the quote and --output writes it to a file: choose one",
        ));
    }
    if a.mkdir && a.output.is_none() {
        return Err(Failure::usage(
            "--mkdir creates the folder of the --output file: add --output, e.g. --output quotes/jane.md --mkdir",
        ));
    }
    Ok(())
}

/// Which of the enquiry's options to quote: the one asked for, else the
/// one chosen, else the first shortlisted; and, when that is the first of
/// several, a note naming the others, so that no advisor sends one option
/// believing it the only one.
fn quoted_option(
    ctx: &Context,
    e: &Enquiry,
    asked: Option<&str>,
) -> Result<(String, Option<String>), Failure> {
    let options = quote::options(e);
    // An option's id as written; else a name read as everywhere else
    // (`--option "level 5 diploma"`), one that names nothing being a typo
    // (exit 3), not a refusal.
    let asked = match asked {
        Some(id) if options.contains(&id) => Some(id),
        Some(name) => Some(
            ctx.qualification(name, Given::Option("--option"))?
                .id
                .as_str(),
        ),
        None => None,
    };
    let Some(first) = options.first() else {
        return Err(Failure::refused(
            quote::QuoteError::NothingChosen {
                enquiry: e.id.clone(),
            }
            .to_string(),
        ));
    };
    match asked {
        Some(id) if options.contains(&id) => Ok((id.to_string(), None)),
        // The one chosen (or upgraded to) is all a quote covers.
        Some(id) if let Some(chosen) = e.target_chosen() => Err(Failure::refused(format!(
            "enquiry {} has {chosen} chosen on Plan & pay: a quote is for that one, not {id}\n  help: to quote {id}, choose it on Plan & pay in the app; or leave out --option",
            e.id
        ))),
        Some(id) => Err(Failure::refused(format!(
            "{id} is not an option of enquiry {}: it can quote {}\n  help: add it to the shortlist in the app, or choose one of these with --option",
            e.id,
            options.join(", ")
        ))),
        None => {
            let note = (options.len() > 1).then(|| {
                format!(
                    "note: {} has {} qualifications shortlisted and none chosen: quoting the first, {first}; --option ID quotes another ({})",
                    e.label(),
                    options.len(),
                    options[1..].join(", ")
                )
            });
            Ok((first.to_string(), note))
        }
    }
}

/// Writes a quote where the user asked; its folder must exist unless
/// `mkdir`.
fn write_to(path: &Path, text: &str, mkdir: bool) -> Result<(), Failure> {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !folder.is_dir() && !mkdir {
        return Err(Failure::file(format!(
            "the folder {} does not exist\n  help: create it first, or add --mkdir to have qualplan create it",
            folder.display()
        )));
    }
    files::write_atomically(path, text.as_bytes())
        .map_err(|x| Failure::file(format!("cannot write {}: {x}", path.display())))
}

pub fn quote(ctx: &Context, setup: &StoreSetup, a: QuoteArgs) -> Result<String, Failure> {
    check(&a)?;
    let dirs = dirs()?;
    let (_, mut e) = load(setup, &dirs, &a.id)?;
    let (target, note) = quoted_option(ctx, &e, a.option.as_deref())?;
    // The holding options price the quote for another holding; the
    // enquiry on disk is left as it was.
    if let Some(h) = a.holding.override_for(ctx)? {
        e.choose(&target, &h);
    }
    let q = quote::build_for(&ctx.catalogue, &e, &target, ctx.today).map_err(|x| match x {
        quote::QuoteError::Course(c) => super::course::course_failure(c),
        other => Failure::refused(other.to_string()),
    })?;
    let (text, extension) = match a.format {
        QuoteFormat::Json => (quote::json(&q), "json"),
        QuoteFormat::Text => (quote::text(&q), "txt"),
        QuoteFormat::Html => (quote::html(&q), "html"),
        QuoteFormat::Markdown => (quote::markdown(&q), "md"),
    };
    // Said once the quote is made: not before an error that stops it.
    // Shown inert: the names were typed by a caller.
    let say_which = || note.iter().for_each(|n| qualplan::text::report(n));
    if a.stdout {
        say_which();
        return Ok(text);
    }
    let path = match a.output {
        Some(path) => {
            write_to(&path, &text, a.mkdir)?;
            path
        }
        // qualplan's own folder for quotes, beside the enquiries.
        None => quote::save(&q, &dirs.quotes(), extension, &text).map_err(|x| {
            Failure::file(format!(
                "cannot write the quote into {}: {x}\n  help: write it elsewhere with --output PATH, or print it with --stdout",
                dirs.quotes().display()
            ))
        })?,
    };
    say_which();
    Ok(format!(
        "Wrote the quote for {} to {}\n",
        e.label(),
        path.display()
    ))
}

/// The formats enquiries are exported in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// One row per enquiry with a header row, for a CRM (Salesforce,
    /// HubSpot) or a spreadsheet; `enquiries import` reads it back.
    Csv,
    /// Every enquiry whole, to move them to another store
    /// (docs/schema/enquiries-export.schema.json).
    Json,
    /// A vCard 4.0 contact card per enquiry, for an address book.
    Vcard,
}

pub fn export(ctx: &Context, setup: &StoreSetup, a: ExportArgs) -> Result<String, Failure> {
    if a.mkdir && a.output.is_none() {
        return Err(Failure::usage(
            "--mkdir creates the folder of the --output file: add --output, e.g. --output exports/enquiries.csv --mkdir",
        ));
    }
    let enquiries = load_all(setup, &dirs()?)?;
    let text = match a.format {
        ExportFormat::Json => json(&exchange::Export { enquiries }),
        ExportFormat::Csv => exchange::csv(&enquiries, &ctx.catalogue, ctx.today),
        ExportFormat::Vcard => exchange::vcard(&enquiries, &ctx.catalogue),
    };
    match a.output {
        None => Ok(text),
        // Personal data: written private (0600), never through a link.
        Some(path) => {
            write_to(&path, &text, a.mkdir)?;
            Ok(String::new())
        }
    }
}

/// The largest file `import` reads: 10,000 enquiries of a few KiB each.
const IMPORT_LIMIT: u64 = 256 << 20;

/// Reads enquiries from a JSON or CSV export into the store. One already
/// there unchanged is left alone; one there with other content is kept
/// beside it under a new id, so that nothing is lost either way.
pub fn import(setup: &StoreSetup, path: &Path, format: ReportFormat) -> Result<String, Failure> {
    // Never through a link: another user's link in a shared folder could
    // otherwise import a file of yours into a store others read.
    let bytes = files::read_limited(path, IMPORT_LIMIT, files::Links::Refuse).map_err(|x| {
        let link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
        let help = if link {
            "\n  help: name the file the link points to; an import never follows a link"
        } else {
            ""
        };
        Failure::file(format!("cannot read {}: {x}{help}", path.display()))
    })?;
    let text = String::from_utf8(bytes).map_err(|_| {
        Failure::usage(format!(
            "{} is not UTF-8 text\n  help: import a file `qualplan enquiries export --format csv` or `--format json` wrote",
            path.display()
        ))
    })?;
    let incoming =
        exchange::import(&text).map_err(|x| Failure::usage(format!("{}: {x}", path.display())))?;
    let mut store = open(setup, &dirs()?)?;
    #[derive(Serialize)]
    struct Beside {
        enquiry: String,
        kept_as: String,
    }
    #[derive(Serialize)]
    struct Imported {
        store: String,
        imported: Vec<String>,
        unchanged: Vec<String>,
        kept_beside: Vec<Beside>,
    }
    let mut done = Imported {
        store: store.place(),
        imported: Vec::new(),
        unchanged: Vec::new(),
        kept_beside: Vec::new(),
    };
    let so_far = |done: &Imported, why: String| {
        Failure::file(format!(
            "{why}\n  note: {} enquiries were imported before this; importing the file again skips them",
            done.imported.len() + done.kept_beside.len()
        ))
    };
    for mut e in incoming {
        let id = e.id.clone();
        e.revision = 0;
        match store.save(&mut e) {
            Ok(()) => done.imported.push(id),
            Err(StoreError::Conflict(_)) => {
                let there = store.load(&id).ok();
                if there.is_some_and(|mut t| {
                    t.revision = 0;
                    t == e
                }) {
                    done.unchanged.push(id);
                    continue;
                }
                let copy = qualplan::enquiry::keep_both(store.as_mut(), &mut e)
                    .map_err(|x| so_far(&done, format!("{id}: {x}")))?;
                done.kept_beside.push(Beside {
                    enquiry: id,
                    kept_as: copy,
                });
            }
            Err(x) => return Err(so_far(&done, format!("{id}: {x}"))),
        }
    }
    if format == ReportFormat::Json {
        return Ok(json(&done));
    }
    let n = done.imported.len();
    let mut out = format!(
        "Imported {n} enquir{} into {}",
        if n == 1 { "y" } else { "ies" },
        done.store
    );
    if !done.unchanged.is_empty() {
        out.push_str(&format!(
            "; {} already there unchanged",
            done.unchanged.len()
        ));
    }
    out.push_str(".\n");
    if !done.kept_beside.is_empty() {
        let list: Vec<String> = done
            .kept_beside
            .iter()
            .map(|b| format!("{} as {}", b.enquiry, b.kept_as))
            .collect();
        out.push_str(&format!(
            "{} already there with other content, so kept beside it: {}.\n",
            list.len(),
            list.join(", ")
        ));
    }
    Ok(out)
}
