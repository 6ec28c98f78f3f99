//! Exact money and quantities: parsed from the TOML text itself, never through a float.
//!
//! `41379.99` in a TOML file is a float to TOML, and a float cannot hold it
//! exactly; we read the literal's digits instead, so 16680 + 41379.99 + 0.01 is
//! 58060.00 to the fen.

use std::fmt;
use std::iter::Sum;
use std::ops::Add;

use serde::{Serialize, Serializer};

/// An amount of money in fen (1/100 yuan).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Yuan(pub i64);

/// A quantity of goods in thousandths (11.5 tonnes, 400000 masks).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default, Hash)]
pub struct Quantity(pub i64);

/// The largest amount we accept: a trillion yuan. Anything larger is a typo.
const MAX_YUAN: i64 = 1_000_000_000_000;

impl Yuan {
    /// Parses the literal text of a TOML integer or float as yuan.
    pub fn parse(literal: &str) -> Result<Yuan, FixedError> {
        let fen = parse_fixed(literal, 2)?;
        if fen > MAX_YUAN * 100 {
            return Err(FixedError::Implausible);
        }
        Ok(Yuan(fen))
    }

    /// The largest amount [`Yuan::parse`] takes, as an editor reads it.
    pub fn most() -> String {
        group_thousands(MAX_YUAN)
    }

    /// The exact figure with two decimals, as `data.json` carries it: `"58059.99"`.
    pub fn exact(self) -> String {
        format!("{}.{:02}", self.0 / 100, self.0 % 100)
    }

    /// The exact figure grouped for reading: `11,270,000.00`.
    pub fn grouped(self) -> String {
        format!("{}.{:02}", group_thousands(self.0 / 100), self.0 % 100)
    }

    /// The amount as a Chinese reader reads it (`1127` 萬, `1.67` 萬 rounded,
    /// `9,999`): 萬 from ten thousand up, 億 from a hundred million, digit
    /// groups below. The unit (元) and any qualifier are the caller's.
    pub fn reading(self) -> Reading {
        Reading::of(self.0, 100)
    }
}

/// A figure as Chinese readers write it, in parts: the digits, the
/// magnitude word they count in (萬, 億 or none), and whether the digits are
/// rounded (to two decimals of the magnitude).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub digits: String,
    pub magnitude: Magnitude,
    pub rounded: bool,
}

/// What the digits of a reading count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Magnitude {
    Ones,
    /// 萬, ten thousand.
    Wan,
    /// 億, a hundred million.
    Yi,
}

impl Reading {
    /// The reading of `value` counted in `per_one` units to the one (fen to
    /// the yuan, thousandths to the item).
    fn of(value: i64, per_one: i64) -> Reading {
        let (unit, magnitude) = if value >= 100_000_000 * per_one {
            (100_000_000 * per_one, Magnitude::Yi)
        } else if value >= 10_000 * per_one {
            (10_000 * per_one, Magnitude::Wan)
        } else {
            let whole = group_thousands(value / per_one);
            let frac = value % per_one;
            let digits = if frac == 0 {
                whole
            } else {
                let places = per_one.ilog10() as usize;
                trim_zeros(&format!("{}.{:0places$}", whole, frac))
            };
            return Reading {
                digits,
                magnitude: Magnitude::Ones,
                rounded: false,
            };
        };
        // Exact to two decimals of the large unit, or rounded (half up) to
        // four significant digits and at most two decimals: 約4367萬, 約1.67萬.
        let rounded = (value as i128 * 100) % unit as i128 != 0;
        let whole_digits = (value / unit).max(1).ilog10() as i32 + 1;
        let decimals = if rounded {
            (4 - whole_digits).clamp(0, 2)
        } else {
            2
        } as u32;
        let scale = 10i128.pow(decimals);
        let n = (value as i128 * scale + unit as i128 / 2) / unit as i128;
        let digits = if decimals == 0 {
            n.to_string()
        } else {
            let places = decimals as usize;
            trim_zeros(&format!("{}.{:0places$}", n / scale, n % scale))
        };
        Reading {
            digits,
            magnitude,
            rounded,
        }
    }
}

impl Quantity {
    pub fn parse(literal: &str) -> Result<Quantity, FixedError> {
        parse_fixed(literal, 3).map(Quantity)
    }

    /// The quantity without trailing zeros: `11.5`, `400000`.
    pub fn plain(self) -> String {
        trim_zeros(&format!("{}.{:03}", self.0 / 1000, self.0 % 1000))
    }

    /// The quantity as Chinese readers read it: `40` 萬, `1.22` 萬, `4,000`, `11.5`.
    pub fn reading(self) -> Reading {
        Reading::of(self.0, 1000)
    }
}

impl Add for Yuan {
    type Output = Yuan;
    fn add(self, o: Yuan) -> Yuan {
        Yuan(self.0.saturating_add(o.0))
    }
}

impl Sum for Yuan {
    fn sum<I: Iterator<Item = Yuan>>(iter: I) -> Yuan {
        iter.fold(Yuan(0), Add::add)
    }
}

impl Add for Quantity {
    type Output = Quantity;
    fn add(self, o: Quantity) -> Quantity {
        Quantity(self.0.saturating_add(o.0))
    }
}

impl fmt::Display for Yuan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.exact())
    }
}

/// Serialized as the exact decimal string, so no JSON reader turns it into a float.
impl Serialize for Yuan {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.exact())
    }
}

impl Serialize for Quantity {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.plain())
    }
}

/// Why a literal is not an exact amount or quantity (the reader words it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixedError {
    /// More decimals than the unit has (money: the fen).
    TooPrecise,
    Negative,
    /// Not a plain decimal number (`inf`, `nan`, `1e`).
    Malformed,
    /// Beyond what the number can hold.
    TooLarge,
    /// A number it can hold, but more money than any entry can mean (a typo).
    Implausible,
}

/// Parses a TOML decimal literal (`1_000`, `+3`, `41379.99`, `1e3`) into an integer
/// count of 10^-decimals units, exactly.
fn parse_fixed(literal: &str, decimals: u32) -> Result<i64, FixedError> {
    let s: String = literal.chars().filter(|&c| c != '_').collect();
    let (neg, s) = match s.strip_prefix('-') {
        Some(rest) => (true, rest.to_string()),
        None => (false, s.strip_prefix('+').unwrap_or(&s).to_string()),
    };
    let (mantissa, exp) = match s.find(['e', 'E']) {
        Some(i) => {
            let e: i32 = s[i + 1..].parse().map_err(|_| FixedError::Malformed)?;
            (&s[..i], e)
        }
        None => (&s[..], 0),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int.is_empty()
        || !int.bytes().all(|b| b.is_ascii_digit())
        || !frac.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(FixedError::Malformed);
    }
    let digits = format!("{}{}", int, frac);
    let scale = frac.len() as i32 - exp; // value = digits * 10^-scale
    let shift = decimals as i32 - scale;
    let digits = digits.trim_start_matches('0');
    let mut value: i128 = if digits.is_empty() {
        0
    } else {
        if digits.len() > 30 {
            return Err(FixedError::TooLarge);
        }
        digits.parse().map_err(|_| FixedError::Malformed)?
    };
    if shift >= 0 {
        for _ in 0..shift {
            value = value.checked_mul(10).ok_or(FixedError::TooLarge)?;
        }
    } else {
        let div = 10i128
            .checked_pow((-shift) as u32)
            .ok_or(FixedError::TooPrecise)?;
        if value % div != 0 {
            return Err(FixedError::TooPrecise);
        }
        value /= div;
    }
    if neg && value != 0 {
        return Err(FixedError::Negative);
    }
    i64::try_from(value).map_err(|_| FixedError::TooLarge)
}

fn trim_zeros(s: &str) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
}

fn group_thousands(n: i64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_exactly_to_the_fen() {
        let total: Yuan = ["16680", "41379.99", "0.01"]
            .iter()
            .map(|s| Yuan::parse(s).unwrap())
            .sum();
        assert_eq!(total.exact(), "58060.00");
        let two: Yuan = ["16680", "41379.99"]
            .iter()
            .map(|s| Yuan::parse(s).unwrap())
            .sum();
        assert_eq!(two.exact(), "58059.99");
    }

    #[test]
    fn reads_toml_literal_forms() {
        assert_eq!(Yuan::parse("1_000").unwrap(), Yuan(100_000));
        assert_eq!(Yuan::parse("+3").unwrap(), Yuan(300));
        assert_eq!(Yuan::parse("1.5e3").unwrap(), Yuan(150_000));
        assert_eq!(Yuan::parse("0.10").unwrap(), Yuan(10));
        assert_eq!(Yuan::parse("-0").unwrap(), Yuan(0));
    }

    #[test]
    fn rejects_sub_fen_negative_and_absurd() {
        assert_eq!(Yuan::parse("0.001"), Err(FixedError::TooPrecise));
        assert_eq!(Yuan::parse("-5"), Err(FixedError::Negative));
        assert_eq!(Yuan::parse("2000000000000"), Err(FixedError::Implausible));
        assert!(Yuan::parse("1e20").is_err());
        assert!(Yuan::parse("inf").is_err());
        assert!(Yuan::parse("nan").is_err());
        assert!(Yuan::parse("99999999999999999999999999999999999").is_err());
    }

    fn read(r: Reading) -> (String, Magnitude, bool) {
        (r.digits, r.magnitude, r.rounded)
    }

    #[test]
    fn readings() {
        let y = |s: &str| read(Yuan::parse(s).unwrap().reading());
        assert_eq!(y("11270000"), ("1127".into(), Magnitude::Wan, false));
        assert_eq!(y("1046000"), ("104.6".into(), Magnitude::Wan, false));
        assert_eq!(y("10000"), ("1".into(), Magnitude::Wan, false));
        assert_eq!(y("23600"), ("2.36".into(), Magnitude::Wan, false));
        assert_eq!(y("16680"), ("1.67".into(), Magnitude::Wan, true));
        assert_eq!(y("9999"), ("9,999".into(), Magnitude::Ones, false));
        assert_eq!(y("5000.5"), ("5,000.5".into(), Magnitude::Ones, false));
        assert_eq!(y("310000000"), ("3.1".into(), Magnitude::Yi, false));
        assert_eq!(y("12345678"), ("1235".into(), Magnitude::Wan, true));
        assert_eq!(y("43668263.99"), ("4367".into(), Magnitude::Wan, true));
        assert_eq!(Yuan::parse("11270000").unwrap().grouped(), "11,270,000.00");
    }

    #[test]
    fn quantities() {
        let q = |s: &str| read(Quantity::parse(s).unwrap().reading());
        assert_eq!(Quantity::parse("11.5").unwrap().plain(), "11.5");
        assert_eq!(q("400000"), ("40".into(), Magnitude::Wan, false));
        assert_eq!(q("2000000"), ("200".into(), Magnitude::Wan, false));
        assert_eq!(q("12200"), ("1.22".into(), Magnitude::Wan, false));
        assert_eq!(q("4000"), ("4,000".into(), Magnitude::Ones, false));
        assert_eq!(q("11.5"), ("11.5".into(), Magnitude::Ones, false));
        assert!(Quantity::parse("-1").is_err());
    }
}
