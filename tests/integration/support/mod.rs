//! A small DSL for running the binary in a scratch directory and asserting on what a user sees.

use std::path::{Path, PathBuf};

/// One invocation of `gennaker`, with the files it should find in its working directory.
pub(crate) struct Test {
    dir: tempfile::TempDir,
    args: Vec<String>,
    envs: Vec<(String, String)>,
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
            envs: Vec::new(),
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

    /// Sets an environment variable for the run (after the clean-up of the environment).
    pub(crate) fn env(mut self, key: &str, value: &str) -> Self {
        self.envs.push((key.to_owned(), value.to_owned()));
        self
    }

    pub(crate) fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// A `gennaker` command with the same working directory and environment as [`Test::run`].
    pub(crate) fn command(&self, args: &[&str]) -> std::process::Command {
        let mut command = std::process::Command::new(assert_cmd::cargo::cargo_bin("gennaker"));
        command.current_dir(self.dir.path()).args(args);
        self.clean_env(&mut command);
        command
    }

    /// Runs `args` like [`Test::run`] but with other arguments, in the same directory.
    pub(crate) fn again(&self, args: &[&str]) -> Outcome {
        let output = self.command(args).output().expect("run gennaker");
        Outcome {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    fn clean_env(&self, command: &mut std::process::Command) {
        command
            .env_remove("NO_COLOR")
            .env_remove("CLICOLOR")
            .env_remove("RUST_LOG")
            .env_remove("GENNAKER_CONFIG")
            .env_remove("CI")
            .env("USER", "tester")
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join(".config"))
            .env("GENNAKER_DATA_DIR", self.dir.path().join(".data"))
            .env("COLUMNS", "200");
        for (key, value) in &self.envs {
            command.env(key, value);
        }
    }

    /// Runs the binary with a clean, predictable environment.
    pub(crate) fn run(&self) -> Outcome {
        let args: Vec<&str> = self.args.iter().map(String::as_str).collect();
        self.again(&args)
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
