#!/usr/bin/env python3
"""The reference converter for zhpress's conformance tests and benchmark:
PyPI's `opencc` 1.4.2 (the C++ library in a wheel, its own dictionaries).

Reads a JSON object {"config": "s2t", "texts": ["…", …]} on standard input and
writes the JSON list of the texts converted, each by one call of the library
(so a text is converted whole, as zhpress converts it).

`opencc_ref.py --file CONFIG INPUT OUTPUT RUNS` converts the file INPUT in one
call, RUNS times, writes the result to OUTPUT and prints the best time of a call
in seconds (the library's own time: the module and dictionaries are loaded before).

Exits 3 when the `opencc` module is missing or is not version 1.4.2.
"""
import json
import sys

try:
    import opencc
except ImportError:
    sys.stderr.write("the Python module `opencc` is not installed (pip install opencc==1.4.2)\n")
    sys.exit(3)

if opencc.__version__ != "1.4.2":
    sys.stderr.write(f"opencc {opencc.__version__} is installed; the reference is 1.4.2\n")
    sys.exit(3)

if len(sys.argv) > 1 and sys.argv[1] == "--version":
    print(opencc.__version__)
    sys.exit(0)

if len(sys.argv) == 6 and sys.argv[1] == "--file":
    import time
    _, _, config, source, target, runs = sys.argv
    converter = opencc.OpenCC(config)
    with open(source, encoding="utf-8", newline="") as f:
        text = f.read()
    best = None
    for _ in range(int(runs)):
        start = time.perf_counter()
        out = converter.convert(text)
        elapsed = time.perf_counter() - start
        best = elapsed if best is None else min(best, elapsed)
    with open(target, "w", encoding="utf-8", newline="") as f:
        f.write(out)
    print(best)
    sys.exit(0)

request = json.load(sys.stdin)
converter = opencc.OpenCC(request["config"])
json.dump([converter.convert(t) for t in request["texts"]], sys.stdout, ensure_ascii=False)
