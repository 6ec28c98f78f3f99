//! Replays the inputs the fuzzers found interesting (fuzz/regressions/<target>/),
//! so that anything that once crashed stays fixed in the normal suite.

use std::path::Path;

fn replay(target: &str, run: fn(&[u8])) -> usize {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/regressions")
        .join(target);
    let mut n = 0;
    for e in std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
    {
        run(&std::fs::read(e.path()).unwrap());
        n += 1;
    }
    n
}

#[test]
fn entry_inputs() {
    assert!(replay("entry", zhpress::fuzzing::entry) > 0);
}

#[test]
fn markup_inputs() {
    assert!(replay("markup", zhpress::fuzzing::markup) > 0);
}

#[test]
fn markdown_inputs() {
    assert!(replay("markdown", zhpress::fuzzing::markdown) > 0);
}
