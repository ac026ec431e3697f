// SPDX-License-Identifier: GPL-3.0-or-later
// The one worker thread that makes every poppler call for a document: page renders (with a
// small cache) and any other job (search, text, signatures), most urgent first. GTK-free.
#pragma once

#include <cairo.h>
#include <gio/gio.h>

#include "loket-pdf-document.h"

G_BEGIN_DECLS

/* Lower runs first; jobs of one priority run in the order they were queued. */
typedef enum
{
  LOKET_RENDER_PRIORITY_VISIBLE,   /* pages on screen */
  LOKET_RENDER_PRIORITY_PRELOAD,   /* pages next to the screen */
  LOKET_RENDER_PRIORITY_THUMBNAIL, /* sidebar */
  LOKET_RENDER_PRIORITY_BACKGROUND, /* search, signatures, text */
} LoketRenderPriority;

/* A job run on the worker thread. Returns a result freed with the run call's @result_free, or
 * NULL and sets @error. */
typedef gpointer (*LoketDocJobFunc) (LoketPdfDocument *doc,
                                     gpointer          data,
                                     GCancellable     *cancellable,
                                     GError          **error);

#define LOKET_TYPE_RENDER_QUEUE (loket_render_queue_get_type ())

G_DECLARE_FINAL_TYPE (LoketRenderQueue, loket_render_queue, LOKET, RENDER_QUEUE, GObject)

/* Starts the worker for @doc, or for no document yet (NULL: load one with load_async, so that
 * opening it runs on the worker too). Disposing the queue cancels what is pending and joins
 * the worker. */
LoketRenderQueue *loket_render_queue_new            (LoketPdfDocument *doc) G_GNUC_WARN_UNUSED_RESULT;
/* (nullable) (transfer none) */
LoketPdfDocument *loket_render_queue_get_document   (LoketRenderQueue *self);
/* Reads (@file) or takes (@bytes; exactly one of the two) and parses the document on the
 * worker; on success it becomes the queue's document. Errors: LOKET_DOC_ERROR (see
 * loket-pdf-document.h), G_IO_ERROR. */
void              loket_render_queue_load_async     (LoketRenderQueue   *self,
                                                     GBytes             *bytes,
                                                     GFile              *file,
                                                     const char         *password,
                                                     GCancellable       *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer            user_data);
/* (transfer full) */
LoketPdfDocument *loket_render_queue_load_finish    (LoketRenderQueue   *self,
                                                     GAsyncResult       *result,
                                                     GError            **error) G_GNUC_WARN_UNUSED_RESULT;

/* @page at @scale (pixels per point), turned by @rotation degrees clockwise. A pending request
 * whose @cancellable is cancelled is dropped without rendering (G_IO_ERROR_CANCELLED). */
void             loket_render_queue_render_async    (LoketRenderQueue   *self,
                                                     guint               page,
                                                     double              scale,
                                                     int                 rotation,
                                                     LoketRenderPriority priority,
                                                     GCancellable       *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer            user_data);
/* (transfer full): an ARGB32 image surface */
cairo_surface_t *loket_render_queue_render_finish   (LoketRenderQueue   *self,
                                                     GAsyncResult       *result,
                                                     GError            **error) G_GNUC_WARN_UNUSED_RESULT;

/* Runs @func (@data) on the worker. @data_free frees @data afterwards (any thread). */
void             loket_render_queue_run_async       (LoketRenderQueue   *self,
                                                     LoketRenderPriority priority,
                                                     LoketDocJobFunc     func,
                                                     gpointer            data,
                                                     GDestroyNotify      data_free,
                                                     GDestroyNotify      result_free,
                                                     GCancellable       *cancellable,
                                                     GAsyncReadyCallback callback,
                                                     gpointer            user_data);
gpointer         loket_render_queue_run_finish      (LoketRenderQueue   *self,
                                                     GAsyncResult       *result,
                                                     GError            **error);

/* Cache of rendered pages (least recently used go first); 0 turns it off. Default 48 MiB. */
void             loket_render_queue_set_cache_size  (LoketRenderQueue   *self,
                                                     gsize               bytes);
/* How many times poppler/cairo actually drew a page (cache hits and dropped requests do not
 * count). For tests. */
guint            loket_render_queue_get_n_rendered  (LoketRenderQueue   *self);

G_END_DECLS
