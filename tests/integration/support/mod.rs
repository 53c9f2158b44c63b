//! A small DSL for running the binary in a scratch directory and asserting on what a user sees.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// One invocation of `gennaker`, with the files it should find in its working directory.
pub(crate) struct Test {
    dir: tempfile::TempDir,
    args: Vec<String>,
}

/// What the invocation did.
#[derive(Debug)]
pub(crate) struct Outcome {
    pub(crate) code: i32,
    pub(crate) stdout: String,
    pub(crate) stderr: String,
}

impl Test {
    pub(crate) fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temporary directory"),
            args: Vec::new(),
        }
    }

    /// Writes `contents` to `name` in the working directory.
    pub(crate) fn file(self, name: &str, contents: &str) -> Self {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create parent");
        }
        std::fs::write(path, contents).expect("write test file");
        self
    }

    pub(crate) fn args<I: IntoIterator<Item = S>, S: AsRef<str>>(mut self, args: I) -> Self {
        self.args
            .extend(args.into_iter().map(|arg| arg.as_ref().to_owned()));
        self
    }

    pub(crate) fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// Runs the binary with a clean, predictable environment.
    pub(crate) fn run(&self) -> Outcome {
        let mut command = Command::cargo_bin("gennaker").expect("gennaker binary");
        command
            .current_dir(self.dir.path())
            .args(&self.args)
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR")
            .env_remove("RUST_LOG")
            .env("GENNAKER_DATA_DIR", self.dir.path().join(".data"))
            .env_remove("GENNAKER_CONFIG")
            .env_remove("CI")
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join(".config"))
            .env("COLUMNS", "200");
        let output = command.output().expect("run gennaker");
        Outcome {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

impl Outcome {
    /// Asserts the exit code, showing the output when it differs.
    #[track_caller]
    pub(crate) fn code(self, expected: i32) -> Self {
        assert_eq!(
            self.code, expected,
            "exit code {} (expected {expected})\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        );
        self
    }

    /// The stdout parsed as JSON.
    #[track_caller]
    pub(crate) fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|error| panic!("stdout is not JSON ({error}):\n{}", self.stdout))
    }
}

/// The root of this repository.
pub(crate) fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}
