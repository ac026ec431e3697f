// SPDX-License-Identifier: GPL-3.0-or-later
// One place where the searched text was found.

#include "config.h"

#include "loket-search-hit.h"

struct _LoketSearchHit
{
  GObject parent_instance;

  guint        page;
  LoketDocRect rect;
};

G_DEFINE_FINAL_TYPE (LoketSearchHit, loket_search_hit, G_TYPE_OBJECT)

static void
loket_search_hit_class_init (LoketSearchHitClass *klass)
{
}

static void
loket_search_hit_init (LoketSearchHit *self)
{
}

LoketSearchHit *
loket_search_hit_new (guint page, const LoketDocRect *rect)
{
  LoketSearchHit *self = g_object_new (LOKET_TYPE_SEARCH_HIT, NULL);

  g_return_val_if_fail (rect != NULL, self);
  self->page = page;
  self->rect = *rect;
  return self;
}

guint
loket_search_hit_get_page (LoketSearchHit *self)
{
  g_return_val_if_fail (LOKET_IS_SEARCH_HIT (self), 0);
  return self->page;
}

void
loket_search_hit_get_rect (LoketSearchHit *self, LoketDocRect *rect)
{
  g_return_if_fail (LOKET_IS_SEARCH_HIT (self));
  g_return_if_fail (rect != NULL);
  *rect = self->rect;
}
