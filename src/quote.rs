//! A quote for a caller, built from an enquiry with the planner's figures,
//! and written as Markdown, plain text, a self-contained HTML page, or JSON.

use crate::catalogue::Catalogue;
use crate::enquiry::Enquiry;
use crate::money::VatBreakdown;
use crate::planner::{Course, CourseError, CourseKind, Due, PayError, Payment, PaymentKind};
use crate::pricing::InstalmentTerms;
use chrono::NaiveDate;
use serde::Serialize;
use std::fmt::Write;

/// One unit on the quote.
#[derive(Clone, Debug, Serialize)]
pub struct QuotedUnit {
    #[serde(rename = "unit")]
    pub code: String,
    pub title: String,
    pub credits: u32,
    pub glh: Option<u32>,
    pub practice_hours: u32,
}

/// A top-up: what carries over and the balance.
#[derive(Clone, Debug, Serialize)]
pub struct QuotedTopUp {
    #[serde(rename = "from_qualification")]
    pub from: String,
    pub from_title: String,
    pub units_carried: Vec<String>,
    pub credits_carried: u32,
    pub kind: CourseKind,
}

/// Everything a quote states.
#[derive(Clone, Debug)]
pub struct Quote {
    pub enquiry: String,
    pub prepared: NaiveDate,
    pub caller: String,
    pub organisation: String,
    pub email: String,
    pub provider: String,
    pub qualification: String,
    pub title: String,
    /// Units to take (for a top-up, only those left).
    pub units: Vec<QuotedUnit>,
    pub credits: u32,
    pub hours: u32,
    pub practice_hours: u32,
    pub min_clients: Option<u32>,
    pub top_up: Option<QuotedTopUp>,
    pub start: NaiveDate,
    pub target_from: Option<NaiveDate>,
    pub target_to: Option<NaiveDate>,
    pub registration_expires: Option<NaiveDate>,
    pub vat_percent: u32,
    pub fee: VatBreakdown,
    pub instalments: bool,
    /// Added for paying by instalments (zero when paying in full).
    pub premium: crate::money::Pence,
    pub payments: Vec<Payment>,
    pub total: VatBreakdown,
    pub includes: Vec<String>,
    pub terms: Vec<String>,
    /// Everything left to take and pay, and what it was worked out from,
    /// as the planner worked it out (the same object as `upgrade`, `plan`
    /// and `pay` give).
    pub course: Course,
}

/// "2027-01-04", "on completion (expected by 2028-06-04)".
fn due_words(due: Due) -> String {
    match due {
        Due::On(d) => d.to_string(),
        Due::OnCompletion(Some(d)) => format!("on completion (expected by {d})"),
        Due::OnCompletion(None) => "on completion".to_string(),
    }
}

/// Why no quote can be made yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QuoteError {
    /// Neither a qualification chosen nor one shortlisted.
    NothingChosen { enquiry: String },
    /// The course cannot be worked out (an unknown id, say).
    Course(CourseError),
    /// It cannot be paid for as recorded (price on request, instalments
    /// larger than the fee).
    Payment(PayError),
    /// Its dates run past the calendar's end (a start far outside
    /// `bounds::YEARS`).
    Dates(crate::bounds::Overflow),
}

impl std::fmt::Display for QuoteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            QuoteError::NothingChosen { enquiry } => write!(
                f,
                "enquiry {enquiry} has no qualification chosen or shortlisted: choose one before quoting"
            ),
            QuoteError::Course(e) => e.fmt(f),
            QuoteError::Payment(e) => e.fmt(f),
            QuoteError::Dates(e) => e.fmt(f),
        }
    }
}

impl std::error::Error for QuoteError {}

/// Builds the quote for the enquiry's target (`Enquiry::target`) and the
/// holding recorded with it, paid as the enquiry says, else in full.
pub fn build(c: &Catalogue, e: &Enquiry, today: NaiveDate) -> Result<Quote, QuoteError> {
    let target = e.target().ok_or_else(|| QuoteError::NothingChosen {
        enquiry: e.id.clone(),
    })?;
    build_for(c, e, target, today)
}

/// What an enquiry's quote can cover: the qualification chosen (or
/// upgraded to), else every one on the shortlist, in its order.
pub fn options(e: &Enquiry) -> Vec<&str> {
    match e.target_chosen() {
        Some(chosen) => vec![chosen],
        None => e.shortlist.iter().map(String::as_str).collect(),
    }
}

/// The quote for each of `targets` (see `options`), each built as
/// `build_for` builds one: nothing is worked out a second way.
pub fn build_all(
    c: &Catalogue,
    e: &Enquiry,
    targets: &[&str],
    today: NaiveDate,
) -> Result<Vec<Quote>, QuoteError> {
    if targets.is_empty() {
        return Err(QuoteError::NothingChosen {
            enquiry: e.id.clone(),
        });
    }
    targets.iter().map(|t| build_for(c, e, t, today)).collect()
}

/// Builds the quote for `target` with the holding the enquiry records. The
/// way of paying the enquiry records belongs to its target
/// (`Enquiry::target`): that one is paid so, any other in full, from the
/// recorded start (else today).
pub fn build_for(
    c: &Catalogue,
    e: &Enquiry,
    target: &str,
    today: NaiveDate,
) -> Result<Quote, QuoteError> {
    let course = Course::new(c, target, &e.holding()).map_err(QuoteError::Course)?;
    let start = e.payment.as_ref().map_or(today, |p| p.start);
    let terms = e
        .payment
        .as_ref()
        .filter(|p| p.instalments && e.target() == Some(target))
        .map(|p| InstalmentTerms {
            premium: c.pricing.instalments.premium.value,
            instalment: p.instalment,
            monthly_payments: p.monthly_payments,
            final_on_completion: p.final_payment_on_completion,
        });
    let plan = course
        .payments(terms.as_ref(), start)
        .map_err(QuoteError::Payment)?;
    let fee = course.fee.ok_or_else(|| {
        QuoteError::Payment(PayError::OnRequest {
            qualification: course.qualification.clone(),
            kind: course.kind,
        })
    })?;
    let t = course
        .timeline(start, None, None)
        .map_err(QuoteError::Dates)?;
    let units: Vec<QuotedUnit> = course
        .units_to_take
        .iter()
        .filter_map(|code| c.unit(code).map(|u| (code, u)))
        .map(|(code, u)| QuotedUnit {
            code: code.clone(),
            title: u.title.clone(),
            credits: u.credits.value,
            glh: u.glh.as_ref().map(|g| g.value),
            practice_hours: u.practice_hours(),
        })
        .collect();
    let top_up = course.from.as_ref().map(|from| QuotedTopUp {
        from: from.clone(),
        from_title: c
            .qualification(from)
            .map_or_else(|| from.clone(), |h| h.title.clone()),
        units_carried: course.units_carried.clone(),
        credits_carried: course.credits_carried,
        kind: course.kind,
    });
    Ok(Quote {
        enquiry: e.id.clone(),
        prepared: today,
        caller: e.caller.name.clone(),
        organisation: e.caller.organisation.clone(),
        email: e.caller.email.clone(),
        provider: c.provider.name.clone(),
        qualification: course.qualification.clone(),
        title: course.title.clone(),
        units,
        credits: course.credits_to_take,
        hours: course.hours_to_take,
        practice_hours: course.practice_hours_to_take,
        min_clients: course.min_clients,
        top_up,
        start,
        target_from: t.target.map(|(a, _)| a),
        target_to: t.target.map(|(_, b)| b),
        registration_expires: t.registration_expires,
        vat_percent: course.vat_percent,
        fee,
        instalments: plan.kind == PaymentKind::Instalments,
        premium: plan.premium_ex_vat,
        payments: plan.payments,
        total: plan.total,
        includes: c.provider.price_includes.clone(),
        terms: c.provider.terms.clone(),
        course,
    })
}

fn when(q: &Quote) -> String {
    match (q.target_from, q.target_to) {
        (Some(a), Some(b)) if a == b => format!("suggested completion by {a}"),
        (Some(a), Some(b)) => format!("suggested completion between {a} and {b}"),
        _ => "no suggested completion date".to_string(),
    }
}

/// The quote as Markdown.
pub fn markdown(q: &Quote) -> String {
    markdown_all(std::slice::from_ref(q))
}

/// The quotes of one enquiry as one Markdown document: with one, that
/// quote; with several (shortlisted options), a table of their totals,
/// then a section for each option with its own figures, then what every
/// price includes and the terms, once.
pub fn markdown_all(quotes: &[Quote]) -> String {
    let mut s = String::new();
    let Some(q) = quotes.first() else {
        return s;
    };
    let several = quotes.len() > 1;
    if several {
        let _ = writeln!(s, "# Quote: {} options\n", quotes.len());
    } else {
        let _ = writeln!(s, "# Quote: {}\n", q.title);
    }
    let who = format!(
        "{}{}{}",
        md_escape(&or_caller(&q.caller)),
        md_escape(&org(&q.organisation)),
        md_escape(&email(&q.email))
    );
    let _ = writeln!(s, "Prepared {} by {} for {who}.\n", q.prepared, q.provider);
    if several {
        let _ = writeln!(
            s,
            "This quote covers {} options, each priced on its own below: one is chosen, not all.\n",
            quotes.len()
        );
        let _ = writeln!(
            s,
            "| option | qualification | id | total ex VAT | total inc VAT |\n| --- | --- | --- | ---: | ---: |"
        );
        for (i, q) in quotes.iter().enumerate() {
            let _ = writeln!(
                s,
                "| {} | {} | {} | {} | {} |",
                i + 1,
                q.title,
                q.qualification,
                q.total.ex_vat,
                q.total.inc_vat
            );
        }
        s.push('\n');
        for (i, q) in quotes.iter().enumerate() {
            let _ = writeln!(
                s,
                "## Option {}: {} ({})\n",
                i + 1,
                q.title,
                q.qualification
            );
            markdown_figures(&mut s, q, "###");
        }
    } else {
        markdown_figures(&mut s, q, "##");
    }
    let _ = writeln!(s, "## The price includes\n");
    for i in &q.includes {
        let _ = writeln!(s, "- {i}");
    }
    let _ = writeln!(s, "\n## Terms\n");
    for t in &q.terms {
        let _ = writeln!(s, "- {t}");
    }
    let _ = writeln!(s, "\nReference: enquiry {}.", md_escape(&q.enquiry));
    s
}

/// One quote's own figures in Markdown: what carries over, what it takes,
/// the price and the payments, under headings of level `h` ("##").
fn markdown_figures(s: &mut String, q: &Quote, h: &str) {
    if let Some(t) = &q.top_up {
        let _ = writeln!(
            s,
            "**{}** {}: {}.\n",
            crate::text::capitalised(&t.kind.to_string()),
            held_words(q, t),
            carried(q)
        );
    }
    for n in &q.course.notes {
        let _ = writeln!(s, "- {n}.");
    }
    if !q.course.notes.is_empty() {
        s.push('\n');
    }
    let _ = writeln!(s, "{h} What it takes\n");
    let _ = writeln!(
        s,
        "| unit | title | credits | GLH | practice hours |\n| --- | --- | ---: | ---: | ---: |"
    );
    for u in &q.units {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} |",
            u.code,
            u.title,
            u.credits,
            u.glh.map_or("-".into(), |g| g.to_string()),
            u.practice_hours
        );
    }
    let _ = writeln!(
        s,
        "\n{} credits, {} hours of learning, including {} hours of workplace practice{}.\n",
        q.credits,
        q.hours,
        q.practice_hours,
        clients(q.min_clients)
    );
    let _ = writeln!(
        s,
        "Starting {}: {}; registration valid until {}.\n",
        q.start,
        when(q),
        q.registration_expires.map_or("-".into(), |d| d.to_string())
    );
    let _ = writeln!(s, "{h} Price\n");
    let _ = writeln!(
        s,
        "| | amount |\n| --- | ---: |\n| Price ex VAT | {} |\n| VAT at {}% | {} |\n| **Total** | **{}** |\n",
        q.fee.ex_vat, q.vat_percent, q.fee.vat, q.fee.inc_vat
    );
    let _ = writeln!(
        s,
        "{h} Payments{}\n",
        if q.instalments { " by instalments" } else { "" }
    );
    if q.instalments {
        let _ = writeln!(s, "{}\n", premium_sentence(q));
    }
    let _ = writeln!(
        s,
        "| payment | due | ex VAT | VAT | inc VAT |\n| --- | --- | ---: | ---: | ---: |"
    );
    for p in &q.payments {
        let _ = writeln!(
            s,
            "| {} | {} | {} | {} | {} |",
            p.label,
            due_words(p.due),
            p.amount.ex_vat,
            p.amount.vat,
            p.amount.inc_vat
        );
    }
    let _ = writeln!(
        s,
        "| **Total** | | **{}** | **{}** | **{}** |\n",
        q.total.ex_vat, q.total.vat, q.total.inc_vat
    );
}

/// The quote as plain text, wrapped to 80 columns.
pub fn text(q: &Quote) -> String {
    let mut s = String::new();
    let para = |s: &mut String, indent: &str, text: &str| {
        for line in crate::text::wrap(text, 80 - indent.len()) {
            let _ = writeln!(s, "{indent}{line}");
        }
    };
    para(&mut s, "", &format!("QUOTE: {}", q.title));
    para(
        &mut s,
        "",
        &format!(
            "Prepared {} by {} for {}{}{}.",
            q.prepared,
            q.provider,
            or_caller(&q.caller),
            org(&q.organisation),
            email(&q.email)
        ),
    );
    if let Some(t) = &q.top_up {
        para(
            &mut s,
            "",
            &format!(
                "{} {}.",
                crate::text::capitalised(&t.kind.to_string()),
                held_words(q, t)
            ),
        );
        para(
            &mut s,
            "",
            &format!("{}.", crate::text::capitalised(&carried(q))),
        );
    }
    for n in &q.course.notes {
        for (i, line) in crate::text::wrap(&format!("{n}."), 78).iter().enumerate() {
            let _ = writeln!(s, "{}{line}", if i == 0 { "- " } else { "  " });
        }
    }
    let _ = writeln!(s, "\nWHAT IT TAKES");
    for u in &q.units {
        let lines = crate::text::wrap(&u.title, 80 - 28);
        for (i, line) in lines.iter().enumerate() {
            if i == 0 {
                let _ = writeln!(s, "  {:<10} {:>3} credits  {line}", u.code, u.credits);
            } else {
                let _ = writeln!(s, "{:<28}{line}", "");
            }
        }
    }
    para(
        &mut s,
        "  ",
        &format!(
            "{} credits, {} hours of learning, {} hours of workplace practice{}.",
            q.credits,
            q.hours,
            q.practice_hours,
            clients(q.min_clients)
        ),
    );
    para(&mut s, "  ", &format!("Starting {}: {}.", q.start, when(q)));
    para(
        &mut s,
        "  ",
        &format!(
            "Registration valid until {}.",
            q.registration_expires.map_or("-".into(), |d| d.to_string())
        ),
    );
    let _ = writeln!(s, "\nPRICE");
    let _ = writeln!(
        s,
        "  {:<20}{:>12}",
        "Price ex VAT",
        q.fee.ex_vat.to_string()
    );
    let _ = writeln!(
        s,
        "  {:<20}{:>12}",
        format!("VAT at {}%", q.vat_percent),
        q.fee.vat.to_string()
    );
    let _ = writeln!(s, "  {:<20}{:>12}", "Total", q.fee.inc_vat.to_string());
    let _ = writeln!(
        s,
        "\nPAYMENTS{}",
        if q.instalments { " BY INSTALMENTS" } else { "" }
    );
    if q.instalments {
        para(&mut s, "  ", &premium_sentence(q));
    }
    for p in &q.payments {
        let _ = writeln!(
            s,
            "  {:<36} {:<13}{:>9}{:>9}{:>10}",
            p.label,
            short_due(p.due),
            p.amount.ex_vat.to_string(),
            p.amount.vat.to_string(),
            p.amount.inc_vat.to_string()
        );
    }
    let _ = writeln!(
        s,
        "  {:<50}{:>9}{:>9}{:>10}",
        "Total",
        q.total.ex_vat.to_string(),
        q.total.vat.to_string(),
        q.total.inc_vat.to_string()
    );
    let _ = writeln!(s, "\nTHE PRICE INCLUDES");
    for i in &q.includes {
        para(&mut s, "  ", &format!("- {i}"));
    }
    let _ = writeln!(s, "\nTERMS");
    for t in &q.terms {
        para(&mut s, "  ", &format!("- {t}"));
    }
    let _ = writeln!(s, "\nReference: enquiry {}.", q.enquiry);
    s
}

/// A self-contained HTML page a person can print.
pub fn html(q: &Quote) -> String {
    let e = escape;
    let mut s = String::new();
    let _ = writeln!(
        s,
        "<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>Quote: {}</title>",
        e(&q.title)
    );
    let _ = writeln!(
        s,
        "<style>body{{font-family:sans-serif;max-width:46em;margin:2em auto;color:#111}}table{{border-collapse:collapse;width:100%}}td,th{{border-bottom:1px solid #ccc;padding:.3em;text-align:left}}td.n,th.n{{text-align:right}}@media print{{body{{margin:0}}}}</style>\n</head>\n<body>"
    );
    let _ = writeln!(s, "<h1>Quote: {}</h1>", e(&q.title));
    let _ = writeln!(
        s,
        "<p>Prepared {} by {} for {}{}{}.</p>",
        q.prepared,
        e(&q.provider),
        e(&or_caller(&q.caller)),
        e(&org(&q.organisation)),
        e(&email(&q.email))
    );
    if let Some(t) = &q.top_up {
        let _ = writeln!(
            s,
            "<p><strong>{}</strong> {}: {}.</p>",
            e(&crate::text::capitalised(&t.kind.to_string())),
            e(&held_words(q, t)),
            e(&carried(q))
        );
    }
    if !q.course.notes.is_empty() {
        let _ = writeln!(s, "<ul>");
        for n in &q.course.notes {
            let _ = writeln!(s, "<li>{}.</li>", e(n));
        }
        let _ = writeln!(s, "</ul>");
    }
    let _ = writeln!(
        s,
        "<h2>What it takes</h2>\n<table>\n<tr><th>unit</th><th>title</th><th class=\"n\">credits</th><th class=\"n\">GLH</th><th class=\"n\">practice hours</th></tr>"
    );
    for u in &q.units {
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            e(&u.code),
            e(&u.title),
            u.credits,
            u.glh.map_or("-".into(), |g| g.to_string()),
            u.practice_hours
        );
    }
    let _ = writeln!(
        s,
        "</table>\n<p>{} credits, {} hours of learning, including {} hours of workplace practice{}.</p>",
        q.credits,
        q.hours,
        q.practice_hours,
        e(&clients(q.min_clients))
    );
    let _ = writeln!(
        s,
        "<p>Starting {}: {}; registration valid until {}.</p>",
        q.start,
        e(&when(q)),
        q.registration_expires.map_or("-".into(), |d| d.to_string())
    );
    let _ = writeln!(
        s,
        "<h2>Price</h2>\n<table>\n<tr><td>Price ex VAT</td><td class=\"n\">{}</td></tr>\n<tr><td>VAT at {}%</td><td class=\"n\">{}</td></tr>\n<tr><th>Total</th><th class=\"n\">{}</th></tr>\n</table>",
        e(&q.fee.ex_vat.to_string()),
        q.vat_percent,
        e(&q.fee.vat.to_string()),
        e(&q.fee.inc_vat.to_string())
    );
    if q.instalments {
        let _ = writeln!(
            s,
            "<h2>Payments by instalments</h2>\n<p>{}</p>",
            e(&premium_sentence(q))
        );
    } else {
        let _ = writeln!(s, "<h2>Payments</h2>");
    }
    let _ = writeln!(
        s,
        "<table>\n<tr><th>payment</th><th>due</th><th class=\"n\">ex VAT</th><th class=\"n\">VAT</th><th class=\"n\">inc VAT</th></tr>"
    );
    for p in &q.payments {
        let _ = writeln!(
            s,
            "<tr><td>{}</td><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
            e(&p.label),
            e(&due_words(p.due)),
            e(&p.amount.ex_vat.to_string()),
            e(&p.amount.vat.to_string()),
            e(&p.amount.inc_vat.to_string())
        );
    }
    let _ = writeln!(
        s,
        "<tr><th>Total</th><th></th><th class=\"n\">{}</th><th class=\"n\">{}</th><th class=\"n\">{}</th></tr>\n</table>",
        e(&q.total.ex_vat.to_string()),
        e(&q.total.vat.to_string()),
        e(&q.total.inc_vat.to_string())
    );
    let _ = writeln!(s, "<h2>The price includes</h2>\n<ul>");
    for i in &q.includes {
        let _ = writeln!(s, "<li>{}</li>", e(i));
    }
    let _ = writeln!(s, "</ul>\n<h2>Terms</h2>\n<ul>");
    for t in &q.terms {
        let _ = writeln!(s, "<li>{}</li>", e(t));
    }
    let _ = writeln!(
        s,
        "</ul>\n<p>Reference: enquiry {}.</p>\n</body>\n</html>",
        e(&q.enquiry)
    );
    s
}

/// The quote as JSON (docs/schema/quote.schema.json): the figures as the
/// other formats show them, money as integer pence beside the formatted
/// amount, and the course they come from.
pub fn json(q: &Quote) -> String {
    #[derive(Serialize)]
    struct QuoteJson<'a> {
        schema_version: u32,
        enquiry: &'a str,
        prepared: NaiveDate,
        caller: &'a str,
        organisation: &'a str,
        email: &'a str,
        provider: &'a str,
        qualification: &'a str,
        title: &'a str,
        units: &'a [QuotedUnit],
        credits: u32,
        hours: u32,
        practice_hours: u32,
        min_clients: Option<u32>,
        top_up: Option<&'a QuotedTopUp>,
        start: NaiveDate,
        suggested_completion_min: Option<NaiveDate>,
        suggested_completion_max: Option<NaiveDate>,
        registration_expires: Option<NaiveDate>,
        vat_percent: u32,
        fee: VatBreakdown,
        payment_kind: PaymentKind,
        premium_ex_vat_pence: i64,
        premium_ex_vat: String,
        payments: &'a [Payment],
        total: VatBreakdown,
        includes: &'a [String],
        terms: &'a [String],
        course: &'a Course,
    }
    let view = QuoteJson {
        schema_version: crate::JSON_SCHEMA_VERSION,
        enquiry: &q.enquiry,
        prepared: q.prepared,
        caller: &q.caller,
        organisation: &q.organisation,
        email: &q.email,
        provider: &q.provider,
        qualification: &q.qualification,
        title: &q.title,
        units: &q.units,
        credits: q.credits,
        hours: q.hours,
        practice_hours: q.practice_hours,
        min_clients: q.min_clients,
        top_up: q.top_up.as_ref(),
        start: q.start,
        suggested_completion_min: q.target_from,
        suggested_completion_max: q.target_to,
        registration_expires: q.registration_expires,
        vat_percent: q.vat_percent,
        fee: q.fee,
        payment_kind: if q.instalments {
            PaymentKind::Instalments
        } else {
            PaymentKind::InFull
        },
        premium_ex_vat_pence: q.premium.0,
        premium_ex_vat: q.premium.to_string(),
        payments: &q.payments,
        total: q.total,
        includes: &q.includes,
        terms: &q.terms,
        course: &q.course,
    };
    let mut s = serde_json::to_string_pretty(&view).expect("plain data serialises");
    s.push('\n');
    s
}

/// Writes a quote (`text`, in the format of `extension`) into `dir` under a
/// name of its own: `quote-<enquiry id>-<date>.<extension>`, with `-2`, `-3`
/// ... when that is taken. The name carries no personal data, and a quote
/// never replaces another; the file is private (0600) and written
/// atomically. Returns the path.
pub fn save(
    q: &Quote,
    dir: &std::path::Path,
    extension: &str,
    text: &str,
) -> std::io::Result<std::path::PathBuf> {
    crate::files::private_dir(dir)?;
    let stem = format!("quote-{}-{}", crate::enquiry::slug(&q.enquiry), q.prepared);
    for n in 1..=MAX_QUOTES_A_DAY {
        let name = match n {
            1 => format!("{stem}.{extension}"),
            n => format!("{stem}-{n}.{extension}"),
        };
        let path = dir.join(name);
        match crate::files::write_new(&path, text.as_bytes()) {
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            other => return other.map(|()| path),
        }
    }
    Err(std::io::Error::new(
        std::io::ErrorKind::AlreadyExists,
        format!(
            "{MAX_QUOTES_A_DAY} quotes for enquiry {} today already; move some out of {}",
            q.enquiry,
            dir.display()
        ),
    ))
}

/// How many quotes of one enquiry, in one format, one day may keep.
const MAX_QUOTES_A_DAY: u32 = 1_000;

fn premium_sentence(q: &Quote) -> String {
    format!(
        "Paying by instalments adds a {} premium: {} ex VAT in all, {} with VAT. Terms and conditions apply.",
        q.premium, q.total.ex_vat, q.total.inc_vat
    )
}

/// Caller-typed text in Markdown, to sit within a line: every character
/// that is Markdown syntax there escaped with a backslash (links and images
/// need `[`, `]` and `!`; HTML, autolinks and entities `<`, `>` and `&`;
/// emphasis, code and strike-through `*`, `_`, `` ` `` and `~`; tables `|`),
/// and a line break as a space, so nothing can start a block. The text
/// shows as typed and can never become a link, an image or markup.
fn md_escape(text: &str) -> String {
    const SYNTAX: &str = "\\`*_{}[]<>!#|&~^$";
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            c if SYNTAX.contains(c) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// Text in HTML: the five special characters as entities; a character
/// that could act on a terminal or hide itself (see `text::hazard`) as
/// U+FFFD, as everywhere else.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if crate::text::hazard(c).is_some() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

fn or_caller(name: &str) -> String {
    if name.trim().is_empty() {
        "the caller".to_string()
    } else {
        name.trim().to_string()
    }
}

fn org(o: &str) -> String {
    if o.trim().is_empty() {
        String::new()
    } else {
        format!(", {}", o.trim())
    }
}

fn email(e: &str) -> String {
    if e.trim().is_empty() {
        String::new()
    } else {
        format!(" ({})", e.trim())
    }
}

fn clients(n: Option<u32>) -> String {
    n.map_or(String::new(), |n| {
        format!(" with at least {n} client{}", if n == 1 { "" } else { "s" })
    })
}

/// A due date short enough for the text quote's column.
fn short_due(due: Due) -> String {
    match due {
        Due::On(d) => d.to_string(),
        Due::OnCompletion(_) => "on completion".to_string(),
    }
}

/// "from ILM Level 5 Certificate ... (l5-cert-cm)"; for a new registration,
/// "at the full price, holding ...".
fn held_words(q: &Quote, t: &QuotedTopUp) -> String {
    match q.course.kind {
        CourseKind::TopUp | CourseKind::Upgrade => format!("from {} ({})", t.from_title, t.from),
        CourseKind::NewRegistration => {
            format!("at the full price, holding {} ({})", t.from_title, t.from)
        }
    }
}

/// "units carried over 5015, 5018 (8 credits)", or that none count.
fn carried(q: &Quote) -> String {
    q.course.carried().map_or_else(
        || {
            "none of the units held count towards it, so every unit below is still to take"
                .to_string()
        },
        |units| format!("units carried over {units}"),
    )
}
