// SPDX-License-Identifier: GPL-3.0-or-later
// The dispositions of one case folded from its events: who sent what to whom, read, reported.
#include "config.h"

#include "loket-disposition-ledger.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "loket-error.h"

struct _LoketDispositionLedger
{
  GObject parent_instance;

  char       *case_uuid;
  GPtrArray  *items;   /* LoketDisposition, owned, send order */
  GPtrArray  *history; /* LoketDispositionStep, owned */
  GHashTable *by_key;  /* "id\x1fposition" → LoketDisposition (borrowed) */
  GHashTable *sent_device; /* disposition id → device of its disposition.sent */
  char       *holder;
};

G_DEFINE_FINAL_TYPE (LoketDispositionLedger, loket_disposition_ledger, G_TYPE_OBJECT)

static const char *const state_names[] = {
  [LOKET_DISPOSITION_UNREAD] = "unread",       [LOKET_DISPOSITION_READ] = "read",
  [LOKET_DISPOSITION_FORWARDED] = "forwarded", [LOKET_DISPOSITION_REPORTED] = "reported",
  [LOKET_DISPOSITION_WITHDRAWN] = "withdrawn",
};

/* ---- LoketDisposition --------------------------------------------------------------------- */

LoketDisposition *
loket_disposition_copy (const LoketDisposition *self)
{
  LoketDisposition *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (LoketDisposition, 1);
  *copy = *self;
  copy->id = g_strdup (self->id);
  copy->case_uuid = g_strdup (self->case_uuid);
  copy->parent_id = g_strdup (self->parent_id);
  copy->from_position = g_strdup (self->from_position);
  copy->from_person = g_strdup (self->from_person);
  copy->position_id = g_strdup (self->position_id);
  copy->instructions = g_strdupv (self->instructions);
  copy->note = g_strdup (self->note);
  copy->sent_hlc = g_strdup (self->sent_hlc);
  copy->escalated_to = g_strdup (self->escalated_to);
  copy->report_note = g_strdup (self->report_note);
  copy->report_blobs = g_strdupv (self->report_blobs);
  copy->reported_by = g_strdup (self->reported_by);
  return copy;
}

void
loket_disposition_free (LoketDisposition *self)
{
  if (self == NULL)
    return;
  g_free (self->id);
  g_free (self->case_uuid);
  g_free (self->parent_id);
  g_free (self->from_position);
  g_free (self->from_person);
  g_free (self->position_id);
  g_strfreev (self->instructions);
  g_free (self->note);
  g_free (self->sent_hlc);
  g_free (self->escalated_to);
  g_free (self->report_note);
  g_strfreev (self->report_blobs);
  g_free (self->reported_by);
  g_free (self);
}

gboolean
loket_disposition_is_open (const LoketDisposition *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->state == LOKET_DISPOSITION_UNREAD || self->state == LOKET_DISPOSITION_READ
         || self->state == LOKET_DISPOSITION_FORWARDED;
}

gboolean
loket_disposition_is_late (const LoketDisposition *self, gint64 now)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return loket_disposition_is_open (self) && self->due_at != 0 && now > self->due_at;
}

const char *
loket_disposition_state_to_string (LoketDispositionState state)
{
  g_return_val_if_fail ((guint) state < G_N_ELEMENTS (state_names), NULL);
  return state_names[state];
}

gboolean
loket_disposition_state_from_string (const char *text, LoketDispositionState *state)
{
  g_return_val_if_fail (state != NULL, FALSE);
  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (state_names); i++)
    if (g_str_equal (text, state_names[i]))
      {
        *state = (LoketDispositionState) i;
        return TRUE;
      }
  return FALSE;
}

void
loket_disposition_step_free (LoketDispositionStep *self)
{
  if (self == NULL)
    return;
  g_free (self->hlc);
  g_free (self->disposition_id);
  g_free (self->parent_id);
  g_free (self->person_id);
  g_free (self->position_id);
  g_strfreev (self->to);
  g_strfreev (self->instructions);
  g_free (self->note);
  g_strfreev (self->blobs);
  g_free (self);
}

/* ---- Body readers ------------------------------------------------------------------------- */

static gboolean
read_string (const LoketJsonValue *body,
             LoketEvent           *event,
             const char           *member,
             gboolean              required,
             const char          **out,
             GError              **error)
{
  const LoketJsonValue *node = loket_json_value_get_member (body, member);

  *out = NULL;
  if (node == NULL || node->type == LOKET_JSON_NULL)
    return required ? loket_event_body_invalid (event, member, _ ("is missing"), error) : TRUE;
  if (node->type != LOKET_JSON_STRING || *node->v.string == '\0')
    return loket_event_body_invalid (event, member, _ ("must be non-empty text"), error);
  *out = node->v.string;
  return TRUE;
}

/* A list of non-empty strings; NULL in *out when absent. */
static gboolean
read_strv (const LoketJsonValue *body,
           LoketEvent           *event,
           const char           *member,
           GStrv                *out,
           GError              **error)
{
  const LoketJsonValue *node = loket_json_value_get_member (body, member);
  GStrv                 strv;
  guint                 i = 0;

  *out = NULL;
  if (node == NULL || node->type == LOKET_JSON_NULL)
    return TRUE;
  if (node->type != LOKET_JSON_ARRAY)
    return loket_event_body_invalid (event, member, _ ("must be a list"), error);
  for (const LoketJsonValue *e = node->v.first; e != NULL; e = e->next)
    if (e->type != LOKET_JSON_STRING || *e->v.string == '\0')
      return loket_event_body_invalid (event, member, _ ("must hold only non-empty text"), error);
  strv = g_new (char *, node->n_children + 1);
  for (const LoketJsonValue *e = node->v.first; e != NULL; e = e->next)
    strv[i++] = g_strdup (e->v.string);
  strv[i] = NULL;
  *out = strv;
  return TRUE;
}

/* @member as Unix s; when absent, @fallback. */
static gboolean
read_time (const LoketJsonValue *body,
           LoketEvent           *event,
           const char           *member,
           gint64                fallback,
           gint64               *out,
           GError              **error)
{
  const char *text;

  *out = fallback;
  if (!read_string (body, event, member, FALSE, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (!loket_iso8601_to_unix (text, out))
    return loket_event_body_invalid (event, member,
                                     _ ("is not an ISO 8601 date and time with a UTC offset"),
                                     error);
  return TRUE;
}

/* ---- Folding ------------------------------------------------------------------------------ */

static char *
make_key (const char *id, const char *position)
{
  return g_strconcat (id, "\x1f", position, NULL);
}

static LoketDisposition *
find (LoketDispositionLedger *self, const char *id, const char *position)
{
  if (position != NULL)
    {
      g_autofree char *key = make_key (id, position);
      return g_hash_table_lookup (self->by_key, key);
    }
  for (guint i = 0; i < self->items->len; i++)
    {
      LoketDisposition *d = g_ptr_array_index (self->items, i);
      if (g_str_equal (d->id, id))
        return d;
    }
  return NULL;
}

static LoketDispositionStep *
add_step (LoketDispositionLedger  *self,
          LoketDispositionStepKind kind,
          LoketEvent              *event,
          gint64                   at,
          const char              *id)
{
  LoketDispositionStep *step = g_new0 (LoketDispositionStep, 1);

  step->kind = kind;
  step->hlc = g_strdup (loket_event_get_hlc (event));
  step->at = at;
  step->disposition_id = g_strdup (id);
  step->person_id = g_strdup (loket_event_get_author (event));
  g_ptr_array_add (self->history, step);
  return step;
}

static void
set_holder (LoketDispositionLedger *self, const char *position)
{
  if (position == NULL)
    return;
  g_free (self->holder);
  self->holder = g_strdup (position);
}

/* Offline work on two PCs (DESIGN.md §4): another person on another device sent a disposition
 * with the same parent (both top-level, or both forwarding the same one) that is still open. The
 * fold keeps both; the flag lets the riwayat show them as concurrent. */
static void
mark_concurrent (LoketDispositionLedger *self,
                 LoketDispositionStep   *step,
                 LoketEvent             *event,
                 const char             *parent)
{
  const char *device = loket_event_get_device (event) ?: "";

  for (guint i = 0; i + 1 < self->history->len; i++)
    {
      LoketDispositionStep *other = g_ptr_array_index (self->history, i);
      const char *other_device;
      gboolean    open = FALSE;

      if (other->kind != LOKET_DISPOSITION_STEP_SENT || g_strcmp0 (other->parent_id, parent) != 0
          || g_strcmp0 (other->person_id, step->person_id) == 0)
        continue;
      other_device = g_hash_table_lookup (self->sent_device, other->disposition_id);
      if (other_device == NULL || *device == '\0' || g_str_equal (other_device, device))
        continue;
      for (guint j = 0; j < self->items->len && !open; j++)
        {
          LoketDisposition *d = g_ptr_array_index (self->items, j);
          open = g_str_equal (d->id, other->disposition_id) && loket_disposition_is_open (d);
        }
      if (open)
        {
          other->concurrent = TRUE;
          step->concurrent = TRUE;
        }
    }
}

static gboolean
apply_sent (LoketDispositionLedger *self,
            LoketEvent             *event,
            const LoketJsonValue   *body,
            GError                **error)
{
  const char *id, *from, *instruction, *note, *parent;
  g_auto (GStrv) to = NULL;
  g_auto (GStrv) instructions = NULL;
  gint64                at, due;
  LoketDispositionStep *step;

  if (!read_string (body, event, "id", FALSE, &id, error)
      || !read_string (body, event, "from", FALSE, &from, error)
      || !read_strv (body, event, "to", &to, error)
      || !read_string (body, event, "instruction", FALSE, &instruction, error)
      || !read_strv (body, event, "instructions", &instructions, error)
      || !read_string (body, event, "note", FALSE, &note, error)
      || !read_string (body, event, "parent", FALSE, &parent, error)
      || !read_time (body, event, "at", loket_event_get_wall_seconds (event), &at, error)
      || !read_time (body, event, "due", 0, &due, error))
    return FALSE;
  if (to == NULL || to[0] == NULL)
    return loket_event_body_invalid (event, "to", _ ("is empty"), error);
  if (instructions == NULL || instructions[0] == NULL)
    {
      const char *one[] = { instruction, NULL };

      if (instruction == NULL)
        return loket_event_body_invalid (event, "instruction", _ ("is missing"), error);
      g_clear_pointer (&instructions, g_strfreev);
      instructions = g_strdupv ((char **) one);
    }
  if (id == NULL)
    id = loket_event_get_uuid (event);

  /* The same id sent twice (a replayed event with another UUID): the first wins. */
  if (find (self, id, NULL) != NULL)
    return TRUE;

  step = add_step (self, LOKET_DISPOSITION_STEP_SENT, event, at, id);
  mark_concurrent (self, step, event, parent);
  g_hash_table_insert (self->sent_device, g_strdup (id),
                       g_strdup (loket_event_get_device (event) ?: ""));
  step->parent_id = g_strdup (parent);
  step->position_id = g_strdup (from);
  step->to = g_strdupv (to);
  step->instructions = g_strdupv (instructions);
  step->note = g_strdup (note);
  step->due_at = due;

  for (guint i = 0; to[i] != NULL; i++)
    {
      LoketDisposition *d;

      if (find (self, id, to[i]) != NULL)
        continue;
      d = g_new0 (LoketDisposition, 1);
      d->id = g_strdup (id);
      d->case_uuid = g_strdup (self->case_uuid);
      d->parent_id = g_strdup (parent);
      d->from_position = g_strdup (from);
      d->from_person = g_strdup (loket_event_get_author (event));
      d->position_id = g_strdup (to[i]);
      d->instructions = g_strdupv (instructions);
      d->note = g_strdup (note);
      d->sent_hlc = g_strdup (loket_event_get_hlc (event));
      d->sent_at = at;
      d->due_at = due;
      d->state = LOKET_DISPOSITION_UNREAD;
      g_ptr_array_add (self->items, d);
      g_hash_table_insert (self->by_key, make_key (id, to[i]), d);
    }

  /* Forwarding: the sender's own open disposition @parent is now passed down. */
  if (parent != NULL && from != NULL)
    {
      LoketDisposition *received = find (self, parent, from);

      if (received != NULL
          && (received->state == LOKET_DISPOSITION_UNREAD
              || received->state == LOKET_DISPOSITION_READ))
        {
          if (received->read_at == 0)
            received->read_at = at;
          received->forwarded_at = at;
          received->state = LOKET_DISPOSITION_FORWARDED;
        }
    }

  set_holder (self, to[0]);
  return TRUE;
}

/* read / reported / withdrawn / escalation.raised: a body without "id" (bodies written before
 * this contract) is counted only. */
static gboolean
apply_act (LoketDispositionLedger *self,
           LoketEvent             *event,
           const LoketJsonValue   *body,
           GError                **error)
{
  const char *type = loket_event_get_event_type (event);
  const char *id, *position, *note, *to;
  g_auto (GStrv) blobs = NULL;
  gint64                at, due;
  LoketDispositionStep *step;

  if (!read_string (body, event, "id", FALSE, &id, error)
      || !read_string (body, event, "position", FALSE, &position, error)
      || !read_string (body, event, "note", FALSE, &note, error)
      || !read_string (body, event, "to", FALSE, &to, error)
      || !read_strv (body, event, "blobs", &blobs, error)
      || !read_time (body, event, "at", loket_event_get_wall_seconds (event), &at, error)
      || !read_time (body, event, "due", 0, &due, error))
    return FALSE;
  if (id == NULL)
    return TRUE;

  if (g_str_equal (type, LOKET_EVENT_DISPOSITION_WITHDRAWN))
    {
      step = add_step (self, LOKET_DISPOSITION_STEP_WITHDRAWN, event, at, id);
      for (guint i = 0; i < self->items->len; i++)
        {
          LoketDisposition *d = g_ptr_array_index (self->items, i);

          if (!g_str_equal (d->id, id))
            continue;
          g_clear_pointer (&step->position_id, g_free);
          step->position_id = g_strdup (d->from_position);
          if (d->state == LOKET_DISPOSITION_UNREAD)
            {
              d->state = LOKET_DISPOSITION_WITHDRAWN;
              d->withdrawn_at = at;
            }
        }
      /* Like the projector: the case goes back to the sender (see EVENTS.md). */
      set_holder (self, step->position_id);
      return TRUE;
    }

  {
    LoketDisposition *d = find (self, id, position);

    if (g_str_equal (type, LOKET_EVENT_DISPOSITION_READ))
      {
        step = add_step (self, LOKET_DISPOSITION_STEP_READ, event, at, id);
        step->position_id = g_strdup (d != NULL ? d->position_id : position);
        if (d != NULL && d->state == LOKET_DISPOSITION_UNREAD)
          {
            d->state = LOKET_DISPOSITION_READ;
            d->read_at = at;
          }
      }
    else if (g_str_equal (type, LOKET_EVENT_DISPOSITION_REPORTED))
      {
        step = add_step (self, LOKET_DISPOSITION_STEP_REPORTED, event, at, id);
        step->position_id = g_strdup (d != NULL ? d->position_id : position);
        step->note = g_strdup (note);
        step->blobs = g_steal_pointer (&blobs);
        if (d != NULL && loket_disposition_is_open (d))
          {
            if (d->read_at == 0)
              d->read_at = at;
            d->state = LOKET_DISPOSITION_REPORTED;
            d->reported_at = at;
            d->report_note = g_strdup (note);
            d->report_blobs = g_strdupv (step->blobs);
            d->reported_by = g_strdup (loket_event_get_author (event));
            set_holder (self, d->from_position);
          }
      }
    else /* escalation.raised */
      {
        const char *escalated[] = { to, NULL };

        step = add_step (self, LOKET_DISPOSITION_STEP_ESCALATED, event, at, id);
        step->position_id = g_strdup (d != NULL ? d->position_id : position);
        step->to = to != NULL ? g_strdupv ((char **) escalated) : NULL;
        step->due_at = due;
        if (d != NULL && d->escalated_at == 0)
          {
            d->escalated_at = at;
            d->escalated_to = g_strdup (to);
          }
      }
  }
  return TRUE;
}

/* ---- GObject ------------------------------------------------------------------------------ */

static void
loket_disposition_ledger_finalize (GObject *object)
{
  LoketDispositionLedger *self = (LoketDispositionLedger *) object;

  g_free (self->case_uuid);
  g_hash_table_unref (self->by_key);
  g_hash_table_unref (self->sent_device);
  g_ptr_array_unref (self->items);
  g_ptr_array_unref (self->history);
  g_free (self->holder);

  G_OBJECT_CLASS (loket_disposition_ledger_parent_class)->finalize (object);
}

static void
loket_disposition_ledger_class_init (LoketDispositionLedgerClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = loket_disposition_ledger_finalize;
}

static void
loket_disposition_ledger_init (LoketDispositionLedger *self)
{
  self->items = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_disposition_free);
  self->history = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_disposition_step_free);
  self->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->sent_device = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

/* ---- Public API --------------------------------------------------------------------------- */

LoketDispositionLedger *
loket_disposition_ledger_new (const char *case_uuid)
{
  LoketDispositionLedger *self = g_object_new (LOKET_TYPE_DISPOSITION_LEDGER, NULL);

  self->case_uuid = g_strdup (case_uuid);
  return self;
}

static int
compare_events (gconstpointer a, gconstpointer b)
{
  return loket_event_compare (*(LoketEvent **) a, *(LoketEvent **) b);
}

LoketDispositionLedger *
loket_disposition_ledger_new_from_events (const char *case_uuid, GPtrArray *events, GError **error)
{
  g_autoptr (LoketDispositionLedger) self = loket_disposition_ledger_new (case_uuid);
  g_autoptr (GPtrArray) sorted = NULL;
  LoketEvent *previous = NULL;

  g_return_val_if_fail (events != NULL, NULL);

  sorted = g_ptr_array_new_full (events->len, g_object_unref);
  for (guint i = 0; i < events->len; i++)
    g_ptr_array_add (sorted, g_object_ref (g_ptr_array_index (events, i)));
  g_ptr_array_sort (sorted, compare_events);
  for (guint i = 0; i < sorted->len; i++)
    {
      LoketEvent *event = g_ptr_array_index (sorted, i);

      if (previous != NULL && loket_event_compare (previous, event) == 0)
        continue;
      if (!loket_disposition_ledger_apply (self, event, error))
        return NULL;
      previous = event;
    }
  return g_steal_pointer (&self);
}

gboolean
loket_disposition_ledger_apply (LoketDispositionLedger *self, LoketEvent *event, GError **error)
{
  const char *type;
  g_autoptr (LoketJsonDoc) doc = NULL;
  const LoketJsonValue *body;

  g_return_val_if_fail (LOKET_IS_DISPOSITION_LEDGER (self), FALSE);
  g_return_val_if_fail (LOKET_IS_EVENT (event), FALSE);

  type = loket_event_get_event_type (event);
  if (!g_str_equal (type, LOKET_EVENT_DISPOSITION_SENT)
      && !g_str_equal (type, LOKET_EVENT_DISPOSITION_READ)
      && !g_str_equal (type, LOKET_EVENT_DISPOSITION_REPORTED)
      && !g_str_equal (type, LOKET_EVENT_DISPOSITION_WITHDRAWN)
      && !g_str_equal (type, LOKET_EVENT_ESCALATION_RAISED))
    return TRUE;

  doc = loket_event_read_body (event, error);
  if (doc == NULL)
    return FALSE;
  body = loket_json_doc_get_root (doc);

  /* Validate before changing anything: both handlers read every member first. */
  if (g_str_equal (type, LOKET_EVENT_DISPOSITION_SENT))
    return apply_sent (self, event, body, error);
  return apply_act (self, event, body, error);
}

const char *
loket_disposition_ledger_get_case_uuid (LoketDispositionLedger *self)
{
  g_return_val_if_fail (LOKET_IS_DISPOSITION_LEDGER (self), NULL);
  return self->case_uuid;
}

GPtrArray *
loket_disposition_ledger_get_dispositions (LoketDispositionLedger *self)
{
  g_return_val_if_fail (LOKET_IS_DISPOSITION_LEDGER (self), NULL);
  return self->items;
}

const LoketDisposition *
loket_disposition_ledger_lookup (LoketDispositionLedger *self,
                                 const char             *id,
                                 const char             *position_id)
{
  g_return_val_if_fail (LOKET_IS_DISPOSITION_LEDGER (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  return find (self, id, position_id);
}

GPtrArray *
loket_disposition_ledger_get_history (LoketDispositionLedger *self)
{
  g_return_val_if_fail (LOKET_IS_DISPOSITION_LEDGER (self), NULL);
  return self->history;
}

const char *
loket_disposition_ledger_get_holder (LoketDispositionLedger *self)
{
  g_return_val_if_fail (LOKET_IS_DISPOSITION_LEDGER (self), NULL);
  return self->holder;
}
