//! The Cloud Foundry examples of `pipelines/` run end to end: blue/green with a judgment
//! (promote, then roll back) and the cfrollingredblack canary (with its rollback when the new
//! version crashes). The account `sandbox-cf` is configured to point at a foundation started by
//! the test, which overrides the built-in sandbox account.

use serde_json::Value;

use crate::cf_world::{CfWorld, PROD, summary};
use crate::support::repo_root;

fn example(world: &CfWorld, name: &str) {
    let text = std::fs::read_to_string(repo_root().join("pipelines").join(name)).unwrap();
    world.write(name, &text);
}

fn in_prod(groups: Vec<Value>) -> Vec<String> {
    let prod: Vec<Value> = groups
        .into_iter()
        .filter(|group| group["region"] == PROD)
        .collect();
    summary(&prod)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn blue_green_promotes_one_version_and_rolls_the_next_one_back() {
    let world = CfWorld::start("sandbox-cf");
    example(&world, "cf-blue-green.json");
    let run = |tag: &'static str, answer: &'static str| {
        let world = &world;
        async move {
            let tag = format!("tag={tag}");
            let judgment = format!("Go / No go=continue:{answer}");
            world
                .gennaker(&[
                    "run",
                    "cf-blue-green.json",
                    "--param",
                    &tag,
                    "--judgment",
                    &judgment,
                ])
                .await
                .code(0)
        }
    };
    run("1.0", "promote").await;
    run("1.1", "promote").await;
    assert_eq!(
        in_prod(world.clusters("hello").await),
        ["hello-v001 enabled 2/2"],
        "promoting destroyed the previous version"
    );
    run("1.2", "roll back").await;
    let groups = world.clusters("hello").await;
    assert_eq!(
        in_prod(groups.clone()),
        ["hello-v001 enabled 2/2", "hello-v002 disabled 0/2"]
    );
    assert_eq!(groups[0]["image"], "nginxdemos/hello:1.1");
    assert_eq!(world.routes_of("hello-v001"), ["hello.apps.sandbox.local"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_canary_rolls_out_in_steps_and_rolls_back_a_crashing_version() {
    let world = CfWorld::start("sandbox-cf");
    example(&world, "cf-canary.json");
    let run = |image: &'static str, code: i32| {
        let world = &world;
        async move {
            let image = format!("image={image}");
            world
                .gennaker(&["run", "cf-canary.json", "--param", &image])
                .await
                .code(code)
        }
    };
    run("nginxdemos/hello:1.0", 0).await;
    run("nginxdemos/hello:1.1", 0).await;
    assert_eq!(
        in_prod(world.clusters("hello").await),
        [
            "hello-canary-v000 disabled 0/4",
            "hello-canary-v001 enabled 4/4"
        ]
    );
    // An image with `crash` in its name crash-loops in the simulator.
    let failed = run("example/crash-loop:1", 1).await;
    assert!(
        failed.stdout.contains("hello-canary-v002") || failed.stderr.contains("hello-canary-v002")
    );
    assert_eq!(
        in_prod(world.clusters("hello").await),
        [
            "hello-canary-v000 disabled 0/4",
            "hello-canary-v001 enabled 4/4"
        ],
        "the crashing version is gone and the serving one untouched"
    );
    assert_eq!(
        world.routes_of("hello-canary-v001"),
        ["hello-canary.apps.sandbox.local"]
    );
}
