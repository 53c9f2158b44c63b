//! `gennaker config show`: where gennaker reads its settings from and keeps its data.

use serde_json::json;

use crate::cli::OutputFormat;
use crate::commands::Context;
use crate::exit_status::ExitStatus;

/// Prints the settings in effect.
pub(crate) fn show(context: &Context) -> anyhow::Result<ExitStatus> {
    let settings = &context.settings;
    let config_file = settings
        .config_path
        .as_ref()
        .map(|path| path.display().to_string());
    let config_exists = settings
        .config_path
        .as_ref()
        .is_some_and(|path| path.is_file());
    let printer = &context.printer;
    if printer.format == OutputFormat::Json {
        printer.json(&json!({
            "configFile": config_file,
            "configFileExists": config_exists,
            "dataDir": settings.data_dir.display().to_string(),
            "interactive": settings.interactive,
            "config": without_secrets(serde_json::to_value(&settings.config)?),
        }))?;
        return Ok(ExitStatus::Success);
    }
    let state = if config_exists {
        ""
    } else {
        " (not present: defaults apply)"
    };
    let expressions = &settings.config.expressions;
    let hosts = if expressions.allowed_url_hosts.is_empty() {
        "none".to_owned()
    } else {
        expressions.allowed_url_hosts.join(", ")
    };
    printer.out(&format!(
        "config file: {}{state}\ndata dir:    {}\ninteractive: {}\nexpressions: url functions {}, extra allowed hosts: {hosts}\n",
        config_file.as_deref().unwrap_or("none"),
        settings.data_dir.display(),
        if settings.interactive { "yes" } else { "no (prompts are never shown)" },
        if expressions.url_functions { "on" } else { "off" },
    ))?;
    Ok(ExitStatus::Success)
}

/// The config as JSON with every stored secret replaced, so `config show` never prints one.
fn without_secrets(mut value: serde_json::Value) -> serde_json::Value {
    const SECRET_KEYS: [&str; 3] = ["password", "token", "client-secret"];
    match &mut value {
        serde_json::Value::Object(map) => {
            for (key, member) in map.iter_mut() {
                if SECRET_KEYS.contains(&key.as_str()) {
                    *member = json!("<redacted>");
                } else {
                    *member = without_secrets(member.take());
                }
            }
        }
        serde_json::Value::Array(items) => {
            for item in items.iter_mut() {
                *item = without_secrets(item.take());
            }
        }
        _ => {}
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_secrets_are_never_shown() {
        let config = json!({"accounts": {"prod": {"provider": "dcos", "uid": "me", "password": "hunter2",
            "password-env": "X", "token": "t0k3n"}}});
        let shown = without_secrets(config).to_string();
        assert!(
            !shown.contains("hunter2") && !shown.contains("t0k3n"),
            "{shown}"
        );
        assert!(shown.contains("\"password-env\":\"X\""), "{shown}");
    }
}
