//! plan: the Publications into the list of every file the site has.
//!
//! Each file is a [`PageSpec`]: where it goes ([`PagePath`], the one place
//! paths are made), what makes it (a template and what the page shows, or a
//! data file), and which organization it shows alone. Render makes a spec
//! into bytes; `serve --watch` re-plans after every edit and renders only
//! the specs whose [digest](Plan::digests) changed, so a new kind of page
//! needs nothing but a place in this list.

use std::sync::Arc;

use rayon::prelude::*;

use crate::content::slug::url_segment;
use crate::content::theme::{StaticFile, ThemeSource};
use crate::content::values::ActivityKey;
use crate::digest;
use crate::model::{
    ActivityTypeView, CategoryView, HomeView, OrgView, PageView, Publication, TypeEntry,
};

/// Where a file of one variant goes, inside the variant's folder.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Place {
    /// The front page: intro, totals, the organizations (page `n` of them).
    Home(u32),
    /// Every activity type.
    Activities,
    /// One activity type with the organizations that did it (page `n` of them).
    Activity(ActivityKey, u32),
    Stats,
    /// Every organization with an amount, largest first (page `n` of them).
    Donations(u32),
    /// Every category.
    Categories,
    /// A category with its organizations (page `n` of them), by its folder.
    Category(String, u32),
    /// A free page, by slug.
    Page(String),
    /// An organization, by slug.
    Org(String),
    /// A file beside an organization's page: (slug, its name there).
    Asset(String, String),
    NotFound,
    Feed,
    Data,
    /// A table of the open data as CSV.
    Csv(Table),
    /// The open data: downloads, and what each column of the tables means.
    DataPage,
    SearchIndex,
}

/// The tables of the open data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Table {
    Organizations,
    Activities,
}

impl Table {
    pub const ALL: [Table; 2] = [Table::Organizations, Table::Activities];

    /// The file name: `organizations.csv`.
    pub fn file(self) -> &'static str {
        match self {
            Table::Organizations => "organizations.csv",
            Table::Activities => "activities.csv",
        }
    }
}

impl Place {
    /// The folder of a page (`orgs/x/`), `None` for files that are not pages.
    pub fn dir(&self) -> Option<String> {
        self.folder(|s| s.to_string())
    }

    /// `dir` as a link writes it: its segments percent-encoded.
    pub fn url_dir(&self) -> Option<String> {
        self.folder(url_segment)
    }

    /// The folder of a page, `segment` writing the segments that are names
    /// (a category's folder is its name).
    fn folder(&self, segment: impl Fn(&str) -> String) -> Option<String> {
        let (list, page) = match self {
            Place::Category(slug, n) => (format!("categories/{}/", segment(slug)), *n),
            Place::Categories => return Some("categories/".into()),
            Place::Home(n) => (String::new(), *n),
            Place::Activity(key, n) => (format!("activities/{}/", key), *n),
            Place::Donations(n) => ("stats/donations/".into(), *n),
            Place::Activities => return Some("activities/".into()),
            Place::DataPage => return Some("data/".into()),
            Place::Stats => return Some("stats/".into()),
            Place::Page(slug) => return Some(format!("pages/{}/", slug)),
            Place::Org(slug) => return Some(format!("orgs/{}/", slug)),
            Place::NotFound
            | Place::Feed
            | Place::Data
            | Place::Csv(_)
            | Place::SearchIndex
            | Place::Asset(..) => return None,
        };
        Some(paged(list, page))
    }

    /// The same list at page `n` (for a place that is not a list, itself).
    pub fn at_page(&self, n: u32) -> Place {
        match self {
            Place::Home(_) => Place::Home(n),
            Place::Activity(key, _) => Place::Activity(key.clone(), n),
            Place::Donations(_) => Place::Donations(n),
            Place::Category(slug, _) => Place::Category(slug.clone(), n),
            other => other.clone(),
        }
    }

    /// The file, relative to the variant's folder.
    ///
    /// A place ending in `/` (the search index) is a folder: the spec makes
    /// every file in it.
    pub fn file(&self) -> String {
        match (self.dir(), self) {
            (Some(dir), _) => format!("{}index.html", dir),
            (None, Place::NotFound) => "404.html".into(),
            (None, Place::Feed) => "atom.xml".into(),
            (None, Place::Data) => "data.json".into(),
            (None, Place::Csv(table)) => table.file().into(),
            (None, Place::Asset(slug, name)) => format!("orgs/{}/{}", slug, name),
            // The search index is a folder of files (a manifest, shards).
            (None, _) => format!("{}/", SEARCH_FOLDER),
        }
    }
}

/// The folder of page `n` of the list in `dir`: the list's own folder for
/// the first page, `page/n/` inside it for the others (as Zola and Hugo do).
fn paged(dir: String, n: u32) -> String {
    if n <= 1 {
        dir
    } else {
        format!("{}page/{}/", dir, n)
    }
}

/// The folder of a variant's search index.
pub const SEARCH_FOLDER: &str = "search";

/// Where a file of the site goes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PagePath {
    /// A file of one variant: the variant's folder (its `path`), the place in it.
    Variant(Arc<str>, Place),
    /// The root page that offers every variant.
    Chooser,
    /// The root 404 page, which hosts serve for every miss.
    RootNotFound,
    /// The sitemap: the only one, or the index of the numbered ones.
    Sitemap,
    /// One of the sitemaps an index lists (`sitemap-1.xml`).
    SitemapPart(u32),
    Robots,
    /// A static file of the theme or the site, by its path.
    Static(String),
}

impl PagePath {
    /// The file, relative to the output folder, `/`-separated.
    pub fn file(&self) -> String {
        match self {
            PagePath::Variant(folder, place) => format!("{}/{}", folder, place.file()),
            PagePath::Chooser => "index.html".into(),
            PagePath::RootNotFound => "404.html".into(),
            PagePath::Sitemap => "sitemap.xml".into(),
            PagePath::SitemapPart(n) => format!("sitemap-{}.xml", n),
            PagePath::Robots => "robots.txt".into(),
            PagePath::Static(name) => name.clone(),
        }
    }
}

/// One file of the site to make.
pub struct PageSpec<'a> {
    pub path: PagePath,
    pub make: Make<'a>,
    /// The organization this file shows alone (its own page): after an edit
    /// of it, made and served before the files that list it.
    pub subject: Option<&'a str>,
}

/// What makes a file.
pub enum Make<'a> {
    /// A page of the theme: its template, the variant (index in the plan's
    /// publications), what it shows.
    Page {
        template: &'static str,
        variant: usize,
        view: View<'a>,
    },
    /// data.json of a variant.
    Data(usize),
    /// A CSV table of a variant.
    Csv(usize, Table),
    /// The search index of a variant.
    SearchIndex(usize),
    /// The root page offering every variant.
    Chooser,
    /// Pages of every variant, with their alternates.
    Sitemap(Vec<Place>),
    /// The sitemaps of a site with more pages than one sitemap may list.
    SitemapIndex(u32),
    /// robots.txt, pointing at the sitemap.
    Robots,
    Static(&'a StaticFile),
    /// A file beside an organization's page.
    Asset(&'a crate::content::Asset),
}

/// Which page of a list a page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
pub struct Pager {
    /// From 1.
    pub number: u32,
    /// How many pages the list has (1 for a list that fits on one).
    pub pages: u32,
    pub per_page: usize,
    /// How many entries the whole list has.
    pub items: usize,
}

/// One page of a list: its entries and where it is in the list.
#[derive(Debug)]
pub struct Slice<'a, T> {
    pub items: &'a [T],
    pub pager: Pager,
}

/// The pages of `items`, `per_page` a page; one page when it is empty.
fn paginate<T>(items: &[T], per_page: usize) -> Vec<Slice<'_, T>> {
    let per_page = per_page.max(1);
    let pages = items.len().div_ceil(per_page).max(1);
    (0..pages)
        .map(|i| Slice {
            items: &items[(i * per_page).min(items.len())..((i + 1) * per_page).min(items.len())],
            pager: Pager {
                number: i as u32 + 1,
                pages: pages as u32,
                per_page,
                items: items.len(),
            },
        })
        .collect()
}

/// What a page shows besides what every page of its variant does.
#[derive(Debug)]
pub enum View<'a> {
    Home(&'a HomeView, Slice<'a, Arc<OrgView>>),
    Activities,
    /// The statistics page: the largest figures, the rest summed.
    Stats,
    Type(&'a ActivityTypeView, Slice<'a, TypeEntry>),
    /// The full table of donations, a page of it.
    Donations(Slice<'a, Arc<OrgView>>),
    Categories,
    Category(&'a CategoryView, Slice<'a, Arc<OrgView>>),
    Free(&'a PageView),
    Org(&'a OrgView),
    /// A 404 page: its links are absolute paths, as it is served at any depth.
    NotFound,
    /// The root 404 page, in every variant: hosts serve it for every miss.
    RootNotFound,
    /// The Atom feed: the organizations it carries, newest first.
    Feed(Vec<&'a OrgView>),
    /// The open data's downloads and the meaning of their columns.
    DataPage,
}

impl View<'_> {
    /// Where the page is in its list, for a page of a list.
    pub fn pager(&self) -> Option<Pager> {
        match self {
            View::Home(_, page) | View::Donations(page) | View::Category(_, page) => {
                Some(page.pager)
            }
            View::Type(_, page) => Some(page.pager),
            _ => None,
        }
    }

    /// What the page is, in an editor's words, for errors in its template.
    pub fn about(&self) -> String {
        match self {
            View::Home(..) => crate::t!("page-home"),
            View::Activities => crate::t!("page-activities"),
            View::Stats => crate::t!("page-stats"),
            View::Type(t, _) => crate::t!("page-activity-type", key = t.key.as_str()),
            View::Donations(_) => crate::t!("page-donations"),
            View::Categories => crate::t!("page-categories"),
            View::Category(c, _) => crate::t!("page-category", slug = c.slug.as_str()),
            View::Free(pg) => format!("content/pages/{}.md", pg.slug),
            View::Org(o) => crate::t!("page-org", slug = o.slug.as_str()),
            View::NotFound | View::RootNotFound => crate::t!("page-not-found"),
            View::Feed(_) => crate::t!("page-feed"),
            View::DataPage => crate::t!("page-data"),
        }
    }
}

/// Every file of a site, with the publications they show.
pub struct Plan<'a> {
    pub pubs: &'a [Publication],
    pub specs: Vec<PageSpec<'a>>,
}

/// The plan for a site: per variant its pages, organizations last, and its
/// data files; then the files shared by all variants, and the static files.
pub fn plan<'a>(theme: &'a ThemeSource, pubs: &'a [Publication]) -> Plan<'a> {
    let statics = &theme.static_files;
    // A list is split into pages when its template shows pages.
    let per_page = |p: &Publication, template| {
        if theme.paginates(template) {
            p.site.paginate_by
        } else {
            usize::MAX
        }
    };
    let mut specs = Vec::new();
    for (i, p) in pubs.iter().enumerate() {
        let folder: Arc<str> = Arc::from(p.variant.path.as_str());
        let at = |place| PagePath::Variant(Arc::clone(&folder), place);
        let page = |place: Place, template, view| PageSpec {
            path: at(place),
            make: Make::Page {
                template,
                variant: i,
                view,
            },
            subject: None,
        };
        for slice in paginate(&p.orgs, per_page(p, "index.html")) {
            specs.push(page(
                Place::Home(slice.pager.number),
                "index.html",
                View::Home(&p.home, slice),
            ));
        }
        specs.push(page(Place::Activities, "activities.html", View::Activities));
        specs.push(page(Place::Stats, "stats.html", View::Stats));
        for slice in paginate(&p.donors, per_page(p, "donations.html")) {
            specs.push(page(
                Place::Donations(slice.pager.number),
                "donations.html",
                View::Donations(slice),
            ));
        }
        for t in &p.activity_types {
            for slice in paginate(&t.entries, per_page(p, "activity.html")) {
                specs.push(page(
                    Place::Activity(t.key.clone(), slice.pager.number),
                    "activity.html",
                    View::Type(t, slice),
                ));
            }
        }
        specs.push(page(Place::Categories, "categories.html", View::Categories));
        for c in &p.categories {
            for slice in paginate(&c.orgs, per_page(p, "category.html")) {
                specs.push(page(
                    Place::Category(c.slug.clone(), slice.pager.number),
                    "category.html",
                    View::Category(c, slice),
                ));
            }
        }
        for pg in &p.pages {
            specs.push(page(
                Place::Page(pg.slug.clone()),
                "page.html",
                View::Free(pg),
            ));
        }
        for o in &p.orgs {
            let mut spec = page(Place::Org(o.slug.clone()), "org.html", View::Org(o));
            spec.subject = Some(&o.slug);
            specs.push(spec);
            for a in &o.assets {
                specs.push(PageSpec {
                    path: at(Place::Asset(o.slug.clone(), a.name.clone())),
                    make: Make::Asset(a),
                    subject: Some(&o.slug),
                });
            }
        }
        specs.push(page(Place::NotFound, "404.html", View::NotFound));
        specs.push(page(Place::Feed, "atom.xml", View::Feed(feed_orgs(p))));
        specs.push(page(Place::DataPage, "data.html", View::DataPage));
        specs.push(PageSpec {
            path: at(Place::Data),
            make: Make::Data(i),
            subject: None,
        });
        for table in Table::ALL {
            specs.push(PageSpec {
                path: at(Place::Csv(table)),
                make: Make::Csv(i, table),
                subject: None,
            });
        }
        specs.push(PageSpec {
            path: at(Place::SearchIndex),
            make: Make::SearchIndex(i),
            subject: None,
        });
    }
    if !pubs.is_empty() {
        let shared = |path, make| PageSpec {
            path,
            make,
            subject: None,
        };
        specs.push(shared(PagePath::Chooser, Make::Chooser));
        // Hosts serve one 404.html at the root for every miss: it speaks
        // every variant, its links absolute paths that work from any depth.
        specs.push(shared(
            PagePath::RootNotFound,
            Make::Page {
                template: "404.html",
                variant: 0,
                view: View::RootNotFound,
            },
        ));
        let parts = sitemaps(&specs, pubs);
        if parts.len() == 1 {
            let places = parts.into_iter().next().unwrap_or_default();
            specs.push(shared(PagePath::Sitemap, Make::Sitemap(places)));
        } else {
            specs.push(shared(
                PagePath::Sitemap,
                Make::SitemapIndex(parts.len() as u32),
            ));
            for (n, places) in parts.into_iter().enumerate() {
                specs.push(shared(
                    PagePath::SitemapPart(n as u32 + 1),
                    Make::Sitemap(places),
                ));
            }
        }
        if !statics.contains_key("robots.txt") {
            specs.push(shared(PagePath::Robots, Make::Robots));
        }
    }
    for (name, file) in statics {
        specs.push(PageSpec {
            path: PagePath::Static(name.clone()),
            make: Make::Static(file),
            subject: None,
        });
    }
    Plan { pubs, specs }
}

/// The most URLs one sitemap may list, and the most bytes it may have
/// (sitemaps.org): a larger site gets numbered sitemaps and an index.
pub const SITEMAP_URLS: usize = 50_000;
pub const SITEMAP_BYTES: usize = 50 * 1024 * 1024;

/// The pages of the first variant (every variant has the same), in the
/// order of the plan, split into sitemaps that stay within the limits: each
/// page is listed once per variant, with an alternate per variant.
fn sitemaps(specs: &[PageSpec<'_>], pubs: &[Publication]) -> Vec<Vec<Place>> {
    let first = &pubs[0].variant.path;
    let variants = pubs.len();
    let base = pubs[0].site.base_url.len() + 24;
    let places = specs.iter().filter_map(|s| match &s.path {
        PagePath::Variant(folder, place) if **folder == **first => {
            place.url_dir().map(|dir| (place.clone(), dir.len()))
        }
        _ => None,
    });
    let sized = places.map(|(place, dir)| {
        // Each variant's <url>: its <loc>, an alternate per variant and
        // x-default, each about a URL long plus the markup around it.
        let size = variants * ((variants + 2) * (base + dir + 60) + 40);
        (place, variants, size)
    });
    split(sized, SITEMAP_URLS, SITEMAP_BYTES * 9 / 10)
}

/// Items into consecutive parts of at most `max_urls` URLs and `max_bytes`
/// bytes each (an item: its URLs and bytes); at least one part.
fn split<T>(
    items: impl Iterator<Item = (T, usize, usize)>,
    max_urls: usize,
    max_bytes: usize,
) -> Vec<Vec<T>> {
    let mut parts: Vec<Vec<T>> = vec![Vec::new()];
    let (mut urls, mut bytes) = (0, 0);
    for (item, n, size) in items {
        let full = urls + n > max_urls || bytes + size > max_bytes;
        if full && urls > 0 {
            parts.push(Vec::new());
            (urls, bytes) = (0, 0);
        }
        urls += n;
        bytes += size;
        if let Some(part) = parts.last_mut() {
            part.push(item);
        }
    }
    parts
}

/// The organizations the feed carries: the latest changed first (by git
/// history, or else the latest activity; undated ones last, by slug), at most
/// `feed_limit` of them.
fn feed_orgs(p: &Publication) -> Vec<&OrgView> {
    let mut orgs: Vec<&OrgView> = p.orgs.iter().map(|o| &**o).collect();
    let newest_first = |a: &&OrgView, b: &&OrgView| {
        // `None` sorts first, so reversed it comes last.
        b.changed()
            .cmp(&a.changed())
            .then_with(|| a.slug.cmp(&b.slug))
    };
    match p.site.feed_limit {
        Some(n) if n < orgs.len() => {
            orgs.select_nth_unstable_by(n, newest_first);
            orgs.truncate(n);
        }
        _ => {}
    }
    orgs.sort_unstable_by(newest_first);
    orgs
}

impl Plan<'_> {
    /// A digest of everything each spec's file is made from, in the order of
    /// the specs: equal digests, equal files. `theme` is the digest of the
    /// templates. What every page of a variant shows (the site, the
    /// variants, the UI strings, the totals, the navigation) is in every
    /// digest of that variant; an organization counts by its view's digest.
    pub fn digests(&self, theme: u64) -> Vec<u64> {
        let frames: Vec<u64> = self.pubs.iter().map(frame_digest).collect();
        let all = digest::of(&frames);
        let orgs: Vec<u64> = self.pubs.iter().map(orgs_digest).collect();
        self.specs
            .par_iter()
            .map(|s| {
                let what = match &s.make {
                    Make::Page { variant, view, .. } => {
                        let v = *variant;
                        let listed = |list: &[Arc<OrgView>]| {
                            list.iter().map(|o| o.digest).collect::<Vec<_>>()
                        };
                        let shown = match view {
                            View::Home(home, page) => {
                                digest::of(&(digest::of_json(home), listed(page.items), page.pager))
                            }
                            View::Activities | View::NotFound | View::DataPage => 0,
                            View::RootNotFound => all,
                            View::Stats => {
                                digest::of(&(orgs[v], digest::of_json(&self.pubs[v].categories)))
                            }
                            View::Donations(page) => digest::of(&(listed(page.items), page.pager)),
                            View::Categories => digest::of_json(&self.pubs[v].categories),
                            View::Category(c, page) => {
                                digest::of(&(digest::of_json(c), listed(page.items), page.pager))
                            }
                            View::Type(t, page) => digest::of(&(
                                digest::of_json(&(&t.key, &t.name, &t.description_html)),
                                digest::of_json(&t.totals),
                                page.items.iter().map(|e| e.org.digest).collect::<Vec<_>>(),
                                page.pager,
                            )),
                            View::Free(pg) => digest::of_json(pg),
                            View::Org(o) => o.digest,
                            View::Feed(list) => digest::of(&(
                                self.pubs[v].updated,
                                list.iter().map(|o| o.digest).collect::<Vec<_>>(),
                            )),
                        };
                        digest::of(&(theme, frames[v], shown))
                    }
                    Make::Data(v) | Make::Csv(v, _) | Make::SearchIndex(v) => {
                        digest::of(&(frames[*v], orgs[*v], digest::of_json(&self.pubs[*v].pages)))
                    }
                    Make::Chooser => digest::of(&(theme, all)),
                    Make::Sitemap(places) => digest::of(&(theme, all, places)),
                    Make::SitemapIndex(n) => digest::of(&(all, n)),
                    Make::Robots => all,
                    Make::Static(f) => digest::of(f.bytes()),
                    Make::Asset(a) => a.digest,
                };
                digest::of(&(&s.path, what))
            })
            .collect()
    }
}

/// What every page of a variant shows.
pub fn frame_digest(p: &Publication) -> u64 {
    let types: Vec<_> = p
        .activity_types
        .iter()
        .map(|t| (&t.key, &t.name, &t.description_html, &t.totals))
        .collect();
    let pages: Vec<_> = p.pages.iter().map(|pg| (&pg.slug, &pg.title)).collect();
    digest::of_json(&(
        &p.site,
        &p.variant,
        &p.variants,
        &p.ui,
        &p.totals,
        types,
        pages,
    ))
}

/// Every organization of a variant.
fn orgs_digest(p: &Publication) -> u64 {
    digest::of(&p.orgs.iter().map(|o| o.digest).collect::<Vec<_>>())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sitemaps_split_at_either_limit() {
        let urls = |n: usize| (0..n).map(|i| (i, 2, 100));
        assert_eq!(split(urls(0), 10, 1000).len(), 1, "one sitemap, empty");
        let parts = split(urls(12), 10, 10_000);
        assert_eq!(
            parts.iter().map(Vec::len).collect::<Vec<_>>(),
            [5, 5, 2],
            "five pages of two variants are ten URLs"
        );
        let parts = split(urls(12), 1000, 450);
        assert_eq!(parts.iter().map(Vec::len).collect::<Vec<_>>(), [4, 4, 4]);
        assert!(parts.concat().into_iter().eq(0..12), "in order, each once");
    }

    #[test]
    fn pages_of_a_list() {
        let items: Vec<u32> = (1..=5).collect();
        let pages = paginate(&items, 2);
        assert_eq!(pages.len(), 3);
        assert_eq!(pages[2].items, [5]);
        assert_eq!(pages[2].pager.number, 3);
        assert_eq!(pages[0].pager.items, 5);
        let empty: Vec<u32> = Vec::new();
        assert_eq!(
            paginate(&empty, 2).len(),
            1,
            "an empty list is one empty page"
        );
        assert_eq!(paginate(&items, usize::MAX).len(), 1);
        assert_eq!(Place::Home(1).dir().as_deref(), Some(""));
        assert_eq!(Place::Home(3).dir().as_deref(), Some("page/3/"));
        assert_eq!(
            Place::Activity(ActivityKey::new("donation"), 2).file(),
            "activities/donation/page/2/index.html"
        );
    }
}
