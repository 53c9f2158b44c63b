//! The `SpEL` parser: a recursive-descent parser following Spring's `InternalSpelExpressionParser`
//! rule for rule, so precedence and what is refused match Spinnaker. See `docs/GRAMMAR.md`.

use super::ast::{BinOp, Kind, Node, Step, UnOp};
use super::error::SyntaxError;
use super::lexer::{Op, Tok, Token, tokenize};

/// How deeply expressions may nest before the parser refuses them (stack safety).
pub(crate) const MAX_DEPTH: usize = 64;
/// The tallest syntax tree accepted (e.g. a chain of 100 `+`), for the same reason.
pub(crate) const MAX_TREE_DEPTH: usize = 100;

/// Parses one expression (the text inside `${…}`).
pub(crate) fn parse(text: &str) -> Result<Node, SyntaxError> {
    let tokens = tokenize(text)?;
    let mut parser = Parser {
        tokens: &tokens,
        pos: 0,
        depth: 0,
        len: text.chars().count(),
    };
    let node = parser.expression()?;
    if node.depth > MAX_TREE_DEPTH {
        return Err(SyntaxError::new(
            0,
            format!(
                "expression is too complex (its syntax tree is deeper than {MAX_TREE_DEPTH} levels)"
            ),
        ));
    }
    if let Some(token) = parser.peek() {
        return Err(SyntaxError::new(
            token.start,
            format!(
                "EL1041E: After parsing a valid expression, there is still more data in the expression: '{}'",
                describe(token)
            ),
        ));
    }
    Ok(node)
}

fn describe(token: &Token) -> String {
    match &token.tok {
        Tok::Int(value) => value.to_string(),
        Tok::Long(value) => format!("{value}L"),
        Tok::Double(value) => value.to_string(),
        Tok::Float(value) => format!("{value}f"),
        Tok::Str(text) => format!("'{text}'"),
        Tok::Ident(name) => name.clone(),
        Tok::Op(op) => op.text().to_owned(),
    }
}

struct Parser<'t> {
    tokens: &'t [Token],
    pos: usize,
    depth: usize,
    len: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<&Token> {
        self.tokens.get(self.pos)
    }

    fn peek_op(&self, op: Op) -> bool {
        matches!(self.peek(), Some(Token { tok: Tok::Op(found), .. }) if *found == op)
    }

    fn peek_op_at(&self, offset: usize, op: Op) -> bool {
        matches!(self.tokens.get(self.pos + offset), Some(Token { tok: Tok::Op(found), .. }) if *found == op)
    }

    /// Whether the next token is the identifier `word` (case-insensitive, as Spring compares).
    fn peek_word(&self, word: &str) -> bool {
        self.peek()
            .and_then(Token::ident)
            .is_some_and(|name| name.eq_ignore_ascii_case(word))
    }

    fn here(&self) -> usize {
        self.peek().map_or(self.len, |token| token.start)
    }

    fn eat_op(&mut self, op: Op) -> bool {
        if self.peek_op(op) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn expect(&mut self, op: Op) -> Result<(), SyntaxError> {
        if self.eat_op(op) {
            return Ok(());
        }
        Err(match self.peek() {
            Some(token) => SyntaxError::new(
                token.start,
                format!(
                    "EL1005E: Unexpected token. Expected '{}' but was '{}'",
                    op_name(op),
                    describe(token)
                ),
            ),
            None => SyntaxError::new(
                self.len,
                format!(
                    "EL1005E: Unexpected token. Expected '{}' but was end of expression",
                    op_name(op)
                ),
            ),
        })
    }

    fn enter(&mut self) -> Result<(), SyntaxError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return Err(SyntaxError::new(
                self.here(),
                format!("expression nests deeper than {MAX_DEPTH} levels"),
            ));
        }
        Ok(())
    }

    fn expression(&mut self) -> Result<Node, SyntaxError> {
        self.enter()?;
        let result = self.expression_inner();
        self.depth -= 1;
        result
    }

    fn expression_inner(&mut self) -> Result<Node, SyntaxError> {
        let left = self.or()?;
        let pos = left.pos;
        if self.eat_op(Op::Assign) {
            let value = self.or()?;
            return Ok(Node::new(
                Kind::Assign(Box::new(left), Box::new(value)),
                pos,
            ));
        }
        if self.eat_op(Op::Elvis) {
            let fallback = self.expression()?;
            return Ok(Node::new(
                Kind::Elvis(Box::new(left), Box::new(fallback)),
                pos,
            ));
        }
        if self.eat_op(Op::QMark) {
            let yes = self.expression()?;
            self.expect(Op::Colon)?;
            let no = self.expression()?;
            return Ok(Node::new(
                Kind::Ternary(Box::new(left), Box::new(yes), Box::new(no)),
                pos,
            ));
        }
        Ok(left)
    }

    fn or(&mut self) -> Result<Node, SyntaxError> {
        let mut left = self.and()?;
        while self.eat_op(Op::Or) || self.eat_word("or") {
            let right = self.and()?;
            left = too_deep(binary(BinOp::Or, left, right))?;
        }
        Ok(left)
    }

    fn eat_word(&mut self, word: &str) -> bool {
        if self.peek_word(word) {
            self.pos += 1;
            true
        } else {
            false
        }
    }

    fn and(&mut self) -> Result<Node, SyntaxError> {
        let mut left = self.relational()?;
        while self.eat_op(Op::And) || self.eat_word("and") {
            let right = self.relational()?;
            left = too_deep(binary(BinOp::And, left, right))?;
        }
        Ok(left)
    }

    fn relational(&mut self) -> Result<Node, SyntaxError> {
        let left = self.sum()?;
        let op = match self.peek().map(|token| &token.tok) {
            Some(Tok::Op(Op::Eq)) => BinOp::Eq,
            Some(Tok::Op(Op::Ne)) => BinOp::Ne,
            Some(Tok::Op(Op::Lt)) => BinOp::Lt,
            Some(Tok::Op(Op::Le)) => BinOp::Le,
            Some(Tok::Op(Op::Gt)) => BinOp::Gt,
            Some(Tok::Op(Op::Ge)) => BinOp::Ge,
            Some(Tok::Ident(name)) if name.eq_ignore_ascii_case("matches") => BinOp::Matches,
            Some(Tok::Ident(name)) if name.eq_ignore_ascii_case("between") => BinOp::Between,
            Some(Tok::Ident(name)) if name.eq_ignore_ascii_case("instanceof") => BinOp::InstanceOf,
            _ => return Ok(left),
        };
        self.pos += 1;
        let right = self.sum()?;
        Ok(binary(op, left, right))
    }

    fn sum(&mut self) -> Result<Node, SyntaxError> {
        let mut left = self.product()?;
        loop {
            let op = if self.eat_op(Op::Plus) {
                BinOp::Add
            } else if self.eat_op(Op::Minus) {
                BinOp::Sub
            } else {
                return Ok(left);
            };
            let right = self.product()?;
            left = too_deep(binary(op, left, right))?;
        }
    }

    fn product(&mut self) -> Result<Node, SyntaxError> {
        let mut left = self.power()?;
        loop {
            let op = if self.eat_op(Op::Star) {
                BinOp::Mul
            } else if self.eat_op(Op::Div) {
                BinOp::Div
            } else if self.eat_op(Op::Mod) {
                BinOp::Mod
            } else {
                return Ok(left);
            };
            let right = self.power()?;
            left = too_deep(binary(op, left, right))?;
        }
    }

    fn power(&mut self) -> Result<Node, SyntaxError> {
        let left = self.unary()?;
        if self.eat_op(Op::Power) {
            let right = self.unary()?;
            return Ok(binary(BinOp::Pow, left, right));
        }
        if self.peek_op(Op::Inc) || self.peek_op(Op::Dec) {
            let increment = self.peek_op(Op::Inc);
            self.pos += 1;
            let pos = left.pos;
            return Ok(Node::new(
                Kind::Step {
                    target: Box::new(left),
                    increment,
                    prefix: false,
                },
                pos,
            ));
        }
        Ok(left)
    }

    fn unary(&mut self) -> Result<Node, SyntaxError> {
        let pos = self.here();
        let op = if self.eat_op(Op::Minus) {
            UnOp::Neg
        } else if self.eat_op(Op::Plus) {
            UnOp::Plus
        } else if self.eat_op(Op::Not) {
            UnOp::Not
        } else if self.peek_op(Op::Inc) || self.peek_op(Op::Dec) {
            let increment = self.peek_op(Op::Inc);
            self.pos += 1;
            self.enter()?;
            let operand = self.unary();
            self.depth -= 1;
            return Ok(Node::new(
                Kind::Step {
                    target: Box::new(operand?),
                    increment,
                    prefix: true,
                },
                pos,
            ));
        } else {
            return self.primary();
        };
        self.enter()?;
        let operand = self.unary();
        self.depth -= 1;
        Ok(Node::new(Kind::Unary(op, Box::new(operand?)), pos))
    }

    fn primary(&mut self) -> Result<Node, SyntaxError> {
        let mut node = self.start_node()?;
        loop {
            let pos = self.here();
            let safe = if self.eat_op(Op::Dot) {
                false
            } else if self.eat_op(Op::SafeNav) {
                true
            } else if self.peek_op(Op::LSquare) {
                let step = self.indexer()?;
                node = too_deep(Node::new(
                    Kind::Chain {
                        target: Box::new(node),
                        step,
                        safe: false,
                    },
                    pos,
                ))?;
                continue;
            } else {
                return Ok(node);
            };
            let step = self.dotted_step()?;
            node = too_deep(Node::new(
                Kind::Chain {
                    target: Box::new(node),
                    step,
                    safe,
                },
                pos,
            ))?;
        }
    }

    fn indexer(&mut self) -> Result<Step, SyntaxError> {
        self.expect(Op::LSquare)?;
        let index = self.expression()?;
        self.expect(Op::RSquare)?;
        Ok(Step::Index(Box::new(index)))
    }

    /// What may follow `.` or `?.`: a property, a method call, or a selection/projection.
    fn dotted_step(&mut self) -> Result<Step, SyntaxError> {
        if let Some(step) = self.collection_step()? {
            return Ok(step);
        }
        match self.peek() {
            Some(Token {
                tok: Tok::Ident(name),
                ..
            }) => {
                let name = name.clone();
                self.pos += 1;
                self.property_or_method(name)
            }
            Some(Token {
                tok: Tok::Op(Op::Hash),
                start,
                ..
            }) => Err(SyntaxError::new(
                *start,
                "a #function or #variable cannot follow '.' in pipeline expressions",
            )),
            Some(token) => Err(SyntaxError::new(
                token.start,
                format!("EL1049E: Unexpected data after '.': '{}'", describe(token)),
            )),
            None => Err(SyntaxError::new(
                self.len,
                "EL1049E: Unexpected data after '.': end of expression",
            )),
        }
    }

    fn collection_step(&mut self) -> Result<Option<Step>, SyntaxError> {
        let kind = match self.peek().map(|token| &token.tok) {
            Some(Tok::Op(Op::Select)) => 0,
            Some(Tok::Op(Op::SelectFirst)) => 1,
            Some(Tok::Op(Op::SelectLast)) => 2,
            Some(Tok::Op(Op::Project)) => 3,
            _ => return Ok(None),
        };
        self.pos += 1;
        let inner = Box::new(self.expression()?);
        self.expect(Op::RSquare)?;
        Ok(Some(match kind {
            0 => Step::Select(inner),
            1 => Step::SelectFirst(inner),
            2 => Step::SelectLast(inner),
            _ => Step::Project(inner),
        }))
    }

    fn property_or_method(&mut self, name: String) -> Result<Step, SyntaxError> {
        if self.peek_op(Op::LParen) {
            let args = self.arguments()?;
            return Ok(Step::Method(name, args));
        }
        Ok(Step::Property(name))
    }

    fn arguments(&mut self) -> Result<Vec<Node>, SyntaxError> {
        self.expect(Op::LParen)?;
        let mut args = Vec::new();
        if self.eat_op(Op::RParen) {
            return Ok(args);
        }
        loop {
            // Orca's `#fn(` rewrite leaves `#fn( #root.execution, )`: Spring accepts a trailing
            // comma before `)`, so we do too.
            if self.eat_op(Op::RParen) {
                return Ok(args);
            }
            args.push(self.expression()?);
            if self.eat_op(Op::Comma) {
                continue;
            }
            self.expect(Op::RParen)?;
            return Ok(args);
        }
    }

    fn qualified_name(&mut self) -> Result<String, SyntaxError> {
        let mut name = String::new();
        loop {
            match self.peek() {
                Some(Token {
                    tok: Tok::Ident(part),
                    ..
                }) => {
                    name.push_str(part);
                    self.pos += 1;
                }
                Some(token) => {
                    return Err(SyntaxError::new(
                        token.start,
                        format!(
                            "EL1011E: Unexpected token. Expected a qualified type name but was '{}'",
                            describe(token)
                        ),
                    ));
                }
                None => {
                    return Err(SyntaxError::new(
                        self.len,
                        "EL1011E: Unexpected token. Expected a qualified type name but was end of expression",
                    ));
                }
            }
            if self.peek_op(Op::Dot) {
                self.pos += 1;
                name.push('.');
            } else {
                return Ok(name);
            }
        }
    }

    fn start_node(&mut self) -> Result<Node, SyntaxError> {
        let Some(token) = self.peek().cloned() else {
            return Err(SyntaxError::new(
                self.len,
                "EL1042E: Problem parsing right operand: unexpected end of expression",
            ));
        };
        let pos = token.start;
        let literal = match &token.tok {
            Tok::Int(value) => Some(Kind::Int(*value)),
            Tok::Long(value) => Some(Kind::Long(*value)),
            Tok::Double(value) => Some(Kind::Double(*value)),
            Tok::Float(value) => Some(Kind::Float(*value)),
            Tok::Str(text) => Some(Kind::Str(text.clone())),
            _ => None,
        };
        if let Some(kind) = literal {
            self.pos += 1;
            return Ok(Node::new(kind, pos));
        }
        if let Some(step) = self.collection_step()? {
            return Ok(Node::new(Kind::Start(step), pos));
        }
        match &token.tok {
            Tok::Ident(name) => self.identifier_start(name.clone(), pos),
            Tok::Op(Op::LParen) => {
                self.pos += 1;
                let inner = self.expression()?;
                self.expect(Op::RParen)?;
                Ok(inner)
            }
            Tok::Op(Op::LSquare) => {
                let step = self.indexer()?;
                Ok(Node::new(Kind::Start(step), pos))
            }
            Tok::Op(Op::LCurly) => self.inline_collection(pos),
            Tok::Op(Op::Hash) => self.function_or_var(pos),
            Tok::Op(Op::BeanRef) => {
                self.pos += 1;
                let name = match self.peek() {
                    Some(Token {
                        tok: Tok::Ident(name) | Tok::Str(name),
                        ..
                    }) => name.clone(),
                    _ => {
                        return Err(SyntaxError::new(
                            pos,
                            "EL1069E: missing expected character '@'",
                        ));
                    }
                };
                self.pos += 1;
                Ok(Node::new(Kind::BeanRef(name), pos))
            }
            _ => Err(SyntaxError::new(
                pos,
                format!(
                    "EL1043E: Unexpected token. Expected an expression but was '{}'",
                    describe(&token)
                ),
            )),
        }
    }

    fn identifier_start(&mut self, name: String, pos: usize) -> Result<Node, SyntaxError> {
        self.pos += 1;
        let before_bracket = self.peek_op(Op::RSquare);
        if name == "T" && !before_bracket {
            self.expect(Op::LParen)?;
            let type_name = self.qualified_name()?;
            // `T(int[])`-style array types are not allow-listed; refuse them when evaluated.
            self.expect(Op::RParen)?;
            return Ok(Node::new(Kind::Type(type_name), pos));
        }
        if name.eq_ignore_ascii_case("new") && !before_bracket {
            let type_name = self.qualified_name()?;
            if self.eat_op(Op::LSquare) {
                let size = if self.peek_op(Op::RSquare) {
                    None
                } else {
                    Some(Box::new(self.expression()?))
                };
                self.expect(Op::RSquare)?;
                let items = if self.eat_op(Op::LCurly) {
                    let mut items = Vec::new();
                    if !self.eat_op(Op::RCurly) {
                        loop {
                            items.push(self.expression()?);
                            if !self.eat_op(Op::Comma) {
                                break;
                            }
                        }
                        self.expect(Op::RCurly)?;
                    }
                    Some(items)
                } else {
                    None
                };
                if size.is_none() && items.is_none() {
                    return Err(SyntaxError::new(
                        self.here(),
                        "EL1062E: Using an initializer to build an array requires the array upper bound to be left unspecified",
                    ));
                }
                return Ok(Node::new(Kind::NewArray(type_name, size, items), pos));
            }
            let args = self.arguments()?;
            return Ok(Node::new(Kind::New(type_name, args), pos));
        }
        if name.eq_ignore_ascii_case("null") {
            return Ok(Node::new(Kind::Null, pos));
        }
        if name.eq_ignore_ascii_case("true") {
            return Ok(Node::new(Kind::Bool(true), pos));
        }
        if name.eq_ignore_ascii_case("false") {
            return Ok(Node::new(Kind::Bool(false), pos));
        }
        let step = self.property_or_method(name)?;
        Ok(Node::new(Kind::Start(step), pos))
    }

    fn function_or_var(&mut self, pos: usize) -> Result<Node, SyntaxError> {
        self.pos += 1;
        let name = match self.peek() {
            Some(Token {
                tok: Tok::Ident(name),
                ..
            }) => name.clone(),
            _ => {
                return Err(SyntaxError::new(
                    pos,
                    "expected a function or variable name after '#'",
                ));
            }
        };
        self.pos += 1;
        if self.peek_op(Op::LParen) {
            let args = self.arguments()?;
            return Ok(Node::new(Kind::Function(name, args), pos));
        }
        Ok(Node::new(Kind::Var(name), pos))
    }

    fn inline_collection(&mut self, pos: usize) -> Result<Node, SyntaxError> {
        self.pos += 1;
        if self.eat_op(Op::RCurly) {
            return Ok(Node::new(Kind::List(Vec::new()), pos));
        }
        if self.peek_op(Op::Colon) && self.peek_op_at(1, Op::RCurly) {
            self.pos += 2;
            return Ok(Node::new(Kind::Map(Vec::new()), pos));
        }
        let first = self.expression()?;
        if self.eat_op(Op::Colon) {
            let value = self.expression()?;
            let mut entries = vec![(first, value)];
            while self.eat_op(Op::Comma) {
                let key = self.expression()?;
                self.expect(Op::Colon)?;
                let value = self.expression()?;
                entries.push((key, value));
            }
            self.expect(Op::RCurly)?;
            return Ok(Node::new(Kind::Map(entries), pos));
        }
        let mut items = vec![first];
        while self.eat_op(Op::Comma) {
            items.push(self.expression()?);
        }
        self.expect(Op::RCurly)?;
        Ok(Node::new(Kind::List(items), pos))
    }
}

/// Refuses a tree taller than [`MAX_TREE_DEPTH`] as soon as it is built.
fn too_deep(node: Node) -> Result<Node, SyntaxError> {
    if node.depth > MAX_TREE_DEPTH {
        return Err(SyntaxError::new(
            node.pos,
            format!(
                "expression is too complex (its syntax tree is deeper than {MAX_TREE_DEPTH} levels)"
            ),
        ));
    }
    Ok(node)
}

fn binary(op: BinOp, left: Node, right: Node) -> Node {
    let pos = left.pos;
    Node::new(Kind::Binary(op, Box::new(left), Box::new(right)), pos)
}

fn op_name(op: Op) -> &'static str {
    match op {
        Op::RParen => "rparen())",
        Op::LParen => "lparen(()",
        Op::RSquare => "rsquare(])",
        Op::RCurly => "rcurly(})",
        Op::Colon => "colon(:)",
        other => other.text(),
    }
}
