// SPDX-License-Identifier: GPL-3.0-or-later
// LoketStore: the completeness decisions after registration — check a requirement, declare
// complete, return the file, close — each checked against the case's state, then appended.
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "loket-error.h"
#include "loket-event-store.h"
#include "loket-projection-store.h"
#include "loket-store-intake-private.h"

typedef enum
{
  ACTION_CHECK,
  ACTION_COMPLETE,
  ACTION_RETURN,
  ACTION_CLOSE,
} ActionKind;

typedef struct
{
  LoketStore *self;
  ActionKind  kind;
  char       *case_uuid;
  char       *author;
  char       *requirement_id;
  gboolean    satisfied;
  GPtrArray  *attachments; /* LoketAttachment */
  GStrv       missing;
  char       *note;
  char       *outcome;
  gint64      at;
} ActionOp;

static void
action_op_free (ActionOp *op)
{
  g_free (op->case_uuid);
  g_free (op->author);
  g_free (op->requirement_id);
  g_clear_pointer (&op->attachments, g_ptr_array_unref);
  g_strfreev (op->missing);
  g_free (op->note);
  g_free (op->outcome);
  g_free (op);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ActionOp, action_op_free)

static ActionOp *
action_op_new (LoketStore *self, ActionKind kind, const char *case_uuid, const char *author, gint64 at)
{
  ActionOp *op = g_new0 (ActionOp, 1);

  op->self = self;
  op->kind = kind;
  op->case_uuid = g_strdup (case_uuid);
  op->author = g_strdup (author);
  op->at = at != 0 ? at : g_get_real_time () / G_USEC_PER_SEC;
  return op;
}

/* ---- On the database thread --------------------------------------------------------------- */

/* The requirement of the case's checklist with @id, or NULL. */
static LoketRequirement *
find_requirement (GPtrArray *requirements, const char *id)
{
  for (guint i = 0; requirements != NULL && i < requirements->len; i++)
    if (g_strcmp0 (loket_requirement_get_id (g_ptr_array_index (requirements, i)), id) == 0)
      return g_ptr_array_index (requirements, i);
  return NULL;
}

/* Mandatory requirements whose latest requirement.checked is not satisfied (or absent).
 * (element LoketRequirement) */
static GPtrArray *
missing_mandatory (LoketStore *self, const char *case_uuid, GPtrArray *requirements, GError **error)
{
  g_autoptr (GPtrArray) events = loket_event_store_get_case_events (self->db, case_uuid, error);
  g_autoptr (GHashTable) satisfied = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GPtrArray *missing;

  if (events == NULL)
    return NULL;
  for (guint i = 0; i < events->len; i++)
    {
      LoketEvent *event = g_ptr_array_index (events, i);
      g_autoptr (JsonObject) body = NULL;
      JsonNode   *req, *ok;

      if (g_strcmp0 (loket_event_get_event_type (event), LOKET_EVENT_REQUIREMENT_CHECKED) != 0)
        continue;
      body = loket_event_parse_body (event, NULL);
      if (body == NULL)
        continue;
      req = json_object_get_member (body, "requirement");
      ok = json_object_get_member (body, "satisfied");
      if (req == NULL || json_node_get_value_type (req) != G_TYPE_STRING || ok == NULL
          || json_node_get_value_type (ok) != G_TYPE_BOOLEAN)
        continue;
      g_hash_table_insert (satisfied, g_strdup (json_node_get_string (req)),
                           GINT_TO_POINTER (json_node_get_boolean (ok)));
    }
  missing = g_ptr_array_new ();
  for (guint i = 0; i < requirements->len; i++)
    {
      LoketRequirement *r = g_ptr_array_index (requirements, i);

      if (loket_requirement_get_kind (r) == LOKET_REQUIREMENT_MANDATORY
          && !GPOINTER_TO_INT (g_hash_table_lookup (satisfied, loket_requirement_get_id (r))))
        g_ptr_array_add (missing, r);
    }
  return missing;
}

static char *
format_missing (GPtrArray *missing)
{
  GString *text = g_string_new (_ ("The file cannot be declared complete; missing:"));

  for (guint i = 0; i < missing->len; i++)
    {
      LoketRequirement *r = g_ptr_array_index (missing, i);
      g_string_append_printf (text, "\n• %s: %s", loket_requirement_get_id (r),
                              loket_requirement_get_text (r));
    }
  return g_string_free (text, FALSE);
}

static JsonObject *
body_at (LoketStore *self, LoketCase *kase, gint64 at)
{
  g_autoptr (GTimeZone) tz = _loket_store_agency_timezone (self, loket_case_get_agency_id (kase));
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (at);
  g_autoptr (GDateTime) local = g_date_time_to_timezone (utc, tz);
  g_autofree char *iso = g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
  JsonObject      *body = json_object_new ();

  json_object_set_string_member (body, "at", iso);
  return body;
}

static gboolean
add_event (LoketStore *self, GPtrArray *events, ActionOp *op, const char *type, JsonObject *body,
           GError **error)
{
  g_autoptr (JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autofree char *json = NULL;
  g_autofree char *stamp = loket_hlc_now (self->hlc);
  LoketEvent      *event;

  json_node_take_object (node, body);
  json = json_to_string (node, FALSE);
  event = loket_event_new_checked (NULL, op->case_uuid, type, op->author, self->device_id, stamp,
                                   json, error);
  if (event == NULL)
    return FALSE;
  g_ptr_array_add (events, event);
  return TRUE;
}

/* A macro, so the format strings stay literal (checked by -Wformat). */
#define conflict(error, message, agenda)                                                          \
  (g_set_error ((error), LOKET_ERROR, LOKET_ERROR_CONFLICT, (message),                           \
                (agenda) != NULL ? (agenda) : ""),                                                \
   FALSE)

static gboolean
build_check (LoketStore *self, ActionOp *op, LoketCase *kase, GPtrArray *reqs, GPtrArray *events,
             GError **error)
{
  JsonObject *body = json_object_new ();
  JsonArray  *blobs = json_array_new ();

  for (guint i = 0; op->attachments != NULL && i < op->attachments->len; i++)
    json_array_add_string_element (
      blobs, ((LoketAttachment *) g_ptr_array_index (op->attachments, i))->sha256);
  json_object_set_string_member (body, "requirement", op->requirement_id);
  json_object_set_boolean_member (body, "satisfied", op->satisfied);
  json_object_set_array_member (body, "blobs", blobs);
  if (!add_event (self, events, op, LOKET_EVENT_REQUIREMENT_CHECKED, body, error))
    return FALSE;
  for (guint i = 0; op->attachments != NULL && i < op->attachments->len; i++)
    {
      g_autoptr (JsonNode) node = loket_attachment_to_json (g_ptr_array_index (op->attachments, i));
      JsonObject *doc = json_node_dup_object (node);

      json_object_set_string_member (doc, "requirement", op->requirement_id);
      if (!add_event (self, events, op, LOKET_EVENT_DOCUMENT_ATTACHED, doc, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
build_return (LoketStore *self, ActionOp *op, LoketCase *kase, GPtrArray *reqs, GPtrArray *events,
              GError **error)
{
  JsonObject *body;
  JsonArray  *ids = json_array_new ();
  g_autofree char *note = op->note != NULL ? g_strstrip (g_strdup (op->note)) : g_strdup ("");

  if (op->missing != NULL && op->missing[0] != NULL)
    {
      for (guint i = 0; op->missing[i] != NULL; i++)
        {
          if (find_requirement (reqs, op->missing[i]) == NULL)
            {
              json_array_unref (ids);
              g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _ ("“%s” is not a requirement of this case"), op->missing[i]);
              return FALSE;
            }
          json_array_add_string_element (ids, op->missing[i]);
        }
    }
  else
    {
      g_autoptr (GPtrArray) missing = missing_mandatory (self, op->case_uuid, reqs, error);

      if (missing == NULL)
        {
          json_array_unref (ids);
          return FALSE;
        }
      for (guint i = 0; i < missing->len; i++)
        json_array_add_string_element (ids,
                                       loket_requirement_get_id (g_ptr_array_index (missing, i)));
    }
  if (json_array_get_length (ids) == 0 && *note == '\0')
    {
      json_array_unref (ids);
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("Nothing is missing: say in the note why the file is returned"));
      return FALSE;
    }
  body = body_at (self, kase, op->at);
  json_object_set_array_member (body, "missing", ids);
  if (*note != '\0')
    json_object_set_string_member (body, "note", note);
  return add_event (self, events, op, LOKET_EVENT_CASE_RETURNED, body, error);
}

/* Checks the case's state for @op and builds its events. */
static gboolean
build_action (LoketStore *self, ActionOp *op, LoketCase *kase, GPtrArray *events, GError **error)
{
  LoketService *service = loket_service_catalog_lookup (
    loket_case_projector_get_catalog (self->projector), loket_case_get_service_id (kase));
  g_autoptr (GPtrArray) reqs = NULL;
  const char *agenda = loket_case_get_agenda_number (kase);

  if (service == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND,
                   _ ("The case %s is for a service this Loket does not know"), agenda);
      return FALSE;
    }
  reqs = loket_service_get_requirements (service, loket_case_get_channel (kase));
  if (loket_case_get_status (kase) == LOKET_CASE_STATUS_CLOSED)
    return conflict (error, _ ("The case %s is already closed"), agenda);

  switch (op->kind)
    {
      case ACTION_CHECK:
        if (find_requirement (reqs, op->requirement_id) == NULL)
          {
            g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                         _ ("“%s” is not a requirement of this case"), op->requirement_id);
            return FALSE;
          }
        return _loket_store_blobs_exist (self, op->attachments, error)
               && build_check (self, op, kase, reqs, events, error);

      case ACTION_COMPLETE:
        {
          g_autoptr (GPtrArray) missing = NULL;

          if (loket_case_get_complete_at (kase) != 0)
            return conflict (error, _ ("The case %s has already been declared complete"), agenda);
          missing = missing_mandatory (self, op->case_uuid, reqs, error);
          if (missing == NULL)
            return FALSE;
          if (missing->len > 0)
            {
              g_autofree char *text = format_missing (missing);
              g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA, text);
              return FALSE;
            }
          return add_event (self, events, op, LOKET_EVENT_CASE_DECLARED_COMPLETE,
                            body_at (self, kase, op->at), error);
        }

      case ACTION_RETURN:
        if (loket_case_get_complete_at (kase) != 0)
          return conflict (error,
                           _ ("The case %s has been declared complete and cannot be returned"),
                           agenda);
        return build_return (self, op, kase, reqs, events, error);

      case ACTION_CLOSE:
        {
          JsonObject *body;

          if (loket_case_get_complete_at (kase) == 0)
            return conflict (error, _ ("The case %s has not been declared complete yet"), agenda);
          body = body_at (self, kase, op->at);
          json_object_set_string_member (body, "outcome",
                                         op->outcome != NULL ? op->outcome : "selesai");
          return add_event (self, events, op, LOKET_EVENT_CASE_CLOSED, body, error);
        }

      default:
        g_assert_not_reached ();
    }
}

static gboolean
action_in_transaction (LoketStore *self, ActionOp *op, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (LoketCase) kase = loket_projection_store_load (self->db, op->case_uuid, &local_error);
  g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);

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
  /* The new events must sort after everything the case has, whatever this PC's clock says. */
  if (loket_case_get_last_hlc (kase) != NULL
      && !loket_hlc_observe (self->hlc, loket_case_get_last_hlc (kase), error))
    return FALSE;
  return build_action (self, op, kase, events, error)
         && _loket_store_append_in_transaction (self, events, error);
}

static gboolean
action_on_thread (gpointer data, gpointer *result, GError **error)
{
  ActionOp   *op = data;
  LoketStore *self = op->self;

  g_assert (g_thread_self () == self->db_thread);
  if (!loket_db_begin (self->db, error))
    return FALSE;
  if (!action_in_transaction (self, op, error) || !loket_db_commit (self->db, error))
    {
      loket_db_rollback (self->db);
      return FALSE;
    }
  return TRUE;
}

/* ---- Public API --------------------------------------------------------------------------- */

gboolean
loket_store_check_requirement (LoketStore *self,
                               const char *case_uuid,
                               const char *author,
                               const char *requirement_id,
                               gboolean    satisfied,
                               GPtrArray  *attachments,
                               gint64      at,
                               GError    **error)
{
  g_autoptr (ActionOp) op = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_uuid != NULL && author != NULL && requirement_id != NULL, FALSE);

  op = action_op_new (self, ACTION_CHECK, case_uuid, author, at);
  op->requirement_id = g_strdup (requirement_id);
  op->satisfied = satisfied;
  op->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_attachment_free);
  for (guint i = 0; attachments != NULL && i < attachments->len; i++)
    g_ptr_array_add (op->attachments, loket_attachment_copy (g_ptr_array_index (attachments, i)));
  return _loket_store_intake_run_sync (self, action_on_thread, op, NULL, error);
}

static ActionOp *
return_op_new (LoketStore        *self,
               const char        *case_uuid,
               const char        *author,
               const char *const *missing,
               const char        *note,
               gint64             at)
{
  ActionOp *op = action_op_new (self, ACTION_RETURN, case_uuid, author, at);

  op->missing = g_strdupv ((char **) missing);
  op->note = g_strdup (note);
  return op;
}

static ActionOp *
close_op_new (LoketStore *self, const char *case_uuid, const char *author, const char *outcome,
              gint64 at)
{
  ActionOp *op = action_op_new (self, ACTION_CLOSE, case_uuid, author, at);

  op->outcome = g_strdup (outcome);
  return op;
}

gboolean
loket_store_declare_complete (LoketStore *self,
                              const char *case_uuid,
                              const char *author,
                              gint64      at,
                              GError    **error)
{
  g_autoptr (ActionOp) op = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_uuid != NULL && author != NULL, FALSE);

  op = action_op_new (self, ACTION_COMPLETE, case_uuid, author, at);
  return _loket_store_intake_run_sync (self, action_on_thread, op, NULL, error);
}

gboolean
loket_store_return_case (LoketStore        *self,
                         const char        *case_uuid,
                         const char        *author,
                         const char *const *missing,
                         const char        *note,
                         gint64             at,
                         GError           **error)
{
  g_autoptr (ActionOp) op = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_uuid != NULL && author != NULL, FALSE);

  op = return_op_new (self, case_uuid, author, missing, note, at);
  return _loket_store_intake_run_sync (self, action_on_thread, op, NULL, error);
}

gboolean
loket_store_close_case (LoketStore *self,
                        const char *case_uuid,
                        const char *author,
                        const char *outcome,
                        gint64      at,
                        GError    **error)
{
  g_autoptr (ActionOp) op = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_uuid != NULL && author != NULL, FALSE);

  op = close_op_new (self, case_uuid, author, outcome, at);
  return _loket_store_intake_run_sync (self, action_on_thread, op, NULL, error);
}

static void
run_action_async (LoketStore         *self,
                  ActionOp           *op,
                  GCancellable       *cancellable,
                  GAsyncReadyCallback callback,
                  gpointer            user_data)
{
  _loket_store_intake_run_async (self, action_on_thread, op, (GDestroyNotify) action_op_free, NULL,
                                 loket_store_case_action_finish, cancellable, callback, user_data);
}

void
loket_store_declare_complete_async (LoketStore         *self,
                                    const char         *case_uuid,
                                    const char         *author,
                                    gint64              at,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data)
{
  g_return_if_fail (LOKET_IS_STORE (self));
  g_return_if_fail (case_uuid != NULL && author != NULL);

  run_action_async (self, action_op_new (self, ACTION_COMPLETE, case_uuid, author, at),
                    cancellable, callback, user_data);
}

void
loket_store_return_case_async (LoketStore         *self,
                               const char         *case_uuid,
                               const char         *author,
                               const char *const  *missing,
                               const char         *note,
                               gint64              at,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  g_return_if_fail (LOKET_IS_STORE (self));
  g_return_if_fail (case_uuid != NULL && author != NULL);

  run_action_async (self, return_op_new (self, case_uuid, author, missing, note, at), cancellable,
                    callback, user_data);
}

void
loket_store_close_case_async (LoketStore         *self,
                              const char         *case_uuid,
                              const char         *author,
                              const char         *outcome,
                              gint64              at,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  g_return_if_fail (LOKET_IS_STORE (self));
  g_return_if_fail (case_uuid != NULL && author != NULL);

  run_action_async (self, close_op_new (self, case_uuid, author, outcome, at), cancellable,
                    callback, user_data);
}

gboolean
loket_store_case_action_finish (LoketStore *self, GAsyncResult *result, GError **error)
{
  gpointer out = NULL;

  return _loket_store_intake_finish (self, result, loket_store_case_action_finish, &out, error);
}
