//! Quotation marks in prose: paired by nesting, and written in a variant's
//! style (site.toml's `quotes`).
//!
//! Chinese writes quotations two ways: corner brackets 「…『…』…」 (Taiwan,
//! Hong Kong) and curly quotes “…‘…’…” (the mainland). Both nest the same
//! way, the outer pair and the inner pair alternating, so a mark's new form
//! is decided by the depth of its pair, not by the mark alone: 「…『…』…」
//! becomes “…‘…’…” and back. The marks are paired over the prose of one text
//! field (crate::text::prose: never code, URLs or `-{…}-`), each paragraph
//! on its own; a mark with no partner is left as written, and `check`
//! reports it.

use std::ops::Range;

/// How a variant writes quotation marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum QuoteStyle {
    /// 「」 outside, 『』 inside.
    Corner,
    /// “” outside, ‘’ inside.
    Curly,
}

impl QuoteStyle {
    /// The values site.toml's `quotes` takes.
    pub const NAMES: &'static [&'static str] = &["corner", "curly"];

    pub fn from_name(name: &str) -> Option<QuoteStyle> {
        match name {
            "corner" => Some(QuoteStyle::Corner),
            "curly" => Some(QuoteStyle::Curly),
            _ => None,
        }
    }

    /// The opening and closing mark of a pair `depth` levels deep.
    fn pair(self, depth: usize) -> (char, char) {
        match (self, depth % 2) {
            (QuoteStyle::Corner, 0) => ('「', '」'),
            (QuoteStyle::Corner, _) => ('『', '』'),
            (QuoteStyle::Curly, 0) => ('“', '”'),
            (QuoteStyle::Curly, _) => ('‘', '’'),
        }
    }
}

/// The closing mark of each opening one.
const PAIRS: [(char, char); 4] = [('「', '」'), ('『', '』'), ('“', '”'), ('‘', '’')];

/// Whether a text holds any quotation mark (most text holds none).
pub fn any(text: &str) -> bool {
    text.contains(|c| PAIRS.iter().any(|&(o, e)| c == o || c == e))
}

/// One quotation mark of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// Byte offset in the text.
    pub at: usize,
    pub ch: char,
    pub opening: bool,
    /// How many pairs enclose its pair; `None` when it has no partner.
    pub depth: Option<usize>,
}

/// The quotation marks in `prose` (byte ranges of `text`, in order), paired.
/// An apostrophe (`don’t`, ’ between two ASCII letters or digits) is not a
/// quotation mark. A blank line ends a paragraph, and every quotation still
/// open there stays unpaired.
pub fn marks(text: &str, prose: &[Range<usize>]) -> Vec<Mark> {
    let mut out: Vec<Mark> = Vec::new();
    // Indices in `out` of the opening marks not yet closed.
    let mut open: Vec<usize> = Vec::new();
    let mut newlines = 0;
    let mut at = 0;
    for r in prose {
        // What lies between two pieces of prose (Markdown syntax, a code
        // span) may hold the blank line that ends a paragraph.
        paragraph_breaks(&text[at.min(r.start)..r.start], &mut newlines, &mut open);
        at = r.end;
        for (i, c) in text[r.clone()].char_indices() {
            let i = r.start + i;
            paragraph_breaks(&text[i..i + c.len_utf8()], &mut newlines, &mut open);
            if let Some(&(_, _)) = PAIRS.iter().find(|(o, _)| *o == c) {
                open.push(out.len());
                out.push(mark(i, c, true));
            } else if let Some(&(opener, _)) = PAIRS.iter().find(|(_, e)| *e == c) {
                if c == '’' && is_apostrophe(text, i) {
                    continue;
                }
                out.push(mark(i, c, false));
                // The innermost open quotation this mark closes; those
                // opened inside it and never closed stay unpaired.
                if let Some(k) = open.iter().rposition(|&j| out[j].ch == opener) {
                    let j = open[k];
                    open.truncate(k);
                    let last = out.len() - 1;
                    // Paired: the depth is set below, once every pair is known.
                    out[j].depth = Some(0);
                    out[last].depth = Some(0);
                }
            }
        }
    }
    set_depths(&mut out);
    out
}

fn mark(at: usize, ch: char, opening: bool) -> Mark {
    Mark {
        at,
        ch,
        opening,
        depth: None,
    }
}

/// Counts line breaks since the last visible character of `s`; at a blank
/// line the open quotations are dropped (they stay unpaired).
fn paragraph_breaks(s: &str, newlines: &mut usize, open: &mut Vec<usize>) {
    for c in s.chars() {
        if c == '\n' {
            *newlines += 1;
            if *newlines >= 2 {
                open.clear();
            }
        } else if !c.is_whitespace() {
            *newlines = 0;
        }
    }
}

/// Whether the ’ at `at` stands between two ASCII letters or digits.
fn is_apostrophe(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at + '’'.len_utf8()..].chars().next();
    before.is_some_and(|c| c.is_ascii_alphanumeric())
        && after.is_some_and(|c| c.is_ascii_alphanumeric())
}

/// The depth of each pair: how many pairs are open around it. Unpaired
/// marks do not count, so a stray 「 leaves the pairs after it as they were.
fn set_depths(marks: &mut [Mark]) {
    let mut depth = 0usize;
    for m in marks.iter_mut() {
        if m.depth.is_none() {
            continue;
        }
        if m.opening {
            m.depth = Some(depth);
            depth += 1;
        } else {
            depth = depth.saturating_sub(1);
            m.depth = Some(depth);
        }
    }
}

/// `text` with the paired quotation marks of its `prose` written in
/// `style`. Every mark is three bytes long in UTF-8, so the result has the
/// same length and every byte offset into `text` still holds.
pub fn restyle(text: &str, prose: &[Range<usize>], style: QuoteStyle) -> String {
    let mut out = text.to_string();
    for m in marks(text, prose) {
        let Some(depth) = m.depth else { continue };
        let (o, e) = style.pair(depth);
        let new = if m.opening { o } else { e };
        if new != m.ch {
            debug_assert_eq!(new.len_utf8(), m.ch.len_utf8());
            out.replace_range(m.at..m.at + m.ch.len_utf8(), new.encode_utf8(&mut [0; 4]));
        }
    }
    out
}

/// The partner an unpaired mark is missing: (what is missing, the mark it needs).
pub fn missing(m: &Mark) -> (&'static str, char) {
    let pair = PAIRS.iter().find(|(o, e)| *o == m.ch || *e == m.ch);
    match (pair, m.opening) {
        (Some(&(_, e)), true) => ("closing", e),
        (Some(&(o, _)), false) => ("opening", o),
        (None, _) => ("matching", m.ch),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<Range<usize>> {
        std::iter::once(0..text.len()).collect()
    }

    fn restyled(text: &str, style: QuoteStyle) -> String {
        restyle(text, &all(text), style)
    }

    #[test]
    fn nesting_decides_the_mark() {
        let corner = "他說：「我讀了『抗疫』一文，『很好』。」";
        let curly = "他說：“我讀了‘抗疫’一文，‘很好’。”";
        assert_eq!(restyled(corner, QuoteStyle::Curly), curly);
        assert_eq!(restyled(curly, QuoteStyle::Corner), corner);
        // By depth, not by the character: a source mixing the two.
        assert_eq!(
            restyled("“甲「乙」丙”", QuoteStyle::Corner),
            "「甲『乙』丙」"
        );
        assert_eq!(restyled("「甲“乙”丙」", QuoteStyle::Curly), "“甲‘乙’丙”");
        // Three levels alternate.
        assert_eq!(
            restyled("「一『二「三」二』一」", QuoteStyle::Curly),
            "“一‘二“三”二’一”"
        );
        // Already in style: unchanged.
        assert_eq!(restyled(corner, QuoteStyle::Corner), corner);
    }

    #[test]
    fn unpaired_marks_stay_and_the_rest_is_converted() {
        let text = "「甲『乙」丙“丁”";
        let got = restyled(text, QuoteStyle::Curly);
        assert_eq!(got, "“甲『乙”丙“丁”", "『 has no partner");
        let unpaired: Vec<char> = marks(text, &all(text))
            .into_iter()
            .filter(|m| m.depth.is_none())
            .map(|m| m.ch)
            .collect();
        assert_eq!(unpaired, vec!['『']);
        // A stray opening mark does not deepen the pairs after it.
        assert_eq!(restyled("「甲「乙」", QuoteStyle::Curly), "「甲“乙”");
        assert_eq!(restyled("甲」乙「丙」", QuoteStyle::Curly), "甲」乙“丙”");
        assert_eq!(missing(&mark(0, '「', true)), ("closing", '」'));
        assert_eq!(missing(&mark(0, '’', false)), ("opening", '‘'));
    }

    #[test]
    fn apostrophes_and_paragraphs() {
        assert_eq!(
            restyled("‘don’t’說", QuoteStyle::Corner),
            "「don’t」說",
            "the apostrophe is not a mark"
        );
        let text = "「第一段\n\n第二段」";
        assert!(marks(text, &all(text)).iter().all(|m| m.depth.is_none()));
        let text = "「一行\n接著」";
        assert!(marks(text, &all(text)).iter().all(|m| m.depth.is_some()));
    }

    #[test]
    fn only_prose_is_paired_and_lengths_hold() {
        let text = "「甲`」`乙」";
        // The code span (bytes 6..11) is not prose.
        let prose = vec![0..6, 11..text.len()];
        let got = restyle(text, &prose, QuoteStyle::Curly);
        assert_eq!(got, "“甲`」`乙”");
        assert_eq!(got.len(), text.len());
        assert!(any("「") && !any("abc,。"));
    }
}
