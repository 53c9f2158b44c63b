//! Error types of the expression module: syntax errors (located, reported by `validate`) and
//! evaluation errors (recorded in the evaluation summary, like Orca's exceptions).

use std::fmt;

/// An expression that cannot be parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SyntaxError {
    /// Character offset (0-based) within the string being checked (the whole template string
    /// for [`super::check_template`]; the expression text inside the parser).
    pub(crate) position: usize,
    /// The text of the expression, without `${` and `}` (empty when the template itself is
    /// malformed, e.g. an unclosed `${`).
    pub(crate) expression: String,
    /// What is wrong, in Spring's words where Spring has some.
    pub(crate) message: String,
}

impl SyntaxError {
    pub(crate) fn new(position: usize, message: impl Into<String>) -> Self {
        Self {
            position,
            expression: String::new(),
            message: message.into(),
        }
    }
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at character {})", self.message, self.position)
    }
}

impl std::error::Error for SyntaxError {}

/// Which Java exception Orca would have recorded; becomes the summary's `exceptionType`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ErrorKind {
    /// `org.springframework.expression.spel.SpelParseException` (and template parse errors).
    Parse,
    /// `org.springframework.expression.spel.SpelEvaluationException`.
    Evaluation,
    /// A helper function threw (`SpelExpressionEvaluationException` in kork).
    Function,
    /// A value could not be converted to a string (`ConverterNotFoundException`).
    Conversion,
    /// Integer division by zero (`java.lang.ArithmeticException`).
    Arithmetic,
    /// A resource limit of gennaker (length, depth, steps) was hit.
    Limit,
}

impl ErrorKind {
    /// The Java class name Orca would report.
    pub(crate) fn java_class(self) -> &'static str {
        match self {
            Self::Parse => "org.springframework.expression.spel.SpelParseException",
            Self::Evaluation | Self::Limit => {
                "org.springframework.expression.spel.SpelEvaluationException"
            }
            Self::Function => "com.netflix.spinnaker.kork.expressions.SpelHelperFunctionException",
            Self::Conversion => "org.springframework.core.convert.ConverterNotFoundException",
            Self::Arithmetic => "java.lang.ArithmeticException",
        }
    }
}

/// Why an expression failed to evaluate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EvalError {
    pub(crate) kind: ErrorKind,
    pub(crate) message: String,
    /// The message of the root cause, when Java would have wrapped one (a helper's exception
    /// inside Spring's `EL1023E`); Orca puts it first in the summary's description.
    pub(crate) cause: Option<String>,
}

impl EvalError {
    pub(crate) fn eval(message: impl Into<String>) -> Self {
        Self {
            kind: ErrorKind::Evaluation,
            message: message.into(),
            cause: None,
        }
    }

    pub(crate) fn limit(message: impl Into<String>) -> Self {
        Self {
            kind: ErrorKind::Limit,
            message: message.into(),
            cause: None,
        }
    }

    pub(crate) fn with_kind(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self {
            kind,
            message: message.into(),
            cause: None,
        }
    }
}

impl EvalError {
    /// The message as Orca's summary words it: `root cause - message` when they differ.
    pub(crate) fn description(&self) -> String {
        match &self.cause {
            // kork: the root cause's message goes first unless it already says it all.
            Some(cause) if !cause.contains(self.message.as_str()) => {
                format!("{cause} - {}", self.message)
            }
            _ => self.message.clone(),
        }
    }
}

impl fmt::Display for EvalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Result of evaluating one node.
pub(crate) type EvalResult<T> = Result<T, EvalError>;
