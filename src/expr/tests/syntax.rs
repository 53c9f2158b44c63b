//! `check_template`: parse-only checks with positions inside the string, for `validate`.

use crate::expr::check_template;

#[test]
fn valid_templates_pass() {
    assert_eq!(check_template("no expressions here"), Ok(()));
    assert_eq!(
        check_template("${a.b} and ${#stage('x').outputs['k']}"),
        Ok(())
    );
    assert_eq!(check_template("${ {'a': 1}.toString() }"), Ok(()));
}

#[test]
fn an_unclosed_template_points_at_its_start() {
    let errors = check_template("abc ${a.b").expect_err("unclosed");
    assert_eq!(errors[0].position, 4);
    assert!(
        errors[0].message.starts_with("No ending suffix '}'"),
        "{}",
        errors[0].message
    );
}

#[test]
fn an_empty_expression_is_an_error() {
    let errors = check_template("x ${ }").expect_err("empty");
    assert_eq!(errors[0].position, 2);
    assert!(errors[0].message.contains("No expression defined"));
}

#[test]
fn a_bad_token_is_located_inside_the_string() {
    let errors = check_template("ok ${a b} ${1 +}").expect_err("two errors");
    assert_eq!(errors.len(), 2);
    assert_eq!(errors[0].expression, "a b");
    assert_eq!(errors[0].position, 7);
    assert!(
        errors[0].message.contains("EL1041E"),
        "{}",
        errors[0].message
    );
    assert_eq!(errors[1].expression, "1 +");
    assert_eq!(errors[1].position, 15);
}

#[test]
fn mismatched_brackets_are_reported() {
    let errors = check_template("${a[1)}").expect_err("mismatch");
    assert!(
        errors[0].message.contains("Found closing ')'"),
        "{}",
        errors[0].message
    );
}

#[test]
fn unterminated_strings_are_reported() {
    let errors = check_template("${'abc}").expect_err("unterminated");
    assert!(
        errors[0].message.contains("non terminating string literal"),
        "{}",
        errors[0].message
    );
}

#[test]
fn deep_nesting_is_refused_not_overflowed() {
    let deep = format!("${{{}1{}}}", "(".repeat(3_000), ")".repeat(3_000));
    let errors = check_template(&deep).expect_err("too deep");
    assert!(
        errors[0].message.contains("nests deeper"),
        "{}",
        errors[0].message
    );
}

#[test]
fn long_operator_chains_are_refused_not_overflowed() {
    let chain = format!("${{{}1}}", "1 + ".repeat(2_000));
    let errors = check_template(&chain).expect_err("too deep");
    assert!(
        errors[0].message.contains("too complex"),
        "{}",
        errors[0].message
    );
    let chain = format!("${{a{}}}", ".b".repeat(2_000));
    assert!(check_template(&chain).is_err());
}

#[test]
fn cyclic_stage_graphs_do_not_recurse_forever() {
    use serde_json::json;
    let context = json!({"execution": {"stages": [
        {"id": "a", "refId": "1", "parentStageId": "b", "syntheticStageOwner": "STAGE_AFTER", "outputs": {"x": 1}},
        {"id": "b", "refId": "2", "parentStageId": "a", "syntheticStageOwner": "STAGE_BEFORE", "outputs": {"y": 2}},
        {"id": "c", "refId": "3", "requisiteStageRefIds": ["4"], "outputs": {}},
        {"id": "d", "refId": "4", "requisiteStageRefIds": ["3"], "outputs": {"z": 3}}
    ]}});
    let map = context.as_object().cloned().unwrap_or_default();
    let evaluator = crate::expr::Evaluator::new(crate::expr::Options::default());
    let (root, _) = crate::expr::Root::for_stage(map.clone(), "1").expect("stage 1");
    assert_eq!(evaluator.evaluate(&json!("${y}"), &root).value, json!(2));
    let (root, _) = crate::expr::Root::for_stage(map, "3").expect("stage 3");
    assert_eq!(evaluator.evaluate(&json!("${z}"), &root).value, json!(3));
}
