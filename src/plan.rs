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

use crate::content::theme::StaticFile;
use crate::content::values::ActivityKey;
use crate::digest;
use crate::model::{ActivityTypeView, HomeView, OrgView, PageView, Publication};

/// Where a file of one variant goes, inside the variant's folder.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Place {
    /// The front page: intro, totals, every organization.
    Home,
    /// Every activity type.
    Activities,
    /// One activity type with every organization that did it.
    Activity(ActivityKey),
    Stats,
    /// A free page, by slug.
    Page(String),
    /// An organization, by slug.
    Org(String),
    NotFound,
    Feed,
    Data,
    SearchIndex,
}

impl Place {
    /// The folder of a page (`orgs/x/`), `None` for files that are not pages.
    pub fn dir(&self) -> Option<String> {
        Some(match self {
            Place::Home => String::new(),
            Place::Activities => "activities/".into(),
            Place::Activity(key) => format!("activities/{}/", key),
            Place::Stats => "stats/".into(),
            Place::Page(slug) => format!("pages/{}/", slug),
            Place::Org(slug) => format!("orgs/{}/", slug),
            Place::NotFound | Place::Feed | Place::Data | Place::SearchIndex => return None,
        })
    }

    /// The file, relative to the variant's folder.
    pub fn file(&self) -> String {
        match (self.dir(), self) {
            (Some(dir), _) => format!("{}index.html", dir),
            (None, Place::NotFound) => "404.html".into(),
            (None, Place::Feed) => "atom.xml".into(),
            (None, Place::Data) => "data.json".into(),
            (None, _) => "search-index.js".into(),
        }
    }
}

/// Where a file of the site goes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PagePath {
    /// A file of one variant: the variant's folder (its `path`), the place in it.
    Variant(Arc<str>, Place),
    /// The root page that offers every variant.
    Chooser,
    /// The root 404 page, which hosts serve for every miss.
    RootNotFound,
    Sitemap,
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
    /// The search index of a variant.
    SearchIndex(usize),
    /// The root page offering every variant.
    Chooser,
    /// Every page of every variant, with its alternates.
    Sitemap(Vec<Place>),
    Static(&'a StaticFile),
}

/// What a page shows besides what every page of its variant does.
#[derive(Debug)]
pub enum View<'a> {
    Home(&'a HomeView, &'a [Arc<OrgView>]),
    Activities,
    Stats,
    Type(&'a ActivityTypeView),
    Free(&'a PageView),
    Org(&'a OrgView),
    /// A 404 page: its links are absolute paths, as it is served at any depth.
    NotFound,
    /// The Atom feed: the organizations it carries, newest first.
    Feed(Vec<&'a OrgView>),
}

impl View<'_> {
    /// What the page is, in an editor's words, for errors in its template.
    pub fn about(&self) -> String {
        match self {
            View::Home(..) => "the home page".into(),
            View::Activities => "the activities page".into(),
            View::Stats => "the statistics page".into(),
            View::Type(t) => format!("the activity type `{}`", t.key),
            View::Free(pg) => format!("content/pages/{}.md", pg.slug),
            View::Org(o) => format!("the organization `{}`", o.slug),
            View::NotFound => "the 404 page".into(),
            View::Feed(_) => "the Atom feed".into(),
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
pub fn plan<'a>(statics: &'a StaticFiles, pubs: &'a [Publication]) -> Plan<'a> {
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
        specs.push(page(
            Place::Home,
            "index.html",
            View::Home(&p.home, &p.orgs),
        ));
        specs.push(page(Place::Activities, "activities.html", View::Activities));
        specs.push(page(Place::Stats, "stats.html", View::Stats));
        for t in &p.activity_types {
            specs.push(page(
                Place::Activity(t.key.clone()),
                "activity.html",
                View::Type(t),
            ));
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
        }
        specs.push(page(Place::NotFound, "404.html", View::NotFound));
        specs.push(page(Place::Feed, "atom.xml", View::Feed(feed_orgs(p))));
        specs.push(PageSpec {
            path: at(Place::Data),
            make: Make::Data(i),
            subject: None,
        });
        specs.push(PageSpec {
            path: at(Place::SearchIndex),
            make: Make::SearchIndex(i),
            subject: None,
        });
    }
    if let Some(first) = pubs.first() {
        specs.push(PageSpec {
            path: PagePath::Chooser,
            make: Make::Chooser,
            subject: None,
        });
        specs.push(PageSpec {
            path: PagePath::Sitemap,
            make: Make::Sitemap(pages_of(first)),
            subject: None,
        });
        // Hosts serve one 404.html at the root for every miss: the default
        // variant's, whose links are absolute paths so they work from any depth.
        specs.push(PageSpec {
            path: PagePath::RootNotFound,
            make: Make::Page {
                template: "404.html",
                variant: 0,
                view: View::NotFound,
            },
            subject: None,
        });
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

/// Static files by output path.
pub type StaticFiles = std::collections::BTreeMap<String, StaticFile>;

/// The pages every variant has, in the sitemap's order.
fn pages_of(p: &Publication) -> Vec<Place> {
    let mut places = vec![Place::Home, Place::Activities, Place::Stats];
    places.extend(
        p.activity_types
            .iter()
            .map(|t| Place::Activity(t.key.clone())),
    );
    places.extend(p.pages.iter().map(|pg| Place::Page(pg.slug.clone())));
    places.extend(p.orgs.iter().map(|o| Place::Org(o.slug.clone())));
    places
}

/// The organizations the feed carries: the latest activity first (those
/// without a dated activity after every dated one, by slug), at most
/// `feed_limit` of them.
fn feed_orgs(p: &Publication) -> Vec<&OrgView> {
    let mut orgs: Vec<&OrgView> = p.orgs.iter().map(|o| &**o).collect();
    let newest_first = |a: &&OrgView, b: &&OrgView| {
        // `None` sorts first, so reversed it comes last.
        b.updated.cmp(&a.updated).then_with(|| a.slug.cmp(&b.slug))
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
                        let shown = match view {
                            View::Home(home, list) => digest::of(&(
                                digest::of_json(home),
                                list.iter().map(|o| o.digest).collect::<Vec<_>>(),
                            )),
                            View::Activities | View::NotFound => 0,
                            View::Stats => orgs[v],
                            View::Type(t) => digest::of(&(
                                digest::of_json(&(&t.key, &t.name, &t.description_html)),
                                digest::of_json(&t.totals),
                                t.entries.iter().map(|e| e.org.digest).collect::<Vec<_>>(),
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
                    Make::Data(v) | Make::SearchIndex(v) => {
                        digest::of(&(frames[*v], orgs[*v], digest::of_json(&self.pubs[*v].pages)))
                    }
                    Make::Chooser => digest::of(&(theme, all)),
                    Make::Sitemap(places) => digest::of(&(theme, all, places)),
                    Make::Static(f) => digest::of(f.bytes()),
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
