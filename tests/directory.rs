//! Structured data that tells the truth: approximate figures, head counts
//! with their unit, declared fields of every type, categories, files
//! beside an entry, CSV downloads, quoted dates and dates from git.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

fn report() -> Site {
    let site = Site::new(&std::fs::read_to_string(Path::new(REPO).join("site.toml")).unwrap());
    copy_dir(
        &Path::new(REPO).join("content"),
        &site.root().join("content"),
    );
    site
}

#[test]
fn the_report_keeps_its_qualifiers_and_never_calls_an_approximate_total_exact() {
    let site = report();
    assert_ok(&site.build(&[]));
    let data = site.json("zh-hant/data.json");
    let guoji = data["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["slug"] == "guoji-shuishou-yanjiuhui")
        .unwrap();
    let a = &guoji["activities"][0];
    assert_eq!(a["amount_yuan"], "31000000.00");
    assert_eq!(a["amount_approximate"], true);
    assert_eq!(a["amount_qualifier"], "近");
    assert_eq!(data["totals"]["amount_yuan"], "43668263.99");
    assert_eq!(data["totals"]["amount_approximate"], true);
    let page = site.read("zh-hant/orgs/guoji-shuishou-yanjiuhui/index.html");
    let facts = &page[page.find("<dl class=\"facts\">").expect("figures")..];
    assert!(
        facts.contains(">近3100萬元</data>"),
        "in the figures, not only the prose: {facts}"
    );
    for p in ["zh-hant/index.html", "zh-hant/stats/index.html"] {
        let html = site.read(p);
        assert!(
            html.contains("約4367萬元") && html.contains("（含約數）"),
            "{p}"
        );
        assert!(
            !html.contains("精確金額 43,668,263.99"),
            "{p} calls an approximate total exact"
        );
    }
    assert!(site.read("zh-hans/index.html").contains("约4367万元"));
    // Qualified quantities and head counts, as the report writes them.
    let zhaoxin = site.read("zh-hans/orgs/zhaoxin-jiaoyu-yanjiuyuan/index.html");
    assert!(zhaoxin.contains("40余万只"), "四十余萬只");
    let xinshiji = site.read("zh-hant/orgs/xinshiji-guofang-jiaoyu-yanjiuyuan/index.html");
    assert!(
        xinshiji.contains(">30多人次</data>"),
        "person-visits are not people"
    );
    let counts = site.json("zh-hant/data.json");
    let x = counts["organizations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["slug"] == "xinli-zixunshi-xiehui")
        .unwrap();
    let a = &x["activities"][0];
    assert_eq!(a["people"], 18000);
    assert_eq!(a["people_unit"], "人");
    assert_eq!(a["people_label"], "受益人員");
    assert_eq!(a["people_qualifier"], "近");
}

/// Sums the decimal strings of a CSV column exactly, in fen.
fn column_sum(csv: &str, column: &str) -> i64 {
    let csv = csv.trim_start_matches('\u{feff}');
    let mut r = csv::Reader::from_reader(csv.as_bytes());
    let at = r
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == column)
        .unwrap();
    r.records()
        .map(|rec| rec.unwrap()[at].to_string())
        .filter(|v| !v.is_empty())
        .map(|v| {
            let (y, f) = v.split_once('.').unwrap();
            y.parse::<i64>().unwrap() * 100 + f.parse::<i64>().unwrap()
        })
        .sum()
}

#[test]
fn each_variant_has_csv_tables_that_sum_to_the_total() {
    let site = report();
    assert_ok(&site.build(&[]));
    for v in ["zh-hant", "zh-hans"] {
        for t in ["organizations.csv", "activities.csv"] {
            let bytes = std::fs::read(site.out().join(v).join(t)).unwrap();
            assert!(
                bytes.starts_with(b"\xEF\xBB\xBF"),
                "{v}/{t}: a BOM for Excel"
            );
            let text = String::from_utf8(bytes).unwrap();
            assert_eq!(column_sum(&text, "amount_yuan"), 4_366_826_399, "{v}/{t}");
        }
        let acts = site.read(&format!("{v}/activities.csv"));
        assert!(acts.contains(",true,"), "approximate flags");
        let page = site.read(&format!("{v}/data/index.html"));
        for col in ["amount_approximate", "people_unit", "organizations.csv"] {
            assert!(page.contains(col), "{v}: the data page explains {col}");
        }
    }
    assert!(site
        .read("zh-hans/organizations.csv")
        .contains("重庆市国际税收研究会"));
}

const FIELDS: &str = r#"
[[fields]]
key = "website"
type = "url"
name = "網站"

[[fields]]
key = "founded"
type = "integer"
name = "成立年份"
required = true

[[fields]]
key = "address"
type = "text"
name = "地址"

[[fields]]
key = "history"
type = "markdown"
name = "沿革"

[[fields]]
key = "email"
type = "email"
name = "電郵"

[[fields]]
key = "registered"
type = "date"
name = "登記日期"

[[fields]]
key = "capital"
type = "money"
name = "註冊資金"

[[fields]]
key = "logo"
type = "image"
name = "標誌"

[[fields]]
key = "location"
type = "coordinates"
name = "位置"
"#;

fn with_fields() -> Site {
    let site = Site::new(&format!(
        "{}{}",
        site_toml("zh-Hant", "https://example.org/report"),
        FIELDS
    ));
    site.write(
        "content/orgs/jia/index.md",
        "+++\nname = \"甲研究會\"\ncategory = \"研究會\"\nwebsite = \"https://jia.example.org/\"\nfounded = 1998\naddress = \"重慶市渝中區發展路\"\nhistory = \"成立於**1998年**，後來改名。\"\nemail = \"info@jia.example.org\"\nregistered = \"2001-05-04\"\ncapital = { value = 30000, qualifier = \"約\" }\nlogo = \"logo.png\"\nlocation = [29.56, 106.55]\n\n[[activities]]\ntype = \"research\"\nsummary = \"調研\"\n+++\n正文，見![圖](photo.png)。\n",
    );
    site.write("content/orgs/jia/logo.png", b"\x89PNG\r\n\x1a\nlogo");
    site.write("content/orgs/jia/photo.png", b"\x89PNG\r\n\x1a\nphoto");
    site.org(
        "yi",
        "+++\nname = \"乙學會\"\ncategory = \"學會\"\nfounded = 2005\n\n[[activities]]\ntype = \"donation\"\nsummary = \"捐款\"\namount_yuan = 500\n+++\n乙\n",
    );
    site
}

#[test]
fn declared_fields_of_every_type_are_shown_converted_and_exported() {
    let site = with_fields();
    assert_ok(&site.build(&[]));
    let hant = site.read("zh-hant/orgs/jia/index.html");
    for shown in [
        "<dt>網站</dt><dd><a href=\"https://jia.example.org/\">",
        "<dt>成立年份</dt><dd>1998",
        "重慶市渝中區發展路",
        "<strong>1998年</strong>",
        "href=\"mailto:info@jia.example.org\"",
        "2001年5月4日",
        "約3萬元",
        "<img src=\"logo.png\"",
        "29.56, 106.55",
    ] {
        assert!(hant.contains(shown), "{shown} in:\n{hant}");
    }
    let hans = site.read("zh-hans/orgs/jia/index.html");
    assert!(
        hans.contains("<dt>网站</dt>")
            && hans.contains("重庆市渝中区发展路")
            && hans.contains("成立于"),
        "labels and text converted"
    );
    assert!(hans.contains("约3万元"));
    let data = site.json("zh-hans/data.json");
    let jia = &data["organizations"][0]["fields"];
    assert_eq!(jia["website"], "https://jia.example.org/");
    assert_eq!(jia["founded"], 1998);
    assert_eq!(jia["capital"], "30000.00");
    assert_eq!(jia["registered"], "2001-05-04");
    assert_eq!(jia["location"][0], 29.56);
    assert_eq!(jia["address"], "重庆市渝中区发展路");
    let csv = site.read("zh-hans/organizations.csv");
    let header = csv.lines().next().unwrap();
    assert!(
        header.ends_with("website,founded,address,history,email,registered,capital,logo,location"),
        "{header}"
    );
    assert!(
        csv.contains("https://jia.example.org/,1998,重庆市渝中区发展路"),
        "{csv}"
    );
    // Files beside the entry are beside its page, in every variant.
    for v in ["zh-hant", "zh-hans"] {
        assert_eq!(
            std::fs::read(site.out().join(v).join("orgs/jia/logo.png")).unwrap(),
            b"\x89PNG\r\n\x1a\nlogo"
        );
        assert!(site
            .read(&format!("{v}/orgs/jia/index.html"))
            .contains("src=\"photo.png\""));
    }
    assert_ok(&zhpress(site.root(), &["check"]));
}

#[test]
fn a_wrong_field_value_is_an_error_at_its_place() {
    for (line, wrong, what) in [
        ("website = \"not a url\"", "website", "is not a web address"),
        ("website = 42", "website", "expected a web address"),
        ("founded = \"1998年\"", "founded", "expected a whole number"),
        ("email = \"info\"", "email", "is not an e-mail address"),
        (
            "registered = \"2001-13-01\"",
            "registered",
            "expected a date",
        ),
        ("capital = -5", "capital", "negative"),
        (
            "logo = \"missing.png\"",
            "logo",
            "there is no file `missing.png` beside the entry",
        ),
        ("location = [99, 106]", "location", "latitude"),
        ("address = 3", "address", "expected text"),
        ("history = true", "history", "expected text"),
        (
            "websit = \"https://x.org/\"",
            "websit",
            "did you mean `website`?",
        ),
    ] {
        let site = with_fields();
        site.write(
            "content/orgs/jia/index.md",
            format!("+++\nname = \"甲研究會\"\nfounded = 1998\n{line}\n\n[[activities]]\ntype = \"research\"\nsummary = \"調研\"\n+++\n正文\n").replace("founded = 1998\nfounded", "founded"),
        );
        let o = site.build(&[]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{line}: {err}");
        let at = if wrong == "founded" {
            "content/orgs/jia/index.md:3:"
        } else {
            "content/orgs/jia/index.md:4:"
        };
        assert!(
            err.contains(at) && err.contains(what),
            "{line}: want {at} and {what} in:\n{err}"
        );
    }
    // A required field left out.
    let site = with_fields();
    site.org(
        "bing",
        "+++\nname = \"丙會\"\n\n[[activities]]\ntype = \"research\"\nsummary = \"調研\"\n+++\n",
    );
    let err = stderr(&site.build(&[]));
    assert!(
        err.contains("content/orgs/bing.md") && err.contains("`founded` is missing"),
        "{err}"
    );
    // A field declared wrongly in site.toml.
    let site = Site::new(&format!(
        "{}\n[[fields]]\nkey = \"site\"\ntype = \"urls\"\nname = \"網站\"\n",
        site_toml("zh-Hant", "https://example.org/r")
    ));
    let err = stderr(&site.build(&[]));
    assert!(
        err.contains("site.toml:")
            && err.contains("no field type `urls`")
            && err.contains("did you mean `url`?"),
        "{err}"
    );
}

#[test]
fn categories_have_pages_linked_from_their_organizations() {
    let site = with_fields();
    assert_ok(&site.build(&[]));
    for v in ["zh-hant", "zh-hans"] {
        let cat = site.read(&format!("{v}/categories/研究會/index.html"));
        assert!(
            cat.contains("orgs/jia/index.html") && !cat.contains("orgs/yi/"),
            "{cat}"
        );
        let org = site.read(&format!("{v}/orgs/jia/index.html"));
        assert!(
            org.contains("categories/%E7%A0%94%E7%A9%B6%E6%9C%83/index.html"),
            "the same folder in every variant, percent-encoded in links: {org}"
        );
        let all = site.read(&format!("{v}/categories/index.html"));
        assert!(all.contains("%E5%AD%B8%E6%9C%83/index.html"));
    }
    let stats = site.read("zh-hans/stats/index.html");
    assert!(
        stats.contains("学会") && stats.contains("研究会"),
        "{stats}"
    );
}

#[test]
fn a_missing_linked_file_is_reported_where_it_is_written() {
    let site = with_fields();
    site.write(
        "content/orgs/jia/index.md",
        std::fs::read_to_string(site.root().join("content/orgs/jia/index.md"))
            .unwrap()
            .replace(
                "![圖](photo.png)",
                "![圖](nope.png)和[文件](/report/files/a.pdf)",
            ),
    );
    assert_ok(&site.build(&[]));
    let o = zhpress(site.root(), &["check"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        err.contains("content/orgs/jia/index.md:18:5") && err.contains("`nope.png`"),
        "{err}"
    );
    assert!(
        err.contains("`/report/files/a.pdf`"),
        "root-absolute links are checked: {err}"
    );
    assert!(
        !err.contains("output/"),
        "named by the source file, not an output path: {err}"
    );
    site.write("static/files/a.pdf", "%PDF");
    site.write("content/orgs/jia/nope.png", "png");
    assert_ok(&zhpress(site.root(), &["check"]));
}

fn git(root: &Path, args: &[&str], date: &str) {
    let ok = Command::new("git")
        .current_dir(root)
        .args(["-c", "user.name=編輯", "-c", "user.email=e@example.org"])
        .args(args)
        .env("GIT_COMMITTER_DATE", date)
        .env("GIT_AUTHOR_DATE", date)
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "git {args:?}");
}

#[test]
fn the_last_update_comes_from_git_history() {
    if Command::new("git").arg("--version").output().is_err() {
        return skip("git is not installed");
    }
    let site = with_fields();
    git(site.root(), &["init", "-q"], "2021-01-01T10:00:00Z");
    git(site.root(), &["add", "."], "2021-01-01T10:00:00Z");
    git(
        site.root(),
        &["commit", "-qm", "first"],
        "2021-01-01T10:00:00Z",
    );
    site.write("content/orgs/jia/logo.png", b"\x89PNG\r\n\x1a\nnew logo");
    git(
        site.root(),
        &["commit", "-qam", "a new logo"],
        "2022-03-04T10:00:00Z",
    );
    assert_ok(&site.build(&[]));
    let jia = site.read("zh-hant/orgs/jia/index.html");
    assert!(
        jia.contains("<time datetime=\"2022-03-04\">2022年3月4日</time>"),
        "a file beside it changed: {jia}"
    );
    assert!(site
        .read("zh-hant/orgs/yi/index.html")
        .contains("2021年1月1日"));
    let sitemap = site.read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/report/zh-hant/orgs/jia/</loc>\n    <lastmod>2022-03-04</lastmod>"), "{sitemap}");
    let feed = site.read("zh-hant/atom.xml");
    let jia_at = feed.find("orgs/jia/").unwrap();
    assert!(feed.find("orgs/yi/").unwrap() > jia_at, "the newest first");
    assert!(feed.contains("<updated>2022-03-04T00:00:00Z</updated>"));
    // Outside git: no dates made up.
    let plain = with_fields();
    assert_ok(&plain.build(&[]));
    assert!(!plain
        .read("zh-hant/orgs/jia/index.html")
        .contains("class=\"updated\""));
    let feed = plain.read("zh-hant/atom.xml");
    assert!(
        feed.contains("<updated>1970-01-01T00:00:00Z</updated>"),
        "an undated entry gets no other entry's date: {feed}"
    );
}

#[test]
fn quoted_dates_are_dates() {
    let site = Site::traditional();
    site.org(
        "a",
        &entry("甲會", "research", "date = \"2020-02-08\"", "記述"),
    );
    assert_ok(&site.build(&[]));
    assert!(site
        .read("zh-hant/orgs/a/index.html")
        .contains("<time datetime=\"2020-02-08\">2020年2月8日</time>"));
    assert_eq!(
        site.json("zh-hant/data.json")["organizations"][0]["activities"][0]["date"],
        "2020-02-08"
    );
}
