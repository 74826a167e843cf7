//! A calendar date as a plan writes it (`2025-03-01`): the effective date (生效日期) of a
//! scenario's step, and the day a review opinion was written or answered.
//!
//! A small validated newtype rather than a date crate: the plan only compares, prints and
//! reads dates, none of which needs a time zone or arithmetic, and no date crate is in the
//! tree. A date is checked on reading (`2025-02-30` is refused, naming the date), so a plan
//! never holds an impossible one; it orders as the calendar does and is written as
//! `YYYY-MM-DD` in plan files, JSON and exports.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A valid calendar date (proleptic Gregorian), years 1 to 9999.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PlanDate {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a text is not a date.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// Not of the shape `YYYY-MM-DD`.
    #[error(
        "「{0}」不是日期，应写作 YYYY-MM-DD (`{0}` is not a date: write it as YYYY-MM-DD, e.g. 2025-03-01)"
    )]
    Shape(String),
    /// The shape is right but no such day exists.
    #[error("{0} 不存在：该月没有这一天 (`{0}` does not exist: that month has no such day)")]
    NoSuchDay(String),
}

impl PlanDate {
    /// The date, if it exists.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Self> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Self { year, month, day })
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The month, 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// The day of the month, from 1.
    pub fn day(self) -> u8 {
        self.day
    }

    /// The days since 0001-01-01 (that day is 0): for placing dates on a slider.
    pub fn day_number(self) -> i64 {
        let y = i64::from(self.year) - 1;
        let before_year = y * 365 + y / 4 - y / 100 + y / 400;
        let before_month: i64 = (1..self.month)
            .map(|m| i64::from(days_in_month(self.year, m)))
            .sum();
        before_year + before_month + i64::from(self.day) - 1
    }

    /// The date `n` days after 0001-01-01 ([`PlanDate::day_number`]'s inverse), clamped to the
    /// years a date may have.
    pub fn from_day_number(n: i64) -> Self {
        let mut rest = n.max(0);
        let mut year: u16 = 1;
        // Whole 400-year cycles first (146 097 days each), then year by year.
        let cycles = (rest / 146_097).min(24);
        year += (cycles * 400) as u16;
        rest -= cycles * 146_097;
        loop {
            let len = if is_leap(year) { 366 } else { 365 };
            if rest < len || year == 9999 {
                break;
            }
            rest -= len;
            year += 1;
        }
        let mut month = 1;
        while month < 12 && rest >= i64::from(days_in_month(year, month)) {
            rest -= i64::from(days_in_month(year, month));
            month += 1;
        }
        let day = (rest + 1).min(i64::from(days_in_month(year, month))) as u8;
        Self { year, month, day }
    }

    /// Reads `YYYY-MM-DD` ([`FromStr`]), for callers that name the reading.
    pub fn parse(text: &str) -> Result<Self, DateError> {
        text.parse()
    }

    /// Today, by the system clock in UTC+8 (China Standard Time: the plans' offices write
    /// their dates there); 1970-01-01 if the clock is before it.
    pub fn today() -> Self {
        const CHINA_OFFSET_SECS: u64 = 8 * 3600;
        /// 1970-01-01's day number ([`PlanDate::day_number`]).
        const UNIX_EPOCH_DAY: i64 = 719_162;
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
            + CHINA_OFFSET_SECS;
        let days = i64::try_from(secs / 86_400).unwrap_or(0);
        Self::from_day_number(UNIX_EPOCH_DAY + days)
    }

    /// The day before (itself on 0001-01-01).
    #[must_use]
    pub fn previous(self) -> Self {
        Self::from_day_number(self.day_number() - 1)
    }
}

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl FromStr for PlanDate {
    type Err = DateError;

    /// Reads `YYYY-MM-DD` (four, two and two digits), after trimming blanks.
    fn from_str(text: &str) -> Result<Self, DateError> {
        let trimmed = text.trim();
        let shape = || DateError::Shape(trimmed.to_owned());
        let bytes = trimmed.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(shape());
        }
        let digits = |range: std::ops::Range<usize>| -> Result<u16, DateError> {
            let part = &trimmed[range];
            if part.bytes().all(|b| b.is_ascii_digit()) {
                part.parse().map_err(|_| shape())
            } else {
                Err(shape())
            }
        };
        let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
        let (Ok(month), Ok(day)) = (u8::try_from(month), u8::try_from(day)) else {
            return Err(shape());
        };
        if !(1..=12).contains(&month) || year == 0 {
            return Err(shape());
        }
        Self::new(year, month, day).ok_or_else(|| DateError::NoSuchDay(trimmed.to_owned()))
    }
}

impl fmt::Display for PlanDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for PlanDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for PlanDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_order_and_print_as_the_calendar() {
        let d: PlanDate = "2025-03-01".parse().expect("a date");
        assert_eq!(d.to_string(), "2025-03-01");
        assert!(d < "2025-04-01".parse().expect("a date"));
        assert!("2024-02-29".parse::<PlanDate>().is_ok());
        assert!(matches!(
            "2025-02-29".parse::<PlanDate>(),
            Err(DateError::NoSuchDay(_))
        ));
        for bad in [
            "2025-2-1",
            "2025/03/01",
            "20250301",
            "2025-13-01",
            "0000-01-01",
            "二〇二五",
        ] {
            assert!(
                matches!(bad.parse::<PlanDate>(), Err(DateError::Shape(_))),
                "{bad}"
            );
        }
    }

    #[test]
    fn day_numbers_go_both_ways() {
        for text in [
            "0001-01-01",
            "2024-02-29",
            "2025-03-01",
            "2000-12-31",
            "9999-12-31",
        ] {
            let d: PlanDate = text.parse().expect("a date");
            assert_eq!(PlanDate::from_day_number(d.day_number()), d, "{text}");
        }
        let d: PlanDate = "2025-03-01".parse().expect("a date");
        assert_eq!(d.previous().to_string(), "2025-02-28");
        let epoch: PlanDate = "1970-01-01".parse().expect("a date");
        assert_eq!(epoch.day_number(), 719_162);
        assert!(PlanDate::today() > "2024-01-01".parse().expect("a date"));
    }
}
