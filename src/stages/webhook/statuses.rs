//! [`StatusMap`]: what a status read from a poll's response means, as Orca's
//! `MonitorWebhookTask` decides: the comma-separated `successStatuses`, `canceledStatuses` and
//! `terminalStatuses` (trimmed, case-insensitive), or a number read as a percentage.

use serde_json::Value;

use crate::engine::task::TaskStatus;

/// The configured status lists, upper-cased; a later list wins a value listed twice
/// (success, then canceled, then terminal, as Orca fills its map).
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct StatusMap {
    entries: Vec<(String, TaskStatus)>,
}

/// What the status value of one poll says.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum StatusReading {
    /// A number: done at 100, otherwise still running at this percentage.
    Percent(Value, TaskStatus),
    /// A listed value: its status. An unlisted one keeps the task running.
    Listed(TaskStatus),
    /// Not a string, number or boolean: Orca ends the stage TERMINAL.
    NotScalar,
}

impl StatusMap {
    /// The map of the three comma-separated lists.
    pub(super) fn new(
        success: Option<&str>,
        canceled: Option<&str>,
        terminal: Option<&str>,
    ) -> Self {
        let mut map = Self::default();
        for (list, status) in [
            (success, TaskStatus::Succeeded),
            (canceled, TaskStatus::Canceled),
            (terminal, TaskStatus::Terminal),
        ] {
            for value in list.unwrap_or_default().split(',') {
                let value = value.trim().to_uppercase();
                if value.is_empty() {
                    continue;
                }
                map.entries.retain(|(existing, _)| *existing != value);
                map.entries.push((value, status));
            }
        }
        map
    }

    /// The status a textual value stands for, if it is listed.
    pub(super) fn status_of(&self, value: &str) -> Option<TaskStatus> {
        let value = value.to_uppercase();
        self.entries
            .iter()
            .find(|(listed, _)| *listed == value)
            .map(|(_, status)| *status)
    }

    /// Reads a status value found in a poll's response.
    pub(super) fn read(&self, value: &Value) -> StatusReading {
        match value {
            Value::Number(number) => {
                let done = number.as_f64() == Some(100.0);
                let status = if done {
                    TaskStatus::Succeeded
                } else {
                    TaskStatus::Running
                };
                StatusReading::Percent(value.clone(), status)
            }
            Value::String(text) => {
                StatusReading::Listed(self.status_of(text).unwrap_or(TaskStatus::Running))
            }
            Value::Bool(flag) => StatusReading::Listed(
                self.status_of(&flag.to_string())
                    .unwrap_or(TaskStatus::Running),
            ),
            Value::Null | Value::Array(_) | Value::Object(_) => StatusReading::NotScalar,
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn map() -> StatusMap {
        StatusMap::new(
            Some("SUCCESS, done"),
            Some(" Canceled,ABORTED "),
            Some("failed,ERROR,done"),
        )
    }

    #[test]
    fn lists_are_trimmed_and_case_insensitive() {
        let map = map();
        assert_eq!(map.status_of("success"), Some(TaskStatus::Succeeded));
        assert_eq!(map.status_of("Success"), Some(TaskStatus::Succeeded));
        assert_eq!(map.status_of("canceled"), Some(TaskStatus::Canceled));
        assert_eq!(map.status_of("aborted"), Some(TaskStatus::Canceled));
        assert_eq!(map.status_of("Failed"), Some(TaskStatus::Terminal));
        assert_eq!(map.status_of("RUNNING"), None);
    }

    #[test]
    fn terminal_wins_a_value_listed_twice() {
        assert_eq!(map().status_of("DONE"), Some(TaskStatus::Terminal));
    }

    #[test]
    fn unlisted_text_keeps_running() {
        assert_eq!(
            map().read(&json!("in progress")),
            StatusReading::Listed(TaskStatus::Running)
        );
    }

    #[test]
    fn numbers_are_percentages() {
        assert_eq!(
            map().read(&json!(40)),
            StatusReading::Percent(json!(40), TaskStatus::Running)
        );
        assert_eq!(
            map().read(&json!(100)),
            StatusReading::Percent(json!(100), TaskStatus::Succeeded)
        );
    }

    #[test]
    fn booleans_match_their_text() {
        let map = StatusMap::new(Some("true"), None, Some("false"));
        assert_eq!(
            map.read(&json!(true)),
            StatusReading::Listed(TaskStatus::Succeeded)
        );
        assert_eq!(
            map.read(&json!(false)),
            StatusReading::Listed(TaskStatus::Terminal)
        );
    }

    #[test]
    fn structures_and_null_are_not_statuses() {
        assert_eq!(map().read(&json!({"a": 1})), StatusReading::NotScalar);
        assert_eq!(map().read(&json!(["SUCCESS"])), StatusReading::NotScalar);
        assert_eq!(map().read(&Value::Null), StatusReading::NotScalar);
    }
}
