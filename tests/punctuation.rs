//! Punctuation per variant (issue 15, points 6 and 7), as readers and editors
//! see it: quotation marks in each variant's style (`quotes`), the lint for
//! half-width marks between Chinese characters and its `--fix`, unpaired
//! quotation marks, and emphasis next to CJK punctuation.

mod common;

use common::*;

/// site_toml with `quotes` set per variant: corner brackets for zh-Hant, curly
/// quotes for zh-Hans, and quotation marks in the title and a type's description.
fn quoted_site() -> Site {
    let toml = site_toml("zh-Hant", "https://example.org/report")
        .replacen("title = \"抗疫紀實\"", "title = \"“抗疫”紀實\"", 1)
        .replacen(
            "path = \"zh-hant\"\nlabel = \"繁體\"",
            "path = \"zh-hant\"\nlabel = \"繁體\"\nquotes = \"corner\"",
            1,
        )
        .replacen(
            "path = \"zh-hans\"\nlabel = \"简体\"",
            "path = \"zh-hans\"\nlabel = \"简体\"\nquotes = \"curly\"",
            1,
        )
        .replacen(
            "name = \"調研建言\"",
            "name = \"調研建言\"\ndescription = \"為黨委政府“排憂解難”的調研。\"",
            1,
        );
    Site::new(&toml)
}

/// Every HTML page of a variant, joined.
fn pages(site: &Site, variant: &str) -> String {
    let mut all = String::new();
    for e in walkdir::WalkDir::new(site.out().join(variant)).sort_by_file_name() {
        let e = e.unwrap();
        if e.path().extension().is_some_and(|x| x == "html") {
            all.push_str(&std::fs::read_to_string(e.path()).unwrap());
        }
    }
    all
}

#[test]
fn quotation_marks_follow_each_variants_style_by_nesting() {
    let site = quoted_site();
    site.org(
        "yinhao",
        "+++\nname = \"“書香”讀書會\"\nsummary = \"發起‘雲’閱讀\"\n\n[[activities]]\ntype = \"research\"\nsummary = \"號召會員增強“四個意識”\"\n+++\n他說：「我讀了『抗疫』一文。」又說：“要做到‘兩個維護’。”\n\n代碼`「原樣」`、[連結](https://example.org/“後”) 與 -{“照錄”}- 不變。\n",
    );
    assert_ok(&site.build(&[]));
    let hant = site.read("zh-hant/orgs/yinhao/index.html");
    let hans = site.read("zh-hans/orgs/yinhao/index.html");
    // Corner brackets in zh-Hant, whatever the source wrote; curly quotes in zh-Hans.
    assert!(
        hant.contains("他說：「我讀了『抗疫』一文。」又說：「要做到『兩個維護』。」"),
        "{hant}"
    );
    assert!(
        hans.contains("他说：“我读了‘抗疫’一文。”又说：“要做到‘两个维护’。”"),
        "{hans}"
    );
    // Names, summaries and activity summaries go the same way.
    assert!(hant.contains("「書香」讀書會"), "{hant}");
    assert!(hans.contains("“书香”读书会"), "{hans}");
    assert!(hant.contains("號召會員增強「四個意識」"), "{hant}");
    assert!(hans.contains("号召会员增强“四个意识”"), "{hans}");
    // Never in code, a URL or -{…}-.
    for html in [&hant, &hans] {
        assert!(html.contains("<code>「原樣」</code>"), "{html}");
        assert!(
            html.contains("href=\"https://example.org/%E2%80%9C%E5%BE%8C%E2%80%9D\""),
            "{html}"
        );
        assert!(html.contains("“照錄”"), "{html}");
    }
    // The site title and a type's description.
    let home_hant = site.read("zh-hant/index.html");
    assert!(home_hant.contains("「抗疫」紀實"), "{home_hant}");
    assert!(site.read("zh-hans/index.html").contains("“抗疫”纪实"));
    assert!(pages(&site, "zh-hant").contains("為黨委政府「排憂解難」的調研。"));
    assert!(pages(&site, "zh-hans").contains("为党委政府“排忧解难”的调研。"));
    // data.json, the feed and search read the same publication.
    let data = std::fs::read_to_string(site.out().join("zh-hant/data.json")).unwrap();
    assert!(data.contains("「書香」讀書會"), "{data}");
}

#[test]
fn a_variant_without_quotes_keeps_the_marks_as_written() {
    let site = Site::traditional();
    site.org(
        "a",
        &entry("甲會", "research", "", "他說：「好」，又說“對”。"),
    );
    assert_ok(&site.build(&[]));
    assert!(site
        .read("zh-hant/orgs/a/index.html")
        .contains("他說：「好」，又說“對”。"));
    assert!(site
        .read("zh-hans/orgs/a/index.html")
        .contains("他说：「好」，又说“对”。"));
}

#[test]
fn a_wrong_quotes_value_is_an_error_at_its_place() {
    let toml = site_toml("zh-Hant", "https://example.org/report").replacen(
        "label = \"简体\"",
        "label = \"简体\"\nquotes = \"corners\"",
        1,
    );
    let site = Site::new(&toml);
    site.org("a", &entry("甲會", "research", "", "正文"));
    let o = site.build(&[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let line = toml.lines().position(|l| l.starts_with("quotes")).unwrap() + 1;
    assert!(
        err.contains("no quotation style is called `corners`")
            && err.contains(&format!("site.toml:{line}:10"))
            && err.contains("did you mean `corner`?")
            && err.contains("quotes = \"curly\""),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn unpaired_quotation_marks_are_reported_and_the_rest_converted() {
    let site = quoted_site();
    site.org(
        "a",
        "+++\nname = \"甲會\"\n\n[[activities]]\ntype = \"research\"\nsummary = \"活動\"\n+++\n“第一句『沒有收尾。”\n\n第二段“好”。\n",
    );
    let o = zhpress(site.root(), &["check"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("`『` opens a quotation that is never closed")
            && err.contains("content/orgs/a.md:8:5")
            && err.contains("write the closing `』`"),
        "{err}"
    );
    assert_eq!(err.matches("quotation that").count(), 1, "{err}");
    // The build converts what pairs and leaves the stray mark as written.
    assert_ok(&site.build(&[]));
    let hant = site.read("zh-hant/orgs/a/index.html");
    assert!(
        hant.contains("「第一句『沒有收尾。」") && hant.contains("第二段「好」。"),
        "{hant}"
    );
    // A closing mark with no opening one.
    site.org("a", &entry("甲會", "research", "", "多了一個」在這裡。"));
    let err = stderr(&zhpress(site.root(), &["check"]));
    assert!(
        err.contains("`」` closes a quotation that was never opened")
            && err.contains("write the opening `「`"),
        "{err}"
    );
}

#[test]
fn half_width_marks_between_chinese_characters_are_flagged_and_fixed() {
    let site = Site::traditional();
    let body = [
        "發出倡議,為疫情防控凝聚正能量。他問:「好嗎?」答:好!走;",
        "",
        "捐款(含物資)共1,000元,時間10:30。English, as written: yes!",
        "",
        "代碼`甲,乙`、網址 https://example.org/甲,乙 與 -{甲,乙}- 照錄。",
        "",
    ]
    .join("\n");
    site.org(
        "a",
        &format!("+++\nname = \"甲會\"\n\n[[activities]]\ntype = \"research\"\nsummary = \"調研,建言\"\n+++\n{body}"),
    );
    let o = zhpress(site.root(), &["check"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for (at, mark, full) in [
        ("content/orgs/a.md:6:14", ",", "，"),
        ("content/orgs/a.md:8:5", ",", "，"),
        ("content/orgs/a.md:8:19", ":", "："),
        ("content/orgs/a.md:8:23", "?", "？"),
        ("content/orgs/a.md:8:26", ":", "："),
        ("content/orgs/a.md:8:28", "!", "！"),
        ("content/orgs/a.md:10:3", "(", "（"),
        ("content/orgs/a.md:10:7", ")", "）"),
        ("content/orgs/a.md:10:15", ",", "，"),
    ] {
        let place = if "()".contains(mark) {
            "around Chinese text"
        } else {
            "between Chinese characters"
        };
        let needle = format!(
            "the half-width `{mark}` {place} is written full-width in Chinese text: `{full}`"
        );
        assert!(
            err.lines()
                .zip(err.lines().skip(1))
                .any(|(a, b)| a.contains(&needle) && b.contains(at)),
            "expected {needle} at {at} in:\n{err}"
        );
    }
    assert_eq!(
        err.matches("is written full-width").count(),
        9,
        "not `走;` at the end of a line, 1,000, 10:30, English, code, the URL or -{{…}}-:\n{err}"
    );
    let o = zhpress(site.root(), &["check", "--fix"]);
    assert_ok(&o);
    let fixed = std::fs::read_to_string(site.root().join("content/orgs/a.md")).unwrap();
    let want = body
        .replacen(
            "發出倡議,為疫情防控凝聚正能量。他問:「好嗎?」答:好!走;",
            "發出倡議，為疫情防控凝聚正能量。他問：「好嗎？」答：好！走;",
            1,
        )
        .replacen(
            "捐款(含物資)共1,000元,時間",
            "捐款（含物資）共1,000元，時間",
            1,
        );
    assert!(fixed.ends_with(&want), "{fixed}");
    assert!(fixed.contains("summary = \"調研，建言\""), "{fixed}");
    assert_ok(&zhpress(site.root(), &["check"]));
}

#[test]
fn emphasis_next_to_cjk_punctuation_renders() {
    let site = Site::traditional();
    site.org(
        "a",
        &entry(
            "甲會",
            "research",
            "",
            "整理出**《21天注意力訓練》線上版本**，供會員使用。\n\n**發出倡議。**為疫情防控凝聚正能量。",
        ),
    );
    assert_ok(&site.build(&[]));
    let hant = site.read("zh-hant/orgs/a/index.html");
    assert!(
        hant.contains("整理出<strong>《21天注意力訓練》線上版本</strong>，供會員使用。"),
        "{hant}"
    );
    assert!(
        hant.contains("<strong>發出倡議。</strong>為疫情防控"),
        "{hant}"
    );
    let hans = site.read("zh-hans/orgs/a/index.html");
    assert!(
        hans.contains("整理出<strong>《21天注意力训练》线上版本</strong>，"),
        "{hans}"
    );
    assert_ok(&zhpress(site.root(), &["check"]));
}

#[test]
fn check_flags_emphasis_markers_shown_as_written() {
    let site = Site::traditional();
    site.org(
        "a",
        &entry(
            "甲會",
            "research",
            "",
            "這是__「重點」__。\n\n這是** 重點**。轉義的\\*\\*照錄\\*\\*與`**代碼**`不報。",
        ),
    );
    let o = zhpress(site.root(), &["check"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for at in [
        "content/orgs/a.md:9:3",
        "content/orgs/a.md:9:9",
        "content/orgs/a.md:11:3",
        "content/orgs/a.md:11:8",
    ] {
        assert!(
            err.lines()
                .zip(err.lines().skip(1))
                .any(|(a, b)| a.contains("is shown as written") && b.contains(at)),
            "expected a literal marker at {at}:\n{err}"
        );
    }
    assert_eq!(err.matches("is shown as written").count(), 4, "{err}");
    assert!(err.contains("no space inside"), "{err}");
}
