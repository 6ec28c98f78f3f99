//! Conversion throughput: zhpress's engine in process against the C++ OpenCC
//! library (the `opencc` 1.1.6 command) on the same ~20 MB input, in one run.
//!
//!     cargo bench --bench convert
//!
//! The input is OpenCC's own phrases run together in a fixed shuffled order,
//! plus the report, repeated to 20 MB; the Simplified input is the
//! Traditional one converted by t2s. Each engine converts the whole input in
//! one call, best of 3; the C++ time is the `opencc` process on a file
//! (its start-up, about 30 ms, is included and negligible at this size).

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use zhpress::convert::engine::Engine;

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
        "{:<7} {:>14} {:>14} {:>8}",
        "config", "zhpress MB/s", "opencc MB/s", "ratio"
    );
    for (config, text) in [
        ("t2s", &traditional),
        ("s2t", &simplified),
        ("s2twp", &simplified),
        ("t2twp", &traditional),
    ] {
        let engine = Engine::get(config).unwrap();
        let ours = mbps(text.len(), best_of_3(|| engine.convert(text).len()));
        let file = dir.path().join(format!("{config}.in"));
        std::fs::write(&file, text).unwrap();
        let theirs = if config == "t2twp" {
            None
        } else {
            let out = dir.path().join(format!("{config}.out"));
            let d = best_of_3(|| {
                let s = Command::new("opencc")
                    .args(["-c", &format!("{config}.json"), "-i"])
                    .arg(&file)
                    .arg("-o")
                    .arg(&out)
                    .status();
                s.map(|s| s.success() as usize).unwrap_or(0)
            });
            out.exists().then(|| mbps(text.len(), d))
        };
        match theirs {
            Some(t) => println!(
                "{:<7} {:>14.1} {:>14.1} {:>7.1}×",
                config,
                ours,
                t,
                ours / t
            ),
            None => println!("{:<7} {:>14.1} {:>14} {:>8}", config, ours, "n/a", ""),
        }
    }
}
