// SPDX-License-Identifier: GPL-3.0-or-later
// What the review view's files share: the instance, its page boxes and the helpers the selection
// (loket-review-view-selection.c) needs from the layout (loket-review-view.c).
#pragma once

#include "loket-review-view.h"

G_BEGIN_DECLS

#define MARGIN 16.0
#define SPACING 16.0
#define PRELOAD_PAGES 2
#define KEEP_PAGES 4

typedef struct
{
  double x, y, width, height; /* content pixels */
} PageBox;

typedef struct
{
  GdkTexture   *texture;
  double        texture_scale;
  int           texture_rotation;
  GCancellable *pending;
  double        pending_scale;
  int           pending_rotation;
} PageState;

struct _LoketReviewView
{
  GtkWidget parent_instance;

  /* Owned references */
  LoketRenderQueue *queue;
  GtkAdjustment    *hadj;
  GtkAdjustment    *vadj;
  GCancellable     *cancellable; /* every request for the current document */
  GHashTable       *pages;       /* page → PageState */
  GListModel       *hits;
  LoketSearchHit   *current_hit;
  GListModel       *markers;
  GArray           *selection; /* (element LoketDocRect) on selection_page */
  char             *selected_text;

  GArray        *layout; /* (element PageBox) */
  double         content_width;
  double         content_height;
  double         zoom;
  LoketReviewFit fit;
  int            rotation;
  guint          current_page;
  guint          selection_page;
  guint          update_id;
  gint64         first_paint_time;

  /* Drag (selection or region), in points on drag_page */
  guint  drag_page;
  double drag_x0, drag_y0, drag_x1, drag_y1;

  guint hscroll_policy : 1;
  guint vscroll_policy : 1;
  guint region_mode : 1;
  guint dragging : 1;
  guint selection_busy : 1;
  guint selection_dirty : 1;
  guint zoom_changed : 1;
};

/* loket-review-view.c */
guint             _loket_review_view_n_pages (LoketReviewView *self);
LoketPdfDocument *_loket_review_view_get_doc (LoketReviewView *self);
/* The page under widget point (@x, @y) and the point in PDF points on it; @nearest: the nearest
 * page when between pages. */
gboolean _loket_review_view_widget_to_page (LoketReviewView *self,
                                            double           x,
                                            double           y,
                                            gboolean         nearest,
                                            guint           *page,
                                            double          *px,
                                            double          *py);
void     _loket_review_view_notify_has_selection (LoketReviewView *self);
void     _loket_review_view_emit_region_selected (LoketReviewView *self,
                                                  guint            page,
                                                  double           x,
                                                  double           y,
                                                  double           width,
                                                  double           height);

/* loket-review-view-selection.c */
void _loket_review_view_add_drag (LoketReviewView *self);

G_END_DECLS
