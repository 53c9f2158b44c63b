//! Metronome v1 and the Mesos state and files APIs of the DC/OS simulator: jobs, runs and their
//! states, history, and reading the files a run's command wrote from its sandbox.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::sim_dcos_support::Sim;

const JOBS: &str = "/service/metronome/v1/jobs";

fn job(id: &str, cmd: &str) -> Value {
    json!({
        "id": id,
        "description": "smoke test",
        "run": {
            "cpus": 0.1,
            "mem": 64,
            "disk": 0,
            "cmd": cmd,
            "env": { "VERSION": "1.2.3" },
            "docker": { "image": "tools/smoke:1" },
        },
    })
}

async fn start_run(sim: &Sim, job_id: &str) -> String {
    let started = sim.post(&format!("{JOBS}/{job_id}/runs"), json!({})).await;
    assert_eq!(started.status, StatusCode::CREATED, "{}", started.body);
    started.body["id"].as_str().unwrap().to_owned()
}

/// Waits until the run shows in the job's history; returns `"successful"` or `"failed"`.
async fn finished(sim: &Sim, job_id: &str, run_id: &str) -> &'static str {
    sim.eventually("the run to finish", || async {
        let job = sim
            .get(&format!("{JOBS}/{job_id}?embed=history"))
            .await
            .body;
        let listed = |list: &str| {
            job["history"][list]
                .as_array()
                .is_some_and(|runs| runs.iter().any(|run| run["id"] == run_id))
        };
        if listed("successfulFinishedRuns") {
            Some("successful")
        } else if listed("failedFinishedRuns") {
            Some("failed")
        } else {
            None
        }
    })
    .await
}

/// Follows clouddriver's path from a run to a file in its sandbox: master state, then agent
/// state, then the files API.
async fn sandbox_file(sim: &Sim, job_id: &str, run_id: &str, file: &str) -> (StatusCode, String) {
    let master = sim.get("/mesos/state.json").await.body;
    let framework = master["frameworks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|framework| framework["name"] == "metronome")
        .expect("the metronome framework");
    let task = framework["completed_tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|task| task["name"] == format!("{run_id}.{job_id}"))
        .expect("the run's task, named <runId>.<jobId>");
    let agent = task["slave_id"].as_str().unwrap();
    let agent_state = sim
        .get(&format!("/agent/{agent}/slave(1)/state.json"))
        .await
        .body;
    let executor = agent_state["completed_frameworks"][0]["completed_executors"]
        .as_array()
        .unwrap()
        .iter()
        .find(|executor| executor["id"] == task["id"])
        .expect("the run's executor");
    let directory = executor["directory"].as_str().unwrap();
    assert!(directory.ends_with(executor["container"].as_str().unwrap()));
    let response = sim
        .http
        .get(sim.url(&format!("/agent/{agent}/files/download")))
        .query(&[("path", format!("{directory}/{file}"))])
        .send()
        .await
        .unwrap();
    (response.status(), response.text().await.unwrap())
}

#[tokio::test]
async fn jobs_are_created_read_updated_and_deleted() {
    let sim = Sim::instant().await;
    let created = sim.post(JOBS, job("smoke.test", "true")).await;
    assert_eq!(created.status, StatusCode::CREATED);
    assert_eq!(created.body["run"]["restart"], json!({ "policy": "NEVER" }));
    let duplicate = sim.post(JOBS, job("smoke.test", "true")).await;
    assert_eq!(duplicate.status, StatusCode::CONFLICT);
    assert_eq!(
        duplicate.body,
        json!({ "message": "Job with this id already exists" })
    );

    assert_eq!(
        sim.get(&format!("{JOBS}/smoke.test")).await.body["description"],
        "smoke test"
    );
    let missing = sim.get(&format!("{JOBS}/nope")).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert_eq!(
        missing.body,
        json!({ "id": "nope", "message": "Job not found" })
    );

    let mut changed = job("ignored", "exit 0");
    changed["description"] = json!("changed");
    let updated = sim
        .put(&format!("{JOBS}/smoke.test"), changed.clone())
        .await;
    assert_eq!(updated.status, StatusCode::OK);
    assert_eq!(updated.body["id"], "smoke.test");
    assert_eq!(sim.get(JOBS).await.body[0]["description"], "changed");
    assert_eq!(
        sim.put(&format!("{JOBS}/nope"), changed).await.status,
        StatusCode::NOT_FOUND
    );

    let mut small = job("small", "true");
    small["run"]["mem"] = json!(16);
    let invalid = sim.post(JOBS, small).await;
    assert_eq!(invalid.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(invalid.body["message"], "Object is not valid");
    assert_eq!(invalid.body["details"][0]["path"], "/run/mem");
    let bad_id = sim.post(JOBS, job("Bad_Id", "true")).await;
    assert_eq!(bad_id.body["details"][0]["path"], "/id");

    assert_eq!(
        sim.delete(&format!("{JOBS}/smoke.test")).await.status,
        StatusCode::OK
    );
    assert_eq!(
        sim.get(&format!("{JOBS}/smoke.test")).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_run_walks_initial_starting_active_success_and_moves_to_history() {
    let sim = Sim::manual().await;
    sim.post(JOBS, job("nightly", "echo done")).await;
    let started = sim.post(&format!("{JOBS}/nightly/runs"), json!({})).await;
    assert_eq!(started.body["status"], "INITIAL");
    assert_eq!(started.body["tasks"], json!([]));
    assert!(
        started.body["createdAt"]
            .as_str()
            .unwrap()
            .ends_with("+0000")
    );
    let run_id = started.body["id"].as_str().unwrap().to_owned();
    assert_eq!(run_id.len(), 19);
    assert!(run_id[..14].bytes().all(|b| b.is_ascii_digit()));

    let run_path = format!("{JOBS}/nightly/runs/{run_id}");
    sim.advance(250);
    let starting = sim.get(&run_path).await.body;
    assert_eq!(starting["status"], "STARTING");
    assert_eq!(starting["tasks"][0]["status"], "TASK_STAGING");
    sim.advance(250);
    let active = sim.get(&run_path).await.body;
    assert_eq!(active["status"], "ACTIVE");
    assert_eq!(active["tasks"][0]["status"], "TASK_RUNNING");
    assert_eq!(
        sim.get(&format!("{JOBS}/nightly/runs")).await.body[0]["id"],
        run_id
    );
    let embedded = sim
        .get(&format!("{JOBS}/nightly?embed=activeRuns,history"))
        .await
        .body;
    assert_eq!(embedded["activeRuns"][0]["id"], run_id);
    assert_eq!(embedded["history"]["successCount"], 0);

    sim.advance(1000);
    let gone = sim.get(&run_path).await;
    assert_eq!(
        gone.status,
        StatusCode::NOT_FOUND,
        "finished runs leave the runs endpoints"
    );
    assert_eq!(gone.body["message"], "Job Run not found");
    let job = sim
        .get(&format!(
            "{JOBS}/nightly?embed=activeRuns&embed=history&embed=historySummary"
        ))
        .await
        .body;
    assert_eq!(job["activeRuns"], json!([]));
    assert_eq!(job["history"]["successCount"], 1);
    assert_eq!(job["history"]["successfulFinishedRuns"][0]["id"], run_id);
    assert!(job["history"]["successfulFinishedRuns"][0]["finishedAt"].is_string());
    assert_eq!(job["historySummary"]["failureCount"], 0);
}

#[tokio::test]
async fn the_command_writes_property_and_json_files_into_the_sandbox() {
    let sim = Sim::instant().await;
    let cmd = "echo \"version=$VERSION\" > $MESOS_SANDBOX/build.properties && \
               printf '{\"image\": \"%s\"}' web:$VERSION > result.json && echo finished";
    sim.post(JOBS, job("build.info", cmd)).await;
    let run_id = start_run(&sim, "build.info").await;
    assert_eq!(finished(&sim, "build.info", &run_id).await, "successful");
    assert_eq!(
        sandbox_file(&sim, "build.info", &run_id, "build.properties").await,
        (StatusCode::OK, "version=1.2.3\n".to_owned())
    );
    assert_eq!(
        sandbox_file(&sim, "build.info", &run_id, "result.json")
            .await
            .1,
        "{\"image\": \"web:1.2.3\"}"
    );
    assert_eq!(
        sandbox_file(&sim, "build.info", &run_id, "stdout").await.1,
        "finished\n"
    );
    assert_eq!(
        sandbox_file(&sim, "build.info", &run_id, "missing.txt")
            .await
            .0,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_failing_command_fails_the_run_with_its_stderr() {
    let sim = Sim::instant().await;
    sim.post(
        JOBS,
        job(
            "smoke",
            "echo checking; echo 'health endpoint down' >&2; exit 2",
        ),
    )
    .await;
    let run_id = start_run(&sim, "smoke").await;
    assert_eq!(finished(&sim, "smoke", &run_id).await, "failed");
    assert_eq!(
        sandbox_file(&sim, "smoke", &run_id, "stderr").await.1,
        "health endpoint down\n"
    );
    let master = sim.get("/mesos/master/state.json").await.body;
    let task = &master["frameworks"][1]["completed_tasks"][0];
    assert_eq!(task["state"], "TASK_FAILED");
    assert!(
        task["id"]
            .as_str()
            .unwrap()
            .starts_with(&format!("smoke_{run_id}."))
    );
}

#[tokio::test]
async fn files_can_be_read_in_pages_browsed_and_found_through_runs_latest() {
    let sim = Sim::instant().await;
    sim.post(JOBS, job("report", "echo 0123456789 > out.txt"))
        .await;
    let run_id = start_run(&sim, "report").await;
    finished(&sim, "report", &run_id).await;
    let master = sim.get("/mesos/state.json").await.body;
    let task = master["frameworks"][1]["completed_tasks"][0].clone();
    let agent = task["slave_id"].as_str().unwrap();
    let container = task["statuses"][0]["container_status"]["container_id"]["value"]
        .as_str()
        .unwrap();
    let executor_dir = format!(
        "/var/lib/mesos/slave/slaves/{agent}/frameworks/{}/executors/{}/runs",
        task["framework_id"].as_str().unwrap(),
        task["id"].as_str().unwrap()
    );
    let read = |query: Vec<(&'static str, String)>| {
        let request = sim
            .http
            .get(sim.url(&format!("/agent/{agent}/files/read")))
            .query(&query);
        async move { request.send().await.unwrap().json::<Value>().await.unwrap() }
    };
    let path = format!("{executor_dir}/{container}/out.txt");
    let page = read(vec![
        ("path", path.clone()),
        ("offset", "2".into()),
        ("length", "3".into()),
    ])
    .await;
    assert_eq!(page, json!({ "data": "234", "offset": 2 }));
    let size = read(vec![("path", path), ("offset", "-1".into())]).await;
    assert_eq!(size, json!({ "data": "", "offset": 11 }));
    let latest = read(vec![("path", format!("{executor_dir}/latest/out.txt"))]).await;
    assert_eq!(latest["data"], "0123456789\n");

    let listing = sim
        .http
        .get(sim.url(&format!("/agent/{agent}/files/browse")))
        .query(&[("path", format!("{executor_dir}/{container}"))])
        .send()
        .await
        .unwrap()
        .json::<Value>()
        .await
        .unwrap();
    let names: Vec<&str> = listing
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["path"].as_str().unwrap().rsplit('/').next().unwrap())
        .collect();
    assert_eq!(names, ["out.txt", "stderr", "stdout"]);
    let legacy = sim
        .get(&format!("/slave/{agent}/slave(1)/state.json"))
        .await;
    assert_eq!(
        legacy.body["id"], agent,
        "older admin routers route agents under /slave"
    );
    let no_path = sim.get(&format!("/agent/{agent}/files/download")).await;
    assert_eq!(no_path.status, StatusCode::BAD_REQUEST);
    assert_eq!(
        sim.get("/agent/not-an-agent/files/read?path=/x")
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn runs_can_be_stopped_and_jobs_with_active_runs_are_kept_unless_asked() {
    let sim = Sim::manual().await;
    sim.post(JOBS, job("long", "sleep 600")).await;
    let run_id = start_run(&sim, "long").await;
    sim.advance(500);
    let refused = sim.delete(&format!("{JOBS}/long")).await;
    assert_eq!(refused.status, StatusCode::CONFLICT);
    assert_eq!(
        refused.body["message"],
        "There are active job runs. Override with stopCurrentJobRuns=true"
    );

    let stopped = sim
        .post(
            &format!("{JOBS}/long/runs/{run_id}/actions/stop"),
            json!({}),
        )
        .await;
    assert_eq!(stopped.status, StatusCode::OK);
    let job = sim.get(&format!("{JOBS}/long?embed=history")).await.body;
    assert_eq!(job["history"]["failedFinishedRuns"][0]["id"], run_id);
    let master = sim.get("/mesos/state.json").await.body;
    assert_eq!(
        master["frameworks"][1]["completed_tasks"][0]["state"],
        "TASK_KILLED"
    );

    let again = start_run(&sim, "long").await;
    let deleted = sim
        .delete(&format!("{JOBS}/long?stopCurrentJobRuns=true"))
        .await;
    assert_eq!(deleted.status, StatusCode::OK);
    let unknown = sim
        .post(&format!("{JOBS}/long/runs/{again}/actions/stop"), json!({}))
        .await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}
