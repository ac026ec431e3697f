// SPDX-License-Identifier: GPL-3.0-or-later
// LoketSyncClient: requests of PROTOCOL.md with soup_session_send_and_read_async only.
#include "config.h"

#include "loket-sync-client.h"

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>
#include <string.h>

#include "loket-error.h"

struct _LoketSyncClient
{
  GObject parent_instance;

  SoupSession *session;
  char        *base_url; /* without a trailing '/' */
  char        *api_url;  /* base_url + LOKET_SYNC_API_PREFIX */
  GMutex       lock;     /* guards token */
  char        *token;
};

G_DEFINE_FINAL_TYPE (LoketSyncClient, loket_sync_client, G_TYPE_OBJECT)

typedef enum
{
  REPLY_JSON,
  REPLY_BYTES,
  REPLY_STATUS, /* HEAD: 200 → TRUE, 404 → FALSE */
  REPLY_NONE,
  REPLY_REFERENCE, /* GET /reference/{name}: 304 → NULL without an error */
} ReplyKind;

typedef struct
{
  SoupMessage *message;
  ReplyKind    kind;
  gpointer (*parse) (const char *data, gsize length, GError **error);
  GDestroyNotify free_parsed;
} Request;

static void
request_free (Request *request)
{
  g_clear_object (&request->message);
  g_free (request);
}

/* ---- Helpers ------------------------------------------------------------------------------ */

static char *
bearer (LoketSyncClient *self)
{
  g_autoptr (GMutexLocker) locker = g_mutex_locker_new (&self->lock);

  return self->token != NULL ? g_strconcat ("Bearer ", self->token, NULL) : NULL;
}

static void
sent_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (GTask) task = user_data;
  Request *request = g_task_get_task_data (task);
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) body = NULL;
  guint       status;
  gsize       length = 0;
  const char *data;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  status = soup_message_get_status (request->message);
  data = g_bytes_get_data (body, &length);
  g_debug ("%s %s → %u (%" G_GSIZE_FORMAT " bytes)", soup_message_get_method (request->message),
           g_uri_get_path (soup_message_get_uri (request->message)), status, length);

  if (request->kind == REPLY_STATUS
      && (status == SOUP_STATUS_OK || status == SOUP_STATUS_NOT_FOUND))
    {
      g_task_return_int (task, status == SOUP_STATUS_OK);
      return;
    }
  if (request->kind == REPLY_REFERENCE && status == SOUP_STATUS_NOT_MODIFIED)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  if (status < 200 || status >= 300)
    {
      g_task_return_error (task, loket_sync_error_from_reply (status, data, length, NULL));
      return;
    }
  switch (request->kind)
    {
      case REPLY_JSON:
        {
          gpointer parsed = request->parse (data != NULL ? data : "", length, &error);
          if (parsed == NULL)
            g_task_return_error (task, g_steal_pointer (&error));
          else
            g_task_return_pointer (task, parsed, request->free_parsed);
        }
        break;
      case REPLY_BYTES:
      case REPLY_REFERENCE:
        g_task_return_pointer (task, g_steal_pointer (&body), (GDestroyNotify) g_bytes_unref);
        break;
      case REPLY_STATUS:
      case REPLY_NONE:
        g_task_return_boolean (task, TRUE);
        break;
    }
}

/* Sends @method @path (relative to the API prefix, query included) with @body of @content_type. */
static void
send_request (LoketSyncClient    *self,
              const char         *method,
              const char         *path,
              const char         *content_type,
              GBytes             *body,
              ReplyKind           kind,
              gpointer            parse,
              GDestroyNotify      free_parsed,
              gpointer            source_tag,
              GCancellable       *cancellable,
              GAsyncReadyCallback callback,
              gpointer            user_data)
{
  g_autoptr (GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *url = g_strconcat (self->api_url, path, NULL);
  g_autofree char *auth = bearer (self);
  Request         *request;

  g_task_set_source_tag (task, source_tag);
  request = g_new0 (Request, 1);
  request->kind = kind;
  request->parse = parse;
  request->free_parsed = free_parsed;
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  request->message = soup_message_new (method, url);
  if (request->message == NULL)
    {
      g_task_return_new_error (task, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                               _ ("“%s” is not a valid server address"), self->base_url);
      return;
    }
  if (auth != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (request->message),
                                  "Authorization", auth);
  if (body != NULL)
    soup_message_set_request_body_from_bytes (request->message, content_type, body);
  soup_session_send_and_read_async (self->session, request->message, G_PRIORITY_DEFAULT,
                                    cancellable, sent_cb, g_steal_pointer (&task));
}

static GBytes *
json_bytes (char *text, gsize length)
{
  return g_bytes_new_take (text, length != 0 ? length : strlen (text));
}

static void
wipe_free (gpointer text)
{
  memset (text, 0, strlen (text));
  g_free (text);
}

static gpointer
finish_pointer (LoketSyncClient *self, GAsyncResult *result, gpointer tag, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tag, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static gboolean
finish_boolean (LoketSyncClient *self, GAsyncResult *result, gpointer tag, GError **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == tag, FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* "/blobs/<sha256>"; NULL when @sha256 is not a hash, after failing the call @tag with that. */
static char *
blob_path (LoketSyncClient    *self,
           const char         *sha256,
           gpointer            tag,
           GCancellable       *cancellable,
           GAsyncReadyCallback callback,
           gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;

  if (loket_sync_sha256_is_valid (sha256))
    return g_strconcat ("/blobs/", sha256, NULL);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, tag);
  g_task_return_new_error (task, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _ ("“%s” is not a SHA-256 hash"), sha256 != NULL ? sha256 : "");
  return NULL;
}

static gpointer
parse_session (const char *data, gsize length, GError **error)
{
  return loket_sync_session_parse (data, length, error);
}

static gpointer
parse_push_reply (const char *data, gsize length, GError **error)
{
  return loket_sync_push_reply_parse (data, length, error);
}

static gpointer
parse_pull_reply (const char *data, gsize length, GError **error)
{
  return loket_sync_pull_reply_parse (data, length, error);
}

static gpointer
parse_lease (const char *data, gsize length, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  LoketSyncLease *lease = loket_sync_lease_parse (data, length, &local_error);

  /* A 200 reply that is not a lease: the server's fault, said so (not "update Loket"). */
  if (lease == NULL)
    g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                 _ ("The server’s reply to a request for letter numbers is not valid: %s"),
                 local_error->message);
  return lease;
}

static gpointer
parse_reference_index (const char *data, gsize length, GError **error)
{
  return loket_sync_reference_index_parse (data, length, error);
}

/* ---- GObject ------------------------------------------------------------------------------ */

static void
loket_sync_client_finalize (GObject *object)
{
  LoketSyncClient *self = LOKET_SYNC_CLIENT (object);

  g_clear_object (&self->session);
  g_free (self->base_url);
  g_free (self->api_url);
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (loket_sync_client_parent_class)->finalize (object);
}

static void
loket_sync_client_class_init (LoketSyncClientClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = loket_sync_client_finalize;
}

static void
loket_sync_client_init (LoketSyncClient *self)
{
  g_mutex_init (&self->lock);
}

/* ---- Public API --------------------------------------------------------------------------- */

LoketSyncClient *
loket_sync_client_new (const char *base_url, GError **error)
{
  g_autoptr (LoketSyncClient) self = NULL;
  g_autoptr (GUri) uri = NULL;
  g_autofree char *trimmed = NULL;
  const char      *scheme;

  g_return_val_if_fail (base_url != NULL, NULL);

  trimmed = g_strstrip (g_strdup (base_url));
  while (g_str_has_suffix (trimmed, "/"))
    trimmed[strlen (trimmed) - 1] = '\0';
  uri = g_uri_parse (trimmed, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (uri == NULL || scheme == NULL
      || (g_ascii_strcasecmp (scheme, "http") != 0 && g_ascii_strcasecmp (scheme, "https") != 0)
      || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0'
      || g_uri_get_query (uri) != NULL || g_uri_get_userinfo (uri) != NULL)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("“%s” is not a valid server address (expected http://host:port or "
                      "https://host)"),
                   base_url);
      return NULL;
    }

  self = g_object_new (LOKET_TYPE_SYNC_CLIENT, NULL);
  self->base_url = g_steal_pointer (&trimmed);
  self->api_url = g_strconcat (self->base_url, LOKET_SYNC_API_PREFIX, NULL);
  self->session = soup_session_new_with_options ("timeout", 30, "idle-timeout", 60, "user-agent",
                                                 "Loket/" PACKAGE_VERSION, NULL);
  return g_steal_pointer (&self);
}

const char *
loket_sync_client_get_base_url (LoketSyncClient *self)
{
  g_return_val_if_fail (LOKET_IS_SYNC_CLIENT (self), NULL);
  return self->base_url;
}

void
loket_sync_client_set_token (LoketSyncClient *self, const char *token)
{
  g_autoptr (GMutexLocker) locker = NULL;

  g_return_if_fail (LOKET_IS_SYNC_CLIENT (self));
  locker = g_mutex_locker_new (&self->lock);
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  self->token = g_strdup (token);
}

gboolean
loket_sync_client_has_token (LoketSyncClient *self)
{
  g_autoptr (GMutexLocker) locker = NULL;

  g_return_val_if_fail (LOKET_IS_SYNC_CLIENT (self), FALSE);
  locker = g_mutex_locker_new (&self->lock);
  return self->token != NULL;
}

void
loket_sync_client_set_timeout (LoketSyncClient *self, guint seconds)
{
  g_return_if_fail (LOKET_IS_SYNC_CLIENT (self));
  soup_session_set_timeout (self->session, seconds);
}

gboolean
loket_sync_client_error_is_offline (const GError *error)
{
  if (error == NULL)
    return FALSE;
  if (error->domain == LOKET_SYNC_ERROR)
    return error->code == LOKET_SYNC_ERROR_UNAVAILABLE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;
  return error->domain == G_IO_ERROR || error->domain == G_RESOLVER_ERROR
         || error->domain == SOUP_SESSION_ERROR || error->domain == G_TLS_ERROR;
}

void
loket_sync_client_login_async (LoketSyncClient    *self,
                               const char         *username,
                               const char         *password,
                               const char         *device,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  char *json;

  g_return_if_fail (LOKET_IS_SYNC_CLIENT (self));
  json = loket_sync_session_request_to_json (username, password, device);
  {
    /* The body holds the password: wipe our copy once libsoup has sent it. */
    g_autoptr (GBytes) body = g_bytes_new_with_free_func (json, strlen (json), wipe_free, json);
    loket_sync_client_set_token (self, NULL);
    send_request (self, "POST", "/session", "application/json; charset=utf-8", body, REPLY_JSON,
                  parse_session, (GDestroyNotify) loket_sync_session_free,
                  loket_sync_client_login_async, cancellable, callback, user_data);
  }
}

LoketSyncSession *
loket_sync_client_login_finish (LoketSyncClient *self, GAsyncResult *result, GError **error)
{
  LoketSyncSession *session = finish_pointer (self, result, loket_sync_client_login_async, error);

  if (session != NULL)
    loket_sync_client_set_token (self, session->token);
  return session;
}

void
loket_sync_client_logout_async (LoketSyncClient    *self,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  g_return_if_fail (LOKET_IS_SYNC_CLIENT (self));
  send_request (self, "DELETE", "/session", NULL, NULL, REPLY_NONE, NULL, NULL,
                loket_sync_client_logout_async, cancellable, callback, user_data);
}

gboolean
loket_sync_client_logout_finish (LoketSyncClient *self, GAsyncResult *result, GError **error)
{
  gboolean ok = finish_boolean (self, result, loket_sync_client_logout_async, error);

  loket_sync_client_set_token (self, NULL);
  return ok;
}

void
loket_sync_client_push_async (LoketSyncClient    *self,
                              const char         *device,
                              GPtrArray          *events,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  gsize length = 0;
  char *json;
  g_autoptr (GBytes) body = NULL;

  g_return_if_fail (LOKET_IS_SYNC_CLIENT (self));
  g_return_if_fail (events != NULL && events->len <= LOKET_SYNC_MAX_PUSH_EVENTS);
  json = loket_sync_push_request_to_json (device, events, &length);
  body = json_bytes (json, length);
  send_request (self, "POST", "/sync/push", "application/json; charset=utf-8", body, REPLY_JSON,
                parse_push_reply, (GDestroyNotify) loket_sync_push_reply_free,
                loket_sync_client_push_async, cancellable, callback, user_data);
}

LoketSyncPushReply *
loket_sync_client_push_finish (LoketSyncClient *self, GAsyncResult *result, GError **error)
{
  return finish_pointer (self, result, loket_sync_client_push_async, error);
}

void
loket_sync_client_pull_async (LoketSyncClient    *self,
                              gint64              after,
                              guint               limit,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LOKET_IS_SYNC_CLIENT (self));
  limit = CLAMP (limit, 1, LOKET_SYNC_MAX_PULL_LIMIT);
  path = g_strdup_printf ("/sync/pull?after=%lld&limit=%u", (long long) MAX (after, 0), limit);
  send_request (self, "GET", path, NULL, NULL, REPLY_JSON, parse_pull_reply,
                (GDestroyNotify) loket_sync_pull_reply_free, loket_sync_client_pull_async,
                cancellable, callback, user_data);
}

LoketSyncPullReply *
loket_sync_client_pull_finish (LoketSyncClient *self, GAsyncResult *result, GError **error)
{
  return finish_pointer (self, result, loket_sync_client_pull_async, error);
}

void
loket_sync_client_put_blob_async (LoketSyncClient    *self,
                                  const char         *sha256,
                                  GBytes             *bytes,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LOKET_IS_SYNC_CLIENT (self));
  path
    = blob_path (self, sha256, loket_sync_client_put_blob_async, cancellable, callback, user_data);
  if (path == NULL)
    return;
  send_request (self, "PUT", path, "application/octet-stream", bytes, REPLY_NONE, NULL, NULL,
                loket_sync_client_put_blob_async, cancellable, callback, user_data);
}

gboolean
loket_sync_client_put_blob_finish (LoketSyncClient *self, GAsyncResult *result, GError **error)
{
  return finish_boolean (self, result, loket_sync_client_put_blob_async, error);
}

void
loket_sync_client_head_blob_async (LoketSyncClient    *self,
                                   const char         *sha256,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LOKET_IS_SYNC_CLIENT (self));
  path
    = blob_path (self, sha256, loket_sync_client_head_blob_async, cancellable, callback, user_data);
  if (path == NULL)
    return;
  send_request (self, "HEAD", path, NULL, NULL, REPLY_STATUS, NULL, NULL,
                loket_sync_client_head_blob_async, cancellable, callback, user_data);
}

gboolean
loket_sync_client_head_blob_finish (LoketSyncClient *self,
                                    GAsyncResult    *result,
                                    gboolean        *present,
                                    GError         **error)
{
  g_autoptr (GError) local_error = NULL;
  gssize value;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  value = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  *present = value != 0;
  return TRUE;
}

void
loket_sync_client_get_blob_async (LoketSyncClient    *self,
                                  const char         *sha256,
                                  GCancellable       *cancellable,
                                  GAsyncReadyCallback callback,
                                  gpointer            user_data)
{
  g_autofree char *path = NULL;

  g_return_if_fail (LOKET_IS_SYNC_CLIENT (self));
  path
    = blob_path (self, sha256, loket_sync_client_get_blob_async, cancellable, callback, user_data);
  if (path == NULL)
    return;
  send_request (self, "GET", path, NULL, NULL, REPLY_BYTES, NULL, NULL,
                loket_sync_client_get_blob_async, cancellable, callback, user_data);
}

GBytes *
loket_sync_client_get_blob_finish (LoketSyncClient *self, GAsyncResult *result, GError **error)
{
  return finish_pointer (self, result, loket_sync_client_get_blob_async, error);
}

void
loket_sync_client_lease_async (LoketSyncClient    *self,
                               const char         *register_name,
                               int                 year,
                               gint64              count,
                               const char         *device,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  g_autoptr (GBytes) body = NULL;

  g_return_if_fail (LOKET_IS_SYNC_CLIENT (self));
  body = json_bytes (loket_sync_lease_request_to_json (register_name, year, count, device), 0);
  send_request (self, "POST", "/numbering/lease", "application/json; charset=utf-8", body,
                REPLY_JSON, parse_lease, (GDestroyNotify) loket_sync_lease_free,
                loket_sync_client_lease_async, cancellable, callback, user_data);
}

LoketSyncLease *
loket_sync_client_lease_finish (LoketSyncClient *self, GAsyncResult *result, GError **error)
{
  return finish_pointer (self, result, loket_sync_client_lease_async, error);
}

/* ---- Reference data ----------------------------------------------------------------------- */

void
loket_sync_client_reference_index_async (LoketSyncClient    *self,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data)
{
  g_return_if_fail (LOKET_IS_SYNC_CLIENT (self));
  send_request (self, "GET", "/reference", NULL, NULL, REPLY_JSON, parse_reference_index,
                (GDestroyNotify) loket_sync_reference_index_free,
                loket_sync_client_reference_index_async, cancellable, callback, user_data);
}

LoketSyncReferenceIndex *
loket_sync_client_reference_index_finish (LoketSyncClient *self,
                                          GAsyncResult    *result,
                                          GError         **error)
{
  return finish_pointer (self, result, loket_sync_client_reference_index_async, error);
}

void
loket_sync_client_get_reference_async (LoketSyncClient    *self,
                                       const char         *name,
                                       const char         *version,
                                       GCancellable       *cancellable,
                                       GAsyncReadyCallback callback,
                                       gpointer            user_data)
{
  g_autoptr (GTask) task = NULL;
  g_autofree char *url = NULL;
  g_autofree char *auth = NULL;
  Request         *request;

  g_return_if_fail (LOKET_IS_SYNC_CLIENT (self));
  g_return_if_fail (name != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, loket_sync_client_get_reference_async);
  /* The names are the protocol's own (PROTOCOL.md "Reference data"), never free text. */
  if (!g_str_equal (name, LOKET_SYNC_REFERENCE_ORG_CHART)
      && !g_str_equal (name, LOKET_SYNC_REFERENCE_CATALOG)
      && !g_str_equal (name, LOKET_SYNC_REFERENCE_HOLIDAYS)
      && !g_str_equal (name, LOKET_SYNC_REFERENCE_ACCOUNTS))
    {
      g_task_return_new_error (task, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                               _ ("“%s” is not a kind of reference data"), name);
      return;
    }
  request = g_new0 (Request, 1);
  request->kind = REPLY_REFERENCE;
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);
  url = g_strconcat (self->api_url, "/reference/", name, NULL);
  request->message = soup_message_new ("GET", url);
  if (request->message == NULL)
    {
      g_task_return_new_error (task, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                               _ ("“%s” is not a valid server address"), self->base_url);
      return;
    }
  auth = bearer (self);
  if (auth != NULL)
    soup_message_headers_replace (soup_message_get_request_headers (request->message),
                                  "Authorization", auth);
  if (version != NULL && loket_sync_sha256_is_valid (version))
    {
      g_autofree char *etag = g_strdup_printf ("\"%s\"", version);

      soup_message_headers_replace (soup_message_get_request_headers (request->message),
                                    "If-None-Match", etag);
    }
  soup_session_send_and_read_async (self->session, request->message, G_PRIORITY_DEFAULT,
                                    cancellable, sent_cb, g_steal_pointer (&task));
}

GBytes *
loket_sync_client_get_reference_finish (LoketSyncClient *self,
                                        GAsyncResult    *result,
                                        gboolean        *not_modified,
                                        GError         **error)
{
  g_autoptr (GError) local_error = NULL;
  GBytes *bytes
    = finish_pointer (self, result, loket_sync_client_get_reference_async, &local_error);

  if (not_modified != NULL)
    *not_modified = bytes == NULL && local_error == NULL;
  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return bytes;
}
