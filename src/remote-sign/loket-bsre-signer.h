// SPDX-License-Identifier: GPL-3.0-or-later
// LoketBsreSigner: BSrE remote signing of a document digest (NIK + passphrase), queued in the
// store, never retried automatically; lost answers are "outcome unknown" until reconciled.
#pragma once

#include <gio/gio.h>

#include "loket-signer.h"
#include "loket-store-sign-requests.h"

G_BEGIN_DECLS

#define LOKET_BSRE_ERROR (loket_bsre_error_quark ())

typedef enum
{
  LOKET_BSRE_ERROR_WRONG_PASSPHRASE, /* the service refused the NIK/passphrase: nothing signed */
  LOKET_BSRE_ERROR_REFUSED,          /* another refusal (4xx): nothing signed */
  LOKET_BSRE_ERROR_NOT_SENT,         /* offline, no token, connection failed: nothing sent */
  LOKET_BSRE_ERROR_OUTCOME_UNKNOWN,  /* sent, but no usable answer: reconcile, do not resend */
  LOKET_BSRE_ERROR_DIGEST_MISMATCH,  /* a resolved request is for other bytes */
} LoketBsreError;

GQuark loket_bsre_error_quark (void);

/* The service. The API is BSrE's hash-signing API as integrators document it (anchors.md §1.3):
 *   POST {base}/oauth2/token  Basic client_id:client_secret, {"grant_type":"client_credentials"}
 *        → {"access_token": "…"}
 *   POST {base}/v2/esign/v2/api/entity/sign/hash/pdf  Bearer token,
 *        {"nik", "passphrase", "idSubscriber": null, "signaturePropertiesHashMap": {"0": {
 *          "documentDigestBase64", "signatureLevel": "PAdES_BASELINE_LT", "tampilan": "INVISIBLE",
 *          …}}}  → {"data": {"cmsSignedDataHashMap": {"0": "<base64 CMS>"}}}
 *   Reconciliation (ASSUMED: no integrator documents a status query; replace when BSrE's own
 *   documentation is obtained):
 *   POST {base}/v2/esign/v2/api/entity/sign/hash/status  Bearer token,
 *        {"documentDigestBase64"} → {"data": {"status": "SIGNED"|"NOT_FOUND"|"FAILED",
 *          "cmsSignedData": "<base64 CMS>"}} */
typedef struct
{
  const char *base_url;      /* "https://api-bsre.bssn.go.id", "http://127.0.0.1:PORT" in tests */
  const char *client_id;
  const char *client_secret;
  guint       timeout;       /* seconds to wait for an answer (0: 60) */
} LoketBsreService;

#define LOKET_TYPE_BSRE_SIGNER (loket_bsre_signer_get_type ())
G_DECLARE_FINAL_TYPE (LoketBsreSigner, loket_bsre_signer, LOKET, BSRE_SIGNER, GObject)

/* A signer for one signing by the holder of @nik. @passphrase is kept in memory only (wiped when
 * the signer goes), never stored or logged. Each sign_cms() records a request in @store first. */
LoketBsreSigner *loket_bsre_signer_new          (LoketStore             *store,
                                                 const LoketBsreService *service,
                                                 const char             *nik,
                                                 const char             *passphrase,
                                                 const char             *signer_name,
                                                 const char             *letter_id) G_GNUC_WARN_UNUSED_RESULT;
/* A signer that makes no request: it returns the CMS of the SIGNED request @request_id when the
 * bytes to sign have that request's digest (to finish the PDF of a reconciled request with the
 * same signing options). */
LoketBsreSigner *loket_bsre_signer_new_resolved (LoketStore             *store,
                                                 const char             *request_id,
                                                 const char             *signer_name) G_GNUC_WARN_UNUSED_RESULT;
/* The id of the request the last sign_cms() recorded, or NULL. */
const char      *loket_bsre_signer_get_request_id (LoketBsreSigner *self);

/* Asks the service what became of UNKNOWN (or QUEUED/DISPATCHED left over) request @request_id
 * and records the answer: SIGNED (with its CMS) or FAILED. Returns the state now stored; on a
 * network problem the request stays UNKNOWN and @error is set. Never sends a new signing. */
LoketSignRequestState loket_bsre_reconcile      (LoketStore             *store,
                                                 const LoketBsreService *service,
                                                 const char             *request_id,
                                                 GCancellable           *cancellable,
                                                 GError                **error);

G_END_DECLS
