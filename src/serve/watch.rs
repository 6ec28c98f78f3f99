//! Watching the site's files and rebuilding: one rebuild at a time, each one
//! for every change that arrived while the previous one ran. Pages are told
//! to reload once the files they show are in place: after an edit of
//! entries, as soon as the entries' own pages are (a request for a file the
//! rebuild may still rewrite waits until that file is made); otherwise when
//! the new files are swapped in whole.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::sync::{mpsc, Arc, OnceLock, RwLock};
use std::time::{Duration, Instant};

use notify::RecursiveMode;
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};

use super::files::{SiteFiles, Unfinished};
use super::live::Message;
use super::Shared;
use crate::content::{Inputs, LoadOptions};
use crate::diagnostic::{Diagnostic, Error, Result};
use crate::incremental::{Files, Incremental, Pending, Progress};
use bytes::Bytes;

/// How long the watcher waits for a burst of writes to settle.
const DEBOUNCE: Duration = Duration::from_millis(30);

/// Rebuilds the site into the shared state.
pub struct Rebuilder {
    root: PathBuf,
    build: Incremental,
    /// The last site a rebuild finished, while the one served is not: a
    /// rebuild a newer save superseded served its first files and left the
    /// rest to the next one. A failure goes back to this.
    finished: Option<Arc<SiteFiles>>,
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
            finished: None,
        }
    }

    /// The URL path the site is served at: base_url's path, `/` when unreadable.
    pub fn base_path(&self) -> String {
        let mut unused = crate::content::Inputs::default();
        let base_url = self.build.options().base_url.as_deref();
        crate::content::config::load(&self.root, base_url, &mut unused)
            .map_or_else(|_| "/".to_string(), |c| c.base_path())
    }

    /// What the last rebuild read, or tried to: exactly what is watched.
    pub fn inputs(&self) -> Inputs {
        self.build.inputs().clone()
    }

    /// Rebuilds after `changed` (paths relative to the root; empty: everything)
    /// and publishes the outcome. The last good site stays served on failure.
    pub fn rebuild(
        &mut self,
        shared: &Shared,
        changed: &[PathBuf],
    ) -> std::result::Result<Summary, Error> {
        let before = shared.current();
        let finished = self.finished.take();
        let publish = Publish {
            shared,
            before: &before,
            started: Instant::now(),
            first: OnceLock::new(),
            ready: Arc::default(),
            progress: tokio::sync::watch::Sender::new(0),
            gave_up: Default::default(),
        };
        let result = self.build.rebuild_with(changed, &publish);
        let first = publish.first.get().copied();
        let files = match result {
            Ok(files) => files,
            Err(e) => {
                let generation = before.generation + 2;
                // Served in part: the first files of this build, or what a
                // superseded one left for this one to finish.
                let partial = first.is_some() || finished.is_some();
                if partial {
                    // Back to the last site a build finished, which pages reload.
                    let good = finished.as_deref().unwrap_or(&before);
                    publish.set(SiteFiles {
                        files: good.files.clone(),
                        generation,
                        unfinished: None,
                    });
                }
                publish.progress.send_modify(|n| *n += 1);
                publish.set_errors(Some(e.diagnostics()));
                let _ = shared.events.send(Message::Failed(e.diagnostics()));
                if partial {
                    let _ = shared.events.send(Message::Reload(generation));
                }
                return Err(e);
            }
        };
        // Left for a newer save's rebuild to finish: until one does, a
        // failure goes back to the last finished site.
        if publish.gave_up.load(Ordering::Acquire) {
            self.finished = Some(finished.unwrap_or_else(|| Arc::clone(&before)));
        }
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
    /// Whether it stopped for a newer save, leaving files to its rebuild.
    gave_up: std::sync::atomic::AtomicBool,
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

    fn superseded(&self) -> bool {
        let newer = self.shared.newer_edit.load(Ordering::Acquire);
        if newer {
            self.gave_up.store(true, Ordering::Release);
        }
        newer
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
    s.push_str(&crate::t!("serve-build-failed"));
    s
}

/// The running watcher; watching stops when it is dropped.
pub type Watcher = Arc<std::sync::Mutex<Debouncer<notify::RecommendedWatcher, RecommendedCache>>>;

/// Starts watching; the returned watcher must be kept alive. What is
/// watched is what the last rebuild read ([`Inputs`]), updated after every
/// rebuild: a folder deleted and made again (a branch switch), or one that
/// appears (templates/), is watched from the rebuild its change set off.
pub fn start(mut rebuilder: Rebuilder, shared: Arc<Shared>) -> Result<Watcher> {
    let root = rebuilder.root.clone();
    let canonical = root.canonicalize().map_err(|e| Error::io(&root, e))?;
    let (tx, rx) = mpsc::channel::<Vec<PathBuf>>();
    let base = canonical.clone();
    let newer = Arc::clone(&shared);
    let inputs = Arc::new(RwLock::new(rebuilder.inputs()));
    let watched_inputs = Arc::clone(&inputs);
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        let Ok(events) = result else { return };
        if std::env::var_os("ZHPRESS_DEBUG_WATCH").is_some() {
            for e in &events {
                eprintln!("watch: {:?} {:?}", e.event.kind, e.event.paths);
            }
        }
        let inputs = watched_inputs.read().unwrap_or_else(|p| p.into_inner());
        let paths: BTreeSet<PathBuf> = events
            .iter()
            .filter(|e| changes_content(&e.event.kind))
            .flat_map(|e| e.event.paths.iter())
            .filter_map(|p| p.strip_prefix(&base).ok().map(Path::to_path_buf))
            .filter(|p| inputs.covers(p))
            .collect();
        if !paths.is_empty() {
            newer.newer_edit.store(true, Ordering::Release);
            let _ = tx.send(paths.into_iter().collect());
        }
    })
    .map_err(|e| {
        Error::one(Diagnostic::file(
            &root,
            crate::t!("serve-cannot-watch-site", error = e.to_string()),
        ))
    })?;
    let mut watched = Watches::default();
    watched.update(&mut debouncer, &canonical, &rebuilder.inputs())?;
    let debouncer: Watcher = Arc::new(std::sync::Mutex::new(debouncer));
    let handle = debouncer.clone();
    std::thread::spawn(move || {
        while let Ok(mut changed) = rx.recv() {
            // Everything that arrived meanwhile goes into this one rebuild
            // (cleared first: a change sent after this is a newer edit).
            shared.newer_edit.store(false, Ordering::Release);
            while let Ok(more) = rx.try_recv() {
                changed.extend(more);
            }
            changed.sort();
            changed.dedup();
            let what = describe(&changed);
            match rebuilder.rebuild(&shared, &changed) {
                // A closed terminal must not stop the rebuilds: write errors are ignored.
                Ok(s) => {
                    let removed = if s.removed > 0 {
                        crate::t!("serve-rebuilt-removed", count = s.removed)
                    } else {
                        String::new()
                    };
                    let first = s.first.map_or_else(String::new, |t| {
                        crate::t!("serve-rebuilt-first", ms = t.as_millis() as u64)
                    });
                    let line = crate::t!(
                        "serve-rebuilt",
                        what = &what,
                        rewritten = s.rewritten,
                        removed = removed,
                        ms = s.elapsed.as_millis() as u64,
                        first = first
                    );
                    drop(writeln!(std::io::stdout(), "{line}"))
                }
                Err(e) => drop(writeln!(
                    std::io::stderr(),
                    "zhpress: {} →\n{}",
                    what,
                    failure_report(&e)
                )),
            }
            let now = rebuilder.inputs();
            if let Ok(mut d) = handle.lock() {
                if let Err(e) = watched.update(&mut d, &canonical, &now) {
                    eprintln!("zhpress: {}", failure_report(&e));
                }
            }
            *inputs.write().unwrap_or_else(|p| p.into_inner()) = now;
        }
    });
    Ok(debouncer)
}

/// The folders being watched: (path, recursive) → the folder's inode when
/// the watch was set, so a folder removed and made again is watched again.
#[derive(Default)]
struct Watches(BTreeMap<(PathBuf, bool), u64>);

impl Watches {
    /// Watches what `inputs` need and nothing else: each tree recursively,
    /// the folder of each single file, and the nearest existing folder of
    /// each absent path (to see it appear).
    fn update(
        &mut self,
        d: &mut Debouncer<notify::RecommendedWatcher, RecommendedCache>,
        root: &Path,
        inputs: &Inputs,
    ) -> Result<()> {
        let mut want: BTreeMap<(PathBuf, bool), u64> = BTreeMap::new();
        let mut add = |path: PathBuf, recursive: bool| {
            if let Some(ino) = inode(&path) {
                want.insert((path, recursive), ino);
            }
        };
        add(root.to_path_buf(), false);
        for t in &inputs.trees {
            add(root.join(t), true);
        }
        for f in &inputs.files {
            if let Some(parent) = root.join(f).parent() {
                add(parent.to_path_buf(), false);
            }
        }
        for a in &inputs.absent {
            let mut p = root.join(a);
            while inode(&p).is_none() && p.pop() && p.starts_with(root) {}
            add(p, false);
        }
        // One inotify watch per folder: a folder inside a recursive watch is
        // watched by it already (watching it again would replace that watch,
        // and unwatching it later would end it).
        let trees: Vec<PathBuf> = want
            .keys()
            .filter(|(_, recursive)| *recursive)
            .map(|(p, _)| p.clone())
            .collect();
        want.retain(|(p, recursive), _| {
            !trees
                .iter()
                .any(|t| p.starts_with(t) && (!*recursive || p != t))
        });
        for (key, ino) in &self.0 {
            if want.get(key) != Some(ino) {
                let _ = d.unwatch(&key.0);
            }
        }
        for (key, ino) in &want {
            if self.0.get(key) != Some(ino) {
                let mode = if key.1 {
                    RecursiveMode::Recursive
                } else {
                    RecursiveMode::NonRecursive
                };
                d.watch(&key.0, mode).map_err(|e| {
                    Error::one(Diagnostic::file(
                        &key.0,
                        crate::t!("serve-cannot-watch", error = e.to_string()),
                    ))
                })?;
            }
        }
        self.0 = want;
        Ok(())
    }
}

/// A folder's inode, `None` when it is not a folder.
fn inode(path: &Path) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(path)
        .ok()
        .filter(|m| m.is_dir())
        .map(|m| m.ino())
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

fn describe(changed: &[PathBuf]) -> String {
    match changed {
        [] => crate::t!("serve-changed-none"),
        [one] => crate::t!("serve-changed-one", path = one),
        [one, rest @ ..] => crate::t!("serve-changed-many", path = one, more = rest.len()),
    }
}
