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
