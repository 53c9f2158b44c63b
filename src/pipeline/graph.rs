//! [`StageGraph`]: the stages as a dependency graph — lookups by `refId`, the problems that make
//! a graph unrunnable (duplicate ids, unknown requisites, cycles), and the waves of stages that
//! can run at the same time.

use std::collections::HashMap;

use crate::pipeline::model::Stage;

/// The dependency graph of a pipeline's stages, by index into the stage list.
#[derive(Debug)]
pub(crate) struct StageGraph {
    /// For each stage, the indexes of the stages it waits for (known `refId`s only).
    requisites: Vec<Vec<usize>>,
    /// Stages sharing a `refId`: (the later stage, the first stage with that id).
    pub(crate) duplicates: Vec<(usize, usize)>,
    /// Requisites naming no stage: (stage index, position in its list, the missing id).
    pub(crate) missing: Vec<(usize, usize, String)>,
    /// Each cycle as stage indexes in dependency order (each waits for the next, the last for
    /// the first).
    pub(crate) cycles: Vec<Vec<usize>>,
}

impl StageGraph {
    /// Builds the graph and finds its problems.
    pub(crate) fn build(stages: &[Stage]) -> Self {
        let mut by_ref_id: HashMap<&str, usize> = HashMap::new();
        let mut duplicates = Vec::new();
        for stage in stages.iter().filter(|stage| !stage.ref_id.is_empty()) {
            match by_ref_id.get(stage.ref_id.as_str()) {
                Some(first) => duplicates.push((stage.index, *first)),
                None => {
                    by_ref_id.insert(&stage.ref_id, stage.index);
                }
            }
        }
        let mut missing = Vec::new();
        let requisites = stages
            .iter()
            .map(|stage| {
                stage
                    .requisite_stage_ref_ids
                    .iter()
                    .enumerate()
                    .filter_map(|(position, id)| {
                        let found = by_ref_id.get(id.as_str()).copied();
                        if found.is_none() {
                            missing.push((stage.index, position, id.clone()));
                        }
                        found
                    })
                    .collect()
            })
            .collect();
        let mut graph = Self {
            requisites,
            duplicates,
            missing,
            cycles: Vec::new(),
        };
        graph.cycles = graph.find_cycles();
        graph
    }

    /// Whether the stages can be ordered at all.
    pub(crate) fn is_runnable(&self) -> bool {
        self.duplicates.is_empty() && self.missing.is_empty() && self.cycles.is_empty()
    }

    /// The stages a stage waits for.
    pub(crate) fn requisites_of(&self, index: usize) -> &[usize] {
        &self.requisites[index]
    }

    /// Stages grouped into waves: a stage is in the wave after the latest of its requisites, so
    /// the stages of one wave can run in parallel. Stages in a cycle are left out.
    pub(crate) fn waves(&self) -> Vec<Vec<usize>> {
        let count = self.requisites.len();
        let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); count];
        let mut waiting: Vec<usize> = vec![0; count];
        for (index, requisites) in self.requisites.iter().enumerate() {
            waiting[index] = requisites.len();
            for requisite in requisites {
                dependents[*requisite].push(index);
            }
        }
        let mut depth = vec![0usize; count];
        let mut ready: std::collections::VecDeque<usize> =
            (0..count).filter(|index| waiting[*index] == 0).collect();
        let mut waves: Vec<Vec<usize>> = Vec::new();
        while let Some(index) = ready.pop_front() {
            if waves.len() <= depth[index] {
                waves.resize_with(depth[index] + 1, Vec::new);
            }
            waves[depth[index]].push(index);
            for dependent in &dependents[index] {
                depth[*dependent] = depth[*dependent].max(depth[index] + 1);
                waiting[*dependent] -= 1;
                if waiting[*dependent] == 0 {
                    ready.push_back(*dependent);
                }
            }
        }
        for wave in &mut waves {
            wave.sort_unstable();
        }
        waves
    }

    /// Finds one cycle through each strongly connected group of stages (Tarjan's algorithm,
    /// iterative so a long chain cannot overflow the stack).
    fn find_cycles(&self) -> Vec<Vec<usize>> {
        let components = strongly_connected(&self.requisites);
        components
            .into_iter()
            .filter(|component| {
                component.len() > 1 || self.requisites[component[0]].contains(&component[0])
            })
            .map(|component| self.walk_cycle(&component))
            .collect()
    }

    /// Follows requisites inside `component` from its first stage until a stage repeats.
    fn walk_cycle(&self, component: &[usize]) -> Vec<usize> {
        let mut path = vec![component[0]];
        loop {
            let current = path[path.len() - 1];
            let Some(next) = self.requisites[current]
                .iter()
                .find(|next| component.contains(next))
            else {
                return path;
            };
            if let Some(start) = path.iter().position(|seen| seen == next) {
                return path.split_off(start);
            }
            path.push(*next);
        }
    }
}

/// Strongly connected components, each sorted by stage index, in order of first member.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let count = edges.len();
    let mut index_of = vec![usize::MAX; count];
    let mut low = vec![0; count];
    let mut on_stack = vec![false; count];
    let mut stack = Vec::new();
    let mut next_index = 0;
    let mut components = Vec::new();
    for root in 0..count {
        if index_of[root] != usize::MAX {
            continue;
        }
        let mut work = vec![(root, 0usize)];
        while let Some((node, edge)) = work.pop() {
            if edge == 0 {
                index_of[node] = next_index;
                low[node] = next_index;
                next_index += 1;
                stack.push(node);
                on_stack[node] = true;
            }
            if let Some(&next) = edges[node].get(edge) {
                work.push((node, edge + 1));
                if index_of[next] == usize::MAX {
                    work.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index_of[next]);
                }
                continue;
            }
            if low[node] == index_of[node] {
                let mut component = Vec::new();
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component.push(member);
                    if member == node {
                        break;
                    }
                }
                component.sort_unstable();
                components.push(component);
            }
            if let Some((parent, _)) = work.last() {
                low[*parent] = low[*parent].min(low[node]);
            }
        }
    }
    components.sort_by_key(|component| component[0]);
    components
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::json_path::JsonPath;

    fn stages(spec: &[(&str, &[&str])]) -> Vec<Stage> {
        spec.iter()
            .enumerate()
            .map(|(index, (ref_id, requisites))| {
                let raw = serde_json::json!({"refId": ref_id, "type": "wait", "requisiteStageRefIds": requisites});
                let serde_json::Value::Object(raw) = raw else { unreachable!() };
                Stage::new(index, JsonPath::root().key("stages").index(index), raw)
            })
            .collect()
    }

    #[test]
    fn waves_group_stages_that_can_run_together() {
        let graph = StageGraph::build(&stages(&[
            ("1", &[]),
            ("2", &["1"]),
            ("3", &["1"]),
            ("4", &["2", "3"]),
            ("5", &[]),
        ]));
        assert!(graph.is_runnable());
        assert_eq!(graph.waves(), vec![vec![0, 4], vec![1, 2], vec![3]]);
    }

    #[test]
    fn a_join_waits_for_its_deepest_branch() {
        let graph = StageGraph::build(&stages(&[
            ("a", &[]),
            ("b", &["a"]),
            ("c", &["b"]),
            ("d", &["a", "c"]),
        ]));
        assert_eq!(graph.waves(), vec![vec![0], vec![1], vec![2], vec![3]]);
    }

    #[test]
    fn finds_duplicates_missing_requisites_and_cycles() {
        let graph = StageGraph::build(&stages(&[
            ("1", &["3"]),
            ("2", &["1"]),
            ("3", &["2"]),
            ("1", &[]),
            ("5", &["9"]),
            ("6", &["6"]),
        ]));
        assert_eq!(graph.duplicates, vec![(3, 0)]);
        assert_eq!(graph.missing, vec![(4, 0, "9".to_owned())]);
        assert_eq!(graph.cycles, vec![vec![0, 2, 1], vec![5]]);
        assert_eq!(graph.waves(), vec![vec![3, 4]]);
    }

    #[test]
    fn a_long_chain_does_not_overflow_the_stack() {
        let count = 20_000;
        let ids: Vec<String> = (0..count).map(|i| i.to_string()).collect();
        let spec: Vec<(&str, Vec<&str>)> = (0..count)
            .map(|i| {
                (
                    ids[i].as_str(),
                    if i == 0 {
                        vec![]
                    } else {
                        vec![ids[i - 1].as_str()]
                    },
                )
            })
            .collect();
        let spec: Vec<(&str, &[&str])> = spec
            .iter()
            .map(|(id, reqs)| (*id, reqs.as_slice()))
            .collect();
        let graph = StageGraph::build(&stages(&spec));
        assert!(graph.cycles.is_empty());
        assert_eq!(graph.waves().len(), count);
    }
}
