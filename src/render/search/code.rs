//! Numbers as text for the index's scripts: a posting list is a JavaScript
//! string, because a script is what a page opened from `file://` may load.
//!
//! Each number is written low five bits first, one character per five bits
//! from a 64-character alphabet that needs no escaping in a string literal:
//! the first 32 characters end a number, the other 32 say more follow. Most
//! numbers of a posting list (gaps between documents and positions) are
//! below 1024 and take one or two characters; gzip packs them further.

/// `0`–`9`, `A`–`V` end a number; `W`–`Z`, `a`–`z`, `-`, `_` continue it.
pub const ALPHABET: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// Appends `v`.
#[inline]
pub fn push(out: &mut Vec<u8>, mut v: u64) {
    while v >= 32 {
        out.push(ALPHABET[32 + (v & 31) as usize]);
        v >>= 5;
    }
    out.push(ALPHABET[v as usize]);
}

/// Each byte's value in [`ALPHABET`], 64 for a byte not in it.
const DIGITS: [u8; 256] = {
    let mut t = [64u8; 256];
    let mut i = 0;
    while i < 64 {
        t[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    t
};

/// The number starting at `at`, and where the next one starts.
pub fn read(bytes: &[u8], mut at: usize) -> Option<(u64, usize)> {
    let mut v = 0u64;
    let mut shift = 0;
    loop {
        let d = DIGITS[*bytes.get(at)? as usize] as u64;
        if d == 64 {
            return None;
        }
        at += 1;
        if shift > 60 {
            return None;
        }
        if d < 32 {
            return Some((v | d << shift, at));
        }
        v |= (d - 32) << shift;
        shift += 5;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip() {
        let mut out = Vec::new();
        let values = [0, 1, 31, 32, 1023, 1024, 99_999, u32::MAX as u64];
        for v in values {
            push(&mut out, v);
        }
        assert_eq!(&out[..4], b"01VW");
        let mut at = 0;
        for v in values {
            let (got, next) = read(&out, at).unwrap();
            assert_eq!(got, v);
            at = next;
        }
        assert_eq!(at, out.len());
    }
}
