//! The script lint (SPEC §7): characters that do not belong to the source's
//! declared script in context.
//!
//! A Traditional source is converted to Simplified and back; wherever the round
//! trip does not return the original (疫情發生后 → 後, 關于 → 於, 社區干部 →
//! 幹部, 并且 → 並且) the original is suspect and the round trip's text is the
//! likely correction. A Simplified source is checked the same way through
//! Traditional. Text inside `-{…}-`, code spans, and terms fixed by a rule
//! (glossary, `[rules]`, `-{H|…}-`) are deliberate and never flagged.
//!
//! The punctuation lint ([`punctuation`]) reads the same prose: half-width
//! marks between Chinese characters (fixed like a script slip), quotation
//! marks without a partner, and emphasis markers Markdown shows as written.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;

use crate::content::config::Script;
use crate::content::fields::FieldValue;
use crate::content::rules::{self, RuleSet};
use crate::content::schema::Located;
use crate::content::Source;
use crate::diagnostic::{Diagnostic, Error, Result};
use crate::opencc::{Ambiguity, Dictionaries, Engine, Rules, Substitution};
use crate::text::{prose, quotes};

pub mod punctuation;

/// What a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A character of the other script, or the wrong one of a merged pair.
    Script,
    /// A half-width punctuation mark between Chinese characters.
    HalfWidth,
}

/// A suspect span of a source file and its likely correction.
#[derive(Debug, Clone)]
pub struct Finding {
    /// Shared by the file's findings (a large site has millions).
    pub file: Arc<Path>,
    pub text: Arc<str>,
    /// Byte range in the file.
    pub span: Range<usize>,
    pub correction: String,
    pub kind: Kind,
}

impl Finding {
    /// The suspect text: the span of the file.
    pub fn suspect(&self) -> &str {
        &self.text[self.span.clone()]
    }

    pub fn diagnostic(&self) -> Diagnostic {
        let context = context(&self.text, &self.span);
        let at =
            |message: String| Diagnostic::at(&*self.file, &self.text, self.span.clone(), message);
        match self.kind {
            Kind::Script => at(crate::t!(
                "lint-script-slip",
                context = &context,
                suspect = self.suspect(),
                correction = &self.correction
            ))
            .with_hint(crate::t!(
                "lint-script-slip-hint",
                correction = &self.correction,
                suspect = self.suspect()
            )),
            Kind::HalfWidth => {
                let mark = self.suspect().trim_end();
                let message = if matches!(mark, "(" | ")") {
                    crate::t!(
                        "lint-half-width-around",
                        context = &context,
                        mark = mark,
                        correction = &self.correction
                    )
                } else {
                    crate::t!(
                        "lint-half-width-between",
                        context = &context,
                        mark = mark,
                        correction = &self.correction
                    )
                };
                at(message).with_hint(crate::t!(
                    "lint-half-width-hint",
                    correction = &self.correction,
                    mark = mark
                ))
            }
        }
    }
}

/// A source file to lint: its text, the terms its rules fix, and its prose
/// (the only places a finding may be).
struct SourceFile<'a> {
    file: &'a Path,
    text: &'a Arc<str>,
    terms: RuleSet,
    /// Byte ranges of the file that are prose (crate::text::prose): the
    /// text fields readers read, less code, URLs and markup. TOML keys and
    /// comments, variant labels and slugs are never prose.
    prose: Vec<Range<usize>>,
    /// The same prose field by field (quotation marks pair within one), and
    /// the emphasis markers each shows as written.
    fields: Vec<FieldProse>,
}

/// One text field's prose and literal emphasis markers, as byte ranges of its file.
#[derive(Default)]
struct FieldProse {
    prose: Vec<Range<usize>>,
    literal_emphasis: Vec<Range<usize>>,
}

impl SourceFile<'_> {
    /// Whether `span` lies within the file's prose.
    fn in_prose(&self, span: &Range<usize>) -> bool {
        punctuation::in_prose(&self.prose, span)
    }

    /// Whether the lint and the audits report `span`: in prose, and not
    /// inside a term of the file's rules or the glossary (`silenced`, from
    /// [`rule_terms`]), which the author fixed on purpose.
    fn reports(&self, silenced: &[Range<usize>], span: &Range<usize>) -> bool {
        self.in_prose(span)
            && !silenced
                .iter()
                .any(|s| s.start < span.end && span.start < s.end)
    }
}

/// Where a field's prose is in its file: the field's own prose mapped from
/// its value to the file, through the escapes of a TOML string.
fn field_prose(text: &str, field: &Located<String>, markdown: bool, out: &mut Vec<FieldProse>) {
    let Some(raw) = text.get(field.span.clone()) else {
        return;
    };
    let Some(map) = value_offsets(raw, &field.value) else {
        return;
    };
    let in_file = |r: Range<usize>| field.span.start + map[r.start]..field.span.start + map[r.end];
    let literal_emphasis = if markdown {
        prose::literal_emphasis(&field.value)
    } else {
        Vec::new()
    };
    out.push(FieldProse {
        prose: prose::prose(&field.value, markdown)
            .into_iter()
            .map(in_file)
            .collect(),
        literal_emphasis: literal_emphasis.into_iter().map(in_file).collect(),
    });
}

/// For each byte offset of a string's value (and its end), the offset in
/// the text it was read from: the text itself (a Markdown body), or a TOML
/// string literal with its quotes and escapes. `None` when they cannot be
/// lined up.
fn value_offsets(raw: &str, value: &str) -> Option<Vec<usize>> {
    if raw == value {
        return Some((0..=value.len()).collect());
    }
    let (open, escapes) = if raw.starts_with("\"\"\"") {
        (3, true)
    } else if raw.starts_with("'''") {
        (3, false)
    } else if raw.starts_with('"') {
        (1, true)
    } else if raw.starts_with('\'') {
        (1, false)
    } else {
        return None;
    };
    let mut at = open;
    // A line break right after the opening quotes is not part of the value.
    if open == 3 {
        if raw[at..].starts_with("\r\n") {
            at += 2;
        } else if raw[at..].starts_with('\n') {
            at += 1;
        }
    }
    let mut map = Vec::with_capacity(value.len() + 1);
    for c in value.chars() {
        loop {
            let rest = raw.get(at..)?;
            if escapes && rest.starts_with('\\') {
                let next = rest[1..].chars().next()?;
                if next.is_whitespace() {
                    // A backslash ending a line: it and the blank space after
                    // it stand for nothing.
                    at += 1 + (rest.len() - 1 - rest[1..].trim_start().len());
                    continue;
                }
                // An escape standing for this one character.
                let len = match next {
                    'u' => 6,
                    'U' => 10,
                    _ => 2,
                };
                map.extend(std::iter::repeat_n(at, c.len_utf8()));
                at += len;
                break;
            }
            if rest.starts_with(c) {
                map.extend((0..c.len_utf8()).map(|i| at + i));
                at += c.len_utf8();
                break;
            }
            if c == '\n' && rest.starts_with("\r\n") {
                map.push(at);
                at += 2;
                break;
            }
            return None;
        }
    }
    map.push(at);
    Some(map)
}

fn files(source: &Source) -> Vec<SourceFile<'_>> {
    let config = &source.config;
    let mut site_prose = Vec::new();
    field_prose(&config.text, &config.title, false, &mut site_prose);
    if let Some(d) = &config.description {
        field_prose(&config.text, d, false, &mut site_prose);
    }
    for t in &config.activity_types {
        field_prose(&config.text, &t.name, false, &mut site_prose);
        if let Some(d) = &t.description {
            field_prose(&config.text, d, true, &mut site_prose);
        }
    }
    let mut out = vec![SourceFile {
        file: Path::new(crate::content::config::SITE_FILE),
        text: &config.text,
        terms: config.glossary.clone(),
        prose: Vec::new(),
        fields: site_prose,
    }];
    for e in &source.orgs {
        let mut terms = rules::merge(&config.glossary, &e.rules);
        rules::hidden_rules(&e.text, &mut terms);
        let mut prose = Vec::new();
        let plain = [Some(&e.name), e.category.as_ref(), e.summary.as_ref()];
        for f in plain.into_iter().flatten() {
            field_prose(&e.text, f, false, &mut prose);
        }
        for a in &e.activities {
            field_prose(&e.text, &a.summary, true, &mut prose);
            for it in &a.items {
                field_prose(&e.text, &it.name, false, &mut prose);
                if let Some(u) = &it.unit {
                    field_prose(&e.text, u, false, &mut prose);
                }
            }
        }
        field_prose(&e.text, &e.body, true, &mut prose);
        for (_, value) in &e.fields {
            match value {
                FieldValue::Text(l) => field_prose(&e.text, l, false, &mut prose),
                FieldValue::Markdown(l) => field_prose(&e.text, l, true, &mut prose),
                _ => {}
            }
        }
        out.push(SourceFile {
            file: &e.file,
            text: &e.text,
            terms,
            prose: Vec::new(),
            fields: prose,
        });
    }
    for p in source.home.iter().chain(source.pages.iter()) {
        let mut terms = config.glossary.clone();
        rules::hidden_rules(&p.text, &mut terms);
        let mut prose = Vec::new();
        if let Some(t) = &p.title {
            field_prose(&p.text, t, false, &mut prose);
        }
        field_prose(&p.text, &p.body, true, &mut prose);
        out.push(SourceFile {
            file: &p.file,
            text: &p.text,
            terms,
            prose: Vec::new(),
            fields: prose,
        });
    }
    for f in &mut out {
        f.prose = f
            .fields
            .iter()
            .flat_map(|p| p.prose.iter().cloned())
            .collect();
        f.prose.sort_by_key(|r| r.start);
    }
    out
}

/// Every suspect span in the site's source files.
pub fn lint(source: &Source) -> Result<Findings> {
    let (there, back, variants) = match source.config.source {
        Script::Traditional => ("t2s", "s2t", Some("t2tw")),
        Script::Simplified => ("s2t", "t2s", None),
    };
    // zhpress's dictionaries whatever site.toml's `dictionaries` says: the
    // supplement is the better judge of the source script (于先生 is a
    // surname, not a slip), and the lint changes no output.
    let load = |n: &str| Engine::get(n).map_err(|e| Error::one(Diagnostic::file("site.toml", e)));
    let (there, back) = (load(there)?, load(back)?);
    let variants = variants.map(load).transpose()?;
    // File by file on every core; sorted by file, then by place in it.
    let mut by_file: Vec<(&Path, Vec<Finding>)> = files(source)
        .into_par_iter()
        .map(|f| {
            let mut out = Vec::new();
            let silenced = rule_terms(f.text, &f.terms);
            let file: Arc<Path> = Arc::from(f.file);
            let finding = |span: Range<usize>, correction: String, kind: Kind| Finding {
                file: file.clone(),
                text: f.text.clone(),
                span,
                correction,
                kind,
            };
            for (span, correction) in round_trip(f.text, there, back, variants) {
                if f.reports(&silenced, &span) {
                    out.push(finding(span, correction, Kind::Script));
                }
            }
            for (span, correction) in punctuation::half_width(f.text, &f.prose) {
                out.push(finding(span, correction, Kind::HalfWidth));
            }
            out.sort_by_key(|f| f.span.start);
            (f.file, out)
        })
        .collect();
    by_file.sort_by(|a, b| a.0.cmp(b.0));
    Ok(Findings(
        by_file
            .into_iter()
            .map(|(_, f)| f)
            .filter(|f| !f.is_empty())
            .collect(),
    ))
}

/// What the lint found, file by file (sorted by path, then by place in the
/// file). Kept as each file's list rather than one: a large site has
/// hundreds of thousands, and one list would be a copy of them all.
#[derive(Debug, Default)]
pub struct Findings(Vec<Vec<Finding>>);

impl Findings {
    pub fn iter(&self) -> impl Iterator<Item = &Finding> {
        self.into_iter()
    }

    pub fn len(&self) -> usize {
        self.0.iter().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Each file's findings, none empty.
    fn files(&self) -> impl Iterator<Item = &[Finding]> {
        self.0.iter().map(Vec::as_slice)
    }
}

impl<'a> IntoIterator for &'a Findings {
    type Item = &'a Finding;
    type IntoIter = std::iter::Flatten<std::slice::Iter<'a, Vec<Finding>>>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.iter().flatten()
    }
}

/// The findings as `check` and `build --strict` report them: one for each,
/// except that a file written in the other script gets one error for the
/// whole file (with the command that converts it) instead of one per word.
pub fn diagnostics(source: &Source, findings: &Findings) -> Result<Vec<Diagnostic>> {
    let (written, site, to_source) = match source.config.source {
        Script::Traditional => (
            crate::t!("script-simplified"),
            crate::t!("script-traditional"),
            "s2t",
        ),
        Script::Simplified => (
            crate::t!("script-traditional"),
            crate::t!("script-simplified"),
            "t2s",
        ),
    };
    let wrong = wrong_script_files(source, findings)?;
    let mut out = Vec::new();
    let mut told = std::collections::BTreeSet::new();
    for f in findings {
        if f.kind == Kind::Script {
            if let Some(n) = wrong.get(&*f.file) {
                if told.insert(&f.file) {
                    let file = f.file.display().to_string();
                    out.push(
                        Diagnostic::at(
                            &*f.file,
                            &f.text,
                            f.span.clone(),
                            crate::t!(
                                "lint-wrong-script",
                                written = &written,
                                source = &site,
                                count = *n
                            ),
                        )
                        .with_hint(crate::t!(
                            "lint-wrong-script-hint",
                            conversion = to_source,
                            file = &file
                        )),
                    );
                }
                continue;
            }
        }
        out.push(f.diagnostic());
    }
    Ok(out)
}

/// Files whose prose is mostly in the other script, with their number of
/// script findings: at least [`WRONG_SCRIPT_MIN`] findings, and at least
/// twice as many characters only the other script writes as characters only
/// the source script writes.
fn wrong_script_files(source: &Source, findings: &Findings) -> Result<BTreeMap<PathBuf, usize>> {
    let counts: Vec<(&Finding, usize)> = findings
        .files()
        .map(|fs| (&fs[0], fs.iter().filter(|f| f.kind == Kind::Script).count()))
        .collect();
    let (to_other, to_source) = match source.config.source {
        Script::Traditional => ("t2s", "s2t"),
        Script::Simplified => ("s2t", "t2s"),
    };
    let load = |n: &str| Engine::get(n).map_err(|e| Error::one(Diagnostic::file("site.toml", e)));
    let (to_other, to_source) = (load(to_other)?, load(to_source)?);
    let scripts = CharScripts::new(to_other, to_source);
    let wrong: Vec<Option<(PathBuf, usize)>> = counts
        .par_iter()
        .map(|&(f, n)| {
            if n < WRONG_SCRIPT_MIN {
                return None;
            }
            let (mut ours, mut theirs) = (0, 0);
            for ch in f.text.chars().filter(|c| !c.is_ascii()) {
                let (source_only, other_only) = scripts.get(ch);
                ours += source_only as usize;
                theirs += other_only as usize;
            }
            (theirs >= 2 * ours.max(1)).then(|| (f.file.to_path_buf(), n))
        })
        .collect();
    Ok(wrong.into_iter().flatten().collect())
}

/// Each character's script, converted once for all files and threads:
/// whether only the source script writes it, and whether only the other does.
struct CharScripts<'a> {
    to_other: &'a Engine,
    to_source: &'a Engine,
    /// Per character below U+30000: 0 not yet known, else 1 + the two bits.
    known: Vec<std::sync::atomic::AtomicU8>,
}

impl<'a> CharScripts<'a> {
    const TABLE: usize = 0x30000;

    fn new(to_other: &'a Engine, to_source: &'a Engine) -> Self {
        let known = (0..Self::TABLE).map(|_| Default::default()).collect();
        CharScripts {
            to_other,
            to_source,
            known,
        }
    }

    fn get(&self, ch: char) -> (bool, bool) {
        use std::sync::atomic::Ordering::Relaxed;
        let slot = self.known.get(ch as usize);
        let bits = match slot.map(|s| s.load(Relaxed)) {
            Some(b) if b != 0 => b - 1,
            _ => {
                let mut buf = [0u8; 4];
                let c: &str = ch.encode_utf8(&mut buf);
                let source_only = self.to_other.convert(c) != c;
                let other_only = !source_only && self.to_source.convert(c) != c;
                let b = source_only as u8 | (other_only as u8) << 1;
                if let Some(s) = slot {
                    s.store(b + 1, Relaxed);
                }
                b
            }
        };
        (bits & 1 != 0, bits & 2 != 0)
    }
}

/// Fewer script slips than this in a file are slips, not a file in the
/// other script.
const WRONG_SCRIPT_MIN: usize = 5;

/// What the lint found, in one line for `build`: findings, the files they
/// are in, and how many files are in the other script.
pub fn summary(source: &Source, findings: &Findings) -> Result<Option<String>> {
    if findings.is_empty() {
        return Ok(None);
    }
    let wrong = wrong_script_files(source, findings)?;
    let whole = if wrong.is_empty() {
        String::new()
    } else {
        crate::t!("lint-summary-wrong", count = wrong.len())
    };
    Ok(Some(crate::t!(
        "lint-summary",
        findings = findings.len(),
        files = findings.files().count(),
        whole = whole
    )))
}

/// What `check` reports and `--fix` cannot repair, in the site's prose:
/// quotation marks without a partner (left as written in every variant),
/// and emphasis markers Markdown shows as written.
pub fn markers(source: &Source) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for f in files(source) {
        for field in &f.fields {
            for m in quotes::marks(f.text, &field.prose) {
                if m.depth.is_some() {
                    continue;
                }
                let span = m.at..m.at + m.ch.len_utf8();
                let (what, partner) = quotes::missing(&m);
                let (quoted, mark) = (context(f.text, &span), m.ch.to_string());
                let (message, hint) = if m.opening {
                    (
                        crate::t!("lint-quote-unclosed", context = &quoted, mark = &mark),
                        crate::t!(
                            "lint-quote-unclosed-hint",
                            what = what,
                            partner = partner.to_string()
                        ),
                    )
                } else {
                    (
                        crate::t!("lint-quote-unopened", context = &quoted, mark = &mark),
                        crate::t!(
                            "lint-quote-unopened-hint",
                            what = what,
                            partner = partner.to_string()
                        ),
                    )
                };
                out.push(Diagnostic::at(f.file, f.text, span, message).with_hint(hint));
            }
            for span in &field.literal_emphasis {
                let marker = &f.text[span.clone()];
                out.push(
                    Diagnostic::at(
                        f.file,
                        f.text,
                        span.clone(),
                        crate::t!(
                            "lint-emphasis-literal",
                            context = context(f.text, span),
                            marker = marker
                        ),
                    )
                    .with_hint(crate::t!("lint-emphasis-literal-hint")),
                );
            }
        }
    }
    out
}

/// Pairs (as written, as OpenCC would write it) where both are accepted
/// forms of the same word in Traditional text, so the difference is spelling,
/// not a slip: 了解/瞭解, 發布/發佈, 周年/週年, 台灣/臺灣 (台 is the standard
/// form in Taiwan; OpenCC 1.4's variants no longer map 臺 back to it).
const ACCEPTED: &[(char, char)] = &[('了', '瞭'), ('布', '佈'), ('周', '週'), ('台', '臺')];

/// Pairs (as written, the round trip's correction) of two Traditional
/// characters that Simplified writes alike, where the round trip is to be
/// trusted: the correction is not the lone character's default, so only a
/// phrase or rule can have chosen it (頭發 → 頭髮, 日歷 → 日曆, 復雜 → 複雜).
/// The other way round (髮 → 發) it would be the default, chosen by nothing.
const TRUSTED: &[(char, char)] = &[
    ('發', '髮'),
    ('歷', '曆'),
    ('鐘', '鍾'),
    ('復', '複'),
    ('復', '覆'),
];

/// Spans where the round trip corrects `text`, line by line, with the round
/// trip's text for each. A character is suspect only when it is itself a form
/// of the other script (`there` leaves it unchanged, as 后, 于, 干, 并 are in
/// Simplified text) and the round trip writes another character that is not
/// merely OpenCC's spelling of the same form (爲/為, 羣/群, 覈/核: `variants`
/// maps them back). Lines whose length the round trip changes are skipped: no
/// span could be pointed at with confidence.
pub fn round_trip(
    text: &str,
    there: &Engine,
    back: &Engine,
    variants: Option<&Engine>,
) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        if line.is_ascii() {
            continue;
        }
        let round = back.convert(&there.convert(line));
        if round == line {
            continue;
        }
        let a: Vec<(usize, char)> = line.char_indices().collect();
        let b: Vec<char> = round.chars().collect();
        if a.len() != b.len() {
            continue;
        }
        let suspect = |i: usize| {
            let (o, r) = (a[i].1, b[i]);
            if o == r || ACCEPTED.contains(&(o, r)) {
                return false;
            }
            if TRUSTED.contains(&(o, r)) {
                return true;
            }
            let one = |c: char, e: &Engine| e.convert(c.encode_utf8(&mut [0; 4]));
            let o_s = o.to_string();
            one(o, there) == o_s && variants.is_none_or(|v| one(r, v) != o_s)
        };
        let mut i = 0;
        while i < a.len() {
            if !suspect(i) {
                i += 1;
                continue;
            }
            let s = i;
            while i < a.len() && suspect(i) {
                i += 1;
            }
            let end = if i < a.len() { a[i].0 } else { line.len() };
            out.push((start + a[s].0..start + end, b[s..i].iter().collect()));
        }
    }
    out
}

/// The terms fixed by a rule, and their text for every variant (written in
/// the rule itself): deliberate, never flagged.
fn rule_terms(text: &str, terms: &RuleSet) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let identity: BTreeMap<String, String> = terms
        .iter()
        .flat_map(|(k, forms)| std::iter::once(k).chain(forms.iter().map(|(_, t)| t)))
        .map(|t| (t.clone(), t.clone()))
        .collect();
    if let Some(r) = Rules::new(&identity) {
        let start = text.as_ptr() as usize;
        crate::opencc::scan(text, None, Some(&r), &mut |p| {
            if let crate::opencc::Piece::Rule(s, _) = p {
                let at = s.as_ptr() as usize - start;
                out.push(at..at + s.len());
            }
        });
    }
    out
}

/// Up to a few characters around a span, on its line.
fn context(text: &str, span: &Range<usize>) -> String {
    let line_start = text[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[span.end..]
        .find('\n')
        .map_or(text.len(), |i| span.end + i);
    let before: String = text[line_start..span.start]
        .chars()
        .rev()
        .take(4)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: String = text[span.end..line_end]
        .trim_end_matches('\r')
        .chars()
        .take(3)
        .collect();
    format!("{}{}{}", before, &text[span.clone()], after)
}

/// Rewrites the flagged spans in place and nothing else. Returns the files changed.
pub fn fix(root: &Path, findings: &Findings) -> Result<Vec<PathBuf>> {
    let mut changed = Vec::new();
    for fs in findings.files() {
        let file: &Path = &fs[0].file;
        let mut fs: Vec<&Finding> = fs.iter().collect();
        // The file itself, not a link to it: the link stays, its target is fixed.
        let path = root.join(file);
        let path = path.canonicalize().map_err(|e| Error::io(&path, e))?;
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        // The loaded text has no BOM; keep the file's own.
        let bom = if bytes.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        let mut text = String::from_utf8(bytes[bom..].to_vec())
            .map_err(|e| Error::io(&path, std::io::Error::other(e)))?;
        fs.sort_by_key(|f| std::cmp::Reverse(f.span.start));
        for f in fs {
            if text.get(f.span.clone()) == Some(f.suspect()) {
                text.replace_range(f.span.clone(), &f.correction);
            }
        }
        let tmp = path.with_extension("zhpress-fix.tmp");
        let mut out = bytes[..bom].to_vec();
        out.extend(text.as_bytes());
        std::fs::write(&tmp, out).map_err(|e| Error::io(&tmp, e))?;
        // The rewritten file keeps the permissions the editor gave it.
        if let Ok(m) = std::fs::metadata(&path) {
            let _ = std::fs::set_permissions(&tmp, m.permissions());
        }
        std::fs::rename(&tmp, &path).map_err(|e| Error::io(&path, e))?;
        changed.push(file.to_path_buf());
    }
    Ok(changed)
}

/// One place the audit lists: where a conversion chose a reading alone.
#[derive(Debug, Clone)]
pub struct AuditItem {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    pub conversion: &'static str,
    pub item: Ambiguity,
    pub context: String,
}

/// The ambiguity audit: in every variant's conversion (over the site's
/// `dictionaries`, as the build converts), the lone characters read one of
/// several ways with no phrase or rule deciding.
pub fn audit(source: &Source) -> Result<Vec<AuditItem>> {
    let mut engines: Vec<(&'static Engine, String)> = Vec::new();
    for v in &source.config.variants {
        // A variant the system's OpenCC converts has no engine to audit.
        if let Some(c) = v
            .convert
            .as_ref()
            .filter(|c| !c.starts_with(crate::opencc::system::PREFIX))
        {
            let e = Engine::get_with(c, v.dictionaries)
                .map_err(|e| Error::one(Diagnostic::file("site.toml", e)))?;
            if !engines.iter().any(|(x, _)| x.name() == e.name()) {
                engines.push((e, v.code.to_string()));
            }
        }
    }
    let mut out = Vec::new();
    for f in files(source) {
        let silenced = rule_terms(f.text, &f.terms);
        for (engine, code) in &engines {
            let rules = Rules::new(&rules::for_variant(&f.terms, code));
            for mut item in engine.ambiguities(f.text, rules.as_ref()) {
                // Only readings a reader would notice: a rare variant form
                // (願/𫖸, 線/缐) is no choice worth an editor's time.
                item.others = item.others.chars().filter(|&c| common(c)).collect();
                if item.others.is_empty() {
                    continue;
                }
                let span = item.offset..item.offset + item.source.len();
                if !f.reports(&silenced, &span) {
                    continue;
                }
                let (line, column) = crate::diagnostic::line_column(f.text, item.offset);
                out.push(AuditItem {
                    file: f.file.to_path_buf(),
                    line,
                    column,
                    conversion: engine.name(),
                    context: context(f.text, &span),
                    item,
                });
            }
        }
    }
    Ok(out)
}

/// Whether a character is in everyday use: in GB2312 (the 6,763 characters
/// of mainland Simplified text) or in Big5's two levels (the 13,053 of
/// Traditional text), not only in the large sets beyond them.
fn common(c: char) -> bool {
    let mut buf = [0u8; 4];
    let s: &str = c.encode_utf8(&mut buf);
    let (gbk, _, bad) = encoding_rs::GBK.encode(s);
    if !bad && gbk.len() == 2 && (0xB0..=0xF7).contains(&gbk[0]) && gbk[1] >= 0xA1 {
        return true;
    }
    let (big5, _, bad) = encoding_rs::BIG5.encode(s);
    !bad && big5.len() == 2 && {
        let code = u16::from_be_bytes([big5[0], big5[1]]);
        (0xA440..=0xC67E).contains(&code) || (0xC940..=0xF9D5).contains(&code)
    }
}

/// One regional-vocabulary substitution the audit lists.
#[derive(Debug, Clone)]
pub struct RegionalItem {
    pub file: PathBuf,
    pub line: usize,
    pub column: usize,
    /// The conversion the site runs (s2twp-prose, t2twp…).
    pub conversion: &'static str,
    pub item: Substitution,
    /// Whether the site's conversion makes it (else only OpenCC's full
    /// phrasing would).
    pub made: bool,
    pub context: String,
}

/// The regional-vocabulary audit: for every variant with Taiwan phrasing,
/// each substitution its conversion makes, and each one OpenCC's full
/// phrasing would make on top (for the prose-safe conversions), so an editor
/// can confirm it or pin the word with `-{…}-`.
pub fn regional_audit(source: &Source) -> Result<Vec<RegionalItem>> {
    let mut out = Vec::new();
    let mut seen = Vec::new();
    for v in &source.config.variants {
        let Some(c) = v
            .convert
            .as_ref()
            .filter(|c| !c.starts_with(crate::opencc::system::PREFIX))
        else {
            continue;
        };
        let load = |n: &str, d| {
            Engine::get_with(n, d).map_err(|e| Error::one(Diagnostic::file("site.toml", e)))
        };
        let ours = load(c, v.dictionaries)?;
        if seen.contains(&ours.name()) {
            continue;
        }
        seen.push(ours.name());
        let full = match c.strip_suffix("-prose") {
            Some(f) => Some(load(f, Dictionaries::Zhpress)?),
            None => None,
        };
        for f in files(source) {
            let silenced = rule_terms(f.text, &f.terms);
            let rules = Rules::new(&rules::for_variant(&f.terms, &v.code));
            for (item, made) in regional(f.text, ours, full, rules.as_ref()) {
                let span = &item.span;
                if !f.reports(&silenced, span) {
                    continue;
                }
                let (line, column) = crate::diagnostic::line_column(f.text, span.start);
                out.push(RegionalItem {
                    file: f.file.to_path_buf(),
                    line,
                    column,
                    conversion: ours.name(),
                    context: context(f.text, span),
                    item,
                    made,
                });
            }
        }
    }
    Ok(out)
}

/// The substitutions `ours` makes in `text` (true), then those `full` would
/// make that `ours` does not (false), in text order.
pub fn regional(
    text: &str,
    ours: &Engine,
    full: Option<&Engine>,
    rules: Option<&Rules>,
) -> Vec<(Substitution, bool)> {
    let made = ours.substitutions(text, rules);
    let mut out: Vec<(Substitution, bool)> = full
        .map(|f| f.substitutions(text, rules))
        .unwrap_or_default()
        .into_iter()
        .filter(|s| !made.iter().any(|m| m.span == s.span))
        .map(|s| (s, false))
        .collect();
    out.extend(made.into_iter().map(|s| (s, true)));
    out.sort_by_key(|(s, _)| s.span.start);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn rare_variant_forms_are_not_common() {
        for c in ['髮', '發', '乾', '幹', '隻', '后', '發', '线', '愿'] {
            assert!(super::common(c), "{c}");
        }
        for c in ['𫖸', '缐', '𫔭'] {
            assert!(!super::common(c), "{c}");
        }
    }

    use super::*;

    #[test]
    fn values_line_up_with_their_toml_literals() {
        let cases = [
            ("\"發生后\"", "發生后"),
            ("\"甲\\\"乙\\n丙\\u4E01\"", "甲\"乙\n丙丁"),
            ("'甲\\乙'", "甲\\乙"),
            ("\"\"\"\n第一行\\\n    第二行\"\"\"", "第一行第二行"),
        ];
        for (raw, value) in cases {
            let map = value_offsets(raw, value).unwrap_or_else(|| panic!("{raw}"));
            assert_eq!(map.len(), value.len() + 1, "{raw}");
            for (i, c) in value.char_indices() {
                let at = map[i];
                assert!(
                    raw[at..].starts_with(c) || raw[at..].starts_with('\\'),
                    "{raw}: {c} at {at}"
                );
            }
        }
    }

    #[test]
    fn flags_merged_traditional_characters_and_measure_words() {
        let (t2s, s2t) = (Engine::get("t2s").unwrap(), Engine::get("s2t").unwrap());
        let tw = Engine::get("t2tw").unwrap();
        let found = |text: &str| -> Vec<(String, String)> {
            round_trip(text, t2s, s2t, Some(tw))
                .into_iter()
                .map(|(r, c)| (text[r].to_string(), c))
                .collect()
        };
        assert_eq!(
            found("她的頭發很長。\n"),
            vec![("發".to_string(), "髮".to_string())]
        );
        assert_eq!(
            found("買了一只貓。\n"),
            vec![("只".to_string(), "隻".to_string())]
        );
        assert_eq!(
            found("捐贈口罩4000只。\n"),
            vec![("只".to_string(), "隻".to_string())]
        );
        // Never 台灣 (台 is standard in Taiwan), nor a surname before a title,
        // nor 發 where no phrase says 髮.
        for clean in [
            "台灣的朋友。\n",
            "范會長和于會長、余老師。\n",
            "舌頭發麻，回頭發現。\n",
            "發展。\n",
        ] {
            assert!(found(clean).is_empty(), "{clean}: {:?}", found(clean));
        }
    }

    #[test]
    fn the_regional_audit_lists_what_full_phrasing_would_write() {
        let prose = Engine::get("s2twp-prose").unwrap();
        let full = Engine::get("s2twp").unwrap();
        let text = "我们支持用软件保存参数。";
        let items: Vec<(String, String, bool)> = regional(text, prose, Some(full), None)
            .into_iter()
            .map(|(s, made)| (s.source, s.became, made))
            .collect();
        let expect = [
            ("支持", "支援", false),
            ("软件", "軟體", true),
            ("保存", "儲存", false),
            ("参数", "引數", false),
        ];
        assert_eq!(
            items,
            expect.map(|(a, b, m)| (a.to_string(), b.to_string(), m))
        );
    }

    #[test]
    fn finds_the_sloppy_characters_of_the_report() {
        let t2s = Engine::get("t2s").unwrap();
        let s2t = Engine::get("s2t").unwrap();
        let text =
            "疫情發生后，關于疫情，協助社區干部，并且用于購買。鮮于煌。為群眾了解發布周年。\n";
        let tw = Engine::get("t2tw").unwrap();
        let found: Vec<(String, String)> = round_trip(text, t2s, s2t, Some(tw))
            .into_iter()
            .map(|(r, c)| (text[r].to_string(), c))
            .collect();
        for (s, c) in [("后", "後"), ("于", "於"), ("干", "幹"), ("并", "並")] {
            assert!(
                found.contains(&(s.to_string(), c.to_string())),
                "{s} → {c} in {found:?}"
            );
        }
        assert_eq!(
            found.iter().filter(|(s, _)| s == "于").count(),
            2,
            "關於 and 用于, not 鮮于: {found:?}"
        );
        assert_eq!(
            found.len(),
            5,
            "OpenCC's spellings (爲, 羣衆, 瞭解, 發佈, 週年) are not slips: {found:?}"
        );
    }
}
