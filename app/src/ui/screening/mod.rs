//! What a screening shows, wherever it is shown: the rules' texts in the reader's
//! language, a procedure's card, a question, a document's photo. Used by the counter's
//! procedures step, the public navigator and the resident's online pages.

mod document_upload;
mod field_errors;
pub mod field_input;
mod procedure_card;
mod question;
mod rules_text;

pub use document_upload::{size_text, DocumentUpload, UploadTo};
pub use field_errors::FieldErrorList;
pub use procedure_card::{NotApplicableList, ProcedureCard, Reasons};
pub use question::QuestionView;
pub use rules_text::{translated, MemberNames, PhraseText, RulesText};
