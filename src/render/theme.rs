//! The theme's templates compiled once with Tera, autoescaping HTML and XML.

use tera::Tera;

use crate::content::theme::ThemeSource;
use crate::diagnostic::{Diagnostic, Error, Result};

pub mod limits;

/// A theme ready to render: its templates compiled.
pub struct Theme {
    pub tera: Tera,
    /// Of every template's name and text.
    pub digest: u64,
}

impl Theme {
    /// Compiles the templates a theme's source gives; the first that does not
    /// compile is reported with its file.
    pub fn compile(source: &ThemeSource) -> Result<Theme> {
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(escape);
        tera.register_filter("chinese_date", chinese_date);
        let sources: Vec<(&str, &str)> = source
            .templates
            .iter()
            .map(|(name, t)| (name.as_str(), &*t.text))
            .collect();
        let digest = crate::digest::of(&sources);
        let file_of = |n: &str| {
            source
                .templates
                .get(n)
                .map_or_else(|| "templates".into(), |t| t.file.clone())
        };
        tera.add_raw_templates(sources).map_err(|e| {
            let file = source
                .templates
                .keys()
                .find(|n| e.to_string().contains(n.as_str()))
                .map_or_else(|| "templates".into(), |n| file_of(n));
            Error::one(Diagnostic::file(
                file,
                crate::t!("render-template-compile", error = error_chain(&e)),
            ))
        })?;
        tera.register_function("range", limits::range);
        let text = |n: &str| source.templates.get(n).map(|t| t.text.clone());
        if let Some(d) = limits::recursion(&tera, &text, &file_of) {
            return Err(Error::one(d));
        }
        Ok(Theme { tera, digest })
    }
}

/// `{{ date | chinese_date }}`: `2020-02-08` as Chinese readers write it,
/// `2020年2月8日` (the same in every script).
fn chinese_date(
    value: &tera::Value,
    _: &std::collections::HashMap<String, tera::Value>,
) -> tera::Result<tera::Value> {
    let text = value.as_str().unwrap_or_default();
    Ok(match crate::content::schema::parse_date(text) {
        Some(d) => format!("{}年{}月{}日", d.year, d.month, d.day).into(),
        None => value.clone(),
    })
}

/// Tera hides the useful part of an error in its source chain.
pub fn error_chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(inner) = cur {
        s.push_str(": ");
        s.push_str(&inner.to_string());
        cur = inner.source();
    }
    s
}

/// HTML escaping of text and attribute values. Unlike Tera's default it leaves
/// `/` alone, so URLs stay readable in the output; `/` is harmless in both.
pub(crate) fn escape(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 8);
    // The marks are ASCII, so the runs between them are whole characters:
    // copied at once, not character by character (most of a page is CJK).
    let mut plain = 0;
    for (i, b) in input.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&input[plain..i]);
        out.push_str(entity);
        plain = i + 1;
    }
    out.push_str(&input[plain..]);
    out
}
