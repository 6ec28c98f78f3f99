//! The publication as open data, in each variant's script: data.json, and
//! two CSV tables (organizations, activities) for spreadsheets.
//!
//! Amounts are exact decimal strings, never floats; every figure says
//! whether the source gives it as approximate (近, 餘…) and with which word.
//! The columns of the tables are listed once ([`COLUMNS`]): the CSV header
//! and the data page's dictionary of them are made from the same list.

use rayon::prelude::*;
use serde::Serialize;

use crate::content::config::Script;
use crate::content::figures::Qualifier;
use crate::content::values::Date;
use crate::model::{ActivityView, Headcount, ItemView, Money, OrgView, Publication};
use crate::plan::Table;

/// An organization in data.json.
#[derive(Serialize)]
struct DataOrg<'a> {
    slug: &'a str,
    name: &'a str,
    category: &'a Option<String>,
    summary: &'a Option<String>,
    /// The declared fields' values, by key.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    fields: std::collections::BTreeMap<&'a str, &'a serde_json::Value>,
    activities: Vec<DataActivity<'a>>,
}

#[derive(Serialize)]
struct DataActivity<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    summary: &'a str,
    date: &'a Option<Date>,
    amount_yuan: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    amount_approximate: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    amount_qualifier: Option<&'static str>,
    items: Vec<DataItem<'a>>,
    people: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    people_unit: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    people_label: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    people_approximate: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    people_qualifier: Option<&'static str>,
}

#[derive(Serialize)]
struct DataItem<'a> {
    name: &'a str,
    quantity: Option<String>,
    unit: &'a Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    approximate: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    qualifier: Option<&'static str>,
}

/// A qualifier's word in the variant's script.
fn word(q: Option<Qualifier>, script: Script) -> Option<&'static str> {
    q.map(|q| q.word(script))
}

/// An organization as data.json gives it.
fn data_org(o: &OrgView, script: Script) -> DataOrg<'_> {
    DataOrg {
        slug: &o.slug,
        name: &o.name,
        category: &o.category,
        summary: &o.summary,
        fields: o
            .fields
            .iter()
            .map(|f| (f.key.as_str(), &f.value))
            .collect(),
        activities: o
            .activities
            .iter()
            .map(|a| data_activity(a, script))
            .collect(),
    }
}

fn data_activity(a: &ActivityView, script: Script) -> DataActivity<'_> {
    let count: Option<&Headcount> = a.headcount.as_ref();
    DataActivity {
        kind: &a.kind,
        summary: &a.summary,
        date: &a.date,
        amount_yuan: a.amount.as_ref().map(|m| m.exact.exact()),
        amount_approximate: a.amount.as_ref().map(|m| m.approximate),
        amount_qualifier: a.amount.as_ref().and_then(|m| word(m.qualifier, script)),
        items: a
            .items
            .iter()
            .map(|i| DataItem {
                name: &i.name,
                quantity: i.quantity.map(|q| q.plain()),
                unit: &i.unit,
                approximate: i.approximate,
                qualifier: word(i.qualifier, script),
            })
            .collect(),
        people: a.people,
        people_unit: count.map(|c| c.unit.as_str()),
        people_label: count.and_then(|c| c.label.as_deref()),
        people_approximate: count.map(|c| c.approximate),
        people_qualifier: count.and_then(|c| word(c.qualifier, script)),
    }
}

/// data.json: the publication as open data in the variant's script (SPEC §5).
/// The organizations are serialized in parallel, then joined into the frame.
pub fn json(p: &Publication) -> Vec<u8> {
    #[derive(Serialize)]
    struct Data<'a> {
        title: &'a str,
        variant: &'a str,
        /// Empty here: the entries are put in place afterwards.
        organizations: [(); 0],
        totals: Totals<'a>,
    }
    #[derive(Serialize)]
    struct Totals<'a> {
        organizations: usize,
        activities: usize,
        amount_yuan: String,
        amount_approximate: bool,
        by_type: std::collections::BTreeMap<&'a str, TypeTotals>,
    }
    #[derive(Serialize)]
    struct TypeTotals {
        organizations: usize,
        activities: usize,
        amount_yuan: String,
        amount_approximate: bool,
    }
    let by_type = p
        .activity_types
        .iter()
        .map(|t| {
            (
                t.key.as_str(),
                TypeTotals {
                    organizations: t.totals.organizations,
                    activities: t.totals.activities,
                    amount_yuan: t.totals.amount.exact.exact(),
                    amount_approximate: t.totals.amount.approximate,
                },
            )
        })
        .collect();
    let data = Data {
        title: &p.site.title,
        variant: &p.variant.code,
        organizations: [],
        totals: Totals {
            organizations: p.totals.organizations,
            activities: p.totals.activities,
            amount_yuan: p.totals.amount.exact.exact(),
            amount_approximate: p.totals.amount.approximate,
            by_type,
        },
    };
    let frame = serde_json::to_string_pretty(&data).unwrap_or_default();
    // The one line of the frame that holds the list: no string value can
    // contain it, as quotes inside strings are escaped.
    const EMPTY: &str = "\n  \"organizations\": [],\n";
    let Some(at) = frame.find(EMPTY).filter(|_| !p.orgs.is_empty()) else {
        let mut bytes = frame.into_bytes();
        bytes.push(b'\n');
        return bytes;
    };
    let script = p.numerals.script;
    let docs: Vec<String> = p.orgs.par_iter().map(|o| entry(o, script)).collect();
    let len = frame.len() + docs.iter().map(|d| d.len() + 6).sum::<usize>() + 16;
    let mut out = String::with_capacity(len);
    out.push_str(&frame[..at]);
    out.push_str("\n  \"organizations\": [");
    for (i, d) in docs.iter().enumerate() {
        out.push_str(if i == 0 { "\n    " } else { ",\n    " });
        out.push_str(d);
    }
    out.push_str("\n  ],\n");
    out.push_str(&frame[at + EMPTY.len()..]);
    out.push('\n');
    out.into_bytes()
}

/// An organization's entry in data.json, as `serde_json`'s pretty printer
/// writes it inside the list (four spaces in).
fn entry(o: &OrgView, script: Script) -> String {
    let json = serde_json::to_string_pretty(&data_org(o, script)).unwrap_or_default();
    // Strings hold no raw line breaks (they are escaped), so every line
    // break is the printer's, and each line moves in by the list's depth.
    json.replace('\n', "\n    ")
}

/// One column of a CSV table: its header, and the UI string that says
/// what it holds (the data page's dictionary).
pub struct Column {
    pub name: &'static str,
    pub meaning: &'static str,
}

const fn col(name: &'static str, meaning: &'static str) -> Column {
    Column { name, meaning }
}

/// The columns of each table, in order.
pub const COLUMNS: &[(Table, &[Column])] = &[
    (
        Table::Organizations,
        &[
            col("slug", "data_slug"),
            col("name", "data_name"),
            col("category", "data_category"),
            col("summary", "data_summary"),
            col("activities", "data_activities"),
            col("activity_types", "data_activity_types"),
            col("amount_yuan", "data_amount_yuan"),
            col("amount_approximate", "data_amount_approximate"),
            col("amount_text", "data_amount_text"),
            col("url", "data_url"),
        ],
    ),
    (
        Table::Activities,
        &[
            col("organization", "data_organization"),
            col("organization_name", "data_name"),
            col("type", "data_type"),
            col("type_name", "data_type_name"),
            col("summary", "data_activity_summary"),
            col("date", "data_date"),
            col("amount_yuan", "data_amount_yuan"),
            col("amount_approximate", "data_amount_approximate"),
            col("amount_qualifier", "data_qualifier"),
            col("amount_text", "data_amount_text"),
            col("people", "data_people"),
            col("people_unit", "data_people_unit"),
            col("people_label", "data_people_label"),
            col("people_approximate", "data_people_approximate"),
            col("items", "data_items"),
        ],
    ),
];

/// The columns of one table.
pub fn columns(table: Table) -> &'static [Column] {
    COLUMNS
        .iter()
        .find(|(t, _)| *t == table)
        .map_or(&[][..], |(_, c)| c)
}

/// A CSV table of a variant: UTF-8 with a byte order mark, so that
/// spreadsheets (Excel above all) read the Chinese text as such.
pub fn csv(p: &Publication, table: Table) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(&mut out);
    let mut header: Vec<&str> = columns(table).iter().map(|c| c.name).collect();
    let declared = declared_fields(p);
    if table == Table::Organizations {
        header.extend(declared.iter().map(|(k, _)| *k));
    }
    let bool_text = |b: bool| if b { "true" } else { "false" };
    let money = |m: &Option<Money>| {
        m.as_ref().map_or(["".into(), "".into(), "".into()], |m| {
            [
                m.exact.exact(),
                bool_text(m.approximate).to_string(),
                m.text.clone(),
            ]
        })
    };
    let script = p.numerals.script;
    // Writing into memory cannot fail; a record is never ragged.
    let _ = w.write_record(&header);
    match table {
        Table::Organizations => {
            for o in &p.orgs {
                let mut kinds: Vec<&str> = Vec::new();
                for a in &o.activities {
                    if !kinds.contains(&a.kind.as_str()) {
                        kinds.push(&a.kind);
                    }
                }
                let [amount, approx, text] = money(&o.amount);
                let mut record: Vec<String> = vec![
                    o.slug.clone(),
                    o.name.clone(),
                    o.category.clone().unwrap_or_default(),
                    o.summary.clone().unwrap_or_default(),
                    o.activities.len().to_string(),
                    kinds.join(" "),
                    amount,
                    approx,
                    text,
                    format!("{}/{}/orgs/{}/", p.site.base_url, p.variant.path, o.slug),
                ];
                for (key, _) in &declared {
                    let value = o.fields.iter().find(|f| f.key == *key);
                    record.push(value.map(cell).unwrap_or_default());
                }
                let _ = w.write_record(&record);
            }
        }
        Table::Activities => {
            for o in &p.orgs {
                for a in &o.activities {
                    let [amount, approx, text] = money(&a.amount);
                    let count = a.headcount.as_ref();
                    let _ = w.write_record([
                        o.slug.as_str(),
                        &o.name,
                        &a.kind,
                        &a.type_name,
                        &a.summary,
                        &a.date.map(|d| d.to_string()).unwrap_or_default(),
                        &amount,
                        &approx,
                        word(a.amount.as_ref().and_then(|m| m.qualifier), script).unwrap_or(""),
                        &text,
                        &a.people.map(|n| n.to_string()).unwrap_or_default(),
                        count.map_or("", |c| c.unit.as_str()),
                        count.and_then(|c| c.label.as_deref()).unwrap_or(""),
                        count.map_or("", |c| bool_text(c.approximate)),
                        &items_text(&a.items),
                    ]);
                }
            }
        }
    }
    let _ = w.flush();
    drop(w);
    out
}

/// The site's declared fields, (key, label), in site.toml's order as the
/// organizations give them.
pub fn declared_fields(p: &Publication) -> Vec<(&str, &str)> {
    let mut out: Vec<(&str, &str)> = Vec::new();
    for f in p.orgs.iter().flat_map(|o| &o.fields) {
        if !out.iter().any(|(k, _)| *k == f.key) {
            out.push((&f.key, &f.name));
        }
    }
    out
}

/// A declared field's value in a CSV cell: exact data, not display text.
fn cell(f: &crate::model::FieldView) -> String {
    match &f.value {
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(a) => a
            .iter()
            .map(|v| v.to_string())
            .collect::<Vec<_>>()
            .join(","),
        other => other.to_string(),
    }
}

/// Donated goods in one cell: `醫用口罩 40餘萬隻; 額溫槍 500把`.
fn items_text(items: &[ItemView]) -> String {
    items
        .iter()
        .map(|i| match &i.text {
            Some(t) => format!("{} {}", i.name, t),
            None => i.name.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}
