// SPDX-License-Identifier: GPL-3.0-or-later
// LoketStore remote-signing queue (table sign_requests): record, move forward, list, recover.
#include "config.h"

#include <glib/gi18n-lib.h>

#include "loket-error.h"
#include "loket-store-intake-private.h"
#include "loket-store-sign-requests.h"

static const char *const state_names[]
  = { "queued", "dispatched", "unknown", "signed", "failed" };

const char *
loket_sign_request_state_to_string (LoketSignRequestState state)
{
  g_return_val_if_fail (state <= LOKET_SIGN_REQUEST_FAILED, NULL);
  return state_names[state];
}

static LoketSignRequestState
state_from_string (const char *text)
{
  for (guint i = 0; i < G_N_ELEMENTS (state_names); i++)
    if (g_strcmp0 (text, state_names[i]) == 0)
      return (LoketSignRequestState) i;
  return LOKET_SIGN_REQUEST_UNKNOWN;
}

void
loket_sign_request_free (LoketSignRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->id);
  g_free (request->letter_id);
  g_free (request->digest_sha256);
  g_free (request->service_url);
  g_free (request->cms_base64);
  g_free (request->message);
  g_free (request);
}

typedef struct
{
  LoketStore           *self;
  char                 *id;
  char                 *letter_id;
  char                 *digest;
  char                 *url;
  char                 *cms;
  char                 *message;
  LoketSignRequestState state;
  gint64                now;
} RequestOp;

static void
request_op_free (RequestOp *op)
{
  g_free (op->id);
  g_free (op->letter_id);
  g_free (op->digest);
  g_free (op->url);
  g_free (op->cms);
  g_free (op->message);
  g_free (op);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RequestOp, request_op_free)

static RequestOp *
request_op_new (LoketStore *self, const char *id)
{
  RequestOp *op = g_new0 (RequestOp, 1);

  op->self = self;
  op->id = g_strdup (id);
  op->now = g_get_real_time () / G_USEC_PER_SEC;
  return op;
}

static gboolean
add_on_thread (gpointer data, gpointer *result, GError **error)
{
  RequestOp *op = data;
  g_autoptr (LoketDbStatement) stmt = loket_db_prepare (
    op->self->db,
    "INSERT INTO sign_requests (id, letter_id, digest_sha256, state, service_url, created_at, "
    "updated_at) VALUES (?, ?, ?, 'queued', ?, ?, ?)",
    error);

  if (stmt == NULL)
    return FALSE;
  loket_db_statement_bind_text (stmt, 1, op->id);
  loket_db_statement_bind_text (stmt, 2, op->letter_id);
  loket_db_statement_bind_text (stmt, 3, op->digest);
  loket_db_statement_bind_text (stmt, 4, op->url);
  loket_db_statement_bind_int64 (stmt, 5, op->now);
  loket_db_statement_bind_int64 (stmt, 6, op->now);
  return loket_db_statement_run (stmt, error);
}

gboolean
loket_store_add_sign_request (LoketStore *self,
                              const char *id,
                              const char *letter_id,
                              const char *digest_sha256,
                              const char *service_url,
                              GError    **error)
{
  g_autoptr (RequestOp) op = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL && digest_sha256 != NULL && service_url != NULL, FALSE);
  op = request_op_new (self, id);
  op->letter_id = g_strdup (letter_id);
  op->digest = g_strdup (digest_sha256);
  op->url = g_strdup (service_url);
  return _loket_store_intake_run_sync (self, add_on_thread, op, NULL, error);
}

static LoketSignRequest *
read_request (LoketDb *db, const char *id, GError **error)
{
  g_autoptr (LoketDbStatement) stmt = loket_db_prepare (
    db,
    "SELECT letter_id, digest_sha256, state, service_url, cms_base64, message, created_at, "
    "updated_at FROM sign_requests WHERE id = ?",
    error);
  LoketSignRequest *r;
  gboolean have_row = FALSE;

  if (stmt == NULL)
    return NULL;
  loket_db_statement_bind_text (stmt, 1, id);
  if (!loket_db_statement_step (stmt, &have_row, error))
    return NULL;
  if (!have_row)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND, _("No signing request %s"), id);
      return NULL;
    }
  r = g_new0 (LoketSignRequest, 1);
  r->id = g_strdup (id);
  r->letter_id = g_strdup (loket_db_statement_get_text (stmt, 0));
  r->digest_sha256 = g_strdup (loket_db_statement_get_text (stmt, 1));
  r->state = state_from_string (loket_db_statement_get_text (stmt, 2));
  r->service_url = g_strdup (loket_db_statement_get_text (stmt, 3));
  r->cms_base64 = g_strdup (loket_db_statement_get_text (stmt, 4));
  r->message = g_strdup (loket_db_statement_get_text (stmt, 5));
  r->created_at = loket_db_statement_get_int64 (stmt, 6);
  r->updated_at = loket_db_statement_get_int64 (stmt, 7);
  return r;
}

static gboolean
set_in_transaction (RequestOp *op, GError **error)
{
  g_autoptr (LoketSignRequest) current = read_request (op->self->db, op->id, error);
  g_autoptr (LoketDbStatement) stmt = NULL;

  if (current == NULL)
    return FALSE;
  if (current->state == LOKET_SIGN_REQUEST_SIGNED || current->state == LOKET_SIGN_REQUEST_FAILED)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT,
                   _("The signing request %s is already %s"), op->id,
                   loket_sign_request_state_to_string (current->state));
      return FALSE;
    }
  stmt = loket_db_prepare (op->self->db,
                           "UPDATE sign_requests SET state = ?, cms_base64 = ?, message = ?, "
                           "updated_at = ? WHERE id = ?",
                           error);
  if (stmt == NULL)
    return FALSE;
  loket_db_statement_bind_text (stmt, 1, loket_sign_request_state_to_string (op->state));
  loket_db_statement_bind_text (stmt, 2, op->cms);
  loket_db_statement_bind_text (stmt, 3, op->message);
  loket_db_statement_bind_int64 (stmt, 4, op->now);
  loket_db_statement_bind_text (stmt, 5, op->id);
  return loket_db_statement_run (stmt, error);
}

static gboolean
set_on_thread (gpointer data, gpointer *result, GError **error)
{
  RequestOp *op = data;

  if (!loket_db_begin (op->self->db, error))
    return FALSE;
  if (!set_in_transaction (op, error) || !loket_db_commit (op->self->db, error))
    {
      loket_db_rollback (op->self->db);
      return FALSE;
    }
  return TRUE;
}

gboolean
loket_store_set_sign_request (LoketStore           *self,
                              const char           *id,
                              LoketSignRequestState state,
                              const char           *cms_base64,
                              const char           *message,
                              GError              **error)
{
  g_autoptr (RequestOp) op = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), FALSE);
  g_return_val_if_fail (id != NULL && state <= LOKET_SIGN_REQUEST_FAILED, FALSE);
  op = request_op_new (self, id);
  op->state = state;
  op->cms = g_strdup (cms_base64);
  op->message = g_strdup (message);
  return _loket_store_intake_run_sync (self, set_on_thread, op, NULL, error);
}

static gboolean
get_on_thread (gpointer data, gpointer *result, GError **error)
{
  RequestOp *op = data;

  *result = read_request (op->self->db, op->id, error);
  return *result != NULL;
}

LoketSignRequest *
loket_store_get_sign_request (LoketStore *self, const char *id, GError **error)
{
  g_autoptr (RequestOp) op = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);
  g_return_val_if_fail (id != NULL, NULL);
  op = request_op_new (self, id);
  if (!_loket_store_intake_run_sync (self, get_on_thread, op, &result, error))
    return NULL;
  return result;
}

static gboolean
list_on_thread (gpointer data, gpointer *result, GError **error)
{
  RequestOp *op = data;
  g_autoptr (GPtrArray) out
    = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_sign_request_free);
  g_autoptr (LoketDbStatement) stmt = loket_db_prepare (
    op->self->db,
    "SELECT id FROM sign_requests WHERE state IN ('queued', 'dispatched', 'unknown') "
    "ORDER BY created_at, id",
    error);
  gboolean have_row = FALSE;

  if (stmt == NULL)
    return FALSE;
  while (TRUE)
    {
      LoketSignRequest *r;

      if (!loket_db_statement_step (stmt, &have_row, error))
        return FALSE;
      if (!have_row)
        break;
      r = read_request (op->self->db, loket_db_statement_get_text (stmt, 0), error);
      if (r == NULL)
        return FALSE;
      g_ptr_array_add (out, r);
    }
  *result = g_steal_pointer (&out);
  return TRUE;
}

GPtrArray *
loket_store_list_open_sign_requests (LoketStore *self, GError **error)
{
  g_autoptr (RequestOp) op = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);
  op = request_op_new (self, NULL);
  if (!_loket_store_intake_run_sync (self, list_on_thread, op, &result, error))
    return NULL;
  return result;
}

static gboolean
recover_on_thread (gpointer data, gpointer *result, GError **error)
{
  RequestOp *op = data;
  g_autoptr (LoketDbStatement) stmt = loket_db_prepare (
    op->self->db,
    "UPDATE sign_requests SET state = 'unknown', updated_at = ? WHERE state = 'dispatched'",
    error);

  if (stmt == NULL)
    return FALSE;
  loket_db_statement_bind_int64 (stmt, 1, op->now);
  if (!loket_db_statement_run (stmt, error))
    return FALSE;
  *result = GUINT_TO_POINTER ((guint) sqlite3_changes (loket_db_get_handle (op->self->db)));
  return TRUE;
}

guint
loket_store_recover_sign_requests (LoketStore *self, GError **error)
{
  g_autoptr (RequestOp) op = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), 0);
  op = request_op_new (self, NULL);
  if (!_loket_store_intake_run_sync (self, recover_on_thread, op, &result, error))
    return 0;
  return GPOINTER_TO_UINT (result);
}
