//! write: pages onto disk, staged beside the output folder and swapped in whole.
//!
//! A failed or killed build never leaves a half-written site: the new site is
//! written to a staging folder next to `output/`, then exchanged with it in one
//! `renameat2(RENAME_EXCHANGE)` (two renames where that is unavailable), and
//! leftovers of an interrupted build are removed by the next one.
//!
//! Files arrive one by one as they are rendered ([`SiteWriter::put`], from any
//! thread), so a site is never held in memory whole. A file whose bytes equal
//! the previous build's is not written again: the staging folder gets a hard
//! link to the old file, so its inode and modification time survive the swap
//! and a deploy by rsync or a CDN sync sees only what really changed.
//!
//! What may be replaced is decided first ([`target`]): only a folder zhpress
//! made, an empty one, or one named with `--force`, and never the site. The
//! files in it that zhpress did not make are carried into the new site
//! ([`keep`]). Two builds into the same place take turns (a lock on the
//! folder that holds the output), so their files never mix.

pub mod keep;
pub mod target;

use std::collections::HashSet;
use std::ffi::OsString;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use rayon::prelude::*;

use crate::diagnostic::{Error, Result};
use crate::render::Output;
use keep::Kept;
pub use target::{State, Target, MARKER};

/// What a write did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteStats {
    /// Files in the new site.
    pub files: usize,
    /// Of those, files whose bytes changed or are new.
    pub written: usize,
    /// Time spent in file system calls, summed over threads.
    pub busy: std::time::Duration,
}

/// A new site being written into its staging folder.
pub struct SiteWriter {
    target: Target,
    staging: PathBuf,
    /// The site being replaced, when there is one to link unchanged files from.
    previous: Option<PathBuf>,
    /// Files in the old output that zhpress did not make, being found.
    kept: Option<std::thread::JoinHandle<Result<Kept>>>,
    /// Folders already made in the staging folder.
    dirs: Mutex<HashSet<PathBuf>>,
    /// The site's files, for the marker.
    paths: Mutex<Vec<String>>,
    files: AtomicUsize,
    written: AtomicUsize,
    busy_ns: AtomicU64,
    finished: bool,
    /// Held until the new site is in place: another build into the same
    /// folder waits for it.
    _lock: std::fs::File,
}

impl SiteWriter {
    /// Starts a new site for `target`: waits for any other build into the
    /// same place, removes what killed builds left, takes stock of the files
    /// in the old output that are not zhpress's, and makes an empty staging
    /// folder beside it.
    pub fn begin(target: &Target) -> Result<SiteWriter> {
        let out_dir = &target.dir;
        let parent = match out_dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        let lock = std::fs::File::open(&parent).map_err(|e| Error::io(&parent, e))?;
        lock.lock().map_err(|e| Error::io(&parent, e))?;
        let name = out_dir
            .file_name()
            .map(|n| n.to_os_string())
            .unwrap_or_else(|| OsString::from("output"));
        remove_leftovers(&parent, &name, out_dir);
        // Looked at again under the lock: another build may have made it since.
        let made = match target.state()? {
            State::Fresh => None,
            State::Ours(made) => Some(Some(made)),
            State::Foreign => {
                target.refuse_foreign()?;
                Some(None)
            }
        };
        let previous = made.is_some().then(|| out_dir.clone());
        // Beside the rendering: nothing writes to the old output meanwhile.
        let (old, force) = (out_dir.clone(), target.force);
        let kept = std::thread::spawn(move || match made {
            None => Ok(Kept::none(&old)),
            Some(made) => Kept::inventory(&old, made.as_ref(), force),
        });
        let staging = parent.join(format!(
            ".{}.staging-{}",
            name.to_string_lossy(),
            std::process::id()
        ));
        let _ = std::fs::remove_dir_all(&staging);
        std::fs::create_dir_all(&staging).map_err(|e| Error::io(&staging, e))?;
        let mut dirs = HashSet::new();
        dirs.insert(staging.clone());
        Ok(SiteWriter {
            target: target.clone(),
            previous,
            kept: Some(kept),
            staging,
            dirs: Mutex::new(dirs),
            paths: Mutex::new(Vec::new()),
            files: AtomicUsize::new(0),
            written: AtomicUsize::new(0),
            busy_ns: AtomicU64::new(0),
            finished: false,
            _lock: lock,
        })
    }

    /// Adds one file (its path relative to the site's root, `/`-separated).
    pub fn put(&self, file: &Output) -> Result<()> {
        let started = Instant::now();
        self.files.fetch_add(1, Ordering::Relaxed);
        let path = self.staging.join(&file.path);
        if let Some(dir) = path.parent() {
            self.make_dir(dir)?;
        }
        let unchanged = self
            .previous
            .as_ref()
            .map(|prev| prev.join(&file.path))
            .filter(|old| same_bytes(old, &file.bytes))
            .is_some_and(|old| std::fs::hard_link(&old, &path).is_ok());
        if !unchanged {
            // A new file, never an open of an existing one: a path written
            // twice must not write through a hard link into the old site.
            std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&path)
                .and_then(|mut f| f.write_all(&file.bytes))
                .map_err(|e| Error::io(&path, e))?;
            self.written.fetch_add(1, Ordering::Relaxed);
        }
        self.paths
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .push(file.path.clone());
        self.busy_ns
            .fetch_add(started.elapsed().as_nanos() as u64, Ordering::Relaxed);
        Ok(())
    }

    fn make_dir(&self, dir: &Path) -> Result<()> {
        if self
            .dirs
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .contains(dir)
        {
            return Ok(());
        }
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        let mut dirs = self.dirs.lock().unwrap_or_else(|p| p.into_inner());
        let mut d = Some(dir);
        while let Some(p) = d {
            if !dirs.insert(p.to_path_buf()) {
                break;
            }
            d = p.parent();
        }
        Ok(())
    }

    /// Carries over the files zhpress did not make, marks the new site as
    /// zhpress's, swaps it in for the old one, and removes the old one.
    pub fn finish(mut self) -> Result<WriteStats> {
        self.finished = true;
        let result = self.complete();
        if result.is_err() {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
        result?;
        Ok(WriteStats {
            files: self.files.load(Ordering::Relaxed),
            written: self.written.load(Ordering::Relaxed),
            busy: std::time::Duration::from_nanos(self.busy_ns.load(Ordering::Relaxed)),
        })
    }

    fn complete(&mut self) -> Result<()> {
        let mut kept = match self.kept.take().map(|k| k.join()) {
            Some(Ok(k)) => k?,
            _ => {
                return Err(Error::io(
                    &self.target.dir,
                    std::io::Error::other(crate::t!("write-stock-failed")),
                ))
            }
        };
        let mut paths = std::mem::take(&mut *self.paths.lock().unwrap_or_else(|p| p.into_inner()));
        kept.settle(&mut paths, &self.staging)?;
        kept.refusal(&self.target.shown)?;
        kept.carry(&self.staging)?;
        let marker = self.staging.join(MARKER);
        // Written last: a staging folder with a marker is a whole site.
        std::fs::write(&marker, target::manifest(&mut paths)).map_err(|e| Error::io(&marker, e))?;
        swap(&self.staging, &self.target.dir)
    }
}

impl Drop for SiteWriter {
    /// A build that failed half-way leaves the old site as it was.
    fn drop(&mut self) {
        if !self.finished {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}

/// The first `n` of `names`, sorted, for a message: `a, b, … (12 in all)`.
fn first_few(names: &mut Vec<String>, n: usize) -> String {
    names.sort();
    names.dedup();
    if names.len() > n {
        let list = crate::t!("list-separator");
        crate::t!(
            "write-first-few",
            names = names[..n].join(&list),
            count = names.len()
        )
    } else {
        names.join(&crate::t!("list-separator"))
    }
}

/// Whether the file at `old` holds exactly `bytes` (a regular file, not a link).
fn same_bytes(old: &Path, bytes: &[u8]) -> bool {
    match std::fs::symlink_metadata(old) {
        Ok(m) if m.is_file() && m.len() == bytes.len() as u64 => {}
        _ => return false,
    }
    let mut buf = Vec::with_capacity(bytes.len());
    std::fs::File::open(old).is_ok_and(|mut f| f.read_to_end(&mut buf).is_ok()) && buf == bytes
}

fn swap(staging: &Path, out_dir: &Path) -> Result<()> {
    if !out_dir.exists() {
        return std::fs::rename(staging, out_dir).map_err(|e| Error::io(out_dir, e));
    }
    if !out_dir.is_dir() {
        return Err(Error::io(
            out_dir,
            std::io::Error::other(crate::t!("write-output-not-folder")),
        ));
    }
    if exchange(staging, out_dir).is_err() {
        // No atomic exchange on this system: move the old site aside first.
        let mut old = staging.as_os_str().to_owned();
        old.push(".old");
        let old = PathBuf::from(old);
        std::fs::rename(out_dir, &old).map_err(|e| Error::io(out_dir, e))?;
        if let Err(e) = std::fs::rename(staging, out_dir) {
            let _ = std::fs::rename(&old, out_dir);
            return Err(Error::io(out_dir, e));
        }
        let _ = std::fs::remove_dir_all(&old);
        return Ok(());
    }
    // `staging` now holds the previous site.
    remove_tree(staging);
    Ok(())
}

/// `remove_dir_all`, with the folders of each level removed in parallel: a
/// site is tens of thousands of one-page folders, and unlinking them one by
/// one was a third of a rebuild of 10,000 organizations.
fn remove_tree(dir: &Path) {
    // Never through a link: only what is inside the folder itself.
    if std::fs::symlink_metadata(dir).map_or(true, |m| !m.is_dir()) {
        return;
    }
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut subdirs = Vec::new();
    for e in rd.flatten() {
        match e.file_type() {
            Ok(t) if t.is_dir() => subdirs.push(e.path()),
            _ => {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    subdirs.par_iter().for_each(|d| remove_tree(d));
    let _ = std::fs::remove_dir(dir);
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let ca = std::ffi::CString::new(a.as_os_str().as_bytes())?;
    let cb = std::ffi::CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both are valid NUL-terminated paths; AT_FDCWD resolves them like rename(2).
    let r = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if r == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::other("no atomic exchange"))
}

/// Staging folders of builds that were killed before they could clean up.
///
/// Where the system has no atomic exchange, a build killed between its two
/// renames leaves no `output/` at all, its new site whole in its staging
/// folder (it has the marker) and the old one beside it: the new one is put
/// in place rather than removed, since it also holds the files carried over.
fn remove_leftovers(parent: &Path, name: &OsString, out_dir: &Path) {
    let prefix = format!(".{}.staging-", name.to_string_lossy());
    let Ok(rd) = std::fs::read_dir(parent) else {
        return;
    };
    let mut dead: Vec<PathBuf> = rd
        .filter_map(|e| e.ok())
        .filter(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            n.strip_prefix(&prefix).is_some_and(|pid| {
                pid.trim_end_matches(".old")
                    .parse::<u32>()
                    .map_or(true, |p| {
                        p == std::process::id() || !Path::new(&format!("/proc/{}", p)).exists()
                    })
            })
        })
        .map(|e| e.path())
        .collect();
    dead.sort();
    if !out_dir.exists() {
        if let Some(whole) = dead
            .iter()
            .find(|d| d.extension().is_none_or(|x| x != "old") && d.join(MARKER).is_file())
        {
            let _ = std::fs::rename(whole, out_dir);
        }
    }
    for d in dead.iter().filter(|d| d.exists()) {
        remove_tree(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pid no process has: above the kernel's largest.
    const DEAD: u32 = 4_194_304 + 1;

    #[test]
    fn a_whole_site_left_between_two_renames_is_put_back() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        let whole = dir.path().join(format!(".output.staging-{DEAD}"));
        let old = dir.path().join(format!(".output.staging-{DEAD}.old"));
        for d in [&whole, &old] {
            std::fs::create_dir(d).unwrap();
            std::fs::write(d.join(MARKER), "").unwrap();
        }
        std::fs::write(whole.join("CNAME"), "kept\n").unwrap();
        remove_leftovers(dir.path(), &OsString::from("output"), &out);
        assert_eq!(
            std::fs::read_to_string(out.join("CNAME")).unwrap(),
            "kept\n"
        );
        assert!(!whole.exists() && !old.exists());
    }

    #[test]
    fn half_written_staging_folders_are_removed_and_the_output_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("output");
        std::fs::create_dir(&out).unwrap();
        std::fs::write(out.join("index.html"), "old").unwrap();
        let half = dir.path().join(format!(".output.staging-{DEAD}"));
        std::fs::create_dir(&half).unwrap();
        remove_leftovers(dir.path(), &OsString::from("output"), &out);
        assert!(!half.exists());
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "old"
        );
    }

    #[test]
    fn someone_elses_files_are_seen_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path();
        std::fs::create_dir_all(old.join("zh-hant/orgs/a")).unwrap();
        std::fs::write(old.join("zh-hant/orgs/a/index.html"), "page").unwrap();
        std::fs::write(old.join("zh-hant/notes.txt"), "mine").unwrap();
        std::fs::write(old.join("CNAME"), "x.example").unwrap();
        std::fs::write(old.join("_headers"), "mine").unwrap();
        std::fs::create_dir_all(old.join(".git/refs")).unwrap();
        let made: HashSet<String> = ["zh-hant/orgs/a/index.html".to_string()].into();
        // The new site: its page again, the same CNAME, a different _headers,
        // a file inside the user's notes.txt, and a file where .git/ is.
        let site = [
            ("zh-hant/orgs/a/index.html", "new page"),
            ("CNAME", "x.example"),
            ("_headers", "the site's"),
            ("zh-hant/notes.txt/x", ""),
            (".git", ""),
        ];
        let staging = tempfile::tempdir().unwrap();
        for (p, bytes) in site {
            let path = staging.path().join(p);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            if !path.exists() {
                std::fs::write(path, bytes).unwrap();
            }
        }
        let mut paths: Vec<String> = site.iter().map(|(p, _)| p.to_string()).collect();
        let mut kept = Kept::inventory(old, Some(&made), false).unwrap();
        kept.settle(&mut paths, staging.path()).unwrap();
        assert!(
            !paths.contains(&"CNAME".to_string()),
            "an identical CNAME stays the user's"
        );
        let err = kept.refusal(Path::new("out")).unwrap_err().to_string();
        for n in [
            "_headers",
            ".git/",
            "zh-hant/notes.txt (the site makes a folder",
        ] {
            assert!(err.contains(n), "{n}: {err}");
        }
        assert!(!err.contains("CNAME") && !err.contains("orgs/a"), "{err}");
        // With --force the site's replace theirs; the rest is carried over.
        let staging = tempfile::tempdir().unwrap();
        std::fs::write(staging.path().join("_headers"), "the site's").unwrap();
        let mut paths = vec!["_headers".to_string()];
        let mut kept = Kept::inventory(old, Some(&made), true).unwrap();
        kept.settle(&mut paths, staging.path()).unwrap();
        kept.refusal(Path::new("out")).unwrap();
        kept.carry(staging.path()).unwrap();
        let read = |p: &str| std::fs::read_to_string(staging.path().join(p)).unwrap();
        assert_eq!(read("_headers"), "the site's");
        assert_eq!(read("zh-hant/notes.txt"), "mine");
        assert_eq!(read("CNAME"), "x.example");
        assert!(staging.path().join(".git/refs").is_dir());
        assert!(!staging.path().join("zh-hant/orgs/a/index.html").exists());
    }
}
