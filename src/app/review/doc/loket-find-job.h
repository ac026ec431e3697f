// SPDX-License-Identifier: GPL-3.0-or-later
// A text search over every page of a document, one page per background job on the render
// queue (so visible pages keep rendering first). Hits arrive in page order on the main loop.
// Case and diacritics are ignored. GTK-free.
#pragma once

#include <gio/gio.h>

#include "loket-render-queue.h"
#include "loket-search-hit.h"

G_BEGIN_DECLS

#define LOKET_TYPE_FIND_JOB (loket_find_job_get_type ())

G_DECLARE_FINAL_TYPE (LoketFindJob, loket_find_job, LOKET, FIND_JOB, GObject)

LoketFindJob *loket_find_job_new          (LoketRenderQueue *queue,
                                           const char       *text) G_GNUC_WARN_UNUSED_RESULT;
const char   *loket_find_job_get_text     (LoketFindJob     *self);
/* Queues every page; "finished" turns TRUE (notify) when the last page has been searched. */
void          loket_find_job_start        (LoketFindJob     *self);
/* Drops the pages not searched yet; "finished" stays FALSE. */
void          loket_find_job_cancel       (LoketFindJob     *self);
/* (element LoketSearchHit) grows while the search runs. (transfer none) */
GListModel   *loket_find_job_get_hits     (LoketFindJob     *self);
guint         loket_find_job_get_n_pages_done (LoketFindJob *self);
gboolean      loket_find_job_get_finished (LoketFindJob     *self);

G_END_DECLS
