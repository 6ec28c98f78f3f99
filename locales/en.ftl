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
new-wrote = zhpress: wrote { $path } (a draft: `zhpress serve --watch --drafts` shows it; delete its `draft = true` line to publish it)
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

## Reading TOML

toml-string-not-closed = this is not valid TOML: the text value is not closed
toml-string-not-closed-hint = close it with `{ $quote }` on the same line: name = "重慶市移民學會"
toml-text-unquoted = this is not valid TOML: text values go in double quotes
toml-text-unquoted-hint = write it as name = "重慶市移民學會"
toml-duplicate-key = this is not valid TOML: a duplicate key (the same key is written twice)
toml-duplicate-key-hint = each key may appear once per table; remove one of them
toml-invalid = this is not valid TOML: { $detail }
unknown-key = unknown key `{ $key }`
field-missing = the required field `{ $key }` is missing
field-missing-hint = add a line `{ $key } = { $example }`
field-empty = `{ $key }` is empty
write-it-as = write it as `{ $key } = { $example }`
write-count-or-all = write it as `{ $key } = { $example }`, or `{ $key } = "all"`
expected-found = expected { $expected }, found { $found }
expected-text = text in double quotes
expected-boolean = true or false
expected-count = a whole number of 0 or more
expected-count-or-all = a whole number of 1 or more, or "all"
expected-date = a date
expected-date-text = a date (year-month-day)
expected-money = an amount in yuan
expected-number = a number
expected-table = a table
expected-table-hint = write it as `{"{"} name = "...", ... {"}"}`
expected-table-or-file = a table or a file name
expected-tables = a list of tables
expected-tables-hint = write each one under its own `[[{ $key }]]` header
expected-url = a web address in double quotes
expected-email = an e-mail address in double quotes
expected-integer = a whole number
expected-file-name = a file name in double quotes
expected-coordinates = a latitude and a longitude
value-text = text
value-integer = a whole number
value-decimal = a decimal number
value-boolean = true/false
value-date = a date
value-list = a list
value-table = a table
figure-no-value = `{ $key }` has no `value`
figure-no-value-hint = write it as `{ $key } = {"{"} value = 3100, qualifier = "近" {"}"}`, or `{ $key } = 3100` when it is exact
qualifier-unknown = `{ $word }` is not a word that qualifies a figure
qualifier-unknown-hint = { $suggestion } (the words: { $words })
decimal-negative = the value { $value } is negative; amounts and quantities cannot be negative
decimal-negative-hint = write the amount without a minus sign, e.g. `{ $key } = 41379.99`; a refund or a loss is not an amount zhpress adds up
decimal-malformed = { $value } is not a plain decimal number
decimal-malformed-hint = write digits with at most one decimal point, e.g. `{ $key } = 41379.99`
money-too-precise = the amount { $value } has more than 2 decimals; money is counted to the fen (0.01 yuan)
money-too-large = the amount { $value } is too large to be an amount of money
money-implausible = the amount { $value } is more than { $most } yuan; check for extra digits
money-hint = write yuan with at most two decimals: `{ $key } = 41379.99`
quantity-too-precise = the quantity { $value } has more than 3 decimals
quantity-too-large = the quantity { $value } is too large
quantity-hint = write it as `{ $key } = 11.5`

## Entries

entry-file-empty = the file is empty
entry-file-empty-hint = an entry starts with +++, its fields (at least `name` and one [[activities]]), and +++; `zhpress new org <slug>` writes one
front-matter-yaml = YAML front matter (---) is not supported
front-matter-yaml-hint = write the front matter in TOML between two `+++` lines: `name = "..."`
front-matter-not-first = the file does not start with a `+++` line
front-matter-not-first-hint = put the fields between two `+++` lines at the top of the file, then the text
front-matter-not-closed = the front matter opened here is never closed
front-matter-not-closed-hint = add a line `+++` after the last field, before the text
entry-no-activities = the entry has no activities
entry-no-activities-hint =
    add at least one:
    {"[[activities]]"}
    type = "{ $example }"
    summary = "..."
entry-activities-empty = the list of activities is empty
entry-activities-empty-hint = add at least one `[[activities]]` with `type = "{ $example }"` and a `summary`
activity-type-unknown = unknown activity type `{ $value }`
activity-type-unknown-hint = { $suggestion } (the types are declared in site.toml)
field-key-invalid = `{ $key }` cannot be a field's key
field-key-invalid-hint = write it in lowercase ASCII letters, digits and `_`, starting with a letter: `key = "founded"`
field-key-taken = an entry already has a `{ $key }`
field-key-taken-hint = choose another key for the field
field-type-unknown = there is no field type `{ $kind }`
field-url-invalid = `{ $value }` is not a web address
field-url-invalid-hint = write the whole address: `"https://example.org/"`
field-email-invalid = `{ $value }` is not an e-mail address
field-email-invalid-hint = write it as `"info@example.org"`
field-integer-too-large = the number is too large
field-integer-too-large-hint = write a whole number such as `1998`
field-coordinates-hint = write them in degrees as `[29.56, 106.55]` (latitude from -90 to 90, longitude from -180 to 180)
image-leaves-folder = `{ $file }` leaves the entry's folder
image-leaves-folder-hint = name a file beside the entry, or a path under the site such as `/images/logo.png`
image-not-found = there is no file `{ $file }` beside the entry
image-not-found-hint = put the image in the entry's folder, or correct the name
image-no-folder = `{ $file }` would be beside the entry, but the entry has no folder
image-no-folder-hint = write the entry as content/orgs/<slug>/index.md with the image next to it, or give a path under the site such as `/images/logo.png`

## The dev server's error overlay

overlay-heading = zhpress: the last edit does not build. The page shows the last good build.
overlay-close = Close
overlay-open = Open in the editor at this line
waiting-title = zhpress: the site does not build
waiting-heading = The site does not build yet

# --- scaffolds, the build's lint summary, a file in the other script ---
cli-init-cms = Also write static/admin/, a browser CMS whose form is made from site.toml; without DIR, into the site at --root.
cli-init-force = With --cms: replace static/admin/'s files (after site.toml changed).
cli-new-page = A new free page (about, methodology): content/pages/<slug>.md, a draft.
cli-build-strict = Refuse to build when the lint finds script or punctuation slips in the source (as `zhpress check` lists them); nothing is written.
label-warning = warning
lint-summary = the source has { $findings } script or punctuation slip(s) in { $files } file(s){ $whole }; `zhpress check` lists them, `zhpress check --fix` fixes them, `build --strict` refuses to build with them
lint-summary-wrong = , { $count } file(s) written in the other script
lint-wrong-script = this file is written in { $written } script, but the site's source script is { $source } ({ $count } word(s) would change, this is the first)
lint-wrong-script-hint = convert the whole file: `zhpress convert -c { $conversion } < { $file } > { $file }.new && mv { $file }.new { $file }`, then run `zhpress check` again; or set `source` in site.toml if the whole site is in that script
script-simplified = Simplified
script-traditional = Traditional
audit-group = { $conversion } `{ $source }` → `{ $chosen }` (also: { $others }), { $places } place(s):

## Site files: site.toml, content/, themes, links, -{…}- markup, Markdown (part A)

### site.toml

config-unreadable = cannot read the site settings: { $error }
config-unreadable-hint = run zhpress in the site's folder, or pass --root DIR; `zhpress init DIR` makes a new site
config-source-unknown = unknown source script `{ $value }`
config-base-url-bad = base_url `{ $url }` { $why }
config-base-url-bad-hint = write the address the site will have, e.g. `base_url = "https://example.org/report"`, or a path from the host's root such as `base_url = "/report"`
base-url-empty = is empty
base-url-not-an-address = is not an address: it starts with neither https:// nor http:// nor /
base-url-space = contains a space; an address has none (write %20 where a folder name has one)
base-url-control = contains the character U+{ $code }, which an address cannot hold
base-url-no-scheme = has no scheme: write it as https://…
base-url-query = has a ?query or #fragment, and page addresses are made by adding to it
base-url-invalid = is not a valid address ({ $error })
base-url-scheme = starts with `{ $scheme }:`; a site's address starts with https:// or http://
base-url-not-written-as = is not written as https://host/path
base-url-no-host = has no host name
base-url-credentials = carries a user name or password, which would be published on every page
config-paginate-zero = a page cannot show 0 entries
config-paginate-zero-hint = write a whole number of 1 or more, e.g. `paginate_by = { $default }`
config-dictionaries-unknown = no dictionaries are called `{ $value }`
config-dictionaries-unknown-guess = did you mean `{ $candidate }`? `zhpress` (the default) is OpenCC's dictionaries with zhpress's fixes; `opencc` is OpenCC's alone, byte-identical to the C++ library
config-dictionaries-unknown-hint = write `dictionaries = "zhpress"` or `dictionaries = "opencc"`. `zhpress` (the default) is OpenCC's dictionaries with zhpress's fixes; `opencc` is OpenCC's alone, byte-identical to the C++ library
config-no-variants = no `[[variants]]` are declared
config-variants-empty = `variants` is an empty list: the site would publish nothing
config-variants-hint = declare each published variant: [[variants]] code = "zh-Hant" path = "zh-hant" label = "繁體"
config-variant-code-not-a-tag = `{ $code }` is not a language tag
config-variant-code-not-a-tag-hint = use a BCP 47 tag such as zh-Hant, zh-Hans, zh-TW, zh-HK
config-variant-twice = the variant `{ $code }` is declared twice
config-variant-path-bad = the path `{ $path }` { $why }
config-variant-path-twice = two variants use the path `{ $path }`
config-conversion-unknown = unknown conversion `{ $name }`
config-prose-needs-zhpress = `{ $name }` is zhpress's prose-safe Taiwan phrasing, which `dictionaries = "opencc"` leaves out
config-prose-needs-zhpress-hint = write `convert = "{ $full }"` for OpenCC's own phrasing, or remove `dictionaries = "opencc"`
config-conversion-unknowable = cannot tell how to convert { $source } text into `{ $code }`
config-conversion-unknowable-hint = name the OpenCC conversion: `convert = "..."`, one of { $conversions }
config-quotes-unknown = no quotation style is called `{ $value }`
config-quotes-unknown-guess = did you mean `{ $candidate }`? write `quotes = "corner"` for 「…『…』…」 (Taiwan, Hong Kong) or `quotes = "curly"` for “…‘…’…” (the mainland), or leave `quotes` out to keep the marks as written
config-quotes-unknown-hint = write `quotes = "corner"` for 「…『…』…」 (Taiwan, Hong Kong) or `quotes = "curly"` for “…‘…’…” (the mainland), or leave `quotes` out to keep the marks as written
config-opencc-unavailable = a variant with its own OpenCC configuration is converted by the system's OpenCC, and this zhpress was built without it
config-opencc-unavailable-hint = build zhpress with the feature: `cargo build --release --features opencc-rust` (needs the system's OpenCC: `apt-get install libopencc-dev`); or name a built-in conversion: `convert = "s2t"`
config-opencc-config-missing = there is no OpenCC configuration { $file }
config-opencc-config-missing-hint = the path is relative to the site's folder (where site.toml is)
config-no-activity-types = no `[[activity_types]]` are declared
config-activity-types-empty = `activity_types` is an empty list: no entry could name its type
config-activity-types-hint = declare each type: [[activity_types]] key = "donation" name = "捐款捐物"
config-type-key-bad = the key `{ $key }` { $why }
config-type-twice = the activity type `{ $key }` is declared twice
config-glossary-unreadable = cannot read the glossary file `{ $file }`: { $error }
config-glossary-unreadable-hint = give a path relative to the site folder, e.g. glossary = "glossary.toml"

### Slugs and content/

slug-empty = is empty
slug-uppercase = has uppercase letters; URLs must not depend on case
slug-characters = may only use lowercase ASCII letters, digits and `-`
slug-dashes = must not start or end with `-` or repeat it
slug-bad = the slug `{ $slug }` { $why }
variant-not-of-site = `{ $code }` is not a variant of this site
content-shallow-clone = the git clone is shallow: pages changed before its oldest commit show that commit's date as their last update (fetch the whole history with `git fetch --unshallow`)
content-asset-without-entry = is in content/orgs/{ $slug }/, which has no index.md
content-asset-without-entry-hint = an entry with files beside it is content/orgs/{ $slug }/index.md; put the entry there, or move the file out of content/
content-override-orphan = this overrides `{ $slug }`, but there is no entry with that slug
content-override-orphan-hint = name it after an existing entry: orgs/<slug>.{ $code }.md
content-slug-taken = the slug `{ $slug }` is also used by { $file }
content-slug-taken-hint = each organization has one file: keep either the .md or the .toml
content-no-folder = the site has no content/ folder
content-no-folder-hint = create content/orgs/ and put one <slug>.md per organization in it
content-folder-not-file = is a folder, where zhpress expects a file
content-folder-not-file-hint = an entry is one file: move what is inside { $folder }/ out, and remove the folder
content-unknown-file = zhpress does not know what this file is
content-unknown-file-hint = organizations go in content/orgs/<slug>.md (or content/orgs/<slug>/index.md with its images beside it), free pages in content/pages/<slug>.md, the home page text in content/_index.md
content-folder-name-bad = the folder name `{ $folder }` { $why }
content-folder-name-bad-hint = rename the folder to { $suggestion }
content-no-extension = has no extension
content-name-it = name it <slug>.{ $ext }
content-name-it-either = name it <slug>.{ $ext } or <slug>.{ $other }
content-entries-are-toml = entries are TOML: <slug>.md with +++ front matter, or <slug>.toml
content-extension-not-read = `.{ $ext }` files are not read here
content-slug-dot = a slug cannot contain `.`
content-rename-it = rename it to { $name }
content-slug-case-clash = { $renamed } is beside it, and the two differ only in case: merge them into { $renamed }, or give this one another name
content-rename-file = rename the file to { $renamed }

### Reading files: kinds of file, links, encodings

files-cannot-read = cannot read: { $error }
files-fifo = a named pipe (FIFO)
files-socket = a socket
files-device = a device
files-folder = a folder
files-not-regular = not a regular file
files-special = is { $kind }, not a file: zhpress reads only regular files
files-special-hint = remove it, or put the file itself in its place
files-it-is = it is { $what }, not a file
files-link-loop = is a symbolic link that leads back to itself (a loop of links)
files-link-loop-hint = replace the link with the file itself, or point it at a file
files-link-dangling = is a symbolic link to { $target }, which does not exist
files-link-dangling-unknown = is a symbolic link to a file, which does not exist
files-link-dangling-hint = remove the link, or make it point at a file that exists
files-link-outside = is a symbolic link to { $target }, which is outside the site; what it leads to is never published
files-link-outside-hint = copy the file into the site instead of linking to it
statics-folder-unreadable = cannot read this folder
statics-link-loop = is a symbolic link to { $target }, a folder that holds it: a loop
statics-link-loop-hint = link to a folder beside it, or copy the files
statics-in-variant-folder = would go into { $path }/, the folder of the { $code } variant, whose files zhpress makes
statics-in-variant-folder-hint = put it elsewhere in static/, e.g. static/files/{ $name }
statics-replaces-made-file = would replace { $file }, which zhpress makes
statics-replaces-made-file-hint = to change { $file }, put your own { $template } template in templates/
statics-case-clash = `{ $first }` and `{ $second }` differ only in case: on a disk or host that ignores case (macOS, Windows) one replaces the other
statics-case-clash-hint = rename one of them
encoding-utf16 = the file is { $encoding } text (what Windows Notepad calls "Unicode"), not UTF-8
encoding-utf16-hint = save it as UTF-8 (Save as… → Encoding: UTF-8), or convert it: iconv -f { $encoding } -t UTF-8 { $file } > converted
encoding-nul = the file contains a NUL character (byte 0), which text never holds
encoding-nul-utf16-hint = this looks like UTF-16 without a byte-order mark: save it as UTF-8
encoding-nul-hint = remove it: a NUL character is not text (was the file copied from a binary, or cut short while saving?)
encoding-gbk = GBK, the Simplified Chinese encoding (GB2312, "ANSI" on a Chinese Windows)
encoding-gb18030 = GB18030, the Simplified Chinese encoding
encoding-big5 = Big5, the Traditional Chinese encoding of Taiwan and Hong Kong
encoding-shift-jis = Shift_JIS, a Japanese encoding
encoding-euc-jp = EUC-JP, a Japanese encoding
encoding-euc-kr = EUC-KR, the Korean encoding
encoding-not-utf8-named = the file is not UTF-8: it looks like { $encoding }
encoding-not-utf8-named-hint = save it as UTF-8 (in most editors: Save as… → Encoding: UTF-8), or convert it: iconv -f { $name } -t UTF-8 { $file } > converted
encoding-not-utf8 = the file is not valid UTF-8 text
encoding-not-utf8-hint = save the file as UTF-8: a byte here is not part of any UTF-8 character

### Themes, fields, glossary rules, init and new

theme-not-found = the theme `{ $name }` is not in themes/
theme-template-unreadable = cannot read the template: { $error }
theme-script-unknown = unknown script `{ $value }`
theme-string-not-text = a UI string must be text in double quotes
field-required-empty = `{ $key }` is required, and is empty
rules-not-a-table = a rule gives the term's text per variant
rules-not-a-table-hint = write it as `"{ $term }" = {"{"} zh-Hans = "…", zh-Hant = "…" {"}"}`
rules-text-not-quoted = the text must be in double quotes
rules-term-empty = a rule's term cannot be empty
scaffold-try-slug = try `zhpress new { $what } { $slug }`
scaffold-entry-exists = { $file }: an entry with the slug `{ $slug }` already exists
scaffold-entry-exists-hint = choose another slug, or edit the existing file
scaffold-folder-not-empty = { $dir }: the folder is not empty
scaffold-folder-not-empty-hint = give a new folder name, e.g. `zhpress init my-report`
# The comment line at the top of a new entry's or page's front matter (after `# `).
scaffold-draft-comment = A draft until you delete the next line: `zhpress build` leaves it out, `build --drafts` shows it.
# Comments in the site.toml that `zhpress init` writes (after `# `).
scaffold-site-source = the script the content is written in: zh-Hant or zh-Hans
scaffold-site-dictionaries = OpenCC's dictionaries alone, without zhpress's fixes to them
scaffold-site-variants = the first is the default
cms-unknown = zhpress cannot set up a CMS called `{ $cms }`
cms-unknown-hint = write `--cms decap` (Sveltia CMS reads the same settings)
cms-exists = { $file } already exists
cms-exists-hint = to make static/admin/ again from site.toml, replacing what is there, run `zhpress init --cms { $cms } --force`
cms-written = zhpress: wrote { $files }; editors open <site>/admin/ (locally: run `npx decap-server` in the site's folder and `zhpress serve`)
cms-written-and = {" and "}

### Links, pages, -{…}- markup, Markdown

links-outside-site = links to `{ $dest }`, which is outside the site (it is published at { $base })
links-outside-site-hint = write `{ $base }{ $path }` or a link relative to the page
links-missing = links to `{ $dest }`, which the site does not have
links-missing-hint = check the name; a file beside an entry belongs in content/orgs/<slug>/ with the entry as index.md there
links-missing-output-hint = check the slug or the template that makes this link
page-home = the home page
page-activities = the activities page
page-stats = the statistics page
page-activity-type = the activity type `{ $key }`
page-donations = the table of donations
page-categories = the categories page
page-category = the category `{ $slug }`
page-org = the organization `{ $slug }`
page-not-found = the 404 page
page-feed = the Atom feed
page-data = the open data page
markup-not-closed = `-{"{"}` opens a conversion rule that is never closed
markup-not-closed-hint = close it with `{"}"}-` in the same paragraph, e.g. -{"{"}鮮于{"}"}-; to show `-{"{"}` itself, put it in `code`
markup-hidden-not-per-variant = a hidden rule `-{"{"}H|…{"}"}-` must give the text per variant
markup-hidden-not-per-variant-hint = write -{"{"}H|zh-Hans:鲜于;zh-Hant:鮮于{"}"}-
markup-no-code = `{ $part }` in a per-variant rule has no `code:`
markup-no-code-hint = write each variant as code:text, separated by `;`: -{"{"}zh-Hans:鲜于;zh-Hant:鮮于{"}"}-
markup-not-a-code = `{ $code }` is not a variant code
markup-not-a-code-hint = use codes such as zh-Hans, zh-Hant, zh-TW, zh-HK
markup-no-text = the per-variant rule gives no text
markup-no-text-hint = write -{"{"}zh-Hans:…;zh-Hant:…{"}"}-
markdown-not-inline = this text is one paragraph of inline Markdown, and here it has { $what }
markdown-not-inline-hint = keep it to one paragraph and put the rest in the account (the text after the front matter); to begin a line with a character Markdown reads as structure, put a backslash before it: \- or 1\.
markdown-second-paragraph = a second paragraph (after a blank line)
markdown-heading = a heading (a line starting with `#`)
markdown-list = a list (a line starting with `-`, `*`, `+` or `1.`)
markdown-block-quote = a block quote (a line starting with `>`)
markdown-code-block = a code block (a line indented by four spaces, or a ``` fence)
markdown-table = a table
markdown-html-block = a block of HTML (a line that starts with an HTML tag)
markdown-block = a block
markdown-rule = a horizontal rule (`---`, `***`)
markdown-too-deep = the text is nested more than { $depth } levels deep here (quotes, lists, emphasis or HTML elements inside each other)
markdown-too-deep-hint = close what is open, or flatten the nesting: no page needs it this deep

# (end of part A)

## Output, dev server, templates, lint findings, command-line parsing (part B)

### The lint's findings (`zhpress check`)

lint-script-slip = 「{ $context }」: `{ $suspect }` is probably `{ $correction }` here
lint-script-slip-hint = write `{ $correction }`, or run `zhpress check --fix`; if `{ $suspect }` is deliberate, write -{"{"}{ $suspect }{"}"}- or add it to the glossary
lint-half-width-between = 「{ $context }」: the half-width `{ $mark }` between Chinese characters is written full-width in Chinese text: `{ $correction }`
lint-half-width-around = 「{ $context }」: the half-width `{ $mark }` around Chinese text is written full-width in Chinese text: `{ $correction }`
lint-half-width-hint = write `{ $correction }`, or run `zhpress check --fix`; if the half-width `{ $mark }` is deliberate, write -{"{"}{ $mark }{"}"}-
lint-quote-unclosed = 「{ $context }」: `{ $mark }` opens a quotation that is never closed
lint-quote-unclosed-hint = write the { $what } `{ $partner }` where the quotation ends (in the same paragraph), or remove the stray mark; marks pair as 「」 『』 “” ‘’, and an unpaired one is left as written in every variant
lint-quote-unopened = 「{ $context }」: `{ $mark }` closes a quotation that was never opened
lint-quote-unopened-hint = write the { $what } `{ $partner }` where the quotation begins (in the same paragraph), or remove the stray mark; marks pair as 「」 『』 “” ‘’, and an unpaired one is left as written in every variant
lint-emphasis-literal = 「{ $context }」: `{ $marker }` is shown as written: Markdown found no emphasis here for it to open or close
lint-emphasis-literal-hint = put the markers right against the text they emphasize, with no space inside (`**重點**`); `_` and `__` between two characters of a word never emphasize, so write `*` or `**`; if the characters are meant, escape each with a backslash (`\*\*`)

### Where a build writes (`--output`)

write-output-empty = --output is empty
write-output-empty-hint = name the folder to build into, or leave --output out for <root>/output
write-output-elsewhere = build somewhere the site is not: leave --output out for { $default }, or name a new folder
write-output-is-site = --output { $output } is the site's own folder (--root { $root }): a build would replace site.toml, content/ and everything else in it
write-output-holds-site = --output { $output } holds the site (--root { $root }, { $site }): a build would replace it and everything beside it
write-output-in-site-folder = --output { $output } is inside the site's { $folder }/ folder (--root { $root }, { $path }): a build would replace what is there
write-output-holds-cwd = --output { $output } holds the folder this command runs in ({ $cwd }): a build would replace it
write-output-is-file = --output { $output } is a file, not a folder
write-output-is-file-hint = name a folder for the site: a new one, or one zhpress built before
write-output-foreign = --output { $output } already holds files zhpress did not make ({ $files }); zhpress builds only into an empty folder or one it made (it has a { $marker } file)
write-output-foreign-hint = name a new folder, or pass --force to build into this one: the files the site does not make are kept as they are, the ones it makes are replaced (an output of zhpress 0.1, made before the marker, holds nothing else)
write-conflict-file-for-folder = { $path }/ (the site makes a file { $path })
write-conflict-different = { $path } (the site makes a different { $path })
write-conflict-folder-for-file = { $path } (the site makes a folder { $path }/, for { $inside })
write-conflicts = the site now makes files where { $output } holds files zhpress did not make: { $files }; nothing was written
write-conflicts-hint = move or delete yours (zhpress keeps them otherwise), remove the file from static/ if that is where the site's comes from, or pass --force to replace yours with the site's
write-first-few = { $names }, … ({ $count } in all)
write-stock-failed = taking stock of the old output failed
write-output-not-folder = the output path exists and is not a folder

### The dev server's terminal (`zhpress serve`)

serve-serving = zhpress: serving { $url } (Ctrl+C to stop)
serve-serving-live = zhpress: serving { $url } with live reload (Ctrl+C to stop)
serve-port-in-use = port { $port } is in use; pass --port N, or --port 0 for any free port
serve-bind-failed-hint = pass another --bind address or --port
serve-cannot-listen = cannot listen on { $bind }:{ $port }: { $error }
serve-build-failed = zhpress: the build failed; still serving the last good site
serve-cannot-watch-site = cannot watch the site: { $error }
serve-cannot-watch = cannot watch: { $error }
serve-rebuilt = zhpress: { $what } → { $rewritten } file(s) rewritten{ $removed } in { $ms } ms{ $first }
serve-rebuilt-removed = , { $count } removed
serve-rebuilt-first = {" "}(its own pages served after { $ms } ms)
serve-changed-none = rebuilt
serve-changed-one = { $path } changed
serve-changed-many = { $path } and { $more } more changed

### Templates

render-template-failed = the template failed while rendering { $page } ({ $variant }): { $error }
render-template-failed-hint = check the variable names against the theme's documented context (README, Themes)
render-template-compile = the template does not compile: { $error }
render-page-root = the root page
render-page-sitemap = the sitemap
render-range-not-count = Function `range` received { $key }={ $value } but `{ $key }` can only be a whole number of 0 or more
render-range-no-end = Function `range` was called without an `end` argument
render-range-backwards = Function `range` was called with start={ $start } greater than end={ $end }
render-range-too-long = range(start={ $start }, end={ $end }) would make { $count } numbers; a template may make at most { $most }
render-macro-of = macro `{ $name }` of { $template }
render-recursion = this can call itself without end: { $chain }; Tera sets no limit, so rendering would crash (a stack overflow) instead of stopping
render-recursion-hint = the publication's data has no trees to walk: write it without the call to itself (a `for` loop over the list instead)
render-timeout = the template has been rendering { $page } for more than { $seconds } s, and probably never ends (a loop over a huge range?)
render-timeout-hint = look for loops inside loops; a template cannot be interrupted, so zhpress stopped here. The limit is ZHPRESS_RENDER_TIMEOUT (seconds)

### Conversions, locations

opencc-system-cannot-load = the system's OpenCC cannot load { $path }: { $error }
opencc-system-missing = { $path } needs the system's OpenCC, and this zhpress was built without it; build with `cargo build --release --features opencc-rust` (needs libopencc-dev)
publish-conversion-failed = cannot load the conversion for { $variant }: { $error }
diagnostic-command-line = (command line)

### The command line as clap parses it (in English, clap's own words are shown; these are their reference)

cli-default = {"["}default: { $value }]
cli-possible-values = {"["}possible values: { $values }]
cli-error-unknown-argument = unexpected argument '{ $arg }' found
cli-error-unknown-subcommand = unrecognized subcommand '{ $subcommand }'
cli-error-value-required = a value is required for '{ $arg }' but none was supplied
cli-error-invalid-value = invalid value '{ $value }' for '{ $arg }'
cli-error-invalid-value-because = invalid value '{ $value }' for '{ $arg }': { $reason }
cli-error-missing-arguments = the following required arguments were not provided:
cli-error-missing-subcommand = '{ $command }' requires a subcommand but one was not provided
cli-error-subcommands = {"["}subcommands: { $subcommands }]
cli-error-argument-repeated = the argument '{ $arg }' cannot be used multiple times
cli-error-argument-conflict = the argument '{ $arg }' cannot be used with '{ $other }'
cli-error-argument-conflict-many = the argument '{ $arg }' cannot be used with:
cli-error-argument-conflict-others = the argument '{ $arg }' cannot be used with one or more of the other specified arguments
cli-error-too-many-values = unexpected value '{ $value }' for '{ $arg }' found; no more were expected
cli-error-invalid-utf8 = invalid UTF-8 was detected in one or more arguments
cli-error-similar-subcommand = a similar subcommand exists: '{ $subcommand }'
cli-error-similar-subcommands = some similar subcommands exist: { $subcommands }
cli-error-similar-argument = a similar argument exists: '{ $arg }'
cli-error-similar-value = a similar value exists: '{ $value }'
cli-error-tip = tip
cli-error-tip-as-value = to pass '{ $arg }' as a value, use '{ $usage }'
cli-error-tip-exists = '{ $command }' exists
cli-error-tip-double-dash = subcommand '{ $subcommand }' exists; to use it, remove the '--' before it
cli-error-try-help = For more information, try '{ $help }'.
opencc-unknown-conversion = unknown conversion `{ $name }`; known: { $known }
