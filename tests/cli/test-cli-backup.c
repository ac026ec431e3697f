// SPDX-License-Identifier: GPL-3.0-or-later
// loket-cli backup / restore: backup → wipe → restore gives a database that passes `check` with
// the same events and blobs; damaged, truncated and foreign archives are refused with a clear
// message and nothing is written; an existing database is never replaced without --force.
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "loket-backup.h"
#include "loket-error.h"
#include "loket-store.h"
#include "loket-test-utils.h"

static char *tmpdir;
static char *db;
static char *archive;

/* Every event (in append order, with its hash) and every blob row, as one string. */
static char *
dump_database (const char *path)
{
  GString      *out = g_string_new (NULL);
  sqlite3      *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  const char   *queries[] = {
      "SELECT seq, uuid, case_uuid, type, author, device, hlc, body, prev_hash, hash FROM events "
        "ORDER BY seq",
      "SELECT sha256, size FROM blobs ORDER BY sha256",
      NULL,
  };

  g_assert_cmpint (sqlite3_open_v2 (path, &sql, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint q = 0; queries[q] != NULL; q++)
    {
      g_assert_cmpint (sqlite3_prepare_v2 (sql, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int i = 0; i < sqlite3_column_count (stmt); i++)
            g_string_append_printf (out, "%s|", (const char *) sqlite3_column_text (stmt, i));
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (sql);
  return g_string_free (out, FALSE);
}

static char *
blob_path (const char *database, const char *sha)
{
  g_autofree char *prefix = g_strndup (sha, 2);
  g_autofree char *dir = g_strconcat (database, ".blobs", NULL);

  return g_build_filename (dir, prefix, sha, NULL);
}

static char *blob_hashes[3];

static LoketStore *
open_store (GError **error)
{
  g_autoptr (LoketServiceCatalog) catalog = loket_service_catalog_new_default (error);
  g_autoptr (LoketWorkCalendar) calendar = loket_work_calendar_new_default (error);
  g_autoptr (LoketCaseProjector) projector = NULL;

  g_assert_nonnull (catalog);
  g_assert_nonnull (calendar);
  projector = loket_case_projector_new (catalog, calendar);
  return loket_store_open (db, projector, error);
}

static void
setup_database (void)
{
  g_auto (LoketCliRun) r = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketStore) store = NULL;

  loket_test_run_cliv (&r, "demo", "--db", db, "--cases", "300", "--seed", "5", "--now",
                       "2026-10-01", "-q", NULL);
  g_assert_cmpint (r.status, ==, 0);
  /* Attachments: three blobs, one of them large enough to span several buffers. */
  store = open_store (&error);
  g_assert_no_error (error);
  for (guint i = 0; i < 3; i++)
    {
      gsize              size = i == 2 ? 700 * 1024 : 1000 + i;
      g_autofree guchar *data = g_malloc (size);
      g_autoptr (GBytes) bytes = NULL;

      for (gsize k = 0; k < size; k++)
        data[k] = (guchar) (k * 7 + i);
      bytes = g_bytes_new_take (g_steal_pointer (&data), size);
      blob_hashes[i] = loket_store_add_blob (store, bytes, &error);
      g_assert_no_error (error);
    }
  loket_store_close (store);
}

static void
assert_refused (const char *bad_archive, const char *message_part)
{
  g_autofree char *target = g_build_filename (tmpdir, "never.db", NULL);
  g_auto (LoketCliRun) r = { 0 };

  loket_test_run_cliv (&r, "restore", "-i", bad_archive, "--db", target, NULL);
  g_assert_cmpint (r.status, ==, 1);
  if (strstr (r.err, message_part) == NULL)
    g_error ("restore said “%s”, expected “%s”", r.err, message_part);
  g_assert_false (g_file_test (target, G_FILE_TEST_EXISTS));
}

static void
test_round_trip (void)
{
  g_autofree char *before = NULL, *after = NULL;
  g_autofree char *blobs_dir = g_strconcat (db, ".blobs", NULL);
  g_auto (LoketCliRun) b = { 0 };
  g_auto (LoketCliRun) r = { 0 };
  g_auto (LoketCliRun) c = { 0 };
  g_auto (LoketCliRun) again = { 0 };
  g_autoptr (GPtrArray) blob_contents = g_ptr_array_new_with_free_func (g_free);

  before = dump_database (db);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *path = blob_path (db, blob_hashes[i]);
      char            *contents = NULL;

      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_ptr_array_add (blob_contents, contents);
    }

  loket_test_run_cliv (&b, "backup", "--db", db, "-o", archive, NULL);
  g_assert_cmpint (b.status, ==, 0);
  g_assert_nonnull (strstr (b.out, "3 attachments"));

  /* Wipe: the database, its journal files and the blobs. */
  loket_test_remove_tree (blobs_dir);
  g_unlink (db);
  {
    g_autofree char *wal = g_strconcat (db, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_assert_false (g_file_test (db, G_FILE_TEST_EXISTS));

  loket_test_run_cliv (&r, "restore", "-i", archive, "--db", db, NULL);
  g_assert_cmpint (r.status, ==, 0);
  loket_test_run_cliv (&c, "check", "--db", db, NULL);
  g_assert_cmpint (c.status, ==, 0);
  g_assert_nonnull (strstr (c.out, "3 blobs: 0 problems"));
  after = dump_database (db);
  g_assert_cmpstr (after, ==, before);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *path = blob_path (db, blob_hashes[i]);
      g_autofree char *contents = NULL;
      gsize            len;

      g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
      g_assert_cmpmem (contents, len, g_ptr_array_index (blob_contents, i), len);
    }

  /* An existing database is kept unless --force. */
  loket_test_run_cliv (&again, "restore", "-i", archive, "--db", db, NULL);
  g_assert_cmpint (again.status, ==, 1);
  g_assert_nonnull (strstr (again.err, "already exists"));
  {
    g_auto (LoketCliRun) forced = { 0 };
    g_autofree char *dump = NULL;

    loket_test_run_cliv (&forced, "restore", "-i", archive, "--db", db, "--force", NULL);
    g_assert_cmpint (forced.status, ==, 0);
    dump = dump_database (db);
    g_assert_cmpstr (dump, ==, before);
  }
  /* The archive is never overwritten either. */
  {
    g_auto (LoketCliRun) twice = { 0 };

    loket_test_run_cliv (&twice, "backup", "--db", db, "-o", archive, NULL);
    g_assert_cmpint (twice.status, ==, 1);
    g_assert_nonnull (strstr (twice.err, "already exists"));
  }
}

static char *
copy_archive (const char *name, gsize *len_out, char **contents_out)
{
  g_autofree char *contents = NULL;
  gsize            len;

  g_assert_true (g_file_get_contents (archive, &contents, &len, NULL));
  *len_out = len;
  *contents_out = g_steal_pointer (&contents);
  return g_build_filename (tmpdir, name, NULL);
}

static void
test_corrupt_refused (void)
{
  g_autofree char *contents = NULL;
  gsize            len;
  g_autofree char *bad = copy_archive ("flipped.lbak", &len, &contents);
  g_autofree char *cut = g_build_filename (tmpdir, "cut.lbak", NULL);

  /* One flipped bit in the middle of the database member. */
  contents[len / 3] ^= 0x10;
  g_assert_true (g_file_set_contents (bad, contents, len, NULL));
  assert_refused (bad, "is damaged and cannot be restored: its checksum does not match");
  contents[len / 3] ^= 0x10;

  /* Truncated (a copy that stopped halfway). */
  g_assert_true (g_file_set_contents (cut, contents, len / 2, NULL));
  assert_refused (cut, "is damaged");
}

static void
test_foreign_refused (void)
{
  g_autofree char *text = g_build_filename (tmpdir, "notes.txt", NULL);
  g_autofree char *tar = g_build_filename (tmpdir, "other.tar", NULL);
  g_autofree char *other_db = g_build_filename (tmpdir, "other.sqlite", NULL);
  g_autoptr (GError) error = NULL;
  const char *argv[] = { "tar", "-cf", tar, "-C", tmpdir, "notes.txt", NULL };
  int         status;

  g_assert_true (g_file_set_contents (text, "Daftar hadir rapat\n", -1, NULL));
  assert_refused (text, "is not a Loket backup");
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL,
                               NULL, &status, &error));
  g_assert_no_error (error);
  assert_refused (tar, "is not a Loket backup");
  /* A bare SQLite database (another program's) is not a backup either. */
  {
    sqlite3 *sql = NULL;

    g_assert_cmpint (sqlite3_open (other_db, &sql), ==, SQLITE_OK);
    g_assert_cmpint (
      sqlite3_exec (sql, "CREATE TABLE t (x); INSERT INTO t VALUES (1);", NULL, NULL, NULL), ==,
      SQLITE_OK);
    sqlite3_close (sql);
  }
  assert_refused (other_db, "is not a Loket backup");
  /* `restore --check` says the same. */
  {
    g_auto (LoketCliRun) r = { 0 };

    loket_test_run_cliv (&r, "restore", "--check", "-i", text, NULL);
    g_assert_cmpint (r.status, ==, 1);
  }
}

static void
on_progress (guint64 done, guint64 total, gpointer data)
{
  guint64 *last = data;

  g_assert_cmpuint (done, >=, *last);
  g_assert_cmpuint (done, <=, total);
  *last = done;
}

static void
test_backup_while_open (void)
{
  /* The snapshot comes from the running store (SQLite online backup): an archive made while a
   * store has the database open restores to the same events. */
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketStore) store = open_store (&error);
  g_autofree char *live = g_build_filename (tmpdir, "live.lbak", NULL);
  g_autofree char *copy = g_build_filename (tmpdir, "copy.db", NULL);
  g_autofree char *a = NULL, *b = NULL;
  g_autoptr (LoketBackupInfo) info = NULL;
  guint64 last_done = 0;

  g_assert_no_error (error);
  g_assert_true (loket_backup_create (store, live, NULL, on_progress, &last_done, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (last_done, >, 700 * 1024);
  info = loket_backup_verify (live, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (info->n_blobs, ==, 3);
  g_assert_true (loket_backup_restore (live, copy, FALSE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  /* Never over a database a running store has open, even with overwrite. */
  g_assert_false (loket_backup_restore (live, db, TRUE, NULL, NULL, NULL, &error));
  g_assert_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT);
  g_assert_nonnull (strstr (error->message, "in use"));
  g_clear_error (&error);
  loket_store_close (store);
  a = dump_database (db);
  b = dump_database (copy);
  g_assert_cmpstr (a, ==, b);
}

/* A damaged attachment on disk stops the backup with a message; no archive is left. */
static void
test_damaged_blob_refused (void)
{
  g_autofree char *path = blob_path (db, blob_hashes[0]);
  g_autofree char *out = g_build_filename (tmpdir, "never.lbak", NULL);
  g_autofree char *part = g_strconcat (out, ".part", NULL);
  g_autofree char *contents = NULL;
  g_auto (LoketCliRun) r = { 0 };
  gsize len;

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  contents[0] ^= 0x20;
  g_assert_true (g_file_set_contents (path, contents, len, NULL));
  loket_test_run_cliv (&r, "backup", "--db", db, "-o", out, NULL);
  contents[0] ^= 0x20;
  g_assert_true (g_file_set_contents (path, contents, len, NULL));
  g_assert_cmpint (r.status, ==, 1);
  g_assert_nonnull (strstr (r.err, "does not match its checksum"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (part, G_FILE_TEST_EXISTS));
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  tmpdir = g_dir_make_tmp ("loket-backup-test-XXXXXX", NULL);
  db = g_build_filename (tmpdir, "office", "loket.db", NULL);
  archive = g_build_filename (tmpdir, "loket-2026-10-01.lbak", NULL);
  {
    g_autofree char *dir = g_path_get_dirname (db);
    g_mkdir_with_parents (dir, 0700);
  }
  setup_database ();

  g_test_add_func ("/loket/cli/backup/round-trip", test_round_trip);
  g_test_add_func ("/loket/cli/backup/corrupt-refused", test_corrupt_refused);
  g_test_add_func ("/loket/cli/backup/foreign-refused", test_foreign_refused);
  g_test_add_func ("/loket/cli/backup/while-open", test_backup_while_open);
  g_test_add_func ("/loket/cli/backup/damaged-blob-refused", test_damaged_blob_refused);
  status = g_test_run ();
  loket_test_remove_tree (tmpdir);
  for (guint i = 0; i < 3; i++)
    g_free (blob_hashes[i]);
  return status;
}
