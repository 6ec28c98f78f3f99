//! The search index of one variant, for `search.js`: sharded, no server, no
//! fetch().
//!
//! A page opened from `file://` may load a script but not fetch JSON, so
//! every file of the index is a script that hands its data to one global
//! (`zhpressSearch.manifest(…)`, `.shard(n, …)`, `.docs(n, …)`), and
//! `search.js` loads each with a `<script>` element when a query needs it:
//!
//! - `search/index.js`, the manifest: the first key of every shard, the
//!   folding pairs and the separators a query needs, how many documents a
//!   text chunk holds. A few kilobytes, loaded when the reader first focuses
//!   the search box.
//! - `search/i/<n>.js`, the shards of the inverted index ([`index`]): the
//!   keys (folded bigrams) in code point order, cut into files of about
//!   [`SHARD_BYTES`]; a query loads the shards of its keys only.
//! - `search/d/<n>.js`, the documents' text as readers see it, in the
//!   variant's script, a fixed number of documents a file: loaded only for
//!   the results shown, for their titles, links and highlighted snippets.
//!
//! Matching and ranking are those of one linear scan over all the text,
//! computed from the posting lists: every term occurs as a substring of the
//! folded text ([`fold`]), names rank first, then summaries, then the number
//! of occurrences.

mod code;
mod fold;
mod index;

use std::borrow::Cow;

pub use fold::fold;

use crate::model::{OrgView, Publication};
use crate::render::Output;

/// The global the index's scripts call (defined by `search.js`).
pub const GLOBAL: &str = "zhpressSearch";

/// The folder of a variant's index.
pub const FOLDER: &str = crate::plan::SEARCH_FOLDER;

/// About how large a shard of the index is: a key rarer than that costs a
/// query this many bytes, and the index this many bytes a file.
const SHARD_BYTES: usize = 48_000;

/// The most a shard carries of one key's posting list (a key that common is
/// cut into shards of its own, each at most this much and all loaded).
const PART_BYTES: usize = 256_000;

/// About how many bytes of text a chunk of documents holds.
const CHUNK_BYTES: usize = 32_000;

/// No file of the index is larger (a document's text is cut to fit).
const MAX_FILE: usize = 900_000;

/// One searchable document: its url relative to the variant's root, its
/// kind (`o` organization, `t` activity type, `p` page), and its texts:
/// the title, the summary line (ranked above the rest), the rest.
pub struct Doc<'a> {
    pub url: String,
    pub kind: &'static str,
    pub fields: Vec<Cow<'a, str>>,
}

/// Every file of a variant's search index, paths from the output root
/// (`zh-hant/search/index.js`, …).
pub fn search_files(p: &Publication) -> Vec<Output> {
    search_files_until(p, &|| false).unwrap_or_default()
}

/// `search_files`, given up (`None`) as soon as `stop` says so: the index
/// is the slowest file of a site to make, and a rebuild a newer save has
/// made pointless should not keep that save waiting.
pub fn search_files_until(p: &Publication, stop: &dyn Fn() -> bool) -> Option<Vec<Output>> {
    let docs = documents(p);
    let index = index::build(&docs, stop)?;
    let dir = format!("{}/{}", p.variant.path, FOLDER);
    let mut shards = Shards {
        dir: &dir,
        files: Vec::new(),
        firsts: Vec::new(),
        sizes: Vec::new(),
        open: Vec::new(),
    };
    let present = index.present;
    // Each list is dropped once copied: the memory goes to the next shards.
    for (n, (k, list)) in index.lists.into_iter().enumerate() {
        if n % 4096 == 0 && stop() {
            return None;
        }
        let key = index::key_text(k);
        if list.len() > PART_BYTES {
            // A key this common gets shards of its own.
            shards.close();
            for part in index::split(&list, PART_BYTES) {
                shards.add(&key, &part);
                shards.close();
            }
        } else {
            if shards.open.len() + list.len() > SHARD_BYTES {
                shards.close();
            }
            shards.add(&key, &list);
        }
    }
    shards.close();
    let Shards {
        mut files,
        firsts,
        sizes,
        ..
    } = shards;

    let per = per_chunk(&docs);
    let mut cut = Vec::new();
    for (n, chunk) in docs.chunks(per).enumerate() {
        if stop() {
            return None;
        }
        files.push(Output {
            path: format!("{dir}/d/{n}.js"),
            bytes: chunk_script(n, chunk, MAX_FILE / per, |i| cut.push(n * per + i)),
        });
    }

    let manifest = serde_json::json!({
        "lang": p.variant.code,
        "docs": docs.len(),
        "per": per,
        // Keys hold no separator, and `,` is one.
        "shards": firsts.join(","),
        "sizes": String::from_utf8_lossy(&sizes),
        "fold": fold::pairs(|c| index::has(&present, c)),
        "sep": fold::SEPARATORS,
        // Documents whose text was cut to fit a file: search.js counts a
        // term in the text it has only for the others.
        "cut": cut,
    });
    files.push(Output {
        path: format!("{dir}/index.js"),
        bytes: format!(
            "// The search index of {} (zhpress). Generated; loaded by search.js on first use.\n{GLOBAL}.manifest({manifest});\n",
            p.variant.code
        )
        .into_bytes(),
    });
    Some(files)
}

/// The index's shards as they are made: keys go into the open one until it
/// is full.
struct Shards<'a> {
    dir: &'a str,
    files: Vec<Output>,
    /// The first key of each shard.
    firsts: Vec<String>,
    /// Each shard's size in KB, for search.js to choose which keys to load.
    sizes: Vec<u8>,
    /// The open shard's script, empty when none is open.
    open: Vec<u8>,
}

impl Shards<'_> {
    fn add(&mut self, key: &str, list: &[u8]) {
        if self.open.is_empty() {
            let n = self.files.len();
            self.open = format!("{GLOBAL}.shard({n},[").into_bytes();
            self.firsts.push(key.to_string());
        } else {
            self.open.push(b',');
        }
        // A key is a string without error.
        let _ = serde_json::to_writer(&mut self.open, key);
        self.open.extend_from_slice(b",\"");
        self.open.extend_from_slice(list);
        self.open.push(b'"');
    }

    fn close(&mut self) {
        if self.open.is_empty() {
            return;
        }
        self.open.extend_from_slice(b"]);\n");
        code::push(&mut self.sizes, self.open.len().div_ceil(1024) as u64);
        let n = self.files.len();
        self.files.push(Output {
            path: format!("{}/i/{n}.js", self.dir),
            bytes: std::mem::take(&mut self.open),
        });
    }
}

/// Whether a path is a file of some variant's search index: a rebuild
/// replaces them all, as their number follows the text.
pub fn is_index_file(path: &str) -> bool {
    path.split_once('/')
        .is_some_and(|(_, rest)| rest.starts_with(FOLDER) && rest[FOLDER.len()..].starts_with('/'))
}

/// How many documents a chunk holds: about [`CHUNK_BYTES`] of text on average.
fn per_chunk(docs: &[Doc<'_>]) -> usize {
    let text: usize = docs
        .iter()
        .map(|d| d.fields.iter().map(|f| f.len()).sum::<usize>() + d.url.len())
        .sum();
    let average = text / docs.len().max(1);
    (CHUNK_BYTES / average.max(1)).clamp(1, 256)
}

/// `zhpressSearch.docs(n,[[url,kind,title,summary,rest…],…]);`, each
/// document cut to `max` bytes of text (`cut` is told which were).
fn chunk_script(n: usize, docs: &[Doc<'_>], max: usize, mut cut: impl FnMut(usize)) -> Vec<u8> {
    let mut out = format!("{GLOBAL}.docs({n},[").into_bytes();
    for (i, d) in docs.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        let mut left = max;
        let mut row: Vec<&str> = vec![&d.url, d.kind];
        for f in &d.fields {
            let end = floor_char_boundary(f, left);
            left -= end;
            row.push(&f[..end]);
        }
        if d.fields.iter().map(|f| f.len()).sum::<usize>() > max {
            cut(i);
        }
        // Strings serialize without error.
        let _ = serde_json::to_writer(&mut out, &row);
    }
    out.extend_from_slice(b"]);\n");
    out
}

fn floor_char_boundary(s: &str, at: usize) -> usize {
    let mut i = at.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The documents: organizations by slug, then activity types, then pages.
fn documents(p: &Publication) -> Vec<Doc<'_>> {
    let mut docs: Vec<Doc<'_>> = p.orgs.iter().map(|o| org_document(o)).collect();
    for t in &p.activity_types {
        docs.push(Doc {
            url: format!("activities/{}/index.html", t.key),
            kind: "t",
            fields: vec![
                Cow::Borrowed(t.name.as_str()),
                Cow::Owned(html_text(&t.description_html)),
            ],
        });
    }
    for pg in &p.pages {
        docs.push(Doc {
            url: format!("pages/{}/index.html", pg.slug),
            kind: "p",
            fields: vec![
                Cow::Borrowed(pg.title.as_str()),
                Cow::Borrowed(""),
                Cow::Borrowed(pg.body_text.as_str()),
            ],
        });
    }
    docs
}

/// An organization: name, category · summary, activities, account.
fn org_document(o: &OrgView) -> Doc<'_> {
    let lede = match (&o.category, &o.summary) {
        (Some(c), Some(s)) => Cow::Owned(format!("{c} · {s}")),
        (Some(t), None) | (None, Some(t)) => Cow::Borrowed(t.as_str()),
        (None, None) => Cow::Borrowed(""),
    };
    let activities: Vec<&str> = o.activities.iter().map(|a| a.summary.as_str()).collect();
    Doc {
        url: format!("orgs/{}/index.html", o.slug),
        kind: "o",
        fields: vec![
            Cow::Borrowed(o.name.as_str()),
            lede,
            Cow::Owned(activities.join("\n")),
            Cow::Borrowed(o.body_text.as_str()),
        ],
    }
}

/// The text of sanitized HTML: tags dropped, the entities pulldown-cmark and
/// ammonia write decoded, blocks separated by a line break.
fn html_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let end = rest[i..].find('>').map_or(rest.len(), |e| i + e + 1);
        let tag = &rest[i..end];
        if tag.starts_with("</p") || tag.starts_with("<br") || tag.starts_with("</li") {
            out.push('\n');
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out.trim()
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_text_drops_tags_and_decodes() {
        assert_eq!(
            html_text("<p>通過<strong>網站</strong> &amp; 微信</p>\n<p>第二段</p>"),
            "通過網站 & 微信\n\n第二段"
        );
    }

    #[test]
    fn index_files_are_those_under_search() {
        assert!(is_index_file("zh-hant/search/index.js"));
        assert!(is_index_file("zh-hans/search/i/3.js"));
        assert!(!is_index_file("zh-hant/searching/index.html"));
        assert!(!is_index_file("search/index.js"));
    }
}
