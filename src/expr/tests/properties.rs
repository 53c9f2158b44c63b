//! Property tests: text outside `${}` never changes, and printing a parsed expression gives
//! text that parses and evaluates to the same result.

use proptest::prelude::*;
use serde_json::json;

use super::support::eval_with;
use crate::expr::parser::parse;

fn context() -> serde_json::Value {
    json!({"n": 7, "s": "Hello", "l": [1, 2, 3], "m": {"a": 1, "b": "two"}, "f": 1.5, "t": true})
}

/// Expressions from a small grammar: literals, names, operators, calls, collections.
fn expression() -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        (-50i32..50).prop_map(|n| n.to_string()),
        (0i64..5_000_000_000).prop_map(|n| format!("{n}L")),
        (0u16..1000).prop_map(|n| format!("{}.{}", n / 10, n % 10)),
        (0u16..100).prop_map(|n| format!("{n}.5f")),
        "[a-z ]{0,6}".prop_map(|s| format!("'{s}'")),
        Just("'it''s'".to_owned()),
        Just("true".to_owned()),
        Just("null".to_owned()),
        Just("n".to_owned()),
        Just("s".to_owned()),
        Just("l".to_owned()),
        Just("m".to_owned()),
        Just("f".to_owned()),
        Just("m.a".to_owned()),
        Just("l[1]".to_owned()),
        Just("#this".to_owned()),
        Just("missing".to_owned()),
    ];
    leaf.prop_recursive(4, 40, 4, |inner| {
        prop_oneof![
            (
                inner.clone(),
                prop_oneof![
                    Just("+"),
                    Just("-"),
                    Just("*"),
                    Just("/"),
                    Just("%"),
                    Just("=="),
                    Just("!="),
                    Just("<"),
                    Just(">="),
                    Just("and"),
                    Just("or"),
                    Just("^")
                ],
                inner.clone()
            )
                .prop_map(|(a, op, b)| format!("{a} {op} {b}")),
            inner.clone().prop_map(|a| format!("({a})")),
            inner.clone().prop_map(|a| format!("-{a}")),
            inner.clone().prop_map(|a| format!("!{a}")),
            (inner.clone(), inner.clone(), inner.clone())
                .prop_map(|(a, b, c)| format!("{a} ? {b} : {c}")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("{a} ?: {b}")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("{{{a}, {b}}}")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("{{k: {a}, 'x-y': {b}}}")),
            inner.clone().prop_map(|a| format!("l.?[#this > {a}]")),
            inner.clone().prop_map(|a| format!("l.![#this + {a}]")),
            inner.clone().prop_map(|a| format!("({a}).toString()")),
            inner
                .clone()
                .prop_map(|a| format!("s.substring(0, 2) + {a}")),
            inner.clone().prop_map(|a| format!("#toJson({a})")),
            inner.prop_map(|a| format!("{a}?.toString()")),
        ]
    })
}

proptest! {
    // Failures are not written to `proptest-regressions/` (outside this module's folders); a
    // failing case is printed in full, to be added to the conformance table instead.
    #![proptest_config(ProptestConfig {
        cases: 300,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn strings_without_expressions_are_unchanged(text in "[^$]{0,40}") {
        let (value, failures) = eval_with(&text, &context());
        prop_assert_eq!(value, json!(text));
        prop_assert!(failures.is_empty());
    }

    #[test]
    fn literal_text_around_an_expression_is_kept(prefix in "[^$]{1,20}", suffix in "[^$]{0,20}", n in -1000i32..1000) {
        let template = format!("{prefix}${{{n} + 1}}{suffix}");
        let (value, failures) = eval_with(&template, &context());
        prop_assert!(failures.is_empty());
        prop_assert_eq!(value, json!(format!("{prefix}{}{suffix}", n + 1)));
    }

    #[test]
    fn a_failing_expression_leaves_the_whole_string(prefix in "[^$]{0,20}", suffix in "[^$]{0,20}") {
        let template = format!("{prefix}${{1 / 0}}{suffix}");
        let (value, failures) = eval_with(&template, &context());
        prop_assert_eq!(value, json!(template));
        prop_assert_eq!(failures.len(), 1);
    }

    #[test]
    fn printing_round_trips(text in expression()) {
        let Ok(node) = parse(&text) else { return Ok(()); };
        let printed = node.to_string();
        let reparsed = parse(&printed);
        prop_assert!(reparsed.is_ok(), "{} printed as {} does not parse: {:?}", text, printed, reparsed);
        let reparsed = reparsed.unwrap_or(node);
        prop_assert_eq!(reparsed.to_string(), printed.clone(), "printing is stable");
        let (original, original_failures) = eval_with(&format!("${{{text}}}"), &context());
        let (again, again_failures) = eval_with(&format!("${{{printed}}}"), &context());
        prop_assert_eq!(original_failures.is_empty(), again_failures.is_empty(), "{} vs {}", text, printed);
        if original_failures.is_empty() {
            prop_assert!(super::oracle::same_json(&original, &again), "{} = {} but {} = {}", text, original, printed, again);
        }
    }
}
