// SPDX-License-Identifier: GPL-3.0-or-later
// The pages of a document one under the other (scroll it in a GtkScrolledWindow): only the
// pages on screen are rendered, with search hits, the text selection and review markers drawn
// over them. Coordinates given to or from it are PDF points, origin top left, pages 0-based.
#pragma once

#include <gtk/gtk.h>

#include "loket-render-queue.h"
#include "loket-search-hit.h"

G_BEGIN_DECLS

typedef enum
{
  LOKET_REVIEW_FIT_NONE,
  LOKET_REVIEW_FIT_WIDTH,
  LOKET_REVIEW_FIT_PAGE,
} LoketReviewFit;

#define LOKET_REVIEW_ZOOM_MIN 0.1
#define LOKET_REVIEW_ZOOM_MAX 4.0

#define LOKET_TYPE_REVIEW_VIEW (loket_review_view_get_type ())

G_DECLARE_FINAL_TYPE (LoketReviewView, loket_review_view, LOKET, REVIEW_VIEW, GtkWidget)

GtkWidget       *loket_review_view_new               (void) G_GNUC_WARN_UNUSED_RESULT;
/* Shows the document of @queue (NULL: nothing), cancelling every request of the previous one. */
void             loket_review_view_set_queue         (LoketReviewView  *self,
                                                      LoketRenderQueue *queue);

guint            loket_review_view_get_page          (LoketReviewView  *self);
/* Scrolls so that the top of @page is at the top of the view. */
void             loket_review_view_set_page          (LoketReviewView  *self,
                                                      guint             page);
/* Pixels per point (1.0 = 100 %). Setting it leaves the fit mode. */
double           loket_review_view_get_zoom          (LoketReviewView  *self);
void             loket_review_view_set_zoom          (LoketReviewView  *self,
                                                      double            zoom);
LoketReviewFit   loket_review_view_get_fit           (LoketReviewView  *self);
void             loket_review_view_set_fit           (LoketReviewView  *self,
                                                      LoketReviewFit    fit);
int              loket_review_view_get_rotation      (LoketReviewView  *self);
void             loket_review_view_set_rotation      (LoketReviewView  *self,
                                                      int               rotation);

/* (element LoketSearchHit) drawn in yellow; @current in orange and scrolled into view. */
void             loket_review_view_set_hits          (LoketReviewView  *self,
                                                      GListModel       *hits);
void             loket_review_view_set_current_hit   (LoketReviewView  *self,
                                                      LoketSearchHit   *current);
/* (element LoketReviewMarker) */
void             loket_review_view_set_markers       (LoketReviewView  *self,
                                                      GListModel       *markers);
/* Dragging selects a region (emits "region-selected") instead of text. */
void             loket_review_view_set_region_mode   (LoketReviewView  *self,
                                                      gboolean          region_mode);
gboolean         loket_review_view_get_region_mode   (LoketReviewView  *self);

/* The selected text ("" when none); copy puts it on the clipboard. */
const char      *loket_review_view_get_selected_text (LoketReviewView  *self);
void             loket_review_view_select_area       (LoketReviewView  *self,
                                                      guint             page,
                                                      double            x,
                                                      double            y,
                                                      double            width,
                                                      double            height);
void             loket_review_view_copy              (LoketReviewView  *self);

/* Where point (@x, @y) of @page (PDF points, origin top left) is in the view's coordinates —
 * e.g. to place a popover over a comment. FALSE when @page does not exist. */
gboolean         loket_review_view_page_to_widget    (LoketReviewView  *self,
                                                      guint             page,
                                                      double            x,
                                                      double            y,
                                                      double           *widget_x,
                                                      double           *widget_y);

/* Monotonic time (µs) at which the first page texture was drawn after set_queue; 0 before. */
gint64           loket_review_view_get_first_paint_time (LoketReviewView *self);
/* Pages that have a texture (for tests). */
guint            loket_review_view_get_n_textures    (LoketReviewView  *self);

G_END_DECLS
