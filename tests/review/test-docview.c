// SPDX-License-Identifier: GPL-3.0-or-later
// The review pane's document layer without a display: rendering checked pixel by pixel, search
// across pages, the render queue's priorities, cache and cancellation, and every kind of bad file.

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gstdio.h>
#include <string.h>

#include "loket-find-job.h"
#include "loket-pdf-document.h"
#include "loket-render-queue.h"
#include "loket-test-utils.h"
#include "review-fixture.h"

static LoketPdfDocument *
open_pdf (guint n_pages)
{
  g_autoptr (GBytes) bytes = review_make_pdf_bytes (n_pages);
  g_autoptr (GError) error = NULL;
  LoketPdfDocument *doc = loket_pdf_document_new_from_bytes (bytes, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (doc);
  return doc;
}

/* 0xAARRGGBB of pixel (@x, @y). */
static guint32
pixel (cairo_surface_t *surface, int x, int y)
{
  const guint8 *data = cairo_image_surface_get_data (surface);

  g_assert_cmpint (x, <, cairo_image_surface_get_width (surface));
  g_assert_cmpint (y, <, cairo_image_surface_get_height (surface));
  return *(const guint32 *) (gconstpointer) (data + y * cairo_image_surface_get_stride (surface)
                                             + x * 4);
}

#define RED 0xffff0000u
#define WHITE 0xffffffffu
#define BLUE 0xff0000ffu

static void
test_render_pixels (void)
{
  g_autoptr (LoketPdfDocument) doc = open_pdf (3);
  g_autoptr (GError) error = NULL;
  cairo_surface_t *surface;
  double           width, height;

  g_assert_cmpint (loket_pdf_document_get_kind (doc), ==, LOKET_DOC_KIND_PDF);
  g_assert_cmpuint (loket_pdf_document_get_n_pages (doc), ==, 3);
  loket_pdf_document_get_page_size (doc, 1, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, REVIEW_PAGE_WIDTH, 0.01);
  g_assert_cmpfloat_with_epsilon (height, REVIEW_PAGE_HEIGHT, 0.01);

  /* Scale 2: the red box spans (200, 200)–(400, 300) pixels. */
  surface = loket_pdf_document_render_page (doc, 0, 2.0, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 1190);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 1684);
  g_assert_cmphex (pixel (surface, 300, 250), ==, RED);
  g_assert_cmphex (pixel (surface, 204, 204), ==, RED);
  g_assert_cmphex (pixel (surface, 196, 250), ==, WHITE);
  g_assert_cmphex (pixel (surface, 404, 250), ==, WHITE);
  g_assert_cmphex (pixel (surface, 10, 10), ==, WHITE);
  cairo_surface_destroy (surface);

  /* Turned 90° clockwise: (x, y) goes to (height − y, x). */
  surface = loket_pdf_document_render_page (doc, 0, 1.0, 90, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 842);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 595);
  g_assert_cmphex (pixel (surface, 842 - 125, 150), ==, RED);
  g_assert_cmphex (pixel (surface, 125, 150), ==, WHITE);
  cairo_surface_destroy (surface);

  /* 180°: (x, y) goes to (width − x, height − y). */
  surface = loket_pdf_document_render_page (doc, 0, 1.0, 180, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmphex (pixel (surface, 595 - 150, 842 - 125), ==, RED);
  cairo_surface_destroy (surface);

  /* A page without the box has no red anywhere along the box's row. */
  surface = loket_pdf_document_render_page (doc, 1, 1.0, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmphex (pixel (surface, 150, 125), ==, WHITE);
  cairo_surface_destroy (surface);

  surface = loket_pdf_document_render_page (doc, 3, 1.0, 0, NULL, &error);
  g_assert_error (error, LOKET_DOC_ERROR, LOKET_DOC_ERROR_PAGE);
  g_assert_null (surface);
}

static void
test_text (void)
{
  g_autoptr (LoketPdfDocument) doc = open_pdf (4);
  g_autoptr (GArray) hits = loket_pdf_document_find_text (doc, 3, "KEPALA dinas");
  g_autoptr (GArray) none = loket_pdf_document_find_text (doc, 2, "Kepala Dinas");
  g_autoptr (GArray) accent = loket_pdf_document_find_text (doc, 2, "rekomendasi");
  g_autoptr (GArray) selection = NULL;
  LoketDocRect     area = { 60, 180, 200, 30 };
  g_autofree char *text = NULL;
  LoketDocRect    *rect;

  /* Found ignoring case, at the baseline y = 300 (origin top left). */
  g_assert_cmpuint (hits->len, ==, 1);
  rect = &g_array_index (hits, LoketDocRect, 0);
  g_assert_cmpfloat_with_epsilon (rect->x, 72, 1.5);
  g_assert_cmpfloat (rect->y, >, 280);
  g_assert_cmpfloat (rect->y, <, 300);
  g_assert_cmpfloat (rect->y + rect->height, >, 298);
  g_assert_cmpfloat (rect->y + rect->height, <, 306);
  g_assert_cmpfloat (rect->width, >, 60);
  g_assert_cmpfloat (rect->width, <, 120);
  g_assert_cmpuint (none->len, ==, 0);
  /* Diacritics ignored: "rekomendasi" finds "Rékomendasi". */
  g_assert_cmpuint (accent->len, ==, 1);

  text = loket_pdf_document_get_text (doc, 1, &area);
  g_assert_nonnull (strstr (text, "Halaman 2"));
  selection = loket_pdf_document_get_selection (doc, 1, &area);
  g_assert_cmpuint (selection->len, >, 0);
  rect = &g_array_index (selection, LoketDocRect, 0);
  g_assert_cmpfloat (rect->y, >, 180);
  g_assert_cmpfloat (rect->y, <, 200);
}

static gboolean
find_finished (gpointer data)
{
  return loket_find_job_get_finished (data);
}

static void
test_find_job (void)
{
  g_autoptr (LoketPdfDocument) doc = open_pdf (20);
  g_autoptr (LoketRenderQueue) queue = loket_render_queue_new (doc);
  g_autoptr (LoketFindJob) job = loket_find_job_new (queue, "kepala dinas");
  GListModel *hits;
  guint       expected[] = { 3, 8, 13, 18 };

  loket_find_job_start (job);
  g_assert_true (loket_test_wait_until (find_finished, job, 10000));
  g_assert_cmpuint (loket_find_job_get_n_pages_done (job), ==, 20);
  hits = loket_find_job_get_hits (job);
  g_assert_cmpuint (g_list_model_get_n_items (hits), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr (LoketSearchHit) hit = g_list_model_get_item (hits, i);

      g_assert_cmpuint (loket_search_hit_get_page (hit), ==, expected[i]);
    }
}

/* A job that holds the worker until the test lets it go. */
typedef struct
{
  GMutex   lock;
  GCond    cond;
  gboolean started;
  gboolean released;
  GArray  *order; /* main thread: the order completions arrived in */
} Blocker;

static gpointer
block_worker (LoketPdfDocument *doc, gpointer data, GCancellable *cancellable, GError **error)
{
  Blocker *blocker = data;

  g_mutex_lock (&blocker->lock);
  blocker->started = TRUE;
  g_cond_broadcast (&blocker->cond);
  while (!blocker->released)
    g_cond_wait (&blocker->cond, &blocker->lock);
  g_mutex_unlock (&blocker->lock);
  return g_strdup ("released");
}

static void
wait_started (Blocker *blocker)
{
  g_mutex_lock (&blocker->lock);
  while (!blocker->started)
    g_cond_wait (&blocker->cond, &blocker->lock);
  g_mutex_unlock (&blocker->lock);
}

static void
release (Blocker *blocker)
{
  g_mutex_lock (&blocker->lock);
  blocker->released = TRUE;
  g_cond_broadcast (&blocker->cond);
  g_mutex_unlock (&blocker->lock);
}

typedef struct
{
  LoketRenderQueue *queue;
  Blocker          *blocker;
  int               tag;
  cairo_surface_t  *surface;
  GError           *error;
  gboolean          done;
} Request;

static void
rendered_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Request *request = user_data;

  request->surface = loket_render_queue_render_finish (request->queue, result, &request->error);
  request->done = TRUE;
  g_array_append_val (request->blocker->order, request->tag);
}

static void
ran_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Request         *request = user_data;
  g_autofree char *text = loket_render_queue_run_finish (request->queue, result, &request->error);

  request->done = TRUE;
  g_array_append_val (request->blocker->order, request->tag);
}

static gboolean
request_done (gpointer data)
{
  return ((Request *) data)->done;
}

static void
test_queue_cancel_and_priority (void)
{
  g_autoptr (LoketPdfDocument) doc = open_pdf (3);
  g_autoptr (LoketRenderQueue) queue = loket_render_queue_new (doc);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  Blocker blocker = { 0 };
  Request block = { queue, &blocker, 0 };
  Request dropped = { queue, &blocker, 1 };
  Request background = { queue, &blocker, 2 };
  Request visible = { queue, &blocker, 3 };
  Request again = { queue, &blocker, 4 };

  g_mutex_init (&blocker.lock);
  g_cond_init (&blocker.cond);
  blocker.order = g_array_new (FALSE, FALSE, sizeof (int));

  loket_render_queue_run_async (queue, LOKET_RENDER_PRIORITY_BACKGROUND, block_worker, &blocker,
                                NULL, g_free, NULL, ran_cb, &block);
  wait_started (&blocker);

  /* While the worker is busy: a render that gets cancelled, a background job, then a visible
   * render that must overtake the background job. */
  loket_render_queue_render_async (queue, 0, 1.0, 0, LOKET_RENDER_PRIORITY_VISIBLE, cancellable,
                                   rendered_cb, &dropped);
  loket_render_queue_run_async (queue, LOKET_RENDER_PRIORITY_BACKGROUND, block_worker, &blocker,
                                NULL, g_free, NULL, ran_cb, &background);
  loket_render_queue_render_async (queue, 1, 1.0, 0, LOKET_RENDER_PRIORITY_VISIBLE, NULL,
                                   rendered_cb, &visible);
  g_cancellable_cancel (cancellable);
  release (&blocker);

  g_assert_true (loket_test_wait_until (request_done, &background, 10000));
  g_assert_true (loket_test_wait_until (request_done, &visible, 10000));
  g_assert_true (loket_test_wait_until (request_done, &dropped, 10000));

  g_assert_error (dropped.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (dropped.surface);
  g_assert_no_error (visible.error);
  g_assert_nonnull (visible.surface);
  /* Only the visible page was drawn: the cancelled one never reached poppler. */
  g_assert_cmpuint (loket_render_queue_get_n_rendered (queue), ==, 1);
  /* The visible render ran before the background job queued ahead of it. */
  {
    guint pos_visible = 0, pos_background = 0;

    for (guint i = 0; i < blocker.order->len; i++)
      {
        if (g_array_index (blocker.order, int, i) == 3)
          pos_visible = i;
        if (g_array_index (blocker.order, int, i) == 2)
          pos_background = i;
      }
    g_assert_cmpuint (pos_visible, <, pos_background);
  }

  /* The same page again comes from the cache. */
  loket_render_queue_render_async (queue, 1, 1.0, 0, LOKET_RENDER_PRIORITY_VISIBLE, NULL,
                                   rendered_cb, &again);
  g_assert_true (loket_test_wait_until (request_done, &again, 10000));
  g_assert_no_error (again.error);
  g_assert_true (again.surface == visible.surface);
  g_assert_cmpuint (loket_render_queue_get_n_rendered (queue), ==, 1);

  cairo_surface_destroy (visible.surface);
  cairo_surface_destroy (again.surface);
  g_clear_error (&dropped.error);
  g_array_unref (blocker.order);
  g_mutex_clear (&blocker.lock);
  g_cond_clear (&blocker.cond);
}

static void
assert_load_error (GBytes *bytes, const char *password, int code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketPdfDocument) doc = loket_pdf_document_new_from_bytes (bytes, password, &error);

  g_assert_null (doc);
  g_assert_error (error, LOKET_DOC_ERROR, code);
  g_assert_cmpuint (strlen (error->message), >, 10);
}

static void
test_bad_files (void)
{
  g_autoptr (GBytes) pdf = review_make_pdf_bytes (3);
  g_autoptr (GBytes) half = g_bytes_new_from_bytes (pdf, 0, g_bytes_get_size (pdf) / 2);
  g_autoptr (GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr (GBytes) text = g_bytes_new_static ("Surat ini bukan PDF.\n", 21);
  g_autoptr (GBytes) png_truncated = NULL;
  g_autoptr (GByteArray) garbled = g_byte_array_new ();
  g_autoptr (GBytes) garbled_bytes = NULL;
  g_autoptr (GBytes) png = review_make_png (40, 20);
  const char *junk = "%PDF-1.5\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\n"
                     "trailer << /Root 1 0 R >>\n%%EOF\n";

  assert_load_error (half, NULL, LOKET_DOC_ERROR_TRUNCATED);
  assert_load_error (empty, NULL, LOKET_DOC_ERROR_CORRUPT);
  assert_load_error (text, NULL, LOKET_DOC_ERROR_CORRUPT);
  g_byte_array_append (garbled, (const guint8 *) junk, strlen (junk));
  garbled_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&garbled));
  assert_load_error (garbled_bytes, NULL, LOKET_DOC_ERROR_CORRUPT);
  png_truncated = g_bytes_new_from_bytes (png, 0, 40);
  assert_load_error (png_truncated, NULL, LOKET_DOC_ERROR_CORRUPT);
}

/* Damage at random places: every result is either a document whose pages all render or a
 * LOKET_DOC_ERROR — never a crash. */
static void
test_damaged_bytes (void)
{
  g_autoptr (GBytes) pdf = review_make_pdf_bytes (3);
  gsize  size = g_bytes_get_size (pdf);
  GRand *rand = g_rand_new_with_seed (20261122);

  for (guint round = 0; round < 40; round++)
    {
      g_autofree guint8 *data = g_memdup2 (g_bytes_get_data (pdf, NULL), size);
      g_autoptr (GBytes) damaged = NULL;
      g_autoptr (GError) error = NULL;
      g_autoptr (LoketPdfDocument) doc = NULL;

      for (guint i = 0; i < 1 + round % 8; i++)
        data[g_rand_int_range (rand, 0, (gint32) size)] = (guint8) g_rand_int_range (rand, 0, 256);
      damaged = g_bytes_new (data, size);
      doc = loket_pdf_document_new_from_bytes (damaged, NULL, &error);
      if (doc == NULL)
        {
          g_assert_true (error->domain == LOKET_DOC_ERROR);
          continue;
        }
      g_assert_no_error (error);
      for (guint page = 0; page < loket_pdf_document_get_n_pages (doc); page++)
        {
          g_autoptr (GError) render_error = NULL;
          cairo_surface_t *surface
            = loket_pdf_document_render_page (doc, page, 0.5, 0, NULL, &render_error);
          g_autoptr (GArray) hits = loket_pdf_document_find_text (doc, page, "halaman");

          g_assert_true ((surface == NULL) == (render_error != NULL));
          g_clear_pointer (&surface, cairo_surface_destroy);
        }
    }
  g_rand_free (rand);
}

static void
test_encrypted (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("loket-docview-XXXXXX", &error);
  g_autofree char *plain = g_build_filename (dir, "plain.pdf", NULL);
  g_autofree char *locked = g_build_filename (dir, "locked.pdf", NULL);
  g_autofree char *out = NULL;
  g_autoptr (GFile) file = g_file_new_for_path (locked);
  g_autoptr (GBytes) bytes = NULL;
  g_autoptr (LoketPdfDocument) doc = NULL;

  if (g_find_program_in_path ("qpdf") == NULL)
    {
      g_test_skip ("qpdf is not installed (scripts/install-deps.sh)");
      return;
    }
  review_make_pdf (plain, 2);
  g_assert_cmpint (
    loket_test_run_tool (&out, "qpdf", "--encrypt", "bukaaku", "pemilik", "256", "--", plain, locked, NULL),
    ==, 0);
  bytes = g_file_load_bytes (file, NULL, NULL, &error);
  g_assert_no_error (error);

  assert_load_error (bytes, NULL, LOKET_DOC_ERROR_NEEDS_PASSWORD);
  assert_load_error (bytes, "salah", LOKET_DOC_ERROR_BAD_PASSWORD);
  doc = loket_pdf_document_new_from_file (file, "bukaaku", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loket_pdf_document_get_n_pages (doc), ==, 2);
  {
    g_autoptr (GArray) hits = loket_pdf_document_find_text (doc, 1, "halaman 2");

    g_assert_cmpuint (hits->len, ==, 1);
  }
  loket_test_remove_tree (dir);
}

static void
test_images (void)
{
  g_autoptr (GBytes) png = review_make_png (400, 200);
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketPdfDocument) doc = loket_pdf_document_new_from_bytes (png, NULL, &error);
  g_autoptr (GdkPixbuf) pixbuf = NULL;
  g_autofree char *jpeg_data = NULL;
  gsize            jpeg_size = 0;
  g_autoptr (GBytes) jpeg = NULL;
  g_autoptr (LoketPdfDocument) jdoc = NULL;
  cairo_surface_t *surface;
  double           width, height;

  g_assert_no_error (error);
  g_assert_cmpint (loket_pdf_document_get_kind (doc), ==, LOKET_DOC_KIND_IMAGE);
  g_assert_cmpuint (loket_pdf_document_get_n_pages (doc), ==, 1);
  loket_pdf_document_get_page_size (doc, 0, &width, &height);
  g_assert_cmpfloat_with_epsilon (width, 400, 0.01); /* small picture: 72 dpi */
  g_assert_cmpfloat_with_epsilon (height, 200, 0.01);
  surface = loket_pdf_document_render_page (doc, 0, 0.5, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 200);
  g_assert_cmphex (pixel (surface, 50, 50), ==, BLUE);
  g_assert_cmphex (pixel (surface, 150, 50), ==, WHITE);
  cairo_surface_destroy (surface);

  /* The same picture as JPEG (what scanners and phones send). */
  {
    g_autoptr (GdkPixbufLoader) loader = gdk_pixbuf_loader_new ();

    g_assert_true (gdk_pixbuf_loader_write (loader, g_bytes_get_data (png, NULL),
                                            g_bytes_get_size (png), &error));
    g_assert_true (gdk_pixbuf_loader_close (loader, &error));
    pixbuf = g_object_ref (gdk_pixbuf_loader_get_pixbuf (loader));
  }
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &jpeg_data, &jpeg_size, "jpeg", &error,
                                            "quality", "95", NULL));
  jpeg = g_bytes_new (jpeg_data, jpeg_size);
  jdoc = loket_pdf_document_new_from_bytes (jpeg, NULL, &error);
  g_assert_no_error (error);
  surface = loket_pdf_document_render_page (jdoc, 0, 1.0, 90, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cairo_image_surface_get_width (surface), ==, 200);
  g_assert_cmpint (cairo_image_surface_get_height (surface), ==, 400);
  /* Turned clockwise, the blue left half is on top. */
  g_assert_cmpuint (pixel (surface, 100, 100) & 0xff, >, 0xe0);
  g_assert_cmpuint ((pixel (surface, 100, 100) >> 16) & 0xff, <, 0x20);
  g_assert_cmphex (pixel (surface, 100, 300) | 0x0f0f0f, ==, WHITE);
  cairo_surface_destroy (surface);
}

static void
loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  LoketPdfDocument **doc = user_data;
  g_autoptr (GError) error = NULL;

  *doc = loket_pdf_document_load_finish (result, &error);
  g_assert_no_error (error);
}

static gboolean
pointer_set (gpointer data)
{
  return *(gpointer *) data != NULL;
}

static void
test_load_async (void)
{
  g_autoptr (GBytes) bytes = review_make_pdf_bytes (5);
  g_autoptr (LoketPdfDocument) doc = NULL;

  loket_pdf_document_load_async (bytes, NULL, NULL, NULL, loaded_cb, &doc);
  g_assert_true (loket_test_wait_until (pointer_set, &doc, 10000));
  g_assert_cmpuint (loket_pdf_document_get_n_pages (doc), ==, 5);
  g_assert_true (loket_pdf_document_get_bytes (doc) == bytes);
}

static void
queue_loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Request          *request = user_data;
  LoketPdfDocument *doc = loket_render_queue_load_finish (request->queue, result, &request->error);

  request->done = TRUE;
  g_clear_object (&doc);
}

/* Opening on the queue's worker: the document becomes the queue's, then renders there. */
static void
test_queue_load (void)
{
  g_autoptr (GBytes) bytes = review_make_pdf_bytes (4);
  g_autoptr (GBytes) half = g_bytes_new_from_bytes (bytes, 0, g_bytes_get_size (bytes) / 2);
  g_autoptr (LoketRenderQueue) queue = loket_render_queue_new (NULL);
  g_autoptr (LoketRenderQueue) broken = loket_render_queue_new (NULL);
  Blocker blocker = { 0 };
  Request load = { queue, &blocker, 0 };
  Request bad = { broken, &blocker, 1 };
  Request render = { queue, &blocker, 2 };

  blocker.order = g_array_new (FALSE, FALSE, sizeof (int));
  g_assert_null (loket_render_queue_get_document (queue));
  loket_render_queue_load_async (queue, bytes, NULL, NULL, NULL, queue_loaded_cb, &load);
  loket_render_queue_render_async (queue, 3, 1.0, 0, LOKET_RENDER_PRIORITY_VISIBLE, NULL,
                                   rendered_cb, &render);
  g_assert_true (loket_test_wait_until (request_done, &render, 10000));
  g_assert_true (load.done);
  g_assert_no_error (load.error);
  g_assert_no_error (render.error);
  g_assert_cmpint (cairo_image_surface_get_width (render.surface), ==, 595);
  g_assert_cmpuint (loket_pdf_document_get_n_pages (loket_render_queue_get_document (queue)), ==,
                    4);
  cairo_surface_destroy (render.surface);

  loket_render_queue_load_async (broken, half, NULL, NULL, NULL, queue_loaded_cb, &bad);
  g_assert_true (loket_test_wait_until (request_done, &bad, 10000));
  g_assert_error (bad.error, LOKET_DOC_ERROR, LOKET_DOC_ERROR_TRUNCATED);
  g_assert_null (loket_render_queue_get_document (broken));
  g_clear_error (&bad.error);
  g_array_unref (blocker.order);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cm/review/doc/render-pixels", test_render_pixels);
  g_test_add_func ("/cm/review/doc/text", test_text);
  g_test_add_func ("/cm/review/doc/find-job", test_find_job);
  g_test_add_func ("/cm/review/doc/queue-cancel-priority", test_queue_cancel_and_priority);
  g_test_add_func ("/cm/review/doc/bad-files", test_bad_files);
  g_test_add_func ("/cm/review/doc/damaged-bytes", test_damaged_bytes);
  g_test_add_func ("/cm/review/doc/encrypted", test_encrypted);
  g_test_add_func ("/cm/review/doc/images", test_images);
  g_test_add_func ("/cm/review/doc/load-async", test_load_async);
  g_test_add_func ("/cm/review/doc/queue-load", test_queue_load);
  return g_test_run ();
}
