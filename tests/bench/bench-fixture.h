// SPDX-License-Identifier: GPL-3.0-or-later
// What the database benchmarks share: reference data, a store holding a demo database, timing
// percentiles and the printed table.
#pragma once

#include "bench-row.h"
#include "loket-demo.h"
#include "loket-org-chart.h"
#include "loket-store.h"

G_BEGIN_DECLS

typedef struct
{
  LoketServiceCatalog *catalog;
  LoketWorkCalendar   *calendar;
  LoketOrgChart       *org;
  LoketCaseProjector  *projector;
  LoketStore          *store;
  char                *db_path;
  char                *tmpdir; /* removed on free when the database was temporary */
  guint                n_cases;
} LoketBench;

/* Opens @db_path (NULL: $LOKET_BENCH_DB, the database scripts/bench.sh makes once for every
 * benchmark, else a temporary file) and, when it does not exist yet, fills it with @n_cases demo
 * cases (seed 1), printing the write rate. $LOKET_BENCH_CASES overrides @n_cases. Aborts on
 * error: a benchmark has nothing to measure then. */
LoketBench *loket_bench_open        (const char *db_path,
                                     guint       n_cases,
                                     const char *title);
void        loket_bench_free        (LoketBench *bench);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketBench, loket_bench_free)

/* The @p quantile (0…1) of @ms (sorted in place). */
double      loket_bench_percentile  (GArray     *ms,
                                     double      p);
/* Resident set size of this process in KiB, or -1. */
long        loket_bench_rss_kib     (void);

G_END_DECLS
