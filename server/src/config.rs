//! Configuration from the environment, with development defaults that match
//! the workspace metadata, so `target/release/kopru` runs with no settings.

use anyhow::{bail, Context};

/// The development key: fine on a laptop, refused in production.
pub const DEV_SECRET: &str = "kopru-development-secret-do-not-use-in-production";

#[derive(Clone, Debug)]
pub struct Config {
    pub database_url: String,
    pub secret: Vec<u8>,
    pub production: bool,
    /// Take the client address from `X-Forwarded-For` (behind a reverse proxy).
    pub trust_proxy: bool,
    pub max_failures_per_ip: u64,
    pub log_json: bool,
}

impl Config {
    pub fn from_env() -> anyhow::Result<Config> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> anyhow::Result<Config> {
        let production = match get("KOPRU_ENV").as_deref() {
            None | Some("development") | Some("dev") | Some("test") => false,
            Some("production") | Some("prod") => true,
            Some(other) => bail!("KOPRU_ENV must be development or production, not {other:?}"),
        };
        let secret = match get("KOPRU_SECRET_KEY") {
            Some(s) if s == DEV_SECRET && production => {
                bail!("KOPRU_SECRET_KEY is the development key; set a real one in production")
            }
            Some(s) if s.len() < 32 => bail!("KOPRU_SECRET_KEY must be at least 32 characters"),
            Some(s) => s.into_bytes(),
            None if production => bail!("KOPRU_SECRET_KEY must be set when KOPRU_ENV=production"),
            None => DEV_SECRET.as_bytes().to_vec(),
        };
        let database_url = get("DATABASE_URL").unwrap_or_else(|| "sqlite://data/kopru.db?mode=rwc".into());
        let flag = |k: &str| matches!(get(k).as_deref(), Some("1") | Some("true") | Some("yes"));
        let max_failures_per_ip = match get("KOPRU_MAX_FAILURES_PER_IP") {
            Some(v) => v.parse().context("KOPRU_MAX_FAILURES_PER_IP must be a number")?,
            None => 1000,
        };
        Ok(Config {
            database_url,
            secret,
            production,
            trust_proxy: flag("KOPRU_TRUST_PROXY"),
            max_failures_per_ip,
            log_json: get("KOPRU_LOG_FORMAT").as_deref() != Some("pretty"),
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
        let c = cfg(&[]).unwrap();
        assert!(!c.production);
        assert_eq!(c.secret, DEV_SECRET.as_bytes());
        assert_eq!(c.database_url, "sqlite://data/kopru.db?mode=rwc");
    }

    #[test]
    fn production_refuses_the_development_secret() {
        assert!(cfg(&[("KOPRU_ENV", "production")]).is_err());
        assert!(cfg(&[("KOPRU_ENV", "production"), ("KOPRU_SECRET_KEY", DEV_SECRET)]).is_err());
        assert!(cfg(&[("KOPRU_ENV", "production"), ("KOPRU_SECRET_KEY", "short")]).is_err());
        let c = cfg(&[("KOPRU_ENV", "production"), ("KOPRU_SECRET_KEY", &"k".repeat(40))]).unwrap();
        assert!(c.production);
        assert!(cfg(&[("KOPRU_ENV", "staging")]).is_err());
    }
}
