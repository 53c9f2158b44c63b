//! One DC/OS cluster as the client reaches it: a [`RestClient`] on the admin router, the paths
//! of Marathon, Metronome, Mesos and the agents below it, and how its answers become errors.

use reqwest::StatusCode;
use serde_json::Value;

use crate::providers::error::{ErrorKind, ProviderError, ProviderResult};
use crate::providers::http::{Reply, RestClient, summary};

/// Marathon's path below the admin router.
pub(crate) const MARATHON: &str = "/service/marathon";
/// Metronome's path below the admin router.
pub(crate) const METRONOME: &str = "/service/metronome";

/// What the app reads embed, so one read gives everything a server group shows.
pub(crate) const APP_EMBEDS: &str = "embed=app.tasks&embed=app.counts&embed=app.deployments\
    &embed=app.lastTaskFailure&embed=app.taskStats";

/// The same embeds for the app list.
pub(crate) const APPS_EMBEDS: &str = "embed=apps.tasks&embed=apps.counts&embed=apps.deployments\
    &embed=apps.lastTaskFailure&embed=apps.taskStats";

/// One cluster of the account.
#[derive(Debug, Clone)]
pub(crate) struct Cluster {
    /// The region name.
    pub(crate) name: String,
    /// The admin router client, logged in as the account's principal.
    pub(crate) rest: RestClient,
}

impl Cluster {
    /// `GET` below the admin router, the answer checked by [`expect_success`].
    pub(crate) async fn get(&self, path: &str, what: &str) -> ProviderResult<Value> {
        let reply = self.rest.get(path).await?;
        self.expect_success(reply, what).map(|reply| reply.body)
    }

    /// `GET` that reads a 404 as `None`.
    pub(crate) async fn get_optional(
        &self,
        path: &str,
        what: &str,
    ) -> ProviderResult<Option<Value>> {
        let reply = self.rest.get(path).await?;
        if reply.status == StatusCode::NOT_FOUND {
            return Ok(None);
        }
        self.expect_success(reply, what)
            .map(|reply| Some(reply.body))
    }

    /// A call with a JSON body, the answer checked by [`expect_success`].
    pub(crate) async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&Value>,
        what: &str,
    ) -> ProviderResult<Reply> {
        let reply = self.rest.send(method, path, body).await?;
        self.expect_success(reply, what)
    }

    /// The reply when it is a success; otherwise an error that says what was being done, on
    /// which cluster, and what the cluster answered.
    pub(crate) fn expect_success(&self, reply: Reply, what: &str) -> ProviderResult<Reply> {
        if reply.is_success() {
            return Ok(reply);
        }
        Err(reply_error(
            &reply,
            &format!("{what} on DC/OS cluster `{}`", self.name),
        ))
    }
}

/// The error of a failed answer: 404 → not found; 409 → conflict (with the deployments that
/// hold the app); 400/422 → invalid (with the paths Marathon or Metronome complained about);
/// 401/403 → auth; 5xx → unreachable; anything else → protocol.
pub(crate) fn reply_error(reply: &Reply, context: &str) -> ProviderError {
    let status = reply.status;
    let mut message = format!("{context}: {} ({status})", summary(&reply.body));
    let kind = match status {
        StatusCode::NOT_FOUND => ErrorKind::NotFound,
        StatusCode::CONFLICT => {
            let ids = deployment_ids(&reply.body);
            if !ids.is_empty() {
                message.push_str(&format!("; held by deployment {}", ids.join(", ")));
            }
            ErrorKind::Conflict
        }
        StatusCode::BAD_REQUEST | StatusCode::UNPROCESSABLE_ENTITY => {
            let details = validation_details(&reply.body);
            if !details.is_empty() {
                message.push_str(": ");
                message.push_str(&details.join("; "));
            }
            ErrorKind::Invalid
        }
        StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN => ErrorKind::Auth,
        status if status.is_server_error() => ErrorKind::Unreachable,
        _ => ErrorKind::Protocol,
    };
    ProviderError::new(kind, message)
}

/// The ids of `deployments: [{id}]` in a Marathon 409 body.
fn deployment_ids(body: &Value) -> Vec<String> {
    body.get("deployments")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|deployment| deployment.get("id").and_then(Value::as_str))
        .map(str::to_owned)
        .collect()
}

/// `path: error, error` for each entry of `details: [{path, errors}]`.
fn validation_details(body: &Value) -> Vec<String> {
    body.get("details")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|detail| {
            let path = detail.get("path").and_then(Value::as_str).unwrap_or("/");
            let errors: Vec<&str> = detail
                .get("errors")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .collect();
            format!("{path}: {}", errors.join(", "))
        })
        .collect()
}

/// `url` with `pairs` appended to its query, each value encoded.
pub(crate) fn with_query(url: &str, pairs: &[(&str, &str)]) -> ProviderResult<String> {
    let mut parsed = reqwest::Url::parse(url)
        .map_err(|error| ProviderError::invalid(format!("`{url}` is not a URL: {error}")))?;
    {
        let mut query = parsed.query_pairs_mut();
        for (key, value) in pairs {
            query.append_pair(key, value);
        }
    }
    Ok(parsed.into())
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderMap;
    use serde_json::json;

    use super::*;

    fn reply(status: u16, body: Value) -> Reply {
        Reply {
            status: StatusCode::from_u16(status).unwrap(),
            headers: HeaderMap::new(),
            body,
        }
    }

    #[test]
    fn conflicts_name_the_deployments_holding_the_app() {
        let body = json!({
            "message": "App is locked by one or more deployments. Override with the option '?force=true'. View details at '/v2/deployments/<DEPLOYMENT_ID>'.",
            "deployments": [{"id": "97c136bf-5a28-4821-9d94-480d9fbb01c8"}]
        });
        let error = reply_error(&reply(409, body), "scaling `/a/b` on DC/OS cluster `east`");
        assert_eq!(error.kind, ErrorKind::Conflict);
        assert!(
            error
                .message
                .starts_with("scaling `/a/b` on DC/OS cluster `east`: App is locked")
        );
        assert!(
            error
                .message
                .ends_with("held by deployment 97c136bf-5a28-4821-9d94-480d9fbb01c8")
        );
    }

    #[test]
    fn validation_errors_list_the_paths() {
        let body = json!({"message": "Object is not valid", "details": [
            {"path": "/upgradeStrategy/minimumHealthCapacity", "errors": ["is greater than 1"]},
            {"path": "/id", "errors": ["must be lowercase", "too long"]}
        ]});
        let error = reply_error(&reply(422, body), "creating");
        assert_eq!(error.kind, ErrorKind::Invalid);
        assert!(error.message.contains(
            "/upgradeStrategy/minimumHealthCapacity: is greater than 1; /id: must be lowercase, too long"
        ), "{}", error.message);
    }

    #[test]
    fn statuses_sort_into_kinds() {
        let kind = |status| reply_error(&reply(status, Value::Null), "x").kind;
        assert_eq!(kind(404), ErrorKind::NotFound);
        assert_eq!(kind(400), ErrorKind::Invalid);
        assert_eq!(kind(403), ErrorKind::Auth);
        assert_eq!(kind(503), ErrorKind::Unreachable);
        assert_eq!(kind(418), ErrorKind::Protocol);
    }

    #[test]
    fn query_values_are_encoded() {
        let url = with_query(
            "http://h/agent/s1/files/download",
            &[("path", "/var/a b/stderr")],
        )
        .unwrap();
        assert_eq!(
            url,
            "http://h/agent/s1/files/download?path=%2Fvar%2Fa+b%2Fstderr"
        );
    }
}
