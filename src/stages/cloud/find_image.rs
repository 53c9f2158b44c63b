//! `findImageFromCluster` (also `findImage`, orca-model §5.12): the image a cluster runs in
//! each region, from the server group `selectionStrategy` picks (`NEWEST`, `LARGEST`,
//! `OLDEST`, or `FAIL` when more than one qualifies), among enabled groups unless
//! `onlyEnabled` is false and whose image matches `imageNamePattern` (the whole name).
//!
//! Outputs `deploymentDetails`, one entry per region with this stage's `refId`, so that a
//! DC/OS deploy downstream with `docker.image.fromContext` finds it.

use std::sync::Arc;

use serde_json::{Map, Value, json};

use crate::engine::record::StageExecution;
use crate::engine::stage_definition::StageDefinition;
use crate::engine::task::{Task, TaskInput, TaskResult};
use crate::providers::model::ServerGroup;
use crate::stages::cloud::CloudSettings;
use crate::stages::cloud::context;
use crate::stages::cloud::selection::cluster_groups;

/// The `findImageFromCluster` stage.
pub(crate) struct FindImageStage {
    /// Accounts and guards.
    pub(crate) settings: Arc<CloudSettings>,
}

impl StageDefinition for FindImageStage {
    fn tasks(&self, _stage: &StageExecution) -> Vec<Arc<dyn Task>> {
        vec![Arc::new(FindImageTask {
            settings: Arc::clone(&self.settings),
        })]
    }
}

struct FindImageTask {
    settings: Arc<CloudSettings>,
}

/// Picks among `groups` (newest first, already filtered) by `strategy`.
fn select<'g>(groups: &'g [&'g ServerGroup], strategy: &str) -> Result<&'g ServerGroup, String> {
    let picked = match strategy {
        "OLDEST" => groups.last(),
        // `max_by_key` keeps the last of equals: walking oldest to newest, the newest wins a tie.
        "LARGEST" => groups
            .iter()
            .rev()
            .max_by_key(|group| group.instances.total),
        "FAIL" if groups.len() > 1 => {
            let names: Vec<&str> = groups.iter().map(|group| group.name.as_str()).collect();
            return Err(format!(
                "more than one server group qualifies ({}) and `selectionStrategy` is FAIL",
                names.join(", ")
            ));
        }
        "NEWEST" | "FAIL" => groups.first(),
        other => return Err(format!("`selectionStrategy` `{other}` is not known")),
    };
    picked
        .copied()
        .ok_or_else(|| "no server group with an image qualifies".to_owned())
}

impl FindImageTask {
    async fn run(&self, input: &TaskInput) -> Result<TaskResult, String> {
        let stage_context = &input.stage.context;
        let provider = context::provider(&self.settings, stage_context).await?;
        let moniker = context::cluster(stage_context)?;
        let only_enabled = context::flag(stage_context, "onlyEnabled", true);
        let strategy = context::text(stage_context, "selectionStrategy")
            .unwrap_or("NEWEST")
            .to_uppercase();
        let pattern = context::text(stage_context, "imageNamePattern")
            .map(|pattern| {
                fancy_regex::Regex::new(&format!("^(?:{pattern})$"))
                    .map_err(|error| format!("`imageNamePattern` is not a valid pattern: {error}"))
            })
            .transpose()?;
        let mut details = Vec::new();
        for region in context::required_regions(stage_context)? {
            let groups = cluster_groups(provider.as_ref(), &moniker, &region)
                .await
                .map_err(|error| error.message)?;
            let candidates: Vec<&ServerGroup> = groups
                .iter()
                .filter(|group| group.enabled || !only_enabled)
                .filter(|group| {
                    group.image.as_ref().is_some_and(|image| {
                        pattern
                            .as_ref()
                            .is_none_or(|pattern| pattern.is_match(&image.name).unwrap_or(false))
                    })
                })
                .collect();
            let group = select(&candidates, &strategy)
                .map_err(|why| format!("cluster `{}` in `{region}`: {why}", moniker.cluster()))?;
            let image = group.image.as_ref().expect("candidates have an image");
            let mut entry: Map<String, Value> = image.details.clone();
            let image_id = context::text(&image.details, "imageId")
                .unwrap_or(&image.name)
                .to_owned();
            entry.insert("imageId".into(), json!(image_id));
            entry.insert("imageName".into(), json!(image.name));
            entry.insert("ami".into(), json!(image_id));
            entry.insert("cloudProvider".into(), json!(provider.cloud_provider()));
            entry.insert("refId".into(), json!(input.stage.ref_id));
            entry.insert("sourceServerGroup".into(), json!(group.name));
            entry.insert("region".into(), json!(region));
            details.push(Value::Object(entry));
        }
        Ok(TaskResult::succeeded()
            .context("amiDetails", Value::Array(details.clone()))
            .output("deploymentDetails", Value::Array(details)))
    }
}

#[async_trait::async_trait]
impl Task for FindImageTask {
    fn name(&self) -> &'static str {
        "findImage"
    }

    fn implementing_class(&self) -> &'static str {
        "com.netflix.spinnaker.orca.clouddriver.tasks.cluster.FindImageFromClusterTask"
    }

    async fn execute(&self, input: &TaskInput) -> TaskResult {
        self.run(input).await.unwrap_or_else(TaskResult::terminal)
    }
}
