//! The tree-walking evaluator: one [`Machine`] evaluates the nodes of one expression against a
//! root, counting steps so a hostile expression cannot run for long.

mod access;
mod arrays;
mod md5;
pub(crate) mod methods;
pub(crate) mod ops;
mod strings;
pub(crate) mod time;
mod types;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use super::Options;
use super::ast::{BinOp, Kind, Node, Step, UnOp};
use super::error::{EvalError, EvalResult};
use super::functions;
use super::root::Root;
use super::value::{ListKind, Value};
use super::{RegexCache, UrlFetcher};

/// What an expression can reach besides its root: the options, the URL fetcher and caches.
pub(crate) struct Env<'e> {
    pub(crate) options: &'e Options,
    pub(crate) fetcher: Option<&'e dyn UrlFetcher>,
    pub(crate) regexes: &'e RegexCache,
}

/// The active object (`#this`) and the scope root that arguments and indexes see.
#[derive(Clone)]
pub(crate) struct Frame<'a> {
    pub(crate) this: Value<'a>,
    pub(crate) scope: Value<'a>,
}

impl<'a> Frame<'a> {
    /// A frame whose active object and scope root are both `value` (selection elements).
    fn element(value: Value<'a>) -> Self {
        Self {
            this: value.clone(),
            scope: value,
        }
    }
}

/// The longest string a method or helper may produce; `'a'.replace('a', 'aa')` nested a
/// hundred times would otherwise double its way past any memory.
pub(crate) const MAX_STRING_LENGTH: usize = 1_000_000;
/// The most elements, and the deepest nesting, of a value an expression may build.
pub(crate) const MAX_VALUE_NODES: usize = 1_000_000;
pub(crate) const MAX_VALUE_DEPTH: usize = 100;

fn bounded(value: Value<'_>) -> EvalResult<Value<'_>> {
    if let Value::Str(text) = &value
        && text.len() > MAX_STRING_LENGTH
    {
        return Err(EvalError::limit(format!(
            "a string result longer than {MAX_STRING_LENGTH} characters is refused"
        )));
    }
    Ok(value)
}

/// Names assigned by `x = …` or `x++` during one evaluation; they shadow the root's.
pub(crate) type Assigned<'a> = RefCell<Vec<(String, Value<'a>)>>;

/// Evaluates nodes of one expression.
pub(crate) struct Machine<'a, 'e> {
    pub(crate) root: &'a Root,
    pub(crate) env: &'e Env<'e>,
    pub(crate) assigned: &'e Assigned<'a>,
    steps: Cell<u64>,
}

impl<'a, 'e> Machine<'a, 'e> {
    pub(crate) fn new(root: &'a Root, env: &'e Env<'e>, assigned: &'e Assigned<'a>) -> Self {
        Self {
            root,
            env,
            assigned,
            steps: Cell::new(0),
        }
    }

    /// A name assigned earlier in this evaluation.
    pub(crate) fn assigned_value(&self, name: &str) -> Option<Value<'a>> {
        self.assigned
            .borrow()
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.clone())
    }

    /// The top-level name an assignment or `++`/`--` writes to.
    fn assignable(node: &Node, frame: &Frame<'a>) -> EvalResult<String> {
        match (&node.kind, &frame.this) {
            (Kind::Start(Step::Property(name)), Value::Root) => Ok(name.clone()),
            (
                Kind::Chain {
                    target,
                    step: Step::Property(name),
                    ..
                },
                _,
            ) if matches!(target.kind, Kind::Var(ref var) if var == "root") => Ok(name.clone()),
            _ => Err(EvalError::eval(
                "EL1090E: gennaker supports assignment and ++/-- only on top-level names (e.g. `x = 1`)",
            )),
        }
    }

    fn assign(&self, name: String, value: Value<'a>) -> EvalResult<()> {
        if value.too_large(MAX_VALUE_NODES, MAX_VALUE_DEPTH) {
            return Err(EvalError::limit(format!(
                "an assigned value larger than {MAX_VALUE_NODES} elements or {MAX_VALUE_DEPTH} levels is refused"
            )));
        }
        let mut assigned = self.assigned.borrow_mut();
        match assigned.iter_mut().find(|(key, _)| *key == name) {
            Some(slot) => slot.1 = value,
            None => assigned.push((name, value)),
        }
        Ok(())
    }

    /// Evaluates a whole expression with the root as active object; a result too large to
    /// write out is refused.
    pub(crate) fn run(&self, node: &Node) -> EvalResult<Value<'a>> {
        let value = self.eval(node, &Frame::element(Value::Root))?;
        if value.too_large(MAX_VALUE_NODES, MAX_VALUE_DEPTH) {
            return Err(EvalError::limit(format!(
                "a result larger than {MAX_VALUE_NODES} elements or {MAX_VALUE_DEPTH} levels is refused"
            )));
        }
        Ok(value)
    }

    /// Counts one unit of work; fails once the budget of [`Options::max_steps`] is spent.
    pub(crate) fn tick(&self) -> EvalResult<()> {
        let steps = self.steps.get() + 1;
        self.steps.set(steps);
        if steps > self.env.options.max_steps {
            return Err(EvalError::limit(format!(
                "expression exceeded the limit of {} evaluation steps",
                self.env.options.max_steps
            )));
        }
        Ok(())
    }

    #[allow(
        clippy::too_many_lines,
        reason = "one arm per node kind; splitting it hides the dispatch"
    )]
    pub(crate) fn eval(&self, node: &Node, frame: &Frame<'a>) -> EvalResult<Value<'a>> {
        self.tick()?;
        match &node.kind {
            Kind::Null => Ok(Value::Null),
            Kind::Bool(value) => Ok(Value::Bool(*value)),
            Kind::Int(value) => Ok(Value::Int(*value)),
            Kind::Long(value) => Ok(Value::Long(*value)),
            Kind::Float(value) => Ok(Value::Float(*value)),
            Kind::Double(value) => Ok(Value::Double(*value)),
            Kind::Str(text) => Ok(Value::string(text.as_str())),
            Kind::Start(step) => self.apply(&frame.this, step, frame),
            Kind::Chain { target, step, safe } => {
                let target = self.eval(target, frame)?;
                if *safe && target.is_null() {
                    return Ok(Value::Null);
                }
                self.apply(&target, step, frame)
            }
            Kind::Var(name) => Ok(match name.as_str() {
                "this" => frame.this.clone(),
                "root" => Value::Root,
                // A registered function named without `(…)` is its Method object: not null.
                _ if functions::NAMES.contains(&name.as_str()) => {
                    Value::Type("java.lang.reflect.Method")
                }
                _ => Value::Null,
            }),
            Kind::Function(name, args) => {
                let mut values = Vec::with_capacity(args.len());
                for arg in args {
                    values.push(self.eval(arg, frame)?);
                }
                bounded(functions::call(self, name, &values)?)
            }
            Kind::Type(name) => types::resolve(name).map(Value::Type),
            Kind::New(name, args) => {
                let values = self.eval_args(args, frame)?;
                types::construct(self, name, &values)
            }
            Kind::BeanRef(name) => Err(EvalError::eval(format!(
                "EL1057E: No bean resolver registered in the context to resolve access to bean '{name}'"
            ))),
            Kind::List(items) => {
                let values = self.eval_args(items, frame)?;
                Ok(Value::List(Rc::new(values), ListKind::Inline))
            }
            Kind::Map(entries) => {
                let mut map: Vec<(String, Value<'a>)> = Vec::with_capacity(entries.len());
                for (key, value) in entries {
                    let key = match &key.kind {
                        // `{a: 1}`: a bare name is the key itself, as in Spring's InlineMap.
                        Kind::Start(Step::Property(name)) => name.clone(),
                        _ => self.eval(key, frame)?.java_string(),
                    };
                    let value = self.eval(value, frame)?;
                    match map.iter_mut().find(|(existing, _)| *existing == key) {
                        Some(slot) => slot.1 = value,
                        None => map.push((key, value)),
                    }
                }
                Ok(Value::Map(Rc::new(map), true))
            }
            Kind::Unary(op, operand) => {
                let value = self.eval(operand, frame)?;
                match op {
                    UnOp::Neg => ops::negate(&value),
                    UnOp::Plus => ops::plus(&value),
                    UnOp::Not => Ok(Value::Bool(!ops::to_bool(&value)?)),
                }
            }
            Kind::Binary(op, left, right) => self.binary(*op, left, right, frame),
            Kind::Ternary(cond, yes, no) => {
                if ops::to_bool(&self.eval(cond, frame)?)? {
                    self.eval(yes, frame)
                } else {
                    self.eval(no, frame)
                }
            }
            Kind::Elvis(value, fallback) => {
                let value = self.eval(value, frame)?;
                let missing = match &value {
                    Value::Null => true,
                    Value::Str(text) => text.is_empty(),
                    _ => false,
                };
                if missing {
                    self.eval(fallback, frame)
                } else {
                    Ok(value)
                }
            }
            Kind::Assign(target, value) => {
                let name = Self::assignable(target, frame)?;
                let value = self.eval(value, frame)?;
                self.assign(name, value.clone())?;
                Ok(value)
            }
            Kind::Step {
                target,
                increment,
                prefix,
            } => {
                let name = Self::assignable(target, frame)?;
                let old = self.eval(target, frame)?;
                let op = if *increment { BinOp::Add } else { BinOp::Sub };
                let new = ops::arithmetic(op, &old, &Value::Int(1))?;
                self.assign(name, new.clone())?;
                Ok(if *prefix { new } else { old })
            }
            Kind::NewArray(name, size, items) => {
                arrays::new_array(self, name, size.as_deref(), items.as_deref(), frame)
            }
        }
    }

    pub(crate) fn eval_args(&self, args: &[Node], frame: &Frame<'a>) -> EvalResult<Vec<Value<'a>>> {
        args.iter().map(|arg| self.eval(arg, frame)).collect()
    }

    fn binary(
        &self,
        op: BinOp,
        left: &Node,
        right: &Node,
        frame: &Frame<'a>,
    ) -> EvalResult<Value<'a>> {
        match op {
            BinOp::And => {
                if !ops::to_bool(&self.eval(left, frame)?)? {
                    return Ok(Value::Bool(false));
                }
                Ok(Value::Bool(ops::to_bool(&self.eval(right, frame)?)?))
            }
            BinOp::Or => {
                if ops::to_bool(&self.eval(left, frame)?)? {
                    return Ok(Value::Bool(true));
                }
                Ok(Value::Bool(ops::to_bool(&self.eval(right, frame)?)?))
            }
            _ => {
                let left = self.eval(left, frame)?;
                let right = self.eval(right, frame)?;
                match op {
                    BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div | BinOp::Mod | BinOp::Pow => {
                        ops::arithmetic(op, &left, &right)
                    }
                    BinOp::Matches => self.matches(&left, &right).map(Value::Bool),
                    BinOp::InstanceOf => ops::instance_of(&left, &right).map(Value::Bool),
                    _ => ops::relational(op, &left, &right).map(Value::Bool),
                }
            }
        }
    }

    fn matches(&self, left: &Value<'a>, right: &Value<'a>) -> EvalResult<bool> {
        let Some(pattern) = right.as_str() else {
            return Err(EvalError::eval(format!(
                "EL1066E: Second operand for matches operator must be a string, not '{}'",
                right.java_string()
            )));
        };
        // Spring converts the left operand to a String first (`7 matches '\\d'` is true).
        let Some(text) = left.spring_string().ok().flatten() else {
            return Err(EvalError::eval(format!(
                "EL1065E: Cannot match against a non-string first operand '{}'",
                left.java_string()
            )));
        };
        let text = text.as_str();
        let regex = self.env.regexes.full_match(pattern)?;
        self.tick()?;
        regex.is_match(text).map_err(|error| {
            EvalError::limit(format!("regular expression '{pattern}' failed: {error}"))
        })
    }

    /// Applies one step (`.name`, `.m()`, `[i]`, selection, projection) to `target`.
    fn apply(&self, target: &Value<'a>, step: &Step, frame: &Frame<'a>) -> EvalResult<Value<'a>> {
        match step {
            Step::Property(name) => self.property(target, name),
            Step::Method(name, args) => {
                // Arguments see the scope root, not the target (Spring's MethodReference).
                let scope = Frame::element(frame.scope.clone());
                let values = self.eval_args(args, &scope)?;
                bounded(methods::call(self, target, name, &values)?)
            }
            Step::Index(index) => {
                // Spring (SPR-5847): `map[name]` with a bare name uses the name itself as the key;
                // any other index is evaluated against the root object.
                if target.is_map()
                    && let Kind::Start(Step::Property(name)) = &index.kind
                {
                    return self.index(target, &Value::string(name.as_str()));
                }
                let index = self.eval(index, &Frame::element(Value::Root))?;
                self.index(target, &index)
            }
            Step::Select(predicate) => self.select(target, predicate, access::Which::All),
            Step::SelectFirst(predicate) => self.select(target, predicate, access::Which::First),
            Step::SelectLast(predicate) => self.select(target, predicate, access::Which::Last),
            Step::Project(expression) => self.project(target, expression),
        }
    }
}
