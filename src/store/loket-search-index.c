// SPDX-License-Identifier: GPL-3.0-or-later
// The FTS5 index over cases: agenda number, applicant name, NIK, subject, service name.
#include "config.h"

#include "loket-search-index.h"

static gboolean
has_alnum (const char *token)
{
  for (const char *p = token; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static void
append_token (GString    *query,
              const char *start,
              const char *end)
{
  g_autofree char *token = g_strndup (start, end - start);

  if (!has_alnum (token))
    return;
  if (query->len > 0)
    g_string_append_c (query, ' ');
  g_string_append_c (query, '"');
  for (const char *p = token; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (query, '"');
      g_string_append_c (query, *p);
    }
  g_string_append (query, "\"*");
}

char *
loket_search_index_make_query (const char *text)
{
  g_autoptr(GString) query = g_string_new (NULL);
  const char *start = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;

  for (const char *p = text;; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean space = c == 0 || g_unichar_isspace (c);

      if (space && start != NULL)
        {
          append_token (query, start, p);
          start = NULL;
        }
      else if (!space && start == NULL)
        start = p;
      if (c == 0)
        break;
    }

  if (query->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&query), FALSE);
}

gboolean
loket_search_index_update (LoketDb    *db,
                           gint64      case_id,
                           const char *agenda_number,
                           const char *applicant_name,
                           const char *applicant_nik,
                           const char *subject,
                           const char *service_name,
                           GError    **error)
{
  g_autoptr(LoketDbStatement) del = NULL;
  g_autoptr(LoketDbStatement) ins = NULL;

  del = loket_db_prepare (db, "DELETE FROM case_search WHERE rowid = ?", error);
  if (del == NULL)
    return FALSE;
  loket_db_statement_bind_int64 (del, 1, case_id);
  if (!loket_db_statement_run (del, error))
    return FALSE;

  ins = loket_db_prepare (db,
                          "INSERT INTO case_search (rowid, agenda_number, applicant_name, "
                          "applicant_nik, subject, service_name) VALUES (?, ?, ?, ?, ?, ?)",
                          error);
  if (ins == NULL)
    return FALSE;
  loket_db_statement_bind_int64 (ins, 1, case_id);
  loket_db_statement_bind_text (ins, 2, agenda_number);
  loket_db_statement_bind_text (ins, 3, applicant_name);
  loket_db_statement_bind_text (ins, 4, applicant_nik);
  loket_db_statement_bind_text (ins, 5, subject);
  loket_db_statement_bind_text (ins, 6, service_name);
  return loket_db_statement_run (ins, error);
}

gboolean
loket_search_index_rebuild (LoketDb *db,
                            GError **error)
{
  return loket_db_exec (db,
                        "DELETE FROM case_search;"
                        "INSERT INTO case_search (rowid, agenda_number, applicant_name, "
                        "applicant_nik, subject, service_name) SELECT id, agenda_number, "
                        "applicant_name, applicant_nik, subject, service_name FROM cases;",
                        error);
}
