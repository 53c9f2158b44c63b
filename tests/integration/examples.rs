//! Every example in `pipelines/` validates cleanly, and every real Spinnaker sample in
//! `../shared/samples` loads (configs) or is refused as an execution (execution documents).

use crate::support::{Test, repo_root};

#[test]
fn every_example_pipeline_validates() {
    let dir = repo_root().join("pipelines");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("pipelines/")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 3,
        "expected the example pipelines, found {files:?}"
    );
    for file in files {
        let outcome = Test::new()
            .args(["validate", "--output", "json", file.to_str().unwrap()])
            .run();
        assert_eq!(
            outcome.code,
            0,
            "{} does not validate:\n{}",
            file.display(),
            outcome.stdout
        );
        assert_eq!(
            outcome.json(),
            serde_json::json!([]),
            "{} has warnings",
            file.display()
        );
        Test::new()
            .args(["plan", file.to_str().unwrap()])
            .run()
            .code(0);
    }
}

#[test]
fn every_shared_spinnaker_sample_loads_or_is_refused_as_an_execution() {
    let dir = repo_root().join("../shared/samples/spinnaker-pipelines");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("{} must sit beside the checkout: {error}", dir.display()))
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    files.sort();
    assert!(files.len() >= 20, "{files:?}");
    for file in files {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let outcome = Test::new()
            .args(["validate", "--output", "json", file.to_str().unwrap()])
            .run();
        let diagnostics = outcome.json();
        let messages: Vec<&str> = diagnostics
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["message"].as_str().unwrap())
            .collect();
        if name.contains("EXECUTION") {
            assert_eq!(
                messages,
                vec!["this is an execution (the record of a run), not a pipeline config"],
                "{name}"
            );
            continue;
        }
        // A config loads: any error is about a stage, never about the document itself.
        for diagnostic in diagnostics
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["severity"] == "error")
        {
            let path = diagnostic["path"].as_str().unwrap();
            assert!(
                path.contains("stages["),
                "{name}: document-level problem {diagnostic}"
            );
            let message = diagnostic["message"].as_str().unwrap();
            assert!(
                message.contains("is not supported by gennaker yet"),
                "{name}: unexpected problem {diagnostic}"
            );
        }
    }
}
