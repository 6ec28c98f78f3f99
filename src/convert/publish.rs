//! Source → Publication for one variant: every reader-facing string converted,
//! totals computed once, index pages gathered in one pass over the entries.

mod reading;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use super::markdown::{self, MarkdownError, Rendered};
use super::markup::MarkupError;
use super::rules::{self, RuleSet};
use super::Converter;
use crate::config::VariantConfig;
use crate::content::money::{Quantity, Yuan};
use crate::content::schema::Located;
use crate::content::{Entry, Source};
use crate::diagnostic::{Diagnostic, Error, Result};
use crate::model::*;

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

    fn money(&self, y: Yuan) -> Money {
        Money {
            exact: y,
            grouped: y.grouped(),
            text: self.c.plain(&y.chinese()),
        }
    }
}

/// Builds the publication for `source.config.variants[index]`.
pub fn publish(source: &Source, index: usize, ui: BTreeMap<String, String>) -> Result<Publication> {
    publish_with(source, index, ui, &|_| None)
}

/// A converted organization kept from a previous build, if still valid, by
/// the entry's position in `Source::orgs`.
pub type Reuse<'a> = dyn Fn(usize) -> Option<Arc<OrgView>> + Sync + 'a;

/// `publish`, taking converted organizations from `reuse` where it has them
/// (serve --watch keeps those whose files did not change).
pub fn publish_with(
    source: &Source,
    index: usize,
    ui: BTreeMap<String, String>,
    reuse: &Reuse<'_>,
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
            crate::config::SITE_FILE,
            format!("cannot load the conversion for {}: {}", variant.code, e),
        ))
    })?;
    let ctx = Ctx {
        c: c.with_rules(&rules::for_variant(&config.glossary, &variant.code)),
    };
    let mut errors = Vec::new();
    let site_origin = |field: &str| Origin {
        file: Path::new(crate::config::SITE_FILE),
        text: &config.text,
        field: field.to_string(),
    };

    let title = ok_field(&ctx, &site_origin("title"), &config.title, &mut errors);
    let description = config
        .description
        .as_ref()
        .map(|d| ok_field(&ctx, &site_origin("description"), d, &mut errors))
        .unwrap_or_default();
    let mut type_names = BTreeMap::new();
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
        type_names.insert(t.key.clone(), name.clone());
        activity_types.push(ActivityTypeView {
            key: t.key.clone(),
            name,
            description_html,
            totals: TypeTotals {
                organizations: 0,
                activities: 0,
                amount: ctx.money(Yuan(0)),
            },
            entries: Vec::new(),
        });
    }

    let as_written = Ctx {
        c: Converter::as_written(&variant.code),
    };
    let orgs: Vec<std::result::Result<Arc<OrgView>, Vec<Diagnostic>>> = source
        .orgs
        .par_iter()
        .enumerate()
        .map(|(at, e)| {
            if let Some(view) = reuse(at) {
                return Ok(view);
            }
            match source
                .overrides
                .get(&(e.slug.clone(), variant.code.clone()))
            {
                // A hand-written variant is already in this variant's script.
                Some(o) => org_view(&as_written, o, &type_names),
                None => org_view(&entry_ctx(&ctx, &c, config, e), e, &type_names),
            }
            .map(Arc::new)
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
            PageView {
                slug: p.slug.clone(),
                title: p
                    .title
                    .as_ref()
                    .map(|t| ok_field(&ctx, &o, t, &mut errors))
                    .unwrap_or_default(),
                body_html: ctx
                    .markdown(&o, &p.body, false)
                    .map(|r| r.html)
                    .map_err(|d| errors.push(d))
                    .unwrap_or_default(),
            }
        })
        .collect();
    if !errors.is_empty() {
        errors.sort_by(|a, b| (&a.file, a.line, a.column).cmp(&(&b.file, b.line, b.column)));
        return Err(Error::Content(errors));
    }

    let totals = gather(&ctx, &org_views, &mut activity_types);
    let updated = org_views
        .iter()
        .flat_map(|o| o.activities.iter().filter_map(|a| a.date.as_ref()))
        .max()
        .cloned();
    let variants = config.variants.iter().map(view_of).collect();
    Ok(Publication {
        site: SiteView {
            title,
            description,
            base_url: config.base_url.clone(),
            base_path: config.base_path(),
            feed_limit: config.feed_limit,
        },
        variant: view_of(variant),
        variants,
        home,
        activity_types,
        orgs: org_views,
        pages,
        totals,
        ui,
        updated,
    })
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

fn org_view(
    ctx: &Ctx,
    e: &Entry,
    type_names: &BTreeMap<String, String>,
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
        activities.push(ActivityView {
            kind: a.kind.clone(),
            type_name: type_names.get(&a.kind).cloned().unwrap_or_default(),
            summary_html: summary.html,
            summary: summary.plain,
            date: a.date.clone(),
            amount: a.amount.map(|y| ctx.money(y)),
            items,
            people: a.people,
        });
    }
    let body = ctx
        .markdown(&origin(String::new()), &e.body, false)
        .map_err(|d| errors.push(d))
        .unwrap_or_default();
    if !errors.is_empty() {
        return Err(errors);
    }
    let amounts: Vec<Yuan> = e.activities.iter().filter_map(|a| a.amount).collect();
    let amount = (!amounts.is_empty()).then(|| ctx.money(amounts.into_iter().sum()));
    let updated = activities.iter().filter_map(|a| a.date.clone()).max();
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
        reading,
        search_doc: Default::default(),
        data_doc: Default::default(),
    })
}

fn item_view(
    ctx: &Ctx,
    name: String,
    quantity: Option<Quantity>,
    unit: Option<String>,
) -> ItemView {
    ItemView {
        name,
        quantity,
        quantity_text: quantity.map(|q| ctx.c.plain(&q.chinese())),
        unit,
    }
}

/// Totals and the per-type lists, in one pass over the organizations.
fn gather(ctx: &Ctx, orgs: &[Arc<OrgView>], types: &mut [ActivityTypeView]) -> Totals {
    // A handful of types: found by a scan, their keys shared by their entries.
    let keys: Vec<Arc<str>> = types.iter().map(|t| Arc::from(t.key.as_str())).collect();
    let index = |kind: &str| keys.iter().position(|k| **k == *kind);
    let mut type_amounts = vec![Yuan(0); types.len()];
    let mut amount = Yuan(0);
    let mut activities = 0;
    let mut people = 0;
    let mut goods: Vec<(&str, Option<&str>, Quantity)> = Vec::new();
    let mut goods_at: HashMap<(&str, Option<&str>), usize> = HashMap::new();
    let mut by_type: Vec<usize> = Vec::new();
    for org in orgs {
        by_type.clear();
        for a in &org.activities {
            activities += 1;
            people += a.people.unwrap_or(0);
            let y = a.amount.as_ref().map_or(Yuan(0), |m| m.exact);
            amount = amount + y;
            if let Some(i) = index(&a.kind) {
                type_amounts[i] = type_amounts[i] + y;
                types[i].totals.activities += 1;
                by_type.push(i);
            }
            for it in &a.items {
                let q = it.quantity.unwrap_or_default();
                let key = (it.name.as_str(), it.unit.as_deref());
                match goods_at.get(&key) {
                    Some(&g) => goods[g].2 = goods[g].2 + q,
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
                kind: Arc::clone(&keys[i]),
            });
        }
    }
    for (t, y) in types.iter_mut().zip(type_amounts) {
        t.totals.amount = ctx.money(y);
    }
    let goods = goods
        .into_iter()
        .map(|(n, u, q)| item_view(ctx, n.to_string(), Some(q), u.map(str::to_string)))
        .collect();
    Totals {
        organizations: orgs.len(),
        activities,
        amount: ctx.money(amount),
        goods,
        people,
    }
}

/// The converter for one entry: the glossary, then the entry's `[rules]`, then
/// its `-{H|…}-` rules, each nearer level winning on the same term.
fn entry_ctx(site: &Ctx, base: &Converter, config: &crate::config::SiteConfig, e: &Entry) -> Ctx {
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
        return Ctx { c: site.c.clone() };
    }
    let set = rules::merge(&rules::merge(&config.glossary, &e.rules), &hidden);
    Ctx {
        c: base.with_rules(&rules::for_variant(&set, &base.code)),
    }
}
