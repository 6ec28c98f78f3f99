//! A theme's files, read and validated: templates (the site's templates/
//! overriding the theme's, file by file), UI strings written once in the
//! theme's script, and static files (the site's static/ over the theme's).
//! Render compiles the templates; convert puts the strings into each variant.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::config::{Script, SiteConfig};
use super::schema::{Doc, Table};
use super::Inputs;
use crate::diagnostic::{suggest, Diagnostic, Error, Result};

/// Everything a theme gives a build, read from disk (or from the built-in
/// default theme).
#[derive(Debug, Clone)]
pub struct ThemeSource {
    /// The script the UI strings are written in.
    pub script: Script,
    pub strings: BTreeMap<String, String>,
    /// The built-in theme's strings (written in Traditional script), under a
    /// theme of the site's own: the built-in templates it falls back on
    /// need them.
    pub builtin_strings: BTreeMap<String, String>,
    /// Per-variant wording where conversion alone is not right: code → key → text.
    pub overrides: BTreeMap<String, BTreeMap<String, String>>,
    /// Templates by name (`org.html`).
    pub templates: BTreeMap<String, TemplateSource>,
    /// Static files by output path, the site's over the theme's.
    pub static_files: BTreeMap<String, StaticFile>,
}

/// One template: where it came from (for errors) and its text.
#[derive(Debug, Clone)]
pub struct TemplateSource {
    pub file: PathBuf,
    pub text: Arc<str>,
}

/// A static file's bytes.
#[derive(Debug, Clone)]
pub enum StaticFile {
    /// Read from `file` (relative to the root).
    Read { file: PathBuf, bytes: Arc<[u8]> },
    /// Part of the built-in default theme.
    Builtin(&'static [u8]),
}

impl ThemeSource {
    /// Whether a template splits its list into pages: it uses `paginator`
    /// (a theme's own template from before pagination shows its whole list).
    pub fn paginates(&self, template: &str) -> bool {
        self.templates
            .get(template)
            .is_some_and(|t| t.text.contains("paginator"))
    }
}

impl StaticFile {
    pub fn bytes(&self) -> &[u8] {
        match self {
            StaticFile::Read { bytes, .. } => bytes,
            StaticFile::Builtin(b) => b,
        }
    }
}

const THEME_KEYS: &[&str] = &["name", "description", "script"];
const STRINGS_KEYS: &[&str] = &["strings", "overrides"];

/// Reads the theme site.toml names, recording what it read in `inputs`.
pub fn load(root: &Path, config: &SiteConfig, inputs: &mut Inputs) -> Result<ThemeSource> {
    let dir_rel = Path::new("themes").join(&config.theme);
    let dir = root.join(&dir_rel);
    let builtin = !dir.is_dir() && config.theme == "default";
    if !dir.is_dir() && !builtin {
        inputs.absent(&dir_rel);
        return Err(Error::one(no_such_theme(root, &config.theme)));
    }
    if builtin {
        // Made later, it replaces the built-in one.
        inputs.absent(&dir_rel);
    } else {
        inputs.tree(&dir_rel);
    }
    let (theme_toml, strings_toml) = if builtin {
        (builtin_text("theme.toml"), builtin_text("strings.toml"))
    } else {
        (
            read_toml(root, &dir_rel.join("theme.toml"))?,
            read_toml(root, &dir_rel.join("strings.toml"))?,
        )
    };
    let script = read_script(theme_toml, &dir_rel.join("theme.toml"))?;
    let (strings, overrides) = read_strings(strings_toml, &dir_rel.join("strings.toml"))?;
    let builtin_strings = if builtin {
        BTreeMap::new()
    } else {
        read_strings(builtin_text("strings.toml"), Path::new("strings.toml"))?.0
    };
    let mut templates = BTreeMap::new();
    let mut static_files = BTreeMap::new();
    if builtin {
        for (name, bytes) in super::scaffold::default_theme() {
            if let Some(t) = name.strip_prefix("templates/") {
                let text: Arc<str> = Arc::from(String::from_utf8_lossy(bytes).into_owned());
                let file = PathBuf::from(format!("(built-in default theme) templates/{}", t));
                templates.insert(t.to_string(), TemplateSource { file, text });
            } else if let Some(f) = name.strip_prefix("static/") {
                static_files.insert(f.to_string(), StaticFile::Builtin(bytes));
            }
        }
    } else {
        // The built-in templates under a theme's own: a theme made before a
        // page kind existed (donations.html) still builds, its base.html
        // framing the built-in page.
        for (name, bytes) in super::scaffold::default_theme() {
            if let Some(t) = name.strip_prefix("templates/") {
                let text: Arc<str> = Arc::from(String::from_utf8_lossy(bytes).into_owned());
                let file = PathBuf::from(format!("(built-in default theme) templates/{}", t));
                templates.insert(t.to_string(), TemplateSource { file, text });
            }
        }
        read_templates(root, &dir_rel.join("templates"), &mut templates)?;
    }
    for site_dir in ["templates", "static"] {
        let rel = Path::new(site_dir);
        if root.join(rel).is_dir() {
            inputs.tree(rel);
        } else {
            inputs.absent(rel);
        }
    }
    read_templates(root, Path::new("templates"), &mut templates)?;
    // Static files: the theme's, then the site's over them; links followed
    // only into the site or the theme.
    let mut errors = Vec::new();
    let allowed: Vec<PathBuf> = [root.to_path_buf(), dir.clone()]
        .iter()
        .filter_map(|d| d.canonicalize().ok())
        .collect();
    let folders = (!builtin)
        .then(|| dir.join("static"))
        .into_iter()
        .chain([root.join("static")]);
    for folder in folders {
        super::statics::Collector {
            root,
            allowed: allowed.clone(),
            out: &mut static_files,
            errors: &mut errors,
        }
        .collect(&folder);
    }
    errors.extend(super::statics::clashes(&static_files, config, root));
    if !errors.is_empty() {
        return Err(Error::Content(errors));
    }
    Ok(ThemeSource {
        script,
        strings,
        builtin_strings,
        overrides,
        templates,
        static_files,
    })
}

fn no_such_theme(root: &Path, name: &str) -> Diagnostic {
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
    Diagnostic::file(
        super::config::SITE_FILE,
        crate::t!("theme-not-found", name = name),
    )
    .with_hint(suggest(name, &names))
}

fn builtin_text(name: &str) -> Option<Arc<str>> {
    super::scaffold::default_theme()
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, b)| Arc::from(String::from_utf8_lossy(b).into_owned()))
}

/// Templates (`.html`, `.xml`) under `dir` (relative to the root), by name
/// relative to it.
fn read_templates(
    root: &Path,
    dir: &Path,
    out: &mut BTreeMap<String, TemplateSource>,
) -> Result<()> {
    for (name, rel) in files_under(root, dir) {
        if name.ends_with(".html") || name.ends_with(".xml") {
            let bytes = super::files::read(&root.join(&rel)).map_err(|e| {
                Error::one(Diagnostic::file(
                    &rel,
                    crate::t!("theme-template-unreadable", error = e.to_string()),
                ))
            })?;
            let text = super::decode(&rel, bytes).map_err(Error::one)?;
            out.insert(name, TemplateSource { file: rel, text });
        }
    }
    Ok(())
}

/// Files under `dir` (relative to the root): (name inside `dir`, path relative to the root).
fn files_under(root: &Path, dir: &Path) -> Vec<(String, PathBuf)> {
    let abs = root.join(dir);
    if !abs.is_dir() {
        return Vec::new();
    }
    walkdir::WalkDir::new(&abs)
        .sort_by_file_name()
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let inside = e.path().strip_prefix(&abs).unwrap_or(e.path());
            let name = inside.to_string_lossy().replace('\\', "/");
            (name, dir.join(inside))
        })
        .collect()
}

fn read_toml(root: &Path, rel: &Path) -> Result<Option<Arc<str>>> {
    match super::files::read(&root.join(rel)) {
        Ok(bytes) => super::decode(rel, bytes).map(Some).map_err(Error::one),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(rel, e)),
    }
}

fn read_script(text: Option<Arc<str>>, rel: &Path) -> Result<Script> {
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
                    let d = Diagnostic::at(
                        rel,
                        &text,
                        s.span,
                        crate::t!("theme-script-unknown", value = other),
                    )
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

fn read_strings(text: Option<Arc<str>>, rel: &Path) -> Result<Strings> {
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
                    .error(v.span(), crate::t!("theme-string-not-text"))
                    .with_field(format!("{}.{}", t.path(), k.get_ref()));
                doc.push(d);
            }
        }
    }
    out
}
