//! `runJob` on Metronome and the stuck-deployment pattern, through the binary against
//! simulated DC/OS clusters.

use serde_json::{Value, json};

use crate::dcos_world::{DcosWorld, dcos_cluster, pipeline, summary};
use gennaker::testing::{Faults, ImageFault, WorkloadFault};

fn job(name: &str, cmd: &str, property_file: Option<&str>) -> Value {
    let mut stage = json!({
        "type": "runJob",
        "name": name,
        "cloudProvider": "dcos",
        "account": "prod-dcos",
        "credentials": "prod-dcos",
        "region": "us-east-1",
        "dcosCluster": "us-east-1",
        "general": {"id": "hello-smoke", "cpus": 0.1, "mem": 64, "disk": 0, "cmd": cmd},
        "docker": {"image": {"registry": "docker.io", "repository": "busybox", "tag": "1.36"}}
    });
    if let Some(file) = property_file {
        stage["propertyFile"] = json!(file);
    }
    stage
}

fn stage<'a>(execution: &'a Value, name: &str) -> &'a Value {
    execution["stages"]
        .as_array()
        .unwrap()
        .iter()
        .find(|stage| stage["name"] == name)
        .unwrap_or_else(|| panic!("no stage {name}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_job_property_file_feeds_later_expressions() {
    let world = DcosWorld::start("prod-dcos", &["us-east-1"]).await;
    let stages = vec![
        job(
            "Smoke test",
            "echo testing && printf 'RESULT=passed\\nBUILD=42\\n' > out.properties",
            Some("out.properties"),
        ),
        json!({"type": "evaluateVariables", "name": "Use it", "variables": [
            {"key": "summary", "value": "${#stage('Smoke test')['outputs']['RESULT']}-${BUILD}"}
        ]}),
    ];
    world.write("job.json", &pipeline("Job", stages));
    let outcome = world
        .gennaker(&["run", "job.json", "--output", "json"])
        .await
        .code(0);
    let execution = outcome.json();
    assert_eq!(
        stage(&execution, "Smoke test")["outputs"]["RESULT"],
        "passed"
    );
    assert_eq!(
        stage(&execution, "Use it")["outputs"]["summary"],
        "passed-42"
    );
    let job = reqwest::get(format!(
        "{}/service/metronome/v1/jobs/hello-smoke",
        world.cluster("us-east-1").base_url()
    ))
    .await
    .unwrap()
    .json::<Value>()
    .await
    .unwrap();
    let cmd = job["run"]["cmd"].as_str().unwrap();
    assert!(cmd.starts_with("echo testing"), "{cmd}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_job_fails_the_stage_with_the_tail_of_its_stderr() {
    let world = DcosWorld::start("prod-dcos", &["us-east-1"]).await;
    let stages = vec![job(
        "Smoke test",
        "echo 'connection refused by helloservice' >&2 && exit 3",
        None,
    )];
    world.write("job.json", &pipeline("Job", stages));
    let outcome = world
        .gennaker(&["run", "job.json", "--output", "json"])
        .await
        .code(1);
    let execution = outcome.json();
    let failed = stage(&execution, "Smoke test");
    assert_eq!(failed["status"], "TERMINAL");
    let text = failed["context"]["exception"].to_string();
    assert!(
        text.contains("connection refused by helloservice"),
        "{text}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_stuck_deployment_is_force_stopped_by_a_later_conditional_stage() {
    let world = DcosWorld::start("prod-dcos", &["us-east-1"]).await;
    let good = dcos_cluster(
        "prod-dcos",
        "us-east-1",
        "1.0",
        json!({"strategy": "redblack"}),
    );
    world.write(
        "good.json",
        &pipeline(
            "Deploy",
            vec![json!({"type": "deploy", "name": "Deploy", "clusters": [good]})],
        ),
    );
    world.gennaker(&["run", "good.json"]).await.code(0);
    world.set_faults(
        "us-east-1",
        Faults {
            images: vec![ImageFault {
                image: "hello:2.0".to_owned(),
                fault: WorkloadFault::NeverHealthy,
            }],
            ..Faults::default()
        },
    );
    let stuck = dcos_cluster(
        "prod-dcos",
        "us-east-1",
        "2.0",
        json!({"strategy": "redblack"}),
    );
    let stages = vec![
        json!({"type": "deploy", "name": "Deploy", "clusters": [stuck],
               "stageTimeoutMs": 3000, "failPipeline": false, "continuePipeline": true}),
        json!({"type": "stopDeployment", "name": "Stop stuck deployment",
               "cloudProvider": "dcos", "credentials": "prod-dcos", "regions": ["us-east-1"],
               "cluster": "hello-prod",
               "stageEnabled": {"type": "expression",
                   "expression": "#stage('Deploy')['status'].toString() == 'FAILED_CONTINUE'"}}),
    ];
    world.write("stuck.json", &pipeline("Stuck", stages));
    let outcome = world
        .gennaker(&["run", "stuck.json", "--output", "json"])
        .await;
    let execution = outcome.json();
    assert_eq!(
        stage(&execution, "Deploy")["status"],
        "FAILED_CONTINUE",
        "{execution:#}"
    );
    assert_eq!(
        stage(&execution, "Stop stuck deployment")["status"],
        "SUCCEEDED"
    );
    let deployments = world.marathon("us-east-1", "/v2/deployments").await;
    assert_eq!(deployments, json!([]), "no deployment is left running");
    let groups = world.clusters("hello").await;
    let old = groups
        .iter()
        .find(|group| group["serverGroup"] == "hello-prod-v000")
        .unwrap();
    assert_eq!(old["enabled"], true);
    assert_eq!(
        old["instances"]["up"],
        2,
        "the old version kept serving: {:?}",
        summary(&groups)
    );
}
