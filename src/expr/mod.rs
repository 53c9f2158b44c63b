//! Pipeline expressions: Spinnaker's `${…}` templates over its `SpEL` dialect, evaluated exactly
//! as Orca evaluates them (types, failures, the evaluation summary). Pure: no I/O, clock,
//! environment or globals; URL helpers fetch through a [`UrlFetcher`] the caller supplies, and
//! the current time and random seed come in [`Options`].
//!
//! # Using it
//!
//! - `check_template(text) -> Result<(), Vec<SyntaxError>>`: parse-only check of one string,
//!   for `validate`. Each [`SyntaxError`] has `position` (0-based character offset within
//!   `text`), `expression` (the text inside `${…}`, empty for a malformed template) and
//!   `message`. Strings without `${` are always fine.
//! - [`Root`]: the names an expression sees. `Root::new(map)` takes a JSON object of root
//!   properties (`trigger`, `execution`, …; `parameters` and `scmInfo` are derived as Orca
//!   does). `Root::for_stage(map, "refId or id")` builds it as Orca's
//!   `buildExecutionContext(stage)` does from `map["execution"]["stages"]`, returning the root
//!   and that stage's own context (the value to evaluate). `.with_stage_as_current()`,
//!   `.with_current_stage_id(..)` and `.with_current_user(..)` feed `#currentStage()` and
//!   `#currentUser()`. `root_for(map, Option<stage>)` picks between the two.
//! - [`Evaluator`]: holds [`Options`], the URL fetcher and the parse cache (keep one per
//!   execution or per file: parses are cached per distinct string). `evaluate(&value, &root)`
//!   transforms a whole JSON value (a stage context, map keys included) into an [`Evaluated`]:
//!   the new `value` (failed strings kept as written) and a [`Summary`] whose `failures()` are
//!   located [`Failure`]s and whose `to_json()` is Orca's `expressionEvaluationSummary`.
//!   `evaluate_variables(&variables, &mut root)` is the Evaluate Variables stage (`SpEL` v4):
//!   one variable at a time, each success visible to the next. [`evaluate`] is a one-shot form.
//!
//! # Layout
//!
//! `template` splits strings into parts, `lexer`/`parser` build the `ast`, `eval` walks it
//! with `value`s of Java types, `functions` holds the `#helpers`, `root` builds the root,
//! `transform` walks JSON documents and `summary` records failures.

pub(crate) mod ast;
mod error;
mod eval;
pub(crate) mod functions;
pub(crate) mod lexer;
pub(crate) mod parser;
mod root;
mod summary;
mod template;
mod transform;
mod value;
mod variables;

#[cfg(test)]
mod tests;

use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use serde_json::{Map, Value as Json};

pub(crate) use error::SyntaxError;
pub(crate) use root::{Root, RootError};
#[cfg(test)]
pub(crate) use summary::Failure;
pub(crate) use summary::Summary;

use error::{EvalError, EvalResult};
use transform::{Compiled, Transformer};

/// Spring 5.3's default maximum length of one expression.
pub(crate) const MAX_EXPRESSION_LENGTH: usize = 10_000;
/// Spring 5.3's maximum length of a regular expression in `matches`.
pub(crate) const MAX_REGEX_LENGTH: usize = 1_000;
/// Parsed templates kept per [`Evaluator`] before the cache is emptied.
const MAX_CACHED_TEMPLATES: usize = 10_000;

/// Fetches the body of a URL for `#fromUrl` and its siblings.
pub(crate) trait UrlFetcher {
    /// The body as text, or why it could not be fetched.
    fn fetch(&self, url: &str) -> Result<String, String>;
}

/// A pipeline `#pipelineId(…)` can resolve to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PipelineRef {
    /// The pipeline config id.
    pub(crate) id: String,
    /// Its name.
    pub(crate) name: String,
    /// Its application.
    pub(crate) application: String,
}

/// How expressions are evaluated.
#[derive(Debug, Clone)]
pub(crate) struct Options {
    /// Whether the URL helpers may fetch at all.
    pub(crate) url_functions: bool,
    /// Hosts the URL helpers may reach although Orca's rules refuse them (e.g. `127.0.0.1`).
    pub(crate) allowed_url_hosts: Vec<String>,
    /// The longest expression accepted (characters inside one `${…}`).
    pub(crate) max_expression_length: usize,
    /// Evaluation steps one expression may take.
    pub(crate) max_steps: u64,
    /// Pipelines known to `#pipelineId` and friends.
    pub(crate) pipelines: Vec<PipelineRef>,
    /// Whether an unknown map key reads as null (Orca's default for stages) or is an error.
    pub(crate) allow_unknown_keys: bool,
    /// The current time (epoch milliseconds) for `new Date()`, `LocalDate.now()`…; expr never
    /// reads the clock itself, so without it those calls fail.
    pub(crate) now_millis: Option<i64>,
    /// The seed of `Math.random()`, `new Random()` and `UUID.randomUUID()`; without it they fail.
    pub(crate) random_seed: Option<u64>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            url_functions: true,
            allowed_url_hosts: Vec::new(),
            max_expression_length: MAX_EXPRESSION_LENGTH,
            max_steps: 1_000_000,
            pipelines: Vec::new(),
            allow_unknown_keys: true,
            now_millis: None,
            random_seed: None,
        }
    }
}

/// The result of evaluating a value: the transformed value and what failed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Evaluated {
    /// The value with every evaluable string replaced (failed ones kept as written).
    pub(crate) value: Json,
    /// The failures, keyed as Orca keys them.
    pub(crate) summary: Summary,
}

/// Compiled regular expressions, by pattern.
#[derive(Default)]
pub(crate) struct RegexCache {
    compiled: RefCell<HashMap<(String, bool), Rc<fancy_regex::Regex>>>,
}

impl RegexCache {
    fn get(&self, pattern: &str, anchored: bool) -> EvalResult<Rc<fancy_regex::Regex>> {
        let key = (pattern.to_owned(), anchored);
        if let Some(found) = self.compiled.borrow().get(&key) {
            return Ok(Rc::clone(found));
        }
        if pattern.chars().count() > MAX_REGEX_LENGTH {
            return Err(EvalError::limit(format!(
                "EL1077E: Regular expression is too long, exceeding the threshold of '{MAX_REGEX_LENGTH}' characters"
            )));
        }
        let source = if anchored {
            format!("^(?:{pattern})$")
        } else {
            pattern.to_owned()
        };
        let regex = fancy_regex::RegexBuilder::new(&source)
            .backtrack_limit(100_000)
            .build()
            .map_err(|error| {
                EvalError::eval(format!(
                    "EL1065E: Invalid regular expression '{pattern}': {error}"
                ))
            })?;
        let regex = Rc::new(regex);
        let mut compiled = self.compiled.borrow_mut();
        if compiled.len() >= 1_000 {
            compiled.clear();
        }
        compiled.insert(key, Rc::clone(&regex));
        Ok(regex)
    }

    /// A regex that must match the whole text (`matches`).
    pub(crate) fn full_match(&self, pattern: &str) -> EvalResult<Rc<fancy_regex::Regex>> {
        self.get(pattern, true)
    }

    /// A regex searched anywhere (`split`, `replaceAll`).
    pub(crate) fn search(&self, pattern: &str) -> EvalResult<Rc<fancy_regex::Regex>> {
        self.get(pattern, false)
    }
}

/// Evaluates values against roots, caching parsed templates across calls.
pub(crate) struct Evaluator<'f> {
    options: Options,
    fetcher: Option<&'f dyn UrlFetcher>,
    templates: RefCell<HashMap<String, Rc<Compiled>>>,
    regexes: RegexCache,
}

impl<'f> Evaluator<'f> {
    /// An evaluator with these options and no URL fetcher (URL helpers then fail).
    pub(crate) fn new(options: Options) -> Self {
        Self {
            options,
            fetcher: None,
            templates: RefCell::new(HashMap::new()),
            regexes: RegexCache::default(),
        }
    }

    /// Lets the URL helpers fetch through `fetcher`.
    #[must_use]
    pub(crate) fn with_fetcher(mut self, fetcher: &'f dyn UrlFetcher) -> Self {
        self.fetcher = Some(fetcher);
        self
    }

    fn compiled(&self, source: &str) -> Rc<Compiled> {
        if let Some(found) = self.templates.borrow().get(source) {
            return Rc::clone(found);
        }
        let compiled = Rc::new(Compiled::new(source, self.options.max_expression_length));
        let mut templates = self.templates.borrow_mut();
        if templates.len() >= MAX_CACHED_TEMPLATES {
            templates.clear();
        }
        templates.insert(source.to_owned(), Rc::clone(&compiled));
        compiled
    }

    /// Evaluates `value` against `root` as Orca evaluates a stage context: maps are walked
    /// (keys too), lists element by element, and every string containing `${` is evaluated.
    pub(crate) fn evaluate(&self, value: &Json, root: &Root) -> Evaluated {
        let env = eval::Env {
            options: &self.options,
            fetcher: self.fetcher,
            regexes: &self.regexes,
        };
        let compile = |source: &str| self.compiled(source);
        let assigned = eval::Assigned::default();
        let mut transformer = Transformer {
            root,
            env: &env,
            assigned: &assigned,
            compile: &compile,
            summary: Summary::default(),
        };
        let value = match value {
            Json::Object(map) => Json::Object(transformer.map(map)),
            Json::Array(items) => Json::Array(transformer.list(items, &Map::new())),
            other => transformer.scalar(other, None),
        };
        Evaluated {
            value,
            summary: transformer.summary,
        }
    }

    /// Evaluates one string and also reports the Java class of the result (e.g.
    /// `java.lang.Integer`); used by the conformance tests against Spinnaker.
    #[cfg(test)]
    pub(crate) fn evaluate_typed(&self, value: &Json, root: &Root) -> (Evaluated, Option<String>) {
        let evaluated = self.evaluate(value, root);
        let java_type = match value {
            Json::String(source) if evaluated.summary.is_empty() => {
                Some(self.java_type_of(source, root))
            }
            _ => None,
        };
        (evaluated, java_type)
    }

    #[cfg(test)]
    fn java_type_of(&self, source: &str, root: &Root) -> String {
        let compiled = self.compiled(source);
        let env = eval::Env {
            options: &self.options,
            fetcher: self.fetcher,
            regexes: &self.regexes,
        };
        match &compiled.parts {
            Ok(parts) if parts.len() == 1 => match &parts[0] {
                transform::CompiledPart::Expr { node, .. } => {
                    eval::Machine::new(root, &env, &eval::Assigned::default())
                        .run(node)
                        .map_or_else(|_| "error".to_owned(), |value| value.java_type().to_owned())
                }
                transform::CompiledPart::Literal(_) => "java.lang.String".to_owned(),
            },
            _ => "java.lang.String".to_owned(),
        }
    }
}

/// One-shot [`Evaluator::evaluate`] with no URL fetcher and no cache kept.
#[allow(
    dead_code,
    reason = "expr's API for the engine (stage contexts); the engine lands after issue 3"
)]
pub(crate) fn evaluate(value: &Json, root: &Root, options: &Options) -> Evaluated {
    Evaluator::new(options.clone()).evaluate(value, root)
}

/// Checks that every `${…}` of `text` parses, without evaluating anything. Positions are
/// character offsets within `text` (the `${` of a bad template, or the offending token).
pub(crate) fn check_template(text: &str) -> Result<(), Vec<SyntaxError>> {
    if !text.contains("${") {
        return Ok(());
    }
    let parts = template::scan(text).map_err(|error| vec![error])?;
    let mut errors = Vec::new();
    for part in parts {
        let template::Part::Expr {
            text: expression,
            start,
        } = part
        else {
            continue;
        };
        // The expression is trimmed; find where its text starts after `${`.
        let inner_offset = start
            + 2
            + text
                .chars()
                .skip(start + 2)
                .take_while(|c| c.is_whitespace())
                .count();
        let result = if expression.chars().count() > MAX_EXPRESSION_LENGTH {
            Err(SyntaxError::new(
                0,
                format!("expression is longer than {MAX_EXPRESSION_LENGTH} characters"),
            ))
        } else {
            parser::parse(&expression).map(|_| ())
        };
        if let Err(mut error) = result {
            error.position += inner_offset;
            error.expression = expression;
            errors.push(error);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Parses and evaluates fuzzer input: the bytes as a template, against a small fixed context.
pub(crate) fn fuzz_one(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = check_template(&text);
    let context = serde_json::json!({
        "trigger": {"parameters": {"env": "prod", "n": "3"}},
        "list": [1, 2, 3],
        "map": {"a": 1, "b": "two"},
        "execution": {"id": "e", "stages": [{"id": "s1", "refId": "1", "name": "Build", "type": "jenkins", "status": "SUCCEEDED", "context": {}, "outputs": {"x": 1}}]},
    });
    let root = Root::new(context.as_object().cloned().unwrap_or_default());
    let options = Options {
        url_functions: false,
        max_steps: 20_000,
        now_millis: Some(0),
        random_seed: Some(1),
        ..Options::default()
    };
    let evaluator = Evaluator::new(options);
    let _ = evaluator.evaluate(&Json::String(text.into_owned()), &root);
}

/// An evaluator and a root kept together for the benchmarks.
pub(crate) struct BenchHarness {
    evaluator: Evaluator<'static>,
    root: Root,
}

impl BenchHarness {
    pub(crate) fn new(context: &Json) -> Self {
        Self {
            evaluator: Evaluator::new(Options::default()),
            root: Root::new(context.as_object().cloned().unwrap_or_default()),
        }
    }

    pub(crate) fn evaluate(&self, value: &Json) -> Json {
        self.evaluator.evaluate(value, &self.root).value
    }
}

/// Builds the root and default template for `--stage`-style evaluation from an input object
/// holding `execution` (and possibly more root properties).
pub(crate) fn root_for(
    context: Map<String, Json>,
    stage: Option<&str>,
) -> Result<(Root, Option<Json>), RootError> {
    match stage {
        Some(reference) => {
            Root::for_stage(context, reference).map(|(root, template)| (root, Some(template)))
        }
        None => Ok((Root::new(context), None)),
    }
}
