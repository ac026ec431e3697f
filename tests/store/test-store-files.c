// SPDX-License-Identifier: GPL-3.0-or-later
// Tests for LoketStore's files: blobs, damaged or foreign databases, unwritable folders, and a
// version 1 database migrated with its data.
#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <unistd.h>

#include "loket-db-migrations.h"
#include "loket-db.h"
#include "loket-error.h"
#include "loket-event-store.h"
#include "loket-projection-store.h"
#include "loket-store.h"
#include "loket-test-utils.h"
#include "store-test-fixture.h"

/* Blobs through the store */

static void
test_blobs (Fixture *f, gconstpointer user_data)
{
  g_autoptr (GBytes) scan = g_bytes_new_static ("%PDF-1.4 KTP scan", 17);
  g_autoptr (GBytes) back = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketStoreCheckReport) report = NULL;
  g_autofree char *sha = loket_store_add_blob (f->store, scan, &error);
  g_autofree char *again = loket_store_add_blob (f->store, scan, &error);
  g_autofree char *file = NULL;
  g_autofree char *prefix = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (sha, ==, again);
  back = loket_store_read_blob (f->store, sha, &error);
  g_assert_true (g_bytes_equal (back, scan));
  report = loket_store_check (f->store, &error);
  g_assert_cmpuint (report->n_blobs, ==, 1);
  g_assert_cmpuint (report->problems->len, ==, 0);
  g_clear_pointer (&report, loket_store_check_report_free);

  prefix = g_strndup (sha, 2);
  file = g_build_filename (f->dir, "data", "loket.db.blobs", prefix, sha, NULL);
  g_assert_true (g_file_test (file, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_set_contents (file, "%PDF-1.4 KTP scaN", 17, NULL));
  g_clear_pointer (&back, g_bytes_unref);
  back = loket_store_read_blob (f->store, sha, &error);
  g_assert_null (back);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_CORRUPT);
  g_clear_error (&error);
  report = loket_store_check (f->store, &error);
  g_assert_cmpuint (report->problems->len, ==, 1);
  g_assert_true (g_str_has_prefix (report->problems->pdata[0], "blob "));
  g_assert_nonnull (strstr (report->problems->pdata[0], sha));
}

/* Opening damaged or foreign files */

static GBytes *
file_bytes (const char *path)
{
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (contents, length);
}

static void
assert_open_corrupt (const char *path, LoketCaseProjector *projector)
{
  g_autoptr (GBytes) before = file_bytes (path);
  g_autoptr (GBytes) after = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketStore) store = loket_store_open (path, projector, &error);

  g_assert_null (store);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "is not a Loket database or is damaged"));
  after = file_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
}

static void
test_open_corrupt (Fixture *f, gconstpointer user_data)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (7);
  g_autofree char *noise_path = g_build_filename (f->dir, "noise.db", NULL);
  g_autofree char *text_path = g_build_filename (f->dir, "notes.db", NULL);
  g_autofree char *cut_path = g_build_filename (f->dir, "cut.db", NULL);
  g_autofree char *contents = NULL;
  guint8           noise[16384];
  gsize            length;

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = g_rand_int_range (rand, 0, 256);
  g_assert_true (g_file_set_contents (noise_path, (char *) noise, sizeof noise, NULL));
  assert_open_corrupt (noise_path, f->projector);

  g_assert_true (g_file_set_contents (text_path, "Buku agenda surat masuk 2026\n", -1, NULL));
  assert_open_corrupt (text_path, f->projector);

  /* A real store, checkpointed and cut in half. */
  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *agenda = g_strdup_printf ("%u/T/2026", i);
      g_autoptr (GPtrArray) events
        = append_case (f, agenda, "Pemohon Panjang Namanya", "5371010101900001", T0 + i, 3);
    }
  loket_store_close (f->store);
  g_assert_true (g_file_get_contents (f->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 65536);
  g_assert_true (g_file_set_contents (cut_path, contents, length / 2, NULL));
  assert_open_corrupt (cut_path, f->projector);
}

static void
test_open_unwritable (Fixture *f, gconstpointer user_data)
{
  g_autofree char *file = g_build_filename (f->dir, "plain-file", NULL);
  g_autofree char *under_file = g_build_filename (file, "sub", "loket.db", NULL);
  g_autofree char *locked = g_build_filename (f->dir, "locked", NULL);
  g_autofree char *in_locked = g_build_filename (locked, "loket.db", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketStore) store = NULL;

  g_assert_true (g_file_set_contents (file, "x", 1, NULL));
  store = loket_store_open (under_file, f->projector, &error);
  g_assert_null (store);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "folder"));
  g_clear_error (&error);

  g_assert_cmpint (g_mkdir (locked, 0555), ==, 0);
  if (access (locked, W_OK) == 0)
    {
      /* root writes anywhere: nothing more to test here */
      g_test_message ("running as root: the read-only folder case is not testable");
      return;
    }
  store = loket_store_open (in_locked, f->projector, &error);
  g_assert_null (store);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_IO);
  g_chmod (locked, 0755);
}

/* Migrations with data: a v1 database made from the v1 schema fixture. */
static void
test_migrate_v1_with_data (Fixture *f, gconstpointer user_data)
{
  g_autofree char *v1_path = g_build_filename (f->dir, "v1.db", NULL);
  g_autofree char *schema_path
    = g_test_build_filename (G_TEST_DIST, "store", "fixtures", "schema-v1.sql", NULL);
  g_autofree char *schema = NULL;
  g_autofree char *pragmas = g_strdup_printf (
    "PRAGMA user_version = 1; PRAGMA application_id = %d;", LOKET_DB_APPLICATION_ID);
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketStore) store = NULL;
  g_autoptr (LoketCase) kase = NULL;
  g_autoptr (GPtrArray) back = NULL;
  StoreTestCase spec = { NULL, "99/V1/2025", "Kornelis Bani", "5371010101800009", NULL, T0, 5 };
  g_autoptr (GPtrArray) events = store_test_case_events (&spec);

  g_assert_true (g_file_get_contents (schema_path, &schema, NULL, &error));
  {
    g_autoptr (LoketDb) db = loket_db_open (v1_path, LOKET_DB_OPEN_READ_WRITE, &error);
    g_autoptr (LoketCase) folded = loket_case_projector_project (f->projector, events, &error);

    g_assert_no_error (error);
    g_assert_true (loket_db_exec (db, schema, &error));
    g_assert_true (loket_db_exec (db, pragmas, &error));
    g_assert_true (loket_db_begin (db, &error));
    for (guint i = 0; i < events->len; i++)
      {
        gboolean inserted;
        g_assert_true (loket_event_store_append (db, events->pdata[i], &inserted, &error));
        g_assert_no_error (error);
      }
    g_assert_true (loket_projection_store_insert_bulk (db, folded, "Rekomendasi AKAD", &error));
    g_assert_true (loket_db_commit (db, &error));
    g_assert_no_error (error);
  }

  store = loket_store_open (v1_path, f->projector, &error);
  g_assert_no_error (error);
  g_assert_cmpint (loket_store_get_schema_version (store), ==, loket_db_migrations_get_latest ());
  back = loket_store_get_case_events (store, case_of (events), &error);
  g_assert_cmpuint (back->len, ==, 5);
  kase = loket_store_get_case (store, case_of (events), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loket_case_get_applicant_name (kase), ==, "Kornelis Bani");
  assert_check_clean (store);
  {
    g_autoptr (LoketCaseQuery) query = loket_case_query_new ();
    query->search = g_strdup ("kornel 99/v1");
    g_assert_cmpuint (loket_store_count_cases (store, query, &error), ==, 1);
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func)                                                                            \
  g_test_add ("/loket/store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("blobs/dedupe-and-corruption", test_blobs);
  ADD ("open/corrupt-file-untouched", test_open_corrupt);
  ADD ("open/unwritable-folder", test_open_unwritable);
  ADD ("migrations/v1-with-data", test_migrate_v1_with_data);
#undef ADD

  return g_test_run ();
}
