//! Manual judgments nobody answered in advance: a prompt at a terminal, the `gennaker judge`
//! command to run elsewhere, or — in CI — a cancellation, so a job never hangs.

use std::collections::HashSet;

use serde_json::Value;
use tokio::sync::mpsc;

use crate::engine::event::{Control, Event, Judgment, Reporter};
use crate::engine::record::{Execution, StageExecution};
use crate::engine::status::Status;
use crate::ui::live::Suspend;
use crate::ui::prompt;

/// Who cancels an execution whose judgment nobody can answer.
pub(super) const NO_ANSWER: &str = "gennaker (no answer to a manual judgment)";

pub(super) fn judgment_hint(execution: &Execution) -> String {
    let waiting: Vec<&StageExecution> = execution
        .stages
        .iter()
        .filter(|stage| stage.stage_type == "manualJudgment" && stage.status != Status::NotStarted)
        .filter(|stage| stage.context.get("judgmentStatus").is_none())
        .collect();
    let name = waiting
        .first()
        .map_or("STAGE NAME", |stage| stage.name.as_str());
    format!(
        "answer it in advance with `--judgment '{name}=continue'` or `--judgment '{name}=stop'`"
    )
}

/// Notices manual judgments that wait for an answer and gets one: a prompt on a terminal, the
/// `gennaker judge` command to run elsewhere, or — in CI — a cancellation, so a job never hangs.
pub(super) struct JudgmentWatcher {
    pub(super) sender: mpsc::UnboundedSender<Control>,
    pub(super) execution_id: String,
    pub(super) interactive: bool,
    pub(super) wait: bool,
    pub(super) ci: bool,
    pub(super) user: String,
    pub(super) roles: crate::settings::JudgmentConfig,
    pub(super) asked: HashSet<String>,
    /// Takes the live table off the screen while a prompt or a message needs the terminal.
    pub(super) suspend: Option<Suspend>,
}

impl Reporter for JudgmentWatcher {
    fn report(&mut self, event: &Event) {
        let Event::StageChanged(stage) = event else {
            return;
        };
        let waiting = stage.stage_type == "manualJudgment"
            && stage.status == Status::Running
            && !stage.context.contains_key("judgmentStatus");
        if !waiting || !self.asked.insert(stage.id.clone()) {
            return;
        }
        let required =
            crate::commands::judge::required_roles(stage.context.get("selectedStageRoles"));
        let refusal = self.roles.refusal(&stage.name, &required);
        if self.interactive && refusal.is_none() {
            let instructions = stage
                .context
                .get("instructions")
                .and_then(Value::as_str)
                .map(ToOwned::to_owned);
            let inputs: Vec<String> = stage
                .context
                .get("judgmentInputs")
                .and_then(Value::as_array)
                .map(|inputs| {
                    inputs
                        .iter()
                        .filter_map(|input| input.get("value")?.as_str().map(ToOwned::to_owned))
                        .collect()
                })
                .unwrap_or_default();
            let (sender, name, user) = (self.sender.clone(), stage.name.clone(), self.user.clone());
            let suspend = self.suspend.clone();
            // The prompt blocks, so it gets its own thread; the engine keeps running meanwhile.
            std::thread::spawn(move || {
                let ask = || prompt::judgment(&name, instructions.as_deref(), &inputs);
                let answer = match &suspend {
                    Some(suspend) => suspend.run(ask),
                    None => ask(),
                };
                if let Some(answer) = answer {
                    let judgment = Judgment {
                        stage: name,
                        proceed: answer.proceed,
                        input: answer.input,
                        user,
                    };
                    let _ = sender.send(Control::Judge(judgment));
                }
            });
        } else if self.wait {
            let print = || {
                if let Some(refusal) = &refusal {
                    prompt::print_not_yours(refusal);
                }
                prompt::print_waiting(&stage.name, &self.execution_id);
            };
            match &self.suspend {
                Some(suspend) => suspend.run(print),
                None => print(),
            }
        } else {
            let why = if self.ci {
                "CI is set"
            } else {
                "--no-wait-for-judgment was given"
            };
            let reason = format!(
                "manual judgment `{}` has no answer, and gennaker does not wait for one here ({why})",
                stage.name
            );
            let _ = self.sender.send(Control::Cancel {
                by: NO_ANSWER.to_owned(),
                reason,
            });
        }
    }
}
