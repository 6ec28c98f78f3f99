//! The conversion engine: OpenCC's algorithm over OpenCC's own dictionaries.
//!
//! OpenCC (the C++ library) converts in up to three phases: a normalization
//! pass over the whole text (CJK compatibility ideographs to their unified
//! forms), a segmentation by maximum matching against a segmentation
//! dictionary, then each step of the conversion chain by maximum matching
//! *within each segment*. The last phase never matches across a segment
//! boundary, so a Taiwan phrase cannot take two characters from two different
//! words when a word of STPhrases sits between them. (Runs no word matches
//! stay one segment; zhpress's supplement adds guards there, e.g. `公元年` so
//! that 隱公元年 keeps 公元 while 公元前 becomes 西元前; docs/deviations.md.)
//! Ideographic description sequences (⿰氵每) are copied whole. This module
//! does the same, over dictionaries compiled by build.rs into double-array
//! Aho-Corasick automata (leftmost-longest = OpenCC's greedy maximum match),
//! so the output is OpenCC 1.4.2's byte for byte, at automaton speed.
//!
//! Configurations with one step and no segmentation (s2t, t2s, …) are one
//! greedy pass.
//!
//! Every configuration exists over two sets of dictionaries ([`Dictionaries`]):
//! OpenCC's alone, whose output is the C++ library's byte for byte, and
//! zhpress's (the default): the same compiled dictionaries with zhpress's
//! overlay on top (dict/zhpress: the supplement and its pattern rules), which
//! competes with each dictionary in the same scan as if merged into it.

mod dict;
mod scan;
pub mod system;

use std::collections::BTreeMap;
use std::sync::{Mutex, OnceLock};

use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};

use dict::{CharTable, Overlay};
pub use dict::{Dict, Value};
pub use scan::Piece;

/// One configuration as build.rs compiled it (indices into `BLOBS`).
struct ConfigSpec {
    name: &'static str,
    /// A zhpress variant of an OpenCC configuration (the prose-safe Taiwan
    /// phrasing): not in the OpenCC set.
    zhpress_only: bool,
    normalization: Option<usize>,
    segmentation: Option<SegSpec>,
    steps: &'static [StepSpec],
}

struct SegSpec {
    blob: usize,
    /// How many members of the blob's merged group make the segmentation
    /// dictionary (the rest are single characters of the first step).
    members: u8,
    overlay: Option<usize>,
}

enum StepSpec {
    /// `regional`: the step's first member is TWPhrases, whose entries are
    /// regional vocabulary (the audit lists them).
    Merged {
        blob: usize,
        overlay: Option<usize>,
        regional: bool,
    },
    /// Each member's blob and its overlay.
    Ordered(&'static [(usize, Option<usize>)]),
}

mod compiled {
    use super::{ConfigSpec, SegSpec, StepSpec};
    include!(concat!(env!("OUT_DIR"), "/dicts.rs"));
}

/// The conversions zhpress can run over its own dictionaries (the OpenCC set
/// has all of them but the `-prose` ones).
pub fn names() -> impl Iterator<Item = &'static str> {
    compiled::CONFIGS.iter().map(|c| c.name)
}

/// Which dictionaries a conversion reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Dictionaries {
    /// OpenCC 1.4.2's dictionaries with zhpress's overlay (dict/zhpress: the
    /// supplement and the pattern rules), which fixes conversions where OpenCC
    /// is wrong (docs/deviations.md).
    #[default]
    Zhpress,
    /// OpenCC 1.4.2's dictionaries alone: the C++ library's output byte for
    /// byte, its errors included.
    OpenCC,
}

impl Dictionaries {
    /// The names site.toml's `dictionaries` and `convert --dictionaries` accept.
    pub const NAMES: &'static [&'static str] = &["zhpress", "opencc"];

    pub fn name(self) -> &'static str {
        match self {
            Dictionaries::Zhpress => "zhpress",
            Dictionaries::OpenCC => "opencc",
        }
    }

    pub fn from_name(name: &str) -> Option<Dictionaries> {
        match name {
            "zhpress" => Some(Dictionaries::Zhpress),
            "opencc" => Some(Dictionaries::OpenCC),
            _ => None,
        }
    }
}

/// One step of a conversion chain.
enum Step {
    /// A dictionary, or a group merged into one (leftmost-longest), with
    /// zhpress's overlay when the default dictionaries are used.
    Merged(&'static Dict, Option<&'static Overlay>),
    /// A group matched member by member: the first member with any match at a
    /// position gives its longest match there (OpenCC's short-circuit DictGroup);
    /// a member's overlay competes with it by length, winning ties.
    Ordered(Vec<(&'static Dict, Option<&'static Overlay>)>),
}

impl Step {
    fn convert(&self, text: &str, out: &mut String) {
        match self {
            Step::Merged(d, overlay) => scan::convert_fast(text, d, *overlay, out),
            Step::Ordered(dicts) => {
                let mut rest = text;
                while let Some(c) = rest.chars().next() {
                    let member = |(d, o): &(&'static Dict, Option<&'static Overlay>)| {
                        let theirs = d.longest_prefix(rest);
                        let ours = o.and_then(|o| {
                            o.longest_at(rest, 0)
                                .map(|(n, v)| (n, &o.dict.values[v as usize]))
                        });
                        match (ours, theirs) {
                            (Some(ours), Some(t)) if t.0 > ours.0 => Some(t),
                            (Some(ours), _) => Some(ours),
                            (None, t) => t,
                        }
                    };
                    match dicts.iter().find_map(member) {
                        Some((n, v)) => {
                            out.push_str(&v.text);
                            rest = &rest[n..];
                        }
                        None => {
                            out.push(c);
                            rest = &rest[c.len_utf8()..];
                        }
                    }
                }
            }
        }
    }
}

/// Phrases fixed by the site (glossary, entry rules, `-{H|…}-`): key in the
/// source script → the text for one variant. They compete with the dictionary
/// by length; on a tie the rule wins.
pub struct Rules {
    pma: CharwiseDoubleArrayAhoCorasick<u32>,
    outputs: Vec<String>,
}

impl Rules {
    /// `None` when there are no rules (nothing to match).
    pub fn new(pairs: &BTreeMap<String, String>) -> Option<Rules> {
        let pairs: Vec<(&String, &String)> = pairs.iter().filter(|(k, _)| !k.is_empty()).collect();
        if pairs.is_empty() {
            return None;
        }
        let pma = CharwiseDoubleArrayAhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build_with_values(
                pairs
                    .iter()
                    .enumerate()
                    .map(|(i, (k, _))| (k.as_str(), i as u32)),
            )
            .ok()?;
        Some(Rules {
            pma,
            outputs: pairs.iter().map(|(_, v)| v.to_string()).collect(),
        })
    }

    pub fn output(&self, index: u32) -> &str {
        &self.outputs[index as usize]
    }
}

/// OpenCC's greedy maximum match of `dict` (and `rules`) over `text`.
pub fn scan<'t, 'd>(
    text: &'t str,
    dict: Option<&'d Dict>,
    rules: Option<&Rules>,
    emit: &mut impl FnMut(Piece<'t, 'd>),
) {
    scan::scan(text, dict, None, rules, emit)
}

/// A lone character the dictionaries read more than one way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ambiguity {
    /// Byte offset in the text.
    pub offset: usize,
    pub source: String,
    pub chosen: String,
    pub others: String,
}

/// A regional-vocabulary substitution: see [`Engine::substitutions`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Substitution {
    /// Byte range in the text converted.
    pub span: std::ops::Range<usize>,
    /// The text there, as written.
    pub source: String,
    /// What the conversion wrote for it.
    pub became: String,
}

/// The byte range in `source` of `len` bytes at `off` in `converted`, when
/// the conversion kept the number of characters (then character i of one is
/// character i of the other).
fn source_span(
    source: &str,
    converted: &str,
    off: usize,
    len: usize,
) -> Option<std::ops::Range<usize>> {
    if std::ptr::eq(source, converted) || source == converted {
        return Some(off..off + len);
    }
    let a: Vec<usize> = source
        .char_indices()
        .map(|(i, _)| i)
        .chain([source.len()])
        .collect();
    let b: Vec<usize> = converted
        .char_indices()
        .map(|(i, _)| i)
        .chain([converted.len()])
        .collect();
    if a.len() != b.len() {
        return None;
    }
    let first = b.binary_search(&off).ok()?;
    let last = b.binary_search(&(off + len)).ok()?;
    Some(a[first]..a[last])
}

/// The segmentation of a multi-step configuration.
struct Segmentation {
    dict: &'static Dict,
    /// Entries of members from this index on are the first step's single
    /// characters, not segmentation words.
    members: u8,
    overlay: Option<&'static Overlay>,
}

/// A loaded OpenCC configuration.
pub struct Engine {
    name: &'static str,
    /// The index of the step holding regional vocabulary (TWPhrases), if any.
    regional: Option<usize>,
    normalization: Option<&'static CharTable>,
    segmentation: Option<Segmentation>,
    steps: Vec<Step>,
}

impl Engine {
    /// The shared engine for an OpenCC configuration name (`t2s`, `s2twp`, …)
    /// over zhpress's dictionaries (the default); see [`Engine::get_with`].
    pub fn get(name: &str) -> Result<&'static Engine, String> {
        Engine::get_with(name, Dictionaries::default())
    }

    /// The shared engine for an OpenCC configuration name over `dicts`, loaded
    /// once per process; `Engine` is `Sync` and converting takes `&self`, so
    /// conversions never wait on a lock.
    pub fn get_with(name: &str, dicts: Dictionaries) -> Result<&'static Engine, String> {
        type Loaded = BTreeMap<(Dictionaries, &'static str), &'static Engine>;
        static LOADED: OnceLock<Mutex<Loaded>> = OnceLock::new();
        let known = |c: &&ConfigSpec| !(c.zhpress_only && dicts == Dictionaries::OpenCC);
        let spec = compiled::CONFIGS
            .iter()
            .filter(known)
            .find(|c| c.name == name)
            .ok_or_else(|| {
                let names: Vec<&str> = compiled::CONFIGS
                    .iter()
                    .filter(known)
                    .map(|c| c.name)
                    .collect();
                crate::t!(
                    "opencc-unknown-conversion",
                    name = name,
                    known = names.join(", ")
                )
            })?;
        let mut map = LOADED
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        if let Some(e) = map.get(&(dicts, spec.name)) {
            return Ok(e);
        }
        let overlay = |o: Option<usize>| match dicts {
            Dictionaries::Zhpress => o.map(Overlay::get),
            Dictionaries::OpenCC => None,
        };
        let regional = spec
            .steps
            .iter()
            .position(|s| matches!(s, StepSpec::Merged { regional: true, .. }));
        let engine = Engine {
            name: spec.name,
            regional,
            normalization: spec.normalization.map(CharTable::get),
            segmentation: spec.segmentation.as_ref().map(|s| Segmentation {
                dict: Dict::get(s.blob),
                members: s.members,
                overlay: overlay(s.overlay),
            }),
            steps: spec
                .steps
                .iter()
                .map(|s| match s {
                    StepSpec::Merged {
                        blob, overlay: o, ..
                    } => Step::Merged(Dict::get(*blob), overlay(*o)),
                    StepSpec::Ordered(blobs) => Step::Ordered(
                        blobs
                            .iter()
                            .map(|(b, o)| (Dict::get(*b), overlay(*o)))
                            .collect(),
                    ),
                })
                .collect(),
        };
        let engine: &'static Engine = Box::leak(Box::new(engine));
        map.insert((dicts, spec.name), engine);
        Ok(engine)
    }

    pub fn name(&self) -> &'static str {
        self.name
    }

    pub fn convert(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + text.len() / 8);
        self.convert_into(text, None, &mut out);
        out
    }

    /// Converts `text` onto `out`, with the site's `rules` taking part in the match.
    pub fn convert_into(&self, text: &str, rules: Option<&Rules>, out: &mut String) {
        let normalized;
        let text = match self.normalization {
            Some(table) if scan::may_need_normalization(text) => {
                normalized = scan::normalize(text, table);
                normalized.as_str()
            }
            _ => text,
        };
        scan::around_ids(text, &mut |run, sequence| match sequence {
            true => out.push_str(run),
            false => self.convert_run(run, rules, out),
        });
    }

    /// Converts text holding no ideographic description sequence.
    fn convert_run(&self, text: &str, rules: Option<&Rules>, out: &mut String) {
        let Some(seg) = &self.segmentation else {
            match self.steps.as_slice() {
                [Step::Merged(d, overlay)] => match rules {
                    None => scan::convert_fast(text, d, *overlay, out),
                    Some(_) => {
                        scan::scan(text, Some(d), *overlay, rules, &mut |p| push(p, rules, out))
                    }
                },
                _ => self.convert_segment(text, rules, out),
            }
            return;
        };
        let mut scratch = String::new();
        let mut next = String::new();
        let mut convert = |range: std::ops::Range<usize>, out: &mut String| {
            let [first, rest @ ..] = self.steps.as_slice() else {
                out.push_str(&text[range]);
                return;
            };
            if rest.is_empty() {
                first.convert(&text[range], out);
                return;
            }
            scratch.clear();
            first.convert(&text[range], &mut scratch);
            for step in rest {
                next.clear();
                step.convert(&scratch, &mut next);
                std::mem::swap(&mut scratch, &mut next);
            }
            out.push_str(&scratch);
        };
        match rules {
            None => scan::segments_fast(text, seg.dict, seg.members, seg.overlay, &mut |r| {
                convert(r, out)
            }),
            Some(_) => self.each_segment(text, seg, rules, &mut |piece| match piece {
                Ok(range) => convert(range, out),
                Err(rule) => out.push_str(rule),
            }),
        }
    }

    /// OpenCC's segmentation of `text`: each segment to convert (its byte
    /// range), or the output of a site rule, in order. Unmatched runs are one
    /// segment each, as in OpenCC.
    fn each_segment<'r>(
        &self,
        text: &str,
        seg: &Segmentation,
        rules: Option<&'r Rules>,
        each: &mut impl FnMut(Result<std::ops::Range<usize>, &'r str>),
    ) {
        let mut run: Option<(usize, usize)> = None;
        let start = text.as_ptr() as usize;
        let at = |s: &str| s.as_ptr() as usize - start;
        let extend = |run: &mut Option<(usize, usize)>, a: usize, n: usize| {
            *run = Some(run.map_or((a, a + n), |(r, _)| (r, a + n)));
        };
        let flush =
            |run: &mut Option<(usize, usize)>,
             each: &mut dyn FnMut(Result<std::ops::Range<usize>, &'r str>)| {
                if let Some((a, b)) = run.take() {
                    each(Ok(a..b));
                }
            };
        scan::scan(text, Some(seg.dict), seg.overlay, rules, &mut |p| match p {
            // A single character of the first step, not a word of the
            // segmentation dictionary, is part of the unmatched run.
            Piece::Plain(s) => extend(&mut run, at(s), s.len()),
            Piece::Entry(s, v) if v.member >= seg.members => extend(&mut run, at(s), s.len()),
            Piece::Entry(s, _) => {
                flush(&mut run, each);
                each(Ok(at(s)..at(s) + s.len()));
            }
            Piece::Rule(_, i) => {
                flush(&mut run, each);
                if let Some(r) = rules {
                    each(Err(r.output(i)));
                }
            }
        });
        flush(&mut run, each);
    }

    /// A chain without segmentation: every step over the whole text (rules
    /// take part in the first).
    fn convert_segment(&self, text: &str, rules: Option<&Rules>, out: &mut String) {
        let mut scratch = text.to_string();
        let mut next = String::new();
        for (i, step) in self.steps.iter().enumerate() {
            next.clear();
            match (i, step, rules) {
                (0, Step::Merged(d, overlay), Some(_)) => {
                    scan::scan(&scratch, Some(d), *overlay, rules, &mut |p| {
                        push(p, rules, &mut next)
                    })
                }
                _ => step.convert(&scratch, &mut next),
            }
            std::mem::swap(&mut scratch, &mut next);
        }
        out.push_str(&scratch);
    }

    /// Whether zhpress's overlay (the supplement and its pattern rules) has an
    /// entry anywhere in `text` or in what a step makes of it: a difference
    /// from OpenCC's output must come from one (the conformance tests).
    pub fn supplemented(&self, text: &str) -> bool {
        if let Some(Segmentation {
            overlay: Some(o), ..
        }) = &self.segmentation
        {
            if o.dict.find(text, 0).is_some() {
                return true;
            }
        }
        let mut current = text.to_string();
        for step in &self.steps {
            if let Step::Merged(_, Some(o)) = step {
                if o.dict.find(&current, 0).is_some() {
                    return true;
                }
            }
            let mut next = String::new();
            step.convert(&current, &mut next);
            current = next;
        }
        false
    }

    /// Every regional-vocabulary substitution (an entry of Taiwan phrasing's
    /// TWPhrases, as distinct from character variants) the conversion of
    /// `text` makes, in order: where in `text`, the source text there, and
    /// what it became. Empty for a conversion without Taiwan phrasing. The
    /// span is the word's own when the steps before kept the length (s2t
    /// does, character for character), else its whole segment.
    pub fn substitutions(&self, text: &str, rules: Option<&Rules>) -> Vec<Substitution> {
        let mut found = Vec::new();
        let Some(regional) = self.regional else {
            return found;
        };
        let start = text.as_ptr() as usize;
        scan::around_ids(text, &mut |run, sequence| {
            if sequence {
                return;
            }
            let base = run.as_ptr() as usize - start;
            let mut segment = |r: std::ops::Range<usize>| {
                let source = &run[r.clone()];
                let mut current = source.to_string();
                for (i, step) in self.steps.iter().enumerate() {
                    if i == regional {
                        if let Step::Merged(d, overlay) = step {
                            let at = current.as_ptr() as usize;
                            scan::scan(&current, Some(d), *overlay, None, &mut |p| {
                                if let Piece::Entry(s, v) = p {
                                    if v.member == 0 && *v.text != *s {
                                        let off = s.as_ptr() as usize - at;
                                        let span = source_span(source, &current, off, s.len())
                                            .map_or(0..source.len(), |x| x);
                                        found.push(Substitution {
                                            span: base + r.start + span.start
                                                ..base + r.start + span.end,
                                            source: source[span].to_string(),
                                            became: v.text.to_string(),
                                        });
                                    }
                                }
                            });
                        }
                    }
                    let mut next = String::new();
                    step.convert(&current, &mut next);
                    current = next;
                }
            };
            match &self.segmentation {
                Some(seg) => self.each_segment(run, seg, rules, &mut |piece| {
                    if let Ok(r) = piece {
                        segment(r);
                    }
                }),
                None => segment(0..run.len()),
            }
        });
        found
    }

    /// The places where the first conversion step chose among several readings
    /// of a lone character, with no phrase or rule deciding: (byte offset, the
    /// character, the reading chosen, the readings not chosen).
    pub fn ambiguities(&self, text: &str, rules: Option<&Rules>) -> Vec<Ambiguity> {
        let mut found = Vec::new();
        let start = text.as_ptr() as usize;
        let (first, overlay) = match self.steps.first() {
            Some(Step::Merged(d, o)) => (Some(*d), *o),
            _ => (None, None),
        };
        scan::scan(text, first, overlay, rules, &mut |p| {
            if let Piece::Entry(s, v) = p {
                if v.alternatives > 1 && s.chars().count() == 1 {
                    found.push(Ambiguity {
                        offset: s.as_ptr() as usize - start,
                        source: s.to_string(),
                        chosen: v.text.to_string(),
                        others: v.others.to_string(),
                    });
                }
            }
        });
        found
    }
}

fn push(p: Piece<'_, '_>, rules: Option<&Rules>, out: &mut String) {
    match p {
        Piece::Plain(s) => out.push_str(s),
        Piece::Entry(_, v) => out.push_str(&v.text),
        Piece::Rule(_, i) => {
            if let Some(r) = rules {
                out.push_str(r.output(i));
            }
        }
    }
}

/// Applies only `rules` (for a variant in the source script itself).
pub fn apply_rules(text: &str, rules: &Rules, out: &mut String) {
    scan::scan(text, None, None, Some(rules), &mut |p| {
        push(p, Some(rules), out)
    });
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

    #[test]
    fn opencc_dictionaries_leave_the_supplement_out() {
        let exact = |c: &str, t: &str| {
            Engine::get_with(c, Dictionaries::OpenCC)
                .unwrap()
                .convert(t)
        };
        assert_eq!(Engine::get("s2t").unwrap().convert("范先生"), "范先生");
        assert_eq!(exact("s2t", "范先生"), "範先生");
        assert_eq!(exact("t2s", "隨著疫情發展"), "随著疫情发展");
        assert_eq!(exact("s2twp", "世界面临挑战"), "世介面臨挑戰");
        assert_eq!(exact("t2twp", "社區"), "社群");
        assert_eq!(exact("s2t", "疫情发生后"), "疫情發生後");
        assert!(Engine::get_with("nonsense", Dictionaries::OpenCC).is_err());
    }

    #[test]
    fn both_sets_share_every_dictionary() {
        for name in ["t2hk", "s2t", "s2twp", "tw2sp"] {
            let (ours, theirs) = (
                Engine::get(name).unwrap(),
                Engine::get_with(name, Dictionaries::OpenCC).unwrap(),
            );
            assert!(!std::ptr::eq(ours, theirs));
            for (a, b) in ours.steps.iter().zip(&theirs.steps) {
                if let (Step::Merged(a, _), Step::Merged(b, None)) = (a, b) {
                    assert!(std::ptr::eq(*a, *b), "{name}");
                }
            }
        }
        assert!(Engine::get_with("s2twp-prose", Dictionaries::OpenCC).is_err());
    }

    #[test]
    fn substitutions_list_regional_vocabulary() {
        let text = "用软件支持对象，电视频道。";
        let spans = |name: &str| {
            Engine::get(name)
                .unwrap()
                .substitutions(text, None)
                .into_iter()
                .map(|s| (text[s.span.clone()].to_string(), s.source, s.became))
                .collect::<Vec<_>>()
        };
        let owned = |v: &[(&str, &str)]| {
            v.iter()
                .map(|(a, b)| (a.to_string(), a.to_string(), b.to_string()))
                .collect::<Vec<_>>()
        };
        assert_eq!(spans("s2twp-prose"), owned(&[("软件", "軟體")]));
        assert_eq!(
            spans("s2twp"),
            owned(&[("软件", "軟體"), ("支持", "支援"), ("对象", "物件")])
        );
        assert!(spans("s2t").is_empty());
        let t = Engine::get("t2twp-prose").unwrap();
        let found = t.substitutions("支持軟件", None);
        assert_eq!(found.len(), 1);
        assert_eq!(
            (found[0].span.clone(), found[0].became.as_str()),
            (6..12, "軟體")
        );
    }

    #[test]
    fn dictionary_names_round_trip() {
        for name in Dictionaries::NAMES {
            assert_eq!(Dictionaries::from_name(name).unwrap().name(), *name);
        }
        assert_eq!(Dictionaries::default(), Dictionaries::Zhpress);
        assert_eq!(Dictionaries::from_name("OpenCC"), None);
    }

    #[test]
    fn taiwan_phrases_respect_segments() {
        let tw = Engine::get("s2twp").unwrap();
        assert_eq!(tw.convert("隐公元年"), "隱公元年");
        assert_eq!(tw.convert("软件"), "軟體");
    }

    #[test]
    fn rules_compete_by_length() {
        let s2t = Engine::get("s2t").unwrap();
        let mut pairs = BTreeMap::new();
        pairs.insert("于".to_string(), "于".to_string());
        pairs.insert("范先生".to_string(), "范先生".to_string());
        let rules = Rules::new(&pairs).unwrap();
        let mut out = String::new();
        // 关于 is a longer dictionary word than the rule 于: the word wins.
        s2t.convert_into("关于于先生与范先生", Some(&rules), &mut out);
        assert_eq!(out, "關於于先生與范先生");
    }

    #[test]
    fn audit_finds_lone_ambiguous_characters() {
        let s2t = Engine::get("s2t").unwrap();
        let found = s2t.ambiguities("他们发", None);
        assert_eq!(
            found.iter().map(|f| f.source.as_str()).collect::<Vec<_>>(),
            vec!["发"]
        );
        assert!(s2t.ambiguities("头发", None).is_empty());
    }
}
