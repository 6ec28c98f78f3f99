//! The entry schema (SPEC §3): one organization, its activities, its account.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::config::SiteConfig;
use super::fields::{self, FieldValue};
use super::figures::{Count, Figure};
use super::frontmatter;
use super::money::{Quantity, Yuan};
use super::rules::{self, RuleSet};
use super::schema::{Doc, Located, Table};
use super::values::{ActivityKey, Date};
use crate::diagnostic::{suggest, Diagnostic};

/// One organization as written in the source script.
#[derive(Debug, Clone)]
pub struct Entry {
    pub slug: String,
    pub file: PathBuf,
    /// The whole file, for errors found in later stages (a bad `-{…}-` in a summary).
    pub text: Arc<str>,
    pub name: Located<String>,
    pub category: Option<Located<String>>,
    pub summary: Option<Located<String>>,
    pub activities: Vec<Activity>,
    pub body: Located<String>,
    pub draft: bool,
    /// The entry's own conversion rules (`[rules]`), nearer than the glossary.
    pub rules: RuleSet,
    /// The values of site.toml's declared fields, in their order.
    pub fields: Vec<(String, FieldValue)>,
    /// For an entry written as `orgs/<slug>/index.md`: its folder (relative
    /// to the root), whose other files are published beside its page.
    pub assets: Option<PathBuf>,
    /// Of the file's path and text: equal digests, equal entries.
    pub digest: u64,
}

#[derive(Debug, Clone)]
pub struct Activity {
    /// A key of `[[activity_types]]`.
    pub kind: ActivityKey,
    pub summary: Located<String>,
    pub date: Option<Date>,
    pub amount: Option<Figure<Yuan>>,
    pub items: Vec<Item>,
    pub people: Option<Count>,
}

/// Donated goods: `{ name = "醫用口罩", quantity = 400000, unit = "只" }`.
#[derive(Debug, Clone)]
pub struct Item {
    pub name: Located<String>,
    pub quantity: Option<Figure<Quantity>>,
    pub unit: Option<Located<String>>,
}

/// A free page, or the home page text.
#[derive(Debug, Clone)]
pub struct Page {
    pub slug: String,
    pub file: PathBuf,
    pub text: Arc<str>,
    pub title: Option<Located<String>>,
    pub body: Located<String>,
    pub draft: bool,
    /// Of the file's path and text.
    pub digest: u64,
}

const ENTRY_KEYS_MD: &[&str] = &[
    "name",
    "category",
    "summary",
    "draft",
    "rules",
    "activities",
];
const ENTRY_KEYS_TOML: &[&str] = &[
    "name",
    "category",
    "summary",
    "draft",
    "rules",
    "activities",
    "body",
];
const ACTIVITY_KEYS: &[&str] = &["type", "summary", "date", "amount_yuan", "items", "people"];
const ITEM_KEYS: &[&str] = &["name", "quantity", "unit"];
const PAGE_KEYS: &[&str] = &["title", "draft"];

/// The front matter's TOML and the body of a `.md` file, or the whole `.toml` file.
fn parts(
    file: &Path,
    text: &Arc<str>,
    markdown: bool,
) -> Result<(usize, usize, Option<Located<String>>), Diagnostic> {
    if !markdown {
        return Ok((0, text.len(), None));
    }
    match frontmatter::split(text) {
        Ok(s) => {
            let body = Located {
                value: text[s.body.clone()].to_string(),
                span: s.body,
            };
            Ok((s.toml.start, s.toml.end, Some(body)))
        }
        Err(e) => Err(Diagnostic::at(file, text, e.span, e.message).with_hint(e.hint)),
    }
}

/// Parses one organization file. All problems in it are returned together.
pub fn parse_entry(
    slug: String,
    file: PathBuf,
    text: Arc<str>,
    markdown: bool,
    site: &SiteConfig,
    assets: Option<(&Path, PathBuf)>,
) -> Result<Entry, Vec<Diagnostic>> {
    let (start, end, body) = parts(&file, &text, markdown).map_err(|d| vec![d])?;
    let mut doc = Doc::new(file.clone(), text.clone(), start);
    let Some(table) = doc.parse(&text[start..end]) else {
        return Err(doc.errors);
    };
    let keys = if markdown {
        ENTRY_KEYS_MD
    } else {
        ENTRY_KEYS_TOML
    };
    let t = Table::new(table.get_ref(), 0..0, String::new(), keys);
    let declared: Vec<&str> = site.fields.iter().map(|f| f.key.as_str()).collect();
    t.check_keys_with(&mut doc, &declared);
    let name = t.string(&mut doc, "name", true, "\"重慶市移民學會\"");
    // A browser CMS writes `category = ""` for a box cleared: none.
    let category = t
        .string(&mut doc, "category", false, "\"學會\"")
        .filter(|c| !c.value.trim().is_empty());
    let summary = t
        .string(&mut doc, "summary", false, "\"...\"")
        .filter(|c| !c.value.trim().is_empty());
    let draft = t.boolean(&mut doc, "draft").unwrap_or(false);
    let body = match body {
        Some(b) => Some(b),
        None => Some(
            t.string(&mut doc, "body", false, "\"...\"")
                .unwrap_or(Located {
                    value: String::new(),
                    span: 0..0,
                }),
        ),
    };
    let activities = read_activities(&mut doc, &t, site);
    let (assets_on_disk, assets) = assets.unzip();
    let fields = fields::read_values(&mut doc, &t, &site.fields, assets_on_disk);
    let codes: Vec<&str> = site.variants.iter().map(|v| v.code.as_str()).collect();
    let rules = match t.table(&mut doc, "rules", &[]) {
        Some(r) => rules::read_table(&mut doc, &r, &codes),
        None => RuleSet::new(),
    };
    match (name, body) {
        (Some(name), Some(body)) if doc.errors.is_empty() => Ok(Entry {
            digest: crate::digest::of(&(&file, &*text)),
            slug,
            file,
            text,
            name,
            category,
            summary,
            activities,
            body,
            draft,
            rules,
            fields,
            assets,
        }),
        _ => Err(doc.errors),
    }
}

fn read_activities(doc: &mut Doc, t: &Table<'_, '_>, site: &SiteConfig) -> Vec<Activity> {
    let first_type = site
        .activity_types
        .first()
        .map_or("donation", |a| a.key.as_str());
    let Some(tables) = t.tables(doc, "activities", ACTIVITY_KEYS) else {
        let d = doc
            .error(0..0, crate::t!("entry-no-activities"))
            .with_field("activities")
            .with_hint(crate::t!("entry-no-activities-hint", example = first_type));
        doc.push(d);
        return Vec::new();
    };
    if tables.is_empty() {
        let d = doc
            .error(0..0, crate::t!("entry-activities-empty"))
            .with_field("activities")
            .with_hint(crate::t!(
                "entry-activities-empty-hint",
                example = first_type
            ));
        doc.push(d);
    }
    let keys: Vec<&str> = site.activity_types.iter().map(|a| a.key.as_str()).collect();
    let mut out = Vec::new();
    for a in tables {
        a.check_keys(doc);
        let kind = a.string(doc, "type", true, &format!("\"{}\"", first_type));
        if let Some(k) = &kind {
            if !keys.contains(&k.value.as_str()) {
                let d = Diagnostic::at(
                    doc.file.clone(),
                    &doc.text,
                    k.span.clone(),
                    crate::t!("activity-type-unknown", value = &k.value),
                )
                .with_field(format!("{}.type", a.path()))
                .with_hint(crate::t!(
                    "activity-type-unknown-hint",
                    suggestion = suggest(&k.value, &keys)
                ));
                doc.push(d);
            }
        }
        let summary = a.string(doc, "summary", true, "\"向武漢捐款1000萬元\"");
        let date = a.date(doc, "date");
        let amount = a.money_figure(doc, "amount_yuan");
        let people = a.count_figure(doc, "people");
        let items = read_items(doc, &a);
        if let (Some(kind), Some(summary)) = (kind, summary) {
            out.push(Activity {
                kind: ActivityKey::new(&kind.value),
                summary,
                date,
                amount,
                items,
                people,
            });
        }
    }
    out
}

fn read_items(doc: &mut Doc, a: &Table<'_, '_>) -> Vec<Item> {
    let Some(tables) = a.tables(doc, "items", ITEM_KEYS) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for it in tables {
        it.check_keys(doc);
        let name = it.string(doc, "name", true, "\"醫用口罩\"");
        let quantity = it.quantity_figure(doc, "quantity");
        let unit = it
            .string(doc, "unit", false, "\"只\"")
            .filter(|u| !u.value.trim().is_empty());
        if let Some(name) = name {
            out.push(Item {
                name,
                quantity,
                unit,
            });
        }
    }
    out
}

/// Parses a free page or `_index.md`.
pub fn parse_page(
    slug: String,
    file: PathBuf,
    text: Arc<str>,
    title_required: bool,
) -> Result<Page, Vec<Diagnostic>> {
    let (start, end, body) = parts(&file, &text, true).map_err(|d| vec![d])?;
    let mut doc = Doc::new(file.clone(), text.clone(), start);
    let Some(table) = doc.parse(&text[start..end]) else {
        return Err(doc.errors);
    };
    let t = Table::new(table.get_ref(), 0..0, String::new(), PAGE_KEYS);
    t.check_keys(&mut doc);
    let title = t.string(&mut doc, "title", title_required, "\"關於本報告\"");
    let draft = t.boolean(&mut doc, "draft").unwrap_or(false);
    match body {
        Some(body) if doc.errors.is_empty() => Ok(Page {
            digest: crate::digest::of(&(&file, &*text)),
            slug,
            file,
            text,
            title,
            body,
            draft,
        }),
        _ => Err(doc.errors),
    }
}
