//! Asynchronous jobs (`/v3/jobs/:guid`): every 202 with a `Location` header points at one.
//! Deletions complete after the configured job time; broker operations are POLLING until the
//! service instance's or binding's `last_operation` finishes, then COMPLETE or FAILED.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::clock::{Millis, iso8601};
use super::error::ApiError;
use super::service_operation::OperationState;
use super::shared::{Ctx, Shared};
use super::world::Foundation;

/// What finishing a job does, or which broker operation it follows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum JobEffect {
    DeleteApp(String),
    DeleteRoute(String),
    /// Follows a service instance's `last_operation` (create, update or delete).
    ServiceInstance(String),
    /// Follows a credential binding's `last_operation` (create or delete).
    ServiceBinding(String),
}

/// The `state` of a job.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) enum JobState {
    /// The Cloud Controller is doing the work.
    #[serde(rename = "PROCESSING")]
    Processing,
    /// Waiting on the service broker's operation.
    #[serde(rename = "POLLING")]
    Polling,
    /// Done.
    #[serde(rename = "COMPLETE")]
    Complete,
    /// Failed; `errors` says why.
    #[serde(rename = "FAILED")]
    Failed,
}

impl JobState {
    fn as_str(self) -> &'static str {
        match self {
            Self::Processing => "PROCESSING",
            Self::Polling => "POLLING",
            Self::Complete => "COMPLETE",
            Self::Failed => "FAILED",
        }
    }
}

/// An asynchronous operation clients poll at `/v3/jobs/:guid`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub(crate) struct Job {
    pub(crate) guid: String,
    pub(crate) operation: String,
    pub(crate) state: JobState,
    pub(crate) errors: Vec<Value>,
    pub(crate) completes_at: Millis,
    pub(crate) effect: JobEffect,
    pub(crate) created_at: Millis,
    pub(crate) updated_at: Millis,
}

impl Job {
    pub(crate) fn new(
        guid: String,
        operation: &str,
        now: Millis,
        completes_at: Millis,
        effect: JobEffect,
    ) -> Self {
        let state = match effect {
            JobEffect::ServiceInstance(_) | JobEffect::ServiceBinding(_) => JobState::Polling,
            JobEffect::DeleteApp(_) | JobEffect::DeleteRoute(_) => JobState::Processing,
        };
        Self {
            guid,
            operation: operation.to_owned(),
            state,
            errors: Vec::new(),
            completes_at,
            effect,
            created_at: now,
            updated_at: now,
        }
    }

    fn to_json(&self, base: &str) -> Value {
        let mut links = json!({"self": {"href": format!("{base}/v3/jobs/{}", self.guid)}});
        let (name, path) = match &self.effect {
            JobEffect::DeleteApp(guid) => ("app", format!("/v3/apps/{guid}")),
            JobEffect::DeleteRoute(guid) => ("route", format!("/v3/routes/{guid}")),
            JobEffect::ServiceInstance(guid) => {
                ("service_instances", format!("/v3/service_instances/{guid}"))
            }
            JobEffect::ServiceBinding(guid) => (
                "service_credential_binding",
                format!("/v3/service_credential_bindings/{guid}"),
            ),
        };
        links[name] = json!({"href": format!("{base}{path}")});
        json!({
            "guid": self.guid,
            "created_at": iso8601(self.created_at),
            "updated_at": iso8601(self.updated_at),
            "operation": self.operation,
            "state": self.state.as_str(),
            "errors": self.errors,
            "warnings": [],
            "links": links,
        })
    }

    fn finish(&mut self, now: Millis, failure: Option<String>) {
        self.updated_at = now;
        match failure {
            None => self.state = JobState::Complete,
            Some(detail) => {
                self.state = JobState::Failed;
                self.errors = vec![
                    ApiError::new(StatusCode::BAD_GATEWAY, 10009, "CF-UnableToPerform", detail)
                        .to_json(),
                ];
            }
        }
    }
}

/// Stores `job` and answers 202 with `Location: <api>/v3/jobs/<guid>` and no body.
pub(crate) fn accepted(shared: &Shared, world: &mut Foundation, job: Job) -> Response {
    let location = shared.url(&format!("/v3/jobs/{}", job.guid));
    world.jobs.push(job);
    let mut response = StatusCode::ACCEPTED.into_response();
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

/// Where a job stands after looking at what it waits for.
enum Outcome {
    Pending,
    Complete,
    Failed(String),
}

pub(crate) fn settle(world: &mut Foundation, now: Millis) {
    for index in 0..world.jobs.len() {
        if !matches!(
            world.jobs[index].state,
            JobState::Processing | JobState::Polling
        ) {
            continue;
        }
        let due = now >= world.jobs[index].completes_at;
        let outcome = match world.jobs[index].effect.clone() {
            JobEffect::DeleteApp(guid) if due => {
                world.delete_app_cascade(&guid);
                Outcome::Complete
            }
            JobEffect::DeleteRoute(guid) if due => {
                world.routes.retain(|route| route.guid != guid);
                Outcome::Complete
            }
            JobEffect::DeleteApp(_) | JobEffect::DeleteRoute(_) => Outcome::Pending,
            JobEffect::ServiceInstance(guid) => match world.service_instance(&guid) {
                Err(_) => Outcome::Complete,
                Ok(instance) => operation_outcome(
                    instance.last_operation.state,
                    &instance.last_operation.description,
                ),
            },
            JobEffect::ServiceBinding(guid) => match world.service_binding(&guid) {
                Err(_) => Outcome::Complete,
                Ok(binding) => operation_outcome(
                    binding.last_operation.state,
                    &binding.last_operation.description,
                ),
            },
        };
        let job = &mut world.jobs[index];
        match outcome {
            Outcome::Pending => {}
            Outcome::Complete => job.finish(now, None),
            Outcome::Failed(description) => {
                let detail = format!("{} could not be completed: {description}", job.operation);
                job.finish(now, Some(detail));
            }
        }
    }
}

fn operation_outcome(state: OperationState, description: &str) -> Outcome {
    match state {
        OperationState::InProgress => Outcome::Pending,
        OperationState::Succeeded => Outcome::Complete,
        OperationState::Failed => Outcome::Failed(description.to_owned()),
    }
}

pub(crate) async fn show(
    State(ctx): State<Ctx>,
    Path(guid): Path<String>,
) -> Result<Response, ApiError> {
    let (world, _) = ctx.settled();
    Ok(Json(world.job(&guid)?.to_json(&ctx.api_url)).into_response())
}
