//! OpenCC's greedy maximum match, over up to three sources at once: a
//! compiled dictionary, zhpress's overlay of it, and the site's rules. The
//! longest match at the leftmost position wins, and on equal length the
//! nearer source (rules, then the overlay, then the dictionary): exactly the
//! match of one dictionary holding all three, with the overlay's and the
//! rules' entries replacing equal keys. The overlay needs looking at only
//! where the scan has not yet decided: before the next match of the others,
//! and at its start (a key starting inside a longer match loses to it).
//!
//! Also the two things OpenCC 1.4 does around the match: ideographic
//! description sequences (⿰氵each) are copied whole, never converted inside,
//! and the CJK compatibility ideographs are normalized first.

use super::dict::{push_bytes, CharTable, Dict, Overlay, Value};
use super::Rules;

/// What a scan found at one place of the text.
pub enum Piece<'t, 'd> {
    /// Text no entry matched: copied as it is.
    Plain(&'t str),
    /// A dictionary (or overlay) entry: the matched source text and its value.
    Entry(&'t str, &'d Value),
    /// A rule: the matched source text and the rule's index.
    Rule(&'t str, u32),
}

/// One automaton's next match, searched again only once the scan has passed its start.
struct Cursor<'a> {
    pma: &'a daachorse::CharwiseDoubleArrayAhoCorasick<u32>,
    next: Option<(usize, usize, u32)>,
}

impl<'a> Cursor<'a> {
    fn new(pma: &'a daachorse::CharwiseDoubleArrayAhoCorasick<u32>, text: &str) -> Cursor<'a> {
        let mut c = Cursor { pma, next: None };
        c.next = c.search(text, 0);
        c
    }

    fn search(&self, text: &str, from: usize) -> Option<(usize, usize, u32)> {
        self.pma
            .leftmost_find_iter(&text[from..])
            .next()
            .map(|m| (m.start() + from, m.end() + from, m.value()))
    }

    /// The source's leftmost-longest match at or after `pos`. A match found
    /// from an earlier position that starts at or after `pos` is still the
    /// one (nothing of this source starts between), and once none is found
    /// none ever will be.
    fn at(&mut self, text: &str, pos: usize) -> Option<(usize, usize, u32)> {
        if let Some((s, _, _)) = self.next {
            if s < pos {
                self.next = self.search(text, pos);
            }
        }
        self.next
    }
}

/// The greedy maximum match of `dict`, its `overlay` and `rules` over `text`.
pub fn scan<'t, 'd>(
    text: &'t str,
    dict: Option<&'d Dict>,
    overlay: Option<&'d Overlay>,
    rules: Option<&Rules>,
    emit: &mut impl FnMut(Piece<'t, 'd>),
) {
    let mut rules = rules.map(|r| (Cursor::new(&r.pma, text), r));
    let mut dict = dict.map(|d| (Cursor::new(&d.pma, text), d));
    let mut pos = 0;
    while pos < text.len() {
        // The leftmost-longest of the rules and the dictionary (a rule wins ties)…
        let rule = rules.as_mut().and_then(|(c, _)| c.at(text, pos));
        let word = dict.as_mut().and_then(|(c, _)| c.at(text, pos));
        let mut best = match (rule, word) {
            (Some(r), Some(w)) if w.0 < r.0 || (w.0 == r.0 && w.1 - w.0 > r.1 - r.0) => {
                Some((w, 2u8))
            }
            (Some(r), _) => Some((r, 0)),
            (None, Some(w)) => Some((w, 2)),
            (None, None) => None,
        };
        // …then the overlay, which wins over the dictionary on a tie and
        // loses to a rule.
        if let Some(o) = overlay {
            let until = best.map_or(text.len(), |((s, _, _), _)| s);
            if let Some((s, n, v)) = o.first_in(text, pos, until) {
                best = Some(((s, s + n, v), 1));
            } else if let Some(((s, e, _), kind)) = best {
                let than = if kind == 0 { e - s + 1 } else { e - s };
                if let Some((n, v)) = o.at_least(text, s, than) {
                    best = Some(((s, s + n, v), 1));
                }
            }
        }
        let Some(((s, e, v), kind)) = best else { break };
        if s > pos {
            emit(Piece::Plain(&text[pos..s]));
        }
        let matched = &text[s..e];
        emit(match (kind, overlay, &dict) {
            (0, _, _) => Piece::Rule(matched, v),
            (1, Some(o), _) => Piece::Entry(matched, &o.dict.values[v as usize]),
            (_, _, Some((_, d))) => Piece::Entry(matched, &d.values[v as usize]),
            _ => Piece::Plain(matched),
        });
        pos = e;
    }
    if pos < text.len() {
        emit(Piece::Plain(&text[pos..]));
    }
}

/// `scan` of `dict` and `overlay` without rules, written out: the hot loop of
/// a build. Values are copied from the arenas in fixed-size blocks.
pub fn convert_fast(text: &str, dict: &Dict, overlay: Option<&Overlay>, out: &mut String) {
    let Some(overlay) = overlay else {
        let mut pos = 0;
        for m in dict.pma.leftmost_find_iter(text) {
            push_bytes(out, text, pos, m.start() - pos);
            let (at, len) = dict.spans[m.value() as usize];
            push_bytes(out, &dict.arena, at as usize, len as usize);
            pos = m.end();
        }
        push_bytes(out, text, pos, text.len() - pos);
        return;
    };
    let ov = overlay.dict;
    let mut pos = 0;
    'restart: loop {
        let base = pos;
        for m in dict.pma.leftmost_find_iter(&text[base..]) {
            let (ms, me) = (m.start() + base, m.end() + base);
            // An overlay key starting before the word, or at it and as long, wins.
            let ours = match overlay.first_in(text, pos, ms) {
                Some((s, n, v)) => Some((s, n, v)),
                None => overlay.at_least(text, ms, me - ms).map(|(n, v)| (ms, n, v)),
            };
            if let Some((s, n, v)) = ours {
                push_bytes(out, text, pos, s - pos);
                let (at, len) = ov.spans[v as usize];
                push_bytes(out, &ov.arena, at as usize, len as usize);
                pos = s + n;
                continue 'restart;
            }
            push_bytes(out, text, pos, ms - pos);
            let (at, len) = dict.spans[m.value() as usize];
            push_bytes(out, &dict.arena, at as usize, len as usize);
            pos = me;
        }
        match overlay.first_in(text, pos, text.len()) {
            Some((s, n, v)) => {
                push_bytes(out, text, pos, s - pos);
                let (at, len) = ov.spans[v as usize];
                push_bytes(out, &ov.arena, at as usize, len as usize);
                pos = s + n;
            }
            None => {
                push_bytes(out, text, pos, text.len() - pos);
                return;
            }
        }
    }
}

/// OpenCC's segmentation without rules, written out: each segment's byte
/// range in order. A match of `dict` from member `members` on is a single
/// character of the first step, no segmentation word: it stays in the
/// unmatched run, as plain text does. `overlay` entries are words.
pub fn segments_fast(
    text: &str,
    dict: &Dict,
    members: u8,
    overlay: Option<&Overlay>,
    each: &mut impl FnMut(std::ops::Range<usize>),
) {
    // `run`: where the pending unmatched run starts (it ends where the next word does).
    let mut run: Option<usize> = None;
    let mut pos = 0;
    let mut word = |s: usize, e: usize, run: &mut Option<usize>, pos: usize| {
        let from = run.take().unwrap_or(pos);
        if from < s {
            each(from..s);
        }
        each(s..e);
    };
    'restart: loop {
        let base = pos;
        for m in dict.pma.leftmost_find_iter(&text[base..]) {
            let (ms, me) = (m.start() + base, m.end() + base);
            if let Some(o) = overlay {
                let ours = match o.first_in(text, pos, ms) {
                    Some((s, n, _)) => Some((s, n)),
                    None => o.at_least(text, ms, me - ms).map(|(n, _)| (ms, n)),
                };
                if let Some((s, n)) = ours {
                    word(s, s + n, &mut run, pos);
                    pos = s + n;
                    continue 'restart;
                }
            }
            if dict.values[m.value() as usize].member >= members {
                run.get_or_insert(pos);
            } else {
                word(ms, me, &mut run, pos);
            }
            pos = me;
        }
        if let Some((s, n, _)) = overlay.and_then(|o| o.first_in(text, pos, text.len())) {
            word(s, s + n, &mut run, pos);
            pos = s + n;
            continue;
        }
        break;
    }
    let from = run.unwrap_or(pos);
    if from < text.len() {
        each(from..text.len());
    }
}

/// Arity of an ideographic description operator (U+2FF0–U+2FFF), 0 for
/// any other character; OpenCC's UTF8Util::IdeographicDescriptionOperatorArity.
fn ids_arity(c: char) -> usize {
    match c as u32 {
        0x2FF2 | 0x2FF3 => 3,
        0x2FFE | 0x2FFF => 1,
        0x2FF0..=0x2FFD => 2,
        _ => 0,
    }
}

/// The length in bytes of the complete ideographic description sequence
/// `text` starts with, or `None` (OpenCC's limits: 16 levels, 64 characters).
fn ids_len(text: &str) -> Option<usize> {
    fn consume(text: &str, depth: usize, count: &mut usize) -> Option<usize> {
        if depth == 0 || *count >= 64 {
            return None;
        }
        let c = text.chars().next()?;
        *count += 1;
        let mut at = c.len_utf8();
        for _ in 0..ids_arity(c) {
            if at >= text.len() {
                return None;
            }
            at += consume(&text[at..], depth - 1, count)?;
        }
        Some(at)
    }
    let c = text.chars().next()?;
    if ids_arity(c) == 0 {
        return None;
    }
    consume(text, 16, &mut 0)
}

/// Splits `text` into runs to convert and ideographic description sequences
/// to copy, calling `each(piece, is_sequence)` on each in order. No dictionary key
/// holds an operator, so no match can reach into a sequence from outside, and
/// cutting the runs there changes no match.
pub fn around_ids(text: &str, each: &mut impl FnMut(&str, bool)) {
    // U+2FF0–U+2FFF are E2 BF B0–BF in UTF-8.
    let bytes = text.as_bytes();
    let mut from = 0;
    let mut at = 0;
    while let Some(i) = memchr::memmem::find(&bytes[at..], &[0xE2, 0xBF]) {
        let op = at + i;
        at = op + 2;
        if bytes.get(op + 2).is_none_or(|b| *b < 0xB0) {
            continue;
        }
        if let Some(n) = ids_len(&text[op..]) {
            if op > from {
                each(&text[from..op], false);
            }
            each(&text[op..op + n], true);
            from = op + n;
            at = from;
        } else {
            at = op + 3;
        }
    }
    if from < text.len() {
        each(&text[from..], false);
    }
}

/// Whether `text` may hold a CJK compatibility ideograph (U+F900–U+FAFF:
/// EF A4 80–EF AB BF; U+2F800–U+2FA1F: F0 AF A0 80–F0 AF A8 9F).
pub fn may_need_normalization(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr2_iter(0xEF, 0xF0, b).any(|i| {
        matches!(
            (b[i], b.get(i + 1)),
            (0xEF, Some(0xA4..=0xAB)) | (0xF0, Some(0xAF))
        )
    })
}

/// OpenCC's normalization pass: each character the table lists replaced,
/// outside ideographic description sequences.
pub fn normalize(text: &str, table: &CharTable) -> String {
    let mut out = String::with_capacity(text.len());
    around_ids(text, &mut |run, sequence| {
        if sequence {
            out.push_str(run);
            return;
        }
        for c in run.chars() {
            match table.lookup(c) {
                Some(t) => out.push_str(t),
                None => out.push(c),
            }
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_parsed_as_opencc_does() {
        assert_eq!(ids_len("⿰氵每"), Some("⿰氵每".len()));
        assert_eq!(ids_len("⿱⿰木木木x"), Some("⿱⿰木木木".len()));
        assert_eq!(ids_len("⿲木木木"), Some("⿲木木木".len()));
        assert_eq!(ids_len("⿰氵"), None);
        assert_eq!(ids_len("氵"), None);
        let mut pieces = Vec::new();
        around_ids("发⿰发发后⿰", &mut |s, sequence| {
            pieces.push((s.to_string(), sequence))
        });
        let expected = [("发", false), ("⿰发发", true), ("后⿰", false)];
        assert_eq!(pieces, expected.map(|(s, b)| (s.to_string(), b)));
    }

    #[test]
    fn compatibility_ideographs_are_detected() {
        assert!(may_need_normalization("a\u{F900}b"));
        assert!(may_need_normalization("\u{2F800}"));
        assert!(!may_need_normalization("漢字，。"));
    }
}
