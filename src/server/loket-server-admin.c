// SPDX-License-Identifier: GPL-3.0-or-later
// `loket-server admin …`: agencies, units, people, users and passwords.

#include "config.h"

#include "loket-server-admin.h"

#include <json-glib/json-glib.h>
#include <stdio.h>
#include <string.h>

#include "loket-server-auth.h"
#include "loket-server-db.h"
#include "loket-sync-protocol.h"

static const char usage[]
  = "Usage: loket-server [--config FILE] [--database CONNINFO] admin COMMAND …\n"
    "  migrate\n"
    "  import-org FILE                       (agency, units and people of a data/org/*.json file)\n"
    "  create-agency ID NAME\n"
    "  create-unit AGENCY ID NAME [PARENT]\n"
    "  create-person AGENCY ID NAME [UNIT]\n"
    "  create-user USERNAME AGENCY ROLES [PERSON] --password-file FILE|-   (ROLES: "
    "staf,pejabat,kadis,admin)\n"
    "  reset-password USERNAME --password-file FILE|-\n"
    "  disable-user USERNAME\n"
    "  list-users [AGENCY]                   (username, agency, roles, disabled; never hashes)\n";

static gboolean
check_roles (const char *text, GError **error)
{
  g_auto (GStrv) roles = g_strsplit (text, ",", -1);

  for (guint i = 0; roles[i] != NULL; i++)
    if (!loket_sync_role_is_valid (roles[i]))
      {
        g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST,
                     "Unknown role “%s” (staf, pejabat, kadis, admin)", roles[i]);
        return FALSE;
      }
  return roles[0] != NULL;
}

static char *
hash_from_file (const LoketServerConfig *config, const char *password_file, GError **error)
{
  g_autofree char *password = NULL;
  char            *hash;

  if (password_file == NULL)
    {
      g_set_error_literal (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST,
                           "--password-file FILE (or - for stdin) is required");
      return NULL;
    }
  password = loket_auth_read_password (password_file, error);
  if (password == NULL)
    return NULL;
  hash = loket_auth_hash_password (password, config->argon2_memory_kib, config->argon2_iterations,
                                   error);
  memset (password, 0, strlen (password));
  return hash;
}

static const char *
member_string (JsonObject *object, const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static JsonArray *
member_array (JsonObject *object, const char *member, GError **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST,
                   "The org chart has no “%s” array", member);
      return NULL;
    }
  return json_node_get_array (node);
}

/* Upserts the agency, its units (then their parents) and people of an org-chart file, in one
 * transaction. Prints counts only (names are personal data). */
static gboolean
import_org (PGconn *conn, const char *path, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GHashTable) position_unit = g_hash_table_new (g_str_hash, g_str_equal);
  JsonObject *root;
  JsonArray  *units, *positions, *people;
  const char *agency, *name;

  if (!json_parser_load_from_file (parser, path, error))
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)))
    {
      g_set_error_literal (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST,
                           "The org chart is not a JSON object");
      return FALSE;
    }
  root = json_node_get_object (json_parser_get_root (parser));
  agency = member_string (root, "agency");
  name = member_string (root, "name");
  if (agency == NULL || name == NULL)
    {
      g_set_error_literal (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST,
                           "The org chart has no “agency” or “name”");
      return FALSE;
    }
  if ((units = member_array (root, "units", error)) == NULL
      || (positions = member_array (root, "positions", error)) == NULL
      || (people = member_array (root, "people", error)) == NULL)
    return FALSE;

  for (guint i = 0; i < json_array_get_length (positions); i++)
    {
      JsonObject *position = json_array_get_object_element (positions, i);
      const char *id = position != NULL ? member_string (position, "id") : NULL;
      const char *unit = position != NULL ? member_string (position, "unit") : NULL;

      if (id != NULL && unit != NULL)
        g_hash_table_insert (position_unit, (gpointer) id, (gpointer) unit);
    }

  if (!loket_pg_exec (conn, "BEGIN", 0, NULL, error))
    return FALSE;
  {
    const char *params[] = { agency, name };

    if (!loket_pg_exec (conn,
                        "INSERT INTO agencies (id, name) VALUES ($1, $2)"
                        " ON CONFLICT (id) DO UPDATE SET name = excluded.name",
                        2, params, error))
      goto fail;
  }
  /* Units first without parents (any order in the file), then the parents. */
  for (int pass = 0; pass < 2; pass++)
    for (guint i = 0; i < json_array_get_length (units); i++)
      {
        JsonObject *unit = json_array_get_object_element (units, i);
        const char *params[] = { unit != NULL ? member_string (unit, "id") : NULL, agency,
                                 unit != NULL ? member_string (unit, "name") : NULL,
                                 unit != NULL ? member_string (unit, "parent") : NULL };

        if (params[0] == NULL || params[2] == NULL)
          {
            g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST,
                         "Unit %u has no id or name", i);
            goto fail;
          }
        if (!loket_pg_exec (conn,
                            pass == 0 ? "INSERT INTO units (id, agency, name) VALUES ($1, $2, $3)"
                                        " ON CONFLICT (id) DO UPDATE SET name = excluded.name"
                                      : "UPDATE units SET parent = $4 WHERE id = $1 AND agency = $2"
                                        " AND $3::text IS NOT NULL",
                            pass == 0 ? 3 : 4, params, error))
          goto fail;
      }
  for (guint i = 0; i < json_array_get_length (people); i++)
    {
      JsonObject *person = json_array_get_object_element (people, i);
      const char *position = person != NULL ? member_string (person, "position") : NULL;
      const char *params[]
        = { person != NULL ? member_string (person, "id") : NULL, agency,
            position != NULL ? g_hash_table_lookup (position_unit, position) : NULL,
            person != NULL ? member_string (person, "name") : NULL };

      if (params[0] == NULL || params[3] == NULL)
        {
          g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST,
                       "Person %u has no id or name", i);
          goto fail;
        }
      if (!loket_pg_exec (
            conn,
            "INSERT INTO people (id, agency, unit, name) VALUES ($1, $2, $3, $4)"
            " ON CONFLICT (id) DO UPDATE SET unit = excluded.unit, name = excluded.name",
            4, params, error))
        goto fail;
    }
  if (!loket_pg_exec (conn, "COMMIT", 0, NULL, error))
    goto fail;
  printf ("%s: %u units, %u people\n", agency, json_array_get_length (units),
          json_array_get_length (people));
  return TRUE;

fail:
  loket_pg_rollback (conn);
  return FALSE;
}

static gboolean
run (const LoketServerConfig *config,
     PGconn                  *conn,
     int                      argc,
     char                   **argv,
     const char              *password_file,
     GError                 **error)
{
  const char      *command = argv[0];
  g_autofree char *roles = NULL;
  g_autofree char *hash = NULL;

#define NEED(min, max)                                                                             \
  if (argc - 1 < (min) || argc - 1 > (max))                                                        \
    {                                                                                              \
      g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST,                          \
                   "Wrong number of arguments for %s", command);                                   \
      return FALSE;                                                                                \
    }

  if (g_str_equal (command, "migrate"))
    {
      NEED (0, 0);
      return TRUE; /* done by the caller */
    }
  if (g_str_equal (command, "list-users"))
    {
      g_autoptr (PGresult) rows = NULL;
      const char *params[1];

      NEED (0, 1);
      params[0] = argc > 1 ? argv[1] : NULL;
      rows = loket_pg_query (
        conn,
        "SELECT username, agency, array_to_string(roles, ','), disabled FROM users"
        " WHERE $1::text IS NULL OR agency = $1 ORDER BY agency, username",
        1, params, error);
      if (rows == NULL)
        return FALSE;
      for (int r = 0; r < PQntuples (rows); r++)
        printf ("%s\t%s\t%s%s\n", PQgetvalue (rows, r, 0), PQgetvalue (rows, r, 1),
                PQgetvalue (rows, r, 2),
                g_str_equal (PQgetvalue (rows, r, 3), "t") ? "\tdisabled" : "");
      return TRUE;
    }
  if (g_str_equal (command, "import-org"))
    {
      NEED (1, 1);
      return import_org (conn, argv[1], error);
    }
  if (g_str_equal (command, "create-agency"))
    {
      const char *params[2];

      NEED (2, 2);
      params[0] = argv[1];
      params[1] = argv[2];
      return loket_pg_exec (conn, "INSERT INTO agencies (id, name) VALUES ($1, $2)", 2, params,
                            error);
    }
  /* create-unit AGENCY ID NAME [PARENT], create-person AGENCY ID NAME [UNIT]: the same shape. */
  if (g_str_equal (command, "create-unit") || g_str_equal (command, "create-person"))
    {
      const char *params[4];

      NEED (3, 4);
      params[0] = argv[2];
      params[1] = argv[1];
      params[2] = argc > 4 ? argv[4] : NULL;
      params[3] = argv[3];
      return loket_pg_exec (
        conn,
        g_str_equal (command, "create-unit")
          ? "INSERT INTO units (id, agency, parent, name) VALUES ($1, $2, $3, $4)"
          : "INSERT INTO people (id, agency, unit, name) VALUES ($1, $2, $3, $4)",
        4, params, error);
    }
  if (g_str_equal (command, "create-user"))
    {
      const char *params[5];

      NEED (3, 4);
      if (!check_roles (argv[3], error))
        return FALSE;
      {
        g_auto (GStrv) list = g_strsplit (argv[3], ",", -1);

        roles = loket_pg_text_array ((const char *const *) list, g_strv_length (list));
      }
      hash = hash_from_file (config, password_file, error);
      if (hash == NULL)
        return FALSE;
      params[0] = argv[1];
      params[1] = argv[2];
      params[2] = argc > 4 ? argv[4] : NULL;
      params[3] = roles;
      params[4] = hash;
      return loket_pg_exec (conn,
                            "INSERT INTO users (username, agency, person, roles, password_hash)"
                            " VALUES ($1, $2, $3, $4::text[], $5)",
                            5, params, error);
    }
  if (g_str_equal (command, "reset-password") || g_str_equal (command, "disable-user"))
    {
      g_autoptr (PGresult) rows = NULL;
      gboolean    disable = g_str_equal (command, "disable-user");
      const char *params[2];

      NEED (1, 1);
      if (!disable)
        {
          hash = hash_from_file (config, password_file, error);
          if (hash == NULL)
            return FALSE;
        }
      params[0] = argv[1];
      params[1] = hash;
      rows = loket_pg_query (conn,
                             disable ? "UPDATE users SET disabled = true WHERE username = $1"
                                       " RETURNING 1"
                                     : "UPDATE users SET password_hash = $2 WHERE username = $1"
                                       " RETURNING 1",
                             disable ? 1 : 2, params, error);
      if (rows == NULL)
        return FALSE;
      if (PQntuples (rows) != 1)
        {
          g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_NOT_FOUND, "No such user");
          return FALSE;
        }
      /* Either way, the user's sessions end. */
      return loket_pg_exec (conn, "DELETE FROM sessions WHERE username = $1", 1, params, error);
    }

  g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST, "Unknown admin command “%s”",
               command);
  return FALSE;
#undef NEED
}

int
loket_server_admin_run (const LoketServerConfig *config, int argc, char **argv)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  const char *password_file = NULL;
  PGconn     *conn;
  gboolean    ok;

  for (int i = 0; i < argc; i++)
    {
      if (g_str_equal (argv[i], "--password-file") && i + 1 < argc)
        password_file = argv[++i];
      else if (g_str_has_prefix (argv[i], "--password-file="))
        password_file = argv[i] + strlen ("--password-file=");
      else if (g_str_has_prefix (argv[i], "--password"))
        {
          fprintf (stderr, "Passwords are never given on the command line: use --password-file.\n");
          return 2;
        }
      else
        g_ptr_array_add (args, argv[i]);
    }
  if (args->len == 0 || g_str_equal (args->pdata[0], "--help"))
    {
      fputs (usage, args->len == 0 ? stderr : stdout);
      return args->len == 0 ? 2 : 0;
    }

  conn = loket_pg_connect (config->database, &error);
  if (conn == NULL || !loket_pg_migrate (conn, &error))
    {
      fprintf (stderr, "loket-server admin: %s\n", error->message);
      g_clear_pointer (&conn, PQfinish);
      return 1;
    }
  ok = run (config, conn, (int) args->len, (char **) args->pdata, password_file, &error);
  PQfinish (conn);
  if (!ok)
    {
      fprintf (stderr, "loket-server admin %s: %s\n", (char *) args->pdata[0], error->message);
      return 1;
    }
  return 0;
}
