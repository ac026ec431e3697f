// SPDX-License-Identifier: GPL-3.0-or-later
// LoketStore: report input, office settings, database snapshots (loket-store-report.h).
#include "config.h"

#include "loket-store-report.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "loket-error.h"
#include "loket-number-register.h"
#include "loket-store-private.h"

#define SETTING_KEY_MAX 200
#define SETTING_VALUE_MAX (1024 * 1024)

typedef struct
{
  LoketStore *self;
  char       *key;
  char       *value;
} SettingOp;

static void
setting_op_free (SettingOp *op)
{
  g_free (op->key);
  g_free (op->value);
  g_free (op);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SettingOp, setting_op_free)

static SettingOp *
setting_op_new (LoketStore *self, const char *key, const char *value)
{
  SettingOp *op = g_new0 (SettingOp, 1);

  op->self = self;
  op->key = g_strdup (key);
  op->value = g_strdup (value);
  return op;
}

static gboolean
run_sync (LoketStore *self, LoketDbWorkFunc func, gpointer op, gpointer *result, GError **error)
{
  if (self->worker == NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_FAILED, _ ("The database is closed"));
      return FALSE;
    }
  return loket_db_worker_run_sync (self->worker, func, op, result, error);
}

/* ---- On the database thread --------------------------------------------------------------- */

static gboolean
outcomes_on_thread (gpointer data, gpointer *result, GError **error)
{
  SettingOp *op = data;
  g_autoptr (LoketDbStatement) stmt = NULL;
  g_autoptr (GHashTable) outcomes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (JsonParser) parser = json_parser_new ();
  gboolean have_row;

  g_assert (g_thread_self () == op->self->db_thread);
  stmt = loket_db_prepare (op->self->db,
                           "SELECT case_uuid, body FROM events WHERE type = 'case.closed' "
                           "ORDER BY case_uuid, hlc, uuid",
                           error);
  if (stmt == NULL)
    return FALSE;
  while (loket_db_statement_step (stmt, &have_row, error) && have_row)
    {
      const char *case_uuid = loket_db_statement_get_text (stmt, 0);
      const char *body = loket_db_statement_get_text (stmt, 1);
      JsonNode   *root, *member;

      if (case_uuid == NULL || g_hash_table_contains (outcomes, case_uuid))
        continue; /* closing is final: the first close in event order counts */
      if (body == NULL || !json_parser_load_from_data (parser, body, -1, NULL)
          || (root = json_parser_get_root (parser)) == NULL || !JSON_NODE_HOLDS_OBJECT (root))
        continue;
      member = json_object_get_member (json_node_get_object (root), "outcome");
      if (member == NULL || !JSON_NODE_HOLDS_VALUE (member)
          || json_node_get_value_type (member) != G_TYPE_STRING)
        continue;
      g_hash_table_insert (outcomes, g_strdup (case_uuid),
                           g_strdup (json_node_get_string (member)));
    }
  if (have_row)
    return FALSE; /* the step failed */
  *result = g_steal_pointer (&outcomes);
  return TRUE;
}

static gboolean
get_setting_on_thread (gpointer data, gpointer *result, GError **error)
{
  SettingOp *op = data;
  g_autoptr (LoketDbStatement) stmt = NULL;
  gboolean have_row;

  stmt = loket_db_prepare (op->self->db, "SELECT value FROM settings WHERE key = ?", error);
  if (stmt == NULL)
    return FALSE;
  loket_db_statement_bind_text (stmt, 1, op->key);
  if (!loket_db_statement_step (stmt, &have_row, error))
    return FALSE;
  *result = have_row ? g_strdup (loket_db_statement_get_text (stmt, 0)) : NULL;
  return TRUE;
}

static gboolean
get_settings_on_thread (gpointer data, gpointer *result, GError **error)
{
  SettingOp *op = data;
  g_autoptr (LoketDbStatement) stmt = NULL;
  g_autoptr (GHashTable) values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  gboolean have_row;

  stmt = loket_db_prepare (op->self->db, "SELECT key, value FROM settings", error);
  if (stmt == NULL)
    return FALSE;
  while (loket_db_statement_step (stmt, &have_row, error) && have_row)
    {
      const char *key = loket_db_statement_get_text (stmt, 0);

      if (key != NULL && g_str_has_prefix (key, op->key))
        g_hash_table_insert (values, g_strdup (key),
                             g_strdup (loket_db_statement_get_text (stmt, 1)));
    }
  if (have_row)
    return FALSE;
  *result = g_steal_pointer (&values);
  return TRUE;
}

static gboolean
set_setting_on_thread (gpointer data, gpointer *result, GError **error)
{
  SettingOp *op = data;
  g_autoptr (LoketDbStatement) stmt = NULL;

  if (op->value == NULL)
    stmt = loket_db_prepare (op->self->db, "DELETE FROM settings WHERE key = ?", error);
  else
    stmt = loket_db_prepare (op->self->db,
                             "INSERT INTO settings (key, value) VALUES (?, ?) "
                             "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                             error);
  if (stmt == NULL)
    return FALSE;
  loket_db_statement_bind_text (stmt, 1, op->key);
  if (op->value != NULL)
    loket_db_statement_bind_text (stmt, 2, op->value);
  return loket_db_statement_run (stmt, error);
}

static gboolean
snapshot_on_thread (gpointer data, gpointer *result, GError **error)
{
  SettingOp      *op = data;
  sqlite3        *dest = NULL;
  sqlite3_backup *backup;
  int             rc;

  rc = sqlite3_open_v2 (op->value, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc == SQLITE_OK)
    {
      backup = sqlite3_backup_init (dest, "main", loket_db_get_handle (op->self->db), "main");
      if (backup == NULL)
        rc = sqlite3_errcode (dest);
      else
        {
          /* One step copies every page at one instant: the snapshot is consistent. */
          rc = sqlite3_backup_step (backup, -1);
          sqlite3_backup_finish (backup);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
        }
    }
  if (rc != SQLITE_OK)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_IO,
                   _ ("Could not copy the database to “%s”: %s"), op->value,
                   dest != NULL ? sqlite3_errmsg (dest) : sqlite3_errstr (rc));
      sqlite3_close (dest);
      g_unlink (op->value);
      return FALSE;
    }
  /* The copy stands alone: no -wal file beside it. */
  sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  sqlite3_close (dest);
  return TRUE;
}

char *
_loket_store_register_template (LoketDb *db, const char *agency_id, const char *register_id)
{
  g_autoptr (LoketDbStatement) stmt
    = loket_db_prepare (db, "SELECT value FROM settings WHERE key = ?", NULL);
  g_autofree char *key = g_strdup_printf ("register.%s/%s.template", agency_id, register_id);
  gboolean         have_row = FALSE;
  const char      *value;

  if (stmt == NULL)
    return NULL;
  loket_db_statement_bind_text (stmt, 1, key);
  if (!loket_db_statement_step (stmt, &have_row, NULL) || !have_row)
    return NULL;
  value = loket_db_statement_get_text (stmt, 0);
  if (value == NULL || !loket_number_template_check (value, NULL))
    return NULL;
  return g_strdup (value);
}

/* ---- API ---------------------------------------------------------------------------------- */

gboolean
loket_store_load_report_input (LoketStore  *self,
                               GPtrArray  **cases,
                               GHashTable **outcomes,
                               GError     **error)
{
  g_autoptr (LoketCaseQuery) query = loket_case_query_new ();
  g_autoptr (SettingOp) op = NULL;
  g_autoptr (GPtrArray) list = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), FALSE);

  query->filter = LOKET_CASE_FILTER_ALL;
  query->sort = LOKET_CASE_SORT_RECEIVED_AT;
  list = loket_store_list_cases (self, query, 0, G_MAXUINT, error);
  if (list == NULL)
    return FALSE;
  op = setting_op_new (self, NULL, NULL);
  if (!run_sync (self, outcomes_on_thread, op, &result, error))
    return FALSE;
  *cases = g_steal_pointer (&list);
  *outcomes = result;
  return TRUE;
}

typedef struct
{
  GPtrArray  *cases;
  GHashTable *outcomes;
} ReportInput;

static void
report_input_free (ReportInput *input)
{
  g_clear_pointer (&input->cases, g_ptr_array_unref);
  g_clear_pointer (&input->outcomes, g_hash_table_unref);
  g_free (input);
}

static void
load_report_input_thread (GTask        *task,
                          gpointer      source,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  ReportInput *input = g_new0 (ReportInput, 1);
  GError      *error = NULL;

  if (!loket_store_load_report_input (source, &input->cases, &input->outcomes, &error))
    {
      report_input_free (input);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, input, (GDestroyNotify) report_input_free);
}

void
loket_store_load_report_input_async (LoketStore         *self,
                                     GCancellable       *cancellable,
                                     GAsyncReadyCallback callback,
                                     gpointer            user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, loket_store_load_report_input_async);
  g_task_run_in_thread (task, load_report_input_thread);
}

gboolean
loket_store_load_report_input_finish (LoketStore   *self,
                                      GAsyncResult *result,
                                      GPtrArray   **cases,
                                      GHashTable  **outcomes,
                                      GError      **error)
{
  ReportInput *input;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  input = g_task_propagate_pointer (G_TASK (result), error);
  if (input == NULL)
    return FALSE;
  *cases = g_steal_pointer (&input->cases);
  *outcomes = g_steal_pointer (&input->outcomes);
  report_input_free (input);
  return TRUE;
}

static gboolean
check_key (const char *key, GError **error)
{
  if (key == NULL || *key == '\0' || strlen (key) > SETTING_KEY_MAX
      || !g_utf8_validate (key, -1, NULL))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA, _ ("Invalid setting name"));
      return FALSE;
    }
  return TRUE;
}

char *
loket_store_get_setting (LoketStore *self, const char *key, GError **error)
{
  g_autoptr (SettingOp) op = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);

  if (!check_key (key, error))
    return NULL;
  op = setting_op_new (self, key, NULL);
  return run_sync (self, get_setting_on_thread, op, &result, error) ? result : NULL;
}

gboolean
loket_store_set_setting (LoketStore *self, const char *key, const char *value, GError **error)
{
  g_autoptr (SettingOp) op = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), FALSE);

  if (!check_key (key, error))
    return FALSE;
  if (value != NULL && (strlen (value) > SETTING_VALUE_MAX || !g_utf8_validate (value, -1, NULL)))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("The value of “%s” must be UTF-8 text of at most 1 MiB"), key);
      return FALSE;
    }
  op = setting_op_new (self, key, value);
  return run_sync (self, set_setting_on_thread, op, NULL, error);
}

GHashTable *
loket_store_get_settings (LoketStore *self, const char *prefix, GError **error)
{
  g_autoptr (SettingOp) op = NULL;
  gpointer result = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);

  op = setting_op_new (self, prefix != NULL ? prefix : "", NULL);
  return run_sync (self, get_settings_on_thread, op, &result, error) ? result : NULL;
}

gboolean
loket_store_snapshot (LoketStore *self, const char *dest, GError **error)
{
  g_autoptr (SettingOp) op = NULL;

  g_return_val_if_fail (LOKET_IS_STORE (self), FALSE);

  if (g_file_test (dest, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_CONFLICT, _ ("“%s” already exists"), dest);
      return FALSE;
    }
  op = setting_op_new (self, NULL, dest);
  return run_sync (self, snapshot_on_thread, op, NULL, error);
}

char *
loket_store_get_blob_dir (LoketStore *self)
{
  g_return_val_if_fail (LOKET_IS_STORE (self), NULL);

  return g_strdup (loket_blob_store_get_dir (self->blobs));
}
