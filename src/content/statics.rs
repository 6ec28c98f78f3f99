//! The theme's and the site's static files: what is published, and what may
//! not be.
//!
//! Hidden files are left out (a `.DS_Store`, an editor's settings) except the
//! ones a host reads, `.nojekyll` and `.well-known/`; editors' backups are
//! left out. A symbolic link is followed only to a file or folder inside the
//! site or the theme, so a link to private files never publishes them. Two
//! files that differ only in case, or a file at a place whose files zhpress
//! makes (a variant's folder, the root pages), are errors: on a host that
//! ignores case, or at that place, one would silently replace the other.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::config::SiteConfig;
use super::files::{self, Link};
use super::theme::StaticFile;
use crate::diagnostic::Diagnostic;

/// What a static HTML page carries to be served by `serve --watch` without
/// the live-reload script: an app that keeps unsaved work, such as the CMS's
/// admin page, which a rebuild (after its own save) must not reload.
pub const LIVE_RELOAD_OFF: &str = "<meta name=\"zhpress-live-reload\" content=\"off\">";

/// Hidden names a static host reads, published from static/.
const HIDDEN_PUBLISHED: &[&str] = &[".nojekyll", ".well-known"];

/// Files zhpress makes at the root of every site.
const ROOT_FILES: &[&str] = &["index.html", "404.html", "sitemap.xml"];

/// Walks one static/ folder into `out` (by output path); what cannot be
/// published goes to `errors`.
pub struct Collector<'a> {
    pub root: &'a Path,
    /// Canonical folders links may lead into.
    pub allowed: Vec<PathBuf>,
    pub out: &'a mut BTreeMap<String, StaticFile>,
    pub errors: &'a mut Vec<Diagnostic>,
}

impl Collector<'_> {
    pub fn collect(&mut self, dir: &Path) {
        if dir.is_dir() {
            let mut on_the_way = Vec::new();
            self.walk(dir, "", &mut on_the_way);
        }
    }

    /// `prefix`: the output path of `dir`; `on_the_way`: the canonical
    /// folders being walked, to tell a loop of links.
    fn walk(&mut self, dir: &Path, prefix: &str, on_the_way: &mut Vec<PathBuf>) {
        let root = self.root;
        let rel = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
        let Ok(rd) = std::fs::read_dir(dir) else {
            self.errors.push(Diagnostic::file(
                rel(dir),
                crate::t!("statics-folder-unreadable"),
            ));
            return;
        };
        on_the_way.push(dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf()));
        let mut entries: Vec<_> = rd.flatten().collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let name = e.file_name().to_string_lossy().into_owned();
            if !publishable(prefix, &name) {
                continue;
            }
            let out_path = format!("{prefix}{name}");
            let path = e.path();
            let Ok(t) = e.file_type() else { continue };
            if t.is_symlink() {
                match files::follow(&path, &rel(&path), &self.allowed) {
                    Ok(Link::File(target)) => {
                        self.insert(out_path, &target);
                    }
                    Ok(Link::Folder(target))
                        if on_the_way.iter().any(|d| d.starts_with(&target)) =>
                    {
                        self.errors.push(
                            Diagnostic::file(
                                rel(&path),
                                crate::t!("statics-link-loop", target = &target),
                            )
                            .with_hint(crate::t!("statics-link-loop-hint")),
                        );
                    }
                    Ok(Link::Folder(target)) => {
                        self.walk(&target, &format!("{out_path}/"), on_the_way)
                    }
                    Err(d) => self.errors.push(d),
                }
            } else if t.is_dir() {
                self.walk(&path, &format!("{out_path}/"), on_the_way);
            } else if t.is_file() {
                self.insert(out_path, &path);
            } else if let Some(kind) = files::special_kind(t) {
                self.errors.push(files::special(&rel(&path), &kind));
            }
        }
        on_the_way.pop();
    }
}

impl Collector<'_> {
    /// Reads one file into the site's static files.
    fn insert(&mut self, out_path: String, path: &Path) {
        let rel = path.strip_prefix(self.root).unwrap_or(path).to_path_buf();
        match files::read(path) {
            Ok(bytes) => {
                self.out.insert(
                    out_path,
                    StaticFile::Read {
                        file: rel,
                        bytes: bytes.into(),
                    },
                );
            }
            Err(e) => self.errors.push(Diagnostic::file(
                rel,
                crate::t!("files-cannot-read", error = e.to_string()),
            )),
        }
    }
}

fn publishable(prefix: &str, name: &str) -> bool {
    if files::is_backup(name) {
        return false;
    }
    !name.starts_with('.')
        || (prefix.is_empty() && HIDDEN_PUBLISHED.contains(&name))
        || prefix.starts_with(".well-known/")
}

/// Static files that would replace a file zhpress makes, or each other on a
/// host that ignores case.
pub fn clashes(
    files: &BTreeMap<String, StaticFile>,
    config: &SiteConfig,
    root: &Path,
) -> Vec<Diagnostic> {
    let source = |name: &str| match files.get(name) {
        Some(StaticFile::Read { file, .. }) => {
            file.strip_prefix(root).unwrap_or(file).to_path_buf()
        }
        _ => PathBuf::from(format!("(built-in default theme) static/{name}")),
    };
    let mut errors = Vec::new();
    // Every file and folder, by its name in lower case.
    let mut seen: BTreeMap<String, (String, bool)> = BTreeMap::new();
    for name in files.keys() {
        let lower = name.to_lowercase();
        let first = lower.split('/').next().unwrap_or_default();
        if let Some(v) = config.variants.iter().find(|v| v.path == first) {
            errors.push(
                Diagnostic::file(
                    source(name),
                    crate::t!(
                        "statics-in-variant-folder",
                        path = &v.path,
                        code = v.code.as_str()
                    ),
                )
                .with_hint(crate::t!(
                    "statics-in-variant-folder-hint",
                    name = name.rsplit('/').next().unwrap_or(name)
                )),
            );
            continue;
        }
        if ROOT_FILES.contains(&lower.as_str()) {
            errors.push(
                Diagnostic::file(
                    source(name),
                    crate::t!("statics-replaces-made-file", file = &lower),
                )
                .with_hint(crate::t!(
                    "statics-replaces-made-file-hint",
                    file = &lower,
                    template = if lower == "index.html" {
                        "root.html"
                    } else {
                        lower.as_str()
                    }
                )),
            );
            continue;
        }
        // The file itself, and each folder on its way: two folders that
        // differ in case merge harmlessly, a file meeting anything does not.
        let parts: Vec<&str> = name.split('/').collect();
        let folded: Vec<&str> = lower.split('/').collect();
        for i in 1..=parts.len() {
            let (original, key, is_file) = (
                parts[..i].join("/"),
                folded[..i].join("/"),
                i == parts.len(),
            );
            match seen.get(&key) {
                Some((other, other_is_file))
                    if *other != original && (is_file || *other_is_file) =>
                {
                    errors.push(
                        Diagnostic::file(
                            source(name),
                            crate::t!("statics-case-clash", first = &original, second = other),
                        )
                        .with_hint(crate::t!("statics-case-clash-hint")),
                    );
                    break;
                }
                Some(_) => {}
                None => {
                    seen.insert(key, (original, is_file));
                }
            }
        }
    }
    errors
}
