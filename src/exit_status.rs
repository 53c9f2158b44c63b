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

/// The exit-code table shown at the end of `gennaker --help`.
pub(crate) const EXIT_CODES_HELP: &str = "\
Exit codes:
  0  succeeded
  1  the pipeline ended TERMINAL (failed), or an expression failed to evaluate
  2  invalid input: usage, pipeline file, expression or config
  3  canceled, or stopped by a manual judgment
  4  could not reach or authenticate to a target
  5  internal error (a bug: please report it)";

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
