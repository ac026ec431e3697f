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
