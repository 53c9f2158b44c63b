//! The `SpEL` tokenizer: turns one expression (the text between `${` and `}`) into tokens with
//! character positions, following Spring's `Tokenizer` (textual operators such as `eq` or `div`
//! are tokens wherever they appear, `''` escapes a quote, there are no backslash escapes).

use super::error::SyntaxError;

/// One token kind of `SpEL`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tok {
    /// An int literal (Java `int`).
    Int(i32),
    /// A long literal (`1L`).
    Long(i64),
    /// A double literal (`1.5`, `1e3`, `1d`).
    Double(f64),
    /// A float literal (`1.5f`).
    Float(f32),
    /// A quoted string, escapes already removed.
    Str(String),
    /// An identifier (letters, digits, `_`, `$`).
    Ident(String),
    /// A punctuation or operator token.
    Op(Op),
}

/// Operators and punctuation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Op {
    Plus,
    Minus,
    Star,
    Div,
    Mod,
    Power,
    Not,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    And,
    Or,
    Assign,
    Elvis,
    SafeNav,
    QMark,
    Colon,
    Dot,
    Comma,
    LParen,
    RParen,
    LSquare,
    RSquare,
    LCurly,
    RCurly,
    Hash,
    BeanRef,
    Select,
    SelectFirst,
    SelectLast,
    Project,
    Inc,
    Dec,
}

impl Op {
    /// How the operator is written (used in messages and by the printer).
    pub(crate) fn text(self) -> &'static str {
        match self {
            Self::Plus => "+",
            Self::Minus => "-",
            Self::Star => "*",
            Self::Div => "/",
            Self::Mod => "%",
            Self::Power => "^",
            Self::Not => "!",
            Self::Eq => "==",
            Self::Ne => "!=",
            Self::Lt => "<",
            Self::Le => "<=",
            Self::Gt => ">",
            Self::Ge => ">=",
            Self::And => "&&",
            Self::Or => "||",
            Self::Assign => "=",
            Self::Elvis => "?:",
            Self::SafeNav => "?.",
            Self::QMark => "?",
            Self::Colon => ":",
            Self::Dot => ".",
            Self::Comma => ",",
            Self::LParen => "(",
            Self::RParen => ")",
            Self::LSquare => "[",
            Self::RSquare => "]",
            Self::LCurly => "{",
            Self::RCurly => "}",
            Self::Hash => "#",
            Self::BeanRef => "@",
            Self::Select => "?[",
            Self::SelectFirst => "^[",
            Self::SelectLast => "$[",
            Self::Project => "![",
            Self::Inc => "++",
            Self::Dec => "--",
        }
    }
}

/// A token and where it starts and ends (character offsets in the expression).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    pub(crate) tok: Tok,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

impl Token {
    /// The identifier text, when this token is one.
    pub(crate) fn ident(&self) -> Option<&str> {
        match &self.tok {
            Tok::Ident(name) => Some(name),
            _ => None,
        }
    }
}

/// Splits `text` into tokens.
pub(crate) fn tokenize(text: &str) -> Result<Vec<Token>, SyntaxError> {
    let chars: Vec<char> = text.chars().collect();
    let mut lexer = Lexer {
        chars: &chars,
        pos: 0,
        tokens: Vec::new(),
    };
    lexer.run()?;
    Ok(lexer.tokens)
}

struct Lexer<'c> {
    chars: &'c [char],
    pos: usize,
    tokens: Vec<Token>,
}

impl Lexer<'_> {
    fn peek(&self, ahead: usize) -> Option<char> {
        self.chars.get(self.pos + ahead).copied()
    }

    fn push(&mut self, tok: Tok, start: usize) {
        self.tokens.push(Token {
            tok,
            start,
            end: self.pos,
        });
    }

    fn op(&mut self, op: Op, len: usize) {
        let start = self.pos;
        self.pos += len;
        self.push(Tok::Op(op), start);
    }

    fn run(&mut self) -> Result<(), SyntaxError> {
        while let Some(ch) = self.peek(0) {
            let next = self.peek(1);
            match ch {
                ' ' | '\t' | '\r' | '\n' => self.pos += 1,
                '\'' | '"' => self.string(ch)?,
                '0'..='9' => self.number()?,
                c if c.is_alphabetic() || c == '_' || (c == '$' && next != Some('[')) => {
                    self.identifier();
                }
                '+' if next == Some('+') => self.op(Op::Inc, 2),
                '+' => self.op(Op::Plus, 1),
                '-' if next == Some('-') => self.op(Op::Dec, 2),
                '-' => self.op(Op::Minus, 1),
                '*' => self.op(Op::Star, 1),
                '/' => self.op(Op::Div, 1),
                '%' => self.op(Op::Mod, 1),
                '^' if next == Some('[') => self.op(Op::SelectFirst, 2),
                '^' => self.op(Op::Power, 1),
                '$' => self.op(Op::SelectLast, 2),
                '!' if next == Some('=') => self.op(Op::Ne, 2),
                '!' if next == Some('[') => self.op(Op::Project, 2),
                '!' => self.op(Op::Not, 1),
                '=' if next == Some('=') => self.op(Op::Eq, 2),
                '=' => self.op(Op::Assign, 1),
                '<' if next == Some('=') => self.op(Op::Le, 2),
                '<' => self.op(Op::Lt, 1),
                '>' if next == Some('=') => self.op(Op::Ge, 2),
                '>' => self.op(Op::Gt, 1),
                '&' if next == Some('&') => self.op(Op::And, 2),
                '|' if next == Some('|') => self.op(Op::Or, 2),
                '?' if next == Some(':') => self.op(Op::Elvis, 2),
                '?' if next == Some('.') => self.op(Op::SafeNav, 2),
                '?' if next == Some('[') => self.op(Op::Select, 2),
                '?' => self.op(Op::QMark, 1),
                ':' => self.op(Op::Colon, 1),
                '.' => self.op(Op::Dot, 1),
                ',' => self.op(Op::Comma, 1),
                '(' => self.op(Op::LParen, 1),
                ')' => self.op(Op::RParen, 1),
                '[' => self.op(Op::LSquare, 1),
                ']' => self.op(Op::RSquare, 1),
                '{' => self.op(Op::LCurly, 1),
                '}' => self.op(Op::RCurly, 1),
                '#' => self.op(Op::Hash, 1),
                '@' => self.op(Op::BeanRef, 1),
                other => {
                    return Err(SyntaxError::new(
                        self.pos,
                        format!(
                            "EL1043E: Unexpected token. Found character '{other}' that cannot start any token"
                        ),
                    ));
                }
            }
        }
        Ok(())
    }

    fn string(&mut self, quote: char) -> Result<(), SyntaxError> {
        let start = self.pos;
        self.pos += 1;
        let mut text = String::new();
        loop {
            match self.peek(0) {
                None => {
                    let (code, kind) = if quote == '\'' {
                        ("EL1045E", "quoted")
                    } else {
                        ("EL1046E", "double quoted")
                    };
                    return Err(SyntaxError::new(
                        start,
                        format!("{code}: Cannot find terminating {quote} for {kind} string"),
                    ));
                }
                Some(c) if c == quote => {
                    // A doubled quote is an escaped quote; a single one ends the literal.
                    if self.peek(1) == Some(quote) {
                        text.push(quote);
                        self.pos += 2;
                    } else {
                        self.pos += 1;
                        break;
                    }
                }
                Some(c) => {
                    text.push(c);
                    self.pos += 1;
                }
            }
        }
        self.push(Tok::Str(text), start);
        Ok(())
    }

    fn identifier(&mut self) {
        let start = self.pos;
        while let Some(c) = self.peek(0) {
            if c.is_alphanumeric() || c == '_' || c == '$' {
                self.pos += 1;
            } else {
                break;
            }
        }
        let text: String = self.chars[start..self.pos].iter().collect();
        // Spring turns these words into operators wherever they appear, even after a dot.
        let op = match text.to_ascii_uppercase().as_str() {
            "DIV" => Some(Op::Div),
            "EQ" => Some(Op::Eq),
            "GE" => Some(Op::Ge),
            "GT" => Some(Op::Gt),
            "LE" => Some(Op::Le),
            "LT" => Some(Op::Lt),
            "MOD" => Some(Op::Mod),
            "NE" => Some(Op::Ne),
            "NOT" => Some(Op::Not),
            _ => None,
        };
        match op {
            Some(op) => self.push(Tok::Op(op), start),
            None => self.push(Tok::Ident(text), start),
        }
    }

    fn digits(&mut self, radix: u32) {
        while self.peek(0).is_some_and(|c| c.is_digit(radix)) {
            self.pos += 1;
        }
    }

    fn text(&self, start: usize, end: usize) -> String {
        self.chars[start..end].iter().collect()
    }

    fn number(&mut self) -> Result<(), SyntaxError> {
        let start = self.pos;
        if self.peek(0) == Some('0') && matches!(self.peek(1), Some('x' | 'X')) {
            self.pos += 2;
            let digits_start = self.pos;
            self.digits(16);
            let digits = self.text(digits_start, self.pos);
            let long = matches!(self.peek(0), Some('L' | 'l'));
            return self.finish_integer(start, &digits, 16, long);
        }
        self.digits(10);
        let mut real = false;
        if self.peek(0) == Some('.') && self.peek(1).is_some_and(|c| c.is_ascii_digit()) {
            real = true;
            self.pos += 1;
            self.digits(10);
        }
        if matches!(self.peek(0), Some('e' | 'E')) {
            let sign = usize::from(matches!(self.peek(1), Some('+' | '-')));
            if self.peek(1 + sign).is_some_and(|c| c.is_ascii_digit()) {
                real = true;
                self.pos += 1 + sign;
                self.digits(10);
            }
        }
        let body = self.text(start, self.pos);
        match self.peek(0) {
            Some('f' | 'F') => {
                self.pos += 1;
                let value: f32 = body
                    .parse()
                    .map_err(|_| bad_number(start, &body, "float"))?;
                self.push(Tok::Float(value), start);
            }
            Some('d' | 'D') => {
                self.pos += 1;
                let value: f64 = body
                    .parse()
                    .map_err(|_| bad_number(start, &body, "double"))?;
                self.push(Tok::Double(value), start);
            }
            Some('L' | 'l') if !real => return self.finish_integer(start, &body, 10, true),
            _ if real => {
                let value: f64 = body
                    .parse()
                    .map_err(|_| bad_number(start, &body, "double"))?;
                self.push(Tok::Double(value), start);
            }
            _ => return self.finish_integer(start, &body, 10, false),
        }
        Ok(())
    }

    fn finish_integer(
        &mut self,
        start: usize,
        digits: &str,
        radix: u32,
        long: bool,
    ) -> Result<(), SyntaxError> {
        if long {
            self.pos += 1;
            // Java parses literals with Long.parseLong(text, radix): no unsigned wrap-around.
            let value = i64::from_str_radix(digits, radix)
                .map_err(|_| bad_number(start, digits, "long"))?;
            self.push(Tok::Long(value), start);
        } else {
            let value =
                i32::from_str_radix(digits, radix).map_err(|_| bad_number(start, digits, "int"))?;
            self.push(Tok::Int(value), start);
        }
        Ok(())
    }
}

fn bad_number(position: usize, text: &str, kind: &str) -> SyntaxError {
    SyntaxError::new(
        position,
        format!(
            "EL1035E: The value '{text}' cannot be parsed as {} {kind}",
            if kind == "int" { "an" } else { "a" }
        ),
    )
}
