//! [`Printer`]: the one writer to stdout and stderr, aware of the output format and colour.

use std::io::Write;

use anstream::AutoStream;

use crate::cli::OutputFormat;

/// Writes results to stdout and messages to stderr, honouring `--output`, `--color` and `-q`.
#[derive(Debug, Clone)]
pub(crate) struct Printer {
    /// The output format chosen for results.
    pub(crate) format: OutputFormat,
    color_stdout: bool,
    color_stderr: bool,
    quiet: bool,
}

impl Printer {
    /// A printer for the given format and colour decisions.
    pub(crate) fn new(
        format: OutputFormat,
        color_stdout: bool,
        color_stderr: bool,
        quiet: bool,
    ) -> Self {
        Self {
            format,
            color_stdout,
            color_stderr,
            quiet,
        }
    }

    /// Writes a result to stdout; ANSI styles are stripped when colour is off.
    pub(crate) fn out(&self, text: &str) -> std::io::Result<()> {
        let choice = choice(self.color_stdout);
        let mut stream = AutoStream::new(std::io::stdout().lock(), choice);
        stream.write_all(text.as_bytes())?;
        stream.flush()
    }

    /// Writes a JSON document to stdout, pretty-printed, followed by a newline.
    #[expect(
        clippy::unused_self,
        reason = "all output goes through the printer, JSON included"
    )]
    pub(crate) fn json(&self, value: &impl serde::Serialize) -> std::io::Result<()> {
        let mut text = serde_json::to_string_pretty(value).map_err(std::io::Error::other)?;
        text.push('\n');
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(text.as_bytes())?;
        stdout.flush()
    }

    /// Writes a message for the user to stderr, unless `--quiet`.
    pub(crate) fn note(&self, text: &str) {
        if !self.quiet {
            self.err(text);
        }
    }

    /// Writes to stderr regardless of `--quiet` (errors and diagnostics).
    pub(crate) fn err(&self, text: &str) {
        let choice = choice(self.color_stderr);
        let mut stream = AutoStream::new(std::io::stderr().lock(), choice);
        // Nothing sensible is left to do when stderr itself is gone.
        let _ = stream.write_all(text.as_bytes());
        let _ = stream.flush();
    }
}

fn choice(colored: bool) -> anstream::ColorChoice {
    if colored {
        anstream::ColorChoice::AlwaysAnsi
    } else {
        anstream::ColorChoice::Never
    }
}
