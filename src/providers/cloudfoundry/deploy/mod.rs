//! Deploying a server group: reading the deploy description (`spec`, `manifest`), fetching
//! bits (`bits`), the quick first steps (`create`) and the polled rest (`progress`).
//!
//! `create_server_group` does not wait for staging: it creates the app, its package (or
//! droplet copy), bindings, process settings and routes, and returns. Each
//! `deploy_progress` poll then looks at what CF reports and takes the next step once its
//! time has come — create the build when the package is READY, set the droplet when it is
//! STAGED, start the app — so a deploy survives a restart of gennaker between polls, and the
//! engine keeps the timeout and cancellation. The app's annotations carry what the polls
//! need: the package or droplet guid, the build guid, and whether to start.

mod bits;
mod create;
pub(crate) mod manifest;
mod progress;
pub(crate) mod spec;

#[cfg(test)]
pub(super) use progress::instances_progress as progress_of_instances;

/// Annotation: the guid of the package to stage.
const PACKAGE: &str = "gennaker.io/package";
/// Annotation: the guid of the build staging the package.
const BUILD: &str = "gennaker.io/build";
/// Annotation: the guid of a droplet copied from another server group.
const DROPLET: &str = "gennaker.io/droplet";
/// Annotation: `true` or `false`, whether to start the app once it has a droplet.
const START: &str = "gennaker.io/start";
/// Annotation: `true` when services are bound, so staging waits for the bindings.
const BINDS: &str = "gennaker.io/binds";
