//! A catalogue of bad sites. Each case starts from a good site built once,
//! makes one mistake an editor could make, and checks what the editor sees:
//! exit code 1, a message naming the file (and line where there is one) and
//! the problem, and the previous output/ exactly as it was. None may panic.

mod common;

use common::*;

/// (what, files to write as (path, bytes), a file to delete, text the error must contain).
type Case = (
    &'static str,
    Vec<(&'static str, Vec<u8>)>,
    Option<&'static str>,
    &'static [&'static str],
);

fn org(front: &str, body: &str) -> Vec<u8> {
    format!("+++\n{front}\n+++\n{body}\n").into_bytes()
}

const ACT: &str = "[[activities]]\ntype = \"donation\"\nsummary = \"捐款\"";

fn cases() -> Vec<Case> {
    let site = site_toml("zh-Hant", "https://example.org/r");
    let with = |from: &str, to: &str| site.replacen(from, to, 1).into_bytes();
    vec![
        // Entries: front matter and file shape.
        ("YAML front matter", vec![("content/orgs/bad.md", b"---\nname: x\n---\n".to_vec())], None, &["content/orgs/bad.md:1:1", "YAML"]),
        ("missing +++", vec![("content/orgs/bad.md", "name = \"甲\"\n正文".as_bytes().to_vec())], None, &["content/orgs/bad.md:1:1", "+++"]),
        ("unclosed +++", vec![("content/orgs/bad.md", b"+++\nname = \"x\"\n".to_vec())], None, &["content/orgs/bad.md:1:1", "never closed"]),
        ("empty file", vec![("content/orgs/bad.md", vec![])], None, &["content/orgs/bad.md", "empty"]),
        ("whitespace-only file", vec![("content/orgs/bad.md", b"\n \n\t\n".to_vec())], None, &["content/orgs/bad.md", "empty"]),
        ("invalid UTF-8", vec![("content/orgs/bad.md", b"+++\nname = \"\xe4\xb8\"\n+++\n".to_vec())], None, &["content/orgs/bad.md:2:9", "UTF-8"]),
        ("GBK-encoded file", vec![("content/orgs/bad.md", b"+++\nname = \"\xd6\xd8\xc7\xec\"\n+++\n".to_vec())], None, &["content/orgs/bad.md:2:", "UTF-8"]),
        ("bad TOML", vec![("content/orgs/bad.md", org("name = 重慶\n".to_string().as_str(), ""))], None, &["content/orgs/bad.md:2:", "TOML"]),
        ("duplicate key", vec![("content/orgs/bad.md", org(&format!("name = \"甲\"\nname = \"乙\"\n{ACT}"), ""))], None, &["content/orgs/bad.md:3:", "duplicate"]),
        ("missing name", vec![("content/orgs/bad.md", org(ACT, ""))], None, &["content/orgs/bad.md", "`name` is missing"]),
        ("empty name", vec![("content/orgs/bad.md", org(&format!("name = \"\"\n{ACT}"), ""))], None, &["content/orgs/bad.md:2:8", "empty"]),
        ("misspelt key", vec![("content/orgs/bad.md", org(&format!("nmae = \"甲\"\n{ACT}"), ""))], None, &["content/orgs/bad.md:2:1", "did you mean `name`?"]),
        ("misspelt activity key", vec![("content/orgs/bad.md", org("name = \"甲\"\n[[activities]]\ntype = \"donation\"\nsumary = \"x\"", ""))], None, &["content/orgs/bad.md:5:1", "activities[1].sumary", "did you mean `summary`?"]),
        ("name is a number", vec![("content/orgs/bad.md", org(&format!("name = 12\n{ACT}"), ""))], None, &["content/orgs/bad.md:2:8", "expected text"]),
        ("no activities", vec![("content/orgs/bad.md", org("name = \"甲\"", ""))], None, &["content/orgs/bad.md", "no activities"]),
        ("activities as one table", vec![("content/orgs/bad.md", org("name = \"甲\"\n[activities]\ntype = \"donation\"\nsummary = \"x\"", ""))], None, &["content/orgs/bad.md:3:", "list of tables"]),
        ("unknown activity type", vec![("content/orgs/bad.md", org("name = \"甲\"\n[[activities]]\ntype = \"donaton\"\nsummary = \"x\"", ""))], None, &["content/orgs/bad.md:4:8", "did you mean `donation`?"]),
        ("missing activity summary", vec![("content/orgs/bad.md", org("name = \"甲\"\n[[activities]]\ntype = \"donation\"", ""))], None, &["content/orgs/bad.md:3:", "activities[1].summary", "missing"]),
        ("quoted date that is no day", vec![("content/orgs/bad.md", org(&format!("name = \"甲\"\n{ACT}\ndate = \"2020-02-30\""), ""))], None, &["content/orgs/bad.md:6:8", "2020-02-08"]),
        ("date with a time", vec![("content/orgs/bad.md", org(&format!("name = \"甲\"\n{ACT}\ndate = 2020-02-08T10:00:00"), ""))], None, &["content/orgs/bad.md:6:8", "date"]),
        ("negative amount", vec![("content/orgs/bad.md", org(&format!("name = \"甲\"\n{ACT}\namount_yuan = -100"), ""))], None, &["content/orgs/bad.md:6:15", "negative"]),
        ("sub-fen amount", vec![("content/orgs/bad.md", org(&format!("name = \"甲\"\n{ACT}\namount_yuan = 41379.999"), ""))], None, &["content/orgs/bad.md:6:15", "fen"]),
        ("absurd amount", vec![("content/orgs/bad.md", org(&format!("name = \"甲\"\n{ACT}\namount_yuan = 9e20"), ""))], None, &["content/orgs/bad.md:6:15", "too large"]),
        ("amount as text", vec![("content/orgs/bad.md", org(&format!("name = \"甲\"\n{ACT}\namount_yuan = \"1127萬\""), ""))], None, &["content/orgs/bad.md:6:15", "amount in yuan"]),
        ("amount in hex", vec![("content/orgs/bad.md", org(&format!("name = \"甲\"\n{ACT}\namount_yuan = 0xff"), ""))], None, &["content/orgs/bad.md:6:15", "amount"]),
        ("negative people", vec![("content/orgs/bad.md", org(&format!("name = \"甲\"\n{ACT}\npeople = -3"), ""))], None, &["content/orgs/bad.md:6:10", "whole number"]),
        ("fractional people", vec![("content/orgs/bad.md", org(&format!("name = \"甲\"\n{ACT}\npeople = 1.5"), ""))], None, &["content/orgs/bad.md:6:10", "whole number"]),
        ("item without name", vec![("content/orgs/bad.md", org(&format!("name = \"甲\"\n{ACT}\nitems = [ {{ quantity = 3 }} ]"), ""))], None, &["content/orgs/bad.md:6:", "items[1].name"]),
        ("negative item quantity", vec![("content/orgs/bad.md", org(&format!("name = \"甲\"\n{ACT}\nitems = [ {{ name = \"口罩\", quantity = -3 }} ]"), ""))], None, &["content/orgs/bad.md:6:", "negative"]),
        ("draft not a boolean", vec![("content/orgs/bad.md", org(&format!("name = \"甲\"\ndraft = \"yes\"\n{ACT}"), ""))], None, &["content/orgs/bad.md:3:9", "true or false"]),
        // File names and places.
        ("uppercase slug", vec![("content/orgs/Bad.md", org(&format!("name = \"甲\"\n{ACT}"), ""))], None, &["content/orgs/Bad.md", "uppercase", "bad.md"]),
        ("non-ASCII slug", vec![("content/orgs/重慶.md", org(&format!("name = \"甲\"\n{ACT}"), ""))], None, &["content/orgs/重慶.md", "lowercase ASCII"]),
        ("underscore slug", vec![("content/orgs/a_b.md", org(&format!("name = \"甲\"\n{ACT}"), ""))], None, &["content/orgs/a_b.md", "a-b.md"]),
        ("duplicate slug across .md and .toml", vec![("content/orgs/good.toml", format!("name = \"甲\"\n{ACT}\n").into_bytes())], None, &["content/orgs/good", "also used by"]),
        ("YAML entry file", vec![("content/orgs/bad.yaml", b"name: x\n".to_vec())], None, &["content/orgs/bad.yaml", "TOML"]),
        ("file in an unknown folder", vec![("content/news/a.md", org("title = \"x\"", ""))], None, &["content/news/a.md", "does not know"]),
        ("override of a missing entry", vec![("content/orgs/nobody.zh-Hans.md", org(&format!("name = \"甲\"\n{ACT}"), ""))], None, &["content/orgs/nobody.zh-Hans.md", "no entry"]),
        ("override for an unknown variant", vec![("content/orgs/good.zh-XX.md", org(&format!("name = \"甲\"\n{ACT}"), ""))], None, &["content/orgs/good.zh-XX.md", "not a variant"]),
        ("page without title", vec![("content/pages/about.md", org("", "說明"))], None, &["content/pages/about.md", "`title` is missing"]),
        ("broken home page", vec![("content/_index.md", b"---\ntitle: x\n---\n".to_vec())], None, &["content/_index.md", "YAML"]),
        // Conversion markup.
        ("unclosed -{ in a body", vec![("content/orgs/bad.md", org(&format!("name = \"甲\"\n{ACT}"), "第一段\n\n第二段-{未閉合"))], None, &["content/orgs/bad.md:9:4", "never closed"]),
        ("unclosed -{ in a name", vec![("content/orgs/bad.md", org(&format!("name = \"甲-{{乙\"\n{ACT}"), ""))], None, &["content/orgs/bad.md:2:", "name", "never closed"]),
        ("per-variant rule with a bad code", vec![("content/orgs/bad.md", org(&format!("name = \"-{{zh-Hans:甲;xx:乙}}-\"\n{ACT}"), ""))], None, &["content/orgs/bad.md:2:", "not a variant code"]),
        ("hidden rule without variants", vec![("content/orgs/bad.md", org(&format!("name = \"甲\"\n{ACT}"), "-{H|鮮于}-"))], None, &["content/orgs/bad.md:7:", "hidden rule"]),
        ("rule for an unknown variant", vec![("content/orgs/bad.md", org(&format!("name = \"甲\"\n[rules]\n\"乙\" = {{ zh-Hnas = \"乙\" }}\n{ACT}"), ""))], None, &["content/orgs/bad.md:4:", "did you mean `zh-Hans`?"]),
        // site.toml.
        ("site.toml missing", vec![], Some("site.toml"), &["site.toml", "cannot read"]),
        ("site.toml bad TOML", vec![("site.toml", with("title = \"抗疫紀實\"", "title = 抗疫紀實"))], None, &["site.toml:1:", "TOML"]),
        ("site.toml misspelt key", vec![("site.toml", with("title =", "titel ="))], None, &["site.toml:1:1", "did you mean `title`?"]),
        ("unknown source script", vec![("site.toml", with("source = \"zh-Hant\"", "source = \"zh-Hnat\""))], None, &["site.toml:3:", "did you mean `zh-Hant`?"]),
        ("duplicate variant path", vec![("site.toml", with("path = \"zh-hans\"", "path = \"zh-hant\""))], None, &["site.toml:", "two variants use the path"]),
        ("uppercase variant path", vec![("site.toml", with("path = \"zh-hans\"", "path = \"zh-Hans\""))], None, &["site.toml:", "uppercase"]),
        ("unknown dictionaries", vec![("site.toml", with("theme = \"default\"", "theme = \"default\"\ndictionaries = \"openc\""))], None, &["site.toml:5:16", "no dictionaries are called `openc`", "did you mean `opencc`?"]),
        ("feed_limit of 0", vec![("site.toml", with("theme = \"default\"", "theme = \"default\"\nfeed_limit = 0"))], None, &["site.toml:5:14", "expected a whole number of 1 or more, or \"all\", found 0", "feed_limit = \"all\""]),
        ("unknown conversion", vec![("site.toml", with("label = \"简体\"", "label = \"简体\"\nconvert = \"t2x\""))], None, &["site.toml:", "unknown conversion", "did you mean"]),
        ("duplicate activity type", vec![("site.toml", with("key = \"research\"", "key = \"donation\""))], None, &["site.toml:", "declared twice"]),
        ("glossary file missing", vec![("site.toml", with("theme = \"default\"", "theme = \"default\"\nglossary = \"nope.toml\""))], None, &["site.toml:", "nope.toml"]),
        ("missing theme", vec![("site.toml", with("theme = \"default\"", "theme = \"defualt\""))], None, &["site.toml", "did you mean `default`?"]),
        // Templates.
        ("template syntax error", vec![("templates/org.html", b"{% extends \"base.html\" %}{% block main %}{% if %}{% endblock main %}".to_vec())], None, &["templates/org.html", "does not compile"]),
        ("template undefined variable", vec![("templates/org.html", b"{% extends \"base.html\" %}{% block main %}{{ org.nmae | upper }}{% endblock main %}".to_vec())], None, &["templates/org.html", "the organization `good`", "nmae"]),
        ("template unknown filter", vec![("templates/page.html", b"{{ page.title | shout }}".to_vec())], None, &["templates/page.html", "shout"]),
    ]
}

#[test]
fn every_bad_site_fails_clearly_and_keeps_the_old_output() {
    let cases = cases();
    assert!(cases.len() >= 40, "{} cases", cases.len());
    let mut failures = Vec::new();
    for (what, files, delete, needles) in cases {
        let site = Site::traditional();
        site.org(
            "good",
            &entry("好會", "donation", "amount_yuan = 100", "正文"),
        );
        site.write(
            "content/pages/about.md",
            "+++\ntitle = \"關於\"\n+++\n說明\n",
        );
        assert_ok(&site.build(&[]));
        let before = snapshot(&site.out());
        for (path, bytes) in &files {
            site.write(path, bytes);
        }
        if let Some(d) = delete {
            std::fs::remove_file(site.root().join(d)).unwrap();
        }
        let o = site.build(&[]);
        let err = stderr(&o);
        if o.status.code() != Some(1) {
            failures.push(format!("{what}: exit {:?}\n{err}", o.status.code()));
            continue;
        }
        for n in needles {
            if !err.contains(n) {
                failures.push(format!("{what}: `{n}` not in:\n{err}"));
            }
        }
        if snapshot(&site.out()) != before {
            failures.push(format!("{what}: the previous output changed"));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// Stress inputs that are not errors: they build, or fail with a message, and never crash.
#[test]
fn huge_and_deeply_nested_input() {
    let site = Site::traditional();
    // About 50 MB of prose in one entry.
    let paragraph = "疫情發生後，社區幹部並且用於購買防疫物資。".repeat(40) + "\n\n";
    let body = paragraph.repeat(50_000_000 / paragraph.len());
    site.org("huge", &entry("大會", "donation", "", &body));
    // Deeply nested Markdown: quotes, lists and emphasis.
    site.org(
        "deep",
        &entry(
            "深會",
            "donation",
            "",
            &format!(
                "{}深\n\n{}深\n\n{}深{}",
                "> ".repeat(5000),
                "- ".repeat(5000),
                "*".repeat(10000),
                "*".repeat(10000)
            ),
        ),
    );
    let o = site.build(&[]);
    assert!(
        o.status.code() == Some(0) || o.status.code() == Some(1),
        "exit {:?}: {}",
        o.status.code(),
        stderr(&o)
    );
    if o.status.success() {
        let html = std::fs::read(site.out().join("zh-hans/orgs/huge/index.html")).unwrap();
        assert!(html.len() > 40_000_000);
        assert!(
            String::from_utf8_lossy(&html[..200_000]).contains("疫情发生后，社区干部并且用于购买")
        );
    }
}
