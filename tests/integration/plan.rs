//! `gennaker plan`: waves, conditions and selection, in every output format.

use serde_json::json;

use crate::support::{Test, repo_root};

fn example(name: &str) -> String {
    std::fs::read_to_string(repo_root().join("pipelines").join(name)).expect("example pipeline")
}

#[test]
fn json_plan_groups_parallel_stages_into_waves() {
    let outcome = Test::new()
        .file("p.json", &example("parallel-branches.json"))
        .args(["plan", "p.json", "--output", "json"])
        .run()
        .code(0);
    let plan = outcome.json();
    let waves: Vec<Vec<&str>> = plan["waves"]
        .as_array()
        .unwrap()
        .iter()
        .map(|wave| {
            wave.as_array()
                .unwrap()
                .iter()
                .map(|stage| stage["refId"].as_str().unwrap())
                .collect()
        })
        .collect();
    assert_eq!(
        waves,
        vec![vec!["start"], vec!["east", "west", "notify"], vec!["join"]]
    );
    let west = &plan["waves"][1][1];
    assert_eq!(west["waitsFor"], json!(["Pick a version"]));
    assert_eq!(west["conditions"]["timeoutMs"], 600_000);
    assert_eq!(west["conditions"]["onFailure"], "haltPipeline");
    assert_eq!(
        west["conditions"]["executionWindow"]["days"],
        json!([2, 3, 4, 5, 6])
    );
    assert_eq!(plan["waves"][1][2]["conditions"]["onFailure"], "ignore");
    assert_eq!(plan["waves"][1][2]["action"], "check 1 precondition");
    assert_eq!(plan["spelEvaluator"], "v4");
}

#[test]
fn plain_plan_is_one_line_per_stage_with_its_conditions() {
    let outcome = Test::new()
        .file("p.json", &example("manual-judgment.json"))
        .args(["plan", "p.json", "--output", "plain"])
        .run()
        .code(0);
    assert_eq!(
        outcome.stdout,
        "pipeline `Go or no go` of application `hello`: 4 stages in 3 waves\n  \
         one execution at a time; only the newest queued execution runs; expressions v3\n\
         wave 1 stage \"Soak\" refId=1 type=wait waits-for=\"-\" does=\"wait 10s\"\n\
         wave 2 stage \"Go / No go\" refId=2 type=manualJudgment waits-for=\"Soak\" \
         does=\"ask a person to continue or stop (inputs: promote, rollback)\" [timeout 1h]\n\
         wave 3 stage \"Promote\" refId=3 type=wait waits-for=\"Go / No go\" does=\"wait 1s\" \
         [only if #judgment('Go / No go') == 'promote']\n\
         wave 3 stage \"Roll back\" refId=4 type=wait waits-for=\"Go / No go\" does=\"wait 1s\" \
         [only if #judgment('Go / No go') == 'rollback']\n"
    );
}

#[test]
fn table_plan_shows_the_failure_modes_people_choose_in_deck() {
    let pipeline = json!({"name": "modes", "stages": [
        {"refId": "1", "type": "wait", "name": "Branch", "failPipeline": false},
        {"refId": "2", "type": "wait", "name": "Then fail", "failPipeline": false, "completeOtherBranchesThenFail": true},
        {"refId": "3", "type": "wait", "name": "Ignored", "continuePipeline": true}
    ]});
    let outcome = Test::new()
        .file("p.json", &pipeline.to_string())
        .args(["plan", "p.json", "--output", "table"])
        .run()
        .code(0);
    for expected in [
        "on failure: halt this branch",
        "on failure: halt this branch, then fail the pipeline",
        "on failure: ignore the failure",
    ] {
        assert!(
            outcome.stdout.contains(expected),
            "missing {expected:?} in\n{}",
            outcome.stdout
        );
    }
    assert!(
        outcome.stdout.contains("│ Wave ┆ Stage"),
        "{}",
        outcome.stdout
    );
}

#[test]
fn a_stage_list_without_ref_ids_runs_in_file_order() {
    let outcome = Test::new()
        .file("stages.json", r#"[{"type": "wait", "waitTime": 1}, {"type": "wait", "name": "Second", "waitTime": 2}]"#)
        .args(["plan", "stages.json", "--output", "json"])
        .run()
        .code(0);
    let plan = outcome.json();
    assert_eq!(plan["waves"][0][0]["refId"], "0");
    assert_eq!(plan["waves"][1][0]["refId"], "1");
    assert_eq!(plan["waves"][1][0]["waitsFor"], json!(["wait"]));
    assert_eq!(plan["pipeline"][1]["requisiteStageRefIds"], json!(["0"]));
}

#[test]
fn unknown_fields_survive_loading_unchanged() {
    let pipeline = json!({
        "name": "keep", "appConfig": {"x": [1, 2.5, "y"]}, "lastModifiedBy": "anonymous",
        "stages": [{"refId": "1", "requisiteStageRefIds": [], "type": "wait", "waitTime": 1,
                    "customThing": {"nested": null}, "zzz": true}],
        "triggers": [{"type": "cron", "cronExpression": "0 0 * * * ?"}]
    });
    let outcome = Test::new()
        .file("p.json", &serde_json::to_string_pretty(&pipeline).unwrap())
        .args(["plan", "p.json", "--output", "json"])
        .run()
        .code(0);
    let saved = &outcome.json()["pipeline"];
    assert_eq!(
        serde_json::to_string(saved).unwrap(),
        serde_json::to_string(&pipeline).unwrap()
    );
}

#[test]
fn a_file_of_several_pipelines_needs_a_choice_and_names_them() {
    let test = Test::new().file(
        "all.json",
        r#"[{"name": "build", "id": "b-1", "stages": [{"refId": "1", "type": "wait"}]},
            {"name": "deploy", "id": "d-1", "stages": [{"refId": "1", "type": "wait", "waitTime": 3}]}]"#,
    );
    let outcome = test.args(["plan", "all.json"]).run().code(2);
    assert_eq!(
        outcome.stderr,
        "error: cannot plan `all.json`: the file holds 2 pipelines; choose one: `build`, `deploy`\n  \
         hint: pass `--pipeline NAME` or `--pipeline-id ID`\n"
    );
}

#[test]
fn a_pipeline_is_picked_by_name_or_by_id() {
    let file = r#"[{"name": "build", "id": "b-1", "stages": [{"refId": "1", "type": "wait"}]},
                   {"name": "deploy", "id": "d-1", "stages": [{"refId": "1", "type": "wait", "waitTime": 3}]}]"#;
    let by_name = Test::new()
        .file("all.json", file)
        .args([
            "plan",
            "all.json",
            "--pipeline",
            "deploy",
            "--output",
            "json",
        ])
        .run()
        .code(0);
    assert_eq!(by_name.json()["name"], "deploy");
    let by_id = Test::new()
        .file("all.json", file)
        .args([
            "plan",
            "all.json",
            "--pipeline-id",
            "b-1",
            "--output",
            "json",
        ])
        .run()
        .code(0);
    assert_eq!(by_id.json()["name"], "build");
    let wrong = Test::new()
        .file("all.json", file)
        .args(["plan", "all.json", "--pipeline-id", "x"])
        .run()
        .code(2);
    assert!(
        wrong
            .stderr
            .contains("no pipeline with id `x` in the file; it has `b-1`, `d-1`"),
        "{}",
        wrong.stderr
    );
}

#[test]
fn an_invalid_pipeline_is_not_planned() {
    let outcome = Test::new()
        .file(
            "p.json",
            r#"{"stages": [{"refId": "1", "type": "wait", "requisiteStageRefIds": ["1"]}]}"#,
        )
        .args(["plan", "p.json"])
        .run()
        .code(2);
    assert_eq!(outcome.stdout, "");
    assert!(
        outcome
            .stderr
            .contains("dependency cycle: `wait` (refId 1) waits for `wait` (refId 1)"),
        "{}",
        outcome.stderr
    );
    assert!(
        outcome
            .stderr
            .contains("error: `p.json` has 1 problem(s); fix them before you plan it"),
        "{}",
        outcome.stderr
    );
}
