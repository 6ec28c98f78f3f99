//! zhpress: one Chinese source, a static site in every script.
//!
//! The build is a pipeline of stages, each a function of the previous value:
//!
//! ```text
//! site on disk ──load──▶ Source ──convert──▶ Publication per variant ──plan──▶ PageSpecs ──render──▶ files ──write──▶ output/
//! ```
//!
//! [`build`] reads as those lines. `serve --watch` ([`incremental`]) runs the
//! same stages after every edit, re-reading only the changed files and
//! rendering only the specs whose digest changed.

// Diagnostics are large on purpose (file, span, field, hint) and only travel
// on the error path, where their size costs nothing that matters.
#![allow(clippy::result_large_err)]

pub mod content;
pub mod convert;
pub mod diagnostic;
pub mod digest;
#[doc(hidden)]
pub mod fuzzing;
pub mod i18n;
pub mod incremental;
pub mod links;
pub mod lint;
pub mod model;
pub mod opencc;
pub mod plan;
pub mod render;
pub mod serve;
pub mod text;
pub mod write;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub use diagnostic::{Diagnostic, Error, Result};
use render::{Output, Theme};

/// What `build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    pub load: content::LoadOptions,
    /// Defaults to `<root>/output`.
    pub output: Option<PathBuf>,
    /// Build into a folder zhpress did not make, replacing what the site makes there.
    pub force: bool,
    /// Refuse to build a source with lint findings (script or punctuation
    /// slips), reporting each as `check` does.
    pub strict: bool,
}

/// What a build made, for the summary line.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// (variant path, HTML pages written).
    pub pages: Vec<(String, usize)>,
    pub files: usize,
    /// Files whose bytes changed (the rest were kept from the last build).
    pub written: usize,
    pub timings: Timings,
    /// What the editor should know that is not an error (a shallow clone).
    pub notes: Vec<String>,
    /// The lint's findings in one line, when there are any.
    pub lint: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Timings {
    pub load: Duration,
    pub convert: Duration,
    /// Rendering, with the files written as they come.
    pub render: Duration,
    /// Swapping the new site in and removing the old one.
    pub write: Duration,
    /// Time in file writes during `render`, summed over threads.
    pub writing: Duration,
}

impl Timings {
    pub fn total(&self) -> Duration {
        self.load + self.convert + self.render + self.write
    }
}

/// Runs `stage`, adding the time it took to `into`.
fn timed<T>(into: &mut Duration, stage: impl FnOnce() -> T) -> T {
    let t = Instant::now();
    let out = stage();
    *into += t.elapsed();
    out
}

/// load → convert → plan → render: the whole site in memory, nothing written.
pub fn make_site(
    root: &Path,
    options: &content::LoadOptions,
    timings: &mut Timings,
) -> Result<Vec<Output>> {
    let source = timed(&mut timings.load, || content::load(root, options))?;
    make_site_from(&source, timings)
}

/// convert → plan → render for a Source already loaded (`check` lints the same one).
pub fn make_site_from(source: &content::Source, timings: &mut Timings) -> Result<Vec<Output>> {
    let theme = timed(&mut timings.load, || Theme::compile(&source.theme))?;
    let pubs = timed(&mut timings.convert, || convert::convert(source))?;
    let plan = plan::plan(&source.theme, &pubs);
    timed(&mut timings.render, || {
        render::collect(|sink| render::render_all(&theme, &plan, sink))
    })
}

/// `zhpress build`: the site in `root` into its output folder.
///
/// Render and write overlap: each file goes to disk as soon as it is
/// rendered, so the site is never held in memory whole.
pub fn build(root: &Path, options: &BuildOptions) -> Result<BuildReport> {
    let mut timings = Timings::default();
    let out_dir = options
        .output
        .clone()
        .unwrap_or_else(|| root.join("output"));
    // Before anything is read: an output that must not be replaced is a usage error.
    let target = write::Target::check(root, &out_dir, options.force)?;
    let source = timed(&mut timings.load, || content::load(root, &options.load))?;
    let theme = timed(&mut timings.load, || Theme::compile(&source.theme))?;
    // The lint beside conversion: the build tells the truth about the source.
    let (pubs, findings) = std::thread::scope(|scope| {
        let lint = scope.spawn(|| lint::lint(&source));
        let pubs = timed(&mut timings.convert, || convert::convert(&source));
        let findings = lint.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
        (pubs, findings)
    });
    let (pubs, findings) = (pubs?, findings?);
    if options.strict && !findings.is_empty() {
        return Err(Error::Content(lint::diagnostics(&source, &findings)?));
    }
    let lint_summary = lint::summary(&source, &findings)?;
    drop(findings);
    let statics = std::sync::Arc::clone(&source.theme);
    let notes = source.notes.clone();
    // The entries are not needed past conversion: a large site's peak memory.
    drop(source);
    let plan = plan::plan(&statics, &pubs);
    let writer = write::SiteWriter::begin(&target)?;
    let pages = PageCounter::new(&pubs);
    timed(&mut timings.render, || {
        render::render_all(&theme, &plan, &|file| {
            pages.count(&file.path);
            writer.put(&file)
        })
    })?;
    drop(plan);
    // The model is freed by a thread the build does not wait for: at
    // 10,000 organizations that is 50 ms, and a process that exits after
    // the build need not spend them.
    std::thread::spawn(move || drop(pubs));
    let t = Instant::now();
    let stats = writer.finish()?;
    timings.write = t.elapsed();
    timings.writing = stats.busy;
    Ok(BuildReport {
        pages: pages.into_counts(),
        files: stats.files,
        written: stats.written,
        timings,
        notes,
        lint: lint_summary,
    })
}

/// HTML pages per variant, for the summary line.
struct PageCounter(Vec<(String, AtomicUsize)>);

impl PageCounter {
    fn new(pubs: &[model::Publication]) -> PageCounter {
        PageCounter(
            pubs.iter()
                .map(|p| (p.variant.path.clone(), AtomicUsize::new(0)))
                .collect(),
        )
    }

    fn count(&self, path: &str) {
        if let Some((dir, _)) = path.split_once('/') {
            if let Some((_, n)) = self.0.iter().find(|(d, _)| d == dir) {
                n.fetch_add(path.ends_with(".html") as usize, Ordering::Relaxed);
            }
        }
    }

    fn into_counts(self) -> Vec<(String, usize)> {
        self.0
            .into_iter()
            .map(|(d, n)| (d, n.into_inner()))
            .collect()
    }
}
