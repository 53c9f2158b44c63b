//! Tasks: one-off commands run with an app's droplet (`POST /v3/apps/:guid/tasks` → 202).
//! A task is RUNNING for the configured task time plus the `sleep`s of its command, then
//! SUCCEEDED or FAILED as [`super::task_command`] decides; canceling makes it CANCELING, then
//! FAILED.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::body::{
    Metadata, optional_i64, optional_object, optional_string, optional_u32, parse_object,
    reject_unknown_keys,
};
use super::clock::{Millis, iso8601};
use super::error::ApiError;
use super::list_query::filter;
use super::listing::{ListSpec, allows, respond};
use super::shared::{Ctx, Params};
use super::task_command::outcome;
use super::world::Foundation;

/// The `state` of a task.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum TaskState {
    /// The command is running.
    #[serde(rename = "RUNNING")]
    Running,
    /// Cancel was asked; ends FAILED.
    #[serde(rename = "CANCELING")]
    Canceling,
    /// The command exited 0.
    #[serde(rename = "SUCCEEDED")]
    Succeeded,
    /// The command exited non-zero, or the task was canceled.
    #[serde(rename = "FAILED")]
    Failed,
}

impl TaskState {
    fn as_str(self) -> &'static str {
        match self {
            Self::Running => "RUNNING",
            Self::Canceling => "CANCELING",
            Self::Succeeded => "SUCCEEDED",
            Self::Failed => "FAILED",
        }
    }
}

/// A one-off command run with an app's droplet.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Task {
    pub(crate) guid: String,
    pub(crate) app_guid: String,
    pub(crate) sequence_id: u32,
    pub(crate) name: String,
    pub(crate) command: String,
    pub(crate) state: TaskState,
    pub(crate) memory_in_mb: u32,
    pub(crate) disk_in_mb: u32,
    pub(crate) log_rate_limit_in_bytes_per_second: i64,
    pub(crate) droplet_guid: String,
    pub(crate) failure_reason: Option<String>,
    /// When the RUNNING (or CANCELING) state ends.
    pub(crate) ends_at: Millis,
    pub(crate) exit_status: i64,
    pub(crate) created_at: Millis,
    pub(crate) updated_at: Millis,
    pub(crate) metadata: Metadata,
}

impl Task {
    fn to_json(&self, base: &str) -> Value {
        let guid = &self.guid;
        json!({
            "guid": guid,
            "sequence_id": self.sequence_id,
            "name": self.name,
            "command": self.command,
            "user": null,
            "state": self.state.as_str(),
            "memory_in_mb": self.memory_in_mb,
            "disk_in_mb": self.disk_in_mb,
            "log_rate_limit_in_bytes_per_second": self.log_rate_limit_in_bytes_per_second,
            "result": {"failure_reason": self.failure_reason},
            "droplet_guid": self.droplet_guid,
            "relationships": {"app": {"data": {"guid": self.app_guid}}},
            "metadata": self.metadata.to_json(),
            "created_at": iso8601(self.created_at),
            "updated_at": iso8601(self.updated_at),
            "links": {
                "self": {"href": format!("{base}/v3/tasks/{guid}")},
                "app": {"href": format!("{base}/v3/apps/{}", self.app_guid)},
                "cancel": {"href": format!("{base}/v3/tasks/{guid}/actions/cancel"), "method": "POST"},
                "droplet": {"href": format!("{base}/v3/droplets/{}", self.droplet_guid)},
            },
        })
    }
}

pub(crate) fn settle(world: &mut Foundation, now: Millis) {
    for task in &mut world.tasks {
        if now < task.ends_at {
            continue;
        }
        match task.state {
            TaskState::Running if task.exit_status == 0 => task.state = TaskState::Succeeded,
            TaskState::Running => {
                task.state = TaskState::Failed;
                task.failure_reason = Some(format!("Exited with status {}", task.exit_status));
            }
            TaskState::Canceling => {
                task.state = TaskState::Failed;
                task.failure_reason = Some("task was cancelled".to_owned());
            }
            TaskState::Succeeded | TaskState::Failed => continue,
        }
        task.updated_at = task.ends_at;
    }
}

const LIST: ListSpec = ListSpec {
    filters: &[
        filter("names", "/name"),
        filter("states", "/state"),
        filter("app_guids", "/relationships/app/data/guid"),
        filter("sequence_ids", "/sequence_id"),
    ],
    extra: &["space_guids", "organization_guids"],
    orders: &[],
};

fn list_tasks(
    ctx: &Ctx,
    path: &str,
    app_guid: Option<&str>,
    params: &[(String, String)],
) -> Result<Response, ApiError> {
    respond(ctx, path, &LIST, params, |world, query| {
        if let Some(app_guid) = app_guid {
            world.app(app_guid)?;
        }
        let spaces = query.values("space_guids");
        Ok(world
            .tasks
            .iter()
            .filter(|task| app_guid.is_none_or(|guid| task.app_guid == guid))
            .filter(|task| {
                allows(
                    spaces.as_ref(),
                    world
                        .app(&task.app_guid)
                        .map(|app| app.space_guid.as_str())
                        .unwrap_or_default(),
                )
            })
            .map(|task| task.to_json(&ctx.api_url))
            .collect())
    })
}

pub(crate) async fn list(
    State(ctx): State<Ctx>,
    Params(params): Params,
) -> Result<Response, ApiError> {
    list_tasks(&ctx, "/v3/tasks", None, &params)
}

pub(crate) async fn list_for_app(
    State(ctx): State<Ctx>,
    Path(app_guid): Path<String>,
    Params(params): Params,
) -> Result<Response, ApiError> {
    list_tasks(
        &ctx,
        &format!("/v3/apps/{app_guid}/tasks"),
        Some(&app_guid),
        &params,
    )
}

pub(crate) async fn show(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
) -> Result<Response, ApiError> {
    let (world, _) = ctx.settled();
    Ok(Json(world.task(&guid)?.to_json(&ctx.api_url)).into_response())
}

pub(crate) async fn create(
    State(ctx): State<Ctx>,
    Path(app_guid): Path<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let object = parse_object(&body)?;
    reject_unknown_keys(
        &object,
        &[
            "command",
            "name",
            "memory_in_mb",
            "disk_in_mb",
            "log_rate_limit_in_bytes_per_second",
            "log_rate_limit_per_second",
            "droplet_guid",
            "template",
            "metadata",
        ],
    )?;
    let command = optional_string(&object, "command")?;
    let name = optional_string(&object, "name")?;
    let memory = optional_u32(&object, "memory_in_mb")?.unwrap_or(1024);
    let disk = optional_u32(&object, "disk_in_mb")?.unwrap_or(1024);
    let log_rate = match optional_i64(&object, "log_rate_limit_in_bytes_per_second")? {
        Some(rate) => rate,
        None => optional_i64(&object, "log_rate_limit_per_second")?.unwrap_or(-1),
    };
    let droplet = optional_string(&object, "droplet_guid")?;
    let template_process = optional_object(&object, "template")?.and_then(|template| {
        template
            .get("process")
            .and_then(|process| process.get("guid"))
            .and_then(Value::as_str)
            .map(str::to_owned)
    });
    let mut metadata = Metadata::default();
    metadata.apply(&object)?;
    let (mut world, now) = ctx.settled();
    let app = world.app(&app_guid)?;
    let command = match (command, template_process) {
        (Some(command), _) => command,
        (None, Some(process)) => world.process(&process)?.command.clone().unwrap_or_default(),
        (None, None) => {
            return Err(ApiError::unprocessable(
                "The request is semantically invalid: command presence",
            ));
        }
    };
    let droplet_guid = match droplet {
        Some(guid) => world.droplet(&guid).map(|droplet| droplet.guid.clone())?,
        None => app.current_droplet_guid.clone().ok_or_else(|| {
            ApiError::unprocessable("Task must have a droplet. Assign current droplet to app.")
        })?,
    };
    let sequence_id = world
        .tasks
        .iter()
        .filter(|task| task.app_guid == app_guid)
        .map(|task| task.sequence_id)
        .max()
        .unwrap_or(0)
        + 1;
    let result = outcome(&command);
    let task = Task {
        guid: ctx.guids.next(),
        app_guid,
        sequence_id,
        name: name.unwrap_or_else(|| ctx.guids.hex(8)),
        command,
        state: TaskState::Running,
        memory_in_mb: memory,
        disk_in_mb: disk,
        log_rate_limit_in_bytes_per_second: log_rate,
        droplet_guid,
        failure_reason: None,
        ends_at: now
            .saturating_add(ctx.timing.task_ms)
            .saturating_add(result.extra_ms),
        exit_status: result.exit_status,
        created_at: now,
        updated_at: now,
        metadata,
    };
    let body = task.to_json(&ctx.api_url);
    world.tasks.push(task);
    Ok((StatusCode::ACCEPTED, Json(body)).into_response())
}

pub(crate) async fn cancel(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
) -> Result<Response, ApiError> {
    let (mut world, now) = ctx.settled();
    let task = world.task_mut(&guid)?;
    if matches!(task.state, TaskState::Succeeded | TaskState::Failed) {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            170_022,
            "CF-InvalidTaskRequest",
            format!(
                "The task request is invalid: Task state is {} and therefore cannot be canceled",
                task.state.as_str()
            ),
        ));
    }
    if task.state == TaskState::Running {
        task.state = TaskState::Canceling;
        task.ends_at = now;
        task.updated_at = now;
    }
    Ok((StatusCode::ACCEPTED, Json(task.to_json(&ctx.api_url))).into_response())
}
