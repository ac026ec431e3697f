// SPDX-License-Identifier: GPL-3.0-or-later
// Per-person inbox counts (all six) on a demo database, for the people with the most work:
// target ≤ 20 ms per user on 100,000 cases (issue 4). Prints p50/p95; never fails on speed.
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "bench-fixture.h"

static int   n_cases = 100000;
static int   rounds = 200;
static char *db_path = NULL;

static GOptionEntry entries[] = {
  { "cases", 0, 0, G_OPTION_ARG_INT, &n_cases, "Cases in the demo database (default 100000)", "N" },
  { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "Measurements per person (default 200)", "N" },
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "Reuse/keep this database (default: temporary)", "FILE" },
  { NULL }
};

int
main (int argc, char **argv)
{
  g_autoptr (GOptionContext) octx = g_option_context_new ("- Loket inbox count benchmark");
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketBench) bench = NULL;
  g_autoptr (GTimer) timer = g_timer_new ();
  LoketStore *store;
  /* The busiest seats of the busiest agency, and a Plh.: Kadis, Sekretaris, Kabid, Kasi, staf. */
  const char *people[] = {
    "kopnakertrans-ntt/p-kadis",           "kopnakertrans-ntt/p-sekretaris",
    "kopnakertrans-ntt/p-kabid-ketenagakerjaan", "kopnakertrans-ntt/p-kasi-p3tk",
    "kopnakertrans-ntt/p-p3tk-1",          "dinsos-ntt/p-kadis",
  };
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  double worst_p95 = 0, worst_page = 0;

  g_option_context_add_main_entries (octx, entries, NULL);
  if (!g_option_context_parse (octx, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  bench = loket_bench_open (db_path, (guint) n_cases, "Loket inbox benchmark");
  store = bench->store;

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
      p50 = loket_bench_percentile (ms, 0.50);
      p95 = loket_bench_percentile (ms, 0.95);
      worst_p95 = MAX (worst_p95, p95);
      printf ("%-40s p50 %6.2f ms  p95 %6.2f ms  (in %u, act %u, paraf %u, sign %u, sent %u, late %u)\n",
              people[p], p50, p95, counts.counts[LOKET_INBOX_INCOMING],
              counts.counts[LOKET_INBOX_NEEDS_ACTION], counts.counts[LOKET_INBOX_AWAITING_PARAF],
              counts.counts[LOKET_INBOX_AWAITING_SIGNATURE], counts.counts[LOKET_INBOX_SENT],
              counts.counts[LOKET_INBOX_LATE]);
    }
  loket_bench_row ("per-person inbox counts (all six), worst p95", worst_p95, "ms", "<= 20 ms");

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
              loket_inbox_to_string (inbox), loket_bench_percentile (ms, 0.5), loket_bench_percentile (ms, 0.95), n);
      worst_page = MAX (worst_page, loket_bench_percentile (ms, 0.95));
    }
  loket_bench_row ("first page of a person inbox, worst p95", worst_page, "ms", "(info)");

  return 0;
}
