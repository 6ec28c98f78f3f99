//! The site as the dev server holds it: files in memory, looked up by URL path.
//!
//! Nothing is read from disk to answer a request, so nothing outside the built
//! site can be served: a path either names a file of the site or it does not.

/// One build's files, by path relative to the site root (`zh-hant/index.html`).
#[derive(Debug, Clone, Default)]
pub struct SiteFiles {
    pub files: crate::incremental::Files,
    /// Increases with every successful build; pages carry the one they came from.
    pub generation: u64,
    /// While a rebuild that has published its first files goes on: the files
    /// it may still rewrite, which requests wait for.
    pub unfinished: Option<Unfinished>,
}

/// A rebuild under way, as requests see it.
#[derive(Debug, Clone)]
pub struct Unfinished {
    /// The files it may still rewrite.
    pub pending: crate::incremental::Pending,
    /// Those of them made so far, final.
    pub ready: std::sync::Arc<std::sync::RwLock<std::collections::HashMap<String, bytes::Bytes>>>,
    /// Changes with each file made, and when the rebuild's last files are in
    /// place (then `SiteFiles` has no `unfinished` any more).
    pub progress: tokio::sync::watch::Receiver<u64>,
}

/// What a request path leads to.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    /// A file of the site: its key.
    File(String),
    /// A folder asked for without its slash: redirect to this path.
    Redirect(String),
    /// Outside the base path, or no such file: the site's 404 page.
    NotFound,
    /// A path no site file could have (`..`, NUL, backslash, bad escapes).
    BadRequest,
}

impl SiteFiles {
    /// Resolves a request path (still percent-encoded) under `base_path` (`/report/`).
    pub fn lookup(&self, raw_path: &str, base_path: &str) -> Lookup {
        let Ok(path) = percent_encoding::percent_decode_str(raw_path).decode_utf8() else {
            return Lookup::BadRequest;
        };
        if path.contains(['\0', '\\']) || path.split('/').any(|seg| seg == ".." || seg == ".") {
            return Lookup::BadRequest;
        }
        if path.len() + 1 == base_path.len() && base_path.starts_with(&*path) {
            return Lookup::Redirect(base_path.to_string());
        }
        let Some(rel) = path.strip_prefix(base_path) else {
            return Lookup::NotFound;
        };
        if rel
            .split('/')
            .any(|seg| seg.starts_with('.') && !seg.is_empty())
        {
            return Lookup::NotFound;
        }
        let key = if rel.is_empty() || rel.ends_with('/') {
            format!("{}index.html", rel)
        } else {
            rel.to_string()
        };
        if self.files.contains_key(&key) {
            Lookup::File(key)
        } else if self.files.contains_key(&format!("{}/index.html", rel)) {
            Lookup::Redirect(format!("{}/", raw_path))
        } else {
            Lookup::NotFound
        }
    }
}

impl SiteFiles {
    /// The 404 page for a missing path: its variant's (`zh-hans/404.html`)
    /// when the path is inside a folder that has one, the root's otherwise.
    pub fn not_found_page(&self, raw_path: &str, base_path: &str) -> Option<String> {
        let path = percent_encoding::percent_decode_str(raw_path)
            .decode_utf8()
            .ok()?;
        let folder = path
            .strip_prefix(base_path)
            .and_then(|rel| rel.split('/').next())
            .filter(|f| !f.is_empty());
        folder
            .map(|f| format!("{}/404.html", f))
            .into_iter()
            .chain(["404.html".to_string()])
            .find(|k| self.files.contains_key(k))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> SiteFiles {
        let mut files = std::collections::BTreeMap::new();
        for k in [
            "index.html",
            "zh-hant/index.html",
            "zh-hant/orgs/a/index.html",
            "style.css",
            "404.html",
            "zh-hant/404.html",
        ] {
            files.insert(k.to_string(), bytes::Bytes::from_static(b"x"));
        }
        SiteFiles {
            files: std::sync::Arc::new(files),
            generation: 1,
            unfinished: None,
        }
    }

    #[test]
    fn serves_files_and_folders_under_the_base_path() {
        let s = site();
        assert_eq!(s.lookup("/r/", "/r/"), Lookup::File("index.html".into()));
        assert_eq!(
            s.lookup("/r/zh-hant/orgs/a/", "/r/"),
            Lookup::File("zh-hant/orgs/a/index.html".into())
        );
        assert_eq!(
            s.lookup("/r/zh-hant/orgs/a", "/r/"),
            Lookup::Redirect("/r/zh-hant/orgs/a/".into())
        );
        assert_eq!(s.lookup("/r", "/r/"), Lookup::Redirect("/r/".into()));
        assert_eq!(
            s.lookup("/r/style.css", "/r/"),
            Lookup::File("style.css".into())
        );
        assert_eq!(s.lookup("/style.css", "/r/"), Lookup::NotFound);
        assert_eq!(s.lookup("/r/nope", "/r/"), Lookup::NotFound);
        assert_eq!(
            s.lookup("/r/%7A%68-hant/", "/r/"),
            Lookup::File("zh-hant/index.html".into())
        );
    }

    #[test]
    fn a_miss_gets_its_variants_404() {
        let s = site();
        assert_eq!(
            s.not_found_page("/r/zh-hant/orgs/nope/", "/r/").as_deref(),
            Some("zh-hant/404.html")
        );
        assert_eq!(
            s.not_found_page("/r/zh-hans/nope", "/r/").as_deref(),
            Some("404.html"),
            "a folder without a 404 page of its own"
        );
        assert_eq!(
            s.not_found_page("/elsewhere", "/r/").as_deref(),
            Some("404.html")
        );
    }

    #[test]
    fn never_leaves_the_site() {
        let s = site();
        for p in [
            "/r/../etc/passwd",
            "/r/%2e%2e/etc/passwd",
            "/r/..%2fetc/passwd",
            "/r/zh-hant/%2E%2E/%2E%2E/x",
            "/r/a\\..\\b",
            "/r/%00",
            "/r/%ff",
            "/r/./index.html",
        ] {
            assert_eq!(s.lookup(p, "/r/"), Lookup::BadRequest, "{p}");
        }
        for p in [
            "/etc/passwd",
            "//etc/passwd",
            "/r//etc/passwd",
            "/r/.git/config",
        ] {
            assert_eq!(s.lookup(p, "/r/"), Lookup::NotFound, "{p}");
        }
    }
}
