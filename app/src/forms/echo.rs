//! What a refused form had typed, so the page comes back filled in.
//!
//! A plain form post that fails is sent back to its page (post, redirect,
//! get). The server's middleware keeps the posted fields — never a password —
//! in memory for [`ECHO_MINUTES`], under a random token in an HttpOnly cookie
//! of this browser ([`ECHO_COOKIE`]), and the page reads them back while its
//! URL carries the errors. Nothing of it is written to disk or logged; a
//! successful post from the same browser forgets it.

/// The fields a refused form had, in the order the browser sent them. It
/// reaches the browser as a query string (see [`std::fmt::Display`]), which
/// needs no JSON decoder for it in the WASM.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Echo(pub Vec<(String, String)>);

impl std::fmt::Display for Echo {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&crate::parse::query_string(self.0.iter().map(|(k, v)| (k.as_str(), v.clone()))))
    }
}

impl std::str::FromStr for Echo {
    type Err = std::convert::Infallible;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(Echo(form_urlencoded::parse(s.as_bytes()).map(|(k, v)| (k.into_owned(), v.into_owned())).collect()))
    }
}

impl Echo {
    /// Whether the page is showing a refused form (then an absent checkbox
    /// means "unticked", not "as saved").
    pub fn is_active(&self) -> bool {
        !self.0.is_empty()
    }

    /// What was typed into `name`.
    pub fn value(&self, name: &str) -> Option<String> {
        self.0.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }

    /// What was typed into `name`, else `saved` (the record being edited).
    pub fn or(&self, name: &str, saved: impl FnOnce() -> String) -> String {
        self.value(name).unwrap_or_else(saved)
    }

    /// A ticked checkbox: as posted when the form is refused, else `saved`.
    pub fn checked(&self, name: &str, saved: bool) -> bool {
        if self.is_active() {
            self.0.iter().any(|(k, v)| k == name && v != "false")
        } else {
            saved
        }
    }

    /// A chosen reference (a `<select>` of ids), else `saved`.
    pub fn id(&self, name: &str, saved: Option<i32>) -> Option<i32> {
        match self.value(name) {
            Some(v) => v.trim().parse().ok(),
            None => saved,
        }
    }
}

/// The cookie that names this browser's kept form.
pub const ECHO_COOKIE: &str = "kopru_form";
/// How long a refused form is kept.
pub const ECHO_MINUTES: u64 = 15;

/// Fields never kept: whatever is called a password.
pub fn is_secret(name: &str) -> bool {
    name.contains("password")
}

/// The fields of a posted `application/x-www-form-urlencoded` body, without
/// the secret ones.
pub fn kept_fields(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body).filter(|(k, _)| !is_secret(k)).map(|(k, v)| (k.into_owned(), v.into_owned())).collect()
}

#[cfg(feature = "ssr")]
pub use store::*;

#[cfg(feature = "ssr")]
mod store {
    use super::*;
    use std::sync::Arc;
    use std::time::{Duration, Instant};

    struct Kept {
        /// The path of the page the form was on.
        page: String,
        fields: Vec<(String, String)>,
        at: Instant,
    }

    #[derive(Clone)]
    struct Weigh;

    impl quick_cache::Weighter<String, Arc<Kept>> for Weigh {
        fn weight(&self, key: &String, v: &Arc<Kept>) -> u64 {
            let fields: usize = v.fields.iter().map(|(k, v)| k.len() + v.len() + 48).sum();
            (key.len() + v.page.len() + fields + 64) as u64
        }
    }

    /// The refused forms of the last minutes, bounded in bytes (the oldest
    /// and least used go first).
    pub struct EchoStore {
        kept: quick_cache::sync::Cache<String, Arc<Kept>, Weigh>,
        ttl: Duration,
    }

    impl EchoStore {
        /// A store of at most `max_bytes` of kept fields.
        pub fn new(max_bytes: u64) -> EchoStore {
            EchoStore {
                kept: quick_cache::sync::Cache::with_weighter(4096, max_bytes, Weigh),
                ttl: Duration::from_secs(ECHO_MINUTES * 60),
            }
        }

        /// Keeps the fields posted from `page`; the token for the cookie.
        pub fn keep(&self, page: &str, body: &[u8]) -> String {
            use rand::RngCore;
            let mut raw = [0u8; 16];
            rand::rngs::OsRng.fill_bytes(&mut raw);
            let token = hex::encode(raw);
            let page = page.split('?').next().unwrap_or(page).to_string();
            self.kept.insert(token.clone(), Arc::new(Kept { page, fields: kept_fields(body), at: Instant::now() }));
            token
        }

        /// The fields kept under `token` for the page at `page`.
        pub fn get(&self, token: &str, page: &str) -> Echo {
            match self.kept.get(token) {
                Some(k) if k.page == page && k.at.elapsed() < self.ttl => Echo(k.fields.clone()),
                _ => Echo::default(),
            }
        }

        pub fn forget(&self, token: &str) {
            self.kept.remove(token);
        }
    }

    /// `Set-Cookie` for a kept form (or, with `None`, to drop the cookie).
    pub fn echo_cookie(token: Option<&str>, secure: bool) -> String {
        let age = if token.is_some() { (ECHO_MINUTES * 60) as i64 } else { 0 };
        cookie::Cookie::build((ECHO_COOKIE, token.unwrap_or("").to_string()))
            .path("/")
            .http_only(true)
            .secure(secure)
            .same_site(cookie::SameSite::Lax)
            .max_age(cookie::time::Duration::seconds(age))
            .build()
            .to_string()
    }

    /// The kept form for the page being rendered, when its URL shows errors.
    pub fn for_this_page() -> Echo {
        use leptos::prelude::use_context;
        let (Some(store), Some(parts)) = (use_context::<Arc<EchoStore>>(), use_context::<http::request::Parts>())
        else {
            return Echo::default();
        };
        let shows_errors =
            parts.uri.query().is_some_and(|q| form_urlencoded::parse(q.as_bytes()).any(|(k, _)| k == "error"));
        match crate::accounts::session::cookie_from_headers(&parts.headers, ECHO_COOKIE) {
            Some(token) if shows_errors => store.get(&token, parts.uri.path()),
            _ => Echo::default(),
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn keeps_what_was_typed_but_never_a_password() {
            let store = EchoStore::new(1 << 20);
            let token = store.keep(
                "/signup?next=%2Fvacancies%2F3",
                b"name=Ali+Valiyev&phone=90+123&password=hunter22&new_password=x&consent=yes",
            );
            assert_eq!(token.len(), 32);
            let echo = store.get(&token, "/signup");
            assert_eq!(echo.value("name").as_deref(), Some("Ali Valiyev"));
            assert_eq!(echo.value("phone").as_deref(), Some("90 123"));
            assert!(echo.checked("consent", false));
            assert_eq!(echo.value("password"), None);
            assert_eq!(echo.value("new_password"), None);
            assert_eq!(store.get(&token, "/signup/employer"), Echo::default(), "another page's form");
            assert_eq!(store.get("0000", "/signup"), Echo::default(), "another browser");
            store.forget(&token);
            assert_eq!(store.get(&token, "/signup"), Echo::default());
        }

        #[test]
        fn the_store_stays_within_its_bytes() {
            let store = EchoStore::new(1 << 20);
            let big = format!("text_tr={}", "a".repeat(64 * 1024));
            let tokens: Vec<String> = (0..40).map(|_| store.keep("/employer/vacancies/new", big.as_bytes())).collect();
            let alive = tokens.iter().filter(|t| store.get(t, "/employer/vacancies/new").is_active()).count();
            // 1 MiB holds at most 16 forms of 64 KiB: the rest were let go.
            assert!(alive > 0 && alive <= 16, "{alive} of 40 kept");
        }

        #[test]
        fn the_cookie_is_http_only_and_expires() {
            let c = echo_cookie(Some("abc"), true);
            assert!(c.contains("HttpOnly") && c.contains("Secure") && c.contains("SameSite=Lax"), "{c}");
            assert!(c.contains("Max-Age=900"), "{c}");
            assert!(echo_cookie(None, false).contains("Max-Age=0"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_echo_travels_as_a_query_string() {
        let echo = Echo(vec![("name".into(), "Ali & Vali".into()), ("text_tr".into(), "Satır 1\nSatır=2".into())]);
        let s = echo.to_string();
        assert_eq!(s, "name=Ali+%26+Vali&text_tr=Sat%C4%B1r+1%0ASat%C4%B1r%3D2");
        assert_eq!(s.parse::<Echo>().unwrap(), echo);
        assert_eq!("".parse::<Echo>().unwrap(), Echo::default());
    }

    #[test]
    fn a_refused_form_overrides_the_saved_record() {
        let echo = Echo(vec![("district".into(), "Esenyurt".into()), ("sector_id".into(), "4".into())]);
        assert_eq!(echo.or("district", || "Kadıköy".into()), "Esenyurt");
        assert_eq!(echo.or("address", || "saved".into()), "saved");
        assert!(!echo.checked("housing", true), "unticked in the refused post");
        assert_eq!(echo.id("sector_id", Some(2)), Some(4));
        assert_eq!(echo.id("province_id", Some(34)), Some(34));
        let none = Echo::default();
        assert!(none.checked("housing", true), "nothing refused: as saved");
        assert_eq!(none.or("district", || "Kadıköy".into()), "Kadıköy");
    }
}
