// SPDX-License-Identifier: GPL-3.0-or-later
// Tests for the connection wrapper, migrations, the database thread and the blob store.
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sqlite3.h>

#include "loket-blob-store.h"
#include "loket-db-migrations.h"
#include "loket-db-worker.h"
#include "loket-db.h"
#include "loket-error.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
rm_rf (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        rm_rf (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_set_up (Fixture      *fixture,
                gconstpointer user_data)
{
  fixture->dir = g_dir_make_tmp ("loket-test-db-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  fixture->path = g_build_filename (fixture->dir, "loket.db", NULL);
}

static void
fixture_tear_down (Fixture      *fixture,
                   gconstpointer user_data)
{
  rm_rf (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->path);
}

static void
test_migrations_from_empty (Fixture      *fixture,
                            gconstpointer user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketDb) db = NULL;
  gint64 version = -1, application_id = 0, n = -1;

  g_assert_true (loket_db_migrations_check_file (fixture->path, &error));
  g_assert_no_error (error);
  db = loket_db_open (fixture->path, LOKET_DB_OPEN_READ_WRITE, &error);
  g_assert_no_error (error);
  g_assert_true (loket_db_migrations_apply (db, -1, &error));
  g_assert_no_error (error);

  g_assert_true (loket_db_query_int64 (db, "PRAGMA user_version", &version, &error));
  g_assert_cmpint (version, ==, loket_db_migrations_get_latest ());
  g_assert_cmpint (version, >=, 2);
  g_assert_true (loket_db_query_int64 (db, "PRAGMA application_id", &application_id, &error));
  g_assert_cmpint (application_id, ==, LOKET_DB_APPLICATION_ID);
  g_assert_true (loket_db_query_int64 (db, "SELECT count(*) FROM case_search", &n, &error));
  g_assert_cmpint (n, ==, 0);

  /* Applying again is a no-op. */
  g_assert_true (loket_db_migrations_apply (db, -1, &error));
  g_assert_no_error (error);
  g_clear_pointer (&db, loket_db_close);
  g_assert_true (loket_db_migrations_check_file (fixture->path, &error));
  g_assert_no_error (error);
}

static void
test_migrations_from_v1 (Fixture      *fixture,
                         gconstpointer user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketDb) db = loket_db_open (fixture->path, LOKET_DB_OPEN_READ_WRITE, &error);
  gint64 version = 0, n = 0;

  g_assert_no_error (error);
  g_assert_true (loket_db_migrations_apply (db, 1, &error));
  g_assert_no_error (error);
  g_assert_true (loket_db_query_int64 (db, "PRAGMA user_version", &version, &error));
  g_assert_cmpint (version, ==, 1);
  g_assert_true (loket_db_exec (db,
                                "INSERT INTO cases (uuid, agenda_number, applicant_name, status, "
                                "status_rank, is_open) VALUES "
                                "('c1', '12/ABC/2024', 'Maria Bunga', 'registered', 0, 1)",
                                &error));
  g_assert_no_error (error);

  g_assert_true (loket_db_migrations_apply (db, -1, &error));
  g_assert_no_error (error);
  g_assert_true (loket_db_query_int64 (db, "PRAGMA user_version", &version, &error));
  g_assert_cmpint (version, ==, loket_db_migrations_get_latest ());
  g_assert_true (loket_db_query_int64 (db,
                                       "SELECT count(*) FROM case_search WHERE case_search MATCH "
                                       "'\"bung\"*'",
                                       &n, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 1);
}

static GBytes *
read_bytes (const char *path)
{
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (contents, length);
}

static void
assert_check_corrupt (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) before = read_bytes (path);
  g_autoptr(GBytes) after = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);

  g_assert_false (loket_db_migrations_check_file (path, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, "is not a Loket database or is damaged"));
  after = read_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
}

static void
test_check_rejects_garbage (Fixture      *fixture,
                            gconstpointer user_data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (42);
  guint8 noise[8192];

  for (guint i = 0; i < sizeof noise; i++)
    noise[i] = g_rand_int_range (rand, 0, 256);
  g_assert_true (g_file_set_contents (fixture->path, (char *) noise, sizeof noise, NULL));
  assert_check_corrupt (fixture->path);

  g_assert_true (g_file_set_contents (fixture->path, "Surat permohonan\nNama: Maria\n", -1, NULL));
  assert_check_corrupt (fixture->path);
}

static void
test_check_rejects_truncated (Fixture      *fixture,
                              gconstpointer user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketDb) db = loket_db_open (fixture->path, LOKET_DB_OPEN_READ_WRITE, &error);
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_no_error (error);
  g_assert_true (loket_db_migrations_apply (db, -1, &error));
  g_assert_true (loket_db_exec (db, "PRAGMA journal_mode = DELETE; CREATE TABLE filler (x TEXT);"
                                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM n "
                                    "WHERE i < 2000) INSERT INTO filler SELECT printf('%0200d', i) "
                                    "FROM n;",
                                &error));
  g_assert_no_error (error);
  g_clear_pointer (&db, loket_db_close);

  g_assert_true (g_file_get_contents (fixture->path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 100000);
  g_assert_true (g_file_set_contents (fixture->path, contents, length / 2, NULL));
  assert_check_corrupt (fixture->path);
}

static void
test_check_rejects_foreign_and_newer (Fixture      *fixture,
                                      gconstpointer user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketDb) db = loket_db_open (fixture->path, LOKET_DB_OPEN_READ_WRITE, &error);

  g_assert_true (loket_db_exec (db, "CREATE TABLE photos (x);", &error));
  g_clear_pointer (&db, loket_db_close);
  g_assert_false (loket_db_migrations_check_file (fixture->path, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_CORRUPT);
  g_clear_error (&error);

  g_unlink (fixture->path);
  db = loket_db_open (fixture->path, LOKET_DB_OPEN_READ_WRITE, &error);
  g_assert_true (loket_db_migrations_apply (db, -1, &error));
  g_assert_true (loket_db_exec (db, "PRAGMA user_version = 999", &error));
  g_clear_pointer (&db, loket_db_close);
  g_assert_false (loket_db_migrations_check_file (fixture->path, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_UNSUPPORTED);
  g_assert_nonnull (strstr (error->message, "newer version"));
}

static void
test_statement_cache (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(LoketDb) db = loket_db_open (NULL, LOKET_DB_OPEN_MEMORY, &error);
  sqlite3_stmt *first;
  gboolean have_row;

  g_assert_no_error (error);
  g_assert_true (loket_db_exec (db, "CREATE TABLE t (x INTEGER)", &error));
  for (int i = 0; i < 3; i++)
    {
      g_autoptr(LoketDbStatement) stmt = loket_db_prepare (db, "INSERT INTO t VALUES (?)", &error);
      loket_db_statement_bind_int64 (stmt, 1, i);
      g_assert_true (loket_db_statement_run (stmt, &error));
    }
  {
    g_autoptr(LoketDbStatement) a = loket_db_prepare (db, "SELECT sum(x) FROM t", &error);
    first = a->stmt;
    g_assert_true (loket_db_statement_step (a, &have_row, &error));
    g_assert_true (have_row);
    g_assert_cmpint (loket_db_statement_get_int64 (a, 0), ==, 3);
  }
  {
    g_autoptr(LoketDbStatement) b = loket_db_prepare (db, "SELECT sum(x) FROM t", &error);
    g_assert_true (b->stmt == first);
  }
  /* A broken statement is an error, not a crash. */
  g_assert_null (loket_db_prepare (db, "SELEKT nothing", &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_FAILED);
}

/* Worker */

typedef struct
{
  GThread *seen;
  int      value;
} WorkData;

static gboolean
work_double (gpointer   data,
             gpointer  *result,
             GError   **error)
{
  WorkData *work = data;

  work->seen = g_thread_self ();
  if (work->value < 0)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA, "negative");
      return FALSE;
    }
  *result = g_strdup_printf ("%d", work->value * 2);
  return TRUE;
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  char **out = user_data;
  g_autoptr(GError) error = NULL;
  gpointer value = NULL;

  g_assert_true (loket_db_worker_run_finish (result, &value, &error));
  g_assert_no_error (error);
  *out = value;
}

static void
test_worker (void)
{
  g_autoptr(LoketDbWorker) worker = loket_db_worker_new ("loket-test-db");
  g_autoptr(GError) error = NULL;
  WorkData data = { NULL, 21 };
  WorkData bad = { NULL, -1 };
  WorkData *async_data;
  g_autofree char *sync_result = NULL;
  g_autofree char *async_result = NULL;
  GThread *worker_thread;

  g_assert_true (loket_db_worker_run_sync (worker, work_double, &data, (gpointer *) &sync_result,
                                           &error));
  g_assert_no_error (error);
  g_assert_cmpstr (sync_result, ==, "42");
  g_assert_true (data.seen != g_thread_self ());
  worker_thread = data.seen;

  g_assert_false (loket_db_worker_run_sync (worker, work_double, &bad, NULL, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);

  async_data = g_new0 (WorkData, 1);
  async_data->value = 5;
  loket_db_worker_run_async (worker, work_double, async_data, NULL, g_free, NULL, test_worker,
                             NULL, async_done_cb, &async_result);
  while (async_result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (async_result, ==, "10");
  g_assert_true (async_data->seen == worker_thread);
  g_free (async_data);
  loket_db_worker_stop (worker);
}

/* Blobs */

static void
test_blobs (Fixture      *fixture,
            gconstpointer user_data)
{
  g_autofree char *dir = g_strconcat (fixture->path, ".blobs", NULL);
  g_autoptr(LoketBlobStore) blobs = loket_blob_store_new (dir);
  g_autoptr(GBytes) contents = g_bytes_new_static ("%PDF-1.7 scan", 13);
  g_autoptr(GBytes) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *again = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *path = NULL;
  g_autofree char *subdir = NULL;
  g_autoptr(GDir) listing = NULL;
  gboolean added = FALSE;
  guint n_files = 0;

  sha = loket_blob_store_add (blobs, contents, &added, &error);
  g_assert_no_error (error);
  g_assert_true (added);
  expected = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) "%PDF-1.7 scan", 13);
  g_assert_cmpstr (sha, ==, expected);
  path = loket_blob_store_get_path (blobs, sha);
  g_assert_true (g_str_has_suffix (path, sha));
  subdir = g_path_get_dirname (path);
  g_assert_true (g_str_has_suffix (subdir, (char[]) { '/', sha[0], sha[1], '\0' }));

  again = loket_blob_store_add (blobs, contents, &added, &error);
  g_assert_no_error (error);
  g_assert_false (added);
  g_assert_cmpstr (again, ==, sha);
  listing = g_dir_open (subdir, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);

  back = loket_blob_store_read (blobs, sha, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (back, contents));
  g_clear_pointer (&back, g_bytes_unref);

  /* One flipped byte is detected. */
  g_assert_true (g_file_set_contents (path, "%PDF-1.7 scaN", 13, NULL));
  back = loket_blob_store_read (blobs, sha, &error);
  g_assert_null (back);
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_CORRUPT);
  g_clear_error (&error);

  /* Adding the bytes again repairs the damaged copy. */
  g_free (loket_blob_store_add (blobs, contents, &added, &error));
  g_assert_true (added);
  back = loket_blob_store_read (blobs, sha, &error);
  g_assert_no_error (error);

  g_assert_null (loket_blob_store_read (blobs, "00000000000000000000000000000000000000000000000000000000000000ff",
                                        &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (loket_blob_store_read (blobs, "../../etc/passwd", &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/loket/store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("migrations/from-empty", test_migrations_from_empty);
  ADD ("migrations/from-v1", test_migrations_from_v1);
  ADD ("migrations/check-rejects-garbage", test_check_rejects_garbage);
  ADD ("migrations/check-rejects-truncated", test_check_rejects_truncated);
  ADD ("migrations/check-rejects-foreign-and-newer", test_check_rejects_foreign_and_newer);
  ADD ("blobs/dedupe-and-corruption", test_blobs);
#undef ADD
  g_test_add_func ("/loket/store/db/statement-cache", test_statement_cache);
  g_test_add_func ("/loket/store/worker/sync-and-async", test_worker);

  return g_test_run ();
}
