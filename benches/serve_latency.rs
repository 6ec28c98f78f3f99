//! Dev-server latency: the time from saving one entry to its rebuilt page
//! being served, on a generated site (default 10,000 organizations).
//!
//!     cargo bench --bench serve_latency [-- ORGS]
//!
//! Starts the release binary's `serve --watch` on a gen-corpus site, then 21
//! times: rewrites one entry's body with a new marker and polls its page over
//! HTTP until the marker is served; then the same with the marker in an
//! activity's summary, also timing until the activity type's page (which lists
//! every organization of that type) serves it. Reports the median and the
//! spread of each.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn get(addr: &str, path: &str) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    out
}

fn main() {
    let orgs: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(10_000);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let work = std::env::temp_dir().join(format!("zhpress-serve-bench-{orgs}"));
    if !work.join("site.toml").exists() {
        let st = Command::new(root.join("../shared/tools/gen-corpus"))
            .args(["--orgs", &orgs.to_string(), "--out"])
            .arg(&work)
            .arg("--force")
            .stdout(Stdio::null())
            .status()
            .expect("run gen-corpus");
        assert!(st.success());
    }
    if !work.join("themes/default").exists() {
        let st = Command::new("cp")
            .arg("-r")
            .arg(root.join("themes"))
            .arg(&work)
            .status()
            .unwrap();
        assert!(st.success());
    }
    let status = Command::new("cargo")
        .args(["build", "--release", "--quiet"])
        .current_dir(root)
        .status()
        .unwrap();
    assert!(status.success());
    let mut child = Command::new(root.join("target/release/zhpress"))
        .arg("--root")
        .arg(&work)
        .args(["serve", "--watch", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let url = lines.next().unwrap().unwrap();
    let url = url
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap()
        .to_string();
    let rest = url.trim_start_matches("http://");
    let (addr, base) = rest.split_at(rest.find('/').unwrap());
    // The server's own line per rebuild, on stderr with ZHPRESS_BENCH_VERBOSE.
    let verbose = std::env::var_os("ZHPRESS_BENCH_VERBOSE").is_some();
    std::thread::spawn(move || {
        for line in lines.map_while(|l| l.ok()) {
            if verbose {
                eprintln!("{line}");
            }
        }
    });

    let entry = std::fs::read_dir(work.join("content/orgs"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .min()
        .unwrap();
    let slug = entry.file_stem().unwrap().to_string_lossy().into_owned();
    let original = std::fs::read_to_string(&entry).unwrap();
    let page = format!("{base}zh-hans/orgs/{slug}/");
    // The page of the edited activity's type, which lists the summary too.
    let kind = original
        .split("type = \"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap()
        .to_string();
    let listing = format!("{base}zh-hans/activities/{kind}/");
    // An edit of the account (the body), the usual save while writing, then
    // an edit of an activity's summary, which every index page, the feed and
    // data.json show too.
    type Edit<'a> = &'a dyn Fn(&str) -> String;
    let edits: [(&str, Edit<'_>); 2] = [
        ("account", &|m: &str| format!("{original}\n{m}\n")),
        ("front matter", &|m: &str| {
            original.replacen("summary = \"", &format!("summary = \"{m} "), 1)
        }),
    ];
    let wait_for = |path: &str, marker: &str, started: Instant| loop {
        if get(addr, path).contains(marker) {
            return started.elapsed();
        }
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "the edit was never served"
        );
        std::thread::sleep(Duration::from_millis(2));
    };
    let mut results = Vec::new();
    for (what, edit) in edits {
        let mut times = Vec::new();
        let mut listed = Vec::new();
        for i in 0..21 {
            let marker = format!("latency-marker-{what}-{i}").replace(' ', "-");
            let started = Instant::now();
            std::fs::write(&entry, edit(&marker)).unwrap();
            times.push(wait_for(&page, &marker, started));
            if what == "front matter" {
                // Served once the rest of the rebuild is in place.
                listed.push(wait_for(&listing, &marker, started));
            }
            std::thread::sleep(Duration::from_millis(300));
        }
        times.sort();
        results.push((format!("{what} edit: save → its page served"), times));
        if !listed.is_empty() {
            listed.sort();
            results.push((
                format!("{what} edit: save → its activity type's page served"),
                listed,
            ));
        }
    }
    std::fs::write(&entry, original).unwrap();
    let _ = child.kill();
    let _ = child.wait();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    for (what, times) in results {
        println!(
            "serve --watch, {orgs} organizations, {what}: median {:.0} ms (min {:.0}, max {:.0}, 21 edits; includes the 30 ms debounce)",
            ms(times[times.len() / 2]),
            ms(times[0]),
            ms(times[times.len() - 1])
        );
    }
}
