// SPDX-License-Identifier: GPL-3.0-or-later
// Per-person inbox counts (all six) on a demo database, for the people with the most work:
// target ≤ 20 ms per user on 100,000 cases (issue 4). Prints p50/p95; never fails on speed.
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "loket-demo.h"
#include "loket-org-chart.h"
#include "loket-store.h"
#include "loket-test-utils.h"

static int   n_cases = 100000;
static int   rounds = 200;
static char *db_path = NULL;

static GOptionEntry entries[] = {
  { "cases", 0, 0, G_OPTION_ARG_INT, &n_cases, "Cases in the demo database (default 100000)", "N" },
  { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "Measurements per person (default 200)", "N" },
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
  g_array_sort (ms, cmp_double);
  return g_array_index (ms, double, (guint) (p * (ms->len - 1) + 0.5));
}

int
main (int argc, char **argv)
{
  g_autoptr (GOptionContext) octx = g_option_context_new ("- Loket inbox count benchmark");
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketServiceCatalog) catalog = NULL;
  g_autoptr (LoketWorkCalendar) calendar = NULL;
  g_autoptr (LoketOrgChart) org = NULL;
  g_autoptr (LoketCaseProjector) projector = NULL;
  g_autoptr (LoketStore) store = NULL;
  g_autoptr (GTimer) timer = g_timer_new ();
  g_autofree char *tmpdir = NULL;
  /* The busiest seats of the busiest agency, and a Plh.: Kadis, Sekretaris, Kabid, Kasi, staf. */
  const char *people[] = {
    "kopnakertrans-ntt/p-kadis",           "kopnakertrans-ntt/p-sekretaris",
    "kopnakertrans-ntt/p-kabid-ketenagakerjaan", "kopnakertrans-ntt/p-kasi-p3tk",
    "kopnakertrans-ntt/p-p3tk-1",          "dinsos-ntt/p-kadis",
  };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  double worst_p95 = 0;
  gboolean fresh;

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
      tmpdir = g_dir_make_tmp ("loket-bench-inbox-XXXXXX", NULL);
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

  printf ("# Loket inbox benchmark (%s)\n", db_path);
  if (fresh)
    {
      g_timer_start (timer);
      if (!loket_demo_populate (store, catalog, org, (guint) n_cases, 1, NULL, 0, NULL, NULL, &error))
        g_error ("demo: %s", error->message);
      printf ("%-44s %12.0f cases/s\n", "demo database written", n_cases / g_timer_elapsed (timer, NULL));
    }

  for (guint p = 0; p < G_N_ELEMENTS (people); p++)
    {
      g_autoptr (GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
      LoketInboxCounts counts = { { 0 } };
      double p50, p95;

      /* A warm-up call makes the workflow and reads the pages once, as the app's first count. */
      if (!loket_store_count_person_inboxes (store, people[p], now, &counts, &error))
        g_error ("%s: %s", people[p], error->message);
      for (int i = 0; i < rounds; i++)
        {
          g_timer_start (timer);
          if (!loket_store_count_person_inboxes (store, people[p], now, &counts, &error))
            g_error ("%s: %s", people[p], error->message);
          g_array_append_val (ms, (double) { g_timer_elapsed (timer, NULL) * 1000 });
        }
      p50 = percentile (ms, 0.50);
      p95 = percentile (ms, 0.95);
      worst_p95 = MAX (worst_p95, p95);
      printf ("%-40s p50 %6.2f ms  p95 %6.2f ms  (in %u, act %u, paraf %u, sign %u, sent %u, late %u)\n",
              people[p], p50, p95, counts.counts[LOKET_INBOX_INCOMING],
              counts.counts[LOKET_INBOX_NEEDS_ACTION], counts.counts[LOKET_INBOX_AWAITING_PARAF],
              counts.counts[LOKET_INBOX_AWAITING_SIGNATURE], counts.counts[LOKET_INBOX_SENT],
              counts.counts[LOKET_INBOX_LATE]);
    }
  printf ("%-44s %12.2f ms      target ≤ 20 ms (%d cases)\n", "all inbox counts, one user, worst p95",
          worst_p95, n_cases);

  /* First page (50 rows) of each inbox of the busiest Kabid, as the list view loads it. */
  for (guint inbox = 0; inbox < LOKET_INBOX_N_INBOXES; inbox++)
    {
      g_autoptr (GArray) ms = g_array_new (FALSE, FALSE, sizeof (double));
      guint n = 0;

      for (int i = 0; i < MAX (rounds / 10, 5); i++)
        {
          g_autoptr (GPtrArray) page = NULL;

          g_timer_start (timer);
          page = loket_store_list_person_inbox (store, people[2], inbox, now, 0, 50, &error);
          if (page == NULL)
            g_error ("list: %s", error->message);
          g_array_append_val (ms, (double) { g_timer_elapsed (timer, NULL) * 1000 });
          n = page->len;
        }
      printf ("first page of %-30s p50 %6.2f ms  p95 %6.2f ms  (%u rows)\n",
              loket_inbox_to_string (inbox), percentile (ms, 0.5), percentile (ms, 0.95), n);
    }

  loket_store_close (store);
  if (tmpdir != NULL)
    loket_test_remove_tree (tmpdir);
  return 0;
}
