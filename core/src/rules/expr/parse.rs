//! A small recursive-descent parser:
//!
//! ```text
//! expr    := and ('or' and)*
//! and     := not ('and' not)*
//! not     := 'not' not | compare
//! compare := sum (('=='|'!='|'<'|'<='|'>'|'>=') sum | ['not'] 'in' list)?
//! sum     := postfix (('+'|'-') postfix)*
//! postfix := primary ('.' ident)*
//! primary := int | 'text' | true | false | $param ['@' postfix] | list | '(' expr ')'
//!          | ident '(' args ')' | ident
//! ```

use super::ast::{Ast, CmpOp, Spanned};
use super::lex::{tokens, Tok, Token};
use super::ExprError;

pub fn parse(src: &str) -> Result<Spanned, ExprError> {
    let toks = tokens(src)?;
    let mut p = Parser {
        toks,
        pos: 0,
        len: src.len(),
    };
    let e = p.expr()?;
    if let Some(t) = p.peek() {
        return Err(ExprError::at(
            t.start,
            t.end,
            crate::msg!("条件の後に余分な文字があります"),
        ));
    }
    Ok(e)
}

struct Parser {
    toks: Vec<Token>,
    pos: usize,
    len: usize,
}

fn node(ast: Ast, start: usize, end: usize) -> Spanned {
    Spanned { ast, start, end }
}

impl Parser {
    fn peek(&self) -> Option<&Token> {
        self.toks.get(self.pos)
    }

    fn is_sym(&self, s: &str) -> bool {
        matches!(self.peek(), Some(Token { tok: Tok::Sym(x), .. }) if *x == s)
    }

    fn is_word(&self, w: &str) -> bool {
        matches!(self.peek(), Some(Token { tok: Tok::Ident(x), .. }) if x == w)
    }

    fn is_word_at(&self, offset: usize, w: &str) -> bool {
        matches!(self.toks.get(self.pos + offset), Some(Token { tok: Tok::Ident(x), .. }) if x == w)
    }

    fn bump(&mut self) -> Option<Token> {
        let t = self.toks.get(self.pos).cloned();
        self.pos += 1;
        t
    }

    fn end_err(&self, what: crate::rules::Msg) -> ExprError {
        match self.peek() {
            Some(t) => ExprError::at(
                t.start,
                t.end,
                crate::msg!("{what}が必要です", what = what.clone()),
            ),
            None => ExprError::at(
                self.len,
                self.len,
                crate::msg!("{what}が必要ですが、条件が終わっています", what),
            ),
        }
    }

    fn expect_sym(&mut self, s: &str) -> Result<usize, ExprError> {
        if self.is_sym(s) {
            Ok(self.bump().map_or(self.len, |t| t.end))
        } else {
            Err(self.end_err(crate::msg!("`{s}`", s)))
        }
    }

    fn expr(&mut self) -> Result<Spanned, ExprError> {
        let mut left = self.and()?;
        while self.is_word("or") {
            self.bump();
            let right = self.and()?;
            let (s, e) = (left.start, right.end);
            left = node(Ast::Or(Box::new(left), Box::new(right)), s, e);
        }
        Ok(left)
    }

    fn and(&mut self) -> Result<Spanned, ExprError> {
        let mut left = self.not()?;
        while self.is_word("and") {
            self.bump();
            let right = self.not()?;
            let (s, e) = (left.start, right.end);
            left = node(Ast::And(Box::new(left), Box::new(right)), s, e);
        }
        Ok(left)
    }

    fn not(&mut self) -> Result<Spanned, ExprError> {
        if self.is_word("not") {
            let start = self.bump().map_or(0, |t| t.start);
            let inner = self.not()?;
            let end = inner.end;
            return Ok(node(Ast::Not(Box::new(inner)), start, end));
        }
        self.compare()
    }

    fn compare(&mut self) -> Result<Spanned, ExprError> {
        let left = self.sum()?;
        let op = match self.peek().map(|t| &t.tok) {
            Some(Tok::Sym("==")) => Some(CmpOp::Eq),
            Some(Tok::Sym("!=")) => Some(CmpOp::Ne),
            Some(Tok::Sym("<")) => Some(CmpOp::Lt),
            Some(Tok::Sym("<=")) => Some(CmpOp::Le),
            Some(Tok::Sym(">")) => Some(CmpOp::Gt),
            Some(Tok::Sym(">=")) => Some(CmpOp::Ge),
            _ => None,
        };
        if let Some(op) = op {
            self.bump();
            let right = self.sum()?;
            let (s, e) = (left.start, right.end);
            return Ok(node(Ast::Cmp(op, Box::new(left), Box::new(right)), s, e));
        }
        let negated = self.is_word("not") && self.is_word_at(1, "in");
        if negated {
            self.bump();
        }
        if self.is_word("in") {
            self.bump();
            let list = self.primary()?;
            let end = list.end;
            let Ast::List(items) = list.ast else {
                return Err(ExprError::at(
                    list.start,
                    list.end,
                    crate::msg!("`in` の後には一覧が必要です (例: ['employee', 'late_elderly'])"),
                ));
            };
            let start = left.start;
            return Ok(node(Ast::In(Box::new(left), items, negated), start, end));
        }
        Ok(left)
    }

    fn sum(&mut self) -> Result<Spanned, ExprError> {
        let mut left = self.postfix()?;
        loop {
            let plus = self.is_sym("+");
            if !plus && !self.is_sym("-") {
                return Ok(left);
            }
            self.bump();
            let right = self.postfix()?;
            let (s, e) = (left.start, right.end);
            let (l, r) = (Box::new(left), Box::new(right));
            left = node(if plus { Ast::Add(l, r) } else { Ast::Sub(l, r) }, s, e);
        }
    }

    fn postfix(&mut self) -> Result<Spanned, ExprError> {
        let mut e = self.primary()?;
        while self.is_sym(".") {
            self.bump();
            match self.bump() {
                Some(Token {
                    tok: Tok::Ident(name),
                    end,
                    ..
                }) => {
                    let start = e.start;
                    e = node(Ast::Field(Box::new(e), name), start, end);
                }
                _ => {
                    return Err(ExprError::at(
                        e.end,
                        e.end + 1,
                        crate::msg!("`.` の後には事実の名前が必要です"),
                    ))
                }
            }
        }
        Ok(e)
    }

    fn primary(&mut self) -> Result<Spanned, ExprError> {
        let Some(t) = self.bump() else {
            return Err(self.end_err(crate::msg!("値")));
        };
        let (start, end) = (t.start, t.end);
        match t.tok {
            Tok::Int(n) => Ok(node(Ast::Int(n), start, end)),
            Tok::Str(s) => Ok(node(Ast::Str(s), start, end)),
            Tok::Param(name) => {
                if self.is_sym("@") {
                    self.bump();
                    let day = self.postfix()?;
                    let end = day.end;
                    return Ok(node(Ast::Param(name, Some(Box::new(day))), start, end));
                }
                Ok(node(Ast::Param(name, None), start, end))
            }
            Tok::Sym("(") => {
                let inner = self.expr()?;
                let end = self.expect_sym(")")?;
                Ok(Spanned {
                    end,
                    start,
                    ..inner
                })
            }
            Tok::Sym("[") => {
                let mut items = Vec::new();
                if !self.is_sym("]") {
                    loop {
                        items.push(self.sum()?);
                        if !self.is_sym(",") {
                            break;
                        }
                        self.bump();
                    }
                }
                let end = self.expect_sym("]")?;
                Ok(node(Ast::List(items), start, end))
            }
            Tok::Ident(word) => match word.as_str() {
                "true" => Ok(node(Ast::Bool(true), start, end)),
                "false" => Ok(node(Ast::Bool(false), start, end)),
                "and" | "or" | "not" | "in" => Err(ExprError::at(
                    start,
                    end,
                    crate::msg!("`{word}` で値を始めることはできません", word),
                )),
                _ if self.is_sym("(") => self.call(word, start),
                _ => Ok(node(Ast::Name(word), start, end)),
            },
            Tok::Sym(s) => Err(ExprError::at(
                start,
                end,
                crate::msg!("ここに `{s}` は書けません", s),
            )),
        }
    }

    fn call(&mut self, name: String, start: usize) -> Result<Spanned, ExprError> {
        self.expect_sym("(")?;
        if matches!(name.as_str(), "count" | "any" | "all") {
            let var = match self.bump() {
                Some(Token {
                    tok: Tok::Ident(v), ..
                }) => v,
                _ => {
                    return Err(
                        self.end_err(crate::msg!("世帯員を表す名前 (例: {name}(m: ...))", name))
                    )
                }
            };
            self.expect_sym(":")?;
            let body = self.expr()?;
            let end = self.expect_sym(")")?;
            return Ok(node(Ast::Each(name, var, Box::new(body)), start, end));
        }
        let mut args = Vec::new();
        if !self.is_sym(")") {
            loop {
                args.push(self.expr()?);
                if !self.is_sym(",") {
                    break;
                }
                self.bump();
            }
        }
        let end = self.expect_sym(")")?;
        Ok(node(Ast::Call(name, args), start, end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence_binds_and_tighter_than_or() {
        let e = parse("a or b and c").unwrap();
        assert!(matches!(e.ast, Ast::Or(..)));
    }

    #[test]
    fn parameter_at_a_date() {
        let e = parse("$lump_sum@event.date").unwrap();
        let Ast::Param(name, Some(day)) = e.ast else {
            panic!("{e:?}")
        };
        assert_eq!(name, "lump_sum");
        assert!(matches!(day.ast, Ast::Field(..)));
    }

    #[test]
    fn not_in_list() {
        let e = parse("subject.insurance not in ['employee', 'late_elderly']").unwrap();
        assert!(matches!(e.ast, Ast::In(_, ref items, true) if items.len() == 2));
    }

    #[test]
    fn unclosed_parenthesis_points_at_the_end() {
        let e = parse("age(subject, as_of").unwrap_err();
        assert_eq!(e.start, 18);
    }

    #[test]
    fn stray_text_after_a_condition_is_an_error() {
        assert!(parse("a b").is_err());
    }

    #[test]
    fn member_quantifier() {
        let e = parse("count(m: age(m, event.date) >= 15) >= 2").unwrap();
        assert!(matches!(e.ast, Ast::Cmp(..)));
    }
}
