//! The conditions a stage runs under, read from its context as Orca reads them: whether it
//! runs at all (`stageEnabled`), when (execution window), for how long (`stageTimeoutMs`), and
//! what its failure does to the rest of the pipeline.

use serde::Serialize;
use serde_json::Value;

use crate::pipeline::model::Stage;

/// What a stage's failure does, from Deck's "If stage fails" choices (orca-model §2.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) enum FailureMode {
    /// `failPipeline` true or absent: the pipeline ends TERMINAL.
    HaltPipeline,
    /// `failPipeline: false`: this branch stops (STOPPED), other branches go on.
    HaltBranch,
    /// `failPipeline: false` + `completeOtherBranchesThenFail`: the branch stops, the pipeline
    /// fails once the other branches finish.
    HaltBranchThenFail,
    /// `continuePipeline: true`: the stage is `FAILED_CONTINUE` and the pipeline goes on.
    Ignore,
}

impl FailureMode {
    /// How the mode reads in `plan`.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Self::HaltPipeline => "halt the pipeline",
            Self::HaltBranch => "halt this branch",
            Self::HaltBranchThenFail => "halt this branch, then fail the pipeline",
            Self::Ignore => "ignore the failure",
        }
    }
}

/// One allowed time range of an execution window, in the window's time zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct TimeRange {
    /// Start hour, 0–23.
    pub(crate) start_hour: u32,
    /// Start minute, 0–59.
    pub(crate) start_min: u32,
    /// End hour, 0–23; before the start hour means the range wraps past midnight.
    pub(crate) end_hour: u32,
    /// End minute, 0–59.
    pub(crate) end_min: u32,
}

/// `restrictedExecutionWindow`, when `restrictExecutionDuringTimeWindow` is true.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct ExecutionWindow {
    /// Allowed ranges; empty means all day.
    pub(crate) whitelist: Vec<TimeRange>,
    /// Allowed days, 1 = Sunday … 7 = Saturday; empty means every day.
    pub(crate) days: Vec<u32>,
    /// Random extra delay in seconds (min, max), when jitter is enabled.
    pub(crate) jitter: Option<(u64, u64)>,
}

impl ExecutionWindow {
    /// How the window reads in `plan`, e.g. `Mon–Fri 09:00–17:00`.
    pub(crate) fn describe(&self) -> String {
        const DAY_NAMES: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
        let days = if self.days.is_empty() {
            "every day".to_owned()
        } else {
            let names: Vec<&str> = self
                .days
                .iter()
                .filter_map(|day| {
                    day.checked_sub(1)
                        .and_then(|index| DAY_NAMES.get(index as usize))
                })
                .copied()
                .collect();
            names.join(",")
        };
        let ranges = if self.whitelist.is_empty() {
            "all day".to_owned()
        } else {
            let ranges: Vec<String> = self
                .whitelist
                .iter()
                .map(|range| {
                    format!(
                        "{:02}:{:02}–{:02}:{:02}",
                        range.start_hour, range.start_min, range.end_hour, range.end_min
                    )
                })
                .collect();
            ranges.join(", ")
        };
        let jitter = match self.jitter {
            Some((min, max)) => format!(" (+{min}–{max}s jitter)"),
            None => String::new(),
        };
        format!("{days} {ranges}{jitter}")
    }
}

/// The conditions of one stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct StageConditions {
    /// The `stageEnabled` expression (written without `${}`), when the stage is conditional.
    pub(crate) enabled_if: Option<String>,
    /// The execution window, when restricted.
    pub(crate) execution_window: Option<ExecutionWindow>,
    /// `stageTimeoutMs`, when set (as a number or a numeric string).
    pub(crate) timeout_ms: Option<u64>,
    /// What a failure of this stage does.
    pub(crate) on_failure: FailureMode,
}

impl StageConditions {
    /// Reads the conditions of `stage` as Orca would.
    pub(crate) fn of(stage: &Stage) -> Self {
        Self {
            enabled_if: enabled_if(stage),
            execution_window: execution_window(stage),
            timeout_ms: stage.get("stageTimeoutMs").and_then(as_u64),
            on_failure: failure_mode(stage),
        }
    }
}

/// Orca only honours `stageEnabled` of type `expression` with a non-blank expression.
fn enabled_if(stage: &Stage) -> Option<String> {
    stage
        .get("stageEnabled")
        .and_then(|_| enabled_if_context(&stage.context()))
}

/// The `stageEnabled` expression of a stage context, when it makes the stage conditional.
pub(crate) fn enabled_if_context(context: &serde_json::Map<String, Value>) -> Option<String> {
    let enabled = context.get("stageEnabled")?.as_object()?;
    let is_expression = enabled
        .get("type")
        .and_then(Value::as_str)
        .is_some_and(|kind| kind.eq_ignore_ascii_case("expression"));
    let expression = enabled.get("expression").and_then(Value::as_str)?.trim();
    (is_expression && !expression.is_empty()).then(|| expression.to_owned())
}

/// `continuePipeline` wins over `failPipeline`; an absent `failPipeline` means true.
fn failure_mode(stage: &Stage) -> FailureMode {
    let flag = |key: &str| stage.get(key).and_then(Value::as_bool);
    if flag("continuePipeline") == Some(true) {
        FailureMode::Ignore
    } else if matches!(
        stage.get("failPipeline"),
        None | Some(Value::Null | Value::Bool(true))
    ) {
        FailureMode::HaltPipeline
    } else if flag("completeOtherBranchesThenFail") == Some(true) {
        FailureMode::HaltBranchThenFail
    } else {
        FailureMode::HaltBranch
    }
}

fn execution_window(stage: &Stage) -> Option<ExecutionWindow> {
    if stage
        .get("restrictExecutionDuringTimeWindow")
        .and_then(Value::as_bool)
        != Some(true)
    {
        return None;
    }
    let window = stage
        .get("restrictedExecutionWindow")
        .and_then(Value::as_object);
    let field = |key: &str| window.and_then(|window| window.get(key));
    let whitelist = field("whitelist")
        .and_then(Value::as_array)
        .map(|ranges| {
            ranges
                .iter()
                .filter_map(|range| {
                    let part = |key: &str| {
                        range
                            .get(key)
                            .and_then(as_u64)
                            .and_then(|v| u32::try_from(v).ok())
                    };
                    Some(TimeRange {
                        start_hour: part("startHour")?,
                        start_min: part("startMin")?,
                        end_hour: part("endHour")?,
                        end_min: part("endMin")?,
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let days = field("days")
        .and_then(Value::as_array)
        .map(|days| {
            days.iter()
                .filter_map(as_u64)
                .filter_map(|day| u32::try_from(day).ok())
                .collect()
        })
        .unwrap_or_default();
    let jitter = field("jitter").and_then(|jitter| {
        let enabled = jitter.get("enabled").and_then(Value::as_bool) == Some(true);
        let max = jitter.get("maxDelay").and_then(as_u64).unwrap_or(0);
        let min = jitter.get("minDelay").and_then(as_u64).unwrap_or(0);
        (enabled && max > 0).then_some((min, max))
    });
    Some(ExecutionWindow {
        whitelist,
        days,
        jitter,
    })
}

/// Orca's Long fields accept numbers and numeric strings.
pub(crate) fn as_u64(value: &Value) -> Option<u64> {
    match value {
        Value::Number(number) => number.as_u64(),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::json_path::JsonPath;

    fn stage(raw: serde_json::Value) -> Stage {
        let serde_json::Value::Object(raw) = raw else {
            unreachable!()
        };
        Stage::new(0, JsonPath::root(), raw)
    }

    #[test]
    fn failure_mode_follows_decks_choices() {
        let cases = [
            (serde_json::json!({}), FailureMode::HaltPipeline),
            (
                serde_json::json!({"failPipeline": true}),
                FailureMode::HaltPipeline,
            ),
            (
                serde_json::json!({"failPipeline": false}),
                FailureMode::HaltBranch,
            ),
            (
                serde_json::json!({"failPipeline": false, "completeOtherBranchesThenFail": true}),
                FailureMode::HaltBranchThenFail,
            ),
            (
                serde_json::json!({"failPipeline": true, "continuePipeline": true}),
                FailureMode::Ignore,
            ),
        ];
        for (raw, expected) in cases {
            assert_eq!(
                StageConditions::of(&stage(raw.clone())).on_failure,
                expected,
                "{raw}"
            );
        }
    }

    #[test]
    fn stage_enabled_needs_type_expression_and_text() {
        let enabled = |raw| StageConditions::of(&stage(raw)).enabled_if;
        assert_eq!(
            enabled(
                serde_json::json!({"stageEnabled": {"type": "Expression", "expression": " a == 1 "}})
            ),
            Some("a == 1".to_owned())
        );
        assert_eq!(
            enabled(serde_json::json!({"stageEnabled": {"type": "other", "expression": "x"}})),
            None
        );
        assert_eq!(
            enabled(serde_json::json!({"stageEnabled": {"type": "expression", "expression": ""}})),
            None
        );
    }

    #[test]
    fn execution_window_reads_days_ranges_and_jitter() {
        let conditions = StageConditions::of(&stage(serde_json::json!({
            "restrictExecutionDuringTimeWindow": true,
            "restrictedExecutionWindow": {
                "whitelist": [{"startHour": 22, "startMin": 0, "endHour": 6, "endMin": 30}],
                "days": [2, 3, 4, 5, 6],
                "jitter": {"enabled": true, "minDelay": 10, "maxDelay": "600"}
            },
            "stageTimeoutMs": "3600000"
        })));
        let window = conditions.execution_window.expect("window");
        assert_eq!(
            window.describe(),
            "Mon,Tue,Wed,Thu,Fri 22:00–06:30 (+10–600s jitter)"
        );
        assert_eq!(conditions.timeout_ms, Some(3_600_000));
    }
}
