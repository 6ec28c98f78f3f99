//! The messages about the site's own files (site.toml, content/, links,
//! `-{…}-` markup, Markdown, the scaffolds of `zhpress new`) in the editor's
//! language: Simplified under zh_CN, Traditional under zh_TW, English under
//! C, pointing at the same file:line:col in every language.

mod common;

use std::process::Output;

use common::*;

fn run(site: &Site, lang: &str, args: &[&str]) -> Output {
    zhpress_root_in(site.root(), lang, args)
}

/// `args` fails in each language (Simplified, Traditional, English), at
/// `location` each time, saying the words given for that language and
/// none of the other languages' words.
fn fails_saying(site: &Site, args: &[&str], location: &str, words: [&[&str]; 3]) {
    for (i, lang) in LANGS.into_iter().enumerate() {
        let o = run(site, lang, args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{lang}: {err}");
        assert!(
            err.contains(location),
            "{lang}: expected `{location}` in:\n{err}"
        );
        for w in words[i] {
            assert!(err.contains(w), "{lang}: expected `{w}` in:\n{err}");
        }
        for (j, other) in words.iter().enumerate() {
            for w in other.iter().filter(|_| j != i) {
                if !words[i].contains(w) {
                    assert!(!err.contains(w), "{lang}: did not expect `{w}` in:\n{err}");
                }
            }
        }
    }
}

#[test]
fn a_base_url_without_a_scheme() {
    let site = Site::new(&site_toml("zh-Hant", "example.org"));
    fails_saying(
        &site,
        &["build"],
        "site.toml:2:12",
        [
            &[
                "base_url `example.org` 不是地址：它不以 https://、http:// 或 / 开头",
                "请写出网站将来的地址",
            ],
            &[
                "base_url `example.org` 不是地址：它不以 https://、http:// 或 / 開頭",
                "請寫出網站將來的地址",
            ],
            &[
                "base_url `example.org` is not an address: it starts with neither https:// nor http:// nor /",
                "write the address the site will have",
            ],
        ],
    );
}

#[test]
fn a_variant_declared_twice_and_an_unknown_quotation_style() {
    let toml = site_toml("zh-Hant", "https://example.org/report").replace(
        "code = \"zh-Hans\"\npath = \"zh-hans\"",
        "code = \"zh-Hant\"\npath = \"zh-hans\"\nquotes = \"curvy\"",
    );
    let site = Site::new(&toml);
    fails_saying(
        &site,
        &["build"],
        "site.toml:12:8",
        [
            &[
                "版本 `zh-Hant` 声明了两次",
                "没有名为 `curvy` 的引号样式",
                "是不是要写 `curly`？",
            ],
            &[
                "版本 `zh-Hant` 宣告了兩次",
                "沒有名為 `curvy` 的引號樣式",
                "是不是要寫 `curly`？",
            ],
            &[
                "the variant `zh-Hant` is declared twice",
                "no quotation style is called `curvy`",
                "did you mean `curly`? write `quotes = \"corner\"`",
            ],
        ],
    );
}

#[test]
fn content_file_names() {
    let site = Site::traditional();
    site.org("Jia-Hui", &entry("甲會", "donation", "", "正文"));
    site.write("content/orgs/yi.json", "{}");
    for (lang, words) in LANGS.into_iter().zip([
        [
            "slug `Jia-Hui` 含有大写字母；网址不应因大小写而不同",
            "请把文件改名为 jia-hui.md",
            "这里不读取 `.json` 文件",
            "条目用 TOML 书写",
        ],
        [
            "slug `Jia-Hui` 含有大寫字母；網址不應因大小寫而不同",
            "請把檔案改名為 jia-hui.md",
            "這裡不讀取 `.json` 檔案",
            "條目用 TOML 書寫",
        ],
        [
            "the slug `Jia-Hui` has uppercase letters; URLs must not depend on case",
            "rename the file to jia-hui.md",
            "`.json` files are not read here",
            "entries are TOML",
        ],
    ]) {
        let o = run(&site, lang, &["build"]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{lang}: {err}");
        for w in [
            "--> content/orgs/Jia-Hui.md\n",
            "--> content/orgs/yi.json\n",
        ]
        .iter()
        .chain(&words)
        {
            assert!(err.contains(w), "{lang}: expected `{w}` in:\n{err}");
        }
    }
}

#[test]
fn an_unclosed_conversion_rule() {
    let site = Site::traditional();
    site.org("jia", &entry("甲會", "donation", "", "正文寫到-{鮮于"));
    fails_saying(
        &site,
        &["build"],
        "content/orgs/jia.md:9:5",
        [
            &[
                "`-{` 开始了一条转换规则，但它没有结束",
                "请在同一段中用 `}-` 结束它",
            ],
            &[
                "`-{` 開始了一條轉換規則，但它沒有結束",
                "請在同一段中用 `}-` 結束它",
            ],
            &[
                "`-{` opens a conversion rule that is never closed",
                "close it with `}-` in the same paragraph",
            ],
        ],
    );
}

#[test]
fn a_summary_of_two_paragraphs() {
    let site = Site::traditional();
    site.org(
        "jia",
        "+++\nname = \"甲會\"\nsummary = \"第一段\\n\\n第二段\"\n\n[[activities]]\ntype = \"donation\"\nsummary = \"捐款\"\n+++\n",
    );
    fails_saying(
        &site,
        &["build"],
        "content/orgs/jia.md:3:19",
        [
            &["这段文字只能是一段行内 Markdown，而这里出现了第二段（空行之后）"],
            &["這段文字只能是一段行內 Markdown，而這裡出現了第二段（空行之後）"],
            &["this text is one paragraph of inline Markdown, and here it has a second paragraph (after a blank line)"],
        ],
    );
}

#[test]
fn a_link_to_a_page_the_site_does_not_have() {
    let site = Site::traditional();
    site.org(
        "jia",
        &entry("甲會", "donation", "", "見[乙會](/report/orgs/yi/)。"),
    );
    fails_saying(
        &site,
        &["check"],
        "content/orgs/jia.md:9:2",
        [
            &["链接到 `/report/orgs/yi/`，而网站中没有它", "请检查名称"],
            &["連結到 `/report/orgs/yi/`，而網站中沒有它", "請檢查名稱"],
            &[
                "links to `/report/orgs/yi/`, which the site does not have",
                "check the name",
            ],
        ],
    );
}

/// A new entry's comment is in the editor's language (whatever the site's
/// script), and the entry still passes `check`.
#[test]
fn a_new_entry_speaks_the_editors_language() {
    for (lang, comment) in LANGS.into_iter().zip([
        "# 草稿：删去下一行即发布；",
        "# 草稿：刪去下一行即發布；",
        "# A draft until you delete the next line: `zhpress build` leaves it out, `build --drafts` shows it.\n",
    ]) {
        for site in [Site::traditional(), Site::simplified()] {
            let o = run(&site, lang, &["new", "org", "xin-hui"]);
            assert!(o.status.success(), "{lang}: {}", stderr(&o));
            let text =
                std::fs::read_to_string(site.root().join("content/orgs/xin-hui.md")).unwrap();
            assert!(text.starts_with(&format!("+++\n{comment}")), "{lang}:\n{text}");
            assert!(text.contains("\ndraft = true\n"), "{lang}:\n{text}");
            let check = run(&site, lang, &["check", "--drafts"]);
            assert!(check.status.success(), "{lang}: {}", stderr(&check));
            let again = run(&site, lang, &["new", "org", "xin-hui"]);
            assert_eq!(again.status.code(), Some(2));
            let said = match lang {
                "C" => "content/orgs/xin-hui.md: an entry with the slug `xin-hui` already exists",
                "zh_CN.UTF-8" => "content/orgs/xin-hui.md：slug 为 `xin-hui` 的条目已经存在",
                _ => "content/orgs/xin-hui.md：slug 為 `xin-hui` 的條目已經存在",
            };
            assert!(stderr(&again).contains(said), "{lang}: {}", stderr(&again));
        }
    }
}

/// The encoding's description is part of the message, and is translated too.
#[test]
fn a_file_saved_in_gbk() {
    let site = Site::simplified();
    let text = "+++\nname = \"重庆市社会科学界联合会\"\n\n[[activities]]\ntype = \"donation\"\nsummary = \"疫情发生后，社区干部积极参与防控工作，向武汉捐款捐物。\"\n+++\n";
    site.org("lianhe", "");
    site.write("content/orgs/lianhe.md", encoding_rs::GBK.encode(text).0);
    fails_saying(
        &site,
        &["build"],
        "content/orgs/lianhe.md:2:9",
        [
            &["这个文件不是 UTF-8：它看起来是 GBK，简体中文编码（GB2312，中文 Windows 上的“ANSI”）", "请把它另存为 UTF-8"],
            &["這個檔案不是 UTF-8：它看起來是 GBK，簡體中文編碼（GB2312，中文 Windows 上的「ANSI」）", "請把它另存為 UTF-8"],
            &[
                "the file is not UTF-8: it looks like GBK, the Simplified Chinese encoding (GB2312, \"ANSI\" on a Chinese Windows)",
                "save it as UTF-8",
            ],
        ],
    );
}
