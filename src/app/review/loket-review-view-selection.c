// SPDX-License-Identifier: GPL-3.0-or-later
// The review view's text selection and region drags: a drag on a page selects its text (asked of
// the render queue's worker, which owns poppler) or, in region mode, marks a region for a comment.

#include "config.h"

#include <math.h>

#include "loket-review-view-private.h"

typedef struct
{
  guint        page;
  LoketDocRect area;
  gboolean     want_text;
} SelectionJob;

typedef struct
{
  GArray *rects;
  char   *text;
} SelectionResult;

static void
selection_result_free (SelectionResult *result)
{
  g_clear_pointer (&result->rects, g_array_unref);
  g_free (result->text);
  g_free (result);
}

static gpointer
select_on_worker (LoketPdfDocument *doc, gpointer data, GCancellable *cancellable, GError **error)
{
  SelectionJob    *job = data;
  SelectionResult *result = g_new0 (SelectionResult, 1);

  result->rects = loket_pdf_document_get_selection (doc, job->page, &job->area);
  if (job->want_text)
    result->text = loket_pdf_document_get_text (doc, job->page, &job->area);
  return result;
}

static void request_selection (LoketReviewView *self, gboolean want_text);

static void
selection_done_cb (GObject *source, GAsyncResult *res, gpointer user_data)
{
  g_autoptr (LoketReviewView) self = user_data;
  g_autoptr (GError) error = NULL;
  SelectionResult *result = loket_render_queue_run_finish (NULL, res, &error);

  if (result == NULL)
    return;
  self->selection_busy = FALSE;
  g_clear_pointer (&self->selection, g_array_unref);
  self->selection = g_steal_pointer (&result->rects);
  if (result->text != NULL)
    {
      g_free (self->selected_text);
      self->selected_text = g_steal_pointer (&result->text);
      _loket_review_view_notify_has_selection (self);
    }
  selection_result_free (result);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  if (self->selection_dirty)
    request_selection (self, !self->dragging);
}

static void
request_selection (LoketReviewView *self, gboolean want_text)
{
  SelectionJob *job;

  if (self->queue == NULL)
    return;
  if (self->selection_busy && !want_text)
    {
      self->selection_dirty = TRUE;
      return;
    }
  self->selection_dirty = FALSE;
  self->selection_busy = TRUE;
  job = g_new0 (SelectionJob, 1);
  job->page = self->drag_page;
  job->area = (LoketDocRect){ self->drag_x0, self->drag_y0, self->drag_x1 - self->drag_x0,
                              self->drag_y1 - self->drag_y0 };
  job->want_text = want_text;
  self->selection_page = self->drag_page;
  loket_render_queue_run_async (self->queue, LOKET_RENDER_PRIORITY_VISIBLE, select_on_worker, job,
                                g_free, (GDestroyNotify) selection_result_free, self->cancellable,
                                selection_done_cb, g_object_ref (self));
}

static void
clear_selection (LoketReviewView *self)
{
  gboolean had = self->selected_text != NULL && *self->selected_text != '\0';

  g_clear_pointer (&self->selection, g_array_unref);
  g_clear_pointer (&self->selected_text, g_free);
  if (had)
    _loket_review_view_notify_has_selection (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_begin_cb (GtkGestureDrag *gesture, double x, double y, LoketReviewView *self)
{
  guint  page;
  double px, py;

  if (!_loket_review_view_widget_to_page (self, x, y, FALSE, &page, &px, &py))
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  gtk_widget_grab_focus (GTK_WIDGET (self));
  self->dragging = TRUE;
  self->drag_page = page;
  self->drag_x0 = self->drag_x1 = px;
  self->drag_y0 = self->drag_y1 = py;
  if (!self->region_mode)
    clear_selection (self);
}

static void
drag_update_cb (GtkGestureDrag *gesture, double dx, double dy, LoketReviewView *self)
{
  double sx, sy, px, py;
  guint  page;

  if (!self->dragging)
    return;
  gtk_gesture_drag_get_start_point (gesture, &sx, &sy);
  if (!_loket_review_view_widget_to_page (self, sx + dx, sy + dy, TRUE, &page, &px, &py))
    return;
  if (page != self->drag_page)
    {
      /* A selection stays on the page it began on. */
      double w, h;

      loket_pdf_document_get_page_size (_loket_review_view_get_doc (self), self->drag_page, &w, &h);
      py = page > self->drag_page ? h : 0;
    }
  self->drag_x1 = px;
  self->drag_y1 = py;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  if (self->region_mode)
    gtk_widget_queue_draw (GTK_WIDGET (self));
  else
    request_selection (self, FALSE);
}

static void
drag_end_cb (GtkGestureDrag *gesture, double dx, double dy, LoketReviewView *self)
{
  double x, y, w, h;

  if (!self->dragging)
    return;
  drag_update_cb (gesture, dx, dy, self);
  self->dragging = FALSE;
  x = MIN (self->drag_x0, self->drag_x1);
  y = MIN (self->drag_y0, self->drag_y1);
  w = fabs (self->drag_x1 - self->drag_x0);
  h = fabs (self->drag_y1 - self->drag_y0);
  if (self->region_mode)
    {
      gtk_widget_queue_draw (GTK_WIDGET (self));
      if (w >= 2 && h >= 2)
        _loket_review_view_emit_region_selected (self, self->drag_page, x, y, w, h);
      return;
    }
  if (w < 1 && h < 1)
    return; /* a click */
  request_selection (self, TRUE);
}

void
_loket_review_view_add_drag (LoketReviewView *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (drag_end_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
}

const char *
loket_review_view_get_selected_text (LoketReviewView *self)
{
  g_return_val_if_fail (LOKET_IS_REVIEW_VIEW (self), "");
  return self->selected_text != NULL ? self->selected_text : "";
}

void
loket_review_view_select_area (LoketReviewView *self,
                               guint            page,
                               double           x,
                               double           y,
                               double           width,
                               double           height)
{
  g_return_if_fail (LOKET_IS_REVIEW_VIEW (self));

  if (page >= _loket_review_view_n_pages (self))
    return;
  clear_selection (self);
  self->drag_page = page;
  self->drag_x0 = x;
  self->drag_y0 = y;
  self->drag_x1 = x + width;
  self->drag_y1 = y + height;
  self->selection_busy = FALSE;
  request_selection (self, TRUE);
}

void
loket_review_view_copy (LoketReviewView *self)
{
  g_return_if_fail (LOKET_IS_REVIEW_VIEW (self));

  if (self->selected_text != NULL && *self->selected_text != '\0')
    gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (self)), self->selected_text);
}
