//! The migrant's profile (F2.5). The passport number is encrypted at rest,
//! shown masked, never logged, and never sent to employers.

pub mod api;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
pub mod service;

use crate::vacancies::TurkishLevel;
use serde::{Deserialize, Serialize};

crate::state_enum! {
    /// Where a migrant is now: a region of Uzbekistan or a Turkish province.
    #[derive(Default)]
    pub enum LocationKind {
        #[default]
        Uz,
        Tr,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Profile {
    /// As in the passport, Latin letters.
    pub full_name: String,
    /// `YYYY-MM-DD`.
    pub birth_date: String,
    /// `AA*****67`; the number itself never leaves the server.
    /// Never sent at all to anyone but the migrant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub passport_masked: Option<String>,
    pub location_kind: LocationKind,
    pub location_id: i32,
    pub occupation_id: i32,
    pub experience_years: i32,
    pub turkish_level: TurkishLevel,
    /// What the migrant wrote about their certificates (free text).
    pub certificates: String,
    /// Their MYK certificates that are valid today, as the portal issued them
    /// (for the migrant's own profile; they count for the vacancies that require one).
    #[serde(default)]
    pub myk_certificates: Vec<crate::skills::CertificateLine>,
}

/// Uzbek passport: two Latin letters and seven digits; spaces allowed.
pub fn normalize_passport(input: &str) -> Option<String> {
    let s: String = input.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase();
    let b = s.as_bytes();
    (b.len() == 9 && b[..2].iter().all(u8::is_ascii_uppercase) && b[2..].iter().all(u8::is_ascii_digit)).then_some(s)
}

/// `AA1234567` → `AA*****67`.
pub fn mask_passport(p: &str) -> String {
    let n = p.chars().count();
    if n < 5 {
        return "*".repeat(n);
    }
    let head: String = p.chars().take(2).collect();
    let tail: String = p.chars().skip(n - 2).collect();
    format!("{head}{}{tail}", "*".repeat(n - 4))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passports() {
        assert_eq!(normalize_passport(" aa 1234567 ").as_deref(), Some("AA1234567"));
        assert_eq!(normalize_passport("FA7654321").as_deref(), Some("FA7654321"));
        for bad in ["A12345678", "AA123456", "AA12345678", "ÄA1234567", "AA12345X7", ""] {
            assert_eq!(normalize_passport(bad), None, "{bad}");
        }
        assert_eq!(mask_passport("AA1234567"), "AA*****67");
    }
}
