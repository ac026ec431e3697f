// SPDX-License-Identifier: GPL-3.0-or-later
// A review comment drawn over a page of the review pane: where (page, rectangle in PDF points,
// origin top left, page 0-based), what it says, and whether it was resolved.
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define LOKET_TYPE_REVIEW_MARKER (loket_review_marker_get_type ())

G_DECLARE_FINAL_TYPE (LoketReviewMarker, loket_review_marker, LOKET, REVIEW_MARKER, GObject)

LoketReviewMarker *loket_review_marker_new          (guint              page,
                                                     double             x,
                                                     double             y,
                                                     double             width,
                                                     double             height,
                                                     const char        *text,
                                                     gboolean           resolved) G_GNUC_WARN_UNUSED_RESULT;
guint              loket_review_marker_get_page     (LoketReviewMarker *self);
void               loket_review_marker_get_rect     (LoketReviewMarker *self,
                                                     double            *x,
                                                     double            *y,
                                                     double            *width,
                                                     double            *height);
const char        *loket_review_marker_get_text     (LoketReviewMarker *self);
gboolean           loket_review_marker_get_resolved (LoketReviewMarker *self);

G_END_DECLS
