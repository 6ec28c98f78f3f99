//! Internal link checking over the rendered site, before anything is written.

use std::collections::BTreeSet;

use crate::diagnostic::Diagnostic;
use crate::render::Output;

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
                            format!("links to `{}`, which the site does not have", target),
                        )
                        .with_hint("check the slug or the template that makes this link"),
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
