//! Live reload: a small script injected into pages served in watch mode, and
//! the Server-Sent Events it listens to (under the base path, so it works when
//! the site is served at a sub-path). A page reloads only after the rebuilt
//! files are in place; a failed build shows its errors in an overlay, which the
//! next good build clears.

use std::path::{Path, PathBuf};

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use serde::Serialize;
use unicode_width::UnicodeWidthChar;

use crate::content::statics::LIVE_RELOAD_OFF;
use crate::diagnostic::Diagnostic;
use crate::i18n::Lang;

/// The path segment, under the base path, of the dev server's own files.
pub const PREFIX: &str = "__zhpress/";

/// What the server tells open pages.
#[derive(Debug, Clone)]
pub enum Message {
    /// A build succeeded and changed files: reload if you are older than this.
    Reload(u64),
    /// A build failed: show these, keep the page.
    Failed(Vec<Diagnostic>),
}

/// How the overlay is shown: in the serve process's language, with links
/// into the editor's files when an editor is known.
#[derive(Debug, Clone)]
pub struct Overlay {
    pub lang: Lang,
    pub editor: Option<Editor>,
    /// The site's folder, absolute: diagnostics name files relative to it.
    pub root: PathBuf,
}

/// The editors whose URL scheme opens a file at a line (README, "serve --editor").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Editor {
    VsCode,
    VsCodeInsiders,
    VsCodium,
    Cursor,
    Windsurf,
    Zed,
    Sublime,
    TextMate,
    MacVim,
    JetBrains,
}

/// Each editor by the names its command goes by.
const EDITORS: &[(&str, Editor)] = &[
    ("code", Editor::VsCode),
    ("vscode", Editor::VsCode),
    ("code-insiders", Editor::VsCodeInsiders),
    ("codium", Editor::VsCodium),
    ("vscodium", Editor::VsCodium),
    ("cursor", Editor::Cursor),
    ("windsurf", Editor::Windsurf),
    ("zed", Editor::Zed),
    ("zeditor", Editor::Zed),
    ("subl", Editor::Sublime),
    ("sublime", Editor::Sublime),
    ("sublime_text", Editor::Sublime),
    ("mate", Editor::TextMate),
    ("mvim", Editor::MacVim),
    ("idea", Editor::JetBrains),
    ("webstorm", Editor::JetBrains),
    ("pycharm", Editor::JetBrains),
    ("phpstorm", Editor::JetBrains),
    ("goland", Editor::JetBrains),
    ("rustrover", Editor::JetBrains),
    ("clion", Editor::JetBrains),
];

/// What a path may hold in a URL's path or query as it is (the rest is
/// percent-encoded).
const URL_PATH: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'&')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

impl Editor {
    /// The editor of a command as `$VISUAL`, `$EDITOR` or `--editor` give it
    /// (`code --wait`, `/usr/local/bin/subl -w`); `None` for editors with no
    /// URL scheme (vim, emacs, nano).
    pub fn from_command(command: &str) -> Option<Editor> {
        let program = command.split_whitespace().next()?;
        let name = Path::new(program).file_name()?.to_str()?;
        let name = name.trim_end_matches(".exe").to_ascii_lowercase();
        EDITORS.iter().find(|(n, _)| *n == name).map(|(_, e)| *e)
    }

    /// The names `--editor` knows, for the README and the help.
    pub fn names() -> impl Iterator<Item = &'static str> {
        EDITORS.iter().map(|(n, _)| *n)
    }

    /// The URL that opens `file` (absolute) at `line` and `column` in this editor.
    pub fn url(self, file: &Path, line: usize, column: usize) -> String {
        let path = utf8_percent_encode(&file.to_string_lossy(), URL_PATH).to_string();
        let (line, column) = (line.max(1), column.max(1));
        let file_scheme = |scheme: &str| format!("{scheme}://file{path}:{line}:{column}");
        match self {
            Editor::VsCode => file_scheme("vscode"),
            Editor::VsCodeInsiders => file_scheme("vscode-insiders"),
            Editor::VsCodium => file_scheme("vscodium"),
            Editor::Cursor => file_scheme("cursor"),
            Editor::Windsurf => file_scheme("windsurf"),
            Editor::Zed => file_scheme("zed"),
            Editor::Sublime => format!("subl://open?url=file://{path}&line={line}&column={column}"),
            Editor::TextMate => {
                format!("txmt://open?url=file://{path}&line={line}&column={column}")
            }
            Editor::MacVim => format!("mvim://open?url=file://{path}&line={line}"),
            Editor::JetBrains => format!("idea://open?file={path}&line={line}&column={column}"),
        }
    }
}

/// One error as the overlay shows it: the message once, then the quoted lines
/// with their carets (the report without its title and hint), cut into runs
/// of narrow and wide characters so that a wide one can be drawn two columns
/// wide whatever the font.
#[derive(Serialize)]
struct Shown<'a> {
    location: String,
    field: &'a Option<String>,
    message: &'a str,
    hint: &'a Option<String>,
    /// Lines of (text, wide) runs.
    snippet: Vec<Vec<(String, bool)>>,
    /// Opens the file at the line in the editor, when one is known.
    open: Option<String>,
}

#[derive(Serialize)]
struct Payload<'a> {
    lang: &'static str,
    heading: String,
    close: String,
    help: String,
    open_title: String,
    errors: Vec<Shown<'a>>,
}

impl Overlay {
    /// The overlay's data for these errors (the `build-error` event).
    pub fn payload(&self, ds: &[Diagnostic]) -> String {
        let errors = ds
            .iter()
            .map(|d| Shown {
                location: d.location(),
                field: &d.field,
                message: &d.message,
                hint: &d.hint,
                snippet: snippet(d),
                open: self
                    .editor
                    .filter(|_| !d.file.as_os_str().is_empty())
                    .map(|e| e.url(&self.root.join(&d.file), d.line, d.column)),
            })
            .collect();
        let shown = Payload {
            lang: self.lang.code(),
            heading: crate::t_in!(self.lang, "overlay-heading"),
            close: crate::t_in!(self.lang, "overlay-close"),
            help: crate::t_in!(self.lang, "label-help"),
            open_title: crate::t_in!(self.lang, "overlay-open"),
            errors,
        };
        serde_json::to_string(&shown).unwrap_or_default()
    }
}

/// The quoted lines and carets of a report, without the title and the `-->` line.
fn snippet(d: &Diagnostic) -> Vec<Vec<(String, bool)>> {
    let mut quoted = d.clone();
    quoted.hint = None;
    let report = quoted.render(false);
    let mut lines = report
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("-->"));
    lines.next();
    lines.map(runs).collect()
}

/// A line cut into runs of narrow and of wide (two-column) characters.
fn runs(line: &str) -> Vec<(String, bool)> {
    let mut out: Vec<(String, bool)> = Vec::new();
    for c in line.chars() {
        let wide = c.width().unwrap_or(0) == 2;
        match out.last_mut() {
            Some((text, w)) if *w == wide => text.push(c),
            _ => out.push((c.to_string(), wide)),
        }
    }
    out
}

impl Message {
    /// The SSE event name and its data.
    pub fn event(&self, overlay: &Overlay) -> (&'static str, String) {
        match self {
            Message::Reload(g) => ("reload", g.to_string()),
            Message::Failed(ds) => ("build-error", overlay.payload(ds)),
        }
    }
}

/// Adds the live-reload script to an HTML page, before `</body>`, unless the
/// page opts out.
pub fn inject(html: &[u8], base_path: &str, generation: u64) -> Vec<u8> {
    if memchr::memmem::find(html, LIVE_RELOAD_OFF.as_bytes()).is_some() {
        return html.to_vec();
    }
    let tag = format!(
        "<script src=\"{base}{PREFIX}live.js\" data-base=\"{base}\" data-generation=\"{generation}\"></script>",
        base = base_path
    );
    let text = String::from_utf8_lossy(html);
    let mut out = String::with_capacity(text.len() + tag.len());
    match text.rfind("</body>") {
        Some(i) => {
            out.push_str(&text[..i]);
            out.push_str(&tag);
            out.push_str(&text[i..]);
        }
        None => {
            out.push_str(&text);
            out.push_str(&tag);
        }
    }
    out.into_bytes()
}

/// A page shown when the site has never built: the errors, and the script that
/// reloads it when a build succeeds.
pub fn waiting_page(base_path: &str, errors: &[Diagnostic], overlay: &Overlay) -> Vec<u8> {
    let mut body = format!(
        "<!DOCTYPE html><html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title></head><body><h1>{}</h1><pre>",
        overlay.lang.code(),
        escape(&crate::t_in!(overlay.lang, "waiting-title")),
        escape(&crate::t_in!(overlay.lang, "waiting-heading")),
    );
    for d in errors {
        body.push_str(&escape(&d.render(false)));
        body.push_str("\n\n");
    }
    body.push_str("</pre></body></html>");
    inject(body.as_bytes(), base_path, 0)
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The injected script. It builds the overlay with textContent only: error
/// messages quote content, and content is data. Its words come with the
/// errors, in the serve process's language.
pub const SCRIPT: &str = r#"(function () {
  var me = document.currentScript;
  var base = me.getAttribute('data-base');
  var generation = Number(me.getAttribute('data-generation'));
  var overlay = null;
  function clear() { if (overlay) { overlay.remove(); overlay = null; } }
  // Every element names its font: a page's `:lang()` rules would otherwise
  // give the overlay's children the page's proportional font.
  var mono = 'font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"DejaVu Sans Mono","Noto Sans Mono CJK SC",monospace;';
  function el(tag, className, css, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    e.style.cssText = mono + (css || '');
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  // A quoted line: wide characters are drawn two columns wide, so that the
  // carets below stand under the character they point at in any font.
  function line(runs) {
    var div = el('div', 'zhpress-snippet-line', 'white-space:pre;min-height:1.5em');
    runs.forEach(function (r) {
      if (!r[1]) { div.appendChild(document.createTextNode(r[0])); return; }
      Array.from(r[0]).forEach(function (c) {
        div.appendChild(el('span', 'zhpress-wide', 'display:inline-block;width:2ch;text-align:center', c));
      });
    });
    return div;
  }
  function show(state) {
    clear();
    overlay = el('div', '', 'position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.94);color:#f4f4f5;font-size:14px;line-height:1.5;padding:2rem');
    overlay.id = 'zhpress-error-overlay';
    overlay.setAttribute('role', 'alertdialog');
    overlay.setAttribute('aria-label', state.heading);
    overlay.setAttribute('lang', state.lang);
    var top = el('div', '', 'display:flex;align-items:flex-start;gap:1rem;margin:0 0 1rem');
    var h = el('h2', '', 'flex:1;font:600 18px/1.4 system-ui,sans-serif;margin:0;color:#fca5a5', state.heading);
    var close = el('button', '', 'font:14px system-ui,sans-serif;padding:.25rem .75rem;background:#3f3f46;color:#f4f4f5;border:1px solid #71717a;border-radius:4px;cursor:pointer', state.close);
    close.id = 'zhpress-error-close';
    close.type = 'button';
    close.addEventListener('click', clear);
    top.appendChild(h);
    top.appendChild(close);
    overlay.appendChild(top);
    state.errors.forEach(function (e) {
      var box = el('section', 'zhpress-error', 'border-left:4px solid #f87171;padding:.5rem 1rem;margin:0 0 1rem;background:#27272a');
      var loc = el(e.open ? 'a' : 'div', 'zhpress-error-location', 'display:block;color:#93c5fd;font-weight:700', e.location);
      if (e.open) { loc.href = e.open; loc.title = state.open_title; }
      box.appendChild(loc);
      box.appendChild(el('div', 'zhpress-error-message', '', (e.field ? e.field + ': ' : '') + e.message));
      if (e.snippet.length) {
        var pre = el('pre', 'zhpress-error-snippet', 'margin:.5rem 0 0;color:#d4d4d8;font-size:inherit');
        e.snippet.forEach(function (runs) { pre.appendChild(line(runs)); });
        box.appendChild(pre);
      }
      if (e.hint) {
        box.appendChild(el('div', 'zhpress-error-hint', 'color:#86efac;white-space:pre-wrap', state.help + ': ' + e.hint));
      }
      overlay.appendChild(box);
    });
    document.body.appendChild(overlay);
  }
  var source = new EventSource(base + '__zhpress/events');
  source.addEventListener('hello', function (e) {
    var state = JSON.parse(e.data);
    if (state.generation > generation) { location.reload(); return; }
    if (state.errors) { show(state.errors); } else { clear(); }
  });
  source.addEventListener('reload', function (e) {
    if (Number(e.data) > generation) { location.reload(); } else { clear(); }
  });
  source.addEventListener('build-error', function (e) { show(JSON.parse(e.data)); });
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaves_a_page_that_opts_out_alone() {
        let page = format!("<html><head>{LIVE_RELOAD_OFF}</head><body></body></html>");
        assert_eq!(inject(page.as_bytes(), "/", 1), page.as_bytes());
    }

    #[test]
    fn editors_by_their_commands() {
        assert_eq!(Editor::from_command("code --wait"), Some(Editor::VsCode));
        assert_eq!(
            Editor::from_command("/usr/local/bin/subl -w"),
            Some(Editor::Sublime)
        );
        assert_eq!(Editor::from_command("vim"), None);
        assert_eq!(Editor::from_command(""), None);
        let f = Path::new("/home/ed/site/content/orgs/a b.md");
        assert_eq!(
            Editor::VsCode.url(f, 5, 8),
            "vscode://file/home/ed/site/content/orgs/a%20b.md:5:8"
        );
        assert_eq!(
            Editor::Sublime.url(f, 5, 8),
            "subl://open?url=file:///home/ed/site/content/orgs/a%20b.md&line=5&column=8"
        );
        assert_eq!(
            Editor::JetBrains.url(f, 5, 8),
            "idea://open?file=/home/ed/site/content/orgs/a%20b.md&line=5&column=8"
        );
        assert_eq!(
            Editor::Zed.url(Path::new("/站/a.md"), 1, 2),
            "zed://file/%E7%AB%99/a.md:1:2"
        );
    }

    #[test]
    fn wide_characters_are_runs_of_their_own() {
        assert_eq!(
            runs("a = \"甲乙\" x"),
            [
                ("a = \"".to_string(), false),
                ("甲乙".to_string(), true),
                ("\" x".to_string(), false)
            ]
        );
    }

    #[test]
    fn injects_before_the_last_body_end() {
        let out = inject(b"<html><body><p>x</p></body></html>", "/r/", 3);
        let s = String::from_utf8(out).unwrap();
        assert!(s.ends_with("<script src=\"/r/__zhpress/live.js\" data-base=\"/r/\" data-generation=\"3\"></script></body></html>"), "{s}");
    }
}
