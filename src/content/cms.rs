//! `zhpress init --cms decap`: a browser CMS for editors who do not use git
//! by hand. It writes `static/admin/index.html` (the Decap CMS app, from
//! unpkg at a pinned version) and `static/admin/config.yml`, a form made
//! from site.toml: the entry schema, the site's activity types as a select,
//! its declared fields with the widget of their type, dates written as
//! `YYYY-MM-DD` (which zhpress reads quoted or not). Sveltia CMS reads the
//! same config.yml.
//!
//! The config is generated, not hand-kept: after site.toml changes,
//! `zhpress init --cms decap --force` writes it again.

use std::path::{Path, PathBuf};

use super::config::{Script, SiteConfig};
use super::fields::{FieldConfig, FieldType};
use crate::diagnostic::{Error, Result};

/// The CMSs `init --cms` can set up.
pub const NAMES: &[&str] = &["decap"];

/// The Decap CMS release the admin page loads: pinned, so that a site keeps
/// the form it was tested with (tests/browser/package.json has the same).
pub const DECAP_VERSION: &str = "3.16.3";

/// Where the admin page loads Decap CMS from.
pub fn decap_script_url() -> String {
    format!("https://unpkg.com/decap-cms@{DECAP_VERSION}/dist/decap-cms.js")
}

/// The files `init --cms` writes, relative to the site's root.
pub const ADMIN_FILES: [&str; 2] = ["static/admin/index.html", "static/admin/config.yml"];

/// Writes static/admin/ for `cms` into the site at `root`, from its
/// site.toml; refuses to replace existing files unless `force`.
pub fn write_admin(root: &Path, cms: &str, force: bool) -> Result<Vec<PathBuf>> {
    if !NAMES.contains(&cms) {
        return Err(Error::usage(
            messages::unknown_cms(cms),
            messages::unknown_cms_hint(),
        ));
    }
    let config = super::config::load(root, None, &mut super::Inputs::default())?;
    if !force {
        if let Some(existing) = ADMIN_FILES.iter().find(|f| root.join(f).exists()) {
            return Err(Error::usage(
                messages::exists(existing),
                messages::exists_hint(cms),
            ));
        }
    }
    let files = [decap_index(&config), decap_config(&config)];
    let mut written = Vec::new();
    for (rel, text) in ADMIN_FILES.iter().zip(files) {
        let path = root.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
        written.push(PathBuf::from(rel));
    }
    Ok(written)
}

/// The admin page: Decap CMS, which reads config.yml beside it.
pub fn decap_index(config: &SiteConfig) -> String {
    let lang = config.source.code();
    let title = html_text(&format!("{} · CMS", config.title.value));
    format!(
        r#"<!doctype html>
<!-- Made by `zhpress init --cms decap`. The CMS's form is config.yml beside this file. -->
<html lang="{lang}">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  {no_reload}
  <title>{title}</title>
</head>
<body>
  <script src="{src}"></script>
</body>
</html>
"#,
        src = decap_script_url(),
        no_reload = super::statics::LIVE_RELOAD_OFF
    )
}

fn html_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// config.yml: the backend, and a collection per kind of content file.
pub fn decap_config(config: &SiteConfig) -> String {
    let words = Words::of(config.source);
    let mut out = String::new();
    out.push_str(HEADER);
    emit_map(&mut out, 0, &backend());
    out.push_str(LOCAL_BACKEND);
    let preview = config
        .variants
        .first()
        .map(|v| format!("{}/orgs/{{{{slug}}}}/", v.path));
    let settings = vec![
        ("local_backend", Yaml::Bool(true)),
        (
            "locale",
            Yaml::str(match config.source {
                Script::Traditional => "zh_Hant",
                Script::Simplified => "zh_Hans",
            }),
        ),
        ("site_url", Yaml::str(&config.base_url)),
        ("display_url", Yaml::str(&config.base_url)),
        ("media_folder", Yaml::str("static/images")),
        ("public_folder", Yaml::str("/images")),
        (
            "collections",
            Yaml::List(vec![
                orgs(config, &words, preview),
                pages(&words),
                home(&words),
            ]),
        ),
    ];
    emit_map(&mut out, 0, &settings);
    out
}

const HEADER: &str = "\
# Decap CMS settings, made by `zhpress init --cms decap` from site.toml.
# After a change to site.toml (activity types, [[fields]]), make them again
# with `zhpress init --cms decap --force`: changes made here by hand are lost.

# Production: the CMS commits through a git host. git-gateway is Netlify's
# (Identity + Git Gateway enabled on the site). On GitHub without Netlify:
#   backend:
#     name: github
#     repo: owner/repository
#     branch: main
# and an OAuth app for the login (see Decap's docs, \"Backends\").
";

const LOCAL_BACKEND: &str = "\
# Locally: run `npx decap-server` in the site's folder, then open the admin
# page (`zhpress serve`, then <base path>/admin/); the CMS then writes the
# files on disk and ignores the backend above.
";

fn backend() -> Vec<(&'static str, Yaml)> {
    vec![(
        "backend",
        Yaml::Map(vec![
            ("name", Yaml::str("git-gateway")),
            ("branch", Yaml::str("main")),
        ]),
    )]
}

/// content/orgs: the entry schema (SPEC §3) and the site's declared fields.
fn orgs(config: &SiteConfig, w: &Words, preview: Option<String>) -> Yaml {
    let types: Vec<Yaml> = config
        .activity_types
        .iter()
        .map(|t| {
            Yaml::Map(vec![
                ("label", Yaml::str(&t.name.value)),
                ("value", Yaml::str(t.key.as_str())),
            ])
        })
        .collect();
    let mut kind = vec![
        ("label", Yaml::str(w.kind)),
        ("name", Yaml::str("type")),
        ("widget", Yaml::str("select")),
        ("options", Yaml::List(types)),
    ];
    if let Some(first) = config.activity_types.first() {
        kind.push(("default", Yaml::str(first.key.as_str())));
    }
    let items = list(
        w.items,
        "items",
        vec![
            string(w.item_name, "name", true),
            number(w.quantity, "quantity", "float"),
            string(w.unit, "unit", false),
        ],
    );
    let activity = vec![
        Yaml::Map(kind),
        string(w.activity_summary, "summary", true),
        date(w.date, "date", false),
        number(w.amount, "amount_yuan", "float"),
        number(w.people, "people", "int"),
        items,
    ];
    let mut activities = list(w.activities, "activities", activity);
    required(&mut activities, true);
    if let Yaml::Map(m) = &mut activities {
        m.push(("min", Yaml::Int(1)));
        m.push(("collapsed", Yaml::Bool(false)));
    }
    let mut fields = vec![
        string(w.name, "name", true),
        string(w.category, "category", false),
        string(w.summary, "summary", false),
        draft(w),
        activities,
    ];
    fields.extend(config.fields.iter().map(declared));
    fields.push(body(w));
    let mut c = folder(
        "orgs",
        w.orgs,
        w.org,
        "content/orgs",
        "name",
        Yaml::List(fields),
    );
    if let (Yaml::Map(m), Some(p)) = (&mut c, preview) {
        m.push(("preview_path", Yaml::Str(p)));
    }
    c
}

/// content/pages: free pages.
fn pages(w: &Words) -> Yaml {
    folder(
        "pages",
        w.pages,
        w.page,
        "content/pages",
        "title",
        Yaml::List(vec![string(w.title, "title", true), draft(w), body(w)]),
    )
}

/// content/_index.md: the home page's text.
fn home(w: &Words) -> Yaml {
    let file = Yaml::Map(vec![
        ("label", Yaml::str(w.home)),
        ("name", Yaml::str("home")),
        ("file", Yaml::str("content/_index.md")),
        (
            "fields",
            Yaml::List(vec![string(w.title, "title", false), body(w)]),
        ),
    ]);
    Yaml::Map(vec![
        ("name", Yaml::str("home")),
        ("label", Yaml::str(w.home)),
        ("format", Yaml::str("toml-frontmatter")),
        ("files", Yaml::List(vec![file])),
    ])
}

/// A folder collection of `+++` TOML front matter files. New files are
/// named by the time they were made (`20260208-093015.md`): a slug is
/// lowercase ASCII, and a Chinese name has none to give; rename the file
/// for a pinyin address.
fn folder(
    name: &str,
    label: &str,
    singular: &str,
    dir: &str,
    identifier: &str,
    fields: Yaml,
) -> Yaml {
    Yaml::Map(vec![
        ("name", Yaml::str(name)),
        ("label", Yaml::str(label)),
        ("label_singular", Yaml::str(singular)),
        ("folder", Yaml::str(dir)),
        ("create", Yaml::Bool(true)),
        ("extension", Yaml::str("md")),
        ("format", Yaml::str("toml-frontmatter")),
        ("identifier_field", Yaml::str(identifier)),
        (
            "slug",
            Yaml::str("{{year}}{{month}}{{day}}-{{hour}}{{minute}}{{second}}"),
        ),
        ("summary", Yaml::str(&format!("{{{{{identifier}}}}}"))),
        ("fields", fields),
    ])
}

/// A declared field of site.toml, with the widget of its type.
fn declared(f: &FieldConfig) -> Yaml {
    let label = &f.name.value;
    let mut field = match f.kind {
        FieldType::Text => string(label, &f.key, f.required),
        FieldType::Markdown => widget(label, &f.key, "markdown"),
        FieldType::Url => pattern(
            string(label, &f.key, f.required),
            "^https?://[^\\s/?#]+\\S*$",
            "https://example.org/",
        ),
        FieldType::Email => pattern(
            string(label, &f.key, f.required),
            "^[^@\\s]+@[^@\\s]+\\.[^@\\s.]+$",
            "info@example.org",
        ),
        FieldType::Date => date(label, &f.key, f.required),
        FieldType::Integer => number(label, &f.key, "int"),
        FieldType::Money => number(label, &f.key, "float"),
        FieldType::Image => widget(label, &f.key, "image"),
        FieldType::Coordinates => {
            let mut l = widget(label, &f.key, "list");
            if let Yaml::Map(m) = &mut l {
                m.push(("hint", Yaml::str("[29.56, 106.55]")));
                m.push(("min", Yaml::Int(2)));
                m.push(("max", Yaml::Int(2)));
                m.push((
                    "field",
                    Yaml::Map(vec![
                        ("label", Yaml::str(label)),
                        ("name", Yaml::str("degrees")),
                        ("widget", Yaml::str("number")),
                        ("value_type", Yaml::str("float")),
                    ]),
                ));
            }
            l
        }
    };
    required(&mut field, f.required);
    field
}

fn widget(label: &str, name: &str, widget: &str) -> Yaml {
    Yaml::Map(vec![
        ("label", Yaml::str(label)),
        ("name", Yaml::str(name)),
        ("widget", Yaml::str(widget)),
    ])
}

/// Sets `required`, once.
fn required(field: &mut Yaml, value: bool) {
    if let Yaml::Map(m) = field {
        m.retain(|(k, _)| *k != "required");
        m.push(("required", Yaml::Bool(value)));
    }
}

fn string(label: &str, name: &str, is_required: bool) -> Yaml {
    let mut f = widget(label, name, "string");
    required(&mut f, is_required);
    f
}

fn pattern(mut field: Yaml, regex: &str, example: &str) -> Yaml {
    if let Yaml::Map(m) = &mut field {
        m.push((
            "pattern",
            Yaml::List(vec![Yaml::str(regex), Yaml::str(example)]),
        ));
    }
    field
}

/// A number zhpress reads exactly: `int` for counts, `float` for yuan and
/// quantities (at most two decimals for yuan, checked by `check`).
fn number(label: &str, name: &str, value_type: &str) -> Yaml {
    let mut f = widget(label, name, "number");
    if let Yaml::Map(m) = &mut f {
        m.push(("value_type", Yaml::str(value_type)));
        m.push(("min", Yaml::Int(0)));
        if value_type == "float" {
            m.push(("step", Yaml::Float("0.01")));
        }
    }
    required(&mut f, false);
    f
}

/// A date the CMS writes as `"2020-02-08"`, without a time.
fn date(label: &str, name: &str, is_required: bool) -> Yaml {
    let mut f = widget(label, name, "datetime");
    if let Yaml::Map(m) = &mut f {
        m.push(("format", Yaml::str("YYYY-MM-DD")));
        m.push(("date_format", Yaml::str("YYYY-MM-DD")));
        m.push(("time_format", Yaml::Bool(false)));
        m.push(("picker_utc", Yaml::Bool(true)));
        m.push(("default", Yaml::str("")));
    }
    required(&mut f, is_required);
    f
}

fn list(label: &str, name: &str, fields: Vec<Yaml>) -> Yaml {
    let mut f = widget(label, name, "list");
    if let Yaml::Map(m) = &mut f {
        m.push(("fields", Yaml::List(fields)));
    }
    required(&mut f, false);
    f
}

fn draft(w: &Words) -> Yaml {
    let mut f = widget(w.draft, "draft", "boolean");
    if let Yaml::Map(m) = &mut f {
        m.push(("default", Yaml::Bool(false)));
    }
    required(&mut f, false);
    f
}

fn body(w: &Words) -> Yaml {
    let mut f = widget(w.body, "body", "markdown");
    required(&mut f, false);
    f
}

/// The form's labels, in the script the site's content is written in.
struct Words {
    orgs: &'static str,
    org: &'static str,
    pages: &'static str,
    page: &'static str,
    home: &'static str,
    name: &'static str,
    category: &'static str,
    summary: &'static str,
    draft: &'static str,
    activities: &'static str,
    kind: &'static str,
    activity_summary: &'static str,
    date: &'static str,
    amount: &'static str,
    people: &'static str,
    items: &'static str,
    item_name: &'static str,
    quantity: &'static str,
    unit: &'static str,
    title: &'static str,
    body: &'static str,
}

impl Words {
    fn of(script: Script) -> Words {
        match script {
            Script::Traditional => Words {
                orgs: "機構",
                org: "機構",
                pages: "頁面",
                page: "頁面",
                home: "首頁",
                name: "機構全稱",
                category: "類別",
                summary: "一句話介紹",
                draft: "草稿（不發布）",
                activities: "活動",
                kind: "活動類型",
                activity_summary: "活動概述",
                date: "日期",
                amount: "金額（元）",
                people: "人數",
                items: "物資",
                item_name: "物資名稱",
                quantity: "數量",
                unit: "單位",
                title: "標題",
                body: "正文",
            },
            Script::Simplified => Words {
                orgs: "机构",
                org: "机构",
                pages: "页面",
                page: "页面",
                home: "首页",
                name: "机构全称",
                category: "类别",
                summary: "一句话介绍",
                draft: "草稿（不发布）",
                activities: "活动",
                kind: "活动类型",
                activity_summary: "活动概述",
                date: "日期",
                amount: "金额（元）",
                people: "人数",
                items: "物资",
                item_name: "物资名称",
                quantity: "数量",
                unit: "单位",
                title: "标题",
                body: "正文",
            },
        }
    }
}

/// The subset of YAML config.yml is written in: block maps and lists,
/// strings double-quoted the JSON way (which YAML reads as written).
enum Yaml {
    Str(String),
    Bool(bool),
    Int(i64),
    Float(&'static str),
    List(Vec<Yaml>),
    Map(Vec<(&'static str, Yaml)>),
}

impl Yaml {
    fn str(s: &str) -> Yaml {
        Yaml::Str(s.to_string())
    }

    /// The value on one line, or `None` for a list or map.
    fn scalar(&self) -> Option<String> {
        match self {
            Yaml::Str(s) => Some(serde_json::Value::from(s.as_str()).to_string()),
            Yaml::Bool(b) => Some(b.to_string()),
            Yaml::Int(i) => Some(i.to_string()),
            Yaml::Float(f) => Some(f.to_string()),
            Yaml::List(l) if l.is_empty() => Some("[]".into()),
            Yaml::Map(m) if m.is_empty() => Some("{}".into()),
            Yaml::List(_) | Yaml::Map(_) => None,
        }
    }
}

fn emit_map(out: &mut String, indent: usize, map: &[(&str, Yaml)]) {
    for (i, (key, value)) in map.iter().enumerate() {
        // A map that is a list item starts on the item's `- ` line.
        if i > 0 || !out.ends_with("- ") {
            out.push_str(&" ".repeat(indent));
        }
        out.push_str(key);
        out.push(':');
        match value.scalar() {
            Some(s) => {
                out.push(' ');
                out.push_str(&s);
                out.push('\n');
            }
            None => {
                out.push('\n');
                emit(out, indent + 2, value);
            }
        }
    }
}

fn emit(out: &mut String, indent: usize, value: &Yaml) {
    match value {
        Yaml::Map(m) => emit_map(out, indent, m),
        Yaml::List(items) => {
            for item in items {
                out.push_str(&" ".repeat(indent));
                out.push_str("- ");
                match item.scalar() {
                    Some(s) => {
                        out.push_str(&s);
                        out.push('\n');
                    }
                    None => emit(out, indent + 2, item),
                }
            }
        }
        scalar => {
            out.push_str(&" ".repeat(indent));
            out.push_str(&scalar.scalar().unwrap_or_default());
            out.push('\n');
        }
    }
}

/// What `init --cms` says, in the editor's language, in one place.
pub mod messages {
    use std::path::PathBuf;

    pub fn unknown_cms(cms: &str) -> String {
        crate::t!("cms-unknown", cms = cms)
    }

    pub fn unknown_cms_hint() -> String {
        crate::t!("cms-unknown-hint")
    }

    pub fn exists(file: &str) -> String {
        crate::t!("cms-exists", file = file)
    }

    pub fn exists_hint(cms: &str) -> String {
        crate::t!("cms-exists-hint", cms = cms)
    }

    /// After the files are written.
    pub fn written(files: &[PathBuf]) -> String {
        let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
        crate::t!(
            "cms-written",
            files = names.join(crate::t!("cms-written-and").as_str())
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_shapes() {
        let mut out = String::new();
        emit_map(
            &mut out,
            0,
            &[
                ("a", Yaml::str("x: \"y\"")),
                (
                    "l",
                    Yaml::List(vec![
                        Yaml::Map(vec![("k", Yaml::Int(1)), ("m", Yaml::Bool(false))]),
                        Yaml::str("s"),
                    ]),
                ),
                ("e", Yaml::List(vec![])),
            ],
        );
        assert_eq!(
            out,
            "a: \"x: \\\"y\\\"\"\nl:\n  - k: 1\n    m: false\n  - \"s\"\ne: []\n"
        );
    }
}
