// SPDX-License-Identifier: GPL-3.0-or-later
// The QR code of a letter (libqrencode), drawn as Cairo rectangles so it stays vector in the PDF.
#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <qrencode.h>

#include "loket-error.h"
#include "loket-letter-render-private.h"

#define QUIET_ZONE 2 /* modules of white border inside @size (the page around it is white too) */

gboolean
loket_letter_draw_qr (cairo_t *cr, const char *payload, double x, double y, double size,
                      GError **error)
{
  QRcode *code = QRcode_encodeString (payload, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
  double module;

  if (code == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_FAILED, _("Could not make the QR code: %s"),
                   g_strerror (errno));
      return FALSE;
    }

  module = size / (code->width + 2 * QUIET_ZONE);
  cairo_save (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_rectangle (cr, x, y, size, size);
  cairo_fill (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int row = 0; row < code->width; row++)
    {
      int col = 0;

      while (col < code->width)
        {
          int start;

          if (!(code->data[row * code->width + col] & 1))
            {
              col++;
              continue;
            }
          start = col;
          while (col < code->width && (code->data[row * code->width + col] & 1))
            col++;
          cairo_rectangle (cr, x + (start + QUIET_ZONE) * module, y + (row + QUIET_ZONE) * module,
                           (col - start) * module, module);
        }
    }
  /* nonzero fill of abutting rectangles leaves no hairline gaps between rows */
  cairo_fill (cr);
  cairo_restore (cr);
  QRcode_free (code);
  return TRUE;
}
