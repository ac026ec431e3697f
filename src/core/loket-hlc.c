// SPDX-License-Identifier: GPL-3.0-or-later
// Hybrid logical clock: timestamps that sort in causal order across devices.

#include "config.h"

#include "loket-hlc.h"

#include <glib/gi18n-lib.h>

#include "loket-error.h"

#include <string.h>

#define HLC_TEXT_LEN 22
#define HLC_WALL_DIGITS 15
#define HLC_MAX_WALL G_GINT64_CONSTANT (999999999999999)
#define HLC_MAX_COUNTER 999999u

struct _LoketHlc
{
  GObject parent_instance;

  LoketHlcNowFunc now_func;
  gpointer        user_data;

  /* The last timestamp issued or observed; @lock guards both (the store's worker thread and
   * the main thread may both take timestamps). */
  GMutex  lock;
  gint64  wall_ms;
  guint32 counter;
};

G_DEFINE_FINAL_TYPE (LoketHlc, loket_hlc, G_TYPE_OBJECT)

static gint64
real_now_ms (gpointer user_data)
{
  return g_get_real_time () / 1000;
}

/* Moves the state one tick past (wall_ms, counter); the counter spills into the wall part so
 * the result always fits the text format and always sorts after the previous one. */
static void
advance (LoketHlc *self)
{
  if (self->counter < HLC_MAX_COUNTER)
    {
      self->counter++;
    }
  else
    {
      self->wall_ms++;
      self->counter = 0;
    }
}

static void
loket_hlc_finalize (GObject *object)
{
  LoketHlc *self = (LoketHlc *) object;

  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (loket_hlc_parent_class)->finalize (object);
}

static void
loket_hlc_class_init (LoketHlcClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = loket_hlc_finalize;
}

static void
loket_hlc_init (LoketHlc *self)
{
  g_mutex_init (&self->lock);
  self->now_func = real_now_ms;
}

LoketHlc *
loket_hlc_new (void)
{
  return g_object_new (LOKET_TYPE_HLC, NULL);
}

LoketHlc *
loket_hlc_new_with_clock (LoketHlcNowFunc now_func, gpointer user_data)
{
  LoketHlc *self;

  g_return_val_if_fail (now_func != NULL, NULL);

  self = g_object_new (LOKET_TYPE_HLC, NULL);
  self->now_func = now_func;
  self->user_data = user_data;

  return self;
}

char *
loket_hlc_now (LoketHlc *self)
{
  g_autoptr (GMutexLocker) locker = NULL;
  gint64 physical;

  g_return_val_if_fail (LOKET_IS_HLC (self), NULL);

  locker = g_mutex_locker_new (&self->lock);
  physical = CLAMP (self->now_func (self->user_data), 0, HLC_MAX_WALL);

  if (physical > self->wall_ms)
    {
      self->wall_ms = physical;
      self->counter = 0;
    }
  else
    {
      /* The wall clock stood still or went back: keep the logical time moving forward. */
      advance (self);
    }

  return loket_hlc_format (self->wall_ms, self->counter);
}

gboolean
loket_hlc_observe (LoketHlc *self, const char *remote, GError **error)
{
  g_autoptr (GMutexLocker) locker = NULL;
  gint64  wall_ms;
  guint32 counter;

  g_return_val_if_fail (LOKET_IS_HLC (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (remote == NULL || !loket_hlc_parse (remote, &wall_ms, &counter))
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _ ("Malformed clock timestamp"));
      return FALSE;
    }

  locker = g_mutex_locker_new (&self->lock);

  /* Every later now() must sort after what we have seen. */
  if (wall_ms > self->wall_ms || (wall_ms == self->wall_ms && counter > self->counter))
    {
      self->wall_ms = wall_ms;
      self->counter = counter;
    }

  return TRUE;
}

gboolean
loket_hlc_parse (const char *text, gint64 *wall_ms, guint32 *counter)
{
  gint64  wall = 0;
  guint32 count = 0;

  if (text == NULL || strlen (text) != HLC_TEXT_LEN || text[HLC_WALL_DIGITS] != '-')
    return FALSE;

  for (guint i = 0; i < HLC_TEXT_LEN; i++)
    {
      if (i == HLC_WALL_DIGITS)
        continue;
      if (!g_ascii_isdigit (text[i]))
        return FALSE;
      if (i < HLC_WALL_DIGITS)
        wall = wall * 10 + (text[i] - '0');
      else
        count = count * 10 + (guint32) (text[i] - '0');
    }

  if (wall_ms != NULL)
    *wall_ms = wall;
  if (counter != NULL)
    *counter = count;

  return TRUE;
}

char *
loket_hlc_format (gint64 wall_ms, guint32 counter)
{
  g_return_val_if_fail (wall_ms >= 0 && wall_ms <= HLC_MAX_WALL, NULL);
  g_return_val_if_fail (counter <= HLC_MAX_COUNTER, NULL);

  return g_strdup_printf ("%015" G_GINT64_FORMAT "-%06u", wall_ms, counter);
}
