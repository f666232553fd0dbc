//! Everything the catalogue data must hold. The loader runs these checks on
//! every catalogue, so an invalid one never reaches the planner or the UI.

use super::derived::MAX_GROUP_UNITS;
use super::problem::{Finding, Item};
use super::{Catalogue, Cite, Edition, InstalmentExample, Qualification, Unit};
use crate::bounds;
use crate::pricing::{InstalmentTerms, top_up_balance};
use std::collections::{HashMap, HashSet};

/// Levels of the Regulated Qualifications Framework (entry level aside).
const LEVELS: std::ops::RangeInclusive<u8> = bounds::LEVEL;

const MONEY_HELP: &str = "give amounts in pence, from 0 to 100000000 (£1,000,000); docs/reliability.md lists every range";
const HOURS_HELP: &str =
    "give hours from the source, at most 10,000; docs/reliability.md lists every range";
const MONTHS_HELP: &str = "give months from 1 to 120; docs/reliability.md lists every range";

/// All findings, in file order as far as practical.
/// The longest text a catalogue may hold in one field.
pub const MAX_TEXT_CHARS: usize = 10_000;

pub(crate) fn validate(c: &Catalogue) -> Vec<Finding> {
    let mut v = Validator::default();
    v.sources(c);
    v.citations_and_text(c);
    v.pricing(c);
    v.levels(c);
    v.units(c);
    v.qualifications(c);
    v.findings
}

#[derive(Default)]
struct Validator {
    findings: Vec<Finding>,
}

impl Validator {
    fn report(&mut self, item: Item, fields: &[&'static str], message: String, help: &str) {
        self.report_nth(item, 0, fields, message, help);
    }

    fn report_nth(
        &mut self,
        item: Item,
        occurrence: usize,
        fields: &[&'static str],
        message: String,
        help: &str,
    ) {
        self.findings.push(Finding {
            item,
            occurrence,
            fields: fields.to_vec(),
            message,
            help: help.to_string(),
        });
    }

    fn sources(&mut self, c: &Catalogue) {
        let mut seen = HashMap::new();
        for s in &c.sources {
            let n = seen.entry(s.id.as_str()).or_insert(0usize);
            if *n > 0 {
                self.report_nth(
                    Item::Source(s.id.clone()),
                    *n,
                    &["id"],
                    format!("the source id `{}` is used twice", s.id),
                    "give every source document its own id",
                );
            }
            *n += 1;
            if let Some(file) = &s.file
                && (file.contains(['/', '\\']) || file.starts_with('.'))
            {
                self.report(
                    Item::Source(s.id.clone()),
                    &["file"],
                    format!("the file `{file}` is a path, not a file name"),
                    "give the name of the source document's file alone (it is for maintainers and never shown), or leave `file` out",
                );
            }
        }
    }

    /// Every citation names a known source document, and no text holds a
    /// control character (a terminal escape sequence could repaint the
    /// screen or hide text when shown).
    fn citations_and_text(&mut self, c: &Catalogue) {
        let known: HashSet<&str> = c.sources.iter().map(|s| s.id.as_str()).collect();
        let mut found = Vec::new();
        walk(c, &mut |item, field, visit| match visit {
            Visit::Cite(cite) if !known.contains(cite.doc.as_str()) => found.push((
                item.clone(),
                field,
                format!(
                    "the source `{}` is not in the catalogue's `sources`",
                    cite.doc
                ),
                "cite one of the ids listed under `sources`, or add the document there",
            )),
            Visit::Text(text) => {
                let hazard = text
                    .chars()
                    .find_map(|ch| crate::text::hazard(ch).map(|what| (ch, what)));
                if let Some((ch, what)) = hazard {
                    found.push((
                        item.clone(),
                        field,
                        format!("the text holds the {what} U+{:04X}", ch as u32),
                        "remove it: catalogue text is shown in terminals, where control characters (escape sequences), bidirectional overrides and invisible characters could disguise what is written",
                    ));
                } else if let n = text.chars().count()
                    && n > MAX_TEXT_CHARS
                {
                    found.push((
                        item.clone(),
                        field,
                        format!(
                            "the text is {n} characters long, more than the {MAX_TEXT_CHARS} allowed"
                        ),
                        "shorten it; the longest text in the built-in catalogue is under 1,000 characters",
                    ));
                } else if text.trim().is_empty() {
                    found.push((
                        item.clone(),
                        field,
                        "the text is empty".to_string(),
                        "write the text, or remove the entry",
                    ));
                }
            }
            Visit::Cite(_) => {}
        });
        for (item, field, message, help) in found {
            self.report(item, &[field], message, help);
        }
    }

    fn pricing(&mut self, c: &Catalogue) {
        let p = &c.pricing;
        let i = &p.instalments;
        let ex = &i.example;
        let before = self.findings.len();
        let top = || Item::Catalogue;
        self.range(
            top(),
            &["pricing", "vat_rate_percent"],
            "the VAT rate",
            p.vat_rate_percent.value,
            &bounds::VAT_PERCENT,
            "give the rate in whole percent: 20 for the UK standard rate",
        );
        for (field, what, amount) in [
            ("premium", "the instalment premium", i.premium.value),
            ("instalment", "each instalment", i.instalment.value),
        ] {
            self.range(
                top(),
                &["pricing", "instalments", field],
                what,
                amount,
                &bounds::MONEY,
                MONEY_HELP,
            );
        }
        self.range(
            top(),
            &["pricing", "instalments", "monthly_payments"],
            "the number of monthly payments",
            i.monthly_payments.value,
            &bounds::MONTHLY_PAYMENTS,
            "give the number of monthly payments after the first one",
        );
        for amount in [
            ex.price,
            ex.initial_payment,
            ex.monthly_payment,
            ex.final_payment,
            ex.total,
        ] {
            self.range(
                top(),
                &["pricing", "instalments", "example"],
                "an amount in the instalment example",
                amount,
                &bounds::MONEY,
                MONEY_HELP,
            );
        }
        self.range(
            top(),
            &["pricing", "top_up", "example", "fee_ex_vat"],
            "the top-up example's fee",
            p.top_up.example.fee_ex_vat,
            &bounds::MONEY,
            MONEY_HELP,
        );
        // Figures out of range are reported above; the examples are only
        // worked out with figures in range.
        if self.findings.len() == before {
            self.instalment_example(&InstalmentTerms::from(i), ex);
        }
        self.top_up_example(c);
    }

    fn instalment_example(&mut self, terms: &InstalmentTerms, ex: &InstalmentExample) {
        match terms.schedule(ex.price) {
            Ok(s) => {
                let agrees = s.initial == ex.initial_payment
                    && s.monthly.iter().all(|m| *m == ex.monthly_payment)
                    && s.on_completion.unwrap_or(ex.final_payment) == ex.final_payment
                    && s.total == ex.total;
                if !agrees {
                    self.report(
                        Item::Catalogue,
                        &["pricing", "instalments", "example"],
                        format!(
                            "the plan gives {} initial, {} x {} monthly and {} total for a price of {}, but the example says {} initial, {} monthly and {} total",
                            s.initial,
                            s.monthly.len(),
                            s.monthly.first().copied().unwrap_or_default(),
                            s.total,
                            ex.price,
                            ex.initial_payment,
                            ex.monthly_payment,
                            ex.total
                        ),
                        "correct the plan's premium, instalment or number of payments, or the example, so that they agree",
                    );
                }
            }
            Err(e) => self.report(
                Item::Catalogue,
                &["pricing", "instalments", "example"],
                format!("the instalment plan cannot be applied to the example price: {e}"),
                "correct the plan or the example",
            ),
        }
    }

    fn top_up_example(&mut self, c: &Catalogue) {
        let t = &c.pricing.top_up.example;
        let (from, to) = (c.qualification(&t.from), c.qualification(&t.to));
        for (field, id, q) in [("from", &t.from, from), ("to", &t.to, to)] {
            if q.is_none() {
                self.report(
                    Item::Catalogue,
                    &["pricing", "top_up", "example", field],
                    format!("the top-up example names `{id}`, which is not a qualification in the catalogue"),
                    "use the id of a qualification listed under `qualifications`",
                );
            }
        }
        if let (Some(from), Some(to)) = (from, to) {
            if !from.upgrades.iter().any(|u| u.to == to.id) {
                self.report(
                    Item::Catalogue,
                    &["pricing", "top_up", "example"],
                    format!("the top-up example goes from `{}` to `{}`, which is not one of its upgrade routes", from.id, to.id),
                    "add the route to the qualification's `upgrades`, or correct the example",
                );
            }
            if let (Some(held), Some(target)) = (&from.price, &to.price)
                && bounds::MONEY.contains(&held.value)
                && bounds::MONEY.contains(&target.value)
            {
                match top_up_balance(held.value, target.value) {
                    Ok(fee) if fee == t.fee_ex_vat => {}
                    Ok(fee) => self.report(
                        Item::Catalogue,
                        &["pricing", "top_up", "example", "fee_ex_vat"],
                        format!(
                            "the example's fee is {}, but the prices give a balance of {fee}",
                            t.fee_ex_vat
                        ),
                        "correct the example's fee or the two qualifications' prices",
                    ),
                    Err(e) => self.report(
                        Item::Catalogue,
                        &["pricing", "top_up", "example"],
                        format!("the top-up example is not a top-up: {e}"),
                        "a top-up leads to a dearer qualification; correct the example",
                    ),
                }
            }
        }
    }

    fn levels(&mut self, c: &Catalogue) {
        let mut seen = HashSet::new();
        for l in &c.levels {
            if !LEVELS.contains(&l.level) {
                self.report(
                    Item::Catalogue,
                    &["levels"],
                    format!("level {} is outside the framework's levels 1 to 8", l.level),
                    "use a level from 1 to 8",
                );
            }
            if !seen.insert(l.level) {
                self.report(
                    Item::Catalogue,
                    &["levels"],
                    format!("level {} is listed twice", l.level),
                    "list each level's equivalents once",
                );
            }
        }
    }

    fn units(&mut self, c: &Catalogue) {
        let mut owner: HashMap<&str, &str> = HashMap::new();
        let mut occurrences: HashMap<&str, usize> = HashMap::new();
        let used: HashSet<&str> = c
            .qualifications
            .iter()
            .flat_map(|q| q.unit_codes())
            .filter_map(|code| c.unit(code))
            .map(|u| u.code.as_str())
            .collect();
        for u in &c.units {
            let nth = occurrences.entry(u.code.as_str()).or_insert(0);
            let occurrence = *nth;
            *nth += 1;
            let item = || Item::Unit(u.code.clone());
            for code in u.codes() {
                if code.is_empty() || code.chars().any(char::is_whitespace) {
                    self.report_nth(
                        item(),
                        occurrence,
                        &["code"],
                        format!("the code `{code}` is empty or holds spaces"),
                        "write codes without spaces, e.g. `8577-300`",
                    );
                }
                match owner.get(code) {
                    Some(first) => self.report_nth(
                        item(),
                        occurrence,
                        &["code"],
                        if *first == code {
                            format!("the code `{code}` already names an earlier unit")
                        } else {
                            format!("the code `{code}` already names unit `{first}`")
                        },
                        "every code must name one unit: if both entries are the same unit, merge them and list the extra code under `other_codes`",
                    ),
                    None => {
                        owner.insert(code, &u.code);
                    }
                }
            }
            self.unit_figures(u, occurrence);
            if !LEVELS.contains(&u.level) {
                self.report_nth(
                    item(),
                    occurrence,
                    &["level"],
                    format!("level {} is outside the framework's levels 1 to 8", u.level),
                    "use a level from 1 to 8",
                );
            }
            if occurrence == 0 && !used.contains(u.code.as_str()) {
                self.report(
                    item(),
                    &["code"],
                    "no qualification uses this unit".to_string(),
                    "add it to a qualification's rules of combination, or remove it",
                );
            }
            self.outcome_numbering(u, occurrence);
        }
    }

    /// A unit's credits, hours and clients within `bounds`.
    fn unit_figures(&mut self, u: &Unit, occurrence: usize) {
        let item = Item::Unit(u.code.clone());
        let mut check = |field, what, value, range: &std::ops::RangeInclusive<u32>, help| {
            if let Err(e) = bounds::check(what, value, range) {
                self.report_nth(item.clone(), occurrence, &[field], e.to_string(), help);
            }
        };
        check(
            "credits",
            "the credit value",
            u.credits.value,
            &bounds::UNIT_CREDITS,
            "give the unit's credit value from its source",
        );
        if let Some(g) = &u.glh {
            check(
                "glh",
                "the number of guided learning hours",
                g.value,
                &bounds::HOURS,
                HOURS_HELP,
            );
        }
        if let Some(p) = &u.practice {
            check(
                "practice",
                "the number of practice hours",
                p.hours.value,
                &bounds::HOURS,
                HOURS_HELP,
            );
            if let Some(m) = &p.min_clients {
                check(
                    "practice",
                    "the number of clients",
                    m.value,
                    &bounds::CLIENTS,
                    "give the number of clients the source states (at most 1,000)",
                );
            }
        }
    }

    /// Reports `value` when it lies outside `range`.
    fn range<T: PartialOrd + std::fmt::Display>(
        &mut self,
        item: Item,
        fields: &[&'static str],
        what: &str,
        value: T,
        range: &std::ops::RangeInclusive<T>,
        help: &str,
    ) {
        if let Err(e) = bounds::check(what, value, range) {
            self.report(item, fields, e.to_string(), help);
        }
    }

    fn outcome_numbering(&mut self, u: &Unit, occurrence: usize) {
        for (expected, o) in (1u32..).zip(&u.outcomes) {
            if o.number != expected {
                self.report_nth(
                    Item::Unit(u.code.clone()),
                    occurrence,
                    &["outcomes"],
                    format!(
                        "learning outcome {} should be numbered {expected}",
                        o.number
                    ),
                    "number learning outcomes 1, 2, 3 ... in order",
                );
            }
            for (k, crit) in o.criteria.iter().enumerate() {
                let want = format!("{}.{}", o.number, k + 1);
                if crit.number != want {
                    self.report_nth(
                        Item::Unit(u.code.clone()),
                        occurrence,
                        &["outcomes"],
                        format!("assessment criterion `{}` under outcome {} should be numbered `{want}`", crit.number, o.number),
                        "number criteria `outcome.n` in order, e.g. 2.1, 2.2",
                    );
                }
            }
            if o.criteria.is_empty() {
                self.report_nth(
                    Item::Unit(u.code.clone()),
                    occurrence,
                    &["outcomes"],
                    format!("learning outcome {} has no assessment criteria", o.number),
                    "list the criteria the learner is assessed against",
                );
            }
        }
        if !u.outcomes.is_empty() && u.outcomes_source.is_none() {
            self.report_nth(
                Item::Unit(u.code.clone()),
                occurrence,
                &["outcomes"],
                "the learning outcomes have no source".to_string(),
                "add `outcomes_source` naming where they were taken from",
            );
        }
    }

    fn qualifications(&mut self, c: &Catalogue) {
        let mut occurrences: HashMap<&str, usize> = HashMap::new();
        for q in &c.qualifications {
            let nth = occurrences.entry(q.id.as_str()).or_insert(0);
            let occurrence = *nth;
            *nth += 1;
            if occurrence > 0 {
                self.report_nth(
                    Item::Qualification(q.id.clone()),
                    occurrence,
                    &["id"],
                    format!("the id `{}` is used by more than one qualification", q.id),
                    "give every qualification its own id",
                );
                continue;
            }
            self.qualification(c, q);
        }
    }

    fn qualification(&mut self, c: &Catalogue, q: &Qualification) {
        let item = || Item::Qualification(q.id.clone());
        if !is_valid_id(&q.id) {
            self.report(
                item(),
                &["id"],
                format!("the id `{}` is not a short typable id", q.id),
                "use lower-case letters, digits and single hyphens, e.g. `l5-cert-cm`",
            );
        }
        if !LEVELS.contains(&q.level) {
            self.report(
                item(),
                &["level"],
                format!("level {} is outside the framework's levels 1 to 8", q.level),
                "use a level from 1 to 8",
            );
        }
        self.rules(c, q);
        self.money_and_time(q);
        self.stated_glh(c, q);
        for p in &q.progression {
            if let Some(to) = &p.to
                && c.qualification(to).is_none()
            {
                self.report(
                    item(),
                    &["progression"],
                    format!("progression names `{to}`, which is not a qualification in the catalogue"),
                    "use a qualification id, or leave `to` out and describe the destination in `text`",
                );
            }
        }
        self.upgrades(c, q);
    }

    fn rules(&mut self, c: &Catalogue, q: &Qualification) {
        let item = || Item::Qualification(q.id.clone());
        let mut seen: HashMap<&str, &str> = HashMap::new();
        for code in q.unit_codes() {
            let Some(unit) = c.unit(code) else {
                self.report(
                    item(),
                    &["rules"],
                    format!(
                        "the rules of combination name unit `{code}`, which is not in the catalogue"
                    ),
                    "use a code of a unit listed under `units`, or add the unit",
                );
                continue;
            };
            if let Some(first) = seen.insert(unit.code.as_str(), code) {
                self.report(
                    item(),
                    &["rules"],
                    format!("unit `{code}` appears twice in the rules of combination (also as `{first}`)"),
                    "list each unit once: mandatory, or in one optional group",
                );
            }
            if unit.level > q.level {
                self.report(
                    item(),
                    &["rules"],
                    format!(
                        "unit `{code}` is at level {}, above the qualification's level {}",
                        unit.level, q.level
                    ),
                    "a qualification can only contain units at or below its own level",
                );
            }
            if unit.edition != q.edition {
                self.report(
                    item(),
                    &["rules"],
                    format!("unit `{code}` belongs to the {} edition but the qualification to the {} edition", unit.edition, q.edition),
                    "use units of the qualification's own edition",
                );
            }
        }
        // Sums stop at the largest u32 rather than wrap, so a catalogue
        // whose credits would wrap to the stated value is refused.
        let credits_of = |codes: &[String]| -> u32 {
            super::total(
                codes
                    .iter()
                    .filter_map(|code| c.unit(code))
                    .map(|u| u.credits.value),
            )
        };
        let mandatory = credits_of(&q.rules.mandatory);
        let stated = q.credits.value;
        if q.rules.optional_groups.is_empty() {
            if mandatory != stated {
                self.report(
                    item(),
                    &["credits"],
                    format!("the mandatory units add up to {mandatory} credits, but the stated credit value is {stated}"),
                    "make the units' credits add up to the qualification's `credits`, or correct `credits`",
                );
            }
            return;
        }
        for group in &q.rules.optional_groups {
            let available = credits_of(&group.units);
            if group.units.len() > MAX_GROUP_UNITS {
                self.report(
                    item(),
                    &["rules", "optional_groups"],
                    format!(
                        "optional group `{}` has {} units; at most {MAX_GROUP_UNITS} are supported",
                        group.name,
                        group.units.len()
                    ),
                    "split the group",
                );
            }
            if let Err(e) = bounds::check(
                &format!("`min_credits` of optional group `{}`", group.name),
                group.min_credits,
                &bounds::QUALIFICATION_CREDITS,
            ) {
                self.report(
                    item(),
                    &["rules", "optional_groups"],
                    e.to_string(),
                    "give the credits the learner must reach from the group",
                );
            }
            if available < group.min_credits {
                self.report(
                    item(),
                    &["rules", "optional_groups"],
                    format!(
                        "optional group `{}` needs {} credits but its units offer only {available}",
                        group.name, group.min_credits
                    ),
                    "add units to the group or lower its `min_credits`",
                );
            }
            let together = mandatory.saturating_add(group.min_credits);
            if together != stated {
                self.report(
                    item(),
                    &["credits"],
                    format!(
                        "the mandatory units ({mandatory} credits) plus optional group `{}` ({} credits) make {together}, but the stated credit value is {stated}",
                        group.name, group.min_credits,
                    ),
                    "make the mandatory credits plus each group's `min_credits` equal the qualification's `credits`",
                );
            }
        }
    }

    fn money_and_time(&mut self, q: &Qualification) {
        let item = || Item::Qualification(q.id.clone());
        self.range(
            item(),
            &["credits"],
            "the credit value",
            q.credits.value,
            &bounds::QUALIFICATION_CREDITS,
            "give the qualification's credit value from its source",
        );
        for (field, hours) in [
            ("induction_hours", &q.induction_hours),
            ("tutorial_hours", &q.tutorial_hours),
            ("stated_glh", &q.stated_glh),
        ] {
            if let Some(h) = hours {
                self.range(
                    item(),
                    &[field],
                    "the number of hours",
                    h.value,
                    &bounds::HOURS,
                    HOURS_HELP,
                );
            }
        }
        let units = q.unit_codes().count();
        if units > bounds::UNITS_PER_QUALIFICATION {
            self.report(
                item(),
                &["rules"],
                format!(
                    "the rules of combination name {units} units; at most {} are supported",
                    bounds::UNITS_PER_QUALIFICATION
                ),
                "no qualification has so many units: check the rules of combination",
            );
        }
        if let Some(price) = &q.price {
            self.range(
                item(),
                &["price"],
                "the price",
                price.value,
                &bounds::MONEY,
                "give the price excluding VAT in pence, e.g. 169500 for £1,695; at most £1,000,000",
            );
            if q.edition == Edition::Older {
                self.report(
                    item(),
                    &["price"],
                    "an older-edition qualification is not on sale but has a price".to_string(),
                    "remove the price (older-edition qualifications are kept for reference only), or move the qualification to the current edition",
                );
            }
        }
        if let Some(target) = &q.target_months {
            let t = target.value;
            for m in [t.min, t.max] {
                self.range(
                    item(),
                    &["target_months"],
                    "the suggested target in months",
                    m,
                    &bounds::MONTHS,
                    MONTHS_HELP,
                );
            }
            if t.min > t.max {
                self.report(
                    item(),
                    &["target_months"],
                    format!(
                        "the suggested target of {}..{} months is not a range",
                        t.min, t.max
                    ),
                    "give `min` and `max` in months with 0 < min <= max",
                );
            }
            if let Some(reg) = &q.registration_months
                && t.max > reg.value
            {
                self.report(
                    item(),
                    &["target_months"],
                    format!("the suggested target of up to {} months is longer than the {}-month registration", t.max, reg.value),
                    "a target must fit within the registration period; correct one of them",
                );
            }
        }
        if let Some(reg) = &q.registration_months {
            self.range(
                item(),
                &["registration_months"],
                "the registration period in months",
                reg.value,
                &bounds::MONTHS,
                "give the registration period in months, e.g. 36 for 3 years (at most 120)",
            );
        }
    }

    /// A stated GLH figure must be the units' hours, or the units' hours plus
    /// induction and tutorial support (the two ways the sources count them).
    fn stated_glh(&mut self, c: &Catalogue, q: &Qualification) {
        let (Some(stated), Some(range)) = (&q.stated_glh, q.glh_range(c)) else {
            return;
        };
        let support = q
            .induction_hours
            .as_ref()
            .map_or(0, |h| h.value)
            .saturating_add(q.tutorial_hours.as_ref().map_or(0, |h| h.value));
        let fits =
            |units: u32| stated.value == units || stated.value == units.saturating_add(support);
        if !(fits(range.min) && fits(range.max)) {
            self.report(
                Item::Qualification(q.id.clone()),
                &["stated_glh"],
                format!(
                    "the stated {} guided learning hours match neither the units' {range} hours nor those plus {support} hours of induction and tutorials",
                    stated.value
                ),
                "correct the stated figure or the units' `glh`",
            );
        }
    }

    fn upgrades(&mut self, c: &Catalogue, q: &Qualification) {
        let item = || Item::Qualification(q.id.clone());
        let mut seen = HashSet::new();
        for route in &q.upgrades {
            if !seen.insert(route.to.as_str()) {
                self.report(
                    item(),
                    &["upgrades"],
                    format!("the upgrade to `{}` is listed twice", route.to),
                    "list each upgrade route once",
                );
            }
            let Some(target) = c.qualification(&route.to) else {
                self.report(
                    item(),
                    &["upgrades"],
                    format!("the upgrade route leads to `{}`, which is not a qualification in the catalogue", route.to),
                    "use the id of a qualification listed under `qualifications`",
                );
                continue;
            };
            let why_not = if target.id == q.id {
                Some("it leads to the same qualification".to_string())
            } else if target.level != q.level {
                Some(format!(
                    "it changes level ({} to {})",
                    q.level, target.level
                ))
            } else if target.credits.value <= q.credits.value {
                Some(format!(
                    "`{}` is not larger ({} credits, against {})",
                    target.id, target.credits.value, q.credits.value
                ))
            } else if target.edition != q.edition {
                Some(format!(
                    "it crosses editions ({} to {})",
                    q.edition, target.edition
                ))
            } else if !shares_a_unit(c, q, target) {
                Some(format!(
                    "no unit of `{}` counts towards `{}`",
                    q.id, target.id
                ))
            } else {
                None
            };
            if let Some(why) = why_not {
                self.report(
                    item(),
                    &["upgrades"],
                    format!("the upgrade to `{}` is not an upgrade: {why}", target.id),
                    "an upgrade leads to a larger qualification at the same level and edition that carries over at least one unit",
                );
            }
        }
    }
}

fn shares_a_unit(c: &Catalogue, a: &Qualification, b: &Qualification) -> bool {
    let held: HashSet<&str> = a
        .unit_codes()
        .filter_map(|code| c.unit(code))
        .map(|u| u.code.as_str())
        .collect();
    b.unit_codes()
        .filter_map(|code| c.unit(code))
        .any(|u| held.contains(u.code.as_str()))
}

fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|ch| ch.is_ascii_lowercase() || ch.is_ascii_digit())
        })
}

/// A piece of the catalogue the walker shows the visitor.
enum Visit<'a> {
    Text(&'a str),
    Cite(&'a Cite),
}

/// Calls `f` for every text and every citation in the catalogue, with the
/// item and field it belongs to.
fn walk(c: &Catalogue, f: &mut dyn FnMut(&Item, &'static str, Visit)) {
    let top = Item::Catalogue;
    f(&top, "awarding_body", Visit::Text(&c.awarding_body));
    for s in &c.sources {
        let item = Item::Source(s.id.clone());
        for (field, text) in [
            ("id", &s.id),
            ("title", &s.title),
            ("publisher", &s.publisher),
            ("date", &s.date),
        ] {
            f(&item, field, Visit::Text(text));
        }
        if let Some(file) = &s.file {
            f(&item, "file", Visit::Text(file));
        }
    }
    f(&top, "provider", Visit::Text(&c.provider.name));
    for text in c.provider.price_includes.iter().chain(&c.provider.terms) {
        f(&top, "provider", Visit::Text(text));
    }
    f(&top, "provider", Visit::Cite(&c.provider.source));
    let p = &c.pricing;
    f(&top, "pricing", Visit::Cite(&p.vat_rate_percent.source));
    f(&top, "pricing", Visit::Text(&p.top_up.rule.value));
    f(&top, "pricing", Visit::Cite(&p.top_up.rule.source));
    f(&top, "pricing", Visit::Cite(&p.top_up.example.source));
    let i = &p.instalments;
    for cite in [
        &i.premium.source,
        &i.instalment.source,
        &i.monthly_payments.source,
        &i.final_payment_on_completion.source,
        &i.example.source,
    ] {
        f(&top, "instalments", Visit::Cite(cite));
    }
    for l in &c.levels {
        for e in &l.equivalents {
            f(&top, "levels", Visit::Text(e));
        }
        f(&top, "levels", Visit::Cite(&l.source));
    }
    for u in &c.units {
        walk_unit(u, f);
    }
    for q in &c.qualifications {
        walk_qualification(q, f);
    }
}

fn walk_unit(u: &Unit, f: &mut dyn FnMut(&Item, &'static str, Visit)) {
    let item = Item::Unit(u.code.clone());
    f(&item, "code", Visit::Text(&u.code));
    for code in &u.other_codes {
        f(&item, "other_codes", Visit::Text(&code.value));
        f(&item, "other_codes", Visit::Cite(&code.source));
    }
    f(&item, "title", Visit::Text(&u.title));
    f(&item, "source", Visit::Cite(&u.source));
    f(&item, "credits", Visit::Cite(&u.credits.source));
    if let Some(g) = &u.glh {
        f(&item, "glh", Visit::Cite(&g.source));
    }
    if let Some(p) = &u.practice {
        f(&item, "practice", Visit::Cite(&p.hours.source));
        if let Some(m) = &p.min_clients {
            f(&item, "practice", Visit::Cite(&m.source));
        }
    }
    for o in &u.outcomes {
        f(&item, "outcomes", Visit::Text(&o.text));
        for crit in &o.criteria {
            f(&item, "outcomes", Visit::Text(&crit.number));
            f(&item, "outcomes", Visit::Text(&crit.text));
        }
    }
    if let Some(s) = &u.outcomes_source {
        f(&item, "outcomes_source", Visit::Cite(s));
    }
}

fn walk_qualification(q: &Qualification, f: &mut dyn FnMut(&Item, &'static str, Visit)) {
    let item = Item::Qualification(q.id.clone());
    f(&item, "id", Visit::Text(&q.id));
    f(&item, "title", Visit::Text(&q.title));
    f(&item, "source", Visit::Cite(&q.source));
    if let Some(n) = &q.qualification_number {
        f(&item, "qualification_number", Visit::Text(&n.value));
        f(&item, "qualification_number", Visit::Cite(&n.source));
    }
    f(&item, "credits", Visit::Cite(&q.credits.source));
    f(&item, "rules", Visit::Cite(&q.rules.source));
    for code in q.unit_codes() {
        f(&item, "rules", Visit::Text(code));
    }
    for g in &q.rules.optional_groups {
        f(&item, "rules", Visit::Text(&g.name));
    }
    let figures = [
        (
            "induction_hours",
            q.induction_hours.as_ref().map(|s| &s.source),
        ),
        (
            "tutorial_hours",
            q.tutorial_hours.as_ref().map(|s| &s.source),
        ),
        ("stated_glh", q.stated_glh.as_ref().map(|s| &s.source)),
        (
            "registration_months",
            q.registration_months.as_ref().map(|s| &s.source),
        ),
        ("target_months", q.target_months.as_ref().map(|s| &s.source)),
        ("price", q.price.as_ref().map(|s| &s.source)),
    ];
    for (field, cite) in figures {
        if let Some(cite) = cite {
            f(&item, field, Visit::Cite(cite));
        }
    }
    let texts = [
        ("audience", &q.audience),
        ("entry_requirements", &q.entry_requirements),
    ];
    for (field, text) in texts {
        if let Some(t) = text {
            f(&item, field, Visit::Text(&t.value));
            f(&item, field, Visit::Cite(&t.source));
        }
    }
    for (field, list) in [("assessment", &q.assessment), ("notes", &q.notes)] {
        for t in list {
            f(&item, field, Visit::Text(&t.value));
            f(&item, field, Visit::Cite(&t.source));
        }
    }
    for p in &q.progression {
        f(&item, "progression", Visit::Text(&p.text));
        f(&item, "progression", Visit::Cite(&p.source));
    }
    for u in &q.upgrades {
        f(&item, "upgrades", Visit::Cite(&u.source));
    }
}
