//! Slugs: the URL segment of an entry, the same in every variant (SPEC §1).

/// Why `s` is not a slug, if it is not one: lowercase ASCII letters, digits and
/// single `-` between them.
pub fn check(s: &str) -> Result<(), String> {
    if s.is_empty() {
        return Err(crate::t!("slug-empty"));
    }
    if !s
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
    {
        return Err(if s.bytes().any(|b| b.is_ascii_uppercase()) {
            crate::t!("slug-uppercase")
        } else {
            crate::t!("slug-characters")
        });
    }
    if s.starts_with('-') || s.ends_with('-') || s.contains("--") {
        return Err(crate::t!("slug-dashes"));
    }
    Ok(())
}

/// The nearest valid slug, for hints: `Yimin Xuehui` → `yimin-xuehui`.
pub fn suggest(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "organization-name-in-pinyin".to_string()
    } else {
        out
    }
}

/// A path segment as a link writes it: percent-encoded where it is not
/// ASCII (a category's folder is its name: `categories/學會/`).
pub fn url_segment(s: &str) -> String {
    use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
    const KEEP: &AsciiSet = &NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    utf8_percent_encode(s, KEEP).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_and_rejects() {
        assert!(check("yimin-xuehui").is_ok());
        assert!(check("a1").is_ok());
        assert!(check("Yimin").is_err());
        assert!(check("移民學會").is_err());
        assert!(check("a_b").is_err());
        assert!(check("-a").is_err());
        assert!(check("a--b").is_err());
        assert!(check("").is_err());
    }

    #[test]
    fn suggests() {
        assert_eq!(suggest("Yimin Xuehui"), "yimin-xuehui");
        assert_eq!(suggest("移民"), "organization-name-in-pinyin");
        assert_eq!(suggest("zh_Hant"), "zh-hant");
    }
}
