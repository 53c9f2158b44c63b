//! Parses and evaluates arbitrary bytes as a pipeline-expression template.
//! Run with `cargo +nightly fuzz run expr fuzz/corpus/expr`.

#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    gennaker::fuzz_expression(data);
});
