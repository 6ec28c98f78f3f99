//! Compiles OpenCC's dictionaries (dict/opencc, OpenCC 1.1.6 as Debian ships it)
//! and zhpress's supplement (dict/zhpress) into double-array Aho-Corasick
//! automata, so a conversion needs no loading at run time beyond a deserialize.
//!
//! Every configuration is compiled twice: with the supplement (zhpress's
//! default) and without it (OpenCC's dictionaries alone, byte-identical to the
//! C++ library). Most dictionaries have no supplement file, so most automata
//! are the same in both; each distinct automaton is embedded once.
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

/// The two dictionary sets zhpress ships, as (name in the generated code,
/// whether dict/zhpress is merged in): the default, and OpenCC's alone for
/// output byte-identical to the C++ library.
const SETS: &[(&str, bool)] = &[("ZHPRESS", true), ("OPENCC", false)];

fn main() {
    println!("cargo:rerun-if-changed=dict");
    println!("cargo:rerun-if-changed=build.rs");
    let out = std::env::var("OUT_DIR").unwrap();
    let mut code = String::new();
    // Each distinct compiled automaton once: (file, bytes). A dictionary set
    // that no supplement file touches is the same in both sets, and one the
    // supplement touches may still compile to the same bytes; both share.
    let mut blobs: Vec<(String, Vec<u8>)> = Vec::new();
    let mut compiled: BTreeMap<Vec<String>, usize> = BTreeMap::new();
    for &(set_name, supplement) in SETS {
        let (configs, sets) = configs(supplement);
        writeln!(
            code,
            "/// (config, segmentation dictionary set, conversion steps).\npub const {set_name}_CONFIGS: &[(&str, Option<&str>, &[&str])] = &[\n{configs}];\n"
        )
        .unwrap();
        writeln!(
            code,
            "/// (dictionary set, index in BLOBS).\npub const {set_name}_DICTS: &[(&str, usize)] = &["
        )
        .unwrap();
        for set in &sets {
            let index = match compiled.get(set) {
                // No supplement file for any of its dictionaries: the same entries.
                Some(&i) if !touched(set) => i,
                earlier => {
                    let bytes = compile(set, supplement);
                    match earlier {
                        Some(&i) if blobs[i].1 == bytes => i,
                        _ => {
                            let suffix = if supplement { "" } else { ".opencc" };
                            blobs.push((format!("{}{}.bin", set.join("+"), suffix), bytes));
                            blobs.len() - 1
                        }
                    }
                }
            };
            compiled.entry(set.clone()).or_insert(index);
            writeln!(code, "    ({:?}, {}),", set.join("+"), index).unwrap();
        }
        code.push_str("];\n\n");
    }
    code.push_str("/// The compiled automata, each once.\npub static BLOBS: &[&[u8]] = &[\n");
    for (file, bytes) in &blobs {
        std::fs::write(Path::new(&out).join(file), bytes).unwrap();
        writeln!(
            code,
            "    include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{}\")),",
            file
        )
        .unwrap();
    }
    code.push_str("];\n");
    std::fs::write(Path::new(&out).join("dicts.rs"), code).unwrap();
    embed_theme(&out);
}

/// The rows of a CONFIGS table, and every dictionary set they name.
fn configs(supplement: bool) -> (String, BTreeSet<Vec<String>>) {
    let mut sets: BTreeSet<Vec<String>> = BTreeSet::new();
    let mut code = String::new();
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
            if s[1..].iter().all(|d| single_chars(d, supplement)) {
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
    (code, sets)
}

/// Whether zhpress's supplement has a file for any dictionary of `set`.
fn touched(set: &[String]) -> bool {
    set.iter().any(|name| {
        let base = name.strip_suffix("@values").unwrap_or(name);
        Path::new(&format!("dict/zhpress/{}.txt", base)).exists()
    })
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

fn single_chars(name: &str, supplement: bool) -> bool {
    load(name, supplement)
        .keys()
        .all(|k| k.chars().count() == 1)
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

/// One dictionary's entries: OpenCC's, then (with `supplement`) zhpress's,
/// which replace equal keys.
fn load(name: &str, supplement: bool) -> BTreeMap<String, Vec<String>> {
    if let Some(base) = name.strip_suffix("@values") {
        // A segmentation dictionary of the default values, mapped to themselves.
        return load(base, supplement)
            .into_values()
            .map(|v| (v[0].clone(), vec![v[0].clone()]))
            .collect();
    }
    let mut map = BTreeMap::new();
    let mut paths = vec![format!("dict/opencc/{}.txt", name)];
    if supplement {
        paths.push(format!("dict/zhpress/{}.txt", name));
    }
    for path in paths {
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
fn compile(set: &[String], supplement: bool) -> Vec<u8> {
    let mut merged: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for name in set {
        for (k, v) in load(name, supplement) {
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
