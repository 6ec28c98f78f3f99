//! A catalogue of bad sites. Each case starts from a good site built once,
//! makes one mistake an editor could make, and checks what the editor sees:
//! exit code 1 (2 for a bad flag or setting of the command), a message naming
//! the file (and line:column where there is one) and the problem, and the
//! previous output/ exactly as it was. None may panic or hang.
//!
//! The second round (`round_two`) brings what a new user hits: files in GBK,
//! Big5 or UTF-16, NUL bytes, pipes and folders where files belong, links
//! out of the site and in loops, names that collide, amounts at the edges,
//! Markdown that cannot render as written, and templates that never end.

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
        ("GBK-encoded file", vec![("content/orgs/bad.md", b"+++\nname = \"\xd6\xd8\xc7\xec\"\n+++\n".to_vec())], None, &["content/orgs/bad.md:2:9", "not UTF-8", "GBK"]),
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
        let site = good_site();
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

/// The site every case starts from, built once.
fn good_site() -> Site {
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
    site
}

/// A case of the second round: any change to the site (links, pipes,
/// folders, bytes in any encoding), flags, environment, and the exit code.
struct Bad {
    what: &'static str,
    make: Box<dyn Fn(&Site)>,
    args: Vec<&'static str>,
    env: Vec<(&'static str, &'static str)>,
    code: i32,
    needles: Vec<&'static str>,
}

fn bad(what: &'static str, make: impl Fn(&Site) + 'static, needles: &[&'static str]) -> Bad {
    Bad {
        what,
        make: Box::new(make),
        args: Vec::new(),
        env: Vec::new(),
        code: 1,
        needles: needles.to_vec(),
    }
}

impl Bad {
    fn usage(mut self, args: &[&'static str]) -> Bad {
        self.args = args.to_vec();
        self.code = 2;
        self
    }

    fn env(mut self, key: &'static str, value: &'static str) -> Bad {
        self.env.push((key, value));
        self
    }
}

fn encoded(enc: &'static encoding_rs::Encoding, text: &str) -> Vec<u8> {
    enc.encode(text).0.into_owned()
}

fn utf16(le: bool, bom: bool, text: &str) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend(if le { [0xFF, 0xFE] } else { [0xFE, 0xFF] });
    }
    for u in text.encode_utf16() {
        out.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

fn fifo(path: &std::path::Path) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let c = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
}

fn link(site: &Site, rel: &str, to: &str) {
    let p = site.root().join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink(to, p).unwrap();
}

/// A file outside the site, for links to point at; kept for the test's length.
fn outside() -> &'static std::path::Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let dir = DIR.get_or_init(|| {
        let d = tempfile::tempdir().unwrap();
        std::fs::write(d.path().join("secret.txt"), "private\n").unwrap();
        std::fs::create_dir(d.path().join("docs")).unwrap();
        std::fs::write(d.path().join("docs/plan.txt"), "private\n").unwrap();
        d
    });
    dir.path()
}

fn round_two() -> Vec<Bad> {
    let w = |rel: &'static str, bytes: Vec<u8>| {
        move |s: &Site| {
            s.write(rel, &bytes);
        }
    };
    let site_with = |from: &'static str, to: &'static str| {
        let text = site_toml("zh-Hant", "https://example.org/r").replacen(from, to, 1);
        move |s: &Site| {
            s.write("site.toml", &text);
        }
    };
    let amount = |v: &str| org(&format!("name = \"甲\"\n{ACT}\namount_yuan = {v}"), "");
    let gbk_entry = "+++\nname = \"重庆市社会科学界联合会\"\n[[activities]]\ntype = \"donation\"\nsummary = \"向武汉捐款捐物\"\n+++\n疫情发生后，社区干部积极参与防控工作。\n";
    let big5_entry = "+++\nname = \"重慶市社會科學界聯合會\"\n[[activities]]\ntype = \"donation\"\nsummary = \"向武漢捐款捐物\"\n+++\n疫情發生後，社區幹部積極參與防控工作。\n";
    let ascii_front =
        "+++\nname = \"Org\"\n[[activities]]\ntype = \"donation\"\nsummary = \"x\"\n+++\n";
    let summary = |v: &str| {
        org(
            &format!("name = \"甲\"\n[[activities]]\ntype = \"donation\"\nsummary = {v}"),
            "",
        )
    };
    let template = |rel: &'static str, text: &'static str| {
        move |s: &Site| {
            s.write(rel, text);
        }
    };
    vec![
        // Encodings and bytes that are not text.
        bad("GBK-encoded entry", w("content/orgs/bad.md", encoded(encoding_rs::GBK, gbk_entry)), &["content/orgs/bad.md:2:9", "not UTF-8", "GBK", "重庆市社会科学界联合会", "iconv -f GBK"]),
        bad("Big5-encoded entry", w("content/orgs/bad.md", encoded(encoding_rs::BIG5, big5_entry)), &["content/orgs/bad.md:2:9", "not UTF-8", "Big5", "重慶市社會科學界聯合會"]),
        bad("GBK in the body only", w("content/orgs/bad.md", [ascii_front.as_bytes(), &encoded(encoding_rs::GBK, "疫情发生后，社区干部积极参与防控工作，捐款捐物。\n")].concat()), &["content/orgs/bad.md:7:1", "GBK"]),
        bad("UTF-16LE with BOM", w("content/orgs/bad.md", utf16(true, true, big5_entry)), &["content/orgs/bad.md:1:1", "UTF-16LE", "Notepad"]),
        bad("UTF-16BE with BOM", w("content/orgs/bad.md", utf16(false, true, big5_entry)), &["content/orgs/bad.md:1:1", "UTF-16BE"]),
        bad("UTF-16 without BOM", w("content/orgs/bad.md", utf16(true, false, ascii_front)), &["content/orgs/bad.md:1:2", "NUL", "UTF-16 without a byte-order mark"]),
        bad("NUL byte in a body", w("content/orgs/bad.md", org(&format!("name = \"甲\"\n{ACT}"), "正文\0後文")), &["content/orgs/bad.md:7:3", "NUL"]),
        bad("site.toml in GBK", w("site.toml", encoded(encoding_rs::GBK, &site_toml("zh-Hans", "https://example.org/r").replace("抗疫纪实", "重庆市社会科学界抗击疫情纪实"))), &["site.toml:1:10", "GBK"]),
        bad("a template in Big5", w("templates/page.html", encoded(encoding_rs::BIG5, "{{ page.title }}：重慶市社會科學界聯合會的說明頁面")), &["templates/page.html:1:17", "Big5"]),
        bad("glossary file in GBK", |s: &Site| {
            s.write("glossary.toml", encoded(encoding_rs::GBK, "\"鲜于\" = { zh-Hans = \"鲜于\", zh-Hant = \"鮮于\" }\n"));
            s.write("site.toml", site_toml("zh-Hant", "https://example.org/r").replacen("theme = \"default\"", "theme = \"default\"\nglossary = \"glossary.toml\"", 1));
        }, &["glossary.toml:1:2", "GBK"]),
        bad("theme strings in UTF-16", w("themes/default/strings.toml", utf16(true, true, "[strings]\nhome = \"首頁\"\n")), &["themes/default/strings.toml:1:1", "UTF-16LE"]),
        // Things that are not files where files are expected.
        bad("a FIFO where an entry is expected", |s: &Site| fifo(&s.root().join("content/orgs/pipe.md")), &["content/orgs/pipe.md", "named pipe"]),
        bad("a FIFO as site.toml", |s: &Site| {
            std::fs::remove_file(s.root().join("site.toml")).unwrap();
            fifo(&s.root().join("site.toml"));
        }, &["site.toml", "named pipe"]),
        bad("a FIFO in static/", |s: &Site| fifo(&s.root().join("static/pipe.css")), &["static/pipe.css", "named pipe"]),
        bad("a folder named like an entry", |s: &Site| std::fs::create_dir_all(s.root().join("content/orgs/folder.md")).unwrap(), &["content/orgs/folder.md", "is a folder"]),
        bad("site.toml is a folder", |s: &Site| {
            std::fs::remove_file(s.root().join("site.toml")).unwrap();
            std::fs::create_dir(s.root().join("site.toml")).unwrap();
        }, &["site.toml", "folder"]),
        // Symbolic links.
        bad("an entry linked from outside the site", |s: &Site| link(s, "content/orgs/out.md", outside().join("secret.txt").to_str().unwrap()), &["content/orgs/out.md", "outside the site"]),
        bad("a static file linked from outside the site", |s: &Site| link(s, "static/secret.txt", outside().join("secret.txt").to_str().unwrap()), &["static/secret.txt", "outside the site", "never published"]),
        bad("a static folder linked from outside the site", |s: &Site| link(s, "static/docs", outside().join("docs").to_str().unwrap()), &["static/docs", "outside the site"]),
        bad("a loop of links in content/", |s: &Site| {
            link(s, "content/orgs/a.md", "b.md");
            link(s, "content/orgs/b.md", "a.md");
        }, &["content/orgs/a.md", "loop"]),
        bad("a loop of links in static/", |s: &Site| {
            link(s, "static/a", "b");
            link(s, "static/b", "a");
        }, &["static/a", "loop"]),
        bad("a static link to the folder holding it", |s: &Site| link(s, "static/up", ".."), &["static/up", "loop"]),
        bad("a static link that leads nowhere", |s: &Site| link(s, "static/gone.css", "nowhere.css"), &["static/gone.css", "does not exist"]),
        // Names that collide.
        bad("entries differing only in case", |s: &Site| {
            s.org("Good", &entry("大寫", "donation", "", ""));
        }, &["content/orgs/Good.md", "uppercase", "good.md is beside it", "differ only in case"]),
        bad("one slug in a .md and a .toml", |s: &Site| {
            s.org("dup", &entry("甲會", "donation", "", ""));
            s.write("content/orgs/dup.toml", format!("name = \"乙會\"\n{ACT}\n"));
        }, &["content/orgs/dup.toml", "also used by content/orgs/dup.md", "keep either"]),
        bad("static files differing only in case", |s: &Site| {
            s.write("static/Logo.svg", "<svg/>");
            s.write("static/logo.svg", "<svg></svg>");
        }, &["static/logo.svg", "differ only in case"]),
        bad("a static file over a page", w("static/zh-hant/index.html", b"<p>mine</p>".to_vec()), &["static/zh-hant/index.html", "zh-hant/", "whose files zhpress makes"]),
        bad("a static file over the root page", w("static/index.html", b"<p>mine</p>".to_vec()), &["static/index.html", "would replace index.html", "root.html"]),
        bad("a static file over the sitemap, in other case", w("static/Sitemap.xml", b"<x/>".to_vec()), &["static/Sitemap.xml", "would replace sitemap.xml"]),
        // Amounts.
        bad("negative decimal amount", w("content/orgs/bad.md", amount("-41379.99")), &["content/orgs/bad.md:6:15", "negative"]),
        bad("amount of 2^63 - 1", w("content/orgs/bad.md", amount("9223372036854775807")), &["content/orgs/bad.md:6:15", "too large"]),
        bad("amount of a tenth of a fen", w("content/orgs/bad.md", amount("0.001")), &["content/orgs/bad.md:6:15", "more than 2 decimals"]),
        bad("amount nan", w("content/orgs/bad.md", amount("nan")), &["content/orgs/bad.md:6:15", "not a plain decimal"]),
        bad("amount -inf", w("content/orgs/bad.md", amount("-inf")), &["content/orgs/bad.md:6:15", "amount"]),
        bad("quantity with 4 decimals", w("content/orgs/bad.md", org(&format!("name = \"甲\"\n{ACT}\nitems = [ {{ name = \"口罩\", quantity = 1.0001 }} ]"), "")), &["content/orgs/bad.md:6:", "more than 3 decimals"]),
        // Markdown that would not render as written.
        bad("a summary of two paragraphs", w("content/orgs/bad.md", summary("\"第一段\\n\\n第二段\"")), &["content/orgs/bad.md:5:19", "activities[1].summary", "second paragraph"]),
        bad("a multi-line summary of two paragraphs", w("content/orgs/bad.md", summary("\"\"\"\n第一段\n\n第二段\"\"\"")), &["content/orgs/bad.md:8:1", "second paragraph"]),
        bad("a summary that is a list", w("content/orgs/bad.md", summary("\"捐款：\\n- 口罩\\n- 手套\"")), &["content/orgs/bad.md:5:17", "a list"]),
        bad("an organization summary with a heading", w("content/orgs/bad.md", org(&format!("name = \"甲\"\nsummary = \"# 標題\"\n{ACT}"), "")), &["content/orgs/bad.md:3:12", "summary", "heading"]),
        bad("a body nested 300 deep", w("content/orgs/bad.md", org(&format!("name = \"甲\"\n{ACT}"), &"> ".repeat(300))), &["content/orgs/bad.md:7:513", "nested more than 256"]),
        bad("a body of 100,000 unclosed <div>", w("content/orgs/bad.md", org(&format!("name = \"甲\"\n{ACT}"), &format!("正文\n\n{}", "<div>".repeat(100_000)))), &["content/orgs/bad.md:9:1", "nested more than 256"]),
        bad("front matter nested 100,000 deep", w("content/orgs/bad.md", org(&format!("name = \"甲\"\nx = {}{}\n{ACT}", "[".repeat(100_000), "]".repeat(100_000)), "")), &["content/orgs/bad.md:3:", "TOML"]),
        // Templates that would never end, or crash.
        bad("a macro that calls itself", |s: &Site| {
            s.write("templates/rec.html", "{% macro m(n) %}{{ rec::m(n=n+1) }}{% endmacro m %}");
            s.write("templates/page.html", "{% import \"rec.html\" as rec %}{{ rec::m(n=1) }}");
        }, &["templates/rec.html:1:20", "call itself", "macro `m` of rec.html"]),
        bad("a template that includes itself", template("templates/page.html", "{{ page.title }}{% include \"page.html\" %}"), &["templates/page.html:1:28", "call itself"]),
        bad("a template that loops for ever", template("templates/page.html", "{% for a in range(end=1000000) %}{% for b in range(end=1000000) %}{% endfor %}{% endfor %}"), &["templates/page.html", "more than 2 s", "content/pages/about.md", "nothing was written"]).env("ZHPRESS_RENDER_TIMEOUT", "2"),
        bad("a range of 10^10 numbers", template("templates/page.html", "{% for a in range(end=10000000000) %}{% endfor %}"), &["templates/page.html", "at most 1000000"]),
        // site.toml values.
        bad("variants = []", site_with("[[variants]]\ncode = \"zh-Hant\"\npath = \"zh-hant\"\nlabel = \"繁體\"\n\n[[variants]]\ncode = \"zh-Hans\"\npath = \"zh-hans\"\nlabel = \"简体\"", "variants = []"), &["site.toml:6:12", "empty list"]),
        bad("activity_types = []", |s: &Site| {
            let text = site_toml("zh-Hant", "https://example.org/r");
            let cut = text.find("[[activity_types]]").unwrap();
            s.write("site.toml", text[..cut].replacen("theme = \"default\"\n", "theme = \"default\"\nactivity_types = []\n", 1));
        }, &["site.toml:5:18", "empty list"]),
        bad("base_url not a URL", site_with("https://example.org/r", "not a url"), &["site.toml:2:12", "not an address"]),
        bad("base_url with a space", site_with("https://example.org/r", "https://example.org/my report"), &["site.toml:2:12", "space"]),
        bad("base_url with a query", site_with("https://example.org/r", "https://example.org/?page=1"), &["site.toml:2:12", "query"]),
        // Flags and environment: usage errors, exit 2.
        bad("--base-url not a URL", |_: &Site| {}, &["--base-url `not a url`", "not an address"]).usage(&["--base-url", "not a url"]),
        bad("--base-url with a space", |_: &Site| {}, &["--base-url", "space"]).usage(&["--base-url", "https://example.org/a b"]),
        bad("--base-url of another scheme", |_: &Site| {}, &["--base-url", "`ftp:`"]).usage(&["--base-url", "ftp://example.org/"]),
        bad("ZHPRESS_RENDER_TIMEOUT not a number", |_: &Site| {}, &["ZHPRESS_RENDER_TIMEOUT=soon"]).usage(&[]).env("ZHPRESS_RENDER_TIMEOUT", "soon"),
    ]
}

/// Runs zhpress with `args` and `env`; a run that outlasts `limit` is killed
/// (a hang is a failure, reported as such, not a stuck test).
fn run_bounded(
    site: &Site,
    args: &[&str],
    env: &[(&str, &str)],
    limit: std::time::Duration,
) -> Option<std::process::Output> {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_zhpress"))
        .arg("--root")
        .arg(site.root())
        .arg("build")
        .args(args)
        .envs(env.iter().copied())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    Some(child.wait_with_output().unwrap())
}

#[test]
fn round_two_fails_clearly_never_hangs_and_keeps_the_old_output() {
    let cases = round_two();
    assert!(cases.len() >= 30, "{} cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let site = good_site();
        let before = snapshot(&site.out());
        (case.make)(&site);
        let Some(o) = run_bounded(
            &site,
            &case.args,
            &case.env,
            std::time::Duration::from_secs(300),
        ) else {
            failures.push(format!("{}: still running after 300 s", case.what));
            continue;
        };
        let err = stderr(&o);
        if o.status.code() != Some(case.code) {
            failures.push(format!(
                "{}: exit {:?}, not {}\n{err}",
                case.what, o.status, case.code
            ));
            continue;
        }
        if err.contains("panicked") {
            failures.push(format!("{}: a panic\n{err}", case.what));
        }
        for n in &case.needles {
            if !err.contains(n) {
                failures.push(format!("{}: `{n}` not in:\n{err}", case.what));
            }
        }
        if snapshot(&site.out()) != before {
            failures.push(format!("{}: the previous output changed", case.what));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// Editors' swap and backup files, and hidden folders, are not content and
/// are not published: the site builds as if they were not there.
#[test]
fn editors_files_are_ignored() {
    let site = good_site();
    let before = snapshot(&site.out());
    let junk = [
        "content/orgs/.good.md.swp",
        "content/orgs/.good.md.swo",
        "content/orgs/good.md~",
        "content/orgs/#good.md#",
        "content/orgs/good.md.bak",
        "content/orgs/4913",
        "content/orgs/good.md.tmp",
        "content/orgs/good.md___jb_tmp___",
        "content/.obsidian/workspace.json",
        "content/pages/.about.md.kate-swp",
        "static/style.css~",
        "static/.DS_Store",
    ];
    for j in junk {
        site.write(j, b"\x00\xff not an entry");
    }
    assert_ok(&site.build(&[]));
    assert_eq!(snapshot(&site.out()), before);
}

/// Stress inputs: a 50 MB entry builds; nesting 5,000 deep fails at the
/// place it goes too deep (the sanitizer's time grows with the square of the
/// depth), and neither crashes.
#[test]
fn huge_and_deeply_nested_input() {
    let site = Site::traditional();
    // About 50 MB of prose in one entry.
    let paragraph = "疫情發生後，社區幹部並且用於購買防疫物資。".repeat(40) + "\n\n";
    let body = paragraph.repeat(50_000_000 / paragraph.len());
    site.org("huge", &entry("大會", "donation", "", &body));
    assert_ok(&site.build(&[]));
    let html = std::fs::read(site.out().join("zh-hans/orgs/huge/index.html")).unwrap();
    assert!(html.len() > 40_000_000);
    assert!(String::from_utf8_lossy(&html[..200_000]).contains("疫情发生后，社区干部并且用于购买"));
    // Deeply nested Markdown: quotes, lists and emphasis.
    for (what, deep) in [
        ("quotes", format!("{}深", "> ".repeat(5000))),
        ("lists", format!("{}深", "- ".repeat(5000))),
        (
            "emphasis",
            format!("{}深{}", "*".repeat(10000), "*".repeat(10000)),
        ),
    ] {
        site.org("deep", &entry("深會", "donation", "", &deep));
        let o = site.build(&[]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{what}: {err}");
        assert!(
            err.contains("content/orgs/deep.md:9:") && err.contains("nested more than 256"),
            "{what}: {err}"
        );
    }
}
