//! [`LiveModel`]: what the live table knows about an execution, kept up to date from engine
//! events, and the order in which its stages are shown — a tree: top-level stages in the
//! order they can run (parallel branches side by side), each followed by its synthetic
//! children and by the stages of the child executions it started (`pipeline` stages).

use std::collections::HashMap;

use crate::engine::event::Event;
use crate::engine::record::{Execution, StageExecution};
use crate::engine::status::Status;

/// The execution as far as the events have told it.
#[derive(Debug, Default)]
pub(crate) struct LiveModel {
    /// The execution without its stages (those are in `stages`); `None` before it started.
    header: Option<Execution>,
    /// Every stage seen, latest version, in the order first seen.
    stages: Vec<StageExecution>,
    /// Child executions started by `pipeline` stages (and their children in turn), by
    /// execution id; each is shown under the stage that started it.
    nested: HashMap<String, LiveModel>,
}

/// Where a top-level stage sits among the stages that can run at the same time as it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Branch {
    /// It runs alone (its wave has one stage), or it is not top-level.
    Alone,
    /// The first of several parallel stages.
    First,
    /// Neither first nor last of several parallel stages.
    Middle,
    /// The last of several parallel stages.
    Last,
}

impl Branch {
    /// Whether the bracket that groups parallel stages continues below this stage's row.
    pub(crate) fn continues(self) -> bool {
        matches!(self, Self::First | Self::Middle)
    }
}

/// One stage in display order.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry<'a> {
    /// The stage.
    pub(crate) stage: &'a StageExecution,
    /// 0 for a top-level stage, 1 for its synthetic children, and so on.
    pub(crate) depth: usize,
    /// Its place in a group of parallel top-level stages (the group of its top-level ancestor).
    pub(crate) branch: Branch,
    /// Whether it is the last child of its parent (always true at depth 0).
    pub(crate) last_sibling: bool,
}

impl LiveModel {
    /// Takes in one event.
    pub(crate) fn apply(&mut self, event: &Event) {
        match event {
            Event::ExecutionStarted(execution) | Event::ExecutionFinished(execution) => {
                self.set_execution(execution);
            }
            Event::StageChanged(stage) => self.set_stage(stage),
        }
    }

    /// Takes in one event of the child execution `id` (learnt from its first event).
    pub(crate) fn apply_child(&mut self, id: &mut Option<String>, event: &Event) {
        match event {
            Event::ExecutionStarted(execution) | Event::ExecutionFinished(execution) => {
                *id = Some(execution.id.clone());
                self.nested
                    .entry(execution.id.clone())
                    .or_default()
                    .set_execution(execution);
            }
            Event::StageChanged(stage) => {
                if let Some(id) = id {
                    self.nested.entry(id.clone()).or_default().set_stage(stage);
                }
            }
        }
    }

    fn set_execution(&mut self, execution: &Execution) {
        let mut header = execution.clone();
        let stages = std::mem::take(&mut header.stages);
        self.header = Some(header);
        // The document's own order wins: it places synthetic stages next to their parents.
        let known: HashMap<&str, usize> = stages
            .iter()
            .enumerate()
            .map(|(index, stage)| (stage.id.as_str(), index))
            .collect();
        let extra: Vec<StageExecution> = self
            .stages
            .drain(..)
            .filter(|stage| !known.contains_key(stage.id.as_str()))
            .collect();
        self.stages = stages;
        self.stages.extend(extra);
    }

    fn set_stage(&mut self, stage: &StageExecution) {
        match self.stages.iter_mut().find(|known| known.id == stage.id) {
            Some(known) => known.clone_from(stage),
            None => self.stages.push(stage.clone()),
        }
    }

    /// The execution (without stages), once it has started.
    pub(crate) fn execution(&self) -> Option<&Execution> {
        self.header.as_ref()
    }

    /// Every stage known, in the order first seen.
    pub(crate) fn stages(&self) -> &[StageExecution] {
        &self.stages
    }

    /// The stages in display order, child executions' stages included.
    pub(crate) fn entries(&self) -> Vec<Entry<'_>> {
        let mut entries = Vec::with_capacity(self.stages.len());
        for wave in waves(&self.top_level()) {
            let count = wave.len();
            for (position, stage) in wave.into_iter().enumerate() {
                let branch = match (count, position) {
                    (1, _) => Branch::Alone,
                    (_, 0) => Branch::First,
                    (_, p) if p + 1 == count => Branch::Last,
                    _ => Branch::Middle,
                };
                self.push_subtree(&mut entries, self, stage, 0, branch, true);
            }
        }
        entries
    }

    /// The stages of this model that have no parent stage in it.
    fn top_level(&self) -> Vec<&StageExecution> {
        self.stages
            .iter()
            .filter(|stage| self.parent_of(stage).is_none())
            .collect()
    }

    /// The parent of a synthetic stage, when it is known.
    fn parent_of(&self, stage: &StageExecution) -> Option<&StageExecution> {
        let parent = stage.parent_stage_id.as_deref()?;
        self.stages.iter().find(|candidate| candidate.id == parent)
    }

    /// The child executions started by `stage`, oldest first.
    fn started_by(&self, stage: &StageExecution) -> Vec<&LiveModel> {
        let execution_id = stage.context.get("executionId").and_then(|id| id.as_str());
        let mut children: Vec<&LiveModel> = self
            .nested
            .iter()
            .filter(|(id, child)| {
                let parent_stage = child
                    .header
                    .as_ref()
                    .and_then(|header| header.trigger.get("parentPipelineStageId")?.as_str());
                parent_stage == Some(stage.id.as_str()) || execution_id == Some(id.as_str())
            })
            .map(|(_, child)| child)
            .collect();
        children.sort_by_key(|child| {
            child
                .header
                .as_ref()
                .map(|header| (header.build_time, header.id.clone()))
        });
        children
    }

    /// Pushes `stage` of `model` (this model or a child execution's), then what hangs under
    /// it: its synthetic children, then the stages of the child executions it started.
    fn push_subtree<'a>(
        &'a self,
        entries: &mut Vec<Entry<'a>>,
        model: &'a LiveModel,
        stage: &'a StageExecution,
        depth: usize,
        branch: Branch,
        last_sibling: bool,
    ) {
        entries.push(Entry {
            stage,
            depth,
            branch,
            last_sibling,
        });
        // A malformed document could make a stage its own ancestor; the depth bound stops that.
        if depth > 16 {
            return;
        }
        let mut children: Vec<(&LiveModel, &StageExecution)> = model
            .stages
            .iter()
            .filter(|child| child.parent_stage_id.as_deref() == Some(stage.id.as_str()))
            .map(|child| (model, child))
            .collect();
        for execution in self.started_by(stage) {
            for wave in waves(&execution.top_level()) {
                children.extend(wave.into_iter().map(|child| (execution, child)));
            }
        }
        let count = children.len();
        for (index, (owner, child)) in children.into_iter().enumerate() {
            self.push_subtree(entries, owner, child, depth + 1, branch, index + 1 == count);
        }
    }
}

/// Groups stages into waves as `gennaker plan` does: a stage's wave is one more than the
/// deepest wave among its requisites, so the stages of a wave can run at the same time. Within
/// a wave, stages keep the document's order. Requisites that name no stage are ignored, and a
/// cycle (which validation refuses anyway) is broken by document order.
fn waves<'a>(stages: &[&'a StageExecution]) -> Vec<Vec<&'a StageExecution>> {
    let index_of: HashMap<&str, usize> = stages
        .iter()
        .enumerate()
        .map(|(index, stage)| (stage.ref_id.as_str(), index))
        .collect();
    let mut depth: Vec<Option<usize>> = vec![None; stages.len()];
    let mut visiting = vec![false; stages.len()];
    let mut waves: Vec<Vec<&StageExecution>> = Vec::new();
    for index in 0..stages.len() {
        let wave = depth_of(index, stages, &index_of, &mut depth, &mut visiting);
        if waves.len() <= wave {
            waves.resize_with(wave + 1, Vec::new);
        }
        waves[wave].push(stages[index]);
    }
    waves.retain(|wave| !wave.is_empty());
    waves
}

/// The wave of stage `index`: one more than the deepest of its requisites (memoised).
fn depth_of(
    index: usize,
    stages: &[&StageExecution],
    index_of: &HashMap<&str, usize>,
    depth: &mut Vec<Option<usize>>,
    visiting: &mut Vec<bool>,
) -> usize {
    if let Some(known) = depth[index] {
        return known;
    }
    visiting[index] = true;
    let mut deepest = 0;
    for requisite in &stages[index].requisite_stage_ref_ids {
        if let Some(&other) = index_of.get(requisite.as_str())
            && !visiting[other]
        {
            deepest = deepest.max(depth_of(other, stages, index_of, depth, visiting) + 1);
        }
    }
    visiting[index] = false;
    depth[index] = Some(deepest);
    deepest
}

/// How many top-level stages ended in each status, most common first, e.g.
/// `[(SUCCEEDED, 4), (SKIPPED, 1)]`.
pub(crate) fn status_counts(stages: &[StageExecution]) -> Vec<(Status, usize)> {
    let mut counts: Vec<(Status, usize)> = Vec::new();
    for stage in stages
        .iter()
        .filter(|stage| stage.parent_stage_id.is_none())
    {
        match counts
            .iter_mut()
            .find(|(status, _)| *status == stage.status)
        {
            Some((_, count)) => *count += 1,
            None => counts.push((stage.status, 1)),
        }
    }
    counts.sort_by_key(|(_, count)| std::cmp::Reverse(*count));
    counts
}

#[cfg(test)]
pub(crate) mod tests {
    use std::sync::Arc;

    use serde_json::json;

    use super::*;
    use crate::engine::record::TaskExecution;

    /// A stage for tests: `ref_id`, `name`, waiting for `requisites`. Built from JSON, as the
    /// history reads it, so that fields added to the record later need no change here.
    pub(crate) fn stage(ref_id: &str, name: &str, requisites: &[&str]) -> StageExecution {
        serde_json::from_value(json!({
            "id": format!("id-{ref_id}"),
            "refId": ref_id,
            "type": "wait",
            "name": name,
            "status": "NOT_STARTED",
            "context": {},
            "outputs": {},
            "tasks": [],
            "requisiteStageRefIds": requisites,
        }))
        .expect("a stage record")
    }

    /// A task for tests.
    pub(crate) fn task(name: &str, status: Status, start: Option<u64>) -> TaskExecution {
        serde_json::from_value(json!({
            "id": "1",
            "name": name,
            "implementingClass": "",
            "status": status,
            "startTime": start,
            "stageStart": true,
            "stageEnd": true,
        }))
        .expect("a task record")
    }

    /// An execution for tests, started at `start`.
    pub(crate) fn execution(name: &str, stages: Vec<StageExecution>, start: u64) -> Execution {
        let execution = serde_json::from_value(json!({
            "id": "01JEXECUTION0000000000000A",
            "type": "PIPELINE",
            "name": name,
            "application": "hello",
            "status": "RUNNING",
            "buildTime": start,
            "startTime": start,
            "canceled": false,
            "limitConcurrent": true,
            "keepWaitingPipelines": false,
            "spelEvaluator": "v4",
            "trigger": {"type": "manual", "user": "alice"},
            "authentication": {"user": "alice"},
            "stages": [],
        }));
        let mut execution: Execution = execution.expect("an execution record");
        execution.stages = stages;
        execution
    }

    fn names(model: &LiveModel) -> Vec<(String, usize, Branch)> {
        model
            .entries()
            .iter()
            .map(|entry| (entry.stage.name.clone(), entry.depth, entry.branch))
            .collect()
    }

    #[test]
    fn parallel_stages_form_a_group_between_what_comes_before_and_after() {
        let mut model = LiveModel::default();
        let stages = vec![
            stage("join", "Join", &["a", "b", "c"]),
            stage("start", "Start", &[]),
            stage("a", "A", &["start"]),
            stage("b", "B", &["start"]),
            stage("c", "C", &["start"]),
        ];
        model.apply(&Event::ExecutionStarted(Arc::new(execution(
            "p", stages, 0,
        ))));
        assert_eq!(
            names(&model),
            vec![
                ("Start".to_owned(), 0, Branch::Alone),
                ("A".to_owned(), 0, Branch::First),
                ("B".to_owned(), 0, Branch::Middle),
                ("C".to_owned(), 0, Branch::Last),
                ("Join".to_owned(), 0, Branch::Alone),
            ]
        );
    }

    #[test]
    fn synthetic_children_follow_their_parent_and_updates_replace_stages() {
        let mut model = LiveModel::default();
        let stages = vec![stage("1", "Check", &[]), stage("2", "After", &["1"])];
        model.apply(&Event::ExecutionStarted(Arc::new(execution(
            "p", stages, 0,
        ))));
        let mut child = stage("1<1", "Check precondition", &[]);
        child.parent_stage_id = Some("id-1".to_owned());
        child.status = Status::Running;
        model.apply(&Event::StageChanged(Box::new(child.clone())));
        child.status = Status::Succeeded;
        model.apply(&Event::StageChanged(Box::new(child)));
        assert_eq!(
            names(&model),
            vec![
                ("Check".to_owned(), 0, Branch::Alone),
                ("Check precondition".to_owned(), 1, Branch::Alone),
                ("After".to_owned(), 0, Branch::Alone),
            ]
        );
        assert_eq!(model.entries()[1].stage.status, Status::Succeeded);
        assert_eq!(model.stages().len(), 3);
    }

    #[test]
    fn a_child_execution_is_nested_under_the_pipeline_stage_that_started_it() {
        let mut model = LiveModel::default();
        let mut parent = stage("1", "Run the child", &[]);
        parent.stage_type = "pipeline".to_owned();
        let stages = vec![parent, stage("2", "After", &["1"])];
        model.apply(&Event::ExecutionStarted(Arc::new(execution(
            "p", stages, 0,
        ))));
        let mut child = execution(
            "child",
            vec![
                stage("a", "Child first", &[]),
                stage("b", "Child second", &["a"]),
            ],
            10,
        );
        child.id = "CHILD".to_owned();
        child.trigger = json!({"type": "pipeline", "parentPipelineStageId": "id-1"});
        let mut child_id = None;
        model.apply_child(&mut child_id, &Event::ExecutionStarted(Arc::new(child)));
        let mut second = stage("b", "Child second", &["a"]);
        second.status = Status::Running;
        model.apply_child(&mut child_id, &Event::StageChanged(Box::new(second)));
        assert_eq!(child_id.as_deref(), Some("CHILD"));
        assert_eq!(
            names(&model),
            vec![
                ("Run the child".to_owned(), 0, Branch::Alone),
                ("Child first".to_owned(), 1, Branch::Alone),
                ("Child second".to_owned(), 1, Branch::Alone),
                ("After".to_owned(), 0, Branch::Alone),
            ]
        );
        let entries = model.entries();
        assert!(!entries[1].last_sibling && entries[2].last_sibling);
        assert_eq!(entries[2].stage.status, Status::Running);
        // The parent's counts are its own stages only.
        assert_eq!(status_counts(model.stages()), vec![(Status::NotStarted, 2)]);
    }

    #[test]
    fn a_cycle_or_an_unknown_requisite_does_not_lose_stages() {
        let mut model = LiveModel::default();
        let stages = vec![
            stage("a", "A", &["b"]),
            stage("b", "B", &["a"]),
            stage("c", "C", &["nowhere"]),
        ];
        model.apply(&Event::ExecutionStarted(Arc::new(execution(
            "p", stages, 0,
        ))));
        assert_eq!(model.entries().len(), 3);
    }

    #[test]
    fn counts_top_level_statuses_most_common_first() {
        let mut stages = vec![
            stage("a", "A", &[]),
            stage("b", "B", &[]),
            stage("c", "C", &[]),
        ];
        stages[0].status = Status::Skipped;
        stages[1].status = Status::Succeeded;
        stages[2].status = Status::Succeeded;
        assert_eq!(
            status_counts(&stages),
            vec![(Status::Succeeded, 2), (Status::Skipped, 1)]
        );
    }
}
