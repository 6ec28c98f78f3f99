//! A variant converted by the system's OpenCC library (cargo feature
//! `opencc-rust`, off by default so that `cargo build` needs nothing from the
//! system), for a site that must use its own OpenCC JSON configuration:
//! `convert = { opencc_config = "my_s2t.json" }` in a `[[variants]]` table.
//!
//! site.toml's reader keeps such a conversion as `convert =
//! "opencc_config:<absolute path>"`, so the rest of the pipeline passes it on
//! like any conversion name; [`Converter::new`](super::Converter::new) loads it here.

/// The prefix of a conversion that names an OpenCC configuration file.
pub const PREFIX: &str = "opencc_config:";

/// Whether this build can run the system's OpenCC.
pub const AVAILABLE: bool = cfg!(feature = "opencc-rust");

/// A loaded OpenCC configuration of the system library.
pub struct System {
    #[cfg(feature = "opencc-rust")]
    opencc: opencc_rust::OpenCC,
}

impl System {
    /// Loads the configuration file at `path` (OpenCC resolves the
    /// dictionaries it names relative to the file).
    #[cfg(feature = "opencc-rust")]
    pub fn load(path: &str) -> Result<System, String> {
        opencc_rust::OpenCC::new(path)
            .map(|opencc| System { opencc })
            .map_err(|e| {
                crate::t!(
                    "opencc-system-cannot-load",
                    path = path,
                    error = e.to_string()
                )
            })
    }

    #[cfg(not(feature = "opencc-rust"))]
    pub fn load(path: &str) -> Result<System, String> {
        Err(crate::t!("opencc-system-missing", path = path))
    }

    /// Converts `text`. The C API reads NUL-terminated strings, so text
    /// around a NUL character is converted piece by piece.
    pub fn convert(&self, text: &str) -> String {
        #[cfg(feature = "opencc-rust")]
        {
            let mut out = String::with_capacity(text.len() + text.len() / 8);
            for (i, piece) in text.split('\0').enumerate() {
                if i > 0 {
                    out.push('\0');
                }
                if !piece.is_empty() {
                    out.push_str(&self.opencc.convert(piece));
                }
            }
            out
        }
        #[cfg(not(feature = "opencc-rust"))]
        {
            text.to_string()
        }
    }
}
