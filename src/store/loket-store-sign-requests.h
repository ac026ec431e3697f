// SPDX-License-Identifier: GPL-3.0-or-later
// LoketStore remote-signing queue: one row per request to a remote signer (BSrE), never resent.
#pragma once

#include "loket-store.h"

G_BEGIN_DECLS

/* queued → dispatched → signed | failed | unknown; unknown → signed | failed (reconciled). */
typedef enum
{
  LOKET_SIGN_REQUEST_QUEUED,
  LOKET_SIGN_REQUEST_DISPATCHED, /* sent, answer not yet in (after a crash: unknown) */
  LOKET_SIGN_REQUEST_UNKNOWN,    /* sent, answer lost: reconcile, never resend */
  LOKET_SIGN_REQUEST_SIGNED,
  LOKET_SIGN_REQUEST_FAILED,
} LoketSignRequestState;

const char *loket_sign_request_state_to_string (LoketSignRequestState state);

/* No NIK, no passphrase: only what is needed to reconcile. */
typedef struct
{
  char                 *id;
  char                 *letter_id;     /* may be NULL */
  char                 *digest_sha256; /* hex, of the signed bytes */
  LoketSignRequestState state;
  char                 *service_url;
  char                 *cms_base64;    /* when signed */
  char                 *message;       /* why it failed, or NULL */
  gint64                created_at;
  gint64                updated_at;
} LoketSignRequest;

void loket_sign_request_free (LoketSignRequest *request);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LoketSignRequest, loket_sign_request_free)

/* Records a new request in state QUEUED. */
gboolean          loket_store_add_sign_request   (LoketStore             *self,
                                                  const char             *id,
                                                  const char             *letter_id,
                                                  const char             *digest_sha256,
                                                  const char             *service_url,
                                                  GError                **error);
/* Moves @id to @state (only forward: a SIGNED or FAILED request is final, LOKET_ERROR_CONFLICT
 * otherwise); @cms_base64 and @message may be NULL. */
gboolean          loket_store_set_sign_request   (LoketStore             *self,
                                                  const char             *id,
                                                  LoketSignRequestState   state,
                                                  const char             *cms_base64,
                                                  const char             *message,
                                                  GError                **error);
/* NULL with LOKET_ERROR_NOT_FOUND when there is no such request. */
LoketSignRequest *loket_store_get_sign_request   (LoketStore             *self,
                                                  const char             *id,
                                                  GError                **error) G_GNUC_WARN_UNUSED_RESULT;
/* Requests not yet final (queued, dispatched, unknown), oldest first. (element LoketSignRequest) */
GPtrArray        *loket_store_list_open_sign_requests (LoketStore  *self,
                                                       GError     **error);
/* At start-up, before any request is in flight: every DISPATCHED request (its process ended
 * before the answer came) becomes UNKNOWN. Returns how many. */
guint             loket_store_recover_sign_requests   (LoketStore  *self,
                                                       GError     **error);

G_END_DECLS
