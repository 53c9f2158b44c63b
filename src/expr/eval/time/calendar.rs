//! Civil-calendar arithmetic (days since the epoch, in UTC), `SimpleDateFormat` patterns and
//! ISO-8601 parsing.

use super::{DAY_NAMES, MILLIS_PER_DAY, MONTHS};

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
pub(super) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since the epoch.
pub(super) fn civil_from_days(days: i64) -> (i64, i64, i64) {
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

pub(super) fn days_in_month(year: i64, month: i64) -> i64 {
    days_from_civil(year + i64::from(month == 12), month % 12 + 1, 1)
        - days_from_civil(year, month, 1)
}

/// `plusMonths`: the day is clamped to the end of the target month, as `java.time` does.
pub(super) fn plus_months(days: i64, months: i64) -> i64 {
    let (year, month, day) = civil_from_days(days);
    let total = year * 12 + (month - 1) + months;
    let (year, month) = (total.div_euclid(12), total.rem_euclid(12) + 1);
    days_from_civil(year, month, day.min(days_in_month(year, month)))
}

/// Formats epoch milliseconds (UTC) with a `SimpleDateFormat` pattern.
pub(super) fn format_pattern(pattern: &str, millis: i64) -> String {
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

pub(super) fn parse_date(text: &str) -> Option<i64> {
    let mut parts = text.splitn(3, '-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: i64 = parts.next()?.parse().ok()?;
    let day: i64 = parts.next()?.parse().ok()?;
    ((1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day))
        .then(|| days_from_civil(year, month, day))
}

/// `HH:mm[:ss[.SSS]]` as milliseconds in the day.
pub(super) fn parse_time(text: &str) -> Option<i64> {
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

pub(super) fn parse_date_time(text: &str) -> Option<i64> {
    let (date, time) = text.split_once('T')?;
    Some(parse_date(date)? * MILLIS_PER_DAY + parse_time(time)?)
}
