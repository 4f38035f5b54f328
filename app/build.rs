//! Generates the `i18n` module (`Locale`, `t!`, `use_i18n`, `I18nContextProvider`, …) from
//! ../locales/*.json with leptos_i18n_build; src/lib.rs includes it as `crate::i18n`.
//!
//! Every locale must have exactly the default locale's keys. leptos_i18n only warns about a missing
//! key (the page would then show the default locale's text) or a surplus one, and has no option to
//! make that an error, so this script checks the key sets itself and fails the build. A locale
//! whose file is missing is already an error of leptos_i18n.

use leptos_i18n_build::{Config, TranslationsInfos};
use std::collections::BTreeSet;
use std::error::Error;
use std::path::{Path, PathBuf};

const DEFAULT_LOCALE: &str = "uz";
const OTHER_LOCALES: &[&str] = &["tr"];
/// Relative to app/.
const LOCALES_DIR: &str = "../locales";

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    // The whole directory: cargo then also notices a locale file that is added or removed.
    println!("cargo::rerun-if-changed={LOCALES_DIR}");

    let cfg = Config::new(DEFAULT_LOCALE)?.add_locales(OTHER_LOCALES)?.locales_path(LOCALES_DIR);
    let translations = TranslationsInfos::parse(cfg)?;
    translations.rerun_if_locales_changed();

    let manifest_dir = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").ok_or("CARGO_MANIFEST_DIR not set")?);
    let locales_dir = manifest_dir.join(LOCALES_DIR);
    let default_keys = locale_keys(&locales_dir, DEFAULT_LOCALE)?;
    let mut key_errors = 0;
    for locale in OTHER_LOCALES {
        let keys = locale_keys(&locales_dir, locale)?;
        for key in default_keys.difference(&keys) {
            println!("cargo::error=locales/{locale}.json lacks the key \"{key}\" of locales/{DEFAULT_LOCALE}.json");
            key_errors += 1;
        }
        for key in keys.difference(&default_keys) {
            println!(
                "cargo::error=locales/{locale}.json has the key \"{key}\" that locales/{DEFAULT_LOCALE}.json lacks"
            );
            key_errors += 1;
        }
    }
    if key_errors > 0 {
        return Err(format!("{key_errors} translation key(s) differ between the locales").into());
    }

    // Whatever else leptos_i18n finds: warnings as cargo warnings, errors fail the build.
    translations.emit_diagnostics();

    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR not set")?);
    translations.generate_i18n_module(out_dir.join("i18n"))?;
    Ok(())
}

/// The dotted paths of all keys (sub-key objects and their leaves) of one locale file.
fn locale_keys(locales_dir: &Path, locale: &str) -> Result<BTreeSet<String>, Box<dyn Error>> {
    fn collect(prefix: &str, value: &serde_json::Value, keys: &mut BTreeSet<String>) {
        if let serde_json::Value::Object(map) = value {
            for (key, value) in map {
                let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
                collect(&path, value, keys);
                keys.insert(path);
            }
        }
    }
    let path = locales_dir.join(format!("{locale}.json"));
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut keys = BTreeSet::new();
    collect("", &value, &mut keys);
    Ok(keys)
}
