// SPDX-License-Identifier: GPL-3.0-or-later
// The projected state of one case: what its events add up to (DESIGN.md §3).

#include "config.h"

#include "loket-case.h"

#include <string.h>

struct _LoketCase
{
  GObject parent_instance;

  char           *uuid;
  char           *agency_id;
  char           *service_id;
  char           *unit_id;
  char           *channel;
  char           *agenda_number;
  char           *subject;
  char           *applicant_name;
  char           *applicant_nik;
  char           *holder;
  char           *last_hlc;
  LoketCaseStatus status;
  gint64          received_at;
  gint64          complete_at;
  gint64          due_at;
  gint64          closed_at;
  guint           event_count;
  GArray         *pauses; /* LoketPause */
};

G_DEFINE_FINAL_TYPE (LoketCase, loket_case, G_TYPE_OBJECT)

enum
{
  PROP_0,
  PROP_UUID,
  PROP_AGENCY_ID,
  PROP_SERVICE_ID,
  PROP_UNIT_ID,
  PROP_CHANNEL,
  PROP_AGENDA_NUMBER,
  PROP_SUBJECT,
  PROP_APPLICANT_NAME,
  PROP_APPLICANT_NIK,
  PROP_HOLDER,
  PROP_LAST_HLC,
  PROP_STATUS,
  PROP_RECEIVED_AT,
  PROP_COMPLETE_AT,
  PROP_DUE_AT,
  PROP_CLOSED_AT,
  PROP_EVENT_COUNT,
  N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static const char *const status_names[] = {
  [LOKET_CASE_STATUS_REGISTERED] = "registered",
  [LOKET_CASE_STATUS_INCOMPLETE] = "incomplete",
  [LOKET_CASE_STATUS_IN_PROCESS] = "in_process",
  [LOKET_CASE_STATUS_PAUSED] = "paused",
  [LOKET_CASE_STATUS_DRAFTING] = "drafting",
  [LOKET_CASE_STATUS_AWAITING_SIGNATURE] = "awaiting_signature",
  [LOKET_CASE_STATUS_SIGNED] = "signed",
  [LOKET_CASE_STATUS_CLOSED] = "closed",
};

G_STATIC_ASSERT (G_N_ELEMENTS (status_names) == LOKET_CASE_STATUS_LAST + 1);

static void
set_string (LoketCase *self, char **field, const char *value, guint prop_id)
{
  if (g_strcmp0 (*field, value) == 0)
    return;

  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static void
set_int64 (LoketCase *self, gint64 *field, gint64 value, guint prop_id)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
}

static gboolean
pauses_equal (GArray *a, GArray *b)
{
  if (a->len != b->len)
    return FALSE;

  for (guint i = 0; i < a->len; i++)
    {
      const LoketPause *pa = &g_array_index (a, LoketPause, i);
      const LoketPause *pb = &g_array_index (b, LoketPause, i);

      if (pa->start != pb->start || pa->end != pb->end)
        return FALSE;
    }

  return TRUE;
}

static void
loket_case_finalize (GObject *object)
{
  LoketCase *self = (LoketCase *) object;

  g_free (self->uuid);
  g_free (self->agency_id);
  g_free (self->service_id);
  g_free (self->unit_id);
  g_free (self->channel);
  g_free (self->agenda_number);
  g_free (self->subject);
  g_free (self->applicant_name);
  g_free (self->applicant_nik);
  g_free (self->holder);
  g_free (self->last_hlc);
  g_array_unref (self->pauses);

  G_OBJECT_CLASS (loket_case_parent_class)->finalize (object);
}

static void
loket_case_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  LoketCase *self = LOKET_CASE (object);

  switch (prop_id)
    {
      case PROP_UUID:
        g_value_set_string (value, self->uuid);
        break;
      case PROP_AGENCY_ID:
        g_value_set_string (value, self->agency_id);
        break;
      case PROP_SERVICE_ID:
        g_value_set_string (value, self->service_id);
        break;
      case PROP_UNIT_ID:
        g_value_set_string (value, self->unit_id);
        break;
      case PROP_CHANNEL:
        g_value_set_string (value, self->channel);
        break;
      case PROP_AGENDA_NUMBER:
        g_value_set_string (value, self->agenda_number);
        break;
      case PROP_SUBJECT:
        g_value_set_string (value, self->subject);
        break;
      case PROP_APPLICANT_NAME:
        g_value_set_string (value, self->applicant_name);
        break;
      case PROP_APPLICANT_NIK:
        g_value_set_string (value, self->applicant_nik);
        break;
      case PROP_HOLDER:
        g_value_set_string (value, self->holder);
        break;
      case PROP_LAST_HLC:
        g_value_set_string (value, self->last_hlc);
        break;
      case PROP_STATUS:
        g_value_set_int (value, self->status);
        break;
      case PROP_RECEIVED_AT:
        g_value_set_int64 (value, self->received_at);
        break;
      case PROP_COMPLETE_AT:
        g_value_set_int64 (value, self->complete_at);
        break;
      case PROP_DUE_AT:
        g_value_set_int64 (value, self->due_at);
        break;
      case PROP_CLOSED_AT:
        g_value_set_int64 (value, self->closed_at);
        break;
      case PROP_EVENT_COUNT:
        g_value_set_uint (value, self->event_count);
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_case_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  LoketCase *self = LOKET_CASE (object);

  switch (prop_id)
    {
      case PROP_UUID:
        g_free (self->uuid);
        self->uuid = g_value_dup_string (value);
        break;
      case PROP_AGENCY_ID:
        loket_case_set_agency_id (self, g_value_get_string (value));
        break;
      case PROP_SERVICE_ID:
        loket_case_set_service_id (self, g_value_get_string (value));
        break;
      case PROP_UNIT_ID:
        loket_case_set_unit_id (self, g_value_get_string (value));
        break;
      case PROP_CHANNEL:
        loket_case_set_channel (self, g_value_get_string (value));
        break;
      case PROP_AGENDA_NUMBER:
        loket_case_set_agenda_number (self, g_value_get_string (value));
        break;
      case PROP_SUBJECT:
        loket_case_set_subject (self, g_value_get_string (value));
        break;
      case PROP_APPLICANT_NAME:
        loket_case_set_applicant_name (self, g_value_get_string (value));
        break;
      case PROP_APPLICANT_NIK:
        loket_case_set_applicant_nik (self, g_value_get_string (value));
        break;
      case PROP_HOLDER:
        loket_case_set_holder (self, g_value_get_string (value));
        break;
      case PROP_LAST_HLC:
        loket_case_set_last_hlc (self, g_value_get_string (value));
        break;
      case PROP_STATUS:
        loket_case_set_status (self, g_value_get_int (value));
        break;
      case PROP_RECEIVED_AT:
        loket_case_set_received_at (self, g_value_get_int64 (value));
        break;
      case PROP_COMPLETE_AT:
        loket_case_set_complete_at (self, g_value_get_int64 (value));
        break;
      case PROP_DUE_AT:
        loket_case_set_due_at (self, g_value_get_int64 (value));
        break;
      case PROP_CLOSED_AT:
        loket_case_set_closed_at (self, g_value_get_int64 (value));
        break;
      case PROP_EVENT_COUNT:
        loket_case_set_event_count (self, g_value_get_uint (value));
        break;
      default:
        G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
loket_case_class_init (LoketCaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags   flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = loket_case_finalize;
  object_class->get_property = loket_case_get_property;
  object_class->set_property = loket_case_set_property;

  properties[PROP_UUID]
    = g_param_spec_string ("uuid", NULL, "Case UUID", NULL,
                           G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_AGENCY_ID]
    = g_param_spec_string ("agency-id", NULL, "Id of the agency", NULL, flags);
  properties[PROP_SERVICE_ID]
    = g_param_spec_string ("service-id", NULL, "Id of the service in the catalog", NULL, flags);
  properties[PROP_UNIT_ID]
    = g_param_spec_string ("unit-id", NULL, "Id of the unit that handles it", NULL, flags);
  properties[PROP_CHANNEL]
    = g_param_spec_string ("channel", NULL, "Channel of the request", NULL, flags);
  properties[PROP_AGENDA_NUMBER]
    = g_param_spec_string ("agenda-number", NULL, "Agenda number", NULL, flags);
  properties[PROP_SUBJECT] = g_param_spec_string ("subject", NULL, "Subject", NULL, flags);
  properties[PROP_APPLICANT_NAME]
    = g_param_spec_string ("applicant-name", NULL, "Name of the first party", NULL, flags);
  properties[PROP_APPLICANT_NIK] = g_param_spec_string (
    "applicant-nik", NULL, "NIK of the first party, if a person", NULL, flags);
  properties[PROP_HOLDER]
    = g_param_spec_string ("holder", NULL, "Position id holding the case", NULL, flags);
  properties[PROP_LAST_HLC]
    = g_param_spec_string ("last-hlc", NULL, "Clock timestamp of the last event", NULL, flags);
  properties[PROP_STATUS]
    = g_param_spec_int ("status", NULL, "LoketCaseStatus", LOKET_CASE_STATUS_REGISTERED,
                        LOKET_CASE_STATUS_LAST, LOKET_CASE_STATUS_REGISTERED, flags);
  properties[PROP_RECEIVED_AT] = g_param_spec_int64 (
    "received-at", NULL, "When it was received (Unix s)", 0, G_MAXINT64, 0, flags);
  properties[PROP_COMPLETE_AT] = g_param_spec_int64 (
    "complete-at", NULL, "When it was declared complete (Unix s)", 0, G_MAXINT64, 0, flags);
  properties[PROP_DUE_AT]
    = g_param_spec_int64 ("due-at", NULL, "Deadline (Unix s)", 0, G_MAXINT64, 0, flags);
  properties[PROP_CLOSED_AT] = g_param_spec_int64 ("closed-at", NULL, "When it was closed (Unix s)",
                                                   0, G_MAXINT64, 0, flags);
  properties[PROP_EVENT_COUNT]
    = g_param_spec_uint ("event-count", NULL, "Number of events", 0, G_MAXUINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
loket_case_init (LoketCase *self)
{
  self->status = LOKET_CASE_STATUS_REGISTERED;
  self->pauses = g_array_new (FALSE, TRUE, sizeof (LoketPause));
}

LoketCase *
loket_case_new (const char *uuid)
{
  return g_object_new (LOKET_TYPE_CASE, "uuid", uuid, NULL);
}

const char *
loket_case_get_uuid (LoketCase *self)
{
  g_return_val_if_fail (LOKET_IS_CASE (self), NULL);
  return self->uuid;
}

const char *
loket_case_get_agency_id (LoketCase *self)
{
  g_return_val_if_fail (LOKET_IS_CASE (self), 0);
  return self->agency_id;
}

const char *
loket_case_get_service_id (LoketCase *self)
{
  g_return_val_if_fail (LOKET_IS_CASE (self), 0);
  return self->service_id;
}

const char *
loket_case_get_unit_id (LoketCase *self)
{
  g_return_val_if_fail (LOKET_IS_CASE (self), 0);
  return self->unit_id;
}

const char *
loket_case_get_channel (LoketCase *self)
{
  g_return_val_if_fail (LOKET_IS_CASE (self), 0);
  return self->channel;
}

const char *
loket_case_get_agenda_number (LoketCase *self)
{
  g_return_val_if_fail (LOKET_IS_CASE (self), 0);
  return self->agenda_number;
}

const char *
loket_case_get_subject (LoketCase *self)
{
  g_return_val_if_fail (LOKET_IS_CASE (self), 0);
  return self->subject;
}

const char *
loket_case_get_applicant_name (LoketCase *self)
{
  g_return_val_if_fail (LOKET_IS_CASE (self), 0);
  return self->applicant_name;
}

const char *
loket_case_get_applicant_nik (LoketCase *self)
{
  g_return_val_if_fail (LOKET_IS_CASE (self), 0);
  return self->applicant_nik;
}

const char *
loket_case_get_holder (LoketCase *self)
{
  g_return_val_if_fail (LOKET_IS_CASE (self), 0);
  return self->holder;
}

LoketCaseStatus
loket_case_get_status (LoketCase *self)
{
  g_return_val_if_fail (LOKET_IS_CASE (self), 0);
  return self->status;
}

gint64
loket_case_get_received_at (LoketCase *self)
{
  g_return_val_if_fail (LOKET_IS_CASE (self), 0);
  return self->received_at;
}

gint64
loket_case_get_complete_at (LoketCase *self)
{
  g_return_val_if_fail (LOKET_IS_CASE (self), 0);
  return self->complete_at;
}

gint64
loket_case_get_due_at (LoketCase *self)
{
  g_return_val_if_fail (LOKET_IS_CASE (self), 0);
  return self->due_at;
}

gint64
loket_case_get_closed_at (LoketCase *self)
{
  g_return_val_if_fail (LOKET_IS_CASE (self), 0);
  return self->closed_at;
}

guint
loket_case_get_event_count (LoketCase *self)
{
  g_return_val_if_fail (LOKET_IS_CASE (self), 0);
  return self->event_count;
}

const char *
loket_case_get_last_hlc (LoketCase *self)
{
  g_return_val_if_fail (LOKET_IS_CASE (self), 0);
  return self->last_hlc;
}

GArray *
loket_case_get_pauses (LoketCase *self)
{
  g_return_val_if_fail (LOKET_IS_CASE (self), NULL);
  return self->pauses;
}

gboolean
loket_case_is_overdue (LoketCase *self, gint64 now)
{
  g_return_val_if_fail (LOKET_IS_CASE (self), FALSE);

  return self->status != LOKET_CASE_STATUS_CLOSED && self->due_at != 0 && now > self->due_at;
}

void
loket_case_update_from (LoketCase *self, LoketCase *src)
{
  g_return_if_fail (LOKET_IS_CASE (self));
  g_return_if_fail (LOKET_IS_CASE (src));

  if (self == src)
    return;

  g_object_freeze_notify (G_OBJECT (self));

  loket_case_set_agency_id (self, src->agency_id);
  loket_case_set_service_id (self, src->service_id);
  loket_case_set_unit_id (self, src->unit_id);
  loket_case_set_channel (self, src->channel);
  loket_case_set_agenda_number (self, src->agenda_number);
  loket_case_set_subject (self, src->subject);
  loket_case_set_applicant_name (self, src->applicant_name);
  loket_case_set_applicant_nik (self, src->applicant_nik);
  loket_case_set_holder (self, src->holder);
  loket_case_set_last_hlc (self, src->last_hlc);
  loket_case_set_status (self, src->status);
  loket_case_set_received_at (self, src->received_at);
  loket_case_set_complete_at (self, src->complete_at);
  loket_case_set_due_at (self, src->due_at);
  loket_case_set_closed_at (self, src->closed_at);
  loket_case_set_event_count (self, src->event_count);

  if (!pauses_equal (self->pauses, src->pauses))
    {
      g_array_set_size (self->pauses, 0);
      g_array_append_vals (self->pauses, src->pauses->data, src->pauses->len);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

void
loket_case_set_agency_id (LoketCase *self, const char *value)
{
  g_return_if_fail (LOKET_IS_CASE (self));
  set_string (self, &self->agency_id, value, PROP_AGENCY_ID);
}

void
loket_case_set_service_id (LoketCase *self, const char *value)
{
  g_return_if_fail (LOKET_IS_CASE (self));
  set_string (self, &self->service_id, value, PROP_SERVICE_ID);
}

void
loket_case_set_unit_id (LoketCase *self, const char *value)
{
  g_return_if_fail (LOKET_IS_CASE (self));
  set_string (self, &self->unit_id, value, PROP_UNIT_ID);
}

void
loket_case_set_channel (LoketCase *self, const char *value)
{
  g_return_if_fail (LOKET_IS_CASE (self));
  set_string (self, &self->channel, value, PROP_CHANNEL);
}

void
loket_case_set_agenda_number (LoketCase *self, const char *value)
{
  g_return_if_fail (LOKET_IS_CASE (self));
  set_string (self, &self->agenda_number, value, PROP_AGENDA_NUMBER);
}

void
loket_case_set_subject (LoketCase *self, const char *value)
{
  g_return_if_fail (LOKET_IS_CASE (self));
  set_string (self, &self->subject, value, PROP_SUBJECT);
}

void
loket_case_set_applicant_name (LoketCase *self, const char *value)
{
  g_return_if_fail (LOKET_IS_CASE (self));
  set_string (self, &self->applicant_name, value, PROP_APPLICANT_NAME);
}

void
loket_case_set_applicant_nik (LoketCase *self, const char *value)
{
  g_return_if_fail (LOKET_IS_CASE (self));
  set_string (self, &self->applicant_nik, value, PROP_APPLICANT_NIK);
}

void
loket_case_set_holder (LoketCase *self, const char *value)
{
  g_return_if_fail (LOKET_IS_CASE (self));
  set_string (self, &self->holder, value, PROP_HOLDER);
}

void
loket_case_set_last_hlc (LoketCase *self, const char *value)
{
  g_return_if_fail (LOKET_IS_CASE (self));
  set_string (self, &self->last_hlc, value, PROP_LAST_HLC);
}

void
loket_case_set_status (LoketCase *self, LoketCaseStatus value)
{
  g_return_if_fail (LOKET_IS_CASE (self));
  g_return_if_fail (value <= LOKET_CASE_STATUS_LAST);

  if (self->status == value)
    return;

  self->status = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
}

void
loket_case_set_received_at (LoketCase *self, gint64 value)
{
  g_return_if_fail (LOKET_IS_CASE (self));
  set_int64 (self, &self->received_at, value, PROP_RECEIVED_AT);
}

void
loket_case_set_complete_at (LoketCase *self, gint64 value)
{
  g_return_if_fail (LOKET_IS_CASE (self));
  set_int64 (self, &self->complete_at, value, PROP_COMPLETE_AT);
}

void
loket_case_set_due_at (LoketCase *self, gint64 value)
{
  g_return_if_fail (LOKET_IS_CASE (self));
  set_int64 (self, &self->due_at, value, PROP_DUE_AT);
}

void
loket_case_set_closed_at (LoketCase *self, gint64 value)
{
  g_return_if_fail (LOKET_IS_CASE (self));
  set_int64 (self, &self->closed_at, value, PROP_CLOSED_AT);
}

void
loket_case_set_event_count (LoketCase *self, guint value)
{
  g_return_if_fail (LOKET_IS_CASE (self));

  if (self->event_count == value)
    return;

  self->event_count = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EVENT_COUNT]);
}

void
loket_case_add_pause (LoketCase *self, gint64 start, gint64 end)
{
  LoketPause pause = { start, end };

  g_return_if_fail (LOKET_IS_CASE (self));

  g_array_append_val (self->pauses, pause);
}

/* Ends the last pause if it is still open. */
void
loket_case_end_pause (LoketCase *self, gint64 end)
{
  LoketPause *last;

  g_return_if_fail (LOKET_IS_CASE (self));

  if (self->pauses->len == 0)
    return;

  last = &g_array_index (self->pauses, LoketPause, self->pauses->len - 1);
  if (last->end == 0)
    last->end = end;
}

const char *
loket_case_status_to_string (LoketCaseStatus status)
{
  g_return_val_if_fail (status <= LOKET_CASE_STATUS_LAST, NULL);

  return status_names[status];
}

gboolean
loket_case_status_from_string (const char *text, LoketCaseStatus *status)
{
  if (text == NULL)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (status_names); i++)
    {
      if (strcmp (text, status_names[i]) == 0)
        {
          if (status != NULL)
            *status = (LoketCaseStatus) i;
          return TRUE;
        }
    }

  return FALSE;
}

gboolean
loket_case_equal (LoketCase *a, LoketCase *b)
{
  g_return_val_if_fail (LOKET_IS_CASE (a), FALSE);
  g_return_val_if_fail (LOKET_IS_CASE (b), FALSE);

  return g_strcmp0 (a->uuid, b->uuid) == 0 && g_strcmp0 (a->agency_id, b->agency_id) == 0
         && g_strcmp0 (a->service_id, b->service_id) == 0 && g_strcmp0 (a->unit_id, b->unit_id) == 0
         && g_strcmp0 (a->channel, b->channel) == 0
         && g_strcmp0 (a->agenda_number, b->agenda_number) == 0
         && g_strcmp0 (a->subject, b->subject) == 0
         && g_strcmp0 (a->applicant_name, b->applicant_name) == 0
         && g_strcmp0 (a->applicant_nik, b->applicant_nik) == 0
         && g_strcmp0 (a->holder, b->holder) == 0 && g_strcmp0 (a->last_hlc, b->last_hlc) == 0
         && a->status == b->status && a->received_at == b->received_at
         && a->complete_at == b->complete_at && a->due_at == b->due_at
         && a->closed_at == b->closed_at && a->event_count == b->event_count
         && pauses_equal (a->pauses, b->pauses);
}
