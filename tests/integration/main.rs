//! The single integration-test binary: each module drives the real `gennaker` binary.
//!
//! - `expr`: `gennaker expr eval` (templates, `--context`, `--stage`, `--json`, `--jsonl`,
//!   URL helpers, exit codes).
//! - `expr_fuzz`: the fuzz seed corpus and hostile inputs through the fuzz entry point.

mod expr;
mod expr_fuzz;
