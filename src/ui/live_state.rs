//! [`LiveModel`]: what the live table knows about an execution, kept up to date from engine
//! events, and the order in which its stages are shown — a tree: top-level stages in the
//! order they can run (parallel branches side by side), each followed by its synthetic
//! children.

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

    /// The stages in display order.
    pub(crate) fn entries(&self) -> Vec<Entry<'_>> {
        let top_level: Vec<&StageExecution> = self
            .stages
            .iter()
            .filter(|stage| self.parent_of(stage).is_none())
            .collect();
        let mut entries = Vec::with_capacity(self.stages.len());
        for wave in waves(&top_level) {
            let count = wave.len();
            for (position, stage) in wave.into_iter().enumerate() {
                let branch = match (count, position) {
                    (1, _) => Branch::Alone,
                    (_, 0) => Branch::First,
                    (_, p) if p + 1 == count => Branch::Last,
                    _ => Branch::Middle,
                };
                self.push_subtree(&mut entries, stage, 0, branch, true);
            }
        }
        entries
    }

    /// The parent of a synthetic stage, when it is known.
    fn parent_of(&self, stage: &StageExecution) -> Option<&StageExecution> {
        let parent = stage.parent_stage_id.as_deref()?;
        self.stages.iter().find(|candidate| candidate.id == parent)
    }

    fn push_subtree<'a>(
        &'a self,
        entries: &mut Vec<Entry<'a>>,
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
        let children: Vec<&StageExecution> = self
            .stages
            .iter()
            .filter(|child| child.parent_stage_id.as_deref() == Some(stage.id.as_str()))
            .collect();
        let count = children.len();
        for (index, child) in children.into_iter().enumerate() {
            self.push_subtree(entries, child, depth + 1, branch, index + 1 == count);
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

    use serde_json::{Map, json};

    use super::*;
    use crate::engine::record::TaskExecution;

    /// A stage for tests: `ref_id`, `name`, waiting for `requisites`.
    pub(crate) fn stage(ref_id: &str, name: &str, requisites: &[&str]) -> StageExecution {
        StageExecution {
            id: format!("id-{ref_id}"),
            ref_id: ref_id.to_owned(),
            stage_type: "wait".to_owned(),
            name: name.to_owned(),
            status: Status::NotStarted,
            start_time: None,
            end_time: None,
            context: Map::new(),
            outputs: Map::new(),
            tasks: Vec::new(),
            requisite_stage_ref_ids: requisites.iter().map(|r| (*r).to_owned()).collect(),
            parent_stage_id: None,
            synthetic_stage_owner: None,
            last_modified: None,
        }
    }

    /// A task for tests.
    pub(crate) fn task(name: &str, status: Status, start: Option<u64>) -> TaskExecution {
        TaskExecution {
            id: "1".to_owned(),
            name: name.to_owned(),
            implementing_class: String::new(),
            status,
            start_time: start,
            end_time: None,
            stage_start: true,
            stage_end: true,
        }
    }

    /// An execution for tests, started at `start`.
    pub(crate) fn execution(name: &str, stages: Vec<StageExecution>, start: u64) -> Execution {
        Execution {
            id: "01JEXECUTION0000000000000A".to_owned(),
            kind: "PIPELINE".to_owned(),
            name: Some(name.to_owned()),
            application: Some("hello".to_owned()),
            pipeline_config_id: None,
            status: Status::Running,
            build_time: start,
            start_time: Some(start),
            end_time: None,
            canceled: false,
            canceled_by: None,
            cancellation_reason: None,
            limit_concurrent: true,
            keep_waiting_pipelines: false,
            spel_evaluator: "v4".to_owned(),
            trigger: json!({"type": "manual", "user": "alice"}),
            authentication: json!({"user": "alice"}),
            stages,
        }
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
