//! Documents a resident attaches to an online application (a photo or scan of a
//! certificate, a PDF): what a file is, told by its content — never by its name or the
//! type the browser claims —, within a size limit, without active content, and its
//! SHA-256 to store beside it. The server stores only what passes and serves it back
//! with the type found here (and `nosniff`), never as something a browser would run.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The kinds of document accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Pdf,
    Jpeg,
    Png,
}

impl Kind {
    /// The media type it is stored and served with.
    pub fn mime(self) -> &'static str {
        match self {
            Self::Pdf => "application/pdf",
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Pdf => "pdf",
            Self::Jpeg => "jpg",
            Self::Png => "png",
        }
    }

    /// The kind a claimed media type names, if it is one accepted.
    pub fn from_mime(mime: &str) -> Option<Self> {
        match mime.split(';').next().unwrap_or("").trim() {
            "application/pdf" => Some(Self::Pdf),
            "image/jpeg" | "image/jpg" | "image/pjpeg" => Some(Self::Jpeg),
            "image/png" => Some(Self::Png),
            _ => None,
        }
    }
}

/// Why a file is refused; `code()` is stable (the API's and the catalog's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("the file is empty")]
    Empty,
    #[error("the file is larger than the limit")]
    TooLarge,
    #[error("the file is not a PDF, JPEG or PNG")]
    UnknownType,
    #[error("the file is not what it claims to be")]
    Mismatch,
    #[error("the file is cut short")]
    Truncated,
    #[error("the PDF carries scripts, actions or embedded files")]
    ActiveContent,
}

impl Refusal {
    pub fn code(self) -> &'static str {
        match self {
            Self::Empty => "attachment_empty",
            Self::TooLarge => "attachment_too_large",
            Self::UnknownType => "attachment_unknown_type",
            Self::Mismatch => "attachment_mismatch",
            Self::Truncated => "attachment_truncated",
            Self::ActiveContent => "attachment_active_content",
        }
    }

    /// What the resident is told (the reason itself is for the audit log and staff).
    pub fn value_error(self) -> crate::jp::ValueError {
        use crate::jp::ValueError;
        match self {
            Self::Empty => ValueError::FileEmpty,
            Self::TooLarge => ValueError::FileTooLarge,
            Self::UnknownType | Self::Mismatch | Self::Truncated | Self::ActiveContent => {
                ValueError::FileType
            }
        }
    }
}

/// 10 MB: a phone photo of a certificate is 2–5 MB.
pub const DEFAULT_MAX_BYTES: usize = 10 * 1024 * 1024;

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// PDF names that make a reader run or open something.
/// (`/OpenAction` alone is not: scanners set it to open at a page; what it would run is
/// one of these.)
const ACTIVE_PDF_NAMES: [&[u8]; 6] = [
    b"/JavaScript",
    b"/JS",
    b"/Launch",
    b"/EmbeddedFile",
    b"/EmbeddedFiles",
    b"/RichMedia",
];

/// What the bytes are, by their content alone.
pub fn sniff(bytes: &[u8]) -> Option<Kind> {
    if bytes.starts_with(b"%PDF-") {
        Some(Kind::Pdf)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Kind::Jpeg)
    } else if bytes.starts_with(PNG_SIGNATURE) && bytes.get(12..16) == Some(b"IHDR") {
        Some(Kind::Png)
    } else {
        None
    }
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// A name is the token itself, not the start of a longer one (`/JS` is not `/JSON`).
fn has_name(bytes: &[u8], name: &[u8]) -> bool {
    bytes
        .windows(name.len() + 1)
        .any(|w| &w[..name.len()] == name && !w[name.len()].is_ascii_alphanumeric())
}

/// The PDF without the data of its streams (page images, fonts: binary, where a name
/// could appear by chance), so names are looked for in its objects only. Objects
/// packed into compressed object streams are not looked into.
fn outside_streams(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len().min(1 << 16));
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        let opens = rest.starts_with(b"stream\n") || rest.starts_with(b"stream\r\n");
        if opens && !bytes[..i].ends_with(b"end") {
            match rest.windows(9).position(|w| w == b"endstream") {
                Some(end) => {
                    i += end + 9;
                    continue;
                }
                None => break,
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    out
}

/// Checks a file: not empty, within `max_bytes`, a PDF, JPEG or PNG by its content,
/// the kind the browser claimed if it claimed one, complete (a PDF's end marker, a
/// JPEG's end of image, a PNG's end chunk), and a PDF without active content.
pub fn check(bytes: &[u8], claimed: Option<&str>, max_bytes: usize) -> Result<Kind, Refusal> {
    if bytes.is_empty() {
        return Err(Refusal::Empty);
    }
    if bytes.len() > max_bytes {
        return Err(Refusal::TooLarge);
    }
    let kind = sniff(bytes).ok_or(if claimed.and_then(Kind::from_mime).is_some() {
        Refusal::Mismatch
    } else {
        Refusal::UnknownType
    })?;
    if let Some(c) = claimed.filter(|c| !c.is_empty() && *c != "application/octet-stream") {
        if Kind::from_mime(c) != Some(kind) {
            return Err(Refusal::Mismatch);
        }
    }
    let tail = &bytes[bytes.len().saturating_sub(1024)..];
    let complete = match kind {
        Kind::Pdf => contains(tail, b"%%EOF"),
        Kind::Jpeg => contains(tail, &[0xFF, 0xD9]),
        Kind::Png => contains(tail, b"IEND"),
    };
    if !complete {
        return Err(Refusal::Truncated);
    }
    if kind == Kind::Pdf {
        let objects = outside_streams(bytes);
        if ACTIVE_PDF_NAMES.iter().any(|n| has_name(&objects, n)) {
            return Err(Refusal::ActiveContent);
        }
    }
    Ok(kind)
}

/// The SHA-256 of the file, lowercase hex: stored with it, shown to staff, and checked
/// when it is read back.
pub fn digest(bytes: &[u8]) -> String {
    crate::audit::hex(&Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pdf(body: &str) -> Vec<u8> {
        format!("%PDF-1.7\n1 0 obj\n<< /Type /Catalog {body} >>\nendobj\ntrailer\n%%EOF\n")
            .into_bytes()
    }

    fn jpeg() -> Vec<u8> {
        let mut b = vec![0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10];
        b.extend_from_slice(b"JFIF\0");
        b.extend_from_slice(&[0u8; 64]);
        b.extend_from_slice(&[0xFF, 0xD9]);
        b
    }

    fn png() -> Vec<u8> {
        let mut b = PNG_SIGNATURE.to_vec();
        b.extend_from_slice(&[0, 0, 0, 13]);
        b.extend_from_slice(b"IHDR");
        b.extend_from_slice(&[0u8; 17]);
        b.extend_from_slice(&[0, 0, 0, 0]);
        b.extend_from_slice(b"IEND");
        b.extend_from_slice(&[0xAE, 0x42, 0x60, 0x82]);
        b
    }

    #[test]
    fn the_content_decides_what_a_file_is() {
        assert_eq!(
            check(&pdf(""), Some("application/pdf"), 1 << 20),
            Ok(Kind::Pdf)
        );
        assert_eq!(check(&jpeg(), Some("image/jpeg"), 1 << 20), Ok(Kind::Jpeg));
        assert_eq!(check(&png(), None, 1 << 20), Ok(Kind::Png));
        // A browser that claims nothing in particular.
        assert_eq!(
            check(&png(), Some("application/octet-stream"), 1 << 20),
            Ok(Kind::Png)
        );
    }

    #[test]
    fn a_file_that_claims_to_be_a_pdf_but_is_not_is_refused() {
        let html = b"<html><script>alert(1)</script></html>";
        assert_eq!(
            check(html, Some("application/pdf"), 1 << 20),
            Err(Refusal::Mismatch)
        );
        assert_eq!(check(html, None, 1 << 20), Err(Refusal::UnknownType));
        assert_eq!(
            check(&png(), Some("application/pdf"), 1 << 20),
            Err(Refusal::Mismatch)
        );
        assert_eq!(
            check(&pdf(""), Some("text/html"), 1 << 20),
            Err(Refusal::Mismatch)
        );
    }

    #[test]
    fn empty_oversized_cut_short_and_active_files_are_refused() {
        assert_eq!(check(&[], None, 10), Err(Refusal::Empty));
        assert_eq!(check(&pdf(""), None, 10), Err(Refusal::TooLarge));
        let whole = pdf("");
        assert_eq!(
            check(&whole[..whole.len() - 8], None, 1 << 20),
            Err(Refusal::Truncated)
        );
        let photo = jpeg();
        assert_eq!(
            check(&photo[..photo.len() - 2], None, 1 << 20),
            Err(Refusal::Truncated)
        );
        for active in [
            "/OpenAction << /S /JavaScript /JS (app.alert(1)) >>",
            "/Names << /JavaScript 3 0 R >>",
            "/AA << /O << /S /JS /JS (app.alert(1)) >> >>",
            "/S /Launch",
            "/EmbeddedFiles 4 0 R",
        ] {
            assert_eq!(
                check(&pdf(active), None, 1 << 20),
                Err(Refusal::ActiveContent),
                "{active}"
            );
        }
        // Binary stream data that happens to hold such bytes is not active content.
        let with_image =
            pdf("/Length 12 >>\nstream\n\x01/JS \x02/Launch\nendstream\n<< /Type /Page");
        assert_eq!(check(&with_image, None, 1 << 20), Ok(Kind::Pdf));
        // A longer name that merely starts the same is not active content, nor is a
        // scanner's instruction to open at the first page.
        assert_eq!(check(&pdf("/JSON 1"), None, 1 << 20), Ok(Kind::Pdf));
        assert_eq!(
            check(&pdf("/OpenAction [3 0 R /Fit]"), None, 1 << 20),
            Ok(Kind::Pdf)
        );
    }

    #[test]
    fn the_digest_is_the_sha256_in_hex() {
        assert_eq!(
            digest(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
