//! Language choice (F1.1): an explicit choice in a cookie beats the browser's
//! Accept-Language, which beats Uzbek. leptos_i18n applies the same order when
//! it renders; the switch itself is a plain form post so it works without JS.

use crate::error::AppError;
use crate::i18n::Locale;
use leptos::prelude::*;

/// The cookie leptos_i18n reads on the server and in the browser.
pub const LANG_COOKIE: &str = "i18n_pref_locale";

pub fn parse_locale(tag: &str) -> Option<Locale> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    match primary.as_str() {
        "uz" => Some(Locale::uz),
        "tr" => Some(Locale::tr),
        _ => None,
    }
}

/// The locale for a request: cookie > Accept-Language (by q-value) > Uzbek.
/// The server uses it where it works outside the Leptos tree (e-mails, logs).
pub fn choose_locale(cookie: Option<&str>, accept_language: Option<&str>) -> Locale {
    if let Some(l) = cookie.and_then(parse_locale) {
        return l;
    }
    if let Some(header) = accept_language {
        let mut best: Option<(f32, Locale)> = None;
        for part in header.split(',') {
            let mut it = part.split(';');
            let tag = it.next().unwrap_or("");
            let q =
                it.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.trim().parse::<f32>().ok()).unwrap_or(1.0);
            if q <= 0.0 {
                continue;
            }
            if let Some(l) = parse_locale(tag) {
                if best.map(|(bq, _)| q > bq).unwrap_or(true) {
                    best = Some((q, l));
                }
            }
        }
        if let Some((_, l)) = best {
            return l;
        }
    }
    Locale::uz
}

/// The language of the request a server function serves, as its page was
/// rendered in (the cookie, else Accept-Language, else Uzbek).
#[cfg(feature = "ssr")]
pub fn request_locale() -> &'static str {
    let parts = use_context::<http::request::Parts>();
    let header = |name: http::header::HeaderName| {
        parts.as_ref().and_then(|p| p.headers.get(name)).and_then(|v| v.to_str().ok()).map(str::to_string)
    };
    let cookie = header(http::header::COOKIE).and_then(|c| {
        c.split(';')
            .filter_map(|kv| kv.trim().split_once('='))
            .find(|(k, _)| *k == LANG_COOKIE)
            .map(|(_, v)| v.to_string())
    });
    leptos_i18n::Locale::as_str(choose_locale(cookie.as_deref(), header(http::header::ACCEPT_LANGUAGE).as_deref()))
}

/// A same-site path to come back to; anything else becomes `/`.
pub fn safe_next(next: &str) -> String {
    // A path on this site, of a sane length (it ends up in a `Location` header).
    let ok = next.starts_with('/')
        && next.len() <= 2000
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && !next.chars().any(|c| c.is_control());
    if ok {
        next.to_string()
    } else {
        "/".to_string()
    }
}

/// Switches the language: sets the cookie and sends the person back where they were.
#[server(endpoint = "set_language")]
pub async fn set_language(lang: String, next: String) -> Result<(), AppError> {
    let (_, _) = crate::guard::visitor(crate::authz::Action::SetLanguage).await?;
    let l = parse_locale(&lang).ok_or(AppError::InvalidInput)?;
    let cookie = cookie::Cookie::build((LANG_COOKIE, leptos_i18n::Locale::as_str(l)))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .max_age(cookie::time::Duration::days(365))
        .build();
    crate::forms::set_cookie(&cookie.to_string());
    crate::forms::redirect(&safe_next(&next));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_beats_header_beats_default() {
        assert_eq!(choose_locale(Some("tr"), Some("uz-UZ")), Locale::tr);
        assert_eq!(choose_locale(Some("uz"), Some("tr-TR")), Locale::uz);
        assert_eq!(choose_locale(None, Some("tr-TR,tr;q=0.9,en;q=0.8")), Locale::tr);
        assert_eq!(choose_locale(None, Some("en-US,en;q=0.9")), Locale::uz);
        assert_eq!(choose_locale(None, None), Locale::uz);
        // An unknown cookie value falls through to the header.
        assert_eq!(choose_locale(Some("fr"), Some("tr")), Locale::tr);
    }

    #[test]
    fn accept_language_respects_q_values() {
        assert_eq!(choose_locale(None, Some("uz;q=0.3, tr;q=0.8")), Locale::tr);
        assert_eq!(choose_locale(None, Some("tr;q=0, uz")), Locale::uz);
        assert_eq!(choose_locale(None, Some("ru, uz-Latn-UZ;q=0.5")), Locale::uz);
    }

    #[test]
    fn next_is_kept_on_site() {
        assert_eq!(safe_next("/signin?x=1"), "/signin?x=1");
        assert_eq!(safe_next("//evil.example"), "/");
        assert_eq!(safe_next("https://evil.example"), "/");
        assert_eq!(safe_next("/\\evil"), "/");
        assert_eq!(safe_next(""), "/");
    }
}
