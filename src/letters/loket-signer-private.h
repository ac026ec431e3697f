// SPDX-License-Identifier: GPL-3.0-or-later
// Shared by the local signers: certificate checks and CMS assembly with GnuTLS.
#pragma once

#include <gio/gio.h>
#include <gnutls/abstract.h>
#include <gnutls/crypto.h>
#include <gnutls/x509.h>

G_BEGIN_DECLS

/* OID of the ESS signing-certificate-v2 attribute (RFC 5035). */
#define LOKET_OID_SIGNING_CERTIFICATE_V2 "1.2.840.113549.1.9.16.2.47"

gboolean _loket_signer_check_certificate (gnutls_x509_crt_t  crt,
                                          GError           **error);
gboolean _loket_signer_check_key         (gnutls_x509_crt_t  crt,
                                          gnutls_privkey_t   key,
                                          GError           **error);
GBytes  *_loket_signer_make_cms          (gnutls_x509_crt_t  crt,
                                          gnutls_x509_crt_t *chain,
                                          guint              n_chain,
                                          gnutls_privkey_t   key,
                                          GBytes            *content,
                                          GError           **error);
GBytes  *_loket_signer_signing_certificate_v2 (gnutls_x509_crt_t crt,
                                               GError          **error);
char    *_loket_signer_crt_common_name   (gnutls_x509_crt_t  crt);
GBytes  *_loket_signer_crt_der           (gnutls_x509_crt_t  crt);

G_END_DECLS
