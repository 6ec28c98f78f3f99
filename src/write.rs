//! write: pages onto disk, staged beside the output folder and swapped in whole.
//!
//! A failed or killed build never leaves a half-written site: the new site is
//! written to a staging folder next to `output/`, then exchanged with it in one
//! `renameat2(RENAME_EXCHANGE)` (two renames where that is unavailable), and
//! leftovers of an interrupted build are removed by the next one.

use std::collections::BTreeSet;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{Error, Result};
use crate::render::Output;

/// Writes `files` as the whole content of `out_dir`.
pub fn write_site(out_dir: &Path, files: &[Output]) -> Result<()> {
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
    let result = fill(&staging, files).and_then(|()| swap(&staging, out_dir));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result
}

fn fill(staging: &Path, files: &[Output]) -> Result<()> {
    let _ = std::fs::remove_dir_all(staging);
    std::fs::create_dir_all(staging).map_err(|e| Error::io(staging, e))?;
    let dirs: BTreeSet<&str> = files
        .iter()
        .filter_map(|f| f.path.rsplit_once('/').map(|(d, _)| d))
        .collect();
    for d in dirs {
        let p = staging.join(d);
        std::fs::create_dir_all(&p).map_err(|e| Error::io(&p, e))?;
    }
    files.par_iter().try_for_each(|f| {
        let p = staging.join(&f.path);
        std::fs::write(&p, &f.bytes).map_err(|e| Error::io(&p, e))
    })
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
    let _ = std::fs::remove_dir_all(staging);
    Ok(())
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
