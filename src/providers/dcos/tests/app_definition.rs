//! The Marathon app made from a deploy stage's DC/OS cluster description.

use serde_json::{Value, json};

use crate::providers::cloud::DeployRequest;
use crate::providers::dcos::app_definition::app_definition;
use crate::providers::model::Capacity;

fn request(description: &Value, desired: u32) -> DeployRequest {
    DeployRequest {
        region: "east/web".to_owned(),
        server_group: "hello-prod-v003".to_owned(),
        capacity: Capacity::exactly(desired),
        description: description.as_object().unwrap().clone(),
    }
}

#[test]
fn a_bridge_networked_description_becomes_a_docker_app() {
    let description = json!({
        "cloudProvider": "dcos", "account": "acct", "region": "east_web", "application": "hello",
        "stack": "prod", "strategy": "redblack", "capacity": {"min": 2, "max": 2, "desired": 2},
        "cpus": 0.5, "mem": 256, "disk": 10, "gpus": 0,
        "cmd": "", "args": ["--port", "8080"], "dcosUser": "nobody",
        "env": {"MODE": "prod", "WORKERS": 4, "TOKEN": {"secret": "secret0"}, "UNSET": null},
        "secrets": {"secret0": {"source": "hello/token"}},
        "labels": {"HAPROXY_GROUP": "external", "retries": 3},
        "constraints": "hostname:UNIQUE,rack:GROUP_BY:2",
        "fetch": [{"uri": "https://example.test/config.tgz", "extract": true}],
        "backoffSeconds": 2, "backoffFactor": 1.5, "maxLaunchDelaySeconds": 600,
        "upgradeStrategy": {"minimumHealthCapacity": 0.5, "maximumOverCapacity": 0.2},
        "requirePorts": false, "taskKillGracePeriodSeconds": 30,
        "networkType": {"type": "BRIDGE", "name": "Bridge"},
        "serviceEndpoints": [
            {"networkType": "BRIDGE", "port": 8080, "name": "http", "protocol": "TCP", "isLoadBalanced": true},
            {"networkType": "BRIDGE", "port": 9090, "name": "admin", "protocol": "tcp", "isLoadBalanced": false}
        ],
        "healthChecks": [
            {"protocol": "MESOS_HTTP", "path": "/health", "portIndex": 0, "gracePeriodSeconds": 30,
             "intervalSeconds": 10, "timeoutSeconds": 5, "maxConsecutiveFailures": 3, "ignoreHttp1xx": false},
            {"protocol": "command", "command": "curl -f localhost:8080"}
        ],
        "dockerVolumes": [{"containerPath": "/data", "hostPath": "/mnt/data", "mode": "RW"}],
        "persistentVolumes": [{"containerPath": "cache", "persistent": {"size": 100}, "mode": "RW"}],
        "docker": {"image": {"registry": "registry.example", "repository": "team/hello", "tag": "1.4.2",
                             "imageId": "registry.example/team/hello:1.4.2"},
                   "forcePullImage": true, "privileged": false,
                   "parameters": [{"key": "log-driver", "value": "journald"}]}
    });
    let app = app_definition(
        "/acct/web/hello-prod-v003",
        &request(&description, 2),
        1_700_000_000_000,
    )
    .unwrap();
    assert_eq!(
        app,
        json!({
            "id": "/acct/web/hello-prod-v003",
            "instances": 2,
            "cpus": 0.5, "mem": 256, "disk": 10, "gpus": 0,
            "args": ["--port", "8080"],
            "user": "nobody",
            "env": {"MODE": "prod", "WORKERS": "4", "TOKEN": {"secret": "secret0"}},
            "secrets": {"secret0": {"source": "hello/token"}},
            "labels": {"HAPROXY_GROUP": "external", "retries": "3",
                       "GENNAKER_CREATED_AT": "1700000000000", "GENNAKER_ENABLED_INSTANCES": "2"},
            "constraints": [["hostname", "UNIQUE"], ["rack", "GROUP_BY", "2"]],
            "fetch": [{"uri": "https://example.test/config.tgz", "extract": true}],
            "backoffSeconds": 2, "backoffFactor": 1.5, "maxLaunchDelaySeconds": 600,
            "upgradeStrategy": {"minimumHealthCapacity": 0.5, "maximumOverCapacity": 0.2},
            "requirePorts": false, "taskKillGracePeriodSeconds": 30,
            "healthChecks": [
                {"protocol": "MESOS_HTTP", "path": "/health", "portIndex": 0, "gracePeriodSeconds": 30,
                 "intervalSeconds": 10, "timeoutSeconds": 5, "maxConsecutiveFailures": 3,
                 "ignoreHttp1xx": false},
                {"protocol": "COMMAND", "command": {"value": "curl -f localhost:8080"}}
            ],
            "networks": [{"mode": "container/bridge"}],
            "container": {
                "type": "DOCKER",
                "docker": {"image": "registry.example/team/hello:1.4.2", "forcePullImage": true,
                           "privileged": false,
                           "parameters": [{"key": "log-driver", "value": "journald"}]},
                "portMappings": [
                    {"containerPort": 8080, "hostPort": 0, "protocol": "tcp", "name": "http",
                     "labels": {"VIP_0": "/acct/web/hello-prod-v003:8080"}},
                    {"containerPort": 9090, "hostPort": 0, "protocol": "tcp", "name": "admin"}
                ],
                "volumes": [
                    {"containerPath": "cache", "persistent": {"size": 100}, "mode": "RW"},
                    {"containerPath": "/data", "hostPath": "/mnt/data", "mode": "RW"}
                ]
            }
        })
    );
}

#[test]
fn host_networking_uses_port_definitions() {
    let description = json!({
        "networkType": "HOST",
        "serviceEndpoints": [{"port": 0, "name": "http", "protocol": "udp,tcp"}],
        "docker": {"image": {"repository": "nginx", "tag": "1.25"}},
        "constraints": [["hostname", "UNIQUE"], "zone:GROUP_BY"],
    });
    let app = app_definition("/acct/hello-v000", &request(&description, 0), 5).unwrap();
    assert_eq!(app["networks"], json!([{"mode": "host"}]));
    assert_eq!(
        app["portDefinitions"],
        json!([{"port": 0, "protocol": "udp,tcp", "name": "http"}])
    );
    assert_eq!(
        app["container"],
        json!({"type": "DOCKER", "docker": {"image": "nginx:1.25"}})
    );
    assert_eq!(
        app["constraints"],
        json!([["hostname", "UNIQUE"], ["zone", "GROUP_BY"]])
    );
    // Created at 0 instances (a rolling strategy's first step): enable restores at least 1.
    assert_eq!(app["instances"], 0);
    assert_eq!(app["labels"]["GENNAKER_ENABLED_INSTANCES"], "1");
}

#[test]
fn user_networks_expose_ports_to_the_host_only_when_asked() {
    let description = json!({
        "networkType": {"type": "USER", "name": "dcos"},
        "serviceEndpoints": [
            {"port": 80, "name": "web", "exposeToHost": true},
            {"port": 81, "name": "internal"}
        ],
        "docker": {"image": "web:1"},
    });
    let app = app_definition("/acct/web-v001", &request(&description, 1), 5).unwrap();
    assert_eq!(
        app["networks"],
        json!([{"mode": "container", "name": "dcos"}])
    );
    assert_eq!(
        app["container"]["portMappings"],
        json!([
            {"containerPort": 80, "hostPort": 0, "protocol": "tcp", "name": "web"},
            {"containerPort": 81, "protocol": "tcp", "name": "internal"}
        ])
    );
}

#[test]
fn unresolved_images_and_bad_constraints_are_invalid() {
    let unresolved = json!({"docker": {"image": {"fromContext": true, "stageId": "3"}}});
    assert!(app_definition("/acct/a-v000", &request(&unresolved, 1), 5).is_err());
    let bad = json!({"constraints": 5});
    let error = app_definition("/acct/a-v000", &request(&bad, 1), 5).unwrap_err();
    assert!(error.message.contains("constraints"), "{error}");
}
