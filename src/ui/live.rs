//! [`LiveTable`]: the stage table of a running execution, redrawn in place on a terminal.
//!
//! The engine's thread only updates a shared [`LiveModel`] (through [`LiveReporter`]) and asks
//! for a redraw; a drawing thread of its own renders the model four times a second (so
//! running durations tick) and right after each change. Each frame overwrites the previous one
//! line by line inside a synchronized update, so the terminal never shows a half-drawn or
//! blank table. A prompt pauses the drawing through [`Suspend`]: the table is taken off the
//! screen, the prompt has the terminal to itself, and the table comes back below it. When the
//! execution ends, [`LiveTable::finish`] draws the final table in full, with a summary line,
//! and leaves it on the screen.
//!
//! This writes its own escapes rather than going through indicatif's draw target: that one
//! pads every line to the full width with spaces, which turns into a mess of wrapped lines
//! when the terminal gets narrower, and it cannot bracket a frame in a synchronized update.

use std::io::Write as _;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use jiff::tz::TimeZone;

use crate::engine::event::{Event, Reporter};
use crate::engine::record::Execution;
use crate::ui::live_render::{View, frame, summary};
use crate::ui::live_state::LiveModel;

/// How often the table is redrawn when nothing changes: durations tick at this pace.
const TICK: Duration = Duration::from_millis(250);
/// The shortest time between two frames, so a burst of events costs one redraw.
const MIN_GAP: Duration = Duration::from_millis(40);

/// The live table of one execution; drawing starts at once and stops at [`Self::finish`].
pub(crate) struct LiveTable {
    shared: Arc<Shared>,
    drawer: Option<JoinHandle<()>>,
}

/// Feeds engine events to the live table.
pub(crate) struct LiveReporter(Arc<Shared>);

/// Makes reporters for child executions, whose stages the table nests under the `pipeline`
/// stage that started them.
#[derive(Clone)]
pub(crate) struct LiveChildren(Arc<Shared>);

/// Feeds the events of one child execution to the live table.
pub(crate) struct LiveChildReporter {
    shared: Arc<Shared>,
    /// The child execution's id, known from its first event.
    execution_id: Option<String>,
}

/// Takes the live table off the screen while something else (a prompt) uses the terminal.
#[derive(Clone)]
pub(crate) struct Suspend(Arc<Shared>);

struct Shared {
    state: Mutex<State>,
    wake: Condvar,
    screen: Mutex<Screen>,
    color: bool,
    time_zone: TimeZone,
}

struct State {
    model: LiveModel,
    /// Something changed since the last frame.
    dirty: bool,
    /// The drawing thread should end.
    stop: bool,
}

struct Screen {
    region: Region,
    /// How many suspensions are in force; nothing is drawn while there is one.
    paused: usize,
}

impl LiveTable {
    /// Starts drawing on standard output, which must be a terminal.
    pub(crate) fn start(color: bool) -> Self {
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                model: LiveModel::default(),
                dirty: false,
                stop: false,
            }),
            wake: Condvar::new(),
            screen: Mutex::new(Screen {
                region: Region::default(),
                paused: 0,
            }),
            color,
            time_zone: TimeZone::system(),
        });
        let drawer = {
            let shared = Arc::clone(&shared);
            std::thread::Builder::new()
                .name("live-table".to_owned())
                .spawn(move || draw_until_stopped(&shared))
                .ok()
        };
        Self { shared, drawer }
    }

    /// The reporter to hand to the engine.
    pub(crate) fn reporter(&self) -> LiveReporter {
        LiveReporter(Arc::clone(&self.shared))
    }

    /// The maker of reporters for child executions.
    pub(crate) fn children(&self) -> LiveChildren {
        LiveChildren(Arc::clone(&self.shared))
    }

    /// The handle a prompt uses to have the terminal to itself.
    pub(crate) fn suspend(&self) -> Suspend {
        Suspend(Arc::clone(&self.shared))
    }

    /// Stops the ticking and replaces the live table with the final one, in full, followed
    /// by a summary line; both stay on the screen.
    pub(crate) fn finish(mut self, execution: &Execution) {
        self.stop_drawing();
        let (width, _) = terminal_size();
        let mut state = lock(&self.shared.state);
        state
            .model
            .apply(&Event::ExecutionFinished(Arc::new(execution.clone())));
        let view = View {
            width,
            height: None,
            now_ms: now_ms(),
            time_zone: self.shared.time_zone.clone(),
            color: self.shared.color,
        };
        let mut lines = frame(&state.model, &view);
        lines.push(String::new());
        lines.extend(summary(&state.model, &view));
        drop(state);
        let mut screen = lock(&self.shared.screen);
        let text = screen.region.finish(&lines, width);
        write_out(&text);
    }

    fn stop_drawing(&mut self) {
        lock(&self.shared.state).stop = true;
        self.shared.wake.notify_all();
        if let Some(drawer) = self.drawer.take() {
            let _ = drawer.join();
        }
    }
}

impl Drop for LiveTable {
    /// Leaves the terminal usable when the run ends without [`Self::finish`] (an error).
    fn drop(&mut self) {
        if self.drawer.is_some() {
            self.stop_drawing();
            let mut screen = lock(&self.shared.screen);
            let text = screen.region.abandon();
            write_out(&text);
        }
    }
}

impl Reporter for LiveReporter {
    fn report(&mut self, event: &Event) {
        let mut state = lock(&self.0.state);
        state.model.apply(event);
        state.dirty = true;
        drop(state);
        self.0.wake.notify_all();
    }
}

impl LiveChildren {
    /// A reporter for one more child execution.
    pub(crate) fn reporter(&self) -> LiveChildReporter {
        LiveChildReporter {
            shared: Arc::clone(&self.0),
            execution_id: None,
        }
    }
}

impl Reporter for LiveChildReporter {
    fn report(&mut self, event: &Event) {
        let mut state = lock(&self.shared.state);
        state.model.apply_child(&mut self.execution_id, event);
        state.dirty = true;
        drop(state);
        self.shared.wake.notify_all();
    }
}

impl Suspend {
    /// Runs `work` with the live table off the screen, then brings the table back below
    /// whatever `work` printed.
    pub(crate) fn run<R>(&self, work: impl FnOnce() -> R) -> R {
        {
            let mut screen = lock(&self.0.screen);
            if screen.paused == 0 {
                let text = screen.region.clear();
                write_out(&text);
            }
            screen.paused += 1;
        }
        let result = work();
        lock(&self.0.screen).paused -= 1;
        lock(&self.0.state).dirty = true;
        self.0.wake.notify_all();
        result
    }

    /// Stops drawing for good, leaving the table as it is and the cursor below it: for a
    /// process about to exit at once (a second Ctrl-C).
    pub(crate) fn abandon(&self) {
        let mut screen = lock(&self.0.screen);
        screen.paused += 1;
        let text = screen.region.abandon();
        write_out(&text);
    }
}

/// The drawing thread: a frame per tick, and one soon after each change.
fn draw_until_stopped(shared: &Shared) {
    let mut last_frame: Option<Instant> = None;
    loop {
        let (lines, width) = {
            let mut state = lock(&shared.state);
            loop {
                if state.stop {
                    return;
                }
                let now = Instant::now();
                let Some(last) = last_frame else { break };
                let due = if state.dirty {
                    last + MIN_GAP
                } else {
                    last + TICK
                };
                if now >= due {
                    break;
                }
                state = shared
                    .wake
                    .wait_timeout(state, due - now)
                    .unwrap_or_else(PoisonError::into_inner)
                    .0;
            }
            state.dirty = false;
            if state.model.execution().is_none() {
                last_frame = Some(Instant::now());
                continue;
            }
            let (width, height) = terminal_size();
            let view = View {
                width,
                height: Some(height),
                now_ms: now_ms(),
                time_zone: shared.time_zone.clone(),
                color: shared.color,
            };
            (frame(&state.model, &view), width)
        };
        last_frame = Some(Instant::now());
        let mut screen = lock(&shared.screen);
        if screen.paused == 0 {
            let text = screen.region.draw(&lines, width);
            write_out(&text);
        }
    }
}

/// The columns and rows a frame may use: one column less than the terminal's, so no line
/// ends in the last column (where erasing to the end of the line would eat its last
/// character), and one row less, so the table never scrolls itself out of reach.
fn terminal_size() -> (usize, usize) {
    let (rows, columns) = console::Term::stdout()
        .size_checked()
        .filter(|(rows, columns)| *rows > 0 && *columns > 0)
        .unwrap_or((24, 80));
    (
        usize::from(columns).saturating_sub(1).max(1),
        usize::from(rows).saturating_sub(1).max(1),
    )
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| {
            u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX)
        })
}

fn write_out(text: &str) {
    if text.is_empty() {
        return;
    }
    // The table is best effort: a terminal that went away must not stop the execution.
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(text.as_bytes());
    let _ = stdout.flush();
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Begin and end a synchronized update (terminals that do not know it ignore it).
const SYNC_START: &str = "\x1b[?2026h";
const SYNC_END: &str = "\x1b[?2026l";
const HIDE_CURSOR: &str = "\x1b[?25l";
const SHOW_CURSOR: &str = "\x1b[?25h";
const ERASE_LINE_END: &str = "\x1b[K";
const ERASE_BELOW: &str = "\x1b[J";

/// The lines of the live table on the terminal, and the escapes that redraw them. The cursor
/// rests at the end of the last line, so the region's top is a known number of rows up.
#[derive(Debug, Default)]
struct Region {
    /// The width of each line drawn, top to bottom; empty when nothing is on the screen.
    widths: Vec<usize>,
    /// The width the lines were drawn for.
    width: usize,
}

impl Region {
    /// Replaces what is drawn with `lines`, each at most `width` columns.
    fn draw(&mut self, lines: &[String], width: usize) -> String {
        let mut text = String::from(SYNC_START);
        text.push_str(HIDE_CURSOR);
        text.push_str(&self.home(width));
        for (index, line) in lines.iter().enumerate() {
            if index > 0 {
                text.push_str("\r\n");
            }
            text.push_str(line);
            text.push_str(ERASE_LINE_END);
        }
        // A taller previous frame (or one re-wrapped by a resize) leaves lines below.
        text.push_str(ERASE_BELOW);
        text.push_str(SYNC_END);
        self.widths = lines
            .iter()
            .map(|line| console::measure_text_width(line))
            .collect();
        self.width = width;
        text
    }

    /// Draws the final `lines` over the region and moves below them, leaving them on the
    /// screen for good; the cursor is shown again.
    fn finish(&mut self, lines: &[String], width: usize) -> String {
        let mut text = self.draw(lines, width);
        text.push_str("\r\n");
        text.push_str(SHOW_CURSOR);
        self.widths.clear();
        text
    }

    /// Takes the region off the screen, leaving the cursor where its first line was.
    fn clear(&mut self) -> String {
        if self.widths.is_empty() {
            return String::new();
        }
        let mut text = String::from(SYNC_START);
        text.push_str(&self.home(self.width));
        text.push_str(ERASE_BELOW);
        text.push_str(SHOW_CURSOR);
        text.push_str(SYNC_END);
        self.widths.clear();
        text
    }

    /// Forgets the region, leaving it on the screen with the cursor on the line below.
    fn abandon(&mut self) -> String {
        let text = if self.widths.is_empty() {
            SHOW_CURSOR.to_owned()
        } else {
            format!("\r\n{SHOW_CURSOR}")
        };
        self.widths.clear();
        text
    }

    /// Moves the cursor to the first column of the region's first line. When the terminal
    /// got narrower, it may have re-wrapped each line onto several rows; counting those rows
    /// finds the top again (on a terminal that cuts lines instead, this climbs a few rows too
    /// high, and the next frame simply starts there).
    fn home(&self, width: usize) -> String {
        if self.widths.is_empty() {
            return "\r".to_owned();
        }
        // Frames are one column narrower than the terminal (see `terminal_size`).
        let columns = width + 1;
        let rows: usize = if width < self.width {
            self.widths
                .iter()
                .map(|line| line.max(&1).div_ceil(columns))
                .sum()
        } else {
            self.widths.len()
        };
        match rows.saturating_sub(1) {
            0 => "\r".to_owned(),
            up => format!("\r\x1b[{up}A"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terminal(rows: u16, columns: u16) -> vt100::Parser {
        let size = |n: u16| std::num::NonZeroU16::new(n).expect("a size");
        vt100::Parser::new(size(rows), size(columns), 0)
    }

    /// What a terminal of `columns` x `rows` shows after `output`.
    fn screen(columns: u16, rows: u16, output: &[&str]) -> Vec<String> {
        let mut parser = terminal(rows, columns);
        for chunk in output {
            parser.process(chunk.as_bytes());
        }
        parser
            .screen()
            .rows(0, columns)
            .map(|row| row.trim_end().to_owned())
            .collect()
    }

    fn lines(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|text| (*text).to_owned()).collect()
    }

    #[test]
    fn each_frame_replaces_the_previous_one_in_place() {
        let mut region = Region::default();
        let first = region.draw(&lines(&["one", "two is long", "three"]), 39);
        let second = region.draw(&lines(&["uno", "dos"]), 39);
        let shown = screen(40, 6, &["$ gennaker run\r\n", &first, &second]);
        assert_eq!(shown, ["$ gennaker run", "uno", "dos", "", "", ""]);
    }

    #[test]
    fn the_final_table_stays_and_the_cursor_moves_below_it() {
        let mut region = Region::default();
        let live = region.draw(&lines(&["a RUNNING"]), 39);
        let last = region.finish(&lines(&["a SUCCEEDED", "", "done"]), 39);
        let shown = screen(40, 5, &[&live, &last, "$ next"]);
        assert_eq!(shown, ["a SUCCEEDED", "", "done", "$ next", ""]);
    }

    #[test]
    fn a_suspension_clears_the_table_and_it_comes_back_below_the_prompt() {
        let mut region = Region::default();
        let live = region.draw(&lines(&["table 1", "table 2"]), 39);
        let cleared = region.clear();
        let back = region.draw(&lines(&["table 1", "table 2"]), 39);
        let shown = screen(
            40,
            6,
            &["$ run\r\n", &live, &cleared, "prompt? yes\r\n", &back],
        );
        assert_eq!(
            shown,
            ["$ run", "prompt? yes", "table 1", "table 2", "", ""]
        );
    }

    #[test]
    fn a_narrower_terminal_that_rewraps_lines_is_redrawn_cleanly() {
        let mut region = Region::default();
        // 30 columns: two full-width lines.
        let wide = region.draw(
            &lines(&[
                "0123456789abcdefghijklmnopqrs",
                "0123456789ABCDEFGHIJKLMNOPQRS",
            ]),
            29,
        );
        let mut parser = terminal(8, 30);
        parser.process(b"$ run\r\n");
        parser.process(wide.as_bytes());
        // The terminal shrinks to 15 columns and re-wraps each line onto two rows.
        let rewrapped = "\x1b[2J\x1b[H$ run\r\n0123456789abcde\r\nfghijklmnopqrs\r\n0123456789ABCDE\r\nFGHIJKLMNOPQRS";
        let mut narrow = terminal(8, 15);
        narrow.process(rewrapped.as_bytes());
        let redraw = region.draw(&lines(&["short", "lines"]), 14);
        narrow.process(redraw.as_bytes());
        let shown: Vec<String> = narrow
            .screen()
            .rows(0, 15)
            .map(|row| row.trim_end().to_owned())
            .collect();
        assert_eq!(shown[..4], ["$ run", "short", "lines", ""]);
        assert!(shown.iter().skip(3).all(String::is_empty), "{shown:#?}");
    }

    #[test]
    fn abandoning_leaves_the_table_and_shows_the_cursor() {
        let mut region = Region::default();
        let live = region.draw(&lines(&["a RUNNING"]), 39);
        let gone = region.abandon();
        let shown = screen(40, 3, &[&live, &gone, "$"]);
        assert_eq!(shown, ["a RUNNING", "$", ""]);
        assert!(gone.ends_with(SHOW_CURSOR));
    }
}
