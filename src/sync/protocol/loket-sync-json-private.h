// SPDX-License-Identifier: GPL-3.0-or-later
// JSON reading helpers shared by the protocol's message parsers.
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The root object of @data; LOKET_SYNC_ERROR_BAD_REQUEST when it is not a JSON object. */
JsonObject *_loket_sync_parse_object (const char *data,
                                      gsize       length,
                                      GError    **error) G_GNUC_WARN_UNUSED_RESULT;

/* A string member of at most @max_bytes valid UTF-8 bytes; NULL when absent and !@required. */
gboolean    _loket_sync_get_string   (JsonObject  *object,
                                      const char  *member,
                                      gboolean     required,
                                      gsize        max_bytes,
                                      const char **value,
                                      GError     **error);
/* An integer member (a JSON number without fraction). */
gboolean    _loket_sync_get_int      (JsonObject *object,
                                      const char *member,
                                      gboolean    required,
                                      gint64     *value,
                                      GError    **error);
gboolean    _loket_sync_get_bool     (JsonObject *object,
                                      const char *member,
                                      gboolean   *value,
                                      GError    **error);
/* An array member (required). */
JsonArray  *_loket_sync_get_array    (JsonObject *object,
                                      const char *member,
                                      GError    **error);
/* An ISO 8601 time with an offset. */
GDateTime  *_loket_sync_get_time     (JsonObject *object,
                                      const char *member,
                                      GError    **error) G_GNUC_WARN_UNUSED_RESULT;

char       *_loket_sync_builder_to_string (JsonBuilder *builder,
                                           gsize       *length) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
