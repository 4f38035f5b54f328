//! Turkish company identifiers (F2.1): the tax number VKN (Vergi Kimlik
//! Numarası) and the central registry number MERSIS.

/// `s` without spaces (any Unicode whitespace) and dashes, as people write
/// numbers in groups: `"454 053 6920"` and `"454-053-6920"` become `"4540536920"`.
/// Nothing else is removed, so letters or dots still make a number invalid.
pub fn normalize_digits(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}')
        })
        .collect()
}

/// Whether `s` is a VKN: exactly 10 ASCII digits whose last digit is the
/// Revenue Administration's (GİB) check digit over the first nine.
///
/// For the digit `d` at 0-based position `i` (0..=8), with `p = 9 - i` its place
/// counted from the right of the first nine: `v = (d + p) % 10`; when `v != 0`,
/// `v = (v * 2^p) % 9`, and 9 where that is 0. The check digit is
/// `(10 - Σv % 10) % 10`. This is the algorithm of python-stdnum's
/// `stdnum/tr/vkn.py` (which cites turkiye.gov.tr's VKN verification service),
/// and the real numbers in the tests below come from its list of published VKNs.
pub fn valid_vkn(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10 && b.iter().all(u8::is_ascii_digit) && vkn_check_digit(&b[..9]) == u32::from(b[9] - b'0')
}

/// GİB's check digit of a VKN from its first nine ASCII digits.
pub fn vkn_check_digit(first_nine: &[u8]) -> u32 {
    let mut sum = 0u32;
    for (i, &c) in first_nine.iter().enumerate() {
        let p = 9 - i as u32;
        let mut v = (u32::from(c - b'0') + p) % 10;
        if v != 0 {
            v = (v * (1 << p)) % 9;
            if v == 0 {
                v = 9;
            }
        }
        sum += v;
    }
    (10 - sum % 10) % 10
}

/// Whether `s` is a MERSIS number: exactly 16 ASCII digits, not all zeros.
pub fn valid_mersis(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 16 && b.iter().all(u8::is_ascii_digit) && b.iter().any(|&c| c != b'0')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Published VKNs of Turkish companies (python-stdnum's test data, "found
    /// online", and the example of its module documentation).
    const REAL_VKNS: [&str; 12] = [
        "4540536920",
        "0010213576",
        "0080463579",
        "1750058182",
        "2280560506",
        "3810421550",
        "4730259742",
        "6210184261",
        "7700021408",
        "8720064947",
        "9980697606",
        "9990112519",
    ];

    #[test]
    fn published_vkns_are_valid() {
        for v in REAL_VKNS {
            assert!(valid_vkn(v), "{v}");
        }
    }

    #[test]
    fn a_wrong_check_digit_is_rejected() {
        assert!(!valid_vkn("4540536921"));
        assert!(!valid_vkn("0010213575"));
        assert!(!valid_vkn("9990112510"));
        // Exactly one check digit completes any nine digits.
        for v in REAL_VKNS {
            let ok = (b'0'..=b'9').filter(|d| valid_vkn(&format!("{}{}", &v[..9], *d as char))).count();
            assert_eq!(ok, 1, "{v}");
        }
    }

    #[test]
    fn typing_errors_are_caught() {
        // Two adjacent digits swapped, one digit changed.
        assert!(!valid_vkn("4504536920"));
        assert!(!valid_vkn("4540536902"));
        assert!(!valid_vkn("4540536820"));
        assert!(!valid_vkn("0000000000"));
    }

    #[test]
    fn vkn_needs_exactly_ten_ascii_digits() {
        assert!(!valid_vkn("454053692"));
        assert!(!valid_vkn("45405369200"));
        assert!(!valid_vkn("454053692a"));
        assert!(!valid_vkn("454 053 6920"));
        assert!(!valid_vkn(" 4540536920"));
        assert!(!valid_vkn("-454053692"));
        assert!(!valid_vkn("４５４０５３６９２０")); // full-width digits
        assert!(!valid_vkn(""));
    }

    #[test]
    fn grouped_numbers_validate_after_normalising() {
        assert_eq!(normalize_digits("454 053 6920"), "4540536920");
        assert_eq!(normalize_digits("454-053-6920"), "4540536920");
        assert_eq!(normalize_digits(" 454\u{00A0}053–6920\t"), "4540536920");
        assert!(valid_vkn(&normalize_digits("454 053 69 20")));
        // Only spaces and dashes go.
        assert_eq!(normalize_digits("454.053.6920"), "454.053.6920");
        assert!(!valid_vkn(&normalize_digits("454.053.6920")));
        assert_eq!(normalize_digits("0454-0536-9200-0015"), "0454053692000015");
    }

    #[test]
    fn mersis_is_sixteen_digits_not_all_zero() {
        assert!(valid_mersis("0454053692000015"));
        assert!(valid_mersis("1234567890123456"));
        assert!(!valid_mersis("0000000000000000"));
        assert!(!valid_mersis("045405369200001"));
        assert!(!valid_mersis("04540536920000150"));
        assert!(!valid_mersis("045405369200001a"));
        assert!(!valid_mersis("0454 0536 9200 0015"));
        assert!(valid_mersis(&normalize_digits("0454 0536 9200 0015")));
        assert!(!valid_mersis(""));
    }
}
