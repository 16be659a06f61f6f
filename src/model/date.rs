//! The date of issue, possibly partly blank in a draft.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::de::{self, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::text::{format_day, format_month, DATE_BLANK};

/// Thời gian ban hành: year, month and day, any of which a draft may leave
/// blank for the clerk (`ngày    tháng    năm 2021`).
///
/// Blanks go from the day up: a day needs a month, a month needs a year.
/// The parts are kept as given; [`Plan::validate`](crate::Plan::validate)
/// rejects impossible dates such as 30 February (checked with chrono).
///
/// In serde it is a string: `"2021-10-22"`, `"2021-10"` (day blank), `"2021"`
/// (day and month blank); leave the field out for an all-blank date. A TOML
/// date literal (`date = 2021-10-22`) is accepted too.
///
/// ```
/// use vanban::PlanDate;
/// let d = PlanDate::ymd(2021, 2, 9);
/// assert_eq!(d.line("Đắk Nông"), "Đắk Nông, ngày 09 tháng 02 năm 2021");
/// assert_eq!(PlanDate::ymd(2020, 3, 5).line("Hà Nội"), "Hà Nội, ngày 05 tháng 3 năm 2020");
/// assert_eq!(PlanDate::year(2021).line("Bình Định"), "Bình Định, ngày    tháng    năm 2021");
/// ```
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct PlanDate {
    /// Năm, four digits.
    pub year: Option<i32>,
    /// Tháng, 1–12.
    pub month: Option<u32>,
    /// Ngày, 1–31 (and valid for the month).
    pub day: Option<u32>,
}

impl PlanDate {
    /// A full date. Not checked here: validation rejects impossible ones.
    pub fn ymd(year: i32, month: u32, day: u32) -> PlanDate {
        PlanDate { year: Some(year), month: Some(month), day: Some(day) }
    }
    /// Only the year: day and month blank.
    pub fn year(year: i32) -> PlanDate {
        PlanDate { year: Some(year), month: None, day: None }
    }
    /// Year and month: day blank.
    pub fn year_month(year: i32, month: u32) -> PlanDate {
        PlanDate { year: Some(year), month: Some(month), day: None }
    }
    /// The date of a chrono value.
    pub fn from_naive(d: NaiveDate) -> PlanDate {
        PlanDate::ymd(d.year(), d.month(), d.day())
    }
    /// The chrono date, when complete and possible.
    pub fn to_naive(&self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year?, self.month?, self.day?)
    }
    /// True when nothing is filled in.
    pub fn is_blank(&self) -> bool {
        self.year.is_none() && self.month.is_none() && self.day.is_none()
    }
    /// True when day, month and year are all given.
    pub fn is_complete(&self) -> bool {
        self.year.is_some() && self.month.is_some() && self.day.is_some()
    }

    /// The date line of ô 4: `<place>, ngày DD tháng M năm YYYY`, with blanks
    /// where the draft has none (nd30.md §2.4).
    pub fn line(&self, place: &str) -> String {
        self.line_with(place, DATE_BLANK)
    }

    /// The date line with `blank` standing for each missing part (the
    /// printed form uses fixed-width spaces, see `vanban::style::blank`).
    ///
    /// ```
    /// let d = vanban::PlanDate::year(2021);
    /// assert_eq!(d.line_with("Bình Định", "__"), "Bình Định, ngày__tháng__năm 2021");
    /// ```
    pub fn line_with(&self, place: &str, blank: &str) -> String {
        // a blank replaces the value and the spaces around it
        let mid = |v: Option<String>| v.map_or_else(|| blank.to_owned(), |v| format!(" {v} "));
        let day = mid(self.day.map(format_day));
        let month = mid(self.month.map(format_month));
        let year = self.year.map_or_else(|| blank.to_owned(), |y| format!(" {y}"));
        format!("{place}, ngày{day}tháng{month}năm{year}")
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or an empty string.
    ///
    /// ```
    /// use vanban::PlanDate;
    /// assert_eq!(PlanDate::parse("2021-10").unwrap(), PlanDate::year_month(2021, 10));
    /// assert!(PlanDate::parse("22/10/2021").is_err());
    /// ```
    pub fn parse(s: &str) -> Result<PlanDate, String> {
        let s = s.trim();
        if s.is_empty() {
            return Ok(PlanDate::default());
        }
        let parts: Vec<&str> = s.split('-').collect();
        // any number of digits that fits: validation says what is wrong with it
        let num = |p: &str, what: &str| -> Result<u32, String> {
            if p.is_empty() || p.len() > 9 || !p.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("{what} {p:?} is not a number"));
            }
            p.parse::<u32>().map_err(|e| e.to_string())
        };
        let bad = || format!("date {s:?} is not of the form YYYY-MM-DD, YYYY-MM or YYYY");
        match parts.as_slice() {
            [y] => Ok(PlanDate::year(num(y, "year").map_err(|_| bad())? as i32)),
            [y, m] => {
                Ok(PlanDate::year_month(num(y, "year").map_err(|_| bad())? as i32, num(m, "month").map_err(|_| bad())?))
            }
            [y, m, d] => Ok(PlanDate::ymd(
                num(y, "year").map_err(|_| bad())? as i32,
                num(m, "month").map_err(|_| bad())?,
                num(d, "day").map_err(|_| bad())?,
            )),
            _ => Err(bad()),
        }
    }
}

impl From<NaiveDate> for PlanDate {
    fn from(d: NaiveDate) -> PlanDate {
        PlanDate::from_naive(d)
    }
}

impl fmt::Display for PlanDate {
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (the serde form).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.year, self.month, self.day) {
            (Some(y), Some(m), Some(d)) => write!(f, "{y:04}-{m:02}-{d:02}"),
            (Some(y), Some(m), None) => write!(f, "{y:04}-{m:02}"),
            (Some(y), None, None) => write!(f, "{y:04}"),
            (None, None, None) => Ok(()),
            // not representable as a string: validation reports it
            (y, m, d) => write!(
                f,
                "{}-{}-{}",
                y.map(|v| v.to_string()).unwrap_or_default(),
                m.map(|v| v.to_string()).unwrap_or_default(),
                d.map(|v| v.to_string()).unwrap_or_default()
            ),
        }
    }
}

impl PlanDate {
    /// True when the string form (`YYYY-MM-DD` …) can say this date.
    fn has_string_form(&self) -> bool {
        let small = |v: Option<u32>| v.is_none_or(|v| v <= 999_999_999);
        let ordered = !matches!((self.year, self.month, self.day), (_, None, Some(_)) | (None, Some(_), _));
        ordered && self.year.is_none_or(|y| (0..=999_999_999).contains(&y)) && small(self.month) && small(self.day)
    }
}

impl Serialize for PlanDate {
    /// The string form where it can say the date; otherwise a table of the
    /// parts (`{ year = …, month = …, day = … }`), so every value round-trips.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        if self.has_string_form() {
            return s.serialize_str(&self.to_string());
        }
        let mut st = s.serialize_struct("PlanDate", 3)?;
        if let Some(y) = self.year {
            st.serialize_field("year", &y)?;
        }
        if let Some(m) = self.month {
            st.serialize_field("month", &m)?;
        }
        if let Some(d) = self.day {
            st.serialize_field("day", &d)?;
        }
        st.end()
    }
}

impl<'de> Deserialize<'de> for PlanDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<PlanDate, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = PlanDate;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date \"YYYY-MM-DD\", \"YYYY-MM\" or \"YYYY\"")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<PlanDate, E> {
                PlanDate::parse(v).map_err(E::custom)
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<PlanDate, E> {
                i32::try_from(v).map(PlanDate::year).map_err(|_| E::custom("year out of range"))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<PlanDate, E> {
                i32::try_from(v).map(PlanDate::year).map_err(|_| E::custom("year out of range"))
            }
            // a table of parts, or a TOML date literal (a one-entry map
            // holding the string)
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<PlanDate, A::Error> {
                let mut out = PlanDate::default();
                let mut literal = None;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "$__toml_private_datetime" => {
                            let v: String = map.next_value()?;
                            if v.len() != 10 {
                                return Err(de::Error::custom(format!(
                                    "date {v:?} must be a plain date, without time"
                                )));
                            }
                            literal = Some(PlanDate::parse(&v).map_err(de::Error::custom)?);
                        }
                        "year" => out.year = Some(map.next_value()?),
                        "month" => out.month = Some(map.next_value()?),
                        "day" => out.day = Some(map.next_value()?),
                        other => {
                            return Err(de::Error::custom(format!("unknown field {other:?} in date: year, month, day")))
                        }
                    }
                }
                Ok(literal.unwrap_or(out))
            }
        }
        d.deserialize_any(V)
    }
}
