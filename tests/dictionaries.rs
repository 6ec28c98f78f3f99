//! End-to-end: site.toml's `dictionaries` and `zhpress convert --dictionaries`.
//! The default converts with zhpress's supplement (docs/deviations.md);
//! `dictionaries = "opencc"` gives OpenCC's own output, its errors included.

mod common;

use std::io::Write;
use std::process::{Command, Output, Stdio};

use common::*;

/// A Traditional-source site with zh-Hant, zh-Hans and zh-TW, and one entry
/// whose text the supplement converts differently from OpenCC: 丁華乾 and
/// 隨著 (TSPhrases, t2s), 社區 (TWPhrases, t2twp). `dictionaries` is the
/// line written after `theme` (line 5), if any.
fn site(dictionaries: Option<&str>) -> Site {
    let mut toml = site_toml("zh-Hant", "https://example.org/report").replacen(
        "[[activity_types]]",
        "[[variants]]\ncode = \"zh-TW\"\npath = \"zh-tw\"\nlabel = \"臺灣\"\n\n[[activity_types]]",
        1,
    );
    if let Some(line) = dictionaries {
        toml = toml.replacen(
            "theme = \"default\"\n",
            &format!("theme = \"default\"\n{line}\n"),
            1,
        );
    }
    let site = Site::new(&toml);
    site.org(
        "ding",
        "+++\nname = \"丁華乾工作室\"\n\n[[activities]]\ntype = \"volunteering\"\nsummary = \"隨著疫情發展，組織社區防控\"\n+++\n丁華乾隨著疫情發展，到社區防控一線。\n",
    );
    site
}

/// (zh-Hans summary, zh-TW summary, zh-Hans organization page).
fn built(site: &Site) -> (String, String, String) {
    assert_ok(&site.build(&[]));
    let summary = |v: &str| {
        site.json(&format!("{v}/data.json"))["organizations"][0]["activities"][0]["summary"]
            .as_str()
            .unwrap()
            .to_string()
    };
    (
        summary("zh-hans"),
        summary("zh-tw"),
        site.read("zh-hans/orgs/ding/index.html"),
    )
}

#[test]
fn the_default_uses_the_supplement() {
    for site in [site(None), site(Some("dictionaries = \"zhpress\""))] {
        let (hans, tw, page) = built(&site);
        assert_eq!(hans, "随着疫情发展，组织社区防控");
        assert_eq!(tw, "隨著疫情發展，組織社區防控");
        assert!(page.contains("丁华乾随着疫情发展"), "{page}");
        assert!(page.contains("<title>丁华乾工作室"), "{page}");
    }
}

#[test]
fn opencc_dictionaries_give_opencc_output() {
    let site = site(Some("dictionaries = \"opencc\""));
    let (hans, tw, page) = built(&site);
    // OpenCC 1.4.2: 隨著 keeps 著, 乾 becomes 干, 社區 becomes 社群 in Taiwan phrasing.
    assert_eq!(hans, "随著疫情发展，组织社区防控");
    assert_eq!(tw, "隨著疫情發展，組織社群防控");
    assert!(page.contains("丁华干随著疫情发展"), "{page}");
    assert!(page.contains("<title>丁华干工作室"), "{page}");
    // The source variant is the text as written either way.
    let hant = site.json("zh-hant/data.json");
    assert_eq!(hant["organizations"][0]["name"], "丁華乾工作室");
}

#[test]
fn a_bad_value_names_the_place_and_what_to_write() {
    for (value, message, hint) in [
        (
            "\"openc\"",
            "no dictionaries are called `openc`",
            "did you mean `opencc`?",
        ),
        (
            "\"OpenCC\"",
            "no dictionaries are called `OpenCC`",
            "did you mean `opencc`?",
        ),
        (
            "\"exact\"",
            "no dictionaries are called `exact`",
            "dictionaries = \"opencc\"",
        ),
        ("true", "dictionaries", "dictionaries = \"opencc\""),
    ] {
        let site = site(Some(&format!("dictionaries = {value}")));
        let o = site.build(&[]);
        assert_eq!(o.status.code(), Some(1), "{value}");
        let err = stderr(&o);
        // The value starts at line 5, column 16.
        for expected in ["site.toml:5:16", message, hint] {
            assert!(err.contains(expected), "missing {expected:?} in\n{err}");
        }
        assert!(!site.out().exists(), "nothing is written");
    }
}

fn convert(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhpress"))
        .arg("convert")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run zhpress convert");
    // A usage error exits before reading: a broken pipe here is no failure.
    let _ = child.stdin.take().unwrap().write_all(input.as_bytes());
    child.wait_with_output().unwrap()
}

#[test]
fn convert_takes_the_dictionaries_too() {
    let out = |o: Output| {
        assert_ok(&o);
        String::from_utf8(o.stdout).unwrap()
    };
    let text = "范先生冲咖啡\n";
    assert_eq!(out(convert(&["-c", "s2t"], text)), "范先生沖咖啡\n");
    assert_eq!(
        out(convert(&["-c", "s2t", "--dictionaries", "zhpress"], text)),
        "范先生沖咖啡\n"
    );
    assert_eq!(
        out(convert(&["-c", "s2t", "--dictionaries", "opencc"], text)),
        "範先生衝咖啡\n"
    );
    let o = convert(&["-c", "s2t", "--dictionaries", "openc"], text);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("opencc"), "{}", stderr(&o));
}

/// The zh-TW prose test: Taiwan phrasing leaves ordinary prose's vocabulary as
/// written by default, keeps the regional vocabulary readers expect, and
/// `check --audit` lists both what it wrote and what OpenCC's full phrasing
/// would write; `convert = "t2twp"` written out is OpenCC's full phrasing.
#[test]
fn taiwan_phrasing_is_prose_safe_by_default() {
    let paragraph = "我們支持服務對象保存參數，理事會通過決議，調整電視頻段，並用軟件連上網絡。";
    let tw = |site: &Site| {
        site.org(
            "prose",
            &format!("+++\nname = \"甲會\"\n\n[[activities]]\ntype = \"research\"\nsummary = \"調研\"\n+++\n{paragraph}\n"),
        );
        assert_ok(&site.build(&[]));
        site.read("zh-tw/orgs/prose/index.html")
    };
    let site = site(None);
    let page = tw(&site);
    let expected = "我們支持服務對象保存參數，理事會通過決議，調整電視頻段，並用軟體連上網路。";
    assert!(page.contains(expected), "{page}");
    let o = zhpress(site.root(), &["check", "--audit"]);
    assert_ok(&o);
    let out = String::from_utf8_lossy(&o.stdout);
    for (word, became, made) in [
        ("支持", "支援", false),
        ("對象", "物件", false),
        ("保存", "儲存", false),
        ("參數", "引數", false),
        ("軟件", "軟體", true),
        ("網絡", "網路", true),
    ] {
        let line = if made {
            format!("t2twp-prose writes `{word}` as `{became}`")
        } else {
            format!(
                "t2twp-prose keeps `{word}`; OpenCC's full Taiwan phrasing would write `{became}`"
            )
        };
        assert!(out.contains(&line), "missing {line:?} in\n{out}");
    }
    assert!(
        out.contains("content/orgs/prose.md:8:3: 「我們支持服務對」"),
        "{out}"
    );
    // Written out, the conversion is OpenCC's full phrasing.
    let full = site_toml("zh-Hant", "https://example.org/report").replacen(
        "[[activity_types]]",
        "[[variants]]\ncode = \"zh-TW\"\npath = \"zh-tw\"\nlabel = \"臺灣\"\nconvert = \"t2twp\"\n\n[[activity_types]]",
        1,
    );
    let page = tw(&Site::new(&full));
    assert!(page.contains("我們支援服務物件儲存引數"), "{page}");
}
