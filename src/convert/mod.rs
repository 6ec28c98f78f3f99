//! convert: the Source into one [`Publication`] per variant, every
//! reader-facing string in that variant's script, totals computed.
//!
//! A [`Converter`] turns text of the source script into one variant: it reads
//! the `-{…}-` markup, keeps rule text as written, and converts the rest with
//! the variant's OpenCC engine. Markdown goes through [`markdown`] as a stream
//! of events so that code, URLs and attribute values are never converted.

pub mod html;
pub mod markdown;
pub mod publish;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;

use crate::content::config::{infer_conversion, Script, VariantConfig, SITE_FILE};
use crate::content::theme::ThemeSource;
use crate::content::Source;
use crate::diagnostic::{Diagnostic, Error};
use crate::model::Publication;
/// The engine, under the name it had (tests and tools still use it).
pub use crate::opencc as engine;
use crate::opencc::{system, Dictionaries, Engine, Rules};
use crate::text::markup::{self, MarkupError, Segment};
use crate::text::{prose, quotes, quotes::QuoteStyle};

/// Every variant's Publication, converted in parallel.
pub fn convert(source: &Source) -> crate::Result<Vec<Publication>> {
    convert_reusing(source, &[])
}

/// `convert`, taking from `previous` (the last build's publications, in the
/// same order of variants) every organization view made from the same files
/// and settings, so `serve --watch` converts only what an edit touched.
pub fn convert_reusing(
    source: &Source,
    previous: &[Publication],
) -> crate::Result<Vec<Publication>> {
    let results: Vec<crate::Result<Publication>> = (0..source.config.variants.len())
        .into_par_iter()
        .map(|i| {
            let variant = &source.config.variants[i];
            let ui = ui_strings(&source.theme, source.config.source, variant)?;
            let kept = previous.get(i).map_or(&[][..], |p| &p.orgs[..]);
            publish::publish(source, i, ui, kept)
        })
        .collect();
    let mut pubs = Vec::new();
    let mut errors: Vec<Diagnostic> = Vec::new();
    for r in results {
        match r {
            Ok(p) => pubs.push(p),
            // Each variant reports the same markup errors: keep one copy.
            Err(e) => {
                for d in e.diagnostics() {
                    if !errors
                        .iter()
                        .any(|x| x.location() == d.location() && x.message == d.message)
                    {
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

/// The theme's UI strings in one variant: converted from the theme's script,
/// then overridden where the theme words a variant differently.
pub fn ui_strings(
    theme: &ThemeSource,
    source: Script,
    variant: &VariantConfig,
) -> crate::Result<BTreeMap<String, String>> {
    let conversion = if theme.script == source {
        variant.convert.as_deref()
    } else {
        infer_conversion(theme.script, &variant.code).unwrap_or(variant.convert.as_deref())
    };
    let converter = |conversion| {
        Converter::new(&variant.code, conversion, variant.dictionaries)
            .map(|c| c.with_quotes(variant.quotes))
            .map_err(|e| Error::one(Diagnostic::file(SITE_FILE, e)))
    };
    let c = converter(conversion)?;
    let mut out: BTreeMap<String, String> = BTreeMap::new();
    if !theme.builtin_strings.is_empty() {
        let from_builtin = infer_conversion(Script::Traditional, &variant.code)
            .unwrap_or(variant.convert.as_deref());
        let b = converter(from_builtin)?;
        out.extend(
            theme
                .builtin_strings
                .iter()
                .map(|(k, v)| (k.clone(), b.plain(&b.quotes(v, false)))),
        );
    }
    out.extend(
        theme
            .strings
            .iter()
            .map(|(k, v)| (k.clone(), c.plain(&c.quotes(v, false)))),
    );
    if let Some(o) = theme.overrides.get(variant.code.as_str()) {
        out.extend(o.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    Ok(out)
}

/// Conversion into one variant.
#[derive(Clone)]
pub struct Converter {
    /// The variant's BCP 47 code, to pick per-variant rule text.
    pub code: Arc<str>,
    engine: Option<&'static Engine>,
    /// The system's OpenCC, for a variant with its own OpenCC configuration.
    system: Option<Arc<system::System>>,
    rules: Option<Arc<Rules>>,
    /// The variant's quotation marks (site.toml's `quotes`); `None`: as written.
    quotes: Option<QuoteStyle>,
}

impl Converter {
    /// `conversion` is an OpenCC configuration name, or `None` for the source
    /// script itself; `dicts` are the dictionaries it reads (site.toml's
    /// `dictionaries`).
    pub fn new(
        code: &str,
        conversion: Option<&str>,
        dicts: Dictionaries,
    ) -> Result<Converter, String> {
        if let Some(path) = conversion.and_then(|c| c.strip_prefix(system::PREFIX)) {
            return Ok(Converter {
                code: Arc::from(code),
                engine: None,
                system: Some(Arc::new(system::System::load(path)?)),
                rules: None,
                quotes: None,
            });
        }
        let engine = conversion.map(|c| Engine::get_with(c, dicts)).transpose()?;
        Ok(Converter {
            code: Arc::from(code),
            engine,
            system: None,
            rules: None,
            quotes: None,
        })
    }

    /// Text kept in the script it is written in (markup still read): for
    /// hand-written variants and the source variant itself.
    pub fn as_written(code: &str) -> Converter {
        Converter {
            code: Arc::from(code),
            engine: None,
            system: None,
            rules: None,
            quotes: None,
        }
    }

    /// The same conversion with `rules` (term → this variant's text) taking part.
    pub fn with_rules(&self, rules: &BTreeMap<String, String>) -> Converter {
        Converter {
            rules: Rules::new(rules).map(Arc::new),
            ..self.clone()
        }
    }

    /// The same conversion writing the prose's quotation marks in `style`.
    pub fn with_quotes(&self, style: Option<QuoteStyle>) -> Converter {
        Converter {
            quotes: style,
            ..self.clone()
        }
    }

    /// `text` with the quotation marks of its prose in this variant's style
    /// (the same length: every offset into `text` still holds); `markdown`
    /// says how its prose is found (crate::text::prose).
    pub fn quotes<'t>(&self, text: &'t str, markdown: bool) -> Cow<'t, str> {
        match self.quotes {
            Some(style) if quotes::any(text) => {
                Cow::Owned(quotes::restyle(text, &prose::prose(text, markdown), style))
            }
            _ => Cow::Borrowed(text),
        }
    }

    /// The engine, for the lint and the audit.
    pub fn engine(&self) -> Option<&'static Engine> {
        self.engine
    }

    /// Converts plain text without markup (attribute values, UI strings).
    pub fn plain(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + text.len() / 8);
        if let Some(system) = &self.system {
            // The site's rules first; the system library converts the rest.
            match &self.rules {
                Some(r) => engine::scan(text, None, Some(r), &mut |p| match p {
                    engine::Piece::Rule(_, i) => out.push_str(r.output(i)),
                    engine::Piece::Plain(s) | engine::Piece::Entry(s, _) => {
                        out.push_str(&system.convert(s))
                    }
                }),
                None => out.push_str(&system.convert(text)),
            }
            return out;
        }
        match (self.engine, &self.rules) {
            (Some(e), rules) => e.convert_into(text, rules.as_deref(), &mut out),
            (None, Some(r)) => engine::apply_rules(text, r, &mut out),
            (None, None) => out.push_str(text),
        }
        out
    }

    /// Converts a text field, honouring `-{…}-`, its quotation marks in the
    /// variant's style.
    pub fn text(&self, text: &str) -> Result<String, MarkupError> {
        let text = self.quotes(text, false);
        let pieces = [text.as_ref()];
        Ok(self.pieces(&pieces)?.pop().unwrap_or_default())
    }

    /// Converts adjacent pieces of text as one, so a phrase split by formatting
    /// (`**疫情**发生后`) is still matched whole, and gives the pieces back with
    /// their boundaries kept. Errors carry the byte offset in the joined text.
    pub fn pieces(&self, pieces: &[&str]) -> Result<Vec<String>, MarkupError> {
        let joined: String = pieces.concat();
        let mut bounds = Vec::with_capacity(pieces.len() + 1);
        let mut at = 0;
        bounds.push(0);
        for p in pieces {
            at += p.len();
            bounds.push(at);
        }
        let mut out = vec![String::new(); pieces.len()];
        for (range, seg) in markup::parse(&joined)? {
            match seg {
                Segment::Text(t) => {
                    // URLs and e-mail addresses are kept as written.
                    let mut at = 0;
                    for url in crate::text::prose::urls(t) {
                        if url.start > at {
                            let r = range.start + at..range.start + url.start;
                            self.spread(&joined, r, &t[at..url.start], &bounds, &mut out);
                        }
                        for (i, ch) in t[url.clone()].char_indices() {
                            out[piece_of(&bounds, range.start + url.start + i)].push(ch);
                        }
                        at = url.end;
                    }
                    if at < t.len() {
                        let r = range.start + at..range.end;
                        self.spread(&joined, r, &t[at..], &bounds, &mut out);
                    }
                }
                Segment::Raw(t) => out[piece_of(&bounds, range.start)].push_str(t),
                Segment::PerVariant(pairs) => {
                    let t = match markup::pick(&pairs, &self.code) {
                        Some(t) => t.to_string(),
                        // No text for this variant: convert the first one given.
                        None => self.plain(pairs[0].1),
                    };
                    out[piece_of(&bounds, range.start)].push_str(&t);
                }
                Segment::Hidden(_) => {}
            }
        }
        Ok(out)
    }

    /// Converts `t` (at `range` of `joined`) and distributes the result over the
    /// pieces it came from: character by character when the conversion kept the
    /// length, which OpenCC's script tables do; piece by piece otherwise.
    fn spread(
        &self,
        joined: &str,
        range: Range<usize>,
        t: &str,
        bounds: &[usize],
        out: &mut [String],
    ) {
        let first = piece_of(bounds, range.start);
        let last = piece_of(bounds, range.end.saturating_sub(1).max(range.start));
        if first == last {
            out[first].push_str(&self.plain(t));
            return;
        }
        let converted = self.plain(t);
        if converted.chars().count() == t.chars().count() {
            for ((i, _), c) in t.char_indices().zip(converted.chars()) {
                out[piece_of(bounds, range.start + i)].push(c);
            }
        } else {
            for p in first..=last {
                let s = bounds[p].max(range.start);
                let e = bounds[p + 1].min(range.end);
                out[p].push_str(&self.plain(&joined[s..e]));
            }
        }
    }
}

/// Which piece a byte offset of the joined text falls in.
fn piece_of(bounds: &[usize], offset: usize) -> usize {
    match bounds.binary_search(&offset) {
        Ok(i) => i.min(bounds.len() - 2),
        Err(i) => i - 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_across_piece_boundaries() {
        let c = Converter::new("zh-Hant", Some("s2t"), Dictionaries::Zhpress).unwrap();
        // 发生后 split by formatting: converted as one phrase.
        assert_eq!(
            c.pieces(&["疫情发", "生后"]).unwrap(),
            vec!["疫情發", "生後"]
        );
        assert_eq!(c.pieces(&["社区干", "部"]).unwrap(), vec!["社區幹", "部"]);
    }

    #[test]
    fn markup_is_kept_or_picked() {
        let hant = Converter::new("zh-Hant", Some("s2t"), Dictionaries::Zhpress).unwrap();
        let hans = Converter::new("zh-Hans", None, Dictionaries::Zhpress).unwrap();
        let s = "-{zh-Hans:鲜于;zh-Hant:鮮于}-先生与-{干}-";
        assert_eq!(hant.text(s).unwrap(), "鮮于先生與干");
        assert_eq!(hans.text(s).unwrap(), "鲜于先生与干");
    }

    #[test]
    fn identity_still_reads_markup() {
        let c = Converter::new("zh-Hant", None, Dictionaries::Zhpress).unwrap();
        assert_eq!(c.text("發生後-{x}-").unwrap(), "發生後x");
        assert!(c.text("-{").is_err());
    }
}
