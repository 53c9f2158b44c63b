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
    let stopped_at = model
        .stages()
        .iter()
        .find(|stage| stage.is_stopping_judgment());
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
mod tests;
