//! From a start date: the target completion date (or range), when the
//! registration expires, and the weekly hours needed to finish in time.

use super::HoursPerWeek;
use crate::bounds::Overflow;
use crate::catalogue::MonthRange;
use chrono::{Months, NaiveDate};

/// `date` plus whole months; a day past the end of the new month falls back
/// to its last day (31 January + 1 month = 28 or 29 February). `None` past
/// the last date the calendar holds, never a date made up.
pub fn add_months(date: NaiveDate, months: u32) -> Option<NaiveDate> {
    date.checked_add_months(Months::new(months))
}

/// The dates and weekly load of studying one qualification (or the rest of
/// one) from a start date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timeline {
    pub start: NaiveDate,
    /// Earliest and latest suggested completion (equal for a single figure).
    pub target: Option<(NaiveDate, NaiveDate)>,
    pub registration_expires: Option<NaiveDate>,
    /// The date the hours are planned against: the learner's own target
    /// date if given, else the end of the suggested range.
    pub deadline: Option<NaiveDate>,
    pub total_hours: u32,
    pub practice_hours: u32,
    /// Weekly hours needed to do all the learning by the deadline.
    pub hours_per_week_needed: Option<HoursPerWeek>,
    /// Weekly practice hours needed by the deadline.
    pub practice_per_week_needed: Option<HoursPerWeek>,
    /// At the learner's weekly hours, when the learning would be done.
    pub projected_finish: Option<NaiveDate>,
    /// Plain-words warnings (past the registration, past the target).
    pub warnings: Vec<String>,
}

/// Works out the timeline; `total_hours` is the total qualification time
/// (credits x 10) and `practice_hours` the workplace practice within it.
pub fn timeline(
    start: NaiveDate,
    total_hours: u32,
    practice_hours: u32,
    target_months: Option<MonthRange>,
    registration_months: Option<u32>,
    hours_per_week: Option<HoursPerWeek>,
    target_date: Option<NaiveDate>,
) -> Result<Timeline, Overflow> {
    let date = |months: u32| add_months(start, months).ok_or(Overflow("date"));
    let target = match target_months {
        Some(t) => Some((date(t.min)?, date(t.max)?)),
        None => None,
    };
    let registration_expires = registration_months.map(date).transpose()?;
    let deadline = target_date.or(target.map(|(_, latest)| latest));
    let days = deadline.map(|d| d.signed_duration_since(start).num_days());
    let needed = |hours: u32| days.and_then(|d| HoursPerWeek::needed(hours, d));
    let projected_finish = match hours_per_week.filter(|h| h.tenths > 0) {
        Some(h) => {
            let weeks = h
                .weeks_for(total_hours)
                .ok_or(Overflow("number of weeks"))?;
            Some(add_weeks(start, weeks).ok_or(Overflow("date"))?)
        }
        None => None,
    };
    let mut warnings = Vec::new();
    if let Some(d) = target_date {
        if d <= start {
            warnings.push(format!(
                "The target date {d} is not after the start date {start}"
            ));
        }
        if let Some(expiry) = registration_expires
            && d > expiry
        {
            warnings.push(format!(
                "The target date {d} is after the registration expires on {expiry}"
            ));
        }
    }
    if let (Some(finish), Some(h)) = (projected_finish, hours_per_week) {
        if let Some(expiry) = registration_expires
            && finish > expiry
        {
            warnings.push(format!(
                "At {} the {total_hours} hours take until {finish}, after the registration expires on {expiry}",
                h.a_week()
            ));
        } else if let Some(d) = deadline
            && finish > d
        {
            warnings.push(format!(
                "At {} the {total_hours} hours take until {finish}, after the target of {d}",
                h.a_week()
            ));
        }
    }
    Ok(Timeline {
        start,
        target,
        registration_expires,
        deadline,
        total_hours,
        practice_hours,
        hours_per_week_needed: needed(total_hours),
        practice_per_week_needed: needed(practice_hours),
        projected_finish,
        warnings,
    })
}

/// `date` plus whole weeks; `None` past the last date the calendar holds.
pub fn add_weeks(date: NaiveDate, weeks: u32) -> Option<NaiveDate> {
    date.checked_add_days(chrono::Days::new(u64::from(weeks).checked_mul(7)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn month_ends_clamp() {
        assert_eq!(add_months(d(2026, 1, 31), 1), Some(d(2026, 2, 28)));
        assert_eq!(add_months(d(2027, 1, 31), 1), Some(d(2027, 2, 28)));
        assert_eq!(add_months(d(2028, 1, 31), 1), Some(d(2028, 2, 29)));
        assert_eq!(add_months(d(2026, 8, 31), 18), Some(d(2028, 2, 29)));
        assert_eq!(add_months(d(2026, 3, 31), 9), Some(d(2026, 12, 31)));
        assert_eq!(add_months(d(2026, 5, 31), 1), Some(d(2026, 6, 30)));
    }

    #[test]
    fn leap_days() {
        // 29 February + 36 months lands on 28 February; + 48 on 29 February.
        assert_eq!(add_months(d(2028, 2, 29), 36), Some(d(2031, 2, 28)));
        assert_eq!(add_months(d(2028, 2, 29), 48), Some(d(2032, 2, 29)));
        assert_eq!(add_months(d(2028, 2, 29), 12), Some(d(2029, 2, 28)));
    }

    #[test]
    fn level_5_diploma_from_1_december_2026() {
        // 370 hours of learning, 100 of practice; suggested 2-3 years;
        // registration 3 years.
        let t = timeline(
            d(2026, 12, 1),
            370,
            100,
            Some(MonthRange { min: 24, max: 36 }),
            Some(36),
            None,
            None,
        )
        .unwrap();
        assert_eq!(t.target, Some((d(2028, 12, 1), d(2029, 12, 1))));
        assert_eq!(t.registration_expires, Some(d(2029, 12, 1)));
        assert_eq!(t.deadline, Some(d(2029, 12, 1)));
        // 1096 days (2028 is a leap year) = 156.57 weeks: 370 / 156.57 = 2.36 -> 2.4.
        assert_eq!(t.hours_per_week_needed.unwrap().to_string(), "2.4");
        // 100 / 156.57 = 0.64 -> 0.7.
        assert_eq!(t.practice_per_week_needed.unwrap().to_string(), "0.7");
        assert!(t.warnings.is_empty());
    }

    #[test]
    fn own_target_date_and_weekly_hours() {
        let t = timeline(
            d(2026, 1, 1),
            130,
            12,
            Some(MonthRange { min: 18, max: 18 }),
            Some(36),
            HoursPerWeek::whole(3),
            Some(d(2026, 7, 1)),
        )
        .unwrap();
        assert_eq!(t.deadline, Some(d(2026, 7, 1)));
        // 181 days: 130 * 70 / 181 = 50.3 tenths -> 5.1 hours a week.
        assert_eq!(t.hours_per_week_needed.unwrap().to_string(), "5.1");
        // At 3 hours a week: 44 weeks -> 2026-11-05, after the target.
        assert_eq!(t.projected_finish, Some(d(2026, 11, 5)));
        assert_eq!(
            t.warnings,
            [
                "At 3 hours a week the 130 hours take until 2026-11-05, after the target of 2026-07-01"
            ]
        );
    }

    #[test]
    fn too_slow_for_the_registration() {
        let t = timeline(
            d(2026, 1, 1),
            400,
            100,
            Some(MonthRange { min: 24, max: 36 }),
            Some(36),
            HoursPerWeek::whole(2),
            None,
        )
        .unwrap();
        // 200 weeks (1400 days) -> 2029-11-01, after 2029-01-01.
        assert_eq!(t.projected_finish, Some(d(2029, 11, 1)));
        assert_eq!(
            t.warnings,
            [
                "At 2 hours a week the 400 hours take until 2029-11-01, after the registration expires on 2029-01-01"
            ]
        );
    }

    /// Dates past the calendar's end are an error, never a made-up date
    /// or a panic.
    #[test]
    fn dates_that_overflow_are_errors() {
        assert_eq!(add_months(NaiveDate::MAX, 1), None);
        assert_eq!(add_weeks(NaiveDate::MAX, 1), None);
        assert_eq!(add_weeks(d(2026, 1, 1), u32::MAX), None);
        let far = NaiveDate::from_ymd_opt(262_000, 1, 1).unwrap();
        let t = timeline(
            far,
            400,
            100,
            Some(MonthRange {
                min: 24,
                max: u32::MAX,
            }),
            Some(36),
            HoursPerWeek::whole(2),
            None,
        );
        assert_eq!(t, Err(Overflow("date")));
        let slow = Some(HoursPerWeek { tenths: 1 });
        let t = timeline(d(2026, 1, 1), u32::MAX, 0, None, None, slow, None);
        assert_eq!(t, Err(Overflow("number of weeks")));
    }
}
