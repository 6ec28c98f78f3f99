//! The search index of one variant, for `search.js`: no server, no fetch().
//!
//! The index is a script assigning one global (`window.zhpressSearchIndex`),
//! because a page opened from `file://` may load a script but not fetch JSON.
//! It holds each document's text as readers see it, in the variant's script,
//! and the folding pairs that let a query in either script find it.
//!
//! Folding: both the text and the query are folded to one script character
//! by character (Traditional → Simplified by the default reading of OpenCC's
//! TSCharacters, ASCII letters to lower case, full-width forms to ASCII), so
//! 軒轅 and 轩辕 meet on either variant. Character folding never changes the
//! length in UTF-16 units, so a match found in the folded text highlights the
//! same place in the original. Chinese needs no segmentation for this: a
//! query matches as a plain substring of the folded text, so 段简 is found
//! inside 一段简单 (Pagefind#987), which word segmentation misses. For a
//! report of this size a linear scan takes well under a millisecond.
//!
//! Only the pairs whose folded form occurs in the index are shipped: a query
//! character folding to anything else cannot match in any case.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Serialize;

use crate::model::{OrgView, Publication};
use crate::opencc::Engine;

/// One document of the search index, serialized, and which of the fold
/// table's target characters its texts hold (a bit per target, in the order
/// of the sorted targets).
struct SearchDoc {
    json: String,
    targets: Box<[u64]>,
}

/// The global the index script assigns.
pub const GLOBAL: &str = "zhpressSearchIndex";

/// One searchable document: `[url, kind, title, text…]`, the url relative to
/// the variant's root; kind `o` organization, `t` activity type, `p` page.
/// The first text (category and summary) ranks above the rest.
type Doc = Vec<String>;

// The index is `{"fold": …, "lang": …, "docs": [Doc…]}`: `lang` the variant's
// BCP 47 code, `fold` the folding pairs, `from` and `to` alternating
// (`"軒轩轅辕…"`).

/// `search-index.js` for one variant.
///
/// The organizations' documents are serialized in parallel, each with the
/// folded characters it holds, then joined.
pub fn search_index(p: &Publication) -> Vec<u8> {
    use rayon::prelude::*;
    let orgs: Vec<SearchDoc> = p.orgs.par_iter().map(|o| org_fragment(o)).collect();
    let others: Vec<SearchDoc> = other_documents(p).iter().map(|d| fragment(d)).collect();
    let fragments: Vec<&SearchDoc> = orgs.iter().chain(others.iter()).collect();
    // Which targets occur anywhere: the union of the documents' bitsets.
    let targets = fold_targets();
    let mut present = vec![0u64; targets.len().div_ceil(64)];
    for f in &fragments {
        for (p, w) in present.iter_mut().zip(f.targets.iter()) {
            *p |= w;
        }
    }
    let fold: String = fold_table()
        .iter()
        .filter(|(_, to)| {
            targets
                .binary_search(to)
                .is_ok_and(|i| present[i / 64] & (1 << (i % 64)) != 0)
        })
        .flat_map(|(from, to)| [*from, *to])
        .collect();
    let docs_len: usize = fragments.iter().map(|f| f.json.len() + 1).sum();
    let mut out = Vec::with_capacity(docs_len + fold.len() + 256);
    out.extend_from_slice(
        format!(
            "// The search index of {} (zhpress). Generated; loaded by search.js on first use.\nwindow.{}=",
            p.variant.code, GLOBAL
        )
        .as_bytes(),
    );
    let head = serde_json::json!({"lang": p.variant.code, "fold": fold}).to_string();
    // `{"fold":…,"lang":…}` opened up to take the documents.
    out.extend_from_slice(&head.as_bytes()[..head.len() - 1]);
    out.extend_from_slice(b",\"docs\":[");
    for (i, f) in fragments.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(f.json.as_bytes());
    }
    out.extend_from_slice(b"]};\n");
    out
}

/// An organization's document: `[url, "o", name, category · summary, activities, account]`.
fn org_fragment(o: &OrgView) -> SearchDoc {
    let mut lede = o.category.clone().unwrap_or_default();
    if let Some(s) = &o.summary {
        if !lede.is_empty() {
            lede.push_str(" · ");
        }
        lede.push_str(s);
    }
    let activities: Vec<&str> = o.activities.iter().map(|a| a.summary.as_str()).collect();
    let url = format!("orgs/{}/index.html", o.slug);
    let activities = activities.join("\n");
    fragment(&[&url, "o", &o.name, &lede, &activities, &o.body_text])
}

/// A document serialized, with the folded characters of its texts that some
/// pair folds to (no other character decides which pairs are shipped).
fn fragment<S: AsRef<str> + Serialize>(doc: &[S]) -> SearchDoc {
    let targets = fold_targets();
    let mut bits = vec![0u64; targets.len().div_ceil(64)];
    for t in doc.iter().skip(2) {
        for c in fold(t.as_ref()).chars() {
            if let Ok(i) = targets.binary_search(&c) {
                bits[i / 64] |= 1 << (i % 64);
            }
        }
    }
    SearchDoc {
        json: serde_json::to_string(doc).unwrap_or_else(|_| "[]".into()),
        targets: bits.into(),
    }
}

/// The documents of activity types and free pages.
fn other_documents(p: &Publication) -> Vec<Doc> {
    let mut docs = Vec::new();
    for t in &p.activity_types {
        docs.push(vec![
            format!("activities/{}/index.html", t.key),
            "t".into(),
            t.name.clone(),
            html_text(&t.description_html),
        ]);
    }
    for pg in &p.pages {
        docs.push(vec![
            format!("pages/{}/index.html", pg.slug),
            "p".into(),
            pg.title.clone(),
            String::new(),
            pg.body_text.clone(),
        ]);
    }
    docs
}

/// The text of sanitized HTML: tags dropped, the entities pulldown-cmark and
/// ammonia write decoded, blocks separated by a line break.
fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let end = rest[i..].find('>').map_or(rest.len(), |e| i + e + 1);
        let tag = &rest[i..end];
        if tag.starts_with("</p") || tag.starts_with("<br") || tag.starts_with("</li") {
            out.push('\n');
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out.trim()
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
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

/// The characters some pair of the fold table folds to, sorted, each once.
fn fold_targets() -> &'static [char] {
    static TARGETS: OnceLock<Vec<char>> = OnceLock::new();
    TARGETS.get_or_init(|| {
        let mut t: Vec<char> = fold_table().values().copied().collect();
        t.sort_unstable();
        t.dedup();
        t
    })
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
    fn html_text_drops_tags_and_decodes() {
        assert_eq!(
            html_text("<p>通過<strong>網站</strong> &amp; 微信</p>\n<p>第二段</p>"),
            "通過網站 & 微信\n\n第二段"
        );
    }
}
