// SPDX-License-Identifier: GPL-3.0-or-later
// The sync protocol's error codes and error body (src/sync/PROTOCOL.md "Errors").
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define LOKET_SYNC_ERROR (loket_sync_error_quark ())

/* One GError code per wire code; the client shows its own text per code. */
typedef enum
{
  LOKET_SYNC_ERROR_BAD_REQUEST,            /* 400 bad_request */
  LOKET_SYNC_ERROR_UNSUPPORTED_MEDIA_TYPE, /* 415 unsupported_media_type */
  LOKET_SYNC_ERROR_UNAUTHORIZED,           /* 401 unauthorized */
  LOKET_SYNC_ERROR_LOGIN_FAILED,           /* 401 login_failed */
  LOKET_SYNC_ERROR_THROTTLED,              /* 429 throttled */
  LOKET_SYNC_ERROR_FORBIDDEN,              /* 403 forbidden */
  LOKET_SYNC_ERROR_NOT_FOUND,              /* 404 not_found */
  LOKET_SYNC_ERROR_HASH_MISMATCH,          /* 422 hash_mismatch */
  LOKET_SYNC_ERROR_INVALID_EVENT,          /* 422 invalid_event */
  LOKET_SYNC_ERROR_TOO_LARGE,              /* 413 too_large */
  LOKET_SYNC_ERROR_CONFLICT,               /* 409 conflict */
  LOKET_SYNC_ERROR_UNAVAILABLE,            /* 503 unavailable */
  LOKET_SYNC_ERROR_INTERNAL,               /* 500 internal */
} LoketSyncError;

GQuark      loket_sync_error_quark       (void);

/* "bad_request", …; NULL for a value outside the enum. */
const char *loket_sync_error_code_name   (LoketSyncError code);
gboolean    loket_sync_error_code_from_name (const char     *name,
                                             LoketSyncError *code);
guint       loket_sync_error_http_status (LoketSyncError code);

/* `{ "error": { "code", "message", "event"? } }`. @event_uuid may be NULL. */
char       *loket_sync_error_body_to_json (LoketSyncError code,
                                           const char    *message,
                                           const char    *event_uuid) G_GNUC_WARN_UNUSED_RESULT;

/* The error a non-2xx reply stands for. A body that is not a valid error body gives the code that
 * matches @http_status (internal when none does). @event_uuid (optional) gets the "event" member. */
GError     *loket_sync_error_from_reply  (guint        http_status,
                                          const char  *body,
                                          gsize        length,
                                          char       **event_uuid) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
