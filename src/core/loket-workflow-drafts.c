// SPDX-License-Identifier: GPL-3.0-or-later
// LoketWorkflow: the rules of the paraf chain and sign-off of letter drafts (loket-workflow.h).
#include "config.h"

#include <glib/gi18n-lib.h>

#include "loket-error.h"
#include "loket-workflow-private.h"

LoketDraftRequest *
loket_draft_request_new (LoketDraftAction action, const char *person_id, const char *draft_id)
{
  LoketDraftRequest *self = g_new0 (LoketDraftRequest, 1);

  self->action = action;
  self->person_id = g_strdup (person_id);
  self->draft_id = g_strdup (draft_id);
  return self;
}

LoketDraftRequest *
loket_draft_request_copy (const LoketDraftRequest *self)
{
  LoketDraftRequest *copy;

  g_return_val_if_fail (self != NULL, NULL);
  copy = loket_draft_request_new (self->action, self->person_id, self->draft_id);
  copy->as_position = g_strdup (self->as_position);
  copy->version = self->version;
  copy->note = g_strdup (self->note);
  copy->to = g_strdup (self->to);
  copy->route = g_strdupv (self->route);
  copy->at = self->at;
  return copy;
}

void
loket_draft_request_free (LoketDraftRequest *self)
{
  if (self == NULL)
    return;
  g_free (self->person_id);
  g_free (self->as_position);
  g_free (self->draft_id);
  g_free (self->note);
  g_free (self->to);
  g_strfreev (self->route);
  g_free (self);
}

void
loket_allowed_draft_action_free (LoketAllowedDraftAction *self)
{
  if (self == NULL)
    return;
  g_free (self->draft_id);
  g_free (self->as_position);
  g_free (self);
}

static char *
iso_time (LoketWorkflow *self, gint64 at)
{
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (at);
  g_autoptr (GDateTime) local
    = g_date_time_to_timezone (utc, loket_work_calendar_get_timezone (self->calendar));

  return g_date_time_format_iso8601 (local);
}

static int
route_index (const LoketDraftState *state, const char *position)
{
  for (guint i = 0; position != NULL && i < state->route->len; i++)
    if (g_str_equal (g_ptr_array_index (state->route, i), position))
      return (int) i;
  return -1;
}

/* The holder before the current one: the previous route position, or the drafter. */
static const char *
previous_holder (const LoketDraftState *state, int index)
{
  return index > 0 ? g_ptr_array_index (state->route, index - 1) : state->drafter;
}

static gboolean
conflict (GError **error, const char *message)
{
  g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_CONFLICT, message);
  return FALSE;
}

/* The stage and version checks of @action; the position whose turn it is in @holder.
 * @for_offer: skip the checks of the request's own arguments (note, route, to). */
static gboolean
check_stage (LoketWorkflow           *self,
             const LoketDraftState   *state,
             const LoketDraftRequest *request,
             gboolean                 for_offer,
             const char             **holder,
             GError                 **error)
{
  guint version = request->version != 0 ? request->version : state->version;

  *holder = NULL;
  if (state->stage == LOKET_DRAFT_STAGE_SIGNED)
    return conflict (error, _ ("This draft is already signed"));
  if (version != state->version)
    return conflict (error, _ ("This version is out of date: a newer version of the draft "
                               "exists"));

  switch (request->action)
    {
      case LOKET_DRAFT_ACTION_SUBMIT:
        if (state->stage == LOKET_DRAFT_STAGE_RETURNED)
          return conflict (error, _ ("The draft was returned for correction: revise it before "
                                     "submitting it again"));
        if (state->stage != LOKET_DRAFT_STAGE_EDITING)
          return conflict (error, _ ("This version is already up for paraf"));
        if (!for_offer)
          {
            if (request->route == NULL || request->route[0] == NULL)
              {
                g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                                     _ ("A submission needs a paraf route"));
                return FALSE;
              }
            for (guint i = 0; request->route[i] != NULL; i++)
              if (loket_org_chart_lookup_position (self->org_chart, request->route[i]) == NULL)
                {
                  g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                               _ ("The paraf route names an unknown position “%s”"),
                               request->route[i]);
                  return FALSE;
                }
          }
        *holder = loket_draft_state_get_holder (state);
        return TRUE;

      case LOKET_DRAFT_ACTION_PARAF:
        if (state->stage == LOKET_DRAFT_STAGE_APPROVED)
          return conflict (error, _ ("Every paraf is given: the draft awaits the signature"));
        if (state->stage != LOKET_DRAFT_STAGE_IN_REVIEW)
          return conflict (error, _ ("This draft is not up for paraf"));
        if (version != state->route_version)
          return conflict (error, _ ("This version is out of date: the paraf would be on a version "
                                     "that was not submitted"));
        *holder = g_ptr_array_index (state->route, state->n_paraf);
        return TRUE;

      case LOKET_DRAFT_ACTION_RETURN:
        if (!for_offer)
          {
            g_autofree char *stripped
              = request->note != NULL ? g_strstrip (g_strdup (request->note)) : NULL;

            if (stripped == NULL || *stripped == '\0')
              {
                g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                                     _ ("A return for correction needs a note saying what to "
                                        "correct"));
                return FALSE;
              }
          }
        if (state->stage == LOKET_DRAFT_STAGE_EDITING)
          return conflict (error, _ ("This draft is not up for paraf"));
        if (state->stage == LOKET_DRAFT_STAGE_RETURNED
            && g_strcmp0 (state->returned_to, state->drafter) == 0)
          return conflict (error, _ ("The drafter revises the draft and submits it again"));
        *holder = loket_draft_state_get_holder (state);
        return TRUE;

      case LOKET_DRAFT_ACTION_SIGN:
        if (state->stage != LOKET_DRAFT_STAGE_APPROVED || state->route->len == 0
            || state->n_paraf + 1 != state->route->len || version != state->route_version)
          return conflict (error, _ ("Not every position of the route has initialled (paraf) this "
                                     "version: it cannot be signed yet"));
        *holder = loket_draft_state_get_signer (state);
        return TRUE;

      default:
        g_assert_not_reached ();
    }
}

static JsonObject *
make_body (LoketWorkflow             *self,
           LoketCase                 *kase,
           const LoketDraftState     *state,
           const LoketDraftRequest   *request,
           const LoketActingPosition *as,
           gint64                     at,
           const char               **event_type,
           GError                   **error)
{
  g_autoptr (JsonObject) body = json_object_new ();
  g_autofree char *when = iso_time (self, at);

  json_object_set_string_member (body, "draft_id", state->draft_id);
  json_object_set_int_member (body, "version", state->version);
  json_object_set_string_member (body, "position", as->position_id);
  if (as->delegated)
    json_object_set_string_member (body, "delegation",
                                   as->kind == LOKET_STAND_IN_PLT ? "Plt." : "Plh.");
  json_object_set_string_member (body, "at", when);

  switch (request->action)
    {
      case LOKET_DRAFT_ACTION_SUBMIT:
        {
          JsonArray *route = json_array_new ();

          for (guint i = 0; request->route[i] != NULL; i++)
            json_array_add_string_element (route, request->route[i]);
          json_object_set_array_member (body, "route", route);
          *event_type = LOKET_EVENT_DRAFT_SUBMITTED;
          break;
        }
      case LOKET_DRAFT_ACTION_PARAF:
        json_object_set_string_member (body, "next",
                                       g_ptr_array_index (state->route, state->n_paraf + 1));
        if (state->n_paraf + 2 == state->route->len)
          json_object_set_boolean_member (body, "final", TRUE);
        *event_type = LOKET_EVENT_DRAFT_PARAF;
        break;
      case LOKET_DRAFT_ACTION_RETURN:
        {
          int              index = state->stage == LOKET_DRAFT_STAGE_RETURNED
                                     ? route_index (state, state->returned_to)
                                     : (int) state->n_paraf;
          const char      *to = request->to != NULL ? request->to : previous_holder (state, index);
          int              to_index = route_index (state, to);
          g_autofree char *note = g_strstrip (g_strdup (request->note));

          if (to == NULL
              || (g_strcmp0 (to, state->drafter) != 0 && (to_index < 0 || to_index >= index)))
            {
              g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _ ("A draft goes back only to its drafter or to an earlier position of "
                              "its route, not to %s"),
                           _loket_workflow_title_of (self, to != NULL ? to : ""));
              return NULL;
            }
          json_object_set_string_member (body, "to", to);
          json_object_set_string_member (body, "note", note);
          *event_type = LOKET_EVENT_DRAFT_RETURNED;
          break;
        }
      case LOKET_DRAFT_ACTION_SIGN:
        json_object_set_string_member (body, "signer", request->person_id);
        *event_type = LOKET_EVENT_LETTER_SIGNED;
        break;
      default:
        g_assert_not_reached ();
    }
  return g_steal_pointer (&body);
}

static const char *
action_verb (LoketDraftAction action)
{
  switch (action)
    {
      case LOKET_DRAFT_ACTION_SUBMIT:
        return _ ("submit this draft");
      case LOKET_DRAFT_ACTION_PARAF:
        return _ ("initial (paraf) this draft");
      case LOKET_DRAFT_ACTION_RETURN:
        return _ ("return this draft");
      case LOKET_DRAFT_ACTION_SIGN:
      default:
        return _ ("sign this letter");
    }
}

/* The acting position of @person_id that is @holder (and @as_position when given), or NULL. */
static LoketActingPosition *
find_acting (GPtrArray *acting, const char *holder, const char *as_position)
{
  for (guint i = 0; holder != NULL && i < acting->len; i++)
    {
      LoketActingPosition *as = g_ptr_array_index (acting, i);

      if (g_str_equal (as->position_id, holder)
          && (as_position == NULL || g_str_equal (as_position, holder)))
        return as;
    }
  return NULL;
}

JsonObject *
loket_workflow_check_draft (LoketWorkflow           *self,
                            LoketCase               *kase,
                            LoketDraftChain         *chain,
                            const LoketDraftRequest *request,
                            gint64                   now,
                            const char             **event_type,
                            GError                 **error)
{
  g_autoptr (GPtrArray) acting = NULL;
  const LoketDraftState *state;
  LoketActingPosition   *as;
  const char            *holder;
  gint64                 at;

  g_return_val_if_fail (LOKET_IS_WORKFLOW (self), NULL);
  g_return_val_if_fail (LOKET_IS_CASE (kase), NULL);
  g_return_val_if_fail (LOKET_IS_DRAFT_CHAIN (chain), NULL);
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
  if (loket_org_chart_lookup_person (self->org_chart, request->person_id) == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN,
                   _ ("“%s” is not a person of the org chart"),
                   request->person_id != NULL ? request->person_id : "");
      return NULL;
    }
  state = loket_draft_chain_lookup (chain, request->draft_id);
  if (state == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND, _ ("This case has no draft “%s”"),
                   request->draft_id != NULL ? request->draft_id : "");
      return NULL;
    }
  if (!check_stage (self, state, request, FALSE, &holder, error))
    return NULL;

  acting = loket_workflow_get_acting_positions (self, request->person_id, at);
  as = find_acting (acting, holder, request->as_position);
  if (as == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN, _ ("Only %s may %s now"),
                   holder != NULL ? _loket_workflow_title_of (self, holder) : "?",
                   action_verb (request->action));
      return NULL;
    }
  return make_body (self, kase, state, request, as, at, event_type, error);
}

GPtrArray *
loket_workflow_get_draft_actions (LoketWorkflow   *self,
                                  LoketCase       *kase,
                                  LoketDraftChain *chain,
                                  const char      *person_id,
                                  gint64           now)
{
  static const LoketDraftAction order[] = { LOKET_DRAFT_ACTION_SUBMIT, LOKET_DRAFT_ACTION_PARAF,
                                            LOKET_DRAFT_ACTION_SIGN, LOKET_DRAFT_ACTION_RETURN };
  g_autoptr (GPtrArray) result
    = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_allowed_draft_action_free);
  g_autoptr (GPtrArray) acting = NULL;
  GPtrArray *drafts;

  g_return_val_if_fail (LOKET_IS_WORKFLOW (self), NULL);
  g_return_val_if_fail (LOKET_IS_CASE (kase), NULL);
  g_return_val_if_fail (LOKET_IS_DRAFT_CHAIN (chain), NULL);

  if (now == 0)
    now = g_get_real_time () / G_USEC_PER_SEC;
  if (loket_case_get_status (kase) == LOKET_CASE_STATUS_CLOSED || person_id == NULL)
    return g_steal_pointer (&result);

  acting = loket_workflow_get_acting_positions (self, person_id, now);
  drafts = loket_draft_chain_get_drafts (chain);
  for (guint i = 0; i < drafts->len; i++)
    {
      const LoketDraftState *state = g_ptr_array_index (drafts, i);

      for (guint j = 0; j < G_N_ELEMENTS (order); j++)
        {
          g_autoptr (LoketDraftRequest) request
            = loket_draft_request_new (order[j], person_id, state->draft_id);
          LoketAllowedDraftAction *allowed;
          LoketActingPosition     *as;
          const char              *holder;

          if (!check_stage (self, state, request, TRUE, &holder, NULL))
            continue;
          as = find_acting (acting, holder, NULL);
          if (as == NULL)
            continue;
          allowed = g_new0 (LoketAllowedDraftAction, 1);
          allowed->action = order[j];
          allowed->draft_id = g_strdup (state->draft_id);
          allowed->as_position = g_strdup (as->position_id);
          allowed->delegated = as->delegated;
          g_ptr_array_add (result, allowed);
        }
    }
  return g_steal_pointer (&result);
}
