//! Dates and periods: an ad's `date`, the month and quarter it falls in, and the two periods
//! of `--compare` (a year, a quarter, a month, or a range `FROM..TO`).

use std::fmt;

/// A calendar date (a `YYYY-MM` date is the first of its month).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// `YYYY-MM-DD` (anything after, such as `T12:00:00Z`, is ignored) or `YYYY-MM`.
    pub fn parse(s: &str) -> Option<Date> {
        let s = s.trim();
        let b = s.as_bytes();
        let num = |r: std::ops::Range<usize>| -> Option<u16> {
            let part = s.get(r)?;
            if part.bytes().all(|c| c.is_ascii_digit()) {
                part.parse().ok()
            } else {
                None
            }
        };
        if b.len() < 7 || b[4] != b'-' {
            return None;
        }
        let year = num(0..4)?;
        let month = num(5..7)? as u8;
        let day = if b.len() == 7 {
            1
        } else {
            if b.len() < 10 || b[7] != b'-' {
                return None;
            }
            if b.len() > 10 && !matches!(b[10], b'T' | b't' | b' ') {
                return None;
            }
            num(8..10)? as u8
        };
        let d = Date { year, month, day };
        (year >= 1000 && (1..=12).contains(&month) && (1..=d.days_in_month()).contains(&day))
            .then_some(d)
    }

    fn days_in_month(self) -> u8 {
        match self.month {
            4 | 6 | 9 | 11 => 30,
            2 if self.year % 4 == 0 && (self.year % 100 != 0 || self.year % 400 == 0) => 29,
            2 => 28,
            _ => 31,
        }
    }

    /// `2024-03`.
    pub fn month_key(self) -> String {
        format!("{:04}-{:02}", self.year, self.month)
    }

    /// `2024-Q1`.
    pub fn quarter_key(self) -> String {
        format!("{:04}-Q{}", self.year, (self.month - 1) / 3 + 1)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A closed range of dates with the label it was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    pub label: String,
    pub from: Date,
    pub to: Date,
}

impl Period {
    /// `2024`, `2024-Q2`, `2024-03`, `2024-03-15`, or `FROM..TO` of any of these (the range
    /// runs from the start of FROM to the end of TO).
    pub fn parse(s: &str) -> Result<Period, String> {
        let s = s.trim();
        let (from, to) = match s.split_once("..") {
            Some((a, b)) => (bounds(a)?.0, bounds(b)?.1),
            None => bounds(s)?,
        };
        if from > to {
            return Err(format!("`{s}`: the period ends before it starts"));
        }
        Ok(Period {
            label: s.to_string(),
            from,
            to,
        })
    }

    pub fn contains(&self, d: Date) -> bool {
        self.from <= d && d <= self.to
    }
}

/// The first and last day of a year, quarter, month or day.
fn bounds(s: &str) -> Result<(Date, Date), String> {
    let s = s.trim();
    let bad = || format!("`{s}` is not a period (2024, 2024-Q1, 2024-03, 2024-03-15 or FROM..TO)");
    let year = |y: &str| -> Result<u16, String> {
        match y.parse::<u16>() {
            Ok(n) if (1000..=9999).contains(&n) && y.len() == 4 => Ok(n),
            _ => Err(bad()),
        }
    };
    let month_end = |y: u16, m: u8| {
        Date {
            year: y,
            month: m,
            day: 28,
        }
        .days_in_month_end()
    };
    if s.len() == 4 {
        let y = year(s)?;
        return Ok((
            Date {
                year: y,
                month: 1,
                day: 1,
            },
            Date {
                year: y,
                month: 12,
                day: 31,
            },
        ));
    }
    if let Some((y, q)) = s
        .split_once(['-'])
        .filter(|(_, q)| q.starts_with(['Q', 'q']))
    {
        let y = year(y)?;
        let q: u8 = q[1..].parse().map_err(|_| bad())?;
        if !(1..=4).contains(&q) {
            return Err(bad());
        }
        let (m0, m1) = (q * 3 - 2, q * 3);
        return Ok((
            Date {
                year: y,
                month: m0,
                day: 1,
            },
            month_end(y, m1),
        ));
    }
    let d = Date::parse(s).ok_or_else(bad)?;
    if s.len() == 7 {
        Ok((d, month_end(d.year, d.month)))
    } else if s.len() == 10 {
        Ok((d, d))
    } else {
        Err(bad())
    }
}

impl Date {
    fn days_in_month_end(self) -> Date {
        Date {
            day: self.days_in_month(),
            ..self
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: u16, m: u8, day: u8) -> Date {
        Date {
            year: y,
            month: m,
            day,
        }
    }

    #[test]
    fn dates() {
        assert_eq!(Date::parse("2024-02-29"), Some(d(2024, 2, 29)));
        assert_eq!(Date::parse("2023-02-29"), None);
        assert_eq!(Date::parse("2024-03"), Some(d(2024, 3, 1)));
        assert_eq!(Date::parse("2024-03-05T10:00:00Z"), Some(d(2024, 3, 5)));
        assert_eq!(Date::parse("2024-13-01"), None);
        assert_eq!(Date::parse("05-03-2024"), None);
        assert_eq!(Date::parse("2024-03-05x"), None);
        assert_eq!(d(2024, 11, 2).quarter_key(), "2024-Q4");
        assert_eq!(d(2024, 1, 2).month_key(), "2024-01");
    }

    #[test]
    fn periods() {
        let p = Period::parse("2024").unwrap();
        assert_eq!((p.from, p.to), (d(2024, 1, 1), d(2024, 12, 31)));
        let p = Period::parse("2024-Q1").unwrap();
        assert_eq!((p.from, p.to), (d(2024, 1, 1), d(2024, 3, 31)));
        let p = Period::parse("2024-02").unwrap();
        assert_eq!(p.to, d(2024, 2, 29));
        let p = Period::parse("2024-03-15..2025-01").unwrap();
        assert_eq!((p.from, p.to), (d(2024, 3, 15), d(2025, 1, 31)));
        assert!(p.contains(d(2024, 12, 31)) && !p.contains(d(2025, 2, 1)));
        assert!(Period::parse("2025..2024").is_err());
        assert!(Period::parse("24").is_err());
        assert!(Period::parse("2024-Q5").is_err());
    }
}
