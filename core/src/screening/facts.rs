//! Facts about members as the rules see them: what the request says, overlaid with the
//! answers given to earlier questions. A fact neither holds is returned as the question
//! that would settle it.

use super::contract::{Insurance, Member, Question, Request};
use std::collections::HashMap;

pub struct Facts<'a> {
    pub request: &'a Request,
    labels: &'a HashMap<String, String>,
}

impl<'a> Facts<'a> {
    pub fn new(request: &'a Request, labels: &'a HashMap<String, String>) -> Self {
        Self { request, labels }
    }

    pub fn member(&self, id: &str) -> Option<&'a Member> {
        self.request.household.members.iter().find(|m| m.id == id)
    }

    /// How a member is named in reasons: the label the caller gave, else the id.
    pub fn label(&self, id: &str) -> String {
        self.labels
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_owned())
    }

    fn answer(&self, id: &str) -> Option<&'a serde_json::Value> {
        self.request.answers.get(id)
    }

    pub fn insurance(&self, m: &Member) -> Result<Insurance, Question> {
        let id = format!("{}.insurance", m.id);
        let answered = self
            .answer(&id)
            .and_then(|v| v.as_str())
            .and_then(Insurance::from_id);
        match answered.or(m.insurance) {
            Some(i) if i != Insurance::Unknown => Ok(i),
            _ => Err(Question {
                text: format!("{}さんの健康保険は何ですか", self.label(&m.id)),
                id,
                kind: "choice".into(),
                options: Insurance::ALL.iter().map(|i| i.id().to_owned()).collect(),
                affects: vec![],
            }),
        }
    }

    pub fn public_servant(&self, m: &Member) -> Result<bool, Question> {
        let id = format!("{}.public_servant", m.id);
        match self
            .answer(&id)
            .and_then(|v| v.as_bool())
            .or(m.public_servant)
        {
            Some(b) => Ok(b),
            None => Err(Question {
                text: format!("{}さんは公務員ですか", self.label(&m.id)),
                id,
                kind: "boolean".into(),
                options: vec![],
                affects: vec![],
            }),
        }
    }

    /// Whether the member already receives the benefit `procedure`.
    pub fn receives(&self, m: &Member, procedure: &str) -> Result<bool, Question> {
        let id = format!("{}.receives.{procedure}", m.id);
        if let Some(b) = self.answer(&id).and_then(|v| v.as_bool()) {
            return Ok(b);
        }
        match &m.receives {
            Some(list) => Ok(list.iter().any(|p| p == procedure)),
            None => Err(Question {
                text: format!(
                    "{}さんはいま{}を受けていますか",
                    self.label(&m.id),
                    super::catalog::procedure(procedure).map_or(procedure, |p| p.name)
                ),
                id,
                kind: "boolean".into(),
                options: vec![],
                affects: vec![],
            }),
        }
    }

    /// An answer to a question that is not about one member (e.g. `claimant`).
    pub fn answered_member(&self, question: &str) -> Option<&'a Member> {
        self.answer(question)
            .and_then(|v| v.as_str())
            .and_then(|id| self.member(id))
    }
}
