//! Running a stage's before-stages: every child whose sibling requisites are done starts (so
//! parallel children run together), the parent's own tasks run once all of them are done, and a
//! halted child ends the parent once none of its siblings is still running.

use std::collections::HashMap;
use std::time::Duration;

use crate::engine::clock::now_ms;
use crate::engine::scheduler::Scheduler;
use crate::engine::status::Status;
use crate::engine::synthetic::EXECUTION_WINDOW;

impl Scheduler<'_> {
    /// Moves a stage with before-stages on, after it was planned or one of them changed: the
    /// children that may start now, the parent's own tasks, or the parent's end.
    pub(super) fn continue_parent(&mut self, parent_id: &str) {
        if !self.runs.contains_key(parent_id) {
            return;
        }
        self.account_for_window(parent_id);
        let statuses: HashMap<String, Status> = self
            .execution
            .children(parent_id)
            .map(|child| (child.ref_id.clone(), child.status))
            .collect();
        let busy = statuses
            .values()
            .any(|status| matches!(status, Status::Running | Status::Suspended));
        if statuses.values().any(|status| status.is_halt()) {
            // Siblings still running finish first, so the parent ends with all of them settled.
            if !busy {
                self.complete_stage(parent_id);
            }
            return;
        }
        let ready: Vec<String> = self
            .execution
            .children(parent_id)
            .filter(|child| child.status == Status::NotStarted)
            .filter(|child| {
                child.requisite_stage_ref_ids.iter().all(|requisite| {
                    statuses
                        .get(requisite)
                        .is_some_and(|status| status.lets_downstream_start())
                })
            })
            .map(|child| child.id.clone())
            .collect();
        let started = !ready.is_empty();
        for child_id in ready {
            // A child that ended at once has moved its parent on already (maybe to its end, or
            // to starting this very sibling): only what is still waiting is started here.
            let waiting = self
                .execution
                .stage(&child_id)
                .is_some_and(|child| child.status == Status::NotStarted);
            if !self.runs.contains_key(parent_id) || !waiting {
                continue;
            }
            self.stage_mut(&child_id).start_time = Some(now_ms());
            self.plan_and_start(&child_id);
        }
        if started || busy {
            return;
        }
        if statuses.values().all(|status| status.is_complete()) {
            self.run_next_task(parent_id);
        } else {
            // A child that can never start (its requisite is missing): nothing more will run.
            self.complete_stage(parent_id);
        }
    }

    /// Time a stage spent waiting for its execution window does not count against its
    /// timeout; and it is RUNNING again once the window let it through.
    fn account_for_window(&mut self, parent_id: &str) {
        let waited: u64 = self
            .execution
            .children(parent_id)
            .filter(|child| child.stage_type == EXECUTION_WINDOW && child.status.is_complete())
            .filter_map(|child| Some(child.end_time?.saturating_sub(child.start_time?)))
            .sum();
        if let Some(run) = self.runs.get_mut(parent_id)
            && run.window_counted < waited
        {
            run.started += Duration::from_millis(waited - run.window_counted);
            run.window_counted = waited;
        }
        let parent = self.stage_mut(parent_id);
        if parent.status == Status::Suspended {
            parent.status = Status::Running;
        }
    }
}
