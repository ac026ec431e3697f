// SPDX-License-Identifier: GPL-3.0-or-later
// One immutable case event: the unit of storage, audit and sync (DESIGN.md §3).

#include "config.h"

#include "loket-event.h"
#include "loket-json-reader.h"

#include <glib/gi18n-lib.h>

#include "loket-error.h"
#include "loket-hlc.h"

#include <string.h>

#define MAX_NAME_BYTES 200
#define MAX_BODY_BYTES (1024 * 1024)

struct _LoketEvent
{
  GObject parent_instance;

  char *uuid;
  char *case_uuid;
  char *type;
  char *author;
  char *device;
  char *hlc;
  char *body;
  char *prev_hash;
  char *hash;
};

G_DEFINE_FINAL_TYPE (LoketEvent, loket_event, G_TYPE_OBJECT)

/* ^[a-z_]+\.[a-z_]+$ */
static gboolean
is_valid_type (const char *type)
{
  gboolean seen_dot = FALSE;
  gsize    run = 0;

  for (const char *p = type; *p != '\0'; p++)
    {
      if (*p == '.')
        {
          if (seen_dot || run == 0)
            return FALSE;
          seen_dot = TRUE;
          run = 0;
        }
      else if ((*p >= 'a' && *p <= 'z') || *p == '_')
        {
          run++;
        }
      else
        {
          return FALSE;
        }
    }

  return seen_dot && run > 0;
}

static gboolean
check_name (const char *field, const char *value, GError **error)
{
  if (value == NULL || *value == '\0')
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA, _ ("The event has no %s"), field);
      return FALSE;
    }
  if (strlen (value) > MAX_NAME_BYTES || !g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("The event’s %s is not valid UTF-8 text of at most %d bytes"), field,
                   MAX_NAME_BYTES);
      return FALSE;
    }
  return TRUE;
}

static JsonObject *
parse_object (const char *text, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new (); /* immutable nodes would be sealed and hashed: a fifth of a rebuild */
  g_autoptr (GError) local_error = NULL;
  JsonNode *root;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _ ("The event body is not valid UTF-8"));
      return NULL;
    }

  /* The fast reader handles every well-formed body; json-glib only says what is wrong. */
  root = loket_json_read (text, strlen (text));
  if (root != NULL)
    {
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (root) ? json_object_ref (json_node_get_object (root))
                                                         : NULL;
      json_node_unref (root);
      if (object != NULL)
        return object;
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _ ("The event body is not a JSON object"));
      return NULL;
    }

  if (!json_parser_load_from_data (parser, text, -1, &local_error))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("The event body is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _ ("The event body is not a JSON object"));
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

/* One field of the hash input: decimal byte length, ':', the bytes, ';'. A field list maps to
 * exactly one byte string and back, so no two different events share a hash input. */
static void
hash_field (GChecksum *checksum, const char *value)
{
  char  prefix[32];
  gsize len = value != NULL ? strlen (value) : 0;
  int   n;

  n = g_snprintf (prefix, sizeof prefix, "%" G_GSIZE_FORMAT ":", len);
  g_checksum_update (checksum, (const guchar *) prefix, n);
  if (len > 0)
    g_checksum_update (checksum, (const guchar *) value, len);
  g_checksum_update (checksum, (const guchar *) ";", 1);
}

static void
loket_event_finalize (GObject *object)
{
  LoketEvent *self = (LoketEvent *) object;

  g_free (self->uuid);
  g_free (self->case_uuid);
  g_free (self->type);
  g_free (self->author);
  g_free (self->device);
  g_free (self->hlc);
  g_free (self->body);
  g_free (self->prev_hash);
  g_free (self->hash);

  G_OBJECT_CLASS (loket_event_parent_class)->finalize (object);
}

static void
loket_event_class_init (LoketEventClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = loket_event_finalize;
}

static void
loket_event_init (LoketEvent *self)
{
}

LoketEvent *
loket_event_new (const char *uuid,
                 const char *case_uuid,
                 const char *type,
                 const char *author,
                 const char *device,
                 const char *hlc,
                 const char *body_json)
{
  LoketEvent *self;

  g_return_val_if_fail (case_uuid != NULL, NULL);
  g_return_val_if_fail (type != NULL, NULL);
  g_return_val_if_fail (author != NULL, NULL);
  g_return_val_if_fail (device != NULL, NULL);
  g_return_val_if_fail (hlc != NULL, NULL);
  g_return_val_if_fail (body_json != NULL, NULL);

  self = g_object_new (LOKET_TYPE_EVENT, NULL);
  self->uuid = uuid != NULL ? g_strdup (uuid) : g_uuid_string_random ();
  self->case_uuid = g_strdup (case_uuid);
  self->type = g_strdup (type);
  self->author = g_strdup (author);
  self->device = g_strdup (device);
  self->hlc = g_strdup (hlc);
  self->body = g_strdup (body_json);

  return self;
}

LoketEvent *
loket_event_new_checked (const char *uuid,
                         const char *case_uuid,
                         const char *type,
                         const char *author,
                         const char *device,
                         const char *hlc,
                         const char *body_json,
                         GError    **error)
{
  g_autoptr (JsonObject) body = NULL;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (uuid != NULL && !g_uuid_string_is_valid (uuid))
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _ ("The event identifier is not a valid UUID"));
      return NULL;
    }
  if (case_uuid == NULL || !g_uuid_string_is_valid (case_uuid))
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _ ("The case identifier of the event is not a valid UUID"));
      return NULL;
    }
  if (type == NULL || !is_valid_type (type))
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA, _ ("Invalid event type “%s”"),
                   type != NULL && g_utf8_validate (type, -1, NULL) ? type : "");
      return NULL;
    }
  if (!check_name (_ ("author"), author, error) || !check_name (_ ("device"), device, error))
    return NULL;
  if (hlc == NULL || !loket_hlc_parse (hlc, NULL, NULL))
    {
      g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                           _ ("The event has a malformed clock timestamp"));
      return NULL;
    }
  if (body_json == NULL || strlen (body_json) > MAX_BODY_BYTES)
    {
      g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                   _ ("The event body is missing or larger than %d bytes"), MAX_BODY_BYTES);
      return NULL;
    }

  body = parse_object (body_json, error);
  if (body == NULL)
    return NULL;

  return loket_event_new (uuid, case_uuid, type, author, device, hlc, body_json);
}

const char *
loket_event_get_uuid (LoketEvent *self)
{
  g_return_val_if_fail (LOKET_IS_EVENT (self), NULL);
  return self->uuid;
}

const char *
loket_event_get_case_uuid (LoketEvent *self)
{
  g_return_val_if_fail (LOKET_IS_EVENT (self), NULL);
  return self->case_uuid;
}

const char *
loket_event_get_event_type (LoketEvent *self)
{
  g_return_val_if_fail (LOKET_IS_EVENT (self), NULL);
  return self->type;
}

const char *
loket_event_get_author (LoketEvent *self)
{
  g_return_val_if_fail (LOKET_IS_EVENT (self), NULL);
  return self->author;
}

const char *
loket_event_get_device (LoketEvent *self)
{
  g_return_val_if_fail (LOKET_IS_EVENT (self), NULL);
  return self->device;
}

const char *
loket_event_get_hlc (LoketEvent *self)
{
  g_return_val_if_fail (LOKET_IS_EVENT (self), NULL);
  return self->hlc;
}

const char *
loket_event_get_body (LoketEvent *self)
{
  g_return_val_if_fail (LOKET_IS_EVENT (self), NULL);
  return self->body;
}

const char *
loket_event_get_prev_hash (LoketEvent *self)
{
  g_return_val_if_fail (LOKET_IS_EVENT (self), NULL);
  return self->prev_hash;
}

const char *
loket_event_get_hash (LoketEvent *self)
{
  g_return_val_if_fail (LOKET_IS_EVENT (self), NULL);
  return self->hash;
}

void
loket_event_set_chain (LoketEvent *self, const char *prev_hash, const char *hash)
{
  g_return_if_fail (LOKET_IS_EVENT (self));

  g_free (self->prev_hash);
  self->prev_hash = g_strdup (prev_hash);
  g_free (self->hash);
  self->hash = g_strdup (hash);
}

char *
loket_event_compute_hash (LoketEvent *self, const char *prev_hash)
{
  g_autoptr (GChecksum) checksum = NULL;

  g_return_val_if_fail (LOKET_IS_EVENT (self), NULL);

  checksum = g_checksum_new (G_CHECKSUM_SHA256);
  hash_field (checksum, "loket-event-v1");
  hash_field (checksum, self->uuid);
  hash_field (checksum, self->case_uuid);
  hash_field (checksum, self->type);
  hash_field (checksum, self->author);
  hash_field (checksum, self->device);
  hash_field (checksum, self->hlc);
  hash_field (checksum, self->body);
  hash_field (checksum, prev_hash); /* NULL and "" both mean "first event of the case" */

  return g_strdup (g_checksum_get_string (checksum));
}

JsonObject *
loket_event_parse_body (LoketEvent *self, GError **error)
{
  g_return_val_if_fail (LOKET_IS_EVENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return parse_object (self->body, error);
}

LoketJsonDoc *
loket_event_read_body (LoketEvent *self, GError **error)
{
  g_autoptr (JsonObject) object = NULL;
  g_autoptr (JsonNode) root = NULL;
  g_autofree char *text = NULL;
  LoketJsonDoc *doc;
  gsize         length;

  g_return_val_if_fail (LOKET_IS_EVENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  length = strlen (self->body);
  if (g_utf8_validate_len (self->body, length, NULL)
      && (doc = loket_json_doc_read (self->body, length)) != NULL)
    {
      if (loket_json_doc_get_root (doc)->type == LOKET_JSON_OBJECT)
        return doc;
      loket_json_doc_free (doc);
    }

  /* Every error, and what json-glib accepts beyond RFC 8259, goes the json-glib way. */
  object = parse_object (self->body, error);
  if (object == NULL)
    return NULL;
  root = json_node_init_object (json_node_alloc (), object);
  text = json_to_string (root, FALSE);
  doc = loket_json_doc_read (text, strlen (text));
  if (doc == NULL)
    g_set_error_literal (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA,
                         _ ("The event body is not a JSON object"));
  return doc;
}

gint64
loket_event_get_wall_seconds (LoketEvent *self)
{
  g_return_val_if_fail (LOKET_IS_EVENT (self), 0);

  return self->hlc != NULL ? g_ascii_strtoll (self->hlc, NULL, 10) / 1000 : 0;
}

gboolean
loket_event_body_invalid (LoketEvent *self, const char *member, const char *problem, GError **error)
{
  g_return_val_if_fail (LOKET_IS_EVENT (self), FALSE);

  g_set_error (error, LOKET_ERROR, LOKET_ERROR_INVALID_DATA, _ ("Event %s (%s): “%s” %s"),
               self->uuid, self->type, member, problem);
  return FALSE;
}

int
loket_event_compare (LoketEvent *a, LoketEvent *b)
{
  int cmp;

  g_return_val_if_fail (LOKET_IS_EVENT (a), 0);
  g_return_val_if_fail (LOKET_IS_EVENT (b), 0);

  cmp = strcmp (a->hlc, b->hlc);
  if (cmp != 0)
    return cmp;

  return strcmp (a->uuid, b->uuid);
}
