//! Markdown into sanitized HTML of one variant, converting only the prose.
//!
//! An adapter over pulldown-cmark's event stream: runs of `Text` between
//! formatting are converted together (so `**疫情**发生后` still matches 发生后),
//! `Code` and code blocks pass through, link and image destinations are never
//! touched, link titles and image alt text are converted, and raw HTML has its
//! text converted before the whole body is sanitized with ammonia.

use std::sync::OnceLock;

use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd};

use super::{html, Converter};
use crate::text::markup::MarkupError;

/// A rendered body: HTML for pages, plain text for data.json, feeds and search.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    pub html: String,
    pub plain: String,
}

/// A markup error at a byte offset of the Markdown source.
#[derive(Debug)]
pub struct MarkdownError {
    pub offset: usize,
    pub error: MarkupError,
}

/// Renders a Markdown document.
pub fn render(c: &Converter, md: &str) -> Result<Rendered, MarkdownError> {
    // Quotation marks are paired over the whole text, before it is split
    // into events; restyled, the text keeps every offset.
    let md = c.quotes(md, true);
    let events = convert_events(&c.with_quotes(None), &md)?;
    let plain = plain_text(&events);
    let mut raw = String::with_capacity(md.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut raw, events.into_iter());
    Ok(Rendered {
        html: sanitizer().clean(&raw).to_string(),
        plain,
    })
}

/// Renders one paragraph of inline Markdown (an activity summary) without the `<p>`.
/// Block structure (a second paragraph, a list, a heading…) is an error at
/// the place it starts: pages show the field inside a paragraph of their
/// own, where a block would make invalid HTML (`<p><p>…</p><p>…</p></p>`).
pub fn render_inline(c: &Converter, md: &str) -> Result<Rendered, MarkdownError> {
    only_inline(md)?;
    let mut r = render(c, md)?;
    let trimmed = r.html.trim_end();
    if let Some(inner) = trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        if !inner.contains("<p>") {
            r.html = inner.to_string();
        }
    }
    Ok(r)
}

/// The first block in `md` that is not its one paragraph, as an error.
fn only_inline(md: &str) -> Result<(), MarkdownError> {
    let mut depth = 0usize;
    let mut paragraphs = 0;
    for (event, range) in Parser::new_ext(md, crate::text::prose::options()).into_offset_iter() {
        let what = match &event {
            Event::Start(_) if depth > 0 => None,
            Event::Start(Tag::Paragraph) => {
                paragraphs += 1;
                (paragraphs > 1).then(|| crate::t!("markdown-second-paragraph"))
            }
            Event::Start(Tag::Heading { .. }) => Some(crate::t!("markdown-heading")),
            Event::Start(Tag::List(_)) => Some(crate::t!("markdown-list")),
            Event::Start(Tag::BlockQuote(_)) => Some(crate::t!("markdown-block-quote")),
            Event::Start(Tag::CodeBlock(_)) => Some(crate::t!("markdown-code-block")),
            Event::Start(Tag::Table(_)) => Some(crate::t!("markdown-table")),
            Event::Start(Tag::HtmlBlock) => Some(crate::t!("markdown-html-block")),
            Event::Start(_) => Some(crate::t!("markdown-block")),
            Event::Rule if depth == 0 => Some(crate::t!("markdown-rule")),
            _ => None,
        };
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if let Some(what) = what {
            return Err(MarkdownError {
                offset: range.start,
                error: MarkupError {
                    span: 0..1,
                    message: crate::t!("markdown-not-inline", what = what),
                    hint: crate::t!("markdown-not-inline-hint"),
                },
            });
        }
    }
    Ok(())
}

/// How deep elements may nest in a body: a browser's HTML parser stops at
/// 512, and the sanitizer's time grows with the square of the depth (100,000
/// nested `<div>`s or `>` took minutes). No prose comes near it.
pub const MAX_DEPTH: usize = 256;

fn too_deep(offset: usize) -> MarkdownError {
    MarkdownError {
        offset,
        error: MarkupError {
            span: 0..1,
            message: crate::t!("markdown-too-deep", depth = MAX_DEPTH),
            hint: crate::t!("markdown-too-deep-hint"),
        },
    }
}

/// A run of text pieces being gathered: (index in the output, text, source offset).
type Run<'a> = Vec<(usize, CowStr<'a>, usize)>;

fn convert_events<'a>(c: &Converter, md: &'a str) -> Result<Vec<Event<'a>>, MarkdownError> {
    let mut out: Vec<Event<'a>> = Vec::new();
    let mut run: Run<'a> = Vec::new();
    let mut verbatim_depth = 0usize;
    let (mut md_depth, mut html_depth) = (0usize, 0usize);
    for (event, range, verbatim) in crate::text::prose::markdown_events(md) {
        match &event {
            Event::Start(_) => md_depth += 1,
            Event::End(_) => md_depth = md_depth.saturating_sub(1),
            Event::Html(h) | Event::InlineHtml(h) => {
                crate::text::html::track_depth(h, &mut html_depth)
            }
            _ => {}
        }
        if md_depth + html_depth > MAX_DEPTH {
            return Err(too_deep(range.start));
        }
        match event {
            Event::Text(t) if verbatim => out.push(Event::Text(t)),
            Event::Text(t) => {
                run.push((out.len(), t, range.start));
                out.push(Event::Text(CowStr::Borrowed("")));
            }
            Event::SoftBreak | Event::HardBreak => out.push(event),
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough)
            | Event::End(
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image,
            ) => out.push(event),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let title = convert_attr(c, title, range.start)?;
                out.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let title = convert_attr(c, title, range.start)?;
                out.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                flush(c, &mut run, &mut out)?;
                let converted = html::convert(c, &h, &mut verbatim_depth);
                out.push(Event::Html(converted.into()));
            }
            other => {
                flush(c, &mut run, &mut out)?;
                out.push(other);
            }
        }
    }
    flush(c, &mut run, &mut out)?;
    Ok(out)
}

fn convert_attr<'a>(
    c: &Converter,
    value: CowStr<'a>,
    offset: usize,
) -> Result<CowStr<'a>, MarkdownError> {
    if value.is_empty() {
        return Ok(value);
    }
    c.text(&value)
        .map(CowStr::from)
        .map_err(|error| MarkdownError { offset, error })
}

/// Converts the gathered run as one text and puts each piece back in its place.
fn flush<'a>(c: &Converter, run: &mut Run<'a>, out: &mut [Event<'a>]) -> Result<(), MarkdownError> {
    if run.is_empty() {
        return Ok(());
    }
    let pieces: Vec<&str> = run.iter().map(|(_, t, _)| t.as_ref()).collect();
    let converted = c.pieces(&pieces).map_err(|error| {
        // Map the offset in the joined text back to the piece's place in the source.
        let mut at = 0;
        let mut offset = run[0].2;
        for (_, t, src) in run.iter() {
            if error.span.start < at + t.len() {
                offset = src + (error.span.start - at);
                break;
            }
            at += t.len();
        }
        MarkdownError { offset, error }
    })?;
    for ((i, _, _), text) in run.drain(..).zip(converted) {
        out[i] = Event::Text(text.into());
    }
    Ok(())
}

fn plain_text(events: &[Event<'_>]) -> String {
    let mut s = String::new();
    for e in events {
        match e {
            Event::Text(t) | Event::Code(t) => s.push_str(t),
            Event::SoftBreak | Event::HardBreak => s.push(' '),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::Item | TagEnd::CodeBlock,
            ) if !s.ends_with('\n') && !s.is_empty() => s.push('\n'),
            _ => {}
        }
    }
    s.trim_end().to_string()
}

/// The allow-list for publications: ammonia's defaults (text formatting, lists,
/// tables, images, links), links limited to http(s), mailto and tel, and
/// `rel="noopener noreferrer"` on every link.
fn sanitizer() -> &'static ammonia::Builder<'static> {
    static B: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    B.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
            .link_rel(Some("noopener noreferrer"))
            .add_tag_attributes("code", ["class"])
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .add_tags(["input"]);
        b
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::opencc::Dictionaries;

    fn hant() -> Converter {
        Converter::new("zh-Hant", Some("s2t"), Dictionaries::Zhpress).unwrap()
    }

    #[test]
    fn prose_converted_code_and_urls_not() {
        let md = "疫情发生后，[社区干部](https://example.org/发生后 \"头发\")看`发生后`。\n\n```\n发生后\n```\n";
        let r = render(&hant(), md).unwrap();
        assert!(r.html.contains("疫情發生後"), "{}", r.html);
        assert!(r.html.contains("社區幹部"), "{}", r.html);
        assert!(
            r.html
                .contains("https://example.org/%E5%8F%91%E7%94%9F%E5%90%8E")
                || r.html.contains("https://example.org/发生后"),
            "{}",
            r.html
        );
        assert!(r.html.contains("title=\"頭髮\""), "{}", r.html);
        assert!(r.html.contains("<code>发生后</code>"), "{}", r.html);
        assert!(
            r.html.contains("<pre><code>发生后\n</code></pre>"),
            "{}",
            r.html
        );
    }

    #[test]
    fn urls_are_never_converted() {
        let md =
            "见https://example.org/发/后，或<https://example.org/发生后>，写信info@example.org。";
        let r = render(&hant(), md).unwrap();
        assert!(
            r.html.starts_with("<p>見https://example.org/发/后，或"),
            "{}",
            r.html
        );
        assert!(
            r.html.contains(">https://example.org/发生后</a>"),
            "{}",
            r.html
        );
        assert!(
            r.plain.contains("https://example.org/发/后") && r.plain.contains("寫信"),
            "{}",
            r.plain
        );
    }

    #[test]
    fn phrases_across_formatting() {
        let r = render(&hant(), "疫情**发**生后").unwrap();
        assert!(r.html.contains("疫情<strong>發</strong>生後"), "{}", r.html);
    }

    #[test]
    fn sanitizes() {
        let r = render(
            &hant(),
            "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <img src=x onerror=alert(1)>",
        )
        .unwrap();
        assert!(!r.html.contains("<script"), "{}", r.html);
        assert!(!r.html.contains("javascript:"), "{}", r.html);
        assert!(!r.html.contains("onerror"), "{}", r.html);
    }

    #[test]
    fn markup_error_offset_is_in_the_source() {
        let md = "第一段\n\n第二段-{未閉合";
        let e = render(&hant(), md).unwrap_err();
        assert_eq!(&md[e.offset..e.offset + 2], "-{");
    }

    #[test]
    fn inline_refuses_blocks_where_they_start() {
        for (md, what, at) in [
            ("第一段\n\n第二段", "second paragraph", 11),
            ("捐款\n- 口罩", "list", 7),
            ("# 標題", "heading", 0),
            ("    代碼", "code block", 4),
            ("> 引用", "block quote", 0),
            ("甲\n\n---", "horizontal rule", 5),
            ("甲\n---", "heading", 0),
            ("<div>甲</div>", "HTML", 0),
        ] {
            let e = render_inline(&hant(), md).unwrap_err();
            assert!(e.error.message.contains(what), "{md}: {}", e.error.message);
            assert_eq!(e.offset, at, "{md}");
        }
        let r = render_inline(&hant(), "一行\n接著一行 1. 不是列表 \\- 也不是").unwrap();
        assert!(
            !r.html.contains("<p>") && !r.html.contains("<li>"),
            "{}",
            r.html
        );
    }

    #[test]
    fn nesting_is_limited_where_it_goes_too_deep() {
        let quotes = "> ".repeat(MAX_DEPTH + 10) + "深";
        let e = render(&hant(), &quotes).unwrap_err();
        assert!(e.error.message.contains("nested"), "{}", e.error.message);
        let divs = "<div>".repeat(MAX_DEPTH + 10);
        assert!(render(&hant(), &divs).is_err());
        // Tags that close themselves, or need no end tag, do not count.
        let flat = "<p>段<br>".repeat(MAX_DEPTH * 2);
        assert!(render(&hant(), &flat).is_ok());
        assert!(render(&hant(), &"> ".repeat(50)).is_ok());
    }

    #[test]
    fn emphasis_next_to_cjk_punctuation() {
        let r = render_inline(&hant(), "整理出**《21天注意力訓練》線上版本**，").unwrap();
        assert_eq!(
            r.html,
            "整理出<strong>《21天注意力訓練》線上版本</strong>，"
        );
        for (md, html) in [
            ("這是**「重要」**的", "這是<strong>「重要」</strong>的"),
            ("**發出倡議。**為疫情", "<strong>發出倡議。</strong>為疫情"),
            ("甲*（乙）*丙", "甲<em>（乙）</em>丙"),
            // `_` between two characters of a word is never emphasis, as in
            // CommonMark (the amendment keeps that rule): `check` flags it.
            ("甲__「乙」__丙", "甲__「乙」__丙"),
            ("甲 __「乙」__ 丙", "甲 <strong>「乙」</strong> 丙"),
            // Ordinary CommonMark is unchanged.
            ("**a**", "<strong>a</strong>"),
            ("a**b**c", "a<strong>b</strong>c"),
            ("a__b__c", "a__b__c"),
            ("a ** b **", "a ** b **"),
            ("`**《碼》**`", "<code>**《碼》**</code>"),
            ("\\*\\*《轉義》\\*\\*", "**《轉義》**"),
            ("a**\"b\"**", "a**\"b\"**"),
        ] {
            assert_eq!(render_inline(&hant(), md).unwrap().html, html, "{md}");
        }
        let list = render(&hant(), "* 甲\n* **《乙》**丙\n").unwrap();
        assert_eq!(
            list.html,
            "<ul>\n<li>甲</li>\n<li><strong>《乙》</strong>丙</li>\n</ul>\n"
        );
    }

    #[test]
    fn quotation_marks_in_the_variants_style() {
        use crate::text::quotes::QuoteStyle;
        let curly = hant().with_quotes(Some(QuoteStyle::Curly));
        let md = "他說「讀『抗疫』一文」，`「碼」`與[「連結」](https://example.org/「後」)、-{「原樣」}-。";
        let r = render(&curly, md).unwrap();
        assert!(
            r.html.contains("他說“讀‘抗疫’一文”，<code>「碼」</code>與<a href=\"https://example.org/%E3%80%8C%E5%BE%8C%E3%80%8D\""),
            "{}",
            r.html
        );
        assert!(r.html.contains(">“連結”</a>、「原樣」。"), "{}", r.html);
        assert!(r.plain.starts_with("他說“讀‘抗疫’一文”"), "{}", r.plain);
        let corner = hant().with_quotes(Some(QuoteStyle::Corner));
        assert_eq!(corner.text("“甲‘乙’丙”").unwrap(), "「甲『乙』丙」");
        assert_eq!(hant().text("“甲”").unwrap(), "“甲”", "no style: as written");
    }

    #[test]
    fn inline_strips_paragraph() {
        let r = render_inline(&hant(), "捐款**1000万元**").unwrap();
        assert_eq!(r.html, "捐款<strong>1000萬元</strong>");
        assert_eq!(r.plain, "捐款1000萬元");
    }
}
