// SPDX-License-Identifier: GPL-3.0-or-later
// The neutral demo emblem of our own (a shield with a star and bands): no real government emblem.
#include "config.h"

#include <math.h>

#include "loket-letter-render-private.h"

static void
shield_path (cairo_t *cr, double x, double y, double w, double h)
{
  cairo_new_path (cr);
  cairo_move_to (cr, x, y);
  cairo_line_to (cr, x + w, y);
  cairo_line_to (cr, x + w, y + h * 0.55);
  cairo_curve_to (cr, x + w, y + h * 0.8, x + w * 0.7, y + h * 0.92, x + w / 2, y + h);
  cairo_curve_to (cr, x + w * 0.3, y + h * 0.92, x, y + h * 0.8, x, y + h * 0.55);
  cairo_close_path (cr);
}

static void
star_path (cairo_t *cr, double cx, double cy, double r)
{
  cairo_new_path (cr);
  for (int i = 0; i < 10; i++)
    {
      double angle = -G_PI / 2 + i * G_PI / 5;
      double radius = i % 2 == 0 ? r : r * 0.42;
      double px = cx + radius * cos (angle);
      double py = cy + radius * sin (angle);

      if (i == 0)
        cairo_move_to (cr, px, py);
      else
        cairo_line_to (cr, px, py);
    }
  cairo_close_path (cr);
}

void
loket_letter_draw_emblem (cairo_t *cr, double x, double y, double size)
{
  double w = size * 0.82;
  double h = size;
  double sx = x + (size - w) / 2;

  cairo_save (cr);
  /* shield: dark blue-grey rim, light field */
  shield_path (cr, sx, y, w, h);
  cairo_set_source_rgb (cr, 0.16, 0.27, 0.42);
  cairo_fill (cr);
  shield_path (cr, sx + w * 0.07, y + h * 0.06, w * 0.86, h * 0.86);
  cairo_set_source_rgb (cr, 0.93, 0.95, 0.97);
  cairo_fill (cr);
  /* star */
  star_path (cr, sx + w / 2, y + h * 0.3, w * 0.2);
  cairo_set_source_rgb (cr, 0.80, 0.62, 0.15);
  cairo_fill (cr);
  /* three bands: service, order, care */
  cairo_set_source_rgb (cr, 0.16, 0.27, 0.42);
  for (int i = 0; i < 3; i++)
    {
      double by = y + h * (0.55 + i * 0.09);
      double inset = w * (0.2 + i * 0.06);

      cairo_rectangle (cr, sx + inset, by, w - 2 * inset, h * 0.045);
    }
  cairo_fill (cr);
  cairo_restore (cr);
}
