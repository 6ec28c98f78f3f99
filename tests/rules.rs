//! Conversion rules at three levels, per-variant override files, and any
//! number of variants: what readers see on the built pages.

mod common;

use common::*;

fn four_variants(source: &str) -> String {
    format!(
        r#"title = "抗疫紀實"
base_url = "https://example.org/r"
source = "{source}"

[[variants]]
code = "zh-Hant"
path = "zh-hant"
label = "繁體"

[[variants]]
code = "zh-Hans"
path = "zh-hans"
label = "简体"

[[variants]]
code = "zh-TW"
path = "zh-tw"
label = "臺灣正體"

[[variants]]
code = "zh-HK"
path = "zh-hk"
label = "香港繁體"

[[activity_types]]
key = "research"
name = "調研建言"
"#
    )
}

#[test]
fn glossary_entry_rules_and_hidden_rules() {
    let site = Site::simplified();
    let toml = site_toml("zh-Hans", "https://example.org/r").replace(
        "theme = \"default\"",
        "theme = \"default\"\n\n[glossary]\n\"于谦\" = { zh-Hant = \"于謙\" }\n\"范先生\" = { zh-Hant = \"范先生\", zh-Hans = \"范先生\" }\n\"软件\" = { zh-Hant = \"軟體\" }",
    );
    site.write("site.toml", toml);
    site.org(
        "a",
        "+++\nname = \"于谦研究会\"\n\n[rules]\n\"软件\" = { zh-Hant = \"軟件\" }\n\n[[activities]]\ntype = \"research\"\nsummary = \"范先生开发软件\"\n+++\n于谦与范先生。-{H|zh-Hans:计算机;zh-Hant:電腦}-计算机。关于干部。\n",
    );
    site.org("b", "+++\nname = \"软件协会\"\n\n[[activities]]\ntype = \"research\"\nsummary = \"于谦的软件\"\n+++\n正文\n");
    assert_ok(&site.build(&[]));
    let a = site.read("zh-hant/orgs/a/index.html");
    assert!(a.contains("<h1>于謙研究會</h1>"), "glossary: {a}");
    assert!(
        a.contains("范先生開發軟件"),
        "entry rule beats glossary, glossary keeps 范先生: {a}"
    );
    assert!(
        a.contains("于謙與范先生。電腦。關於幹部。"),
        "hidden rule applies, shows nothing; dictionaries still work: {a}"
    );
    let b = site.read("zh-hant/orgs/b/index.html");
    assert!(
        b.contains("軟體協會") && b.contains("于謙的軟體"),
        "glossary applies to every entry, entry rules only to theirs: {b}"
    );
    let hans = site.read("zh-hans/orgs/a/index.html");
    assert!(hans.contains("于谦与范先生。计算机。关于干部。"), "{hans}");
}

#[test]
fn a_glossary_file_and_bad_rules() {
    let site = Site::traditional();
    let toml = site_toml("zh-Hant", "https://example.org/r").replace(
        "theme = \"default\"",
        "theme = \"default\"\nglossary = \"glossary.toml\"",
    );
    site.write("site.toml", toml);
    site.write(
        "glossary.toml",
        "\"鮮于\" = { zh-Hans = \"鲜于\" }\n\"乾隆\" = { zh-Hans = \"乾隆\" }\n",
    );
    site.org("a", &entry("鮮于研究會", "research", "", "乾隆年間"));
    assert_ok(&site.build(&[]));
    let hans = site.read("zh-hans/orgs/a/index.html");
    assert!(
        hans.contains("鲜于研究会") && hans.contains("乾隆年间"),
        "{hans}"
    );

    site.write("glossary.toml", "\"鮮于\" = { zh-Hnas = \"鲜于\" }\n");
    let o = site.build(&[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("glossary.toml:1:")
            && err.contains("zh-Hnas")
            && err.contains("did you mean `zh-Hans`?"),
        "{err}"
    );

    site.write("glossary.toml", "");
    site.org(
        "a",
        "+++\nname = \"甲\"\n[[activities]]\ntype = \"research\"\nsummary = \"-{H|鮮于}-\"\n+++\n",
    );
    let o = site.build(&[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("content/orgs/a.md:5:") && stderr(&o).contains("hidden rule"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn override_files_replace_one_variant() {
    let site = Site::traditional();
    site.org("a", &entry("乾坤研究會", "research", "", "原文正文"));
    site.write("content/orgs/a.zh-Hans.md", "+++\nname = \"乾坤研究会（简体手写版）\"\n\n[[activities]]\ntype = \"research\"\nsummary = \"手写的概述\"\n+++\n手写的简体正文\n");
    assert_ok(&site.build(&[]));
    let hans = site.read("zh-hans/orgs/a/index.html");
    assert!(
        hans.contains("乾坤研究会（简体手写版）")
            && hans.contains("手写的简体正文")
            && !hans.contains("原文正文"),
        "{hans}"
    );
    let hant = site.read("zh-hant/orgs/a/index.html");
    assert!(hant.contains("原文正文"));
    site.write("content/orgs/a.zh-XX.md", entry("甲", "research", "", ""));
    let o = site.build(&[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("`zh-XX` is not a variant"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn four_variants_with_taiwan_phrasing() {
    let site = Site::new(&four_variants("zh-Hans"));
    site.org(
        "a",
        &entry(
            "软件与网络信息协会",
            "research",
            "",
            "用打印机打印数据库里的信息。隐公元年。",
        ),
    );
    assert_ok(&site.build(&[]));
    let tw = site.read("zh-tw/orgs/a/index.html");
    // Prose-safe Taiwan phrasing (the default): 信息 is kept, 軟件/網絡 are not.
    assert!(tw.contains("軟體與網路信息協會"), "{tw}");
    assert!(
        tw.contains("資料庫") && tw.contains("印表機") && tw.contains("隱公元年"),
        "{tw}"
    );
    assert!(tw.contains("<html lang=\"zh-TW\">"));
    let hk = site.read("zh-hk/orgs/a/index.html");
    assert!(
        hk.contains("<html lang=\"zh-HK\">") && hk.contains("軟件"),
        "{hk}"
    );
    for v in ["zh-hant", "zh-hans", "zh-tw", "zh-hk"] {
        let html = site.read(&format!("{v}/orgs/a/index.html"));
        for (code, path) in [
            ("zh-Hant", "zh-hant"),
            ("zh-Hans", "zh-hans"),
            ("zh-TW", "zh-tw"),
            ("zh-HK", "zh-hk"),
        ] {
            assert!(
                html.contains(&format!(
                    "hreflang=\"{code}\" href=\"https://example.org/r/{path}/orgs/a/\""
                )),
                "{v} → {code}"
            );
            if path != v {
                assert!(
                    html.contains(&format!("href=\"../../../{path}/orgs/a/index.html\"")),
                    "{v}: switcher to {path}"
                );
            }
        }
        let data = site.json(&format!("{v}/data.json"));
        assert_eq!(data["organizations"].as_array().unwrap().len(), 1);
    }
    let sitemap = site.read("sitemap.xml");
    assert_eq!(
        sitemap.matches("<url>").count(),
        8 * 4,
        "8 pages (home, activities, stats, the donations table, the data page, the categories page, 1 type, 1 org) × 4 variants"
    );
    assert!(sitemap.contains("hreflang=\"zh-HK\" href=\"https://example.org/r/zh-hk/orgs/a/\""));
}

#[test]
fn four_variants_from_a_traditional_source() {
    let site = Site::new(&four_variants("zh-Hant"));
    site.org(
        "a",
        &entry(
            "軟件與網絡信息協會",
            "research",
            "",
            "用打印機打印數據庫裏的信息。",
        ),
    );
    assert_ok(&site.build(&[]));
    let tw = site.read("zh-tw/orgs/a/index.html");
    assert!(
        tw.contains("軟體與網路信息協會") && tw.contains("資料庫") && tw.contains("印表機"),
        "Taiwan phrasing from a Traditional source: {tw}"
    );
    let hans = site.read("zh-hans/orgs/a/index.html");
    assert!(hans.contains("软件与网络信息协会"), "{hans}");
}
