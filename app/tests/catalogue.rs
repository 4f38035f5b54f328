//! The catalogue check: a key missing in one language fails the tests
//! (leptos_i18n itself only warns and falls back to Uzbek).

use serde_json::Value;
use std::collections::BTreeSet;

fn load(lang: &str) -> Value {
    let path = format!("{}/../locales/{lang}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn leaves(v: &Value, prefix: &str, out: &mut Vec<(String, String)>) {
    match v {
        Value::Object(map) => {
            for (k, v) in map {
                leaves(v, &format!("{prefix}{k}."), out);
            }
        }
        Value::String(s) => out.push((prefix.trim_end_matches('.').to_string(), s.clone())),
        other => panic!("{prefix}: unexpected value {other}"),
    }
}

fn catalogue(lang: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    leaves(&load(lang), "", &mut out);
    out
}

#[test]
fn both_languages_have_the_same_keys() {
    let uz: BTreeSet<String> = catalogue("uz").into_iter().map(|(k, _)| k).collect();
    let tr: BTreeSet<String> = catalogue("tr").into_iter().map(|(k, _)| k).collect();
    let only_uz: Vec<_> = uz.difference(&tr).collect();
    let only_tr: Vec<_> = tr.difference(&uz).collect();
    assert!(only_uz.is_empty() && only_tr.is_empty(), "missing in tr: {only_uz:?}; missing in uz: {only_tr:?}");
    assert!(uz.len() > 50);
}

#[test]
fn no_empty_texts() {
    for lang in ["uz", "tr"] {
        for (k, v) in catalogue(lang) {
            assert!(!v.trim().is_empty(), "{lang}: {k} is empty");
        }
    }
}

/// Uzbek Latin writes oʻ and gʻ with U+02BB and the tutuq belgisi with U+02BC,
/// never with an ASCII apostrophe, a backtick or a typographic quote.
#[test]
fn uzbek_uses_modifier_letters() {
    for (k, v) in catalogue("uz") {
        for bad in ['\'', '`', '‘', '’'] {
            assert!(!v.contains(bad), "uz: {k} contains {bad:?}: {v}");
        }
    }
}

/// Every error variant has its message in the catalogue.
#[test]
fn every_error_has_a_message() {
    let keys: BTreeSet<String> = catalogue("uz").into_iter().map(|(k, _)| k).collect();
    for e in app::error::AppError::ALL {
        assert!(keys.contains(&format!("errors.{}", e.key())), "errors.{} missing", e.key());
    }
}
