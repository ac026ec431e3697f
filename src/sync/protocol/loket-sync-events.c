// SPDX-License-Identifier: GPL-3.0-or-later
// Events on the wire: the envelope, push request/reply and pull reply (PROTOCOL.md).

#include "config.h"

#include "loket-sync-protocol.h"

#include <string.h>

#include "loket-sync-json-private.h"

#define MAX_ID_BYTES 200

gboolean
loket_sync_sha256_is_valid (const char *text)
{
  gsize i;

  if (text == NULL)
    return FALSE;
  for (i = 0; text[i] != '\0'; i++)
    if (!((text[i] >= '0' && text[i] <= '9') || (text[i] >= 'a' && text[i] <= 'f')))
      return FALSE;
  return i == 64;
}

void
loket_sync_event_add_to_builder (JsonBuilder *builder, LoketEvent *event, gint64 seq)
{
  const char *prev_hash = loket_event_get_prev_hash (event);
  const char *hash = loket_event_get_hash (event);

  json_builder_begin_object (builder);
  if (seq > 0)
    {
      json_builder_set_member_name (builder, "seq");
      json_builder_add_int_value (builder, seq);
    }
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, loket_event_get_uuid (event));
  json_builder_set_member_name (builder, "case_uuid");
  json_builder_add_string_value (builder, loket_event_get_case_uuid (event));
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, loket_event_get_event_type (event));
  json_builder_set_member_name (builder, "author");
  json_builder_add_string_value (builder, loket_event_get_author (event));
  json_builder_set_member_name (builder, "device");
  json_builder_add_string_value (builder, loket_event_get_device (event));
  json_builder_set_member_name (builder, "hlc");
  json_builder_add_string_value (builder, loket_event_get_hlc (event));
  json_builder_set_member_name (builder, "body_text");
  json_builder_add_string_value (builder, loket_event_get_body (event));
  json_builder_set_member_name (builder, "prev_hash");
  if (prev_hash != NULL && *prev_hash != '\0')
    json_builder_add_string_value (builder, prev_hash);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "hash");
  if (hash != NULL && *hash != '\0')
    json_builder_add_string_value (builder, hash);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);
}

static gboolean
invalid (GError **error, GError *cause, const char *what)
{
  if (cause != NULL)
    g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_INVALID_EVENT, "%s", cause->message);
  else
    g_set_error_literal (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_INVALID_EVENT, what);
  return FALSE;
}

LoketEvent *
loket_sync_event_from_object (JsonObject *object, gint64 *seq, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (LoketEvent) event = NULL;
  g_autofree char *body_owned = NULL;
  g_autofree char *computed = NULL;
  const char      *uuid, *case_uuid, *type, *author, *device, *hlc, *body_text, *prev_hash, *hash;
  JsonNode        *body_node;
  gint64           seq_value = 0;

  g_return_val_if_fail (object != NULL, NULL);

  if (seq != NULL)
    *seq = 0;

  if (!_loket_sync_get_string (object, "uuid", TRUE, MAX_ID_BYTES, &uuid, &local_error)
      || !_loket_sync_get_string (object, "case_uuid", TRUE, MAX_ID_BYTES, &case_uuid, &local_error)
      || !_loket_sync_get_string (object, "type", TRUE, MAX_ID_BYTES, &type, &local_error)
      || !_loket_sync_get_string (object, "author", TRUE, MAX_ID_BYTES, &author, &local_error)
      || !_loket_sync_get_string (object, "device", TRUE, MAX_ID_BYTES, &device, &local_error)
      || !_loket_sync_get_string (object, "hlc", TRUE, MAX_ID_BYTES, &hlc, &local_error)
      || !_loket_sync_get_string (object, "body_text", FALSE, 2 * 1024 * 1024, &body_text,
                                  &local_error)
      || !_loket_sync_get_string (object, "prev_hash", FALSE, 64, &prev_hash, &local_error)
      || !_loket_sync_get_string (object, "hash", FALSE, 64, &hash, &local_error)
      || !_loket_sync_get_int (object, "seq", FALSE, &seq_value, &local_error))
    return (invalid (error, local_error, NULL), NULL);

  body_node = json_object_get_member (object, "body");
  if (body_node != NULL && JSON_NODE_HOLDS_NULL (body_node))
    body_node = NULL;
  if ((body_node == NULL) == (body_text == NULL))
    return (invalid (error, NULL, "An event needs exactly one of “body” and “body_text”"), NULL);
  if (body_node != NULL)
    {
      if (!JSON_NODE_HOLDS_OBJECT (body_node))
        return (invalid (error, NULL, "The event body is not a JSON object"), NULL);
      body_owned = json_to_string (body_node, FALSE);
      body_text = body_owned;
    }

  if ((prev_hash != NULL && *prev_hash != '\0' && !loket_sync_sha256_is_valid (prev_hash))
      || (hash != NULL && *hash != '\0' && !loket_sync_sha256_is_valid (hash)))
    return (invalid (error, NULL, "The event’s hash is not a lower-case hex SHA-256"), NULL);
  if (seq_value < 0)
    return (invalid (error, NULL, "The event’s sequence number is negative"), NULL);

  event
    = loket_event_new_checked (uuid, case_uuid, type, author, device, hlc, body_text, &local_error);
  if (event == NULL)
    return (invalid (error, local_error, NULL), NULL);

  if (hash != NULL && *hash != '\0')
    {
      computed = loket_event_compute_hash (event, prev_hash);
      if (!g_str_equal (computed, hash))
        return (invalid (error, NULL, "The event’s hash does not match its content"), NULL);
    }
  loket_event_set_chain (event, prev_hash != NULL && *prev_hash != '\0' ? prev_hash : NULL,
                         hash != NULL && *hash != '\0' ? hash : NULL);

  if (seq != NULL)
    *seq = seq_value;
  return g_steal_pointer (&event);
}

/* ---- Push request ---------------------------------------------------------------------- */

char *
loket_sync_push_request_to_json (const char *device, GPtrArray *events, gsize *length)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (device != NULL, NULL);
  g_return_val_if_fail (events != NULL, NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "device");
  json_builder_add_string_value (builder, device);
  json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);
  for (guint i = 0; i < events->len; i++)
    loket_sync_event_add_to_builder (builder, g_ptr_array_index (events, i), 0);
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return _loket_sync_builder_to_string (builder, length);
}

void
loket_sync_push_request_free (LoketSyncPushRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->device);
  g_clear_pointer (&request->events, g_ptr_array_unref);
  g_free (request);
}

LoketSyncPushRequest *
loket_sync_push_request_parse (const char *data, gsize length, char **invalid_event, GError **error)
{
  g_autoptr (JsonObject) root = NULL;
  g_autoptr (LoketSyncPushRequest) request = NULL;
  g_autoptr (GHashTable) seen = NULL;
  const char *device;
  JsonArray  *array;
  guint       n;

  if (invalid_event != NULL)
    *invalid_event = NULL;

  root = _loket_sync_parse_object (data, length, error);
  if (root == NULL)
    return NULL;
  if (!_loket_sync_get_string (root, "device", TRUE, MAX_ID_BYTES, &device, error))
    return NULL;
  array = _loket_sync_get_array (root, "events", error);
  if (array == NULL)
    return NULL;
  n = json_array_get_length (array);
  if (n > LOKET_SYNC_MAX_PUSH_EVENTS)
    {
      g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_TOO_LARGE,
                   "A push holds at most %d events", LOKET_SYNC_MAX_PUSH_EVENTS);
      return NULL;
    }

  request = g_new0 (LoketSyncPushRequest, 1);
  request->device = g_strdup (device);
  request->events = g_ptr_array_new_full (n, g_object_unref);
  seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < n; i++)
    {
      JsonNode   *node = json_array_get_element (array, i);
      LoketEvent *event;
      const char *uuid = NULL;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_INVALID_EVENT,
                       "Event %u is not a JSON object", i);
          if (invalid_event != NULL)
            *invalid_event = g_strdup ("");
          return NULL;
        }
      event = loket_sync_event_from_object (json_node_get_object (node), NULL, error);
      if (event == NULL)
        {
          if (invalid_event != NULL)
            {
              if (!_loket_sync_get_string (json_node_get_object (node), "uuid", FALSE, MAX_ID_BYTES,
                                           &uuid, NULL)
                  || uuid == NULL)
                uuid = "";
              *invalid_event = g_strdup (uuid);
            }
          return NULL;
        }
      g_ptr_array_add (request->events, event);
      if (!g_hash_table_add (seen, (gpointer) loket_event_get_uuid (event)))
        {
          g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_INVALID_EVENT,
                       "The batch holds the same event twice");
          if (invalid_event != NULL)
            *invalid_event = g_strdup (loket_event_get_uuid (event));
          return NULL;
        }
    }

  return g_steal_pointer (&request);
}

/* ---- Push reply ------------------------------------------------------------------------ */

LoketSyncPushReply *
loket_sync_push_reply_new (void)
{
  LoketSyncPushReply *reply = g_new0 (LoketSyncPushReply, 1);

  reply->accepted_uuids = g_ptr_array_new_with_free_func (g_free);
  reply->accepted_seqs = g_array_new (FALSE, FALSE, sizeof (gint64));
  reply->duplicates = g_ptr_array_new_with_free_func (g_free);
  return reply;
}

void
loket_sync_push_reply_add_accepted (LoketSyncPushReply *reply,
                                    const char         *uuid,
                                    gint64              seq,
                                    gboolean            duplicate)
{
  g_ptr_array_add (reply->accepted_uuids, g_strdup (uuid));
  g_array_append_val (reply->accepted_seqs, seq);
  if (duplicate)
    g_ptr_array_add (reply->duplicates, g_strdup (uuid));
}

void
loket_sync_push_reply_free (LoketSyncPushReply *reply)
{
  if (reply == NULL)
    return;
  g_ptr_array_unref (reply->accepted_uuids);
  g_array_unref (reply->accepted_seqs);
  g_ptr_array_unref (reply->duplicates);
  g_free (reply);
}

char *
loket_sync_push_reply_to_json (const LoketSyncPushReply *reply, gsize *length)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "accepted");
  json_builder_begin_array (builder);
  for (guint i = 0; i < reply->accepted_uuids->len; i++)
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "uuid");
      json_builder_add_string_value (builder, g_ptr_array_index (reply->accepted_uuids, i));
      json_builder_set_member_name (builder, "seq");
      json_builder_add_int_value (builder, g_array_index (reply->accepted_seqs, gint64, i));
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "duplicates");
  json_builder_begin_array (builder);
  for (guint i = 0; i < reply->duplicates->len; i++)
    json_builder_add_string_value (builder, g_ptr_array_index (reply->duplicates, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return _loket_sync_builder_to_string (builder, length);
}

LoketSyncPushReply *
loket_sync_push_reply_parse (const char *data, gsize length, GError **error)
{
  g_autoptr (JsonObject) root = NULL;
  g_autoptr (LoketSyncPushReply) reply = NULL;
  g_autoptr (GHashTable) accepted = NULL;
  JsonArray *array, *duplicates;

  root = _loket_sync_parse_object (data, length, error);
  if (root == NULL)
    return NULL;
  array = _loket_sync_get_array (root, "accepted", error);
  if (array == NULL)
    return NULL;
  duplicates = _loket_sync_get_array (root, "duplicates", error);
  if (duplicates == NULL)
    return NULL;

  reply = loket_sync_push_reply_new ();
  accepted = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode   *node = json_array_get_element (array, i);
      const char *uuid;
      gint64      seq = 0;

      if (!JSON_NODE_HOLDS_OBJECT (node)
          || !_loket_sync_get_string (json_node_get_object (node), "uuid", TRUE, MAX_ID_BYTES,
                                      &uuid, error)
          || !_loket_sync_get_int (json_node_get_object (node), "seq", TRUE, &seq, error)
          || seq <= 0 || !g_uuid_string_is_valid (uuid))
        {
          g_clear_error (error);
          g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST,
                       "Accepted entry %u is not { uuid, seq > 0 }", i);
          return NULL;
        }
      loket_sync_push_reply_add_accepted (reply, uuid, seq, FALSE);
      g_hash_table_add (accepted, g_ptr_array_index (reply->accepted_uuids, i));
    }
  for (guint i = 0; i < json_array_get_length (duplicates); i++)
    {
      JsonNode *node = json_array_get_element (duplicates, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING
          || !g_uuid_string_is_valid (json_node_get_string (node)))
        {
          g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST,
                       "Duplicate entry %u is not a UUID", i);
          return NULL;
        }
      g_ptr_array_add (reply->duplicates, g_strdup (json_node_get_string (node)));
    }

  return g_steal_pointer (&reply);
}

/* ---- Pull reply ------------------------------------------------------------------------ */

LoketSyncPullReply *
loket_sync_pull_reply_new (void)
{
  LoketSyncPullReply *reply = g_new0 (LoketSyncPullReply, 1);

  reply->events = g_ptr_array_new_with_free_func (g_object_unref);
  reply->seqs = g_array_new (FALSE, FALSE, sizeof (gint64));
  return reply;
}

void
loket_sync_pull_reply_add_event (LoketSyncPullReply *reply, LoketEvent *event, gint64 seq)
{
  g_ptr_array_add (reply->events, g_object_ref (event));
  g_array_append_val (reply->seqs, seq);
  if (seq > reply->last_seq)
    reply->last_seq = seq;
}

void
loket_sync_pull_reply_free (LoketSyncPullReply *reply)
{
  if (reply == NULL)
    return;
  g_ptr_array_unref (reply->events);
  g_array_unref (reply->seqs);
  g_free (reply);
}

char *
loket_sync_pull_reply_to_json (const LoketSyncPullReply *reply, gsize *length)
{
  g_autoptr (JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "events");
  json_builder_begin_array (builder);
  for (guint i = 0; i < reply->events->len; i++)
    loket_sync_event_add_to_builder (builder, g_ptr_array_index (reply->events, i),
                                     g_array_index (reply->seqs, gint64, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "last_seq");
  json_builder_add_int_value (builder, reply->last_seq);
  json_builder_set_member_name (builder, "more");
  json_builder_add_boolean_value (builder, reply->more);
  json_builder_end_object (builder);

  return _loket_sync_builder_to_string (builder, length);
}

LoketSyncPullReply *
loket_sync_pull_reply_parse (const char *data, gsize length, GError **error)
{
  g_autoptr (JsonObject) root = NULL;
  g_autoptr (LoketSyncPullReply) reply = NULL;
  JsonArray *array;
  gint64     last_seq = 0, previous = 0;
  gboolean   more = FALSE;

  root = _loket_sync_parse_object (data, length, error);
  if (root == NULL)
    return NULL;
  array = _loket_sync_get_array (root, "events", error);
  if (array == NULL || !_loket_sync_get_int (root, "last_seq", TRUE, &last_seq, error)
      || !_loket_sync_get_bool (root, "more", &more, error))
    return NULL;
  if (json_array_get_length (array) > LOKET_SYNC_MAX_PULL_LIMIT)
    {
      g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_TOO_LARGE,
                   "A pull page holds at most %d events", LOKET_SYNC_MAX_PULL_LIMIT);
      return NULL;
    }

  reply = loket_sync_pull_reply_new ();
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autoptr (LoketEvent) event = NULL;
      gint64 seq = 0;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_INVALID_EVENT,
                       "Event %u is not a JSON object", i);
          return NULL;
        }
      event = loket_sync_event_from_object (json_node_get_object (node), &seq, error);
      if (event == NULL)
        return NULL;
      if (seq <= previous || seq > last_seq)
        {
          g_set_error (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST,
                       "Event %u has a missing or out-of-order sequence number", i);
          return NULL;
        }
      previous = seq;
      loket_sync_pull_reply_add_event (reply, event, seq);
    }
  if (last_seq < 0)
    {
      g_set_error_literal (error, LOKET_SYNC_ERROR, LOKET_SYNC_ERROR_BAD_REQUEST,
                           "last_seq is negative");
      return NULL;
    }
  reply->last_seq = last_seq;
  reply->more = more;

  return g_steal_pointer (&reply);
}
