// SPDX-License-Identifier: GPL-3.0-or-later
// One place where the searched text was found: a page and a rectangle on it (PDF points, origin
// top left, unrotated). GTK-free.
#pragma once

#include <gio/gio.h>

#include "loket-pdf-document.h"

G_BEGIN_DECLS

#define LOKET_TYPE_SEARCH_HIT (loket_search_hit_get_type ())

G_DECLARE_FINAL_TYPE (LoketSearchHit, loket_search_hit, LOKET, SEARCH_HIT, GObject)

LoketSearchHit *loket_search_hit_new      (guint               page,
                                           const LoketDocRect *rect) G_GNUC_WARN_UNUSED_RESULT;
/* 0-based */
guint           loket_search_hit_get_page (LoketSearchHit     *self);
void            loket_search_hit_get_rect (LoketSearchHit     *self,
                                           LoketDocRect       *rect);

G_END_DECLS
