//! [`ProviderError`]: what can go wrong talking to a cloud, sorted by what a caller does next.

use std::fmt;

/// Why a provider call failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ErrorKind {
    /// The target could not be reached (connection refused, DNS, TLS, time-out, or 5xx/429
    /// answers that outlasted the retries).
    Unreachable,
    /// The target refused our credentials, even after a fresh login.
    Auth,
    /// The thing asked for does not exist.
    NotFound,
    /// The target holds the thing in a state that forbids the change now (e.g. a deployment
    /// in progress).
    Conflict,
    /// The target refused the request as invalid (e.g. 422), or our own input is wrong.
    Invalid,
    /// The target answered something we cannot read.
    Protocol,
}

/// A failed provider call: its kind and a message for people that says what and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ProviderError {
    /// What went wrong.
    pub(crate) kind: ErrorKind,
    /// For people: which call, which target, what it said.
    pub(crate) message: String,
}

impl ProviderError {
    /// An error of `kind` saying `message`.
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
        }
    }

    /// Our input is wrong.
    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Invalid, message)
    }

    /// Something does not exist.
    pub(crate) fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::NotFound, message)
    }

    /// Whether the failure is about reaching or logging in to the target (exit code 4).
    pub(crate) fn is_connectivity(&self) -> bool {
        matches!(self.kind, ErrorKind::Unreachable | ErrorKind::Auth)
    }
}

impl fmt::Display for ProviderError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.message)
    }
}

impl std::error::Error for ProviderError {}

/// The result of a provider call.
pub(crate) type ProviderResult<T> = Result<T, ProviderError>;
