//! The `-{…}-` markup (MediaWiki's syntax, checked when the site is built).
//!
//! - `-{text}-` keeps `text` as written in every variant.
//! - `-{zh-Hans:鲜于;zh-Hant:鮮于}-` gives the text for each variant.

use std::ops::Range;

/// A piece of a string after the markup is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment<'a> {
    /// Ordinary text: converted.
    Text(&'a str),
    /// `-{text}-`: kept as written.
    Raw(&'a str),
    /// `-{code:text;…}-`: one text per variant code.
    PerVariant(Vec<(&'a str, &'a str)>),
    /// `-{H|code:text;…}-`: a rule for the whole entry, shown nowhere.
    Hidden(Vec<(&'a str, &'a str)>),
}

/// A malformed rule, at a byte range of the parsed string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkupError {
    pub span: Range<usize>,
    pub message: String,
    pub hint: String,
}

/// Splits `s` into text and rules, each with its byte range in `s`.
pub fn parse(s: &str) -> Result<Vec<(Range<usize>, Segment<'_>)>, MarkupError> {
    let mut out = Vec::new();
    let mut pos = 0;
    while let Some(open) = s[pos..].find("-{").map(|i| pos + i) {
        if open > pos {
            out.push((pos..open, Segment::Text(&s[pos..open])));
        }
        let inner_start = open + 2;
        let Some(close) = s[inner_start..].find("}-").map(|i| inner_start + i) else {
            return Err(MarkupError {
                span: open..open + 2,
                message: crate::t!("markup-not-closed"),
                hint: crate::t!("markup-not-closed-hint"),
            });
        };
        let inner = &s[inner_start..close];
        out.push((open..close + 2, rule(inner, inner_start)?));
        pos = close + 2;
    }
    if pos < s.len() {
        out.push((pos..s.len(), Segment::Text(&s[pos..])));
    }
    Ok(out)
}

fn rule(inner: &str, offset: usize) -> Result<Segment<'_>, MarkupError> {
    if let Some(body) = inner.strip_prefix("H|") {
        return match per_variant(body, offset + 2)? {
            Segment::PerVariant(pairs) => Ok(Segment::Hidden(pairs)),
            _ => Err(MarkupError {
                span: offset..offset + inner.len(),
                message: crate::t!("markup-hidden-not-per-variant"),
                hint: crate::t!("markup-hidden-not-per-variant-hint"),
            }),
        };
    }
    per_variant(inner, offset)
}

fn per_variant(inner: &str, offset: usize) -> Result<Segment<'_>, MarkupError> {
    if !looks_per_variant(inner) {
        return Ok(Segment::Raw(inner));
    }
    let mut pairs = Vec::new();
    let mut at = offset;
    for part in inner.split(';') {
        let span = at..at + part.len();
        at += part.len() + 1;
        if part.trim().is_empty() {
            continue;
        }
        let Some((code, text)) = part.split_once(':') else {
            return Err(MarkupError {
                span,
                message: crate::t!("markup-no-code", part = part.trim()),
                hint: crate::t!("markup-no-code-hint"),
            });
        };
        let code = code.trim();
        if !is_variant_code(code) {
            return Err(MarkupError {
                span,
                message: crate::t!("markup-not-a-code", code = code),
                hint: crate::t!("markup-not-a-code-hint"),
            });
        }
        pairs.push((code, text));
    }
    if pairs.is_empty() {
        return Err(MarkupError {
            span: offset..offset + inner.len(),
            message: crate::t!("markup-no-text"),
            hint: crate::t!("markup-no-text-hint"),
        });
    }
    Ok(Segment::PerVariant(pairs))
}

/// `zh-Hans:…` or `zh:…` at the start makes a rule per variant.
fn looks_per_variant(inner: &str) -> bool {
    let t = inner.trim_start();
    match t.split_once(':') {
        Some((code, _)) => is_variant_code(code.trim()),
        None => false,
    }
}

fn is_variant_code(code: &str) -> bool {
    let lower = code.to_ascii_lowercase();
    (lower == "zh" || lower.starts_with("zh-"))
        && code.len() <= 16
        && code.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// The text a per-variant rule gives `variant`: its own code, then the codes
/// that stand in for it (zh-TW falls back to zh-Hant, zh-Hant to zh-TW/zh-HK, …).
/// `None` when the rule names no text usable for this variant.
pub fn pick<'a>(pairs: &[(&'a str, &'a str)], variant: &str) -> Option<&'a str> {
    let find = |code: &str| {
        pairs
            .iter()
            .find(|(c, _)| c.eq_ignore_ascii_case(code))
            .map(|(_, t)| *t)
    };
    if let Some(t) = find(variant) {
        return Some(t);
    }
    let fallbacks: &[&str] = match variant.to_ascii_lowercase().as_str() {
        "zh-tw" | "zh-hk" | "zh-mo" => &["zh-Hant", "zh-TW", "zh-HK"],
        "zh-hant" => &["zh-TW", "zh-HK", "zh-MO"],
        "zh-cn" | "zh-sg" | "zh-my" => &["zh-Hans", "zh-CN"],
        "zh-hans" => &["zh-CN", "zh-SG"],
        _ => &[],
    };
    fallbacks
        .iter()
        .find_map(|c| find(c))
        .or_else(|| find("zh"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_and_per_variant() {
        let s = "姓-{于}-與-{zh-Hans:鲜于;zh-Hant:鮮于}-";
        let segs = parse(s).unwrap();
        assert_eq!(segs[0].1, Segment::Text("姓"));
        assert_eq!(segs[1].1, Segment::Raw("于"));
        assert_eq!(segs[2].1, Segment::Text("與"));
        assert_eq!(
            segs[3].1,
            Segment::PerVariant(vec![("zh-Hans", "鲜于"), ("zh-Hant", "鮮于")])
        );
        assert_eq!(&s[segs[1].0.clone()], "-{于}-");
    }

    #[test]
    fn errors_point_at_the_rule() {
        let e = parse("前文-{未閉合").unwrap_err();
        assert_eq!(e.span.start, "前文".len());
        assert!(e.message.contains("never closed"));
        let e = parse("-{zh-Hans:甲;乙}-").unwrap_err();
        assert!(e.message.contains("no `code:`"), "{}", e.message);
        let e = parse("-{zh-Hans:甲;xx-YY:乙}-").unwrap_err();
        assert!(e.message.contains("xx-YY"));
    }

    #[test]
    fn fallbacks() {
        let pairs = [("zh-Hans", "软件"), ("zh-Hant", "軟件")];
        assert_eq!(pick(&pairs, "zh-TW"), Some("軟件"));
        assert_eq!(pick(&pairs, "zh-CN"), Some("软件"));
        assert_eq!(pick(&[("zh-TW", "軟體")], "zh-Hans"), None);
    }

    #[test]
    fn hidden_rules() {
        let segs = parse("-{H|zh-Hans:鲜于;zh-Hant:鮮于}-").unwrap();
        assert_eq!(
            segs[0].1,
            Segment::Hidden(vec![("zh-Hans", "鲜于"), ("zh-Hant", "鮮于")])
        );
        assert!(parse("-{H|鮮于}-")
            .unwrap_err()
            .message
            .contains("hidden rule"));
    }

    #[test]
    fn text_with_colons_is_raw() {
        assert_eq!(parse("-{a:b}-").unwrap()[0].1, Segment::Raw("a:b"));
    }
}
