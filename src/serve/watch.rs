//! Watching the site's files and rebuilding: one rebuild at a time, each one
//! for every change that arrived while the previous one ran. Pages are told
//! to reload once the files they show are in place: after an edit of
//! entries, as soon as the entries' own pages are (a request for a file the
//! rebuild may still rewrite waits until that file is made); otherwise when
//! the new files are swapped in whole.

use std::collections::{BTreeSet, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc, OnceLock, RwLock};
use std::time::{Duration, Instant};

use notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};

use super::files::{SiteFiles, Unfinished};
use super::live::Message;
use super::Shared;
use crate::content::LoadOptions;
use crate::diagnostic::{Diagnostic, Error, Result};
use crate::incremental::{Files, Incremental, Pending, Progress};
use bytes::Bytes;

/// How long the watcher waits for a burst of writes to settle.
const DEBOUNCE: Duration = Duration::from_millis(30);

/// The folders whose files make the site, besides site.toml at the root.
const WATCHED: &[&str] = &["content", "themes", "templates", "static"];

/// Rebuilds the site into the shared state.
pub struct Rebuilder {
    root: PathBuf,
    build: Incremental,
}

/// What one rebuild did, for the terminal line.
pub struct Summary {
    pub rewritten: usize,
    pub removed: usize,
    pub elapsed: Duration,
    /// When the edited organizations' own pages were served, if before the end.
    pub first: Option<Duration>,
    pub generation: u64,
}

impl Rebuilder {
    pub fn new(root: PathBuf, load: LoadOptions) -> Rebuilder {
        Rebuilder {
            build: Incremental::new(root.clone(), load),
            root,
        }
    }

    /// The URL path the site is served at: base_url's path, `/` when unreadable.
    pub fn base_path(&self) -> String {
        crate::config::load(&self.root, self.build.options().base_url.as_deref())
            .map_or_else(|_| "/".to_string(), |c| c.base_path())
    }

    /// Rebuilds after `changed` (paths relative to the root; empty: everything)
    /// and publishes the outcome. The last good site stays served on failure.
    pub fn rebuild(
        &mut self,
        shared: &Shared,
        changed: &[PathBuf],
    ) -> std::result::Result<Summary, Error> {
        let before = shared.current();
        let publish = Publish {
            shared,
            before: &before,
            started: Instant::now(),
            first: OnceLock::new(),
            ready: Arc::default(),
            progress: tokio::sync::watch::Sender::new(0),
        };
        let result = self.build.rebuild_with(changed, &publish);
        let first = publish.first.get().copied();
        let files = match result {
            Ok(files) => files,
            Err(e) => {
                let generation = before.generation + 2;
                if first.is_some() {
                    // The first files came from a build that failed after
                    // all: back to the last good site, which pages reload.
                    publish.set(SiteFiles {
                        files: before.files.clone(),
                        generation,
                        unfinished: None,
                    });
                }
                publish.progress.send_modify(|n| *n += 1);
                publish.set_errors(Some(e.diagnostics()));
                let _ = shared.events.send(Message::Failed(e.diagnostics()));
                if first.is_some() {
                    let _ = shared.events.send(Message::Reload(generation));
                }
                return Err(e);
            }
        };
        let mut generation = before.generation;
        let (rewritten, removed) = if first.is_some() {
            // The pages were told to reload with the first files; the rest
            // was served as it came, to requests that waited for it. What
            // changed is counted for the terminal after that.
            generation += 1;
            publish.set(SiteFiles {
                files: Arc::clone(&files),
                generation,
                unfinished: None,
            });
            publish.progress.send_modify(|n| *n += 1);
            changes(&before.files, &files)
        } else {
            let (rewritten, removed) = changes(&before.files, &files);
            let was_failing = publish.set_errors(None).is_some();
            if rewritten + removed > 0 || before.files.is_empty() {
                generation += 1;
                publish.set(SiteFiles {
                    files,
                    generation,
                    unfinished: None,
                });
            }
            if rewritten + removed > 0 || was_failing {
                let _ = shared.events.send(Message::Reload(generation));
            }
            (rewritten, removed)
        };
        Ok(Summary {
            rewritten,
            removed,
            elapsed: publish.started.elapsed(),
            first,
            generation,
        })
    }
}

/// One rebuild's files, handed to the server as they come.
struct Publish<'a> {
    shared: &'a Shared,
    /// The site served when the rebuild began.
    before: &'a SiteFiles,
    started: Instant,
    /// When the edited organizations' pages were served, before the rest.
    first: OnceLock<Duration>,
    /// The files of the rest made so far.
    ready: Arc<RwLock<HashMap<String, Bytes>>>,
    /// Counts what requests waiting for a file may want to know: each file
    /// made, and the end.
    progress: tokio::sync::watch::Sender<u64>,
}

impl Publish<'_> {
    fn set(&self, site: SiteFiles) {
        *self.shared.site.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(site);
    }

    fn set_errors(&self, errors: Option<Vec<Diagnostic>>) -> Option<Vec<Diagnostic>> {
        std::mem::replace(
            &mut *self
                .shared
                .errors
                .write()
                .unwrap_or_else(|p| p.into_inner()),
            errors,
        )
    }
}

impl Progress for Publish<'_> {
    fn first(&self, files: Files, pending: &Pending) {
        if pending
            .done()
            .all(|p| self.before.files.get(p) == files.get(p))
        {
            // Nothing the editor sees changed yet: the rest comes whole.
            return;
        }
        // This edit builds (only templates can still fail): the overlay of
        // an earlier failure goes with this reload.
        self.set_errors(None);
        let generation = self.before.generation + 1;
        self.set(SiteFiles {
            files,
            generation,
            unfinished: Some(Unfinished {
                pending: pending.clone(),
                ready: Arc::clone(&self.ready),
                progress: self.progress.subscribe(),
            }),
        });
        let _ = self.shared.events.send(Message::Reload(generation));
        let _ = self.first.set(self.started.elapsed());
    }

    fn ready(&self, path: &str, bytes: &Bytes) {
        if self.first.get().is_none() {
            return;
        }
        self.ready
            .write()
            .unwrap_or_else(|p| p.into_inner())
            .insert(path.to_string(), bytes.clone());
        self.progress.send_modify(|n| *n += 1);
    }
}

/// How many files of `new` are new or changed, and how many of `old` are gone:
/// one walk over both sorted maps. Files kept from the last build share their
/// bytes, so most compare by pointer.
fn changes(old: &crate::incremental::Files, new: &crate::incremental::Files) -> (usize, usize) {
    use std::cmp::Ordering;
    let (mut rewritten, mut removed) = (0, 0);
    let (mut a, mut b) = (old.iter().peekable(), new.iter().peekable());
    loop {
        match (a.peek(), b.peek()) {
            (None, None) => return (rewritten, removed),
            (Some(_), None) => {
                removed += 1;
                a.next();
            }
            (None, Some(_)) => {
                rewritten += 1;
                b.next();
            }
            (Some((ka, va)), Some((kb, vb))) => match ka.cmp(kb) {
                Ordering::Less => {
                    removed += 1;
                    a.next();
                }
                Ordering::Greater => {
                    rewritten += 1;
                    b.next();
                }
                Ordering::Equal => {
                    let same = (va.as_ptr(), va.len()) == (vb.as_ptr(), vb.len()) || va == vb;
                    rewritten += usize::from(!same);
                    a.next();
                    b.next();
                }
            },
        }
    }
}

/// The terminal report of a failed build.
pub fn failure_report(e: &Error) -> String {
    let mut s = String::new();
    for d in e.diagnostics() {
        s.push_str(&d.render(std::io::IsTerminal::is_terminal(&std::io::stderr())));
        s.push_str("\n\n");
    }
    s.push_str("zhpress: the build failed; still serving the last good site");
    s
}

/// The running watcher; watching stops when it is dropped.
pub type Watcher = Arc<std::sync::Mutex<Debouncer<notify::RecommendedWatcher, RecommendedCache>>>;

/// Starts watching; the returned watcher must be kept alive.
pub fn start(mut rebuilder: Rebuilder, shared: Arc<Shared>) -> Result<Watcher> {
    let root = rebuilder.root.clone();
    let canonical = root.canonicalize().map_err(|e| Error::io(&root, e))?;
    let (tx, rx) = mpsc::channel::<Vec<PathBuf>>();
    let base = canonical.clone();
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        let Ok(events) = result else { return };
        if std::env::var_os("ZHPRESS_DEBUG_WATCH").is_some() {
            for e in &events {
                eprintln!("watch: {:?} {:?}", e.event.kind, e.event.paths);
            }
        }
        let paths: BTreeSet<PathBuf> = events
            .iter()
            .filter(|e| changes_content(&e.event.kind))
            .flat_map(|e| e.event.paths.iter())
            .filter_map(|p| p.strip_prefix(&base).ok().map(Path::to_path_buf))
            .filter(|p| relevant(p))
            .collect();
        if !paths.is_empty() {
            let _ = tx.send(paths.into_iter().collect());
        }
    })
    .map_err(|e| {
        Error::one(Diagnostic::file(
            &root,
            format!("cannot watch the site: {}", e),
        ))
    })?;
    let mut watched = BTreeSet::new();
    watch_folders(&mut debouncer, &canonical, &mut watched)?;
    let debouncer: Watcher = Arc::new(std::sync::Mutex::new(debouncer));
    let handle = debouncer.clone();
    std::thread::spawn(move || {
        while let Ok(mut changed) = rx.recv() {
            // Everything that arrived meanwhile goes into this one rebuild.
            while let Ok(more) = rx.try_recv() {
                changed.extend(more);
            }
            changed.sort();
            changed.dedup();
            let what = describe(&changed);
            match rebuilder.rebuild(&shared, &changed) {
                // A closed terminal must not stop the rebuilds: write errors are ignored.
                Ok(s) => drop(writeln!(
                    std::io::stdout(),
                    "zhpress: {} → {} file(s) rewritten{} in {} ms{}",
                    what,
                    s.rewritten,
                    if s.removed > 0 {
                        format!(", {} removed", s.removed)
                    } else {
                        String::new()
                    },
                    s.elapsed.as_millis(),
                    s.first.map_or_else(String::new, |t| format!(
                        " (its own pages served after {} ms)",
                        t.as_millis()
                    ))
                )),
                Err(e) => drop(writeln!(
                    std::io::stderr(),
                    "zhpress: {} →\n{}",
                    what,
                    failure_report(&e)
                )),
            }
            // A folder created since (templates/, static/) is watched from now on.
            if let Ok(mut d) = handle.lock() {
                let _ = watch_folders(&mut d, &canonical, &mut watched);
            }
        }
    });
    Ok(debouncer)
}

fn watch_folders(
    d: &mut Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    root: &Path,
    watched: &mut BTreeSet<PathBuf>,
) -> Result<()> {
    if watched.insert(root.to_path_buf()) {
        d.watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| Error::one(Diagnostic::file(root, format!("cannot watch: {}", e))))?;
    }
    for f in WATCHED {
        let p = root.join(f);
        if p.is_dir() && watched.insert(p.clone()) {
            d.watch(&p, RecursiveMode::Recursive)
                .map_err(|e| Error::one(Diagnostic::file(&p, format!("cannot watch: {}", e))))?;
        }
    }
    Ok(())
}

/// Writes, creations, removals and renames; not reads (a rebuild reads every
/// file, and must not set off the next one) nor access times.
fn changes_content(kind: &notify::EventKind) -> bool {
    use notify::event::{MetadataKind, ModifyKind};
    use notify::EventKind;
    match kind {
        EventKind::Create(_) | EventKind::Remove(_) => true,
        EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        EventKind::Modify(_) => true,
        EventKind::Access(notify::event::AccessKind::Close(notify::event::AccessMode::Write)) => {
            true
        }
        _ => false,
    }
}

/// Changes that can affect the site: its folders and root files, not output/,
/// editor backups or hidden files.
fn relevant(rel: &Path) -> bool {
    let first = rel
        .components()
        .next()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = rel
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let hidden = name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
        || name == "4913";
    !hidden
        && (WATCHED.contains(&first.as_str())
            || (rel.components().count() == 1 && (name.ends_with(".toml"))))
}

fn describe(changed: &[PathBuf]) -> String {
    match changed {
        [] => "rebuilt".to_string(),
        [one] => format!("{} changed", one.display()),
        [one, rest @ ..] => format!("{} and {} more changed", one.display(), rest.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relevance() {
        assert!(relevant(Path::new("content/orgs/a.md")));
        assert!(relevant(Path::new("site.toml")));
        assert!(relevant(Path::new("glossary.toml")));
        assert!(relevant(Path::new("themes/default/templates/org.html")));
        assert!(!relevant(Path::new("output/zh-hant/index.html")));
        assert!(!relevant(Path::new("content/orgs/.a.md.swp")));
        assert!(!relevant(Path::new("content/orgs/a.md~")));
        assert!(!relevant(Path::new("README.md")));
    }
}
