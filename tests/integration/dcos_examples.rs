//! The `MesosCon` pair of `pipelines/` run end to end: dev (docker trigger → deploy → smoke
//! job → destroy the previous version → run prod) and prod (find the dev image → deploy behind
//! the "latest" host → judgment → one instance behind prod → validation job → scale to full →
//! destroy the old version). The account `sandbox-dcos` is configured to point at clusters
//! started by the test.

use serde_json::json;

use crate::dcos_world::{DcosWorld, summary};
use crate::support::repo_root;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_mesoscon_dev_and_prod_pipelines_promote_a_docker_tag_to_prod() {
    let world = DcosWorld::start("sandbox-dcos", &["us-east-1", "us-west-1"]).await;
    for name in ["mesoscon-dev.json", "mesoscon-prod.json"] {
        let text = std::fs::read_to_string(repo_root().join("pipelines").join(name)).unwrap();
        world.write(name, &text);
    }
    for tag in ["1.0.0", "1.1.0"] {
        world.write(
            "trigger.json",
            &json!({"type": "docker", "account": "dockerhub", "registry": "docker.io",
                    "repository": "mesoscon/helloservice", "tag": tag})
            .to_string(),
        );
        world
            .gennaker(&[
                "run",
                "mesoscon-dev.json",
                "--trigger",
                "trigger.json",
                "--judgment",
                "Promote to prod?=continue",
            ])
            .await
            .code(0);
        let groups = world.clusters("helloservice").await;
        let images: Vec<&str> = groups
            .iter()
            .map(|group| group["image"].as_str().unwrap_or("-"))
            .collect();
        assert!(
            images
                .iter()
                .all(|image| image.ends_with(&format!(":{tag}"))),
            "every server group runs {tag} after the run: {:?} {images:?}",
            summary(&groups)
        );
    }
    let groups = world.clusters("helloservice").await;
    let placed: Vec<String> = groups
        .iter()
        .map(|group| {
            format!(
                "{} {}",
                group["region"].as_str().unwrap(),
                summary(std::slice::from_ref(group))[0]
            )
        })
        .collect();
    assert_eq!(
        placed,
        [
            "us-east-1 helloservice-dev-v001 enabled 1/1",
            "us-west-1 helloservice-prod-v001 enabled 3/3",
            "us-west-1 helloservice-prod-latest-v001 enabled 1/1",
        ]
    );
}
