//! The system's OpenCC library (cargo feature `opencc-rust`): a variant with
//! its own OpenCC configuration, built end to end, and the system library
//! checked against the built-in engine over the same dictionaries.
//!
//! Debian's libopencc is 1.1.6, whose configurations know neither 1.4's
//! normalization pass nor `union` groups, and whose own dictionaries are
//! 1.1.6's. So the comparison gives the system library zhpress's
//! dict/opencc (OpenCC 1.4.2's data, as text dictionaries) in 1.1.6-style
//! configurations: each 1.4 `union` group merged into one text dictionary
//! (earlier members winning on equal keys, which is what `union` does), the
//! `short_circuit` groups as 1.1.6's groups. The texts compared hold no CJK
//! compatibility ideograph and no ideographic description sequence, the two
//! things 1.1.6 does not do; on them the two must agree byte for byte.
//! Without the feature, the same site.toml is an error that says how to build.

mod common;

use common::*;

const SITE_CONFIG: &str = r#"{
  "name": "the site's own: Traditional to Simplified with one fixed term",
  "segmentation": { "type": "mmseg", "dict": { "type": "ocd2", "file": "TSPhrases.ocd2" } },
  "conversion_chain": [{ "dict": { "type": "group", "dicts": [
    { "type": "text", "file": "my_terms.txt" },
    { "type": "ocd2", "file": "TSPhrases.ocd2" },
    { "type": "ocd2", "file": "TSCharacters.ocd2" }
  ] } }]
}"#;

fn site() -> Site {
    let toml = site_toml("zh-Hant", "https://example.org/report").replacen(
        "code = \"zh-Hans\"\npath = \"zh-hans\"\nlabel = \"简体\"\n",
        "code = \"zh-Hans\"\npath = \"zh-hans\"\nlabel = \"简体\"\nconvert = { opencc_config = \"my_t2s.json\" }\n",
        1,
    );
    let site = Site::new(&toml);
    site.write("my_t2s.json", SITE_CONFIG);
    site.write("my_terms.txt", "軒轅\t轩辕氏\n");
    site.org(
        "a",
        &entry(
            "軒轅文化研究會",
            "research",
            "",
            "疫情發生後，軒轅文化研究會發出倡議。",
        ),
    );
    site
}

#[cfg(feature = "opencc-rust")]
#[test]
fn a_variant_converted_by_the_systems_opencc() {
    let site = site();
    assert_ok(&site.build(&[]));
    let page = site.read("zh-hans/orgs/a/index.html");
    assert!(
        page.contains("疫情发生后，轩辕氏文化研究会发出倡议。"),
        "{page}"
    );
    assert!(page.contains("<title>轩辕氏文化研究会"), "{page}");
    // A missing file is an error at its line.
    site.write(
        "site.toml",
        std::fs::read_to_string(site.root().join("site.toml"))
            .unwrap()
            .replace("my_t2s.json", "missing.json"),
    );
    let o = site.build(&[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("there is no OpenCC configuration"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("site.toml:15:29"), "{}", stderr(&o));
}

#[cfg(not(feature = "opencc-rust"))]
#[test]
fn without_the_feature_an_own_configuration_says_how_to_build() {
    let site = site();
    let o = site.build(&[]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    for expected in [
        "site.toml:15:29",
        "built without it",
        "cargo build --release --features opencc-rust",
        "libopencc-dev",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in\n{err}");
    }
    assert!(!site.out().exists());
}

/// 1.1.6-style configurations over dict/opencc (see the module doc).
#[cfg(feature = "opencc-rust")]
fn configurations(dir: &std::path::Path) -> Vec<(&'static str, std::path::PathBuf)> {
    use std::collections::BTreeMap;
    let data = std::path::Path::new(REPO).join("dict/opencc");
    // STPhrases ∪ STPhrases_GeneratedFromRegionalPhrases, STPhrases first.
    let mut union: BTreeMap<String, String> = BTreeMap::new();
    for f in ["STPhrases", "STPhrases_GeneratedFromRegionalPhrases"] {
        for l in std::fs::read_to_string(data.join(format!("{f}.txt")))
            .unwrap()
            .lines()
        {
            if let Some((k, v)) = l.split_once('\t') {
                union.entry(k.to_string()).or_insert(v.to_string());
            }
        }
    }
    let merged: String = union.iter().map(|(k, v)| format!("{k}\t{v}\n")).collect();
    std::fs::write(dir.join("STUnion.txt"), merged).unwrap();
    let text = |name: &str| {
        let p = if name == "STUnion" {
            dir.join("STUnion.txt")
        } else {
            data.join(format!("{name}.txt"))
        };
        format!(
            "{{ \"type\": \"text\", \"file\": {:?} }}",
            p.display().to_string()
        )
    };
    let group = |names: &[&str]| {
        let members: Vec<String> = names.iter().map(|n| text(n)).collect();
        format!(
            "{{ \"dict\": {{ \"type\": \"group\", \"dicts\": [{}] }} }}",
            members.join(", ")
        )
    };
    let st = group(&["STUnion", "STCharacters"]);
    let ts = group(&["TSPhrases", "TSCharactersExt", "TSCharacters"]);
    // 1.1.6 requires a segmentation; for a one-step chain, segmenting by the
    // step's own phrase dictionary first gives the same output (its other
    // members hold single characters only).
    let configs = [
        ("s2t", text("STUnion"), vec![st.clone()]),
        ("t2s", text("TSPhrases"), vec![ts.clone()]),
        (
            "t2tw",
            text("TWVariantsPhrases"),
            vec![group(&["TWVariantsPhrases", "TWVariants"])],
        ),
        (
            "tw2t",
            text("TWVariantsRevPhrases"),
            vec![group(&["TWVariantsRevPhrases", "TWVariantsRev"])],
        ),
        (
            "t2hk",
            text("HKVariantsPhrases"),
            vec![group(&["HKVariantsPhrases", "HKVariants"])],
        ),
        (
            "hk2t",
            text("HKVariantsRevPhrases"),
            vec![group(&["HKVariantsRevPhrases", "HKVariantsRev"])],
        ),
        (
            "s2twp",
            text("STUnion"),
            vec![
                st.clone(),
                group(&["TWPhrases", "TWVariantsPhrases", "TWVariants"]),
            ],
        ),
        (
            "tw2s",
            text("TSPhrases"),
            vec![
                group(&["TWVariantsRevPhrases", "TWVariantsRev"]),
                ts.clone(),
            ],
        ),
    ];
    configs
        .into_iter()
        .map(|(name, seg, chain)| {
            let seg = format!("\"segmentation\": {{ \"type\": \"mmseg\", \"dict\": {seg} }},");
            let json = format!(
                "{{ \"name\": \"{name}\", {seg} \"conversion_chain\": [{}] }}",
                chain.join(", ")
            );
            let path = dir.join(format!("{name}.json"));
            std::fs::write(&path, json).unwrap();
            (name, path)
        })
        .collect()
}

#[cfg(feature = "opencc-rust")]
#[test]
fn the_system_library_agrees_with_the_built_in_engine() {
    use zhpress::opencc::system::System;
    use zhpress::opencc::{Dictionaries, Engine};
    let dir = tempfile::tempdir().unwrap();
    let stphrases =
        std::fs::read_to_string(std::path::Path::new(REPO).join("dict/opencc/STPhrases.txt"))
            .unwrap();
    let simplified: Vec<&str> = stphrases
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(k, _)| k)
        .collect();
    let traditional: Vec<&str> = stphrases
        .lines()
        .filter_map(|l| l.split_once('\t'))
        .map(|(_, v)| v.split(' ').next().unwrap_or(v))
        .collect();
    let mut report = Vec::new();
    for (name, config) in configurations(dir.path()) {
        let words = if name.starts_with('s') {
            &simplified
        } else {
            &traditional
        };
        // Lines of 7 words, so phrases meet at every kind of boundary.
        let lines: Vec<String> = words.chunks(7).map(|c| c.join("")).collect();
        let system = System::load(&config.display().to_string()).unwrap();
        let ours = Engine::get_with(name, Dictionaries::OpenCC).unwrap();
        let differing: Vec<String> = lines
            .iter()
            .filter(|l| system.convert(l) != ours.convert(l))
            .take(5)
            .map(|l| {
                format!(
                    "{name}: {l}\n  system: {}\n  zhpress: {}",
                    system.convert(l),
                    ours.convert(l)
                )
            })
            .collect();
        assert!(differing.is_empty(), "{}", differing.join("\n"));
        report.push(format!("{name}: {} lines", lines.len()));
    }
    println!(
        "the system's OpenCC over dict/opencc agrees with zhpress: {}",
        report.join(", ")
    );
}
