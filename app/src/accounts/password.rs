//! Password hashing: argon2id with the crate's defaults (m=19456 KiB, t=2, p=1),
//! run off the async threads.

use crate::error::AppError;
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use std::sync::LazyLock;

pub async fn hash(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || hash_blocking(&password)).await.map_err(|_| AppError::Internal)?
}

pub fn hash_blocking(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|_| AppError::Internal)
}

/// Verifies; with `None` it verifies against a dummy hash so that an unknown
/// account costs the same time as a wrong password.
pub async fn verify(stored: Option<String>, password: String) -> bool {
    tokio::task::spawn_blocking(move || {
        let stored = stored.as_deref().unwrap_or(DUMMY_HASH.as_str());
        let ok = PasswordHash::new(stored)
            .map(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
            .unwrap_or(false);
        ok && stored != DUMMY_HASH.as_str()
    })
    .await
    .unwrap_or(false)
}

static DUMMY_HASH: LazyLock<String> =
    LazyLock::new(|| hash_blocking("köprü dummy password for unknown accounts").expect("argon2 works"));

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn stored_hash_is_argon2id_with_asvs_parameters() {
        let h = hash("oʻzbekiston-2026".into()).await.unwrap();
        let parsed = PasswordHash::new(&h).unwrap();
        assert_eq!(parsed.algorithm.as_str(), "argon2id");
        let params = argon2::Params::try_from(&parsed).unwrap();
        assert!(params.m_cost() >= 19456, "m={}", params.m_cost());
        assert!(params.t_cost() >= 2);
        assert_eq!(params.p_cost(), 1);
        assert!(verify(Some(h.clone()), "oʻzbekiston-2026".into()).await);
        assert!(!verify(Some(h.clone()), "Oʻzbekiston-2026".into()).await, "no case folding");
        assert!(!verify(None, "oʻzbekiston-2026".into()).await);
    }
}
