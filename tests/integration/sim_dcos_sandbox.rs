//! `gennaker sandbox serve` through the real binary: the first stdout line names the simulated
//! clusters, they answer, and SIGTERM stops the process cleanly.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use serde_json::Value;

/// The server process, killed if a test fails before stopping it.
struct Served(Child);

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn serve(args: &[&str]) -> (Served, Value) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gennaker"))
        .args(["sandbox", "serve"])
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the binary starts");
    let stdout = child.stdout.take().expect("stdout is piped");
    let mut first = String::new();
    BufReader::new(stdout)
        .read_line(&mut first)
        .expect("a first line");
    let urls = serde_json::from_str(&first).expect("the first line is JSON");
    (Served(child), urls)
}

#[tokio::test]
async fn serve_prints_the_cluster_urls_first_and_stops_on_sigterm() {
    let (mut served, urls) = serve(&["--regions", "us-east-1,us-west-1"]);
    let clusters = urls["dcos"].as_object().expect("a dcos object");
    assert_eq!(
        clusters.keys().collect::<Vec<_>>(),
        ["us-east-1", "us-west-1"]
    );
    assert_eq!(urls.as_object().map(serde_json::Map::len), Some(2));
    let api = urls["cloudfoundry"]["api"]
        .as_str()
        .expect("the Cloud Controller URL");
    let root: Value = reqwest::get(format!("{api}/"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(root["links"]["uaa"]["href"], urls["cloudfoundry"]["uaa"]);
    for url in clusters.values() {
        let url = url.as_str().unwrap();
        assert!(url.starts_with("http://127.0.0.1:"));
        let info: Value = reqwest::get(format!("{url}/service/marathon/v2/info"))
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(info["name"], "marathon");
    }
    let stopped = Command::new("kill")
        .args(["-TERM", &served.0.id().to_string()])
        .status()
        .unwrap();
    assert!(stopped.success());
    let status = served.0.wait().unwrap();
    assert_eq!(status.code(), Some(0), "a clean shutdown");
}

#[tokio::test]
async fn serve_defaults_to_two_regions() {
    let (_served, urls) = serve(&[]);
    let regions: Vec<&String> = urls["dcos"].as_object().unwrap().keys().collect();
    assert_eq!(regions, ["us-east-1", "us-west-1"]);
}

#[test]
fn unusable_regions_are_invalid_input() {
    let output = Command::new(env!("CARGO_BIN_EXE_gennaker"))
        .args(["sandbox", "serve", "--regions", "us-east-1,us-east-1"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("given twice"));
}

#[test]
fn help_documents_the_first_line() {
    let output = Command::new(env!("CARGO_BIN_EXE_gennaker"))
        .args(["sandbox", "serve", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(help.contains("first line on stdout"), "{help}");
    assert!(help.contains("--regions"));
}
