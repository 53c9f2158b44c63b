//! `gennaker sandbox start`, `stop` and `reset`: starting the background sandbox, stopping
//! whoever serves the sandbox state (keeping it), and stopping it and forgetting everything.

use std::fs::File;
use std::time::{Duration, Instant};

use serde_json::json;

use super::accounts::dcos_regions;
use super::endpoints::EndpointsFile;
use super::ensure::ensure_running;
use super::layout::{
    LockMode, SandboxDir, SandboxLock, remove_if_present, try_lock, write_atomically,
};
use super::saved_state::SavedState;
use super::simulators::SandboxSimulators;
use super::view::{RegionView, gather};
use crate::cli::OutputFormat;
use crate::commands::Context;
use crate::exit_status::ExitStatus;

/// How long a sandbox may take to save and stop once asked.
const STOP_WAIT: Duration = Duration::from_secs(20);

/// Starts the background sandbox unless it runs, and prints its URLs line.
pub(crate) async fn start(context: &Context) -> anyhow::Result<ExitStatus> {
    let dir = SandboxDir::new(&context.settings.data_dir);
    let endpoints = ensure_running(dir.data_dir()).await?;
    context
        .printer
        .out(&format!("{}\n", json!(endpoints.urls_line())))?;
    if let Some(file) = EndpointsFile::read(&dir) {
        let how = if file.background {
            "in the background; it stops after ten idle minutes"
        } else {
            "in `gennaker sandbox serve --persist`"
        };
        context
            .printer
            .note(&format!("sandbox: running {how} (pid {})\n", file.pid));
    }
    Ok(ExitStatus::Success)
}

/// Stops the process serving the sandbox; the state stays for next time.
pub(crate) async fn stop(context: &Context) -> anyhow::Result<ExitStatus> {
    let dir = SandboxDir::new(&context.settings.data_dir);
    let (owner, stopped) = stop_owner(&dir).await?;
    remove_if_present(&dir.endpoints())?;
    drop(owner);
    let message = match stopped {
        Some(pid) => format!(
            "sandbox: stopped{}; its state is kept in `{}`",
            pid_text(pid),
            dir.state().display()
        ),
        None => "sandbox: not running".to_owned(),
    };
    print(
        context,
        &message,
        &json!({ "stopped": stopped.is_some(), "pid": stopped.flatten() }),
    )?;
    Ok(ExitStatus::Success)
}

/// Stops the sandbox and removes its state, saying what was in it.
pub(crate) async fn reset(context: &Context) -> anyhow::Result<ExitStatus> {
    let dir = SandboxDir::new(&context.settings.data_dir);
    let (owner, stopped) = stop_owner(&dir).await?;
    // Read what is removed only now: the stopped sandbox saved its last changes on the way out.
    let removed = match SavedState::load(&dir.state()) {
        Ok(Some(saved)) => {
            let simulators = SandboxSimulators::start(&dcos_regions(), Some(&saved)).await?;
            let views = gather(&simulators.endpoints()).await;
            simulators.shutdown();
            Some(views?)
        }
        Ok(None) => None,
        // An unreadable state is removed all the same; there is nothing to list from it.
        Err(_) => Some(Vec::new()),
    };
    remove_if_present(&dir.state())?;
    remove_if_present(&dir.endpoints())?;
    for entry in std::fs::read_dir(dir.root())?.flatten() {
        if entry
            .file_name()
            .to_string_lossy()
            .starts_with("state.json.unreadable-")
        {
            remove_if_present(&entry.path())?;
        }
    }
    drop(owner);
    let mut message = String::new();
    if let Some(pid) = stopped {
        message.push_str(&format!("sandbox: stopped{}\n", pid_text(pid)));
    }
    message.push_str(&removed_text(removed.as_deref()));
    let listed: Vec<&RegionView> = removed
        .iter()
        .flatten()
        .filter(|view| !view.apps.is_empty() || !view.faults.is_empty())
        .collect();
    print(
        context,
        message.trim_end(),
        &json!({ "stopped": stopped.is_some(), "pid": stopped.flatten(), "hadState": removed.is_some(), "removed": listed }),
    )?;
    Ok(ExitStatus::Success)
}

/// What `reset` says it removed.
fn removed_text(removed: Option<&[RegionView]>) -> String {
    let Some(views) = removed else {
        return "sandbox: no state to remove".to_owned();
    };
    let mut text = String::new();
    for view in views {
        let mut parts = Vec::new();
        if !view.apps.is_empty() {
            let names: Vec<&str> = view.apps.iter().map(|app| app.name.as_str()).collect();
            parts.push(format!("apps {}", names.join(", ")));
        }
        if !view.faults.is_empty() {
            parts.push(format!("faults {}", view.faults.join(", ")));
        }
        if !parts.is_empty() {
            text.push_str(&format!(
                "removed from {} {}: {}\n",
                view.account,
                view.region,
                parts.join("; ")
            ));
        }
    }
    if text.is_empty() {
        text.push_str("sandbox: state emptied (it held no apps and no faults)\n");
    } else {
        text.push_str("sandbox: state emptied; the next deployments start again at v000\n");
    }
    text
}

fn print(context: &Context, message: &str, as_json: &serde_json::Value) -> anyhow::Result<()> {
    let printer = &context.printer;
    if printer.format == OutputFormat::Json {
        printer.json(as_json)?;
    } else {
        printer.out(&format!("{message}\n"))?;
    }
    Ok(())
}

/// ` (pid N)`, or nothing when the stopped process did not say who it was.
fn pid_text(pid: Option<u32>) -> String {
    pid.map(|pid| format!(" (pid {pid})")).unwrap_or_default()
}

/// Asks whoever owns the sandbox state to stop, and waits until it has: returns the owner
/// lock, now held here (so nothing starts meanwhile), and — when one ran — the pid of the
/// process that stopped (`None` inside if it had not written `endpoints.json` yet).
async fn stop_owner(dir: &SandboxDir) -> anyhow::Result<(File, Option<Option<u32>>)> {
    dir.create()?;
    let owner = dir.lock_file(SandboxLock::Owner)?;
    let deadline = Instant::now() + STOP_WAIT;
    let mut stopped = None;
    while !try_lock(&owner, LockMode::Exclusive)? {
        if stopped.is_none() {
            stopped = Some(EndpointsFile::read(dir).map(|file| file.pid));
        }
        // Written again each round: an owner that was just starting removes stale requests.
        write_atomically(&dir.stop_request(), b"stop\n")?;
        if Instant::now() >= deadline {
            anyhow::bail!(
                "the sandbox process{} did not stop within {} s; end it with `kill`",
                pid_text(stopped.flatten()),
                STOP_WAIT.as_secs()
            );
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    remove_if_present(&dir.stop_request())?;
    Ok((owner, stopped))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reset_lists_what_each_region_held() {
        let views = vec![RegionView {
            account: "sandbox-dcos".to_owned(),
            region: "us-east-1".to_owned(),
            apps: vec![super::super::view::AppView {
                name: "/web-v000".to_owned(),
                state: "running".to_owned(),
                ready: 1,
                instances: 1,
                image: None,
            }],
            faults: vec!["crashloop".to_owned()],
        }];
        assert_eq!(
            removed_text(Some(&views)),
            "removed from sandbox-dcos us-east-1: apps /web-v000; faults crashloop\n\
             sandbox: state emptied; the next deployments start again at v000\n"
        );
        assert_eq!(removed_text(None), "sandbox: no state to remove");
        assert!(removed_text(Some(&[])).contains("held no apps"));
    }
}
