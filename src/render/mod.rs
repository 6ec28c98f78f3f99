//! render: a Publication into pages (path + bytes) with the Tera theme.
//!
//! Every in-site link is relative and names `index.html`, so the site works
//! under any sub-path of base_url and when opened from disk. Absolute URLs
//! (hreflang, canonical, sitemap, feed) are built from base_url.
//!
//! Beside the theme's pages, each variant gets a statistics page whose
//! charts are drawn here as inline SVG (`charts`, `stats`), and a search
//! index for the theme's search.js (`search`).

pub mod charts;
pub mod search;
mod stats;
pub mod theme;

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use crate::diagnostic::{Diagnostic, Error, Result};
use crate::model::{OrgView, Publication};
pub use theme::Theme;

/// One file of the built site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Relative to the output folder, `/`-separated.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// A page to render: its template, its folder inside the variant (`orgs/x/`),
/// and what it is about (for error messages).
struct PageJob<'a> {
    template: &'static str,
    dir: String,
    about: String,
    page: Page<'a>,
}

/// What a page shows besides what every page does: put in its context by the
/// thread that renders it, serialized once.
enum Page<'a> {
    Home(&'a crate::model::HomeView, &'a [OrgLink<'a>]),
    Activities,
    Stats,
    Type(&'a crate::model::ActivityTypeView),
    Free(&'a crate::model::PageView),
    Org(&'a OrgView),
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

/// Renders every variant plus the shared files (root chooser, sitemap, assets).
pub fn render_site(theme: &Theme, pubs: &[Publication]) -> Result<Vec<Output>> {
    collect(|sink| render_site_into(theme, pubs, sink))
}

/// `render_site`, each file given to `sink` as soon as it is made.
pub fn render_site_into(theme: &Theme, pubs: &[Publication], sink: &Sink<'_>) -> Result<()> {
    let (variants, shared) = rayon::join(
        || {
            pubs.par_iter()
                .try_for_each(|p| render_variant_into(theme, p, &|_| true, None, sink))
        },
        || render_shared_files(theme, pubs),
    );
    variants?;
    shared?.into_iter().try_for_each(sink)
}

/// The files shared by all variants: the root chooser, the sitemap, the root
/// 404 page, and the theme's and site's static files.
pub fn render_shared_files(theme: &Theme, pubs: &[Publication]) -> Result<Vec<Output>> {
    let mut out = render_shared(theme, pubs)?;
    // Hosts serve one 404.html at the root for every miss: the default variant's,
    // whose links are absolute paths so they work from any depth.
    if let Some(first) = pubs.first() {
        let mut ctx = base_context(first);
        page_context(&mut ctx, first, "", true);
        out.push(Output {
            path: "404.html".into(),
            bytes: render_one(theme, "404.html", &ctx, "the 404 page", first)?.into_bytes(),
        });
    }
    for (name, file) in &theme.static_files {
        out.push(Output {
            path: name.clone(),
            bytes: file.read()?,
        });
    }
    Ok(out)
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

/// A hash of what every page of a variant shows: when it is unchanged, a page
/// that shows one organization only changes with that organization.
pub fn base_fingerprint(p: &Publication) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    base_context(p).into_json().to_string().hash(&mut h);
    h.finish()
}

/// The light list of organizations that index pages link to.
#[derive(Serialize)]
pub(crate) struct OrgLink<'a> {
    slug: &'a str,
    name: &'a str,
    category: &'a Option<String>,
    summary: &'a Option<String>,
    amount: &'a Option<crate::model::Money>,
    activity_types: Vec<&'a str>,
}

/// An organization as the home page lists it.
pub(crate) fn org_link(o: &OrgView) -> OrgLink<'_> {
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
        summary: &o.summary,
        amount: &o.amount,
        activity_types: kinds,
    }
}

/// An organization as the Atom feed shows it.
pub(crate) fn feed_org(o: &OrgView) -> FeedOrg<'_> {
    FeedOrg {
        slug: &o.slug,
        name: &o.name,
        category: &o.category,
        summary: &o.summary,
        activities: &o.activities,
        amount: &o.amount,
        updated: &o.updated,
    }
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

/// An organization in the Atom feed.
#[derive(Serialize)]
pub(crate) struct FeedOrg<'a> {
    slug: &'a str,
    name: &'a str,
    category: &'a Option<String>,
    summary: &'a Option<String>,
    activities: &'a [crate::model::ActivityView],
    amount: &'a Option<crate::model::Money>,
    updated: &'a Option<String>,
}

/// Which organizations' pages to render, by slug.
pub type OrgFilter<'a> = dyn Fn(&str) -> bool + Sync + 'a;

/// The pages of the organizations in `slugs` that the publication has.
pub fn render_org_pages(
    theme: &Theme,
    p: &Publication,
    slugs: &std::collections::BTreeSet<String>,
) -> Result<Vec<Output>> {
    let base = base_context(p);
    let orgs: Vec<&OrgView> = p
        .orgs
        .iter()
        .filter(|o| slugs.contains(&o.slug))
        .map(|o| &**o)
        .collect();
    orgs.par_iter()
        .map(|o| render_job(theme, p, &base, &org_job(o)))
        .collect()
}

/// Files of a variant that the last build made right, by path inside the
/// variant's folder (`index.html`, `activities/x/index.html`, `atom.xml`).
pub type Keep<'a> = dyn Fn(&str) -> bool + Sync + 'a;

/// Every file of a variant but the organization pages that `orgs` leaves out
/// and the files that `keep` names, each given to `sink` as soon as it is made.
pub fn render_variant_into(
    theme: &Theme,
    p: &Publication,
    orgs: &OrgFilter<'_>,
    keep: Option<&Keep<'_>>,
    sink: &Sink<'_>,
) -> Result<()> {
    let base = base_context(p);

    let keep = keep.unwrap_or(&|_| false);
    let org_links: Vec<OrgLink<'_>> = if keep("index.html") {
        Vec::new()
    } else {
        p.orgs.iter().map(|o| org_link(o)).collect()
    };

    let job = |template: &'static str, dir: String, about: String, page| PageJob {
        template,
        dir,
        about,
        page,
    };
    let mut jobs: Vec<PageJob<'_>> = vec![
        job(
            "index.html",
            String::new(),
            "the home page".into(),
            Page::Home(&p.home, &org_links),
        ),
        job(
            "activities.html",
            "activities/".into(),
            "the activities page".into(),
            Page::Activities,
        ),
        job(
            "stats.html",
            "stats/".into(),
            "the statistics page".into(),
            Page::Stats,
        ),
    ];
    jobs.extend(p.activity_types.iter().map(|t| {
        job(
            "activity.html",
            format!("activities/{}/", t.key),
            format!("the activity type `{}`", t.key),
            Page::Type(t),
        )
    }));
    jobs.extend(p.pages.iter().map(|pg| {
        job(
            "page.html",
            format!("pages/{}/", pg.slug),
            format!("content/pages/{}.md", pg.slug),
            Page::Free(pg),
        )
    }));
    jobs.retain(|j| !keep(&format!("{}index.html", j.dir)));
    jobs.extend(p.orgs.iter().filter(|o| orgs(&o.slug)).map(|o| org_job(o)));
    let not_found = || {
        let mut ctx = base.clone();
        page_context(&mut ctx, p, "", true);
        Ok(Output {
            path: format!("{}/404.html", p.variant.path),
            bytes: render_one(theme, "404.html", &ctx, "the 404 page", p)?.into_bytes(),
        })
    };
    let feed = || {
        let mut ctx = base.clone();
        page_context(&mut ctx, p, "", false);
        // Every field but the account: a feed of a large site carrying every
        // body would be hundreds of megabytes, to build and to download.
        let orgs: Vec<FeedOrg<'_>> = feed_orgs(p).into_iter().map(feed_org).collect();
        ctx.insert("orgs", &orgs);
        ctx.insert(
            "updated",
            &p.updated.clone().unwrap_or_else(|| "1970-01-01".into()),
        );
        Ok(Output {
            path: format!("{}/atom.xml", p.variant.path),
            bytes: render_one(theme, "atom.xml", &ctx, "the Atom feed", p)?.into_bytes(),
        })
    };
    let data = || {
        Ok(Output {
            path: format!("{}/data.json", p.variant.path),
            bytes: data_json(p),
        })
    };
    let index = || search::search_files(p).into_iter().try_for_each(sink);
    // In this order: which of the big files two threads make at the same time
    // decides the peak memory of a large build.
    type File<'f> = &'f (dyn Fn() -> Result<Output> + Sync);
    let files: Vec<File<'_>> = [
        (Some("404.html"), &not_found as File<'_>),
        (Some("atom.xml"), &feed),
        (Some("data.json"), &data),
    ]
    .into_iter()
    .filter(|(name, _)| name.is_none_or(|n: &str| !keep(n)))
    .map(|(_, file)| file)
    .collect();
    let (pages, files) = rayon::join(
        || {
            jobs.par_iter()
                .try_for_each(|job| sink(render_job(theme, p, &base, job)?))
        },
        || {
            let (files, index) =
                rayon::join(|| files.par_iter().try_for_each(|f| sink(f()?)), index);
            files.and(index)
        },
    );
    pages?;
    files
}

/// The page of one organization.
fn org_job(o: &OrgView) -> PageJob<'_> {
    PageJob {
        template: "org.html",
        dir: format!("orgs/{}/", o.slug),
        about: format!("the organization `{}`", o.slug),
        page: Page::Org(o),
    }
}

/// Renders one page with the variant's `base` context and the page's own.
fn render_job(theme: &Theme, p: &Publication, base: &Context, job: &PageJob<'_>) -> Result<Output> {
    let mut ctx = base.clone();
    page_context(&mut ctx, p, &job.dir, false);
    match job.page {
        Page::Home(home, orgs) => {
            ctx.insert("home", home);
            ctx.insert("orgs", orgs);
        }
        Page::Activities => {}
        Page::Stats => ctx.insert("stats", &stats::stats_view(p)),
        Page::Type(t) => ctx.insert("type", t),
        Page::Free(pg) => ctx.insert("page", pg),
        Page::Org(o) => ctx.insert("org", o),
    }
    let html = render_one(theme, job.template, &ctx, &job.about, p)?;
    Ok(Output {
        path: format!("{}/{}index.html", p.variant.path, job.dir),
        bytes: html.into_bytes(),
    })
}

/// Links for a page in folder `dir` of its variant: `root` leads to the variant's
/// root, `asset_root` to the output root, `alternates` to the same page in every variant.
fn page_context(ctx: &mut Context, p: &Publication, dir: &str, absolute: bool) {
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
    about: &str,
    p: &Publication,
) -> Result<String> {
    theme.tera.render(template, ctx).map_err(|e| {
        Error::one(
            Diagnostic::file(
                format!("templates/{}", template),
                format!(
                    "the template failed while rendering {} ({}): {}",
                    about,
                    p.variant.code,
                    theme::error_chain(&e)
                ),
            )
            .with_hint(
                "check the variable names against the theme's documented context (README, Themes)",
            ),
        )
    })
}

/// The files shared by all variants: the root chooser, its 404, the sitemap.
fn render_shared(theme: &Theme, pubs: &[Publication]) -> Result<Vec<Output>> {
    let Some(first) = pubs.first() else {
        return Ok(Vec::new());
    };
    let mut ctx = Context::new();
    ctx.insert("site", &first.site);
    ctx.insert("variants", &first.variants);
    ctx.insert("asset_root", "");
    let choices: Vec<_> = pubs.iter().map(|p| serde_json::json!({"code": p.variant.code, "label": p.variant.label, "path": p.variant.path, "title": p.site.title, "ui": p.ui})).collect();
    ctx.insert("choices", &choices);
    let root = render_one(theme, "root.html", &ctx, "the root page", first)?;

    let mut dirs: Vec<String> = vec![String::new(), "activities/".into(), "stats/".into()];
    dirs.extend(
        first
            .activity_types
            .iter()
            .map(|t| format!("activities/{}/", t.key)),
    );
    dirs.extend(first.pages.iter().map(|pg| format!("pages/{}/", pg.slug)));
    dirs.extend(first.orgs.iter().map(|o| format!("orgs/{}/", o.slug)));
    let entries: Vec<_> = dirs
        .iter()
        .flat_map(|d| {
            pubs.iter().map(move |p| {
                let alternates: Vec<_> = pubs.iter().map(|q| serde_json::json!({"hreflang": q.variant.code, "href": format!("{}/{}/{}", q.site.base_url, q.variant.path, d)})).collect();
                serde_json::json!({"loc": format!("{}/{}/{}", p.site.base_url, p.variant.path, d), "alternates": alternates, "x_default": format!("{}/{}/{}", p.site.base_url, pubs[0].variant.path, d)})
            })
        })
        .collect();
    let mut sctx = Context::new();
    sctx.insert("entries", &entries);
    let sitemap = render_one(theme, "sitemap.xml", &sctx, "the sitemap", first)?;
    Ok(vec![
        Output {
            path: "index.html".into(),
            bytes: root.into_bytes(),
        },
        Output {
            path: "sitemap.xml".into(),
            bytes: sitemap.into_bytes(),
        },
    ])
}

/// An organization in data.json.
#[derive(Serialize)]
struct DataOrg<'a> {
    slug: &'a str,
    name: &'a str,
    category: &'a Option<String>,
    summary: &'a Option<String>,
    activities: Vec<DataActivity<'a>>,
}

#[derive(Serialize)]
struct DataActivity<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    summary: &'a str,
    date: &'a Option<String>,
    amount_yuan: Option<String>,
    items: Vec<DataItem<'a>>,
    people: Option<u64>,
}

#[derive(Serialize)]
struct DataItem<'a> {
    name: &'a str,
    quantity: Option<String>,
    unit: &'a Option<String>,
}

/// An organization as data.json gives it.
fn data_org(o: &OrgView) -> DataOrg<'_> {
    DataOrg {
        slug: &o.slug,
        name: &o.name,
        category: &o.category,
        summary: &o.summary,
        activities: o
            .activities
            .iter()
            .map(|a| DataActivity {
                kind: &a.kind,
                summary: &a.summary,
                date: &a.date,
                amount_yuan: a.amount.as_ref().map(|m| m.exact.exact()),
                items: a
                    .items
                    .iter()
                    .map(|i| DataItem {
                        name: &i.name,
                        quantity: i.quantity.map(|q| q.plain()),
                        unit: &i.unit,
                    })
                    .collect(),
                people: a.people,
            })
            .collect(),
    }
}

/// data.json: the publication as open data in the variant's script (SPEC §5).
/// Amounts are exact decimal strings, never floats. Each organization's entry
/// is serialized once and kept with its view, so a rebuild after an edit
/// serializes only the edited organizations.
pub fn data_json(p: &Publication) -> Vec<u8> {
    #[derive(Serialize)]
    struct Data<'a> {
        title: &'a str,
        variant: &'a str,
        /// Empty here: the entries are put in place afterwards.
        organizations: [(); 0],
        totals: Totals<'a>,
    }
    #[derive(Serialize)]
    struct Totals<'a> {
        organizations: usize,
        activities: usize,
        amount_yuan: String,
        by_type: std::collections::BTreeMap<&'a str, TypeTotals>,
    }
    #[derive(Serialize)]
    struct TypeTotals {
        organizations: usize,
        activities: usize,
        amount_yuan: String,
    }
    p.orgs.par_iter().for_each(|o| {
        data_entry(o);
    });
    let by_type = p
        .activity_types
        .iter()
        .map(|t| {
            (
                t.key.as_str(),
                TypeTotals {
                    organizations: t.totals.organizations,
                    activities: t.totals.activities,
                    amount_yuan: t.totals.amount.exact.exact(),
                },
            )
        })
        .collect();
    let data = Data {
        title: &p.site.title,
        variant: &p.variant.code,
        organizations: [],
        totals: Totals {
            organizations: p.totals.organizations,
            activities: p.totals.activities,
            amount_yuan: p.totals.amount.exact.exact(),
            by_type,
        },
    };
    let frame = serde_json::to_string_pretty(&data).unwrap_or_default();
    // The one line of the frame that holds the list: no string value can
    // contain it, as quotes inside strings are escaped.
    const EMPTY: &str = "\n  \"organizations\": [],\n";
    let Some(at) = frame.find(EMPTY).filter(|_| !p.orgs.is_empty()) else {
        let mut bytes = frame.into_bytes();
        bytes.push(b'\n');
        return bytes;
    };
    let docs: Vec<&str> = p.orgs.iter().map(|o| data_entry(o)).collect();
    let len = frame.len() + docs.iter().map(|d| d.len() + 6).sum::<usize>() + 16;
    let mut out = String::with_capacity(len);
    out.push_str(&frame[..at]);
    out.push_str("\n  \"organizations\": [");
    for (i, d) in docs.iter().enumerate() {
        out.push_str(if i == 0 { "\n    " } else { ",\n    " });
        out.push_str(d);
    }
    out.push_str("\n  ],\n");
    out.push_str(&frame[at + EMPTY.len()..]);
    out.push('\n');
    out.into_bytes()
}

/// An organization's entry in data.json, as `serde_json`'s pretty printer
/// writes it inside the list (four spaces in); made once per view.
pub(crate) fn data_entry(o: &OrgView) -> &str {
    o.data_doc.get_or_init(|| {
        let json = serde_json::to_string_pretty(&data_org(o)).unwrap_or_default();
        // Strings hold no raw line breaks (they are escaped), so every line
        // break is the printer's, and each line moves in by the list's depth.
        json.replace('\n', "\n    ").into_boxed_str()
    })
}
