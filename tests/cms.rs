//! The browser CMS (`zhpress init --cms decap`) as an editor uses it: a new
//! site, its admin page in headless Chromium against Decap's local backend
//! (decap-server), an organization created through the form; then `check`
//! and `build` accept the file the CMS wrote. The browser steps are
//! tests/browser/cms.mjs.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

fn init(args: &[&str], root: &Path) -> std::process::Output {
    zhpress(root, &[&["init"], args].concat())
}

/// `init --cms decap DIR` makes a site with static/admin/; inside a site,
/// `init --cms decap` adds it, refuses to replace it without --force, and
/// with --force writes it again from site.toml as it is now.
#[test]
fn init_writes_the_admin_folder_from_site_toml() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let o = init(&["--cms", "decap", site.to_str().unwrap()], dir.path());
    assert_ok(&o);
    let config = std::fs::read_to_string(site.join("static/admin/config.yml")).unwrap();
    let index = std::fs::read_to_string(site.join("static/admin/index.html")).unwrap();
    assert!(index.contains("https://unpkg.com/decap-cms@3.16.3/dist/decap-cms.js"));
    for line in [
        "backend:\n  name: \"git-gateway\"",
        "local_backend: true",
        "folder: \"content/orgs\"",
        "folder: \"content/pages\"",
        "format: \"toml-frontmatter\"",
        "- label: \"捐款捐物\"\n                value: \"donation\"",
        "format: \"YYYY-MM-DD\"",
    ] {
        assert!(config.contains(line), "{line}\n{config}");
    }

    // The admin folder is published as it is, and the site still builds.
    assert_ok(&zhpress(&site, &["build"]));
    assert!(site.join("output/admin/config.yml").is_file());

    // Again inside the site: refused.
    let again = init(&["--cms", "decap"], &site);
    assert_eq!(again.status.code(), Some(2), "{}", stderr(&again));
    assert!(stderr(&again).contains("static/admin/index.html already exists"));
    assert!(stderr(&again).contains("--force"));

    // site.toml gains an activity type and declared fields; --force follows.
    let toml = std::fs::read_to_string(site.join("site.toml")).unwrap();
    let more = "\n[[activity_types]]\nkey = \"research\"\nname = \"調研建言\"\n\n[[fields]]\nkey = \"website\"\ntype = \"url\"\nname = \"網站\"\n\n[[fields]]\nkey = \"founded\"\ntype = \"date\"\nname = \"成立日期\"\nrequired = true\n\n[[fields]]\nkey = \"staff\"\ntype = \"integer\"\nname = \"職員\"\n";
    std::fs::write(site.join("site.toml"), format!("{toml}{more}")).unwrap();
    assert_ok(&init(&["--cms", "decap", "--force"], &site));
    let config = std::fs::read_to_string(site.join("static/admin/config.yml")).unwrap();
    for line in [
        "- label: \"調研建言\"\n                value: \"research\"",
        "- label: \"網站\"\n        name: \"website\"\n        widget: \"string\"",
        "- label: \"成立日期\"\n        name: \"founded\"\n        widget: \"datetime\"",
        "- label: \"職員\"\n        name: \"staff\"\n        widget: \"number\"\n        value_type: \"int\"",
    ] {
        assert!(config.contains(line), "{line}\n{config}");
    }
    let founded = &config[config.find("name: \"founded\"").unwrap()..];
    let founded = &founded[..founded.find("- label").unwrap_or(founded.len())];
    assert!(founded.contains("required: true"), "{founded}");
}

/// A broken site.toml is reported where it is broken, and nothing is written.
#[test]
fn init_cms_reports_a_broken_site_toml() {
    let site = Site::traditional();
    site.write("site.toml", "title = \"x\"\nbase_url = 3\n");
    let o = init(&["--cms", "decap"], site.root());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("site.toml:2:"), "{}", stderr(&o));
    assert!(!site.root().join("static/admin").exists());
}

/// In headless Chromium, through the CMS's form: the entry it writes passes
/// `check` and is built into a page.
#[test]
fn an_entry_made_in_the_browser_cms_builds() {
    if !browser_tools(&["playwright-core", "decap-cms", "decap-server"]) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    assert_ok(&init(
        &["--cms", "decap", site.to_str().unwrap()],
        dir.path(),
    ));
    let artifacts = Path::new(REPO).join("tests/artifacts");
    let o = Command::new("node")
        .arg(Path::new(REPO).join("tests/browser/cms.mjs"))
        .arg(env!("CARGO_BIN_EXE_zhpress"))
        .arg(&site)
        .arg(&artifacts)
        .output()
        .unwrap();
    let out = String::from_utf8_lossy(&o.stdout);
    let result: serde_json::Value = out
        .lines()
        .last()
        .and_then(|l| serde_json::from_str(l).ok())
        .unwrap_or_else(|| panic!("cms.mjs printed no result:\n{out}\n{}", stderr(&o)));
    assert!(o.status.success(), "{result:#}\n{}", stderr(&o));
    assert!(artifacts.join("cms-form.png").is_file());

    let file = result["file"].as_str().unwrap();
    let text = std::fs::read_to_string(site.join(file)).unwrap();
    assert!(text.starts_with("+++\n"), "{text}");
    for line in [
        "name = \"瀏覽器新建研究會\"",
        "type = \"volunteering\"",
        "date = \"2020-02-08\"",
        "amount_yuan = 12345.67",
        "people = 30",
    ] {
        assert!(text.contains(line), "{line}\n{text}");
    }
    let check = zhpress(&site, &["check"]);
    assert_ok(&check);
    assert_ok(&zhpress(&site, &["build"]));
    let slug = Path::new(file).file_stem().unwrap().to_str().unwrap();
    let page = std::fs::read_to_string(site.join(format!("output/zh-hant/orgs/{slug}/index.html")))
        .unwrap();
    assert!(page.contains("瀏覽器新建研究會"));
    assert!(page.contains("志願服務"));
    let hans = std::fs::read_to_string(site.join(format!("output/zh-hans/orgs/{slug}/index.html")))
        .unwrap();
    assert!(hans.contains("浏览器新建研究会"), "the Simplified page");
}

/// YAML read by the `yaml` package tests/browser has (Decap's own); `None`
/// when node or the package is absent (after a plain skip).
fn parse_yaml(file: &Path) -> Option<serde_json::Value> {
    if !browser_tools(&["yaml"]) {
        return None;
    }
    let o = Command::new("node")
        .current_dir(Path::new(REPO).join("tests/browser"))
        .args([
            "-e",
            "console.log(JSON.stringify(require('yaml').parse(require('fs').readFileSync(process.argv[1], 'utf8'))))",
        ])
        .arg(file)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}: {}", file.display(), stderr(&o));
    Some(serde_json::from_slice(&o.stdout).unwrap())
}

/// docs/github-pages.yml, the deploy recipe in the README: valid YAML that
/// builds with GitHub's address for the site and uploads output/; and a
/// build with such an address links every page under its path.
#[test]
fn the_github_pages_workflow_builds_under_the_pages_address() {
    let file = Path::new(REPO).join("docs/github-pages.yml");
    let Some(workflow) = parse_yaml(&file) else {
        return;
    };
    let steps = workflow["jobs"]["build"]["steps"].as_array().unwrap();
    let run: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(run.contains(&"zhpress build --base-url \"${{ steps.pages.outputs.base_url }}\""));
    let upload = steps
        .iter()
        .find(|s| s["uses"] == "actions/upload-pages-artifact@v3")
        .unwrap();
    assert_eq!(upload["with"]["path"], "output");
    assert_eq!(
        workflow["jobs"]["deploy"]["steps"][0]["uses"],
        "actions/deploy-pages@v4"
    );

    // What configure-pages gives for a project site.
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    assert_ok(&init(
        &["--cms", "decap", site.to_str().unwrap()],
        dir.path(),
    ));
    assert!(parse_yaml(&site.join("static/admin/config.yml")).unwrap()["collections"].is_array());
    assert_ok(&zhpress(
        &site,
        &["build", "--base-url", "https://owner.github.io/report"],
    ));
    let home = std::fs::read_to_string(site.join("output/zh-hant/index.html")).unwrap();
    assert!(
        home.contains("https://owner.github.io/report/zh-hant/"),
        "{home}"
    );
    assert!(!home.contains("example.org"), "{home}");
}

/// A field left blank in the CMS's form (a date never set, a number or a
/// text box typed in and cleared) is written `""`: read as if the line were
/// not there; a required declared field left blank is an error at its line.
#[test]
fn a_field_left_blank_is_absent() {
    let site = Site::traditional();
    site.org(
        "blank",
        "+++\nname = \"甲研究會\"\ncategory = \"\"\ndraft = false\n\n[[activities]]\ntype = \"donation\"\ndate = \"\"\nsummary = \"活動概述\"\namount_yuan = \"\"\npeople = \"\"\nitems = [ { name = \"口罩\", quantity = \"\", unit = \"\" } ]\n+++\n",
    );
    assert_ok(&zhpress(site.root(), &["check"]));
    assert_ok(&site.build(&[]));
    assert!(site
        .read("zh-hant/orgs/blank/index.html")
        .contains("甲研究會"));
    // No category called "", no amount.
    let categories: Vec<_> = std::fs::read_dir(site.out().join("zh-hant/categories"))
        .map(|d| d.flatten().map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(
        categories.iter().all(|c| c == "index.html"),
        "{categories:?}"
    );
    let data = site.json("zh-hant/data.json").to_string();
    assert!(!data.contains("\"amount_yuan\":\"\""), "{data}");

    let toml = site_toml("zh-Hant", "https://example.org/report");
    site.write(
        "site.toml",
        format!("{toml}\n[[fields]]\nkey = \"founded\"\ntype = \"date\"\nname = \"成立日期\"\nrequired = true\n"),
    );
    site.org(
        "blank",
        "+++\nname = \"甲研究會\"\nfounded = \"\"\n\n[[activities]]\ntype = \"donation\"\nsummary = \"活動概述\"\n+++\n",
    );
    let o = site.build(&[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("content/orgs/blank.md:3:"),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("`founded` is required, and is empty"),
        "{}",
        stderr(&o)
    );
}
