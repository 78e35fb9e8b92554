//! The issue date: a proleptic Gregorian calendar date written `YYYY-MM-DD`.
//!
//! An issue file names one day. The type refuses days that do not exist
//! (2021-02-30), so every later layer can trust it and format it freely.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

/// A calendar date between 0001-01-01 and 9999-12-31.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// Why a string is not a date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("`{0}` is not a date in the form YYYY-MM-DD (for example 2021-11-05)")]
    Form(String),
    #[error("`{text}` is not a calendar date: month {month} does not exist")]
    Month { text: String, month: u8 },
    #[error("`{text}` is not a calendar date: {month_name} {year} has {days} days")]
    Day {
        text: String,
        year: u16,
        month_name: &'static str,
        days: u8,
    },
    #[error("`{0}` is not a calendar date: years run from 0001 to 9999")]
    Year(String),
}

/// Days of the week, Monday first as in Chinese calendars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    /// The Chinese name as printed in a paper's masthead: 星期一 … 星期日.
    pub fn chinese(self) -> &'static str {
        match self {
            Weekday::Monday => "星期一",
            Weekday::Tuesday => "星期二",
            Weekday::Wednesday => "星期三",
            Weekday::Thursday => "星期四",
            Weekday::Friday => "星期五",
            Weekday::Saturday => "星期六",
            Weekday::Sunday => "星期日",
        }
    }
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn is_leap(year: u16) -> bool {
    (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400)
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Date {
    /// 0001-01-01, the first date there is.
    pub const FIRST: Date = Date {
        year: 1,
        month: 1,
        day: 1,
    };

    /// A date from its parts, or `None` when that day does not exist.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let valid = (1..=9999).contains(&year)
            && (1..=12).contains(&month)
            && day >= 1
            && day <= days_in_month(year, month);
        valid.then_some(Date { year, month, day })
    }

    pub fn year(self) -> u16 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// Days since 1970-01-01 (negative before it), by the days-from-civil
    /// arithmetic on 400-year eras.
    pub fn days_since_epoch(self) -> i64 {
        let month = i64::from(self.month);
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let shifted_month = (month + 9) % 12; // March = 0
        let day_of_year = (153 * shifted_month + 2) / 5 + i64::from(self.day) - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The date `days` after 1970-01-01 (before it when negative), by the
    /// civil-from-days arithmetic; None outside 0001–9999.
    pub fn from_days_since_epoch(days: i64) -> Option<Date> {
        let shifted = days + 719_468;
        let era = shifted.div_euclid(146_097);
        let day_of_era = shifted - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * day_of_year + 2) / 153; // March = 0
        let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
        let month = if shifted_month < 10 {
            shifted_month + 3
        } else {
            shifted_month - 9
        };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Date::new(
            u16::try_from(year).ok()?,
            u8::try_from(month).ok()?,
            u8::try_from(day).ok()?,
        )
    }

    /// The date `days` later (earlier when negative); None beyond the
    /// calendar.
    pub fn plus_days(self, days: i64) -> Option<Date> {
        Date::from_days_since_epoch(self.days_since_epoch().checked_add(days)?)
    }

    pub fn weekday(self) -> Weekday {
        // 1970-01-01 was a Thursday.
        match (self.days_since_epoch() + 3).rem_euclid(7) {
            0 => Weekday::Monday,
            1 => Weekday::Tuesday,
            2 => Weekday::Wednesday,
            3 => Weekday::Thursday,
            4 => Weekday::Friday,
            5 => Weekday::Saturday,
            _ => Weekday::Sunday,
        }
    }
}

impl FromStr for Date {
    type Err = DateError;

    fn from_str(text: &str) -> Result<Date, DateError> {
        let form = || DateError::Form(text.to_owned());
        let bytes = text.as_bytes();
        let shape_ok = bytes.len() == 10
            && bytes[4] == b'-'
            && bytes[7] == b'-'
            && bytes
                .iter()
                .enumerate()
                .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
        if !shape_ok {
            return Err(form());
        }
        let number = |range: std::ops::Range<usize>| -> u16 {
            bytes[range]
                .iter()
                .fold(0, |n, b| n * 10 + u16::from(b - b'0'))
        };
        let year = number(0..4);
        let month = u8::try_from(number(5..7)).map_err(|_| form())?;
        let day = u8::try_from(number(8..10)).map_err(|_| form())?;
        if year == 0 {
            return Err(DateError::Year(text.to_owned()));
        }
        if !(1..=12).contains(&month) {
            return Err(DateError::Month {
                text: text.to_owned(),
                month,
            });
        }
        Date::new(year, month, day).ok_or_else(|| DateError::Day {
            text: text.to_owned(),
            year,
            month_name: MONTH_NAMES[usize::from(month - 1)],
            days: days_in_month(year, month),
        })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        struct DateVisitor;
        impl de::Visitor<'_> for DateVisitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date string such as \"2021-11-05\"")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Date, E> {
                text.parse().map_err(E::custom)
            }
        }
        deserializer.deserialize_str(DateVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_real_dates() {
        let date: Date = "2021-11-05".parse().unwrap();
        assert_eq!((date.year(), date.month(), date.day()), (2021, 11, 5));
        assert_eq!(date.to_string(), "2021-11-05");
        assert!("2024-02-29".parse::<Date>().is_ok());
        assert!("2000-02-29".parse::<Date>().is_ok());
    }

    #[test]
    fn refuses_days_that_do_not_exist() {
        let error = "2021-02-30".parse::<Date>().unwrap_err();
        assert_eq!(
            error.to_string(),
            "`2021-02-30` is not a calendar date: February 2021 has 28 days"
        );
        assert!("1900-02-29".parse::<Date>().is_err());
        assert!("2021-04-31".parse::<Date>().is_err());
        assert!(matches!(
            "2021-13-01".parse::<Date>(),
            Err(DateError::Month { month: 13, .. })
        ));
        assert!(matches!(
            "0000-01-01".parse::<Date>(),
            Err(DateError::Year(_))
        ));
    }

    #[test]
    fn refuses_other_forms() {
        for text in [
            "2021-1-5",
            "2021/11/05",
            "20211105",
            "2021-11-05T00:00",
            "",
            "２０２１-11-05",
        ] {
            assert!(
                matches!(text.parse::<Date>(), Err(DateError::Form(_))),
                "{text}"
            );
        }
    }

    #[test]
    fn days_count_both_ways() {
        let day = |text: &str| text.parse::<Date>().unwrap();
        for text in [
            "1970-01-01",
            "2000-02-29",
            "2024-12-31",
            "0001-01-01",
            "9999-12-31",
            "1969-12-31",
        ] {
            let date = day(text);
            assert_eq!(
                Date::from_days_since_epoch(date.days_since_epoch()),
                Some(date),
                "{text}"
            );
        }
        assert_eq!(day("2024-02-28").plus_days(1), Some(day("2024-02-29")));
        assert_eq!(day("2024-03-01").plus_days(-1), Some(day("2024-02-29")));
        assert_eq!(day("2023-12-31").plus_days(1), Some(day("2024-01-01")));
        assert_eq!(day("9999-12-31").plus_days(1), None);
        assert_eq!(Date::FIRST.plus_days(-1), None);
        assert_eq!(Date::from_days_since_epoch(0), Some(day("1970-01-01")));
    }

    #[test]
    fn weekdays_match_the_calendar() {
        let cases = [
            ("1970-01-01", Weekday::Thursday),
            ("2021-11-05", Weekday::Friday),
            ("2000-02-29", Weekday::Tuesday),
            ("2024-12-01", Weekday::Sunday),
            ("0001-01-01", Weekday::Monday),
            ("9999-12-31", Weekday::Friday),
        ];
        for (text, weekday) in cases {
            assert_eq!(text.parse::<Date>().unwrap().weekday(), weekday, "{text}");
        }
    }
}
