//! Compiles OpenCC's dictionaries (dict/opencc, OpenCC 1.1.6 as Debian ships it)
//! and zhpress's supplement (dict/zhpress) into double-array Aho-Corasick
//! automata, so a conversion needs no loading at run time beyond a deserialize.
//!
//! Each OpenCC configuration is a segmentation dictionary and a chain of
//! conversion steps; a step is a dictionary or a group of them. A group is
//! merged into one automaton (leftmost-longest), with earlier dictionaries
//! winning on equal keys; that is OpenCC's group semantics, because every
//! group's later members hold single characters only (checked below).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use daachorse::{CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};

const CONFIGS: &[&str] = &[
    "s2t", "t2s", "s2tw", "tw2s", "s2twp", "tw2sp", "s2hk", "hk2s", "t2tw", "tw2t", "t2hk", "hk2t",
];

fn main() {
    println!("cargo:rerun-if-changed=dict");
    println!("cargo:rerun-if-changed=build.rs");
    let out = std::env::var("OUT_DIR").unwrap();
    let mut sets: BTreeSet<Vec<String>> = BTreeSet::new();
    let mut code = String::from("/// (config, segmentation dictionary set, conversion steps).\npub const CONFIGS: &[(&str, Option<&str>, &[&str])] = &[\n");
    for name in CONFIGS {
        let text = std::fs::read_to_string(format!("dict/opencc/{}.json", name)).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        let seg = json["segmentation"].get("dict").map(dict_set);
        let steps: Vec<Vec<String>> = json["conversion_chain"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| dict_set(&s["dict"]))
            .collect();
        if let Some(s) = &seg {
            assert_eq!(s.len(), 1, "{}: a segmentation group", name);
            sets.insert(s.clone());
        }
        // A group whose later members hold only single characters is merged into
        // one automaton; any other group keeps its members apart, in order
        // ("A|B|C"), and is matched member by member as OpenCC does.
        let mut step_names = Vec::new();
        for s in &steps {
            if s[1..].iter().all(|d| single_chars(d)) {
                sets.insert(s.clone());
                step_names.push(s.join("+"));
            } else {
                for d in s {
                    sets.insert(vec![d.clone()]);
                }
                step_names.push(s.join("|"));
            }
        }
        let seg = seg.map_or("None".to_string(), |s| format!("Some({:?})", s.join("+")));
        let steps: Vec<String> = step_names.iter().map(|s| format!("{:?}", s)).collect();
        writeln!(code, "    ({:?}, {}, &[{}]),", name, seg, steps.join(", ")).unwrap();
    }
    // zhpress's own configuration: Taiwan phrasing from a Traditional source.
    // OpenCC has only t2tw (characters); t2twp segments the Traditional text by
    // the Traditional forms of STPhrases, then applies TWPhrases and TWVariants
    // within the segments, as s2twp does for Simplified text.
    sets.insert(vec!["STPhrases@values".to_string()]);
    code.push_str(
        "    (\"t2twp\", Some(\"STPhrases@values\"), &[\"TWPhrases\", \"TWVariants\"]),\n",
    );
    code.push_str(
        "];\n\n/// (dictionary set, compiled bytes).\npub const DICTS: &[(&str, &[u8])] = &[\n",
    );
    for set in &sets {
        let file = format!("{}.bin", set.join("+"));
        std::fs::write(Path::new(&out).join(&file), compile(set)).unwrap();
        writeln!(
            code,
            "    ({:?}, include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{}\"))),",
            set.join("+"),
            file
        )
        .unwrap();
    }
    code.push_str("];\n");
    std::fs::write(Path::new(&out).join("dicts.rs"), code).unwrap();
    embed_theme(&out);
}

/// The default theme, embedded so that `zhpress init` can write it anywhere.
fn embed_theme(out: &str) {
    println!("cargo:rerun-if-changed=themes/default");
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    let mut files = Vec::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.is_file() {
                files.push(p);
            }
        }
    }
    files.sort();
    let mut code = String::from(
        "/// (path inside the theme, bytes).\npub const DEFAULT_THEME: &[(&str, &[u8])] = &[\n",
    );
    for f in files {
        let rel = f
            .strip_prefix(&root)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        writeln!(
            code,
            "    ({:?}, include_bytes!({:?})),",
            rel,
            f.display().to_string()
        )
        .unwrap();
    }
    code.push_str("];\n");
    std::fs::write(Path::new(out).join("theme.rs"), code).unwrap();
}

fn single_chars(name: &str) -> bool {
    load(name).keys().all(|k| k.chars().count() == 1)
}

fn dict_set(d: &serde_json::Value) -> Vec<String> {
    if d["type"] == "group" {
        d["dicts"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(dict_set)
            .collect()
    } else {
        vec![d["file"]
            .as_str()
            .unwrap()
            .trim_end_matches(".ocd2")
            .to_string()]
    }
}

/// One dictionary's entries: OpenCC's, then the supplement's, which replace equal keys.
fn load(name: &str) -> BTreeMap<String, Vec<String>> {
    if let Some(base) = name.strip_suffix("@values") {
        // A segmentation dictionary of the default values, mapped to themselves.
        return load(base)
            .into_values()
            .map(|v| (v[0].clone(), vec![v[0].clone()]))
            .collect();
    }
    let mut map = BTreeMap::new();
    for path in [
        format!("dict/opencc/{}.txt", name),
        format!("dict/zhpress/{}.txt", name),
    ] {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        for line in text.lines() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let (k, v) = line
                .split_once('\t')
                .unwrap_or_else(|| panic!("{}: no tab in {:?}", path, line));
            let values: Vec<String> = v
                .split(' ')
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect();
            assert!(!values.is_empty(), "{}: no value for {:?}", path, k);
            map.insert(k.to_string(), values);
        }
    }
    map
}

/// Format: u32 automaton length, automaton, u32 count, then per entry:
/// u8 alternatives, u32 length, UTF-8 bytes of the default output, u32 length,
/// the other readings separated by spaces, u32 length,
/// UTF-8 bytes of the key (keys serve exact prefix lookups in ordered groups).
fn compile(set: &[String]) -> Vec<u8> {
    let mut merged: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for name in set {
        for (k, v) in load(name) {
            merged.entry(k).or_insert(v);
        }
    }
    let patvals: Vec<(&str, u32)> = merged
        .keys()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i as u32))
        .collect();
    let pma = CharwiseDoubleArrayAhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build_with_values(patvals)
        .unwrap();
    let bytes = pma.serialize();
    let mut out = Vec::new();
    out.extend((bytes.len() as u32).to_le_bytes());
    out.extend(bytes);
    out.extend((merged.len() as u32).to_le_bytes());
    for v in merged.values() {
        out.push(v.len().min(255) as u8);
        out.extend((v[0].len() as u32).to_le_bytes());
        out.extend(v[0].as_bytes());
        let others = v[1..].join(" ");
        out.extend((others.len() as u32).to_le_bytes());
        out.extend(others.as_bytes());
    }
    for k in merged.keys() {
        out.extend((k.len() as u32).to_le_bytes());
        out.extend(k.as_bytes());
    }
    out
}
