//! The conversion engine: OpenCC's algorithm over OpenCC's own dictionaries.
//!
//! OpenCC (the C++ library) converts in two phases: it first segments the
//! text by maximum matching against a segmentation dictionary, then applies
//! each dictionary of the conversion chain by maximum matching *within each
//! segment*. The second phase never matches across a segment boundary, so a
//! Taiwan phrase cannot take two characters from two different words when a
//! word of STPhrases sits between them. (Runs no word matches stay one
//! segment; zhpress's supplement adds guards there, e.g. `公元年` so that
//! 隱公元年 keeps 公元 while 公元前 becomes 西元前; docs/deviations.md.)
//! This module does the same,
//! over dictionaries compiled by build.rs into double-array Aho-Corasick
//! automata (leftmost-longest = OpenCC's greedy maximum match), so the output
//! is OpenCC 1.1.6's byte for byte, at automaton speed.
//!
//! Configurations with one step whose dictionary extends the segmentation
//! dictionary by single characters only (s2t, t2s, …) need no separate
//! segmentation pass: a single greedy pass gives the same result.
//!
//! Every configuration exists over two sets of dictionaries ([`Dictionaries`]):
//! zhpress's (OpenCC's with the supplement in dict/zhpress, the default) and
//! OpenCC's alone, whose output is the C++ library's byte for byte.

use std::collections::BTreeMap;
use std::sync::{Mutex, OnceLock};

use daachorse::{CharwiseDoubleArrayAhoCorasick, CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};

mod compiled {
    include!(concat!(env!("OUT_DIR"), "/dicts.rs"));
}

/// The conversions zhpress can run, by OpenCC configuration name (the same
/// over both sets of dictionaries).
pub fn names() -> impl Iterator<Item = &'static str> {
    compiled::ZHPRESS_CONFIGS.iter().map(|c| c.0)
}

/// (config, segmentation dictionary set, conversion steps), as build.rs writes them.
type ConfigTable = &'static [(&'static str, Option<&'static str>, &'static [&'static str])];

/// Which dictionaries a conversion reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Dictionaries {
    /// OpenCC 1.1.6's dictionaries with zhpress's supplement (dict/zhpress),
    /// which fixes conversions where OpenCC is wrong (docs/deviations.md).
    #[default]
    Zhpress,
    /// OpenCC 1.1.6's dictionaries alone: the C++ library's output byte for
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

    fn compiled(self) -> (ConfigTable, &'static [(&'static str, usize)]) {
        match self {
            Dictionaries::Zhpress => (compiled::ZHPRESS_CONFIGS, compiled::ZHPRESS_DICTS),
            Dictionaries::OpenCC => (compiled::OPENCC_CONFIGS, compiled::OPENCC_DICTS),
        }
    }
}

/// One entry's output: the default text and how many candidates the dictionary lists.
pub struct Value {
    pub text: Box<str>,
    pub alternatives: u8,
    /// The readings not chosen, separated by spaces.
    pub others: Box<str>,
}

/// A compiled dictionary (or merged group of dictionaries).
pub struct Dict {
    pma: CharwiseDoubleArrayAhoCorasick<u32>,
    values: Vec<Value>,
    /// Key → value index, for the exact prefix lookups of ordered groups.
    keys: std::collections::HashMap<Box<str>, u32>,
    max_key_chars: usize,
    /// Every value's default text, back to back, then `PAD` spare bytes; and
    /// each value's (offset, length) in it. The conversion's inner loop reads
    /// these instead of `values`: 8 bytes a value, next to each other, instead
    /// of a pointer to chase per match.
    arena: Box<str>,
    spans: Box<[(u32, u32)]>,
}

/// Spare bytes after the last text of an arena, so a short text can be
/// copied as one fixed-size block.
const PAD: usize = 16;

/// Appends `len` bytes of `src` starting at `at` to `out`. When `src` has
/// `PAD` bytes from `at`, copies one fixed-size block (the bytes past `len`
/// land in spare capacity and are not part of `out`): no call to memcpy for
/// the few bytes of one character or word.
#[inline(always)]
fn push_bytes(out: &mut String, src: &str, at: usize, len: usize) {
    if len <= PAD && at + PAD <= src.len() {
        out.reserve(PAD);
        // SAFETY: `src[at..at + PAD]` is in bounds (checked above); `out` has
        // PAD bytes of spare capacity after its length (reserved), so the copy
        // stays inside its allocation; only `len` bytes become part of `out`,
        // and they are `src[at..at + len]`, which the caller guarantees is
        // whole UTF-8 (a text of the arena, or a run of the input between
        // matches).
        unsafe {
            let v = out.as_mut_vec();
            let end = v.len();
            std::ptr::copy_nonoverlapping(src.as_ptr().add(at), v.as_mut_ptr().add(end), PAD);
            v.set_len(end + len);
        }
    } else {
        out.push_str(&src[at..at + len]);
    }
}

impl Dict {
    /// The dictionary set `name` of `dicts`, decoded once per process. An
    /// automaton the two sets share is decoded once for both.
    fn get(name: &str, dicts: Dictionaries) -> Result<&'static Dict, String> {
        static LOADED: OnceLock<Mutex<BTreeMap<usize, &'static Dict>>> = OnceLock::new();
        let &(_, blob) = dicts
            .compiled()
            .1
            .iter()
            .find(|(n, _)| *n == name)
            .ok_or_else(|| format!("no dictionary {}", name))?;
        let mut map = LOADED
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        Ok(*map
            .entry(blob)
            .or_insert_with(|| Box::leak(Box::new(Dict::decode(compiled::BLOBS[blob])))))
    }

    fn decode(bytes: &[u8]) -> Dict {
        let u32_at = |b: &[u8], at: usize| {
            u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]) as usize
        };
        let len = u32_at(bytes, 0);
        // SAFETY: these bytes were produced by `serialize` of the same daachorse
        // version in build.rs and embedded unchanged with include_bytes!.
        let (pma, _) = unsafe {
            CharwiseDoubleArrayAhoCorasick::<u32>::deserialize_unchecked(&bytes[4..4 + len])
        };
        let mut at = 4 + len;
        let count = u32_at(bytes, at);
        at += 4;
        let mut values = Vec::with_capacity(count);
        for _ in 0..count {
            let alternatives = bytes[at];
            let n = u32_at(bytes, at + 1);
            let text = std::str::from_utf8(&bytes[at + 5..at + 5 + n]).unwrap_or_default();
            at += 5 + n;
            let m = u32_at(bytes, at);
            let others = std::str::from_utf8(&bytes[at + 4..at + 4 + m]).unwrap_or_default();
            at += 4 + m;
            values.push(Value {
                text: text.into(),
                alternatives,
                others: others.into(),
            });
        }
        let mut arena = String::new();
        let mut spans = Vec::with_capacity(count);
        for v in &values {
            spans.push((arena.len() as u32, v.text.len() as u32));
            arena.push_str(&v.text);
        }
        arena.push_str(&"\0".repeat(PAD));
        let mut keys = std::collections::HashMap::with_capacity(count);
        let mut max_key_chars = 0;
        for i in 0..count {
            let n = u32_at(bytes, at);
            let key = std::str::from_utf8(&bytes[at + 4..at + 4 + n]).unwrap_or_default();
            max_key_chars = max_key_chars.max(key.chars().count());
            keys.insert(Box::from(key), i as u32);
            at += 4 + n;
        }
        Dict {
            pma,
            values,
            keys,
            max_key_chars,
            arena: arena.into(),
            spans: spans.into(),
        }
    }

    /// The longest entry that `text` starts with: (its length in bytes, its value).
    fn longest_prefix(&self, text: &str) -> Option<(usize, &Value)> {
        let ends: Vec<usize> = text
            .char_indices()
            .skip(1)
            .map(|(i, _)| i)
            .chain(std::iter::once(text.len()))
            .take(self.max_key_chars)
            .collect();
        ends.iter().rev().find_map(|&e| {
            self.keys
                .get(&text[..e])
                .map(|&v| (e, &self.values[v as usize]))
        })
    }
}

/// One step of a conversion chain.
enum Step {
    /// A dictionary, or a group merged into one (leftmost-longest).
    Merged(&'static Dict),
    /// A group matched member by member: the first member with any match at a
    /// position gives its longest match there (OpenCC's DictGroup).
    Ordered(Vec<&'static Dict>),
}

impl Step {
    fn get(name: &str, dicts: Dictionaries) -> Result<Step, String> {
        if name.contains('|') {
            Ok(Step::Ordered(
                name.split('|')
                    .map(|n| Dict::get(n, dicts))
                    .collect::<Result<_, _>>()?,
            ))
        } else {
            Dict::get(name, dicts).map(Step::Merged)
        }
    }

    fn convert(&self, text: &str, out: &mut String) {
        match self {
            Step::Merged(d) => scan(text, Some(d), None, &mut |p| push(p, None, out)),
            Step::Ordered(dicts) => {
                let mut rest = text;
                while let Some(c) = rest.chars().next() {
                    match dicts.iter().find_map(|d| d.longest_prefix(rest)) {
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

/// What a scan found at one place of the text.
pub enum Piece<'t, 'd> {
    /// Text no entry matched: copied as it is.
    Plain(&'t str),
    /// A dictionary entry: the matched source text and its value.
    Entry(&'t str, &'d Value),
    /// A rule: the matched source text and the rule's index.
    Rule(&'t str, u32),
}

/// OpenCC's greedy maximum match of `dict` (and `rules`) over `text`.
pub fn scan<'t, 'd>(
    text: &'t str,
    dict: Option<&'d Dict>,
    rules: Option<&Rules>,
    emit: &mut impl FnMut(Piece<'t, 'd>),
) {
    let mut pos = 0;
    'restart: while pos < text.len() {
        let base = pos;
        let rest = &text[base..];
        let rule = rules
            .and_then(|r| r.pma.leftmost_find_iter(rest).next())
            .map(|m| (m.start() + base, m.end() + base, m.value()));
        if let Some(dict) = dict {
            for m in dict.pma.leftmost_find_iter(rest) {
                let (ms, me) = (m.start() + base, m.end() + base);
                if let Some((rs, re, ri)) = rule {
                    if rs < ms || (rs == ms && re - rs >= me - ms) {
                        plain(text, pos, rs, emit);
                        emit(Piece::Rule(&text[rs..re], ri));
                        pos = re;
                        continue 'restart;
                    }
                    if rs < me {
                        // The rule starts inside a longer dictionary word: the word wins.
                        plain(text, pos, ms, emit);
                        emit(Piece::Entry(
                            &text[ms..me],
                            &dict.values[m.value() as usize],
                        ));
                        pos = me;
                        continue 'restart;
                    }
                }
                plain(text, pos, ms, emit);
                emit(Piece::Entry(
                    &text[ms..me],
                    &dict.values[m.value() as usize],
                ));
                pos = me;
            }
        }
        if let Some((rs, re, ri)) = rule {
            plain(text, pos, rs, emit);
            emit(Piece::Rule(&text[rs..re], ri));
            pos = re;
            continue 'restart;
        }
        plain(text, pos, text.len(), emit);
        break;
    }
}

fn plain<'t, 'd>(text: &'t str, from: usize, to: usize, emit: &mut impl FnMut(Piece<'t, 'd>)) {
    if to > from {
        emit(Piece::Plain(&text[from..to]));
    }
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

/// A loaded OpenCC configuration.
pub struct Engine {
    name: &'static str,
    segmentation: Option<&'static Dict>,
    steps: Vec<Step>,
    /// One pass gives the same result as segmenting first (see the module doc).
    single_pass: bool,
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
        let mut map = LOADED
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        let (configs, _) = dicts.compiled();
        let (cname, seg, steps) = configs.iter().find(|c| c.0 == name).ok_or_else(|| {
            format!(
                "unknown conversion `{}`; known: {}",
                name,
                names().collect::<Vec<_>>().join(", ")
            )
        })?;
        if let Some(e) = map.get(&(dicts, *cname)) {
            return Ok(e);
        }
        let single_pass = steps.len() == 1
            && !steps[0].contains('|')
            && seg.is_none_or(|s| steps[0] == s || steps[0].starts_with(&format!("{}+", s)));
        let engine = Engine {
            name: cname,
            segmentation: seg.map(|s| Dict::get(s, dicts)).transpose()?,
            steps: steps
                .iter()
                .map(|s| Step::get(s, dicts))
                .collect::<Result<_, _>>()?,
            single_pass,
        };
        let engine: &'static Engine = Box::leak(Box::new(engine));
        map.insert((dicts, cname), engine);
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
        if let (true, Some(Step::Merged(d))) = (self.single_pass, self.steps.first()) {
            if rules.is_none() {
                // `scan` without rules, written out: the hot loop of a build.
                let mut pos = 0;
                for m in d.pma.leftmost_find_iter(text) {
                    push_bytes(out, text, pos, m.start() - pos);
                    let (at, len) = d.spans[m.value() as usize];
                    push_bytes(out, &d.arena, at as usize, len as usize);
                    pos = m.end();
                }
                push_bytes(out, text, pos, text.len() - pos);
            } else {
                scan(text, Some(d), rules, &mut |p| push(p, rules, out));
            }
            return;
        }
        let mut scratch = String::new();
        let mut next = String::new();
        let mut segment = |s: &str, out: &mut String| {
            scratch.clear();
            scratch.push_str(s);
            for step in &self.steps {
                next.clear();
                step.convert(&scratch, &mut next);
                std::mem::swap(&mut scratch, &mut next);
            }
            out.push_str(&scratch);
        };
        // Segment first; unmatched runs are one segment each, as in OpenCC.
        let mut run: Option<(usize, usize)> = None;
        let start = text.as_ptr() as usize;
        scan(text, self.segmentation, rules, &mut |p| match p {
            Piece::Plain(s) => {
                let at = s.as_ptr() as usize - start;
                run = Some(run.map_or((at, at + s.len()), |(a, _)| (a, at + s.len())));
            }
            Piece::Entry(s, _) => {
                if let Some((a, b)) = run.take() {
                    segment(&text[a..b], out);
                }
                segment(s, out);
            }
            Piece::Rule(_, i) => {
                if let Some((a, b)) = run.take() {
                    segment(&text[a..b], out);
                }
                if let Some(r) = rules {
                    out.push_str(r.output(i));
                }
            }
        });
        if let Some((a, b)) = run {
            segment(&text[a..b], out);
        }
    }

    /// The places where the first conversion step chose among several readings
    /// of a lone character, with no phrase or rule deciding: (byte offset, the
    /// character, the reading chosen, the readings not chosen).
    pub fn ambiguities(&self, text: &str, rules: Option<&Rules>) -> Vec<Ambiguity> {
        let mut found = Vec::new();
        let start = text.as_ptr() as usize;
        let first = match self.steps.first() {
            Some(Step::Merged(d)) => Some(*d),
            _ => None,
        };
        scan(text, first, rules, &mut |p| {
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
    scan(text, None, Some(rules), &mut |p| push(p, Some(rules), out));
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
    fn dictionaries_without_a_supplement_are_shared() {
        let (ours, theirs) = (
            Engine::get("t2hk").unwrap(),
            Engine::get_with("t2hk", Dictionaries::OpenCC).unwrap(),
        );
        assert!(!std::ptr::eq(ours, theirs));
        assert!(std::ptr::eq(
            ours.segmentation.unwrap(),
            theirs.segmentation.unwrap()
        ));
        let (ours, theirs) = (
            Engine::get("s2t").unwrap(),
            Engine::get_with("s2t", Dictionaries::OpenCC).unwrap(),
        );
        assert!(!std::ptr::eq(
            ours.segmentation.unwrap(),
            theirs.segmentation.unwrap()
        ));
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
