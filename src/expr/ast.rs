//! The syntax tree of one `SpEL` expression, and its printer: printing a tree gives `SpEL` text
//! that parses back to the same tree (the round-trip property tests rely on this).

use std::fmt;

/// A node and the character offset where it starts within its expression.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Node {
    pub(crate) kind: Kind,
    pub(crate) pos: usize,
    /// Height of the tree below this node (1 for a leaf); bounded by the parser so that
    /// evaluating and dropping the tree cannot exhaust the stack.
    pub(crate) depth: usize,
}

/// Binary operators, in `SpEL`'s semantics.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BinOp {
    Or,
    And,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    Matches,
    Between,
    InstanceOf,
    Add,
    Sub,
    Mul,
    Div,
    Mod,
    Pow,
}

impl BinOp {
    fn text(self) -> &'static str {
        match self {
            Self::Or => "or",
            Self::And => "and",
            Self::Eq => "==",
            Self::Ne => "!=",
            Self::Lt => "<",
            Self::Le => "<=",
            Self::Gt => ">",
            Self::Ge => ">=",
            Self::Matches => "matches",
            Self::Between => "between",
            Self::InstanceOf => "instanceof",
            Self::Add => "+",
            Self::Sub => "-",
            Self::Mul => "*",
            Self::Div => "/",
            Self::Mod => "%",
            Self::Pow => "^",
        }
    }
}

/// Unary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UnOp {
    Neg,
    Plus,
    Not,
}

/// One step applied to a value: `.name`, `.m(…)`, `[i]`, `.?[…]` and the like.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Step {
    Property(String),
    Method(String, Vec<Node>),
    Index(Box<Node>),
    Select(Box<Node>),
    SelectFirst(Box<Node>),
    SelectLast(Box<Node>),
    Project(Box<Node>),
}

/// The kinds of node.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Kind {
    Null,
    Bool(bool),
    Int(i32),
    Long(i64),
    Float(f32),
    Double(f64),
    Str(String),
    /// A step applied to the active object (`#this`), e.g. a bare `name` or `size()`.
    Start(Step),
    /// `target.step`, or `target?.step` when `safe`.
    Chain {
        target: Box<Node>,
        step: Step,
        safe: bool,
    },
    /// `#name`: a variable (`#this`, `#root`, or an unknown one which is null).
    Var(String),
    /// `#name(args)`: a registered helper function.
    Function(String, Vec<Node>),
    /// `T(java.lang.Math)`.
    Type(String),
    /// `new java.util.Date(args)`.
    New(String, Vec<Node>),
    /// `new int[3]` or `new String[]{'a'}`.
    NewArray(String, Option<Box<Node>>, Option<Vec<Node>>),
    /// `x++`, `++x`, `x--`, `--x` on a top-level name.
    Step {
        target: Box<Node>,
        increment: bool,
        prefix: bool,
    },
    /// `@bean`: always refused.
    BeanRef(String),
    List(Vec<Node>),
    Map(Vec<(Node, Node)>),
    Unary(UnOp, Box<Node>),
    Binary(BinOp, Box<Node>, Box<Node>),
    Ternary(Box<Node>, Box<Node>, Box<Node>),
    Elvis(Box<Node>, Box<Node>),
    Assign(Box<Node>, Box<Node>),
}

impl Node {
    pub(crate) fn new(kind: Kind, pos: usize) -> Self {
        let depth = 1 + kind.children().map(|child| child.depth).max().unwrap_or(0);
        Self { kind, pos, depth }
    }
}

impl Step {
    fn children(&self) -> Vec<&Node> {
        match self {
            Self::Property(_) => Vec::new(),
            Self::Method(_, args) => args.iter().collect(),
            Self::Index(node)
            | Self::Select(node)
            | Self::SelectFirst(node)
            | Self::SelectLast(node)
            | Self::Project(node) => {
                vec![node]
            }
        }
    }
}

impl Kind {
    /// The direct children of a node.
    fn children(&self) -> std::vec::IntoIter<&Node> {
        let children: Vec<&Node> = match self {
            Self::Start(step) => step.children(),
            Self::Chain { target, step, .. } => {
                let mut all = vec![&**target];
                all.extend(step.children());
                all
            }
            Self::Function(_, args) | Self::New(_, args) | Self::List(args) => {
                args.iter().collect()
            }
            Self::NewArray(_, size, items) => size
                .iter()
                .map(|s| &**s)
                .chain(items.iter().flatten())
                .collect(),
            Self::Map(entries) => entries.iter().flat_map(|(k, v)| [k, v]).collect(),
            Self::Unary(_, operand) => vec![&**operand],
            Self::Step { target, .. } => vec![&**target],
            Self::Binary(_, left, right) | Self::Elvis(left, right) | Self::Assign(left, right) => {
                vec![&**left, &**right]
            }
            Self::Ternary(a, b, c) => vec![&**a, &**b, &**c],
            _ => Vec::new(),
        };
        children.into_iter()
    }
}

/// Writes a string literal the way `SpEL` reads it back: single quotes, `''` for a quote.
fn write_str_literal(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    write!(f, "'{}'", text.replace('\'', "''"))
}

fn write_args(f: &mut fmt::Formatter<'_>, args: &[Node]) -> fmt::Result {
    f.write_str("(")?;
    for (index, arg) in args.iter().enumerate() {
        if index > 0 {
            f.write_str(", ")?;
        }
        write!(f, "{arg}")?;
    }
    f.write_str(")")
}

/// Java's `Float.toString`/`Double.toString` spelling without suffix, always with a `.` or `E`.
fn write_real(f: &mut fmt::Formatter<'_>, text: &str) -> fmt::Result {
    if text.contains(['.', 'e', 'E']) {
        f.write_str(text)
    } else {
        write!(f, "{text}.0")
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Property(name) => f.write_str(name),
            Self::Method(name, args) => {
                f.write_str(name)?;
                write_args(f, args)
            }
            Self::Index(index) => write!(f, "[{index}]"),
            Self::Select(pred) => write!(f, "?[{pred}]"),
            Self::SelectFirst(pred) => write!(f, "^[{pred}]"),
            Self::SelectLast(pred) => write!(f, "$[{pred}]"),
            Self::Project(expr) => write!(f, "![{expr}]"),
        }
    }
}

impl fmt::Display for Node {
    #[allow(clippy::too_many_lines, reason = "one arm per node kind")]
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            Kind::Null => f.write_str("null"),
            Kind::Bool(value) => write!(f, "{value}"),
            Kind::Int(value) => {
                // A negative int can only come from folding; print it so it parses back.
                if *value < 0 {
                    write!(f, "({value})")
                } else {
                    write!(f, "{value}")
                }
            }
            Kind::Long(value) => write!(f, "{value}L"),
            Kind::Float(value) => {
                write_real(f, &value.to_string())?;
                f.write_str("f")
            }
            Kind::Double(value) => {
                write_real(f, &format!("{value:?}"))?;
                f.write_str("d")
            }
            Kind::Str(text) => write_str_literal(f, text),
            Kind::Start(step) => write!(f, "{step}"),
            Kind::Chain { target, step, safe } => {
                let sep = if *safe { "?." } else { "." };
                match step {
                    Step::Index(_) if !*safe => write!(f, "{target}{step}"),
                    _ => write!(f, "{target}{sep}{step}"),
                }
            }
            Kind::Var(name) => write!(f, "#{name}"),
            Kind::Function(name, args) => {
                write!(f, "#{name}")?;
                write_args(f, args)
            }
            Kind::Type(name) => write!(f, "T({name})"),
            Kind::New(name, args) => {
                write!(f, "new {name}")?;
                write_args(f, args)
            }
            Kind::NewArray(name, size, items) => {
                write!(f, "new {name}[")?;
                if let Some(size) = size {
                    write!(f, "{size}")?;
                }
                f.write_str("]")?;
                if let Some(items) = items {
                    f.write_str("{")?;
                    for (index, item) in items.iter().enumerate() {
                        if index > 0 {
                            f.write_str(", ")?;
                        }
                        write!(f, "{item}")?;
                    }
                    f.write_str("}")?;
                }
                Ok(())
            }
            Kind::Step {
                target,
                increment,
                prefix,
            } => {
                let op = if *increment { "++" } else { "--" };
                if *prefix {
                    write!(f, "({op}{target})")
                } else {
                    write!(f, "({target}{op})")
                }
            }
            Kind::BeanRef(name) => write!(f, "@{name}"),
            Kind::List(items) => {
                f.write_str("{")?;
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("}")
            }
            Kind::Map(entries) => {
                if entries.is_empty() {
                    return f.write_str("{:}");
                }
                f.write_str("{")?;
                for (index, (key, value)) in entries.iter().enumerate() {
                    if index > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{key}: {value}")?;
                }
                f.write_str("}")
            }
            Kind::Unary(op, operand) => match op {
                // Outer parentheses keep `(-x).m()` from printing as `-(x).m()`.
                UnOp::Neg => write!(f, "(-({operand}))"),
                UnOp::Plus => write!(f, "(+({operand}))"),
                UnOp::Not => write!(f, "(!({operand}))"),
            },
            Kind::Binary(op, left, right) => write!(f, "({left} {} {right})", op.text()),
            Kind::Ternary(cond, yes, no) => write!(f, "({cond} ? {yes} : {no})"),
            Kind::Elvis(value, fallback) => write!(f, "({value} ?: {fallback})"),
            Kind::Assign(target, value) => write!(f, "({target} = {value})"),
        }
    }
}
