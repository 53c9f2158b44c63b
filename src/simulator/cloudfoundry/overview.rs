//! A compact view of what runs where, for tests and operators: every app with its org and
//! space, state, running image, processes (instances and each instance's state) and the URLs
//! routed to it. Served by [`super::CloudFoundrySimulator::overview`] and
//! `GET /_simulator/overview`; the full state is the snapshot.

use serde_json::{Value, json};

use super::clock::Millis;
use super::process_stats::stats;
use super::shared::Shared;
use super::world::Foundation;

pub(crate) fn overview(world: &Foundation, now: Millis, shared: &Shared) -> Value {
    let apps: Vec<Value> = world
        .apps
        .iter()
        .map(|app| {
            let space = world.space(&app.space_guid).ok();
            let organization = space.and_then(|space| world.organization(&space.organization_guid).ok());
            let droplet = app.current_droplet_guid.as_deref().and_then(|guid| world.droplet(guid).ok());
            let processes: Vec<Value> = world
                .processes
                .iter()
                .filter(|process| process.app_guid == app.guid)
                .map(|process| {
                    let states: Vec<Value> =
                        stats(world, process, now, shared).into_iter().map(|entry| entry["state"].clone()).collect();
                    json!({"guid": process.guid, "type": process.kind, "instances": process.instances, "states": states})
                })
                .collect();
            let routes: Vec<String> = world
                .routes
                .iter()
                .filter(|route| route.destinations.iter().any(|destination| destination.app_guid == app.guid))
                .map(|route| route.url(world))
                .collect();
            json!({
                "guid": app.guid,
                "name": app.name,
                "organization": organization.map(|org| org.name.as_str()),
                "space": space.map(|space| space.name.as_str()),
                "state": app.state.as_str(),
                "image": droplet.and_then(|droplet| droplet.image.as_deref()),
                "droplet": app.current_droplet_guid,
                "processes": processes,
                "routes": routes,
            })
        })
        .collect();
    json!({"apps": apps})
}
