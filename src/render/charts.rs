//! Bar charts drawn at build time as inline SVG: no chart library, no script.
//!
//! The layout is made for any width without measuring text: each row puts
//! its label on a line of its own and the bars under it, with widths in
//! percent of the chart's width, so the chart reflows from 390 px to a desktop
//! without scaling its text. The longest bar takes [`MAX_PERCENT`] of the
//! width, which leaves room for the value written after every bar.
//!
//! Values are exact integers (fen, thousandths of a unit, counts); bar widths
//! are computed from them in integer arithmetic, so the same data always
//! gives the same bytes. The figures written on the chart are the caller's
//! texts (1127萬元), already in the variant's script.

use super::theme::escape;

/// The longest bar's share of the chart's width, in percent.
pub const MAX_PERCENT: i64 = 70;
/// A non-zero value never draws a bar thinner than this (hundredths of a percent).
const MIN_HUNDREDTHS: i64 = 50;

const LABEL_LINE: u32 = 22;
const LABEL_BASELINE: u32 = 16;
const BAR: u32 = 14;
const BAR_GAP: u32 = 4;
const ROW_GAP: u32 = 10;
const HEADING_LINE: u32 = 28;

/// A horizontal bar chart.
pub struct Chart<'a> {
    /// Unique in the page: ids of the title and description derive from it.
    pub id: &'a str,
    /// What the chart shows, for assistive technology (`<title>`).
    pub title: &'a str,
    /// Where the same figures are (`<desc>`): "the table below".
    pub description: &'a str,
    /// One name per value of each row; with more than one, a legend is drawn.
    pub series: &'a [&'a str],
    pub groups: Vec<Group>,
}

/// Rows sharing one scale, under an optional heading (goods measured in one unit).
pub struct Group {
    pub heading: Option<String>,
    pub rows: Vec<Row>,
}

pub struct Row {
    pub label: String,
    /// One per series.
    pub values: Vec<Value>,
}

pub struct Value {
    /// The exact figure in the chart's integer unit; negative counts as 0.
    pub amount: i64,
    /// The figure as written after the bar.
    pub text: String,
}

/// The chart as an `<svg>` element to put inline in a page.
pub fn bar_chart(c: &Chart<'_>) -> String {
    let mut body = String::new();
    let mut y = 0;
    if c.series.len() > 1 {
        body.push_str(&legend(c.series, y));
        y += HEADING_LINE;
    }
    for g in &c.groups {
        if let Some(h) = &g.heading {
            body.push_str(&format!(
                "<text class=\"heading\" x=\"0\" y=\"{}\">{}</text>",
                y + LABEL_BASELINE + 4,
                escape(h)
            ));
            y += HEADING_LINE;
        }
        let max = g
            .rows
            .iter()
            .flat_map(|r| r.values.iter().map(|v| v.amount))
            .max()
            .unwrap_or(0);
        for r in &g.rows {
            body.push_str(&format!(
                "<text x=\"0\" y=\"{}\">{}</text>",
                y + LABEL_BASELINE,
                escape(&r.label)
            ));
            y += LABEL_LINE;
            for (s, v) in r.values.iter().enumerate() {
                body.push_str(&bar(s, v, max, y));
                y += BAR + BAR_GAP;
            }
            y += ROW_GAP - BAR_GAP;
        }
    }
    format!(
        "<svg class=\"chart\" width=\"100%\" height=\"{h}\" role=\"img\" aria-labelledby=\"{id}-title\" aria-describedby=\"{id}-desc\">\
<title id=\"{id}-title\">{title}</title><desc id=\"{id}-desc\">{desc}</desc>{body}</svg>",
        h = y,
        id = escape(c.id),
        title = escape(c.title),
        desc = escape(c.description),
    )
}

/// One bar and its figure: the figure sits in a nested `<svg>` placed at the
/// bar's end, the one way SVG 1.1 offers to add pixels to a percentage.
fn bar(series: usize, v: &Value, max: i64, y: u32) -> String {
    let width = percent(v.amount, max);
    let rect = if width > 0 {
        format!(
            "<rect class=\"s{series}\" x=\"0\" y=\"{y}\" width=\"{}\" height=\"{BAR}\"/>",
            format_percent(width)
        )
    } else {
        String::new()
    };
    format!(
        "{rect}<svg x=\"{}\" y=\"{y}\" overflow=\"visible\"><text class=\"value\" x=\"6\" y=\"{}\">{}</text></svg>",
        format_percent(width),
        BAR - 2,
        escape(&v.text)
    )
}

fn legend(series: &[&str], y: u32) -> String {
    // Each key takes a fixed share of the width: the names are short UI strings.
    let share = 100 / series.len().max(1) as i64;
    series
        .iter()
        .enumerate()
        .map(|(s, name)| {
            format!(
                "<svg x=\"{}%\" y=\"{y}\" overflow=\"visible\"><rect class=\"s{s}\" x=\"0\" y=\"4\" width=\"{BAR}\" height=\"{BAR}\"/><text x=\"{}\" y=\"{}\">{}</text></svg>",
                share * s as i64,
                BAR + 6,
                LABEL_BASELINE,
                escape(name)
            )
        })
        .collect()
}

/// `amount / max` of [`MAX_PERCENT`], in hundredths of a percent, rounded to
/// nearest; a non-zero amount gets at least a visible sliver.
pub fn percent(amount: i64, max: i64) -> i64 {
    if amount <= 0 || max <= 0 {
        return 0;
    }
    let amount = amount.min(max) as i128;
    let scaled = (amount * MAX_PERCENT as i128 * 100 * 2 + max as i128) / (2 * max as i128);
    (scaled as i64).max(MIN_HUNDREDTHS)
}

fn format_percent(hundredths: i64) -> String {
    format!("{}.{:02}%", hundredths / 100, hundredths % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(label: &str, amounts: &[i64]) -> Row {
        Row {
            label: label.into(),
            values: amounts
                .iter()
                .map(|a| Value {
                    amount: *a,
                    text: a.to_string(),
                })
                .collect(),
        }
    }

    fn chart(series: &[&str], groups: Vec<Group>) -> String {
        bar_chart(&Chart {
            id: "c",
            title: "捐款 <按機構>",
            description: "見下表",
            series,
            groups,
        })
    }

    #[test]
    fn widths_are_exact_shares_of_the_largest() {
        assert_eq!(percent(100, 100), 7000);
        assert_eq!(percent(50, 100), 3500);
        assert_eq!(percent(1, 3), 2333);
        assert_eq!(percent(2, 3), 4667);
        assert_eq!(percent(0, 100), 0);
        assert_eq!(percent(5, 0), 0);
        // Amounts in fen near a trillion yuan do not overflow.
        assert_eq!(percent(i64::MAX / 2, i64::MAX), 3500);
    }

    #[test]
    fn a_tiny_amount_still_shows() {
        // 23600 yuan next to 31,000,000 yuan: 0.05 %, drawn as 0.5 %.
        assert_eq!(percent(2_360_000, 3_100_000_000), MIN_HUNDREDTHS);
    }

    #[test]
    fn draws_one_bar_per_value_with_its_text() {
        let svg = chart(
            &["機構數"],
            vec![Group {
                heading: None,
                rows: vec![row("捐款捐物", &[17]), row("調研建言", &[2])],
            }],
        );
        assert!(svg.starts_with("<svg class=\"chart\""));
        assert_eq!(svg.matches("<rect").count(), 2);
        assert!(svg.contains("width=\"70.00%\""));
        assert!(svg.contains("width=\"8.24%\""), "{svg}"); // 2/17 of 70 %
        assert!(svg.contains(">捐款捐物</text>"));
        assert!(svg.contains(">17</text>"));
        // One series: no legend.
        assert!(!svg.contains(">機構數<"));
        assert!(svg.ends_with("</svg>"));
    }

    #[test]
    fn text_is_escaped_and_labelled_for_assistive_technology() {
        let svg = chart(
            &["a"],
            vec![Group {
                heading: None,
                rows: vec![row("A&B <C>", &[1])],
            }],
        );
        assert!(svg.contains("A&amp;B &lt;C&gt;"));
        assert!(svg.contains("role=\"img\""));
        assert!(svg.contains("<title id=\"c-title\">捐款 &lt;按機構&gt;</title>"));
        assert!(svg.contains("aria-describedby=\"c-desc\""));
    }

    #[test]
    fn several_series_get_a_legend_and_zero_draws_no_bar() {
        let svg = chart(
            &["機構", "活動"],
            vec![Group {
                heading: None,
                rows: vec![row("甲", &[3, 0])],
            }],
        );
        assert!(svg.contains(">機構</text>") && svg.contains(">活動</text>"));
        // Two legend keys and one bar: the zero draws none but keeps its figure.
        assert_eq!(svg.matches("<rect").count(), 3);
        assert!(svg.contains(">0</text>"));
    }

    #[test]
    fn each_group_has_its_own_scale() {
        let svg = chart(
            &["數量"],
            vec![
                Group {
                    heading: Some("單位：個".into()),
                    rows: vec![row("口罩", &[12200]), row("手套", &[3050])],
                },
                Group {
                    heading: Some("單位：噸".into()),
                    rows: vec![row("蔬菜", &[11])],
                },
            ],
        );
        assert!(svg.contains("class=\"heading\""));
        assert_eq!(svg.matches("width=\"70.00%\"").count(), 2);
        assert!(svg.contains("width=\"17.50%\""));
    }

    #[test]
    fn height_grows_with_rows() {
        let one = chart(
            &["a"],
            vec![Group {
                heading: None,
                rows: vec![row("x", &[1])],
            }],
        );
        let h = (LABEL_LINE + BAR + ROW_GAP).to_string();
        assert!(one.contains(&format!("height=\"{h}\"")), "{one}");
    }
}
