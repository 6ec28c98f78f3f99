#!/usr/bin/env python3
"""Re-run every row of cases.tsv through the C++ OpenCC CLI (Debian's opencc 1.1.6).

Prints a table of the rows where OpenCC's output differs from the expected value,
and how many there are. Every such row must be fixed by an entry of zhpress's
supplement (dict/zhpress/*.txt) and explained in docs/deviations.md.

Then, unless --no-supplement is given, it checks the supplement itself with the
same C++ library: it merges dict/opencc/<Dict>.txt with dict/zhpress/<Dict>.txt
(a supplement entry replaces OpenCC's entry with the same key, as zhpress's
build.rs does), compiles the result with opencc_dict, and re-runs every row with
OpenCC's own configs pointed at the merged dictionaries. That run must match
every expected value; it is the reference behaviour of zhpress's converter.
It also lists supplement entries that docs/deviations.md does not mention.

Usage: python3 tests/conformance/check_opencc.py [--per-row] [--no-supplement] [--strict]
  --per-row        one opencc process per row (default: one process per config;
                   opencc converts line by line, so the result is the same)
  --no-supplement  skip the OpenCC + supplement run
  --strict         exit 1 if the supplement run disagrees with a row or a
                   supplement entry is undocumented (the plain-CLI
                   disagreements are expected and never fail the script)

Exit status: 0 once the check has run (2 if the opencc CLI is missing).
"""

import argparse
import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
CASES = os.path.join(HERE, "cases.tsv")
OPENCC_DICT_DIR = os.path.join(ROOT, "dict", "opencc")
SUPPLEMENT_DIR = os.path.join(ROOT, "dict", "zhpress")
DEVIATIONS = os.path.join(ROOT, "docs", "deviations.md")


def read_cases(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for lineno, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) < 3:
                sys.exit(f"{path}:{lineno}: expected config<TAB>input<TAB>expected<TAB>note")
            config, text, expected = fields[:3]
            note = fields[3] if len(fields) > 3 else ""
            rows.append((lineno, config, text, expected, note))
    return rows


def convert(config_arg, texts, cwd, per_row):
    """Run opencc -c config_arg over texts; return the outputs, one per text."""
    def run(inp):
        p = subprocess.run(["opencc", "-c", config_arg], input=inp, capture_output=True,
                           text=True, encoding="utf-8", cwd=cwd)
        if p.returncode != 0:
            sys.exit(f"opencc -c {config_arg} failed: {p.stderr.strip()}")
        return p.stdout
    if per_row:
        return [run(t + "\n").rstrip("\n") for t in texts]
    out = run("".join(t + "\n" for t in texts)).split("\n")
    if len(out) < len(texts):
        sys.exit(f"opencc -c {config_arg}: {len(out)} output lines for {len(texts)} inputs")
    return out[:len(texts)]


def run_all(rows, config_dir, per_row):
    """{lineno: output}. config_dir None means the installed configs (/usr/share/opencc)."""
    by_config = collections.defaultdict(list)
    for row in rows:
        by_config[row[1]].append(row)
    outputs = {}
    # A fresh, empty working directory: opencc looks for config and dictionary
    # files in the current directory before anywhere else.
    with tempfile.TemporaryDirectory() as cwd:
        for config, config_rows in by_config.items():
            arg = os.path.join(config_dir, config + ".json") if config_dir else config + ".json"
            outs = convert(arg, [r[2] for r in config_rows], cwd, per_row)
            for r, o in zip(config_rows, outs):
                outputs[r[0]] = o
    return outputs


def load_dict_text(path):
    entries = {}
    if not os.path.exists(path):
        return entries
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            key, values = line.split("\t", 1)
            entries[key] = values
    return entries


def build_merged(out_dir):
    """OpenCC's dictionaries + the supplement, compiled to .ocd2, with OpenCC's configs."""
    for name in os.listdir(OPENCC_DICT_DIR):
        src = os.path.join(OPENCC_DICT_DIR, name)
        if name.endswith(".json"):
            shutil.copy(src, out_dir)
        elif name.endswith(".txt"):
            base = name[:-4]
            merged = load_dict_text(src)
            merged.update(load_dict_text(os.path.join(SUPPLEMENT_DIR, name)))
            txt = os.path.join(out_dir, name)
            with open(txt, "w", encoding="utf-8") as f:
                for k in sorted(merged):
                    f.write(f"{k}\t{merged[k]}\n")
            subprocess.run(["opencc_dict", "-i", txt, "-o", os.path.join(out_dir, base + ".ocd2"),
                            "-f", "text", "-t", "ocd2"], check=True, capture_output=True)


def supplement_entries():
    entries = []
    if os.path.isdir(SUPPLEMENT_DIR):
        for name in sorted(os.listdir(SUPPLEMENT_DIR)):
            if name.endswith(".txt"):
                for k, v in load_dict_text(os.path.join(SUPPLEMENT_DIR, name)).items():
                    entries.append((name[:-4], k, v))
    return entries


def documented_entries():
    """(dictionary, key) pairs from the table rows of docs/deviations.md."""
    found = set()
    if not os.path.exists(DEVIATIONS):
        return found
    with open(DEVIATIONS, encoding="utf-8") as f:
        for line in f:
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            if len(cells) >= 2:
                key = re.sub(r"^`|`$", "", cells[1])
                found.add((cells[0], key))
    return found


def cell(s):
    return s.replace("|", "\\|")


def table(rows, outputs, title):
    print(f"| line | config | input | expected | {title} | note |")
    print("|---:|---|---|---|---|---|")
    for lineno, config, text, expected, note in rows:
        print(f"| {lineno} | {config} | {cell(text)} | {cell(expected)} | {cell(outputs[lineno])} | {cell(note)} |")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--per-row", action="store_true")
    ap.add_argument("--no-supplement", action="store_true")
    ap.add_argument("--strict", action="store_true")
    args = ap.parse_args()

    if shutil.which("opencc") is None:
        print("opencc CLI not found (apt-get install opencc); nothing checked")
        return 2
    version = subprocess.run(["opencc", "--version"], capture_output=True, text=True).stdout
    version = version.split()[-1] if version.split() else "unknown"

    rows = read_cases(CASES)
    counts = collections.Counter(r[1] for r in rows)
    print(f"{len(rows)} rows in {os.path.relpath(CASES, ROOT)}: "
          + ", ".join(f"{c} {n}" for c, n in sorted(counts.items())))
    print(f"opencc CLI reports version {version} (Debian's opencc 1.1.6 package reports 1.1.5)\n")

    plain = run_all(rows, None, args.per_row)
    differ = [r for r in rows if plain[r[0]] != r[3]]
    print("## Rows where OpenCC 1.1.6 differs from the expected output\n")
    if differ:
        table(differ, plain, "OpenCC 1.1.6")
    print(f"\n{len(differ)} of {len(rows)} rows differ from OpenCC 1.1.6 "
          f"(each must be fixed by dict/zhpress/ and explained in docs/deviations.md)")

    failed = False
    if not args.no_supplement:
        if shutil.which("opencc_dict") is None:
            print("\nopencc_dict not found: supplement run skipped")
        else:
            with tempfile.TemporaryDirectory() as d:
                build_merged(d)
                merged = run_all(rows, d, args.per_row)
            still = [r for r in rows if merged[r[0]] != r[3]]
            print("\n## OpenCC 1.1.6 + dict/zhpress supplement (the C++ library on merged dictionaries)\n")
            if still:
                table(still, merged, "OpenCC + supplement")
                failed = True
            fixed = sum(1 for r in differ if merged[r[0]] == r[3])
            print(f"{len(still)} of {len(rows)} rows differ with the supplement; "
                  f"{fixed} of the {len(differ)} OpenCC disagreements are fixed by it")

    entries = supplement_entries()
    documented = documented_entries()
    missing = [(d, k, v) for d, k, v in entries if (d, k) not in documented]
    print(f"\n{len(entries)} supplement entries in dict/zhpress/; "
          f"{len(missing)} not in the table of docs/deviations.md")
    for d, k, v in missing:
        print(f"  undocumented: {d}\t{k}\t{v}")
    failed = failed or bool(missing)

    return 1 if (args.strict and failed) else 0


if __name__ == "__main__":
    sys.exit(main())
