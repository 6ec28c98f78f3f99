//! The command line: parse, call the library, print, map errors to exit codes
//! (0 ok, 1 content or template error, 2 usage error).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::builder::PossibleValuesParser;
use clap::{Parser, Subcommand};

use zhpress::content::LoadOptions;
use zhpress::opencc::{Dictionaries, Engine};
use zhpress::{BuildOptions, Error};

#[derive(Parser)]
#[command(
    name = "zhpress",
    version,
    about = "One Chinese source, a static site in Traditional and Simplified script"
)]
struct Cli {
    /// The site's folder (where site.toml is).
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into output/.
    Build {
        /// Where to write the site (default: <root>/output).
        #[arg(long)]
        output: Option<PathBuf>,
        /// Override site.toml's base_url, e.g. for a preview host.
        #[arg(long)]
        base_url: Option<String>,
        /// Include entries and pages marked `draft = true`.
        #[arg(long)]
        drafts: bool,
        /// Print how long each stage took.
        #[arg(long)]
        timings: bool,
        /// Refuse to build when the lint finds script or punctuation slips in
        /// the source (as `zhpress check` lists them); nothing is written.
        #[arg(long)]
        strict: bool,
        /// Build into a folder zhpress did not make: the files in it that the
        /// site does not make are kept, the ones it makes are replaced.
        #[arg(long)]
        force: bool,
    },
    /// Validate everything `build` validates, internal links, and the script of
    /// the source text (the lint); write nothing unless --fix.
    Check {
        #[arg(long)]
        drafts: bool,
        /// Rewrite the lint's flagged spans in place, and nothing else.
        #[arg(long)]
        fix: bool,
        /// Also list where a conversion chose among readings of a lone character
        /// (干, 发, …) with no phrase or rule deciding, for review.
        #[arg(long)]
        audit: bool,
    },
    /// Serve the site on loopback at base_url's path; with --watch, rebuild on
    /// every change and reload open pages.
    Serve {
        /// Rebuild on changes under content/, themes/, templates/, static/ and site.toml.
        #[arg(long)]
        watch: bool,
        /// The port; 0 picks a free one.
        #[arg(long, default_value_t = zhpress::serve::DEFAULT_PORT)]
        port: u16,
        /// The address to listen on. Anything but loopback shows the site to your network.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Include entries and pages marked `draft = true`.
        #[arg(long)]
        drafts: bool,
        /// Override site.toml's base_url.
        #[arg(long)]
        base_url: Option<String>,
    },
    /// Convert standard input to standard output with an OpenCC configuration
    /// (s2t, t2s, s2twp, …), as zhpress converts content.
    Convert {
        /// The conversion, by OpenCC configuration name.
        #[arg(long, short = 'c')]
        config: String,
        /// zhpress: OpenCC's dictionaries with zhpress's fixes (docs/deviations.md);
        /// opencc: OpenCC's alone, byte-identical to the C++ library.
        #[arg(long, default_value = "zhpress", value_parser = PossibleValuesParser::new(Dictionaries::NAMES))]
        dictionaries: String,
    },
    /// Make a new site in DIR that builds at once (settings, an example entry, the default theme).
    Init {
        /// The new site's folder (empty, or not there yet).
        #[arg(required_unless_present = "cms")]
        dir: Option<PathBuf>,
        /// Also write static/admin/, a browser CMS whose form is made from
        /// site.toml; without DIR, into the site at --root.
        #[arg(long, value_parser = PossibleValuesParser::new(zhpress::content::cms::NAMES))]
        cms: Option<String>,
        /// With --cms: replace static/admin/'s files (after site.toml changed).
        #[arg(long, requires = "cms")]
        force: bool,
    },
    /// Scaffold content.
    New {
        #[command(subcommand)]
        what: New,
    },
}

#[derive(Subcommand)]
enum New {
    /// A new organization entry, content/orgs/<SLUG>.md: a draft in the site's
    /// source script, with the site's declared fields
    Org {
        /// The file name and URL segment: lowercase ASCII letters, digits and `-`
        slug: String,
    },
    /// A new free page (about, methodology), content/pages/<SLUG>.md: a draft
    Page {
        /// The file name and URL segment: lowercase ASCII letters, digits and `-`
        slug: String,
    },
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
    let cli = Cli::parse();
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
            let stopped = format!(
                "zhpress: the build was stopped; nothing was written, {} is as it was",
                out.display()
            );
            keep_freed_memory();
            let run =
                arm_time_limit(color, stopped).and_then(|()| build(&cli.root, &options, timings));
            (run, Trailer::Build(out))
        }
        Command::Check { drafts, fix, audit } => {
            let run = arm_time_limit(color, "zhpress: check was stopped".into())
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
                        "zhpress: made a new site in {} ({} files)",
                        dir.display(),
                        files.len()
                    );
                    say!("next: cd {} && zhpress serve --watch", dir.display());
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
        } => {
            keep_freed_memory();
            let stopped = "zhpress: serve stopped, since a template cannot be interrupted; fix it and start serve again".to_string();
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
                    say!("zhpress: wrote {} (a draft: `zhpress serve --watch --drafts` shows it; delete its `draft = true` line to publish it)", path.display());
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
            text = format!("error: {message}\n");
            if let Some(h) = hint {
                text.push_str(&format!("  = help: {h}\n"));
            }
        }
        Error::Io { .. } => text = format!("error: {e}\n"),
    }
    let n = e.diagnostics().len();
    let last = match (e, trailer) {
        (Error::Usage { .. }, _) | (_, Trailer::None) => None,
        (Error::Content(_), Trailer::Build(out)) => Some(format!(
            "zhpress: {n} error(s) in the site's files; nothing was written, {} is as it was",
            out.display()
        )),
        (Error::Io { .. }, Trailer::Build(out)) => Some(format!(
            "zhpress: the build stopped; {} is as it was",
            out.display()
        )),
        (Error::Content(_), Trailer::Check) => Some(format!("zhpress: check found {n} problem(s)")),
        (Error::Content(_), Trailer::Site) => {
            Some(format!("zhpress: {n} error(s) in the site's files"))
        }
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
                    format!("ZHPRESS_RENDER_TIMEOUT={v} is not a number of seconds"),
                    format!(
                        "set it to a whole number of seconds, or leave it unset for {}",
                        limits::DEFAULT_TIMEOUT.as_secs()
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
            format!("--base-url `{u}` {why}"),
            "give the address the site will have, e.g. --base-url https://example.org/report, or a path such as --base-url /report",
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
        .map(|(v, n)| format!("{} {} pages", v, n))
        .collect();
    let out = options
        .output
        .clone()
        .unwrap_or_else(|| root.join("output"));
    say!(
        "zhpress: built {} ({} files, {} changed) into {} in {} ms",
        pages.join(", "),
        report.files,
        report.written,
        out.display(),
        started.elapsed().as_millis()
    );
    if let Some(lint) = &report.lint {
        eprintln!("zhpress: warning: {lint}");
    }
    for note in &report.notes {
        println!("note: {}", note);
    }
    if timings {
        let t = &report.timings;
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
        say!(
            "timings: load {:.1} ms, convert {:.1} ms, render {:.1} ms (files written as rendered: {:.1} ms of it, summed over threads), write {:.1} ms",
            ms(t.load),
            ms(t.convert),
            ms(t.render),
            ms(t.writing),
            ms(t.write)
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
                "fixed {}: `{}` → `{}`",
                f.diagnostic().location(),
                f.suspect,
                f.correction
            );
        }
        say!(
            "zhpress: rewrote {} span(s) in {} file(s)",
            findings.len(),
            changed.len()
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
        let items = zhpress::lint::audit(&source)?;
        for a in &items {
            say!(
                "{}:{}:{}: 「{}」 {} read `{}` as `{}` (also: {})",
                a.file.display(),
                a.line,
                a.column,
                a.context,
                a.conversion,
                a.item.source,
                a.item.chosen,
                a.item.others
            );
        }
        say!("zhpress: audit: {} place(s) where a lone character was read one of several ways; review them, and fix any wrong one with -{{…}}- or the glossary", items.len());
        let regional = zhpress::lint::regional_audit(&source)?;
        for r in &regional {
            let what = if r.made {
                format!("writes `{}` as `{}`", r.item.source, r.item.became)
            } else {
                format!(
                    "keeps `{}`; OpenCC's full Taiwan phrasing would write `{}`",
                    r.item.source, r.item.became
                )
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
        say!("zhpress: audit: {} regional-vocabulary substitution(s) made or left out by Taiwan phrasing; pin a word with -{{…}}- where the other form is meant", regional.len());
    }
    if !problems.is_empty() {
        return Err(Error::Content(problems));
    }
    say!("zhpress: check passed: {} files built in memory, every internal link resolves, the source script and its punctuation are clean", files.len());
    Ok(())
}

fn convert(config: &str, dictionaries: &str) -> Result<(), Error> {
    use std::io::Read;
    // clap has checked the name against Dictionaries::NAMES.
    let dicts = Dictionaries::from_name(dictionaries).unwrap_or_default();
    let name = config.trim_end_matches(".json");
    let engine = Engine::get_with(name, dicts).map_err(|_| {
        Error::usage(
            format!("-c {config}: zhpress has no conversion called `{name}`"),
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
