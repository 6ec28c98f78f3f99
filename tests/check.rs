//! `zhpress check`: the script lint on the report's unedited text, `--fix`,
//! silencing, and the ambiguity audit, as an editor sees them.

mod common;

use common::*;

/// Sentences of the seed report exactly as published, slips included.
const REPORT: &str = "自新冠肺炎疫情防控工作開展以來,市社科聯堅決貫徹落實市委、市政府關于疫情防控的各項要求。
一、發動防控倡議,為疫情防控凝聚正能量。疫情發生后,重慶市移民學會等社會組織通過網站、微信、QQ、微博發出倡議。
重慶昭信教育研究院內部募集資金4.6萬元,并且將用于慶祝集團成立20周年的100萬經費共計104.6萬元用于購買防疫物資。
志愿者突擊隊先后出動30多人次,協助社區干部投入楊家坪團結路、前進路社區的疫情防控排查工作。
重慶市孔子儒學研究會會長鮮于煌、丁華乾等人疫情期間寫了多篇文章。
";

fn report_site() -> Site {
    let site = Site::traditional();
    site.org("report", &format!("+++\nname = \"報告原文\"\n\n[[activities]]\ntype = \"research\"\nsummary = \"原文\"\n+++\n{REPORT}"));
    site
}

#[test]
fn check_reports_every_sloppy_conversion_and_fix_repairs_only_those() {
    let site = report_site();
    let o = zhpress(site.root(), &["check"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    // (line in the file, suspect, correction); the body starts on line 8.
    for (line, suspect, correction) in [
        (8, "于", "於"),
        (9, "后", "後"),
        (10, "并", "並"),
        (10, "于", "於"),
        (11, "干", "幹"),
        (11, "后", "後"),
    ] {
        let needle = format!("`{suspect}` is probably `{correction}` here");
        let at = format!("content/orgs/report.md:{line}:");
        assert!(
            err.lines()
                .zip(err.lines().skip(1))
                .any(|(a, b)| a.contains(&needle) && b.contains(&at)),
            "expected {needle} at {at} in:\n{err}"
        );
    }
    assert!(
        err.contains("關于疫情") && err.contains("發生后"),
        "the suspect text is shown in context:\n{err}"
    );
    assert!(
        !err.lines()
            .any(|l| l.contains("鮮于煌") && l.contains("probably")),
        "鮮于 is a surname, not 於:\n{err}"
    );
    assert!(
        !err.contains("`為` is probably"),
        "OpenCC's spelling preferences are not slips:\n{err}"
    );

    let path = site.root().join("content/orgs/report.md");
    let before = std::fs::read_to_string(&path).unwrap();
    let o = zhpress(site.root(), &["check", "--fix"]);
    assert_ok(&o);
    let after = std::fs::read_to_string(&path).unwrap();
    assert!(
        after.contains("關於疫情防控")
            && after.contains("疫情發生後")
            && after.contains("並且將用於慶祝")
            && after.contains("社區幹部")
            && after.contains("鮮于煌"),
        "{after}"
    );
    // Every other byte is as it was: same characters except at the flagged places.
    let (b, a): (Vec<char>, Vec<char>) = (before.chars().collect(), after.chars().collect());
    assert_eq!(b.len(), a.len());
    let changed: Vec<(char, char)> = b
        .iter()
        .zip(&a)
        .filter(|(x, y)| x != y)
        .map(|(x, y)| (*x, *y))
        .collect();
    assert!(
        changed
            .iter()
            .all(|(x, y)| "于后并干系云咨愿".contains(*x) || (*x, *y) == (',', '，')),
        "only flagged characters changed: {changed:?}"
    );
    assert_eq!(
        changed.iter().filter(|(x, _)| *x == ',').count(),
        5,
        "the report's half-width commas between Chinese characters: {changed:?}"
    );
    assert!(
        after.contains("開展以來，市社科聯") && after.contains("4.6萬元，並且"),
        "{after}"
    );
    assert!(changed.len() >= 8, "{changed:?}");
    assert_ok(&zhpress(site.root(), &["check"]));
}

#[test]
fn deliberate_text_can_be_silenced() {
    let site = Site::traditional();
    site.org("a", "+++\nname = \"甲\"\n\n[[activities]]\ntype = \"research\"\nsummary = \"原文寫作-{關于}-\"\n+++\n代碼 `并且` 不查。\n");
    assert_ok(&zhpress(site.root(), &["check"]));
    site.org("a", "+++\nname = \"甲\"\n\n[rules]\n\"干寶\" = { zh-Hans = \"干宝\" }\n\n[[activities]]\ntype = \"research\"\nsummary = \"干寶著書\"\n+++\n正文\n");
    assert_ok(&zhpress(site.root(), &["check"]));
}

#[test]
fn a_simplified_source_is_linted_through_traditional() {
    let site = Site::simplified();
    site.org("a", "+++\nname = \"甲会\"\n\n[[activities]]\ntype = \"research\"\nsummary = \"疫情發生后的调研\"\n+++\n正文\n");
    let o = zhpress(site.root(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("`發` is probably `发` here"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_audit_lists_lone_ambiguous_characters() {
    let site = Site::simplified();
    site.org("a", "+++\nname = \"甲会\"\n\n[[activities]]\ntype = \"research\"\nsummary = \"他们发\"\n+++\n头发与理发。\n");
    let o = zhpress(site.root(), &["check", "--audit"]);
    assert_ok(&o);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("content/orgs/a.md:6:") && out.contains("s2t read `发` as `發` (also: 髮)"),
        "{out}"
    );
    assert!(
        out.contains("1 place(s)"),
        "头发 and 理发 are decided by phrases: {out}"
    );
}

/// `check --fix` rewrites prose only: a slip written in code, a URL or
/// `-{…}-` is what the author meant and is converted nowhere, so it is
/// neither reported nor changed.
#[test]
fn fix_never_touches_code_urls_or_markup() {
    let site = Site::traditional();
    let body = [
        "疫情發生后,社區干部到場。",
        "",
        "行內代碼`發生后`不改。",
        "",
        "```",
        "發生后的代碼塊",
        "```",
        "",
        "    發生后的縮進代碼",
        "",
        "網址https://example.org/發生后/干部,自動連結<https://example.org/并且>。",
        "",
        "[連結](https://example.org/關于 \"連結標題\")與![圖](https://example.org/images/發生后.png)。",
        "",
        "標記-{發生后}-保留。",
        "",
    ]
    .join("\n");
    site.org(
        "fix",
        &format!("+++\nname = \"測試會\"\n\n[[activities]]\ntype = \"research\"\nsummary = \"活動\"\n+++\n{body}"),
    );
    let o = zhpress(site.root(), &["check"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert_eq!(
        err.matches("is probably").count(),
        2,
        "only the two slips of the first line are reported:\n{err}"
    );
    assert_eq!(
        err.matches("`,` between Chinese characters").count(),
        1,
        "and its comma, not the one in the URL:\n{err}"
    );
    let o = zhpress(site.root(), &["check", "--fix"]);
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("rewrote 3 span(s)"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    let fixed = std::fs::read_to_string(site.root().join("content/orgs/fix.md")).unwrap();
    let want = body.replacen("發生后,社區干部", "發生後，社區幹部", 1);
    assert!(fixed.ends_with(&want), "only the prose changed:\n{fixed}");
    assert_ok(&zhpress(site.root(), &["check"]));
}

/// `build` tells the truth about the source: one line for the lint's
/// findings (exit 0), and `--strict` refuses to build with them, writing
/// nothing, each finding at file:line:column as `check` reports it.
#[test]
fn build_summarizes_the_lint_and_strict_refuses() {
    let site = Site::traditional();
    site.org("jia", &entry("甲會", "donation", "", "正文"));
    assert_ok(&site.build(&[]));
    assert!(!stderr(&site.build(&[])).contains("slip"));
    let before = snapshot(&site.out());
    site.org(
        "yi",
        "+++\nname = \"乙會\"\n\n[[activities]]\ntype = \"research\"\nsummary = \"疫情發生后組織社區干部\"\n+++\n社區干部並且理了頭髮。\n",
    );
    let strict = site.build(&["--strict"]);
    assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));
    let err = stderr(&strict);
    assert!(err.contains("content/orgs/yi.md:6:"), "{err}");
    assert!(err.contains("`后` is probably `後` here"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(
        snapshot(&site.out()),
        before,
        "--strict left the output as it was"
    );
    let o = site.build(&[]);
    assert_ok(&o);
    let err = stderr(&o);
    assert!(
        err.contains("warning: the source has 3 script or punctuation slip(s) in 1 file(s);"),
        "{err}"
    );
    assert!(err.contains("zhpress check --fix"), "{err}");
}

/// A file written in the other script is one error with the command that
/// converts it, not one per word; following the hint makes `check` pass.
#[test]
fn a_file_in_the_other_script_is_one_error() {
    let site = Site::traditional();
    site.org("jia", &entry("甲會", "donation", "", "正文"));
    let simplified = "+++\nname = \"重庆市社会科学界联合会\"\ncategory = \"学会\"\nsummary = \"疫情发生后，向会员发出倡议。\"\n\n[[activities]]\ntype = \"donation\"\nsummary = \"会员捐款捐物，支援社区防控一线的干部与志愿者。\"\n+++\n疫情发生后，学会组织会员开展调研，为党委政府提供决策参考，并且发动会员参与社区志愿服务。\n";
    site.org("yi", simplified);
    let o = zhpress(site.root(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("content/orgs/yi.md:2:"), "{err}");
    assert!(
        err.contains("this file is written in Simplified script, but the site's source script is Traditional"),
        "{err}"
    );
    assert!(
        err.contains("zhpress convert -c s2t < content/orgs/yi.md"),
        "{err}"
    );
    assert!(err.contains("check found 1 problem(s)"), "{err}");
    let build = site.build(&[]);
    assert!(
        stderr(&build).contains("1 file(s) written in the other script"),
        "{}",
        stderr(&build)
    );
    // The hint's command, run as an editor would.
    let converted = std::process::Command::new(env!("CARGO_BIN_EXE_zhpress"))
        .args(["convert", "-c", "s2t"])
        .stdin(std::fs::File::open(site.root().join("content/orgs/yi.md")).unwrap())
        .output()
        .unwrap();
    assert_ok(&converted);
    std::fs::write(site.root().join("content/orgs/yi.md"), &converted.stdout).unwrap();
    assert_ok(&zhpress(site.root(), &["check"]));
}

/// The audit lists only readings a reader would notice (no rare variant
/// forms: 願/𫖸, 線/缐, 開/𫔭), grouped by reading with a count.
#[test]
fn the_audit_leaves_out_rare_forms_and_groups_readings() {
    let site = Site::simplified();
    site.org("a", "+++\nname = \"甲会\"\n\n[[activities]]\ntype = \"research\"\nsummary = \"他们发，我们发\"\n+++\n头发与理发。\n");
    let o = zhpress(site.root(), &["check", "--audit"]);
    assert_ok(&o);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("s2t `发` → `發` (also: 髮), 2 place(s):\ncontent/orgs/a.md:6:"),
        "{out}"
    );
    let site = Site::traditional();
    site.org("b", "+++\nname = \"乙會\"\n\n[[activities]]\ntype = \"research\"\nsummary = \"我願，線，開門。\"\n+++\n正文\n");
    let o = zhpress(site.root(), &["check", "--audit"]);
    assert_ok(&o);
    let out = String::from_utf8_lossy(&o.stdout);
    for rare in ['𫖸', '缐', '𫔭'] {
        assert!(!out.contains(rare), "{rare}: {out}");
    }
    assert!(!out.contains("content/orgs/b.md"), "{out}");
}
