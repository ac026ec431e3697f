// SPDX-License-Identifier: GPL-3.0-or-later
// The client's SQLite store: events, projections, FTS search, blobs, on one database thread.
#include "config.h"

#include "loket-store.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "loket-blob-store.h"
#include "loket-db-migrations.h"
#include "loket-db-worker.h"
#include "loket-db.h"
#include "loket-error.h"
#include "loket-event-store.h"
#include "loket-projection-store.h"
#include "loket-store-maintenance.h"

struct _LoketStore
{
  GObject             parent_instance;

  /* Owned references */
  char               *path;
  LoketCaseProjector *projector;
  LoketBlobStore     *blobs;
  LoketDbWorker      *worker;
  int                 schema_version;

  /* Used on the database thread only */
  LoketDb            *db;
  GThread            *db_thread;
};

G_DEFINE_FINAL_TYPE (LoketStore, loket_store, G_TYPE_OBJECT)

/* One request to the database thread; which fields are used depends on the request. */
typedef struct
{
  LoketStore     *self;      /* borrowed: close() drains the queue before the store goes */
  GPtrArray      *events;
  char           *text;
  LoketCaseQuery *query;
  guint           offset;
  guint           limit;
  gint64          now;
  gint64          size;
} Op;

static Op *
op_new (LoketStore *self)
{
  Op *op = g_new0 (Op, 1);

  op->self = self;
  return op;
}

static void
op_free (Op *op)
{
  g_clear_pointer (&op->events, g_ptr_array_unref);
  g_clear_pointer (&op->query, loket_case_query_free);
  g_free (op->text);
  g_free (op);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Op, op_free)

static void
assert_db_thread (LoketStore *self)
{
  g_assert (g_thread_self () == self->db_thread);
}

/* Query and report boxed types */

LoketCaseQuery *
loket_case_query_new (void)
{
  return g_new0 (LoketCaseQuery, 1);
}

LoketCaseQuery *
loket_case_query_copy (const LoketCaseQuery *self)
{
  LoketCaseQuery *copy;

  if (self == NULL)
    return loket_case_query_new ();
  copy = g_memdup2 (self, sizeof *self);
  copy->unit_id = g_strdup (self->unit_id);
  copy->agency_id = g_strdup (self->agency_id);
  copy->search = g_strdup (self->search);
  return copy;
}

void
loket_case_query_free (LoketCaseQuery *self)
{
  if (self == NULL)
    return;
  g_free (self->unit_id);
  g_free (self->agency_id);
  g_free (self->search);
  g_free (self);
}

void
loket_store_check_report_free (LoketStoreCheckReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->problems, g_ptr_array_unref);
  g_free (report);
}

/* Work on the database thread */

static gboolean
open_on_thread (gpointer   data,
                gpointer  *result,
                GError   **error)
{
  Op *op = data;
  LoketStore *self = op->self;
  g_autoptr(LoketDb) db = NULL;
  gint64 version = 0;

  self->db_thread = g_thread_self ();

  /* Checked read-only first: a damaged or foreign file is never touched. */
  if (!loket_db_migrations_check_file (self->path, error))
    return FALSE;
  db = loket_db_open (self->path, LOKET_DB_OPEN_READ_WRITE, error);
  if (db == NULL || !loket_db_migrations_apply (db, -1, error) ||
      !loket_db_query_int64 (db, "PRAGMA user_version", &version, error))
    return FALSE;

  self->schema_version = (int) version;
  self->db = g_steal_pointer (&db);
  return TRUE;
}

static gboolean
close_on_thread (gpointer   data,
                 gpointer  *result,
                 GError   **error)
{
  LoketStore *self = ((Op *) data)->self;

  assert_db_thread (self);
  g_clear_pointer (&self->db, loket_db_close);
  return TRUE;
}

static int
compare_events (gconstpointer a,
                gconstpointer b)
{
  return loket_event_compare (*(LoketEvent **) a, *(LoketEvent **) b);
}

/* Brings the stored projection of @case_uuid up to date after @new_events were appended. The
 * projection must equal a fold over all events in (HLC, UUID) order: when every new event sorts
 * after the case's last event, folding them into the stored state gives that; otherwise the
 * case is projected again from all its events. */
static gboolean
reproject_case (LoketStore *self,
                const char *case_uuid,
                GPtrArray  *new_events,
                GError    **error)
{
  g_autoptr(LoketCase) kase = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *first_hlc;

  g_ptr_array_sort (new_events, compare_events);
  first_hlc = loket_event_get_hlc (g_ptr_array_index (new_events, 0));

  kase = loket_projection_store_load (self->db, case_uuid, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (kase != NULL && loket_case_get_last_hlc (kase) != NULL &&
      strcmp (first_hlc, loket_case_get_last_hlc (kase)) > 0)
    {
      for (guint i = 0; i < new_events->len; i++)
        if (!loket_case_projector_apply (self->projector, kase, g_ptr_array_index (new_events, i),
                                         error))
          return FALSE;
    }
  else
    {
      g_autoptr(GPtrArray) all = loket_event_store_get_case_events (self->db, case_uuid, error);

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

static gboolean
append_in_transaction (LoketStore *self,
                       GPtrArray  *events,
                       GError    **error)
{
  g_autoptr(GHashTable) touched = NULL;
  GHashTableIter iter;
  gpointer key, value;

  /* case UUID → the events of this call that were new */
  touched = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                   (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < events->len; i++)
    {
      LoketEvent *event = g_ptr_array_index (events, i);
      GPtrArray *case_events;
      gboolean inserted;

      if (!loket_event_store_append (self->db, event, &inserted, error))
        return FALSE;
      if (!inserted)
        continue;
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
    if (!reproject_case (self, key, value, error))
      {
        g_prefix_error (error, "case %s: ", (const char *) key);
        return FALSE;
      }
  return TRUE;
}

static gboolean
append_on_thread (gpointer   data,
                  gpointer  *result,
                  GError   **error)
{
  Op *op = data;
  LoketStore *self = op->self;

  assert_db_thread (self);
  if (!loket_db_begin (self->db, error))
    return FALSE;
  if (!append_in_transaction (self, op->events, error) || !loket_db_commit (self->db, error))
    {
      loket_db_rollback (self->db);
      return FALSE;
    }
  return TRUE;
}

static gboolean
get_case_events_on_thread (gpointer   data,
                           gpointer  *result,
                           GError   **error)
{
  Op *op = data;

  assert_db_thread (op->self);
  *result = loket_event_store_get_case_events (op->self->db, op->text, error);
  return *result != NULL;
}

static gboolean
get_case_on_thread (gpointer   data,
                    gpointer  *result,
                    GError   **error)
{
  Op *op = data;
  g_autoptr(GError) local_error = NULL;

  assert_db_thread (op->self);
  *result = loket_projection_store_load (op->self->db, op->text, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (*result == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND, _("No case with the identifier %s"),
                   op->text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
count_on_thread (gpointer   data,
                 gpointer  *result,
                 GError   **error)
{
  Op *op = data;
  guint count = 0;

  assert_db_thread (op->self);
  if (!loket_projection_store_count (op->self->db, op->query, &count, error))
    return FALSE;
  *result = GUINT_TO_POINTER (count);
  return TRUE;
}

static gboolean
list_on_thread (gpointer   data,
                gpointer  *result,
                GError   **error)
{
  Op *op = data;

  assert_db_thread (op->self);
  *result = loket_projection_store_list (op->self->db, op->query, op->offset, op->limit, error);
  return *result != NULL;
}

static gboolean
count_inboxes_on_thread (gpointer   data,
                         gpointer  *result,
                         GError   **error)
{
  Op *op = data;

  assert_db_thread (op->self);
  *result = loket_projection_store_count_inboxes (op->self->db, op->now, error);
  return *result != NULL;
}

static gboolean
record_blob_on_thread (gpointer   data,
                       gpointer  *result,
                       GError   **error)
{
  Op *op = data;
  g_autoptr(LoketDbStatement) stmt = NULL;

  assert_db_thread (op->self);
  stmt = loket_db_prepare (op->self->db,
                           "INSERT OR IGNORE INTO blobs (sha256, size, added_at) VALUES (?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  loket_db_statement_bind_text (stmt, 1, op->text);
  loket_db_statement_bind_int64 (stmt, 2, op->size);
  loket_db_statement_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  return loket_db_statement_run (stmt, error);
}

static gboolean
rebuild_on_thread (gpointer   data,
                   gpointer  *result,
                   GError   **error)
{
  Op *op = data;

  assert_db_thread (op->self);
  return loket_store_maintenance_rebuild (op->self->db, op->self->projector, NULL, error);
}

static gboolean
check_on_thread (gpointer   data,
                 gpointer  *result,
                 GError   **error)
{
  Op *op = data;

  assert_db_thread (op->self);
  *result = loket_store_maintenance_check (op->self->db, op->self->projector, op->self->blobs,
                                           error);
  return *result != NULL;
}

/* Helpers for the public API */

static gboolean
run_sync (LoketStore     *self,
          LoketDbWorkFunc func,
          Op             *op,
          gpointer       *result,
          GError        **error)
{
  if (self->worker == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_FAILED, _("The database is closed"));
      return FALSE;
    }
  return loket_db_worker_run_sync (self->worker, func, op, result, error);
}

static void
run_async (LoketStore         *self,
           LoketDbWorkFunc     func,
           Op                 *op,
           GDestroyNotify      result_free,
           gpointer            source_tag,
           GCancellable       *cancellable,
           GAsyncReadyCallback callback,
           gpointer            user_data)
{
  if (self->worker == NULL)
    {
      g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
      g_task_set_source_tag (task, source_tag);
      g_task_return_new_error (task, LOKET_ERROR, LOKET_ERROR_FAILED, _("The database is closed"));
      op_free (op);
      return;
    }
  loket_db_worker_run_async (self->worker, func, op, (GDestroyNotify) op_free, result_free, self,
                             source_tag, cancellable, callback, user_data);
}

static gpointer
finish (LoketStore   *self,
        GAsyncResult *result,
        gpointer      source_tag,
        gboolean     *ok,
        GError      **error)
{
  gpointer value = NULL;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);
  *ok = loket_db_worker_run_finish (result, &value, error);
  return value;
}

/* GObject */

static void
loket_store_finalize (GObject *object)
{
  LoketStore *self = LOKET_STORE (object);

  loket_store_close (self);
  g_clear_object (&self->projector);
  g_clear_pointer (&self->blobs, loket_blob_store_free);
  g_free (self->path);

  G_OBJECT_CLASS (loket_store_parent_class)->finalize (object);
}

static void
loket_store_class_init (LoketStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = loket_store_finalize;
}

static void
loket_store_init (LoketStore *self)
{
}

/* Public API */

LoketStore *
loket_store_open (const char          *path,
                  LoketCaseProjector  *projector,
                  GError             **error)
{
  g_autoptr(LoketStore) self = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *blob_dir = NULL;
  g_autoptr(Op) op = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (LOKET_IS_CASE_PROJECTOR (projector), NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_IO,
                   _("Could not create the folder “%s” for the database: %s"), dir,
                   g_strerror (saved_errno));
      return NULL;
    }

  self = g_object_new (LOKET_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->projector = g_object_ref (projector);
  blob_dir = g_strconcat (path, ".blobs", NULL);
  self->blobs = loket_blob_store_new (blob_dir);
  self->worker = loket_db_worker_new ("loket-db");

  op = op_new (self);
  if (!loket_db_worker_run_sync (self->worker, open_on_thread, op, NULL, error))
    {
      loket_store_close (self);
      return NULL;
    }
  g_debug ("Opened the store (schema %d)", self->schema_version);
  return g_steal_pointer (&self);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  const char *path = task_data;
  LoketCaseProjector *projector = g_object_get_data (G_OBJECT (task), "projector");
  GError *error = NULL;
  LoketStore *store = loket_store_open (path, projector, &error);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

void
loket_store_open_async (const char          *path,
                        LoketCaseProjector  *projector,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, loket_store_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_object_set_data_full (G_OBJECT (task), "projector", g_object_ref (projector), g_object_unref);
  g_task_run_in_thread (task, open_thread);
}

LoketStore *
loket_store_open_finish (GAsyncResult *result,
                         GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
loket_store_close (LoketStore *self)
{
  g_return_if_fail (LOKET_IS_STORE (self));

  if (self->worker == NULL)
    return;
  {
    g_autoptr(Op) op = op_new (self);
    loket_db_worker_run_sync (self->worker, close_on_thread, op, NULL, NULL);
  }
  g_clear_pointer (&self->worker, loket_db_worker_free);
}

const char *
loket_store_get_path (LoketStore *self)
{
  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);
  return self->path;
}

int
loket_store_get_schema_version (LoketStore *self)
{
  g_return_val_if_fail (LOKET_IS_STORE (self), 0);
  return self->schema_version;
}

static Op *
append_op_new (LoketStore *self,
               GPtrArray  *events)
{
  Op *op = op_new (self);

  /* A copy: the caller may change its array while the database thread works. */
  op->events = g_ptr_array_new_full (events->len, g_object_unref);
  for (guint i = 0; i < events->len; i++)
    g_ptr_array_add (op->events, g_object_ref (g_ptr_array_index (events, i)));
  return op;
}

gboolean
loket_store_append_events (LoketStore *self,
                           GPtrArray  *events,
                           GError    **error)
{
  g_autoptr(Op) op = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), FALSE);
  g_return_val_if_fail (events != NULL, FALSE);

  op = append_op_new (self, events);
  return run_sync (self, append_on_thread, op, NULL, error);
}

void
loket_store_append_events_async (LoketStore          *self,
                                 GPtrArray           *events,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (LOKET_IS_STORE (self));
  g_return_if_fail (events != NULL);

  run_async (self, append_on_thread, append_op_new (self, events), NULL,
             loket_store_append_events_async, cancellable, callback, user_data);
}

gboolean
loket_store_append_events_finish (LoketStore   *self,
                                  GAsyncResult *result,
                                  GError      **error)
{
  gboolean ok;

  finish (self, result, loket_store_append_events_async, &ok, error);
  return ok;
}

static Op *
text_op_new (LoketStore *self,
             const char *text)
{
  Op *op = op_new (self);

  op->text = g_strdup (text);
  return op;
}

GPtrArray *
loket_store_get_case_events (LoketStore *self,
                             const char *case_uuid,
                             GError    **error)
{
  g_autoptr(Op) op = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);
  g_return_val_if_fail (case_uuid != NULL, NULL);

  op = text_op_new (self, case_uuid);
  return run_sync (self, get_case_events_on_thread, op, &result, error) ? result : NULL;
}

void
loket_store_get_case_events_async (LoketStore          *self,
                                   const char          *case_uuid,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (LOKET_IS_STORE (self));
  g_return_if_fail (case_uuid != NULL);

  run_async (self, get_case_events_on_thread, text_op_new (self, case_uuid),
             (GDestroyNotify) g_ptr_array_unref, loket_store_get_case_events_async, cancellable,
             callback, user_data);
}

GPtrArray *
loket_store_get_case_events_finish (LoketStore   *self,
                                    GAsyncResult *result,
                                    GError      **error)
{
  gboolean ok;

  return finish (self, result, loket_store_get_case_events_async, &ok, error);
}

LoketCase *
loket_store_get_case (LoketStore *self,
                      const char *case_uuid,
                      GError    **error)
{
  g_autoptr(Op) op = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);
  g_return_val_if_fail (case_uuid != NULL, NULL);

  op = text_op_new (self, case_uuid);
  return run_sync (self, get_case_on_thread, op, &result, error) ? result : NULL;
}

static Op *
query_op_new (LoketStore           *self,
              const LoketCaseQuery *query,
              guint                 offset,
              guint                 limit)
{
  Op *op = op_new (self);

  op->query = loket_case_query_copy (query);
  op->offset = offset;
  op->limit = limit;
  return op;
}

guint
loket_store_count_cases (LoketStore           *self,
                         const LoketCaseQuery *query,
                         GError              **error)
{
  g_autoptr(Op) op = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), 0);

  op = query_op_new (self, query, 0, 0);
  return run_sync (self, count_on_thread, op, &result, error) ? GPOINTER_TO_UINT (result) : 0;
}

void
loket_store_count_cases_async (LoketStore           *self,
                               const LoketCaseQuery *query,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data)
{
  g_return_if_fail (LOKET_IS_STORE (self));

  run_async (self, count_on_thread, query_op_new (self, query, 0, 0), NULL,
             loket_store_count_cases_async, cancellable, callback, user_data);
}

guint
loket_store_count_cases_finish (LoketStore   *self,
                                GAsyncResult *result,
                                GError      **error)
{
  gboolean ok;

  return GPOINTER_TO_UINT (finish (self, result, loket_store_count_cases_async, &ok, error));
}

GPtrArray *
loket_store_list_cases (LoketStore           *self,
                        const LoketCaseQuery *query,
                        guint                 offset,
                        guint                 limit,
                        GError              **error)
{
  g_autoptr(Op) op = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);

  op = query_op_new (self, query, offset, limit);
  return run_sync (self, list_on_thread, op, &result, error) ? result : NULL;
}

void
loket_store_list_cases_async (LoketStore           *self,
                              const LoketCaseQuery *query,
                              guint                 offset,
                              guint                 limit,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  g_return_if_fail (LOKET_IS_STORE (self));

  run_async (self, list_on_thread, query_op_new (self, query, offset, limit),
             (GDestroyNotify) g_ptr_array_unref, loket_store_list_cases_async, cancellable,
             callback, user_data);
}

GPtrArray *
loket_store_list_cases_finish (LoketStore   *self,
                               GAsyncResult *result,
                               GError      **error)
{
  gboolean ok;

  return finish (self, result, loket_store_list_cases_async, &ok, error);
}

static Op *
inboxes_op_new (LoketStore *self,
                gint64      now)
{
  Op *op = op_new (self);

  op->now = now;
  return op;
}

GPtrArray *
loket_store_count_inboxes (LoketStore *self,
                           gint64      now,
                           GError    **error)
{
  g_autoptr(Op) op = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);

  op = inboxes_op_new (self, now);
  return run_sync (self, count_inboxes_on_thread, op, &result, error) ? result : NULL;
}

void
loket_store_count_inboxes_async (LoketStore          *self,
                                 gint64               now,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (LOKET_IS_STORE (self));

  run_async (self, count_inboxes_on_thread, inboxes_op_new (self, now),
             (GDestroyNotify) g_ptr_array_unref, loket_store_count_inboxes_async, cancellable,
             callback, user_data);
}

GPtrArray *
loket_store_count_inboxes_finish (LoketStore   *self,
                                  GAsyncResult *result,
                                  GError      **error)
{
  gboolean ok;

  return finish (self, result, loket_store_count_inboxes_async, &ok, error);
}

char *
loket_store_add_blob (LoketStore *self,
                      GBytes     *contents,
                      GError    **error)
{
  g_autofree char *sha256 = NULL;
  g_autoptr(Op) op = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);
  g_return_val_if_fail (contents != NULL, NULL);

  /* The file first (durably), then its row: a crash in between leaves an unlisted file that the
   * next add of the same bytes adopts. */
  sha256 = loket_blob_store_add (self->blobs, contents, NULL, error);
  if (sha256 == NULL)
    return NULL;
  op = text_op_new (self, sha256);
  op->size = g_bytes_get_size (contents);
  if (!run_sync (self, record_blob_on_thread, op, NULL, error))
    return NULL;
  return g_steal_pointer (&sha256);
}

GBytes *
loket_store_read_blob (LoketStore *self,
                       const char *sha256,
                       GError    **error)
{
  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);

  return loket_blob_store_read (self->blobs, sha256, error);
}

gboolean
loket_store_rebuild_projections (LoketStore *self,
                                 GError    **error)
{
  g_autoptr(Op) op = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), FALSE);

  op = op_new (self);
  return run_sync (self, rebuild_on_thread, op, NULL, error);
}

LoketStoreCheckReport *
loket_store_check (LoketStore *self,
                   GError    **error)
{
  g_autoptr(Op) op = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);

  op = op_new (self);
  return run_sync (self, check_on_thread, op, &result, error) ? result : NULL;
}
