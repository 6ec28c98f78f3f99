//! The Markdown conversion filter (event adapter, raw HTML text conversion,
//! sanitizing) in two directions, on arbitrary text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| zhpress::fuzzing::markdown(data));
