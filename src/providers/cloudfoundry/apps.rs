//! Reading server groups: apps by name, their web process, instance states, droplet and
//! routes, and the [`ServerGroup`] they make.

use serde_json::{Map, json};

use crate::providers::cloudfoundry::client::{PER_PAGE, query};
use crate::providers::cloudfoundry::provider::CloudFoundryProvider;
use crate::providers::cloudfoundry::region::Region;
use crate::providers::cloudfoundry::resources::{
    App, Droplet, InstanceStats, Process, ProcessStats, Route, WithJson,
};
use crate::providers::error::{ProviderError, ProviderResult};
use crate::providers::model::{Capacity, Image, Instances, ServerGroup};
use crate::providers::naming;

impl CloudFoundryProvider {
    /// The region and space guid of a region in Spinnaker's form.
    pub(super) async fn space_of(&self, region: &str) -> ProviderResult<(Region, String)> {
        let region = Region::parse(region)?;
        let guid = self.spaces.guid(&self.client, &region).await?;
        Ok((region, guid))
    }

    /// The app named `name` in a space, if any.
    pub(super) async fn find_app(
        &self,
        space_guid: &str,
        name: &str,
    ) -> ProviderResult<Option<WithJson<App>>> {
        let path = format!(
            "/v3/apps{}",
            query(&[("names", name), ("space_guids", space_guid)])
        );
        let apps: Vec<WithJson<App>> = self
            .client
            .list(&path, &format!("looking up app `{name}`"))
            .await?;
        Ok(apps.into_iter().next())
    }

    /// The app of server group `name` in `region`; a not-found error when there is none.
    pub(super) async fn require_app(
        &self,
        region: &str,
        name: &str,
    ) -> ProviderResult<(Region, App)> {
        let (region, space) = self.space_of(region).await?;
        let app = self.find_app(&space, name).await?.ok_or_else(|| {
            ProviderError::not_found(format!("server group `{name}` not found in `{region}`"))
        })?;
        Ok((region, app.value))
    }

    /// An app's web process (looked up by type: a v3 deployment gives it a new guid).
    pub(super) async fn web_process(&self, app_guid: &str) -> ProviderResult<Option<Process>> {
        self.client
            .get_optional(
                &format!("/v3/apps/{app_guid}/processes/web"),
                "reading the web process",
            )
            .await
    }

    /// The states of a process's instances.
    pub(super) async fn instance_stats(
        &self,
        process_guid: &str,
    ) -> ProviderResult<Vec<InstanceStats>> {
        let stats: ProcessStats = self
            .client
            .get(
                &format!("/v3/processes/{process_guid}/stats"),
                "reading instance states",
            )
            .await?;
        Ok(stats.resources)
    }

    /// An app's current droplet, if it has one.
    pub(super) async fn current_droplet(&self, app_guid: &str) -> ProviderResult<Option<Droplet>> {
        self.client
            .get_optional(
                &format!("/v3/apps/{app_guid}/droplets/current"),
                "reading the current droplet",
            )
            .await
    }

    /// The routes an app is mapped to.
    pub(super) async fn app_routes(&self, app_guid: &str) -> ProviderResult<Vec<Route>> {
        self.client
            .list(
                &format!(
                    "/v3/apps/{app_guid}/routes{}",
                    query(&[("per_page", PER_PAGE)])
                ),
                "listing routes",
            )
            .await
    }

    /// The server group an app is.
    pub(super) async fn describe(
        &self,
        region: &Region,
        app: WithJson<App>,
    ) -> ProviderResult<ServerGroup> {
        let WithJson { value: app, json } = app;
        let process = self.web_process(&app.guid).await?;
        let stats = match &process {
            Some(process) => self.instance_stats(&process.guid).await?,
            None => Vec::new(),
        };
        let droplet = self.current_droplet(&app.guid).await?;
        let routes = self.app_routes(&app.guid).await?;
        let instances = count_instances(&stats);
        let region_text = region.to_string();
        Ok(ServerGroup {
            cloud_provider: "cloudfoundry",
            account: self.account.clone(),
            moniker: naming::parse(&app.name).unwrap_or_default(),
            image: droplet
                .as_ref()
                .map(|droplet| image_of(droplet, &app.name, &region_text, &self.account)),
            enabled: app.is_started(),
            capacity: Capacity::exactly(process.as_ref().map_or(0, |process| process.instances)),
            busy: instances.starting > 0,
            instances,
            created_time: app.created_at.as_deref().and_then(epoch_ms),
            load_balancers: routes.into_iter().map(|route| route.url).collect(),
            native: json,
            region: region_text,
            name: app.name,
        })
    }
}

/// Instance health from process stats, as Spinnaker's CF provider sorts it: RUNNING is up,
/// STARTING starting, CRASHED and DOWN down.
pub(super) fn count_instances(stats: &[InstanceStats]) -> Instances {
    let count = |state: &str| stats.iter().filter(|stat| stat.state == state).count() as u32;
    Instances {
        up: count("RUNNING"),
        total: stats.len() as u32,
        starting: count("STARTING"),
        down: count("CRASHED") + count("DOWN"),
    }
}

/// What a droplet runs: its docker image, or the droplet itself for buildpack apps (as the
/// `cloudfoundry/app` artifact a later deploy can copy it from).
pub(super) fn image_of(
    droplet: &Droplet,
    server_group: &str,
    region: &str,
    account: &str,
) -> Image {
    let mut details = Map::new();
    details.insert("imageId".into(), json!(droplet.guid));
    details.insert(
        "droplet".into(),
        json!({"guid": droplet.guid, "buildpacks": droplet.buildpacks, "stack": droplet.stack}),
    );
    details.insert(
        "artifact".into(),
        json!({
            "type": "cloudfoundry/app",
            "name": server_group,
            "reference": server_group,
            "location": region,
            "artifactAccount": account,
        }),
    );
    match &droplet.image {
        Some(image) => {
            let (registry, repository, tag) = split_image(image);
            details.insert("imageId".into(), json!(image));
            details.insert("image".into(), json!(image));
            details.insert("registry".into(), json!(registry));
            details.insert("repository".into(), json!(repository));
            details.insert("tag".into(), json!(tag));
            Image {
                name: image.clone(),
                details,
            }
        }
        None => Image {
            name: format!("{server_group} droplet {}", droplet.guid),
            details,
        },
    }
}

/// `registry/repository:tag` split as Docker reads it: the first part is a registry only
/// when it looks like a host (has a dot or a port, or is `localhost`).
fn split_image(image: &str) -> (Option<&str>, &str, &str) {
    let (registry, rest) = match image.split_once('/') {
        Some((first, rest))
            if first.contains('.') || first.contains(':') || first == "localhost" =>
        {
            (Some(first), rest)
        }
        _ => (None, image),
    };
    let last_slash = rest.rfind('/').map_or(0, |index| index + 1);
    match rest[last_slash..].rfind(':') {
        Some(colon) => {
            let split = last_slash + colon;
            (registry, &rest[..split], &rest[split + 1..])
        }
        None => (registry, rest, "latest"),
    }
}

/// Epoch milliseconds of a CF timestamp.
pub(super) fn epoch_ms(text: &str) -> Option<u64> {
    let timestamp: jiff::Timestamp = text.parse().ok()?;
    u64::try_from(timestamp.as_millisecond()).ok()
}

/// Server groups of `application` among apps: names that parse as Frigga names of it.
pub(super) fn is_server_group_of(name: &str, application: &str) -> bool {
    naming::parse(name).is_some_and(|moniker| moniker.app == application)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn docker_images_split_like_docker() {
        assert_eq!(split_image("nginx"), (None, "nginx", "latest"));
        assert_eq!(
            split_image("library/nginx:1.25"),
            (None, "library/nginx", "1.25")
        );
        assert_eq!(
            split_image("registry.example.com:5000/team/app:v2"),
            (Some("registry.example.com:5000"), "team/app", "v2")
        );
        assert_eq!(
            split_image("localhost/app"),
            (Some("localhost"), "app", "latest")
        );
    }

    #[test]
    fn timestamps_become_epoch_milliseconds() {
        assert_eq!(epoch_ms("1970-01-01T00:00:02Z"), Some(2000));
        assert_eq!(epoch_ms("yesterday"), None);
    }

    #[test]
    fn only_frigga_names_of_the_application_are_server_groups() {
        assert!(is_server_group_of("hello-prod-v003", "hello"));
        assert!(is_server_group_of("hello", "hello"));
        assert!(!is_server_group_of("hellox-v001", "hello"));
        assert!(!is_server_group_of("bad name", "bad"));
    }
}
