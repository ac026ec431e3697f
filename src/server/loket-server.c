// SPDX-License-Identifier: GPL-3.0-or-later
// loket-server: HTTP side. Handlers run on the main context, copy what the endpoint needs,
// pause the message and hand it to a database worker; the reply comes back through
// g_main_context_invoke and the message is unpaused there (HOUSE-STYLE rule 25).

#include "config.h"

#include "loket-server.h"

#include <string.h>

#include "loket-server-private.h"

#define JSON_TYPE "application/json"
#define BLOB_TYPE "application/octet-stream"
/* Failed logins older than this (with no lockout running) no longer count. */
#define FORGET_FAILURES_SECONDS (60 * 60)

static void
request_free (LoketRequest *req)
{
  g_clear_object (&req->msg);
  g_free (req->method);
  g_free (req->path);
  g_free (req->argument);
  g_clear_pointer (&req->query, g_hash_table_unref);
  if (req->token != NULL)
    memset (req->token, 0, strlen (req->token));
  g_free (req->token);
  g_free (req->remote);
  g_free (req->if_none_match);
  g_free (req->range);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_free (req->content_type);
  g_clear_pointer (&req->reply, g_bytes_unref);
  g_clear_pointer (&req->headers, g_ptr_array_unref);
  g_free (req->log_user);
  g_free (req);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketRequest, request_free)

void
_loket_request_json (LoketRequest *req, guint status, char *json)
{
  req->status = status;
  g_free (req->content_type);
  req->content_type = g_strdup (JSON_TYPE "; charset=utf-8");
  g_clear_pointer (&req->reply, g_bytes_unref);
  req->reply = g_bytes_new_take (json, strlen (json));
}

void
_loket_request_error (LoketRequest  *req,
                      LoketSyncError code,
                      const char    *message,
                      const char    *event_uuid)
{
  _loket_request_json (req, loket_sync_error_http_status (code),
                       loket_sync_error_body_to_json (code, message, event_uuid));
  if (code == LOKET_SYNC_ERROR_UNAVAILABLE)
    _loket_request_header (req, "Retry-After", "5");
}

void
_loket_request_gerror (LoketRequest *req, const GError *error)
{
  if (error->domain == LOKET_SYNC_ERROR)
    {
      /* Database and internal details stay in the log, not in the reply. */
      if (error->code == LOKET_SYNC_ERROR_INTERNAL || error->code == LOKET_SYNC_ERROR_UNAVAILABLE)
        {
          g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "LOKET_PATH", req->path, "MESSAGE",
                            "%s %s failed: %s", req->method, req->path, error->message);
          _loket_request_error (req, error->code,
                                error->code == LOKET_SYNC_ERROR_INTERNAL ? "Internal error"
                                                                         : "Database unavailable",
                                NULL);
        }
      else
        _loket_request_error (req, error->code, error->message, NULL);
      return;
    }
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "LOKET_PATH", req->path, "MESSAGE",
                    "%s %s failed: %s", req->method, req->path, error->message);
  _loket_request_error (req, LOKET_SYNC_ERROR_INTERNAL, "Internal error", NULL);
}

void
_loket_request_header (LoketRequest *req, const char *name, const char *value)
{
  if (req->headers == NULL)
    req->headers = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (req->headers, g_strdup (name));
  g_ptr_array_add (req->headers, g_strdup (value));
}

static void
log_request (LoketRequest *req)
{
  char status[16], ms[32];

  g_snprintf (status, sizeof status, "%u", req->status);
  g_snprintf (ms, sizeof ms, "%.1f", (g_get_monotonic_time () - req->started) / 1000.0);
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO, "LOKET_METHOD", req->method, "LOKET_PATH",
                    req->path, "LOKET_STATUS", status, "LOKET_DURATION_MS", ms, "MESSAGE",
                    "%s %s → %u (%s ms)", req->method, req->path, req->status, ms);
  if (req->log_user != NULL)
    g_debug ("%s %s by %s", req->method, req->path, req->log_user);
}

/* Main context: writes the reply the endpoint (or the router) made. */
static void
respond (LoketRequest *req)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (req->msg);

  if (req->status == 0)
    _loket_request_error (req, LOKET_SYNC_ERROR_INTERNAL, "No reply", NULL);

  soup_server_message_set_status (req->msg, req->status, NULL);
  for (guint i = 0; req->headers != NULL && i + 1 < req->headers->len; i += 2)
    soup_message_headers_replace (headers, req->headers->pdata[i], req->headers->pdata[i + 1]);
  soup_message_headers_replace (headers, "Cache-Control", "no-store");
  if (req->reply != NULL && req->content_type != NULL)
    {
      SoupMessageBody *body = soup_server_message_get_response_body (req->msg);

      soup_message_headers_set_content_type (headers, req->content_type, NULL);
      if (!g_str_equal (req->method, "HEAD"))
        soup_message_body_append_bytes (body, req->reply);
    }
  log_request (req);
}

static gboolean
finish_in_main (gpointer data)
{
  g_autoptr (LoketRequest) req = data;
  LoketServer *self = req->server;

  respond (req);
  soup_server_message_unpause (req->msg);
  self->in_flight--;
  return G_SOURCE_REMOVE;
}

static void
run_endpoint (PGconn *conn, gpointer job, gpointer user_data)
{
  LoketRequest *req = job;

  if (conn == NULL)
    _loket_request_error (req, LOKET_SYNC_ERROR_UNAVAILABLE, "Database unavailable", NULL);
  else
    req->endpoint (req, conn);
  g_main_context_invoke (req->server->context, finish_in_main, req);
}

/* ---- Routing ---------------------------------------------------------------------------- */

typedef struct
{
  const char       *method;
  const char       *path;      /* exact, or a prefix ending in '/' that takes one argument */
  gboolean          json_body; /* needs application/json */
  gboolean          blob_body; /* needs application/octet-stream */
  LoketEndpointFunc endpoint;
} Route;

static const Route routes[] = {
  { "POST", "/session", TRUE, FALSE, _loket_endpoint_session_new },
  { "DELETE", "/session", FALSE, FALSE, _loket_endpoint_session_delete },
  { "POST", "/sync/push", TRUE, FALSE, _loket_endpoint_push },
  { "GET", "/sync/pull", FALSE, FALSE, _loket_endpoint_pull },
  { "PUT", "/blobs/", FALSE, TRUE, _loket_endpoint_blob_put },
  { "HEAD", "/blobs/", FALSE, FALSE, _loket_endpoint_blob_get },
  { "GET", "/blobs/", FALSE, FALSE, _loket_endpoint_blob_get },
  { "GET", "/reference", FALSE, FALSE, _loket_endpoint_reference_list },
  { "GET", "/reference/", FALSE, FALSE, _loket_endpoint_reference_get },
  { "POST", "/numbering/lease", TRUE, FALSE, _loket_endpoint_lease },
};

/* The route of @method @path (below the API prefix) and its argument; NULL when none. */
static const Route *
find_route (const char *method, const char *path, char **argument, gboolean *path_known)
{
  *argument = NULL;
  *path_known = FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (routes); i++)
    {
      const Route *route = &routes[i];
      gsize        len = strlen (route->path);
      gboolean     match;

      if (route->path[len - 1] == '/')
        match = strncmp (path, route->path, len) == 0 && path[len] != '\0'
                && strchr (path + len, '/') == NULL;
      else
        match = g_str_equal (path, route->path);
      if (!match)
        continue;
      *path_known = TRUE;
      if (!g_str_equal (method, route->method))
        continue;
      if (route->path[len - 1] == '/')
        *argument = g_uri_unescape_string (path + len, NULL);
      return route;
    }
  return NULL;
}

static gboolean
has_type (SoupMessageHeaders *headers, const char *wanted)
{
  const char *type = soup_message_headers_get_content_type (headers, NULL);

  return type != NULL && g_ascii_strcasecmp (type, wanted) == 0;
}

static void
reply_now (LoketServer *self, SoupServerMessage *msg, LoketRequest *req)
{
  req->server = self;
  req->msg = g_object_ref (msg);
  respond (req);
}

static LoketRequest *
request_new (LoketServer *self, SoupServerMessage *msg, const char *path)
{
  LoketRequest *req = g_new0 (LoketRequest, 1);

  req->server = self;
  req->started = g_get_monotonic_time ();
  req->method = g_strdup (soup_server_message_get_method (msg));
  req->path = g_strdup (path);
  return req;
}

/* The client's address: the peer, or behind a trusted proxy the last X-Forwarded-For entry
 * (the one that proxy added; earlier ones are whatever the client claimed). */
static char *
client_address (LoketServer *self, SoupServerMessage *msg, SoupMessageHeaders *headers)
{
  const char *peer = soup_server_message_get_remote_host (msg);
  const char *forwarded = soup_message_headers_get_list (headers, "X-Forwarded-For");
  const char *last;

  if (peer == NULL || forwarded == NULL || self->config->trusted_proxies == NULL
      || !g_strv_contains ((const char *const *) self->config->trusted_proxies, peer))
    return g_strdup (peer);
  last = strrchr (forwarded, ',');
  last = last != NULL ? last + 1 : forwarded;
  while (*last == ' ')
    last++;
  return g_strndup (last, MIN (strlen (last), 64));
}

/* After the headers, before the body: refuses oversized bodies without reading them. */
static void
early_handler_cb (SoupServer        *soup,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  LoketServer        *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  goffset             length = soup_message_headers_get_content_length (headers);
  gboolean            blob = g_str_equal (soup_server_message_get_method (msg), "PUT");
  goffset             limit = blob ? LOKET_SYNC_MAX_BLOB_BYTES : LOKET_SYNC_MAX_JSON_BYTES;

  /* libsoup still reads the body of a refused request (to keep the connection in sync), but
   * without accumulating it: the memory a client can make us hold stays bounded. */
  if (length > limit)
    {
      g_autoptr (LoketRequest) req = request_new (self, msg, path);

      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      _loket_request_error (req, LOKET_SYNC_ERROR_TOO_LARGE, "The body is too large", NULL);
      _loket_request_header (req, "Connection", "close");
      reply_now (self, msg, req);
    }
  else if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CHUNKED)
    {
      /* A chunked body could grow without bound before the handler sees it. */
      g_autoptr (LoketRequest) req = request_new (self, msg, path);

      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      _loket_request_error (req, LOKET_SYNC_ERROR_BAD_REQUEST, "A Content-Length is required",
                            NULL);
      _loket_request_header (req, "Connection", "close");
      reply_now (self, msg, req);
    }
}

static void
handler_cb (SoupServer        *soup,
            SoupServerMessage *msg,
            const char        *full_path,
            GHashTable        *query,
            gpointer           user_data)
{
  LoketServer        *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  const char         *method = soup_server_message_get_method (msg);
  const char         *path = full_path + strlen (LOKET_SYNC_API_PREFIX);
  g_autoptr (LoketRequest) req = NULL;
  g_autofree char *argument = NULL;
  const Route     *route;
  const char      *auth;
  gboolean         path_known;
  SoupMessageBody *body;

  if (!g_str_has_prefix (full_path, LOKET_SYNC_API_PREFIX "/"))
    {
      req = request_new (self, msg, full_path);
      _loket_request_error (req, LOKET_SYNC_ERROR_NOT_FOUND, "No such endpoint", NULL);
      reply_now (self, msg, req);
      return;
    }
  req = request_new (self, msg, path);

  if (g_str_equal (path, "/health") && g_str_equal (method, "GET"))
    {
      _loket_request_json (
        req, self->shutting_down ? 503 : 200,
        g_strdup (self->shutting_down ? "{\"status\":\"stopping\"}" : "{\"status\":\"ok\"}"));
      reply_now (self, msg, req);
      return;
    }

  route = find_route (method, path, &argument, &path_known);
  if (route == NULL)
    {
      _loket_request_error (req, LOKET_SYNC_ERROR_NOT_FOUND,
                            path_known ? "Method not allowed here" : "No such endpoint", NULL);
      reply_now (self, msg, req);
      return;
    }
  if ((route->json_body && !has_type (headers, JSON_TYPE))
      || (route->blob_body && !has_type (headers, BLOB_TYPE)))
    {
      _loket_request_error (req, LOKET_SYNC_ERROR_UNSUPPORTED_MEDIA_TYPE,
                            route->json_body ? "The body must be application/json"
                                             : "The body must be application/octet-stream",
                            NULL);
      reply_now (self, msg, req);
      return;
    }
  body = soup_server_message_get_request_body (msg);
  if (body->length > (route->blob_body ? LOKET_SYNC_MAX_BLOB_BYTES : LOKET_SYNC_MAX_JSON_BYTES))
    {
      /* A chunked body has no Content-Length for the early check. */
      _loket_request_error (req, LOKET_SYNC_ERROR_TOO_LARGE, "The body is too large", NULL);
      reply_now (self, msg, req);
      return;
    }
  if (g_object_get_data (G_OBJECT (msg), "loket-late") != NULL)
    {
      _loket_request_error (req, LOKET_SYNC_ERROR_UNAVAILABLE, "The server is stopping", NULL);
      _loket_request_header (req, "Connection", "close");
      reply_now (self, msg, req);
      return;
    }

  req->msg = g_object_ref (msg);
  req->endpoint = route->endpoint;
  req->argument = g_steal_pointer (&argument);
  req->query = query != NULL ? g_hash_table_ref (query) : NULL;
  auth = soup_message_headers_get_one (headers, "Authorization");
  if (auth != NULL && g_ascii_strncasecmp (auth, "Bearer ", 7) == 0)
    req->token = g_strstrip (g_strdup (auth + 7));
  req->remote = client_address (self, msg, headers);
  req->if_none_match = g_strdup (soup_message_headers_get_one (headers, "If-None-Match"));
  req->range = g_strdup (soup_message_headers_get_one (headers, "Range"));
  if (route->json_body || route->blob_body)
    req->body = soup_message_body_flatten (body);

  self->in_flight++;
  soup_server_message_pause (msg);
  loket_pg_pool_push (self->pool, g_steal_pointer (&req));
}

/* ---- Lifecycle -------------------------------------------------------------------------- */

/* Requests are counted from their headers on, so a shutdown also waits for a body that is still
 * arriving; requests that start after it get 503. */
static void
got_headers_cb (SoupServerMessage *msg, gpointer user_data)
{
  LoketServer *self = user_data;

  self->active++;
  g_object_set_data (G_OBJECT (msg), "loket-counted", GINT_TO_POINTER (1));
  if (self->shutting_down)
    g_object_set_data (G_OBJECT (msg), "loket-late", GINT_TO_POINTER (1));
}

/* A keep-alive connection starts its next (blank) request at once: count it from its headers. */
static void
request_started_cb (SoupServer *soup, SoupServerMessage *msg, gpointer user_data)
{
  g_signal_connect (msg, "got-headers", G_CALLBACK (got_headers_cb), user_data);
}

static void
request_done_cb (SoupServer *soup, SoupServerMessage *msg, gpointer user_data)
{
  LoketServer *self = user_data;

  if (g_object_steal_data (G_OBJECT (msg), "loket-counted") != NULL && self->active > 0)
    self->active--;
}

LoketServer *
loket_server_new (const LoketServerConfig *config, GError **error)
{
  LoketServer *self = g_new0 (LoketServer, 1);
  g_autoptr (PGconn) conn = NULL;
  g_autoptr (GSList) uris = NULL;
  g_autoptr (GInetAddress) address = NULL;
  g_autoptr (GSocketAddress) socket_address = NULL;
  SoupServerListenOptions options = 0;

  self->config = g_new0 (LoketServerConfig, 1);
  *self->config = *config;
  self->config->listen_address = g_strdup (config->listen_address);
  self->config->data_dir = g_strdup (config->data_dir);
  self->config->tls_certificate = g_strdup (config->tls_certificate);
  self->config->tls_key = g_strdup (config->tls_key);
  self->config->database = g_strdup (config->database);
  self->config->trusted_proxies = g_strdupv (config->trusted_proxies);
  self->context = g_main_context_ref_thread_default ();
  self->throttle = loket_throttle_new (config->login_max_failures, config->login_lockout,
                                       FORGET_FAILURES_SECONDS);
  self->address_throttle = loket_throttle_new (config->login_max_failures * 10,
                                               config->login_lockout, FORGET_FAILURES_SECONDS);

  conn = loket_pg_connect (config->database, error);
  if (conn == NULL || !loket_pg_migrate (conn, error))
    goto fail;
  g_clear_pointer (&conn, PQfinish);

  self->reference = loket_reference_load (config->data_dir, error);
  if (self->reference == NULL)
    goto fail;
  {
    g_autofree char *catalog_path = g_build_filename (config->data_dir, "catalog", NULL);
    g_autoptr (GFile) catalog_dir = g_file_new_for_path (catalog_path);
    g_autoptr (LoketServiceCatalog) catalog
      = loket_service_catalog_new_from_directory (catalog_dir, error);
    g_autoptr (LoketWorkCalendar) calendar = NULL;

    /* Deadlines do not matter to a body check: the built-in calendar will do. */
    if (catalog == NULL || (calendar = loket_work_calendar_new_default (error)) == NULL)
      goto fail;
    self->projector = loket_case_projector_new (catalog, calendar);
  }

  self->soup = soup_server_new ("server-header", "loket-server", NULL);
  if ((config->tls_certificate != NULL) != (config->tls_key != NULL))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "TLS needs both a certificate and a key file");
      goto fail;
    }
  if (config->tls_certificate != NULL)
    {
      g_autoptr (GTlsCertificate) certificate
        = g_tls_certificate_new_from_files (config->tls_certificate, config->tls_key, error);

      if (certificate == NULL)
        goto fail;
      soup_server_set_tls_certificate (self->soup, certificate);
      options |= SOUP_SERVER_LISTEN_HTTPS;
    }
  g_signal_connect (self->soup, "request-started", G_CALLBACK (request_started_cb), self);
  g_signal_connect (self->soup, "request-finished", G_CALLBACK (request_done_cb), self);
  g_signal_connect (self->soup, "request-aborted", G_CALLBACK (request_done_cb), self);
  soup_server_add_early_handler (self->soup, LOKET_SYNC_API_PREFIX, early_handler_cb, self, NULL);
  soup_server_add_handler (self->soup, NULL, handler_cb, self, NULL);
  /* The early handler's path entry needs the normal handler too, or libsoup answers 500. */
  soup_server_add_handler (self->soup, LOKET_SYNC_API_PREFIX, handler_cb, self, NULL);

  address = g_inet_address_new_from_string (config->listen_address);
  if (address == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT, "“%s” is not an IP address",
                   config->listen_address);
      goto fail;
    }
  if (config->tls_certificate == NULL && !g_inet_address_get_is_loopback (address))
    g_log_structured (
      G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "MESSAGE",
      "Serving plain HTTP on %s: passwords and tokens cross the network unencrypted;"
      " set tls-certificate and tls-key",
      config->listen_address);
  socket_address = g_inet_socket_address_new (address, (guint16) config->port);
  if (!soup_server_listen (self->soup, socket_address, options, error))
    goto fail;

  uris = soup_server_get_uris (self->soup);
  self->url = uris != NULL ? g_uri_to_string (uris->data) : g_strdup ("");
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);

  self->pool = loket_pg_pool_new (config->database, config->db_connections, run_endpoint, self);
  return self;

fail:
  loket_server_free (self);
  return NULL;
}

const char *
loket_server_get_url (LoketServer *self)
{
  return self->url;
}

static gboolean
check_drained_cb (gpointer data)
{
  LoketServer *self = data;

  if ((self->in_flight > 0 || self->active > 0)
      && g_get_monotonic_time () < self->shutdown_deadline)
    return G_SOURCE_CONTINUE;
  if (self->in_flight > 0 || self->active > 0)
    g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_WARNING, "MESSAGE",
                      "Stopping with %u requests still running",
                      MAX (self->in_flight, self->active));
  self->shutdown_source = 0;
  soup_server_disconnect (self->soup);
  self->shutdown_done (self->shutdown_data);
  return G_SOURCE_REMOVE;
}

void
loket_server_shutdown (LoketServer *self, GSourceFunc done, gpointer user_data)
{
  if (self->shutting_down)
    return;
  self->shutting_down = TRUE;
  self->shutdown_done = done;
  self->shutdown_data = user_data;
  self->shutdown_deadline
    = g_get_monotonic_time () + (gint64) self->config->shutdown_grace * G_USEC_PER_SEC;
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO, "MESSAGE", "Stopping: %u requests in flight",
                    self->active);
  /* New requests get 503 from now on; the connections close once the in-flight ones are done
   * (soup_server_disconnect would cut those too). */
  self->shutdown_source = g_timeout_add (20, check_drained_cb, self);
}

void
loket_server_free (LoketServer *self)
{
  if (self == NULL)
    return;
  g_clear_handle_id (&self->shutdown_source, g_source_remove);
  g_clear_pointer (&self->pool, loket_pg_pool_free);
  /* Replies the workers queued on the way out. */
  while (g_main_context_iteration (self->context, FALSE))
    ;
  g_clear_object (&self->soup);
  g_clear_pointer (&self->reference, loket_reference_free);
  g_clear_object (&self->projector);
  g_clear_pointer (&self->throttle, loket_throttle_free);
  g_clear_pointer (&self->address_throttle, loket_throttle_free);
  g_clear_pointer (&self->context, g_main_context_unref);
  loket_server_config_free (self->config);
  g_free (self->url);
  g_free (self);
}
