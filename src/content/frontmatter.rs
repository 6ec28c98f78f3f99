//! Splitting a Markdown file into its `+++` TOML front matter and its body.

use std::ops::Range;

/// Where the front matter's TOML and the body lie in the file, as byte ranges.
#[derive(Debug, PartialEq, Eq)]
pub struct Split {
    pub toml: Range<usize>,
    pub body: Range<usize>,
}

/// Why a file could not be split, with the byte span to point at and a hint.
#[derive(Debug, PartialEq, Eq)]
pub struct SplitError {
    pub span: Range<usize>,
    pub message: String,
    pub hint: String,
}

/// Finds the `+++` lines. Line ends may be `\n` or `\r\n`; the text has no BOM.
pub fn split(text: &str) -> Result<Split, SplitError> {
    if text.trim().is_empty() {
        return Err(SplitError {
            span: 0..0,
            message: crate::t!("entry-file-empty"),
            hint: crate::t!("entry-file-empty-hint"),
        });
    }
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let first = text[..first_end].trim_end();
    if first == "---" {
        return Err(SplitError {
            span: 0..3,
            message: crate::t!("front-matter-yaml"),
            hint: crate::t!("front-matter-yaml-hint"),
        });
    }
    if first != "+++" {
        return Err(SplitError {
            span: 0..first.len(),
            message: crate::t!("front-matter-not-first"),
            hint: crate::t!("front-matter-not-first-hint"),
        });
    }
    let mut pos = first_end;
    while pos < text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i + 1);
        if text[pos..end].trim_end() == "+++" {
            return Ok(Split {
                toml: first_end..pos,
                body: end..text.len(),
            });
        }
        pos = end;
    }
    Err(SplitError {
        span: 0..3,
        message: crate::t!("front-matter-not-closed"),
        hint: crate::t!("front-matter-not-closed-hint"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_lf_and_crlf() {
        let t = "+++\nname = \"a\"\n+++\nbody\n";
        let s = split(t).unwrap();
        assert_eq!(&t[s.toml.clone()], "name = \"a\"\n");
        assert_eq!(&t[s.body], "body\n");
        let t = "+++\r\nname = \"a\"\r\n+++\r\nbody";
        let s = split(t).unwrap();
        assert_eq!(&t[s.toml], "name = \"a\"\r\n");
        assert_eq!(&t[s.body], "body");
    }

    #[test]
    fn errors() {
        assert_eq!(split("").unwrap_err().message, "the file is empty");
        assert!(split("---\nname: a\n---\n")
            .unwrap_err()
            .message
            .contains("YAML"));
        assert!(split("name = 1\n").unwrap_err().message.contains("+++"));
        assert!(split("+++\nname = 1\n")
            .unwrap_err()
            .message
            .contains("never closed"));
        // `+++` inside a value's line is not a delimiter
        assert!(split("+++\nname = \"+++\"\n").is_err());
    }
}
