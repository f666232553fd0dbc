//! Problems found in a catalogue, reported the way a compiler would: file,
//! line and column, the item, what is wrong and what to do.

use std::fmt;

/// The catalogue item a problem belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Item {
    Catalogue,
    Source(String),
    Unit(String),
    Qualification(String),
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Item::Catalogue => write!(f, "catalogue"),
            Item::Source(id) => write!(f, "source `{id}`"),
            Item::Unit(code) => write!(f, "unit `{code}`"),
            Item::Qualification(id) => write!(f, "qualification `{id}`"),
        }
    }
}

/// A validation finding before it is given a line and column.
#[derive(Clone, Debug)]
pub(crate) struct Finding {
    pub item: Item,
    /// Which occurrence of the item (for duplicates: the second is 1).
    pub occurrence: usize,
    /// Field path within the item, outermost first.
    pub fields: Vec<&'static str>,
    pub message: String,
    pub help: String,
}

/// One problem with a catalogue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line and column.
    pub line: usize,
    pub column: usize,
    /// The item concerned, e.g. "qualification `l5-dip-cm`".
    pub item: String,
    pub message: String,
    /// What to do about it.
    pub help: String,
}

/// A catalogue that could not be loaded, with every problem found in it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CatalogueError {
    /// The file as the user named it, or "<embedded catalogue.ron>".
    pub file: String,
    pub problems: Vec<Problem>,
}

impl fmt::Display for CatalogueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The file's own text (ids, paths, the parser's quotes) is shown
        // with any escape sequence or invisible character made visible.
        use crate::text::neutralise;
        let file = neutralise(&self.file);
        for p in &self.problems {
            writeln!(
                f,
                "error: {}:{}:{}: {}: {}",
                file,
                p.line,
                p.column,
                neutralise(&p.item),
                neutralise(&p.message)
            )?;
            writeln!(f, "  help: {}", p.help)?;
        }
        let n = self.problems.len();
        write!(
            f,
            "{} problem{} in {}; the catalogue was not loaded",
            n,
            if n == 1 { "" } else { "s" },
            file
        )
    }
}

impl std::error::Error for CatalogueError {}
