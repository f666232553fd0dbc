//! `qualplan enquiries list|show|delete` and `qualplan quote`.

use super::output::{Format, Table, json};
use super::{Context, Failure, HoldingArgs};
use qualplan::enquiry::{Enquiry, EnquiryStore, StoreError};
use qualplan::files::{self, Dirs};
use qualplan::quote;
use serde::Serialize;
use std::path::PathBuf;

fn dirs() -> Result<Dirs, Failure> {
    Dirs::of_user().ok_or_else(|| {
        Failure::Domain("cannot find a data directory for enquiries (is HOME set?)".into())
    })
}

fn store(dirs: &Dirs) -> Result<EnquiryStore, Failure> {
    EnquiryStore::open_in(dirs).map_err(|e| Failure::Domain(e.to_string()))
}

fn load(store: &EnquiryStore, id: &str) -> Result<Enquiry, Failure> {
    store.load(id).map_err(|e| match e {
        StoreError::NotFound { .. } | StoreError::BadId(_) => {
            Failure::Usage(format!("{e} (`qualplan enquiries list` shows them)"))
        }
        e => Failure::Domain(e.to_string()),
    })
}

#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    created: String,
    updated: String,
    name: &'a str,
    organisation: &'a str,
    email: &'a str,
    phone: &'a str,
    chosen: Option<&'a str>,
    shortlist: &'a [String],
}

pub fn list(ctx: &Context) -> Result<String, Failure> {
    let store = store(&dirs()?)?;
    let report = store
        .load_all()
        .map_err(|e| Failure::Domain(e.to_string()))?;
    for s in &report.set_aside {
        super::warn(&s.to_string());
    }
    let lines: Vec<Line> = report
        .enquiries
        .iter()
        .map(|e| Line {
            id: &e.id,
            created: e.created.format("%Y-%m-%d %H:%M").to_string(),
            updated: e.updated.format("%Y-%m-%d %H:%M").to_string(),
            name: &e.caller.name,
            organisation: &e.caller.organisation,
            email: &e.caller.email,
            phone: &e.caller.phone,
            chosen: e
                .chosen
                .as_deref()
                .or(e.upgrade.as_ref().map(|u| u.to.as_str())),
            shortlist: &e.shortlist,
        })
        .collect();
    if ctx.format == Format::Json {
        return Ok(json(&lines));
    }
    if lines.is_empty() {
        return Ok(format!("No enquiries yet in {}.\n", store.dir().display()));
    }
    let mut t = Table::new(&["id", "updated", "caller", "chosen"]);
    for (l, e) in lines.iter().zip(&report.enquiries) {
        t.row(vec![
            l.id.to_string(),
            l.updated.clone(),
            e.label(),
            l.chosen.unwrap_or("-").to_string(),
        ]);
    }
    Ok(t.render(ctx.format))
}

pub fn show(ctx: &Context, id: &str) -> Result<String, Failure> {
    let e = load(&store(&dirs()?)?, id)?;
    if ctx.format == Format::Json {
        return Ok(json(&e));
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
    Ok(t.render(ctx.format))
}

pub fn delete(id: &str) -> Result<String, Failure> {
    let store = store(&dirs()?)?;
    let e = load(&store, id)?;
    store
        .delete(id)
        .map_err(|x| Failure::Domain(x.to_string()))?;
    Ok(format!("Deleted enquiry {} ({}).\n", e.id, e.label()))
}

/// Which format a quote is written in.
pub fn quote(
    ctx: &Context,
    id: &str,
    output: Option<PathBuf>,
    stdout: bool,
    holding: &HoldingArgs,
) -> Result<String, Failure> {
    let dirs = dirs()?;
    let mut e = load(&store(&dirs)?, id)?;
    // The holding options price the quote for another holding; the
    // enquiry on disk is left as it was.
    if let Some(h) = holding.override_for(ctx)? {
        let target = e.target().map(str::to_string).ok_or_else(|| {
            Failure::Domain(
                quote::QuoteError::NothingChosen {
                    enquiry: e.id.clone(),
                }
                .to_string(),
            )
        })?;
        e.choose(&target, &h);
    }
    let q = quote::build(&ctx.catalogue, &e, ctx.today).map_err(|x| match x {
        quote::QuoteError::Course(c) => super::course::course_failure(c),
        other => Failure::Domain(other.to_string()),
    })?;
    let (text, extension) = match ctx.format {
        Format::Json => (quote::json(&q), "json"),
        Format::Text => (quote::text(&q), "txt"),
        Format::Html => (quote::html(&q), "html"),
        Format::Markdown | Format::Table => (quote::markdown(&q), "md"),
        Format::Csv => {
            return Err(Failure::Usage(
                "a quote is written as markdown, text, html or json".into(),
            ));
        }
    };
    if stdout {
        return Ok(text);
    }
    let path = match output {
        Some(path) => files::write_atomically(&path, text.as_bytes())
            .map(|()| path.clone())
            .map_err(|x| Failure::Domain(format!("cannot write {}: {x}", path.display()))),
        None => quote::save(&q, &dirs.quotes(), extension, &text).map_err(|x| {
            Failure::Domain(format!(
                "cannot write the quote into {}: {x}\n  help: write it elsewhere with --output PATH, or print it with --stdout",
                dirs.quotes().display()
            ))
        }),
    }?;
    Ok(format!(
        "Wrote the quote for {} to {}\n",
        e.label(),
        path.display()
    ))
}
