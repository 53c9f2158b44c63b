//! Discovery, organizations/spaces/domains, filters, pagination and query errors.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::sim_cf_support::Cf;

#[tokio::test]
async fn the_root_advertises_uaa_as_login_and_uaa_without_authentication() {
    let cf = Cf::start().await;
    let root: Value = cf
        .http
        .get(cf.url("/"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(root["links"]["login"]["href"], cf.sim.uaa_url());
    assert_eq!(root["links"]["uaa"]["href"], cf.sim.uaa_url());
    assert_eq!(
        root["links"]["cloud_controller_v3"]["href"],
        format!("{}/v3", cf.sim.api_url())
    );
    let info: Value = cf
        .http
        .get(cf.url("/v3/info"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(info["rate_limits"]["enabled"], false);
    assert!(info["links"].get("login").is_none());
    let v3: Value = cf
        .http
        .get(cf.url("/v3"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        v3["links"]["apps"]["href"],
        format!("{}/v3/apps", cf.sim.api_url())
    );
}

#[tokio::test]
async fn the_sandbox_seed_has_org_sandbox_with_dev_and_prod_and_a_shared_domain() {
    let cf = Cf::start().await;
    let orgs = cf.get("/v3/organizations?names=sandbox").await;
    assert_eq!(orgs.body["pagination"]["total_results"], 1);
    let org = orgs.body["resources"][0]["guid"]
        .as_str()
        .unwrap()
        .to_owned();
    let spaces = cf
        .get(&format!(
            "/v3/spaces?organization_guids={org}&order_by=name"
        ))
        .await;
    let names: Vec<&str> = spaces.body["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|space| space["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["dev", "prod"]);
    let domains = cf.get("/v3/domains?names=APPS.SANDBOX.LOCAL").await;
    assert_eq!(domains.body["resources"][0]["name"], "apps.sandbox.local");
    let missing = cf.get("/v3/organizations?names=elsewhere").await;
    assert_eq!(missing.body["pagination"]["total_results"], 0);
}

#[tokio::test]
async fn unknown_resources_are_404_resource_not_found() {
    let cf = Cf::start().await;
    let reply = cf
        .get("/v3/apps/00000000-0000-4000-8000-000000000000")
        .await;
    assert_eq!(reply.status, StatusCode::NOT_FOUND);
    assert_eq!(reply.error(), (10010, "CF-ResourceNotFound".to_owned()));
    assert_eq!(reply.body["errors"][0]["detail"], "App not found");
    let unknown_path = cf.get("/v3/nothing_here").await;
    assert_eq!(unknown_path.status, StatusCode::NOT_FOUND);
    assert_eq!(unknown_path.error(), (10000, "CF-NotFound".to_owned()));
}

#[tokio::test]
async fn lists_follow_absolute_next_links_across_pages() {
    let cf = Cf::start().await;
    let space = cf.space_guid("sandbox", "dev").await;
    for index in 0..5 {
        cf.create_app(
            &format!("paged-v{index:03}"),
            &space,
            json!({"type": "docker", "data": {}}),
        )
        .await;
    }
    let mut names = Vec::new();
    let mut next = Some(format!("/v3/apps?space_guids={space}&per_page=2"));
    let mut pages = 0;
    while let Some(url) = next {
        let page = cf.get(&url).await;
        assert_eq!(page.body["pagination"]["total_results"], 5);
        assert_eq!(page.body["pagination"]["total_pages"], 3);
        for app in page.body["resources"].as_array().unwrap() {
            names.push(app["name"].as_str().unwrap().to_owned());
        }
        next = page.body["pagination"]["next"]["href"]
            .as_str()
            .map(str::to_owned);
        if let Some(href) = &next {
            assert!(
                href.starts_with(cf.sim.api_url()),
                "next must be absolute: {href}"
            );
            assert!(href.contains(&format!("space_guids={space}")));
        }
        pages += 1;
    }
    assert_eq!(pages, 3);
    assert_eq!(
        names,
        [
            "paged-v000",
            "paged-v001",
            "paged-v002",
            "paged-v003",
            "paged-v004"
        ]
    );
    let last = cf
        .get(&format!("/v3/apps?space_guids={space}&per_page=2&page=3"))
        .await;
    assert!(
        last.body["pagination"]["previous"]["href"]
            .as_str()
            .unwrap()
            .contains("page=2")
    );
    assert_eq!(last.body["pagination"]["next"], Value::Null);
}

#[tokio::test]
async fn descending_order_by_reverses_the_list() {
    let cf = Cf::start().await;
    let space = cf.space_guid("sandbox", "dev").await;
    for name in ["b-app", "a-app", "c-app"] {
        cf.create_app(name, &space, json!({"type": "docker", "data": {}}))
            .await;
    }
    let listed = cf.get("/v3/apps?order_by=-name").await;
    let names: Vec<&str> = listed.body["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|app| app["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["c-app", "b-app", "a-app"]);
}

#[tokio::test]
async fn bad_paging_and_unknown_parameters_are_400_bad_query_parameter() {
    let cf = Cf::start().await;
    for query in [
        "per_page=5001",
        "per_page=0",
        "page=0",
        "page=two",
        "colour=blue",
        "order_by=colour",
    ] {
        let reply = cf.get(&format!("/v3/apps?{query}")).await;
        assert_eq!(reply.status, StatusCode::BAD_REQUEST, "{query}");
        assert_eq!(
            reply.error(),
            (10005, "CF-BadQueryParameter".to_owned()),
            "{query}"
        );
    }
    assert_eq!(
        cf.get("/v3/apps?per_page=5000").await.status,
        StatusCode::OK
    );
}

#[tokio::test]
async fn label_selectors_filter_lists() {
    let cf = Cf::start().await;
    let space = cf.space_guid("sandbox", "dev").await;
    let labelled = json!({
        "name": "labelled", "relationships": {"space": {"data": {"guid": space}}},
        "metadata": {"labels": {"tier": "web"}}
    });
    assert_eq!(
        cf.post("/v3/apps", labelled).await.status,
        StatusCode::CREATED
    );
    cf.create_app("plain", &space, json!({"type": "buildpack", "data": {}}))
        .await;
    let web = cf.get("/v3/apps?label_selector=tier=web").await;
    assert_eq!(web.body["pagination"]["total_results"], 1);
    assert_eq!(web.body["resources"][0]["name"], "labelled");
    let unlabelled = cf.get("/v3/apps?label_selector=!tier").await;
    assert_eq!(unlabelled.body["resources"][0]["name"], "plain");
}

#[tokio::test]
async fn every_response_carries_a_request_id() {
    let cf = Cf::start().await;
    let first = cf.get("/v3/info").await.header("x-vcap-request-id");
    let second = cf.get("/v3/apps/missing").await.header("x-vcap-request-id");
    assert_eq!(first.len(), 36);
    assert_ne!(first, second);
}

#[tokio::test]
async fn the_diego_docker_feature_flag_reflects_the_config() {
    let cf = Cf::start().await;
    let flag = cf.get("/v3/feature_flags/diego_docker").await;
    assert_eq!(flag.body["enabled"], true);
    let listed = cf.get("/v3/feature_flags?names=diego_docker").await;
    assert_eq!(listed.body["pagination"]["total_results"], 1);
    assert_eq!(
        cf.get("/v3/feature_flags/unknown").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn uaa_serves_its_login_discovery_document() {
    let cf = Cf::start().await;
    let login: Value = cf
        .http
        .get(format!("{}/login", cf.sim.uaa_url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(login["prompts"]["username"][0], "text");
    assert_eq!(login["links"]["uaa"], cf.sim.uaa_url());
}

#[tokio::test]
async fn the_simulator_endpoints_expose_state_and_requests_to_other_tools() {
    let cf = Cf::start().await;
    cf.get("/v3/organizations?names=sandbox").await;
    let requests: Value = cf
        .http
        .get(cf.url("/_simulator/requests"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let seen = requests["requests"].as_array().unwrap();
    assert!(seen.iter().any(
        |request| request["path"] == "/v3/organizations" && request["query"] == "names=sandbox"
    ));
    let state: Value = cf
        .http
        .get(cf.url("/_simulator/state"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(state["organizations"][0]["name"], "sandbox");
    let clock = cf
        .http
        .post(cf.url("/_simulator/clock/advance?ms=1000"))
        .send()
        .await
        .unwrap();
    assert_eq!(clock.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn organizations_and_spaces_can_be_created_with_unique_names() {
    let cf = Cf::start().await;
    let org = cf
        .post("/v3/organizations", json!({"name": "payments"}))
        .await;
    assert_eq!(org.status, StatusCode::CREATED);
    let duplicate = cf
        .post("/v3/organizations", json!({"name": "Payments"}))
        .await;
    assert_eq!(
        duplicate.error(),
        (10008, "CF-UnprocessableEntity".to_owned())
    );
    let body = json!({"name": "staging", "relationships": {"organization": {"data": {"guid": org.guid()}}}});
    let space = cf.post("/v3/spaces", body.clone()).await;
    assert_eq!(space.status, StatusCode::CREATED);
    assert_eq!(
        space.body["relationships"]["organization"]["data"]["guid"],
        org.guid().as_str()
    );
    assert_eq!(
        cf.post("/v3/spaces", body).await.status,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(cf.space_guid("payments", "staging").await, space.guid());
}
