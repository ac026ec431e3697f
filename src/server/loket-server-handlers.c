// SPDX-License-Identifier: GPL-3.0-or-later
// The endpoints of PROTOCOL.md. Each runs on a database worker thread with its own PGconn and
// fills in the request's reply; nothing here touches libsoup objects.

#include "config.h"

#include <string.h>

#include "loket-event-permissions.h"
#include "loket-server-private.h"

#define REGISTER_MAX 64

static void
account_free (LoketAccount *account)
{
  if (account == NULL)
    return;
  g_free (account->username);
  g_free (account->agency);
  g_free (account->person);
  g_strfreev (account->roles);
  g_free (account);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketAccount, account_free)

static char **
split_roles (const char *text)
{
  return text[0] == '\0' ? g_new0 (char *, 1) : g_strsplit (text, ",", -1);
}

static gboolean
token_is_wellformed (const char *token)
{
  return token != NULL && loket_sync_sha256_is_valid (token);
}

/* The account of the request's bearer token; NULL with the reply set (401, 503) otherwise. */
static LoketAccount *
authenticate (LoketRequest *req, PGconn *conn)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PGresult) rows = NULL;
  g_autofree char *hash = NULL;
  LoketAccount *account;
  const char   *params[1];

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
                            PQntuples (rows) == 1 ? "The token has expired" : "Invalid token", NULL);
      return NULL;
    }

  account = g_new0 (LoketAccount, 1);
  account->username = g_strdup (PQgetvalue (rows, 0, 0));
  account->agency = g_strdup (PQgetvalue (rows, 0, 1));
  account->person = g_strdup (PQgetvalue (rows, 0, 2));
  account->roles = split_roles (PQgetvalue (rows, 0, 3));
  req->log_user = g_strdup (account->username);
  return account;
}

static gboolean
has_case_role (LoketAccount *account)
{
  const char *const *roles = (const char *const *) account->roles;

  return g_strv_contains (roles, LOKET_ROLE_STAF) || g_strv_contains (roles, LOKET_ROLE_PEJABAT)
         || g_strv_contains (roles, LOKET_ROLE_KADIS);
}

static gboolean
query_int (LoketRequest *req, const char *name, gint64 min, gint64 max, gint64 *value)
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

static void
fail_transaction (LoketRequest *req, PGconn *conn, const GError *error)
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
  const char *hash = NULL;
  guint       retry_user = 0, retry_address = 0;
  gsize       size;
  gconstpointer data = g_bytes_get_data (req->body, &size);

  login = loket_sync_session_request_parse (data, size, &error);
  if (login == NULL)
    {
      _loket_request_gerror (req, error);
      return;
    }

  user_key = g_strconcat ("user:", login->username, NULL);
  address_key = g_strconcat ("address:", req->remote != NULL ? req->remote : "", NULL);
  if (!loket_throttle_check (server->throttle, user_key, &retry_user)
      | !loket_throttle_check (server->throttle, address_key, &retry_address))
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
      loket_throttle_fail (server->throttle, address_key);
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
  session->roles = split_roles (PQgetvalue (rows, 0, 3));

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
  g_autoptr (LoketAccount) account = authenticate (req, conn);
  g_autoptr (GError) error = NULL;
  g_autofree char *hash = NULL;
  const char *params[1];

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

/* ---- Push ------------------------------------------------------------------------------- */

/* The "agency" of a case.registered body; NULL when it has none. */
static char *
registered_agency (LoketEvent *event)
{
  g_autoptr (JsonObject) body = loket_event_parse_body (event, NULL);
  JsonNode *node = body != NULL ? json_object_get_member (body, "agency") : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static char *
column_array (GPtrArray *events, const char *(*get) (LoketEvent *))
{
  g_autofree const char **values = g_new0 (const char *, events->len + 1);

  for (guint i = 0; i < events->len; i++)
    {
      const char *value = get (events->pdata[i]);

      values[i] = value != NULL ? value : "";
    }
  return loket_pg_text_array (values, events->len);
}

void
_loket_endpoint_push (LoketRequest *req, PGconn *conn)
{
  g_autoptr (LoketAccount) account = authenticate (req, conn);
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketSyncPushRequest) push = NULL;
  g_autoptr (LoketSyncPushReply) reply = NULL;
  g_autoptr (GHashTable) case_agency = NULL; /* case uuid → agency */
  g_autoptr (GHashTable) stored = NULL;      /* event uuid → seq text, before this push */
  g_autoptr (GHashTable) seqs = NULL;        /* event uuid → seq text, after */
  g_autoptr (GPtrArray) new_events = NULL;
  g_autoptr (GPtrArray) new_cases = NULL;
  g_autoptr (GPtrArray) case_list = NULL;
  g_autoptr (PGresult) rows = NULL;
  g_autofree char *bad_uuid = NULL;
  g_autofree char *uuid_array = NULL;
  g_autofree char *case_array = NULL;
  gsize size;
  gconstpointer data;

  if (account == NULL)
    return;
  if (!has_case_role (account))
    {
      _loket_request_error (req, LOKET_SYNC_ERROR_FORBIDDEN, "This account may not write cases", NULL);
      return;
    }

  data = g_bytes_get_data (req->body, &size);
  push = loket_sync_push_request_parse (data, size, &bad_uuid, &error);
  if (push == NULL)
    {
      if (g_error_matches (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_INVALID_EVENT))
        _loket_request_error (req, LOKET_SYNC_ERROR_INVALID_EVENT, error->message, bad_uuid);
      else
        _loket_request_gerror (req, error);
      return;
    }
  if (push->events->len == 0)
    {
      reply = loket_sync_push_reply_new ();
      _loket_request_json (req, 200, loket_sync_push_reply_to_json (reply, NULL));
      return;
    }

  /* The role may write every type of the batch. */
  for (guint i = 0; i < push->events->len; i++)
    {
      LoketEvent *event = push->events->pdata[i];

      if (!loket_event_permission_allows ((const char *const *) account->roles,
                                          loket_event_get_event_type (event)))
        {
          g_autofree char *message = g_strdup_printf ("This account’s roles may not write %s",
                                                      loket_event_get_event_type (event));

          _loket_request_error (req, LOKET_SYNC_ERROR_FORBIDDEN, message,
                                loket_event_get_uuid (event));
          return;
        }
    }

  uuid_array = column_array (push->events, loket_event_get_uuid);
  case_list = g_ptr_array_new ();
  {
    g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

    for (guint i = 0; i < push->events->len; i++)
      {
        const char *case_uuid = loket_event_get_case_uuid (push->events->pdata[i]);

        if (g_hash_table_add (seen, (gpointer) case_uuid))
          g_ptr_array_add (case_list, (gpointer) case_uuid);
      }
    case_array = loket_pg_text_array ((const char *const *) case_list->pdata, case_list->len);
  }

  /* One transaction per batch. Pushes of one agency take turns, so its sequence numbers are
   * committed in order and a pull never skips one that commits later. */
  {
    const char *params[] = { account->agency };

    if (!loket_pg_exec (conn, "BEGIN", 0, NULL, &error)
        || !loket_pg_exec (conn, "SELECT pg_advisory_xact_lock(hashtext($1))", 1, params, &error))
      {
        fail_transaction (req, conn, error);
        return;
      }
  }

  case_agency = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  {
    const char *params[] = { case_array };

    rows = loket_pg_query (conn,
                           "SELECT case_uuid::text, agency FROM cases"
                           " WHERE case_uuid = ANY ($1::uuid[])",
                           1, params, &error);
    if (rows == NULL)
      {
        fail_transaction (req, conn, error);
        return;
      }
    for (int r = 0; r < PQntuples (rows); r++)
      g_hash_table_insert (case_agency, g_strdup (PQgetvalue (rows, r, 0)),
                           g_strdup (PQgetvalue (rows, r, 1)));
    g_clear_pointer (&rows, PQclear);
  }

  /* Cases registered in this batch belong to the agency their case.registered names. */
  new_cases = g_ptr_array_new ();
  for (guint i = 0; i < push->events->len; i++)
    {
      LoketEvent *event = push->events->pdata[i];
      const char *case_uuid = loket_event_get_case_uuid (event);
      g_autofree char *agency = NULL;

      if (!g_str_equal (loket_event_get_event_type (event), LOKET_EVENT_CASE_REGISTERED))
        continue;
      agency = registered_agency (event);
      if (agency == NULL)
        {
          loket_pg_rollback (conn);
          _loket_request_error (req, LOKET_SYNC_ERROR_INVALID_EVENT,
                                "A case.registered event names no agency",
                                loket_event_get_uuid (event));
          return;
        }
      if (!g_str_equal (agency, account->agency))
        {
          loket_pg_rollback (conn);
          _loket_request_error (req, LOKET_SYNC_ERROR_FORBIDDEN,
                                "The case belongs to another agency", loket_event_get_uuid (event));
          return;
        }
      if (!g_hash_table_contains (case_agency, case_uuid))
        {
          g_hash_table_insert (case_agency, g_strdup (case_uuid), g_strdup (agency));
          g_ptr_array_add (new_cases, (gpointer) case_uuid);
        }
    }

  for (guint i = 0; i < push->events->len; i++)
    {
      LoketEvent *event = push->events->pdata[i];
      const char *agency = g_hash_table_lookup (case_agency, loket_event_get_case_uuid (event));

      if (agency == NULL)
        {
          loket_pg_rollback (conn);
          _loket_request_error (req, LOKET_SYNC_ERROR_INVALID_EVENT,
                                "The event’s case is unknown and not registered in this batch",
                                loket_event_get_uuid (event));
          return;
        }
      if (!g_str_equal (agency, account->agency))
        {
          loket_pg_rollback (conn);
          _loket_request_error (req, LOKET_SYNC_ERROR_FORBIDDEN,
                                "The case belongs to another agency", loket_event_get_uuid (event));
          return;
        }
    }

  /* Events already stored (an earlier push of the same batch) keep their first seq. */
  stored = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  {
    const char *params[] = { uuid_array };

    rows = loket_pg_query (conn,
                           "SELECT uuid::text, seq, agency FROM events WHERE uuid = ANY ($1::uuid[])",
                           1, params, &error);
    if (rows == NULL)
      {
        fail_transaction (req, conn, error);
        return;
      }
    for (int r = 0; r < PQntuples (rows); r++)
      {
        if (!g_str_equal (PQgetvalue (rows, r, 2), account->agency))
          {
            g_autofree char *uuid = g_strdup (PQgetvalue (rows, r, 0));

            loket_pg_rollback (conn);
            _loket_request_error (req, LOKET_SYNC_ERROR_FORBIDDEN,
                                  "The event belongs to another agency", uuid);
            return;
          }
        g_hash_table_insert (stored, g_strdup (PQgetvalue (rows, r, 0)),
                             g_strdup (PQgetvalue (rows, r, 1)));
      }
    g_clear_pointer (&rows, PQclear);
  }

  if (new_cases->len > 0)
    {
      g_autofree char *array = loket_pg_text_array ((const char *const *) new_cases->pdata,
                                                    new_cases->len);
      const char *params[] = { array, account->agency };

      if (!loket_pg_exec (conn,
                          "INSERT INTO cases (case_uuid, agency)"
                          " SELECT c, $2 FROM unnest ($1::uuid[]) AS c ON CONFLICT DO NOTHING",
                          2, params, &error))
        {
          fail_transaction (req, conn, error);
          return;
        }
    }

  new_events = g_ptr_array_new ();
  for (guint i = 0; i < push->events->len; i++)
    if (!g_hash_table_contains (stored, loket_event_get_uuid (push->events->pdata[i])))
      g_ptr_array_add (new_events, push->events->pdata[i]);

  seqs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (new_events->len > 0)
    {
      g_autofree char *uuids = column_array (new_events, loket_event_get_uuid);
      g_autofree char *cases = column_array (new_events, loket_event_get_case_uuid);
      g_autofree char *types = column_array (new_events, loket_event_get_event_type);
      g_autofree char *authors = column_array (new_events, loket_event_get_author);
      g_autofree char *devices = column_array (new_events, loket_event_get_device);
      g_autofree char *hlcs = column_array (new_events, loket_event_get_hlc);
      g_autofree char *bodies = column_array (new_events, loket_event_get_body);
      g_autofree char *prevs = column_array (new_events, loket_event_get_prev_hash);
      g_autofree char *hashes = column_array (new_events, loket_event_get_hash);
      const char *params[] = { uuids, cases, types, authors, devices, hlcs, bodies, prevs, hashes,
                               account->agency, account->username };

      rows = loket_pg_query (conn,
                             "INSERT INTO events (uuid, case_uuid, agency, type, author, device, hlc,"
                             " body_text, prev_hash, hash, pushed_by)"
                             " SELECT e.u, e.c, $10, e.t, e.a, e.d, e.h, e.b, nullif (e.p, ''),"
                             " nullif (e.x, ''), $11"
                             " FROM unnest ($1::uuid[], $2::uuid[], $3::text[], $4::text[],"
                             " $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])"
                             " WITH ORDINALITY AS e (u, c, t, a, d, h, b, p, x, n)"
                             " ORDER BY e.n ON CONFLICT (uuid) DO NOTHING"
                             " RETURNING uuid::text, seq",
                             11, params, &error);
      if (rows == NULL)
        {
          fail_transaction (req, conn, error);
          return;
        }
      for (int r = 0; r < PQntuples (rows); r++)
        g_hash_table_insert (seqs, g_strdup (PQgetvalue (rows, r, 0)),
                             g_strdup (PQgetvalue (rows, r, 1)));
      g_clear_pointer (&rows, PQclear);
    }

  /* An event another agency's push stored meanwhile (same UUID) was skipped by ON CONFLICT. */
  if (g_hash_table_size (seqs) + g_hash_table_size (stored) < push->events->len)
    {
      loket_pg_rollback (conn);
      _loket_request_error (req, LOKET_SYNC_ERROR_CONFLICT, "An event was stored concurrently",
                            NULL);
      return;
    }

  if (!loket_pg_exec (conn, "COMMIT", 0, NULL, &error))
    {
      fail_transaction (req, conn, error);
      return;
    }

  reply = loket_sync_push_reply_new ();
  for (guint i = 0; i < push->events->len; i++)
    {
      const char *uuid = loket_event_get_uuid (push->events->pdata[i]);
      const char *seq = g_hash_table_lookup (stored, uuid);
      gboolean    duplicate = seq != NULL;

      if (seq == NULL)
        seq = g_hash_table_lookup (seqs, uuid);
      loket_sync_push_reply_add_accepted (reply, uuid, g_ascii_strtoll (seq, NULL, 10), duplicate);
    }
  _loket_request_json (req, 200, loket_sync_push_reply_to_json (reply, NULL));
}

/* ---- Pull ------------------------------------------------------------------------------- */

void
_loket_endpoint_pull (LoketRequest *req, PGconn *conn)
{
  g_autoptr (LoketAccount) account = authenticate (req, conn);
  g_autoptr (GError) error = NULL;
  g_autoptr (PGresult) rows = NULL;
  g_autoptr (LoketSyncPullReply) reply = NULL;
  gint64 after = 0, limit = LOKET_SYNC_DEFAULT_PULL_LIMIT;
  char   after_text[32], limit_text[32];
  int    n;

  if (account == NULL)
    return;
  if (!query_int (req, "after", 0, G_MAXINT64, &after)
      || !query_int (req, "limit", 1, LOKET_SYNC_MAX_PULL_LIMIT, &limit))
    return;

  g_snprintf (after_text, sizeof after_text, "%" G_GINT64_FORMAT, after);
  g_snprintf (limit_text, sizeof limit_text, "%" G_GINT64_FORMAT, limit + 1);
  {
    const char *params[] = { account->agency, after_text, limit_text };

    rows = loket_pg_query (conn,
                           "SELECT seq, uuid::text, case_uuid::text, type, author, device, hlc,"
                           " body_text, prev_hash, hash FROM events"
                           " WHERE agency = $1 AND seq > $2::bigint ORDER BY seq LIMIT $3::int",
                           3, params, &error);
  }
  if (rows == NULL)
    {
      _loket_request_gerror (req, error);
      return;
    }

  reply = loket_sync_pull_reply_new ();
  n = PQntuples (rows);
  for (int r = 0; r < MIN (n, (int) limit); r++)
    {
      g_autoptr (LoketEvent) event =
        loket_event_new (PQgetvalue (rows, r, 1), PQgetvalue (rows, r, 2), PQgetvalue (rows, r, 3),
                         PQgetvalue (rows, r, 4), PQgetvalue (rows, r, 5), PQgetvalue (rows, r, 6),
                         PQgetvalue (rows, r, 7));

      loket_event_set_chain (event, PQgetisnull (rows, r, 8) ? NULL : PQgetvalue (rows, r, 8),
                             PQgetisnull (rows, r, 9) ? NULL : PQgetvalue (rows, r, 9));
      loket_sync_pull_reply_add_event (reply, event, g_ascii_strtoll (PQgetvalue (rows, r, 0), NULL, 10));
    }
  if (reply->events->len == 0)
    reply->last_seq = after;
  reply->more = n > (int) limit;
  _loket_request_json (req, 200, loket_sync_pull_reply_to_json (reply, NULL));
}

/* ---- Blobs ------------------------------------------------------------------------------ */

void
_loket_endpoint_blob_put (LoketRequest *req, PGconn *conn)
{
  g_autoptr (LoketAccount) account = authenticate (req, conn);
  g_autoptr (GError) error = NULL;
  g_autoptr (PGresult) rows = NULL;
  g_autofree char *actual = NULL;
  gboolean created = FALSE;
  char     size_text[32];
  gsize    size;
  gconstpointer data;

  if (account == NULL)
    return;
  if (!has_case_role (account))
    {
      _loket_request_error (req, LOKET_SYNC_ERROR_FORBIDDEN, "This account may not write cases", NULL);
      return;
    }
  if (!loket_sync_sha256_is_valid (req->argument))
    {
      _loket_request_error (req, LOKET_SYNC_ERROR_BAD_REQUEST,
                            "The path must end in a lower-case hex SHA-256", NULL);
      return;
    }
  actual = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, req->body);
  if (!g_str_equal (actual, req->argument))
    {
      _loket_request_error (req, LOKET_SYNC_ERROR_HASH_MISMATCH,
                            "The bytes’ SHA-256 is not the one in the path", NULL);
      return;
    }

  data = g_bytes_get_data (req->body, &size);
  g_snprintf (size_text, sizeof size_text, "%" G_GSIZE_FORMAT, size);
  {
    const char *check[] = { req->argument };
    const char *values[] = { req->argument, size_text, data != NULL ? data : "" };
    const int   lengths[] = { 0, 0, (int) size };
    const int   formats[] = { 0, 0, 1 };
    const char *link[] = { req->argument, account->agency };

    if (!loket_pg_exec (conn, "BEGIN", 0, NULL, &error))
      goto fail;
    rows = loket_pg_query (conn, "SELECT 1 FROM blobs WHERE sha256 = $1", 1, check, &error);
    if (rows == NULL)
      goto fail;
    if (PQntuples (rows) == 0)
      {
        g_clear_pointer (&rows, PQclear);
        rows = loket_pg_query_full (conn,
                                    "INSERT INTO blobs (sha256, size, data) VALUES ($1, $2, $3)"
                                    " ON CONFLICT DO NOTHING RETURNING 1",
                                    3, values, lengths, formats, 0, &error);
        if (rows == NULL)
          goto fail;
        created = PQntuples (rows) == 1;
      }
    if (!loket_pg_exec (conn,
                        "INSERT INTO blob_agencies (sha256, agency) VALUES ($1, $2)"
                        " ON CONFLICT DO NOTHING",
                        2, link, &error)
        || !loket_pg_exec (conn, "COMMIT", 0, NULL, &error))
      goto fail;
  }
  _loket_request_json (req, created ? 201 : 200, g_strdup ("{}"));
  return;

fail:
  fail_transaction (req, conn, error);
}

/* "bytes=N-" or "bytes=N-M"; FALSE when @range is not of that form. */
static gboolean
parse_range (const char *range, gint64 *first, gint64 *last)
{
  g_auto (GStrv) parts = NULL;

  if (!g_str_has_prefix (range, "bytes="))
    return FALSE;
  parts = g_strsplit (range + 6, "-", 2);
  if (g_strv_length (parts) != 2
      || !g_ascii_string_to_signed (parts[0], 10, 0, G_MAXINT64, first, NULL))
    return FALSE;
  if (parts[1][0] == '\0')
    *last = -1;
  else if (!g_ascii_string_to_signed (parts[1], 10, *first, G_MAXINT64, last, NULL))
    return FALSE;
  return TRUE;
}

void
_loket_endpoint_blob_get (LoketRequest *req, PGconn *conn)
{
  g_autoptr (LoketAccount) account = authenticate (req, conn);
  g_autoptr (GError) error = NULL;
  g_autoptr (PGresult) rows = NULL;
  gboolean head = g_str_equal (req->method, "HEAD");
  gint64   size, first = 0, last = -1;
  char     first_text[32], count_text[32];

  if (account == NULL)
    return;
  if (!loket_sync_sha256_is_valid (req->argument))
    {
      _loket_request_error (req, LOKET_SYNC_ERROR_BAD_REQUEST,
                            "The path must end in a lower-case hex SHA-256", NULL);
      return;
    }
  {
    const char *params[] = { req->argument, account->agency };

    rows = loket_pg_query (conn,
                           "SELECT b.size FROM blobs b JOIN blob_agencies a ON a.sha256 = b.sha256"
                           " WHERE b.sha256 = $1 AND a.agency = $2",
                           2, params, &error);
  }
  if (rows == NULL)
    {
      _loket_request_gerror (req, error);
      return;
    }
  if (PQntuples (rows) != 1)
    {
      _loket_request_error (req, LOKET_SYNC_ERROR_NOT_FOUND, "No such blob", NULL);
      return;
    }
  size = g_ascii_strtoll (PQgetvalue (rows, 0, 0), NULL, 10);
  g_clear_pointer (&rows, PQclear);
  _loket_request_header (req, "Accept-Ranges", "bytes");
  if (head)
    {
      req->status = 200;
      return;
    }

  if (req->range != NULL)
    {
      if (!parse_range (req->range, &first, &last) || first >= size)
        {
          g_autofree char *unsatisfied = g_strdup_printf ("bytes */%" G_GINT64_FORMAT, size);

          _loket_request_error (req, LOKET_SYNC_ERROR_BAD_REQUEST, "Unsatisfiable range", NULL);
          req->status = 416;
          _loket_request_header (req, "Content-Range", unsatisfied);
          return;
        }
    }
  if (last < 0 || last >= size)
    last = size - 1;

  g_snprintf (first_text, sizeof first_text, "%" G_GINT64_FORMAT, first + 1);
  g_snprintf (count_text, sizeof count_text, "%" G_GINT64_FORMAT, last - first + 1);
  {
    const char *params[] = { req->argument, first_text, count_text };

    rows = loket_pg_query_full (conn,
                                "SELECT substring (data FROM $2::int FOR $3::int) FROM blobs"
                                " WHERE sha256 = $1",
                                3, params, NULL, NULL, 1, &error);
  }
  if (rows == NULL || PQntuples (rows) != 1)
    {
      if (error != NULL)
        _loket_request_gerror (req, error);
      else
        _loket_request_error (req, LOKET_SYNC_ERROR_NOT_FOUND, "No such blob", NULL);
      return;
    }

  req->status = req->range != NULL ? 206 : 200;
  req->content_type = g_strdup ("application/octet-stream");
  req->reply = g_bytes_new (PQgetvalue (rows, 0, 0), (gsize) PQgetlength (rows, 0, 0));
  if (req->range != NULL)
    {
      g_autofree char *content_range =
        g_strdup_printf ("bytes %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT,
                         first, last, size);

      _loket_request_header (req, "Content-Range", content_range);
    }
}

/* ---- Reference data --------------------------------------------------------------------- */

/* The accounts of @agency as JSON (never hashes). */
static GBytes *
accounts_document (PGconn *conn, const char *agency, GError **error)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = NULL;
  g_autoptr (PGresult) rows = NULL;
  const char *params[] = { agency };
  char  *text;
  gsize  length;

  rows = loket_pg_query (conn,
                         "SELECT username, coalesce(person, ''), array_to_string(roles, ',')"
                         " FROM users WHERE agency = $1 AND NOT disabled ORDER BY username",
                         1, params, error);
  if (rows == NULL)
    return NULL;
  json_builder_begin_array (builder);
  for (int r = 0; r < PQntuples (rows); r++)
    {
      g_auto (GStrv) roles = split_roles (PQgetvalue (rows, r, 2));

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "username");
      json_builder_add_string_value (builder, PQgetvalue (rows, r, 0));
      json_builder_set_member_name (builder, "person");
      json_builder_add_string_value (builder, PQgetvalue (rows, r, 1));
      json_builder_set_member_name (builder, "roles");
      json_builder_begin_array (builder);
      for (guint i = 0; roles[i] != NULL; i++)
        json_builder_add_string_value (builder, roles[i]);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, &length);
  return g_bytes_new_take (text, length);
}

static GBytes *
reference_document (LoketRequest *req, PGconn *conn, LoketAccount *account, const char *name,
                    char **version, GError **error)
{
  const char *shared_version = NULL;
  GBytes     *doc;

  if (g_str_equal (name, LOKET_SYNC_REFERENCE_ACCOUNTS))
    {
      doc = accounts_document (conn, account->agency, error);
      if (doc != NULL)
        *version = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, doc);
      return doc;
    }
  doc = loket_reference_get (req->server->reference, name, account->agency, &shared_version);
  if (doc != NULL)
    *version = g_strdup (shared_version);
  return doc;
}

static const char *const reference_names[] = {
  LOKET_SYNC_REFERENCE_ORG_CHART, LOKET_SYNC_REFERENCE_CATALOG, LOKET_SYNC_REFERENCE_HOLIDAYS,
  LOKET_SYNC_REFERENCE_ACCOUNTS,
};

void
_loket_endpoint_reference_list (LoketRequest *req, PGconn *conn)
{
  g_autoptr (LoketAccount) account = authenticate (req, conn);
  g_autoptr (LoketSyncReferenceIndex) index = NULL;

  if (account == NULL)
    return;
  index = loket_sync_reference_index_new ();
  for (guint i = 0; i < G_N_ELEMENTS (reference_names); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GBytes) doc = NULL;
      g_autofree char *version = NULL;

      doc = reference_document (req, conn, account, reference_names[i], &version, &error);
      if (error != NULL)
        {
          _loket_request_gerror (req, error);
          return;
        }
      if (doc != NULL)
        loket_sync_reference_index_add (index, reference_names[i], version);
    }
  _loket_request_json (req, 200, loket_sync_reference_index_to_json (index));
}

void
_loket_endpoint_reference_get (LoketRequest *req, PGconn *conn)
{
  g_autoptr (LoketAccount) account = authenticate (req, conn);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) doc = NULL;
  g_autofree char *version = NULL;
  g_autofree char *etag = NULL;

  if (account == NULL)
    return;
  if (!loket_sync_reference_name_is_valid (req->argument))
    {
      _loket_request_error (req, LOKET_SYNC_ERROR_NOT_FOUND, "No such reference document", NULL);
      return;
    }
  doc = reference_document (req, conn, account, req->argument, &version, &error);
  if (doc == NULL)
    {
      if (error != NULL)
        _loket_request_gerror (req, error);
      else
        _loket_request_error (req, LOKET_SYNC_ERROR_NOT_FOUND,
                              "No such reference document for this agency", NULL);
      return;
    }

  etag = g_strdup_printf ("\"%s\"", version);
  _loket_request_header (req, "ETag", etag);
  if (req->if_none_match != NULL
      && (g_str_equal (req->if_none_match, etag) || g_str_equal (req->if_none_match, version)))
    {
      req->status = 304;
      return;
    }
  req->status = 200;
  req->content_type = g_strdup ("application/json; charset=utf-8");
  req->reply = g_steal_pointer (&doc);
}

/* ---- Number leases ---------------------------------------------------------------------- */

static gboolean
register_is_valid (const char *name)
{
  gsize n = 0;

  for (const char *p = name; *p != '\0'; p++, n++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_' && *p != '.')
      return FALSE;
  return n > 0 && n <= REGISTER_MAX;
}

void
_loket_endpoint_lease (LoketRequest *req, PGconn *conn)
{
  g_autoptr (LoketAccount) account = authenticate (req, conn);
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketSyncLeaseRequest) request = NULL;
  g_autoptr (LoketSyncLease) lease = NULL;
  g_autoptr (PGresult) rows = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) year_end = NULL;
  g_autofree char *expires = NULL;
  char   year_text[16], count_text[32], first_text[32], last_text[32];
  gsize  size;
  gconstpointer data;

  if (account == NULL)
    return;
  if (!has_case_role (account))
    {
      _loket_request_error (req, LOKET_SYNC_ERROR_FORBIDDEN, "This account may not number letters",
                            NULL);
      return;
    }
  data = g_bytes_get_data (req->body, &size);
  request = loket_sync_lease_request_parse (data, size, &error);
  if (request == NULL)
    {
      _loket_request_gerror (req, error);
      return;
    }
  if (!register_is_valid (request->register_name))
    {
      _loket_request_error (req, LOKET_SYNC_ERROR_BAD_REQUEST, "Invalid register name", NULL);
      return;
    }

  lease = loket_sync_lease_new ();
  lease->agency = g_strdup (account->agency);
  lease->register_name = g_strdup (request->register_name);
  lease->year = request->year;
  lease->expires_at = g_date_time_add_days (now, (int) req->server->config->lease_days);
  year_end = g_date_time_new_utc (request->year, 12, 31, 23, 59, 59);
  if (g_date_time_compare (year_end, lease->expires_at) < 0)
    {
      g_date_time_unref (lease->expires_at);
      lease->expires_at = g_date_time_ref (year_end);
    }
  expires = g_date_time_format_iso8601 (lease->expires_at);

  g_snprintf (year_text, sizeof year_text, "%d", request->year);
  g_snprintf (count_text, sizeof count_text, "%" G_GINT64_FORMAT, request->count);
  {
    const char *key[] = { account->agency, request->register_name, year_text };
    const char *bump[] = { account->agency, request->register_name, year_text, count_text };

    /* The counter row is locked until COMMIT: concurrent leases queue on it. */
    if (!loket_pg_exec (conn, "BEGIN", 0, NULL, &error)
        || !loket_pg_exec (conn,
                           "INSERT INTO number_counters (agency, register, year, next)"
                           " VALUES ($1, $2, $3::int, 1) ON CONFLICT DO NOTHING",
                           3, key, &error))
      goto fail;
    rows = loket_pg_query (conn,
                           "UPDATE number_counters SET next = next + $4::bigint"
                           " WHERE agency = $1 AND register = $2 AND year = $3::int"
                           " RETURNING next - $4::bigint, next - 1",
                           4, bump, &error);
    if (rows == NULL || PQntuples (rows) != 1)
      goto fail;
    lease->first = g_ascii_strtoll (PQgetvalue (rows, 0, 0), NULL, 10);
    lease->last = g_ascii_strtoll (PQgetvalue (rows, 0, 1), NULL, 10);
  }
  g_snprintf (first_text, sizeof first_text, "%" G_GINT64_FORMAT, lease->first);
  g_snprintf (last_text, sizeof last_text, "%" G_GINT64_FORMAT, lease->last);
  {
    const char *params[] = { account->agency, request->register_name, year_text, first_text,
                             last_text, request->device, account->username, expires };

    if (!loket_pg_exec (conn,
                        "INSERT INTO number_leases (agency, register, year, first, last, device,"
                        " username, expires_at) VALUES ($1, $2, $3::int, $4::bigint, $5::bigint,"
                        " $6, $7, $8::timestamptz)",
                        8, params, &error)
        || !loket_pg_exec (conn, "COMMIT", 0, NULL, &error))
      goto fail;
  }
  _loket_request_json (req, 200, loket_sync_lease_to_json (lease));
  return;

fail:
  if (error == NULL)
    g_set_error_literal (&error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_INTERNAL, "No counter row");
  fail_transaction (req, conn, error);
}
