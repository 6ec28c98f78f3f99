//! `--output` can never cost a file zhpress did not make: each way of losing
//! data that a new user found (issue 12) is refused with exit 2 and a message
//! naming both paths, or builds while keeping every file of theirs. The site,
//! its neighbours and the user's files are compared byte for byte afterwards.

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::*;

/// A folder holding a site (`site/`), a note beside it and a neighbour's project.
fn workspace() -> (tempfile::TempDir, Site) {
    let site = Site::traditional();
    site.org(
        "jia",
        &entry("甲會", "donation", "amount_yuan = 100", "甲會的記述。"),
    );
    site.write("NOTES.txt", "an editor's notes beside site.toml\n");
    (tempfile::tempdir().unwrap(), site)
}

fn run(cwd: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_zhpress"))
        .current_dir(cwd)
        .args(args)
        .output()
        .unwrap()
}

fn assert_refused(o: &std::process::Output, needles: &[&str]) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "exit code:\n{err}");
    for n in needles {
        assert!(err.contains(n), "`{n}` not in:\n{err}");
    }
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn the_site_itself_its_parent_and_its_folders_are_refused() {
    let (_, site) = workspace();
    // The site sits in a folder with a neighbour's project.
    let parent = site.root().parent().unwrap().to_path_buf();
    let neighbour = tempfile::tempdir_in(&parent).unwrap();
    std::fs::write(neighbour.path().join("thesis.md"), "a neighbour's work\n").unwrap();
    let root = site.root().to_str().unwrap().to_string();
    let before_site = tree(site.root());
    let before_neighbour = tree(neighbour.path());
    let cases: Vec<(String, &[&str])> = vec![
        (root.clone(), &["is the site's own folder", "--root"]),
        (format!("{root}/"), &["is the site's own folder"]),
        (format!("{root}/content/.."), &["is the site's own folder"]),
        (parent.to_str().unwrap().to_string(), &["holds the site"]),
        ("/".to_string(), &["holds the site"]),
        (
            format!("{root}/content"),
            &["inside the site's content/ folder"],
        ),
        (
            format!("{root}/content/orgs"),
            &["inside the site's content/ folder"],
        ),
        (
            format!("{root}/themes"),
            &["inside the site's themes/ folder"],
        ),
        (
            format!("{root}/templates/new"),
            &["inside the site's templates/ folder"],
        ),
        (
            format!("{root}/static"),
            &["inside the site's static/ folder"],
        ),
        (format!("{root}/NOTES.txt"), &["is a file, not a folder"]),
        (String::new(), &["--output"]),
    ];
    for (output, needles) in &cases {
        let o = zhpress(site.root(), &["build", "--output", output]);
        let mut all = needles.to_vec();
        all.push(output.as_str());
        assert_refused(&o, &all);
        let o = zhpress(site.root(), &["build", "--force", "--output", output]);
        assert_refused(&o, needles);
    }
    assert_eq!(tree(site.root()), before_site, "the site changed");
    assert_eq!(
        tree(neighbour.path()),
        before_neighbour,
        "a neighbour changed"
    );
    // Relative paths, as a user types them from the parent folder.
    let name = site
        .root()
        .file_name()
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    for (output, needle) in [
        (name.clone(), "is the site's own folder"),
        (".".to_string(), "holds the site"),
        (
            format!("{name}/content"),
            "inside the site's content/ folder",
        ),
    ] {
        let o = run(&parent, &["--root", &name, "build", "--output", &output]);
        assert_refused(
            &o,
            &[
                needle,
                &format!("--output {output}"),
                &format!("--root {name}"),
            ],
        );
    }
    // The folder the command runs in.
    let elsewhere = tempfile::tempdir().unwrap();
    let inside = elsewhere.path().join("work");
    std::fs::create_dir(&inside).unwrap();
    let o = run(
        &inside,
        &[
            "--root",
            &root,
            "build",
            "--output",
            elsewhere.path().to_str().unwrap(),
        ],
    );
    assert_refused(&o, &["holds the folder this command runs in"]);
    assert!(inside.is_dir());
    assert_eq!(tree(site.root()), before_site);
    assert_eq!(tree(neighbour.path()), before_neighbour);
}

#[test]
fn a_folder_zhpress_did_not_make_needs_force_and_keeps_its_files() {
    let (dir, site) = workspace();
    // A GitHub Pages checkout: CNAME, .git/, a README, an old page.
    let pages = dir.path().join("pages");
    std::fs::create_dir_all(pages.join(".git/objects/ab")).unwrap();
    std::fs::write(pages.join(".git/HEAD"), "ref: refs/heads/gh-pages\n").unwrap();
    std::fs::write(pages.join(".git/objects/ab/cdef"), [0u8, 1, 2, 255]).unwrap();
    std::fs::write(pages.join("CNAME"), "report.example.org\n").unwrap();
    std::fs::write(pages.join("README.md"), "deployed by hand\n").unwrap();
    std::os::unix::fs::symlink("README.md", pages.join("LINK")).unwrap();
    let out = pages.to_str().unwrap();
    let before = tree(&pages);

    let o = site.build(&["--output", out]);
    assert_refused(
        &o,
        &[
            out,
            "already holds files zhpress did not make",
            ".git/",
            "CNAME",
            "--force",
        ],
    );
    assert_eq!(tree(&pages), before);

    assert_ok(&site.build(&["--output", out, "--force"]));
    let after = tree(&pages);
    for (path, what) in &before {
        assert_eq!(after.get(path), Some(what), "{path} was not kept");
    }
    assert!(pages.join("zh-hans/orgs/jia/index.html").is_file());
    assert!(pages.join(".zhpress-output").is_file());

    // From now on it is zhpress's: no --force needed, and the user's files stay
    // through every build, while pages of a removed entry go.
    site.org("yi", &entry("乙會", "donation", "", "乙會的記述。"));
    assert_ok(&site.build(&["--output", out]));
    assert!(pages.join("zh-hant/orgs/yi/index.html").is_file());
    std::fs::remove_file(site.root().join("content/orgs/yi.md")).unwrap();
    std::fs::write(pages.join("zh-hant/orgs/notes.txt"), "put here by hand\n").unwrap();
    assert_ok(&site.build(&["--output", out]));
    assert!(
        !pages.join("zh-hant/orgs/yi").exists(),
        "a removed entry's pages stay"
    );
    assert_eq!(
        std::fs::read_to_string(pages.join("zh-hant/orgs/notes.txt")).unwrap(),
        "put here by hand\n"
    );
    let after = tree(&pages);
    for (path, what) in &before {
        assert_eq!(after.get(path), Some(what), "{path} was not kept");
    }
    // A failed build leaves all of it as it was.
    let good = tree(&pages);
    site.org("bad", "+++\nname = 1\n+++\n");
    let o = site.build(&["--output", out]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("nothing was written"), "{}", stderr(&o));
    assert_eq!(tree(&pages), good);
}

#[test]
fn deploy_files_survive_from_the_old_output_and_from_static() {
    let (_, site) = workspace();
    assert_ok(&site.build(&[]));
    let out = site.out();
    // Put into the output by hand (a Pages checkout), not made by zhpress.
    std::fs::create_dir_all(out.join(".git")).unwrap();
    std::fs::write(out.join(".git/HEAD"), "ref: refs/heads/main\n").unwrap();
    std::fs::write(out.join("CNAME"), "report.example.org\n").unwrap();
    // And from static/: a Netlify site's files, Jekyll switched off.
    site.write("static/_redirects", "/old /zh-hant/ 301\n");
    site.write("static/_headers", "/*\n  X-Frame-Options: DENY\n");
    site.write("static/.nojekyll", "");
    site.write("static/.DS_Store", "junk");
    site.write("static/style.css~", "a backup");
    for _ in 0..2 {
        assert_ok(&site.build(&[]));
        assert_eq!(
            std::fs::read_to_string(out.join(".git/HEAD")).unwrap(),
            "ref: refs/heads/main\n"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("CNAME")).unwrap(),
            "report.example.org\n"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("_redirects")).unwrap(),
            "/old /zh-hant/ 301\n"
        );
        assert!(out.join("_headers").is_file());
        assert!(
            out.join(".nojekyll").is_file(),
            ".nojekyll from static/ is published"
        );
        assert!(
            !out.join(".DS_Store").exists(),
            "other hidden files are not"
        );
        assert!(!out.join("style.css~").exists(), "nor editors' backups");
    }
    // The same CNAME in static/ as in the output: no conflict, and it stays
    // the user's when it leaves static/ again.
    site.write("static/CNAME", "report.example.org\n");
    assert_ok(&site.build(&[]));
    std::fs::remove_file(site.root().join("static/CNAME")).unwrap();
    assert_ok(&site.build(&[]));
    assert_eq!(
        std::fs::read_to_string(out.join("CNAME")).unwrap(),
        "report.example.org\n"
    );
    // A different one would replace the user's: refused, unless --force.
    site.write("static/CNAME", "other.example.org\n");
    let before = tree(&out);
    let o = site.build(&[]);
    assert_refused(
        &o,
        &[
            "CNAME",
            "zhpress did not make",
            "--force",
            "nothing was written",
        ],
    );
    assert_eq!(tree(&out), before);
    assert_ok(&site.build(&["--force"]));
    assert_eq!(
        std::fs::read_to_string(out.join("CNAME")).unwrap(),
        "other.example.org\n"
    );
    assert_eq!(
        std::fs::read_to_string(out.join(".git/HEAD")).unwrap(),
        "ref: refs/heads/main\n"
    );
}

#[test]
fn a_file_of_the_users_where_the_site_needs_a_folder_is_refused() {
    let (_, site) = workspace();
    assert_ok(&site.build(&[]));
    let out = site.out();
    // Where the statistics page's folder was, a file of the user's.
    std::fs::remove_dir_all(out.join("zh-hant/stats")).unwrap();
    std::fs::write(out.join("zh-hant/stats"), "my own file named stats\n").unwrap();
    let before = tree(&out);
    let o = site.build(&[]);
    assert_refused(&o, &["zh-hant/stats", "zhpress did not make"]);
    assert_eq!(tree(&out), before);
}

#[test]
fn an_output_that_is_a_link_is_built_where_it_points() {
    let (dir, site) = workspace();
    let real = dir.path().join("real");
    std::fs::create_dir(&real).unwrap();
    let link = dir.path().join("link");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    for _ in 0..2 {
        assert_ok(&site.build(&["--output", link.to_str().unwrap()]));
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert!(real.join("zh-hant/index.html").is_file());
    }
}

#[test]
fn two_builds_of_the_same_site_at_once_never_mix() {
    let site = Site::traditional();
    for i in 0..60 {
        site.org(
            &format!("org-{i:02}"),
            &entry(
                &format!("第{i}會"),
                "donation",
                "amount_yuan = 10",
                &"記述。".repeat(200),
            ),
        );
    }
    assert_ok(&site.build(&[]));
    let expected = snapshot(&site.out());
    for round in 0..3 {
        let children: Vec<_> = (0..3)
            .map(|_| {
                Command::new(env!("CARGO_BIN_EXE_zhpress"))
                    .arg("--root")
                    .arg(site.root())
                    .arg("build")
                    .stdout(Stdio::piped())
                    .stderr(Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        for c in children {
            let o = c.wait_with_output().unwrap();
            assert_ok(&o);
        }
        assert_eq!(
            snapshot(&site.out()),
            expected,
            "round {round}: the output is not one build's"
        );
    }
    let leftovers = staging_leftovers(site.root());
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

/// `check` writes nothing, anywhere: not in the site, not in output/.
#[test]
fn check_writes_nothing() {
    let (_, site) = workspace();
    assert_ok(&site.build(&[]));
    std::fs::write(site.out().join("CNAME"), "x.example\n").unwrap();
    let before = tree(site.root());
    assert_ok(&zhpress(site.root(), &["check"]));
    std::fs::remove_dir_all(site.out()).unwrap();
    let without = tree(site.root());
    assert_ok(&zhpress(site.root(), &["check", "--audit"]));
    assert_eq!(tree(site.root()), without, "check made something");
    assert!(!before.is_empty());
}

/// `check --fix` rewrites the flagged entry and nothing else; an entry that
/// is a link inside the site stays a link, and its target gets the fix.
#[test]
fn check_fix_rewrites_only_the_flagged_file_through_links() {
    let site = Site::traditional();
    site.write(
        "drafts/real.md",
        entry("甲會", "donation", "", "疫情發生后，社區幹部到場。"),
    );
    std::os::unix::fs::symlink(
        "../../drafts/real.md",
        site.root().join("content/orgs/jia.md"),
    )
    .unwrap();
    site.org("yi", &entry("乙會", "donation", "", "乙會的記述。"));
    let before = tree(site.root());
    let o = zhpress(site.root(), &["check", "--fix"]);
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("rewrote 1 span"),
        "{}",
        stderr(&o)
    );
    let after = tree(site.root());
    let changed: Vec<&String> = after
        .keys()
        .filter(|k| before.get(*k) != after.get(*k))
        .collect();
    assert_eq!(
        changed,
        vec!["drafts/real.md"],
        "only the link's target is rewritten"
    );
    assert!(std::fs::read_to_string(site.root().join("drafts/real.md"))
        .unwrap()
        .contains("疫情發生後"));
    assert_eq!(before.len(), after.len());
}

/// `serve --watch` serves from memory: an existing output/ stays byte for
/// byte as it was through rebuilds, and none is made where there was none.
#[test]
fn serve_never_touches_the_output() {
    let (_, site) = workspace();
    for existing in [true, false] {
        if existing {
            assert_ok(&site.build(&[]));
            std::fs::write(site.out().join("CNAME"), "x.example\n").unwrap();
        } else {
            std::fs::remove_dir_all(site.out()).unwrap();
        }
        let before = tree(site.root());
        let mut child = Command::new(env!("CARGO_BIN_EXE_zhpress"))
            .arg("--root")
            .arg(site.root())
            .args(["serve", "--watch", "--port", "0"])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        // A guard against a hang, not a measurement.
        let next = || {
            rx.recv_timeout(Duration::from_secs(300))
                .expect("a line from serve")
        };
        let first = next();
        assert!(first.contains("serving"), "{first}");
        // An edit, and its rebuild (one line on standard output).
        let edited = entry("甲會", "donation", "amount_yuan = 100", "甲會的新記述。");
        site.org("jia", &edited);
        let rebuilt = next();
        assert!(rebuilt.contains("rewritten"), "{rebuilt}");
        let _ = child.kill();
        let _ = child.wait();
        let mut want = before.clone();
        want.insert(
            "content/orgs/jia.md".into(),
            format!("{:?}", edited.as_bytes()),
        );
        assert_eq!(
            tree(site.root()),
            want,
            "serve wrote something (output existed: {existing})"
        );
    }
}
