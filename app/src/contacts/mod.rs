//! Emergency contacts (F1.4): embassy, consular issues and the agency hotline,
//! on every page as tap-to-call links; the numbers live in the database and
//! staff edit them.

pub mod api;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
pub mod service;

use serde::{Deserialize, Serialize};

crate::state_enum! {
    /// Whom an emergency number reaches.
    pub enum ContactKind {
        Embassy,
        Consular,
        Hotline,
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub kind: ContactKind,
    /// E.164, e.g. `+903124413871`.
    pub phone: String,
    /// Seeded number that staff have not replaced yet.
    pub placeholder: bool,
}

/// Normalises a contact number to E.164: with its country code (`+` or `00`),
/// any country, 8 to 15 digits; without one, an Uzbek or Turkish number in its
/// national form (`0532 123 45 67`, `90 123 45 67`), as
/// [`normalize_phone`](crate::accounts::validate::normalize_phone) reads it.
pub fn normalize_contact_phone(input: &str) -> Option<String> {
    let (digits, international) = crate::accounts::validate::phone_digits(input)?;
    if !international {
        return crate::accounts::validate::normalize_phone(input).ok();
    }
    ((8..=15).contains(&digits.len()) && !digits.starts_with('0')).then(|| format!("+{digits}"))
}

/// Groups a number for reading: `+90 312 441 38 71`, `+998 71 123 45 67`.
pub fn display_phone(e164: &str) -> String {
    let digits = e164.trim_start_matches('+');
    let (cc, rest, groups): (&str, &str, &[usize]) = if let Some(r) = digits.strip_prefix("998") {
        ("998", r, &[2, 3, 2, 2])
    } else if let Some(r) = digits.strip_prefix("90") {
        ("90", r, &[3, 3, 2, 2])
    } else {
        return e164.to_string();
    };
    if rest.len() != groups.iter().sum::<usize>() {
        return e164.to_string();
    }
    let mut out = format!("+{cc}");
    let mut i = 0;
    for g in groups {
        out.push(' ');
        out.push_str(&rest[i..i + g]);
        i += g;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_numbers() {
        assert_eq!(normalize_contact_phone("+90 312 441 38 71").as_deref(), Some("+903124413871"));
        assert_eq!(normalize_contact_phone("00998 71 123 45 67").as_deref(), Some("+998711234567"));
        assert_eq!(normalize_contact_phone("+49 30 1234567").as_deref(), Some("+49301234567"));
        // A Turkish employer's number as written in Türkiye; an Uzbek one as written at home.
        assert_eq!(normalize_contact_phone("0532 123 45 67").as_deref(), Some("+905321234567"));
        assert_eq!(normalize_contact_phone("(0312) 441-38-71").as_deref(), Some("+903124413871"));
        assert_eq!(normalize_contact_phone("71 123 45 67").as_deref(), Some("+998711234567"));
        assert_eq!(normalize_contact_phone("1234 5678"), None, "no country, and no national form");
        assert_eq!(normalize_contact_phone("+90 312 abc"), None);
        assert_eq!(normalize_contact_phone("+1234567"), None, "too short");
    }

    #[test]
    fn display_groups() {
        assert_eq!(display_phone("+903124413871"), "+90 312 441 38 71");
        assert_eq!(display_phone("+998711234567"), "+998 71 123 45 67");
        assert_eq!(display_phone("+4930123456"), "+4930123456");
    }
}
