//! One test per helper function of the reference §4, each with its failure and message.

use serde_json::json;

use super::support::{eval_with, execution_context, fails_with, ok, ok_with};
use crate::expr::{Evaluator, Options, PipelineRef, Root};

#[test]
fn to_json_serializes_and_refuses_expressions() {
    assert_eq!(ok("${#toJson({'a': {1, 2}})}"), json!("{\"a\":[1,2]}"));
    let message = fails_with("${#toJson({'a': '${x}'})}", &json!({}));
    assert!(
        message.starts_with("result for toJson cannot contain an expression - EL1023E"),
        "{message}"
    );
}

#[test]
fn do_not_eval_lets_to_json_emit_expressions() {
    assert_eq!(
        ok("${#toJson(#doNotEval({'a': '${x}'}))}"),
        json!("{\"a\":\"${x}\"}")
    );
    let message = fails_with("${#doNotEval()}", &json!({}));
    assert!(
        message.contains("EL1014E: Incorrect number of arguments"),
        "{message}"
    );
}

#[test]
fn to_int_parses_integers_only() {
    assert_eq!(ok("${#toInt('42')}"), json!(42));
    assert_eq!(ok("${#toInt(5)}"), json!(5));
    let message = fails_with("${#toInt('4.2')}", &json!({}));
    assert_eq!(
        message,
        "For input string: \"4.2\" - EL1023E: A problem occurred whilst attempting to invoke the function 'toInt': 'For input string: \"4.2\"'"
    );
}

#[test]
fn to_float_gives_a_32_bit_float() {
    assert_eq!(ok("${#toFloat(' 7 ')}").to_string(), "7.0");
    assert_eq!(ok("${#toFloat('0.1')}").to_string(), "0.1");
    let message = fails_with("${#toFloat('abc')}", &json!({}));
    assert!(message.contains("For input string: \"abc\""), "{message}");
}

#[test]
fn to_boolean_is_true_only_for_true() {
    assert_eq!(ok("${#toBoolean('TRUE')}"), json!(true));
    assert_eq!(ok("${#toBoolean('yes')}"), json!(false));
    assert_eq!(ok("${#toBoolean(null)}"), json!(false));
    let message = fails_with("${#toBoolean({'a': 1})}", &json!({}));
    assert!(
        message.contains("cannot convert from java.util.Collections$UnmodifiableMap"),
        "{message}"
    );
}

#[test]
fn base64_round_trips_utf8() {
    assert_eq!(ok("${#toBase64('héllo')}"), json!("aMOpbGxv"));
    assert_eq!(ok("${#fromBase64('aMOpbGxv')}"), json!("héllo"));
    let message = fails_with("${#fromBase64('%%%')}", &json!({}));
    assert!(message.contains("Illegal base64"), "{message}");
    let message = fails_with("${#toBase64(null)}", &json!({}));
    assert!(message.contains("NullPointerException"), "{message}");
}

#[test]
fn alphanumerical_strips_everything_else() {
    assert_eq!(ok("${#alphanumerical('my-app_1.2!')}"), json!("myapp12"));
    let message = fails_with("${#alphanumerical()}", &json!({}));
    assert!(
        message.contains("Incorrect number of arguments"),
        "{message}"
    );
}

#[test]
fn fetch_reference_returns_its_argument() {
    assert_eq!(ok("${#fetchReference('ref://x')}"), json!("ref://x"));
    let message = fails_with("${#fetchReference('a', 'b')}", &json!({}));
    assert!(
        message.contains("2 supplied but function takes 1"),
        "{message}"
    );
}

#[test]
fn read_json_reads_maps_and_lists() {
    assert_eq!(ok("${#readJson('{\"a\": [1, 2.5]}').a}"), json!([1, 2.5]));
    assert_eq!(ok("${#readJson('[1]')[0]}"), json!(1));
    let message = fails_with("${#readJson('42')}", &json!({}));
    assert!(message.contains("#readJson(42) failed"), "{message}");
}

#[test]
fn read_yaml_reads_one_document_and_refuses_tags() {
    assert_eq!(ok("${#readYaml('a: 1\nb: [x, y]').b[1]}"), json!("y"));
    let message = fails_with("${#readYaml('!!java.io.File /etc/passwd')}", &json!({}));
    assert!(
        message.contains("could not determine a constructor for the tag"),
        "{message}"
    );
    let message = fails_with("${#readYaml('a: 1\n---\nb: 2')}", &json!({}));
    assert!(message.contains("#readYaml("), "{message}");
}

#[test]
fn read_all_yaml_reads_every_document() {
    assert_eq!(ok("${#readAllYaml('a: 1\n---\nb: 2').size()}"), json!(2));
    let message = fails_with("${#readAllYaml('a: [')}", &json!({}));
    assert!(message.contains("#readAllYaml("), "{message}");
}

#[test]
fn url_helpers_follow_orca_restrictions_without_a_fetcher() {
    for helper in ["fromUrl", "jsonFromUrl", "yamlFromUrl"] {
        let message = fails_with(&format!("${{#{helper}('http://localhost/x')}}"), &json!({}));
        assert!(
            message.contains("#from(http://localhost/x) failed"),
            "{message}"
        );
        assert!(
            message.starts_with("URL is not allowed: localhost"),
            "{message}"
        );
    }
    let message = fails_with(
        "${#propertiesFromUrl('http://169.254.169.254/latest')}",
        &json!({}),
    );
    assert!(
        message.contains("#propertiesFromUrl(http://169.254.169.254/latest) failed"),
        "{message}"
    );
    let message = fails_with("${#fromUrl('https://example.com/x')}", &json!({}));
    assert!(message.contains("no URL fetcher is available"), "{message}");
}

#[test]
fn url_helpers_use_the_fetcher_and_parse_the_body() {
    struct Fixed;
    impl crate::expr::UrlFetcher for Fixed {
        fn fetch(&self, url: &str) -> Result<String, String> {
            Ok(if url.ends_with(".properties") {
                "a=1\n# c\nb: two\n".into()
            } else {
                "k: v".into()
            })
        }
    }
    let evaluator = Evaluator::new(Options::default()).with_fetcher(&Fixed);
    let root = Root::new(serde_json::Map::new());
    let value = json!({"y": "${#yamlFromUrl('https://example.com/x.yml').k}", "p": "${#propertiesFromUrl('https://example.com/x.properties')}"});
    let evaluated = evaluator.evaluate(&value, &root);
    assert!(evaluated.summary.is_empty(), "{:?}", evaluated.summary);
    assert_eq!(
        evaluated.value,
        json!({"y": "v", "p": {"a": "1", "b": "two"}})
    );
}

#[test]
fn stage_finds_by_name_or_id() {
    let context = execution_context();
    assert_eq!(
        ok_with(
            "${#stage('Bake').outputs.deploymentDetails[0].ami}",
            &context
        ),
        json!("ami-1")
    );
    assert_eq!(
        ok_with("${#stage('s3').hasSucceeded}", &context),
        json!(true)
    );
    assert_eq!(
        ok_with("${#stage('Wait').hasFailed}", &context),
        json!(true)
    );
    assert_eq!(
        ok_with("${#stage('Bake').status == 'SUCCEEDED'}", &context),
        json!(true)
    );
    let message = fails_with("${#stage('Nope')}", &context);
    assert!(
        message.contains("Unable to locate [Nope] using #stage(Nope) in execution E1"),
        "{message}"
    );
}

#[test]
fn stage_by_ref_id_finds_by_ref_id() {
    let context = execution_context();
    assert_eq!(
        ok_with("${#stageByRefId('2').name}", &context),
        json!("Approve")
    );
    let message = fails_with("${#stageByRefId('9')}", &context);
    assert!(
        message.contains("Unable to locate [9] using #stageByRefId(9) in execution E1"),
        "{message}"
    );
}

#[test]
fn stage_exists_never_fails() {
    let context = execution_context();
    assert_eq!(ok_with("${#stageExists('Bake')}", &context), json!(true));
    assert_eq!(ok_with("${#stageExists('Nope')}", &context), json!(false));
    let message = fails_with("${#stageExists('Bake')}", &json!({}));
    assert!(
        message.contains("execution is not an execution object"),
        "{message}"
    );
}

#[test]
fn judgment_reads_the_judgment_input() {
    let context = execution_context();
    assert_eq!(ok_with("${#judgment('Approve')}", &context), json!("yes"));
    assert_eq!(ok_with("${#judgement('Approve')}", &context), json!("yes"));
    let message = fails_with("${#judgment('Bake')}", &context);
    assert!(
        message.contains("Unable to locate manual Judgment stage [Bake]"),
        "{message}"
    );
}

#[test]
fn current_stage_needs_the_running_stage() {
    let context = execution_context();
    let message = fails_with("${#currentStage()}", &context);
    assert!(
        message.contains("An execution context is required for this function"),
        "{message}"
    );
    let evaluator = Evaluator::new(Options::default());
    let (root, _) =
        Root::for_stage(context.as_object().cloned().unwrap_or_default(), "3").expect("stage 3");
    let root = root.with_stage_as_current();
    let evaluated = evaluator.evaluate(&json!("${#currentStage().name}"), &root);
    assert_eq!(evaluated.value, json!("Deploy"));
}

#[test]
fn current_user_defaults_to_anonymous() {
    assert_eq!(ok("${#currentUser()}"), json!("anonymous"));
    let evaluator = Evaluator::new(Options::default());
    let root = Root::new(serde_json::Map::new()).with_current_user(Some("alice".into()));
    assert_eq!(
        evaluator.evaluate(&json!("${#currentUser()}"), &root).value,
        json!("alice")
    );
    let message = fails_with("${#currentUser('x')}", &json!({}));
    assert!(
        message.contains("Incorrect number of arguments"),
        "{message}"
    );
}

#[test]
fn deployed_server_groups_lists_successful_deploys() {
    let context = execution_context();
    let value = ok_with("${#deployedServerGroups()}", &context);
    assert_eq!(
        value,
        json!([{"account": "prod", "capacity": {"desired": 2}, "parentStage": null, "region": "us-east-1",
                "ami": "ami-1", "serverGroup": "myapp-v001",
                "deployments": [{"serverGroupName": "myapp-v001"}]}])
    );
    assert_eq!(
        ok_with("${deployedServerGroups[0].serverGroup}", &context),
        json!("myapp-v001")
    );
    assert_eq!(
        ok_with("${#deployedServerGroups('Other').size()}", &context),
        json!(0)
    );
    let message = fails_with("x=${#deployedServerGroups()}", &context);
    assert!(message.contains("No converter found"), "{message}");
}

#[test]
fn manifest_label_value_reads_pod_labels() {
    let context = execution_context();
    assert_eq!(
        ok_with(
            "${#manifestLabelValue('Manifest', 'Deployment', 'app')}",
            &context
        ),
        json!("web")
    );
    let message = fails_with(
        "${#manifestLabelValue('Manifest', 'Service', 'app')}",
        &context,
    );
    assert!(
        message.contains("Only Deployments and ReplicaSets are valid kinds"),
        "{message}"
    );
    let message = fails_with(
        "${#manifestLabelValue('Manifest', 'Deployment', 'nope')}",
        &context,
    );
    assert!(
        message.contains("No label of specified key found"),
        "{message}"
    );
}

#[test]
fn trigger_resolved_artifacts_by_name_and_type() {
    let context = execution_context();
    assert_eq!(
        ok_with(
            "${#triggerResolvedArtifact('gcr.io/app').reference}",
            &context
        ),
        json!("gcr.io/app:1.2")
    );
    assert_eq!(
        ok_with(
            "${#triggerResolvedArtifactByType('docker/image').name}",
            &context
        ),
        json!("gcr.io/app")
    );
    let message = fails_with("${#triggerResolvedArtifact('other')}", &context);
    assert!(
        message.contains("Unable to locate resolved artifact other in trigger execution E1."),
        "{message}"
    );
    let message = fails_with("${#triggerResolvedArtifactByType('jar')}", &context);
    assert!(
        message.contains("Unable to locate resolved artifact jar"),
        "{message}"
    );
}

#[test]
fn resolved_artifacts_concatenates_stage_outputs() {
    let context = execution_context();
    assert_eq!(
        ok_with("${#resolvedArtifacts()[0].name}", &context),
        json!("baked")
    );
    let message = fails_with("${#resolvedArtifacts()}", &json!({}));
    assert!(
        message.contains("execution is not an execution object"),
        "{message}"
    );
}

#[test]
fn cf_service_key_reads_the_key_or_gives_empty() {
    let context = execution_context();
    assert_eq!(
        ok_with("${#cfServiceKey('Key').user}", &context),
        json!("u")
    );
    assert_eq!(ok_with("${#cfServiceKey('Nope')}", &context), json!({}));
    let message = fails_with("${#cfServiceKey()}", &context);
    assert!(
        message.contains("Incorrect number of arguments"),
        "{message}"
    );
}

#[test]
fn pipeline_ids_resolve_among_known_pipelines() {
    let options = Options {
        pipelines: vec![PipelineRef {
            id: "p-1".into(),
            name: "Deploy".into(),
            application: "myapp".into(),
        }],
        ..Options::default()
    };
    let evaluator = Evaluator::new(options);
    let root = Root::new(execution_context().as_object().cloned().unwrap_or_default());
    let value = json!({
        "a": "${#pipelineId('Deploy')}",
        "b": "${#pipelineIdInApplication('Deploy', 'myapp')}",
        "c": "${#pipelineIdOrNull('Missing')}",
        "d": "${#pipelineId('Missing')}",
    });
    let evaluated = evaluator.evaluate(&value, &root);
    assert_eq!(evaluated.value["a"], json!("p-1"));
    assert_eq!(evaluated.value["b"], json!("p-1"));
    assert_eq!(
        evaluated.value["c"],
        json!("${#pipelineIdOrNull('Missing')}")
    );
    let messages: Vec<&str> = evaluated
        .summary
        .failures()
        .iter()
        .map(|f| f.message.as_str())
        .collect();
    assert!(
        messages
            .iter()
            .any(|m| m
                .contains("Pipeline with name 'Missing' could not be found on application myapp")),
        "{messages:?}"
    );
    let evaluated = evaluator.evaluate(&json!("${#pipelineIdOrNull('')}"), &root);
    assert!(
        evaluated.summary.failures()[0]
            .message
            .contains("pipelineName must be specified for function #pipelineId")
    );
}

#[test]
fn unknown_functions_are_errors() {
    let (_, failures) = eval_with("${#nope(1)}", &json!({}));
    assert_eq!(
        failures[0].message,
        "EL1006E: The function 'nope' could not be found"
    );
}

#[test]
fn a_stage_context_falls_back_to_ancestor_outputs() {
    let context = execution_context();
    // Deploy's own context has `region`; `deploymentDetails` comes from the Bake ancestor.
    assert_eq!(
        ok_with("${#stage('Deploy').context.region}", &context),
        json!("us-east-1")
    );
    assert_eq!(
        ok_with(
            "${#stage('Deploy').context.deploymentDetails[0].ami}",
            &context
        ),
        json!("ami-1")
    );
    let (value, failures) = eval_with("${#stage('Deploy').context['nothing']}", &context);
    assert_eq!(value, json!("${#stage('Deploy').context['nothing']}"));
    assert!(failures[0].message.ends_with("not found"));
    let message = fails_with("x=${#stage('Deploy').context}", &context);
    assert!(message.contains("No converter found"), "{message}");
}
