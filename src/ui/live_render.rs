//! Draws a [`LiveModel`] as lines of text that fit a terminal: the header, one row per stage
//! (tree-shaped, parallel stages bracketed), tasks under running stages, errors under failed
//! ones, and the summary line printed after the final table.
//!
//! Everything here is pure: the width, the height, the time and the time zone come in through
//! a [`View`], so the same model always draws the same lines.

use anstyle::{AnsiColor, Style};
use jiff::tz::TimeZone;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use crate::engine::record::StageExecution;
use crate::engine::status::Status;
use crate::ui::execution_log::{error_of, failed_expressions, status_style, trigger_text};
use crate::ui::live_state::{Branch, Entry, LiveModel, status_counts};

/// What to draw for: the terminal's size, the time, and whether colour is allowed.
#[derive(Debug, Clone)]
pub(crate) struct View {
    /// Columns available; every line is cut to fit.
    pub(crate) width: usize,
    /// Rows available, or `None` to draw everything (the final table, which scrolls).
    pub(crate) height: Option<usize>,
    /// Now, epoch milliseconds: running durations count up to it.
    pub(crate) now_ms: u64,
    /// The zone in which start times are shown.
    pub(crate) time_zone: TimeZone,
    /// Whether to emit ANSI styles.
    pub(crate) color: bool,
}

/// How many lines of an error are shown under a failed stage in the live table.
const ERROR_LINES_LIVE: usize = 3;
/// How many in the final table, which scrolls.
const ERROR_LINES_FINAL: usize = 10;
const STARTED_WIDTH: usize = 8;
const DURATION_WIDTH: usize = 8;
const GAP: &str = "  ";
const SPINNER: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/// The header and the stage rows, cut to `view.height` when it is set.
pub(crate) fn frame(model: &LiveModel, view: &View) -> Vec<String> {
    let entries = model.entries();
    let columns = Columns::fit(&entries, view.width);
    let mut header = header_lines(model, view);
    header.push(Line::default());
    header.push(columns.heading());
    let groups: Vec<Vec<Line>> = entries
        .iter()
        .map(|entry| stage_lines(entry, &columns, view))
        .collect();
    let body = match view.height {
        Some(height) => fit_height(&entries, groups, height.saturating_sub(header.len())),
        None => groups.into_iter().flatten().collect(),
    };
    let mut lines: Vec<String> = header
        .iter()
        .chain(body.iter())
        .map(|line| line.render(view.width, view.color))
        .collect();
    if let Some(height) = view.height {
        lines.truncate(height.max(1));
    }
    lines
}

/// What is printed under the final table: the outcome, e.g. `✓ SUCCEEDED in 5.1s · 4
/// succeeded, 1 skipped`, and where to find the details — on the same line when it fits.
pub(crate) fn summary(model: &LiveModel, view: &View) -> Vec<String> {
    let Some(execution) = model.execution() else {
        return Vec::new();
    };
    let status = execution.status;
    let glyph = match status {
        Status::Succeeded => "✓",
        Status::Terminal | Status::Canceled => "✗",
        _ => "■",
    };
    let style = status_style(status);
    let mut line = Line::default();
    line.push(format!("{glyph} "), style);
    line.push(status.name(), style.bold());
    let end = execution.end_time.unwrap_or(view.now_ms);
    if let Some(start) = execution.start_time {
        line.plain(format!(" in {}", elapsed(end.saturating_sub(start))));
    }
    line.plain(" · ");
    let stopped_at = model.stages().iter().find(|stage| {
        stage.stage_type == "manualJudgment"
            && stage.status == Status::Terminal
            && stage.context.get("judgmentStatus").and_then(|v| v.as_str()) == Some("stop")
    });
    if let Some(reason) = &execution.cancellation_reason {
        let by = execution.canceled_by.as_deref().unwrap_or("someone");
        line.plain(format!("canceled by {by}: {reason}"));
    } else if let Some(stage) = stopped_at {
        line.plain(format!("stopped at manual judgment `{}`", stage.name));
    } else {
        let counts: Vec<String> = status_counts(model.stages())
            .into_iter()
            .map(|(status, count)| {
                format!("{count} {}", status.name().to_lowercase().replace('_', " "))
            })
            .collect();
        line.plain(counts.join(", "));
    }
    let details = format!("details: gennaker executions show {}", execution.id);
    let dim = Style::new().dimmed();
    if line.width() + 3 + details.width() <= view.width {
        line.push(format!(" · {details}"), dim);
        vec![line.render(view.width, view.color)]
    } else {
        // Never cut: the id is there to be copied. A shorter wording where it helps, and the
        // terminal wraps what is still too long (this line is printed once, after the live
        // region is gone).
        let command = format!("gennaker executions show {}", execution.id);
        let text = [format!("  {details}"), format!("  {command}")]
            .into_iter()
            .find(|text| text.width() <= view.width)
            .unwrap_or(command);
        let mut second = Line::default();
        second.push(text, dim);
        vec![
            line.render(view.width, view.color),
            second.render(usize::MAX, view.color),
        ]
    }
}

fn header_lines(model: &LiveModel, view: &View) -> Vec<Line> {
    let Some(execution) = model.execution() else {
        return vec![Line::default(), Line::default()];
    };
    let mut title = Line::default();
    title.push(
        execution.name.as_deref().unwrap_or("pipeline"),
        Style::new().bold(),
    );
    title.push(format!(" · {}", execution.id), Style::new().dimmed());
    // Most important first: a narrow terminal cuts the end of the line.
    let mut status = Line::default();
    status.push(execution.status.name(), status_style(execution.status));
    if let Some(start) = execution.start_time {
        let end = execution.end_time.unwrap_or(view.now_ms);
        status.plain(format!(" · {}", elapsed(end.saturating_sub(start))));
        status.plain(format!(" · started {}", clock_time(start, &view.time_zone)));
    }
    status.plain(format!(" · {}", trigger_text(execution)));
    vec![title, status]
}

/// The widths of the columns, chosen once per frame from the names and the terminal width.
#[derive(Debug)]
struct Columns {
    name: usize,
    status: usize,
    started: bool,
    duration: bool,
}

impl Columns {
    fn fit(entries: &[Entry<'_>], width: usize) -> Self {
        let longest_name = entries
            .iter()
            .flat_map(|entry| {
                let stage = name_prefix(entry).width() + entry.stage.name.width();
                let tasks = entry
                    .stage
                    .tasks
                    .iter()
                    .map(move |task| task_indent(entry.depth).width() + 2 + task.name.width());
                std::iter::once(stage).chain(tasks)
            })
            .max()
            .unwrap_or(0)
            .max("STAGE".len());
        let status = entries
            .iter()
            .map(|entry| entry.stage.status.name().len())
            .max()
            .unwrap_or(0)
            .max(Status::NotStarted.name().len());
        let mut columns = Self {
            name: 0,
            status,
            started: true,
            duration: true,
        };
        let mut available = columns.room(width);
        if available < 16 {
            columns.started = false;
            available = columns.room(width);
        }
        if available < 10 {
            columns.duration = false;
            available = columns.room(width);
        }
        columns.name = longest_name.min(available).max(4);
        columns
    }

    /// Columns left for the name at this terminal width.
    fn room(&self, width: usize) -> usize {
        let mut used = 2 + GAP.len() + self.status;
        if self.started {
            used += GAP.len() + STARTED_WIDTH;
        }
        if self.duration {
            used += GAP.len() + DURATION_WIDTH;
        }
        width.saturating_sub(used)
    }

    fn heading(&self) -> Line {
        let style = Style::new().dimmed();
        let mut line = Line::default();
        line.push(
            format!(
                "  {}{GAP}{}",
                pad("STAGE", self.name),
                pad("STATUS", self.status)
            ),
            style,
        );
        if self.started {
            line.push(format!("{GAP}{}", pad("STARTED", STARTED_WIDTH)), style);
        }
        if self.duration {
            line.push(format!("{GAP}{:>DURATION_WIDTH$}", "DURATION"), style);
        }
        line
    }

    /// A row: the gutter, the name cell, then status, started and duration cells.
    fn row(
        &self,
        gutter: &str,
        name: Vec<(String, Style)>,
        status: (&str, Style),
        started: &str,
        duration: &str,
    ) -> Line {
        let mut line = Line::default();
        line.push(gutter, Style::new().dimmed());
        line.push_cell(name, self.name);
        line.plain(GAP);
        line.push(pad(status.0, self.status), status.1);
        if self.started {
            line.plain(format!("{GAP}{}", pad(started, STARTED_WIDTH)));
        }
        if self.duration {
            line.plain(format!("{GAP}{duration:>DURATION_WIDTH$}"));
        }
        line
    }
}

/// The stage's row, then its tasks when it runs, or its error when it failed.
fn stage_lines(entry: &Entry<'_>, columns: &Columns, view: &View) -> Vec<Line> {
    let stage = entry.stage;
    let marker = match (entry.depth, entry.branch) {
        (0, Branch::First) => "┌ ",
        (0, Branch::Middle) => "├ ",
        (0, Branch::Last) => "└ ",
        (0, Branch::Alone) => "  ",
        _ => continuation(entry.branch),
    };
    let name = format!("{}{}", name_prefix(entry), stage.name);
    let name_style = if entry.depth == 0 {
        Style::new().bold()
    } else {
        Style::new()
    };
    let started = stage
        .start_time
        .map(|ms| clock_time(ms, &view.time_zone))
        .unwrap_or_default();
    let duration = stage_duration(stage, view.now_ms);
    let mut lines = vec![columns.row(
        marker,
        vec![(name, name_style)],
        (stage.status.name(), status_style(stage.status)),
        &started,
        &duration,
    )];
    let gutter = continuation(entry.branch);
    if matches!(stage.status, Status::Running | Status::Suspended) {
        let indent = task_indent(entry.depth);
        for task in &stage.tasks {
            let (glyph, style) = task_glyph(task.status, view.now_ms);
            let duration = match (task.start_time, task.end_time) {
                (Some(start), end) if task.status != Status::NotStarted => {
                    elapsed(end.unwrap_or(view.now_ms).saturating_sub(start))
                }
                _ => String::new(),
            };
            let name = vec![
                (indent.clone(), Style::new()),
                (glyph.to_owned(), style),
                (format!(" {}", task.name), Style::new()),
            ];
            lines.push(columns.row(
                gutter,
                name,
                (task.status.name(), Style::new().dimmed()),
                "",
                &duration,
            ));
        }
    }
    let limit = if view.height.is_some() {
        ERROR_LINES_LIVE
    } else {
        ERROR_LINES_FINAL
    };
    if (stage.status.is_halt() || stage.status == Status::FailedContinue)
        && let Some(error) = error_of(stage)
    {
        let style = AnsiColor::Red.on_default();
        lines.extend(note_lines(entry, view, ("✗ ", style), &error, limit));
    }
    // Expressions that did not evaluate: a warning, whatever became of the stage.
    for failure in failed_expressions(stage) {
        let style = AnsiColor::Yellow.on_default();
        lines.extend(note_lines(entry, view, ("! ", style), &failure, limit));
    }
    lines
}

/// A message under a stage's row (its error, a failed expression), wrapped to at most `limit`
/// lines after a marker glyph.
fn note_lines(
    entry: &Entry<'_>,
    view: &View,
    marker: (&str, Style),
    text: &str,
    limit: usize,
) -> Vec<Line> {
    let gutter = continuation(entry.branch);
    let indent = task_indent(entry.depth);
    let room = view
        .width
        .saturating_sub(gutter.width() + indent.width() + marker.0.width())
        .max(10);
    let (glyph, style) = marker;
    wrap(text, room, limit)
        .into_iter()
        .enumerate()
        .map(|(index, piece)| {
            let mut line = Line::default();
            line.push(gutter, Style::new().dimmed());
            line.plain(indent.clone());
            let lead = if index == 0 {
                glyph.to_owned()
            } else {
                " ".repeat(glyph.width())
            };
            line.push(lead, style);
            line.push(piece, style);
            line
        })
        .collect()
}

/// Keeps the rows that matter within `budget` lines: finished stages at the top give way
/// first, then stages at the bottom; a line says how many were left out on each side.
fn fit_height(entries: &[Entry<'_>], groups: Vec<Vec<Line>>, budget: usize) -> Vec<Line> {
    let total: usize = groups.iter().map(Vec::len).sum();
    if total <= budget {
        return groups.into_iter().flatten().collect();
    }
    let first_active = entries
        .iter()
        .position(|entry| !entry.stage.status.is_complete())
        .unwrap_or(entries.len());
    let (mut start, mut end) = (0, groups.len());
    let size = |start: usize, end: usize| -> usize {
        let markers = usize::from(start > 0) + usize::from(end < groups.len());
        groups[start..end].iter().map(Vec::len).sum::<usize>() + markers
    };
    while start < end && size(start, end) > budget {
        if start < first_active && start + 1 < end {
            start += 1;
        } else {
            end -= 1;
        }
    }
    let style = Style::new().dimmed();
    let mut lines = Vec::new();
    if start > 0 {
        let mut line = Line::default();
        let finished = if start == 1 {
            "finished stage"
        } else {
            "finished stages"
        };
        line.push(format!("  ⋮ {start} {finished} above"), style);
        lines.push(line);
    }
    lines.extend(groups[start..end].iter().flatten().cloned());
    if end < groups.len() {
        let mut line = Line::default();
        let more = groups.len() - end;
        let stages = if more == 1 { "stage" } else { "stages" };
        line.push(format!("  ⋮ {more} more {stages} below"), style);
        lines.push(line);
    }
    lines
}

/// The gutter of the lines under a stage's own row: the parallel bracket, when it goes on.
fn continuation(branch: Branch) -> &'static str {
    if branch.continues() { "│ " } else { "  " }
}

/// What stands before a stage's name: nothing at the top level, a tree branch below it.
fn name_prefix(entry: &Entry<'_>) -> String {
    if entry.depth == 0 {
        return String::new();
    }
    let branch = if entry.last_sibling { "└ " } else { "├ " };
    format!("{}{branch}", "  ".repeat(entry.depth - 1))
}

/// The indentation of the task and error lines under a stage at `depth`.
fn task_indent(depth: usize) -> String {
    "  ".repeat(depth + 1)
}

fn task_glyph(status: Status, now_ms: u64) -> (&'static str, Style) {
    match status {
        Status::Succeeded => ("✓", AnsiColor::Green.on_default()),
        Status::Running => {
            // One frame per quarter second: the spinner turns once per tick of the live table.
            let frame = (now_ms / 250) as usize % SPINNER.len();
            (SPINNER[frame], AnsiColor::Cyan.on_default())
        }
        Status::NotStarted | Status::Suspended => ("·", Style::new().dimmed()),
        Status::Skipped => ("-", Style::new().dimmed()),
        Status::FailedContinue | Status::Stopped => ("!", AnsiColor::Yellow.on_default()),
        Status::Terminal | Status::Canceled => ("✗", AnsiColor::Red.on_default()),
    }
}

fn stage_duration(stage: &StageExecution, now_ms: u64) -> String {
    match (stage.start_time, stage.end_time) {
        (Some(start), Some(end)) => elapsed(end.saturating_sub(start)),
        (Some(start), None) if !stage.status.is_complete() => elapsed(now_ms.saturating_sub(start)),
        _ => String::new(),
    }
}

/// A duration that ticks visibly: `0.4s`, `12.3s`, `4m 05s`, `2h 07m`.
pub(crate) fn elapsed(milliseconds: u64) -> String {
    let seconds = milliseconds / 1000;
    if seconds < 60 {
        format!("{seconds}.{}s", milliseconds % 1000 / 100)
    } else if seconds < 3600 {
        format!("{}m {:02}s", seconds / 60, seconds % 60)
    } else {
        format!("{}h {:02}m", seconds / 3600, seconds / 60 % 60)
    }
}

/// An epoch-millisecond time as `HH:MM:SS` in `zone`.
fn clock_time(milliseconds: u64, zone: &TimeZone) -> String {
    i64::try_from(milliseconds)
        .ok()
        .and_then(|ms| jiff::Timestamp::from_millisecond(ms).ok())
        .map(|time| {
            time.to_zoned_datetime(zone.clone())
                .strftime("%H:%M:%S")
                .to_string()
        })
        .unwrap_or_default()
}

/// The longest start of `text` that fits in `width` columns.
fn take_columns(text: &str, width: usize) -> String {
    let mut out = String::new();
    let mut used = 0;
    for character in text.chars() {
        let size = character.width().unwrap_or(0);
        if used + size > width {
            break;
        }
        out.push(character);
        used += size;
    }
    out
}

/// `text` cut to `width` columns, ending in `…` when something was cut.
fn truncate(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_owned();
    }
    let mut out = take_columns(text, width.saturating_sub(1));
    if width > 0 {
        out.push('…');
    }
    out
}

/// `text` padded with spaces to `width` columns.
fn pad(text: &str, width: usize) -> String {
    let fill = width.saturating_sub(text.width());
    format!("{text}{}", " ".repeat(fill))
}

/// Splits `text` into at most `limit` lines of `width` columns at spaces, the last one ending
/// in `…` when text was left over. Control characters (a newline in an error) become spaces.
fn wrap(text: &str, width: usize, limit: usize) -> Vec<String> {
    let clean: String = text
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in clean.split_whitespace() {
        let needed = if current.is_empty() {
            word.width()
        } else {
            current.width() + 1 + word.width()
        };
        if needed <= width {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        // A word longer than a line is cut into pieces of a line each.
        let mut rest = word;
        while rest.width() > width {
            let cut = truncate(rest, width + 1);
            let piece: String = cut.trim_end_matches('…').to_owned();
            if piece.is_empty() {
                break;
            }
            rest = &rest[piece.len()..];
            lines.push(piece);
        }
        current.push_str(rest);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if lines.len() > limit {
        lines.truncate(limit);
        if let Some(last) = lines.last_mut() {
            *last = format!(
                "{}…",
                truncate(last, width.saturating_sub(1)).trim_end_matches('…')
            );
        }
    }
    lines
}

/// A line of styled pieces, measured in terminal columns.
#[derive(Debug, Clone, Default)]
struct Line {
    spans: Vec<(String, Style)>,
}

impl Line {
    /// Adds a piece. Control characters (an escape in a stage name from a pipeline file) become
    /// spaces: only the renderer writes escapes.
    fn push(&mut self, text: impl Into<String>, style: Style) {
        let mut text = text.into();
        if text.chars().any(char::is_control) {
            text = text
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
        }
        self.spans.push((text, style));
    }

    fn plain(&mut self, text: impl Into<String>) {
        self.push(text, Style::new());
    }

    fn width(&self) -> usize {
        self.spans.iter().map(|(text, _)| text.width()).sum()
    }

    /// A cell of exactly `width` columns: the pieces, cut with `…` when too long, then padding.
    fn push_cell(&mut self, pieces: Vec<(String, Style)>, width: usize) {
        let total: usize = pieces.iter().map(|(text, _)| text.width()).sum();
        let budget = if total > width {
            width.saturating_sub(1)
        } else {
            width
        };
        let mut used = 0;
        for (text, style) in pieces {
            let piece = take_columns(&text, budget - used);
            used += piece.width();
            if !piece.is_empty() {
                self.push(piece, style);
            }
        }
        if total > width && width > 0 {
            self.plain("…");
            used += 1;
        }
        self.plain(" ".repeat(width.saturating_sub(used)));
    }

    /// The line as text of at most `width` columns (cut with `…`), styled when `color`.
    fn render(&self, width: usize, color: bool) -> String {
        // Trailing spaces carry nothing and would only wrap on a narrower terminal.
        let mut spans = self.spans.clone();
        while let Some((text, _)) = spans.last_mut() {
            text.truncate(text.trim_end_matches(' ').len());
            if !text.is_empty() {
                break;
            }
            spans.pop();
        }
        let total: usize = spans.iter().map(|(text, _)| text.width()).sum();
        let budget = if total > width {
            width.saturating_sub(1)
        } else {
            width
        };
        let mut out = String::new();
        let mut used = 0;
        for (text, style) in &spans {
            let piece = take_columns(text, budget - used);
            used += piece.width();
            if piece.is_empty() {
                continue;
            }
            if color && *style != Style::new() {
                out.push_str(&format!("{style}{piece}{style:#}"));
            } else {
                out.push_str(&piece);
            }
            if piece.len() < text.len() {
                break;
            }
        }
        if total > width && width > 0 {
            out.push('…');
        }
        out
    }
}

#[cfg(test)]
mod tests {
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
}
