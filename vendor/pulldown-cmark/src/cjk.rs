//! Character classes of the CommonMark CJK-friendly amendment
//! (zhpress's patch, see PATCHED.md): which delimiter runs are flanking when
//! emphasis markers touch Chinese, Japanese or Korean text.
//!
//! The amendment changes only the definitions of left- and right-flanking
//! delimiter runs: CJK punctuation (「」《》，。…) no longer blocks a run the
//! way ASCII punctuation does, and a CJK character before (or after) the run
//! counts like whitespace beside non-CJK punctuation. Every run that plain
//! CommonMark calls flanking still is one.

use crate::puncttable::is_punctuation;

/// Code points that are CJK characters: East Asian Width W, F or H and not
/// emoji presented as emoji, or Hangul (Unicode 14 data, generated once).
const CJK: &[(u32, u32)] = &[
    (0x1100, 0x11FF),
    (0x20A9, 0x20A9),
    (0x2329, 0x232A),
    (0x2E80, 0x2E99),
    (0x2E9B, 0x2EF3),
    (0x2F00, 0x2FD5),
    (0x2FF0, 0x2FFB),
    (0x3000, 0x303E),
    (0x3041, 0x3096),
    (0x3099, 0x30FF),
    (0x3105, 0x312F),
    (0x3131, 0x318E),
    (0x3190, 0x31E3),
    (0x31F0, 0x321E),
    (0x3220, 0x3247),
    (0x3250, 0x4DBF),
    (0x4E00, 0xA48C),
    (0xA490, 0xA4C6),
    (0xA960, 0xA97C),
    (0xAC00, 0xD7A3),
    (0xD7B0, 0xD7C6),
    (0xD7CB, 0xD7FB),
    (0xF900, 0xFAFF),
    (0xFE10, 0xFE19),
    (0xFE30, 0xFE52),
    (0xFE54, 0xFE66),
    (0xFE68, 0xFE6B),
    (0xFF01, 0xFFBE),
    (0xFFC2, 0xFFC7),
    (0xFFCA, 0xFFCF),
    (0xFFD2, 0xFFD7),
    (0xFFDA, 0xFFDC),
    (0xFFE0, 0xFFE6),
    (0xFFE8, 0xFFEE),
    (0x16FE0, 0x16FE4),
    (0x16FF0, 0x16FF1),
    (0x17000, 0x187F7),
    (0x18800, 0x18CD5),
    (0x18D00, 0x18D08),
    (0x1AFF0, 0x1AFF3),
    (0x1AFF5, 0x1AFFB),
    (0x1AFFD, 0x1AFFE),
    (0x1B000, 0x1B122),
    (0x1B150, 0x1B152),
    (0x1B164, 0x1B167),
    (0x1B170, 0x1B2FB),
    (0x1F200, 0x1F200),
    (0x1F202, 0x1F202),
    (0x1F210, 0x1F219),
    (0x1F21B, 0x1F22E),
    (0x1F230, 0x1F231),
    (0x1F237, 0x1F237),
    (0x1F23B, 0x1F23B),
    (0x1F240, 0x1F248),
    (0x1F260, 0x1F265),
    (0x20000, 0x2FFFD),
    (0x30000, 0x3FFFD),
];

/// A CJK character.
pub(crate) fn is_cjk(c: char) -> bool {
    let cp = c as u32;
    if cp < 0x1100 {
        return false;
    }
    let i = CJK.partition_point(|&(_, end)| end < cp);
    CJK.get(i).is_some_and(|&(start, _)| start <= cp)
}

/// A variation selector that may follow a CJK character or punctuation
/// mark and leaves it what it is (U+FE00–U+FE0E; U+FE0F asks for an emoji).
fn is_text_variation_selector(c: char) -> bool {
    ('\u{FE00}'..='\u{FE0E}').contains(&c)
}

/// An ideographic variation selector (U+E0100–U+E01EF).
fn is_ideographic_variation_selector(c: char) -> bool {
    ('\u{E0100}'..='\u{E01EF}').contains(&c)
}

/// Punctuation that is not CJK: the kind that still blocks a delimiter run.
fn is_non_cjk_punctuation(c: char) -> bool {
    is_punctuation(c) && !is_cjk(c)
}

/// What is on one side of a delimiter run, as the amendment classes it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    /// Whitespace, or the start or end of the line.
    Space,
    NonCjkPunctuation,
    /// A CJK character, punctuation or not (or an ideographic variation
    /// selector, which only follows one).
    Cjk,
    /// A CJK punctuation mark: also `Cjk`, and punctuation for `_`.
    CjkPunctuation,
    Other,
}

fn class(c: Option<char>) -> Side {
    match c {
        None => Side::Space,
        Some(c) if c.is_whitespace() => Side::Space,
        Some(c) if is_non_cjk_punctuation(c) => Side::NonCjkPunctuation,
        Some(c) if is_cjk(c) && is_punctuation(c) => Side::CjkPunctuation,
        Some(c) if is_cjk(c) || is_ideographic_variation_selector(c) => Side::Cjk,
        Some(_) => Side::Other,
    }
}

/// The class of what precedes a run: `last` is the character just before
/// it, `before_last` the one before that. A text variation selector belongs
/// to the character it follows (a "sequence" in the amendment).
fn before(last: Option<char>, before_last: Option<char>) -> Side {
    match last {
        Some(vs) if is_text_variation_selector(vs) => match class(before_last) {
            // A selector after whitespace or after nothing is unspecified
            // by the amendment; read it as an ordinary character.
            Side::Space => Side::Other,
            side => side,
        },
        _ => class(last),
    }
}

fn is_cjk_side(s: Side) -> bool {
    matches!(s, Side::Cjk | Side::CjkPunctuation)
}

fn left_flanking(prev: Side, next: Side) -> bool {
    next != Side::Space
        && (next != Side::NonCjkPunctuation
            || matches!(prev, Side::Space | Side::NonCjkPunctuation)
            || is_cjk_side(prev))
}

fn right_flanking(prev: Side, next: Side) -> bool {
    prev != Side::Space
        && (prev != Side::NonCjkPunctuation
            || matches!(next, Side::Space | Side::NonCjkPunctuation)
            || is_cjk_side(next))
}

fn is_punctuation_side(s: Side) -> bool {
    matches!(s, Side::NonCjkPunctuation | Side::CjkPunctuation)
}

/// Whether a run of `*` or `_` (`delim`) can open emphasis, between the
/// characters `last` and `before_last` before it and `next` after it.
pub(crate) fn can_open(
    delim: u8,
    last: Option<char>,
    before_last: Option<char>,
    next: Option<char>,
) -> bool {
    let (prev, next) = (before(last, before_last), class(next));
    let left = left_flanking(prev, next);
    if delim == b'_' {
        left && (!right_flanking(prev, next) || is_punctuation_side(prev))
    } else {
        left
    }
}

/// Whether a run of `*` or `_` can close emphasis; see [`can_open`].
pub(crate) fn can_close(
    delim: u8,
    last: Option<char>,
    before_last: Option<char>,
    next: Option<char>,
) -> bool {
    let (prev, next) = (before(last, before_last), class(next));
    let right = right_flanking(prev, next);
    if delim == b'_' {
        right && (!left_flanking(prev, next) || is_punctuation_side(next))
    } else {
        right
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        assert!(is_cjk('中') && is_cjk('《') && is_cjk('，') && is_cjk('한'));
        assert!(!is_cjk('a') && !is_cjk('(') && !is_cjk('😀'));
        assert!(is_non_cjk_punctuation('(') && !is_non_cjk_punctuation('（'));
    }

    #[test]
    fn runs_beside_cjk_punctuation() {
        // 出**《: CJK before, CJK punctuation after: opens.
        assert!(can_open(b'*', Some('出'), Some('理'), Some('《')));
        // 》**線 closes (and CommonMark already lets it).
        assert!(can_close(b'*', Some('》'), Some('練'), Some('線')));
        // 。**這: CJK punctuation before the closing run.
        assert!(can_close(b'*', Some('。'), Some('示'), Some('這')));
        // Plain CommonMark still holds: a**b opens and closes, `a **` does not close.
        assert!(can_open(b'*', Some('a'), None, Some('b')));
        assert!(!can_close(b'*', Some(' '), Some('a'), Some('b')));
        assert!(!can_open(b'*', Some('a'), None, Some(' ')));
        // a**"b: ASCII punctuation after, a letter before: still not.
        assert!(!can_open(b'*', Some('a'), None, Some('"')));
        // Intraword `_` stays literal, in CJK text too.
        assert!(!can_open(b'_', Some('a'), None, Some('b')));
        assert!(!can_open(b'_', Some('中'), None, Some('文')));
    }
}
