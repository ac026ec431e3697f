// SPDX-License-Identifier: GPL-3.0-or-later
// The one worker thread that makes every poppler call for a document.
//
// Tasks have no source object: the queue may go away while requests are pending (they then
// complete with G_IO_ERROR_CANCELLED), and the worker never drops the last reference to it.

#include "config.h"

#include <math.h>
#include <string.h>

#include "loket-render-queue.h"

#define DEFAULT_CACHE_BYTES (48u * 1024u * 1024u)

typedef struct
{
  LoketRenderPriority priority;
  gboolean            is_render;
  guint               page;
  double              scale;
  int                 rotation;
  LoketDocJobFunc     func;
  gpointer            data;
  GDestroyNotify      data_free;
  GDestroyNotify      result_free;
  GTask              *task;
} Job;

typedef struct
{
  guint            page;
  double           scale;
  int              rotation;
  cairo_surface_t *surface;
  gsize            bytes;
} CacheEntry;

struct _LoketRenderQueue
{
  GObject parent_instance;

  /* Owned references */
  LoketPdfDocument *doc;
  GThread          *thread;

  GMutex     lock; /* guards everything below */
  GCond      cond;
  GPtrArray *pending; /* (element Job) most urgent first */
  gboolean   quit;
  GQueue     cache; /* (element CacheEntry) most recently used first */
  gsize      cache_bytes;
  gsize      cache_max;
  guint      n_rendered;
};

G_DEFINE_FINAL_TYPE (LoketRenderQueue, loket_render_queue, G_TYPE_OBJECT)

static void
job_free (Job *job)
{
  if (job->data_free != NULL && job->data != NULL)
    job->data_free (job->data);
  g_clear_object (&job->task);
  g_free (job);
}

static void
cache_entry_free (CacheEntry *entry)
{
  cairo_surface_destroy (entry->surface);
  g_free (entry);
}

static gboolean
same_render (guint page, double scale, int rotation, const CacheEntry *entry)
{
  return entry->page == page && entry->rotation == rotation && fabs (entry->scale - scale) < 1e-6;
}

/* Called with the lock held. (transfer full) or NULL */
static cairo_surface_t *
cache_lookup (LoketRenderQueue *self, guint page, double scale, int rotation)
{
  for (GList *l = self->cache.head; l != NULL; l = l->next)
    {
      CacheEntry *entry = l->data;

      if (same_render (page, scale, rotation, entry))
        {
          g_queue_unlink (&self->cache, l);
          g_queue_push_head_link (&self->cache, l);
          return cairo_surface_reference (entry->surface);
        }
    }
  return NULL;
}

/* Called with the lock held. */
static void
cache_trim (LoketRenderQueue *self, gsize max)
{
  while (self->cache_bytes > max && self->cache.tail != NULL)
    {
      CacheEntry *entry = g_queue_pop_tail (&self->cache);

      self->cache_bytes -= entry->bytes;
      cache_entry_free (entry);
    }
}

/* Called with the lock held. */
static void
cache_insert (LoketRenderQueue *self,
              guint             page,
              double            scale,
              int               rotation,
              cairo_surface_t  *surface)
{
  CacheEntry *entry;
  gsize       bytes = (gsize) cairo_image_surface_get_stride (surface)
                * (gsize) cairo_image_surface_get_height (surface);

  if (bytes > self->cache_max / 2)
    return;
  entry = g_new0 (CacheEntry, 1);
  entry->page = page;
  entry->scale = scale;
  entry->rotation = rotation;
  entry->surface = cairo_surface_reference (surface);
  entry->bytes = bytes;
  g_queue_push_head (&self->cache, entry);
  self->cache_bytes += bytes;
  cache_trim (self, self->cache_max);
}

static void
run_job (LoketRenderQueue *self, Job *job)
{
  GCancellable *cancellable = g_task_get_cancellable (job->task);
  GError       *error = NULL;
  g_autoptr (LoketPdfDocument) doc = NULL;

  g_mutex_lock (&self->lock);
  doc = self->doc != NULL ? g_object_ref (self->doc) : NULL;
  g_mutex_unlock (&self->lock);

  /* Dropped while it waited: nothing is drawn for it. */
  if (g_task_return_error_if_cancelled (job->task))
    return;

  if (job->is_render)
    {
      cairo_surface_t *surface;

      g_mutex_lock (&self->lock);
      surface = cache_lookup (self, job->page, job->scale, job->rotation);
      g_mutex_unlock (&self->lock);
      if (surface == NULL)
        {
          if (doc == NULL)
            g_set_error_literal (&error, LOKET_DOC_ERROR, LOKET_DOC_ERROR_PAGE,
                                 "No document is loaded");
          else
            surface = loket_pdf_document_render_page (doc, job->page, job->scale, job->rotation,
                                                      cancellable, &error);
          if (surface != NULL)
            {
              g_mutex_lock (&self->lock);
              self->n_rendered++;
              cache_insert (self, job->page, job->scale, job->rotation, surface);
              g_mutex_unlock (&self->lock);
            }
        }
      if (surface != NULL)
        g_task_return_pointer (job->task, surface, (GDestroyNotify) cairo_surface_destroy);
      else
        g_task_return_error (job->task, error);
    }
  else
    {
      gpointer result = job->func (doc, job->data, cancellable, &error);

      if (result != NULL)
        g_task_return_pointer (job->task, result, job->result_free);
      else if (error != NULL)
        g_task_return_error (job->task, error);
      else
        g_task_return_pointer (job->task, NULL, NULL);
    }
}

static gpointer
worker_main (gpointer user_data)
{
  LoketRenderQueue *self = user_data;

  for (;;)
    {
      Job *job;

      g_mutex_lock (&self->lock);
      while (!self->quit && self->pending->len == 0)
        g_cond_wait (&self->cond, &self->lock);
      if (self->quit)
        {
          g_mutex_unlock (&self->lock);
          break;
        }
      job = g_ptr_array_steal_index (self->pending, 0);
      g_mutex_unlock (&self->lock);

      run_job (self, job);
      job_free (job);
    }
  return NULL;
}

static void
push_job (LoketRenderQueue *self, Job *job)
{
  guint i;

  g_mutex_lock (&self->lock);
  for (i = 0; i < self->pending->len; i++)
    if (((Job *) g_ptr_array_index (self->pending, i))->priority > job->priority)
      break;
  g_ptr_array_insert (self->pending, i, job);
  g_cond_signal (&self->cond);
  g_mutex_unlock (&self->lock);
}

static void
loket_render_queue_dispose (GObject *object)
{
  LoketRenderQueue *self = LOKET_RENDER_QUEUE (object);

  if (self->thread != NULL)
    {
      g_autoptr (GPtrArray) left = NULL;

      g_mutex_lock (&self->lock);
      self->quit = TRUE;
      left = g_steal_pointer (&self->pending);
      self->pending = g_ptr_array_new ();
      g_cond_signal (&self->cond);
      g_mutex_unlock (&self->lock);

      g_thread_join (g_steal_pointer (&self->thread));
      for (guint i = 0; i < left->len; i++)
        {
          Job *job = g_ptr_array_index (left, i);

          g_task_return_new_error (job->task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                   "The document was closed");
          job_free (job);
        }
    }
  G_OBJECT_CLASS (loket_render_queue_parent_class)->dispose (object);
}

static void
loket_render_queue_finalize (GObject *object)
{
  LoketRenderQueue *self = LOKET_RENDER_QUEUE (object);

  g_queue_clear_full (&self->cache, (GDestroyNotify) cache_entry_free);
  g_ptr_array_unref (self->pending);
  g_clear_object (&self->doc);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);
  G_OBJECT_CLASS (loket_render_queue_parent_class)->finalize (object);
}

static void
loket_render_queue_class_init (LoketRenderQueueClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = loket_render_queue_dispose;
  object_class->finalize = loket_render_queue_finalize;
}

static void
loket_render_queue_init (LoketRenderQueue *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  g_queue_init (&self->cache);
  self->pending = g_ptr_array_new ();
  self->cache_max = DEFAULT_CACHE_BYTES;
}

LoketRenderQueue *
loket_render_queue_new (LoketPdfDocument *doc)
{
  LoketRenderQueue *self;

  g_return_val_if_fail (doc == NULL || LOKET_IS_PDF_DOCUMENT (doc), NULL);

  self = g_object_new (LOKET_TYPE_RENDER_QUEUE, NULL);
  self->doc = doc != NULL ? g_object_ref (doc) : NULL;
  self->thread = g_thread_new ("loket-render", worker_main, self);
  return self;
}

LoketPdfDocument *
loket_render_queue_get_document (LoketRenderQueue *self)
{
  LoketPdfDocument *doc;

  g_return_val_if_fail (LOKET_IS_RENDER_QUEUE (self), NULL);

  g_mutex_lock (&self->lock);
  doc = self->doc;
  g_mutex_unlock (&self->lock);
  return doc;
}

typedef struct
{
  LoketRenderQueue *queue; /* unowned: the queue finishes its jobs before it goes */
  GBytes           *bytes;
  GFile            *file;
  char             *password;
} LoadJob;

static void
load_job_free (LoadJob *job)
{
  g_clear_pointer (&job->bytes, g_bytes_unref);
  g_clear_object (&job->file);
  if (job->password != NULL)
    memset (job->password, 0, strlen (job->password));
  g_free (job->password);
  g_free (job);
}

/* Worker thread */
static gpointer
load_on_worker (LoketPdfDocument *unused, gpointer data, GCancellable *cancellable, GError **error)
{
  LoadJob          *job = data;
  LoketPdfDocument *doc;

  if (job->file != NULL)
    doc = loket_pdf_document_new_from_file (job->file, job->password, cancellable, error);
  else
    doc = loket_pdf_document_new_from_bytes (job->bytes, job->password, error);
  if (doc == NULL)
    return NULL;

  g_mutex_lock (&job->queue->lock);
  g_set_object (&job->queue->doc, doc);
  g_mutex_unlock (&job->queue->lock);
  return doc;
}

void
loket_render_queue_load_async (LoketRenderQueue   *self,
                               GBytes             *bytes,
                               GFile              *file,
                               const char         *password,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  LoadJob *job;

  g_return_if_fail (LOKET_IS_RENDER_QUEUE (self));
  g_return_if_fail ((bytes == NULL) != (file == NULL));

  job = g_new0 (LoadJob, 1);
  job->queue = self;
  job->bytes = bytes != NULL ? g_bytes_ref (bytes) : NULL;
  job->file = file != NULL ? g_object_ref (file) : NULL;
  job->password = g_strdup (password);
  loket_render_queue_run_async (self, LOKET_RENDER_PRIORITY_VISIBLE, load_on_worker, job,
                                (GDestroyNotify) load_job_free, g_object_unref, cancellable,
                                callback, user_data);
}

LoketPdfDocument *
loket_render_queue_load_finish (LoketRenderQueue *self, GAsyncResult *result, GError **error)
{
  return loket_render_queue_run_finish (self, result, error);
}

void
loket_render_queue_render_async (LoketRenderQueue   *self,
                                 guint               page,
                                 double              scale,
                                 int                 rotation,
                                 LoketRenderPriority priority,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  cairo_surface_t *cached;
  Job             *job;

  g_return_if_fail (LOKET_IS_RENDER_QUEUE (self));
  g_return_if_fail (scale > 0);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, loket_render_queue_render_async);
  rotation = ((rotation % 360) + 360) % 360 / 90 * 90;

  g_mutex_lock (&self->lock);
  cached = cache_lookup (self, page, scale, rotation);
  g_mutex_unlock (&self->lock);
  if (cached != NULL)
    {
      g_task_return_pointer (task, cached, (GDestroyNotify) cairo_surface_destroy);
      return;
    }

  job = g_new0 (Job, 1);
  job->priority = priority;
  job->is_render = TRUE;
  job->page = page;
  job->scale = scale;
  job->rotation = rotation;
  job->task = g_steal_pointer (&task);
  push_job (self, job);
}

cairo_surface_t *
loket_render_queue_render_finish (LoketRenderQueue *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == loket_render_queue_render_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
loket_render_queue_run_async (LoketRenderQueue   *self,
                              LoketRenderPriority priority,
                              LoketDocJobFunc     func,
                              gpointer            data,
                              GDestroyNotify      data_free,
                              GDestroyNotify      result_free,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  Job *job;

  g_return_if_fail (LOKET_IS_RENDER_QUEUE (self));
  g_return_if_fail (func != NULL);

  job = g_new0 (Job, 1);
  job->priority = priority;
  job->func = func;
  job->data = data;
  job->data_free = data_free;
  job->result_free = result_free;
  job->task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, loket_render_queue_run_async);
  push_job (self, job);
}

gpointer
loket_render_queue_run_finish (LoketRenderQueue *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == loket_render_queue_run_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
loket_render_queue_set_cache_size (LoketRenderQueue *self, gsize bytes)
{
  g_return_if_fail (LOKET_IS_RENDER_QUEUE (self));

  g_mutex_lock (&self->lock);
  self->cache_max = bytes;
  cache_trim (self, bytes);
  g_mutex_unlock (&self->lock);
}

guint
loket_render_queue_get_n_rendered (LoketRenderQueue *self)
{
  guint n;

  g_return_val_if_fail (LOKET_IS_RENDER_QUEUE (self), 0);

  g_mutex_lock (&self->lock);
  n = self->n_rendered;
  g_mutex_unlock (&self->lock);
  return n;
}
