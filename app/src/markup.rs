//! HTML written as a string, for the long lists whose items never change once they are shown: the cards of
//! a result page, the options of a reference list, the facts of a vacancy. As views, each of their nodes costs the server an
//! allocation or two and a hydration marker, and costs the browser a step of the hydration walk. Set as
//! an element's `inner_html`, the server writes the string as it is and hydration adopts the element's
//! content without walking it (tachys leaves the DOM of an `inner_html` from the server untouched).
//!
//! Every text and attribute value goes through [`Markup::text`] or [`Markup::attr`], which escape it; the
//! tag structure is the only thing written raw, and only from string literals of this crate. The texts
//! themselves come from the i18n catalogue and the data, as in any view.

use std::fmt::Write;

#[derive(Debug, Default)]
pub struct Markup(String);

impl Markup {
    pub fn with_capacity(n: usize) -> Self {
        Markup(String::with_capacity(n))
    }

    /// Structure: a literal tag or a fragment of one (`<li class="card">`, `</p>`).
    pub fn raw(&mut self, tag: &'static str) -> &mut Self {
        self.0.push_str(tag);
        self
    }

    /// Markup that another function of this module's kind built, escaping as it went.
    pub fn raw_owned(&mut self, markup: &str) -> &mut Self {
        self.0.push_str(markup);
        self
    }

    /// Text content, escaped (`&`, `<`, `>`).
    pub fn text(&mut self, text: &str) -> &mut Self {
        html_escape::encode_text_to_string(text, &mut self.0);
        self
    }

    /// An attribute value inside double quotes, escaped (`&`, `<`, `>`, `"`).
    pub fn attr(&mut self, value: &str) -> &mut Self {
        html_escape::encode_double_quoted_attribute_to_string(value, &mut self.0);
        self
    }

    /// A number, as text or as an attribute value (nothing to escape).
    pub fn int(&mut self, n: i64) -> &mut Self {
        let _ = write!(self.0, "{n}");
        self
    }

    pub fn into_string(self) -> String {
        self.0
    }
}

/// The rows of a `<dl>`: a `<dt>` and a `<dd>` for each label and value, both escaped.
pub fn definitions<V: AsRef<str>>(rows: &[(&str, V)]) -> String {
    let mut m = Markup::with_capacity(48 * rows.len());
    for (label, value) in rows {
        m.raw("<dt>").text(label).raw("</dt><dd>").text(value.as_ref()).raw("</dd>");
    }
    m.into_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut m = Markup::default();
        m.raw("<a title=\"").attr("\"><script>x</script>").raw("\">").text("<b>A & B</b>").raw("</a>");
        assert_eq!(
            m.into_string(),
            "<a title=\"&quot;&gt;&lt;script&gt;x&lt;/script&gt;\">&lt;b&gt;A &amp; B&lt;/b&gt;</a>"
        );
    }

    #[test]
    fn definitions_pair_each_label_with_its_value_in_order() {
        let rows = [("Viloyat", "İstanbul, <Esenyurt>".to_string()), ("Ish oʻrinlari", "3 / 5".to_string())];
        assert_eq!(
            definitions(&rows),
            "<dt>Viloyat</dt><dd>İstanbul, &lt;Esenyurt&gt;</dd><dt>Ish oʻrinlari</dt><dd>3 / 5</dd>"
        );
        assert_eq!(definitions::<&str>(&[]), "");
    }

    #[test]
    fn uzbek_and_turkish_letters_pass_unchanged() {
        let mut m = Markup::default();
        m.text("Oʻzbekiston · İstanbul, Şanlıurfa").int(-42);
        assert_eq!(m.into_string(), "Oʻzbekiston · İstanbul, Şanlıurfa-42");
    }
}
