// SPDX-License-Identifier: GPL-3.0-or-later
// The `dispositions` table: one row per recipient of each disposition, folded from the events by
// LoketDispositionLedger, refreshed per case on append and refilled on rebuild.
#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "loket-error.h"
#include "loket-event-store.h"
#include "loket-store-routing-private.h"

static const char *const routing_types[] = {
  LOKET_EVENT_DISPOSITION_SENT,     LOKET_EVENT_DISPOSITION_READ,
  LOKET_EVENT_DISPOSITION_REPORTED, LOKET_EVENT_DISPOSITION_WITHDRAWN,
  LOKET_EVENT_ESCALATION_RAISED,
};

gboolean
_loket_store_routing_is_routing_type (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (routing_types); i++)
    if (g_strcmp0 (type, routing_types[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Text json-glib writes unescaped: the instruction ids and SHA-256 sums these arrays hold. */
static gboolean
is_plain (const char *text)
{
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.' && *p != ':' && *p != ' ')
      return FALSE;
  return TRUE;
}

static char *
strv_to_json (const char *const *strv)
{
  g_autoptr (JsonNode) node = NULL;
  JsonArray *array;
  GString   *plain;

  if (strv == NULL)
    return NULL;
  /* The same bytes as json-glib's generator for plain strings, without building a tree:
   * rebuilding a million events writes one of these per disposition. */
  plain = g_string_new ("[");
  for (guint i = 0; strv[i] != NULL && plain != NULL; i++)
    {
      if (!is_plain (strv[i]))
        {
          g_string_free (g_steal_pointer (&plain), TRUE);
          break;
        }
      g_string_append_printf (plain, "%s\"%s\"", i > 0 ? "," : "", strv[i]);
    }
  if (plain != NULL)
    return g_string_free (g_string_append_c (plain, ']'), FALSE);

  array = json_array_new ();
  for (guint i = 0; strv[i] != NULL; i++)
    json_array_add_string_element (array, strv[i]);
  node = json_node_init_array (json_node_alloc (), array);
  json_array_unref (array);
  return json_to_string (node, FALSE);
}

static GStrv
json_to_strv (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  GStrvBuilder *builder;
  JsonNode     *root;
  GStrv         result;

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_ARRAY (root))
    return NULL;
  builder = g_strv_builder_new ();
  for (guint i = 0; i < json_array_get_length (json_node_get_array (root)); i++)
    {
      JsonNode *element = json_array_get_element (json_node_get_array (root), i);
      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_strv_builder_add (builder, json_node_get_string (element));
    }
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}

LoketDisposition *
_loket_store_disposition_from_row (LoketDbStatement *stmt)
{
  LoketDisposition *d = g_new0 (LoketDisposition, 1);
  gint64            state = loket_db_statement_get_int64 (stmt, 20);

  d->id = g_strdup (loket_db_statement_get_text (stmt, 0));
  d->position_id = g_strdup (loket_db_statement_get_text (stmt, 1));
  d->case_uuid = g_strdup (loket_db_statement_get_text (stmt, 2));
  d->parent_id = g_strdup (loket_db_statement_get_text (stmt, 3));
  d->from_position = g_strdup (loket_db_statement_get_text (stmt, 4));
  if (d->from_position != NULL && *d->from_position == '\0')
    g_clear_pointer (&d->from_position, g_free);
  d->from_person = g_strdup (loket_db_statement_get_text (stmt, 5));
  d->instructions = json_to_strv (loket_db_statement_get_text (stmt, 6));
  d->note = g_strdup (loket_db_statement_get_text (stmt, 7));
  d->sent_hlc = g_strdup (loket_db_statement_get_text (stmt, 8));
  d->sent_at = loket_db_statement_get_int64 (stmt, 9);
  d->due_at = loket_db_statement_get_int64 (stmt, 10);
  d->read_at = loket_db_statement_get_int64 (stmt, 11);
  d->forwarded_at = loket_db_statement_get_int64 (stmt, 12);
  d->reported_at = loket_db_statement_get_int64 (stmt, 13);
  d->withdrawn_at = loket_db_statement_get_int64 (stmt, 14);
  d->escalated_at = loket_db_statement_get_int64 (stmt, 15);
  d->escalated_to = g_strdup (loket_db_statement_get_text (stmt, 16));
  d->report_note = g_strdup (loket_db_statement_get_text (stmt, 17));
  d->report_blobs = json_to_strv (loket_db_statement_get_text (stmt, 18));
  d->reported_by = g_strdup (loket_db_statement_get_text (stmt, 19));
  d->state = state >= 0 && state <= LOKET_DISPOSITION_WITHDRAWN ? (LoketDispositionState) state
                                                                : LOKET_DISPOSITION_UNREAD;
  return d;
}

static int
compare_rows (gconstpointer a, gconstpointer b)
{
  const LoketDbRow *x = *(const LoketDbRow *const *) a;
  const LoketDbRow *y = *(const LoketDbRow *const *) b;
  int               cmp = strcmp (x->values[0].text, y->values[0].text);

  return cmp != 0 ? cmp : strcmp (x->values[1].text, y->values[1].text);
}

GPtrArray *
_loket_store_routing_ledger_rows (LoketDispositionLedger *ledger)
{
  GPtrArray *items = loket_disposition_ledger_get_dispositions (ledger);
  GPtrArray *rows = g_ptr_array_new_full (items->len, (GDestroyNotify) loket_db_row_free);

  for (guint i = 0; i < items->len; i++)
    {
      const LoketDisposition *d = g_ptr_array_index (items, i);
      LoketDbRow             *row = loket_db_row_new (22);
      char                   *instructions = strv_to_json ((const char *const *) d->instructions);

      loket_db_row_set_text (row, 0, d->id);
      loket_db_row_set_text (row, 1, d->position_id);
      loket_db_row_set_text (row, 2, d->case_uuid);
      loket_db_row_set_text (row, 3, d->parent_id);
      loket_db_row_set_text (row, 4, d->from_position != NULL ? d->from_position : "");
      loket_db_row_set_text (row, 5, d->from_person);
      if (instructions != NULL)
        loket_db_row_take_text (row, 6, instructions);
      else
        loket_db_row_set_text (row, 6, "[]");
      loket_db_row_set_text (row, 7, d->note);
      loket_db_row_set_text (row, 8, d->sent_hlc);
      loket_db_row_set_int64 (row, 9, d->sent_at);
      loket_db_row_set_int64 (row, 10, d->due_at);
      loket_db_row_set_int64 (row, 11, d->read_at);
      loket_db_row_set_int64 (row, 12, d->forwarded_at);
      loket_db_row_set_int64 (row, 13, d->reported_at);
      loket_db_row_set_int64 (row, 14, d->withdrawn_at);
      loket_db_row_set_int64 (row, 15, d->escalated_at);
      loket_db_row_set_text (row, 16, d->escalated_to);
      loket_db_row_set_text (row, 17, d->report_note);
      loket_db_row_take_text (row, 18, strv_to_json ((const char *const *) d->report_blobs));
      loket_db_row_set_text (row, 19, d->reported_by);
      loket_db_row_set_int64 (row, 20, d->state);
      loket_db_row_set_int64 (row, 21, loket_disposition_is_open (d));
      g_ptr_array_add (rows, row);
    }
  /* In key order, as "ORDER BY id, position_id" lists them. */
  g_ptr_array_sort (rows, compare_rows);
  return rows;
}

gboolean
_loket_store_routing_insert_rows (LoketDb *db, GPtrArray *rows, GError **error)
{
  g_autoptr (LoketDbStatement) stmt = NULL;

  if (rows->len == 0)
    return TRUE;
  stmt = loket_db_prepare (
    db,
    "INSERT OR REPLACE INTO dispositions (" LOKET_DISPOSITION_COLUMNS ", is_open) VALUES "
    "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, "
    "?20, ?21, ?22)",
    error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      loket_db_statement_bind_row (stmt, g_ptr_array_index (rows, i));
      if (!loket_db_statement_run (stmt, error))
        return FALSE;
      sqlite3_reset (stmt->stmt);
    }
  return TRUE;
}

gboolean
_loket_store_routing_replace_rows (LoketDb *db, const char *case_uuid, GPtrArray *rows,
                                   GError **error)
{
  g_autoptr (LoketDbStatement) stmt = NULL;

  stmt = loket_db_prepare (db, "DELETE FROM dispositions WHERE case_uuid = ?", error);
  if (stmt == NULL)
    return FALSE;
  loket_db_statement_bind_text (stmt, 1, case_uuid);
  return loket_db_statement_run (stmt, error) && _loket_store_routing_insert_rows (db, rows, error);
}

gboolean
_loket_store_routing_insert_ledger (LoketDb *db, LoketDispositionLedger *ledger, GError **error)
{
  g_autoptr (GPtrArray) rows = _loket_store_routing_ledger_rows (ledger);

  return _loket_store_routing_insert_rows (db, rows, error);
}

gboolean
_loket_store_routing_refresh_case (LoketDb *db, const char *case_uuid, GError **error)
{
  g_autoptr (GPtrArray) events = loket_event_store_get_case_events (db, case_uuid, error);
  g_autoptr (LoketDispositionLedger) ledger = NULL;
  g_autoptr (LoketDbStatement) stmt = NULL;

  if (events == NULL)
    return FALSE;
  ledger = loket_disposition_ledger_new_from_events (case_uuid, events, error);
  if (ledger == NULL)
    return FALSE;
  stmt = loket_db_prepare (db, "DELETE FROM dispositions WHERE case_uuid = ?", error);
  if (stmt == NULL)
    return FALSE;
  loket_db_statement_bind_text (stmt, 1, case_uuid);
  return loket_db_statement_run (stmt, error) && _loket_store_routing_insert_ledger (db, ledger, error);
}

static gboolean
flush_case (LoketDb *db, GPtrArray *events, GError **error)
{
  g_autoptr (LoketDispositionLedger) ledger = NULL;
  const char *case_uuid;

  if (events->len == 0)
    return TRUE;
  case_uuid = loket_event_get_case_uuid (g_ptr_array_index (events, 0));
  ledger = loket_disposition_ledger_new_from_events (case_uuid, events, error);
  if (ledger == NULL)
    {
      g_prefix_error (error, "case %s: ", case_uuid);
      return FALSE;
    }
  g_ptr_array_set_size (events, 0);
  return _loket_store_routing_insert_ledger (db, ledger, error);
}

gboolean
_loket_store_routing_rebuild (LoketDb *db, GError **error)
{
  g_autoptr (LoketDbStatement) stmt = NULL;
  g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  gboolean have_row;

  if (!loket_db_exec (db, "DELETE FROM dispositions", error))
    return FALSE;
  stmt = loket_db_prepare (db,
                           "SELECT uuid, case_uuid, type, author, device, hlc, body FROM events "
                           "WHERE type IN ('disposition.sent', 'disposition.read', "
                           "'disposition.reported', 'disposition.withdrawn', 'escalation.raised') "
                           "ORDER BY case_uuid, hlc, uuid",
                           error);
  if (stmt == NULL)
    return FALSE;
  for (;;)
    {
      LoketEvent *event;

      if (!loket_db_statement_step (stmt, &have_row, error))
        return FALSE;
      if (!have_row)
        break;
      event = loket_event_store_event_from_row (stmt);
      if (events->len > 0
          && strcmp (loket_event_get_case_uuid (event),
                     loket_event_get_case_uuid (g_ptr_array_index (events, 0)))
               != 0
          && !flush_case (db, events, error))
        {
          g_object_unref (event);
          return FALSE;
        }
      g_ptr_array_add (events, event);
    }
  return flush_case (db, events, error);
}

gboolean
_loket_store_routing_upgrade (LoketDb *db, GError **error)
{
  g_autoptr (LoketDbStatement) stmt
    = loket_db_prepare (db, "SELECT 1 FROM settings WHERE key = 'dispositions_folded'", error);
  g_autoptr (LoketDbStatement) mark = NULL;
  gboolean have_row;

  if (stmt == NULL || !loket_db_statement_step (stmt, &have_row, error))
    return FALSE;
  if (have_row)
    return TRUE;
  g_clear_pointer (&stmt, loket_db_statement_release);

  /* A database made before schema 5 has disposition events but no rows yet: fold them once. */
  if (!loket_db_begin (db, error))
    return FALSE;
  mark = loket_db_prepare (db,
                           "INSERT OR REPLACE INTO settings (key, value) "
                           "VALUES ('dispositions_folded', '1')",
                           error);
  if (mark == NULL || !_loket_store_routing_rebuild (db, error)
      || !loket_db_statement_run (mark, error) || !loket_db_commit (db, error))
    {
      g_clear_pointer (&mark, loket_db_statement_release);
      loket_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

/* The rows of @case_uuid equal @ledger's dispositions (state and times)? */
static gboolean
rows_match (LoketDb *db, LoketDispositionLedger *ledger, const char *case_uuid, gboolean *match,
            GError **error)
{
  GPtrArray *items = loket_disposition_ledger_get_dispositions (ledger);
  g_autoptr (LoketDbStatement) stmt
    = loket_db_prepare (db,
                        "SELECT " LOKET_DISPOSITION_COLUMNS " FROM dispositions "
                        "WHERE case_uuid = ? ORDER BY id, position_id",
                        error);
  g_autoptr (GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint    n_rows = 0;
  gboolean have_row;

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      LoketDisposition *d = g_ptr_array_index (items, i);
      g_hash_table_insert (expected, g_strconcat (d->id, "\x1f", d->position_id, NULL), d);
    }
  *match = TRUE;
  loket_db_statement_bind_text (stmt, 1, case_uuid);
  for (;;)
    {
      g_autoptr (LoketDisposition) row = NULL;
      g_autofree char *key = NULL;
      LoketDisposition *d;

      if (!loket_db_statement_step (stmt, &have_row, error))
        return FALSE;
      if (!have_row)
        break;
      n_rows++;
      row = _loket_store_disposition_from_row (stmt);
      key = g_strconcat (row->id, "\x1f", row->position_id, NULL);
      d = g_hash_table_lookup (expected, key);
      if (d == NULL || d->state != row->state || d->sent_at != row->sent_at
          || d->due_at != row->due_at || d->read_at != row->read_at
          || d->reported_at != row->reported_at || d->withdrawn_at != row->withdrawn_at
          || d->escalated_at != row->escalated_at
          || g_strcmp0 (d->from_position, row->from_position) != 0)
        *match = FALSE;
    }
  if (n_rows != items->len)
    *match = FALSE;
  return TRUE;
}

gboolean
_loket_store_routing_check (LoketDb *db, GPtrArray *problems, GError **error)
{
  g_autoptr (LoketDbStatement) stmt = NULL;
  g_autoptr (GPtrArray) events = g_ptr_array_new_with_free_func (g_object_unref);
  gint64 n_rows = 0, n_expected = 0;
  gboolean have_row;

  stmt = loket_db_prepare (db,
                           "SELECT uuid, case_uuid, type, author, device, hlc, body FROM events "
                           "WHERE type IN ('disposition.sent', 'disposition.read', "
                           "'disposition.reported', 'disposition.withdrawn', 'escalation.raised') "
                           "ORDER BY case_uuid, hlc, uuid",
                           error);
  if (stmt == NULL)
    return FALSE;
  for (;;)
    {
      LoketEvent *event = NULL;
      gboolean    flush;

      if (!loket_db_statement_step (stmt, &have_row, error))
        return FALSE;
      if (have_row)
        event = loket_event_store_event_from_row (stmt);
      flush = events->len > 0
              && (event == NULL
                  || strcmp (loket_event_get_case_uuid (event),
                             loket_event_get_case_uuid (g_ptr_array_index (events, 0))) != 0);
      if (flush)
        {
          const char *case_uuid = loket_event_get_case_uuid (g_ptr_array_index (events, 0));
          g_autoptr (GError) fold_error = NULL;
          g_autoptr (LoketDispositionLedger) ledger
            = loket_disposition_ledger_new_from_events (case_uuid, events, &fold_error);
          gboolean match = FALSE;

          if (ledger == NULL)
            g_ptr_array_add (problems, g_strdup_printf (_ ("case %s: %s"), case_uuid,
                                                        fold_error->message));
          else if (!rows_match (db, ledger, case_uuid, &match, error))
            {
              g_clear_object (&event);
              return FALSE;
            }
          else
            {
              n_expected += loket_disposition_ledger_get_dispositions (ledger)->len;
              if (!match)
                g_ptr_array_add (problems,
                                 g_strdup_printf (_ ("case %s: the dispositions table does not "
                                                     "match the events (run “loket-cli rebuild”)"),
                                                  case_uuid));
            }
          g_ptr_array_set_size (events, 0);
        }
      if (event == NULL)
        break;
      g_ptr_array_add (events, event);
    }
  g_clear_pointer (&stmt, loket_db_statement_release);
  if (!loket_db_query_int64 (db, "SELECT count(*) FROM dispositions", &n_rows, error))
    return FALSE;
  if (n_rows != n_expected)
    g_ptr_array_add (problems,
                     g_strdup_printf (_ ("the dispositions table has %lld rows, the events give "
                                         "%lld (run “loket-cli rebuild”)"),
                                      (long long) n_rows, (long long) n_expected));
  return TRUE;
}
