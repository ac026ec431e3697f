// SPDX-License-Identifier: GPL-3.0-or-later
// POST /sync/push and GET /sync/pull (PROTOCOL.md "Push", "Pull").

#include "config.h"

#include <string.h>

#include "loket-event-check.h"
#include "loket-event-permissions.h"
#include "loket-server-private.h"

/* ---- Push ------------------------------------------------------------------------------- */

/* The "agency" of a case.registered body; NULL when it has none. */
static char *
registered_agency (LoketEvent *event)
{
  g_autoptr (JsonObject) body = loket_event_parse_body (event, NULL);
  JsonNode *node = body != NULL ? json_object_get_member (body, "agency") : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return g_strdup (json_node_get_string (node));
}

static char *
column_array (GPtrArray *events, const char *(*get) (LoketEvent *) )
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
  g_autoptr (LoketAccount) account
    = _loket_authenticate_for_cases (req, conn, "This account may not write cases");
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
  gsize            size;
  gconstpointer    data;

  if (account == NULL)
    return;

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

  /* The role may write every type of the batch, and every body keeps its type's contract: a PC
   * refuses to store an event it cannot fold, so one bad event here would stop every PC of the
   * office at the same page of its pull. */
  for (guint i = 0; i < push->events->len; i++)
    {
      LoketEvent *event = push->events->pdata[i];
      g_autoptr (GError) invalid = NULL;

      if (!loket_event_permission_allows ((const char *const *) account->roles,
                                          loket_event_get_event_type (event)))
        {
          g_autofree char *message = g_strdup_printf ("This account’s roles may not write %s",
                                                      loket_event_get_event_type (event));

          _loket_request_error (req, LOKET_SYNC_ERROR_FORBIDDEN, message,
                                loket_event_get_uuid (event));
          return;
        }
      if (!loket_event_check_body (req->server->projector, event, &invalid))
        {
          _loket_request_error (req, LOKET_SYNC_ERROR_INVALID_EVENT, invalid->message,
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
        _loket_fail_transaction (req, conn, error);
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
        _loket_fail_transaction (req, conn, error);
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
      LoketEvent      *event = push->events->pdata[i];
      const char      *case_uuid = loket_event_get_case_uuid (event);
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

    rows = loket_pg_query (
      conn, "SELECT uuid::text, seq, agency FROM events WHERE uuid = ANY ($1::uuid[])", 1, params,
      &error);
    if (rows == NULL)
      {
        _loket_fail_transaction (req, conn, error);
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
      g_autofree char *array
        = loket_pg_text_array ((const char *const *) new_cases->pdata, new_cases->len);
      const char *params[] = { array, account->agency };

      if (!loket_pg_exec (conn,
                          "INSERT INTO cases (case_uuid, agency)"
                          " SELECT c, $2 FROM unnest ($1::uuid[]) AS c ON CONFLICT DO NOTHING",
                          2, params, &error))
        {
          _loket_fail_transaction (req, conn, error);
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
      const char      *params[] = { uuids,  cases, types,  authors,         devices,          hlcs,
                                    bodies, prevs, hashes, account->agency, account->username };

      rows
        = loket_pg_query (conn,
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
          _loket_fail_transaction (req, conn, error);
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
      _loket_fail_transaction (req, conn, error);
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
  g_autoptr (LoketAccount) account
    = _loket_authenticate_for_cases (req, conn, "This account may not read cases");
  g_autoptr (GError) error = NULL;
  g_autoptr (PGresult) rows = NULL;
  g_autoptr (LoketSyncPullReply) reply = NULL;
  gint64 after = 0, limit = LOKET_SYNC_DEFAULT_PULL_LIMIT;
  char   after_text[32], limit_text[32];
  int    n;

  if (account == NULL)
    return;
  if (!_loket_query_int (req, "after", 0, G_MAXINT64, &after)
      || !_loket_query_int (req, "limit", 1, LOKET_SYNC_MAX_PULL_LIMIT, &limit))
    return;

  g_snprintf (after_text, sizeof after_text, "%" G_GINT64_FORMAT, after);
  g_snprintf (limit_text, sizeof limit_text, "%" G_GINT64_FORMAT, limit + 1);
  /* A page is a walk of the (agency, seq) index that stops after @limit rows, whatever the
   * statistics say. Without them (a table never analysed, as after a bulk load) the planner
   * guesses a few rows and prefers a bitmap scan that reads and sorts every later event of the
   * agency: each page then costs as much as all the rest, and a first sync grows quadratically. */
  {
    const char *params[] = { account->agency, after_text, limit_text };

    if (!loket_pg_exec (conn, "BEGIN READ ONLY", 0, NULL, &error)
        || !loket_pg_exec (conn, "SET LOCAL enable_bitmapscan = off", 0, NULL, &error)
        || !loket_pg_exec (conn, "SET LOCAL enable_sort = off", 0, NULL, &error))
      {
        _loket_fail_transaction (req, conn, error);
        return;
      }
    rows = loket_pg_query (conn,
                           "SELECT seq, uuid::text, case_uuid::text, type, author, device, hlc,"
                           " body_text, prev_hash, hash FROM events"
                           " WHERE agency = $1 AND seq > $2::bigint ORDER BY seq LIMIT $3::int",
                           3, params, &error);
    if (rows == NULL || !loket_pg_exec (conn, "COMMIT", 0, NULL, &error))
      {
        _loket_fail_transaction (req, conn, error);
        return;
      }
  }

  reply = loket_sync_pull_reply_new ();
  n = PQntuples (rows);
  for (int r = 0; r < MIN (n, (int) limit); r++)
    {
      g_autoptr (LoketEvent) event = loket_event_new (
        PQgetvalue (rows, r, 1), PQgetvalue (rows, r, 2), PQgetvalue (rows, r, 3),
        PQgetvalue (rows, r, 4), PQgetvalue (rows, r, 5), PQgetvalue (rows, r, 6),
        PQgetvalue (rows, r, 7));

      loket_event_set_chain (event, PQgetisnull (rows, r, 8) ? NULL : PQgetvalue (rows, r, 8),
                             PQgetisnull (rows, r, 9) ? NULL : PQgetvalue (rows, r, 9));
      loket_sync_pull_reply_add_event (reply, event,
                                       g_ascii_strtoll (PQgetvalue (rows, r, 0), NULL, 10));
    }
  if (reply->events->len == 0)
    reply->last_seq = after;
  reply->more = n > (int) limit;
  _loket_request_json (req, 200, loket_sync_pull_reply_to_json (reply, NULL));
}
