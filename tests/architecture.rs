//! Guards the dependency direction of `../shared/design.md` §2: reads every file under `src/`
//! and fails on a `crate::` path into a module that the file's module may not use.

use std::path::Path;

/// The top-level modules each module may use (besides itself). Anything else is forbidden.
const ALLOWED: &[(&str, &[&str])] = &[
    ("main", &["app"]),
    // lib.rs also holds the narrow `internals` surface for benchmarks, fuzzing and tests.
    (
        "lib",
        &[
            "app",
            "pipeline",
            "expr",
            "simulator",
            "engine",
            "stages",
            "providers",
        ],
    ),
    ("app", &["cli", "commands", "exit_status", "settings", "ui"]),
    ("cli", &["exit_status"]),
    ("exit_status", &[]),
    ("settings", &["cli", "exit_status"]),
    (
        "commands",
        &[
            "cli",
            "exit_status",
            "settings",
            "ui",
            "history",
            "stages",
            "providers",
            "simulator",
            "engine",
            "pipeline",
            "expr",
        ],
    ),
    ("stages", &["engine", "providers", "expr"]),
    ("engine", &["pipeline", "expr"]),
    ("pipeline", &["expr"]),
    ("ui", &["engine", "cli"]),
    ("history", &["engine"]),
    ("providers", &[]),
    ("simulator", &[]),
    ("expr", &[]),
];

/// Modules that `ui` and `history` may reach inside `engine`: its event and status types, and
/// the execution document those events carry (`record`) — types only, never the scheduler.
const ENGINE_TYPES_ONLY: &[&str] = &["event", "status", "record"];

fn module_of(path: &Path, src: &Path) -> String {
    let relative = path.strip_prefix(src).expect("under src");
    let first = relative
        .components()
        .next()
        .expect("component")
        .as_os_str()
        .to_string_lossy();
    first.trim_end_matches(".rs").to_owned()
}

fn rust_files(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
}

/// Every `crate::a::b` path in `text`, as (a, b).
fn crate_paths(text: &str) -> Vec<(String, String)> {
    let mut paths = Vec::new();
    for (start, _) in text.match_indices("crate::") {
        let rest = &text[start + "crate::".len()..];
        let mut parts = rest.split("::").map(|part| {
            part.chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect::<String>()
        });
        let first = parts.next().unwrap_or_default();
        let second = parts.next().unwrap_or_default();
        paths.push((first, second));
    }
    paths
}

#[test]
fn modules_depend_only_in_the_designed_direction() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut violations = Vec::new();
    for file in &files {
        let module = module_of(file, &src);
        let Some((_, allowed)) = ALLOWED.iter().find(|(name, _)| *name == module) else {
            violations.push(format!(
                "{}: module `{module}` is not in the design's map",
                file.display()
            ));
            continue;
        };
        let text = std::fs::read_to_string(file).expect("readable file");
        for (target, inner) in crate_paths(&text) {
            if target == module || target.is_empty() {
                continue;
            }
            if !allowed.contains(&target.as_str()) {
                violations.push(format!(
                    "{}: `{module}` may not use `crate::{target}`",
                    file.display()
                ));
            } else if target == "engine"
                && matches!(module.as_str(), "ui" | "history")
                && !ENGINE_TYPES_ONLY.contains(&inner.as_str())
            {
                violations.push(format!("{}: `{module}` may use only engine event and status types, not `crate::engine::{inner}`", file.display()));
            }
        }
    }
    assert!(
        violations.is_empty(),
        "dependency direction violated:\n{}",
        violations.join("\n")
    );
}

#[test]
fn the_guard_catches_a_forbidden_edge() {
    let paths = crate_paths("use crate::engine::scheduler::Scheduler;\nuse crate::{ui};");
    assert_eq!(paths[0], ("engine".to_owned(), "scheduler".to_owned()));
    let allowed_for_expr = ALLOWED.iter().find(|(name, _)| *name == "expr").unwrap().1;
    assert!(!allowed_for_expr.contains(&paths[0].0.as_str()));
}
