//! What a new user runs into at the command line: bad flag values are usage
//! errors (exit 2) that say what to write, a reader that goes away ends a
//! command quietly, the "nothing was written" line appears only where it is
//! true, and summaries written in Markdown are shown as Markdown.

mod common;

use std::io::{Read, Write};
use std::process::{Command, Stdio};

use common::*;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_zhpress"))
}

#[test]
fn convert_with_an_unknown_conversion_is_a_usage_error() {
    let mut child = bin()
        .args(["convert", "-c", "bogus"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdin.take());
    let o = child.wait_with_output().unwrap();
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("`bogus`") && err.contains("`s2t`"), "{err}");
    assert!(
        !err.contains("nothing was written") && !err.contains("site's files"),
        "{err}"
    );
    // A near miss is named.
    let o = bin()
        .args(["convert", "-c", "t2hkk"])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("did you mean `t2hk`?"),
        "{}",
        stderr(&o)
    );
}

/// `zhpress convert … | head`: the reader leaves after a line; zhpress ends
/// quietly with exit 0, as ripgrep does.
#[test]
fn a_reader_that_goes_away_ends_convert_quietly() {
    let mut child = bin()
        .args(["convert", "-c", "s2t"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        let line = "疫情发生后，社区干部并且用于购买防疫物资。\n".repeat(20_000);
        let _ = stdin.write_all(line.as_bytes());
    });
    let mut first = [0u8; 64];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    assert!(String::from_utf8_lossy(&first).contains("疫情發生後"));
    drop(child.stdout.take());
    feeder.join().unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "", "nothing to say");
}

#[test]
fn a_closed_output_ends_check_and_build_quietly() {
    let site = Site::traditional();
    site.org("jia", &entry("甲會", "donation", "", "社區幹部並且到場。"));
    for args in [&["check", "--audit"][..], &["build"]] {
        let mut child = bin()
            .arg("--root")
            .arg(site.root())
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader is gone before the first line.
        drop(child.stdout.take());
        let o = child.wait_with_output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert!(!stderr(&o).contains("panicked"), "{}", stderr(&o));
    }
    assert!(
        site.out().join("zh-hant/orgs/jia/index.html").is_file(),
        "the build itself is done"
    );
}

#[test]
fn the_trailer_says_only_what_is_true() {
    let site = Site::traditional();
    site.org("jia", "+++\nname = 1\n+++\n");
    let o = site.build(&[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("error(s) in the site's files; nothing was written"),
        "{}",
        stderr(&o)
    );
    let o = zhpress(site.root(), &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("check found"), "{}", stderr(&o));
    assert!(
        !stderr(&o).contains("nothing was written"),
        "{}",
        stderr(&o)
    );
    // A usage error is said once, with its help, and nothing else.
    let o = site.build(&["--base-url", "example.org/report"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(
        err.contains("--base-url `example.org/report`") && err.contains("help:"),
        "{err}"
    );
    assert!(
        !err.contains("site's files") && !err.contains("nothing was written"),
        "{err}"
    );
    assert_eq!(err.matches("error:").count(), 1, "{err}");
}

#[test]
fn serve_refuses_a_bad_base_url_before_serving() {
    let site = Site::traditional();
    site.org("jia", &entry("甲會", "donation", "", "正文"));
    let o = zhpress(
        site.root(),
        &[
            "serve",
            "--port",
            "0",
            "--base-url",
            "https://x.example/a b",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("space"), "{}", stderr(&o));
}

/// An organization's summary is inline Markdown, like an activity's: shown
/// as HTML on pages (it was shown raw), as text where text is wanted.
#[test]
fn summaries_in_markdown_are_shown_as_markdown() {
    let site = Site::traditional();
    // A site description, so that pages have a description meta tag.
    let toml = site_toml("zh-Hant", "https://example.org/report");
    site.write(
        "site.toml",
        toml.replacen(
            "theme = \"default\"",
            "theme = \"default\"\ndescription = \"紀實\"",
            1,
        ),
    );
    site.org(
        "jia",
        "+++\nname = \"甲會\"\nsummary = \"**重點**摘要，見[網站](https://example.org)\"\n\n[[activities]]\ntype = \"donation\"\nsummary = \"捐款*一千*元\"\n+++\n正文\n",
    );
    assert_ok(&site.build(&[]));
    let page = site.read("zh-hans/orgs/jia/index.html");
    assert!(
        page.contains("<strong>重点</strong>摘要，见<a href=\"https://example.org\" rel=\"noopener noreferrer\">网站</a>"),
        "{page}"
    );
    assert!(page.contains("捐款<em>一千</em>元"), "{page}");
    assert!(!page.contains("**"), "no raw Markdown: {page}");
    assert!(
        page.contains("<meta name=\"description\" content=\"重点摘要，见网站\">"),
        "{page}"
    );
    let home = site.read("zh-hant/index.html");
    assert!(home.contains("<strong>重點</strong>摘要"), "{home}");
    let data = site.json("zh-hant/data.json");
    assert_eq!(data["organizations"][0]["summary"], "重點摘要，見網站");
}
