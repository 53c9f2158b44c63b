//! Methods and getters of the allow-listed date, UUID and random objects.

use super::calendar::{civil_from_days, days_from_civil, format_pattern, plus_months};
use super::random::{next_bits, next_int};
use super::statics::long_arg;
use super::{MILLIS_PER_DAY, Object, object};
use crate::expr::error::EvalResult;
use crate::expr::eval::methods::{arg_int, not_found, threw};
use crate::expr::value::Value;

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
