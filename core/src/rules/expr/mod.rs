//! The condition language of the rule files: small, typed, and checked before a rule
//! set is accepted. `parse` turns text into a syntax tree, `check` resolves every name
//! against the rule set's vocabulary (facts, parameters, roles, built-in functions) and
//! types it, producing the [`Node`] tree the engine evaluates.

mod ast;
mod check;
mod lex;
mod parse;

pub use ast::CmpOp;
pub use check::{check, Builtin, Const, MemberFact, Node, Op, Role, Ty, Vocabulary};
pub use parse::parse;

/// An error in one expression, with the byte range it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExprError {
    pub start: usize,
    pub end: usize,
    pub message: crate::rules::Msg,
}

impl ExprError {
    pub fn at(start: usize, end: usize, message: crate::rules::Msg) -> Self {
        Self {
            start,
            end,
            message,
        }
    }
}

/// Parses and checks `src`, requiring the type `want`.
pub fn compile(src: &str, vocab: &dyn Vocabulary, want: Ty) -> Result<Node, ExprError> {
    let ast = parse(src)?;
    let (node, ty) = check(&ast, vocab, &mut Vec::new())?;
    if ty != want {
        return Err(ExprError::at(
            ast.start,
            ast.end,
            crate::msg!(
                "ここには{want}が必要です (これは{ty})",
                want = want.name(),
                ty = ty.name()
            ),
        ));
    }
    Ok(node)
}
