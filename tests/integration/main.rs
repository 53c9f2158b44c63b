//! The integration test binary; one module per feature.

// Cloud Foundry simulator (Cloud Controller v3 + UAA), over real HTTP.
mod sim_cf_apps;
mod sim_cf_deploy;
mod sim_cf_deployments;
mod sim_cf_discovery;
mod sim_cf_faults;
mod sim_cf_robustness;
mod sim_cf_services;
mod sim_cf_support;
mod sim_cf_tasks;
mod sim_cf_uaa;
