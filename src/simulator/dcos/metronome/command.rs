//! The job command convention: how a simulated Metronome run decides its exit status, its
//! output and the files it leaves in its Mesos sandbox.
//!
//! The simulator does not run anything. It reads the job's `run.cmd` as a tiny subset of POSIX
//! shell, enough for the commands pipelines really give smoke-test and property-file jobs:
//!
//! - commands are separated by newlines, `;`, `&&` and `||` (with the shell's meaning);
//! - `echo [-n] WORDS…` and `printf FORMAT [ARGS…]` (`%s`, `\n`, `\t`) write to stdout, or to a
//!   file with `> FILE` / `>> FILE`, or to stderr with `>&2` / `1>&2`;
//! - `touch FILE` creates an empty file; `exit N` stops with status N; `true`, `false` and `:`
//!   do what they say; `sleep N` makes the run last N more (simulated) seconds;
//! - `$VAR` and `${VAR}` expand from `run.env` plus `MESOS_SANDBOX`, `MESOS_TASK_ID` and
//!   `METRONOME_JOB_ID` (not inside single quotes);
//! - any other command succeeds silently.
//!
//! File names are relative to the sandbox; `$MESOS_SANDBOX/` and `./` prefixes are dropped.
//! `docs/simulators.md` documents the same convention for operators.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// What a simulated command did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub(crate) struct CommandOutcome {
    /// Exit status; non-zero fails the run.
    pub(crate) exit_code: i32,
    /// Files written, by name relative to the sandbox.
    pub(crate) files: BTreeMap<String, String>,
    /// Standard output.
    pub(crate) stdout: String,
    /// Standard error.
    pub(crate) stderr: String,
    /// Extra run time asked for with `sleep`.
    pub(crate) sleep_ms: u64,
}

/// How one command is joined to the previous one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Join {
    Always,
    IfSucceeded,
    IfFailed,
}

/// A word of a command: its text and whether it was an unquoted operator.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Word {
    Text(String),
    Operator(&'static str),
}

/// Simulates `cmd` with `env` (the sandbox directory in `MESOS_SANDBOX`).
pub(crate) fn simulate(cmd: &str, env: &BTreeMap<String, String>) -> CommandOutcome {
    let sandbox = env.get("MESOS_SANDBOX").cloned().unwrap_or_default();
    let mut outcome = CommandOutcome::default();
    let mut status = 0;
    for (join, words) in split(&tokenize(cmd, env)) {
        let run = match join {
            Join::Always => true,
            Join::IfSucceeded => status == 0,
            Join::IfFailed => status != 0,
        };
        if !run || words.is_empty() {
            continue;
        }
        match execute(&words, &sandbox, &mut outcome) {
            Step::Continue(code) => status = code,
            Step::Exit(code) => {
                status = code;
                break;
            }
        }
    }
    outcome.exit_code = status;
    outcome
}

enum Step {
    Continue(i32),
    Exit(i32),
}

fn execute(words: &[Word], sandbox: &str, outcome: &mut CommandOutcome) -> Step {
    let mut arguments = Vec::new();
    let mut target = Target::Stdout;
    let mut iter = words.iter();
    while let Some(word) = iter.next() {
        match word {
            Word::Operator(">" | ">>") => {
                let append = *word == Word::Operator(">>");
                if let Some(Word::Text(name)) = iter.next() {
                    target = Target::File(file_name(name, sandbox), append);
                }
            }
            Word::Operator(">&2") => target = Target::Stderr,
            Word::Operator("2>") => {
                iter.next();
            }
            Word::Operator(_) => {}
            Word::Text(text) => arguments.push(text.clone()),
        }
    }
    let Some((program, arguments)) = arguments.split_first() else {
        return Step::Continue(0);
    };
    let text = match program.as_str() {
        "exit" => {
            let code = arguments
                .first()
                .and_then(|code| code.parse().ok())
                .unwrap_or(0);
            return Step::Exit(code);
        }
        "false" => return Step::Continue(1),
        "sleep" => {
            let seconds: f64 = arguments
                .first()
                .and_then(|s| s.parse().ok())
                .unwrap_or(0.0);
            // Whole milliseconds are plenty; negative or absurd values are ignored.
            if seconds.is_finite() && seconds > 0.0 {
                outcome.sleep_ms = outcome.sleep_ms.saturating_add(
                    format!("{:.0}", seconds * 1000.0)
                        .parse::<u64>()
                        .unwrap_or(0),
                );
            }
            return Step::Continue(0);
        }
        "touch" => {
            for name in arguments {
                outcome.files.entry(file_name(name, sandbox)).or_default();
            }
            return Step::Continue(0);
        }
        "echo" => echo(arguments),
        "printf" => printf(arguments),
        // `true`, `:` and every command the convention does not know succeed silently.
        _ => return Step::Continue(0),
    };
    match target {
        Target::Stdout => outcome.stdout.push_str(&text),
        Target::Stderr => outcome.stderr.push_str(&text),
        Target::File(name, append) => {
            let file = outcome.files.entry(name).or_default();
            if !append {
                file.clear();
            }
            file.push_str(&text);
        }
    }
    Step::Continue(0)
}

enum Target {
    Stdout,
    Stderr,
    File(String, bool),
}

fn echo(arguments: &[String]) -> String {
    match arguments.split_first() {
        Some((flag, rest)) if flag == "-n" => rest.join(" "),
        _ => format!("{}\n", arguments.join(" ")),
    }
}

fn printf(arguments: &[String]) -> String {
    let Some((format, values)) = arguments.split_first() else {
        return String::new();
    };
    let mut values = values.iter();
    let mut out = String::new();
    let mut chars = format.chars();
    while let Some(c) = chars.next() {
        match (c, chars.clone().next()) {
            ('\\', Some('n')) => {
                out.push('\n');
                chars.next();
            }
            ('\\', Some('t')) => {
                out.push('\t');
                chars.next();
            }
            ('%', Some('s')) => {
                out.push_str(values.next().map_or("", String::as_str));
                chars.next();
            }
            ('%', Some('%')) => {
                out.push('%');
                chars.next();
            }
            _ => out.push(c),
        }
    }
    out
}

fn file_name(name: &str, sandbox: &str) -> String {
    let name = name.strip_prefix(sandbox).unwrap_or(name);
    let name = name.trim_start_matches('/');
    name.strip_prefix("./").unwrap_or(name).to_owned()
}

/// Splits words into commands and how each joins the previous one.
fn split(words: &[Word]) -> Vec<(Join, Vec<Word>)> {
    let mut commands = Vec::new();
    let mut join = Join::Always;
    let mut current = Vec::new();
    for word in words {
        let next = match word {
            Word::Operator(";") => Some(Join::Always),
            Word::Operator("&&") => Some(Join::IfSucceeded),
            Word::Operator("||") => Some(Join::IfFailed),
            _ => None,
        };
        match next {
            Some(next) => {
                commands.push((join, std::mem::take(&mut current)));
                join = next;
            }
            None => current.push(word.clone()),
        }
    }
    commands.push((join, current));
    commands
}

/// Breaks `cmd` into words and operators, honouring quotes and expanding variables.
fn tokenize(cmd: &str, env: &BTreeMap<String, String>) -> Vec<Word> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut in_word = false;
    let mut chars = cmd.chars().peekable();
    let finish = |words: &mut Vec<Word>, current: &mut String, in_word: &mut bool| {
        if *in_word {
            words.push(Word::Text(std::mem::take(current)));
            *in_word = false;
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                for quoted in chars.by_ref() {
                    if quoted == '\'' {
                        break;
                    }
                    current.push(quoted);
                }
            }
            '"' => {
                in_word = true;
                while let Some(quoted) = chars.next() {
                    match quoted {
                        '"' => break,
                        '\\' => {
                            if let Some(escaped) = chars.next() {
                                current.push(escaped);
                            }
                        }
                        '$' => current.push_str(&expand(&mut chars, env)),
                        other => current.push(other),
                    }
                }
            }
            '$' => {
                in_word = true;
                current.push_str(&expand(&mut chars, env));
            }
            '\\' => {
                in_word = true;
                if let Some(escaped) = chars.next() {
                    current.push(escaped);
                }
            }
            ' ' | '\t' => finish(&mut words, &mut current, &mut in_word),
            '\n' | ';' => {
                finish(&mut words, &mut current, &mut in_word);
                words.push(Word::Operator(";"));
            }
            '&' if chars.peek() == Some(&'&') => {
                chars.next();
                finish(&mut words, &mut current, &mut in_word);
                words.push(Word::Operator("&&"));
            }
            '|' if chars.peek() == Some(&'|') => {
                chars.next();
                finish(&mut words, &mut current, &mut in_word);
                words.push(Word::Operator("||"));
            }
            '>' | '1' | '2' if starts_redirect(c, &chars) => {
                finish(&mut words, &mut current, &mut in_word);
                words.push(redirect(c, &mut chars));
            }
            other => {
                in_word = true;
                current.push(other);
            }
        }
    }
    finish(&mut words, &mut current, &mut in_word);
    words
}

fn starts_redirect(c: char, chars: &std::iter::Peekable<std::str::Chars<'_>>) -> bool {
    c == '>' || chars.clone().next() == Some('>')
}

fn redirect(c: char, chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Word {
    let descriptor = if c == '>' {
        '1'
    } else {
        chars.next();
        c
    };
    if chars.peek() == Some(&'&') {
        chars.next();
        let to = chars.next();
        return if to == Some('2') {
            Word::Operator(">&2")
        } else {
            Word::Operator("")
        };
    }
    let append = if chars.peek() == Some(&'>') {
        chars.next();
        true
    } else {
        false
    };
    match (descriptor, append) {
        // Redirecting stderr to a file is accepted and its text dropped: only echo/printf
        // write, and they write to stdout.
        ('2', _) => Word::Operator("2>"),
        (_, true) => Word::Operator(">>"),
        (_, false) => Word::Operator(">"),
    }
}

fn expand(
    chars: &mut std::iter::Peekable<std::str::Chars<'_>>,
    env: &BTreeMap<String, String>,
) -> String {
    let braced = chars.peek() == Some(&'{');
    if braced {
        chars.next();
    }
    let mut name = String::new();
    while let Some(&c) = chars.peek() {
        if c.is_ascii_alphanumeric() || c == '_' {
            name.push(c);
            chars.next();
        } else {
            break;
        }
    }
    if braced && chars.peek() == Some(&'}') {
        chars.next();
    }
    if name.is_empty() {
        return "$".to_owned();
    }
    env.get(&name).cloned().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(cmd: &str) -> CommandOutcome {
        let env = BTreeMap::from([
            ("MESOS_SANDBOX".to_owned(), "/sandbox".to_owned()),
            ("VERSION".to_owned(), "1.2.3".to_owned()),
        ]);
        simulate(cmd, &env)
    }

    #[test]
    fn echo_writes_property_files_with_expansion() {
        let outcome = run(
            "echo \"version=$VERSION\" > out.properties && echo 'ok=${X}' >> $MESOS_SANDBOX/out.properties",
        );
        assert_eq!(outcome.exit_code, 0);
        assert_eq!(outcome.files["out.properties"], "version=1.2.3\nok=${X}\n");
    }

    #[test]
    fn exit_status_and_stderr_come_from_the_command() {
        let outcome = run("echo starting; echo boom >&2; exit 3; echo never");
        assert_eq!(outcome.exit_code, 3);
        assert_eq!(outcome.stdout, "starting\n");
        assert_eq!(outcome.stderr, "boom\n");
    }

    #[test]
    fn and_or_chains_follow_the_shell() {
        assert_eq!(run("false && echo no").stdout, "");
        assert_eq!(run("false || echo yes").stdout, "yes\n");
        assert_eq!(run("false || true").exit_code, 0);
        assert_eq!(run("./smoke-test.sh --fast").exit_code, 0);
    }

    #[test]
    fn printf_sleep_and_touch() {
        let outcome = run("printf '{\"a\": \"%s\"}\\n' x > result.json; sleep 1.5; touch done");
        assert_eq!(outcome.files["result.json"], "{\"a\": \"x\"}\n");
        assert_eq!(outcome.sleep_ms, 1500);
        assert_eq!(outcome.files["done"], "");
    }
}
