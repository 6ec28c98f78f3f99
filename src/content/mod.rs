//! load: the site on disk into a [`Source`], validated: site.toml, content/,
//! the theme's templates, strings and static files, and the list of every
//! file and folder read ([`Inputs`]), which is what `serve --watch` watches.

pub mod cms;
pub mod config;
pub mod encoding;
pub mod entry;
pub mod fields;
pub mod figures;
pub mod files;
pub mod frontmatter;
pub mod git;
pub mod money;
pub mod rules;
pub mod scaffold;
pub mod schema;
pub mod slug;
pub mod statics;
pub mod theme;
pub mod values;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Error, Result};
use config::SiteConfig;
pub use encoding::decode;
pub use entry::{Activity, Entry, Item, Page};
use theme::ThemeSource;

/// Everything a build reads, in the source script, validated.
#[derive(Debug, Clone)]
pub struct Source {
    pub root: PathBuf,
    pub config: Arc<SiteConfig>,
    pub theme: Arc<ThemeSource>,
    /// `content/_index.md`, when present.
    pub home: Option<Page>,
    /// Sorted by slug.
    pub orgs: Vec<Arc<Entry>>,
    /// Sorted by slug.
    pub pages: Vec<Page>,
    /// Hand-written variants of one entry: (slug, variant code) → entry, already in that variant's script.
    pub overrides: BTreeMap<(String, String), Arc<Entry>>,
    /// The files beside entries written as `<slug>/index.md`, by slug, sorted by name.
    pub assets: BTreeMap<String, Vec<Arc<Asset>>>,
    /// When each organization last changed, by slug, from git history.
    pub last_updated: BTreeMap<String, values::Date>,
    /// What the editor should know that is not an error.
    pub notes: Vec<String>,
    /// Every file and folder the site was read from.
    pub inputs: Inputs,
}

/// What `load` should include.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    pub drafts: bool,
    pub base_url: Option<String>,
}

/// The paths a site was read from, relative to its root: a change to any of
/// them can change the site, and a change anywhere else cannot.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Inputs {
    /// Single files (site.toml, a glossary file).
    pub files: BTreeSet<PathBuf>,
    /// Folders read whole: a file made, changed or removed anywhere in them counts.
    pub trees: BTreeSet<PathBuf>,
    /// Paths looked for and not found (templates/, static/, a theme folder):
    /// made later, they count.
    pub absent: BTreeSet<PathBuf>,
}

impl Inputs {
    pub fn file(&mut self, rel: impl Into<PathBuf>) {
        self.files.insert(rel.into());
    }

    pub fn tree(&mut self, rel: impl Into<PathBuf>) {
        self.trees.insert(rel.into());
    }

    pub fn absent(&mut self, rel: impl Into<PathBuf>) {
        self.absent.insert(rel.into());
    }

    /// Whether a change at `rel` can change the site: one of the files, a
    /// path inside a tree that is not an editor's temporary file, or an
    /// absent path (or something inside it) appearing.
    pub fn covers(&self, rel: &Path) -> bool {
        if self.files.contains(rel) {
            return true;
        }
        let hidden = rel
            .file_name()
            .is_some_and(|n| skipped(&n.to_string_lossy()));
        if hidden {
            return false;
        }
        self.trees
            .iter()
            .chain(&self.absent)
            .any(|t| rel.starts_with(t))
    }

    fn extend(&mut self, other: &Inputs) {
        self.files.extend(other.files.iter().cloned());
        self.trees.extend(other.trees.iter().cloned());
        self.absent.extend(other.absent.iter().cloned());
    }
}

/// Reads a site from disk.
pub fn load(root: &Path, options: &LoadOptions) -> Result<Source> {
    Loader::new(root.to_path_buf(), options.clone()).load(None)
}

/// Loads a site again and again (`serve --watch`), re-reading only what a
/// change touches: site.toml and the theme when their files changed, and of
/// content/ only the changed files, unless the settings changed.
pub struct Loader {
    root: PathBuf,
    options: LoadOptions,
    config: Option<(Arc<SiteConfig>, Inputs)>,
    theme: Option<(Arc<ThemeSource>, Inputs)>,
    /// Every content file parsed, with the settings in `config`.
    content: Option<BTreeMap<PathBuf, ParsedFile>>,
    /// The git history, read on every load of everything.
    history: Option<Arc<git::History>>,
    /// What the last load read, or tried to.
    inputs: Inputs,
}

impl Loader {
    pub fn new(root: PathBuf, options: LoadOptions) -> Loader {
        Loader {
            root,
            options,
            config: None,
            theme: None,
            content: None,
            history: None,
            inputs: Inputs::default(),
        }
    }

    pub fn options(&self) -> &LoadOptions {
        &self.options
    }

    /// What the last load read, or tried to read when it failed.
    pub fn inputs(&self) -> &Inputs {
        &self.inputs
    }

    /// The site after `changed` (paths relative to the root; `None`:
    /// anything may have changed). On error the kept files stay as they were,
    /// and the files named by the errors count as inputs.
    pub fn load(&mut self, changed: Option<&[PathBuf]>) -> Result<Source> {
        let result = self.load_inner(changed);
        if let Err(e) = &result {
            for d in e.diagnostics() {
                let known = self.inputs.covers(&d.file);
                if !known && d.file.is_relative() && self.root.join(&d.file).is_file() {
                    self.inputs.file(d.file.clone());
                }
            }
        }
        result
    }

    fn load_inner(&mut self, changed: Option<&[PathBuf]>) -> Result<Source> {
        let touches = |inputs: &Inputs| changed.is_none_or(|c| c.iter().any(|p| inputs.covers(p)));
        self.inputs = Inputs::default();
        self.inputs.file(config::SITE_FILE);
        self.inputs.tree("content");
        let kept = self.config.iter().map(|(_, i)| i);
        for i in kept.chain(self.theme.iter().map(|(_, i)| i)) {
            self.inputs.extend(i);
        }
        let config_stale = self.config.as_ref().is_none_or(|(_, i)| touches(i));
        if config_stale {
            let mut inputs = Inputs::default();
            let loaded = config::load(&self.root, self.options.base_url.as_deref(), &mut inputs);
            self.inputs.extend(&inputs);
            let loaded = Arc::new(loaded?);
            if self
                .config
                .as_ref()
                .is_none_or(|(c, _)| c.digest != loaded.digest)
            {
                // Entries are read against the settings (activity types, variants).
                self.content = None;
            }
            self.config = Some((loaded, inputs));
            self.theme = None;
        }
        let Some((config, _)) = &self.config else {
            unreachable!("set above")
        };
        let config = Arc::clone(config);
        if self.theme.as_ref().is_none_or(|(_, i)| touches(i)) {
            let mut inputs = Inputs::default();
            let loaded = theme::load(&self.root, &config, &mut inputs);
            self.inputs.extend(&inputs);
            self.theme = Some((Arc::new(loaded?), inputs));
        }
        let Some((theme, _)) = &self.theme else {
            unreachable!("set above")
        };
        let theme = Arc::clone(theme);
        let mut parsed = match (self.content.take(), changed) {
            (Some(kept), Some(changed)) => reparse_changed(&self.root, &config, kept, changed),
            _ => parse_all(&self.root, &config)?,
        };
        let source = assemble(&self.root, &config, &theme, &parsed, &self.options);
        // Kept even when the site has errors: the next change re-reads only itself.
        self.content = Some(std::mem::take(&mut parsed));
        let mut source = source?;
        // Editing a file changes no commit date: the history is read again
        // only when everything is.
        if changed.is_none() || self.history.is_none() {
            self.history = Some(Arc::new(git::History::read(&self.root)));
        }
        if let Some(history) = &self.history {
            dates(&mut source, history);
        }
        source.inputs = self.inputs.clone();
        Ok(source)
    }
}

/// Each organization's last change: of its file, its hand-written
/// variants and the files beside it.
fn dates(source: &mut Source, history: &git::History) {
    if !history.read {
        return;
    }
    if history.shallow {
        source.notes.push(crate::t!("content-shallow-clone"));
    }
    for e in &source.orgs {
        let overrides = source
            .overrides
            .iter()
            .filter(|((slug, _), _)| *slug == e.slug)
            .map(|(_, o)| o.file.as_path());
        let assets = source
            .assets
            .get(&e.slug)
            .into_iter()
            .flatten()
            .map(|a| a.file.as_path());
        let files = std::iter::once(e.file.as_path())
            .chain(overrides)
            .chain(assets);
        if let Some(d) = history.newest(files) {
            source.last_updated.insert(e.slug.clone(), d);
        }
    }
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

/// The parsed files after `changed`: each changed content file parsed again,
/// or dropped when it is gone (with everything under it, for a folder).
fn reparse_changed(
    root: &Path,
    config: &SiteConfig,
    mut parsed: BTreeMap<PathBuf, ParsedFile>,
    changed: &[PathBuf],
) -> BTreeMap<PathBuf, ParsedFile> {
    for path in changed.iter().filter(|p| p.starts_with("content")) {
        match reparse(root, config, path) {
            Some(p) => {
                parsed.insert(path.clone(), p);
            }
            None => {
                parsed.remove(path);
            }
        }
        // A folder renamed or removed takes its files with it.
        if !root.join(path).exists() {
            parsed.retain(|p, _| !(p.starts_with(path) && p != path));
        }
    }
    parsed
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
        return Some(Err(vec![files::special(rel_path, &kind)]));
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
/// unless asked for, everything sorted. Its inputs are left for the caller.
pub fn assemble(
    root: &Path,
    config: &Arc<SiteConfig>,
    theme: &Arc<ThemeSource>,
    files: &BTreeMap<PathBuf, ParsedFile>,
    options: &LoadOptions,
) -> Result<Source> {
    let mut errors = Vec::new();
    let (mut home, mut orgs, mut pages, mut overrides) =
        (None, Vec::new(), Vec::new(), BTreeMap::new());
    let mut assets: BTreeMap<String, Vec<Arc<Asset>>> = BTreeMap::new();
    for p in files.values() {
        match p {
            Ok(Parsed::Home(h)) => home = Some(h.clone()),
            Ok(Parsed::Org(e)) => orgs.push(e.clone()),
            Ok(Parsed::Page(pg)) => pages.push(pg.clone()),
            Ok(Parsed::Override(code, e)) => {
                overrides.insert((e.slug.clone(), code.clone()), e.clone());
            }
            Ok(Parsed::Asset(slug, a)) => assets.entry(slug.clone()).or_default().push(a.clone()),
            Err(ds) => errors.extend(ds.iter().cloned()),
        }
    }
    check_unique(&orgs, &mut errors);
    for (slug, files) in &assets {
        let owner = orgs.iter().any(|o| &o.slug == slug && o.assets.is_some());
        if !owner {
            for a in files {
                errors.push(
                    Diagnostic::file(
                        &a.file,
                        crate::t!("content-asset-without-entry", slug = slug),
                    )
                    .with_hint(crate::t!("content-asset-without-entry-hint", slug = slug)),
                );
            }
        }
    }
    check_overrides(config, &orgs, &overrides, &mut errors);
    if !errors.is_empty() {
        errors.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
        return Err(Error::Content(errors));
    }
    if !options.drafts {
        orgs.retain(|e| !e.draft);
        pages.retain(|p| !p.draft);
        overrides.retain(|(slug, _), _| orgs.iter().any(|o| &o.slug == slug));
        assets.retain(|slug, _| orgs.iter().any(|o| &o.slug == slug));
    }
    orgs.sort_by(|a, b| a.slug.cmp(&b.slug));
    pages.sort_by(|a, b| a.slug.cmp(&b.slug));
    Ok(Source {
        root: root.to_path_buf(),
        config: Arc::clone(config),
        theme: Arc::clone(theme),
        home,
        orgs,
        pages,
        overrides,
        assets,
        last_updated: BTreeMap::new(),
        notes: Vec::new(),
        inputs: Inputs::default(),
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
                Diagnostic::file(&e.file, crate::t!("content-override-orphan", slug = slug))
                    .with_hint(crate::t!("content-override-orphan-hint", code = code)),
            );
        }
        if !config.variants.iter().any(|v| v.code.as_str() == code) {
            let codes: Vec<&str> = config.variants.iter().map(|v| v.code.as_str()).collect();
            errors.push(
                Diagnostic::file(&e.file, crate::t!("variant-not-of-site", code = code))
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
                    crate::t!("content-slug-taken", slug = &e.slug, file = &a.file),
                )
                .with_hint(crate::t!("content-slug-taken-hint")),
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
    /// A file beside an entry written as `<slug>/index.md`: (slug, file).
    Asset(String, Arc<Asset>),
}

/// A file beside an entry, published beside its page in every variant.
#[derive(Debug, Clone)]
pub struct Asset {
    /// Its path inside the entry's folder, `/`-separated: `logo.png`, `files/a.pdf`.
    pub name: String,
    /// Its path relative to the root, for errors.
    pub file: PathBuf,
    pub bytes: Arc<[u8]>,
    pub digest: u64,
}

/// Files under content/, sorted, as paths relative to the site root.
fn list_content(root: &Path) -> Result<Vec<PathBuf>> {
    let content = root.join("content");
    if !content.is_dir() {
        return Err(Error::one(
            Diagnostic::file("content", crate::t!("content-no-folder"))
                .with_hint(crate::t!("content-no-folder-hint")),
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
                errors.push(Diagnostic::file(
                    path,
                    crate::t!("files-cannot-read", error = e.to_string()),
                ));
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
            errors.push(files::special(&relp, &kind));
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
        Diagnostic::file(relp, crate::t!("content-folder-not-file"))
            .with_hint(crate::t!("content-folder-not-file-hint", folder = relp))
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
        ["content", "orgs", name] => Kind::Org(name, None),
        ["content", "orgs", folder, name] if name.starts_with("index.") => {
            Kind::Org(name, Some(folder))
        }
        ["content", "orgs", folder, rest @ ..] => {
            return read_asset(root, file, folder, rest);
        }
        ["content", "pages", name] => Kind::Page(name),
        _ => {
            return Err(vec![Diagnostic::file(
                file,
                crate::t!("content-unknown-file"),
            )
            .with_hint(crate::t!("content-unknown-file-hint"))]);
        }
    };
    let bytes = files::read(&root.join(file)).map_err(|e| {
        vec![Diagnostic::file(
            file,
            crate::t!("files-cannot-read", error = e.to_string()),
        )]
    })?;
    let text = decode(file, bytes).map_err(|d| vec![d])?;
    match kind {
        Kind::Home => {
            entry::parse_page("index".into(), file.to_path_buf(), text, false).map(Parsed::Home)
        }
        Kind::Page(name) => {
            let slug = file_slug(root, file, name, &["md"]).map_err(|d| vec![d])?;
            entry::parse_page(slug.0, file.to_path_buf(), text, true).map(Parsed::Page)
        }
        Kind::Org(name, folder) => {
            let (stem, ext, code) =
                file_slug(root, file, name, &["md", "toml"]).map_err(|d| vec![d])?;
            let (slug, assets) = match folder {
                Some(folder) => {
                    let slug = folder_slug(file, folder).map_err(|d| vec![d])?;
                    let dir = file.parent().map(Path::to_path_buf).unwrap_or_default();
                    (slug, Some((root.join(&dir), dir)))
                }
                None => (stem, None),
            };
            let assets = assets
                .as_ref()
                .map(|(abs, rel)| (abs.as_path(), rel.clone()));
            let e =
                entry::parse_entry(slug, file.to_path_buf(), text, ext == "md", config, assets)?;
            Ok(match code {
                Some(code) => Parsed::Override(code, Arc::new(e)),
                None => Parsed::Org(Arc::new(e)),
            })
        }
    }
}

enum Kind<'a> {
    Home,
    /// An entry's file name, and the folder it is in when it is `<slug>/index.md`.
    Org(&'a str, Option<&'a str>),
    Page(&'a str),
}

/// A file beside an entry (`content/orgs/<slug>/logo.png`), published beside its page.
fn read_asset(
    root: &Path,
    file: &Path,
    folder: &str,
    rest: &[&str],
) -> std::result::Result<Parsed, Vec<Diagnostic>> {
    let slug = folder_slug(file, folder).map_err(|d| vec![d])?;
    let bytes = files::read(&root.join(file)).map_err(|e| {
        vec![Diagnostic::file(
            file,
            crate::t!("files-cannot-read", error = e.to_string()),
        )]
    })?;
    Ok(Parsed::Asset(
        slug,
        Arc::new(Asset {
            digest: crate::digest::of(&bytes),
            name: rest.join("/"),
            file: file.to_path_buf(),
            bytes: Arc::from(bytes),
        }),
    ))
}

/// The slug an entry's folder gives it.
fn folder_slug(file: &Path, folder: &str) -> std::result::Result<String, Diagnostic> {
    slug::check(folder)
        .map(|_| folder.to_string())
        .map_err(|why| {
            Diagnostic::file(
                file,
                crate::t!("content-folder-name-bad", folder = folder, why = why),
            )
            .with_hint(crate::t!(
                "content-folder-name-bad-hint",
                suggestion = slug::suggest(folder)
            ))
        })
}

/// `slug.md` → (slug, "md", None); `slug.zh-Hans.md` → (slug, "md", Some("zh-Hans")).
fn file_slug(
    root: &Path,
    file: &Path,
    name: &str,
    exts: &[&str],
) -> std::result::Result<(String, String, Option<String>), Diagnostic> {
    let Some((stem, ext)) = name.rsplit_once('.') else {
        return Err(Diagnostic::file(file, crate::t!("content-no-extension"))
            .with_hint(crate::t!("content-name-it", ext = exts[0])));
    };
    if !exts.contains(&ext) {
        let hint = if matches!(ext, "yaml" | "yml" | "json") {
            crate::t!("content-entries-are-toml")
        } else {
            match exts {
                [first, other, ..] => {
                    crate::t!("content-name-it-either", ext = *first, other = *other)
                }
                _ => crate::t!("content-name-it", ext = exts[0]),
            }
        };
        return Err(
            Diagnostic::file(file, crate::t!("content-extension-not-read", ext = ext))
                .with_hint(hint),
        );
    }
    let (slug, code) = match stem.split_once('.') {
        Some((s, c)) if ext == "md" => (s, Some(c.to_string())),
        Some(_) => {
            return Err(
                Diagnostic::file(file, crate::t!("content-slug-dot")).with_hint(crate::t!(
                    "content-rename-it",
                    name = format!("{}.{}", slug::suggest(stem), ext)
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
            crate::t!("content-slug-case-clash", renamed = &renamed)
        } else {
            crate::t!("content-rename-file", renamed = &renamed)
        };
        return Err(
            Diagnostic::file(file, crate::t!("slug-bad", slug = slug, why = why)).with_hint(hint),
        );
    }
    Ok((slug.to_string(), ext.to_string(), code))
}
