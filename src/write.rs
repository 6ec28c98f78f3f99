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

use std::collections::HashSet;
use std::ffi::OsString;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Instant;

use rayon::prelude::*;

use crate::diagnostic::{Error, Result};
use crate::render::Output;

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
    out_dir: PathBuf,
    staging: PathBuf,
    /// The site being replaced, when there is one to link unchanged files from.
    previous: Option<PathBuf>,
    /// Folders already made in the staging folder.
    dirs: Mutex<HashSet<PathBuf>>,
    files: AtomicUsize,
    written: AtomicUsize,
    busy_ns: AtomicU64,
    finished: bool,
}

impl SiteWriter {
    /// Starts a new site for `out_dir`: removes what killed builds left, and
    /// makes an empty staging folder beside it.
    pub fn begin(out_dir: &Path) -> Result<SiteWriter> {
        let parent = match out_dir.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        let name = out_dir
            .file_name()
            .map(|n| n.to_os_string())
            .unwrap_or_else(|| OsString::from("output"));
        remove_leftovers(&parent, &name);
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
            out_dir: out_dir.to_path_buf(),
            previous: out_dir.is_dir().then(|| out_dir.to_path_buf()),
            staging,
            dirs: Mutex::new(dirs),
            files: AtomicUsize::new(0),
            written: AtomicUsize::new(0),
            busy_ns: AtomicU64::new(0),
            finished: false,
        })
    }

    /// Adds one file (its path relative to the site's root, `/`-separated).
    pub fn put(&self, file: &Output) -> Result<()> {
        let started = Instant::now();
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
            std::fs::write(&path, &file.bytes).map_err(|e| Error::io(&path, e))?;
            self.written.fetch_add(1, Ordering::Relaxed);
        }
        self.files.fetch_add(1, Ordering::Relaxed);
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

    /// Swaps the new site in for the old one, and removes the old one.
    pub fn finish(mut self) -> Result<WriteStats> {
        self.finished = true;
        let result = swap(&self.staging, &self.out_dir);
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
}

impl Drop for SiteWriter {
    /// A build that failed half-way leaves the old site as it was.
    fn drop(&mut self) {
        if !self.finished {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
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
            std::io::Error::other("the output path exists and is not a folder"),
        ));
    }
    if exchange(staging, out_dir).is_err() {
        // No atomic exchange on this system: move the old site aside first.
        let old = staging.with_extension("old");
        std::fs::rename(out_dir, &old).map_err(|e| Error::io(out_dir, e))?;
        std::fs::rename(staging, out_dir).map_err(|e| Error::io(out_dir, e))?;
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
fn remove_leftovers(parent: &Path, name: &OsString) {
    let prefix = format!(".{}.staging-", name.to_string_lossy());
    let Ok(rd) = std::fs::read_dir(parent) else {
        return;
    };
    for e in rd.filter_map(|e| e.ok()) {
        let n = e.file_name().to_string_lossy().into_owned();
        if let Some(pid) = n.strip_prefix(&prefix) {
            let pid = pid.trim_end_matches(".old");
            if pid.parse::<u32>().map_or(true, |p| {
                p == std::process::id() || !Path::new(&format!("/proc/{}", p)).exists()
            }) {
                let _ = std::fs::remove_dir_all(e.path());
            }
        }
    }
}
