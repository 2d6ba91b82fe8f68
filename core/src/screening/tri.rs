//! Three-valued conditions: a fact the data does not hold is unknown, not false. An
//! unknown condition carries the questions that would settle it; `and` keeps them only
//! while no other condition has already failed, so only questions whose answers could
//! change the result are ever asked.

use super::contract::Question;

#[derive(Debug, Clone, PartialEq)]
pub enum Tri {
    Yes,
    No,
    Unknown(Vec<Question>),
}

impl Tri {
    pub fn from_bool(b: bool) -> Self {
        if b {
            Self::Yes
        } else {
            Self::No
        }
    }

    pub fn and(self, other: Tri) -> Tri {
        match (self, other) {
            (Tri::No, _) | (_, Tri::No) => Tri::No,
            (Tri::Yes, t) | (t, Tri::Yes) => t,
            (Tri::Unknown(mut a), Tri::Unknown(b)) => {
                for q in b {
                    if !a.iter().any(|x| x.id == q.id) {
                        a.push(q);
                    }
                }
                Tri::Unknown(a)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(id: &str) -> Question {
        Question {
            id: id.into(),
            text: String::new(),
            kind: "boolean".into(),
            options: vec![],
            affects: vec![],
        }
    }

    #[test]
    fn a_failed_condition_drops_the_questions_of_an_unknown_one() {
        assert_eq!(Tri::Unknown(vec![q("a")]).and(Tri::No), Tri::No);
    }

    #[test]
    fn unknowns_merge_their_questions_once() {
        let t = Tri::Unknown(vec![q("a")]).and(Tri::Unknown(vec![q("a"), q("b")]));
        assert_eq!(t, Tri::Unknown(vec![q("a"), q("b")]));
    }
}
