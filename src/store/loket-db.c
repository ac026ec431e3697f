// SPDX-License-Identifier: GPL-3.0-or-later
// One SQLite connection, used by one thread: open, pragmas, cached prepared statements, errors.
#include "config.h"

#include "loket-db.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "loket-error.h"

struct _LoketDb
{
  sqlite3    *handle;
  char       *path;
  GThread    *thread;     /* the only thread that may use the connection */
  GHashTable *statements; /* SQL text → sqlite3_stmt */
};

static void
assert_thread (LoketDb *self)
{
  g_assert (g_thread_self () == self->thread);
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static int
error_code_for (int rc)
{
  switch (rc & 0xff)
    {
      case SQLITE_CORRUPT:
      case SQLITE_NOTADB:
        return LOKET_ERROR_CORRUPT;
      case SQLITE_IOERR:
      case SQLITE_CANTOPEN:
      case SQLITE_FULL:
      case SQLITE_PERM:
      case SQLITE_READONLY:
      case SQLITE_BUSY:
      case SQLITE_LOCKED:
        return LOKET_ERROR_IO;
      case SQLITE_CONSTRAINT:
        return LOKET_ERROR_CONFLICT;
      default:
        return LOKET_ERROR_FAILED;
    }
}

void
loket_db_set_error (LoketDb *self, int rc, GError **error, const char *what)
{
  const char *detail
    = self != NULL && self->handle != NULL ? sqlite3_errmsg (self->handle) : sqlite3_errstr (rc);
  int code = error_code_for (rc);

  if (code == LOKET_ERROR_CORRUPT)
    g_set_error (error, LOKET_ERROR, code, _ ("“%s” is not a Loket database or is damaged (%s)"),
                 self != NULL && self->path != NULL ? self->path : "?", detail);
  else
    g_set_error (error, LOKET_ERROR, code, _ ("Database error while %s: %s"), what, detail);
}

/* SQLite keeps memory statistics under one global mutex by default, taken on every allocation of
 * every connection: with a rebuild's readers on the fold threads that lock was contended. We never
 * read the statistics. This must run before SQLite initialises, so before the first connection. */
static void
configure_sqlite_once (void)
{
  static gsize configured = 0;

  if (g_once_init_enter (&configured))
    {
      if (sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0) != SQLITE_OK)
        g_debug ("SQLite was initialised before Loket could turn off its memory statistics");
      g_once_init_leave (&configured, 1);
    }
}

LoketDb *
loket_db_open (const char *path, LoketDbOpenMode mode, GError **error)
{
  g_autoptr (LoketDb) self = g_new0 (LoketDb, 1);
  int flags = SQLITE_OPEN_NOMUTEX; /* one connection per thread (HOUSE-STYLE rule 23) */
  int rc;

  g_return_val_if_fail (path != NULL || mode == LOKET_DB_OPEN_MEMORY, NULL);

  configure_sqlite_once ();
  self->thread = g_thread_self ();
  self->path = g_strdup (mode == LOKET_DB_OPEN_MEMORY ? ":memory:" : path);
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);

  switch (mode)
    {
      case LOKET_DB_OPEN_READ_ONLY:
        flags |= SQLITE_OPEN_READONLY;
        break;
      case LOKET_DB_OPEN_READ_WRITE:
      case LOKET_DB_OPEN_MEMORY:
      default:
        flags |= SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
        break;
    }

  rc = sqlite3_open_v2 (self->path, &self->handle, flags, NULL);
  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_CANTOPEN)
        g_set_error (error, LOKET_ERROR, LOKET_ERROR_IO, _ ("Could not open the database “%s”: %s"),
                     self->path, sqlite3_errstr (rc));
      else
        loket_db_set_error (self, rc, error, _ ("opening the database"));
      return NULL;
    }
  sqlite3_extended_result_codes (self->handle, 1);
  sqlite3_busy_timeout (self->handle, 5000);

  if (mode != LOKET_DB_OPEN_READ_ONLY)
    {
      /* FULL: a transaction is on disk when COMMIT returns, even across a power loss. In WAL
       * mode that costs one fsync of the WAL per commit (measured in test-store-kill). */
      const char *pragmas = mode == LOKET_DB_OPEN_MEMORY
                              ? "PRAGMA foreign_keys = ON;"
                              : "PRAGMA journal_mode = WAL;"
                                "PRAGMA synchronous = FULL;"
                                "PRAGMA foreign_keys = ON;"
                                /* A page cache of at most 16 MiB, no memory map: the kernel maps
                                 * up to 16 neighbouring pages on each fault of a mapped file, and
                                 * they all count in the app's resident size (about 20 MiB more
                                 * with the list open on the 100,000-case database, bench-app);
                                 * a 64 MiB cache filled up within seconds of start-up (escalation
                                 * scan) and held 40 MiB more. The kernel's page cache still keeps
                                 * the file warm. Whole-database work maps the file
                                 * (loket_db_map_file()). */
                                "PRAGMA cache_size = -16384;";
      if (!loket_db_exec (self, pragmas, error))
        return NULL;
    }

  return g_steal_pointer (&self);
}

void
loket_db_close (LoketDb *self)
{
  if (self == NULL)
    return;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->handle != NULL)
    sqlite3_close_v2 (self->handle);
  g_free (self->path);
  g_free (self);
}

sqlite3 *
loket_db_get_handle (LoketDb *self)
{
  assert_thread (self);
  return self->handle;
}

const char *
loket_db_get_path (LoketDb *self)
{
  return self->path;
}

gboolean
loket_db_exec (LoketDb *self, const char *sql, GError **error)
{
  int rc;

  assert_thread (self);
  rc = sqlite3_exec (self->handle, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      loket_db_set_error (self, rc, error, _ ("updating the database"));
      return FALSE;
    }
  return TRUE;
}

LoketDbStatement *
loket_db_prepare (LoketDb *self, const char *sql, GError **error)
{
  sqlite3_stmt     *stmt;
  LoketDbStatement *ret;

  assert_thread (self);
  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt == NULL)
    {
      int rc = sqlite3_prepare_v3 (self->handle, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
      if (rc != SQLITE_OK)
        {
          loket_db_set_error (self, rc, error, _ ("reading the database"));
          return NULL;
        }
      g_hash_table_insert (self->statements, g_strdup (sql), stmt);
    }

  ret = g_new (LoketDbStatement, 1);
  ret->stmt = stmt;
  ret->db = self;
  return ret;
}

void
loket_db_clear_cache (LoketDb *self)
{
  assert_thread (self);
  g_hash_table_remove_all (self->statements);
}

void
loket_db_statement_release (LoketDbStatement *stmt)
{
  if (stmt == NULL)
    return;
  sqlite3_reset (stmt->stmt);
  sqlite3_clear_bindings (stmt->stmt);
  g_free (stmt);
}

gboolean
loket_db_statement_step (LoketDbStatement *stmt, gboolean *have_row, GError **error)
{
  int rc = sqlite3_step (stmt->stmt);

  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    {
      *have_row = rc == SQLITE_ROW;
      return TRUE;
    }
  *have_row = FALSE;
  loket_db_set_error (stmt->db, rc, error, _ ("reading the database"));
  return FALSE;
}

gboolean
loket_db_statement_run (LoketDbStatement *stmt, GError **error)
{
  int rc = sqlite3_step (stmt->stmt);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  loket_db_set_error (stmt->db, rc, error, _ ("updating the database"));
  return FALSE;
}

void
loket_db_statement_bind_text (LoketDbStatement *stmt, int index, const char *value)
{
  if (value == NULL)
    sqlite3_bind_null (stmt->stmt, index);
  else
    sqlite3_bind_text (stmt->stmt, index, value, -1, SQLITE_TRANSIENT);
}

void
loket_db_statement_bind_int64 (LoketDbStatement *stmt, int index, gint64 value)
{
  sqlite3_bind_int64 (stmt->stmt, index, value);
}

const char *
loket_db_statement_get_text (LoketDbStatement *stmt, int column)
{
  return (const char *) sqlite3_column_text (stmt->stmt, column);
}

gint64
loket_db_statement_get_int64 (LoketDbStatement *stmt, int column)
{
  return sqlite3_column_int64 (stmt->stmt, column);
}

LoketDbRow *
loket_db_row_new (guint n_values)
{
  LoketDbRow *row = g_malloc0 (sizeof (LoketDbRow) + n_values * sizeof (LoketDbValue));

  row->n_values = n_values;
  return row;
}

void
loket_db_row_free (LoketDbRow *row)
{
  if (row == NULL)
    return;
  for (guint i = 0; i < row->n_values; i++)
    g_free (row->values[i].text);
  g_free (row);
}

void
loket_db_row_take_text (LoketDbRow *row, guint index, char *text)
{
  g_return_if_fail (index < row->n_values);
  g_free (row->values[index].text);
  row->values[index].is_text = TRUE;
  row->values[index].text = text;
}

void
loket_db_row_set_text (LoketDbRow *row, guint index, const char *text)
{
  loket_db_row_take_text (row, index, g_strdup (text));
}

void
loket_db_row_set_int64 (LoketDbRow *row, guint index, gint64 value)
{
  g_return_if_fail (index < row->n_values);
  g_clear_pointer (&row->values[index].text, g_free);
  row->values[index].is_text = FALSE;
  row->values[index].integer = value;
}

void
loket_db_statement_bind_row (LoketDbStatement *stmt, const LoketDbRow *row)
{
  for (guint i = 0; i < row->n_values; i++)
    {
      const LoketDbValue *value = &row->values[i];

      if (!value->is_text)
        sqlite3_bind_int64 (stmt->stmt, (int) i + 1, value->integer);
      else if (value->text == NULL)
        sqlite3_bind_null (stmt->stmt, (int) i + 1);
      else
        sqlite3_bind_text (stmt->stmt, (int) i + 1, value->text, -1, SQLITE_STATIC);
    }
}

/* Tags of the row encoding; 'x' (REAL, BLOB) has no LoketDbValue counterpart. */
static void
append_text (GByteArray *out, const char *text, guint32 length)
{
  guint8 tag = 't';

  g_byte_array_append (out, &tag, 1);
  g_byte_array_append (out, (const guint8 *) &length, sizeof length);
  g_byte_array_append (out, (const guint8 *) text, length);
}

static void
append_integer (GByteArray *out, gint64 value)
{
  guint8 tag = 'i';

  g_byte_array_append (out, &tag, 1);
  g_byte_array_append (out, (const guint8 *) &value, sizeof value);
}

static void
append_tag (GByteArray *out, guint8 tag)
{
  g_byte_array_append (out, &tag, 1);
}

void
loket_db_row_append_bytes (const LoketDbRow *row, GByteArray *out)
{
  for (guint i = 0; i < row->n_values; i++)
    {
      const LoketDbValue *value = &row->values[i];

      if (!value->is_text)
        append_integer (out, value->integer);
      else if (value->text == NULL)
        append_tag (out, 'n');
      else
        append_text (out, value->text, (guint32) strlen (value->text));
    }
}

void
loket_db_statement_append_bytes (LoketDbStatement *stmt, int first, int n, GByteArray *out)
{
  for (int column = first; column < first + n; column++)
    switch (sqlite3_column_type (stmt->stmt, column))
      {
        case SQLITE_INTEGER:
          append_integer (out, sqlite3_column_int64 (stmt->stmt, column));
          break;
        case SQLITE_NULL:
          append_tag (out, 'n');
          break;
        case SQLITE_TEXT:
          {
            const char *text = (const char *) sqlite3_column_text (stmt->stmt, column);

            append_text (out, text, (guint32) sqlite3_column_bytes (stmt->stmt, column));
          }
          break;
        default:
          append_tag (out, 'x');
          break;
      }
}

gboolean
loket_db_map_file (LoketDb *self, gboolean map, GError **error)
{
  /* Streaming a million events through a map is not bound by pread(); the index writes of a
   * rebuild want the larger page cache (190k → 230k events/s in bench-store). */
  return loket_db_exec (self,
                        map ? "PRAGMA mmap_size = 1073741824; PRAGMA cache_size = -65536;"
                            : "PRAGMA mmap_size = 0; PRAGMA cache_size = -16384;",
                        error);
}

gboolean
loket_db_begin (LoketDb *self, GError **error)
{
  return loket_db_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
loket_db_commit (LoketDb *self, GError **error)
{
  return loket_db_exec (self, "COMMIT", error);
}

void
loket_db_rollback (LoketDb *self)
{
  assert_thread (self);
  if (!sqlite3_get_autocommit (self->handle))
    sqlite3_exec (self->handle, "ROLLBACK", NULL, NULL, NULL);
}

gboolean
loket_db_query_int64 (LoketDb *self, const char *sql, gint64 *value, GError **error)
{
  g_autoptr (LoketDbStatement) stmt = loket_db_prepare (self, sql, error);
  gboolean have_row;

  if (stmt == NULL || !loket_db_statement_step (stmt, &have_row, error))
    return FALSE;
  *value = have_row ? sqlite3_column_int64 (stmt->stmt, 0) : 0;
  return TRUE;
}
