//! Digests of values, for telling what changed between two builds held in
//! memory (never written anywhere, so any good 64-bit hash will do).

use std::hash::{DefaultHasher, Hash, Hasher};

/// The digest of one value.
pub fn of<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// The digest of a value's JSON form: for the parts of a page that are
/// plain data without a digest of their own.
pub fn of_json<T: serde::Serialize + ?Sized>(value: &T) -> u64 {
    let mut w = Writer(DefaultHasher::new());
    // Writing into a hasher cannot fail, and the types serialized are plain data.
    let _ = serde_json::to_writer(&mut w, value);
    w.0.finish()
}

struct Writer(DefaultHasher);

impl std::io::Write for Writer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.write(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
