//! The Publication: one variant of the site as plain data.
//!
//! Templates and data.json read the same values, so a figure on a page and
//! in the open data can never disagree.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use serde::Serialize;

use crate::content::money::{Quantity, Yuan};

/// One variant of the whole publication, every reader-facing string converted.
#[derive(Debug, Clone, Serialize)]
pub struct Publication {
    pub site: SiteView,
    pub variant: VariantView,
    /// All variants, in site.toml's order (the first is the default).
    pub variants: Vec<VariantView>,
    pub home: HomeView,
    pub activity_types: Vec<ActivityTypeView>,
    /// Sorted by slug.
    pub orgs: Vec<Arc<OrgView>>,
    pub pages: Vec<PageView>,
    pub totals: Totals,
    /// The theme's UI strings in this variant.
    pub ui: BTreeMap<String, String>,
    /// The latest activity date, for the feed's `updated`; no clock is read.
    pub updated: Option<String>,
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
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct VariantView {
    pub code: String,
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
    pub key: String,
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
    pub kind: Arc<str>,
}

impl TypeEntry {
    pub fn activities(&self) -> impl Iterator<Item = &ActivityView> {
        self.org.activities.iter().filter(|a| *a.kind == *self.kind)
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
    pub updated: Option<String>,
    /// What the page gives to read: its summaries and account.
    pub reading: Reading,
    /// Its document in the search index, made on first use and kept with the
    /// view (see `render::search`).
    #[serde(skip)]
    pub search_doc: OnceLock<SearchDoc>,
    /// Its entry in data.json, pretty-printed at the depth it sits at, made
    /// on first use and kept with the view (see `render::data_json`).
    #[serde(skip)]
    pub data_doc: OnceLock<Box<str>>,
}

/// One document of the search index, serialized, and which of the fold
/// table's target characters its texts hold (a bit per target, in the order
/// of `render::search`'s sorted targets).
#[derive(Debug, Clone, Default)]
pub struct SearchDoc {
    pub json: String,
    pub targets: Box<[u64]>,
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
    pub kind: String,
    pub type_name: String,
    pub summary_html: String,
    pub summary: String,
    pub date: Option<String>,
    pub amount: Option<Money>,
    pub items: Vec<ItemView>,
    pub people: Option<u64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemView {
    pub name: String,
    pub quantity: Option<Quantity>,
    /// As Chinese readers write it: 40萬.
    pub quantity_text: Option<String>,
    pub unit: Option<String>,
}

/// An amount with every form a page needs.
#[derive(Debug, Clone, Serialize)]
pub struct Money {
    /// `"11270000.00"`
    pub exact: Yuan,
    /// `"11,270,000.00"`
    pub grouped: String,
    /// `1127萬元` in the variant's script.
    pub text: String,
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
}
