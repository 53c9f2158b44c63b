//! The process exit codes, one per kind of outcome, as documented in `--help` and README.

/// How a `gennaker` invocation ended.
///
/// The numbers are a public interface: CI scripts branch on them, so a variant's code never
/// changes once released.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ExitStatus {
    /// Everything asked for succeeded.
    Success,
    /// The pipeline ran and ended TERMINAL, or an expression failed to evaluate.
    Failed,
    /// The input was unusable: command-line usage, a pipeline file, an expression or config.
    InvalidInput,
    /// The execution was canceled, or a manual judgment stopped it.
    Canceled,
    /// A target could not be reached or refused our credentials.
    Unreachable,
    /// gennaker itself failed: a bug to report.
    Internal,
}

impl ExitStatus {
    /// The numeric code handed to the operating system.
    pub(crate) fn code(self) -> u8 {
        match self {
            Self::Success => 0,
            Self::Failed => 1,
            Self::InvalidInput => 2,
            Self::Canceled => 3,
            Self::Unreachable => 4,
            Self::Internal => 5,
        }
    }
}

impl From<ExitStatus> for std::process::ExitCode {
    fn from(status: ExitStatus) -> Self {
        Self::from(status.code())
    }
}

impl ExitStatus {
    /// Every status, in code order.
    pub(crate) const ALL: [Self; 6] = [
        Self::Success,
        Self::Failed,
        Self::InvalidInput,
        Self::Canceled,
        Self::Unreachable,
        Self::Internal,
    ];

    /// What the code means, as `--help` and README say it.
    pub(crate) fn meaning(self) -> &'static str {
        match self {
            Self::Success => "succeeded",
            Self::Failed => {
                "the pipeline ended TERMINAL (failed), or an expression failed to evaluate"
            }
            Self::InvalidInput => "invalid input: usage, pipeline file, expression or config",
            Self::Canceled => "canceled, or stopped by a manual judgment",
            Self::Unreachable => "could not reach or authenticate to a target",
            Self::Internal => "internal error (a bug: please report it)",
        }
    }
}

/// The exit-code table shown at the end of `gennaker --help`.
pub(crate) fn exit_codes_help() -> String {
    let mut text = "Exit codes:".to_owned();
    for status in ExitStatus::ALL {
        text.push_str(&format!("\n  {}  {}", status.code(), status.meaning()));
    }
    text
}

/// An error that decides the exit code and may carry a hint for the user.
///
/// Commands return it (usually as the root of an `anyhow` chain with context on top); `app`
/// finds it in the chain when rendering. Errors without one are treated as bugs.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub(crate) struct StatusError {
    /// The exit status the error leads to.
    pub(crate) status: ExitStatus,
    message: String,
    /// What the user can do about it, printed as `hint: …`.
    pub(crate) hint: Option<String>,
}

impl StatusError {
    /// An error ending the process with `status`.
    pub(crate) fn new(status: ExitStatus, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
            hint: None,
        }
    }

    /// Adds what the user can do about it.
    #[must_use]
    pub(crate) fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}
