//! The single integration-test binary: each module drives the real `gennaker` binary.
//!
//! - `expr`: `gennaker expr eval` (templates, `--context`, `--stage`, `--json`, `--jsonl`,
//!   URL helpers, exit codes).

mod expr;
