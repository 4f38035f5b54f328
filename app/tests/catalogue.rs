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
    for e in app::error::AppError::all() {
        assert!(keys.contains(&format!("errors.{}", e.key())), "errors.{} missing", e.key());
    }
}

fn text(lang: &str, key: &str) -> String {
    catalogue(lang)
        .into_iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v)
        .unwrap_or_else(|| panic!("{lang}: {key} missing"))
}

/// The two uses of ʻ in Uzbek Latin are oʻ and gʻ; anywhere else it is a
/// tutuq belgisi (ʼ, U+02BC) typed with the wrong sign.
#[test]
fn uzbek_turned_comma_only_in_o_and_g() {
    for (k, v) in catalogue("uz") {
        let chars: Vec<char> = v.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            if *c == 'ʻ' {
                let before = if i == 0 { ' ' } else { chars[i - 1] };
                assert!(matches!(before, 'o' | 'O' | 'g' | 'G'), "uz: {k}: ʻ after {before:?} (tutuq is ʼ): {v}");
            }
        }
    }
}

/// Words that are Turkish on purpose inside an Uzbek text: the product's name
/// and the Turkish term shown next to its Uzbek word, e.g. "Tuman (ilçe)".
const TURKISH_ON_PURPOSE_IN_UZBEK: [&str; 2] = ["Köprü", "ilçe"];

/// ö, ü, ç, ş, ğ, ı and dotted İ are Turkish letters, not Uzbek Latin ones
/// (Uzbek writes oʻ, u, ch, sh, gʻ, i): in an Uzbek text they mean Turkish
/// leaked in.
#[test]
fn uzbek_has_no_turkish_letters() {
    for (k, v) in catalogue("uz") {
        let mut rest = v.clone();
        for w in TURKISH_ON_PURPOSE_IN_UZBEK {
            rest = rest.replace(w, "");
        }
        for bad in ['ö', 'ü', 'ç', 'ş', 'ğ', 'ı', 'İ', 'Ö', 'Ü', 'Ç', 'Ş', 'Ğ'] {
            assert!(!rest.contains(bad), "uz: {k} contains the Turkish letter {bad:?}: {v}");
        }
    }
}

/// Turkish words that have crept into Uzbek texts before (the Uzbek word in brackets).
#[test]
fn uzbek_has_no_turkish_words() {
    // Vergi (soliq), belge (sertifikat/hujjat), Sosyal (ijtimoiy), Ajans (agentlik),
    // ücret (ish haqi/toʻlov), Güvenlik (xavfsizlik/taʼminot).
    for (k, v) in catalogue("uz") {
        let lower = v.to_lowercase();
        for bad in ["vergi", "belge", "sosyal", "ajans", "ücret", "güvenlik", "kurumu"] {
            assert!(
                !lower.split(|c: char| !c.is_alphabetic()).any(|w| w.starts_with(bad)),
                "uz: {k} contains the Turkish word {bad:?}: {v}"
            );
        }
    }
}

/// MERSİS (Merkezi Sicil Kayıt Sistemi) is written with a dotted İ in Turkish;
/// Uzbek has no İ and writes MERSIS.
#[test]
fn turkish_writes_mersis_with_dotted_i() {
    for (k, v) in catalogue("tr") {
        assert!(!v.contains("MERSIS"), "tr: {k} writes MERSIS without the dotted İ: {v}");
    }
    assert_eq!(text("tr", "companies.mersis_short"), "MERSİS");
    assert_eq!(text("uz", "companies.mersis_short"), "MERSIS");
    assert_eq!(text("tr", "companies.vkn_short"), "VKN");
    assert_eq!(text("uz", "companies.vkn_short"), "VKN");
}

/// Page headings and titles in Turkish are nouns ("Giriş", "Şifre değiştirme"),
/// not the informal imperative a button uses ("Giriş yap", "Şifre değiştir").
#[test]
fn turkish_titles_are_not_imperatives() {
    let imperatives = [
        "yap",
        "ol",
        "değiştir",
        "gönder",
        "kaydet",
        "oluştur",
        "ara",
        "sil",
        "gir",
        "seç",
        "başvur",
        "doğrula",
        "reddet",
        "yayımla",
    ];
    for (k, v) in catalogue("tr") {
        if !k.ends_with("_title") {
            continue;
        }
        let last = v.trim_end_matches(['.', '!', ' ']).rsplit(' ').next().unwrap_or("").to_lowercase();
        assert!(!imperatives.contains(&last.as_str()), "tr: the heading {k} ends in the imperative {last:?}: {v}");
    }
}

/// Where the Uzbek text names a certificate, the Turkish one says "mesleki
/// yeterlilik belgesi": "belge" alone also means any document.
#[test]
fn certificates_are_vocational_qualification_certificates_in_turkish() {
    let tr: std::collections::BTreeMap<String, String> = catalogue("tr").into_iter().collect();
    let mut seen = 0;
    for (k, uz) in catalogue("uz") {
        if uz.to_lowercase().contains("sertifikat") {
            seen += 1;
            let t = tr[&k].to_lowercase();
            assert!(t.contains("yeterlilik belge"), "tr: {k} should say \"mesleki yeterlilik belgesi\": {}", tr[&k]);
        }
    }
    assert!(seen >= 5, "{seen} certificate texts");
}

/// The agreement under negotiation is the “Social Protection” one (seed
/// article): «Ijtimoiy himoya» in Uzbek, “Sosyal Koruma” in Turkish, in the
/// same texts. "Sosyal Güvenlik" is only the name of the institution SGK.
#[test]
fn the_social_protection_agreement_has_one_name() {
    let tr: std::collections::BTreeMap<String, String> = catalogue("tr").into_iter().collect();
    let mut seen = 0;
    for (k, uz) in catalogue("uz") {
        let t = &tr[&k];
        assert_eq!(uz.contains("«Ijtimoiy himoya»"), t.contains("Sosyal Koruma"), "{k}: uz {uz:?} / tr {t:?}");
        seen += usize::from(uz.contains("«Ijtimoiy himoya»"));
    }
    assert!(seen >= 1);
    for (k, v) in catalogue("tr") {
        for (i, _) in v.match_indices("Sosyal Güvenlik") {
            assert!(v[i..].starts_with("Sosyal Güvenlik Kurum"), "tr: {k} names an agreement \"Sosyal Güvenlik\": {v}");
        }
        if v.contains("SGK") {
            assert!(v.contains("Sosyal Güvenlik Kurum"), "tr: {k} uses SGK without its name: {v}");
        }
    }
}

/// "vatandaş" alone reads as Turkish citizens: say whose citizens.
#[test]
fn turkish_citizens_are_qualified() {
    for (k, v) in catalogue("tr") {
        for (i, _) in v.match_indices("vatandaş") {
            assert!(v[..i].ends_with("Özbekistan ") || v[..i].ends_with("Türk "), "tr: {k}: whose citizens? {v}");
        }
    }
}

/// Wherever KVKK is named, the law is spelled out once: a migrant does not
/// know the abbreviation.
#[test]
fn kvkk_is_spelled_out() {
    let full = [
        ("uz", "6698-sonli «Shaxsiy maʼlumotlarni himoya qilish toʻgʻrisida»gi qonun"),
        ("tr", "6698 sayılı Kişisel Verilerin Korunması Kanunu"),
    ];
    for (lang, name) in full {
        let mut seen = 0;
        for (k, v) in catalogue(lang) {
            if v.contains("KVKK") {
                seen += 1;
                assert!(v.contains(name), "{lang}: {k} names KVKK without {name:?}: {v}");
            }
        }
        assert!(seen >= 1, "{lang}: the privacy notice names KVKK");
    }
}

/// The privacy notice is for migrants: no technical jargon.
#[test]
fn privacy_notice_has_no_jargon() {
    let jargon = [("uz", ["xesh", "hesh", "hash"]), ("tr", ["özet değer", "hash", "karma değer"])];
    for (lang, words) in jargon {
        for (k, v) in catalogue(lang) {
            if !k.starts_with("privacy.") {
                continue;
            }
            for w in words {
                assert!(!v.to_lowercase().contains(w), "{lang}: {k} says {w:?}: {v}");
            }
        }
    }
}

/// The footer and the privacy notice say the same thing about who runs the
/// portal: the representation's sentence in the footer is the first sentence
/// of the privacy notice's "who" text, word for word.
#[test]
fn footer_and_privacy_notice_agree_on_who_runs_the_portal() {
    for (lang, marker) in [("uz", "vakolatxonasi"), ("tr", "Temsilciliği")] {
        let footer = text(lang, "site.footer_note");
        let who = text(lang, "privacy.who_text");
        let sentence = footer
            .split_inclusive(". ")
            .map(str::trim)
            .find(|s| s.contains(marker))
            .unwrap_or_else(|| panic!("{lang}: the footer does not name the representation: {footer}"));
        assert!(who.starts_with(sentence), "{lang}: footer says {sentence:?}, privacy notice says {who:?}");
        for hedge in ["hamkorlikdagi portal", "bilan hamkorlikda", "ile birlikte"] {
            assert!(!footer.contains(hedge) && !who.contains(hedge), "{lang}: {hedge:?}");
        }
    }
}

/// Phrasings a translator's review rejected; kept here so that they do not return.
#[test]
fn rejected_phrasings_stay_out() {
    let rejected = [
        ("uz", "hech narsa turmaydi"),
        ("uz", "Xabarnoma"),
        ("uz", "Miqdor"),
        ("uz", "Vergi"),
        ("tr", "hiçbir ücrete mal olmaz"),
        ("tr", "Ücretler"),
        ("tr", "En düşük ücret"),
    ];
    for (lang, phrase) in rejected {
        for (k, v) in catalogue(lang) {
            assert!(!v.contains(phrase), "{lang}: {k} contains {phrase:?}: {v}");
        }
    }
    assert_eq!(text("uz", "vacancies.sort_label"), "Saralash");
    assert!(text("uz", "vacancies.no_fees").contains("agentlikka xabar bering"));
    assert!(text("tr", "vacancies.no_fees").contains("ajansa bildirin"));
}
