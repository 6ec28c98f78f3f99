//! Raw HTML inside Markdown, read as a stream of pieces: text (prose, or
//! verbatim inside `<code>`-like elements), tags, and the values of the
//! `alt` and `title` attributes, which readers see. The converter converts
//! the prose and those values; the lint reads the same ranges. This is not
//! a security boundary: rendered bodies are sanitized afterwards.

use std::ops::Range;

/// Elements whose content is never converted.
const VERBATIM: &[&str] = &["code", "pre", "script", "style", "kbd", "samp", "var"];

/// A piece of an HTML fragment, by byte range.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text readers read: converted.
    Text(Range<usize>),
    /// Text inside a verbatim element, or a tag outside its readable values.
    Verbatim(Range<usize>),
    /// The value of an `alt` or `title` attribute, without its quotes.
    Attribute(Range<usize>),
}

/// The pieces of one fragment, in order, covering it whole. `depth`
/// carries open `<code>`-like elements from one fragment to the next, since
/// block HTML comes line by line.
pub fn pieces(html: &str, depth: &mut usize) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < html.len() {
        let rest = &html[at..];
        match rest.find('<') {
            Some(0) => {
                let end = at + tag_end(rest);
                let tag = &html[at..end];
                track(tag, depth);
                let mut from = at;
                for value in readable_values(tag) {
                    out.push(Piece::Verbatim(from..at + value.start));
                    out.push(Piece::Attribute(at + value.start..at + value.end));
                    from = at + value.end;
                }
                out.push(Piece::Verbatim(from..end));
                at = end;
            }
            found => {
                let end = found.map_or(html.len(), |i| at + i);
                out.push(if *depth > 0 {
                    Piece::Verbatim(at..end)
                } else {
                    Piece::Text(at..end)
                });
                at = end;
            }
        }
    }
    out.retain(|p| match p {
        Piece::Text(r) | Piece::Verbatim(r) => !r.is_empty(),
        Piece::Attribute(_) => true,
    });
    out
}

/// The ranges of a fragment readers read: its prose text and its `alt` and
/// `title` values.
pub fn text_ranges(html: &str, depth: &mut usize) -> Vec<Range<usize>> {
    pieces(html, depth)
        .into_iter()
        .filter_map(|p| match p {
            Piece::Text(r) | Piece::Attribute(r) => Some(r),
            Piece::Verbatim(_) => None,
        })
        .collect()
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

/// The ranges (inside `tag`, quotes left out) of its `alt` and `title` values.
fn readable_values(tag: &str) -> Vec<Range<usize>> {
    if tag.starts_with("<!--") || tag.starts_with("</") || tag.is_ascii() {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(eq) = tag[at..].find('=').map(|i| at + i) {
        let name: String = tag[at..eq]
            .trim_end()
            .chars()
            .rev()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect::<String>()
            .to_ascii_lowercase();
        let after = &tag[eq + 1..];
        let value_start = eq + 1 + (after.len() - after.trim_start().len());
        let v = &tag[value_start..];
        let (value_len, quoted) = match v.chars().next() {
            Some(q @ ('"' | '\'')) => (v[1..].find(q).map_or(v.len(), |i| i + 2), true),
            _ => (
                v.find(|ch: char| ch.is_whitespace() || ch == '>')
                    .unwrap_or(v.len()),
                false,
            ),
        };
        if name == "alt" || name == "title" {
            if quoted && value_len >= 2 {
                out.push(value_start + 1..value_start + value_len - 1);
            } else {
                out.push(value_start..value_start + value_len);
            }
        }
        at = value_start + value_len;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_readable_values() {
        let html =
            r#"<img src="头发.png" alt="头发" title='发生后' data-x="后">发生后<code>发</code>"#;
        let mut d = 0;
        let read: Vec<&str> = text_ranges(html, &mut d)
            .into_iter()
            .map(|r| &html[r])
            .collect();
        assert_eq!(read, vec!["头发", "发生后", "发生后"]);
        assert_eq!(d, 0);
    }

    #[test]
    fn verbatim_spans_fragments() {
        let mut d = 0;
        assert!(text_ranges("<pre>\n", &mut d).is_empty());
        assert!(text_ranges("发生后\n", &mut d).is_empty());
        assert_eq!(text_ranges("</pre>后来\n", &mut d), vec![6..13]);
    }
}
