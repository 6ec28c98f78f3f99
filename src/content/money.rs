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
    pub fn parse(literal: &str) -> Result<Yuan, String> {
        let fen = parse_fixed(literal, 2).map_err(|e| match e {
            FixedError::TooPrecise => {
                "has more than 2 decimals; money is counted to the fen (0.01 yuan)".to_string()
            }
            FixedError::Negative => "is negative; an amount must be 0 or more".to_string(),
            FixedError::Malformed => "is not a plain decimal number".to_string(),
            FixedError::TooLarge => "is too large to be an amount of money".to_string(),
        })?;
        if fen > MAX_YUAN * 100 {
            return Err(format!(
                "is more than {} yuan; check for extra digits",
                group_thousands(MAX_YUAN)
            ));
        }
        Ok(Yuan(fen))
    }

    /// The exact figure with two decimals, as `data.json` carries it: `"58059.99"`.
    pub fn exact(self) -> String {
        format!("{}.{:02}", self.0 / 100, self.0 % 100)
    }

    /// The exact figure grouped for reading: `11,270,000.00`.
    pub fn grouped(self) -> String {
        format!("{}.{:02}", group_thousands(self.0 / 100), self.0 % 100)
    }

    /// The amount as a Chinese reader reads it, in Traditional script
    /// (converted per variant later): `1127萬元`, `104.6萬元`, `3.1億元`, `16680元`.
    /// Rounded figures are marked with 約.
    pub fn chinese(self) -> String {
        let fen = self.0;
        let (unit_fen, unit): (i64, &str) = if fen >= 100_000_000 * 100 {
            (100_000_000 * 100, "億")
        } else if fen >= 100_000 * 100 {
            (10_000 * 100, "萬")
        } else {
            let yuan = if fen % 100 == 0 {
                (fen / 100).to_string()
            } else {
                trim_zeros(&self.exact())
            };
            return format!("{}元", yuan);
        };
        // Two decimals of the large unit.
        let hundredths = (fen as i128 * 100 + unit_fen as i128 / 2) / unit_fen as i128;
        let exact = (fen as i128 * 100) % unit_fen as i128 == 0;
        let text = trim_zeros(&format!("{}.{:02}", hundredths / 100, hundredths % 100));
        format!("{}{}{}元", if exact { "" } else { "約" }, text, unit)
    }
}

impl Quantity {
    pub fn parse(literal: &str) -> Result<Quantity, String> {
        parse_fixed(literal, 3).map(Quantity).map_err(|e| match e {
            FixedError::TooPrecise => "has more than 3 decimals".to_string(),
            FixedError::Negative => "is negative; a quantity must be 0 or more".to_string(),
            FixedError::Malformed => "is not a plain decimal number".to_string(),
            FixedError::TooLarge => "is too large".to_string(),
        })
    }

    /// The quantity without trailing zeros: `11.5`, `400000`.
    pub fn plain(self) -> String {
        trim_zeros(&format!("{}.{:03}", self.0 / 1000, self.0 % 1000))
    }

    /// Large round quantities read as Chinese readers write them: `40萬`, `200萬`.
    pub fn chinese(self) -> String {
        let v = self.0;
        if v >= 10_000 * 1000 && v % (10_000 * 1000) == 0 {
            format!("{}萬", v / (10_000 * 1000))
        } else if v >= 100_000 * 1000 && v % (1000 * 1000) == 0 {
            format!(
                "{}萬",
                trim_zeros(&format!(
                    "{}.{:02}",
                    v / 10_000_000,
                    (v % 10_000_000) / 100_000
                ))
            )
        } else {
            self.plain()
        }
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

#[derive(Debug, PartialEq)]
enum FixedError {
    TooPrecise,
    Negative,
    Malformed,
    TooLarge,
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
        assert!(Yuan::parse("0.001").unwrap_err().contains("fen"));
        assert!(Yuan::parse("-5").unwrap_err().contains("negative"));
        assert!(Yuan::parse("1e20").is_err());
        assert!(Yuan::parse("inf").is_err());
        assert!(Yuan::parse("nan").is_err());
        assert!(Yuan::parse("99999999999999999999999999999999999").is_err());
    }

    #[test]
    fn chinese_reading() {
        assert_eq!(Yuan::parse("11270000").unwrap().chinese(), "1127萬元");
        assert_eq!(Yuan::parse("1046000").unwrap().chinese(), "104.6萬元");
        assert_eq!(Yuan::parse("16680").unwrap().chinese(), "16680元");
        assert_eq!(Yuan::parse("41379.99").unwrap().chinese(), "41379.99元");
        assert_eq!(Yuan::parse("310000000").unwrap().chinese(), "3.1億元");
        assert_eq!(Yuan::parse("12345678").unwrap().chinese(), "約1234.57萬元");
        assert_eq!(Yuan::parse("11270000").unwrap().grouped(), "11,270,000.00");
    }

    #[test]
    fn quantities() {
        assert_eq!(Quantity::parse("11.5").unwrap().plain(), "11.5");
        assert_eq!(Quantity::parse("400000").unwrap().chinese(), "40萬");
        assert_eq!(Quantity::parse("2000000").unwrap().chinese(), "200萬");
        assert_eq!(Quantity::parse("12200").unwrap().chinese(), "12200");
        assert!(Quantity::parse("-1").is_err());
    }
}
