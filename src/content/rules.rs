//! Conversion rules: a term's fixed form per variant (MediaWiki's model, checked
//! when the site is built). Three levels, the nearer one winning on the same term:
//! the site glossary (`[glossary]` in site.toml, or a glossary file), an entry's
//! `[rules]`, and `-{H|zh-Hans:…;zh-Hant:…}-` inside the entry's text.

use std::collections::BTreeMap;

use toml::de::DeValue;

use crate::content::schema::{Doc, Table};
use crate::diagnostic::suggest;
use crate::text::markup::{self, Segment};

/// Term (as written in the source) → (variant code, text) pairs.
pub type RuleSet = BTreeMap<String, Vec<(String, String)>>;

/// Reads a table of `"term" = { zh-Hans = "…", zh-Hant = "…" }` entries.
pub fn read_table(doc: &mut Doc, t: &Table<'_, '_>, codes: &[&str]) -> RuleSet {
    let mut out = RuleSet::new();
    for (term, v) in t.entries() {
        let field = format!("{}.\"{}\"", t.path(), term.get_ref());
        let DeValue::Table(forms) = v.get_ref() else {
            let d = doc
                .error(v.span(), crate::t!("rules-not-a-table"))
                .with_field(field)
                .with_hint(crate::t!(
                    "rules-not-a-table-hint",
                    term = term.get_ref().to_string()
                ));
            doc.push(d);
            continue;
        };
        let mut pairs = Vec::new();
        for (code, text) in forms.iter() {
            if !codes.iter().any(|c| c.eq_ignore_ascii_case(code.get_ref())) {
                let d = doc
                    .error(
                        code.span(),
                        crate::t!("variant-not-of-site", code = code.get_ref().to_string()),
                    )
                    .with_field(format!("{}.{}", field, code.get_ref()))
                    .with_hint(suggest(code.get_ref(), codes));
                doc.push(d);
                continue;
            }
            match text.get_ref() {
                DeValue::String(s) => pairs.push((code.get_ref().to_string(), s.to_string())),
                _ => {
                    let d = doc
                        .error(text.span(), crate::t!("rules-text-not-quoted"))
                        .with_field(format!("{}.{}", field, code.get_ref()));
                    doc.push(d);
                }
            }
        }
        if term.get_ref().is_empty() {
            let d = doc
                .error(term.span(), crate::t!("rules-term-empty"))
                .with_field(field);
            doc.push(d);
        } else if !pairs.is_empty() {
            out.insert(term.get_ref().to_string(), pairs);
        }
    }
    out
}

/// The rules one variant applies: term → its text there. Terms with no text
/// usable for the variant are left to the dictionaries.
pub fn for_variant(set: &RuleSet, code: &str) -> BTreeMap<String, String> {
    set.iter()
        .filter_map(|(term, pairs)| {
            let borrowed: Vec<(&str, &str)> = pairs
                .iter()
                .map(|(c, t)| (c.as_str(), t.as_str()))
                .collect();
            markup::pick(&borrowed, code).map(|t| (term.clone(), t.to_string()))
        })
        .collect()
}

/// The `-{H|…}-` rules written anywhere in `text`: every form given becomes a
/// term that maps to each variant's form. Malformed markup is reported where
/// the text is converted, not here.
pub fn hidden_rules(text: &str, into: &mut RuleSet) {
    let mut rest = text;
    while let Some(i) = rest.find("-{H|") {
        let after = &rest[i..];
        let Some(end) = after.find("}-") else { break };
        if let Ok(segs) = markup::parse(&after[..end + 2]) {
            for (_, seg) in segs {
                if let Segment::Hidden(pairs) = seg {
                    for (_, form) in &pairs {
                        let owned = pairs
                            .iter()
                            .map(|(c, t)| (c.to_string(), t.to_string()))
                            .collect();
                        into.insert(form.to_string(), owned);
                    }
                }
            }
        }
        rest = &after[end + 2..];
    }
}

/// Merges `nearer` over `farther`: the nearer level wins on the same term.
pub fn merge(farther: &RuleSet, nearer: &RuleSet) -> RuleSet {
    let mut out = farther.clone();
    out.extend(nearer.iter().map(|(k, v)| (k.clone(), v.clone())));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_rules_map_every_form() {
        let mut set = RuleSet::new();
        hidden_rules("前-{H|zh-Hans:鲜于;zh-Hant:鮮于}-後", &mut set);
        assert_eq!(
            for_variant(&set, "zh-Hant").get("鲜于").map(String::as_str),
            Some("鮮于")
        );
        assert_eq!(
            for_variant(&set, "zh-Hans").get("鮮于").map(String::as_str),
            Some("鲜于")
        );
        assert_eq!(
            for_variant(&set, "zh-TW").get("鲜于").map(String::as_str),
            Some("鮮于")
        );
    }
}
