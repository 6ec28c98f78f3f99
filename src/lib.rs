//! zhpress: one Chinese source, a static site in every script.
//!
//! The build is a pipeline of stages, each a function of the previous value:
//!
//! ```text
//! site on disk ──load──▶ Source ──convert──▶ Publication per variant ──render──▶ Output files ──write──▶ output/
//! ```

// Diagnostics are large on purpose (file, span, field, hint) and only travel
// on the error path, where their size costs nothing that matters.
#![allow(clippy::result_large_err)]

pub mod config;
pub mod content;
pub mod convert;
pub mod diagnostic;
#[doc(hidden)]
pub mod fuzzing;
pub mod incremental;
pub mod links;
pub mod lint;
pub mod model;
pub mod render;
pub mod serve;
pub mod write;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;

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

/// load → convert → render: the whole site in memory, nothing written.
pub fn make_site(
    root: &Path,
    options: &content::LoadOptions,
    timings: &mut Timings,
) -> Result<Vec<Output>> {
    let t = Instant::now();
    let source = content::load(root, options)?;
    timings.load = t.elapsed();
    make_site_from(root, &source, timings)
}

/// convert → render for a Source already loaded (`check` lints the same one).
pub fn make_site_from(
    root: &Path,
    source: &content::Source,
    timings: &mut Timings,
) -> Result<Vec<Output>> {
    // A Source is shared data (Arc'd entries): the copy is shallow.
    render::collect(|sink| convert_and_render(root, source.clone(), timings, sink))
}

/// convert → render: each file of the site given to `sink` as it is made.
/// The Source is dropped as soon as it is converted, which matters to the
/// peak memory of a large build.
fn convert_and_render(
    root: &Path,
    source: content::Source,
    timings: &mut Timings,
    sink: &render::Sink<'_>,
) -> Result<()> {
    let t = Instant::now();
    let theme = Theme::load(root, &source.config)?;
    timings.load += t.elapsed();
    let t = Instant::now();
    let pubs = publish_all(&source, &theme)?;
    drop(source);
    timings.convert = t.elapsed();
    let t = Instant::now();
    render::render_site_into(&theme, &pubs, sink)?;
    timings.render = t.elapsed();
    Ok(())
}

/// Every variant's Publication, converted in parallel.
pub fn publish_all(source: &content::Source, theme: &Theme) -> Result<Vec<model::Publication>> {
    let results: Vec<Result<model::Publication>> = (0..source.config.variants.len())
        .into_par_iter()
        .map(|i| {
            let ui = theme.ui(source.config.source, &source.config.variants[i])?;
            convert::publish::publish(source, i, ui)
        })
        .collect();
    let mut pubs = Vec::new();
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(p) => pubs.push(p),
            // Each variant reports the same markup errors: keep one copy.
            Err(e) => {
                for d in e.diagnostics() {
                    if !errors.iter().any(|x: &Diagnostic| {
                        x.location() == d.location() && x.message == d.message
                    }) {
                        errors.push(d);
                    }
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(pubs)
    } else {
        Err(Error::Content(errors))
    }
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
    let t = Instant::now();
    let source = content::load(root, &options.load)?;
    timings.load = t.elapsed();
    let writer = write::SiteWriter::begin(&target)?;
    // HTML pages per variant, for the summary line.
    let pages: Vec<(String, AtomicUsize)> = source
        .config
        .variants
        .iter()
        .map(|v| (v.path.clone(), AtomicUsize::new(0)))
        .collect();
    convert_and_render(root, source, &mut timings, &|file| {
        writer.put(&file)?;
        if let Some((dir, _)) = file.path.split_once('/') {
            if let Some((_, n)) = pages.iter().find(|(d, _)| d == dir) {
                n.fetch_add(file.path.ends_with(".html") as usize, Ordering::Relaxed);
            }
        }
        Ok(())
    })?;
    let t = Instant::now();
    let stats = writer.finish()?;
    timings.write = t.elapsed();
    timings.writing = stats.busy;
    Ok(BuildReport {
        pages: pages
            .into_iter()
            .map(|(d, n)| (d, n.into_inner()))
            .collect(),
        files: stats.files,
        written: stats.written,
        timings,
    })
}
