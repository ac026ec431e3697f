// SPDX-License-Identifier: GPL-3.0-or-later
// JSON reading helpers shared by the protocol's message parsers.

#include "config.h"

#include "loket-sync-json-private.h"

#include <string.h>

#include "loket-sync-error.h"
#include "loket-sync-protocol.h"

JsonObject *
_loket_sync_parse_object (const char *data, gsize length, GError **error)
{
  g_autoptr (JsonParser) parser = NULL;
  g_autoptr (GError) local_error = NULL;
  JsonNode *root;

  if (data == NULL || length == 0)
    {
      g_set_error_literal (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST,
                           "The body is empty");
      return NULL;
    }
  if (length > LOKET_SYNC_MAX_JSON_BYTES)
    {
      g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_TOO_LARGE,
                   "The body is larger than %d bytes", LOKET_SYNC_MAX_JSON_BYTES);
      return NULL;
    }
  if (!g_utf8_validate (data, length, NULL))
    {
      g_set_error_literal (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST,
                           "The body is not valid UTF-8");
      return NULL;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, data, (gssize) length, &local_error))
    {
      g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST,
                   "The body is not valid JSON: %s", local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST,
                           "The body is not a JSON object");
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

gboolean
_loket_sync_get_string (JsonObject  *object,
                        const char  *member,
                        gboolean     required,
                        gsize        max_bytes,
                        const char **value,
                        GError     **error)
{
  JsonNode   *node = json_object_get_member (object, member);
  const char *text;

  *value = NULL;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (!required)
        return TRUE;
      g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST,
                   "The member “%s” is missing", member);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    {
      g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST,
                   "The member “%s” is not a string", member);
      return FALSE;
    }
  text = json_node_get_string (node);
  if (text == NULL || strlen (text) > max_bytes)
    {
      g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST,
                   "The member “%s” is longer than %" G_GSIZE_FORMAT " bytes", member, max_bytes);
      return FALSE;
    }
  if (required && *text == '\0')
    {
      g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST,
                   "The member “%s” is empty", member);
      return FALSE;
    }
  *value = text;
  return TRUE;
}

gboolean
_loket_sync_get_int (JsonObject *object,
                     const char *member,
                     gboolean    required,
                     gint64     *value,
                     GError    **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (!required)
        return TRUE;
      g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST,
                   "The member “%s” is missing", member);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64)
    {
      g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST,
                   "The member “%s” is not an integer", member);
      return FALSE;
    }
  *value = json_node_get_int (node);
  return TRUE;
}

gboolean
_loket_sync_get_bool (JsonObject *object, const char *member, gboolean *value, GError **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST,
                   "The member “%s” is missing or not a boolean", member);
      return FALSE;
    }
  *value = json_node_get_boolean (node);
  return TRUE;
}

JsonArray *
_loket_sync_get_array (JsonObject *object, const char *member, GError **error)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST,
                   "The member “%s” is missing or not an array", member);
      return NULL;
    }
  return json_node_get_array (node);
}

GDateTime *
_loket_sync_get_time (JsonObject *object, const char *member, GError **error)
{
  g_autoptr (GTimeZone) utc = g_time_zone_new_utc ();
  const char *text;
  GDateTime  *time;
  gsize       len;

  if (!_loket_sync_get_string (object, member, TRUE, 64, &text, error))
    return NULL;
  len = strlen (text);
  /* An offset is required: Z, +hh:mm or -hh:mm at the end. */
  if (!(text[len - 1] == 'Z'
        || (len > 6 && (text[len - 6] == '+' || text[len - 6] == '-') && text[len - 3] == ':')))
    {
      g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST,
                   "The member “%s” is not a time with an offset", member);
      return NULL;
    }
  time = g_date_time_new_from_iso8601 (text, utc);
  if (time == NULL)
    g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST,
                 "The member “%s” is not an ISO 8601 time", member);
  return time;
}

char *
_loket_sync_builder_to_string (JsonBuilder *builder, gsize *length)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  g_autoptr (JsonNode) root = json_builder_get_root (builder);

  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, length);
}
