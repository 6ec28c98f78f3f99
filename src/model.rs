//! The Publication: one variant of the site as plain data.
//!
//! Templates and data.json read the same values, so a figure on a page and
//! in the open data can never disagree.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use crate::content::config::Script;
use crate::content::figures::{self, Figure, Qualifier};
use crate::content::money::{Quantity, Yuan};
use crate::content::values::{ActivityKey, Date, VariantCode};

/// One variant of the whole publication, every reader-facing string converted.
#[derive(Debug, Clone, Serialize)]
pub struct Publication {
    pub site: SiteView,
    pub variant: VariantView,
    /// All variants, in site.toml's order (the first is the default).
    pub variants: Vec<VariantView>,
    pub home: HomeView,
    pub activity_types: Vec<ActivityTypeView>,
    /// The organizations' categories, in the order of their names.
    pub categories: Vec<CategoryView>,
    /// Sorted by slug.
    pub orgs: Vec<Arc<OrgView>>,
    /// The organizations with an amount, largest first (by slug on a tie).
    pub donors: Vec<Arc<OrgView>>,
    pub pages: Vec<PageView>,
    pub totals: Totals,
    /// The theme's UI strings in this variant.
    pub ui: BTreeMap<String, String>,
    /// The words figures are written with, in this variant's script.
    #[serde(skip)]
    pub numerals: Numerals,
    /// The latest activity date, for the feed's `updated`; no clock is read.
    pub updated: Option<Date>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    pub base_url: String,
    /// The path part of base_url, with both slashes: `/report/`.
    pub base_path: String,
    /// How many organizations the feed carries (`None`: all).
    pub feed_limit: Option<usize>,
    /// How many entries a page of a list shows.
    pub paginate_by: usize,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct VariantView {
    pub code: VariantCode,
    pub path: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct HomeView {
    pub title: String,
    pub intro_html: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActivityTypeView {
    pub key: ActivityKey,
    pub name: String,
    pub description_html: String,
    pub totals: TypeTotals,
    /// Every organization that did this, sorted by slug, with those activities.
    pub entries: Vec<TypeEntry>,
}

/// An organization on an activity type's page, with its activities of that
/// type: serialized as `{slug, name, activities}`, sharing the organization's
/// view rather than copying it.
#[derive(Debug, Clone)]
pub struct TypeEntry {
    pub org: Arc<OrgView>,
    /// The activity type's key, shared by the type's entries.
    pub kind: ActivityKey,
}

impl TypeEntry {
    pub fn activities(&self) -> impl Iterator<Item = &ActivityView> {
        self.org.activities.iter().filter(|a| a.kind == self.kind)
    }
}

impl Serialize for TypeEntry {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("TypeEntry", 3)?;
        st.serialize_field("slug", &self.org.slug)?;
        st.serialize_field("name", &self.org.name)?;
        let activities: Vec<&ActivityView> = self.activities().collect();
        st.serialize_field("activities", &activities)?;
        st.end()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct OrgView {
    pub slug: String,
    pub name: String,
    pub category: Option<String>,
    /// The one-line description as text (the description meta tag, feeds, search).
    pub summary: Option<String>,
    /// The same, rendered from its inline Markdown.
    pub summary_html: Option<String>,
    pub body_html: String,
    /// The body as plain text (feeds, search).
    pub body_text: String,
    pub activities: Vec<ActivityView>,
    pub amount: Option<Money>,
    /// The latest activity date.
    pub updated: Option<Date>,
    /// When its files last changed, from git history.
    pub last_updated: Option<Date>,
    /// What the page gives to read: its summaries and account.
    pub reading: Reading,
    /// The values of site.toml's declared fields, in their order.
    pub fields: Vec<FieldView>,
    /// Its category's folder as a link writes it (`categories/<this>/`).
    pub category_href: Option<String>,
    /// The files beside it, published beside its page.
    #[serde(skip)]
    pub assets: Vec<Arc<crate::content::Asset>>,
    /// Of everything the view was made from (the entry's file, a hand-written
    /// variant of it, the settings and the variant): equal digests, equal views.
    #[serde(skip)]
    pub digest: u64,
}

impl OrgView {
    /// When the organization last changed: by git history, or else its
    /// latest activity.
    pub fn changed(&self) -> Option<Date> {
        self.last_updated.or(self.updated)
    }
}

/// Counts for a reader: Han characters one by one, Latin text as words.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Reading {
    pub han: usize,
    pub words: usize,
    /// Estimated reading time, rounded up; 0 only when there is nothing to read.
    pub minutes: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct ActivityView {
    /// The activity type's key.
    #[serde(rename = "type")]
    pub kind: ActivityKey,
    pub type_name: String,
    pub summary_html: String,
    pub summary: String,
    pub date: Option<Date>,
    pub amount: Option<Money>,
    pub items: Vec<ItemView>,
    /// The head count's value (as before head counts had units).
    pub people: Option<u64>,
    /// The head count: `近1.8萬人`, what it counts and in what unit.
    pub headcount: Option<Headcount>,
}

/// A declared field's value as a page shows it and the open data exports it.
#[derive(Debug, Clone, Serialize)]
pub struct FieldView {
    pub key: String,
    /// The field's label, in the variant's script.
    pub name: String,
    #[serde(rename = "type")]
    pub kind: crate::content::fields::FieldType,
    /// The value as text, converted when it is text.
    pub text: String,
    /// Rendered Markdown, for a markdown field.
    pub html: Option<String>,
    /// Where it leads: a web address, `mailto:`, or an image, relative to
    /// the organization's page (or absolute).
    pub href: Option<String>,
    /// The value as data (exact amounts as decimal strings, numbers as numbers).
    pub value: serde_json::Value,
}

/// A head count as the page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Headcount {
    pub value: u64,
    /// `近1.8萬人`, `30多人次`, in the variant's script.
    pub text: String,
    /// What one is: 人, 人次, 名…
    pub unit: String,
    /// Who is counted (志願者, 受益人員), when the source says.
    pub label: Option<String>,
    pub approximate: bool,
    pub qualifier: Option<Qualifier>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemView {
    pub name: String,
    pub quantity: Option<Quantity>,
    /// The figure as Chinese readers write it, without the unit: 40餘萬.
    pub quantity_text: Option<String>,
    pub unit: Option<String>,
    /// The whole figure with its unit: 40餘萬隻, 70人以上.
    pub text: Option<String>,
    pub approximate: bool,
    pub qualifier: Option<Qualifier>,
}

/// How a variant writes figures: in its script's words (萬/万, 餘/余), so
/// any figure can be written as its readers read it.
#[derive(Debug, Clone, Copy)]
pub struct Numerals {
    pub script: Script,
}

impl Default for Numerals {
    fn default() -> Numerals {
        Numerals {
            script: Script::Traditional,
        }
    }
}

impl Numerals {
    /// An amount as the source gives it, with every form a page needs.
    pub fn money(&self, f: Figure<Yuan>) -> Money {
        let reading = f.value.reading();
        Money {
            exact: f.value,
            grouped: f.value.grouped(),
            text: figures::write(&reading, f.qualifier, "元", self.script),
            rounded: reading.rounded,
            approximate: f.approximate(),
            qualifier: f.qualifier,
        }
    }

    /// A sum of amounts, approximate when any of them is.
    pub fn total(&self, y: Yuan, approximate: bool) -> Money {
        Money {
            approximate,
            ..self.money(Figure::exact(y))
        }
    }

    /// A quantity without its unit (`40餘萬`), and with it (`40餘萬隻`).
    pub fn quantity(&self, f: Figure<Quantity>, unit: Option<&str>) -> (String, String) {
        let reading = f.value.reading();
        let inside = f
            .qualifier
            .filter(|q| q.position() != figures::Position::After);
        (
            figures::write(&reading, inside, "", self.script),
            figures::write(&reading, f.qualifier, unit.unwrap_or(""), self.script),
        )
    }

    /// A head count in its unit (人 unless the source says otherwise).
    pub fn headcount(
        &self,
        f: Figure<u64>,
        unit: Option<String>,
        label: Option<String>,
    ) -> Headcount {
        let unit = unit.unwrap_or_else(|| "人".to_string());
        let reading = Quantity(
            i64::try_from(f.value)
                .unwrap_or(i64::MAX / 1000)
                .saturating_mul(1000),
        )
        .reading();
        Headcount {
            value: f.value,
            text: figures::write(&reading, f.qualifier, &unit, self.script),
            unit,
            label,
            approximate: f.approximate(),
            qualifier: f.qualifier,
        }
    }
}

/// An amount with every form a page needs.
#[derive(Debug, Clone, Serialize)]
pub struct Money {
    /// `"11270000.00"`
    pub exact: Yuan,
    /// `"11,270,000.00"`
    pub grouped: String,
    /// `1127萬元`, `近3100萬元`, `約1.67萬元`, in the variant's script.
    pub text: String,
    /// Whether `text` rounds the exact figure (a page then shows both).
    pub rounded: bool,
    /// Whether the source says the figure is not exact (近, 餘…), or, for a
    /// total, whether it sums any such figure.
    pub approximate: bool,
    pub qualifier: Option<Qualifier>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Totals {
    pub organizations: usize,
    pub activities: usize,
    pub amount: Money,
    /// Donated goods summed by (name, unit), in the order first seen.
    pub goods: Vec<ItemView>,
    pub people: u64,
}

/// A category (學會, 研究院…) with its organizations.
#[derive(Debug, Clone, Serialize)]
pub struct CategoryView {
    /// Its folder: the category as the source writes it (`categories/學會/`).
    #[serde(skip)]
    pub slug: String,
    /// The folder as a link writes it (percent-encoded).
    pub href: String,
    /// In the variant's script.
    pub name: String,
    pub totals: TypeTotals,
    #[serde(skip)]
    pub orgs: Vec<Arc<OrgView>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TypeTotals {
    pub organizations: usize,
    pub activities: usize,
    pub amount: Money,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    pub slug: String,
    pub title: String,
    pub body_html: String,
    /// The body as plain text (search).
    #[serde(skip)]
    pub body_text: String,
}
