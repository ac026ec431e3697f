// SPDX-License-Identifier: GPL-3.0-or-later
// The draft editor's live preview: render and rasterise in a GTask thread.

#include "config.h"

#include <poppler.h>

#include "loket-draft-render.h"
#include "loket-error.h"
#include "loket-letter-renderer.h"

/* poppler-glib 22.12 has no autoptr cleanup functions */
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerDocument, g_object_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PopplerPage, g_object_unref)

typedef struct
{
  LoketLetterDraft *draft; /* a copy only the thread uses */
  char             *letter_id;
  double            scale;
} RenderJob;

/* What the thread hands back: the PDF and each page's pixels (cairo ARGB32 = GDK's default). */
typedef struct
{
  GBytes *pdf;
  GArray *pixels; /* (element Pixels) */
} RenderOutput;

typedef struct
{
  GBytes *bytes;
  int     width;
  int     height;
  int     stride;
} Pixels;

static void
render_job_free (RenderJob *job)
{
  g_clear_object (&job->draft);
  g_free (job->letter_id);
  g_free (job);
}

static void
pixels_clear (Pixels *pixels)
{
  g_clear_pointer (&pixels->bytes, g_bytes_unref);
}

static void
render_output_free (RenderOutput *output)
{
  g_clear_pointer (&output->pdf, g_bytes_unref);
  g_clear_pointer (&output->pixels, g_array_unref);
  g_free (output);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RenderOutput, render_output_free)

void
loket_draft_render_free (LoketDraftRender *render)
{
  if (render == NULL)
    return;
  g_clear_pointer (&render->pdf, g_bytes_unref);
  g_clear_pointer (&render->pages, g_ptr_array_unref);
  g_free (render);
}

static gboolean
rasterise (RenderOutput *output, double scale, GCancellable *cancellable, GError **error)
{
  g_autoptr (PopplerDocument) doc = poppler_document_new_from_bytes (output->pdf, NULL, error);
  int n;

  if (doc == NULL)
    return FALSE;
  n = poppler_document_get_n_pages (doc);
  for (int i = 0; i < n; i++)
    {
      g_autoptr (PopplerPage) page = NULL;
      cairo_surface_t *surface;
      cairo_t         *cr;
      double           width, height;
      Pixels           pixels = { 0 };

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      page = poppler_document_get_page (doc, i);
      poppler_page_get_size (page, &width, &height);
      pixels.width = MAX (1, (int) (width * scale + 0.5));
      pixels.height = MAX (1, (int) (height * scale + 0.5));
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, pixels.width, pixels.height);
      cr = cairo_create (surface);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_paint (cr);
      cairo_scale (cr, scale, scale);
      poppler_page_render (page, cr);
      cairo_destroy (cr);
      cairo_surface_flush (surface);
      pixels.stride = cairo_image_surface_get_stride (surface);
      pixels.bytes = g_bytes_new (cairo_image_surface_get_data (surface),
                                  (gsize) pixels.stride * pixels.height);
      cairo_surface_destroy (surface);
      g_array_append_val (output->pixels, pixels);
    }
  return TRUE;
}

static void
render_thread (GTask *task, gpointer source, gpointer task_data, GCancellable *cancellable)
{
  RenderJob *job = task_data;
  g_autoptr (RenderOutput) output = g_new0 (RenderOutput, 1);
  g_autoptr (LoketLetter) letter = NULL;
  GError *error = NULL;

  output->pixels = g_array_new (FALSE, TRUE, sizeof (Pixels));
  g_array_set_clear_func (output->pixels, (GDestroyNotify) pixels_clear);
  letter = loket_letter_draft_build_letter (job->draft, job->letter_id, &error);
  if (letter != NULL && !g_cancellable_set_error_if_cancelled (cancellable, &error))
    output->pdf = loket_letter_render (letter, loket_letter_draft_get_paper (job->draft), &error);
  if (output->pdf == NULL || !rasterise (output, job->scale, cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&output), (GDestroyNotify) render_output_free);
}

void
loket_draft_render_async (LoketLetterDraft   *draft,
                          const char         *letter_id,
                          double              scale,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  RenderJob *job;

  g_return_if_fail (LOKET_IS_LETTER_DRAFT (draft));
  g_return_if_fail (scale > 0);

  job = g_new0 (RenderJob, 1);
  job->draft = loket_letter_draft_copy (draft);
  job->letter_id = g_strdup (letter_id);
  job->scale = scale;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, loket_draft_render_async);
  g_task_set_task_data (task, job, (GDestroyNotify) render_job_free);
  g_task_run_in_thread (task, render_thread);
}

LoketDraftRender *
loket_draft_render_finish (GAsyncResult *result, GError **error)
{
  g_autoptr (RenderOutput) output = NULL;
  LoketDraftRender *render;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  output = g_task_propagate_pointer (G_TASK (result), error);
  if (output == NULL)
    return NULL;
  /* Textures are made here, on the main thread, from the thread's pixels (no copy). */
  render = g_new0 (LoketDraftRender, 1);
  render->pdf = g_steal_pointer (&output->pdf);
  render->pages = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < output->pixels->len; i++)
    {
      Pixels *p = &g_array_index (output->pixels, Pixels, i);

      g_ptr_array_add (render->pages,
                       gdk_memory_texture_new (p->width, p->height, GDK_MEMORY_DEFAULT, p->bytes,
                                               (gsize) p->stride));
    }
  return render;
}
