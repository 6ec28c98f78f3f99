//! Raw HTML inside Markdown: its prose and its `alt` and `title` values are
//! converted, its tags and other attribute values are not (the pieces are
//! read by [`crate::text::html`]). The rendered body is sanitized afterwards.

use super::Converter;
use crate::text::html::{pieces, Piece};

/// Converts one fragment of raw HTML. `verbatim_depth` carries open `<code>`-like
/// elements from one fragment to the next, since block HTML comes line by line.
pub fn convert(c: &Converter, html: &str, verbatim_depth: &mut usize) -> String {
    let mut out = String::with_capacity(html.len());
    for piece in pieces(html, verbatim_depth) {
        match piece {
            Piece::Text(r) | Piece::Attribute(r) => out.push_str(&c.plain(&html[r])),
            Piece::Verbatim(r) => out.push_str(&html[r]),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::opencc::Dictionaries;

    #[test]
    fn converts_text_alt_and_title_only() {
        let c = Converter::new("zh-Hant", Some("s2t"), Dictionaries::Zhpress).unwrap();
        let mut d = 0;
        let html =
            r#"<img src="头发.png" alt="头发" title='发生后' data-x="后">发生后<code>发</code>"#;
        let out = convert(&c, html, &mut d);
        assert_eq!(
            out,
            r#"<img src="头发.png" alt="頭髮" title='發生後' data-x="后">發生後<code>发</code>"#
        );
        assert_eq!(d, 0);
    }

    #[test]
    fn verbatim_spans_fragments() {
        let c = Converter::new("zh-Hant", Some("s2t"), Dictionaries::Zhpress).unwrap();
        let mut d = 0;
        assert_eq!(convert(&c, "<pre>\n", &mut d), "<pre>\n");
        assert_eq!(convert(&c, "发生后\n", &mut d), "发生后\n");
        assert_eq!(convert(&c, "</pre>后来\n", &mut d), "</pre>後來\n");
    }
}
