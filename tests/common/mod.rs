//! Helpers for end-to-end tests: real sites in temporary folders, built by the real binary.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const REPO: &str = env!("CARGO_MANIFEST_DIR");

/// A site in a temporary folder, with the repo's default theme.
pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    /// A site with `site_toml` and the default theme, and no entries yet.
    pub fn new(site_toml: &str) -> Site {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("site.toml"), site_toml).unwrap();
        std::fs::create_dir_all(dir.path().join("content/orgs")).unwrap();
        copy_dir(
            &Path::new(REPO).join("themes/default"),
            &dir.path().join("themes/default"),
        );
        Site { dir }
    }

    /// A Traditional-source site with two variants and a few activity types.
    pub fn traditional() -> Site {
        Site::new(&site_toml("zh-Hant", "https://example.org/report"))
    }

    pub fn simplified() -> Site {
        Site::new(&site_toml("zh-Hans", "https://example.org/report"))
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: impl AsRef<[u8]>) -> &Site {
        let p = self.root().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
        self
    }

    pub fn org(&self, slug: &str, text: &str) -> &Site {
        self.write(&format!("content/orgs/{}.md", slug), text)
    }

    pub fn build(&self, args: &[&str]) -> Output {
        zhpress(self.root(), &[&["build"], args].concat())
    }

    pub fn out(&self) -> PathBuf {
        self.root().join("output")
    }

    pub fn read(&self, rel: &str) -> String {
        let p = self.out().join(rel);
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {}", p.display(), e))
    }

    pub fn json(&self, rel: &str) -> serde_json::Value {
        serde_json::from_str(&self.read(rel)).unwrap()
    }
}

pub fn site_toml(source: &str, base_url: &str) -> String {
    let text = format!(
        r#"title = "抗疫紀實"
base_url = "{base_url}"
source = "{source}"
theme = "default"

[[variants]]
code = "zh-Hant"
path = "zh-hant"
label = "繁體"

[[variants]]
code = "zh-Hans"
path = "zh-hans"
label = "简体"

[[activity_types]]
key = "donation"
name = "捐款捐物"

[[activity_types]]
key = "volunteering"
name = "志願服務"

[[activity_types]]
key = "research"
name = "調研建言"
"#
    );
    // The settings' text is written in the source script, like the content.
    if source == "zh-Hans" {
        text.replace("抗疫紀實", "抗疫纪实")
            .replace("志願服務", "志愿服务")
            .replace("調研建言", "调研建言")
    } else {
        text
    }
}

/// A minimal valid entry.
pub fn entry(name: &str, kind: &str, extra: &str, body: &str) -> String {
    format!("+++\nname = \"{name}\"\n\n[[activities]]\ntype = \"{kind}\"\nsummary = \"活動概述\"\n{extra}\n+++\n{body}\n")
}

pub fn zhpress(root: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_zhpress"))
        // Messages in English, whatever the machine's locale (tests/languages.rs
        // tries the others).
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C")
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .expect("run zhpress")
}

/// The languages the message tests run in: Simplified, Traditional, English.
pub const LANGS: [&str; 3] = ["zh_CN.UTF-8", "zh_TW.UTF-8", "C"];

/// `zhpress` under `LANG=lang`, with no other locale variable.
pub fn zhpress_in(lang: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_zhpress"));
    for v in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
        c.env_remove(v);
    }
    c.env("LANG", lang);
    c
}

/// `zhpress --root <root> args…` under `LANG=lang`.
pub fn zhpress_root_in(root: &Path, lang: &str, args: &[&str]) -> Output {
    zhpress_in(lang)
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .expect("run zhpress")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn assert_ok(o: &Output) {
    assert!(
        o.status.success(),
        "zhpress failed ({:?}):\n{}\n{}",
        o.status.code(),
        String::from_utf8_lossy(&o.stdout),
        stderr(o)
    );
}

/// Every entry under `dir` (not `dir` itself), by path relative to it, sorted.
fn entries(dir: &Path) -> Vec<(String, walkdir::DirEntry)> {
    if !dir.exists() {
        return Vec::new();
    }
    walkdir::WalkDir::new(dir)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .map(|e| {
            let e = e.unwrap();
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, e)
        })
        .collect()
}

/// Every file under `dir`, relative path → bytes.
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    entries(dir)
        .into_iter()
        .filter(|(_, e)| e.file_type().is_file())
        .map(|(rel, e)| (rel, std::fs::read(e.path()).unwrap()))
        .collect()
}

/// Everything under `dir`: files with their bytes, symbolic links with their
/// targets, folders (so an emptied folder counts as a change).
pub fn tree(dir: &Path) -> BTreeMap<String, String> {
    entries(dir)
        .into_iter()
        .map(|(rel, e)| {
            let t = e.file_type();
            let what = if t.is_symlink() {
                format!("link → {}", std::fs::read_link(e.path()).unwrap().display())
            } else if t.is_dir() {
                "folder".to_string()
            } else {
                format!("{:?}", std::fs::read(e.path()).unwrap())
            };
            (rel, what)
        })
        .collect()
}

/// The staging folders builds left in `dir` (none, once a build has finished).
pub fn staging_leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging"))
        .collect()
}

pub fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}

/// Says plainly that a test cannot run because `what` is not installed; a
/// failure instead when ZHPRESS_REQUIRE_TOOLS is set (as in .ci/run).
pub fn skip(what: &str) {
    let msg = format!("skipped: {what} is not installed");
    assert!(
        std::env::var_os("ZHPRESS_REQUIRE_TOOLS").is_none(),
        "{msg}, and ZHPRESS_REQUIRE_TOOLS is set"
    );
    eprintln!("{msg}");
}

/// Node, the npm `packages` in tests/browser/node_modules and Chromium; or a
/// plain skip naming the first one missing (a failure in CI), and `false`.
pub fn browser_tools(packages: &[&str]) -> bool {
    let modules = Path::new(REPO).join("tests/browser/node_modules");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let missing = if Command::new("node").arg("--version").output().is_err() {
        "node".to_string()
    } else if let Some(p) = packages.iter().find(|p| !modules.join(p).is_dir()) {
        format!("the npm package {p} (`npm ci` in tests/browser)")
    } else if !Path::new(&chromium).exists() {
        "chromium".to_string()
    } else {
        return true;
    };
    skip(&missing);
    false
}
