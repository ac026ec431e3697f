// SPDX-License-Identifier: GPL-3.0-or-later
// LoketStore: autosaved intake drafts in the `drafts` table (each save one transaction).
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "loket-error.h"
#include "loket-store-intake-private.h"

#define DRAFT_ID_MAX   100
#define DRAFT_JSON_MAX (4 * 1024 * 1024)

typedef struct
{
  LoketStore     *self;
  LoketDraftInfo *info; /* save: the row's summary columns */
  char           *id;
  char           *json;
} DraftOp;

void
loket_draft_info_free (LoketDraftInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->id);
  g_free (info->service_id);
  g_free (info->channel);
  g_free (info->subject);
  g_free (info->party_name);
  g_free (info);
}

static void
draft_op_free (DraftOp *op)
{
  g_clear_pointer (&op->info, loket_draft_info_free);
  g_free (op->id);
  g_free (op->json);
  g_free (op);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DraftOp, draft_op_free)

static DraftOp *
draft_op_new (LoketStore *self, const char *id)
{
  DraftOp *op = g_new0 (DraftOp, 1);

  op->self = self;
  op->id = g_strdup (id);
  return op;
}

static gboolean
check_id (const char *id, GError **error)
{
  if (id == NULL || *id == '\0' || strlen (id) > DRAFT_ID_MAX || !g_utf8_validate (id, -1, NULL))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA, _ ("A draft needs a short name"));
      return FALSE;
    }
  return TRUE;
}

static char *
dup_string_member (JsonObject *object, const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

/* The summary of a draft's JSON (what the list of drafts shows). NULL + error if @json is not a
 * JSON object. */
static LoketDraftInfo *
summarize (const char *id, const char *json, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (LoketDraftInfo) info = g_new0 (LoketDraftInfo, 1);
  g_autoptr (GError) local_error = NULL;
  JsonNode   *root;
  JsonObject *object;
  JsonNode   *parties, *reqs;

  if (strlen (json) > DRAFT_JSON_MAX || !json_parser_load_from_data (parser, json, -1, &local_error)
      || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("A draft must be a JSON object of at most 4 MiB"));
      return NULL;
    }
  object = json_node_get_object (root);
  info->id = g_strdup (id);
  info->service_id = dup_string_member (object, "service");
  info->channel = dup_string_member (object, "channel");
  info->subject = dup_string_member (object, "subject");
  parties = json_object_get_member (object, "parties");
  if (parties != NULL && JSON_NODE_HOLDS_ARRAY (parties)
      && json_array_get_length (json_node_get_array (parties)) > 0)
    {
      JsonNode *first = json_array_get_element (json_node_get_array (parties), 0);

      if (JSON_NODE_HOLDS_OBJECT (first))
        info->party_name = dup_string_member (json_node_get_object (first), "name");
    }
  reqs = json_object_get_member (object, "requirements");
  for (guint i = 0; reqs != NULL && JSON_NODE_HOLDS_ARRAY (reqs)
                    && i < json_array_get_length (json_node_get_array (reqs));
       i++)
    {
      JsonNode *entry = json_array_get_element (json_node_get_array (reqs), i);
      JsonNode *attachments = JSON_NODE_HOLDS_OBJECT (entry)
                                ? json_object_get_member (json_node_get_object (entry), "attachments")
                                : NULL;

      if (attachments != NULL && JSON_NODE_HOLDS_ARRAY (attachments))
        info->n_attachments += json_array_get_length (json_node_get_array (attachments));
    }
  info->updated_at = g_get_real_time () / G_USEC_PER_SEC;
  return g_steal_pointer (&info);
}

/* ---- On the database thread --------------------------------------------------------------- */

static gboolean
save_on_thread (gpointer data, gpointer *result, GError **error)
{
  DraftOp *op = data;
  g_autoptr (LoketDbStatement) stmt = NULL;

  g_assert (g_thread_self () == op->self->db_thread);
  stmt = loket_db_prepare (
    op->self->db,
    "INSERT INTO drafts (id, service_id, channel, subject, party_name, n_attachments, json, "
    "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
    "service_id = excluded.service_id, channel = excluded.channel, subject = excluded.subject, "
    "party_name = excluded.party_name, n_attachments = excluded.n_attachments, "
    "json = excluded.json, updated_at = excluded.updated_at",
    error);
  if (stmt == NULL)
    return FALSE;
  loket_db_statement_bind_text (stmt, 1, op->id);
  loket_db_statement_bind_text (stmt, 2, op->info->service_id);
  loket_db_statement_bind_text (stmt, 3, op->info->channel);
  loket_db_statement_bind_text (stmt, 4, op->info->subject);
  loket_db_statement_bind_text (stmt, 5, op->info->party_name);
  loket_db_statement_bind_int64 (stmt, 6, op->info->n_attachments);
  loket_db_statement_bind_text (stmt, 7, op->json);
  loket_db_statement_bind_int64 (stmt, 8, op->info->updated_at);
  /* Outside an explicit transaction the statement is its own, committed (and, with
   * synchronous=FULL, durable) when it returns. */
  return loket_db_statement_run (stmt, error);
}

static gboolean
list_on_thread (gpointer data, gpointer *result, GError **error)
{
  DraftOp *op = data;
  g_autoptr (LoketDbStatement) stmt = NULL;
  g_autoptr (GPtrArray) drafts
    = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_draft_info_free);

  g_assert (g_thread_self () == op->self->db_thread);
  stmt = loket_db_prepare (op->self->db,
                           "SELECT id, service_id, channel, subject, party_name, n_attachments, "
                           "updated_at FROM drafts ORDER BY updated_at DESC, id",
                           error);
  if (stmt == NULL)
    return FALSE;
  for (;;)
    {
      gboolean        have_row = FALSE;
      LoketDraftInfo *info;

      if (!loket_db_statement_step (stmt, &have_row, error))
        return FALSE;
      if (!have_row)
        break;
      info = g_new0 (LoketDraftInfo, 1);
      info->id = g_strdup (loket_db_statement_get_text (stmt, 0));
      info->service_id = g_strdup (loket_db_statement_get_text (stmt, 1));
      info->channel = g_strdup (loket_db_statement_get_text (stmt, 2));
      info->subject = g_strdup (loket_db_statement_get_text (stmt, 3));
      info->party_name = g_strdup (loket_db_statement_get_text (stmt, 4));
      info->n_attachments = (guint) loket_db_statement_get_int64 (stmt, 5);
      info->updated_at = loket_db_statement_get_int64 (stmt, 6);
      g_ptr_array_add (drafts, info);
    }
  *result = g_steal_pointer (&drafts);
  return TRUE;
}

static gboolean
load_on_thread (gpointer data, gpointer *result, GError **error)
{
  DraftOp *op = data;
  g_autoptr (LoketDbStatement) stmt = NULL;
  gboolean have_row = FALSE;

  g_assert (g_thread_self () == op->self->db_thread);
  stmt = loket_db_prepare (op->self->db, "SELECT json FROM drafts WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  loket_db_statement_bind_text (stmt, 1, op->id);
  if (!loket_db_statement_step (stmt, &have_row, error))
    return FALSE;
  if (!have_row)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND, _ ("There is no draft “%s”"), op->id);
      return FALSE;
    }
  *result = g_strdup (loket_db_statement_get_text (stmt, 0));
  return TRUE;
}

static gboolean
delete_on_thread (gpointer data, gpointer *result, GError **error)
{
  DraftOp *op = data;
  g_autoptr (LoketDbStatement) stmt = NULL;

  g_assert (g_thread_self () == op->self->db_thread);
  stmt = loket_db_prepare (op->self->db, "DELETE FROM drafts WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  loket_db_statement_bind_text (stmt, 1, op->id);
  return loket_db_statement_run (stmt, error);
}

/* ---- Public API --------------------------------------------------------------------------- */

static DraftOp *
save_op_new (LoketStore *self, const char *id, const char *json, GError **error)
{
  g_autoptr (DraftOp) op = NULL;

  if (!check_id (id, error))
    return NULL;
  op = draft_op_new (self, id);
  op->info = summarize (id, json, error);
  if (op->info == NULL)
    return NULL;
  op->json = g_strdup (json);
  return g_steal_pointer (&op);
}

gboolean
loket_store_save_draft (LoketStore *self, const char *id, const char *json, GError **error)
{
  g_autoptr (DraftOp) op = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), FALSE);
  g_return_val_if_fail (json != NULL, FALSE);

  op = save_op_new (self, id, json, error);
  return op != NULL && _loket_store_intake_run_sync (self, save_on_thread, op, NULL, error);
}

void
loket_store_save_draft_async (LoketStore         *self,
                              const char         *id,
                              const char         *json,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  GError  *error = NULL;
  DraftOp *op;

  g_return_if_fail (LOKET_IS_STORE (self));
  g_return_if_fail (json != NULL);

  op = save_op_new (self, id, json, &error);
  if (op == NULL)
    {
      g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, loket_store_save_draft_async);
      g_task_return_error (task, error);
      return;
    }
  _loket_store_intake_run_async (self, save_on_thread, op, (GDestroyNotify) draft_op_free, NULL,
                                 loket_store_save_draft_async, cancellable, callback, user_data);
}

gboolean
loket_store_save_draft_finish (LoketStore *self, GAsyncResult *result, GError **error)
{
  gpointer out = NULL;

  return _loket_store_intake_finish (self, result, loket_store_save_draft_async, &out, error);
}

GPtrArray *
loket_store_list_drafts (LoketStore *self, GError **error)
{
  g_autoptr (DraftOp) op = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);

  op = draft_op_new (self, NULL);
  return _loket_store_intake_run_sync (self, list_on_thread, op, &result, error) ? result : NULL;
}

void
loket_store_list_drafts_async (LoketStore         *self,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  g_return_if_fail (LOKET_IS_STORE (self));

  _loket_store_intake_run_async (self, list_on_thread, draft_op_new (self, NULL),
                                 (GDestroyNotify) draft_op_free, (GDestroyNotify) g_ptr_array_unref,
                                 loket_store_list_drafts_async, cancellable, callback, user_data);
}

GPtrArray *
loket_store_list_drafts_finish (LoketStore *self, GAsyncResult *result, GError **error)
{
  gpointer out = NULL;

  return _loket_store_intake_finish (self, result, loket_store_list_drafts_async, &out, error)
           ? out
           : NULL;
}

char *
loket_store_load_draft (LoketStore *self, const char *id, GError **error)
{
  g_autoptr (DraftOp) op = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  op = draft_op_new (self, id);
  return _loket_store_intake_run_sync (self, load_on_thread, op, &result, error) ? result : NULL;
}

void
loket_store_load_draft_async (LoketStore         *self,
                              const char         *id,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  g_return_if_fail (LOKET_IS_STORE (self));
  g_return_if_fail (id != NULL);

  _loket_store_intake_run_async (self, load_on_thread, draft_op_new (self, id),
                                 (GDestroyNotify) draft_op_free, g_free,
                                 loket_store_load_draft_async, cancellable, callback, user_data);
}

char *
loket_store_load_draft_finish (LoketStore *self, GAsyncResult *result, GError **error)
{
  gpointer out = NULL;

  return _loket_store_intake_finish (self, result, loket_store_load_draft_async, &out, error)
           ? out
           : NULL;
}

void
loket_store_delete_draft_async (LoketStore         *self,
                                const char         *id,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  g_return_if_fail (LOKET_IS_STORE (self));
  g_return_if_fail (id != NULL);

  _loket_store_intake_run_async (self, delete_on_thread, draft_op_new (self, id),
                                 (GDestroyNotify) draft_op_free, NULL,
                                 loket_store_delete_draft_async, cancellable, callback, user_data);
}

gboolean
loket_store_delete_draft_finish (LoketStore *self, GAsyncResult *result, GError **error)
{
  gpointer out = NULL;

  return _loket_store_intake_finish (self, result, loket_store_delete_draft_async, &out, error);
}

gboolean
loket_store_delete_draft (LoketStore *self, const char *id, GError **error)
{
  g_autoptr (DraftOp) op = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  op = draft_op_new (self, id);
  return _loket_store_intake_run_sync (self, delete_on_thread, op, NULL, error);
}
