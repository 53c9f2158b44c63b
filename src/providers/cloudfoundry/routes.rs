//! Routes, Spinnaker's CF load balancers, written `host.domain[/path]`: found or created in
//! a space, and mapped to or unmapped from a server group (v3 route destinations).

use reqwest::Method;
use serde::Deserialize;
use serde_json::json;

use crate::providers::cloudfoundry::client::query;
use crate::providers::cloudfoundry::provider::CloudFoundryProvider;
use crate::providers::cloudfoundry::resources::{Destination, Named, Route};
use crate::providers::error::{ProviderError, ProviderResult};

/// `GET /v3/routes/:guid/destinations`.
#[derive(Debug, Deserialize)]
struct Destinations {
    #[serde(default)]
    destinations: Vec<Destination>,
}

/// A route's parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RouteAddress {
    /// The host (empty for a route on the domain itself).
    pub(crate) host: String,
    /// The domain's name.
    pub(crate) domain: String,
    /// The path, empty or starting with `/`.
    pub(crate) path: String,
}

/// The ways `host.domain/path` can split into host and domain, most likely first: a host
/// on the domain after its first label, then the whole name as a domain.
pub(crate) fn candidates(route: &str) -> ProviderResult<Vec<RouteAddress>> {
    let (name, path) = match route.find('/') {
        Some(slash) => (&route[..slash], route[slash..].trim_end_matches('/')),
        None => (route, ""),
    };
    if name.contains(':') {
        return Err(ProviderError::invalid(format!(
            "route `{route}`: TCP routes (with a port) are not supported"
        )));
    }
    if name.is_empty() {
        return Err(ProviderError::invalid(format!(
            "route `{route}` has no domain"
        )));
    }
    let mut found = Vec::new();
    if let Some((host, domain)) = name.split_once('.') {
        found.push(RouteAddress {
            host: host.to_owned(),
            domain: domain.to_owned(),
            path: path.to_owned(),
        });
    }
    found.push(RouteAddress {
        host: String::new(),
        domain: name.to_owned(),
        path: path.to_owned(),
    });
    Ok(found)
}

impl CloudFoundryProvider {
    /// The domain and parts of a route; a not-found error when no domain matches.
    async fn resolve_route(&self, route: &str) -> ProviderResult<(Named, RouteAddress)> {
        for address in candidates(route)? {
            let path = format!("/v3/domains{}", query(&[("names", &address.domain)]));
            let domains: Vec<Named> = self
                .client
                .list(&path, &format!("looking up domain `{}`", address.domain))
                .await?;
            if let Some(domain) = domains.into_iter().next() {
                return Ok((domain, address));
            }
        }
        Err(ProviderError::not_found(format!(
            "route `{route}`: no domain of the foundation matches"
        )))
    }

    /// The existing route at an address, if any.
    async fn find_route(
        &self,
        domain_guid: &str,
        address: &RouteAddress,
    ) -> ProviderResult<Option<Route>> {
        let mut filters = vec![("domain_guids", domain_guid)];
        if !address.host.is_empty() {
            filters.push(("hosts", &address.host));
        }
        if !address.path.is_empty() {
            filters.push(("paths", &address.path));
        }
        let routes: Vec<Route> = self
            .client
            .list(
                &format!("/v3/routes{}", query(&filters)),
                "looking up a route",
            )
            .await?;
        Ok(routes
            .into_iter()
            .find(|route| route.host == address.host && route.path == address.path))
    }

    /// The route written `route`, created in the space when it does not exist yet.
    pub(super) async fn ensure_route(
        &self,
        space_guid: &str,
        route: &str,
    ) -> ProviderResult<Route> {
        let (domain, address) = self.resolve_route(route).await?;
        if let Some(found) = self.find_route(&domain.guid, &address).await? {
            return Ok(found);
        }
        let body = json!({
            "host": address.host,
            "path": address.path,
            "relationships": {
                "domain": {"data": {"guid": domain.guid}},
                "space": {"data": {"guid": space_guid}},
            },
        });
        let reply = self
            .client
            .call(
                Method::POST,
                "/v3/routes",
                Some(&body),
                &format!("creating route `{route}`"),
            )
            .await?;
        crate::providers::cloudfoundry::client::parse(reply.body, "creating a route")
    }

    async fn destinations(&self, route_guid: &str) -> ProviderResult<Vec<Destination>> {
        let found: Destinations = self
            .client
            .get(
                &format!("/v3/routes/{route_guid}/destinations"),
                "reading route destinations",
            )
            .await?;
        Ok(found.destinations)
    }

    /// Sends a route's traffic to an app too (nothing when it already does).
    pub(super) async fn add_destination(
        &self,
        route: &Route,
        app_guid: &str,
    ) -> ProviderResult<()> {
        let current = self.destinations(&route.guid).await?;
        if current
            .iter()
            .any(|destination| destination.app.guid == app_guid)
        {
            return Ok(());
        }
        let body =
            json!({"destinations": [{"app": {"guid": app_guid, "process": {"type": "web"}}}]});
        self.client
            .call(
                Method::POST,
                &format!("/v3/routes/{}/destinations", route.guid),
                Some(&body),
                &format!("mapping route `{}`", route.url),
            )
            .await?;
        Ok(())
    }

    /// Maps routes (created when missing) to a server group: `mapLoadBalancers`.
    pub(crate) async fn map_routes(
        &self,
        region: &str,
        server_group: &str,
        routes: &[String],
    ) -> ProviderResult<()> {
        let (_, space) = self.space_of(region).await?;
        let (_, app) = self.require_app(region, server_group).await?;
        for route in routes {
            let found = self.ensure_route(&space, route).await?;
            self.add_destination(&found, &app.guid).await?;
        }
        Ok(())
    }

    /// Unmaps routes from a server group (the routes stay): `unmapLoadBalancers`. Routes that
    /// do not exist or do not send traffic to it are skipped.
    pub(crate) async fn unmap_routes(
        &self,
        region: &str,
        server_group: &str,
        routes: &[String],
    ) -> ProviderResult<()> {
        let (_, app) = self.require_app(region, server_group).await?;
        for route in routes {
            let (domain, address) = match self.resolve_route(route).await {
                Ok(found) => found,
                Err(error) if error.kind == crate::providers::error::ErrorKind::NotFound => {
                    continue;
                }
                Err(error) => return Err(error),
            };
            let Some(found) = self.find_route(&domain.guid, &address).await? else {
                continue;
            };
            for destination in self.destinations(&found.guid).await? {
                if destination.app.guid == app.guid {
                    self.client
                        .call(
                            Method::DELETE,
                            &format!(
                                "/v3/routes/{}/destinations/{}",
                                found.guid, destination.guid
                            ),
                            None,
                            &format!("unmapping route `{route}`"),
                        )
                        .await?;
                }
            }
        }
        Ok(())
    }

    /// The routes (`host.domain/path`) of a server group.
    pub(crate) async fn server_group_routes(
        &self,
        region: &str,
        server_group: &str,
    ) -> ProviderResult<Vec<String>> {
        let (_, app) = self.require_app(region, server_group).await?;
        Ok(self
            .app_routes(&app.guid)
            .await?
            .into_iter()
            .map(|route| route.url)
            .collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_split_host_first_then_whole_domain() {
        let found = candidates("hello.apps.example.com/api/").unwrap();
        assert_eq!(
            found[0],
            RouteAddress {
                host: "hello".into(),
                domain: "apps.example.com".into(),
                path: "/api".into()
            }
        );
        assert_eq!(found[1].host, "");
        assert_eq!(found[1].domain, "hello.apps.example.com");
        assert_eq!(candidates("example.com").unwrap().len(), 2);
        assert!(candidates("tcp.example.com:1024").is_err());
        assert!(candidates("/path").is_err());
    }
}
