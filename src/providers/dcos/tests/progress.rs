//! The deployment rules of `deploy_progress`.

use serde_json::{Value, json};

use crate::providers::dcos::progress::Observations;
use crate::providers::model::Progress;

const CONFIG: &str = "2024-05-01T10:00:00.000Z";
const OLD: &str = "2024-04-01T10:00:00.000Z";

fn task(id: &str, state: &str, version: &str, health: Option<Value>) -> Value {
    let mut task = json!({"id": id, "state": state, "version": version});
    if let Some(health) = health {
        task["healthCheckResults"] = health;
    }
    task
}

fn app(instances: u32, tasks: &[Value], deployments: &[&str], checked: bool) -> Value {
    let mut app = json!({
        "id": "/acct/hello-v001",
        "instances": instances,
        "version": "2024-05-01T10:05:00.000Z",
        "versionInfo": {"lastConfigChangeAt": CONFIG, "lastScalingAt": "2024-05-01T10:05:00.000Z"},
        "tasks": tasks,
        "deployments": deployments.iter().map(|id| json!({"id": id})).collect::<Vec<_>>(),
    });
    if checked {
        app["healthChecks"] =
            json!([{"protocol": "HTTP", "path": "/", "maxConsecutiveFailures": 3}]);
    }
    app
}

fn healthy() -> Value {
    json!([{"alive": true, "consecutiveFailures": 0}])
}

#[test]
fn succeeds_when_no_deployment_holds_it_and_every_instance_is_up() {
    let observations = Observations::default();
    let starting = app(
        2,
        &[
            task("a", "TASK_RUNNING", CONFIG, Some(healthy())),
            task("b", "TASK_RUNNING", CONFIG, None),
        ],
        &["d1"],
        true,
    );
    assert_eq!(
        observations.judge(&starting),
        Progress::Running("1/2 instances healthy; deployment d1 in progress".to_owned())
    );
    // Up but still held by the deployment.
    let held = app(
        2,
        &[
            task("a", "TASK_RUNNING", CONFIG, Some(healthy())),
            task("b", "TASK_RUNNING", CONFIG, Some(healthy())),
        ],
        &["d1"],
        true,
    );
    assert!(observations.judge(&held).is_running());
    let done = app(
        2,
        &[
            task("a", "TASK_RUNNING", CONFIG, Some(healthy())),
            task("b", "TASK_RUNNING", CONFIG, Some(healthy())),
        ],
        &[],
        true,
    );
    assert_eq!(observations.judge(&done), Progress::Succeeded);
}

#[test]
fn tasks_of_an_older_configuration_do_not_count() {
    let old_only = app(1, &[task("old", "TASK_RUNNING", OLD, None)], &[], false);
    assert_eq!(
        Observations::default().judge(&old_only),
        Progress::Running("0/1 instances healthy".to_owned())
    );
    // Without health checks a running task of the current configuration is up.
    let current = app(1, &[task("new", "TASK_RUNNING", CONFIG, None)], &[], false);
    assert_eq!(Observations::default().judge(&current), Progress::Succeeded);
}

#[test]
fn scaled_to_zero_succeeds_once_nothing_runs() {
    let stopping = app(
        0,
        &[task("a", "TASK_RUNNING", CONFIG, None)],
        &["d2"],
        false,
    );
    assert!(Observations::default().judge(&stopping).is_running());
    let stopped = app(0, &[], &[], false);
    assert_eq!(Observations::default().judge(&stopped), Progress::Succeeded);
}

#[test]
fn repeated_task_failures_of_the_current_version_are_a_crash_loop() {
    let observations = Observations::default();
    let failing = |task_id: &str, version: &str| {
        let mut app = app(
            2,
            &[task("s", "TASK_STAGING", CONFIG, None)],
            &["d3"],
            false,
        );
        app["lastTaskFailure"] = json!({
            "appId": "/acct/hello-v001", "taskId": task_id, "state": "TASK_FAILED",
            "message": "Command exited with status 1", "version": version,
            "timestamp": "2024-05-01T10:06:00.000Z"
        });
        app
    };
    // A failure of an older version is not this deployment's.
    assert!(observations.judge(&failing("old.1", OLD)).is_running());
    assert!(observations.judge(&failing("t.1", CONFIG)).is_running());
    // The same failure seen twice counts once.
    assert!(observations.judge(&failing("t.1", CONFIG)).is_running());
    assert!(observations.judge(&failing("t.2", CONFIG)).is_running());
    assert_eq!(
        observations.judge(&failing("t.3", CONFIG)),
        Progress::Failed(
            "the app crash-loops: 3 tasks of its current version failed; last: Command exited \
             with status 1 (TASK_FAILED)"
                .to_owned()
        )
    );
}

#[test]
fn failing_health_checks_mean_it_never_becomes_healthy() {
    let unhealthy = |failures: u32| {
        json!([{"alive": false, "consecutiveFailures": failures,
                "lastFailureCause": "connection refused"}])
    };
    // At the check's own threshold at once.
    let at_threshold = app(
        1,
        &[task("a", "TASK_RUNNING", CONFIG, Some(unhealthy(3)))],
        &["d4"],
        true,
    );
    assert_eq!(
        Observations::default().judge(&at_threshold),
        Progress::Failed(
            "the app never becomes healthy: 1 running task(s) keep failing their health \
             checks: connection refused"
                .to_owned()
        )
    );
    // Below it, however often it is seen (a slow start within the grace period).
    let observations = Observations::default();
    let below = app(
        1,
        &[task("a", "TASK_RUNNING", CONFIG, Some(unhealthy(1)))],
        &["d4"],
        true,
    );
    for _ in 0..5 {
        assert!(observations.judge(&below).is_running());
    }
    // Results without a count: three polls that see it failing.
    let observations = Observations::default();
    let uncounted = app(
        1,
        &[task(
            "a",
            "TASK_RUNNING",
            CONFIG,
            Some(json!([{"alive": false}])),
        )],
        &["d4"],
        true,
    );
    assert!(observations.judge(&uncounted).is_running());
    assert!(observations.judge(&uncounted).is_running());
    assert!(matches!(
        observations.judge(&uncounted),
        Progress::Failed(_)
    ));
    // One healthy task among failing ones keeps the deployment going.
    let mixed = app(
        2,
        &[
            task("a", "TASK_RUNNING", CONFIG, Some(unhealthy(5))),
            task("b", "TASK_RUNNING", CONFIG, Some(healthy())),
        ],
        &["d4"],
        true,
    );
    assert!(Observations::default().judge(&mixed).is_running());
}
