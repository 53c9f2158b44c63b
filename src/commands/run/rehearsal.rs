//! What a rehearsal (`run --rehearse`) proved: which stages ran, were skipped or failed, and
//! which conditional branches of the pipeline no rehearsal has exercised yet.
//!
//! A branch is one outcome of a stage that the pipeline can take or not: a stage behind a
//! `stageEnabled` runs or is skipped; a stage whose failure does not halt the pipeline
//! (`failPipeline: false`, `continuePipeline`) succeeds or fails; a deploy with
//! `rollback.onFailure` deploys or rolls back. What each rehearsal exercised is kept per
//! pipeline under `<data-dir>/rehearsals/`, so an operator can work through the branches
//! (once healthy, once with `--fault crashloop`, …).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::engine::record::Execution;
use crate::engine::status::Status;
use crate::pipeline::conditions::{FailureMode, StageConditions};
use crate::pipeline::model::Pipeline;

/// One branch: a stage and one of its outcomes.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub(crate) struct Branch {
    /// The stage's `refId`.
    pub(crate) ref_id: String,
    /// `runs`, `skipped`, `succeeds`, `fails`.
    pub(crate) outcome: String,
}

/// A branch and how it reads for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BranchInfo {
    /// The branch.
    pub(crate) branch: Branch,
    /// e.g. `"Roll back" runs (stageEnabled: #judgment(...) == 'roll back')`.
    pub(crate) description: String,
}

/// Every branch the pipeline has, in stage order.
pub(crate) fn branches(pipeline: &Pipeline) -> Vec<BranchInfo> {
    let mut found = Vec::new();
    for stage in &pipeline.stages {
        let ref_id = stage.ref_id.clone();
        let name = stage.name();
        let conditions = StageConditions::of(stage);
        let mut add = |outcome: &str, description: String| {
            found.push(BranchInfo {
                branch: Branch {
                    ref_id: ref_id.clone(),
                    outcome: outcome.to_owned(),
                },
                description,
            });
        };
        if let Some(condition) = &conditions.enabled_if {
            add(
                "runs",
                format!("\"{name}\" runs (stageEnabled: {condition})"),
            );
            add(
                "skipped",
                format!("\"{name}\" is skipped (stageEnabled: {condition})"),
            );
        }
        // A deploy that rolls back says so; its failure mode would name the same two branches.
        if rolls_back(stage.raw()) {
            add("succeeds", format!("\"{name}\" deploys"));
            add("fails", format!("\"{name}\" fails and rolls back"));
        } else if conditions.on_failure != FailureMode::HaltPipeline {
            add("succeeds", format!("\"{name}\" succeeds"));
            add(
                "fails",
                format!("\"{name}\" fails ({})", conditions.on_failure.describe()),
            );
        }
    }
    found
}

fn rolls_back(stage: &serde_json::Map<String, Value>) -> bool {
    let clusters = stage
        .get("clusters")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    clusters
        .iter()
        .chain(stage.get("cluster"))
        .any(|cluster| cluster.pointer("/rollback/onFailure") == Some(&Value::Bool(true)))
}

/// The branches one execution took.
pub(crate) fn exercised(execution: &Execution) -> BTreeSet<Branch> {
    let mut taken = BTreeSet::new();
    for stage in execution.top_level() {
        let outcomes: &[&str] = match stage.status {
            Status::Skipped => &["skipped"],
            Status::Succeeded => &["runs", "succeeds"],
            Status::FailedContinue | Status::Stopped | Status::Terminal => &["runs", "fails"],
            _ => &[],
        };
        for outcome in outcomes {
            taken.insert(Branch {
                ref_id: stage.ref_id.clone(),
                outcome: (*outcome).to_owned(),
            });
        }
    }
    taken
}

/// What the rehearsals of one pipeline have exercised, as kept on disk.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct Coverage {
    /// How many rehearsals were recorded.
    pub(crate) rehearsals: u64,
    /// Every branch some rehearsal took.
    pub(crate) exercised: BTreeSet<Branch>,
}

/// Where the coverage of `pipeline` is kept.
pub(crate) fn coverage_path(data_dir: &Path, pipeline: &Pipeline) -> PathBuf {
    let key = pipeline.id().or(pipeline.name()).unwrap_or("pipeline");
    let safe: String = key
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    data_dir.join("rehearsals").join(format!("{safe}.json"))
}

/// Adds one execution to the kept coverage and returns the total.
pub(crate) fn record(path: &Path, execution: &Execution) -> anyhow::Result<Coverage> {
    let mut coverage: Coverage = match std::fs::read(path) {
        Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_default(),
        Err(_) => Coverage::default(),
    };
    coverage.rehearsals += 1;
    coverage.exercised.extend(exercised(execution));
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let temporary = path.with_extension("json.tmp");
    std::fs::write(&temporary, serde_json::to_vec_pretty(&coverage)?)?;
    std::fs::rename(&temporary, path)?;
    Ok(coverage)
}

/// The report printed after a rehearsal.
pub(crate) fn report(pipeline: &Pipeline, execution: &Execution, coverage: &Coverage) -> String {
    let mut by_status: Vec<(&str, Vec<&str>)> =
        vec![("ran", vec![]), ("skipped", vec![]), ("failed", vec![])];
    for stage in execution.top_level() {
        let slot = match stage.status {
            Status::Succeeded => 0,
            Status::Skipped => 1,
            Status::FailedContinue | Status::Stopped | Status::Terminal | Status::Canceled => 2,
            _ => continue,
        };
        by_status[slot].1.push(&stage.name);
    }
    let mut text = format!(
        "\nRehearsal {} of \"{}\":\n",
        coverage.rehearsals,
        pipeline.name().unwrap_or("pipeline")
    );
    for (label, names) in &by_status {
        let list = if names.is_empty() {
            "-".to_owned()
        } else {
            names.join(", ")
        };
        text.push_str(&format!("  {label:<8} {list}\n"));
    }
    let all = branches(pipeline);
    let missing: Vec<&BranchInfo> = all
        .iter()
        .filter(|info| !coverage.exercised.contains(&info.branch))
        .collect();
    if all.is_empty() {
        text.push_str("The pipeline has no conditional branches.\n");
    } else if missing.is_empty() {
        text.push_str(&format!(
            "Every branch has been rehearsed ({} of {}).\n",
            all.len(),
            all.len()
        ));
    } else {
        text.push_str(&format!(
            "Branches no rehearsal has exercised yet ({} of {}):\n",
            missing.len(),
            all.len()
        ));
        for info in missing {
            text.push_str(&format!("  - {}\n", info.description));
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pipeline(text: &str) -> Pipeline {
        let file = crate::pipeline::load::parse(Path::new("p.json"), text).unwrap();
        file.pipelines().unwrap().pop().unwrap()
    }

    const HELLO: &str = r##"{"name": "hello", "stages": [
        {"refId": "1", "type": "wait", "name": "Deploy", "waitTime": 1},
        {"refId": "2", "requisiteStageRefIds": ["1"], "type": "wait", "name": "Promote", "waitTime": 1,
         "stageEnabled": {"type": "expression", "expression": "#judgment('Go') == 'promote'"}},
        {"refId": "3", "requisiteStageRefIds": ["1"], "type": "wait", "name": "Smoke", "waitTime": 1,
         "failPipeline": false, "continuePipeline": true}
    ]}"##;

    #[test]
    fn conditional_and_tolerated_stages_have_two_branches_each() {
        let found: Vec<String> = branches(&pipeline(HELLO))
            .into_iter()
            .map(|info| format!("{}:{}", info.branch.ref_id, info.branch.outcome))
            .collect();
        assert_eq!(found, ["2:runs", "2:skipped", "3:succeeds", "3:fails"]);
    }

    #[test]
    fn coverage_accumulates_across_rehearsals_and_the_report_lists_what_is_missing() {
        let pipeline = pipeline(HELLO);
        let mut execution =
            Execution::new(&pipeline, serde_json::json!({"type": "manual"}), "me", 0);
        let statuses = [Status::Succeeded, Status::Skipped, Status::Succeeded];
        for (stage, status) in execution.stages.iter_mut().zip(statuses) {
            stage.status = status;
        }
        let dir = tempfile::tempdir().unwrap();
        let path = coverage_path(dir.path(), &pipeline);
        let coverage = record(&path, &execution).unwrap();
        let text = report(&pipeline, &execution, &coverage);
        assert!(text.contains("ran      Deploy, Smoke"), "{text}");
        assert!(text.contains("skipped  Promote"), "{text}");
        assert!(text.contains("(2 of 4)"), "{text}");
        assert!(text.contains("\"Promote\" runs"), "{text}");
        assert!(text.contains("\"Smoke\" fails"), "{text}");

        execution.stages[1].status = Status::Succeeded;
        execution.stages[2].status = Status::FailedContinue;
        let coverage = record(&path, &execution).unwrap();
        assert_eq!(coverage.rehearsals, 2);
        let text = report(&pipeline, &execution, &coverage);
        assert!(
            text.contains("Every branch has been rehearsed (4 of 4)"),
            "{text}"
        );
    }
}
