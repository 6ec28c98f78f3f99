//! The files in an output folder that zhpress did not make, kept through
//! every build.
//!
//! Before the new site is swapped in, each of them is hard-linked from the old
//! folder into the new one (copied where links cannot be made), so at every
//! moment the file exists in the folder at `output/`: a build killed half-way
//! leaves it where it was, and after the swap it is in the new site. When the
//! new site makes a file where one of them is, the build stops and says so,
//! unless `--force` lets the site's file replace it.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

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
    replaced: Mutex<BTreeSet<PathBuf>>,
    /// What the new site would replace without `force`, for the error.
    conflicts: Mutex<Vec<String>>,
}

/// What `Kept::check` says about a file the new site makes.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing of anyone else's is in the way.
    Free,
    /// Someone else's file is already there with the same bytes: it stays
    /// theirs, and the site's copy is not written.
    Theirs,
    /// In the way: refused, or replaced with `force`.
    Conflict,
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
            replaced: Mutex::new(BTreeSet::new()),
            conflicts: Mutex::new(Vec::new()),
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

    /// Whether the new site may write `path` (relative, `/`-separated) with `bytes`.
    pub fn check(&self, path: &str, bytes: &[u8]) -> Verdict {
        if self.entries.is_empty() {
            return Verdict::Free;
        }
        let p = Path::new(path);
        match self.entries.get(p) {
            Some(false) if super::same_bytes(&self.old.join(p), bytes) => return Verdict::Theirs,
            Some(false) => {
                self.conflict(p, format!("{path} (the site makes a different {path})"));
                return Verdict::Conflict;
            }
            Some(true) => {
                self.conflict(p, format!("{path}/ (the site makes a file {path})"));
                return Verdict::Conflict;
            }
            None => {}
        }
        for a in p.ancestors().skip(1) {
            if self.entries.get(a) == Some(&false) {
                let a_shown = a.display();
                self.conflict(
                    a,
                    format!("{a_shown} (the site makes a folder {a_shown}/, for {path})"),
                );
                return Verdict::Conflict;
            }
        }
        Verdict::Free
    }

    fn conflict(&self, p: &Path, what: String) {
        if self.force {
            self.replaced
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .insert(p.to_path_buf());
        } else {
            self.conflicts
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .push(what);
        }
    }

    /// The error for files the site would replace, if there are any.
    pub fn refusal(&self, shown: &Path) -> Result<()> {
        let mut conflicts = self
            .conflicts
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        if conflicts.is_empty() {
            return Ok(());
        }
        let listed = super::first_few(&mut conflicts, 8);
        Err(Error::usage(
            format!(
                "the site now makes files where {} holds files zhpress did not make: {}; nothing was written",
                shown.display(),
                listed
            ),
            "move or delete yours (zhpress keeps them otherwise), remove the file from static/ if that is where the site's comes from, or pass --force to replace yours with the site's",
        ))
    }

    /// Puts every kept file into the new site at `staging`, where it is not replaced.
    pub fn carry(&self, staging: &Path) -> Result<()> {
        let replaced = self.replaced.lock().unwrap_or_else(|e| e.into_inner());
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
