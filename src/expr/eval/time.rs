//! The allow-listed `java.time`/`java.util` classes Orca lets expressions use: `Date`,
//! `SimpleDateFormat`, `Instant`, `LocalDate`, `LocalDateTime`, `DayOfWeek`, `ChronoUnit`,
//! `UUID` and `Random`. The current time and the random seed come from
//! [`crate::expr::Options`], so evaluation stays pure; dates are in UTC.

use std::cell::Cell;
use std::rc::Rc;

use super::methods::{arg_int, arg_text, not_found, threw};
use crate::expr::error::{EvalError, EvalResult};
use crate::expr::value::Value;

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

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since the epoch.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    days_from_civil(year + i64::from(month == 12), month % 12 + 1, 1)
        - days_from_civil(year, month, 1)
}

/// `plusMonths`: the day is clamped to the end of the target month, as `java.time` does.
fn plus_months(days: i64, months: i64) -> i64 {
    let (year, month, day) = civil_from_days(days);
    let total = year * 12 + (month - 1) + months;
    let (year, month) = (total.div_euclid(12), total.rem_euclid(12) + 1);
    days_from_civil(year, month, day.min(days_in_month(year, month)))
}

/// Formats epoch milliseconds (UTC) with a `SimpleDateFormat` pattern.
fn format_pattern(pattern: &str, millis: i64) -> String {
    let days = millis.div_euclid(MILLIS_PER_DAY);
    let in_day = millis.rem_euclid(MILLIS_PER_DAY);
    let (year, month, day) = civil_from_days(days);
    let (hour, minute, second, milli) = (
        in_day / 3_600_000,
        in_day / 60_000 % 60,
        in_day / 1000 % 60,
        in_day % 1000,
    );
    let weekday = (days + 3).rem_euclid(7);
    let chars: Vec<char> = pattern.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            let end = chars[i + 1..]
                .iter()
                .position(|&q| q == '\'')
                .map_or(chars.len(), |p| i + 1 + p);
            if end == i + 1 {
                out.push('\'');
            } else {
                out.extend(&chars[i + 1..end]);
            }
            i = end + 1;
            continue;
        }
        let run = chars[i..].iter().take_while(|&&d| d == c).count();
        i += run;
        let pad = |value: i64| format!("{value:0run$}");
        let text = match c {
            'y' | 'u' => {
                if run == 2 {
                    format!("{:02}", year.rem_euclid(100))
                } else {
                    pad(year)
                }
            }
            'M' | 'L' => match run {
                1 | 2 => pad(month),
                3 => MONTHS[usize::try_from(month - 1).unwrap_or(0)][..3].to_owned(),
                _ => MONTHS[usize::try_from(month - 1).unwrap_or(0)].to_owned(),
            },
            'd' => pad(day),
            'H' => pad(hour),
            'k' => pad(if hour == 0 { 24 } else { hour }),
            'h' => pad(if hour % 12 == 0 { 12 } else { hour % 12 }),
            'm' => pad(minute),
            's' => pad(second),
            'S' => pad(milli),
            'a' => (if hour < 12 { "AM" } else { "PM" }).to_owned(),
            'E' => {
                let name = DAY_NAMES[usize::try_from(weekday).unwrap_or(0)];
                let title = format!("{}{}", &name[..1], name[1..].to_lowercase());
                if run >= 4 {
                    title
                } else {
                    title[..3].to_owned()
                }
            }
            'D' => pad(days - days_from_civil(year, 1, 1) + 1),
            'z' => "UTC".to_owned(),
            'Z' => "+0000".to_owned(),
            'X' => "Z".to_owned(),
            other if other.is_ascii_alphabetic() => String::new(),
            other => other.to_string().repeat(run),
        };
        out.push_str(&text);
    }
    out
}

fn parse_date(text: &str) -> Option<i64> {
    let mut parts = text.splitn(3, '-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: i64 = parts.next()?.parse().ok()?;
    let day: i64 = parts.next()?.parse().ok()?;
    ((1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day))
        .then(|| days_from_civil(year, month, day))
}

/// `HH:mm[:ss[.SSS]]` as milliseconds in the day.
fn parse_time(text: &str) -> Option<i64> {
    let mut parts = text.split(':');
    let hour: i64 = parts.next()?.parse().ok()?;
    let minute: i64 = parts.next()?.parse().ok()?;
    let (second, milli) = match parts.next() {
        None => (0, 0),
        Some(rest) => match rest.split_once('.') {
            Some((s, fraction)) => (
                s.parse().ok()?,
                format!("{fraction:0<3}")
                    .chars()
                    .take(3)
                    .collect::<String>()
                    .parse()
                    .ok()?,
            ),
            None => (rest.parse().ok()?, 0),
        },
    };
    (hour < 24 && minute < 60 && second < 60)
        .then_some(((hour * 60 + minute) * 60 + second) * 1000 + milli)
}

fn parse_date_time(text: &str) -> Option<i64> {
    let (date, time) = text.split_once('T')?;
    Some(parse_date(date)? * MILLIS_PER_DAY + parse_time(time)?)
}

fn now(machine_now: Option<i64>, class: &str) -> EvalResult<i64> {
    machine_now.ok_or_else(|| {
        EvalError::eval(format!(
            "{class}: the current time was not given to the expression evaluator"
        ))
    })
}

/// Java's `Random` scrambling of a seed.
fn scramble(seed: i64) -> i64 {
    (seed ^ 0x5_DEEC_E66D) & ((1 << 48) - 1)
}

fn next_bits(state: &Cell<i64>, bits: u32) -> i32 {
    let next = (state.get().wrapping_mul(0x5_DEEC_E66D).wrapping_add(0xB)) & ((1 << 48) - 1);
    state.set(next);
    (next >> (48 - bits)) as i32
}

fn next_int(state: &Cell<i64>, bound: i32) -> i32 {
    if bound & (-bound) == bound {
        return ((i64::from(bound) * i64::from(next_bits(state, 31))) >> 31) as i32;
    }
    loop {
        let bits = next_bits(state, 31);
        let value = bits % bound;
        if bits.wrapping_sub(value).wrapping_add(bound - 1) >= 0 {
            return value;
        }
    }
}

fn long_arg(args: &[Value<'_>], index: usize) -> EvalResult<i64> {
    match args.get(index) {
        Some(Value::Int(v)) => Ok(i64::from(*v)),
        Some(Value::Long(v)) => Ok(*v),
        _ => Err(EvalError::eval(
            "EL1001E: Type conversion problem, cannot convert to long",
        )),
    }
}

/// Static methods and constructors: `T(LocalDate).parse(…)`, `new java.util.Date(0)`.
#[allow(clippy::too_many_lines, reason = "one table of factory methods")]
pub(crate) fn call_static<'a>(
    class: &str,
    name: &str,
    args: &[Value<'a>],
    now_millis: Option<i64>,
    seed: Option<u64>,
) -> EvalResult<Value<'a>> {
    let target = Value::Type("java.lang.Class");
    let text = |index: usize| arg_text(args, index).map(Option::unwrap_or_default);
    let bad = |raw: String| threw(name, &target, format!("Text '{raw}' could not be parsed"));
    let short = class.rsplit('.').next().unwrap_or(class);
    Ok(object(match (short, name, args.len()) {
        ("Date", "<init>", 0) => Object::Date(now(now_millis, class)?),
        ("Date", "<init>", 1) => Object::Date(long_arg(args, 0)?),
        ("SimpleDateFormat", "<init>", 1) => Object::DateFormat(Rc::from(text(0)?)),
        ("Random", "<init>", 0) => {
            let seed = seed.ok_or_else(|| {
                EvalError::eval(
                    "java.util.Random: no random seed was given to the expression evaluator",
                )
            })?;
            Object::Random(Rc::new(Cell::new(scramble(seed.cast_signed()))))
        }
        ("Random", "<init>", 1) => Object::Random(Rc::new(Cell::new(scramble(long_arg(args, 0)?)))),
        ("Instant", "now", 0) => Object::Instant(now(now_millis, class)?),
        ("Instant", "ofEpochMilli", 1) => Object::Instant(long_arg(args, 0)?),
        ("Instant", "ofEpochSecond", 1) => Object::Instant(long_arg(args, 0)?.saturating_mul(1000)),
        ("Instant", "parse", 1) => {
            let raw = text(0)?;
            Object::Instant(
                raw.strip_suffix('Z')
                    .and_then(parse_date_time)
                    .ok_or_else(|| bad(raw.clone()))?,
            )
        }
        ("LocalDate", "now", 0) => {
            Object::LocalDate(now(now_millis, class)?.div_euclid(MILLIS_PER_DAY))
        }
        ("LocalDate", "parse", 1) => {
            let raw = text(0)?;
            Object::LocalDate(parse_date(&raw).ok_or_else(|| bad(raw.clone()))?)
        }
        ("LocalDate", "of", 3) => {
            let (y, m, d) = (
                i64::from(arg_int(args, 0)?),
                i64::from(arg_int(args, 1)?),
                i64::from(arg_int(args, 2)?),
            );
            Object::LocalDate(
                parse_date(&format!("{y}-{m}-{d}"))
                    .ok_or_else(|| threw(name, &target, "Invalid date"))?,
            )
        }
        ("LocalDateTime", "now", 0) => Object::LocalDateTime(now(now_millis, class)?),
        ("LocalDateTime", "parse", 1) => {
            let raw = text(0)?;
            Object::LocalDateTime(parse_date_time(&raw).ok_or_else(|| bad(raw.clone()))?)
        }
        ("LocalDateTime", "of", 5 | 6) => {
            let mut fields = Vec::new();
            for index in 0..args.len() {
                fields.push(i64::from(arg_int(args, index)?));
            }
            let date = parse_date(&format!("{}-{}-{}", fields[0], fields[1], fields[2]))
                .ok_or_else(|| threw(name, &target, "Invalid date"))?;
            let time = parse_time(&format!(
                "{}:{}:{}",
                fields[3],
                fields[4],
                fields.get(5).copied().unwrap_or(0)
            ))
            .ok_or_else(|| threw(name, &target, "Invalid time"))?;
            Object::LocalDateTime(date * MILLIS_PER_DAY + time)
        }
        ("DayOfWeek", "valueOf", 1) => {
            let raw = text(0)?;
            let index = DAY_NAMES.iter().position(|d| *d == raw).ok_or_else(|| {
                threw(
                    name,
                    &target,
                    format!("No enum constant java.time.DayOfWeek.{raw}"),
                )
            })?;
            Object::DayOfWeek(i64::try_from(index).unwrap_or(0) + 1)
        }
        ("DayOfWeek", "of", 1) => Object::DayOfWeek(i64::from(arg_int(args, 0)?).clamp(1, 7)),
        ("ChronoUnit", "valueOf", 1) => {
            let raw = text(0)?;
            let unit = [
                "MILLIS", "SECONDS", "MINUTES", "HOURS", "DAYS", "WEEKS", "MONTHS", "YEARS",
            ]
            .into_iter()
            .find(|u| *u == raw)
            .ok_or_else(|| {
                threw(
                    name,
                    &target,
                    format!("No enum constant java.time.temporal.ChronoUnit.{raw}"),
                )
            })?;
            Object::ChronoUnit(unit)
        }
        ("UUID", "fromString", 1) => {
            let raw = text(0)?;
            let hex: String = raw.chars().filter(|c| *c != '-').collect();
            Object::Uuid(
                u128::from_str_radix(&hex, 16)
                    .ok()
                    .filter(|_| hex.len() == 32)
                    .ok_or_else(|| threw(name, &target, format!("Invalid UUID string: {raw}")))?,
            )
        }
        ("UUID", "randomUUID", 0) => {
            let seed = seed.ok_or_else(|| {
                EvalError::eval(
                    "java.util.UUID: no random seed was given to the expression evaluator",
                )
            })?;
            let state = Cell::new(scramble(seed.cast_signed()));
            let mut bits: u128 = 0;
            for _ in 0..4 {
                bits = (bits << 32) | u128::from(next_bits(&state, 32).cast_unsigned());
            }
            // Version 4, IETF variant.
            Object::Uuid((bits & !(0xF << 76) | (0x4 << 76)) & !(0x3 << 62) | (0x2 << 62))
        }
        ("UUID", "nameUUIDFromBytes", 1) => {
            let bytes: Vec<u8> = args[0]
                .list_items()
                .unwrap_or_default()
                .iter()
                .map(|b| match b {
                    Value::Int(v) => v.to_le_bytes()[0],
                    _ => 0,
                })
                .collect();
            let digest = super::md5::digest(&bytes);
            let bits = u128::from_be_bytes(digest);
            Object::Uuid((bits & !(0xF << 76) | (0x3 << 76)) & !(0x3 << 62) | (0x2 << 62))
        }
        _ => return Err(not_found(name, &Value::Type(class_name(short)), args)),
    }))
}

fn class_name(short: &str) -> &'static str {
    match short {
        "Date" => "java.util.Date",
        "Instant" => "java.time.Instant",
        "LocalDate" => "java.time.LocalDate",
        "LocalDateTime" => "java.time.LocalDateTime",
        "DayOfWeek" => "java.time.DayOfWeek",
        "ChronoUnit" => "java.time.temporal.ChronoUnit",
        "UUID" => "java.util.UUID",
        "Random" => "java.util.Random",
        _ => "java.text.SimpleDateFormat",
    }
}

/// A getter read as a property (`date.year`, `date.dayOfWeek`).
pub(crate) fn property<'a>(target: &Value<'a>, this: &Object, name: &str) -> EvalResult<Value<'a>> {
    let mut getter = String::from("get");
    let mut chars = name.chars();
    if let Some(first) = chars.next() {
        getter.push(first.to_ascii_uppercase());
        getter.extend(chars);
    }
    call(target, this, &getter, &[])
}

fn ordering<'a>(a: i64, b: i64, name: &str) -> Value<'a> {
    Value::Bool(match name {
        "isBefore" | "before" => a < b,
        "isAfter" | "after" => a > b,
        _ => a == b,
    })
}

/// Instance methods.
#[allow(clippy::too_many_lines)] // One table of small cases reads better than several.
pub(crate) fn call<'a>(
    target: &Value<'a>,
    this: &Object,
    name: &str,
    args: &[Value<'a>],
) -> EvalResult<Value<'a>> {
    let other = || match args.first() {
        Some(Value::Object(o)) => match **o {
            Object::Date(v)
            | Object::Instant(v)
            | Object::LocalDate(v)
            | Object::LocalDateTime(v)
            | Object::DayOfWeek(v) => Ok(v),
            _ => Err(not_found(name, target, args)),
        },
        _ => Err(not_found(name, target, args)),
    };
    let amount = || long_arg(args, 0);
    let int = |v: i64| Value::Int(i32::try_from(v).unwrap_or(i32::MAX));
    Ok(match (this, name, args.len()) {
        (_, "toString" | "name", 0) => Value::string(this.java_string()),
        (Object::Date(ms), "getTime", 0) | (Object::Instant(ms), "toEpochMilli", 0) => {
            Value::Long(*ms)
        }
        (Object::Date(ms), "before" | "after", 1)
        | (Object::Instant(ms) | Object::LocalDateTime(ms), "isBefore" | "isAfter" | "equals", 1) => {
            ordering(*ms, other()?, name)
        }
        (Object::Instant(ms), "getEpochSecond", 0) => Value::Long(ms.div_euclid(1000)),
        (Object::Instant(ms), "plusSeconds" | "minusSeconds" | "plusMillis" | "minusMillis", 1) => {
            let factor = if name.ends_with("Seconds") { 1000 } else { 1 };
            let sign = if name.starts_with("plus") { 1 } else { -1 };
            object(Object::Instant(
                ms.saturating_add(sign * factor * amount()?),
            ))
        }
        (Object::LocalDate(days), "isBefore" | "isAfter" | "isEqual" | "equals", 1) => {
            ordering(*days, other()?, name)
        }
        (Object::LocalDate(days), "getYear" | "getMonthValue" | "getDayOfMonth", 0) => {
            let (y, m, d) = civil_from_days(*days);
            int(match name {
                "getYear" => y,
                "getMonthValue" => m,
                _ => d,
            })
        }
        (Object::LocalDate(days), "getDayOfWeek", 0) => {
            object(Object::DayOfWeek((days + 3).rem_euclid(7) + 1))
        }
        (Object::LocalDate(days), "getDayOfYear", 0) => {
            int(days - days_from_civil(civil_from_days(*days).0, 1, 1) + 1)
        }
        (Object::LocalDate(days), "toEpochDay", 0) => Value::Long(*days),
        (
            Object::LocalDate(days),
            "plusDays" | "minusDays" | "plusWeeks" | "minusWeeks" | "plusMonths" | "minusMonths"
            | "plusYears" | "minusYears",
            1,
        ) => {
            let n = amount()? * if name.starts_with("plus") { 1 } else { -1 };
            object(Object::LocalDate(match &name[name.len() - 4..] {
                "Days" => days + n,
                "eeks" => days + 7 * n,
                "nths" => plus_months(*days, n),
                _ => plus_months(*days, 12 * n),
            }))
        }
        (Object::LocalDate(days), "atStartOfDay", 0) => {
            object(Object::LocalDateTime(days * MILLIS_PER_DAY))
        }
        (Object::LocalDateTime(ms), "getHour" | "getMinute" | "getSecond", 0) => {
            let in_day = ms.rem_euclid(MILLIS_PER_DAY);
            int(match name {
                "getHour" => in_day / 3_600_000,
                "getMinute" => in_day / 60_000 % 60,
                _ => in_day / 1000 % 60,
            })
        }
        (Object::LocalDateTime(ms), "toLocalDate", 0) => {
            object(Object::LocalDate(ms.div_euclid(MILLIS_PER_DAY)))
        }
        (
            Object::LocalDateTime(ms),
            "getYear" | "getMonthValue" | "getDayOfMonth" | "getDayOfWeek",
            0,
        ) => call(
            target,
            &Object::LocalDate(ms.div_euclid(MILLIS_PER_DAY)),
            name,
            args,
        )?,
        (
            Object::LocalDateTime(ms),
            "plusHours" | "plusMinutes" | "plusSeconds" | "plusDays",
            1,
        ) => {
            let unit = match name {
                "plusHours" => 3_600_000,
                "plusMinutes" => 60_000,
                "plusSeconds" => 1000,
                _ => MILLIS_PER_DAY,
            };
            object(Object::LocalDateTime(ms.saturating_add(unit * amount()?)))
        }
        (Object::DayOfWeek(day), "getValue" | "ordinal", 0) => {
            int(if name == "ordinal" { day - 1 } else { *day })
        }
        (Object::DayOfWeek(day), "plus", 1) => {
            object(Object::DayOfWeek((day - 1 + amount()?).rem_euclid(7) + 1))
        }
        (Object::ChronoUnit(unit), "between", 2) => {
            let (Some(Value::Object(a)), Some(Value::Object(b))) = (args.first(), args.get(1))
            else {
                return Err(not_found(name, target, args));
            };
            between(unit, a, b).ok_or_else(|| threw(name, target, "Unsupported unit"))?
        }
        (Object::Uuid(bits), "version", 0) => int(i64::try_from((bits >> 76) & 0xF).unwrap_or(0)),
        (Object::Random(state), "nextInt", 0) => Value::Int(next_bits(state, 32)),
        (Object::Random(state), "nextInt", 1) => {
            let bound = arg_int(args, 0)?;
            if bound <= 0 {
                return Err(threw(name, target, "bound must be positive"));
            }
            Value::Int(next_int(state, bound))
        }
        (Object::Random(state), "nextBoolean", 0) => Value::Bool(next_bits(state, 1) != 0),
        (Object::DateFormat(pattern), "format", 1) => match args.first() {
            Some(Value::Object(date)) => match **date {
                Object::Date(ms) => Value::string(format_pattern(pattern, ms)),
                _ => return Err(threw(name, target, "Cannot format given Object as a Date")),
            },
            _ => return Err(threw(name, target, "Cannot format given Object as a Date")),
        },
        _ => return Err(not_found(name, target, args)),
    })
}

fn between<'a>(unit: &str, a: &Object, b: &Object) -> Option<Value<'a>> {
    let (start, end, is_date) = match (a, b) {
        (Object::LocalDate(x), Object::LocalDate(y)) => {
            (x * MILLIS_PER_DAY, y * MILLIS_PER_DAY, true)
        }
        (Object::Instant(x), Object::Instant(y))
        | (Object::LocalDateTime(x), Object::LocalDateTime(y)) => (*x, *y, false),
        _ => return None,
    };
    let span = end - start;
    let months = || {
        let (ya, ma, da) = civil_from_days(start.div_euclid(MILLIS_PER_DAY));
        let (yb, mb, db) = civil_from_days(end.div_euclid(MILLIS_PER_DAY));
        let mut total = (yb - ya) * 12 + (mb - ma);
        if total > 0 && db < da {
            total -= 1;
        } else if total < 0 && db > da {
            total += 1;
        }
        total
    };
    Some(Value::Long(match unit {
        "MILLIS" if !is_date => span,
        "SECONDS" if !is_date => span / 1000,
        "MINUTES" if !is_date => span / 60_000,
        "HOURS" if !is_date => span / 3_600_000,
        "DAYS" => span / MILLIS_PER_DAY,
        "WEEKS" => span / (7 * MILLIS_PER_DAY),
        "MONTHS" => months(),
        "YEARS" => months() / 12,
        _ => return None,
    }))
}

/// `Math.random()`: a double in [0, 1) from the evaluator's seed.
pub(crate) fn math_random(seed: Option<u64>) -> EvalResult<f64> {
    let seed = seed.ok_or_else(|| {
        EvalError::eval("Math.random(): no random seed was given to the expression evaluator")
    })?;
    let state = Cell::new(scramble(seed.cast_signed()));
    let high = i64::from(next_bits(&state, 26));
    let low = i64::from(next_bits(&state, 27));
    #[allow(clippy::cast_precision_loss)]
    Ok(((high << 27) + low) as f64 * (1.0 / (1_i64 << 53) as f64))
}
