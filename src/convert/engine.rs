//! The dictionary engine: OpenCC's phrase-level conversion, in pure Rust.
//!
//! `ferrous-opencc` carries OpenCC's own dictionaries and matches the C++
//! library (see research/zhconv-eval.md), so `cargo build` needs nothing from
//! the system. Each configuration is loaded once per process and shared by all
//! threads: `OpenCC` is `Send + Sync` and converting takes `&self`.

use std::collections::BTreeMap;
use std::sync::{Mutex, OnceLock};

use ferrous_opencc::config::BuiltinConfig;
use ferrous_opencc::OpenCC;

/// A loaded OpenCC configuration.
pub struct Engine {
    name: &'static str,
    opencc: OpenCC,
}

impl Engine {
    /// The shared engine for an OpenCC configuration name (`t2s`, `s2twp`, …).
    pub fn get(name: &str) -> Result<&'static Engine, String> {
        static LOADED: OnceLock<Mutex<BTreeMap<String, &'static Engine>>> = OnceLock::new();
        let map = LOADED.get_or_init(|| Mutex::new(BTreeMap::new()));
        let mut map = map.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(e) = map.get(name) {
            return Ok(e);
        }
        let builtin =
            BuiltinConfig::from_filename(&format!("{}.json", name)).map_err(|e| e.to_string())?;
        let opencc = OpenCC::from_config(builtin).map_err(|e| e.to_string())?;
        let name: &'static str = Box::leak(name.to_string().into_boxed_str());
        let engine: &'static Engine = Box::leak(Box::new(Engine { name, opencc }));
        map.insert(name.to_string(), engine);
        Ok(engine)
    }

    pub fn name(&self) -> &'static str {
        self.name
    }

    pub fn convert(&self, text: &str) -> String {
        if text.is_ascii() {
            return text.to_string();
        }
        self.opencc.convert(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrase_level_in_both_directions() {
        let s2t = Engine::get("s2t").unwrap();
        assert_eq!(s2t.convert("疫情发生后"), "疫情發生後");
        assert_eq!(s2t.convert("社区干部"), "社區幹部");
        assert_eq!(s2t.convert("头发"), "頭髮");
        assert_eq!(s2t.convert("一只"), "一隻");
        let t2s = Engine::get("t2s").unwrap();
        assert_eq!(t2s.convert("關於疫情發生後"), "关于疫情发生后");
        assert!(Engine::get("nonsense").is_err());
    }
}
