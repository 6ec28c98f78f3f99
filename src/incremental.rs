//! Rebuilding after edits, for `serve --watch`: the same files a full build
//! makes, byte for byte, from as little work as the change needs.
//!
//! What is kept between rebuilds: every parsed content file, each variant's
//! converted organizations, and the last files. An edit under content/ re-parses
//! only the changed files, converts only the changed organizations (in every
//! variant), and renders the pages that show what changed: its own pages, and
//! the index pages, feed and data that show the changed fields of it (an edit
//! of an account alone: its pages and the search index). When anything that
//! every page shows changed too (the totals in the
//! navigation, a page title), or anything outside content/ changed (site.toml,
//! a theme, templates, static files), everything is rebuilt.
//!
//! The edited organizations' own pages are rendered first and handed out
//! (`rebuild_with`) with the files the rest may still rewrite (`Pending`),
//! so the page an editor looks at need not wait for the pages listing
//! thousands of others.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::Arc;

use bytes::Bytes;
use rayon::prelude::*;

use crate::config::SiteConfig;
use crate::content::{self, LoadOptions, Parsed, ParsedFile};
use crate::diagnostic::Result;
use crate::model::{OrgView, Publication};
use crate::render::{self, Theme};

/// A site's files by path, shared by the last build and the server; `Bytes`
/// takes a rendered file without copying it and serves it the same way.
pub type Files = Arc<BTreeMap<String, Bytes>>;

/// What a rebuild after an edit of entries tells the server while it runs.
pub trait Progress: Sync {
    /// The site as soon as the edited organizations' own pages are made,
    /// with what the rest of the rebuild may still rewrite.
    fn first(&self, files: Files, pending: &Pending);
    /// One more file of the rest, final, as soon as it is made (only after
    /// `first`, from any thread).
    fn ready(&self, path: &str, bytes: &Bytes);
}

/// Progress nobody watches.
struct Quiet;

impl Progress for Quiet {
    fn first(&self, _: Files, _: &Pending) {}
    fn ready(&self, _: &str, _: &Bytes) {}
}

/// The files a rebuild may still rewrite after its first files: a request for
/// one of them must wait until that file is ready, or the rebuild ends.
#[derive(Debug, Clone, Default)]
pub struct Pending {
    /// Variant folders (`zh-hans/`) any file of which may still change, but
    /// their organization pages when the flag says those are final (the
    /// frame of the pages did not change, so no other organization's page is
    /// rendered again).
    folders: Vec<(String, bool)>,
    /// Whether the root chooser, the root 404 page and the sitemap may change.
    shared: bool,
    /// Files already final: the edited organizations' pages.
    done: BTreeSet<String>,
}

impl Pending {
    /// The files already final: the edited organizations' pages.
    pub fn done(&self) -> impl Iterator<Item = &str> {
        self.done.iter().map(String::as_str)
    }

    /// Whether the file at `path` (relative to the site root) may still change.
    pub fn covers(&self, path: &str) -> bool {
        if self.done.contains(path) {
            return false;
        }
        if self.shared && ["index.html", "404.html", "sitemap.xml"].contains(&path) {
            return true;
        }
        self.folders.iter().any(|(folder, orgs_final)| {
            path.strip_prefix(folder.as_str())
                .is_some_and(|rest| !(*orgs_final && rest.starts_with("orgs/")))
        })
    }
}

/// What the last good build left.
struct Kept {
    config: SiteConfig,
    theme: Arc<Theme>,
    parsed: BTreeMap<PathBuf, ParsedFile>,
    pubs: Vec<Publication>,
    /// Per variant: what every page of it shows (see `render::base_fingerprint`).
    fingerprints: Vec<u64>,
    files: Files,
}

/// A site kept in memory between rebuilds.
pub struct Incremental {
    root: PathBuf,
    options: LoadOptions,
    kept: Option<Kept>,
}

impl Incremental {
    pub fn new(root: PathBuf, options: LoadOptions) -> Incremental {
        Incremental {
            root,
            options,
            kept: None,
        }
    }

    pub fn options(&self) -> &LoadOptions {
        &self.options
    }

    /// The whole site after `changed` (paths relative to the root; empty:
    /// everything may have changed). On error the kept state stays as it was.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<Files> {
        self.rebuild_with(changed, &Quiet)
    }

    /// `rebuild`, telling `progress` of the site as soon as the edited
    /// organizations' own pages are made, before the pages that list them
    /// (every file of it that `Pending` does not cover is already what the
    /// rebuild ends with), then of each other file as it is made. Not for
    /// rebuilds of everything, or when no organization's page was made.
    pub fn rebuild_with(&mut self, changed: &[PathBuf], progress: &dyn Progress) -> Result<Files> {
        let content_only = !changed.is_empty() && changed.iter().all(|p| p.starts_with("content"));
        let next = match (&self.kept, content_only) {
            (Some(kept), true) => self.content_rebuild(kept, changed, progress)?,
            _ => self.full()?,
        };
        let files = Arc::clone(&next.files);
        // Freeing the last state (tens of thousands of views, maps and
        // files) is no reason to keep the new files waiting.
        if let Some(last) = self.kept.replace(next) {
            std::thread::spawn(move || drop(last));
        }
        Ok(files)
    }

    fn full(&self) -> Result<Kept> {
        let config = crate::config::load(&self.root, self.options.base_url.as_deref())?;
        let parsed = content::parse_all(&self.root, &config)?;
        let source = content::assemble(&self.root, config.clone(), &parsed, &self.options)?;
        let theme = Arc::new(Theme::load(&self.root, &config)?);
        let pubs = crate::publish_all(&source, &theme)?;
        let outputs = render::render_site(&theme, &pubs)?;
        let fingerprints = pubs.iter().map(render::base_fingerprint).collect();
        let files = Arc::new(
            outputs
                .into_iter()
                .map(|o| (o.path, Bytes::from(o.bytes)))
                .collect(),
        );
        Ok(Kept {
            config,
            theme,
            parsed,
            pubs,
            fingerprints,
            files,
        })
    }

    fn content_rebuild(
        &self,
        kept: &Kept,
        changed: &[PathBuf],
        progress: &dyn Progress,
    ) -> Result<Kept> {
        let mut parsed = kept.parsed.clone();
        let mut slugs: BTreeSet<String> = BTreeSet::new();
        for path in changed {
            // The entry a path belonged to before the change, and after it.
            if let Some(Ok(p)) = parsed.get(path) {
                slugs.extend(org_slug(p));
            }
            match content::reparse(&self.root, &kept.config, path) {
                Some(p) => {
                    if let Ok(p) = &p {
                        slugs.extend(org_slug(p));
                    }
                    parsed.insert(path.clone(), p);
                }
                None => {
                    parsed.remove(path);
                }
            }
            // A folder renamed or removed takes its files with it.
            if !self.root.join(path).exists() {
                parsed.retain(|p, v| {
                    let gone = p.starts_with(path) && p != path;
                    if gone {
                        if let Ok(v) = v {
                            slugs.extend(org_slug(v));
                        }
                    }
                    !gone
                });
            }
        }
        let source = content::assemble(&self.root, kept.config.clone(), &parsed, &self.options)?;
        let pubs: Vec<Publication> = kept
            .pubs
            .par_iter()
            .enumerate()
            .map(|(i, old)| {
                let ui = kept
                    .theme
                    .ui(source.config.source, &source.config.variants[i])?;
                // The organizations no edit touched keep their converted
                // views: both lists are sorted by slug, one walk pairs them.
                let mut last = old.orgs.iter().peekable();
                let reuse: Vec<Option<Arc<OrgView>>> = source
                    .orgs
                    .iter()
                    .map(|e| {
                        while last.next_if(|o| o.slug < e.slug).is_some() {}
                        last.next_if(|o| o.slug == e.slug)
                            .filter(|_| !slugs.contains(&e.slug))
                            .map(Arc::clone)
                    })
                    .collect();
                crate::convert::publish::publish_with(&source, i, ui, &|at| reuse[at].clone())
            })
            .collect::<Result<_>>()?;
        let fingerprints: Vec<u64> = pubs.iter().map(render::base_fingerprint).collect();
        let orgs_only = !slugs.is_empty() && changed.iter().all(|p| p.starts_with("content/orgs"));
        let same_pages = |a: &Publication, b: &Publication| {
            a.orgs.len() == b.orgs.len()
                && a.orgs.iter().zip(&b.orgs).all(|(x, y)| x.slug == y.slug)
                && a.pages
                    .iter()
                    .map(|p| &p.slug)
                    .eq(b.pages.iter().map(|p| &p.slug))
        };
        let same_lists = kept.pubs.iter().zip(&pubs).all(|(a, b)| same_pages(a, b));
        // The root chooser, the 404 page and the sitemap show the frame of
        // every variant and the list of pages; the static files did not change.
        let same_shared = fingerprints == kept.fingerprints && same_lists;

        // First the edited organizations' own pages, in every variant: what
        // the editor looks at, given out before the rest is rendered.
        let own: Vec<Vec<render::Output>> = pubs
            .par_iter()
            .map(|p| render::render_org_pages(&kept.theme, p, &slugs))
            .collect::<Result<_>>()?;
        let mut files = BTreeMap::clone(&kept.files);
        if !same_lists {
            for p in &pubs {
                // Pages of organizations that are gone.
                let prefix = format!("{}/orgs/", p.variant.path);
                let live: BTreeSet<String> = p
                    .orgs
                    .iter()
                    .map(|o| format!("{}{}/index.html", prefix, o.slug))
                    .collect();
                files.retain(|k, _| !k.starts_with(&prefix) || live.contains(k));
            }
        }
        let mut done = BTreeSet::new();
        for o in own.into_iter().flatten() {
            done.insert(o.path.clone());
            files.insert(o.path, Bytes::from(o.bytes));
        }
        let early = !done.is_empty();
        if early {
            let pending = Pending {
                folders: pubs
                    .iter()
                    .zip(fingerprints.iter().zip(&kept.fingerprints))
                    .map(|(p, (new, old))| (format!("{}/", p.variant.path), new == old))
                    .collect(),
                shared: !same_shared,
                done,
            };
            let first = Arc::new(files);
            progress.first(Arc::clone(&first), &pending);
            files = BTreeMap::clone(&first);
        }

        // Then every page that shows them, and nothing that does not, each
        // given out as it is made.
        let made = std::sync::Mutex::new(Vec::new());
        let give = |o: render::Output| {
            let bytes = Bytes::from(o.bytes);
            if early {
                progress.ready(&o.path, &bytes);
            }
            made.lock()
                .unwrap_or_else(|p| p.into_inner())
                .push((o.path, bytes));
            Ok(())
        };
        pubs.par_iter().enumerate().try_for_each(|(i, p)| {
            // When the frame changed, every other organization's page too.
            let same_frame = fingerprints[i] == kept.fingerprints[i];
            let orgs = |s: &str| !same_frame && !slugs.contains(s);
            let keep = if same_frame && orgs_only && same_lists {
                unchanged_pages(&kept.pubs[i], p, &slugs)
            } else {
                BTreeSet::new()
            };
            let keep = |path: &str| keep.contains(path);
            render::render_variant_into(&kept.theme, p, &orgs, Some(&keep), &give)
        })?;
        if !same_shared {
            for o in render::render_shared_files(&kept.theme, &pubs)? {
                give(o)?;
            }
        }
        // The search index is always rewritten, and its number of files follows the text.
        files.retain(|k, _| !render::search::is_index_file(k));
        for (path, bytes) in made.into_inner().unwrap_or_else(|p| p.into_inner()) {
            files.insert(path, bytes);
        }
        let files = Arc::new(files);
        Ok(Kept {
            config: kept.config.clone(),
            theme: Arc::clone(&kept.theme),
            parsed,
            pubs,
            fingerprints,
            files,
        })
    }
}

/// After an edit of the organizations `slugs` that kept every page's frame and
/// the list of organizations and pages as they were, the pages of a variant
/// (paths inside its folder) that show nothing those organizations changed:
/// what each page shows of them is compared before and after.
fn unchanged_pages(
    old: &Publication,
    new: &Publication,
    slugs: &BTreeSet<String>,
) -> BTreeSet<String> {
    let find = |p: &Publication, slug: &str| {
        p.orgs
            .binary_search_by(|o| o.slug.as_str().cmp(slug))
            .ok()
            .map(|i| Arc::clone(&p.orgs[i]))
    };
    // Each edited organization before and after (absent: None).
    type Pair = (Option<Arc<OrgView>>, Option<Arc<OrgView>>);
    let pairs: Vec<Pair> = slugs.iter().map(|s| (find(old, s), find(new, s))).collect();
    fn json<T: serde::Serialize + ?Sized>(v: &T) -> String {
        serde_json::to_string(v).unwrap_or_default()
    }
    // Whether every edited organization shows the same through `view`.
    let same = |view: &dyn Fn(&Arc<OrgView>) -> String| {
        pairs
            .iter()
            .all(|(a, b)| a.as_ref().map(view) == b.as_ref().map(view))
    };
    let mut keep = BTreeSet::new();
    // The frame is the same: pages that show nothing else.
    keep.insert("activities/index.html".to_string());
    keep.insert("404.html".to_string());
    for pg in &new.pages {
        keep.insert(format!("pages/{}/index.html", pg.slug));
    }
    if json(&old.home) == json(&new.home) && same(&|o| json(&render::org_link(o))) {
        keep.insert("index.html".to_string());
    }
    let type_totals = |p: &Publication| {
        let t: Vec<_> = p
            .activity_types
            .iter()
            .map(|t| (&t.key, &t.name, &t.totals))
            .collect();
        json(&t)
    };
    let same_totals =
        json(&old.totals) == json(&new.totals) && type_totals(old) == type_totals(new);
    if same_totals && same(&|o| json(&(&o.slug, &o.name, &o.amount))) {
        keep.insert("stats/index.html".to_string());
    }
    if same_totals && same(&|o| render::data_entry(o).to_string()) {
        keep.insert("data.json".to_string());
    }
    for (ot, nt) in old.activity_types.iter().zip(&new.activity_types) {
        let head = |t: &crate::model::ActivityTypeView| {
            json(&(&t.key, &t.name, &t.description_html, &t.totals))
        };
        let entry = |o: &Arc<OrgView>| {
            let e = crate::model::TypeEntry {
                org: Arc::clone(o),
                kind: Arc::from(nt.key.as_str()),
            };
            if e.activities().next().is_some() {
                json(&e)
            } else {
                String::new()
            }
        };
        if ot.key == nt.key && head(ot) == head(nt) && same(&entry) {
            keep.insert(format!("activities/{}/index.html", nt.key));
        }
    }
    if old.updated == new.updated && same(&|o| json(&render::feed_org(o))) {
        keep.insert("atom.xml".to_string());
    }
    keep
}

/// The organization a parsed file is, or overrides.
fn org_slug(p: &Parsed) -> Option<String> {
    match p {
        Parsed::Org(e) | Parsed::Override(_, e) => Some(e.slug.clone()),
        _ => None,
    }
}
