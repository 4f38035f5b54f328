//! What the server hands to every server function and page render (SSR only).

use sea_orm::DatabaseConnection;
use std::sync::Arc;

/// The state of the running server, as server functions and page renders see it.
pub fn app_state() -> Result<AppState, crate::error::AppError> {
    leptos::prelude::use_context::<AppState>().ok_or(crate::error::AppError::Internal)
}

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub keys: Arc<Keys>,
    pub security: Arc<Security>,
    /// The reference lists and emergency contacts, kept between requests.
    pub reference: Arc<crate::reference::cache::ReferenceCache>,
}

/// What one request looks up once, however many resources of its page ask:
/// the signed-in user and the reference data. The server provides a fresh one
/// per request (page render or server-function call).
#[derive(Clone, Default)]
pub struct RequestCache {
    pub user: Arc<tokio::sync::OnceCell<Option<crate::accounts::SessionUser>>>,
    pub reference: Arc<tokio::sync::OnceCell<Arc<crate::reference::cache::Snapshot>>>,
}

impl RequestCache {
    pub fn current() -> Option<RequestCache> {
        leptos::prelude::use_context::<RequestCache>()
    }
}

/// Keys derived from the server's secret; the secret itself never leaves the config.
pub struct Keys {
    /// For keyed hashes (rate-limit keys, later blind indexes).
    pub hmac: [u8; 32],
    /// For encrypting personal data at rest (passport numbers, issue #3).
    pub encryption: [u8; 32],
}

impl Keys {
    pub fn derive(secret: &[u8]) -> Keys {
        use hmac::{Hmac, Mac};
        use sha2::Sha256;
        let derive = |label: &[u8]| {
            let mut mac = Hmac::<Sha256>::new_from_slice(secret).expect("any key length");
            mac.update(label);
            let out = mac.finalize().into_bytes();
            let mut k = [0u8; 32];
            k.copy_from_slice(&out);
            k
        };
        Keys { hmac: derive(b"kopru/hmac/v1"), encryption: derive(b"kopru/aead/v1") }
    }

    /// A keyed hash, hex encoded.
    pub fn keyed_hash(&self, value: &str) -> String {
        use hmac::{Hmac, Mac};
        use sha2::Sha256;
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.hmac).expect("any key length");
        mac.update(value.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }
}

/// Security settings that differ between development and production.
pub struct Security {
    /// Cookies get `Secure` and the `__Host-` prefix (production, behind HTTPS).
    pub secure_cookies: bool,
    /// Failed sign-ins allowed per account in an hour.
    pub max_failures_per_account: u64,
    /// Failed sign-ins allowed per client address in an hour.
    pub max_failures_per_ip: u64,
    /// How long a session lives.
    pub session_days: i64,
}

impl Security {
    pub fn session_cookie_name(&self) -> &'static str {
        if self.secure_cookies {
            "__Host-kopru_session"
        } else {
            "kopru_session"
        }
    }
}

impl Default for Security {
    fn default() -> Self {
        Security { secure_cookies: false, max_failures_per_account: 100, max_failures_per_ip: 1000, session_days: 30 }
    }
}

/// The client's address, put into the request by the server's middleware.
#[derive(Clone, Debug)]
pub struct ClientIp(pub String);
