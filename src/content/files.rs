//! Reading the site's own files safely.
//!
//! A build reads regular files only: opening a named pipe would wait for a
//! writer for ever, and a device or socket is nobody's content. A symbolic
//! link is followed only to a place inside the site (or inside the theme's
//! own folder), so a link in static/ to a folder of private files can never
//! publish them; a link that leads nowhere or back to itself is an error.

use std::io::Read;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use crate::diagnostic::Diagnostic;

/// What a thing that is neither a file nor a folder is, in an editor's words.
pub fn special_kind(t: std::fs::FileType) -> Option<String> {
    if t.is_fifo() {
        Some(crate::t!("files-fifo"))
    } else if t.is_socket() {
        Some(crate::t!("files-socket"))
    } else if t.is_block_device() || t.is_char_device() {
        Some(crate::t!("files-device"))
    } else {
        None
    }
}

/// The error for a special file found where a file is expected.
pub fn special(rel: &Path, kind: &str) -> Diagnostic {
    Diagnostic::file(rel, crate::t!("files-special", kind = kind))
        .with_hint(crate::t!("files-special-hint"))
}

/// The whole of a regular file. Anything else is refused without waiting:
/// the file is opened without blocking, so a named pipe cannot hang the build.
pub fn read(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut f = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)?;
    let meta = f.metadata()?;
    if !meta.is_file() {
        let what = if meta.is_dir() {
            crate::t!("files-folder")
        } else {
            special_kind(meta.file_type()).unwrap_or_else(|| crate::t!("files-not-regular"))
        };
        return Err(std::io::Error::other(crate::t!("files-it-is", what = what)));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    f.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Where a symbolic link leads, when it may be followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    File(PathBuf),
    Folder(PathBuf),
}

/// Follows the link at `path` (`rel` for messages) if it leads to a file or
/// folder inside one of `allowed` (canonical folders).
pub fn follow(path: &Path, rel: &Path, allowed: &[PathBuf]) -> Result<Link, Diagnostic> {
    let target = match path.canonicalize() {
        Ok(t) => t,
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => {
            return Err(Diagnostic::file(rel, crate::t!("files-link-loop"))
                .with_hint(crate::t!("files-link-loop-hint")));
        }
        Err(_) => {
            let message = match std::fs::read_link(path) {
                Ok(to) => crate::t!("files-link-dangling", target = &to),
                Err(_) => crate::t!("files-link-dangling-unknown"),
            };
            return Err(
                Diagnostic::file(rel, message).with_hint(crate::t!("files-link-dangling-hint"))
            );
        }
    };
    if !allowed.iter().any(|a| target.starts_with(a)) {
        return Err(
            Diagnostic::file(rel, crate::t!("files-link-outside", target = &target))
                .with_hint(crate::t!("files-link-outside-hint")),
        );
    }
    match std::fs::metadata(&target) {
        Ok(m) if m.is_file() => Ok(Link::File(target)),
        Ok(m) if m.is_dir() => Ok(Link::Folder(target)),
        Ok(m) => Err(special(
            rel,
            &special_kind(m.file_type()).unwrap_or_else(|| crate::t!("files-not-regular")),
        )),
        Err(e) => Err(Diagnostic::file(
            rel,
            crate::t!("files-cannot-read", error = e.to_string()),
        )),
    }
}

/// Editors' temporary and backup files: never content, never published.
/// (`4913` is the file vim makes to test that a folder is writable;
/// `___jb_tmp___` and `___jb_old___` are JetBrains' safe-write files.)
pub fn is_backup(name: &str) -> bool {
    name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swo")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        || name == "4913"
        || (name.starts_with('#') && name.ends_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fifo_is_refused_without_waiting() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.md");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
        let e = read(&fifo).unwrap_err();
        assert!(e.to_string().contains("named pipe"), "{e}");
        assert!(read(dir.path()).unwrap_err().to_string().contains("folder"));
    }

    #[test]
    fn links_inside_only() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let site = root.join("site");
        std::fs::create_dir(&site).unwrap();
        std::fs::write(root.join("secret"), "x").unwrap();
        std::fs::write(site.join("a.md"), "x").unwrap();
        let link = |name: &str, to: &str| {
            std::os::unix::fs::symlink(to, site.join(name)).unwrap();
            follow(
                &site.join(name),
                Path::new(name),
                std::slice::from_ref(&site),
            )
        };
        assert!(matches!(link("in", "a.md"), Ok(Link::File(p)) if p == site.join("a.md")));
        assert!(link("out", "../secret")
            .unwrap_err()
            .message
            .contains("outside the site"));
        assert!(link("gone", "nope")
            .unwrap_err()
            .message
            .contains("does not exist"));
        std::os::unix::fs::symlink("loop2", site.join("loop1")).unwrap();
        assert!(link("loop2", "loop1").unwrap_err().message.contains("loop"));
    }
}
