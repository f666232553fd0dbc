//! qualplan: choose, compare, plan and pay for the ILM Coaching and
//! Mentoring qualifications.
//!
//! The domain — the catalogue, money, pricing, the planner, enquiries and
//! quotes — is free of any terminal code, so that the command line, the TUI
//! and the tests share one source of truth. The TUI (`tui`) is the
//! interactive app over that domain; it lives in the library so that the
//! benchmarks can drive and draw it without a terminal.

/// The version of every JSON document qualplan writes (`schema_version`,
/// docs/cli.md): raised when a field is renamed or removed, never when
/// one is added.
pub const JSON_SCHEMA_VERSION: u32 = 1;

pub mod bounds;
pub mod catalogue;
pub mod config;
pub mod crash;
pub mod enquiry;
pub mod files;
pub mod money;
pub mod parse;
pub mod plain;
pub mod planner;
pub mod pricing;
pub mod quote;
pub mod summary;
pub mod text;
pub mod tui;
