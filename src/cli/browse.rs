//! `list`, `show`, `routes` and `search`: finding your way round the catalogue.

use super::output::{Doc, Format, Table, json};
use super::{Context, Failure, money};
use qualplan::catalogue::{Catalogue, Cite, Qualification, Unit};
use qualplan::planner::{
    self, Course, DevelopmentRoute, Fact, Found, Holding, SearchIndex, all_upgrades,
};
use serde::Serialize;

#[derive(Serialize)]
struct QualificationLine<'a> {
    id: &'a str,
    title: &'a str,
    level: u8,
    size: String,
    stream: String,
    edition: String,
    credits: u32,
    price_ex_vat_pence: Option<i64>,
    price_ex_vat: Option<String>,
}

#[derive(Serialize)]
struct UnitLine<'a> {
    code: &'a str,
    other_codes: Vec<&'a str>,
    title: &'a str,
    level: u8,
    edition: String,
    credits: u32,
    glh: Option<u32>,
    tqt_hours: u32,
    practice_hours: u32,
    min_clients: Option<u32>,
}

pub fn list(ctx: &Context, all: bool, units: bool) -> String {
    let c = &ctx.catalogue;
    if units {
        let lines: Vec<UnitLine> = c
            .units
            .iter()
            .filter(|u| all || u.edition == qualplan::catalogue::Edition::Current)
            .map(unit_line)
            .collect();
        if ctx.format == Format::Json {
            return json(&lines);
        }
        let mut t = Table::new(&["code", "level", "credits", "GLH", "practice", "title"])
            .right_align(&[1, 2, 3, 4]);
        for u in &lines {
            t.row(vec![
                u.code.to_string(),
                u.level.to_string(),
                u.credits.to_string(),
                u.glh.map_or("-".into(), |g| g.to_string()),
                hours_or_dash(u.practice_hours),
                u.title.to_string(),
            ]);
        }
        return t.render(ctx.format);
    }
    let lines: Vec<QualificationLine> = c
        .qualifications
        .iter()
        .filter(|q| all || q.is_on_sale())
        .map(|q| {
            let price = q.price.as_ref().map(|p| p.value);
            QualificationLine {
                id: &q.id,
                title: &q.title,
                level: q.level,
                size: q.size.to_string(),
                stream: q.stream.to_string(),
                edition: q.edition.to_string(),
                credits: q.credits.value,
                price_ex_vat_pence: money::pence(price),
                price_ex_vat: money::text(price),
            }
        })
        .collect();
    if ctx.format == Format::Json {
        return json(&lines);
    }
    let mut t = Table::new(&["id", "credits", "ex VAT", "title"]).right_align(&[1, 2]);
    for q in &lines {
        t.row(vec![
            q.id.to_string(),
            q.credits.to_string(),
            q.price_ex_vat
                .clone()
                .unwrap_or_else(|| "on request".into()),
            q.title.to_string(),
        ]);
    }
    t.render(ctx.format)
}

fn hours_or_dash(h: u32) -> String {
    if h == 0 {
        "-".to_string()
    } else {
        h.to_string()
    }
}

fn cite(c: &Cite) -> String {
    format!("{}: {}", c.doc, c.at)
}

/// Facts as a three-column table: figure, value, source.
fn facts_table(facts: &[Fact]) -> Table {
    let mut t = Table::new(&["figure", "value", "source"]);
    for f in facts {
        t.row(vec![f.label.clone(), f.value.clone(), f.source.to_string()]);
    }
    t
}

pub fn show(ctx: &Context, name: &str) -> Result<String, Failure> {
    if name.trim().is_empty() {
        return Err(Failure::Usage(
            "name a qualification or unit: `qualplan show l5-dip-cm`".into(),
        ));
    }
    match planner::resolve(&ctx.catalogue, name)? {
        Found::Qualification(q) => Ok(show_qualification(ctx, q)),
        Found::Unit(u) => Ok(show_unit(ctx, u)),
    }
}

#[derive(Serialize)]
struct ShownQualification<'a> {
    qualification: &'a Qualification,
    derived: Derived,
    units: Vec<UnitLine<'a>>,
    rqf_equivalents: &'a [String],
    /// Where someone holding it can go next (with this provider).
    onward: &'a [Course],
    sources: Vec<&'a qualplan::catalogue::SourceDocument>,
}

#[derive(Serialize)]
struct Derived {
    tqt_hours: u32,
    glh_min: Option<u32>,
    glh_max: Option<u32>,
    glh_stated: bool,
    practice_hours_min: u32,
    practice_hours_max: u32,
    min_clients: Option<u32>,
    vat_pence: Option<i64>,
    price_inc_vat_pence: Option<i64>,
    price_ex_vat: Option<String>,
    vat: Option<String>,
    price_inc_vat: Option<String>,
}

fn unit_line(u: &Unit) -> UnitLine<'_> {
    UnitLine {
        code: &u.code,
        other_codes: u.codes().skip(1).collect(),
        title: &u.title,
        level: u.level,
        edition: u.edition.to_string(),
        credits: u.credits.value,
        glh: u.glh.as_ref().map(|g| g.value),
        tqt_hours: u.tqt_hours(),
        practice_hours: u.practice_hours(),
        min_clients: u.min_clients(),
    }
}

fn show_qualification(ctx: &Context, q: &Qualification) -> String {
    let c = &ctx.catalogue;
    let vat = c.vat_rate();
    // None too when the VAT would not fit (never in a valid catalogue).
    let price = q.price.as_ref().and_then(|p| vat.breakdown(p.value));
    let glh = q.glh(c);
    let practice = q.practice_hours_range(c);
    let clients = q.min_clients_range(c);
    let onward = all_upgrades(c, &Holding::one(&q.id, true)).unwrap_or_default();
    if ctx.format == Format::Json {
        let shown = ShownQualification {
            qualification: q,
            derived: Derived {
                tqt_hours: q.tqt_hours(),
                glh_min: glh.map(|g| g.hours.min),
                glh_max: glh.map(|g| g.hours.max),
                glh_stated: glh.is_some_and(|g| g.stated),
                practice_hours_min: practice.min,
                practice_hours_max: practice.max,
                min_clients: clients.map(|r| r.max),
                vat_pence: price.map(|p| p.vat.0),
                price_inc_vat_pence: price.map(|p| p.inc_vat.0),
                price_ex_vat: price.map(|p| p.ex_vat.to_string()),
                vat: price.map(|p| p.vat.to_string()),
                price_inc_vat: price.map(|p| p.inc_vat.to_string()),
            },
            units: q
                .unit_codes()
                .filter_map(|code| c.unit(code))
                .map(unit_line)
                .collect(),
            rqf_equivalents: c.equivalents(q.level),
            onward: &onward,
            sources: c.sources.iter().collect(),
        };
        return json(&shown);
    }
    let mut doc = Doc::default();
    doc.heading(format!("{} ({})", q.title, q.id));
    let on_sale = if q.is_on_sale() {
        "on sale"
    } else {
        "older edition, not on sale"
    };
    doc.para(format!(
        "Level {} {}, {}, {on_sale}. Source: {}",
        q.level,
        q.size,
        q.stream,
        cite(&q.source)
    ));
    doc.table(facts_table(&planner::qualification_facts(c, q)));

    doc.heading(format!(
        "Units (rules of combination: {})",
        cite(&q.rules.source)
    ));
    let mut units =
        Table::new(&["", "code", "credits", "GLH", "practice", "title"]).right_align(&[2, 3, 4]);
    let mut unit_row = |group: &str, code: &str| {
        if let Some(u) = c.unit(code) {
            units.row(vec![
                group.to_string(),
                code.to_string(),
                u.credits.value.to_string(),
                u.glh.as_ref().map_or("-".into(), |g| g.value.to_string()),
                hours_or_dash(u.practice_hours()),
                u.title.clone(),
            ]);
        }
    };
    for code in &q.rules.mandatory {
        unit_row("mandatory", code);
    }
    for g in &q.rules.optional_groups {
        for code in &g.units {
            unit_row(&g.name, code);
        }
    }
    doc.table(units);
    if !q.rules.optional_groups.is_empty() {
        let groups: Vec<String> = q
            .rules
            .optional_groups
            .iter()
            .map(|g| format!("{} ({} credits)", g.name, g.min_credits))
            .collect();
        doc.para(format!(
            "Complete every mandatory unit and one optional group: {}.",
            groups.join(" or ")
        ));
    }
    for (label, text) in [
        ("Who it suits", &q.audience),
        ("Entry requirements", &q.entry_requirements),
    ] {
        if let Some(t) = text {
            doc.para(format!("{label}: {} ({})", t.value, cite(&t.source)));
        }
    }
    for a in &q.assessment {
        doc.para(format!("Assessment: {} ({})", a.value, cite(&a.source)));
    }
    for p in &q.progression {
        let id = p.to.as_ref().map_or(String::new(), |id| format!(" [{id}]"));
        doc.para(format!("Progression: {}{id} ({})", p.text, cite(&p.source)));
    }
    let onward = planner::onward_facts(c, q);
    if !onward.is_empty() {
        doc.heading("Top-ups and upgrades, completed with this provider");
        doc.table(facts_table(&onward));
    }
    for n in &q.notes {
        doc.para(format!("Note: {} ({})", n.value, cite(&n.source)));
    }
    let text = doc.render(ctx.format);
    let mut end = Doc::default();
    end.para(sources_line(c, &text));
    format!("{text}\n{}", end.render(ctx.format))
}

/// The source documents cited in `shown` ("pack: ..."), spelled out.
fn sources_line(c: &Catalogue, shown: &str) -> String {
    let docs: Vec<String> = c
        .sources
        .iter()
        .filter(|s| shown.contains(&format!("{}: ", s.id)))
        .map(|s| format!("{} = {} ({}, {})", s.id, s.title, s.file, s.date))
        .collect();
    format!("Sources: {}", docs.join("; "))
}

#[derive(Serialize)]
struct ShownUnit<'a> {
    unit: &'a Unit,
    tqt_hours: u32,
    used_in: Vec<UsedIn<'a>>,
}

#[derive(Serialize)]
struct UsedIn<'a> {
    qualification: &'a str,
    r#as: String,
    code: &'a str,
}

fn show_unit(ctx: &Context, u: &Unit) -> String {
    let c = &ctx.catalogue;
    let used_in: Vec<UsedIn> =
        c.qualifications
            .iter()
            .flat_map(|q| {
                let mandatory = q
                    .rules
                    .mandatory
                    .iter()
                    .map(move |code| (q, "mandatory".to_string(), code));
                let groups =
                    q.rules.optional_groups.iter().flat_map(move |g| {
                        g.units.iter().map(move |code| (q, g.name.clone(), code))
                    });
                mandatory.chain(groups)
            })
            .filter(|(_, _, code)| u.has_code(code))
            .map(|(q, r#as, code)| UsedIn {
                qualification: &q.id,
                r#as,
                code,
            })
            .collect();
    if ctx.format == Format::Json {
        return json(&ShownUnit {
            unit: u,
            tqt_hours: u.tqt_hours(),
            used_in,
        });
    }
    let mut doc = Doc::default();
    doc.heading(format!("{} ({})", u.title, u.code));
    let aka: Vec<&str> = u.codes().skip(1).collect();
    let aka = if aka.is_empty() {
        String::new()
    } else {
        format!("; also numbered {}", aka.join(", "))
    };
    doc.para(format!(
        "Level {} unit, {} edition{aka}. Source: {}",
        u.level,
        u.edition,
        cite(&u.source)
    ));
    doc.table(facts_table(&planner::unit_facts(u)));
    let used: Vec<String> = used_in
        .iter()
        .map(|x| format!("{} ({}, as {})", x.qualification, x.r#as, x.code))
        .collect();
    doc.para(format!(
        "Used in: {}",
        if used.is_empty() {
            "no qualification".to_string()
        } else {
            used.join("; ")
        }
    ));
    if !u.outcomes.is_empty() {
        let source = u
            .outcomes_source
            .as_ref()
            .map_or(String::new(), |s| format!(" ({})", cite(s)));
        doc.heading(format!("Learning outcomes and assessment criteria{source}"));
        let mut t = Table::new(&["", "the learner will / can"]);
        for o in &u.outcomes {
            t.row(vec![o.number.to_string(), o.text.clone()]);
            for crit in &o.criteria {
                t.row(vec![crit.number.clone(), format!("  {}", crit.text)]);
            }
        }
        doc.table(t);
    } else {
        doc.para("No source gives this unit's learning outcomes.");
    }
    doc.render(ctx.format)
}

#[derive(Serialize)]
struct RouteJson {
    number: u8,
    title: &'static str,
    suits: &'static str,
    offers: &'static str,
    needs: &'static [&'static str],
    source: String,
}

pub fn routes(ctx: &Context) -> String {
    let routes: Vec<RouteJson> = DevelopmentRoute::ALL
        .iter()
        .map(|r| RouteJson {
            number: r.number(),
            title: r.title(),
            suits: r.suits(),
            offers: r.offers(),
            needs: r.needs(),
            source: cite(&DevelopmentRoute::source()),
        })
        .collect();
    match ctx.format {
        Format::Json => json(&routes),
        Format::Table => {
            let mut doc = Doc::default();
            for r in &routes {
                doc.heading(format!("({}) {}", r.number, r.title));
                doc.para(format!("Suits: {}.", r.suits));
                doc.para(format!("qualplan offers: {}.", r.offers));
                doc.para(format!("It needs to know: {}.", r.needs.join("; ")));
            }
            doc.para(format!("Source: {}", cite(&DevelopmentRoute::source())));
            doc.render(Format::Table)
        }
        other => {
            let mut t = Table::new(&["route", "title", "suits", "offers", "needs"]);
            for r in &routes {
                t.row(vec![
                    r.number.to_string(),
                    r.title.into(),
                    r.suits.into(),
                    r.offers.into(),
                    r.needs.join("; "),
                ]);
            }
            t.render(other)
        }
    }
}

pub fn search(ctx: &Context, query: &str, limit: usize) -> String {
    let hits = SearchIndex::new(&ctx.catalogue).search(query, limit).hits;
    if ctx.format == Format::Json {
        return json(&hits);
    }
    if hits.is_empty() && ctx.format == Format::Table {
        return format!(
            "Nothing matches `{query}`. Try fewer or shorter words, or `qualplan list`.\n"
        );
    }
    let mut t = Table::new(&["", "id or code", "title"]);
    for h in &hits {
        let kind = match h.kind {
            planner::HitKind::Qualification => "qualification",
            planner::HitKind::Unit => "unit",
        };
        let mut title = h.title.clone();
        if let Some(o) = &h.matched_outcome {
            title.push_str(&format!("\n  outcome: {o}"));
        }
        t.row(vec![kind.into(), h.key.clone(), title]);
    }
    t.render(ctx.format)
}
