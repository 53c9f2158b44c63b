//! The command line itself: help, exit codes, colour, and the generated completions and man
//! pages that are committed under `completions/` and `man/`.

use crate::support::{Test, repo_root};

/// The completion files committed for each shell.
const COMPLETIONS: [(&str, &str); 5] = [
    ("bash", "gennaker.bash"),
    ("zsh", "_gennaker"),
    ("fish", "gennaker.fish"),
    ("powershell", "_gennaker.ps1"),
    ("elvish", "gennaker.elv"),
];

/// Set `GENNAKER_BLESS=1` to rewrite the committed files from the binary.
fn bless() -> bool {
    std::env::var_os("GENNAKER_BLESS").is_some()
}

#[test]
fn help_lists_the_exit_codes() {
    let outcome = Test::new().args(["--help"]).run().code(0);
    let expected = "Exit codes:\n  0  succeeded\n  \
        1  the pipeline ended TERMINAL (failed), or an expression failed to evaluate\n  \
        2  invalid input: usage, pipeline file, expression or config\n  \
        3  canceled, or stopped by a manual judgment\n  \
        4  could not reach or authenticate to a target\n  \
        5  internal error (a bug: please report it)\n";
    assert!(outcome.stdout.ends_with(expected), "{}", outcome.stdout);
}

#[test]
fn the_readme_documents_the_same_exit_codes() {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).expect("README.md");
    for (code, meaning) in [
        (0, "succeeded"),
        (
            1,
            "the pipeline ended TERMINAL (failed), or an expression failed to evaluate",
        ),
        (
            2,
            "invalid input: usage, pipeline file, expression or config",
        ),
        (3, "canceled, or stopped by a manual judgment"),
        (4, "could not reach or authenticate to a target"),
        (5, "internal error (a bug: please report it)"),
    ] {
        let row = format!("| {code} | {meaning} |");
        assert!(readme.contains(&row), "README.md lacks the row `{row}`");
    }
}

#[test]
fn usage_errors_exit_2() {
    let outcome = Test::new().args(["validate"]).run().code(2);
    assert!(
        outcome
            .stderr
            .contains("required arguments were not provided"),
        "{}",
        outcome.stderr
    );
    Test::new().args(["frobnicate"]).run().code(2);
}

#[test]
fn a_broken_config_file_is_invalid_input_naming_the_file() {
    let outcome = Test::new()
        .file("bad.toml", "[expressions]\nurl-functons = false\n")
        .args(["--config", "bad.toml", "config", "show"])
        .run()
        .code(2);
    assert!(
        outcome
            .stderr
            .starts_with("error: invalid config file `bad.toml`\n  caused by: "),
        "{}",
        outcome.stderr
    );
    assert!(
        outcome.stderr.contains("unknown field `url-functons`"),
        "{}",
        outcome.stderr
    );
}

#[test]
fn config_show_reports_where_things_live() {
    let test = Test::new().file(
        "my.toml",
        "[expressions]\nallowed-url-hosts = [\"127.0.0.1\"]\n",
    );
    let data = test.dir().join("data");
    let outcome = test
        .args([
            "--config",
            "my.toml",
            "--data-dir",
            data.to_str().unwrap(),
            "config",
            "show",
            "--output",
            "json",
        ])
        .run()
        .code(0);
    let shown = outcome.json();
    assert_eq!(shown["configFile"], "my.toml");
    assert_eq!(shown["configFileExists"], true);
    assert_eq!(shown["dataDir"], data.to_str().unwrap());
    assert_eq!(
        shown["interactive"], false,
        "tests have no terminal on stdin"
    );
    assert_eq!(
        shown["config"]["expressions"]["allowed-url-hosts"][0],
        "127.0.0.1"
    );
}

#[test]
fn color_is_used_only_when_asked_or_on_a_terminal() {
    let file = r#"{"stages": [{"refId": "1", "type": "wiat"}]}"#;
    let plain = Test::new()
        .file("p.json", file)
        .args(["validate", "p.json"])
        .run()
        .code(2);
    assert!(
        !plain.stderr.contains('\u{1b}'),
        "no colour when not a terminal: {:?}",
        plain.stderr
    );
    let forced = Test::new()
        .file("p.json", file)
        .args(["validate", "p.json", "--color", "always"])
        .run()
        .code(2);
    assert!(
        forced.stderr.contains("\u{1b}[1m\u{1b}[31merror"),
        "{:?}",
        forced.stderr
    );
}

#[test]
fn committed_completions_match_the_binary() {
    for (shell, file) in COMPLETIONS {
        let generated = Test::new()
            .args(["completions", shell])
            .run()
            .code(0)
            .stdout;
        let path = repo_root().join("completions").join(file);
        if bless() {
            std::fs::write(&path, &generated).expect("write completions");
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == generated,
            "completions/{file} is out of date: run `GENNAKER_BLESS=1 cargo test --test integration cli`"
        );
    }
}

#[test]
fn committed_man_pages_match_the_binary() {
    let test = Test::new().args(["man", "--out-dir", "man"]);
    let out = test.dir().join("man");
    std::fs::create_dir_all(&out).expect("man dir");
    test.run().code(0);
    let committed_dir = repo_root().join("man");
    let mut generated: Vec<String> = std::fs::read_dir(&out)
        .expect("generated pages")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    generated.sort();
    assert!(
        generated.contains(&"gennaker-validate.1".to_owned()),
        "{generated:?}"
    );
    if bless() {
        let _ = std::fs::remove_dir_all(&committed_dir);
        std::fs::create_dir_all(&committed_dir).expect("man dir");
        for name in &generated {
            std::fs::copy(out.join(name), committed_dir.join(name)).expect("copy page");
        }
    }
    let mut committed: Vec<String> = std::fs::read_dir(&committed_dir)
        .map(|entries| {
            entries
                .map(|entry| {
                    entry
                        .expect("entry")
                        .file_name()
                        .to_string_lossy()
                        .into_owned()
                })
                .collect()
        })
        .unwrap_or_default();
    committed.sort();
    assert_eq!(
        committed, generated,
        "man/ is out of date: run `GENNAKER_BLESS=1 cargo test --test integration cli`"
    );
    for name in &generated {
        let fresh = std::fs::read_to_string(out.join(name)).expect("generated page");
        let kept = std::fs::read_to_string(committed_dir.join(name)).expect("committed page");
        assert!(
            fresh == kept,
            "man/{name} is out of date: run `GENNAKER_BLESS=1 cargo test --test integration cli`"
        );
    }
}

#[test]
fn man_without_a_directory_prints_the_main_page() {
    let outcome = Test::new().args(["man"]).run().code(0);
    assert!(
        outcome.stdout.starts_with(".ie \\n(.g .ds Aq"),
        "{}",
        &outcome.stdout[..80.min(outcome.stdout.len())]
    );
    assert!(
        outcome.stdout.contains(".TH gennaker 1"),
        "roff title missing"
    );
}

/// The fenced `sh` blocks of README.md, each as one command line.
pub(crate) fn readme_commands() -> Vec<String> {
    let readme = std::fs::read_to_string(repo_root().join("README.md")).expect("README.md");
    readme
        .split("```sh\n")
        .skip(1)
        .filter_map(|block| block.split("```").next())
        .map(|b| b.trim().to_owned())
        .collect()
}

#[test]
fn ci_runs_exactly_the_readmes_test_command() {
    let commands = readme_commands();
    let test_command = commands
        .iter()
        .find(|command| command.starts_with("cargo test"))
        .expect("a test command in README");
    let ci = std::fs::read_to_string(repo_root().join(".ci/run")).expect(".ci/run");
    assert!(
        ci.lines().any(|line| line.trim() == test_command),
        ".ci/run does not run `{test_command}`"
    );
}
