//! Front matter splitting, the strict entry schema, money, and the rendering
//! of every diagnostic they produce, on arbitrary bytes.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| zhpress::fuzzing::entry(data));
