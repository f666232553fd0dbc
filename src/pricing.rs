//! What a learner pays: top-up balances and the instalment plan. Pure
//! arithmetic on integer pence; the catalogue supplies the parameters.

use crate::catalogue::InstalmentPlan;
use crate::money::Pence;
use std::fmt;

/// Why a price cannot be worked out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PricingError {
    /// The target costs less than what is held: not a top-up.
    NegativeBalance { held: Pence, target: Pence },
    /// The payments after the first add up to more than the price.
    InstalmentsExceedPrice { price: Pence, later: Pence },
    /// A plan needs at least one payment after the initial one.
    NoInstalments,
    /// More monthly payments than any plan may have (`bounds::MONTHLY_PAYMENTS`).
    TooManyPayments { months: u32 },
    /// A figure would not fit (only with amounts far outside `bounds::MONEY`).
    Overflow,
}

impl fmt::Display for PricingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PricingError::NegativeBalance { held, target } => write!(
                f,
                "the target costs {target}, less than the {held} already paid, so there is no balance to pay"
            ),
            PricingError::InstalmentsExceedPrice { price, later } => write!(
                f,
                "the instalments after the first add up to {later}, more than the price of {price}; use smaller or fewer instalments"
            ),
            PricingError::NoInstalments => {
                write!(
                    f,
                    "an instalment plan needs at least one payment after the initial one"
                )
            }
            PricingError::TooManyPayments { months } => write!(
                f,
                "{months} monthly payments are more than a plan may have (at most {})",
                crate::bounds::MONTHLY_PAYMENTS.end()
            ),
            PricingError::Overflow => write!(
                f,
                "the amounts are too large to work out (each may be at most {})",
                crate::bounds::MONEY.end()
            ),
        }
    }
}

impl std::error::Error for PricingError {}

/// The top-up fee: only the balance between the target's price and the
/// price of the qualification already completed with the same provider.
pub fn top_up_balance(held: Pence, target: Pence) -> Result<Pence, PricingError> {
    if target < held {
        return Err(PricingError::NegativeBalance { held, target });
    }
    target.checked_sub(held).ok_or(PricingError::Overflow)
}

/// The terms of an instalment plan, taken from the catalogue and open to
/// adjustment by the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct InstalmentTerms {
    /// Added to the price for paying by instalments; paid with the first payment.
    pub premium: Pence,
    /// Amount of each payment after the initial one.
    pub instalment: Pence,
    pub monthly_payments: u32,
    /// One more instalment falls due on successful completion.
    pub final_on_completion: bool,
}

impl From<&InstalmentPlan> for InstalmentTerms {
    fn from(plan: &InstalmentPlan) -> Self {
        InstalmentTerms {
            premium: plan.premium.value,
            instalment: plan.instalment.value,
            monthly_payments: plan.monthly_payments.value,
            final_on_completion: plan.final_payment_on_completion.value,
        }
    }
}

/// Amounts due under an instalment plan (all excluding VAT).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InstalmentSchedule {
    /// First payment, premium included.
    pub initial: Pence,
    pub premium: Pence,
    /// One per month after the initial payment.
    pub monthly: Vec<Pence>,
    pub on_completion: Option<Pence>,
    /// Price plus premium.
    pub total: Pence,
}

impl InstalmentTerms {
    /// Payments after the first one.
    fn later_payments(&self) -> i64 {
        i64::from(self.monthly_payments) + i64::from(self.final_on_completion)
    }

    /// Splits a price into the plan's payments: equal instalments after the
    /// first, and the first payment takes the rest plus the premium. Every
    /// figure is checked: no count, amount or sum can wrap or allocate more
    /// than `bounds::MONTHLY_PAYMENTS` payments.
    pub fn schedule(&self, price: Pence) -> Result<InstalmentSchedule, PricingError> {
        if !crate::bounds::MONTHLY_PAYMENTS.contains(&self.monthly_payments) {
            return Err(PricingError::TooManyPayments {
                months: self.monthly_payments,
            });
        }
        let count = self.later_payments();
        if count == 0 {
            return Err(PricingError::NoInstalments);
        }
        let later = self
            .instalment
            .checked_mul(count)
            .ok_or(PricingError::Overflow)?;
        if later > price {
            return Err(PricingError::InstalmentsExceedPrice { price, later });
        }
        let overflow = || PricingError::Overflow;
        Ok(InstalmentSchedule {
            initial: price
                .checked_sub(later)
                .and_then(|rest| rest.checked_add(self.premium))
                .ok_or_else(overflow)?,
            premium: self.premium,
            monthly: vec![self.instalment; self.monthly_payments as usize],
            on_completion: self.final_on_completion.then_some(self.instalment),
            total: price.checked_add(self.premium).ok_or_else(overflow)?,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack_terms() -> InstalmentTerms {
        InstalmentTerms {
            premium: Pence::pounds(25),
            instalment: Pence::pounds(150),
            monthly_payments: 3,
            final_on_completion: true,
        }
    }

    #[test]
    fn pack_example_to_the_penny() {
        // Pack section 8: price £995 -> £420 (incl. £25 premium), 3 x £150,
        // £150 on completion, total £1,020.
        let s = pack_terms().schedule(Pence::pounds(995)).unwrap();
        assert_eq!(s.initial, Pence::pounds(420));
        assert_eq!(s.monthly, vec![Pence::pounds(150); 3]);
        assert_eq!(s.on_completion, Some(Pence::pounds(150)));
        assert_eq!(s.total, Pence::pounds(1_020));
        let paid = Pence::checked_sum(
            [s.initial]
                .into_iter()
                .chain(s.monthly.iter().copied())
                .chain(s.on_completion),
        );
        assert_eq!(paid, Some(s.total));
    }

    /// Instalments whose product wraps (`--instalment` near the largest
    /// amount) are refused, not let through the "exceeds the price" check;
    /// a count that would allocate without bound is refused before any
    /// allocation.
    #[test]
    fn wrapping_and_huge_plans_are_refused() {
        let mut terms = pack_terms();
        terms.instalment = Pence(i64::MAX / 2);
        assert_eq!(
            terms.schedule(Pence::pounds(995)),
            Err(PricingError::Overflow)
        );
        terms.instalment = Pence(3_074_457_345_618_258_603); // x 3 wraps to a small amount
        assert!(terms.schedule(Pence::pounds(995)).is_err());
        let mut terms = pack_terms();
        terms.monthly_payments = 4_294_967_294;
        assert_eq!(
            terms.schedule(Pence::pounds(995)),
            Err(PricingError::TooManyPayments {
                months: 4_294_967_294
            })
        );
        let mut terms = pack_terms();
        terms.premium = Pence(i64::MAX);
        assert_eq!(
            terms.schedule(Pence::pounds(995)),
            Err(PricingError::Overflow)
        );
    }

    #[test]
    fn instalments_larger_than_price_are_refused() {
        let err = pack_terms().schedule(Pence::pounds(500)).unwrap_err();
        assert_eq!(
            err,
            PricingError::InstalmentsExceedPrice {
                price: Pence::pounds(500),
                later: Pence::pounds(600)
            }
        );
    }

    #[test]
    fn top_up_balance_is_the_difference() {
        assert_eq!(
            top_up_balance(Pence::pounds(1_695), Pence::pounds(2_225)),
            Ok(Pence::pounds(530))
        );
        assert!(top_up_balance(Pence::pounds(2_225), Pence::pounds(1_695)).is_err());
    }
}
