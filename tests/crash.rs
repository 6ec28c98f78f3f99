//! Crash safety: a build killed with SIGKILL at any moment leaves output/
//! either the old site or the new one, never a mix, and the next build cleans
//! up what the killed one left behind.

mod common;

use std::process::Command;
use std::time::Instant;

use common::*;

fn site_with(n: usize) -> Site {
    let site = Site::traditional();
    for i in 0..n {
        let body =
            format!("第{i}個機構的記述。疫情發生後，社區幹部並且用於購買防疫物資。\n\n").repeat(20);
        site.org(
            &format!("org-{i:04}"),
            &entry(
                &format!("第{i}研究會"),
                if i % 2 == 0 { "donation" } else { "research" },
                "amount_yuan = 10",
                &body,
            ),
        );
    }
    site
}

fn set_title(site: &Site, title: &str) {
    let toml = site_toml("zh-Hant", "https://example.org/r").replace("抗疫紀實", title);
    site.write("site.toml", toml);
}

#[test]
fn sigkill_at_random_moments_never_mixes_two_sites() {
    let site = site_with(120);
    // The two sites the output may hold: A (title 甲版) and B (title 乙版).
    let reference = tempfile::tempdir().unwrap();
    let mut expected = Vec::new();
    for (name, title) in [("a", "甲版"), ("b", "乙版")] {
        set_title(&site, title);
        let out = reference.path().join(name);
        assert_ok(&site.build(&["--output", out.to_str().unwrap()]));
        expected.push(snapshot(&out));
    }
    assert_ne!(expected[0], expected[1]);
    // Calibrate on the slowest of three builds of the same site.
    let mut full = std::time::Duration::ZERO;
    for _ in 0..3 {
        set_title(&site, "甲版");
        let started = Instant::now();
        assert_ok(&site.build(&[]));
        full = full.max(started.elapsed());
    }

    let mut seed: u64 = 0x5eed;
    let mut seen = [0usize; 2];
    for round in 0..50 {
        set_title(&site, if round % 2 == 0 { "乙版" } else { "甲版" });
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let r = (seed >> 33) as f64 / (1u64 << 31) as f64;
        // Half the kills anywhere in the build, half near its end, where the swap is.
        let fraction = if round % 4 < 2 { r } else { 0.75 + r * 0.6 };
        let delay = full.mul_f64(fraction);
        let mut child = Command::new(env!("CARGO_BIN_EXE_zhpress"))
            .arg("--root")
            .arg(site.root())
            .arg("build")
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        let now = snapshot(&site.out());
        let which = expected.iter().position(|e| *e == now);
        assert!(which.is_some(), "round {round} (killed after {delay:?} of {full:?}): output/ is neither site ({} files)", now.len());
        seen[which.unwrap()] += 1;
    }
    assert!(
        seen[0] > 0 && seen[1] > 0,
        "the kills must land both before and after the swap: {seen:?}"
    );
    println!(
        "after 50 kills: old or new site each time ({} × 甲版, {} × 乙版)",
        seen[0], seen[1]
    );
    // The next build removes every staging folder a killed build left.
    assert_ok(&site.build(&[]));
    let leftovers = staging_leftovers(site.root());
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
