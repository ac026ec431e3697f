// SPDX-License-Identifier: GPL-3.0-or-later
// Figures on a large store (100,000 cases, ~1,000,000 events by default; set
// LOKET_TEST_SCALE_CASES to change; LOKET_TEST_SCALE_KEEP=<empty folder> keeps the database):
// rebuild rate, inbox counts, search, paging, check.
// Timings are printed (g_test_message), not asserted; correctness is.
#include "config.h"

#include <stdlib.h>
#include <sys/resource.h>

#include "loket-db-migrations.h"
#include "loket-db.h"
#include "loket-event-store.h"
#include "loket-projection-store.h"
#include "loket-store.h"
#include "loket-test-utils.h"
#include "store-test-events.h"

#define T0 ((gint64) 1735693200) /* 2025-01-01 09:00 WITA */

static const char *first_names[] = { "Yohanes",  "Maria", "Agustinus", "Paulus",    "Ina",
                                     "Kornelis", "Lukas", "Elisabeth", "Fransiska", "Petrus" };
static const char *last_names[]
  = { "Bria", "Seran", "Nahak", "Tefa", "Bani", "Mau", "Ndun", "Lado", "Manek", "Taek" };

/* CPU seconds (user + system, every thread) used by the process so far. */
static double
cpu_seconds (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* Writes the events straight into the event log (no projections): the rebuild makes them. */
static guint
fill_events (const char *path, guint n_cases)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketDb) db = loket_db_open (path, LOKET_DB_OPEN_READ_WRITE, &error);
  guint n_events = 0;

  g_assert_no_error (error);
  g_assert_true (loket_db_migrations_apply (db, -1, &error));
  g_assert_true (loket_db_begin (db, &error));
  for (guint i = 0; i < n_cases; i++)
    {
      g_autofree char *agenda = g_strdup_printf ("%u/S/%u", i % 5000 + 1, 2025 + i / 5000);
      g_autofree char *name
        = g_strdup_printf ("%s %s %u", first_names[i % 10], last_names[(i / 10) % 10], i);
      g_autofree char *nik = g_strdup_printf ("5371%012u", i);
      StoreTestCase    spec = { NULL,
                                agenda,
                                name,
                                nik,
                             i % 3 == 0 ? "kopnakertrans-ntt/bidang-lain" : NULL,
                                T0 + (gint64) i * 240,
                                1 + i % 19 };
      g_autoptr (GPtrArray) events = store_test_case_events (&spec);

      for (guint j = 0; j < events->len; j++)
        {
          gboolean inserted;
          g_assert_true (loket_event_store_append (db, events->pdata[j], &inserted, &error));
          g_assert_no_error (error);
        }
      n_events += events->len;
    }
  g_assert_true (loket_db_commit (db, &error));
  g_assert_no_error (error);
  return n_events;
}

static void
time_queries (LoketStore *store, guint n_cases)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketCaseQuery) query = loket_case_query_new ();
  gint64      now = T0 + (gint64) n_cases * 240 + 86400;
  const char *searches[] = { "yoh", "maria bria", "537100000004", "17/S/2025", "nobody" };
  guint       count;
  gint64      start;

  for (guint round = 0; round < 3; round++)
    {
      g_autoptr (GPtrArray) counts = NULL;

      start = g_get_monotonic_time ();
      counts = loket_store_count_inboxes (store, now, &error);
      g_assert_no_error (error);
      g_test_message ("count_inboxes (round %u): %.2f ms, all=%u needs_action=%u overdue=%u", round,
                      ms_since (start), ((LoketInboxCount *) counts->pdata[0])->count,
                      ((LoketInboxCount *) counts->pdata[1])->count,
                      ((LoketInboxCount *) counts->pdata[2])->count);
      g_assert_cmpuint (((LoketInboxCount *) counts->pdata[0])->count, ==, n_cases);
    }

  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      g_autoptr (GPtrArray) page = NULL;

      g_free (query->search);
      query->search = g_strdup (searches[i]);
      start = g_get_monotonic_time ();
      count = loket_store_count_cases (store, query, &error);
      page = loket_store_list_cases (store, query, 0, 50, &error);
      g_assert_no_error (error);
      g_test_message ("search %-14s count + first page: %.2f ms (%u hits)", searches[i],
                      ms_since (start), count);

      /* Whichever plan the list used, the page is the first hits in agenda order. */
      g_assert_cmpuint (page->len, ==, MIN (count, 50));
      for (guint j = 1; j < page->len; j++)
        {
          g_autofree char *a
            = loket_projection_store_sort_key (loket_case_get_agenda_number (page->pdata[j - 1]));
          g_autofree char *b
            = loket_projection_store_sort_key (loket_case_get_agenda_number (page->pdata[j]));
          g_assert_cmpstr (a, <=, b);
        }
      if (i == 0)
        for (guint j = 0; j < page->len; j++)
          g_assert_true (
            g_str_has_prefix (loket_case_get_applicant_name (page->pdata[j]), "Yohanes"));
    }
  g_clear_pointer (&query->search, g_free);

  for (LoketCaseSort sort = LOKET_CASE_SORT_AGENDA_NUMBER; sort <= LOKET_CASE_SORT_DUE_AT; sort++)
    {
      g_autoptr (GPtrArray) first = NULL;
      g_autoptr (GPtrArray) deep = NULL;
      double first_ms;

      query->sort = sort;
      query->filter = LOKET_CASE_FILTER_NEEDS_ACTION;
      start = g_get_monotonic_time ();
      first = loket_store_list_cases (store, query, 0, 100, &error);
      first_ms = ms_since (start);
      start = g_get_monotonic_time ();
      deep = loket_store_list_cases (store, query, n_cases / 2, 100, &error);
      g_assert_no_error (error);
      g_test_message ("list sort %d (needs action): first page %.2f ms, page at %u %.2f ms", sort,
                      first_ms, n_cases / 2, ms_since (start));
      g_assert_cmpuint (first->len, ==, 100);
    }

  query->filter = LOKET_CASE_FILTER_OVERDUE;
  query->now = now;
  start = g_get_monotonic_time ();
  count = loket_store_count_cases (store, query, &error);
  g_test_message ("count overdue: %u in %.2f ms", count, ms_since (start));
}

static void
test_scale (void)
{
  const char *env = g_getenv ("LOKET_TEST_SCALE_CASES");
  guint       n_cases = env != NULL ? (guint) atoi (env) : 100000;
  const char *keep = g_getenv ("LOKET_TEST_SCALE_KEEP"); /* a folder: keep the database there */
  g_autofree char *dir
    = keep != NULL ? g_strdup (keep) : g_dir_make_tmp ("loket-test-scale-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "loket.db", NULL);
  g_autoptr (LoketCaseProjector) projector = store_test_projector_new ();
  g_autoptr (LoketStore) store = NULL;
  g_autoptr (LoketStoreCheckReport) report = NULL;
  g_autoptr (GError) error = NULL;
  guint  n_events;
  gint64 start;
  double ms, cpu;

  start = g_get_monotonic_time ();
  n_events = fill_events (path, n_cases);
  g_test_message ("made and appended %u events of %u cases in %.1f s", n_events, n_cases,
                  ms_since (start) / 1000);

  start = g_get_monotonic_time ();
  store = loket_store_open (path, projector, &error);
  g_assert_no_error (error);
  g_test_message ("open (quick_check + migrations): %.1f ms", ms_since (start));

  start = g_get_monotonic_time ();
  cpu = cpu_seconds ();
  g_assert_true (loket_store_rebuild_projections (store, &error));
  g_assert_no_error (error);
  ms = ms_since (start);
  cpu = cpu_seconds () - cpu;
  g_test_message ("rebuild_projections: %u events in %.2f s = %.0f events/s (%.2f CPU s = %.0f "
                  "events per CPU s; the machine may be shared)",
                  n_events, ms / 1000, n_events / (ms / 1000), cpu, n_events / cpu);

  time_queries (store, n_cases);

  /* One small append per commit (synchronous = FULL). */
  start = g_get_monotonic_time ();
  for (guint i = 0; i < 50; i++)
    {
      StoreTestCase spec = {
        NULL, "1/N/2027", "Baru", "5371000000000000", NULL, T0 + (gint64) n_cases * 240 + i, 2
      };
      g_autoptr (GPtrArray) events = store_test_case_events (&spec);
      g_assert_true (loket_store_append_events (store, events, &error));
    }
  g_test_message ("append of one 2-event case per commit: %.2f ms each", ms_since (start) / 50);

  start = g_get_monotonic_time ();
  report = loket_store_check (store, &error);
  g_assert_no_error (error);
  g_test_message ("check: %u events, %u cases in %.1f s", report->n_events, report->n_cases,
                  ms_since (start) / 1000);
  g_assert_cmpuint (report->problems->len, ==, 0);
  g_assert_cmpuint (report->n_cases, ==, n_cases + 50);

  loket_store_close (store);
  if (keep == NULL)
    loket_test_remove_tree (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/loket/store/scale/rebuild-and-queries", test_scale);
  return g_test_run ();
}
