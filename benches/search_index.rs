//! The search index's build cost: `render::search::search_files` for each
//! variant of a generated site (default 10,000 organizations), on one
//! thread, timed apart from the rest of the build.
//!
//!     cargo bench --bench search_index [-- ORGS...]
//!
//! Prints, per size and variant, the median of 7 runs in milliseconds (CPU
//! time of this thread: the function runs on one), the files and bytes it
//! makes, and the largest file.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use zhpress::content::{self, LoadOptions};
use zhpress::render::search;

// The allocator of the zhpress binary, which the function runs in.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// This thread's CPU time.
fn cpu() -> Duration {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes the timespec it is given.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![10_000]
    } else {
        sizes
    };
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    println!(
        "{:>7} {:>8} {:>9} {:>7} {:>10} {:>10}",
        "orgs", "variant", "ms (cpu)", "files", "MB", "largest"
    );
    for orgs in sizes {
        let site = std::env::temp_dir().join(format!("zhpress-search-bench-{orgs}"));
        if !site.join("site.toml").exists() {
            let st = Command::new(repo.join("../shared/tools/gen-corpus"))
                .args(["--orgs", &orgs.to_string(), "--out"])
                .arg(&site)
                .arg("--force")
                .stdout(Stdio::null())
                .status()
                .expect("run gen-corpus");
            assert!(st.success());
        }
        let source = content::load(&site, &LoadOptions::default()).expect("load");
        let pubs = zhpress::convert::convert(&source).expect("convert");
        // The folding table is made once per process, not per build.
        let _ = search::fold("軒");
        for p in &pubs {
            let mut times = Vec::new();
            let mut files = Vec::new();
            for _ in 0..7 {
                let t = cpu();
                files = search::search_files(p);
                times.push(cpu() - t);
            }
            times.sort();
            let bytes: usize = files.iter().map(|f| f.bytes.len()).sum();
            let largest = files.iter().map(|f| f.bytes.len()).max().unwrap_or(0);
            println!(
                "{orgs:>7} {:>8} {:>9.1} {:>7} {:>10.1} {:>10}",
                p.variant.path,
                times[3].as_secs_f64() * 1000.0,
                files.len(),
                bytes as f64 / 1e6,
                largest
            );
        }
    }
}
