//! The Marathon calls of server group operations, on one cluster.

use reqwest::Method;
use serde_json::{Map, Value};

use crate::providers::dcos::cluster::{APP_EMBEDS, APPS_EMBEDS, Cluster, MARATHON, with_query};
use crate::providers::error::{ErrorKind, ProviderResult};

/// The path of app `app_id` (which starts with `/`).
fn app_path(app_id: &str) -> String {
    format!("{MARATHON}/v2/apps{app_id}")
}

/// Every app under `/<account>/`, with the embeds a server group shows.
pub(crate) async fn list_apps(cluster: &Cluster, account: &str) -> ProviderResult<Vec<Value>> {
    let prefix = format!("/{account}/");
    let url = with_query(
        &cluster
            .rest
            .url(&format!("{MARATHON}/v2/apps?{APPS_EMBEDS}")),
        &[("id", &prefix)],
    )?;
    let body = cluster
        .get(&url, &format!("listing the apps of `{prefix}`"))
        .await?;
    let apps = body
        .get("apps")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    // `id=` matches anywhere in the id; keep the apps that really are under the account.
    Ok(apps
        .into_iter()
        .filter(|app| {
            app.get("id")
                .and_then(Value::as_str)
                .is_some_and(|id| id.starts_with(&prefix))
        })
        .collect())
}

/// App `app_id` with its embeds, or `None` when it does not exist.
pub(crate) async fn read_app(cluster: &Cluster, app_id: &str) -> ProviderResult<Option<Value>> {
    let body = cluster
        .get_optional(
            &format!("{}?{APP_EMBEDS}", app_path(app_id)),
            &format!("reading app `{app_id}`"),
        )
        .await?;
    Ok(body.and_then(|mut body| body.get_mut("app").map(Value::take)))
}

/// Creates an app; returns the id of the deployment that starts it.
pub(crate) async fn create_app(
    cluster: &Cluster,
    definition: &Value,
) -> ProviderResult<Option<String>> {
    let id = definition
        .get("id")
        .and_then(Value::as_str)
        .unwrap_or_default();
    let reply = cluster
        .send(
            Method::POST,
            &format!("{MARATHON}/v2/apps"),
            Some(definition),
            &format!("creating app `{id}`"),
        )
        .await?;
    Ok(reply
        .header("Marathon-Deployment-Id")
        .map(str::to_owned)
        .or_else(|| {
            reply
                .body
                .pointer("/deployments/0/id")
                .and_then(Value::as_str)
                .map(str::to_owned)
        }))
}

/// Changes the fields in `change` of an existing app (Marathon's partial update); without
/// `force`, so that a deployment holding the app answers a conflict instead of being cut short.
pub(crate) async fn update_app(
    cluster: &Cluster,
    app_id: &str,
    change: &Map<String, Value>,
    what: &str,
) -> ProviderResult<()> {
    cluster
        .send(
            Method::PUT,
            &app_path(app_id),
            Some(&Value::Object(change.clone())),
            &format!("{what} app `{app_id}`"),
        )
        .await
        .map(|_| ())
}

/// Deletes an app; one already gone counts as deleted.
pub(crate) async fn delete_app(cluster: &Cluster, app_id: &str) -> ProviderResult<()> {
    let result = cluster
        .send(
            Method::DELETE,
            &app_path(app_id),
            None,
            &format!("deleting app `{app_id}`"),
        )
        .await;
    match result {
        Err(error) if error.kind == ErrorKind::NotFound => Ok(()),
        other => other.map(|_| ()),
    }
}

/// Stops, without rollback, every deployment that affects `app_id`; whether there was one.
pub(crate) async fn stop_deployments(cluster: &Cluster, app_id: &str) -> ProviderResult<bool> {
    let deployments = cluster
        .get(&format!("{MARATHON}/v2/deployments"), "listing deployments")
        .await?;
    let affecting: Vec<&str> = deployments
        .as_array()
        .into_iter()
        .flatten()
        .filter(|deployment| {
            deployment
                .get("affectedApps")
                .and_then(Value::as_array)
                .is_some_and(|apps| apps.iter().any(|app| app.as_str() == Some(app_id)))
        })
        .filter_map(|deployment| deployment.get("id").and_then(Value::as_str))
        .collect();
    for id in &affecting {
        // `force=true` stops it where it is; without it Marathon would start a rollback.
        let result = cluster
            .send(
                Method::DELETE,
                &format!("{MARATHON}/v2/deployments/{id}?force=true"),
                None,
                &format!("stopping deployment `{id}` of `{app_id}`"),
            )
            .await;
        match result {
            Err(error) if error.kind == ErrorKind::NotFound => {}
            other => {
                other?;
            }
        }
    }
    Ok(!affecting.is_empty())
}

/// What `/v2/info` says of Marathon, for `check`.
pub(crate) async fn describe(cluster: &Cluster) -> ProviderResult<String> {
    let info = cluster
        .get(&format!("{MARATHON}/v2/info"), "reading Marathon's info")
        .await?;
    let version = info.get("version").and_then(Value::as_str).unwrap_or("?");
    Ok(format!(
        "{}: Marathon {version} at {}",
        cluster.name,
        cluster.rest.base()
    ))
}
