//! The inverted index: every position of the folded text under its key, the
//! character there and the next one (a bigram), or the character alone where
//! a separator or the end of a field follows.
//!
//! A query term of two or more characters is found where all its bigrams
//! occur one after another, which is exactly where it occurs as a substring
//! (段简 inside 一段简单, no word segmentation); a term of one character is
//! every key it starts, a contiguous range because keys are sorted by code
//! point with "end" first. Each position sits under one key, so nothing is
//! stored twice.
//!
//! A key's posting list is a string of numbers ([`code`]), one entry per
//! document field that holds the key: `((doc + 1 − previous doc + 1) · 4 +
//! field)`, for the title its length in UTF-16 units (an exact title match
//! ranks first), then the positions in UTF-16 units, the first plus one and
//! then the gaps, and a `0`. Fields are 0 the title, 1 the summary line,
//! 2 the rest: what ranking needs, names first, then summaries, then the
//! number of occurrences.

use super::code;
use super::fold::Folder;
use super::Doc;

/// A key: the first character's code point, shifted, and the second's, or 0
/// for "end". Sorting keys sorts them as `search.js` compares them.
type Key = u64;

#[inline]
fn key(first: u32, second: u32) -> Key {
    (first as u64) << 21 | second as u64
}

/// The text of a key as `search.js` spells it: one character, or two.
pub fn key_text(k: Key) -> String {
    let first = char::from_u32((k >> 21) as u32).unwrap_or('\u{FFFD}');
    let mut s = String::from(first);
    if let Some(c) = char::from_u32((k & 0x1F_FFFF) as u32).filter(|&c| c != '\0') {
        s.push(c);
    }
    s
}

/// A posting list being written.
#[derive(Default)]
struct List {
    bytes: Vec<u8>,
    /// `(doc + 1) << 2 | field` of the entry being written, 0 before the first.
    entry: u64,
    last_pos: u32,
}

/// Every key's posting list, sorted by key.
pub struct Index {
    pub lists: Vec<(Key, Vec<u8>)>,
    /// Which folded characters occur, a bit per code point.
    pub present: Vec<u64>,
}

/// Whether `present` (of an [`Index`]) has the character.
pub fn has(present: &[u64], c: char) -> bool {
    let u = c as usize;
    present[u / 64] & (1 << (u % 64)) != 0
}

/// Open addressing from keys to list numbers: one lookup per character of
/// the text, so no general-purpose map. The table holds list numbers alone
/// (plus one; 0 is empty), the list its key: a lookup reads the list it needs
/// anyway, and the table stays small enough for the cache.
struct Table {
    slots: Vec<u32>,
    lists: Vec<(Key, List)>,
    mask: usize,
}

impl Table {
    fn new() -> Table {
        let size = 1 << 14;
        Table {
            slots: vec![0; size],
            lists: Vec::new(),
            mask: size - 1,
        }
    }

    #[inline]
    fn home(&self, k: Key) -> usize {
        (k.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize & self.mask
    }

    #[inline]
    fn list(&mut self, k: Key) -> &mut List {
        let mut i = self.home(k);
        loop {
            let slot = self.slots[i] as usize;
            if slot == 0 {
                break;
            }
            if self.lists[slot - 1].0 == k {
                return &mut self.lists[slot - 1].1;
            }
            i = (i + 1) & self.mask;
        }
        if (self.lists.len() + 1) * 2 > self.slots.len() {
            self.grow();
            return self.list(k);
        }
        self.lists.push((
            k,
            List {
                // Most lists are short; this saves their first reallocations.
                bytes: Vec::with_capacity(16),
                ..List::default()
            },
        ));
        self.slots[i] = self.lists.len() as u32;
        let last = self.lists.len() - 1;
        &mut self.lists[last].1
    }

    /// One more position of key `k`, in the field `entry` (`(doc + 1) << 2 |
    /// field`), with the title's length when that field is the title.
    #[inline]
    fn add(&mut self, k: Key, entry: u64, title: Option<u32>, at: u32) {
        let list = self.list(k);
        if list.entry == entry {
            code::push(&mut list.bytes, (at - list.last_pos) as u64);
        } else {
            if list.entry != 0 {
                list.bytes.push(code::ALPHABET[0]);
            }
            let gap = (entry >> 2) - (list.entry >> 2);
            code::push(&mut list.bytes, gap << 2 | (entry & 3));
            if let Some(len) = title {
                code::push(&mut list.bytes, len as u64);
            }
            code::push(&mut list.bytes, at as u64 + 1);
            list.entry = entry;
        }
        list.last_pos = at;
    }

    fn grow(&mut self) {
        let size = self.slots.len() * 2;
        self.slots = vec![0; size];
        self.mask = size - 1;
        for slot in 0..self.lists.len() {
            let mut i = self.home(self.lists[slot].0);
            while self.slots[i] != 0 {
                i = (i + 1) & self.mask;
            }
            self.slots[i] = slot as u32 + 1;
        }
    }
}

/// Indexes the documents in order (a document's number is its place).
/// `None` when `stop` says so (asked every [`STOP_EVERY`] documents).
pub fn build(docs: &[Doc<'_>], stop: &dyn Fn() -> bool) -> Option<Index> {
    let folder = Folder::new();
    let mut table = Table::new();
    let mut present = vec![0u64; 0x110000 / 64];
    for (d, doc) in docs.iter().enumerate() {
        if d % STOP_EVERY == 0 && stop() {
            return None;
        }
        let title_len = doc.fields.first().map_or(0, |t| utf16_len(t));
        // The rest of a document is one field, its parts one line apart:
        // positions count on across them.
        let mut pos = 0;
        for (i, text) in doc.fields.iter().enumerate() {
            let field = i.min(2) as u64;
            if i <= 2 {
                pos = 0;
            } else {
                pos += 1;
            }
            let entry = ((d as u64 + 1) << 2) | field;
            let title = (field == 0).then_some(title_len);
            // The previous character, when it is no separator, and where.
            let mut prev: Option<(u32, u32)> = None;
            for c in text.chars() {
                let (f, sep) = folder.fold_code(c);
                if let Some((p, at)) = prev {
                    table.add(key(p, if sep { 0 } else { f }), entry, title, at);
                }
                prev = if sep {
                    None
                } else {
                    present[f as usize / 64] |= 1 << (f % 64);
                    Some((f, pos))
                };
                pos += c.len_utf16() as u32;
            }
            if let Some((p, at)) = prev {
                table.add(key(p, 0), entry, title, at);
            }
        }
    }
    let mut lists: Vec<(Key, Vec<u8>)> = table
        .lists
        .into_iter()
        .map(|(k, mut l)| {
            l.bytes.push(code::ALPHABET[0]);
            (k, l.bytes)
        })
        .collect();
    lists.sort_unstable_by_key(|(k, _)| *k);
    Some(Index { lists, present })
}

/// How many documents are indexed between two looks at `stop`: a few
/// milliseconds' work.
const STOP_EVERY: usize = 256;

fn utf16_len(s: &str) -> u32 {
    s.chars().map(|c| c.len_utf16() as u32).sum()
}

/// A posting list cut into parts of about `max` bytes, each starting at a
/// document and counting its documents from the start, so each part reads
/// on its own.
pub fn split(list: &[u8], max: usize) -> Vec<Vec<u8>> {
    let mut parts = Vec::new();
    let mut part: Vec<u8> = Vec::new();
    let mut at = 0;
    // The current entry's document, plus one.
    let mut doc = 0u64;
    while let Some((header, body)) = code::read(list, at) {
        let (gap, field) = (header >> 2, header & 3);
        doc += gap;
        if gap > 0 && part.len() >= max {
            parts.push(std::mem::take(&mut part));
        }
        let header = if part.is_empty() {
            doc << 2 | field
        } else {
            header
        };
        code::push(&mut part, header);
        // The rest of the entry, up to and including its 0.
        let mut next = body;
        while let Some((v, n)) = code::read(list, next) {
            next = n;
            if v == 0 {
                break;
            }
        }
        part.extend_from_slice(&list[body..next]);
        at = next;
    }
    if !part.is_empty() {
        parts.push(part);
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::borrow::Cow;

    fn doc(fields: &[&str]) -> Doc<'static> {
        Doc {
            url: String::new(),
            kind: "o",
            fields: fields.iter().map(|f| Cow::Owned(f.to_string())).collect(),
        }
    }

    fn whole(docs: &[Doc<'_>]) -> Index {
        build(docs, &|| false).expect("never stopped")
    }

    fn list<'a>(index: &'a Index, k: &str) -> &'a str {
        let i = index
            .lists
            .binary_search_by_key(&k.to_string(), |(k, _)| key_text(*k))
            .unwrap_or_else(|_| panic!("no key {k}"));
        std::str::from_utf8(&index.lists[i].1).unwrap()
    }

    #[test]
    fn positions_of_bigrams_and_ends() {
        // 軒轅 folds to 轩辕: both scripts meet under one key.
        let index = whole(&[doc(&["軒轅會", "", "轩辕，轩"]), doc(&["甲"])]);
        // Doc 0's title (gap 1, field 0: 4), its length 3, at 0 (+1); then
        // its rest (gap 0, field 2), at 0.
        assert_eq!(list(&index, "轩辕"), "4310210");
        // 辕 before the comma ends a term; so does 轩 at the end.
        assert_eq!(list(&index, "辕"), "620");
        assert_eq!(list(&index, "轩"), "640");
        // Doc 1's title: gap 2 (from nothing), field 0.
        assert_eq!(list(&index, "甲"), "8110");
        assert!(has(&index.present, '轩') && !has(&index.present, '軒'));
    }

    #[test]
    fn rest_fields_count_on_across_parts() {
        let index = whole(&[doc(&["", "", "ab", "cab"])]);
        // "ab" at 0 and at 4 (after "ab\n" and "c"): a gap of 4.
        assert_eq!(list(&index, "ab"), "6140");
    }

    #[test]
    fn split_lists_start_at_documents() {
        let docs: Vec<Doc> = (0..50).map(|_| doc(&["", "", "甲乙甲乙"])).collect();
        let index = whole(&docs);
        let whole = list(&index, "甲乙").as_bytes();
        let parts = split(whole, 20);
        assert!(parts.len() > 2);
        // Each part decodes to whole entries, numbered from the start.
        let mut docs = Vec::new();
        for p in &parts {
            let (mut at, mut doc) = (0, 0);
            while at < p.len() {
                let (h, mut n) = code::read(p, at).unwrap();
                doc += h >> 2;
                docs.push(doc - 1);
                loop {
                    let (v, m) = code::read(p, n).unwrap();
                    n = m;
                    if v == 0 {
                        break;
                    }
                }
                at = n;
            }
        }
        assert_eq!(docs, (0..50).collect::<Vec<u64>>());
    }

    #[test]
    fn stops_when_told() {
        let docs: Vec<Doc> = (0..2 * STOP_EVERY).map(|_| doc(&["甲乙"])).collect();
        let asked = std::cell::Cell::new(0);
        let stop = || {
            asked.set(asked.get() + 1);
            asked.get() > 1
        };
        assert!(build(&docs, &stop).is_none(), "stopped at the second look");
        assert_eq!(asked.get(), 2);
    }
}
