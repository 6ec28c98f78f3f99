//! Messages in the editor's language, chosen as gettext programs choose
//! (LC_ALL, LC_MESSAGES, LANG) or by --lang; the places they point at are the
//! same in every language.

mod common;

use std::process::{Command, Output};

use common::*;
use unicode_width::UnicodeWidthStr;

/// `zhpress` with exactly these locale variables (and no others).
fn run(site: &Site, env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_zhpress"));
    for v in ["LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"] {
        c.env_remove(v);
    }
    c.envs(env.iter().copied())
        .arg("--root")
        .arg(site.root())
        .args(args)
        .output()
        .unwrap()
}

/// A site whose one entry has a negative amount in its first activity.
fn broken() -> Site {
    let site = Site::traditional();
    site.org(
        "bad",
        "+++\nname = \"甲\"\n\n[[activities]]\ntype = \"donation\"\nsummary = \"捐款\"\namount_yuan = -5\n+++\n",
    );
    site
}

const WHERE: [&str; 2] = ["content/orgs/bad.md:7:15", "activities[1].amount_yuan: "];

fn assert_says(o: &Output, words: &[&str], not: &[&str]) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    for w in WHERE.iter().chain(words) {
        assert!(err.contains(w), "expected `{w}` in:\n{err}");
    }
    for w in not {
        assert!(!err.contains(w), "did not expect `{w}` in:\n{err}");
    }
}

const HANT: &[&str] = &[
    "數值 -5 是負數",
    "網站檔案中有 1 個錯誤",
    "= 提示: 去掉負號",
];
const HANS: &[&str] = &[
    "数值 -5 是负数",
    "网站文件中有 1 个错误",
    "= 提示: 去掉负号",
];
const EN: &[&str] = &[
    "the value -5 is negative; amounts and quantities cannot be negative",
    "1 error(s) in the site's files",
    "= help: write the amount without a minus sign",
];

#[test]
fn lang_chooses_the_script_of_the_messages() {
    let site = broken();
    let build = ["build"];
    assert_says(
        &run(&site, &[("LANG", "zh_TW.UTF-8")], &build),
        HANT,
        &["负"],
    );
    assert_says(
        &run(&site, &[("LANG", "zh_HK.UTF-8")], &build),
        HANT,
        &["负"],
    );
    assert_says(
        &run(&site, &[("LANG", "zh_CN.UTF-8")], &build),
        HANS,
        &["負"],
    );
    assert_says(&run(&site, &[("LANG", "C")], &build), EN, &["负", "負"]);
    assert_says(&run(&site, &[], &build), EN, &["负", "負"]);
}

#[test]
fn lc_all_beats_lang_and_the_flag_beats_both() {
    let site = broken();
    let env = [("LC_ALL", "zh_CN.UTF-8"), ("LANG", "zh_TW.UTF-8")];
    assert_says(&run(&site, &env, &["build"]), HANS, &[]);
    let env = [("LC_MESSAGES", "zh_TW.UTF-8"), ("LANG", "zh_CN.UTF-8")];
    assert_says(&run(&site, &env, &["build"]), HANT, &[]);
    // An empty LC_ALL does not count.
    let env = [("LC_ALL", ""), ("LANG", "zh_TW.UTF-8")];
    assert_says(&run(&site, &env, &["build"]), HANT, &[]);
    let env = [("LC_ALL", "zh_TW.UTF-8"), ("LANG", "zh_CN.UTF-8")];
    assert_says(&run(&site, &env, &["build", "--lang", "en"]), EN, &[]);
    assert_says(&run(&site, &env, &["--lang=zh-Hans", "build"]), HANS, &[]);
}

#[test]
fn help_in_chinese() {
    let site = Site::traditional();
    let o = run(&site, &[("LANG", "zh_CN.UTF-8")], &["--help"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{out}");
    for w in [
        "用法：zhpress",
        "命令:",
        "把网站构建到 output/。",
        "显示帮助",
    ] {
        assert!(out.contains(w), "expected `{w}` in:\n{out}");
    }
    let o = run(&site, &[("LANG", "zh_TW.UTF-8")], &["check", "--help"]);
    let out = String::from_utf8_lossy(&o.stdout);
    for w in [
        "用法：zhpress check",
        "--drafts",
        "同時檢查標記為 `draft = true` 的條目和頁面。",
    ] {
        assert!(out.contains(w), "expected `{w}` in:\n{out}");
    }
}

/// Every subcommand and every argument has a help text (clap prints none for
/// an argument without one, which is how `init <DIR>` was).
#[test]
fn every_argument_has_help() {
    let site = Site::traditional();
    for args in [
        &["--help"][..],
        &["build", "--help"],
        &["check", "--help"],
        &["serve", "--help"],
        &["convert", "--help"],
        &["init", "--help"],
        &["new", "--help"],
        &["new", "org", "--help"],
    ] {
        let o = run(&site, &[("LANG", "C")], args);
        let out = String::from_utf8_lossy(&o.stdout);
        assert!(o.status.success(), "{args:?}: {out}");
        for line in out.lines() {
            let t = line.trim_start();
            let is_item = line.starts_with("  ") && (t.starts_with('-') || t.starts_with('<'));
            let is_command = line.starts_with("  ") && !t.starts_with('-') && !t.starts_with('<');
            if is_item || is_command {
                let words: Vec<&str> = t.split("  ").filter(|w| !w.trim().is_empty()).collect();
                assert!(words.len() >= 2, "{args:?}: no help for `{t}`:\n{out}");
            }
        }
    }
}

#[test]
fn an_unterminated_string_is_named_as_such() {
    let site = Site::traditional();
    site.org("bad", "+++\nname = \"重慶市移民學會\n\n[[activities]]\ntype = \"donation\"\nsummary = \"捐款\"\n+++\n");
    let o = run(&site, &[("LANG", "C")], &["build"]);
    let err = stderr(&o);
    assert!(err.contains("content/orgs/bad.md:2:"), "{err}");
    assert!(err.contains("the text value is not closed"), "{err}");
    assert!(err.contains("close it with `\"`"), "{err}");
    assert!(!err.contains("go in double quotes"), "{err}");
}

#[test]
fn a_negative_amount_is_not_told_about_decimals() {
    let o = run(&broken(), &[("LANG", "C")], &["build"]);
    let err = stderr(&o);
    assert!(err.contains("cannot be negative"), "{err}");
    assert!(!err.contains("decimals"), "{err}");
}

/// The caret under a quoted line stands under the character it points at,
/// counted in display columns (a CJK character is two).
#[test]
fn carets_align_under_wide_characters() {
    let site = Site::traditional();
    site.org(
        "bad",
        "+++\nname = \"甲\"\nactivities = [{ summary = \"疫情發生後捐款一萬元\", type = \"donaton\" }]\n+++\n",
    );
    for lang in ["en", "zh-Hant"] {
        let o = run(&site, &[], &["build", "--lang", lang]);
        let err = stderr(&o);
        assert!(err.contains("content/orgs/bad.md:3:"), "{err}");
        let lines: Vec<&str> = err.lines().collect();
        let quoted = lines
            .iter()
            .position(|l| l.contains("\"donaton\""))
            .unwrap_or_else(|| panic!("{err}"));
        let caret = lines[quoted + 1];
        let under = caret.find('^').unwrap_or_else(|| panic!("{err}"));
        let at = lines[quoted].find("\"donaton\"").unwrap();
        assert_eq!(
            caret[..under].width(),
            lines[quoted][..at].width(),
            "the caret is not under `\"donaton\"`:\n{err}"
        );
        assert!(
            caret[under..].starts_with(&"^".repeat("\"donaton\"".len())),
            "{err}"
        );
    }
}
