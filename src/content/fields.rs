//! Fields a site declares for its entries beyond the built-in ones
//! (site.toml `[[fields]]`), typed and validated like the built-in ones:
//!
//! ```toml
//! [[fields]]
//! key = "website"      # the key in an entry's front matter
//! type = "url"         # text | markdown | url | email | date | integer | money | image | coordinates
//! name = "網站"         # the label, converted per variant
//! required = false
//! ```

use std::path::Path;

use toml::de::DeValue;

use super::figures::Figure;
use super::money::Yuan;
use super::schema::{describe, is_blank, Doc, Located, Table};
use super::values::Date;
use crate::diagnostic::{suggest, Diagnostic};

/// What a declared field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldType {
    /// One line of text, converted per variant.
    Text,
    /// Markdown, converted per variant and sanitized.
    Markdown,
    /// An absolute http(s) URL, never converted.
    Url,
    Email,
    Date,
    Integer,
    /// Yuan, exact to the fen, with an optional qualifier like amount_yuan.
    Money,
    /// An image: a file beside the entry, a path under the site's root
    /// (`/images/logo.png`, from static/), or an http(s) URL.
    Image,
    /// Latitude and longitude in degrees: `[29.56, 106.55]`.
    Coordinates,
}

const TYPES: &[(&str, FieldType)] = &[
    ("text", FieldType::Text),
    ("markdown", FieldType::Markdown),
    ("url", FieldType::Url),
    ("email", FieldType::Email),
    ("date", FieldType::Date),
    ("integer", FieldType::Integer),
    ("money", FieldType::Money),
    ("image", FieldType::Image),
    ("coordinates", FieldType::Coordinates),
];

/// One declared field.
#[derive(Debug, Clone)]
pub struct FieldConfig {
    pub key: String,
    pub kind: FieldType,
    /// The label, in the source script.
    pub name: Located<String>,
    pub required: bool,
}

/// A declared field's value in one entry.
#[derive(Debug, Clone)]
pub enum FieldValue {
    Text(Located<String>),
    Markdown(Located<String>),
    Url(String),
    Email(String),
    Date(Date),
    Integer(i64),
    Money(Figure<Yuan>),
    /// As written: a path beside the entry, `/…` under the site, or a URL.
    Image(String),
    /// Latitude and longitude as written (`29.56`, `106.55`).
    Coordinates(String, String),
}

const FIELD_KEYS: &[&str] = &["key", "type", "name", "required"];

/// Keys an entry has of its own: a declared field may not take one.
const RESERVED: &[&str] = &[
    "name",
    "category",
    "summary",
    "draft",
    "rules",
    "activities",
    "body",
];

/// site.toml's `[[fields]]`.
pub fn read_config(doc: &mut Doc, t: &Table<'_, '_>) -> Vec<FieldConfig> {
    let Some(tables) = t.tables(doc, "fields", FIELD_KEYS) else {
        return Vec::new();
    };
    let mut out: Vec<FieldConfig> = Vec::new();
    let names: Vec<&str> = TYPES.iter().map(|(n, _)| *n).collect();
    for f in tables {
        f.check_keys(doc);
        let key = f.string(doc, "key", true, "\"website\"");
        let kind = f.string(doc, "type", true, "\"url\"");
        let name = f.string(doc, "name", true, "\"網站\"");
        let required = f.boolean(doc, "required").unwrap_or(false);
        let (Some(key), Some(kind), Some(name)) = (key, kind, name) else {
            continue;
        };
        let at = |l: &Located<String>, message: String| {
            Diagnostic::at(doc.file.clone(), &doc.text, l.span.clone(), message)
        };
        let valid = key
            .value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
            && key
                .value
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_lowercase());
        if !valid {
            let d = at(&key, crate::t!("field-key-invalid", key = &key.value))
                .with_field(format!("{}.key", f.path()))
                .with_hint(crate::t!("field-key-invalid-hint"));
            doc.push(d);
            continue;
        }
        if RESERVED.contains(&key.value.as_str()) || out.iter().any(|o| o.key == key.value) {
            let d = at(&key, crate::t!("field-key-taken", key = &key.value))
                .with_field(format!("{}.key", f.path()))
                .with_hint(crate::t!("field-key-taken-hint"));
            doc.push(d);
            continue;
        }
        let Some(&(_, kind_value)) = TYPES.iter().find(|(n, _)| *n == kind.value) else {
            let d = at(&kind, crate::t!("field-type-unknown", kind = &kind.value))
                .with_field(format!("{}.type", f.path()))
                .with_hint(suggest(&kind.value, &names));
            doc.push(d);
            continue;
        };
        out.push(FieldConfig {
            key: key.value,
            kind: kind_value,
            name,
            required,
        });
    }
    out
}

/// The declared fields' values in an entry's table. `assets` is the
/// folder of an entry written as `<slug>/index.md`, where its images are.
pub fn read_values(
    doc: &mut Doc,
    t: &Table<'_, '_>,
    fields: &[FieldConfig],
    assets: Option<&Path>,
) -> Vec<(String, FieldValue)> {
    let mut out = Vec::new();
    for f in fields {
        let Some(v) = t.get(&f.key) else {
            if f.required {
                t.missing(doc, &f.key, example(f.kind));
            }
            continue;
        };
        if is_blank(v.get_ref()) {
            if f.required {
                let d = doc
                    .error(v.span(), crate::t!("field-required-empty", key = &f.key))
                    .with_field(t.field(&f.key))
                    .with_hint(crate::t!(
                        "write-it-as",
                        key = &f.key,
                        example = example(f.kind)
                    ));
                doc.push(d);
            }
            continue;
        }
        let wrong = |doc: &mut Doc, expected: &str| {
            t.wrong_type(doc, &f.key, v, expected, example(f.kind));
        };
        let text = || match v.get_ref() {
            DeValue::String(s) => Some(doc_located(doc, s, v.span())),
            _ => None,
        };
        let bad = |doc: &mut Doc, message: String, hint: String| {
            let d = doc
                .error(v.span(), message)
                .with_field(t.field(&f.key))
                .with_hint(hint);
            doc.push(d);
        };
        let value = match f.kind {
            FieldType::Text | FieldType::Markdown => match text() {
                Some(l) if f.kind == FieldType::Text => Some(FieldValue::Text(l)),
                Some(l) => Some(FieldValue::Markdown(l)),
                None => {
                    wrong(doc, &crate::t!("expected-text"));
                    None
                }
            },
            FieldType::Url => match text() {
                Some(l) if is_url(&l.value) => Some(FieldValue::Url(l.value)),
                Some(l) => {
                    bad(
                        doc,
                        crate::t!("field-url-invalid", value = &l.value),
                        crate::t!("field-url-invalid-hint"),
                    );
                    None
                }
                None => {
                    wrong(doc, &crate::t!("expected-url"));
                    None
                }
            },
            FieldType::Email => match text() {
                Some(l) if is_email(&l.value) => Some(FieldValue::Email(l.value)),
                Some(l) => {
                    bad(
                        doc,
                        crate::t!("field-email-invalid", value = &l.value),
                        crate::t!("field-email-invalid-hint"),
                    );
                    None
                }
                None => {
                    wrong(doc, &crate::t!("expected-email"));
                    None
                }
            },
            FieldType::Date => t.date(doc, &f.key).map(FieldValue::Date),
            FieldType::Integer => match v.get_ref() {
                DeValue::Integer(i) => {
                    match i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()) {
                        Ok(n) => Some(FieldValue::Integer(n)),
                        Err(_) => {
                            bad(
                                doc,
                                crate::t!("field-integer-too-large"),
                                crate::t!("field-integer-too-large-hint"),
                            );
                            None
                        }
                    }
                }
                _ => {
                    wrong(doc, &crate::t!("expected-integer"));
                    None
                }
            },
            FieldType::Money => t.money_figure(doc, &f.key).map(FieldValue::Money),
            FieldType::Image => match text() {
                Some(l) => check_image(doc, t, &f.key, &l, assets).map(FieldValue::Image),
                None => {
                    wrong(doc, &crate::t!("expected-file-name"));
                    None
                }
            },
            FieldType::Coordinates => match coordinates(v.get_ref()) {
                Some((lat, lon)) => Some(FieldValue::Coordinates(lat, lon)),
                None => {
                    bad(
                        doc,
                        crate::t!(
                            "expected-found",
                            expected = crate::t!("expected-coordinates"),
                            found = describe(v.get_ref())
                        ),
                        crate::t!("field-coordinates-hint"),
                    );
                    None
                }
            },
        };
        if let Some(value) = value {
            out.push((f.key.clone(), value));
        }
    }
    out
}

fn doc_located(doc: &Doc, s: &str, span: std::ops::Range<usize>) -> Located<String> {
    doc.located(s.to_string(), span)
}

/// What a field of a type looks like, for hints.
fn example(kind: FieldType) -> &'static str {
    match kind {
        FieldType::Text => "\"重慶市渝中區\"",
        FieldType::Markdown => "\"……\"",
        FieldType::Url => "\"https://example.org/\"",
        FieldType::Email => "\"info@example.org\"",
        FieldType::Date => "2020-02-08",
        FieldType::Integer => "1998",
        FieldType::Money => "10000",
        FieldType::Image => "\"logo.png\"",
        FieldType::Coordinates => "[29.56, 106.55]",
    }
}

/// An absolute http(s) URL with a host and no spaces.
pub fn is_url(s: &str) -> bool {
    let rest = s
        .strip_prefix("https://")
        .or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        !host.is_empty()
            && host
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
            && !r.chars().any(char::is_whitespace)
    })
}

fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !local.contains(char::is_whitespace)
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
}

/// An image is a file beside the entry, `/…` under the site's root, or a URL.
fn check_image(
    doc: &mut Doc,
    t: &Table<'_, '_>,
    key: &str,
    l: &Located<String>,
    assets: Option<&Path>,
) -> Option<String> {
    let v = &l.value;
    if is_url(v) || v.starts_with('/') {
        return Some(v.clone());
    }
    let problem = if v.contains("..") || v.contains('\\') {
        Some((
            crate::t!("image-leaves-folder", file = v),
            crate::t!("image-leaves-folder-hint"),
        ))
    } else {
        match assets {
            Some(dir) if dir.join(v).is_file() => None,
            Some(_) => Some((
                crate::t!("image-not-found", file = v),
                crate::t!("image-not-found-hint"),
            )),
            None => Some((
                crate::t!("image-no-folder", file = v),
                crate::t!("image-no-folder-hint"),
            )),
        }
    };
    match problem {
        None => Some(v.clone()),
        Some((message, hint)) => {
            let d = Diagnostic::at(doc.file.clone(), &doc.text, l.span.clone(), message)
                .with_field(t.field(key))
                .with_hint(hint);
            doc.push(d);
            None
        }
    }
}

/// `[lat, lon]` in range, as written.
fn coordinates(v: &DeValue<'_>) -> Option<(String, String)> {
    let DeValue::Array(items) = v else {
        return None;
    };
    let nums: Vec<String> = items
        .iter()
        .filter_map(|i| match i.get_ref() {
            DeValue::Integer(n) => Some(n.as_str().to_string()),
            DeValue::Float(f) => Some(f.as_str().to_string()),
            _ => None,
        })
        .collect();
    let [lat, lon] = nums.as_slice() else {
        return None;
    };
    let ok = |s: &str, max: f64| s.parse::<f64>().is_ok_and(|x| x.abs() <= max);
    (items.len() == 2 && ok(lat, 90.0) && ok(lon, 180.0)).then(|| (lat.clone(), lon.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses() {
        assert!(is_url("https://example.org/a?b=1"));
        assert!(is_url("http://例子.中国/"));
        assert!(!is_url("not a url"));
        assert!(!is_url("https://exa mple.org"));
        assert!(!is_url("ftp://example.org"));
        assert!(!is_url("https://"));
        assert!(is_email("info@example.org"));
        assert!(!is_email("info@example"));
        assert!(!is_email("in fo@example.org"));
    }
}
