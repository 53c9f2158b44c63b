//! The allow-listed `java.time`/`java.util` classes Orca lets expressions use: `Date`,
//! `SimpleDateFormat`, `Instant`, `LocalDate`, `LocalDateTime`, `DayOfWeek`, `ChronoUnit`,
//! `UUID` and `Random`. The current time and the random seed come from
//! [`crate::expr::Options`], so evaluation stays pure; dates are in UTC.
//!
//! `calendar` holds the date arithmetic and formats, `random` Java's generator, `statics` the
//! factories (`T(LocalDate).parse`, `new Date(0)`) and `instance` the methods.

mod calendar;
mod instance;
mod random;
mod statics;

pub(crate) use instance::{call, property};
pub(crate) use random::math_random;
pub(crate) use statics::call_static;

use std::cell::Cell;
use std::rc::Rc;

use crate::expr::error::{EvalError, EvalResult};
use crate::expr::value::Value;
use calendar::format_pattern;

const DAY_NAMES: [&str; 7] = [
    "MONDAY",
    "TUESDAY",
    "WEDNESDAY",
    "THURSDAY",
    "FRIDAY",
    "SATURDAY",
    "SUNDAY",
];
const MILLIS_PER_DAY: i64 = 86_400_000;
const MONTHS: [&str; 12] = [
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

/// An instance of one of the allow-listed classes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Object {
    /// `java.util.Date`: milliseconds since the epoch.
    Date(i64),
    /// `java.time.Instant`: milliseconds since the epoch.
    Instant(i64),
    /// `java.time.LocalDate`: days since the epoch.
    LocalDate(i64),
    /// `java.time.LocalDateTime`: milliseconds since the epoch, read in UTC.
    LocalDateTime(i64),
    /// `java.time.DayOfWeek`: 1 (Monday) to 7.
    DayOfWeek(i64),
    /// `java.time.temporal.ChronoUnit`.
    ChronoUnit(&'static str),
    /// `java.util.UUID`.
    Uuid(u128),
    /// `java.util.Random` with Java's 48-bit linear congruential state.
    Random(Rc<Cell<i64>>),
    /// `java.text.SimpleDateFormat` with its pattern.
    DateFormat(Rc<str>),
}

impl Object {
    pub(crate) fn java_type(&self) -> &'static str {
        match self {
            Self::Date(_) => "java.util.Date",
            Self::Instant(_) => "java.time.Instant",
            Self::LocalDate(_) => "java.time.LocalDate",
            Self::LocalDateTime(_) => "java.time.LocalDateTime",
            Self::DayOfWeek(_) => "java.time.DayOfWeek",
            Self::ChronoUnit(_) => "java.time.temporal.ChronoUnit",
            Self::Uuid(_) => "java.util.UUID",
            Self::Random(_) => "java.util.Random",
            Self::DateFormat(_) => "java.text.SimpleDateFormat",
        }
    }

    /// Java's `toString()`.
    pub(crate) fn java_string(&self) -> String {
        match self {
            Self::Date(millis) => format_pattern("EEE MMM dd HH:mm:ss 'UTC' yyyy", *millis),
            Self::Instant(millis) => {
                let text = format_pattern("yyyy-MM-dd'T'HH:mm:ss", *millis);
                let fraction = millis.rem_euclid(1000);
                if fraction == 0 {
                    format!("{text}Z")
                } else {
                    format!("{text}.{fraction:03}Z")
                }
            }
            Self::LocalDate(days) => format_pattern("yyyy-MM-dd", days * MILLIS_PER_DAY),
            Self::LocalDateTime(millis) => {
                let seconds = millis.rem_euclid(60_000);
                let base = format_pattern("yyyy-MM-dd'T'HH:mm", *millis);
                match (seconds / 1000, seconds % 1000) {
                    (0, 0) => base,
                    (s, 0) => format!("{base}:{s:02}"),
                    (s, ms) => format!("{base}:{s:02}.{ms:03}"),
                }
            }
            Self::DayOfWeek(day) => DAY_NAMES[usize::try_from(day - 1).unwrap_or(0) % 7].to_owned(),
            Self::ChronoUnit(unit) => (*unit).to_owned(),
            Self::Uuid(bits) => {
                let hex = format!("{bits:032x}");
                format!(
                    "{}-{}-{}-{}-{}",
                    &hex[..8],
                    &hex[8..12],
                    &hex[12..16],
                    &hex[16..20],
                    &hex[20..]
                )
            }
            Self::Random(_) => "java.util.Random".to_owned(),
            Self::DateFormat(_) => "java.text.SimpleDateFormat".to_owned(),
        }
    }
}

fn object<'a>(object: Object) -> Value<'a> {
    Value::Object(Rc::new(object))
}

fn now(machine_now: Option<i64>, class: &str) -> EvalResult<i64> {
    machine_now.ok_or_else(|| {
        EvalError::eval(format!(
            "{class}: the current time was not given to the expression evaluator"
        ))
    })
}
