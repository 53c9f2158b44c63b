//! Where a running sandbox answers: [`SandboxEndpoints`] for the code that talks to it, and
//! [`EndpointsFile`], the `endpoints.json` its process writes once it serves.

use std::collections::BTreeMap;
use std::time::Duration;

use anyhow::Context as _;
use serde::{Deserialize, Serialize};

use super::layout::{SandboxDir, write_atomically};

/// How long one liveness probe may take; the sandbox is local, so a slow answer means trouble.
const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

/// Version of `endpoints.json`.
const FORMAT: u32 = 1;

/// The base URLs of the running sandbox's simulators.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SandboxEndpoints {
    /// DC/OS cluster base URL (`http://127.0.0.1:PORT`) by region; Marathon is under
    /// `/service/marathon`, Metronome under `/service/metronome`. No login is needed.
    pub(crate) dcos: BTreeMap<String, String>,
    /// The Cloud Controller's base URL (`GET /`, `/v3/…`).
    pub(crate) cloudfoundry_api: String,
    /// UAA's base URL (`POST /oauth/token`; user `admin`/`admin`, client `cf` with no secret).
    pub(crate) cloudfoundry_uaa: String,
}

/// The Cloud Foundry part of the URLs line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct CloudFoundryUrls {
    /// The Cloud Controller.
    pub(crate) api: String,
    /// UAA.
    pub(crate) uaa: String,
}

/// The first line of `sandbox serve` and `sandbox start`:
/// `{"dcos": {region: url}, "cloudfoundry": {"api", "uaa"}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct UrlsLine {
    /// DC/OS base URLs by region.
    pub(crate) dcos: BTreeMap<String, String>,
    /// Cloud Foundry URLs.
    pub(crate) cloudfoundry: CloudFoundryUrls,
}

/// `endpoints.json`: the URLs line plus who serves it. Tools may read it with the same parser
/// as the URLs line; the extra keys say which process to expect.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct EndpointsFile {
    /// Version of this file's layout.
    pub(crate) format: u32,
    /// The serving process.
    pub(crate) pid: u32,
    /// When it started serving, milliseconds since the Unix epoch.
    pub(crate) started_at: u64,
    /// True for the background sandbox, false for a `sandbox serve --persist` in a terminal.
    pub(crate) background: bool,
    /// The URLs.
    #[serde(flatten)]
    pub(crate) urls: UrlsLine,
}

impl SandboxEndpoints {
    /// The URLs as the first stdout line of `sandbox serve` prints them.
    pub(crate) fn urls_line(&self) -> UrlsLine {
        UrlsLine {
            dcos: self.dcos.clone(),
            cloudfoundry: CloudFoundryUrls {
                api: self.cloudfoundry_api.clone(),
                uaa: self.cloudfoundry_uaa.clone(),
            },
        }
    }
}

impl EndpointsFile {
    /// The file describing this process serving `endpoints`.
    pub(crate) fn for_this_process(endpoints: &SandboxEndpoints, background: bool) -> Self {
        Self {
            format: FORMAT,
            pid: std::process::id(),
            started_at: crate::engine::clock::now_ms(),
            background,
            urls: endpoints.urls_line(),
        }
    }

    /// The endpoints for clients.
    pub(crate) fn endpoints(&self) -> SandboxEndpoints {
        SandboxEndpoints {
            dcos: self.urls.dcos.clone(),
            cloudfoundry_api: self.urls.cloudfoundry.api.clone(),
            cloudfoundry_uaa: self.urls.cloudfoundry.uaa.clone(),
        }
    }

    /// Reads `endpoints.json`; `None` when absent or unreadable (a half-dead sandbox is
    /// treated as a stopped one).
    pub(crate) fn read(dir: &SandboxDir) -> Option<Self> {
        let bytes = std::fs::read(dir.endpoints()).ok()?;
        serde_json::from_slice::<Self>(&bytes)
            .ok()
            .filter(|file| file.format == FORMAT)
    }

    /// Writes `endpoints.json` atomically.
    pub(crate) fn write(&self, dir: &SandboxDir) -> anyhow::Result<()> {
        let path = dir.endpoints();
        let json = serde_json::to_vec_pretty(self)?;
        write_atomically(&path, &json).with_context(|| format!("cannot write `{}`", path.display()))
    }

    /// Reads `endpoints.json` and keeps it only if every simulator answers.
    pub(crate) async fn read_answering(dir: &SandboxDir) -> Option<Self> {
        let file = Self::read(dir)?;
        file.answers().await.then_some(file)
    }

    /// Whether every simulator it names answers a quick request.
    pub(crate) async fn answers(&self) -> bool {
        let Ok(client) = probe_client() else {
            return false;
        };
        let mut probes: Vec<String> = self
            .urls
            .dcos
            .values()
            .map(|url| format!("{url}/__simulator/info"))
            .collect();
        // Control APIs only: they answer whatever HTTP faults `sandbox fault` set.
        probes.push(format!("{}/_simulator/faults", self.urls.cloudfoundry.api));
        for probe in probes {
            let answered = client
                .get(&probe)
                .send()
                .await
                .is_ok_and(|response| response.status().is_success());
            if !answered {
                return false;
            }
        }
        true
    }
}

/// An HTTP client for the local simulators: short timeouts, and never a proxy (a proxy from
/// the environment cannot reach this machine's loopback).
pub(crate) fn local_client(timeout: Duration) -> anyhow::Result<reqwest::Client> {
    reqwest::Client::builder()
        .no_proxy()
        .timeout(timeout)
        .build()
        .context("cannot build an HTTP client")
}

/// The error of a request to the sandbox that got no answer (exit 4: could not reach a target).
pub(crate) fn unreachable(request: &str, error: &reqwest::Error) -> anyhow::Error {
    crate::exit_status::StatusError::new(
        crate::exit_status::ExitStatus::Unreachable,
        format!("cannot reach the sandbox (`{request}`): {error}"),
    )
    .with_hint("`gennaker sandbox status` says whether it runs; its log is `<data-dir>/sandbox/daemon.log`")
    .into()
}

fn probe_client() -> anyhow::Result<reqwest::Client> {
    local_client(PROBE_TIMEOUT)
}
