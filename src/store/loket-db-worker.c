// SPDX-License-Identifier: GPL-3.0-or-later
// The single database thread: runs functions sent through a GAsyncQueue, in order.
#include "config.h"

#include "loket-db-worker.h"

struct _LoketDbWorker
{
  GThread     *thread;
  GAsyncQueue *queue;   /* WorkItem */
  gboolean     stopped;
};

typedef struct
{
  LoketDbWorkFunc func;
  gpointer        data;
  GDestroyNotify  data_free;
  GDestroyNotify  result_free;
  gboolean        quit;

  /* Synchronous calls: the caller waits on `cond` until `done`. */
  GMutex          mutex;
  GCond           cond;
  gboolean        done;
  gboolean        ok;
  gpointer        result;
  GError         *error;

  /* Asynchronous calls. */
  GTask          *task;
} WorkItem;

static void
work_item_free (WorkItem *item)
{
  if (item->data_free != NULL && item->data != NULL)
    item->data_free (item->data);
  if (item->result_free != NULL && item->result != NULL)
    item->result_free (item->result);
  g_clear_error (&item->error);
  g_mutex_clear (&item->mutex);
  g_cond_clear (&item->cond);
  g_free (item);
}

static WorkItem *
work_item_new (LoketDbWorkFunc func,
               gpointer        data)
{
  WorkItem *item = g_new0 (WorkItem, 1);

  item->func = func;
  item->data = data;
  g_mutex_init (&item->mutex);
  g_cond_init (&item->cond);
  return item;
}

static gboolean
unref_task_cb (gpointer data)
{
  g_object_unref (data);
  return G_SOURCE_REMOVE;
}

static void
run_item (WorkItem *item)
{
  g_autoptr(GTask) task = item->task;
  GCancellable *cancellable = task != NULL ? g_task_get_cancellable (task) : NULL;
  GError *error = NULL;
  gpointer result = NULL;
  gboolean ok;

  if (cancellable != NULL && g_cancellable_set_error_if_cancelled (cancellable, &error))
    ok = FALSE;
  else
    ok = item->func (item->data, &result, &error);

  if (task == NULL)
    {
      g_mutex_lock (&item->mutex);
      item->ok = ok;
      item->result = result;
      item->error = error;
      item->done = TRUE;
      g_cond_signal (&item->cond);
      g_mutex_unlock (&item->mutex);
      return;
    }

  /* The task owns the item from here: the result travels in it. */
  item->task = NULL;
  item->result = result;
  if (ok)
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);

  /* Drop our reference on the caller's context, after the callback: the last reference to the
   * task (and to its source object, the store) must never go on this thread. */
  {
    GSource *source = g_idle_source_new ();
    GMainContext *context = g_task_get_context (task);

    g_source_set_priority (source, G_PRIORITY_LOW);
    g_source_set_callback (source, unref_task_cb, g_steal_pointer (&task), NULL);
    g_source_set_static_name (source, "[loket] release database task");
    g_source_attach (source, context);
    g_source_unref (source);
  }
}

static gpointer
worker_thread (gpointer user_data)
{
  LoketDbWorker *self = user_data;

  for (;;)
    {
      WorkItem *item = g_async_queue_pop (self->queue);

      if (item->quit)
        {
          work_item_free (item);
          break;
        }
      run_item (item);
    }
  return NULL;
}

LoketDbWorker *
loket_db_worker_new (const char *name)
{
  LoketDbWorker *self = g_new0 (LoketDbWorker, 1);

  self->queue = g_async_queue_new ();
  self->thread = g_thread_new (name, worker_thread, self);
  return self;
}

void
loket_db_worker_stop (LoketDbWorker *self)
{
  WorkItem *item;

  if (self->stopped)
    return;
  g_assert (!loket_db_worker_is_current (self));
  self->stopped = TRUE;
  item = work_item_new (NULL, NULL);
  item->quit = TRUE;
  g_async_queue_push (self->queue, item);
  g_thread_join (g_steal_pointer (&self->thread));
}

void
loket_db_worker_free (LoketDbWorker *self)
{
  if (self == NULL)
    return;
  loket_db_worker_stop (self);
  g_async_queue_unref (self->queue);
  g_free (self);
}

gboolean
loket_db_worker_is_current (LoketDbWorker *self)
{
  return self->thread != NULL && g_thread_self () == self->thread;
}

gboolean
loket_db_worker_run_sync (LoketDbWorker   *self,
                          LoketDbWorkFunc  func,
                          gpointer         data,
                          gpointer        *result,
                          GError         **error)
{
  WorkItem *item;
  gboolean ok;

  g_return_val_if_fail (!self->stopped, FALSE);
  g_assert (!loket_db_worker_is_current (self)); /* would wait for itself */

  item = work_item_new (func, data);
  g_mutex_lock (&item->mutex);
  g_async_queue_push (self->queue, item);
  while (!item->done)
    g_cond_wait (&item->cond, &item->mutex);
  g_mutex_unlock (&item->mutex);

  ok = item->ok;
  if (ok && result != NULL)
    *result = g_steal_pointer (&item->result);
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&item->error));
  work_item_free (item);
  return ok;
}

void
loket_db_worker_run_async (LoketDbWorker      *self,
                           LoketDbWorkFunc     func,
                           gpointer            data,
                           GDestroyNotify      data_free,
                           GDestroyNotify      result_free,
                           gpointer            source_object,
                           gpointer            source_tag,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  GTask *task = g_task_new (source_object, cancellable, callback, user_data);
  WorkItem *item = work_item_new (func, data);

  g_task_set_source_tag (task, source_tag);
  item->data_free = data_free;
  item->result_free = result_free;
  item->task = g_object_ref (task);
  g_task_set_task_data (task, item, (GDestroyNotify) work_item_free);
  g_object_unref (task);

  if (self->stopped)
    {
      g_autoptr(GTask) owned = g_steal_pointer (&item->task);
      g_task_return_new_error (owned, G_IO_ERROR, G_IO_ERROR_CLOSED, "The store is closed");
      return;
    }
  g_async_queue_push (self->queue, item);
}

gboolean
loket_db_worker_run_finish (GAsyncResult *result,
                            gpointer     *out,
                            GError      **error)
{
  GTask *task = G_TASK (result);
  WorkItem *item = g_task_get_task_data (task);

  if (!g_task_propagate_boolean (task, error))
    return FALSE;
  if (out != NULL)
    *out = g_steal_pointer (&item->result);
  return TRUE;
}
