// SPDX-License-Identifier: GPL-3.0-or-later
// The QR code of a letter (libqrencode): one image pixel per module, scaled without smoothing.
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <qrencode.h>

#include "loket-error.h"
#include "loket-letter-render-private.h"

#define PIXELS 4     /* image pixels per module */
#define QUIET_ZONE 2 /* modules of white border inside @size (the page around it is white too) */

gboolean
loket_letter_draw_qr (cairo_t    *cr,
                      const char *payload,
                      double      x,
                      double      y,
                      double      size,
                      GError    **error)
{
  QRcode *code = QRcode_encodeString (payload, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  double  module;

  if (code == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_FAILED, _ ("Could not make the QR code: %s"),
                   g_strerror (errno));
      return FALSE;
    }

  module = size / (code->width + 2 * QUIET_ZONE);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, size, size);
  cairo_fill (cr);
  {
    /* PIXELS pixels per module, scaled smoothly: crisp enough at any resolution, and a tiny image
     * is far cheaper to write than a path of hundreds of rectangles */
    int              side = code->width * PIXELS;
    cairo_surface_t *image = cairo_image_surface_create (CAIRO_FORMAT_RGB24, side, side);
    unsigned char   *data;
    int              stride;
    cairo_pattern_t *pattern;
    cairo_matrix_t   matrix;

    cairo_surface_flush (image);
    data = cairo_image_surface_get_data (image);
    stride = cairo_image_surface_get_stride (image);
    for (int row = 0; row < side; row++)
      for (int col = 0; col < side; col++)
        ((guint32 *) (data + row * stride))[col]
          = (code->data[(row / PIXELS) * code->width + col / PIXELS] & 1) ? 0x000000 : 0xffffff;
    cairo_surface_mark_dirty (image);
    pattern = cairo_pattern_create_for_surface (image);
    cairo_matrix_init_scale (&matrix, PIXELS / module, PIXELS / module);
    cairo_matrix_translate (&matrix, -(x + QUIET_ZONE * module), -(y + QUIET_ZONE * module));
    cairo_pattern_set_matrix (pattern, &matrix);
    cairo_set_source (cr, pattern);
    cairo_rectangle (cr, x + QUIET_ZONE * module, y + QUIET_ZONE * module, code->width * module,
                     code->width * module);
    cairo_fill (cr);
    cairo_pattern_destroy (pattern);
    cairo_surface_destroy (image);
  }
  cairo_restore (cr);
  QRcode_free (code);
  return TRUE;
}
