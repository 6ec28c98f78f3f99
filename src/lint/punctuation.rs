//! The punctuation lint: half-width marks between Chinese characters (which
//! `check --fix` writes full-width), quotation marks without a partner, and
//! emphasis markers that Markdown shows as written. All of it looks at prose
//! only (crate::text::prose): code, URLs and `-{…}-` are as meant.

use std::ops::Range;

use crate::text::prose::is_cjk_punctuation;

/// Whether `span` lies within one of the `prose` ranges (sorted).
pub fn in_prose(prose: &[Range<usize>], span: &Range<usize>) -> bool {
    let i = prose.partition_point(|r| r.end < span.end);
    prose
        .get(i)
        .is_some_and(|r| r.start <= span.start && span.end <= r.end)
}

/// A Han character (CJK Unified Ideographs and their extensions, the
/// compatibility ideographs, 〇).
pub fn is_han(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3FFFF)
        || c == '〇'
}

/// The full-width form Chinese text writes for a half-width mark.
fn full_width(c: char) -> Option<char> {
    Some(match c {
        ',' => '，',
        ':' => '：',
        ';' => '；',
        '?' => '？',
        '!' => '！',
        '(' => '（',
        ')' => '）',
        _ => return None,
    })
}

/// Emphasis markers, passed over when looking for a mark's neighbours
/// (`**重要**,後` has 要 before its comma).
fn is_emphasis_marker(c: char) -> bool {
    matches!(c, '*' | '_' | '~')
}

/// Whether a mark between `before` and `after` sits in Chinese text: Han on
/// one side, Han or CJK punctuation on the other.
fn between_chinese(before: Option<char>, after: Option<char>) -> bool {
    let (Some(b), Some(a)) = (before, after) else {
        return false;
    };
    (is_han(b) && (is_han(a) || is_cjk_punctuation(a))) || (is_cjk_punctuation(b) && is_han(a))
}

fn before(text: &str, at: usize) -> Option<char> {
    text[..at].chars().rev().find(|c| !is_emphasis_marker(*c))
}

/// The character after `at`, past emphasis markers, and how many spaces
/// came first.
fn after(text: &str, at: usize) -> (Option<char>, usize) {
    let rest = &text[at..];
    let spaces = rest.len() - rest.trim_start_matches(' ').len();
    (
        rest[spaces..].chars().find(|c| !is_emphasis_marker(*c)),
        spaces,
    )
}

/// Half-width `,` `:` `;` `?` `!` between Chinese characters, and `(…)`
/// around Chinese text beside Chinese text, in `prose` (ranges of `text`,
/// sorted): each span (the mark and the spaces after it) with its
/// full-width form. Numbers (1,000, 10:30) and ASCII text are never between
/// Chinese characters, so never flagged.
pub fn half_width(text: &str, prose: &[Range<usize>]) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    for r in prose {
        for (i, c) in text[r.clone()].char_indices() {
            let at = r.start + i;
            match c {
                ',' | ':' | ';' | '?' | '!' => {
                    let (next, spaces) = after(text, at + 1);
                    if between_chinese(before(text, at), next) {
                        let end = if in_prose(prose, &(at..at + 1 + spaces)) {
                            at + 1 + spaces
                        } else {
                            at + 1
                        };
                        out.extend(full_width(c).map(|f| (at..end, f.to_string())));
                    }
                }
                '(' => {
                    if let Some(close) = chinese_parenthesis(text, prose, at) {
                        out.push((at..at + 1, "（".to_string()));
                        out.push((close..close + 1, "）".to_string()));
                    }
                }
                _ => {}
            }
        }
    }
    out.sort_by_key(|(r, _)| r.start);
    out
}

/// Where the `)` of the `(` at `open` is, when the pair holds Chinese text
/// and stands beside it: the first `)` on the same line, in prose, with no
/// `(` before it.
fn chinese_parenthesis(text: &str, prose: &[Range<usize>], open: usize) -> Option<usize> {
    let line = &text[open + 1..];
    let line = &line[..line.find('\n').unwrap_or(line.len())];
    let close = open + 1 + line.find(')')?;
    let inside = &text[open + 1..close];
    let beside = is_chinese(before(text, open)) || is_chinese(after(text, close + 1).0);
    (!inside.contains('(')
        && inside.chars().any(is_han)
        && beside
        && in_prose(prose, &(close..close + 1)))
    .then_some(close)
}

fn is_chinese(c: Option<char>) -> bool {
    c.is_some_and(|c| is_han(c) || is_cjk_punctuation(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(text: &str) -> String {
        let mut out = text.to_string();
        let all = 0..text.len();
        for (r, f) in half_width(text, std::slice::from_ref(&all))
            .into_iter()
            .rev()
        {
            out.replace_range(r, &f);
        }
        out
    }

    #[test]
    fn half_width_marks_between_chinese_characters() {
        assert_eq!(
            fixed("網站、微信、QQ、微博向會員發出倡議,為疫情防控凝聚正能量。"),
            "網站、微信、QQ、微博向會員發出倡議，為疫情防控凝聚正能量。"
        );
        assert_eq!(
            fixed("他說:「好嗎?」對;好!走"),
            "他說：「好嗎？」對；好！走"
        );
        assert_eq!(fixed("倡議, 為"), "倡議，為", "the space after it goes too");
        assert_eq!(fixed("**重要**,後"), "**重要**，後");
        assert_eq!(fixed("捐款(含物資)共計"), "捐款（含物資）共計");
        assert_eq!(fixed("報告(2020年)顯示"), "報告（2020年）顯示");
        for clean in [
            "捐款1,000元。時間10:30。",
            "Hello, world: yes; no? ok!",
            "使用QQ,微信",
            "結束?\n",
            "函數f(x)的值",
            "會議(2020)召開",
            "甲(乙",
        ] {
            assert_eq!(fixed(clean), clean);
        }
    }

    #[test]
    fn only_prose_is_looked_at() {
        let text = "甲,乙`丙,丁`";
        // The code span is not prose.
        let found = half_width(text, std::slice::from_ref(&(0..7)));
        assert_eq!(found, vec![(3..4, "，".to_string())]);
    }
}
