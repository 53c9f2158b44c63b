//! The client's parsing code on response bodies from the Marathon, Metronome and Mesos docs
//! (`testdata/README.md` says where each comes from).

use futures_util::StreamExt;
use serde_json::{Value, json};

use super::stub::{fixture, fixture_text};
use crate::providers::dcos::events::MarathonEvent;
use crate::providers::dcos::job_definition::job_definition;
use crate::providers::dcos::jobs::run_state;
use crate::providers::dcos::progress::Observations;
use crate::providers::dcos::sandbox::{MesosTask, find_task, sandbox_directory};
use crate::providers::dcos::server_group::{TaskHealth, server_group, task_health};
use crate::providers::model::{Instances, JobHandle, Progress};

#[test]
fn a_documented_app_reads_as_a_server_group() {
    let app = fixture("marathon_app.json")["app"].take();
    let group = server_group(&app, "acct", "east".to_owned(), "toggle").unwrap();
    assert_eq!(group.capacity.desired, 2);
    assert!(group.enabled);
    assert_eq!(
        group.instances,
        Instances {
            up: 2,
            total: 2,
            starting: 0,
            down: 0
        }
    );
    // A deployment holds it.
    assert!(group.busy);
    // versionInfo.lastConfigChangeAt, 2014-09-11T02:26:01.135Z.
    assert_eq!(group.created_time, Some(1_410_402_361_135));
    assert_eq!(group.image, None);
    assert_eq!(group.moniker.app, "toggle");
}

#[test]
fn a_documented_app_is_still_deploying() {
    let app = fixture("marathon_app.json")["app"].take();
    assert_eq!(
        Observations::default().judge(&app),
        Progress::Running(
            "2/2 instances healthy; deployment 44c4ed48-ee53-4e0f-82dc-4df8b2a69057 in progress"
                .to_owned()
        )
    );
}

#[test]
fn the_documented_app_list_counts_instances_without_tasks() {
    let list = fixture("marathon_app_list.json");
    let app = &list["apps"][0];
    let group = server_group(app, "acct", "east".to_owned(), "myapp").unwrap();
    assert_eq!(group.capacity.desired, 3);
    assert_eq!(group.instances.up, 0);
    assert!(group.busy);
    assert_eq!(group.created_time, Some(1_443_194_028_343));
}

#[test]
fn a_documented_staging_task_is_starting() {
    let tasks = fixture("marathon_app_tasks.json");
    assert_eq!(task_health(&tasks["tasks"][0], false), TaskHealth::Starting);
    let mut running = tasks["tasks"][0].clone();
    running["state"] = json!("TASK_RUNNING");
    assert_eq!(task_health(&running, true), TaskHealth::Starting);
    running["healthCheckResults"] = json!([{"alive": false, "consecutiveFailures": 1}]);
    assert_eq!(task_health(&running, true), TaskHealth::Down);
    running["healthCheckResults"] = json!([{"alive": true}]);
    assert_eq!(task_health(&running, true), TaskHealth::Up);
}

#[tokio::test]
async fn the_documented_event_stream_parses_and_names_its_apps() {
    let text = fixture_text("marathon_events.txt");
    let chunks = futures_util::stream::iter(
        text.into_bytes()
            .chunks(37)
            .map(|chunk| Ok::<_, std::io::Error>(chunk.to_vec()))
            .collect::<Vec<_>>(),
    );
    let events: Vec<MarathonEvent> = eventsource_stream::Eventsource::eventsource(chunks)
        .map(|event| {
            let event = event.unwrap();
            MarathonEvent {
                kind: event.event,
                data: event.data,
            }
        })
        .collect()
        .await;
    let kinds: Vec<&str> = events.iter().map(|event| event.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "event_stream_attached",
            "status_update_event",
            "status_update_event"
        ]
    );
    assert!(events[1].concerns("/foo"));
    assert!(!events[1].concerns("/fo"));
    assert!(!events[0].concerns("/foo"));
    assert!(events[2].concerns("/test-app"));
    let old_style = MarathonEvent {
        kind: "deployment_success".to_owned(),
        data: r#"{"id":"97c136bf","eventType":"deployment_success"}"#.to_owned(),
    };
    assert!(old_style.concerns("/anything"));
}

#[test]
fn a_run_job_description_makes_the_documented_job() {
    let description = json!({
        "general": {"id": "prod.example.app", "description": "Example Application",
                    "cpus": 1.5, "mem": 32, "disk": 128, "cmd": "nuke --dry --master local"},
        "docker": {"image": {"repository": "foo/bla", "tag": "test"}},
        "labels": {"location": "olympus", "owner": "zeus"},
        "env": {"MON": "test", "CONNECT": "direct"},
        "user": "root",
        "maxLaunchDelay": 3600,
        "constraints": [{"attribute": "rack", "operator": "eq", "value": "rack-2"}],
        "restartPolicy": {"policy": "NEVER", "activeDeadlineSeconds": 120},
        "artifacts": [{"uri": "http://foo.test.com/application.zip", "extract": true,
                       "executable": true, "cache": false}],
        "volumes": [{"containerPath": "/mnt/test", "hostPath": "/etc/guest", "mode": "RW"}],
    });
    let made = job_definition(description.as_object().unwrap()).unwrap();
    let mut documented = fixture("metronome_job.json");
    // The documented job shows both forms of the command; the stage gives only `cmd`.
    documented["run"].as_object_mut().unwrap().remove("args");
    assert_eq!(made, documented);
}

#[test]
fn runs_are_found_among_active_runs_and_in_the_history() {
    let job = fixture("metronome_job_embedded.json");
    let handle = |run: &str| JobHandle {
        region: "east".to_owned(),
        job: "foo.bar".to_owned(),
        run: run.to_owned(),
    };
    let active = run_state(&job, &handle("20161212192200ouvXM"));
    assert_eq!(
        active.progress,
        Progress::Running("job run is INITIAL".to_owned())
    );
    assert_eq!(active.details["createdAt"], "2016-12-12T19:22:00.009+0000");
    let succeeded = run_state(&job, &handle("201612121759592WzzE"));
    assert_eq!(succeeded.progress, Progress::Succeeded);
    assert_eq!(
        succeeded.details["finishedAt"],
        "2016-12-12T18:00:00.271+0000"
    );
    let failed = run_state(&job, &handle("20161212173559asQpr"));
    assert!(matches!(failed.progress, Progress::Failed(_)));
    assert_eq!(failed.details["status"], "FAILED");
    let unknown = run_state(&job, &handle("20990101000000xxxxx"));
    assert!(unknown.progress.is_running());
    assert_eq!(unknown.details["status"], "UNKNOWN");
}

#[test]
fn a_finished_run_is_found_in_the_mesos_states() {
    let master = fixture("mesos_master_state.json");
    let task = find_task(&master, "prod.example.app", "20160715130259A34HX").unwrap();
    let task_id = "prod_example_app_20160715130259A34HX.6a2b4c1e-4a8f-11e6-8b3c-0242ac110002";
    assert_eq!(
        task,
        MesosTask {
            id: task_id.to_owned(),
            agent: "e2c38084-f6ea-496f-bce3-b6e07cea5e01-S0".to_owned(),
            framework: "b5eac2c5-609b-4ca1-a352-61941702fc9e-0001".to_owned(),
            executor: task_id.to_owned(),
        }
    );
    assert!(find_task(&master, "prod.example.app", "20160715130259XXXXX").is_none());
    // Marathon's tasks are not Metronome runs, whatever their names.
    assert!(find_task(&master, "", "toggle").is_none());
    let mut agent = fixture("mesos_agent_state.json");
    assert_eq!(
        sandbox_directory(&agent, &task),
        format!(
            "/tmp/mesos/slaves/e2c38084-f6ea-496f-bce3-b6e07cea5e01-S0/frameworks/\
             b5eac2c5-609b-4ca1-a352-61941702fc9e-0001/executors/{task_id}/runs/\
             3c8b5d1e-2f4a-4b6c-9d8e-7f1a2b3c4d5e"
        )
    );
    // An agent that no longer lists the executor: the work dir and the `latest` link.
    agent["completed_frameworks"] = Value::Array(Vec::new());
    assert_eq!(
        sandbox_directory(&agent, &task),
        format!(
            "/tmp/mesos/slaves/e2c38084-f6ea-496f-bce3-b6e07cea5e01-S0/frameworks/\
             b5eac2c5-609b-4ca1-a352-61941702fc9e-0001/executors/{task_id}/runs/latest"
        )
    );
}
