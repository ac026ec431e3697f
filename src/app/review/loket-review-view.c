// SPDX-License-Identifier: GPL-3.0-or-later
// The pages of a document one under the other; only the pages on screen are rendered.
//
// One widget draws every page (no widget per page): the layout is an array of page boxes in
// content pixels, the widget is GtkScrollable, and each page keeps at most one texture (zero-copy
// from the render queue's surface). Pages on screen are requested first (VISIBLE), their
// neighbours next (PRELOAD); requests for pages that left the screen are cancelled and textures
// further than KEEP_PAGES away are dropped.

#include "config.h"

#include <math.h>

#include "loket-review-marker.h"
#include "loket-review-texture.h"
#include "loket-review-view.h"
#include "loket-review-view-private.h"

static void loket_review_view_scrollable_init (GtkScrollableInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (LoketReviewView,
                               loket_review_view,
                               GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE,
                                                      loket_review_view_scrollable_init))

enum
{
  PROP_0,
  PROP_PAGE,
  PROP_ZOOM,
  PROP_FIT,
  PROP_ROTATION,
  PROP_HAS_SELECTION,
  N_PROPS,
  /* GtkScrollable */
  PROP_HADJUSTMENT,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

enum
{
  SIGNAL_REGION_SELECTED,
  N_SIGNALS,
};

static GParamSpec *properties[N_PROPS];
static guint       signals[N_SIGNALS];

static void queue_update (LoketReviewView *self);

static void
page_state_free (PageState *state)
{
  g_cancellable_cancel (state->pending);
  g_clear_object (&state->pending);
  g_clear_object (&state->texture);
  g_free (state);
}

guint
_loket_review_view_n_pages (LoketReviewView *self)
{
  return self->layout->len;
}

LoketPdfDocument *
_loket_review_view_get_doc (LoketReviewView *self)
{
  return self->queue != NULL ? loket_render_queue_get_document (self->queue) : NULL;
}

/* Size of @page in points as shown (rotation applied). */
static void
rotated_size (LoketReviewView *self, guint page, double *width, double *height)
{
  double w, h;

  loket_pdf_document_get_page_size (_loket_review_view_get_doc (self), page, &w, &h);
  if (self->rotation == 90 || self->rotation == 270)
    *width = h, *height = w;
  else
    *width = w, *height = h;
}

/* The left edge of the content in widget coordinates (pages are centred when narrower). */
static double
content_origin_x (LoketReviewView *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));

  if (self->content_width < width)
    return floor ((width - self->content_width) / 2);
  return -gtk_adjustment_get_value (self->hadj);
}

static double
content_origin_y (LoketReviewView *self)
{
  return -gtk_adjustment_get_value (self->vadj);
}

/* Unrotated page point → rotated page point (both in points). */
static void
rotate_point (LoketReviewView *self, guint page, double px, double py, double *rx, double *ry)
{
  double w, h;

  loket_pdf_document_get_page_size (_loket_review_view_get_doc (self), page, &w, &h);
  switch (self->rotation)
    {
      case 90:
        *rx = h - py, *ry = px;
        break;
      case 180:
        *rx = w - px, *ry = h - py;
        break;
      case 270:
        *rx = py, *ry = w - px;
        break;
      default:
        *rx = px, *ry = py;
    }
}

static void
unrotate_point (LoketReviewView *self, guint page, double rx, double ry, double *px, double *py)
{
  double w, h;

  loket_pdf_document_get_page_size (_loket_review_view_get_doc (self), page, &w, &h);
  switch (self->rotation)
    {
      case 90:
        *py = h - rx, *px = ry;
        break;
      case 180:
        *px = w - rx, *py = h - ry;
        break;
      case 270:
        *py = rx, *px = w - ry;
        break;
      default:
        *px = rx, *py = ry;
    }
}

/* A rectangle in page points → widget coordinates. */
static graphene_rect_t
page_rect_to_widget (LoketReviewView *self, guint page, const LoketDocRect *rect)
{
  const PageBox *box = &g_array_index (self->layout, PageBox, page);
  double         x1, y1, x2, y2;

  rotate_point (self, page, rect->x, rect->y, &x1, &y1);
  rotate_point (self, page, rect->x + rect->width, rect->y + rect->height, &x2, &y2);
  return GRAPHENE_RECT_INIT (content_origin_x (self) + box->x + MIN (x1, x2) * self->zoom,
                             content_origin_y (self) + box->y + MIN (y1, y2) * self->zoom,
                             fabs (x2 - x1) * self->zoom, fabs (y2 - y1) * self->zoom);
}

/* The page under widget point (@x, @y) and the point on it, clamped to the page; FALSE when
 * the point is between pages and @nearest is FALSE. */
gboolean
_loket_review_view_widget_to_page (LoketReviewView *self,
                                   double           x,
                                   double           y,
                                   gboolean         nearest,
                                   guint           *page,
                                   double          *px,
                                   double          *py)
{
  double cx = x - content_origin_x (self);
  double cy = y - content_origin_y (self);
  guint  best = 0;

  if (_loket_review_view_n_pages (self) == 0)
    return FALSE;
  for (guint i = 0; i < _loket_review_view_n_pages (self); i++)
    {
      const PageBox *box = &g_array_index (self->layout, PageBox, i);

      if (cy >= box->y - SPACING / 2)
        best = i;
    }
  {
    const PageBox *box = &g_array_index (self->layout, PageBox, best);
    double         rx = (cx - box->x) / self->zoom;
    double         ry = (cy - box->y) / self->zoom;
    double         w = box->width / self->zoom, h = box->height / self->zoom;

    if (!nearest && (rx < 0 || ry < 0 || rx > w || ry > h))
      return FALSE;
    rx = CLAMP (rx, 0, w);
    ry = CLAMP (ry, 0, h);
    *page = best;
    unrotate_point (self, best, rx, ry, px, py);
  }
  return TRUE;
}

static double
fit_zoom (LoketReviewView *self, LoketReviewFit fit)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self)) - 2 * MARGIN;
  double height = gtk_widget_get_height (GTK_WIDGET (self)) - 2 * MARGIN;
  double max_w = 1, max_h = 1;

  for (guint i = 0; i < _loket_review_view_n_pages (self); i++)
    {
      double w, h;

      rotated_size (self, i, &w, &h);
      max_w = MAX (max_w, w);
      max_h = MAX (max_h, h);
    }
  if (width < 50 || height < 50)
    return self->zoom;
  if (fit == LOKET_REVIEW_FIT_PAGE)
    return CLAMP (MIN (width / max_w, height / max_h), LOKET_REVIEW_ZOOM_MIN,
                  LOKET_REVIEW_ZOOM_MAX);
  return CLAMP (width / max_w, LOKET_REVIEW_ZOOM_MIN, LOKET_REVIEW_ZOOM_MAX);
}

static void
compute_layout (LoketReviewView *self)
{
  LoketPdfDocument *doc = _loket_review_view_get_doc (self);
  guint             count = doc != NULL ? loket_pdf_document_get_n_pages (doc) : 0;
  double            y = MARGIN;
  double            max_w = 0;

  g_array_set_size (self->layout, count);
  for (guint i = 0; i < count; i++)
    {
      PageBox *box = &g_array_index (self->layout, PageBox, i);
      double   w, h;

      rotated_size (self, i, &w, &h);
      box->width = round (w * self->zoom);
      box->height = round (h * self->zoom);
      box->y = y;
      y += box->height + SPACING;
      max_w = MAX (max_w, box->width);
    }
  for (guint i = 0; i < count; i++)
    {
      PageBox *box = &g_array_index (self->layout, PageBox, i);

      box->x = MARGIN + floor ((max_w - box->width) / 2);
    }
  self->content_width = max_w + 2 * MARGIN;
  self->content_height = count > 0 ? y - SPACING + MARGIN : 0;
}

static void
configure_adjustments (LoketReviewView *self)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  if (self->hadj != NULL)
    gtk_adjustment_configure (
      self->hadj,
      CLAMP (gtk_adjustment_get_value (self->hadj), 0, MAX (0, self->content_width - width)), 0,
      MAX (self->content_width, width), 40, width * 0.9, width);
  if (self->vadj != NULL)
    gtk_adjustment_configure (
      self->vadj,
      CLAMP (gtk_adjustment_get_value (self->vadj), 0, MAX (0, self->content_height - height)), 0,
      MAX (self->content_height, height), 40, height * 0.9, height);
}

static void
update_current_page (LoketReviewView *self)
{
  double probe
    = gtk_adjustment_get_value (self->vadj) + gtk_widget_get_height (GTK_WIDGET (self)) / 3.0;
  guint page = 0;

  for (guint i = 0; i < _loket_review_view_n_pages (self); i++)
    if (g_array_index (self->layout, PageBox, i).y - SPACING <= probe)
      page = i;
  /* Where the view cannot scroll further down (the end, or a document that fits), pages cannot
   * reach the top: the one chosen last (go to page, a thumbnail) stays current. */
  if (_loket_review_view_n_pages (self) > 0
      && gtk_adjustment_get_value (self->vadj) + gtk_adjustment_get_page_size (self->vadj)
           >= self->content_height - 1)
    page = MAX (page, self->current_page);
  if (page != self->current_page)
    {
      self->current_page = page;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
    }
}

/* Re-lays out after a zoom or rotation change, keeping the point at the top of the view on
 * the same spot of the same page. */
static void
relayout_keeping_anchor (LoketReviewView *self, gboolean in_allocation)
{
  guint  anchor_page = self->current_page;
  double fraction = 0;

  if (anchor_page < _loket_review_view_n_pages (self))
    {
      const PageBox *box = &g_array_index (self->layout, PageBox, anchor_page);

      fraction = (gtk_adjustment_get_value (self->vadj) - box->y) / MAX (box->height, 1);
    }
  compute_layout (self);
  configure_adjustments (self);
  if (anchor_page < _loket_review_view_n_pages (self))
    {
      const PageBox *box = &g_array_index (self->layout, PageBox, anchor_page);

      gtk_adjustment_set_value (self->vadj, box->y + fraction * box->height);
    }
  /* The scrolled window only needs new adjustments; never queue a resize while allocating. */
  if (!in_allocation)
    gtk_widget_queue_resize (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  queue_update (self);
}

/* ---- Rendering ------------------------------------------------------------------------------ */

typedef struct
{
  GWeakRef view;
  guint    page;
  double   scale;
  int      rotation;
} RenderRequest;

static void
page_rendered_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  RenderRequest *request = user_data;
  g_autoptr (LoketReviewView) self = g_weak_ref_get (&request->view);
  g_autoptr (GError) error = NULL;
  cairo_surface_t *surface;
  PageState       *state;

  surface = loket_render_queue_render_finish (NULL, result, &error);
  g_weak_ref_clear (&request->view);
  if (surface == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Page %u could not be drawn: %s", request->page + 1, error->message);
      g_free (request);
      return;
    }
  if (self == NULL
      || (state = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (request->page))) == NULL
      || state->pending == NULL || state->pending_scale != request->scale
      || state->pending_rotation != request->rotation)
    {
      cairo_surface_destroy (surface);
      g_free (request);
      return;
    }
  g_clear_object (&state->pending);
  g_clear_object (&state->texture);
  state->texture = loket_review_texture_new_for_surface (surface);
  state->texture_scale = request->scale;
  state->texture_rotation = request->rotation;
  cairo_surface_destroy (surface);
  g_free (request);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
request_page (LoketReviewView *self, guint page, double scale, LoketRenderPriority priority)
{
  PageState     *state = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (page));
  RenderRequest *request;

  if (state == NULL)
    {
      state = g_new0 (PageState, 1);
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (page), state);
    }
  if (state->texture != NULL && state->texture_scale == scale
      && state->texture_rotation == self->rotation)
    return;
  if (state->pending != NULL && state->pending_scale == scale
      && state->pending_rotation == self->rotation)
    return;
  if (state->pending != NULL)
    {
      g_cancellable_cancel (state->pending);
      g_clear_object (&state->pending);
    }

  state->pending = g_cancellable_new ();
  state->pending_scale = scale;
  state->pending_rotation = self->rotation;
  /* The document's cancellable cancels this one too. */
  g_signal_connect_object (self->cancellable, "cancelled", G_CALLBACK (g_cancellable_cancel),
                           state->pending, G_CONNECT_SWAPPED);
  request = g_new0 (RenderRequest, 1);
  g_weak_ref_init (&request->view, self);
  request->page = page;
  request->scale = scale;
  request->rotation = self->rotation;
  loket_render_queue_render_async (self->queue, page, scale, self->rotation, priority,
                                   state->pending, page_rendered_cb, request);
}

static gboolean
update_renders (gpointer user_data)
{
  LoketReviewView *self = user_data;
  double           top, bottom;
  guint            first = G_MAXUINT, last = 0;
  double           scale;
  GHashTableIter   iter;
  gpointer         key, value;

  self->update_id = 0;
  if (self->queue == NULL || _loket_review_view_n_pages (self) == 0)
    return G_SOURCE_REMOVE;
  update_current_page (self);
  if (self->zoom_changed)
    {
      self->zoom_changed = FALSE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }

  top = gtk_adjustment_get_value (self->vadj);
  bottom = top + MAX (gtk_widget_get_height (GTK_WIDGET (self)), 1);
  scale = self->zoom * gtk_widget_get_scale_factor (GTK_WIDGET (self));

  for (guint i = 0; i < _loket_review_view_n_pages (self); i++)
    {
      const PageBox *box = &g_array_index (self->layout, PageBox, i);

      if (box->y + box->height >= top && box->y <= bottom)
        {
          first = MIN (first, i);
          last = MAX (last, i);
        }
    }
  if (first == G_MAXUINT)
    first = last = self->current_page;

  for (guint i = first; i <= last; i++)
    request_page (self, i, scale, LOKET_RENDER_PRIORITY_VISIBLE);
  for (guint d = 1; d <= PRELOAD_PAGES; d++)
    {
      if (last + d < _loket_review_view_n_pages (self))
        request_page (self, last + d, scale, LOKET_RENDER_PRIORITY_PRELOAD);
      if (first >= d)
        request_page (self, first - d, scale, LOKET_RENDER_PRIORITY_PRELOAD);
    }

  /* Pages that left the neighbourhood: stop their renders, forget far textures. */
  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      guint      page = GPOINTER_TO_UINT (key);
      PageState *state = value;

      if (page + PRELOAD_PAGES < first || page > last + PRELOAD_PAGES)
        {
          if (state->pending != NULL)
            {
              g_cancellable_cancel (state->pending);
              g_clear_object (&state->pending);
            }
          if (page + KEEP_PAGES < first || page > last + KEEP_PAGES)
            g_hash_table_iter_remove (&iter);
        }
    }
  return G_SOURCE_REMOVE;
}

static void
queue_update (LoketReviewView *self)
{
  if (self->update_id == 0 && self->queue != NULL)
    self->update_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE + 15, update_renders, self, NULL);
}

/* ---- Zoom by Ctrl+scroll -------------------------------------------------------------------- */

static gboolean
scroll_cb (GtkEventControllerScroll *controller, double dx, double dy, LoketReviewView *self)
{
  GdkModifierType state
    = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if ((state & GDK_CONTROL_MASK) == 0 || dy == 0)
    return FALSE;
  loket_review_view_set_zoom (self, self->zoom * (dy < 0 ? 1.1 : 1 / 1.1));
  return TRUE;
}

/* ---- Keyboard scrolling -------------------------------------------------------------------- */

/* "(i)": +1/-1 a screen, +2/-2 a line, +3/-3 to the end / the start. */
static gboolean
scroll_key_cb (GtkWidget *widget, GVariant *args, gpointer user_data)
{
  LoketReviewView *self = LOKET_REVIEW_VIEW (widget);
  int              how = g_variant_get_int32 (args);
  double           value = gtk_adjustment_get_value (self->vadj);
  double           step = gtk_adjustment_get_page_size (self->vadj) * 0.9;

  switch (how)
    {
      case 1:
      case -1:
        value += how * step;
        break;
      case 2:
      case -2:
        value += (how / 2) * 40;
        break;
      case 3:
        value = gtk_adjustment_get_upper (self->vadj);
        break;
      default:
        value = 0;
    }
  gtk_adjustment_set_value (self->vadj, value);
  return TRUE;
}

/* ---- Drawing -------------------------------------------------------------------------------- */

static void
append_rect (GtkSnapshot           *snapshot,
             const graphene_rect_t *rect,
             const GdkRGBA         *fill,
             const GdkRGBA         *border,
             double                 border_width)
{
  if (fill != NULL)
    gtk_snapshot_append_color (snapshot, fill, rect);
  if (border != NULL)
    {
      GskRoundedRect outline;
      float          widths[4] = { border_width, border_width, border_width, border_width };
      GdkRGBA        colors[4] = { *border, *border, *border, *border };

      gsk_rounded_rect_init_from_rect (&outline, rect, 0);
      gtk_snapshot_append_border (snapshot, &outline, widths, colors);
    }
}

static void
draw_overlays (LoketReviewView *self, GtkSnapshot *snapshot, guint page)
{
  const GdkRGBA hit_color = { 1.0, 0.85, 0.0, 0.35 };
  const GdkRGBA current_color = { 1.0, 0.45, 0.0, 0.45 };
  const GdkRGBA current_border = { 0.9, 0.35, 0.0, 1.0 };
  const GdkRGBA select_color = { 0.21, 0.52, 0.89, 0.30 };
  const GdkRGBA region_color = { 0.21, 0.52, 0.89, 0.15 };
  const GdkRGBA region_border = { 0.21, 0.52, 0.89, 1.0 };
  const GdkRGBA marker_color = { 0.90, 0.38, 0.0, 0.12 };
  const GdkRGBA marker_border = { 0.90, 0.38, 0.0, 0.9 };
  const GdkRGBA resolved_color = { 0.5, 0.5, 0.5, 0.08 };
  const GdkRGBA resolved_border = { 0.5, 0.5, 0.5, 0.6 };

  for (guint i = 0; self->hits != NULL && i < g_list_model_get_n_items (self->hits); i++)
    {
      g_autoptr (LoketSearchHit) hit = g_list_model_get_item (self->hits, i);
      LoketDocRect    rect;
      graphene_rect_t r;

      if (loket_search_hit_get_page (hit) != page)
        continue;
      loket_search_hit_get_rect (hit, &rect);
      r = page_rect_to_widget (self, page, &rect);
      if (hit == self->current_hit)
        append_rect (snapshot, &r, &current_color, &current_border, 1);
      else
        append_rect (snapshot, &r, &hit_color, NULL, 0);
    }

  if (self->selection != NULL && self->selection_page == page)
    for (guint i = 0; i < self->selection->len; i++)
      {
        graphene_rect_t r
          = page_rect_to_widget (self, page, &g_array_index (self->selection, LoketDocRect, i));

        append_rect (snapshot, &r, &select_color, NULL, 0);
      }

  for (guint i = 0; self->markers != NULL && i < g_list_model_get_n_items (self->markers); i++)
    {
      g_autoptr (LoketReviewMarker) marker = g_list_model_get_item (self->markers, i);
      LoketDocRect    rect;
      graphene_rect_t r;
      gboolean        resolved;

      if (loket_review_marker_get_page (marker) != page)
        continue;
      loket_review_marker_get_rect (marker, &rect.x, &rect.y, &rect.width, &rect.height);
      resolved = loket_review_marker_get_resolved (marker);
      r = page_rect_to_widget (self, page, &rect);
      append_rect (snapshot, &r, resolved ? &resolved_color : &marker_color,
                   resolved ? &resolved_border : &marker_border, 2);
      /* A tab on the corner marks a comment even when its region is tiny. */
      {
        graphene_rect_t tab
          = GRAPHENE_RECT_INIT (r.origin.x + r.size.width - 5, r.origin.y - 5, 10, 10);
        GskRoundedRect dot;

        gsk_rounded_rect_init_from_rect (&dot, &tab, 5);
        gtk_snapshot_push_rounded_clip (snapshot, &dot);
        gtk_snapshot_append_color (snapshot, resolved ? &resolved_border : &marker_border, &tab);
        gtk_snapshot_pop (snapshot);
      }
    }

  if (self->region_mode && self->dragging && self->drag_page == page)
    {
      LoketDocRect rect
        = { MIN (self->drag_x0, self->drag_x1), MIN (self->drag_y0, self->drag_y1),
            fabs (self->drag_x1 - self->drag_x0), fabs (self->drag_y1 - self->drag_y0) };
      graphene_rect_t r = page_rect_to_widget (self, page, &rect);

      append_rect (snapshot, &r, &region_color, &region_border, 1);
    }
}

static void
loket_review_view_snapshot (GtkWidget *widget, GtkSnapshot *snapshot)
{
  LoketReviewView *self = LOKET_REVIEW_VIEW (widget);
  double           ox = content_origin_x (self);
  double           oy = content_origin_y (self);
  double           height = gtk_widget_get_height (widget);
  const GdkRGBA    white = { 1, 1, 1, 1 };
  const GdkRGBA    shadow = { 0, 0, 0, 0.25 };

  for (guint i = 0; i < _loket_review_view_n_pages (self); i++)
    {
      const PageBox  *box = &g_array_index (self->layout, PageBox, i);
      graphene_rect_t bounds
        = GRAPHENE_RECT_INIT (ox + box->x, oy + box->y, box->width, box->height);
      PageState     *state;
      GskRoundedRect outline;

      if (bounds.origin.y + bounds.size.height < 0 || bounds.origin.y > height)
        continue;

      gsk_rounded_rect_init_from_rect (&outline, &bounds, 0);
      gtk_snapshot_append_outset_shadow (snapshot, &outline, &shadow, 0, 1, 1, 4);
      gtk_snapshot_append_color (snapshot, &white, &bounds);
      state = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (i));
      if (state != NULL && state->texture != NULL && state->texture_rotation == self->rotation)
        {
          gtk_snapshot_append_texture (snapshot, state->texture, &bounds);
          if (self->first_paint_time == 0)
            self->first_paint_time = g_get_monotonic_time ();
        }
      draw_overlays (self, snapshot, i);
    }
}

/* A marker's text as the tooltip over its region. */
static gboolean
loket_review_view_query_tooltip (GtkWidget  *widget,
                                 int         x,
                                 int         y,
                                 gboolean    keyboard_mode,
                                 GtkTooltip *tooltip)
{
  LoketReviewView *self = LOKET_REVIEW_VIEW (widget);

  for (guint i = 0; self->markers != NULL && i < g_list_model_get_n_items (self->markers); i++)
    {
      g_autoptr (LoketReviewMarker) marker = g_list_model_get_item (self->markers, i);
      LoketDocRect    rect;
      graphene_rect_t r;

      if (loket_review_marker_get_page (marker) >= _loket_review_view_n_pages (self))
        continue;
      loket_review_marker_get_rect (marker, &rect.x, &rect.y, &rect.width, &rect.height);
      r = page_rect_to_widget (self, loket_review_marker_get_page (marker), &rect);
      graphene_rect_inset (&r, -6, -6);
      if (graphene_rect_contains_point (&r, &GRAPHENE_POINT_INIT (x, y))
          && *loket_review_marker_get_text (marker) != '\0')
        {
          gtk_tooltip_set_text (tooltip, loket_review_marker_get_text (marker));
          return TRUE;
        }
    }
  return FALSE;
}

static void
loket_review_view_measure (GtkWidget     *widget,
                           GtkOrientation orientation,
                           int            for_size,
                           int           *minimum,
                           int           *natural,
                           int           *minimum_baseline,
                           int           *natural_baseline)
{
  LoketReviewView *self = LOKET_REVIEW_VIEW (widget);

  *minimum = 50;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? (int) self->content_width
                                                       : (int) self->content_height;
  *natural = MAX (*natural, *minimum);
}

static void
loket_review_view_size_allocate (GtkWidget *widget, int width, int height, int baseline)
{
  LoketReviewView *self = LOKET_REVIEW_VIEW (widget);

  if (self->fit != LOKET_REVIEW_FIT_NONE && _loket_review_view_n_pages (self) > 0)
    {
      double zoom = fit_zoom (self, self->fit);

      if (fabs (zoom - self->zoom) > 1e-4)
        {
          self->zoom = zoom;
          relayout_keeping_anchor (self, TRUE);
          /* Notified from the idle: handlers resize labels, not allowed while allocating. */
          self->zoom_changed = TRUE;
        }
    }
  configure_adjustments (self);
  queue_update (self);
}

/* ---- GObject -------------------------------------------------------------------------------- */

static void
adjustment_changed_cb (GtkAdjustment *adjustment, LoketReviewView *self)
{
  /* The current page follows in the idle (this may run inside size_allocate). */
  queue_update (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (LoketReviewView *self, GtkAdjustment **slot, GtkAdjustment *adjustment)
{
  if (*slot == adjustment && adjustment != NULL)
    return;
  if (*slot != NULL)
    g_signal_handlers_disconnect_by_func (*slot, adjustment_changed_cb, self);
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  g_set_object (slot, adjustment);
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (adjustment_changed_cb), self);
  configure_adjustments (self);
}

static void
items_changed_cb (GListModel      *model,
                  guint            position,
                  guint            removed,
                  guint            added,
                  LoketReviewView *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
loket_review_view_dispose (GObject *object)
{
  LoketReviewView *self = LOKET_REVIEW_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->update_id, g_source_remove);
  g_hash_table_remove_all (self->pages);
  if (self->hadj != NULL)
    g_signal_handlers_disconnect_by_func (self->hadj, adjustment_changed_cb, self);
  if (self->vadj != NULL)
    g_signal_handlers_disconnect_by_func (self->vadj, adjustment_changed_cb, self);
  g_clear_object (&self->hadj);
  g_clear_object (&self->vadj);
  if (self->hits != NULL)
    g_signal_handlers_disconnect_by_func (self->hits, items_changed_cb, self);
  if (self->markers != NULL)
    g_signal_handlers_disconnect_by_func (self->markers, items_changed_cb, self);
  g_clear_object (&self->hits);
  g_clear_object (&self->markers);
  g_clear_object (&self->current_hit);
  g_clear_object (&self->queue);
  G_OBJECT_CLASS (loket_review_view_parent_class)->dispose (object);
}

static void
loket_review_view_finalize (GObject *object)
{
  LoketReviewView *self = LOKET_REVIEW_VIEW (object);

  g_clear_object (&self->cancellable);
  g_hash_table_unref (self->pages);
  g_array_unref (self->layout);
  g_clear_pointer (&self->selection, g_array_unref);
  g_free (self->selected_text);
  G_OBJECT_CLASS (loket_review_view_parent_class)->finalize (object);
}

static void
loket_review_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LoketReviewView *self = LOKET_REVIEW_VIEW (object);

  switch (prop_id)
    {
      case PROP_PAGE:
        g_value_set_uint (value, self->current_page);
        break;
      case PROP_ZOOM:
        g_value_set_double (value, self->zoom);
        break;
      case PROP_FIT:
        g_value_set_int (value, self->fit);
        break;
      case PROP_ROTATION:
        g_value_set_int (value, self->rotation);
        break;
      case PROP_HAS_SELECTION:
        g_value_set_boolean (value, self->selected_text != NULL && *self->selected_text != '\0');
        break;
      case PROP_HADJUSTMENT:
        g_value_set_object (value, self->hadj);
        break;
      case PROP_VADJUSTMENT:
        g_value_set_object (value, self->vadj);
        break;
      case PROP_HSCROLL_POLICY:
        g_value_set_enum (value, self->hscroll_policy);
        break;
      case PROP_VSCROLL_POLICY:
        g_value_set_enum (value, self->vscroll_policy);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_review_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  LoketReviewView *self = LOKET_REVIEW_VIEW (object);

  switch (prop_id)
    {
      case PROP_HADJUSTMENT:
        set_adjustment (self, &self->hadj, g_value_get_object (value));
        break;
      case PROP_VADJUSTMENT:
        set_adjustment (self, &self->vadj, g_value_get_object (value));
        break;
      case PROP_HSCROLL_POLICY:
        self->hscroll_policy = g_value_get_enum (value);
        gtk_widget_queue_resize (GTK_WIDGET (self));
        break;
      case PROP_VSCROLL_POLICY:
        self->vscroll_policy = g_value_get_enum (value);
        gtk_widget_queue_resize (GTK_WIDGET (self));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_review_view_scrollable_init (GtkScrollableInterface *iface)
{
}

static void
loket_review_view_class_init (LoketReviewViewClass *klass)
{
  GObjectClass   *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = loket_review_view_dispose;
  object_class->finalize = loket_review_view_finalize;
  object_class->get_property = loket_review_view_get_property;
  object_class->set_property = loket_review_view_set_property;
  widget_class->snapshot = loket_review_view_snapshot;
  widget_class->measure = loket_review_view_measure;
  widget_class->size_allocate = loket_review_view_size_allocate;
  widget_class->query_tooltip = loket_review_view_query_tooltip;

  properties[PROP_PAGE]
    = g_param_spec_uint ("page", NULL, NULL, 0, G_MAXUINT, 0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ZOOM]
    = g_param_spec_double ("zoom", NULL, NULL, LOKET_REVIEW_ZOOM_MIN, LOKET_REVIEW_ZOOM_MAX, 1.0,
                           G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FIT] = g_param_spec_int (
    "fit", NULL, NULL, LOKET_REVIEW_FIT_NONE, LOKET_REVIEW_FIT_PAGE, LOKET_REVIEW_FIT_WIDTH,
    G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROTATION]
    = g_param_spec_int ("rotation", NULL, NULL, 0, 270, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_HAS_SELECTION]
    = g_param_spec_boolean ("has-selection", NULL, NULL, FALSE,
                            G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  /**
   * LoketReviewView::region-selected:
   * @page: 0-based page
   * @x, @y, @width, @height: the region in PDF points, origin top left
   */
  signals[SIGNAL_REGION_SELECTED] = g_signal_new (
    "region-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
    G_TYPE_NONE, 5, G_TYPE_UINT, G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_Page_Down, 0, scroll_key_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_space, 0, scroll_key_cb, "i", 1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Page_Up, 0, scroll_key_cb, "i", -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_space, GDK_SHIFT_MASK, scroll_key_cb, "i",
                                -1);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Down, 0, scroll_key_cb, "i", 2);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Up, 0, scroll_key_cb, "i", -2);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_End, GDK_CONTROL_MASK, scroll_key_cb, "i", 3);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Home, GDK_CONTROL_MASK, scroll_key_cb, "i",
                                -3);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_End, 0, scroll_key_cb, "i", 3);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Home, 0, scroll_key_cb, "i", -3);
  gtk_widget_class_set_css_name (widget_class, "loket-review-view");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_DOCUMENT);
}

static void
loket_review_view_init (LoketReviewView *self)
{
  GtkEventController *scroll
    = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_VERTICAL);

  self->cancellable = g_cancellable_new ();
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) page_state_free);
  self->layout = g_array_new (FALSE, TRUE, sizeof (PageBox));
  self->zoom = 1.0;
  self->fit = LOKET_REVIEW_FIT_WIDTH;
  set_adjustment (self, &self->hadj, NULL);
  set_adjustment (self, &self->vadj, NULL);

  _loket_review_view_add_drag (self);
  /* Capture phase: before the GtkScrolledWindow around the view scrolls with the wheel. */
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "text");
}

void
_loket_review_view_notify_has_selection (LoketReviewView *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_SELECTION]);
}

void
_loket_review_view_emit_region_selected (LoketReviewView *self,
                                         guint            page,
                                         double           x,
                                         double           y,
                                         double           width,
                                         double           height)
{
  g_signal_emit (self, signals[SIGNAL_REGION_SELECTED], 0, page, x, y, width, height);
}

/* ---- Public API ----------------------------------------------------------------------------- */

GtkWidget *
loket_review_view_new (void)
{
  return g_object_new (LOKET_TYPE_REVIEW_VIEW, NULL);
}

void
loket_review_view_set_queue (LoketReviewView *self, LoketRenderQueue *queue)
{
  g_return_if_fail (LOKET_IS_REVIEW_VIEW (self));
  g_return_if_fail (queue == NULL || LOKET_IS_RENDER_QUEUE (queue));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_hash_table_remove_all (self->pages);
  g_set_object (&self->queue, queue);
  g_clear_pointer (&self->selection, g_array_unref);
  g_clear_pointer (&self->selected_text, g_free);
  self->selection_busy = FALSE;
  self->first_paint_time = 0;
  self->current_page = 0;
  if (self->rotation != 0)
    {
      self->rotation = 0;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROTATION]);
    }
  if (self->fit != LOKET_REVIEW_FIT_NONE && gtk_widget_get_width (GTK_WIDGET (self)) > 0
      && queue != NULL)
    {
      g_array_set_size (self->layout,
                        loket_pdf_document_get_n_pages (_loket_review_view_get_doc (self)));
      self->zoom = fit_zoom (self, self->fit);
    }
  compute_layout (self);
  if (self->vadj != NULL)
    gtk_adjustment_set_value (self->vadj, 0);
  configure_adjustments (self);
  gtk_widget_queue_resize (GTK_WIDGET (self));
  queue_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

guint
loket_review_view_get_page (LoketReviewView *self)
{
  g_return_val_if_fail (LOKET_IS_REVIEW_VIEW (self), 0);
  return self->current_page;
}

void
loket_review_view_set_page (LoketReviewView *self, guint page)
{
  g_return_if_fail (LOKET_IS_REVIEW_VIEW (self));

  if (page >= _loket_review_view_n_pages (self))
    return;
  configure_adjustments (self);
  gtk_adjustment_set_value (self->vadj, g_array_index (self->layout, PageBox, page).y - MARGIN);
  /* The last pages cannot scroll to the top: they are current all the same. */
  if (self->current_page != page)
    {
      self->current_page = page;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
    }
  queue_update (self);
}

double
loket_review_view_get_zoom (LoketReviewView *self)
{
  g_return_val_if_fail (LOKET_IS_REVIEW_VIEW (self), 1.0);
  return self->zoom;
}

void
loket_review_view_set_zoom (LoketReviewView *self, double zoom)
{
  g_return_if_fail (LOKET_IS_REVIEW_VIEW (self));

  zoom = CLAMP (zoom, LOKET_REVIEW_ZOOM_MIN, LOKET_REVIEW_ZOOM_MAX);
  if (self->fit != LOKET_REVIEW_FIT_NONE)
    {
      self->fit = LOKET_REVIEW_FIT_NONE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT]);
    }
  if (fabs (zoom - self->zoom) < 1e-6)
    return;
  self->zoom = zoom;
  relayout_keeping_anchor (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

LoketReviewFit
loket_review_view_get_fit (LoketReviewView *self)
{
  g_return_val_if_fail (LOKET_IS_REVIEW_VIEW (self), LOKET_REVIEW_FIT_NONE);
  return self->fit;
}

void
loket_review_view_set_fit (LoketReviewView *self, LoketReviewFit fit)
{
  g_return_if_fail (LOKET_IS_REVIEW_VIEW (self));

  if (self->fit != fit)
    {
      self->fit = fit;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIT]);
    }
  if (fit != LOKET_REVIEW_FIT_NONE && _loket_review_view_n_pages (self) > 0)
    {
      double zoom = fit_zoom (self, fit);

      if (fabs (zoom - self->zoom) > 1e-6)
        {
          self->zoom = zoom;
          relayout_keeping_anchor (self, FALSE);
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
        }
    }
}

int
loket_review_view_get_rotation (LoketReviewView *self)
{
  g_return_val_if_fail (LOKET_IS_REVIEW_VIEW (self), 0);
  return self->rotation;
}

void
loket_review_view_set_rotation (LoketReviewView *self, int rotation)
{
  g_return_if_fail (LOKET_IS_REVIEW_VIEW (self));

  rotation = ((rotation % 360) + 360) % 360 / 90 * 90;
  if (rotation == self->rotation)
    return;
  self->rotation = rotation;
  if (self->fit != LOKET_REVIEW_FIT_NONE && _loket_review_view_n_pages (self) > 0)
    self->zoom = fit_zoom (self, self->fit);
  relayout_keeping_anchor (self, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROTATION]);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

void
loket_review_view_set_hits (LoketReviewView *self, GListModel *hits)
{
  g_return_if_fail (LOKET_IS_REVIEW_VIEW (self));

  if (self->hits != NULL)
    g_signal_handlers_disconnect_by_func (self->hits, items_changed_cb, self);
  g_set_object (&self->hits, hits);
  if (hits != NULL)
    g_signal_connect (hits, "items-changed", G_CALLBACK (items_changed_cb), self);
  g_clear_object (&self->current_hit);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
loket_review_view_set_current_hit (LoketReviewView *self, LoketSearchHit *current)
{
  g_return_if_fail (LOKET_IS_REVIEW_VIEW (self));

  g_set_object (&self->current_hit, current);
  if (current != NULL && loket_search_hit_get_page (current) < _loket_review_view_n_pages (self))
    {
      guint           page = loket_search_hit_get_page (current);
      LoketDocRect    rect;
      graphene_rect_t r;
      double          top = gtk_adjustment_get_value (self->vadj);
      double          height = gtk_widget_get_height (GTK_WIDGET (self));
      double          y;

      loket_search_hit_get_rect (current, &rect);
      r = page_rect_to_widget (self, page, &rect);
      y = r.origin.y + top; /* content coordinates */
      if (r.origin.y < 0 || r.origin.y + r.size.height > height || height <= 0)
        gtk_adjustment_set_value (self->vadj, y - MAX (height, 200) / 3);
      if (self->current_page != page)
        {
          self->current_page = page;
          g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAGE]);
        }
      queue_update (self);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
loket_review_view_set_markers (LoketReviewView *self, GListModel *markers)
{
  g_return_if_fail (LOKET_IS_REVIEW_VIEW (self));

  if (self->markers != NULL)
    g_signal_handlers_disconnect_by_func (self->markers, items_changed_cb, self);
  g_set_object (&self->markers, markers);
  if (markers != NULL)
    g_signal_connect (markers, "items-changed", G_CALLBACK (items_changed_cb), self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
loket_review_view_set_region_mode (LoketReviewView *self, gboolean region_mode)
{
  g_return_if_fail (LOKET_IS_REVIEW_VIEW (self));

  self->region_mode = !!region_mode;
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), region_mode ? "crosshair" : "text");
}

gboolean
loket_review_view_get_region_mode (LoketReviewView *self)
{
  g_return_val_if_fail (LOKET_IS_REVIEW_VIEW (self), FALSE);
  return self->region_mode;
}

gboolean
loket_review_view_page_to_widget (LoketReviewView *self,
                                  guint            page,
                                  double           x,
                                  double           y,
                                  double          *widget_x,
                                  double          *widget_y)
{
  LoketDocRect    point = { x, y, 0, 0 };
  graphene_rect_t r;

  g_return_val_if_fail (LOKET_IS_REVIEW_VIEW (self), FALSE);

  if (page >= _loket_review_view_n_pages (self))
    return FALSE;
  r = page_rect_to_widget (self, page, &point);
  *widget_x = r.origin.x;
  *widget_y = r.origin.y;
  return TRUE;
}

gint64
loket_review_view_get_first_paint_time (LoketReviewView *self)
{
  g_return_val_if_fail (LOKET_IS_REVIEW_VIEW (self), 0);
  return self->first_paint_time;
}

guint
loket_review_view_get_n_textures (LoketReviewView *self)
{
  GHashTableIter iter;
  gpointer       value;
  guint          n = 0;

  g_return_val_if_fail (LOKET_IS_REVIEW_VIEW (self), 0);

  g_hash_table_iter_init (&iter, self->pages);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    n += ((PageState *) value)->texture != NULL;
  return n;
}
