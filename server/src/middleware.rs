//! The server's own middleware: client address, cross-site refusal, security
//! headers with a per-response CSP nonce.

use app::state::ClientIp;
use axum::body::Body;
use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{header, HeaderValue, Method, StatusCode};
use std::net::SocketAddr;

#[derive(Clone)]
pub struct Settings {
    /// Reverse proxies in front of the server (see `Config::proxy_hops`).
    pub proxy_hops: usize,
    pub production: bool,
}

/// The nonce of this response's Content-Security-Policy.
#[derive(Clone)]
pub struct CspNonce(pub String);

/// Puts the client's address into the request (for rate limits and logs).
/// Behind a trusted proxy it is the *last* `X-Forwarded-For` entry, the one the
/// proxy appended: the entries before it are whatever the client sent.
pub async fn client_ip(State(s): State<Settings>, mut req: Request, next: Next) -> Response {
    let forwarded = forwarded_client(req.headers(), s.proxy_hops);
    let ip = forwarded
        .or_else(|| req.extensions().get::<ConnectInfo<SocketAddr>>().map(|c| c.0.ip().to_string()))
        .unwrap_or_else(|| "unknown".into());
    req.extensions_mut().insert(ClientIp(ip));
    next.run(req).await
}

/// The client's address in `X-Forwarded-For` behind `hops` trusted proxies:
/// each proxy appends the address it received the request from, so the
/// client is `hops` entries from the right. Whatever stands further left the
/// client wrote itself. Several headers count as one list, in order; with
/// fewer entries than proxies (a request that went round them) there is none.
pub fn forwarded_client(headers: &http::HeaderMap, hops: usize) -> Option<String> {
    if hops == 0 {
        return None;
    }
    let entries: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(str::trim)
        .collect();
    let i = entries.len().checked_sub(hops)?;
    Some(entries[i]).filter(|e| !e.is_empty()).map(str::to_string)
}

/// Refuses state-changing requests that come from another site: by
/// `Sec-Fetch-Site: cross-site`, or by an `Origin` that is not this host.
pub async fn refuse_cross_site(req: Request, next: Next) -> Response {
    if !matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) && is_cross_site(&req) {
        tracing::warn!(method = %req.method(), path = req.uri().path(), "cross-site request refused");
        return (StatusCode::FORBIDDEN, "cross-site request refused").into_response();
    }
    next.run(req).await
}

fn is_cross_site(req: &Request) -> bool {
    let h = req.headers();
    if h.get("sec-fetch-site").and_then(|v| v.to_str().ok()) == Some("cross-site") {
        return true;
    }
    let Some(origin) = h.get(header::ORIGIN).and_then(|v| v.to_str().ok()) else {
        return false; // same-origin navigations from old browsers, curl: SameSite cookies protect
    };
    if origin == "null" {
        return true;
    }
    let host = h.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
    let origin_host = origin.split_once("://").map(|(_, rest)| rest).unwrap_or("");
    origin_host != host
}

/// Security headers on every response; CSP with a nonce on pages.
pub async fn security_headers(State(s): State<Settings>, mut req: Request, next: Next) -> Response {
    let nonce = leptos::nonce::Nonce::new().to_string();
    req.extensions_mut().insert(CspNonce(nonce.clone()));
    let mut res: Response<Body> = next.run(req).await;
    let h = res.headers_mut();
    let csp = format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; \
         object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    );
    if let Ok(v) = HeaderValue::from_str(&csp) {
        h.insert(header::CONTENT_SECURITY_POLICY, v);
    }
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    h.insert(header::REFERRER_POLICY, HeaderValue::from_static("same-origin"));
    h.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    h.insert("permissions-policy", HeaderValue::from_static("camera=(), microphone=(), geolocation=()"));
    if s.production {
        h.insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
    let is_html = h
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html") || v.starts_with("application/json"));
    if is_html || !h.contains_key(header::CACHE_CONTROL) {
        // Pages and server-function answers may carry personal data.
        let value = if is_html { "no-store" } else { "no-cache" };
        h.insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    }
    res
}

/// What [`server_fn_status`] needs: where refused forms are kept, and whether
/// cookies are `Secure`.
#[derive(Clone)]
pub struct FormEchoes {
    pub store: std::sync::Arc<app::forms::echo::EchoStore>,
    pub secure_cookies: bool,
}

/// The largest form body kept for a refused form (and accepted at all).
const FORM_BODY_LIMIT: usize = 2 * 1024 * 1024;

/// Server functions answer an error with 500 whatever it is; this gives each
/// of Köprü's errors its own status (400 for bad input, 401, 403, 429 …), so
/// only a real failure is a 500. A plain form post (it accepts `text/html`,
/// with or without JavaScript) that failed goes back to its page with one
/// `?error=<key>` per refused field, and what it had typed (never a password)
/// is kept for that page ([`app::forms::echo`]). A post with files
/// (`multipart/form-data`) goes back the same way, without its fields kept; it
/// is capped at `app::documents::MAX_POST_BYTES` while it streams (axum's
/// `DefaultBodyLimit` does not apply: server functions read multipart bodies
/// as a stream), and one without a boundary never reaches its server function.
pub async fn server_fn_status(State(echoes): State<FormEchoes>, req: Request, next: Next) -> Response {
    if !req.uri().path().starts_with("/api/") {
        return next.run(req).await;
    }
    let h = req.headers();
    let accepts_html = h.get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|v| v.contains("text/html"));
    let content_type = h.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("").to_string();
    let is_form_post =
        accepts_html && req.method() == Method::POST && content_type.starts_with("application/x-www-form-urlencoded");
    // A form with files: never read here (nor kept for the page), only capped as it streams.
    // (By its type in any case: a server function's multipart reader takes `Multipart/Form-Data` too.)
    let is_multipart =
        req.method() == Method::POST && content_type.trim_start().to_ascii_lowercase().starts_with("multipart/");
    let is_plain_post = is_form_post || (accepts_html && is_multipart);
    let referer = h.get(header::REFERER).and_then(|v| v.to_str().ok()).map(str::to_string);
    let echo_token = app::accounts::session::cookie_from_headers(h, app::forms::echo::ECHO_COOKIE);
    let (req, cut) = if is_multipart {
        let length = h.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse().ok());
        if let Err(e) = app::documents::upload::check_post(&content_type, length) {
            return refused(&e, referer.as_deref(), accepts_html);
        }
        let (parts, body) = req.into_parts();
        let (body, cut) = app::documents::upload::capped(body, app::documents::MAX_POST_BYTES);
        (Request::from_parts(parts, body), Some(cut))
    } else {
        (req, None)
    };
    // A form's body is read here once, so that a refusal can keep its fields.
    let (req, posted) = if is_form_post {
        let (parts, body) = req.into_parts();
        match axum::body::to_bytes(body, FORM_BODY_LIMIT).await {
            Ok(bytes) => (Request::from_parts(parts, Body::from(bytes.clone())), Some(bytes)),
            Err(_) => return StatusCode::PAYLOAD_TOO_LARGE.into_response(),
        }
    } else {
        (req, None)
    };
    let path = req.uri().path().to_string();
    let res = match CatchPanic(Box::pin(next.run(req))).await {
        Ok(res) => res,
        Err(e) => {
            tracing::error!(%path, answer = e.key(), "server function panicked");
            return refused(&e, referer.as_deref(), accepts_html);
        }
    };
    if cut.is_some_and(|c| c.load(std::sync::atomic::Ordering::Relaxed)) {
        return refused(&app::error::AppError::FileTooLarge, referer.as_deref(), accepts_html);
    }
    // Done: whatever an earlier refusal of this browser kept is no longer needed.
    let done = |mut res: Response| {
        if let (Some(token), true) = (&echo_token, is_plain_post && res.status().is_redirection()) {
            echoes.store.forget(token);
            set_cookie(res.headers_mut(), &app::forms::echo::echo_cookie(None, echoes.secure_cookies));
        }
        res
    };
    let maybe_error =
        res.status() == StatusCode::INTERNAL_SERVER_ERROR || (accepts_html && res.status() == StatusCode::FOUND);
    if !maybe_error {
        return done(res);
    }
    let (mut parts, body) = res.into_parts();
    let bytes = match axum::body::to_bytes(body, 64 * 1024).await {
        Ok(b) => b,
        Err(_) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    };
    let Ok(e) = serde_json::from_slice::<app::error::AppError>(&bytes) else {
        return done(Response::from_parts(parts, Body::from(bytes)));
    };
    match referer.filter(|_| accepts_html) {
        Some(referer) => {
            parts.status = StatusCode::FOUND;
            let back = app::forms::back_with_error(&referer, &e);
            match HeaderValue::from_str(&back) {
                Ok(v) => parts.headers.insert(header::LOCATION, v),
                Err(_) => parts.headers.insert(header::LOCATION, HeaderValue::from_static("/")),
            };
            if let Some(posted) = posted {
                if let Some(old) = &echo_token {
                    echoes.store.forget(old);
                }
                let token = echoes.store.keep(back.split('?').next().unwrap_or("/"), &posted);
                set_cookie(&mut parts.headers, &app::forms::echo::echo_cookie(Some(&token), echoes.secure_cookies));
            }
            parts.headers.remove(header::CONTENT_TYPE);
            parts.headers.remove(header::CONTENT_LENGTH);
            Response::from_parts(parts, Body::empty())
        }
        None => {
            parts.status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            Response::from_parts(parts, Body::from(bytes))
        }
    }
}

/// A server function's future, with a panic in it turned into an error: a
/// post without a multipart boundary to a server function that takes files
/// (Leptos' reader `expect`s one: "couldn't parse boundary") is bad input;
/// any other panic is the server's fault.
struct CatchPanic<F>(std::pin::Pin<Box<F>>);

impl<F: std::future::Future> std::future::Future for CatchPanic<F> {
    type Output = Result<F::Output, app::error::AppError>;

    fn poll(mut self: std::pin::Pin<&mut Self>, cx: &mut std::task::Context<'_>) -> std::task::Poll<Self::Output> {
        let inner = self.0.as_mut();
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| inner.poll(cx))) {
            Ok(std::task::Poll::Ready(v)) => std::task::Poll::Ready(Ok(v)),
            Ok(std::task::Poll::Pending) => std::task::Poll::Pending,
            Err(payload) => {
                let message = payload
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| payload.downcast_ref::<&str>().copied())
                    .unwrap_or("");
                std::task::Poll::Ready(Err(if message.contains("parse boundary") {
                    app::error::AppError::InvalidInput
                } else {
                    app::error::AppError::Internal
                }))
            }
        }
    }
}

/// A refusal made here, before or instead of the server function's answer: a
/// browser's plain form post goes back to its page with the error, a script
/// gets the error's status and name.
fn refused(e: &app::error::AppError, referer: Option<&str>, accepts_html: bool) -> Response {
    match referer.filter(|_| accepts_html) {
        Some(referer) => {
            let back = app::forms::back_with_error(referer, e);
            let location = HeaderValue::from_str(&back).unwrap_or(HeaderValue::from_static("/"));
            (StatusCode::FOUND, [(header::LOCATION, location)]).into_response()
        }
        None => {
            let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let body = serde_json::to_string(e).unwrap_or_default();
            (status, [(header::CONTENT_TYPE, HeaderValue::from_static("application/json"))], body).into_response()
        }
    }
}

fn set_cookie(headers: &mut http::HeaderMap, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        headers.append(header::SET_COOKIE, v);
    }
}

#[cfg(test)]
mod tests {
    use super::forwarded_client;

    fn headers(values: &[&str]) -> http::HeaderMap {
        let mut h = http::HeaderMap::new();
        for v in values {
            h.append("x-forwarded-for", v.parse().unwrap());
        }
        h
    }

    #[test]
    fn the_client_is_what_the_farthest_trusted_proxy_added() {
        // The client wrote "10.0.0.1"; the one proxy appended the real peer.
        let h = headers(&["10.0.0.1, 203.0.113.9"]);
        assert_eq!(forwarded_client(&h, 1).as_deref(), Some("203.0.113.9"));
        // Two proxies (a CDN, then the load balancer): the CDN's entry.
        let h = headers(&["10.0.0.1, 198.51.100.4, 192.0.2.10"]);
        assert_eq!(forwarded_client(&h, 2).as_deref(), Some("198.51.100.4"));
        // Several headers are one list, in order.
        let h = headers(&["10.0.0.1", "203.0.113.9"]);
        assert_eq!(forwarded_client(&h, 1).as_deref(), Some("203.0.113.9"));
        // Fewer entries than proxies, or none trusted: no address from the header.
        assert_eq!(forwarded_client(&headers(&["203.0.113.9"]), 2), None);
        assert_eq!(forwarded_client(&headers(&["203.0.113.9"]), 0), None);
        assert_eq!(forwarded_client(&headers(&[]), 1), None);
    }
}
