//! `GET /api/document?id=N`: one document, to its case's migrant and to staff
//! only (SSR only; the server wires [`serve`] at [`super::DOCUMENT_PATH`]).
//!
//! An axum handler rather than a server function: a browser following a link
//! asks with `Accept: text/html` and a `Referer`, and leptos_axum answers such
//! a request to a server function with a redirect back to the referring page
//! instead of the file.
//!
//! Refusals are a server function's: the error's status and its name as JSON
//! (`"NotFound"` for a signed-in reader who may not read the case, so that
//! nobody learns which documents exist; `"NotSignedIn"` without a session —
//! a browser is sent to the sign-in page instead, and back after it).

use super::MediaType;
use crate::authz::{authorize, may_read_case, Action};
use crate::error::AppError;
use crate::state::AppState;
use axum::body::Body;
use axum::response::{IntoResponse, Response};
use http::{header, HeaderValue, StatusCode};

/// Answers `GET /api/document?id=N`.
pub async fn serve(state: AppState, req: axum::extract::Request) -> Response {
    let (parts, _) = req.into_parts();
    match answer(&state, &parts).await {
        Ok(res) => res,
        Err(AppError::NotSignedIn) if accepts_html(&parts.headers) => {
            let here = parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or(super::DOCUMENT_PATH);
            let to = format!("/signin?{}", crate::parse::query_string([("next", here.to_string())]));
            let mut res = StatusCode::SEE_OTHER.into_response();
            if let Ok(v) = HeaderValue::from_str(&to) {
                res.headers_mut().insert(header::LOCATION, v);
            }
            res
        }
        Err(e) => refusal(&e),
    }
}

fn accepts_html(headers: &http::HeaderMap) -> bool {
    headers.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"))
}

/// A refusal as server functions answer one: its status, its name as JSON.
fn refusal(e: &AppError) -> Response {
    let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_string(e).unwrap_or_else(|_| "\"Internal\"".into());
    (status, [(header::CONTENT_TYPE, "application/json"), (header::CACHE_CONTROL, "no-store")], body).into_response()
}

async fn answer(state: &AppState, parts: &http::request::Parts) -> Result<Response, AppError> {
    let user = match crate::accounts::session::token_from_headers(&state.security, &parts.headers) {
        Some(token) => crate::accounts::session::lookup(&state.db, &token).await?,
        None => None,
    };
    authorize(user.as_ref(), Action::ReadDocument)?;
    let user = user.ok_or(AppError::NotSignedIn)?;
    let id = document_id(parts.uri.query().unwrap_or("")).ok_or(AppError::InvalidInput)?;
    let (doc, owner) = super::service::find(&state.db, id).await?.ok_or(AppError::NotFound)?;
    if !may_read_case(&user, owner) {
        return Err(AppError::NotFound);
    }
    let bytes = super::service::read_file(&state.uploads, &doc.stored_name).await?;
    if user.role.is_staff() {
        let ip = parts.extensions.get::<crate::state::ClientIp>().map(|c| c.0.as_str()).unwrap_or("-");
        tracing::info!(
            staff_id = user.id,
            role = %user.role,
            document_id = doc.id,
            case_id = doc.case_id,
            client_ip = ip,
            "staff read a document"
        );
    }
    let disposition = content_disposition(&doc.original_name, doc.media_type);
    let mut res = Response::new(Body::from(bytes));
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(doc.media_type.mime()));
    h.insert(header::CONTENT_DISPOSITION, HeaderValue::from_str(&disposition).map_err(|_| AppError::Internal)?);
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // Another site's page may not embed it, not even with the reader's cookies.
    h.insert("cross-origin-resource-policy", HeaderValue::from_static("same-origin"));
    Ok(res)
}

/// `id` of `id=N` (the only parameter that counts).
fn document_id(query: &str) -> Option<i32> {
    form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == "id")
        .and_then(|(_, v)| v.trim().parse::<i32>().ok())
        .filter(|id| *id > 0)
}

/// `attachment` for a PDF (a browser's PDF viewer runs scripts of its own),
/// `inline` for a photo; the name it was uploaded with, its extension that of
/// its type, as plain ASCII and as UTF-8 (RFC 6266, RFC 8187).
pub fn content_disposition(name: &str, kind: MediaType) -> String {
    let ext = kind.extension();
    let lower = name.to_lowercase();
    let has_ext = lower.ends_with(&format!(".{ext}")) || (kind == MediaType::Jpeg && lower.ends_with(".jpeg"));
    let name = if has_ext { name.to_string() } else { format!("{name}.{ext}") };
    let ascii: String = name
        .chars()
        .map(|c| if c.is_ascii_graphic() && !matches!(c, '"' | '\\' | '%' | ';') || c == ' ' { c } else { '_' })
        .collect();
    let mut utf8 = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            utf8.push(b as char);
        } else {
            utf8.push_str(&format!("%{b:02X}"));
        }
    }
    let kind = if kind == MediaType::Pdf { "attachment" } else { "inline" };
    format!("{kind}; filename=\"{ascii}\"; filename*=UTF-8''{utf8}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn download_names_are_quoted_and_typed_by_content() {
        assert_eq!(
            content_disposition("ruxsatnoma.pdf", MediaType::Pdf),
            "attachment; filename=\"ruxsatnoma.pdf\"; filename*=UTF-8''ruxsatnoma.pdf"
        );
        assert_eq!(
            content_disposition("virus.exe", MediaType::Png),
            "inline; filename=\"virus.exe.png\"; filename*=UTF-8''virus.exe.png"
        );
        assert_eq!(
            content_disposition("Oʻzbek \"pasport\";x.JPEG", MediaType::Jpeg),
            "inline; filename=\"O_zbek _pasport__x.JPEG\"; filename*=UTF-8''O%CA%BBzbek%20%22pasport%22%3Bx.JPEG"
        );
    }

    #[test]
    fn only_a_positive_id_counts() {
        assert_eq!(document_id("id=12"), Some(12));
        assert_eq!(document_id("x=1&id=3"), Some(3));
        for bad in ["", "id=", "id=abc", "id=-1", "id=0", "id=99999999999", "ids=4"] {
            assert_eq!(document_id(bad), None, "{bad}");
        }
    }
}
