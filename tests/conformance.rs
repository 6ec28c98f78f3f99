//! Conversion conformance: zhpress's engine on the phrase suite
//! (tests/conformance/cases.tsv), and against the C++ OpenCC library (the
//! `opencc` 1.1.6 command) on the suite's inputs and on a corpus of over 1 MB.
//! Over OpenCC's dictionaries alone (`Dictionaries::OpenCC`) the engine must
//! give the C++ library's output byte for byte, every line. Over zhpress's
//! (the default) every disagreement must come from an entry of zhpress's
//! supplement (dict/zhpress), and every supplement entry must be explained in
//! docs/deviations.md.

mod common;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use common::REPO;
use zhpress::convert::engine::{Dictionaries, Engine};

struct Case {
    line: usize,
    config: String,
    input: String,
    expected: String,
}

fn cases() -> Vec<Case> {
    let text =
        std::fs::read_to_string(Path::new(REPO).join("tests/conformance/cases.tsv")).unwrap();
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| {
            let f: Vec<&str> = l.split('\t').collect();
            assert!(
                f.len() >= 3,
                "cases.tsv:{}: expected config, input, expected",
                i + 1
            );
            Case {
                line: i + 1,
                config: f[0].into(),
                input: f[1].into(),
                expected: f[2].into(),
            }
        })
        .collect()
}

/// The supplement's keys, per dictionary.
fn supplement() -> Vec<(String, String)> {
    let mut out = Vec::new();
    let dir = Path::new(REPO).join("dict/zhpress");
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let name = e
            .file_name()
            .to_string_lossy()
            .trim_end_matches(".txt")
            .to_string();
        for l in std::fs::read_to_string(e.path()).unwrap().lines() {
            if let Some((k, _)) = l.split_once('\t') {
                if !l.starts_with('#') {
                    out.push((name.clone(), k.to_string()));
                }
            }
        }
    }
    out
}

#[test]
fn the_suite_passes_with_the_default_engine() {
    let cases = cases();
    assert!(cases.len() >= 300, "the suite has {} phrases", cases.len());
    let mut failures = Vec::new();
    for c in &cases {
        let got = Engine::get(&c.config)
            .unwrap_or_else(|e| panic!("cases.tsv:{}: {e}", c.line))
            .convert(&c.input);
        if got != c.expected {
            failures.push(format!(
                "cases.tsv:{} {} {} → {} (expected {})",
                c.line, c.config, c.input, got, c.expected
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} failed:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
    let configs: BTreeMap<&str, usize> = cases.iter().fold(BTreeMap::new(), |mut m, c| {
        *m.entry(c.config.as_str()).or_default() += 1;
        m
    });
    println!("conformance: {} phrases pass: {:?}", cases.len(), configs);
}

#[test]
fn every_supplement_entry_is_documented() {
    let doc = std::fs::read_to_string(Path::new(REPO).join("docs/deviations.md")).unwrap();
    for (dict, key) in supplement() {
        assert!(
            doc.contains(&key),
            "dict/zhpress/{dict}.txt: `{key}` is not explained in docs/deviations.md"
        );
    }
}

/// The `opencc` command, or a plain skip notice (a failure in CI).
fn opencc() -> Option<()> {
    let found = Command::new("opencc")
        .arg("--help")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok();
    if !found {
        common::skip("the `opencc` command (C++ OpenCC 1.1.6, Debian package `opencc`)");
        return None;
    }
    Some(())
}

/// Converts lines with the C++ library, one process per call.
fn reference(config: &str, lines: &[String]) -> Vec<String> {
    let mut child = Command::new("opencc")
        .args(["-c", &format!("{config}.json")])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start opencc");
    let input = lines.join("\n") + "\n";
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

/// How both dictionary sets fared against the C++ library on some lines.
#[derive(Default)]
struct Comparison {
    /// Lines where the default engine differs.
    differing: usize,
    /// Of those, the ones no supplement key explains.
    unexplained: Vec<String>,
    /// Every line where the engine over OpenCC's dictionaries differs.
    not_identical: Vec<String>,
}

impl Comparison {
    fn add(&mut self, mut other: Comparison) {
        self.differing += other.differing;
        self.unexplained.append(&mut other.unexplained);
        self.not_identical.append(&mut other.not_identical);
    }

    /// Fails on any line the exact engine got wrong or the supplement does not explain.
    fn assert_ok(&self) {
        let show = |v: &[String]| v.iter().take(20).cloned().collect::<Vec<_>>().join("\n");
        assert!(
            self.not_identical.is_empty(),
            "{} line(s) differ from the C++ library with OpenCC's dictionaries, e.g.:\n{}",
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

/// Runs `lines` through the C++ library and both engines.
fn compare(config: &str, lines: &[String]) -> Comparison {
    let theirs = reference(config, lines);
    assert_eq!(
        theirs.len(),
        lines.len(),
        "{config}: opencc returned another number of lines"
    );
    let engine = Engine::get(config).unwrap();
    let exact = Engine::get_with(config, Dictionaries::OpenCC).unwrap();
    let keys = supplement();
    let mut c = Comparison::default();
    for (line, theirs) in lines.iter().zip(&theirs) {
        let got = exact.convert(line);
        if &got != theirs {
            c.not_identical.push(format!(
                "{config}: {line}\n  zhpress, opencc dictionaries: {got}\n  opencc:                       {theirs}"
            ));
        }
        let ours = engine.convert(line);
        if &ours != theirs {
            c.differing += 1;
            let mid = Engine::get(if config.starts_with('s') {
                "s2t"
            } else {
                "t2s"
            })
            .unwrap()
            .convert(line);
            if !keys
                .iter()
                .any(|(_, k)| line.contains(k.as_str()) || mid.contains(k.as_str()))
            {
                c.unexplained.push(format!(
                    "{config}: {line}\n  zhpress: {ours}\n  opencc:  {theirs}"
                ));
            }
        }
    }
    c
}

#[test]
fn the_suite_agrees_with_the_cpp_library() {
    if opencc().is_none() {
        return;
    }
    let mut by_config: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for c in cases() {
        by_config.entry(c.config).or_default().push(c.input);
    }
    let mut all = Comparison::default();
    for (config, lines) in &by_config {
        let c = compare(config, lines);
        println!(
            "suite {config}: {} phrases; opencc dictionaries: {} differ from opencc 1.1.6; zhpress dictionaries: {} differ (all must come from the supplement)",
            lines.len(),
            c.not_identical.len(),
            c.differing
        );
        all.add(c);
    }
    all.assert_ok();
}

/// Over 1 MB: the report, and lines of OpenCC's own phrases run together in a
/// fixed shuffled order, so that phrases meet at every kind of boundary.
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
    let orgs = Path::new(REPO).join("content/orgs");
    for e in std::fs::read_dir(orgs).unwrap().flatten() {
        let t = std::fs::read_to_string(e.path()).unwrap();
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
    if opencc().is_none() {
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
                "corpus {config}: {} lines, {bytes} bytes; opencc dictionaries: {} lines differ from opencc 1.1.6; zhpress dictionaries: {} differ (all must come from the supplement)",
                lines.len(),
                c.not_identical.len(),
                c.differing
            );
            all.add(c);
        }
    }
    all.assert_ok();
}
