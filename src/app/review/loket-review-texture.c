// SPDX-License-Identifier: GPL-3.0-or-later
// Cairo image surfaces as GdkTextures, without copying the pixels (as Evince's
// gdk_texture_new_for_surface does).

#include "config.h"

#include "loket-review-texture.h"

GdkTexture *
loket_review_texture_new_for_surface (cairo_surface_t *surface)
{
  g_autoptr (GBytes) bytes = NULL;
  int stride, height;

  g_return_val_if_fail (surface != NULL, NULL);
  g_return_val_if_fail (cairo_image_surface_get_format (surface) == CAIRO_FORMAT_ARGB32, NULL);

  cairo_surface_flush (surface);
  stride = cairo_image_surface_get_stride (surface);
  height = cairo_image_surface_get_height (surface);
  bytes = g_bytes_new_with_free_func (
    cairo_image_surface_get_data (surface), (gsize) stride * (gsize) height,
    (GDestroyNotify) cairo_surface_destroy, cairo_surface_reference (surface));
  /* cairo's ARGB32 is premultiplied, native endian: GDK_MEMORY_DEFAULT. */
  return gdk_memory_texture_new (cairo_image_surface_get_width (surface), height,
                                 GDK_MEMORY_DEFAULT, bytes, stride);
}
