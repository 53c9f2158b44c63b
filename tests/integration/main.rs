//! The one integration-test binary. Each module covers one feature; new tests go in the module
//! of their feature.

// DC/OS simulator, over real HTTP: shared harness, then one module per API group.
mod sim_dcos_auth;
mod sim_dcos_events;
mod sim_dcos_faults;
mod sim_dcos_marathon;
mod sim_dcos_metronome;
mod sim_dcos_sandbox;
mod sim_dcos_support;
