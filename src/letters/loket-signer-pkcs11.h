// SPDX-License-Identifier: GPL-3.0-or-later
// LoketPkcs11Signer: a LoketSigner whose key and certificate live on a PKCS#11 token.
#pragma once

#include "loket-signer.h"

G_BEGIN_DECLS

#define LOKET_TYPE_PKCS11_SIGNER (loket_pkcs11_signer_get_type ())
G_DECLARE_FINAL_TYPE (LoketPkcs11Signer, loket_pkcs11_signer, LOKET, PKCS11_SIGNER, GObject)

/* @url names the token object (e.g. "pkcs11:token=T;object=signer"); any "type=" attribute is
 * replaced to find the private key and its certificate. @pin is used once per login and never
 * logged; a wrong PIN is refused without retrying (so the token is not locked by us). */
LoketPkcs11Signer *loket_pkcs11_signer_new (const char *url,
                                            const char *pin,
                                            GError    **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
