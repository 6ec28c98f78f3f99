//! Raw HTML inside Markdown: its text is prose and is converted; its tags and
//! attribute values are not, except `alt` and `title`, which readers see.
//! This is not a security boundary: the rendered body is sanitized afterwards.

use super::Converter;

/// Elements whose content is never converted.
const VERBATIM: &[&str] = &["code", "pre", "script", "style", "kbd", "samp", "var"];

/// Converts one fragment of raw HTML. `verbatim_depth` carries open `<code>`-like
/// elements from one fragment to the next, since block HTML comes line by line.
pub fn convert(c: &Converter, html: &str, verbatim_depth: &mut usize) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while !rest.is_empty() {
        match rest.find('<') {
            Some(0) => {
                let end = tag_end(rest);
                let tag = &rest[..end];
                track(tag, verbatim_depth);
                out.push_str(&convert_attributes(c, tag));
                rest = &rest[end..];
            }
            Some(i) => {
                push_text(c, &rest[..i], *verbatim_depth, &mut out);
                rest = &rest[i..];
            }
            None => {
                push_text(c, rest, *verbatim_depth, &mut out);
                rest = "";
            }
        }
    }
    out
}

fn push_text(c: &Converter, text: &str, depth: usize, out: &mut String) {
    if depth > 0 {
        out.push_str(text);
    } else {
        out.push_str(&c.plain(text));
    }
}

/// The end of the tag starting at 0, skipping `>` inside quoted values.
fn tag_end(s: &str) -> usize {
    if s.starts_with("<!--") {
        return s.find("-->").map_or(s.len(), |i| i + 3);
    }
    let mut quote = None;
    for (i, ch) in s.char_indices().skip(1) {
        match (quote, ch) {
            (None, '"' | '\'') => quote = Some(ch),
            (Some(q), _) if ch == q => quote = None,
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    s.len()
}

/// The element's name in a tag, lower case: `<Code class=x>` → `code`.
fn tag_name(tag: &str) -> String {
    tag.trim_start_matches('<')
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

fn track(tag: &str, depth: &mut usize) {
    let closing = tag.starts_with("</");
    let name = tag_name(tag);
    if VERBATIM.contains(&name.as_str()) && !tag.ends_with("/>") {
        if closing {
            *depth = depth.saturating_sub(1);
        } else {
            *depth += 1;
        }
    }
}

/// Elements that hold nothing, or whose end tag may be left out: they do not
/// nest when written without one.
const NOT_NESTING: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr", "p", "li", "dt", "dd", "tr", "td", "th", "option", "optgroup", "thead", "tbody",
    "tfoot", "colgroup", "caption", "rb", "rt", "rp",
];

/// Follows how deep elements are open after a fragment of raw HTML.
pub fn track_depth(html: &str, depth: &mut usize) {
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        let end = tag_end(rest);
        let tag = &rest[..end];
        rest = &rest[end..];
        let closing = tag.starts_with("</");
        let name = tag_name(tag);
        if name.is_empty() || NOT_NESTING.contains(&name.as_str()) || tag.ends_with("/>") {
            continue;
        }
        if closing {
            *depth = depth.saturating_sub(1);
        } else {
            *depth += 1;
        }
    }
}

/// Converts the values of `alt` and `title` inside one tag.
fn convert_attributes(c: &Converter, tag: &str) -> String {
    if tag.starts_with("<!--") || tag.starts_with("</") || tag.is_ascii() {
        return tag.to_string();
    }
    let mut out = String::with_capacity(tag.len());
    let mut rest = tag;
    while let Some(eq) = rest.find('=') {
        let name: String = rest[..eq]
            .trim_end()
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect::<String>()
            .to_ascii_lowercase();
        let after = &rest[eq + 1..];
        let value_start = eq + 1 + (after.len() - after.trim_start().len());
        let v = &rest[value_start..];
        let (value_len, quoted) = match v.chars().next() {
            Some(q @ ('"' | '\'')) => (v[1..].find(q).map_or(v.len(), |i| i + 2), true),
            _ => (
                v.find(|ch: char| ch.is_whitespace() || ch == '>')
                    .unwrap_or(v.len()),
                false,
            ),
        };
        out.push_str(&rest[..value_start]);
        let value = &v[..value_len];
        if name == "alt" || name == "title" {
            if quoted && value.len() >= 2 {
                out.push_str(&value[..1]);
                out.push_str(&c.plain(&value[1..value.len() - 1]));
                out.push_str(&value[value.len() - 1..]);
            } else {
                out.push_str(&c.plain(value));
            }
        } else {
            out.push_str(value);
        }
        rest = &v[value_len..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::convert::engine::Dictionaries;

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
