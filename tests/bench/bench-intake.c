// SPDX-License-Identifier: GPL-3.0-or-later
// Registering a case with 5 attachments of 2 MB each, from files on disk (no file picker) to
// committed: p50/p95 over 20 runs. Target ≤ 150 ms. Prints figures; not pass/fail.
//   meson test -C BUILD --benchmark intake      (or run BUILD/tests/bench/bench-intake)
#include "config.h"

#include "bench-row.h"

#include <stdio.h>
#include <string.h>

#include "loket-store.h"
#include "loket-test-utils.h"

#define RUNS        20
#define N_FILES     5
#define FILE_SIZE   (2 * 1024 * 1024)
#define SERVICE     "kopnakertrans-ntt/rekomendasi-rekrutmen-akad"

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* Fresh content for each run, so no blob is already stored. */
static void
write_files (const char *dir, guint run, char **paths)
{
  g_autofree guint8 *data = g_malloc (FILE_SIZE);
  GRand *rand = g_rand_new_with_seed (run + 1);

  for (guint i = 0; i < N_FILES; i++)
    {
      g_autofree char *name = g_strdup_printf ("run%u-scan%u.pdf", run, i);

      for (gsize j = 0; j < FILE_SIZE; j += 4)
        {
          guint32 v = g_rand_int (rand);
          memcpy (data + j, &v, 4);
        }
      memcpy (data, "%PDF-1.6\n", 9);
      paths[i] = g_build_filename (dir, name, NULL);
      g_assert_true (g_file_set_contents (paths[i], (const char *) data, FILE_SIZE, NULL));
    }
  g_rand_free (rand);
}

typedef struct
{
  LoketIntakeForm *form;
  LoketStore      *store;
  guint            pending;
} Parallel;

static void
imported_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Parallel *p = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketAttachment) a = loket_store_add_blob_from_file_finish (p->store, result, &error);

  g_assert_no_error (error);
  g_assert_true (loket_intake_form_add_attachment (p->form, "r1", a, &error));
  p->pending--;
}

static gboolean
all_imported (gpointer data)
{
  return ((Parallel *) data)->pending == 0;
}

/* Stores the files as the dialog does when several are dropped at once: all imports run
 * concurrently (loket_store_add_blob_from_file_async). */
static void
attach_parallel (LoketStore *store, LoketIntakeForm *form, char **paths)
{
  Parallel p = { form, store, N_FILES };

  for (guint i = 0; i < N_FILES; i++)
    {
      g_autoptr (GFile) file = g_file_new_for_path (paths[i]);
      loket_store_add_blob_from_file_async (store, file, 0, NULL, imported_cb, &p);
    }
  g_assert_true (loket_test_wait_until (all_imported, &p, 60000));
}

static void
attach_sequential (LoketStore *store, LoketIntakeForm *form, char **paths)
{
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < N_FILES; i++)
    {
      g_autoptr (GFile) file = g_file_new_for_path (paths[i]);
      g_autofree char *req = g_strdup_printf ("r%u", 1 + i % 4);
      g_autoptr (LoketAttachment) a = loket_store_add_blob_from_file (store, file, 0, NULL, &error);

      g_assert_no_error (error);
      g_assert_true (loket_intake_form_add_attachment (form, req, a, &error));
    }
}

static void
print_figures (const char *label, const char *row, double *ms, double *attach_ms)
{
  double sorted[RUNS], total_attach = 0;

  memcpy (sorted, ms, sizeof sorted);
  qsort (sorted, RUNS, sizeof (double), compare_doubles);
  for (guint i = 0; i < RUNS; i++)
    total_attach += attach_ms[i];
  printf ("%s\n", label);
  printf ("  p50 %.1f ms   p95 %.1f ms   min %.1f ms   max %.1f ms   (target <= 150 ms)\n",
          sorted[RUNS / 2], sorted[(RUNS * 95 + 99) / 100 - 1], sorted[0], sorted[RUNS - 1]);
  printf ("  of which storing the files (hash, copy, fsync): mean %.1f ms\n", total_attach / RUNS);
  {
    g_autofree char *p50 = g_strdup_printf ("%s p50", row);
    g_autofree char *p95 = g_strdup_printf ("%s p95", row);

    loket_bench_row (p50, sorted[RUNS / 2], "ms", "");
    loket_bench_row (p95, sorted[(RUNS * 95 + 99) / 100 - 1], "ms", "<= 150 ms");
  }
}

/* RUNS registrations; each run's time in @ms, the file part in @attach_ms. */
static void
run_mode (LoketStore *store, LoketServiceCatalog *catalog, const char *dir, gboolean parallel,
          double *ms, double *attach_ms)
{
  for (guint run = 0; run < RUNS; run++)
    {
      char *paths[N_FILES];
      g_autoptr (GError) error = NULL;
      g_autoptr (LoketIntakeForm) form = loket_intake_form_new (catalog, SERVICE, "surat", &error);
      g_autoptr (LoketParty) party = loket_party_new (LOKET_PARTY_ORGANISATION);
      g_autofree char *uuid = NULL;
      gint64 start, attached;

      write_files (dir, run + (parallel ? RUNS : 0), paths);
      loket_party_set_name (party, "PT Sumber Rejeki");
      loket_intake_form_add_party (form, party);

      start = g_get_monotonic_time ();
      if (parallel)
        attach_parallel (store, form, paths);
      else
        attach_sequential (store, form, paths);
      for (guint i = 1; i <= 4; i++)
        {
          g_autofree char *req = g_strdup_printf ("r%u", i);
          loket_intake_form_set_satisfied (form, req, TRUE, NULL);
        }
      attached = g_get_monotonic_time ();
      g_assert_true (loket_store_register_case (store, form, NULL, "bench",
                                                LOKET_INTAKE_DECLARE_COMPLETE, &uuid, NULL,
                                                &error));
      g_assert_no_error (error);
      ms[run] = (g_get_monotonic_time () - start) / 1000.0;
      attach_ms[run] = (attached - start) / 1000.0;
      for (guint i = 0; i < N_FILES; i++)
        g_free (paths[i]);
    }
}

int
main (int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("loket-bench-intake-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "loket.db", NULL);
  g_autoptr (LoketServiceCatalog) catalog = loket_service_catalog_new_default (&error);
  g_autoptr (LoketWorkCalendar) calendar = loket_work_calendar_new_default (&error);
  g_autoptr (LoketCaseProjector) projector = loket_case_projector_new (catalog, calendar);
  g_autoptr (LoketStore) store = loket_store_open (db, projector, &error);
  double ms[RUNS], attach_ms[RUNS];

  g_assert_no_error (error);
  run_mode (store, catalog, dir, FALSE, ms, attach_ms);
  print_figures ("intake: 5 x 2 MB attachments imported one after the other, start to "
                 "committed, 20 runs", "intake commit, 5 x 2 MB one by one", ms, attach_ms);
  run_mode (store, catalog, dir, TRUE, ms, attach_ms);
  print_figures ("intake: 5 x 2 MB attachments imported concurrently (files dropped at once), "
                 "start to committed, 20 runs", "intake commit, 5 x 2 MB at once", ms, attach_ms);
  g_clear_object (&store);
  loket_test_remove_tree (dir);
  return 0;
}
