// SPDX-License-Identifier: GPL-3.0-or-later
// Cairo image surfaces from the document layer as GdkTextures, without copying the pixels.
#pragma once

#include <cairo.h>
#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Wraps @surface (ARGB32, flushed; a reference is kept until the texture goes away). */
GdkTexture *loket_review_texture_new_for_surface (cairo_surface_t *surface) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
