// SPDX-License-Identifier: GPL-3.0-or-later
#include "config.h"

#include "bench-fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loket-test-utils.h"

LoketBench *
loket_bench_open (const char *db_path, guint n_cases, const char *title)
{
  g_autoptr (LoketBench) bench = g_new0 (LoketBench, 1);
  g_autoptr (GError) error = NULL;
  gboolean fresh;

  if (g_getenv ("LOKET_BENCH_CASES") != NULL)
    n_cases = (guint) atoi (g_getenv ("LOKET_BENCH_CASES"));
  bench->n_cases = n_cases;
  if (db_path == NULL && g_getenv ("LOKET_BENCH_DB") != NULL && *g_getenv ("LOKET_BENCH_DB") != '\0')
    db_path = g_getenv ("LOKET_BENCH_DB");
  if (db_path == NULL)
    {
      bench->tmpdir = g_dir_make_tmp ("loket-bench-XXXXXX", NULL);
      bench->db_path = g_build_filename (bench->tmpdir, "bench.db", NULL);
    }
  else
    bench->db_path = g_strdup (db_path);
  fresh = !g_file_test (bench->db_path, G_FILE_TEST_EXISTS);

  if ((bench->catalog = loket_service_catalog_new_default (&error)) == NULL
      || (bench->calendar = loket_work_calendar_new_default (&error)) == NULL
      || (bench->org = loket_org_chart_new_default (&error)) == NULL)
    g_error ("reference data: %s", error->message);
  bench->projector = loket_case_projector_new (bench->catalog, bench->calendar);
  bench->store = loket_store_open (bench->db_path, bench->projector, &error);
  if (bench->store == NULL)
    g_error ("%s: %s", bench->db_path, error->message);

  printf ("# %s (%s)\n", title, bench->db_path);
  if (fresh)
    {
      g_autoptr (GTimer) timer = g_timer_new ();

      if (!loket_demo_populate (bench->store, bench->catalog, bench->org, n_cases, 1, NULL, 0, NULL,
                                NULL, &error))
        g_error ("demo: %s", error->message);
      loket_bench_row ("demo database: cases written per second",
                       n_cases / g_timer_elapsed (timer, NULL), "cases/s", "(info)");
    }
  return g_steal_pointer (&bench);
}

void
loket_bench_free (LoketBench *bench)
{
  if (bench == NULL)
    return;
  if (bench->store != NULL)
    loket_store_close (bench->store);
  g_clear_object (&bench->store);
  g_clear_object (&bench->projector);
  g_clear_object (&bench->org);
  g_clear_object (&bench->calendar);
  g_clear_object (&bench->catalog);
  if (bench->tmpdir != NULL)
    loket_test_remove_tree (bench->tmpdir);
  g_free (bench->tmpdir);
  g_free (bench->db_path);
  g_free (bench);
}

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

double
loket_bench_percentile (GArray *ms, double p)
{
  if (ms->len == 0)
    return 0;
  g_array_sort (ms, cmp_double);
  return g_array_index (ms, double, (guint) (p * (ms->len - 1) + 0.5));
}

long
loket_bench_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? strtol (line + 6, NULL, 10) : -1;
}
