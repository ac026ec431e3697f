// SPDX-License-Identifier: GPL-3.0-or-later
// Four processes number letters from one register of one database file at the same time:
// no number is given twice, the numbers fill the lease without gaps, and an exhausted lease
// stops every process cleanly.
#include "config.h"

#include <stdlib.h>

#include "loket-store-numbering.h"
#include "store-test-fixture.h"

#define N_WORKERS 4

/* Runs N_WORKERS helpers at once; returns every line they printed. */
static GPtrArray *
run_workers (Fixture *f, const char *case_uuid, guint per_worker)
{
  g_autofree char *helper = g_test_build_filename (G_TEST_BUILT, "numbering", "numbering-worker", NULL);
  g_autofree char *count = g_strdup_printf ("%u", per_worker);
  GSubprocess *procs[N_WORKERS];
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < N_WORKERS; i++)
    {
      g_autoptr (GError) error = NULL;

      procs[i] = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, helper, f->path,
                                   case_uuid, count, NULL);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < N_WORKERS; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *out = NULL;
      g_auto (GStrv) split = NULL;

      g_assert_true (g_subprocess_communicate_utf8 (procs[i], NULL, NULL, &out, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_exited (procs[i]));
      g_assert_cmpint (g_subprocess_get_exit_status (procs[i]), ==, 0);
      split = g_strsplit (out, "\n", -1);
      for (guint j = 0; split[j] != NULL; j++)
        if (*split[j] != '\0')
          g_ptr_array_add (lines, g_strdup (split[j]));
      g_object_unref (procs[i]);
    }
  return lines;
}

static guint
check_distinct (GPtrArray *lines, gboolean *seen, gint64 first, gint64 last)
{
  guint n_exhausted = 0;

  for (guint i = 0; i < lines->len; i++)
    {
      const char *line = lines->pdata[i];
      gint64 urut;

      if (g_str_equal (line, "exhausted"))
        {
          n_exhausted++;
          continue;
        }
      urut = g_ascii_strtoll (line, NULL, 10);
      g_assert_cmpint (urut, >=, first);
      g_assert_cmpint (urut, <=, last);
      if (seen[urut - first])
        g_error ("number %" G_GINT64_FORMAT " was given twice", urut);
      seen[urut - first] = TRUE;
    }
  return n_exhausted;
}

static void
test_four_processes (Fixture *f, gconstpointer data)
{
  const gint64 first = 1001, last = 1200; /* 200 numbers */
  g_autoptr (GPtrArray) events = append_case (f, "1/K/2026", "A", "5301010101900001", T0, 6);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) round1 = NULL;
  g_autoptr (GPtrArray) round2 = NULL;
  g_autoptr (GPtrArray) stored = NULL;
  g_autofree gboolean *seen = g_new0 (gboolean, last - first + 1);
  guint n_numbered = 0;

  g_assert_true (loket_store_add_number_lease (f->store, STORE_TEST_AGENCY, "surat-keluar", 2026,
                                               first, last, NULL, T0 + 86400, T0, &error));
  g_assert_no_error (error);

  /* 4 × 40 = 160 numbers: all distinct and exactly 1001–1160 */
  round1 = run_workers (f, case_of (events), 40);
  g_assert_cmpuint (round1->len, ==, 160);
  g_assert_cmpuint (check_distinct (round1, seen, first, last), ==, 0);
  for (gint64 u = first; u < first + 160; u++)
    g_assert_true (seen[u - first]);

  /* 4 × 20 more with 40 left: exactly 40 numbered, 40 told "exhausted", still no duplicate */
  round2 = run_workers (f, case_of (events), 20);
  g_assert_cmpuint (round2->len, ==, 80);
  g_assert_cmpuint (check_distinct (round2, seen, first, last), ==, 40);
  for (gint64 u = first; u <= last; u++)
    g_assert_true (seen[u - first]);

  /* every number has its event, and nothing else was written */
  stored = loket_store_get_case_events (f->store, case_of (events), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < stored->len; i++)
    if (g_str_equal (loket_event_get_event_type (stored->pdata[i]), LOKET_EVENT_LETTER_NUMBERED))
      n_numbered++;
  g_assert_cmpuint (n_numbered, ==, 200);
  assert_check_clean (f->store);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/loket/numbering/concurrent/four-processes", Fixture, NULL, fixture_set_up,
              test_four_processes, fixture_tear_down);
  return g_test_run ();
}
