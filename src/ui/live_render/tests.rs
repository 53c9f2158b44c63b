//! Rendering of the live table, with fixed widths, times and time zone.

use std::sync::Arc;

use serde_json::json;

use super::*;
use crate::engine::event::Event;
use crate::ui::live_state::tests::{execution, stage, task};

/// 2024-06-01T12:00:00Z.
const T0: u64 = 1_717_243_200_000;

fn view(width: usize, height: Option<usize>, now: u64) -> View {
    View {
        width,
        height,
        now_ms: now,
        time_zone: TimeZone::UTC,
        color: false,
    }
}

/// Two parallel waits between a first and a last stage, the first wait running.
fn parallel_model() -> LiveModel {
    let mut model = LiveModel::default();
    let stages = vec![
        stage("1", "Pick a version", &[]),
        stage("east", "Roll out east", &["1"]),
        stage("west", "Roll out west", &["1"]),
        stage("join", "Both regions done", &["east", "west"]),
    ];
    model.apply(&Event::ExecutionStarted(Arc::new(execution(
        "Parallel branches",
        stages,
        T0,
    ))));
    let mut first = stage("1", "Pick a version", &[]);
    first.status = Status::Succeeded;
    first.start_time = Some(T0);
    first.end_time = Some(T0 + 120);
    model.apply(&Event::StageChanged(Box::new(first)));
    let mut east = stage("east", "Roll out east", &["1"]);
    east.status = Status::Running;
    east.start_time = Some(T0 + 120);
    east.tasks = vec![task("wait", Status::Running, Some(T0 + 120))];
    model.apply(&Event::StageChanged(Box::new(east)));
    model
}

#[test]
fn a_running_execution_shows_branches_tasks_and_ticking_durations() {
    let lines = frame(&parallel_model(), &view(80, Some(24), T0 + 2_500));
    assert_eq!(
        lines,
        vec![
            "Parallel branches · 01JEXECUTION0000000000000A",
            "RUNNING · 2.5s · started 12:00:00 · manual trigger (alice)",
            "",
            "  STAGE              STATUS       STARTED   DURATION",
            "  Pick a version     SUCCEEDED    12:00:00      0.1s",
            "┌ Roll out east      RUNNING      12:00:00      2.3s",
            "│   ⠋ wait           RUNNING                    2.3s",
            "└ Roll out west      NOT_STARTED",
            "  Both regions done  NOT_STARTED",
        ]
    );
    // A tick later only the durations (and the spinner) have moved.
    let later = frame(&parallel_model(), &view(80, Some(24), T0 + 3_000));
    assert_eq!(
        later[5],
        "┌ Roll out east      RUNNING      12:00:00      2.8s"
    );
    assert_eq!(
        later[6],
        "│   ⠹ wait           RUNNING                    2.8s"
    );
}

#[test]
fn a_failed_stage_shows_its_error_wrapped_under_it() {
    let mut model = parallel_model();
    let mut east = stage("east", "Roll out east", &["1"]);
    east.status = Status::Terminal;
    east.start_time = Some(T0 + 120);
    east.end_time = Some(T0 + 1_120);
    east.context.insert(
        "exception".to_owned(),
        json!({"details": {"error": "the deployment of hello-v003 never became healthy within the timeout of 10 minutes"}}),
    );
    model.apply(&Event::StageChanged(Box::new(east)));
    let lines = frame(&model, &view(60, Some(24), T0 + 2_000));
    assert_eq!(
        &lines[5..9],
        &[
            "┌ Roll out east      TERMINAL     12:00:00      1.0s",
            "│   ✗ the deployment of hello-v003 never became healthy",
            "│     within the timeout of 10 minutes",
            "└ Roll out west      NOT_STARTED",
        ]
    );
}

#[test]
fn failed_expressions_are_shown_under_their_stage() {
    let mut model = parallel_model();
    let mut first = stage("1", "Pick a version", &[]);
    first.status = Status::Succeeded;
    first.start_time = Some(T0);
    first.end_time = Some(T0 + 120);
    first.context.insert(
        "expressionEvaluationSummary".to_owned(),
        json!({"${trigger.parameters.version}": [{"level": "ERROR", "description": "no such parameter"}]}),
    );
    model.apply(&Event::StageChanged(Box::new(first)));
    let lines = frame(&model, &view(80, Some(24), T0 + 2_500));
    assert_eq!(
        lines[5],
        "    ! expression `${trigger.parameters.version}` failed: no such parameter"
    );
    assert!(lines[6].starts_with("┌ Roll out east"), "{lines:#?}");
}

#[test]
fn narrow_terminals_drop_the_started_column_then_cut_names() {
    let lines = frame(&parallel_model(), &view(40, Some(24), T0 + 2_500));
    assert_eq!(lines[3], "  STAGE            STATUS       DURATION");
    assert_eq!(lines[5], "┌ Roll out east    RUNNING          2.3s");
    assert_eq!(lines[8], "  Both regions d…  NOT_STARTED");
    assert!(lines.iter().all(|line| line.width() <= 40), "{lines:#?}");
    let tiny = frame(&parallel_model(), &view(20, Some(24), T0 + 2_500));
    assert!(tiny.iter().all(|line| line.width() <= 20), "{tiny:#?}");
    assert_eq!(tiny[0], "Parallel branches ·…");
}

#[test]
fn a_short_terminal_keeps_the_running_stage_and_counts_the_rest() {
    let mut model = LiveModel::default();
    let mut stages: Vec<StageExecution> = (0..20)
        .map(|index| {
            let requisites = if index == 0 {
                Vec::new()
            } else {
                vec![format!("s{}", index - 1)]
            };
            let refs: Vec<&str> = requisites.iter().map(String::as_str).collect();
            stage(&format!("s{index}"), &format!("Step {index}"), &refs)
        })
        .collect();
    for done in &mut stages[..12] {
        done.status = Status::Succeeded;
        done.start_time = Some(T0);
        done.end_time = Some(T0 + 1000);
    }
    stages[12].status = Status::Running;
    stages[12].start_time = Some(T0 + 1000);
    model.apply(&Event::ExecutionStarted(Arc::new(execution(
        "Long", stages, T0,
    ))));
    let lines = frame(&model, &view(80, Some(10), T0 + 1500));
    assert_eq!(lines.len(), 10);
    assert_eq!(lines[4], "  ⋮ 12 finished stages above");
    assert!(lines[5].starts_with("  Step 12"), "{lines:#?}");
    assert_eq!(lines[9], "  ⋮ 4 more stages below");
}

#[test]
fn synthetic_children_are_indented_under_their_parent() {
    let mut model = LiveModel::default();
    let mut parent = stage("1", "Check", &[]);
    parent.status = Status::Running;
    parent.start_time = Some(T0);
    model.apply(&Event::ExecutionStarted(Arc::new(execution(
        "p",
        vec![parent],
        T0,
    ))));
    for (index, status) in [(1, Status::Succeeded), (2, Status::Running)] {
        let mut child = stage(&format!("1<{index}"), &format!("Precondition {index}"), &[]);
        child.id = format!("child-{index}");
        child.parent_stage_id = Some("id-1".to_owned());
        child.status = status;
        child.start_time = Some(T0);
        if status == Status::Succeeded {
            child.end_time = Some(T0 + 10);
        }
        model.apply(&Event::StageChanged(Box::new(child)));
    }
    let lines = frame(&model, &view(80, None, T0 + 1000));
    assert_eq!(
        &lines[4..],
        &[
            "  Check             RUNNING      12:00:00      1.0s",
            "  ├ Precondition 1  SUCCEEDED    12:00:00      0.0s",
            "  └ Precondition 2  RUNNING      12:00:00      1.0s",
        ]
    );
}

#[test]
fn the_summary_counts_statuses_or_says_who_canceled() {
    let mut model = parallel_model();
    let mut finished = execution("Parallel branches", model.stages().to_vec(), T0);
    for stage in &mut finished.stages {
        stage.status = Status::Succeeded;
    }
    finished.stages[3].status = Status::Skipped;
    finished.status = Status::Succeeded;
    finished.end_time = Some(T0 + 5_100);
    model.apply(&Event::ExecutionFinished(Arc::new(finished.clone())));
    assert_eq!(
        summary(&model, &view(120, None, T0 + 9_000)),
        [
            "✓ SUCCEEDED in 5.1s · 3 succeeded, 1 skipped · details: gennaker executions show 01JEXECUTION0000000000000A"
        ]
    );
    // Where it does not fit, the command goes on a line of its own, never cut.
    assert_eq!(
        summary(&model, &view(64, None, T0 + 9_000)),
        [
            "✓ SUCCEEDED in 5.1s · 3 succeeded, 1 skipped",
            "  details: gennaker executions show 01JEXECUTION0000000000000A"
        ]
    );
    assert_eq!(
        summary(&model, &view(56, None, T0 + 9_000))[1],
        "  gennaker executions show 01JEXECUTION0000000000000A"
    );
    assert_eq!(
        summary(&model, &view(30, None, T0 + 9_000))[1],
        "gennaker executions show 01JEXECUTION0000000000000A"
    );
    finished.status = Status::Canceled;
    finished.canceled_by = Some("alice".to_owned());
    finished.cancellation_reason = Some("interrupted (Ctrl-C)".to_owned());
    model.apply(&Event::ExecutionFinished(Arc::new(finished)));
    assert_eq!(
        summary(&model, &view(120, None, T0))[0],
        "✗ CANCELED in 5.1s · canceled by alice: interrupted (Ctrl-C)"
    );
}

#[test]
fn colour_styles_statuses_only_when_allowed() {
    let mut colored = view(80, Some(24), T0 + 2_500);
    colored.color = true;
    let lines = frame(&parallel_model(), &colored);
    let running = status_style(Status::Running);
    assert!(
        lines[5].contains(&format!("{running}RUNNING")),
        "{:?}",
        lines[5]
    );
    let plain = frame(&parallel_model(), &view(80, Some(24), T0 + 2_500));
    assert!(plain.iter().all(|line| !line.contains('\u{1b}')));
}

#[test]
fn escapes_in_names_from_the_pipeline_file_never_reach_the_terminal() {
    let mut model = LiveModel::default();
    let stages = vec![stage("1", "Bad\u{1b}[2Jname\nhere", &[])];
    model.apply(&Event::ExecutionStarted(Arc::new(execution(
        "p\u{7}", stages, T0,
    ))));
    let lines = frame(&model, &view(80, None, T0));
    assert!(lines.iter().all(|line| !line.chars().any(char::is_control)));
    assert_eq!(lines[4], "  Bad [2Jname here  NOT_STARTED");
}

#[test]
fn durations_tick_in_tenths_then_minutes_then_hours() {
    assert_eq!(elapsed(0), "0.0s");
    assert_eq!(elapsed(12_345), "12.3s");
    assert_eq!(elapsed(245_000), "4m 05s");
    assert_eq!(elapsed(7_620_000), "2h 07m");
}

#[test]
fn wrapping_cuts_long_words_and_marks_what_is_left_out() {
    assert_eq!(wrap("aaaa bbbb cccc", 9, 5), vec!["aaaa bbbb", "cccc"]);
    assert_eq!(wrap("abcdefghij", 4, 5), vec!["abcd", "efgh", "ij"]);
    assert_eq!(wrap("one two three four", 7, 2), vec!["one two", "three…"]);
}
