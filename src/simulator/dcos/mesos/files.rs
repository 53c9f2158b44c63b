//! The agent files API under `/agent/{agentId}/files/…`: `download` (raw bytes), `read`
//! (paged JSON `{"data", "offset"}`; `offset=-1` gives the size) and `browse` (a directory
//! listing). Paths are absolute sandbox paths; `…/runs/latest/…` stands for the newest container
//! of an executor, as on a real agent.

#![allow(
    clippy::unused_async,
    reason = "axum handlers are async even when they never await"
)]

use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::simulator::dcos::api_error::json_response;
use crate::simulator::dcos::cluster::Cluster;
use crate::simulator::dcos::mesos::agent_state::unknown_agent;
use crate::simulator::dcos::mesos::master_state::seconds;
use crate::simulator::dcos::mesos::sandbox::Sandbox;
use crate::simulator::dcos::query::Query;
use crate::simulator::dcos::state::ClusterState;

/// What a path names inside the sandboxes of an agent.
enum Entry {
    File { contents: String, modified: u64 },
    Directory { directory: String, sandbox: Sandbox },
}

/// The sandbox directory a path goes through, with `runs/latest` resolved.
fn sandbox_of<'a>(
    state: &'a ClusterState,
    agent_id: &str,
    path: &str,
) -> Option<(String, &'a Sandbox)> {
    let mut matches: Vec<(String, &Sandbox)> = state
        .sandboxes
        .iter()
        .filter(|(_, sandbox)| sandbox.agent_id == agent_id)
        .filter_map(|(directory, sandbox)| {
            let latest = directory
                .rsplit_once('/')
                .map(|(parent, _)| format!("{parent}/latest"))
                .unwrap_or_default();
            [directory.clone(), latest]
                .into_iter()
                .find(|root| path == root || path.starts_with(&format!("{root}/")))
                .map(|root| (root, sandbox))
        })
        .collect();
    matches.sort_by_key(|(_, sandbox)| sandbox.modified);
    matches.pop()
}

/// Why a path names nothing.
enum Missing {
    Agent(String),
    PathParameter,
    Entry,
}

impl IntoResponse for Missing {
    fn into_response(self) -> Response {
        match self {
            Self::Agent(agent_id) => unknown_agent(&agent_id).into_response(),
            Self::PathParameter => (
                StatusCode::BAD_REQUEST,
                "Expecting 'path=value' in query.\n",
            )
                .into_response(),
            Self::Entry => StatusCode::NOT_FOUND.into_response(),
        }
    }
}

fn lookup(state: &ClusterState, agent_id: &str, raw_path: Option<&str>) -> Result<Entry, Missing> {
    if state.topology.agent(agent_id).is_none() {
        return Err(Missing::Agent(agent_id.to_owned()));
    }
    let Some(path) = raw_path.map(|path| path.trim_end_matches('/')) else {
        return Err(Missing::PathParameter);
    };
    let not_found = || Missing::Entry;
    let (root, sandbox) = sandbox_of(state, agent_id, path).ok_or_else(not_found)?;
    let relative = path[root.len()..].trim_start_matches('/');
    if relative.is_empty() {
        return Ok(Entry::Directory {
            directory: root,
            sandbox: sandbox.clone(),
        });
    }
    sandbox
        .files
        .get(relative)
        .map(|contents| Entry::File {
            contents: contents.clone(),
            modified: sandbox.modified,
        })
        .ok_or_else(not_found)
}

/// `GET /agent/{agentId}/files/download?path=`.
pub(crate) async fn download(
    State(cluster): State<Arc<Cluster>>,
    Path(agent_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let query = Query::parse(raw.as_deref());
    match cluster.read(|state| lookup(state, &agent_id, query.get("path"))) {
        Ok(Entry::File { contents, .. }) => (
            StatusCode::OK,
            [(header::CONTENT_TYPE, "application/octet-stream")],
            contents,
        )
            .into_response(),
        Ok(Entry::Directory { .. }) => {
            (StatusCode::BAD_REQUEST, "Cannot download a directory.\n").into_response()
        }
        Err(missing) => missing.into_response(),
    }
}

/// `GET /agent/{agentId}/files/read?path=&offset=&length=`.
pub(crate) async fn read(
    State(cluster): State<Arc<Cluster>>,
    Path(agent_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let query = Query::parse(raw.as_deref());
    let offset: i64 = match query.get("offset").map(str::parse).transpose() {
        Ok(offset) => offset.unwrap_or(0),
        Err(_) => {
            return (StatusCode::BAD_REQUEST, "Failed to parse offset.\n").into_response();
        }
    };
    let length: Option<usize> = query.get("length").and_then(|length| length.parse().ok());
    let contents = match cluster.read(|state| lookup(state, &agent_id, query.get("path"))) {
        Ok(Entry::File { contents, .. }) => contents,
        Ok(Entry::Directory { .. }) => {
            return (StatusCode::BAD_REQUEST, "Cannot read a directory.\n").into_response();
        }
        Err(missing) => return missing.into_response(),
    };
    let bytes = contents.as_bytes();
    let Ok(start) = usize::try_from(offset) else {
        // A negative offset asks for the size only.
        return json_response(
            StatusCode::OK,
            &json!({ "data": "", "offset": bytes.len() }),
        );
    };
    let start = start.min(bytes.len());
    let end = length.map_or(bytes.len(), |length| {
        start.saturating_add(length).min(bytes.len())
    });
    let data = String::from_utf8_lossy(&bytes[start..end]);
    json_response(StatusCode::OK, &json!({ "data": data, "offset": start }))
}

/// `GET /agent/{agentId}/files/browse?path=`.
pub(crate) async fn browse(
    State(cluster): State<Arc<Cluster>>,
    Path(agent_id): Path<String>,
    RawQuery(raw): RawQuery,
) -> Response {
    let query = Query::parse(raw.as_deref());
    match cluster.read(|state| lookup(state, &agent_id, query.get("path"))) {
        Ok(Entry::Directory { directory, sandbox }) => {
            let entries: Vec<Value> = sandbox
                .files
                .iter()
                .map(|(name, contents)| {
                    json!({
                        "path": format!("{directory}/{name}"),
                        "size": contents.len(),
                        "mode": "-rw-r--r--",
                        "nlink": 1,
                        "uid": "root",
                        "gid": "root",
                        "mtime": seconds(sandbox.modified).floor(),
                    })
                })
                .collect();
            json_response(StatusCode::OK, &Value::Array(entries))
        }
        Ok(Entry::File { contents, modified }) => {
            let path = query.get("path").unwrap_or_default();
            let entry = json!([{ "path": path, "size": contents.len(), "mode": "-rw-r--r--", "nlink": 1, "uid": "root", "gid": "root", "mtime": seconds(modified).floor() }]);
            json_response(StatusCode::OK, &entry)
        }
        Err(missing) => missing.into_response(),
    }
}
