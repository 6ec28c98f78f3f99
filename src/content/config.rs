//! site.toml: the publication's settings, read strictly (SPEC §2).

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Arc;

use super::rules::{self, RuleSet};
use super::schema::{Doc, Located, Table};
use super::slug;
use super::values::{ActivityKey, VariantCode};
use crate::diagnostic::{nearest, suggest, Diagnostic, Error, Result};
use crate::opencc::system;
use crate::opencc::Dictionaries;
use crate::text::quotes::QuoteStyle;

/// The two scripts a source can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Script {
    Traditional,
    Simplified,
}

impl Script {
    pub fn code(self) -> &'static str {
        match self {
            Script::Traditional => "zh-Hant",
            Script::Simplified => "zh-Hans",
        }
    }
}

/// One published variant: a script or regional standard, with its URL prefix.
#[derive(Debug, Clone)]
pub struct VariantConfig {
    /// BCP 47 tag, kept in its canonical case (`zh-Hant`) for `lang` and hreflang.
    pub code: VariantCode,
    /// URL prefix, lowercase.
    pub path: String,
    /// Shown in the switcher as written, never converted.
    pub label: String,
    /// Where the label is written in site.toml (the lint leaves it alone).
    pub label_span: std::ops::Range<usize>,
    /// The OpenCC configuration from the source script to this variant;
    /// `None` when the variant is the source script itself.
    pub convert: Option<String>,
    /// The dictionaries its conversion reads: site.toml's `dictionaries`.
    pub dictionaries: Dictionaries,
    /// `quotes`: how its prose writes quotation marks; `None`: as written.
    pub quotes: Option<QuoteStyle>,
}

impl VariantConfig {
    /// The script the variant is written in: its conversion's target, or the
    /// source's when it is not converted.
    pub fn script(&self, source: Script) -> Script {
        match self.convert.as_deref() {
            None => source,
            Some(c) if c.ends_with("2s") || c.ends_with("2sp") => Script::Simplified,
            Some(_) => Script::Traditional,
        }
    }
}

#[derive(Debug, Clone)]
pub struct ActivityTypeConfig {
    pub key: ActivityKey,
    pub name: Located<String>,
    pub description: Option<Located<String>>,
}

/// site.toml, validated.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub title: Located<String>,
    pub description: Option<Located<String>>,
    /// Without a trailing slash: `https://example.org/report`.
    pub base_url: String,
    pub source: Script,
    pub theme: String,
    /// `dictionaries`: zhpress's (OpenCC's with the supplement, the default) or
    /// OpenCC's alone, for output identical to the C++ library's.
    pub dictionaries: Dictionaries,
    /// `feed_limit`: how many organizations the Atom feed carries, the most
    /// recently active first; `None` (`"all"`): every one.
    pub feed_limit: Option<usize>,
    /// `paginate_by`: how many entries a page of a list shows (the home
    /// page's organizations, an activity type's, the donation table).
    pub paginate_by: usize,
    pub variants: Vec<VariantConfig>,
    pub activity_types: Vec<ActivityTypeConfig>,
    /// The fields entries may have beyond the built-in ones (`[[fields]]`).
    pub fields: Vec<super::fields::FieldConfig>,
    /// The site glossary: terms whose form per variant is fixed.
    pub glossary: RuleSet,
    /// The text of site.toml, for errors in its text fields found later (bad `-{…}-`).
    pub text: Arc<str>,
    /// The glossary file, when the glossary is one.
    pub glossary_file: Option<std::path::PathBuf>,
    /// What the settings were read from (site.toml and the glossary file):
    /// equal digests, equal settings.
    pub digest: u64,
}

impl SiteConfig {
    /// The URL path prefix of `base_url` (`/report/`), always with both slashes.
    pub fn base_path(&self) -> String {
        let after_scheme = self
            .base_url
            .split_once("://")
            .map_or(&self.base_url[..], |(_, r)| r);
        match after_scheme.find('/') {
            Some(i) => format!("{}/", after_scheme[i..].trim_end_matches('/')),
            None => "/".to_string(),
        }
    }

    pub fn activity_type(&self, key: &str) -> Option<&ActivityTypeConfig> {
        self.activity_types.iter().find(|t| t.key == key)
    }
}

const SITE_KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "source",
    "theme",
    "dictionaries",
    "feed_limit",
    "paginate_by",
    "variants",
    "activity_types",
    "fields",
    "glossary",
];
const VARIANT_KEYS: &[&str] = &["code", "path", "label", "convert", "quotes"];
const TYPE_KEYS: &[&str] = &["key", "name", "description"];
const CONVERT_KEYS: &[&str] = &["opencc_config"];

/// The conversions zhpress knows, by name: those build.rs compiled (OpenCC's
/// configurations and zhpress's own, t2twp and the prose-safe -prose ones).
pub fn conversions() -> Vec<&'static str> {
    crate::opencc::names().collect()
}

pub const SITE_FILE: &str = "site.toml";

/// Reads `root/site.toml` (and its glossary file), recording what it read in `inputs`.
pub fn load(
    root: &Path,
    base_url_override: Option<&str>,
    inputs: &mut crate::content::Inputs,
) -> Result<SiteConfig> {
    inputs.file(SITE_FILE);
    let path = root.join(SITE_FILE);
    let bytes = crate::content::files::read(&path).map_err(|e| {
        Error::one(
            Diagnostic::file(
                SITE_FILE,
                crate::t!("config-unreadable", error = e.to_string()),
            )
            .with_hint(crate::t!("config-unreadable-hint")),
        )
    })?;
    let text = crate::content::decode(SITE_FILE.as_ref(), bytes).map_err(Error::one)?;
    let mut c = parse(text, root)?;
    if let Some(g) = &c.glossary_file {
        inputs.file(g.clone());
    }
    if let Some(url) = base_url_override {
        c.base_url = url.trim_end_matches('/').to_string();
        c.digest = crate::digest::of(&(c.digest, url));
    }
    Ok(c)
}

/// Reads the text of a site.toml; `root` is where a glossary file is looked for.
pub fn parse(text: Arc<str>, root: &Path) -> Result<SiteConfig> {
    let mut doc = Doc::new(SITE_FILE.into(), text.clone(), 0);
    let parsed = doc.parse(&text);
    let config = parsed.and_then(|t| {
        read(
            &mut doc,
            Table::new(t.get_ref(), 0..0, String::new(), SITE_KEYS),
            &text,
            root,
        )
    });
    match config {
        Some(c) if doc.errors.is_empty() => Ok(c),
        _ => Err(Error::Content(doc.errors)),
    }
}

fn read(doc: &mut Doc, t: Table<'_, '_>, text: &Arc<str>, root: &Path) -> Option<SiteConfig> {
    t.check_keys(doc);
    let title = t.string(doc, "title", true, "\"重慶市社科類社會組織抗擊疫情紀實\"");
    let description = t.string(doc, "description", false, "\"...\"");
    let base_url = t.string(doc, "base_url", true, "\"https://example.org/report\"");
    let source = t.string(doc, "source", true, "\"zh-Hant\"");
    let theme = t.string(doc, "theme", false, "\"default\"");
    let dictionaries = read_dictionaries(doc, &t);
    let feed_limit = read_feed_limit(doc, &t);
    let paginate_by = read_paginate_by(doc, &t);
    let source = source.and_then(|s| match s.value.as_str() {
        "zh-Hant" => Some(Script::Traditional),
        "zh-Hans" => Some(Script::Simplified),
        other => {
            let d = Diagnostic::at(
                SITE_FILE,
                text,
                s.span.clone(),
                crate::t!("config-source-unknown", value = other),
            )
            .with_field("source")
            .with_hint(suggest(other, &["zh-Hant", "zh-Hans"]));
            doc.push(d);
            None
        }
    });
    if let Some(u) = &base_url {
        if let Some(why) = base_url_problem(&u.value) {
            let d = Diagnostic::at(
                SITE_FILE,
                text,
                u.span.clone(),
                crate::t!("config-base-url-bad", url = &u.value, why = why),
            )
            .with_field("base_url")
            .with_hint(crate::t!("config-base-url-bad-hint"));
            doc.push(d);
        }
    }
    let variants = read_variants(
        doc,
        &t,
        source.unwrap_or(Script::Traditional),
        dictionaries,
        root,
    );
    let activity_types = read_activity_types(doc, &t);
    let fields = super::fields::read_config(doc, &t);
    let codes: Vec<&str> = variants.iter().map(|v| v.code.as_str()).collect();
    let (glossary, glossary_file) = read_glossary(doc, &t, &codes, root);
    let digest = crate::digest::of(&(&**text, glossary_file.as_ref().map(|(_, text)| &**text)));
    Some(SiteConfig {
        title: title?,
        description,
        base_url: base_url?.value.trim_end_matches('/').to_string(),
        source: source?,
        theme: theme.map_or_else(|| "default".to_string(), |t| t.value),
        dictionaries,
        feed_limit,
        paginate_by,
        variants,
        activity_types,
        fields,
        glossary,
        text: text.clone(),
        glossary_file: glossary_file.map(|(path, _)| path),
        digest,
    })
}

/// Why `url` cannot be a site's address, in an editor's words; `None` when
/// it can. Every page's address is made by adding to it, so it must be an
/// absolute http(s) URL with a host name, or a path from the host's root
/// (`/report`), with no spaces, query or fragment.
pub fn base_url_problem(url: &str) -> Option<String> {
    if url.trim().is_empty() {
        return Some(crate::t!("base-url-empty"));
    }
    let absolute = url.starts_with("https://") || url.starts_with("http://");
    if !absolute && !url.starts_with('/') && !url.contains("://") {
        return Some(crate::t!("base-url-not-an-address"));
    }
    if let Some(c) = url.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Some(if c == ' ' {
            crate::t!("base-url-space")
        } else {
            crate::t!("base-url-control", code = format!("{:04X}", c as u32))
        });
    }
    if url.starts_with("//") {
        return Some(crate::t!("base-url-no-scheme"));
    }
    if url.contains('?') || url.contains('#') {
        return Some(crate::t!("base-url-query"));
    }
    if url.starts_with('/') {
        return None;
    }
    match url::Url::parse(url) {
        Err(url::ParseError::RelativeUrlWithoutBase) => Some(crate::t!("base-url-not-an-address")),
        Err(e) => Some(crate::t!("base-url-invalid", error = e.to_string())),
        Ok(u) if !matches!(u.scheme(), "http" | "https") => {
            Some(crate::t!("base-url-scheme", scheme = u.scheme()))
        }
        Ok(_) if !(url.starts_with("https://") || url.starts_with("http://")) => {
            Some(crate::t!("base-url-not-written-as"))
        }
        Ok(u) if u.host_str().is_none_or(str::is_empty) => Some(crate::t!("base-url-no-host")),
        Ok(u) if !u.username().is_empty() || u.password().is_some() => {
            Some(crate::t!("base-url-credentials"))
        }
        Ok(_) => None,
    }
}

/// The feed's default length: a feed is what changed lately, and readers
/// fetch it again and again (Jekyll and WordPress carry 10).
pub const FEED_LIMIT: usize = 50;

/// How many entries a page of a list shows unless site.toml says otherwise:
/// enough to scan, few enough that a page of a 50,000-organization site
/// stays small (Hugo shows 10, Zola every entry).
pub const PAGINATE_BY: usize = 50;

/// `paginate_by = 50`: a whole number of 1 or more.
fn read_paginate_by(doc: &mut Doc, t: &Table<'_, '_>) -> usize {
    match t.count(doc, "paginate_by") {
        None => PAGINATE_BY,
        Some(0) => {
            let v = t.get("paginate_by").map_or(0..0, |v| v.span());
            let d = doc
                .error(v, crate::t!("config-paginate-zero"))
                .with_field("paginate_by")
                .with_hint(crate::t!(
                    "config-paginate-zero-hint",
                    default = PAGINATE_BY
                ));
            doc.push(d);
            PAGINATE_BY
        }
        Some(n) => usize::try_from(n).unwrap_or(usize::MAX),
    }
}

/// `feed_limit = 50` (a whole number of 1 or more) or `feed_limit = "all"`.
fn read_feed_limit(doc: &mut Doc, t: &Table<'_, '_>) -> Option<usize> {
    match t.count_or_all(doc, "feed_limit", "50") {
        None => Some(FEED_LIMIT),
        Some(limit) => limit,
    }
}

/// `dictionaries = "zhpress" | "opencc"`; the default when absent or wrong
/// (a wrong value is reported).
fn read_dictionaries(doc: &mut Doc, t: &Table<'_, '_>) -> Dictionaries {
    let Some(d) = t.string(doc, "dictionaries", false, "\"opencc\"") else {
        return Dictionaries::default();
    };
    if let Some(dicts) = Dictionaries::from_name(&d.value) {
        return dicts;
    }
    let hint = match nearest(&d.value.to_lowercase(), Dictionaries::NAMES.iter().copied()) {
        Some(n) => crate::t!("config-dictionaries-unknown-guess", candidate = n),
        None => crate::t!("config-dictionaries-unknown-hint"),
    };
    let e = doc_error(
        doc,
        &d,
        crate::t!("config-dictionaries-unknown", value = &d.value),
    )
    .with_field("dictionaries")
    .with_hint(hint);
    doc.push(e);
    Dictionaries::default()
}

fn read_variants(
    doc: &mut Doc,
    t: &Table<'_, '_>,
    source: Script,
    dictionaries: Dictionaries,
    root: &Path,
) -> Vec<VariantConfig> {
    let Some(tables) = t.tables(doc, "variants", VARIANT_KEYS) else {
        let d = doc
            .error(0..0, crate::t!("config-no-variants"))
            .with_hint(crate::t!("config-variants-hint"));
        doc.push(d);
        return Vec::new();
    };
    if tables.is_empty() {
        let d = doc
            .error(t.span_of("variants"), crate::t!("config-variants-empty"))
            .with_field("variants")
            .with_hint(crate::t!("config-variants-hint"));
        doc.push(d);
    }
    let mut out = Vec::new();
    let (mut codes, mut paths) = (BTreeSet::new(), BTreeSet::new());
    for v in tables {
        v.check_keys(doc);
        let code = v.string(doc, "code", true, "\"zh-Hans\"");
        let path = v.string(doc, "path", true, "\"zh-hans\"");
        let label = v.string(doc, "label", true, "\"简体\"");
        let quotes = read_quotes(doc, &v);
        let convert = match v.table_or_string(doc, "convert") {
            // Checked here, so that what is wrong is said at its line.
            Some(Ok(_)) => v.table(doc, "convert", CONVERT_KEYS).and_then(|table| {
                table.check_keys(doc);
                system_conversion(doc, &table, root).map(|c| doc.located(c, table.span()))
            }),
            Some(Err(name)) => Some(name),
            None => None,
        };
        let (Some(code), Some(path), Some(label)) = (code, path, label) else {
            continue;
        };
        if !is_language_tag(&code.value) {
            let d = doc_error(
                doc,
                &code,
                crate::t!("config-variant-code-not-a-tag", code = &code.value),
            )
            .with_field(format!("{}.code", v.path()))
            .with_hint(crate::t!("config-variant-code-not-a-tag-hint"));
            doc.push(d);
        }
        if !codes.insert(code.value.to_lowercase()) {
            let d = doc_error(
                doc,
                &code,
                crate::t!("config-variant-twice", code = &code.value),
            )
            .with_field(format!("{}.code", v.path()));
            doc.push(d);
        }
        if let Err(why) = slug::check(&path.value) {
            let d = doc_error(
                doc,
                &path,
                crate::t!("config-variant-path-bad", path = &path.value, why = why),
            )
            .with_field(format!("{}.path", v.path()))
            .with_hint(crate::t!(
                "write-it-as",
                key = "path",
                example = format!("\"{}\"", slug::suggest(&code.value))
            ));
            doc.push(d);
        }
        if !paths.insert(path.value.clone()) {
            let d = doc_error(
                doc,
                &path,
                crate::t!("config-variant-path-twice", path = &path.value),
            )
            .with_field(format!("{}.path", v.path()));
            doc.push(d);
        }
        let convert = match convert {
            Some(c) if c.value.starts_with(system::PREFIX) => Some(c.value),
            Some(c) if !conversions().contains(&c.value.as_str()) => {
                let d = doc_error(
                    doc,
                    &c,
                    crate::t!("config-conversion-unknown", name = &c.value),
                )
                .with_field(format!("{}.convert", v.path()))
                .with_hint(suggest(&c.value, &conversions()));
                doc.push(d);
                None
            }
            Some(c) if c.value.ends_with("-prose") && dictionaries == Dictionaries::OpenCC => {
                let full = c.value.trim_end_matches("-prose").to_string();
                let d = doc_error(
                    doc,
                    &c,
                    crate::t!("config-prose-needs-zhpress", name = &c.value),
                )
                .with_field(format!("{}.convert", v.path()))
                .with_hint(crate::t!("config-prose-needs-zhpress-hint", full = full));
                doc.push(d);
                None
            }
            Some(c) => Some(c.value),
            None => match infer_conversion(source, &code.value) {
                // Taiwan phrasing is prose-safe by default (no software
                // vocabulary); `convert = "s2twp"` written out keeps OpenCC's.
                Ok(Some(c @ ("s2twp" | "t2twp"))) if dictionaries == Dictionaries::Zhpress => {
                    Some(format!("{c}-prose"))
                }
                Ok(c) => c.map(str::to_string),
                Err(()) => {
                    let d = doc_error(
                        doc,
                        &code,
                        crate::t!(
                            "config-conversion-unknowable",
                            source = source.code(),
                            code = &code.value
                        ),
                    )
                    .with_field(format!("{}.code", v.path()))
                    .with_hint(crate::t!(
                        "config-conversion-unknowable-hint",
                        conversions = conversions().join(", ")
                    ));
                    doc.push(d);
                    None
                }
            },
        };
        out.push(VariantConfig {
            code: VariantCode::new(&code.value),
            path: path.value,
            label_span: label.span.clone(),
            label: label.value,
            convert,
            dictionaries,
            quotes,
        });
    }
    out
}

/// A variant's `quotes = "corner" | "curly"`; absent (or wrong, which is
/// reported): the marks as written.
fn read_quotes(doc: &mut Doc, v: &Table<'_, '_>) -> Option<QuoteStyle> {
    let q = v.string(doc, "quotes", false, "\"corner\"")?;
    if let Some(style) = QuoteStyle::from_name(&q.value) {
        return Some(style);
    }
    let hint = match nearest(&q.value.to_lowercase(), QuoteStyle::NAMES.iter().copied()) {
        Some(n) => crate::t!("config-quotes-unknown-guess", candidate = n),
        None => crate::t!("config-quotes-unknown-hint"),
    };
    let e = doc_error(
        doc,
        &q,
        crate::t!("config-quotes-unknown", value = &q.value),
    )
    .with_field(format!("{}.quotes", v.path()))
    .with_hint(hint);
    doc.push(e);
    None
}

/// `convert = { opencc_config = "my_s2t.json" }`: a conversion by the
/// system's OpenCC with the site's own configuration (a path relative to the
/// site's folder), kept as `opencc_config:<absolute path>`. Without the cargo
/// feature `opencc-rust` it is an error saying how to build with it.
fn system_conversion(doc: &mut Doc, table: &Table<'_, '_>, root: &Path) -> Option<String> {
    let path = table.string(doc, "opencc_config", true, "\"my_s2t.json\"")?;
    if !system::AVAILABLE {
        let d = doc_error(doc, &path, crate::t!("config-opencc-unavailable"))
            .with_field(format!("{}.opencc_config", table.path()))
            .with_hint(crate::t!("config-opencc-unavailable-hint"));
        doc.push(d);
        return None;
    }
    let file = root.join(&path.value);
    if !file.is_file() {
        let d = doc_error(
            doc,
            &path,
            crate::t!("config-opencc-config-missing", file = &file),
        )
        .with_field(format!("{}.opencc_config", table.path()))
        .with_hint(crate::t!("config-opencc-config-missing-hint"));
        doc.push(d);
        return None;
    }
    let file = std::fs::canonicalize(&file).unwrap_or(file);
    Some(format!("{}{}", system::PREFIX, file.display()))
}

fn doc_error<T>(doc: &Doc, l: &Located<T>, message: String) -> Diagnostic {
    Diagnostic::at(doc.file.clone(), &doc.text, l.span.clone(), message)
}

/// The conversion from the source script to a variant when site.toml names none.
#[allow(clippy::result_unit_err)]
pub fn infer_conversion(
    source: Script,
    code: &str,
) -> std::result::Result<Option<&'static str>, ()> {
    let c = code.to_ascii_lowercase();
    Ok(match (source, c.as_str()) {
        (Script::Traditional, "zh-hant") | (Script::Simplified, "zh-hans" | "zh-cn") => None,
        (Script::Traditional, "zh-hans" | "zh-cn" | "zh-sg" | "zh-my") => Some("t2s"),
        (Script::Traditional, "zh-tw" | "zh-hant-tw") => Some("t2twp"),
        (Script::Traditional, "zh-hk" | "zh-mo" | "zh-hant-hk") => Some("t2hk"),
        (Script::Simplified, "zh-hant") => Some("s2t"),
        (Script::Simplified, "zh-sg" | "zh-my") => None,
        (Script::Simplified, "zh-tw" | "zh-hant-tw") => Some("s2twp"),
        (Script::Simplified, "zh-hk" | "zh-mo" | "zh-hant-hk") => Some("s2hk"),
        _ => return Err(()),
    })
}

fn is_language_tag(s: &str) -> bool {
    !s.is_empty()
        && s.split('-')
            .all(|p| !p.is_empty() && p.len() <= 8 && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

fn read_activity_types(doc: &mut Doc, t: &Table<'_, '_>) -> Vec<ActivityTypeConfig> {
    let Some(tables) = t.tables(doc, "activity_types", TYPE_KEYS) else {
        let d = doc
            .error(0..0, crate::t!("config-no-activity-types"))
            .with_hint(crate::t!("config-activity-types-hint"));
        doc.push(d);
        return Vec::new();
    };
    if tables.is_empty() {
        let d = doc
            .error(
                t.span_of("activity_types"),
                crate::t!("config-activity-types-empty"),
            )
            .with_field("activity_types")
            .with_hint(crate::t!("config-activity-types-hint"));
        doc.push(d);
    }
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for a in tables {
        a.check_keys(doc);
        let key = a.string(doc, "key", true, "\"donation\"");
        let name = a.string(doc, "name", true, "\"捐款捐物\"");
        let description = a.string(doc, "description", false, "\"...\"");
        let (Some(key), Some(name)) = (key, name) else {
            continue;
        };
        if let Err(why) = slug::check(&key.value) {
            let d = doc_error(
                doc,
                &key,
                crate::t!("config-type-key-bad", key = &key.value, why = why),
            )
            .with_field(format!("{}.key", a.path()))
            .with_hint(crate::t!(
                "write-it-as",
                key = "key",
                example = format!("\"{}\"", slug::suggest(&key.value))
            ));
            doc.push(d);
        }
        if !seen.insert(key.value.clone()) {
            let d = doc_error(doc, &key, crate::t!("config-type-twice", key = &key.value))
                .with_field(format!("{}.key", a.path()));
            doc.push(d);
        }
        out.push(ActivityTypeConfig {
            key: ActivityKey::new(&key.value),
            name,
            description,
        });
    }
    out
}

/// A glossary file: its path (relative to the root) and its text.
type GlossaryFile = (std::path::PathBuf, Arc<str>);

/// `[glossary]` inline, or `glossary = "glossary.toml"`, a file of the same table.
fn read_glossary(
    doc: &mut Doc,
    t: &Table<'_, '_>,
    codes: &[&str],
    root: &Path,
) -> (RuleSet, Option<GlossaryFile>) {
    match t.table_or_string(doc, "glossary") {
        Some(Ok(table)) => (rules::read_table(doc, &table, codes), None),
        Some(Err(path)) => read_glossary_file(doc, &path.value, &path.span, codes, root),
        None => (RuleSet::new(), None),
    }
}

fn read_glossary_file(
    doc: &mut Doc,
    rel: &str,
    span: &std::ops::Range<usize>,
    codes: &[&str],
    root: &Path,
) -> (RuleSet, Option<GlossaryFile>) {
    let bytes = match crate::content::files::read(&root.join(rel)) {
        Ok(b) => b,
        Err(e) => {
            let d = Diagnostic::at(
                SITE_FILE,
                &doc.text,
                span.clone(),
                crate::t!(
                    "config-glossary-unreadable",
                    file = rel,
                    error = e.to_string()
                ),
            )
            .with_field("glossary")
            .with_hint(crate::t!("config-glossary-unreadable-hint"));
            doc.push(d);
            return (RuleSet::new(), None);
        }
    };
    let text = match crate::content::decode(rel.as_ref(), bytes) {
        Ok(t) => t,
        Err(d) => {
            doc.push(d);
            return (RuleSet::new(), None);
        }
    };
    let mut gdoc = Doc::new(rel.into(), text.clone(), 0);
    let set = match gdoc.parse(&text) {
        Some(t) => rules::read_table(
            &mut gdoc,
            &Table::new(t.get_ref(), 0..0, String::new(), &[]),
            codes,
        ),
        None => RuleSet::new(),
    };
    doc.errors.append(&mut gdoc.errors);
    (set, Some((rel.into(), text)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls() {
        for good in [
            "https://example.org",
            "https://example.org/report/",
            "http://localhost:8080/a",
            "/report",
            "https://例子.中国/報告",
        ] {
            assert_eq!(base_url_problem(good), None, "{good}");
        }
        for (bad, why) in [
            ("not a url", "not an address"),
            ("example.org", "starts with neither"),
            ("https://example.org/my report", "space"),
            ("https://", "not a valid address"),
            ("ftp://example.org", "`ftp:`"),
            ("https://example.org/?p=1", "query"),
            ("//example.org", "no scheme"),
            ("https://u:p@example.org", "password"),
            ("", "empty"),
        ] {
            let got = base_url_problem(bad).unwrap_or_default();
            assert!(got.contains(why), "{bad}: {got}");
        }
    }

    #[test]
    fn infers_conversions() {
        assert_eq!(
            infer_conversion(Script::Traditional, "zh-Hans"),
            Ok(Some("t2s"))
        );
        assert_eq!(infer_conversion(Script::Traditional, "zh-Hant"), Ok(None));
        assert_eq!(
            infer_conversion(Script::Simplified, "zh-TW"),
            Ok(Some("s2twp"))
        );
        assert!(infer_conversion(Script::Simplified, "ja").is_err());
    }
}
