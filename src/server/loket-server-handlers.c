// SPDX-License-Identifier: GPL-3.0-or-later
// What every endpoint shares (authentication, roles, query parameters) and the session
// endpoints. Endpoints run on a database worker thread with its own PGconn and fill in the
// request's reply; nothing here touches libsoup objects.

#include "config.h"

#include <string.h>

#include "loket-server-private.h"

void
_loket_account_free (LoketAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->username);
  g_free (account->agency);
  g_free (account->person);
  g_strfreev (account->roles);
  g_free (account);
}

char **
_loket_split_roles (const char *text)
{
  return text[0] == '\0' ? g_new0 (char *, 1) : g_strsplit (text, ",", -1);
}

static gboolean
token_is_wellformed (const char *token)
{
  return token != NULL && loket_sync_sha256_is_valid (token);
}

/* The account of the request's bearer token; NULL with the reply set (401, 503) otherwise. */
LoketAccount *
_loket_authenticate (LoketRequest *req, PGconn *conn)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PGresult) rows = NULL;
  g_autofree char *hash = NULL;
  LoketAccount    *account;
  const char      *params[1];

  if (!token_is_wellformed (req->token))
    {
      _loket_request_error (req, LOKET_SYNC_ERROR_UNAUTHORIZED,
                            req->token == NULL ? "No bearer token" : "Invalid token", NULL);
      return NULL;
    }
  hash = loket_auth_token_hash (req->token);
  params[0] = hash;
  rows = loket_pg_query (conn,
                         "SELECT u.username, u.agency, coalesce(u.person, ''),"
                         " array_to_string(u.roles, ','), s.expires_at > now()"
                         " FROM sessions s JOIN users u ON u.username = s.username"
                         " WHERE s.token_hash = $1 AND NOT u.disabled",
                         1, params, &error);
  if (rows == NULL)
    {
      _loket_request_gerror (req, error);
      return NULL;
    }
  if (PQntuples (rows) != 1 || !g_str_equal (PQgetvalue (rows, 0, 4), "t"))
    {
      _loket_request_error (req, LOKET_SYNC_ERROR_UNAUTHORIZED,
                            PQntuples (rows) == 1 ? "The token has expired" : "Invalid token",
                            NULL);
      return NULL;
    }

  account = g_new0 (LoketAccount, 1);
  account->username = g_strdup (PQgetvalue (rows, 0, 0));
  account->agency = g_strdup (PQgetvalue (rows, 0, 1));
  account->person = g_strdup (PQgetvalue (rows, 0, 2));
  account->roles = _loket_split_roles (PQgetvalue (rows, 0, 3));
  req->log_user = g_strdup (account->username);
  return account;
}

LoketAccount *
_loket_authenticate_for_cases (LoketRequest *req, PGconn *conn, const char *refusal)
{
  g_autoptr (LoketAccount) account = _loket_authenticate (req, conn);
  const char *const *roles;

  if (account == NULL)
    return NULL;
  roles = (const char *const *) account->roles;
  if (!g_strv_contains (roles, LOKET_ROLE_STAF) && !g_strv_contains (roles, LOKET_ROLE_PEJABAT)
      && !g_strv_contains (roles, LOKET_ROLE_KADIS))
    {
      _loket_request_error (req, LOKET_SYNC_ERROR_FORBIDDEN, refusal, NULL);
      return NULL;
    }
  return g_steal_pointer (&account);
}

gboolean
_loket_query_int (LoketRequest *req, const char *name, gint64 min, gint64 max, gint64 *value)
{
  const char *text = req->query != NULL ? g_hash_table_lookup (req->query, name) : NULL;
  g_autoptr (GError) error = NULL;
  gint64 parsed;

  if (text == NULL)
    return TRUE;
  if (!g_ascii_string_to_signed (text, 10, min, max, &parsed, &error))
    {
      _loket_request_error (req, LOKET_SYNC_ERROR_BAD_REQUEST, error->message, NULL);
      return FALSE;
    }
  *value = parsed;
  return TRUE;
}

void
_loket_fail_transaction (LoketRequest *req, PGconn *conn, const GError *error)
{
  loket_pg_rollback (conn);
  _loket_request_gerror (req, error);
}

/* ---- Session ---------------------------------------------------------------------------- */

void
_loket_endpoint_session_new (LoketRequest *req, PGconn *conn)
{
  LoketServer *server = req->server;
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketSyncSessionRequest) login = NULL;
  g_autoptr (PGresult) rows = NULL;
  g_autoptr (LoketSyncSession) session = NULL;
  g_autoptr (GDateTime) now = NULL;
  g_autofree char *user_key = NULL;
  g_autofree char *address_key = NULL;
  g_autofree char *token_hash = NULL;
  g_autofree char *expires = NULL;
  const char      *hash = NULL;
  guint            retry_user = 0, retry_address = 0;
  gsize            size;
  gconstpointer    data = g_bytes_get_data (req->body, &size);

  login = loket_sync_session_request_parse (data, size, &error);
  if (login == NULL)
    {
      _loket_request_gerror (req, error);
      return;
    }

  user_key = g_strconcat ("user:", login->username, NULL);
  address_key = g_strconcat ("address:", req->remote != NULL ? req->remote : "", NULL);
  if (!loket_throttle_check (server->throttle, user_key, &retry_user)
      | !loket_throttle_check (server->address_throttle, address_key, &retry_address))
    {
      char retry[16];

      g_snprintf (retry, sizeof retry, "%u", MAX (retry_user, retry_address));
      _loket_request_error (req, LOKET_SYNC_ERROR_THROTTLED, "Too many failed logins", NULL);
      _loket_request_header (req, "Retry-After", retry);
      return;
    }

  {
    const char *params[] = { login->username };

    rows = loket_pg_query (conn,
                           "SELECT password_hash, agency, coalesce(person, ''),"
                           " array_to_string(roles, ',') FROM users"
                           " WHERE username = $1 AND NOT disabled",
                           1, params, &error);
  }
  if (rows == NULL)
    {
      _loket_request_gerror (req, error);
      return;
    }
  if (PQntuples (rows) == 1)
    hash = PQgetvalue (rows, 0, 0);

  if (!loket_auth_verify_password (hash, login->password) || hash == NULL)
    {
      loket_throttle_fail (server->throttle, user_key);
      loket_throttle_fail (server->address_throttle, address_key);
      g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO, "LOKET_EVENT", "login-failed", "MESSAGE",
                        "A login failed");
      g_debug ("Login failed for %s", login->username);
      _loket_request_error (req, LOKET_SYNC_ERROR_LOGIN_FAILED, "Wrong username or password", NULL);
      return;
    }
  loket_throttle_reset (server->throttle, user_key);

  session = loket_sync_session_new ();
  session->token = loket_auth_new_token (&error);
  if (session->token == NULL)
    {
      _loket_request_gerror (req, error);
      return;
    }
  now = g_date_time_new_now_utc ();
  session->expires_at = g_date_time_add_hours (now, LOKET_AUTH_TOKEN_HOURS);
  session->username = g_strdup (login->username);
  session->agency = g_strdup (PQgetvalue (rows, 0, 1));
  session->person = g_strdup (PQgetvalue (rows, 0, 2));
  session->roles = _loket_split_roles (PQgetvalue (rows, 0, 3));

  token_hash = loket_auth_token_hash (session->token);
  expires = g_date_time_format_iso8601 (session->expires_at);
  {
    const char *params[] = { token_hash, login->username, login->device, expires };

    if (!loket_pg_exec (conn,
                        "INSERT INTO sessions (token_hash, username, device, expires_at)"
                        " VALUES ($1, $2, $3, $4)",
                        4, params, &error)
        || !loket_pg_exec (conn, "DELETE FROM sessions WHERE expires_at < now() - interval '1 day'",
                           0, NULL, &error))
      {
        _loket_request_gerror (req, error);
        return;
      }
  }
  req->log_user = g_strdup (login->username);
  _loket_request_json (req, 200, loket_sync_session_to_json (session));
}

void
_loket_endpoint_session_delete (LoketRequest *req, PGconn *conn)
{
  g_autoptr (LoketAccount) account = _loket_authenticate (req, conn);
  g_autoptr (GError) error = NULL;
  g_autofree char *hash = NULL;
  const char      *params[1];

  if (account == NULL)
    return;
  hash = loket_auth_token_hash (req->token);
  params[0] = hash;
  if (!loket_pg_exec (conn, "DELETE FROM sessions WHERE token_hash = $1", 1, params, &error))
    {
      _loket_request_gerror (req, error);
      return;
    }
  _loket_request_json (req, 200, g_strdup ("{}"));
}
