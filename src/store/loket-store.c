// SPDX-License-Identifier: GPL-3.0-or-later
// The client's SQLite store: events, projections, FTS search, blobs, on one database thread.
#include "config.h"

#include "loket-store.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "loket-blob-import.h"
#include "loket-error.h"
#include "loket-store-private.h"

G_DEFINE_FINAL_TYPE (LoketStore, loket_store, G_TYPE_OBJECT)

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

/* Helpers for the public API */

static gboolean
run_sync (LoketStore     *self,
          LoketDbWorkFunc func,
          LoketStoreOp   *op,
          gpointer       *result,
          GError        **error)
{
  if (self->worker == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_FAILED, _ ("The database is closed"));
      return FALSE;
    }
  return loket_db_worker_run_sync (self->worker, func, op, result, error);
}

static void
run_async (LoketStore         *self,
           LoketDbWorkFunc     func,
           LoketStoreOp       *op,
           GDestroyNotify      result_free,
           gpointer            source_tag,
           GCancellable       *cancellable,
           GAsyncReadyCallback callback,
           gpointer            user_data)
{
  if (self->worker == NULL)
    {
      g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
      g_task_set_source_tag (task, source_tag);
      g_task_return_new_error (task, LOKET_ERROR, LOKET_ERROR_FAILED, _ ("The database is closed"));
      _loket_store_op_free (op);
      return;
    }
  loket_db_worker_run_async (self->worker, func, op, (GDestroyNotify) _loket_store_op_free,
                             result_free, self, source_tag, cancellable, callback, user_data);
}

static gpointer
finish (LoketStore *self, GAsyncResult *result, gpointer source_tag, gboolean *ok, GError **error)
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
  g_clear_object (&self->hlc);
  g_free (self->path);
  g_free (self->device_id);
  g_free (self->device_code);
  g_free (self->db_device_code);
  g_clear_object (&self->workflow);
  g_clear_object (&self->paraf_routes);
  g_mutex_clear (&self->workflow_lock);

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
  g_mutex_init (&self->workflow_lock);
}

/* Public API */

LoketStore *
loket_store_open (const char *path, LoketCaseProjector *projector, GError **error)
{
  g_autoptr (LoketStore) self = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *blob_dir = NULL;
  g_autoptr (LoketStoreOp) op = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (LOKET_IS_CASE_PROJECTOR (projector), NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved_errno = errno;
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_IO,
                   _ ("Could not create the folder “%s” for the database: %s"), dir,
                   g_strerror (saved_errno));
      return NULL;
    }

  self = g_object_new (LOKET_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->projector = g_object_ref (projector);
  blob_dir = g_strconcat (path, ".blobs", NULL);
  self->blobs = loket_blob_store_new (blob_dir);
  self->worker = loket_db_worker_new ("loket-db");

  self->hlc = loket_hlc_new ();
  op = _loket_store_op_new (self);
  if (!loket_db_worker_run_sync (self->worker, _loket_store_open_on_thread, op, NULL, error)
      || !loket_db_worker_run_sync (self->worker, _loket_store_load_device_on_thread, op, NULL,
                                    error))
    {
      loket_store_close (self);
      return NULL;
    }
  /* Copies of attachments left by a crash mid-import (an hour old: not someone's running one). */
  loket_blob_import_sweep (self->blobs, 3600);
  g_debug ("Opened the store (schema %d)", self->schema_version);
  return g_steal_pointer (&self);
}

static void
open_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  const char         *path = task_data;
  LoketCaseProjector *projector = g_object_get_data (G_OBJECT (task), "projector");
  GError             *error = NULL;
  LoketStore         *store = loket_store_open (path, projector, &error);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

void
loket_store_open_async (const char         *path,
                        LoketCaseProjector *projector,
                        GCancellable       *cancellable,
                        GAsyncReadyCallback callback,
                        gpointer            user_data)
{
  g_autoptr (GTask) task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, loket_store_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_object_set_data_full (G_OBJECT (task), "projector", g_object_ref (projector), g_object_unref);
  g_task_run_in_thread (task, open_thread);
}

LoketStore *
loket_store_open_finish (GAsyncResult *result, GError **error)
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
    g_autoptr (LoketStoreOp) op = _loket_store_op_new (self);
    loket_db_worker_run_sync (self->worker, _loket_store_close_on_thread, op, NULL, NULL);
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

static LoketStoreOp *
append_op_new (LoketStore *self, GPtrArray *events)
{
  LoketStoreOp *op = _loket_store_op_new (self);

  /* A copy: the caller may change its array while the database thread works. */
  op->events = g_ptr_array_new_full (events->len, g_object_unref);
  for (guint i = 0; i < events->len; i++)
    g_ptr_array_add (op->events, g_object_ref (g_ptr_array_index (events, i)));
  return op;
}

gboolean
loket_store_append_events (LoketStore *self, GPtrArray *events, GError **error)
{
  g_autoptr (LoketStoreOp) op = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), FALSE);
  g_return_val_if_fail (events != NULL, FALSE);

  op = append_op_new (self, events);
  return run_sync (self, _loket_store_append_on_thread, op, NULL, error);
}

void
loket_store_append_events_async (LoketStore         *self,
                                 GPtrArray          *events,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_return_if_fail (LOKET_IS_STORE (self));
  g_return_if_fail (events != NULL);

  run_async (self, _loket_store_append_on_thread, append_op_new (self, events), NULL,
             loket_store_append_events_async, cancellable, callback, user_data);
}

gboolean
loket_store_append_events_finish (LoketStore *self, GAsyncResult *result, GError **error)
{
  gboolean ok;

  finish (self, result, loket_store_append_events_async, &ok, error);
  return ok;
}

static LoketStoreOp *
text_op_new (LoketStore *self, const char *text)
{
  LoketStoreOp *op = _loket_store_op_new (self);

  op->text = g_strdup (text);
  return op;
}

GPtrArray *
loket_store_get_case_events (LoketStore *self, const char *case_uuid, GError **error)
{
  g_autoptr (LoketStoreOp) op = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);
  g_return_val_if_fail (case_uuid != NULL, NULL);

  op = text_op_new (self, case_uuid);
  return run_sync (self, _loket_store_get_case_events_on_thread, op, &result, error) ? result
                                                                                     : NULL;
}

void
loket_store_get_case_events_async (LoketStore         *self,
                                   const char         *case_uuid,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  g_return_if_fail (LOKET_IS_STORE (self));
  g_return_if_fail (case_uuid != NULL);

  run_async (self, _loket_store_get_case_events_on_thread, text_op_new (self, case_uuid),
             (GDestroyNotify) g_ptr_array_unref, loket_store_get_case_events_async, cancellable,
             callback, user_data);
}

GPtrArray *
loket_store_get_case_events_finish (LoketStore *self, GAsyncResult *result, GError **error)
{
  gboolean ok;

  return finish (self, result, loket_store_get_case_events_async, &ok, error);
}

LoketCase *
loket_store_get_case (LoketStore *self, const char *case_uuid, GError **error)
{
  g_autoptr (LoketStoreOp) op = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);
  g_return_val_if_fail (case_uuid != NULL, NULL);

  op = text_op_new (self, case_uuid);
  return run_sync (self, _loket_store_get_case_on_thread, op, &result, error) ? result : NULL;
}

static LoketStoreOp *
query_op_new (LoketStore *self, const LoketCaseQuery *query, guint offset, guint limit)
{
  LoketStoreOp *op = _loket_store_op_new (self);

  op->query = loket_case_query_copy (query);
  op->offset = offset;
  op->limit = limit;
  return op;
}

guint
loket_store_count_cases (LoketStore *self, const LoketCaseQuery *query, GError **error)
{
  g_autoptr (LoketStoreOp) op = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), 0);

  op = query_op_new (self, query, 0, 0);
  return run_sync (self, _loket_store_count_on_thread, op, &result, error)
           ? GPOINTER_TO_UINT (result)
           : 0;
}

void
loket_store_count_cases_async (LoketStore           *self,
                               const LoketCaseQuery *query,
                               GCancellable         *cancellable,
                               GAsyncReadyCallback   callback,
                               gpointer              user_data)
{
  g_return_if_fail (LOKET_IS_STORE (self));

  run_async (self, _loket_store_count_on_thread, query_op_new (self, query, 0, 0), NULL,
             loket_store_count_cases_async, cancellable, callback, user_data);
}

guint
loket_store_count_cases_finish (LoketStore *self, GAsyncResult *result, GError **error)
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
  g_autoptr (LoketStoreOp) op = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);

  op = query_op_new (self, query, offset, limit);
  return run_sync (self, _loket_store_list_on_thread, op, &result, error) ? result : NULL;
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

  run_async (self, _loket_store_list_on_thread, query_op_new (self, query, offset, limit),
             (GDestroyNotify) g_ptr_array_unref, loket_store_list_cases_async, cancellable,
             callback, user_data);
}

GPtrArray *
loket_store_list_cases_finish (LoketStore *self, GAsyncResult *result, GError **error)
{
  gboolean ok;

  return finish (self, result, loket_store_list_cases_async, &ok, error);
}

static LoketStoreOp *
inboxes_op_new (LoketStore *self, gint64 now)
{
  LoketStoreOp *op = _loket_store_op_new (self);

  op->now = now;
  return op;
}

GPtrArray *
loket_store_count_inboxes (LoketStore *self, gint64 now, GError **error)
{
  g_autoptr (LoketStoreOp) op = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);

  op = inboxes_op_new (self, now);
  return run_sync (self, _loket_store_count_inboxes_on_thread, op, &result, error) ? result : NULL;
}

GHashTable *
loket_store_count_overdue_by_unit (LoketStore *self, gint64 now, GError **error)
{
  g_autoptr (LoketStoreOp) op = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);

  op = inboxes_op_new (self, now);
  return run_sync (self, _loket_store_count_overdue_by_unit_on_thread, op, &result, error)
           ? result
           : NULL;
}

void
loket_store_count_inboxes_async (LoketStore         *self,
                                 gint64              now,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_return_if_fail (LOKET_IS_STORE (self));

  run_async (self, _loket_store_count_inboxes_on_thread, inboxes_op_new (self, now),
             (GDestroyNotify) g_ptr_array_unref, loket_store_count_inboxes_async, cancellable,
             callback, user_data);
}

GPtrArray *
loket_store_count_inboxes_finish (LoketStore *self, GAsyncResult *result, GError **error)
{
  gboolean ok;

  return finish (self, result, loket_store_count_inboxes_async, &ok, error);
}

char *
loket_store_add_blob (LoketStore *self, GBytes *contents, GError **error)
{
  g_autofree char *sha256 = NULL;
  g_autoptr (LoketStoreOp) op = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);
  g_return_val_if_fail (contents != NULL, NULL);

  /* The file first (durably), then its row: a crash in between leaves an unlisted file that the
   * next add of the same bytes adopts. */
  sha256 = loket_blob_store_add (self->blobs, contents, NULL, error);
  if (sha256 == NULL)
    return NULL;
  op = text_op_new (self, sha256);
  op->size = g_bytes_get_size (contents);
  if (!run_sync (self, _loket_store_record_blob_on_thread, op, NULL, error))
    return NULL;
  return g_steal_pointer (&sha256);
}

GBytes *
loket_store_read_blob (LoketStore *self, const char *sha256, GError **error)
{
  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);

  return loket_blob_store_read (self->blobs, sha256, error);
}

gboolean
loket_store_rebuild_projections (LoketStore *self, GError **error)
{
  g_autoptr (LoketStoreOp) op = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), FALSE);

  op = _loket_store_op_new (self);
  return run_sync (self, _loket_store_rebuild_on_thread, op, NULL, error);
}

LoketStoreCheckReport *
loket_store_check (LoketStore *self, GError **error)
{
  g_autoptr (LoketStoreOp) op = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);

  op = _loket_store_op_new (self);
  return run_sync (self, _loket_store_check_on_thread, op, &result, error) ? result : NULL;
}
