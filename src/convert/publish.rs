//! Source → Publication for one variant: every reader-facing string converted,
//! totals computed once, index pages gathered in one pass over the entries.

mod reading;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::markdown::{self, MarkdownError, Rendered};
use super::Converter;
use crate::content::config::VariantConfig;
use crate::content::fields::{FieldType, FieldValue};
use crate::content::figures::{Figure, Qualifier};
use crate::content::money::{Quantity, Yuan};
use crate::content::rules::{self, RuleSet};
use crate::content::schema::Located;
use crate::content::values::ActivityKey;
use crate::content::{Entry, Source};
use crate::diagnostic::{Diagnostic, Error, Result};
use crate::model::*;
use crate::text::markup::MarkupError;

/// Where a text came from, to report a bad `-{…}-` in it.
struct Origin<'a> {
    file: &'a Path,
    text: &'a Arc<str>,
    field: String,
}

impl Origin<'_> {
    /// Where byte `offset` of a TOML string field's value is in the file.
    fn in_literal(&self, l: &Located<String>, offset: usize) -> usize {
        let literal = self.text.get(l.span.clone()).unwrap_or_default();
        l.span.start + crate::content::schema::source_offset(literal, offset)
    }

    fn markup(&self, span_start: usize, e: MarkupError) -> Diagnostic {
        let start = span_start + e.span.start;
        Diagnostic::at(self.file, self.text, start..start + e.span.len(), e.message)
            .with_field(self.field.clone())
            .with_hint(e.hint)
    }
}

/// A converter bound to the variant, collecting errors instead of stopping at the first.
struct Ctx {
    c: Converter,
    numerals: Arc<Numerals>,
}

impl Ctx {
    /// A TOML string field: the error offset is inside the literal, one past its quote.
    fn field(
        &self,
        o: &Origin<'_>,
        l: &Located<String>,
    ) -> std::result::Result<String, Diagnostic> {
        self.c.text(&l.value).map_err(|e| {
            let at = o.in_literal(l, e.span.start);
            o.markup(at - e.span.start.min(at), e)
        })
    }

    fn markdown(
        &self,
        o: &Origin<'_>,
        l: &Located<String>,
        inline: bool,
    ) -> std::result::Result<Rendered, Diagnostic> {
        let r = if inline {
            markdown::render_inline(&self.c, &l.value)
        } else {
            markdown::render(&self.c, &l.value)
        };
        r.map_err(|MarkdownError { offset, error }| {
            // A body's span is its exact place in the file; an inline field is
            // a TOML string, read through its quotes and escapes.
            let at = if inline {
                o.in_literal(l, offset)
            } else {
                l.span.start + offset
            };
            o.markup(at.saturating_sub(error.span.start), error)
        })
    }

    fn money(&self, y: Figure<Yuan>) -> Money {
        self.numerals.money(y)
    }
}

/// Builds the publication for `source.config.variants[index]`, taking from
/// `previous` (the same variant's last publication, sorted by slug) every
/// organization view made from the same files and settings.
pub fn publish(
    source: &Source,
    index: usize,
    ui: BTreeMap<String, String>,
    previous: &[Arc<OrgView>],
) -> Result<Publication> {
    let config = &source.config;
    let variant = &config.variants[index];
    let c = Converter::new(
        &variant.code,
        variant.convert.as_deref(),
        variant.dictionaries,
    )
    .map_err(|e| {
        Error::one(Diagnostic::file(
            crate::content::config::SITE_FILE,
            crate::t!(
                "publish-conversion-failed",
                variant = variant.code.to_string(),
                error = e
            ),
        ))
    })?;
    let c = c.with_quotes(variant.quotes);
    let numerals = Arc::new(Numerals {
        script: variant.script(config.source),
    });
    let ctx = Ctx {
        c: c.with_rules(&rules::for_variant(&config.glossary, &variant.code)),
        numerals: Arc::clone(&numerals),
    };
    let mut errors = Vec::new();
    let site_origin = |field: &str| Origin {
        file: Path::new(crate::content::config::SITE_FILE),
        text: &config.text,
        field: field.to_string(),
    };

    let title = ok_field(&ctx, &site_origin("title"), &config.title, &mut errors);
    let description = config
        .description
        .as_ref()
        .map(|d| ok_field(&ctx, &site_origin("description"), d, &mut errors))
        .unwrap_or_default();
    let mut labels = Labels::default();
    for (i, f) in config.fields.iter().enumerate() {
        let o = site_origin(&format!("fields[{}].name", i + 1));
        let name = ok_field(&ctx, &o, &f.name, &mut errors);
        labels.fields.insert(f.key.clone(), (f.kind, name));
    }
    let mut activity_types = Vec::new();
    for (i, t) in config.activity_types.iter().enumerate() {
        let o = site_origin(&format!("activity_types[{}]", i + 1));
        let name = ok_field(&ctx, &o, &t.name, &mut errors);
        let description_html = match &t.description {
            Some(d) => ctx
                .markdown(&o, d, false)
                .map(|r| r.html)
                .map_err(|d| errors.push(d))
                .unwrap_or_default(),
            None => String::new(),
        };
        labels.types.insert(t.key.clone(), name.clone());
        activity_types.push(ActivityTypeView {
            key: t.key.clone(),
            name,
            description_html,
            totals: TypeTotals {
                organizations: 0,
                activities: 0,
                amount: ctx.numerals.total(Yuan(0), false),
            },
            entries: Vec::new(),
        });
    }

    // A hand-written variant's figures are still written in its script.
    let as_written = Ctx {
        c: Converter::as_written(&variant.code).with_quotes(variant.quotes),
        numerals: Arc::clone(&numerals),
    };
    // What every view of this variant is made from besides its files.
    let setup = crate::digest::of(&(config.digest, index));
    let orgs: Vec<std::result::Result<Arc<OrgView>, Vec<Diagnostic>>> = source
        .orgs
        .par_iter()
        .map(|e| {
            let hand_written = source
                .overrides
                .get(&(e.slug.clone(), variant.code.to_string()));
            let assets = source.assets.get(&e.slug).cloned().unwrap_or_default();
            let digest = crate::digest::of(&(
                setup,
                e.digest,
                hand_written.map(|o| o.digest),
                assets
                    .iter()
                    .map(|a| (&a.name, a.digest))
                    .collect::<Vec<_>>(),
                source.last_updated.get(&e.slug),
            ));
            if let Ok(i) = previous.binary_search_by(|o| o.slug.cmp(&e.slug)) {
                if previous[i].digest == digest {
                    return Ok(Arc::clone(&previous[i]));
                }
            }
            match hand_written {
                // A hand-written variant is already in this variant's script.
                Some(o) => org_view(&as_written, o, &labels),
                None => org_view(&entry_ctx(&ctx, &c, config, e), e, &labels),
            }
            .map(|view| {
                Arc::new(OrgView {
                    digest,
                    assets,
                    last_updated: source.last_updated.get(&e.slug).copied(),
                    ..view
                })
            })
        })
        .collect();
    let mut org_views = Vec::with_capacity(orgs.len());
    for o in orgs {
        match o {
            Ok(v) => org_views.push(v),
            Err(mut ds) => errors.append(&mut ds),
        }
    }

    let home = match &source.home {
        Some(h) => {
            let o = Origin {
                file: &h.file,
                text: &h.text,
                field: String::new(),
            };
            HomeView {
                title: h
                    .title
                    .as_ref()
                    .map(|t| ok_field(&ctx, &o, t, &mut errors))
                    .unwrap_or_else(|| title.clone()),
                intro_html: ctx
                    .markdown(&o, &h.body, false)
                    .map(|r| r.html)
                    .map_err(|d| errors.push(d))
                    .unwrap_or_default(),
            }
        }
        None => HomeView {
            title: title.clone(),
            intro_html: String::new(),
        },
    };
    let pages = source
        .pages
        .iter()
        .map(|p| {
            let o = Origin {
                file: &p.file,
                text: &p.text,
                field: String::new(),
            };
            let body = ctx
                .markdown(&o, &p.body, false)
                .map_err(|d| errors.push(d))
                .unwrap_or_default();
            PageView {
                slug: p.slug.clone(),
                title: p
                    .title
                    .as_ref()
                    .map(|t| ok_field(&ctx, &o, t, &mut errors))
                    .unwrap_or_default(),
                body_html: body.html,
                body_text: body.plain,
            }
        })
        .collect();
    if !errors.is_empty() {
        errors.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
        return Err(Error::Content(errors));
    }

    let totals = gather(&ctx, &org_views, &mut activity_types);
    let categories = categories(&ctx, source, &org_views);
    let updated = org_views.iter().filter_map(|o| o.changed()).max();
    let variants = config.variants.iter().map(view_of).collect();
    Ok(Publication {
        site: SiteView {
            title,
            description,
            base_url: config.base_url.clone(),
            base_path: config.base_path(),
            feed_limit: config.feed_limit,
            paginate_by: config.paginate_by,
        },
        variant: view_of(variant),
        variants,
        home,
        activity_types,
        donors: donors(&org_views),
        categories,
        orgs: org_views,
        pages,
        totals,
        ui,
        numerals: *numerals,
        updated,
    })
}

/// The categories of the organizations, by the source's text, each with its
/// organizations (by slug) and their totals.
fn categories(ctx: &Ctx, source: &Source, orgs: &[Arc<OrgView>]) -> Vec<CategoryView> {
    let mut by_slug: BTreeMap<String, CategoryView> = BTreeMap::new();
    for (e, o) in source.orgs.iter().zip(orgs) {
        let (Some(c), Some(name)) = (&e.category, &o.category) else {
            continue;
        };
        let slug = category_slug(&c.value);
        let view = by_slug.entry(slug.clone()).or_insert_with(|| CategoryView {
            href: crate::content::slug::url_segment(&slug),
            slug,
            name: name.clone(),
            totals: TypeTotals {
                organizations: 0,
                activities: 0,
                amount: ctx.numerals.total(Yuan(0), false),
            },
            orgs: Vec::new(),
        });
        view.orgs.push(Arc::clone(o));
    }
    let mut out: Vec<CategoryView> = by_slug.into_values().collect();
    for c in &mut out {
        let amounts = c.orgs.iter().filter_map(|o| o.amount.as_ref());
        let approximate = amounts.clone().any(|m| m.approximate);
        c.totals = TypeTotals {
            organizations: c.orgs.len(),
            activities: c.orgs.iter().map(|o| o.activities.len()).sum(),
            amount: ctx
                .numerals
                .total(amounts.map(|m| m.exact).sum(), approximate),
        };
    }
    out
}

/// The organizations with an amount above zero, largest first.
fn donors(orgs: &[Arc<OrgView>]) -> Vec<Arc<OrgView>> {
    let mut out: Vec<Arc<OrgView>> = orgs
        .iter()
        .filter(|o| o.amount.as_ref().is_some_and(|m| m.exact.0 > 0))
        .cloned()
        .collect();
    let amount = |o: &OrgView| o.amount.as_ref().map_or(Yuan(0), |m| m.exact);
    out.sort_by(|a, b| amount(b).cmp(&amount(a)).then(a.slug.cmp(&b.slug)));
    out
}

fn ok_field(
    ctx: &Ctx,
    o: &Origin<'_>,
    l: &Located<String>,
    errors: &mut Vec<Diagnostic>,
) -> String {
    ctx.field(o, l)
        .map_err(|d| errors.push(d))
        .unwrap_or_default()
}

fn view_of(v: &VariantConfig) -> VariantView {
    VariantView {
        code: v.code.clone(),
        path: v.path.clone(),
        label: v.label.clone(),
    }
}

/// What a variant calls its activity types and declared fields.
#[derive(Default)]
struct Labels {
    types: BTreeMap<ActivityKey, String>,
    fields: BTreeMap<String, (FieldType, String)>,
}

fn org_view(
    ctx: &Ctx,
    e: &Entry,
    labels: &Labels,
) -> std::result::Result<OrgView, Vec<Diagnostic>> {
    let mut errors = Vec::new();
    let origin = |field: String| Origin {
        file: &e.file,
        text: &e.text,
        field,
    };
    let mut field = |name: &str, l: &Located<String>| {
        ctx.field(&origin(name.to_string()), l)
            .map_err(|d| errors.push(d))
            .unwrap_or_default()
    };
    let name = field("name", &e.name);
    let category = e.category.as_ref().map(|l| field("category", l));
    // Inline Markdown, like an activity's summary: pages show its HTML, the
    // description meta tag, feeds and search its text.
    let summary = e.summary.as_ref().map(|l| {
        ctx.markdown(&origin("summary".to_string()), l, true)
            .map_err(|d| errors.push(d))
            .unwrap_or_default()
    });
    let mut activities = Vec::with_capacity(e.activities.len());
    for (i, a) in e.activities.iter().enumerate() {
        let path = format!("activities[{}]", i + 1);
        let summary = ctx
            .markdown(&origin(format!("{}.summary", path)), &a.summary, true)
            .map_err(|d| errors.push(d))
            .unwrap_or_default();
        let items = a
            .items
            .iter()
            .enumerate()
            .map(|(j, it)| {
                let ipath = format!("{}.items[{}]", path, j + 1);
                let name = ctx
                    .field(&origin(format!("{}.name", ipath)), &it.name)
                    .map_err(|d| errors.push(d))
                    .unwrap_or_default();
                let unit = it.unit.as_ref().map(|u| {
                    ctx.field(&origin(format!("{}.unit", ipath)), u)
                        .map_err(|d| errors.push(d))
                        .unwrap_or_default()
                });
                item_view(ctx, name, it.quantity, unit)
            })
            .collect();
        let headcount = a.people.as_ref().map(|c| {
            let mut text = |field: &str, l: &Option<Located<String>>| {
                l.as_ref().map(|l| {
                    ctx.field(&origin(format!("{}.people.{}", path, field)), l)
                        .map_err(|d| errors.push(d))
                        .unwrap_or_default()
                })
            };
            let unit = text("unit", &c.unit);
            let label = text("label", &c.label);
            ctx.numerals.headcount(c.figure, unit, label)
        });
        activities.push(ActivityView {
            kind: a.kind.clone(),
            type_name: labels.types.get(&a.kind).cloned().unwrap_or_default(),
            summary_html: summary.html,
            summary: summary.plain,
            date: a.date,
            amount: a.amount.map(|y| ctx.money(y)),
            items,
            people: a.people.as_ref().map(|c| c.figure.value),
            headcount,
        });
    }
    let body = ctx
        .markdown(&origin(String::new()), &e.body, false)
        .map_err(|d| errors.push(d))
        .unwrap_or_default();
    let fields = e
        .fields
        .iter()
        .filter_map(|(key, value)| {
            let (kind, name) = labels.fields.get(key)?;
            field_view(ctx, &origin(key.clone()), key, *kind, name, value)
                .map_err(|d| errors.push(d))
                .ok()
        })
        .collect();
    if !errors.is_empty() {
        return Err(errors);
    }
    let amounts: Vec<Figure<Yuan>> = e.activities.iter().filter_map(|a| a.amount).collect();
    let amount = (!amounts.is_empty()).then(|| {
        let sum = amounts.iter().map(|f| f.value).sum();
        match amounts.as_slice() {
            // One amount: the organization's is that figure, as written.
            [one] => ctx.money(*one),
            _ => ctx
                .numerals
                .total(sum, amounts.iter().any(Figure::approximate)),
        }
    });
    let updated = activities.iter().filter_map(|a| a.date).max();
    let (summary, summary_html) = match summary {
        Some(r) => (Some(r.plain), Some(r.html)),
        None => (None, None),
    };
    let mut text = summary.clone().unwrap_or_default();
    for a in &activities {
        text.push('\n');
        text.push_str(&a.summary);
    }
    text.push('\n');
    text.push_str(&body.plain);
    let reading = reading::count(&text);
    Ok(OrgView {
        slug: e.slug.clone(),
        name,
        category,
        summary,
        summary_html,
        body_html: body.html,
        body_text: body.plain,
        activities,
        amount,
        updated,
        last_updated: None,
        reading,
        fields,
        category_href: e
            .category
            .as_ref()
            .map(|c| crate::content::slug::url_segment(&category_slug(&c.value))),
        assets: Vec::new(),
        digest: 0,
    })
}

/// Where a category's pages are: the category as the source writes it (so
/// the same in every variant), with nothing in it a path cannot hold.
pub fn category_slug(category: &str) -> String {
    let slug: String = category
        .trim()
        .chars()
        .map(|c| {
            if c.is_whitespace()
                || matches!(c, '/' | '\\' | '?' | '#' | '%' | '.' | '"' | '<' | '>')
            {
                '-'
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect();
    if slug.is_empty() {
        "-".into()
    } else {
        slug
    }
}

/// A declared field's value in one variant.
fn field_view(
    ctx: &Ctx,
    o: &Origin<'_>,
    key: &str,
    kind: FieldType,
    name: &str,
    value: &FieldValue,
) -> std::result::Result<FieldView, Diagnostic> {
    let view = |text: String, html: Option<String>, href: Option<String>, value| FieldView {
        key: key.to_string(),
        name: name.to_string(),
        kind,
        text,
        html,
        href,
        value,
    };
    Ok(match value {
        FieldValue::Text(l) => {
            let t = ctx.field(o, l)?;
            view(t.clone(), None, None, t.into())
        }
        FieldValue::Markdown(l) => {
            let r = ctx.markdown(o, l, false)?;
            view(r.plain.clone(), Some(r.html), None, r.plain.into())
        }
        FieldValue::Url(u) => view(u.clone(), None, Some(u.clone()), u.as_str().into()),
        FieldValue::Email(m) => view(
            m.clone(),
            None,
            Some(format!("mailto:{}", m)),
            m.as_str().into(),
        ),
        FieldValue::Date(d) => view(d.to_string(), None, None, d.to_string().into()),
        FieldValue::Integer(n) => view(n.to_string(), None, None, (*n).into()),
        FieldValue::Money(f) => {
            let m = ctx.money(*f);
            view(m.text.clone(), None, None, m.exact.exact().into())
        }
        FieldValue::Image(path) => {
            // A file beside the entry is beside its page; a path under the
            // site, from the page three folders down (variant/orgs/slug/).
            let href = match path.strip_prefix('/') {
                Some(under_root) => format!("../../../{}", under_root),
                None => path.clone(),
            };
            view(path.clone(), None, Some(href), path.as_str().into())
        }
        FieldValue::Coordinates(lat, lon) => view(
            format!("{}, {}", lat, lon),
            None,
            None,
            serde_json::json!([
                lat.parse::<f64>().unwrap_or_default(),
                lon.parse::<f64>().unwrap_or_default()
            ]),
        ),
    })
}

fn item_view(
    ctx: &Ctx,
    name: String,
    quantity: Option<Figure<Quantity>>,
    unit: Option<String>,
) -> ItemView {
    let texts = quantity.map(|q| ctx.numerals.quantity(q, unit.as_deref()));
    let (quantity_text, text) = texts.unzip();
    ItemView {
        name,
        quantity: quantity.map(|q| q.value),
        quantity_text,
        unit,
        text,
        approximate: quantity.is_some_and(|q| q.approximate()),
        qualifier: quantity.and_then(|q| q.qualifier),
    }
}

/// Totals and the per-type lists, in one pass over the organizations.
fn gather(ctx: &Ctx, orgs: &[Arc<OrgView>], types: &mut [ActivityTypeView]) -> Totals {
    // A handful of types: found by a scan, their keys shared by their entries.
    let keys: Vec<ActivityKey> = types.iter().map(|t| t.key.clone()).collect();
    let index = |kind: &ActivityKey| keys.iter().position(|k| k == kind);
    let mut type_amounts = vec![(Yuan(0), false); types.len()];
    let mut amount = (Yuan(0), false);
    let mut activities = 0;
    let mut people = 0;
    let mut goods: Vec<(&str, Option<&str>, Figure<Quantity>)> = Vec::new();
    let mut goods_at: HashMap<(&str, Option<&str>), usize> = HashMap::new();
    let mut by_type: Vec<usize> = Vec::new();
    for org in orgs {
        by_type.clear();
        for a in &org.activities {
            activities += 1;
            people += a.people.unwrap_or(0);
            let (y, approx) = a
                .amount
                .as_ref()
                .map_or((Yuan(0), false), |m| (m.exact, m.approximate));
            let add = |(sum, any): (Yuan, bool)| (sum + y, any || approx);
            amount = add(amount);
            if let Some(i) = index(&a.kind) {
                type_amounts[i] = add(type_amounts[i]);
                types[i].totals.activities += 1;
                by_type.push(i);
            }
            for it in &a.items {
                let q = Figure {
                    value: it.quantity.unwrap_or_default(),
                    qualifier: it.qualifier,
                };
                let key = (it.name.as_str(), it.unit.as_deref());
                match goods_at.get(&key) {
                    Some(&g) => {
                        let sum = &mut goods[g].2;
                        sum.value = sum.value + q.value;
                        // A sum of figures qualified differently (one
                        // exact, one 餘) is only about right.
                        if sum.qualifier != q.qualifier {
                            sum.qualifier = Some(Qualifier::About);
                        }
                    }
                    None => {
                        goods_at.insert(key, goods.len());
                        goods.push((key.0, key.1, q));
                    }
                }
            }
        }
        by_type.sort_unstable();
        by_type.dedup();
        for &i in &by_type {
            types[i].totals.organizations += 1;
            types[i].entries.push(TypeEntry {
                org: Arc::clone(org),
                kind: keys[i].clone(),
            });
        }
    }
    for (t, (y, approx)) in types.iter_mut().zip(type_amounts) {
        t.totals.amount = ctx.numerals.total(y, approx);
    }
    let goods = goods
        .into_iter()
        .map(|(n, u, q)| item_view(ctx, n.to_string(), Some(q), u.map(str::to_string)))
        .collect();
    Totals {
        organizations: orgs.len(),
        activities,
        amount: ctx.numerals.total(amount.0, amount.1),
        goods,
        people,
    }
}

/// The converter for one entry: the glossary, then the entry's `[rules]`, then
/// its `-{H|…}-` rules, each nearer level winning on the same term.
fn entry_ctx(
    site: &Ctx,
    base: &Converter,
    config: &crate::content::config::SiteConfig,
    e: &Entry,
) -> Ctx {
    let mut hidden = RuleSet::new();
    let mut texts: Vec<&str> = vec![&e.name.value, &e.body.value];
    texts.extend(
        e.category
            .iter()
            .chain(e.summary.iter())
            .map(|l| l.value.as_str()),
    );
    for a in &e.activities {
        texts.push(&a.summary.value);
        texts.extend(a.items.iter().map(|i| i.name.value.as_str()));
    }
    for t in texts {
        if t.contains("-{H|") {
            rules::hidden_rules(t, &mut hidden);
        }
    }
    if e.rules.is_empty() && hidden.is_empty() {
        return Ctx {
            c: site.c.clone(),
            numerals: Arc::clone(&site.numerals),
        };
    }
    let set = rules::merge(&rules::merge(&config.glossary, &e.rules), &hidden);
    Ctx {
        c: base.with_rules(&rules::for_variant(&set, &base.code)),
        numerals: Arc::clone(&site.numerals),
    }
}
