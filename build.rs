//! Compiles OpenCC's dictionaries (dict/opencc: OpenCC 1.4.2's, as PyPI's
//! `opencc` 1.4.2 wheel ships them) into double-array Aho-Corasick automata,
//! and zhpress's supplement (dict/zhpress) into small overlay automata that
//! compete with them in the same scan, so a conversion needs no loading at run
//! time beyond decompressing and deserializing.
//!
//! Each OpenCC configuration is an optional normalization pass, an optional
//! segmentation dictionary, and a chain of steps; a step is a dictionary or a
//! group of them, nested, each group `union` (the longest match among its
//! members) or `short_circuit` (the first member with any match). A group is
//! merged into one automaton (leftmost-longest, earlier members winning on
//! equal keys) whenever that gives the group's own result at every position:
//! always for `union`, and for `short_circuit` when no key of a later member
//! has a proper prefix that is a key of an earlier one (checked here, key by
//! key). Other groups keep their members apart and are matched member by
//! member, as OpenCC does.
//!
//! Every dictionary is compiled once: the OpenCC set and zhpress's default set
//! share every automaton, and the default set adds only the overlays (the
//! supplement's lines and the entries its pattern rules expand to). The
//! single-character normalization dictionary is a sorted table, not an
//! automaton. Each compiled blob is lz4-compressed and embedded once.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

use daachorse::{CharwiseDoubleArrayAhoCorasickBuilder, MatchKind};

/// OpenCC's configurations zhpress runs, from dict/opencc/<name>.json.
const CONFIGS: &[&str] = &[
    "s2t", "t2s", "s2tw", "tw2s", "s2twp", "tw2sp", "s2hk", "hk2s", "t2tw", "tw2t", "t2hk", "hk2t",
];

/// One dictionary's entries: key → readings (the first is the output).
type Entries = BTreeMap<String, Vec<String>>;

/// A dictionary node of an OpenCC configuration.
#[derive(Clone)]
enum Node {
    File(String),
    Group { union: bool, members: Vec<Node> },
}

/// How a step is matched: one automaton over `members` in priority order, or
/// member by member (each a merged list itself).
enum Plan {
    Merged(Vec<String>),
    Ordered(Vec<Vec<String>>),
}

struct Build {
    /// Each distinct blob once: (name, compressed bytes).
    blobs: Vec<(String, Vec<u8>)>,
    by_name: BTreeMap<String, usize>,
    dicts: BTreeMap<String, Entries>,
}

fn main() {
    println!("cargo:rerun-if-changed=dict");
    println!("cargo:rerun-if-changed=build.rs");
    let out = std::env::var("OUT_DIR").unwrap();
    let mut b = Build {
        blobs: Vec::new(),
        by_name: BTreeMap::new(),
        dicts: BTreeMap::new(),
    };
    let mut code = String::from("pub const CONFIGS: &[ConfigSpec] = &[\n");
    for name in CONFIGS {
        let json = read_json(name);
        let normalization = json
            .get("normalization")
            .and_then(|n| n.as_array())
            .map(|steps| {
                assert_eq!(steps.len(), 1, "{name}: one normalization step");
                let Plan::Merged(m) = b.plan(&node(&steps[0]["dict"])) else {
                    panic!("{name}: a grouped normalization")
                };
                b.char_table(&m)
            });
        let steps: Vec<Plan> = json["conversion_chain"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| b.plan(&node(&s["dict"])))
            .collect();
        let seg = json
            .get("segmentation")
            .map(|s| match b.plan(&node(&s["dict"])) {
                Plan::Merged(m) => m,
                Plan::Ordered(_) => panic!("{name}: an ordered segmentation group"),
            });
        for (spec_name, prose) in [(name.to_string(), false), (format!("{name}-prose"), true)] {
            if prose && !uses_tw_phrases(&steps) {
                continue;
            }
            let spec = b.config_spec(&spec_name, normalization, seg.as_deref(), &steps, prose);
            code.push_str(&spec);
        }
    }
    // zhpress's own configuration: Taiwan phrasing from a Traditional source.
    // OpenCC has only t2tw (characters); t2twp segments the Traditional text by
    // the Traditional forms of s2twp's segmentation dictionary, then applies
    // s2twp's Taiwan step within the segments, as s2twp does for Simplified text.
    {
        let json = read_json("s2twp");
        let chain = json["conversion_chain"].as_array().unwrap();
        let normalization = Some(b.char_table(&["CJK_Compatibility_Ideographs".to_string()]));
        let tw = vec![b.plan(&node(&chain[1]["dict"]))];
        let Plan::Merged(seg) = b.plan(&node(&json["segmentation"]["dict"])) else {
            panic!("s2twp: an ordered segmentation group")
        };
        let values: Vec<String> = seg.iter().map(|d| format!("{d}@values")).collect();
        for (spec_name, prose) in [("t2twp", false), ("t2twp-prose", true)] {
            let spec = b.config_spec(spec_name, normalization, Some(&values), &tw, prose);
            code.push_str(&spec);
        }
    }
    code.push_str("];\n\n/// The compiled dictionaries, each once, lz4-compressed.\npub static BLOBS: &[&[u8]] = &[\n");
    for (file, bytes) in &b.blobs {
        std::fs::write(Path::new(&out).join(file), bytes).unwrap();
        writeln!(
            code,
            "    include_bytes!(concat!(env!(\"OUT_DIR\"), \"/{file}\")),"
        )
        .unwrap();
    }
    code.push_str("];\n");
    std::fs::write(Path::new(&out).join("dicts.rs"), code).unwrap();
    embed_theme(&out);
}

fn read_json(name: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(format!("dict/opencc/{name}.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn node(d: &serde_json::Value) -> Node {
    if d["type"] == "group" {
        Node::Group {
            union: d["match_policy"] == "union",
            members: d["dicts"].as_array().unwrap().iter().map(node).collect(),
        }
    } else {
        // `may_output_tofu` dictionaries (TSCharactersExt) are kept: the
        // library loads them by default (ConfigLoadOptions), and so does
        // PyPI's `opencc`; only the `opencc` command leaves them out.
        Node::File(
            d["file"]
                .as_str()
                .unwrap()
                .trim_end_matches(".ocd2")
                .to_string(),
        )
    }
}

fn uses_tw_phrases(steps: &[Plan]) -> bool {
    steps.iter().any(|s| match s {
        Plan::Merged(m) => m.iter().any(|d| d == "TWPhrases"),
        Plan::Ordered(_) => false,
    })
}

impl Build {
    fn entries(&mut self, name: &str) -> &Entries {
        if !self.dicts.contains_key(name) {
            let e = match name.strip_suffix("@values") {
                // The Traditional forms of a Simplified→Traditional dictionary,
                // each mapped to itself: a segmentation dictionary for Traditional text.
                Some(base) => self
                    .entries(base)
                    .values()
                    .map(|v| (v[0].clone(), vec![v[0].clone()]))
                    .collect(),
                None => read_entries(&format!("dict/opencc/{name}.txt"))
                    .unwrap_or_else(|| panic!("dict/opencc/{name}.txt is missing")),
            };
            self.dicts.insert(name.to_string(), e);
        }
        &self.dicts[name]
    }

    fn keys(&mut self, members: &[String]) -> BTreeSet<String> {
        members
            .iter()
            .flat_map(|m| self.entries(m).keys().cloned().collect::<Vec<_>>())
            .collect()
    }

    fn plan(&mut self, n: &Node) -> Plan {
        match n {
            Node::File(f) => Plan::Merged(vec![f.clone()]),
            Node::Group { union, members } => {
                let parts: Vec<Vec<String>> = members
                    .iter()
                    .map(|m| match self.plan(m) {
                        Plan::Merged(v) => v,
                        Plan::Ordered(_) => panic!("a nested ordered group"),
                    })
                    .collect();
                if *union || self.mergeable(&parts) {
                    Plan::Merged(parts.concat())
                } else {
                    Plan::Ordered(parts)
                }
            }
        }
    }

    /// Whether matching `parts` as one leftmost-longest automaton gives the
    /// short-circuit group's result: no key of a later part extends a key of
    /// an earlier part (else the group would stop at the earlier, shorter key).
    fn mergeable(&mut self, parts: &[Vec<String>]) -> bool {
        let sets: Vec<BTreeSet<String>> = parts.iter().map(|p| self.keys(p)).collect();
        sets.iter().enumerate().all(|(j, later)| {
            later.iter().all(|k| {
                k.char_indices()
                    .skip(1)
                    .all(|(i, _)| sets[..j].iter().all(|s| !s.contains(&k[..i])))
            })
        })
    }

    fn blob(&mut self, name: String, make: impl FnOnce(&mut Build) -> Vec<u8>) -> usize {
        if let Some(&i) = self.by_name.get(&name) {
            return i;
        }
        let bytes = lz4_flex::block::compress_prepend_size(&make(self));
        // Two names may compile to the same bytes (an overlay without prose
        // exclusions): embed them once.
        if let Some(i) = self.blobs.iter().position(|(_, b)| *b == bytes) {
            self.by_name.insert(name, i);
            return i;
        }
        self.blobs.push((
            format!("{}.bin", name.replace(['+', '|', '@', ':'], "_")),
            bytes,
        ));
        self.by_name.insert(name, self.blobs.len() - 1);
        self.blobs.len() - 1
    }

    /// A dictionary of single characters as a sorted table.
    fn char_table(&mut self, members: &[String]) -> usize {
        self.blob(format!("chars:{}", members.join("+")), |b| {
            let mut table: BTreeMap<char, String> = BTreeMap::new();
            for m in members {
                for (k, v) in b.entries(m) {
                    let mut cs = k.chars();
                    let (Some(c), None) = (cs.next(), cs.next()) else {
                        panic!("{m}: `{k}` is not one character")
                    };
                    table.entry(c).or_insert_with(|| v[0].clone());
                }
            }
            let mut out = Vec::new();
            out.extend((table.len() as u32).to_le_bytes());
            for (c, v) in &table {
                out.extend((*c as u32).to_le_bytes());
                out.extend((v.len() as u32).to_le_bytes());
                out.extend(v.as_bytes());
            }
            out
        })
    }

    /// The entries of `members` merged in priority order (earlier wins on equal
    /// keys), each with the index of the member it came from.
    fn merged(&mut self, members: &[String]) -> BTreeMap<String, (Vec<String>, u8)> {
        let mut merged = BTreeMap::new();
        for (i, m) in members.iter().enumerate() {
            for (k, v) in self.entries(m).clone() {
                merged.entry(k).or_insert((v, i as u8));
            }
        }
        merged
    }

    fn automaton(&mut self, members: &[String], keys: bool) -> usize {
        let name = format!("{}{}", members.join("+"), if keys { ":keys" } else { "" });
        self.blob(name, |b| {
            let merged = b.merged(members);
            compile(&merged, keys)
        })
    }

    /// zhpress's overlay for a step over `members`: the supplement's lines for
    /// each member, the entries of its pattern rules, and (`prose`) the Taiwan
    /// prose exclusions. `None` when no member has any.
    /// Overlays carry their keys: the engine matches them where they can start.
    fn overlay(&mut self, members: &[String], prose: bool) -> Option<usize> {
        let mut merged: BTreeMap<String, (Vec<String>, u8)> = BTreeMap::new();
        for (i, m) in members.iter().enumerate() {
            let base = m.strip_suffix("@values");
            let own = self.supplement(base.unwrap_or(m), members, prose);
            for (k, v) in own {
                let (k, v) = match base {
                    // A segmentation dictionary of Traditional forms: the
                    // supplement's Traditional forms, mapped to themselves.
                    Some(_) => (v[0].clone(), vec![v[0].clone()]),
                    None => (k, v),
                };
                merged.entry(k).or_insert((v, i as u8));
            }
        }
        if merged.is_empty() {
            return None;
        }
        let name = format!(
            "overlay{}:{}",
            if prose { "-prose" } else { "" },
            members.join("+")
        );
        Some(self.blob(name, |_| compile(&merged, true)))
    }

    /// The supplement's entries for dictionary `dict` (prose exclusions first,
    /// so they win on equal keys), then the pattern rules' entries; the rules'
    /// items are converted by the OpenCC dictionaries of `step`.
    fn supplement(&mut self, dict: &str, step: &[String], prose: bool) -> Entries {
        let mut out = Entries::new();
        let mut files = Vec::new();
        if prose {
            files.push(format!("dict/zhpress/{dict}.prose.txt"));
        }
        files.push(format!("dict/zhpress/{dict}.txt"));
        for f in files {
            for (k, v) in read_entries(&f).unwrap_or_default() {
                out.entry(k).or_insert(v);
            }
        }
        let step_dict: Vec<String> = step
            .iter()
            .filter(|d| !d.ends_with("@values"))
            .cloned()
            .collect();
        if step_dict.is_empty() {
            return out;
        }
        let plain: Entries = self
            .merged(&step_dict)
            .into_iter()
            .map(|(k, (v, _))| (k, v))
            .collect();
        for (k, v) in patterns(dict, &plain) {
            out.entry(k).or_insert(v);
        }
        out
    }

    /// One row of the generated CONFIGS table.
    fn config_spec(
        &mut self,
        name: &str,
        normalization: Option<usize>,
        seg: Option<&[String]>,
        steps: &[Plan],
        prose: bool,
    ) -> String {
        // The segmentation dictionary is read from the first step's automaton
        // when that step is the segmentation dictionary followed by members of
        // single characters only: a match from those members is no segment.
        let seg_code = match seg {
            None => "None".to_string(),
            Some(seg) => {
                let shared = match steps.first() {
                    Some(Plan::Merged(m)) if m.starts_with(seg) => {
                        let rest = m[seg.len()..].to_vec();
                        rest.iter()
                            .all(|d| self.entries(d).keys().all(|k| k.chars().count() == 1))
                    }
                    _ => false,
                };
                // A shared automaton shares the first step's overlay too: in
                // segmentation only its keys count, not its values.
                let (blob, overlay) = match (shared, steps.first()) {
                    (true, Some(Plan::Merged(m))) => {
                        (self.automaton(m, false), self.overlay(m, prose))
                    }
                    _ => (self.automaton(seg, false), self.overlay(seg, prose)),
                };
                format!(
                    "Some(SegSpec {{ blob: {blob}, members: {}, overlay: {overlay:?} }})",
                    seg.len()
                )
            }
        };
        let mut step_code = Vec::new();
        for s in steps {
            step_code.push(match s {
                Plan::Merged(m) => {
                    let blob = self.automaton(m, false);
                    let overlay = self.overlay(m, prose);
                    // Taiwan phrasing's vocabulary: what the audit lists.
                    let regional = m.first().is_some_and(|d| d == "TWPhrases");
                    format!("StepSpec::Merged {{ blob: {blob}, overlay: {overlay:?}, regional: {regional} }}")
                }
                Plan::Ordered(parts) => {
                    let blobs: Vec<String> = parts
                        .iter()
                        .map(|p| {
                            let overlay = self.overlay(p, prose);
                            format!("({}, {overlay:?})", self.automaton(p, true))
                        })
                        .collect();
                    format!("StepSpec::Ordered(&[{}])", blobs.join(", "))
                }
            });
        }
        format!(
            "    ConfigSpec {{ name: {name:?}, zhpress_only: {prose}, normalization: {normalization:?}, segmentation: {seg_code}, steps: &[{}] }},\n",
            step_code.join(", ")
        )
    }
}

/// A dictionary file in OpenCC's text format (`key<TAB>value value…`, `#`
/// comments); `None` when the file does not exist.
fn read_entries(path: &str) -> Option<Entries> {
    let text = std::fs::read_to_string(path).ok()?;
    let mut map = Entries::new();
    for line in text.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (k, v) = line
            .split_once('\t')
            .unwrap_or_else(|| panic!("{path}: no tab in {line:?}"));
        let values: Vec<String> = v
            .split(' ')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        assert!(!values.is_empty(), "{path}: no value for {k:?}");
        map.insert(k.to_string(), values);
    }
    Some(map)
}

/// The entries the pattern rules of dict/zhpress/patterns.txt give dictionary
/// `dict`. A rule is a section `[name]` with `dict = <Dictionary>` and two or
/// more `part = item item…` lines; it makes one entry for every choice of one
/// item per part, in order (the key is their concatenation). An item `a>b`
/// becomes b, `a>` stays a, a plain `a` is converted by the dictionaries of
/// the step (`plain`), `~` is the empty string.
fn patterns(dict: &str, plain: &Entries) -> Entries {
    let path = "dict/zhpress/patterns.txt";
    let Ok(text) = std::fs::read_to_string(path) else {
        return Entries::new();
    };
    let mut out = Entries::new();
    let mut rule: Option<Rule> = None;
    let flush = |rule: &mut Option<Rule>, out: &mut Entries| {
        if let Some((d, parts)) = rule.take() {
            if d == dict {
                let mut acc = vec![(String::new(), String::new())];
                for part in &parts {
                    acc = acc
                        .iter()
                        .flat_map(|(k, v)| {
                            part.iter()
                                .map(move |(a, b)| (format!("{k}{a}"), format!("{v}{b}")))
                        })
                        .collect();
                }
                for (k, v) in acc {
                    out.entry(k).or_insert(vec![v]);
                }
            }
        }
    };
    let mut target = String::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.split(" #").next().unwrap_or("").trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line.starts_with('[') {
            flush(&mut rule, &mut out);
            target.clear();
            rule = Some((String::new(), Vec::new()));
        } else if let Some(d) = line.strip_prefix("dict =") {
            target = d.trim().to_string();
            if let Some(r) = rule.as_mut() {
                r.0 = target.clone();
            }
        } else if let Some(items) = line.strip_prefix("part =") {
            let part = items
                .split_whitespace()
                .map(|item| match item.split_once('>') {
                    Some((a, "")) => (a.to_string(), a.to_string()),
                    Some((a, b)) => (a.to_string(), b.to_string()),
                    None if item == "~" => (String::new(), String::new()),
                    None => (item.to_string(), greedy(plain, item)),
                })
                .collect();
            match rule.as_mut() {
                Some(r) => r.1.push(part),
                None => panic!("{path}:{}: a part outside a rule", n + 1),
            }
        } else {
            panic!(
                "{path}:{}: expected `[rule]`, `dict = …` or `part = …`",
                n + 1
            );
        }
    }
    flush(&mut rule, &mut out);
    out
}

/// A pattern rule being read: its dictionary, and per part the (key, value) items.
type Rule = (String, Vec<Vec<(String, String)>>);

/// OpenCC's maximum match of `text` over `dict` (for pattern items).
fn greedy(dict: &Entries, text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        let ends: Vec<usize> = rest
            .char_indices()
            .map(|(i, _)| i)
            .skip(1)
            .chain([rest.len()])
            .collect();
        match ends
            .iter()
            .rev()
            .find_map(|&e| dict.get(&rest[..e]).map(|v| (e, v)))
        {
            Some((e, v)) => {
                out.push_str(&v[0]);
                rest = &rest[e..];
            }
            None => {
                out.push(c);
                rest = &rest[c.len_utf8()..];
            }
        }
    }
    out
}

/// Format: u32 automaton length, automaton, u32 count, then per entry: u8
/// alternatives, u8 member, u32 length + UTF-8 of the default output, u32
/// length + the other readings separated by spaces; then u8 (1 when keys
/// follow) and per entry u32 length + the key (for exact prefix lookups in
/// ordered groups).
fn compile(merged: &BTreeMap<String, (Vec<String>, u8)>, keys: bool) -> Vec<u8> {
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
    for (v, member) in merged.values() {
        out.push(v.len().min(255) as u8);
        out.push(*member);
        out.extend((v[0].len() as u32).to_le_bytes());
        out.extend(v[0].as_bytes());
        let others = v[1..].join(" ");
        out.extend((others.len() as u32).to_le_bytes());
        out.extend(others.as_bytes());
    }
    out.push(keys as u8);
    if keys {
        for k in merged.keys() {
            out.extend((k.len() as u32).to_le_bytes());
            out.extend(k.as_bytes());
        }
    }
    out
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
