//! [`ensure_running`]: the sandbox of a data directory, started in the background if needed.
//!
//! Two gennaker processes calling it at once end on the same sandbox: each first takes a
//! shared hold on `clients.lock` (the sandbox does not idle out under it), uses the sandbox of
//! `endpoints.json` if it answers, and otherwise takes `spawn.lock` and looks again before
//! starting one; the second to get `spawn.lock` finds the first one's sandbox answering.

use std::fs::{File, OpenOptions};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

use anyhow::Context as _;

use super::endpoints::{EndpointsFile, SandboxEndpoints};
use super::layout::{LockMode, SandboxDir, SandboxLock, lock_within};
use crate::exit_status::{ExitStatus, StatusError};

/// How long a caller waits for a stopping sandbox to be gone, or another caller's start.
const LOCK_WAIT: Duration = Duration::from_secs(30);

/// How long a new sandbox may take to answer (a busy CI machine is slow to start processes).
const START_WAIT: Duration = Duration::from_secs(30);

/// How often a starting sandbox is looked at.
const START_POLL: Duration = Duration::from_millis(50);

/// `daemon.log` is emptied before a start once it is this big, so it never grows unbounded.
const LOG_LIMIT: u64 = 1024 * 1024;

/// Shared holds on `clients.lock`, kept until the process exits: a process that used the
/// sandbox once may use it again at any moment (a pipeline polling after a long wait stage),
/// so the sandbox must not stop under it.
static CLIENT_HOLDS: Mutex<Vec<(PathBuf, File)>> = Mutex::new(Vec::new());

/// The URLs of the sandbox of `data_dir`, starting it in the background (`gennaker sandbox
/// daemon`) when it does not run. The sandbox keeps running at least while this process lives
/// and then until it has been idle for ten minutes.
pub(crate) async fn ensure_running(data_dir: &std::path::Path) -> anyhow::Result<SandboxEndpoints> {
    let dir = SandboxDir::new(data_dir);
    hold_as_client(&dir).await?;
    if let Some(file) = EndpointsFile::read_answering(&dir).await {
        return Ok(file.endpoints());
    }
    let spawn = dir.lock_file(SandboxLock::Spawn)?;
    if !lock_within(&spawn, LockMode::Exclusive, LOCK_WAIT).await? {
        return Err(not_started(
            &dir,
            "another gennaker process is still starting it",
        ));
    }
    // Whoever held the spawn lock may have started it meanwhile.
    if let Some(file) = EndpointsFile::read_answering(&dir).await {
        return Ok(file.endpoints());
    }
    let mut child = spawn_daemon(&dir)?;
    let started = wait_until_answering(&dir, &mut child).await;
    // Reap the daemon when it exits, so a long-lived caller leaves no zombie behind.
    std::thread::spawn(move || child.wait());
    drop(spawn);
    started.map(|file| file.endpoints())
}

/// Takes (once per process and data directory) a shared hold on `clients.lock`.
async fn hold_as_client(dir: &SandboxDir) -> anyhow::Result<()> {
    let held = |holds: &[(PathBuf, File)]| holds.iter().any(|(root, _)| root == dir.root());
    if held(&CLIENT_HOLDS.lock().unwrap_or_else(PoisonError::into_inner)) {
        return Ok(());
    }
    let file = dir.lock_file(SandboxLock::Clients)?;
    // A sandbox stopping for idleness holds the lock exclusively until its servers are down.
    if !lock_within(&file, LockMode::Shared, LOCK_WAIT).await? {
        return Err(not_started(
            dir,
            "the previous sandbox did not finish stopping",
        ));
    }
    let mut holds = CLIENT_HOLDS.lock().unwrap_or_else(PoisonError::into_inner);
    if !held(&holds) {
        holds.push((dir.root().to_owned(), file));
    }
    Ok(())
}

/// Starts `gennaker --data-dir DIR sandbox daemon` detached: its own process group (a Ctrl-C
/// in the caller's terminal does not reach it), no stdin, output to `daemon.log`.
fn spawn_daemon(dir: &SandboxDir) -> anyhow::Result<Child> {
    let executable = std::env::current_exe().context("cannot find the gennaker executable")?;
    let log_path = dir.daemon_log();
    let too_big = std::fs::metadata(&log_path).is_ok_and(|meta| meta.len() > LOG_LIMIT);
    let log = OpenOptions::new()
        .create(true)
        .append(!too_big)
        .write(true)
        .truncate(too_big)
        .open(&log_path)
        .with_context(|| format!("cannot open `{}`", log_path.display()))?;
    let mut command = Command::new(executable);
    command
        .arg("--data-dir")
        .arg(dir.data_dir())
        .args(["sandbox", "daemon"])
        .current_dir(dir.root())
        .stdin(Stdio::null())
        .stdout(log.try_clone()?)
        .stderr(log);
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    command
        .spawn()
        .context("cannot start the background sandbox (`gennaker sandbox daemon`)")
}

/// Waits for the new sandbox's `endpoints.json` to appear and answer.
async fn wait_until_answering(
    dir: &SandboxDir,
    child: &mut Child,
) -> anyhow::Result<EndpointsFile> {
    let deadline = Instant::now() + START_WAIT;
    loop {
        if let Some(file) = EndpointsFile::read(dir)
            && file.pid == child.id()
            && file.answers().await
        {
            return Ok(file);
        }
        if let Some(status) = child.try_wait()? {
            return Err(not_started(dir, &format!("it exited at once ({status})")));
        }
        if Instant::now() >= deadline {
            return Err(not_started(
                dir,
                &format!("it did not answer within {} s", START_WAIT.as_secs()),
            ));
        }
        tokio::time::sleep(START_POLL).await;
    }
}

fn not_started(dir: &SandboxDir, why: &str) -> anyhow::Error {
    StatusError::new(
        ExitStatus::Unreachable,
        format!("cannot start the sandbox: {why}"),
    )
    .with_hint(format!(
        "its log is `{}`; `gennaker sandbox stop` stops a sandbox left running",
        dir.daemon_log().display()
    ))
    .into()
}
