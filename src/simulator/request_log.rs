//! [`RequestLog`]: every API request a simulator received, in order, so tests and the sandbox
//! can assert on what a client actually sent.

use serde::{Deserialize, Serialize};

/// Most requests kept; older ones are forgotten first so a long `sandbox serve` stays bounded.
const CAPACITY: usize = 10_000;

/// One request as received, with the status it was answered with.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RecordedRequest {
    /// Position in the log, from 1, never reused.
    pub sequence: u64,
    /// HTTP method, upper case.
    pub method: String,
    /// Path without the query.
    pub path: String,
    /// Raw query string, empty when absent.
    pub query: String,
    /// The `Authorization` header, if any (the simulator's tokens are not secrets).
    pub authorization: Option<String>,
    /// The body: parsed JSON when it is JSON, else the text, else `null` when empty.
    pub body: serde_json::Value,
    /// The status answered; `0` when the connection was dropped on purpose.
    pub status: u16,
}

/// The bounded, ordered log of requests.
#[derive(Debug, Default)]
pub(crate) struct RequestLog {
    next_sequence: u64,
    entries: std::collections::VecDeque<RecordedRequest>,
}

impl RequestLog {
    /// Appends a request and returns its sequence number.
    pub(crate) fn push(&mut self, mut request: RecordedRequest) -> u64 {
        self.next_sequence += 1;
        request.sequence = self.next_sequence;
        if self.entries.len() == CAPACITY {
            self.entries.pop_front();
        }
        self.entries.push_back(request);
        self.next_sequence
    }

    /// Every kept request, oldest first.
    pub(crate) fn entries(&self) -> Vec<RecordedRequest> {
        self.entries.iter().cloned().collect()
    }

    /// Forgets every request; sequence numbers keep counting.
    pub(crate) fn clear(&mut self) {
        self.entries.clear();
    }
}

/// The body as logged: JSON if it parses, else lossy text, else `null`.
pub(crate) fn body_value(bytes: &[u8]) -> serde_json::Value {
    if bytes.is_empty() {
        return serde_json::Value::Null;
    }
    serde_json::from_slice(bytes)
        .unwrap_or_else(|_| serde_json::Value::String(String::from_utf8_lossy(bytes).into_owned()))
}
