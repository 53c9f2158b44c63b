//! Every list follows `pagination.next`: with more apps than one page holds (the Cloud
//! Controller's ceiling is 5000 a page), the server groups on the second page are found.

use serde_json::{Value, json};

use crate::cf_world::{CfWorld, PROD, cf_cluster, deploy, pipeline, summary};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn server_groups_past_the_first_page_are_found() {
    let world = CfWorld::start("prod-cf");
    let http = reqwest::Client::new();
    let token: Value = http
        .post(format!("{}/oauth/token", world.sim.uaa_url()))
        .basic_auth("cf", Some(""))
        .form(&[
            ("grant_type", "password"),
            ("username", "admin"),
            ("password", "admin"),
        ])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = token["access_token"].as_str().unwrap().to_owned();
    let api = world.sim.api_url().to_owned();
    let spaces: Value = http
        .get(format!("{api}/v3/spaces?names=prod"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let space = spaces["resources"][0]["guid"].as_str().unwrap().to_owned();
    // 5,000 other apps come first, so the server group lands on page 2.
    let fillers = futures_util::future::join_all((0..5000).map(|n| {
        let (http, token, api, space) = (http.clone(), token.clone(), api.clone(), space.clone());
        async move {
            let body = json!({"name": format!("filler{n:04}"),
                "relationships": {"space": {"data": {"guid": space}}}});
            http.post(format!("{api}/v3/apps"))
                .bearer_auth(&token)
                .json(&body)
                .send()
                .await
                .map(|reply| reply.status().as_u16())
        }
    }));
    let created = fillers.await;
    assert!(
        created.iter().all(|status| matches!(status, Ok(201))),
        "fillers created"
    );

    let cluster = cf_cluster("prod-cf", PROD, "acme/web:1.0", json!({"strategy": ""}));
    world.write("deploy.json", &pipeline("Deploy", vec![deploy(&[cluster])]));
    world.gennaker(&["run", "deploy.json"]).await.code(0);
    let groups = world.clusters("hello").await;
    assert_eq!(summary(&groups).len(), 1, "{groups:#?}");
    let second_pages = world
        .sim
        .requests()
        .iter()
        .filter(|request| request.method == "GET" && request.path == "/v3/apps")
        .filter(|request| request.query.contains("page=2"))
        .count();
    assert!(second_pages > 0, "a second page was read");
}
