// SPDX-License-Identifier: GPL-3.0-or-later
// LoketStore work on the database thread: open, append with re-projection, queries, maintenance.
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "loket-db-migrations.h"
#include "loket-error.h"
#include "loket-event-store.h"
#include "loket-projection-store.h"
#include "loket-store-letter-drafts-private.h"
#include "loket-store-maintenance.h"
#include "loket-store-private.h"

LoketStoreOp *
_loket_store_op_new (LoketStore *self)
{
  LoketStoreOp *op = g_new0 (LoketStoreOp, 1);

  op->self = self;
  return op;
}

void
_loket_store_op_free (LoketStoreOp *op)
{
  g_clear_pointer (&op->events, g_ptr_array_unref);
  g_clear_pointer (&op->query, loket_case_query_free);
  g_free (op->text);
  g_free (op);
}

static void
assert_db_thread (LoketStore *self)
{
  g_assert (g_thread_self () == self->db_thread);
}

gboolean
_loket_store_open_on_thread (gpointer data, gpointer *result, GError **error)
{
  LoketStoreOp *op = data;
  LoketStore   *self = op->self;
  g_autoptr (LoketDb) db = NULL;
  gint64 version = 0;

  self->db_thread = g_thread_self ();

  /* Checked read-only first: a damaged or foreign file is never touched. */
  if (!loket_db_migrations_check_file (self->path, error))
    return FALSE;
  db = loket_db_open (self->path, LOKET_DB_OPEN_READ_WRITE, error);
  if (db == NULL || !loket_db_migrations_apply (db, -1, error)
      || !loket_db_query_int64 (db, "PRAGMA user_version", &version, error)
      || !_loket_store_routing_upgrade (db, error) || !_loket_store_chain_upgrade (db, error))
    return FALSE;

  self->schema_version = (int) version;
  self->db = g_steal_pointer (&db);
  return TRUE;
}

gboolean
_loket_store_close_on_thread (gpointer data, gpointer *result, GError **error)
{
  LoketStore *self = ((LoketStoreOp *) data)->self;

  assert_db_thread (self);
  g_clear_pointer (&self->db, loket_db_close);
  return TRUE;
}

static int
compare_events (gconstpointer a, gconstpointer b)
{
  return loket_event_compare (*(LoketEvent **) a, *(LoketEvent **) b);
}

/* Brings the stored projection of @case_uuid up to date after @new_events were appended. The
 * projection must equal a fold over all events in (HLC, UUID) order: when every new event sorts
 * after the case's last event, folding them into the stored state gives that; otherwise the
 * case is projected again from all its events. */
static gboolean
reproject_case (LoketStore *self, const char *case_uuid, GPtrArray *new_events, GError **error)
{
  g_autoptr (LoketCase) kase = NULL;
  g_autoptr (GError) local_error = NULL;
  const char *first_hlc;

  g_ptr_array_sort (new_events, compare_events);
  first_hlc = loket_event_get_hlc (g_ptr_array_index (new_events, 0));

  kase = loket_projection_store_load (self->db, case_uuid, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (kase != NULL && loket_case_get_last_hlc (kase) != NULL
      && strcmp (first_hlc, loket_case_get_last_hlc (kase)) > 0)
    {
      for (guint i = 0; i < new_events->len; i++)
        if (!loket_case_projector_apply (self->projector, kase, g_ptr_array_index (new_events, i),
                                         error))
          return FALSE;
    }
  else
    {
      g_autoptr (GPtrArray) all = loket_event_store_get_case_events (self->db, case_uuid, error);

      if (all == NULL)
        return FALSE;
      g_clear_object (&kase);
      kase = loket_case_projector_project (self->projector, all, error);
      if (kase == NULL)
        return FALSE;
    }

  return loket_projection_store_save (
    self->db, kase,
    loket_store_maintenance_service_name (self->projector, loket_case_get_service_id (kase)),
    error);
}

gboolean
_loket_store_run_transaction (LoketStore               *self,
                              LoketStoreTransactionBody body,
                              gpointer                  op,
                              char                    **out,
                              GError                  **error)
{
  g_autofree char *result = NULL;

  g_assert (g_thread_self () == self->db_thread);
  if (!loket_db_begin (self->db, error))
    return FALSE;
  if (!body (op, &result, error) || !loket_db_commit (self->db, error))
    {
      loket_db_rollback (self->db);
      return FALSE;
    }
  if (out != NULL)
    *out = g_steal_pointer (&result);
  return TRUE;
}

gboolean
_loket_store_append_in_transaction (LoketStore *self, GPtrArray *events, GError **error)
{
  g_autoptr (GHashTable) touched = NULL;
  GHashTableIter iter;
  gpointer       key, value;

  /* case UUID → the events of this call that were new */
  touched
    = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < events->len; i++)
    {
      LoketEvent *event = g_ptr_array_index (events, i);
      GPtrArray  *case_events;
      gboolean    inserted;

      if (!loket_event_store_append (self->db, event, &inserted, error))
        return FALSE;
      if (!inserted)
        continue;
      if (!_loket_store_letter_drafts_apply (self->db, event, error))
        return FALSE;
      case_events = g_hash_table_lookup (touched, loket_event_get_case_uuid (event));
      if (case_events == NULL)
        {
          case_events = g_ptr_array_new ();
          g_hash_table_insert (touched, (gpointer) loket_event_get_case_uuid (event), case_events);
        }
      g_ptr_array_add (case_events, event);
    }

  g_hash_table_iter_init (&iter, touched);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GPtrArray *case_events = value;
      gboolean   routing = FALSE;
      gboolean   chain = FALSE;

      if (!reproject_case (self, key, case_events, error))
        {
          g_prefix_error (error, "case %s: ", (const char *) key);
          return FALSE;
        }
      /* The dispositions table follows the disposition events (loket-store-routing-table.c). */
      for (guint i = 0; i < case_events->len && !routing; i++)
        routing = _loket_store_routing_is_routing_type (
          loket_event_get_event_type (g_ptr_array_index (case_events, i)));
      if (routing && !_loket_store_routing_refresh_case (self->db, key, error))
        {
          g_prefix_error (error, "case %s: ", (const char *) key);
          return FALSE;
        }
      /* The draft_chain table follows the draft events (loket-store-chain.c). */
      for (guint i = 0; i < case_events->len && !chain; i++)
        chain = loket_draft_chain_is_chain_type (
          loket_event_get_event_type (g_ptr_array_index (case_events, i)));
      if (chain && !_loket_store_chain_refresh_case (self->db, key, error))
        {
          g_prefix_error (error, "case %s: ", (const char *) key);
          return FALSE;
        }
      /* The letter_numbers table follows letter.numbered events, also pulled ones. */
      for (guint i = 0; i < case_events->len; i++)
        if (g_str_equal (loket_event_get_event_type (g_ptr_array_index (case_events, i)),
                         LOKET_EVENT_LETTER_NUMBERED))
          {
            if (!_loket_store_numbering_refresh_case (self->db, key, error))
              {
                g_prefix_error (error, "case %s: ", (const char *) key);
                return FALSE;
              }
            break;
          }
    }
  return TRUE;
}

gboolean
_loket_store_append_on_thread (gpointer data, gpointer *result, GError **error)
{
  LoketStoreOp *op = data;
  LoketStore   *self = op->self;

  assert_db_thread (self);
  if (!loket_db_begin (self->db, error))
    return FALSE;
  if (!_loket_store_append_in_transaction (self, op->events, error)
      || !loket_db_commit (self->db, error))
    {
      loket_db_rollback (self->db);
      return FALSE;
    }
  return TRUE;
}

gboolean
_loket_store_get_case_events_on_thread (gpointer data, gpointer *result, GError **error)
{
  LoketStoreOp *op = data;

  assert_db_thread (op->self);
  *result = loket_event_store_get_case_events (op->self->db, op->text, error);
  return *result != NULL;
}

gboolean
_loket_store_get_case_on_thread (gpointer data, gpointer *result, GError **error)
{
  LoketStoreOp *op = data;
  g_autoptr (GError) local_error = NULL;

  assert_db_thread (op->self);
  *result = loket_projection_store_load (op->self->db, op->text, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (*result == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND, _ ("No case with the identifier %s"),
                   op->text);
      return FALSE;
    }
  return TRUE;
}

gboolean
_loket_store_count_on_thread (gpointer data, gpointer *result, GError **error)
{
  LoketStoreOp *op = data;
  guint         count = 0;

  assert_db_thread (op->self);
  if (!loket_projection_store_count (op->self->db, op->query, &count, error))
    return FALSE;
  *result = GUINT_TO_POINTER (count);
  return TRUE;
}

gboolean
_loket_store_list_on_thread (gpointer data, gpointer *result, GError **error)
{
  LoketStoreOp *op = data;

  assert_db_thread (op->self);
  *result = loket_projection_store_list (op->self->db, op->query, op->offset, op->limit, error);
  return *result != NULL;
}

gboolean
_loket_store_count_inboxes_on_thread (gpointer data, gpointer *result, GError **error)
{
  LoketStoreOp *op = data;

  assert_db_thread (op->self);
  *result = loket_projection_store_count_inboxes (op->self->db, op->now, error);
  return *result != NULL;
}

gboolean
_loket_store_count_overdue_by_unit_on_thread (gpointer data, gpointer *result, GError **error)
{
  LoketStoreOp *op = data;

  assert_db_thread (op->self);
  *result = loket_projection_store_count_overdue_by_unit (op->self->db, op->now, error);
  return *result != NULL;
}

gboolean
_loket_store_record_blob_on_thread (gpointer data, gpointer *result, GError **error)
{
  LoketStoreOp *op = data;
  g_autoptr (LoketDbStatement) stmt = NULL;

  assert_db_thread (op->self);
  stmt = loket_db_prepare (
    op->self->db, "INSERT OR IGNORE INTO blobs (sha256, size, added_at) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  loket_db_statement_bind_text (stmt, 1, op->text);
  loket_db_statement_bind_int64 (stmt, 2, op->size);
  loket_db_statement_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  return loket_db_statement_run (stmt, error);
}

gboolean
_loket_store_rebuild_on_thread (gpointer data, gpointer *result, GError **error)
{
  LoketStoreOp *op = data;

  assert_db_thread (op->self);
  return loket_store_maintenance_rebuild (op->self->db, op->self->projector, NULL, error);
}

gboolean
_loket_store_check_on_thread (gpointer data, gpointer *result, GError **error)
{
  LoketStoreOp *op = data;

  assert_db_thread (op->self);
  *result
    = loket_store_maintenance_check (op->self->db, op->self->projector, op->self->blobs, error);
  return *result != NULL;
}
