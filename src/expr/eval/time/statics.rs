//! Factories of the allow-listed classes: `T(Instant).now()`, `T(LocalDate).parse(…)`,
//! `T(UUID).fromString(…)`, `new java.util.Date(0)`, `new java.util.Random(42)`.

use std::cell::Cell;
use std::rc::Rc;

use super::calendar::{parse_date, parse_date_time, parse_time};
use super::random::{next_bits, scramble};
use super::{DAY_NAMES, MILLIS_PER_DAY, Object, now, object};
use crate::expr::error::{EvalError, EvalResult};
use crate::expr::eval::methods::{arg_int, arg_text, not_found, threw};
use crate::expr::value::Value;

pub(super) fn long_arg(args: &[Value<'_>], index: usize) -> EvalResult<i64> {
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
            let digest = crate::expr::eval::md5::digest(&bytes);
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
