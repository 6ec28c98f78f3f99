//! The messages of the lint, the output's safety checks, the dev server,
//! templates and the command line's parsing, from the real binary, in
//! Simplified (zh_CN), Traditional (zh_TW) and English (C); the places they
//! point at (file:line:col) are the same in every language.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use common::*;

fn run(site: &Site, lang: &str, args: &[&str]) -> Output {
    zhpress_root_in(site.root(), lang, args)
}

/// Checks that `text` has every one of `words` and none of `not`.
fn has(text: &str, words: &[&str], not: &[&str]) {
    for w in words {
        assert!(text.contains(w), "expected `{w}` in:\n{text}");
    }
    for w in not {
        assert!(!text.contains(w), "did not expect `{w}` in:\n{text}");
    }
}

/// Per language (as LANGS): the words that must be there.
type Words<'a> = [&'a [&'a str]; 3];

/// Runs `args` in each language; each has exit code `code`, `same` (the
/// places) on standard error, and its own words; the Chinese ones have no
/// English word of `english_only`.
fn says(
    site: &Site,
    args: &[&str],
    code: i32,
    same: &[&str],
    words: Words<'_>,
    english_only: &[&str],
) {
    for (lang, words) in LANGS.iter().zip(words) {
        let o = run(site, lang, args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(code), "{lang} {args:?}:\n{err}");
        has(&err, same, &[]);
        has(&err, words, if *lang == "C" { &[] } else { english_only });
    }
}

#[test]
fn the_lints_findings_in_each_language() {
    let site = Site::traditional();
    site.org(
        "slip",
        "+++\nname = \"甲會\"\n\n[[activities]]\ntype = \"donation\"\nsummary = \"疫情發生后捐款,共計一萬元。\"\n+++\n\n他說：「我們捐款。\n\n這是**重點 **文字。\n",
    );
    let places = [
        "content/orgs/slip.md:6:16",
        "content/orgs/slip.md:6:19",
        "content/orgs/slip.md:9:4",
        "content/orgs/slip.md:11:3",
        "`zhpress check --fix`",
    ];
    says(
        &site,
        &["check"],
        1,
        &places,
        [
            &[
                "「疫情發生后捐款,」：`后` 在这里大概应为 `後`",
                "请写成 `後`，或运行 `zhpress check --fix`；如果 `后` 是有意为之，请写成 -{后}- 或把它加入词汇表",
                "中文字之间的半角 `,` 在中文文本中应写成全角：`，`",
                "`「` 开启了引文，但引文始终没有闭合",
                "写上后引号 `」`",
                "`**` 会按原样显示",
                "反斜杠",
            ],
            &[
                "`后` 在這裡大概應為 `後`",
                "請寫成 `後`，或執行 `zhpress check --fix`",
                "中文字之間的半形 `,` 在中文文本中應寫成全形：`，`",
                "`「` 開啟了引文，但引文始終沒有閉合",
                "寫上後引號 `」`",
                "`**` 會按原樣顯示",
                "反斜線",
            ],
            &[
                "「疫情發生后捐款,」: `后` is probably `後` here",
                "if `后` is deliberate, write -{后}- or add it to the glossary",
                "the half-width `,` between Chinese characters is written full-width in Chinese text: `，`",
                "`「` opens a quotation that is never closed",
                "write the closing `」` where the quotation ends",
                "`**` is shown as written",
            ],
        ],
        &["is probably", "half-width", "quotation", "shown as written"],
    );
}

#[test]
fn a_parenthesis_around_chinese_text_is_named_so() {
    let site = Site::traditional();
    site.org(
        "paren",
        &entry("乙會", "donation", "", "捐款(含物資)共計一萬元。"),
    );
    says(
        &site,
        &["check"],
        1,
        &["content/orgs/paren.md:9:3", "content/orgs/paren.md:9:7"],
        [
            &["括住中文文字的半角 `(`"],
            &["括住中文文字的半形 `(`"],
            &["the half-width `(` around Chinese text"],
        ],
        &["around Chinese text"],
    );
}

#[test]
fn an_output_that_is_not_the_builds_is_refused_in_each_language() {
    let site = Site::traditional();
    site.org("a", &entry("甲會", "donation", "", ""));
    let root = site.root().to_str().unwrap();
    says(
        &site,
        &["build", "--output", root],
        2,
        &[&format!("--output {root}")],
        [
            &["就是网站本身的文件夹", "请构建到网站以外的地方"],
            &["就是網站本身的資料夾", "請建置到網站以外的地方"],
            &[
                "is the site's own folder",
                "build somewhere the site is not",
            ],
        ],
        &["own folder", "build somewhere"],
    );
    let theirs = site.root().join("theirs");
    std::fs::create_dir_all(&theirs).unwrap();
    std::fs::write(theirs.join("notes.txt"), "mine").unwrap();
    let theirs = theirs.to_str().unwrap();
    says(
        &site,
        &["build", "--output", theirs],
        2,
        &["notes.txt", ".zhpress-output", "--force"],
        [
            &["中已有不是 zhpress 生成的文件", "网站不生成的文件原样保留"],
            &["中已有不是 zhpress 生成的檔案", "網站不生成的檔案原樣保留"],
            &["already holds files zhpress did not make"],
        ],
        &["already holds"],
    );
    assert!(!site.root().join("theirs/index.html").exists());
}

#[test]
fn template_errors_in_each_language() {
    let site = Site::traditional();
    site.org("a", &entry("甲會", "donation", "", ""));
    site.write(
        "content/pages/about.md",
        "+++\ntitle = \"關於\"\n+++\n正文。\n",
    );
    site.write(
        "templates/page.html",
        "{% for a in range(end=10000000000) %}{% endfor %}",
    );
    says(
        &site,
        &["build"],
        1,
        &["templates/page.html", "range(start=0, end=10000000000)"],
        [
            &[
                "模板在渲染",
                "会生成 10000000000 个数；模板最多只能生成 1000000 个",
            ],
            &[
                "模板在渲染",
                "會生成 10000000000 個數；模板最多只能生成 1000000 個",
            ],
            &[
                "the template failed while rendering",
                "would make 10000000000 numbers; a template may make at most 1000000",
            ],
        ],
        &["would make", "failed while rendering"],
    );
    site.write(
        "templates/rec.html",
        "{% macro m(n) %}{{ rec::m(n=n+1) }}{% endmacro m %}",
    );
    site.write(
        "templates/page.html",
        "{% import \"rec.html\" as rec %}{{ rec::m(n=1) }}",
    );
    says(
        &site,
        &["build"],
        1,
        &["templates/rec.html:1:20"],
        [
            &["这里可能无休止地调用自身：rec.html 中的宏 `m`", "栈溢出"],
            &[
                "這裡可能無休止地呼叫自身：rec.html 中的巨集 `m`",
                "堆疊溢位",
            ],
            &["this can call itself without end: macro `m` of rec.html"],
        ],
        &["call itself", "macro `m`"],
    );
}

#[test]
fn clap_parse_errors_in_each_language() {
    let site = Site::traditional();
    let help = [
        "更多信息请使用 `--help`。",
        "更多資訊請使用 `--help`。",
        "For more information, try '--help'.",
    ];
    for (lang, words) in LANGS.iter().zip([
        &[
            "错误: 无法识别的子命令 `buidl`",
            "提示: 有一个相近的子命令：`build`",
            "用法：zhpress [OPTIONS] <COMMAND>",
        ][..],
        &[
            "錯誤: 無法識別的子命令 `buidl`",
            "提示: 有一個相近的子命令：`build`",
            "用法：zhpress [OPTIONS] <COMMAND>",
        ],
        &[
            "error: unrecognized subcommand 'buidl'",
            "tip: a similar subcommand exists: 'build'",
            "Usage: zhpress [OPTIONS] <COMMAND>",
        ],
    ]) {
        let o = run(&site, lang, &["buidl"]);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{lang}:\n{err}");
        assert!(o.stdout.is_empty(), "{lang}");
        has(&err, words, &[]);
    }
    let cases: [(&[&str], Words<'_>); 4] = [
        (
            &["build", "--bogus"],
            [
                &[
                    "错误: 无法识别的参数 `--bogus`",
                    "用法：zhpress build [OPTIONS]",
                ],
                &[
                    "錯誤: 無法識別的參數 `--bogus`",
                    "用法：zhpress build [OPTIONS]",
                ],
                &[
                    "error: unexpected argument '--bogus' found",
                    "Usage: zhpress build [OPTIONS]",
                ],
            ],
        ),
        (
            &["check", "--fi"],
            [
                &["有一个相近的参数：`--fix`"],
                &["有一個相近的參數：`--fix`"],
                &["tip: a similar argument exists: '--fix'"],
            ],
        ),
        (
            &["--lang", "fr", "build"],
            [
                &[
                    "`--lang <LANG>` 的值 `fr` 无效",
                    "[可选值：en、zh-Hans、zh-Hant]",
                ],
                &[
                    "`--lang <LANG>` 的值 `fr` 無效",
                    "[可選值：en、zh-Hans、zh-Hant]",
                ],
                &[
                    "invalid value 'fr' for '--lang <LANG>'",
                    "[possible values: en, zh-Hans, zh-Hant]",
                ],
            ],
        ),
        (
            &["init"],
            [
                &["缺少以下必需的参数：\n  <DIR>"],
                &["缺少以下必需的參數：\n  <DIR>"],
                &["the following required arguments were not provided:\n  <DIR>"],
            ],
        ),
    ];
    for (args, words) in cases {
        for ((lang, words), help) in LANGS.iter().zip(words).zip(help) {
            let o = run(&site, lang, args);
            let err = stderr(&o);
            assert_eq!(o.status.code(), Some(2), "{lang} {args:?}:\n{err}");
            let english: &[&str] = if *lang == "C" {
                &[]
            } else {
                &["error:", "Usage:", "tip:", "For more"]
            };
            has(&err, words, english);
            has(&err, &[help], &[]);
        }
    }
}

#[test]
fn the_help_notes_in_each_language() {
    let site = Site::traditional();
    for (lang, words, not) in [
        (
            "zh_CN.UTF-8",
            &[
                "[默认值：127.0.0.1]",
                "[默认值：.]",
                "[可选值：en、zh-Hans、zh-Hant]",
            ][..],
            &["[default:", "[possible values:"][..],
        ),
        (
            "zh_TW.UTF-8",
            &["[預設值：127.0.0.1]", "[可選值：en、zh-Hans、zh-Hant]"],
            &["[default:", "[possible values:"],
        ),
        (
            "C",
            &[
                "[default: 127.0.0.1]",
                "[possible values: en, zh-Hans, zh-Hant]",
            ],
            &["默认", "預設"],
        ),
    ] {
        let o = run(&site, lang, &["serve", "--help"]);
        let out = String::from_utf8_lossy(&o.stdout);
        assert_eq!(o.status.code(), Some(0), "{lang}:\n{out}");
        has(&out, words, not);
    }
    // A flag has no default to tell.
    let o = run(&site, "zh_CN.UTF-8", &["build", "--help"]);
    let out = String::from_utf8_lossy(&o.stdout);
    has(&out, &["--strict"], &["[默认值：false]", "[可选值：true"]);
}

#[test]
fn serve_says_where_it_serves_in_each_language() {
    let site = Site::traditional();
    site.org("a", &entry("甲會", "donation", "", ""));
    for (lang, watch, words) in [
        (
            "zh_CN.UTF-8",
            false,
            &["zhpress：网站在 http://127.0.0.1:", "（按 Ctrl+C 停止）"][..],
        ),
        (
            "zh_TW.UTF-8",
            true,
            &[
                "zhpress：網站在 http://127.0.0.1:",
                "改動後自動重新整理（按 Ctrl+C 停止）",
            ],
        ),
        (
            "C",
            true,
            &[
                "zhpress: serving http://127.0.0.1:",
                "with live reload (Ctrl+C to stop)",
            ],
        ),
    ] {
        let mut c = zhpress_in(lang);
        c.arg("--root")
            .arg(site.root())
            .args(["serve", "--port", "0"]);
        if watch {
            c.arg("--watch");
        }
        let mut child = c
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut line = String::new();
            let _ = BufReader::new(stdout).read_line(&mut line);
            let _ = tx.send(line);
        });
        let line = rx.recv_timeout(Duration::from_secs(30));
        let _ = child.kill();
        let _ = child.wait();
        let line = line.expect("serve prints its address");
        has(&line, words, &[]);
        // The address is a word of its own, as scripts find it.
        assert!(
            line.split_whitespace()
                .any(|w| w.starts_with("http://127.0.0.1:")),
            "{line}"
        );
    }
}

#[test]
fn a_port_in_use_is_told_in_each_language() {
    let site = Site::traditional();
    site.org("a", &entry("甲會", "donation", "", ""));
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    says(
        &site,
        &["serve", "--port", &port],
        2,
        &[&format!("127.0.0.1:{port}"), "--port 0"],
        [
            &[&format!("端口 {port} 已被占用"), "无法在 127.0.0.1:"],
            &[&format!("連接埠 {port} 已被佔用"), "無法在 127.0.0.1:"],
            &[
                &format!("port {port} is in use"),
                "cannot listen on 127.0.0.1:",
            ],
        ],
        &["is in use", "cannot listen"],
    );
    drop(taken);
}
