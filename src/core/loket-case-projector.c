// SPDX-License-Identifier: GPL-3.0-or-later
// Events → LoketCase, deterministic: the same set of events in any order gives the same case.

#include "config.h"

#include "loket-case-projector.h"

#include <glib/gi18n-lib.h>

#include "loket-error.h"

#include <string.h>

struct _LoketCaseProjector
{
  GObject parent_instance;

  /* Owned references */
  LoketServiceCatalog *catalog;
  LoketWorkCalendar   *calendar;
};

G_DEFINE_FINAL_TYPE (LoketCaseProjector, loket_case_projector, G_TYPE_OBJECT)

typedef gboolean (*ApplyFunc) (LoketCaseProjector *self,
                               LoketCase          *kase,
                               LoketEvent           *event,
                               const LoketJsonValue *body,
                               GError              **error);

/* ---- Body readers ------------------------------------------------------------------------- */

/* A string member. NULL in *out when absent and not @required. */
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
  if (node->type != LOKET_JSON_STRING)
    return loket_event_body_invalid (event, member, _ ("must be text"), error);

  *out = node->v.string;
  if (required && **out == '\0')
    return loket_event_body_invalid (event, member, _ ("is empty"), error);

  return TRUE;
}

/* An ISO 8601 date-time with its UTC offset, as Unix seconds. */
static gboolean
read_time (const LoketJsonValue *body,
           LoketEvent           *event,
           const char           *member,
           gint64               *out,
           GError              **error)
{
  const char *text;

  if (!read_string (body, event, member, TRUE, &text, error))
    return FALSE;

  if (!loket_iso8601_to_unix (text, out))
    return loket_event_body_invalid (event, member,
                                     _ ("is not an ISO 8601 date and time with a UTC offset"),
                                     error);

  if (*out <= 0)
    return loket_event_body_invalid (event, member, _ ("is before 1970"), error);

  return TRUE;
}

static gboolean
read_bool (const LoketJsonValue *body,
           LoketEvent           *event,
           const char           *member,
           gboolean              required,
           gboolean             *out,
           GError              **error)
{
  const LoketJsonValue *node = loket_json_value_get_member (body, member);

  *out = FALSE;
  if (node == NULL || node->type == LOKET_JSON_NULL)
    return required ? loket_event_body_invalid (event, member, _ ("is missing"), error) : TRUE;
  if (node->type != LOKET_JSON_BOOLEAN)
    return loket_event_body_invalid (event, member, _ ("must be true or false"), error);

  *out = node->v.boolean;
  return TRUE;
}

/* An array of non-empty strings; @min_len elements at least. NULL in *out when absent and
 * @min_len is 0. */
static gboolean
read_string_array (const LoketJsonValue  *body,
                   LoketEvent            *event,
                   const char            *member,
                   guint                  min_len,
                   const LoketJsonValue **out,
                   GError               **error)
{
  const LoketJsonValue *array = loket_json_value_get_member (body, member);

  *out = NULL;
  if (array == NULL || array->type == LOKET_JSON_NULL)
    return min_len > 0 ? loket_event_body_invalid (event, member, _ ("is missing"), error) : TRUE;
  if (array->type != LOKET_JSON_ARRAY)
    return loket_event_body_invalid (event, member, _ ("must be a list"), error);

  if (array->n_children < min_len)
    return loket_event_body_invalid (event, member, _ ("is empty"), error);

  for (const LoketJsonValue *element = array->v.first; element != NULL; element = element->next)
    {
      if (element->type != LOKET_JSON_STRING || *element->v.string == '\0')
        return loket_event_body_invalid (event, member, _ ("must hold only non-empty text"), error);
    }

  *out = array;
  return TRUE;
}

/* ---- Clock and status --------------------------------------------------------------------- */

static const LoketSlaClause *
deadline_clause (LoketCaseProjector *self, LoketCase *kase)
{
  LoketService *service;

  if (loket_case_get_service_id (kase) == NULL)
    return NULL;

  service = loket_service_catalog_lookup (self->catalog, loket_case_get_service_id (kase));
  if (service == NULL)
    return NULL;

  return loket_service_get_deadline_clause (service, loket_case_get_channel (kase));
}

/* When the SLA clock started (Unix s), or 0 while it has not. */
static gint64
clock_start (LoketCaseProjector *self, LoketCase *kase)
{
  const LoketSlaClause *clause = deadline_clause (self, kase);

  if (clause == NULL || clause->unit == LOKET_SLA_UNIT_UNSPECIFIED)
    return 0;

  switch (clause->clock_start)
    {
      case LOKET_SLA_START_RECEIPT:
        return loket_case_get_received_at (kase);
      case LOKET_SLA_START_COMPLETE:
        return loket_case_get_complete_at (kase);
      case LOKET_SLA_START_EVENT:
      default:
        /* Stage clocks started by a named event are not case deadlines. */
        return 0;
    }
}

static gboolean
has_open_pause (LoketCase *kase)
{
  GArray *pauses = loket_case_get_pauses (kase);

  return pauses->len > 0 && g_array_index (pauses, LoketPause, pauses->len - 1).end == 0;
}

/* Ends the open pause at @at (never before it started). */
static void
end_open_pause (LoketCase *kase, gint64 at)
{
  GArray *pauses = loket_case_get_pauses (kase);

  if (!has_open_pause (kase))
    return;

  loket_case_end_pause (kase, MAX (at, g_array_index (pauses, LoketPause, pauses->len - 1).start));
}

static void
update_due (LoketCaseProjector *self, LoketCase *kase)
{
  const LoketSlaClause *clause = deadline_clause (self, kase);
  gint64                start = clock_start (self, kase);
  GArray               *pauses = loket_case_get_pauses (kase);
  g_autoptr (GArray) counted = NULL;

  if (clause == NULL || start == 0)
    {
      loket_case_set_due_at (kase, 0);
      return;
    }

  /* Only the part of each pause after the clock started stops it. */
  counted = g_array_sized_new (FALSE, FALSE, sizeof (LoketPause), pauses->len);
  for (guint i = 0; i < pauses->len; i++)
    {
      LoketPause pause = g_array_index (pauses, LoketPause, i);

      if (pause.end != 0 && pause.end <= start)
        continue;
      pause.start = MAX (pause.start, start);
      g_array_append_val (counted, pause);
    }

  loket_case_set_due_at (
    kase, loket_work_calendar_deadline (self->calendar, start, clause->value_max, clause->unit,
                                        (const LoketPause *) counted->data, counted->len));
}

/* The status a case has when nothing holds it up: in process once declared complete. */
static LoketCaseStatus
open_status (LoketCase *kase)
{
  return loket_case_get_complete_at (kase) != 0 ? LOKET_CASE_STATUS_IN_PROCESS
                                                : LOKET_CASE_STATUS_REGISTERED;
}

/* Workflow steps (drafts, letters) move the status unless the case is closed or on hold. */
static void
set_work_status (LoketCase *kase, LoketCaseStatus status)
{
  LoketCaseStatus current = loket_case_get_status (kase);

  if (current == LOKET_CASE_STATUS_CLOSED || current == LOKET_CASE_STATUS_PAUSED)
    return;

  loket_case_set_status (kase, status);
}

/* ---- Event handlers ----------------------------------------------------------------------- */

static gboolean
read_parties (const LoketJsonValue *body,
              LoketEvent           *event,
              const char          **applicant_name,
              const char          **applicant_nik,
              GError              **error)
{
  const LoketJsonValue *parties = loket_json_value_get_member (body, "parties");
  const LoketJsonValue *party;
  guint                 i = 0;

  if (parties == NULL || parties->type != LOKET_JSON_ARRAY)
    return loket_event_body_invalid (event, "parties", _ ("must be a list"), error);

  if (parties->n_children == 0)
    return loket_event_body_invalid (event, "parties", _ ("is empty"), error);

  for (party = parties->v.first; party != NULL; party = party->next, i++)
    {
      const char *kind, *name, *nik, *other;

      if (party->type != LOKET_JSON_OBJECT)
        return loket_event_body_invalid (event, "parties", _ ("must hold objects"), error);

      if (!read_string (party, event, "kind", TRUE, &kind, error)
          || !read_string (party, event, "name", TRUE, &name, error))
        return FALSE;

      if (g_str_equal (kind, "person"))
        {
          if (!read_string (party, event, "nik", TRUE, &nik, error)
              || !read_string (party, event, "address", FALSE, &other, error)
              || !read_string (party, event, "phone", FALSE, &other, error)
              || !read_string (party, event, "email", FALSE, &other, error))
            return FALSE;
        }
      else if (g_str_equal (kind, "organisation"))
        {
          nik = NULL;
          if (!read_string (party, event, "legal_number", FALSE, &other, error)
              || !read_string (party, event, "contact_person", FALSE, &other, error))
            return FALSE;
        }
      else
        {
          return loket_event_body_invalid (event, "kind",
                                           _ ("must be “person” or “organisation”"), error);
        }

      if (i == 0)
        {
          *applicant_name = name;
          *applicant_nik = nik;
        }
    }

  return TRUE;
}

static gboolean
apply_registered (LoketCaseProjector *self,
                  LoketCase          *kase,
                  LoketEvent           *event,
                  const LoketJsonValue *body,
                  GError              **error)
{
  const char   *agency, *service_id, *channel, *unit, *agenda, *subject;
  const char   *applicant_name = NULL, *applicant_nik = NULL;
  gint64        received_at;
  LoketService *service;
  const LoketJsonValue *letter;

  if (!read_string (body, event, "agency", TRUE, &agency, error)
      || !read_string (body, event, "service", TRUE, &service_id, error)
      || !read_string (body, event, "channel", TRUE, &channel, error)
      || !read_string (body, event, "unit", FALSE, &unit, error)
      || !read_string (body, event, "agenda_number", FALSE, &agenda, error)
      || !read_string (body, event, "subject", FALSE, &subject, error)
      || !read_time (body, event, "received_at", &received_at, error)
      || !read_parties (body, event, &applicant_name, &applicant_nik, error))
    return FALSE;

  letter = loket_json_value_get_member (body, "letter");
  if (letter != NULL && letter->type != LOKET_JSON_OBJECT && letter->type != LOKET_JSON_NULL)
    return loket_event_body_invalid (event, "letter", _ ("must be an object"), error);

  service = loket_service_catalog_lookup (self->catalog, service_id);
  if (service == NULL)
    return loket_event_body_invalid (event, "service", _ ("is not in the service catalog"), error);
  if (g_strcmp0 (loket_service_get_agency_id (service), agency) != 0)
    return loket_event_body_invalid (event, "agency", _ ("does not offer this service"), error);
  if (!loket_service_has_channel (service, channel))
    return loket_event_body_invalid (event, "channel",
                                     _ ("is not a channel of this service"), error);

  /* A case is registered once; a second registration (two desks, offline) is kept in the log
   * but the first one in (HLC, UUID) order wins. */
  if (loket_case_get_service_id (kase) != NULL)
    return TRUE;

  loket_case_set_agency_id (kase, agency);
  loket_case_set_service_id (kase, service_id);
  loket_case_set_channel (kase, channel);
  loket_case_set_unit_id (kase, unit != NULL ? unit : loket_service_get_unit_id (service));
  loket_case_set_agenda_number (kase, agenda);
  loket_case_set_subject (kase, subject);
  loket_case_set_applicant_name (kase, applicant_name);
  loket_case_set_applicant_nik (kase, applicant_nik);
  loket_case_set_received_at (kase, received_at);

  return TRUE;
}

static gboolean
apply_requirement_checked (LoketCaseProjector *self,
                           LoketCase          *kase,
                           LoketEvent         *event,
                           const LoketJsonValue *body,
                           GError            **error)
{
  const char           *requirement;
  gboolean              satisfied;
  const LoketJsonValue *blobs;

  return read_string (body, event, "requirement", TRUE, &requirement, error)
         && read_bool (body, event, "satisfied", TRUE, &satisfied, error)
         && read_string_array (body, event, "blobs", 0, &blobs, error);
}

static gboolean
apply_returned (LoketCaseProjector *self,
                LoketCase          *kase,
                LoketEvent         *event,
                const LoketJsonValue *body,
                GError            **error)
{
  gint64                at, start;
  const LoketJsonValue *missing;
  const char           *note;

  if (!read_time (body, event, "at", &at, error)
      || !read_string_array (body, event, "missing", 0, &missing, error)
      || !read_string (body, event, "note", FALSE, &note, error))
    return FALSE;

  if (loket_case_get_status (kase) == LOKET_CASE_STATUS_CLOSED)
    return TRUE;

  loket_case_set_status (kase, LOKET_CASE_STATUS_INCOMPLETE);

  start = clock_start (self, kase);
  if (start != 0 && !has_open_pause (kase))
    loket_case_add_pause (kase, MAX (at, start), 0);

  return TRUE;
}

static gboolean
apply_declared_complete (LoketCaseProjector *self,
                         LoketCase          *kase,
                         LoketEvent         *event,
                         const LoketJsonValue *body,
                         GError            **error)
{
  gint64 at;

  if (!read_time (body, event, "at", &at, error))
    return FALSE;

  if (loket_case_get_status (kase) == LOKET_CASE_STATUS_CLOSED)
    return TRUE;

  if (loket_case_get_complete_at (kase) == 0)
    loket_case_set_complete_at (kase, at);

  end_open_pause (kase, at);
  loket_case_set_status (kase, LOKET_CASE_STATUS_IN_PROCESS);

  return TRUE;
}

static gboolean
apply_paused (LoketCaseProjector *self,
              LoketCase          *kase,
              LoketEvent         *event,
              const LoketJsonValue *body,
              GError            **error)
{
  gint64      at;
  const char *reason;

  if (!read_time (body, event, "at", &at, error)
      || !read_string (body, event, "reason", FALSE, &reason, error))
    return FALSE;

  if (loket_case_get_status (kase) == LOKET_CASE_STATUS_CLOSED)
    return TRUE;

  if (!has_open_pause (kase))
    loket_case_add_pause (kase, at, 0);
  loket_case_set_status (kase, LOKET_CASE_STATUS_PAUSED);

  return TRUE;
}

static gboolean
apply_resumed (LoketCaseProjector *self,
               LoketCase          *kase,
               LoketEvent         *event,
               const LoketJsonValue *body,
               GError            **error)
{
  LoketCaseStatus status = loket_case_get_status (kase);
  gint64          at;

  if (!read_time (body, event, "at", &at, error))
    return FALSE;

  if (status == LOKET_CASE_STATUS_CLOSED)
    return TRUE;

  end_open_pause (kase, at);
  if (status == LOKET_CASE_STATUS_PAUSED || status == LOKET_CASE_STATUS_INCOMPLETE)
    loket_case_set_status (kase, open_status (kase));

  return TRUE;
}

static gboolean
apply_disposition_sent (LoketCaseProjector *self,
                        LoketCase          *kase,
                        LoketEvent         *event,
                        const LoketJsonValue *body,
                        GError            **error)
{
  const LoketJsonValue *to;
  const char           *instruction, *note;
  gint64                due;

  if (!read_string_array (body, event, "to", 1, &to, error)
      || !read_string (body, event, "instruction", TRUE, &instruction, error)
      || !read_string (body, event, "note", FALSE, &note, error))
    return FALSE;
  if (loket_json_value_get_member (body, "due") != NULL
      && !read_time (body, event, "due", &due, error))
    return FALSE;

  if (loket_case_get_status (kase) != LOKET_CASE_STATUS_CLOSED)
    loket_case_set_holder (kase, to->v.first->v.string);

  return TRUE;
}

/* disposition.reported goes back up to its sender ("to"); disposition.withdrawn returns the case
 * to the sender ("position"). Bodies written before these members existed move nothing. */
static gboolean
apply_disposition_back (LoketCaseProjector *self,
                        LoketCase          *kase,
                        LoketEvent         *event,
                        const LoketJsonValue *body,
                        GError            **error)
{
  const char *id, *back;
  gboolean    reported = g_str_equal (loket_event_get_event_type (event),
                                      LOKET_EVENT_DISPOSITION_REPORTED);

  if (!read_string (body, event, "id", FALSE, &id, error)
      || !read_string (body, event, reported ? "to" : "position", FALSE, &back, error))
    return FALSE;

  if (id != NULL && back != NULL && *back != '\0'
      && loket_case_get_status (kase) != LOKET_CASE_STATUS_CLOSED)
    loket_case_set_holder (kase, back);

  return TRUE;
}

/* Draft events move the status (drafting / awaiting signature) and, when their body names it
 * (EVENTS.md: draft.submitted `route`, draft.paraf `next`, draft.returned `to`, the position of
 * draft.created / draft.revised / letter.signed), the holder: whose turn it is. */
static gboolean
apply_draft (LoketCaseProjector *self,
             LoketCase          *kase,
             LoketEvent         *event,
             const LoketJsonValue *body,
             GError            **error)
{
  const char *type = loket_event_get_event_type (event);
  const char *holder = NULL;
  gboolean    final = FALSE;

  if (g_str_equal (type, LOKET_EVENT_DRAFT_PARAF))
    {
      if (!read_bool (body, event, "final", FALSE, &final, error)
          || !read_string (body, event, "next", FALSE, &holder, error))
        return FALSE;
    }
  else if (g_str_equal (type, LOKET_EVENT_DRAFT_SUBMITTED))
    {
      const LoketJsonValue *route;

      if (!read_string_array (body, event, "route", 1, &route, error))
        return FALSE;
      holder = route->v.first->v.string;
      final = route->n_children == 1;
    }
  else if (g_str_equal (type, LOKET_EVENT_DRAFT_RETURNED))
    {
      if (!read_string (body, event, "to", FALSE, &holder, error))
        return FALSE;
    }
  else if (!read_string (body, event, "position", FALSE, &holder, error))
    return FALSE;

  set_work_status (kase, final ? LOKET_CASE_STATUS_AWAITING_SIGNATURE : LOKET_CASE_STATUS_DRAFTING);
  if (holder != NULL && *holder != '\0' && loket_case_get_status (kase) != LOKET_CASE_STATUS_CLOSED)
    loket_case_set_holder (kase, holder);
  return TRUE;
}

static gboolean
apply_letter_signed (LoketCaseProjector *self,
                     LoketCase          *kase,
                     LoketEvent         *event,
                     const LoketJsonValue *body,
                     GError            **error)
{
  const char *position;

  if (!read_string (body, event, "position", FALSE, &position, error))
    return FALSE;
  set_work_status (kase, LOKET_CASE_STATUS_SIGNED);
  if (position != NULL && *position != '\0'
      && loket_case_get_status (kase) != LOKET_CASE_STATUS_CLOSED)
    loket_case_set_holder (kase, position);
  return TRUE;
}

static gboolean
apply_closed (LoketCaseProjector *self,
              LoketCase          *kase,
              LoketEvent         *event,
              const LoketJsonValue *body,
              GError            **error)
{
  gint64      at;
  const char *outcome;

  if (!read_time (body, event, "at", &at, error)
      || !read_string (body, event, "outcome", TRUE, &outcome, error))
    return FALSE;

  if (loket_case_get_status (kase) == LOKET_CASE_STATUS_CLOSED)
    return TRUE;

  end_open_pause (kase, at);
  loket_case_set_status (kase, LOKET_CASE_STATUS_CLOSED);
  loket_case_set_closed_at (kase, at);

  return TRUE;
}

/* Known types whose bodies are only counted (their content matters to other views). */
static gboolean
apply_counted (LoketCaseProjector *self,
               LoketCase          *kase,
               LoketEvent         *event,
               const LoketJsonValue *body,
               GError            **error)
{
  return TRUE;
}

static const struct
{
  const char *type;
  ApplyFunc   apply;
  gboolean    moves_clock; /* may change the clock start or the pauses */
} handlers[] = {
  /* apply_counted reads nothing from the body, so it is not parsed for those types: parsing is a
   * third of the time of a rebuild. Bodies are validated where events are made and
   * where they enter from outside (loket_event_new_checked, intake, sync). */
  { LOKET_EVENT_CASE_REGISTERED, apply_registered, TRUE },
  { LOKET_EVENT_REQUIREMENT_CHECKED, apply_requirement_checked, FALSE },
  { LOKET_EVENT_CASE_RETURNED, apply_returned, TRUE },
  { LOKET_EVENT_CASE_DECLARED_COMPLETE, apply_declared_complete, TRUE },
  { LOKET_EVENT_CASE_PAUSED, apply_paused, TRUE },
  { LOKET_EVENT_CASE_RESUMED, apply_resumed, TRUE },
  { LOKET_EVENT_DOCUMENT_ATTACHED, apply_counted, FALSE },
  { LOKET_EVENT_DISPOSITION_SENT, apply_disposition_sent, FALSE },
  { LOKET_EVENT_DISPOSITION_READ, apply_counted, FALSE },
  { LOKET_EVENT_DISPOSITION_REPORTED, apply_disposition_back, FALSE },
  { LOKET_EVENT_DISPOSITION_WITHDRAWN, apply_disposition_back, FALSE },
  { LOKET_EVENT_ESCALATION_RAISED, apply_counted, FALSE },
  { LOKET_EVENT_DRAFT_CREATED, apply_draft, FALSE },
  { LOKET_EVENT_DRAFT_REVISED, apply_draft, FALSE },
  { LOKET_EVENT_DRAFT_PARAF, apply_draft, FALSE },
  { LOKET_EVENT_DRAFT_RETURNED, apply_draft, FALSE },
  { LOKET_EVENT_DRAFT_SUBMITTED, apply_draft, FALSE },
  { LOKET_EVENT_LETTER_SIGNED, apply_letter_signed, FALSE },
  { LOKET_EVENT_LETTER_NUMBERED, apply_counted, FALSE },
  { LOKET_EVENT_LETTER_DISPATCHED, apply_counted, FALSE },
  { LOKET_EVENT_COMMENT_ADDED, apply_counted, FALSE },
  { LOKET_EVENT_COMMENT_RESOLVED, apply_counted, FALSE },
  { LOKET_EVENT_CASE_CLOSED, apply_closed, TRUE },
};

/* Folds @event into @kase, but for its deadline: *@moves_clock says whether it must be computed
 * again (update_due() reads only what such events change, so a fold of many events computes it
 * once at the end). On error @kase may be half changed: callers work on a copy. */
static gboolean
apply_event (LoketCaseProjector *self,
             LoketCase          *kase,
             LoketEvent         *event,
             gboolean           *moves_clock,
             GError            **error)
{
  const char *type = loket_event_get_event_type (event);

  if (g_strcmp0 (loket_event_get_case_uuid (event), loket_case_get_uuid (kase)) != 0)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("Event %s belongs to another case"), loket_event_get_uuid (event));
      return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (handlers); i++)
    {
      g_autoptr (LoketJsonDoc) body = NULL;

      if (!g_str_equal (handlers[i].type, type))
        continue;

      if (handlers[i].apply != apply_counted)
        {
          body = loket_event_read_body (event, error);
          if (body == NULL)
            return FALSE;
        }
      if (!handlers[i].apply (self, kase, event, body != NULL ? loket_json_doc_get_root (body) : NULL,
                              error))
        return FALSE;
      *moves_clock = *moves_clock || handlers[i].moves_clock;
      break;
    }

  loket_case_set_event_count (kase, loket_case_get_event_count (kase) + 1);
  loket_case_set_last_hlc (kase, loket_event_get_hlc (event));

  return TRUE;
}

static gboolean
apply_in_place (LoketCaseProjector *self, LoketCase *kase, LoketEvent *event, GError **error)
{
  gboolean moves_clock = FALSE;

  if (!apply_event (self, kase, event, &moves_clock, error))
    return FALSE;
  if (moves_clock)
    update_due (self, kase);
  return TRUE;
}

static int
compare_events (gconstpointer a, gconstpointer b)
{
  return loket_event_compare (*(LoketEvent **) a, *(LoketEvent **) b);
}

/* ---- GObject ------------------------------------------------------------------------------ */

static void
loket_case_projector_dispose (GObject *object)
{
  LoketCaseProjector *self = (LoketCaseProjector *) object;

  g_clear_object (&self->catalog);
  g_clear_object (&self->calendar);

  G_OBJECT_CLASS (loket_case_projector_parent_class)->dispose (object);
}

static void
loket_case_projector_class_init (LoketCaseProjectorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = loket_case_projector_dispose;
}

static void
loket_case_projector_init (LoketCaseProjector *self)
{
}

/* ---- Public API --------------------------------------------------------------------------- */

LoketCaseProjector *
loket_case_projector_new (LoketServiceCatalog *catalog, LoketWorkCalendar *calendar)
{
  LoketCaseProjector *self;

  g_return_val_if_fail (LOKET_IS_SERVICE_CATALOG (catalog), NULL);
  g_return_val_if_fail (LOKET_IS_WORK_CALENDAR (calendar), NULL);

  self = g_object_new (LOKET_TYPE_CASE_PROJECTOR, NULL);
  self->catalog = g_object_ref (catalog);
  self->calendar = g_object_ref (calendar);

  return self;
}

LoketCase *
loket_case_projector_project (LoketCaseProjector *self, GPtrArray *events, GError **error)
{
  g_autoptr (GPtrArray) sorted = NULL;
  g_autoptr (LoketCase) kase = NULL;
  LoketEvent *previous = NULL;
  gboolean    moves_clock = FALSE;

  g_return_val_if_fail (LOKET_IS_CASE_PROJECTOR (self), NULL);
  g_return_val_if_fail (events != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (events->len == 0)
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _ ("A case needs at least one event"));
      return NULL;
    }

  sorted = g_ptr_array_new_full (events->len, g_object_unref);
  for (guint i = 0; i < events->len; i++)
    g_ptr_array_add (sorted, g_object_ref (g_ptr_array_index (events, i)));
  g_ptr_array_sort (sorted, compare_events);

  kase = loket_case_new (loket_event_get_case_uuid (g_ptr_array_index (sorted, 0)));
  for (guint i = 0; i < sorted->len; i++)
    {
      LoketEvent *event = g_ptr_array_index (sorted, i);

      /* The event set is a union of replicas: the same event twice counts once. */
      if (previous != NULL && loket_event_compare (previous, event) == 0)
        continue;
      if (!apply_event (self, kase, event, &moves_clock, error))
        return NULL;
      previous = event;
    }
  if (moves_clock)
    update_due (self, kase);

  return g_steal_pointer (&kase);
}

gboolean
loket_case_projector_apply (LoketCaseProjector *self,
                            LoketCase          *kase,
                            LoketEvent         *event,
                            GError            **error)
{
  g_autoptr (LoketCase) work = NULL;

  g_return_val_if_fail (LOKET_IS_CASE_PROJECTOR (self), FALSE);
  g_return_val_if_fail (LOKET_IS_CASE (kase), FALSE);
  g_return_val_if_fail (LOKET_IS_EVENT (event), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  work = loket_case_new (loket_case_get_uuid (kase));
  loket_case_update_from (work, kase);

  if (!apply_in_place (self, work, event, error))
    return FALSE;

  loket_case_update_from (kase, work);
  return TRUE;
}

LoketServiceCatalog *
loket_case_projector_get_catalog (LoketCaseProjector *self)
{
  g_return_val_if_fail (LOKET_IS_CASE_PROJECTOR (self), NULL);
  return self->catalog;
}

LoketWorkCalendar *
loket_case_projector_get_calendar (LoketCaseProjector *self)
{
  g_return_val_if_fail (LOKET_IS_CASE_PROJECTOR (self), NULL);
  return self->calendar;
}
