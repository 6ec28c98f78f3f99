//! The files in an output folder that zhpress did not make, kept through
//! every build.
//!
//! Before the new site is swapped in, each of them is hard-linked from the old
//! folder into the new one (copied where links cannot be made), so at every
//! moment the file exists in the folder at `output/`: a build killed half-way
//! leaves it where it was, and after the swap it is in the new site. When the
//! new site makes a file where one of them is, the build stops and says so,
//! unless `--force` lets the site's file replace it.
//!
//! Taking stock means reading every folder of the old output (20,000 files
//! for 10,000 organizations), so it runs beside the rendering, and what the
//! new site does to the files found is settled once, when it is complete.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Error, Result};

use super::target::MARKER;

/// Someone else's files in the old output, and what the new site does to them.
pub struct Kept {
    old: PathBuf,
    /// Relative path → whether it is a folder. Folders zhpress made are not
    /// here, only the files and folders inside them that it did not make.
    entries: BTreeMap<PathBuf, bool>,
    force: bool,
    /// Paths that the new site writes over (with `force`): not carried over.
    replaced: BTreeSet<PathBuf>,
    /// What the new site would replace without `force`, for the error.
    conflicts: Vec<String>,
}

impl Kept {
    /// Nothing to keep (a new or empty output).
    pub fn none(old: &Path) -> Kept {
        Kept::with(old, BTreeMap::new(), false)
    }

    fn with(old: &Path, entries: BTreeMap<PathBuf, bool>, force: bool) -> Kept {
        Kept {
            old: old.to_path_buf(),
            entries,
            force,
            replaced: BTreeSet::new(),
            conflicts: Vec::new(),
        }
    }

    /// Everything in `old` that is not in `made` (the old marker's list;
    /// `None`: the folder has no marker, and nothing in it is zhpress's).
    pub fn inventory(old: &Path, made: Option<&HashSet<String>>, force: bool) -> Result<Kept> {
        // The folders zhpress made: those holding a file it made.
        let mut made_dirs: HashSet<&Path> = HashSet::new();
        for p in made.into_iter().flatten() {
            let mut a = Path::new(p.as_str()).parent();
            while let Some(d) = a.filter(|d| !d.as_os_str().is_empty()) {
                if !made_dirs.insert(d) {
                    break;
                }
                a = d.parent();
            }
        }
        let mut entries = BTreeMap::new();
        let walk = walkdir::WalkDir::new(old).min_depth(1).follow_links(false);
        for item in walk {
            let item = item.map_err(|e| {
                let path = e.path().unwrap_or(old).to_path_buf();
                Error::io(&path, std::io::Error::other(e))
            })?;
            let rel = item.path().strip_prefix(old).unwrap_or(item.path());
            if rel == Path::new(MARKER) {
                continue;
            }
            let is_dir = item.file_type().is_dir();
            let ours = if is_dir {
                made_dirs.contains(rel)
            } else {
                made.is_some_and(|m| rel.to_str().is_some_and(|s| m.contains(s)))
            };
            if !ours {
                entries.insert(rel.to_path_buf(), is_dir);
            }
        }
        Ok(Kept::with(old, entries, force))
    }

    /// What the new site, its files `paths` written in `staging`, does to
    /// the kept ones. A file of theirs where the site makes the same bytes
    /// stays theirs: the site's copy is removed from `staging` and `paths`.
    /// One with other bytes, a folder of theirs where the site makes a file,
    /// a file of theirs where it makes a folder: conflicts, refused unless
    /// `force` lets the site's replace theirs.
    pub fn settle(&mut self, paths: &mut Vec<String>, staging: &Path) -> Result<()> {
        if self.entries.is_empty() {
            return Ok(());
        }
        let site: BTreeSet<&str> = paths.iter().map(String::as_str).collect();
        let mut theirs = HashSet::new();
        let mut conflicts = Vec::new();
        for (rel, &is_dir) in &self.entries {
            // A name that is not UTF-8 is never one of the site's.
            let Some(r) = rel.to_str() else { continue };
            if site.contains(r) {
                let ours = crate::content::files::read(&staging.join(rel)).unwrap_or_default();
                if !is_dir && super::same_bytes(&self.old.join(rel), &ours) {
                    theirs.insert(r.to_string());
                } else if is_dir {
                    conflicts.push((
                        rel.clone(),
                        crate::t!("write-conflict-file-for-folder", path = r),
                    ));
                } else {
                    conflicts.push((rel.clone(), crate::t!("write-conflict-different", path = r)));
                }
            } else if !is_dir {
                let inside = format!("{r}/");
                if let Some(p) = site
                    .range(inside.as_str()..)
                    .next()
                    .filter(|p| p.starts_with(&inside))
                {
                    conflicts.push((
                        rel.clone(),
                        crate::t!("write-conflict-folder-for-file", path = r, inside = *p),
                    ));
                }
            }
        }
        for (rel, what) in conflicts {
            if self.force {
                self.replaced.insert(rel);
            } else {
                self.conflicts.push(what);
            }
        }
        for t in &theirs {
            let copy = staging.join(t);
            std::fs::remove_file(&copy).map_err(|e| Error::io(&copy, e))?;
        }
        paths.retain(|p| !theirs.contains(p));
        Ok(())
    }

    /// The error for files the site would replace, if there are any.
    pub fn refusal(&self, shown: &Path) -> Result<()> {
        let mut conflicts = self.conflicts.clone();
        if conflicts.is_empty() {
            return Ok(());
        }
        let listed = super::first_few(&mut conflicts, 8);
        Err(Error::usage(
            crate::t!("write-conflicts", output = shown, files = listed),
            crate::t!("write-conflicts-hint"),
        ))
    }

    /// Puts every kept file into the new site at `staging`, where it is not replaced.
    pub fn carry(&self, staging: &Path) -> Result<()> {
        let replaced = &self.replaced;
        let mut dirs = Vec::new();
        for (rel, &is_dir) in &self.entries {
            if rel.ancestors().any(|a| replaced.contains(a)) {
                continue;
            }
            let from = self.old.join(rel);
            let to = staging.join(rel);
            if let Some(parent) = to.parent() {
                std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
            }
            if is_dir {
                match std::fs::create_dir(&to) {
                    Err(e) if e.kind() != std::io::ErrorKind::AlreadyExists => {
                        return Err(Error::io(&to, e))
                    }
                    _ => dirs.push((from, to)),
                }
            } else {
                link_or_copy(&from, &to)?;
            }
        }
        // Folders get their own permissions last: a read-only one (a git
        // pack folder) must first be filled.
        for (from, to) in dirs.iter().rev() {
            if let Ok(m) = std::fs::metadata(from) {
                let _ = std::fs::set_permissions(to, m.permissions());
            }
        }
        Ok(())
    }
}

/// A hard link, so the file stays the same file (inode, times); a copy where
/// the system cannot link (another file system, too many links).
fn link_or_copy(from: &Path, to: &Path) -> Result<()> {
    if std::fs::hard_link(from, to).is_ok() {
        return Ok(());
    }
    let meta = std::fs::symlink_metadata(from).map_err(|e| Error::io(from, e))?;
    if meta.file_type().is_symlink() {
        let target = std::fs::read_link(from).map_err(|e| Error::io(from, e))?;
        std::os::unix::fs::symlink(target, to).map_err(|e| Error::io(to, e))
    } else {
        std::fs::copy(from, to).map_err(|e| Error::io(to, e))?;
        let mode = meta.permissions().mode();
        std::fs::set_permissions(to, std::fs::Permissions::from_mode(mode))
            .map_err(|e| Error::io(to, e))
    }
}
