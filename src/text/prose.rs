//! Which parts of a text field are prose.
//!
//! Prose is what readers read as text: it is converted into each variant,
//! linted for the source script, fixed by `check --fix`, audited and
//! searched. Everything else is verbatim and passes through every stage
//! untouched: code spans and code blocks (fenced or indented), URLs (bare
//! ones in the text, autolinks, link and image destinations), e-mail
//! addresses, HTML tags and their attributes (but `alt` and `title`, which
//! readers see), and `-{…}-` markup.
//!
//! The converter walks the same Markdown events ([`markdown_events`]) and
//! keeps the same URLs ([`urls`]) and markup as written, so what the lint
//! judges is exactly what the build converts.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::{html, markup};

/// The Markdown features zhpress reads. Emphasis follows the CommonMark
/// CJK-friendly amendment, so `**《書名》**的` is emphasis as Chinese writers
/// expect (pulldown-cmark patched: vendor/pulldown-cmark/PATCHED.md).
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_CJK_FRIENDLY_EMPHASIS
}

/// A Markdown event, its range in the text, and whether it is text inside a
/// code block (verbatim, unlike the other text events).
pub type Walked<'a> = (Event<'a>, Range<usize>, bool);

/// The events of a Markdown text with their ranges, each text event marked
/// when it is inside a code block.
pub fn markdown_events(md: &str) -> impl Iterator<Item = Walked<'_>> {
    let mut in_code_block = false;
    Parser::new_ext(md, options())
        .into_offset_iter()
        .map(move |(event, range)| {
            match &event {
                Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
                Event::End(TagEnd::CodeBlock) => in_code_block = false,
                _ => {}
            }
            let verbatim = in_code_block && matches!(event, Event::Text(_));
            (event, range, verbatim)
        })
}

/// The prose of a text field, as byte ranges of `text` in order. `markdown`:
/// the field is Markdown (a body, a summary), not plain text (a name).
pub fn prose(text: &str, markdown: bool) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if !markdown {
        plain(text, 0..text.len(), &mut out);
        return out;
    }
    let mut html_depth = 0;
    for (event, range, verbatim) in markdown_events(text) {
        match event {
            // The source of a text event is its text unless it holds
            // escapes or entities; those are ASCII, never converted, and
            // the range still covers exactly the text.
            Event::Text(_) if !verbatim => plain(text, range, &mut out),
            Event::Html(_) | Event::InlineHtml(_) => {
                for r in html::text_ranges(&text[range.clone()], &mut html_depth) {
                    plain(text, range.start + r.start..range.start + r.end, &mut out);
                }
            }
            // A link's or an image's title, which readers see: the last
            // place its text is written in the link.
            Event::Start(Tag::Link { title, .. } | Tag::Image { title, .. })
                if !title.is_empty() =>
            {
                if let Some(i) = text[range.clone()].rfind(&*title) {
                    let at = range.start + i;
                    plain(text, at..at + title.len(), &mut out);
                }
            }
            _ => {}
        }
    }
    out.sort_by_key(|r| r.start);
    out
}

/// The emphasis markers of a Markdown text that reach readers as written:
/// runs of two or more `*` or `_` (not escaped with a backslash) in its
/// text, where Markdown found no emphasis for them to open or close, as
/// byte ranges of `md`. A lone `*` (5 * 3) is ordinary text.
pub fn literal_emphasis(md: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    if !md.contains("**") && !md.contains("__") {
        return out;
    }
    // pulldown-cmark gives each unmatched marker a text event of its own:
    // text that follows on in the source is read as one.
    let mut texts: Vec<Range<usize>> = Vec::new();
    for (event, range, verbatim) in markdown_events(md) {
        if !matches!(event, Event::Text(_)) || verbatim {
            continue;
        }
        match texts.last_mut() {
            Some(last) if last.end == range.start => last.end = range.end,
            _ => texts.push(range),
        }
    }
    for range in texts {
        let source = &md[range.clone()];
        let bytes = source.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            if b == b'\\' {
                // An escaped character is literal by the writer's choice.
                i += 2;
                continue;
            }
            if b != b'*' && b != b'_' {
                i += 1;
                continue;
            }
            let run = bytes[i..].iter().take_while(|&&c| c == b).count();
            if run >= 2 {
                out.push(range.start + i..range.start + i + run);
            }
            i += run;
        }
    }
    out
}

/// `within` of `text`, less its `-{…}-` markup and its URLs.
fn plain(text: &str, within: Range<usize>, out: &mut Vec<Range<usize>>) {
    let part = &text[within.clone()];
    let mut cut: Vec<Range<usize>> = urls(part);
    if part.contains("-{") {
        match markup::parse(part) {
            Ok(segments) => cut.extend(
                segments
                    .into_iter()
                    .filter(|(_, s)| !matches!(s, markup::Segment::Text(_)))
                    .map(|(r, _)| r),
            ),
            // Malformed markup is an error of its own: none of it is prose.
            Err(_) => return,
        }
    }
    cut.sort_by_key(|r| r.start);
    let mut at = 0;
    for c in cut {
        if c.start > at {
            out.push(within.start + at..within.start + c.start);
        }
        at = at.max(c.end);
    }
    if at < part.len() {
        out.push(within.start + at..within.end);
    }
}

/// The URLs and e-mail addresses in a text, as byte ranges: `http://`,
/// `https://`, `ftp://`, `mailto:` and `www.` up to a space, `<`, `>`, a
/// quote or a CJK punctuation mark, without trailing sentence punctuation
/// or an unmatched `)`. A URL's host is ASCII; its path may hold CJK
/// characters (`https://example.org/發/後`), which are part of it.
pub fn urls(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    // Most text holds none of what every URL or address has: one fast scan each.
    let maybe = |n: &str| text.contains(n);
    if !(maybe(":") || maybe("@") || maybe("ww.") || maybe("WW.")) {
        return out;
    }
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &text[i..];
        let starts_word = i == 0 || !text[..i].ends_with(|c: char| c.is_ascii_alphanumeric());
        let scheme = ["https://", "http://", "ftp://", "mailto:", "www."]
            .iter()
            .find(|s| {
                rest.get(..s.len())
                    .is_some_and(|r| r.eq_ignore_ascii_case(s))
            });
        if let (Some(s), true) = (scheme, starts_word) {
            let end = i + url_len(rest, s.len());
            if end > i + s.len() {
                out.push(i..end);
                i = end;
                continue;
            }
        }
        if bytes[i] == b'@' {
            if let Some(r) = email_around(text, i) {
                // An address found at its `@`: its local part may already
                // be behind us, but never inside an earlier URL.
                if out.last().is_none_or(|l: &Range<usize>| l.end <= r.start) {
                    i = r.end;
                    out.push(r);
                    continue;
                }
            }
        }
        i += rest.chars().next().map_or(1, char::len_utf8);
    }
    out
}

/// How long the URL starting `s` is, its scheme `scheme_len` bytes long.
fn url_len(s: &str, scheme_len: usize) -> usize {
    let mut end = scheme_len;
    let mut in_path = false;
    for (i, c) in s.char_indices().skip_while(|(i, _)| *i < scheme_len) {
        let stop = c.is_whitespace()
            || matches!(c, '<' | '>' | '"' | '`')
            || is_cjk_punctuation(c)
            || (!c.is_ascii() && !in_path);
        if stop {
            break;
        }
        in_path |= c == '/' || c == '?' || c == '#';
        end = i + c.len_utf8();
    }
    // Sentence punctuation after a URL is not part of it, nor is a `)` that
    // closes a parenthesis opened before it.
    loop {
        let url = &s[..end];
        let last = url.chars().last();
        match last {
            Some('.' | ',' | ':' | ';' | '!' | '?' | '\'' | '*' | '_' | '~') => end -= 1,
            Some(')') if url.matches('(').count() < url.matches(')').count() => end -= 1,
            _ => break,
        }
    }
    end
}

/// The e-mail address whose `@` is at `at`, if there is one.
fn email_around(text: &str, at: usize) -> Option<Range<usize>> {
    let local_ok = |c: char| c.is_ascii_alphanumeric() || "._%+-".contains(c);
    let domain_ok = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '.';
    let start = text[..at]
        .char_indices()
        .rev()
        .take_while(|(_, c)| local_ok(*c))
        .last()
        .map(|(i, _)| i)?;
    let domain: &str = &text[at + 1..];
    let mut len = domain.find(|c: char| !domain_ok(c)).unwrap_or(domain.len());
    while domain[..len].ends_with('.') {
        len -= 1;
    }
    let d = &domain[..len];
    let tld = d.rsplit('.').next()?;
    (d.contains('.') && tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()))
        .then(|| start..at + 1 + len)
}

/// Full-width and CJK punctuation, which ends a URL written in Chinese prose.
pub fn is_cjk_punctuation(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
        || matches!(c, '…' | '—' | '“' | '”' | '‘' | '’' | '·')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        urls(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn urls_in_chinese_prose() {
        assert_eq!(
            found("見https://example.org/發/後，或www.example.org/a。"),
            vec!["https://example.org/發/後", "www.example.org/a"]
        );
        assert_eq!(
            found("（見 https://example.org/a_(b)）與 http://x.org/y."),
            vec!["https://example.org/a_(b)", "http://x.org/y"]
        );
        assert_eq!(
            found("寫信給 info@example.org 或 mailto:a@b.cn。"),
            vec!["info@example.org", "mailto:a@b.cn"]
        );
        assert_eq!(
            found("https://example.org後來"),
            vec!["https://example.org"]
        );
        assert!(found("不是網址: a@b, x.y, http:/").is_empty());
    }

    #[test]
    fn literal_emphasis_is_what_readers_would_see_as_asterisks() {
        let found = |md: &str| -> Vec<String> {
            literal_emphasis(md)
                .into_iter()
                .map(|r| md[r].to_string())
                .collect()
        };
        // Emphasis next to CJK punctuation renders (CJK-friendly): nothing left.
        assert!(found("整理出**《21天注意力訓練》線上版本**，").is_empty());
        assert!(found("**a** a**b**c `**碼**` \\*\\*轉義\\*\\* 5 * 3").is_empty());
        assert_eq!(found("甲__「乙」__丙"), vec!["__", "__"]);
        assert_eq!(found("甲** 乙**丙"), vec!["**", "**"]);
        assert_eq!(found("```\n**碼**\n```\n"), Vec::<String>::new());
    }

    #[test]
    fn prose_leaves_out_code_urls_and_markup() {
        let md = "疫情后`发生后`見<https://a.org/后>與https://b.org/后，[干部](https://c.org/后 \"后\")-{后}-\n\n```\n后\n```\n\n    后\n\n<b title=\"后\">后</b>\n";
        let prose: Vec<&str> = prose(md, true).into_iter().map(|r| &md[r]).collect();
        assert_eq!(
            prose,
            vec!["疫情后", "見", "與", "，", "干部", "后", "后", "后"],
            "prose, the link's title, the title attribute, the HTML text"
        );
        let plain = "名稱-{后}-與https://x.org/后";
        let prose: Vec<&str> = super::prose(plain, false)
            .into_iter()
            .map(|r| &plain[r])
            .collect();
        assert_eq!(prose, vec!["名稱", "與"]);
    }
}
