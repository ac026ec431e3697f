// SPDX-License-Identifier: GPL-3.0-or-later
// LoketStore: the review chain of letter drafts (loket-store-chain.h) and the `draft_chain`
// table that keeps the paraf and signature queues fast.
#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "loket-error.h"
#include "loket-event-store.h"
#include "loket-projection-store.h"
#include "loket-store-intake-private.h"
#include "loket-store-routing-private.h"

#define COMMENT_TEXT_MAX 4000
#define COMMENT_PAGE_MAX 9999

typedef struct
{
  LoketStore          *self;
  char                *case_uuid;
  LoketDraftRequest   *request;
  LoketCommentRequest *comment;
  char                *person_id;
  char                *comment_id;
  char                *letter_id;
  char                *sha256;
  LoketDraftQueue      queue;
  gint64               now;
} ChainOp;

static void
chain_op_free (ChainOp *op)
{
  g_free (op->case_uuid);
  g_clear_pointer (&op->request, loket_draft_request_free);
  g_clear_pointer (&op->comment, loket_comment_request_free);
  g_free (op->person_id);
  g_free (op->comment_id);
  g_free (op->letter_id);
  g_free (op->sha256);
  g_free (op);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChainOp, chain_op_free)

static ChainOp *
chain_op_new (LoketStore *self, const char *case_uuid)
{
  ChainOp *op = g_new0 (ChainOp, 1);

  op->self = self;
  op->case_uuid = g_strdup (case_uuid);
  return op;
}

LoketCommentRequest *
loket_comment_request_new (const char *person_id, const char *text)
{
  LoketCommentRequest *self = g_new0 (LoketCommentRequest, 1);

  self->person_id = g_strdup (person_id);
  self->text = g_strdup (text);
  return self;
}

LoketCommentRequest *
loket_comment_request_copy (const LoketCommentRequest *self)
{
  LoketCommentRequest *copy;

  g_return_val_if_fail (self != NULL, NULL);
  copy = loket_comment_request_new (self->person_id, self->text);
  copy->draft_id = g_strdup (self->draft_id);
  copy->version = self->version;
  copy->blob = g_strdup (self->blob);
  copy->page = self->page;
  memcpy (copy->rect, self->rect, sizeof copy->rect);
  return copy;
}

void
loket_comment_request_free (LoketCommentRequest *self)
{
  if (self == NULL)
    return;
  g_free (self->person_id);
  g_free (self->draft_id);
  g_free (self->blob);
  g_free (self->text);
  g_free (self);
}

void
loket_draft_queue_item_free (LoketDraftQueueItem *item)
{
  if (item == NULL)
    return;
  g_clear_object (&item->kase);
  g_free (item->draft_id);
  g_free (item->kind);
  g_free (item->position);
  g_free (item);
}

/* ---- Routes ------------------------------------------------------------------------------- */

void
loket_store_set_paraf_routes (LoketStore *self, LoketParafRoutes *routes)
{
  g_return_if_fail (LOKET_IS_STORE (self));
  g_return_if_fail (LOKET_IS_PARAF_ROUTES (routes));

  g_mutex_lock (&self->workflow_lock);
  g_set_object (&self->paraf_routes, routes);
  g_mutex_unlock (&self->workflow_lock);
}

LoketParafRoutes *
loket_store_get_paraf_routes (LoketStore *self, GError **error)
{
  LoketParafRoutes *routes;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);

  g_mutex_lock (&self->workflow_lock);
  if (self->paraf_routes == NULL)
    self->paraf_routes = loket_paraf_routes_new_default (error);
  routes = self->paraf_routes;
  g_mutex_unlock (&self->workflow_lock);
  return routes;
}

/* ---- The draft_chain table ---------------------------------------------------------------- */

static int
compare_events (gconstpointer a, gconstpointer b)
{
  return loket_event_compare (*(LoketEvent *const *) a, *(LoketEvent *const *) b);
}

GPtrArray *
_loket_store_chain_rows (const char *case_uuid, GPtrArray *events)
{
  g_autoptr (GPtrArray) sorted = NULL;
  g_autoptr (LoketDraftChain) chain = NULL;
  g_autoptr (GError) fold_error = NULL;
  GPtrArray *drafts, *comments, *rows;

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_db_row_free);
  /* The fold reads them in (HLC, UUID) order, as loket_event_store_get_case_events() lists
   * them; a rebuild has them in append order. */
  sorted = g_ptr_array_new_full (events->len, g_object_unref);
  for (guint i = 0; i < events->len; i++)
    g_ptr_array_add (sorted, g_object_ref (g_ptr_array_index (events, i)));
  g_ptr_array_sort (sorted, compare_events);
  chain = loket_draft_chain_new_from_events (sorted, &fold_error);
  if (chain == NULL)
    {
      /* A malformed body from elsewhere (sync) never blocks the log; the case has no queue rows
       * and `loket-cli check` reports the event through the projector. */
      g_debug ("case %s: draft chain not folded: %s", case_uuid, fold_error->message);
      return rows;
    }

  drafts = loket_draft_chain_get_drafts (chain);
  comments = loket_draft_chain_get_comments (chain);
  for (guint i = 0; i < drafts->len; i++)
    {
      const LoketDraftState *state = g_ptr_array_index (drafts, i);
      LoketDbRow            *row = loket_db_row_new (9);
      gint64                 n_open = 0;

      for (guint j = 0; j < comments->len; j++)
        {
          const LoketDraftComment *c = g_ptr_array_index (comments, j);

          if (!c->resolved && g_strcmp0 (c->draft_id, state->draft_id) == 0)
            n_open++;
        }
      loket_db_row_set_text (row, 0, state->draft_id);
      loket_db_row_set_text (row, 1, case_uuid);
      loket_db_row_set_text (row, 2, state->kind);
      loket_db_row_set_int64 (row, 3, state->version);
      loket_db_row_set_text (row, 4, loket_draft_stage_to_string (state->stage));
      loket_db_row_set_text (row, 5, loket_draft_state_get_holder (state));
      loket_db_row_set_text (row, 6, loket_draft_state_get_signer (state));
      loket_db_row_set_int64 (row, 7, n_open);
      loket_db_row_set_int64 (row, 8, state->updated_at);
      g_ptr_array_add (rows, row);
    }
  return rows;
}

gboolean
_loket_store_chain_insert_rows (LoketDb *db, GPtrArray *rows, GError **error)
{
  g_autoptr (LoketDbStatement) ins = NULL;

  if (rows->len == 0)
    return TRUE;
  ins = loket_db_prepare (db,
                          "INSERT OR REPLACE INTO draft_chain (draft_id, case_uuid, kind, version, "
                          "stage, holder, signer, n_comments, updated_at) VALUES (?1, ?2, ?3, ?4, "
                          "?5, ?6, ?7, ?8, ?9)",
                          error);
  if (ins == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      loket_db_statement_bind_row (ins, g_ptr_array_index (rows, i));
      if (!loket_db_statement_run (ins, error))
        return FALSE;
      sqlite3_reset (ins->stmt);
    }
  return TRUE;
}

/* One `draft_chain` row as text, to compare rows. */
static char *
row_text (const char *draft_id,
          const char *case_uuid,
          const char *kind,
          gint64      version,
          const char *stage,
          const char *holder,
          const char *signer,
          gint64      n_comments,
          gint64      updated_at)
{
  return g_strdup_printf (
    "%s|%s|%s|%" G_GINT64_FORMAT "|%s|%s|%s|%" G_GINT64_FORMAT "|%" G_GINT64_FORMAT, draft_id,
    case_uuid, kind != NULL ? kind : "", version, stage, holder != NULL ? holder : "",
    signer != NULL ? signer : "", n_comments, updated_at);
}

/* The cases that have events folded into `draft_chain`, as new strings. */
static GPtrArray *
chained_cases (LoketDb *db, GError **error)
{
  g_autoptr (GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (LoketDbStatement) cases = NULL;
  gboolean have_row;

  cases = loket_db_prepare (db,
                            "SELECT DISTINCT case_uuid FROM events WHERE type LIKE 'draft.%' "
                            "OR type IN ('letter.signed', 'comment.added', 'comment.resolved')",
                            error);
  if (cases == NULL)
    return NULL;
  for (;;)
    {
      if (!loket_db_statement_step (cases, &have_row, error))
        return NULL;
      if (!have_row)
        return g_steal_pointer (&uuids);
      g_ptr_array_add (uuids, g_strdup (loket_db_statement_get_text (cases, 0)));
    }
}

gboolean
_loket_store_chain_check (LoketDb *db, GPtrArray *problems, GError **error)
{
  g_autoptr (LoketDbStatement) rows = NULL;
  g_autoptr (GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GPtrArray) uuids = NULL;
  gboolean have_row;

  uuids = chained_cases (db, error);
  if (uuids == NULL)
    return FALSE;

  for (guint i = 0; i < uuids->len; i++)
    {
      const char *case_uuid = g_ptr_array_index (uuids, i);
      g_autoptr (GPtrArray) events = loket_event_store_get_case_events (db, case_uuid, error);
      g_autoptr (LoketDraftChain) chain = NULL;
      GPtrArray *drafts, *comments;

      if (events == NULL)
        return FALSE;
      chain = loket_draft_chain_new_from_events (events, NULL);
      if (chain == NULL)
        continue; /* a malformed body: reported by the projection check */
      drafts = loket_draft_chain_get_drafts (chain);
      comments = loket_draft_chain_get_comments (chain);
      for (guint j = 0; j < drafts->len; j++)
        {
          const LoketDraftState *st = g_ptr_array_index (drafts, j);
          gint64                 n_open = 0;

          for (guint k = 0; k < comments->len; k++)
            {
              const LoketDraftComment *c = g_ptr_array_index (comments, k);

              n_open += !c->resolved && g_strcmp0 (c->draft_id, st->draft_id) == 0;
            }
          g_hash_table_insert (
            expected, g_strdup (st->draft_id),
            row_text (st->draft_id, case_uuid, st->kind, st->version,
                      loket_draft_stage_to_string (st->stage), loket_draft_state_get_holder (st),
                      loket_draft_state_get_signer (st), n_open, st->updated_at));
        }
    }

  rows = loket_db_prepare (db,
                           "SELECT draft_id, case_uuid, kind, version, stage, holder, signer, "
                           "n_comments, updated_at FROM draft_chain ORDER BY draft_id",
                           error);
  if (rows == NULL)
    return FALSE;
  while (TRUE)
    {
      g_autofree char *text = NULL;
      const char      *draft_id, *want;

      if (!loket_db_statement_step (rows, &have_row, error))
        return FALSE;
      if (!have_row)
        break;
      draft_id = loket_db_statement_get_text (rows, 0);
      text = row_text (
        draft_id, loket_db_statement_get_text (rows, 1), loket_db_statement_get_text (rows, 2),
        loket_db_statement_get_int64 (rows, 3), loket_db_statement_get_text (rows, 4),
        loket_db_statement_get_text (rows, 5), loket_db_statement_get_text (rows, 6),
        loket_db_statement_get_int64 (rows, 7), loket_db_statement_get_int64 (rows, 8));
      want = g_hash_table_lookup (expected, draft_id);
      if (want == NULL)
        g_ptr_array_add (problems, g_strdup_printf (_ ("draft %s: a draft_chain row no event "
                                                       "backs"),
                                                    draft_id));
      else if (!g_str_equal (want, text))
        g_ptr_array_add (problems, g_strdup_printf (_ ("draft %s: the draft_chain row differs "
                                                       "from its events (rebuild fixes it)"),
                                                    draft_id));
      g_hash_table_remove (expected, draft_id);
    }
  {
    GHashTableIter iter;
    gpointer       key;

    g_hash_table_iter_init (&iter, expected);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_ptr_array_add (problems, g_strdup_printf (_ ("draft %s: no draft_chain row (rebuild fixes "
                                                     "it)"),
                                                  (const char *) key));
  }
  return TRUE;
}

gboolean
_loket_store_chain_is_chain_type (const char *type)
{
  return type != NULL
         && (g_str_has_prefix (type, "draft.") || g_str_equal (type, "letter.signed")
             || g_str_equal (type, "comment.added") || g_str_equal (type, "comment.resolved"));
}

gboolean
_loket_store_chain_refresh_case (LoketDb *db, const char *case_uuid, GError **error)
{
  g_autoptr (LoketDbStatement) del
    = loket_db_prepare (db, "DELETE FROM draft_chain WHERE case_uuid = ?1", error);
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (GPtrArray) rows = NULL;

  if (del == NULL)
    return FALSE;
  loket_db_statement_bind_text (del, 1, case_uuid);
  if (!loket_db_statement_run (del, error))
    return FALSE;
  g_clear_pointer (&del, loket_db_statement_release);
  events = loket_event_store_get_case_events (db, case_uuid, error);
  if (events == NULL)
    return FALSE;
  rows = _loket_store_chain_rows (case_uuid, events);
  return _loket_store_chain_insert_rows (db, rows, error);
}

gboolean
_loket_store_chain_rebuild (LoketDb *db, GError **error)
{
  g_autoptr (GPtrArray) uuids = NULL;

  if (!loket_db_exec (db, "DELETE FROM draft_chain", error))
    return FALSE;
  uuids = chained_cases (db, error);
  if (uuids == NULL)
    return FALSE;
  for (guint i = 0; i < uuids->len; i++)
    if (!_loket_store_chain_refresh_case (db, g_ptr_array_index (uuids, i), error))
      return FALSE;
  return TRUE;
}

gboolean
_loket_store_chain_upgrade (LoketDb *db, GError **error)
{
  g_autoptr (LoketDbStatement) stmt
    = loket_db_prepare (db, "SELECT 1 FROM settings WHERE key = 'draft_chain_folded'", error);
  g_autoptr (LoketDbStatement) mark = NULL;
  gboolean have_row;

  if (stmt == NULL || !loket_db_statement_step (stmt, &have_row, error))
    return FALSE;
  if (have_row)
    return TRUE;
  g_clear_pointer (&stmt, loket_db_statement_release);

  if (!loket_db_begin (db, error))
    return FALSE;
  mark = loket_db_prepare (
    db, "INSERT OR REPLACE INTO settings (key, value) VALUES ('draft_chain_folded', '1')", error);
  if (mark == NULL || !_loket_store_chain_rebuild (db, error)
      || !loket_db_statement_run (mark, error) || !loket_db_commit (db, error))
    {
      g_clear_pointer (&mark, loket_db_statement_release);
      loket_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

/* ---- Helpers on the database thread ------------------------------------------------------- */

static gboolean
fail (GError **error, LoketError code, const char *message)
{
  g_set_error_literal (error, LOKET_ERROR, code, message);
  return FALSE;
}

static LoketCase *
load_case (LoketStore *self, const char *case_uuid, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  LoketCase *kase = loket_projection_store_load (self->db, case_uuid, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (kase == NULL)
    g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND, _ ("No case with the identifier %s"),
                 case_uuid);
  return kase;
}

/* Appends one event with @body after everything @kase has. */
static gboolean
append_body (LoketStore *self,
             LoketCase  *kase,
             GPtrArray  *events,
             const char *type,
             const char *author,
             JsonObject *body,
             GError    **error)
{
  g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), body);
  g_autofree char *json = json_to_string (node, FALSE);
  g_autofree char *stamp = NULL;
  LoketEvent      *event;

  if (loket_case_get_last_hlc (kase) != NULL
      && !loket_hlc_observe (self->hlc, loket_case_get_last_hlc (kase), error))
    return FALSE;
  stamp = loket_hlc_now (self->hlc);
  event = loket_event_new_checked (NULL, loket_case_get_uuid (kase), type, author, self->device_id,
                                   stamp, json, error);
  if (event == NULL)
    return FALSE;
  g_ptr_array_add (events, event);
  return TRUE;
}

static char *
iso_time (LoketStore *self, LoketCase *kase, gint64 at)
{
  g_autoptr (GTimeZone) tz = _loket_store_agency_timezone (self, loket_case_get_agency_id (kase));
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (at);
  g_autoptr (GDateTime) local = g_date_time_to_timezone (utc, tz);

  return g_date_time_format_iso8601 (local);
}

/* The case, its events and its chain, for an act. */
static gboolean
load_all (LoketStore       *self,
          const char       *case_uuid,
          LoketCase       **kase,
          LoketDraftChain **chain,
          GError          **error)
{
  g_autoptr (GPtrArray) events = NULL;

  *kase = load_case (self, case_uuid, error);
  if (*kase == NULL)
    return FALSE;
  events = loket_event_store_get_case_events (self->db, case_uuid, error);
  if (events == NULL)
    return FALSE;
  *chain = loket_draft_chain_new_from_events (events, error);
  return *chain != NULL;
}

/* ---- Get the chain ------------------------------------------------------------------------ */

static gboolean
get_chain_on_thread (gpointer data, gpointer *result, GError **error)
{
  ChainOp *op = data;
  g_autoptr (LoketCase) kase = NULL;
  LoketDraftChain *chain = NULL;

  if (!load_all (op->self, op->case_uuid, &kase, &chain, error))
    return FALSE;
  *result = chain;
  return TRUE;
}

LoketDraftChain *
loket_store_get_draft_chain (LoketStore *self, const char *case_uuid, GError **error)
{
  g_autoptr (ChainOp) op = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);
  g_return_val_if_fail (case_uuid != NULL, NULL);

  op = chain_op_new (self, case_uuid);
  if (!_loket_store_intake_run_sync (self, get_chain_on_thread, op, &result, error))
    return NULL;
  return result;
}

void
loket_store_get_draft_chain_async (LoketStore         *self,
                                   const char         *case_uuid,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  g_return_if_fail (LOKET_IS_STORE (self));
  g_return_if_fail (case_uuid != NULL);

  _loket_store_intake_run_async (
    self, get_chain_on_thread, chain_op_new (self, case_uuid), (GDestroyNotify) chain_op_free,
    g_object_unref, loket_store_get_draft_chain_async, cancellable, callback, user_data);
}

LoketDraftChain *
loket_store_get_draft_chain_finish (LoketStore *self, GAsyncResult *result, GError **error)
{
  gpointer out = NULL;

  if (!_loket_store_intake_finish (self, result, loket_store_get_draft_chain_async, &out, error))
    return NULL;
  return out;
}

/* ---- Acts --------------------------------------------------------------------------------- */

static gboolean
act_in_transaction (gpointer data, char **unused, GError **error)
{
  ChainOp    *op = data;
  LoketStore *self = op->self;
  g_autoptr (LoketCase) kase = NULL;
  g_autoptr (LoketDraftChain) chain = NULL;
  g_autoptr (JsonObject) body = NULL;
  g_autoptr (GPtrArray) new_events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (LoketDraftRequest) request = loket_draft_request_copy (op->request);
  LoketWorkflow *workflow;
  const char    *type = NULL;
  gint64         now;

  if (request->action == LOKET_DRAFT_ACTION_SIGN)
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _ ("A signature is recorded with the signed letter"));
      return FALSE;
    }
  if (!load_all (self, op->case_uuid, &kase, &chain, error))
    return FALSE;
  workflow = _loket_store_workflow_on_thread (self, error);
  if (workflow == NULL)
    return FALSE;

  if (request->action == LOKET_DRAFT_ACTION_SUBMIT && request->route == NULL)
    {
      const LoketDraftState *state = loket_draft_chain_lookup (chain, request->draft_id);
      LoketParafRoutes      *routes = loket_store_get_paraf_routes (self, error);
      g_autoptr (GPtrArray) route = NULL;

      if (routes == NULL)
        return FALSE;
      if (state != NULL)
        {
          route = loket_paraf_routes_resolve (routes, workflow, loket_case_get_service_id (kase),
                                              loket_case_get_unit_id (kase), state->kind,
                                              state->drafter, error);
          if (route == NULL)
            return FALSE;
          g_ptr_array_add (route, NULL);
          request->route = g_strdupv ((char **) route->pdata);
        }
    }

  now = request->at != 0 ? request->at : g_get_real_time () / G_USEC_PER_SEC;
  body = loket_workflow_check_draft (workflow, kase, chain, request, now, &type, error);
  if (body == NULL)
    return FALSE;
  return append_body (self, kase, new_events, type, request->person_id, body, error)
         && _loket_store_append_in_transaction (self, new_events, error);
}

static gboolean
act_on_thread (gpointer data, gpointer *result, GError **error)
{
  ChainOp *op = data;

  return _loket_store_run_transaction (op->self, act_in_transaction, op, NULL, error);
}

gboolean
loket_store_draft_act (LoketStore              *self,
                       const char              *case_uuid,
                       const LoketDraftRequest *request,
                       GError                 **error)
{
  g_autoptr (ChainOp) op = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_uuid != NULL && request != NULL, FALSE);

  op = chain_op_new (self, case_uuid);
  op->request = loket_draft_request_copy (request);
  return _loket_store_intake_run_sync (self, act_on_thread, op, NULL, error);
}

void
loket_store_draft_act_async (LoketStore              *self,
                             const char              *case_uuid,
                             const LoketDraftRequest *request,
                             GCancellable            *cancellable,
                             GAsyncReadyCallback      callback,
                             gpointer                 user_data)
{
  ChainOp *op;

  g_return_if_fail (LOKET_IS_STORE (self));
  g_return_if_fail (case_uuid != NULL && request != NULL);

  op = chain_op_new (self, case_uuid);
  op->request = loket_draft_request_copy (request);
  _loket_store_intake_run_async (self, act_on_thread, op, (GDestroyNotify) chain_op_free, NULL,
                                 loket_store_draft_act_async, cancellable, callback, user_data);
}

gboolean
loket_store_draft_act_finish (LoketStore *self, GAsyncResult *result, GError **error)
{
  return _loket_store_intake_finish (self, result, loket_store_draft_act_async, NULL, error);
}

gboolean
loket_store_submit_draft (LoketStore *self,
                          const char *case_uuid,
                          const char *person_id,
                          const char *draft_id,
                          GError    **error)
{
  g_autoptr (LoketDraftRequest) request
    = loket_draft_request_new (LOKET_DRAFT_ACTION_SUBMIT, person_id, draft_id);

  return loket_store_draft_act (self, case_uuid, request, error);
}

gboolean
loket_store_paraf_draft (LoketStore *self,
                         const char *case_uuid,
                         const char *person_id,
                         const char *draft_id,
                         guint       version,
                         GError    **error)
{
  g_autoptr (LoketDraftRequest) request
    = loket_draft_request_new (LOKET_DRAFT_ACTION_PARAF, person_id, draft_id);

  request->version = version;
  return loket_store_draft_act (self, case_uuid, request, error);
}

gboolean
loket_store_return_draft (LoketStore *self,
                          const char *case_uuid,
                          const char *person_id,
                          const char *draft_id,
                          const char *note,
                          const char *to,
                          GError    **error)
{
  g_autoptr (LoketDraftRequest) request
    = loket_draft_request_new (LOKET_DRAFT_ACTION_RETURN, person_id, draft_id);

  request->note = g_strdup (note);
  request->to = g_strdup (to);
  return loket_store_draft_act (self, case_uuid, request, error);
}

/* ---- Comments ----------------------------------------------------------------------------- */

static const char *
agency_of_unit (LoketOrgChart *chart, const char *unit_id)
{
  const LoketUnit *unit = loket_org_chart_lookup_unit (chart, unit_id);

  while (unit != NULL && unit->parent_id != NULL)
    unit = loket_org_chart_lookup_unit (chart, unit->parent_id);
  return unit != NULL ? unit->id : NULL;
}

/* The position @person_id acts for in the case's agency (their own first), or NULL. (transfer
 * full) */
static char *
agency_position (LoketWorkflow *workflow, LoketCase *kase, const char *person_id, gint64 now)
{
  LoketOrgChart *chart = loket_workflow_get_org_chart (workflow);
  g_autoptr (GPtrArray) acting = loket_workflow_get_acting_positions (workflow, person_id, now);

  for (guint i = 0; i < acting->len; i++)
    {
      const LoketActingPosition *as = g_ptr_array_index (acting, i);
      const LoketPosition *position = loket_org_chart_lookup_position (chart, as->position_id);

      if (position != NULL
          && g_strcmp0 (agency_of_unit (chart, position->unit_id), loket_case_get_agency_id (kase))
               == 0)
        return g_strdup (as->position_id);
    }
  return NULL;
}

static gboolean
is_sha256 (const char *text)
{
  if (text == NULL || strlen (text) != 64)
    return FALSE;
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
      return FALSE;
  return TRUE;
}

static gboolean
check_comment (const LoketCommentRequest *c, char **text, GError **error)
{
  g_autofree char *stripped = c->text != NULL && g_utf8_validate (c->text, -1, NULL)
                                ? g_strstrip (g_strdup (c->text))
                                : NULL;

  if (stripped == NULL || *stripped == '\0' || strlen (stripped) > COMMENT_TEXT_MAX)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("A comment needs a text of at most %d bytes"), COMMENT_TEXT_MAX);
      return FALSE;
    }
  if (c->page > COMMENT_PAGE_MAX)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA, _ ("Page %u does not exist"),
                   c->page + 1);
      return FALSE;
    }
  for (guint i = 0; i < 4; i++)
    if (!isfinite (c->rect[i]) || c->rect[i] < 0 || c->rect[i] > 100000)
      {
        g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                             _ ("A comment’s region must lie on the page"));
        return FALSE;
      }
  if ((c->draft_id == NULL) == (c->blob == NULL) || (c->blob != NULL && !is_sha256 (c->blob)))
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _ ("A comment concerns either a draft or one case document"));
      return FALSE;
    }
  *text = g_steal_pointer (&stripped);
  return TRUE;
}

static gboolean
add_comment_in_transaction (gpointer data, char **comment_id, GError **error)
{
  ChainOp             *op = data;
  LoketStore          *self = op->self;
  LoketCommentRequest *c = op->comment;
  g_autoptr (LoketCase) kase = NULL;
  g_autoptr (LoketDraftChain) chain = NULL;
  g_autoptr (JsonObject) body = json_object_new ();
  g_autoptr (GPtrArray) new_events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *text = NULL;
  g_autofree char *position = NULL;
  g_autofree char *id = g_uuid_string_random ();
  g_autofree char *when = NULL;
  LoketWorkflow   *workflow;
  gint64           now = g_get_real_time () / G_USEC_PER_SEC;
  guint            version = c->version;
  JsonArray       *rect;
  gboolean         ok;

  if (!check_comment (c, &text, error))
    return FALSE;
  ok = load_all (self, op->case_uuid, &kase, &chain, error)
       && (workflow = _loket_store_workflow_on_thread (self, error)) != NULL;
  if (ok && loket_case_get_status (kase) == LOKET_CASE_STATUS_CLOSED)
    ok = fail (error, LOKET_ERROR_CONFLICT,
               _ ("The case is closed: nothing more can be done on it"));
  if (ok && (position = agency_position (workflow, kase, c->person_id, now)) == NULL)
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_FORBIDDEN,
                           _ ("Only a person of the agency handling the case may comment"));
      ok = FALSE;
    }
  if (ok && c->draft_id != NULL)
    {
      const LoketDraftState *state = loket_draft_chain_lookup (chain, c->draft_id);

      if (state == NULL || version > state->version)
        {
          g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND,
                       _ ("This case has no such draft or version"));
          ok = FALSE;
        }
      else if (version == 0)
        version = state->version;
    }
  if (ok)
    {
      when = iso_time (self, kase, now);
      json_object_set_string_member (body, "id", id);
      if (c->draft_id != NULL)
        {
          json_object_set_string_member (body, "draft_id", c->draft_id);
          json_object_set_int_member (body, "version", version);
        }
      else
        json_object_set_string_member (body, "blob", c->blob);
      json_object_set_int_member (body, "page", c->page);
      rect = json_array_new ();
      for (guint i = 0; i < 4; i++)
        json_array_add_double_element (rect, c->rect[i]);
      json_object_set_array_member (body, "rect", rect);
      json_object_set_string_member (body, "text", text);
      json_object_set_string_member (body, "position", position);
      json_object_set_string_member (body, "at", when);
      ok
        = append_body (self, kase, new_events, LOKET_EVENT_COMMENT_ADDED, c->person_id, body, error)
          && _loket_store_append_in_transaction (self, new_events, error);
    }
  if (ok)
    *comment_id = g_steal_pointer (&id);
  return ok;
}

static gboolean
add_comment_on_thread (gpointer data, gpointer *result, GError **error)
{
  ChainOp *op = data;

  return _loket_store_run_transaction (op->self, add_comment_in_transaction, op, (char **) result,
                                       error);
}

char *
loket_store_add_comment (LoketStore                *self,
                         const char                *case_uuid,
                         const LoketCommentRequest *request,
                         GError                   **error)
{
  g_autoptr (ChainOp) op = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);
  g_return_val_if_fail (case_uuid != NULL && request != NULL, NULL);

  op = chain_op_new (self, case_uuid);
  op->comment = loket_comment_request_copy (request);
  if (!_loket_store_intake_run_sync (self, add_comment_on_thread, op, &result, error))
    return NULL;
  return result;
}

void
loket_store_add_comment_async (LoketStore                *self,
                               const char                *case_uuid,
                               const LoketCommentRequest *request,
                               GCancellable              *cancellable,
                               GAsyncReadyCallback        callback,
                               gpointer                   user_data)
{
  ChainOp *op;

  g_return_if_fail (LOKET_IS_STORE (self));
  g_return_if_fail (case_uuid != NULL && request != NULL);

  op = chain_op_new (self, case_uuid);
  op->comment = loket_comment_request_copy (request);
  _loket_store_intake_run_async (self, add_comment_on_thread, op, (GDestroyNotify) chain_op_free,
                                 g_free, loket_store_add_comment_async, cancellable, callback,
                                 user_data);
}

char *
loket_store_add_comment_finish (LoketStore *self, GAsyncResult *result, GError **error)
{
  gpointer out = NULL;

  if (!_loket_store_intake_finish (self, result, loket_store_add_comment_async, &out, error))
    return NULL;
  return out;
}

static gboolean
resolve_comment_in_transaction (gpointer data, char **unused, GError **error)
{
  ChainOp    *op = data;
  LoketStore *self = op->self;
  g_autoptr (LoketCase) kase = NULL;
  g_autoptr (LoketDraftChain) chain = NULL;
  g_autoptr (JsonObject) body = json_object_new ();
  g_autoptr (GPtrArray) new_events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr (GPtrArray) acting = NULL;
  g_autofree char         *when = NULL;
  const LoketDraftComment *comment = NULL;
  const LoketDraftState   *state = NULL;
  const char              *as = NULL;
  LoketWorkflow           *workflow = NULL;
  gint64                   now = g_get_real_time () / G_USEC_PER_SEC;
  gboolean                 ok;

  ok = load_all (self, op->case_uuid, &kase, &chain, error)
       && (workflow = _loket_store_workflow_on_thread (self, error)) != NULL;
  if (ok)
    {
      comment = loket_draft_chain_lookup_comment (chain, op->comment_id);
      if (comment == NULL)
        ok = fail (error, LOKET_ERROR_NOT_FOUND, _ ("This case has no such comment"));
      else if (comment->resolved)
        ok = fail (error, LOKET_ERROR_CONFLICT, _ ("This comment is already resolved"));
    }
  if (ok)
    {
      state
        = comment->draft_id != NULL ? loket_draft_chain_lookup (chain, comment->draft_id) : NULL;
      acting = loket_workflow_get_acting_positions (workflow, op->person_id, now);
      for (guint i = 0; as == NULL && i < acting->len; i++)
        {
          const char *p = ((LoketActingPosition *) g_ptr_array_index (acting, i))->position_id;

          if (g_strcmp0 (p, comment->position) == 0
              || (state != NULL
                  && (g_strcmp0 (p, state->drafter) == 0
                      || g_strcmp0 (p, loket_draft_state_get_holder (state)) == 0)))
            as = p;
        }
      if (as == NULL)
        ok = fail (error, LOKET_ERROR_FORBIDDEN,
                   _ ("Only the comment’s author or the draft’s drafter may "
                      "resolve it"));
    }
  if (ok)
    {
      when = iso_time (self, kase, now);
      json_object_set_string_member (body, "id", comment->id);
      json_object_set_string_member (body, "position", as);
      json_object_set_string_member (body, "at", when);
      ok = append_body (self, kase, new_events, LOKET_EVENT_COMMENT_RESOLVED, op->person_id, body,
                        error)
           && _loket_store_append_in_transaction (self, new_events, error);
    }
  return ok;
}

static gboolean
resolve_comment_on_thread (gpointer data, gpointer *result, GError **error)
{
  ChainOp *op = data;

  return _loket_store_run_transaction (op->self, resolve_comment_in_transaction, op, NULL, error);
}

gboolean
loket_store_resolve_comment (LoketStore *self,
                             const char *case_uuid,
                             const char *person_id,
                             const char *comment_id,
                             GError    **error)
{
  g_autoptr (ChainOp) op = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_uuid != NULL && comment_id != NULL, FALSE);

  op = chain_op_new (self, case_uuid);
  op->person_id = g_strdup (person_id);
  op->comment_id = g_strdup (comment_id);
  return _loket_store_intake_run_sync (self, resolve_comment_on_thread, op, NULL, error);
}

void
loket_store_resolve_comment_async (LoketStore         *self,
                                   const char         *case_uuid,
                                   const char         *person_id,
                                   const char         *comment_id,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  ChainOp *op;

  g_return_if_fail (LOKET_IS_STORE (self));
  g_return_if_fail (case_uuid != NULL && comment_id != NULL);

  op = chain_op_new (self, case_uuid);
  op->person_id = g_strdup (person_id);
  op->comment_id = g_strdup (comment_id);
  _loket_store_intake_run_async (
    self, resolve_comment_on_thread, op, (GDestroyNotify) chain_op_free, NULL,
    loket_store_resolve_comment_async, cancellable, callback, user_data);
}

gboolean
loket_store_resolve_comment_finish (LoketStore *self, GAsyncResult *result, GError **error)
{
  return _loket_store_intake_finish (self, result, loket_store_resolve_comment_async, NULL, error);
}

/* ---- Queues ------------------------------------------------------------------------------- */

static gboolean
list_queue_on_thread (gpointer data, gpointer *result, GError **error)
{
  ChainOp       *op = data;
  LoketStore    *self = op->self;
  LoketWorkflow *workflow = _loket_store_workflow_on_thread (self, error);
  g_autoptr (GPtrArray) acting = NULL;
  g_autoptr (GPtrArray) items = NULL;
  const char *stages;

  if (workflow == NULL)
    return FALSE;
  if (loket_org_chart_lookup_person (loket_workflow_get_org_chart (workflow), op->person_id)
      == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND,
                   _ ("“%s” is not a person of the org chart"), op->person_id);
      return FALSE;
    }
  switch (op->queue)
    {
      case LOKET_DRAFT_QUEUE_PARAF:
        stages = "'in_review'";
        break;
      case LOKET_DRAFT_QUEUE_SIGNATURE:
        stages = "'approved'";
        break;
      case LOKET_DRAFT_QUEUE_RETURNED:
      default:
        stages = "'returned', 'editing'";
        break;
    }
  items = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_draft_queue_item_free);
  acting = loket_workflow_get_acting_positions (workflow, op->person_id, op->now);
  for (guint i = 0; i < acting->len; i++)
    {
      const LoketActingPosition *as = g_ptr_array_index (acting, i);
      g_autofree char           *sql = g_strdup_printf (
                  "SELECT draft_id, case_uuid, kind, version, n_comments, updated_at FROM draft_chain "
                            "WHERE holder = ?1 AND stage IN (%s) ORDER BY updated_at, draft_id",
                  stages);
      g_autoptr (LoketDbStatement) stmt = loket_db_prepare (self->db, sql, error);
      gboolean have_row;

      if (stmt == NULL)
        return FALSE;
      loket_db_statement_bind_text (stmt, 1, as->position_id);
      while (TRUE)
        {
          LoketDraftQueueItem *item;
          g_autoptr (GError) local_error = NULL;
          LoketCase *kase;

          if (!loket_db_statement_step (stmt, &have_row, error))
            return FALSE;
          if (!have_row)
            break;
          kase = loket_projection_store_load (self->db, loket_db_statement_get_text (stmt, 1),
                                              &local_error);
          if (kase == NULL)
            {
              if (local_error != NULL)
                {
                  g_propagate_error (error, g_steal_pointer (&local_error));
                  return FALSE;
                }
              continue;
            }
          if (loket_case_get_status (kase) == LOKET_CASE_STATUS_CLOSED)
            {
              g_object_unref (kase);
              continue;
            }
          item = g_new0 (LoketDraftQueueItem, 1);
          item->kase = kase;
          item->draft_id = g_strdup (loket_db_statement_get_text (stmt, 0));
          item->kind = g_strdup (loket_db_statement_get_text (stmt, 2));
          item->version = (guint) loket_db_statement_get_int64 (stmt, 3);
          item->n_comments = (guint) loket_db_statement_get_int64 (stmt, 4);
          item->updated_at = loket_db_statement_get_int64 (stmt, 5);
          item->position = g_strdup (as->position_id);
          item->delegated = as->delegated;
          g_ptr_array_add (items, item);
        }
    }
  *result = g_steal_pointer (&items);
  return TRUE;
}

GPtrArray *
loket_store_list_draft_queue (LoketStore     *self,
                              const char     *person_id,
                              LoketDraftQueue queue,
                              gint64          now,
                              GError        **error)
{
  g_autoptr (ChainOp) op = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);
  g_return_val_if_fail (person_id != NULL, NULL);

  op = chain_op_new (self, NULL);
  op->person_id = g_strdup (person_id);
  op->queue = queue;
  op->now = now != 0 ? now : g_get_real_time () / G_USEC_PER_SEC;
  if (!_loket_store_intake_run_sync (self, list_queue_on_thread, op, &result, error))
    return NULL;
  return result;
}

void
loket_store_list_draft_queue_async (LoketStore         *self,
                                    const char         *person_id,
                                    LoketDraftQueue     queue,
                                    gint64              now,
                                    GCancellable       *cancellable,
                                    GAsyncReadyCallback callback,
                                    gpointer            user_data)
{
  ChainOp *op;

  g_return_if_fail (LOKET_IS_STORE (self));
  g_return_if_fail (person_id != NULL);

  op = chain_op_new (self, NULL);
  op->person_id = g_strdup (person_id);
  op->queue = queue;
  op->now = now != 0 ? now : g_get_real_time () / G_USEC_PER_SEC;
  _loket_store_intake_run_async (self, list_queue_on_thread, op, (GDestroyNotify) chain_op_free,
                                 (GDestroyNotify) g_ptr_array_unref,
                                 loket_store_list_draft_queue_async, cancellable, callback,
                                 user_data);
}

GPtrArray *
loket_store_list_draft_queue_finish (LoketStore *self, GAsyncResult *result, GError **error)
{
  gpointer out = NULL;

  if (!_loket_store_intake_finish (self, result, loket_store_list_draft_queue_async, &out, error))
    return NULL;
  return out;
}

/* ---- Signing ------------------------------------------------------------------------------ */

static gboolean
blob_known (LoketDb *db, const char *sha256, GError **error)
{
  g_autoptr (LoketDbStatement) stmt
    = loket_db_prepare (db, "SELECT 1 FROM blobs WHERE sha256 = ?1", error);
  gboolean have_row;

  if (stmt == NULL)
    return FALSE;
  loket_db_statement_bind_text (stmt, 1, sha256);
  if (!loket_db_statement_step (stmt, &have_row, error))
    return FALSE;
  if (!have_row)
    g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND,
                 _ ("The signed file %s is not in the store"), sha256);
  return have_row;
}

static gboolean
record_in_transaction (gpointer data, char **handover_id, GError **error)
{
  ChainOp    *op = data;
  LoketStore *self = op->self;
  g_autoptr (LoketCase) kase = NULL;
  g_autoptr (LoketDraftChain) chain = NULL;
  g_autoptr (JsonObject) body = NULL;
  g_autoptr (JsonObject) handover = json_object_new ();
  g_autoptr (GPtrArray) new_events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char     *id = g_uuid_string_random ();
  g_autofree char     *when = NULL;
  const LoketHandover *h;
  const LoketPosition *registrar;
  LoketParafRoutes    *routes;
  LoketWorkflow       *workflow;
  JsonArray           *array;
  const char          *type = NULL;
  gint64               now;

  if (!is_sha256 (op->sha256) || op->letter_id == NULL || !g_uuid_string_is_valid (op->letter_id))
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _ ("A signature needs the letter id and the signed file"));
      return FALSE;
    }
  if (!load_all (self, op->case_uuid, &kase, &chain, error)
      || !blob_known (self->db, op->sha256, error))
    return FALSE;
  workflow = _loket_store_workflow_on_thread (self, error);
  routes = workflow != NULL ? loket_store_get_paraf_routes (self, error) : NULL;
  if (routes == NULL)
    return FALSE;

  now = op->request->at != 0 ? op->request->at : g_get_real_time () / G_USEC_PER_SEC;
  body = loket_workflow_check_draft (workflow, kase, chain, op->request, now, &type, error);
  if (body == NULL)
    return FALSE;
  g_assert (g_str_equal (type, LOKET_EVENT_LETTER_SIGNED));
  json_object_set_string_member (body, "letter_id", op->letter_id);
  json_object_set_string_member (body, "sha256", op->sha256);
  if (!append_body (self, kase, new_events, type, op->request->person_id, body, error))
    return FALSE;

  /* The hand-over step: the Pengadministrasi Umum registers the letter in the Buku Agenda Surat
   * Keluar, stamps it, hands it to the applicant and archives it (SOP m step 6). */
  h = loket_paraf_routes_get_handover (routes);
  registrar = loket_paraf_routes_resolve_role (workflow, loket_case_get_unit_id (kase), h->role);
  if (registrar != NULL)
    {
      when = iso_time (self, kase, now);
      json_object_set_string_member (handover, "id", id);
      json_object_set_string_member (handover, "from",
                                     json_object_get_string_member (body, "position"));
      array = json_array_new ();
      json_array_add_string_element (array, registrar->id);
      json_object_set_array_member (handover, "to", array);
      json_object_set_string_member (handover, "instruction", h->instruction);
      array = json_array_new ();
      json_array_add_string_element (array, h->instruction);
      json_object_set_array_member (handover, "instructions", array);
      if (h->note != NULL)
        json_object_set_string_member (handover, "note", h->note);
      json_object_set_string_member (handover, "at", when);
      json_object_set_string_member (handover, "letter_id", op->letter_id);
      if (!append_body (self, kase, new_events, LOKET_EVENT_DISPOSITION_SENT,
                        op->request->person_id, handover, error))
        return FALSE;
    }
  if (!_loket_store_append_in_transaction (self, new_events, error))
    return FALSE;
  if (handover_id != NULL)
    *handover_id = registrar != NULL ? g_steal_pointer (&id) : NULL;
  return TRUE;
}

static gboolean
record_on_thread (gpointer data, gpointer *result, GError **error)
{
  ChainOp *op = data;

  return _loket_store_run_transaction (op->self, record_in_transaction, op, (char **) result,
                                       error);
}

gboolean
loket_store_record_signature (LoketStore              *self,
                              const char              *case_uuid,
                              const LoketDraftRequest *request,
                              const char              *letter_id,
                              const char              *sha256,
                              char                   **handover_id,
                              GError                 **error)
{
  g_autoptr (ChainOp) op = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_uuid != NULL && request != NULL, FALSE);
  g_return_val_if_fail (request->action == LOKET_DRAFT_ACTION_SIGN, FALSE);

  op = chain_op_new (self, case_uuid);
  op->request = loket_draft_request_copy (request);
  op->letter_id = g_strdup (letter_id);
  op->sha256 = g_strdup (sha256);
  if (!_loket_store_intake_run_sync (self, record_on_thread, op, &result, error))
    return FALSE;
  if (handover_id != NULL)
    *handover_id = result;
  else
    g_free (result);
  return TRUE;
}
