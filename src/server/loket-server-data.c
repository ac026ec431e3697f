// SPDX-License-Identifier: GPL-3.0-or-later
// Blobs, reference data and number leases (PROTOCOL.md).

#include "config.h"

#include <string.h>

#include "loket-server-private.h"

#define REGISTER_MAX 64

/* ---- Blobs ------------------------------------------------------------------------------ */

void
_loket_endpoint_blob_put (LoketRequest *req, PGconn *conn)
{
  g_autoptr (LoketAccount) account
    = _loket_authenticate_for_cases (req, conn, "This account may not write cases");
  g_autoptr (GError) error = NULL;
  g_autoptr (PGresult) rows = NULL;
  g_autofree char *actual = NULL;
  gboolean         created = FALSE;
  char             size_text[32];
  gsize            size;
  gconstpointer    data;

  if (account == NULL)
    return;
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
  _loket_fail_transaction (req, conn, error);
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
  g_autoptr (LoketAccount) account
    = _loket_authenticate_for_cases (req, conn, "This account may not read cases");
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
      g_autofree char *content_range = g_strdup_printf (
        "bytes %" G_GINT64_FORMAT "-%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, first, last, size);

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
  char       *text;
  gsize       length;

  rows = loket_pg_query (conn,
                         "SELECT username, coalesce(person, ''), array_to_string(roles, ',')"
                         " FROM users WHERE agency = $1 AND NOT disabled ORDER BY username",
                         1, params, error);
  if (rows == NULL)
    return NULL;
  json_builder_begin_array (builder);
  for (int r = 0; r < PQntuples (rows); r++)
    {
      g_auto (GStrv) roles = _loket_split_roles (PQgetvalue (rows, r, 2));

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
reference_document (LoketRequest *req,
                    PGconn       *conn,
                    LoketAccount *account,
                    const char   *name,
                    char        **version,
                    GError      **error)
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
  LOKET_SYNC_REFERENCE_ORG_CHART,
  LOKET_SYNC_REFERENCE_CATALOG,
  LOKET_SYNC_REFERENCE_HOLIDAYS,
  LOKET_SYNC_REFERENCE_ACCOUNTS,
};

void
_loket_endpoint_reference_list (LoketRequest *req, PGconn *conn)
{
  g_autoptr (LoketAccount) account = _loket_authenticate (req, conn);
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
  g_autoptr (LoketAccount) account = _loket_authenticate (req, conn);
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
  g_autoptr (LoketAccount) account
    = _loket_authenticate_for_cases (req, conn, "This account may not number letters");
  g_autoptr (GError) error = NULL;
  g_autoptr (LoketSyncLeaseRequest) request = NULL;
  g_autoptr (LoketSyncLease) lease = NULL;
  g_autoptr (PGresult) rows = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) year_end = NULL;
  g_autofree char *expires = NULL;
  char             year_text[16], count_text[32], first_text[32], last_text[32];
  gsize            size;
  gconstpointer    data;

  if (account == NULL)
    return;
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
    const char *params[] = { account->agency, request->register_name, year_text,         first_text,
                             last_text,       request->device,        account->username, expires };

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
  _loket_fail_transaction (req, conn, error);
}
