// SPDX-License-Identifier: GPL-3.0-or-later
// One figure of a benchmark, printed next to its target and collected for scripts/bench.sh.
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Prints one line of the table: what, value, unit and the target it is compared with ("" or
 * "(info)" when there is none). With $LOKET_BENCH_TABLE set, also appends the row to that file
 * (tab-separated: benchmark, what, value, unit, target) for scripts/bench-table.py, which
 * prints every benchmark's rows as one table. */
void loket_bench_row (const char *what,
                      double      value,
                      const char *unit,
                      const char *target);

G_END_DECLS
