// SPDX-License-Identifier: GPL-3.0-or-later
// The FTS5 index over cases: agenda number, applicant name, NIK, subject, service name.
#include "config.h"

#include "loket-search-index.h"

#include "loket-error.h"

static gboolean
has_alnum (const char *token)
{
  for (const char *p = token; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static void
append_token (GString *query, const char *start, const char *end)
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
  g_autoptr (GString) query = g_string_new (NULL);
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
loket_search_index_rebuild (LoketDb *db, GError **error)
{
  return loket_db_exec (db, "INSERT INTO case_search (case_search) VALUES ('rebuild')", error);
}

gboolean
loket_search_index_check (LoketDb *db, gboolean *intact, GError **error)
{
  g_autoptr (GError) local_error = NULL;

  /* rank = 1: also compare the index with the `cases` rows it was built from. */
  *intact = loket_db_exec (db,
                           "INSERT INTO case_search (case_search, rank) VALUES "
                           "('integrity-check', 1)",
                           &local_error);
  if (*intact || g_error_matches (local_error, LOKET_ERROR, LOKET_ERROR_CORRUPT))
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}
