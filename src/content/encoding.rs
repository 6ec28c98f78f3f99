//! Files are UTF-8; this says plainly when one is not, and what it is.
//!
//! Chinese editors' tools still save GBK (Simplified, "ANSI" on a Chinese
//! Windows) or Big5 (Traditional), and Notepad saves "Unicode" as UTF-16. A
//! build reads UTF-8 only, so such a file is an error; the error names the
//! encoding the file is probably in (Mozilla's detector, `chardetng`, the
//! one Firefox uses for pages that do not say), quotes the line decoded in
//! it, and says how to convert it.

use std::path::Path;
use std::sync::Arc;

use encoding_rs::Encoding;

use crate::diagnostic::{line_column, Diagnostic};

/// Reads a file's bytes as UTF-8 text, accepting and dropping a UTF-8 BOM.
/// UTF-16, another encoding, and NUL characters are errors at the place
/// they start.
pub fn decode(file: &Path, bytes: Vec<u8>) -> Result<Arc<str>, Diagnostic> {
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    // A second UTF-8 BOM is left to the text's own checks.
    if let Some((enc, bom)) = Encoding::for_bom(&bytes).filter(|(e, _)| *e != encoding_rs::UTF_8) {
        return Err(utf16(file, &bytes[bom..], enc));
    }
    match String::from_utf8(bytes) {
        Ok(s) => match s.find('\0') {
            Some(at) => Err(nul(file, Arc::from(s), at)),
            None => Ok(Arc::from(s)),
        },
        Err(e) => {
            let bad = e.utf8_error().valid_up_to();
            Err(not_utf8(file, e.as_bytes(), bad))
        }
    }
}

/// A UTF-16 (or UTF-32) file: decoded to show its first line.
fn utf16(file: &Path, bytes: &[u8], enc: &'static Encoding) -> Diagnostic {
    let (text, _) = enc.decode_without_bom_handling(bytes);
    let text: Arc<str> = Arc::from(text.replace('\0', " "));
    let end = text.chars().next().map_or(0, char::len_utf8);
    Diagnostic::at(
        file,
        &text,
        0..end,
        crate::t!("encoding-utf16", encoding = enc.name()),
    )
    .with_hint(crate::t!(
        "encoding-utf16-hint",
        encoding = enc.name(),
        file = file
    ))
}

fn nul(file: &Path, text: Arc<str>, at: usize) -> Diagnostic {
    // Text in UTF-16 without a BOM has a NUL beside every ASCII character.
    let nuls = text.bytes().filter(|&b| b == 0).count();
    let hint = if nuls * 4 >= text.len() {
        crate::t!("encoding-nul-utf16-hint")
    } else {
        crate::t!("encoding-nul-hint")
    };
    Diagnostic::at(file, &text, at..at + 1, crate::t!("encoding-nul")).with_hint(hint)
}

/// The encodings worth naming: a file in one of them decodes without a
/// single error, where a guess among Western encodings always would.
const NAMED: &[&str] = &["GBK", "gb18030", "Big5", "Shift_JIS", "EUC-JP", "EUC-KR"];

/// What a named encoding is, in the editor's words.
fn described(name: &str) -> String {
    match name {
        "GBK" => crate::t!("encoding-gbk"),
        "gb18030" => crate::t!("encoding-gb18030"),
        "Big5" => crate::t!("encoding-big5"),
        "Shift_JIS" => crate::t!("encoding-shift-jis"),
        "EUC-JP" => crate::t!("encoding-euc-jp"),
        _ => crate::t!("encoding-euc-kr"),
    }
}

/// A file that is not UTF-8 from byte `bad` on: its probable encoding named,
/// and the line quoted as decoded in it.
fn not_utf8(file: &Path, bytes: &[u8], bad: usize) -> Diagnostic {
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let guess = detector.guess(None, false);
    let named = NAMED.iter().find(|n| **n == guess.name());
    let decoded =
        named.and_then(|_| guess.decode_without_bom_handling_and_without_replacement(bytes));
    // Lines end with the same byte in UTF-8 and in these encodings.
    let line_start = bytes[..bad]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line = bytes[..bad].iter().filter(|&&b| b == b'\n').count() + 1;
    match (named, decoded) {
        (Some(name), Some(text)) => {
            let text: Arc<str> = Arc::from(text.into_owned());
            let (before, _) = guess.decode_without_bom_handling(&bytes[..bad]);
            let at = before.len().min(text.len());
            let (_, column) = line_column(&text, at);
            let end = text[at..].chars().next().map_or(at, |c| at + c.len_utf8());
            let mut d = Diagnostic::at(
                file,
                &text,
                at..end,
                crate::t!("encoding-not-utf8-named", encoding = described(name)),
            )
            .with_hint(crate::t!(
                "encoding-not-utf8-named-hint",
                name = *name,
                file = file
            ));
            d.line = line;
            d.column = column;
            d
        }
        _ => {
            let lossy: Arc<str> = Arc::from(String::from_utf8_lossy(bytes).into_owned());
            let before = String::from_utf8_lossy(&bytes[..bad]).len();
            let column = String::from_utf8_lossy(&bytes[line_start..bad])
                .chars()
                .count()
                + 1;
            let mut d = Diagnostic::at(
                file,
                &lossy,
                before..before + 1,
                crate::t!("encoding-not-utf8"),
            )
            .with_hint(crate::t!("encoding-not-utf8-hint"));
            d.line = line;
            d.column = column;
            d
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(enc: &'static Encoding, s: &str) -> Vec<u8> {
        enc.encode(s).0.into_owned()
    }

    #[test]
    fn names_gbk_and_big5_and_quotes_the_line() {
        let text = "+++\nname = \"重庆市社会科学界联合会\"\n+++\n疫情发生后，社区干部积极参与防控工作，向武汉捐款捐物。\n";
        let d = decode(Path::new("a.md"), encode(encoding_rs::GBK, text)).unwrap_err();
        assert!(d.message.contains("GBK"), "{}", d.message);
        assert_eq!((d.line, d.column), (2, 9));
        assert!(
            d.render(false).contains("重庆市社会科学界联合会"),
            "{}",
            d.render(false)
        );
        let text = "+++\nname = \"重慶市社會科學界聯合會\"\n+++\n疫情發生後，社區幹部積極參與防控工作，向武漢捐款捐物。\n";
        let d = decode(Path::new("a.md"), encode(encoding_rs::BIG5, text)).unwrap_err();
        assert!(d.message.contains("Big5"), "{}", d.message);
        assert_eq!((d.line, d.column), (2, 9));
    }

    #[test]
    fn utf16_nul_and_broken_utf8() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("+++\n".encode_utf16().flat_map(|u| u.to_le_bytes()));
        let d = decode(Path::new("a.md"), le).unwrap_err();
        assert!(d.message.contains("UTF-16LE"), "{}", d.message);
        let d = decode(Path::new("a.md"), b"+++\nname = \"a\0\"\n".to_vec()).unwrap_err();
        assert!(d.message.contains("NUL"));
        assert_eq!((d.line, d.column), (2, 10));
        let d = decode(Path::new("a.md"), b"+++\nname = \"\xe4\xb8\"\n".to_vec()).unwrap_err();
        assert!(d.message.contains("not valid UTF-8"), "{}", d.message);
        assert_eq!((d.line, d.column), (2, 9));
        assert_eq!(
            &*decode(Path::new("a.md"), b"\xEF\xBB\xBFok".to_vec()).unwrap(),
            "ok"
        );
    }
}
