//! [`Clock`]: the simulator's notion of "now", and the timestamp formats DC/OS services print.
//!
//! A cluster normally follows the wall clock. A cluster started with a manual clock stands still
//! until told to advance (`POST /__simulator/clock`), which lets tests step through deployment
//! and job states without sleeping.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

/// Milliseconds since the Unix epoch; every time in the simulator's state is one of these.
pub(crate) type Millis = u64;

/// Where "now" comes from.
#[derive(Debug)]
pub(crate) struct Clock {
    /// `None` follows the wall clock; `Some` holds the manual time.
    manual: Option<AtomicU64>,
}

impl Clock {
    /// A clock following the wall clock.
    pub(crate) fn real() -> Self {
        Self { manual: None }
    }

    /// A clock standing at the current wall time until advanced.
    pub(crate) fn manual() -> Self {
        Self {
            manual: Some(AtomicU64::new(wall_now())),
        }
    }

    /// The current time.
    pub(crate) fn now(&self) -> Millis {
        self.manual
            .as_ref()
            .map_or_else(wall_now, |manual| manual.load(Ordering::SeqCst))
    }

    /// Whether the clock is a manual one.
    pub(crate) fn is_manual(&self) -> bool {
        self.manual.is_some()
    }

    /// Moves a manual clock forward; returns `false` for a wall clock, which cannot be moved.
    pub(crate) fn advance(&self, millis: Millis) -> bool {
        match &self.manual {
            Some(manual) => {
                manual.fetch_add(millis, Ordering::SeqCst);
                true
            }
            None => false,
        }
    }
}

/// `start` plus `delays`, saturating: timings and snapshots come from clients, and an absurd
/// value must mean "never", not a panic.
pub(crate) fn later(start: Millis, delays: &[Millis]) -> Millis {
    delays
        .iter()
        .fold(start, |sum, delay| sum.saturating_add(*delay))
}

fn wall_now() -> Millis {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |elapsed| {
            u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX)
        })
}

/// Calendar fields of a UTC instant.
struct Civil {
    year: i64,
    month: u32,
    day: u32,
    hour: u64,
    minute: u64,
    second: u64,
    millis: u64,
}

fn civil(at: Millis) -> Civil {
    let days = i64::try_from(at / 86_400_000).unwrap_or(i64::MAX);
    let in_day = at % 86_400_000;
    // Howard Hinnant's days-to-civil algorithm (proleptic Gregorian calendar).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    Civil {
        year,
        month: u32::try_from(month).unwrap_or(1),
        day: u32::try_from(day).unwrap_or(1),
        hour: in_day / 3_600_000,
        minute: in_day / 60_000 % 60,
        second: in_day / 1000 % 60,
        millis: in_day % 1000,
    }
}

/// Marathon's timestamp form: `2016-07-15T13:02:59.735Z`.
pub(crate) fn iso_utc(at: Millis) -> String {
    let c = civil(at);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z",
        c.year, c.month, c.day, c.hour, c.minute, c.second, c.millis
    )
}

/// Metronome's timestamp form, with a `+0000` offset instead of `Z`.
pub(crate) fn iso_offset(at: Millis) -> String {
    let c = civil(at);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}+0000",
        c.year, c.month, c.day, c.hour, c.minute, c.second, c.millis
    )
}

/// The `yyyyMMddHHmmss` prefix of a Metronome run id.
pub(crate) fn compact(at: Millis) -> String {
    let c = civil(at);
    format!(
        "{:04}{:02}{:02}{:02}{:02}{:02}",
        c.year, c.month, c.day, c.hour, c.minute, c.second
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_match_the_services() {
        // 2016-07-15T13:02:59.735Z, the instant of Metronome's documented example run.
        let at = 1_468_587_779_735;
        assert_eq!(iso_utc(at), "2016-07-15T13:02:59.735Z");
        assert_eq!(iso_offset(at), "2016-07-15T13:02:59.735+0000");
        assert_eq!(compact(at), "20160715130259");
    }

    #[test]
    fn leap_days_and_year_ends_are_right() {
        assert_eq!(iso_utc(951_782_400_000), "2000-02-29T00:00:00.000Z");
        assert_eq!(iso_utc(1_704_067_199_999), "2023-12-31T23:59:59.999Z");
    }

    #[test]
    fn a_manual_clock_moves_only_when_advanced() {
        let clock = Clock::manual();
        let start = clock.now();
        assert!(clock.advance(1500));
        assert_eq!(clock.now(), start + 1500);
        assert!(!Clock::real().advance(1));
    }
}
