//! Input rules for accounts. The same code runs in the browser (for early hints)
//! and on the server (where it decides).

use crate::error::AppError;

/// Normalises a migrant's phone number to E.164. Only Uzbek (+998, 9 digits)
/// and Turkish (+90, 10 digits) numbers are accepted, written the way people
/// write them: with or without `+` or `00`, with spaces, dashes, dots or
/// brackets, and in the national forms: Uzbek `90 123 45 67` (nine digits),
/// Turkish `0532 123 45 67` or `532 123 45 67`.
pub fn normalize_phone(input: &str) -> Result<String, AppError> {
    let (digits, international) = phone_digits(input).ok_or(AppError::InvalidPhone)?;
    let e164 = if international {
        digits
    } else {
        match digits.len() {
            9 => format!("998{digits}"),
            10 => format!("90{digits}"),
            11 if digits.starts_with('0') => format!("90{}", &digits[1..]),
            12 => digits,
            _ => return Err(AppError::InvalidPhone),
        }
    };
    if let Some(rest) = e164.strip_prefix("998") {
        if rest.len() == 9 && !rest.starts_with('0') {
            return Ok(format!("+{e164}"));
        }
    } else if let Some(rest) = e164.strip_prefix("90") {
        if rest.len() == 10 && matches!(rest.as_bytes()[0], b'2'..=b'5') {
            return Ok(format!("+{e164}"));
        }
    }
    Err(AppError::InvalidPhone)
}

/// The digits of a typed phone number and whether it was written with its
/// country code (`+` or `00` in front); `None` for anything but digits and
/// the separators people use.
pub fn phone_digits(input: &str) -> Option<(String, bool)> {
    let trimmed = input.trim();
    let mut digits = String::with_capacity(16);
    for (i, c) in trimmed.chars().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if i == 0 => {}
            ' ' | '-' | '(' | ')' | '.' | '/' | '\u{a0}' => {}
            _ => return None,
        }
    }
    if trimmed.starts_with('+') {
        return Some((digits, true));
    }
    match digits.strip_prefix("00") {
        Some(rest) => Some((rest.to_string(), true)),
        None => Some((digits, false)),
    }
}

/// Trims and lower-cases an e-mail address and checks its shape.
pub fn normalize_email(input: &str) -> Result<String, AppError> {
    let email = input.trim().to_lowercase();
    let Some((local, domain)) = email.rsplit_once('@') else {
        return Err(AppError::InvalidEmail);
    };
    let ok = !local.is_empty()
        && local.chars().count() <= 64
        && email.chars().count() <= 254
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
        && !email.chars().any(|c| c.is_whitespace() || c.is_control() || c == ',' || c == ';')
        && !local.contains('@')
        && domain.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.');
    if ok {
        Ok(email)
    } else {
        Err(AppError::InvalidEmail)
    }
}

/// A sign-in identifier: a phone number for migrants, an e-mail for everyone else.
pub fn normalize_login(input: &str) -> Result<String, AppError> {
    // Only the form is judged here, never whether an account exists: saying
    // "this is no phone number or e-mail address" tells nobody anything.
    if input.contains('@') { normalize_email(input) } else { normalize_phone(input) }
        .map_err(|_| AppError::InvalidLogin)
}

pub const PASSWORD_MIN: usize = 8;
pub const PASSWORD_MAX: usize = 128;

/// ASVS: 8 to 128 characters of any kind, no composition rules, and not one
/// of the 1,000 most common passwords. The password is never altered.
pub fn check_password(password: &str) -> Result<(), AppError> {
    let n = password.chars().count();
    if n < PASSWORD_MIN {
        return Err(AppError::PasswordTooShort);
    }
    if n > PASSWORD_MAX {
        return Err(AppError::PasswordTooLong);
    }
    if is_common_password(password) {
        return Err(AppError::PasswordTooCommon);
    }
    Ok(())
}

/// The 1,000 most common passwords (zxcvbn's frequency list, in order).
const COMMON_PASSWORDS: &str = include_str!("common_passwords.txt");

fn is_common_password(password: &str) -> bool {
    let lowered = password.to_lowercase();
    COMMON_PASSWORDS.lines().any(|p| p == lowered)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uzbek_and_turkish_phones_are_normalised() {
        for (input, want) in [
            ("+998 90 123 45 67", "+998901234567"),
            ("+998-90-123-45-67", "+998901234567"),
            ("00998901234567", "+998901234567"),
            ("998901234567", "+998901234567"),
            ("+90 532 123 45 67", "+905321234567"),
            ("0532 123 45 67", "+905321234567"),
            ("+90 (312) 123 45 67", "+903121234567"),
            ("0090 532 123 4567", "+905321234567"),
            // National forms, as people write them at home.
            ("90 123 45 67", "+998901234567"),
            ("901234567", "+998901234567"),
            ("(90) 123-45-67", "+998901234567"),
            ("71 123 45 67", "+998711234567"),
            ("532 123 45 67", "+905321234567"),
            ("0 (532) 123 45 67", "+905321234567"),
            ("0212 123 45 67", "+902121234567"),
            ("905321234567", "+905321234567"),
        ] {
            assert_eq!(normalize_phone(input).as_deref(), Ok(want), "{input}");
        }
    }

    #[test]
    fn other_phones_are_refused() {
        for input in [
            "",
            "+7 912 345 67 89",   // Russia
            "+998 90 123 45 6",   // too short
            "+998 90 123 45 678", // too long
            "+90 632 123 45 67",  // no such Turkish range
            "+90 532 123 45",
            "+998 01 234 56 78",
            "+998 90 123 45 6x",
            "90123456+7",
            "０５３２１２３４５６７", // full-width digits
            "01 234 56 78",           // nine digits, but no Uzbek number starts with 0
            "632 123 45 67",          // ten digits, but no Turkish range 6
            "1532 123 45 67",         // eleven digits without the trunk 0
            "+90 123 45 67",          // a country code that the rest does not fit
            "0532 123 45 6",
            "90 123 45 67 8",
        ] {
            assert_eq!(normalize_phone(input), Err(AppError::InvalidPhone), "{input}");
        }
    }

    #[test]
    fn emails() {
        assert_eq!(normalize_email("  HR@Example.COM.tr ").as_deref(), Ok("hr@example.com.tr"));
        assert_eq!(normalize_email("ali.veli+is@firma.com.tr").as_deref(), Ok("ali.veli+is@firma.com.tr"));
        for bad in
            ["", "a", "a@b", "@firma.com", "a@.com", "a@firma..com", "a b@firma.com", "a@firma.com.", "a@b@c.com"]
        {
            assert_eq!(normalize_email(bad), Err(AppError::InvalidEmail), "{bad}");
        }
    }

    #[test]
    fn password_rules() {
        assert_eq!(check_password("kısa"), Err(AppError::PasswordTooShort));
        assert_eq!(check_password("1234567"), Err(AppError::PasswordTooShort));
        // Characters, not bytes: eight Cyrillic letters pass the length rule.
        assert_eq!(check_password("пароль-уз"), Ok(()));
        assert_eq!(check_password("oʻzbekiston-2026"), Ok(()));
        assert_eq!(check_password(&"a".repeat(128).replace("aaaa", "ab1c")), Ok(()));
        assert_eq!(check_password(&"x".repeat(129)), Err(AppError::PasswordTooLong));
        // Common ones, whatever their case.
        assert_eq!(check_password("password"), Err(AppError::PasswordTooCommon));
        assert_eq!(check_password("PassWord1"), Err(AppError::PasswordTooCommon));
        assert_eq!(check_password("12345678"), Err(AppError::PasswordTooCommon));
        assert_eq!(check_password("qwertyuiop"), Err(AppError::PasswordTooCommon));
        // No composition rules: a long lower-case phrase is fine.
        assert_eq!(check_password("tuya bilan choy ichamiz"), Ok(()));
    }

    #[test]
    fn common_list_has_a_thousand_entries() {
        assert_eq!(COMMON_PASSWORDS.lines().count(), 1000);
    }

    #[test]
    fn login_is_phone_or_email() {
        assert_eq!(normalize_login("+998 90 123 45 67").as_deref(), Ok("+998901234567"));
        assert_eq!(normalize_login("90 123 45 67").as_deref(), Ok("+998901234567"));
        assert_eq!(normalize_login("HR@firma.com").as_deref(), Ok("hr@firma.com"));
        for bad in ["12 34", "", "hr@", "@firma.com", "Aziz"] {
            assert_eq!(normalize_login(bad), Err(AppError::InvalidLogin), "{bad:?}");
        }
    }
}
