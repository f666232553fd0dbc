//! Enquiries in and out of qualplan: JSON (everything, to move them from
//! one store to another), CSV (a CRM such as Salesforce or HubSpot imports
//! it as it is, and qualplan reads it back without loss) and vCard 4.0 (an
//! address book's card per caller).
//!
//! The CSV has a header row, is UTF-8, writes dates as ISO 8601 and has
//! one column per field: first the ones a CRM maps (names, e-mail, phone,
//! organisation, role, interest, the chosen qualification's id and title,
//! its price including VAT, a status, created, updated, advisor), then the
//! rest of the enquiry, so that an import gives back exactly what was
//! exported. A cell a spreadsheet would run as a formula (starting `=`,
//! `+`, `-`, `@`, a tab or a carriage return) is written with a leading
//! `'`, as OWASP advises; so is one that starts with `'`, and reading takes
//! exactly one leading `'` away again.

use super::{Answers, Caller, Enquiry, PaymentChoice, UpgradeChoice};
use crate::catalogue::Catalogue;
use crate::money::Pence;
use crate::planner::{DevelopmentRoute, Interest, Role};
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::fmt::Write as _;

/// The CSV's columns, in order. The first fourteen are the CRM's.
pub const COLUMNS: [&str; 34] = [
    "First name",
    "Last name",
    "Email",
    "Phone",
    "Organisation",
    "Role",
    "Interest",
    "Qualification id",
    "Qualification",
    "Price inc VAT (GBP)",
    "Status",
    "Created",
    "Updated",
    "Advisor",
    "Enquiry id",
    "Caller as written",
    "Notes",
    "Route",
    "Level",
    "Hours per week",
    "Budget inc VAT (GBP)",
    "Target date",
    "Held (as answered)",
    "Shortlist",
    "Upgrade to",
    "Upgrade from",
    "Upgrade units held",
    "Held elsewhere",
    "Pays by instalments",
    "Payment start",
    "Instalment (GBP)",
    "Monthly payments",
    "Final payment on completion",
    "Quoted",
];

/// ISO 8601 to the second, as qualplan stamps every time
/// (`enquiry::whole_seconds`), which is what a CRM takes as it is. A time
/// from before stamping was to the second keeps its fraction
/// (`2026-12-01T10:00:00.25`), so that an import gives it back exactly.
const DATE_TIME: &str = "%Y-%m-%dT%H:%M:%S%.f";
const DATE: &str = "%Y-%m-%d";

/// `enquiries export --format json` as written: every enquiry whole, as
/// stored, under the JSON contract's `schema_version`
/// (docs/schema/enquiries-export.schema.json).
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Export {
    pub enquiries: Vec<Enquiry>,
}

/// Where an enquiry is in its course from first call to quote, for a
/// CRM's lead status.
pub fn status(e: &Enquiry) -> &'static str {
    super::Stage::of(e).words()
}

/// The chosen qualification's id, title and price including VAT (as the
/// quote would charge it); blanks where there is none yet.
fn chosen_columns(e: &Enquiry, catalogue: &Catalogue, today: NaiveDate) -> [String; 3] {
    // The id as recorded (import reads it back into `chosen`); the title
    // and price of what a quote is for, by the quote's own rule, so that
    // the two never name different qualifications.
    let id = e.chosen.clone().unwrap_or_default();
    let target = e.target_chosen();
    let title = target
        .and_then(|t| catalogue.qualification(t))
        .map_or(String::new(), |q| q.title.clone());
    let price = match target {
        Some(_) => crate::quote::build(catalogue, e, today)
            .map_or(String::new(), |q| pounds(q.total.inc_vat)),
        None => String::new(),
    };
    [id, title, price]
}

/// "1234.50": pounds for a spreadsheet's number column.
fn pounds(p: Pence) -> String {
    let sign = if p.0 < 0 { "-" } else { "" };
    let abs = p.0.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.to_string()
}

/// A list in one cell: `a; b`, with `;` and `\` in an item escaped.
fn list(items: &[String]) -> String {
    items
        .iter()
        .map(|i| i.replace('\\', "\\\\").replace(';', "\\;"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The first word and the rest, as a CRM's first and last names.
pub fn split_name(name: &str) -> (String, String) {
    let name = name.trim();
    match name.split_once(char::is_whitespace) {
        Some((first, rest)) => (first.to_string(), rest.trim().to_string()),
        None => (name.to_string(), String::new()),
    }
}

/// A cell a spreadsheet will show as text, never run.
fn neutralise_cell(cell: String) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\'') => format!("'{cell}"),
        _ => cell,
    }
}

/// Every enquiry as CRM-ready CSV.
pub fn csv(enquiries: &[Enquiry], catalogue: &Catalogue, today: NaiveDate) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record(COLUMNS).expect("writes to memory");
    for e in enquiries {
        let (first, last) = split_name(&e.caller.name);
        let [id, title, price] = chosen_columns(e, catalogue, today);
        let a = &e.answers;
        let u = e.upgrade.as_ref();
        let p = e.payment.as_ref();
        let opt = |s: Option<String>| s.unwrap_or_default();
        let row: [String; 34] = [
            first,
            last,
            e.caller.email.clone(),
            e.caller.phone.clone(),
            e.caller.organisation.clone(),
            opt(e.role.map(|r| r.to_string())),
            opt(e.interest.map(|i| i.to_string())),
            id,
            title,
            price,
            status(e).to_string(),
            e.created.format(DATE_TIME).to_string(),
            e.updated.format(DATE_TIME).to_string(),
            e.advisor.clone(),
            e.id.clone(),
            e.caller.name.clone(),
            e.notes.clone(),
            opt(e.route.map(|r| r.number().to_string())),
            opt(a.level.map(|l| l.to_string())),
            opt(a.hours_per_week.map(|h| h.to_string())),
            opt(a.budget_inc_vat.map(pounds)),
            opt(a.target_date.map(|d| d.format(DATE).to_string())),
            list(&a.held),
            list(&e.shortlist),
            opt(u.map(|u| u.to.clone())),
            u.map_or(String::new(), |u| list(&u.held)),
            u.map_or(String::new(), |u| list(&u.units)),
            opt(u.map(|u| yes_no(u.elsewhere))),
            opt(p.map(|p| yes_no(p.instalments))),
            opt(p.map(|p| p.start.format(DATE).to_string())),
            opt(p.map(|p| pounds(p.instalment))),
            opt(p.map(|p| p.monthly_payments.to_string())),
            opt(p.map(|p| yes_no(p.final_payment_on_completion))),
            opt(e.quoted.map(|q| q.format(DATE_TIME).to_string())),
        ];
        w.write_record(row.map(neutralise_cell))
            .expect("writes to memory");
    }
    String::from_utf8(w.into_inner().expect("writes to memory")).expect("UTF-8 in, UTF-8 out")
}

/// A vCard 4.0 (RFC 6350) per enquiry, one after another, as an address
/// book imports a `.vcf` file.
pub fn vcard(enquiries: &[Enquiry], catalogue: &Catalogue) -> String {
    let mut out = String::new();
    for e in enquiries {
        let (first, last) = split_name(&e.caller.name);
        let mut lines = vec![
            "BEGIN:VCARD".to_string(),
            "VERSION:4.0".to_string(),
            "PRODID:-//qualplan//enquiries//EN".to_string(),
            format!("UID;VALUE=text:{}", text_value(&e.id)),
            // The caller's name (the organisation has ORG); the enquiry's
            // label when there is no name, since a vCard must have an FN.
            format!(
                "FN:{}",
                text_value(
                    if e.caller.name.trim().is_empty() {
                        e.label()
                    } else {
                        e.caller.name.trim().to_string()
                    }
                    .as_str()
                )
            ),
            format!("N:{};{};;;", text_value(&last), text_value(&first)),
        ];
        let mut add = |name: &str, value: &str| {
            if !value.trim().is_empty() {
                lines.push(format!("{name}:{}", text_value(value)));
            }
        };
        add("ORG", &e.caller.organisation);
        add("EMAIL", &e.caller.email);
        add("TEL;VALUE=text", &e.caller.phone);
        add("TITLE", &e.role.map_or(String::new(), |r| r.to_string()));
        add(
            "CATEGORIES",
            &e.interest.map_or(String::new(), |i| i.to_string()),
        );
        let mut note = String::new();
        // What a quote is for, by the quote's rule, as the CSV says.
        if let Some(target) = e.target_chosen() {
            let title = catalogue
                .qualification(target)
                .map_or(String::new(), |q| format!(" ({})", q.title));
            let _ = write!(note, "Chosen: {target}{title}. ");
        }
        let _ = write!(note, "Status: {}. ", status(e));
        if !e.advisor.is_empty() {
            let _ = write!(note, "Advisor: {}. ", e.advisor);
        }
        note.push_str(&e.notes);
        add("NOTE", note.trim());
        lines.push(format!("REV:{}", e.updated.format("%Y%m%dT%H%M%S")));
        lines.push("END:VCARD".to_string());
        for line in lines {
            fold(&line, &mut out);
        }
    }
    out
}

/// A text value with RFC 6350's escapes.
fn text_value(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line folded at 75 octets (never inside a character), ended
/// with CRLF.
fn fold(line: &str, out: &mut String) {
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
}

/// Why a file could not be imported: where, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    /// The CSV line (1-based, the header being 1) or 0 for the whole file.
    pub line: u64,
    pub column: Option<&'static str>,
    pub message: String,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let message = crate::text::neutralise(&self.message);
        match (self.line, self.column) {
            (0, _) => write!(f, "{message}"),
            (line, Some(column)) => write!(f, "line {line}, column \"{column}\": {message}"),
            (line, None) => write!(f, "line {line}: {message}"),
        }
    }
}

/// Reads enquiries from an export: JSON (`Export`) or CSV (with qualplan's
/// header row), told apart by their first character.
/// Every enquiry is checked as a file is on loading.
pub fn import(text: &str) -> Result<Vec<Enquiry>, ImportError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut enquiries = match text.trim_start().chars().next() {
        Some('{') => from_json(text)?,
        Some(_) => from_csv(text)?,
        None => Vec::new(),
    };
    for (i, e) in enquiries.iter_mut().enumerate() {
        let whole = |message: String| ImportError {
            line: 0,
            column: None,
            message: format!("enquiry {} ({}): {message}", i + 1, e.id),
        };
        if e.id.is_empty()
            || crate::enquiry::slug(&e.id) != e.id.to_lowercase()
            || e.id.chars().count() > crate::bounds::enquiry::ID_CHARS
        {
            return Err(whole(
                "its id is not one qualplan makes (letters, digits and single hyphens)".into(),
            ));
        }
        e.check().map_err(|x| whole(x.to_string()))?;
        e.scrub();
    }
    Ok(enquiries)
}

fn from_json(text: &str) -> Result<Vec<Enquiry>, ImportError> {
    let whole = |message: String| ImportError {
        line: 0,
        column: None,
        message,
    };
    let bad = |e: serde_json::Error| {
        let said = e.to_string();
        let at = format!(" at line {} column {}", e.line(), e.column());
        let said = said.strip_suffix(&at).unwrap_or(&said);
        whole(format!("line {}, column {}: {said}", e.line(), e.column()))
    };
    let mut value: serde_json::Value = serde_json::from_str(text).map_err(&bad)?;
    match value.as_object_mut().map(|o| o.remove("schema_version")) {
        Some(Some(v)) if v.as_u64() == Some(u64::from(crate::JSON_SCHEMA_VERSION)) => {}
        Some(Some(v)) => {
            return Err(whole(format!(
                "it was written with schema_version {v}, and this qualplan reads {}: import it with a qualplan as new as the one that wrote it",
                crate::JSON_SCHEMA_VERSION
            )));
        }
        _ => {
            return Err(whole(
                "it is not an export of qualplan's (an object with schema_version and enquiries): `qualplan enquiries export --format json` writes one".into(),
            ));
        }
    }
    // Read again from the text, so that what is wrong has its line and
    // column.
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Versioned {
        #[serde(rename = "schema_version")]
        _schema_version: u64,
        enquiries: Vec<Enquiry>,
    }
    serde_json::from_str::<Versioned>(text)
        .map(|v| v.enquiries)
        .map_err(bad)
}

fn from_csv(text: &str) -> Result<Vec<Enquiry>, ImportError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers = reader.headers().map_err(|e| ImportError {
        line: 1,
        column: None,
        message: e.to_string(),
    })?;
    // An export from before the Quoted column is read as well.
    let before_quoted = &COLUMNS[..COLUMNS.len() - 1];
    if headers.iter().ne(COLUMNS.iter().copied())
        && headers.iter().ne(before_quoted.iter().copied())
    {
        return Err(ImportError {
            line: 1,
            column: None,
            message: format!(
                "the header row is not qualplan's: import a file that `qualplan enquiries export --format csv` wrote (its columns: {})",
                COLUMNS.join(", ")
            ),
        });
    }
    let mut out = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| line_at(text, p.byte()));
            let message = match e.kind() {
                csv::ErrorKind::UnequalLengths { len, .. } => format!(
                    "this row has {len} cells, and qualplan's header row {}: a cell with a comma or a line break in it must be in double quotes",
                    COLUMNS.len()
                ),
                _ => e.to_string(),
            };
            ImportError {
                line,
                column: None,
                message,
            }
        })?;
        let line = record.position().map_or(0, |p| line_at(text, p.byte()));
        out.push(row(&record, line)?);
    }
    Ok(out)
}

/// One CSV row back into an enquiry.
fn row(record: &csv::StringRecord, line: u64) -> Result<Enquiry, ImportError> {
    let cell = |i: usize| -> String {
        let raw = record.get(i).unwrap_or("");
        raw.strip_prefix('\'').unwrap_or(raw).to_string()
    };
    let fail = |i: usize, message: String| ImportError {
        line,
        column: Some(COLUMNS[i]),
        message,
    };
    let optional = |i: usize| -> Option<String> { Some(cell(i)).filter(|s| !s.is_empty()) };
    let date_time = |i: usize| {
        let text = cell(i);
        NaiveDateTime::parse_from_str(&text, DATE_TIME).map_err(|_| {
            fail(
                i,
                format!(
                    "{} is not a date and time: write it as YYYY-MM-DDTHH:MM:SS, e.g. 2026-12-01T10:00:00",
                    shown(&text)
                ),
            )
        })
    };
    let date = |i: usize| -> Result<Option<NaiveDate>, ImportError> {
        optional(i)
            .map(|s| {
                NaiveDate::parse_from_str(&s, DATE).map_err(|_| {
                    fail(
                        i,
                        format!(
                            "{} is not a date: write it as YYYY-MM-DD, e.g. 2027-01-04",
                            shown(&s)
                        ),
                    )
                })
            })
            .transpose()
    };
    let number = |i: usize| -> Result<Option<u32>, ImportError> {
        optional(i)
            .map(|s| {
                s.parse::<u32>()
                    .map_err(|_| fail(i, format!("{} is not a whole number", shown(&s))))
            })
            .transpose()
    };
    let money = |i: usize| -> Result<Option<Pence>, ImportError> {
        optional(i)
            .map(|s| s.parse::<Pence>().map_err(|x| fail(i, x)))
            .transpose()
    };
    let flag = |i: usize| -> Result<bool, ImportError> {
        match cell(i).as_str() {
            "yes" => Ok(true),
            "no" | "" => Ok(false),
            other => Err(fail(i, format!("{}: write yes or no", shown(other)))),
        }
    };
    let named = |i: usize, names: Vec<String>| -> Result<Option<usize>, ImportError> {
        optional(i)
            .map(|s| {
                names
                    .iter()
                    .position(|n| n.eq_ignore_ascii_case(&s))
                    .ok_or_else(|| {
                        fail(
                            i,
                            format!("{} is not one of: {}", shown(&s), names.join(", ")),
                        )
                    })
            })
            .transpose()
    };
    let role = named(5, Role::ALL.iter().map(|r| r.to_string()).collect())?.map(|i| Role::ALL[i]);
    const INTERESTS: [Interest; 3] = [Interest::Coaching, Interest::Mentoring, Interest::Both];
    let interest =
        named(6, INTERESTS.iter().map(|x| x.to_string()).collect())?.map(|i| INTERESTS[i]);
    let route = named(
        17,
        DevelopmentRoute::ALL
            .iter()
            .map(|r| r.number().to_string())
            .collect(),
    )?
    .map(|i| DevelopmentRoute::ALL[i]);
    let level = number(18)?
        .map(|l| u8::try_from(l).map_err(|_| fail(18, "not a level".into())))
        .transpose()?;
    let upgrade = optional(24).map(|to| {
        Ok::<_, ImportError>(UpgradeChoice {
            to,
            held: unlist(&cell(25)),
            units: unlist(&cell(26)),
            elsewhere: flag(27)?,
        })
    });
    let payment = match date(29)? {
        Some(start) => Some(PaymentChoice {
            instalments: flag(28)?,
            start,
            instalment: money(30)?.unwrap_or(Pence(0)),
            monthly_payments: number(31)?.unwrap_or(0),
            final_payment_on_completion: flag(32)?,
        }),
        None => None,
    };
    let name = match optional(15) {
        Some(full) => full,
        None => [cell(0), cell(1)]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
    };
    Ok(Enquiry {
        id: cell(14),
        created: date_time(11)?,
        updated: date_time(12)?,
        caller: Caller {
            name,
            email: cell(2),
            phone: cell(3),
            organisation: cell(4),
        },
        role,
        interest,
        notes: cell(16),
        route,
        answers: Answers {
            level,
            hours_per_week: number(19)?,
            budget_inc_vat: money(20)?,
            target_date: date(21)?,
            held: unlist(&cell(22)),
        },
        shortlist: unlist(&cell(23)),
        chosen: optional(7),
        upgrade: upgrade.transpose()?,
        payment,
        revision: 0,
        advisor: cell(13),
        quoted: optional(33).map(|_| date_time(33)).transpose()?,
    })
}

/// A cell's text in a message: quoted, and cut short when long.
fn shown(text: &str) -> String {
    const MOST: usize = 40;
    if text.chars().count() > MOST {
        format!("`{}…`", text.chars().take(MOST).collect::<String>())
    } else {
        format!("`{text}`")
    }
}

/// The line (from 1) of the record that starts at byte `at` of `text`.
/// The csv crate's own count (and `at`) stop short of the `\n` of a CRLF,
/// which is how exports end lines, so line ends at `at` are passed over.
fn line_at(text: &str, at: u64) -> u64 {
    let bytes = text.as_bytes();
    let mut at = usize::try_from(at).unwrap_or(usize::MAX).min(bytes.len());
    while bytes.get(at).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
        at += 1;
    }
    let newlines = bytes[..at].iter().filter(|b| **b == b'\n').count();
    u64::try_from(newlines)
        .unwrap_or(u64::MAX)
        .saturating_add(1)
}

/// A list cell back into its items (`list` undone).
fn unlist(cell: &str) -> Vec<String> {
    if cell.is_empty() {
        return Vec::new();
    }
    let mut items = vec![String::new()];
    let mut chars = cell.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    items.last_mut().expect("an item").push(next);
                }
            }
            ';' => {
                items.push(String::new());
                // The one space `list` writes after each separator.
                if chars.as_str().starts_with(' ') {
                    chars.next();
                }
            }
            c => items.last_mut().expect("an item").push(c),
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{self, CatalogueOrigin};

    /// The CRM's id, title and price columns for an upgrade: the title and
    /// the price are both of what the quote is for (the Level 5 Diploma,
    /// £530 ex VAT for a holder of the Certificate, £636.00 with VAT),
    /// whether or not `chosen` was recorded, and whatever it says.
    #[test]
    fn the_title_and_the_price_are_of_what_the_quote_is_for() {
        let c = catalogue::load(&CatalogueOrigin::Embedded).unwrap();
        let today = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        let mut e = Enquiry::new(
            "enq-20261201-100000".into(),
            today.and_hms_opt(10, 0, 0).unwrap(),
        );
        e.upgrade = Some(crate::enquiry::UpgradeChoice {
            to: "l5-dip-cm".into(),
            held: vec!["l5-cert-cm".into()],
            units: Vec::new(),
            elsewhere: false,
        });
        let diploma = "ILM Level 5 Diploma in Coaching and Mentoring".to_string();
        assert_eq!(
            chosen_columns(&e, &c, today),
            [String::new(), diploma.clone(), "636.00".into()]
        );
        // Recorded (by hand, or by an older qualplan) as another.
        e.chosen = Some("l5-cert-cm".into());
        assert_eq!(
            chosen_columns(&e, &c, today),
            ["l5-cert-cm".into(), diploma.clone(), "636.00".into()]
        );
        // The address book's note says the same.
        let card = vcard(std::slice::from_ref(&e), &c).replace("\r\n ", "");
        assert!(
            card.contains(&format!("NOTE:Chosen: l5-dip-cm ({diploma})")),
            "{card}"
        );
    }

    #[test]
    fn formula_cells_are_neutralised_and_come_back() {
        for cell in [
            "=1+1",
            "+44 7700 900123",
            "-2",
            "@SUM(A1)",
            "\tx",
            "'quoted",
            "plain",
        ] {
            let written = neutralise_cell(cell.to_string());
            assert!(
                !matches!(
                    written.chars().next(),
                    Some('=' | '+' | '-' | '@' | '\t' | '\r')
                ),
                "{written}"
            );
            assert_eq!(written.strip_prefix('\'').unwrap_or(&written), cell);
        }
    }

    #[test]
    fn lists_round_trip_through_one_cell() {
        for items in [
            vec![],
            vec!["l5-cert-cm".to_string()],
            vec![
                "a;b".into(),
                " lead".into(),
                "back\\slash".into(),
                "c".into(),
            ],
        ] {
            assert_eq!(unlist(&list(&items)), items, "{}", list(&items));
        }
        assert_eq!(
            list(&["l3-award".into(), "l3-cert".into()]),
            "l3-award; l3-cert"
        );
    }

    #[test]
    fn names_split_as_a_crm_expects() {
        assert_eq!(split_name("Jane Smith"), ("Jane".into(), "Smith".into()));
        assert_eq!(
            split_name("Jan van der Berg"),
            ("Jan".into(), "van der Berg".into())
        );
        assert_eq!(split_name("Cher"), ("Cher".into(), String::new()));
        assert_eq!(split_name(""), (String::new(), String::new()));
    }

    #[test]
    fn vcard_lines_are_escaped_and_folded() {
        let mut out = String::new();
        fold(
            &format!("NOTE:{}", text_value(&"é,;\\\n".repeat(30))),
            &mut out,
        );
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(
            unfolded,
            format!("NOTE:{}\r\n", "é\\,\\;\\\\\\n".repeat(30))
        );
    }

    /// Notes of several lines (as the app's notes area takes them) stay
    /// one quoted CSV cell that imports back as typed, and one vCard NOTE
    /// with its breaks escaped as `\n`.
    #[test]
    fn notes_of_several_lines_keep_their_lines() {
        let catalogue =
            crate::catalogue::load(&crate::catalogue::CatalogueOrigin::Embedded).unwrap();
        let at = NaiveDate::from_ymd_opt(2026, 12, 1)
            .unwrap()
            .and_hms_opt(9, 30, 0)
            .unwrap();
        let mut e = Enquiry::new("enq-20261201-093000".into(), at);
        e.caller.name = "Jane Smith".into();
        e.notes = "Prefers mentoring.\nCall back after 4pm, \"not\" before.".into();
        let table = csv(std::slice::from_ref(&e), &catalogue, at.date());
        assert!(
            table.contains("\"Prefers mentoring.\nCall back after 4pm, \"\"not\"\" before.\""),
            "{table}"
        );
        let back = import(&table).unwrap();
        assert_eq!(back[0].notes, e.notes);
        let card = vcard(&[e], &catalogue).replace("\r\n ", "");
        assert!(
            card.contains("Prefers mentoring.\\nCall back after 4pm\\, \"not\" before.\r\n"),
            "{card}"
        );
    }
}
