//! Money in JSON: integer pence in `_pence` fields next to the formatted
//! text ("£1,695.00"); a price on request is `null` in both.

use qualplan::money::Pence;

pub fn pence(p: Option<Pence>) -> Option<i64> {
    p.map(|p| p.0)
}

pub fn text(p: Option<Pence>) -> Option<String> {
    p.map(|p| p.to_string())
}

/// For tables: the amount, or "on request".
pub fn cell(p: Option<Pence>) -> String {
    p.map_or_else(|| "on request".to_string(), |p| p.to_string())
}
