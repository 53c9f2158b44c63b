//! Tasks: the command convention decides the outcome; tasks run for the configured time plus
//! their `sleep`s; canceling ends them FAILED.

use reqwest::StatusCode;
use serde_json::json;

use crate::sim_cf_support::Cf;

async fn app_with_droplet(cf: &Cf) -> String {
    let space = cf.space_guid("sandbox", "dev").await;
    cf.staged_docker_app("jobs-dev-v000", &space, "worker:1")
        .await
        .0
}

#[tokio::test]
async fn a_task_runs_then_succeeds() {
    let cf = Cf::start().await;
    let app = app_with_droplet(&cf).await;
    let created = cf
        .post(
            &format!("/v3/apps/{app}/tasks"),
            json!({"command": "rake db:migrate", "name": "migrate"}),
        )
        .await;
    assert_eq!(created.status, StatusCode::ACCEPTED);
    assert_eq!(created.body["state"], "RUNNING");
    assert_eq!(created.body["sequence_id"], 1);
    assert_eq!(
        created.body["result"]["failure_reason"],
        serde_json::Value::Null
    );
    let task = created.guid();
    cf.advance(999);
    assert_eq!(
        cf.get(&format!("/v3/tasks/{task}")).await.body["state"],
        "RUNNING"
    );
    cf.advance(1);
    assert_eq!(
        cf.get(&format!("/v3/tasks/{task}")).await.body["state"],
        "SUCCEEDED"
    );
    let second = cf
        .post(&format!("/v3/apps/{app}/tasks"), json!({"command": "true"}))
        .await;
    assert_eq!(second.body["sequence_id"], 2);
    assert_eq!(second.body["name"].as_str().unwrap().len(), 8);
}

#[tokio::test]
async fn a_non_zero_exit_fails_the_task_with_its_status() {
    let cf = Cf::start().await;
    let app = app_with_droplet(&cf).await;
    let task = cf
        .post(
            &format!("/v3/apps/{app}/tasks"),
            json!({"command": "echo start && sleep 5 && exit 3"}),
        )
        .await
        .guid();
    cf.advance(5999);
    assert_eq!(
        cf.get(&format!("/v3/tasks/{task}")).await.body["state"],
        "RUNNING"
    );
    cf.advance(1);
    let failed = cf.get(&format!("/v3/tasks/{task}")).await;
    assert_eq!(failed.body["state"], "FAILED");
    assert_eq!(
        failed.body["result"]["failure_reason"],
        "Exited with status 3"
    );
    let listed = cf.get(&format!("/v3/apps/{app}/tasks?states=FAILED")).await;
    assert_eq!(listed.body["pagination"]["total_results"], 1);
}

#[tokio::test]
async fn canceling_a_running_task_fails_it_and_canceling_again_is_refused() {
    let cf = Cf::start().await;
    let app = app_with_droplet(&cf).await;
    let task = cf
        .post(
            &format!("/v3/apps/{app}/tasks"),
            json!({"command": "sleep 600"}),
        )
        .await
        .guid();
    let canceling = cf
        .post(&format!("/v3/tasks/{task}/actions/cancel"), json!({}))
        .await;
    assert_eq!(canceling.status, StatusCode::ACCEPTED);
    assert_eq!(canceling.body["state"], "CANCELING");
    let failed = cf.get(&format!("/v3/tasks/{task}")).await;
    assert_eq!(failed.body["state"], "FAILED");
    assert_eq!(
        failed.body["result"]["failure_reason"],
        "task was cancelled"
    );
    let again = cf
        .post(&format!("/v3/tasks/{task}/actions/cancel"), json!({}))
        .await;
    assert_eq!(again.error(), (170_022, "CF-InvalidTaskRequest".to_owned()));
}

#[tokio::test]
async fn tasks_need_a_droplet() {
    let cf = Cf::start().await;
    let space = cf.space_guid("sandbox", "dev").await;
    let app = cf
        .create_app("empty", &space, json!({"type": "docker", "data": {}}))
        .await;
    let reply = cf
        .post(&format!("/v3/apps/{app}/tasks"), json!({"command": "true"}))
        .await;
    assert_eq!(reply.status, StatusCode::UNPROCESSABLE_ENTITY);
}
