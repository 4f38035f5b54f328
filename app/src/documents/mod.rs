//! The documents of cases (F5.2): PDFs, and photos taken with a phone.
//!
//! - A file is typed by its content, never by its name: PDF, JPEG and PNG only
//!   ([`sniff`]); a photo must decode, and is re-encoded from its pixels so
//!   that nothing of its metadata (EXIF, GPS) is kept (`upload.rs`).
//! - 10 MiB per file, 5 files per post, counted while the post streams in;
//!   the server's middleware caps the whole post ([`MAX_POST_BYTES`]).
//! - Stored outside the web root (`KOPRU_UPLOAD_DIR`) under a random name the
//!   server makes; the name the phone sent is display text only.
//! - Served by [`DOCUMENT_PATH`] (`serve.rs`) to the case's migrant and to
//!   staff only, each staff read logged.
//!
//! A form with files is a plain `<form method="post" enctype="multipart/form-data">`
//! aimed at a server function `#[server(input = MultipartFormData)] async fn f(data: MultipartData)`,
//! which reads it with [`read_form`], keeps each file with [`store`], writes its
//! rows with [`service::attach`] in its own transaction, and [`discard`]s the
//! files when that fails.

use crate::error::AppError;
use crate::forms::{described_by, invalid, FieldError, FormErrors};
use crate::i18n::*;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
pub mod serve;
#[cfg(feature = "ssr")]
pub mod service;
#[cfg(feature = "ssr")]
pub mod upload;

#[cfg(feature = "ssr")]
pub use upload::{discard, read_form, read_multipart, store, PostedForm, Stored, Upload};

/// The largest file accepted (10 MiB), as it arrives.
pub const MAX_FILE_BYTES: usize = 10 * 1024 * 1024;
/// The most files in one post.
pub const MAX_FILES: usize = 5;
/// The largest text field of a post with files.
pub const MAX_TEXT_FIELD_BYTES: usize = 20_000;
/// The most text fields in a post with files.
pub const MAX_TEXT_FIELDS: usize = 100;
/// The largest post with files: its files, its text fields and the parts' headers.
pub const MAX_POST_BYTES: u64 =
    (MAX_FILES * MAX_FILE_BYTES + MAX_TEXT_FIELDS * MAX_TEXT_FIELD_BYTES + 1024 * 1024) as u64;
/// The most pixels of a photo (decompression bombs are refused before they are decoded).
pub const MAX_PIXELS: u64 = 40_000_000;
/// A photo is kept at most this many pixels on its long side (downscaled when larger).
pub const MAX_SIDE: u32 = 2560;
/// The name of the file input (and the field its errors belong to).
pub const FILE_FIELD: &str = "file";
/// What the file input offers to pick.
pub const ACCEPT: &str = "application/pdf,image/jpeg,image/png";
/// The route that serves one document: `GET /api/document?id=N`.
pub const DOCUMENT_PATH: &str = "/api/document";

crate::state_enum! {
    /// What a stored document is, by its content.
    pub enum MediaType { Pdf, Jpeg, Png }
}

impl MediaType {
    /// The `Content-Type` it is served with.
    pub fn mime(self) -> &'static str {
        match self {
            MediaType::Pdf => "application/pdf",
            MediaType::Jpeg => "image/jpeg",
            MediaType::Png => "image/png",
        }
    }

    /// The extension of its download name.
    pub fn extension(self) -> &'static str {
        match self {
            MediaType::Pdf => "pdf",
            MediaType::Jpeg => "jpg",
            MediaType::Png => "png",
        }
    }

    /// What a person reads next to the name.
    pub fn label(self) -> &'static str {
        match self {
            MediaType::Pdf => "PDF",
            MediaType::Jpeg => "JPEG",
            MediaType::Png => "PNG",
        }
    }
}

/// What a file is by its first bytes: PDF (`%PDF-`), JPEG (`FF D8 FF`) or PNG
/// (its 8-byte signature). Anything else — an executable renamed `.jpg`, HTML,
/// SVG, GIF, a zip, an empty file — is refused.
pub fn sniff(bytes: &[u8]) -> Result<MediaType, AppError> {
    const PNG: [u8; 8] = [0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A];
    if bytes.starts_with(b"%PDF-") {
        Ok(MediaType::Pdf)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Ok(MediaType::Jpeg)
    } else if bytes.starts_with(&PNG) {
        Ok(MediaType::Png)
    } else {
        Err(AppError::FileTypeNotAllowed)
    }
}

/// The name a person sent with a file, as display text only: what follows
/// its last `/` or `\`, without control or bidirectional-override characters,
/// trimmed, at most 200 characters; `document` when nothing is left.
pub fn clean_name(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let kept: String = base
        .chars()
        .filter(|c| {
            !c.is_control() && !matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
        })
        .collect();
    let trimmed = kept.trim().trim_start_matches('.').trim();
    let short: String = trimmed.chars().take(200).collect();
    let short = short.trim_end().to_string();
    if short.is_empty() {
        "document".to_string()
    } else {
        short
    }
}

/// One document of a case, as its pages show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    pub id: i32,
    pub media_type: MediaType,
    /// The name it was uploaded with (display text only).
    pub name: String,
    pub size_bytes: i64,
    /// RFC 3339.
    pub created_at: String,
    /// Uploaded by staff (not by the migrant).
    pub by_staff: bool,
    /// The message of the thread it came with, if any.
    pub message_id: Option<i32>,
}

/// Where one document is served.
pub fn document_url(id: i32) -> String {
    format!("{DOCUMENT_PATH}?id={id}")
}

/// A size as people read it: `850 KB`, `1,2 MB` (a decimal comma in both languages).
pub fn size_text(bytes: i64, locale: Locale) -> String {
    const KB: i64 = 1024;
    const MB: i64 = 1024 * 1024;
    let bytes = bytes.max(0);
    if bytes < MB {
        format!("{}\u{a0}KB", crate::format::integer(((bytes + KB - 1) / KB).max(1), locale))
    } else {
        let tenths = (bytes * 10 + MB / 2) / MB;
        format!("{},{}\u{a0}MB", crate::format::integer(tenths / 10, locale), tenths % 10)
    }
}

/// The documents of a case or of a message: each a link to the file, with its
/// type and size, and who uploaded it when it was staff.
#[component]
pub fn DocumentList(documents: Vec<Document>) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    (!documents.is_empty()).then(|| {
        view! {
            <ul class="documents" aria-label=tu_string!(i18n, documents.title)>
                {documents
                    .into_iter()
                    .map(|d| {
                        let meta = format!("{}, {}", d.media_type.label(), size_text(d.size_bytes, locale));
                        view! {
                            <li>
                                <a href=document_url(d.id)>{d.name}</a>
                                " "
                                <span class="doc-meta">{meta}</span>
                                {d.by_staff.then(|| view! { " " <span class="doc-by">{tu_string!(i18n, documents.from_staff)}</span> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}

/// The file input of a form with files (its form needs
/// `enctype="multipart/form-data"`): a visible label, the allowed types and
/// size as a hint, and its error tied to it.
#[component]
pub fn FileInput(
    /// The form's refusals (the input shows those of [`FILE_FIELD`]).
    error: Memo<FormErrors>,
    /// Instead of "Document or photo".
    #[prop(optional, into)]
    label: Option<String>,
    /// Several files at once (at most [`MAX_FILES`] a post).
    #[prop(optional)]
    multiple: bool,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    const HINT: &str = "file-hint";
    let label = label.unwrap_or_else(|| tu_string!(i18n, documents.file_label).to_string());
    view! {
        <label for=FILE_FIELD>{label}</label>
        <p class="hint" id=HINT>{tu_string!(i18n, documents.file_hint)}</p>
        <input id=FILE_FIELD name=FILE_FIELD type="file" accept=ACCEPT multiple=multiple required=required
            aria-describedby=described_by(error, FILE_FIELD, Some(HINT)) aria-invalid=invalid(error, FILE_FIELD)/>
        <FieldError error field=FILE_FIELD/>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn type_by_content_never_by_name() {
        let ok: [(&[u8], MediaType); 3] = [
            (b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj", MediaType::Pdf),
            (&[0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, b'J', b'F', b'I', b'F'], MediaType::Jpeg),
            (&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], MediaType::Png),
        ];
        for (bytes, want) in ok {
            assert_eq!(sniff(bytes), Ok(want), "{:?}", &bytes[..4]);
        }
        let refused: [(&str, &[u8]); 13] = [
            ("a Windows executable", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00"),
            ("an ELF executable", b"\x7FELF\x02\x01\x01"),
            ("HTML", b"<!DOCTYPE html><html><script>alert(1)</script>"),
            ("HTML with a BOM", b"\xEF\xBB\xBF<html>"),
            ("SVG", b"<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>"),
            ("GIF", b"GIF89a\x01\x00\x01\x00"),
            ("a zip (docx, apk)", b"PK\x03\x04\x14\x00"),
            ("empty", b""),
            ("a truncated JPEG signature", &[0xFF, 0xD8]),
            ("a truncated PNG signature", &[0x89, b'P', b'N', b'G', 0x0D, 0x0A]),
            ("a truncated PDF signature", b"%PDF"),
            ("PDF after leading junk", b" %PDF-1.4"),
            ("a PNG signature with a wrong byte", &[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0B]),
        ];
        for (what, bytes) in refused {
            assert_eq!(sniff(bytes), Err(AppError::FileTypeNotAllowed), "{what}");
        }
    }

    #[test]
    fn names_are_display_text_only() {
        assert_eq!(clean_name("pasport.jpg"), "pasport.jpg");
        assert_eq!(clean_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_name("..\\..\\windows\\system32\\cmd.exe"), "cmd.exe");
        assert_eq!(clean_name("/var/www/index.html"), "index.html");
        assert_eq!(clean_name("C:\\Users\\Aziz\\Desktop\\ruxsatnoma.pdf"), "ruxsatnoma.pdf");
        assert_eq!(clean_name("a\u{0}b\r\nc\u{7F}.pdf"), "abc.pdf");
        // A right-to-left override makes "photo\u{202E}gpj.exe" read as "photoexe.jpg".
        assert_eq!(clean_name("photo\u{202E}gpj.exe"), "photogpj.exe");
        assert_eq!(clean_name("  .hidden  "), "hidden");
        assert_eq!(clean_name(".."), "document");
        assert_eq!(clean_name(""), "document");
        assert_eq!(clean_name("dir/"), "document");
        assert_eq!(clean_name("Oʻzbekiston pasporti — 1-bet.jpg"), "Oʻzbekiston pasporti — 1-bet.jpg");
        let long = format!("{}.pdf", "ş".repeat(300));
        assert_eq!(clean_name(&long).chars().count(), 200);
        assert!(clean_name(&long).chars().all(|c| c == 'ş'));
    }

    #[test]
    fn sizes_per_language() {
        assert_eq!(size_text(0, Locale::uz), "1\u{a0}KB");
        assert_eq!(size_text(850 * 1024, Locale::tr), "850\u{a0}KB");
        assert_eq!(size_text(1024 * 1024, Locale::uz), "1,0\u{a0}MB");
        assert_eq!(size_text(1_258_291, Locale::tr), "1,2\u{a0}MB");
        assert_eq!(size_text(10 * 1024 * 1024, Locale::uz), "10,0\u{a0}MB");
    }

    #[test]
    fn media_types_travel_by_their_lower_case_names() {
        assert_eq!(MediaType::all().map(MediaType::as_str).collect::<Vec<_>>(), ["pdf", "jpeg", "png"]);
        assert_eq!(MediaType::Jpeg.mime(), "image/jpeg");
        assert_eq!(document_url(7), "/api/document?id=7");
        assert!(MAX_POST_BYTES > (MAX_FILES * MAX_FILE_BYTES) as u64);
    }
}
