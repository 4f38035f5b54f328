//! Personal data at rest: XChaCha20-Poly1305 with the server's key (which is
//! not in the database), and a keyed hash as blind index for exact lookups.

use crate::error::AppError;
use crate::state::Keys;
use base64::Engine as _;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;

/// `base64(nonce || ciphertext)`; `context` binds the value to its use, so a
/// ciphertext copied to another column does not decrypt there.
pub fn seal(keys: &Keys, context: &str, plaintext: &str) -> Result<String, AppError> {
    let cipher = XChaCha20Poly1305::new((&keys.encryption).into());
    let mut nonce = [0u8; 24];
    rand::rngs::OsRng.fill_bytes(&mut nonce);
    let payload = chacha20poly1305::aead::Payload { msg: plaintext.as_bytes(), aad: context.as_bytes() };
    let ct = cipher.encrypt(XNonce::from_slice(&nonce), payload).map_err(|_| AppError::Internal)?;
    let mut out = nonce.to_vec();
    out.extend_from_slice(&ct);
    Ok(base64::engine::general_purpose::STANDARD.encode(out))
}

pub fn open(keys: &Keys, context: &str, sealed: &str) -> Result<String, AppError> {
    let raw = base64::engine::general_purpose::STANDARD.decode(sealed).map_err(|_| AppError::Internal)?;
    if raw.len() < 24 + 16 {
        return Err(AppError::Internal);
    }
    let (nonce, ct) = raw.split_at(24);
    let cipher = XChaCha20Poly1305::new((&keys.encryption).into());
    let payload = chacha20poly1305::aead::Payload { msg: ct, aad: context.as_bytes() };
    let pt = cipher.decrypt(XNonce::from_slice(nonce), payload).map_err(|_| AppError::Internal)?;
    String::from_utf8(pt).map_err(|_| AppError::Internal)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_tamper_evidence() {
        let keys = Keys::derive(b"a test secret that is long enough!!");
        let sealed = seal(&keys, "passport", "AA1234567").unwrap();
        assert!(!sealed.contains("1234567"));
        assert_eq!(open(&keys, "passport", &sealed).unwrap(), "AA1234567");
        assert_ne!(seal(&keys, "passport", "AA1234567").unwrap(), sealed, "a fresh nonce each time");
        assert!(open(&keys, "other", &sealed).is_err(), "bound to its context");
        let other = Keys::derive(b"another secret that is long enough!");
        assert!(open(&other, "passport", &sealed).is_err(), "needs the key");
        let mut raw = base64::engine::general_purpose::STANDARD.decode(&sealed).unwrap();
        let last = raw.len() - 1;
        raw[last] ^= 1;
        let tampered = base64::engine::general_purpose::STANDARD.encode(raw);
        assert!(open(&keys, "passport", &tampered).is_err());
    }
}
