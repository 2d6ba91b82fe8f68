//! The parsed, not yet checked, form of an expression.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

impl CmpOp {
    pub fn text(self) -> &'static str {
        match self {
            Self::Eq => "==",
            Self::Ne => "!=",
            Self::Lt => "<",
            Self::Le => "<=",
            Self::Gt => ">",
            Self::Ge => ">=",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Ast {
    Int(i64),
    Str(String),
    Bool(bool),
    Name(String),
    Param(String, Option<Box<Spanned>>),
    Field(Box<Spanned>, String),
    Call(String, Vec<Spanned>),
    /// `count(m: cond)`, `any(m: cond)`, `all(m: cond)` over the household's members.
    Each(String, String, Box<Spanned>),
    Not(Box<Spanned>),
    And(Box<Spanned>, Box<Spanned>),
    Or(Box<Spanned>, Box<Spanned>),
    Cmp(CmpOp, Box<Spanned>, Box<Spanned>),
    In(Box<Spanned>, Vec<Spanned>, bool),
    List(Vec<Spanned>),
    Add(Box<Spanned>, Box<Spanned>),
    Sub(Box<Spanned>, Box<Spanned>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Spanned {
    pub ast: Ast,
    pub start: usize,
    pub end: usize,
}
