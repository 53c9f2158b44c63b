//! Services: the catalog, managed instances provisioned through jobs, user-provided
//! instances, credential bindings and keys, sharing, and broker failures.

use gennaker::testing_cf::{CloudFoundryConfig, CloudFoundryFaults};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::sim_cf_support::Cf;

async fn plan_guid(cf: &Cf, offering: &str, plan: &str, space: &str) -> String {
    let plans = cf
        .get(&format!(
            "/v3/service_plans?names={plan}&service_offering_names={offering}&space_guids={space}"
        ))
        .await;
    assert_eq!(
        plans.body["pagination"]["total_results"], 1,
        "{:?}",
        plans.body
    );
    plans.body["resources"][0]["guid"]
        .as_str()
        .unwrap()
        .to_owned()
}

async fn managed_instance(cf: &Cf, name: &str, space: &str, offering: &str) -> (String, String) {
    let plan = plan_guid(
        cf,
        offering,
        if offering == "sandbox-cache" {
            "default"
        } else {
            "small"
        },
        space,
    )
    .await;
    let reply = cf
        .post(
            "/v3/service_instances",
            json!({"type": "managed", "name": name, "relationships": {"space": {"data": {"guid": space}}, "service_plan": {"data": {"guid": plan}}}, "parameters": {"size": 1}}),
        )
        .await;
    assert_eq!(reply.status, StatusCode::ACCEPTED, "{:?}", reply.body);
    let location = reply.header("location");
    let instances = cf
        .get(&format!(
            "/v3/service_instances?names={name}&space_guids={space}"
        ))
        .await;
    (
        instances.body["resources"][0]["guid"]
            .as_str()
            .unwrap()
            .to_owned(),
        location,
    )
}

#[tokio::test]
async fn the_catalog_lists_offerings_and_their_plans() {
    let cf = Cf::start().await;
    let offerings = cf.get("/v3/service_offerings?names=sandbox-database").await;
    assert_eq!(offerings.body["resources"][0]["shareable"], true);
    let plans = cf
        .get("/v3/service_plans?service_offering_names=sandbox-database&order_by=name")
        .await;
    let names: Vec<&str> = plans.body["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|plan| plan["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["large", "small"]);
}

#[tokio::test]
async fn managed_instances_are_provisioned_asynchronously() {
    let cf = Cf::start().await;
    let space = cf.space_guid("sandbox", "dev").await;
    let (instance, location) = managed_instance(&cf, "orders-db", &space, "sandbox-database").await;
    let shown = cf.get(&format!("/v3/service_instances/{instance}")).await;
    assert_eq!(shown.body["type"], "managed");
    assert_eq!(shown.body["last_operation"]["type"], "create");
    assert_eq!(shown.body["last_operation"]["state"], "in progress");
    let job = cf.get(&location).await;
    assert_eq!(job.body["operation"], "service_instance.create");
    assert_eq!(job.body["state"], "POLLING");
    assert_eq!(cf.finish_job(&location).await["state"], "COMPLETE");
    assert_eq!(
        cf.get(&format!("/v3/service_instances/{instance}"))
            .await
            .body["last_operation"]["state"],
        "succeeded"
    );
    assert_eq!(
        cf.get(&format!("/v3/service_instances/{instance}/parameters"))
            .await
            .body,
        json!({"size": 1})
    );
    let clash = cf
        .post("/v3/service_instances", json!({"type": "user-provided", "name": "orders-db", "relationships": {"space": {"data": {"guid": space}}}}))
        .await;
    assert_eq!(clash.status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_failing_broker_fails_the_job_and_the_last_operation() {
    let config = CloudFoundryConfig {
        faults: CloudFoundryFaults {
            failing_service_offerings: vec!["sandbox-cache".to_owned()],
            ..CloudFoundryFaults::default()
        },
        ..CloudFoundryConfig::manual_clock()
    };
    let cf = Cf::start_with(config).await;
    let space = cf.space_guid("sandbox", "dev").await;
    let (instance, location) = managed_instance(&cf, "cache", &space, "sandbox-cache").await;
    let job = cf.finish_job(&location).await;
    assert_eq!(job["state"], "FAILED");
    assert_eq!(job["errors"][0]["title"], "CF-UnableToPerform");
    assert!(
        job["errors"][0]["detail"]
            .as_str()
            .unwrap()
            .starts_with("service_instance.create could not be completed")
    );
    assert_eq!(
        cf.get(&format!("/v3/service_instances/{instance}"))
            .await
            .body["last_operation"]["state"],
        "failed"
    );
}

#[tokio::test]
async fn app_bindings_and_keys_carry_credentials() {
    let cf = Cf::start().await;
    let space = cf.space_guid("sandbox", "dev").await;
    let (app, _) = cf
        .staged_docker_app("orders-dev-v000", &space, "orders:1")
        .await;
    let (instance, location) = managed_instance(&cf, "orders-db", &space, "sandbox-database").await;
    cf.finish_job(&location).await;

    let binding = cf
        .post(
            "/v3/service_credential_bindings",
            json!({"type": "app", "relationships": {"service_instance": {"data": {"guid": instance}}, "app": {"data": {"guid": app}}}}),
        )
        .await;
    assert_eq!(binding.status, StatusCode::ACCEPTED);
    let job = cf.finish_job(&binding.header("location")).await;
    assert_eq!(job["operation"], "service_bindings.create");
    assert_eq!(job["state"], "COMPLETE");
    let bindings = cf
        .get(&format!(
            "/v3/service_credential_bindings?app_guids={app}&type=app"
        ))
        .await;
    let binding_guid = bindings.body["resources"][0]["guid"]
        .as_str()
        .unwrap()
        .to_owned();
    let details = cf
        .get(&format!(
            "/v3/service_credential_bindings/{binding_guid}/details"
        ))
        .await;
    assert!(
        details.body["credentials"]["uri"]
            .as_str()
            .unwrap()
            .starts_with("sandbox://")
    );
    let env = cf.get(&format!("/v3/apps/{app}/env")).await;
    assert_eq!(
        env.body["system_env_json"]["VCAP_SERVICES"]["sandbox-database"][0]["name"],
        "orders-db"
    );
    let duplicate = cf
        .post(
            "/v3/service_credential_bindings",
            json!({"type": "app", "relationships": {"service_instance": {"data": {"guid": instance}}, "app": {"data": {"guid": app}}}}),
        )
        .await;
    assert_eq!(duplicate.status, StatusCode::UNPROCESSABLE_ENTITY);

    let key = cf
        .post("/v3/service_credential_bindings", json!({"type": "key", "name": "ci-key", "relationships": {"service_instance": {"data": {"guid": instance}}}}))
        .await;
    assert_eq!(
        cf.finish_job(&key.header("location")).await["operation"],
        "service_keys.create"
    );
    let keys = cf.get(&format!("/v3/service_credential_bindings?type=key&service_instance_guids={instance}&names=ci-key")).await;
    let key_guid = keys.body["resources"][0]["guid"]
        .as_str()
        .unwrap()
        .to_owned();
    assert!(
        cf.get(&format!(
            "/v3/service_credential_bindings/{key_guid}/details"
        ))
        .await
        .body["credentials"]["password"]
            .is_string()
    );

    let busy = cf
        .delete(&format!("/v3/service_instances/{instance}"))
        .await;
    assert_eq!(busy.error(), (10006, "CF-AssociationNotEmpty".to_owned()));
    for guid in [&binding_guid, &key_guid] {
        let deleted = cf
            .delete(&format!("/v3/service_credential_bindings/{guid}"))
            .await;
        assert_eq!(deleted.status, StatusCode::ACCEPTED);
        assert_eq!(
            cf.finish_job(&deleted.header("location")).await["state"],
            "COMPLETE"
        );
    }
    let deleted = cf
        .delete(&format!("/v3/service_instances/{instance}"))
        .await;
    assert_eq!(
        cf.finish_job(&deleted.header("location")).await["operation"],
        "service_instance.delete"
    );
    assert_eq!(
        cf.get(&format!("/v3/service_instances/{instance}"))
            .await
            .status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn user_provided_instances_are_synchronous() {
    let cf = Cf::start().await;
    let space = cf.space_guid("sandbox", "dev").await;
    let (app, _) = cf.staged_docker_app("ups-dev-v000", &space, "ups:1").await;
    let created = cf
        .post(
            "/v3/service_instances",
            json!({"type": "user-provided", "name": "legacy", "credentials": {"url": "https://legacy"}, "relationships": {"space": {"data": {"guid": space}}}}),
        )
        .await;
    assert_eq!(created.status, StatusCode::CREATED);
    assert_eq!(created.body["last_operation"]["state"], "succeeded");
    let instance = created.guid();
    assert_eq!(
        cf.get(&format!("/v3/service_instances/{instance}/credentials"))
            .await
            .body,
        json!({"url": "https://legacy"})
    );
    let binding = cf
        .post(
            "/v3/service_credential_bindings",
            json!({"type": "app", "relationships": {"service_instance": {"data": {"guid": instance}}, "app": {"data": {"guid": app}}}}),
        )
        .await;
    assert_eq!(binding.status, StatusCode::CREATED);
    let key = cf
        .post("/v3/service_credential_bindings", json!({"type": "key", "name": "k", "relationships": {"service_instance": {"data": {"guid": instance}}}}))
        .await;
    assert_eq!(key.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        cf.delete(&format!(
            "/v3/service_credential_bindings/{}",
            binding.guid()
        ))
        .await
        .status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        cf.delete(&format!("/v3/service_instances/{instance}"))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
}

#[tokio::test]
async fn sharing_makes_an_instance_visible_in_another_space() {
    let cf = Cf::start().await;
    let dev = cf.space_guid("sandbox", "dev").await;
    let prod = cf.space_guid("sandbox", "prod").await;
    let (instance, location) = managed_instance(&cf, "shared-db", &dev, "sandbox-database").await;
    cf.finish_job(&location).await;
    let path = format!("/v3/service_instances/{instance}/relationships/shared_spaces");
    let shared = cf.post(&path, json!({"data": [{"guid": prod}]})).await;
    assert_eq!(shared.status, StatusCode::OK, "{:?}", shared.body);
    assert_eq!(shared.body["data"][0]["guid"], prod.as_str());
    let seen = cf
        .get(&format!(
            "/v3/service_instances?names=shared-db&space_guids={prod}"
        ))
        .await;
    assert_eq!(seen.body["pagination"]["total_results"], 1);
    assert_eq!(
        cf.delete(&format!("{path}/{prod}")).await.status,
        StatusCode::NO_CONTENT
    );
    let gone = cf
        .get(&format!(
            "/v3/service_instances?names=shared-db&space_guids={prod}"
        ))
        .await;
    assert_eq!(gone.body["resources"], Value::Array(Vec::new()));

    let (cache, location) = managed_instance(&cf, "cache", &dev, "sandbox-cache").await;
    cf.finish_job(&location).await;
    let refused = cf
        .post(
            &format!("/v3/service_instances/{cache}/relationships/shared_spaces"),
            json!({"data": [{"guid": prod}]}),
        )
        .await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
}
