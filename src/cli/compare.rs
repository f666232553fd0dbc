//! `qualplan compare`: qualifications side by side.

use super::args::{SizeArg, StreamArg, flag_name};
use super::names::Given;
use super::output::{Doc, Format, Table, csv, json};
use super::{CompareArgs, Context, Failure, money};
use qualplan::catalogue::{Edition, STATED_MARK};
use qualplan::planner::{ComparisonRow, Filter, SortKey, compare};
use serde::Serialize;

/// Every figure of one qualification, as `compare` lists it and `show`
/// begins with (docs/schema/common.schema.json, `figures`).
#[derive(Serialize)]
pub struct Figures {
    qualification: String,
    title: String,
    level: u8,
    size: String,
    stream: String,
    edition: String,
    credits: u32,
    glh_min: Option<u32>,
    glh_max: Option<u32>,
    glh_stated: bool,
    induction_hours: Option<u32>,
    tutorial_hours: Option<u32>,
    tqt_hours: u32,
    practice_hours_min: u32,
    practice_hours_max: u32,
    min_clients: Option<u32>,
    price_ex_vat_pence: Option<i64>,
    price_ex_vat: Option<String>,
    vat_pence: Option<i64>,
    vat: Option<String>,
    price_inc_vat_pence: Option<i64>,
    price_inc_vat: Option<String>,
    price_per_credit_pence: Option<i64>,
    price_per_credit: Option<String>,
    target_months_min: Option<u32>,
    target_months_max: Option<u32>,
    registration_months: Option<u32>,
    entry_requirements: Option<String>,
}

impl From<&ComparisonRow> for Figures {
    fn from(r: &ComparisonRow) -> Figures {
        let price = |part: fn(&qualplan::money::VatBreakdown) -> qualplan::money::Pence| {
            r.price.as_ref().map(part)
        };
        Figures {
            qualification: r.id.clone(),
            title: r.title.clone(),
            level: r.level,
            size: flag_name::<SizeArg, _>(r.size),
            stream: flag_name::<StreamArg, _>(r.stream),
            edition: r.edition.to_string(),
            credits: r.credits,
            glh_min: r.glh.map(|g| g.hours.min),
            glh_max: r.glh.map(|g| g.hours.max),
            glh_stated: r.glh.is_some_and(|g| g.stated),
            induction_hours: r.induction_hours,
            tutorial_hours: r.tutorial_hours,
            tqt_hours: r.tqt_hours,
            practice_hours_min: r.practice_hours.min,
            practice_hours_max: r.practice_hours.max,
            min_clients: r.min_clients.map(|c| c.max),
            price_ex_vat_pence: money::pence(price(|p| p.ex_vat)),
            price_ex_vat: money::text(price(|p| p.ex_vat)),
            vat_pence: money::pence(price(|p| p.vat)),
            vat: money::text(price(|p| p.vat)),
            price_inc_vat_pence: money::pence(price(|p| p.inc_vat)),
            price_inc_vat: money::text(price(|p| p.inc_vat)),
            price_per_credit_pence: money::pence(r.price_per_credit),
            price_per_credit: money::text(r.price_per_credit),
            target_months_min: r.target_months.map(|t| t.min),
            target_months_max: r.target_months.map(|t| t.max),
            registration_months: r.registration_months,
            entry_requirements: r.entry_requirements.clone(),
        }
    }
}

/// `compare --format json`.
#[derive(Serialize)]
struct CompareJson {
    sort: &'static str,
    descending: bool,
    qualifications: Vec<Figures>,
}

pub fn run(ctx: &Context, a: CompareArgs) -> Result<String, Failure> {
    let c = &ctx.catalogue;
    let mut chosen = Vec::new();
    for name in &a.names {
        let q = ctx.qualification(name, Given::Argument("compare"))?;
        if chosen
            .iter()
            .any(|x: &&qualplan::catalogue::Qualification| x.id == q.id)
        {
            return Err(Failure::usage(format!(
                "{} is named twice (as `{name}`): name each qualification once",
                q.id
            )));
        }
        chosen.push(q);
    }
    if !chosen.is_empty() {
        let filters = [
            ("--level", a.level.is_some()),
            ("--stream", a.stream.is_some()),
            ("--size", a.size.is_some()),
            ("--all", a.all),
        ];
        if let Some((option, _)) = filters.iter().find(|(_, given)| *given) {
            return Err(Failure::usage(format!(
                "{option} chooses among the catalogue's qualifications, and these are named: leave out either, e.g. `qualplan compare --level 5` or `qualplan compare l5-cert-cm l5-dip-cm`"
            )));
        }
    }
    if let Some(level) = a.level {
        check_level(ctx, level, a.all)?;
    }
    let filter = Filter {
        level: a.level,
        stream: a.stream.map(Into::into),
        size: a.size.map(Into::into),
        edition: if a.all || !chosen.is_empty() {
            None
        } else {
            Some(Edition::Current)
        },
    };
    let rows = compare(c, &chosen, &filter, a.sort, a.desc);
    let figures = || rows.iter().map(Figures::from).collect::<Vec<_>>();
    match a.out.format {
        Format::Json => Ok(json(&CompareJson {
            sort: a.sort.name(),
            descending: a.desc,
            qualifications: figures(),
        })),
        Format::Csv => Ok(csv(&figures(), || template(ctx))),
        Format::Markdown => Ok(ctx.people(Format::Markdown, &{
            let mut doc = Doc::default();
            doc.table(full(&rows));
            doc
        })),
        Format::Table if rows.is_empty() => Ok("No qualification passes these filters.\n".into()),
        Format::Table => Ok(ctx.people(Format::Table, &people(&rows, a.sort, a.desc))),
    }
}

/// A row to take the CSV header from when no qualification passes.
fn template(ctx: &Context) -> Option<Figures> {
    ctx.catalogue
        .qualifications
        .first()
        .map(|q| Figures::from(&ComparisonRow::new(&ctx.catalogue, q)))
}

/// A level no qualification in the catalogue has is a mistake, not an
/// empty answer.
pub fn check_level(ctx: &Context, level: u8, all: bool) -> Result<(), Failure> {
    let mut levels: Vec<u8> = ctx
        .catalogue
        .qualifications
        .iter()
        .filter(|q| all || q.is_on_sale())
        .map(|q| q.level)
        .collect();
    levels.sort_unstable();
    levels.dedup();
    if levels.contains(&level) {
        return Ok(());
    }
    let listed: Vec<String> = levels.iter().map(u8::to_string).collect();
    let older = if all {
        ""
    } else {
        " on sale (--all adds the older edition)"
    };
    Err(Failure::usage(format!(
        "no qualification{older} is at Level {level}: the levels are {}",
        words_list(&listed)
    )))
}

/// "3, 5 and 7".
fn words_list(items: &[String]) -> String {
    match items.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        Some((last, _)) => last.clone(),
        None => "none".into(),
    }
}

fn people(rows: &[ComparisonRow], sort: SortKey, desc: bool) -> Doc {
    let mut doc = Doc::default();
    doc.table(compact(rows, sort));
    let stated = if rows.iter().any(|r| r.glh.is_some_and(|g| g.stated)) {
        format!(
            " GLH marked {STATED_MARK} are as a source states them for the whole qualification; the others are the sum of its units' hours."
        )
    } else {
        String::new()
    };
    doc.para(format!(
        "Sorted by {}{}. Prices exclude VAT unless marked inc VAT; GLH, TQT and practice are hours.{stated}",
        sort.name(),
        if desc { ", descending" } else { "" }
    ));
    doc
}

fn glh(r: &ComparisonRow) -> String {
    r.glh.map_or("-".into(), |g| g.to_string())
}

fn time(r: &ComparisonRow) -> String {
    r.target_months.map_or("-".into(), |t| t.to_string())
}

/// A column shown only when sorting by it: its header and its cell.
type ExtraColumn = (&'static str, fn(&ComparisonRow) -> String);

/// Readable at 80 columns; the sort figure is added when not already shown.
fn compact(rows: &[ComparisonRow], sort: SortKey) -> Table {
    let extra: Option<ExtraColumn> = match sort {
        SortKey::PricePerCredit => Some(("£/credit", |r| money::cell(r.price_per_credit))),
        SortKey::Size => Some(("size", |r| r.size.to_string())),
        SortKey::Stream => Some(("stream", |r| r.stream.to_string())),
        SortKey::Clients => Some(("clients", |r| {
            r.min_clients.map_or("-".into(), |c| c.to_string())
        })),
        SortKey::Vat => Some(("VAT", |r| money::cell(r.price.map(|p| p.vat)))),
        SortKey::Registration => Some(("registration", |r| {
            r.registration_months
                .map_or("-".into(), |m| format!("{m} months"))
        })),
        SortKey::Title => Some(("title", |r| r.title.clone())),
        SortKey::EntryRequirements => Some(("entry", |r| {
            r.entry_requirements
                .as_ref()
                .map_or("none stated".into(), |_| "see show".into())
        })),
        _ => None,
    };
    // With an extra column, inc VAT makes way so the table stays in 80 columns.
    let mut headers = vec![
        "id", "credits", "GLH", "TQT", "practice", "ex VAT", "inc VAT", "time",
    ];
    if let Some((name, _)) = extra {
        headers.remove(6);
        headers.insert(1, name);
    }
    let shift = usize::from(extra.is_some());
    let mut right: Vec<usize> = (1 + shift..=6).collect();
    if extra.is_some_and(|(name, _)| matches!(name, "£/credit" | "clients" | "VAT")) {
        right.push(1);
    }
    let mut t = Table::new(&headers).right_align(&right);
    for r in rows {
        let mut cells = vec![
            r.id.clone(),
            r.credits.to_string(),
            glh(r),
            r.tqt_hours.to_string(),
            r.practice_hours.to_string(),
            money::cell(r.price.map(|p| p.ex_vat)),
            money::cell(r.price.map(|p| p.inc_vat)),
            time(r),
        ];
        if let Some((_, value)) = extra {
            cells.remove(6);
            cells.insert(1, value(r));
        }
        t.row(cells);
    }
    t
}

/// Every figure, for Markdown.
fn full(rows: &[ComparisonRow]) -> Table {
    let mut t = Table::new(&[
        "id",
        "title",
        "level",
        "size",
        "stream",
        "edition",
        "credits",
        "GLH",
        "GLH from",
        "induction hours",
        "tutorial hours",
        "TQT hours",
        "practice hours",
        "min clients",
        "price ex VAT",
        "VAT",
        "price inc VAT",
        "price per credit",
        "suggested time",
        "registration months",
        "entry requirements",
    ])
    .right_align(&[2, 6, 7, 9, 10, 11, 12, 13, 14, 15, 16, 17, 19]);
    let opt = |v: Option<u32>| v.map_or(String::new(), |v| v.to_string());
    for r in rows {
        t.row(vec![
            r.id.clone(),
            r.title.clone(),
            r.level.to_string(),
            r.size.to_string(),
            r.stream.to_string(),
            r.edition.to_string(),
            r.credits.to_string(),
            r.glh.map_or(String::new(), |g| g.hours.to_string()),
            r.glh.map_or(String::new(), |g| {
                if g.stated { "stated" } else { "units" }.to_string()
            }),
            opt(r.induction_hours),
            opt(r.tutorial_hours),
            r.tqt_hours.to_string(),
            r.practice_hours.to_string(),
            r.min_clients.map_or(String::new(), |c| c.to_string()),
            money::cell(r.price.map(|p| p.ex_vat)),
            money::cell(r.price.map(|p| p.vat)),
            money::cell(r.price.map(|p| p.inc_vat)),
            r.price_per_credit.map_or(String::new(), |p| p.to_string()),
            time(r),
            opt(r.registration_months),
            r.entry_requirements.clone().unwrap_or_default(),
        ]);
    }
    t
}
