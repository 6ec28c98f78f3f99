//! `zhpress init`, `zhpress new org <slug>` and `zhpress new page <slug>`:
//! a site and entries to start from, as drafts in the site's source script.

use std::path::{Path, PathBuf};

use super::slug;
use crate::content::config;
use crate::diagnostic::{Error, Result};

/// Writes `content/orgs/<slug>.md`, refusing a slug that is taken or malformed.
pub fn new_org(root: &Path, s: &str) -> Result<PathBuf> {
    new_entry(root, "org", "orgs", s, |config| {
        let kind = config
            .activity_types
            .first()
            .map_or("donation", |t| t.key.as_str());
        let mut text = String::from(
            "draft = true\nname = \"機構全稱\"\ncategory = \"學會\"\nsummary = \"一句話介紹機構的工作。\"\n",
        );
        for field in &config.fields {
            text.push_str(&declared(field));
        }
        text.push_str(&format!(
            "\n[[activities]]\ntype = \"{kind}\"\nsummary = \"這項活動的概述。\"\n# date = 2020-02-08\n# amount_yuan = 10000\n# items = [ {{ name = \"醫用口罩\", quantity = 1000, unit = \"隻\" }} ]\n# people = 10\n+++\n機構的完整記述，用 Markdown 書寫。\n"
        ));
        text
    })
}

/// Writes `content/pages/<slug>.md`, a free page (about, methodology).
pub fn new_page(root: &Path, s: &str) -> Result<PathBuf> {
    new_entry(root, "page", "pages", s, |_| {
        "draft = true\ntitle = \"頁面標題\"\n+++\n頁面的內容，用 Markdown 書寫。\n".to_string()
    })
}

/// A new file in `content/<folder>/` for `zhpress new <what> <slug>`: the
/// front matter's fields `make` writes (in Traditional script) in the site's
/// source script, after a comment in the editor's language.
fn new_entry(
    root: &Path,
    what: &str,
    folder: &str,
    s: &str,
    make: impl FnOnce(&config::SiteConfig) -> String,
) -> Result<PathBuf> {
    if let Err(why) = slug::check(s) {
        return Err(Error::usage(
            crate::t!("slug-bad", slug = s, why = why),
            crate::t!("scaffold-try-slug", what = what, slug = slug::suggest(s)),
        ));
    }
    let config = config::load(root, None, &mut super::Inputs::default())?;
    let dir = root.join("content").join(folder);
    for ext in ["md", "toml"] {
        let existing = dir.join(format!("{}.{}", s, ext));
        if existing.exists() {
            return Err(Error::usage(
                crate::t!(
                    "scaffold-entry-exists",
                    file = format!("content/{}/{}.{}", folder, s, ext),
                    slug = s
                ),
                crate::t!("scaffold-entry-exists-hint"),
            ));
        }
    }
    // The comment is for the editor, in the editor's language, not the site's script.
    let text = format!(
        "+++\n# {}\n{}",
        crate::t!("scaffold-draft-comment"),
        in_source_script(&config, make(&config))
    );
    std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
    let path = dir.join(format!("{}.md", s));
    std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
    Ok(path.strip_prefix(root).unwrap_or(&path).to_path_buf())
}

/// A scaffold's placeholders, written in Traditional, in the site's source
/// script: a Simplified site's new entry must pass its own `check`.
fn in_source_script(config: &config::SiteConfig, text: String) -> String {
    match config.source {
        config::Script::Traditional => text,
        config::Script::Simplified => crate::opencc::Engine::get_with("t2s", config.dictionaries)
            .map_or(text.clone(), |e| e.convert(&text)),
    }
}

/// A declared field in a new entry: a placeholder its type accepts when the
/// field is required, a commented-out example when it is not.
fn declared(field: &super::fields::FieldConfig) -> String {
    use super::fields::FieldType;
    let example = match field.kind {
        FieldType::Text => "\"待填寫\"",
        FieldType::Markdown => "\"待填寫\"",
        FieldType::Url => "\"https://example.org/\"",
        FieldType::Email => "\"name@example.org\"",
        FieldType::Date => "2020-01-01",
        FieldType::Integer => "0",
        FieldType::Money => "0",
        FieldType::Image => "\"logo.png\"",
        FieldType::Coordinates => "[29.56, 106.55]",
    };
    let label = &field.name.value;
    // An image must be a file that exists: even a required one is left for
    // the editor to name.
    if field.required && field.kind != FieldType::Image {
        format!("{} = {}   # {}\n", field.key, example, label)
    } else {
        let need = if field.required { "，必填" } else { "" };
        format!("# {} = {}   # {}{}\n", field.key, example, label, need)
    }
}

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/theme.rs"));
}

/// The built-in default theme's files: (path inside the theme, bytes). A site
/// whose `theme = "default"` has no themes/default/ uses these.
pub fn default_theme() -> &'static [(&'static str, &'static [u8])] {
    embedded::DEFAULT_THEME
}

/// `zhpress init <dir>`: a new site that builds at once: settings with two
/// variants, an example entry, a home page and an about page, the default
/// theme. Refuses a folder that is not empty.
pub fn init(dir: &Path) -> Result<Vec<PathBuf>> {
    if dir.exists()
        && std::fs::read_dir(dir)
            .map(|mut d| d.next().is_some())
            .unwrap_or(true)
    {
        return Err(Error::usage(
            crate::t!("scaffold-folder-not-empty", dir = dir),
            crate::t!("scaffold-folder-not-empty-hint"),
        ));
    }
    let mut files: Vec<(String, Vec<u8>)> = vec![
        ("site.toml".into(), site_toml().into_bytes()),
        ("content/_index.md".into(), HOME.as_bytes().to_vec()),
        ("content/pages/about.md".into(), ABOUT.as_bytes().to_vec()),
        (
            "content/orgs/example.md".into(),
            EXAMPLE.as_bytes().to_vec(),
        ),
        (".gitignore".into(), b"/output\n".to_vec()),
    ];
    files.extend(
        embedded::DEFAULT_THEME
            .iter()
            .map(|(p, b)| (format!("themes/default/{}", p), b.to_vec())),
    );
    let mut written = Vec::new();
    for (rel, bytes) in files {
        let path = dir.join(&rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))?;
        written.push(PathBuf::from(rel));
    }
    Ok(written)
}

/// The new site's settings, their comments in the editor's language.
fn site_toml() -> String {
    SITE_TOML
        .replace("{source}", &crate::t!("scaffold-site-source"))
        .replace("{dictionaries}", &crate::t!("scaffold-site-dictionaries"))
        .replace("{variants}", &crate::t!("scaffold-site-variants"))
}

const SITE_TOML: &str = r#"title = "我的出版物"
description = "一句話介紹這份出版物。"
base_url = "https://example.org"
source = "zh-Hant"            # {source}
theme = "default"
# dictionaries = "opencc"     # {dictionaries}

[[variants]]                  # {variants}
code = "zh-Hant"
path = "zh-hant"
label = "繁體"

[[variants]]
code = "zh-Hans"
path = "zh-hans"
label = "简体"

[[activity_types]]
key = "donation"
name = "捐款捐物"

[[activity_types]]
key = "volunteering"
name = "志願服務"

# [glossary]
# "鮮于" = { zh-Hans = "鲜于", zh-Hant = "鮮于" }
"#;

const HOME: &str =
    "+++\ntitle = \"我的出版物\"\n+++\n首頁的介紹文字。每個機構一個頁面，每類活動一個匯總頁面。\n";

const ABOUT: &str = "+++\ntitle = \"關於\"\n+++\n這份出版物的來源與編輯說明。\n";

const EXAMPLE: &str = "+++\nname = \"示例研究會\"\ncategory = \"研究會\"\nsummary = \"一句話介紹機構的工作。\"\n\n[[activities]]\ntype = \"donation\"\nsummary = \"疫情發生後捐款一萬元。\"\ndate = 2020-02-08\namount_yuan = 10000\n+++\n機構的完整記述，用 Markdown 書寫。\n";
