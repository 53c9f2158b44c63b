//! Deploy strategies (orca-model §5.8) as the tasks that follow `waitForUpInstances` in the
//! same stage, so nothing old is touched before the new server group is healthy:
//!
//! - none (`""`, `none`): nothing more.
//! - `highlander`: destroy every other server group of the cluster in the region.
//! - `redblack`: shrink to `maxRemainingAsgs` (when set), wait `delayBeforeCleanup` /
//!   `delayBeforeDisableSec`, disable every other enabled group, then with `scaleDown` wait
//!   `delayBeforeScaleDownSec` and scale the disabled groups to 0.
//! - `rollingredblack`, `cfrollingredblack`: the new group starts at 0 and grows through
//!   `targetPercentages` (then 100) of the source's size, each step healthy before the next;
//!   then the red/black clean-up.

use std::sync::Arc;
use std::time::Duration;

use serde_json::{Map, Value, json};

use crate::engine::task::{Task, TaskInput, TaskResult};
use crate::providers::model::{Capacity, Progress};
use crate::stages::cloud::CloudSettings;
use crate::stages::cloud::cluster::{ClusterOp, ClusterTask};
use crate::stages::cloud::context;
use crate::stages::cloud::deploy::create::{new_name, wanted_capacity};
use crate::stages::cloud::deploy::{Spec, hoisted, scope};
use crate::stages::cloud::operations;
use crate::stages::cloud::settle::{LISTEN, POLL};

/// A deploy strategy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Strategy {
    /// Create only.
    None,
    /// Destroy the rest of the cluster.
    Highlander,
    /// Disable (and maybe scale down) the rest of the cluster.
    RedBlack,
    /// Grow the new group in steps, then as red/black (`rollingredblack`, `cfrollingredblack`).
    RollingRedBlack,
}

impl Strategy {
    /// The cluster's `strategy`; an unknown one is an error, never a silent `none`.
    pub(crate) fn read(spec: &Map<String, Value>) -> Result<Self, String> {
        match context::text(spec, "strategy").unwrap_or("none") {
            "none" => Ok(Self::None),
            "highlander" => Ok(Self::Highlander),
            "redblack" => Ok(Self::RedBlack),
            "rollingredblack" | "cfrollingredblack" => Ok(Self::RollingRedBlack),
            other => Err(format!(
                "deploy strategy `{other}` is not supported by gennaker (it runs none, \
                 highlander, redblack, rollingredblack and cfrollingredblack)"
            )),
        }
    }
}

/// Whether the new server group starts with no instances.
pub(crate) fn starts_empty(strategy: Strategy) -> bool {
    strategy == Strategy::RollingRedBlack
}

/// The tasks `strategy` adds after the new group is up.
pub(super) fn tasks(
    spec: &Map<String, Value>,
    settings: &Arc<CloudSettings>,
) -> Vec<Arc<dyn Task>> {
    let Ok(strategy) = Strategy::read(spec) else {
        // `determineSourceServerGroup` reports it before anything is created.
        return Vec::new();
    };
    let mut tasks: Vec<Arc<dyn Task>> = Vec::new();
    match strategy {
        Strategy::None => {}
        Strategy::Highlander => tasks.extend(ClusterTask::pair(
            ClusterOp::Shrink {
                keep: 1,
                allow_delete_active: true,
                retain_larger_over_newer: false,
            },
            settings,
            scope,
        )),
        Strategy::RedBlack | Strategy::RollingRedBlack => {
            if strategy == Strategy::RollingRedBlack {
                tasks.push(Arc::new(RollingResize {
                    settings: Arc::clone(settings),
                }));
            }
            tasks.extend(red_black_clean_up(spec, settings));
        }
    }
    tasks
}

fn red_black_clean_up(
    spec: &Map<String, Value>,
    settings: &Arc<CloudSettings>,
) -> Vec<Arc<dyn Task>> {
    let mut tasks: Vec<Arc<dyn Task>> = Vec::new();
    let keep = context::number(spec.get("maxRemainingAsgs")).unwrap_or(0);
    if keep > 0 {
        tasks.extend(ClusterTask::pair(
            ClusterOp::Shrink {
                keep: keep as usize,
                allow_delete_active: context::flag(spec, "allowDeleteActive", false),
                retain_larger_over_newer: false,
            },
            settings,
            scope,
        ));
    }
    let delay = context::number(spec.get("delayBeforeCleanup"))
        .or_else(|| context::number(spec.get("delayBeforeDisableSec")))
        .unwrap_or(0);
    if delay > 0 {
        tasks.push(Arc::new(WaitBefore {
            name: "waitBeforeDisable",
            seconds: delay,
        }));
    }
    tasks.extend(ClusterTask::pair(
        ClusterOp::Disable {
            remaining: 1,
            prefer_larger_over_newer: false,
        },
        settings,
        scope,
    ));
    if context::flag(spec, "scaleDown", false) {
        let delay = context::number(spec.get("delayBeforeScaleDownSec")).unwrap_or(0);
        if delay > 0 {
            tasks.push(Arc::new(WaitBefore {
                name: "waitBeforeScaleDown",
                seconds: delay,
            }));
        }
        tasks.extend(ClusterTask::pair(
            ClusterOp::ScaleDown {
                remaining: 1,
                allow_scale_down_active: context::flag(spec, "allowScaleDownActive", false),
                prefer_larger_over_newer: false,
            },
            settings,
            scope,
        ));
    }
    tasks
}

/// Waits a number of seconds from its own first run (the stage clock, so a resume keeps it).
struct WaitBefore {
    name: &'static str,
    seconds: u64,
}

#[async_trait::async_trait]
impl Task for WaitBefore {
    fn name(&self) -> &'static str {
        self.name
    }

    fn implementing_class(&self) -> &'static str {
        "com.netflix.spinnaker.orca.pipeline.tasks.WaitTask"
    }

    async fn execute(&self, input: &TaskInput) -> TaskResult {
        let key = format!("{}.since", self.name);
        let now = input.elapsed.as_millis() as u64;
        let Some(since) = context::number(input.stage.context.get(&key)) else {
            return TaskResult::running(Duration::from_secs(self.seconds))
                .context(&key, json!(now));
        };
        let until = since + self.seconds * 1000;
        if now >= until {
            TaskResult::succeeded()
        } else {
            TaskResult::running(Duration::from_millis(until - now))
        }
    }
}

/// Grows the new server group step by step (`rollingStep` in the context says where it is).
struct RollingResize {
    settings: Arc<CloudSettings>,
}

/// The percentages to go through: `targetPercentages` in (0, 100], then 100.
fn percentages(spec: &Map<String, Value>) -> Vec<f64> {
    let mut steps: Vec<f64> = spec
        .get("targetPercentages")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|value| context::decimal(Some(value)))
        .filter(|percent| *percent > 0.0 && *percent <= 100.0)
        .collect();
    if steps
        .last()
        .is_none_or(|last| (*last - 100.0).abs() > f64::EPSILON)
    {
        steps.push(100.0);
    }
    steps
}

impl RollingResize {
    async fn run(&self, input: &TaskInput) -> Result<TaskResult, String> {
        let spec = hoisted(&input.stage.context);
        let read = Spec::read(&spec)?;
        let name = new_name(&spec)?;
        let provider = context::provider(&self.settings, &spec).await?;
        let wanted = wanted_capacity(&spec);
        let base = spec
            .get("source")
            .and_then(|source| source.get("capacity"))
            .map_or(wanted.desired, |capacity| {
                context::capacity(Some(capacity), wanted).desired
            });
        let steps = percentages(&spec);
        let step = context::number(spec.get("rollingStep")).map_or(0, |n| n as usize);
        let percent = steps[step.min(steps.len() - 1)];
        let desired = context::count_at_least(f64::from(base) * percent / 100.0);
        let capacity = Capacity {
            min: wanted.min.min(desired),
            max: wanted.max.max(desired),
            desired,
        };
        let (region, provider) = (read.region.as_str(), provider.as_ref());
        let reached = || async {
            if let Progress::Failed(why) = provider
                .deploy_progress(region, &name)
                .await
                .map_err(|error| error.message)?
            {
                return Err(format!("growing `{name}` to {desired} failed: {why}"));
            }
            let group = provider
                .server_group(region, &name)
                .await
                .map_err(|error| error.message)?
                .ok_or_else(|| format!("server group `{name}` in `{region}` is gone"))?;
            Ok::<_, String>((
                group.capacity.desired == desired,
                group.instances.up >= desired,
            ))
        };
        let (sized, mut up) = reached().await?;
        if !sized {
            operations::resize(
                provider,
                &self.settings.traffic_guards,
                region,
                &name,
                capacity,
            )
            .await
            .map_err(|error| error.to_string())?;
            return Ok(TaskResult::running(POLL).context("rollingStep", json!(step)));
        }
        if !up {
            provider.wait_for_change(region, &name, LISTEN).await;
            up = reached().await?.1;
        }
        Ok(match (up, step + 1 < steps.len()) {
            (false, _) => TaskResult::running(POLL),
            (true, true) => {
                TaskResult::running(Duration::ZERO).context("rollingStep", json!(step + 1))
            }
            (true, false) => TaskResult::succeeded(),
        })
    }
}

#[async_trait::async_trait]
impl Task for RollingResize {
    fn name(&self) -> &'static str {
        "resizeServerGroup"
    }

    fn implementing_class(&self) -> &'static str {
        "com.netflix.spinnaker.orca.clouddriver.tasks.servergroup.ResizeServerGroupTask"
    }

    async fn execute(&self, input: &TaskInput) -> TaskResult {
        self.run(input).await.unwrap_or_else(TaskResult::terminal)
    }
}
