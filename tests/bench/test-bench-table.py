#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# scripts/bench-table.py reads loket_bench_row() lines exactly and leaves out what is not a row.
import importlib.util
import os
import subprocess
import sys
import tempfile

script = sys.argv[1]
spec = importlib.util.spec_from_file_location("bench_table", script)
bt = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bt)

sample = (
    "bench-store\tsearch (count + first 100 rows) p95\t9.613\tms\t<= 15 ms\n"
    "bench-store\tprojection rebuild (rows current)\t212345.678\tevents/s\t>= 200000 events/s\n"
    "# a comment\n"
    "\n"
    "bench-app\tstart to first frame\t243.000\tms\t<= 400 ms\n"
    "not a row at all\n"
    "bench-x\tfive\tfields\tbut\tvalue is text\n"
    "bench-sign\tsign in memory\t486.710\tsig/s\t\n"
)

rows, bad = bt.parse(sample.splitlines(True))
assert bad == 2, bad
assert [r["bench"] for r in rows] == ["bench-store", "bench-store", "bench-app", "bench-sign"]
assert rows[0]["what"] == "search (count + first 100 rows) p95"
assert rows[0]["value"] == 9.613 and rows[0]["unit"] == "ms" and rows[0]["target"] == "<= 15 ms"
assert rows[1]["value"] == 212345.678
assert rows[3]["target"] == ""

text = bt.table(rows)
lines = text.splitlines()
assert lines[0].split() == ["benchmark", "what", "value", "unit", "target"], lines[0]
assert set(lines[1]) <= {"-", " "}
# Values are right-aligned in one column; large ones get thousands separators.
assert "212,346" in lines[3] and "9.61" in lines[2], text
assert lines[2].index("9.61") + len("9.61") == lines[3].index("212,346") + len("212,346"), text
assert len(lines) == 2 + 4

md = bt.table(rows, markdown=True)
assert md.splitlines()[2].startswith("| store | search (count + first 100 rows) p95 | 9.61 | ms |")

# The script itself: a rows file in, the table out, bad lines reported on stderr.
with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as f:
    f.write(sample)
try:
    done = subprocess.run([sys.executable, script, f.name], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout == text, done.stdout
    assert "2 line(s)" in done.stderr, done.stderr
finally:
    os.unlink(f.name)
print("ok")
