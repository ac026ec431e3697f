// SPDX-License-Identifier: GPL-3.0-or-later
// LoketStore intake: device identity, registering a case in one transaction, blobs from files.
// The later completeness decisions are in loket-store-case-actions.c, drafts in
// loket-store-drafts.c.
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "loket-agenda.h"
#include "loket-blob-import.h"
#include "loket-error.h"
#include "loket-store-intake-private.h"
#include "loket-store-private.h"

/* ---- Device ------------------------------------------------------------------------------- */

gboolean
_loket_store_load_device_on_thread (gpointer data, gpointer *result, GError **error)
{
  LoketStore *self = ((LoketStoreOp *) data)->self;

  g_assert (g_thread_self () == self->db_thread);
  g_clear_pointer (&self->device_id, g_free);
  g_clear_pointer (&self->device_code, g_free);
  if (!loket_agenda_load_device (self->db, &self->device_id, &self->device_code, error))
    return FALSE;
  /* Open runs before any other request: the API's copy and the thread's start equal. */
  g_free (self->db_device_code);
  self->db_device_code = g_strdup (self->device_code);
  return TRUE;
}

const char *
loket_store_get_device_id (LoketStore *self)
{
  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);
  return self->device_id;
}

const char *
loket_store_get_device_code (LoketStore *self)
{
  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);
  return self->device_code;
}

static gboolean
set_device_code_on_thread (gpointer data, gpointer *result, GError **error)
{
  LoketStoreOp *op = data;

  g_assert (g_thread_self () == op->self->db_thread);
  if (!loket_agenda_save_device_code (op->self->db, op->text, error))
    return FALSE;
  g_free (op->self->db_device_code);
  op->self->db_device_code = g_strdup (op->text);
  return TRUE;
}

gboolean
loket_store_set_device_code (LoketStore *self, const char *code, GError **error)
{
  g_autoptr (LoketStoreOp) op = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), FALSE);

  if (!loket_agenda_device_code_is_valid (code))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("A device code has 2 to 8 capital letters or digits, e.g. LKT1"));
      return FALSE;
    }
  op = _loket_store_op_new (self);
  op->text = g_strdup (code);
  if (!_loket_store_intake_run_sync (self, set_device_code_on_thread, op, NULL, error))
    return FALSE;
  g_free (self->device_code);
  self->device_code = g_strdup (code);
  return TRUE;
}

/* ---- Shared helpers ----------------------------------------------------------------------- */

gboolean
_loket_store_intake_run_sync (LoketStore     *self,
                              LoketDbWorkFunc func,
                              gpointer        op,
                              gpointer       *result,
                              GError        **error)
{
  if (self->worker == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_FAILED, _ ("The database is closed"));
      return FALSE;
    }
  return loket_db_worker_run_sync (self->worker, func, op, result, error);
}

void
_loket_store_intake_run_async (LoketStore         *self,
                               LoketDbWorkFunc     func,
                               gpointer            op,
                               GDestroyNotify      op_free,
                               GDestroyNotify      result_free,
                               gpointer            source_tag,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  if (self->worker == NULL)
    {
      g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, source_tag);
      g_task_return_new_error (task, LOKET_ERROR, LOKET_ERROR_FAILED, _ ("The database is closed"));
      op_free (op);
      return;
    }
  loket_db_worker_run_async (self->worker, func, op, op_free, result_free, self, source_tag,
                             cancellable, callback, user_data);
}

gboolean
_loket_store_intake_finish (LoketStore   *self,
                            GAsyncResult *result,
                            gpointer      source_tag,
                            gpointer     *out,
                            GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);
  return loket_db_worker_run_finish (result, out, error);
}

gboolean
_loket_store_blobs_exist (LoketStore *self, GPtrArray *attachments, GError **error)
{
  for (guint i = 0; attachments != NULL && i < attachments->len; i++)
    {
      LoketAttachment *a = g_ptr_array_index (attachments, i);
      g_autoptr (LoketDbStatement) stmt
        = loket_db_prepare (self->db, "SELECT 1 FROM blobs WHERE sha256 = ?", error);
      gboolean have_row = FALSE;

      if (stmt == NULL)
        return FALSE;
      loket_db_statement_bind_text (stmt, 1, a->sha256);
      if (!loket_db_statement_step (stmt, &have_row, error))
        return FALSE;
      if (!have_row)
        {
          g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND,
                       _ ("The attachment %s is not in this database; attach it again"),
                       a->file_name);
          return FALSE;
        }
    }
  return TRUE;
}

GTimeZone *
_loket_store_agency_timezone (LoketStore *self, const char *agency_id)
{
  LoketServiceCatalog *catalog = loket_case_projector_get_catalog (self->projector);
  LoketAgency *agency = agency_id != NULL ? loket_service_catalog_lookup_agency (catalog, agency_id)
                                          : NULL;
  GTimeZone   *tz = agency != NULL && loket_agency_get_timezone (agency) != NULL
                      ? g_time_zone_new_identifier (loket_agency_get_timezone (agency))
                      : NULL;

  return tz != NULL ? tz : g_time_zone_new_offset (8 * 3600);
}

/* ---- Registration ------------------------------------------------------------------------- */

typedef struct
{
  LoketStore        *self;
  char              *form_json;
  char              *device_id;
  char              *author;
  LoketIntakeOutcome outcome;
  gint64             now;
} RegisterOp;

typedef struct
{
  char *case_uuid;
  char *agenda_number;
} RegisterResult;

static void
register_op_free (RegisterOp *op)
{
  g_free (op->form_json);
  g_free (op->device_id);
  g_free (op->author);
  g_free (op);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegisterOp, register_op_free)

static void
register_result_free (RegisterResult *r)
{
  if (r == NULL)
    return;
  g_free (r->case_uuid);
  g_free (r->agenda_number);
  g_free (r);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RegisterResult, register_result_free)

static gboolean
delete_draft (LoketDb *db, const char *id, GError **error)
{
  g_autoptr (LoketDbStatement) stmt = loket_db_prepare (db, "DELETE FROM drafts WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  loket_db_statement_bind_text (stmt, 1, id);
  return loket_db_statement_run (stmt, error);
}

static gboolean
register_in_transaction (LoketStore      *self,
                         RegisterOp      *op,
                         LoketIntakeForm *form,
                         RegisterResult  *out,
                         GError         **error)
{
  LoketService *service = loket_intake_form_get_service (form);
  const char   *agency_id = loket_service_get_agency_id (service);
  LoketAgency  *agency = loket_service_catalog_lookup_agency (
    loket_case_projector_get_catalog (self->projector), agency_id);
  g_autoptr (GTimeZone) tz = _loket_store_agency_timezone (self, agency_id);
  gint64 received = loket_intake_form_get_received_at (form);
  g_autoptr (GDateTime) utc = NULL;
  g_autoptr (GDateTime) local = NULL;
  g_autoptr (GPtrArray) events = NULL;
  g_autoptr (GPtrArray) attachments = NULL;
  g_autofree char *case_uuid = g_uuid_string_random ();
  g_autofree char *number = NULL;

  utc = g_date_time_new_from_unix_utc (received != 0 ? received : op->now);
  local = g_date_time_to_timezone (utc, tz);
  number = loket_agenda_allocate (self->db, agency_id,
                                  agency != NULL ? loket_agency_get_code (agency) : agency_id,
                                  g_date_time_get_year (local), self->db_device_code, error);
  if (number == NULL)
    return FALSE;
  events = loket_intake_form_build_events (form, case_uuid, number, op->author,
                                           op->device_id != NULL ? op->device_id : self->device_id,
                                           self->hlc, op->now, op->outcome, error);
  if (events == NULL)
    return FALSE;
  attachments = loket_intake_form_list_all_attachments (form);
  if (!_loket_store_blobs_exist (self, attachments, error)
      || !_loket_store_append_in_transaction (self, events, error)
      || !delete_draft (self->db, loket_intake_form_get_draft_id (form), error))
    return FALSE;
  out->case_uuid = g_steal_pointer (&case_uuid);
  out->agenda_number = g_steal_pointer (&number);
  return TRUE;
}

static gboolean
register_on_thread (gpointer data, gpointer *result, GError **error)
{
  RegisterOp *op = data;
  LoketStore *self = op->self;
  g_autoptr (LoketIntakeForm) form = NULL;
  g_autoptr (RegisterResult) out = g_new0 (RegisterResult, 1);

  g_assert (g_thread_self () == self->db_thread);

  form = loket_intake_form_new_from_json (loket_case_projector_get_catalog (self->projector),
                                          op->form_json, error);
  /* Validate before the transaction: a refused form does not even touch a counter. */
  if (form == NULL || !loket_intake_form_check (form, error))
    return FALSE;
  if (!loket_db_begin (self->db, error))
    return FALSE;
  if (!register_in_transaction (self, op, form, out, error) || !loket_db_commit (self->db, error))
    {
      loket_db_rollback (self->db);
      return FALSE;
    }
  g_debug ("Registered case %s", out->case_uuid);
  *result = g_steal_pointer (&out);
  return TRUE;
}

static RegisterOp *
register_op_new (LoketStore        *self,
                 LoketIntakeForm   *form,
                 const char        *device_id,
                 const char        *author,
                 LoketIntakeOutcome outcome)
{
  RegisterOp *op = g_new0 (RegisterOp, 1);

  op->self = self;
  op->form_json = loket_intake_form_to_json (form);
  op->device_id = g_strdup (device_id);
  op->author = g_strdup (author);
  op->outcome = outcome;
  op->now = g_get_real_time () / G_USEC_PER_SEC;
  return op;
}

static gboolean
take_register_result (RegisterResult *r, char **case_uuid, char **agenda_number)
{
  if (case_uuid != NULL)
    *case_uuid = g_steal_pointer (&r->case_uuid);
  if (agenda_number != NULL)
    *agenda_number = g_steal_pointer (&r->agenda_number);
  register_result_free (r);
  return TRUE;
}

gboolean
loket_store_register_case (LoketStore        *self,
                           LoketIntakeForm   *form,
                           const char        *device_id,
                           const char        *author,
                           LoketIntakeOutcome outcome,
                           char             **case_uuid,
                           char             **agenda_number,
                           GError           **error)
{
  g_autoptr (RegisterOp) op = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), FALSE);
  g_return_val_if_fail (LOKET_IS_INTAKE_FORM (form), FALSE);
  g_return_val_if_fail (author != NULL, FALSE);

  op = register_op_new (self, form, device_id, author, outcome);
  if (!_loket_store_intake_run_sync (self, register_on_thread, op, &result, error))
    return FALSE;
  return take_register_result (result, case_uuid, agenda_number);
}

void
loket_store_register_case_async (LoketStore         *self,
                                 LoketIntakeForm    *form,
                                 const char         *device_id,
                                 const char         *author,
                                 LoketIntakeOutcome  outcome,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_return_if_fail (LOKET_IS_STORE (self));
  g_return_if_fail (LOKET_IS_INTAKE_FORM (form));
  g_return_if_fail (author != NULL);

  _loket_store_intake_run_async (self, register_on_thread,
                                 register_op_new (self, form, device_id, author, outcome),
                                 (GDestroyNotify) register_op_free,
                                 (GDestroyNotify) register_result_free,
                                 loket_store_register_case_async, cancellable, callback, user_data);
}

gboolean
loket_store_register_case_finish (LoketStore   *self,
                                  GAsyncResult *result,
                                  char        **case_uuid,
                                  char        **agenda_number,
                                  GError      **error)
{
  gpointer out = NULL;

  if (!_loket_store_intake_finish (self, result, loket_store_register_case_async, &out, error))
    return FALSE;
  return take_register_result (out, case_uuid, agenda_number);
}

/* ---- Blobs from files --------------------------------------------------------------------- */

LoketAttachment *
loket_store_add_blob_from_file (LoketStore   *self,
                                GFile        *file,
                                guint64       limit,
                                GCancellable *cancellable,
                                GError      **error)
{
  g_autoptr (LoketAttachment) attachment = NULL;
  g_autoptr (LoketStoreOp) op = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  /* The file first (durably), then its row: a crash in between leaves an unlisted file that the
   * next import of the same bytes replaces. */
  attachment = loket_blob_import_file (self->blobs, file, limit, cancellable, error);
  if (attachment == NULL)
    return NULL;
  op = _loket_store_op_new (self);
  op->text = g_strdup (attachment->sha256);
  op->size = (gint64) attachment->size;
  if (!_loket_store_intake_run_sync (self, _loket_store_record_blob_on_thread, op, NULL, error))
    return NULL;
  return g_steal_pointer (&attachment);
}

static void
add_blob_thread (GTask *task, gpointer source_object, gpointer task_data, GCancellable *cancellable)
{
  LoketStore      *self = source_object;
  GError          *error = NULL;
  guint64          limit = *(guint64 *) g_object_get_data (G_OBJECT (task), "limit");
  LoketAttachment *attachment
    = loket_store_add_blob_from_file (self, G_FILE (task_data), limit, cancellable, &error);

  if (attachment == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, attachment, (GDestroyNotify) loket_attachment_free);
}

void
loket_store_add_blob_from_file_async (LoketStore         *self,
                                      GFile              *file,
                                      guint64             limit,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  g_return_if_fail (LOKET_IS_STORE (self));
  g_return_if_fail (G_IS_FILE (file));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, loket_store_add_blob_from_file_async);
  g_task_set_task_data (task, g_object_ref (file), g_object_unref);
  g_object_set_data_full (G_OBJECT (task), "limit", g_memdup2 (&limit, sizeof limit), g_free);
  g_task_run_in_thread (task, add_blob_thread);
}

LoketAttachment *
loket_store_add_blob_from_file_finish (LoketStore *self, GAsyncResult *result, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                          == loket_store_add_blob_from_file_async,
                        NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
