//! The e-mail notices' texts: from the message catalog (`public.notices.*`), in the
//! language the resident chose, as plain text.

use app::server::catalog::printed;
use madoguchi_core::lang::Lang;
use madoguchi_services::entities::notice;
use madoguchi_services::online::notices::{Compose, MailSettings, CODE_MINUTES};

pub struct Texts;

impl Compose for Texts {
    fn compose(&self, n: &notice::Model, settings: &MailSettings) -> Option<(String, String)> {
        let lang = Lang::parse_or_ja(&n.lang);
        let params: serde_json::Value = serde_json::from_str(&n.params).ok()?;
        let city = printed(lang, "common.city", &[]);
        let param = |k: &str| params.get(k).and_then(|v| v.as_str()).map(str::to_owned);
        let (subject, body, values) = match n.kind.as_str() {
            "email_code" => (
                "public.notices.code_subject",
                "public.notices.code_body",
                vec![
                    ("code", param("code")?),
                    ("minutes", CODE_MINUTES.to_string()),
                ],
            ),
            "status_changed" => {
                let status = param("status")?;
                let status = printed(lang, &format!("public.my.status.{status}"), &[]);
                (
                    "public.notices.status_subject",
                    "public.notices.status_body",
                    vec![("status", status), ("url", settings.my_page.clone())],
                )
            }
            _ => return None,
        };
        let mut values = values;
        values.push(("city", city));
        Some((
            printed(lang, subject, &values),
            printed(lang, body, &values),
        ))
    }
}
