//! Operands and the steps that follow them: literals, names, method and function calls,
//! `T(…)`, `new`, inline lists and maps, indexing, selection and projection.

use super::{Parser, describe, too_deep};
use crate::expr::ast::{Kind, Node, Step};
use crate::expr::error::SyntaxError;
use crate::expr::lexer::{Op, Tok, Token};

impl Parser<'_> {
    pub(super) fn primary(&mut self) -> Result<Node, SyntaxError> {
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

    pub(super) fn indexer(&mut self) -> Result<Step, SyntaxError> {
        self.expect(Op::LSquare)?;
        let index = self.expression()?;
        self.expect(Op::RSquare)?;
        Ok(Step::Index(Box::new(index)))
    }

    /// What may follow `.` or `?.`: a property, a method call, or a selection/projection.
    pub(super) fn dotted_step(&mut self) -> Result<Step, SyntaxError> {
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

    pub(super) fn collection_step(&mut self) -> Result<Option<Step>, SyntaxError> {
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

    pub(super) fn property_or_method(&mut self, name: String) -> Result<Step, SyntaxError> {
        if self.peek_op(Op::LParen) {
            let args = self.arguments()?;
            return Ok(Step::Method(name, args));
        }
        Ok(Step::Property(name))
    }

    pub(super) fn arguments(&mut self) -> Result<Vec<Node>, SyntaxError> {
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

    pub(super) fn qualified_name(&mut self) -> Result<String, SyntaxError> {
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

    pub(super) fn start_node(&mut self) -> Result<Node, SyntaxError> {
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

    pub(super) fn identifier_start(
        &mut self,
        name: String,
        pos: usize,
    ) -> Result<Node, SyntaxError> {
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

    pub(super) fn function_or_var(&mut self, pos: usize) -> Result<Node, SyntaxError> {
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

    pub(super) fn inline_collection(&mut self, pos: usize) -> Result<Node, SyntaxError> {
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
