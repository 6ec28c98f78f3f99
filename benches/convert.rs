//! Conversion throughput: zhpress's engine in process, over zhpress's
//! dictionaries (the default) and over OpenCC's alone (exact), against the C++
//! OpenCC library (the `opencc` 1.1.6 command) on the same ~20 MB input, in
//! one run; and the exact engine's output compared with the C++ library's,
//! byte for byte, on the whole input.
//!
//!     cargo bench --bench convert
//!
//! The input is OpenCC's own phrases run together in a fixed shuffled order,
//! plus the report, repeated to 20 MB; the Simplified input is the
//! Traditional one converted by t2s. Each engine converts the whole input in
//! one call, best of 3; the C++ time is the `opencc` process on a file
//! (`-i`, its fastest way; its start-up, about 30 ms, is included and
//! negligible at this size). The other OpenCC configurations are only compared.
//!
//! The C++ output compared is `opencc` reading standard input, which it
//! converts line by line: that is the library's conversion of the whole text,
//! since no dictionary key holds a line break. `opencc -i FILE` instead
//! converts the file in blocks of 1 MiB, each on its own, so a phrase across a
//! block edge is converted as two pieces (2 lines of the 21 MB in s2t); the
//! exact engine is also compared with that output, on the same blocks.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use zhpress::convert::engine::{Dictionaries, Engine};

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

/// The `opencc` command's output for the file `input`: with `-i`, the way it
/// is fastest, which converts the file in blocks of 1 MiB; without, reading
/// standard input, which converts it line by line. Best time of `runs`.
fn opencc(config: &str, input: &Path, blocks: bool, runs: usize) -> Option<(Vec<u8>, Duration)> {
    let out = input.with_extension(if blocks { "blocks.out" } else { "lines.out" });
    let mut best: Option<Duration> = None;
    for _ in 0..runs {
        let _ = std::fs::remove_file(&out);
        let mut cmd = Command::new("opencc");
        cmd.args(["-c", &format!("{config}.json"), "-o"]).arg(&out);
        if blocks {
            cmd.arg("-i").arg(input);
        } else {
            cmd.stdin(std::fs::File::open(input).ok()?);
        }
        let t = Instant::now();
        cmd.status().ok()?;
        let d = t.elapsed();
        best = Some(best.map_or(d, |b| b.min(d)));
    }
    // `opencc` exits 0 even when it fails; no output file tells.
    Some((std::fs::read(&out).ok()?, best?))
}

/// `text` cut as `opencc -i` cuts a file: each block the longest run of whole
/// UTF-8 characters within the next 1 MiB (tools/CommandLine.cpp, BUFFER_SIZE).
fn cli_blocks(text: &str) -> impl Iterator<Item = &str> {
    const BLOCK: usize = 1024 * 1024;
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut end = rest.len().min(BLOCK);
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        let (block, after) = rest.split_at(end);
        rest = after;
        Some(block)
    })
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
        "{:<7} {:>14} {:>12} {:>12}  exact output against opencc's, the whole input",
        "config", "zhpress MB/s", "exact MB/s", "opencc MB/s"
    );
    let mut block_checks = Vec::new();
    for (config, text) in [
        ("t2s", &traditional),
        ("s2t", &simplified),
        ("s2twp", &simplified),
        ("t2twp", &traditional),
    ] {
        let ours = Engine::get(config).unwrap();
        let exact = Engine::get_with(config, Dictionaries::OpenCC).unwrap();
        let ours_mbps = mbps(text.len(), best_of_3(|| ours.convert(text).len()));
        let exact_mbps = mbps(text.len(), best_of_3(|| exact.convert(text).len()));
        if config == "t2twp" {
            // zhpress's own configuration: the C++ library has none.
            println!(
                "{:<7} {:>14.1} {:>12.1} {:>12}  n/a",
                config, ours_mbps, exact_mbps, "n/a"
            );
            continue;
        }
        let file = dir.path().join(format!("{config}.in"));
        std::fs::write(&file, text).unwrap();
        let converted = exact.convert(text);
        let (theirs_mbps, same) = match opencc(config, &file, true, 3) {
            Some((blocks, d)) => {
                let ours_in_blocks: String = cli_blocks(text).map(|b| exact.convert(b)).collect();
                block_checks.push((config, identity(&ours_in_blocks, &blocks)));
                let same = match opencc(config, &file, false, 1) {
                    Some((lines, _)) => identity(&converted, &lines),
                    None => "opencc failed".to_string(),
                };
                (format!("{:.1}", mbps(text.len(), d)), same)
            }
            None => (
                "n/a".to_string(),
                "opencc did not run (is it installed?)".to_string(),
            ),
        };
        println!(
            "{:<7} {:>14.1} {:>12.1} {:>12}  {}",
            config, ours_mbps, exact_mbps, theirs_mbps, same
        );
    }
    println!("the other configurations, exact output against opencc's, the whole input:");
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
        let same = match opencc(config, &file, false, 1) {
            Some((out, _)) => identity(&exact.convert(text), &out),
            None => "opencc did not run (is it installed?)".to_string(),
        };
        println!("{:<7} {}", config, same);
    }
    println!(
        "`opencc -i FILE` (timed above) converts each 1 MiB block on its own, so a phrase across two blocks is split; the exact engine on the same blocks:"
    );
    for (config, same) in block_checks {
        println!("{:<7} {}", config, same);
    }
}
