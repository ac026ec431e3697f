// SPDX-License-Identifier: GPL-3.0-or-later
// The sync protocol's error codes and error body (src/sync/PROTOCOL.md "Errors").

#include "config.h"

#include "loket-sync-error.h"

#include <json-glib/json-glib.h>

#include "loket-sync-json-private.h"

G_DEFINE_QUARK (loket - sync - error - quark, loket_sync_error)

static const struct
{
  const char *name;
  guint       status;
} codes[] = {
  [LOKET_SYNC_ERROR_BAD_REQUEST] = { "bad_request", 400 },
  [LOKET_SYNC_ERROR_UNSUPPORTED_MEDIA_TYPE] = { "unsupported_media_type", 415 },
  [LOKET_SYNC_ERROR_UNAUTHORIZED] = { "unauthorized", 401 },
  [LOKET_SYNC_ERROR_LOGIN_FAILED] = { "login_failed", 401 },
  [LOKET_SYNC_ERROR_THROTTLED] = { "throttled", 429 },
  [LOKET_SYNC_ERROR_FORBIDDEN] = { "forbidden", 403 },
  [LOKET_SYNC_ERROR_NOT_FOUND] = { "not_found", 404 },
  [LOKET_SYNC_ERROR_HASH_MISMATCH] = { "hash_mismatch", 422 },
  [LOKET_SYNC_ERROR_INVALID_EVENT] = { "invalid_event", 422 },
  [LOKET_SYNC_ERROR_TOO_LARGE] = { "too_large", 413 },
  [LOKET_SYNC_ERROR_CONFLICT] = { "conflict", 409 },
  [LOKET_SYNC_ERROR_UNAVAILABLE] = { "unavailable", 503 },
  [LOKET_SYNC_ERROR_INTERNAL] = { "internal", 500 },
};

const char *
loket_sync_error_code_name (LoketSyncError code)
{
  if ((guint) code >= G_N_ELEMENTS (codes))
    return NULL;
  return codes[code].name;
}

gboolean
loket_sync_error_code_from_name (const char *name, LoketSyncError *code)
{
  if (name == NULL)
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    if (g_str_equal (codes[i].name, name))
      {
        if (code != NULL)
          *code = (LoketSyncError) i;
        return TRUE;
      }
  return FALSE;
}

guint
loket_sync_error_http_status (LoketSyncError code)
{
  if ((guint) code >= G_N_ELEMENTS (codes))
    return 500;
  return codes[code].status;
}

char *
loket_sync_error_body_to_json (LoketSyncError code, const char *message, const char *event_uuid)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  const char *name = loket_sync_error_code_name (code);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "error");
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "code");
  json_builder_add_string_value (builder, name != NULL ? name : "internal");
  json_builder_set_member_name (builder, "message");
  json_builder_add_string_value (
    builder, message != NULL && g_utf8_validate (message, -1, NULL) ? message : "");
  if (event_uuid != NULL)
    {
      json_builder_set_member_name (builder, "event");
      json_builder_add_string_value (builder, event_uuid);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  return _loket_sync_builder_to_string (builder, NULL);
}

static LoketSyncError
code_for_status (guint status)
{
  switch (status)
    {
      case 400:
        return LOKET_SYNC_ERROR_BAD_REQUEST;
      case 401:
        return LOKET_SYNC_ERROR_UNAUTHORIZED;
      case 403:
        return LOKET_SYNC_ERROR_FORBIDDEN;
      case 404:
        return LOKET_SYNC_ERROR_NOT_FOUND;
      case 409:
        return LOKET_SYNC_ERROR_CONFLICT;
      case 413:
        return LOKET_SYNC_ERROR_TOO_LARGE;
      case 415:
        return LOKET_SYNC_ERROR_UNSUPPORTED_MEDIA_TYPE;
      case 422:
        return LOKET_SYNC_ERROR_INVALID_EVENT;
      case 429:
        return LOKET_SYNC_ERROR_THROTTLED;
      case 502:
      case 503:
      case 504:
        return LOKET_SYNC_ERROR_UNAVAILABLE;
      default:
        return LOKET_SYNC_ERROR_INTERNAL;
    }
}

GError *
loket_sync_error_from_reply (guint http_status, const char *body, gsize length, char **event_uuid)
{
  g_autoptr (JsonObject) root = NULL;
  JsonNode      *node;
  JsonObject    *error_object;
  const char    *name = NULL;
  const char    *message = NULL;
  const char    *event = NULL;
  LoketSyncError code;

  if (event_uuid != NULL)
    *event_uuid = NULL;

  if (body != NULL)
    root = _loket_sync_parse_object (body, length, NULL);
  node = root != NULL ? json_object_get_member (root, "error") : NULL;
  error_object = node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  if (error_object == NULL || !_loket_sync_get_string (error_object, "code", TRUE, 64, &name, NULL)
      || !loket_sync_error_code_from_name (name, &code))
    {
      code = code_for_status (http_status);
      return g_error_new (LOKET_SYNC_ERROR, code, "HTTP %u", http_status);
    }

  if (!_loket_sync_get_string (error_object, "message", FALSE, 4096, &message, NULL))
    message = NULL;
  if (_loket_sync_get_string (error_object, "event", FALSE, 64, &event, NULL) && event != NULL
      && event_uuid != NULL)
    *event_uuid = g_strdup (event);

  return g_error_new_literal (LOKET_SYNC_ERROR, code, message != NULL ? message : name);
}
