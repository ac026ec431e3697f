// SPDX-License-Identifier: GPL-3.0-or-later
// LoketPkcs12Signer: a LoketSigner whose key and certificate come from a PKCS#12 file.
#pragma once

#include "loket-signer.h"

G_BEGIN_DECLS

#define LOKET_TYPE_PKCS12_SIGNER (loket_pkcs12_signer_get_type ())
G_DECLARE_FINAL_TYPE (LoketPkcs12Signer, loket_pkcs12_signer, LOKET, PKCS12_SIGNER, GObject)

/* Loads @path with @password (never logged) and refuses a wrong password, an expired or
 * not-yet-valid certificate and a certificate that is not for signing. */
LoketPkcs12Signer *loket_pkcs12_signer_new (const char *path,
                                            const char *password,
                                            GError    **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
