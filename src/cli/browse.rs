//! `list`, `show`, `routes` and `search`: finding your way round the catalogue.

use super::args::{SizeArg, StreamArg, flag_name};
use super::compare::Figures;
use super::output::{Doc, Format, Layout, Table, csv, json};
use super::{Context, Failure, ListArgs, SearchArgs, ShowArgs, money};
use qualplan::catalogue::{
    self, Catalogue, CatalogueOrigin, Cite, Edition, Qualification, SourceDocument, Unit,
};
use qualplan::planner::{
    self, ComparisonRow, Course, DevelopmentRoute, Fact, FactSource, Found, HitKind, Holding,
    all_upgrades,
};
use serde::Serialize;

/// A citation in JSON: the document as a reader would look it up, and the
/// section. In a fact with no source every field is `null`, so that a
/// fact has one shape.
#[derive(Serialize)]
struct CitationJson<'a> {
    document: Option<&'a str>,
    title: Option<&'a str>,
    publisher: Option<&'a str>,
    date: Option<&'a str>,
    section: Option<&'a str>,
}

impl<'a> CitationJson<'a> {
    fn new(c: &'a Catalogue, cite: &'a Cite) -> CitationJson<'a> {
        let doc = c.source(&cite.doc);
        CitationJson {
            document: Some(&cite.doc),
            title: doc.map(|d| d.title.as_str()),
            publisher: doc.map(|d| d.publisher.as_str()),
            date: doc.map(|d| d.date.as_str()),
            section: Some(&cite.at),
        }
    }

    fn none() -> CitationJson<'static> {
        CitationJson {
            document: None,
            title: None,
            publisher: None,
            date: None,
            section: None,
        }
    }
}

/// A source document in JSON.
#[derive(Serialize)]
struct DocumentJson<'a> {
    document: &'a str,
    title: &'a str,
    publisher: &'a str,
    date: &'a str,
}

impl<'a> From<&'a SourceDocument> for DocumentJson<'a> {
    fn from(d: &'a SourceDocument) -> DocumentJson<'a> {
        DocumentJson {
            document: &d.id,
            title: &d.title,
            publisher: &d.publisher,
            date: &d.date,
        }
    }
}

/// A text and where it comes from.
#[derive(Serialize)]
struct SourcedJson<'a> {
    text: &'a str,
    source: CitationJson<'a>,
}

#[derive(Serialize)]
struct QualificationLine<'a> {
    qualification: &'a str,
    title: &'a str,
    level: u8,
    size: String,
    stream: String,
    edition: String,
    on_sale: bool,
    credits: u32,
    price_ex_vat_pence: Option<i64>,
    price_ex_vat: Option<String>,
}

impl<'a> From<&'a Qualification> for QualificationLine<'a> {
    fn from(q: &'a Qualification) -> QualificationLine<'a> {
        let price = q.price.as_ref().map(|p| p.value);
        QualificationLine {
            qualification: &q.id,
            title: &q.title,
            level: q.level,
            size: flag_name::<SizeArg, _>(q.size),
            stream: flag_name::<StreamArg, _>(q.stream),
            edition: q.edition.to_string(),
            on_sale: q.is_on_sale(),
            credits: q.credits.value,
            price_ex_vat_pence: money::pence(price),
            price_ex_vat: money::text(price),
        }
    }
}

#[derive(Serialize)]
struct UnitLine<'a> {
    unit: &'a str,
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

impl<'a> From<&'a Unit> for UnitLine<'a> {
    fn from(u: &'a Unit) -> UnitLine<'a> {
        UnitLine {
            unit: &u.code,
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
}

pub fn list(ctx: &Context, a: &ListArgs) -> String {
    let c = &ctx.catalogue;
    let shown = |edition: Edition| a.all || edition == Edition::Current;
    if a.units {
        let lines: Vec<UnitLine> = c
            .units
            .iter()
            .filter(|u| shown(u.edition))
            .map(UnitLine::from)
            .collect();
        #[derive(Serialize)]
        struct Units<'a> {
            units: Vec<UnitLine<'a>>,
        }
        return match a.out.format {
            Format::Json => json(&Units { units: lines }),
            Format::Csv => csv(&lines, || c.units.first().map(UnitLine::from)),
            people => {
                let mut t = Table::new(&["code", "level", "credits", "GLH", "practice", "title"])
                    .right_align(&[1, 2, 3, 4]);
                for u in &lines {
                    t.row(vec![
                        u.unit.to_string(),
                        u.level.to_string(),
                        u.credits.to_string(),
                        u.glh.map_or("-".into(), |g| g.to_string()),
                        hours_or_dash(u.practice_hours),
                        u.title.to_string(),
                    ]);
                }
                let mut doc = Doc::default();
                doc.table(t);
                ctx.people(people, &doc)
            }
        };
    }
    let lines: Vec<QualificationLine> = c
        .qualifications
        .iter()
        .filter(|q| shown(q.edition))
        .map(QualificationLine::from)
        .collect();
    #[derive(Serialize)]
    struct Qualifications<'a> {
        qualifications: Vec<QualificationLine<'a>>,
    }
    match a.out.format {
        Format::Json => json(&Qualifications {
            qualifications: lines,
        }),
        Format::Csv => csv(&lines, || {
            c.qualifications.first().map(QualificationLine::from)
        }),
        Format::Table if lines.is_empty() => {
            "No qualification in this catalogue is on sale; `qualplan list --all` lists the older edition.\n".into()
        }
        people => {
            let mut t = Table::new(&["id", "credits", "ex VAT", "title"]).right_align(&[1, 2]);
            for q in &lines {
                t.row(vec![
                    q.qualification.to_string(),
                    q.credits.to_string(),
                    q.price_ex_vat
                        .clone()
                        .unwrap_or_else(|| "on request".into()),
                    q.title.to_string(),
                ]);
            }
            let mut doc = Doc::default();
            doc.table(t);
            ctx.people(people, &doc)
        }
    }
}

/// Practice hours in a table for people: "-" for none.
fn hours_or_dash(h: u32) -> String {
    if h == 0 { "-".into() } else { h.to_string() }
}

/// One fact in JSON and CSV: the figure, its value as shown, and where it
/// comes from (a citation, how it was worked out, or why there is none).
#[derive(Serialize)]
struct FactJson<'a> {
    figure: &'a str,
    value: &'a str,
    source: CitationJson<'a>,
    derived: Option<&'static str>,
    unsourced: Option<String>,
}

impl<'a> FactJson<'a> {
    fn new(c: &'a Catalogue, f: &'a Fact) -> FactJson<'a> {
        let (source, derived, unsourced) = match &f.source {
            FactSource::Cited(cite) => (CitationJson::new(c, cite), None, None),
            FactSource::Derived(how) => (CitationJson::none(), Some(*how), None),
            other => (CitationJson::none(), None, Some(other.to_string())),
        };
        FactJson {
            figure: &f.label,
            value: &f.value,
            source,
            derived,
            unsourced,
        }
    }
}

/// Facts as a three-column table: figure, value, source.
fn facts_table(facts: &[Fact]) -> Table {
    let mut t = Table::new(&["figure", "value", "source"]);
    for f in facts {
        t.row(vec![f.label.clone(), f.value.clone(), f.source.to_string()]);
    }
    t
}

/// The citations in a list of facts.
fn cites(facts: &[Fact]) -> impl Iterator<Item = &Cite> {
    facts.iter().filter_map(|f| match &f.source {
        FactSource::Cited(c) => Some(c),
        _ => None,
    })
}

/// "Sources:" and each document cited, as a reader would look it up.
fn sources_para<'a>(c: &'a Catalogue, cited: impl IntoIterator<Item = &'a Cite>) -> String {
    let docs: Vec<String> = c
        .documents_cited(cited)
        .iter()
        .map(|d| d.to_string())
        .collect();
    format!("Sources:\n{}", docs.join("\n"))
}

pub fn show(ctx: &Context, a: &ShowArgs) -> Result<String, Failure> {
    let name = a.name.join(" ");
    if name.trim().is_empty() {
        return Err(Failure::usage(
            "name a qualification or unit: e.g. `qualplan show l5-dip-cm`",
        ));
    }
    Ok(match ctx.found(&name)? {
        Found::Qualification(q) => show_qualification(ctx, q, a.out.format),
        Found::Unit(u) => show_unit(ctx, u, a.out.format),
    })
}

/// A unit of a qualification, with the group it is in.
#[derive(Serialize)]
struct MemberJson<'a> {
    group: &'a str,
    #[serde(flatten)]
    unit: UnitLine<'a>,
}

#[derive(Serialize)]
struct GroupJson<'a> {
    name: &'a str,
    min_credits: u32,
    units: &'a [String],
}

#[derive(Serialize)]
struct ProgressionJson<'a> {
    text: &'a str,
    qualification: Option<&'a str>,
    source: CitationJson<'a>,
}

/// `show --format json` for a qualification.
#[derive(Serialize)]
struct ShownQualification<'a> {
    kind: HitKind,
    #[serde(flatten)]
    figures: Figures,
    on_sale: bool,
    qualification_number: Option<&'a str>,
    source: CitationJson<'a>,
    facts: Vec<FactJson<'a>>,
    units: Vec<MemberJson<'a>>,
    optional_groups: Vec<GroupJson<'a>>,
    rules_source: CitationJson<'a>,
    audience: Option<SourcedJson<'a>>,
    assessment: Vec<SourcedJson<'a>>,
    progression: Vec<ProgressionJson<'a>>,
    notes: Vec<SourcedJson<'a>>,
    rqf_equivalents: &'a [String],
    /// Where someone holding it can go next (with this provider).
    onward: &'a [Course],
    sources: Vec<DocumentJson<'a>>,
}

fn sourced<'a>(c: &'a Catalogue, s: &'a qualplan::catalogue::Sourced<String>) -> SourcedJson<'a> {
    SourcedJson {
        text: &s.value,
        source: CitationJson::new(c, &s.source),
    }
}

/// The units of `q` in rule order, each with its group.
fn members<'a>(c: &'a Catalogue, q: &Qualification) -> Vec<(String, &'a Unit)> {
    let mandatory = q
        .rules
        .mandatory
        .iter()
        .map(|code| ("mandatory".to_string(), code));
    let optional = q
        .rules
        .optional_groups
        .iter()
        .flat_map(|g| g.units.iter().map(move |code| (g.name.clone(), code)));
    mandatory
        .chain(optional)
        .filter_map(|(group, code)| c.unit(code).map(|u| (group, u)))
        .collect()
}

/// Every citation `show` makes for a qualification, for the list of
/// documents at its end.
fn qualification_cites<'a>(
    q: &'a Qualification,
    facts: &'a [Fact],
    onward: &'a [Fact],
) -> Vec<&'a Cite> {
    let mut all = vec![&q.source, &q.rules.source];
    all.extend(cites(facts));
    all.extend(cites(onward));
    all.extend(q.audience.iter().map(|t| &t.source));
    all.extend(q.entry_requirements.iter().map(|t| &t.source));
    all.extend(q.assessment.iter().map(|t| &t.source));
    all.extend(q.progression.iter().map(|p| &p.source));
    all.extend(q.notes.iter().map(|n| &n.source));
    all
}

fn show_qualification(ctx: &Context, q: &Qualification, format: Format) -> String {
    let c = &ctx.catalogue;
    let facts = planner::qualification_facts(c, q);
    let onward_facts = planner::onward_facts(c, q);
    let members = members(c, q);
    match format {
        Format::Json => {
            let onward = all_upgrades(c, &Holding::one(&q.id, true)).unwrap_or_default();
            json(&ShownQualification {
                kind: HitKind::Qualification,
                figures: Figures::from(&ComparisonRow::new(c, q)),
                on_sale: q.is_on_sale(),
                qualification_number: q.qualification_number.as_ref().map(|n| n.value.as_str()),
                source: CitationJson::new(c, &q.source),
                facts: facts.iter().map(|f| FactJson::new(c, f)).collect(),
                units: members
                    .iter()
                    .map(|(group, u)| MemberJson {
                        group,
                        unit: UnitLine::from(*u),
                    })
                    .collect(),
                optional_groups: q
                    .rules
                    .optional_groups
                    .iter()
                    .map(|g| GroupJson {
                        name: &g.name,
                        min_credits: g.min_credits,
                        units: &g.units,
                    })
                    .collect(),
                rules_source: CitationJson::new(c, &q.rules.source),
                audience: q.audience.as_ref().map(|t| sourced(c, t)),
                assessment: q.assessment.iter().map(|t| sourced(c, t)).collect(),
                progression: q
                    .progression
                    .iter()
                    .map(|p| ProgressionJson {
                        text: &p.text,
                        qualification: p.to.as_deref(),
                        source: CitationJson::new(c, &p.source),
                    })
                    .collect(),
                notes: q.notes.iter().map(|t| sourced(c, t)).collect(),
                rqf_equivalents: c.equivalents(q.level),
                onward: &onward,
                sources: c
                    .documents_cited(qualification_cites(q, &facts, &onward_facts))
                    .into_iter()
                    .map(DocumentJson::from)
                    .collect(),
            })
        }
        Format::Csv => facts_csv(c, Found::Qualification(q), &facts),
        people => {
            let doc = qualification_doc(c, q, &facts, &onward_facts, &members);
            ctx.people(people, &doc)
        }
    }
}

/// The facts as CSV: one row each, what they are of first, the citation
/// in columns.
fn facts_csv(c: &Catalogue, of: Found, facts: &[Fact]) -> String {
    #[derive(Serialize)]
    struct FactRow<'a> {
        qualification: Option<&'a str>,
        unit: Option<&'a str>,
        #[serde(flatten)]
        fact: FactJson<'a>,
    }
    let (qualification, unit) = match of {
        Found::Qualification(q) => (Some(q.id.as_str()), None),
        Found::Unit(u) => (None, Some(u.code.as_str())),
    };
    let rows: Vec<FactRow> = facts
        .iter()
        .map(|f| FactRow {
            qualification,
            unit,
            fact: FactJson::new(c, f),
        })
        .collect();
    csv(&rows, || None)
}

fn qualification_doc(
    c: &Catalogue,
    q: &Qualification,
    facts: &[Fact],
    onward: &[Fact],
    members: &[(String, &Unit)],
) -> Doc {
    let mut doc = Doc::default();
    doc.heading(format!("{} ({})", q.title, q.id));
    let on_sale = if q.is_on_sale() {
        "on sale"
    } else {
        "older edition, not on sale"
    };
    doc.para(format!(
        "Level {} {}, {}, {on_sale}. Source: {}",
        q.level, q.size, q.stream, q.source
    ));
    doc.table(facts_table(facts));

    doc.heading(format!("Units (rules of combination: {})", q.rules.source));
    let mut units =
        Table::new(&["", "code", "credits", "GLH", "practice", "title"]).right_align(&[2, 3, 4]);
    for (group, u) in members {
        units.row(vec![
            group.clone(),
            u.code.clone(),
            u.credits.value.to_string(),
            u.glh.as_ref().map_or("-".into(), |g| g.value.to_string()),
            hours_or_dash(u.practice_hours()),
            u.title.clone(),
        ]);
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
            doc.para(format!("{label}: {} ({})", t.value, t.source));
        }
    }
    for a in &q.assessment {
        doc.para(format!("Assessment: {} ({})", a.value, a.source));
    }
    for p in &q.progression {
        let id = p.to.as_ref().map_or(String::new(), |id| format!(" [{id}]"));
        doc.para(format!("Progression: {}{id} ({})", p.text, p.source));
    }
    if !onward.is_empty() {
        doc.heading("Top-ups and upgrades, completed with this provider");
        doc.table(facts_table(onward));
    }
    for n in &q.notes {
        doc.para(format!("Note: {} ({})", n.value, n.source));
    }
    doc.para(sources_para(c, qualification_cites(q, facts, onward)));
    doc
}

#[derive(Serialize)]
struct UsedIn<'a> {
    qualification: &'a str,
    group: String,
    /// The code the qualification names the unit by.
    unit: &'a str,
}

#[derive(Serialize)]
struct CriterionJson<'a> {
    number: &'a str,
    text: &'a str,
}

#[derive(Serialize)]
struct OutcomeJson<'a> {
    number: u32,
    text: &'a str,
    criteria: Vec<CriterionJson<'a>>,
}

/// `show --format json` for a unit.
#[derive(Serialize)]
struct ShownUnit<'a> {
    kind: HitKind,
    #[serde(flatten)]
    line: UnitLine<'a>,
    source: CitationJson<'a>,
    facts: Vec<FactJson<'a>>,
    used_in: Vec<UsedIn<'a>>,
    outcomes: Vec<OutcomeJson<'a>>,
    outcomes_source: Option<CitationJson<'a>>,
    sources: Vec<DocumentJson<'a>>,
}

fn show_unit(ctx: &Context, u: &Unit, format: Format) -> String {
    let c = &ctx.catalogue;
    let facts = planner::unit_facts(u);
    let used_in: Vec<UsedIn> = c
        .qualifications
        .iter()
        .flat_map(|q| {
            members(c, q)
                .into_iter()
                .filter(|(_, m)| m.code == u.code)
                .map(move |(group, _)| (q, group))
        })
        .map(|(q, group)| UsedIn {
            qualification: &q.id,
            unit: q
                .unit_codes()
                .find(|code| u.has_code(code))
                .unwrap_or(&u.code),
            group,
        })
        .collect();
    let mut cited = vec![&u.source];
    cited.extend(cites(&facts));
    cited.extend(u.outcomes_source.iter());
    match format {
        Format::Json => json(&ShownUnit {
            kind: HitKind::Unit,
            line: UnitLine::from(u),
            source: CitationJson::new(c, &u.source),
            facts: facts.iter().map(|f| FactJson::new(c, f)).collect(),
            used_in,
            outcomes: u
                .outcomes
                .iter()
                .map(|o| OutcomeJson {
                    number: o.number,
                    text: &o.text,
                    criteria: o
                        .criteria
                        .iter()
                        .map(|c| CriterionJson {
                            number: &c.number,
                            text: &c.text,
                        })
                        .collect(),
                })
                .collect(),
            outcomes_source: u.outcomes_source.as_ref().map(|s| CitationJson::new(c, s)),
            sources: c
                .documents_cited(cited)
                .into_iter()
                .map(DocumentJson::from)
                .collect(),
        }),
        Format::Csv => facts_csv(c, Found::Unit(u), &facts),
        people => {
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
                u.level, u.edition, u.source
            ));
            doc.table(facts_table(&facts));
            let used: Vec<String> = used_in
                .iter()
                .map(|x| format!("{} ({}, as {})", x.qualification, x.group, x.unit))
                .collect();
            doc.para(format!(
                "Used in: {}",
                if used.is_empty() {
                    "no qualification".to_string()
                } else {
                    used.join("; ")
                }
            ));
            if u.outcomes.is_empty() {
                doc.para("No source gives this unit's learning outcomes.");
            } else {
                let source = u
                    .outcomes_source
                    .as_ref()
                    .map_or(String::new(), |s| format!(" ({s})"));
                doc.heading(format!("Learning outcomes and assessment criteria{source}"));
                let mut t = Table::new(&["", "the learner will / can"]);
                for o in &u.outcomes {
                    t.row(vec![o.number.to_string(), o.text.clone()]);
                    for crit in &o.criteria {
                        t.row(vec![crit.number.clone(), format!("  {}", crit.text)]);
                    }
                }
                doc.table(t);
            }
            doc.para(sources_para(c, cited));
            ctx.people(people, &doc)
        }
    }
}

#[derive(Serialize)]
struct RouteJson<'a> {
    route: u8,
    title: &'static str,
    suits: &'static str,
    offers: &'static str,
    needs: &'static [&'static str],
    source: CitationJson<'a>,
}

pub fn routes(ctx: &Context, format: Format) -> String {
    let c = &ctx.catalogue;
    let source = DevelopmentRoute::source();
    let routes: Vec<RouteJson> = DevelopmentRoute::ALL
        .iter()
        .map(|r| RouteJson {
            route: r.number(),
            title: r.title(),
            suits: r.suits(),
            offers: r.offers(),
            needs: r.needs(),
            source: CitationJson::new(c, &source),
        })
        .collect();
    #[derive(Serialize)]
    struct Routes<'a> {
        routes: Vec<RouteJson<'a>>,
    }
    match format {
        Format::Json => json(&Routes { routes }),
        Format::Csv => csv(&routes, || None),
        people => {
            let mut doc = Doc::default();
            for r in &routes {
                doc.heading(format!("({}) {}", r.route, r.title));
                doc.para(format!("Suits: {}.", r.suits));
                doc.para(format!("qualplan offers: {}.", r.offers));
                doc.para(format!("It needs to know: {}.", r.needs.join("; ")));
            }
            doc.para(format!("Source: {}", c.cite_in_full(&source)));
            ctx.people(people, &doc)
        }
    }
}

/// One hit of `search --format json`.
#[derive(Serialize)]
struct HitJson<'a> {
    kind: HitKind,
    qualification: Option<&'a str>,
    unit: Option<&'a str>,
    title: &'a str,
    score: i64,
    /// Character positions matched in the id or code.
    id_positions: &'a [usize],
    title_positions: &'a [usize],
    matched_outcome: Option<&'a str>,
}

impl<'a> From<&'a planner::SearchHit> for HitJson<'a> {
    fn from(h: &'a planner::SearchHit) -> HitJson<'a> {
        let (qualification, unit) = match h.kind {
            HitKind::Qualification => (Some(h.key.as_str()), None),
            HitKind::Unit => (None, Some(h.key.as_str())),
        };
        HitJson {
            kind: h.kind,
            qualification,
            unit,
            title: &h.title,
            score: h.score,
            id_positions: &h.key_positions,
            title_positions: &h.title_positions,
            matched_outcome: h.matched_outcome.as_deref(),
        }
    }
}

/// `qualplan search`: over the catalogue's search texts alone (from its
/// compiled copy when there is one), never loading the catalogue itself,
/// which takes far longer and far more memory.
pub fn search(
    origin: &CatalogueOrigin,
    layout: &Layout,
    a: &SearchArgs,
) -> Result<String, Failure> {
    let query = a.query.join(" ");
    super::names::check_length(&query)?;
    if query.trim().is_empty() {
        return Err(Failure::usage(
            "give words to look for: e.g. `qualplan search reflecting mentoring`",
        ));
    }
    let results =
        catalogue::with_search_texts(origin, |texts| planner::search_once(texts, &query, a.limit))
            .map_err(super::load_failure)?;
    let hits: Vec<HitJson> = results.hits.iter().map(HitJson::from).collect();
    #[derive(Serialize)]
    struct Search<'a> {
        query: &'a str,
        total: usize,
        hits: Vec<HitJson<'a>>,
    }
    Ok(match a.out.format {
        Format::Json => json(&Search {
            query: &query,
            total: results.total,
            hits,
        }),
        Format::Csv => csv(&hits, || {
            Some(HitJson {
                kind: HitKind::Unit,
                qualification: None,
                unit: None,
                title: "",
                score: 0,
                id_positions: &[],
                title_positions: &[],
                matched_outcome: None,
            })
        }),
        Format::Table if hits.is_empty() => {
            format!("Nothing matches `{query}`. Try fewer or shorter words, or `qualplan list`.\n")
        }
        people => {
            let mut t = Table::new(&["", "id or code", "title"]);
            for h in &results.hits {
                let kind = match h.kind {
                    HitKind::Qualification => "qualification",
                    HitKind::Unit => "unit",
                };
                let mut title = h.title.clone();
                if let Some(o) = &h.matched_outcome {
                    // Under the title on a terminal; on the same line in a
                    // pipe, where a row is one line.
                    let sep = if layout.width.is_some() { "\n  " } else { "; " };
                    title.push_str(&format!("{sep}outcome: {o}"));
                }
                t.row(vec![kind.into(), h.key.clone(), title]);
            }
            let mut doc = Doc::default();
            doc.table(t);
            if results.total > hits.len() {
                doc.para(format!(
                    "{} more with --limit {}.",
                    results.total - hits.len(),
                    results.total.min(*qualplan::bounds::SEARCH_HITS.end())
                ));
            }
            doc.render(people == Format::Markdown, layout)
        }
    })
}
