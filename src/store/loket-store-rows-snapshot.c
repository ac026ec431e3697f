// SPDX-License-Identifier: GPL-3.0-or-later
// Every stored `cases` and `dispositions` row, read in one pass, for a rebuild to compare with.
//
// A rebuild that keeps the rows compares each folded case with its stored rows. Looking them up
// one case at a time cost two index searches per case, a quarter of the rebuild's CPU time; one
// sequential read of both tables into memory (about 100 MB for 130,000 cases) costs a fraction
// of that, and the fold threads then compare bytes without touching SQLite. Rows are kept in
// loket_db_statement_append_bytes()'s encoding, so equal bytes mean equal rows.
#include "config.h"

#include "loket-store-rows-snapshot.h"

#include <string.h>

#include "loket-projection-store.h"
#include "loket-store-routing-private.h"

struct _LoketRowsSnapshot
{
  GStringChunk *keys;          /* case uuids, the keys of both tables below */
  GByteArray   *cases;         /* records: guint32 length, bytes */
  GHashTable   *case_at;       /* uuid → offset of its record + 1 */
  GByteArray   *dispositions;  /* records: guint64 next record's offset + 1 (0: none), guint32
                                * length, bytes */
  GHashTable *dispositions_at; /* case uuid → offset of its first record + 1 */
};

/* Column 2 of LOKET_DISPOSITION_COLUMNS. */
#define DISPOSITION_CASE_COLUMN 2

void
_loket_rows_snapshot_free (LoketRowsSnapshot *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->case_at, g_hash_table_unref);
  g_clear_pointer (&self->dispositions_at, g_hash_table_unref);
  g_clear_pointer (&self->cases, g_byte_array_unref);
  g_clear_pointer (&self->dispositions, g_byte_array_unref);
  g_clear_pointer (&self->keys, g_string_chunk_free);
  g_free (self);
}

static void
set_length (GByteArray *data, gsize at)
{
  guint32 length = (guint32) (data->len - at - sizeof length);

  memcpy (data->data + at, &length, sizeof length);
}

static gboolean
read_cases (LoketRowsSnapshot *self, LoketDb *db, GError **error)
{
  g_autoptr (LoketDbStatement) stmt = NULL;
  gboolean have_row;

  stmt = loket_db_prepare (db, "SELECT " LOKET_PROJECTION_CASE_ROW_COLUMNS " FROM cases", error);
  if (stmt == NULL)
    return FALSE;
  for (;;)
    {
      const char *uuid;
      gsize       at = self->cases->len;
      guint32     placeholder = 0;

      if (!loket_db_statement_step (stmt, &have_row, error))
        return FALSE;
      if (!have_row)
        return TRUE;
      uuid = loket_db_statement_get_text (stmt, 0);
      if (uuid == NULL)
        continue; /* never equal to a folded row: the rebuild rewrites what it folds */
      g_byte_array_append (self->cases, (const guint8 *) &placeholder, sizeof placeholder);
      loket_db_statement_append_bytes (stmt, 0, sqlite3_column_count (stmt->stmt), self->cases);
      set_length (self->cases, at);
      g_hash_table_insert (self->case_at, g_string_chunk_insert_const (self->keys, uuid),
                           GSIZE_TO_POINTER (at + 1));
    }
}

static gboolean
read_dispositions (LoketRowsSnapshot *self, LoketDb *db, GError **error)
{
  g_autoptr (LoketDbStatement) stmt = NULL;
  gboolean have_row;

  stmt = loket_db_prepare (db, "SELECT " LOKET_DISPOSITION_COLUMNS ", is_open FROM dispositions",
                           error);
  if (stmt == NULL)
    return FALSE;
  for (;;)
    {
      const char *case_uuid;
      char       *key;
      gsize       at = self->dispositions->len;
      guint64     next;
      guint32     placeholder = 0;

      if (!loket_db_statement_step (stmt, &have_row, error))
        return FALSE;
      if (!have_row)
        return TRUE;
      case_uuid = loket_db_statement_get_text (stmt, DISPOSITION_CASE_COLUMN);
      if (case_uuid == NULL)
        continue; /* no case folds it; the rebuild deletes such rows */
      key = g_string_chunk_insert_const (self->keys, case_uuid);
      /* Pushed on the front of the case's list. */
      next = GPOINTER_TO_SIZE (g_hash_table_lookup (self->dispositions_at, key));
      g_byte_array_append (self->dispositions, (const guint8 *) &next, sizeof next);
      g_byte_array_append (self->dispositions, (const guint8 *) &placeholder, sizeof placeholder);
      loket_db_statement_append_bytes (stmt, 0, sqlite3_column_count (stmt->stmt),
                                       self->dispositions);
      set_length (self->dispositions, at + sizeof next);
      g_hash_table_insert (self->dispositions_at, key, GSIZE_TO_POINTER (at + 1));
    }
}

LoketRowsSnapshot *
_loket_rows_snapshot_read (LoketDb *db, GError **error)
{
  g_autoptr (LoketRowsSnapshot) self = g_new0 (LoketRowsSnapshot, 1);

  self->keys = g_string_chunk_new (1 << 20);
  self->cases = g_byte_array_new ();
  self->dispositions = g_byte_array_new ();
  self->case_at = g_hash_table_new (g_str_hash, g_str_equal);
  self->dispositions_at = g_hash_table_new (g_str_hash, g_str_equal);
  if (!read_cases (self, db, error) || !read_dispositions (self, db, error))
    return NULL;
  g_debug ("Rebuild: read the rows of %u stored cases (%u KiB) and their dispositions (%u KiB)",
           g_hash_table_size (self->case_at), self->cases->len / 1024,
           self->dispositions->len / 1024);
  return g_steal_pointer (&self);
}

LoketRowsSnapshot *
_loket_rows_snapshot_load (const char *path, GError **error)
{
  g_autoptr (LoketDb) db = NULL;
  LoketRowsSnapshot *self;

  g_return_val_if_fail (path != NULL, NULL);

  db = loket_db_open (path, LOKET_DB_OPEN_READ_ONLY, error);
  if (db == NULL || !loket_db_map_file (db, TRUE, error) || !loket_db_exec (db, "BEGIN", error))
    return NULL;
  /* Both tables from one snapshot of the file. */
  self = _loket_rows_snapshot_read (db, error);
  loket_db_rollback (db);
  return self;
}

/* The @n bytes of @row in the snapshot's encoding, in @scratch. */
static const guint8 *
encode (const LoketDbRow *row, GByteArray *scratch, gsize *n)
{
  g_byte_array_set_size (scratch, 0);
  loket_db_row_append_bytes (row, scratch);
  *n = scratch->len;
  return scratch->data;
}

gboolean
_loket_rows_snapshot_case_equal (LoketRowsSnapshot *self, const LoketDbRow *row)
{
  g_autoptr (GByteArray) scratch = g_byte_array_sized_new (1024);
  gsize         at, n;
  const guint8 *bytes;
  guint32       length;

  g_return_val_if_fail (self != NULL && row != NULL && row->n_values > 0, FALSE);

  if (row->values[0].text == NULL)
    return FALSE;
  at = GPOINTER_TO_SIZE (g_hash_table_lookup (self->case_at, row->values[0].text));
  if (at-- == 0)
    return FALSE;
  memcpy (&length, self->cases->data + at, sizeof length);
  bytes = encode (row, scratch, &n);
  return n == length && memcmp (self->cases->data + at + sizeof length, bytes, n) == 0;
}

gboolean
_loket_rows_snapshot_dispositions_equal (LoketRowsSnapshot *self,
                                         const char        *case_uuid,
                                         GPtrArray         *rows)
{
  g_autoptr (GPtrArray) ours = g_ptr_array_new_with_free_func ((GDestroyNotify) g_byte_array_unref);
  gsize at;
  guint n_stored = 0;

  g_return_val_if_fail (self != NULL && case_uuid != NULL && rows != NULL, FALSE);

  for (guint i = 0; i < rows->len; i++)
    {
      GByteArray *bytes = g_byte_array_new ();

      loket_db_row_append_bytes (g_ptr_array_index (rows, i), bytes);
      g_ptr_array_add (ours, bytes);
    }
  /* Every stored row must be one of ours, and as many: (id, position_id) is the table's key, so
   * no two stored rows are equal. */
  at = GPOINTER_TO_SIZE (g_hash_table_lookup (self->dispositions_at, case_uuid));
  while (at-- > 0)
    {
      const guint8 *record = self->dispositions->data + at;
      guint64       next;
      guint32       length;
      gboolean      found = FALSE;

      memcpy (&next, record, sizeof next);
      memcpy (&length, record + sizeof next, sizeof length);
      for (guint i = 0; i < ours->len && !found; i++)
        {
          GByteArray *bytes = g_ptr_array_index (ours, i);

          found = bytes->len == length
                  && memcmp (bytes->data, record + sizeof next + sizeof length, length) == 0;
        }
      if (!found)
        return FALSE;
      n_stored++;
      at = (gsize) next;
    }
  return n_stored == rows->len;
}
