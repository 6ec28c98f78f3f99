//! render: each [`PageSpec`] of the plan into a file (path + bytes), with
//! the Tera theme for pages.
//!
//! Every in-site link is relative and names `index.html`, so the site works
//! under any sub-path of base_url and when opened from disk. Absolute URLs
//! (hreflang, canonical, sitemap, feed) are built from base_url.
//!
//! Beside the theme's pages, each variant gets a statistics page whose
//! charts are drawn here as inline SVG (`charts`, `stats`), and a search
//! index for the theme's search.js (`search`).

pub mod charts;
pub mod data;
pub mod search;
mod stats;
pub mod theme;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::diagnostic::{Diagnostic, Error, Result};
use crate::model::{OrgView, Publication};
use crate::plan::{Make, PagePath, PageSpec, Pager, Place, Plan, View};
pub use theme::Theme;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Relative to the output folder, `/`-separated.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Where rendered files go, from any thread: into memory (`serve`, `check`),
/// or onto disk as they come (`build`, which never holds the whole site).
pub type Sink<'a> = dyn Fn(Output) -> Result<()> + Sync + 'a;

/// The files `render` gives to a sink, collected and sorted by path.
pub fn collect(render: impl FnOnce(&Sink<'_>) -> Result<()>) -> Result<Vec<Output>> {
    let files = std::sync::Mutex::new(Vec::new());
    render(&|o| {
        files.lock().unwrap_or_else(|p| p.into_inner()).push(o);
        Ok(())
    })?;
    let mut files = files.into_inner().unwrap_or_else(|p| p.into_inner());
    files.sort_unstable_by(|a, b| a.path.cmp(&b.path));
    Ok(files)
}

/// What every page of each variant is given, made once per render.
pub struct Frames(Vec<Context>);

/// A variant's frame with one page's keys put in, and taken out again when
/// it is dropped. A thread keeps its own copy of the frames and reuses it
/// from page to page: no copy of the UI strings and the site per page, and
/// no page sees a key of the page before (a key that was already in the
/// frame gets its value back).
struct PageCtx<'a> {
    ctx: &'a mut Context,
    /// Each key put in, with the frame's value it hid (almost always none).
    added: Vec<(&'static str, Option<tera::Value>)>,
}

impl<'a> PageCtx<'a> {
    fn new(ctx: &'a mut Context) -> PageCtx<'a> {
        PageCtx {
            ctx,
            added: Vec::new(),
        }
    }

    fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) {
        if !self.added.iter().any(|(k, _)| *k == key) {
            let hidden = self.ctx.get(key).cloned();
            self.added.push((key, hidden));
        }
        self.ctx.insert(key, value);
    }
}

impl Drop for PageCtx<'_> {
    fn drop(&mut self) {
        for (key, hidden) in self.added.drain(..).rev() {
            match hidden {
                Some(value) => self.ctx.insert(key, &value),
                None => {
                    self.ctx.remove(key);
                }
            }
        }
    }
}

impl Frames {
    pub fn new(plan: &Plan<'_>) -> Frames {
        Frames(plan.pubs.iter().map(base_context).collect())
    }
}

/// Renders the specs of `plan` that `which` picks (by index), in parallel,
/// each file given to `sink` as soon as it is made. The files as large as
/// the site (data.json, the search index) are made one after the other
/// beside the pages: which of them two threads make at once decides the
/// peak memory of a large build.
pub fn render(
    theme: &Theme,
    plan: &Plan<'_>,
    frames: &Frames,
    which: &[usize],
    sink: &Sink<'_>,
) -> Result<()> {
    render_until(theme, plan, frames, which, sink, &|| false).map(drop)
}

/// `render`, making no more specs once `stop` says so, and giving up the
/// search index half made: returns the specs it did not make (their files
/// were not given to `sink`), in no order. The search index is made last
/// of the large files, being the slowest.
pub fn render_until(
    theme: &Theme,
    plan: &Plan<'_>,
    frames: &Frames,
    which: &[usize],
    sink: &Sink<'_>,
    stop: &(dyn Fn() -> bool + Sync),
) -> Result<Vec<usize>> {
    let heavy = |i: &&usize| {
        matches!(
            plan.specs[**i].make,
            Make::Data(_) | Make::Csv(..) | Make::SearchIndex(_)
        )
    };
    let (mut big, mut small): (Vec<&usize>, Vec<&usize>) = which.iter().partition(heavy);
    big.sort_by_key(|i| matches!(plan.specs[**i].make, Make::SearchIndex(_)));
    // A sitemap lists every page: the slowest of the small files, started
    // first, or one thread ends the build making it alone.
    small.sort_by_key(|i| !matches!(plan.specs[**i].make, Make::Sitemap(_)));
    let skipped = std::sync::Mutex::new(Vec::new());
    let skip = |i: usize| skipped.lock().unwrap_or_else(|p| p.into_inner()).push(i);
    let make = |ctxs: &mut Vec<Context>, i: &&usize| -> Result<()> {
        let files = if stop() {
            None
        } else {
            render_spec(theme, plan, ctxs, &plan.specs[**i], stop)?
        };
        let Some(files) = files else {
            skip(**i);
            return Ok(());
        };
        for file in files {
            sink(file)?;
        }
        Ok(())
    };
    let (pages, files) = rayon::join(
        || {
            small
                .par_iter()
                .try_for_each_init(|| frames.0.clone(), make)
        },
        || {
            let mut ctxs = frames.0.clone();
            big.iter().try_for_each(|i| make(&mut ctxs, i))
        },
    );
    pages?;
    files?;
    Ok(skipped.into_inner().unwrap_or_else(|p| p.into_inner()))
}

/// Renders every spec of `plan`.
pub fn render_all(theme: &Theme, plan: &Plan<'_>, sink: &Sink<'_>) -> Result<()> {
    let all: Vec<usize> = (0..plan.specs.len()).collect();
    render(theme, plan, &Frames::new(plan), &all, sink)
}

/// The file (or files) of one spec; `None` when `stop` gave up the search
/// index half made.
fn render_spec(
    theme: &Theme,
    plan: &Plan<'_>,
    frames: &mut [Context],
    spec: &PageSpec<'_>,
    stop: &dyn Fn() -> bool,
) -> Result<Option<Vec<Output>>> {
    let path = spec.path.file();
    let bytes = match &spec.make {
        Make::Page {
            template,
            variant,
            view,
        } => {
            let p = &plan.pubs[*variant];
            let mut ctx = PageCtx::new(&mut frames[*variant]);
            let place = match &spec.path {
                PagePath::Variant(_, place) => Some(place),
                _ => None,
            };
            let dir = place.and_then(Place::url_dir);
            let absolute = matches!(view, View::NotFound | View::RootNotFound);
            page_context(&mut ctx, p, dir.as_deref().unwrap_or(""), absolute);
            if let (Some(place), Some(pager)) = (place, view.pager()) {
                ctx.insert("paginator", &paginator(place, pager));
            }
            page_view(&mut ctx, plan.pubs, p, view);
            render_one(theme, template, ctx.ctx, &|| view.about(), p)?
        }
        Make::Data(v) => data::json(&plan.pubs[*v]),
        Make::Csv(v, table) => data::csv(&plan.pubs[*v], *table),
        Make::SearchIndex(v) => return Ok(search::search_files_until(&plan.pubs[*v], stop)),
        Make::Chooser => chooser(theme, plan.pubs)?,
        Make::Sitemap(places) => sitemap(theme, plan.pubs, places)?,
        Make::SitemapIndex(parts) => sitemap_index(&plan.pubs[0].site.base_url, *parts),
        Make::Robots => robots(&plan.pubs[0].site.base_url),
        Make::Static(f) => f.bytes().to_vec(),
        Make::Asset(a) => a.bytes.to_vec(),
    };
    Ok(Some(vec![Output { path, bytes }]))
}

/// What a page shows besides what every page does: put in its context by the
/// thread that renders it, serialized once.
fn page_view(ctx: &mut PageCtx<'_>, pubs: &[Publication], p: &Publication, view: &View<'_>) {
    match view {
        View::Home(home, page) => {
            let links: Vec<OrgLink<'_>> = page.items.iter().map(|o| org_link(o)).collect();
            ctx.insert("home", home);
            ctx.insert("orgs", &links);
        }
        View::Activities => {}
        View::DataPage => {
            let tables: Vec<_> = crate::plan::Table::ALL
                .iter()
                .map(|&t| {
                    let mut columns: Vec<_> = data::columns(t)
                        .iter()
                        .map(|c| serde_json::json!({"name": c.name, "meaning": p.ui.get(c.meaning).map_or(c.meaning, String::as_str)}))
                        .collect();
                    if t == crate::plan::Table::Organizations {
                        columns.extend(data::declared_fields(p).into_iter().map(|(k, name)| serde_json::json!({"name": k, "meaning": name})));
                    }
                    let about = p.ui.get(&format!("data_table_{}", t.file().trim_end_matches(".csv")));
                    serde_json::json!({"table": t, "file": t.file(), "about": about, "columns": columns})
                })
                .collect();
            ctx.insert("tables", &tables);
        }
        View::NotFound => not_found(ctx),
        View::RootNotFound => {
            not_found(ctx);
            let choices: Vec<_> = pubs
                .iter()
                .map(|q| serde_json::json!({"code": q.variant.code, "label": q.variant.label, "path": q.variant.path, "title": q.site.title, "ui": q.ui}))
                .collect();
            ctx.insert("choices", &choices);
        }
        View::Stats => {
            ctx.insert("stats", &stats::stats_view(p));
            ctx.insert("categories", &p.categories);
        }
        View::Donations(page) => ctx.insert("donations", &stats::donation_rows(page.items)),
        View::Categories => ctx.insert("categories", &p.categories),
        View::Category(c, page) => {
            let links: Vec<OrgLink<'_>> = page.items.iter().map(|o| org_link(o)).collect();
            ctx.insert("category", c);
            ctx.insert("orgs", &links);
        }
        View::Type(t, page) => ctx.insert(
            "type",
            &TypePage {
                key: &t.key,
                name: &t.name,
                description_html: &t.description_html,
                totals: &t.totals,
                entries: page.items,
            },
        ),
        View::Free(pg) => ctx.insert("page", pg),
        View::Org(o) => ctx.insert("org", o),
        View::Feed(orgs) => {
            // Every field but the account: a feed of a large site carrying
            // every body would be hundreds of megabytes, to build and to download.
            let orgs: Vec<FeedOrg<'_>> = orgs.iter().map(|o| feed_org(o)).collect();
            ctx.insert("orgs", &orgs);
            let updated = p
                .updated
                .map_or_else(|| "1970-01-01".to_string(), |d| d.to_string());
            ctx.insert("updated", &updated);
        }
    }
}

/// A 404 page is about no page: it has no canonical URL and no alternates
/// (pointing them at the home page would tell search engines it is one).
fn not_found(ctx: &mut PageCtx<'_>) {
    ctx.insert("canonical", "");
    ctx.insert("alternates", &Vec::<()>::new());
    ctx.insert("x_default", "");
}

/// An activity type's page: the type, and the page's share of its entries.
#[derive(Serialize)]
struct TypePage<'a> {
    key: &'a str,
    name: &'a str,
    description_html: &'a str,
    totals: &'a crate::model::TypeTotals,
    entries: &'a [crate::model::TypeEntry],
}

/// The `paginator` of a page of a list: where it is, and links to the other
/// pages relative to it (a window around it, with the first and the last).
fn paginator(place: &Place, pager: Pager) -> serde_json::Value {
    let here = place.url_dir().unwrap_or_default();
    let root = "../".repeat(here.matches('/').count());
    let href = |n: u32| {
        format!(
            "{}{}index.html",
            root,
            place.at_page(n).url_dir().unwrap_or_default()
        )
    };
    let n = pager.number;
    let mut links = Vec::new();
    let mut last_shown = 0;
    for k in 1..=pager.pages {
        let near = k.abs_diff(n) <= 2;
        if k == 1 || k == pager.pages || near {
            if k > last_shown + 1 {
                links.push(serde_json::json!({"gap": true}));
            }
            links.push(serde_json::json!({"number": k, "href": href(k), "current": k == n}));
            last_shown = k;
        }
    }
    serde_json::json!({
        "number": n,
        "pages": pager.pages,
        "per_page": pager.per_page,
        "items": pager.items,
        "first_item": (n as usize - 1).saturating_mul(pager.per_page) + 1,
        "last_item": (n as usize).saturating_mul(pager.per_page).min(pager.items),
        "first": href(1),
        "last": href(pager.pages),
        "previous": (n > 1).then(|| href(n - 1)),
        "next": (n < pager.pages).then(|| href(n + 1)),
        "links": links,
    })
}

/// sitemap.xml of a site with several sitemaps: the index of them.
fn sitemap_index(base_url: &str, parts: u32) -> Vec<u8> {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for n in 1..=parts {
        out.push_str(&format!(
            "  <sitemap><loc>{}</loc></sitemap>\n",
            theme::escape(&format!("{}/sitemap-{}.xml", base_url, n))
        ));
    }
    out.push_str("</sitemapindex>\n");
    out.into_bytes()
}

/// robots.txt: everything may be crawled; the sitemap is here.
fn robots(base_url: &str) -> Vec<u8> {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}/sitemap.xml\n",
        base_url
    )
    .into_bytes()
}

/// What every page of a variant is given, whatever the page.
fn base_context(p: &Publication) -> Context {
    let mut base = Context::new();
    base.insert("site", &p.site);
    base.insert("variant", &p.variant);
    base.insert("variants", &p.variants);
    base.insert("ui", &p.ui);
    base.insert("totals", &p.totals);
    let nav: Vec<_> = p
        .activity_types
        .iter()
        .map(|t| serde_json::json!({"key": t.key, "name": t.name, "totals": t.totals}))
        .collect();
    base.insert("types", &nav);
    let page_links: Vec<_> = p
        .pages
        .iter()
        .map(|pg| serde_json::json!({"slug": pg.slug, "title": pg.title}))
        .collect();
    base.insert("pages", &page_links);
    base
}

/// The light list of organizations that index pages link to.
#[derive(Serialize)]
struct OrgLink<'a> {
    slug: &'a str,
    name: &'a str,
    category: &'a Option<String>,
    category_href: &'a Option<String>,
    summary: &'a Option<String>,
    summary_html: &'a Option<String>,
    amount: &'a Option<crate::model::Money>,
    activity_types: Vec<&'a str>,
}

/// An organization as the home page lists it.
fn org_link(o: &OrgView) -> OrgLink<'_> {
    let mut kinds: Vec<&str> = Vec::new();
    for a in &o.activities {
        if !kinds.contains(&a.kind.as_str()) {
            kinds.push(&a.kind);
        }
    }
    OrgLink {
        slug: &o.slug,
        name: &o.name,
        category: &o.category,
        category_href: &o.category_href,
        summary: &o.summary,
        summary_html: &o.summary_html,
        amount: &o.amount,
        activity_types: kinds,
    }
}

/// An organization in the Atom feed.
#[derive(Serialize)]
struct FeedOrg<'a> {
    slug: &'a str,
    name: &'a str,
    category: &'a Option<String>,
    summary: &'a Option<String>,
    activities: &'a [crate::model::ActivityView],
    amount: &'a Option<crate::model::Money>,
    updated: Option<crate::content::values::Date>,
}

/// An organization as the Atom feed shows it.
fn feed_org(o: &OrgView) -> FeedOrg<'_> {
    FeedOrg {
        slug: &o.slug,
        name: &o.name,
        category: &o.category,
        summary: &o.summary,
        activities: &o.activities,
        amount: &o.amount,
        updated: o.changed(),
    }
}

/// Links for a page in folder `dir` of its variant: `root` leads to the variant's
/// root, `asset_root` to the output root, `alternates` to the same page in every variant.
fn page_context(ctx: &mut PageCtx<'_>, p: &Publication, dir: &str, absolute: bool) {
    let root = if absolute {
        format!("{}{}/", p.site.base_path, p.variant.path)
    } else {
        "../".repeat(dir.matches('/').count())
    };
    let asset_root = if absolute {
        p.site.base_path.clone()
    } else {
        format!("{}../", root)
    };
    let alternates: Vec<_> = p
        .variants
        .iter()
        .map(|v| {
            serde_json::json!({
                "code": v.code, "label": v.label, "path": v.path,
                "href": format!("{}{}/{}index.html", asset_root, v.path, dir),
                "url": format!("{}/{}/{}", p.site.base_url, v.path, dir),
                "current": v.code == p.variant.code,
            })
        })
        .collect();
    ctx.insert("root", &root);
    ctx.insert("asset_root", &asset_root);
    ctx.insert("alternates", &alternates);
    ctx.insert(
        "x_default",
        &format!("{}/{}/{}", p.site.base_url, p.variants[0].path, dir),
    );
    ctx.insert(
        "canonical",
        &format!("{}/{}/{}", p.site.base_url, p.variant.path, dir),
    );
    ctx.insert("page_dir", dir);
}

fn render_one(
    theme: &Theme,
    template: &str,
    ctx: &Context,
    about: &dyn Fn() -> String,
    p: &Publication,
) -> Result<Vec<u8>> {
    // Rendered into this thread's buffer, which keeps its size from page to
    // page, then copied out at its length: no growing from Tera's 2 KB by
    // doubling, and no UTF-8 check of each page (`Tera::render`'s).
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let rendered = BUFFER.with(|b| {
        let mut buf = b.borrow_mut();
        buf.clear();
        theme::limits::timed(template, about, || {
            theme.tera.render_to(template, ctx, &mut *buf)
        })
        .map(|()| buf.as_slice().to_vec())
    });
    rendered.map_err(|e| {
        Error::one(
            Diagnostic::file(
                format!("templates/{}", template),
                crate::t!(
                    "render-template-failed",
                    page = about(),
                    variant = p.variant.code.to_string(),
                    error = theme::error_chain(&e)
                ),
            )
            .with_hint(crate::t!("render-template-failed-hint")),
        )
    })
}

/// The root page: every variant offered, a browser sent to the one of its language.
fn chooser(theme: &Theme, pubs: &[Publication]) -> Result<Vec<u8>> {
    let first = &pubs[0];
    let mut ctx = Context::new();
    ctx.insert("site", &first.site);
    ctx.insert("variants", &first.variants);
    ctx.insert("asset_root", "");
    let choices: Vec<_> = pubs.iter().map(|p| serde_json::json!({"code": p.variant.code, "label": p.variant.label, "path": p.variant.path, "title": p.site.title, "ui": p.ui})).collect();
    ctx.insert("choices", &choices);
    render_one(
        theme,
        "root.html",
        &ctx,
        &|| crate::t!("render-page-root"),
        first,
    )
}

/// sitemap.xml: every page of every variant, with its alternates.
fn sitemap(theme: &Theme, pubs: &[Publication], places: &[Place]) -> Result<Vec<u8>> {
    let first = &pubs[0];
    let changed = |place: &Place| match place {
        Place::Org(slug) => first
            .orgs
            .binary_search_by(|o| o.slug.as_str().cmp(slug))
            .ok()
            .and_then(|i| first.orgs[i].last_updated)
            .map(|d| d.to_string()),
        _ => None,
    };
    let entries: Vec<_> = places
        .iter()
        .filter_map(|place| place.url_dir().map(|d| (d, changed(place))))
        .flat_map(|(d, lastmod)| {
            pubs.iter().map(move |p| {
                let lastmod = lastmod.clone();
                let alternates: Vec<_> = pubs.iter().map(|q| serde_json::json!({"hreflang": q.variant.code, "href": format!("{}/{}/{}", q.site.base_url, q.variant.path, d)})).collect();
                serde_json::json!({"loc": format!("{}/{}/{}", p.site.base_url, p.variant.path, d), "alternates": alternates, "x_default": format!("{}/{}/{}", p.site.base_url, pubs[0].variant.path, d), "lastmod": lastmod})
            })
        })
        .collect();
    let mut ctx = Context::new();
    ctx.insert("entries", &entries);
    render_one(
        theme,
        "sitemap.xml",
        &ctx,
        &|| crate::t!("render-page-sitemap"),
        first,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A thread's frame after a page is the frame before it: the page's own
    /// keys gone, a frame key it hid back with the frame's value.
    #[test]
    fn a_page_leaves_the_frame_as_it_found_it() {
        let mut frame = Context::new();
        frame.insert("ui", &serde_json::json!({"home": "首頁"}));
        frame.insert("site", "site");
        let before = frame.clone();
        {
            let mut page = PageCtx::new(&mut frame);
            page.insert("paginator", &1);
            page.insert("ui", "hidden");
            page.insert("ui", "hidden twice");
            page.insert("paginator", &2);
            assert_eq!(page.ctx.get("ui"), Some(&serde_json::json!("hidden twice")));
            assert_eq!(page.ctx.get("paginator"), Some(&serde_json::json!(2)));
        }
        assert_eq!(frame, before);
    }
}
