// SPDX-License-Identifier: GPL-3.0-or-later
// LoketStore: disposition acts checked by the workflow engine inside the write transaction,
// the ledger of a case, Plh./Plt. stand-ins and escalations.
#include "config.h"

#include <glib/gi18n-lib.h>

#include "loket-error.h"
#include "loket-event-store.h"
#include "loket-projection-store.h"
#include "loket-store-intake-private.h"
#include "loket-store-routing-private.h"

typedef struct
{
  LoketStore           *self;
  char                 *case_uuid;
  LoketWorkflowRequest *request;
  LoketStandIn         *stand_in;
  char                 *text;
  gint64                now;
} RoutingOp;

static void
routing_op_free (RoutingOp *op)
{
  g_free (op->case_uuid);
  g_clear_pointer (&op->request, loket_workflow_request_free);
  g_clear_pointer (&op->stand_in, loket_stand_in_free);
  g_free (op->text);
  g_free (op);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoutingOp, routing_op_free)

static RoutingOp *
routing_op_new (LoketStore *self, const char *case_uuid)
{
  RoutingOp *op = g_new0 (RoutingOp, 1);

  op->self = self;
  op->case_uuid = g_strdup (case_uuid);
  return op;
}

/* ---- The workflow ------------------------------------------------------------------------- */

void
loket_store_set_workflow (LoketStore *self, LoketWorkflow *workflow)
{
  g_return_if_fail (LOKET_IS_STORE (self));
  g_return_if_fail (LOKET_IS_WORKFLOW (workflow));

  g_mutex_lock (&self->workflow_lock);
  g_set_object (&self->workflow, workflow);
  g_mutex_unlock (&self->workflow_lock);
}

LoketWorkflow *
loket_store_get_workflow (LoketStore *self, GError **error)
{
  LoketWorkflow *workflow;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);

  g_mutex_lock (&self->workflow_lock);
  if (self->workflow == NULL)
    {
      g_autoptr (LoketOrgChart) org_chart = loket_org_chart_new_default (error);

      if (org_chart != NULL)
        self->workflow
          = loket_workflow_new (org_chart, loket_case_projector_get_catalog (self->projector),
                                loket_case_projector_get_calendar (self->projector), error);
    }
  workflow = self->workflow;
  g_mutex_unlock (&self->workflow_lock);
  return workflow;
}

static GPtrArray *
read_stand_ins (LoketDb *db, GError **error)
{
  g_autoptr (LoketDbStatement) stmt = loket_db_prepare (
    db,
    "SELECT id, person_id, position_id, kind, starts_at, ends_at, note FROM stand_ins "
    "ORDER BY starts_at, id",
    error);
  g_autoptr (GPtrArray) result
    = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_stand_in_free);
  gboolean have_row;

  if (stmt == NULL)
    return NULL;
  for (;;)
    {
      LoketStandIn    *stand_in;
      LoketStandInKind kind = LOKET_STAND_IN_PLH;

      if (!loket_db_statement_step (stmt, &have_row, error))
        return NULL;
      if (!have_row)
        break;
      loket_stand_in_kind_from_string (loket_db_statement_get_text (stmt, 3), &kind);
      stand_in = loket_stand_in_new (
        loket_db_statement_get_text (stmt, 1), loket_db_statement_get_text (stmt, 2), kind,
        loket_db_statement_get_int64 (stmt, 4), loket_db_statement_get_int64 (stmt, 5));
      stand_in->id = g_strdup (loket_db_statement_get_text (stmt, 0));
      stand_in->note = g_strdup (loket_db_statement_get_text (stmt, 6));
      g_ptr_array_add (result, stand_in);
    }
  return g_steal_pointer (&result);
}

LoketWorkflow *
_loket_store_workflow_on_thread (LoketStore *self, GError **error)
{
  LoketWorkflow *workflow = loket_store_get_workflow (self, error);
  g_autoptr (GPtrArray) stand_ins = NULL;

  if (workflow == NULL)
    return NULL;
  /* A tiny table: read every time, so stand-ins added by another process count too. */
  stand_ins = read_stand_ins (self->db, error);
  if (stand_ins == NULL)
    return NULL;
  loket_workflow_set_stand_ins (workflow, stand_ins);
  return workflow;
}

/* ---- Acts --------------------------------------------------------------------------------- */

/* MARK_READ refused because the person's recipient row is no longer unread: nothing to do. */
static gboolean
already_read (LoketWorkflow              *workflow,
              LoketDispositionLedger     *ledger,
              const LoketWorkflowRequest *request,
              gint64                      at)
{
  g_autoptr (GPtrArray) acting = NULL;

  if (request->action != LOKET_WORKFLOW_ACTION_MARK_READ || request->disposition_id == NULL)
    return FALSE;
  acting = loket_workflow_get_acting_positions (workflow, request->person_id, at);
  for (guint i = 0; i < acting->len; i++)
    {
      const LoketDisposition *d = loket_disposition_ledger_lookup (
        ledger, request->disposition_id,
        ((LoketActingPosition *) g_ptr_array_index (acting, i))->position_id);

      if (d != NULL && d->state != LOKET_DISPOSITION_UNREAD
          && d->state != LOKET_DISPOSITION_WITHDRAWN)
        return TRUE;
    }
  return FALSE;
}

static gboolean
act_in_transaction (gpointer data, char **disposition_id, GError **error)
{
  RoutingOp  *op = data;
  LoketStore *self = op->self;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (LoketCase) kase = loket_projection_store_load (self->db, op->case_uuid, &local_error);
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (LoketDispositionLedger) ledger = NULL;
  g_autoptr (JsonObject) body = NULL;
  g_autoptr (JsonNode) node = NULL;
  g_autoptr (GPtrArray) new_events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *json = NULL;
  g_autofree char *stamp = NULL;
  LoketWorkflow   *workflow;
  const char      *type = NULL;
  LoketEvent      *event;
  gint64           now;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (kase == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND, _ ("No case with the identifier %s"),
                   op->case_uuid);
      return FALSE;
    }
  workflow = _loket_store_workflow_on_thread (self, error);
  if (workflow == NULL)
    return FALSE;
  events = loket_event_store_get_case_events (self->db, op->case_uuid, error);
  if (events == NULL)
    return FALSE;
  ledger = loket_disposition_ledger_new_from_events (op->case_uuid, events, error);
  if (ledger == NULL)
    return FALSE;

  now = op->request->at != 0 ? op->request->at : g_get_real_time () / G_USEC_PER_SEC;
  body = loket_workflow_check (workflow, kase, ledger, op->request, now, &type, &local_error);
  if (body == NULL)
    {
      if (g_error_matches (local_error, LOKET_ERROR, LOKET_ERROR_CONFLICT)
          && already_read (workflow, ledger, op->request, now))
        {
          if (disposition_id != NULL)
            *disposition_id = g_strdup (op->request->disposition_id);
          return TRUE;
        }
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  /* The new event sorts after everything the case has, whatever this PC's clock says. */
  if (loket_case_get_last_hlc (kase) != NULL
      && !loket_hlc_observe (self->hlc, loket_case_get_last_hlc (kase), error))
    return FALSE;
  stamp = loket_hlc_now (self->hlc);
  node = json_node_init_object (json_node_alloc (), body);
  json = json_to_string (node, FALSE);
  event = loket_event_new_checked (NULL, op->case_uuid, type, op->request->person_id,
                                   self->device_id, stamp, json, error);
  if (event == NULL)
    return FALSE;
  g_ptr_array_add (new_events, event);
  if (!_loket_store_append_in_transaction (self, new_events, error))
    return FALSE;
  if (disposition_id != NULL)
    *disposition_id = g_strdup (json_object_get_string_member (body, "id"));
  return TRUE;
}

static gboolean
act_on_thread (gpointer data, gpointer *result, GError **error)
{
  RoutingOp *op = data;

  return _loket_store_run_transaction (op->self, act_in_transaction, op, (char **) result, error);
}

gboolean
loket_store_workflow_act (LoketStore                 *self,
                          const char                 *case_uuid,
                          const LoketWorkflowRequest *request,
                          char                      **disposition_id,
                          GError                    **error)
{
  g_autoptr (RoutingOp) op = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_uuid != NULL && request != NULL, FALSE);

  op = routing_op_new (self, case_uuid);
  op->request = loket_workflow_request_copy (request);
  if (!_loket_store_intake_run_sync (self, act_on_thread, op, &result, error))
    return FALSE;
  if (disposition_id != NULL)
    *disposition_id = result;
  else
    g_free (result);
  return TRUE;
}

void
loket_store_workflow_act_async (LoketStore                 *self,
                                const char                 *case_uuid,
                                const LoketWorkflowRequest *request,
                                GCancellable               *cancellable,
                                GAsyncReadyCallback         callback,
                                gpointer                    user_data)
{
  RoutingOp *op;

  g_return_if_fail (LOKET_IS_STORE (self));
  g_return_if_fail (case_uuid != NULL && request != NULL);

  op = routing_op_new (self, case_uuid);
  op->request = loket_workflow_request_copy (request);
  _loket_store_intake_run_async (self, act_on_thread, op, (GDestroyNotify) routing_op_free, g_free,
                                 loket_store_workflow_act_async, cancellable, callback, user_data);
}

gboolean
loket_store_workflow_act_finish (LoketStore   *self,
                                 GAsyncResult *result,
                                 char        **disposition_id,
                                 GError      **error)
{
  gpointer out = NULL;

  if (!_loket_store_intake_finish (self, result, loket_store_workflow_act_async, &out, error))
    return FALSE;
  if (disposition_id != NULL)
    *disposition_id = out;
  else
    g_free (out);
  return TRUE;
}

gboolean
loket_store_dispose (LoketStore        *self,
                     const char        *case_uuid,
                     const char        *person_id,
                     const char        *as_position,
                     const char *const *to,
                     const char *const *instructions,
                     const char        *note,
                     gint64             due_at,
                     char             **disposition_id,
                     GError           **error)
{
  g_autoptr (LoketWorkflowRequest) request
    = loket_workflow_request_new (LOKET_WORKFLOW_ACTION_DISPOSE, person_id);

  request->as_position = g_strdup (as_position);
  request->to = g_strdupv ((char **) to);
  request->instructions = g_strdupv ((char **) instructions);
  request->note = g_strdup (note);
  request->due_at = due_at;
  return loket_store_workflow_act (self, case_uuid, request, disposition_id, error);
}

gboolean
loket_store_forward (LoketStore        *self,
                     const char        *case_uuid,
                     const char        *person_id,
                     const char        *as_position,
                     const char        *parent_id,
                     const char *const *to,
                     const char *const *instructions,
                     const char        *note,
                     gint64             due_at,
                     char             **disposition_id,
                     GError           **error)
{
  g_autoptr (LoketWorkflowRequest) request
    = loket_workflow_request_new (LOKET_WORKFLOW_ACTION_FORWARD, person_id);

  request->as_position = g_strdup (as_position);
  request->disposition_id = g_strdup (parent_id);
  request->to = g_strdupv ((char **) to);
  request->instructions = g_strdupv ((char **) instructions);
  request->note = g_strdup (note);
  request->due_at = due_at;
  return loket_store_workflow_act (self, case_uuid, request, disposition_id, error);
}

gboolean
loket_store_report (LoketStore        *self,
                    const char        *case_uuid,
                    const char        *person_id,
                    const char        *as_position,
                    const char        *disposition_id,
                    const char        *note,
                    const char *const *blobs,
                    GError           **error)
{
  g_autoptr (LoketWorkflowRequest) request
    = loket_workflow_request_new (LOKET_WORKFLOW_ACTION_REPORT, person_id);

  request->as_position = g_strdup (as_position);
  request->disposition_id = g_strdup (disposition_id);
  request->note = g_strdup (note);
  request->blobs = g_strdupv ((char **) blobs);
  return loket_store_workflow_act (self, case_uuid, request, NULL, error);
}

gboolean
loket_store_withdraw (LoketStore *self,
                      const char *case_uuid,
                      const char *person_id,
                      const char *disposition_id,
                      GError    **error)
{
  g_autoptr (LoketWorkflowRequest) request
    = loket_workflow_request_new (LOKET_WORKFLOW_ACTION_WITHDRAW, person_id);

  request->disposition_id = g_strdup (disposition_id);
  return loket_store_workflow_act (self, case_uuid, request, NULL, error);
}

gboolean
loket_store_mark_read (LoketStore *self,
                       const char *case_uuid,
                       const char *person_id,
                       const char *disposition_id,
                       GError    **error)
{
  g_autoptr (LoketWorkflowRequest) request
    = loket_workflow_request_new (LOKET_WORKFLOW_ACTION_MARK_READ, person_id);

  request->disposition_id = g_strdup (disposition_id);
  return loket_store_workflow_act (self, case_uuid, request, NULL, error);
}

/* ---- The ledger of a case ----------------------------------------------------------------- */

static gboolean
ledger_on_thread (gpointer data, gpointer *result, GError **error)
{
  RoutingOp *op = data;
  g_autoptr (GPtrArray) events
    = loket_event_store_get_case_events (op->self->db, op->case_uuid, error);

  if (events == NULL)
    return FALSE;
  if (events->len == 0)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND, _ ("No case with the identifier %s"),
                   op->case_uuid);
      return FALSE;
    }
  *result = loket_disposition_ledger_new_from_events (op->case_uuid, events, error);
  return *result != NULL;
}

LoketDispositionLedger *
loket_store_get_disposition_ledger (LoketStore *self, const char *case_uuid, GError **error)
{
  g_autoptr (RoutingOp) op = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);
  g_return_val_if_fail (case_uuid != NULL, NULL);

  op = routing_op_new (self, case_uuid);
  if (!_loket_store_intake_run_sync (self, ledger_on_thread, op, &result, error))
    return NULL;
  return result;
}

void
loket_store_get_disposition_ledger_async (LoketStore         *self,
                                          const char         *case_uuid,
                                          GCancellable       *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer            user_data)
{
  g_return_if_fail (LOKET_IS_STORE (self));
  g_return_if_fail (case_uuid != NULL);

  _loket_store_intake_run_async (
    self, ledger_on_thread, routing_op_new (self, case_uuid), (GDestroyNotify) routing_op_free,
    g_object_unref, loket_store_get_disposition_ledger_async, cancellable, callback, user_data);
}

LoketDispositionLedger *
loket_store_get_disposition_ledger_finish (LoketStore *self, GAsyncResult *result, GError **error)
{
  gpointer out = NULL;

  if (!_loket_store_intake_finish (self, result, loket_store_get_disposition_ledger_async, &out,
                                   error))
    return NULL;
  return out;
}

/* ---- Stand-ins ---------------------------------------------------------------------------- */

static gboolean
add_stand_in_on_thread (gpointer data, gpointer *result, GError **error)
{
  RoutingOp     *op = data;
  LoketWorkflow *workflow = _loket_store_workflow_on_thread (op->self, error);
  g_autoptr (LoketDbStatement) stmt = NULL;
  LoketStandIn *s = op->stand_in;

  if (workflow == NULL || !loket_workflow_add_stand_in (workflow, s, error))
    return FALSE;
  stmt = loket_db_prepare (op->self->db,
                           "INSERT INTO stand_ins (id, person_id, position_id, kind, starts_at, "
                           "ends_at, note) VALUES (?, ?, ?, ?, ?, ?, ?)",
                           error);
  if (stmt == NULL)
    return FALSE;
  loket_db_statement_bind_text (stmt, 1, s->id);
  loket_db_statement_bind_text (stmt, 2, s->person_id);
  loket_db_statement_bind_text (stmt, 3, s->position_id);
  loket_db_statement_bind_text (stmt, 4, loket_stand_in_kind_to_string (s->kind));
  loket_db_statement_bind_int64 (stmt, 5, s->starts_at);
  loket_db_statement_bind_int64 (stmt, 6, s->ends_at);
  loket_db_statement_bind_text (stmt, 7, s->note);
  return loket_db_statement_run (stmt, error);
}

gboolean
loket_store_add_stand_in (LoketStore *self, LoketStandIn *stand_in, GError **error)
{
  g_autoptr (RoutingOp) op = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), FALSE);
  g_return_val_if_fail (stand_in != NULL, FALSE);

  if (stand_in->id == NULL)
    stand_in->id = g_uuid_string_random ();
  op = routing_op_new (self, NULL);
  op->stand_in = loket_stand_in_copy (stand_in);
  return _loket_store_intake_run_sync (self, add_stand_in_on_thread, op, NULL, error);
}

static gboolean
remove_stand_in_on_thread (gpointer data, gpointer *result, GError **error)
{
  RoutingOp *op = data;
  g_autoptr (LoketDbStatement) stmt
    = loket_db_prepare (op->self->db, "DELETE FROM stand_ins WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  loket_db_statement_bind_text (stmt, 1, op->text);
  return loket_db_statement_run (stmt, error)
         && _loket_store_workflow_on_thread (op->self, error) != NULL;
}

gboolean
loket_store_remove_stand_in (LoketStore *self, const char *id, GError **error)
{
  g_autoptr (RoutingOp) op = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  op = routing_op_new (self, NULL);
  op->text = g_strdup (id);
  return _loket_store_intake_run_sync (self, remove_stand_in_on_thread, op, NULL, error);
}

static gboolean
list_stand_ins_on_thread (gpointer data, gpointer *result, GError **error)
{
  RoutingOp *op = data;

  *result = read_stand_ins (op->self->db, error);
  return *result != NULL;
}

GPtrArray *
loket_store_list_stand_ins (LoketStore *self, GError **error)
{
  g_autoptr (RoutingOp) op = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);

  op = routing_op_new (self, NULL);
  if (!_loket_store_intake_run_sync (self, list_stand_ins_on_thread, op, &result, error))
    return NULL;
  return result;
}

/* ---- Escalation --------------------------------------------------------------------------- */

static gboolean
escalate_case (LoketStore    *self,
               LoketWorkflow *workflow,
               const char    *case_uuid,
               const char    *author,
               gint64         now,
               GPtrArray     *raised,
               GError       **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (LoketCase) kase = loket_projection_store_load (self->db, case_uuid, &local_error);
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (LoketDispositionLedger) ledger = NULL;
  g_autoptr (GPtrArray) due = NULL;
  g_autoptr (GPtrArray) new_events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GTimeZone) tz = NULL;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (kase == NULL)
    return TRUE;
  events = loket_event_store_get_case_events (self->db, case_uuid, error);
  if (events == NULL)
    return FALSE;
  ledger = loket_disposition_ledger_new_from_events (case_uuid, events, error);
  if (ledger == NULL)
    return FALSE;
  due = loket_workflow_get_escalations_due (workflow, kase, ledger, now);
  if (due->len == 0)
    return TRUE;
  if (loket_case_get_last_hlc (kase) != NULL
      && !loket_hlc_observe (self->hlc, loket_case_get_last_hlc (kase), error))
    return FALSE;
  tz = _loket_store_agency_timezone (self, loket_case_get_agency_id (kase));
  for (guint i = 0; i < due->len; i++)
    {
      LoketEscalation *escalation = g_ptr_array_index (due, i);
      g_autoptr (JsonNode) node = json_node_init_object (
        json_node_alloc (), loket_escalation_to_body (escalation, tz, now));
      g_autofree char *json = json_to_string (node, FALSE);
      g_autofree char *uuid
        = loket_escalation_event_uuid (escalation->disposition_id, escalation->position_id);
      g_autofree char *stamp = loket_hlc_now (self->hlc);
      LoketEvent *event = loket_event_new_checked (uuid, case_uuid, LOKET_EVENT_ESCALATION_RAISED,
                                                   author, self->device_id, stamp, json, error);

      json_object_unref (json_node_get_object (node));
      if (event == NULL)
        return FALSE;
      g_ptr_array_add (new_events, event);
    }
  if (!_loket_store_append_in_transaction (self, new_events, error))
    return FALSE;
  while (due->len > 0)
    g_ptr_array_add (raised, g_ptr_array_steal_index (due, 0));
  return TRUE;
}

static gboolean
escalate_in_transaction (RoutingOp *op, GPtrArray *raised, GError **error)
{
  LoketStore    *self = op->self;
  LoketWorkflow *workflow = _loket_store_workflow_on_thread (self, error);
  g_autoptr (LoketDbStatement) stmt = NULL;
  g_autoptr (GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  gboolean have_row;

  if (workflow == NULL)
    return FALSE;
  stmt = loket_db_prepare (self->db,
                           "SELECT DISTINCT case_uuid FROM dispositions WHERE is_open = 1 AND "
                           "escalated_at = 0 AND due_at > 0 AND due_at < ? ORDER BY case_uuid",
                           error);
  if (stmt == NULL)
    return FALSE;
  loket_db_statement_bind_int64 (stmt, 1, op->now);
  for (;;)
    {
      if (!loket_db_statement_step (stmt, &have_row, error))
        return FALSE;
      if (!have_row)
        break;
      g_ptr_array_add (cases, g_strdup (loket_db_statement_get_text (stmt, 0)));
    }
  g_clear_pointer (&stmt, loket_db_statement_release);
  for (guint i = 0; i < cases->len; i++)
    if (!escalate_case (self, workflow, g_ptr_array_index (cases, i), op->text, op->now, raised,
                        error))
      return FALSE;
  return TRUE;
}

static gboolean
escalate_on_thread (gpointer data, gpointer *result, GError **error)
{
  RoutingOp  *op = data;
  LoketStore *self = op->self;
  g_autoptr (GPtrArray) raised
    = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_escalation_free);

  if (!loket_db_begin (self->db, error))
    return FALSE;
  if (!escalate_in_transaction (op, raised, error) || !loket_db_commit (self->db, error))
    {
      loket_db_rollback (self->db);
      return FALSE;
    }
  *result = g_steal_pointer (&raised);
  return TRUE;
}

GPtrArray *
loket_store_raise_escalations (LoketStore *self, const char *author, gint64 now, GError **error)
{
  g_autoptr (RoutingOp) op = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);

  op = routing_op_new (self, NULL);
  op->text = g_strdup (author != NULL && *author != '\0' ? author : "system");
  op->now = now != 0 ? now : g_get_real_time () / G_USEC_PER_SEC;
  if (!_loket_store_intake_run_sync (self, escalate_on_thread, op, &result, error))
    return NULL;
  return result;
}
