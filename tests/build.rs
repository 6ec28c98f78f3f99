//! End-to-end: `zhpress build` on real sites in temporary folders, checked as a
//! reader sees them (HTML in both scripts, data.json) and as an editor sees
//! them (error text, exit codes, the previous output left alone).

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use common::*;

/// The repo's own site: every organization of the report has a page in both
/// variants, and each activity page lists exactly the organizations that did it.
#[test]
fn the_report_builds_in_both_scripts() {
    let out = tempfile::tempdir().unwrap();
    let o = zhpress(
        Path::new(REPO),
        &["build", "--output", out.path().to_str().unwrap()],
    );
    assert_ok(&o);
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains("zh-hant") && stdout.contains("zh-hans") && stdout.contains(" ms"),
        "{stdout}"
    );

    let slugs: BTreeSet<String> = std::fs::read_dir(Path::new(REPO).join("content/orgs"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md") && n.matches('.').count() == 1)
        .map(|n| n.trim_end_matches(".md").to_string())
        .collect();
    assert!(
        slugs.len() >= 40,
        "the report names about 45 organizations, found {}",
        slugs.len()
    );
    for v in ["zh-hant", "zh-hans"] {
        for s in &slugs {
            assert!(
                out.path()
                    .join(v)
                    .join("orgs")
                    .join(s)
                    .join("index.html")
                    .is_file(),
                "{v}/orgs/{s}"
            );
        }
        let data: serde_json::Value =
            serde_json::from_slice(&std::fs::read(out.path().join(v).join("data.json")).unwrap())
                .unwrap();
        let orgs = data["organizations"].as_array().unwrap();
        assert_eq!(orgs.len(), slugs.len());
        // Which organizations did each type, according to the data...
        let mut by_type: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for org in orgs {
            for a in org["activities"].as_array().unwrap() {
                by_type
                    .entry(a["type"].as_str().unwrap().into())
                    .or_default()
                    .insert(org["slug"].as_str().unwrap().into());
            }
        }
        // ...is exactly which organizations each activity page links to.
        for (kind, expected) in &by_type {
            let html = std::fs::read_to_string(
                out.path()
                    .join(v)
                    .join("activities")
                    .join(kind)
                    .join("index.html"),
            )
            .unwrap();
            let linked: BTreeSet<String> = html
                .split("href=\"../../orgs/")
                .skip(1)
                .map(|s| s.split('/').next().unwrap().to_string())
                .collect();
            assert_eq!(&linked, expected, "{v}/activities/{kind}");
        }
    }
    // The report's own slips are corrected in the content, and 鮮于 is kept.
    let hant = std::fs::read_to_string(
        out.path()
            .join("zh-hant/orgs/kongzi-ruxue-yanjiuhui/index.html"),
    )
    .unwrap();
    assert!(hant.contains("鮮于煌"));
    let hans = std::fs::read_to_string(
        out.path()
            .join("zh-hans/orgs/kongzi-ruxue-yanjiuhui/index.html"),
    )
    .unwrap();
    assert!(
        hans.contains("鲜于煌"),
        "the surname 鮮于 must not become 鲜於/鲜于 wrongly"
    );
}

/// A Simplified source gets phrase-level conversion on the Traditional pages,
/// while code, link targets and `-{…}-` stay as written.
#[test]
fn phrase_level_conversion_of_a_simplified_source() {
    let site = Site::simplified();
    site.org(
        "shequ",
        "+++\nname = \"社区干部协会\"\nsummary = \"疫情发生后组织社区干部\"\n\n[[activities]]\ntype = \"volunteering\"\nsummary = \"剪了头发，买了一只口罩，**疫情发**生后\"\n+++\n疫情发生后，社区干部并且理了头发。\n\n代码 `发生后` 与[链接](https://example.org/发生后/头发) 和 -{发生后}- 以及 -{zh-Hans:鲜于;zh-Hant:鮮于}-。\n\n```\n社区干部\n```\n",
    );
    assert_ok(&site.build(&[]));
    let hant = site.read("zh-hant/orgs/shequ/index.html");
    for expected in [
        "疫情發生後",
        "社區幹部",
        "頭髮",
        "一隻",
        "<strong>疫情發</strong>生後",
        "並且",
        "鮮于",
    ] {
        assert!(hant.contains(expected), "missing {expected} in\n{hant}");
    }
    assert!(
        hant.contains("<code>发生后</code>"),
        "code spans are not converted"
    );
    assert!(
        hant.contains("<pre><code>社区干部\n</code></pre>"),
        "code blocks are not converted"
    );
    assert!(
        hant.contains("https://example.org/发生后/头发")
            || hant.contains("https://example.org/%E5%8F%91%E7%94%9F%E5%90%8E/%E5%A4%B4%E5%8F%91"),
        "link targets are not converted"
    );
    assert!(
        hant.contains("以及 鮮于") && hant.contains("和 发生后 以及"),
        "-{{…}}- kept as written:\n{hant}"
    );
    assert!(hant.contains("<html lang=\"zh-Hant\">"));
    assert!(hant.contains("<title>社區幹部協會"));
    let hans = site.read("zh-hans/orgs/shequ/index.html");
    assert!(hans.contains("疫情发生后，社区干部并且理了头发") && hans.contains("以及 鲜于"));
    // data.json carries the converted text too.
    let data = site.json("zh-hant/data.json");
    assert_eq!(data["organizations"][0]["name"], "社區幹部協會");
    assert_eq!(
        data["organizations"][0]["activities"][0]["summary"],
        "剪了頭髮，買了一隻口罩，疫情發生後"
    );
}

/// Money is summed exactly to the fen.
#[test]
fn totals_are_exact() {
    let site = Site::traditional();
    site.org("a", &entry("甲會", "donation", "amount_yuan = 16680", ""));
    site.org(
        "b",
        &entry("乙會", "donation", "amount_yuan = 41379.99", ""),
    );
    site.org("c", &entry("丙會", "research", "amount_yuan = 0.01", ""));
    assert_ok(&site.build(&[]));
    for v in ["zh-hant", "zh-hans"] {
        let data = site.json(&format!("{v}/data.json"));
        assert_eq!(data["totals"]["amount_yuan"], "58060.00");
        assert_eq!(data["totals"]["organizations"], 3);
        assert_eq!(data["totals"]["activities"], 3);
        assert_eq!(
            data["totals"]["by_type"]["donation"]["amount_yuan"],
            "58059.99"
        );
        assert_eq!(data["totals"]["by_type"]["donation"]["organizations"], 2);
        assert_eq!(data["totals"]["by_type"]["research"]["amount_yuan"], "0.01");
        assert_eq!(
            data["organizations"][1]["activities"][0]["amount_yuan"],
            "41379.99"
        );
    }
    let home = site.read("zh-hans/index.html");
    assert!(home.contains("value=\"58060.00\""), "{home}");
}

/// A broken entry fails with exit 1, names file, line and field, suggests the
/// fix, and leaves the previous output byte for byte as it was.
#[test]
fn broken_entries_fail_clearly_and_keep_the_old_site() {
    let site = Site::traditional();
    site.org(
        "good",
        &entry("好會", "donation", "amount_yuan = 100", "正文"),
    );
    assert_ok(&site.build(&[]));
    let before = snapshot(&site.out());
    assert!(!before.is_empty());

    let cases: &[(&str, &str, &[&str])] = &[
        // bad TOML
        ("+++\nname = 重慶\n[[activities]]\ntype = \"donation\"\nsummary = \"x\"\n+++\n", "content/orgs/bad.md:2:", &["TOML"]),
        // unknown activity type, with the nearest one suggested
        ("+++\nname = \"甲\"\n\n[[activities]]\ntype = \"donaton\"\nsummary = \"x\"\n+++\n", "content/orgs/bad.md:5:8", &["activities[1].type", "unknown activity type `donaton`", "did you mean `donation`?"]),
        // misspelt key
        ("+++\nnmae = \"甲\"\n\n[[activities]]\ntype = \"donation\"\nsummary = \"x\"\n+++\n", "content/orgs/bad.md:2:1", &["unknown key `nmae`", "did you mean `name`?"]),
        // second activity's amount with sub-fen precision
        ("+++\nname = \"甲\"\n\n[[activities]]\ntype = \"donation\"\nsummary = \"x\"\n\n[[activities]]\ntype = \"donation\"\nsummary = \"y\"\namount_yuan = 1.005\n+++\n", "content/orgs/bad.md:11:15", &["activities[2].amount_yuan", "fen"]),
        // a bad -{ rule in a summary, found at conversion time
        ("+++\nname = \"甲\"\n\n[[activities]]\ntype = \"donation\"\nsummary = \"前文-{未閉合\"\n+++\n", "content/orgs/bad.md:6:", &["activities[1].summary", "never closed"]),
    ];
    for (text, location, needles) in cases {
        site.write("content/orgs/bad.md", text);
        let o = site.build(&[]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{err}");
        assert!(err.contains(location), "expected {location} in:\n{err}");
        for n in *needles {
            assert!(err.contains(n), "expected `{n}` in:\n{err}");
        }
        assert!(
            err.contains("help:") || err.contains("TOML"),
            "a hint is given:\n{err}"
        );
        assert_eq!(
            snapshot(&site.out()),
            before,
            "the previous output must be untouched"
        );
    }
}

/// Malformed input of every kind is an error with exit code 1, never a panic.
#[test]
fn malformed_inputs_never_panic() {
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("content/orgs/empty.md", b"".to_vec(), "empty"),
        (
            "content/orgs/yaml.md",
            b"---\nname: x\n---\n".to_vec(),
            "YAML",
        ),
        (
            "content/orgs/nofm.md",
            "只有正文".as_bytes().to_vec(),
            "+++",
        ),
        (
            "content/orgs/open.md",
            b"+++\nname = \"x\"\n".to_vec(),
            "never closed",
        ),
        (
            "content/orgs/latin1.md",
            b"+++\nname = \"\xff\xfe\"\n+++\n".to_vec(),
            "UTF-8",
        ),
        (
            "content/orgs/Upper.md",
            entry("甲", "donation", "", "").into_bytes(),
            "uppercase",
        ),
        (
            "content/orgs/移民.md",
            entry("甲", "donation", "", "").into_bytes(),
            "lowercase ASCII",
        ),
        (
            "content/orgs/neg.md",
            entry("甲", "donation", "amount_yuan = -5", "").into_bytes(),
            "negative",
        ),
        (
            "content/orgs/huge.md",
            entry("甲", "donation", "amount_yuan = 1e15", "").into_bytes(),
            "more than",
        ),
        (
            "content/orgs/text-amount.md",
            entry("甲", "donation", "amount_yuan = \"100\"", "").into_bytes(),
            "expected an amount",
        ),
        (
            "content/orgs/people.md",
            entry("甲", "donation", "people = -1", "").into_bytes(),
            "whole number",
        ),
        (
            "content/orgs/date.md",
            entry("甲", "donation", "date = \"2月8日\"", "").into_bytes(),
            "date",
        ),
        (
            "content/orgs/noact.md",
            b"+++\nname = \"x\"\n+++\n".to_vec(),
            "no activities",
        ),
        (
            "content/orgs/noname.md",
            b"+++\n[[activities]]\ntype = \"donation\"\nsummary = \"x\"\n+++\n".to_vec(),
            "`name` is missing",
        ),
        (
            "content/orgs/items.md",
            entry("甲", "donation", "items = [ { nam = \"口罩\" } ]", "").into_bytes(),
            "unknown key `nam`",
        ),
        ("content/orgs/data.json", b"{}".to_vec(), "not read"),
        (
            "content/orgs/fm-array.md",
            b"+++\nactivities = 3\nname = \"x\"\n+++\n".to_vec(),
            "list of tables",
        ),
    ];
    for (path, bytes, needle) in cases {
        let site = Site::traditional();
        site.org("ok", &entry("好", "donation", "", ""));
        site.write(path, &bytes);
        let o = site.build(&[]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{path}: {err}");
        assert!(
            err.contains(&path.replace("content/orgs/", "")),
            "{path}: the file is named in:\n{err}"
        );
        assert!(
            err.contains(needle),
            "{path}: expected `{needle}` in:\n{err}"
        );
        assert!(!site.out().exists(), "{path}: nothing written");
    }
}

#[test]
fn duplicate_slugs_and_symlinks_out_of_the_site() {
    let site = Site::traditional();
    site.org("dup", &entry("甲", "donation", "", ""));
    site.write(
        "content/orgs/dup.toml",
        "name = \"甲\"\nbody = \"\"\n[[activities]]\ntype = \"donation\"\nsummary = \"x\"\n",
    );
    let o = site.build(&[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("the slug `dup` is also used by"),
        "{}",
        stderr(&o)
    );

    let site = Site::traditional();
    let outside = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(outside.path(), entry("外", "donation", "", "")).unwrap();
    std::os::unix::fs::symlink(outside.path(), site.root().join("content/orgs/link.md")).unwrap();
    let o = site.build(&[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("outside the site"), "{}", stderr(&o));
}

/// CRLF line ends, a BOM, and a pure-TOML entry are all accepted.
#[test]
fn crlf_bom_and_toml_entries() {
    let site = Site::traditional();
    let crlf = entry("甲會", "donation", "amount_yuan = 10", "正文").replace('\n', "\r\n");
    site.write(
        "content/orgs/crlf.md",
        [b"\xEF\xBB\xBF".as_slice(), crlf.as_bytes()].concat(),
    );
    site.write("content/orgs/plain.toml", "name = \"乙會\"\nbody = \"**正文**\"\n\n[[activities]]\ntype = \"research\"\nsummary = \"調研\"\n");
    assert_ok(&site.build(&[]));
    assert!(site
        .read("zh-hans/orgs/plain/index.html")
        .contains("<strong>正文</strong>"));
    assert_eq!(
        site.json("zh-hant/data.json")["totals"]["amount_yuan"],
        "10.00"
    );
}

/// Content is data: scripts in names, summaries and bodies never run.
#[test]
fn content_cannot_inject_script() {
    let site = Site::traditional();
    site.org(
        "xss",
        "+++\nname = \"<script>alert(1)</script>會\"\nsummary = \"摘要<img src=x onerror=alert(2)>\"\n\n[[activities]]\ntype = \"donation\"\nsummary = \"概述<script>alert(3)</script>[點](javascript:alert(4))\"\n+++\n<script>alert(5)</script>\n\n<a href=\"javascript:alert(6)\" onclick=\"alert(7)\">連結</a> [x](javascript:alert(8)) <iframe src=\"https://evil.example\"></iframe>\n\n<b style=\"color:red\">粗</b>\n",
    );
    assert_ok(&site.build(&[]));
    for v in ["zh-hant", "zh-hans"] {
        let html = site.read(&format!("{v}/orgs/xss/index.html"));
        let body = html.split("<main").nth(1).unwrap();
        let body = body.split("</main>").next().unwrap();
        assert!(!body.contains("<script"), "{body}");
        for tag in body
            .split('<')
            .skip(1)
            .map(|t| t.split('>').next().unwrap())
        {
            assert!(
                !tag.split_whitespace().skip(1).any(|a| a.starts_with("on")),
                "event handler in <{tag}>"
            );
            assert!(
                !tag.starts_with("iframe") && !tag.starts_with("script"),
                "<{tag}>"
            );
            assert!(!tag.contains("javascript:"), "a javascript: URL in <{tag}>");
        }
        assert!(
            body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
            "the name is shown as text"
        );
        assert!(
            body.contains("<b>粗</b>"),
            "harmless HTML stays, without style: {body}"
        );
        assert!(!html.contains("<title><script"));
    }
}

/// Two builds give byte-identical output.
#[test]
fn builds_are_deterministic() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for d in [&a, &b] {
        assert_ok(&zhpress(
            Path::new(REPO),
            &["build", "--output", d.path().join("out").to_str().unwrap()],
        ));
    }
    let (sa, sb) = (
        snapshot(&a.path().join("out")),
        snapshot(&b.path().join("out")),
    );
    assert!(sa.len() > 100);
    assert_eq!(sa.keys().collect::<Vec<_>>(), sb.keys().collect::<Vec<_>>());
    for (k, v) in &sa {
        assert!(v == &sb[k], "{k} differs between two builds");
    }
}

/// A rebuild writes only the files whose bytes changed: the others keep their
/// inode and modification time (what rsync and CDN syncs compare), and the
/// summary line counts what changed.
#[test]
fn unchanged_files_are_not_rewritten() {
    use std::os::unix::fs::MetadataExt;
    let site = Site::traditional();
    site.org("a-org", &entry("甲會", "donation", "", "甲會的記述。"));
    site.org("b-org", &entry("乙會", "donation", "", "乙會的記述。"));
    assert_ok(&site.build(&[]));
    let stamp = |rel: &str| {
        let m = std::fs::metadata(site.out().join(rel)).unwrap();
        (m.ino(), m.mtime_nsec(), m.mtime())
    };
    let a_page = "zh-hans/orgs/a-org/index.html";
    let b_page = "zh-hans/orgs/b-org/index.html";
    let (a0, b0) = (stamp(a_page), stamp(b_page));

    // Nothing changed: nothing is written.
    let o = site.build(&[]);
    assert_ok(&o);
    let line = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(line.contains(" 0 changed)"), "{line}");
    assert_eq!(stamp(a_page), a0);

    // One account changed: its pages and, in each variant, the search
    // index's shard of its keys and chunk of its text; nothing else (the
    // index's manifest neither).
    site.org("b-org", &entry("乙會", "donation", "", "乙會的新記述。"));
    let manifest = stamp("zh-hans/search/index.js");
    let o = site.build(&[]);
    assert_ok(&o);
    let line = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(line.contains(" 6 changed)"), "{line}");
    assert_eq!(stamp("zh-hans/search/index.js"), manifest);
    assert_eq!(stamp(a_page), a0, "an unchanged page was rewritten");
    assert_ne!(stamp(b_page).0, b0.0, "the changed page was not rewritten");
    assert!(site.read(b_page).contains("乙会的新记述"));
    // The output is the same as a build from nothing.
    let fresh = tempfile::tempdir().unwrap();
    assert_ok(&zhpress(
        site.root(),
        &[
            "build",
            "--output",
            fresh.path().join("out").to_str().unwrap(),
        ],
    ));
    assert_eq!(snapshot(&site.out()), snapshot(&fresh.path().join("out")));
}

/// Every internal link resolves, under a sub-path base_url and with --base-url,
/// and absolute URLs carry the sub-path.
#[test]
fn links_resolve_under_a_sub_path() {
    let out = tempfile::tempdir().unwrap();
    let o = zhpress(
        Path::new(REPO),
        &[
            "build",
            "--output",
            out.path().to_str().unwrap(),
            "--base-url",
            "https://mirror.example/deep/sub/path/",
        ],
    );
    assert_ok(&o);
    let files = snapshot(out.path());
    let mut checked = 0;
    for (path, bytes) in &files {
        if !path.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        for target in zhpress::links::attribute_urls(&html) {
            if target.starts_with("https://") || target.starts_with('#') {
                continue;
            }
            if path.ends_with("404.html") {
                // The 404 page is served at any depth: it links by absolute path.
                assert!(target.starts_with("/deep/sub/path/"), "{path}: {target}");
                continue;
            }
            let resolved = zhpress::links::resolve(path, target)
                .unwrap_or_else(|| panic!("{path}: unexpected link {target}"));
            assert!(
                files.contains_key(&resolved)
                    || files.contains_key(&format!("{resolved}index.html")),
                "{path} links to {target} → {resolved}, which does not exist"
            );
            checked += 1;
        }
        for canon in html.split("rel=\"canonical\" href=\"").skip(1) {
            assert!(
                canon.starts_with("https://mirror.example/deep/sub/path/"),
                "{path}"
            );
        }
    }
    assert!(checked > 1000, "only {checked} links checked");
    let sitemap = String::from_utf8_lossy(&files["sitemap.xml"]).into_owned();
    assert!(
        sitemap.contains("<loc>https://mirror.example/deep/sub/path/zh-hans/orgs/"),
        "{}",
        &sitemap[..400]
    );
    assert!(sitemap.contains("xhtml:link rel=\"alternate\" hreflang=\"zh-Hant\""));
    assert!(sitemap.contains("hreflang=\"x-default\""));
    // `zhpress check` agrees.
    let o = zhpress(Path::new(REPO), &["check"]);
    assert_ok(&o);
}

/// Every page has a switcher to the same page in the other variant, hreflang
/// alternates plus x-default, and the right `lang`.
#[test]
fn switcher_hreflang_and_lang() {
    let site = Site::traditional();
    site.org("jia", &entry("甲會", "donation", "", ""));
    site.write(
        "content/pages/about.md",
        "+++\ntitle = \"關於\"\n+++\n說明\n",
    );
    assert_ok(&site.build(&[]));
    for (page, dir) in [
        ("index.html", ""),
        ("orgs/jia/index.html", "orgs/jia/"),
        ("activities/index.html", "activities/"),
        ("activities/donation/index.html", "activities/donation/"),
        ("pages/about/index.html", "pages/about/"),
    ] {
        let html = site.read(&format!("zh-hans/{page}"));
        assert!(html.contains("<html lang=\"zh-Hans\">"), "{page}");
        assert!(
            html.contains(&format!(
                "hreflang=\"zh-Hant\" href=\"https://example.org/report/zh-hant/{dir}\""
            )),
            "{page}"
        );
        assert!(
            html.contains(&format!(
                "hreflang=\"x-default\" href=\"https://example.org/report/zh-hant/{dir}\""
            )),
            "{page}"
        );
        let depth = dir.matches('/').count() + 1;
        let href = format!("href=\"{}zh-hant/{}index.html\"", "../".repeat(depth), dir);
        assert!(html.contains(&href), "{page}: switcher link {href}");
    }
    let root = site.read("index.html");
    assert!(
        root.contains("href=\"zh-hant/index.html\"")
            && root.contains("href=\"zh-hans/index.html\"")
    );
    assert!(site.read("404.html").contains("找不到"));
    let feed = site.read("zh-hans/atom.xml");
    assert!(
        feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-Hans\">")
            && feed.contains("甲会")
    );
}

#[test]
fn the_feed_carries_the_latest_activity_first_up_to_feed_limit() {
    let dated = |name: &str, date: &str| entry(name, "donation", &format!("date = {date}"), "");
    let build = |limit: Option<&str>| {
        let site = Site::traditional();
        if let Some(l) = limit {
            let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap();
            site.write(
                "site.toml",
                toml.replace(
                    "theme = \"default\"",
                    &format!("theme = \"default\"\nfeed_limit = {l}"),
                ),
            );
        }
        site.org("a-old", &dated("舊會", "2020-01-05"));
        site.org("b-new", &dated("新會", "2020-03-01"));
        site.org("c-undated", &entry("無日會", "donation", "", ""));
        site.org("d-mid", &dated("中會", "2020-02-01"));
        assert_ok(&site.build(&[]));
        let feed = site.read("zh-hant/atom.xml");
        let titles: Vec<String> = feed
            .split("<entry>")
            .skip(1)
            .map(|e| {
                e.split("<title>")
                    .nth(1)
                    .unwrap()
                    .split("</title>")
                    .next()
                    .unwrap()
                    .to_string()
            })
            .collect();
        (titles, feed)
    };
    // Every organization fits the default limit: newest first, undated last.
    let (titles, feed) = build(None);
    assert_eq!(titles, ["新會", "中會", "舊會", "無日會"]);
    assert!(
        feed.contains("<updated>2020-03-01T00:00:00Z</updated>\n  <author>"),
        "{feed}"
    );
    let (titles, _) = build(Some("2"));
    assert_eq!(titles, ["新會", "中會"]);
    let (titles, _) = build(Some("\"all\""));
    assert_eq!(titles.len(), 4);
    // The default limit is 50.
    let site = Site::traditional();
    for i in 0..51 {
        site.org(
            &format!("org-{i:02}"),
            &entry(&format!("會{i}"), "donation", "", ""),
        );
    }
    assert_ok(&site.build(&[]));
    let feed = site.read("zh-hant/atom.xml");
    assert_eq!(feed.matches("<entry>").count(), 50);
    assert!(feed.contains("orgs/org-49/") && !feed.contains("orgs/org-50/"));
}

#[test]
fn drafts_are_left_out_unless_asked() {
    let site = Site::traditional();
    site.org("pub", &entry("公開", "donation", "", ""));
    site.org("draft", "+++\nname = \"草稿\"\ndraft = true\n[[activities]]\ntype = \"donation\"\nsummary = \"x\"\n+++\n");
    assert_ok(&site.build(&[]));
    assert!(!site.out().join("zh-hant/orgs/draft").exists());
    assert_ok(&site.build(&["--drafts"]));
    assert!(site.out().join("zh-hant/orgs/draft/index.html").exists());
}

#[test]
fn new_org_scaffolds_a_valid_entry() {
    let site = Site::traditional();
    let o = zhpress(site.root(), &["new", "org", "xin-hui"]);
    assert_ok(&o);
    assert!(String::from_utf8_lossy(&o.stdout).contains("draft"));
    let text = std::fs::read_to_string(site.root().join("content/orgs/xin-hui.md")).unwrap();
    assert!(
        text.contains("draft = true") && text.contains("機構全稱"),
        "{text}"
    );
    // A draft: its placeholders are never published by accident.
    assert_ok(&zhpress(site.root(), &["check"]));
    assert_ok(&zhpress(site.root(), &["check", "--drafts"]));
    assert_ok(&site.build(&[]));
    assert!(!site.out().join("zh-hans/orgs/xin-hui").exists());
    assert_ok(&site.build(&["--drafts"]));
    assert!(site.out().join("zh-hans/orgs/xin-hui/index.html").exists());
    let again = zhpress(site.root(), &["new", "org", "xin-hui"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("already exists"));
    let bad = zhpress(site.root(), &["new", "org", "Bad Slug"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(stderr(&bad).contains("bad-slug"), "{}", stderr(&bad));
}

#[test]
fn usage_errors_exit_2() {
    let o = zhpress(Path::new(REPO), &["build", "--no-such-flag"]);
    assert_eq!(o.status.code(), Some(2));
}

/// A site without themes/ uses the built-in default theme, byte for byte the
/// same as the repo's themes/default.
#[test]
fn the_default_theme_is_built_in() {
    let site = Site::traditional();
    site.org("jia", &entry("甲會", "donation", "", "正文"));
    assert_ok(&site.build(&[]));
    let with_theme = snapshot(&site.out());
    std::fs::remove_dir_all(site.root().join("themes")).unwrap();
    assert_ok(&site.build(&[]));
    assert_eq!(snapshot(&site.out()), with_theme);
}

/// In a Simplified-source site the scaffold is Simplified, passes the lint,
/// and carries every declared field: the required ones with a value their
/// type accepts, the optional ones as commented-out examples.
#[test]
fn new_org_fits_the_sites_script_and_fields() {
    let site = Site::simplified();
    let toml = std::fs::read_to_string(site.root().join("site.toml")).unwrap()
        + "\n[[fields]]\nkey = \"website\"\ntype = \"url\"\nname = \"网站\"\nrequired = true\n\n[[fields]]\nkey = \"founded\"\ntype = \"integer\"\nname = \"成立年份\"\n\n[[fields]]\nkey = \"logo\"\ntype = \"image\"\nname = \"标志\"\n";
    site.write("site.toml", toml);
    assert_ok(&zhpress(site.root(), &["new", "org", "xin-hui"]));
    let text = std::fs::read_to_string(site.root().join("content/orgs/xin-hui.md")).unwrap();
    assert!(
        text.contains("机构全称") && text.contains("一句话介绍机构的工作"),
        "{text}"
    );
    assert!(!text.contains("機構") && !text.contains("隻"), "{text}");
    assert!(
        text.contains("\nwebsite = \"https://example.org/\""),
        "{text}"
    );
    assert!(text.contains("\n# founded = 0"), "{text}");
    assert!(text.contains("\n# logo = "), "{text}");
    let check = zhpress(site.root(), &["check", "--drafts"]);
    assert_ok(&check);
    assert_ok(&site.build(&["--drafts"]));
    let page = site.read("zh-hans/orgs/xin-hui/index.html");
    assert!(page.contains("机构全称") && page.contains("https://example.org/"));
}

#[test]
fn new_page_scaffolds_a_draft_page() {
    let site = Site::simplified();
    assert_ok(&zhpress(site.root(), &["new", "page", "guan-yu"]));
    let text = std::fs::read_to_string(site.root().join("content/pages/guan-yu.md")).unwrap();
    assert!(
        text.contains("draft = true") && text.contains("页面标题"),
        "{text}"
    );
    assert_ok(&zhpress(site.root(), &["check", "--drafts"]));
    assert_ok(&site.build(&[]));
    assert!(!site.out().join("zh-hans/pages/guan-yu").exists());
    assert_ok(&site.build(&["--drafts"]));
    assert!(site
        .read("zh-hant/pages/guan-yu/index.html")
        .contains("頁面標題"));
    let again = zhpress(site.root(), &["new", "page", "guan-yu"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("content/pages/guan-yu.md"));
}
