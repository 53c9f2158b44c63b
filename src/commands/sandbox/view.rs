//! [`RegionView`]: what each sandbox account region runs and which faults it has, read from
//! running simulators over HTTP through their control APIs (`/__simulator/overview` of each
//! DC/OS cluster, `/_simulator/overview` of the Cloud Foundry, and their faults), which answer
//! whatever HTTP faults are set. `sandbox status` prints it and `sandbox reset` reports what it
//! removed from it.

use std::collections::BTreeMap;
use std::time::Duration;

use anyhow::Context as _;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use super::accounts::{
    CLOUD_FOUNDRY_ACCOUNT, CLOUD_FOUNDRY_ORGANIZATION, DCOS_ACCOUNT, cloud_foundry_region,
    cloud_foundry_regions,
};
use super::endpoints::{SandboxEndpoints, local_client, unreachable};
use super::fault_kind::{describe_cloud_foundry, describe_dcos};
use crate::simulator::cloudfoundry::CloudFoundryFaults;
use crate::simulator::fault::Faults;

/// Budget of one request to a local simulator.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// One account region: its apps and faults.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct RegionView {
    /// `sandbox-dcos` or `sandbox-cf`.
    pub(crate) account: String,
    /// `us-east-1`…, or `sandbox > dev`….
    pub(crate) region: String,
    /// Its apps (Marathon apps, or Cloud Foundry apps), by name.
    pub(crate) apps: Vec<AppView>,
    /// Its faults in `sandbox fault` words.
    pub(crate) faults: Vec<String>,
}

/// One app.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub(crate) struct AppView {
    /// Marathon app id or Cloud Foundry app name.
    pub(crate) name: String,
    /// `running`, `deploying`, `suspended` (DC/OS) or the Cloud Foundry app state.
    pub(crate) state: String,
    /// Instances ready: running (and healthy, when checked).
    pub(crate) ready: u64,
    /// Instances wanted.
    pub(crate) instances: u64,
    /// The container image (or command, for DC/OS apps that run none).
    pub(crate) image: Option<String>,
}

/// Reads every account region of the sandbox at `endpoints`.
pub(crate) async fn gather(endpoints: &SandboxEndpoints) -> anyhow::Result<Vec<RegionView>> {
    let client = local_client(REQUEST_TIMEOUT)?;
    let mut views = Vec::new();
    for (region, url) in &endpoints.dcos {
        let apps: Value = get(&client, &format!("{url}/__simulator/overview")).await?;
        let faults: Faults = get(&client, &format!("{url}/__simulator/faults")).await?;
        views.push(RegionView {
            account: DCOS_ACCOUNT.to_owned(),
            region: region.clone(),
            apps: marathon_apps(&apps),
            faults: describe_dcos(&faults),
        });
    }
    let api = &endpoints.cloudfoundry_api;
    let overview: Value = get(&client, &format!("{api}/_simulator/overview")).await?;
    let faults: CloudFoundryFaults = get(&client, &format!("{api}/_simulator/faults")).await?;
    views.extend(cloud_foundry_views(&overview, &faults));
    Ok(views)
}

async fn get<T: DeserializeOwned>(client: &reqwest::Client, url: &str) -> anyhow::Result<T> {
    let response = client
        .get(url)
        .send()
        .await
        .map_err(|error| unreachable(&format!("GET {url}"), &error))?;
    let status = response.status();
    let bytes = response.bytes().await?;
    if !status.is_success() {
        anyhow::bail!("`GET {url}` answered {status}");
    }
    serde_json::from_slice(&bytes).with_context(|| format!("unexpected answer from `{url}`"))
}

/// The apps of a DC/OS cluster's `/__simulator/overview`.
fn marathon_apps(overview: &Value) -> Vec<AppView> {
    let apps = overview["apps"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    apps.iter()
        .map(|app| {
            let instances = app["instances"].as_u64().unwrap_or_default();
            let state = if app["deploying"] == true {
                "deploying"
            } else if instances == 0 {
                "suspended"
            } else {
                "running"
            };
            AppView {
                name: app["id"].as_str().unwrap_or_default().to_owned(),
                state: state.to_owned(),
                ready: app["ready"].as_u64().unwrap_or_default(),
                instances,
                image: app["image"].as_str().map(ToOwned::to_owned),
            }
        })
        .collect()
}

/// One view per `org > space`: the sandbox's spaces always, others when they hold apps.
fn cloud_foundry_views(overview: &Value, faults: &CloudFoundryFaults) -> Vec<RegionView> {
    let mut spaces: BTreeMap<(String, String), Vec<AppView>> = BTreeMap::new();
    for region in cloud_foundry_regions() {
        if let Some((organization, space)) = region.split_once(" > ") {
            spaces.insert((organization.to_owned(), space.to_owned()), Vec::new());
        }
    }
    let apps = overview["apps"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default();
    for app in apps {
        let organization = app["organization"]
            .as_str()
            .unwrap_or(CLOUD_FOUNDRY_ORGANIZATION);
        let space = app["space"].as_str().unwrap_or_default();
        let processes = app["processes"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default();
        // During a deployment the new instances run in a `web-deployment-…` process.
        let web = || {
            processes.iter().filter(|process| {
                process["type"]
                    .as_str()
                    .is_some_and(|kind| kind.starts_with("web"))
            })
        };
        let instances = web()
            .find(|process| process["type"] == "web")
            .and_then(|process| process["instances"].as_u64())
            .unwrap_or_default();
        let ready = web()
            .flat_map(|process| process["states"].as_array().cloned().unwrap_or_default())
            .filter(|state| state == "RUNNING")
            .count() as u64;
        spaces
            .entry((organization.to_owned(), space.to_owned()))
            .or_default()
            .push(AppView {
                name: app["name"].as_str().unwrap_or_default().to_owned(),
                state: app["state"].as_str().unwrap_or_default().to_owned(),
                ready,
                instances,
                image: app["image"].as_str().map(ToOwned::to_owned),
            });
    }
    spaces
        .into_iter()
        .map(|((organization, space), mut apps)| {
            apps.sort_by(|a, b| a.name.cmp(&b.name));
            RegionView {
                account: CLOUD_FOUNDRY_ACCOUNT.to_owned(),
                region: cloud_foundry_region(&organization, &space),
                apps,
                faults: describe_cloud_foundry(faults, &space),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn marathon_apps_show_ready_of_wanted_and_whether_they_deploy() {
        let answer = json!({"apps": [
            {"id": "/web-v001", "instances": 3, "running": 3, "ready": 1, "deploying": true,
             "image": "nginx:1"},
            {"id": "/batch", "instances": 0, "running": 0, "ready": 0, "deploying": false,
             "image": "sleep 100"}
        ]});
        let apps = marathon_apps(&answer);
        assert_eq!(
            (apps[0].state.as_str(), apps[0].ready, apps[0].instances),
            ("deploying", 1, 3)
        );
        assert_eq!(apps[0].image.as_deref(), Some("nginx:1"));
        assert_eq!((apps[1].state.as_str(), apps[1].ready), ("suspended", 0));
        assert_eq!(apps[1].image.as_deref(), Some("sleep 100"));
    }

    #[test]
    fn cloud_foundry_apps_group_by_space_and_count_running_web_instances() {
        let overview = json!({"apps": [
            {"name": "api", "organization": "sandbox", "space": "prod", "state": "STARTED",
             "image": "api:2", "processes": [
                {"type": "web", "instances": 2, "states": ["RUNNING", "CRASHED"]},
                {"type": "worker", "instances": 1, "states": ["RUNNING"]}]}
        ]});
        let views = cloud_foundry_views(&overview, &CloudFoundryFaults::default());
        let regions: Vec<&str> = views.iter().map(|view| view.region.as_str()).collect();
        assert_eq!(regions, ["sandbox > dev", "sandbox > prod"]);
        assert!(views[0].apps.is_empty());
        let api = &views[1].apps[0];
        assert_eq!(
            (api.ready, api.instances, api.state.as_str()),
            (1, 2, "STARTED")
        );
    }
}
