// SPDX-License-Identifier: GPL-3.0-or-later
// The `cases` table: one row per case (LoketCase plus sort keys), queries for the inboxes.
#include "config.h"

#include "loket-projection-store.h"

#include <string.h>

#include "loket-search-index.h"

/* The LoketCase fields, in the order case_from_row() reads them. */
#define CASE_COLUMNS                                                                               \
  "uuid, agency_id, service_id, unit_id, channel, agenda_number, subject, applicant_name, "        \
  "applicant_nik, holder, status_rank, status, received_at, complete_at, due_at, closed_at, "      \
  "event_count, last_hlc, pauses"

#define INSERT_COLUMNS LOKET_PROJECTION_CASE_ROW_COLUMNS

#define INSERT_CASE                                                                                \
  "INSERT INTO cases (" INSERT_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, "       \
  "?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)"

#define SORT_KEY_DIGITS 12

char *
loket_projection_store_sort_key (const char *text)
{
  g_autofree char *normalized = NULL;
  g_autofree char *folded = NULL;
  GString         *key;
  const char      *p;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return g_strdup ("");
  for (p = text; *p != '\0' && (guchar) *p < 0x80; p++)
    ;
  /* ASCII is its own NFKD form and folds to lower case: most names and numbers. */
  if (*p == '\0')
    folded = g_ascii_strdown (text, -1);
  else
    {
      normalized = g_utf8_normalize (text, -1, G_NORMALIZE_ALL);
      folded = g_utf8_casefold (normalized, -1);
    }
  key = g_string_sized_new (strlen (folded) + 16);

  for (p = folded; *p != '\0';)
    {
      if (g_ascii_isdigit (*p))
        {
          const char *start;
          gsize       len;

          while (*p == '0' && g_ascii_isdigit (p[1]))
            p++;
          start = p;
          while (g_ascii_isdigit (*p))
            p++;
          len = p - start;
          for (gsize i = len; i < SORT_KEY_DIGITS; i++)
            g_string_append_c (key, '0');
          g_string_append_len (key, start, len);
        }
      else
        g_string_append_c (key, *p++);
    }
  return g_string_free (key, FALSE);
}

static char *
format_pauses (LoketCase *kase)
{
  GArray  *pauses = loket_case_get_pauses (kase);
  GString *text = g_string_new (NULL);

  for (guint i = 0; pauses != NULL && i < pauses->len; i++)
    {
      const LoketPause *pause = &g_array_index (pauses, LoketPause, i);
      g_string_append_printf (text, "%s%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, i > 0 ? "," : "",
                              pause->start, pause->end);
    }
  return g_string_free (text, FALSE);
}

static void
parse_pauses (LoketCase *kase, const char *text)
{
  g_auto (GStrv) items = NULL;

  if (text == NULL || *text == '\0')
    return;
  items = g_strsplit (text, ",", -1);
  for (guint i = 0; items[i] != NULL; i++)
    {
      char  *end = NULL;
      gint64 start = g_ascii_strtoll (items[i], &end, 10);
      gint64 stop = 0;

      if (end != NULL && *end == ':')
        stop = g_ascii_strtoll (end + 1, NULL, 10);
      loket_case_add_pause (kase, start, stop);
    }
}

LoketDbRow *
loket_projection_store_case_row (LoketCase *kase, const char *service_name)
{
  LoketDbRow     *row = loket_db_row_new (25);
  LoketCaseStatus status = loket_case_get_status (kase);
  gint64          due_at = loket_case_get_due_at (kase);

  loket_db_row_set_text (row, 0, loket_case_get_uuid (kase));
  loket_db_row_set_text (row, 1, loket_case_get_agency_id (kase));
  loket_db_row_set_text (row, 2, loket_case_get_service_id (kase));
  loket_db_row_set_text (row, 3, loket_case_get_unit_id (kase));
  loket_db_row_set_text (row, 4, loket_case_get_channel (kase));
  loket_db_row_set_text (row, 5, loket_case_get_agenda_number (kase));
  loket_db_row_set_text (row, 6, loket_case_get_subject (kase));
  loket_db_row_set_text (row, 7, loket_case_get_applicant_name (kase));
  loket_db_row_set_text (row, 8, loket_case_get_applicant_nik (kase));
  loket_db_row_set_text (row, 9, loket_case_get_holder (kase));
  loket_db_row_set_int64 (row, 10, status);
  loket_db_row_set_text (row, 11, loket_case_status_to_string (status));
  loket_db_row_set_int64 (row, 12, loket_case_get_received_at (kase));
  loket_db_row_set_int64 (row, 13, loket_case_get_complete_at (kase));
  loket_db_row_set_int64 (row, 14, due_at);
  loket_db_row_set_int64 (row, 15, loket_case_get_closed_at (kase));
  loket_db_row_set_int64 (row, 16, loket_case_get_event_count (kase));
  loket_db_row_set_text (row, 17, loket_case_get_last_hlc (kase));
  loket_db_row_take_text (row, 18, format_pauses (kase));
  loket_db_row_set_text (row, 19, service_name);
  loket_db_row_set_int64 (row, 20, status != LOKET_CASE_STATUS_CLOSED);
  loket_db_row_take_text (row, 21,
                          loket_projection_store_sort_key (loket_case_get_agenda_number (kase)));
  loket_db_row_take_text (row, 22,
                          loket_projection_store_sort_key (loket_case_get_applicant_name (kase)));
  loket_db_row_take_text (row, 23,
                          loket_projection_store_sort_key (
                            service_name != NULL ? service_name : loket_case_get_service_id (kase)));
  loket_db_row_set_int64 (row, 24, due_at == 0 ? G_MAXINT64 : due_at);
  return row;
}

gboolean
loket_projection_store_upsert_row (LoketDb *db, const LoketDbRow *row, GError **error)
{
  g_autoptr (LoketDbStatement) stmt = NULL;

  /* Triggers (0003-fast-inboxes.sql) keep the search index and the inbox counters. */
  stmt = loket_db_prepare (db,
                           INSERT_CASE
                           " ON CONFLICT (uuid) DO UPDATE SET "
                           "agency_id = excluded.agency_id, service_id = excluded.service_id, "
                           "unit_id = excluded.unit_id, channel = excluded.channel, "
                           "agenda_number = excluded.agenda_number, subject = excluded.subject, "
                           "applicant_name = excluded.applicant_name, "
                           "applicant_nik = excluded.applicant_nik, holder = excluded.holder, "
                           "status_rank = excluded.status_rank, status = excluded.status, "
                           "received_at = excluded.received_at, "
                           "complete_at = excluded.complete_at, due_at = excluded.due_at, "
                           "closed_at = excluded.closed_at, event_count = excluded.event_count, "
                           "last_hlc = excluded.last_hlc, pauses = excluded.pauses, "
                           "service_name = excluded.service_name, is_open = excluded.is_open, "
                           "agenda_sort = excluded.agenda_sort, "
                           "applicant_sort = excluded.applicant_sort, "
                           "service_sort = excluded.service_sort, due_sort = excluded.due_sort",
                           error);
  if (stmt == NULL)
    return FALSE;
  loket_db_statement_bind_row (stmt, row);
  return loket_db_statement_run (stmt, error);
}

gboolean
loket_projection_store_save (LoketDb *db, LoketCase *kase, const char *service_name, GError **error)
{
  g_autoptr (LoketDbRow) row = loket_projection_store_case_row (kase, service_name);

  return loket_projection_store_upsert_row (db, row, error);
}

gboolean
loket_projection_store_insert_bulk (LoketDb    *db,
                                    LoketCase  *kase,
                                    const char *service_name,
                                    GError    **error)
{
  g_autoptr (LoketDbRow) row = loket_projection_store_case_row (kase, service_name);

  return loket_projection_store_insert_row (db, row, error);
}

gboolean
loket_projection_store_insert_row (LoketDb *db, const LoketDbRow *row, GError **error)
{
  g_autoptr (LoketDbStatement) stmt = loket_db_prepare (db, INSERT_CASE, error);

  if (stmt == NULL)
    return FALSE;
  loket_db_statement_bind_row (stmt, row);
  return loket_db_statement_run (stmt, error);
}

static LoketCase *
case_from_row (LoketDbStatement *stmt)
{
  LoketCase      *kase = loket_case_new (loket_db_statement_get_text (stmt, 0));
  gint64          rank = loket_db_statement_get_int64 (stmt, 10);
  LoketCaseStatus status = LOKET_CASE_STATUS_REGISTERED;

  loket_case_set_agency_id (kase, loket_db_statement_get_text (stmt, 1));
  loket_case_set_service_id (kase, loket_db_statement_get_text (stmt, 2));
  loket_case_set_unit_id (kase, loket_db_statement_get_text (stmt, 3));
  loket_case_set_channel (kase, loket_db_statement_get_text (stmt, 4));
  loket_case_set_agenda_number (kase, loket_db_statement_get_text (stmt, 5));
  loket_case_set_subject (kase, loket_db_statement_get_text (stmt, 6));
  loket_case_set_applicant_name (kase, loket_db_statement_get_text (stmt, 7));
  loket_case_set_applicant_nik (kase, loket_db_statement_get_text (stmt, 8));
  loket_case_set_holder (kase, loket_db_statement_get_text (stmt, 9));
  if (rank >= 0 && rank <= LOKET_CASE_STATUS_LAST)
    status = (LoketCaseStatus) rank;
  else
    loket_case_status_from_string (loket_db_statement_get_text (stmt, 11), &status);
  loket_case_set_status (kase, status);
  loket_case_set_received_at (kase, loket_db_statement_get_int64 (stmt, 12));
  loket_case_set_complete_at (kase, loket_db_statement_get_int64 (stmt, 13));
  loket_case_set_due_at (kase, loket_db_statement_get_int64 (stmt, 14));
  loket_case_set_closed_at (kase, loket_db_statement_get_int64 (stmt, 15));
  loket_case_set_event_count (kase, (guint) loket_db_statement_get_int64 (stmt, 16));
  loket_case_set_last_hlc (kase, loket_db_statement_get_text (stmt, 17));
  parse_pauses (kase, loket_db_statement_get_text (stmt, 18));
  return kase;
}

LoketCase *
loket_projection_store_load (LoketDb *db, const char *case_uuid, GError **error)
{
  g_autoptr (LoketDbStatement) stmt = NULL;
  gboolean have_row;

  stmt = loket_db_prepare (db, "SELECT " CASE_COLUMNS " FROM cases WHERE uuid = ?", error);
  if (stmt == NULL)
    return NULL;
  loket_db_statement_bind_text (stmt, 1, case_uuid);
  if (!loket_db_statement_step (stmt, &have_row, error) || !have_row)
    return NULL;
  return case_from_row (stmt);
}

GPtrArray *
loket_projection_store_suspend_indexes (LoketDb *db, GError **error)
{
  g_autoptr (GPtrArray) sql = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (LoketDbStatement) stmt = NULL;
  gboolean have_row, ok;

  stmt
    = loket_db_prepare (db,
                        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('index', "
                        "'trigger') AND tbl_name IN ('cases', 'dispositions') AND sql IS NOT NULL "
                        "ORDER BY type, name",
                        error);
  if (stmt == NULL)
    return NULL;
  while ((ok = loket_db_statement_step (stmt, &have_row, error)) && have_row)
    {
      g_ptr_array_add (
        names, g_strdup_printf (
                 "DROP %s \"%s\"",
                 g_str_equal (loket_db_statement_get_text (stmt, 0), "index") ? "INDEX" : "TRIGGER",
                 loket_db_statement_get_text (stmt, 1)));
      g_ptr_array_add (sql, g_strdup (loket_db_statement_get_text (stmt, 2)));
    }
  if (!ok)
    return NULL;
  g_clear_pointer (&stmt, loket_db_statement_release);
  loket_db_clear_cache (db);

  /* The names come from our own schema, not from users. */
  for (guint i = 0; i < names->len; i++)
    if (!loket_db_exec (db, names->pdata[i], error))
      return NULL;
  return g_steal_pointer (&sql);
}

gboolean
loket_projection_store_resume_indexes (LoketDb *db, GPtrArray *index_sql, GError **error)
{
  for (guint i = 0; i < index_sql->len; i++)
    if (!loket_db_exec (db, index_sql->pdata[i], error))
      return FALSE;
  loket_db_clear_cache (db);
  /* What the triggers would have counted, in one pass. */
  return loket_db_exec (db,
                        "DELETE FROM case_counts;"
                        "INSERT INTO case_counts (unit_id, status_rank, n) SELECT "
                        "coalesce(unit_id, ''), status_rank, count(*) FROM cases GROUP BY 1, 2;",
                        error);
}

/* Query building: the SQL text only ever contains our own fragments; values are bound. */

static void
add_condition (GString *where, const char *condition)
{
  g_string_append (where, where->len == 0 ? " WHERE " : " AND ");
  g_string_append (where, condition);
}

/* With @for_list, the filter columns are prefixed with '+' so that SQLite cannot use their
 * indexes: it then walks the sort column's index (which carries the filter columns) in order
 * and stops after one page, instead of sorting every selected row. */
static void
build_where (const LoketCaseQuery *query,
             gboolean              for_list,
             gboolean              search_in_order,
             GString              *where,
             char                **match)
{
  *match = NULL;

  switch (query->filter)
    {
      case LOKET_CASE_FILTER_NEEDS_ACTION:
        {
          g_autofree char *cond = g_strdup_printf (
            "status_rank NOT IN (%d, %d)", LOKET_CASE_STATUS_CLOSED, LOKET_CASE_STATUS_INCOMPLETE);
          add_condition (where, cond);
        }
        break;
      case LOKET_CASE_FILTER_OVERDUE:
        add_condition (where, for_list ? "+is_open = 1 AND +due_at > 0 AND +due_at < :now"
                                       : "is_open = 1 AND due_at > 0 AND due_at < :now");
        break;
      case LOKET_CASE_FILTER_UNIT:
        add_condition (where, for_list ? "+unit_id = :unit" : "unit_id = :unit");
        break;
      case LOKET_CASE_FILTER_ALL:
      default:
        break;
    }
  if (query->agency_id != NULL)
    add_condition (where, for_list ? "+agency_id = :agency" : "agency_id = :agency");
  *match = loket_search_index_make_query (query->search);
  if (*match != NULL)
    add_condition (where,
                   search_in_order
                     ? "+id IN (SELECT rowid FROM case_search WHERE case_search MATCH :match)"
                     : "id IN (SELECT rowid FROM case_search WHERE case_search MATCH :match)");
}

static void
bind_named (LoketDbStatement *stmt, const LoketCaseQuery *query, const char *match)
{
  int    index;
  gint64 now = query->now != 0 ? query->now : g_get_real_time () / G_USEC_PER_SEC;

  if ((index = sqlite3_bind_parameter_index (stmt->stmt, ":now")) > 0)
    loket_db_statement_bind_int64 (stmt, index, now);
  if ((index = sqlite3_bind_parameter_index (stmt->stmt, ":unit")) > 0)
    loket_db_statement_bind_text (stmt, index, query->unit_id != NULL ? query->unit_id : "");
  if ((index = sqlite3_bind_parameter_index (stmt->stmt, ":agency")) > 0)
    loket_db_statement_bind_text (stmt, index, query->agency_id);
  if ((index = sqlite3_bind_parameter_index (stmt->stmt, ":match")) > 0)
    loket_db_statement_bind_text (stmt, index, match);
}

gboolean
loket_projection_store_count (LoketDb              *db,
                              const LoketCaseQuery *query,
                              guint                *count,
                              GError              **error)
{
  g_autoptr (GString) sql = g_string_new ("SELECT count(*) FROM cases");
  g_autoptr (GString) where = g_string_new (NULL);
  g_autoptr (LoketDbStatement) stmt = NULL;
  g_autofree char *match = NULL;
  gboolean         have_row;

  build_where (query, FALSE, FALSE, where, &match);
  g_string_append (sql, where->str);

  /* Shortcuts that need no scan: the per-unit/status counters, or the search index alone. */
  if (query->agency_id == NULL && match == NULL)
    {
      g_autofree char *needs_action
        = g_strdup_printf ("SELECT coalesce(sum(n), 0) FROM case_counts "
                           "WHERE status_rank NOT IN (%d, %d)",
                           LOKET_CASE_STATUS_CLOSED, LOKET_CASE_STATUS_INCOMPLETE);
      if (query->filter == LOKET_CASE_FILTER_ALL)
        g_string_assign (sql, "SELECT coalesce(sum(n), 0) FROM case_counts");
      else if (query->filter == LOKET_CASE_FILTER_UNIT)
        g_string_assign (sql, "SELECT coalesce(sum(n), 0) FROM case_counts WHERE unit_id = :unit");
      else if (query->filter == LOKET_CASE_FILTER_NEEDS_ACTION)
        g_string_assign (sql, needs_action);
    }
  else if (query->agency_id == NULL && query->filter == LOKET_CASE_FILTER_ALL)
    g_string_assign (sql, "SELECT count(*) FROM case_search WHERE case_search MATCH :match");

  stmt = loket_db_prepare (db, sql->str, error);
  if (stmt == NULL)
    return FALSE;
  bind_named (stmt, query, match);
  if (!loket_db_statement_step (stmt, &have_row, error))
    return FALSE;
  *count = have_row ? (guint) loket_db_statement_get_int64 (stmt, 0) : 0;
  return TRUE;
}

static const char *
sort_column (LoketCaseSort sort)
{
  switch (sort)
    {
      case LOKET_CASE_SORT_RECEIVED_AT:
        return "received_at";
      case LOKET_CASE_SORT_APPLICANT:
        return "applicant_sort";
      case LOKET_CASE_SORT_SERVICE:
        return "service_sort";
      case LOKET_CASE_SORT_STATUS:
        return "status_rank";
      case LOKET_CASE_SORT_DUE_AT:
        return "due_sort";
      case LOKET_CASE_SORT_AGENDA_NUMBER:
      default:
        return "agenda_sort";
    }
}

/* Reading one row by id costs about this many steps along an index. */
#define ROW_FETCH_COST 8

static gboolean
count_search_hits (LoketDb *db, const char *match, gint64 *n_hits, GError **error)
{
  g_autoptr (LoketDbStatement) stmt = NULL;
  gboolean have_row;

  stmt = loket_db_prepare (db, "SELECT count(*) FROM case_search WHERE case_search MATCH ?", error);
  if (stmt == NULL)
    return FALSE;
  loket_db_statement_bind_text (stmt, 1, match);
  if (!loket_db_statement_step (stmt, &have_row, error))
    return FALSE;
  *n_hits = have_row ? loket_db_statement_get_int64 (stmt, 0) : 0;
  return TRUE;
}

GPtrArray *
loket_projection_store_list (LoketDb              *db,
                             const LoketCaseQuery *query,
                             guint                 offset,
                             guint                 limit,
                             GError              **error)
{
  g_autoptr (GString) sql = g_string_new ("SELECT " CASE_COLUMNS " FROM cases");
  g_autoptr (GString) where = g_string_new (NULL);
  g_autoptr (LoketDbStatement) stmt = NULL;
  g_autoptr (GPtrArray) cases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autofree char *match = NULL;
  const char      *direction = query->descending ? "DESC" : "ASC";
  gboolean         have_row;
  gint64           n_hits = 0, n_cases = 0;
  gboolean         in_order = FALSE;

  /* A search with many hits: walk the sort index and test membership, which stops after one
   * page; with few hits, fetch them all by id and sort them. */
  match = loket_search_index_make_query (query->search);
  if (match != NULL
      && (!count_search_hits (db, match, &n_hits, error)
          || !loket_db_query_int64 (db, "SELECT coalesce(sum(n), 0) FROM case_counts", &n_cases,
                                    error)))
    return NULL;
  /* Walking in order reads about (offset + limit) × cases / hits index entries; fetching and
   * sorting reads every hit. */
  in_order = n_hits > 0 && ((gint64) offset + limit) * n_cases / n_hits < n_hits * ROW_FETCH_COST;
  g_clear_pointer (&match, g_free);
  build_where (query, TRUE, in_order, where, &match);
  g_string_append (sql, where->str);
  g_string_append_printf (sql, " ORDER BY %s %s, uuid %s LIMIT :limit OFFSET :offset",
                          sort_column (query->sort), direction, direction);
  stmt = loket_db_prepare (db, sql->str, error);
  if (stmt == NULL)
    return NULL;
  bind_named (stmt, query, match);
  loket_db_statement_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt->stmt, ":limit"), limit);
  loket_db_statement_bind_int64 (stmt, sqlite3_bind_parameter_index (stmt->stmt, ":offset"),
                                 offset);

  for (;;)
    {
      if (!loket_db_statement_step (stmt, &have_row, error))
        return NULL;
      if (!have_row)
        break;
      g_ptr_array_add (cases, case_from_row (stmt));
    }
  return g_steal_pointer (&cases);
}

void
loket_inbox_count_free (LoketInboxCount *count)
{
  if (count == NULL)
    return;
  g_free (count->key);
  g_free (count);
}

static void
add_count (GPtrArray *counts, const char *key, gint64 count)
{
  LoketInboxCount *item = g_new0 (LoketInboxCount, 1);

  item->key = g_strdup (key);
  item->count = (guint) count;
  g_ptr_array_add (counts, item);
}

GPtrArray *
loket_projection_store_count_inboxes (LoketDb *db, gint64 now, GError **error)
{
  g_autoptr (GPtrArray) counts
    = g_ptr_array_new_with_free_func ((GDestroyNotify) loket_inbox_count_free);
  g_autoptr (LoketDbStatement) by_status = NULL;
  g_autoptr (LoketDbStatement) overdue = NULL;
  g_autoptr (LoketDbStatement) by_unit = NULL;
  gint64   total = 0, needs_action = 0;
  gboolean have_row, ok;

  if (now == 0)
    now = g_get_real_time () / G_USEC_PER_SEC;

  /* The counters kept by triggers (0003-fast-inboxes.sql), and one index range for "overdue". */
  by_status = loket_db_prepare (
    db, "SELECT status_rank, sum(n) FROM case_counts GROUP BY status_rank", error);
  if (by_status == NULL)
    return NULL;
  while ((ok = loket_db_statement_step (by_status, &have_row, error)) && have_row)
    {
      gint64 rank = loket_db_statement_get_int64 (by_status, 0);
      gint64 n = loket_db_statement_get_int64 (by_status, 1);

      total += n;
      if (rank != LOKET_CASE_STATUS_CLOSED && rank != LOKET_CASE_STATUS_INCOMPLETE)
        needs_action += n;
    }
  if (!ok)
    return NULL;
  add_count (counts, "all", total);
  add_count (counts, "needs_action", needs_action);

  overdue = loket_db_prepare (db,
                              "SELECT count(*) FROM cases WHERE is_open = 1 AND due_at > 0 "
                              "AND due_at < ?",
                              error);
  if (overdue == NULL)
    return NULL;
  loket_db_statement_bind_int64 (overdue, 1, now);
  if (!loket_db_statement_step (overdue, &have_row, error))
    return NULL;
  add_count (counts, "overdue", have_row ? loket_db_statement_get_int64 (overdue, 0) : 0);

  by_unit = loket_db_prepare (db,
                              "SELECT unit_id, sum(n) FROM case_counts WHERE unit_id <> '' "
                              "GROUP BY unit_id HAVING sum(n) > 0 ORDER BY unit_id",
                              error);
  if (by_unit == NULL)
    return NULL;
  while ((ok = loket_db_statement_step (by_unit, &have_row, error)) && have_row)
    {
      g_autofree char *key = g_strconcat ("unit:", loket_db_statement_get_text (by_unit, 0), NULL);
      add_count (counts, key, loket_db_statement_get_int64 (by_unit, 1));
    }
  if (!ok)
    return NULL;
  return g_steal_pointer (&counts);
}

GHashTable *
loket_projection_store_count_overdue_by_unit (LoketDb *db, gint64 now, GError **error)
{
  g_autoptr (GHashTable) late = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr (LoketDbStatement) stmt = NULL;
  gboolean have_row, ok;

  if (now == 0)
    now = g_get_real_time () / G_USEC_PER_SEC;
  /* The index range of "overdue" (cases_open_due), grouped by the case's unit. */
  stmt = loket_db_prepare (db,
                           "SELECT unit_id, count(*) FROM cases WHERE is_open = 1 AND due_at > 0 "
                           "AND due_at < ? AND unit_id <> '' GROUP BY unit_id",
                           error);
  if (stmt == NULL)
    return NULL;
  loket_db_statement_bind_int64 (stmt, 1, now);
  while ((ok = loket_db_statement_step (stmt, &have_row, error)) && have_row)
    g_hash_table_insert (late, g_strdup (loket_db_statement_get_text (stmt, 0)),
                         GUINT_TO_POINTER ((guint) loket_db_statement_get_int64 (stmt, 1)));
  return ok ? g_steal_pointer (&late) : NULL;
}
