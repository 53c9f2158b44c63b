//! `run --rehearse`: a production pipeline run against the built-in sandbox. Each account the
//! pipeline names stands in for a sandbox account of the same provider, under its own name, so
//! the pipeline runs unchanged: a DC/OS account's regions are mapped onto the sandbox's
//! clusters, a Cloud Foundry account's `org > space` regions are created in the sandbox
//! foundation. `--fault` sets sandbox faults for the rehearsal only.
//!
//! The stand-ins are recorded with the execution, so a resumed rehearsal stays in the sandbox.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::cli::SandboxFaultArgs;
use crate::commands::Context;
use crate::commands::accounts::SANDBOX_ACCOUNTS;
use crate::commands::accounts::sandbox::{cloud_foundry_config, dcos_config};
use crate::commands::sandbox::SandboxEndpoints;
use crate::commands::sandbox::accounts::{DCOS_ACCOUNT, DCOS_REGIONS};
use crate::commands::sandbox::fault_kind::FaultKind;
use crate::exit_status::{ExitStatus, StatusError};
use crate::pipeline::model::Pipeline;
use crate::settings::accounts::AccountConfig;

/// What an account of the pipeline stands in for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct StandIn {
    /// `dcos` or `cloudfoundry`.
    pub(crate) provider: String,
    /// The pipeline's region → the sandbox region it runs in.
    pub(crate) regions: BTreeMap<String, String>,
}

/// Every account of a rehearsal and its stand-in, and the faults to set.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub(crate) struct RehearsalPlan {
    /// Account name → stand-in.
    pub(crate) accounts: BTreeMap<String, StandIn>,
    /// (sandbox account, sandbox region, fault kind), set before and cleared after.
    #[serde(default)]
    pub(crate) faults: Vec<(String, String, String)>,
    /// The Cloud Foundry routes the pipeline's manifests name, whose domains the sandbox needs.
    #[serde(default)]
    pub(crate) routes: Vec<String>,
}

/// The accounts and regions a pipeline's stages name, with the provider each stage says.
fn accounts_in(pipeline: &Pipeline) -> BTreeMap<String, (Option<String>, Vec<String>)> {
    let mut found: BTreeMap<String, (Option<String>, Vec<String>)> = BTreeMap::new();
    let mut note = |place: &serde_json::Map<String, Value>, outer: Option<&str>| {
        let text = |key: &str| {
            place
                .get(key)
                .and_then(Value::as_str)
                .filter(|v| !v.is_empty())
        };
        let Some(account) = text("account").or_else(|| text("credentials")) else {
            return;
        };
        let entry = found.entry(account.to_owned()).or_default();
        if entry.0.is_none() {
            entry.0 = text("cloudProvider").or(outer).map(str::to_owned);
        }
        let mut regions: Vec<String> = text("region").map(str::to_owned).into_iter().collect();
        if let Some(Value::Array(list)) = place.get("regions") {
            regions.extend(list.iter().filter_map(Value::as_str).map(str::to_owned));
        }
        if let Some(Value::Object(zones)) = place.get("availabilityZones") {
            regions.extend(zones.keys().cloned());
        }
        for region in regions {
            if !entry.1.contains(&region) {
                entry.1.push(region);
            }
        }
    };
    for stage in &pipeline.stages {
        let raw = stage.raw();
        let provider = raw.get("cloudProvider").and_then(Value::as_str);
        note(raw, None);
        for cluster in raw
            .get("clusters")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .chain(raw.get("cluster").filter(|value| value.is_object()))
        {
            if let Value::Object(cluster) = cluster {
                note(cluster, provider);
            }
        }
        if let Some(Value::Array(preconditions)) = raw.get("preconditions") {
            for precondition in preconditions {
                if let Some(Value::Object(context)) = precondition.get("context") {
                    note(context, provider);
                }
            }
        }
    }
    found
}

/// Plans the rehearsal of `pipeline` from `--map` and `--fault`.
pub(crate) fn plan(
    pipeline: &Pipeline,
    maps: &[String],
    faults: &[String],
    context: &Context,
) -> anyhow::Result<RehearsalPlan> {
    let mut chosen: BTreeMap<String, String> = BTreeMap::new();
    for map in maps {
        let Some((account, sandbox)) = map.split_once('=') else {
            return Err(invalid(format!(
                "`--map {map}` is not ACCOUNT=SANDBOX_ACCOUNT"
            )));
        };
        if !SANDBOX_ACCOUNTS.iter().any(|(name, _)| *name == sandbox) {
            return Err(invalid(format!(
                "`--map {map}`: `{sandbox}` is not a sandbox account"
            )));
        }
        chosen.insert(account.to_owned(), sandbox.to_owned());
    }
    let configured = &context.settings.config.accounts;
    let mut plan = RehearsalPlan::default();
    for (account, (said, regions)) in accounts_in(pipeline) {
        if SANDBOX_ACCOUNTS.iter().any(|(name, _)| *name == account) {
            continue;
        }
        let provider = match (chosen.get(&account), configured.get(&account), &said) {
            (Some(sandbox), _, _) => provider_of_sandbox(sandbox).to_owned(),
            (None, Some(config), _) => config.provider().to_owned(),
            (None, None, Some(said)) if said == "dcos" || said == "cloudfoundry" => said.clone(),
            _ => {
                return Err(invalid(format!(
                    "cannot tell which provider account `{account}` is, to rehearse it"
                )));
            }
        };
        let regions = if provider == "dcos" {
            dcos_regions(&regions)
        } else {
            regions
                .iter()
                .map(|region| (region.clone(), region.clone()))
                .collect()
        };
        plan.accounts.insert(account, StandIn { provider, regions });
    }
    for fault in faults {
        plan.faults.extend(fault_targets(&plan, fault)?);
    }
    plan.routes = routes_in(pipeline);
    Ok(plan)
}

/// The routes of every `manifest.direct` of the pipeline's Cloud Foundry deploys.
fn routes_in(pipeline: &Pipeline) -> Vec<String> {
    let mut routes = Vec::new();
    for stage in &pipeline.stages {
        for cluster in stage
            .raw()
            .get("clusters")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let found = cluster
                .pointer("/manifest/direct/routes")
                .and_then(Value::as_array)
                .into_iter()
                .flatten();
            for route in found {
                let text = route
                    .as_str()
                    .or_else(|| route.get("route").and_then(Value::as_str));
                if let Some(text) = text
                    && !routes.iter().any(|known| known == text)
                {
                    routes.push(text.to_owned());
                }
            }
        }
    }
    routes
}

fn provider_of_sandbox(sandbox: &str) -> &'static str {
    SANDBOX_ACCOUNTS
        .iter()
        .find(|(name, _)| *name == sandbox)
        .map_or("dcos", |(_, provider)| provider)
}

/// Production regions onto the sandbox's clusters: a sandbox region's own name stays, the
/// others take the clusters left in turn.
fn dcos_regions(regions: &[String]) -> BTreeMap<String, String> {
    let mut mapped = BTreeMap::new();
    let mut free: Vec<&str> = DCOS_REGIONS
        .iter()
        .copied()
        .filter(|sandbox| !regions.iter().any(|region| region == sandbox))
        .collect();
    let mut turn = 0;
    for region in regions {
        let target = if DCOS_REGIONS.contains(&region.as_str()) {
            region.clone()
        } else if free.is_empty() {
            turn += 1;
            DCOS_REGIONS[(turn - 1) % DCOS_REGIONS.len()].to_owned()
        } else {
            free.remove(0).to_owned()
        };
        mapped.insert(region.clone(), target);
    }
    mapped
}

/// `--fault KIND` (every region of the rehearsal) or `--fault REGION=KIND`.
fn fault_targets(
    plan: &RehearsalPlan,
    fault: &str,
) -> anyhow::Result<Vec<(String, String, String)>> {
    // `latency=200` is a kind with its value; `prod-east=latency=200` names a region first.
    let (region, kind) = match (FaultKind::parse(fault), fault.split_once('=')) {
        (Ok(_), _) => (None, fault.to_owned()),
        (Err(_), Some((region, kind))) => {
            FaultKind::parse(kind)?;
            (Some(region.trim().to_owned()), kind.to_owned())
        }
        (Err(error), None) => return Err(error.into()),
    };
    let mut targets = Vec::new();
    for stand_in in plan.accounts.values() {
        if stand_in.provider != "dcos" {
            continue;
        }
        for (production, sandbox) in &stand_in.regions {
            if region.as_ref().is_none_or(|wanted| wanted == production) {
                let target = (DCOS_ACCOUNT.to_owned(), sandbox.clone(), kind.clone());
                if !targets.contains(&target) {
                    targets.push(target);
                }
            }
        }
    }
    if targets.is_empty() {
        return Err(invalid(format!(
            "`--fault {fault}` names no DC/OS region of the pipeline"
        )));
    }
    Ok(targets)
}

fn invalid(message: String) -> anyhow::Error {
    StatusError::new(ExitStatus::InvalidInput, message)
        .with_hint("`--map ACCOUNT=sandbox-dcos|sandbox-cf` names the sandbox account an account stands in for")
        .into()
}

/// The account settings that make each account of the plan reach the sandbox.
pub(crate) fn overrides(
    plan: &RehearsalPlan,
    endpoints: &SandboxEndpoints,
) -> BTreeMap<String, AccountConfig> {
    plan.accounts
        .iter()
        .map(|(account, stand_in)| {
            let config = if stand_in.provider == "dcos" {
                let mut config = dcos_config(endpoints);
                config.regions = stand_in
                    .regions
                    .iter()
                    .filter_map(|(production, sandbox)| {
                        Some((production.clone(), endpoints.dcos.get(sandbox)?.clone()))
                    })
                    .collect();
                AccountConfig::Dcos(config)
            } else {
                AccountConfig::Cloudfoundry(cloud_foundry_config(endpoints))
            };
            (account.clone(), config)
        })
        .collect()
}

/// Sets the plan's faults (or clears them with `clear`), saying so.
pub(crate) async fn set_faults(
    plan: &RehearsalPlan,
    clear: bool,
    context: &Context,
) -> anyhow::Result<()> {
    for (account, region, kind) in &plan.faults {
        let args = SandboxFaultArgs {
            account: account.clone(),
            region: region.clone(),
            kind: if clear {
                "clear".to_owned()
            } else {
                kind.clone()
            },
        };
        crate::commands::sandbox::fault(&args, context).await?;
    }
    Ok(())
}

/// Starts the sandbox, sets the rehearsal's faults and returns the settings that make every
/// account of the plan reach the sandbox (and nothing else).
pub(crate) async fn begin(
    plan: &RehearsalPlan,
    context: &Context,
) -> anyhow::Result<crate::stages::CloudSettings> {
    let endpoints = crate::commands::sandbox::ensure_running(&context.settings.data_dir).await?;
    let spaces: Vec<String> = plan
        .accounts
        .values()
        .filter(|stand_in| stand_in.provider == "cloudfoundry")
        .flat_map(|stand_in| stand_in.regions.keys().cloned())
        .collect();
    super::rehearse_cf::ensure_spaces(&endpoints, &spaces, &plan.routes).await?;
    set_faults(plan, false, context).await?;
    let stand_ins: Vec<String> = plan
        .accounts
        .iter()
        .map(|(account, stand_in)| {
            let regions: Vec<String> = stand_in
                .regions
                .iter()
                .map(|(production, sandbox)| format!("{production}→{sandbox}"))
                .collect();
            format!("{account} ({}: {})", stand_in.provider, regions.join(", "))
        })
        .collect();
    for stand_in in plan.accounts.values() {
        let mut by_cluster: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for (production, sandbox) in &stand_in.regions {
            by_cluster.entry(sandbox).or_default().push(production);
        }
        for (sandbox, shared) in by_cluster.iter().filter(|(_, shared)| shared.len() > 1) {
            context.printer.err(&format!(
                "warning: rehearsal regions {} share the sandbox cluster {sandbox}; a cluster deployed to more than one of them is one server group there\n",
                shared.join(", ")
            ));
        }
    }
    context.printer.note(&format!(
        "rehearsal: on the sandbox, standing in for {}\n",
        if stand_ins.is_empty() {
            "no account".to_owned()
        } else {
            stand_ins.join("; ")
        }
    ));
    Ok(crate::commands::accounts::cloud_settings_with(
        context,
        Some(overrides(plan, &endpoints)),
    ))
}

/// Clears the rehearsal's faults, records what it exercised and prints the report.
pub(crate) async fn end(
    plan: &RehearsalPlan,
    pipeline: Option<&Pipeline>,
    finished: &crate::engine::record::Execution,
    context: &Context,
) {
    if let Err(error) = set_faults(plan, true, context).await {
        context.printer.err(&format!(
            "warning: the rehearsal's faults were not cleared: {error:#}\n"
        ));
    }
    let Some(pipeline) = pipeline else {
        return;
    };
    let path = super::rehearsal::coverage_path(&context.settings.data_dir, pipeline);
    match super::rehearsal::record(&path, finished) {
        Ok(coverage) => context
            .printer
            .note(&super::rehearsal::report(pipeline, finished, &coverage)),
        Err(error) => context.printer.err(&format!(
            "warning: the rehearsal was not recorded: {error:#}\n"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan_with_region(region: &str) -> RehearsalPlan {
        let regions = BTreeMap::from([(region.to_owned(), "us-east-1".to_owned())]);
        let stand_in = StandIn {
            provider: "dcos".to_owned(),
            regions,
        };
        RehearsalPlan {
            accounts: BTreeMap::from([("prod".to_owned(), stand_in)]),
            ..RehearsalPlan::default()
        }
    }

    #[test]
    fn a_fault_is_a_kind_with_its_value_or_a_region_then_a_kind() {
        let plan = plan_with_region("prod-east");
        let target = |fault: &str| fault_targets(&plan, fault).map(|targets| targets[0].clone());
        let expect = |kind: &str| {
            (
                "sandbox-dcos".to_owned(),
                "us-east-1".to_owned(),
                kind.to_owned(),
            )
        };
        assert_eq!(target("latency=200").unwrap(), expect("latency=200"));
        assert_eq!(target("slow-start=5").unwrap(), expect("slow-start=5"));
        assert_eq!(
            target("prod-east=http-5xx=0.2").unwrap(),
            expect("http-5xx=0.2")
        );
        assert_eq!(target("prod-east=crashloop").unwrap(), expect("crashloop"));
        assert!(target("prod-west=crashloop").is_err(), "no such region");
        assert!(target("prod-east=melt").is_err(), "no such kind");
        assert!(target("melt").is_err(), "no such kind");
    }

    #[test]
    fn production_regions_take_the_free_sandbox_clusters() {
        let regions = ["prod-east".to_owned(), "us-west-1".to_owned()];
        let mapped = dcos_regions(&regions);
        assert_eq!(mapped["prod-east"], "us-east-1");
        assert_eq!(mapped["us-west-1"], "us-west-1");
        let three = ["a".to_owned(), "b".to_owned(), "c".to_owned()];
        let mapped = dcos_regions(&three);
        assert_eq!(
            [&mapped["a"], &mapped["b"], &mapped["c"]],
            ["us-east-1", "us-west-1", "us-east-1"]
        );
    }
}
