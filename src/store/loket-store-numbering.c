// SPDX-License-Identifier: GPL-3.0-or-later
// LoketStore letter numbering: lease bookkeeping and allocation of final letter numbers.
#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "loket-error.h"
#include "loket-projection-store.h"
#include "loket-store-intake-private.h"
#include "loket-store-letter-drafts-private.h"
#include "loket-store-numbering.h"

void
loket_number_lease_free (LoketNumberLease *lease)
{
  if (lease == NULL)
    return;
  g_free (lease->agency_id);
  g_free (lease->register_id);
  g_free (lease->device);
  g_free (lease);
}

void
loket_letter_number_free (LoketLetterNumber *number)
{
  if (number == NULL)
    return;
  g_free (number->letter_id);
  g_free (number->case_uuid);
  g_free (number->agency_id);
  g_free (number->register_id);
  g_free (number->number);
  g_free (number);
}

typedef struct
{
  LoketStore          *self;
  char                *agency_id;
  char                *register_id;
  char                *device;
  char                *case_uuid;
  char                *letter_id;
  char                *klasifikasi;
  char                *author;
  LoketNumberRegister *reg;
  int                  year;
  gint64               first;
  gint64               last;
  gint64               expires;
  gint64               at;
} NumberOp;

static void
number_op_free (NumberOp *op)
{
  g_free (op->agency_id);
  g_free (op->register_id);
  g_free (op->device);
  g_free (op->case_uuid);
  g_free (op->letter_id);
  g_free (op->klasifikasi);
  g_free (op->author);
  loket_number_register_free (op->reg);
  g_free (op);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (NumberOp, number_op_free)

/* ---- Leases ------------------------------------------------------------------------------- */

static gboolean
add_lease_in_transaction (NumberOp *op, GError **error)
{
  LoketDb *db = op->self->db;
  g_autoptr (LoketDbStatement) overlap = loket_db_prepare (
    db,
    "SELECT first, last FROM number_leases WHERE agency_id = ? AND register_id = ? AND year = ? "
    "AND NOT (last < ? OR first > ?) LIMIT 1",
    error);
  g_autoptr (LoketDbStatement) insert = NULL;
  gboolean have_row = FALSE;

  if (overlap == NULL)
    return FALSE;
  loket_db_statement_bind_text (overlap, 1, op->agency_id);
  loket_db_statement_bind_text (overlap, 2, op->register_id);
  loket_db_statement_bind_int64 (overlap, 3, op->year);
  loket_db_statement_bind_int64 (overlap, 4, op->first);
  loket_db_statement_bind_int64 (overlap, 5, op->last);
  if (!loket_db_statement_step (overlap, &have_row, error))
    return FALSE;
  if (have_row)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT,
                   _("Numbers %lld–%lld of register “%s” for %d overlap the block %lld–%lld "
                     "already leased"),
                   (long long) op->first, (long long) op->last, op->register_id, op->year,
                   (long long) loket_db_statement_get_int64 (overlap, 0),
                   (long long) loket_db_statement_get_int64 (overlap, 1));
      return FALSE;
    }
  insert = loket_db_prepare (db,
                             "INSERT INTO number_leases (agency_id, register_id, year, first, "
                             "last, device, expires, granted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                             error);
  if (insert == NULL)
    return FALSE;
  loket_db_statement_bind_text (insert, 1, op->agency_id);
  loket_db_statement_bind_text (insert, 2, op->register_id);
  loket_db_statement_bind_int64 (insert, 3, op->year);
  loket_db_statement_bind_int64 (insert, 4, op->first);
  loket_db_statement_bind_int64 (insert, 5, op->last);
  loket_db_statement_bind_text (insert, 6, op->device);
  loket_db_statement_bind_int64 (insert, 7, op->expires);
  loket_db_statement_bind_int64 (insert, 8, op->at);
  return loket_db_statement_run (insert, error);
}

static gboolean
add_lease_on_thread (gpointer data, gpointer *result, GError **error)
{
  NumberOp *op = data;

  g_assert (g_thread_self () == op->self->db_thread);
  if (!loket_db_begin (op->self->db, error))
    return FALSE;
  if (!add_lease_in_transaction (op, error) || !loket_db_commit (op->self->db, error))
    {
      loket_db_rollback (op->self->db);
      return FALSE;
    }
  return TRUE;
}

gboolean
loket_store_add_number_lease (LoketStore *self,
                              const char *agency_id,
                              const char *register_id,
                              int         year,
                              gint64      first,
                              gint64      last,
                              const char *device,
                              gint64      expires,
                              gint64      now,
                              GError    **error)
{
  g_autoptr (NumberOp) op = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), FALSE);
  g_return_val_if_fail (agency_id != NULL && register_id != NULL, FALSE);

  if (now == 0)
    now = g_get_real_time () / G_USEC_PER_SEC;
  if (year < 2000 || year > 9999 || first < 1 || last < first)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _("A lease needs a year from 2000 to 9999 and numbers 1 ≤ first ≤ last"));
      return FALSE;
    }
  if (expires <= now)
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _("The lease would already have expired"));
      return FALSE;
    }
  op = g_new0 (NumberOp, 1);
  op->self = self;
  op->agency_id = g_strdup (agency_id);
  op->register_id = g_strdup (register_id);
  op->device = g_strdup (device != NULL ? device : self->device_id);
  op->year = year;
  op->first = first;
  op->last = last;
  op->expires = expires;
  op->at = now;
  return _loket_store_intake_run_sync (self, add_lease_on_thread, op, NULL, error);
}

static gboolean
list_leases_on_thread (gpointer data, gpointer *result, GError **error)
{
  NumberOp *op = data;
  g_autoptr (GPtrArray) out
    = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_number_lease_free);
  g_autoptr (LoketDbStatement) stmt = loket_db_prepare (
    op->self->db,
    "SELECT l.id, l.agency_id, l.register_id, l.year, l.first, l.last, l.device, l.expires, "
    "(SELECT COUNT(*) FROM letter_numbers n WHERE n.agency_id = l.agency_id "
    "AND n.register_id = l.register_id AND n.year = l.year AND n.urut BETWEEN l.first AND l.last) "
    "FROM number_leases l ORDER BY l.agency_id, l.register_id, l.year, l.first",
    error);
  gboolean have_row = FALSE;

  if (stmt == NULL)
    return FALSE;
  while (TRUE)
    {
      LoketNumberLease *lease;

      if (!loket_db_statement_step (stmt, &have_row, error))
        return FALSE;
      if (!have_row)
        break;
      lease = g_new0 (LoketNumberLease, 1);
      lease->id = loket_db_statement_get_int64 (stmt, 0);
      lease->agency_id = g_strdup (loket_db_statement_get_text (stmt, 1));
      lease->register_id = g_strdup (loket_db_statement_get_text (stmt, 2));
      lease->year = (int) loket_db_statement_get_int64 (stmt, 3);
      lease->first = loket_db_statement_get_int64 (stmt, 4);
      lease->last = loket_db_statement_get_int64 (stmt, 5);
      lease->device = g_strdup (loket_db_statement_get_text (stmt, 6));
      lease->expires = loket_db_statement_get_int64 (stmt, 7);
      lease->n_used = loket_db_statement_get_int64 (stmt, 8);
      g_ptr_array_add (out, lease);
    }
  *result = g_steal_pointer (&out);
  return TRUE;
}

GPtrArray *
loket_store_list_number_leases (LoketStore *self, GError **error)
{
  g_autoptr (NumberOp) op = g_new0 (NumberOp, 1);
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);
  op->self = self;
  if (!_loket_store_intake_run_sync (self, list_leases_on_thread, op, &result, error))
    return NULL;
  return result;
}

/* ---- Allocation --------------------------------------------------------------------------- */

static LoketLetterNumber *
read_number (LoketDb *db, const char *letter_id, GError **error)
{
  g_autoptr (LoketDbStatement) stmt = loket_db_prepare (
    db,
    "SELECT case_uuid, agency_id, register_id, year, urut, number, numbered_at "
    "FROM letter_numbers WHERE letter_id = ?",
    error);
  LoketLetterNumber *n;
  gboolean have_row = FALSE;

  if (stmt == NULL)
    return NULL;
  loket_db_statement_bind_text (stmt, 1, letter_id);
  if (!loket_db_statement_step (stmt, &have_row, error) || !have_row)
    return NULL;
  n = g_new0 (LoketLetterNumber, 1);
  n->letter_id = g_strdup (letter_id);
  n->case_uuid = g_strdup (loket_db_statement_get_text (stmt, 0));
  n->agency_id = g_strdup (loket_db_statement_get_text (stmt, 1));
  n->register_id = g_strdup (loket_db_statement_get_text (stmt, 2));
  n->year = (int) loket_db_statement_get_int64 (stmt, 3);
  n->urut = loket_db_statement_get_int64 (stmt, 4);
  n->number = g_strdup (loket_db_statement_get_text (stmt, 5));
  n->numbered_at = loket_db_statement_get_int64 (stmt, 6);
  return n;
}

/* The lowest unused number of this device's active leases, with its lease; 0 when none. */
static gboolean
next_free (NumberOp *op, const char *device, gint64 *urut, gint64 *lease_id, guint *n_leases,
           GError **error)
{
  LoketDb *db = op->self->db;
  g_autoptr (LoketDbStatement) leases = loket_db_prepare (
    db,
    "SELECT id, first, last FROM number_leases WHERE agency_id = ? AND register_id = ? "
    "AND year = ? AND device = ? AND expires > ? ORDER BY first",
    error);
  gboolean have_row = FALSE;

  *urut = 0;
  *n_leases = 0;
  if (leases == NULL)
    return FALSE;
  loket_db_statement_bind_text (leases, 1, op->reg->agency_id);
  loket_db_statement_bind_text (leases, 2, op->reg->id);
  loket_db_statement_bind_int64 (leases, 3, op->year);
  loket_db_statement_bind_text (leases, 4, device);
  loket_db_statement_bind_int64 (leases, 5, op->at);
  while (TRUE)
    {
      g_autoptr (LoketDbStatement) max = NULL;
      gint64 first, last, next;

      if (!loket_db_statement_step (leases, &have_row, error))
        return FALSE;
      if (!have_row)
        return TRUE;
      (*n_leases)++;
      first = loket_db_statement_get_int64 (leases, 1);
      last = loket_db_statement_get_int64 (leases, 2);
      max = loket_db_prepare (db,
                              "SELECT COALESCE(MAX(urut), 0) FROM letter_numbers WHERE "
                              "agency_id = ? AND register_id = ? AND year = ? "
                              "AND urut BETWEEN ? AND ?",
                              error);
      if (max == NULL)
        return FALSE;
      loket_db_statement_bind_text (max, 1, op->reg->agency_id);
      loket_db_statement_bind_text (max, 2, op->reg->id);
      loket_db_statement_bind_int64 (max, 3, op->year);
      loket_db_statement_bind_int64 (max, 4, first);
      loket_db_statement_bind_int64 (max, 5, last);
      if (!loket_db_statement_step (max, &have_row, error))
        return FALSE;
      next = MAX (loket_db_statement_get_int64 (max, 0) + 1, first);
      if (next <= last)
        {
          *urut = next;
          *lease_id = loket_db_statement_get_int64 (leases, 0);
          return TRUE;
        }
    }
}

static gboolean
append_numbered_event (NumberOp *op, LoketCase *kase, LoketLetterNumber *n, GError **error)
{
  LoketStore *self = op->self;
  g_autoptr (GTimeZone) tz = _loket_store_agency_timezone (self, n->agency_id);
  g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (op->at);
  g_autoptr (GDateTime) local = g_date_time_to_timezone (utc, tz);
  g_autofree char *iso = g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *json = NULL;
  g_autofree char *stamp = NULL;
  LoketEvent *event;

  if (loket_case_get_last_hlc (kase) != NULL
      && !loket_hlc_observe (self->hlc, loket_case_get_last_hlc (kase), error))
    return FALSE;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "at");
  json_builder_add_string_value (b, iso);
  json_builder_set_member_name (b, "letter_id");
  json_builder_add_string_value (b, n->letter_id);
  json_builder_set_member_name (b, "register");
  json_builder_add_string_value (b, n->register_id);
  json_builder_set_member_name (b, "year");
  json_builder_add_int_value (b, n->year);
  json_builder_set_member_name (b, "urut");
  json_builder_add_int_value (b, n->urut);
  json_builder_set_member_name (b, "number");
  json_builder_add_string_value (b, n->number);
  json_builder_end_object (b);
  root = json_builder_get_root (b);
  json = json_to_string (root, FALSE);
  stamp = loket_hlc_now (self->hlc);
  event = loket_event_new_checked (NULL, op->case_uuid, LOKET_EVENT_LETTER_NUMBERED, op->author,
                                   self->device_id, stamp, json, error);
  if (event == NULL)
    return FALSE;
  g_ptr_array_add (events, event);
  return _loket_store_append_in_transaction (self, events, error);
}

static LoketLetterNumber *
number_in_transaction (NumberOp *op, GError **error)
{
  LoketStore *self = op->self;
  g_autoptr (GError) local_error = NULL;
  g_autoptr (LoketCase) kase = NULL;
  g_autoptr (LoketLetterNumber) n = read_number (self->db, op->letter_id, &local_error);
  g_autoptr (LoketDbStatement) insert = NULL;
  gint64 urut = 0, lease_id = 0;
  guint n_leases = 0;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (n != NULL)
    {
      if (g_strcmp0 (n->case_uuid, op->case_uuid) != 0)
        {
          g_set_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT,
                       _("The letter %s already has number %s in another case"), op->letter_id,
                       n->number);
          return NULL;
        }
      return g_steal_pointer (&n);
    }
  kase = loket_projection_store_load (self->db, op->case_uuid, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (kase == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_NOT_FOUND, _("No case with the identifier %s"),
                   op->case_uuid);
      return NULL;
    }
  if (g_strcmp0 (loket_case_get_agency_id (kase), op->reg->agency_id) != 0)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _("The register “%s” belongs to %s, not to the agency of the case"),
                   op->reg->id, op->reg->agency_id);
      return NULL;
    }
  if (!next_free (op, self->device_id, &urut, &lease_id, &n_leases, error))
    return NULL;
  if (urut == 0)
    {
      if (n_leases == 0)
        g_set_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT,
                     _("This computer has no block of numbers for register “%s” in %d: the "
                       "letter stays signed, pending a number, until a block is leased"),
                     op->reg->id, op->year);
      else
        g_set_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT,
                     _("Every number leased to this computer for register “%s” in %d is used: "
                       "the letter stays signed, pending a number, until a new block is leased"),
                     op->reg->id, op->year);
      return NULL;
    }
  n = g_new0 (LoketLetterNumber, 1);
  n->letter_id = g_strdup (op->letter_id);
  n->case_uuid = g_strdup (op->case_uuid);
  n->agency_id = g_strdup (op->reg->agency_id);
  n->register_id = g_strdup (op->reg->id);
  n->year = op->year;
  n->urut = urut;
  n->numbered_at = op->at;
  {
    g_autoptr (GTimeZone) tz = _loket_store_agency_timezone (self, op->reg->agency_id);
    g_autoptr (GDateTime) utc = g_date_time_new_from_unix_utc (op->at);
    g_autoptr (GDateTime) local = g_date_time_to_timezone (utc, tz);

    /* The office may have set its own format for the register (Preferences). */
    char *own = _loket_store_register_template (self->db, op->reg->agency_id, op->reg->id);

    if (own != NULL)
      {
        g_free (op->reg->template);
        op->reg->template = own;
      }
    n->number = loket_number_register_format (op->reg, urut, op->year,
                                              g_date_time_get_month (local), op->klasifikasi,
                                              error);
  }
  if (n->number == NULL)
    return NULL;
  insert = loket_db_prepare (self->db,
                             "INSERT OR IGNORE INTO letter_numbers (agency_id, register_id, year, urut, "
                             "number, letter_id, case_uuid, lease_id, numbered_at) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                             error);
  if (insert == NULL)
    return NULL;
  loket_db_statement_bind_text (insert, 1, n->agency_id);
  loket_db_statement_bind_text (insert, 2, n->register_id);
  loket_db_statement_bind_int64 (insert, 3, n->year);
  loket_db_statement_bind_int64 (insert, 4, n->urut);
  loket_db_statement_bind_text (insert, 5, n->number);
  loket_db_statement_bind_text (insert, 6, n->letter_id);
  loket_db_statement_bind_text (insert, 7, n->case_uuid);
  loket_db_statement_bind_int64 (insert, 8, lease_id);
  loket_db_statement_bind_int64 (insert, 9, n->numbered_at);
  if (!loket_db_statement_run (insert, error) || !append_numbered_event (op, kase, n, error))
    return NULL;
  return g_steal_pointer (&n);
}

static gboolean
number_on_thread (gpointer data, gpointer *result, GError **error)
{
  NumberOp *op = data;
  LoketLetterNumber *n;

  g_assert (g_thread_self () == op->self->db_thread);
  if (!loket_db_begin (op->self->db, error))
    return FALSE;
  n = number_in_transaction (op, error);
  if (n == NULL || !loket_db_commit (op->self->db, error))
    {
      loket_db_rollback (op->self->db);
      loket_letter_number_free (n);
      return FALSE;
    }
  g_debug ("Numbered letter %s: %s", n->letter_id, n->number);
  *result = n;
  return TRUE;
}

/* Checks the arguments and makes the request; NULL with @error when they are refused. */
static NumberOp *
number_op_new (LoketStore                *self,
               const char                *case_uuid,
               const char                *letter_id,
               const LoketNumberRegister *reg,
               const char                *klasifikasi,
               const char                *author,
               gint64                     at,
               GError                   **error)
{
  g_autoptr (GTimeZone) tz = NULL;
  g_autoptr (GDateTime) utc = NULL;
  g_autoptr (GDateTime) local = NULL;
  NumberOp *op;

  if (*letter_id == '\0' || strlen (letter_id) > 100)
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _("A letter id is 1 to 100 bytes"));
      return NULL;
    }
  if (!loket_number_template_check (reg->template, error))
    return NULL;
  if (at == 0)
    at = g_get_real_time () / G_USEC_PER_SEC;
  tz = _loket_store_agency_timezone (self, reg->agency_id);
  utc = g_date_time_new_from_unix_utc (at);
  local = g_date_time_to_timezone (utc, tz);
  op = g_new0 (NumberOp, 1);
  op->self = self;
  op->case_uuid = g_strdup (case_uuid);
  op->letter_id = g_strdup (letter_id);
  op->klasifikasi = g_strdup (klasifikasi);
  op->author = g_strdup (author);
  op->reg = loket_number_register_copy (reg);
  op->year = g_date_time_get_year (local);
  op->at = at;
  return op;
}

LoketLetterNumber *
loket_store_number_letter (LoketStore                *self,
                           const char                *case_uuid,
                           const char                *letter_id,
                           const LoketNumberRegister *reg,
                           const char                *klasifikasi,
                           const char                *author,
                           gint64                     at,
                           GError                   **error)
{
  g_autoptr (NumberOp) op = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);
  g_return_val_if_fail (case_uuid != NULL && letter_id != NULL && reg != NULL, NULL);
  g_return_val_if_fail (author != NULL, NULL);

  op = number_op_new (self, case_uuid, letter_id, reg, klasifikasi, author, at, error);
  if (op == NULL)
    return NULL;
  if (!_loket_store_intake_run_sync (self, number_on_thread, op, &result, error))
    return NULL;
  return result;
}

void
loket_store_number_letter_async (LoketStore                *self,
                                 const char                *case_uuid,
                                 const char                *letter_id,
                                 const LoketNumberRegister *reg,
                                 const char                *klasifikasi,
                                 const char                *author,
                                 gint64                     at,
                                 GCancellable              *cancellable,
                                 GAsyncReadyCallback        callback,
                                 gpointer                   user_data)
{
  g_autoptr (GError) error = NULL;
  NumberOp *op;

  g_return_if_fail (LOKET_IS_STORE (self));
  g_return_if_fail (case_uuid != NULL && letter_id != NULL && reg != NULL && author != NULL);

  op = number_op_new (self, case_uuid, letter_id, reg, klasifikasi, author, at, &error);
  if (op == NULL)
    {
      g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

      g_task_set_source_tag (task, loket_store_number_letter_async);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  _loket_store_intake_run_async (self, number_on_thread, op, (GDestroyNotify) number_op_free,
                                 (GDestroyNotify) loket_letter_number_free,
                                 loket_store_number_letter_async, cancellable, callback,
                                 user_data);
}

LoketLetterNumber *
loket_store_number_letter_finish (LoketStore *self, GAsyncResult *result, GError **error)
{
  gpointer out = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);
  if (!_loket_store_intake_finish (self, result, loket_store_number_letter_async, &out, error))
    return NULL;
  return out;
}

/* A `letter.numbered` event of @letter_id that has no row here (numbered on another device and
 * synced): the number is read from the event itself. */
static LoketLetterNumber *
read_number_from_events (LoketDb *db, const char *letter_id, GError **error)
{
  g_autoptr (LoketDbStatement) stmt = loket_db_prepare (
    db,
    "SELECT e.case_uuid, e.body, c.agency_id FROM events e LEFT JOIN cases c "
    "ON c.uuid = e.case_uuid WHERE e.type = 'letter.numbered' AND instr(e.body, ?) > 0 "
    "ORDER BY e.seq",
    error);
  gboolean have_row = FALSE;

  if (stmt == NULL)
    return NULL;
  loket_db_statement_bind_text (stmt, 1, letter_id);
  while (loket_db_statement_step (stmt, &have_row, error) && have_row)
    {
      g_autoptr (JsonParser) parser = json_parser_new ();
      JsonNode *root;
      JsonObject *body;
      LoketLetterNumber *n;

      if (!json_parser_load_from_data (parser, loket_db_statement_get_text (stmt, 1), -1, NULL)
          || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        continue;
      body = json_node_get_object (root);
      if (g_strcmp0 (json_object_get_string_member_with_default (body, "letter_id", NULL),
                     letter_id) != 0
          || json_object_get_string_member_with_default (body, "number", NULL) == NULL)
        continue;
      n = g_new0 (LoketLetterNumber, 1);
      n->letter_id = g_strdup (letter_id);
      n->case_uuid = g_strdup (loket_db_statement_get_text (stmt, 0));
      n->agency_id = g_strdup (loket_db_statement_get_text (stmt, 2));
      n->register_id
        = g_strdup (json_object_get_string_member_with_default (body, "register", NULL));
      n->year = (int) json_object_get_int_member_with_default (body, "year", 0);
      n->urut = json_object_get_int_member_with_default (body, "urut", 0);
      n->number = g_strdup (json_object_get_string_member (body, "number"));
      return n;
    }
  return NULL;
}

static gboolean
lookup_on_thread (gpointer data, gpointer *result, GError **error)
{
  NumberOp *op = data;
  g_autoptr (GError) local_error = NULL;
  LoketLetterNumber *n = read_number (op->self->db, op->letter_id, &local_error);

  if (n == NULL && local_error == NULL)
    n = read_number_from_events (op->self->db, op->letter_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *result = n;
  return TRUE;
}

LoketLetterNumber *
loket_store_lookup_letter_number (LoketStore *self, const char *letter_id, GError **error)
{
  g_autoptr (NumberOp) op = g_new0 (NumberOp, 1);
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);
  g_return_val_if_fail (letter_id != NULL, NULL);
  op->self = self;
  op->letter_id = g_strdup (letter_id);
  if (!_loket_store_intake_run_sync (self, lookup_on_thread, op, &result, error))
    return NULL;
  return result;
}

typedef struct
{
  char *case_uuid;
  char *event_type;
} FoundCase;

static void
found_case_free (FoundCase *found)
{
  if (found == NULL)
    return;
  g_free (found->case_uuid);
  g_free (found->event_type);
  g_free (found);
}

static gboolean
find_case_on_thread (gpointer data, gpointer *result, GError **error)
{
  NumberOp *op = data;
  g_autoptr (LoketDbStatement) stmt = loket_db_prepare (
    op->self->db,
    "SELECT case_uuid, type FROM events WHERE instr(body, ?) > 0 ORDER BY seq DESC LIMIT 1",
    error);
  gboolean have_row = FALSE;
  FoundCase *found;

  if (stmt == NULL)
    return FALSE;
  loket_db_statement_bind_text (stmt, 1, op->letter_id);
  if (!loket_db_statement_step (stmt, &have_row, error))
    return FALSE;
  if (!have_row)
    return TRUE;
  found = g_new0 (FoundCase, 1);
  found->case_uuid = g_strdup (loket_db_statement_get_text (stmt, 0));
  found->event_type = g_strdup (loket_db_statement_get_text (stmt, 1));
  *result = found;
  return TRUE;
}

gboolean
loket_store_find_letter_case (LoketStore  *self,
                              const char  *letter_id,
                              char       **case_uuid,
                              char       **event_type,
                              GError     **error)
{
  g_autoptr (NumberOp) op = g_new0 (NumberOp, 1);
  gpointer result = NULL;
  FoundCase *found;

  g_return_val_if_fail (LOKET_IS_STORE (self), FALSE);
  g_return_val_if_fail (letter_id != NULL && *letter_id != '\0', FALSE);
  op->self = self;
  op->letter_id = g_strdup (letter_id);
  if (!_loket_store_intake_run_sync (self, find_case_on_thread, op, &result, error)
      || result == NULL)
    return FALSE;
  found = result;
  if (case_uuid != NULL)
    *case_uuid = g_steal_pointer (&found->case_uuid);
  if (event_type != NULL)
    *event_type = g_steal_pointer (&found->event_type);
  found_case_free (found);
  return TRUE;
}

/* ---- Rebuild (loket-cli rebuild) ---------------------------------------------------------- */

static gboolean
numbering_refill (LoketDb *db, gboolean marked, GError **error)
{
  g_autofree char *select = NULL;

  /* A row keeps its lease when an event backs it; a row no event backs goes; a number that only
   * an event knows (another device's, a restored log) comes back with the case's agency. Where
   * two events claim one number the first in (HLC, UUID) order keeps it. The SQL is made of our
   * own fragments only. */
  select = g_strdup_printf (
           "CREATE TEMP TABLE numbered_events AS SELECT e.case_uuid AS case_uuid, c.agency_id AS "
           "agency_id, json_extract(e.body, '$.register') AS register_id, "
           "json_extract(e.body, '$.year') AS year, json_extract(e.body, '$.urut') AS urut, "
           "json_extract(e.body, '$.number') AS number, "
           "json_extract(e.body, '$.letter_id') AS letter_id, "
           "COALESCE(unixepoch(json_extract(e.body, '$.at')), 0) AS numbered_at, e.hlc AS hlc, "
           "e.uuid AS uuid FROM events e JOIN cases c ON c.uuid = e.case_uuid "
           "WHERE e.type = 'letter.numbered' AND json_valid(e.body) "
           "AND json_type(e.body, '$.register') = 'text' "
           "AND json_type(e.body, '$.year') = 'integer' "
           "AND json_type(e.body, '$.urut') = 'integer' "
           "AND json_type(e.body, '$.number') = 'text' "
           "AND json_type(e.body, '$.letter_id') = 'text'%s",
           marked ? " AND e.seq IN (SELECT seq FROM " LOKET_STORE_LETTER_SEQS ")" : "");
  return loket_db_exec (db, select, error)
         && loket_db_exec (db,
                           "DELETE FROM letter_numbers WHERE NOT EXISTS (SELECT 1 FROM "
                           "numbered_events n WHERE n.letter_id = letter_numbers.letter_id "
                           "AND n.agency_id = letter_numbers.agency_id AND n.register_id = "
                           "letter_numbers.register_id AND n.year = letter_numbers.year AND "
                           "n.urut = letter_numbers.urut)",
                           error)
         && loket_db_exec (db,
                           "INSERT OR IGNORE INTO letter_numbers (agency_id, register_id, year, urut, "
                           "number, letter_id, case_uuid, lease_id, numbered_at) SELECT "
                           "agency_id, register_id, year, urut, number, letter_id, case_uuid, "
                           "NULL, numbered_at FROM numbered_events WHERE agency_id IS NOT NULL "
                           "ORDER BY hlc, uuid",
                           error)
         && loket_db_exec (db, "DROP TABLE temp.numbered_events", error);
}

gboolean
_loket_store_numbering_rebuild (LoketDb *db, GError **error)
{
  return numbering_refill (db, FALSE, error);
}

gboolean
_loket_store_numbering_rebuild_marked (LoketDb *db, GError **error)
{
  return numbering_refill (db, TRUE, error);
}

/* Database thread, in the transaction that stored them: the `letter.numbered` events of
 * @case_uuid get their rows (a number another device gave, pulled by sync), as the rebuild above
 * would make them; a row already there (this device's own numbering) stays. */
gboolean
_loket_store_numbering_refresh_case (LoketDb *db, const char *case_uuid, GError **error)
{
  g_autoptr (LoketDbStatement) stmt = loket_db_prepare (
    db,
    "INSERT OR IGNORE INTO letter_numbers (agency_id, register_id, year, urut, number, "
    "letter_id, case_uuid, lease_id, numbered_at) SELECT c.agency_id, "
    "json_extract(e.body, '$.register'), json_extract(e.body, '$.year'), "
    "json_extract(e.body, '$.urut'), json_extract(e.body, '$.number'), "
    "json_extract(e.body, '$.letter_id'), e.case_uuid, NULL, "
    "COALESCE(unixepoch(json_extract(e.body, '$.at')), 0) "
    "FROM events e JOIN cases c ON c.uuid = e.case_uuid "
    "WHERE e.case_uuid = ? AND e.type = 'letter.numbered' AND json_valid(e.body) "
    "AND json_type(e.body, '$.register') = 'text' AND json_type(e.body, '$.year') = 'integer' "
    "AND json_type(e.body, '$.urut') = 'integer' AND json_type(e.body, '$.number') = 'text' "
    "AND json_type(e.body, '$.letter_id') = 'text' ORDER BY e.hlc, e.uuid",
    error);

  if (stmt == NULL)
    return FALSE;
  loket_db_statement_bind_text (stmt, 1, case_uuid);
  return loket_db_statement_run (stmt, error);
}
