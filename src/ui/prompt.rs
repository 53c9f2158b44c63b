//! Prompts for a person at the terminal: the go/no-go question of a manual judgment.

use dialoguer::Select;
use dialoguer::theme::ColorfulTheme;

/// A person's answer to a manual judgment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct JudgmentAnswer {
    /// Continue (true) or stop (false).
    pub(crate) proceed: bool,
    /// The judgment input chosen, when the stage offers some.
    pub(crate) input: Option<String>,
}

/// Asks whether the pipeline should go on past stage `name`. `None` when the terminal cannot
/// prompt (closed, or the person pressed Esc): the judgment then waits for `gennaker judge`.
pub(crate) fn judgment(
    name: &str,
    instructions: Option<&str>,
    inputs: &[String],
) -> Option<JudgmentAnswer> {
    let theme = ColorfulTheme::default();
    let mut stderr = String::new();
    stderr.push_str(&format!("\nManual judgment: {name}\n"));
    if let Some(instructions) = instructions.filter(|text| !text.trim().is_empty()) {
        stderr.push_str(&format!("  {}\n", instructions.trim()));
    }
    eprint!("{stderr}");
    let (proceed, input) = if inputs.is_empty() {
        let choice = Select::with_theme(&theme)
            .with_prompt(format!("{name}: go or no go?"))
            .items(["Continue", "Stop"])
            .default(0)
            .interact_opt()
            .ok()??;
        (choice == 0, None)
    } else {
        let mut items: Vec<String> = inputs
            .iter()
            .map(|input| format!("Continue with {input}"))
            .collect();
        items.push("Stop".to_owned());
        let choice = Select::with_theme(&theme)
            .with_prompt(format!("{name}: go or no go?"))
            .items(&items)
            .default(0)
            .interact_opt()
            .ok()??;
        if choice == inputs.len() {
            (false, None)
        } else {
            (true, Some(inputs[choice].clone()))
        }
    };
    Some(JudgmentAnswer { proceed, input })
}

/// Tells a person without a prompt how to answer a waiting judgment from elsewhere.
pub(crate) fn print_waiting(stage: &str, execution_id: &str) {
    eprintln!(
        "waiting for a manual judgment of `{stage}`; answer it from another shell with:\n  \
         gennaker judge {execution_id} --stage '{stage}' --continue   (or --stop)"
    );
}

/// Says why this user is not asked to answer a judgment.
pub(crate) fn print_not_yours(reason: &str) {
    eprintln!("not asking you: {reason}");
}

/// Asks for the value of a pipeline parameter: a choice when it has options, text otherwise.
/// `None` when the terminal cannot prompt.
pub(crate) fn parameter(
    name: &str,
    label: Option<&str>,
    description: Option<&str>,
    options: &[String],
) -> Option<String> {
    let theme = ColorfulTheme::default();
    let title = label
        .filter(|label| !label.trim().is_empty())
        .unwrap_or(name);
    let prompt = match description.filter(|text| !text.trim().is_empty()) {
        Some(description) => format!("{title} ({description})"),
        None => title.to_owned(),
    };
    if options.is_empty() {
        dialoguer::Input::<String>::with_theme(&theme)
            .with_prompt(prompt)
            .interact_text()
            .ok()
    } else {
        let choice = Select::with_theme(&theme)
            .with_prompt(prompt)
            .items(options)
            .default(0)
            .interact_opt()
            .ok()??;
        Some(options[choice].clone())
    }
}

/// Asks for a password without echoing it. `None` when the terminal cannot prompt.
pub(crate) fn secret(prompt: &str) -> Option<String> {
    dialoguer::Password::with_theme(&ColorfulTheme::default())
        .with_prompt(prompt)
        .interact()
        .ok()
}

/// Asks a yes/no question, defaulting to no. `None` when the terminal cannot prompt.
pub(crate) fn confirm(prompt: &str) -> Option<bool> {
    dialoguer::Confirm::with_theme(&ColorfulTheme::default())
        .with_prompt(prompt)
        .default(false)
        .interact_opt()
        .ok()
        .flatten()
}
