//! Loading and validating a large pipeline: 1,000 stages in chains and fan-outs.

use serde_json::{Value, json};

fn main() {
    divan::main();
}

/// 1,000 stages: 20 chains of 40 stages fanning out from one root and joining at the end, plus
/// 198 wide fan-out stages hanging off the first chain, each with a realistic context.
fn generated_pipeline() -> String {
    let mut stages = vec![json!({"refId": "root", "type": "wait", "name": "Start", "waitTime": 1})];
    for chain in 0..20 {
        for link in 0..40 {
            let requisite = if link == 0 {
                "root".to_owned()
            } else {
                format!("c{chain}-{}", link - 1)
            };
            stages.push(json!({
                "refId": format!("c{chain}-{link}"),
                "requisiteStageRefIds": [requisite],
                "type": if link % 3 == 0 { "webhook" } else { "wait" },
                "name": format!("Chain {chain} step {link}"),
                "url": "https://example.com/hooks/${parameters.env}",
                "method": "POST",
                "payload": {"chain": chain, "link": link, "note": "deploy ${trigger.tag}"},
                "waitTime": "${parameters.pause}",
                "failPipeline": link % 7 != 0,
                "stageTimeoutMs": 600_000,
                "stageEnabled": {"type": "expression", "expression": "parameters.enabled == 'true'"}
            }));
        }
    }
    for fan in 0..198 {
        stages.push(json!({
            "refId": format!("f{fan}"), "requisiteStageRefIds": ["c0-5"], "type": "wait",
            "name": format!("Fan {fan}"), "waitTime": fan
        }));
    }
    let joins: Vec<String> = (0..20).map(|chain| format!("c{chain}-39")).collect();
    stages.push(json!({"refId": "join", "requisiteStageRefIds": joins, "type": "manualJudgment", "name": "Done?"}));
    assert_eq!(stages.len(), 1000);
    serde_json::to_string_pretty(
        &json!({"name": "big", "application": "bench", "stages": Value::Array(stages)}),
    )
    .expect("serialisable")
}

#[divan::bench]
fn load_and_validate_1000_stages(bencher: divan::Bencher) {
    let text = generated_pipeline();
    assert_eq!(gennaker::internals::validate_pipeline_text(&text), 0);
    bencher.bench(|| gennaker::internals::validate_pipeline_text(divan::black_box(&text)));
}
