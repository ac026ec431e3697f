#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Prints the rows that benchmarks appended to $LOKET_BENCH_TABLE as one aligned table.

Each row is one line written by loket_bench_row() (tests/bench/bench-row.c):
benchmark TAB what TAB value TAB unit TAB target. Lines that are not such rows are counted and
reported on stderr, never guessed at. Figures, not pass/fail: the target column is printed as
the benchmark gave it.

Usage: bench-table.py ROWS-FILE [--markdown]
"""
import sys


def parse(lines):
    """Returns (rows, bad): rows are dicts; bad counts lines that are not rows."""
    rows, bad = [], 0
    for line in lines:
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 5:
            bad += 1
            continue
        bench, what, value, unit, target = fields
        try:
            number = float(value)
        except ValueError:
            bad += 1
            continue
        rows.append({"bench": bench, "what": what, "value": number, "unit": unit,
                     "target": target})
    return rows, bad


def format_value(value):
    """Large figures with thousands separators, small ones with two decimals."""
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.2f}"


def table(rows, markdown=False):
    header = ("benchmark", "what", "value", "unit", "target")
    body = [(r["bench"].removeprefix("bench-"), r["what"], format_value(r["value"]), r["unit"],
             r["target"]) for r in rows]
    if markdown:
        out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        out += ["| " + " | ".join(cells) + " |" for cells in body]
        return "\n".join(out) + "\n"
    widths = [max(len(c[i]) for c in [header] + body) for i in range(len(header))]
    lines = []
    for n, cells in enumerate([header] + body):
        parts = []
        for i, cell in enumerate(cells):
            parts.append(cell.rjust(widths[i]) if i == 2 and n > 0 else cell.ljust(widths[i]))
        lines.append("  ".join(parts).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        sys.stderr.write(__doc__)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        rows, bad = parse(f)
    sys.stdout.write(table(rows, markdown="--markdown" in argv[2:]))
    if bad:
        sys.stderr.write(f"{argv[1]}: {bad} line(s) were not benchmark rows and were left out\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
