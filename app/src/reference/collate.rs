//! Sorting names by the alphabet of the reader's language, not by bytes
//! (where `İstanbul`, `Çanakkale` and `Şanlıurfa` land after `Zonguldak`).
//!
//! * Turkish: a b c ç d e f g ğ h ı i j k l m n o ö p r s ş t u ü v y z, with
//!   Turkish case rules (`I` is the capital of `ı`, `İ` of `i`).
//! * Uzbek (Latin, 1995 alphabet): a b d e f g h i j k l m n o p q r s t u v x
//!   y z oʻ gʻ sh ch ng — `oʻ` and `gʻ` (with any of the apostrophes people
//!   type) and the digraphs `sh`, `ch`, `ng` are letters of their own, after `z`.
//!
//! Letters outside the alphabet (`w`, `c` in Uzbek, Cyrillic, digits) follow
//! in code-point order; spaces and punctuation sort before every letter.

use crate::i18n::Locale;
use std::cmp::Ordering;

const TURKISH: &str = "abcçdefgğhıijklmnoöpqrsştuüvwxyz";
const UZBEK: &[&str] = &[
    "a", "b", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r", "s", "t", "u", "v", "x", "y",
    "z", "oʻ", "gʻ", "sh", "ch", "ng",
];
/// Apostrophes that Uzbek writers use for the `ʻ` of `oʻ` and `gʻ`.
const APOSTROPHES: &[char] = &['ʻ', 'ʼ', '‘', '’', '\'', '`', '´'];

/// The collation key of `name` in `locale`: one rank per letter.
pub fn key(locale: Locale, name: &str) -> Vec<u32> {
    let lower = lower(locale, name);
    let chars: Vec<char> = lower.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let (rank, used) = match locale {
            Locale::tr => (TURKISH.chars().position(|l| l == c).map(|p| p as u32 + 1), 1),
            Locale::uz => {
                let letter = match (c, next) {
                    ('o' | 'g', Some(a)) if APOSTROPHES.contains(&a) => Some((if c == 'o' { "oʻ" } else { "gʻ" }, 2)),
                    ('s', Some('h')) => Some(("sh", 2)),
                    ('c', Some('h')) => Some(("ch", 2)),
                    ('n', Some('g')) => Some(("ng", 2)),
                    _ => None,
                };
                match letter {
                    Some((l, used)) => (UZBEK.iter().position(|u| *u == l).map(|p| p as u32 + 1), used),
                    None => (UZBEK.iter().position(|u| u.chars().eq(std::iter::once(c))).map(|p| p as u32 + 1), 1),
                }
            }
        };
        let rank = match rank {
            Some(r) => r,
            // Separators first (rank 0), everything else after the alphabet.
            None if !c.is_alphanumeric() => 0,
            None => 100 + c as u32,
        };
        out.push(rank);
        i += used;
    }
    out
}

/// Compares two names by the alphabet of `locale`; names that collate alike
/// (`Oʻzbek` and `O'zbek`) keep a stable order by their bytes.
pub fn compare(locale: Locale, a: &str, b: &str) -> Ordering {
    key(locale, a).cmp(&key(locale, b)).then_with(|| a.cmp(b))
}

fn lower(locale: Locale, s: &str) -> String {
    s.chars()
        .flat_map(|c| match (locale, c) {
            (Locale::tr, 'I') => vec!['ı'],
            (Locale::tr, 'İ') => vec!['i'],
            _ => c.to_lowercase().collect(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(locale: Locale, names: &[&str]) -> Vec<String> {
        let mut v: Vec<String> = names.iter().map(|s| s.to_string()).collect();
        v.sort_by(|a, b| compare(locale, a, b));
        v
    }

    #[test]
    fn turkish_letters_sit_in_the_turkish_alphabet() {
        assert_eq!(
            sorted(
                Locale::tr,
                &["Zonguldak", "İstanbul", "Çanakkale", "Şanlıurfa", "Isparta", "İzmir", "Cizre", "Sinop"]
            ),
            ["Cizre", "Çanakkale", "Isparta", "İstanbul", "İzmir", "Sinop", "Şanlıurfa", "Zonguldak"]
        );
        // ö after o, ü after u, ğ after g, ı before i.
        assert_eq!(sorted(Locale::tr, &["Ödemiş", "Ordu", "Üsküdar", "Uşak"]), ["Ordu", "Ödemiş", "Uşak", "Üsküdar"]);
        assert_eq!(sorted(Locale::tr, &["Iğdır", "Igor", "ığ"]), ["Igor", "ığ", "Iğdır"]);
        assert_eq!(sorted(Locale::tr, &["ıi", "ii", "ıı"]), ["ıı", "ıi", "ii"]);
    }

    #[test]
    fn uzbek_digraphs_and_apostrophe_letters_come_after_z() {
        assert_eq!(
            sorted(
                Locale::uz,
                &["Shanliurfa", "Sinop", "Zonguldak", "Chanakkale", "Oʻzbekiston", "Ordu", "Gʻijduvon", "Gazli"]
            ),
            ["Gazli", "Ordu", "Sinop", "Zonguldak", "Oʻzbekiston", "Gʻijduvon", "Shanliurfa", "Chanakkale"]
        );
        // Any apostrophe makes the letter oʻ; x and q are ordinary letters.
        assert_eq!(key(Locale::uz, "O'zbek"), key(Locale::uz, "Oʻzbek"));
        assert_eq!(key(Locale::uz, "O‘zbek"), key(Locale::uz, "Oʻzbek"));
        assert_eq!(sorted(Locale::uz, &["Xiva", "Qarshi", "Yangiyer"]), ["Qarshi", "Xiva", "Yangiyer"]);
        // `ng` is one letter: `Ang` sorts after every `An` + letter.
        assert_eq!(sorted(Locale::uz, &["Angren", "Andijon", "Anzob"]), ["Andijon", "Anzob", "Angren"]);
    }

    #[test]
    fn separators_first_and_foreign_letters_last() {
        assert_eq!(sorted(Locale::tr, &["Ağrı Dağı", "Ağrıdağ"]), ["Ağrı Dağı", "Ağrıdağ"]);
        assert_eq!(sorted(Locale::tr, &["Москва", "Zonguldak", "Adana"]), ["Adana", "Zonguldak", "Москва"]);
    }
}
