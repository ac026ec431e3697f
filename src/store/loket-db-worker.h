// SPDX-License-Identifier: GPL-3.0-or-later
// The single database thread: runs functions sent through a GAsyncQueue, in order.
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct _LoketDbWorker LoketDbWorker;

/* Runs on the database thread. Returns TRUE and sets *@result (may stay NULL), or FALSE with
 * @error. */
typedef gboolean (*LoketDbWorkFunc) (gpointer   data,
                                     gpointer  *result,
                                     GError   **error);

LoketDbWorker *loket_db_worker_new        (const char      *name);
/* Runs what is queued, then stops and joins the thread. Idempotent. */
void           loket_db_worker_stop       (LoketDbWorker   *self);
void           loket_db_worker_free       (LoketDbWorker   *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketDbWorker, loket_db_worker_free)

gboolean       loket_db_worker_is_current (LoketDbWorker   *self);

/* Blocks the caller (never the database thread itself) until @func has run. */
gboolean       loket_db_worker_run_sync   (LoketDbWorker   *self,
                                           LoketDbWorkFunc  func,
                                           gpointer         data,
                                           gpointer        *result,
                                           GError         **error);

/* Queues @func and returns; @callback runs on the caller's thread-default main context.
 * @data is freed with @data_free after @func ran; an unclaimed result with @result_free. */
void           loket_db_worker_run_async  (LoketDbWorker      *self,
                                           LoketDbWorkFunc     func,
                                           gpointer            data,
                                           GDestroyNotify      data_free,
                                           GDestroyNotify      result_free,
                                           gpointer            source_object,
                                           gpointer            source_tag,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
/* Takes the result of run_async (transfer full) or returns FALSE with the error. */
gboolean       loket_db_worker_run_finish (GAsyncResult  *result,
                                           gpointer      *out,
                                           GError       **error);

G_END_DECLS
