//! [`ChildRunner`]: how `gennaker run` carries out `pipeline` stages — it finds the child
//! pipeline in the catalog, checks it, starts it as an execution of its own (recorded in the
//! history, answerable with `gennaker judge`), logs it nested under the parent, and reports
//! its state to the stage that watches it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, Weak};

use serde_json::Value;
use tokio::sync::mpsc;
use tokio::task::JoinHandle;

use crate::engine::child::{ChildExecutions, ChildRequest, child_trigger};
use crate::engine::clock::now_ms;
use crate::engine::event::{Control, Event, Fanout, Judgment, Reporter};
use crate::engine::record::Execution;
use crate::engine::scheduler::{EngineSettings, Scheduler};
use crate::engine::status::Status;
use crate::engine::trigger::build_trigger;
use crate::history::ExecutionStore;
use crate::history::requests::{self, RunLock};
use crate::history::store::HistoryReporter;
use crate::pipeline::catalog::PipelineCatalog;
use crate::pipeline::{self, Severity};
use crate::stages::{BuiltinStages, CloudSettings};

/// Makes the reporter that shows one child execution to the user (the log lines or the live
/// table), given the name of the parent's `pipeline` stage it runs under.
pub(crate) type ChildDisplay = Arc<dyn Fn(&str) -> Box<dyn Reporter> + Send + Sync>;

/// A child execution started by this process.
struct Child {
    latest: Arc<Mutex<Execution>>,
    controls: mpsc::UnboundedSender<Control>,
}

/// What children get from the run that starts them besides the engine settings.
#[derive(Clone, Default)]
pub(crate) struct ChildSetup {
    /// The accounts and traffic guards of cloud stages.
    pub(crate) cloud: Option<CloudSettings>,
    /// Judgments answered in advance (`--judgment`), handed to every child whose pipeline has
    /// a manual judgment of that name.
    pub(crate) judgments: Vec<Judgment>,
}

/// Starts and tracks the child executions of one `gennaker run`.
pub(crate) struct ChildRunner {
    myself: Weak<ChildRunner>,
    catalog: PipelineCatalog,
    store: ExecutionStore,
    engine: EngineSettings,
    window_time_zone: String,
    user: String,
    display: ChildDisplay,
    setup: ChildSetup,
    children: Mutex<HashMap<String, Child>>,
    handles: Mutex<Vec<JoinHandle<()>>>,
}

impl ChildRunner {
    /// A runner finding child pipelines in `catalog` and recording them in `store`.
    pub(crate) fn new(
        catalog: PipelineCatalog,
        store: ExecutionStore,
        engine: EngineSettings,
        window_time_zone: String,
        user: String,
        display: ChildDisplay,
        setup: ChildSetup,
    ) -> Arc<Self> {
        Arc::new_cyclic(|myself| Self {
            myself: myself.clone(),
            catalog,
            store,
            engine,
            window_time_zone,
            user,
            display,
            setup,
            children: Mutex::new(HashMap::new()),
            handles: Mutex::new(Vec::new()),
        })
    }

    /// The stage types a child (or the top-level execution) runs with, this runner included.
    pub(crate) fn registry(&self) -> Arc<BuiltinStages> {
        let children = self
            .myself
            .upgrade()
            .map(|runner| runner as Arc<dyn ChildExecutions>);
        Arc::new(BuiltinStages {
            window_time_zone: self.window_time_zone.clone(),
            children,
            cloud: self.setup.cloud.clone(),
        })
    }

    /// Waits for every child still running (those started with `waitForCompletion: false`).
    pub(crate) async fn wait_for_all(&self) {
        loop {
            let handle = self
                .handles
                .lock()
                .expect("no panics while holding the lock")
                .pop();
            match handle {
                Some(handle) => {
                    let _ = handle.await;
                }
                None => return,
            }
        }
    }

    /// Runs `execution` in the background, recorded and logged, answering requests.
    fn spawn(&self, execution: Execution, nested_under: &str) -> Result<(), String> {
        let id = execution.id.clone();
        let Some(lock) = RunLock::acquire(&self.store, &id).map_err(|error| error.to_string())?
        else {
            return Err(format!("another process is running execution {id}"));
        };
        let latest = Arc::new(Mutex::new(execution.clone()));
        let (sender, receiver) = mpsc::unbounded_channel();
        for judgment in &self.setup.judgments {
            let judges_this = execution
                .stages
                .iter()
                .any(|stage| stage.stage_type == "manualJudgment" && stage.name == judgment.stage);
            if judges_this {
                let _ = sender.send(Control::Judge(judgment.clone()));
            }
        }
        self.children
            .lock()
            .expect("no panics while holding the lock")
            .insert(
                id.clone(),
                Child {
                    latest: Arc::clone(&latest),
                    controls: sender.clone(),
                },
            );
        let store = self.store.clone();
        let registry = self.registry();
        let engine = self.engine.clone();
        let display = (self.display)(nested_under);
        let handle = tokio::spawn(async move {
            let _lock = lock;
            let poller = tokio::spawn(requests::forward(store.clone(), id.clone(), sender));
            let mut reporters = Fanout(vec![
                Box::new(HistoryReporter::new(&store, &id)),
                display,
                Box::new(Latest(latest)),
            ]);
            let resumed = execution
                .stages
                .iter()
                .any(|stage| stage.status != Status::NotStarted);
            let scheduler = Scheduler::new(execution, registry, &mut reporters, receiver, engine);
            if resumed {
                scheduler.resume().await
            } else {
                scheduler.run().await
            };
            poller.abort();
        });
        self.handles
            .lock()
            .expect("no panics while holding the lock")
            .push(handle);
        Ok(())
    }
}

/// Keeps the latest state of a child execution for the stage that watches it.
struct Latest(Arc<Mutex<Execution>>);

impl Reporter for Latest {
    fn report(&mut self, event: &Event) {
        let mut latest = self.0.lock().expect("no panics while holding the lock");
        match event {
            Event::ExecutionStarted(execution) | Event::ExecutionFinished(execution) => {
                *latest = execution.as_ref().clone();
            }
            Event::StageChanged(stage) => latest.upsert_stage(stage.as_ref().clone()),
        }
    }
}

#[async_trait::async_trait]
impl ChildExecutions for ChildRunner {
    async fn start(&self, request: ChildRequest) -> Result<String, String> {
        let found = self
            .catalog
            .find(&request.pipeline, request.application.as_deref())?;
        let file = pipeline::load::read(&found.file).map_err(|error| error.to_string())?;
        let problems: Vec<String> = pipeline::validate(&file, &found.pipeline)
            .into_iter()
            .filter(|problem| problem.severity == Severity::Error)
            .map(|problem| format!("{}: {}", problem.location(), problem.message))
            .collect();
        if !problems.is_empty() {
            return Err(format!(
                "child pipeline `{}` has problems: {}",
                request.pipeline,
                problems.join("; ")
            ));
        }
        if found.pipeline.disabled() {
            return Err(format!("child pipeline `{}` is disabled", request.pipeline));
        }
        let Value::Object(base) = child_trigger(&request, &self.user) else {
            unreachable!("child_trigger builds an object");
        };
        let trigger = build_trigger(
            Some(base),
            &self.user,
            &found.pipeline.parameter_config(),
            &request.parameters,
        )
        .map_err(|error| format!("child pipeline `{}`: {error}", request.pipeline))?;
        let execution = Execution::new(&found.pipeline, trigger, &self.user, now_ms());
        let id = execution.id.clone();
        let parent_stage = request
            .parent
            .stage(&request.parent_stage_id)
            .map_or_else(|| request.pipeline.clone(), |stage| stage.name.clone());
        self.spawn(execution, &parent_stage)?;
        Ok(id)
    }

    async fn status(&self, id: &str) -> Option<Execution> {
        if let Some(child) = self
            .children
            .lock()
            .expect("no panics while holding the lock")
            .get(id)
        {
            return Some(
                child
                    .latest
                    .lock()
                    .expect("no panics while holding the lock")
                    .clone(),
            );
        }
        // A child of an execution resumed after a crash: pick it up too.
        let execution = self.store.load(id).ok()?;
        if !execution.status.is_complete() && !requests::is_running(&self.store, id) {
            let name = execution.name.clone().unwrap_or_default();
            self.spawn(execution.clone(), &name).ok()?;
        }
        Some(execution)
    }

    async fn cancel(&self, id: &str, reason: &str) {
        let controls = self
            .children
            .lock()
            .expect("no panics while holding the lock")
            .get(id)
            .map(|child| child.controls.clone());
        if let Some(controls) = controls {
            let _ = controls.send(Control::Cancel {
                by: "parent pipeline".to_owned(),
                reason: reason.to_owned(),
            });
        }
    }
}
