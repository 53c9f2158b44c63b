//! `gennaker run` at a terminal: the real binary in a pseudo-terminal of a fixed size, its
//! output read back through a terminal emulator, so the assertions are about the screen a
//! person would see — the live table, the prompt of a manual judgment, the final table.

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

use expectrl::process::unix::WaitStatus;
use expectrl::session::OsSession;
use expectrl::{Eof, Expect, Session};

const COLUMNS: u16 = 80;
const ROWS: u16 = 24;

/// Two waits that run side by side between a first and a last stage.
const PARALLEL: &str = r#"{
  "application": "hello",
  "name": "Parallel waits",
  "stages": [
    {"refId": "1", "requisiteStageRefIds": [], "type": "wait", "name": "Prepare", "waitTime": 0},
    {"refId": "east", "requisiteStageRefIds": ["1"], "type": "wait", "name": "Wait east", "waitTime": 1},
    {"refId": "west", "requisiteStageRefIds": ["1"], "type": "wait", "name": "Wait west", "waitTime": 1},
    {"refId": "done", "requisiteStageRefIds": ["east", "west"], "type": "wait", "name": "Finish", "waitTime": 0}
  ]
}"#;

/// A manual judgment between two stages.
const JUDGMENT: &str = r#"{
  "application": "hello",
  "name": "Judged",
  "stages": [
    {"refId": "1", "requisiteStageRefIds": [], "type": "wait", "name": "Build", "waitTime": 0},
    {"refId": "2", "requisiteStageRefIds": ["1"], "type": "manualJudgment", "name": "Go / No go",
     "instructions": "Check the dashboards.", "failPipeline": true},
    {"refId": "3", "requisiteStageRefIds": ["2"], "type": "wait", "name": "Promote", "waitTime": 0}
  ]
}"#;

/// One `gennaker` process in a pseudo-terminal, and the screen it has drawn so far.
struct Terminal {
    session: OsSession,
    screen: vt100::Parser,
    /// Everything the process wrote, escapes included.
    raw: Vec<u8>,
}

/// A scratch directory with a pipeline file and a data directory of its own.
struct Scratch {
    dir: tempfile::TempDir,
}

impl Scratch {
    fn with_pipeline(contents: &str) -> Self {
        let dir = tempfile::tempdir().expect("temporary directory");
        std::fs::write(dir.path().join("pipeline.json"), contents).expect("write pipeline");
        Self { dir }
    }

    fn data_dir(&self) -> PathBuf {
        self.dir.path().join(".data")
    }

    /// `gennaker ARGS` with a clean environment of its own.
    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_gennaker"));
        command
            .args(args)
            .current_dir(self.dir.path())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path().join(".config"))
            .env("GENNAKER_DATA_DIR", self.data_dir())
            .env("USER", "tester")
            .env("TERM", "xterm-256color");
        command
    }

    /// Starts `gennaker ARGS` in a pseudo-terminal of `COLUMNS` x `ROWS`.
    fn spawn(&self, args: &[&str]) -> Terminal {
        self.spawn_with(args, &[])
    }

    /// Starts `gennaker ARGS` in a pseudo-terminal, with more environment variables.
    fn spawn_with(&self, args: &[&str], env: &[(&str, &str)]) -> Terminal {
        let mut command = self.command(args);
        command.envs(env.iter().copied());
        let mut session = Session::spawn(command).expect("spawn in a pty");
        session
            .get_process_mut()
            .set_window_size(COLUMNS, ROWS)
            .expect("window size");
        // Only a safety net against a hang: no assertion depends on how long anything takes.
        session.set_expect_timeout(Some(Duration::from_secs(120)));
        let size = |n: u16| std::num::NonZeroU16::new(n).expect("a size");
        Terminal {
            session,
            screen: vt100::Parser::new(size(ROWS), size(COLUMNS), 500),
            raw: Vec::new(),
        }
    }

    /// `gennaker executions show ID --output json`, parsed.
    fn execution(&self, id: &str) -> serde_json::Value {
        let output = self
            .command(&["executions", "show", id, "--output", "json"])
            .output()
            .expect("run executions show");
        assert!(output.status.success(), "{output:?}");
        serde_json::from_slice(&output.stdout).expect("JSON execution")
    }
}

impl Terminal {
    /// Waits until the output contains `text`, taking in everything up to it.
    #[track_caller]
    fn wait_for(&mut self, text: &str) {
        let found = self
            .session
            .expect(text)
            .unwrap_or_else(|error| panic!("waiting for {text:?}: {error}\n{}", self.shown()));
        self.take(found.as_bytes());
    }

    fn send(&mut self, keys: &str) {
        self.session.send(keys).expect("type into the pty");
    }

    /// Reads to the end of the output and returns the exit code.
    fn exit_code(&mut self) -> i32 {
        let rest = self
            .session
            .expect(Eof)
            .unwrap_or_else(|error| panic!("waiting for the end: {error}\n{}", self.shown()));
        self.take(rest.as_bytes());
        match self.session.get_process().wait().expect("exit status") {
            WaitStatus::Exited(_, code) => code,
            other => panic!("the process did not exit normally: {other:?}"),
        }
    }

    fn take(&mut self, bytes: &[u8]) {
        self.screen.process(bytes);
        self.raw.extend_from_slice(bytes);
    }

    /// The screen as text, one line per row, trailing blanks removed.
    fn shown(&self) -> String {
        let screen = self.screen.screen();
        let rows: Vec<String> = screen
            .rows(0, COLUMNS)
            .map(|row| row.trim_end().to_owned())
            .collect();
        rows.join("\n").trim_end().to_owned()
    }

    /// The execution id, from the summary line's `gennaker executions show ID`.
    fn execution_id(&self) -> String {
        let shown = self.shown();
        let (_, after) = shown
            .split_once("executions show ")
            .unwrap_or_else(|| panic!("no execution id on the screen:\n{shown}"));
        after
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect()
    }
}

fn statuses(execution: &serde_json::Value) -> Vec<(String, String)> {
    execution["stages"]
        .as_array()
        .expect("stages")
        .iter()
        .map(|stage| {
            (
                stage["name"].as_str().unwrap_or_default().to_owned(),
                stage["status"].as_str().unwrap_or_default().to_owned(),
            )
        })
        .collect()
}

fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
    expected
        .iter()
        .map(|(name, status)| ((*name).to_owned(), (*status).to_owned()))
        .collect()
}

#[test]
fn run_draws_a_live_table_and_leaves_the_final_one_on_screen() {
    let scratch = Scratch::with_pipeline(PARALLEL);
    let mut terminal = scratch.spawn(&["run", "pipeline.json"]);
    // The live table, while the waits run.
    terminal.wait_for("RUNNING");
    let code = terminal.exit_code();
    let shown = terminal.shown();
    assert_eq!(code, 0, "{shown}");

    // Every frame was drawn over the previous one: one header, one row per stage.
    assert_eq!(shown.matches("Parallel waits").count(), 1, "{shown}");
    assert_eq!(shown.matches("Wait east").count(), 1, "{shown}");
    let rows: Vec<&str> = shown.lines().collect();
    let row = |name: &str| -> &str {
        rows.iter()
            .find(|row| row.contains(name))
            .unwrap_or_else(|| panic!("no row for {name}:\n{shown}"))
    };
    assert!(row("Prepare").starts_with("  Prepare"), "{shown}");
    assert!(row("Wait east").starts_with("┌ Wait east"), "{shown}");
    assert!(row("Wait west").starts_with("└ Wait west"), "{shown}");
    for name in ["Prepare", "Wait east", "Wait west", "Finish"] {
        assert!(row(name).contains("SUCCEEDED"), "{shown}");
        assert!(!row(name).contains("RUNNING"), "{shown}");
    }
    assert!(rows[1].starts_with("SUCCEEDED · "), "{shown}");
    assert!(shown.contains("✓ SUCCEEDED in "), "{shown}");
    assert!(shown.contains("4 succeeded"), "{shown}");
    // Nothing sticks out of the window, and the cursor is visible again.
    assert!(
        rows.iter()
            .all(|row| row.chars().count() <= usize::from(COLUMNS))
    );
    assert!(
        !terminal.screen.screen().hide_cursor(),
        "the cursor stays hidden"
    );
    // Colour is on at a terminal.
    assert!(String::from_utf8_lossy(&terminal.raw).contains("\x1b[32mSUCCEEDED"));
}

#[test]
fn no_color_keeps_the_live_table_plain() {
    let scratch = Scratch::with_pipeline(PARALLEL);
    let mut command_args = vec!["run", "pipeline.json", "--color", "never"];
    let mut terminal = scratch.spawn(&command_args);
    terminal.wait_for("RUNNING");
    assert_eq!(terminal.exit_code(), 0, "{}", terminal.shown());
    let raw = String::from_utf8_lossy(&terminal.raw).into_owned();
    assert!(!raw.contains("\x1b[32m"), "colour despite --color never");
    assert!(terminal.shown().contains("✓ SUCCEEDED"));

    let mut no_color = scratch.spawn_with(&["run", "pipeline.json"], &[("NO_COLOR", "1")]);
    no_color.wait_for("RUNNING");
    assert_eq!(no_color.exit_code(), 0, "{}", no_color.shown());
    let raw = String::from_utf8_lossy(&no_color.raw).into_owned();
    assert!(!raw.contains("\x1b[32m"), "colour despite NO_COLOR");

    // `--output plain` at a terminal is the line-per-change log, nothing redrawn.
    command_args = vec![
        "run",
        "pipeline.json",
        "--output",
        "plain",
        "--color",
        "never",
    ];
    let mut plain = scratch.spawn(&command_args);
    assert_eq!(plain.exit_code(), 0, "{}", plain.shown());
    let raw = String::from_utf8_lossy(&plain.raw).into_owned();
    assert!(
        !raw.contains("\x1b[?2026h"),
        "the plain log redraws:\n{raw}"
    );
    assert!(raw.contains("stage `Wait east` SUCCEEDED"), "{raw}");
}

#[test]
fn a_judgment_answered_continue_at_the_prompt_lets_the_pipeline_go_on() {
    let scratch = Scratch::with_pipeline(JUDGMENT);
    let mut terminal = scratch.spawn(&["run", "pipeline.json"]);
    terminal.wait_for("Go / No go: go or no go?");
    terminal.wait_for("Stop");
    // Enter picks the highlighted first choice, Continue.
    terminal.send("\r");
    let code = terminal.exit_code();
    let shown = terminal.shown();
    assert_eq!(code, 0, "{shown}");
    assert!(
        shown.contains("Go / No go: go or no go? · Continue"),
        "{shown}"
    );
    // The table came back below the answered prompt, once.
    assert_eq!(shown.matches("Judged · ").count(), 1, "{shown}");
    let prompt_row = shown.find("go or no go?").expect("prompt on screen");
    let table_row = shown.find("Judged · ").expect("table on screen");
    assert!(prompt_row < table_row, "{shown}");

    let execution = scratch.execution(&terminal.execution_id());
    assert_eq!(execution["status"], "SUCCEEDED");
    assert_eq!(
        statuses(&execution),
        pairs(&[
            ("Build", "SUCCEEDED"),
            ("Go / No go", "SUCCEEDED"),
            ("Promote", "SUCCEEDED"),
        ])
    );
    assert_eq!(
        execution["stages"][1]["context"]["judgmentStatus"],
        "continue"
    );
}

#[test]
fn a_judgment_answered_stop_at_the_prompt_stops_the_pipeline_with_exit_code_3() {
    let scratch = Scratch::with_pipeline(JUDGMENT);
    let mut terminal = scratch.spawn(&["run", "pipeline.json"]);
    terminal.wait_for("Go / No go: go or no go?");
    terminal.wait_for("Stop");
    // Down to Stop, then Enter.
    terminal.send("\x1b[B");
    terminal.send("\r");
    let code = terminal.exit_code();
    let shown = terminal.shown();
    assert_eq!(code, 3, "{shown}");
    assert!(
        shown.contains("stopped at manual judgment `Go / No go`"),
        "{shown}"
    );

    let execution = scratch.execution(&terminal.execution_id());
    assert_eq!(execution["status"], "TERMINAL");
    assert_eq!(
        statuses(&execution),
        pairs(&[
            ("Build", "SUCCEEDED"),
            ("Go / No go", "TERMINAL"),
            ("Promote", "NOT_STARTED"),
        ])
    );
    assert_eq!(execution["stages"][1]["context"]["judgmentStatus"], "stop");
}

#[test]
fn a_failed_stage_shows_its_error_under_it_and_the_run_exits_1() {
    let scratch = Scratch::with_pipeline(
        r#"{
  "application": "hello",
  "name": "Failing check",
  "stages": [
    {"refId": "1", "requisiteStageRefIds": [], "type": "checkPreconditions", "name": "Version is ready",
     "preconditions": [{"type": "expression", "context": {"expression": "${1 == 2}"}, "failPipeline": true}]},
    {"refId": "2", "requisiteStageRefIds": ["1"], "type": "wait", "name": "Never", "waitTime": 0}
  ]
}"#,
    );
    let mut terminal = scratch.spawn(&["run", "pipeline.json"]);
    let code = terminal.exit_code();
    let shown = terminal.shown();
    assert_eq!(code, 1, "{shown}");
    let rows: Vec<&str> = shown.lines().collect();
    // The failing precondition, a synthetic stage, sits indented under its parent...
    let parent = rows
        .iter()
        .position(|row| row.starts_with("  Version is ready") && row.contains("TERMINAL"))
        .unwrap_or_else(|| panic!("no failed parent row:\n{shown}"));
    assert!(rows[parent + 1].starts_with("  └ "), "{shown}");
    assert!(rows[parent + 1].contains("TERMINAL"), "{shown}");
    // ...with the engine's error message right under it.
    assert!(rows[parent + 2].trim_start().starts_with("✗ "), "{shown}");
    assert!(rows[parent + 2].len() > "    ✗ ".len(), "{shown}");
    assert!(
        rows.iter()
            .any(|row| row.starts_with("  Never") && row.contains("NOT_STARTED")),
        "{shown}"
    );
    assert!(shown.contains("✗ TERMINAL in "), "{shown}");
}

#[test]
fn a_child_pipeline_is_shown_under_the_stage_that_started_it() {
    let scratch = Scratch::with_pipeline(
        r#"[
  {"application": "hello", "name": "Release", "id": "release", "stages": [
    {"refId": "1", "requisiteStageRefIds": [], "type": "pipeline", "name": "Deploy to staging",
     "pipeline": "Deploy", "waitForCompletion": true},
    {"refId": "2", "requisiteStageRefIds": ["1"], "type": "wait", "name": "Done", "waitTime": 0}
  ]},
  {"application": "hello", "name": "Deploy", "id": "deploy", "stages": [
    {"refId": "a", "requisiteStageRefIds": [], "type": "wait", "name": "Roll out", "waitTime": 0},
    {"refId": "b", "requisiteStageRefIds": ["a"], "type": "wait", "name": "Verify", "waitTime": 0}
  ]}
]"#,
    );
    let mut terminal = scratch.spawn(&["run", "pipeline.json", "--pipeline", "Release"]);
    let code = terminal.exit_code();
    let shown = terminal.shown();
    assert_eq!(code, 0, "{shown}");
    let rows: Vec<&str> = shown.lines().collect();
    let parent = rows
        .iter()
        .position(|row| row.starts_with("  Deploy to staging"))
        .unwrap_or_else(|| panic!("no row for the pipeline stage:\n{shown}"));
    assert!(rows[parent + 1].starts_with("  ├ Roll out"), "{shown}");
    assert!(rows[parent + 2].starts_with("  └ Verify"), "{shown}");
    assert!(rows[parent + 3].starts_with("  Done"), "{shown}");
    for row in &rows[parent..=parent + 3] {
        assert!(row.contains("SUCCEEDED"), "{shown}");
    }
    // The summary counts the parent's own stages.
    assert!(shown.contains("2 succeeded"), "{shown}");
}

#[test]
fn missing_required_parameters_are_asked_for_at_the_terminal() {
    let pipeline = r#"{"name": "Asks", "parameterConfig": [
        {"name": "env", "label": "Environment", "required": true, "hasOptions": true,
         "options": [{"value": "dev"}, {"value": "prod"}]},
        {"name": "tag", "required": true, "description": "image tag"}],
      "stages": [{"refId": "1", "type": "evaluateVariables", "name": "Show",
                  "variables": [{"key": "picked", "value": "${parameters.env}-${parameters.tag}"}]}]}"#;
    let scratch = Scratch::with_pipeline(pipeline);
    let mut terminal = scratch.spawn(&["run", "pipeline.json"]);
    terminal.wait_for("Environment");
    terminal.wait_for("prod");
    // Down picks the second option, prod.
    terminal.send("\x1b[B");
    terminal.send("\r");
    terminal.wait_for("tag (image tag)");
    terminal.send("1.2.3\r");
    let code = terminal.exit_code();
    assert_eq!(code, 0, "{}", terminal.shown());
    let execution = scratch.execution(&terminal.execution_id());
    assert_eq!(execution["trigger"]["parameters"]["env"], "prod");
    assert_eq!(execution["stages"][0]["outputs"]["picked"], "prod-1.2.3");
}

#[test]
fn the_readmes_first_command_deploys_hello_red_black_and_stops_at_the_go_no_go_prompt() {
    let commands = crate::cli::readme_commands();
    let first = commands.first().expect("a first command");
    let mut arguments: Vec<String> = first
        .strip_prefix("cargo run --release -- ")
        .expect("a cargo run command")
        .split(' ')
        .map(str::to_owned)
        .collect();
    let file = arguments.last_mut().expect("a pipeline file");
    *file = crate::support::repo_root()
        .join(&*file)
        .to_string_lossy()
        .into_owned();
    let scratch = Scratch::with_pipeline("{}");
    let arguments: Vec<&str> = arguments.iter().map(String::as_str).collect();
    let mut terminal = scratch.spawn_with(&arguments, &[("GENNAKER_SANDBOX_IDLE_EXIT", "60")]);
    terminal.wait_for("Go / No go: go or no go?");
    terminal.wait_for("Stop");
    // Enter picks the first choice: continue, promoting the new version.
    terminal.send("\r");
    let code = terminal.exit_code();
    let shown = terminal.shown();
    let clusters = scratch
        .command(&["clusters", "hello", "--output", "json"])
        .output()
        .expect("run clusters");
    let _ = scratch.command(&["sandbox", "stop"]).output();
    assert_eq!(code, 0, "{shown}");
    assert!(shown.contains("SUCCEEDED"), "{shown}");
    let groups: serde_json::Value = serde_json::from_slice(&clusters.stdout).expect("JSON");
    assert_eq!(groups[0]["serverGroup"], "hello-v000", "{groups}");
    assert_eq!(groups[0]["enabled"], true, "{groups}");
}
