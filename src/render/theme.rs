//! A theme: Tera templates (overridable file by file from the site's
//! templates/), UI strings written once in the theme's script, and static files.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use tera::Tera;

use crate::config::{infer_conversion, Script, SiteConfig, VariantConfig};
use crate::content::schema::{Doc, Table};
use crate::convert::Converter;
use crate::diagnostic::{suggest, Diagnostic, Error, Result};

pub mod limits;
mod statics;

/// A static file of the theme or the site.
#[derive(Debug, Clone)]
pub enum StaticFile {
    Disk(PathBuf),
    /// Part of the built-in default theme.
    Builtin(&'static [u8]),
}

impl StaticFile {
    pub fn read(&self) -> Result<Vec<u8>> {
        match self {
            StaticFile::Disk(p) => crate::content::files::read(p).map_err(|e| Error::io(p, e)),
            StaticFile::Builtin(b) => Ok(b.to_vec()),
        }
    }
}

/// A loaded theme, templates compiled once.
pub struct Theme {
    pub tera: Tera,
    /// The script the strings are written in.
    script: Script,
    strings: BTreeMap<String, String>,
    /// Per-variant wording where conversion alone is not right: code → key → text.
    overrides: BTreeMap<String, BTreeMap<String, String>>,
    /// Static files, theme first then the site's, as (output path, file on disk).
    pub static_files: BTreeMap<String, StaticFile>,
}

const THEME_KEYS: &[&str] = &["name", "description", "script"];
const STRINGS_KEYS: &[&str] = &["strings", "overrides"];

impl Theme {
    pub fn load(root: &Path, config: &SiteConfig) -> Result<Theme> {
        let dir = root.join("themes").join(&config.theme);
        let builtin = !dir.is_dir() && config.theme == "default";
        if !dir.is_dir() && !builtin {
            let installed: Vec<String> = std::fs::read_dir(root.join("themes"))
                .map(|rd| {
                    rd.filter_map(|e| e.ok())
                        .filter(|e| e.path().is_dir())
                        .map(|e| e.file_name().to_string_lossy().into_owned())
                        .collect()
                })
                .unwrap_or_default();
            let mut names: Vec<&str> = installed.iter().map(String::as_str).collect();
            // The default theme is built in, whether or not themes/default exists.
            if !names.contains(&"default") {
                names.push("default");
            }
            let hint = if names.is_empty() {
                "put a theme in themes/<name>/ (zhpress init copies the default one)".to_string()
            } else {
                suggest(&config.theme, &names)
            };
            return Err(Error::one(
                Diagnostic::file(
                    "site.toml",
                    format!("the theme `{}` is not in themes/", config.theme),
                )
                .with_hint(hint),
            ));
        }
        let rel = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
        let (theme_toml, strings_toml) = if builtin {
            (builtin_text("theme.toml"), builtin_text("strings.toml"))
        } else {
            (
                read_toml(&dir.join("theme.toml"), &rel(&dir.join("theme.toml")))?,
                read_toml(&dir.join("strings.toml"), &rel(&dir.join("strings.toml")))?,
            )
        };
        let script = read_script(theme_toml, &rel(&dir.join("theme.toml")))?;
        let (strings, overrides) = read_strings(strings_toml, &rel(&dir.join("strings.toml")))?;
        let mut templates = BTreeMap::new();
        if builtin {
            for (name, bytes) in crate::content::scaffold::default_theme() {
                if let Some(t) = name.strip_prefix("templates/") {
                    templates.insert(t.to_string(), Template::Builtin(bytes));
                }
            }
        } else {
            collect(&dir.join("templates"), &mut templates)?;
        }
        collect(&root.join("templates"), &mut templates)?;
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(escape);
        let mut sources = Vec::new();
        for (name, t) in &templates {
            let text = match t {
                Template::Disk(path) => {
                    let bytes = crate::content::files::read(path).map_err(|e| {
                        Error::one(Diagnostic::file(
                            rel(path),
                            format!("cannot read the template: {}", e),
                        ))
                    })?;
                    crate::content::decode(&rel(path), bytes)
                        .map_err(Error::one)?
                        .to_string()
                }
                Template::Builtin(bytes) => String::from_utf8_lossy(bytes).into_owned(),
            };
            sources.push((name.clone(), text));
        }
        let texts: BTreeMap<String, std::sync::Arc<str>> = sources
            .iter()
            .map(|(n, t)| (n.clone(), std::sync::Arc::from(t.as_str())))
            .collect();
        let file_of = |n: &str| match templates.get(n) {
            Some(Template::Disk(p)) => rel(p),
            _ => PathBuf::from(format!("(built-in default theme) templates/{}", n)),
        };
        tera.add_raw_templates(sources).map_err(|e| {
            let file = templates
                .keys()
                .find(|n| e.to_string().contains(n.as_str()))
                .map_or_else(|| "templates".into(), |n| file_of(n));
            Error::one(Diagnostic::file(
                file,
                format!("the template does not compile: {}", error_chain(&e)),
            ))
        })?;
        tera.register_function("range", limits::range);
        if let Some(d) = limits::recursion(&tera, &|n| texts.get(n).cloned(), &file_of) {
            return Err(Error::one(d));
        }
        let mut static_files = BTreeMap::new();
        if builtin {
            for (name, bytes) in crate::content::scaffold::default_theme() {
                if let Some(f) = name.strip_prefix("static/") {
                    static_files.insert(f.to_string(), StaticFile::Builtin(bytes));
                }
            }
        }
        let mut errors = Vec::new();
        let allowed: Vec<PathBuf> = [root, dir.as_path()]
            .iter()
            .filter_map(|d| d.canonicalize().ok())
            .collect();
        for folder in [dir.join("static"), root.join("static")] {
            statics::Collector {
                root,
                allowed: allowed.clone(),
                out: &mut static_files,
                errors: &mut errors,
            }
            .collect(&folder);
        }
        errors.extend(statics::clashes(&static_files, config, root));
        if !errors.is_empty() {
            return Err(Error::Content(errors));
        }
        Ok(Theme {
            tera,
            script,
            strings,
            overrides,
            static_files,
        })
    }

    /// The UI strings in one variant: converted from the theme's script, then overridden.
    pub fn ui(&self, source: Script, variant: &VariantConfig) -> Result<BTreeMap<String, String>> {
        let conversion = if self.script == source {
            variant.convert.as_deref()
        } else {
            infer_conversion(self.script, &variant.code).unwrap_or(variant.convert.as_deref())
        };
        let c = Converter::new(&variant.code, conversion, variant.dictionaries)
            .map_err(|e| Error::one(Diagnostic::file("site.toml", e)))?;
        let mut out: BTreeMap<String, String> = self
            .strings
            .iter()
            .map(|(k, v)| (k.clone(), c.plain(v)))
            .collect();
        if let Some(o) = self.overrides.get(&variant.code) {
            out.extend(o.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        Ok(out)
    }
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

/// Templates (`.html`, `.xml`) under `dir`, by name relative to it.
/// Where a template's text is.
enum Template {
    Disk(PathBuf),
    Builtin(&'static [u8]),
}

fn builtin_text(name: &str) -> Option<std::sync::Arc<str>> {
    crate::content::scaffold::default_theme()
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, b)| std::sync::Arc::from(String::from_utf8_lossy(b).into_owned()))
}

fn collect(dir: &Path, out: &mut BTreeMap<String, Template>) -> Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    for (name, path) in files_under(dir) {
        if name.ends_with(".html") || name.ends_with(".xml") {
            out.insert(name, Template::Disk(path));
        }
    }
    Ok(())
}

fn files_under(dir: &Path) -> Vec<(String, PathBuf)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let name = e
                .path()
                .strip_prefix(dir)
                .unwrap_or(e.path())
                .to_string_lossy()
                .replace('\\', "/");
            (name, e.path().to_path_buf())
        })
        .collect()
}

fn read_toml(path: &Path, rel: &Path) -> Result<Option<std::sync::Arc<str>>> {
    match crate::content::files::read(path) {
        Ok(bytes) => crate::content::decode(rel, bytes)
            .map(Some)
            .map_err(Error::one),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(path, e)),
    }
}

fn read_script(text: Option<std::sync::Arc<str>>, rel: &Path) -> Result<Script> {
    let Some(text) = text else {
        return Ok(Script::Traditional);
    };
    let mut doc = Doc::new(rel.to_path_buf(), text.clone(), 0);
    let mut script = Script::Traditional;
    if let Some(t) = doc.parse(&text) {
        let t = Table::new(t.get_ref(), 0..0, String::new(), THEME_KEYS);
        t.check_keys(&mut doc);
        if let Some(s) = t.string(&mut doc, "script", false, "\"zh-Hant\"") {
            match s.value.as_str() {
                "zh-Hant" => script = Script::Traditional,
                "zh-Hans" => script = Script::Simplified,
                other => {
                    let d =
                        Diagnostic::at(rel, &text, s.span, format!("unknown script `{}`", other))
                            .with_field("script")
                            .with_hint(suggest(other, &["zh-Hant", "zh-Hans"]));
                    doc.push(d);
                }
            }
        }
        let _ = t.string(&mut doc, "name", false, "\"default\"");
        let _ = t.string(&mut doc, "description", false, "\"...\"");
    }
    if doc.errors.is_empty() {
        Ok(script)
    } else {
        Err(Error::Content(doc.errors))
    }
}

type Strings = (
    BTreeMap<String, String>,
    BTreeMap<String, BTreeMap<String, String>>,
);

fn read_strings(text: Option<std::sync::Arc<str>>, rel: &Path) -> Result<Strings> {
    let Some(text) = text else {
        return Ok(Default::default());
    };
    let mut doc = Doc::new(rel.to_path_buf(), text.clone(), 0);
    let mut strings = BTreeMap::new();
    let mut overrides = BTreeMap::new();
    if let Some(t) = doc.parse(&text) {
        let t = Table::new(t.get_ref(), 0..0, String::new(), STRINGS_KEYS);
        t.check_keys(&mut doc);
        if let Some(s) = t.table(&mut doc, "strings", &[]) {
            strings = string_map(&mut doc, &s);
        }
        if let Some(o) = t.table(&mut doc, "overrides", &[]) {
            for (code, v) in o.entries() {
                if let toml::de::DeValue::Table(tt) = v.get_ref() {
                    let tt = Table::new(tt, v.span(), format!("overrides.{}", code.get_ref()), &[]);
                    overrides.insert(code.get_ref().to_string(), string_map(&mut doc, &tt));
                }
            }
        }
    }
    if doc.errors.is_empty() {
        Ok((strings, overrides))
    } else {
        Err(Error::Content(doc.errors))
    }
}

fn string_map(doc: &mut Doc, t: &Table<'_, '_>) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (k, v) in t.entries() {
        match v.get_ref() {
            toml::de::DeValue::String(s) => {
                out.insert(k.get_ref().to_string(), s.to_string());
            }
            _ => {
                let d = doc
                    .error(v.span(), "a UI string must be text in double quotes")
                    .with_field(format!("{}.{}", t.path(), k.get_ref()));
                doc.push(d);
            }
        }
    }
    out
}

/// HTML escaping of text and attribute values. Unlike Tera's default it leaves
/// `/` alone, so URLs stay readable in the output; `/` is harmless in both.
pub(crate) fn escape(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 8);
    for c in input.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
