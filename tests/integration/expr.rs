//! `gennaker expr eval` through the real binary: stdout carries only the JSON result, stderr
//! the failures, and the exit code says whether everything evaluated (0), something failed
//! (1) or the input was unusable (2).

use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::PathBuf;
use std::thread;
use std::time::Duration;

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::{Value, json};

fn gennaker() -> Command {
    let mut command = Command::cargo_bin("gennaker").expect("the gennaker binary is built");
    // Keep the user's config file out of the tests.
    command.env("GENNAKER_CONFIG", data("empty-config.toml"));
    command
}

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/expr/cli")
        .join(name)
}

fn stdout_json(output: &std::process::Output) -> Value {
    serde_json::from_slice(&output.stdout).expect("stdout is JSON")
}

#[test]
fn a_whole_expression_keeps_its_type() {
    let output = gennaker()
        .args(["expr", "eval", "${1 + 1}"])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(stdout_json(&output), json!(2));
    assert!(output.stderr.is_empty());
}

#[test]
fn a_float_result_prints_with_a_decimal_point() {
    gennaker()
        .args(["expr", "eval", "${#toFloat('7')}"])
        .assert()
        .code(0)
        .stdout("7.0\n");
}

#[test]
fn a_composite_template_is_a_string_with_java_conversions() {
    gennaker()
        .args(["expr", "eval", "v-${{1,2}}-${7/2}-${1.5f * 2}"])
        .assert()
        .code(0)
        .stdout("\"v-1,2-3-3.0\"\n");
}

#[test]
fn a_failed_expression_keeps_the_text_and_exits_one() {
    gennaker()
        .args(["expr", "eval", "x=${#toInt('abc')}"])
        .assert()
        .code(1)
        .stdout("\"x=${#toInt('abc')}\"\n")
        .stderr(predicate::str::contains(
            "expression `x=#toInt('abc')` at character 2",
        ))
        .stderr(predicate::str::contains("For input string: \"abc\""));
}

#[test]
fn an_unresolved_name_is_reported_as_not_found() {
    gennaker()
        .args(["expr", "eval", "${nothing}"])
        .assert()
        .code(1)
        .stdout("\"${nothing}\"\n")
        .stderr(predicate::str::contains("nothing not found"));
}

#[test]
fn a_syntax_error_is_located() {
    gennaker()
        .args(["expr", "eval", "ok ${1 +}"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("at character 3"));
}

#[test]
fn refused_types_are_errors() {
    gennaker()
        .args(["expr", "eval", "${T(java.lang.Runtime).getRuntime()}"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "access the property 'java.lang.Runtime'",
        ));
}

#[test]
fn the_context_file_gives_the_root_properties() {
    gennaker()
        .args(["expr", "eval", "--context"])
        .arg(data("execution.json"))
        .args(["${trigger.parameters.env}-${#stage('Bake').outputs.ami}"])
        .assert()
        .code(0)
        .stdout("\"prod-ami-123\"\n");
}

#[test]
fn stage_evaluates_that_stage_context_as_orca_would() {
    let output = gennaker()
        .args(["expr", "eval", "--stage", "3", "--context"])
        .arg(data("execution.json"))
        .output()
        .expect("runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        stdout_json(&output),
        json!({"image": "ami-123", "cluster": "myapp-prod", "answer": "ship", "me": "Deploy"})
    );
}

#[test]
fn stage_accepts_a_template_too() {
    gennaker()
        .args(["expr", "eval", "--stage", "s-deploy", "--context"])
        .arg(data("execution.json"))
        .arg("${version}/${parameters.replicas}")
        .assert()
        .code(0)
        .stdout("\"1.4.2/3\"\n");
}

#[test]
fn json_documents_are_walked_keys_included() {
    let output = gennaker()
        .args([
            "expr",
            "eval",
            "--json",
            r#"{"${'k' + 1}": ["${2 * 3}", "plain", 5], "n": {"x": "${'a'}"}}"#,
        ])
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        stdout_json(&output),
        json!({"k1": [6, "plain", 5], "n": {"x": "a"}})
    );
}

#[test]
fn jsonl_answers_one_line_per_input_in_order() {
    let input = [
        json!({"template": "${a + 1}", "context": {"a": 1}}).to_string(),
        json!({"template": "${nope.x}", "context": {}}).to_string(),
        json!({"context": {"execution": {"stages": [{"refId": "1", "context": {"v": "${'x'}"}}]}}, "stage": "1"})
            .to_string(),
    ]
    .join("\n");
    let output = gennaker()
        .args(["expr", "eval", "--jsonl"])
        .write_stdin(input)
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(1));
    let lines: Vec<Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("each line is JSON"))
        .collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0], json!({"result": 2, "errors": []}));
    assert_eq!(lines[1]["result"], json!("${nope.x}"));
    assert_eq!(lines[1]["errors"][0]["expression"], json!("nope.x"));
    assert_eq!(lines[1]["errors"][0]["position"], json!(0));
    assert!(
        lines[1]["errors"][0]["message"]
            .as_str()
            .is_some_and(|m| m.contains("cannot be found on null"))
    );
    assert_eq!(lines[2], json!({"result": {"v": "x"}, "errors": []}));
}

#[test]
fn jsonl_flags_an_unusable_line_and_exits_two() {
    let output = gennaker()
        .args(["expr", "eval", "--jsonl"])
        .write_stdin("{not json\n{\"template\": \"${1}\"}\n")
        .output()
        .expect("runs");
    assert_eq!(output.status.code(), Some(2));
    let text = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0].contains("invalid JSON"));
    assert_eq!(
        serde_json::from_str::<Value>(lines[1]).expect("JSON"),
        json!({"result": 1, "errors": []})
    );
}

#[test]
fn missing_template_is_a_usage_error() {
    gennaker()
        .args(["expr", "eval"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicate::str::contains("no TEMPLATE given"));
}

#[test]
fn an_unreadable_context_is_a_usage_error() {
    gennaker()
        .args([
            "expr",
            "eval",
            "--context",
            "/nonexistent/context.json",
            "${a}",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot read context file"));
}

#[test]
fn a_context_that_is_not_an_object_is_a_usage_error() {
    gennaker()
        .args(["expr", "eval", "--context"])
        .arg(data("not-an-object.json"))
        .arg("${a}")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("must hold a JSON object"));
}

#[test]
fn an_unknown_stage_is_a_usage_error() {
    gennaker()
        .args(["expr", "eval", "--stage", "99", "--context"])
        .arg(data("execution.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no stage with refId or id `99`"));
}

#[test]
fn invalid_json_with_json_flag_is_a_usage_error() {
    gennaker()
        .args(["expr", "eval", "--json", "{nope"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("TEMPLATE is not valid JSON"));
}

#[test]
fn jsonl_and_a_template_conflict() {
    gennaker()
        .args(["expr", "eval", "--jsonl", "${1}"])
        .assert()
        .code(2);
}

/// Serves `body` to up to `count` requests on 127.0.0.1; returns the base URL.
fn serve(body: &'static str, count: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").expect("binds to loopback");
    let address = listener.local_addr().expect("has an address");
    thread::spawn(move || {
        for stream in listener.incoming().take(count) {
            let Ok(mut stream) = stream else { continue };
            let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
            let mut request = [0u8; 2048];
            let _ = stream.read(&mut request);
            let response = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let _ = stream.write_all(response.as_bytes());
        }
    });
    format!("http://{address}")
}

#[test]
fn url_helpers_fetch_from_an_allowed_host() {
    let base = serve("{\"version\": \"2.0\"}", 1);
    gennaker()
        .env("GENNAKER_CONFIG", data("allow-loopback.toml"))
        .args([
            "expr",
            "eval",
            &format!("${{#jsonFromUrl('{base}/v.json').version}}"),
        ])
        .assert()
        .code(0)
        .stdout("\"2.0\"\n");
}

#[test]
fn url_helpers_refuse_loopback_by_default() {
    gennaker()
        .args(["expr", "eval", "${#fromUrl('http://127.0.0.1:9/x')}"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "#from(http://127.0.0.1:9/x) failed",
        ))
        .stderr(predicate::str::contains("local or link-local"));
}

#[test]
fn url_helpers_can_be_turned_off() {
    gennaker()
        .env("GENNAKER_CONFIG", data("allow-loopback.toml"))
        .args([
            "expr",
            "eval",
            "--no-url-functions",
            "${#fromUrl('http://127.0.0.1:9/x')}",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("URL functions are turned off"));
}

#[test]
fn url_helpers_refuse_other_schemes() {
    gennaker()
        .args(["expr", "eval", "${#fromUrl('file:///etc/passwd')}"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("Scheme file is not allowed"));
}
