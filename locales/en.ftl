# zhpress's messages in English: the reference catalogue. Every id the code
# uses (t!("id", ...)) is here and in zh-Hans.ftl, with the same variables;
# zh-Hant.ftl is generated from zh-Hans.ftl (README, "Messages in your language").

## Words used around every message

label-error = error
label-help = help
label-note = note
list-separator = {", "}
did-you-mean = did you mean `{ $candidate }`?
expected-one-of = expected one of: { $candidates }

## The command line's help

cli-about = One Chinese source, a static site in Traditional and Simplified script
cli-usage-heading = {"Usage: "}
cli-commands-heading = Commands
cli-options-heading = Options
cli-arguments-heading = Arguments
cli-help = Print help
cli-version = Print version
cli-root = The site's folder (where site.toml is).
cli-lang = The language of messages and help (default: from LC_ALL, LC_MESSAGES or LANG).
cli-drafts = Include entries and pages marked `draft = true`.
cli-build = Build the site into output/.
cli-build-output = Where to write the site (default: <root>/output).
cli-build-base-url = Override site.toml's base_url, e.g. for a preview host.
cli-build-timings = Print how long each stage took.
cli-build-force = Build into a folder zhpress did not make: the files in it that the site does not make are kept, the ones it makes are replaced.
cli-check = Validate everything `build` validates, internal links, and the script of the source text (the lint); write nothing unless --fix.
cli-check-drafts = Also check entries and pages marked `draft = true`.
cli-check-fix = Rewrite the lint's flagged spans in place, and nothing else.
cli-check-audit = Also list where a conversion chose among readings of a lone character (干, 发, …) with no phrase or rule deciding, for review.
cli-serve = Serve the site on loopback at base_url's path; with --watch, rebuild on every change and reload open pages.
cli-serve-watch = Rebuild on changes under content/, themes/, templates/, static/ and site.toml.
cli-serve-port = The port; 0 picks a free one.
cli-serve-bind = The address to listen on. Anything but loopback shows the site to your network.
cli-serve-open = Open the site in the default browser.
cli-serve-base-url = Override site.toml's base_url.
cli-serve-editor = The editor the error overlay's links open files in (code, cursor, zed, subl, idea, …; default: $VISUAL or $EDITOR).
cli-convert = Convert standard input to standard output with an OpenCC configuration (s2t, t2s, s2twp, …), as zhpress converts content.
cli-convert-config = The conversion, by OpenCC configuration name.
cli-convert-dictionaries = zhpress: OpenCC's dictionaries with zhpress's fixes (docs/deviations.md); opencc: OpenCC's alone, byte-identical to the C++ library.
cli-init = Make a new site in DIR that builds at once (settings, an example entry, the default theme).
cli-init-dir = The folder to make the site in; it must not exist yet, or be empty.
cli-new = Scaffold content.
cli-new-org = A new organization entry: content/orgs/<slug>.md
cli-new-org-slug = The entry's slug: its file name and web address, in lowercase ASCII letters, digits and `-` (e.g. red-cross-chongqing).

## What the commands say

init-made = zhpress: made a new site in { $dir } ({ $files } files)
init-next = next: cd { $dir } && zhpress serve --watch
new-wrote = zhpress: wrote { $path }
build-variant-pages = { $variant } { $pages } pages
build-done = zhpress: built { $pages } ({ $files } files, { $changed } changed) into { $output } in { $ms } ms
build-timings = timings: load { $load } ms, convert { $convert } ms, render { $render } ms (files written as rendered: { $writing } ms of it, summed over threads), write { $write } ms
build-failed = zhpress: { $errors } error(s) in the site's files; nothing was written, { $output } is as it was
build-stopped = zhpress: the build stopped; { $output } is as it was
build-stopped-by-limit = zhpress: the build was stopped; nothing was written, { $output } is as it was
check-stopped-by-limit = zhpress: check was stopped
serve-stopped-by-limit = zhpress: serve stopped, since a template cannot be interrupted; fix it and start serve again
check-failed = zhpress: check found { $problems } problem(s)
site-errors = zhpress: { $errors } error(s) in the site's files
check-passed = zhpress: check passed: { $files } files built in memory, every internal link resolves, the source script is clean
fix-fixed = fixed { $location }: `{ $suspect }` → `{ $correction }`
fix-summary = zhpress: rewrote { $spans } span(s) in { $files } file(s)
audit-reading = { $conversion } read `{ $source }` as `{ $chosen }` (also: { $others })
audit-readings-summary = zhpress: audit: { $places } place(s) where a lone character was read one of several ways; review them, and fix any wrong one with -{"{"}…{"}"}- or the glossary
audit-regional-made = writes `{ $source }` as `{ $became }`
audit-regional-kept = keeps `{ $source }`; OpenCC's full Taiwan phrasing would write `{ $became }`
audit-regional-summary = zhpress: audit: { $substitutions } regional-vocabulary substitution(s) made or left out by Taiwan phrasing; pin a word with -{"{"}…{"}"}- where the other form is meant

## Errors of the command line

render-timeout-not-seconds = ZHPRESS_RENDER_TIMEOUT={ $value } is not a number of seconds
render-timeout-not-seconds-hint = set it to a whole number of seconds, or leave it unset for { $default }
base-url-flag-bad = --base-url `{ $url }` { $why }
base-url-flag-bad-hint = give the address the site will have, e.g. --base-url https://example.org/report, or a path such as --base-url /report
convert-unknown = -c { $config }: zhpress has no conversion called `{ $name }`
