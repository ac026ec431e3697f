// SPDX-License-Identifier: GPL-3.0-or-later
// Documents the review tests and benchmarks draw with cairo at test time.

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib/gstdio.h>

#include "review-fixture.h"

static cairo_status_t
append_bytes (void *closure, const unsigned char *data, unsigned int length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

static void
draw_pages (cairo_surface_t *surface, guint n_pages)
{
  cairo_t *cr = cairo_create (surface);

  cairo_select_font_face (cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *title = g_strdup_printf ("Halaman %u", i + 1);

      if (i == 0)
        {
          cairo_set_source_rgb (cr, 1, 0, 0);
          cairo_rectangle (cr, REVIEW_BOX_X, REVIEW_BOX_Y, REVIEW_BOX_W, REVIEW_BOX_H);
          cairo_fill (cr);
        }
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_set_font_size (cr, 14);
      cairo_move_to (cr, 72, 200);
      cairo_show_text (cr, title);
      if (i % 5 == 3)
        {
          cairo_move_to (cr, 72, 300);
          cairo_show_text (cr, "Kepala Dinas");
        }
      if (i == 2)
        {
          cairo_move_to (cr, 72, 400);
          cairo_show_text (cr, "Rékomendasi");
        }
      cairo_set_font_size (cr, 10);
      for (guint line = 0; line < 30; line++)
        {
          cairo_move_to (cr, 72, 450 + line * 12);
          cairo_show_text (cr, "Menimbang bahwa untuk melaksanakan ketentuan peraturan daerah "
                               "perlu ditetapkan keputusan.");
        }
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
}

void
review_make_pdf (const char *path, guint n_pages)
{
  cairo_surface_t *surface = cairo_pdf_surface_create (path, REVIEW_PAGE_WIDTH, REVIEW_PAGE_HEIGHT);

  draw_pages (surface, n_pages);
  cairo_surface_destroy (surface);
}

GBytes *
review_make_pdf_bytes (guint n_pages)
{
  GByteArray      *array = g_byte_array_new ();
  cairo_surface_t *surface = cairo_pdf_surface_create_for_stream (
    append_bytes, array, REVIEW_PAGE_WIDTH, REVIEW_PAGE_HEIGHT);

  draw_pages (surface, n_pages);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (array);
}

GBytes *
review_make_png (int width, int height)
{
  GByteArray      *array = g_byte_array_new ();
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, width, height);
  cairo_t         *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0, 0, 1);
  cairo_rectangle (cr, 0, 0, width / 2.0, height);
  cairo_fill (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png_stream (surface, append_bytes, array), ==,
                   CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return g_byte_array_free_to_bytes (array);
}
