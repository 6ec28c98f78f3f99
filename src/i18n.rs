//! Messages in the editor's language: English, Simplified or Traditional
//! Chinese, by message id, with Project Fluent.
//!
//! The catalogues are `locales/*.ftl`, embedded in the binary and parsed once.
//! `locales/zh-Hant.ftl` is not written by hand: [`generate_hant`] makes it from
//! `zh-Hans.ftl` with the project's own converter, then puts in the reviewed
//! wordings of `zh-Hant.overrides.ftl` (tests/messages.rs keeps the committed
//! file in step). The language is one process-wide setting, chosen once in
//! `main` ([`Lang::from_env`], `--lang`); a message missing in it falls back to
//! English.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

use fluent_bundle::concurrent::FluentBundle;
pub use fluent_bundle::FluentArgs;
use fluent_bundle::{FluentResource, FluentValue};
use unic_langid::LanguageIdentifier;

/// A language zhpress speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    ZhHans,
    ZhHant,
}

impl Lang {
    /// Every language, in the order of `--lang`'s values.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::ZhHans, Lang::ZhHant];

    /// The name of `--lang` and of the catalogue (`locales/<code>.ftl`), and
    /// the BCP 47 tag of the HTML `lang` attribute.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhHans => "zh-Hans",
            Lang::ZhHant => "zh-Hant",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }

    /// The language of a POSIX locale name (`zh_TW.UTF-8`, `zh_Hans`, `C`),
    /// as gettext reads it: Simplified for mainland China and Singapore,
    /// Traditional for Taiwan, Hong Kong and Macau, English otherwise.
    pub fn from_locale(locale: &str) -> Lang {
        let name = locale.split(['.', '@']).next().unwrap_or("");
        let mut parts = name.split(['_', '-']);
        if !parts.next().is_some_and(|l| l.eq_ignore_ascii_case("zh")) {
            return Lang::En;
        }
        let mut lang = Lang::ZhHans;
        for p in parts {
            match p.to_ascii_lowercase().as_str() {
                "hant" | "tw" | "hk" | "mo" => lang = Lang::ZhHant,
                "hans" | "cn" | "sg" => return Lang::ZhHans,
                _ => {}
            }
        }
        lang
    }

    /// The language of the environment: the first non-empty of `LC_ALL`,
    /// `LC_MESSAGES` and `LANG`, as gettext programs choose.
    pub fn from_env(var: impl Fn(&str) -> Option<String>) -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .into_iter()
            .filter_map(var)
            .find(|v| !v.is_empty())
            .map_or(Lang::En, |l| Lang::from_locale(&l))
    }

    fn catalogue(self) -> &'static str {
        match self {
            Lang::En => include_str!("../locales/en.ftl"),
            Lang::ZhHans => include_str!("../locales/zh-Hans.ftl"),
            Lang::ZhHant => include_str!("../locales/zh-Hant.ftl"),
        }
    }
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Sets the language of every message from now on (`main` does, once).
pub fn set_lang(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

/// The language messages are in.
pub fn lang() -> Lang {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Lang::ZhHans,
        2 => Lang::ZhHant,
        _ => Lang::En,
    }
}

fn bundle(lang: Lang) -> &'static FluentBundle<FluentResource> {
    static BUNDLES: [OnceLock<FluentBundle<FluentResource>>; 3] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    BUNDLES[lang as usize].get_or_init(|| {
        let id: LanguageIdentifier = lang.code().parse().unwrap_or_default();
        let mut bundle = FluentBundle::new_concurrent(vec![id]);
        // Terminal text, not bidirectional HTML: no isolation marks around values.
        bundle.set_use_isolating(false);
        // The catalogues are the binary's own, checked by tests/messages.rs;
        // what parses of a broken one is still used.
        let resource =
            FluentResource::try_new(lang.catalogue().to_string()).unwrap_or_else(|(r, _)| r);
        let _ = bundle.add_resource(resource);
        bundle
    })
}

fn format_in(lang: Lang, id: &str, args: Option<&FluentArgs<'_>>) -> Option<String> {
    let bundle = bundle(lang);
    let pattern = bundle.get_message(id)?.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    errors.is_empty().then(|| text.into_owned())
}

/// The message `id` in the current language, or in English when that
/// language lacks it; the id itself only if English lacks it too (which
/// tests/messages.rs rules out). Use [`t!`](crate::t).
pub fn message(id: &str, args: Option<&FluentArgs<'_>>) -> String {
    message_in(lang(), id, args)
}

/// The message `id` in `lang` (the dev server's overlay texts are asked for
/// in the language of the serve process, like every other message).
pub fn message_in(lang: Lang, id: &str, args: Option<&FluentArgs<'_>>) -> String {
    format_in(lang, id, args)
        .or_else(|| format_in(Lang::En, id, args))
        .unwrap_or_else(|| id.to_string())
}

/// A value a message can take: text as it is, numbers as numbers (so a
/// catalogue can choose a plural form).
pub trait MessageArg {
    fn into_value(self) -> FluentValue<'static>;
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl MessageArg for $t {
            fn into_value(self) -> FluentValue<'static> {
                FluentValue::from(self)
            }
        }
    )*};
}
number_args!(usize, u64, u32, u16, u8, i64, i32);

impl MessageArg for String {
    fn into_value(self) -> FluentValue<'static> {
        FluentValue::String(Cow::Owned(self))
    }
}

impl MessageArg for &String {
    fn into_value(self) -> FluentValue<'static> {
        FluentValue::String(Cow::Owned(self.clone()))
    }
}

impl MessageArg for &str {
    fn into_value(self) -> FluentValue<'static> {
        FluentValue::String(Cow::Owned(self.to_string()))
    }
}

impl MessageArg for Cow<'_, str> {
    fn into_value(self) -> FluentValue<'static> {
        FluentValue::String(Cow::Owned(self.into_owned()))
    }
}

impl MessageArg for &Path {
    fn into_value(self) -> FluentValue<'static> {
        FluentValue::String(Cow::Owned(self.display().to_string()))
    }
}

impl MessageArg for &PathBuf {
    fn into_value(self) -> FluentValue<'static> {
        self.as_path().into_value()
    }
}

/// The message `id` in the editor's language, with named values:
/// `t!("unknown-key", key = name)`. Every id is in `locales/en.ftl` and
/// `locales/zh-Hans.ftl` (tests/messages.rs checks, and that the names match).
#[macro_export]
macro_rules! t {
    ($id:literal $(,)?) => {
        $crate::i18n::message($id, None)
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = $crate::i18n::FluentArgs::new();
        $( args.set(stringify!($name), $crate::i18n::MessageArg::into_value($value)); )+
        $crate::i18n::message($id, Some(&args))
    }};
}

/// [`t!`] in a given language rather than the current one: `t_in!(lang, "id", ...)`.
#[macro_export]
macro_rules! t_in {
    ($lang:expr, $id:literal $(,)?) => {
        $crate::i18n::message_in($lang, $id, None)
    };
    ($lang:expr, $id:literal, $($name:ident = $value:expr),+ $(,)?) => {{
        let mut args = $crate::i18n::FluentArgs::new();
        $( args.set(stringify!($name), $crate::i18n::MessageArg::into_value($value)); )+
        $crate::i18n::message_in($lang, $id, Some(&args))
    }};
}

/// The conversion that writes the Traditional catalogue from the Simplified
/// one: Taiwan's forms with its phrasing where prose is safe to change.
pub const HANT_CONVERSION: &str = "s2twp";

/// `locales/zh-Hant.ftl`: `hans` (zh-Hans.ftl) converted message by message,
/// each message that `overrides` has replaced by its reviewed wording. Ids,
/// variables and comments' ASCII pass through the converter unchanged (it
/// changes only Chinese). An override of an id `hans` lacks is an error.
pub fn generate_hant(hans: &str, overrides: &str) -> Result<String, String> {
    let engine = crate::opencc::Engine::get(HANT_CONVERSION)?;
    let reviewed = entries(overrides);
    let ids: Vec<&str> = entries(hans).iter().filter_map(|e| e.0).collect();
    if let Some(id) = reviewed
        .iter()
        .filter_map(|e| e.0)
        .find(|id| !ids.contains(id))
    {
        return Err(format!(
            "zh-Hant.overrides.ftl overrides `{id}`, which zh-Hans.ftl does not have"
        ));
    }
    let mut out = String::from(
        "# GENERATED by `ZHPRESS_BLESS=1 cargo test --test messages` from zh-Hans.ftl\n\
         # (converted with s2twp) and zh-Hant.overrides.ftl. Do not edit: change\n\
         # zh-Hans.ftl, or put a reviewed wording in zh-Hant.overrides.ftl.\n\n",
    );
    for (id, block) in entries(hans) {
        match id.and_then(|id| reviewed.iter().find(|r| r.0 == Some(id))) {
            Some((_, text)) => out.push_str(text),
            None => out.push_str(&engine.convert(block)),
        }
    }
    Ok(out)
}

/// A catalogue cut into its messages (id, text with its continuation lines)
/// and the lines between them (no id).
fn entries(ftl: &str) -> Vec<(Option<&str>, &str)> {
    let mut out: Vec<(Option<&str>, &str)> = Vec::new();
    let mut start = 0;
    let mut id = None;
    let mut at = 0;
    for line in ftl.split_inclusive('\n') {
        if !line.starts_with([' ', '\t']) {
            if at > start {
                out.push((id, &ftl[start..at]));
            }
            start = at;
            id = message_id(line);
        }
        at += line.len();
    }
    if at > start {
        out.push((id, &ftl[start..at]));
    }
    out
}

fn message_id(line: &str) -> Option<&str> {
    let (id, _) = line.split_once('=')?;
    let id = id.trim_end();
    let ok = id.starts_with(|c: char| c.is_ascii_alphabetic())
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    ok.then_some(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_as_gettext_reads_them() {
        for (locale, lang) in [
            ("zh_CN.UTF-8", Lang::ZhHans),
            ("zh_SG", Lang::ZhHans),
            ("zh_Hans", Lang::ZhHans),
            ("zh_TW.UTF-8", Lang::ZhHant),
            ("zh_HK.Big5-HKSCS", Lang::ZhHant),
            ("zh_MO", Lang::ZhHant),
            ("zh_Hant_TW", Lang::ZhHant),
            ("zh_Hant", Lang::ZhHant),
            ("zh", Lang::ZhHans),
            ("C", Lang::En),
            ("POSIX", Lang::En),
            ("C.UTF-8", Lang::En),
            ("en_US.UTF-8", Lang::En),
            ("fr_FR", Lang::En),
        ] {
            assert_eq!(Lang::from_locale(locale), lang, "{locale}");
        }
    }

    #[test]
    fn the_first_non_empty_variable_decides() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |k: &str| pairs.iter().find(|p| p.0 == k).map(|p| p.1.to_string())
        };
        assert_eq!(
            Lang::from_env(env(&[("LANG", "zh_TW.UTF-8")])),
            Lang::ZhHant
        );
        assert_eq!(
            Lang::from_env(env(&[("LC_ALL", "zh_CN.UTF-8"), ("LANG", "zh_TW.UTF-8")])),
            Lang::ZhHans
        );
        assert_eq!(
            Lang::from_env(env(&[
                ("LC_ALL", ""),
                ("LC_MESSAGES", "C"),
                ("LANG", "zh_TW")
            ])),
            Lang::En
        );
        assert_eq!(Lang::from_env(env(&[])), Lang::En);
    }

    #[test]
    fn catalogues_are_cut_at_each_message() {
        let ftl = "# c\n\na = x\n    y\nb = { $n ->\n    [one] z\n   *[other] w\n    }\n";
        let e = entries(ftl);
        let ids: Vec<_> = e.iter().map(|x| x.0).collect();
        assert_eq!(ids, [None, None, Some("a"), Some("b")]);
        assert_eq!(e.iter().map(|x| x.1).collect::<String>(), ftl);
    }
}
