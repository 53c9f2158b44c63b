//! `gennaker config account add cloudfoundry` against a simulated foundation: the login is
//! checked before anything is saved, secrets are stored owner-only and never printed, and the
//! three ways to log in (user, client, the cf CLI's saved tokens) each work.

use gennaker::testing_cf::{CloudFoundrySimulator, UserSeed};
use serde_json::json;

use crate::cf_world::quick_config;
use crate::support::{Outcome, Test};

async fn gennaker(test: &Test, args: &[&str], envs: &[(&str, &str)], stdin: &str) -> Outcome {
    let mut command = test.command(args);
    command.env("CI", "true");
    for (key, value) in envs {
        command.env(key, value);
    }
    let stdin = stdin.to_owned();
    tokio::task::spawn_blocking(move || {
        use std::io::Write as _;
        command
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let mut child = command.spawn().expect("run gennaker");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(stdin.as_bytes())
            .expect("write stdin");
        let output = child.wait_with_output().expect("wait");
        Outcome {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    })
    .await
    .expect("thread")
}

fn config_text(test: &Test) -> String {
    std::fs::read_to_string(test.dir().join(".config/gennaker/config.toml")).unwrap_or_default()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_user_account_is_saved_only_after_it_logs_in_and_never_shows_its_password() {
    let mut config = quick_config();
    config.seed.users.push(UserSeed {
        username: "deployer".to_owned(),
        password: "s3cret-cf-pw".to_owned(),
    });
    let sim = CloudFoundrySimulator::start(&config).unwrap();
    let test = Test::new();
    let api = sim.api_url().to_owned();
    let add = [
        "config",
        "account",
        "add",
        "cloudfoundry",
        "prod-cf",
        "--api",
        &api,
        "--user",
        "deployer",
        "--password-stdin",
    ];

    let refused = gennaker(&test, &add, &[], "wrong\n").await.code(4);
    assert!(
        refused.stderr.contains("was not saved"),
        "{}",
        refused.stderr
    );
    assert!(config_text(&test).is_empty(), "nothing is written");

    let saved = gennaker(&test, &add, &[], "s3cret-cf-pw\n").await.code(0);
    assert!(saved.stderr.contains("logged in"), "{}", saved.stderr);
    assert!(!saved.stderr.contains("s3cret-cf-pw") && !saved.stdout.contains("s3cret-cf-pw"));
    let stored = config_text(&test);
    assert!(stored.contains("provider = \"cloudfoundry\""), "{stored}");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let path = test.dir().join(".config/gennaker/config.toml");
        let mode = std::fs::metadata(path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    for args in [
        &["config", "account", "list", "--output", "json"][..],
        &["config", "account", "show", "prod-cf"],
        &["config", "account", "show", "prod-cf", "--output", "json"],
        &["config", "show", "--output", "json"],
    ] {
        let shown = gennaker(&test, args, &[], "").await.code(0);
        assert!(
            !shown.stdout.contains("s3cret-cf-pw"),
            "{args:?}: {}",
            shown.stdout
        );
    }
    let shown = gennaker(&test, &["config", "account", "show", "prod-cf"], &[], "")
        .await
        .code(0);
    assert!(
        shown
            .stdout
            .contains("user deployer, password stored in the config file"),
        "{}",
        shown.stdout
    );
    // The saved account works: the global view reads the foundation through it.
    let groups = gennaker(&test, &["clusters", "hello", "--output", "json"], &[], "")
        .await
        .code(0)
        .json();
    assert_eq!(groups, json!([]));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_account_keeps_only_the_name_of_the_variable_holding_its_secret() {
    let sim = CloudFoundrySimulator::start(&quick_config()).unwrap();
    let test = Test::new();
    let api = sim.api_url().to_owned();
    let add = [
        "config",
        "account",
        "add",
        "cf",
        "ci-cf",
        "--api",
        &api,
        "--client-id",
        "gennaker",
        "--password-env",
        "CF_SECRET",
    ];
    gennaker(&test, &add, &[("CF_SECRET", "not-it")], "")
        .await
        .code(4);
    let saved = gennaker(&test, &add, &[("CF_SECRET", "gennaker-secret")], "")
        .await
        .code(0);
    assert!(
        !saved.stderr.contains("gennaker-secret"),
        "{}",
        saved.stderr
    );
    let stored = config_text(&test);
    assert!(stored.contains("client-id = \"gennaker\""), "{stored}");
    assert!(
        stored.contains("client-secret-env = \"CF_SECRET\""),
        "{stored}"
    );
    assert!(!stored.contains("gennaker-secret"), "{stored}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_cf_clis_saved_tokens_log_in_and_a_missing_cf_config_is_explained() {
    let sim = CloudFoundrySimulator::start(&quick_config()).unwrap();
    let test = Test::new();
    let api = sim.api_url().to_owned();
    let add = [
        "config",
        "account",
        "add",
        "cloudfoundry",
        "from-cli",
        "--api",
        &api,
        "--from-cf-cli",
    ];
    let cf_home = test.dir().join("cf-home");
    let cf_home_text = cf_home.display().to_string();
    let missing = gennaker(&test, &add, &[("CF_HOME", &cf_home_text)], "")
        .await
        .code(2);
    assert!(missing.stderr.contains("cf login"), "{}", missing.stderr);

    let tokens: serde_json::Value = reqwest::Client::new()
        .post(format!("{}/oauth/token", sim.uaa_url()))
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
    std::fs::create_dir_all(cf_home.join(".cf")).unwrap();
    let cf_config = json!({
        "ConfigVersion": 3,
        "Target": api,
        "AccessToken": format!("bearer {}", tokens["access_token"].as_str().unwrap()),
        "RefreshToken": tokens["refresh_token"],
    });
    std::fs::write(cf_home.join(".cf/config.json"), cf_config.to_string()).unwrap();
    gennaker(&test, &add, &[("CF_HOME", &cf_home_text)], "")
        .await
        .code(0);
    let stored = config_text(&test);
    assert!(stored.contains("cf-cli-tokens = true"), "{stored}");
    assert!(
        !stored.contains(tokens["access_token"].as_str().unwrap()),
        "tokens stay in the cf CLI's file"
    );
}
