//! Folding text for search, so that it is correct for Turkish and Uzbek and
//! works from a phone without a Turkish keyboard (F2.4).
//!
//! Both what is stored (a `search` column) and what a person types go through
//! [`normalize_search`]; matching then compares the folded forms.

/// Folds `s` for search:
///
/// * lower-cases with Turkish rules and then drops the dotted/dotless
///   distinction: `İ`→`i`, `I`→`ı`→`i`, so `ISTANBUL`, `İSTANBUL`, `İstanbul`
///   and `istanbul` are one word, and so are `ISPARTA` and `ısparta`;
/// * strips Turkish diacritics: `ş`→`s`, `ğ`→`g`, `ç`→`c`, `ö`→`o`, `ü`→`u`,
///   `â`→`a`, `î`→`i`, `û`→`u` (so `sanliurfa` finds `Şanlıurfa`), and any
///   combining mark U+0300–U+036F (text typed in decomposed form);
/// * removes every apostrophe that Uzbek writers use for `oʻ`, `gʻ` and the
///   tutuq belgisi — U+02BB `ʻ`, U+02BC `ʼ`, U+2018 `‘`, U+2019 `’`, ASCII `'`,
///   `` ` `` and U+00B4 `´` — so `oʻgʻli`, `o'g'li`, `o‘g‘li` and `o`g`li` are
///   all `ogli`;
/// * lower-cases everything else (Cyrillic included) and turns each run of
///   whitespace and punctuation into one space, trimmed at both ends.
pub fn normalize_search(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut gap = false;
    fn push(out: &mut String, gap: &mut bool, c: char) {
        if *gap && !out.is_empty() {
            out.push(' ');
        }
        *gap = false;
        out.push(c);
    }
    for c in s.chars() {
        if is_apostrophe(c) || is_combining_mark(c) {
            continue;
        }
        if let Some(f) = fold_turkish(c) {
            push(&mut out, &mut gap, f);
        } else if c.is_alphanumeric() {
            for l in c.to_lowercase() {
                if !is_combining_mark(l) {
                    push(&mut out, &mut gap, l);
                }
            }
        } else {
            gap = true;
        }
    }
    out
}

/// The words of `s`, each folded by [`normalize_search`]; empty for text
/// without letters or digits.
pub fn tokens(s: &str) -> Vec<String> {
    normalize_search(s).split(' ').filter(|w| !w.is_empty()).map(str::to_string).collect()
}

/// Every character that people type for the Uzbek `ʻ` / `ʼ`.
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\u{02BB}' | '\u{02BC}' | '\u{2018}' | '\u{2019}' | '\'' | '`' | '\u{00B4}')
}

fn is_combining_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Turkish letters that fold to a plain ASCII letter.
fn fold_turkish(c: char) -> Option<char> {
    Some(match c {
        'İ' | 'I' | 'ı' | 'î' | 'Î' => 'i',
        'Ş' | 'ş' => 's',
        'Ğ' | 'ğ' => 'g',
        'Ç' | 'ç' => 'c',
        'Ö' | 'ö' => 'o',
        'Ü' | 'ü' | 'û' | 'Û' => 'u',
        'Â' | 'â' => 'a',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn istanbul_in_every_case_is_one_word() {
        for s in ["istanbul", "İSTANBUL", "ISTANBUL", "İstanbul", "Istanbul", "ıstanbul"] {
            assert_eq!(normalize_search(s), "istanbul", "{s}");
        }
    }

    #[test]
    fn dotless_capital_i_folds_like_dotted() {
        let folded: Vec<String> =
            ["ISPARTA", "Isparta", "ısparta", "İSPARTA", "isparta"].iter().map(|s| normalize_search(s)).collect();
        assert!(folded.iter().all(|f| f == "isparta"), "{folded:?}");
        assert_eq!(normalize_search("KIRIKKALE"), "kirikkale");
        assert_eq!(normalize_search("Kırıkkale"), "kirikkale");
    }

    #[test]
    fn turkish_diacritics_are_stripped() {
        assert_eq!(normalize_search("Şanlıurfa"), "sanliurfa");
        assert_eq!(normalize_search("ŞANLIURFA"), "sanliurfa");
        assert_eq!(normalize_search("sanliurfa"), normalize_search("Şanlıurfa"));
        assert_eq!(normalize_search("ŞşĞğÇçÖöÜüÂâÎîÛû"), "ssggccoouuaaiiuu");
        assert_eq!(normalize_search("Hakkâri"), "hakkari");
        assert_eq!(normalize_search("Vinç operatörü"), "vinc operatoru");
        assert_eq!(normalize_search("Muğla"), "mugla");
    }

    #[test]
    fn decomposed_marks_are_stripped() {
        // İ typed as I + combining dot above, ş as s + combining cedilla.
        assert_eq!(normalize_search("I\u{0307}STANBUL"), "istanbul");
        assert_eq!(normalize_search("S\u{0327}anli\u{0307}urfa"), "sanliurfa");
    }

    #[test]
    fn every_uzbek_apostrophe_variant_folds_alike() {
        for s in ["oʻgʻli", "o'g'li", "o‘g‘li", "o’g’li", "o`g`li", "oʼgʼli", "o´g´li", "Oʻgʻli", "OʻGʻLI"]
        {
            assert_eq!(normalize_search(s), "ogli", "{s:?}");
        }
        // The tutuq belgisi (U+02BC) and its stand-ins.
        assert_eq!(normalize_search("maʼlumot"), normalize_search("ma'lumot"));
        assert_eq!(normalize_search("Fargʻona viloyati"), "fargona viloyati");
        assert_eq!(normalize_search("Farg‘ona"), normalize_search("Farg`ona"));
    }

    #[test]
    fn whitespace_and_punctuation_collapse_to_single_spaces() {
        assert_eq!(normalize_search("  Boʻsh   ish,\t oʻrinlari!!\n"), "bosh ish orinlari");
        assert_eq!(normalize_search("İnşaat-işçisi/Kalıpçı"), "insaat iscisi kalipci");
        assert_eq!(normalize_search("a - - b"), "a b");
        assert_eq!(normalize_search("  ,;. \t"), "");
        assert_eq!(normalize_search(""), "");
    }

    #[test]
    fn digits_are_kept() {
        assert_eq!(normalize_search("7112.01 Duvar ustası"), "7112 01 duvar ustasi");
    }

    #[test]
    fn cyrillic_passes_through_lower_cased() {
        assert_eq!(normalize_search("ТОШКЕНТ шаҲри"), "тошкент шаҳри");
        assert_eq!(normalize_search("ЎЗБЕКИСТОН"), "ўзбекистон");
        assert_eq!(normalize_search("ҒАЛЛАОРОЛ, Қўқон"), "ғаллаорол қўқон");
    }

    #[test]
    fn folding_is_idempotent() {
        for s in ["İSTANBUL'da", "Oʻgʻli  Şanlıurfa", "ТОШКЕНТ", "a-b"] {
            let once = normalize_search(s);
            assert_eq!(normalize_search(&once), once, "{s}");
        }
    }

    #[test]
    fn tokens_are_folded_words() {
        assert_eq!(tokens("İstanbul, Şanlıurfa  ve o‘g‘li"), ["istanbul", "sanliurfa", "ve", "ogli"]);
        assert_eq!(tokens("ISPARTA"), ["isparta"]);
        assert!(tokens("  ,, -- ").is_empty());
        assert!(tokens("").is_empty());
    }
}
