//! Runs the committed fuzz seed corpus (`fuzz/corpus/expr`) through the fuzz entry point, so
//! the normal test suite exercises what the cargo-fuzz target calls.

use std::path::PathBuf;

#[test]
fn every_seed_is_handled_without_panicking() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus/expr");
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the seed corpus exists")
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .collect();
    seeds.sort();
    assert!(seeds.len() >= 20, "the corpus has seeds");
    for seed in seeds {
        let data = std::fs::read(&seed).expect("seed is readable");
        gennaker::fuzz_expression(&data);
    }
}

#[test]
fn hostile_inputs_are_handled_without_panicking() {
    let inputs = [
        "${".repeat(5_000),
        format!("${{{}}}", "(".repeat(10_000)),
        format!("${{{}}}", "[".repeat(10_000)),
        format!("${{{}1}}", "-".repeat(10_000)),
        format!("${{{}}}", "{1,".repeat(3_000)),
        "${'a' matches '(a|aa)*b'}".to_owned(),
        format!("${{'{}' matches '(a|aa)*b'}}", "a".repeat(5_000)),
        "${new int[262144].![#this]}".to_owned(),
    ];
    for input in inputs {
        gennaker::fuzz_expression(input.as_bytes());
    }
}
