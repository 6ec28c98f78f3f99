//! Internal link checking, before anything is written: the links editors
//! write in Markdown are checked at their place in the source file (a
//! missing image at the line and column of `![…](…)`), then every link the
//! templates make in the rendered site.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use pulldown_cmark::{Event, Tag};

use crate::content::schema::Located;
use crate::content::Source;
use crate::diagnostic::Diagnostic;
use crate::render::Output;

/// Every link and image written in the source's Markdown that points inside
/// the site and names no file of it: relative ones from the page the text is
/// on, root-absolute ones (`/files/a.pdf`) from the site's base path. The
/// links are checked in the first variant (every variant has the same paths).
pub fn broken_source_links(source: &Source, files: &[Output]) -> Vec<Diagnostic> {
    let paths: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let Some(variant) = source.config.variants.first() else {
        return Vec::new();
    };
    let base = source.config.base_path();
    let mut out = Vec::new();
    let mut check = |file: &Path,
                     text: &Arc<str>,
                     field: &Located<String>,
                     markdown_at: usize,
                     dir: &str| {
        let page = format!("{}/{}index.html", variant.path, dir);
        for (event, range, _) in crate::text::prose::markdown_events(&field.value) {
            let dest = match &event {
                Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => dest_url,
                _ => continue,
            };
            let span = markdown_at + range.start..markdown_at + range.end;
            let target = dest.split(['#', '?']).next().unwrap_or("");
            let resolved = match target.strip_prefix('/') {
                _ if target.starts_with("//") => continue,
                Some(_) => match target.strip_prefix(base.as_str()) {
                    Some(inside) => Some(inside.to_string()),
                    None => {
                        out.push(
                            Diagnostic::at(
                                file,
                                text,
                                span,
                                crate::t!(
                                    "links-outside-site",
                                    dest = &**dest,
                                    base = base.as_str()
                                ),
                            )
                            .with_hint(crate::t!(
                                "links-outside-site-hint",
                                base = base.as_str(),
                                path = target.trim_start_matches('/')
                            )),
                        );
                        continue;
                    }
                },
                None => resolve(&page, dest),
            };
            let Some(resolved) = resolved else { continue };
            let found = resolved.is_empty()
                || paths.contains(resolved.as_str())
                || paths.contains(format!("{}index.html", resolved).as_str())
                || paths.contains(format!("{}/index.html", resolved).as_str());
            if !found {
                out.push(
                    Diagnostic::at(file, text, span, crate::t!("links-missing", dest = &**dest))
                        .with_hint(crate::t!("links-missing-hint")),
                );
            }
        }
    };
    // Where a field's Markdown starts in its file: a body is the text
    // itself; a TOML string starts one past its quote.
    let start = |text: &str, l: &Located<String>| {
        if text.get(l.span.clone()) == Some(l.value.as_str()) {
            l.span.start
        } else {
            l.span.start + 1
        }
    };
    for e in &source.orgs {
        let dir = format!("orgs/{}/", e.slug);
        check(&e.file, &e.text, &e.body, start(&e.text, &e.body), &dir);
        for a in &e.activities {
            check(
                &e.file,
                &e.text,
                &a.summary,
                start(&e.text, &a.summary),
                &dir,
            );
        }
    }
    for p in &source.pages {
        let dir = format!("pages/{}/", p.slug);
        check(&p.file, &p.text, &p.body, start(&p.text, &p.body), &dir);
    }
    if let Some(h) = &source.home {
        check(&h.file, &h.text, &h.body, start(&h.text, &h.body), "");
    }
    out
}

/// Every `href`/`src` in the HTML files that points inside the site and names
/// no file of it. External URLs, `mailto:` and fragments-only are not checked.
pub fn broken_links(files: &[Output]) -> Vec<Diagnostic> {
    let paths: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let mut out = Vec::new();
    for f in files.iter().filter(|f| f.path.ends_with(".html")) {
        // 404 pages link by absolute path, which depends on where the site is hosted.
        if f.path.ends_with("404.html") {
            continue;
        }
        let text = String::from_utf8_lossy(&f.bytes);
        for target in attribute_urls(&text) {
            if let Some(resolved) = resolve(&f.path, target) {
                let found = paths.contains(resolved.as_str())
                    || paths.contains(format!("{}index.html", resolved).as_str())
                    || paths.contains(format!("{}/index.html", resolved).as_str());
                if !found {
                    out.push(
                        Diagnostic::file(
                            format!("output/{}", f.path),
                            crate::t!("links-missing", dest = target),
                        )
                        .with_hint(crate::t!("links-missing-output-hint")),
                    );
                }
            }
        }
    }
    out
}

/// The values of `href="…"` and `src="…"` attributes.
pub fn attribute_urls(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            let after = &rest[i + attr.len()..];
            let end = after.find('"').unwrap_or(after.len());
            out.push(&after[..end]);
            rest = &after[end..];
        }
    }
    out
}

/// The site path a relative link from `from` leads to; `None` for external links.
pub fn resolve(from: &str, target: &str) -> Option<String> {
    let target = target.split(['#', '?']).next().unwrap_or("");
    if target.is_empty()
        || target.contains("://")
        || target.starts_with("mailto:")
        || target.starts_with("tel:")
        || target.starts_with("//")
        || target.starts_with('/')
    {
        return None;
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in target.split('/') {
        match seg {
            "." | "" => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let mut s = parts.join("/");
    // A link writes a folder named in Chinese percent-encoded; the file has the name.
    if s.contains('%') {
        if let Ok(decoded) = percent_encoding::percent_decode_str(&s).decode_utf8() {
            s = decoded.into_owned();
        }
    }
    if target.ends_with('/') {
        s.push('/');
    }
    Some(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_links() {
        assert_eq!(
            resolve("zh-hant/orgs/a/index.html", "../../index.html").as_deref(),
            Some("zh-hant/index.html")
        );
        assert_eq!(
            resolve("zh-hant/index.html", "../style.css").as_deref(),
            Some("style.css")
        );
        assert_eq!(resolve("zh-hant/index.html", "https://x.org/"), None);
        assert_eq!(resolve("index.html", "#top"), None);
    }
}
