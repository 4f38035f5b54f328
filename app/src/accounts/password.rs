//! Password hashing: argon2id with the crate's defaults (m=19456 KiB, t=2, p=1),
//! run off the async threads.

use crate::error::AppError;
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::LazyLock;
use std::time::Duration;
use tokio::sync::Semaphore;

/// At most this many hashes at once: one per core. Each takes 19 MiB, so memory
/// stays bounded however many sign-ins arrive (64 at once took 2.5 GB before).
pub fn bound() -> usize {
    *BOUND
}

/// How long a sign-in waits for a free hashing slot before it is told the
/// server is busy (503): long enough for a burst to drain, short enough that
/// requests do not pile up.
pub const MAX_WAIT: Duration = Duration::from_secs(3);

static BOUND: LazyLock<usize> = LazyLock::new(|| std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2));
static SLOTS: LazyLock<Semaphore> = LazyLock::new(|| Semaphore::new(bound()));
static IN_FLIGHT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

/// The most hashes that were ever running at once in this process (for tests
/// and the benchmark: it never passes [`bound`]).
pub fn peak_in_flight() -> usize {
    PEAK.load(Ordering::Relaxed)
}

/// Runs `work` on the blocking pool once a hashing slot is free.
async fn bounded<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, AppError> {
    let permit = tokio::time::timeout(MAX_WAIT, SLOTS.acquire()).await.map_err(|_| {
        tracing::warn!("password hashing saturated: request refused");
        AppError::Busy
    })?;
    let permit = permit.map_err(|_| AppError::Internal)?;
    let now = IN_FLIGHT.fetch_add(1, Ordering::SeqCst) + 1;
    PEAK.fetch_max(now, Ordering::SeqCst);
    let out = tokio::task::spawn_blocking(work).await;
    IN_FLIGHT.fetch_sub(1, Ordering::SeqCst);
    drop(permit);
    out.map_err(|_| AppError::Internal)
}

pub async fn hash(password: String) -> Result<String, AppError> {
    bounded(move || hash_blocking(&password)).await?
}

pub fn hash_blocking(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|_| AppError::Internal)
}

/// Verifies; with `None` it verifies against a dummy hash so that an unknown
/// account costs the same time as a wrong password. `Busy` when no hashing
/// slot came free in time.
pub async fn verify(stored: Option<String>, password: String) -> Result<bool, AppError> {
    bounded(move || {
        let stored = stored.as_deref().unwrap_or(DUMMY_HASH.as_str());
        let ok = PasswordHash::new(stored)
            .map(|h| Argon2::default().verify_password(password.as_bytes(), &h).is_ok())
            .unwrap_or(false);
        ok && stored != DUMMY_HASH.as_str()
    })
    .await
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
        assert!(verify(Some(h.clone()), "oʻzbekiston-2026".into()).await.unwrap());
        assert!(!verify(Some(h.clone()), "Oʻzbekiston-2026".into()).await.unwrap(), "no case folding");
        assert!(!verify(None, "oʻzbekiston-2026".into()).await.unwrap());
    }

    /// Many hashes asked for at once run at most `bound()` at a time.
    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn hashing_is_bounded() {
        let tasks: Vec<_> = (0..12).map(|i| tokio::spawn(hash(format!("parol-{i}-uzun")))).collect();
        for t in tasks {
            t.await.unwrap().unwrap();
        }
        assert!(peak_in_flight() >= 1);
        assert!(peak_in_flight() <= bound(), "peak {} > bound {}", peak_in_flight(), bound());
    }
}
