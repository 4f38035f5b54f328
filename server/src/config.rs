//! Configuration from the environment, with development defaults that match
//! the workspace metadata, so `target/release/kopru` runs with no settings.

use anyhow::{bail, Context};

/// The development key: published with the code, so it seals nothing. The server takes it only when
/// `KOPRU_ENV=development` says so explicitly; without `KOPRU_ENV` the server is in production.
pub const DEV_SECRET: &str = "kopru-development-secret-do-not-use-in-production";

#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: String,
    pub secret: Vec<u8>,
    pub production: bool,
    /// How many reverse proxies in front of the server append to
    /// `X-Forwarded-For` (0: none, the header is ignored). The client is the
    /// address the farthest of them added: that many entries from the right.
    pub proxy_hops: usize,
    pub max_failures_per_ip: u64,
    /// Verification and reset codes asked for per client address in an hour.
    pub max_codes_per_ip: u64,
    pub log_json: bool,
    /// Where uploaded documents are stored, outside the web root (`KOPRU_UPLOAD_DIR`).
    pub upload_dir: std::path::PathBuf,
}

impl Config {
    pub fn from_env() -> anyhow::Result<Config> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> anyhow::Result<Config> {
        // Safe by default: an unset KOPRU_ENV is production (a real key, Secure cookies, HSTS).
        let production = match get("KOPRU_ENV").as_deref() {
            Some("development") => false,
            None | Some("production") => true,
            Some(other) => bail!("KOPRU_ENV must be development or production, not {other:?}"),
        };
        let secret = match get("KOPRU_SECRET_KEY") {
            Some(s) if s == DEV_SECRET && production => bail!(
                "KOPRU_SECRET_KEY is the published development key: set a real one, \
                 or KOPRU_ENV=development on a developer's machine"
            ),
            Some(s) if s.len() < 32 => bail!("KOPRU_SECRET_KEY must be at least 32 characters"),
            Some(s) => s.into_bytes(),
            None if production => bail!(
                "KOPRU_SECRET_KEY must be set (at least 32 characters); \
                 KOPRU_ENV=development runs with the development key"
            ),
            None => DEV_SECRET.as_bytes().to_vec(),
        };
        let database_url = get("DATABASE_URL").unwrap_or_else(|| "sqlite://data/kopru.db?mode=rwc".into());
        let number = |key: &str, default: u64| -> anyhow::Result<u64> {
            match get(key) {
                Some(v) => v.trim().parse().with_context(|| format!("{key} must be a number")),
                None => Ok(default),
            }
        };
        // Behind a NAT or a shared phone-shop Wi-Fi many people share one address.
        let max_failures_per_ip = number("KOPRU_MAX_FAILURES_PER_IP", 1000)?;
        let max_codes_per_ip = number("KOPRU_MAX_CODES_PER_IP", 30)?;
        Ok(Config {
            database_url,
            secret,
            production,
            proxy_hops: match get("KOPRU_TRUST_PROXY").as_deref().map(str::trim) {
                None | Some("") | Some("0") | Some("false") | Some("no") => 0,
                Some("1") | Some("true") | Some("yes") => 1,
                Some(n) => n.parse().context("KOPRU_TRUST_PROXY must be a number of proxies (or true/false)")?,
            },
            max_failures_per_ip,
            max_codes_per_ip,
            log_json: get("KOPRU_LOG_FORMAT").as_deref() != Some("pretty"),
            upload_dir: get("KOPRU_UPLOAD_DIR")
                .filter(|d| !d.trim().is_empty())
                .unwrap_or_else(|| "data/uploads".into())
                .into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn cfg(pairs: &[(&str, &str)]) -> anyhow::Result<Config> {
        let m: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_lookup(|k| m.get(k).cloned())
    }

    #[test]
    fn development_defaults() {
        let c = cfg(&[("KOPRU_ENV", "development")]).unwrap();
        assert!(!c.production);
        assert_eq!(c.secret, DEV_SECRET.as_bytes());
        assert_eq!(c.database_url, "sqlite://data/kopru.db?mode=rwc");
        assert_eq!(c.upload_dir, std::path::PathBuf::from("data/uploads"));
        let c = cfg(&[("KOPRU_ENV", "development"), ("KOPRU_UPLOAD_DIR", "/srv/kopru/uploads")]).unwrap();
        assert_eq!(c.upload_dir, std::path::PathBuf::from("/srv/kopru/uploads"));
    }

    #[test]
    fn production_refuses_the_development_secret() {
        assert!(cfg(&[]).is_err(), "no KOPRU_ENV is production: the development key is refused");
        assert!(cfg(&[("KOPRU_SECRET_KEY", DEV_SECRET)]).is_err());
        assert!(cfg(&[("KOPRU_SECRET_KEY", &"k".repeat(40))]).unwrap().production);
        assert!(cfg(&[("KOPRU_ENV", "dev")]).is_err(), "only the exact word");
        assert!(cfg(&[("KOPRU_ENV", "production")]).is_err());
        assert!(cfg(&[("KOPRU_ENV", "production"), ("KOPRU_SECRET_KEY", DEV_SECRET)]).is_err());
        assert!(cfg(&[("KOPRU_ENV", "production"), ("KOPRU_SECRET_KEY", "short")]).is_err());
        let c = cfg(&[("KOPRU_ENV", "production"), ("KOPRU_SECRET_KEY", &"k".repeat(40))]).unwrap();
        assert!(c.production);
        assert!(cfg(&[("KOPRU_ENV", "staging")]).is_err());
    }

    #[test]
    fn proxy_hops() {
        let hops = |v: &str| cfg(&[("KOPRU_ENV", "development"), ("KOPRU_TRUST_PROXY", v)]).map(|c| c.proxy_hops);
        assert_eq!(cfg(&[("KOPRU_ENV", "development")]).unwrap().proxy_hops, 0);
        assert_eq!(hops("true").unwrap(), 1);
        assert_eq!(hops("1").unwrap(), 1);
        assert_eq!(hops("2").unwrap(), 2);
        let dev = |k: &str, v: &str| cfg(&[("KOPRU_ENV", "development"), (k, v)]);
        assert_eq!(cfg(&[("KOPRU_ENV", "development")]).unwrap().max_codes_per_ip, 30);
        assert_eq!(dev("KOPRU_MAX_CODES_PER_IP", "500").unwrap().max_codes_per_ip, 500);
        assert!(dev("KOPRU_MAX_CODES_PER_IP", "many").is_err());
        assert_eq!(hops("false").unwrap(), 0);
        assert!(hops("many").is_err());
    }
}
