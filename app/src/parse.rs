//! Parsing what people type, shared by every feature (server and browser):
//! dates, names, numbers, free texts, checkboxes, and URL query encoding.
//! Each parser answers with the error that names the field, so a form can tie
//! the message to its input.

use crate::error::AppError;
use chrono::NaiveDate;

/// `YYYY-MM-DD`, as `<input type="date">` sends it.
pub fn parse_date(s: &str) -> Result<NaiveDate, AppError> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| AppError::InvalidDate)
}

/// A person's or an organisation's name: 1 to 200 characters, inner white
/// space folded, no control characters.
pub fn normalize_name(input: &str) -> Result<String, AppError> {
    let name: String = input.split_whitespace().collect::<Vec<_>>().join(" ");
    let n = name.chars().count();
    if n > 200 {
        return Err(AppError::TextTooLong);
    }
    if n == 0 || name.chars().any(|c| c.is_control()) {
        return Err(AppError::NameRequired);
    }
    Ok(name)
}

/// A whole number typed into a form field; `err` when it is not one.
pub fn int<T: std::str::FromStr>(s: &str, err: AppError) -> Result<T, AppError> {
    s.trim().parse::<T>().map_err(|_| err)
}

/// An optional reference (a `<select>` whose empty or `0` option means none).
pub fn optional_id(s: Option<&str>) -> Result<Option<i32>, AppError> {
    match s.map(str::trim).filter(|s| !s.is_empty() && *s != "0") {
        None => Ok(None),
        Some(v) => v.parse::<i32>().map(Some).map_err(|_| AppError::InvalidInput),
    }
}

/// A required free text: trimmed, not empty, at most `max` characters.
pub fn required_text(s: &str, max: usize, empty: AppError) -> Result<String, AppError> {
    let t = s.trim();
    if t.is_empty() {
        return Err(empty);
    }
    if t.chars().count() > max {
        return Err(AppError::TextTooLong);
    }
    Ok(t.to_string())
}

/// An optional free text: trimmed, `None` when empty, at most `max` characters.
pub fn optional_text(s: Option<&str>, max: usize) -> Result<Option<String>, AppError> {
    match s.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        Some(t) if t.chars().count() > max => Err(AppError::TextTooLong),
        Some(t) => Ok(Some(t.to_string())),
    }
}

/// An HTML checkbox: present (any value) is `true`, absent is `false`. For
/// form structs: `#[serde(default, deserialize_with = "crate::parse::checkbox")]`.
/// A value that went out as JSON (hydration data) comes back as a `bool`.
pub fn checkbox<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    use serde::Deserialize;
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Ticked {
        Bool(bool),
        Text(String),
    }
    Ok(match Option::<Ticked>::deserialize(d)? {
        None => false,
        Some(Ticked::Bool(b)) => b,
        Some(Ticked::Text(v)) => v != "false",
    })
}

/// A query string from pairs, percent-encoded.
pub fn query_string<'a>(pairs: impl IntoIterator<Item = (&'a str, String)>) -> String {
    let mut s = form_urlencoded::Serializer::new(String::new());
    for (k, v) in pairs {
        s.append_pair(k, &v);
    }
    s.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date(" 2027-02-01 "), Ok(NaiveDate::from_ymd_opt(2027, 2, 1).unwrap()));
        assert_eq!(parse_date("01.02.2027"), Err(AppError::InvalidDate));
        assert_eq!(parse_date("2027-02-30"), Err(AppError::InvalidDate));
    }

    #[test]
    fn names() {
        assert_eq!(normalize_name("  Aziz   Karimov ").as_deref(), Ok("Aziz Karimov"));
        assert_eq!(normalize_name("   "), Err(AppError::NameRequired));
        assert_eq!(normalize_name(&"a".repeat(201)), Err(AppError::TextTooLong));
        assert_eq!(normalize_name(&"ʻ".repeat(200)).map(|n| n.chars().count()), Ok(200));
        assert_eq!(normalize_name("a\u{7}b"), Err(AppError::NameRequired));
    }

    #[test]
    fn numbers_and_ids() {
        assert_eq!(int::<i32>(" 42 ", AppError::InvalidPositions), Ok(42));
        assert_eq!(int::<i32>("4x", AppError::InvalidPositions), Err(AppError::InvalidPositions));
        assert_eq!(optional_id(None), Ok(None));
        assert_eq!(optional_id(Some("0")), Ok(None));
        assert_eq!(optional_id(Some("")), Ok(None));
        assert_eq!(optional_id(Some("7")), Ok(Some(7)));
        assert_eq!(optional_id(Some("x")), Err(AppError::InvalidInput));
    }

    #[test]
    fn texts() {
        assert_eq!(required_text("  a ", 5, AppError::TextRequired).as_deref(), Ok("a"));
        assert_eq!(required_text("  ", 5, AppError::TextRequired), Err(AppError::TextRequired));
        assert_eq!(required_text("abcdef", 5, AppError::TextRequired), Err(AppError::TextTooLong));
        assert_eq!(optional_text(Some("  "), 5), Ok(None));
        assert_eq!(optional_text(Some(" ab "), 5), Ok(Some("ab".into())));
        assert_eq!(optional_text(Some("abcdef"), 5), Err(AppError::TextTooLong));
    }

    #[test]
    fn query_strings_are_encoded() {
        assert_eq!(query_string([("q", "gʻisht usta".to_string()), ("page", "2".into())]), "q=g%CA%BBisht+usta&page=2");
    }
}

#[cfg(test)]
mod checkbox_tests {
    #[derive(serde::Deserialize, serde::Serialize, Debug, PartialEq)]
    struct F {
        #[serde(default, deserialize_with = "super::checkbox")]
        urgent: bool,
    }

    /// A form posts "on" or nothing; hydration data carries the `bool` back.
    #[test]
    fn a_checkbox_reads_from_a_form_and_from_json() {
        // A form's fields arrive as text, present or absent.
        let form = |q: &str| serde_json::from_str::<F>(q).map(|f| f.urgent).ok();
        assert_eq!(form(r#"{"urgent":"on"}"#), Some(true));
        assert_eq!(form("{}"), Some(false));
        assert_eq!(form(r#"{"urgent":"false"}"#), Some(false));
        for b in [true, false] {
            let json = serde_json::to_string(&F { urgent: b }).unwrap();
            assert_eq!(serde_json::from_str::<F>(&json).unwrap().urgent, b, "{json}");
        }
    }
}
