//! Marathon v2 of the DC/OS simulator: app shapes, embeds, changes and their status codes,
//! deployments, tasks, groups and the service endpoints.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::sim_dcos_support::{Sim, checked_app, docker_app};

const APPS: &str = "/service/marathon/v2/apps";

#[tokio::test]
async fn creating_an_app_answers_201_with_its_deployment_and_zero_counts() {
    let sim = Sim::manual().await;
    let answer = sim
        .create_app(docker_app("dev/web/api-v000", "web:1.0", 2))
        .await;
    let deployment = answer
        .header("Marathon-Deployment-Id")
        .expect("deployment header");
    assert_eq!(answer.header("Location"), Some("/dev/web/api-v000"));
    assert_eq!(answer.body["id"], "/dev/web/api-v000");
    assert_eq!(answer.body["deployments"], json!([{ "id": deployment }]));
    assert_eq!(answer.body["tasksRunning"], 0);
    assert_eq!(answer.body["tasks"], json!([]));
    assert_eq!(answer.body["mem"], 64);
    assert_eq!(answer.body["disk"], 0, "defaults are filled in");
    assert!(
        answer.body["version"]
            .as_str()
            .is_some_and(|v| v.ends_with('Z'))
    );
}

#[tokio::test]
async fn single_list_and_group_wildcard_have_their_documented_wrappers() {
    let sim = Sim::manual().await;
    sim.create_app(docker_app("/dev/web/api-v000", "web:1.0", 1))
        .await;
    sim.create_app(docker_app("/dev/web/api-v001", "web:1.1", 1))
        .await;
    sim.create_app(docker_app("/prod/other", "other:1", 1))
        .await;

    let single = sim.get(&format!("{APPS}/dev/web/api-v001")).await;
    assert_eq!(single.body["app"]["id"], "/dev/web/api-v001");
    assert!(
        single.body["app"]["tasks"].is_array(),
        "single GET embeds tasks by default"
    );
    assert!(single.body["app"]["deployments"].is_array());

    let list = sim.get(APPS).await;
    assert_eq!(list.body["apps"].as_array().map(Vec::len), Some(3));
    assert!(list.body["apps"][0]["tasksRunning"].is_number());
    assert!(
        list.body["apps"][0].get("tasks").is_none(),
        "list embeds tasks only on request"
    );

    let group = sim.get(&format!("{APPS}/dev/web/*")).await;
    let ids: Vec<&str> = group.body["*"]
        .as_array()
        .unwrap()
        .iter()
        .map(|app| app["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["/dev/web/api-v000", "/dev/web/api-v001"]);

    let missing_group = sim.get(&format!("{APPS}/nope/*")).await;
    assert_eq!(missing_group.status, StatusCode::NOT_FOUND);
    assert_eq!(
        missing_group.body,
        json!({ "message": "Group '/nope' does not exist" })
    );
    let missing_app = sim.get(&format!("{APPS}/dev/web/api-v999")).await;
    assert_eq!(missing_app.status, StatusCode::NOT_FOUND);
    assert_eq!(
        missing_app.body,
        json!({ "message": "App '/dev/web/api-v999' does not exist" })
    );
}

#[tokio::test]
async fn embed_accepts_the_repeated_and_the_comma_form() {
    let sim = Sim::manual().await;
    sim.create_app(docker_app("/web", "web:1", 1)).await;
    let repeated = sim
        .get(&format!(
            "{APPS}?embed=apps.tasks&embed=apps.taskStats&embed=apps.readiness"
        ))
        .await;
    let joined = sim
        .get(&format!(
            "{APPS}?embed=apps.tasks,apps.taskStats,apps.readiness"
        ))
        .await;
    for answer in [&repeated, &joined] {
        let app = &answer.body["apps"][0];
        assert!(app["tasks"].is_array(), "{app}");
        assert!(app["taskStats"].is_object(), "{app}");
        assert_eq!(app["readinessCheckResults"], json!([]));
    }
    let labelled = sim.get(&format!("{APPS}?label=owner==team-a&id=web")).await;
    assert_eq!(labelled.body["apps"].as_array().map(Vec::len), Some(1));
    let other = sim.get(&format!("{APPS}?label=owner==team-b")).await;
    assert_eq!(other.body["apps"], json!([]));
}

#[tokio::test]
async fn tasks_go_from_staging_to_running_to_healthy_as_time_passes() {
    let sim = Sim::manual().await;
    sim.create_app(checked_app("/web", "web:1", 2)).await;
    sim.advance(0);
    let staged = sim.app("/web").await;
    assert_eq!(staged["tasksStaged"], 2);
    assert_eq!(staged["tasks"][0]["state"], "TASK_STAGING");

    sim.advance(1000);
    let running = sim.app("/web").await;
    assert_eq!(running["tasksRunning"], 2);
    assert_eq!(running["tasksHealthy"], 0);
    assert_eq!(
        running["deployments"].as_array().map(Vec::len),
        Some(1),
        "health gates the deployment"
    );

    sim.advance(1000);
    let healthy = sim.app("/web").await;
    assert_eq!(healthy["tasksHealthy"], 2);
    assert_eq!(healthy["deployments"], json!([]));
    let result = &healthy["tasks"][0]["healthCheckResults"][0];
    assert_eq!(result["alive"], true);
    assert_eq!(result["consecutiveFailures"], 0);
    assert!(
        healthy["tasks"][0]["id"]
            .as_str()
            .unwrap()
            .starts_with("web.")
    );
}

#[tokio::test]
async fn an_app_without_health_checks_is_deployed_once_its_tasks_run() {
    let sim = Sim::manual().await;
    sim.create_app(docker_app("/web", "web:1", 1)).await;
    sim.advance(0);
    sim.advance(1000);
    let app = sim.app("/web").await;
    assert_eq!(app["tasksRunning"], 1);
    assert_eq!(app["deployments"], json!([]));
    assert!(app["tasks"][0].get("healthCheckResults").is_none());
}

#[tokio::test]
async fn put_is_a_partial_update_by_default_and_a_replacement_on_request() {
    let sim = Sim::instant().await;
    sim.create_app(docker_app("/web", "web:1", 1)).await;
    sim.deployed("/web").await;
    let scaled = sim
        .put(&format!("{APPS}/web"), json!({ "instances": 3 }))
        .await;
    assert_eq!(scaled.status, StatusCode::OK);
    let deployment = scaled.body["deploymentId"].as_str().unwrap();
    assert_eq!(scaled.header("Marathon-Deployment-Id"), Some(deployment));
    assert!(scaled.body["version"].is_string());
    let app = sim.deployed("/web").await;
    assert_eq!(app["instances"], 3);
    assert_eq!(
        app["labels"],
        json!({ "owner": "team-a" }),
        "untouched fields stay"
    );
    assert_eq!(app["tasks"].as_array().map(Vec::len), Some(3));

    let mut replacement = docker_app("/web", "web:1", 1);
    replacement.as_object_mut().unwrap().remove("labels");
    let replaced = sim
        .put(&format!("{APPS}/web?partialUpdate=false"), replacement)
        .await;
    assert_eq!(replaced.status, StatusCode::OK);
    assert_eq!(sim.app("/web").await["labels"], json!({}));
}

#[tokio::test]
async fn put_creates_a_missing_app_but_patch_does_not() {
    let sim = Sim::manual().await;
    let created = sim
        .put(
            &format!("{APPS}/dev/new"),
            docker_app("ignored", "new:1", 1),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED);
    assert_eq!(sim.app("/dev/new").await["id"], "/dev/new");
    let patched = sim
        .call(
            reqwest::Method::PATCH,
            &format!("{APPS}/dev/other"),
            Some(json!({ "instances": 2 })),
        )
        .await;
    assert_eq!(patched.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_change_while_a_deployment_holds_the_app_is_refused_unless_forced() {
    let sim = Sim::manual().await;
    let created = sim.create_app(docker_app("/web", "web:1", 1)).await;
    let first = created.header("Marathon-Deployment-Id").unwrap().to_owned();
    let refused = sim
        .put(&format!("{APPS}/web"), json!({ "instances": 2 }))
        .await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert_eq!(
        refused.body["message"],
        format!(
            "App is locked by one or more deployments. Override with the option '?force=true'. \
             View details at '/v2/deployments/{first}'."
        )
    );
    assert_eq!(refused.body["deployments"], json!([{ "id": first }]));
    let deleted = sim
        .call(
            reqwest::Method::DELETE,
            &format!("{APPS}/web?force=false"),
            None,
        )
        .await;
    assert_eq!(deleted.status, StatusCode::CONFLICT);

    let forced = sim
        .put(&format!("{APPS}/web?force=true"), json!({ "instances": 2 }))
        .await;
    assert_eq!(forced.status, StatusCode::OK);
    let second = forced.body["deploymentId"].as_str().unwrap().to_owned();
    assert_eq!(sim.deployment_ids().await, [second]);
}

#[tokio::test]
async fn invalid_definitions_get_marathons_error_bodies() {
    let sim = Sim::manual().await;
    let bad_id = sim.post(APPS, docker_app("/Web_App", "web:1", 1)).await;
    assert_eq!(bad_id.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(bad_id.body["message"], "Object is not valid");
    assert_eq!(bad_id.body["details"][0]["path"], "/id");

    let nothing_to_run = sim
        .post(APPS, json!({ "id": "/web", "instances": 1 }))
        .await;
    assert_eq!(nothing_to_run.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(nothing_to_run.body["details"][0]["path"], "/");

    let mut over = docker_app("/web", "web:1", 1);
    over["upgradeStrategy"] = json!({ "minimumHealthCapacity": 1.5, "maximumOverCapacity": 1 });
    let over = sim.post(APPS, over).await;
    assert_eq!(
        over.body["details"],
        json!([{ "path": "/upgradeStrategy/minimumHealthCapacity", "errors": ["is greater than 1"] }])
    );

    let mistyped = sim
        .post(
            APPS,
            json!({ "id": "/web", "cmd": "x", "instances": "three" }),
        )
        .await;
    assert_eq!(mistyped.status, StatusCode::BAD_REQUEST);
    assert_eq!(mistyped.body["message"], "Invalid JSON");
    assert_eq!(mistyped.body["details"][0]["path"], "/instances");

    let garbage = sim
        .http
        .post(sim.url(APPS))
        .header("Content-Type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(garbage.status(), StatusCode::BAD_REQUEST);
    let garbage: Value = garbage.json().await.unwrap();
    assert_eq!(garbage["message"], "Invalid JSON");

    sim.create_app(docker_app("/web", "web:1", 1)).await;
    let duplicate = sim.post(APPS, docker_app("/web", "web:1", 1)).await;
    assert_eq!(duplicate.status, StatusCode::CONFLICT);
    assert_eq!(
        duplicate.body,
        json!({ "message": "An app with id [/web] already exists." })
    );
}

#[tokio::test]
async fn scaling_down_and_restarting_converge_on_the_definition() {
    let sim = Sim::instant().await;
    sim.create_app(docker_app("/web", "web:1", 3)).await;
    sim.deployed("/web").await;
    sim.put(&format!("{APPS}/web"), json!({ "instances": 1 }))
        .await;
    let app = sim.deployed("/web").await;
    assert_eq!(app["tasks"].as_array().map(Vec::len), Some(1));
    let before = app["tasks"][0]["id"].clone();

    let restart = sim.post(&format!("{APPS}/web/restart"), json!({})).await;
    assert_eq!(restart.status, StatusCode::OK);
    assert!(restart.body["deploymentId"].is_string());
    let app = sim
        .eventually("the restarted task", || async {
            let app = sim.deployed("/web").await;
            (app["tasks"][0]["id"] != before && app["tasks"].as_array().map(Vec::len) == Some(1))
                .then_some(app)
        })
        .await;
    assert_eq!(app["tasksRunning"], 1);
    let missing = sim.post(&format!("{APPS}/nope/restart"), json!({})).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn deleting_an_app_removes_it_and_kills_its_tasks() {
    let sim = Sim::instant().await;
    sim.create_app(docker_app("/web", "web:1", 2)).await;
    sim.deployed("/web").await;
    let deleted = sim.delete(&format!("{APPS}/web")).await;
    assert_eq!(deleted.status, StatusCode::OK);
    assert!(deleted.body["deploymentId"].is_string());
    assert_eq!(
        sim.get(&format!("{APPS}/web")).await.status,
        StatusCode::NOT_FOUND
    );
    sim.eventually("the tasks to be killed", || async {
        let tasks = sim.get("/service/marathon/v2/tasks").await;
        (tasks.body["tasks"] == json!([]) && sim.deployment_ids().await.is_empty()).then_some(())
    })
    .await;
    assert_eq!(
        sim.delete(&format!("{APPS}/web")).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn cancelling_a_deployment_rolls_the_app_back() {
    let sim = Sim::manual().await;
    sim.create_app(docker_app("/web", "web:1", 2)).await;
    sim.advance(0);
    sim.advance(1000);
    let old_tasks = sim.app("/web").await["tasks"].clone();

    let update = sim
        .put(
            &format!("{APPS}/web"),
            json!({ "container": { "type": "DOCKER", "docker": { "image": "web:2" } } }),
        )
        .await;
    let deployment = update.body["deploymentId"].as_str().unwrap().to_owned();
    let listed = sim.get("/service/marathon/v2/deployments").await;
    let plan = &listed.body[0];
    assert_eq!(plan["id"], deployment);
    assert_eq!(plan["affectedApps"], json!(["/web"]));
    assert_eq!(
        plan["steps"],
        json!([{ "actions": [{ "action": "RestartApplication", "app": "/web" }] }])
    );
    assert_eq!(plan["currentActions"][0]["action"], "RestartApplication");
    assert_eq!(plan["totalSteps"], 1);

    let cancelled = sim
        .delete(&format!("/service/marathon/v2/deployments/{deployment}"))
        .await;
    assert_eq!(cancelled.status, StatusCode::OK);
    let rollback = cancelled.body["deploymentId"].as_str().unwrap().to_owned();
    assert_ne!(rollback, deployment);
    sim.advance(1000);
    let app = sim.app("/web").await;
    assert_eq!(app["container"]["docker"]["image"], "web:1");
    assert_eq!(app["deployments"], json!([]));
    let ids = |tasks: &Value| {
        let mut ids: Vec<String> = tasks
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].as_str().unwrap().to_owned())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(
        ids(&app["tasks"]),
        ids(&old_tasks),
        "the old tasks kept serving"
    );

    let unknown = sim
        .delete("/service/marathon/v2/deployments/not-a-plan")
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(
        unknown.body,
        json!({ "message": "DeploymentPlan not-a-plan does not exist" })
    );
}

#[tokio::test]
async fn force_stopping_a_deployment_leaves_mixed_versions_without_rollback() {
    let sim = Sim::manual().await;
    sim.create_app(docker_app("/web", "web:1", 2)).await;
    sim.advance(0);
    sim.advance(1000);
    let update = sim
        .put(&format!("{APPS}/web"), json!({ "cmd": "serve --v2" }))
        .await;
    let deployment = update.body["deploymentId"].as_str().unwrap().to_owned();
    sim.advance(0);
    let stopped = sim
        .delete(&format!(
            "/service/marathon/v2/deployments/{deployment}?force=true"
        ))
        .await;
    assert_eq!(stopped.status, StatusCode::ACCEPTED);
    assert_eq!(stopped.body, Value::Null);
    assert!(sim.deployment_ids().await.is_empty());
    sim.advance(1000);
    let app = sim.app("/web").await;
    assert_eq!(app["cmd"], "serve --v2", "no rollback");
    let mut versions: Vec<&str> = app["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["version"].as_str().unwrap())
        .collect();
    versions.sort_unstable();
    versions.dedup();
    assert_eq!(app["tasks"].as_array().map(Vec::len), Some(4));
    assert_eq!(versions.len(), 2, "old and new tasks both run");
}

#[tokio::test]
async fn killing_tasks_relaunches_them_or_scales_down() {
    let sim = Sim::instant().await;
    sim.create_app(docker_app("/web", "web:1", 2)).await;
    let app = sim.deployed("/web").await;
    let task = app["tasks"][0]["id"].as_str().unwrap().to_owned();
    let killed = sim.delete(&format!("{APPS}/web/tasks/{task}")).await;
    assert_eq!(killed.status, StatusCode::OK);
    assert_eq!(killed.body["task"]["id"], task);
    let relaunched = sim
        .eventually("a replacement task", || async {
            let app = sim.app("/web").await;
            (app["tasksRunning"] == 2).then_some(app)
        })
        .await;
    assert!(
        relaunched["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["id"] != task)
    );

    let unknown = sim.delete(&format!("{APPS}/web/tasks/web.nope")).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(
        unknown.body,
        json!({ "message": "Task 'web.nope' does not exist" })
    );
    let victim = relaunched["tasks"][0]["id"].as_str().unwrap().to_owned();
    let scaled = sim
        .delete(&format!("{APPS}/web/tasks/{victim}?scale=true"))
        .await;
    assert!(scaled.body["deploymentId"].is_string());
    assert_eq!(sim.deployed("/web").await["instances"], 1);

    let running = sim.get("/service/marathon/v2/tasks?status=running").await;
    assert_eq!(running.body["tasks"].as_array().map(Vec::len), Some(1));
    let by_ids = sim
        .post(
            "/service/marathon/v2/tasks/delete?scale=true",
            json!({ "ids": [running.body["tasks"][0]["id"]] }),
        )
        .await;
    assert_eq!(by_ids.status, StatusCode::OK);
    assert_eq!(sim.deployed("/web").await["instances"], 0);
}

#[tokio::test]
async fn groups_are_the_tree_of_app_ids() {
    let sim = Sim::instant().await;
    sim.create_app(docker_app("/dev/web/api-v000", "web:1", 1))
        .await;
    sim.create_app(docker_app("/dev/worker", "worker:1", 1))
        .await;
    let root = sim.get("/service/marathon/v2/groups").await;
    assert_eq!(root.body["id"], "/");
    assert_eq!(root.body["groups"][0]["id"], "/dev");
    let dev = sim.get("/service/marathon/v2/groups/dev").await;
    assert_eq!(dev.body["apps"][0]["id"], "/dev/worker");
    assert_eq!(dev.body["groups"][0]["apps"][0]["id"], "/dev/web/api-v000");

    let created = sim
        .post(
            "/service/marathon/v2/groups",
            json!({ "id": "/prod", "apps": [docker_app("api", "api:1", 1)] }),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED);
    assert_eq!(sim.app("/prod/api").await["id"], "/prod/api");

    sim.deployed("/dev/worker").await;
    sim.deployed("/dev/web/api-v000").await;
    let deleted = sim.delete("/service/marathon/v2/groups/dev").await;
    assert_eq!(deleted.status, StatusCode::OK);
    assert_eq!(
        sim.get("/service/marathon/v2/groups/dev").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn service_endpoints_answer() {
    let sim = Sim::instant().await;
    let info = sim.get("/service/marathon/v2/info").await;
    assert_eq!(info.body["name"], "marathon");
    assert!(info.body["version"].is_string());
    assert_eq!(sim.get("/service/marathon/ping").await.body, json!("pong"));
    assert_eq!(
        sim.get("/service/marathon/v2/leader").await.body["leader"],
        "marathon.mesos:8080"
    );
    assert_eq!(
        sim.get("/service/marathon/v2/queue").await.body,
        json!({ "queue": [] })
    );
    let unknown = sim.get("/service/marathon/v2/nothing").await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
    assert_eq!(
        unknown.body,
        json!({ "message": "URI not found: /service/marathon/v2/nothing" })
    );
}

#[tokio::test]
async fn a_batch_put_updates_and_creates_several_apps() {
    let sim = Sim::instant().await;
    sim.create_app(docker_app("/web", "web:1", 1)).await;
    sim.deployed("/web").await;
    let batch = sim
        .put(
            APPS,
            json!([{ "id": "/web", "instances": 2 }, docker_app("/worker", "worker:1", 1)]),
        )
        .await;
    assert_eq!(batch.status, StatusCode::OK, "{}", batch.body);
    assert!(batch.body["deploymentId"].is_string());
    assert_eq!(sim.deployed("/web").await["instances"], 2);
    assert_eq!(sim.deployed("/worker").await["instances"], 1);
    let not_a_list = sim.put(APPS, json!({ "id": "/web" })).await;
    assert_eq!(not_a_list.status, StatusCode::BAD_REQUEST);
    let patch_missing = sim
        .call(
            reqwest::Method::PATCH,
            APPS,
            Some(json!([{ "id": "/nope", "instances": 1 }])),
        )
        .await;
    assert_eq!(patch_missing.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn cancelling_the_deployment_of_a_new_app_removes_the_app() {
    let sim = Sim::manual().await;
    let created = sim.create_app(docker_app("/web", "web:1", 1)).await;
    let deployment = created.header("Marathon-Deployment-Id").unwrap().to_owned();
    let cancelled = sim
        .delete(&format!("/service/marathon/v2/deployments/{deployment}"))
        .await;
    assert_eq!(cancelled.status, StatusCode::OK);
    assert_eq!(
        sim.get(&format!("{APPS}/web")).await.status,
        StatusCode::NOT_FOUND
    );
    sim.advance(0);
    sim.eventually("the rollback to finish", || async {
        sim.deployment_ids().await.is_empty().then_some(())
    })
    .await;
    let tasks = sim.get("/service/marathon/v2/tasks").await;
    assert_eq!(tasks.body["tasks"], json!([]));
}
