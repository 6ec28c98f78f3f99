//! serve --watch's incremental rebuilds make exactly what a full build makes:
//! after every edit of a series, the kept site is compared byte for byte with
//! a fresh full build of the same files.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use common::*;
use std::sync::Mutex;
use zhpress::content::LoadOptions;
use zhpress::incremental::{Files, Incremental, Pending, Progress};

fn full(site: &Site) -> BTreeMap<String, Vec<u8>> {
    let mut t = zhpress::Timings::default();
    zhpress::make_site(site.root(), &LoadOptions::default(), &mut t)
        .unwrap()
        .into_iter()
        .map(|o| (o.path, o.bytes))
        .collect()
}

/// What a rebuild gave out before it ended.
#[derive(Default)]
struct Seen {
    first: Mutex<Option<(Files, Pending)>>,
    ready: Mutex<Vec<(String, Vec<u8>)>>,
}

impl Progress for Seen {
    fn first(&self, files: Files, pending: &Pending) {
        *self.first.lock().unwrap() = Some((files, pending.clone()));
    }
    fn ready(&self, path: &str, bytes: &bytes::Bytes) {
        self.ready
            .lock()
            .unwrap()
            .push((path.to_string(), bytes.to_vec()));
    }
}

/// Rebuilds after `changed` and compares with a full build; whether the
/// rebuild gave its first files (the edited organizations' pages) early.
fn same(site: &Site, inc: &mut Incremental, changed: &[&str], step: &str) -> bool {
    let changed: Vec<PathBuf> = changed.iter().map(PathBuf::from).collect();
    let seen = Seen::default();
    let got: BTreeMap<String, Vec<u8>> = inc
        .rebuild_with(&changed, &seen)
        .unwrap_or_else(|e| panic!("{step}: {e:?}"))
        .iter()
        .map(|(k, v)| (k.clone(), v.to_vec()))
        .collect();
    let want = full(site);
    let first = seen.first.into_inner().unwrap();
    // Each file given out before the end is final.
    let ready = seen.ready.into_inner().unwrap();
    assert!(
        first.is_some() || ready.is_empty(),
        "{step}: files given out before the first"
    );
    for (k, v) in &ready {
        assert!(
            want.get(k).is_some_and(|w| w[..] == v[..]),
            "{step}: {k} given out as ready but not final"
        );
    }
    // The first files served before the rebuild ends: every one that is not
    // still pending is already final, and every final file is either there
    // or pending.
    if let Some((files, pending)) = &first {
        assert!(pending.done().next().is_some(), "{step}");
        for (k, v) in files.iter() {
            if !pending.covers(k) {
                assert!(
                    want.get(k).is_some_and(|w| w[..] == v[..]),
                    "{step}: {k} served early but not final"
                );
            }
        }
        for k in want.keys() {
            assert!(
                files.contains_key(k) || pending.covers(k),
                "{step}: {k} neither served early nor pending"
            );
        }
    }
    let early = first.is_some();
    let missing: Vec<&String> = want.keys().filter(|k| !got.contains_key(*k)).collect();
    let extra: Vec<&String> = got.keys().filter(|k| !want.contains_key(*k)).collect();
    let differ: Vec<&String> = want
        .keys()
        .filter(|k| got.get(*k).is_some_and(|g| g != &want[*k]))
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty() && differ.is_empty(),
        "{step}: missing {missing:?}, extra {extra:?}, different {differ:?}"
    );
    early
}

#[test]
fn incremental_rebuilds_equal_full_builds() {
    let site = Site::traditional();
    for i in 0..12 {
        site.org(
            &format!("org-{i:02}"),
            &entry(
                &format!("第{i}會"),
                if i % 3 == 0 { "research" } else { "donation" },
                "amount_yuan = 10",
                &format!("第{i}個的記述"),
            ),
        );
    }
    site.write(
        "content/pages/about.md",
        "+++\ntitle = \"關於\"\n+++\n說明\n",
    );
    // Organization pages that show the totals too, as a theme may: an edit
    // that changes them changes every organization's page.
    let org_html = std::fs::read_to_string(site.root().join("themes/default/templates/org.html"))
        .unwrap()
        .replace("{% block main %}", "{% block main %}<p class=\"count\">{{ totals.organizations }} {{ totals.amount.grouped }}</p>");
    site.write("templates/org.html", org_html);
    let mut inc = Incremental::new(site.root().to_path_buf(), LoadOptions::default());
    same(&site, &mut inc, &[], "first build");

    site.org(
        "org-03",
        &entry("第3會", "research", "amount_yuan = 10", "改過的記述"),
    );
    assert!(same(
        &site,
        &mut inc,
        &["content/orgs/org-03.md"],
        "body edited"
    ));

    // Front-matter edits that leave every total as it was: only the pages
    // that show the changed field are rendered again.
    let org03 = |summary: &str, name: &str, category: &str, date: &str| {
        format!(
            "+++\nname = \"{name}\"\ncategory = \"{category}\"\n\n[[activities]]\ntype = \"research\"\nsummary = \"{summary}\"\namount_yuan = 10\n{date}\n+++\n改過的記述\n"
        )
    };
    for (step, text) in [
        ("category added", org03("活動概述", "第3會", "學會", "")),
        (
            "activity summary edited",
            org03("新的概述", "第3會", "學會", ""),
        ),
        ("name edited", org03("新的概述", "第三會", "學會", "")),
        (
            "date added",
            org03("新的概述", "第三會", "學會", "date = 2020-02-03"),
        ),
        (
            "category edited",
            org03("新的概述", "第三會", "研究會", "date = 2020-02-03"),
        ),
    ] {
        site.org("org-03", &text);
        assert!(same(&site, &mut inc, &["content/orgs/org-03.md"], step));
    }

    site.org(
        "org-04",
        &entry("第4會改名", "donation", "amount_yuan = 99.5", "記述"),
    );
    // The frame of every page changes with the totals: the organization's
    // own pages still come first, every other page pending.
    assert!(same(
        &site,
        &mut inc,
        &["content/orgs/org-04.md"],
        "name and amount edited (totals change)",
    ));

    site.org(
        "org-05",
        &entry("第5會", "volunteering", "amount_yuan = 10", "記述"),
    );
    same(
        &site,
        &mut inc,
        &["content/orgs/org-05.md"],
        "activity type changed",
    );

    site.org("new-one", &entry("新會", "research", "", "新的"));
    assert!(same(
        &site,
        &mut inc,
        &["content/orgs/new-one.md"],
        "entry added"
    ));

    std::fs::remove_file(site.root().join("content/orgs/org-07.md")).unwrap();
    same(
        &site,
        &mut inc,
        &["content/orgs/org-07.md"],
        "entry deleted",
    );

    std::fs::rename(
        site.root().join("content/orgs/org-08.md"),
        site.root().join("content/orgs/org-80.md"),
    )
    .unwrap();
    same(
        &site,
        &mut inc,
        &["content/orgs/org-08.md", "content/orgs/org-80.md"],
        "entry renamed",
    );

    site.write(
        "content/orgs/org-01.zh-Hans.md",
        entry("手写简体版", "donation", "amount_yuan = 10", "手写"),
    );
    same(
        &site,
        &mut inc,
        &["content/orgs/org-01.zh-Hans.md"],
        "override added",
    );
    std::fs::remove_file(site.root().join("content/orgs/org-01.zh-Hans.md")).unwrap();
    same(
        &site,
        &mut inc,
        &["content/orgs/org-01.zh-Hans.md"],
        "override removed",
    );

    site.write(
        "content/pages/about.md",
        "+++\ntitle = \"關於本站\"\n+++\n新說明\n",
    );
    same(
        &site,
        &mut inc,
        &["content/pages/about.md"],
        "page title edited",
    );
    site.write("content/_index.md", "+++\ntitle = \"首頁\"\n+++\n介紹\n");
    same(&site, &mut inc, &["content/_index.md"], "home page added");

    // A broken edit fails and keeps the state; the next good edit is still exact.
    site.org("org-02", "+++\nname = \"壞\"\n+++\n");
    assert!(inc
        .rebuild(&[PathBuf::from("content/orgs/org-02.md")])
        .is_err());
    site.org(
        "org-02",
        &entry("第2會", "donation", "amount_yuan = 10", "修好"),
    );
    same(
        &site,
        &mut inc,
        &["content/orgs/org-02.md"],
        "fixed after a broken edit",
    );

    site.write(
        "site.toml",
        site_toml("zh-Hant", "https://example.org/other"),
    );
    // Everything is rebuilt: nothing is given early.
    assert!(!same(&site, &mut inc, &["site.toml"], "site.toml changed"));
    site.write(
        "templates/page.html",
        "{% extends \"base.html\" %}{% block main %}<h1>{{ page.title }}</h1>{% endblock main %}",
    );
    same(
        &site,
        &mut inc,
        &["templates/page.html"],
        "template overridden",
    );
    site.org(
        "org-09",
        &entry("第9會", "donation", "amount_yuan = 10", "最後一改"),
    );
    same(
        &site,
        &mut inc,
        &["content/orgs/org-09.md"],
        "body edited after a full rebuild",
    );
}

/// Inputs outside content/: a glossary file in a subfolder, and templates/
/// and static/ deleted and made again (as a branch switch does).
#[test]
fn edits_of_every_input_equal_full_builds() {
    let site = Site::new(&site_toml("zh-Hant", "https://example.org/report").replace(
        "theme = \"default\"\n",
        "theme = \"default\"\nglossary = \"terms/glossary.toml\"\n",
    ));
    site.write("terms/glossary.toml", "\"軟件\" = { zh-Hans = \"软件\" }\n");
    site.org(
        "ruan",
        &entry("軟件研究會", "research", "", "研究軟件與發展"),
    );
    site.write("templates/page.html", "{% extends \"base.html\" %}{% block main %}<h1 class=\"mine\">{{ page.title }}</h1>{% endblock main %}");
    site.write("static/extra.css", "body { color: black }\n");
    site.write(
        "content/pages/about.md",
        "+++\ntitle = \"關於\"\n+++\n說明\n",
    );
    let mut inc = Incremental::new(site.root().to_path_buf(), LoadOptions::default());
    same(&site, &mut inc, &[], "first build");

    site.write("terms/glossary.toml", "\"軟件\" = { zh-Hans = \"软体\" }\n");
    same(
        &site,
        &mut inc,
        &["terms/glossary.toml"],
        "glossary file in a subfolder edited",
    );
    assert!(
        full(&site)["zh-hans/orgs/ruan/index.html"]
            .windows("软体".len())
            .any(|w| w == "软体".as_bytes()),
        "the glossary's new text is used"
    );

    std::fs::remove_dir_all(site.root().join("templates")).unwrap();
    same(&site, &mut inc, &["templates"], "templates/ deleted");
    site.write("templates/page.html", "{% extends \"base.html\" %}{% block main %}<h1 class=\"again\">{{ page.title }}</h1>{% endblock main %}");
    same(&site, &mut inc, &["templates"], "templates/ made again");
    site.write("templates/page.html", "{% extends \"base.html\" %}{% block main %}<h1 class=\"third\">{{ page.title }}</h1>{% endblock main %}");
    same(
        &site,
        &mut inc,
        &["templates/page.html"],
        "a template in the new templates/ edited",
    );

    std::fs::remove_dir_all(site.root().join("static")).unwrap();
    same(&site, &mut inc, &["static"], "static/ deleted");
    site.write("static/extra.css", "body { color: navy }\n");
    same(&site, &mut inc, &["static"], "static/ made again");
    site.write("static/extra.css", "body { color: teal }\n");
    same(
        &site,
        &mut inc,
        &["static/extra.css"],
        "a file in the new static/ edited",
    );
    let out = full(&site);
    assert_eq!(out["extra.css"], b"body { color: teal }\n");
    assert!(
        String::from_utf8_lossy(&out["zh-hant/pages/about/index.html"]).contains("class=\"third\"")
    );
}

/// The search index's files follow the text: when an edit leaves it fewer
/// shards or chunks, the rebuild drops the files a full build no longer makes.
#[test]
fn a_smaller_search_index_leaves_no_old_files() {
    let site = Site::traditional();
    // Accounts long enough and varied enough for several shards and chunks.
    let text = |i: usize| -> String {
        (0..400)
            .map(|k| char::from_u32(0x4E00 + ((i * 7919 + k * 104_729) % 20_000) as u32).unwrap())
            .collect()
    };
    for i in 0..20 {
        site.org(
            &format!("org-{i:02}"),
            &entry(&format!("第{i}會"), "donation", "", &text(i)),
        );
    }
    let mut inc = Incremental::new(site.root().to_path_buf(), LoadOptions::default());
    same(&site, &mut inc, &[], "first build");
    let count = |files: &BTreeMap<String, Vec<u8>>| {
        files
            .keys()
            .filter(|k| k.starts_with("zh-hans/search/"))
            .count()
    };
    let before = count(&full(&site));
    for i in 0..20 {
        site.org(
            &format!("org-{i:02}"),
            &entry(&format!("第{i}會"), "donation", "", "短"),
        );
    }
    let changed: Vec<String> = (0..20)
        .map(|i| format!("content/orgs/org-{i:02}.md"))
        .collect();
    let changed: Vec<&str> = changed.iter().map(|s| s.as_str()).collect();
    same(&site, &mut inc, &changed, "accounts shortened");
    assert!(count(&full(&site)) < before, "the index did shrink");
}

/// Progress that always has a newer edit waiting.
#[derive(Default)]
struct Newer(Seen);

impl Progress for Newer {
    fn first(&self, files: Files, pending: &Pending) {
        self.0.first(files, pending)
    }
    fn ready(&self, path: &str, bytes: &bytes::Bytes) {
        self.0.ready(path, bytes)
    }
    fn superseded(&self) -> bool {
        true
    }
}

/// A rebuild that a newer edit supersedes leaves the search index to the next
/// one: it keeps the last index's files, and the next rebuild (of any
/// change) makes the index the full build makes. (An account edit changes no
/// other file but its own pages, which come first: those are final.)
#[test]
fn a_superseded_rebuild_leaves_the_search_index_to_the_next() {
    let site = Site::traditional();
    for i in 0..6 {
        site.org(
            &format!("org-{i:02}"),
            &entry(
                &format!("第{i}會"),
                "donation",
                "",
                &format!("第{i}個的記述"),
            ),
        );
    }
    let mut inc = Incremental::new(site.root().to_path_buf(), LoadOptions::default());
    same(&site, &mut inc, &[], "first build");
    let index = |files: &BTreeMap<String, Vec<u8>>| -> BTreeMap<String, Vec<u8>> {
        files
            .iter()
            .filter(|(k, _)| k.contains("/search/"))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect()
    };
    let old_index = index(&full(&site));

    site.org(
        "org-02",
        &entry("第2會", "donation", "", "新的記述：口罩捐贈"),
    );
    let newer = Newer::default();
    let got: BTreeMap<String, Vec<u8>> = inc
        .rebuild_with(&[PathBuf::from("content/orgs/org-02.md")], &newer)
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.to_vec()))
        .collect();
    assert!(
        newer.0.first.lock().unwrap().is_some(),
        "its pages came early"
    );
    let want = full(&site);
    assert_ne!(index(&want), old_index, "the edit changes the index");
    assert_eq!(index(&got), old_index, "the last index is kept");
    for (k, v) in &want {
        if !k.contains("/search/") {
            assert_eq!(got.get(k), Some(v), "{k} is final");
        }
    }
    for (k, _) in newer.0.ready.lock().unwrap().iter() {
        assert!(!k.contains("/search/"), "{k}: no index file given out");
    }
    // The next rebuild, of another entry, makes the index of both edits.
    site.org("org-04", &entry("第4會", "donation", "", "又一個記述"));
    same(
        &site,
        &mut inc,
        &["content/orgs/org-04.md"],
        "after the superseded one",
    );
}

/// A newer save stops a rebuild after the edited organization's own pages:
/// the pages that list it (its type's) and the data files keep their
/// last bytes, and the next rebuild makes everything the full build makes.
#[test]
fn a_superseded_rebuild_leaves_its_later_files_to_the_next() {
    let site = Site::traditional();
    for i in 0..6 {
        site.org(
            &format!("org-{i:02}"),
            &entry(&format!("第{i}會"), "donation", "", "記述"),
        );
    }
    let mut inc = Incremental::new(site.root().to_path_buf(), LoadOptions::default());
    same(&site, &mut inc, &[], "first build");
    let before = full(&site);
    // The summary shows on the listing pages too.
    site.org(
        "org-02",
        &entry("第2會", "donation", "", "記述").replace("活動概述", "新的概述：口罩捐贈"),
    );
    let newer = Newer::default();
    let got: BTreeMap<String, Vec<u8>> = inc
        .rebuild_with(&[PathBuf::from("content/orgs/org-02.md")], &newer)
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v.to_vec()))
        .collect();
    let want = full(&site);
    let own = "zh-hant/orgs/org-02/index.html";
    assert_ne!(before.get(own), want.get(own), "the edit changes its page");
    assert_eq!(got.get(own), want.get(own), "its own page is made");
    let listing = "zh-hant/activities/donation/index.html";
    assert_ne!(
        before.get(listing),
        want.get(listing),
        "the edit changes its type's page"
    );
    assert_eq!(
        got.get(listing),
        before.get(listing),
        "its type's page is left to the next rebuild"
    );
    assert!(
        newer.0.ready.lock().unwrap().is_empty(),
        "nothing after its own pages was made"
    );
    site.org("org-04", &entry("第4會", "donation", "", "又一個記述"));
    same(
        &site,
        &mut inc,
        &["content/orgs/org-04.md"],
        "after the superseded one",
    );
}
