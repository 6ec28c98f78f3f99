//! `zhpress serve --watch` as an editor uses it: a real server on a free
//! loopback port, real edits on disk, pages and live-reload events over HTTP.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::*;

/// A running `zhpress serve`, stopped when dropped.
struct Server {
    child: Child,
    addr: String,
    base: String,
    /// The lines `serve` prints after its URL.
    out: mpsc::Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(site: &Site, extra: &[&str]) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_zhpress"))
        // English and no editor unless a test asks (--lang, --editor).
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C")
        .env_remove("VISUAL")
        .env_remove("EDITOR")
        .arg("--root")
        .arg(site.root())
        .args(["serve", "--port", "0"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let line = rx
        .recv_timeout(Duration::from_secs(20))
        .expect("serve prints its URL");
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .expect(&line)
        .to_string();
    let rest = url.trim_start_matches("http://");
    let (addr, base) = rest.split_at(rest.find('/').unwrap());
    Server {
        child,
        addr: addr.to_string(),
        base: base.to_string(),
        out: rx,
    }
}

/// A raw GET, so that paths reach the server exactly as written.
fn get(server: &Server, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(&server.addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
        server.addr
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (status, text)
}

fn page(server: &Server, rel: &str) -> (u16, String) {
    get(server, &format!("{}{}", server.base, rel))
}

/// Waits until `check` holds for the page, or fails after 15 s.
fn eventually(server: &Server, rel: &str, what: &str, check: impl Fn(u16, &str) -> bool) -> String {
    let start = Instant::now();
    loop {
        let (status, body) = page(server, rel);
        if check(status, &body) {
            return body;
        }
        assert!(
            start.elapsed() < Duration::from_secs(15),
            "{rel}: {what}; last answer {status}:\n{body}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The live-reload event stream, read in the background.
fn events(server: &Server) -> mpsc::Receiver<String> {
    let mut s = TcpStream::connect(&server.addr).unwrap();
    write!(
        s,
        "GET {}__zhpress/events HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n\r\n",
        server.base, server.addr
    )
    .unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(s).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

fn wait_for_event(rx: &mpsc::Receiver<String>, name: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(15);
    let mut current = String::new();
    while let Ok(line) = rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
        if let Some(n) = line.strip_prefix("event: ") {
            current = n.to_string();
        } else if let Some(d) = line.strip_prefix("data: ") {
            if current == name {
                return d.to_string();
            }
        }
    }
    panic!("no `{name}` event");
}

fn report_like_site() -> Site {
    let site = Site::new(&site_toml("zh-Hant", "https://example.org/deep/report"));
    site.org(
        "jia",
        &entry("甲研究會", "donation", "amount_yuan = 100", "甲的正文"),
    );
    site.org("yi", &entry("乙研究會", "research", "", "乙的正文"));
    site
}

#[test]
fn edits_breakage_fixes_and_deletions_over_http() {
    let site = report_like_site();
    let server = start(&site, &["--watch"]);
    assert_eq!(
        server.base, "/deep/report/",
        "served at base_url's sub-path"
    );
    let (status, home) = page(&server, "zh-hant/");
    assert_eq!(status, 200);
    assert!(
        home.contains("甲研究會") && home.contains("/deep/report/__zhpress/live.js"),
        "{home}"
    );
    let rx = events(&server);
    assert!(wait_for_event(&rx, "hello").contains("\"errors\":null"));

    // An edit shows in both variants.
    site.org(
        "jia",
        &entry(
            "甲研究會",
            "donation",
            "amount_yuan = 100",
            "發生後新寫的正文",
        ),
    );
    eventually(
        &server,
        "zh-hant/orgs/jia/",
        "the edit in zh-hant",
        |_, b| b.contains("發生後新寫的正文"),
    );
    eventually(
        &server,
        "zh-hans/orgs/jia/",
        "the edit in zh-hans",
        |_, b| b.contains("发生后新写的正文"),
    );
    wait_for_event(&rx, "reload");

    // A broken edit: the last good page stays, and the error goes to the page.
    site.org("jia", "+++\nname = \"甲研究會\"\n\n[[activities]]\ntype = \"donaton\"\nsummary = \"x\"\n+++\n壞了\n");
    let error = wait_for_event(&rx, "build-error");
    assert!(
        error.contains("content/orgs/jia.md:5:8") && error.contains("did you mean `donation`?"),
        "{error}"
    );
    let (status, body) = page(&server, "zh-hant/orgs/jia/");
    assert_eq!(status, 200);
    assert!(body.contains("發生後新寫的正文") && !body.contains("壞了"));
    // A page opened now learns of the error at once.
    let late = events(&server);
    assert!(wait_for_event(&late, "hello").contains("donaton"));

    // The fix clears it.
    site.org(
        "jia",
        &entry("甲研究會", "donation", "amount_yuan = 100", "修好了"),
    );
    eventually(&server, "zh-hant/orgs/jia/", "the fix", |_, b| {
        b.contains("修好了")
    });
    wait_for_event(&rx, "reload");

    // A deleted entry disappears from every page that listed it.
    assert!(page(&server, "zh-hant/activities/research/")
        .1
        .contains("乙研究會"));
    std::fs::remove_file(site.root().join("content/orgs/yi.md")).unwrap();
    eventually(
        &server,
        "zh-hant/activities/research/",
        "the deletion",
        |s, b| s == 200 && !b.contains("乙研究會"),
    );
    assert!(!page(&server, "zh-hans/index.html").1.contains("乙研究会"));
    assert_eq!(page(&server, "zh-hant/orgs/yi/").0, 404);
}

#[test]
fn editor_save_patterns() {
    let site = report_like_site();
    let server = start(&site, &["--watch"]);
    let dir = site.root().join("content/orgs");
    // Write to a temporary file, then rename over the entry (vim, many IDEs).
    std::fs::write(
        dir.join(".jia.md.tmp"),
        entry("甲研究會", "donation", "", "改名保存"),
    )
    .unwrap();
    std::fs::rename(dir.join(".jia.md.tmp"), dir.join("jia.md")).unwrap();
    eventually(&server, "zh-hant/orgs/jia/", "rename-over save", |_, b| {
        b.contains("改名保存")
    });
    // Several files at once, one of them new.
    site.org("bing", &entry("丙研究會", "research", "", "新的"));
    site.org("yi", &entry("乙研究會", "research", "", "同時改"));
    eventually(
        &server,
        "zh-hant/activities/research/",
        "the new entry",
        |_, b| b.contains("丙研究會"),
    );
    eventually(&server, "zh-hant/orgs/yi/", "the other edit", |_, b| {
        b.contains("同時改")
    });
    // A rename of an entry moves its page.
    std::fs::rename(dir.join("bing.md"), dir.join("bing2.md")).unwrap();
    eventually(&server, "zh-hant/orgs/bing2/", "renamed entry", |s, _| {
        s == 200
    });
    assert_eq!(page(&server, "zh-hant/orgs/bing/").0, 404);
    // A theme change rebuilds everything.
    let css = site.root().join("themes/default/static/style.css");
    let mut text = std::fs::read_to_string(&css).unwrap();
    text.push_str("\n/* edited */\n");
    std::fs::write(&css, text).unwrap();
    eventually(&server, "style.css", "theme change", |_, b| {
        b.contains("/* edited */")
    });
}

/// The watcher watches what the build read: a glossary file in a
/// subfolder, and templates/ and static/ deleted and made again, as a
/// branch switch does (each change reaches the served site).
#[test]
fn every_input_is_watched_even_after_it_is_made_again() {
    let site = Site::new(&site_toml("zh-Hant", "https://example.org/report").replace(
        "theme = \"default\"\n",
        "theme = \"default\"\nglossary = \"terms/glossary.toml\"\n",
    ));
    site.write("terms/glossary.toml", "\"軟件\" = { zh-Hans = \"软件\" }\n");
    site.org("ruan", &entry("軟件研究會", "research", "", "研究軟件"));
    site.write(
        "content/pages/about.md",
        "+++\ntitle = \"關於\"\n+++\n說明\n",
    );
    site.write("templates/page.html", "{% extends \"base.html\" %}{% block main %}<h1 class=\"one\">{{ page.title }}</h1>{% endblock main %}");
    site.write("static/extra.css", "a { color: red }");
    let server = start(&site, &["--watch"]);
    eventually(&server, "zh-hans/orgs/ruan/", "the first build", |_, b| {
        b.contains("软件研究会")
    });

    site.write("terms/glossary.toml", "\"軟件\" = { zh-Hans = \"软体\" }\n");
    eventually(
        &server,
        "zh-hans/orgs/ruan/",
        "the glossary edit",
        |_, b| b.contains("软体研究会"),
    );

    for round in ["two", "three"] {
        std::fs::remove_dir_all(site.root().join("templates")).unwrap();
        std::fs::remove_dir_all(site.root().join("static")).unwrap();
        eventually(&server, "extra.css", "static/ deleted", |s, _| s == 404);
        // Made again with other files: both are read and watched again.
        site.write("templates/page.html", format!("{{% extends \"base.html\" %}}{{% block main %}}<h1 class=\"{round}\">{{{{ page.title }}}}</h1>{{% endblock main %}}"));
        site.write("static/extra.css", format!("a {{ content: \"{round}\" }}"));
        eventually(
            &server,
            "zh-hant/pages/about/",
            "templates/ made again",
            |_, b| b.contains(&format!("class=\"{round}\"")),
        );
        eventually(&server, "extra.css", "static/ made again", |_, b| {
            b.contains(round)
        });
        // An edit inside the new folders is seen too.
        site.write(
            "static/extra.css",
            format!("a {{ content: \"{round}-edited\" }}"),
        );
        eventually(
            &server,
            "extra.css",
            "an edit in the new static/",
            |_, b| b.contains(&format!("{round}-edited")),
        );
    }
}

#[test]
fn a_missing_page_gets_the_404_of_its_variant() {
    let site = report_like_site();
    let server = start(&site, &[]);
    let (status, body) = page(&server, "zh-hans/orgs/nope/");
    assert_eq!(status, 404);
    assert!(
        body.contains("找不到这个页面") && body.contains("lang=\"zh-Hans\""),
        "{body}"
    );
    let (status, body) = page(&server, "zh-hant/nope");
    assert_eq!(status, 404);
    assert!(body.contains("<html lang=\"zh-Hant\">"), "{body}");
    let (status, body) = page(&server, "nope/");
    assert_eq!(status, 404);
    assert!(
        body.contains("找不到這個頁面") && body.contains("找不到这个页面"),
        "the root 404 speaks both: {body}"
    );
}

#[test]
fn never_serves_outside_the_site() {
    let site = report_like_site();
    std::fs::create_dir_all(site.root().join("static")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", site.root().join("static/passwd")).unwrap();
    std::fs::write(site.root().join("secret.txt"), "secret").unwrap();
    let server = start(&site, &["--watch"]);
    // A link in static/ that leaves the site stops the build: its target is
    // never published, and the page says why.
    let (status, body) = get(&server, "/deep/report/passwd");
    assert_eq!(status, 503, "{body}");
    assert!(
        body.contains("outside the site") && !body.contains("root:"),
        "{body}"
    );
    std::fs::remove_file(site.root().join("static/passwd")).unwrap();
    eventually(&server, "zh-hant/", "the site without the link", |s, _| {
        s == 200
    });
    for path in [
        "/deep/report/../../etc/passwd",
        "/deep/report/%2e%2e/%2e%2e/etc/passwd",
        "/deep/report/..%2f..%2fetc/passwd",
        "/deep/report/%2E%2E%2F%2E%2E%2Fsecret.txt",
        "/etc/passwd",
        "//etc/passwd",
        "/deep/report//etc/passwd",
        "/deep/report/passwd",
        "/deep/report/secret.txt",
        "/deep/report/site.toml",
        "/deep/report/content/orgs/jia.md",
    ] {
        let (status, body) = get(&server, path);
        assert!((400..500).contains(&status), "{path}: {status}");
        assert!(
            !body.contains("root:") && !body.contains("secret\r") && !body.ends_with("secret"),
            "{path} leaked:\n{body}"
        );
    }
    let (status, body) = get(&server, "/deep/report/zh-hant/nope/");
    assert_eq!(status, 404);
    assert!(body.contains("找不到"), "the site's own 404 page");
    let (status, body) = get(&server, "/deep/report/style.css");
    assert_eq!(status, 200);
    assert!(body.contains("content-type: text/css"), "{}", &body[..200]);
}

#[test]
fn build_output_has_no_live_reload_and_ports_in_use_are_clear() {
    let site = report_like_site();
    assert_ok(&site.build(&[]));
    assert!(!site.read("zh-hant/index.html").contains("__zhpress"));
    let server = start(&site, &[]);
    let (_, body) = page(&server, "zh-hant/");
    assert!(!body.contains("__zhpress"), "no script without --watch");
    let port = server.addr.rsplit(':').next().unwrap();
    let o = zhpress(site.root(), &["serve", "--port", port]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        !stderr(&o).contains("site's files"),
        "a port in use says nothing about the site's files: {}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("in use") && stderr(&o).contains("--port 0"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn init_makes_a_site_that_builds_and_checks_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("my-report");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_zhpress"))
        .arg("init")
        .arg(&site)
        .output()
        .unwrap();
    assert_ok(&o);
    assert!(String::from_utf8_lossy(&o.stdout).contains("zhpress serve --watch"));
    assert_ok(&zhpress(&site, &["build"]));
    assert!(site
        .join("output/zh-hans/orgs/example/index.html")
        .is_file());
    assert_ok(&zhpress(&site, &["check"]));
    let again = std::process::Command::new(env!("CARGO_BIN_EXE_zhpress"))
        .arg("init")
        .arg(&site)
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("not empty"));
}

/// In headless Chromium: the open page follows edits, shows the overlay for a
/// broken one (once, in the serve process's language, its caret under the
/// character, a link into the editor, a close button), and drops it when fixed.
#[test]
fn live_reload_and_overlay_in_a_browser() {
    if !browser_tools(&["playwright-core"]) {
        return;
    }
    let site = report_like_site();
    let server = start(&site, &["--watch", "--editor", "code", "--lang", "zh-Hant"]);
    let url = format!("http://{}{}zh-hant/orgs/jia/", server.addr, server.base);
    let artifacts = std::path::Path::new(REPO).join("tests/artifacts");
    let o = Command::new("node")
        .arg(std::path::Path::new(REPO).join("tests/browser/serve.mjs"))
        .arg(&url)
        .arg(site.root().join("content/orgs/jia.md"))
        .arg(&artifacts)
        .current_dir(std::path::Path::new(REPO).join("tests/browser"))
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        o.status.success(),
        "{out}\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        out.contains("\"ok\":true") && out.contains("fix removes the overlay"),
        "{out}"
    );
}

/// A theme whose activity pages are slow to render (a long loop), and fail
/// when an activity's summary says BOOM: the second half of a rebuild can
/// then be watched, and can fail after the first half was served.
fn slow_listing_site() -> Site {
    listing_site(
        "{% for i in range(end=3000) %}{% for j in range(end=1000) %}{% endfor %}{% endfor %}",
    )
}

/// The report-like site whose activity type pages fail to render once an
/// activity's summary says BOOM, after `before` (Tera) in their main block.
fn listing_site(before: &str) -> Site {
    let site = report_like_site();
    let activity = std::fs::read_to_string(site.root().join("themes/default/templates/activity.html"))
        .unwrap()
        .replace(
            "{% block main %}",
            &format!("{{% block main %}}{before}{{% for e in type.entries %}}{{% for a in e.activities %}}{{% if a.summary is containing(\"BOOM\") %}}{{{{ boom_is_not_defined }}}}{{% endif %}}{{% endfor %}}{{% endfor %}}"),
        );
    site.write("templates/activity.html", activity);
    site
}

#[test]
fn listing_pages_wait_for_the_edit_and_a_late_failure_rolls_back() {
    let site = slow_listing_site();
    let server = start(&site, &["--watch"]);
    let rx = events(&server);
    wait_for_event(&rx, "hello");
    let jia = |summary: &str| {
        format!("+++\nname = \"甲研究會\"\n\n[[activities]]\ntype = \"donation\"\nsummary = \"{summary}\"\namount_yuan = 100\n+++\n甲的正文\n")
    };

    // The organization's own page comes first; its activity type's page,
    // still rendering, is not served stale meanwhile: the request waits.
    site.org("jia", &jia("第一次修改"));
    eventually(&server, "zh-hant/orgs/jia/", "the edit", |_, b| {
        b.contains("第一次修改")
    });
    let (status, listing) = page(&server, "zh-hant/activities/donation/");
    assert_eq!(status, 200);
    assert!(listing.contains("第一次修改"), "{listing}");
    let line = server.out.recv_timeout(Duration::from_secs(15)).unwrap();
    assert!(line.contains("its own pages served after"), "{line}");
    wait_for_event(&rx, "reload");

    // A failure in the listing, after the organization's page was served:
    // the last good site comes back, and the error is shown.
    site.org("jia", &jia("BOOM 壞了"));
    let error = wait_for_event(&rx, "build-error");
    assert!(error.contains("boom_is_not_defined"), "{error}");
    wait_for_event(&rx, "reload");
    for rel in ["zh-hant/orgs/jia/", "zh-hant/activities/donation/"] {
        let (status, body) = page(&server, rel);
        assert_eq!(status, 200);
        assert!(
            body.contains("第一次修改") && !body.contains("BOOM"),
            "{rel}: {body}"
        );
    }

    // The fix clears it.
    site.org("jia", &jia("修好了"));
    eventually(
        &server,
        "zh-hans/activities/donation/",
        "the fix",
        |_, b| b.contains("修好了"),
    );
}

/// A rebuild that a newer save superseded serves the edited organization's
/// pages and leaves the rest to the newer save's rebuild. When that one
/// fails, the site goes back to the last one a rebuild finished, as after
/// any failure that came after first files: not the half-made site, whose
/// organization page says what the broken listing could not. (Seen as a
/// flaky `listing_pages_wait_for_the_edit_and_a_late_failure_rolls_back`
/// under load, when one save reached the watcher as two changes.)
#[test]
fn a_failure_after_a_superseded_rebuild_goes_back_to_the_last_finished_site() {
    use std::path::PathBuf;
    use std::sync::{Arc, RwLock};
    use zhpress::serve::{files::SiteFiles, live, watch::Rebuilder, Shared};

    let site = listing_site("");
    let (events, mut rx) = tokio::sync::broadcast::channel(64);
    let shared = Shared {
        site: RwLock::new(Arc::new(SiteFiles::default())),
        errors: RwLock::new(None),
        events,
        base_path: "/".into(),
        watch: true,
        newer_edit: Default::default(),
        overlay: live::Overlay {
            lang: zhpress::i18n::lang(),
            editor: None,
            root: site.root().to_path_buf(),
        },
    };
    let mut rebuilder = Rebuilder::new(site.root().to_path_buf(), Default::default());
    rebuilder.rebuild(&shared, &[]).unwrap();
    let org_page =
        |s: &SiteFiles| String::from_utf8(s.files["zh-hant/orgs/jia/index.html"].to_vec()).unwrap();
    let good = shared.current();
    assert!(!org_page(&good).contains("BOOM"));
    let edited = [PathBuf::from("content/orgs/jia.md")];
    site.org(
        "jia",
        "+++\nname = \"甲研究會\"\n\n[[activities]]\ntype = \"donation\"\nsummary = \"BOOM 壞了\"\namount_yuan = 100\n+++\n甲的正文\n",
    );

    // The save's rebuild, with a newer save already waiting: the
    // organization's own pages are served, the listing is left to the next.
    shared
        .newer_edit
        .store(true, std::sync::atomic::Ordering::Release);
    rebuilder.rebuild(&shared, &edited).unwrap();
    assert!(org_page(&shared.current()).contains("BOOM"));
    while rx.try_recv().is_ok() {}

    // The newer save's rebuild makes the listing, which fails.
    shared
        .newer_edit
        .store(false, std::sync::atomic::Ordering::Release);
    assert!(rebuilder.rebuild(&shared, &edited).is_err());
    let now = shared.current();
    assert!(
        org_page(&now) == org_page(&good),
        "the half-made site is still served"
    );
    assert!(now.unfinished.is_none());
    let mut told = Vec::new();
    while let Ok(m) = rx.try_recv() {
        told.push(match m {
            live::Message::Failed(_) => "failed",
            live::Message::Reload(_) => "reload",
        });
    }
    assert_eq!(
        told,
        ["failed", "reload"],
        "pages must reload the site gone back to"
    );
}
