//! The `SpEL` parser: a recursive-descent parser following Spring's `InternalSpelExpressionParser`
//! rule for rule, so precedence and what is refused match Spinnaker. See `docs/GRAMMAR.md`.
//!
//! This file holds the operator levels; `primary` the operands (literals, names, calls,
//! collections, types) and the `.`/`?.`/`[]` steps after them.

mod primary;

use super::ast::{BinOp, Kind, Node, UnOp};
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
