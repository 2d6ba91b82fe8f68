//! An application's life in its department: the statuses it passes through and which
//! changes are allowed. The server keeps every change in `application_events`; this is
//! the one place that says what may follow what, for staff in the queue and business
//! systems through the API alike.
//!
//! ```text
//! 受付 (received) ──→ 審査中 (in_review) ──→ 完了 (completed)
//!    │    ↑               │
//!    │    └── 差戻し (returned) ←┘      a reason the resident reads
//!    ├──────→ 却下 (rejected)           a reason
//!    └──────→ 取下げ (withdrawn)        the resident's choice
//! ```
//!
//! 完了, 却下 and 取下げ are final. 差戻し goes back to 受付 when the resident has
//! corrected what was asked.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Received,
    InReview,
    Returned,
    Completed,
    Withdrawn,
    Rejected,
}

/// The longest reason or comment, in characters.
pub const MAX_NOTE: usize = 1000;

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Received,
        Status::InReview,
        Status::Returned,
        Status::Completed,
        Status::Withdrawn,
        Status::Rejected,
    ];

    /// Its code, as stored and sent.
    pub fn code(self) -> &'static str {
        match self {
            Status::Received => "received",
            Status::InReview => "in_review",
            Status::Returned => "returned",
            Status::Completed => "completed",
            Status::Withdrawn => "withdrawn",
            Status::Rejected => "rejected",
        }
    }

    /// The status of a code; `submitted` is how applications were stored before the
    /// workflow existed.
    pub fn parse(code: &str) -> Option<Status> {
        match code {
            "submitted" => Some(Status::Received),
            _ => Status::ALL.into_iter().find(|s| s.code() == code),
        }
    }

    /// Nothing follows it.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            Status::Completed | Status::Withdrawn | Status::Rejected
        )
    }

    /// Still to be worked on: counted in the queue's load and its deadline warnings.
    pub fn is_open(self) -> bool {
        !self.is_final()
    }

    /// The statuses that may follow this one.
    pub fn next(self) -> &'static [Status] {
        use Status::*;
        match self {
            Received => &[InReview, Returned, Rejected, Withdrawn],
            InReview => &[Completed, Returned, Rejected, Withdrawn],
            Returned => &[Received, Withdrawn],
            Completed | Withdrawn | Rejected => &[],
        }
    }

    /// Whether a change to this status must say why (the resident reads it).
    pub fn needs_reason(self) -> bool {
        matches!(self, Status::Returned | Status::Rejected)
    }
}

/// Why a change is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChangeError {
    /// `to` does not follow `from` (完了 → 受付, say).
    OutOfOrder { from: Status, to: Status },
    /// 差戻し and 却下 say why.
    ReasonRequired,
    /// A reason or comment longer than [`MAX_NOTE`] characters.
    NoteTooLong,
}

/// Checks a change from `from` to `to` with its `note` (a reason, or empty), and gives
/// the note as it will be kept (trimmed).
pub fn check_change(from: Status, to: Status, note: &str) -> Result<String, ChangeError> {
    if !from.next().contains(&to) {
        return Err(ChangeError::OutOfOrder { from, to });
    }
    let note = note.trim();
    if to.needs_reason() && note.is_empty() {
        return Err(ChangeError::ReasonRequired);
    }
    if note.chars().count() > MAX_NOTE {
        return Err(ChangeError::NoteTooLong);
    }
    Ok(note.to_owned())
}

#[cfg(test)]
mod tests {
    use super::Status::*;
    use super::*;

    #[test]
    fn the_path_through_review_to_completion() {
        assert_eq!(check_change(Received, InReview, ""), Ok(String::new()));
        assert_eq!(
            check_change(InReview, Completed, " 確認済み "),
            Ok("確認済み".into())
        );
    }

    #[test]
    fn final_statuses_have_no_way_out() {
        for s in [Completed, Withdrawn, Rejected] {
            assert!(s.is_final());
            for to in Status::ALL {
                assert_eq!(
                    check_change(s, to, "理由"),
                    Err(ChangeError::OutOfOrder { from: s, to })
                );
            }
        }
    }

    #[test]
    fn completion_goes_through_review_and_never_back() {
        assert_eq!(
            check_change(Received, Completed, ""),
            Err(ChangeError::OutOfOrder {
                from: Received,
                to: Completed
            })
        );
        assert_eq!(
            check_change(Completed, Received, ""),
            Err(ChangeError::OutOfOrder {
                from: Completed,
                to: Received
            })
        );
        assert!(check_change(InReview, InReview, "").is_err());
    }

    #[test]
    fn a_return_or_a_rejection_says_why() {
        assert_eq!(
            check_change(InReview, Returned, "  "),
            Err(ChangeError::ReasonRequired)
        );
        assert_eq!(
            check_change(Received, Rejected, ""),
            Err(ChangeError::ReasonRequired)
        );
        assert!(check_change(InReview, Returned, "口座の名義が申請者と違います").is_ok());
        assert_eq!(
            check_change(InReview, Returned, &"あ".repeat(MAX_NOTE + 1)),
            Err(ChangeError::NoteTooLong)
        );
        // A returned application comes back once corrected.
        assert!(check_change(Returned, Received, "").is_ok());
    }

    #[test]
    fn codes_read_back_and_the_old_code_reads_as_received() {
        for s in Status::ALL {
            assert_eq!(Status::parse(s.code()), Some(s));
        }
        assert_eq!(Status::parse("submitted"), Some(Received));
        assert_eq!(Status::parse("done"), None);
    }
}
