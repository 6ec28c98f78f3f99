//! The message catalogues (locales/*.ftl): every message the code asks for is
//! in every language with the same variables, none is left over, and the
//! Traditional catalogue is what the converter and the reviewed overrides make
//! of the Simplified one (`ZHPRESS_BLESS=1 cargo test --test messages`
//! rewrites it).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use fluent_syntax::ast::{Entry, Expression, InlineExpression, Pattern, PatternElement};

const REPO: &str = env!("CARGO_MANIFEST_DIR");
const CATALOGUES: [&str; 3] = ["en", "zh-Hans", "zh-Hant"];

fn read(rel: &str) -> String {
    std::fs::read_to_string(Path::new(REPO).join(rel)).unwrap()
}

type Vars = BTreeSet<String>;

/// A catalogue's messages and the variables each one uses.
fn catalogue(code: &str) -> BTreeMap<String, Vars> {
    // While blessing, the Traditional catalogue is the one being written.
    let text = match code {
        "zh-Hant" if std::env::var_os("ZHPRESS_BLESS").is_some() => generated(),
        _ => read(&format!("locales/{code}.ftl")),
    };
    let resource = fluent_syntax::parser::parse(text.as_str())
        .unwrap_or_else(|(_, errors)| panic!("locales/{code}.ftl does not parse: {errors:?}"));
    let mut out = BTreeMap::new();
    for entry in resource.body {
        match entry {
            Entry::Message(m) => {
                let mut vars = Vars::new();
                let value = m
                    .value
                    .unwrap_or_else(|| panic!("{code}: `{}` has no text", m.id.name));
                pattern_vars(&value, &mut vars);
                assert!(
                    out.insert(m.id.name.to_string(), vars).is_none(),
                    "{code}: `{}` twice",
                    m.id.name
                );
            }
            Entry::Junk { content } => panic!("locales/{code}.ftl: not Fluent: {content}"),
            _ => {}
        }
    }
    out
}

fn pattern_vars(p: &Pattern<&str>, vars: &mut Vars) {
    for e in &p.elements {
        if let PatternElement::Placeable { expression } = e {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(e: &Expression<&str>, vars: &mut Vars) {
    match e {
        Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
        Expression::Inline(i) => inline_vars(i, vars),
    }
}

fn inline_vars(e: &InlineExpression<&str>, vars: &mut Vars) {
    match e {
        InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, vars);
            }
        }
        _ => {}
    }
}

/// Every `t!("id", name = value, ...)` in src/: id → the names it passes.
fn used_ids() -> BTreeMap<String, Vars> {
    let mut out: BTreeMap<String, Vars> = BTreeMap::new();
    for e in walkdir::WalkDir::new(Path::new(REPO).join("src")).sort_by_file_name() {
        let e = e.unwrap();
        if e.path().extension().is_none_or(|x| x != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(e.path()).unwrap();
        let calls = text
            .match_indices("t!(")
            .chain(text.match_indices("t_in!("));
        for (at, call) in calls {
            let before = text[..at].chars().next_back();
            let line = &text[text[..at].rfind('\n').map_or(0, |i| i + 1)..at];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                || line.trim_start().starts_with("//")
            {
                continue;
            }
            let mut rest = &text[at + call.len()..];
            if call == "t_in!(" {
                // The language comes first.
                rest = rest.split_once(',').map_or("", |(_, r)| r);
            }
            let Some(rest) = rest.trim_start().strip_prefix('"') else {
                continue; // the macro's own definition
            };
            let end = rest.find('"').unwrap();
            let id = rest[..end].to_string();
            let names = call_names(&rest[end + 1..]);
            let file = e.path().display();
            if let Some(seen) = out.get(&id) {
                assert_eq!(
                    seen, &names,
                    "{file}: t!(\"{id}\") with other names than elsewhere"
                );
            }
            out.insert(id, names);
        }
    }
    out
}

/// The `name = ` of each top-level argument, up to the call's closing `)`.
fn call_names(args: &str) -> Vars {
    let mut names = Vars::new();
    let mut depth = 0;
    let mut piece = String::new();
    let mut in_string = false;
    let mut chars = args.chars();
    while let Some(c) = chars.next() {
        if in_string {
            match c {
                '\\' => {
                    chars.next();
                }
                '"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth > 0 => depth -= 1,
            ')' | ',' if depth == 0 => {
                if let Some((name, _)) = piece.split_once('=') {
                    names.insert(name.trim().to_string());
                }
                piece.clear();
                if c == ')' {
                    break;
                }
                continue;
            }
            _ => {}
        }
        if depth == 0 {
            piece.push(c);
        }
    }
    names
}

#[test]
fn every_message_is_in_every_language_with_the_same_variables() {
    let used = used_ids();
    assert!(used.len() > 50, "found only {} t!() calls", used.len());
    for code in CATALOGUES {
        let cat = catalogue(code);
        let mut problems = Vec::new();
        for (id, names) in &used {
            match cat.get(id) {
                None => problems.push(format!("`{id}` is missing")),
                Some(vars) if vars != names => {
                    problems.push(format!("`{id}` uses {vars:?}, the code passes {names:?}"))
                }
                Some(_) => {}
            }
        }
        for id in cat.keys().filter(|id| !used.contains_key(*id)) {
            problems.push(format!("`{id}` is not used by the code"));
        }
        assert!(
            problems.is_empty(),
            "locales/{code}.ftl:\n{}",
            problems.join("\n")
        );
    }
}

fn generated() -> String {
    zhpress::i18n::generate_hant(
        &read("locales/zh-Hans.ftl"),
        &read("locales/zh-Hant.overrides.ftl"),
    )
    .unwrap()
}

#[test]
fn the_traditional_catalogue_is_generated_from_the_simplified_one() {
    let made = generated();
    let path = Path::new(REPO).join("locales/zh-Hant.ftl");
    if std::env::var_os("ZHPRESS_BLESS").is_some() {
        std::fs::write(&path, &made).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap();
    assert!(
        committed == made,
        "locales/zh-Hant.ftl is not what zh-Hans.ftl and zh-Hant.overrides.ftl make; \
         run `ZHPRESS_BLESS=1 cargo test --test messages` and review the difference"
    );
}

#[test]
fn an_override_of_a_message_that_does_not_exist_is_refused() {
    let e = zhpress::i18n::generate_hant("a = 发\n", "b = 發\n").unwrap_err();
    assert!(e.contains("`b`"), "{e}");
}

#[test]
fn the_traditional_catalogue_is_traditional() {
    let hant = read("locales/zh-Hant.ftl");
    for simplified in ["错误", "检查", "构建", "文件"] {
        assert!(!hant.contains(simplified), "zh-Hant.ftl has `{simplified}`");
    }
    assert!(hant.contains("錯誤") && hant.contains("檢查"));
}
