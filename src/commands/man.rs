//! `gennaker man`: roff man pages generated from the command definitions.

use std::path::Path;

use anyhow::Context as _;
use clap::CommandFactory;

use crate::cli::{Cli, ManArgs};
use crate::commands::Context;
use crate::exit_status::ExitStatus;

/// Prints the main page, or writes every page into `--out-dir`.
pub(crate) fn run(args: &ManArgs, context: &Context) -> anyhow::Result<ExitStatus> {
    if let Some(dir) = &args.out_dir {
        for (name, page) in pages()? {
            write_page(&dir.join(name), &page)?;
        }
    } else {
        let mut buffer = Vec::new();
        clap_mangen::Man::new(Cli::command()).render(&mut buffer)?;
        context.printer.out(&String::from_utf8_lossy(&buffer))?;
    }
    Ok(ExitStatus::Success)
}

/// Every page as (file name, roff text): `gennaker.1`, then `gennaker-<sub>.1` for each
/// subcommand at every depth, hidden ones (internal entry points) excepted.
pub(crate) fn pages() -> anyhow::Result<Vec<(String, String)>> {
    let mut command = Cli::command();
    command.build();
    let mut pages = Vec::new();
    collect(&command, "gennaker", &mut pages)?;
    Ok(pages)
}

fn collect(
    command: &clap::Command,
    name: &str,
    pages: &mut Vec<(String, String)>,
) -> anyhow::Result<()> {
    let page_command = command.clone().name(name.to_owned());
    let mut buffer = Vec::new();
    clap_mangen::Man::new(page_command).render(&mut buffer)?;
    pages.push((
        format!("{name}.1"),
        String::from_utf8_lossy(&buffer).into_owned(),
    ));
    for sub in command
        .get_subcommands()
        .filter(|sub| sub.get_name() != "help" && !sub.is_hide_set())
    {
        collect(sub, &format!("{name}-{}", sub.get_name()), pages)?;
    }
    Ok(())
}

fn write_page(path: &Path, page: &str) -> anyhow::Result<()> {
    std::fs::write(path, page).with_context(|| format!("cannot write `{}`", path.display()))
}
