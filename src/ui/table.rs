//! Tables for people (`--output table`), built from rows of text so that callers need not know
//! about terminal widths or styling.

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{ContentArrangement, Table};

/// Renders `rows` under `headers` as a table fitted to the terminal width.
pub(crate) fn render(headers: &[&str], rows: &[Vec<String>]) -> String {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED)
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_header(headers.iter().copied());
    for row in rows {
        table.add_row(row.iter().cloned());
    }
    let mut text = table.to_string();
    text.push('\n');
    text
}

/// A duration in milliseconds as people write it: `45s`, `30m`, `1h 30m`, `2d 4h`.
pub(crate) fn duration_ms(milliseconds: u64) -> String {
    let seconds = milliseconds / 1000;
    let (days, hours, minutes, secs) = (
        seconds / 86_400,
        seconds / 3600 % 24,
        seconds / 60 % 60,
        seconds % 60,
    );
    let parts: Vec<String> = [(days, "d"), (hours, "h"), (minutes, "m"), (secs, "s")]
        .iter()
        .filter(|(amount, _)| *amount > 0)
        .take(2)
        .map(|(amount, unit)| format!("{amount}{unit}"))
        .collect();
    if parts.is_empty() {
        format!("{milliseconds}ms")
    } else {
        parts.join(" ")
    }
}

/// One stage of an execution as the stage tables show it.
pub(crate) struct StageLine {
    /// The stage's name.
    pub(crate) name: String,
    /// Whether it is a synthetic stage shown under its parent.
    pub(crate) synthetic: bool,
    /// Its `refId`.
    pub(crate) ref_id: String,
    /// Its type.
    pub(crate) stage_type: String,
    /// Its status, followed by its error when it failed.
    pub(crate) status: String,
    /// When it started (RFC 3339), or empty.
    pub(crate) started: String,
    /// How long it took, or empty while it runs.
    pub(crate) duration: String,
}

/// The stages of `execution`, in the document's order.
pub(crate) fn stage_lines(execution: &crate::engine::record::Execution) -> Vec<StageLine> {
    use crate::ui::execution_log::{error_of, timestamp};
    execution
        .stages
        .iter()
        .map(|stage| {
            let mut status = stage.status.to_string();
            if let Some(error) = error_of(stage) {
                status.push_str(&format!(": {error}"));
            }
            StageLine {
                name: stage.name.clone(),
                synthetic: stage.parent_stage_id.is_some(),
                ref_id: stage.ref_id.clone(),
                stage_type: stage.stage_type.clone(),
                status,
                started: stage
                    .start_time
                    .map(|ms| timestamp(Some(ms)))
                    .unwrap_or_default(),
                duration: match (stage.start_time, stage.end_time) {
                    (Some(start), Some(end)) => duration_ms(end.saturating_sub(start)),
                    _ => String::new(),
                },
            }
        })
        .collect()
}

/// The stages of `execution` as a table, synthetic stages under their parents.
pub(crate) fn stages_table(execution: &crate::engine::record::Execution) -> String {
    let rows: Vec<Vec<String>> = stage_lines(execution)
        .into_iter()
        .map(|line| {
            let name = if line.synthetic {
                format!("  └ {}", line.name)
            } else {
                line.name
            };
            vec![
                name,
                line.ref_id,
                line.stage_type,
                line.status,
                line.started,
                line.duration,
            ]
        })
        .collect();
    render(
        &["Stage", "refId", "Type", "Status", "Started", "Duration"],
        &rows,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_like_people_write_them() {
        assert_eq!(duration_ms(500), "500ms");
        assert_eq!(duration_ms(45_000), "45s");
        assert_eq!(duration_ms(5_400_000), "1h 30m");
        assert_eq!(duration_ms(187_200_000), "2d 4h");
    }
}
