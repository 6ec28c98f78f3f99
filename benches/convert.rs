//! Conversion throughput: zhpress's engine in process, over zhpress's
//! dictionaries (the default) and over OpenCC's alone (exact), against the C++
//! OpenCC library (PyPI's `opencc` 1.4.2, through
//! tests/conformance/opencc_ref.py) on the same ~21 MB input, in one run; and
//! the exact engine's output compared with the library's, byte for byte, on
//! the whole input, for every OpenCC configuration.
//!
//!     cargo bench --bench convert
//!
//! The input is OpenCC's own phrases run together in a fixed shuffled order,
//! plus the report, repeated to 20 MB; the Simplified input is the
//! Traditional one converted by t2s. Each engine converts the whole input in
//! one call, best of 3; the C++ time is the library's one call on the whole
//! text (best of 3, timed inside Python after the dictionaries are loaded, so
//! neither start-up nor file reading is counted). The other configurations
//! are converted once by each and compared.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use zhpress::opencc::{Dictionaries, Engine};

const TARGET: usize = 20 * 1024 * 1024;

fn input() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dict = std::fs::read_to_string(root.join("dict/opencc/STPhrases.txt")).unwrap();
    let mut phrases: Vec<&str> = dict
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(_, v)| v.split(' ').next().unwrap_or(v))
        .collect();
    let mut seed: u64 = 7;
    for i in (1..phrases.len()).rev() {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        phrases.swap(i, (seed >> 33) as usize % (i + 1));
    }
    let mut unit: String = phrases
        .chunks(9)
        .map(|c| c.join("") + "，" + "\n")
        .collect();
    for e in std::fs::read_dir(root.join("content/orgs"))
        .unwrap()
        .flatten()
    {
        unit.push_str(&std::fs::read_to_string(e.path()).unwrap());
    }
    let mut out = String::with_capacity(TARGET + unit.len());
    while out.len() < TARGET {
        out.push_str(&unit);
    }
    out
}

fn best_of_3(f: impl Fn() -> usize) -> Duration {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .min()
        .unwrap()
}

fn mbps(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64()
}

/// The library's output for the file `input` in one call, and its best time
/// of `runs`; `None` when PyPI's `opencc` 1.4.2 is not installed.
fn reference(config: &str, input: &Path, runs: usize) -> Option<(Vec<u8>, Duration)> {
    let out = input.with_extension("opencc.out");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance/opencc_ref.py");
    let o = Command::new("python3")
        .arg(script)
        .args(["--file", config])
        .arg(input)
        .arg(&out)
        .arg(runs.to_string())
        .output()
        .ok()?;
    if !o.status.success() {
        return None;
    }
    let secs: f64 = String::from_utf8_lossy(&o.stdout).trim().parse().ok()?;
    Some((std::fs::read(&out).ok()?, Duration::from_secs_f64(secs)))
}

/// "byte-identical", or how many lines differ and the first few of them.
fn identity(ours: &str, theirs: &[u8]) -> String {
    if ours.as_bytes() == theirs {
        return "byte-identical".to_string();
    }
    let theirs = String::from_utf8_lossy(theirs);
    let (a, b): (Vec<&str>, Vec<&str>) = (ours.split('\n').collect(), theirs.split('\n').collect());
    let differing: Vec<usize> = (0..a.len().max(b.len()))
        .filter(|&i| a.get(i) != b.get(i))
        .collect();
    let mut report = format!(
        "{} of {} lines differ ({} bytes against {})",
        differing.len(),
        a.len().max(b.len()),
        ours.len(),
        theirs.len()
    );
    for &i in differing.iter().take(3) {
        report.push_str(&format!(
            "\n    line {}:\n      zhpress: {}\n      opencc:  {}",
            i + 1,
            a.get(i).unwrap_or(&"(none)"),
            b.get(i).unwrap_or(&"(none)")
        ));
    }
    report
}

fn main() {
    let traditional = input();
    let simplified = Engine::get("t2s").unwrap().convert(&traditional);
    let dir = tempfile::tempdir().unwrap();
    println!(
        "input: {:.1} MB Traditional, {:.1} MB Simplified",
        traditional.len() as f64 / 1e6,
        simplified.len() as f64 / 1e6
    );
    println!(
        "{:<12} {:>13} {:>11} {:>13}  exact output against the library's, the whole input",
        "config", "zhpress MB/s", "exact MB/s", "opencc MB/s"
    );
    for (config, text) in [
        ("t2s", &traditional),
        ("s2t", &simplified),
        ("s2twp", &simplified),
        ("s2twp-prose", &simplified),
        ("t2twp-prose", &traditional),
    ] {
        let ours = Engine::get(config).unwrap();
        let ours_mbps = mbps(text.len(), best_of_3(|| ours.convert(text).len()));
        let Ok(exact) = Engine::get_with(config, Dictionaries::OpenCC) else {
            // zhpress's own configurations: neither OpenCC's set nor the library has them.
            println!(
                "{:<12} {:>13.1} {:>11} {:>13}  n/a",
                config, ours_mbps, "n/a", "n/a"
            );
            continue;
        };
        let exact_mbps = mbps(text.len(), best_of_3(|| exact.convert(text).len()));
        let file = dir.path().join(format!("{config}.in"));
        std::fs::write(&file, text).unwrap();
        let (theirs_mbps, same) = match reference(config, &file, 3) {
            Some((out, d)) => (
                format!("{:.1}", mbps(text.len(), d)),
                identity(&exact.convert(text), &out),
            ),
            None => (
                "n/a".to_string(),
                "PyPI's opencc 1.4.2 did not run (pip install opencc==1.4.2)".to_string(),
            ),
        };
        println!(
            "{:<12} {:>13.1} {:>11.1} {:>13}  {}",
            config, ours_mbps, exact_mbps, theirs_mbps, same
        );
    }
    println!("the other configurations, exact output against the library's, the whole input:");
    for (config, text) in [
        ("s2tw", &simplified),
        ("s2hk", &simplified),
        ("tw2s", &traditional),
        ("tw2sp", &traditional),
        ("hk2s", &traditional),
        ("t2tw", &traditional),
        ("tw2t", &traditional),
        ("t2hk", &traditional),
        ("hk2t", &traditional),
    ] {
        let file = dir.path().join(format!("{config}.in"));
        std::fs::write(&file, text).unwrap();
        let exact = Engine::get_with(config, Dictionaries::OpenCC).unwrap();
        let t = Instant::now();
        let converted = exact.convert(text);
        let ours = mbps(text.len(), t.elapsed());
        let same = match reference(config, &file, 1) {
            Some((out, d)) => format!(
                "{} (exact {:.1} MB/s, library {:.1} MB/s, one run)",
                identity(&converted, &out),
                ours,
                mbps(text.len(), d)
            ),
            None => "PyPI's opencc 1.4.2 did not run (pip install opencc==1.4.2)".to_string(),
        };
        println!("{:<12} {}", config, same);
    }
}
