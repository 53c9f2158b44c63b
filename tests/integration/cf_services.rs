//! The Cloud Foundry service stages through the binary: a managed instance deployed, keyed
//! (its credentials reaching a later stage through `#cfServiceKey`), shared, unshared,
//! unkeyed and destroyed; user-provided instances; and a failing broker.

use gennaker::testing_cf::CloudFoundryFaults;
use serde_json::{Value, json};

use crate::cf_world::{CfWorld, DEV, PROD, stage};

fn cf_stage(stage_type: &str, name: &str, extra: Value) -> Value {
    let mut stage = json!({"type": stage_type, "name": name, "cloudProvider": "cloudfoundry",
        "credentials": "prod-cf", "region": PROD});
    if let (Value::Object(base), Value::Object(extra)) = (&mut stage, extra) {
        base.extend(extra);
    }
    stage
}

fn deploy_database(name: &str) -> Value {
    cf_stage(
        "deployService",
        "Create database",
        json!({"manifest": {"direct": {"service": "sandbox-database", "service_plan": "small",
            "service_instance_name": name, "tags": ["sql"], "parameters": "{\"size\": 5}"}}}),
    )
}

/// The simulator's service instances, as `name (space)` of each.
fn instances(world: &CfWorld) -> Vec<Value> {
    world.sim.snapshot()["service_instances"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_is_created_keyed_shared_and_destroyed_and_its_key_reaches_later_stages() {
    let world = CfWorld::start("prod-cf");
    let key = cf_stage(
        "createServiceKey",
        "Create key",
        json!({"serviceInstanceName": "orders-db", "serviceKeyName": "ci"}),
    );
    let announce = json!({"type": "evaluateVariables", "name": "Use key", "variables": [
        {"key": "dbUser", "value": "${#cfServiceKey('Create key').username}"},
        {"key": "dbHost", "value": "${#cfServiceKey('Create key')['hostname']}"}
    ]});
    let share = cf_stage(
        "shareService",
        "Share",
        json!({"serviceInstanceName": "orders-db", "shareToRegions": [DEV]}),
    );
    let execution = world
        .run(vec![deploy_database("orders-db"), key, announce, share], 0)
        .await;
    let created = stage(&execution, "Create database");
    assert_eq!(created["outputs"]["lastOperationStatus"], "SUCCEEDED");
    assert_eq!(created["context"]["service.instance.name"], "orders-db");
    assert_eq!(created["context"]["service.operation.type"], "create");
    let used = stage(&execution, "Use key");
    assert!(
        used["outputs"]["dbUser"]
            .as_str()
            .is_some_and(|user| user.starts_with("user-")),
        "{used:#}"
    );
    assert_eq!(used["outputs"]["dbHost"], "orders-db.service.sandbox.local");
    // The credentials reached the expression, but the record never shows them.
    let keyed = stage(&execution, "Create key");
    assert_eq!(
        keyed["context"]["kato.tasks"][0]["resultObjects"][0]["serviceKey"], "<redacted>",
        "{keyed:#}"
    );
    assert!(
        !execution.to_string().contains("\"password\""),
        "{execution:#}"
    );
    let all = instances(&world);
    assert_eq!(all.len(), 1, "{all:#?}");
    assert_eq!(all[0]["parameters"], json!({"size": 5}));
    assert_eq!(all[0]["tags"], json!(["sql"]));
    assert_eq!(
        all[0]["shared_space_guids"].as_array().map(Vec::len),
        Some(1),
        "{:#}",
        all[0]
    );

    // Deploying again updates the instance in place.
    let again = world.run(vec![deploy_database("orders-db")], 0).await;
    assert_eq!(
        stage(&again, "Create database")["context"]["service.operation.type"],
        "update"
    );

    let unshare = cf_stage(
        "unshareService",
        "Unshare",
        json!({"serviceInstanceName": "orders-db", "unshareFromRegions": [DEV]}),
    );
    let unkey = cf_stage(
        "deleteServiceKey",
        "Delete key",
        json!({"serviceInstanceName": "orders-db", "serviceKeyName": "ci"}),
    );
    let destroy = cf_stage(
        "destroyService",
        "Destroy database",
        json!({"serviceInstanceName": "orders-db"}),
    );
    world.run(vec![unshare, unkey, destroy], 0).await;
    assert!(instances(&world).is_empty(), "{:#?}", instances(&world));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_provided_service_is_created_at_once_and_destroying_a_missing_one_is_no_error() {
    let world = CfWorld::start("prod-cf");
    let provided = cf_stage(
        "deployService",
        "Provide",
        json!({"userProvided": true, "manifest": {"direct": {"serviceInstanceName": "smtp",
            "credentials": {"host": "mail.example.com"}, "tags": ["mail"]}}}),
    );
    let execution = world.run(vec![provided], 0).await;
    assert_eq!(
        stage(&execution, "Provide")["outputs"]["lastOperationStatus"],
        "SUCCEEDED"
    );
    let all = instances(&world);
    assert_eq!(all[0]["managed"], false, "{:#}", all[0]);
    let destroy = |name: &str| {
        cf_stage(
            "destroyService",
            name,
            json!({"serviceInstanceName": "smtp"}),
        )
    };
    world
        .run(vec![destroy("Destroy"), destroy("Destroy again")], 0)
        .await;
    assert!(instances(&world).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_broker_fails_the_stage_with_its_description() {
    let world = CfWorld::start("prod-cf");
    world.set_faults(CloudFoundryFaults {
        failing_service_offerings: vec!["sandbox-database".to_owned()],
        ..CloudFoundryFaults::default()
    });
    let execution = world.run(vec![deploy_database("broken-db")], 1).await;
    let failed = stage(&execution, "Create database");
    assert_eq!(failed["status"], "TERMINAL");
    let error = failed["context"]["exception"]["details"]["error"]
        .as_str()
        .unwrap_or_default();
    assert!(
        error.starts_with("service instance `broken-db`: ")
            && error.contains("simulated broker failure"),
        "{error}"
    );
}
