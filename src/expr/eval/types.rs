//! `T(…)` and `new …(…)`: only Orca's allow-listed classes resolve. The `java.lang` ones are
//! here; dates, UUIDs and randomness are in `time`, arrays in `arrays`.

use super::Machine;
use super::methods::{arg_int, arg_text, not_found, threw};
use crate::expr::error::{EvalError, EvalResult};
use crate::expr::functions::format::java_format;
use crate::expr::value::Value;

/// Orca's instantiable classes (kork `AllowListTypeLocator`), by fully qualified name.
const ALLOWED: &[&str] = &[
    "java.lang.String",
    "java.util.Date",
    "java.lang.Integer",
    "java.lang.Long",
    "java.lang.Double",
    "java.lang.Byte",
    "java.text.SimpleDateFormat",
    "java.lang.Math",
    "java.util.Random",
    "java.util.UUID",
    "java.lang.Boolean",
    "java.time.LocalDate",
    "java.time.LocalDateTime",
    "java.time.DayOfWeek",
    "java.time.Instant",
    "java.time.temporal.ChronoUnit",
    "java.net.URLEncoder",
    "java.time.temporal.TemporalAdjusters",
];

/// Allow-listed classes whose members live in `time` (dates, UUIDs, randomness).
const NONDETERMINISTIC: &[&str] = &[
    "java.util.Date",
    "java.text.SimpleDateFormat",
    "java.util.Random",
    "java.util.UUID",
    "java.time.LocalDate",
    "java.time.LocalDateTime",
    "java.time.DayOfWeek",
    "java.time.Instant",
    "java.time.temporal.ChronoUnit",
    "java.time.temporal.TemporalAdjusters",
];

/// Resolves a type name as Spring's `StandardTypeLocator` does (`java.lang.` is implied),
/// then applies Orca's allow-list.
pub(crate) fn resolve(name: &str) -> EvalResult<&'static str> {
    let qualified = if name.contains('.') {
        name.to_owned()
    } else {
        format!("java.lang.{name}")
    };
    if let Some(allowed) = ALLOWED.iter().find(|allowed| **allowed == qualified) {
        return Ok(allowed);
    }
    // kork's AllowListTypeLocator refuses a class that exists with EL1021E (its message has a
    // stray `{1}`); a class that does not exist fails earlier, in Spring's locator.
    if exists_in_java(&qualified) {
        return Err(EvalError::eval(format!(
            "EL1021E: A problem occurred whilst attempting to access the property '{name}': '{{1}}'"
        )));
    }
    Err(EvalError::eval(format!(
        "EL1005E: Type cannot be found '{name}'"
    )))
}

/// Whether a JDK class of this name exists (an approximation: the JDK's packages, and the
/// `java.lang` classes expressions try).
fn exists_in_java(qualified: &str) -> bool {
    const JAVA_LANG: &[&str] = &[
        "System",
        "Runtime",
        "Thread",
        "ThreadGroup",
        "Process",
        "ProcessBuilder",
        "ProcessHandle",
        "Class",
        "ClassLoader",
        "Object",
        "Float",
        "Character",
        "Short",
        "Number",
        "StringBuilder",
        "StringBuffer",
        "Enum",
        "Void",
        "Package",
        "Module",
        "SecurityManager",
        "StrictMath",
        "Iterable",
        "CharSequence",
        "Comparable",
        "Runnable",
        "Throwable",
        "Exception",
        "Error",
    ];
    match qualified.strip_prefix("java.lang.") {
        Some(simple) if !simple.contains('.') => JAVA_LANG.contains(&simple),
        _ => ["java.", "javax.", "jdk.", "sun."]
            .iter()
            .any(|prefix| qualified.starts_with(prefix)),
    }
}

/// `T(Class).FIELD`: Orca's property accessor looks for a getter, so static fields such as
/// `T(Integer).MAX_VALUE` or `T(Math).PI` are not readable.
pub(crate) fn static_field<'a>(class: &str, name: &str) -> EvalResult<Value<'a>> {
    let cause = format!("requested getter {name} not found on type class {class}");
    Err(EvalError {
        kind: crate::expr::error::ErrorKind::Evaluation,
        message: format!(
            "EL1021E: A problem occurred whilst attempting to access the property '{name}': '{cause}'"
        ),
        cause: Some(cause),
    })
}

/// Spring refuses a call two overloads could take equally well (e.g. `Math.max(1, 2.5)`).
fn ambiguous(name: &str, class: &str, args: &[Value<'_>]) -> EvalError {
    let types: Vec<&str> = args.iter().map(Value::java_type).collect();
    EvalError::eval(format!(
        "EL1033E: Method call of '{name}' is ambiguous, supported type conversions allow multiple variants to match - EL1031E: Problem locating method {name}({}) on type {class}",
        types.join(",")
    ))
}

fn number_arg(args: &[Value<'_>], index: usize) -> Option<f64> {
    #[allow(clippy::cast_precision_loss)]
    match args.get(index)? {
        Value::Int(v) => Some(f64::from(*v)),
        Value::Long(v) => Some(*v as f64),
        Value::Float(v) => Some(f64::from(*v)),
        Value::Double(v) => Some(*v),
        _ => None,
    }
}

fn parse_int<'a>(
    target: &Value<'a>,
    name: &str,
    text: Option<String>,
    long: bool,
) -> EvalResult<Value<'a>> {
    let text = text.ok_or_else(|| threw(name, target, "Cannot parse null string: null"))?;
    let error = || threw(name, target, format!("For input string: \"{text}\""));
    if long {
        text.parse::<i64>().map(Value::Long).map_err(|_| error())
    } else {
        text.parse::<i32>().map(Value::Int).map_err(|_| error())
    }
}

/// `T(Class).method(args)`.
#[allow(clippy::cast_possible_truncation, clippy::too_many_lines)] // Java's casts; one table of statics. // Java's `Math.round` and casts truncate the same way.
pub(crate) fn call_static<'a>(
    machine: &Machine<'a, '_>,
    class: &str,
    name: &str,
    args: &[Value<'a>],
) -> EvalResult<Value<'a>> {
    let target = Value::Type(resolve(class)?);
    let text = |index: usize| arg_text(args, index);
    Ok(match (class, name, args.len()) {
        ("java.lang.Integer", "valueOf", 1) if matches!(args[0], Value::Int(_)) => args[0].clone(),
        ("java.lang.Long", "valueOf", 1) if !matches!(args[0], Value::Str(_)) => {
            return Err(ambiguous(name, class, args));
        }
        ("java.lang.Integer", "parseInt" | "valueOf", 1) => {
            parse_int(&target, name, text(0)?, false)?
        }
        ("java.lang.Long", "parseLong" | "valueOf", 1) => parse_int(&target, name, text(0)?, true)?,
        ("java.lang.Integer" | "java.lang.Long", "parseInt" | "valueOf" | "parseLong", 2) => {
            let raw = text(0)?.unwrap_or_default();
            let radix = u32::try_from(arg_int(args, 1)?).unwrap_or(0);
            let parsed = (2..=36)
                .contains(&radix)
                .then(|| i64::from_str_radix(&raw, radix).ok())
                .flatten()
                .ok_or_else(|| threw(name, &target, format!("For input string: \"{raw}\"")))?;
            if class == "java.lang.Long" {
                Value::Long(parsed)
            } else {
                Value::Int(
                    i32::try_from(parsed).map_err(|_| {
                        threw(name, &target, format!("For input string: \"{raw}\""))
                    })?,
                )
            }
        }
        ("java.lang.Integer", "toHexString" | "toBinaryString" | "toOctalString", 1) => {
            let value = arg_int(args, 0)?.cast_unsigned();
            Value::string(match name {
                "toHexString" => format!("{value:x}"),
                "toBinaryString" => format!("{value:b}"),
                _ => format!("{value:o}"),
            })
        }
        ("java.lang.Integer", "sum" | "max" | "min", 2) => {
            let (a, b) = (arg_int(args, 0)?, arg_int(args, 1)?);
            Value::Int(match name {
                "sum" => a.wrapping_add(b),
                "max" => a.max(b),
                _ => a.min(b),
            })
        }
        ("java.lang.Double", "isNaN" | "isInfinite" | "isFinite", 1) => {
            let value = number_arg(args, 0).ok_or_else(|| not_found(name, &target, args))?;
            Value::Bool(match name {
                "isNaN" => value.is_nan(),
                "isInfinite" => value.is_infinite(),
                _ => value.is_finite(),
            })
        }
        ("java.lang.Byte", "parseByte" | "valueOf", 1) => {
            let raw = text(0)?.unwrap_or_default();
            let value = raw.parse::<i8>().map_err(|_| {
                threw(
                    name,
                    &target,
                    format!("Value out of range. Value:\"{raw}\" Radix:10"),
                )
            })?;
            Value::Int(i32::from(value))
        }
        ("java.lang.Integer" | "java.lang.Long", "toString", 1) => {
            Value::string(args[0].java_string())
        }
        ("java.lang.Double", "parseDouble" | "valueOf", 1) => {
            let raw = text(0)?.unwrap_or_default();
            let parsed = raw
                .trim()
                .trim_end_matches(['d', 'D', 'f', 'F'])
                .parse::<f64>();
            Value::Double(
                parsed.map_err(|_| threw(name, &target, format!("For input string: \"{raw}\"")))?,
            )
        }
        ("java.lang.Boolean", "parseBoolean" | "valueOf", 1) => {
            Value::Bool(text(0)?.is_some_and(|t| t.eq_ignore_ascii_case("true")))
        }
        ("java.lang.String", "valueOf", 1) if args[0].is_null() => {
            // valueOf(null) resolves to valueOf(char[]) in Java, which then fails.
            return Err(threw(name, &target, "java.lang.NullPointerException"));
        }
        ("java.lang.String", "valueOf", 1) => Value::string(args[0].java_string()),
        ("java.lang.String", "format", n) if n >= 1 => {
            let format = text(0)?.unwrap_or_default();
            let rest = flatten_varargs(&args[1..]);
            Value::string(java_format(&format, &rest).map_err(|m| threw(name, &target, m))?)
        }
        ("java.lang.String", "join", n) if n >= 1 => {
            let separator = text(0)?.unwrap_or_default();
            let mut parts = Vec::new();
            let from_list = args.len() == 2 && args[1].list_items().is_some();
            for value in flatten_varargs(&args[1..]) {
                if from_list && !matches!(value, Value::Str(_) | Value::Null) {
                    // join(CharSequence, Iterable<CharSequence>) casts each element.
                    return Err(EvalError::with_kind(
                        crate::expr::error::ErrorKind::Conversion,
                        format!(
                            "class {} cannot be cast to class java.lang.CharSequence ({0} and java.lang.CharSequence are in module java.base of loader 'bootstrap')",
                            value.java_type()
                        ),
                    ));
                }
                parts.push(value.spring_string()?.unwrap_or_else(|| "null".into()));
            }
            Value::string(parts.join(&separator))
        }
        ("java.net.URLEncoder", "encode", 1 | 2) => {
            Value::string(url_encode(&text(0)?.unwrap_or_default()))
        }
        ("java.lang.Math", "max" | "min" | "floorDiv" | "floorMod", 2)
            if std::mem::discriminant(&args[0]) != std::mem::discriminant(&args[1]) =>
        {
            return Err(ambiguous(name, class, args));
        }
        ("java.lang.Math", "floorDiv" | "floorMod", 2) => {
            let (a, b) = (arg_int(args, 0)?, arg_int(args, 1)?);
            if b == 0 {
                return Err(EvalError::with_kind(
                    crate::expr::error::ErrorKind::Arithmetic,
                    "/ by zero",
                ));
            }
            Value::Int(if name == "floorDiv" {
                a.div_euclid(b) - i32::from(b < 0 && a.rem_euclid(b) != 0)
            } else {
                a - b * (a.div_euclid(b) - i32::from(b < 0 && a.rem_euclid(b) != 0))
            })
        }
        ("java.lang.Math", "random", 0) => {
            Value::Double(super::time::math_random(machine.env.options.random_seed)?)
        }
        ("java.lang.Math", _, _) => {
            math(name, args).ok_or_else(|| not_found(name, &target, args))?
        }
        _ if NONDETERMINISTIC.contains(&class) => {
            let options = machine.env.options;
            return super::time::call_static(
                class,
                name,
                args,
                options.now_millis,
                options.random_seed,
            );
        }
        _ => return Err(not_found(name, &target, args)),
    })
}

/// `String.format(f, list)` and `String.join(sep, list)` accept a list as the varargs array.
fn flatten_varargs<'a>(args: &[Value<'a>]) -> Vec<Value<'a>> {
    match args {
        [single] => single.list_items().unwrap_or_else(|| vec![single.clone()]),
        _ => args.to_vec(),
    }
}

#[allow(clippy::cast_possible_truncation)]
fn math<'a>(name: &str, args: &[Value<'a>]) -> Option<Value<'a>> {
    let all_int = args.iter().all(|a| matches!(a, Value::Int(_)));
    let any_long_or_int = args
        .iter()
        .all(|a| matches!(a, Value::Int(_) | Value::Long(_)));
    let x = number_arg(args, 0);
    Some(match (name, args.len()) {
        ("abs", 1) => match &args[0] {
            Value::Int(v) => Value::Int(v.wrapping_abs()),
            Value::Long(v) => Value::Long(v.wrapping_abs()),
            Value::Float(v) => Value::Float(v.abs()),
            _ => Value::Double(x?.abs()),
        },
        ("max" | "min", 2) => {
            let (a, b) = (x?, number_arg(args, 1)?);
            let pick_first = if name == "max" { a >= b } else { a <= b };
            if all_int || any_long_or_int {
                let chosen = if pick_first { &args[0] } else { &args[1] };
                if all_int {
                    chosen.clone()
                } else {
                    Value::Long(java_i64(chosen)?)
                }
            } else {
                Value::Double(if pick_first { a } else { b })
            }
        }
        ("round", 1) => match &args[0] {
            Value::Float(v) => Value::Int((f64::from(*v) + 0.5).floor() as i32),
            _ => Value::Long((x? + 0.5).floor() as i64),
        },
        ("floor", 1) => Value::Double(x?.floor()),
        ("ceil", 1) => Value::Double(x?.ceil()),
        ("sqrt", 1) => Value::Double(x?.sqrt()),
        ("pow", 2) => Value::Double(x?.powf(number_arg(args, 1)?)),
        ("log", 1) => Value::Double(x?.ln()),
        ("log10", 1) => Value::Double(x?.log10()),
        ("exp", 1) => Value::Double(x?.exp()),
        ("signum", 1) => Value::Double(if x? == 0.0 { 0.0 } else { x?.signum() }),
        _ => return None,
    })
}

fn java_i64(value: &Value<'_>) -> Option<i64> {
    match value {
        Value::Int(v) => Some(i64::from(*v)),
        Value::Long(v) => Some(*v),
        _ => None,
    }
}

/// `URLEncoder.encode(s, "UTF-8")`: form encoding (space becomes `+`).
fn url_encode(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        match byte {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'.' | b'-' | b'*' | b'_' => {
                out.push(char::from(byte));
            }
            b' ' => out.push('+'),
            other => {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push('%');
                out.push(char::from(HEX[usize::from(other >> 4)]));
                out.push(char::from(HEX[usize::from(other & 0xF)]));
            }
        }
    }
    out
}

/// `new Class(args)`.
pub(crate) fn construct<'a>(
    machine: &Machine<'a, '_>,
    name: &str,
    args: &[Value<'a>],
) -> EvalResult<Value<'a>> {
    let class = resolve(name).map_err(|refused| {
        let types: Vec<&str> = args.iter().map(Value::java_type).collect();
        EvalError {
            kind: refused.kind,
            message: format!(
                "EL1003E: A problem occurred whilst attempting to construct an object of type '{name}' using arguments '({})'",
                types.join(",")
            ),
            cause: Some(refused.message),
        }
    })?;
    let target = Value::Type(class);
    Ok(match (class, args.len()) {
        ("java.lang.String", 0) => Value::string(""),
        ("java.lang.String", 1) => Value::string(arg_text(args, 0)?.unwrap_or_default()),
        ("java.lang.Integer", 1) => match &args[0] {
            Value::Int(v) => Value::Int(*v),
            _ => parse_int(&target, "<init>", arg_text(args, 0)?, false)?,
        },
        ("java.lang.Long", 1) => match &args[0] {
            Value::Int(v) => Value::Long(i64::from(*v)),
            Value::Long(v) => Value::Long(*v),
            _ => parse_int(&target, "<init>", arg_text(args, 0)?, true)?,
        },
        ("java.lang.Double", 1) => {
            if let Some(v) = number_arg(args, 0) {
                Value::Double(v)
            } else {
                let raw = arg_text(args, 0)?.unwrap_or_default();
                Value::Double(raw.trim().parse().map_err(|_| {
                    threw("<init>", &target, format!("For input string: \"{raw}\""))
                })?)
            }
        }
        ("java.lang.Boolean", 1) => match &args[0] {
            Value::Bool(v) => Value::Bool(*v),
            _ => Value::Bool(arg_text(args, 0)?.is_some_and(|t| t.eq_ignore_ascii_case("true"))),
        },
        ("java.lang.Byte", 1) => {
            let value = arg_int(args, 0)?;
            Value::Int(i32::from(i8::try_from(value).map_err(|_| {
                threw(
                    "<init>",
                    &target,
                    format!("Value out of range. Value:\"{value}\" Radix:10"),
                )
            })?))
        }
        ("java.util.Date" | "java.util.Random" | "java.text.SimpleDateFormat", _) => {
            let options = machine.env.options;
            return super::time::call_static(
                class,
                "<init>",
                args,
                options.now_millis,
                options.random_seed,
            );
        }
        _ => {
            return Err(EvalError::eval(format!(
                "EL1002E: Constructor call: No suitable constructor found on type {class} for arguments ({})",
                args.iter()
                    .map(Value::java_type)
                    .collect::<Vec<_>>()
                    .join(",")
            )));
        }
    })
}
