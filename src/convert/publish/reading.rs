//! Reading counts for mixed Chinese and Latin text.
//!
//! Chinese is not written in words, so counting "words" by spaces (as
//! `unicode_words` and most generators do) turns a paragraph into one word or,
//! counted per character at an English rate, inflates the reading time. Here
//! each Han character (and kana) counts as one, and a run of Latin letters or
//! digits counts as one word: `COVID-19`, `2020`, `1,000.5`, `don't`.
//!
//! Rates: 400 Han characters a minute, a little under the 439 measured for
//! Chinese prose (Zola PR #3145), because these accounts are dense with names
//! and figures; 200 words a minute for Latin text, below the 238 of English
//! prose, because in Chinese text a Latin word is mostly a name or acronym.

use crate::model::Reading;

pub const HAN_PER_MINUTE: usize = 400;
pub const WORDS_PER_MINUTE: usize = 200;

/// Counts `text` and estimates its reading time in whole minutes (at least 1
/// when there is anything to read).
pub fn count(text: &str) -> Reading {
    let mut han = 0;
    let mut words = 0;
    let mut in_word = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if is_han(c) {
            han += 1;
            in_word = false;
        } else if c.is_alphanumeric() {
            if !in_word {
                words += 1;
                in_word = true;
            }
        } else if in_word && is_joiner(c) {
            // `COVID-19`, `1,000.5`, `don't` stay one word; a trailing joiner ends it.
            in_word = chars
                .peek()
                .is_some_and(|&n| n.is_alphanumeric() && !is_han(n));
        } else {
            in_word = false;
        }
    }
    // Milliseconds first, so Han characters and words are not rounded apart.
    let ms = han * 60_000 / HAN_PER_MINUTE + words * 60_000 / WORDS_PER_MINUTE;
    let minutes = if han + words == 0 {
        0
    } else {
        ms.div_ceil(60_000).max(1)
    };
    Reading {
        han,
        words,
        minutes,
    }
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '.' | ',' | '_')
}

/// Han ideographs (every CJK block and extension, compatibility ideographs,
/// 々 and 〇) and kana: characters that are read one by one.
pub fn is_han(c: char) -> bool {
    matches!(c as u32,
        0x3005 | 0x3007 | 0x3021..=0x3029 | 0x3038..=0x303B
        | 0x3041..=0x3096 | 0x30A1..=0x30FA // hiragana, katakana
        | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF
        | 0x20000..=0x2FA1F | 0x30000..=0x323AF)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn han_characters_count_one_by_one() {
        let r = count("疫情發生後，研究會捐款。");
        assert_eq!((r.han, r.words), (10, 0));
        // Punctuation, full-width or not, is not counted.
        assert_eq!(count("「」，。！？、《》").han, 0);
    }

    #[test]
    fn latin_text_counts_as_words() {
        let r = count("The quick brown fox jumps");
        assert_eq!((r.han, r.words), (0, 5));
        let r = count("don't stop COVID-19 at 1,000.5 yuan.");
        assert_eq!(r.words, 6, "{r:?}");
    }

    #[test]
    fn mixed_text_counts_both() {
        let r = count("通過微信、QQ、微博在2020年發出倡議");
        assert_eq!((r.han, r.words), (12, 2));
        // A word ends at a Han character even with no space.
        assert_eq!(count("APP下載").words, 1);
        // A joiner before Han text does not glue a word to it.
        assert_eq!(count("COVID-疫情").words, 1);
    }

    #[test]
    fn full_width_digits_and_extension_characters() {
        assert_eq!(count("２０２０年").words, 1);
        assert_eq!(count("𠀀𪚥").han, 2);
        assert_eq!(count("々〇").han, 2);
    }

    #[test]
    fn reading_time_rounds_up_and_is_zero_only_for_nothing() {
        assert_eq!(count("").minutes, 0);
        assert_eq!(count("   ,。").minutes, 0);
        assert_eq!(count("一").minutes, 1);
        assert_eq!(count(&"字".repeat(400)).minutes, 1);
        assert_eq!(count(&"字".repeat(401)).minutes, 2);
        // 400 Han characters (60 s) and 100 words (30 s) make 90 s: 2 minutes.
        let mixed = format!("{}{}", "字".repeat(400), " word".repeat(100));
        assert_eq!(count(&mixed).minutes, 2);
        assert_eq!(count(&" word".repeat(200)).minutes, 1);
    }
}
