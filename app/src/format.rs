//! Numbers, money and dates per language, by hand: ICU's data would more than
//! double the WASM for the handful of formats Köprü needs.
//! Turkish: `33.030,00 TL`, `29.11.2026`; Uzbek: `33 030,00 TRY`, `29.11.2026`.

use crate::i18n::Locale;

/// Now, wherever the page runs: the server's clock when it renders, the
/// browser's after hydration (chrono has no clock in WASM: `Utc::now()` panics there).
pub fn now() -> chrono::DateTime<chrono::Utc> {
    #[cfg(feature = "ssr")]
    {
        chrono::Utc::now()
    }
    #[cfg(not(feature = "ssr"))]
    {
        let ms = leptos::web_sys::js_sys::Date::now() as i64;
        chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default()
    }
}

/// Groups the digits of a whole number: `.` in Turkish, a no-break space in Uzbek.
pub fn integer(n: i64, locale: Locale) -> String {
    let sep = match locale {
        Locale::tr => '.',
        Locale::uz => '\u{a0}',
    };
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    if n < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// Turkish lira from kuruş.
pub fn money_try(kurus: i64, locale: Locale) -> String {
    let whole = integer(kurus / 100, locale);
    let cents = (kurus % 100).unsigned_abs();
    match locale {
        Locale::tr => format!("{whole},{cents:02}\u{a0}TL"),
        Locale::uz => format!("{whole},{cents:02}\u{a0}TRY"),
    }
}

/// `YYYY-MM-DD` → `DD.MM.YYYY` (both languages write dates this way).
pub fn date(iso: &str, _locale: Locale) -> String {
    let p: Vec<&str> = iso.get(..10).unwrap_or(iso).split('-').collect();
    match p.as_slice() {
        [y, m, d] => format!("{d}.{m}.{y}"),
        _ => iso.to_string(),
    }
}

/// `YYYY-MM-DDTHH:MM` → `DD.MM.YYYY, HH:MM`.
pub fn date_time(iso: &str, locale: Locale) -> String {
    match iso.split_once('T') {
        Some((d, t)) => format!("{}, {}", date(d, locale), t.get(..5).unwrap_or(t)),
        None => date(iso, locale),
    }
}

/// Parses an amount typed by a person (`33030`, `33.030`, `33 030,50`) into kuruş.
pub fn parse_try_to_kurus(input: &str) -> Option<i64> {
    let s: String = input.trim().chars().filter(|c| !c.is_whitespace() && *c != '\u{a0}').collect();
    let s = s.trim_end_matches("TL").trim_end_matches("TRY").trim_end_matches('₺');
    if s.is_empty() {
        return None;
    }
    // The last ',' is the decimal separator (Turkish style); '.' groups thousands,
    // unless it is followed by exactly two digits at the end.
    let (whole, frac) = if let Some((w, f)) = s.rsplit_once(',') {
        (w.replace('.', ""), f.to_string())
    } else if let Some((w, f)) = s.rsplit_once('.').filter(|(_, f)| f.len() == 2) {
        (w.replace('.', ""), f.to_string())
    } else {
        (s.replace('.', ""), String::new())
    };
    if whole.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || frac.len() > 2
        || !frac.chars().all(|c| c.is_ascii_digit())
    {
        return None;
    }
    let whole: i64 = whole.parse().ok()?;
    let frac: i64 = if frac.is_empty() { 0 } else { format!("{frac:0<2}").parse().ok()? };
    whole.checked_mul(100)?.checked_add(frac)
}

/// CLDR plural category for uz and tr: `one` for 1, `other` otherwise.
pub fn is_one(n: i64) -> bool {
    n == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_per_language() {
        assert_eq!(money_try(3_303_000, Locale::tr), "33.030,00\u{a0}TL");
        assert_eq!(money_try(3_303_000, Locale::uz), "33\u{a0}030,00\u{a0}TRY");
        assert_eq!(money_try(2_600_550, Locale::tr), "26.005,50\u{a0}TL");
        assert_eq!(money_try(99, Locale::tr), "0,99\u{a0}TL");
        assert_eq!(integer(1_234_567, Locale::tr), "1.234.567");
        assert_eq!(integer(999, Locale::uz), "999");
    }

    #[test]
    fn dates() {
        assert_eq!(date("2026-01-05", Locale::uz), "05.01.2026");
        assert_eq!(date("2026-01-05T10:00:00+00:00", Locale::tr), "05.01.2026");
        assert_eq!(date_time("2026-12-15T09:30", Locale::uz), "15.12.2026, 09:30");
        assert_eq!(date_time("2026-12-15T09:30:00", Locale::tr), "15.12.2026, 09:30");
    }

    #[test]
    fn amounts_typed_by_people() {
        assert_eq!(parse_try_to_kurus("33030"), Some(3_303_000));
        assert_eq!(parse_try_to_kurus("33.030"), Some(3_303_000));
        assert_eq!(parse_try_to_kurus("33 030,50"), Some(3_303_050));
        assert_eq!(parse_try_to_kurus("26.005,5 TL"), Some(2_600_550));
        assert_eq!(parse_try_to_kurus("35000.00"), Some(3_500_000));
        assert_eq!(parse_try_to_kurus("abc"), None);
        assert_eq!(parse_try_to_kurus(""), None);
        assert_eq!(parse_try_to_kurus("-5"), None);
    }
}
