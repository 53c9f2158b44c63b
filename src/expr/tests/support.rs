//! Helpers shared by the unit tests: evaluate a template against a JSON context.

use serde_json::{Value as Json, json};

use crate::expr::{Evaluator, Failure, Options, Root, root_for};

/// Evaluates `template` against the root properties in `context`.
pub(crate) fn eval_with(template: &str, context: &Json) -> (Json, Vec<Failure>) {
    let options = Options {
        now_millis: Some(1_700_000_000_000),
        random_seed: Some(7),
        ..Options::default()
    };
    let evaluator = Evaluator::new(options);
    let (root, _) =
        root_for(context.as_object().cloned().unwrap_or_default(), None).expect("no stage");
    let evaluated = evaluator.evaluate(&Json::String(template.to_owned()), &root);
    (evaluated.value, evaluated.summary.failures().to_vec())
}

/// Evaluates `template` with an empty context and expects success.
pub(crate) fn ok(template: &str) -> Json {
    ok_with(template, &json!({}))
}

/// Evaluates `template` against `context` and expects success.
pub(crate) fn ok_with(template: &str, context: &Json) -> Json {
    let (value, failures) = eval_with(template, context);
    assert!(failures.is_empty(), "{template} failed: {failures:?}");
    value
}

/// Evaluates `template` against `context`, expects a failure, and returns its message.
pub(crate) fn fails_with(template: &str, context: &Json) -> String {
    let (value, failures) = eval_with(template, context);
    assert_eq!(value, json!(template), "a failed string is kept as written");
    assert_eq!(failures.len(), 1, "{template}: {failures:?}");
    failures[0].message.clone()
}

/// The Java class of `template`'s result.
pub(crate) fn java_type(template: &str, context: &Json) -> String {
    let evaluator = Evaluator::new(Options::default());
    let root = Root::new(context.as_object().cloned().unwrap_or_default());
    evaluator
        .evaluate_typed(&Json::String(template.to_owned()), &root)
        .1
        .unwrap_or_default()
}

/// An execution with the stage shapes the helpers read.
pub(crate) fn execution_context() -> Json {
    json!({
        "trigger": {"parameters": {"env": "prod"}},
        "execution": {
            "id": "E1",
            "application": "myapp",
            "trigger": {
                "parameters": {"env": "prod"},
                "resolvedExpectedArtifacts": [
                    {"boundArtifact": {"type": "docker/image", "name": "gcr.io/app", "reference": "gcr.io/app:1.2"}}
                ]
            },
            "stages": [
                {"id": "s1", "refId": "1", "type": "bake", "name": "Bake", "status": "SUCCEEDED",
                 "context": {"region": "us-east-1"},
                 "outputs": {"deploymentDetails": [{"region": "us-east-1", "ami": "ami-1"}],
                             "artifacts": [{"type": "docker/image", "name": "baked"}]}},
                {"id": "s2", "refId": "2", "type": "manualJudgment", "name": "Approve", "status": "SUCCEEDED",
                 "requisiteStageRefIds": ["1"], "context": {"judgmentInput": "yes"}},
                {"id": "s3", "refId": "3", "type": "deploy", "name": "Deploy", "status": "SUCCEEDED",
                 "requisiteStageRefIds": ["2"],
                 "context": {"account": "prod", "region": "us-east-1", "capacity": {"desired": 2},
                             "deploy.server.groups": {"us-east-1": ["myapp-v001"]},
                             "kato.tasks": [{"resultObjects": [{"deployments": [{"serverGroupName": "myapp-v001"}]}]}]}},
                {"id": "s4", "refId": "4", "type": "deployManifest", "name": "Manifest", "status": "SUCCEEDED",
                 "context": {"outputs.manifests": [
                     {"kind": "Deployment", "spec": {"template": {"metadata": {"labels": {"app": "web"}}}}}
                 ]}},
                {"id": "s5", "refId": "5", "type": "createServiceKey", "name": "Key", "status": "SUCCEEDED",
                 "context": {"kato.tasks": [{"resultObjects": [{"serviceKey": {"user": "u"}}]}]}},
                {"id": "s6", "refId": "6", "type": "wait", "name": "Wait", "status": "TERMINAL", "context": {}}
            ]
        }
    })
}
