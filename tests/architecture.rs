//! The stages depend on each other in one direction only: no module of the
//! library imports one that imports it back (STYLE.md: each stage a
//! function of the previous stage's value).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Each top-level module of src/ and the other top-level modules its files name.
fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for e in walkdir::WalkDir::new(&src).into_iter().flatten() {
        let path = e.path();
        if path.extension().is_none_or(|x| x != "rs") {
            continue;
        }
        let rel = path.strip_prefix(&src).unwrap();
        let first = rel.iter().next().unwrap().to_string_lossy();
        let module = first.trim_end_matches(".rs").to_string();
        if ["lib", "main", "fuzzing"].contains(&module.as_str()) {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        let deps = out.entry(module.clone()).or_default();
        for (i, _) in text.match_indices("crate::") {
            let name: String = text[i + 7..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            // Items of the crate root (crate::Result) are not a module.
            if !name.is_empty()
                && name != module
                && name.chars().next().is_some_and(|c| c.is_lowercase())
            {
                deps.insert(name);
            }
        }
    }
    out
}

#[test]
fn no_module_imports_one_that_imports_it() {
    let graph = imports();
    // Depth-first search for a cycle, reporting the path.
    fn visit(
        n: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|p| p == n) {
            let mut cycle = path[i..].to_vec();
            cycle.push(n.to_string());
            return Some(cycle);
        }
        if done.contains(n) {
            return None;
        }
        path.push(n.to_string());
        for d in graph.get(n).into_iter().flatten() {
            if let Some(c) = visit(d, graph, path, done) {
                return Some(c);
            }
        }
        path.pop();
        done.insert(n.to_string());
        None
    }
    let mut done = BTreeSet::new();
    for n in graph.keys() {
        if let Some(cycle) = visit(n, &graph, &mut Vec::new(), &mut done) {
            panic!("an import cycle: {}", cycle.join(" → "));
        }
    }
    // The pipeline's order: load does not know the later stages.
    for (later, earlier) in [
        ("convert", "content"),
        ("plan", "convert"),
        ("render", "plan"),
        ("write", "render"),
    ] {
        assert!(
            !graph[earlier].contains(later),
            "{earlier} imports {later}, a later stage"
        );
    }
}
