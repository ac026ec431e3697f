// SPDX-License-Identifier: GPL-3.0-or-later
// Store benchmarks on a demo database: search latency, inbox counts, list paging, projection
// rebuild. Prints figures next to their targets; never fails on speed (DEVELOPERS.md).
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loket-demo.h"
#include "loket-org-chart.h"
#include "loket-store.h"
#include "loket-test-utils.h"

static int    n_cases = 100000;
static char  *db_path = NULL;

static GOptionEntry entries[] = {
  { "cases", 0, 0, G_OPTION_ARG_INT, &n_cases, "Cases in the demo database (default 100000)", "N" },
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "Reuse/keep this database (default: temporary)", "FILE" },
  { NULL }
};

static int
cmp_double (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
percentile (GArray *ms, double p)
{
  guint idx;

  g_array_sort (ms, cmp_double);
  idx = (guint) (p * (ms->len - 1) + 0.5);
  return g_array_index (ms, double, idx);
}

static long
rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? strtol (line + 6, NULL, 10) : -1;
}

static void
row (const char *what, double value, const char *unit, const char *target)
{
  printf ("%-44s %12.2f %-8s target %s\n", what, value, unit, target);
}

int
main (int argc, char **argv)
{
  g_autoptr (GOptionContext) octx = g_option_context_new ("- Loket store benchmarks");
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketServiceCatalog) catalog = NULL;
  g_autoptr (LoketWorkCalendar) calendar = NULL;
  g_autoptr (LoketOrgChart) org = NULL;
  g_autoptr (LoketCaseProjector) projector = NULL;
  g_autoptr (LoketStore) store = NULL;
  g_autoptr (LoketStoreCheckReport) report = NULL;
  g_autofree char *tmpdir = NULL;
  g_autoptr (GTimer) timer = g_timer_new ();
  g_autoptr (GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (LoketCaseQuery) query = loket_case_query_new ();
  g_autoptr (GRand) rand = g_rand_new_with_seed (42);
  g_autoptr (GPtrArray) sample = NULL;
  gboolean fresh;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint n_events;

  if (g_getenv ("LOKET_BENCH_CASES") != NULL)
    n_cases = atoi (g_getenv ("LOKET_BENCH_CASES"));
  g_option_context_add_main_entries (octx, entries, NULL);
  if (!g_option_context_parse (octx, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (db_path == NULL)
    {
      tmpdir = g_dir_make_tmp ("loket-bench-XXXXXX", NULL);
      db_path = g_build_filename (tmpdir, "bench.db", NULL);
    }
  fresh = !g_file_test (db_path, G_FILE_TEST_EXISTS);

  catalog = loket_service_catalog_new_default (&error);
  g_assert_no_error (error);
  calendar = loket_work_calendar_new_default (&error);
  g_assert_no_error (error);
  org = loket_org_chart_new_default (&error);
  g_assert_no_error (error);
  projector = loket_case_projector_new (catalog, calendar);
  store = loket_store_open (db_path, projector, &error);
  g_assert_no_error (error);

  printf ("# Loket store benchmarks (%s)\n", db_path);
  if (fresh)
    {
      g_timer_start (timer);
      if (!loket_demo_populate (store, catalog, org, (guint) n_cases, 1, NULL, 0, NULL, NULL, &error))
        g_error ("demo: %s", error->message);
      row ("demo database: cases written per second", n_cases / g_timer_elapsed (timer, NULL),
           "cases/s", "(info)");
    }

  query->now = now;
  g_assert_cmpuint (loket_store_count_cases (store, query, &error), >, 0);

  /* Search latency: what the window does per keystroke (count + first page). */
  sample = loket_store_list_cases (store, query, 0, 500, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 200; i++)
    {
      LoketCase *c = g_ptr_array_index (sample, g_rand_int_range (rand, 0, (gint32) sample->len));
      const char *name = loket_case_get_applicant_name (c);
      const char *nik = loket_case_get_applicant_nik (c);
      g_autofree char *term = NULL;
      g_autoptr (GPtrArray) page = NULL;
      guint count;

      switch (i % 4)
        {
        case 0: term = g_strdup (strrchr (name, ' ') != NULL ? strrchr (name, ' ') + 1 : name); break;
        case 1: term = g_strndup (loket_case_get_agenda_number (c), 5); break;
        case 2: term = nik != NULL ? g_strndup (nik, 8) : g_strdup ("rekomendasi"); break;
        default: term = g_strdup_printf ("%.*s", 4, name); break;
        }
      g_free (query->search);
      query->search = g_steal_pointer (&term);
      g_timer_start (timer);
      count = loket_store_count_cases (store, query, &error);
      page = loket_store_list_cases (store, query, 0, 100, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (count, >, 0);
      g_array_append_val (ms, (double) { g_timer_elapsed (timer, NULL) * 1000.0 });
    }
  row ("search (count + first 100 rows) p50", percentile (ms, 0.5), "ms", "");
  row ("search (count + first 100 rows) p95", percentile (ms, 0.95), "ms", "<= 15 ms");
  g_clear_pointer (&query->search, g_free);

  g_array_set_size (ms, 0);
  for (guint i = 0; i < 50; i++)
    {
      g_autoptr (GPtrArray) counts = NULL;

      g_timer_start (timer);
      counts = loket_store_count_inboxes (store, now, &error);
      g_assert_no_error (error);
      g_array_append_val (ms, (double) { g_timer_elapsed (timer, NULL) * 1000.0 });
    }
  row ("inbox counts (all inboxes) p50", percentile (ms, 0.5), "ms", "");
  row ("inbox counts (all inboxes) p95", percentile (ms, 0.95), "ms", "<= 20 ms");

  g_array_set_size (ms, 0);
  for (guint i = 0; i < 50; i++)
    {
      guint total = loket_store_count_cases (store, query, NULL);
      guint offset = (guint) g_rand_int_range (rand, 0, (gint32) MAX (total, 101) - 100);
      g_autoptr (GPtrArray) page = NULL;

      query->sort = (LoketCaseSort) (i % 6);
      g_timer_start (timer);
      page = loket_store_list_cases (store, query, offset, 100, &error);
      g_assert_no_error (error);
      g_array_append_val (ms, (double) { g_timer_elapsed (timer, NULL) * 1000.0 });
    }
  row ("list page of 100 at a random offset p95", percentile (ms, 0.95), "ms", "(scrolling)");

  report = loket_store_check (store, &error);
  g_assert_no_error (error);
  n_events = report->n_events;
  /* The rebuild figure is taken on at least 1,000,000 events: top the database up if needed. */
  if (n_events < 1000000 && g_getenv ("LOKET_BENCH_CASES") == NULL)
    {
      guint extra = (guint) ((1000000.0 - n_events) / ((double) n_events / n_cases) * 1.02) + 1;

      if (!loket_demo_populate (store, catalog, org, extra, 2, NULL, 0, NULL, NULL, &error))
        g_error ("demo: %s", error->message);
      g_clear_pointer (&report, loket_store_check_report_free);
      report = loket_store_check (store, &error);
      g_assert_no_error (error);
      n_events = report->n_events;
    }
  g_timer_start (timer);
  if (!loket_store_rebuild_projections (store, &error))
    g_error ("rebuild: %s", error->message);
  row ("projection rebuild", n_events / g_timer_elapsed (timer, NULL), "events/s",
       ">= 200000 events/s");
  printf ("%-44s %12u\n", "events in the database", n_events);
  row ("resident memory of this process", rss_kib () / 1024.0, "MiB", "(info)");

  loket_store_close (store);
  if (tmpdir != NULL)
    loket_test_remove_tree (tmpdir);
  return 0;
}
