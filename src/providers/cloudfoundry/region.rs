//! Regions in Spinnaker's Cloud Foundry form, `org > space`, and the guids of the spaces they
//! name (looked up once, then remembered: spaces are rarely renamed mid-run).

use std::collections::HashMap;
use std::fmt;
use std::sync::Mutex;

use crate::providers::cloudfoundry::client::{CfClient, PER_PAGE, query};
use crate::providers::cloudfoundry::resources::Named;
use crate::providers::error::{ProviderError, ProviderResult};

/// An organization and a space in it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Region {
    /// The organization's name.
    pub(crate) org: String,
    /// The space's name.
    pub(crate) space: String,
}

impl Region {
    /// Parses `org > space` (spaces around `>` optional).
    pub(crate) fn parse(text: &str) -> ProviderResult<Self> {
        let (org, space) = text.split_once('>').ok_or_else(|| {
            ProviderError::invalid(format!(
                "`{text}` is not a Cloud Foundry region: write it `org > space`"
            ))
        })?;
        let (org, space) = (org.trim(), space.trim());
        if org.is_empty() || space.is_empty() || space.contains('>') {
            return Err(ProviderError::invalid(format!(
                "`{text}` is not a Cloud Foundry region: write it `org > space`"
            )));
        }
        Ok(Self {
            org: org.to_owned(),
            space: space.to_owned(),
        })
    }
}

impl fmt::Display for Region {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{} > {}", self.org, self.space)
    }
}

/// Space guids by region, and regions by space guid.
#[derive(Debug, Default)]
pub(crate) struct Spaces {
    known: Mutex<HashMap<Region, String>>,
}

impl Spaces {
    /// The guid of `region`'s space; an error naming what is missing when either does not
    /// exist.
    pub(crate) async fn guid(&self, client: &CfClient, region: &Region) -> ProviderResult<String> {
        if let Some(guid) = self.cached(region) {
            return Ok(guid);
        }
        let what = format!("looking up organization `{}`", region.org);
        let orgs: Vec<Named> = client
            .list(
                &format!("/v3/organizations{}", query(&[("names", &region.org)])),
                &what,
            )
            .await?;
        let org = orgs.into_iter().next().ok_or_else(|| {
            ProviderError::not_found(format!("organization `{}` not found", region.org))
        })?;
        let what = format!("looking up space `{region}`");
        let spaces: Vec<Named> = client
            .list(
                &format!(
                    "/v3/spaces{}",
                    query(&[("names", &region.space), ("organization_guids", &org.guid)])
                ),
                &what,
            )
            .await?;
        let space = spaces
            .into_iter()
            .next()
            .ok_or_else(|| ProviderError::not_found(format!("space `{region}` not found")))?;
        self.remember(region.clone(), space.guid.clone());
        Ok(space.guid)
    }

    /// Every space the account can see, with its region.
    pub(crate) async fn all(&self, client: &CfClient) -> ProviderResult<Vec<(Region, String)>> {
        let orgs: Vec<Named> = client
            .list(
                &format!("/v3/organizations{}", query(&[("per_page", PER_PAGE)])),
                "listing organizations",
            )
            .await?;
        let org_names: HashMap<&str, &str> = orgs
            .iter()
            .map(|org| (org.guid.as_str(), org.name.as_str()))
            .collect();
        let spaces: Vec<Named> = client
            .list(
                &format!("/v3/spaces{}", query(&[("per_page", PER_PAGE)])),
                "listing spaces",
            )
            .await?;
        let mut found = Vec::new();
        for space in spaces {
            let org_guid = space
                .relationships
                .get("organization")
                .and_then(|org| org.pointer("/data/guid"))
                .and_then(serde_json::Value::as_str);
            let Some(org) = org_guid.and_then(|guid| org_names.get(guid)) else {
                continue;
            };
            let region = Region {
                org: (*org).to_owned(),
                space: space.name.clone(),
            };
            self.remember(region.clone(), space.guid.clone());
            found.push((region, space.guid));
        }
        Ok(found)
    }

    fn cached(&self, region: &Region) -> Option<String> {
        self.lock().get(region).cloned()
    }

    fn remember(&self, region: Region, guid: String) {
        self.lock().insert(region, guid);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Region, String>> {
        // A panic while holding this lock cannot leave the map half-written.
        self.known
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regions_are_org_and_space() {
        let region = Region::parse("sandbox > dev").unwrap();
        assert_eq!(
            (region.org.as_str(), region.space.as_str()),
            ("sandbox", "dev")
        );
        assert_eq!(region.to_string(), "sandbox > dev");
        assert_eq!(Region::parse("my org>my-space").unwrap().space, "my-space");
        for bad in ["dev", "> dev", "org >", "a > b > c", ""] {
            assert!(Region::parse(bad).is_err(), "{bad}");
        }
    }
}
