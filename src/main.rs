//! The command line: parse, call the library, print, map errors to exit codes
//! (0 ok, 1 content or template error, 2 usage error).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::builder::PossibleValuesParser;
use clap::{Arg, ArgAction, CommandFactory, FromArgMatches, Parser, Subcommand};

use zhpress::content::LoadOptions;
use zhpress::i18n::Lang;
use zhpress::opencc::{Dictionaries, Engine};
use zhpress::{BuildOptions, Error};

#[derive(Parser)]
#[command(name = "zhpress", version)]
struct Cli {
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    #[arg(long, global = true, value_parser = PossibleValuesParser::new(Lang::ALL.map(Lang::code)))]
    lang: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    Build {
        #[arg(long)]
        output: Option<PathBuf>,
        #[arg(long)]
        base_url: Option<String>,
        #[arg(long)]
        drafts: bool,
        #[arg(long)]
        timings: bool,
        #[arg(long)]
        strict: bool,
        #[arg(long)]
        force: bool,
    },
    Check {
        #[arg(long)]
        drafts: bool,
        #[arg(long)]
        fix: bool,
        #[arg(long)]
        audit: bool,
    },
    Serve {
        #[arg(long)]
        watch: bool,
        #[arg(long, default_value_t = zhpress::serve::DEFAULT_PORT)]
        port: u16,
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        #[arg(long)]
        open: bool,
        #[arg(long)]
        drafts: bool,
        #[arg(long)]
        base_url: Option<String>,
        #[arg(long, value_name = "NAME")]
        editor: Option<String>,
    },
    Convert {
        #[arg(long, short = 'c')]
        config: String,
        #[arg(long, default_value = "zhpress", value_parser = PossibleValuesParser::new(Dictionaries::NAMES))]
        dictionaries: String,
    },
    Init {
        #[arg(required_unless_present = "cms")]
        dir: Option<PathBuf>,
        #[arg(long, value_parser = PossibleValuesParser::new(zhpress::content::cms::NAMES))]
        cms: Option<String>,
        #[arg(long, requires = "cms")]
        force: bool,
    },
    New {
        #[command(subcommand)]
        what: New,
    },
}

#[derive(Subcommand)]
enum New {
    Org { slug: String },
    Page { slug: String },
}

/// The command line with every help text in the editor's language (clap's
/// derive gives the shape; the words come from the catalogue).
fn command() -> clap::Command {
    let help = |id: String| move |a: Arg| a.help(id);
    let cmd = Cli::command()
        .about(zhpress::t!("cli-about"))
        .mut_arg("root", help(zhpress::t!("cli-root")))
        .mut_arg("lang", help(zhpress::t!("cli-lang")))
        .mut_subcommand("build", |c| {
            c.about(zhpress::t!("cli-build"))
                .mut_arg("output", help(zhpress::t!("cli-build-output")))
                .mut_arg("base_url", help(zhpress::t!("cli-build-base-url")))
                .mut_arg("drafts", help(zhpress::t!("cli-drafts")))
                .mut_arg("timings", help(zhpress::t!("cli-build-timings")))
                .mut_arg("force", help(zhpress::t!("cli-build-force")))
                .mut_arg("strict", help(zhpress::t!("cli-build-strict")))
        })
        .mut_subcommand("check", |c| {
            c.about(zhpress::t!("cli-check"))
                .mut_arg("drafts", help(zhpress::t!("cli-check-drafts")))
                .mut_arg("fix", help(zhpress::t!("cli-check-fix")))
                .mut_arg("audit", help(zhpress::t!("cli-check-audit")))
        })
        .mut_subcommand("serve", |c| {
            c.about(zhpress::t!("cli-serve"))
                .mut_arg("watch", help(zhpress::t!("cli-serve-watch")))
                .mut_arg("port", help(zhpress::t!("cli-serve-port")))
                .mut_arg("bind", help(zhpress::t!("cli-serve-bind")))
                .mut_arg("open", help(zhpress::t!("cli-serve-open")))
                .mut_arg("drafts", help(zhpress::t!("cli-drafts")))
                .mut_arg("base_url", help(zhpress::t!("cli-serve-base-url")))
                .mut_arg("editor", help(zhpress::t!("cli-serve-editor")))
        })
        .mut_subcommand("convert", |c| {
            c.about(zhpress::t!("cli-convert"))
                .mut_arg("config", help(zhpress::t!("cli-convert-config")))
                .mut_arg(
                    "dictionaries",
                    help(zhpress::t!("cli-convert-dictionaries")),
                )
        })
        .mut_subcommand("init", |c| {
            c.about(zhpress::t!("cli-init"))
                .mut_arg("dir", help(zhpress::t!("cli-init-dir")))
                .mut_arg("cms", help(zhpress::t!("cli-init-cms")))
                .mut_arg("force", help(zhpress::t!("cli-init-force")))
        })
        .mut_subcommand("new", |c| {
            c.about(zhpress::t!("cli-new"))
                .mut_subcommand("org", |c| {
                    c.about(zhpress::t!("cli-new-org"))
                        .mut_arg("slug", help(zhpress::t!("cli-new-org-slug")))
                })
                .mut_subcommand("page", |c| {
                    c.about(zhpress::t!("cli-new-page"))
                        .mut_arg("slug", help(zhpress::t!("cli-new-org-slug")))
                })
        });
    dress(cmd, true)
}

/// clap's own words in the editor's language: the headings, and the help and
/// version flags (clap cannot translate them; they are replaced).
fn dress(cmd: clap::Command, top: bool) -> clap::Command {
    let template = format!(
        "{{about-with-newline}}\n{}{{usage}}\n\n{{all-args}}{{after-help}}",
        zhpress::t!("cli-usage-heading")
    );
    let mut cmd = cmd
        .help_template(template)
        .subcommand_help_heading(zhpress::t!("cli-commands-heading"))
        .disable_help_subcommand(true)
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(zhpress::t!("cli-help")),
        );
    if top {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(zhpress::t!("cli-version")),
        );
    }
    let (options, arguments) = (
        zhpress::t!("cli-options-heading"),
        zhpress::t!("cli-arguments-heading"),
    );
    cmd.mut_args(|a| {
        let heading = if a.is_positional() {
            &arguments
        } else {
            &options
        };
        help_notes(a.help_heading(heading.clone()))
    })
    .mut_subcommands(|c| dress(c, false))
}

/// An argument's `[default: …]` and `[possible values: …]` notes in the
/// editor's language: clap writes them in English only, so outside English
/// its own are hidden and ours are put at the end of the help text, as clap
/// puts its own.
fn help_notes(a: Arg) -> Arg {
    if zhpress::i18n::lang() == Lang::En || !a.get_action().takes_values() {
        return a;
    }
    let mut notes = Vec::new();
    if !a.is_hide_default_value_set() && !a.get_default_values().is_empty() {
        let values: Vec<String> = a
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().into_owned())
            .collect();
        notes.push(zhpress::t!("cli-default", value = values.join(" ")));
    }
    if !a.is_hide_possible_values_set() {
        let values: Vec<String> = a
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_string())
            .collect();
        if !values.is_empty() {
            let values = values.join(&zhpress::t!("list-separator"));
            notes.push(zhpress::t!("cli-possible-values", values = values));
        }
    }
    if notes.is_empty() {
        return a;
    }
    let help = a.get_help().map(ToString::to_string).unwrap_or_default();
    // After a full stop of Chinese text, no space (clap puts one after English).
    let gap = if help.ends_with(|c: char| !c.is_ascii()) {
        ""
    } else {
        " "
    };
    let help = format!("{help}{gap}{}", notes.join(" "));
    a.hide_default_value(true)
        .hide_possible_values(true)
        .help(help)
}

/// Ends the process for a command line clap did not accept (or for --help
/// and --version), with clap's exit code: 2 for a usage error, 0 for help.
/// In English the words are clap's own; in Chinese they are the catalogue's,
/// from the error's kind and context.
fn parse_failed(e: clap::Error) -> ! {
    use clap::error::ErrorKind;
    let shown_by_clap = matches!(
        e.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    );
    if zhpress::i18n::lang() == Lang::En || shown_by_clap {
        e.exit()
    }
    match parse_error_text(&e) {
        Some(text) => {
            let _ = std::io::stderr().lock().write_all(text.as_bytes());
            std::process::exit(e.exit_code())
        }
        None => e.exit(),
    }
}

/// clap's error report (error, tips, usage, where to read more) in the
/// catalogue's words; `None` for a kind or context this does not know,
/// which clap then reports itself.
fn parse_error_text(e: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind as K, ContextValue as V, ErrorKind};
    let text = |k: K| match e.get(k) {
        Some(V::String(s)) => Some(s.clone()),
        _ => None,
    };
    let texts = |k: K| match e.get(k) {
        Some(V::Strings(v)) => Some(v.clone()),
        _ => None,
    };
    let separator = zhpress::t!("list-separator");
    let quoted = |v: &[String]| {
        v.iter()
            .map(|x| format!("`{x}`"))
            .collect::<Vec<_>>()
            .join(&separator)
    };
    let indented = |v: &[String]| v.iter().map(|x| format!("\n  {x}")).collect::<String>();
    let mut message = match e.kind() {
        ErrorKind::UnknownArgument => {
            zhpress::t!("cli-error-unknown-argument", arg = text(K::InvalidArg)?)
        }
        ErrorKind::InvalidSubcommand => zhpress::t!(
            "cli-error-unknown-subcommand",
            subcommand = text(K::InvalidSubcommand)?
        ),
        ErrorKind::InvalidValue => {
            let (arg, value) = (text(K::InvalidArg)?, text(K::InvalidValue)?);
            let mut m = if value.is_empty() {
                zhpress::t!("cli-error-value-required", arg = arg)
            } else {
                zhpress::t!("cli-error-invalid-value", arg = arg, value = value)
            };
            if let Some(values) = texts(K::ValidValue).filter(|v| !v.is_empty()) {
                let values = values.join(&separator);
                m.push_str("\n  ");
                m.push_str(&zhpress::t!("cli-possible-values", values = values));
            }
            m
        }
        ErrorKind::ValueValidation => {
            let (arg, value) = (text(K::InvalidArg)?, text(K::InvalidValue)?);
            match std::error::Error::source(e) {
                Some(reason) => zhpress::t!(
                    "cli-error-invalid-value-because",
                    arg = arg,
                    value = value,
                    reason = reason.to_string()
                ),
                None => zhpress::t!("cli-error-invalid-value", arg = arg, value = value),
            }
        }
        ErrorKind::MissingRequiredArgument => {
            let missing = texts(K::InvalidArg)?;
            zhpress::t!("cli-error-missing-arguments") + &indented(&missing)
        }
        ErrorKind::MissingSubcommand => {
            let mut m = zhpress::t!(
                "cli-error-missing-subcommand",
                command = text(K::InvalidSubcommand)?
            );
            if let Some(values) = texts(K::ValidSubcommand).filter(|v| !v.is_empty()) {
                let values = values.join(&separator);
                m.push_str("\n  ");
                m.push_str(&zhpress::t!("cli-error-subcommands", subcommands = values));
            }
            m
        }
        ErrorKind::ArgumentConflict => {
            let arg = text(K::InvalidArg)?;
            match e.get(K::PriorArg) {
                Some(V::String(other)) if *other == arg => {
                    zhpress::t!("cli-error-argument-repeated", arg = arg)
                }
                Some(V::String(other)) => {
                    zhpress::t!("cli-error-argument-conflict", arg = arg, other = other)
                }
                Some(V::Strings(others)) => {
                    zhpress::t!("cli-error-argument-conflict-many", arg = arg) + &indented(others)
                }
                _ => zhpress::t!("cli-error-argument-conflict-others", arg = arg),
            }
        }
        ErrorKind::TooManyValues => zhpress::t!(
            "cli-error-too-many-values",
            arg = text(K::InvalidArg)?,
            value = text(K::InvalidValue)?
        ),
        ErrorKind::InvalidUtf8 => zhpress::t!("cli-error-invalid-utf8"),
        _ => return None,
    };
    let mut tips = Vec::new();
    match e.get(K::SuggestedSubcommand) {
        Some(V::String(s)) => {
            tips.push(zhpress::t!("cli-error-similar-subcommand", subcommand = s))
        }
        Some(V::Strings(v)) if v.len() == 1 => tips.push(zhpress::t!(
            "cli-error-similar-subcommand",
            subcommand = &v[0]
        )),
        Some(V::Strings(v)) if !v.is_empty() => tips.push(zhpress::t!(
            "cli-error-similar-subcommands",
            subcommands = quoted(v)
        )),
        _ => {}
    }
    if let Some(arg) = text(K::SuggestedArg) {
        tips.push(zhpress::t!("cli-error-similar-argument", arg = arg));
    }
    if let Some(value) = text(K::SuggestedValue) {
        tips.push(zhpress::t!("cli-error-similar-value", value = value));
    }
    if let Some(V::StyledStrs(suggested)) = e.get(K::Suggested) {
        tips.extend(suggested.iter().map(|s| clap_tip(&s.to_string())));
    }
    if !tips.is_empty() {
        message.push('\n');
        for tip in &tips {
            message.push_str(&format!("\n  {}: {tip}", zhpress::t!("cli-error-tip")));
        }
    }
    if let Some(V::StyledStr(usage)) = e.get(K::Usage) {
        let usage = usage.to_string();
        let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage);
        message.push_str(&format!("\n\n{}{usage}", zhpress::t!("cli-usage-heading")));
    }
    Some(format!(
        "{}: {message}\n\n{}\n",
        zhpress::t!("label-error"),
        zhpress::t!("cli-error-try-help", help = "--help")
    ))
}

/// One of clap's ready-made tips (clap gives them as English text), in the
/// catalogue's words when it is one clap makes; else as clap wrote it.
fn clap_tip(tip: &str) -> String {
    let quoted =
        |s: &str| -> Option<String> { Some(s.strip_prefix('\'')?.strip_suffix('\'')?.to_string()) };
    if let Some((arg, usage)) = tip
        .strip_prefix("to pass ")
        .and_then(|t| t.split_once(" as a value, use "))
    {
        if let (Some(arg), Some(usage)) = (quoted(arg), quoted(usage)) {
            return zhpress::t!("cli-error-tip-as-value", arg = arg, usage = usage);
        }
    }
    if let Some(sub) = tip
        .strip_prefix("subcommand ")
        .and_then(|t| t.strip_suffix(" exists; to use it, remove the '--' before it"))
        .and_then(quoted)
    {
        return zhpress::t!("cli-error-tip-double-dash", subcommand = sub);
    }
    if let Some(command) = tip.strip_suffix(" exists").and_then(quoted) {
        return zhpress::t!("cli-error-tip-exists", command = command);
    }
    tip.to_string()
}

/// The language of the messages: `--lang`, else the locale. It is read before
/// clap parses, since the help texts are in it.
fn choose_lang() -> Lang {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let given = args
        .iter()
        .enumerate()
        .find_map(|(i, a)| match a.strip_prefix("--lang") {
            Some("") => args.get(i + 1).map(String::as_str),
            Some(v) => v.strip_prefix('='),
            None => None,
        });
    given
        .and_then(Lang::from_code)
        .unwrap_or_else(|| Lang::from_env(|v| std::env::var(v).ok()))
}

/// mimalloc: rendering makes and drops millions of small strings and values
/// from two or more threads at once, where glibc's malloc spent a fifth of a
/// 10,000-organization build (measured with perf).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Memory freed stays with the process until it ends. mimalloc gives freed
/// memory back to the system after 10 ms by default, and the next large
/// allocation then faults its pages in again (zeroed by the kernel; on this
/// VM, also re-backed by the host). For a long-running `serve`, measured
/// with perf, it more than doubled the rebuild time after an edit on a
/// 10,000-organization site; for `build`, the kernel's page zeroing was a
/// tenth of a 10,000-organization build, and keeping freed memory made it
/// about a tenth faster for a tenth more peak memory (bench/run).
fn keep_freed_memory() {
    /// `mi_option_purge_delay` in mimalloc.h (v2 and v3); -1: never purge.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: sets one of mimalloc's documented options to a documented
    // value; `mi_option_set` is safe to call at any time.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) }
}

/// No transparent huge pages: memory comes from the kernel 4 KiB at a time
/// as it is first touched, not 2 MiB at a time. A huge page needs 2 MiB the
/// kernel has free in one piece, which on this VM is mostly memory the host
/// has never backed, so each one is slow to zero; small pages come from what
/// was freed last (the previous build's output, say). Measured on a
/// 10,000-organization build, 16 runs each, alternating: median 1.70 s
/// against 1.94 s, the kernel's page zeroing from up to a third of the
/// samples to a few percent, and 342 MB peak memory against 384 MB.
///
/// Set by the process's constructors, before `main`: the runtime's and
/// mimalloc's first allocations come before it and were faulted in as huge
/// pages (50 ms of zeroing at the start of every build). mimalloc's own
/// `MIMALLOC_ALLOW_THP=0` does the same, but only as an environment variable.
#[cfg(any(target_os = "linux", target_os = "android"))]
#[used]
#[link_section = ".init_array"]
static NO_HUGE_PAGES: extern "C" fn() = {
    extern "C" fn no_huge_pages() {
        // SAFETY: PR_SET_THP_DISABLE takes these four integers and changes
        // only how the kernel backs this process's memory; an error (an old
        // kernel) leaves it as it was.
        unsafe {
            libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
        }
    }
    no_huge_pages
};

/// Prints a line on standard output. When the reader has gone (`zhpress
/// check --audit | head`), the command ends there, quietly and with exit 0,
/// as ripgrep does: the reader has what it wanted.
macro_rules! say {
    ($($arg:tt)*) => {
        say(format_args!($($arg)*))
    };
}

fn say(line: std::fmt::Arguments<'_>) {
    let mut out = std::io::stdout().lock();
    if let Err(e) = out.write_fmt(line).and_then(|()| out.write_all(b"\n")) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(0);
        }
    }
}

/// What a failed command says after the errors, where it is true.
enum Trailer {
    /// build: the previous output is as it was.
    Build(PathBuf),
    Check,
    /// Commands that read the site and write nothing (serve).
    Site,
    /// Commands that are not about the site's files (convert, init, new).
    None,
}

fn main() -> ExitCode {
    zhpress::i18n::set_lang(choose_lang());
    let cli = match command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(cli) => cli,
        Err(e) => parse_failed(e),
    };
    let color = std::io::stderr().is_terminal();
    let (result, trailer) = match cli.command {
        Command::Build {
            output,
            base_url,
            drafts,
            timings,
            strict,
            force,
        } => {
            let out = output.clone().unwrap_or_else(|| cli.root.join("output"));
            let options = BuildOptions {
                load: LoadOptions { drafts, base_url },
                output,
                force,
                strict,
            };
            let stopped = zhpress::t!("build-stopped-by-limit", output = &out);
            keep_freed_memory();
            let run =
                arm_time_limit(color, stopped).and_then(|()| build(&cli.root, &options, timings));
            (run, Trailer::Build(out))
        }
        Command::Check { drafts, fix, audit } => {
            let run = arm_time_limit(color, zhpress::t!("check-stopped-by-limit"))
                .and_then(|()| check(&cli.root, drafts, fix, audit));
            (run, Trailer::Check)
        }
        Command::Convert {
            config,
            dictionaries,
        } => (convert(&config, &dictionaries), Trailer::None),
        Command::Init {
            dir: Some(dir),
            cms,
            force,
        } => (
            zhpress::content::scaffold::init(&dir)
                .map(|files| {
                    say!(
                        "{}",
                        zhpress::t!("init-made", dir = &dir, files = files.len())
                    );
                    say!("{}", zhpress::t!("init-next", dir = &dir));
                })
                .and_then(|()| cms_admin(&dir, cms.as_deref(), force)),
            Trailer::None,
        ),
        Command::Init {
            dir: None,
            cms,
            force,
        } => (cms_admin(&cli.root, cms.as_deref(), force), Trailer::None),
        Command::Serve {
            watch,
            port,
            bind,
            open,
            drafts,
            base_url,
            editor,
        } => {
            keep_freed_memory();
            let stopped = zhpress::t!("serve-stopped-by-limit");
            let run = check_base_url(base_url.as_deref())
                .and_then(|()| arm_time_limit(color, stopped))
                .and_then(|()| {
                    zhpress::serve::run(zhpress::serve::ServeOptions {
                        root: cli.root.clone(),
                        bind,
                        port,
                        watch,
                        open,
                        load: LoadOptions { drafts, base_url },
                        editor: editor
                            .or_else(|| std::env::var("VISUAL").ok())
                            .or_else(|| std::env::var("EDITOR").ok())
                            .filter(|e| !e.trim().is_empty()),
                    })
                });
            (run, Trailer::Site)
        }
        Command::New { what } => {
            let made = match what {
                New::Org { slug } => zhpress::content::scaffold::new_org(&cli.root, &slug),
                New::Page { slug } => zhpress::content::scaffold::new_page(&cli.root, &slug),
            };
            (
                made.map(|path| {
                    say!("{}", zhpress::t!("new-wrote", path = &path));
                }),
                Trailer::None,
            )
        }
    };
    finish(result, color, &trailer)
}

/// `init --cms`: static/admin/ for the site at `root`.
fn cms_admin(root: &Path, cms: Option<&str>, force: bool) -> Result<(), Error> {
    let Some(cms) = cms else { return Ok(()) };
    let files = zhpress::content::cms::write_admin(root, cms, force)?;
    say!("{}", zhpress::content::cms::messages::written(&files));
    Ok(())
}

fn finish(result: Result<(), Error>, color: bool, trailer: &Trailer) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            report(&e, color, trailer);
            ExitCode::from(match e {
                Error::Usage { .. } => 2,
                Error::Content(_) | Error::Io { .. } => 1,
            })
        }
    }
}

/// Prints an error on standard error; a closed standard error is ignored
/// (there is no one left to tell).
fn report(e: &Error, color: bool, trailer: &Trailer) {
    let mut err = std::io::stderr().lock();
    let mut text = String::new();
    match e {
        Error::Content(ds) => {
            for d in ds {
                text.push_str(&d.render(color));
                text.push_str("\n\n");
            }
        }
        Error::Usage { message, hint } => {
            text = format!("{}: {message}\n", zhpress::t!("label-error"));
            if let Some(h) = hint {
                text.push_str(&format!("  = {}: {h}\n", zhpress::t!("label-help")));
            }
        }
        Error::Io { .. } => text = format!("{}: {e}\n", zhpress::t!("label-error")),
    }
    let n = e.diagnostics().len();
    let last = match (e, trailer) {
        (Error::Usage { .. }, _) | (_, Trailer::None) => None,
        (Error::Content(_), Trailer::Build(out)) => {
            Some(zhpress::t!("build-failed", errors = n, output = out))
        }
        (Error::Io { .. }, Trailer::Build(out)) => Some(zhpress::t!("build-stopped", output = out)),
        (Error::Content(_), Trailer::Check) => Some(zhpress::t!("check-failed", problems = n)),
        (Error::Content(_), Trailer::Site) => Some(zhpress::t!("site-errors", errors = n)),
        (Error::Io { .. }, _) => None,
    };
    if let Some(l) = last {
        text.push_str(&l);
        text.push('\n');
    }
    let _ = err.write_all(text.as_bytes());
}

/// The time limit of one page's rendering (`ZHPRESS_RENDER_TIMEOUT`, in
/// seconds): a template that loops for ever stops the command with the
/// template named, and `stopped` said after it.
fn arm_time_limit(color: bool, stopped: String) -> Result<(), Error> {
    use zhpress::render::theme::limits;
    let limit = match std::env::var("ZHPRESS_RENDER_TIMEOUT") {
        Err(_) => limits::DEFAULT_TIMEOUT,
        Ok(v) => match v.trim().parse::<u64>() {
            Ok(n) if n > 0 => std::time::Duration::from_secs(n),
            _ => {
                return Err(Error::usage(
                    zhpress::t!("render-timeout-not-seconds", value = v),
                    zhpress::t!(
                        "render-timeout-not-seconds-hint",
                        default = limits::DEFAULT_TIMEOUT.as_secs()
                    ),
                ))
            }
        },
    };
    limits::start_watchdog(limit, move |d| {
        let _ = writeln!(std::io::stderr(), "{}\n\n{}", d.render(color), stopped);
        std::process::exit(1);
    });
    Ok(())
}

/// `--base-url`: a usage error when it cannot be a site's address.
fn check_base_url(url: Option<&str>) -> Result<(), Error> {
    match url.map(|u| (u, zhpress::content::config::base_url_problem(u))) {
        Some((u, Some(why))) => Err(Error::usage(
            zhpress::t!("base-url-flag-bad", url = u, why = why),
            zhpress::t!("base-url-flag-bad-hint"),
        )),
        _ => Ok(()),
    }
}

fn build(root: &Path, options: &BuildOptions, timings: bool) -> Result<(), Error> {
    check_base_url(options.load.base_url.as_deref())?;
    let started = Instant::now();
    let report = zhpress::build(root, options)?;
    let pages: Vec<String> = report
        .pages
        .iter()
        .map(|(v, n)| zhpress::t!("build-variant-pages", variant = v, pages = *n))
        .collect();
    let out = options
        .output
        .clone()
        .unwrap_or_else(|| root.join("output"));
    say!(
        "{}",
        zhpress::t!(
            "build-done",
            pages = pages.join(&zhpress::t!("list-separator")),
            files = report.files,
            changed = report.written,
            output = &out,
            ms = started.elapsed().as_millis() as u64
        )
    );
    if let Some(lint) = &report.lint {
        eprintln!("zhpress: {}: {lint}", zhpress::t!("label-warning"));
    }
    for note in &report.notes {
        say!("{}: {}", zhpress::t!("label-note"), note);
    }
    if timings {
        let t = &report.timings;
        let ms = |d: std::time::Duration| format!("{:.1}", d.as_secs_f64() * 1e3);
        say!(
            "{}",
            zhpress::t!(
                "build-timings",
                load = ms(t.load),
                convert = ms(t.convert),
                render = ms(t.render),
                writing = ms(t.writing),
                write = ms(t.write)
            )
        );
    }
    Ok(())
}

fn check(root: &Path, drafts: bool, fix: bool, audit: bool) -> Result<(), Error> {
    let options = LoadOptions {
        drafts,
        base_url: None,
    };
    let mut timings = zhpress::Timings::default();
    let source = zhpress::content::load(root, &options)?;
    let files = zhpress::make_site_from(&source, &mut timings)?;
    // Links written in the source are reported where they are written; the
    // rendered pages then only add what the templates made.
    let mut problems = zhpress::links::broken_source_links(&source, &files);
    let written: Vec<String> = problems.iter().map(|d| d.message.clone()).collect();
    problems.extend(
        zhpress::links::broken_links(&files)
            .into_iter()
            .filter(|d| {
                let decoded = percent_encoding::percent_decode_str(&d.message).decode_utf8_lossy();
                !written.iter().any(|w| *w == decoded)
            }),
    );
    let findings = zhpress::lint::lint(&source)?;
    if fix && !findings.is_empty() {
        let changed = zhpress::lint::fix(root, &findings)?;
        for f in &findings {
            say!(
                "{}",
                zhpress::t!(
                    "fix-fixed",
                    location = f.diagnostic().location(),
                    suspect = f.suspect(),
                    correction = &f.correction
                )
            );
        }
        say!(
            "{}",
            zhpress::t!("fix-summary", spans = findings.len(), files = changed.len())
        );
        let reloaded = zhpress::content::load(root, &options)?;
        let again = zhpress::lint::lint(&reloaded)?;
        problems.extend(again.iter().map(|f| f.diagnostic()));
        problems.extend(zhpress::lint::markers(&reloaded));
    } else {
        problems.extend(zhpress::lint::diagnostics(&source, &findings)?);
        problems.extend(zhpress::lint::markers(&source));
    }
    if audit {
        let mut items = zhpress::lint::audit(&source)?;
        // Grouped by reading, the most frequent first, each place in file order.
        let key = |a: &zhpress::lint::AuditItem| {
            (
                a.conversion,
                a.item.source.clone(),
                a.item.chosen.clone(),
                a.item.others.clone(),
            )
        };
        let mut counts: std::collections::HashMap<_, usize> = Default::default();
        for a in &items {
            *counts.entry(key(a)).or_default() += 1;
        }
        // Stable: the places of a reading stay in file order.
        items.sort_by_cached_key(|a| {
            let k = key(a);
            (std::cmp::Reverse(counts[&k]), k)
        });
        let mut last = None;
        for a in &items {
            let k = key(a);
            if last.as_ref() != Some(&k) {
                say!(
                    "{}",
                    zhpress::t!(
                        "audit-group",
                        conversion = a.conversion,
                        source = &a.item.source,
                        chosen = &a.item.chosen,
                        others = &a.item.others,
                        places = counts[&k]
                    )
                );
                last = Some(k);
            }
            say!(
                "{}:{}:{}: 「{}」 {}",
                a.file.display(),
                a.line,
                a.column,
                a.context,
                zhpress::t!(
                    "audit-reading",
                    conversion = a.conversion,
                    source = &a.item.source,
                    chosen = &a.item.chosen,
                    others = &a.item.others
                )
            );
        }
        say!(
            "{}",
            zhpress::t!("audit-readings-summary", places = items.len())
        );
        let regional = zhpress::lint::regional_audit(&source)?;
        for r in &regional {
            let (source, became) = (&r.item.source, &r.item.became);
            let what = if r.made {
                zhpress::t!("audit-regional-made", source = source, became = became)
            } else {
                zhpress::t!("audit-regional-kept", source = source, became = became)
            };
            say!(
                "{}:{}:{}: 「{}」 {} {}",
                r.file.display(),
                r.line,
                r.column,
                r.context,
                r.conversion,
                what
            );
        }
        say!(
            "{}",
            zhpress::t!("audit-regional-summary", substitutions = regional.len())
        );
    }
    if !problems.is_empty() {
        return Err(Error::Content(problems));
    }
    say!("{}", zhpress::t!("check-passed", files = files.len()));
    Ok(())
}

fn convert(config: &str, dictionaries: &str) -> Result<(), Error> {
    use std::io::Read;
    // clap has checked the name against Dictionaries::NAMES.
    let dicts = Dictionaries::from_name(dictionaries).unwrap_or_default();
    let name = config.trim_end_matches(".json");
    let engine = Engine::get_with(name, dicts).map_err(|_| {
        Error::usage(
            zhpress::t!("convert-unknown", config = config, name = name),
            zhpress::diagnostic::suggest(name, &zhpress::content::config::conversions()),
        )
    })?;
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(Path::new("<stdin>"), e))?;
    let input = zhpress::content::decode(Path::new("<stdin>"), bytes).map_err(Error::one)?;
    let out = engine.convert(&input);
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(out.as_bytes())
        .and_then(|()| stdout.flush())
    {
        // The reader has gone (`| head`): it has what it wanted.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::io(Path::new("<stdout>"), e)),
        Ok(()) => Ok(()),
    }
}
