//! How statuses combine, exactly as Orca's completion handlers decide (orca-model §2.3): what a
//! failed task means for its stage, a stage's status from its parts, and an execution's status
//! from its top-level stages. Pure functions; the scheduler applies them.

use serde_json::{Map, Value};

use crate::engine::record::StageExecution;
use crate::engine::status::Status;

/// What a failure becomes for a stage: `continuePipeline` turns it into `FAILED_CONTINUE`,
/// `failPipeline: false` into `STOPPED`, otherwise it stays `default` (`TERMINAL` or `CANCELED`).
/// Read from the stage's own context only, never from ancestors.
pub(crate) fn failure_status(context: &Map<String, Value>, default: Status) -> Status {
    if context.get("continuePipeline").and_then(Value::as_bool) == Some(true) {
        Status::FailedContinue
    } else if matches!(
        context.get("failPipeline"),
        None | Some(Value::Null | Value::Bool(true))
    ) {
        default
    } else {
        Status::Stopped
    }
}

/// A stage's status from its synthetic children and its tasks, once they are done.
pub(crate) fn stage_status(stage: &StageExecution, children: &[Status]) -> Status {
    let all: Vec<Status> = children
        .iter()
        .copied()
        .chain(stage.tasks.iter().map(|task| task.status))
        .collect();
    let status = if all.is_empty() {
        // A stage with neither tasks nor synthetic stages has nothing to do.
        Status::Skipped
    } else if all.contains(&Status::Terminal) {
        failure_status(&stage.context, Status::Terminal)
    } else if all.contains(&Status::Stopped) {
        Status::Stopped
    } else if all.contains(&Status::Canceled) {
        Status::Canceled
    } else if all.contains(&Status::FailedContinue) {
        Status::FailedContinue
    } else if all
        .iter()
        .all(|status| matches!(status, Status::Succeeded | Status::Skipped))
    {
        Status::Succeeded
    } else {
        Status::Terminal
    };
    let fails_on_expressions = stage
        .context
        .get("failOnFailedExpressions")
        .and_then(Value::as_bool)
        == Some(true);
    let has_failed_expressions = stage
        .context
        .get("expressionEvaluationSummary")
        .and_then(Value::as_object)
        .is_some_and(|summary| !summary.is_empty());
    if fails_on_expressions && has_failed_expressions && !status.is_halt() {
        Status::Terminal
    } else {
        status
    }
}

/// The execution's final status from its top-level stages, once nothing more can start.
pub(crate) fn execution_status(top_level: &[&StageExecution]) -> Status {
    let has = |wanted: Status| top_level.iter().any(|stage| stage.status == wanted);
    if has(Status::Terminal) {
        Status::Terminal
    } else if has(Status::Canceled) {
        Status::Canceled
    } else if has(Status::Stopped) {
        let then_fail = top_level.iter().any(|stage| {
            stage.status == Status::Stopped
                && stage
                    .context
                    .get("completeOtherBranchesThenFail")
                    .and_then(Value::as_bool)
                    == Some(true)
        });
        if then_fail {
            Status::Terminal
        } else {
            Status::Succeeded
        }
    } else {
        Status::Succeeded
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::engine::record::TaskExecution;

    fn context(value: &serde_json::Value) -> Map<String, Value> {
        value.as_object().cloned().unwrap()
    }

    fn stage(context_value: serde_json::Value, tasks: &[Status]) -> StageExecution {
        StageExecution {
            id: "s".into(),
            ref_id: "1".into(),
            stage_type: "wait".into(),
            name: "s".into(),
            status: Status::Running,
            start_time: None,
            end_time: None,
            context: match context_value {
                Value::Object(members) => members,
                _ => Map::new(),
            },
            outputs: Map::new(),
            tasks: tasks
                .iter()
                .enumerate()
                .map(|(index, status)| TaskExecution {
                    id: (index + 1).to_string(),
                    name: "t".into(),
                    implementing_class: "t".into(),
                    status: *status,
                    start_time: None,
                    end_time: None,
                    stage_start: index == 0,
                    stage_end: index + 1 == tasks.len(),
                })
                .collect(),
            requisite_stage_ref_ids: Vec::new(),
            parent_stage_id: None,
            synthetic_stage_owner: None,
            start_time_expiry: None,
            last_modified: None,
        }
    }

    #[test]
    fn continue_pipeline_wins_over_fail_pipeline() {
        let cases = [
            (json!({}), Status::Terminal),
            (json!({"failPipeline": null}), Status::Terminal),
            (json!({"failPipeline": false}), Status::Stopped),
            (
                json!({"failPipeline": true, "continuePipeline": true}),
                Status::FailedContinue,
            ),
            (
                json!({"failPipeline": false, "continuePipeline": false}),
                Status::Stopped,
            ),
        ];
        for (value, expected) in cases {
            assert_eq!(
                failure_status(&context(&value), Status::Terminal),
                expected,
                "{value}"
            );
        }
        assert_eq!(
            failure_status(&context(&json!({})), Status::Canceled),
            Status::Canceled
        );
    }

    #[test]
    fn a_stage_takes_the_worst_status_of_its_parts() {
        assert_eq!(
            stage_status(
                &stage(json!({}), &[Status::Succeeded, Status::Succeeded]),
                &[]
            ),
            Status::Succeeded
        );
        assert_eq!(
            stage_status(&stage(json!({}), &[Status::Succeeded]), &[Status::Skipped]),
            Status::Succeeded
        );
        assert_eq!(
            stage_status(&stage(json!({}), &[Status::Terminal]), &[]),
            Status::Terminal
        );
        assert_eq!(
            stage_status(
                &stage(json!({"failPipeline": false}), &[]),
                &[Status::Terminal]
            ),
            Status::Stopped
        );
        assert_eq!(
            stage_status(
                &stage(json!({}), &[Status::FailedContinue, Status::Succeeded]),
                &[]
            ),
            Status::FailedContinue
        );
        assert_eq!(
            stage_status(&stage(json!({}), &[Status::Canceled]), &[]),
            Status::Canceled
        );
        assert_eq!(stage_status(&stage(json!({}), &[]), &[]), Status::Skipped);
    }

    #[test]
    fn failed_expressions_fail_a_stage_that_asks_for_it() {
        let summary = json!({"failOnFailedExpressions": true, "expressionEvaluationSummary": {"x": [{"level": "ERROR"}]}});
        assert_eq!(
            stage_status(&stage(summary, &[Status::Succeeded]), &[]),
            Status::Terminal
        );
        let tolerated = json!({"expressionEvaluationSummary": {"x": [{"level": "ERROR"}]}});
        assert_eq!(
            stage_status(&stage(tolerated, &[Status::Succeeded]), &[]),
            Status::Succeeded
        );
    }

    #[test]
    fn a_stopped_branch_fails_the_execution_only_when_asked() {
        let mut stopped = stage(json!({}), &[]);
        stopped.status = Status::Stopped;
        let mut done = stage(json!({}), &[]);
        done.status = Status::Succeeded;
        assert_eq!(execution_status(&[&stopped, &done]), Status::Succeeded);
        stopped
            .context
            .insert("completeOtherBranchesThenFail".into(), json!(true));
        assert_eq!(execution_status(&[&stopped, &done]), Status::Terminal);
        done.status = Status::Canceled;
        assert_eq!(execution_status(&[&done]), Status::Canceled);
        done.status = Status::Terminal;
        assert_eq!(execution_status(&[&stopped, &done]), Status::Terminal);
    }
}
