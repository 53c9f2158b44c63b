//! `include=space` and `include=space.organization` on app reads: the related spaces (and
//! their organizations) are returned once each under `included`, saving clients one lookup
//! per app (the cf CLI asks for them).

use serde_json::{Value, json};

use super::error::ApiError;
use super::world::Foundation;

/// Which related resources a request asked for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Includes {
    spaces: bool,
    organizations: bool,
}

impl Includes {
    pub(crate) fn parse(values: Option<Vec<String>>) -> Result<Self, ApiError> {
        let mut includes = Self::default();
        for value in values.unwrap_or_default() {
            match value.as_str() {
                "space" => includes.spaces = true,
                "space.organization" => {
                    includes.spaces = true;
                    includes.organizations = true;
                }
                other => {
                    return Err(ApiError::bad_query(format!(
                        "The query parameter is invalid: Invalid included resource: '{other}'. Valid included resources are: 'space', 'space.organization'"
                    )));
                }
            }
        }
        Ok(includes)
    }

    pub(crate) fn any(self) -> bool {
        self.spaces
    }

    /// The `included` block for the rendered `apps`.
    pub(crate) fn render(self, world: &Foundation, apps: &[Value], base: &str) -> Value {
        let mut space_guids: Vec<&str> = Vec::new();
        for app in apps {
            if let Some(guid) = app
                .pointer("/relationships/space/data/guid")
                .and_then(Value::as_str)
                && !space_guids.contains(&guid)
            {
                space_guids.push(guid);
            }
        }
        let spaces: Vec<_> = space_guids
            .iter()
            .filter_map(|guid| world.space(guid).ok())
            .collect();
        let mut included =
            json!({"spaces": spaces.iter().map(|space| space.to_json(base)).collect::<Vec<_>>()});
        if self.organizations {
            let mut org_guids: Vec<&str> = Vec::new();
            for space in &spaces {
                if !org_guids.contains(&space.organization_guid.as_str()) {
                    org_guids.push(&space.organization_guid);
                }
            }
            let organizations: Vec<Value> = org_guids
                .iter()
                .filter_map(|guid| world.organization(guid).ok())
                .map(|org| org.to_json(base))
                .collect();
            included["organizations"] = json!(organizations);
        }
        included
    }
}
