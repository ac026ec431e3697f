// SPDX-License-Identifier: GPL-3.0-or-later
// The workflow rules: who may dispose, forward, report, withdraw or read what, by when, and which
// late steps escalate (the rules are listed in loket-workflow.h).
#include "config.h"

#include "loket-workflow-private.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "loket-error.h"

/* ---- Requests and results ------------------------------------------------------------------- */

LoketWorkflowRequest *
loket_workflow_request_new (LoketWorkflowAction action, const char *person_id)
{
  LoketWorkflowRequest *self = g_new0 (LoketWorkflowRequest, 1);

  self->action = action;
  self->person_id = g_strdup (person_id);
  return self;
}

LoketWorkflowRequest *
loket_workflow_request_copy (const LoketWorkflowRequest *self)
{
  LoketWorkflowRequest *copy;

  g_return_val_if_fail (self != NULL, NULL);
  copy = g_new0 (LoketWorkflowRequest, 1);
  *copy = *self;
  copy->person_id = g_strdup (self->person_id);
  copy->as_position = g_strdup (self->as_position);
  copy->disposition_id = g_strdup (self->disposition_id);
  copy->to = g_strdupv (self->to);
  copy->instructions = g_strdupv (self->instructions);
  copy->note = g_strdup (self->note);
  copy->blobs = g_strdupv (self->blobs);
  return copy;
}

void
loket_workflow_request_free (LoketWorkflowRequest *self)
{
  if (self == NULL)
    return;
  g_free (self->person_id);
  g_free (self->as_position);
  g_free (self->disposition_id);
  g_strfreev (self->to);
  g_strfreev (self->instructions);
  g_free (self->note);
  g_strfreev (self->blobs);
  g_free (self);
}

void
loket_allowed_action_free (LoketAllowedAction *self)
{
  if (self == NULL)
    return;
  g_free (self->as_position);
  g_free (self->disposition_id);
  g_clear_pointer (&self->targets, g_ptr_array_unref);
  g_free (self);
}

/* ---- Helpers ------------------------------------------------------------------------------ */

const char *
_loket_workflow_title_of (LoketWorkflow *self, const char *position_id)
{
  const LoketPosition *position = loket_org_chart_lookup_position (self->org_chart, position_id);

  return position != NULL && position->title != NULL ? position->title : position_id;
}

static char *
iso_time (LoketWorkflow *self, gint64 at)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (at);
  g_autoptr (GDateTime) local
    = g_date_time_to_timezone (utc, loket_work_calendar_get_timezone (self->calendar));

  return g_date_time_format_iso8601 (local);
}

static char *
format_day (LoketWorkflow *self, gint64 at)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (at);
  g_autoptr (GDateTime) local
    = g_date_time_to_timezone (utc, loket_work_calendar_get_timezone (self->calendar));

  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* Whether @position is the Kepala Dinas of the case's agency. */
static gboolean
is_case_head (LoketWorkflow *self, LoketCase *kase, const char *position)
{
  const LoketPosition *head = loket_workflow_get_unit_head (self, loket_case_get_agency_id (kase));

  return head != NULL && g_strcmp0 (head->id, position) == 0;
}

/* The latest open disposition received by @position that it has not reported (unread, read or
 * forwarded), or NULL. */
static const LoketDisposition *
latest_open_received (LoketDispositionLedger *ledger, const char *position)
{
  GPtrArray *items = loket_disposition_ledger_get_dispositions (ledger);

  for (guint i = items->len; i > 0; i--)
    {
      const LoketDisposition *d = g_ptr_array_index (items, i - 1);
      if (g_strcmp0 (d->position_id, position) == 0 && loket_disposition_is_open (d))
        return d;
    }
  return NULL;
}

static gboolean
id_known (LoketDispositionLedger *ledger, const char *id)
{
  return loket_disposition_ledger_lookup (ledger, id, NULL) != NULL;
}

static void
set_time (LoketWorkflow *self, JsonObject *body, const char *member, gint64 at)
{
  g_autofree char *text = iso_time (self, at);
  json_object_set_string_member (body, member, text);
}

static void
set_note (JsonObject *body, const char *note)
{
  g_autofree char *trimmed = note != NULL ? g_strstrip (g_strdup (note)) : NULL;

  if (trimmed != NULL && *trimmed != '\0')
    json_object_set_string_member (body, "note", trimmed);
}

static JsonArray *
strv_to_array (const char *const *strv)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  return array;
}

/* ---- The default due date ------------------------------------------------------------------ */

gint64
loket_workflow_default_due (LoketWorkflow          *self,
                            LoketCase              *kase,
                            const LoketInstruction *instruction,
                            gint64                  at)
{
  gint64 case_due;
  int    left;
  guint  days = instruction != NULL ? instruction->days : 3;

  g_return_val_if_fail (LOKET_IS_WORKFLOW (self), 0);
  g_return_val_if_fail (LOKET_IS_CASE (kase), 0);

  case_due = loket_case_get_due_at (kase);
  if (case_due == 0 || loket_case_get_status (kase) == LOKET_CASE_STATUS_PAUSED
      || loket_case_get_status (kase) == LOKET_CASE_STATUS_INCOMPLETE)
    return loket_work_calendar_deadline (self->calendar, at, days, LOKET_SLA_UNIT_WORKING_DAY, NULL,
                                         0);

  if (case_due <= at)
    /* Already late: one working day for the step, it escalates after that. */
    return loket_work_calendar_deadline (self->calendar, at, 1, LOKET_SLA_UNIT_WORKING_DAY, NULL,
                                         0);

  left = loket_work_calendar_working_days_left (self->calendar, at, case_due);
  if (left <= 0)
    /* Due today (counter services in hours or minutes, or the last day): half of what is left. */
    return at + (case_due - at) / 2;

  return MIN (case_due, loket_work_calendar_deadline (self->calendar, at, MAX (1, left / 2),
                                                      LOKET_SLA_UNIT_WORKING_DAY, NULL, 0));
}

/* ---- Checks ------------------------------------------------------------------------------- */

static JsonObject *
check_send (LoketWorkflow              *self,
            LoketCase                  *kase,
            LoketDispositionLedger     *ledger,
            const LoketWorkflowRequest *request,
            const char                 *position,
            gint64                      at,
            gint64                      now,
            GError                    **error)
{
  const LoketPosition    *acting = loket_org_chart_lookup_position (self->org_chart, position);
  const LoketDisposition *parent = NULL;
  const LoketInstruction *longest = NULL;
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *id = NULL;
  JsonObject      *body;
  gint64           due;

  if (request->to == NULL || request->to[0] == NULL)
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _ ("Choose at least one position to send the disposition to"));
      return NULL;
    }
  if (request->instructions == NULL || request->instructions[0] == NULL)
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _ ("Choose at least one instruction"));
      return NULL;
    }
  for (guint i = 0; request->instructions[i] != NULL; i++)
    {
      const LoketInstruction *instruction
        = loket_workflow_lookup_instruction (self, request->instructions[i]);

      if (instruction == NULL)
        {
          g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                       _ ("“%s” is not an instruction of the lembar disposisi"),
                       request->instructions[i]);
          return NULL;
        }
      if (longest == NULL || instruction->days > longest->days)
        longest = instruction;
    }
  for (guint i = 0; request->to[i] != NULL; i++)
    {
      if (loket_org_chart_lookup_position (self->org_chart, request->to[i]) == NULL)
        {
          g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                       _ ("There is no position “%s” in the org chart"), request->to[i]);
          return NULL;
        }
      if (!g_hash_table_add (seen, request->to[i]))
        {
          g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA, _ ("“%s” is listed twice"),
                       _loket_workflow_title_of (self, request->to[i]));
          return NULL;
        }
    }

  if (acting->role == LOKET_ROLE_STAFF || acting->role == LOKET_ROLE_REGISTRAR)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN,
                   _ ("%s cannot dispose a case; report back to your superior instead"),
                   _loket_workflow_title_of (self, position));
      return NULL;
    }

  /* Who holds it: the Kepala Dinas disposes freely, anyone else forwards what they received. */
  if (request->disposition_id != NULL)
    {
      parent = loket_disposition_ledger_lookup (ledger, request->disposition_id, position);
      if (parent == NULL)
        {
          g_set_error (
            error, LOKET_ERROR,
            id_known (ledger, request->disposition_id) ? LOKET_ERROR_FORBIDDEN
                                                       : LOKET_ERROR_NOT_FOUND,
            id_known (ledger, request->disposition_id)
              ? _ ("This disposition was not sent to %s: only its recipient can forward it")
              : _ ("There is no such disposition in this case (%s)"),
            id_known (ledger, request->disposition_id) ? _loket_workflow_title_of (self, position)
                                                       : request->disposition_id);
          return NULL;
        }
      if (parent->state == LOKET_DISPOSITION_WITHDRAWN)
        {
          g_set_error_literal (
            error, LOKET_ERROR, LOKET_ERROR_CONFLICT,
            _ ("This disposition was withdrawn by its sender and cannot be acted on"));
          return NULL;
        }
      if (parent->state == LOKET_DISPOSITION_REPORTED)
        {
          g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_CONFLICT,
                               _ ("This disposition has already been reported on"));
          return NULL;
        }
    }
  else if (request->action == LOKET_WORKFLOW_ACTION_FORWARD || !is_case_head (self, kase, position))
    {
      parent = latest_open_received (ledger, position);
      if (parent == NULL)
        {
          g_set_error (
            error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN,
            _ ("Only the holder can dispose this case: %s holds no open disposition of it"),
            _loket_workflow_title_of (self, position));
          return NULL;
        }
    }

  for (guint i = 0; request->to[i] != NULL; i++)
    {
      const LoketPosition *superior = loket_workflow_get_superior (self, request->to[i]);

      if (superior == NULL || g_strcmp0 (superior->id, position) != 0)
        {
          g_set_error (
            error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN,
            _ ("%s can only send dispositions to the positions directly below it, not to %s"),
            _loket_workflow_title_of (self, position),
            _loket_workflow_title_of (self, request->to[i]));
          return NULL;
        }
    }

  if (request->due_at != 0)
    {
      if (request->due_at <= now)
        {
          g_autofree char *day = format_day (self, request->due_at);
          g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                       _ ("The due date %s is in the past"), day);
          return NULL;
        }
      due = request->due_at;
    }
  else
    {
      due = loket_workflow_default_due (self, kase, longest, at);
    }

  id = g_uuid_string_random ();
  body = json_object_new ();
  json_object_set_string_member (body, "id", id);
  json_object_set_string_member (body, "from", position);
  json_object_set_array_member (body, "to", strv_to_array ((const char *const *) request->to));
  json_object_set_string_member (body, "instruction", request->instructions[0]);
  json_object_set_array_member (body, "instructions",
                                strv_to_array ((const char *const *) request->instructions));
  set_note (body, request->note);
  set_time (self, body, "due", due);
  set_time (self, body, "at", at);
  if (parent != NULL)
    json_object_set_string_member (body, "parent", parent->id);
  return body;
}

/* The recipient item of @id for @position, with the usual refusals. */
static const LoketDisposition *
received (LoketWorkflow          *self,
          LoketDispositionLedger *ledger,
          const char             *id,
          const char             *position,
          GError                **error)
{
  const LoketDisposition *d;

  if (id == NULL)
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _ ("Which disposition? None was given"));
      return NULL;
    }
  if (!id_known (ledger, id))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND,
                   _ ("There is no such disposition in this case (%s)"), id);
      return NULL;
    }
  d = loket_disposition_ledger_lookup (ledger, id, position);
  if (d == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN,
                   _ ("This disposition was not sent to %s"),
                   _loket_workflow_title_of (self, position));
      return NULL;
    }
  if (d->state == LOKET_DISPOSITION_WITHDRAWN)
    {
      g_set_error_literal (
        error, LOKET_ERROR, LOKET_ERROR_CONFLICT,
        _ ("This disposition was withdrawn by its sender and cannot be acted on"));
      return NULL;
    }
  return d;
}

static JsonObject *
check_as (LoketWorkflow              *self,
          LoketCase                  *kase,
          LoketDispositionLedger     *ledger,
          const LoketWorkflowRequest *request,
          const char                 *position,
          gint64                      at,
          gint64                      now,
          const char                **event_type,
          GError                    **error)
{
  const LoketDisposition *d;
  JsonObject             *body;

  switch (request->action)
    {
      case LOKET_WORKFLOW_ACTION_DISPOSE:
      case LOKET_WORKFLOW_ACTION_FORWARD:
        *event_type = LOKET_EVENT_DISPOSITION_SENT;
        return check_send (self, kase, ledger, request, position, at, now, error);

      case LOKET_WORKFLOW_ACTION_REPORT:
        d = received (self, ledger, request->disposition_id, position, error);
        if (d == NULL)
          return NULL;
        if (d->state == LOKET_DISPOSITION_REPORTED)
          {
            g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_CONFLICT,
                                 _ ("This disposition has already been reported on"));
            return NULL;
          }
        body = json_object_new ();
        json_object_set_string_member (body, "id", d->id);
        json_object_set_string_member (body, "position", position);
        if (d->from_position != NULL)
          json_object_set_string_member (body, "to", d->from_position);
        set_note (body, request->note);
        if (request->blobs != NULL && request->blobs[0] != NULL)
          json_object_set_array_member (body, "blobs",
                                        strv_to_array ((const char *const *) request->blobs));
        set_time (self, body, "at", at);
        *event_type = LOKET_EVENT_DISPOSITION_REPORTED;
        return body;

      case LOKET_WORKFLOW_ACTION_MARK_READ:
        d = received (self, ledger, request->disposition_id, position, error);
        if (d == NULL)
          return NULL;
        if (d->state != LOKET_DISPOSITION_UNREAD)
          {
            g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_CONFLICT,
                                 _ ("This disposition has already been read"));
            return NULL;
          }
        body = json_object_new ();
        json_object_set_string_member (body, "id", d->id);
        json_object_set_string_member (body, "position", position);
        set_time (self, body, "at", at);
        *event_type = LOKET_EVENT_DISPOSITION_READ;
        return body;

      case LOKET_WORKFLOW_ACTION_WITHDRAW:
        {
          GPtrArray *items = loket_disposition_ledger_get_dispositions (ledger);
          gboolean   any_unread = FALSE, any_active = FALSE;

          if (request->disposition_id == NULL || !id_known (ledger, request->disposition_id))
            {
              received (self, ledger, request->disposition_id, position, error);
              return NULL;
            }
          d = loket_disposition_ledger_lookup (ledger, request->disposition_id, NULL);
          if (g_strcmp0 (d->from_position, position) != 0)
            {
              g_set_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN,
                           _ ("Only the sender (%s) can withdraw this disposition"),
                           _loket_workflow_title_of (self, d->from_position));
              return NULL;
            }
          for (guint i = 0; i < items->len; i++)
            {
              const LoketDisposition *item = g_ptr_array_index (items, i);

              if (!g_str_equal (item->id, d->id))
                continue;
              any_unread |= item->state == LOKET_DISPOSITION_UNREAD;
              any_active |= item->state != LOKET_DISPOSITION_UNREAD
                            && item->state != LOKET_DISPOSITION_WITHDRAWN;
            }
          if (!any_unread && !any_active)
            {
              g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_CONFLICT,
                                   _ ("This disposition has already been withdrawn"));
              return NULL;
            }
          if (any_active)
            {
              g_set_error_literal (
                error, LOKET_ERROR, LOKET_ERROR_CONFLICT,
                _ ("This disposition has already been read; it can no longer be withdrawn"));
              return NULL;
            }
          body = json_object_new ();
          json_object_set_string_member (body, "id", d->id);
          json_object_set_string_member (body, "position", position);
          set_time (self, body, "at", at);
          *event_type = LOKET_EVENT_DISPOSITION_WITHDRAWN;
          return body;
        }

      default:
        g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_UNSUPPORTED, _ ("Unknown action"));
        return NULL;
    }
}

JsonObject *
loket_workflow_check (LoketWorkflow              *self,
                      LoketCase                  *kase,
                      LoketDispositionLedger     *ledger,
                      const LoketWorkflowRequest *request,
                      gint64                      now,
                      const char                **event_type,
                      GError                    **error)
{
  g_autoptr (GPtrArray) acting = NULL;
  g_autoptr (GError) first_error = NULL;
  const LoketPerson *person;
  gint64             at;

  g_return_val_if_fail (LOKET_IS_WORKFLOW (self), NULL);
  g_return_val_if_fail (LOKET_IS_CASE (kase), NULL);
  g_return_val_if_fail (LOKET_IS_DISPOSITION_LEDGER (ledger), NULL);
  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (event_type != NULL, NULL);

  if (now == 0)
    now = g_get_real_time () / G_USEC_PER_SEC;
  at = request->at != 0 ? request->at : now;

  if (loket_case_get_status (kase) == LOKET_CASE_STATUS_CLOSED)
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_CONFLICT,
                           _ ("The case is closed: nothing more can be done on it"));
      return NULL;
    }

  person = loket_org_chart_lookup_person (self->org_chart, request->person_id);
  if (person == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN,
                   _ ("“%s” is not a person of the org chart"),
                   request->person_id != NULL ? request->person_id : "");
      return NULL;
    }

  acting = loket_workflow_get_acting_positions (self, request->person_id, at);
  for (guint i = 0; i < acting->len; i++)
    {
      const LoketActingPosition *as = g_ptr_array_index (acting, i);
      const LoketPosition       *position
        = loket_org_chart_lookup_position (self->org_chart, as->position_id);
      g_autoptr (GError) local_error = NULL;
      JsonObject *body;

      if (request->as_position != NULL && g_strcmp0 (request->as_position, as->position_id) != 0)
        continue;
      if (position == NULL
          || g_strcmp0 (_loket_workflow_unit_agency (self, position->unit_id),
                        loket_case_get_agency_id (kase))
               != 0)
        {
          if (first_error == NULL)
            g_set_error (&first_error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN,
                         _ ("%s does not belong to the agency of this case"),
                         _loket_workflow_title_of (self, as->position_id));
          continue;
        }

      body = check_as (self, kase, ledger, request, as->position_id, at, now, event_type,
                       &local_error);
      if (body != NULL)
        return body;
      if (first_error == NULL)
        first_error = g_steal_pointer (&local_error);
    }

  if (first_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      return NULL;
    }

  /* @as_position is not one the person may act for now. */
  g_set_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN,
               _ ("This person may not act as %s at this time (no valid Plh./Plt. assignment)"),
               _loket_workflow_title_of (self, request->as_position));
  return NULL;
}

/* ---- What may be done next ------------------------------------------------------------------ */

static GPtrArray *
subordinate_ids (LoketWorkflow *self, const char *position)
{
  g_autoptr (GPtrArray) subordinates = loket_workflow_get_subordinates (self, position);
  GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < subordinates->len; i++)
    g_ptr_array_add (ids,
                     g_strdup (((const LoketPosition *) g_ptr_array_index (subordinates, i))->id));
  return ids;
}

static LoketAllowedAction *
allowed (LoketWorkflowAction action, const char *position, const char *id, gint64 due)
{
  LoketAllowedAction *a = g_new0 (LoketAllowedAction, 1);

  a->action = action;
  a->as_position = g_strdup (position);
  a->disposition_id = g_strdup (id);
  a->due_at = due;
  return a;
}

GPtrArray *
loket_workflow_get_allowed_actions (LoketWorkflow          *self,
                                    LoketCase              *kase,
                                    LoketDispositionLedger *ledger,
                                    const char             *person_id,
                                    gint64                  now)
{
  GPtrArray *result = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_allowed_action_free);
  g_autoptr (GPtrArray) acting = NULL;
  GPtrArray *items;

  g_return_val_if_fail (LOKET_IS_WORKFLOW (self), result);
  g_return_val_if_fail (LOKET_IS_CASE (kase), result);
  g_return_val_if_fail (LOKET_IS_DISPOSITION_LEDGER (ledger), result);

  if (now == 0)
    now = g_get_real_time () / G_USEC_PER_SEC;
  if (loket_case_get_status (kase) == LOKET_CASE_STATUS_CLOSED)
    return result;

  items = loket_disposition_ledger_get_dispositions (ledger);
  acting = loket_workflow_get_acting_positions (self, person_id, now);
  for (guint i = 0; i < acting->len; i++)
    {
      const char *position = ((LoketActingPosition *) g_ptr_array_index (acting, i))->position_id;
      const LoketPosition    *p = loket_org_chart_lookup_position (self->org_chart, position);
      const LoketDisposition *open = latest_open_received (ledger, position);
      g_autoptr (GPtrArray) targets = NULL;
      GHashTable *withdrawable;

      if (p == NULL
          || g_strcmp0 (_loket_workflow_unit_agency (self, p->unit_id),
                        loket_case_get_agency_id (kase))
               != 0)
        continue;

      targets = subordinate_ids (self, position);
      if (targets->len > 0 && p->role != LOKET_ROLE_STAFF && p->role != LOKET_ROLE_REGISTRAR
          && (is_case_head (self, kase, position) || open != NULL))
        {
          gboolean            forward = open != NULL && !is_case_head (self, kase, position);
          LoketAllowedAction *a = allowed (
            forward ? LOKET_WORKFLOW_ACTION_FORWARD : LOKET_WORKFLOW_ACTION_DISPOSE, position,
            forward ? open->id : NULL, loket_workflow_default_due (self, kase, NULL, now));
          a->targets = g_steal_pointer (&targets);
          g_ptr_array_add (result, a);
        }

      withdrawable = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint j = 0; j < items->len; j++)
        {
          const LoketDisposition *d = g_ptr_array_index (items, j);

          if (g_strcmp0 (d->position_id, position) == 0 && loket_disposition_is_open (d))
            {
              if (d->state == LOKET_DISPOSITION_UNREAD)
                g_ptr_array_add (
                  result, allowed (LOKET_WORKFLOW_ACTION_MARK_READ, position, d->id, d->due_at));
              g_ptr_array_add (result,
                               allowed (LOKET_WORKFLOW_ACTION_REPORT, position, d->id, d->due_at));
            }
          if (g_strcmp0 (d->from_position, position) == 0)
            {
              /* Withdrawable while every recipient is unread. */
              gboolean unread = GPOINTER_TO_INT (g_hash_table_lookup (withdrawable, d->id));

              if (!g_hash_table_contains (withdrawable, d->id))
                unread = TRUE;
              unread = unread && d->state == LOKET_DISPOSITION_UNREAD;
              g_hash_table_insert (withdrawable, d->id, GINT_TO_POINTER (unread));
            }
        }
      for (guint j = 0; j < items->len; j++)
        {
          const LoketDisposition *d = g_ptr_array_index (items, j);

          if (GPOINTER_TO_INT (g_hash_table_lookup (withdrawable, d->id)))
            {
              g_ptr_array_add (result,
                               allowed (LOKET_WORKFLOW_ACTION_WITHDRAW, position, d->id, 0));
              g_hash_table_remove (withdrawable, d->id);
            }
        }
      g_hash_table_unref (withdrawable);
    }
  return result;
}
