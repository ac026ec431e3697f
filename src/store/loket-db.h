// SPDX-License-Identifier: GPL-3.0-or-later
// One SQLite connection, used by one thread: open, pragmas, cached prepared statements, errors.
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

typedef struct _LoketDb LoketDb;

/* A prepared statement borrowed from the connection's cache (keyed by SQL text). Release it
 * (g_autoptr does) to reset it and clear its bindings; never finalize it. */
typedef struct
{
  sqlite3_stmt *stmt;
  LoketDb      *db;
} LoketDbStatement;

typedef enum
{
  LOKET_DB_OPEN_READ_WRITE,
  LOKET_DB_OPEN_READ_ONLY,
  LOKET_DB_OPEN_MEMORY,
} LoketDbOpenMode;

/* Opens @path (created if missing in READ_WRITE mode) on the calling thread, which becomes the
 * only thread allowed to use it. READ_WRITE sets WAL, synchronous=FULL, foreign_keys and a busy
 * timeout. */
LoketDb *loket_db_open (const char *path, LoketDbOpenMode mode, GError **error);
void     loket_db_close (LoketDb *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketDb, loket_db_close)

sqlite3    *loket_db_get_handle (LoketDb *self);
const char *loket_db_get_path (LoketDb *self);

/* Runs @sql (may hold several statements, no parameters): schema and pragmas only. */
gboolean          loket_db_exec (LoketDb *self, const char *sql, GError **error);
LoketDbStatement *loket_db_prepare (LoketDb *self, const char *sql, GError **error);
/* Forgets every cached statement (after schema changes). */
void loket_db_clear_cache (LoketDb *self);
void loket_db_statement_release (LoketDbStatement *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketDbStatement, loket_db_statement_release)

/* sqlite3_step: TRUE with *@have_row set, or FALSE with @error. */
gboolean loket_db_statement_step (LoketDbStatement *stmt, gboolean *have_row, GError **error);
/* Steps a statement that returns no row (INSERT, UPDATE, DELETE). */
gboolean    loket_db_statement_run (LoketDbStatement *stmt, GError **error);
void        loket_db_statement_bind_text (LoketDbStatement *stmt, int index, const char *value);
void        loket_db_statement_bind_int64 (LoketDbStatement *stmt, int index, gint64 value);
const char *loket_db_statement_get_text (LoketDbStatement *stmt, int column);
gint64      loket_db_statement_get_int64 (LoketDbStatement *stmt, int column);

/* The values of one row, made off the database thread (a rebuild computes rows in its fold
 * threads) and bound or compared on it. A NULL text is SQL NULL. */
typedef struct
{
  gboolean is_text;
  char    *text;
  gint64   integer;
} LoketDbValue;

typedef struct
{
  guint        n_values;
  LoketDbValue values[];
} LoketDbRow;

LoketDbRow *loket_db_row_new (guint n_values);
void        loket_db_row_free (LoketDbRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketDbRow, loket_db_row_free)
/* Value @index (from 0): text (copied, NULL allowed), text (taken) or integer. */
void        loket_db_row_set_text (LoketDbRow *row, guint index, const char *text);
void        loket_db_row_take_text (LoketDbRow *row, guint index, char *text);
void        loket_db_row_set_int64 (LoketDbRow *row, guint index, gint64 value);
/* Binds the values to ?1…?n. */
void        loket_db_statement_bind_row (LoketDbStatement *stmt, const LoketDbRow *row);
/* The values of @row, or of the current result row's columns @first…@first+@n-1, appended to
 * @out in one encoding: the bytes are equal exactly when each column holds its row value with
 * the same type and bytes (an integer as INTEGER, a NULL text as NULL, a text as TEXT; a REAL or
 * BLOB column never equals a row value). */
void        loket_db_row_append_bytes (const LoketDbRow *row, GByteArray *out);
void        loket_db_statement_append_bytes (LoketDbStatement *stmt,
                                             int               first,
                                             int               n,
                                             GByteArray       *out);

/* Reads the file through a memory map of up to 1 GiB (TRUE) or not (FALSE, the default):
 * for whole-database work (rebuild, check) only. */
gboolean loket_db_map_file (LoketDb *self, gboolean map, GError **error);

/* Transactions: BEGIN IMMEDIATE / COMMIT / ROLLBACK (rollback never fails the caller). */
gboolean loket_db_begin (LoketDb *self, GError **error);
gboolean loket_db_commit (LoketDb *self, GError **error);
void     loket_db_rollback (LoketDb *self);

/* A single integer from a one-row query ("PRAGMA user_version"). */
gboolean loket_db_query_int64 (LoketDb *self, const char *sql, gint64 *value, GError **error);

/* Sets @error from an SQLite result code (LOKET_ERROR_CORRUPT for NOTADB/CORRUPT,
 * LOKET_ERROR_IO for I/O, permission, full disk and cannot-open, else FAILED). */
void loket_db_set_error (LoketDb *self, int rc, GError **error, const char *what);

G_END_DECLS
