//! Announcements (F3.5): pages that staff write in Uzbek and in Turkish and
//! publish; the newest show on the home page, and the partnership's article
//! (`service::seed_article`) is the first one.
//!
//! Staff write plain text, never HTML: a blank line starts a new paragraph, a
//! line that starts with `- ` is an item of a list ([`blocks`]). The pages
//! turn that into Leptos nodes, so every character staff typed is shown as
//! text (`<script>` included) and nothing of it is ever markup.

pub mod api;
pub mod pages;

#[cfg(feature = "ssr")]
pub mod entity;
#[cfg(feature = "ssr")]
pub mod service;

use crate::error::{AppError, Checks};
use crate::i18n::Locale;
use serde::{Deserialize, Serialize};

/// How many announcements the home page shows.
pub const HOME_COUNT: u64 = 3;
/// Announcements per page of the public list.
pub const PAGE_SIZE: u64 = 20;
/// The longest title, in characters.
pub const MAX_TITLE: usize = 200;
/// The longest body, in characters (the site's limit for a free text).
pub const MAX_BODY: usize = 5000;
/// The longest address: the words of the title that fit.
pub const MAX_SLUG: usize = 80;

/// One announcement in a list (the home page, the public list, the staff's
/// list): both titles, and the day it was published (`None`: not public).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnouncementLine {
    pub id: i32,
    pub slug: String,
    pub title_uz: String,
    pub title_tr: String,
    /// `YYYY-MM-DD`, in Türkiye time.
    pub published_on: Option<String>,
}

impl AnnouncementLine {
    /// The title in the reader's language (both are always written).
    pub fn title(&self, locale: Locale) -> &str {
        match locale {
            Locale::uz => &self.title_uz,
            Locale::tr => &self.title_tr,
        }
    }
}

/// A page of the public list, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnouncementList {
    pub items: Vec<AnnouncementLine>,
    /// 1-based.
    pub page: u32,
    /// Whether older announcements follow on the next page.
    pub more: bool,
}

/// One announcement as a reader sees it: in the reader's language only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnnouncementText {
    pub id: i32,
    pub slug: String,
    pub title: String,
    /// Plain text; see [`blocks`].
    pub body: String,
    /// `uz` or `tr`: the language of `title` and `body`.
    pub lang: String,
    /// `YYYY-MM-DD` in Türkiye time; `None` for a draft, which only staff open.
    pub published_on: Option<String>,
}

/// One announcement as staff edit it: both languages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Announcement {
    pub id: i32,
    pub slug: String,
    pub title_uz: String,
    pub title_tr: String,
    pub body_uz: String,
    pub body_tr: String,
    /// RFC 3339; `None` for a draft.
    pub published_at: Option<String>,
    /// `YYYY-MM-DD` in Türkiye time.
    pub published_on: Option<String>,
    pub updated_at: String,
}

impl Announcement {
    /// The title in the reader's language.
    pub fn title(&self, locale: Locale) -> &str {
        match locale {
            Locale::uz => &self.title_uz,
            Locale::tr => &self.title_tr,
        }
    }
}

/// What a checked announcement form holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnouncementInput {
    /// Set when editing.
    pub id: Option<i32>,
    pub title_uz: String,
    pub title_tr: String,
    pub body_uz: String,
    pub body_tr: String,
}

/// Checks the four texts of the form together, each refusal on its own field:
/// both titles and both bodies are required, within their lengths.
pub fn check_form(
    id: Option<&str>,
    title_uz: &str,
    title_tr: &str,
    body_uz: &str,
    body_tr: &str,
) -> Result<AnnouncementInput, AppError> {
    let mut c = Checks::default();
    let id = c.take_as("announcement_id", crate::parse::optional_id(id));
    let title_uz = c.take_as("title_uz", title(title_uz));
    let title_tr = c.take_as("title_tr", title(title_tr));
    let body_uz = c.take_as("body_uz", body(body_uz));
    let body_tr = c.take_as("body_tr", body(body_tr));
    let values = match (id, title_uz, title_tr, body_uz, body_tr) {
        (Some(id), Some(title_uz), Some(title_tr), Some(body_uz), Some(body_tr)) => {
            Some(AnnouncementInput { id, title_uz, title_tr, body_uz, body_tr })
        }
        _ => None,
    };
    c.finish(values)
}

/// A title: one line, inner white space folded, 1 to [`MAX_TITLE`] characters.
pub fn title(input: &str) -> Result<String, AppError> {
    let t: String = input.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.is_empty() {
        return Err(AppError::Required);
    }
    if t.chars().any(char::is_control) {
        return Err(AppError::InvalidInput);
    }
    if t.chars().count() > MAX_TITLE {
        return Err(AppError::TextTooLong);
    }
    Ok(t)
}

/// A body: line ends made `\n`, white space at the ends of lines and of the
/// text dropped, 1 to [`MAX_BODY`] characters, no control characters but
/// line ends and tabs.
pub fn body(input: &str) -> Result<String, AppError> {
    let text = input.replace("\r\n", "\n").replace('\r', "\n");
    let lines: Vec<&str> = text.split('\n').map(str::trim_end).collect();
    let b = lines.join("\n").trim_matches(|c: char| c == '\n' || c.is_whitespace()).to_string();
    if b.is_empty() {
        return Err(AppError::Required);
    }
    if b.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(AppError::InvalidInput);
    }
    if b.chars().count() > MAX_BODY {
        return Err(AppError::TextTooLong);
    }
    Ok(b)
}

/// A piece of a body, as the page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph; its lines are kept (shown with line breaks).
    Paragraph(Vec<String>),
    /// A list: consecutive lines that start with `- `.
    List(Vec<String>),
}

/// Splits a body into paragraphs (separated by blank lines) and lists (lines
/// starting with `- `). Nothing in the text is markup: each piece is text.
pub fn blocks(body: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut lines: Vec<String> = Vec::new();
    let mut items: Vec<String> = Vec::new();
    fn flush(out: &mut Vec<Block>, lines: &mut Vec<String>, items: &mut Vec<String>) {
        if !lines.is_empty() {
            out.push(Block::Paragraph(std::mem::take(lines)));
        }
        if !items.is_empty() {
            out.push(Block::List(std::mem::take(items)));
        }
    }
    for raw in body.lines() {
        let line = raw.trim();
        if line.is_empty() {
            flush(&mut out, &mut lines, &mut items);
        } else if let Some(item) = line.strip_prefix("- ").map(str::trim).filter(|i| !i.is_empty()) {
            // A list starts: the paragraph above it ends.
            if !lines.is_empty() {
                out.push(Block::Paragraph(std::mem::take(&mut lines)));
            }
            items.push(item.to_string());
        } else {
            // Text after a list: the list ends, a paragraph starts.
            if !items.is_empty() {
                out.push(Block::List(std::mem::take(&mut items)));
            }
            lines.push(line.to_string());
        }
    }
    flush(&mut out, &mut lines, &mut items);
    out
}

/// The address of an announcement from its title: the words of the title
/// folded to ASCII (Turkish letters without their marks, Uzbek `oʻ`, `gʻ`
/// and `ʼ` without the sign), lower case, joined by hyphens, at most
/// [`MAX_SLUG`] characters (whole words). Empty when the title has no Latin
/// letter or digit (a Cyrillic one, say): the caller takes the other title.
pub fn slug_of(title: &str) -> String {
    let mut slug = String::new();
    for word in crate::reference::text::tokens(title) {
        let ascii: String = word.chars().filter(char::is_ascii_alphanumeric).collect();
        if ascii.is_empty() {
            continue;
        }
        let extra = usize::from(!slug.is_empty()) + ascii.len();
        if slug.len() + extra > MAX_SLUG {
            if slug.is_empty() {
                slug = ascii[..MAX_SLUG].to_string();
            }
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(&ascii);
    }
    slug
}

/// The address for a new announcement: from the Turkish title, else the
/// Uzbek one, else `duyuru`; `-2`, `-3` … after it when `taken` says the
/// address is in use.
pub fn unique_slug(title_tr: &str, title_uz: &str, taken: impl Fn(&str) -> bool) -> String {
    let base = [slug_of(title_tr), slug_of(title_uz)].into_iter().find(|s| !s.is_empty());
    let base = base.unwrap_or_else(|| "duyuru".to_string());
    if !taken(&base) {
        return base;
    }
    (2..).map(|n| format!("{base}-{n}")).find(|s| !taken(s)).expect("a free address")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(lines: &[&str]) -> Block {
        Block::Paragraph(lines.iter().map(|s| s.to_string()).collect())
    }
    fn l(items: &[&str]) -> Block {
        Block::List(items.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn paragraphs_are_split_at_blank_lines() {
        assert_eq!(blocks("Birinchi.\n\nIkkinchi."), vec![p(&["Birinchi."]), p(&["Ikkinchi."])]);
        // Several blank lines, lines of spaces, Windows line ends: one break each.
        assert_eq!(blocks("\n\nBir\r\n \r\n\t\r\n\r\nIki\n\n\n"), vec![p(&["Bir"]), p(&["Iki"])]);
        // A single line end stays inside its paragraph.
        assert_eq!(blocks("Manzil:\nAnkara, Çankaya\n\nSon."), vec![p(&["Manzil:", "Ankara, Çankaya"]), p(&["Son."])]);
        assert_eq!(blocks(""), vec![]);
        assert_eq!(blocks("  \n \n"), vec![]);
    }

    #[test]
    fn lines_starting_with_a_dash_are_list_items() {
        assert_eq!(
            blocks("Olib keling:\n- pasport\n- ish shartnomasi\n\nVaqtida keling."),
            vec![p(&["Olib keling:"]), l(&["pasport", "ish shartnomasi"]), p(&["Vaqtida keling."])]
        );
        // Text right after a list ends it; a blank line between two lists makes two.
        assert_eq!(blocks("- bir\n- iki\nSoʻng.\n\n- uch"), vec![l(&["bir", "iki"]), p(&["Soʻng."]), l(&["uch"])]);
        // A dash without a space, or alone, is text; so is a hyphen inside a line.
        assert_eq!(blocks("-5 °C\n-\nOʻzbekiston - Turkiya"), vec![p(&["-5 °C", "-", "Oʻzbekiston - Turkiya"])]);
    }

    #[test]
    fn markup_in_a_body_stays_text() {
        assert_eq!(
            blocks("<script>alert(1)</script>\n\n- <b>x</b>"),
            vec![p(&["<script>alert(1)</script>"]), l(&["<b>x</b>"])]
        );
    }

    #[test]
    fn slugs_are_ascii_words_joined_by_hyphens() {
        assert_eq!(
            slug_of("Özbekistan ve Türkiye: İşgücü Göçünde İnsan Odaklı Bir Ortaklık"),
            "ozbekistan-ve-turkiye-isgucu-gocunde-insan-odakli-bir-ortaklik"
        );
        assert_eq!(slug_of("Oʻzbekiston va Turkiya: maʼlumot"), "ozbekiston-va-turkiya-malumot");
        assert_eq!(slug_of("O'zbekiston  —  2026-yil!"), "ozbekiston-2026-yil");
        assert_eq!(slug_of("ŞIRNAK, IĞDIR"), "sirnak-igdir");
        assert_eq!(slug_of("<script>alert(1)</script>"), "script-alert-1-script");
        assert_eq!(slug_of("Эълон"), "", "no Latin letter");
        assert_eq!(slug_of("Эълон 2026"), "2026");
    }

    #[test]
    fn long_titles_give_slugs_of_whole_words() {
        let long = "Mehnat ".repeat(30);
        let s = slug_of(&long);
        assert!(s.len() <= MAX_SLUG && s.len() > MAX_SLUG - 7, "{s}");
        assert!(s.split('-').all(|w| w == "mehnat"), "{s}");
        let one = "a".repeat(200);
        assert_eq!(slug_of(&one), "a".repeat(MAX_SLUG), "one long word is cut");
    }

    #[test]
    fn slugs_are_unique() {
        let taken = ["duyuru", "yeni-kurs", "yeni-kurs-2"];
        let is_taken = |s: &str| taken.contains(&s);
        assert_eq!(unique_slug("Yeni kurs", "Yangi kurs", is_taken), "yeni-kurs-3");
        assert_eq!(unique_slug("Yeni bina", "Yangi bino", is_taken), "yeni-bina");
        assert_eq!(
            unique_slug("Дом", "Yangi bino", is_taken),
            "yangi-bino",
            "the Uzbek title when the Turkish one has no Latin"
        );
        assert_eq!(unique_slug("Дом", "Уй", is_taken), "duyuru-2");
    }

    #[test]
    fn titles_and_bodies_are_required_and_bounded() {
        assert_eq!(title("  Yangi \n eʼlon "), Ok("Yangi eʼlon".into()));
        assert_eq!(title(" \t "), Err(AppError::Required));
        assert_eq!(title(&"x".repeat(MAX_TITLE)).map(|t| t.len()), Ok(MAX_TITLE));
        assert_eq!(title(&"x".repeat(MAX_TITLE + 1)), Err(AppError::TextTooLong));
        assert_eq!(title("a\u{0}b"), Err(AppError::InvalidInput));
        assert_eq!(body("\r\n Bir  \r\n\r\nIki\t\r\n\n"), Ok("Bir\n\nIki".into()));
        assert_eq!(body("\n \n"), Err(AppError::Required));
        assert_eq!(body(&"ä".repeat(MAX_BODY)).map(|b| b.chars().count()), Ok(MAX_BODY));
        assert_eq!(body(&"ä".repeat(MAX_BODY + 1)), Err(AppError::TextTooLong));
        assert_eq!(body("a\u{7}b"), Err(AppError::InvalidInput));
        assert_eq!(body("<script>x</script>"), Ok("<script>x</script>".into()), "kept as typed, shown as text");
    }

    #[test]
    fn the_form_refuses_every_wrong_field_at_once() {
        let ok = check_form(Some("7"), "Sarlavha", "Başlık", "Matn", "Metin").unwrap();
        assert_eq!(ok.id, Some(7));
        assert_eq!(check_form(None, "S", "B", "M", "M").unwrap().id, None);
        let long = "x".repeat(MAX_TITLE + 1);
        match check_form(None, "", &long, "Matn", " ") {
            Err(AppError::Fields(f)) => {
                let got: Vec<(&str, &AppError)> = f.iter().map(|f| (f.field.as_str(), &f.error)).collect();
                assert_eq!(
                    got,
                    vec![
                        ("title_uz", &AppError::Required),
                        ("title_tr", &AppError::TextTooLong),
                        ("body_tr", &AppError::Required)
                    ]
                );
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(check_form(None, "S", "", "M", "M"), Err(AppError::Required.at("title_tr")));
        assert_eq!(check_form(Some("x"), "S", "B", "M", "M"), Err(AppError::InvalidInput.at("announcement_id")));
    }

    #[test]
    fn the_reader_gets_the_title_in_their_language() {
        let line = AnnouncementLine {
            id: 1,
            slug: "s".into(),
            title_uz: "Eʼlon".into(),
            title_tr: "Duyuru".into(),
            published_on: None,
        };
        assert_eq!(line.title(Locale::uz), "Eʼlon");
        assert_eq!(line.title(Locale::tr), "Duyuru");
    }
}
