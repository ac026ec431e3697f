// SPDX-License-Identifier: GPL-3.0-or-later
// A text search over every page of a document.

#include "config.h"

#include "loket-find-job.h"

struct _LoketFindJob
{
  GObject parent_instance;

  /* Owned references */
  LoketRenderQueue *queue;
  GCancellable     *cancellable;
  GListStore       *hits;
  char             *text;

  guint    n_pages;
  guint    n_done;
  gboolean finished;
};

G_DEFINE_FINAL_TYPE (LoketFindJob, loket_find_job, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_FINISHED,
  PROP_N_PAGES_DONE,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  guint page;
  char *text;
} PageSearch;

static void
page_search_free (PageSearch *search)
{
  g_free (search->text);
  g_free (search);
}

/* Worker thread: (element LoketSearchHit) */
static gpointer
search_page (LoketPdfDocument *doc, gpointer data, GCancellable *cancellable, GError **error)
{
  PageSearch *search = data;
  g_autoptr (GArray) rects = loket_pdf_document_find_text (doc, search->page, search->text);
  GPtrArray *hits = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < rects->len; i++)
    g_ptr_array_add (hits,
                     loket_search_hit_new (search->page, &g_array_index (rects, LoketDocRect, i)));
  return hits;
}

static void
page_searched_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (LoketFindJob) self = user_data;
  g_autoptr (GPtrArray) hits = NULL;
  g_autoptr (GError) error = NULL;

  hits = loket_render_queue_run_finish (NULL, result, &error);
  if (hits == NULL)
    return; /* cancelled */

  g_list_store_splice (self->hits, g_list_model_get_n_items (G_LIST_MODEL (self->hits)), 0,
                       hits->pdata, hits->len);
  self->n_done++;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PAGES_DONE]);
  if (self->n_done == self->n_pages)
    {
      self->finished = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);
    }
}

static void
loket_find_job_dispose (GObject *object)
{
  LoketFindJob *self = LOKET_FIND_JOB (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->queue);
  G_OBJECT_CLASS (loket_find_job_parent_class)->dispose (object);
}

static void
loket_find_job_finalize (GObject *object)
{
  LoketFindJob *self = LOKET_FIND_JOB (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->hits);
  g_free (self->text);
  G_OBJECT_CLASS (loket_find_job_parent_class)->finalize (object);
}

static void
loket_find_job_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LoketFindJob *self = LOKET_FIND_JOB (object);

  switch (prop_id)
    {
      case PROP_FINISHED:
        g_value_set_boolean (value, self->finished);
        break;
      case PROP_N_PAGES_DONE:
        g_value_set_uint (value, self->n_done);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_find_job_class_init (LoketFindJobClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = loket_find_job_dispose;
  object_class->finalize = loket_find_job_finalize;
  object_class->get_property = loket_find_job_get_property;

  properties[PROP_FINISHED]
    = g_param_spec_boolean ("finished", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PAGES_DONE]
    = g_param_spec_uint ("n-pages-done", NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
loket_find_job_init (LoketFindJob *self)
{
  self->cancellable = g_cancellable_new ();
  self->hits = g_list_store_new (LOKET_TYPE_SEARCH_HIT);
}

LoketFindJob *
loket_find_job_new (LoketRenderQueue *queue, const char *text)
{
  LoketFindJob *self;

  g_return_val_if_fail (LOKET_IS_RENDER_QUEUE (queue), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  self = g_object_new (LOKET_TYPE_FIND_JOB, NULL);
  self->queue = g_object_ref (queue);
  self->text = g_strdup (text);
  self->n_pages = loket_pdf_document_get_n_pages (loket_render_queue_get_document (queue));
  return self;
}

const char *
loket_find_job_get_text (LoketFindJob *self)
{
  g_return_val_if_fail (LOKET_IS_FIND_JOB (self), NULL);
  return self->text;
}

void
loket_find_job_start (LoketFindJob *self)
{
  g_return_if_fail (LOKET_IS_FIND_JOB (self));
  g_return_if_fail (self->queue != NULL);

  for (guint page = 0; page < self->n_pages; page++)
    {
      PageSearch *search = g_new0 (PageSearch, 1);

      search->page = page;
      search->text = g_strdup (self->text);
      loket_render_queue_run_async (self->queue, LOKET_RENDER_PRIORITY_BACKGROUND, search_page,
                                    search, (GDestroyNotify) page_search_free,
                                    (GDestroyNotify) g_ptr_array_unref, self->cancellable,
                                    page_searched_cb, g_object_ref (self));
    }
}

void
loket_find_job_cancel (LoketFindJob *self)
{
  g_return_if_fail (LOKET_IS_FIND_JOB (self));
  g_cancellable_cancel (self->cancellable);
}

GListModel *
loket_find_job_get_hits (LoketFindJob *self)
{
  g_return_val_if_fail (LOKET_IS_FIND_JOB (self), NULL);
  return G_LIST_MODEL (self->hits);
}

guint
loket_find_job_get_n_pages_done (LoketFindJob *self)
{
  g_return_val_if_fail (LOKET_IS_FIND_JOB (self), 0);
  return self->n_done;
}

gboolean
loket_find_job_get_finished (LoketFindJob *self)
{
  g_return_val_if_fail (LOKET_IS_FIND_JOB (self), FALSE);
  return self->finished;
}
