//! qualplan: choose, compare, plan and pay for the ILM Coaching and
//! Mentoring qualifications.
//!
//! The library holds the domain — the catalogue, money and pricing — free of
//! any terminal code, so that the command line, the TUI and the tests share
//! one source of truth.

pub mod catalogue;
pub mod enquiry;
pub mod money;
pub mod planner;
pub mod pricing;
pub mod quote;
pub mod text;
