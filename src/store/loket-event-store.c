// SPDX-License-Identifier: GPL-3.0-or-later
// The `events` table: append with a per-case hash chain, read back in (HLC, UUID) order.
#include "config.h"

#include "loket-event-store.h"

#include <glib/gi18n-lib.h>

#include "loket-error.h"

LoketEvent *
loket_event_store_event_from_row (LoketDbStatement *stmt)
{
  LoketEvent *event = loket_event_new (loket_db_statement_get_text (stmt, 0),
                                       loket_db_statement_get_text (stmt, 1),
                                       loket_db_statement_get_text (stmt, 2),
                                       loket_db_statement_get_text (stmt, 3),
                                       loket_db_statement_get_text (stmt, 4),
                                       loket_db_statement_get_text (stmt, 5),
                                       loket_db_statement_get_text (stmt, 6));
  const char *prev_hash;

  /* Rebuilds select only the first seven columns: they need no chain. */
  if (sqlite3_column_count (stmt->stmt) < 9)
    return event;
  prev_hash = loket_db_statement_get_text (stmt, 7);
  loket_event_set_chain (event, prev_hash != NULL && *prev_hash != '\0' ? prev_hash : NULL,
                         loket_db_statement_get_text (stmt, 8));
  return event;
}

static gboolean
event_exists (LoketDb    *db,
              const char *uuid,
              gboolean   *exists,
              GError    **error)
{
  g_autoptr(LoketDbStatement) stmt = loket_db_prepare (db, "SELECT 1 FROM events WHERE uuid = ?",
                                                       error);

  if (stmt == NULL)
    return FALSE;
  loket_db_statement_bind_text (stmt, 1, uuid);
  return loket_db_statement_step (stmt, exists, error);
}

/* The chain position and hash of the case's last appended event (0 and "" for a new case). */
static gboolean
case_chain_tail (LoketDb    *db,
                 const char *case_uuid,
                 gint64     *case_seq,
                 char      **hash,
                 GError    **error)
{
  g_autoptr(LoketDbStatement) stmt = NULL;
  gboolean have_row;

  stmt = loket_db_prepare (db,
                           "SELECT case_seq, hash FROM events WHERE case_uuid = ? "
                           "ORDER BY case_seq DESC LIMIT 1",
                           error);
  if (stmt == NULL)
    return FALSE;
  loket_db_statement_bind_text (stmt, 1, case_uuid);
  if (!loket_db_statement_step (stmt, &have_row, error))
    return FALSE;
  *case_seq = have_row ? loket_db_statement_get_int64 (stmt, 0) : 0;
  *hash = g_strdup (have_row ? loket_db_statement_get_text (stmt, 1) : "");
  return TRUE;
}

gboolean
loket_event_store_append (LoketDb    *db,
                          LoketEvent *event,
                          gboolean   *inserted,
                          GError    **error)
{
  g_autoptr(LoketDbStatement) insert = NULL;
  g_autofree char *prev_hash = NULL;
  g_autofree char *hash = NULL;
  const char *case_uuid = loket_event_get_case_uuid (event);
  gint64 case_seq;
  gboolean exists;

  *inserted = FALSE;
  if (loket_event_get_uuid (event) == NULL || case_uuid == NULL ||
      loket_event_get_event_type (event) == NULL || loket_event_get_hlc (event) == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _("An event without an identifier, case, type or time cannot be stored"));
      return FALSE;
    }

  if (!event_exists (db, loket_event_get_uuid (event), &exists, error))
    return FALSE;
  if (exists)
    return TRUE;

  if (!case_chain_tail (db, case_uuid, &case_seq, &prev_hash, error))
    return FALSE;
  hash = loket_event_compute_hash (event, prev_hash);

  insert = loket_db_prepare (db,
                             "INSERT INTO events (uuid, case_uuid, type, author, device, hlc, "
                             "body, prev_hash, hash, case_seq) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                             "?, ?)",
                             error);
  if (insert == NULL)
    return FALSE;
  loket_db_statement_bind_text (insert, 1, loket_event_get_uuid (event));
  loket_db_statement_bind_text (insert, 2, case_uuid);
  loket_db_statement_bind_text (insert, 3, loket_event_get_event_type (event));
  loket_db_statement_bind_text (insert, 4, loket_event_get_author (event) ?: "");
  loket_db_statement_bind_text (insert, 5, loket_event_get_device (event) ?: "");
  loket_db_statement_bind_text (insert, 6, loket_event_get_hlc (event));
  loket_db_statement_bind_text (insert, 7, loket_event_get_body (event) ?: "{}");
  loket_db_statement_bind_text (insert, 8, prev_hash);
  loket_db_statement_bind_text (insert, 9, hash);
  loket_db_statement_bind_int64 (insert, 10, case_seq + 1);
  if (!loket_db_statement_run (insert, error))
    return FALSE;

  loket_event_set_chain (event, *prev_hash != '\0' ? prev_hash : NULL, hash);
  *inserted = TRUE;
  return TRUE;
}

GPtrArray *
loket_event_store_get_case_events (LoketDb    *db,
                                   const char *case_uuid,
                                   GError    **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(LoketDbStatement) stmt = NULL;
  gboolean have_row;

  stmt = loket_db_prepare (db,
                           "SELECT " LOKET_EVENT_STORE_COLUMNS " FROM events WHERE case_uuid = ? "
                           "ORDER BY hlc, uuid",
                           error);
  if (stmt == NULL)
    return NULL;
  loket_db_statement_bind_text (stmt, 1, case_uuid);
  for (;;)
    {
      if (!loket_db_statement_step (stmt, &have_row, error))
        return NULL;
      if (!have_row)
        break;
      g_ptr_array_add (events, loket_event_store_event_from_row (stmt));
    }
  return g_steal_pointer (&events);
}

gboolean
loket_event_store_count (LoketDb *db,
                         guint   *n_events,
                         GError **error)
{
  gint64 n = 0;

  if (!loket_db_query_int64 (db, "SELECT count(*) FROM events", &n, error))
    return FALSE;
  *n_events = (guint) n;
  return TRUE;
}
