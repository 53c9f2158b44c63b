//! The client's parsing against response bodies copied from the Cloud Controller v3 and UAA
//! documentation (`tests/fixtures/cloudfoundry/`, sources in its README).

use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde_json::Value;

use crate::providers::cloudfoundry::apps::{count_instances, epoch_ms, image_of};
use crate::providers::cloudfoundry::client::{error_of, parse};
use crate::providers::cloudfoundry::deploy::progress_of_instances;
use crate::providers::cloudfoundry::resources::{
    App, Build, Droplet, ErrorBody, Job, Package, Process, ProcessStats, Route, ServiceInstance,
    Task, WithJson,
};
use crate::providers::cloudfoundry::services::{OperationState, job_state};
use crate::providers::cloudfoundry::tasks;
use crate::providers::cloudfoundry::uaa::{TokenResponse, login_link};
use crate::providers::error::ErrorKind;
use crate::providers::http::Reply;
use crate::providers::model::Progress;

macro_rules! fixture {
    ($name:literal) => {
        serde_json::from_str::<Value>(include_str!(concat!(
            "../../../../tests/fixtures/cloudfoundry/",
            $name
        )))
        .expect($name)
    };
}

fn read<T: serde::de::DeserializeOwned>(value: Value) -> T {
    parse(value, "fixture").unwrap()
}

#[test]
fn the_root_document_names_the_login_server() {
    assert_eq!(
        login_link(&fixture!("root.json")).as_deref(),
        Some("https://login.example.org")
    );
}

#[test]
fn uaa_token_answers_parse() {
    let token: TokenResponse = read(fixture!("uaa_token.json"));
    assert!(token.access_token.starts_with("eyJ"));
    assert_eq!(token.expires_in, Some(43199));
    assert!(token.refresh_token.is_some());
}

#[test]
fn apps_parse_with_their_json() {
    let app: WithJson<App> = read(fixture!("app.json"));
    assert_eq!(app.value.name, "my_app");
    assert!(!app.value.is_started());
    assert_eq!(app.value.lifecycle.kind, "buildpack");
    assert_eq!(
        app.value.relationships.space.guid(),
        Some("2f35885d-0c9d-4423-83ad-fd05066f8576")
    );
    assert_eq!(
        app.value.created_at.as_deref().and_then(epoch_ms),
        Some(1_458_250_890_000)
    );
    assert_eq!(app.json["links"]["start"]["method"], "POST");
}

#[test]
fn app_lists_parse_and_point_to_the_next_page() {
    let page = fixture!("apps_page1.json");
    assert_eq!(
        page.pointer("/pagination/next/href")
            .and_then(Value::as_str),
        Some("https://api.example.org/v3/apps?page=2&per_page=2")
    );
    let apps: Vec<App> = read(page["resources"].clone());
    let states: Vec<_> = apps
        .iter()
        .map(|app| (app.name.as_str(), app.is_started()))
        .collect();
    assert_eq!(states, [("my_app", true), ("my_app2", false)]);
}

#[test]
fn processes_and_their_stats_parse() {
    let process: Process = read(fixture!("process.json"));
    assert_eq!((process.kind.as_str(), process.instances), ("web", 5));
    assert_eq!(process.memory_in_mb, Some(256));
    let stats: ProcessStats = read(fixture!("process_stats.json"));
    let instances = count_instances(&stats.resources);
    assert_eq!((instances.up, instances.total, instances.down), (1, 1, 0));
    assert_eq!(
        progress_of_instances("my_app", 5, &stats.resources),
        Progress::Running("1/5 running".into())
    );
}

#[test]
fn packages_builds_and_droplets_parse() {
    let docker: Package = read(fixture!("package_docker.json"));
    assert_eq!(
        (docker.kind.as_str(), docker.state.as_str()),
        ("docker", "READY")
    );
    assert_eq!(docker.data["image"], "registry/image:latest");
    let bits: Package = read(fixture!("package_bits.json"));
    assert_eq!(bits.state, "PROCESSING_UPLOAD");
    assert_eq!(bits.error(), None);
    let staging: Build = read(fixture!("build_staging.json"));
    assert_eq!((staging.state.as_str(), staging.droplet), ("STAGING", None));
    let staged: Build = read(fixture!("build_staged.json"));
    assert_eq!(
        staged.droplet.map(|droplet| droplet.guid).as_deref(),
        Some("1e1186e7-d803-4c46-b9d6-5c81e50fe55a")
    );
    let buildpack: Droplet = read(fixture!("droplet_buildpack.json"));
    let image = image_of(&buildpack, "hello-v001", "org > dev", "cf");
    assert_eq!(
        image.details["imageId"],
        "585bc3c1-3743-497d-88b0-403ad6b56d16"
    );
    assert_eq!(image.details["artifact"]["type"], "cloudfoundry/app");
    assert_eq!(buildpack.stack.as_deref(), Some("cflinuxfs4"));
    let docker: Droplet = read(fixture!("droplet_docker.json"));
    let image = image_of(&docker, "hello-v002", "org > dev", "cf");
    assert_eq!(image.name, "cloudfoundry/diego-docker-app-custom:latest");
    assert_eq!(
        image.details["repository"],
        "cloudfoundry/diego-docker-app-custom"
    );
    assert_eq!(image.details["tag"], "latest");
}

#[test]
fn routes_parse() {
    let route: Route = read(fixture!("route.json"));
    assert_eq!(route.url, "a-hostname.a-domain.com/some_path");
    assert_eq!(
        (route.host.as_str(), route.path.as_str()),
        ("a-hostname", "/some_path")
    );
    assert_eq!(
        route.relationships.domain.guid(),
        Some("0b5f3633-194c-42d2-9408-972366617e0e")
    );
}

#[test]
fn tasks_parse_into_job_states() {
    let running: Task = read(fixture!("task.json"));
    assert!(tasks::job_state(&running).progress.is_running());
    let failed: Task = read(fixture!("task_failed.json"));
    let state = tasks::job_state(&failed);
    assert_eq!(
        state.progress,
        Progress::Failed("Exited with status 1".into())
    );
    assert_eq!(state.details["sequenceId"], 2);
}

#[test]
fn service_instances_parse_with_their_last_operation() {
    let managed: ServiceInstance = read(fixture!("service_instance_managed.json"));
    let operation = managed.last_operation.unwrap();
    assert_eq!(operation.kind, "create");
    assert_eq!(
        OperationState::from_cf(&operation.state),
        OperationState::Succeeded
    );
    assert_eq!(
        OperationState::from_cf("in progress"),
        OperationState::InProgress
    );
    let provided: ServiceInstance = read(fixture!("service_instance_user_provided.json"));
    assert_eq!(provided.kind, "user-provided");
    assert!(provided.last_operation.is_none());
}

#[test]
fn jobs_parse_into_progress() {
    let complete: Job = read(fixture!("job_complete.json"));
    assert_eq!(job_state(&complete), Progress::Succeeded);
    let failed: Job = read(fixture!("job_failed.json"));
    assert_eq!(
        job_state(&failed),
        Progress::Failed("app.delete failed".into())
    );
}

#[test]
fn error_bodies_become_provider_errors() {
    let body = fixture!("error.json");
    let errors: ErrorBody = read(body.clone());
    assert_eq!(errors.errors[0].title, "CF-UnprocessableEntity");
    let reply = Reply {
        status: StatusCode::UNPROCESSABLE_ENTITY,
        headers: HeaderMap::new(),
        body,
    };
    let error = error_of(&reply, "creating app `x`");
    assert_eq!(error.kind, ErrorKind::Invalid);
    assert_eq!(
        error.message,
        "creating app `x`: 422 CF-UnprocessableEntity: something went wrong"
    );
}
