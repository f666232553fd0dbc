//! `qualplan compare`: qualifications side by side.

use super::output::{Doc, Format, Table, json};
use super::{CompareArgs, Context, Failure, money};
use qualplan::catalogue::{Edition, STATED_MARK};
use qualplan::planner::{ComparisonRow, Filter, SortKey, compare};
use serde::Serialize;

/// One row of `compare --format json` (a stable contract: docs/cli.md).
#[derive(Serialize)]
struct RowJson {
    id: String,
    title: String,
    level: u8,
    size: String,
    stream: String,
    edition: String,
    credits: u32,
    glh: Option<u32>,
    glh_max: Option<u32>,
    glh_stated: bool,
    induction_hours: Option<u32>,
    tutorial_hours: Option<u32>,
    tqt_hours: u32,
    practice_hours: u32,
    practice_hours_max: u32,
    min_clients: Option<u32>,
    price_ex_vat_pence: Option<i64>,
    vat_pence: Option<i64>,
    price_inc_vat_pence: Option<i64>,
    price_per_credit_pence: Option<i64>,
    price_ex_vat: Option<String>,
    vat: Option<String>,
    price_inc_vat: Option<String>,
    price_per_credit: Option<String>,
    target_months_min: Option<u32>,
    target_months_max: Option<u32>,
    registration_months: Option<u32>,
    entry_requirements: Option<String>,
}

impl From<&ComparisonRow> for RowJson {
    fn from(r: &ComparisonRow) -> RowJson {
        RowJson {
            id: r.id.clone(),
            title: r.title.clone(),
            level: r.level,
            size: r.size.to_string(),
            stream: r.stream.to_string(),
            edition: r.edition.to_string(),
            credits: r.credits,
            glh: r.glh.map(|g| g.hours.min),
            glh_max: r.glh.map(|g| g.hours.max),
            glh_stated: r.glh.is_some_and(|g| g.stated),
            induction_hours: r.induction_hours,
            tutorial_hours: r.tutorial_hours,
            tqt_hours: r.tqt_hours,
            practice_hours: r.practice_hours.min,
            practice_hours_max: r.practice_hours.max,
            min_clients: r.min_clients.map(|c| c.max),
            price_ex_vat_pence: money::pence(r.price.map(|p| p.ex_vat)),
            vat_pence: money::pence(r.price.map(|p| p.vat)),
            price_inc_vat_pence: money::pence(r.price.map(|p| p.inc_vat)),
            price_per_credit_pence: money::pence(r.price_per_credit),
            price_ex_vat: money::text(r.price.map(|p| p.ex_vat)),
            vat: money::text(r.price.map(|p| p.vat)),
            price_inc_vat: money::text(r.price.map(|p| p.inc_vat)),
            price_per_credit: money::text(r.price_per_credit),
            target_months_min: r.target_months.map(|t| t.min),
            target_months_max: r.target_months.map(|t| t.max),
            registration_months: r.registration_months,
            entry_requirements: r.entry_requirements.clone(),
        }
    }
}

pub fn run(ctx: &Context, a: CompareArgs) -> Result<String, Failure> {
    let c = &ctx.catalogue;
    let chosen = a
        .names
        .iter()
        .map(|n| ctx.qualification(n))
        .collect::<Result<Vec<_>, _>>()?;
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
    if ctx.format == Format::Json {
        return Ok(json(&rows.iter().map(RowJson::from).collect::<Vec<_>>()));
    }
    if rows.is_empty() {
        return Err(Failure::Domain(
            "no qualification matches these filters".into(),
        ));
    }
    let table = if ctx.format == Format::Table {
        compact(&rows, a.sort)
    } else {
        full(&rows)
    };
    if ctx.format != Format::Table {
        return Ok(table.render(ctx.format));
    }
    let mut doc = Doc::default();
    doc.table(table);
    let stated = if rows.iter().any(|r| r.glh.is_some_and(|g| g.stated)) {
        format!(
            " GLH marked {STATED_MARK} are as a source states them for the whole qualification; the others are the sum of its units' hours."
        )
    } else {
        String::new()
    };
    doc.para(format!(
        "Sorted by {}{}. Prices exclude VAT unless marked inc VAT; GLH, TQT and practice are hours.{stated}",
        a.sort.name(),
        if a.desc { ", descending" } else { "" }
    ));
    Ok(doc.render(ctx.format))
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

/// Every figure, for CSV and Markdown.
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
