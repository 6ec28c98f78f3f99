//! The statistics page: the publication's figures as charts and as tables.
//!
//! The charts and the tables are made from the same rows here, so what a
//! reader sees in a bar and what a screen reader reads in the table agree.

use serde::Serialize;

use super::charts::{bar_chart, Chart, Group, Row, Value};
use crate::model::{ItemView, Money, OrgView, Publication};

/// How many organizations the statistics page shows by name; the others
/// are one bar and one row, and the full list is on its own pages.
pub const TOP: usize = 20;

/// Everything `stats.html` shows.
#[derive(Serialize)]
pub struct StatsView<'a> {
    pub types: Vec<TypeRow<'a>>,
    /// The largest donors (at most `TOP`), largest first.
    pub donations: Vec<DonationRow<'a>>,
    /// The donors after those, summed, when there are any.
    pub donations_others: Option<Others>,
    /// How many organizations gave an amount.
    pub donors: usize,
    pub donations_total: &'a Money,
    /// Donated goods, grouped by unit (one scale per unit).
    pub goods: Vec<GoodsGroup<'a>>,
    pub types_chart: String,
    pub donations_chart: String,
    pub goods_chart: String,
}

#[derive(Serialize)]
pub struct TypeRow<'a> {
    pub key: &'a str,
    pub name: &'a str,
    pub organizations: usize,
    pub activities: usize,
    pub amount: &'a Money,
}

#[derive(Serialize)]
pub struct DonationRow<'a> {
    pub slug: &'a str,
    pub name: &'a str,
    pub amount: &'a Money,
}

/// What the donors after the largest gave together.
#[derive(Serialize)]
pub struct Others {
    pub organizations: usize,
    pub amount: Money,
}

/// The rows of a page of the full table of donations.
pub fn donation_rows(orgs: &[std::sync::Arc<OrgView>]) -> Vec<DonationRow<'_>> {
    orgs.iter()
        .filter_map(|o| {
            o.amount.as_ref().map(|amount| DonationRow {
                slug: &o.slug,
                name: &o.name,
                amount,
            })
        })
        .collect()
}

#[derive(Serialize)]
pub struct GoodsGroup<'a> {
    pub unit: Option<&'a str>,
    pub items: Vec<&'a ItemView>,
}

pub fn stats_view(p: &Publication) -> StatsView<'_> {
    let ui = |k: &'static str| p.ui.get(k).map(String::as_str).unwrap_or(k);
    let types: Vec<TypeRow<'_>> = p
        .activity_types
        .iter()
        .map(|t| TypeRow {
            key: &t.key,
            name: &t.name,
            organizations: t.totals.organizations,
            activities: t.totals.activities,
            amount: &t.totals.amount,
        })
        .collect();
    let top = p.donors.len().min(TOP);
    let donations = donation_rows(&p.donors[..top]);
    let donations_others = (p.donors.len() > top).then(|| {
        let rest = p.donors[top..].iter().filter_map(|o| o.amount.as_ref());
        let approximate = rest.clone().any(|m| m.approximate);
        Others {
            organizations: p.donors.len() - top,
            amount: p.numerals.total(rest.map(|m| m.exact).sum(), approximate),
        }
    });
    let goods = goods_groups(&p.totals.goods);

    let count = |n: usize| Value {
        amount: n as i64,
        text: n.to_string(),
    };
    let types_chart = bar_chart(&Chart {
        id: "chart-types",
        title: ui("stats_types"),
        description: ui("stats_see_table"),
        series: &[
            ui("organizations_count_label"),
            ui("activities_count_label"),
        ],
        groups: vec![Group {
            heading: None,
            rows: types
                .iter()
                .map(|t| Row {
                    label: t.name.to_string(),
                    values: vec![count(t.organizations), count(t.activities)],
                })
                .collect(),
        }],
    });
    let donations_chart = bar_chart(&Chart {
        id: "chart-donations",
        title: ui("stats_donations"),
        description: ui("stats_see_table"),
        series: &[ui("amount")],
        groups: vec![Group {
            heading: None,
            rows: donations
                .iter()
                .map(|d| Row {
                    label: d.name.to_string(),
                    values: vec![Value {
                        amount: d.amount.exact.0,
                        text: d.amount.text.clone(),
                    }],
                })
                .chain(donations_others.iter().map(|o| Row {
                    label: format!("{}（{}）", ui("stats_others"), o.organizations),
                    values: vec![Value {
                        amount: o.amount.exact.0,
                        text: o.amount.text.clone(),
                    }],
                }))
                .collect(),
        }],
    });
    let goods_chart = bar_chart(&Chart {
        id: "chart-goods",
        title: ui("stats_goods"),
        description: ui("stats_see_table"),
        series: &[ui("quantity")],
        groups: goods
            .iter()
            .map(|g| Group {
                heading: Some(format!("{}{}", ui("unit_heading"), g.unit.unwrap_or("—"))),
                rows: g
                    .items
                    .iter()
                    .map(|it| Row {
                        label: it.name.clone(),
                        values: vec![Value {
                            amount: it.quantity.map_or(0, |q| q.0),
                            text: it.text.clone().unwrap_or_default(),
                        }],
                    })
                    .collect(),
            })
            .collect(),
    });
    StatsView {
        types,
        donors: p.donors.len(),
        donations,
        donations_others,
        donations_total: &p.totals.amount,
        goods,
        types_chart,
        donations_chart,
        goods_chart,
    }
}

/// Goods grouped by unit in the order units first appear, largest first within
/// a unit: quantities in different units share no scale.
fn goods_groups(goods: &[ItemView]) -> Vec<GoodsGroup<'_>> {
    let mut groups: Vec<GoodsGroup<'_>> = Vec::new();
    for it in goods {
        let unit = it.unit.as_deref();
        match groups.iter_mut().find(|g| g.unit == unit) {
            Some(g) => g.items.push(it),
            None => groups.push(GoodsGroup {
                unit,
                items: vec![it],
            }),
        }
    }
    for g in &mut groups {
        g.items.sort_by_key(|i| std::cmp::Reverse(i.quantity));
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::money::Quantity;

    fn item(name: &str, q: i64, unit: &str) -> ItemView {
        ItemView {
            name: name.into(),
            quantity: Some(Quantity(q)),
            quantity_text: Some((q / 1000).to_string()),
            unit: Some(unit.into()),
            text: None,
            approximate: false,
            qualifier: None,
        }
    }

    #[test]
    fn goods_share_a_scale_only_within_a_unit() {
        let goods = vec![
            item("口罩", 3_000_000, "個"),
            item("蔬菜", 11_500, "噸"),
            item("一次性醫用口罩", 12_200_000, "個"),
        ];
        let groups = goods_groups(&goods);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].unit, Some("個"));
        let names: Vec<&str> = groups[0].items.iter().map(|i| i.name.as_str()).collect();
        assert_eq!(names, ["一次性醫用口罩", "口罩"]);
        assert_eq!(groups[1].unit, Some("噸"));
    }
}
