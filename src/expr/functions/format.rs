//! A subset of Java's `String.format`: `%s %S %d %f %e %x %X %b %c %n %%` with flags `-`, `0`,
//! `+`, `,`, width and precision; enough for pipeline expressions.

use crate::expr::value::Value;

/// The widest field gennaker formats (a guard against `%0999999999d`).
const MAX_WIDTH: usize = 10_000;

/// Formats `args` with a Java format string; `Err` carries Java's exception message.
pub(crate) fn java_format(format: &str, args: &[Value<'_>]) -> Result<String, String> {
    let chars: Vec<char> = format.chars().collect();
    let mut out = String::new();
    let mut next_arg = 0;
    let mut i = 0;
    while i < chars.len() {
        if chars[i] != '%' {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        i += 1;
        let mut flags = String::new();
        while i < chars.len() && "-0+, #".contains(chars[i]) {
            flags.push(chars[i]);
            i += 1;
        }
        let mut width = String::new();
        while i < chars.len() && chars[i].is_ascii_digit() {
            width.push(chars[i]);
            i += 1;
        }
        let mut precision = None;
        if i < chars.len() && chars[i] == '.' {
            i += 1;
            let mut digits = String::new();
            while i < chars.len() && chars[i].is_ascii_digit() {
                digits.push(chars[i]);
                i += 1;
            }
            precision = digits.parse::<usize>().ok();
        }
        let Some(&conversion) = chars.get(i) else {
            return Err(format!(
                "Format specifier '{}'",
                chars[start..].iter().collect::<String>()
            ));
        };
        i += 1;
        let body = match conversion {
            '%' => "%".to_owned(),
            'n' => "\n".to_owned(),
            _ => {
                let arg = args.get(next_arg).ok_or_else(|| {
                    format!(
                        "Format specifier '{}'",
                        chars[start..i].iter().collect::<String>()
                    )
                })?;
                next_arg += 1;
                convert(conversion, arg, &flags, precision)?
            }
        };
        let width: usize = width.parse().unwrap_or(0);
        if width > MAX_WIDTH || precision.is_some_and(|p| p > MAX_WIDTH) {
            return Err(format!(
                "format width or precision above {MAX_WIDTH} is not supported"
            ));
        }
        let len = body.chars().count();
        if len >= width {
            out.push_str(&body);
        } else if flags.contains('-') {
            out.push_str(&body);
            out.push_str(&" ".repeat(width - len));
        } else if flags.contains('0') {
            let (sign, digits) = body
                .strip_prefix('-')
                .map_or(("", body.as_str()), |d| ("-", d));
            out.push_str(sign);
            out.push_str(&"0".repeat(width - len));
            out.push_str(digits);
        } else {
            out.push_str(&" ".repeat(width - len));
            out.push_str(&body);
        }
    }
    Ok(out)
}

#[allow(clippy::cast_precision_loss)]
fn convert(
    conversion: char,
    arg: &Value<'_>,
    flags: &str,
    precision: Option<usize>,
) -> Result<String, String> {
    let mismatch = || format!("{conversion} != {}", arg.java_type());
    let integer = match arg {
        Value::Int(v) => Some(i64::from(*v)),
        Value::Long(v) => Some(*v),
        _ => None,
    };
    let real = match arg {
        Value::Float(v) => Some(f64::from(*v)),
        Value::Double(v) => Some(*v),
        _ => None,
    };
    Ok(match conversion {
        's' | 'S' => {
            let mut text = if arg.is_null() {
                "null".to_owned()
            } else {
                arg.java_string()
            };
            if let Some(p) = precision {
                text = text.chars().take(p).collect();
            }
            if conversion == 'S' {
                text.to_uppercase()
            } else {
                text
            }
        }
        'b' | 'B' => match arg {
            Value::Null => "false".to_owned(),
            Value::Bool(v) => v.to_string(),
            _ => "true".to_owned(),
        },
        'c' => match arg {
            Value::Char(c) => c.to_string(),
            Value::Int(v) => u32::try_from(*v)
                .ok()
                .and_then(char::from_u32)
                .map(String::from)
                .ok_or_else(mismatch)?,
            _ => return Err(mismatch()),
        },
        'd' => {
            let value = integer.ok_or_else(mismatch)?;
            let mut text = if flags.contains(',') {
                group(value)
            } else {
                value.to_string()
            };
            if flags.contains('+') && value >= 0 {
                text.insert(0, '+');
            }
            text
        }
        'x' | 'X' => {
            let text = match arg {
                Value::Int(v) => format!("{:x}", v.cast_unsigned()),
                Value::Long(v) => format!("{:x}", v.cast_unsigned()),
                _ => return Err(mismatch()),
            };
            if conversion == 'X' {
                text.to_uppercase()
            } else {
                text
            }
        }
        'f' => {
            let value = real.ok_or_else(mismatch)?;
            let mut text = format!("{value:.*}", precision.unwrap_or(6));
            if flags.contains('+') && value >= 0.0 {
                text.insert(0, '+');
            }
            text
        }
        'e' | 'E' => {
            let value = real.ok_or_else(mismatch)?;
            let text = format!("{value:.*e}", precision.unwrap_or(6));
            let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
            let exponent: i32 = exponent.parse().unwrap_or(0);
            let sign = if exponent < 0 { '-' } else { '+' };
            let text = format!("{mantissa}e{sign}{:02}", exponent.abs());
            if conversion == 'E' {
                text.to_uppercase()
            } else {
                text
            }
        }
        other => return Err(format!("Conversion = '{other}'")),
    })
}

fn group(value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let mut out = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    if value < 0 { format!("-{out}") } else { out }
}
