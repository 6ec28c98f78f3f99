//! load: site.toml and content/ into a [`Source`], validated.

pub mod encoding;
pub mod entry;
pub mod files;
pub mod frontmatter;
pub mod money;
pub mod scaffold;
pub mod schema;
pub mod slug;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::{self, SiteConfig};
use crate::diagnostic::{Diagnostic, Error, Result};
pub use encoding::decode;
pub use entry::{Activity, Entry, Item, Page};

/// Everything a build reads, in the source script, validated.
#[derive(Debug, Clone)]
pub struct Source {
    pub root: PathBuf,
    pub config: SiteConfig,
    /// `content/_index.md`, when present.
    pub home: Option<Page>,
    /// Sorted by slug.
    pub orgs: Vec<Arc<Entry>>,
    /// Sorted by slug.
    pub pages: Vec<Page>,
    /// Hand-written variants of one entry: (slug, variant code) → entry, already in that variant's script.
    pub overrides: BTreeMap<(String, String), Arc<Entry>>,
}

/// What `load` should include.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    pub drafts: bool,
    pub base_url: Option<String>,
}

/// Reads a site from disk.
pub fn load(root: &Path, options: &LoadOptions) -> Result<Source> {
    let config = config::load(root, options.base_url.as_deref())?;
    let files = parse_all(root, &config)?;
    assemble(root, config, &files, options)
}

/// What one content file gave: its parsed value, or its problems.
pub type ParsedFile = std::result::Result<Parsed, Vec<Diagnostic>>;

/// Every file under content/, parsed in parallel, by path relative to the root.
pub fn parse_all(root: &Path, config: &SiteConfig) -> Result<BTreeMap<PathBuf, ParsedFile>> {
    let files = list_content(root)?;
    Ok(files
        .par_iter()
        .map(|f| (f.clone(), parse_file(root, f, config)))
        .collect())
}

/// One content file again, after it changed; `None` when it is gone or is not
/// a content file (hidden files, editor backups, folders).
pub fn reparse(root: &Path, config: &SiteConfig, rel_path: &Path) -> Option<ParsedFile> {
    let canonical_root = root.canonicalize().ok()?;
    let path = root.join(rel_path);
    let meta = std::fs::symlink_metadata(&path).ok()?;
    if skipped(&rel_path.file_name()?.to_string_lossy()) || meta.is_dir() {
        return None;
    }
    if let Some(kind) = files::special_kind(meta.file_type()) {
        return Some(Err(vec![files::special(rel_path, kind)]));
    }
    if meta.file_type().is_symlink() {
        return match check_link(&path, rel_path, &canonical_root) {
            Ok(true) => Some(parse_file(root, rel_path, config)),
            Ok(false) => None,
            Err(d) => Some(Err(vec![d])),
        };
    }
    Some(parse_file(root, rel_path, config))
}

/// The Source from parsed files: every problem reported at once, slugs
/// checked for uniqueness, overrides matched to entries, drafts left out
/// unless asked for, everything sorted.
pub fn assemble(
    root: &Path,
    config: SiteConfig,
    files: &BTreeMap<PathBuf, ParsedFile>,
    options: &LoadOptions,
) -> Result<Source> {
    let mut errors = Vec::new();
    let (mut home, mut orgs, mut pages, mut overrides) =
        (None, Vec::new(), Vec::new(), BTreeMap::new());
    for p in files.values() {
        match p {
            Ok(Parsed::Home(h)) => home = Some(h.clone()),
            Ok(Parsed::Org(e)) => orgs.push(e.clone()),
            Ok(Parsed::Page(pg)) => pages.push(pg.clone()),
            Ok(Parsed::Override(code, e)) => {
                overrides.insert((e.slug.clone(), code.clone()), e.clone());
            }
            Err(ds) => errors.extend(ds.iter().cloned()),
        }
    }
    check_unique(&orgs, &mut errors);
    check_overrides(&config, &orgs, &overrides, &mut errors);
    if !errors.is_empty() {
        errors.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
        return Err(Error::Content(errors));
    }
    if !options.drafts {
        orgs.retain(|e| !e.draft);
        pages.retain(|p| !p.draft);
        overrides.retain(|(slug, _), _| orgs.iter().any(|o| &o.slug == slug));
    }
    orgs.sort_by(|a, b| a.slug.cmp(&b.slug));
    pages.sort_by(|a, b| a.slug.cmp(&b.slug));
    Ok(Source {
        root: root.to_path_buf(),
        config,
        home,
        orgs,
        pages,
        overrides,
    })
}

fn check_overrides(
    config: &SiteConfig,
    orgs: &[Arc<Entry>],
    overrides: &BTreeMap<(String, String), Arc<Entry>>,
    errors: &mut Vec<Diagnostic>,
) {
    for ((slug, code), e) in overrides {
        if !orgs.iter().any(|o| &o.slug == slug) {
            errors.push(
                Diagnostic::file(
                    &e.file,
                    format!(
                        "this overrides `{}`, but there is no entry with that slug",
                        slug
                    ),
                )
                .with_hint(format!(
                    "name it after an existing entry: orgs/<slug>.{}.md",
                    code
                )),
            );
        }
        if !config.variants.iter().any(|v| &v.code == code) {
            let codes: Vec<&str> = config.variants.iter().map(|v| v.code.as_str()).collect();
            errors.push(
                Diagnostic::file(&e.file, format!("`{}` is not a variant of this site", code))
                    .with_hint(crate::diagnostic::suggest(code, &codes)),
            );
        }
    }
}

fn check_unique(orgs: &[Arc<Entry>], errors: &mut Vec<Diagnostic>) {
    let mut by_slug: BTreeMap<&str, &Entry> = BTreeMap::new();
    for e in orgs.iter().map(|e| &**e) {
        if let Some(first) = by_slug.insert(&e.slug, e) {
            let (a, b) = if first.file < e.file {
                (first, e)
            } else {
                (e, first)
            };
            errors.push(
                Diagnostic::file(
                    &b.file,
                    format!("the slug `{}` is also used by {}", e.slug, a.file.display()),
                )
                .with_hint("each organization has one file: keep either the .md or the .toml"),
            );
        }
    }
}

/// A content file, parsed.
#[derive(Debug, Clone)]
pub enum Parsed {
    Home(Page),
    Org(Arc<Entry>),
    Page(Page),
    Override(String, Arc<Entry>),
}

/// Files under content/, sorted, as paths relative to the site root.
fn list_content(root: &Path) -> Result<Vec<PathBuf>> {
    let content = root.join("content");
    if !content.is_dir() {
        return Err(Error::one(
            Diagnostic::file("content", "the site has no content/ folder")
                .with_hint("create content/orgs/ and put one <slug>.md per organization in it"),
        ));
    }
    let canonical_root = root.canonicalize().map_err(|e| Error::io(root, e))?;
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let walk = walkdir::WalkDir::new(&content)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        // Hidden folders (.git, an editor's settings) are not walked at all.
        .filter_entry(|e| e.depth() == 0 || !skipped(&e.file_name().to_string_lossy()));
    for item in walk {
        let item = match item {
            Ok(i) => i,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| rel(root, p))
                    .unwrap_or_else(|| "content".into());
                errors.push(Diagnostic::file(path, format!("cannot read: {}", e)));
                continue;
            }
        };
        let relp = rel(root, item.path());
        let t = item.file_type();
        if item.path_is_symlink() {
            match check_link(item.path(), &relp, &canonical_root) {
                Ok(true) => files.push(relp),
                Ok(false) => {}
                Err(d) => errors.push(d),
            }
        } else if t.is_file() {
            files.push(relp);
        } else if t.is_dir() {
            if let Some(d) = entry_named_folder(&relp) {
                errors.push(d);
            }
        } else if let Some(kind) = files::special_kind(t) {
            errors.push(files::special(&relp, kind));
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(Error::Content(errors))
    }
}

/// A folder named like an entry (`orgs/a.md/`), where a file is expected.
fn entry_named_folder(relp: &Path) -> Option<Diagnostic> {
    let name = relp.file_name()?.to_string_lossy();
    (name.ends_with(".md") || name.ends_with(".toml")).then(|| {
        Diagnostic::file(relp, "is a folder, where zhpress expects a file").with_hint(format!(
            "an entry is one file: move what is inside {}/ out, and remove the folder",
            relp.display()
        ))
    })
}

/// Editors' temporary and backup files, and hidden files: never content.
fn skipped(name: &str) -> bool {
    name.starts_with('.') || files::is_backup(name)
}

/// Whether a symbolic link is content: `Ok(true)` for a file inside the site,
/// `Ok(false)` for a folder, an error for anything that leaves the site.
fn check_link(
    path: &Path,
    relp: &Path,
    canonical_root: &Path,
) -> std::result::Result<bool, Diagnostic> {
    files::follow(path, relp, &[canonical_root.to_path_buf()])
        .map(|link| matches!(link, files::Link::File(_)))
}

fn rel(root: &Path, p: &Path) -> PathBuf {
    p.strip_prefix(root).unwrap_or(p).to_path_buf()
}

fn parse_file(
    root: &Path,
    file: &Path,
    config: &SiteConfig,
) -> std::result::Result<Parsed, Vec<Diagnostic>> {
    let parts: Vec<String> = file
        .iter()
        .map(|c| c.to_string_lossy().into_owned())
        .collect();
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    let kind = match parts.as_slice() {
        ["content", "_index.md"] => Kind::Home,
        ["content", "orgs", name] => Kind::Org(name),
        ["content", "pages", name] => Kind::Page(name),
        _ => {
            return Err(vec![Diagnostic::file(file, "zhpress does not know what this file is")
                .with_hint("organizations go in content/orgs/<slug>.md, free pages in content/pages/<slug>.md, the home page text in content/_index.md")]);
        }
    };
    let bytes = files::read(&root.join(file))
        .map_err(|e| vec![Diagnostic::file(file, format!("cannot read: {}", e))])?;
    let text = decode(file, bytes).map_err(|d| vec![d])?;
    match kind {
        Kind::Home => {
            entry::parse_page("index".into(), file.to_path_buf(), text, false).map(Parsed::Home)
        }
        Kind::Page(name) => {
            let slug = file_slug(root, file, name, &["md"]).map_err(|d| vec![d])?;
            entry::parse_page(slug.0, file.to_path_buf(), text, true).map(Parsed::Page)
        }
        Kind::Org(name) => {
            let (slug, ext, code) =
                file_slug(root, file, name, &["md", "toml"]).map_err(|d| vec![d])?;
            let e = entry::parse_entry(slug, file.to_path_buf(), text, ext == "md", config)?;
            Ok(match code {
                Some(code) => Parsed::Override(code, Arc::new(e)),
                None => Parsed::Org(Arc::new(e)),
            })
        }
    }
}

enum Kind<'a> {
    Home,
    Org(&'a str),
    Page(&'a str),
}

/// `slug.md` → (slug, "md", None); `slug.zh-Hans.md` → (slug, "md", Some("zh-Hans")).
fn file_slug(
    root: &Path,
    file: &Path,
    name: &str,
    exts: &[&str],
) -> std::result::Result<(String, String, Option<String>), Diagnostic> {
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return Err(Diagnostic::file(file, "has no extension")
            .with_hint(format!("name it <slug>.{}", exts[0])));
    };
    if !exts.contains(&ext) {
        let hint = if matches!(ext, "yaml" | "yml" | "json") {
            "entries are TOML: <slug>.md with +++ front matter, or <slug>.toml".to_string()
        } else {
            format!("name it <slug>.{}", exts.join(" or <slug>."))
        };
        return Err(
            Diagnostic::file(file, format!("`.{}` files are not read here", ext)).with_hint(hint),
        );
    }
    let (slug, code) = match stem.split_once('.') {
        Some((s, c)) if ext == "md" => (s, Some(c.to_string())),
        Some(_) => {
            return Err(
                Diagnostic::file(file, "a slug cannot contain `.`").with_hint(format!(
                    "rename it to {}.{}",
                    slug::suggest(stem),
                    ext
                )),
            )
        }
        None => (stem, None),
    };
    if let Err(why) = slug::check(slug) {
        let renamed = format!("{}.{}", slug::suggest(slug), ext);
        // Renaming onto a file that differs only in case would replace it
        // (on macOS and Windows they are already the same file).
        let hint = if root.join(file).with_file_name(&renamed).exists() {
            format!("{renamed} is beside it, and the two differ only in case: merge them into {renamed}, or give this one another name")
        } else {
            format!("rename the file to {renamed}")
        };
        return Err(Diagnostic::file(file, format!("the slug `{}` {}", slug, why)).with_hint(hint));
    }
    Ok((slug.to_string(), ext.to_string(), code))
}
