// SPDX-License-Identifier: GPL-3.0-or-later
// The HTTP side of the BSrE adapter (libsoup 3): token, sign hash, status. No secrets logged.
#pragma once

#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "loket-bsre-signer.h"

G_BEGIN_DECLS

/* A session with the service's timeout; loopback tests use plain HTTP. */
SoupSession *_loket_bsre_session_new (const LoketBsreService *service);

/* POSTs @body to @base_url + @path. Returns the parsed JSON answer (NULL body → an empty
 * object) and the HTTP status; *@sent tells whether the whole request had been written before
 * a failure (then the server may have acted on it). FALSE with @error when no answer came. */
JsonObject *_loket_bsre_post (SoupSession   *session,
                              const char    *base_url,
                              const char    *path,
                              const char    *authorization,
                              JsonNode      *body,
                              guint         *status,
                              gboolean      *sent,
                              GCancellable  *cancellable,
                              GError       **error);

/* "Bearer …" from the token endpoint; LOKET_BSRE_ERROR_NOT_SENT on any failure. */
char *_loket_bsre_get_token (SoupSession            *session,
                             const LoketBsreService *service,
                             GCancellable           *cancellable,
                             GError                **error);

G_END_DECLS
