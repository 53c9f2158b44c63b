//! How a simulated task's command decides its outcome — no command really runs.
//!
//! The command is read as shell-like statements separated by `;`, `&&` or newlines, in order:
//! - `sleep N` adds N seconds (fractions allowed) to the task's run time;
//! - `exit N` ends the task with exit status N;
//! - `false` ends it with exit status 1;
//! - anything else (`true`, `rake db:migrate`, …) succeeds and goes on.
//!
//! Exit status 0 means SUCCEEDED; anything else FAILED with `Exited with status N`.

/// What running a command would do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct TaskOutcome {
    pub(crate) exit_status: i64,
    /// Simulated time spent in `sleep`s before the exit.
    pub(crate) extra_ms: u64,
}

pub(crate) fn outcome(command: &str) -> TaskOutcome {
    let mut extra_ms = 0_u64;
    for statement in command.split(['\n', ';']).flat_map(|part| part.split("&&")) {
        let words: Vec<&str> = statement.split_whitespace().collect();
        match words.as_slice() {
            ["sleep", seconds] => {
                if let Ok(seconds) = seconds.parse::<f64>() {
                    #[expect(
                        clippy::cast_possible_truncation,
                        clippy::cast_sign_loss,
                        reason = "clamped to a non-negative range that fits u64 before casting"
                    )]
                    let millis = (seconds.max(0.0) * 1000.0).min(1e15) as u64;
                    extra_ms += millis;
                }
            }
            ["exit", status] => {
                return TaskOutcome {
                    exit_status: status.parse().unwrap_or(1),
                    extra_ms,
                };
            }
            ["exit"] => {
                return TaskOutcome {
                    exit_status: 0,
                    extra_ms,
                };
            }
            ["false"] => {
                return TaskOutcome {
                    exit_status: 1,
                    extra_ms,
                };
            }
            _ => {}
        }
    }
    TaskOutcome {
        exit_status: 0,
        extra_ms,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_commands_succeed() {
        assert_eq!(
            outcome("rake db:migrate"),
            TaskOutcome {
                exit_status: 0,
                extra_ms: 0
            }
        );
    }

    #[test]
    fn exit_and_false_fail_and_stop_the_script() {
        assert_eq!(outcome("echo hi && exit 3").exit_status, 3);
        assert_eq!(outcome("false; exit 0").exit_status, 1);
        assert_eq!(outcome("exit 0; false").exit_status, 0);
    }

    #[test]
    fn sleeps_add_run_time_until_the_exit() {
        assert_eq!(
            outcome("sleep 2; sleep 0.5\nexit 4; sleep 10"),
            TaskOutcome {
                exit_status: 4,
                extra_ms: 2500
            }
        );
    }
}
