//! A conformance table of expressions from Spinnaker's pipeline-expression documentation and
//! guides (reference §3): template, context, result, and the Java type of the result.

use serde_json::{Value as Json, json};

use super::oracle::same_json;
use super::support::{java_type, ok_with};

fn context() -> Json {
    json!({
        "trigger": {"user": "alice", "buildInfo": null, "parameters": {"env": "prod", "count": "3"}},
        "parameters": {"env": "prod", "count": "3"},
        "name": "myapp",
        "empty": "",
        "stages": [{"type": "bake", "name": "Bake"}, {"type": "deploy", "name": "Deploy"}],
        "m": {"k-2": 2, "a": 1},
        "n": 7,
    })
}

/// (template, result, Java type of the result)
const TABLE: &[(&str, &str, &str)] = &[
    ("${trigger.user}", r#""alice""#, "java.lang.String"),
    ("${trigger['user']}", r#""alice""#, "java.lang.String"),
    (
        "${trigger.buildNumber == null}",
        "true",
        "java.lang.Boolean",
    ),
    ("${parameters.env == 'prod'}", "true", "java.lang.Boolean"),
    (
        "${parameters.env eq 'prod' and n gt 5}",
        "true",
        "java.lang.Boolean",
    ),
    ("${#toInt(parameters.count) + 1}", "4", "java.lang.Integer"),
    ("${#toFloat('7')}", "7.0", "java.lang.Float"),
    ("${7 / 2}", "3", "java.lang.Integer"),
    ("${7 / 2.0}", "3.5", "java.lang.Double"),
    ("${7 % 3}", "1", "java.lang.Integer"),
    ("${2 ^ 10}", "1024", "java.lang.Integer"),
    ("${2147483647 + 1}", "-2147483648", "java.lang.Integer"),
    ("${2147483647L + 1}", "2147483648", "java.lang.Long"),
    ("${1 == 1.0}", "true", "java.lang.Boolean"),
    ("${'a' < 'b'}", "true", "java.lang.Boolean"),
    ("${'s' + null}", r#""snull""#, "java.lang.String"),
    ("${name.toUpperCase()}", r#""MYAPP""#, "java.lang.String"),
    ("${name.substring(0, 2)}", r#""my""#, "java.lang.String"),
    ("${name.length()}", "5", "java.lang.Integer"),
    (
        "${'a,b,c'.split(',')}",
        r#"["a","b","c"]"#,
        "[Ljava.lang.String;",
    ),
    ("${'a,b,c'.split(',')[1]}", r#""b""#, "java.lang.String"),
    ("${name matches 'my.*'}", "true", "java.lang.Boolean"),
    ("${'ab' matches '\\w+'}", "true", "java.lang.Boolean"),
    ("${n > 5 ? 'big' : 'small'}", r#""big""#, "java.lang.String"),
    ("${empty ?: 'default'}", r#""default""#, "java.lang.String"),
    (
        "${missing?.field}",
        r#""${missing?.field}""#,
        "java.lang.String",
    ),
    ("${{1, 2, 3}.?[#this > 1]}", "[2,3]", "java.util.ArrayList"),
    ("${{1, 2, 3}.^[#this > 1]}", "2", "java.lang.Integer"),
    ("${{1, 2, 3}.$[#this > 1]}", "3", "java.lang.Integer"),
    (
        "${{1, 2, 3}.![#this * 2]}",
        "[2,4,6]",
        "java.util.ArrayList",
    ),
    (
        "${stages.?[type == 'bake'][0].name}",
        r#""Bake""#,
        "java.lang.String",
    ),
    (
        "${stages.![name]}",
        r#"["Bake","Deploy"]"#,
        "java.util.ArrayList",
    ),
    ("${m['k-2']}", "2", "java.lang.Integer"),
    ("${m.size()}", "2", "java.lang.Integer"),
    ("${m.containsKey('a')}", "true", "java.lang.Boolean"),
    (
        "${{a: 1, b: 'x'}}",
        r#"{"a":1,"b":"x"}"#,
        "java.util.Collections$UnmodifiableMap",
    ),
    (
        "${ {\"foo\": \"bar\"}.toString() }",
        r#""{foo=bar}""#,
        "java.lang.String",
    ),
    ("a.${'${LIT}'}.b", r#""a.${LIT}.b""#, "java.lang.String"),
    ("${T(Math).max(1, 2)}", "2", "java.lang.Integer"),
    (
        "${T(java.lang.Integer).parseInt('12')}",
        "12",
        "java.lang.Integer",
    ),
    ("${new String('x') + 1}", r#""x1""#, "java.lang.String"),
    ("${#root['name']}", r#""myapp""#, "java.lang.String"),
    ("${n instanceof T(Integer)}", "true", "java.lang.Boolean"),
    ("${n between {1, 10}}", "true", "java.lang.Boolean"),
    ("${!true or not false}", "true", "java.lang.Boolean"),
    ("${0x10}", "16", "java.lang.Integer"),
    ("${1.5f}", "1.5", "java.lang.Float"),
    ("${1e3}", "1000.0", "java.lang.Double"),
    ("${'it''s'}", r#""it's""#, "java.lang.String"),
    (
        "prefix-${name}-${n}",
        r#""prefix-myapp-7""#,
        "java.lang.String",
    ),
    ("x-${{1, 2}}", r#""x-1,2""#, "java.lang.String"),
    ("${1.0f * 7}", "7.0", "java.lang.Float"),
];

#[test]
fn documented_expressions_evaluate_as_spinnaker_does() {
    let context = context();
    for (template, expected, expected_type) in TABLE {
        let expected: Json = serde_json::from_str(expected).expect("valid expected JSON");
        let (value, failures) = super::support::eval_with(template, &context);
        if expected
            .as_str()
            .is_some_and(|text| text.contains("${missing"))
        {
            assert_eq!(value, expected, "{template}");
            assert_eq!(
                failures.len(),
                1,
                "{template}: a null whole value is unresolved"
            );
            continue;
        }
        let value = if failures.is_empty() {
            value
        } else {
            ok_with(template, &context)
        };
        assert!(
            same_json(&expected, &value),
            "{template}: expected {expected}, got {value}"
        );
        assert_eq!(java_type(template, &context), *expected_type, "{template}");
    }
}

#[test]
fn refused_constructs_fail_with_clear_messages() {
    let context = context();
    let cases = [
        (
            "${T(java.lang.Runtime).getRuntime()}",
            "EL1021E: A problem occurred whilst attempting to access the property 'java.lang.Runtime': '{1}'",
        ),
        (
            "${T(System).exit(1)}",
            "EL1021E: A problem occurred whilst attempting to access the property 'System': '{1}'",
        ),
        (
            "${new java.net.URL('http://x')}",
            "EL1003E: A problem occurred whilst attempting to construct an object of type 'java.net.URL'",
        ),
        (
            "${name.getClass()}",
            "EL1004E: Method call: Method getClass() cannot be found on type java.lang.String",
        ),
        (
            "${m.get('a')}",
            "EL1004E: Method call: Method get(java.lang.String) cannot be found on type java.util.LinkedHashMap",
        ),
        (
            "${stages.get(0)}",
            "EL1004E: Method call: Method get(java.lang.Integer) cannot be found on type java.util.ArrayList",
        ),
        (
            "${@bean}",
            "EL1057E: No bean resolver registered in the context to resolve access to bean 'bean'",
        ),
        (
            "${m.?[value > 1]}",
            "rejected due to return type class java.lang.Object",
        ),
        (
            "${{1}[3]}",
            "EL1025E: The collection has '1' elements, index '3' is invalid",
        ),
        (
            "${1 + null}",
            "EL1030E: The operator 'ADD' is not supported between objects of type 'java.lang.Integer' and 'null'",
        ),
        ("${1 / 0}", "/ by zero"),
        ("${'ab' * 200}", "EL1086E"),
    ];
    for (template, expected) in cases {
        let message = super::support::fails_with(template, &context);
        assert!(message.contains(expected), "{template}: {message}");
    }
}

#[test]
fn a_map_in_a_composite_keeps_the_whole_string() {
    let (value, failures) = super::support::eval_with("a=${m} b=${n}", &context());
    assert_eq!(value, json!("a=${m} b=${n}"));
    assert_eq!(failures[0].expression, "a=m b=n");
    assert!(failures[0].message.contains("No converter found"));
}

#[test]
fn a_null_part_is_re_emitted_and_the_rest_substituted() {
    let (value, failures) = super::support::eval_with("a.${nothing}.b.${name}", &context());
    assert_eq!(value, json!("a.${nothing}.b.myapp"));
    assert_eq!(failures.len(), 1);
    assert_eq!(failures[0].message, "a.nothing.b.name not found");
}

#[test]
fn steps_are_bounded() {
    let options = crate::expr::Options {
        max_steps: 1_000,
        ..crate::expr::Options::default()
    };
    let evaluator = crate::expr::Evaluator::new(options);
    let root = crate::expr::Root::new(serde_json::Map::new());
    let evaluated = evaluator.evaluate(&json!("${new int[100000].![#this + 1]}"), &root);
    assert!(
        evaluated.summary.failures()[0]
            .message
            .contains("limit of 1000 evaluation steps")
    );
}

#[test]
fn long_expressions_are_refused() {
    let long = format!("${{'{}'}}", "a".repeat(10_001));
    let (_, failures) = super::support::eval_with(&long, &json!({}));
    assert!(
        failures[0]
            .message
            .contains("exceeding the threshold of '10000' characters")
    );
}

#[test]
fn values_that_double_are_stopped() {
    let mut doubling = String::from("${(x = {1}) != null");
    for _ in 0..40 {
        doubling.push_str(" and (x = {x, x}) != null");
    }
    doubling.push('}');
    let (_, failures) = super::support::eval_with(&doubling, &json!({}));
    assert!(
        failures[0].message.contains("larger than"),
        "{}",
        failures[0].message
    );
    let mut replacing = String::from("${'a'");
    for _ in 0..30 {
        replacing.push_str(".replace('a', 'aa')");
    }
    replacing.push('}');
    let (_, failures) = super::support::eval_with(&replacing, &json!({}));
    assert!(
        failures[0]
            .message
            .contains("longer than 1000000 characters"),
        "{}",
        failures[0].message
    );
    let message = super::support::fails_with("${T(String).format('%0999999999d', 1)}", &json!({}));
    assert!(
        message.contains("format width or precision above"),
        "{message}"
    );
}

#[test]
fn results_are_never_evaluated_again() {
    assert_eq!(super::support::ok("${'$' + '{1 + 1}'}"), json!("${1 + 1}"));
    assert_eq!(super::support::ok("a-${'${'}x}"), json!("a-${x}"));
}

#[test]
fn map_keys_are_evaluated_and_non_strings_copied() {
    let evaluator = crate::expr::Evaluator::new(crate::expr::Options::default());
    let root = crate::expr::Root::new(context().as_object().cloned().unwrap_or_default());
    let value = json!({"${name}-key": ["${n}", 1.5, true, null, {"${n + 1}": "${n * 2}"}]});
    let evaluated = evaluator.evaluate(&value, &root);
    assert!(evaluated.summary.is_empty());
    assert_eq!(
        evaluated.value,
        json!({"myapp-key": [7, 1.5, true, null, {"8": 14}]})
    );
}

#[test]
fn failures_are_keyed_and_described_as_orca_does() {
    let evaluator = crate::expr::Evaluator::new(crate::expr::Options::default());
    let root = crate::expr::Root::new(context().as_object().cloned().unwrap_or_default());
    let value = json!({"a": "${1/0}", "b": "x-${nothing}", "c": "${missing}"});
    let summary = evaluator.evaluate(&value, &root).summary.to_json();
    assert_eq!(summary["1/0"][0]["level"], json!("ERROR"));
    assert_eq!(
        summary["1/0"][0]["description"],
        json!("Failed to evaluate [a] / by zero")
    );
    assert_eq!(
        summary["1/0"][0]["exceptionType"],
        json!("java.lang.ArithmeticException")
    );
    assert_eq!(summary["x-nothing"][0]["level"], json!("INFO"));
    assert_eq!(
        summary["x-nothing"][0]["description"],
        json!("Failed to evaluate [b] : x-nothing not found")
    );
    assert_eq!(
        summary["missing"][0]["description"],
        json!("Failed to evaluate [c] : missing not found")
    );
}
