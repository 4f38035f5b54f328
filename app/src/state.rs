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
    /// Where uploaded documents are kept (outside the web root; `KOPRU_UPLOAD_DIR`).
    pub uploads: Arc<std::path::PathBuf>,
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
/// Each use has its own key, so that one leaking (say, through a timing side
/// channel on the rate-limit hashes) reveals nothing about the others.
pub struct Keys {
    /// Keyed hashes of logins and addresses in the rate-limit tables.
    rate_limit: [u8; 32],
    /// The passport number's blind index (exact lookups, duplicate flags).
    blind_index: [u8; 32],
    /// One-time codes (six digits: a plain hash would fall to a dictionary).
    codes: [u8; 32],
    /// For encrypting personal data at rest (passport numbers).
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
        Keys {
            rate_limit: derive(b"kopru/rate-limit/v2"),
            blind_index: derive(b"kopru/blind-index/v2"),
            codes: derive(b"kopru/one-time-codes/v1"),
            encryption: derive(b"kopru/aead/v1"),
        }
    }

    fn mac(key: &[u8; 32], value: &str) -> String {
        use hmac::{Hmac, Mac};
        use sha2::Sha256;
        let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("any key length");
        mac.update(value.as_bytes());
        hex::encode(mac.finalize().into_bytes())
    }

    /// The key of a login, an address or a client address in the rate-limit tables.
    pub fn rate_limit_key(&self, value: &str) -> String {
        Self::mac(&self.rate_limit, value)
    }

    /// The blind index of a normalised passport number.
    pub fn passport_lookup(&self, passport: &str) -> String {
        Self::mac(&self.blind_index, passport)
    }

    /// How a one-time code is stored.
    pub fn code_hash(&self, code: &str) -> String {
        Self::mac(&self.codes, code)
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
    /// Failed sign-ins allowed for one account from one client address in an
    /// hour; the only account limit for a browser that signed in to it before.
    pub max_failures_per_account_and_ip: u64,
    /// Codes sent to one phone or e-mail address in an hour.
    pub max_codes_per_address: u64,
    /// Codes asked for from one client address in an hour.
    pub max_codes_per_ip: u64,
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

    /// The cookie of a browser that signed in before (see `login_device`).
    pub fn device_cookie_name(&self) -> &'static str {
        if self.secure_cookies {
            "__Host-kopru_device"
        } else {
            "kopru_device"
        }
    }

    /// The cookie that ties a sent code to the browser that asked for it.
    pub fn ticket_cookie_name(&self) -> &'static str {
        if self.secure_cookies {
            "__Host-kopru_ticket"
        } else {
            "kopru_ticket"
        }
    }
}

impl Default for Security {
    fn default() -> Self {
        Security {
            secure_cookies: false,
            max_failures_per_account: 100,
            max_failures_per_ip: 1000,
            max_failures_per_account_and_ip: 10,
            max_codes_per_address: 5,
            max_codes_per_ip: 30,
            session_days: 30,
        }
    }
}

/// The client's address, put into the request by the server's middleware.
#[derive(Clone, Debug)]
pub struct ClientIp(pub String);
