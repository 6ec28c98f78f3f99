//! The command line: parse, call the library, print, map errors to exit codes
//! (0 ok, 1 content or template error, 2 usage error).

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use clap::builder::PossibleValuesParser;
use clap::{Parser, Subcommand};

use zhpress::content::LoadOptions;
use zhpress::convert::engine::{Dictionaries, Engine};
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
    Init { dir: PathBuf },
    /// Scaffold content.
    New {
        #[command(subcommand)]
        what: New,
    },
}

#[derive(Subcommand)]
enum New {
    /// A new organization entry: content/orgs/<slug>.md
    Org { slug: String },
}

/// mimalloc: rendering makes and drops millions of small strings and values
/// from two or more threads at once, where glibc's malloc spent a fifth of a
/// 10,000-organization build (measured with perf).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// For a long-running `serve`: memory freed after a rebuild stays with the
/// process for the next one. mimalloc gives freed memory back to the system
/// after 10 ms by default, and every rebuild then faulted its large files'
/// pages in again (zeroed by the kernel; on this VM, also re-backed by the
/// host): measured with perf, it more than doubled the rebuild time after an
/// edit on a 10,000-organization site.
fn keep_freed_memory() {
    /// `mi_option_purge_delay` in mimalloc.h (v2 and v3); -1: never purge.
    const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
    // SAFETY: sets one of mimalloc's documented options to a documented
    // value; `mi_option_set` is safe to call at any time.
    unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, -1) }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = std::io::stderr().is_terminal();
    let result = match cli.command {
        Command::Build {
            output,
            base_url,
            drafts,
            timings,
        } => build(&cli.root, output, base_url, drafts, timings),
        Command::Check { drafts, fix, audit } => check(&cli.root, drafts, fix, audit),
        Command::Convert {
            config,
            dictionaries,
        } => convert(&config, &dictionaries),
        Command::Init { dir } => zhpress::content::scaffold::init(&dir).map(|files| {
            println!(
                "zhpress: made a new site in {} ({} files)",
                dir.display(),
                files.len()
            );
            println!("next: cd {} && zhpress serve --watch", dir.display());
        }),
        Command::Serve {
            watch,
            port,
            bind,
            open,
            drafts,
            base_url,
        } => {
            keep_freed_memory();
            zhpress::serve::run(zhpress::serve::ServeOptions {
                root: cli.root.clone(),
                bind,
                port,
                watch,
                open,
                load: LoadOptions { drafts, base_url },
            })
        }
        Command::New {
            what: New::Org { slug },
        } => zhpress::content::scaffold::new_org(&cli.root, &slug).map(|path| {
            println!("zhpress: wrote {}", path.display());
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            report(&e, color);
            ExitCode::from(1)
        }
    }
}

fn report(e: &Error, color: bool) {
    let ds = e.diagnostics();
    for d in &ds {
        eprintln!("{}\n", d.render(color));
    }
    eprintln!("zhpress: {}; nothing was written", e);
}

fn build(
    root: &Path,
    output: Option<PathBuf>,
    base_url: Option<String>,
    drafts: bool,
    timings: bool,
) -> Result<(), Error> {
    let started = Instant::now();
    let options = BuildOptions {
        load: LoadOptions { drafts, base_url },
        output: output.clone(),
    };
    let report = zhpress::build(root, &options)?;
    let pages: Vec<String> = report
        .pages
        .iter()
        .map(|(v, n)| format!("{} {} pages", v, n))
        .collect();
    let out = output.unwrap_or_else(|| root.join("output"));
    println!(
        "zhpress: built {} ({} files, {} changed) into {} in {} ms",
        pages.join(", "),
        report.files,
        report.written,
        out.display(),
        started.elapsed().as_millis()
    );
    if timings {
        let t = &report.timings;
        let ms = |d: std::time::Duration| d.as_secs_f64() * 1e3;
        println!(
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
    let files = zhpress::make_site_from(root, &source, &mut timings)?;
    let mut problems = zhpress::links::broken_links(&files);
    let findings = zhpress::lint::lint(&source)?;
    if fix && !findings.is_empty() {
        let changed = zhpress::lint::fix(root, &findings)?;
        for f in &findings {
            println!(
                "fixed {}: `{}` → `{}`",
                f.diagnostic().location(),
                f.suspect,
                f.correction
            );
        }
        println!(
            "zhpress: rewrote {} span(s) in {} file(s)",
            findings.len(),
            changed.len()
        );
        let again = zhpress::lint::lint(&zhpress::content::load(root, &options)?)?;
        problems.extend(again.iter().map(|f| f.diagnostic()));
    } else {
        problems.extend(findings.iter().map(|f| f.diagnostic()));
    }
    if audit {
        let items = zhpress::lint::audit(&source)?;
        for a in &items {
            println!(
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
        println!("zhpress: audit: {} place(s) where a lone character was read one of several ways; review them, and fix any wrong one with -{{…}}- or the glossary", items.len());
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
            println!(
                "{}:{}:{}: 「{}」 {} {}",
                r.file.display(),
                r.line,
                r.column,
                r.context,
                r.conversion,
                what
            );
        }
        println!("zhpress: audit: {} regional-vocabulary substitution(s) made or left out by Taiwan phrasing; pin a word with -{{…}}- where the other form is meant", regional.len());
    }
    if !problems.is_empty() {
        return Err(Error::Content(problems));
    }
    println!("zhpress: check passed: {} files built in memory, every internal link resolves, the source script is clean", files.len());
    Ok(())
}

fn convert(config: &str, dictionaries: &str) -> Result<(), Error> {
    use std::io::{Read, Write};
    // clap has checked the name against Dictionaries::NAMES.
    let dicts = Dictionaries::from_name(dictionaries).unwrap_or_default();
    let engine = Engine::get_with(config.trim_end_matches(".json"), dicts)
        .map_err(|e| Error::one(zhpress::Diagnostic::file("--config", e)))?;
    let mut input = String::new();
    std::io::stdin()
        .read_to_string(&mut input)
        .map_err(|e| Error::io(Path::new("<stdin>"), e))?;
    let out = engine.convert(&input);
    std::io::stdout()
        .write_all(out.as_bytes())
        .map_err(|e| Error::io(Path::new("<stdout>"), e))?;
    Ok(())
}
