//! What a template may do, so that every build ends, and ends with words.
//!
//! Tera sets no limits of its own. A macro that calls itself, or a template
//! that includes itself, recurses until the thread's stack overflows, which
//! aborts the whole process without a word about the template; a loop over
//! `range(end=…)` of a huge number first allocates the whole list; and three
//! nested loops of 100,000 run for days. So:
//!
//! - a macro or include that can reach itself, directly or through others, is
//!   refused when the theme loads, with the chain named ([`recursion`]). The
//!   publication's data has no trees, so no theme needs to recurse;
//! - `range` makes at most [`RANGE_LIMIT`] numbers;
//! - a page that takes longer than the time limit to render stops the
//!   command with the template and the page named ([`timed`], armed by
//!   [`start_watchdog`]). A template cannot be interrupted, so the process
//!   ends there (exit 1); a build's previous output is untouched, and its
//!   staging folder is removed by the next build.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

use tera::ast::{Expr, ExprVal, Node};
use tera::{Tera, Value};

use crate::diagnostic::Diagnostic;

/// The most numbers `range` makes: far more than any page lists, far fewer
/// than would exhaust memory.
pub const RANGE_LIMIT: usize = 1_000_000;

/// How long one page may take to render unless `ZHPRESS_RENDER_TIMEOUT`
/// says otherwise: a page takes milliseconds, the 50 MB test entry seconds.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// Tera's `range`, with a limit on its length.
pub fn range(args: &HashMap<String, Value>) -> tera::Result<Value> {
    let number = |key: &str, default: usize| -> tera::Result<usize> {
        match args.get(key) {
            None => Ok(default),
            Some(v) => v.as_u64().map(|n| n as usize).ok_or_else(|| {
                tera::Error::msg(crate::t!(
                    "render-range-not-count",
                    key = key,
                    value = v.to_string()
                ))
            }),
        }
    };
    let start = number("start", 0)?;
    let step = number("step_by", 1)?.max(1);
    let end = match args.get("end") {
        Some(_) => number("end", 0)?,
        None => return Err(tera::Error::msg(crate::t!("render-range-no-end"))),
    };
    if start > end {
        return Err(tera::Error::msg(crate::t!(
            "render-range-backwards",
            start = start,
            end = end
        )));
    }
    let count = (end - start).div_ceil(step);
    if count > RANGE_LIMIT {
        return Err(tera::Error::msg(crate::t!(
            "render-range-too-long",
            start = start,
            end = end,
            count = count,
            most = RANGE_LIMIT
        )));
    }
    Ok(Value::from((start..end).step_by(step).collect::<Vec<_>>()))
}

/// Nodes of the call graph: a template's body, or one macro of a template.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Callee {
    Template(String),
    Macro(String, String),
}

impl Callee {
    fn describe(&self) -> String {
        match self {
            Callee::Template(t) => t.clone(),
            Callee::Macro(t, m) => crate::t!("render-macro-of", name = m, template = t),
        }
    }
}

/// The first template that can reach itself, as an error: the template
/// where the chain starts, where in its text the call is, and the chain.
/// `text` gives each template's source and `file` its path for messages.
pub fn recursion(
    tera: &Tera,
    text: &dyn Fn(&str) -> Option<Arc<str>>,
    file: &dyn Fn(&str) -> std::path::PathBuf,
) -> Option<Diagnostic> {
    let mut edges: BTreeMap<Callee, Vec<(Callee, String)>> = BTreeMap::new();
    let mut names: Vec<&String> = tera.templates.keys().collect();
    names.sort();
    for name in names {
        let t = &tera.templates[name];
        let mut out = Vec::new();
        calls(tera, name, &t.ast, &mut out);
        if let Some(parent) = &t.parent {
            out.push((Callee::Template(parent.clone()), String::new()));
        }
        edges.insert(Callee::Template(name.clone()), out);
        let mut macros: Vec<_> = t.macros.iter().collect();
        macros.sort_by_key(|(m, _)| *m);
        for (m, def) in macros {
            let mut out = Vec::new();
            calls(tera, name, &def.body, &mut out);
            edges.insert(Callee::Macro(name.clone(), m.clone()), out);
        }
    }
    let mut state: BTreeMap<Callee, bool> = BTreeMap::new(); // false: on the path, true: done
    let mut path: Vec<(Callee, String)> = Vec::new();
    for start in edges.keys() {
        if let Some(cycle) = dfs(start, &edges, &mut state, &mut path) {
            return Some(report(&cycle, text, file));
        }
    }
    None
}

fn dfs(
    node: &Callee,
    edges: &BTreeMap<Callee, Vec<(Callee, String)>>,
    state: &mut BTreeMap<Callee, bool>,
    path: &mut Vec<(Callee, String)>,
) -> Option<Vec<(Callee, String)>> {
    match state.get(node) {
        Some(true) => return None,
        Some(false) => {
            let at = path.iter().position(|(c, _)| c == node).unwrap_or(0);
            return Some(path[at..].to_vec());
        }
        None => {}
    }
    state.insert(node.clone(), false);
    for (next, how) in edges.get(node).into_iter().flatten() {
        path.push((node.clone(), how.clone()));
        if let Some(cycle) = dfs(next, edges, state, path) {
            return Some(cycle);
        }
        path.pop();
    }
    state.insert(node.clone(), true);
    None
}

/// `cycle`: each step's caller and the text of its call.
fn report(
    cycle: &[(Callee, String)],
    text: &dyn Fn(&str) -> Option<Arc<str>>,
    file: &dyn Fn(&str) -> std::path::PathBuf,
) -> Diagnostic {
    let (first, how) = &cycle[0];
    let template = match first {
        Callee::Template(t) | Callee::Macro(t, _) => t.clone(),
    };
    let mut chain: Vec<String> = cycle.iter().map(|(c, _)| c.describe()).collect();
    chain.push(first.describe());
    let message = crate::t!("render-recursion", chain = chain.join(" → "));
    let hint = crate::t!("render-recursion-hint");
    match text(&template) {
        Some(src) if !how.is_empty() && src.contains(how.as_str()) => {
            let at = src.find(how.as_str()).unwrap_or(0);
            Diagnostic::at(file(&template), &src, at..at + how.len(), message).with_hint(hint)
        }
        _ => Diagnostic::file(file(&template), message).with_hint(hint),
    }
}

/// The calls in `nodes` of template `name`: macros (resolved through the
/// template's imports) and includes, each with the text that makes it.
fn calls(tera: &Tera, name: &str, nodes: &[Node], out: &mut Vec<(Callee, String)>) {
    for node in nodes {
        match node {
            Node::VariableBlock(_, e) => expr(tera, name, e, out),
            Node::Set(_, s) => expr(tera, name, &s.value, out),
            Node::FilterSection(_, f, _) => {
                f.filter
                    .args
                    .values()
                    .for_each(|e| expr(tera, name, e, out));
                calls(tera, name, &f.body, out);
            }
            Node::Block(_, b, _) => calls(tera, name, &b.body, out),
            Node::Forloop(_, f, _) => {
                expr(tera, name, &f.container, out);
                calls(tera, name, &f.body, out);
                if let Some(empty) = &f.empty_body {
                    calls(tera, name, empty, out);
                }
            }
            Node::If(i, _) => {
                for (_, cond, body) in &i.conditions {
                    expr(tera, name, cond, out);
                    calls(tera, name, body, out);
                }
                if let Some((_, body)) = &i.otherwise {
                    calls(tera, name, body, out);
                }
            }
            Node::Include(_, targets, _) => {
                if let Some(t) = targets.iter().find(|t| tera.templates.contains_key(*t)) {
                    out.push((Callee::Template(t.clone()), format!("\"{t}\"")));
                }
            }
            _ => {}
        }
    }
}

fn expr(tera: &Tera, name: &str, e: &Expr, out: &mut Vec<(Callee, String)>) {
    for f in &e.filters {
        f.args.values().for_each(|a| expr(tera, name, a, out));
    }
    match &e.val {
        ExprVal::MacroCall(m) => {
            // Tera resolves a namespace where the call is made from (the
            // block, or the page being rendered), not where it is written:
            // every file imported under that name anywhere may be meant.
            let mut files: Vec<String> = if m.namespace == "self" {
                vec![name.to_string()]
            } else {
                tera.templates
                    .values()
                    .flat_map(|t| t.imported_macro_files.iter())
                    .filter(|(_, ns)| *ns == m.namespace)
                    .map(|(f, _)| f.clone())
                    .collect()
            };
            files.sort();
            files.dedup();
            for file in files {
                if tera
                    .templates
                    .get(&file)
                    .is_some_and(|t| t.macros.contains_key(&m.name))
                {
                    out.push((
                        Callee::Macro(file, m.name.clone()),
                        format!("{}::{}", m.namespace, m.name),
                    ));
                }
            }
            m.args.values().for_each(|a| expr(tera, name, a, out));
        }
        ExprVal::FunctionCall(f) => f.args.values().for_each(|a| expr(tera, name, a, out)),
        ExprVal::Math(m) => {
            expr(tera, name, &m.lhs, out);
            expr(tera, name, &m.rhs, out);
        }
        ExprVal::Logic(l) => {
            expr(tera, name, &l.lhs, out);
            expr(tera, name, &l.rhs, out);
        }
        ExprVal::In(i) => {
            expr(tera, name, &i.lhs, out);
            expr(tera, name, &i.rhs, out);
        }
        ExprVal::Test(t) => t.args.iter().for_each(|a| expr(tera, name, a, out)),
        ExprVal::Array(items) => items.iter().for_each(|a| expr(tera, name, a, out)),
        _ => {}
    }
}

/// One thread's page being rendered: since when, which template, which page.
type Slot = Mutex<Option<(Instant, String, String)>>;

struct Watchdog {
    limit: Duration,
    slots: Mutex<Vec<Arc<Slot>>>,
}

static WATCHDOG: OnceLock<Watchdog> = OnceLock::new();

thread_local! {
    static SLOT: Arc<Slot> = {
        let slot = Arc::new(Mutex::new(None));
        if let Some(w) = WATCHDOG.get() {
            w.slots.lock().unwrap_or_else(|p| p.into_inner()).push(slot.clone());
        }
        slot
    };
}

/// Arms the time limit for this process: from now on, a page rendering for
/// longer than `limit` is given to `overrun` (as the error to show), which
/// is expected to end the process. Called once, by the command line.
pub fn start_watchdog(limit: Duration, overrun: impl Fn(Diagnostic) + Send + 'static) {
    if WATCHDOG
        .set(Watchdog {
            limit,
            slots: Mutex::new(Vec::new()),
        })
        .is_err()
    {
        return;
    }
    let tick = (limit / 4).clamp(Duration::from_millis(50), Duration::from_secs(1));
    std::thread::spawn(move || loop {
        std::thread::sleep(tick);
        let Some(w) = WATCHDOG.get() else { return };
        let slots = w.slots.lock().unwrap_or_else(|p| p.into_inner()).clone();
        for slot in slots {
            let late = slot
                .lock()
                .unwrap_or_else(|p| p.into_inner())
                .as_ref()
                .filter(|(since, _, _)| since.elapsed() > w.limit)
                .map(|(_, t, p)| (t.clone(), p.clone()));
            if let Some((template, page)) = late {
                overrun(
                    Diagnostic::file(
                        format!("templates/{template}"),
                        crate::t!("render-timeout", page = &page, seconds = w.limit.as_secs()),
                    )
                    .with_hint(crate::t!("render-timeout-hint")),
                );
            }
        }
    });
}

/// Runs `render` (one page with `template`, `page` saying which) under the
/// time limit, when one is armed.
pub fn timed<T>(template: &str, page: &dyn Fn() -> String, render: impl FnOnce() -> T) -> T {
    if WATCHDOG.get().is_none() {
        return render();
    }
    let set = |v| SLOT.with(|s| *s.lock().unwrap_or_else(|p| p.into_inner()) = v);
    set(Some((Instant::now(), template.to_string(), page())));
    let out = render();
    set(None);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tera(files: &[(&str, &str)]) -> Tera {
        let mut t = Tera::default();
        t.add_raw_templates(files.iter().map(|(n, s)| (n.to_string(), s.to_string())))
            .unwrap();
        t
    }

    fn find(files: &[(&str, &str)]) -> Option<Diagnostic> {
        let t = tera(files);
        let owned: Vec<(String, String)> = files
            .iter()
            .map(|(n, s)| (n.to_string(), s.to_string()))
            .collect();
        recursion(
            &t,
            &|n| {
                owned
                    .iter()
                    .find(|(m, _)| m == n)
                    .map(|(_, s)| Arc::from(s.as_str()))
            },
            &|n| std::path::PathBuf::from(format!("templates/{n}")),
        )
    }

    #[test]
    fn recursion_is_found_through_macros_and_includes() {
        let d = find(&[
            ("m.html", "{% macro a(n) %}{{ m::b(n=n) }}{% endmacro a %}{% macro b(n) %}{% if n %}{{ m::a(n=n) }}{% endif %}{% endmacro b %}"),
            ("page.html", "{% import \"m.html\" as m %}{{ m::a(n=1) }}"),
        ])
        .unwrap();
        assert!(
            d.message
                .contains("macro `a` of m.html → macro `b` of m.html → macro `a`"),
            "{}",
            d.message
        );
        assert_eq!((d.line, d.column), (1, 20));
        let d = find(&[
            ("a.html", "x{% include \"b.html\" %}"),
            ("b.html", "{% include \"a.html\" %}"),
        ])
        .unwrap();
        assert!(
            d.message.contains("a.html → b.html → a.html"),
            "{}",
            d.message
        );
        assert!(find(&[
            ("m.html", "{% macro a() %}1{% endmacro a %}{% macro b() %}{{ self::a() }}{% endmacro b %}"),
            ("base.html", "{% block x %}{% endblock x %}"),
            ("page.html", "{% extends \"base.html\" %}{% import \"m.html\" as m %}{% block x %}{{ m::b() }}{% include \"part.html\" %}{% endblock x %}"),
            ("part.html", "{{ 1 }}"),
        ])
        .is_none());
    }

    #[test]
    fn range_is_limited() {
        let args = |end: u64| HashMap::from([("end".to_string(), Value::from(end))]);
        assert_eq!(range(&args(3)).unwrap(), Value::from(vec![0, 1, 2]));
        let e = range(&args(1 << 40)).unwrap_err().to_string();
        assert!(e.contains("at most 1000000"), "{e}");
    }
}
