//! What `plan` says a cloud stage will do: which cluster, where, how.

use serde_json::{Map, Value};

/// A one-sentence description of a cloud stage, or `None` for other types.
pub(crate) fn action(stage_type: &str, context: &Map<String, Value>) -> Option<String> {
    let text = |key: &str| context.get(key).map(display).unwrap_or_default();
    let cluster = || {
        context
            .get("cluster")
            .and_then(Value::as_str)
            .map_or_else(|| cluster_name(context), str::to_owned)
    };
    let at = || where_(context);
    let target = || {
        context
            .get("serverGroupName")
            .or_else(|| context.get("asgName"))
            .map_or_else(|| format!("{} of {}", text("target"), cluster()), display)
    };
    Some(match stage_type {
        "deploy" => {
            let clusters: Vec<String> = context
                .get("clusters")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_object)
                .map(deploy)
                .collect();
            if clusters.is_empty() {
                "deploy nothing (no clusters)".to_owned()
            } else {
                clusters.join("; ")
            }
        }
        "createServerGroup" => deploy(context),
        "resizeServerGroup" => {
            let desired =
                nested(context, "capacity", "desired").map_or_else(|| text("action"), display);
            format!("resize {} in {} to {desired}", target(), at())
        }
        "enableServerGroup" => format!("enable {} in {}", target(), at()),
        "disableServerGroup" => format!("disable {} in {}", target(), at()),
        "destroyServerGroup" => format!("disable, then destroy {} in {}", target(), at()),
        "shrinkCluster" => format!(
            "destroy all but {} server group(s) of {} in {}",
            text("shrinkToSize"),
            cluster(),
            at()
        ),
        "scaleDownCluster" => format!(
            "scale down the older server groups of {} in {}",
            cluster(),
            at()
        ),
        "disableCluster" => format!(
            "disable the older server groups of {} in {}",
            cluster(),
            at()
        ),
        "rollbackCluster" => format!(
            "roll {} back to its previous server group in {}",
            cluster(),
            at()
        ),
        "findImageFromCluster" | "findImage" => {
            format!("find the image running in {} in {}", cluster(), at())
        }
        "runJob" => {
            let job = nested(context, "general", "id")
                .or_else(|| context.get("jobName"))
                .map_or_else(|| "a job".to_owned(), display);
            format!("run job {job} in {}", at())
        }
        "stopDeployment" => format!(
            "stop the deployment in progress on {} in {}",
            cluster(),
            at()
        ),
        _ => return None,
    })
}

fn deploy(cluster: &Map<String, Value>) -> String {
    let strategy = cluster
        .get("strategy")
        .and_then(Value::as_str)
        .filter(|strategy| !strategy.is_empty())
        .unwrap_or("none");
    let desired = nested(cluster, "capacity", "desired").map_or_else(|| "?".to_owned(), display);
    format!(
        "deploy {} to {} ({strategy}, {desired} instances)",
        cluster_name(cluster),
        where_(cluster)
    )
}

/// `app[-stack[-detail]]`, as Spinnaker names clusters.
fn cluster_name(context: &Map<String, Value>) -> String {
    let part = |key: &str| {
        context
            .get(key)
            .and_then(Value::as_str)
            .filter(|value| !value.is_empty())
    };
    let app = part("application").unwrap_or("?");
    match (part("stack"), part("freeFormDetails")) {
        (None, None) => app.to_owned(),
        (Some(stack), None) => format!("{app}-{stack}"),
        (stack, Some(detail)) => format!("{app}-{}-{detail}", stack.unwrap_or("")),
    }
}

/// `account/region[,region…]`.
fn where_(context: &Map<String, Value>) -> String {
    let account = context
        .get("account")
        .or_else(|| context.get("credentials"))
        .map_or_else(|| "?".to_owned(), display);
    let mut regions: Vec<String> = context.get("region").map(display).into_iter().collect();
    if let Some(Value::Array(list)) = context.get("regions") {
        regions.extend(list.iter().map(display));
    }
    format!("{account}/{}", regions.join(","))
}

fn nested<'a>(context: &'a Map<String, Value>, outer: &str, inner: &str) -> Option<&'a Value> {
    context.get(outer)?.get(inner)
}

fn display(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cloud_stages_say_what_and_where() {
        let context = |value: Value| value.as_object().cloned().unwrap();
        let deploy_stage = context(
            serde_json::json!({"clusters": [{"account": "prod", "region": "east",
            "application": "hello", "stack": "web", "strategy": "redblack",
            "capacity": {"desired": 3}}]}),
        );
        assert_eq!(
            action("deploy", &deploy_stage).unwrap(),
            "deploy hello-web to prod/east (redblack, 3 instances)"
        );
        let resize = context(
            serde_json::json!({"credentials": "prod", "regions": ["east"],
            "cluster": "hello-web", "target": "current_asg_dynamic", "capacity": {"desired": 5}}),
        );
        assert_eq!(
            action("resizeServerGroup", &resize).unwrap(),
            "resize current_asg_dynamic of hello-web in prod/east to 5"
        );
        assert_eq!(action("wait", &Map::new()), None);
    }
}
