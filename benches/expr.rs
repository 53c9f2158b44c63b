//! Expression benchmarks (issue 3 item 9): one-level property access, a typical stage
//! context (20 strings, 10 expressions), and the first 200 lines of the recorded throughput
//! corpus through the `--jsonl` code path.

use std::hint::black_box;

use gennaker::{ExprBench, expr_jsonl};
use serde_json::{Value, json};

fn main() {
    divan::main();
}

fn context() -> Value {
    json!({
        "name": "myapp",
        "trigger": {"user": "alice", "parameters": {"env": "prod", "replicas": "3", "regions": "us-east-1,us-west-2"}},
        "parameters": {"env": "prod", "replicas": "3", "regions": "us-east-1,us-west-2"},
        "services": [{"name": "web", "port": 80}, {"name": "api", "port": 8080}, {"name": "worker", "port": 0}],
        "labels": {"team": "core", "tier": "backend"},
    })
}

/// A stage context as a pipeline carries it: 20 strings, 10 of them with expressions.
fn stage_context() -> Value {
    json!({
        "account": "prod",
        "cloudProvider": "dcos",
        "application": "myapp",
        "stack": "${parameters.env}",
        "freeFormDetails": "canary",
        "region": "us-east-1",
        "image": "registry.example.com/myapp:${trigger.parameters.replicas}",
        "instances": "${#toInt(parameters.replicas)}",
        "strategy": "redblack",
        "cluster": "${name}-${parameters.env}",
        "env": {
            "ENV": "${parameters.env}",
            "OWNER": "${trigger.user}",
            "REGIONS": "${parameters.regions.split(',')[0]}",
            "LOG_LEVEL": "info",
            "FEATURE_X": "on"
        },
        "ports": "${services.![port]}",
        "enabled": "${parameters.env == 'prod' ? 'yes' : 'no'}",
        "team": "${labels.team}",
        "notes": "deploy",
        "owner": "platform"
    })
}

#[divan::bench]
fn property_access(bencher: divan::Bencher<'_, '_>) {
    let harness = ExprBench::new(&context());
    let template = json!("${name}");
    bencher.bench_local(|| harness.evaluate(black_box(&template)));
}

#[divan::bench]
fn nested_property_access(bencher: divan::Bencher<'_, '_>) {
    let harness = ExprBench::new(&context());
    let template = json!("${trigger.parameters.env}");
    bencher.bench_local(|| harness.evaluate(black_box(&template)));
}

#[divan::bench]
fn typical_stage_context(bencher: divan::Bencher<'_, '_>) {
    let harness = ExprBench::new(&context());
    let template = stage_context();
    bencher.bench_local(|| harness.evaluate(black_box(&template)));
}

#[divan::bench(sample_count = 20)]
fn corpus_200_lines(bencher: divan::Bencher<'_, '_>) {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/benches/data/expr_corpus.jsonl"
    );
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let lines: Vec<&str> = text.lines().take(200).collect();
    let input = lines.join("\n");
    bencher.bench_local(|| expr_jsonl(black_box(&input)));
}
