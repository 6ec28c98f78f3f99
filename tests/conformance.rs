//! Conversion conformance.
//!
//! - zhpress's phrase suite (tests/conformance/cases.tsv) with the default
//!   dictionaries;
//! - OpenCC's own suite (tests/conformance/opencc-testcases.tsv: the cases of
//!   OpenCC's test/testcases, with their source) over OpenCC's dictionaries,
//!   every row, and over the default dictionaries, every row OpenCC passes but
//!   the ones docs/deviations.md lists as deliberate;
//! - against the C++ library itself, PyPI's `opencc` 1.4.2 (through
//!   tests/conformance/opencc_ref.py), on both suites' inputs and on a corpus of
//!   over 1 MB, for every configuration: over OpenCC's dictionaries
//!   (`Dictionaries::OpenCC`) zhpress must give the library's output byte for
//!   byte, every text; over the default dictionaries every disagreement must
//!   come from zhpress's overlay (dict/zhpress);
//! - dict/opencc is the wheel's data: compiled with the wheel's own
//!   `opencc_dict`, each text dictionary gives the wheel's `.ocd2` byte for byte.

mod common;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::REPO;
use zhpress::opencc::{Dictionaries, Engine};

/// Every configuration OpenCC 1.4.2 and zhpress share.
const CONFIGS: &[&str] = &[
    "s2t", "t2s", "s2tw", "tw2s", "s2twp", "tw2sp", "s2hk", "hk2s", "t2tw", "tw2t", "t2hk", "hk2t",
];

struct Case {
    line: usize,
    config: String,
    input: String,
    expected: String,
}

/// Rows of a TSV file: (config, input, expected) at `columns`.
fn read_cases(file: &str, columns: [usize; 3]) -> Vec<Case> {
    let text = std::fs::read_to_string(Path::new(REPO).join(file)).unwrap();
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| {
            let f: Vec<&str> = l.split('\t').collect();
            assert!(f.len() >= 3, "{file}:{}: expected three columns", i + 1);
            Case {
                line: i + 1,
                config: f[columns[0]].into(),
                input: f[columns[1]].into(),
                expected: f[columns[2]].into(),
            }
        })
        .collect()
}

/// zhpress's suite: config, input, expected, note.
fn cases() -> Vec<Case> {
    read_cases("tests/conformance/cases.tsv", [0, 1, 2])
}

/// OpenCC's suite: input, expected, config, source.
fn opencc_cases() -> Vec<Case> {
    read_cases("tests/conformance/opencc-testcases.tsv", [2, 0, 1])
}

/// The rows of OpenCC's suite the default dictionaries answer differently on
/// purpose: `opencc-testcases.tsv:<line>` in docs/deviations.md.
fn deliberate_rows() -> Vec<usize> {
    let doc = std::fs::read_to_string(Path::new(REPO).join("docs/deviations.md")).unwrap();
    doc.match_indices("opencc-testcases.tsv:")
        .filter_map(|(i, m)| {
            let digits: String = doc[i + m.len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse().ok()
        })
        .collect()
}

fn failures(cases: &[Case], dicts: Dictionaries, file: &str) -> Vec<(usize, String)> {
    cases
        .iter()
        .filter_map(|c| {
            let got = Engine::get_with(&c.config, dicts)
                .unwrap_or_else(|e| panic!("{file}:{}: {e}", c.line))
                .convert(&c.input);
            (got != c.expected).then(|| {
                (
                    c.line,
                    format!(
                        "{file}:{} {} {} → {} (expected {})",
                        c.line, c.config, c.input, got, c.expected
                    ),
                )
            })
        })
        .collect()
}

fn by_config(cases: &[Case]) -> BTreeMap<&str, usize> {
    cases.iter().fold(BTreeMap::new(), |mut m, c| {
        *m.entry(c.config.as_str()).or_default() += 1;
        m
    })
}

#[test]
fn the_suite_passes_with_the_default_engine() {
    let cases = cases();
    assert!(cases.len() >= 300, "the suite has {} phrases", cases.len());
    let failed = failures(&cases, Dictionaries::Zhpress, "cases.tsv");
    assert!(
        failed.is_empty(),
        "{} of {} failed:\n{}",
        failed.len(),
        cases.len(),
        failed
            .into_iter()
            .map(|f| f.1)
            .collect::<Vec<_>>()
            .join("\n")
    );
    println!(
        "conformance: {} phrases pass: {:?}",
        cases.len(),
        by_config(&cases)
    );
}

#[test]
fn opencc_suite_passes_over_opencc_dictionaries() {
    let cases = opencc_cases();
    assert_eq!(cases.len(), 560);
    let failed = failures(&cases, Dictionaries::OpenCC, "opencc-testcases.tsv");
    assert!(
        failed.is_empty(),
        "{} of {} failed:\n{}",
        failed.len(),
        cases.len(),
        failed
            .into_iter()
            .map(|f| f.1)
            .collect::<Vec<_>>()
            .join("\n")
    );
    println!(
        "OpenCC's suite over OpenCC's dictionaries: {} of {} pass",
        cases.len(),
        cases.len()
    );
}

#[test]
fn opencc_suite_passes_over_the_default_dictionaries() {
    let cases = opencc_cases();
    let deliberate = deliberate_rows();
    let failed = failures(&cases, Dictionaries::Zhpress, "opencc-testcases.tsv");
    let unexplained: Vec<&String> = failed
        .iter()
        .filter(|(l, _)| !deliberate.contains(l))
        .map(|f| &f.1)
        .collect();
    assert!(
        unexplained.is_empty(),
        "{} row(s) of OpenCC's suite fail with the default dictionaries and are not in docs/deviations.md:\n{}",
        unexplained.len(),
        unexplained.iter().map(|s| s.as_str()).collect::<Vec<_>>().join("\n")
    );
    // A row listed as deliberate must really differ (the list stays true).
    for line in &deliberate {
        assert!(
            failed.iter().any(|(l, _)| l == line),
            "docs/deviations.md lists opencc-testcases.tsv:{line} as a deliberate difference, but the default dictionaries pass it"
        );
    }
    println!(
        "OpenCC's suite over the default dictionaries: {} of {} pass, {} differ deliberately",
        cases.len() - failed.len(),
        cases.len(),
        failed.len()
    );
}

/// The supplement's keys and pattern rules, per file.
fn supplement() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let dir = Path::new(REPO).join("dict/zhpress");
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for l in std::fs::read_to_string(&path).unwrap().lines() {
            if l.starts_with('#') {
                continue;
            }
            if let Some((k, _)) = l.split_once('\t') {
                out.push((name.clone(), k.to_string()));
            } else if let Some(rule) = l.strip_prefix('[') {
                out.push((name.clone(), rule.trim_end_matches(']').to_string()));
            }
        }
    }
    out
}

#[test]
fn every_supplement_entry_is_documented() {
    let doc = std::fs::read_to_string(Path::new(REPO).join("docs/deviations.md")).unwrap();
    let entries = supplement();
    assert!(entries.len() > 20, "{} supplement entries", entries.len());
    for (file, key) in entries {
        assert!(
            doc.contains(&format!("`{key}`")),
            "dict/zhpress/{file}: `{key}` is not explained in docs/deviations.md"
        );
    }
}

/// The wheel's folder (…/site-packages/opencc/clib), or a plain skip notice
/// (a failure in CI).
fn wheel() -> Option<PathBuf> {
    let out = Command::new("python3")
        .args(["-c", "import opencc, os; assert opencc.__version__ == '1.4.2'; print(os.path.join(os.path.dirname(opencc.__file__), 'clib'))"])
        .stderr(Stdio::null())
        .output();
    match out {
        Ok(o) if o.status.success() => {
            Some(PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()))
        }
        _ => {
            common::skip("PyPI's `opencc` 1.4.2 (pip install opencc==1.4.2)");
            None
        }
    }
}

/// Converts `texts` with the C++ library (one call per text).
fn reference(config: &str, texts: &[String]) -> Vec<String> {
    let mut child = Command::new("python3")
        .arg(Path::new(REPO).join("tests/conformance/opencc_ref.py"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start python3");
    let input = serde_json::json!({ "config": config, "texts": texts }).to_string();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(out.status.success(), "opencc_ref.py failed for {config}");
    serde_json::from_slice(&out.stdout).unwrap()
}

/// How both dictionary sets fared against the C++ library on some texts.
#[derive(Default)]
struct Comparison {
    /// Texts where the default engine differs.
    differing: usize,
    /// Of those, the ones no overlay entry explains.
    unexplained: Vec<String>,
    /// Every text where the engine over OpenCC's dictionaries differs.
    not_identical: Vec<String>,
}

impl Comparison {
    fn add(&mut self, mut other: Comparison) {
        self.differing += other.differing;
        self.unexplained.append(&mut other.unexplained);
        self.not_identical.append(&mut other.not_identical);
    }

    /// Fails on any text the exact engine got wrong or the overlay does not explain.
    fn assert_ok(&self) {
        let show = |v: &[String]| v.iter().take(20).cloned().collect::<Vec<_>>().join("\n");
        assert!(
            self.not_identical.is_empty(),
            "{} text(s) differ from the C++ library with OpenCC's dictionaries, e.g.:\n{}",
            self.not_identical.len(),
            show(&self.not_identical)
        );
        assert!(
            self.unexplained.is_empty(),
            "{} disagreement(s) not explained by dict/zhpress, e.g.:\n{}",
            self.unexplained.len(),
            show(&self.unexplained)
        );
    }
}

/// Runs `texts` through the C++ library and both engines.
fn compare(config: &str, texts: &[String]) -> Comparison {
    let theirs = reference(config, texts);
    assert_eq!(
        theirs.len(),
        texts.len(),
        "{config}: another number of texts"
    );
    let engine = Engine::get(config).unwrap();
    let exact = Engine::get_with(config, Dictionaries::OpenCC).unwrap();
    let mut c = Comparison::default();
    for (text, theirs) in texts.iter().zip(&theirs) {
        let got = exact.convert(text);
        if &got != theirs {
            c.not_identical.push(format!(
                "{config}: {text}\n  zhpress, opencc dictionaries: {got}\n  opencc 1.4.2:                 {theirs}"
            ));
        }
        let ours = engine.convert(text);
        if &ours != theirs {
            c.differing += 1;
            if !engine.supplemented(text) {
                c.unexplained.push(format!(
                    "{config}: {text}\n  zhpress: {ours}\n  opencc:  {theirs}"
                ));
            }
        }
    }
    c
}

#[test]
fn both_suites_agree_with_the_cpp_library() {
    if wheel().is_none() {
        return;
    }
    let mut by_config: BTreeMap<String, Vec<String>> = BTreeMap::new();
    // zhpress's own configurations (t2twp, the -prose ones) have no reference.
    for c in cases()
        .into_iter()
        .chain(opencc_cases())
        .filter(|c| CONFIGS.contains(&c.config.as_str()))
    {
        by_config.entry(c.config).or_default().push(c.input);
    }
    let mut all = Comparison::default();
    for (config, texts) in &by_config {
        let c = compare(config, texts);
        println!(
            "suites {config}: {} texts; opencc dictionaries: {} differ from opencc 1.4.2; default dictionaries: {} differ (all from the overlay)",
            texts.len(),
            c.not_identical.len(),
            c.differing
        );
        all.add(c);
    }
    all.assert_ok();
}

/// Over 1 MB: the report, and OpenCC's own phrases run together in a fixed
/// shuffled order, so that phrases meet at every kind of boundary; with a few
/// lines of compatibility ideographs and ideographic description sequences.
fn corpus(simplified: bool) -> Vec<String> {
    let text = std::fs::read_to_string(Path::new(REPO).join("dict/opencc/STPhrases.txt")).unwrap();
    let mut phrases: Vec<&str> = text
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(k, v)| {
            if simplified {
                k
            } else {
                v.split(' ').next().unwrap_or(v)
            }
        })
        .collect();
    let mut seed: u64 = 0x2020_0208;
    for i in (1..phrases.len()).rev() {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        phrases.swap(i, (seed >> 33) as usize % (i + 1));
    }
    let mut lines: Vec<String> = phrases.chunks(7).map(|c| c.join("")).collect();
    lines.extend(phrases.chunks(5).map(|c| c.join("，")));
    lines.extend(
        phrases
            .chunks(11)
            .take(200)
            .map(|c| c.join("⿰").replace("⿰⿰", "⿱")),
    );
    lines.push("\u{F900}\u{F901}發\u{FA0E}后⿰\u{F900}发\u{2F800}".to_string());
    let orgs = Path::new(REPO).join("content/orgs");
    let mut files: Vec<PathBuf> = std::fs::read_dir(orgs)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    for f in files {
        let t = std::fs::read_to_string(f).unwrap();
        let t = if simplified {
            Engine::get("t2s").unwrap().convert(&t)
        } else {
            t
        };
        lines.extend(t.lines().map(str::to_string));
    }
    lines
}

#[test]
fn a_large_corpus_agrees_with_the_cpp_library() {
    if wheel().is_none() {
        return;
    }
    let mut all = Comparison::default();
    for (simplified, configs) in [
        (
            false,
            &[
                "t2s", "t2tw", "t2hk", "tw2s", "tw2sp", "tw2t", "hk2s", "hk2t",
            ][..],
        ),
        (true, &["s2t", "s2tw", "s2twp", "s2hk"][..]),
    ] {
        let lines = corpus(simplified);
        let bytes: usize = lines.iter().map(|l| l.len() + 1).sum();
        assert!(bytes > 1_000_000, "corpus of {bytes} bytes");
        for config in configs {
            let c = compare(config, &lines);
            println!(
                "corpus {config}: {} lines, {bytes} bytes; opencc dictionaries: {} lines differ from opencc 1.4.2; default dictionaries: {} differ (all from the overlay)",
                lines.len(),
                c.not_identical.len(),
                c.differing
            );
            all.add(c);
        }
    }
    all.assert_ok();
    assert_eq!(CONFIGS.len(), 12);
}

#[test]
fn dict_opencc_is_the_wheels_data() {
    let Some(clib) = wheel() else { return };
    let dir = tempfile::tempdir().unwrap();
    let mut checked = 0;
    for e in std::fs::read_dir(Path::new(REPO).join("dict/opencc"))
        .unwrap()
        .flatten()
    {
        let path = e.path();
        if path.extension().and_then(|x| x.to_str()) != Some("txt") {
            continue;
        }
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let ours = dir.path().join(format!("{stem}.ocd2"));
        let status = Command::new(clib.join("bin/opencc_dict"))
            .args(["-f", "text", "-t", "ocd2", "-i"])
            .arg(&path)
            .arg("-o")
            .arg(&ours)
            .stdout(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "opencc_dict failed on {stem}");
        let theirs = std::fs::read(clib.join(format!("share/opencc/{stem}.ocd2"))).unwrap();
        assert!(
            std::fs::read(&ours).unwrap() == theirs,
            "dict/opencc/{stem}.txt is not the wheel's {stem}.ocd2"
        );
        checked += 1;
    }
    for config in CONFIGS {
        let ours =
            std::fs::read(Path::new(REPO).join(format!("dict/opencc/{config}.json"))).unwrap();
        let theirs = std::fs::read(clib.join(format!("share/opencc/{config}.json"))).unwrap();
        assert!(
            ours == theirs,
            "dict/opencc/{config}.json is not the wheel's"
        );
    }
    assert_eq!(checked, 17);
    println!(
        "dict/opencc: {checked} dictionaries and {} configurations are the wheel's, byte for byte",
        CONFIGS.len()
    );
}
