//! The built assets are sent as the build wrote them: the `.br` or `.gz` file
//! for a browser that accepts it (never compressed per request), the original
//! otherwise, and with hashed names cached for a year.

mod common;

use axum::body::Body;
use common::{TestApp, HOST};
use http::{header, Request, StatusCode};
use http_body_util::BodyExt;
use tower::ServiceExt;

struct Got {
    status: StatusCode,
    headers: http::HeaderMap,
    body: Vec<u8>,
}

async fn get(router: &axum::Router, path: &str, accept_encoding: Option<&str>) -> Got {
    let mut b = Request::get(path).header(header::HOST, HOST);
    if let Some(e) = accept_encoding {
        b = b.header(header::ACCEPT_ENCODING, e);
    }
    let res = router.clone().oneshot(b.body(Body::empty()).unwrap()).await.unwrap();
    let (status, headers) = (res.status(), res.headers().clone());
    Got { status, headers, body: res.into_body().collect().await.unwrap().to_bytes().to_vec() }
}

fn site(hash_files: bool) -> (tempfile::TempDir, leptos::config::LeptosOptions) {
    let dir = tempfile::tempdir().unwrap();
    let pkg = dir.path().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    // Stand-ins whose bytes tell which file was sent.
    std::fs::write(pkg.join("kopru.1a2b3c.wasm"), b"\0asm original bytes of the module").unwrap();
    std::fs::write(pkg.join("kopru.1a2b3c.wasm.br"), b"brotli bytes written by the build").unwrap();
    std::fs::write(pkg.join("kopru.1a2b3c.wasm.gz"), b"gzip bytes written by the build").unwrap();
    std::fs::write(pkg.join("kopru.1a2b3c.css"), "body { color: black }\n".repeat(200)).unwrap();
    let options = leptos::config::LeptosOptions::builder()
        .output_name("kopru")
        .site_root(dir.path().to_string_lossy().to_string())
        .hash_files(hash_files)
        .build();
    (dir, options)
}

#[tokio::test]
async fn assets_are_sent_precompressed_and_cached_for_a_year() {
    let app = TestApp::new().await;
    let (_dir, options) = site(true);
    let router = server::router(&app.config, app.state.clone(), options);

    let br = get(&router, "/pkg/kopru.1a2b3c.wasm", Some("gzip, deflate, br")).await;
    assert_eq!(br.status, StatusCode::OK);
    assert_eq!(br.headers.get(header::CONTENT_ENCODING).unwrap(), "br");
    assert_eq!(br.body, b"brotli bytes written by the build", "the build's file, as it is");
    assert_eq!(br.headers.get(header::CONTENT_TYPE).unwrap(), "application/wasm");
    assert_eq!(br.headers.get(header::CACHE_CONTROL).unwrap(), "public, max-age=31536000, immutable");
    assert!(br.headers.get(header::VARY).is_some_and(|v| v.to_str().unwrap().contains("accept-encoding")));

    let gz = get(&router, "/pkg/kopru.1a2b3c.wasm", Some("gzip")).await;
    assert_eq!(gz.headers.get(header::CONTENT_ENCODING).unwrap(), "gzip");
    assert_eq!(gz.body, b"gzip bytes written by the build");

    let plain = get(&router, "/pkg/kopru.1a2b3c.wasm", None).await;
    assert!(plain.headers.get(header::CONTENT_ENCODING).is_none());
    assert_eq!(plain.body, b"\0asm original bytes of the module");

    // A file the build did not compress is sent as it is, not compressed now.
    let css = get(&router, "/pkg/kopru.1a2b3c.css", Some("br, gzip")).await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.headers.get(header::CONTENT_ENCODING).is_none(), "no per-request compression of assets");
    assert_eq!(css.body.len(), "body { color: black }\n".len() * 200);

    assert_eq!(get(&router, "/pkg/nothing.wasm", Some("br")).await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn unhashed_assets_are_revalidated() {
    let app = TestApp::new().await;
    let (_dir, options) = site(false);
    let router = server::router(&app.config, app.state.clone(), options);
    let r = get(&router, "/pkg/kopru.1a2b3c.wasm", Some("br")).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.headers.get(header::CACHE_CONTROL).unwrap(), "no-cache");
    // Pages are still compressed on the fly.
    let page = get(&router, "/", Some("br")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert_eq!(page.headers.get(header::CONTENT_ENCODING).unwrap(), "br");
    assert_eq!(page.headers.get(header::CACHE_CONTROL).unwrap(), "no-store");
}

/// Pages are compressed per request (`server::compress`): the brotli and gzip answers decode to the very
/// bytes of the plain one, say so in their headers, and vary on `Accept-Encoding`; `br;q=0` is respected.
#[tokio::test]
async fn pages_decode_to_the_plain_page_in_every_encoding() {
    use std::io::Read;
    let app = TestApp::new().await;
    let (_dir, options) = site(true);
    let router = server::router(&app.config, app.state.clone(), options);
    let plain = get(&router, "/privacy", None).await;
    assert_eq!(plain.status, StatusCode::OK);
    assert!(plain.headers.get(header::CONTENT_ENCODING).is_none());
    assert!(plain.body.len() > 2_000, "a real page: {} bytes", plain.body.len());

    let br = get(&router, "/privacy", Some("gzip, deflate, br, zstd")).await;
    assert_eq!(br.headers.get(header::CONTENT_ENCODING).unwrap(), "br");
    assert!(br.headers.get(header::VARY).is_some_and(|v| v.to_str().unwrap().contains("accept-encoding")));
    assert!(br.body.len() * 2 < plain.body.len(), "{} of {}", br.body.len(), plain.body.len());
    let mut decoded = Vec::new();
    brotlic::DecompressorReader::new(&br.body[..]).read_to_end(&mut decoded).unwrap();
    assert_eq!(strip_nonce(&decoded), strip_nonce(&plain.body));

    let gz = get(&router, "/privacy", Some("br;q=0, gzip")).await;
    assert_eq!(gz.headers.get(header::CONTENT_ENCODING).unwrap(), "gzip");
    let mut decoded = Vec::new();
    flate2::read::GzDecoder::new(&gz.body[..]).read_to_end(&mut decoded).unwrap();
    assert_eq!(strip_nonce(&decoded), strip_nonce(&plain.body));
}

/// The page with its per-response CSP nonce blanked (it differs between two answers by design).
fn strip_nonce(page: &[u8]) -> String {
    let page = String::from_utf8(page.to_vec()).unwrap();
    let mut out = String::new();
    let mut rest = page.as_str();
    while let Some(i) = rest.find("nonce=\"") {
        out.push_str(&rest[..i + 7]);
        rest = &rest[i + 7..];
        rest = &rest[rest.find('"').unwrap()..];
    }
    out.push_str(rest);
    out
}
