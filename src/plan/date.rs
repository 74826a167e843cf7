//! A calendar date as plans write it (`YYYY-MM-DD`): when a review opinion was written or
//! answered (and, for the timetable of issue 19, when an operation takes effect). The crate has
//! no date library and needs none: a plan's dates are days of the Gregorian calendar, compared
//! and printed, never computed with across time zones.
//!
//! A [`Date`] is valid by construction: [`Date::parse`] refuses a month 13, a 30 February or a
//! 29 February outside a leap year, and the plan file reads dates through it, so a misspelt date
//! is named with its place instead of being kept as text. It orders as the calendar does and
//! serialises as its text, so a plan file diffs as it reads.

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A day of the Gregorian calendar, years 1000 to 9999.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a text is not a date.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("「{text}」不是日期，应写作 YYYY-MM-DD，如 2026-03-01 (not a date: write YYYY-MM-DD{why})")]
pub struct DateError {
    /// The text given.
    pub text: String,
    /// What is wrong with it, in English, with its leading `; `.
    why: String,
}

impl Date {
    /// A date from its parts, if the calendar has that day.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Self> {
        ((1000..=9999).contains(&year) && (1..=12).contains(&month))
            .then(|| days_in_month(year, month))
            .filter(|&last| (1..=last).contains(&day))
            .map(|_| Self { year, month, day })
    }

    /// Reads `YYYY-MM-DD` (four, two and two digits; spaces around are ignored).
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let error = |why: &str| DateError {
            text: text.to_owned(),
            why: format!("; {why}"),
        };
        let trimmed = text.trim();
        let parts: Vec<&str> = trimmed.split('-').collect();
        let [year, month, day] = parts.as_slice() else {
            return Err(error("three parts separated by `-` are expected"));
        };
        let digits = |part: &str, len: usize| {
            (part.len() == len && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse::<u16>().ok())
                .flatten()
        };
        let (Some(y), Some(m), Some(d)) = (digits(year, 4), digits(month, 2), digits(day, 2))
        else {
            return Err(error(
                "the year takes four digits, the month and day two each",
            ));
        };
        let (Ok(m), Ok(d)) = (u8::try_from(m), u8::try_from(d)) else {
            return Err(error("no such month or day"));
        };
        Self::new(y, m, d).ok_or_else(|| error("the calendar has no such day"))
    }

    /// The day `days` days after 1970-01-01 (before it, when negative), in the proleptic
    /// Gregorian calendar; `None` outside years 1000 to 9999.
    pub fn from_days_since_epoch(days: i64) -> Option<Self> {
        // Howard Hinnant's `civil_from_days`.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z.rem_euclid(146_097);
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = doy - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = yoe + era * 400 + i64::from(month <= 2);
        Self::new(
            u16::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }

    /// Today, by the system clock in UTC+8 (China Standard Time: the plans' offices write
    /// their dates there); 1970-01-01 if the clock is before it.
    pub fn today() -> Self {
        const CHINA_OFFSET_SECS: u64 = 8 * 3600;
        let secs = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
            + CHINA_OFFSET_SECS;
        let days = i64::try_from(secs / 86_400).unwrap_or(0);
        Self::from_days_since_epoch(days).unwrap_or(Self {
            year: 1970,
            month: 1,
            day: 1,
        })
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
}

fn days_in_month(year: u16, month: u8) -> u8 {
    let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for Date {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Self::parse(text)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Self::parse(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_and_print_as_written() {
        let date = Date::parse("2026-03-01").expect("a date");
        assert_eq!(date.to_string(), "2026-03-01");
        assert_eq!((date.year(), date.month(), date.day()), (2026, 3, 1));
        assert_eq!(Date::parse(" 2024-02-29 ").map(Date::day), Ok(29));
    }

    #[test]
    fn impossible_or_misspelt_dates_are_refused() {
        for bad in [
            "2025-02-29",
            "2026-13-01",
            "2026-04-31",
            "2026-3-1",
            "26-03-01",
            "2026/03/01",
            "",
            "2026-03-01-01",
            "２０２６-03-01",
            "1900-02-29",
        ] {
            let error = Date::parse(bad).expect_err(bad);
            assert!(error.to_string().contains("YYYY-MM-DD"), "{error}");
        }
        assert!(Date::parse("2000-02-29").is_ok(), "2000 is a leap year");
    }

    #[test]
    fn days_since_the_epoch_are_calendar_days() {
        let day = |n| Date::from_days_since_epoch(n).map(|d| d.to_string());
        assert_eq!(day(0).as_deref(), Some("1970-01-01"));
        assert_eq!(day(-1).as_deref(), Some("1969-12-31"));
        assert_eq!(day(11_016).as_deref(), Some("2000-02-29"));
        assert_eq!(day(20_454).as_deref(), Some("2026-01-01"));
        assert!(Date::today().year() >= 2024);
    }

    #[test]
    fn dates_order_as_the_calendar() {
        let a = Date::parse("2026-01-31").expect("a date");
        let b = Date::parse("2026-02-01").expect("a date");
        assert!(a < b);
    }
}
