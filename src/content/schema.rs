//! A strict reader over spanned TOML.
//!
//! serde's derived errors say neither where an unknown key is nor what the
//! nearest known key would be, and stop at the first problem. This reader walks
//! the parsed tree itself, so every problem in a file is reported at once, each
//! with its line and column in the whole file, its field path
//! (`activities[2].type`) and a hint.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use toml::de::{DeTable, DeValue};
use toml::Spanned;

use super::figures::{Count, Figure, Qualifier};
use super::money::{FixedError, Quantity, Yuan};

/// The keys of a figure written as a table.
const FIGURE_KEYS: &[&str] = &["value", "qualifier"];
const COUNT_KEYS: &[&str] = &["value", "qualifier", "unit", "label"];
use crate::diagnostic::{suggest, Diagnostic};

/// A text taken from a file, with the byte span it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub span: Range<usize>,
}

/// One file's TOML, located inside the whole file at `offset`.
pub struct Doc {
    pub file: PathBuf,
    pub text: Arc<str>,
    pub offset: usize,
    pub errors: Vec<Diagnostic>,
}

impl Doc {
    pub fn new(file: PathBuf, text: Arc<str>, offset: usize) -> Self {
        Doc {
            file,
            text,
            offset,
            errors: Vec::new(),
        }
    }

    /// Parses `toml` (a slice of the file starting at `offset`).
    pub fn parse<'i>(&mut self, toml: &'i str) -> Option<Spanned<DeTable<'i>>> {
        match DeTable::parse(toml) {
            Ok(t) => Some(t),
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                let (message, hint) = toml_problem(e.message().trim().trim_end_matches('.'));
                let d = self.error(span, message);
                self.errors.push(d.with_hint_opt(hint));
                None
            }
        }
    }

    /// A diagnostic at a span of the TOML slice.
    pub fn error(&self, span: Range<usize>, message: impl Into<String>) -> Diagnostic {
        let span = span.start + self.offset..span.end + self.offset;
        Diagnostic::at(self.file.clone(), &self.text, span, message)
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.errors.push(d);
    }

    pub fn located<T>(&self, value: T, span: Range<usize>) -> Located<T> {
        Located {
            value,
            span: span.start + self.offset..span.end + self.offset,
        }
    }
}

/// Where byte `offset` of a TOML string's value is in its literal `lit` (the
/// text from the opening quote on), so that an error inside
/// `"第一段\n\n第二段"` points at its own character: quotes, escapes, the
/// newline after `"""` and a line-ending backslash are walked.
pub fn source_offset(lit: &str, offset: usize) -> usize {
    let (open, escapes) = match lit.as_bytes() {
        [b'"', b'"', b'"', ..] => (3, true),
        [b'\'', b'\'', b'\'', ..] => (3, false),
        [b'"', ..] => (1, true),
        [b'\'', ..] => (1, false),
        _ => return offset.min(lit.len()),
    };
    let mut i = open;
    if open == 3 {
        // A newline right after the opening quotes is not part of the value.
        i += [&b"\n"[..], b"\r\n"]
            .iter()
            .find(|nl| lit.as_bytes()[i..].starts_with(nl))
            .map_or(0, |nl| nl.len());
    }
    let mut value = 0;
    while i < lit.len() {
        let Some(c) = lit[i..].chars().next() else {
            break;
        };
        let continuation =
            escapes && c == '\\' && lit[i + 1..].chars().next().is_some_and(char::is_whitespace);
        if value >= offset && !continuation {
            break;
        }
        if !(escapes && c == '\\') {
            i += c.len_utf8();
            value += if c == '\r' && lit[i..].starts_with('\n') {
                0
            } else {
                c.len_utf8()
            };
            continue;
        }
        let after = &lit[i + 1..];
        let hex = |n: usize| {
            after
                .get(1..1 + n)
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .and_then(char::from_u32)
                .map_or(1, char::len_utf8)
        };
        match after.chars().next() {
            Some('u') => (i, value) = (i + 6, value + hex(4)),
            Some('U') => (i, value) = (i + 10, value + hex(8)),
            Some('x') => (i, value) = (i + 4, value + hex(2)),
            // A line-ending backslash: the whitespace after it is not in the value.
            Some(w) if w.is_whitespace() => {
                i += 1 + (after.len() - after.trim_start().len());
            }
            _ => (i, value) = (i + 2, value + 1),
        }
    }
    i.min(lit.len())
}

/// The toml parser's complaint in the editor's words, with what to write:
/// the parser's own text (English) is kept only for the cases not named here.
fn toml_problem(message: &str) -> (String, Option<String>) {
    let m = message.to_lowercase();
    let closing = ["`\"`", "`'`"]
        .into_iter()
        .find(|q| m.contains("string") && m.ends_with(&format!("expected {q}")));
    if let Some(quote) = closing {
        let quote = quote.trim_matches('`');
        return (
            crate::t!("toml-string-not-closed"),
            Some(crate::t!("toml-string-not-closed-hint", quote = quote)),
        );
    }
    if m.contains("string values must be quoted")
        || (m.contains("string") && (m.contains("unquoted") || m.contains("expected")))
    {
        return (
            crate::t!("toml-text-unquoted"),
            Some(crate::t!("toml-text-unquoted-hint")),
        );
    }
    if m.contains("duplicate key") {
        return (
            crate::t!("toml-duplicate-key"),
            Some(crate::t!("toml-duplicate-key-hint")),
        );
    }
    (crate::t!("toml-invalid", detail = message), None)
}

/// A table being read: the keys read so far are remembered, and `finish`
/// reports every key that no reader asked for.
pub struct Table<'a, 'i> {
    map: &'a DeTable<'i>,
    span: Range<usize>,
    path: String,
    known: &'static [&'static str],
}

impl<'a, 'i> Table<'a, 'i> {
    pub fn new(
        map: &'a DeTable<'i>,
        span: Range<usize>,
        path: String,
        known: &'static [&'static str],
    ) -> Self {
        Table {
            map,
            span,
            path,
            known,
        }
    }

    /// The span of the table itself (its header, or the whole document).
    pub fn span(&self) -> Range<usize> {
        self.span.clone()
    }

    pub fn field(&self, key: &str) -> String {
        if self.path.is_empty() {
            key.to_string()
        } else {
            format!("{}.{}", self.path, key)
        }
    }

    /// Reports keys not in `known`, with the nearest known key as a hint.
    pub fn check_keys(&self, doc: &mut Doc) {
        self.check_keys_with(doc, &[]);
    }

    /// `check_keys`, with `more` known keys (an entry's declared fields).
    pub fn check_keys_with(&self, doc: &mut Doc, more: &[&str]) {
        for (key, _) in self.map.iter() {
            let name: &str = key.get_ref();
            if !self.known.contains(&name) && !more.contains(&name) {
                let all: Vec<&str> = self.known.iter().chain(more).copied().collect();
                let d = doc
                    .error(key.span(), crate::t!("unknown-key", key = name))
                    .with_field(self.field(name))
                    .with_hint(suggest(name, &all));
                doc.push(d);
            }
        }
    }

    /// The span of `key`'s value, or of the table when it is absent.
    pub fn span_of(&self, key: &str) -> Range<usize> {
        self.get(key).map_or(self.span.clone(), |v| v.span())
    }

    pub fn get(&self, key: &str) -> Option<&'a Spanned<DeValue<'i>>> {
        self.map.get(key)
    }

    pub fn missing(&self, doc: &mut Doc, key: &str, example: &str) {
        let d = doc
            .error(self.span.clone(), crate::t!("field-missing", key = key))
            .with_field(self.field(key))
            .with_hint(crate::t!(
                "field-missing-hint",
                key = key,
                example = example
            ));
        doc.push(d);
    }

    pub fn wrong_type(
        &self,
        doc: &mut Doc,
        key: &str,
        v: &Spanned<DeValue<'_>>,
        expected: &str,
        example: &str,
    ) {
        let d = doc
            .error(
                v.span(),
                crate::t!(
                    "expected-found",
                    expected = expected,
                    found = describe(v.get_ref())
                ),
            )
            .with_field(self.field(key))
            .with_hint(crate::t!("write-it-as", key = key, example = example));
        doc.push(d);
    }

    /// A string field; `example` is shown in the hint when it is missing or mistyped.
    pub fn string(
        &self,
        doc: &mut Doc,
        key: &str,
        required: bool,
        example: &str,
    ) -> Option<Located<String>> {
        let Some(v) = self.get(key) else {
            if required {
                self.missing(doc, key, example);
            }
            return None;
        };
        match v.get_ref() {
            DeValue::String(s) => {
                if required && s.trim().is_empty() {
                    let d = doc
                        .error(v.span(), crate::t!("field-empty", key = key))
                        .with_field(self.field(key))
                        .with_hint(crate::t!("write-it-as", key = key, example = example));
                    doc.push(d);
                    return None;
                }
                Some(doc.located(s.to_string(), v.span()))
            }
            _ => {
                self.wrong_type(doc, key, v, &crate::t!("expected-text"), example);
                None
            }
        }
    }

    pub fn boolean(&self, doc: &mut Doc, key: &str) -> Option<bool> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(doc, key, v, &crate::t!("expected-boolean"), "true");
                None
            }
        }
    }

    /// A whole number ≥ 0 (head counts).
    pub fn count(&self, doc: &mut Doc, key: &str) -> Option<u64> {
        let v = self.get(key)?;
        let parsed = match v.get_ref() {
            DeValue::Integer(i) => {
                u64::from_str_radix(&i.as_str().replace('_', ""), i.radix()).ok()
            }
            _ => None,
        };
        if parsed.is_none() {
            let d = doc
                .error(
                    v.span(),
                    crate::t!(
                        "expected-found",
                        expected = crate::t!("expected-count"),
                        found = describe(v.get_ref())
                    ),
                )
                .with_field(self.field(key))
                .with_hint(crate::t!("write-it-as", key = key, example = "70"));
            doc.push(d);
        }
        parsed
    }

    /// A whole number ≥ 1 or the word `"all"` (`Some(None)`); `None` when
    /// absent or wrong (the error is reported).
    pub fn count_or_all(&self, doc: &mut Doc, key: &str, example: &str) -> Option<Option<usize>> {
        let v = self.get(key)?;
        let parsed = match v.get_ref() {
            DeValue::Integer(i) => u64::from_str_radix(&i.as_str().replace('_', ""), i.radix())
                .ok()
                .filter(|&n| n > 0)
                .map(|n| Some(usize::try_from(n).unwrap_or(usize::MAX))),
            DeValue::String(s) if s == "all" => Some(None),
            _ => None,
        };
        if parsed.is_none() {
            let found = match v.get_ref() {
                DeValue::Integer(i) => i.as_str().to_string(),
                DeValue::String(s) => format!("\"{s}\""),
                other => describe(other),
            };
            let d = doc
                .error(
                    v.span(),
                    crate::t!(
                        "expected-found",
                        expected = crate::t!("expected-count-or-all"),
                        found = found
                    ),
                )
                .with_field(self.field(key))
                .with_hint(crate::t!(
                    "write-count-or-all",
                    key = key,
                    example = example
                ));
            doc.push(d);
        }
        parsed
    }

    /// A calendar date: `2020-02-08`, without a time, or `"2020-02-08"`;
    /// `""` is none.
    pub fn date(&self, doc: &mut Doc, key: &str) -> Option<super::values::Date> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Datetime(toml::value::Datetime {
                date: Some(d),
                time: None,
                offset: None,
            }) => Some(super::values::Date {
                year: d.year,
                month: d.month,
                day: d.day,
            }),
            v if is_blank(v) => None,
            // What browser CMSs write: the same date in quotes.
            DeValue::String(text) => match parse_date(text) {
                Some(d) => Some(d),
                None => {
                    self.wrong_type(doc, key, v, &crate::t!("expected-date-text"), "2020-02-08");
                    None
                }
            },
            _ => {
                self.wrong_type(doc, key, v, &crate::t!("expected-date"), "2020-02-08");
                None
            }
        }
    }

    pub fn money(&self, doc: &mut Doc, key: &str) -> Option<Yuan> {
        self.decimal(doc, key, Decimal::Money, Yuan::parse)
    }

    pub fn quantity(&self, doc: &mut Doc, key: &str) -> Option<Quantity> {
        self.decimal(doc, key, Decimal::Quantity, Quantity::parse)
    }

    /// A money figure: `amount_yuan = 41379.99`, or with the source's
    /// qualifier `amount_yuan = { value = 31000000, qualifier = "近" }`.
    pub fn money_figure(&self, doc: &mut Doc, key: &str) -> Option<Figure<Yuan>> {
        self.figure(doc, key, FIGURE_KEYS, |t, doc, k| t.money(doc, k))
            .map(|(f, _)| f)
    }

    /// A quantity: `quantity = 400000`, or `{ value = 400000, qualifier = "餘" }`.
    pub fn quantity_figure(&self, doc: &mut Doc, key: &str) -> Option<Figure<Quantity>> {
        self.figure(doc, key, FIGURE_KEYS, |t, doc, k| t.quantity(doc, k))
            .map(|(f, _)| f)
    }

    /// A head count: `people = 70`, or `{ value = 70, qualifier = "餘",
    /// unit = "人次", label = "志願者" }`.
    pub fn count_figure(&self, doc: &mut Doc, key: &str) -> Option<Count> {
        let (figure, table) = self.figure(doc, key, COUNT_KEYS, |t, doc, k| t.count(doc, k))?;
        let (unit, label) = match table {
            Some(t) => (
                t.string(doc, "unit", false, "\"人次\""),
                t.string(doc, "label", false, "\"志願者\""),
            ),
            None => (None, None),
        };
        Some(Count {
            figure,
            unit,
            label,
        })
    }

    /// A number read by `read`, or a table of its `value` and `qualifier`
    /// (and `known`'s other keys, given back for the caller to read).
    fn figure<T>(
        &self,
        doc: &mut Doc,
        key: &str,
        known: &'static [&'static str],
        read: impl Fn(&Table<'a, 'i>, &mut Doc, &str) -> Option<T>,
    ) -> Option<(Figure<T>, Option<Table<'a, 'i>>)> {
        let v = self.get(key)?;
        if is_blank(v.get_ref()) {
            return None;
        }
        let DeValue::Table(t) = v.get_ref() else {
            // A plain number: read it as the table's own field.
            return read(self, doc, key).map(|value| (Figure::exact(value), None));
        };
        let t = Table::new(t, v.span(), self.field(key), known);
        t.check_keys(doc);
        if t.get("value").is_none() {
            let d = doc
                .error(v.span(), crate::t!("figure-no-value", key = key))
                .with_field(self.field(key))
                .with_hint(crate::t!("figure-no-value-hint", key = key));
            doc.push(d);
            return None;
        }
        let value = read(&t, doc, "value")?;
        let qualifier = match t.string(doc, "qualifier", false, "\"近\"") {
            None => None,
            Some(q) => match Qualifier::parse(&q.value) {
                Some(q) => Some(q),
                None => {
                    let words = Qualifier::words();
                    let d = Diagnostic::at(
                        doc.file.clone(),
                        &doc.text,
                        q.span.clone(),
                        crate::t!("qualifier-unknown", word = &q.value),
                    )
                    .with_field(t.field("qualifier"))
                    .with_hint(crate::t!(
                        "qualifier-unknown-hint",
                        suggestion = suggest(&q.value, &words),
                        words = words.join(" ")
                    ));
                    doc.push(d);
                    return None;
                }
            },
        };
        Some((Figure { value, qualifier }, Some(t)))
    }

    /// A decimal number parsed exactly from its literal text by `parse`.
    fn decimal<T>(
        &self,
        doc: &mut Doc,
        key: &str,
        kind: Decimal,
        parse: fn(&str) -> Result<T, FixedError>,
    ) -> Option<T> {
        let v = self.get(key)?;
        let literal = match v.get_ref() {
            DeValue::Integer(i) if i.radix() == 10 => i.as_str().to_string(),
            DeValue::Float(f) => f.as_str().to_string(),
            _ => {
                let (expected, example) = match kind {
                    Decimal::Money => (crate::t!("expected-money"), "41379.99"),
                    Decimal::Quantity => (crate::t!("expected-number"), "400000"),
                };
                self.wrong_type(doc, key, v, &expected, example);
                return None;
            }
        };
        match parse(&literal) {
            Ok(x) => Some(x),
            Err(why) => {
                let (message, hint) = kind.refusal(why, key, &literal);
                let d = doc
                    .error(v.span(), message)
                    .with_field(self.field(key))
                    .with_hint(hint);
                doc.push(d);
                None
            }
        }
    }

    /// A sub-table (`[glossary]`), read with its own known keys.
    pub fn table(
        &self,
        doc: &mut Doc,
        key: &str,
        known: &'static [&'static str],
    ) -> Option<Table<'a, 'i>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Table(t) => Some(Table::new(t, v.span(), self.field(key), known)),
            _ => {
                self.wrong_type(doc, key, v, &crate::t!("expected-table"), "{ ... }");
                None
            }
        }
    }

    /// A table, or a string (a path to a file holding the table).
    #[allow(clippy::type_complexity)]
    pub fn table_or_string(
        &self,
        doc: &mut Doc,
        key: &str,
    ) -> Option<Result<Table<'a, 'i>, Located<String>>> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Table(t) => Some(Ok(Table::new(t, v.span(), self.field(key), &[]))),
            DeValue::String(s) => Some(Err(doc.located(s.to_string(), v.span()))),
            _ => {
                self.wrong_type(
                    doc,
                    key,
                    v,
                    &crate::t!("expected-table-or-file"),
                    "\"glossary.toml\"",
                );
                None
            }
        }
    }

    /// An array of tables (`[[activities]]`), each read with `known` keys.
    /// `None` when absent; errors for anything that is not a table.
    pub fn tables(
        &self,
        doc: &mut Doc,
        key: &str,
        known: &'static [&'static str],
    ) -> Option<Vec<Table<'a, 'i>>> {
        let v = self.get(key)?;
        let DeValue::Array(items) = v.get_ref() else {
            let d = doc
                .error(
                    v.span(),
                    crate::t!(
                        "expected-found",
                        expected = crate::t!("expected-tables"),
                        found = describe(v.get_ref())
                    ),
                )
                .with_field(self.field(key))
                .with_hint(crate::t!("expected-tables-hint", key = key));
            doc.push(d);
            return None;
        };
        let mut out = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let path = format!("{}[{}]", self.field(key), i + 1);
            match item.get_ref() {
                DeValue::Table(t) => out.push(Table::new(t, item.span(), path, known)),
                other => {
                    let d = doc
                        .error(
                            item.span(),
                            crate::t!(
                                "expected-found",
                                expected = crate::t!("expected-table"),
                                found = describe(other)
                            ),
                        )
                        .with_field(path)
                        .with_hint(crate::t!("expected-table-hint"));
                    doc.push(d);
                }
            }
        }
        Some(out)
    }

    /// Keys and raw values, for tables whose keys are data (glossary terms).
    pub fn entries(
        &self,
    ) -> impl Iterator<
        Item = (
            &'a Spanned<std::borrow::Cow<'i, str>>,
            &'a Spanned<DeValue<'i>>,
        ),
    > {
        self.map.iter()
    }

    pub fn path(&self) -> &str {
        &self.path
    }
}

/// `2020-02-08`, a real day of a year from 1000 to 9999.
pub fn parse_date(s: &str) -> Option<super::values::Date> {
    let mut parts = s.trim().splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (year, month, day): (u16, u8, u8) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    (year >= 1000 && (1..=12).contains(&month) && day >= 1 && day <= days[month as usize - 1])
        .then_some(super::values::Date { year, month, day })
}

/// What a browser CMS writes for an optional field left blank (`""`, after
/// a number or a date was typed and cleared): read as if it were absent.
pub fn is_blank(v: &DeValue<'_>) -> bool {
    matches!(v, DeValue::String(s) if s.trim().is_empty())
}

/// What a TOML value is, in an editor's words.
pub fn describe(v: &DeValue<'_>) -> String {
    match v {
        DeValue::String(_) => crate::t!("value-text"),
        DeValue::Integer(_) => crate::t!("value-integer"),
        DeValue::Float(_) => crate::t!("value-decimal"),
        DeValue::Boolean(_) => crate::t!("value-boolean"),
        DeValue::Datetime(_) => crate::t!("value-date"),
        DeValue::Array(_) => crate::t!("value-list"),
        DeValue::Table(_) => crate::t!("value-table"),
    }
}

/// The two kinds of exact decimal a field holds.
#[derive(Clone, Copy)]
enum Decimal {
    Money,
    Quantity,
}

impl Decimal {
    /// What is wrong with `literal` as `key`'s value, and what to write.
    fn refusal(self, why: FixedError, key: &str, literal: &str) -> (String, String) {
        use FixedError::*;
        let value = literal;
        match (self, why) {
            (_, Negative) => (
                crate::t!("decimal-negative", value = value),
                crate::t!("decimal-negative-hint", key = key),
            ),
            (_, Malformed) => (
                crate::t!("decimal-malformed", value = value),
                crate::t!("decimal-malformed-hint", key = key),
            ),
            (Decimal::Money, TooPrecise) => (
                crate::t!("money-too-precise", value = value),
                crate::t!("money-hint", key = key),
            ),
            (Decimal::Money, TooLarge) => (
                crate::t!("money-too-large", value = value),
                crate::t!("money-hint", key = key),
            ),
            (Decimal::Money, Implausible) => (
                crate::t!("money-implausible", value = value, most = Yuan::most()),
                crate::t!("money-hint", key = key),
            ),
            (Decimal::Quantity, TooPrecise) => (
                crate::t!("quantity-too-precise", value = value),
                crate::t!("quantity-hint", key = key),
            ),
            (Decimal::Quantity, TooLarge | Implausible) => (
                crate::t!("quantity-too-large", value = value),
                crate::t!("quantity-hint", key = key),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::source_offset;

    #[test]
    fn offsets_in_string_literals() {
        let lit = r#""第一段\n\n第二段""#;
        assert_eq!(&lit[source_offset(lit, "第一段\n\n".len())..], "第二段\"");
        let lit = "\"\"\"\n甲\n\n乙\"\"\"";
        assert_eq!(&lit[source_offset(lit, "甲\n\n".len())..], "乙\"\"\"");
        let lit = r#""\u91CD-{x""#;
        assert_eq!(&lit[source_offset(lit, "重".len())..], "-{x\"");
        assert_eq!(source_offset("'甲-{'", 3), 4);
        let lit = "\"\"\"甲\\\n   乙\"\"\"";
        assert_eq!(&lit[source_offset(lit, "甲乙".len() - 3)..], "乙\"\"\"");
    }
}
