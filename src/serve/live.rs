//! Live reload: a small script injected into pages served in watch mode, and
//! the Server-Sent Events it listens to (under the base path, so it works when
//! the site is served at a sub-path). A page reloads only after the rebuilt
//! files are in place; a failed build shows its errors in an overlay, which the
//! next good build clears.

use serde::Serialize;

use crate::content::statics::LIVE_RELOAD_OFF;
use crate::diagnostic::Diagnostic;

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

#[derive(Serialize)]
struct Shown<'a> {
    location: String,
    field: &'a Option<String>,
    message: &'a str,
    hint: &'a Option<String>,
    report: String,
}

impl Message {
    /// The SSE event name and its data.
    pub fn event(&self) -> (&'static str, String) {
        match self {
            Message::Reload(g) => ("reload", g.to_string()),
            Message::Failed(ds) => {
                let shown: Vec<Shown<'_>> = ds
                    .iter()
                    .map(|d| Shown {
                        location: d.location(),
                        field: &d.field,
                        message: &d.message,
                        hint: &d.hint,
                        report: d.render(false),
                    })
                    .collect();
                (
                    "build-error",
                    serde_json::to_string(&shown).unwrap_or_default(),
                )
            }
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
pub fn waiting_page(base_path: &str, errors: &[Diagnostic]) -> Vec<u8> {
    let mut body = String::from("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>zhpress: the site does not build</title></head><body><h1>The site does not build yet</h1><pre>");
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
/// messages quote content, and content is data.
pub const SCRIPT: &str = r#"(function () {
  var me = document.currentScript;
  var base = me.getAttribute('data-base');
  var generation = Number(me.getAttribute('data-generation'));
  var overlay = null;
  function clear() { if (overlay) { overlay.remove(); overlay = null; } }
  function show(errors) {
    clear();
    overlay = document.createElement('div');
    overlay.id = 'zhpress-error-overlay';
    overlay.setAttribute('role', 'alertdialog');
    overlay.setAttribute('aria-label', 'zhpress build error');
    overlay.setAttribute('lang', 'en');
    overlay.style.cssText = 'position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,24,.94);color:#f4f4f5;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,monospace;padding:2rem';
    var h = document.createElement('h2');
    h.textContent = 'zhpress: the last edit does not build. The page shows the last good build.';
    h.style.cssText = 'font:600 18px/1.4 system-ui,sans-serif;margin:0 0 1rem;color:#fca5a5';
    overlay.appendChild(h);
    errors.forEach(function (e) {
      var box = document.createElement('section');
      box.className = 'zhpress-error';
      box.style.cssText = 'border-left:4px solid #f87171;padding:.5rem 1rem;margin:0 0 1rem;background:#27272a';
      var loc = document.createElement('div');
      loc.className = 'zhpress-error-location';
      loc.textContent = e.location + (e.field ? '  ' + e.field : '');
      loc.style.cssText = 'color:#93c5fd;font-weight:700';
      var msg = document.createElement('div');
      msg.className = 'zhpress-error-message';
      msg.textContent = e.message;
      box.appendChild(loc);
      box.appendChild(msg);
      if (e.hint) {
        var hint = document.createElement('div');
        hint.className = 'zhpress-error-hint';
        hint.textContent = 'help: ' + e.hint;
        hint.style.cssText = 'color:#86efac';
        box.appendChild(hint);
      }
      var pre = document.createElement('pre');
      pre.textContent = e.report;
      pre.style.cssText = 'white-space:pre-wrap;margin:.5rem 0 0;color:#d4d4d8';
      box.appendChild(pre);
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
    fn injects_before_the_last_body_end() {
        let out = inject(b"<html><body><p>x</p></body></html>", "/r/", 3);
        let s = String::from_utf8(out).unwrap();
        assert!(s.ends_with("<script src=\"/r/__zhpress/live.js\" data-base=\"/r/\" data-generation=\"3\"></script></body></html>"), "{s}");
    }
}
