//! One error type for everything an editor can get wrong.
//!
//! A [`Diagnostic`] knows the file, the byte span in the whole file (so line and
//! column are counted from the top of the file, not from the start of the front
//! matter, see zola#1133), the field path (`activities[2].type`), what is wrong, and
//! what to write instead. `main` is the only place that prints them.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use serde::Serialize;

/// A problem in the user's files, with enough context to fix it without guessing.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnostic {
    /// The file, relative to the site root when it is inside it.
    pub file: PathBuf,
    /// 1-based line, counted in the whole file; 0 when the problem is the file as a whole.
    pub line: usize,
    /// 1-based column in characters; 0 when there is no line.
    pub column: usize,
    /// The field path inside the entry, e.g. `activities[2].type`.
    pub field: Option<String>,
    /// What is wrong, in an editor's words.
    pub message: String,
    /// What to write instead, when we can tell.
    pub hint: Option<String>,
    #[serde(skip)]
    source: Option<(Arc<str>, Range<usize>)>,
}

impl Diagnostic {
    /// A problem with a whole file (unreadable, empty, a symlink that leaves the site).
    pub fn file(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            file: file.into(),
            line: 0,
            column: 0,
            field: None,
            message: message.into(),
            hint: None,
            source: None,
        }
    }

    /// A problem at a byte span of a file whose text we hold.
    pub fn at(
        file: impl Into<PathBuf>,
        text: &Arc<str>,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let end = floor_char_boundary(text, span.end.clamp(start, text.len()));
        let (line, column) = line_column(text, start);
        Diagnostic {
            file: file.into(),
            line,
            column,
            field: None,
            message: message.into(),
            hint: None,
            source: Some((text.clone(), start..end)),
        }
    }

    pub fn with_field(mut self, field: impl Into<String>) -> Self {
        let field = field.into();
        if !field.is_empty() {
            self.field = Some(field);
        }
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn with_hint_opt(mut self, hint: Option<String>) -> Self {
        self.hint = hint;
        self
    }

    /// `file:line:column`, or just the file when the problem has no position.
    pub fn location(&self) -> String {
        if self.line == 0 {
            self.file.display().to_string()
        } else {
            format!("{}:{}:{}", self.file.display(), self.line, self.column)
        }
    }

    /// The cargo-style report: the message, the location, the quoted line with
    /// the span underlined and labelled with the field, and the hint.
    pub fn render(&self, color: bool) -> String {
        let renderer = if color {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let title = match &self.field {
            Some(f) => format!("{}: {}", f, self.message),
            None => self.message.clone(),
        };
        let path = self.file.display().to_string();
        let mut text = match &self.source {
            Some((src, span)) => {
                let label = self.field.clone().unwrap_or_default();
                let snippet = Snippet::source(&src[..])
                    .path(path.as_str())
                    .annotation(AnnotationKind::Primary.span(span.clone()).label(label));
                let error = crate::t!("label-error");
                let report = [Level::ERROR
                    .with_name(error.as_str())
                    .primary_title(&title)
                    .element(snippet)];
                renderer.render(&report).to_string()
            }
            None => format!("{}: {}\n --> {}", crate::t!("label-error"), title, path),
        };
        if let Some(h) = &self.hint {
            text.push_str(&format!("\n  = {}: ", crate::t!("label-help")));
            text.push_str(h);
        }
        text
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.location())?;
        if let Some(field) = &self.field {
            write!(f, "{}: ", field)?;
        }
        write!(f, "{}", self.message)?;
        if let Some(h) = &self.hint {
            write!(f, " ({}: {})", crate::t!("label-help"), h)?;
        }
        Ok(())
    }
}

/// 1-based line and character column of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The nearest of `candidates` to `word`, when it is near enough to be a likely typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(word, c), c))
        .filter(|(d, c)| *d <= (c.chars().count().max(word.chars().count()) / 3).max(2))
        .min_by_key(|(d, c)| (*d, *c))
        .map(|(_, c)| c)
}

/// A `did you mean` hint listing the nearest candidate, or all of them when none is near.
pub fn suggest(word: &str, candidates: &[&str]) -> String {
    match nearest(word, candidates.iter().copied()) {
        Some(c) => crate::t!("did-you-mean", candidate = c),
        None => crate::t!(
            "expected-one-of",
            candidates = candidates
                .iter()
                .map(|c| format!("`{}`", c))
                .collect::<Vec<_>>()
                .join(&crate::t!("list-separator"))
        ),
    }
}

/// Everything that can stop a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Problems in the site's own files: exit code 1.
    #[error("{} error(s) in the site's files", .0.len())]
    Content(Vec<Diagnostic>),
    /// A file we could not read or write for reasons outside the content.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The command was asked for something it refuses before touching
    /// anything (an `--output` that would replace the site, a flag's bad
    /// value, a port in use): exit code 2.
    #[error("{message}")]
    Usage {
        message: String,
        hint: Option<String>,
    },
}

impl Error {
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        Error::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    pub fn one(d: Diagnostic) -> Self {
        Error::Content(vec![d])
    }

    pub fn usage(message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error::Usage {
            message: message.into(),
            hint: Some(hint.into()),
        }
    }

    /// The diagnostics, for display in the terminal or the dev server's overlay.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            Error::Content(ds) => ds.clone(),
            Error::Io { path, source } => vec![Diagnostic::file(path, source.to_string())],
            Error::Usage { message, hint } => {
                vec![
                    Diagnostic::file(crate::t!("diagnostic-command-line"), message.clone())
                        .with_hint_opt(hint.clone()),
                ]
            }
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_column_counts_characters_not_bytes() {
        let t = "第一行\n名稱 = x\n";
        assert_eq!(line_column(t, 0), (1, 1));
        let off = t.find('=').unwrap();
        assert_eq!(line_column(t, off), (2, 4));
    }

    #[test]
    fn nearest_finds_typos_only() {
        let keys = ["name", "category", "summary", "activities"];
        assert_eq!(nearest("catgory", keys), Some("category"));
        assert_eq!(nearest("sumary", keys), Some("summary"));
        assert_eq!(nearest("zzzzzz", keys), None);
    }

    #[test]
    fn render_quotes_the_line_and_the_hint() {
        let src: Arc<str> = Arc::from("+++\nnmae = \"x\"\n+++\n");
        let d = Diagnostic::at("content/orgs/a.md", &src, 4..8, "unknown key `nmae`")
            .with_hint("did you mean `name`?");
        let r = d.render(false);
        assert!(r.contains("content/orgs/a.md:2:1"), "{r}");
        assert!(r.contains("nmae = \"x\""), "{r}");
        assert!(r.contains("did you mean `name`?"), "{r}");
    }
}
