//! Figures as the source gives them: an exact value, and the word that says
//! how exact it is (近3100萬元, 四十餘萬隻, 70餘名, 30多人次), and head counts
//! with what they count.
//!
//! In an entry a figure is a number (`amount_yuan = 11270000`) or a table
//! with its qualifier: `amount_yuan = { value = 31000000, qualifier = "近" }`.

use serde::Serialize;

use super::config::Script;
use super::money::{Magnitude, Reading};
use super::schema::Located;

/// How a source says a figure is not exact, and where the word goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    /// 近: a little less (近3100萬元).
    Nearly,
    /// 約: about (約60人).
    About,
    /// 逾, 超過: more than (逾百人).
    Over,
    /// 餘: and more, after the figure's digits (四十餘萬, 70餘人).
    Odd,
    /// 多: and more, after the digits (30多人次).
    More,
    /// 以上: or more, after the whole figure (70人以上).
    OrMore,
    /// 左右: thereabouts, after the whole figure (3000元左右).
    Around,
}

/// Where a qualifier's word goes in the written figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// Before the figure: 近3100萬元.
    Before,
    /// Between the digits and 萬/億 or the unit: 40餘萬隻, 70餘人.
    Inside,
    /// After the whole figure: 70人以上.
    After,
}

/// The qualifiers, each with the words that write it (Traditional, Simplified).
const WORDS: &[(Qualifier, &str, &str, &[&str])] = &[
    (Qualifier::Nearly, "近", "近", &["將近", "将近", "接近"]),
    (
        Qualifier::About,
        "約",
        "约",
        &["大約", "大约", "約合", "约合"],
    ),
    (Qualifier::Over, "逾", "逾", &["超過", "超过", "超"]),
    (Qualifier::Odd, "餘", "余", &["余"]),
    (Qualifier::More, "多", "多", &[]),
    (Qualifier::OrMore, "以上", "以上", &[]),
    (Qualifier::Around, "左右", "左右", &["上下"]),
];

impl Qualifier {
    /// The qualifier a word writes (`近`, `餘` or `余`, `以上`…).
    pub fn parse(word: &str) -> Option<Qualifier> {
        WORDS
            .iter()
            .find(|(_, t, s, more)| *t == word || *s == word || more.contains(&word))
            .map(|(q, ..)| *q)
    }

    /// Every word a qualifier may be written as, for hints.
    pub fn words() -> Vec<&'static str> {
        WORDS.iter().map(|(_, t, ..)| *t).collect()
    }

    /// The word in a script (`餘` in Traditional, `余` in Simplified).
    pub fn word(self, script: Script) -> &'static str {
        let (_, t, s, _) =
            WORDS
                .iter()
                .find(|(q, ..)| *q == self)
                .copied()
                .unwrap_or((self, "約", "约", &[]));
        match script {
            Script::Traditional => t,
            Script::Simplified => s,
        }
    }

    pub fn position(self) -> Position {
        match self {
            Qualifier::Nearly | Qualifier::About | Qualifier::Over => Position::Before,
            Qualifier::Odd | Qualifier::More => Position::Inside,
            Qualifier::OrMore | Qualifier::Around => Position::After,
        }
    }
}

/// A value as the source gives it: exact, or qualified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Figure<T> {
    pub value: T,
    pub qualifier: Option<Qualifier>,
}

impl<T> Figure<T> {
    pub fn exact(value: T) -> Figure<T> {
        Figure {
            value,
            qualifier: None,
        }
    }

    /// Whether the source says the value is not exact.
    pub fn approximate(&self) -> bool {
        self.qualifier.is_some()
    }
}

/// A head count: how many, how exactly, and what it counts.
#[derive(Debug, Clone)]
pub struct Count {
    pub figure: Figure<u64>,
    /// What one is: `人` (the default), `人次` (person-visits), `名`…
    pub unit: Option<Located<String>>,
    /// Who is counted: `志願者`, `受益人員`…; the theme's 人數 when absent.
    pub label: Option<Located<String>>,
}

/// A figure written as readers of `script` read it: `近3100萬元`,
/// `40餘萬隻`, `約1.67萬元` (rounded, and the source said nothing), `70人以上`.
pub fn write(
    reading: &Reading,
    qualifier: Option<Qualifier>,
    unit: &str,
    script: Script,
) -> String {
    let traditional = script == Script::Traditional;
    let magnitude = match (reading.magnitude, traditional) {
        (Magnitude::Ones, _) => "",
        (Magnitude::Wan, true) => "萬",
        (Magnitude::Wan, false) => "万",
        (Magnitude::Yi, true) => "億",
        (Magnitude::Yi, false) => "亿",
    };
    let word = qualifier.map(|q| (q.position(), q.word(script)));
    let mut out = String::with_capacity(reading.digits.len() + 16);
    match word {
        Some((Position::Before, w)) => out.push_str(w),
        None if reading.rounded => out.push_str(if traditional { "約" } else { "约" }),
        _ => {}
    }
    out.push_str(&reading.digits);
    if let Some((Position::Inside, w)) = word {
        out.push_str(w);
    }
    out.push_str(magnitude);
    out.push_str(unit);
    if let Some((Position::After, w)) = word {
        out.push_str(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_in_both_scripts() {
        assert_eq!(Qualifier::parse("餘"), Some(Qualifier::Odd));
        assert_eq!(Qualifier::parse("余"), Some(Qualifier::Odd));
        assert_eq!(Qualifier::parse("將近"), Some(Qualifier::Nearly));
        assert_eq!(Qualifier::parse("大概"), None);
        assert_eq!(Qualifier::Odd.word(Script::Simplified), "余");
        assert_eq!(Qualifier::Odd.word(Script::Traditional), "餘");
        assert_eq!(Qualifier::OrMore.position(), Position::After);
    }

    #[test]
    fn figures_as_readers_write_them() {
        use super::super::money::{Quantity, Yuan};
        let y = |v: &str| Yuan::parse(v).unwrap().reading();
        let q = |v: &str| Quantity::parse(v).unwrap().reading();
        let t = Script::Traditional;
        let s = Script::Simplified;
        assert_eq!(
            write(&y("31000000"), Some(Qualifier::Nearly), "元", t),
            "近3100萬元"
        );
        assert_eq!(
            write(&q("400000"), Some(Qualifier::Odd), "隻", t),
            "40餘萬隻"
        );
        assert_eq!(
            write(&q("400000"), Some(Qualifier::Odd), "只", s),
            "40余万只"
        );
        assert_eq!(write(&q("70"), Some(Qualifier::Odd), "人", t), "70餘人");
        assert_eq!(
            write(&q("30"), Some(Qualifier::More), "人次", t),
            "30多人次"
        );
        assert_eq!(
            write(&q("70"), Some(Qualifier::OrMore), "人", t),
            "70人以上"
        );
        assert_eq!(write(&y("16680"), None, "元", t), "約1.67萬元");
        assert_eq!(write(&y("43668263.99"), None, "元", s), "约4367万元");
        assert_eq!(write(&y("9999"), None, "元", t), "9,999元");
    }
}
