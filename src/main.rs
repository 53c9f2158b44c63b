//! The `gennaker` binary: parse arguments, run, turn the outcome into an exit code.
//! Everything else lives in the library so integration tests and benchmarks reach it.

fn main() -> std::process::ExitCode {
    gennaker::main_entry()
}
