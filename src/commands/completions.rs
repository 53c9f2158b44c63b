//! `gennaker completions SHELL`: the completion script for a shell, on stdout.

use clap::CommandFactory;

use crate::cli::{Cli, CompletionsArgs};
use crate::commands::Context;
use crate::exit_status::ExitStatus;

/// Prints the completion script for `args.shell`.
pub(crate) fn run(args: &CompletionsArgs, context: &Context) -> anyhow::Result<ExitStatus> {
    let script = script(args.shell);
    context.printer.out(&script)?;
    Ok(ExitStatus::Success)
}

/// The completion script for `shell`, exactly as committed under `completions/`.
pub(crate) fn script(shell: clap_complete::Shell) -> String {
    let mut command = Cli::command();
    let mut buffer = Vec::new();
    clap_complete::generate(shell, &mut command, "gennaker", &mut buffer);
    String::from_utf8_lossy(&buffer).into_owned()
}
