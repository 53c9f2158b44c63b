//! Engine overhead end to end: a 500-stage pipeline of zero-length `wait` stages (10 chains of
//! 45 stages and 48 single stages fanning out from one root — 58 branches at once — and a join)
//! run to SUCCEEDED, and the peak memory of doing so.

use serde_json::{Value, json};

fn main() {
    let text = generated_pipeline();
    assert_eq!(gennaker::run_pipeline_text(&text), "SUCCEEDED");
    divan::main();
    // Peak resident memory of the whole benchmark process (Linux), for the README.
    if let Ok(status) = std::fs::read_to_string("/proc/self/status")
        && let Some(line) = status.lines().find(|line| line.starts_with("VmHWM:"))
    {
        println!("peak memory ({line})");
    }
}

fn generated_pipeline() -> String {
    let mut stages = vec![json!({"refId": "root", "type": "wait", "name": "Start", "waitTime": 0})];
    for chain in 0..10 {
        for link in 0..45 {
            let requisite = if link == 0 {
                "root".to_owned()
            } else {
                format!("c{chain}-{}", link - 1)
            };
            stages.push(json!({
                "refId": format!("c{chain}-{link}"), "requisiteStageRefIds": [requisite],
                "type": "wait", "name": format!("Chain {chain} step {link}"), "waitTime": 0
            }));
        }
    }
    for fan in 0..48 {
        stages.push(json!({
            "refId": format!("f{fan}"), "requisiteStageRefIds": ["root"], "type": "wait",
            "name": format!("Fan {fan}"), "waitTime": 0
        }));
    }
    let mut joins: Vec<String> = (0..10).map(|chain| format!("c{chain}-44")).collect();
    joins.extend((0..48).map(|fan| format!("f{fan}")));
    stages.push(json!({"refId": "join", "requisiteStageRefIds": joins, "type": "wait", "name": "Join", "waitTime": 0}));
    assert_eq!(stages.len(), 500);
    serde_json::to_string(&json!({"name": "bench", "stages": Value::Array(stages)}))
        .expect("serialisable")
}

#[divan::bench(sample_count = 10)]
fn run_500_zero_length_stages(bencher: divan::Bencher) {
    let text = generated_pipeline();
    bencher.bench(|| gennaker::run_pipeline_text(divan::black_box(&text)));
}
