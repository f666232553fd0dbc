//! Payment plans with dates: pay in full, or the provider's instalments.

use super::add_months;
use crate::money::{Pence, VatBreakdown, VatRate, serialize_amount};
use crate::pricing::{InstalmentTerms, PricingError};
use chrono::NaiveDate;
use serde::Serialize;
use std::fmt;

/// In full or by instalments.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PaymentKind {
    InFull,
    Instalments,
}

/// When a payment falls due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Due {
    On(NaiveDate),
    /// On successful completion, expected around the given date if known.
    OnCompletion(Option<NaiveDate>),
}

impl fmt::Display for Due {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Due::On(d) => d.to_string(),
            Due::OnCompletion(Some(d)) => format!("on completion (target {d})"),
            Due::OnCompletion(None) => "on completion".to_string(),
        };
        f.pad(&text)
    }
}

/// One payment: ex VAT, VAT and inc VAT.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Payment {
    pub label: String,
    pub due: Due,
    pub amount: VatBreakdown,
}

/// In JSON (docs/schema/common.schema.json): `due` is a date, or `null`
/// with `on_completion` true and `expected` the date it is expected by;
/// money as pence beside the formatted amount.
impl Serialize for Payment {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let (due, expected) = match self.due {
            Due::On(d) => (Some(d), None),
            Due::OnCompletion(expected) => (None, expected),
        };
        let mut st = s.serialize_struct("Payment", 10)?;
        st.serialize_field("label", &self.label)?;
        st.serialize_field("due", &due)?;
        st.serialize_field("on_completion", &due.is_none())?;
        st.serialize_field("expected", &expected)?;
        let a = &self.amount;
        serialize_amount(
            &mut st,
            "amount_ex_vat_pence",
            "amount_ex_vat",
            Some(a.ex_vat),
        )?;
        serialize_amount(&mut st, "vat_pence", "vat", Some(a.vat))?;
        serialize_amount(
            &mut st,
            "amount_inc_vat_pence",
            "amount_inc_vat",
            Some(a.inc_vat),
        )?;
        st.end()
    }
}

/// Every payment, and their totals (each total is the sum of its column, so
/// VAT rounded per payment always adds up).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaymentPlan {
    pub kind: PaymentKind,
    /// The price the plan pays, before any instalment premium.
    pub price_ex_vat: Pence,
    pub premium_ex_vat: Pence,
    pub payments: Vec<Payment>,
    pub total: VatBreakdown,
}

/// In JSON (docs/schema/common.schema.json): the kind, every amount as
/// pence beside the formatted amount, then the payments.
impl Serialize for PaymentPlan {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("PaymentPlan", 12)?;
        st.serialize_field("kind", &self.kind)?;
        let t = &self.total;
        let money = [
            ("price_ex_vat_pence", "price_ex_vat", self.price_ex_vat),
            (
                "premium_ex_vat_pence",
                "premium_ex_vat",
                self.premium_ex_vat,
            ),
            ("total_ex_vat_pence", "total_ex_vat", t.ex_vat),
            ("total_vat_pence", "total_vat", t.vat),
            ("total_inc_vat_pence", "total_inc_vat", t.inc_vat),
        ];
        for (pence, formatted, amount) in money {
            serialize_amount(&mut st, pence, formatted, Some(amount))?;
        }
        st.serialize_field("payments", &self.payments)?;
        st.end()
    }
}

fn totals(payments: &[Payment]) -> Result<VatBreakdown, PricingError> {
    let column = |f: fn(&VatBreakdown) -> Pence| {
        Pence::checked_sum(payments.iter().map(|p| f(&p.amount))).ok_or(PricingError::Overflow)
    };
    Ok(VatBreakdown {
        ex_vat: column(|a| a.ex_vat)?,
        vat: column(|a| a.vat)?,
        inc_vat: column(|a| a.inc_vat)?,
    })
}

/// An amount with its VAT, or the overflow that stops the plan.
fn with_vat(vat: VatRate, amount: Pence) -> Result<VatBreakdown, PricingError> {
    vat.breakdown(amount).ok_or(PricingError::Overflow)
}

/// The whole price before the learner begins.
pub fn pay_in_full(
    vat: VatRate,
    price: Pence,
    start: NaiveDate,
) -> Result<PaymentPlan, PricingError> {
    let payments = vec![Payment {
        label: "Payment in full".to_string(),
        due: Due::On(start),
        amount: with_vat(vat, price)?,
    }];
    Ok(PaymentPlan {
        kind: PaymentKind::InFull,
        price_ex_vat: price,
        premium_ex_vat: Pence::ZERO,
        total: totals(&payments)?,
        payments,
    })
}

/// The instalment plan: the initial payment at the start, then monthly
/// payments, then (if the terms say so) one on completion.
pub fn pay_by_instalments(
    vat: VatRate,
    terms: &InstalmentTerms,
    price: Pence,
    start: NaiveDate,
    expected_completion: Option<NaiveDate>,
) -> Result<PaymentPlan, PricingError> {
    let s = terms.schedule(price)?;
    let mut payments = vec![Payment {
        label: format!("First payment, incl. {} premium", s.premium),
        due: Due::On(start),
        amount: with_vat(vat, s.initial)?,
    }];
    let count = s.monthly.len();
    for (month, amount) in (1u32..).zip(&s.monthly) {
        payments.push(Payment {
            label: format!("Monthly payment {month} of {count}"),
            due: Due::On(add_months(start, month).ok_or(PricingError::Overflow)?),
            amount: with_vat(vat, *amount)?,
        });
    }
    if let Some(amount) = s.on_completion {
        payments.push(Payment {
            label: "Final payment, on completion".to_string(),
            due: Due::OnCompletion(expected_completion),
            amount: with_vat(vat, amount)?,
        });
    }
    Ok(PaymentPlan {
        kind: PaymentKind::Instalments,
        price_ex_vat: price,
        premium_ex_vat: s.premium,
        total: totals(&payments)?,
        payments,
    })
}
