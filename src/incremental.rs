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
    /// once, after `first` and the rest but before the search index, the
    /// slowest file to make (a quarter of a second at 10,000 organizations,
    /// seconds at 50,000): when a newer edit waits, that rebuild makes the
    /// index instead, and this one keeps the last index, so the editor's
    /// next page need not wait for an index about to be replaced.
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
    /// Each file's digest, by where it goes.
    digests: HashMap<PagePath, u64>,
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
        let plan = plan::plan(&theme_source, &pubs);
        let digests = plan.digests(theme.digest);
        let last = kept.map(|k| &k.digests);
        // The specs whose files differ from the last build's, or are new.
        let todo: Vec<usize> = (0..plan.specs.len())
            .filter(|&i| last.and_then(|d| d.get(&plan.specs[i].path)) != Some(&digests[i]))
            .collect();
        let mut files = kept.map_or_else(BTreeMap::new, |k| BTreeMap::clone(&k.files));
        if let Some(last) = last {
            let live: std::collections::HashSet<&PagePath> =
                plan.specs.iter().map(|s| &s.path).collect();
            for gone in last.keys().filter(|p| !live.contains(p)) {
                remove(&mut files, &gone.file());
            }
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

        // The search index last, and only when no newer edit waits for it.
        let (rest, index): (Vec<usize>, Vec<usize>) = rest
            .into_iter()
            .partition(|&i| !matches!(plan.specs[i].make, plan::Make::SearchIndex(_)));

        // Then every other file whose digest changed, each given out as it is made.
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
        // In parts, so that a newer save waiting for this rebuild stops it
        // here: the rest is left to that save's rebuild, which makes it
        // whatever it changes, instead of being made twice.
        let mut deferred: std::collections::HashSet<usize> = Default::default();
        for part in rest.chunks(REST_PART) {
            if given_early && progress.superseded() {
                deferred.extend(part);
            } else {
                render::render(&theme, &plan, &frames, part, &give)?;
            }
        }
        if given_early && !index.is_empty() && (!deferred.is_empty() || progress.superseded()) {
            deferred.extend(index);
        } else {
            render::render(&theme, &plan, &frames, &index, &give)?;
        }
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
        let digests = plan
            .specs
            .iter()
            .zip(digests)
            .enumerate()
            .map(|(i, (s, d))| (s.path.clone(), if deferred.contains(&i) { !d } else { d }))
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

/// How many of a rebuild's later files are made between two looks for a
/// newer save: small enough that a save waits at most some tens of
/// milliseconds for the part in hand, large enough to keep both cores busy.
const REST_PART: usize = 64;

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
