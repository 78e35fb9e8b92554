//! Dates as the sites print them: "2017年10月16日" in a masthead,
//! "2022-05-19" in a header, `2017-10/16`, `202412/01` or `20171016` in a
//! URL, "2024-08-27 23:59:59" in a page's metadata; and the vote that picks
//! the date when a page prints several.

use crate::model::Date;

/// At most the first `bytes` bytes of `text`, cut at a character boundary.
pub(crate) fn prefix(text: &str, bytes: usize) -> &str {
    let mut end = bytes.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The first "2017年10月16日" in `text`: where it starts and the date.
pub fn chinese_date(text: &str) -> Option<(usize, Date)> {
    /// What is before `mark` in the next few bytes of `text`, and after.
    fn near(text: &str, mark: char) -> Option<(&str, &str)> {
        let window = prefix(text, 8);
        let at = window.find(mark)?;
        Some((&text[..at], &text[at + mark.len_utf8()..]))
    }

    let mut from = 0;
    while let Some(offset) = text[from..].find('年') {
        let year_end = from + offset;
        let digits_start = text[..year_end]
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_ascii_digit())
            .last()
            .map(|(i, _)| i);
        from = year_end + '年'.len_utf8();
        let Some(start) = digits_start.filter(|&s| year_end - s == 4) else {
            continue;
        };
        let Ok(year) = text[start..year_end].parse::<u16>() else {
            continue;
        };
        // Month and day are a few characters each: look no further.
        let Some((month, rest)) = near(&text[from..], '月') else {
            continue;
        };
        let Some((day, _)) = near(rest, '日') else {
            continue;
        };
        if let (Ok(month), Ok(day)) = (month.trim().parse::<u8>(), day.trim().parse::<u8>())
            && let Some(date) = Date::new(year, month, day)
        {
            return Some((start, date));
        }
    }
    None
}

/// The first "2022-05-19", "2007/07/08" or "2024.08.27" in `text`, not
/// inside a longer run of digits: where it starts and the date.
pub fn numeric_date(text: &str) -> Option<(usize, Date)> {
    let bytes = text.as_bytes();
    let digits = |from: usize, to: usize| -> Option<u32> {
        let s = text.get(from..to)?;
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    for start in 0..bytes.len().saturating_sub(7) {
        if start > 0 && bytes[start - 1].is_ascii_digit() {
            continue;
        }
        let Some(year) = digits(start, start + 4) else {
            continue;
        };
        let sep = bytes[start + 4];
        if !matches!(sep, b'-' | b'/' | b'.') {
            continue;
        }
        let month_len = bytes[start + 5..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if !(1..=2).contains(&month_len) || bytes.get(start + 5 + month_len) != Some(&sep) {
            continue;
        }
        let day_at = start + 6 + month_len;
        let day_len = bytes[day_at.min(bytes.len())..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if !(1..=2).contains(&day_len) {
            continue;
        }
        let (Some(month), Some(day)) = (
            digits(start + 5, start + 5 + month_len),
            digits(day_at, day_at + day_len),
        ) else {
            continue;
        };
        if let (Ok(y), Ok(m), Ok(d)) = (u16::try_from(year), u8::try_from(month), u8::try_from(day))
            && (1949..=2100).contains(&y)
            && let Some(date) = Date::new(y, m, d)
        {
            return Some((start, date));
        }
    }
    None
}

/// A date printed in text in either form, the earlier one first.
pub fn printed_date(text: &str) -> Option<(usize, Date)> {
    match (chinese_date(text), numeric_date(text)) {
        (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
        (a, b) => a.or(b),
    }
}

/// The date in a value that holds one and little else, as scripts, `<meta>`
/// and metadata comments give it: any printed form, or eight digits
/// `20240909`.
pub fn value_date(value: &str) -> Option<Date> {
    let value = value.trim();
    if let Some((_, date)) = printed_date(value) {
        return Some(date);
    }
    let digits: String = value.chars().take_while(char::is_ascii_digit).collect();
    (digits.len() == 8)
        .then(|| url_date(&digits))
        .flatten()
        .map(|found| found.date)
}

/// The date in a page's URL: `2017-10/16`, `202412/01`, `20171016` inside
/// a file name, or `2021-10-07`.
pub fn date_in_url(url: &str) -> Option<Date> {
    url_date(url).map(|found| found.date)
}

/// A date found in a URL, with where it is and how it is written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UrlDate {
    pub date: Date,
    pub span: std::ops::Range<usize>,
    /// The bytes after the year and after the month: `-` and `/` for
    /// `2017-10/16`, none and `/` for `202412/01`.
    separators: (Option<u8>, Option<u8>),
}

impl UrlDate {
    /// `url` with this date replaced by `date`, written the same way.
    pub fn replace(&self, url: &str, date: Date) -> String {
        let sep = |s: Option<u8>| s.map(char::from).map(String::from).unwrap_or_default();
        let written = format!(
            "{:04}{}{:02}{}{:02}",
            date.year(),
            sep(self.separators.0),
            date.month(),
            sep(self.separators.1),
            date.day()
        );
        format!(
            "{}{written}{}",
            &url[..self.span.start],
            &url[self.span.end..]
        )
    }
}

/// The first date in `url` in one of the forms the sites use.
pub fn url_date(url: &str) -> Option<UrlDate> {
    let bytes = url.as_bytes();
    let digits = |at: usize, n: usize| -> Option<u32> {
        let s = url.get(at..at + n)?;
        s.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    let separator = |at: usize| bytes.get(at).copied().filter(|b| matches!(b, b'-' | b'/'));
    for start in 0..bytes.len() {
        if start > 0 && bytes[start - 1].is_ascii_digit() {
            continue;
        }
        let Some(year) = digits(start, 4) else {
            continue;
        };
        // YYYY-MM/DD or YYYY-MM-DD; YYYYMM/DD; YYYYMMDD.
        let forms = [
            (separator(start + 4), separator(start + 7), 5, 8, 10),
            (None, separator(start + 6), 4, 7, 9),
            (None, None, 4, 6, 8),
        ];
        for (first, second, month_at, day_at, end) in forms {
            let wanted = (month_at == 5, day_at != 6);
            if (first.is_some(), second.is_some()) != wanted
                || bytes.get(start + end).is_some_and(u8::is_ascii_digit)
            {
                continue;
            }
            let (Some(month), Some(day)) = (digits(start + month_at, 2), digits(start + day_at, 2))
            else {
                continue;
            };
            if let (Ok(y), Ok(m), Ok(d)) =
                (u16::try_from(year), u8::try_from(month), u8::try_from(day))
                && (1990..=2100).contains(&y)
                && let Some(date) = Date::new(y, m, d)
            {
                return Some(UrlDate {
                    date,
                    span: start..start + end,
                    separators: (first, second),
                });
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: u16, m: u8, d: u8) -> Date {
        Date::new(y, m, d).unwrap()
    }

    #[test]
    fn dates_in_urls() {
        let cases = [
            (
                "http://paper.people.com.cn/rmrb/html/2017-10/16/nbs.D110000renmrb_01.htm",
                Some((2017, 10, 16)),
            ),
            (
                "https://paper.people.com.cn/rmrb/pc/layout/202412/01/node_01.html",
                Some((2024, 12, 1)),
            ),
            ("nw.D110000renmrb_20171016_1-01.htm", Some((2017, 10, 16))),
            ("resfile/2021-10-07/04/a_s.jpg", Some((2021, 10, 7))),
            ("node_20333.htm", None),
            ("content_2021131_1.htm", None),
        ];
        for (url, want) in cases {
            let want = want.and_then(|(y, m, d)| Date::new(y, m, d));
            assert_eq!(date_in_url(url), want, "{url}");
        }
    }

    #[test]
    fn dates_in_urls_are_replaced_in_their_own_form() {
        let day = day(2025, 1, 6);
        for (url, want) in [
            (
                "http://x.cn/rmrb/html/2017-10/16/nbs.D110000renmrb_01.htm",
                "http://x.cn/rmrb/html/2025-01/06/nbs.D110000renmrb_01.htm",
            ),
            (
                "http://x.cn/rmrb/pc/layout/202412/01/node_01.html",
                "http://x.cn/rmrb/pc/layout/202501/06/node_01.html",
            ),
            (
                "http://x.cn/a/20171016/b.htm",
                "http://x.cn/a/20250106/b.htm",
            ),
            (
                "http://x.cn/res/2021-10-07/x.htm",
                "http://x.cn/res/2025-01-06/x.htm",
            ),
        ] {
            let found = url_date(url).unwrap();
            assert_eq!(found.replace(url, day), want);
        }
    }

    #[test]
    fn printed_dates_in_both_forms() {
        assert_eq!(
            chinese_date("人民日报 2017年10月16日 星期一").map(|(at, d)| (at, d.to_string())),
            Some((13, "2017-10-16".to_owned()))
        );
        assert_eq!(chinese_date("2021年2月30日"), None);
        assert_eq!(
            chinese_date("2014年 8 月 22 日 星期五").map(|(_, d)| d),
            Some(day(2014, 8, 22))
        );
        assert_eq!(
            numeric_date("总第15590期 - 2022-05-19 编印").map(|(_, d)| d),
            Some(day(2022, 5, 19))
        );
        assert_eq!(
            numeric_date("2007/07/08").map(|(_, d)| d),
            Some(day(2007, 7, 8))
        );
        assert_eq!(numeric_date("Copyright © 1997-2026"), None);
        assert_eq!(numeric_date("12024-08-27"), None);
        assert_eq!(numeric_date("2024-13-01"), None);
        assert_eq!(
            printed_date("来源：深圳晚报 2024年08月30日").map(|(_, d)| d),
            Some(day(2024, 8, 30))
        );
        assert_eq!(
            chinese_date("公元99999年1月1日，2021年2月3日"),
            Date::new(2021, 2, 3).map(|d| (25, d))
        );
    }

    #[test]
    fn values_that_hold_a_date() {
        for (value, want) in [
            ("2024-08-27 23:59:59", Some(day(2024, 8, 27))),
            ("20240909", Some(day(2024, 9, 9))),
            ("2024年10月11日", Some(day(2024, 10, 11))),
            ("2024-08-30 00:00:00:0", Some(day(2024, 8, 30))),
            ("48", None),
            ("202409091", None),
        ] {
            assert_eq!(value_date(value), want, "{value}");
        }
    }
}
