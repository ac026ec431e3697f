// SPDX-License-Identifier: GPL-3.0-or-later
// A review comment drawn over a page of the review pane.

#include "config.h"

#include "loket-review-marker.h"

struct _LoketReviewMarker
{
  GObject parent_instance;

  guint    page;
  double   x, y, width, height;
  char    *text;
  gboolean resolved;
};

G_DEFINE_FINAL_TYPE (LoketReviewMarker, loket_review_marker, G_TYPE_OBJECT)

static void
loket_review_marker_finalize (GObject *object)
{
  g_free (LOKET_REVIEW_MARKER (object)->text);
  G_OBJECT_CLASS (loket_review_marker_parent_class)->finalize (object);
}

static void
loket_review_marker_class_init (LoketReviewMarkerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = loket_review_marker_finalize;
}

static void
loket_review_marker_init (LoketReviewMarker *self)
{
}

LoketReviewMarker *
loket_review_marker_new (guint       page,
                         double      x,
                         double      y,
                         double      width,
                         double      height,
                         const char *text,
                         gboolean    resolved)
{
  LoketReviewMarker *self = g_object_new (LOKET_TYPE_REVIEW_MARKER, NULL);

  self->page = page;
  self->x = x;
  self->y = y;
  self->width = MAX (width, 0);
  self->height = MAX (height, 0);
  self->text = g_strdup (text != NULL ? text : "");
  self->resolved = resolved;
  return self;
}

guint
loket_review_marker_get_page (LoketReviewMarker *self)
{
  g_return_val_if_fail (LOKET_IS_REVIEW_MARKER (self), 0);
  return self->page;
}

void
loket_review_marker_get_rect (LoketReviewMarker *self,
                              double            *x,
                              double            *y,
                              double            *width,
                              double            *height)
{
  g_return_if_fail (LOKET_IS_REVIEW_MARKER (self));
  if (x != NULL)
    *x = self->x;
  if (y != NULL)
    *y = self->y;
  if (width != NULL)
    *width = self->width;
  if (height != NULL)
    *height = self->height;
}

const char *
loket_review_marker_get_text (LoketReviewMarker *self)
{
  g_return_val_if_fail (LOKET_IS_REVIEW_MARKER (self), NULL);
  return self->text;
}

gboolean
loket_review_marker_get_resolved (LoketReviewMarker *self)
{
  g_return_val_if_fail (LOKET_IS_REVIEW_MARKER (self), FALSE);
  return self->resolved;
}
