//! `gennaker config account add|list|show|remove` for DC/OS accounts, against simulated
//! clusters that require a login.

use gennaker::testing::{ClusterOptions, DcosCluster};

use crate::dcos_world::quick_timing;
use crate::support::{Outcome, Test};

async fn locked_cluster() -> DcosCluster {
    DcosCluster::start(
        ClusterOptions::new("us-east-1")
            .timing(quick_timing())
            .require_auth(true)
            .user("deployer", "s3cret-pw"),
    )
    .await
    .expect("the simulator starts")
}

async fn gennaker(test: &Test, args: Vec<String>, envs: Vec<(&str, &str)>, stdin: &str) -> Outcome {
    let mut command = test.command(&args.iter().map(String::as_str).collect::<Vec<_>>());
    command.env("CI", "true");
    for (key, value) in envs {
        command.env(key, value);
    }
    let stdin = stdin.to_owned();
    tokio::task::spawn_blocking(move || {
        use std::io::Write as _;
        command.stdin(std::process::Stdio::piped());
        command.stdout(std::process::Stdio::piped());
        command.stderr(std::process::Stdio::piped());
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

fn words(text: &str) -> Vec<String> {
    text.split(' ').map(str::to_owned).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_is_saved_only_after_it_logs_in_and_never_shows_its_password() {
    let cluster = locked_cluster().await;
    let test = Test::new();
    let region = format!("us-east-1={}", cluster.base_url());
    let add = |password_flag: &str| {
        let mut args = words("config account add dcos prod --uid deployer");
        args.extend(["--region".to_owned(), region.clone()]);
        args.extend(words(password_flag));
        args
    };

    // A wrong password: refused, nothing written.
    let refused = gennaker(&test, add("--password-stdin"), vec![], "wrong\n")
        .await
        .code(4);
    assert!(
        refused.stderr.contains("was not saved"),
        "{}",
        refused.stderr
    );
    let config = test.dir().join(".config/gennaker/config.toml");
    assert!(!config.exists());

    // From the environment: only the variable's name is kept.
    gennaker(
        &test,
        add("--password-env DCOS_PW"),
        vec![("DCOS_PW", "s3cret-pw")],
        "",
    )
    .await
    .code(0);
    let saved_text = std::fs::read_to_string(&config).unwrap();
    assert!(
        saved_text.contains("password-env = \"DCOS_PW\""),
        "{saved_text}"
    );
    assert!(!saved_text.contains("s3cret-pw"), "{saved_text}");

    // Typed on stdin: stored, in a file only its owner can read, and never printed.
    let saved = gennaker(&test, add("--password-stdin"), vec![], "s3cret-pw\n")
        .await
        .code(0);
    assert!(!saved.stderr.contains("s3cret-pw") && !saved.stdout.contains("s3cret-pw"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(&config).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    for args in [
        "config account list --output json",
        "config account show prod",
        "config account show prod --output json",
        "config show --output json",
    ] {
        let shown = gennaker(&test, words(args), vec![], "").await.code(0);
        assert!(
            !shown.stdout.contains("s3cret-pw"),
            "{args}: {}",
            shown.stdout
        );
    }
    let listed = gennaker(
        &test,
        words("config account list --output json"),
        vec![],
        "",
    )
    .await
    .code(0)
    .json();
    let names: Vec<&str> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|account| account["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["prod", "sandbox-dcos", "sandbox-cf"]);
    let shown = gennaker(&test, words("config account show prod"), vec![], "")
        .await
        .code(0);
    assert!(
        shown.stdout.contains("password stored in the config file"),
        "{}",
        shown.stdout
    );

    gennaker(&test, words("config account remove prod"), vec![], "")
        .await
        .code(0);
    gennaker(&test, words("config account show prod"), vec![], "")
        .await
        .code(2);
    cluster.shutdown();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unreachable_cluster_is_refused_unless_validation_is_skipped() {
    let test = Test::new();
    let args = |extra: &str| {
        let mut args = words("config account add dcos far --region us-east-1=http://127.0.0.1:9");
        args.extend(words(extra).into_iter().filter(|word| !word.is_empty()));
        args
    };
    let refused = gennaker(&test, args(""), vec![], "").await.code(4);
    assert!(refused.stderr.contains("127.0.0.1:9"), "{}", refused.stderr);
    gennaker(&test, args("--no-validate"), vec![], "")
        .await
        .code(0);
    let bad = gennaker(
        &test,
        words("config account add dcos bad --region nourl"),
        vec![],
        "",
    )
    .await
    .code(2);
    assert!(bad.stderr.contains("NAME=URL"), "{}", bad.stderr);
}
