//! Rebuilding after edits, for `serve --watch`: the same files a full build
//! makes, byte for byte, from as little work as the change needs.
//!
//! A rebuild runs the same stages as a build. Load re-reads only the changed
//! files ([`content::Loader`]); convert re-converts only the organizations
//! whose files or settings changed (the others keep their views, which carry
//! a digest of what they were made from); plan lists every file again, and
//! render makes only the files whose [digest](crate::plan::Plan::digests)
//! differs from the last build's. Nothing here knows which pages show what:
//! a new kind of page needs no change to this module.
//!
//! After an edit of entries, their own pages are rendered first and handed
//! out ([`Progress::first`]) with the exact list of files the rest will
//! rewrite ([`Pending`]), so the page an editor looks at need not wait for
//! the pages listing thousands of others.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use bytes::Bytes;

use crate::content::theme::ThemeSource;
use crate::content::{self, Inputs, LoadOptions};
use crate::diagnostic::Result;
use crate::model::Publication;
use crate::plan::{self, PagePath};
use crate::render::{self, Frames, Theme};

/// A site's files by path, shared by the last build and the server; `Bytes`
/// takes a rendered file without copying it and serves it the same way.
pub type Files = Arc<BTreeMap<String, Bytes>>;

/// What a rebuild after an edit of entries tells the server while it runs.
pub trait Progress: Sync {
    /// The site as soon as the edited organizations' own pages are made,
    /// with what the rest of the rebuild will still rewrite.
    fn first(&self, files: Files, pending: &Pending);
    /// One more file of the rest, final, as soon as it is made (only after
    /// `first`, from any thread).
    fn ready(&self, path: &str, bytes: &Bytes);
    /// Whether a newer edit is already waiting for its own rebuild. Asked
    /// after `first`, before each later file and while the search index is
    /// made (the slowest file, half a second at 10,000 organizations): once
    /// a newer edit waits, this rebuild makes nothing more and keeps the
    /// last bytes of what it did not make; the newer edit's rebuild makes
    /// them, so the editor's next page need not wait for files about to be
    /// replaced.
    fn superseded(&self) -> bool {
        false
    }
}

/// Progress nobody watches.
struct Quiet;

impl Progress for Quiet {
    fn first(&self, _: Files, _: &Pending) {}
    fn ready(&self, _: &str, _: &Bytes) {}
}

/// The files a rebuild will still rewrite after its first files: a request
/// for one of them must wait until that file is ready, or the rebuild ends.
#[derive(Debug, Clone, Default)]
pub struct Pending {
    /// Files already final: the edited organizations' pages.
    done: BTreeSet<String>,
    /// Files the rest of the rebuild makes; a path ending in `/` stands for
    /// every file in that folder (the search index).
    rest: BTreeSet<String>,
}

impl Pending {
    /// The files already final: the edited organizations' pages.
    pub fn done(&self) -> impl Iterator<Item = &str> {
        self.done.iter().map(String::as_str)
    }

    /// Whether the file at `path` (relative to the site root) may still change.
    pub fn covers(&self, path: &str) -> bool {
        use std::ops::Bound;
        self.rest.contains(path)
            || self
                .rest
                .range::<str, _>((Bound::Unbounded, Bound::Excluded(path)))
                .next_back()
                .is_some_and(|folder| folder.ends_with('/') && path.starts_with(folder.as_str()))
    }
}

/// What the last good build left.
struct Kept {
    theme_source: Arc<ThemeSource>,
    theme: Arc<Theme>,
    pubs: Vec<Publication>,
    /// Where each file goes and its digest, in the plan's order.
    digests: Vec<(PagePath, u64)>,
    files: Files,
}

/// A site kept in memory between rebuilds.
pub struct Incremental {
    loader: content::Loader,
    kept: Option<Kept>,
}

impl Incremental {
    pub fn new(root: PathBuf, options: LoadOptions) -> Incremental {
        Incremental {
            loader: content::Loader::new(root, options),
            kept: None,
        }
    }

    pub fn options(&self) -> &LoadOptions {
        self.loader.options()
    }

    /// Every file and folder the last rebuild read, or tried to: what to watch.
    pub fn inputs(&self) -> &Inputs {
        self.loader.inputs()
    }

    /// The whole site after `changed` (paths relative to the root; empty:
    /// everything may have changed). On error the kept state stays as it was.
    pub fn rebuild(&mut self, changed: &[PathBuf]) -> Result<Files> {
        self.rebuild_with(changed, &Quiet)
    }

    /// `rebuild`, telling `progress` of the site as soon as the edited
    /// organizations' own pages are made, before the pages that list them
    /// (every file of it that `Pending` does not cover is already what the
    /// rebuild ends with), then of each other file as it is made. Only for
    /// edits under content/ that changed an organization's page.
    pub fn rebuild_with(&mut self, changed: &[PathBuf], progress: &dyn Progress) -> Result<Files> {
        let whole = changed.is_empty() || self.kept.is_none();
        let source = self.loader.load((!whole).then_some(changed))?;
        let kept = self.kept.as_ref();
        let theme = match kept {
            Some(k) if Arc::ptr_eq(&k.theme_source, &source.theme) => Arc::clone(&k.theme),
            _ => Arc::new(Theme::compile(&source.theme)?),
        };
        let pubs = crate::convert::convert_reusing(&source, kept.map_or(&[], |k| &k.pubs[..]))?;
        let theme_source = Arc::clone(&source.theme);
        drop(source);
        let mut plan = plan::plan(&theme_source, &pubs);
        let digests = plan.digests(theme.digest);
        let (todo, gone) = compare(kept.map(|k| &k.digests[..]), &plan, &digests);
        let mut files = kept.map_or_else(BTreeMap::new, |k| BTreeMap::clone(&k.files));
        for path in gone {
            remove(&mut files, &path.file());
        }
        let frames = Frames::new(&plan);
        let collected: Mutex<Vec<render::Output>> = Mutex::new(Vec::new());
        let keep = |o: render::Output| {
            collected.lock().unwrap_or_else(|p| p.into_inner()).push(o);
            Ok(())
        };

        // First the edited organizations' own pages, in every variant: what
        // the editor looks at, given out before the rest is rendered.
        let content_only = !whole && changed.iter().all(|p| p.starts_with("content"));
        let (early, rest): (Vec<usize>, Vec<usize>) = todo
            .iter()
            .partition(|&&i| content_only && plan.specs[i].subject.is_some());
        let mut given_early = false;
        if !early.is_empty() {
            render::render(&theme, &plan, &frames, &early, &keep)?;
            let mut done = BTreeSet::new();
            for o in std::mem::take(&mut *collected.lock().unwrap_or_else(|p| p.into_inner())) {
                done.insert(o.path.clone());
                files.insert(o.path, Bytes::from(o.bytes));
            }
            let pending = Pending {
                done,
                rest: rest.iter().map(|&i| plan.specs[i].path.file()).collect(),
            };
            let first = Arc::new(files);
            progress.first(Arc::clone(&first), &pending);
            files = BTreeMap::clone(&first);
            given_early = true;
        }

        // Then every other file whose digest changed, each given out as it is
        // made, until a newer save waits for this rebuild: what is left is
        // left to that save's rebuild, which makes it whatever it changes,
        // instead of being made twice.
        let made: Mutex<Vec<(String, Bytes)>> = Mutex::new(Vec::new());
        let give = |o: render::Output| {
            let bytes = Bytes::from(o.bytes);
            if given_early {
                progress.ready(&o.path, &bytes);
            }
            made.lock()
                .unwrap_or_else(|p| p.into_inner())
                .push((o.path, bytes));
            Ok(())
        };
        let stop = || given_early && progress.superseded();
        let deferred: std::collections::HashSet<usize> =
            render::render_until(&theme, &plan, &frames, &rest, &give, &stop)?
                .into_iter()
                .collect();
        // A folder made again holds only what it holds now.
        for &i in todo.iter().filter(|i| !deferred.contains(i)) {
            let file = plan.specs[i].path.file();
            if file.ends_with('/') {
                remove(&mut files, &file);
            }
        }
        for (path, bytes) in made.into_inner().unwrap_or_else(|p| p.into_inner()) {
            files.insert(path, bytes);
        }
        // A deferred file keeps its last bytes and a digest no spec has
        // (the complement of its own): the next rebuild makes it again,
        // or removes it when the site no longer has it.
        let digests = std::mem::take(&mut plan.specs)
            .into_iter()
            .zip(digests)
            .enumerate()
            .map(|(i, (s, d))| (s.path, if deferred.contains(&i) { !d } else { d }))
            .collect();
        drop(plan);
        let next = Kept {
            theme_source,
            theme,
            pubs,
            digests,
            files: Arc::new(files),
        };
        let files = Arc::clone(&next.files);
        // Freeing the last state (tens of thousands of views, maps and
        // files) is no reason to keep the new files waiting.
        if let Some(last) = self.kept.replace(next) {
            std::thread::spawn(move || drop(last));
        }
        Ok(files)
    }
}

/// The specs of `plan` whose digest differs from the one `last` has for the
/// same path, or that `last` has not (every spec without a `last`), and the
/// paths of `last` the plan no longer has. A plan lists its files in a
/// stable order, so after an edit that adds or removes no file this is one
/// walk over both side by side.
fn compare<'l>(
    last: Option<&'l [(PagePath, u64)]>,
    plan: &plan::Plan<'_>,
    digests: &[u64],
) -> (Vec<usize>, Vec<&'l PagePath>) {
    let specs = &plan.specs;
    let Some(last) = last else {
        return ((0..specs.len()).collect(), Vec::new());
    };
    let aligned =
        last.len() == specs.len() && last.iter().zip(specs).all(|((p, _), s)| *p == s.path);
    if aligned {
        let todo = (0..specs.len())
            .filter(|&i| last[i].1 != digests[i])
            .collect();
        return (todo, Vec::new());
    }
    let by_path: HashMap<&PagePath, u64> = last.iter().map(|(p, d)| (p, *d)).collect();
    let todo = (0..specs.len())
        .filter(|&i| by_path.get(&specs[i].path) != Some(&digests[i]))
        .collect();
    let live: std::collections::HashSet<&PagePath> = specs.iter().map(|s| &s.path).collect();
    let gone = last
        .iter()
        .map(|(p, _)| p)
        .filter(|p| !live.contains(p))
        .collect();
    (todo, gone)
}

/// Removes the file at `path`, or every file in it when it is a folder (`…/`).
fn remove(files: &mut BTreeMap<String, Bytes>, path: &str) {
    if !path.ends_with('/') {
        files.remove(path);
        return;
    }
    let inside: Vec<String> = files
        .range::<str, _>((std::ops::Bound::Included(path), std::ops::Bound::Unbounded))
        .take_while(|(k, _)| k.starts_with(path))
        .map(|(k, _)| k.clone())
        .collect();
    for k in inside {
        files.remove(&k);
    }
}
