//! The simulator's own clock: every time-driven transition (staging, start-up, task runs,
//! broker operations, token expiry, rate-limit windows) reads it, never the system clock.
//!
//! A real clock serves the sandbox; a manual clock lets tests move time forward explicitly,
//! so no test sleeps or races a timer.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// How the simulator's clock advances.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClockMode {
    /// Follows wall-clock time; what operators rehearsing a pipeline want.
    #[default]
    Real,
    /// Starts at the wall-clock time of launch and only moves when told to.
    Manual,
}

/// Milliseconds since the Unix epoch, the unit of every stored instant.
pub(crate) type Millis = u64;

/// The clock shared by both listeners.
#[derive(Debug)]
pub(crate) struct SimClock {
    mode: ClockMode,
    /// Used by [`ClockMode::Manual`] only.
    manual_now: AtomicU64,
}

impl SimClock {
    pub(crate) fn new(mode: ClockMode) -> Self {
        Self {
            mode,
            manual_now: AtomicU64::new(wall_clock_millis()),
        }
    }

    pub(crate) fn now(&self) -> Millis {
        match self.mode {
            ClockMode::Real => wall_clock_millis(),
            ClockMode::Manual => self.manual_now.load(Ordering::SeqCst),
        }
    }

    /// Moves a manual clock forward; a real clock cannot be moved, so this is a no-op there.
    pub(crate) fn advance(&self, by: Duration) {
        if self.mode == ClockMode::Manual {
            self.manual_now
                .fetch_add(duration_millis(by), Ordering::SeqCst);
        }
    }
}

pub(crate) fn duration_millis(duration: Duration) -> Millis {
    u64::try_from(duration.as_millis()).unwrap_or(u64::MAX)
}

fn wall_clock_millis() -> Millis {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, duration_millis)
}

/// Formats an instant the way the Cloud Controller does: ISO-8601, UTC, second precision.
pub(crate) fn iso8601(at: Millis) -> String {
    let seconds = at / 1000;
    let days = i64::try_from(seconds / 86_400).unwrap_or(0);
    let second_of_day = seconds % 86_400;
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        second_of_day / 3600,
        (second_of_day % 3600) / 60,
        second_of_day % 60
    )
}

/// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian calendar).
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = u32::try_from(day_of_year - (153 * shifted_month + 2) / 5 + 1).unwrap_or(1);
    let month = u32::try_from(if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    })
    .unwrap_or(1);
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_timestamps_like_the_cloud_controller() {
        assert_eq!(iso8601(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso8601(1_458_250_890_000), "2016-03-17T21:41:30Z");
        assert_eq!(iso8601(951_782_400_999), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn a_manual_clock_moves_only_when_advanced() {
        let clock = SimClock::new(ClockMode::Manual);
        let start = clock.now();
        assert_eq!(clock.now(), start);
        clock.advance(Duration::from_millis(1500));
        assert_eq!(clock.now(), start + 1500);
    }
}
