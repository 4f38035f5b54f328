//! The Köprü server: wires configuration, database, middleware and the Leptos app.

pub mod compress;
pub mod config;
pub mod db;
pub mod middleware;
pub mod outbox;
pub mod reminders;
pub mod seed;
pub mod seed_cases;
pub mod seed_contributions;
pub mod seed_skills;
pub mod seed_world;

use app::state::{AppState, Keys, Security};
use app::{shell, App};
use axum::routing::get;
use axum::{middleware as mw, Json, Router};
use leptos::prelude::*;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::sync::Arc;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;

pub use config::Config;

/// Builds the shared state from the configuration and a connected database.
pub fn state(config: &Config, db: sea_orm::DatabaseConnection) -> AppState {
    AppState {
        db,
        keys: Arc::new(Keys::derive(&config.secret)),
        security: Arc::new(Security {
            secure_cookies: config.production,
            max_failures_per_ip: config.max_failures_per_ip,
            max_codes_per_ip: config.max_codes_per_ip,
            ..Security::default()
        }),
        reference: Arc::default(),
        uploads: Arc::new(config.upload_dir.clone()),
    }
}

/// Leptos' options: from cargo-leptos' environment when it runs us, otherwise
/// the workspace metadata's values.
pub fn leptos_options() -> LeptosOptions {
    let mut options = leptos::config::get_configuration(None)
        .map(|c| c.leptos_options)
        .unwrap_or_else(|_| LeptosOptions::builder().output_name("kopru").build());
    if options.output_name.is_empty() {
        options.output_name = "kopru".into();
    }
    // The release site is built with hashed asset names (`hash-files` in the
    // workspace metadata) and cargo-leptos writes them to hash.txt next to the
    // binary. An operator runs the binary without cargo-leptos' environment:
    // then the names are hashed when that file is there (Leptos panics on
    // every page if hashing is on and the file is missing).
    let hash_file_present = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join(options.hash_file.as_ref()).is_file()))
        .unwrap_or(false);
    options.hash_files = match std::env::var("LEPTOS_HASH_FILES") {
        Ok(v) => v == "true" && hash_file_present,
        Err(_) => hash_file_present,
    };
    options
}

/// The app's routes, worked out once per process: generating them renders the
/// app, which must not run while requests are being rendered.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// The built assets (`/pkg`: WASM, JS, CSS), served as they are: with
/// `Accept-Encoding` the `.br` or `.gz` file written at build time, never
/// compressed per request. With hashed file names (cargo-leptos `hash-files`)
/// a name never changes content, so browsers keep them for a year.
fn assets(options: &LeptosOptions) -> Router {
    let dir = std::path::Path::new(options.site_root.as_ref()).join(options.site_pkg_dir.as_ref());
    let files = ServeDir::new(dir).precompressed_br().precompressed_gzip();
    let cache = if options.hash_files { "public, max-age=31536000, immutable" } else { "no-cache" };
    Router::new()
        .fallback_service(files)
        .layer(SetResponseHeaderLayer::overriding(http::header::CACHE_CONTROL, http::HeaderValue::from_static(cache)))
        .layer(SetResponseHeaderLayer::if_not_present(
            http::header::VARY,
            http::HeaderValue::from_static("accept-encoding"),
        ))
}

/// The whole HTTP application.
pub fn router(config: &Config, state: AppState, options: LeptosOptions) -> Router {
    let routes = route_list();
    let settings = middleware::Settings { proxy_hops: config.proxy_hops, production: config.production };

    // Refused forms of the last minutes, at most 32 MiB of them (`app::forms::echo`).
    let echo_store = Arc::new(app::forms::echo::EchoStore::new(32 << 20));
    let echoes = middleware::FormEchoes { store: echo_store.clone(), secure_cookies: state.security.secure_cookies };
    let context = {
        let state = state.clone();
        move || {
            provide_context(state.clone());
            provide_context(echo_store.clone());
            provide_context(app::state::RequestCache::default());
            if let Some(parts) = use_context::<http::request::Parts>() {
                if let Some(n) = parts.extensions.get::<middleware::CspNonce>() {
                    provide_context(leptos::nonce::Nonce::from_value(n.0.clone()));
                }
            }
        }
    };

    let health_db = state.db.clone();
    let documents = state.clone();
    let x_request_id = http::HeaderName::from_static("x-request-id");
    Router::new()
        .route(
            "/healthz",
            get(move || {
                let db = health_db.clone();
                async move {
                    match db.ping().await {
                        Ok(()) => (http::StatusCode::OK, Json(serde_json::json!({"status": "ok", "database": "ok"}))),
                        Err(e) => {
                            tracing::error!(error = %e, "health check: database unreachable");
                            (
                                http::StatusCode::SERVICE_UNAVAILABLE,
                                Json(serde_json::json!({"status": "degraded", "database": "unreachable"})),
                            )
                        }
                    }
                }
            }),
        )
        // A case's documents, to those who may read the case (`app::documents::serve`).
        .route(
            app::documents::DOCUMENT_PATH,
            get(move |req: axum::extract::Request| app::documents::serve::serve(documents.clone(), req)),
        )
        .leptos_routes_with_context(&options, routes, context.clone(), {
            let options = options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler_with_context(context, shell))
        .with_state(options.clone())
        .layer(mw::from_fn_with_state(echoes, middleware::server_fn_status))
        // Pages and server-function answers are compressed whole (`compress`); the
        // built assets below already are (added after this layer, so it skips them).
        .layer(mw::from_fn(compress::compress))
        .nest_service(&format!("/{}", options.site_pkg_dir), assets(&options))
        .layer(mw::from_fn_with_state(settings.clone(), middleware::security_headers))
        .layer(mw::from_fn(middleware::refuse_cross_site))
        .layer(mw::from_fn_with_state(settings, middleware::client_ip))
        .layer(PropagateRequestIdLayer::new(x_request_id.clone()))
        .layer(TraceLayer::new_for_http().make_span_with(|req: &http::Request<axum::body::Body>| {
            let id = req.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or("-");
            tracing::info_span!("request", request_id = %id, method = %req.method(), path = %req.uri().path())
        }))
        .layer(SetRequestIdLayer::new(x_request_id, MakeRequestUuid))
}
