//! `gennaker expr eval`: evaluates a template (or a JSON document, or JSON lines from stdin)
//! against a context as Orca would, prints the result as JSON, and reports failures on stderr.

use std::io::BufRead;
use std::path::Path;
use std::time::Duration;

use anyhow::Context as _;
use serde_json::{Map, Value as Json, json};

use crate::cli::ExprEvalArgs;
use crate::commands::Context;
use crate::exit_status::{ExitStatus, StatusError};
use crate::expr::{self, Evaluator, Options, Root, UrlFetcher};
use crate::providers::url_fetch::UrlFetch;
use crate::ui::diagnostic;

/// How long one URL helper may take, and how much it may read.
pub(crate) const URL_TIMEOUT: Duration = Duration::from_secs(10);
pub(crate) const URL_MAX_BYTES: u64 = 1024 * 1024;
/// Result lines buffered before they are written (one write per line is slow).
const JSONL_BATCH: usize = 256;

/// Adapts the HTTP client of `providers` to the fetcher trait of `expr`.
struct Fetcher(UrlFetch);

impl UrlFetcher for Fetcher {
    fn fetch(&self, url: &str) -> Result<String, String> {
        self.0.get_text(url)
    }
}

/// The URL fetcher of a pipeline run: the blocking HTTP client lives on a thread of its own,
/// because it may not be created, used or dropped on the async runtime that runs the engine.
pub(crate) struct BackgroundFetcher {
    requests: std::sync::Mutex<std::sync::mpsc::Sender<FetchRequest>>,
}

/// A URL to fetch, and where to send the body (or why it could not be fetched).
type FetchRequest = (String, std::sync::mpsc::Sender<Result<String, String>>);

impl BackgroundFetcher {
    /// Starts the fetching thread; it ends when the fetcher is dropped.
    pub(crate) fn start(allowed_hosts: Vec<String>) -> Self {
        let (sender, receiver) = std::sync::mpsc::channel::<FetchRequest>();
        std::thread::spawn(move || {
            let fetch = UrlFetch::new(URL_TIMEOUT, URL_MAX_BYTES, allowed_hosts);
            for (url, reply) in receiver {
                let _ = reply.send(fetch.get_text(&url));
            }
        });
        Self {
            requests: std::sync::Mutex::new(sender),
        }
    }
}

impl UrlFetcher for BackgroundFetcher {
    fn fetch(&self, url: &str) -> Result<String, String> {
        let (reply, answer) = std::sync::mpsc::channel();
        let sent = self
            .requests
            .lock()
            .map_err(|_| "the URL fetcher failed".to_owned())?
            .send((url.to_owned(), reply));
        sent.map_err(|_| "the URL fetcher has stopped".to_owned())?;
        answer
            .recv()
            .map_err(|_| "the URL fetcher has stopped".to_owned())?
    }
}

fn invalid(message: impl Into<String>) -> anyhow::Error {
    StatusError::new(ExitStatus::InvalidInput, message).into()
}

/// Runs `gennaker expr eval`.
pub(crate) fn eval(args: &ExprEvalArgs, context: &Context) -> anyhow::Result<ExitStatus> {
    let config = &context.settings.config.expressions;
    // expr reads no clock; the command hands it the time and a seed for `new Date()`,
    // `Math.random()` and the like.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let options = Options {
        url_functions: config.url_functions && !args.no_url_functions,
        allowed_url_hosts: config.allowed_url_hosts.clone(),
        now_millis: i64::try_from(now.as_millis()).ok(),
        random_seed: Some(u64::from(now.subsec_nanos()) ^ now.as_secs()),
        ..Options::default()
    };
    let fetcher = Fetcher(UrlFetch::new(
        URL_TIMEOUT,
        URL_MAX_BYTES,
        config.allowed_url_hosts.clone(),
    ));
    let evaluator = Evaluator::new(options).with_fetcher(&fetcher);
    if args.jsonl {
        if args.json || args.context.is_some() || args.stage.is_some() {
            return Err(invalid(
                "`--jsonl` takes the template, context and stage from each input line",
            )
            .context("conflicting arguments"));
        }
        return jsonl(&evaluator, context);
    }
    let input = match &args.context {
        Some(path) => read_context(path)?,
        None => Map::new(),
    };
    let (root, stage_template) =
        expr::root_for(input, args.stage.as_deref()).map_err(|error| invalid(error.to_string()))?;
    let root = root.with_stage_as_current();
    let template = match (&args.template, stage_template) {
        (Some(text), _) if args.json => serde_json::from_str(text)
            .map_err(|error| invalid(format!("TEMPLATE is not valid JSON: {error}")))?,
        (Some(text), _) => Json::String(text.clone()),
        (None, Some(stage_context)) => stage_context,
        (None, None) => {
            return Err(StatusError::new(ExitStatus::InvalidInput, "no TEMPLATE given")
                .with_hint("pass a template such as '${trigger.parameters.env}', or `--stage REF` to evaluate a stage's context")
                .into());
        }
    };
    let evaluated = evaluator.evaluate(&template, &root);
    context.printer.json(&evaluated.value)?;
    if evaluated.summary.is_empty() {
        return Ok(ExitStatus::Success);
    }
    for failure in evaluated.summary.failures() {
        let message = format!(
            "expression `{}` at character {} of {}: {}",
            failure.expression,
            failure.position,
            serde_json::to_string(&failure.source).unwrap_or_default(),
            failure.message
        );
        context
            .printer
            .err(&diagnostic::render_error(&[message], None));
    }
    Ok(ExitStatus::Failed)
}

fn read_context(path: &Path) -> anyhow::Result<Map<String, Json>> {
    let text = std::fs::read_to_string(path).map_err(|error| {
        invalid(format!(
            "cannot read context file `{}`: {error}",
            path.display()
        ))
    })?;
    let value: Json = serde_json::from_str(&text).map_err(|error| {
        invalid(format!(
            "context file `{}` is not valid JSON: {error}",
            path.display()
        ))
    })?;
    match value {
        Json::Object(map) => Ok(map),
        _ => Err(invalid(format!(
            "context file `{}` must hold a JSON object whose keys are the root properties",
            path.display()
        ))),
    }
}

/// One `--jsonl` input line (the oracle's format; other fields are ignored).
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
struct JsonlInput {
    /// `Some(Json::Null)` for an explicit `"template": null`, `None` when absent.
    #[serde(default, deserialize_with = "present")]
    template: Option<Json>,
    #[serde(default)]
    context: Option<Json>,
    #[serde(default)]
    stage: Option<Json>,
    #[serde(default)]
    current_stage_id: Option<Json>,
    #[serde(default)]
    current_user: Option<Json>,
}

/// Keeps a present `null` as `Some(Json::Null)` (plain `Option` would turn it into `None`).
fn present<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Json>, D::Error> {
    <Json as serde::Deserialize>::deserialize(deserializer).map(Some)
}

/// How one `--jsonl` line went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LineOutcome {
    Evaluated,
    Failed,
    Invalid,
}

/// Evaluates one `--jsonl` input line into its result line.
pub(crate) fn jsonl_line(evaluator: &Evaluator<'_>, line: &str) -> (Json, LineOutcome) {
    let invalid_line = |message: String| {
        (
            json!({"result": null, "errors": [{"expression": "", "position": 0, "message": message}]}),
            LineOutcome::Invalid,
        )
    };
    if !line.trim_start().starts_with('{') {
        return invalid_line("an input line must be a JSON object".into());
    }
    let input: JsonlInput = match serde_json::from_str(line) {
        Ok(input) => input,
        Err(error) => return invalid_line(format!("invalid JSON: {error}")),
    };
    let context = match input.context {
        None | Some(Json::Null) => Map::new(),
        Some(Json::Object(map)) => map,
        Some(_) => return invalid_line("`context` must be a JSON object".into()),
    };
    let stage = match input.stage {
        None | Some(Json::Null) => None,
        Some(Json::String(reference)) => Some(reference),
        Some(other) => Some(other.to_string()),
    };
    let (root, stage_template) = match expr::root_for(context, stage.as_deref()) {
        Ok(built) => built,
        Err(error) => return invalid_line(error.to_string()),
    };
    let text = |value: Option<Json>| match value {
        Some(Json::String(text)) => Some(text),
        _ => None,
    };
    let root: Root = root
        .with_current_stage_id(text(input.current_stage_id))
        .with_current_user(text(input.current_user));
    let template = match (input.template, stage_template) {
        (Some(template), _) => template,
        (None, Some(stage_context)) => stage_context,
        (None, None) => return invalid_line("the line has no `template`".into()),
    };
    let evaluated = evaluator.evaluate(&template, &root);
    let outcome = if evaluated.summary.is_empty() {
        LineOutcome::Evaluated
    } else {
        LineOutcome::Failed
    };
    (
        json!({"result": evaluated.value, "errors": evaluated.summary.failures()}),
        outcome,
    )
}

/// `--jsonl` over a whole input held in memory, with default options (benchmarks).
pub(crate) fn jsonl_in_process(input: &str) -> String {
    let evaluator = Evaluator::new(Options::default());
    let mut out = String::new();
    for line in input.lines().filter(|line| !line.trim().is_empty()) {
        out.push_str(&jsonl_line(&evaluator, line).0.to_string());
        out.push('\n');
    }
    out
}

fn jsonl(evaluator: &Evaluator<'_>, context: &Context) -> anyhow::Result<ExitStatus> {
    let stdin = std::io::stdin();
    let mut worst = ExitStatus::Success;
    let mut batch = String::new();
    let mut pending = 0;
    for line in stdin.lock().lines() {
        let line = line.context("cannot read standard input")?;
        if line.trim().is_empty() {
            continue;
        }
        let (result, outcome) = jsonl_line(evaluator, &line);
        worst = match (worst, outcome) {
            (_, LineOutcome::Invalid) | (ExitStatus::InvalidInput, _) => ExitStatus::InvalidInput,
            (_, LineOutcome::Failed) => ExitStatus::Failed,
            (current, LineOutcome::Evaluated) => current,
        };
        batch.push_str(&result.to_string());
        batch.push('\n');
        pending += 1;
        if pending >= JSONL_BATCH {
            context.printer.out(&batch)?;
            batch.clear();
            pending = 0;
        }
    }
    if !batch.is_empty() {
        context.printer.out(&batch)?;
    }
    Ok(worst)
}
