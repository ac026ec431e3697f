// SPDX-License-Identifier: GPL-3.0-or-later
// The review pane in a real window (Xvfb): a 20-page PDF paged, zoomed and searched; text
// selection and copy; damaged, incomplete and encrypted files; the signature panel on a signed
// PDF and on a tampered copy; review markers.

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "loket-review-pane.h"
#include "loket-review-window.h"
#include "loket-signature-info.h"
#include "loket-signature-panel.h"
#include "loket-test-utils.h"
#include "review-fixture.h"
#ifdef HAVE_PADES_FIXTURE
#include "loket-pdf-signer.h"
#include "loket-signer-pkcs12.h"
#include "loket-ui-test.h"
#include "pades-fixture.h"
#endif

#define TIMEOUT_MS 20000

static gboolean
state_is (gpointer data)
{
  LoketReviewPane *pane = data;
  LoketReviewState state = loket_review_pane_get_state (pane);

  return state != LOKET_REVIEW_STATE_LOADING && state != LOKET_REVIEW_STATE_EMPTY;
}

static gboolean
first_paint (gpointer data)
{
  return loket_review_view_get_first_paint_time (loket_review_pane_get_view (data)) != 0;
}

static gboolean
search_finished (gpointer data)
{
  return loket_review_pane_get_search_finished (data);
}

static gboolean
signatures_checked (gpointer data)
{
  return loket_review_pane_get_signatures_checked (data);
}

static void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
}

/* A window with a pane, shown. */
static GtkWidget *
show_pane (LoketReviewPane **pane)
{
  GtkWidget *window = gtk_window_new ();

  *pane = LOKET_REVIEW_PANE (loket_review_pane_new ());
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 760);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (*pane));
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
load_and_wait (LoketReviewPane *pane, GBytes *bytes)
{
  loket_review_pane_load_bytes (pane, bytes);
  g_assert_true (loket_test_wait_until (state_is, pane, TIMEOUT_MS));
}

/* Snapshots the window; empty until it has been laid out and drawn once. */
typedef struct
{
  GtkWidget     *window;
  GskRenderNode *node;
} Frame;

static gboolean
frame_ready (gpointer data)
{
  Frame *frame = data;
  g_autoptr (GdkPaintable) paintable = gtk_widget_paintable_new (frame->window);
  GtkSnapshot *snapshot;
  int          width = gtk_widget_get_width (frame->window);
  int          height = gtk_widget_get_height (frame->window);

  if (!gtk_widget_get_mapped (frame->window) || width <= 0 || height <= 0)
    return FALSE;
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  g_clear_pointer (&frame->node, gsk_render_node_unref);
  frame->node = gtk_snapshot_free_to_node (snapshot);
  return frame->node != NULL;
}

static void
save_screenshot (GtkWidget *window, const char *name)
{
  Frame frame = { window, NULL };
  g_autoptr (GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  spin (300);
  g_assert_true (loket_test_wait_until (frame_ready, &frame, TIMEOUT_MS));
  texture = gsk_renderer_render_texture (
    gtk_native_get_renderer (GTK_NATIVE (window)), frame.node,
    &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (window), gtk_widget_get_height (window)));
  gsk_render_node_unref (frame.node);
  path = g_build_filename (g_getenv ("G_TEST_BUILDDIR") != NULL ? g_getenv ("G_TEST_BUILDDIR")
                                                                : g_get_tmp_dir (),
                           name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Screenshot: %s", path);
}

static void
close_window (GtkWidget *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
}

static void
test_new (void)
{
  GtkWidget *pane = g_object_ref_sink (loket_review_pane_new ());

  g_assert_cmpint (loket_review_pane_get_state (LOKET_REVIEW_PANE (pane)), ==,
                   LOKET_REVIEW_STATE_EMPTY);
  g_assert_finalize_object (pane);
  pane = g_object_ref_sink (loket_signature_panel_new ());
  g_assert_cmpstr (loket_signature_panel_get_summary (LOKET_SIGNATURE_PANEL (pane)), ==, "");
  g_assert_finalize_object (pane);
}

static void
test_navigate_zoom_search (void)
{
  g_autoptr (GBytes) pdf = review_make_pdf_bytes (20);
  LoketReviewPane *pane;
  GtkWidget       *window = show_pane (&pane);
  LoketReviewView *view = loket_review_pane_get_view (pane);
  GtkEditable     *page_entry;
  GtkWidget       *search_entry;
  double           zoom;

  load_and_wait (pane, pdf);
  g_assert_cmpint (loket_review_pane_get_state (pane), ==, LOKET_REVIEW_STATE_READY);
  g_assert_cmpuint (loket_review_pane_get_n_pages (pane), ==, 20);
  g_assert_true (loket_test_wait_until (first_paint, pane, TIMEOUT_MS));
  /* Fit width by default; only the pages around the screen were drawn. */
  g_assert_cmpint (loket_review_view_get_fit (view), ==, LOKET_REVIEW_FIT_WIDTH);
  spin (500);
  g_assert_cmpuint (loket_review_view_get_n_textures (view), <=, 6);
  save_screenshot (window, "review-pane.png");

  /* "Go to page": type 15 in the page entry and press Enter. */
  page_entry = GTK_EDITABLE (
    gtk_widget_get_template_child (GTK_WIDGET (pane), LOKET_TYPE_REVIEW_PANE, "page_entry"));
  gtk_editable_set_text (page_entry, "15");
  g_signal_emit_by_name (page_entry, "activate");
  g_assert_cmpuint (loket_review_pane_get_page (pane), ==, 14);
  g_assert_cmpstr (gtk_editable_get_text (page_entry), ==, "15");
  spin (300);
  g_assert_cmpuint (loket_review_pane_get_page (pane), ==, 14);
  /* A page number outside the document changes nothing. */
  gtk_editable_set_text (page_entry, "99");
  g_signal_emit_by_name (page_entry, "activate");
  g_assert_cmpuint (loket_review_pane_get_page (pane), ==, 14);

  /* Zoom in and out, back to 100 % with Ctrl+0's action; the page stays. */
  zoom = loket_review_view_get_zoom (view);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "review.zoom-in", NULL));
  g_assert_cmpfloat_with_epsilon (loket_review_view_get_zoom (view), zoom * 1.2, 1e-6);
  g_assert_cmpint (loket_review_view_get_fit (view), ==, LOKET_REVIEW_FIT_NONE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "review.zoom-reset", NULL));
  g_assert_cmpfloat_with_epsilon (loket_review_view_get_zoom (view), 1.0, 1e-6);
  spin (200);
  g_assert_cmpuint (loket_review_pane_get_page (pane), ==, 14);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "review.fit-page", NULL));
  g_assert_cmpfloat (loket_review_view_get_zoom (view), <, 1.0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "review.fit-width", NULL));

  /* Search from page 15: "Kepala Dinas" is on pages 4, 9, 14 and 19 (0-based 3, 8, 13, 18);
   * the first hit shown is the next one after the current page. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "review.find", NULL));
  search_entry = (GtkWidget *) gtk_widget_get_template_child (
    GTK_WIDGET (pane), LOKET_TYPE_REVIEW_PANE, "search_entry");
  gtk_editable_set_text (GTK_EDITABLE (search_entry), "kepala dinas");
  g_signal_emit_by_name (search_entry, "activate"); /* Enter: search now */
  g_assert_true (loket_test_wait_until (search_finished, pane, TIMEOUT_MS));
  g_assert_cmpuint (loket_review_pane_get_n_hits (pane), ==, 4);
  g_assert_cmpint (loket_review_pane_get_current_hit (pane), ==, 3);
  g_assert_cmpuint (loket_review_pane_get_page (pane), ==, 18);
  spin (300);
  save_screenshot (window, "review-pane-search.png");

  /* Enter: next (wraps to the first); Shift+Enter (previous-match): back. */
  g_signal_emit_by_name (search_entry, "activate");
  g_assert_cmpint (loket_review_pane_get_current_hit (pane), ==, 0);
  g_assert_cmpuint (loket_review_pane_get_page (pane), ==, 3);
  g_assert_cmpuint (loket_search_hit_get_page (loket_review_pane_get_current_hit_object (pane)), ==,
                    3);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "review.next-hit", NULL));
  g_assert_cmpuint (loket_review_pane_get_page (pane), ==, 8);
  g_signal_emit_by_name (search_entry, "previous-match");
  g_assert_cmpint (loket_review_pane_get_current_hit (pane), ==, 0);
  g_signal_emit_by_name (search_entry, "previous-match");
  g_assert_cmpint (loket_review_pane_get_current_hit (pane), ==, 3);
  g_assert_cmpuint (loket_review_pane_get_page (pane), ==, 18);

  /* A click on a thumbnail goes to its page. */
  {
    GtkListView *thumbnails = GTK_LIST_VIEW (
      gtk_widget_get_template_child (GTK_WIDGET (pane), LOKET_TYPE_REVIEW_PANE, "thumbnails"));

    gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_list_view_get_model (thumbnails)),
                                       5);
    g_assert_cmpuint (loket_review_pane_get_page (pane), ==, 5);
    spin (300);
    g_assert_cmpuint (loket_review_pane_get_page (pane), ==, 5);
    g_assert_cmpstr (gtk_editable_get_text (page_entry), ==, "6");
  }

  /* Rotation keeps the document usable. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "review.rotate-right", NULL));
  g_assert_cmpint (loket_review_view_get_rotation (view), ==, 90);
  spin (300);

  close_window (window);
}

/* 100 pages: only the pages around the screen get textures, wherever one jumps. */
static void
test_lazy (void)
{
  g_autoptr (GBytes) pdf = review_make_pdf_bytes (100);
  LoketReviewPane *pane;
  GtkWidget       *window = show_pane (&pane);
  LoketReviewView *view = loket_review_pane_get_view (pane);

  load_and_wait (pane, pdf);
  g_assert_true (loket_test_wait_until (first_paint, pane, TIMEOUT_MS));
  spin (500);
  g_assert_cmpuint (loket_review_view_get_n_textures (view), >=, 1);
  g_assert_cmpuint (loket_review_view_get_n_textures (view), <=, 5);
  for (guint page = 10; page < 100; page += 10)
    loket_review_pane_set_page (pane, page);
  spin (1000);
  g_assert_cmpuint (loket_review_pane_get_page (pane), ==, 90);
  /* The pages jumped over left no textures behind. */
  g_assert_cmpuint (loket_review_view_get_n_textures (view), <=, 10);
  close_window (window);
}

static gboolean
has_selection (gpointer data)
{
  return *loket_review_view_get_selected_text (data) != '\0';
}

typedef struct
{
  char    *text;
  gboolean done;
} ClipboardRead;

static void
clipboard_read_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ClipboardRead *read = user_data;

  read->text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  read->done = TRUE;
}

static gboolean
read_done (gpointer data)
{
  return ((ClipboardRead *) data)->done;
}

static void
test_select_copy_markers (void)
{
  g_autoptr (GBytes) pdf = review_make_pdf_bytes (3);
  g_autoptr (GListStore) markers = g_list_store_new (LOKET_TYPE_REVIEW_MARKER);
  LoketReviewPane *pane;
  GtkWidget       *window = show_pane (&pane);
  LoketReviewView *view = loket_review_pane_get_view (pane);
  ClipboardRead    read = { 0 };
  g_autoptr (LoketReviewMarker) open
    = loket_review_marker_new (0, 72, 180, 120, 30, "Nomor?", FALSE);
  g_autoptr (LoketReviewMarker) done = loket_review_marker_new (0, 72, 440, 300, 40, "Ok", TRUE);

  load_and_wait (pane, pdf);
  g_assert_true (loket_test_wait_until (first_paint, pane, TIMEOUT_MS));
  loket_review_view_select_area (view, 1, 60, 180, 200, 30);
  g_assert_true (loket_test_wait_until (has_selection, view, TIMEOUT_MS));
  g_assert_nonnull (strstr (loket_review_view_get_selected_text (view), "Halaman 2"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pane), "review.copy", NULL));
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (window), NULL, clipboard_read_cb, &read);
  g_assert_true (loket_test_wait_until (read_done, &read, TIMEOUT_MS));
  g_assert_nonnull (read.text);
  g_assert_nonnull (strstr (read.text, "Halaman 2"));
  g_free (read.text);

  g_list_store_append (markers, open);
  g_list_store_append (markers, done);
  loket_review_pane_set_markers (pane, G_LIST_MODEL (markers));
  loket_review_pane_set_region_mode (pane, TRUE);
  g_assert_true (loket_review_view_get_region_mode (view));
  loket_review_pane_set_page (pane, 0);
  save_screenshot (window, "review-pane-markers.png");
  close_window (window);
}

typedef struct
{
  guint  page;
  double x, y, width, height;
  guint  count;
} Region;

static void
region_selected_cb (LoketReviewPane *pane,
                    guint            page,
                    double           x,
                    double           y,
                    double           width,
                    double           height,
                    Region          *region)
{
  *region = (Region){ page, x, y, width, height, region->count + 1 };
}

static gboolean
region_seen (gpointer data)
{
  return ((Region *) data)->count > 0;
}

/* A real pointer drag (XTest through xdotool) in region mode gives the region in PDF points. */
static void
test_region_drag (void)
{
  g_autoptr (GBytes) pdf = review_make_pdf_bytes (3);
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autofree char *out = NULL;
  g_autofree char *x0 = NULL, *y0 = NULL, *x1 = NULL, *y1 = NULL;
  LoketReviewPane *pane;
  GtkWidget       *window;
  LoketReviewView *view;
  Region           region = { 0 };
  double           vx, vy, wx0, wy0, wx1, wy1;
  g_auto (GStrv) ids = NULL;

  if (xdotool == NULL || g_strcmp0 (g_getenv ("GDK_BACKEND"), "x11") != 0)
    {
      g_test_skip ("needs xdotool and an X display (meson test --setup headless)");
      return;
    }
  window = show_pane (&pane);
  view = loket_review_pane_get_view (pane);
  gtk_window_set_title (GTK_WINDOW (window), "loket-region-test");
  load_and_wait (pane, pdf);
  g_assert_true (loket_test_wait_until (first_paint, pane, TIMEOUT_MS));
  spin (300);
  loket_review_pane_set_region_mode (pane, TRUE);
  g_signal_connect (pane, "region-selected", G_CALLBACK (region_selected_cb), &region);

  /* The red box of page 0, (100, 100)–(200, 150) points, in window coordinates. */
  g_assert_true (loket_review_view_page_to_widget (view, 0, REVIEW_BOX_X, REVIEW_BOX_Y, &vx, &vy));
  g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (view), window, vx, vy, &wx0, &wy0));
  g_assert_true (loket_review_view_page_to_widget (view, 0, REVIEW_BOX_X + REVIEW_BOX_W,
                                                   REVIEW_BOX_Y + REVIEW_BOX_H, &vx, &vy));
  g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (view), window, vx, vy, &wx1, &wy1));
  x0 = g_strdup_printf ("%.0f", wx0);
  y0 = g_strdup_printf ("%.0f", wy0);
  x1 = g_strdup_printf ("%.0f", wx1);
  y1 = g_strdup_printf ("%.0f", wy1);

  g_assert_cmpint (loket_test_run_tool (&out, "xdotool", "search", "--name", "loket-region-test", NULL), ==,
                   0);
  ids = g_strsplit (g_strstrip (out), "\n", -1);
  g_assert_cmpint (loket_test_run_tool (NULL, "xdotool", "mousemove", "--window", ids[0], "--sync", x0, y0,
                               "mousedown", "1", NULL),
                   ==, 0);
  spin (100);
  g_assert_cmpint (
    loket_test_run_tool (NULL, "xdotool", "mousemove", "--window", ids[0], "--sync", x1, y0, NULL), ==, 0);
  spin (100);
  g_assert_cmpint (loket_test_run_tool (NULL, "xdotool", "mousemove", "--window", ids[0], "--sync", x1, y1,
                               "mouseup", "1", NULL),
                   ==, 0);
  g_assert_true (loket_test_wait_until (region_seen, &region, TIMEOUT_MS));
  g_assert_cmpuint (region.page, ==, 0);
  /* Within a pixel or two at this zoom. */
  g_assert_cmpfloat_with_epsilon (region.x, REVIEW_BOX_X, 2.0);
  g_assert_cmpfloat_with_epsilon (region.y, REVIEW_BOX_Y, 2.0);
  g_assert_cmpfloat_with_epsilon (region.width, REVIEW_BOX_W, 2.0);
  g_assert_cmpfloat_with_epsilon (region.height, REVIEW_BOX_H, 2.0);
  close_window (window);
}

static gboolean
hit_is (gpointer data)
{
  gpointer *args = data;

  return loket_review_pane_get_current_hit (args[0]) == GPOINTER_TO_INT (args[1]);
}

/* Sends keys to the window with xdotool (real X key events). */
static void
keys (const char *window_id, const char *keys_text)
{
  g_auto (GStrv) list = g_strsplit (keys_text, " ", -1);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, "xdotool");
  g_ptr_array_add (argv, "key");
  g_ptr_array_add (argv, "--window");
  g_ptr_array_add (argv, (gpointer) window_id);
  g_ptr_array_add (argv, "--delay");
  g_ptr_array_add (argv, "30");
  for (guint i = 0; list[i] != NULL; i++)
    g_ptr_array_add (argv, list[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               NULL, NULL, &status, &error));
  g_assert_no_error (error);
  spin (150);
}

static char *
x_window_id (const char *title)
{
  g_autofree char *out = NULL;
  g_auto (GStrv) ids = NULL;

  g_assert_cmpint (loket_test_run_tool (&out, "xdotool", "search", "--name", title, NULL), ==, 0);
  ids = g_strsplit (g_strstrip (out), "\n", -1);
  return g_strdup (ids[0]);
}

/* The keyboard as a user types it: Ctrl+F, a word, Enter, Shift+Enter, Ctrl+0, Ctrl+minus; then
 * a text drag with the real pointer and Ctrl+C. */
static void
test_keyboard_and_drag (void)
{
  g_autoptr (GBytes) pdf = review_make_pdf_bytes (20);
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autofree char *id = NULL;
  g_autofree char *x0 = NULL, *y0 = NULL, *x1 = NULL, *y1 = NULL;
  LoketReviewPane *pane;
  GtkWidget       *window;
  LoketReviewView *view;
  gpointer         args[2];
  ClipboardRead    read = { 0 };
  double           vx, vy, wx, wy;

  if (xdotool == NULL || g_strcmp0 (g_getenv ("GDK_BACKEND"), "x11") != 0)
    {
      g_test_skip ("needs xdotool and an X display (meson test --setup headless)");
      return;
    }
  window = show_pane (&pane);
  view = loket_review_pane_get_view (pane);
  gtk_window_set_title (GTK_WINDOW (window), "loket-keyboard-test");
  load_and_wait (pane, pdf);
  g_assert_true (loket_test_wait_until (first_paint, pane, TIMEOUT_MS));
  spin (300);
  id = x_window_id ("loket-keyboard-test");

  /* Ctrl+L, a page number, Enter. */
  keys (id, "ctrl+l 1 2 Return");
  g_assert_cmpuint (loket_review_pane_get_page (pane), ==, 11);
  keys (id, "ctrl+l 1 Return");
  g_assert_cmpuint (loket_review_pane_get_page (pane), ==, 0);

  keys (id, "ctrl+f");
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (
    gtk_widget_get_template_child (GTK_WIDGET (pane), LOKET_TYPE_REVIEW_PANE, "search_bar"))));
  keys (id, "k e p a l a space d i n a s Return");
  g_assert_true (loket_test_wait_until (search_finished, pane, TIMEOUT_MS));
  g_assert_cmpuint (loket_review_pane_get_n_hits (pane), ==, 4);
  args[0] = pane;
  args[1] = GINT_TO_POINTER (0);
  g_assert_true (loket_test_wait_until (hit_is, args, TIMEOUT_MS));
  g_assert_cmpuint (loket_review_pane_get_page (pane), ==, 3);
  keys (id, "Return");
  g_assert_cmpint (loket_review_pane_get_current_hit (pane), ==, 1);
  g_assert_cmpuint (loket_review_pane_get_page (pane), ==, 8);
  keys (id, "shift+Return shift+Return");
  g_assert_cmpint (loket_review_pane_get_current_hit (pane), ==, 3);
  g_assert_cmpuint (loket_review_pane_get_page (pane), ==, 18);
  keys (id, "Escape");
  g_assert_false (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (
    gtk_widget_get_template_child (GTK_WIDGET (pane), LOKET_TYPE_REVIEW_PANE, "search_bar"))));

  /* Paging with the keyboard on the pages. */
  gtk_widget_grab_focus (GTK_WIDGET (view));
  keys (id, "Home");
  spin (200);
  g_assert_cmpuint (loket_review_pane_get_page (pane), ==, 0);
  keys (id, "End");
  spin (200);
  g_assert_cmpuint (loket_review_pane_get_page (pane), ==, 19);
  keys (id, "Home Page_Down Page_Down Page_Down");
  spin (200);
  g_assert_cmpuint (loket_review_pane_get_page (pane), >=, 1);
  g_assert_cmpuint (loket_review_pane_get_page (pane), <=, 4);

  keys (id, "ctrl+0");
  g_assert_cmpfloat_with_epsilon (loket_review_view_get_zoom (view), 1.0, 1e-6);
  keys (id, "ctrl+minus");
  g_assert_cmpfloat_with_epsilon (loket_review_view_get_zoom (view), 1.0 / 1.2, 1e-6);
  keys (id, "ctrl+0");

  /* Ctrl+wheel up over the pages zooms in. */
  loket_review_pane_set_page (pane, 0);
  spin (300);
  g_assert_true (loket_review_view_page_to_widget (view, 0, 300, 400, &vx, &vy));
  g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (view), window, vx, vy, &wx, &wy));
  x0 = g_strdup_printf ("%.0f", wx);
  y0 = g_strdup_printf ("%.0f", wy);
  g_assert_cmpint (loket_test_run_tool (NULL, "xdotool", "mousemove", "--window", id, "--sync", x0, y0,
                               "keydown", "ctrl", "click", "4", "keyup", "ctrl", NULL),
                   ==, 0);
  spin (300);
  g_assert_cmpfloat (loket_review_view_get_zoom (view), >, 1.01);
  keys (id, "ctrl+0");
  g_clear_pointer (&x0, g_free);
  g_clear_pointer (&y0, g_free);

  /* Drag across "Halaman 1" (baseline y = 200 pt, x 72…) on page 0, then Ctrl+C. */
  loket_review_pane_set_page (pane, 0);
  spin (300);
  g_assert_true (loket_review_view_page_to_widget (view, 0, 68, 188, &vx, &vy));
  g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (view), window, vx, vy, &wx, &wy));
  x0 = g_strdup_printf ("%.0f", wx);
  y0 = g_strdup_printf ("%.0f", wy);
  g_assert_true (loket_review_view_page_to_widget (view, 0, 160, 203, &vx, &vy));
  g_assert_true (gtk_widget_translate_coordinates (GTK_WIDGET (view), window, vx, vy, &wx, &wy));
  x1 = g_strdup_printf ("%.0f", wx);
  y1 = g_strdup_printf ("%.0f", wy);
  g_assert_cmpint (loket_test_run_tool (NULL, "xdotool", "mousemove", "--window", id, "--sync", x0, y0,
                               "mousedown", "1", NULL),
                   ==, 0);
  spin (100);
  g_assert_cmpint (
    loket_test_run_tool (NULL, "xdotool", "mousemove", "--window", id, "--sync", x1, y0, NULL), ==, 0);
  spin (100);
  g_assert_cmpint (loket_test_run_tool (NULL, "xdotool", "mousemove", "--window", id, "--sync", x1, y1,
                               "mouseup", "1", NULL),
                   ==, 0);
  g_assert_true (loket_test_wait_until (has_selection, view, TIMEOUT_MS));
  g_assert_nonnull (strstr (loket_review_view_get_selected_text (view), "Halaman 1"));
  keys (id, "ctrl+c");
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (window), NULL, clipboard_read_cb, &read);
  g_assert_true (loket_test_wait_until (read_done, &read, TIMEOUT_MS));
  g_assert_nonnull (read.text);
  g_assert_nonnull (strstr (read.text, "Halaman 1"));
  g_free (read.text);
  save_screenshot (window, "review-pane-selection.png");
  close_window (window);
}

static void
assert_error_state (LoketReviewPane *pane, GBytes *bytes, int code)
{
  load_and_wait (pane, bytes);
  g_assert_cmpint (loket_review_pane_get_state (pane), ==, LOKET_REVIEW_STATE_ERROR);
  g_assert_error ((GError *) loket_review_pane_get_error (pane), LOKET_DOC_ERROR, code);
}

static void
test_bad_files (void)
{
  g_autoptr (GBytes) pdf = review_make_pdf_bytes (3);
  g_autoptr (GBytes) half = g_bytes_new_from_bytes (pdf, 0, g_bytes_get_size (pdf) / 2);
  g_autoptr (GBytes) junk = g_bytes_new_static ("%PDF-1.7\ngarbage\n%%EOF\n", 24);
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("loket-review-XXXXXX", &error);
  g_autofree char *plain = g_build_filename (dir, "plain.pdf", NULL);
  g_autofree char *locked = g_build_filename (dir, "locked.pdf", NULL);
  g_autoptr (GFile) locked_file = g_file_new_for_path (locked);
  LoketReviewPane *pane;
  GtkWidget       *window = show_pane (&pane);

  assert_error_state (pane, half, LOKET_DOC_ERROR_TRUNCATED);
  save_screenshot (window, "review-pane-truncated.png");
  assert_error_state (pane, junk, LOKET_DOC_ERROR_CORRUPT);
  {
    /* A document that could not even be read (a missing blob) gets the same error page. */
    g_autoptr (GError) missing
      = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "The file is not in the store");

    loket_review_pane_show_error (pane, missing);
    g_assert_cmpint (loket_review_pane_get_state (pane), ==, LOKET_REVIEW_STATE_ERROR);
    g_assert_error ((GError *) loket_review_pane_get_error (pane), G_IO_ERROR,
                    G_IO_ERROR_NOT_FOUND);
  }

  review_make_pdf (plain, 2);
  g_assert_cmpint (
    loket_test_run_tool (NULL, "qpdf", "--encrypt", "bukaaku", "pemilik", "256", "--", plain, locked, NULL),
    ==, 0);
  loket_review_pane_load_file (pane, locked_file);
  g_assert_true (loket_test_wait_until (state_is, pane, TIMEOUT_MS));
  g_assert_cmpint (loket_review_pane_get_state (pane), ==, LOKET_REVIEW_STATE_NEEDS_PASSWORD);
  g_assert_null (loket_review_pane_get_error (pane));
  loket_review_pane_unlock (pane, "salah");
  g_assert_true (loket_test_wait_until (state_is, pane, TIMEOUT_MS));
  g_assert_cmpint (loket_review_pane_get_state (pane), ==, LOKET_REVIEW_STATE_NEEDS_PASSWORD);
  g_assert_error ((GError *) loket_review_pane_get_error (pane), LOKET_DOC_ERROR,
                  LOKET_DOC_ERROR_BAD_PASSWORD);
  save_screenshot (window, "review-pane-password.png");
  /* The right password typed into the prompt, Enter. */
  {
    GtkWidget *entry = (GtkWidget *) gtk_widget_get_template_child (
      GTK_WIDGET (pane), LOKET_TYPE_REVIEW_PANE, "password_entry");

    g_assert_true (gtk_widget_get_mapped (entry));
    gtk_editable_set_text (GTK_EDITABLE (entry), "bukaaku");
    g_signal_emit_by_name (entry, "activate");
  }
  g_assert_true (loket_test_wait_until (state_is, pane, TIMEOUT_MS));
  g_assert_cmpint (loket_review_pane_get_state (pane), ==, LOKET_REVIEW_STATE_READY);
  g_assert_cmpuint (loket_review_pane_get_n_pages (pane), ==, 2);
  close_window (window);
  loket_test_remove_tree (dir);
}

#ifdef HAVE_PADES_FIXTURE
static void
test_signatures (void)
{
  PadesFixture *fx = pades_fixture_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketPkcs12Signer) signer
    = loket_pkcs12_signer_new (fx->signer_p12, "rahasia", &error);
  g_autofree char *signed_pdf = pades_fixture_path (fx, "signed.pdf");
  g_autofree char *tampered_pdf = pades_fixture_path (fx, "tampered.pdf");
  g_autofree char *contents = NULL;
  gsize            length;
  g_autoptr (GFile) signed_file = g_file_new_for_path (signed_pdf);
  g_autoptr (GFile) tampered_file = g_file_new_for_path (tampered_pdf);
  LoketPdfSignOptions options = { .reason = "Penetapan surat", .location = "Kupang" };
  LoketReviewPane    *pane;
  GtkWidget          *window;
  g_autoptr (LoketSignatureInfo) info = NULL;

  g_assert_no_error (error);
  g_assert_true (
    loket_pdf_sign_file (fx->input_pdf, signed_pdf, LOKET_SIGNER (signer), &options, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (signed_pdf, &contents, &length, &error));
  g_assert_true (g_file_set_contents (tampered_pdf, contents, length, &error));
  pades_flip_byte (tampered_pdf, 10); /* in the signed range */

  window = show_pane (&pane);
  loket_review_pane_load_file (pane, signed_file);
  g_assert_true (loket_test_wait_until (state_is, pane, TIMEOUT_MS));
  g_assert_true (loket_test_wait_until (signatures_checked, pane, TIMEOUT_MS));
  g_assert_cmpuint (g_list_model_get_n_items (loket_review_pane_get_signatures (pane)), ==, 1);
  info = g_list_model_get_item (loket_review_pane_get_signatures (pane), 0);
  g_assert_true (loket_signature_info_is_intact (info));
  g_assert_nonnull (strstr (loket_review_pane_get_signature_summary (pane), "Siti Rahmawati"));
  g_assert_nonnull (strstr (loket_review_pane_get_signature_summary (pane), "valid"));
  g_assert_null (strstr (loket_review_pane_get_signature_summary (pane), "NOT"));
  save_screenshot (window, "review-pane-signed.png");
  g_clear_object (&info);

  loket_review_pane_load_file (pane, tampered_file);
  g_assert_true (loket_test_wait_until (state_is, pane, TIMEOUT_MS));
  g_assert_true (loket_test_wait_until (signatures_checked, pane, TIMEOUT_MS));
  info = g_list_model_get_item (loket_review_pane_get_signatures (pane), 0);
  g_assert_cmpint (loket_signature_info_get_status (info), ==, LOKET_SIGNATURE_CHANGED);
  g_assert_nonnull (strstr (loket_review_pane_get_signature_summary (pane), "NOT valid"));
  save_screenshot (window, "review-pane-tampered.png");
  close_window (window);
  pades_fixture_free (fx);
}
#endif

static void
test_window (void)
{
  g_autoptr (GBytes) png = review_make_png (800, 600);
  LoketReviewWindow *window = loket_review_window_new (NULL, "ktp.png");
  LoketReviewPane   *pane = loket_review_window_get_pane (window);

  gtk_window_present (GTK_WINDOW (window));
  load_and_wait (pane, png);
  g_assert_cmpint (loket_review_pane_get_state (pane), ==, LOKET_REVIEW_STATE_READY);
  g_assert_cmpuint (loket_review_pane_get_n_pages (pane), ==, 1);
  g_assert_true (loket_test_wait_until (first_paint, pane, TIMEOUT_MS));
  g_assert_true (loket_test_wait_until (signatures_checked, pane, TIMEOUT_MS));
  g_assert_cmpuint (g_list_model_get_n_items (loket_review_pane_get_signatures (pane)), ==, 0);
  close_window (GTK_WIDGET (window));
}

int
main (int argc, char **argv)
{
  loket_test_init_ui (&argc, &argv);
  g_test_add_func ("/cm/review/pane/new", test_new);
  g_test_add_func ("/cm/review/pane/navigate-zoom-search", test_navigate_zoom_search);
  g_test_add_func ("/cm/review/pane/lazy", test_lazy);
  g_test_add_func ("/cm/review/pane/select-copy-markers", test_select_copy_markers);
  g_test_add_func ("/cm/review/pane/region-drag", test_region_drag);
  g_test_add_func ("/cm/review/pane/keyboard-and-drag", test_keyboard_and_drag);
  g_test_add_func ("/cm/review/pane/bad-files", test_bad_files);
#ifdef HAVE_PADES_FIXTURE
  g_test_add_func ("/cm/review/pane/signatures", test_signatures);
#endif
  g_test_add_func ("/cm/review/pane/window", test_window);
  return g_test_run ();
}
