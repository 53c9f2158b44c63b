//! [`Window`]: when a stage may run, as Orca's `RestrictExecutionDuringTimeWindow` computes it —
//! allowed days (1 = Sunday … 7 = Saturday), allowed time ranges at minute resolution with
//! inclusive bounds, ranges that wrap past midnight split in two, all in one time zone.

use jiff::ZonedDateTime as Zoned;
use jiff::civil::{Date, Time};
use serde_json::Value;

/// An allowed range of one day, inclusive at both ends, minutes since midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Range {
    start: i32,
    end: i32,
}

/// The days and hours a stage may start in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Window {
    /// Allowed days, 1 = Sunday; empty means every day.
    days: Vec<i8>,
    /// Allowed ranges of a day, sorted by start.
    ranges: Vec<Range>,
}

/// When the stage may go on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Opening {
    /// Now is inside the window.
    Now,
    /// The window opens at this time.
    At(Zoned),
    /// No day and time satisfies the window.
    Never,
}

impl Window {
    /// Reads `restrictedExecutionWindow` (`whitelist`, `days`) of a stage context.
    pub(crate) fn from_config(config: Option<&Value>) -> Self {
        let number = |value: &Value, key: &str| {
            value.get(key).and_then(|field| match field {
                Value::Number(number) => number.as_i64(),
                Value::String(text) => text.trim().parse().ok(),
                _ => None,
            })
        };
        let days = config
            .and_then(|config| config.get("days"))
            .and_then(Value::as_array)
            .map(|days| {
                days.iter()
                    .filter_map(|day| day.as_i64().and_then(|day| i8::try_from(day).ok()))
                    .filter(|day| (1..=7).contains(day))
                    .collect()
            })
            .unwrap_or_default();
        let mut ranges = Vec::new();
        let whitelist = config
            .and_then(|config| config.get("whitelist"))
            .and_then(Value::as_array);
        for entry in whitelist.into_iter().flatten() {
            let minutes = |hour: &str, minute: &str| {
                Some(
                    i32::try_from(number(entry, hour)? * 60 + number(entry, minute)?)
                        .ok()?
                        .clamp(0, 1439),
                )
            };
            let (Some(start), Some(end)) = (
                minutes("startHour", "startMin"),
                minutes("endHour", "endMin"),
            ) else {
                continue;
            };
            if start > end {
                ranges.push(Range { start, end: 1439 });
                ranges.push(Range { start: 0, end });
            } else {
                ranges.push(Range { start, end });
            }
        }
        if ranges.is_empty() {
            ranges.push(Range {
                start: 0,
                end: 1439,
            });
        }
        ranges.sort_by_key(|range| range.start);
        Self { days, ranges }
    }

    fn allows_day(&self, date: Date) -> bool {
        // Orca's java.util.Calendar counts Sunday as 1.
        let day = date.weekday().to_sunday_one_offset();
        self.days.is_empty() || self.days.contains(&day)
    }

    /// When the stage may go on, seen from `now`.
    pub(crate) fn opening(&self, now: &Zoned) -> Opening {
        let minute = i32::from(now.hour()) * 60 + i32::from(now.minute());
        if self.allows_day(now.date())
            && self
                .ranges
                .iter()
                .any(|range| range.start <= minute && minute <= range.end)
        {
            return Opening::Now;
        }
        for offset in 0..=7 {
            let Ok(date) = now.date().checked_add(jiff::Span::new().days(offset)) else {
                return Opening::Never;
            };
            if !self.allows_day(date) {
                continue;
            }
            for range in &self.ranges {
                if offset == 0 && range.start <= minute {
                    continue;
                }
                let Ok(time) = Time::new((range.start / 60) as i8, (range.start % 60) as i8, 0, 0)
                else {
                    continue;
                };
                if let Ok(opening) = date
                    .to_datetime(time)
                    .to_zoned_datetime(now.time_zone().clone())
                {
                    return Opening::At(opening);
                }
            }
        }
        Opening::Never
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn at(text: &str) -> Zoned {
        text.parse().expect("a zoned time")
    }

    fn window(config: &serde_json::Value) -> Window {
        Window::from_config(Some(config))
    }

    #[test]
    fn inside_a_weekday_window_it_opens_now() {
        let office = window(
            &json!({"days": [2, 3, 4, 5, 6], "whitelist": [{"startHour": 9, "startMin": 0, "endHour": 17, "endMin": 0}]}),
        );
        // 2026-11-23 is a Monday.
        assert_eq!(
            office.opening(&at("2026-11-23T10:30[America/Los_Angeles]")),
            Opening::Now
        );
        assert_eq!(
            office.opening(&at("2026-11-23T17:00[America/Los_Angeles]")),
            Opening::Now,
            "the end is inclusive"
        );
        assert_eq!(
            office.opening(&at("2026-11-23T17:01[America/Los_Angeles]")),
            Opening::At(at("2026-11-24T09:00[America/Los_Angeles]"))
        );
    }

    #[test]
    fn a_weekend_waits_for_monday() {
        let office = window(
            &json!({"days": [2, 3, 4, 5, 6], "whitelist": [{"startHour": 9, "startMin": 0, "endHour": 17, "endMin": 0}]}),
        );
        assert_eq!(
            office.opening(&at("2026-11-28T12:00[America/Los_Angeles]")),
            Opening::At(at("2026-11-30T09:00[America/Los_Angeles]"))
        );
    }

    #[test]
    fn a_range_past_midnight_is_split_in_two() {
        let night = window(
            &json!({"whitelist": [{"startHour": 22, "startMin": 0, "endHour": 6, "endMin": 0}]}),
        );
        assert_eq!(night.opening(&at("2026-11-23T23:15[UTC]")), Opening::Now);
        assert_eq!(night.opening(&at("2026-11-23T05:59[UTC]")), Opening::Now);
        assert_eq!(
            night.opening(&at("2026-11-23T12:00[UTC]")),
            Opening::At(at("2026-11-23T22:00[UTC]"))
        );
    }

    #[test]
    fn days_without_hours_allow_the_whole_day() {
        let sundays = window(&json!({"days": [1]}));
        assert_eq!(sundays.opening(&at("2026-11-29T03:00[UTC]")), Opening::Now);
        assert_eq!(
            sundays.opening(&at("2026-11-24T03:00[UTC]")),
            Opening::At(at("2026-11-29T00:00[UTC]"))
        );
    }

    #[test]
    fn impossible_days_never_open() {
        assert_eq!(
            window(&json!({"days": [9]})).opening(&at("2026-11-24T03:00[UTC]")),
            Opening::Now,
            "ignored day"
        );
        let mut never = window(&json!({"days": [2]}));
        never.ranges.clear();
        assert_eq!(never.opening(&at("2026-11-24T03:00[UTC]")), Opening::Never);
    }
}
