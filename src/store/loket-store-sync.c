// SPDX-License-Identifier: GPL-3.0-or-later
// LoketStoreSync: LoketSyncJournal over the store (schema 10, resources/sql/0010-sync.sql).
//
// Invariants (DESIGN.md §4): an event is pending (row in sync_outbox) from its local insert
// until the server acknowledges it (mark_pushed) or sends it back (apply_pulled); a pulled page
// is applied in ONE transaction with the cursor, so a crash repeats the page and nothing else;
// events are stored once by UUID; projections are folds in (HLC, UUID) order, so every replica
// holding the same events shows the same cases whatever the arrival order.
#include "config.h"

#include "loket-store-sync.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "loket-error.h"
#include "loket-event-store.h"
#include "loket-store-private.h"
#include "loket-store-sync-leases-private.h"

struct _LoketStoreSync
{
  GObject parent_instance;

  LoketStore *store;
  guint       n_future; /* atomic */
};

static void loket_store_sync_journal_init (LoketSyncJournalInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LoketStoreSync,
                               loket_store_sync,
                               G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (LOKET_TYPE_SYNC_JOURNAL,
                                                      loket_store_sync_journal_init))

/* One request to the database thread. */
typedef struct
{
  LoketStoreSync    *self;
  GPtrArray         *events;
  const char *const *uuids;
  const char        *sha256;
  gint64             seq;
  guint              limit;
} SyncOp;

static gboolean
run (LoketStoreSync *self, LoketDbWorkFunc func, SyncOp *op, gpointer *result, GError **error)
{
  LoketStore *store = self->store;

  op->self = self;
  if (store->worker == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_FAILED, _ ("The database is closed"));
      return FALSE;
    }
  g_return_val_if_fail (!loket_db_worker_is_current (store->worker), FALSE);
  return loket_db_worker_run_sync (store->worker, func, op, result, error);
}

static LoketDb *
db_of (SyncOp *op)
{
  g_assert (g_thread_self () == op->self->store->db_thread);
  return op->self->store->db;
}

static gboolean
in_transaction (LoketDb *db,
                gboolean (*body) (SyncOp *, LoketDb *, GError **),
                SyncOp  *op,
                GError **error)
{
  if (!loket_db_begin (db, error))
    return FALSE;
  if (!body (op, db, error) || !loket_db_commit (db, error))
    {
      loket_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

/* ---- Events ------------------------------------------------------------------------------- */

static gboolean
pending_events_on_thread (gpointer data, gpointer *result, GError **error)
{
  SyncOp  *op = data;
  LoketDb *db = db_of (op);
  g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (LoketDbStatement) stmt = NULL;
  gboolean have_row;

  stmt = loket_db_prepare (db,
                           "SELECT " LOKET_EVENT_STORE_COLUMNS " FROM sync_outbox "
                           "JOIN events ON events.seq = sync_outbox.event_seq "
                           "ORDER BY sync_outbox.event_seq LIMIT ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  loket_db_statement_bind_int64 (stmt, 1, op->limit);
  for (;;)
    {
      if (!loket_db_statement_step (stmt, &have_row, error))
        return FALSE;
      if (!have_row)
        break;
      g_ptr_array_add (events, loket_event_store_event_from_row (stmt));
    }
  *result = g_steal_pointer (&events);
  return TRUE;
}

static gboolean
count_pending_on_thread (gpointer data, gpointer *result, GError **error)
{
  SyncOp *op = data;
  gint64  n = 0;

  if (!loket_db_query_int64 (db_of (op), "SELECT count(*) FROM sync_outbox", &n, error))
    return FALSE;
  op->seq = n;
  return TRUE;
}

static gboolean
unqueue_events (LoketDb *db, const char *const *uuids, GError **error)
{
  g_autoptr (LoketDbStatement) stmt = NULL;

  stmt = loket_db_prepare (db,
                           "DELETE FROM sync_outbox WHERE event_seq = "
                           "(SELECT seq FROM events WHERE uuid = ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; uuids[i] != NULL; i++)
    {
      sqlite3_reset (stmt->stmt);
      loket_db_statement_bind_text (stmt, 1, uuids[i]);
      if (!loket_db_statement_run (stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
mark_pushed_body (SyncOp *op, LoketDb *db, GError **error)
{
  return unqueue_events (db, op->uuids, error);
}

static gboolean
mark_pushed_on_thread (gpointer data, gpointer *result, GError **error)
{
  SyncOp *op = data;

  return in_transaction (db_of (op), mark_pushed_body, op, error);
}

static gboolean
get_cursor_on_thread (gpointer data, gpointer *result, GError **error)
{
  SyncOp *op = data;

  return loket_db_query_int64 (db_of (op), "SELECT value FROM sync_state WHERE key = 'cursor'",
                               &op->seq, error);
}

/* Adds to @hashes every blob hash @node refers to: string members "sha256" and "blob", string
 * elements of "blobs" arrays (src/core/EVENTS.md), at any depth. */
static void
collect_blob_refs (JsonNode *node, GHashTable *hashes)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject    *object = json_node_get_object (node);
      JsonObjectIter iter;
      const char    *name;
      JsonNode      *member;

      json_object_iter_init (&iter, object);
      while (json_object_iter_next (&iter, &name, &member))
        {
          if ((strcmp (name, "sha256") == 0 || strcmp (name, "blob") == 0)
              && JSON_NODE_HOLDS_VALUE (member)
              && json_node_get_value_type (member) == G_TYPE_STRING)
            {
              const char *hash = json_node_get_string (member);
              if (loket_blob_store_is_valid_hash (hash))
                g_hash_table_add (hashes, g_strdup (hash));
            }
          else if (strcmp (name, "blobs") == 0 && JSON_NODE_HOLDS_ARRAY (member))
            {
              JsonArray *array = json_node_get_array (member);
              for (guint i = 0; i < json_array_get_length (array); i++)
                {
                  JsonNode *element = json_array_get_element (array, i);
                  if (JSON_NODE_HOLDS_VALUE (element)
                      && json_node_get_value_type (element) == G_TYPE_STRING
                      && loket_blob_store_is_valid_hash (json_node_get_string (element)))
                    g_hash_table_add (hashes, g_strdup (json_node_get_string (element)));
                }
            }
          else
            collect_blob_refs (member, hashes);
        }
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      for (guint i = 0; i < json_array_get_length (array); i++)
        collect_blob_refs (json_array_get_element (array, i), hashes);
    }
}

static gboolean
want_blobs (LoketDb *db, GHashTable *hashes, GError **error)
{
  g_autoptr (LoketDbStatement) stmt = NULL;
  GHashTableIter iter;
  gpointer       hash;

  if (g_hash_table_size (hashes) == 0)
    return TRUE;
  stmt = loket_db_prepare (db,
                           "INSERT OR IGNORE INTO sync_blob_wanted (sha256) SELECT ?1 "
                           "WHERE NOT EXISTS (SELECT 1 FROM blobs WHERE sha256 = ?1)",
                           error);
  if (stmt == NULL)
    return FALSE;
  g_hash_table_iter_init (&iter, hashes);
  while (g_hash_table_iter_next (&iter, &hash, NULL))
    {
      sqlite3_reset (stmt->stmt);
      loket_db_statement_bind_text (stmt, 1, hash);
      if (!loket_db_statement_run (stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Checks one pulled event; its parsed body goes to *@body. */
static gboolean
check_pulled_event (LoketEvent *event, JsonObject **body, GError **error)
{
  if (loket_event_get_uuid (event) == NULL || loket_event_get_case_uuid (event) == NULL
      || loket_event_get_event_type (event) == NULL
      || !loket_hlc_parse (loket_event_get_hlc (event), NULL, NULL))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("The server sent an event without a valid identifier, case, type or time"));
      return FALSE;
    }
  *body = loket_event_parse_body (event, error);
  if (*body == NULL)
    {
      g_prefix_error (error, _ ("Event %s from the server: "), loket_event_get_uuid (event));
      return FALSE;
    }
  return TRUE;
}

static gboolean
set_applying (LoketDb *db, gboolean applying, GError **error)
{
  g_autoptr (LoketDbStatement) stmt
    = loket_db_prepare (db, "UPDATE sync_state SET value = ? WHERE key = 'applying'", error);

  if (stmt == NULL)
    return FALSE;
  loket_db_statement_bind_int64 (stmt, 1, applying);
  return loket_db_statement_run (stmt, error);
}

static gboolean
apply_pulled_body (SyncOp *op, LoketDb *db, GError **error)
{
  LoketStore *store = op->self->store;
  g_autoptr (GHashTable) hashes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (GPtrArray) uuids = g_ptr_array_new ();
  g_autoptr (LoketDbStatement) cursor = NULL;
  gint64 horizon = g_get_real_time () / 1000 + LOKET_STORE_SYNC_MAX_CLOCK_SKEW_MS;
  gint64 n_queued = 0;

  for (guint i = 0; i < op->events->len; i++)
    {
      LoketEvent *event = g_ptr_array_index (op->events, i);
      g_autoptr (JsonObject) body = NULL;
      g_autoptr (JsonNode) node = NULL;
      gint64 wall_ms = 0;

      if (!check_pulled_event (event, &body, error))
        return FALSE;
      g_ptr_array_add (uuids, (gpointer) loket_event_get_uuid (event));

      /* Merge the remote clock so later local events sort after what this replica has seen,
       * unless the remote clock is implausibly far ahead (a PC with a wrong date). */
      loket_hlc_parse (loket_event_get_hlc (event), &wall_ms, NULL);
      if (wall_ms > horizon)
        {
          g_atomic_int_inc (&op->self->n_future);
          g_message ("Event %s has a timestamp more than a day ahead of this PC's clock; it is "
                     "kept but not merged into the local clock",
                     loket_event_get_uuid (event));
        }
      else if (!loket_hlc_observe (store->hlc, loket_event_get_hlc (event), error))
        return FALSE;

      node = json_node_init_object (json_node_alloc (), body);
      collect_blob_refs (node, hashes);
    }
  g_ptr_array_add (uuids, NULL);

  /* Stores the new ones (chained locally, as for local appends; not queued for pushing: they
   * come from the server) and re-projects their cases. Events already here (ours, acknowledged
   * or not) are skipped, and leave the outbox: they are on the server now. */
  if (!loket_db_query_int64 (db, "SELECT count(*) FROM sync_outbox", &n_queued, error)
      || !set_applying (db, TRUE, error)
      || !_loket_store_append_in_transaction (store, op->events, error)
      || !set_applying (db, FALSE, error)
      || (n_queued > 0 && !unqueue_events (db, (const char *const *) uuids->pdata, error))
      || !want_blobs (db, hashes, error))
    return FALSE;

  cursor = loket_db_prepare (db, "UPDATE sync_state SET value = max(value, ?) WHERE key = 'cursor'",
                             error);
  if (cursor == NULL)
    return FALSE;
  loket_db_statement_bind_int64 (cursor, 1, op->seq);
  return loket_db_statement_run (cursor, error);
}

static gboolean
apply_pulled_on_thread (gpointer data, gpointer *result, GError **error)
{
  SyncOp  *op = data;
  LoketDb *db = db_of (op);
  gboolean ok;

  /* A pulled page is atomic and consistent either way; it need not be durable: a page lost to a
   * power cut is pulled again (the cursor went with it). So no fsync per page (WAL mode). */
  if (!loket_db_exec (db, "PRAGMA synchronous = NORMAL", error))
    return FALSE;
  ok = in_transaction (db, apply_pulled_body, op, error);
  if (!loket_db_exec (db, "PRAGMA synchronous = FULL", ok ? error : NULL))
    return FALSE;
  return ok;
}

/* ---- Blobs -------------------------------------------------------------------------------- */

static gboolean
list_hashes (LoketDb *db, const char *sql, gpointer *result, GError **error)
{
  g_autoptr (GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (LoketDbStatement) stmt = loket_db_prepare (db, sql, error);
  gboolean have_row;

  if (stmt == NULL)
    return FALSE;
  for (;;)
    {
      if (!loket_db_statement_step (stmt, &have_row, error))
        return FALSE;
      if (!have_row)
        break;
      g_ptr_array_add (hashes, g_strdup (loket_db_statement_get_text (stmt, 0)));
    }
  *result = g_steal_pointer (&hashes);
  return TRUE;
}

static gboolean
pending_blobs_on_thread (gpointer data, gpointer *result, GError **error)
{
  return list_hashes (db_of (data), "SELECT sha256 FROM sync_blob_outbox ORDER BY sha256", result,
                      error);
}

static gboolean
missing_blobs_on_thread (gpointer data, gpointer *result, GError **error)
{
  return list_hashes (db_of (data), "SELECT sha256 FROM sync_blob_wanted ORDER BY sha256", result,
                      error);
}

static gboolean
has_blob_on_thread (gpointer data, gpointer *result, GError **error)
{
  SyncOp *op = data;
  g_autoptr (LoketDbStatement) stmt
    = loket_db_prepare (db_of (op), "SELECT 1 FROM blobs WHERE sha256 = ?", error);
  gboolean have_row;

  if (stmt == NULL)
    return FALSE;
  loket_db_statement_bind_text (stmt, 1, op->sha256);
  if (!loket_db_statement_step (stmt, &have_row, error))
    return FALSE;
  op->seq = have_row;
  return TRUE;
}

static gboolean
blob_arrived_on_thread (gpointer data, gpointer *result, GError **error)
{
  SyncOp  *op = data;
  LoketDb *db = db_of (op);
  g_autoptr (LoketDbStatement) outbox
    = loket_db_prepare (db, "DELETE FROM sync_blob_outbox WHERE sha256 = ?", error);
  g_autoptr (LoketDbStatement) wanted = NULL;

  if (outbox == NULL)
    return FALSE;
  loket_db_statement_bind_text (outbox, 1, op->sha256);
  if (!loket_db_statement_run (outbox, error))
    return FALSE;
  if (op->limit == 0) /* mark_blob_pushed: the wanted list is not concerned */
    return TRUE;
  wanted = loket_db_prepare (db, "DELETE FROM sync_blob_wanted WHERE sha256 = ?", error);
  if (wanted == NULL)
    return FALSE;
  loket_db_statement_bind_text (wanted, 1, op->sha256);
  return loket_db_statement_run (wanted, error);
}

static gboolean
check_hash_syntax (const char *sha256, GError **error)
{
  if (!loket_blob_store_is_valid_hash (sha256))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA, _ ("“%s” is not a SHA-256 hash"),
                   sha256);
      return FALSE;
    }
  return TRUE;
}

/* ---- LoketSyncJournal --------------------------------------------------------------------- */

static GPtrArray *
journal_pending_events (LoketSyncJournal *journal, guint limit, GError **error)
{
  SyncOp   op = { .limit = limit };
  gpointer result = NULL;

  if (!run (LOKET_STORE_SYNC (journal), pending_events_on_thread, &op, &result, error))
    return NULL;
  return result;
}

static gboolean
journal_count_pending (LoketSyncJournal *journal, guint64 *count, GError **error)
{
  SyncOp op = { 0 };

  if (!run (LOKET_STORE_SYNC (journal), count_pending_on_thread, &op, NULL, error))
    return FALSE;
  *count = (guint64) op.seq;
  return TRUE;
}

static gboolean
journal_mark_pushed (LoketSyncJournal *journal, const char *const *uuids, GError **error)
{
  SyncOp op = { .uuids = uuids };

  return run (LOKET_STORE_SYNC (journal), mark_pushed_on_thread, &op, NULL, error);
}

static gboolean
journal_get_cursor (LoketSyncJournal *journal, gint64 *seq, GError **error)
{
  SyncOp op = { 0 };

  if (!run (LOKET_STORE_SYNC (journal), get_cursor_on_thread, &op, NULL, error))
    return FALSE;
  *seq = op.seq;
  return TRUE;
}

static gboolean
journal_apply_pulled (LoketSyncJournal *journal, GPtrArray *events, gint64 seq, GError **error)
{
  SyncOp op = { .events = events, .seq = seq };

  return run (LOKET_STORE_SYNC (journal), apply_pulled_on_thread, &op, NULL, error);
}

static GPtrArray *
journal_pending_blobs (LoketSyncJournal *journal, GError **error)
{
  SyncOp   op = { 0 };
  gpointer result = NULL;

  if (!run (LOKET_STORE_SYNC (journal), pending_blobs_on_thread, &op, &result, error))
    return NULL;
  return result;
}

static GPtrArray *
journal_missing_blobs (LoketSyncJournal *journal, GError **error)
{
  SyncOp   op = { 0 };
  gpointer result = NULL;

  if (!run (LOKET_STORE_SYNC (journal), missing_blobs_on_thread, &op, &result, error))
    return NULL;
  return result;
}

static gboolean
journal_has_blob (LoketSyncJournal *journal, const char *sha256, gboolean *present, GError **error)
{
  LoketStoreSync  *self = LOKET_STORE_SYNC (journal);
  SyncOp           op = { .sha256 = sha256 };
  g_autofree char *path = NULL;

  if (!check_hash_syntax (sha256, error) || !run (self, has_blob_on_thread, &op, NULL, error))
    return FALSE;
  path = loket_blob_store_get_path (self->store->blobs, sha256);
  *present = op.seq != 0 && g_file_test (path, G_FILE_TEST_IS_REGULAR);
  return TRUE;
}

static GBytes *
journal_read_blob (LoketSyncJournal *journal, const char *sha256, GError **error)
{
  if (!check_hash_syntax (sha256, error))
    return NULL;
  return loket_store_read_blob (LOKET_STORE_SYNC (journal)->store, sha256, error);
}

static gboolean
journal_write_blob (LoketSyncJournal *journal, const char *sha256, GBytes *bytes, GError **error)
{
  LoketStoreSync  *self = LOKET_STORE_SYNC (journal);
  g_autofree char *actual = NULL;
  g_autofree char *stored = NULL;
  SyncOp           op = { .sha256 = sha256, .limit = 1 };

  if (!check_hash_syntax (sha256, error))
    return FALSE;
  actual = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  if (strcmp (actual, sha256) != 0)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("The file downloaded for %s has different contents (SHA-256 %s)"), sha256,
                   actual);
      return FALSE;
    }
  stored = loket_store_add_blob (self->store, bytes, error);
  if (stored == NULL)
    return FALSE;
  /* It came from the server: nothing to upload, no longer wanted. */
  return run (self, blob_arrived_on_thread, &op, NULL, error);
}

static gboolean
journal_mark_blob_pushed (LoketSyncJournal *journal, const char *sha256, GError **error)
{
  SyncOp op = { .sha256 = sha256, .limit = 0 };

  if (!check_hash_syntax (sha256, error))
    return FALSE;
  return run (LOKET_STORE_SYNC (journal), blob_arrived_on_thread, &op, NULL, error);
}

static void
loket_store_sync_journal_init (LoketSyncJournalInterface *iface)
{
  iface->pending_events = journal_pending_events;
  iface->count_pending = journal_count_pending;
  iface->mark_pushed = journal_mark_pushed;
  iface->get_cursor = journal_get_cursor;
  iface->apply_pulled = journal_apply_pulled;
  iface->pending_blobs = journal_pending_blobs;
  iface->has_blob = journal_has_blob;
  iface->read_blob = journal_read_blob;
  iface->write_blob = journal_write_blob;
  iface->mark_blob_pushed = journal_mark_blob_pushed;
  iface->missing_blobs = journal_missing_blobs;
  _loket_store_sync_leases_init (iface);
}

/* ---- GObject ------------------------------------------------------------------------------ */

static void
loket_store_sync_finalize (GObject *object)
{
  LoketStoreSync *self = LOKET_STORE_SYNC (object);

  g_clear_object (&self->store);
  G_OBJECT_CLASS (loket_store_sync_parent_class)->finalize (object);
}

static void
loket_store_sync_class_init (LoketStoreSyncClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = loket_store_sync_finalize;
}

static void
loket_store_sync_init (LoketStoreSync *self)
{
}

LoketStoreSync *
loket_store_sync_new (LoketStore *store)
{
  LoketStoreSync *self;

  g_return_val_if_fail (LOKET_IS_STORE (store), NULL);
  self = g_object_new (LOKET_TYPE_STORE_SYNC, NULL);
  self->store = g_object_ref (store);
  return self;
}

LoketStore *
loket_store_sync_get_store (LoketStoreSync *self)
{
  g_return_val_if_fail (LOKET_IS_STORE_SYNC (self), NULL);
  return self->store;
}

guint
loket_store_sync_get_n_future_events (LoketStoreSync *self)
{
  g_return_val_if_fail (LOKET_IS_STORE_SYNC (self), 0);
  return (guint) g_atomic_int_get (&self->n_future);
}
