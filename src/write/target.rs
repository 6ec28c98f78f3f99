//! Where a build may write, decided before anything is read or written.
//!
//! A build replaces its output folder whole (see [`super`]), so the folder it
//! is given must be one it may replace: never the site itself, a folder that
//! holds it, or a folder inside the ones the site is made of, and never a
//! folder of someone else's files. Every output zhpress makes carries a
//! marker ([`MARKER`]) listing the files it made; the next build replaces
//! those and keeps every other file in the folder (a `CNAME`, a `.git/`
//! checkout, a file put there by hand). A folder without the marker is
//! refused unless it is empty or `--force` is given.

use std::collections::HashSet;
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::{Error, Result};

/// The marker in every output zhpress makes: a short note, then the files
/// the build made, one path a line. Hidden, so static hosts that skip dot
/// files do not publish it.
pub const MARKER: &str = ".zhpress-output";

const MARKER_HEAD: &str = "# Made by `zhpress build`. The next build replaces the files listed below\n# and keeps every other file in this folder.\n";

/// The folders of a site that an output must never be inside.
const SITE_FOLDERS: &[&str] = &["content", "themes", "templates", "static", ".git"];

/// An output folder a build may write, checked.
#[derive(Debug, Clone)]
pub struct Target {
    /// Absolute, with symbolic links resolved: the swap acts on the real folder.
    pub dir: PathBuf,
    /// As the user wrote it, for messages.
    pub shown: PathBuf,
    /// `--force`: build into a folder zhpress did not make, and replace the
    /// files of someone else's that the site now makes.
    pub force: bool,
}

/// What an existing output folder is.
#[derive(Debug)]
pub enum State {
    /// Absent or empty.
    Fresh,
    /// Made by zhpress: the files its marker lists.
    Ours(HashSet<String>),
    /// Not made by zhpress, and not empty: every file in it is someone else's.
    Foreign,
}

impl Target {
    /// Refuses an output that would replace or swallow the site, the folder
    /// the command runs in, or a file; and a folder zhpress did not make,
    /// unless `force`. Every refusal is a usage error (exit 2).
    pub fn check(root: &Path, output: &Path, force: bool) -> Result<Target> {
        if output.as_os_str().is_empty() {
            return Err(Error::usage(
                crate::t!("write-output-empty"),
                crate::t!("write-output-empty-hint"),
            ));
        }
        let dir = resolve(output).map_err(|e| Error::io(output, e))?;
        let site = resolve(root).map_err(|e| Error::io(root, e))?;
        let shown = output.to_path_buf();
        let out = shown.display().to_string();
        let site_shown = root.display().to_string();
        let elsewhere = crate::t!("write-output-elsewhere", default = &root.join("output"));
        if dir == site {
            return Err(Error::usage(
                crate::t!("write-output-is-site", output = &out, root = &site_shown),
                elsewhere,
            ));
        }
        if site.starts_with(&dir) {
            return Err(Error::usage(
                crate::t!(
                    "write-output-holds-site",
                    output = &out,
                    root = &site_shown,
                    site = &site
                ),
                elsewhere,
            ));
        }
        if let Some(sub) = SITE_FOLDERS.iter().find(|s| dir.starts_with(site.join(s))) {
            return Err(Error::usage(
                crate::t!(
                    "write-output-in-site-folder",
                    output = &out,
                    folder = *sub,
                    root = &site_shown,
                    path = &site.join(sub)
                ),
                elsewhere,
            ));
        }
        if let Ok(cwd) = std::env::current_dir().and_then(|d| d.canonicalize()) {
            if cwd.starts_with(&dir) {
                return Err(Error::usage(
                    crate::t!("write-output-holds-cwd", output = &out, cwd = &cwd),
                    elsewhere,
                ));
            }
        }
        if dir.exists() && !dir.is_dir() {
            return Err(Error::usage(
                crate::t!("write-output-is-file", output = &out),
                crate::t!("write-output-is-file-hint"),
            ));
        }
        let target = Target { dir, shown, force };
        if let State::Foreign = target.state()? {
            target.refuse_foreign()?;
        }
        Ok(target)
    }

    /// What the folder holds now.
    pub fn state(&self) -> Result<State> {
        let marker = self.dir.join(MARKER);
        match std::fs::read_to_string(&marker) {
            Ok(text) => return Ok(State::Ours(read_manifest(&text))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&marker, e)),
        }
        match std::fs::read_dir(&self.dir).map(|mut entries| entries.next().is_some()) {
            Ok(true) => Ok(State::Foreign),
            Ok(false) => Ok(State::Fresh),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(State::Fresh),
            Err(e) => Err(Error::io(&self.dir, e)),
        }
    }

    /// A folder of someone else's files: an error unless `--force`.
    pub fn refuse_foreign(&self) -> Result<()> {
        if self.force {
            return Ok(());
        }
        let mut names: Vec<String> = std::fs::read_dir(&self.dir)
            .map(|rd| {
                rd.flatten()
                    .map(|e| {
                        let dir = e.file_type().is_ok_and(|t| t.is_dir());
                        format!(
                            "{}{}",
                            e.file_name().to_string_lossy(),
                            if dir { "/" } else { "" }
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let listed = super::first_few(&mut names, 6);
        Err(Error::usage(
            crate::t!(
                "write-output-foreign",
                output = &self.shown,
                files = listed,
                marker = MARKER
            ),
            crate::t!("write-output-foreign-hint"),
        ))
    }
}

/// The marker for a site made of `paths`, sorted so that the same site
/// gives the same bytes.
pub fn manifest(paths: &mut [String]) -> Vec<u8> {
    paths.sort_unstable();
    let mut out =
        String::with_capacity(MARKER_HEAD.len() + paths.iter().map(|p| p.len() + 1).sum::<usize>());
    out.push_str(MARKER_HEAD);
    for p in paths.iter() {
        out.push_str(p);
        out.push('\n');
    }
    out.into_bytes()
}

fn read_manifest(text: &str) -> HashSet<String> {
    text.lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// An absolute path with every symbolic link resolved, for a path that may
/// not exist yet: its longest existing ancestor is resolved by the system,
/// the rest is appended (with `..` taken lexically).
pub fn resolve(p: &Path) -> std::io::Result<PathBuf> {
    let abs = std::path::absolute(p)?;
    let mut existing = abs.as_path();
    let mut rest: Vec<Component<'_>> = Vec::new();
    loop {
        if let Ok(real) = existing.canonicalize() {
            let mut out = real;
            for c in rest.iter().rev() {
                match c {
                    Component::ParentDir => {
                        out.pop();
                    }
                    Component::CurDir => {}
                    other => out.push(other.as_os_str()),
                }
            }
            return Ok(out);
        }
        match (existing.parent(), existing.components().next_back()) {
            (Some(parent), Some(last)) => {
                rest.push(last);
                existing = parent;
            }
            _ => return Ok(abs),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifest_round_trips_sorted() {
        let mut paths = vec!["zh-hant/index.html".to_string(), "index.html".into()];
        let bytes = manifest(&mut paths);
        let text = String::from_utf8(bytes).unwrap();
        assert!(text.ends_with("index.html\nzh-hant/index.html\n"), "{text}");
        let back = read_manifest(&text);
        assert_eq!(back.len(), 2);
        assert!(back.contains("zh-hant/index.html"));
    }

    #[test]
    fn resolves_paths_that_do_not_exist_yet() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().canonicalize().unwrap();
        assert_eq!(
            resolve(&dir.path().join("a/b/../c")).unwrap(),
            real.join("a/c")
        );
        std::os::unix::fs::symlink(&real, real.join("link")).unwrap();
        assert_eq!(resolve(&real.join("link/new")).unwrap(), real.join("new"));
    }
}
