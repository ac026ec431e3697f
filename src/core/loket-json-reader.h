// SPDX-License-Identifier: GPL-3.0-or-later
// A small strict JSON reader for event bodies: the same JsonNode tree as json-glib, built
// without GScanner (json-glib's parser is most of the cost of a projection rebuild).
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Parses @text (@length bytes, valid UTF-8) as one RFC 8259 JSON value. Integers without fraction
 * or exponent that fit in gint64 become G_TYPE_INT64 values, other numbers doubles, as in
 * json-glib. Returns NULL on any syntax error or nesting deeper than 64: callers that need to say
 * why parse again with JsonParser. */
JsonNode *loket_json_read (const char *text,
                           gsize       length) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS

G_BEGIN_DECLS

/* The same reader, building a light read-only tree in one arena instead of json-glib nodes: what
 * the projector and the disposition ledger read event bodies with (a million of them in a
 * rebuild). Same grammar, limits and number rules as loket_json_read(). */
typedef enum
{
  LOKET_JSON_NULL,
  LOKET_JSON_BOOLEAN,
  LOKET_JSON_INT,
  LOKET_JSON_DOUBLE,
  LOKET_JSON_STRING,
  LOKET_JSON_ARRAY,
  LOKET_JSON_OBJECT,
} LoketJsonType;

typedef struct _LoketJsonValue LoketJsonValue;
struct _LoketJsonValue
{
  LoketJsonType   type;
  guint           n_children; /* elements of an array, members of an object */
  const char     *name;       /* the member name inside an object, else NULL */
  LoketJsonValue *next;       /* the next element or member */
  union
  {
    gboolean        boolean;
    gint64          integer;
    double          number;
    const char     *string;
    LoketJsonValue *first; /* the first element or member */
  } v;
};

typedef struct _LoketJsonDoc LoketJsonDoc;

/* NULL on any syntax error (see loket_json_read()). */
LoketJsonDoc         *loket_json_doc_read         (const char           *text,
                                                   gsize                 length) G_GNUC_WARN_UNUSED_RESULT;
const LoketJsonValue *loket_json_doc_get_root     (const LoketJsonDoc   *doc);
void                  loket_json_doc_free         (LoketJsonDoc         *doc);
/* The member @name of @object (the last one when repeated, as json-glib keeps it), or NULL;
 * NULL when @object is NULL or not an object. */
const LoketJsonValue *loket_json_value_get_member (const LoketJsonValue *object,
                                                   const char           *name);
/* Element @index of @array, or NULL. */
const LoketJsonValue *loket_json_value_get_element (const LoketJsonValue *array,
                                                    guint                 index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketJsonDoc, loket_json_doc_free)

/* An ISO 8601 date and time with its UTC offset (as event bodies hold them) as Unix seconds:
 * exactly what g_date_time_new_from_iso8601 (@text, NULL) and g_date_time_to_unix() give,
 * without making a GTimeZone for the common "2025-10-17T10:35:59+08" forms. FALSE where
 * GLib gives NULL. */
gboolean loket_iso8601_to_unix (const char *text,
                                gint64     *out);

G_END_DECLS
