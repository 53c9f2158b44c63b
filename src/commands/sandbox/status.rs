//! `gennaker sandbox status`: what the sandbox accounts run, per account and region, and the
//! faults set — from the running sandbox, or from the saved state when it is not running.

use serde_json::json;

use super::access::SandboxAccess;
use super::endpoints::EndpointsFile;
use super::layout::SandboxDir;
use super::view::{RegionView, gather};
use crate::cli::OutputFormat;
use crate::commands::Context;
use crate::exit_status::ExitStatus;
use crate::ui::table;

/// Prints the sandbox's apps and faults.
pub(crate) async fn status(context: &Context) -> anyhow::Result<ExitStatus> {
    let dir = SandboxDir::new(&context.settings.data_dir);
    let access = SandboxAccess::for_reading(&dir).await?;
    let views = match access.endpoints() {
        Some(endpoints) => gather(&endpoints).await,
        None => Ok(Vec::new()),
    };
    let running = match &access {
        SandboxAccess::Running(file) => Some(file.clone()),
        _ => None,
    };
    let has_state = !matches!(access, SandboxAccess::Empty);
    access.finish(&dir)?;
    let views = views?;
    let summary = summary(running.as_ref(), has_state, &dir);
    let printer = &context.printer;
    match printer.format {
        OutputFormat::Json => printer.json(&json!({
            "running": running.is_some(),
            "pid": running.as_ref().map(|file| file.pid),
            "background": running.as_ref().map(|file| file.background),
            "endpoints": running.as_ref().map(|file| &file.urls),
            "state": dir.state(),
            "hasState": has_state,
            "regions": views,
        }))?,
        OutputFormat::Table => printer.out(&render_table(&summary, &views))?,
        OutputFormat::Plain => printer.out(&render_plain(&summary, &views))?,
    }
    Ok(ExitStatus::Success)
}

/// The first line: running or not, and where the state is.
fn summary(running: Option<&EndpointsFile>, has_state: bool, dir: &SandboxDir) -> String {
    let state = dir.state();
    match running {
        Some(file) => {
            let how = if file.background {
                "in the background"
            } else {
                "in `sandbox serve --persist`"
            };
            format!(
                "sandbox: running {how} (pid {}); state in `{}`",
                file.pid,
                state.display()
            )
        }
        None if has_state => format!(
            "sandbox: not running; saved state from `{}` (it starts again when a pipeline \
             names a sandbox account)",
            state.display()
        ),
        None => "sandbox: not running and no state yet (nothing deployed)".to_owned(),
    }
}

fn instances(app: &super::view::AppView) -> String {
    format!("{}/{}", app.ready, app.instances)
}

fn render_table(summary: &str, views: &[RegionView]) -> String {
    let mut text = format!("{summary}\n");
    if views.is_empty() {
        return text;
    }
    let rows: Vec<Vec<String>> = views
        .iter()
        .flat_map(|view| {
            let faults = if view.faults.is_empty() {
                String::new()
            } else {
                view.faults.join(", ")
            };
            if view.apps.is_empty() {
                return vec![vec![
                    view.account.clone(),
                    view.region.clone(),
                    "(none)".to_owned(),
                    String::new(),
                    String::new(),
                    String::new(),
                    faults,
                ]];
            }
            view.apps
                .iter()
                .enumerate()
                .map(|(index, app)| {
                    vec![
                        view.account.clone(),
                        view.region.clone(),
                        app.name.clone(),
                        app.state.clone(),
                        instances(app),
                        app.image.clone().unwrap_or_default(),
                        if index == 0 {
                            faults.clone()
                        } else {
                            String::new()
                        },
                    ]
                })
                .collect()
        })
        .collect();
    text.push_str(&table::render(
        &[
            "Account", "Region", "App", "State", "Ready", "Image", "Faults",
        ],
        &rows,
    ));
    text
}

fn render_plain(summary: &str, views: &[RegionView]) -> String {
    let mut text = format!("{summary}\n");
    for view in views {
        for app in &view.apps {
            text.push_str(&format!(
                "app\t{}\t{}\t{}\tstate={}\tready={}\timage={}\n",
                view.account,
                view.region,
                app.name,
                app.state,
                instances(app),
                app.image.as_deref().unwrap_or("-"),
            ));
        }
        for fault in &view.faults {
            text.push_str(&format!(
                "fault\t{}\t{}\t{fault}\n",
                view.account, view.region
            ));
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::super::view::AppView;
    use super::*;

    fn views() -> Vec<RegionView> {
        vec![
            RegionView {
                account: "sandbox-dcos".to_owned(),
                region: "us-east-1".to_owned(),
                apps: vec![AppView {
                    name: "/web-v000".to_owned(),
                    state: "running".to_owned(),
                    ready: 2,
                    instances: 2,
                    image: Some("nginx:1".to_owned()),
                }],
                faults: vec!["crashloop".to_owned()],
            },
            RegionView {
                account: "sandbox-cf".to_owned(),
                region: "sandbox > dev".to_owned(),
                apps: Vec::new(),
                faults: Vec::new(),
            },
        ]
    }

    #[test]
    fn plain_lines_carry_one_app_or_fault_each() {
        let text = render_plain("sandbox: x", &views());
        assert_eq!(
            text,
            "sandbox: x\n\
             app\tsandbox-dcos\tus-east-1\t/web-v000\tstate=running\tready=2/2\timage=nginx:1\n\
             fault\tsandbox-dcos\tus-east-1\tcrashloop\n"
        );
    }

    #[test]
    fn the_table_shows_empty_regions_too() {
        let text = render_table("sandbox: x", &views());
        assert!(text.contains("/web-v000"), "{text}");
        assert!(text.contains("sandbox > dev"), "{text}");
        assert!(text.contains("(none)"), "{text}");
    }
}
