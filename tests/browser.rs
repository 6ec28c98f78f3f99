//! The built report as readers get it: in headless Chromium (search in both
//! scripts, the root page's redirect, console errors, axe-core, widths,
//! screenshots), and through the Nu HTML checker.
//!
//! The browser checks are tests/browser/check.mjs (playwright-core driving
//! Debian's /usr/bin/chromium); this file builds the report, runs the script
//! and asserts on the JSON it prints. Screenshots go to tests/artifacts/browser/.
//! When node, the npm packages (`npm ci` in tests/browser), Chromium or Java
//! is missing, a test says `skipped: … is not installed` and passes, unless
//! ZHPRESS_REQUIRE_TOOLS is set (as in .ci/run), where that is a failure.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use common::*;
use serde_json::Value;

fn browser_dir() -> PathBuf {
    Path::new(REPO).join("tests/browser")
}

fn runs(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .output()
        .is_ok_and(|o| o.status.success())
}

fn chromium() -> String {
    std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into())
}

fn vnu_jar() -> Option<PathBuf> {
    let jar = browser_dir().join("node_modules/vnu-jar/build/dist/vnu.jar");
    if !runs("java", "-version") {
        skip("java (Debian package default-jre-headless)");
        None
    } else if !jar.is_file() {
        skip("the npm package vnu-jar (`npm ci` in tests/browser)");
        None
    } else {
        Some(jar)
    }
}

/// The repo's report, built once into a temporary folder.
fn report() -> &'static Path {
    static BUILT: OnceLock<tempfile::TempDir> = OnceLock::new();
    BUILT
        .get_or_init(|| {
            let dir = tempfile::tempdir().expect("tempdir");
            let out = dir.path().join("output");
            assert_ok(&zhpress(
                Path::new(REPO),
                &["build", "--output", out.to_str().unwrap()],
            ));
            dir
        })
        .path()
        .join("output")
        .leak()
}

const NAMES: [(&str, &str); 2] = [
    ("zh-hant", "重慶市軒轅文化研究會"),
    ("zh-hans", "重庆市轩辕文化研究会"),
];

/// Needs no tools: the index is scripts, a small manifest with the folding
/// pairs a query in either script needs, shards of posting lists, and chunks
/// of the documents' text in the variant's script.
#[test]
fn search_index_is_sharded_and_carries_both_scripts() {
    for (variant, name) in NAMES {
        let dir = report().join(variant).join("search");
        let manifest = std::fs::read_to_string(dir.join("index.js")).unwrap();
        assert!(manifest.contains("zhpressSearch.manifest({"), "{variant}");
        assert!(
            manifest.len() < 10_000,
            "{variant}: {} bytes",
            manifest.len()
        );
        // 軒→轩 and 轅→辕 are shipped on both variants: a Traditional query
        // folds to the Simplified keys the index holds.
        assert!(
            manifest.contains("軒轩") && manifest.contains("轅辕"),
            "{variant}"
        );
        let files = |sub: &str| -> Vec<String> {
            std::fs::read_dir(dir.join(sub))
                .unwrap()
                .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
                .collect()
        };
        let (shards, chunks) = (files("i"), files("d"));
        assert!(shards.len() > 1 && chunks.len() > 1, "{variant}: sharded");
        assert!(shards.iter().all(|s| s.starts_with("zhpressSearch.shard(")));
        // One shard holds the folded bigram 轩辕 (the Simplified form, on
        // both variants); the name is in the text in the variant's script.
        assert_eq!(shards.iter().filter(|s| s.contains("\"轩辕\"")).count(), 1);
        assert!(chunks.iter().any(|c| c.contains(name)), "{variant}");
        assert!(chunks
            .iter()
            .any(|c| c.contains("\"orgs/xuanyuan-wenhua-yanjiuhui/index.html\"")));
        // No variant's text in the other's script.
        let other = NAMES.iter().find(|(v, _)| *v != variant).unwrap().1;
        assert!(!chunks.iter().any(|c| c.contains(other)), "{variant}");
    }
}

fn run_check() -> Value {
    let artifacts = Path::new(REPO).join("tests/artifacts/browser");
    let o = Command::new("node")
        .arg("check.mjs")
        .arg("--site")
        .arg(report())
        .arg("--artifacts")
        .arg(&artifacts)
        .current_dir(browser_dir())
        .env("CHROMIUM", chromium())
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "check.mjs failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let line = stdout
        .lines()
        .find_map(|l| l.strip_prefix("RESULT "))
        .unwrap_or_else(|| panic!("no RESULT line:\n{stdout}"));
    serde_json::from_str(line).expect("RESULT is JSON")
}

fn list<'a>(v: &'a Value, key: &str) -> &'a Vec<Value> {
    v[key]
        .as_array()
        .unwrap_or_else(|| panic!("`{key}` missing"))
}

fn text(v: &Value) -> &str {
    v.as_str().unwrap_or("")
}

/// Everything check.mjs looks at, in one browser session (starting Chromium
/// is the slow part).
#[test]
fn the_report_in_a_browser() {
    if !browser_tools(&["playwright-core", "axe-core"]) {
        return;
    }
    let r = run_check();
    assert!(
        list(&r, "errors").is_empty(),
        "steps that failed: {:#}",
        r["errors"]
    );

    // Every page type, over HTTP under the sub-path and from disk: no console
    // errors, no failed requests, the variant's language on <html>.
    let pages = list(&r, "pages");
    for t in [
        "home",
        "org",
        "activities",
        "activity",
        "page",
        "stats",
        "404",
        "root",
    ] {
        assert!(
            pages.iter().any(|p| p["type"] == t),
            "page type {t} was not checked"
        );
    }
    for p in pages {
        assert!(list(p, "problems").is_empty(), "{p:#}");
        let v = text(&p["variant"]);
        if !v.is_empty() {
            assert_eq!(text(&p["lang"]).to_lowercase(), v, "{p:#}");
        }
    }
    assert_eq!(r["missing"]["status"], 404);

    // Search: 轩辕 and 軒轅 (and the two scripts mixed in one query, or with
    // a second term) find the organization on both variants, first.
    for (variant, name) in NAMES {
        for query in ["轩辕", "軒轅", "軒辕", "軒轅 文化"] {
            let runs: Vec<&Value> = list(&r, "search")
                .iter()
                .filter(|s| s["variant"] == variant && s["query"] == query)
                .collect();
            assert_eq!(
                runs.len(),
                4,
                "{variant} {query}: home/activity × file/http"
            );
            for s in runs {
                assert_eq!(text(&s["first"]["title"]), name, "{s:#}");
                assert_eq!(text(&s["landed"]), name, "the link leads to it: {s:#}");
                assert!(!list(&s["first"], "marks").is_empty(), "highlighted: {s:#}");
                assert!(list(s, "problems").is_empty(), "{s:#}");
            }
        }
    }
    // The index loads on first use, not with the page, and then only what a
    // query needs: the manifest on focus, then for 軒轅 the one shard of its
    // key and the text of the results listed.
    let lazy = list(&r, "lazy");
    assert_eq!(lazy.len(), 4, "both variants, from disk and over HTTP");
    for l in lazy {
        assert_eq!(l["before"]["requested"], false, "{l:#}");
        assert_eq!(l["before"]["global"], false, "{l:#}");
        assert_eq!(l["after"]["requested"], true, "{l:#}");
        assert_eq!(
            l["after"]["onFocus"],
            serde_json::json!(["index.js"]),
            "{l:#}"
        );
        let loaded = list(l, "afterQuery");
        let count = |sub: &str| loaded.iter().filter(|u| text(u).starts_with(sub)).count();
        let total = |k: &str| l["total"][k].as_u64().unwrap() as usize;
        // 轩辕 is one key: one shard of the index, of several.
        assert_eq!(count("i/"), 1, "{l:#}");
        assert!(total("shards") > 1, "{l:#}");
        assert!((1..=total("chunks")).contains(&count("d/")), "{l:#}");
    }
    let keyboard = list(&r, "keyboard");
    assert_eq!(keyboard.len(), 4, "both variants, from disk and over HTTP");
    for k in keyboard {
        assert_eq!(
            k["focusedResult"], true,
            "ArrowDown reaches the results: {k:#}"
        );
        // Past the first batch listed: the next one loaded as it came into view.
        let batch = k["firstBatch"].as_u64().unwrap();
        assert!((1..11).contains(&batch), "{k:#}");
        assert_eq!(k["deepest"], batch, "{k:#}");
        assert!(list(k, "problems").is_empty(), "{k:#}");
        assert!(!text(&k["label"]).is_empty(), "the box has a label: {k:#}");
        assert!(NAMES.iter().any(|(_, n)| k["landed"] == *n), "{k:#}");
    }

    // Scrolling the results to their end lists the next batch.
    let scrolled = list(&r, "scrolled");
    assert_eq!(scrolled.len(), 2, "both variants");
    for s in scrolled {
        assert!(s["after"].as_u64() > s["before"].as_u64(), "{s:#}");
        assert!(list(s, "problems").is_empty(), "{s:#}");
    }

    // The root page: a zh-TW browser lands on zh-hant, a zh-CN one on zh-hans.
    for d in list(&r, "redirects") {
        let expected = match text(&d["locale"]) {
            "zh-TW" | "zh-HK" => "zh-hant/index.html",
            "zh-CN" | "zh-SG" => "zh-hans/index.html",
            _ => "index.html",
        };
        assert_eq!(text(&d["landed"]), expected, "{d:#}");
    }
    assert_eq!(
        text(&r["remembered"]["landed"]),
        "zh-hans/index.html",
        "the switcher's choice wins"
    );

    // Without JavaScript: plain links on the root, full pages, no dead search box.
    let no_js = list(&r, "noJs");
    assert_eq!(list(&no_js[0], "links").len(), 2, "{:#}", no_js[0]);
    for p in &no_js[1..] {
        assert_eq!(p["searchVisible"], false, "{p:#}");
        assert!(p["mainText"].as_u64().unwrap_or(0) > 100, "{p:#}");
    }
    assert_eq!(
        no_js.iter().find(|p| p["type"] == "stats").unwrap()["charts"],
        3
    );

    // axe-core: nothing serious or critical; the rest is printed.
    let axe = list(&r, "axe");
    let grave: Vec<&Value> = axe
        .iter()
        .filter(|v| v["impact"] == "serious" || v["impact"] == "critical")
        .collect();
    assert!(grave.is_empty(), "axe-core: {grave:#?}");
    eprintln!(
        "axe-core: {} minor or moderate findings {:#}",
        axe.len(),
        r["axe"]
    );

    // 390 px: nothing wider than the screen; screenshots for a person to look at.
    assert!(list(&r, "overflow").is_empty(), "{:#}", r["overflow"]);
    let shots = list(&r, "screenshots");
    for (variant, _) in NAMES {
        for page in ["home", "org", "activity", "stats"] {
            for width in [390, 1280] {
                let file = format!("{variant}-{page}-{width}.png");
                assert!(shots.iter().any(|s| text(s).ends_with(&file)), "{file}");
            }
        }
    }
    for s in shots {
        assert!(Path::new(text(s)).is_file(), "{s}");
    }
    assert_eq!(
        list(&r["print"], "hidden").len(),
        4,
        "print hides navigation: {:#}",
        r["print"]
    );

    for (variant, _) in NAMES {
        let size = &r["indexSizes"][variant];
        eprintln!("search index {variant}: {size}");
        assert!(
            size["largest"]["raw"].as_u64().unwrap() < 1_000_000,
            "{size}"
        );
    }
}

/// The Nu HTML checker finds no error on any page of the report.
#[test]
fn every_page_is_valid_html() {
    let Some(jar) = vnu_jar() else {
        return;
    };
    let o = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "json", "--skip-non-html"])
        .arg(report())
        .output()
        .expect("run java");
    let json: Value = serde_json::from_slice(&o.stderr).unwrap_or_else(|e| {
        panic!(
            "vnu printed no JSON ({e}):\n{}",
            String::from_utf8_lossy(&o.stderr)
        )
    });
    let errors: Vec<String> = list(&json, "messages")
        .iter()
        .filter(|m| m["type"] == "error" || m["subType"] == "fatal")
        .map(|m| {
            format!(
                "{}:{}: {}",
                text(&m["url"]),
                m["lastLine"],
                text(&m["message"])
            )
        })
        .collect();
    assert!(errors.is_empty(), "vnu:\n{}", errors.join("\n"));
    assert!(o.status.success(), "vnu exited with {:?}", o.status);
    let pages = walkdir::WalkDir::new(report())
        .into_iter()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .count();
    eprintln!("vnu: no errors in {pages} HTML files");
}
