//! The compiled dictionaries: decoding build.rs's blobs into automata (and
//! the one single-character table), each once per process.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, OnceLock};

use daachorse::CharwiseDoubleArrayAhoCorasick;

use super::compiled;

/// One entry's output: the default text and how many candidates the dictionary lists.
pub struct Value {
    pub text: Box<str>,
    pub alternatives: u8,
    /// Which member of a merged group the entry came from (0 = the first):
    /// a segmentation that shares a step's automaton counts only the
    /// segmentation dictionary's members.
    pub member: u8,
    /// The readings not chosen, separated by spaces.
    pub others: Box<str>,
}

/// A compiled dictionary (or merged group of dictionaries).
pub struct Dict {
    pub(super) pma: CharwiseDoubleArrayAhoCorasick<u32>,
    pub(super) values: Vec<Value>,
    /// The keys by first character, for the anchored lookups of ordered
    /// groups and overlays (only their dictionaries carry their keys).
    pub(super) prefixes: Prefixes,
    /// Every value's default text, back to back, then `PAD` spare bytes; and
    /// each value's (offset, length) in it. The conversion's inner loop reads
    /// these instead of `values`: 8 bytes a value, next to each other, instead
    /// of a pointer to chase per match.
    pub(super) arena: Box<str>,
    pub(super) spans: Box<[(u32, u32)]>,
}

/// Spare bytes after the last text of an arena, so a short text can be
/// copied as one fixed-size block.
pub(super) const PAD: usize = 16;

/// Appends `len` bytes of `src` starting at `at` to `out`. When `src` has
/// `PAD` bytes from `at`, copies one fixed-size block (the bytes past `len`
/// land in spare capacity and are not part of `out`): no call to memcpy for
/// the few bytes of one character or word.
#[inline(always)]
pub(super) fn push_bytes(out: &mut String, src: &str, at: usize, len: usize) {
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

/// The decompressed bytes of blob `index`.
fn inflate(index: usize) -> Vec<u8> {
    // The blobs are build.rs's output embedded unchanged; a failure here is
    // a broken build, not bad input.
    lz4_flex::block::decompress_size_prepended(compiled::BLOBS[index]).unwrap_or_default()
}

fn u32_at(b: &[u8], at: usize) -> usize {
    u32::from_le_bytes([b[at], b[at + 1], b[at + 2], b[at + 3]]) as usize
}

fn str_at(b: &[u8], at: usize) -> (&str, usize) {
    let n = u32_at(b, at);
    (
        std::str::from_utf8(&b[at + 4..at + 4 + n]).unwrap_or_default(),
        at + 4 + n,
    )
}

impl Dict {
    /// Blob `index`, decoded once per process.
    pub(super) fn get(index: usize) -> &'static Dict {
        static LOADED: OnceLock<Mutex<BTreeMap<usize, &'static Dict>>> = OnceLock::new();
        let mut map = LOADED
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        map.entry(index)
            .or_insert_with(|| Box::leak(Box::new(Dict::decode(&inflate(index)))))
    }

    fn decode(bytes: &[u8]) -> Dict {
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
            let (alternatives, member) = (bytes[at], bytes[at + 1]);
            let (text, next) = str_at(bytes, at + 2);
            let (others, next) = str_at(bytes, next);
            at = next;
            values.push(Value {
                text: text.into(),
                alternatives,
                member,
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
        let mut prefixes = Prefixes::default();
        if bytes.get(at) == Some(&1) {
            at += 1;
            for i in 0..count {
                let (key, next) = str_at(bytes, at);
                prefixes.add(key, i as u32);
                at = next;
            }
            prefixes.sort();
        }
        Dict {
            pma,
            values,
            prefixes,
            arena: arena.into(),
            spans: spans.into(),
        }
    }

    /// The longest entry that `text` starts with: (its length in bytes, its value).
    pub(super) fn longest_prefix(&self, text: &str) -> Option<(usize, &Value)> {
        self.prefixes
            .longest_at(text, 0)
            .map(|(n, v)| (n, &self.values[v as usize]))
    }

    /// The leftmost-longest match at or after byte `from`: (start, end, value index).
    #[inline]
    pub(super) fn find(&self, text: &str, from: usize) -> Option<(usize, usize, u32)> {
        self.pma
            .leftmost_find_iter(&text[from..])
            .next()
            .map(|m| (m.start() + from, m.end() + from, m.value()))
    }
}

/// A dictionary of single characters (OpenCC's normalization of CJK
/// compatibility ideographs): a sorted table, a few kilobytes, where an
/// automaton would spend ~160 KB on its character map alone.
pub struct CharTable {
    chars: Vec<(char, Box<str>)>,
}

impl CharTable {
    pub(super) fn get(index: usize) -> &'static CharTable {
        static LOADED: OnceLock<Mutex<BTreeMap<usize, &'static CharTable>>> = OnceLock::new();
        let mut map = LOADED
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        map.entry(index).or_insert_with(|| {
            let bytes = inflate(index);
            let count = u32_at(&bytes, 0);
            let mut chars = Vec::with_capacity(count);
            let mut at = 4;
            for _ in 0..count {
                let c = char::from_u32(u32_at(&bytes, at) as u32).unwrap_or('\u{FFFD}');
                let (text, next) = str_at(&bytes, at + 4);
                chars.push((c, Box::from(text)));
                at = next;
            }
            Box::leak(Box::new(CharTable { chars }))
        })
    }

    pub(super) fn lookup(&self, c: char) -> Option<&str> {
        self.chars
            .binary_search_by_key(&c, |(k, _)| *k)
            .ok()
            .map(|i| &*self.chars[i].1)
    }
}

/// Keys by their first character, longest first, with a bit per character of
/// the Basic Multilingual Plane that starts one: anchored lookups that cost a
/// bit test where no key starts, which is almost everywhere.
///
/// A key of two or more characters is looked for only where the first two
/// characters may start one: a bit per hashed pair (64 Ki bits) rejects
/// almost every other place without a lookup.
#[derive(Default)]
pub struct Prefixes {
    bmp: Vec<u64>,
    pairs: Vec<u64>,
    /// First characters that are a whole key by themselves.
    single: Vec<char>,
    by_first: HashMap<char, Vec<(Box<str>, u32)>>,
}

/// The bit of a character pair in `Prefixes::pairs`.
#[inline(always)]
fn pair_bit(a: char, b: char) -> usize {
    let h = (a as u32).wrapping_mul(0x9E37_79B1) ^ (b as u32).wrapping_mul(0x85EB_CA77);
    (h >> 16) as usize
}

impl Prefixes {
    fn add(&mut self, key: &str, value: u32) {
        let Some(c) = key.chars().next() else { return };
        if self.bmp.is_empty() {
            self.bmp = vec![0; 1024];
            self.pairs = vec![0; 1024];
        }
        if (c as u32) < 0x10000 {
            self.bmp[c as usize / 64] |= 1 << (c as usize % 64);
        }
        match key.chars().nth(1) {
            Some(d) => {
                let bit = pair_bit(c, d);
                self.pairs[bit / 64] |= 1 << (bit % 64);
            }
            None => self.single.push(c),
        }
        self.by_first
            .entry(c)
            .or_default()
            .push((Box::from(key), value));
    }

    fn sort(&mut self) {
        self.single.sort_unstable();
        self.single.dedup();
        for keys in self.by_first.values_mut() {
            keys.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        }
    }

    /// Whether a key may start with `c`.
    #[inline(always)]
    pub(super) fn starts(&self, c: char) -> bool {
        let i = c as usize;
        if i < 0x10000 {
            self.bmp
                .get(i / 64)
                .is_some_and(|w| w & (1 << (i % 64)) != 0)
        } else {
            self.by_first.contains_key(&c)
        }
    }

    /// The longest key at byte `at` of `text`: (its length in bytes, its value index).
    #[inline]
    pub(super) fn longest_at(&self, text: &str, at: usize) -> Option<(usize, u32)> {
        let rest = &text[at..];
        let mut chars = rest.chars();
        let c = chars.next()?;
        if !self.starts(c) {
            return None;
        }
        let pair = chars.next().is_some_and(|d| {
            let bit = pair_bit(c, d);
            self.pairs[bit / 64] & (1 << (bit % 64)) != 0
        });
        if !pair && self.single.binary_search(&c).is_err() {
            return None;
        }
        self.by_first
            .get(&c)?
            .iter()
            .find(|(k, _)| rest.starts_with(&**k))
            .map(|(k, v)| (k.len(), *v))
    }
}

/// zhpress's overlay of a dictionary, matched where it can start (its keys
/// by first character). The overlay is small (a few thousand keys), so this
/// costs the hot loop far less than a second automaton pass over the text.
pub struct Overlay {
    pub(super) dict: &'static Dict,
}

impl Overlay {
    pub(super) fn get(index: usize) -> &'static Overlay {
        static LOADED: OnceLock<Mutex<BTreeMap<usize, &'static Overlay>>> = OnceLock::new();
        let mut map = LOADED
            .get_or_init(Default::default)
            .lock()
            .unwrap_or_else(|p| p.into_inner());
        map.entry(index).or_insert_with(|| {
            Box::leak(Box::new(Overlay {
                dict: Dict::get(index),
            }))
        })
    }

    /// The longest key at byte `at` of `text`: (its length in bytes, its value index).
    #[inline]
    pub(super) fn longest_at(&self, text: &str, at: usize) -> Option<(usize, u32)> {
        self.dict.prefixes.longest_at(text, at)
    }

    /// The first key starting in `text[from..to]`: (start, length, value index).
    #[inline]
    pub(super) fn first_in(
        &self,
        text: &str,
        from: usize,
        to: usize,
    ) -> Option<(usize, usize, u32)> {
        let p = &self.dict.prefixes;
        text[from..to]
            .char_indices()
            .filter(|&(_, c)| p.starts(c))
            .find_map(|(i, _)| p.longest_at(text, from + i).map(|(n, v)| (from + i, n, v)))
    }

    /// A key at `at` at least `than` bytes long.
    #[inline]
    pub(super) fn at_least(&self, text: &str, at: usize, than: usize) -> Option<(usize, u32)> {
        self.longest_at(text, at).filter(|&(n, _)| n >= than)
    }
}
