//! Serving the sandbox accounts' persisted state: what the background sandbox
//! (`sandbox daemon`) and `sandbox serve --persist` both run.
//!
//! Ownership and shutdown: the serving process holds `owner.lock` for its whole life, so it
//! is the only writer of `state.json`. Every [`CHECK_EVERY`] it saves the state if it changed,
//! looks for a stop request (`stop`, written by `sandbox stop`/`reset`) and, with an idle
//! limit, checks whether anything called since. It stops on a stop request, SIGTERM/Ctrl-C, or
//! when idle and no process holds `clients.lock` shared. Stopping removes `endpoints.json`
//! first (so newcomers start a fresh sandbox instead of using a dying one), saves one last
//! time, stops the servers, and only then releases the locks.

use std::fs::File;
use std::time::{Duration, Instant};

use serde_json::json;

use super::accounts::dcos_regions;
use super::endpoints::EndpointsFile;
use super::layout::{LockMode, SandboxDir, SandboxLock, lock_within, remove_if_present, try_lock};
use super::saved_state::SavedState;
use super::serve::wait_for_stop_signal;
use super::simulators::SandboxSimulators;
use crate::engine::clock::now_ms;
use crate::exit_status::{ExitStatus, StatusError};
use crate::ui::Printer;

/// How often the owner saves changes and looks for stop requests and idleness.
const CHECK_EVERY: Duration = Duration::from_millis(500);

/// How long a new owner waits for the previous one to finish stopping.
const OWNER_WAIT: Duration = Duration::from_secs(10);

/// How the persisted sandbox runs.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PersistOptions {
    /// True for the background sandbox (recorded in `endpoints.json`).
    pub(crate) background: bool,
    /// Stop after this long without requests (and no client holding the sandbox); `None`
    /// serves until stopped.
    pub(crate) idle_exit: Option<Duration>,
}

/// Why the sandbox stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StopReason {
    Requested,
    Signal,
    Idle,
}

impl StopReason {
    fn describe(self) -> &'static str {
        match self {
            Self::Requested => "stop requested",
            Self::Signal => "interrupted",
            Self::Idle => "idle",
        }
    }
}

/// Serves the sandbox state of `dir` until stopped (see the module docs).
pub(crate) async fn serve_persisted(
    dir: &SandboxDir,
    options: PersistOptions,
    printer: &Printer,
) -> anyhow::Result<ExitStatus> {
    dir.create()?;
    let owner = dir.lock_file(SandboxLock::Owner)?;
    if !lock_within(&owner, LockMode::Exclusive, OWNER_WAIT).await? {
        let holder = EndpointsFile::read(dir)
            .map(|file| format!(" (pid {})", file.pid))
            .unwrap_or_default();
        return Err(StatusError::new(
            ExitStatus::InvalidInput,
            format!(
                "another gennaker process{holder} serves the sandbox of `{}`",
                dir.data_dir().display()
            ),
        )
        .with_hint("`gennaker sandbox stop` stops it; `gennaker sandbox status` shows what it runs")
        .into());
    }
    // A stop request left by a process that died before the previous owner saw it.
    remove_if_present(&dir.stop_request())?;
    let simulators = start_from_saved(dir, printer).await?;
    let endpoints = simulators.endpoints();
    EndpointsFile::for_this_process(&endpoints, options.background).write(dir)?;
    let line = endpoints.urls_line();
    // The first stdout line is an interface, as for `sandbox serve`.
    printer.out(&format!("{}\n", json!(line)))?;
    printer.note(&format!(
        "sandbox: serving the saved state of `{}` (pid {})\n",
        dir.root().display(),
        std::process::id()
    ));
    let mut last_saved = simulators.snapshot().to_bytes()?;
    let watched = watch(
        dir,
        &simulators,
        options.idle_exit,
        &mut last_saved,
        printer,
    )
    .await;
    remove_if_present(&dir.endpoints())?;
    let saved = save_if_changed(dir, &simulators, &mut last_saved);
    simulators.shutdown();
    remove_if_present(&dir.stop_request())?;
    let (reason, clients) = watched?;
    saved?;
    drop(clients);
    drop(owner);
    printer.note(&format!(
        "sandbox: stopped ({}); state saved in `{}`\n",
        reason.describe(),
        dir.state().display()
    ));
    Ok(ExitStatus::Success)
}

/// Starts the simulators from `state.json`. A state that cannot be read or restored (an older
/// format, a damaged file) is moved aside with a warning, and the sandbox starts empty: a
/// rehearsal environment that refuses to start would be worse than one that forgot.
async fn start_from_saved(
    dir: &SandboxDir,
    printer: &Printer,
) -> anyhow::Result<SandboxSimulators> {
    let regions = dcos_regions();
    let problem = match SavedState::load(&dir.state()) {
        Ok(saved) => match SandboxSimulators::start(&regions, saved.as_ref()).await {
            Ok(simulators) => return Ok(simulators),
            Err(error) if saved.is_some() => error,
            Err(error) => return Err(error),
        },
        Err(error) => error,
    };
    let aside = dir
        .root()
        .join(format!("state.json.unreadable-{}", now_ms()));
    std::fs::rename(dir.state(), &aside)?;
    printer.note(&format!(
        "warning: {problem:#}\nwarning: the saved state was moved to `{}`; the sandbox starts empty\n",
        aside.display()
    ));
    SandboxSimulators::start(&regions, None).await
}

/// Saves, watches for a reason to stop, and returns it. When idle, the exclusive lock on
/// `clients.lock` comes back too: holding it until the servers are down makes a newcomer wait
/// for this sandbox to be gone rather than find it half-stopped.
async fn watch(
    dir: &SandboxDir,
    simulators: &SandboxSimulators,
    idle_exit: Option<Duration>,
    last_saved: &mut Vec<u8>,
    printer: &Printer,
) -> anyhow::Result<(StopReason, Option<File>)> {
    let clients = dir.lock_file(SandboxLock::Clients)?;
    let mut interval = tokio::time::interval(CHECK_EVERY);
    let signal = wait_for_stop_signal();
    tokio::pin!(signal);
    let mut served = simulators.requests_served();
    let mut last_activity = Instant::now();
    loop {
        tokio::select! {
            result = &mut signal => {
                result?;
                return Ok((StopReason::Signal, None));
            }
            _ = interval.tick() => {}
        }
        if let Err(error) = save_if_changed(dir, simulators, last_saved) {
            // A full disk must not take the simulators down mid-pipeline; retried next tick.
            printer.note(&format!("warning: {error:#}\n"));
        }
        if dir.stop_request().exists() {
            return Ok((StopReason::Requested, None));
        }
        let now_served = simulators.requests_served();
        if now_served != served {
            served = now_served;
            last_activity = Instant::now();
        }
        if let Some(idle_exit) = idle_exit
            && last_activity.elapsed() >= idle_exit
            && try_lock(&clients, LockMode::Exclusive)?
        {
            return Ok((StopReason::Idle, Some(clients)));
        }
    }
}

/// Writes `state.json` when the simulators hold something else than what was last written.
fn save_if_changed(
    dir: &SandboxDir,
    simulators: &SandboxSimulators,
    last_saved: &mut Vec<u8>,
) -> anyhow::Result<()> {
    let bytes = simulators.snapshot().to_bytes()?;
    if bytes != *last_saved || !dir.state().exists() {
        SavedState::save_bytes(&dir.state(), &bytes)?;
        *last_saved = bytes;
    }
    Ok(())
}
