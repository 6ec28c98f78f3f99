//! Folding: both the indexed text and the query are folded to one script
//! character by character (Traditional → Simplified by the default reading
//! of OpenCC's TSCharacters, ASCII letters to lower case, full-width forms to
//! ASCII), so 軒轅 and 轩辕 meet on either variant. Character folding never
//! changes the length in UTF-16 units, so a match found in the folded text
//! highlights the same place in the original.
//!
//! `search.js` folds the query with the pairs the manifest ships (`pairs`:
//! only those whose result occurs in the index; a query character folding to
//! anything else cannot match in any case) and splits it into terms at the
//! characters of [`SEPARATORS`], which the manifest ships too, so the two
//! sides cannot disagree on what a term is.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use crate::convert::engine::Engine;

/// What splits a query into terms, after folding: JavaScript's `\s` and the
/// punctuation a reader puts between words. No indexed key holds one, so a
/// term never spans them. U+0000 is one too: the index uses it for "end".
pub const SEPARATORS: &str = "\0\t\n\u{b}\u{c}\r \u{a0}\u{1680}\u{2000}\u{2001}\u{2002}\u{2003}\u{2004}\u{2005}\u{2006}\u{2007}\u{2008}\u{2009}\u{200a}\u{2028}\u{2029}\u{202f}\u{205f}\u{3000}\u{feff},，、。;；:：!！?？'\"“”‘’「」『』《》()（）";

/// Whether a folded character separates terms (one of [`SEPARATORS`]).
pub fn is_separator(c: char) -> bool {
    static SET: OnceLock<Vec<char>> = OnceLock::new();
    let set = SET.get_or_init(|| {
        let mut v: Vec<char> = SEPARATORS.chars().collect();
        v.sort_unstable();
        v
    });
    // Nearly every character is neither ASCII punctuation nor a space: one
    // comparison settles most of them.
    (c <= '\u{300f}' || matches!(c, '\u{feff}' | '\u{ff01}'..='\u{ff1f}'))
        && set.binary_search(&c).is_ok()
}

/// A folder over the fold table, for megabytes of text.
#[derive(Clone, Copy)]
pub struct Folder {
    table: &'static BTreeMap<char, char>,
    bmp: &'static [char],
    /// Per BMP code point its folded form (in the BMP too: folding keeps the
    /// UTF-16 length), or 0 where that separates terms: one load of a table
    /// small enough for the cache decides both.
    folded: &'static [u16],
}

impl Folder {
    pub fn new() -> Folder {
        static FOLDED: OnceLock<Vec<u16>> = OnceLock::new();
        let (table, bmp) = (fold_table(), fold_bmp());
        let folded = FOLDED.get_or_init(|| {
            (0..0x10000u32)
                .map(|u| match char::from_u32(u) {
                    Some(c) => {
                        let f = fold_char(table, bmp, c);
                        // A BMP character folds into the BMP (same UTF-16 length).
                        match u16::try_from(f as u32) {
                            Ok(f) if !is_separator(c_of(f)) => f,
                            _ => 0,
                        }
                    }
                    // Surrogates are not characters.
                    None => 0,
                })
                .collect()
        });
        Folder { table, bmp, folded }
    }

    pub fn fold(self, c: char) -> char {
        fold_char(self.table, self.bmp, c)
    }

    /// The folded character's code point, and whether it separates terms.
    #[inline]
    pub fn fold_code(self, c: char) -> (u32, bool) {
        match self.folded.get(c as usize) {
            Some(&0) => (0, true),
            Some(&f) => (f as u32, false),
            None => {
                let f = self.fold(c);
                (f as u32, is_separator(f))
            }
        }
    }
}

fn c_of(u: u16) -> char {
    char::from_u32(u as u32).unwrap_or('\0')
}

/// The pairs `search.js` needs, `from` and `to` alternating (`"軒轩轅辕…"`):
/// those whose result `present` says occurs in the index.
pub fn pairs(present: impl Fn(char) -> bool) -> String {
    fold_table()
        .iter()
        .filter(|(_, &to)| present(to))
        .flat_map(|(&from, &to)| [from, to])
        .collect()
}

/// Folds text as `search.js` does: Traditional to Simplified by character,
/// full-width ASCII to ASCII, ASCII letters to lower case.
pub fn fold(text: &str) -> String {
    let table = fold_table();
    let bmp = fold_bmp();
    text.chars().map(|c| fold_char(table, bmp, c)).collect()
}

/// The fold table for the Basic Multilingual Plane as an array indexed by code
/// point: a lookup per character, not a tree search, over megabytes of text.
fn fold_bmp() -> &'static [char] {
    static BMP: OnceLock<Vec<char>> = OnceLock::new();
    BMP.get_or_init(|| {
        let mut v: Vec<char> = (0..0x10000u32)
            .map(|u| char::from_u32(u).unwrap_or('\u{FFFD}'))
            .collect();
        for (&from, &to) in fold_table() {
            if (from as u32) < 0x10000 {
                v[from as usize] = to;
            }
        }
        v
    })
}

fn fold_char(table: &BTreeMap<char, char>, bmp: &[char], c: char) -> char {
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let u = c as u32;
    if u < 0x10000 {
        let to = bmp[u as usize];
        if to != c {
            return to;
        }
    } else if let Some(&to) = table.get(&c) {
        return to;
    }
    let c = match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    };
    c.to_ascii_lowercase()
}

/// Every Han character whose TSCharacters default reading is another single
/// character of the same UTF-16 length, followed to its end (a reading that is
/// itself converted is converted again).
fn fold_table() -> &'static BTreeMap<char, char> {
    static TABLE: OnceLock<BTreeMap<char, char>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let Ok(t2s) = Engine::get("t2s") else {
            return BTreeMap::new();
        };
        let han = (0x3400..=0x4DBF)
            .chain(0x4E00..=0x9FFF)
            .chain(0xF900..=0xFAFF)
            .chain(0x20000..=0x2FA1F)
            .filter_map(char::from_u32);
        // One character a line: no phrase can match across a line break.
        let mut text = String::new();
        let mut chars = Vec::new();
        for c in han {
            text.push(c);
            text.push('\n');
            chars.push(c);
        }
        let converted = t2s.convert(&text);
        let mut table = BTreeMap::new();
        for (from, line) in chars.iter().zip(converted.split('\n')) {
            let mut it = line.chars();
            if let (Some(to), None) = (it.next(), it.next()) {
                if to != *from && to.len_utf16() == from.len_utf16() {
                    table.insert(*from, to);
                }
            }
        }
        let resolved: BTreeMap<char, char> = table
            .keys()
            .map(|&from| {
                let mut to = table[&from];
                for _ in 0..4 {
                    match table.get(&to) {
                        Some(&next) if next != from => to = next,
                        _ => break,
                    }
                }
                (from, to)
            })
            .collect();
        resolved
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_scripts_fold_to_one() {
        assert_eq!(fold("軒轅"), fold("轩辕"));
        assert_eq!(fold("重慶市軒轅文化研究會"), "重庆市轩辕文化研究会");
        assert_eq!(fold("發"), fold("发"));
        assert_eq!(fold("後"), "后");
        // Simplified text is left as it is.
        assert_eq!(fold("一段简单的文字"), "一段简单的文字");
    }

    #[test]
    fn latin_folds_case_and_width() {
        assert_eq!(fold("QQ Ｗｅｃｈａｔ　２０２０"), "qq wechat 2020");
    }

    #[test]
    fn substrings_match_after_folding() {
        let text = fold("這是一段簡單的說明");
        assert!(text.contains(&fold("段简")));
        assert!(text.contains(&fold("段簡")));
    }

    #[test]
    fn folding_keeps_utf16_length() {
        for (&from, &to) in fold_table() {
            assert_eq!(from.len_utf16(), to.len_utf16(), "{from} → {to}");
            // Folding is idempotent: a folded character folds to itself.
            assert_eq!(fold_char(fold_table(), fold_bmp(), to), to, "{from} → {to}");
        }
        assert!(fold_table().len() > 2000);
    }

    #[test]
    fn separators_split_what_search_js_splits() {
        for c in [
            ' ', '\u{3000}', ',', '，', '。', '「', '（', '\u{feff}', '\0',
        ] {
            assert!(is_separator(c), "{c:?}");
        }
        for c in ['軒', 'a', '·', '-', '\u{ff5e}'] {
            assert!(!is_separator(c), "{c:?}");
        }
    }
}
