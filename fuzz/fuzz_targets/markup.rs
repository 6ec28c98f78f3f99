//! The `-{…}-` rule parser, per-variant picking, hidden rules and conversion
//! with rules, on arbitrary text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| zhpress::fuzzing::markup(data));
