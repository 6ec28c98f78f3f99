//! Entry points shared by the fuzz targets (fuzz/) and by the regression test
//! that replays their saved inputs (tests/fuzz_regressions.rs). Each one must
//! return normally on any input: errors are values, never panics.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use crate::content::config::SiteConfig;
use crate::content::rules;
use crate::convert::{markdown, Converter};
use crate::opencc::Dictionaries;
use crate::text::markup;

const SITE: &str = "title = \"紀實\"\nbase_url = \"https://example.org/r\"\nsource = \"zh-Hant\"\n\n[[variants]]\ncode = \"zh-Hant\"\npath = \"zh-hant\"\nlabel = \"繁體\"\n\n[[variants]]\ncode = \"zh-Hans\"\npath = \"zh-hans\"\nlabel = \"简体\"\n\n[[activity_types]]\nkey = \"donation\"\nname = \"捐款捐物\"\n";

fn site() -> &'static SiteConfig {
    static S: OnceLock<SiteConfig> = OnceLock::new();
    S.get_or_init(
        || match crate::content::config::parse(Arc::from(SITE), Path::new(".")) {
            Ok(c) => c,
            Err(e) => unreachable!("the fuzzing site.toml is valid: {e}"),
        },
    )
}

fn converters() -> &'static [Converter; 3] {
    static C: OnceLock<[Converter; 3]> = OnceLock::new();
    C.get_or_init(|| {
        let make = |code: &str, conv: Option<&str>| {
            Converter::new(code, conv, Dictionaries::Zhpress)
                .unwrap_or_else(|e| unreachable!("{e}"))
        };
        [
            make("zh-Hans", Some("t2s")),
            make("zh-Hant", Some("s2t")),
            make("zh-TW", Some("s2twp")),
        ]
    })
}

/// Bytes as an entry file, both as Markdown with front matter and as TOML.
pub fn entry(data: &[u8]) {
    let file = Path::new("content/orgs/f.md");
    match crate::content::decode(file, data.to_vec()) {
        Ok(text) => {
            for markdown in [true, false] {
                if let Err(ds) = crate::content::entry::parse_entry(
                    "f".into(),
                    file.into(),
                    text.clone(),
                    markdown,
                    site(),
                    None,
                ) {
                    for d in ds {
                        let _ = d.render(false);
                        let _ = d.to_string();
                    }
                }
            }
            if let Err(ds) = crate::content::entry::parse_page("p".into(), file.into(), text, true)
            {
                ds.iter().for_each(|d| drop(d.render(true)));
            }
        }
        Err(d) => drop(d.render(false)),
    }
}

/// Text through the rule parser and the converters with rules.
pub fn markup(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let _ = markup::parse(&text);
    let mut set = rules::RuleSet::new();
    rules::hidden_rules(&text, &mut set);
    for c in converters() {
        let _ = c.text(&text);
        let with: BTreeMap<String, String> = rules::for_variant(&set, &c.code);
        let _ = c.with_rules(&with).text(&text);
        let pieces: Vec<&str> = text.split(['*', '_']).collect();
        let _ = c.pieces(&pieces);
    }
}

/// Text through the Markdown filter, as a body and as an inline summary.
pub fn markdown(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    for c in converters() {
        let _ = markdown::render(c, &text);
        let _ = markdown::render_inline(c, &text);
    }
}
