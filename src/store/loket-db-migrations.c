// SPDX-License-Identifier: GPL-3.0-or-later
// Schema migrations from loket-store.gresource, tracked with PRAGMA user_version.
#include "config.h"

#include "loket-db-migrations.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "loket-error.h"

#define SQL_PREFIX RESOURCE_BASE "/sql/"

typedef struct
{
  int   version;
  char *name;
} Migration;

static void
migration_clear (gpointer data)
{
  Migration *migration = data;
  g_free (migration->name);
}

static int
compare_migrations (gconstpointer a, gconstpointer b)
{
  return ((const Migration *) a)->version - ((const Migration *) b)->version;
}

/* The resource files "NNNN-name.sql", sorted by number. */
static GArray *
list_migrations (void)
{
  g_auto (GStrv) names = g_resources_enumerate_children (SQL_PREFIX, 0, NULL);
  GArray *migrations = g_array_new (FALSE, TRUE, sizeof (Migration));

  g_array_set_clear_func (migrations, migration_clear);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      Migration migration;
      char     *end = NULL;
      guint64   version = g_ascii_strtoull (names[i], &end, 10);

      if (end == names[i] || *end != '-' || !g_str_has_suffix (names[i], ".sql"))
        continue;
      migration.version = (int) version;
      migration.name = g_strdup (names[i]);
      g_array_append_val (migrations, migration);
    }
  g_array_sort (migrations, compare_migrations);
  return migrations;
}

int
loket_db_migrations_get_latest (void)
{
  g_autoptr (GArray) migrations = list_migrations ();

  return migrations->len == 0 ? 0
                              : g_array_index (migrations, Migration, migrations->len - 1).version;
}

static gboolean
set_corrupt (const char *path, const char *detail, GError **error)
{
  g_set_error (error, LOKET_ERROR, LOKET_ERROR_CORRUPT,
               _ ("“%s” is not a Loket database or is damaged (%s)"), path, detail);
  return FALSE;
}

/* The fixed 100-byte SQLite header: magic, page size and, when the header's page count is
 * current (no WAL pending, "version-valid-for" == change counter), a file at least that long. */
static gboolean
check_header (const char *path, goffset file_size, GError **error)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInputStream) in = g_file_read (file, NULL, error);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  guint8 h[100];
  gsize n = 0;
  guint32 page_size, page_count, change_counter, valid_for;

  if (in == NULL
      || !g_input_stream_read_all (G_INPUT_STREAM (in), h, sizeof h, &n, NULL, error))
    return FALSE;
  if (n < sizeof h || memcmp (h, "SQLite format 3", 16) != 0)
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_CORRUPT, _ ("no SQLite header"));
      return FALSE;
    }
  page_size = (guint32) h[16] << 8 | h[17];
  if (page_size == 1)
    page_size = 65536;
  change_counter = GUINT32_FROM_BE (*(guint32 *) (h + 24));
  page_count = GUINT32_FROM_BE (*(guint32 *) (h + 28));
  valid_for = GUINT32_FROM_BE (*(guint32 *) (h + 92));
  if (page_size < 512 || (page_size & (page_size - 1)) != 0)
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_CORRUPT, _ ("invalid page size"));
      return FALSE;
    }
  if (change_counter == valid_for && page_count > 0 && !g_file_test (wal, G_FILE_TEST_EXISTS)
      && (guint64) file_size < (guint64) page_count * page_size)
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_CORRUPT, _ ("the file is truncated"));
      return FALSE;
    }
  return TRUE;
}

gboolean
loket_db_migrations_check_file (const char *path, GError **error)
{
  g_autoptr (LoketDb) db = NULL;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (LoketDbStatement) stmt = NULL;
  GStatBuf st;
  gint64   application_id = 0, user_version = 0, n_objects = 0;
  gboolean have_row;
  int      latest;

  if (g_stat (path, &st) != 0)
    {
      int saved_errno = errno;
      if (saved_errno == ENOENT)
        return TRUE;
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_IO, _ ("Could not read “%s”: %s"), path,
                   g_strerror (saved_errno));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    return set_corrupt (path, _ ("not a regular file"), error);
  if (st.st_size == 0)
    return TRUE;

  db = loket_db_open (path, LOKET_DB_OPEN_READ_ONLY, &local_error);
  if (db == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* A whole-file PRAGMA quick_check took seconds on a large office database at every start:
   * opening checks the header in constant time instead, SQLite reports damage it meets later
   * as errors, and `loket-cli check` runs the full integrity check. */
  if (!check_header (path, st.st_size, &local_error))
    return set_corrupt (path, local_error->message, error);
  stmt = loket_db_prepare (db, "SELECT count(*) FROM sqlite_master", &local_error);
  if (stmt == NULL || !loket_db_statement_step (stmt, &have_row, &local_error))
    return set_corrupt (path, local_error->message, error);
  g_clear_pointer (&stmt, loket_db_statement_release);

  if (!loket_db_query_int64 (db, "PRAGMA application_id", &application_id, &local_error)
      || !loket_db_query_int64 (db, "PRAGMA user_version", &user_version, &local_error)
      || !loket_db_query_int64 (db, "SELECT count(*) FROM sqlite_master", &n_objects, &local_error))
    return set_corrupt (path, local_error->message, error);

  if (application_id != LOKET_DB_APPLICATION_ID && n_objects > 0)
    return set_corrupt (path, _ ("it belongs to another application"), error);

  latest = loket_db_migrations_get_latest ();
  if (user_version > latest)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_UNSUPPORTED,
                   _ ("“%s” was written by a newer version of Loket (schema %d; this version "
                      "knows up to %d). Update Loket to open it."),
                   path, (int) user_version, latest);
      return FALSE;
    }
  return TRUE;
}

static gboolean
apply_one (LoketDb *db, const Migration *migration, GError **error)
{
  g_autofree char *resource = g_strconcat (SQL_PREFIX, migration->name, NULL);
  g_autofree char *pragmas = NULL;
  g_autoptr (GBytes) bytes = NULL;
  g_autofree char *sql = NULL;
  gsize            size;

  bytes = g_resources_lookup_data (resource, 0, error);
  if (bytes == NULL)
    return FALSE;
  sql = g_strndup (g_bytes_get_data (bytes, &size), g_bytes_get_size (bytes));

  g_debug ("Applying migration %s", migration->name);
  if (!loket_db_begin (db, error))
    return FALSE;
  pragmas = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                             LOKET_DB_APPLICATION_ID, migration->version);
  if (!loket_db_exec (db, sql, error) || !loket_db_exec (db, pragmas, error)
      || !loket_db_commit (db, error))
    {
      loket_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

gboolean
loket_db_migrations_apply (LoketDb *db, int target, GError **error)
{
  g_autoptr (GArray) migrations = list_migrations ();
  gint64 current = 0;

  if (!loket_db_query_int64 (db, "PRAGMA user_version", &current, error))
    return FALSE;

  for (guint i = 0; i < migrations->len; i++)
    {
      const Migration *migration = &g_array_index (migrations, Migration, i);

      if (migration->version <= current)
        continue;
      if (target >= 0 && migration->version > target)
        break;
      if (!apply_one (db, migration, error))
        return FALSE;
    }
  loket_db_clear_cache (db);
  return TRUE;
}
